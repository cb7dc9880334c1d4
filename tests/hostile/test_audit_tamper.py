"""Issue 14.6: the audit log shows entries deleted from its end and a chain rewritten without the key."""

from __future__ import annotations

import pytest

from merchant_console.core.audit import GENESIS, link_hash
from merchant_console.core.policy import DecisionDraft
from merchant_console.store import audit, outbox
from merchant_console.store.engine import Database
from merchant_console.store.models import Refund

T0 = 1_795_000_000_000


def _refund(conn, rid: str) -> dict:
    row = {c.name: None for c in Refund.__table__.columns if c.nullable}  # the rest have their defaults
    row.update(id=rid, version=1, order_no="KM1", product_name="x", product_category="gift_card", face_value_fen=100,
               quantity=1, paid_fen=100, currency="CNY", payment_channel="alipay", buyer_id="b", buyer_nickname="",
               buyer_refunds_90d=0, buyer_orders_90d=0, card_status="unused", card_used_fen=0, type="other",
               requested_fen=100, reason="", status="awaiting_merchant", submitted_at=0, due_at=T0 * 2,
               fast_refund=False, timeline=[], updated_at=0, evidence_count=0)
    conn.execute(Refund.__table__.insert().values(**row))
    return row


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "console.db")
    with d.write() as conn:
        for i in range(6):
            refund = _refund(conn, f"r_{i}")
            did = outbox.record_decision(conn, refund, DecisionDraft("approve"), staff_id="s_7", staff_name="小王",
                                         now_ms=T0 + i)
            item = {"id": did, "decision_id": did, "kind": "decision", "refund_id": refund["id"],
                    "idempotency_key": f"k{i}"}
            outbox.finish(conn, item, "done", T0 + i)
    with d.read() as conn:
        assert audit.verify(conn).ok and audit.verify(conn).entries == 12 and audit.verify(conn).keyed
    yield d
    d.close()


def _sql(db, *statements):
    with db.write() as conn:
        for s in statements:
            conn.exec_driver_sql(s)


def _verify(db):
    with db.read() as conn:
        return audit.verify(conn)


@pytest.mark.parametrize("last", [1, 3, 12])
def test_entries_deleted_from_the_end_are_found(db, last):
    _sql(db, f"DELETE FROM audit_log WHERE seq > {12 - last}")
    rep = _verify(db)
    assert not rep.ok and "deleted from the end" in rep.problem


def test_a_decision_deleted_with_its_entries_is_found(db):
    _sql(db, "DELETE FROM outbox WHERE decision_id = 6", "DELETE FROM decisions WHERE id = 6",
         "DELETE FROM audit_log WHERE seq > 10")
    assert not _verify(db).ok


def test_deleting_the_head_record_too_is_found(db):
    _sql(db, "DELETE FROM audit_log WHERE seq > 10", "DELETE FROM audit_head")
    rep = _verify(db)
    assert not rep.ok and "head" in rep.problem


def test_a_decision_whose_entry_is_gone_is_found(db):
    """Every decision row has its entry: a decision whose entries were cut off the end with the head
    record rewritten to match (with a plain hash: the key is not in the file) is still found."""
    with db.read() as conn:
        last = conn.exec_driver_sql("SELECT seq, hash FROM audit_log WHERE seq = 10").first()
    _sql(db, "DELETE FROM audit_log WHERE seq > 10", f"UPDATE audit_head SET seq = 10, hash = '{last[1]}'")
    rep = _verify(db)
    assert not rep.ok


def test_a_chain_rewritten_from_the_file_alone_is_found(db):
    """Someone with the database but not the keychain edits an entry and recomputes every hash after it."""
    with db.write() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, at_ms, kind, actor, refund_id, payload FROM audit_log ORDER BY seq").fetchall()
        prev = GENESIS
        for seq, at_ms, kind, actor, refund_id, payload in rows:
            if seq == 3:
                payload = payload.replace("approve", "reject")
            h = link_hash(prev, seq, at_ms, kind, actor, refund_id, payload)
            conn.exec_driver_sql("UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                                 (payload, prev, h, seq))
            prev = h
        conn.exec_driver_sql("UPDATE audit_head SET hash = ?, mac = NULL", (prev,))
    rep = _verify(db)
    assert not rep.ok and rep.first_bad_seq == 1
