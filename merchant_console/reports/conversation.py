"""After-sale conversation figures (v1.1) for a period: proposals and how buyers answered them, money kept
versus what buyers asked, extensions, evidence requests answered in time, and how fast buyers get an answer.

Read from the synced tables (refund_proposals, refund_extensions, evidence_requests, refund_messages): what
the platform says happened, whoever in the shop did it, optionally narrowed to one staff member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, and_, select, union

from ..core.money import fen_to_yuan_str
from ..store.models import EvidenceRequest, Refund, RefundExtension, RefundMessage, RefundProposal


@dataclass(frozen=True)
class ConversationKpis:
    proposals: int = 0
    accepted: int = 0
    declined: int = 0
    expired: int = 0
    pending: int = 0
    reissues_accepted: int = 0
    asked_fen: int = 0       # what buyers asked for on the partial proposals they accepted
    refunded_fen: int = 0    # what those proposals refunded
    extensions: int = 0
    extension_hours: int = 0
    requests: int = 0        # evidence requests whose time to answer ended in the period (or were answered in it)
    answered_in_time: int = 0
    answered_late: int = 0
    unanswered: int = 0
    buyer_messages: int = 0
    buyer_messages_answered: int = 0
    median_answer_minutes: float | None = None
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Nothing was said or proposed in the period: a report says so rather than showing 0 % or —."""
        return not (self.proposals or self.extensions or self.requests or self.buyer_messages
                    or self.buyer_messages_answered)

    @property
    def answered_requests(self) -> int:
        return self.answered_in_time + self.answered_late

    @property
    def kept_share(self) -> float | None:
        """Kept as a share of what buyers asked on the accepted partial proposals."""
        return None if not self.asked_fen else self.kept_fen / self.asked_fen

    @property
    def median_answer_ms(self) -> float | None:
        return None if self.median_answer_minutes is None else self.median_answer_minutes * 60_000

    @property
    def kept_fen(self) -> int:
        """Money the shop kept on accepted partial proposals: asked minus refunded."""
        return self.asked_fen - self.refunded_fen

    @property
    def acceptance_rate(self) -> float | None:
        answered = self.accepted + self.declined + self.expired
        return None if not answered else self.accepted / answered

    @property
    def in_time_rate(self) -> float | None:
        return None if not self.requests else self.answered_in_time / self.requests

    def as_dict(self) -> dict[str, Any]:
        return {"proposals": self.proposals, "accepted": self.accepted, "declined": self.declined,
                "expired": self.expired, "pending": self.pending, "reissues_accepted": self.reissues_accepted,
                "asked_fen": self.asked_fen, "refunded_fen": self.refunded_fen, "kept_fen": self.kept_fen,
                "acceptance_rate": self.acceptance_rate, "extensions": self.extensions,
                "extension_hours": self.extension_hours, "evidence_requests": self.requests,
                "answered_in_time": self.answered_in_time, "answered_late": self.answered_late,
                "unanswered": self.unanswered, "in_time_rate": self.in_time_rate,
                "buyer_messages": self.buyer_messages, "buyer_messages_answered": self.buyer_messages_answered,
                "median_answer_minutes": self.median_answer_minutes}


