"""Risk signals and staff flags: what they are and how they are said, below the store and the GUI.

`store.risk` finds signals (joins over refund rows and evidence facts) and keeps flags; the GUI
shows them. Their words live here, in Chinese and English, beside the other bilingual tables
(`core.words.TABLES`): the GUI says them through Qt's translator (the "Words" context, generated
from these tables), the command line and tests through `explain`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .money import fen_to_yuan_str

# signal codes, most serious first (the order badges are shown in)
SAME_IMAGE = "same_image"
SIMILAR_IMAGE = "similar_image"
EDITED = "edited"
CARD_USED = "card_used"
OUTSIDE_WINDOW = "outside_window"
SERIAL_REFUNDER = "serial_refunder"
# what the text read from a buyer's image says against the refund (core.evidence_text finds them)
ORDER_OTHER = "order_other"                    # it shows another order's number
SUCCESS_SHOWN = "success_shown"                # it shows 充值成功 while the buyer says the card failed
AMOUNT_DIFFERS = "amount_differs"              # it shows an amount other than the one paid
TIME_BEFORE_DELIVERY = "time_before_delivery"  # it is dated before the card was delivered
TIME_OUTSIDE_WINDOW = "time_outside_window"    # it is dated after the refund window closed
TEXT_CODES = (ORDER_OTHER, SUCCESS_SHOWN, AMOUNT_DIFFERS, TIME_BEFORE_DELIVERY, TIME_OUTSIDE_WINDOW)
CODES = (SAME_IMAGE, ORDER_OTHER, SUCCESS_SHOWN, SIMILAR_IMAGE, EDITED, CARD_USED, AMOUNT_DIFFERS, OUTSIDE_WINDOW,
         TIME_BEFORE_DELIVERY, TIME_OUTSIDE_WINDOW, SERIAL_REFUNDER)
# not a risk: a reassurance the detail pane shows as a fact (the image shows this very order's number)
ORDER_MATCHES = "order_matches"

HIGH, MEDIUM, INFO = "high", "medium", "info"
SEVERITY: dict[str, str] = {SAME_IMAGE: HIGH, SIMILAR_IMAGE: HIGH, EDITED: MEDIUM, CARD_USED: HIGH,
                            OUTSIDE_WINDOW: MEDIUM, SERIAL_REFUNDER: MEDIUM, ORDER_OTHER: HIGH, SUCCESS_SHOWN: HIGH,
                            AMOUNT_DIFFERS: MEDIUM, TIME_BEFORE_DELIVERY: MEDIUM, TIME_OUTSIDE_WINDOW: MEDIUM,
                            ORDER_MATCHES: INFO}

# a buyer is a serial refunder with this many refunds in 90 days, or this many and at least
# half as many refunds as orders (a regular customer with 60 orders and 6 refunds is not)
SERIAL_REFUNDS = 10
SERIAL_REFUNDS_WITH_RATIO = 5
SERIAL_RATIO = 0.5


@dataclass(frozen=True)
class Signal:
    """One reason to look twice at a refund. `detail` holds the facts the sentence names."""

    code: str
    refund_id: str
    evidence_id: str | None = None
    other_refund_id: str | None = None   # for same/similar image: the refund to open beside this one
    other_evidence_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def explain(self, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
        """One sentence saying what was found, in 'zh' (zh_CN) or English."""
        return explain(self, lang, names)


@dataclass(frozen=True)
class Flag:
    """A staff member's note on one image ("looks edited"), open until cleared."""

    id: int
    refund_id: str
    evidence_id: str
    sha256: str
    note: str
    staff_id: str | None
    staff_name: str | None
    created_at: int


# A badge's short label.
SIGNAL_LABELS: dict[str, tuple[str, str]] = {
    SAME_IMAGE: ("同图", "Same image"),
    SIMILAR_IMAGE: ("相似图", "Similar image"),
    EDITED: ("已编辑", "Edited"),
    CARD_USED: ("卡密已用", "Card used"),
    OUTSIDE_WINDOW: ("超时申请", "Late request"),
    SERIAL_REFUNDER: ("频繁退款", "Serial refunder"),
    ORDER_OTHER: ("订单号不符", "Other order no."),
    SUCCESS_SHOWN: ("截图显示成功", "Shows success"),
    AMOUNT_DIFFERS: ("金额不符", "Amount differs"),
    TIME_BEFORE_DELIVERY: ("截图早于发货", "Dated before delivery"),
    TIME_OUTSIDE_WINDOW: ("截图晚于时限", "Dated after the window"),
    ORDER_MATCHES: ("订单号一致", "Order no. matches"),
}

