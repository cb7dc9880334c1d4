"""The platform's policy (from /me) and the decision rules that follow from it.

Policy numbers always come from the platform; `Policy.defaults()` exists for the sandbox, which *is*
a platform, and for tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from .money import MAX_FEN
from .templates import unfilled

ACTIONS = ("approve", "partial", "reject")
REASON_CODES: dict[str, tuple[str, ...]] = {
    # code -> actions it applies to (the sandbox serves these; the client reads /reason-codes)
    "card_already_used": ("reject",),
    "outside_refund_window": ("reject",),
    "insufficient_evidence": ("reject",),
    "delivered_as_described": ("reject",),
    "buyer_input_error": ("reject",),
    "partial_used_value": ("partial",),
    "partial_negotiated": ("partial",),
    "other": ("reject", "partial", "approve"),
}


@dataclass(frozen=True, slots=True)
class Policy:
    response_hours: int = 24
    fast_refund_minutes: int = 30
    urge_escalation_hours: int = 12
    refund_window_minutes: int = 15
    appeal_days: int = 7
    statement_hours: int = 48
    batch_max_count: int = 20
    batch_max_fen: int = 600_000
    reason_min_chars: int = 2
    reason_max_chars: int = 200
    merchant_evidence_max_bytes: int = 131_072
    merchant_evidence_max_count: int = 5
    # v1.1 after-sale conversation (协商): None when the platform does not send them (a v1 platform),
    # and then the console offers no messages, proposals or extensions
    negotiation_response_hours: int | None = 24
    negotiation_max_rounds: int | None = 2
    message_max_chars: int | None = 500
    message_max_images: int | None = 3
    message_max_unanswered: int | None = 3
    extension_max_hours: int | None = 48
    evidence_request_hours: int | None = 24

    @property
    def speaks_v11(self) -> bool:
        """Whether the platform sent every v1.1 policy value (messages, proposals, extensions)."""
        return all(getattr(self, name) is not None for name in V11_FIELDS)

    @classmethod
    def defaults(cls) -> Policy:
        return cls()

    @classmethod
    def from_json(cls, data: Any) -> Policy:
        """Parse /me's policy; every field must be a non-negative int (unknown fields are ignored).

        The v1.1 values may be missing (a v1 platform): they are None then."""
        if not isinstance(data, dict):
            raise ValueError("policy must be an object")
        values: dict[str, Any] = {}
        for f in fields(cls):
            v = data.get(f.name)
            if v is None and f.name in V11_FIELDS:
                values[f.name] = None
                continue
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ValueError(f"policy.{f.name} must be a non-negative integer")
            values[f.name] = v
        return cls(**values)

    def to_json(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


V11_FIELDS = ("negotiation_response_hours", "negotiation_max_rounds", "message_max_chars", "message_max_images",
              "message_max_unanswered", "extension_max_hours", "evidence_request_hours")


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """What a person asks for, before it is recorded or sent."""

    action: str
    amount_fen: int | None = None
    reason_code: str | None = None
    reason_text: str | None = None
    evidence_ids: tuple[str, ...] = ()

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"action": self.action}
        if self.amount_fen is not None:
            body["amount_fen"] = self.amount_fen
        if self.reason_code is not None:
            body["reason_code"] = self.reason_code
        if self.reason_text is not None:
            body["reason_text"] = self.reason_text
        body["evidence_ids"] = list(self.evidence_ids)
        return body


def validate_decision(draft: DecisionDraft, *, paid_fen: int, requested_fen: int,
                      policy: Policy) -> dict[str, str]:
    """Field -> message for everything wrong with a decision; empty when it may be sent.

    The same rules the platform enforces (422 invalid_decision), checked before anything is saved.
    """
    errors: dict[str, str] = {}
    if draft.action not in ACTIONS:
        return {"action": f"unknown action {draft.action!r}; use approve, partial or reject"}
    amt = draft.amount_fen
    if amt is not None and (isinstance(amt, bool) or not isinstance(amt, int)):
        errors["amount_fen"] = "amount must be a whole number of fen"
        amt = None
    if draft.action == "approve":
        if amt is not None and amt != requested_fen:
            errors["amount_fen"] = "a full approval refunds the requested amount; use partial for less"
    elif draft.action == "partial":
        if draft.amount_fen is None:
            errors["amount_fen"] = "a partial refund needs an amount"
        elif amt is not None and not 1 <= amt < paid_fen:
            errors["amount_fen"] = (f"a partial refund must be at least 0.01 and less than the paid "
                                    f"amount ({paid_fen / 100:.2f})")
        elif amt is not None and amt > MAX_FEN:
            errors["amount_fen"] = "amount is too large"
    needs_reason = draft.action in ("partial", "reject")
    code, text = draft.reason_code, draft.reason_text
    if needs_reason and not code:
        errors["reason_code"] = "choose a reason"
    if code:
        allowed = REASON_CODES.get(code)
        if allowed is None or draft.action not in allowed:
            errors["reason_code"] = f"reason {code!r} does not apply to {draft.action}"
    if needs_reason or text:
        stripped = (text or "").strip()
        if needs_reason and not stripped:
            errors["reason_text"] = "write a reason for the buyer"
        elif len(stripped) < policy.reason_min_chars:
            errors["reason_text"] = f"the reason needs at least {policy.reason_min_chars} characters"
        elif len(stripped) > policy.reason_max_chars:
            errors["reason_text"] = f"the reason may have at most {policy.reason_max_chars} characters"
        elif unfilled(stripped):
            errors["reason_text"] = (f"the text still holds {', '.join(unfilled(stripped))}: write in what it "
                                     "stands for (it is not known for this refund)")
    if len(draft.evidence_ids) > policy.merchant_evidence_max_count:
        errors["evidence_ids"] = f"at most {policy.merchant_evidence_max_count} images"
    return errors


def check_batch(amounts_fen: Iterable[int], policy: Policy) -> str | None:
    """None when a batch fits the platform's caps, else why it does not."""
    amounts = list(amounts_fen)
    if len(amounts) > policy.batch_max_count:
        return f"a batch may hold at most {policy.batch_max_count} refunds ({len(amounts)} selected)"
    total = sum(amounts)
    if total > policy.batch_max_fen:
        return (f"a batch may refund at most {policy.batch_max_fen / 100:.2f} in total "
                f"({total / 100:.2f} selected)")
    return None


