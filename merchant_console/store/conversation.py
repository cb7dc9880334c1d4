"""The after-sale conversation in the local database (v1.1): threads, proposal history, extensions,
evidence requests, and the merchant's conversation actions recorded in the outbox.

Each action (a message, a proposal, more time, an evidence answer) is written with its outbox row
(an idempotency key every retry reuses, the refund's version for If-Match) and its audit entry in
one local transaction before any network call, exactly like a decision (store/outbox.py): a crash
at any point either loses nothing or sends nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert

from ..core.conversation import (
    EvidenceAnswerDraft,
    ExtensionDraft,
    Message,
    MessageDraft,
    ProposalDraft,
    Thread,
)
from ..core.status import CONVERSATION_CLOSED_STATUSES
from . import audit
from .engine import inserted_id
from .models import (
    Evidence,
    EvidenceBlob,
    EvidenceRequest,
    MessageImage,
    MessageRead,
    OutboxItem,
    Refund,
    RefundExtension,
    RefundMessage,
    RefundProposal,
)
from .outbox import OPEN, DecisionNotAllowed, _auditable

# outbox kinds of the conversation; the pusher sends each to its own endpoint
MESSAGE, PROPOSAL, EXTENSION, EVIDENCE_ANSWER = "message", "proposal", "extension", "evidence_answer"
KINDS = (MESSAGE, PROPOSAL, EXTENSION, EVIDENCE_ANSWER)
# kinds that change the refund's state from awaiting_merchant: one of them at a time, never beside a decision
_STATE_CHANGING = ("decision", PROPOSAL)


# --- what the platform sent ----------------------------------------------------------------------

def _upsert(model: Any, keys: list[str], *, keep: Iterable[str] = ()) -> Any:
    stmt = insert(model)
    cols = [c.name for c in model.__table__.columns if c.name not in keys and c.name not in keep]
    return stmt.on_conflict_do_update(index_elements=keys, set_={c: getattr(stmt.excluded, c) for c in cols})


def store_children(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Proposal rounds, the extension and evidence requests of parsed refund rows that were just upserted.

    Only rows now held at their own version are written (a replayed older page leaves the newer state)."""
    rows = [r for r in rows if r.get("negotiation") or r.get("extension") or r.get("evidence_requests")]
    if not rows:
        return
    held = dict(conn.execute(select(Refund.id, Refund.version).where(Refund.id.in_([r["id"] for r in rows]))).all())
    rows = [r for r in rows if held.get(r["id"]) == r["version"]]
    proposals, extensions, requests = [], [], []
    for r in rows:
        n = r.get("negotiation")
        if n:
            by = n.get("by") or {}
            proposals.append({"refund_id": r["id"], "round": n["round"], "kind": n["kind"],
                              "amount_fen": n["amount_fen"], "requested_fen": r["requested_fen"],
                              "message": n["message"],
                              "proposed_at": n["proposed_at"], "respond_by": n["respond_by"], "by_id": by.get("id"),
                              "by_name": by.get("name"), "state": n["state"], "answered_at": n["answered_at"],
                              "buyer_message": n["buyer_message"]})
        e = r.get("extension")
        if e:
            by = e.get("by") or {}
            extensions.append({"refund_id": r["id"], "hours": e["hours"], "reason_code": e["reason_code"],
                               "reason_text": e["reason_text"], "at": e["at"], "by_id": by.get("id"),
                               "by_name": by.get("name")})
        for q in r.get("evidence_requests") or ():
            a = q.get("answer") or {}
            by = a.get("by") or {}
            requests.append({"refund_id": r["id"], "id": q["id"], "question": q["question"], "asked_at": q["asked_at"],
                             "due_at": q["due_at"], "answer_text": a.get("text"),
                             "answer_evidence_ids": a.get("evidence_ids") if a else None,
                             "answered_at": a.get("at"), "answered_by_id": by.get("id"),
                             "answered_by_name": by.get("name")})
    if proposals:
        conn.execute(_upsert(RefundProposal, ["refund_id", "round"]), proposals)
    if extensions:
        conn.execute(_upsert(RefundExtension, ["refund_id"]), extensions)
    if requests:
        conn.execute(_upsert(EvidenceRequest, ["refund_id", "id"]), requests)


