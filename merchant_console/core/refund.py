"""Turning an untrusted refund document from a platform into a flat, checked record.

A refund that cannot be acted on (its id is unsafe in a URL, money, times or states are wrong)
raises `MalformedRefund` naming the field; the sync engine quarantines it (raw JSON + reason) and
goes on with the rest. Text that is only shown (names, reasons, notes) is never a reason to hide a
refund whose deadline is running: control and bidi characters are made visible, overlong text is
shortened, a wrong type becomes empty, and the field's name goes into `odd_fields` so the console
can say the record was cleaned. Parsing is hand-written because it runs 100 000 times during an
initial sync: it must be fast and must never trust types.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any, Literal, overload

from .clock import TimeFormatError, parse_rfc3339
from .display_text import needs_cleaning, shorten, visible
from .money import MAX_FEN
from .policy import ACTIONS
from .status import (
    CARD_STATUSES,
    CATEGORIES,
    CHANNELS,
    EVIDENCE_KINDS,
    MESSAGE_SENDERS,
    PROPOSAL_KINDS,
    PROPOSAL_STATES,
    REFUND_TYPES,
    STATUSES,
)

MAX_TEXT = 2000          # longest free text we keep from a platform field
MAX_ID = 128
MAX_EVIDENCE = 50
# an id goes into a URL path (/refunds/{id}/decision): anything that could change the path is refused
_PATH_CHARS = frozenset("/?#%\\")


class MalformedRefund(ValueError):
    def __init__(self, field: str, problem: str, refund_id: str | None = None) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.refund_id = refund_id


def _obj(d: Any, field: str) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise MalformedRefund(field, "must be an object")
    return d


# Overloads: a required field (optional=False, the default) is never None once read.
@overload
def _str(d: dict[str, Any], key: str, field: str, *, optional: Literal[False] = ..., limit: int = ...) -> str: ...
@overload
def _str(d: dict[str, Any], key: str, field: str, *, optional: bool, limit: int = ...) -> str | None: ...
def _str(d: dict[str, Any], key: str, field: str, *, optional: bool = False, limit: int = MAX_TEXT) -> str | None:
    v = d.get(key)
    if v is None:
        if optional:
            return None
        raise MalformedRefund(field, "is missing")
    if not isinstance(v, str):
        raise MalformedRefund(field, f"must be text, got {type(v).__name__}")
    if len(v) > limit:
        raise MalformedRefund(field, f"longer than {limit} characters")
    if needs_cleaning(v):
        raise MalformedRefund(field, "contains a control, bidi or invalid character")
    return v


@overload
def _ident(d: dict[str, Any], key: str, field: str, *, optional: Literal[False] = ...) -> str: ...
@overload
def _ident(d: dict[str, Any], key: str, field: str, *, optional: bool) -> str | None: ...
def _ident(d: dict[str, Any], key: str, field: str, *, optional: bool = False) -> str | None:
    """An id the console sends back in a URL: refused unless it is plainly one path segment."""
    v = _str(d, key, field, optional=optional, limit=MAX_ID)
    if v is not None:
        if not v:
            raise MalformedRefund(field, "is empty")
        if not is_safe_id(v):
            raise MalformedRefund(field, f"is not a safe id: {visible(v)!r}")
    return v


def is_safe_id(v: str) -> bool:
    return (0 < len(v) <= MAX_ID and v not in (".", "..") and not needs_cleaning(v)
            and not any(c in _PATH_CHARS or c.isspace() for c in v))


def _text(d: dict[str, Any], key: str, field: str, odd: list[str], *, limit: int = MAX_TEXT, optional: bool = True,
          multiline: bool = False) -> str | None:
    """Text that is only shown: cleaned and flagged in `odd`, never a reason to quarantine."""
    v = d.get(key)
    if v is None:
        if optional:
            return None
        odd.append(field)
        return ""
    if not isinstance(v, str):
        odd.append(field)
        return "" if not optional else None
    if len(v) > limit or needs_cleaning(v, multiline=multiline):
        odd.append(field)
        v = shorten(visible(v, multiline=multiline), limit)
    return v


@overload
def _int(d: dict[str, Any], key: str, field: str, *, lo: int = ..., hi: int = ...,
         optional: Literal[False] = ...) -> int: ...
@overload
def _int(d: dict[str, Any], key: str, field: str, *, lo: int = ..., hi: int = ..., optional: bool) -> int | None: ...
def _int(d: dict[str, Any], key: str, field: str, *, lo: int = 0, hi: int = MAX_FEN,
         optional: bool = False) -> int | None:
    v = d.get(key)
    if v is None:
        if optional:
            return None
        raise MalformedRefund(field, "is missing")
    if isinstance(v, bool) or not isinstance(v, int):
        raise MalformedRefund(field, f"must be an integer, got {type(v).__name__}")
    if not lo <= v <= hi:
        raise MalformedRefund(field, f"out of range: {v}")
    return v


@overload
def _time(d: dict[str, Any], key: str, field: str, *, optional: Literal[False] = ...) -> int: ...
@overload
def _time(d: dict[str, Any], key: str, field: str, *, optional: bool) -> int | None: ...
def _time(d: dict[str, Any], key: str, field: str, *, optional: bool = False) -> int | None:
    v = d.get(key)
    if v is None:
        if optional:
            return None
        raise MalformedRefund(field, "is missing")
    try:
        return parse_rfc3339(v)
    except TimeFormatError as e:
        raise MalformedRefund(field, str(e)) from None


@overload
def _enum(d: dict[str, Any], key: str, field: str, allowed: Container[str], *,
          optional: Literal[False] = ...) -> str: ...
@overload
def _enum(d: dict[str, Any], key: str, field: str, allowed: Container[str], *, optional: bool) -> str | None: ...
def _enum(d: dict[str, Any], key: str, field: str, allowed: Container[str], *,
          optional: bool = False) -> str | None:
    v = _str(d, key, field, optional=optional, limit=64)
    if v is not None and v not in allowed:
        raise MalformedRefund(field, f"unknown value {v!r}")
    return v


def _party(d: Any, field: str, odd: list[str]) -> dict[str, Any]:
    d = _obj(d, field)
    kind = _enum(d, "kind", f"{field}.kind", ("staff", "platform_auto", "platform_cs"))
    return {"kind": kind, "id": _text(d, "id", f"{field}.id", odd, limit=MAX_ID),
            "name": _text(d, "name", f"{field}.name", odd, limit=200)}


def _ids(v: Any, field: str, odd: list[str]) -> list[str]:
    if v is None:
        return []
    if not isinstance(v, list) or len(v) > MAX_EVIDENCE or not all(isinstance(x, str) for x in v):
        raise MalformedRefund(field, "must be a short list of ids")
    safe = [x for x in v if is_safe_id(x)]
    if len(safe) != len(v):
        odd.append(field)  # an id we could never fetch or show honestly is left out, not the refund
    return safe


def parse_evidence(items: Any, field: str = "evidence", odd: list[str] | None = None) -> list[dict[str, Any]]:
    if items is None:
        return []
    if not isinstance(items, list):
        raise MalformedRefund(field, "must be a list")
    if len(items) > MAX_EVIDENCE:
        raise MalformedRefund(field, f"more than {MAX_EVIDENCE} items")
    odd = [] if odd is None else odd
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, e in enumerate(items):
        f = f"{field}[{i}]"
        e = _obj(e, f)
        if isinstance(e.get("id"), str) and not is_safe_id(e["id"]):
            odd.append(f + ".id")  # the file cannot be fetched safely; the refund can still be answered
            continue
        eid = _ident(e, "id", f + ".id")
        if eid in seen:
            raise MalformedRefund(f + ".id", f"duplicate evidence id {eid!r}")
        seen.add(eid)
        sha = _str(e, "sha256", f + ".sha256", limit=64)
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha.lower()):
            raise MalformedRefund(f + ".sha256", "must be 64 hex digits")
        kind = e.get("kind")
        out.append({
            "id": eid,
            # an unknown kind is harmless: keep the evidence, call it "other"
            "kind": kind if kind in EVIDENCE_KINDS else "other",
            "content_type": _text(e, "content_type", f + ".content_type", odd, limit=100, optional=False),
            "bytes": _int(e, "bytes", f + ".bytes", hi=2**40),
            "sha256": sha.lower(),
            "uploaded_at": _time(e, "uploaded_at", f + ".uploaded_at", optional=True),
            "position": len(out),
        })
    return out


def _timeline(v: Any, odd: list[str]) -> list[dict[str, Any]]:
    if v is None:
        return []
    if not isinstance(v, list) or len(v) > 200:
        raise MalformedRefund("timeline", "must be a list of at most 200 nodes")
    out = []
    for i, node in enumerate(v):
        node = _obj(node, f"timeline[{i}]")
        out.append({"at": _time(node, "at", f"timeline[{i}].at"),
                    "status": _text(node, "status", f"timeline[{i}].status", odd, limit=64, optional=False),
                    "note": _text(node, "note", f"timeline[{i}].note", odd, limit=500)})
    return out


def _decision(v: Any, odd: list[str]) -> dict[str, Any] | None:
    if v is None:
        return None
    d = _obj(v, "decision")
    return {"action": _enum(d, "action", "decision.action", ACTIONS),
            "amount_fen": _int(d, "amount_fen", "decision.amount_fen", optional=True),
            "reason_code": _text(d, "reason_code", "decision.reason_code", odd, limit=64),
            "reason_text": _text(d, "reason_text", "decision.reason_text", odd, multiline=True),
            "evidence_ids": _ids(d.get("evidence_ids"), "decision.evidence_ids", odd),
            "by": _party(d.get("by"), "decision.by", odd),
            "at": _time(d, "at", "decision.at")}


def _appeal(v: Any, odd: list[str]) -> dict[str, Any] | None:
    if v is None:
        return None
    a = _obj(v, "appeal")
    st = a.get("statement")
    statement = None
    if st is not None:
        st = _obj(st, "appeal.statement")
        statement = {"text": _text(st, "text", "appeal.statement.text", odd, optional=False, multiline=True),
                     "evidence_ids": _ids(st.get("evidence_ids"), "appeal.statement.evidence_ids", odd),
                     "at": _time(st, "at", "appeal.statement.at"),
                     "by": _party(st.get("by"), "appeal.statement.by", odd) if st.get("by") is not None else None}
    return {"submitted_at": _time(a, "submitted_at", "appeal.submitted_at"),
            "reason": _text(a, "reason", "appeal.reason", odd, multiline=True),
            "evidence": parse_evidence(a.get("evidence"), "appeal.evidence", odd),
            "statement_due_at": _time(a, "statement_due_at", "appeal.statement_due_at"),
            "statement": statement}


def _payout(v: Any, odd: list[str]) -> dict[str, Any] | None:
    if v is None:
        return None
    p = _obj(v, "payout")
    return {"channel": _enum(p, "channel", "payout.channel", CHANNELS, optional=True),
            "status": _enum(p, "status", "payout.status", ("processing", "paid", "failed")),
            "eta": _time(p, "eta", "payout.eta", optional=True),
            "failure_reason": _text(p, "failure_reason", "payout.failure_reason", odd, limit=500)}


# --- v1.1 (after-sale conversation): parsed here, typed and ruled in core.conversation -------------

def parse_negotiation(v: Any, odd: list[str]) -> dict[str, Any] | None:
    if v is None:
        return None
    d = _obj(v, "negotiation")
    return {"round": _int(d, "round", "negotiation.round", lo=1, hi=1000),
            "kind": _enum(d, "kind", "negotiation.kind", PROPOSAL_KINDS),
            "amount_fen": _int(d, "amount_fen", "negotiation.amount_fen", optional=True),
            "message": _text(d, "message", "negotiation.message", odd, multiline=True) or "",
            "proposed_at": _time(d, "proposed_at", "negotiation.proposed_at"),
            "respond_by": _time(d, "respond_by", "negotiation.respond_by"),
            "by": _party(d.get("by"), "negotiation.by", odd) if d.get("by") is not None else None,
            "state": _enum(d, "state", "negotiation.state", PROPOSAL_STATES),
            "answered_at": _time(d, "answered_at", "negotiation.answered_at", optional=True),
            "buyer_message": _text(d, "buyer_message", "negotiation.buyer_message", odd, multiline=True)}


def parse_extension(v: Any, odd: list[str]) -> dict[str, Any] | None:
    if v is None:
        return None
    d = _obj(v, "extension")
    return {"hours": _int(d, "hours", "extension.hours", lo=1, hi=24 * 365),
            "reason_code": _text(d, "reason_code", "extension.reason_code", odd, limit=64),
            "reason_text": _text(d, "reason_text", "extension.reason_text", odd, multiline=True),
            "at": _time(d, "at", "extension.at"),
            "by": _party(d.get("by"), "extension.by", odd) if d.get("by") is not None else None}


def parse_evidence_requests(v: Any, odd: list[str]) -> list[dict[str, Any]]:
    if v is None:
        return []
    if not isinstance(v, list) or len(v) > 50:
        raise MalformedRefund("evidence_requests", "must be a list of at most 50 requests")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, r in enumerate(v):
        f = f"evidence_requests[{i}]"
        r = _obj(r, f)
        rid = _ident(r, "id", f + ".id")
        if rid in seen:
            raise MalformedRefund(f + ".id", f"duplicate request id {rid!r}")
        seen.add(rid)
        answer = None
        if r.get("answer") is not None:
            a = _obj(r["answer"], f + ".answer")
            answer = {"text": _text(a, "text", f + ".answer.text", odd, optional=False, multiline=True),
                      "evidence_ids": _ids(a.get("evidence_ids"), f + ".answer.evidence_ids", odd),
                      "at": _time(a, "at", f + ".answer.at"),
                      "by": _party(a.get("by"), f + ".answer.by", odd) if a.get("by") is not None else None}
        out.append({"id": rid,
                    "question": _text(r, "question", f + ".question", odd, optional=False, multiline=True) or "",
                    "asked_at": _time(r, "asked_at", f + ".asked_at"),
                    "due_at": _time(r, "due_at", f + ".due_at"),
                    "answer": answer})
    return out


def parse_messages_summary(v: Any) -> dict[str, Any]:
    if v is None:
        return {"count": 0, "last_at": None, "last_from": None, "unanswered_buyer": 0}
    d = _obj(v, "messages")
    return {"count": _int(d, "count", "messages.count", hi=10**6, optional=True) or 0,
            "last_at": _time(d, "last_at", "messages.last_at", optional=True),
            "last_from": _enum(d, "last_from", "messages.last_from", MESSAGE_SENDERS, optional=True),
            "unanswered_buyer": _int(d, "unanswered_buyer", "messages.unanswered_buyer", hi=10**6,
                                     optional=True) or 0}


def _conversation_fields(d: dict[str, Any], odd: list[str]) -> dict[str, Any]:
    """The v1.1 fields of a refund as row columns (absent on a v1 platform: no negotiation, no messages)."""
    negotiation = parse_negotiation(d.get("negotiation"), odd)
    requests = parse_evidence_requests(d.get("evidence_requests"), odd)
    messages = parse_messages_summary(d.get("messages"))
    unanswered = [r["due_at"] for r in requests if r["answer"] is None]
    return {"negotiation": negotiation,
            "negotiation_state": negotiation["state"] if negotiation else None,
            "negotiation_respond_by": negotiation["respond_by"] if negotiation else None,
            "extension": parse_extension(d.get("extension"), odd),
            "evidence_requests": requests,
            "evidence_request_due_at": min(unanswered) if unanswered else None,
            "messages_count": messages["count"],
            "messages_last_at": messages["last_at"],
            "messages_last_from": messages["last_from"],
            "unanswered_buyer": messages["unanswered_buyer"]}


def parse_refund(doc: Any) -> dict[str, Any]:
    """Check one refund document and flatten it into a row (times as epoch ms, money as fen).

    Nested data that is never filtered on (timeline, appeal, payout, evidence ids) stays nested;
    evidence comes back under the key "evidence" for its own table.
    """
    rid = doc.get("id") if isinstance(doc, dict) else None
    odd: list[str] = []
    try:
        d = _obj(doc, "refund")
        rid = _ident(d, "id", "id")
        product = _obj(d.get("product"), "product")
        buyer = _obj(d.get("buyer"), "buyer")
        card = _obj(d.get("card"), "card")
        cur = _str(d, "currency", "currency", limit=8)
        if cur != "CNY":
            raise MalformedRefund("currency", f"only CNY is supported, got {cur!r}")
        paid = _int(d, "paid_fen", "paid_fen")
        requested = _int(d, "requested_fen", "requested_fen")
        if requested > paid:
            raise MalformedRefund("requested_fen", "is more than the paid amount")
        decision = _decision(d.get("decision"), odd)
        appeal = _appeal(d.get("appeal"), odd)
        payout = _payout(d.get("payout"), odd)
        row: dict[str, Any] = {
            "id": rid,
            "version": _int(d, "version", "version", lo=0, hi=2**62),
            "order_no": _text(d, "order_no", "order_no", odd, limit=MAX_ID, optional=False),
            "product_sku": _text(product, "sku", "product.sku", odd, limit=MAX_ID),
            "product_name": _text(product, "name", "product.name", odd, limit=200, optional=False),
            "product_category": _enum(product, "category", "product.category", CATEGORIES),
            "face_value_fen": _int(product, "face_value_fen", "product.face_value_fen"),
            "quantity": _int(d, "quantity", "quantity", lo=1, hi=100_000),
            "paid_fen": paid,
            "currency": cur,
            "payment_channel": _enum(d, "payment_channel", "payment_channel", CHANNELS),
            "buyer_id": _text(buyer, "id", "buyer.id", odd, limit=MAX_ID, optional=False),
            "buyer_nickname": _text(buyer, "nickname", "buyer.nickname", odd, limit=200) or "",
            "buyer_refunds_90d": _int(buyer, "refunds_90d", "buyer.refunds_90d", hi=10**7, optional=True) or 0,
            "buyer_orders_90d": _int(buyer, "orders_90d", "buyer.orders_90d", hi=10**8, optional=True) or 0,
            "delivered_at": _time(d, "delivered_at", "delivered_at", optional=True),
            "card_status": _enum(card, "status", "card.status", CARD_STATUSES),
            "card_used_fen": _int(card, "used_fen", "card.used_fen", optional=True) or 0,
            "type": _enum(d, "type", "type", REFUND_TYPES),
            "requested_fen": requested,
            "reason": _text(d, "reason", "reason", odd, multiline=True) or "",
            "status": _enum(d, "status", "status", STATUSES),
            "submitted_at": _time(d, "submitted_at", "submitted_at"),
            "due_at": _time(d, "due_at", "due_at"),
            "fast_refund": bool(d.get("fast_refund") is True),
            "auto_approve_at": _time(d, "auto_approve_at", "auto_approve_at", optional=True),
            "urged_at": _time(d, "urged_at", "urged_at", optional=True),
            "escalates_at": _time(d, "escalates_at", "escalates_at", optional=True),
            "previous_refund_id": _text(d, "previous_refund_id", "previous_refund_id", odd, limit=MAX_ID),
            "decision_action": decision["action"] if decision else None,
            "decision_amount_fen": decision["amount_fen"] if decision else None,
            "decision_reason_code": decision["reason_code"] if decision else None,
            "decision_reason_text": decision["reason_text"] if decision else None,
            "decision_by_kind": decision["by"]["kind"] if decision else None,
            "decision_by_id": decision["by"]["id"] if decision else None,
            "decision_by_name": decision["by"]["name"] if decision else None,
            "decision_at": decision["at"] if decision else None,
            "decision_evidence_ids": decision["evidence_ids"] if decision else None,
            "appeal": appeal,
            "appeal_statement_due_at": appeal["statement_due_at"] if appeal and appeal["statement"] is None else None,
            "payout": payout,
            "payout_status": payout["status"] if payout else None,
            "timeline": _timeline(d.get("timeline"), odd),
            "updated_at": _time(d, "updated_at", "updated_at"),
            "evidence": parse_evidence(d.get("evidence"), "evidence", odd),
        }
        row.update(_conversation_fields(d, odd))
        if row["card_used_fen"] > row["face_value_fen"] * row["quantity"]:
            raise MalformedRefund("card.used_fen", "is more than the card's face value")
        row["evidence_count"] = len(row["evidence"])
        row["odd_fields"] = odd or None
        row["next_deadline_at"] = next_deadline_at(row)
        return row
    except MalformedRefund as e:
        e.refund_id = rid if isinstance(rid, str) else None
        raise
    except (TypeError, AttributeError, ValueError, RecursionError) as e:  # a shape nobody foresaw: still bad input
        raise MalformedRefund("refund", f"unexpected shape ({e})", rid if isinstance(rid, str) else None) from None


def next_deadline_at(row: dict[str, Any]) -> int | None:
    """The instant that matters next for this refund's handling (None when nothing is pending).

    Awaiting a decision: the earliest of the response deadline, the fast-refund auto-approval and
    the escalation after an urge. Appealed without a statement: the statement deadline. Under review
    or appealed with an unanswered evidence request (v1.1): that request's due time if sooner.
    Negotiating: the buyer's answer is due (or a fast refund auto-approves) first.

    The moment the Countdown shows (core.countdown), so the queue's urgency order matches it: a buyer
    urges only after the response deadline, so once urged the deadline that is still ahead is the
    escalation — the passed response deadline would otherwise sort an urged refund with 10 h left
    above one that auto-approves in a minute.
    """
    status = row["status"]
    if status == "awaiting_merchant":
        urged_at = row.get("urged_at")
        passed = row.get("escalates_at") is not None and urged_at is not None and row["due_at"] <= urged_at
        times: list[int] = [] if passed else [row["due_at"]]
        if row.get("fast_refund") and row.get("auto_approve_at") is not None:
            times.append(row["auto_approve_at"])
        if row.get("escalates_at") is not None:
            times.append(row["escalates_at"])
        return min(times)
    asked: int | None = row.get("evidence_request_due_at")  # v1.1: customer service waits for the merchant's evidence
    if asked is not None and status in ("platform_review", "appealed"):
        statement = row.get("appeal_statement_due_at") if status == "appealed" else None
        return asked if statement is None else min(asked, statement)
    if status == "negotiating":  # v1.1: the buyer's answer, or a fast refund's auto-approval, whichever first
        times = [t for t in (row.get("negotiation_respond_by"),
                             row.get("auto_approve_at") if row.get("fast_refund") else None) if t is not None]
        return min(times) if times else None
    if status == "appealed":
        due: int | None = row.get("appeal_statement_due_at")
        return due
    return None
