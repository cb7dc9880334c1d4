"""A real console database (tmp sqlite) as the last sync left it: staff, role, policy, a few refunds."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from merchant_console.core.policy import Policy
from merchant_console.core.refund import parse_refund
from merchant_console.store import refunds, state
from merchant_console.store.engine import Database
from tests.factories import T0, refund_doc

NOW = T0 + 60_000   # the platform's time the actions are taken at (every refund's deadline is ahead)


def synced(db: Database, *, role: str = "operator", policy: Policy | None = None, staff_id: str = "s_7",
           staff_name: str = "小王") -> None:
    with db.write() as conn:
        state.save_state(conn, staff_id=staff_id, staff_name=staff_name, role=role,
                         policy=(policy or Policy.defaults()).to_json(), clock_offset_ms=0)


def put(db: Database, *docs: dict) -> None:
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])


def rows(db: Database, table: str) -> list[dict]:
    with db.read() as conn:
        return [dict(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).mappings()]


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "console.db")
    synced(d)
    put(d, *(refund_doc(n) for n in (1, 2, 3)))
    yield d
    d.close()


RID = refund_doc(1)["id"]
