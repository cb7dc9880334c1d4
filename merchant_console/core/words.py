"""Every bilingual word below the GUI, in one place: code -> (Chinese, English) tables.

Reports and the command line pick a language with `label` / `pick`. The GUI never picks: it
translates the English through Qt (`gui.words`, context "Words", the table's name as Qt's
disambiguation), from `resources/translations/words_zh_CN.ts`, which `packaging/build_ui.py` writes
from `TABLES` (its `--check`, run by the tests, fails when the .ts and this module differ).
"""

from __future__ import annotations

from collections.abc import Mapping

from .conversation import EXTENSION_REASON_CODES
from .countdown import DURATIONS, PHRASES
from .risk import SIGNAL_LABELS, SIGNAL_SENTENCES, SIGNAL_WORDS
from .status import (
    ACTIONS,
    CARD_STATUSES,
    CATEGORIES,
    CHANNELS,
    EVIDENCE_KINDS,
    MESSAGE_SENDERS,
    PROGRESS_NODES,
    PROPOSAL_KINDS,
    PROPOSAL_STATES,
    REFUND_TYPES,
    STATUSES,
)

Pair = tuple[str, str]   # (Chinese, English)

STATUS_LABELS: dict[str, Pair] = {code: (s.zh, s.en) for code, s in STATUSES.items()}
PROGRESS_LABELS: dict[str, Pair] = {code: (zh, en) for code, zh, en in PROGRESS_NODES}

# the merchant's decision reasons (the platform's /me may name its own; these are the defaults)
REASONS: dict[str, Pair] = {
    "card_already_used": ("卡密已激活或已使用", "Card already activated or used"),
    "outside_refund_window": ("超出退款时限", "Outside the refund window"),
    "insufficient_evidence": ("凭证不足", "Insufficient evidence"),
    "delivered_as_described": ("商品与描述一致", "Delivered as described"),
    "buyer_input_error": ("买家操作失误", "Buyer input error"),
    "partial_used_value": ("按剩余价值退款", "Refund of the unused value"),
    "partial_negotiated": ("协商部分退款", "Negotiated partial refund"),
    "other": ("其他", "Other"),
}
DECIDERS: dict[str, Pair] = {"staff": ("员工", "Staff"), "platform_auto": ("极速退款系统", "Fast-refund system"),
                             "platform_cs": ("平台客服", "Platform CS")}
APPEAL_OUTCOMES: dict[str, Pair] = {"pending": ("待裁定", "Pending"), "upheld": ("维持拒绝", "Rejection upheld"),
                                    "overturned": ("改判退款", "Overturned: refunded")}

# how long a refund's payout takes to arrive, by payment channel
PAYOUT_ETAS: dict[str, Pair] = {"alipay": ("1–2 小时", "1–2 hours"), "wechat": ("1–2 小时", "1–2 hours"),
                                "bank_card": ("1–3 个工作日", "1–3 working days"), "balance": ("即时到账", "instant")}

