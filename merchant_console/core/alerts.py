"""Which moments deserve a desktop notification, from refund rows and server time alone.

Deadlines are crossings of a moment between two looks at the clock (so nothing fires twice and a
sleeping laptop does not replay a night of alerts); urges and appeals are events, noticed when a
refund first shows up urged or appealed after the console started watching.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MINUTE_MS = 60_000
KINDS = ("last_hour", "last_quarter", "fast_refund", "urged", "appeal",
         "buyer_message", "proposal_answered", "evidence_request")   # the last three: v1.1 (协商)
CONVERSATION_KINDS = ("buyer_message", "proposal_answered", "evidence_request")
MAX_CATCH_UP_MS = 10 * MINUTE_MS   # after a longer gap (sleep), deadlines passed meanwhile stay quiet


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str          # one of KINDS
    refund_id: str
    order_no: str
    product_name: str
    at_ms: int         # the moment it is about: deadline, auto-approval, urge, appeal


def crossings(rows: list[dict[str, Any]], prev_ms: int, now_ms: int, enabled: set[str]) -> list[Alert]:
    """Deadline alerts for moments in (prev_ms, now_ms]: 1 h and 15 min before the response deadline,
    5 min before a fast refund's auto-approval. Rows: awaiting refunds with due_at, fast_refund,
    auto_approve_at."""
    if now_ms <= prev_ms or now_ms - prev_ms > MAX_CATCH_UP_MS:
        return []
    out = []
    for r in rows:
        if r.get("status") != "awaiting_merchant":
            continue
        moments = [("last_hour", r["due_at"] - 60 * MINUTE_MS, r["due_at"]),
                   ("last_quarter", r["due_at"] - 15 * MINUTE_MS, r["due_at"])]
        if r.get("fast_refund") and r.get("auto_approve_at") is not None:
            moments.append(("fast_refund", r["auto_approve_at"] - 5 * MINUTE_MS, r["auto_approve_at"]))
        for kind, moment, at in moments:
            if kind in enabled and prev_ms < moment <= now_ms:
                out.append(Alert(kind, r["id"], r["order_no"], r["product_name"], at))
    return out


def new_events(rows: list[dict[str, Any]], seen: dict[str, set[str]], enabled: set[str]) -> list[Alert]:
    """Urges and open appeals not seen before; updates `seen` ({"urged": ids, "appeal": ids})."""
    out = []
    for r in rows:
        if r.get("status") == "awaiting_merchant" and r.get("urged_at") is not None:
            kind, at = "urged", r["urged_at"]
        elif r.get("status") == "appealed" and r.get("appeal_statement_due_at") is not None:
            kind, at = "appeal", r["appeal_statement_due_at"]
        else:
            continue
        if r["id"] not in seen[kind]:
            seen[kind].add(r["id"])
            if kind in enabled:
                out.append(Alert(kind, r["id"], r["order_no"], r["product_name"], at))
    return out


def conversation_events(rows: list[dict[str, Any]], seen: dict[str, set[str]], enabled: set[str], *,
                        since_ms: int) -> list[Alert]:
    """A buyer's new message, the buyer's answer to a proposal, a new evidence request from customer service
    (v1.1): each once (keyed by the refund and its moment in `seen`), and only when it happened at or after
    `since_ms` (when the console started watching: what was there before is not news)."""
    out = []
    for r in rows:
        events = []
        if r.get("messages_last_from") == "buyer" and r.get("messages_last_at") is not None:
            events.append(("buyer_message", r["messages_last_at"], r["messages_last_at"]))
        if r.get("negotiation_state") in ("accepted", "declined", "expired") and r.get("negotiation_respond_by"):
            # answered (its time) or expired (at respond_by)
            happened = r.get("negotiation_answered_at") or r["negotiation_respond_by"]
            events.append(("proposal_answered", r["negotiation_respond_by"], happened))
        if r.get("evidence_request_due_at") is not None and r.get("status") in ("platform_review", "appealed"):
            events.append(("evidence_request", r["evidence_request_due_at"], r.get("evidence_asked_at")))
        for kind, moment, happened in events:
            key = f"{r['id']}@{moment}"
            bucket = seen.setdefault(kind, set())
            if key in bucket:
                continue
            bucket.add(key)
            if kind in enabled and (happened is None or happened >= since_ms):
                out.append(Alert(kind, r["id"], r["order_no"], r["product_name"], moment))
    return out
