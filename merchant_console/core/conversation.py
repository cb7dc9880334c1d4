"""The after-sale conversation (协商, platform API v1.1): messages, proposals, extensions, evidence requests.

Typed values for what the platform sends (parsed from untrusted JSON the way `core.refund` parses a
refund: ids checked, text made visible, times as epoch ms, money as fen) and the rules the platform
enforces, checked here before anything is recorded so a person hears "no" at once, not after an
upload. Policy numbers come from `/me` (`Policy`); nothing here hard-codes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .policy import Policy
from .refund import (  # noqa: F401 - the refund's v1.1 fields are parsed there, re-exported here
    MAX_TEXT,
    MalformedRefund,
    _enum,
    _ident,
    _ids,
    _obj,
    _party,
    _text,
    _time,
    parse_evidence_requests,
    parse_extension,
    parse_messages_summary,
    parse_negotiation,
)
from .status import (
    CONVERSATION_CLOSED_STATUSES,
    EVIDENCE_REQUEST_STATUSES,
    MESSAGE_SENDERS,
    PROPOSAL_KINDS,
    REISSUE_CATEGORIES,
)
from .templates import unfilled

# reason codes for asking more time (GET /reason-codes, actions ["extend"]); labels for the console
EXTENSION_REASON_CODES: dict[str, tuple[str, str]] = {
    "checking_with_supplier": ("正在与上游供货商核实", "Checking with the supplier"),
    "awaiting_buyer_info": ("等待买家补充信息", "Waiting for the buyer's information"),
    "holiday": ("节假日", "Holiday"),
    "other": ("其他", "Other"),
}
MAX_MESSAGES = 200  # the platform keeps at most this many messages a refund


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a refund's conversation; `sender` is buyer, merchant or platform (customer service)."""

    id: str
    at: int
    sender: str
    text: str
    evidence_ids: tuple[str, ...] = ()
    by_id: str | None = None
    by_name: str | None = None
    odd_fields: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, doc: Any, field_name: str = "message") -> Message:
        """Check one message document (raises MalformedRefund naming the field)."""
        odd: list[str] = []
        d = _obj(doc, field_name)
        by = d.get("by")
        party = _party(by, f"{field_name}.by", odd) if by is not None else None
        return cls(id=_ident(d, "id", f"{field_name}.id"), at=_time(d, "at", f"{field_name}.at"),
                   sender=_enum(d, "from", f"{field_name}.from", MESSAGE_SENDERS),
                   text=_text(d, "text", f"{field_name}.text", odd, optional=False, multiline=True) or "",
                   evidence_ids=tuple(_ids(d.get("evidence_ids"), f"{field_name}.evidence_ids", odd)),
                   by_id=party["id"] if party else None, by_name=party["name"] if party else None,
                   odd_fields=tuple(odd))

    def to_row(self, refund_id: str) -> dict[str, Any]:
        return {"refund_id": refund_id, "id": self.id, "at": self.at, "sender": self.sender, "text": self.text,
                "evidence_ids": list(self.evidence_ids), "by_id": self.by_id, "by_name": self.by_name}


@dataclass(frozen=True, slots=True)
class Thread:
    """GET /refunds/{id}/messages, oldest first; `skipped` messages were malformed and left out."""

    messages: tuple[Message, ...]
    skipped: tuple[str, ...] = ()


def parse_thread(doc: Any) -> Thread:
    """The messages page; a malformed message is left out (named in `skipped`), never the whole thread."""
    d = _obj(doc, "messages")
    items = d.get("items")
    if not isinstance(items, list):
        raise MalformedRefund("messages.items", "must be a list")
    if len(items) > MAX_MESSAGES * 2:
        raise MalformedRefund("messages.items", f"more than {MAX_MESSAGES * 2} messages")
    out, skipped, seen = [], [], set()
    for i, item in enumerate(items):
        try:
            m = Message.from_json(item, f"messages.items[{i}]")
        except MalformedRefund as e:
            skipped.append(str(e))
            continue
        if m.id in seen:
            skipped.append(f"messages.items[{i}].id: duplicate {m.id!r}")
            continue
        seen.add(m.id)
        out.append(m)
    out.sort(key=lambda m: (m.at, m.id))
    return Thread(tuple(out), tuple(skipped))


def open_requests(requests: list[dict[str, Any]] | None, now_ms: int) -> list[dict[str, Any]]:
    """The evidence requests still waiting for the merchant's answer (unanswered, not past due), soonest first."""
    return sorted((r for r in requests or () if r.get("answer") is None and r["due_at"] > now_ms),
                  key=lambda r: r["due_at"])