# the words of the report documents (CSV / XLSX / PDF)
REPORT_WORDS: dict[str, Pair] = {
    "title": ("退款处理报表", "Refund decision report"),
    "period": ("统计周期", "Period"),
    "filters": ("筛选条件", "Filters"),
    "none": ("无", "none"),
    "times_in": ("时间均为商家当地时间", "Times are the merchant's local time"),
    "generated": ("生成时间", "Generated"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "kpi": ("指标", "Indicator"),
    "value": ("数值", "Value"),
    "received": ("收到退款申请", "Refunds received"),
    "decided": ("已处理", "Decided"),
    "approved": ("同意退款", "Approved"),
    "partial": ("部分退款", "Partial refunds"),
    "rejected": ("拒绝退款", "Rejected"),
    "approval_rate": ("同意率", "Approval rate"),
    "partial_rate": ("部分退款率", "Partial rate"),
    "rejection_rate": ("拒绝率", "Rejection rate"),
    "requested": ("申请金额", "Money requested"),
    "refunded": ("退款金额", "Money refunded"),
    "sla": ("按时处理率（截止前由员工处理）", "SLA compliance (staff, before due)"),
    "median": ("响应时长中位数", "Median response time"),
    "p90": ("响应时长 P90", "P90 response time"),
    "auto": ("极速退款自动同意", "Auto-approved by the platform"),
    "urged": ("买家催办", "Urged by buyers"),
    "escalated": ("平台介入", "Escalated to platform review"),
    "appeals": ("买家申诉", "Appeals"),
    "appeals_pending": ("申诉待裁定", "Appeals pending"),
    "appeals_upheld": ("申诉维持拒绝", "Appeals upheld (rejection stands)"),
    "appeals_overturned": ("申诉改判退款", "Appeals overturned (refunded)"),
    "daily_chart": ("每日处理量（按处理结果）", "Daily decisions by action"),
    "response_chart": ("响应时长分布", "Response time distribution"),
    "reasons_chart": ("主要原因", "Top reasons"),
    "staff_table": ("员工处理情况", "Decisions by staff member"),
    "staff": ("员工", "Staff"),
    "no_data": ("本周期内没有处理记录", "No decisions in this period"),
    "summary_sheet": ("汇总", "Summary"),
    "data_sheet": ("明细", "Decisions"),
    "day": ("日期", "Day"),
    "count": ("数量", "Count"),
    "bucket": ("响应时长", "Response time"),
    "reason": ("原因", "Reason"),
    "rows_heading": ("明细（{n}条）", "Decisions ({n})"),
    "rows_note": ("明细共{n}条", "{n} decision rows"),
    # after-sale conversation (v1.1, reports.conversation)
    "conv_section": ("售后协商", "After-sale conversation"),
    "conv_none": ("本周期内没有售后协商", "No after-sale conversation in this period"),
    "conv_proposals": ("发起协商方案", "Proposals made"),
    "conv_accepted": ("买家同意", "Accepted by the buyer"),
    "conv_declined": ("买家拒绝", "Declined by the buyer"),
    "conv_expired": ("买家未答复而过期", "Expired unanswered"),
    "conv_pending": ("等待买家答复", "Waiting for the buyer"),
    "conv_acceptance_rate": ("方案同意率", "Acceptance rate"),
    "conv_reissued": ("同意补发卡密", "Re-issued cards accepted"),
    "conv_asked": ("买家申请金额（已同意的部分退款方案）", "Asked by buyers (accepted partial proposals)"),
    "conv_kept": ("协商保留金额", "Money kept by negotiation"),
    "conv_asked_short": ("买家申请金额", "Asked"),
    "conv_kept_share": ("保留比例", "Kept of what was asked"),
    "conv_extensions": ("延长处理时限", "Extensions used"),
    "conv_extension_hours": ("延长小时数", "Hours of extension"),
    "conv_requests": ("平台补充凭证要求（本周期到期）", "Evidence requests due in the period"),
    "conv_in_time": ("按时补充", "Answered in time"),
    "conv_late": ("逾期补充", "Answered late"),
    "conv_missed": ("未补充", "Not answered"),
    "conv_in_time_rate": ("按时补充率", "Answered in time (share)"),
    "conv_buyer_messages": ("买家留言", "Buyer messages"),
    "conv_answered": ("已回复的买家留言", "Buyer messages answered"),
    "conv_median_answer": ("回复买家用时中位数", "Median time to answer a buyer"),
    "conv_staff_table": ("员工售后协商情况", "After-sale conversation by staff member"),
    "conv_filters_note": ("按处理结果、处理方和原因的筛选不适用于售后协商",
                          "The action, decider and reason filters do not apply to conversations"),
    "conv_round": ("协商轮次", "Proposal rounds"),
    "conv_outcome": ("协商结果", "Proposal outcome"),
}
# response-time bucket labels (see reports.kpi.RESPONSE_BUCKETS_MS)
RESPONSE_BUCKETS: tuple[Pair, ...] = (
    ("<30分钟", "<30 min"), ("30分钟–1小时", "30 min–1 h"), ("1–2小时", "1–2 h"), ("2–4小时", "2–4 h"),
    ("4–8小时", "4–8 h"), ("8–12小时", "8–12 h"), ("12–24小时", "12–24 h"), (">24小时", ">24 h"))

# The tables the GUI shows, by name (the name is Qt's disambiguation: "Other" is 其他原因 as a refund
# type and 其他 as a product category).
TABLES: dict[str, Mapping[str, Pair]] = {
    "statuses": STATUS_LABELS,
    "progress": PROGRESS_LABELS,
    "refund_types": REFUND_TYPES,
    "categories": CATEGORIES,
    "channels": CHANNELS,
    "payout_etas": PAYOUT_ETAS,
    "card_statuses": CARD_STATUSES,
    "evidence_kinds": EVIDENCE_KINDS,
    "actions": ACTIONS,
    "reasons": REASONS,
    "deciders": DECIDERS,
    "appeal_outcomes": APPEAL_OUTCOMES,
    "proposal_kinds": PROPOSAL_KINDS,
    "proposal_states": PROPOSAL_STATES,
    "message_senders": MESSAGE_SENDERS,
    "extension_reasons": EXTENSION_REASON_CODES,
    "signal_labels": SIGNAL_LABELS,
    "signal_sentences": SIGNAL_SENTENCES,
    "signal_words": SIGNAL_WORDS,
    "durations": DURATIONS,
    "countdowns": PHRASES,
}


def pick(pair: Pair, lang: str) -> str:
    """The Chinese ('zh', 'zh_CN') or English word of a pair."""
    return pair[0] if lang.startswith("zh") else pair[1]


def label(table: Mapping[str, Pair], code: str | None, lang: str) -> str:
    """A code's word from one of the tables ('' for None, the code itself when it is unknown)."""
    if code is None:
        return ""
    pair = table.get(code)
    return pick(pair, lang) if pair else code
