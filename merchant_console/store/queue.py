"""The work queues, their live counts, filters, search and sort — as SQL over the refunds table.

The queue view asks for ordered row ids only (cheap even at 100 000 refunds) and fetches the
columns it shows in blocks for the rows on screen.

Speed (docs/performance.md): the urgency order is read straight off two covering indexes
(`ix_refunds_queue_status`, `ix_refunds_queue_all`) — once for the rows with a deadline and once
for those without, instead of sorting on `next_deadline_at IS NULL`, which no index can serve —
and the row ids come back through the DB-API cursor, not SQLAlchemy row objects. Search is a
condition inside the same query (the trigram index names the rows), not a separate id list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from .refunds import search_condition

HOUR_MS = 3_600_000
DUE_SOON_MS = 2 * HOUR_MS

# queue -> SQL condition (":now" is server time in ms); order is the sidebar's order
LATEST_DECISION = ("(SELECT d.state FROM decisions d WHERE d.refund_id = refunds.id ORDER BY d.id DESC LIMIT 1)")
# the same fact driven from the (small) decisions table, so no per-refund subquery over 100 000 rows
LATEST_DECISION_IN = ("refunds.id IN (SELECT d.refund_id FROM decisions d WHERE d.state IN ({states}) "
                      "AND d.id = (SELECT MAX(d2.id) FROM decisions d2 WHERE d2.refund_id = d.refund_id))")
QUEUES: dict[str, str] = {
    "needs_decision": "status = 'awaiting_merchant'",
    "due_soon": f"status = 'awaiting_merchant' AND due_at <= :now + {DUE_SOON_MS}",
    "urged": "status = 'awaiting_merchant' AND urged_at IS NOT NULL",
    "fast_refund": "status = 'awaiting_merchant' AND fast_refund = 1 AND auto_approve_at > :now",
    "platform_review": "status = 'platform_review'",
    "appeals": "status = 'appealed'",
    "outbox": LATEST_DECISION_IN.format(states="'queued', 'superseded', 'rejected'"),
    "decided": "status IN ('refunding', 'refunded', 'payout_failed', 'rejected', 'closed')",
    "all": "1 = 1",
}

# sortable columns -> SQL expression (the view's columns map onto these keys)
SORTS: dict[str, str] = {
    "urgency": "next_deadline_at IS NULL, next_deadline_at, submitted_at",
    "order_no": "order_no",
    "product": "product_name",
    "paid": "paid_fen",
    "type": "type",
    "buyer": "buyer_nickname",
    "submitted": "submitted_at",
    "status": "status",
    "flags": "(urged_at IS NOT NULL) + fast_refund + evidence_count",
}

ROW_COLUMNS = ("id", "order_no", "product_name", "product_category", "paid_fen", "requested_fen", "type",
               "buyer_nickname", "buyer_refunds_90d", "buyer_orders_90d", "submitted_at", "status", "due_at",
               "fast_refund", "auto_approve_at", "urged_at", "escalates_at", "appeal_statement_due_at",
               "evidence_count", "card_status", "delivered_at", "payment_channel", "decision_action")


@dataclass(frozen=True)
class QueueFilter:
    queue: str = "needs_decision"
    search: str = ""
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    min_paid_fen: int | None = None
    max_paid_fen: int | None = None
    submitted_from: int | None = None
    submitted_to: int | None = None
    sort: str = "urgency"
    descending: bool = False
    params: dict = field(default_factory=dict, compare=False)


def _where(f: QueueFilter, now: int, conn: Connection) -> tuple[str, dict]:
    if f.queue not in QUEUES:
        raise ValueError(f"unknown queue {f.queue!r}")
    parts = [QUEUES[f.queue]]
    params: dict = {"now": now}
    for name, col, values in (("t", "type", f.types), ("c", "product_category", f.categories),
                              ("ch", "payment_channel", f.channels)):
        if values:
            keys = [f"{name}{i}" for i in range(len(values))]
            parts.append(f"{col} IN ({', '.join(':' + k for k in keys)})")
            params.update(zip(keys, values, strict=True))
    for op, col, key, value in ((">=", "paid_fen", "minp", f.min_paid_fen), ("<=", "paid_fen", "maxp", f.max_paid_fen),
                                (">=", "submitted_at", "sfrom", f.submitted_from),
                                ("<", "submitted_at", "sto", f.submitted_to)):
        if value is not None:
            parts.append(f"{col} {op} :{key}")
            params[key] = value
    if f.search.strip():
        cond, search_params = search_condition(conn, f.search)
        parts.append(cond)
        params.update(search_params)
    return " AND ".join(f"({p})" for p in parts), params


def _column(conn: Connection, sql: str, params: dict) -> list:
    """The first column of a query, through the DB-API cursor (in `conn`'s transaction).

    SQLAlchemy's row objects cost more than the query itself for 100 000 row ids.
    """
    cur = conn.connection.driver_connection.cursor()
    try:
        return [r[0] for r in cur.execute(sql, params)]
    finally:
        cur.close()


def queue_rowids(conn: Connection, f: QueueFilter, now: int) -> list[int]:
    """Row ids of the refunds in queue `f`, in display order."""
    where, params = _where(f, now, conn)
    if f.sort not in SORTS or f.sort == "urgency":
        # urgency: rows with a deadline (nearest first), then those without (oldest first); each half
        # is an ordered scan of a covering index, where "ORDER BY next_deadline_at IS NULL" sorts it all
        desc = " DESC" if f.descending else ""
        timed = (f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NOT NULL "
                 f"ORDER BY next_deadline_at{desc}, submitted_at{desc}, id")
        untimed = (f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NULL "
                   f"ORDER BY submitted_at{desc}, id")
        first, second = (untimed, timed) if f.descending else (timed, untimed)
        return _column(conn, first, params) + _column(conn, second, params)
    order = SORTS[f.sort]
    if f.descending:
        order = ", ".join(f"{p.strip()} DESC" for p in order.split(","))
    return _column(conn, f"SELECT rowid FROM refunds WHERE {where} ORDER BY {order}, id", params)


def queue_counts(conn: Connection, now: int) -> dict[str, int]:
    """Live counts for the sidebar: one indexed count per queue (no pass over the refunds table)."""
    return {name: _column(conn, f"SELECT COUNT(*) FROM refunds WHERE {cond}", {"now": now})[0]
            for name, cond in QUEUES.items()}


def rows_by_rowid(conn: Connection, rowids: list[int]) -> dict[int, dict]:
    """The shown columns (plus the latest local decision's state) for these rows."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    cols = ", ".join(ROW_COLUMNS)
    sql = (f"SELECT rowid, {cols}, {LATEST_DECISION} AS local_state FROM refunds WHERE rowid IN ({marks})")
    out = {}
    for r in conn.exec_driver_sql(sql, tuple(rowids)).mappings():
        d = dict(r)
        out[d.pop("rowid")] = d
    return out


def rowid_of(conn: Connection, refund_id: str) -> int | None:
    """The row id of one refund (what `queue_rowids` lists), or None."""
    return conn.execute(text("SELECT rowid FROM refunds WHERE id = :id"), {"id": refund_id}).scalar()


def next_crossing(conn: Connection, now: int) -> int | None:
    """The next moment a refund changes queue by time alone (auto-approval passes, due within 2 h).

    A deadline passing moves no refund between queues (the platform's reaction arrives by sync), so
    it is not a crossing: at 100 000 refunds one passes every few seconds, each a needless re-query.
    """
    q = text("SELECT MIN(t) FROM ("
             " SELECT MIN(auto_approve_at) AS t FROM refunds WHERE status = 'awaiting_merchant' AND fast_refund = 1"
             "   AND auto_approve_at > :now"
             f" UNION ALL SELECT MIN(due_at) - {DUE_SOON_MS} FROM refunds WHERE status = 'awaiting_merchant'"
             f"   AND due_at > :now + {DUE_SOON_MS})")
    return conn.execute(q, {"now": now}).scalar()