# --- what a person asks for, and the rules ----------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MessageDraft:
    text: str
    evidence_ids: tuple[str, ...] = ()

    def to_body(self) -> dict[str, Any]:
        return {"text": self.text, "evidence_ids": list(self.evidence_ids)}


@dataclass(frozen=True, slots=True)
class ProposalDraft:
    kind: str                      # partial | reissue
    message: str
    amount_fen: int | None = None  # partial only
    evidence_ids: tuple[str, ...] = ()

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"kind": self.kind, "message": self.message, "evidence_ids": list(self.evidence_ids)}
        if self.kind == "partial":
            body["amount_fen"] = self.amount_fen
        return body


@dataclass(frozen=True, slots=True)
class ExtensionDraft:
    hours: int
    reason_code: str
    reason_text: str

    def to_body(self) -> dict[str, Any]:
        return {"hours": self.hours, "reason_code": self.reason_code, "reason_text": self.reason_text}


@dataclass(frozen=True, slots=True)
class EvidenceAnswerDraft:
    request_id: str
    text: str
    evidence_ids: tuple[str, ...] = ()

    def to_body(self) -> dict[str, Any]:
        return {"request_id": self.request_id, "text": self.text, "evidence_ids": list(self.evidence_ids)}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an action is not offered for a refund right now: a code (the platform's where it has one) and words."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


def _no_v11(policy: Policy) -> Refusal | None:
    if not policy.speaks_v11:
        return Refusal("not_supported", "this platform does not offer after-sale conversations (API v1.1)")
    return None


def message_refusal(row: dict[str, Any], policy: Policy, *, merchant_unanswered: int = 0) -> Refusal | None:
    """None when the merchant may write to the buyer of this refund now.

    `merchant_unanswered`: merchant messages since the buyer last wrote (sent and waiting in the outbox)."""
    if (r := _no_v11(policy)) is not None:
        return r
    if row["status"] in CONVERSATION_CLOSED_STATUSES:
        return Refusal("conversation_closed", "the conversation is closed: the refund is finished")
    if merchant_unanswered >= (policy.message_max_unanswered or 0):
        return Refusal("too_many_unanswered", f"the buyer has not answered your last {merchant_unanswered} "
                       "messages: wait for an answer before writing again")
    return None


def validate_message(draft: MessageDraft, policy: Policy, *, images: int = 0) -> dict[str, str]:
    """Field -> message for everything wrong with a message (`images`: attachments still on this computer)."""
    errors: dict[str, str] = {}
    text = draft.text.strip() if isinstance(draft.text, str) else ""
    if not text:
        errors["text"] = "write a message"
    elif len(text) > (policy.message_max_chars or 0):
        errors["text"] = f"a message may have at most {policy.message_max_chars} characters"
    elif unfilled(text):   # a template's $used where the card's use is not known: never sent to the buyer as is
        errors["text"] = (f"the message still holds {', '.join(unfilled(text))}: write in what it stands for "
                          "(it is not known for this refund)")
    if len(draft.evidence_ids) + images > (policy.message_max_images or 0):
        errors["evidence_ids"] = f"at most {policy.message_max_images} images a message"
    return errors


def rounds_used(row: dict[str, Any]) -> int:
    neg = row.get("negotiation")
    return int(neg["round"]) if isinstance(neg, dict) and neg.get("round") else 0


def proposal_refusal(row: dict[str, Any], policy: Policy) -> Refusal | None:
    """None when the merchant may propose a resolution for this refund now."""
    if (r := _no_v11(policy)) is not None:
        return r
    if row["status"] != "awaiting_merchant":
        return Refusal("not_awaiting_merchant", "a proposal can only be made while the refund awaits your decision")
    if rounds_used(row) >= (policy.negotiation_max_rounds or 0):
        return Refusal("rounds_used", f"the {policy.negotiation_max_rounds} rounds of negotiation are used up: "
                       "decide the refund")
    return None


def validate_proposal(draft: ProposalDraft, row: dict[str, Any], policy: Policy, *, images: int = 0) -> dict[str, str]:
    """Field -> message for everything wrong with a proposal on this refund (`images`: attachments still on this
    computer); empty when it may be sent."""
    errors: dict[str, str] = {}
    if (r := proposal_refusal(row, policy)) is not None:
        errors["refund"] = r.message
    if draft.kind not in PROPOSAL_KINDS:
        return {**errors, "kind": f"unknown proposal {draft.kind!r}; use partial or reissue"}
    amt = draft.amount_fen
    if draft.kind == "partial":
        if amt is None:
            errors["amount_fen"] = "a partial refund needs an amount"
        elif isinstance(amt, bool) or not isinstance(amt, int):
            errors["amount_fen"] = "amount must be a whole number of fen"
        elif not 1 <= amt < row["paid_fen"]:
            errors["amount_fen"] = (f"a partial refund must be at least 0.01 and less than the paid amount "
                                    f"({row['paid_fen'] / 100:.2f})")
    else:
        if amt is not None:
            errors["amount_fen"] = "a re-issued card has no amount"
        if row.get("product_category") not in REISSUE_CATEGORIES:
            errors["kind"] = "a re-issued card is offered only for game cards, gift cards and membership codes"
    text = draft.message.strip() if isinstance(draft.message, str) else ""
    if len(text) < policy.reason_min_chars:
        errors["message"] = f"the message to the buyer needs at least {policy.reason_min_chars} characters"
    elif len(text) > policy.reason_max_chars:
        errors["message"] = f"the message to the buyer may have at most {policy.reason_max_chars} characters"
    elif unfilled(text):
        errors["message"] = (f"the message still holds {', '.join(unfilled(text))}: write in what it stands for "
                             "(it is not known for this refund)")
    # a proposal's images go with its message to the buyer: a message's limit (the sandbox holds it to the same)
    most = min(policy.message_max_images or policy.merchant_evidence_max_count, policy.merchant_evidence_max_count)
    if len(draft.evidence_ids) + images > most:
        errors["evidence_ids"] = f"at most {most} images"
    return errors


def extension_refusal(row: dict[str, Any], policy: Policy, now_ms: int) -> Refusal | None:
    """None when more time may be asked for this refund now (the platform's reasons otherwise)."""
    if (r := _no_v11(policy)) is not None:
        return r
    if row["status"] != "awaiting_merchant":
        return Refusal("not_awaiting_merchant", "more time can only be asked while the refund awaits your decision")
    if row.get("extension"):
        return Refusal("already_extended", "more time was already given once for this refund",
                       {"reason": "already_extended"})
    if row.get("fast_refund"):
        return Refusal("fast_refund", "a fast refund (极速退款) cannot be given more time", {"reason": "fast_refund"})
    if row["due_at"] <= now_ms:
        return Refusal("past_due", "the deadline has passed", {"reason": "past_due"})
    return None


def validate_extension(draft: ExtensionDraft, row: dict[str, Any], policy: Policy, now_ms: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if (r := extension_refusal(row, policy, now_ms)) is not None:
        errors["refund"] = r.message
    hours = draft.hours
    top = policy.extension_max_hours or 0
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= top:
        errors["hours"] = f"ask for 1 to {top} hours"
    if draft.reason_code not in EXTENSION_REASON_CODES:
        errors["reason_code"] = "choose a reason: " + ", ".join(EXTENSION_REASON_CODES)
    text = draft.reason_text.strip() if isinstance(draft.reason_text, str) else ""
    if len(text) < policy.reason_min_chars:
        errors["reason_text"] = f"the reason needs at least {policy.reason_min_chars} characters"
    elif len(text) > policy.reason_max_chars:
        errors["reason_text"] = f"the reason may have at most {policy.reason_max_chars} characters"
    return errors


def evidence_answer_refusal(row: dict[str, Any], request_id: str, policy: Policy, now_ms: int) -> Refusal | None:
    if (r := _no_v11(policy)) is not None:
        return r
    if row["status"] not in EVIDENCE_REQUEST_STATUSES:
        return Refusal("no_open_request", "customer service asks for evidence only during review or appeal")
    req = next((q for q in row.get("evidence_requests") or () if q["id"] == request_id), None)
    if req is None:
        return Refusal("no_open_request", f"this refund has no evidence request {request_id!r}")
    if req.get("answer") is not None:
        return Refusal("no_open_request", "this request has been answered already")
    if req["due_at"] <= now_ms:
        return Refusal("no_open_request", "the time to answer this request has passed")
    return None


def validate_evidence_answer(draft: EvidenceAnswerDraft, row: dict[str, Any], policy: Policy, now_ms: int, *,
                             images: int = 0) -> dict[str, str]:
    errors: dict[str, str] = {}
    if (r := evidence_answer_refusal(row, draft.request_id, policy, now_ms)) is not None:
        errors["request_id"] = r.message
    text = draft.text.strip() if isinstance(draft.text, str) else ""
    if len(text) < policy.reason_min_chars:
        errors["text"] = f"the answer needs at least {policy.reason_min_chars} characters"
    elif len(text) > MAX_TEXT:
        errors["text"] = f"the answer may have at most {MAX_TEXT} characters"
    if len(draft.evidence_ids) + images > policy.merchant_evidence_max_count:
        errors["evidence_ids"] = f"at most {policy.merchant_evidence_max_count} images"
    return errors
