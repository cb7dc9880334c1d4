"""SQLAlchemy 2 models of the local database.

Times are integer epoch milliseconds (server time), money integer fen. JSON columns hold only
nested data that is never filtered or sorted on (timeline, appeal, payout, evidence id lists).
Alembic migrations in `migrations/` must describe exactly these tables; a test checks it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# column lists of the queue indexes (store/queue.py); migration 0003 spells out the same lists
QUEUE_STATUS_INDEX = ("status", "next_deadline_at", "submitted_at", "id", "due_at", "urged_at", "fast_refund",
                      "auto_approve_at", "type", "product_category", "payment_channel", "paid_fen")
QUEUE_ALL_INDEX = ("next_deadline_at", "submitted_at", "id", "status", "type", "product_category",
                   "payment_channel", "paid_fen")


class Base(DeclarativeBase):
    pass


class Refund(Base):
    __tablename__ = "refunds"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    order_no: Mapped[str] = mapped_column(String)
    product_sku: Mapped[str | None] = mapped_column(String)
    product_name: Mapped[str] = mapped_column(String)
    product_category: Mapped[str] = mapped_column(String)
    face_value_fen: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)
    paid_fen: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String)
    payment_channel: Mapped[str] = mapped_column(String)
    buyer_id: Mapped[str] = mapped_column(String)
    buyer_nickname: Mapped[str] = mapped_column(String)
    buyer_refunds_90d: Mapped[int] = mapped_column(Integer)
    buyer_orders_90d: Mapped[int] = mapped_column(Integer)
    delivered_at: Mapped[int | None] = mapped_column(BigInteger)
    card_status: Mapped[str] = mapped_column(String)
    card_used_fen: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[str] = mapped_column(String)
    requested_fen: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String)
    submitted_at: Mapped[int] = mapped_column(BigInteger)
    due_at: Mapped[int] = mapped_column(BigInteger)
    fast_refund: Mapped[bool] = mapped_column(Boolean)
    auto_approve_at: Mapped[int | None] = mapped_column(BigInteger)
    urged_at: Mapped[int | None] = mapped_column(BigInteger)
    escalates_at: Mapped[int | None] = mapped_column(BigInteger)
    previous_refund_id: Mapped[str | None] = mapped_column(String)
    decision_action: Mapped[str | None] = mapped_column(String)
    decision_amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    decision_reason_code: Mapped[str | None] = mapped_column(String)
    decision_reason_text: Mapped[str | None] = mapped_column(Text)
    decision_by_kind: Mapped[str | None] = mapped_column(String)
    decision_by_id: Mapped[str | None] = mapped_column(String)
    decision_by_name: Mapped[str | None] = mapped_column(String)
    decision_at: Mapped[int | None] = mapped_column(BigInteger)
    decision_evidence_ids: Mapped[list[str] | None] = mapped_column(JSON)
    appeal: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    appeal_statement_due_at: Mapped[int | None] = mapped_column(BigInteger)
    payout: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    payout_status: Mapped[str | None] = mapped_column(String)
    timeline: Mapped[list[Any]] = mapped_column(JSON)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    evidence_count: Mapped[int] = mapped_column(Integer)
    # derived: the next moment that matters (deadline, auto-approval, escalation, statement due);
    # the queue's urgency order is an index scan over it
    next_deadline_at: Mapped[int | None] = mapped_column(BigInteger)
    # display fields the parser had to clean (control/bidi characters, overlong, wrong type), e.g.
    # ["product.name", "reason"]; None when the record came clean (migration 0008)
    # SQL NULL (none_as_null), so "IS NOT NULL" finds them
    odd_fields: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    # v1.1 after-sale conversation (migration 0011): the current proposal (its history in refund_proposals),
    # the one extension, and the platform's message summary; evidence requests live in their own table
    negotiation: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    negotiation_state: Mapped[str | None] = mapped_column(String)
    negotiation_respond_by: Mapped[int | None] = mapped_column(BigInteger)
    extension: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    evidence_request_due_at: Mapped[int | None] = mapped_column(BigInteger)  # the soonest unanswered request's
    messages_count: Mapped[int] = mapped_column(Integer, server_default="0")
    messages_last_at: Mapped[int | None] = mapped_column(BigInteger)
    messages_last_from: Mapped[str | None] = mapped_column(String)
    unanswered_buyer: Mapped[int] = mapped_column(Integer, server_default="0")

    __table_args__ = (
        # the queue's two covering indexes (migration 0003): urgency order within a status, and over
        # all refunds, carrying every column a queue or filter tests so no table row is read
        Index("ix_refunds_queue_status", *QUEUE_STATUS_INDEX),
        Index("ix_refunds_queue_all", *QUEUE_ALL_INDEX),
        Index("ix_refunds_submitted_at", "submitted_at"),
        Index("ix_refunds_order_no", "order_no"),
        Index("ix_refunds_buyer_id", "buyer_id"),
        Index("ix_refunds_decision_at", "decision_at"),
        Index("ix_refunds_previous_refund_id", "previous_refund_id"),
        Index("ix_refunds_updated_at", "updated_at"),
        # partial indexes over the awaiting refunds' moments (migration 0006): counts, crossings and
        # deadline alerts by range instead of a pass over the queue index
        Index("ix_refunds_awaiting_due", "due_at", sqlite_where=text("status = 'awaiting_merchant'")),
        # the moment each awaiting refund's countdown shows: "Due within 2 h" and its crossing (migration 0018)
        Index("ix_refunds_awaiting_moment", "next_deadline_at", "status",
              sqlite_where=text("status = 'awaiting_merchant'")),
        Index("ix_refunds_awaiting_auto", "auto_approve_at",
              sqlite_where=text("status = 'awaiting_merchant' AND fast_refund = 1")),
        Index("ix_refunds_awaiting_urged", "urged_at",
              sqlite_where=text("status = 'awaiting_merchant' AND urged_at IS NOT NULL")),
        # v1.1 queues (migration 0011): buyers waiting for a reply, customer service waiting for evidence;
        # carrying what their counts test, so a count reads the index only (migration 0015)
        Index("ix_refunds_unanswered_buyer", "messages_last_at", "status", "unanswered_buyer",
              sqlite_where=text("unanswered_buyer > 0")),
        Index("ix_refunds_evidence_request_due", "evidence_request_due_at", "status",
              sqlite_where=text("evidence_request_due_at IS NOT NULL")),
    )


class Evidence(Base):
    """Buyer evidence metadata; the bytes live in the content-addressed cache (EvidenceBlob)."""

    __tablename__ = "evidence"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"),
                                           primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    content_type: Mapped[str] = mapped_column(String)
    bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[int | None] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(Integer)
    # why prefetching failed (digest mismatch, too large, gone): shown instead of the image
    fetch_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_evidence_sha256", "sha256"),)


class EvidenceBlob(Base):
    """One cached file of evidence bytes, named by its sha256; least recently used goes first."""

    __tablename__ = "evidence_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    stored_at: Mapped[int] = mapped_column(BigInteger)
    last_access_at: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_evidence_blobs_last_access_at", "last_access_at"),)


class Decision(Base):
    """A decision made in this console, as the person made it; its fate is `state`."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id"))
    action: Mapped[str] = mapped_column(String)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    reason_code: Mapped[str | None] = mapped_column(String)
    reason_text: Mapped[str | None] = mapped_column(Text)
    evidence_ids: Mapped[list[str]] = mapped_column(JSON)
    staff_id: Mapped[str] = mapped_column(String)
    staff_name: Mapped[str] = mapped_column(String)
    base_version: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[int] = mapped_column(BigInteger)
    # queued -> done | superseded (the platform or someone else decided first) | rejected (422/403/404)
    state: Mapped[str] = mapped_column(String)
    message: Mapped[str | None] = mapped_column(Text)
    field_errors: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    platform_decision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    resolved_at: Mapped[int | None] = mapped_column(BigInteger)
    # superseded or rejected: when and by whom the conflict was seen and put away ("Got it"); until then the
    # refund stays in "Uploading / conflicts" (migration 0017)
    acknowledged_at: Mapped[int | None] = mapped_column(BigInteger)
    acknowledged_by: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_decisions_refund_id", "refund_id"), Index("ix_decisions_state", "state"))


