"""Words and number formats of reports, in Chinese and English (reports know no Qt translator)."""

from __future__ import annotations

from ..core.money import fen_to_yuan_str
from ..core.status import ACTIONS, CATEGORIES, CHANNELS, REFUND_TYPES, STATUSES

LANGS = ("zh", "en")

REASONS = {
    "card_already_used": ("卡密已激活或已使用", "Card already activated or used"),
    "outside_refund_window": ("超出退款时限", "Outside the refund window"),
    "insufficient_evidence": ("凭证不足", "Insufficient evidence"),
    "delivered_as_described": ("商品与描述一致", "Delivered as described"),
    "buyer_input_error": ("买家操作失误", "Buyer input error"),
    "partial_used_value": ("按剩余价值退款", "Refund of the unused value"),
    "partial_negotiated": ("协商部分退款", "Negotiated partial refund"),
    "other": ("其他", "Other"),
}
DECIDERS = {"staff": ("员工", "Staff"), "platform_auto": ("极速退款系统", "Fast-refund system"),
            "platform_cs": ("平台客服", "Platform CS")}
APPEAL_OUTCOMES = {"pending": ("待裁定", "Pending"), "upheld": ("维持拒绝", "Rejection upheld"),
                   "overturned": ("改判退款", "Overturned: refunded")}

WORDS = {
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
}

# response-time bucket labels (see kpi.RESPONSE_BUCKETS_MS)
BUCKETS = (("<30分钟", "<30 min"), ("30分钟–1小时", "30 min–1 h"), ("1–2小时", "1–2 h"), ("2–4小时", "2–4 h"),
           ("4–8小时", "4–8 h"), ("8–12小时", "8–12 h"), ("12–24小时", "12–24 h"), (">24小时", ">24 h"))


def labelled(label: str, text: str, lang: str) -> str:
    """'统计周期：…' / 'Period: …' (a full-width colon inside Chinese text)."""
    return f"{label}：{text}" if lang == "zh" else f"{label}: {text}"


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def _label(table: dict, code: str | None, lang: str) -> str:
    if code is None:
        return ""
    pair = table.get(code)
    return pick(pair, lang) if pair else code


def action(code: str | None, lang: str) -> str:
    return _label(ACTIONS, code, lang)


def category(code: str | None, lang: str) -> str:
    return _label(CATEGORIES, code, lang)


def channel(code: str | None, lang: str) -> str:
    return _label(CHANNELS, code, lang)


def refund_type(code: str | None, lang: str) -> str:
    return _label(REFUND_TYPES, code, lang)


def reason(code: str | None, lang: str) -> str:
    return _label(REASONS, code, lang)


def decider(code: str | None, lang: str) -> str:
    return _label(DECIDERS, code, lang)


def appeal_outcome(code: str | None, lang: str) -> str:
    return _label(APPEAL_OUTCOMES, code, lang)


def status(code: str | None, lang: str) -> str:
    if code is None:
        return ""
    s = STATUSES.get(code)
    return code if s is None else (s.zh if lang == "zh" else s.en)


def yes_no(value: bool | None, lang: str) -> str:
    if value is None:
        return ""
    return word("yes" if value else "no", lang)


def yuan(fen: int) -> str:
    return fen_to_yuan_str(fen, symbol=True, grouping=True)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def duration(ms: float | None, lang: str) -> str:
    """'2 h 05 min' / '2小时05分'; '—' when there is nothing to measure."""
    if ms is None:
        return "—"
    minutes = int(round(ms / 60_000))
    h, m = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else ""
    if lang == "zh":
        return f"{sign}{h}小时{m:02d}分" if h else f"{sign}{m}分钟"
    return f"{sign}{h} h {m:02d} min" if h else f"{sign}{m} min"