def minutes_after_delivery(delivered_at_ms: int | None, submitted_at_ms: int) -> int | None:
    """Whole minutes from delivery to the refund request (None when never delivered)."""
    if delivered_at_ms is None:
        return None
    return max(0, (submitted_at_ms - delivered_at_ms) // 60_000)


def outside_refund_window(delivered_at_ms: int | None, submitted_at_ms: int, policy: Policy) -> bool:
    mins = minutes_after_delivery(delivered_at_ms, submitted_at_ms)
    return mins is not None and mins > policy.refund_window_minutes


@dataclass(frozen=True, slots=True)
class PartialSuggestion:
    """The amount a partial refund starts with, and what it was worked out from (shown beside it).

    `amount_fen` never exceeds what the buyer asked for; None when the facts give no amount (the
    person types one). `fits_partial` is False when the amount is the whole paid price, which a
    partial refund cannot be (1 ≤ amount < paid): the person approves in full instead.
    """

    amount_fen: int | None
    basis: str          # unused_share | nothing_used | not_delivered | fully_used | activated | unknown
    requested_fen: int
    paid_fen: int
    face_fen: int       # face value × quantity
    used_fen: int
    share_fen: int | None = None   # the unused value at the price paid, before the cap at the request
    capped: bool = False           # the buyer asked for less than share_fen

    @property
    def fits_partial(self) -> bool:
        return self.amount_fen is not None and 1 <= self.amount_fen < self.paid_fen


def suggest_partial(row: dict[str, Any]) -> PartialSuggestion:
    """A partial-refund amount from the card's use, capped at the request.

    The unused value is refunded at the price the buyer paid (a ¥100 card bought for ¥98.50 with ¥30
    used gives back ¥98.50 − ¥98.50 × 30/100 = ¥68.95, not ¥70 of face value), the way the platform
    itself computes a used-value refund. Nothing used (or never delivered) means the whole request.
    """
    requested, paid = row["requested_fen"], row["paid_fen"]
    face = row.get("face_value_fen", 0) * (row.get("quantity") or 1)
    used = row.get("card_used_fen") or 0
    status = row.get("card_status") or "unknown"

    def make(amount: int | None, basis: str, share: int | None = None) -> PartialSuggestion:
        capped = amount is not None and share is not None and requested < share
        return PartialSuggestion(None if amount is None else max(0, min(amount, requested)), basis,
                                 requested, paid, face, used, share, capped)

    if status == "activated":
        return make(None, "activated")
    if status == "unknown" and row.get("delivered_at") is None:
        return make(requested, "not_delivered")
    if status == "unknown":
        return make(None, "unknown")
    if used <= 0:
        return make(requested, "nothing_used")
    if face <= 0 or used >= face:
        return make(None, "fully_used")
    share = paid - paid * used // face
    return make(share, "unused_share", share)