def store_messages(conn: Connection, refund_id: str, messages: Iterable[Message]) -> int:
    """Keep messages the platform sent (a thread, or the answer to our own); returns how many were new."""
    rows = [m.to_row(refund_id) for m in messages]
    if not rows:
        return 0
    if conn.execute(select(Refund.id).where(Refund.id == refund_id)).first() is None:
        return 0  # a thread of a refund we do not hold (quarantined): nothing to hang it on
    before = conn.execute(select(func.count()).select_from(RefundMessage)
                          .where(RefundMessage.refund_id == refund_id)).scalar_one()
    conn.execute(_upsert(RefundMessage, ["refund_id", "id"], keep=("read_at",)), rows)
    after = conn.execute(select(func.count()).select_from(RefundMessage)
                         .where(RefundMessage.refund_id == refund_id)).scalar_one()
    return after - before


def store_thread(conn: Connection, refund_id: str, thread: Thread) -> int:
    return store_messages(conn, refund_id, thread.messages)


def threads_behind(conn: Connection, ids: Iterable[str]) -> list[str]:
    """Of these refunds, those whose conversation on the platform holds messages this database lacks."""
    ids = list(ids)
    if not ids:
        return []
    held = (select(RefundMessage.refund_id, func.count().label("n"), func.max(RefundMessage.at).label("last"))
            .group_by(RefundMessage.refund_id).subquery())
    q = (select(Refund.id).outerjoin(held, held.c.refund_id == Refund.id)
         .where(Refund.id.in_(ids), Refund.messages_count > 0,
                or_(held.c.n.is_(None), held.c.n < Refund.messages_count, held.c.last < Refund.messages_last_at)))
    return [r[0] for r in conn.execute(q)]


