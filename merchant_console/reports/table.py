"""The report's data columns and KPI lines, shared by every writer and the window's preview.

Every text that came from a platform or a person is untrusted: a spreadsheet would run a cell that
starts with = + - @ (or tab, CR, LF, which some spreadsheets strip first) as a formula. `inert()`
prefixes such a text with an apostrophe, the convention spreadsheets show as a literal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from . import labels as L
from .conversation import ConversationKpis
from .kpi import Kpis
from .query import ReportRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(text: str) -> str:
    """A text a spreadsheet shows as it is, never evaluates."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


TEXT, YUAN, TIME, MINUTES, COUNT = "text", "yuan", "time", "minutes", "count"


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    kind: str
    width: int
    value: Callable[[ReportRow, str], Any]

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _minutes(r: ReportRow, _lang: str) -> float | None:
    rt = r.response_ms
    return None if rt is None else round(rt / 60_000, 1)


def _escalated(r: ReportRow, lang: str) -> str:
    return L.yes_no(r.escalated_at is not None, lang)


def _proposal_outcome(r: ReportRow, lang: str) -> str:
    """'部分退款：买家已同意' / 'Partial refund: Accepted' for the refund's latest proposal; '' for none."""
    if r.negotiation_state is None:
        return ""
    state = L.proposal_state(r.negotiation_state, lang)
    if r.negotiation_kind is None:
        return state
    return L.labelled(L.proposal_kind(r.negotiation_kind, lang), state, lang)


COLUMNS: tuple[Column, ...] = (
    Column("id", "退款编号", "Refund ID", TEXT, 20, lambda r, _: r.id),
    Column("order_no", "订单号", "Order no.", TEXT, 22, lambda r, _: r.order_no),
    Column("product", "商品", "Product", TEXT, 24, lambda r, _: r.product_name),
    Column("category", "类目", "Category", TEXT, 12, lambda r, lg: L.category(r.product_category, lg)),
    Column("channel", "支付渠道", "Channel", TEXT, 10, lambda r, lg: L.channel(r.payment_channel, lg)),
    Column("type", "退款类型", "Refund type", TEXT, 14, lambda r, lg: L.refund_type(r.type, lg)),
    Column("submitted_at", "申请时间", "Submitted", TIME, 18, lambda r, _: r.submitted_at),
    Column("due_at", "处理期限", "Due", TIME, 18, lambda r, _: r.due_at),
    Column("decided_at", "处理时间", "Decided", TIME, 18, lambda r, _: r.decision_at),
    Column("response_min", "响应时长(分钟)", "Response (min)", MINUTES, 12, _minutes),
    Column("sla_met", "按时处理", "Within SLA", TEXT, 9, lambda r, lg: L.yes_no(r.sla_met, lg)),
    Column("action", "处理结果", "Action", TEXT, 10, lambda r, lg: L.action(r.decision_action, lg)),
    Column("decided_by", "处理方", "Decided by", TEXT, 12, lambda r, lg: L.decider(r.decision_by_kind, lg)),
    Column("staff_id", "员工编号", "Staff ID", TEXT, 10, lambda r, _: r.decision_by_id or ""),
    Column("staff_name", "处理人", "Staff name", TEXT, 14, lambda r, _: r.decision_by_name or ""),
    Column("paid", "实付金额(元)", "Paid (¥)", YUAN, 12, lambda r, _: r.paid_fen),
    Column("requested", "申请金额(元)", "Requested (¥)", YUAN, 12, lambda r, _: r.requested_fen),
    Column("refunded", "退款金额(元)", "Refunded (¥)", YUAN, 12, lambda r, _: r.refunded_fen),
    Column("reason_code", "原因", "Reason", TEXT, 16, lambda r, lg: L.reason(r.decision_reason_code, lg)),
    Column("reason_text", "原因说明", "Reason text", TEXT, 36, lambda r, _: r.decision_reason_text or ""),
    Column("status", "当前状态", "Status", TEXT, 10, lambda r, lg: L.status(r.status, lg)),
    Column("urged", "买家催办", "Urged", TEXT, 8, lambda r, lg: L.yes_no(r.urged_at is not None, lg)),
    Column("escalated", "平台介入", "Escalated", TEXT, 8, _escalated),
    Column("appeal", "申诉结果", "Appeal", TEXT, 14, lambda r, lg: L.appeal_outcome(r.appeal_outcome, lg)),
    # the refund's after-sale conversation (v1.1); the period's conversation figures are in the summary
    Column("proposal_outcome", "协商结果", "Proposal outcome", TEXT, 18, _proposal_outcome),
    Column("proposal_rounds", "协商轮次", "Proposal rounds", COUNT, 8, lambda r, _: r.negotiation_round),
    Column("extension_hours", "延长时限(小时)", "Extension (h)", COUNT, 10, lambda r, _: r.extension_hours),
)


def headers(lang: str) -> list[str]:
    return [c.header(lang) for c in COLUMNS]


def raw_values(row: ReportRow, lang: str) -> list[Any]:
    """Typed values: text, fen (int), epoch ms (int) or minutes (float); None for nothing."""
    return [c.value(row, lang) for c in COLUMNS]


@dataclass(frozen=True)
class KpiLine:
    key: str
    label: str
    text: str          # as a person reads it (¥, %, durations)
    number: float | int | None   # for spreadsheets: counts, yuan, ratios (0–1), minutes
    kind: str          # count | yuan | ratio | minutes