class OutboxItem(Base):
    """A request to push to the platform, with the idempotency key it keeps for every retry."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String)  # decision | statement
    decision_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("decisions.id"))
    refund_id: Mapped[str] = mapped_column(String)
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    if_match: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    # pending -> done | superseded | rejected
    state: Mapped[str] = mapped_column(String)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[int] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(BigInteger)
    first_sent_at: Mapped[int | None] = mapped_column(BigInteger)
    completed_at: Mapped[int | None] = mapped_column(BigInteger)
    # a pusher's lease (migration 0008): who is sending this item and until when (local epoch ms);
    # another pusher (thread or process) leaves a leased item alone, so no item goes out twice at once
    claimed_by: Mapped[str | None] = mapped_column(String)
    claimed_until: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)


class SyncState(Base):
    """One row: where the changes feed stands and what the platform told us about ourselves."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform_url: Mapped[str | None] = mapped_column(String)
    cursor: Mapped[str] = mapped_column(Text, default="")
    clock_offset_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sync_at: Mapped[int | None] = mapped_column(BigInteger)
    last_full_sync_at: Mapped[int | None] = mapped_column(BigInteger)
    full_resyncs: Mapped[int] = mapped_column(Integer, default=0)
    merchant_id: Mapped[str | None] = mapped_column(String)
    merchant_name: Mapped[str | None] = mapped_column(String)
    staff_id: Mapped[str | None] = mapped_column(String)
    staff_name: Mapped[str | None] = mapped_column(String)
    role: Mapped[str | None] = mapped_column(String)
    policy: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason_codes: Mapped[list[Any] | None] = mapped_column(JSON)
    announcement: Mapped[str | None] = mapped_column(Text)