_Q = TypeVar("_Q", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class ConversationStaffLine:
    staff_id: str
    name: str
    kpis: ConversationKpis


def _narrowed(q: _Q, refund_id: Any, category: str | None, channel: str | None) -> _Q:
    """Keep the rows of refunds in the report's category / payment channel (the filters the other
    period events, urges and escalations, obey too)."""
    if category is None and channel is None:
        return q
    ids = select(Refund.id)
    if category is not None:
        ids = ids.where(Refund.product_category == category)
    if channel is not None:
        ids = ids.where(Refund.payment_channel == channel)
    return q.where(refund_id.in_(ids))


def conversation_kpis(conn: Connection, start_ms: int, end_ms: int, *, staff_id: str | None = None,
                      now_ms: int | None = None, category: str | None = None,
                      channel: str | None = None) -> ConversationKpis:
    """The period's figures, `start_ms` ≤ t < `end_ms`; `staff_id` keeps what that person did (proposals,
    extensions, answered requests, answers to buyers): a request nobody answered is the shop's, counted
    without a staff filter only. `now_ms` (default `end_ms`) tells a request still open from one missed."""
    now = end_ms if now_ms is None else now_ms
    p = RefundProposal
    q = select(p.kind, p.state, p.amount_fen, p.requested_fen).where(and_(p.proposed_at >= start_ms,
                                                                          p.proposed_at < end_ms))
    q = _narrowed(q, p.refund_id, category, channel)
    if staff_id is not None:
        q = q.where(p.by_id == staff_id)
    counts = {"accepted": 0, "declined": 0, "expired": 0, "pending": 0}
    by_kind: dict[str, int] = {}
    asked = refunded = reissued = total = 0
    for kind, state, amount, requested in conn.execute(q):
        total += 1
        counts[state] = counts.get(state, 0) + 1
        by_kind[kind] = by_kind.get(kind, 0) + 1
        if state == "accepted" and kind == "partial":
            asked += requested or 0
            refunded += amount or 0
        elif state == "accepted":
            reissued += 1
    e = RefundExtension
    q2 = _narrowed(select(e.hours).where(and_(e.at >= start_ms, e.at < end_ms)), e.refund_id, category, channel)
    if staff_id is not None:
        q2 = q2.where(e.by_id == staff_id)
    hours = [h for (h,) in conn.execute(q2)]
    r = EvidenceRequest
    q3 = _narrowed(select(r.due_at, r.answered_at, r.answered_by_id).where(and_(r.due_at >= start_ms,
                                                                                r.due_at < end_ms)),
                   r.refund_id, category, channel)
    in_time = late = unanswered = requests = 0
    for due, answered, by in conn.execute(q3):
        if staff_id is not None and (answered is None or by != staff_id):
            continue
        if answered is None and due > now:
            continue  # still open: neither in time nor missed yet
        requests += 1
        if answered is None:
            unanswered += 1
        elif answered <= due:
            in_time += 1
        else:
            late += 1
    waits, buyer_total = _answer_waits(conn, start_ms, end_ms, staff_id, category, channel)
    return ConversationKpis(
        proposals=total, accepted=counts["accepted"], declined=counts["declined"], expired=counts["expired"],
        pending=counts["pending"], reissues_accepted=reissued, asked_fen=asked, refunded_fen=refunded,
        extensions=len(hours), extension_hours=sum(hours), requests=requests, answered_in_time=in_time,
        answered_late=late, unanswered=unanswered, buyer_messages=buyer_total, buyer_messages_answered=len(waits),
        median_answer_minutes=round(median(waits) / 60_000, 1) if waits else None, by_kind=by_kind)


def _answer_waits(conn: Connection, start_ms: int, end_ms: int, staff_id: str | None, category: str | None = None,
                  channel: str | None = None) -> tuple[list[int], int]:
    """For each buyer message written in the period, how long until the shop's next message on that refund
    (ms); and how many buyer messages there were. A run of buyer messages is answered by one reply: each
    waits from its own time. With `staff_id`, the waits that person's reply ended (a colleague's reply
    ends the wait too, but it is not theirs)."""
    m = RefundMessage
    ids = _narrowed(select(m.refund_id).where(and_(m.sender == "buyer", m.at >= start_ms, m.at < end_ms)),
                    m.refund_id, category, channel).distinct()
    rows = conn.execute(select(m.refund_id, m.at, m.sender, m.by_id).where(m.refund_id.in_(ids))
                        .order_by(m.refund_id, m.at, m.id)).all()
    waits: list[int] = []
    total = 0
    waiting: list[int] = []
    current = None
    for refund_id, at, sender, by in rows:
        if refund_id != current:
            current, waiting = refund_id, []
        if sender == "buyer":
            if start_ms <= at < end_ms:
                total += 1
                waiting.append(at)
        elif sender == "merchant" and waiting:
            if staff_id is None or by == staff_id:
                waits.extend(at - t for t in waiting)
            waiting = []
    return waits, total


def conversation_by_staff(conn: Connection, start_ms: int, end_ms: int, *, now_ms: int | None = None,
                          category: str | None = None, channel: str | None = None) -> list[ConversationStaffLine]:
    """The figures of each staff member who proposed, extended, answered a request or wrote to a buyer in
    the period, most active first."""
    p, e, r, m = RefundProposal, RefundExtension, EvidenceRequest, RefundMessage
    who = union(
        select(p.by_id.label("id"), p.by_name.label("name")).where(and_(p.proposed_at >= start_ms,
                                                                         p.proposed_at < end_ms)),
        select(e.by_id, e.by_name).where(and_(e.at >= start_ms, e.at < end_ms)),
        select(r.answered_by_id, r.answered_by_name).where(and_(r.due_at >= start_ms, r.due_at < end_ms)),
        select(m.by_id, m.by_name).where(and_(m.sender == "merchant", m.at >= start_ms, m.at < end_ms)))
    names: dict[str, str] = {}
    for sid, name in conn.execute(who):
        if sid is not None and (sid not in names or (name and names[sid] == sid)):
            names[sid] = name or sid
    lines = []
    for sid, name in names.items():
        k = conversation_kpis(conn, start_ms, end_ms, staff_id=sid, now_ms=now_ms, category=category,
                              channel=channel)
        if not k.empty:
            lines.append(ConversationStaffLine(sid, name, k))
    return sorted(lines, key=lambda s: (-(s.kpis.proposals + s.kpis.extensions + s.kpis.answered_requests
                                           + s.kpis.buyer_messages_answered), s.name, s.staff_id))


def conversation_summary(k: ConversationKpis) -> str:
    """One paragraph of the figures, for the command line."""
    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.0%}"
    median_text = "—" if k.median_answer_minutes is None else f"{k.median_answer_minutes:g} min"
    return (f"after-sale conversation: {k.proposals} proposal(s) - {k.accepted} accepted ({k.reissues_accepted} "
            f"re-issued card(s)), {k.declined} declined, {k.expired} expired, {k.pending} pending; kept "
            f"{fen_to_yuan_str(k.kept_fen, symbol=True)} of {fen_to_yuan_str(k.asked_fen, symbol=True)} asked on "
            f"accepted partial proposals; {k.extensions} extension(s), {k.extension_hours} h; evidence requests "
            f"answered in time {k.answered_in_time}/{k.requests} ({pct(k.in_time_rate)}); median answer to a "
            f"buyer's message {median_text} ({k.buyer_messages_answered}/{k.buyer_messages} answered)")