class _Lines:
    """Makers of one language's KPI lines: a count, a ratio, money (fen) or a duration (ms)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def count(self, key: str, n: int) -> KpiLine:
        return KpiLine(key, L.word(key, self.lang), str(n), n, "count")

    def ratio(self, key: str, r: float | None) -> KpiLine:
        return KpiLine(key, L.word(key, self.lang), L.percent(r), r, "ratio")

    def money(self, key: str, fen: int) -> KpiLine:
        return KpiLine(key, L.word(key, self.lang), L.yuan(fen), fen / 100, "yuan")

    def minutes(self, key: str, ms: float | None) -> KpiLine:
        return KpiLine(key, L.word(key, self.lang), L.duration(ms, self.lang),
                       None if ms is None else round(ms / 60_000, 1), "minutes")


def kpi_lines(k: Kpis, lang: str) -> list[KpiLine]:
    mk = _Lines(lang)
    count, ratio, money, minutes = mk.count, mk.ratio, mk.money, mk.minutes
    return [
        count("received", k.received), count("decided", k.decided),
        count("approved", k.approved), count("partial", k.partial), count("rejected", k.rejected),
        ratio("approval_rate", k.approval_rate), ratio("partial_rate", k.partial_rate),
        ratio("rejection_rate", k.rejection_rate),
        money("requested", k.requested_fen), money("refunded", k.refunded_fen),
        ratio("sla", k.sla_rate), minutes("median", k.median_response_ms), minutes("p90", k.p90_response_ms),
        count("auto", k.auto_approved), count("urged", k.urged), count("escalated", k.escalated),
        count("appeals", k.appeals), count("appeals_pending", k.appeals_pending),
        count("appeals_upheld", k.appeals_upheld), count("appeals_overturned", k.appeals_overturned),
    ]


def conversation_lines(c: ConversationKpis, lang: str) -> list[KpiLine]:
    """The after-sale conversation figures (an empty list when there was no conversation: say so instead)."""
    if c.empty:
        return []
    mk = _Lines(lang)
    count, ratio, money = mk.count, mk.ratio, mk.money
    return [
        count("conv_proposals", c.proposals), count("conv_accepted", c.accepted),
        count("conv_declined", c.declined), count("conv_expired", c.expired), count("conv_pending", c.pending),
        ratio("conv_acceptance_rate", c.acceptance_rate), count("conv_reissued", c.reissues_accepted),
        money("conv_asked", c.asked_fen), money("conv_kept", c.kept_fen), ratio("conv_kept_share", c.kept_share),
        count("conv_extensions", c.extensions), count("conv_extension_hours", c.extension_hours),
        count("conv_requests", c.requests), count("conv_in_time", c.answered_in_time),
        count("conv_late", c.answered_late), count("conv_missed", c.unanswered),
        ratio("conv_in_time_rate", c.in_time_rate), count("conv_buyer_messages", c.buyer_messages),
        count("conv_answered", c.buyer_messages_answered),
        mk.minutes("conv_median_answer", c.median_answer_ms),
    ]


# the per-staff conversation table's columns: (word key, value of a ConversationKpis as text)
CONVERSATION_STAFF_COLUMNS: tuple[tuple[str, Callable[[ConversationKpis, str], str]], ...] = (
    ("conv_proposals", lambda c, _: str(c.proposals)),
    ("conv_accepted", lambda c, _: str(c.accepted)),
    ("conv_declined", lambda c, _: str(c.declined)),
    ("conv_expired", lambda c, _: str(c.expired)),
    ("conv_kept", lambda c, _: L.yuan(c.kept_fen)),
    ("conv_asked_short", lambda c, _: L.yuan(c.asked_fen)),   # asked on the accepted partial proposals
    ("conv_extensions", lambda c, _: str(c.extensions)),
    ("conv_in_time", lambda c, _: f"{c.answered_in_time}/{c.answered_requests}"),
    ("conv_median_answer", lambda c, lg: L.duration(c.median_answer_ms, lg)),
)


def filter_lines(k: Kpis, lang: str, tz: tzinfo) -> list[tuple[str, str]]:
    """(label, text) describing the period and filters, for export headers."""
    from .query import zone_label
    f = k.filter
    parts = []
    if f.staff_id:
        # the name people know (小王), with the id the platform uses
        name = next((r.decision_by_name for r in k.rows if r.decision_by_id == f.staff_id and r.decision_by_name),
                    None) or next((s.name for s in k.by_staff if s.staff_id == f.staff_id and s.name), None)
        who = f"{name}（{f.staff_id}）" if name and lang == "zh" else f"{name} ({f.staff_id})" if name else f.staff_id
        parts.append(L.labelled(L.word("staff", lang), who, lang))
    if f.action:
        parts.append(L.action(f.action, lang))
    if f.decided_by:
        parts.append(L.pick(("员工处理", "decided by staff") if f.decided_by == "staff"
                            else ("平台处理", "decided by the platform"), lang))
    if f.category:
        parts.append(L.category(f.category, lang))
    if f.reason_code:
        parts.append(L.reason(f.reason_code, lang))
    if f.channel:
        parts.append(L.channel(f.channel, lang))
    return [(L.word("period", lang), f"{f.date_from.isoformat()} – {f.date_to.isoformat()} ({zone_label(tz)})"),
            (L.word("filters", lang), ("、" if lang == "zh" else ", ").join(parts) if parts else L.word("none", lang))]
