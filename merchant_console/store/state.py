"""The sync state row and the quarantine of malformed records."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects.sqlite import insert

from ..core.policy import Policy
from .models import QuarantinedRecord, SyncState

STATE_ID = 1


def load_state(conn: Connection) -> dict[str, Any]:
    row = conn.execute(select(SyncState.__table__).where(SyncState.id == STATE_ID)).mappings().first()
    if row is None:
        return {"cursor": "", "clock_offset_ms": 0, "last_sync_at": None, "last_full_sync_at": None,
                "full_resyncs": 0, "policy": None, "role": None, "staff_id": None, "platform_url": None,
                "merchant_id": None, "merchant_name": None, "staff_name": None, "reason_codes": None,
                "announcement": None}
    return dict(row)


def save_state(conn: Connection, **fields: Any) -> None:
    stmt = insert(SyncState).values(id=STATE_ID, **fields)
    conn.execute(stmt.on_conflict_do_update(index_elements=[SyncState.id], set_=fields))


def load_policy(conn: Connection) -> Policy | None:
    data = load_state(conn).get("policy")
    return Policy.from_json(data) if data else None


def quarantine(conn: Connection, refund_id: str | None, raw: Any, error: str, at_ms: int) -> None:
    """Keep a malformed record (raw JSON and why); one entry per refund id, the latest wins."""
    try:
        # ASCII escapes: a lone surrogate from the platform stays visible as \\ud800 and storable
        raw_text = json.dumps(raw, ensure_ascii=True)[:1_000_000]
    except (TypeError, ValueError, RecursionError):
        raw_text = f"<{type(raw).__name__} that cannot be written as JSON>"
    if refund_id is not None:
        refund_id = refund_id.encode("utf-8", "replace").decode("utf-8")[:256]
        conn.execute(QuarantinedRecord.__table__.delete().where(QuarantinedRecord.refund_id == refund_id))
    error = error.encode("utf-8", "replace").decode("utf-8")
    conn.execute(insert(QuarantinedRecord).values(refund_id=refund_id, raw=raw_text, error=error[:2000],
                                                  received_at=at_ms))


def quarantined(conn: Connection) -> list[dict]:
    q = select(QuarantinedRecord.__table__).order_by(QuarantinedRecord.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def quarantine_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(QuarantinedRecord)).scalar_one()


def bump_full_resync(conn: Connection) -> None:
    conn.execute(update(SyncState).where(SyncState.id == STATE_ID)
                 .values(cursor="", full_resyncs=SyncState.full_resyncs + 1))