def thread_marks(conn: Connection, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Per refund among `ids` holding messages here: (how many, the latest one's time)."""
    ids = list(ids)
    if not ids:
        return {}
    q = (select(RefundMessage.refund_id, func.count(), func.max(RefundMessage.at))
         .where(RefundMessage.refund_id.in_(ids)).group_by(RefundMessage.refund_id))
    return {rid: (int(n), int(last)) for rid, n, last in conn.execute(q)}


# --- what the console shows ----------------------------------------------------------------------

def _reads(conn: Connection, refund_id: str, staff_id: str | None) -> dict[str, int]:
    if staff_id is None:
        return {}
    q = select(MessageRead.message_id, MessageRead.read_at).where(and_(MessageRead.refund_id == refund_id,
                                                                      MessageRead.staff_id == staff_id))
    return {mid: int(at) for mid, at in conn.execute(q)}


def thread_of(conn: Connection, refund_id: str, staff_id: str | None = None) -> list[dict[str, Any]]:
    """The conversation, oldest first: the platform's messages, then ours still waiting in the outbox
    (`pending` True; `state` rejected/superseded with `error` when the platform refused one).

    `read_at`: when `staff_id` saw the message (or anyone here, before read marks were per person; None: unread)."""
    q = select(RefundMessage.__table__).where(RefundMessage.refund_id == refund_id).order_by(
        RefundMessage.at, RefundMessage.id)
    reads = _reads(conn, refund_id, staff_id)
    out = [dict(r, pending=False, state="done", error=None, read_at=r["read_at"] or reads.get(r["id"]))
           for r in conn.execute(q).mappings()]
    q2 = (select(OutboxItem.__table__).where(and_(OutboxItem.refund_id == refund_id, OutboxItem.kind == MESSAGE,
                                                  OutboxItem.state != "done")).order_by(OutboxItem.id))
    for item in conn.execute(q2).mappings():
        body = item["body"] or {}
        out.append({"refund_id": refund_id, "id": f"outbox:{item['id']}", "at": item["created_at"],
                    "sender": "merchant", "by_id": None, "by_name": None, "text": body.get("text", ""),
                    "evidence_ids": list(body.get("evidence_ids") or []),
                    "attachments": [a.get("sha256") for a in body.get("_attachments") or ()],
                    "read_at": item["created_at"], "pending": item["state"] == OPEN, "state": item["state"],
                    "error": item["last_error"] if item["state"] != OPEN else None})
    return out


def _unread(refund_id: str, staff_id: str | None) -> Any:
    cond = and_(RefundMessage.refund_id == refund_id, RefundMessage.read_at.is_(None),
                RefundMessage.sender != "merchant")
    if staff_id is not None:
        seen = select(MessageRead.message_id).where(and_(MessageRead.refund_id == refund_id,
                                                         MessageRead.staff_id == staff_id))
        cond = and_(cond, RefundMessage.id.not_in(seen))
    return cond


def unread_count(conn: Connection, refund_id: str, staff_id: str | None = None) -> int:
    """Buyer and customer-service messages `staff_id` has not seen (None: nobody here has)."""
    return conn.execute(select(func.count()).select_from(RefundMessage).where(_unread(refund_id, staff_id))
                        ).scalar_one()


def mark_read(conn: Connection, refund_id: str, now_ms: int, staff_id: str | None = None,
              message_ids: Iterable[str] | None = None) -> int:
    """`staff_id` saw the thread (or these of its messages): its buyer and customer-service messages are read
    for that person; None marks them read for everyone here. Returns how many were unread."""
    cond = _unread(refund_id, staff_id)
    if message_ids is not None:
        cond = and_(cond, RefundMessage.id.in_(list(message_ids)))
    if staff_id is None:
        return conn.execute(update(RefundMessage).where(cond).values(read_at=now_ms)).rowcount
    ids = [r[0] for r in conn.execute(select(RefundMessage.id).where(cond))]
    if ids:
        conn.execute(insert(MessageRead).on_conflict_do_nothing(),
                     [{"refund_id": refund_id, "message_id": i, "staff_id": staff_id, "read_at": now_ms}
                      for i in ids])
    return len(ids)


# --- images of messages that are not the refund's evidence (chat screenshots) ----------------------

def images_to_fetch(conn: Connection, refund_id: str) -> list[str]:
    """Ids of images the refund's messages carry that are neither its evidence nor fetched (or failed) here."""
    own = {r[0] for r in conn.execute(select(Evidence.id).where(Evidence.refund_id == refund_id))}
    cached = select(EvidenceBlob.sha256)   # fetched, and still in the cache (eviction may have taken it)
    done = {r[0] for r in conn.execute(select(MessageImage.id).where(and_(
        MessageImage.refund_id == refund_id, or_(MessageImage.sha256.in_(cached),
                                                 MessageImage.fetch_error.is_not(None)))))}
    out: list[str] = []
    for (ids,) in conn.execute(select(RefundMessage.evidence_ids).where(RefundMessage.refund_id == refund_id)
                               .order_by(RefundMessage.at, RefundMessage.id)):
        for i in ids or ():
            if isinstance(i, str) and i not in own and i not in done and i not in out:
                out.append(i)
    return out


def image_fetched(conn: Connection, refund_id: str, image_id: str, *, sha256: str | None, content_type: str | None,
                  size: int | None, now_ms: int, error: str | None = None) -> None:
    """Keep where a message's image is in the evidence cache (its digest), or why it cannot be fetched."""
    row = {"refund_id": refund_id, "id": image_id, "sha256": sha256, "content_type": content_type, "bytes": size,
           "fetched_at": now_ms, "fetch_error": error[:500] if error else None}
    conn.execute(_upsert(MessageImage, ["refund_id", "id"]), [row])


NOT_DOWNLOADED = "not downloaded yet"   # a message image's fetch_error until the sync has fetched it


def message_images_of(conn: Connection, refund_id: str) -> dict[str, dict[str, Any]]:
    """The refund's message images known here, by id, shaped like evidence rows (the evidence viewer shows them)."""
    q = select(MessageImage.__table__).where(MessageImage.refund_id == refund_id)
    out = {}
    for r in conn.execute(q).mappings():
        out[r["id"]] = {"refund_id": refund_id, "id": r["id"], "kind": "chat",
                        "content_type": r["content_type"] or "image/png", "bytes": r["bytes"] or 0,
                        "sha256": r["sha256"] or "", "uploaded_at": r["fetched_at"], "position": 0,
                        "fetch_error": r["fetch_error"] or (None if r["sha256"] else NOT_DOWNLOADED)}
    return out


def proposals_of(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    q = select(RefundProposal.__table__).where(RefundProposal.refund_id == refund_id).order_by(RefundProposal.round)
    return [dict(r) for r in conn.execute(q).mappings()]


def requests_of(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    q = select(EvidenceRequest.__table__).where(EvidenceRequest.refund_id == refund_id).order_by(
        EvidenceRequest.asked_at, EvidenceRequest.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def open_items(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    """The refund's conversation actions still waiting to be uploaded, oldest first."""
    q = select(OutboxItem.__table__).where(and_(OutboxItem.refund_id == refund_id, OutboxItem.kind.in_(KINDS),
                                                OutboxItem.state == OPEN)).order_by(OutboxItem.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def merchant_unanswered(conn: Connection, refund_id: str) -> int:
    """Merchant messages since the buyer last wrote, those waiting in the outbox included."""
    last_buyer = conn.execute(select(func.max(RefundMessage.at)).where(and_(
        RefundMessage.refund_id == refund_id, RefundMessage.sender == "buyer"))).scalar_one()
    sent = select(func.count()).select_from(RefundMessage).where(and_(
        RefundMessage.refund_id == refund_id, RefundMessage.sender == "merchant"))
    if last_buyer is not None:
        sent = sent.where(RefundMessage.at > last_buyer)
    waiting = conn.execute(select(func.count()).select_from(OutboxItem).where(and_(
        OutboxItem.refund_id == refund_id, OutboxItem.kind == MESSAGE, OutboxItem.state == OPEN))).scalar_one()
    return conn.execute(sent).scalar_one() + waiting


def counts(conn: Connection, now_ms: int) -> dict[str, int]:
    """The conversation queues' sizes: negotiating, buyers waiting for a reply, evidence requests open."""
    negotiating = conn.execute(select(func.count()).select_from(Refund)
                               .where(Refund.status == "negotiating")).scalar_one()
    waiting = conn.execute(select(func.count()).select_from(Refund).where(and_(
        Refund.unanswered_buyer > 0, Refund.status.not_in(CONVERSATION_CLOSED_STATUSES)))).scalar_one()
    asked = conn.execute(select(func.count()).select_from(EvidenceRequest).join(
        Refund, Refund.id == EvidenceRequest.refund_id).where(and_(
            EvidenceRequest.answered_at.is_(None), EvidenceRequest.due_at > now_ms,
            Refund.status.in_(("platform_review", "appealed"))))).scalar_one()
    return {"negotiating": negotiating, "buyer_waiting": waiting, "evidence_requested": asked}


# --- what the merchant does ----------------------------------------------------------------------

def _record(conn: Connection, kind: str, refund: dict[str, Any], body: dict[str, Any], *, staff_id: str,
            now_ms: int, attachments: list[dict[str, Any]] | None) -> int:
    if attachments:
        # merchant images waiting on this computer; uploaded (and replaced by ids) before the first send
        body = dict(body, _attachments=[dict(a) for a in attachments])
    key = str(uuid.uuid4())
    item_id = inserted_id(conn.execute(insert(OutboxItem).values(
        kind=kind, refund_id=refund["id"], idempotency_key=key, if_match=refund["version"], body=body, state=OPEN,
        attempts=0, next_attempt_at=now_ms, created_at=now_ms)))
    audit.append(conn, kind=kind, actor=staff_id, refund_id=refund["id"], at_ms=now_ms,
                 payload={"outbox_id": item_id, "idempotency_key": key, "base_version": refund["version"],
                          **_auditable(body)})
    return int(item_id)


def _open_kinds(conn: Connection, refund_id: str, kinds: Iterable[str]) -> list[str]:
    q = select(OutboxItem.kind).where(and_(OutboxItem.refund_id == refund_id, OutboxItem.kind.in_(list(kinds)),
                                           OutboxItem.state == OPEN))
    return [r[0] for r in conn.execute(q)]


def record_message(conn: Connection, refund: dict[str, Any], draft: MessageDraft, *, staff_id: str, now_ms: int,
                   attachments: list[dict[str, Any]] | None = None) -> int:
    """Save a message to the buyer to upload; returns the outbox id."""
    if refund["status"] in CONVERSATION_CLOSED_STATUSES:
        raise DecisionNotAllowed(f"refund {refund['id']} is {refund['status']}: the conversation is closed",
                                 "conversation_closed")
    return _record(conn, MESSAGE, refund, draft.to_body(), staff_id=staff_id, now_ms=now_ms, attachments=attachments)


def record_proposal(conn: Connection, refund: dict[str, Any], draft: ProposalDraft, *, staff_id: str,
                    now_ms: int, attachments: list[dict[str, Any]] | None = None) -> int:
    """Save a proposal (partial refund or re-issued card, with images like a message's) to upload; returns the
    outbox id."""
    if refund["status"] != "awaiting_merchant":
        raise DecisionNotAllowed(f"refund {refund['id']} is {refund['status']}, not awaiting a decision")
    if waiting := _open_kinds(conn, refund["id"], _STATE_CHANGING):
        raise DecisionNotAllowed(f"a {waiting[0]} on refund {refund['id']} is already waiting to be uploaded",
                                 "queued")
    return _record(conn, PROPOSAL, refund, draft.to_body(), staff_id=staff_id, now_ms=now_ms,
                   attachments=attachments)


def record_extension(conn: Connection, refund: dict[str, Any], draft: ExtensionDraft, *, staff_id: str,
                     now_ms: int) -> int:
    """Save a request for more time to upload (once per refund); returns the outbox id."""
    if refund["status"] != "awaiting_merchant":
        raise DecisionNotAllowed(f"refund {refund['id']} is {refund['status']}, not awaiting a decision")
    if conn.execute(select(OutboxItem.id).where(and_(OutboxItem.refund_id == refund["id"],
                                                     OutboxItem.kind == EXTENSION,
                                                     OutboxItem.state.in_((OPEN, "done"))))).first():
        raise DecisionNotAllowed("more time has already been asked for this refund", "already_written")
    return _record(conn, EXTENSION, refund, draft.to_body(), staff_id=staff_id, now_ms=now_ms, attachments=None)


def record_evidence_answer(conn: Connection, refund: dict[str, Any], draft: EvidenceAnswerDraft, *, staff_id: str,
                           now_ms: int, attachments: list[dict[str, Any]] | None = None) -> int:
    """Save the answer to one of customer service's evidence requests; returns the outbox id."""
    for item in open_items(conn, refund["id"]):
        if item["kind"] == EVIDENCE_ANSWER and (item["body"] or {}).get("request_id") == draft.request_id:
            raise DecisionNotAllowed("this request has already been answered here; the answer is uploading",
                                     "already_written")
    return _record(conn, EVIDENCE_ANSWER, refund, draft.to_body(), staff_id=staff_id, now_ms=now_ms,
                   attachments=attachments)


def rebase(conn: Connection, item: dict[str, Any], version: int, now_ms: int) -> str:
    """Give an item refused with 412 only because the refund's version moved (a buyer's message, say) a new
    key and the current version, to be sent again at once; returns the new key.

    Safe for exactly-once: a 412 answer to a key means the platform applied nothing under that key (a
    request applied and then lost would be answered by its replay, not by 412)."""
    key = str(uuid.uuid4())
    conn.execute(update(OutboxItem).where(and_(OutboxItem.id == item["id"], OutboxItem.state == OPEN)).values(
        idempotency_key=key, if_match=version, next_attempt_at=now_ms, claimed_by=None, claimed_until=None))
    audit.append(conn, kind=f"{item['kind']}_rebased", actor="sync", refund_id=item["refund_id"], at_ms=now_ms,
                 payload={"outbox_id": item["id"], "old_key": item["idempotency_key"], "idempotency_key": key,
                          "base_version": version})
    return key