# The sentences a signal is explained in ({placeholders} are filled by `sentence_values`), and the
# words they are made of.
SIGNAL_SENTENCES: dict[str, tuple[str, str]] = {
    "same_image": ("{this}与订单{order}的{other}是同一个文件。",
                   "{this} is the very same file as {other} of order {order}."),
    "similar_image": ("{this}与订单{order}的{other}是同一张图，重新保存、缩放或裁剪过（文字和位置都相同）。",
                      "{this} is the same picture as {other} of order {order}, saved again (resized, cropped "
                      "or re-encoded: the same text in the same places)."),
    "edited": ("{this}的EXIF显示经图片编辑软件{software}处理过。",
               "{this} was saved by {software}, an image editor (EXIF Software)."),
    "card_partly_used": ("卡密已部分使用，已用{used}。", "The card is partly used: {used} already spent."),
    "card_activated": ("卡密已被激活。", "The card has already been activated."),
    "outside_window": ("买家在发货{after}后才申请退款，超出{window}分钟的退款时限。",
                       "The buyer asked {after} after delivery, outside the {window}-minute refund window."),
    "serial_refunder": ("该买家近90天在{orders}中申请了{refunds}。",
                        "This buyer asked for {refunds} on {orders} in 90 days."),
    # the text read from the image ({this} is "image 2"; times as the phone shows them, China time)
    "order_other": ("{this}中的订单号 {shown} 不是本订单 {own}。",
                    "{this} shows order {shown}, not this order's {own}."),
    "order_other_refund": ("{this}中的订单号 {shown} 不是本订单 {own}，而是本店另一笔退款的订单。",
                           "{this} shows order {shown}, not this order's {own}: that order has another refund "
                           "in this shop."),
    "success_shown": ("{this}显示“{phrase}”，但买家称：{claim}。",
                      "{this} shows “{phrase}”, but the buyer says: {claim}."),
    "amount_differs": ("{this}显示金额 {shown}，本订单实付 {paid}。",
                       "{this} shows {shown}; this order was paid {paid}."),
    "time_before_delivery": ("{this}上的时间 {at} 早于发货时间 {delivered}。",
                             "{this} is dated {at}, before the card was delivered ({delivered})."),
    "time_outside_window": ("{this}上的时间 {at} 已超出{window}分钟的退款时限。",
                            "{this} is dated {at}, after the {window}-minute refund window closed."),
    "order_matches": ("{this}中的订单号 {own} 与本订单一致。", "{this} shows this order's number {own}."),
}
SIGNAL_WORDS: dict[str, tuple[str, str]] = {
    "this_image": ("此图", "This image"),
    "an_image": ("一张图片", "an image"),
    "image_n": ("图{n}", "image {n}"),
    "refunds_one": ("1次退款", "1 refund"),
    "refunds_many": ("{n}次退款", "{n} refunds"),
    "orders_one": ("1个订单", "1 order"),
    "orders_many": ("{n}个订单", "{n} orders"),
}


def sentence_key(signal: Signal) -> str:
    """Which of SIGNAL_SENTENCES says `signal` ('' for a code this version does not know)."""
    if signal.code == CARD_USED:
        return "card_partly_used" if signal.detail.get("status") == "partially_used" else "card_activated"
    if signal.code == ORDER_OTHER and signal.other_refund_id:
        return "order_other_refund"
    return signal.code if signal.code in SIGNAL_SENTENCES else ""


def sentence_values(signal: Signal, names: Mapping[str, str], words: Mapping[str, str],
                    minutes: str) -> dict[str, object]:
    """The values a signal's sentence is filled with.

    `names` maps ids to what a person calls them (an evidence id to "image 2", a refund id to its
    order number); `words` are SIGNAL_WORDS in the reader's language; `minutes` is how long after
    delivery the buyer asked, as the reader reads durations.
    """
    d = signal.detail

    def counted(n: int, one: str, many: str) -> str:
        return (words[one] if n == 1 else words[many]).format(n=n)

    return {
        "this": names.get(signal.evidence_id or "") or words["this_image"],
        "other": names.get(signal.other_evidence_id or "") or words["an_image"],
        "order": names.get(signal.other_refund_id or "") or (signal.other_refund_id or ""),
        "bits": d.get("distance"),
        "software": d.get("software"),
        "used": fen_to_yuan_str(int(d.get("used_fen") or 0), symbol=True, grouping=True),
        "after": minutes,
        "window": d.get("window"),
        "refunds": counted(int(d.get("refunds") or 0), "refunds_one", "refunds_many"),
        "orders": counted(int(d.get("orders") or 0), "orders_one", "orders_many"),
        # what the text read from an image shows
        "own": d.get("own"),
        "shown": (fen_to_yuan_str(int(d["shown_fen"]), symbol=True, grouping=True) if "shown_fen" in d
                  else d.get("shown")),
        "paid": fen_to_yuan_str(int(d.get("paid_fen") or 0), symbol=True, grouping=True),
        "phrase": d.get("phrase"),
        "claim": d.get("claim"),
        "at": d.get("at"),
        "delivered": d.get("delivered"),
    }


def explain(signal: Signal, lang: str = "en", names: Mapping[str, str] | None = None) -> str:
    """The signal's sentence in 'zh' or English, without Qt (the command line, tests)."""
    i = 0 if lang.startswith("zh") else 1
    key = sentence_key(signal)
    if not key:
        pair = SIGNAL_LABELS.get(signal.code)
        return pair[i] if pair else signal.code
    minutes = int(signal.detail.get("minutes") or 0)
    after = f"{minutes}分钟" if i == 0 else f"{minutes} min"
    values = sentence_values(signal, names or {}, {k: v[i] for k, v in SIGNAL_WORDS.items()}, after)
    text = SIGNAL_SENTENCES[key][i].format(**values)
    return text[:1].upper() + text[1:]
