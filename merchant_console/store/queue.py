"""The work queues, their live counts, filters, search and sort — as SQL over the refunds table.

The queue view asks for ordered row ids only (cheap even at 100 000 refunds) and fetches the
columns it shows in blocks for the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from .refunds import search_ids

HOUR_MS = 3_600_000
DUE_SOON_MS = 2 * HOUR_MS

# queue -> SQL condition (":now" is server time in ms); order is the sidebar's order
LATEST_DECISION = ("(SELECT d.state FROM decisions d WHERE d.refund_id = refunds.id ORDER BY d.id DESC LIMIT 1)")
QUEUES: dict[str, str] = {
    "needs_decision": "status = 'awaiting_merchant'",
    "due_soon": f"status = 'awaiting_merchant' AND due_at <= :now + {DUE_SOON_MS}",
    "urged": "status = 'awaiting_merchant' AND urged_at IS NOT NULL",
    "fast_refund": "status = 'awaiting_merchant' AND fast_refund = 1 AND auto_approve_at > :now",
    "platform_review": "status = 'platform_review'",
    "appeals": "status = 'appealed'",
    "outbox": f"{LATEST_DECISION} IN ('queued', 'superseded', 'rejected')",
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
        ids = search_ids(conn, f.search, limit=1_000_000)
        if not ids:
            return "0 = 1", params
        # a temp table keeps a large match list out of the SQL text
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS search_hits (id TEXT PRIMARY KEY)")
        conn.exec_driver_sql("DELETE FROM search_hits")
        conn.exec_driver_sql("INSERT OR IGNORE INTO search_hits (id) VALUES (?)", [(i,) for i in ids])
        parts.append("id IN (SELECT id FROM search_hits)")
    return " AND ".join(f"({p})" for p in parts), params


def queue_rowids(conn: Connection, f: QueueFilter, now: int) -> list[int]:
    """Row ids of the refunds in queue `f`, in display order."""
    where, params = _where(f, now, conn)
    order = SORTS.get(f.sort, SORTS["urgency"])
    if f.descending:
        order = ", ".join(f"{p.strip()} DESC" for p in order.split(","))
    q = text(f"SELECT rowid FROM refunds WHERE {where} ORDER BY {order}, id")
    return [r[0] for r in conn.execute(q, params)]


def queue_counts(conn: Connection, now: int) -> dict[str, int]:
    """Live counts for the sidebar (one pass over the refunds table)."""
    cols = ", ".join(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS \"{name}\"" for name, cond in QUEUES.items())
    row = conn.execute(text(f"SELECT {cols} FROM refunds"), {"now": now}).mappings().one()
    return {k: int(v or 0) for k, v in row.items()}


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


def next_crossing(conn: Connection, now: int) -> int | None:
    """The next moment a refund changes queue by time alone (auto-approval passes, due within 2 h)."""
    q = text("SELECT MIN(t) FROM ("
             " SELECT MIN(auto_approve_at) AS t FROM refunds WHERE status = 'awaiting_merchant' AND fast_refund = 1"
             "   AND auto_approve_at > :now"
             f" UNION ALL SELECT MIN(due_at) - {DUE_SOON_MS} FROM refunds WHERE status = 'awaiting_merchant'"
             f"   AND due_at - {DUE_SOON_MS} > :now"
             " UNION ALL SELECT MIN(next_deadline_at) FROM refunds WHERE next_deadline_at > :now)")
    return conn.execute(q, {"now": now}).scalar()
