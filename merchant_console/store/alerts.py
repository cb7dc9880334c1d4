"""What a notifier needs to look at, cheaply enough to ask every few seconds at 100 000 refunds.

Deadline candidates come from a narrow time window; urges and open appeals are read as ids only,
and full rows are fetched just for ids the notifier has not seen yet.
"""

from __future__ import annotations

from sqlalchemy import Connection

HOUR_MS = 3_600_000
_COLUMNS = ("id, order_no, product_name, status, due_at, fast_refund, auto_approve_at, urged_at, "
            "appeal_statement_due_at")


def _rows(conn: Connection, sql: str, params: tuple) -> list[dict]:
    cur = conn.exec_driver_sql(sql, params)
    names = [d[0] for d in cur.cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def deadline_rows(conn: Connection, now_ms: int) -> list[dict]:
    """Awaiting refunds whose deadline or fast-refund moment is near (within the next hour or so).

    A refund's next_deadline_at is the earliest of its deadlines, so every refund with a deadline in
    the window has next_deadline_at at or before the window's end: a range scan on the queue index.
    """
    lo, hi = now_ms - 15 * 60_000, now_ms + HOUR_MS + 15 * 60_000
    return _rows(conn, f"SELECT {_COLUMNS} FROM refunds WHERE status = 'awaiting_merchant' AND "
                       "next_deadline_at BETWEEN ? AND ? AND "
                       "(due_at BETWEEN ? AND ? OR (fast_refund = 1 AND auto_approve_at BETWEEN ? AND ?))",
                 (lo, hi, lo, hi, lo, hi))


def event_ids(conn: Connection) -> tuple[set[str], set[str]]:
    """Ids of urged refunds awaiting a decision, and of appeals waiting for a statement."""
    urged = {r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM refunds WHERE status = 'awaiting_merchant' AND urged_at IS NOT NULL")}
    appeals = {r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM refunds WHERE status = 'appealed' AND appeal_statement_due_at IS NOT NULL")}
    return urged, appeals


def rows_by_id(conn: Connection, ids: set[str]) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    return _rows(conn, f"SELECT {_COLUMNS} FROM refunds WHERE id IN ({marks})", tuple(ids))


def due_within_hour(conn: Connection, now_ms: int) -> int:
    return conn.exec_driver_sql("SELECT COUNT(*) FROM refunds WHERE status = 'awaiting_merchant' AND due_at "
                                "BETWEEN ? AND ?", (now_ms, now_ms + HOUR_MS)).scalar()
