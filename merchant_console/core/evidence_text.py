"""What the text read from a buyer's screenshot says about the refund, in the merchant's words.

Pure functions over the lines read (text + box) and the refund's own facts: the order number shown
(this order's, or another's), the amount shown against the amount paid, a success phrase (充值成功)
against a buyer who says the card did not work, and a time shown before delivery or after the refund
window. Times on Chinese phones are China time (UTC+8).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

CHINA = timezone(timedelta(hours=8))

ORDER_NO = re.compile(r"KM\s?\d{12,24}", re.IGNORECASE)
AMOUNT = re.compile(r"(?:[¥￥]|RMB|实付|付款|金额|支付|-)\s*(\d{1,6}(?:[.,]\d{2}))")
DATETIME = re.compile(r"(20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(\d{1,2})[:：](\d{2})")
SUCCESS = ("充值成功", "兑换成功", "到账成功", "支付成功", "已到账", "使用成功", "recharge successful",
           "top-up successful", "success")
FAILURE_CLAIMS = ("无效", "失败", "未到账", "没到账", "没有到账", "不到账", "已被使用", "被使用", "用不了", "不能用",
                  "invalid", "failed", "not received", "already used")
PAID_WORDS = ("实付", "付款", "金额", "支付", "¥", "￥")

HIGH, MEDIUM, INFO = "high", "medium", "info"


@dataclass(frozen=True)
class TextFinding:
    """One thing the text shows; `kind` is a stable code, `text` the sentence (en, zh)."""

    kind: str
    severity: str
    en: str
    zh: str
    line: str = ""   # the line of text it comes from
    # what the sentence names (core.risk.SIGNAL_SENTENCES placeholders): own, shown, paid, phrase, claim, at,
    # delivered, window; `index` is the line's place in the lines read
    values: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def text(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def _norm_order(s: str) -> str:
    return re.sub(r"\s", "", s).upper()


def _yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def _fen(text: str) -> int:
    yuan, _, cents = text.replace(",", ".").partition(".")
    return int(yuan) * 100 + int((cents + "00")[:2])


def _times(text: str) -> list[int]:
    out = []
    for m in DATETIME.finditer(text):
        y, mo, d, h, mi = (int(g) for g in m.groups())
        try:
            out.append(int(datetime(y, mo, d, h, mi, tzinfo=CHINA).timestamp() * 1000))
        except ValueError:
            continue
    return out


def findings(lines: Sequence[Mapping[str, Any]], refund: Mapping[str, Any], *,
             window_minutes: int | None = None, other_orders: Mapping[str, str] | None = None) -> list[TextFinding]:
    """What `lines` (each {"text", "box"}) say against `refund` (order_no, paid_fen, reason,
    delivered_at, submitted_at). `other_orders`: order number -> refund id of the merchant's other refunds."""
    out: list[TextFinding] = []
    own = _norm_order(str(refund.get("order_no") or ""))
    other_orders = other_orders or {}
    texts = [str(ln.get("text", "")) for ln in lines]
    boxes = [ln.get("box") or [0, 0, 0, 0] for ln in lines]

    shown = [(i, _norm_order(m.group(0))) for i, t in enumerate(texts) for m in ORDER_NO.finditer(t)]
    own_lines = [i for i, no in shown if no == own]
    if own_lines:
        out.append(TextFinding("order_matches", INFO, f"The screenshot shows this order's number {own}.",
                               f"截图中的订单号 {own} 与本订单一致。", texts[own_lines[0]],
                               {"own": own, "index": own_lines[0]}))
    elif shown:
        # the first order number on the screen is the one the screen is about (lists follow it)
        i, no = shown[0]
        other = other_orders.get(no)
        tail = (f" It is the order of refund {other}." if other else "")
        tail_zh = (f"该订单号属于退款 {other}。" if other else "")
        out.append(TextFinding("order_other", HIGH, f"The screenshot shows order {no}, not this order's {own}.{tail}",
                               f"截图显示的是订单 {no}，不是本订单 {own}。{tail_zh}", texts[i],
                               {"own": own, "shown": no, "index": i}))

    paid = refund.get("paid_fen")
    if isinstance(paid, int):
        # amounts on the lines that speak of this order (its number, or a paid/amount label near the top)
        near = set(own_lines) | {i for i, t in enumerate(texts) if any(w in t for w in ("实付", "付款", "金额"))}
        amounts = [(i, _fen(m.group(1))) for i in sorted(near) for m in AMOUNT.finditer(texts[i])]
        if amounts and all(a != paid for _, a in amounts):
            i, a = amounts[0]
            out.append(TextFinding("amount_differs", MEDIUM,
                                   f"The screenshot shows {_yuan(a)}; this order was paid {_yuan(paid)}.",
                                   f"截图显示金额 {_yuan(a)}，本订单实付 {_yuan(paid)}。", texts[i],
                                   {"shown_fen": a, "paid_fen": paid, "index": i}))

    reason = str(refund.get("reason") or "").lower()
    if any(c in reason for c in FAILURE_CLAIMS):
        for i, t in enumerate(texts):
            low = t.lower()
            if not any(s in low for s in SUCCESS):
                continue
            # on a list of top-ups, only the row of this order counts (or any, if no order is shown)
            if shown and not any(abs(_mid(boxes[i]) - _mid(boxes[j])) < 2.5 * _height(boxes[j]) for j in own_lines):
                continue
            out.append(TextFinding("success_shown", HIGH,
                                   f"The screenshot shows “{t}” but the buyer says: {refund.get('reason')}.",
                                   f"截图显示“{t}”，但买家称：{refund.get('reason')}。", t,
                                   {"phrase": t, "claim": str(refund.get("reason") or ""), "index": i}))
            break

    delivered = refund.get("delivered_at")
    if isinstance(delivered, int):
        for i, t in enumerate(texts):
            for at in _times(t):
                if at < delivered - 5 * 60_000:
                    out.append(TextFinding("time_before_delivery", MEDIUM,
                                           f"The screenshot is dated {_china(at)}, before the card was delivered "
                                           f"({_china(delivered)}).",
                                           f"截图时间 {_china(at)} 早于发货时间 {_china(delivered)}。", t,
                                           {"at": _china(at), "delivered": _china(delivered), "index": i}))
                    break
                if window_minutes and at > delivered + (window_minutes + 5) * 60_000:
                    out.append(TextFinding("time_outside_window", MEDIUM,
                                           f"The screenshot is dated {_china(at)}, after the {window_minutes}-minute "
                                           f"refund window closed.",
                                           f"截图时间 {_china(at)} 已超出 {window_minutes} 分钟的退款时限。", t,
                                           {"at": _china(at), "window": window_minutes, "index": i}))
                    break
            else:
                continue
            break
    return out


def _mid(box: Sequence[int]) -> float:
    return (box[1] + box[3]) / 2


def _height(box: Sequence[int]) -> float:
    return max(8.0, float(box[3] - box[1]))


def _china(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, CHINA).strftime("%Y-%m-%d %H:%M")
