from merchant_console.core.clock import format_rfc3339
from merchant_console.core.policy import DecisionDraft
from merchant_console.core.refund import parse_refund
from merchant_console.store import outbox, refunds
from merchant_console.store.engine import Database
from merchant_console.store.queue import QueueFilter, next_crossing, queue_counts, queue_rowids, rows_by_rowid
from tests.factories import HOUR, T0, refund_doc


def seed(db):
    docs = [
        refund_doc(1, due_at=format_rfc3339(T0 + 10 * HOUR)),
        refund_doc(2, due_at=format_rfc3339(T0 + HOUR)),                                     # due soon
        refund_doc(3, due_at=format_rfc3339(T0 - HOUR), urged_at=format_rfc3339(T0 - 1000),
                   escalates_at=format_rfc3339(T0 + 11 * HOUR)),                              # overdue, urged
        refund_doc(4, fast_refund=True, auto_approve_at=format_rfc3339(T0 + 20 * 60_000)),    # fast
        refund_doc(5, status="platform_review"),
        refund_doc(6, status="refunded", paid_fen=500, requested_fen=500, type="other"),
    ]
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])


def ids(db, **kw):
    with db.read() as conn:
        rowids = queue_rowids(conn, QueueFilter(**kw), T0)
        rows = rows_by_rowid(conn, rowids)
    return [rows[r]["id"][-1] for r in rowids]


def test_queues_counts_and_urgency_order(tmp_path):
    db = Database(tmp_path / "c.db")
    seed(db)
    assert ids(db) == ["3", "4", "2", "1"]              # overdue first, then the nearest deadline
    assert ids(db, queue="due_soon") == ["3", "2"]
    assert ids(db, queue="urged") == ["3"]
    assert ids(db, queue="fast_refund") == ["4"]
    assert ids(db, queue="platform_review") == ["5"]
    assert ids(db, queue="decided") == ["6"]
    assert ids(db, queue="all", sort="paid", descending=False)[0] == "6"
    assert ids(db, queue="all", types=("other",)) == ["6"]
    assert ids(db, queue="all", max_paid_fen=600) == ["6"]
    assert ids(db, queue="all", search="093015004") == ["4"]
    assert ids(db, queue="all", search="没有这个") == []
    with db.read() as conn:
        counts = queue_counts(conn, T0)
        assert counts["needs_decision"] == 4 and counts["all"] == 6 and counts["outbox"] == 0
        # the fast refund leaves its queue when auto-approval time passes, without a sync
        assert next_crossing(conn, T0) == T0 + 20 * 60_000
        assert queue_counts(conn, T0 + 21 * 60_000)["fast_refund"] == 0
    with db.write() as conn:
        outbox.record_decision(conn, refunds.get_refund(conn, "r_20261121000001"), DecisionDraft("approve"),
                               staff_id="s", staff_name="x", now_ms=T0)
    assert ids(db, queue="outbox") == ["1"]
    db.close()
