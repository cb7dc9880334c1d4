"""The sync state row and the quarantine of malformed records."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from ..core.clock import TimeFormatError, parse_rfc3339
from ..core.display_text import shorten, visible
from ..core.policy import Policy
from .models import QuarantinedRecord, Refund, SyncState

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
        conn.execute(delete(QuarantinedRecord).where(QuarantinedRecord.refund_id == refund_id))
    error = error.encode("utf-8", "replace").decode("utf-8")
    conn.execute(insert(QuarantinedRecord).values(refund_id=refund_id, raw=raw_text, error=error[:2000],
                                                  received_at=at_ms))


def quarantined(conn: Connection) -> list[dict[str, Any]]:
    q = select(QuarantinedRecord.__table__).order_by(QuarantinedRecord.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def quarantine_overview(conn: Connection) -> list[dict[str, Any]]:
    """What is known of each quarantined record, safe to show: refund id, order number, due time,
    status, the problem and when it arrived (newest first). A record is quarantined because it
    cannot be acted on, so whatever of it can be read is shown: the merchant may still have to
    answer it on the platform's website before its deadline."""
    out = []
    for q in reversed(quarantined(conn)):
        try:
            doc = json.loads(q["raw"])
        except (ValueError, RecursionError):
            doc = None
        doc = doc if isinstance(doc, dict) else {}
        try:
            due_text = doc.get("due_at")
            due = parse_rfc3339(due_text) if isinstance(due_text, str) else None
        except TimeFormatError:
            due = None
        out.append({"refund_id": _shown(q["refund_id"] or doc.get("id"), 128),
                    "order_no": _shown(doc.get("order_no"), 64),
                    "status": _shown(doc.get("status"), 32),
                    "due_at": due,
                    "problem": _shown(q["error"], 300),
                    "received_at": q["received_at"]})
    return out


def cleaned_refunds(conn: Connection, limit: int = 1000) -> list[dict[str, Any]]:
    """Refunds kept with display text the parser had to clean (see core.refund), most urgent first."""
    q = (select(Refund.id, Refund.order_no, Refund.status, Refund.next_deadline_at, Refund.odd_fields)
         .where(Refund.odd_fields.is_not(None)).order_by(Refund.next_deadline_at.is_(None), Refund.next_deadline_at)
         .limit(limit))
    return [dict(r) for r in conn.execute(q).mappings()]


def cleaned_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Refund).where(Refund.odd_fields.is_not(None))).scalar_one()


def _shown(value: Any, limit: int) -> str:
    return shorten(visible(value), limit) if isinstance(value, str) else ""


def quarantine_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(QuarantinedRecord)).scalar_one()


def bump_full_resync(conn: Connection) -> None:
    conn.execute(update(SyncState).where(SyncState.id == STATE_ID)
                 .values(cursor="", full_resyncs=SyncState.full_resyncs + 1))
