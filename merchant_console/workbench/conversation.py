"""The after-sale conversation (协商, v1.1): write to the buyer, propose a resolution, ask for more time,
answer customer service's evidence request — one function per action, each in one write transaction.

Like deciding (workbench.decisions): who acts, with which role and policy, at what platform time is
read from the last sync; the refund's CURRENT row is read in the transaction that records and the
action is refused (a value) when the row no longer matches what the person saw (`seen_version`) or
no longer allows it; accepted, it is recorded in the outbox with its idempotency key, the refund's
version for If-Match and an audit entry (store.conversation). The next sync uploads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.conversation import (
    EvidenceAnswerDraft,
    ExtensionDraft,
    MessageDraft,
    ProposalDraft,
    Refusal,
    evidence_answer_refusal,
    extension_refusal,
    message_refusal,
    proposal_refusal,
    validate_evidence_answer,
    validate_extension,
    validate_message,
    validate_proposal,
)
from ..core.policy import PartialSuggestion, suggest_partial
from ..store import conversation, outbox, refunds
from ..store.engine import Database
from .actor import deciding_actor
from .decisions import _stale, _unknown, current_refund
from .result import INVALID, NOT_AWAITING, Done, Refused, Result

# refusal codes of the conversation (besides result.py's): the platform's own where it has one
CONVERSATION_CLOSED = "conversation_closed"   # the refund is finished: no more messages
TOO_MANY_UNANSWERED = "too_many_unanswered"   # the buyer must answer before the merchant writes again
ROUNDS_USED = "rounds_used"                   # negotiation rounds used up: decide the refund
EXTENSION_NOT_ALLOWED = "extension_not_allowed"  # facts["reason"]: already_extended|fast_refund|past_due
NO_OPEN_REQUEST = "no_open_request"           # no such open evidence request (answered, past due, not this refund)
NOT_SUPPORTED = "not_supported"               # the platform does not speak v1.1


def _refused(r: Refusal) -> Refused:
    code = {"not_awaiting_merchant": NOT_AWAITING, "already_extended": EXTENSION_NOT_ALLOWED,
            "fast_refund": EXTENSION_NOT_ALLOWED, "past_due": EXTENSION_NOT_ALLOWED}.get(r.code, r.code)
    return Refused(code, r.message, facts={"reason": r.code, **r.details})


def _invalid(errors: dict[str, str], **facts: Any) -> Refused:
    return Refused(INVALID, "; ".join(f"{k}: {v}" for k, v in errors.items()), fields=errors, facts=facts)


def send_message(db: Database, refund_id: str, text: str, *, now_ms: int | None = None,
                 attachments: Sequence[dict[str, Any]] = ()) -> Result[int]:
    """A message to the buyer (text, and images prepared by evidence.merchant_image); Done(outbox id).

    A message does not change the refund, so a newer version since the person looked is no reason to refuse."""
    draft = MessageDraft(text.strip())
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        current = current_refund(conn, refund_id)
        if isinstance(current, Refused):
            return current
        refusal = message_refusal(current, actor.policy,
                                  merchant_unanswered=conversation.merchant_unanswered(conn, refund_id))
        if refusal is not None:
            return _refused(refusal)
        errors = validate_message(draft, actor.policy, images=len(attachments))
        if errors:
            return _invalid(errors, max_chars=actor.policy.message_max_chars,
                            max_images=actor.policy.message_max_images)
        try:
            item_id = conversation.record_message(conn, current, draft, staff_id=actor.staff_id,
                                                  now_ms=actor.now_ms, attachments=list(attachments) or None)
        except outbox.DecisionNotAllowed as e:
            return Refused(e.code, str(e))
    return Done(item_id, frozenset({refund_id}))


def suggested_proposal(row: dict[str, Any]) -> PartialSuggestion:
    """The partial amount a proposal starts with: the card's remaining value at the price paid, capped at the
    request (core.policy.suggest_partial); `fits_partial` False when no partial amount follows from the facts."""
    return suggest_partial(row)


def propose(db: Database, refund_id: str, kind: str, message: str, *, amount_fen: int | None = None,
            seen_version: int | None = None, now_ms: int | None = None,
            attachments: Sequence[dict[str, Any]] = ()) -> Result[int]:
    """Propose a partial refund (`amount_fen`; None takes the suggested remaining value) or a re-issued card
    (`kind` "reissue"), with images prepared like a message's; the buyer answers before the platform's deadline.
    Done(outbox id) or Refused."""
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        current = refunds.get_refund(conn, refund_id)
        if current is None:
            return _unknown(refund_id)
        if (refusal := proposal_refusal(current, actor.policy)) is not None:
            return _refused(refusal)
        if (stale := _stale(refund_id, current, seen_version)) is not None:
            return stale
        if kind == "partial" and amount_fen is None:
            suggestion = suggest_partial(current)
            if not suggestion.fits_partial:
                return _invalid({"amount_fen": "no partial amount follows from the card's use: give one"},
                                basis=suggestion.basis)
            amount_fen = suggestion.amount_fen
        draft = ProposalDraft(kind, message.strip(), amount_fen if kind == "partial" else None)
        errors = validate_proposal(draft, current, actor.policy, images=len(attachments))
        if errors:
            return _invalid(errors, paid_fen=current["paid_fen"], requested_fen=current["requested_fen"])
        try:
            item_id = conversation.record_proposal(conn, current, draft, staff_id=actor.staff_id,
                                                   now_ms=actor.now_ms, attachments=list(attachments) or None)
        except outbox.DecisionNotAllowed as e:
            return Refused(e.code, str(e))
    return Done(item_id, frozenset({refund_id}))


def ask_for_time(db: Database, refund_id: str, hours: int, reason_code: str, reason_text: str, *,
                 seen_version: int | None = None, now_ms: int | None = None) -> Result[int]:
    """Ask the platform for more time to decide (once per refund, where the policy allows); Done(outbox id).

    The new deadline is `due_at + hours` once the platform confirms it (the next sync)."""
    draft = ExtensionDraft(hours, reason_code, reason_text.strip())
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        current = refunds.get_refund(conn, refund_id)
        if current is None:
            return _unknown(refund_id)
        if (refusal := extension_refusal(current, actor.policy, actor.now_ms)) is not None:
            return _refused(refusal)
        if (stale := _stale(refund_id, current, seen_version)) is not None:
            return stale
        errors = validate_extension(draft, current, actor.policy, actor.now_ms)
        if errors:
            return _invalid(errors, max_hours=actor.policy.extension_max_hours)
        try:
            item_id = conversation.record_extension(conn, current, draft, staff_id=actor.staff_id,
                                                    now_ms=actor.now_ms)
        except outbox.DecisionNotAllowed as e:
            return Refused(e.code, str(e))
    return Done(item_id, frozenset({refund_id}))


def answer_evidence_request(db: Database, refund_id: str, request_id: str, text: str, *, now_ms: int | None = None,
                            attachments: Sequence[dict[str, Any]] = ()) -> Result[int]:
    """Answer one of customer service's evidence requests before its own deadline; Done(outbox id).

    Only the request's state matters (a buyer's message meanwhile changes the version, not the question)."""
    draft = EvidenceAnswerDraft(request_id, text.strip())
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        current = current_refund(conn, refund_id)
        if isinstance(current, Refused):
            return current
        current = dict(current, evidence_requests=_requests(conn, refund_id))
        refusal = evidence_answer_refusal(current, request_id, actor.policy, actor.now_ms)
        if refusal is not None:
            return _refused(refusal)
        errors = validate_evidence_answer(draft, current, actor.policy, actor.now_ms, images=len(attachments))
        if errors:
            return _invalid(errors, max_images=actor.policy.merchant_evidence_max_count)
        try:
            item_id = conversation.record_evidence_answer(conn, current, draft, staff_id=actor.staff_id,
                                                          now_ms=actor.now_ms, attachments=list(attachments) or None)
        except outbox.DecisionNotAllowed as e:
            return Refused(e.code, str(e))
    return Done(item_id, frozenset({refund_id}))


def mark_thread_read(db: Database, refund_id: str, *, now_ms: int | None = None,
                     message_ids: Sequence[str] | None = None) -> Result[int]:
    """The person signed in read the conversation (or these of its messages): clears their unread marks — each
    staff member has their own (viewers too). Done(how many)."""
    with db.write() as conn:
        from .actor import actor_of
        actor = actor_of(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        n = conversation.mark_read(conn, refund_id, actor.now_ms, actor.staff_id, message_ids)
    return Done(n, frozenset({refund_id}) if n else frozenset())


def _requests(conn: Any, refund_id: str) -> list[dict[str, Any]]:
    """The refund's evidence requests in the shape core.conversation expects (answer None when open)."""
    return [{"id": r["id"], "question": r["question"], "asked_at": r["asked_at"], "due_at": r["due_at"],
             "answer": None if r["answered_at"] is None else {"text": r["answer_text"], "at": r["answered_at"]}}
            for r in conversation.requests_of(conn, refund_id)]


def prepare_images(db: Database, paths: Sequence[str], folder: Any) -> Result[list[dict[str, Any]]]:
    """Merchant images for a message or an evidence answer: each decoded safely, shrunk under the platform's
    byte limit and re-encoded without metadata (EXIF and GPS gone), kept in `folder` until the outbox uploads
    it. Done(attachment entries) or Refused naming the file that cannot be used."""
    from pathlib import Path

    from ..evidence.merchant_image import CannotPrepare, keep_for_upload, prepare_upload
    from .actor import actor_of
    with db.read() as conn:
        actor = actor_of(conn)
    if isinstance(actor, Refused):
        return actor
    out = []
    for p in paths:
        try:
            out.append(keep_for_upload(prepare_upload(Path(p), actor.policy.merchant_evidence_max_bytes),
                                       Path(folder) / "attachments"))
        except (CannotPrepare, OSError) as e:
            return Refused(INVALID, f"{p}: {e}", fields={"images": str(e)}, facts={"file": str(p)})
    return Done(out)
