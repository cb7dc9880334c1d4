"""What a notifier needs to look at, cheaply enough to ask every few seconds at 100 000 refunds.

Deadline candidates come from a narrow time window; urges and open appeals are read as ids only,
and full rows are fetched just for ids the notifier has not seen yet.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

HOUR_MS = 3_600_000
_AWAITING = "status = 'awaiting_merchant'"
_BY_DUE = f"refunds INDEXED BY ix_refunds_awaiting_due WHERE {_AWAITING}"          # partial indexes, 0006
_BY_AUTO = f"refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_AWAITING} AND fast_refund = 1"
_COLUMNS = ("id, order_no, product_name, status, due_at, fast_refund, auto_approve_at, urged_at, "
            "appeal_statement_due_at, messages_last_at, messages_last_from, negotiation_state, "
            "negotiation_respond_by, evidence_request_due_at, "
            # v1.1 (core.alerts.conversation_events): when the buyer answered, when customer service last asked
            "(SELECT p.answered_at FROM refund_proposals p WHERE p.refund_id = refunds.id "
            "ORDER BY p.round DESC LIMIT 1) AS negotiation_answered_at, "
            "(SELECT MAX(e.asked_at) FROM evidence_requests e WHERE e.refund_id = refunds.id "
            "AND e.answered_at IS NULL) AS evidence_asked_at")


def _rows(conn: Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    cur = conn.exec_driver_sql(sql, params)
    names = [d[0] for d in cur.cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def deadline_rows(conn: Connection, prev_ms: int, now_ms: int) -> list[dict[str, Any]]:
    """Awaiting refunds with an alert moment in (prev_ms, now_ms] (see core.alerts.crossings): the
    response deadline 1 h or 15 min away, or a fast refund's auto-approval 5 min away.

    Only the thin bands of due_at / auto_approve_at that such moments come from are read; the
    condition is checked on the queue index's own columns (no row is read unless it matches).
    """
    q, h, f = 15 * 60_000, HOUR_MS, 5 * 60_000
    # each band a range on a partial index (migration 0006); UNION drops a refund found twice
    by_due = f"SELECT {_COLUMNS} FROM {_BY_DUE} AND due_at > ? AND due_at <= ?"
    by_auto = f"SELECT {_COLUMNS} FROM {_BY_AUTO} AND auto_approve_at > ? AND auto_approve_at <= ?"
    return _rows(conn, f"{by_due} UNION {by_due} UNION {by_auto}",
                 (prev_ms + q, now_ms + q, prev_ms + h, now_ms + h, prev_ms + f, now_ms + f))


def event_ids(conn: Connection) -> tuple[set[str], set[str]]:
    """Ids of urged refunds awaiting a decision, and of appeals waiting for a statement."""
    urged = {r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM refunds WHERE status = 'awaiting_merchant' AND urged_at IS NOT NULL")}
    appeals = {r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM refunds WHERE status = 'appealed' AND appeal_statement_due_at IS NOT NULL")}
    return urged, appeals


def rows_by_id(conn: Connection, ids: set[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _rows(conn, f"SELECT {_COLUMNS} FROM refunds WHERE id IN ({marks})", tuple(ids))


def due_within_hour(conn: Connection, now_ms: int) -> int:
    count: int = conn.exec_driver_sql(f"SELECT COUNT(*) FROM {_BY_DUE} AND due_at BETWEEN ? AND ?",
                                      (now_ms, now_ms + HOUR_MS)).scalar_one()
    return count