class QuarantinedRecord(Base):
    """A refund document that failed checks: kept raw with the reason, never silently dropped."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    refund_id: Mapped[str | None] = mapped_column(String)
    raw: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    received_at: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_quarantine_refund_id", "refund_id"),)


class ReasonTemplateRow(Base):
    __tablename__ = "reason_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    reason_code: Mapped[str | None] = mapped_column(String)
    shortcut: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String, default="zh")
    updated_at: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (UniqueConstraint("action", "lang", "name", name="uq_reason_templates_name"),)


class AuditHead(Base):
    """The audit chain's newest entry, recorded outside `audit_log` with a MAC (migration 0010): entries
    deleted from the end of the log no longer leave a chain that looks whole (see store/audit.py)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String)
    mac: Mapped[str | None] = mapped_column(String)


class AuditEntry(Base):
    """Append-only, hash-chained record of every decision and export."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at_ms: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String)
    actor: Mapped[str] = mapped_column(String)
    refund_id: Mapped[str | None] = mapped_column(String)
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON: the exact text that was hashed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_refund_id", "refund_id"),)


# The full-text index (FTS5, trigram tokenizer: substring search that works for Chinese) and its
# triggers live in the migrations only (0001 creates them, 0004 pads the indexed values; 0005 drops
# the vocabulary table 0004 added); the drift test ignores tables named refunds_fts*.


class RefundSearchText(Base):
    """Per refund, the lower-cased text one- and two-character searches scan (store/refunds.py).

    id, order_no, product_name, buyer_nickname, buyer_id and reason (NULL as ''), joined by char(31).
    Derived data: the triggers of migration 0005 write it on every insert, update and delete of
    `refunds`; nothing else does.
    """

    __tablename__ = "refunds_search"

    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)  # refunds.rowid
    text: Mapped[str] = mapped_column(Text)


class EvidenceFacts(Base):
    """What decoding one evidence file (by sha256) found: its facts, or why it cannot be shown."""

    __tablename__ = "evidence_facts"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[int] = mapped_column(BigInteger)
    # None for a good image; else empty | corrupt | too_large | unsupported | missing
    broken: Mapped[str | None] = mapped_column(String)
    detail: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String)     # sniffed from the bytes, not the Content-Type
    width: Mapped[int | None] = mapped_column(Integer)     # upright (EXIF orientation applied)
    height: Mapped[int | None] = mapped_column(Integer)
    orientation: Mapped[int | None] = mapped_column(Integer)
    camera_make: Mapped[str | None] = mapped_column(String)
    camera_model: Mapped[str | None] = mapped_column(String)
    software: Mapped[str | None] = mapped_column(String)
    editor: Mapped[str | None] = mapped_column(String)     # the editing app named in `software`, if any
    taken_at: Mapped[str | None] = mapped_column(String)   # EXIF DateTime(Original), as written
    dhash: Mapped[str | None] = mapped_column(String(64))  # 256-bit perceptual hash, hex

    __table_args__ = (Index("ix_evidence_facts_editor", "editor"),)


class EvidenceSimilar(Base):
    """Two different files that look near-identical (dHash distance within the threshold)."""

    __tablename__ = "evidence_similar"

    sha_a: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha_a < sha_b
    sha_b: Mapped[str] = mapped_column(String(64), primary_key=True)
    distance: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_evidence_similar_sha_b", "sha_b"),)


class EvidenceFlag(Base):
    """Shop staff's note on one image ("looks edited"), shown to operators in queue and detail."""

    __tablename__ = "evidence_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"))
    evidence_id: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[str | None] = mapped_column(String)
    staff_name: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[int] = mapped_column(BigInteger)
    cleared_at: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_evidence_flags_refund_id", "refund_id"),)


class ReplacedDecision(Base):
    """A staff decision the platform later replaced with its own (an appeal it upheld for the buyer).

    The refunds table holds the latest decision only, so without this the merchant's rejection
    vanished from reports once customer service overturned it. Written by the trigger of migration
    0007 when an update replaces a staff decision; nothing else writes it.
    """

    __tablename__ = "replaced_decisions"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    at: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    action: Mapped[str | None] = mapped_column(String)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    reason_code: Mapped[str | None] = mapped_column(String)
    reason_text: Mapped[str | None] = mapped_column(Text)
    by_kind: Mapped[str | None] = mapped_column(String)
    by_id: Mapped[str | None] = mapped_column(String)
    by_name: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_replaced_decisions_at", "at"),)


