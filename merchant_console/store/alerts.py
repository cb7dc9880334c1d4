"""The refunds a notifier needs to look at: deadlines within the next hour, urges, open appeals."""

from __future__ import annotations

from sqlalchemy import Connection, text

HOUR_MS = 3_600_000


def watch_rows(conn: Connection, now_ms: int) -> list[dict]:
    q = text("SELECT id, order_no, product_name, status, due_at, fast_refund, auto_approve_at, urged_at, "
             "appeal_statement_due_at FROM refunds WHERE "
             "(status = 'awaiting_merchant' AND (due_at BETWEEN :lo AND :hi OR urged_at IS NOT NULL "
             "  OR (fast_refund = 1 AND auto_approve_at BETWEEN :lo AND :hi))) "
             "OR (status = 'appealed' AND appeal_statement_due_at IS NOT NULL)")
    return [dict(r) for r in conn.execute(q, {"lo": now_ms - 15 * 60_000, "hi": now_ms + HOUR_MS + 15 * 60_000})
            .mappings()]


def due_within_hour(rows: list[dict], now_ms: int) -> int:
    return sum(1 for r in rows if r["status"] == "awaiting_merchant" and now_ms <= r["due_at"] <= now_ms + HOUR_MS)