class RefundMessage(Base):
    """One message of a refund's conversation (v1.1), as the platform keeps it; `read_at` is this console's."""

    __tablename__ = "refund_messages"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)
    at: Mapped[int] = mapped_column(BigInteger)
    sender: Mapped[str] = mapped_column(String)  # buyer | merchant | platform
    by_id: Mapped[str | None] = mapped_column(String)
    by_name: Mapped[str | None] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    evidence_ids: Mapped[list[str]] = mapped_column(JSON)
    read_at: Mapped[int | None] = mapped_column(BigInteger)  # when someone here saw it (unread marks)

    __table_args__ = (Index("ix_refund_messages_refund_at", "refund_id", "at"),)


class MessageImage(Base):
    """An image a message carries that is not the refund's evidence: its digest once fetched into the evidence
    cache (by sha256), or why it cannot be (migration 0013)."""

    __tablename__ = "message_images"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content_type: Mapped[str | None] = mapped_column(String)
    bytes: Mapped[int | None] = mapped_column(BigInteger)
    fetched_at: Mapped[int | None] = mapped_column(BigInteger)
    fetch_error: Mapped[str | None] = mapped_column(Text)


class MessageRead(Base):
    """Who here has seen which buyer or customer-service message (unread marks per staff member, 0013)."""

    __tablename__ = "message_reads"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    message_id: Mapped[str] = mapped_column(String, primary_key=True)
    staff_id: Mapped[str] = mapped_column(String, primary_key=True)
    read_at: Mapped[int] = mapped_column(BigInteger)


class RefundProposal(Base):
    """Each round of negotiation a refund went through (the refund row holds only the latest)."""

    __tablename__ = "refund_proposals"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # partial | reissue
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    requested_fen: Mapped[int] = mapped_column(BigInteger)  # what the buyer asked for, for "kept vs asked"
    message: Mapped[str] = mapped_column(Text)
    proposed_at: Mapped[int] = mapped_column(BigInteger)
    respond_by: Mapped[int] = mapped_column(BigInteger)
    by_id: Mapped[str | None] = mapped_column(String)
    by_name: Mapped[str | None] = mapped_column(String)
    state: Mapped[str] = mapped_column(String)  # pending | accepted | declined | expired
    answered_at: Mapped[int | None] = mapped_column(BigInteger)
    buyer_message: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_refund_proposals_proposed_at", "proposed_at"),)


class RefundExtension(Base):
    """The one extension of a refund's deadline the merchant asked for (v1.1)."""

    __tablename__ = "refund_extensions"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    hours: Mapped[int] = mapped_column(Integer)
    reason_code: Mapped[str | None] = mapped_column(String)
    reason_text: Mapped[str | None] = mapped_column(Text)
    at: Mapped[int] = mapped_column(BigInteger)
    by_id: Mapped[str | None] = mapped_column(String)
    by_name: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_refund_extensions_at", "at"),)


class EvidenceRequest(Base):
    """Platform customer service asking the merchant for more evidence (v1.1), and the answer."""

    __tablename__ = "evidence_requests"

    refund_id: Mapped[str] = mapped_column(String, ForeignKey("refunds.id", ondelete="CASCADE"), primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[int] = mapped_column(BigInteger)
    due_at: Mapped[int] = mapped_column(BigInteger)
    answer_text: Mapped[str | None] = mapped_column(Text)
    answer_evidence_ids: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))
    answered_at: Mapped[int | None] = mapped_column(BigInteger)
    answered_by_id: Mapped[str | None] = mapped_column(String)
    answered_by_name: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_evidence_requests_due_at", "due_at"),)


class EvidenceSignature(Base):
    """The text blocks of one evidence image (evidence/similarity.py), to find its near-copies."""

    __tablename__ = "evidence_signature"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    keys: Mapped[bytes] = mapped_column(LargeBinary)   # coarse hash of each block, uint64 little-endian
    data: Mapped[bytes] = mapped_column(LargeBinary)   # the whole signature (npz)


class EvidenceText(Base):
    """The text read from one evidence image (by sha256), with where each line sits."""

    __tablename__ = "evidence_text"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String)         # read | failed
    read_at: Mapped[int] = mapped_column(BigInteger)
    engine: Mapped[str] = mapped_column(String)         # e.g. "rapidocr 3.10.0"
    seconds: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)             # the lines, one per line (search looks here)
    # [{"text", "box": [x0, y0, x1, y1] in the upright image's pixels, "score"}]
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    detail: Mapped[str | None] = mapped_column(Text)    # why reading failed
