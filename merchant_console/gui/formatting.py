"""Times and money as people read them, in the computer's time zone and the UI's language."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import PartialSuggestion


def _local(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000).astimezone()


def short_time(ms: int | None, lang: str = "en") -> str:
    """'11-21 14:05' (this year) or '2025-11-21'."""
    if ms is None:
        return "—"
    dt = _local(ms)
    if dt.year != datetime.now().year:
        return dt.strftime("%Y-%m-%d")
    return dt.strftime("%m-%d %H:%M")


def full_time(ms: int | None, lang: str = "en") -> str:
    """'2026年11月21日 14:05' / '2026-11-21 14:05'."""
    if ms is None:
        return "—"
    dt = _local(ms)
    if lang.startswith("zh"):
        return f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}"
    return dt.strftime("%Y-%m-%d %H:%M")


def money(fen: int | None) -> str:
    """¥1,234.50"""
    return "—" if fen is None else fen_to_yuan_str(fen, symbol=True, grouping=True)


def suggestion_text(s: PartialSuggestion) -> str:
    """How a suggested partial amount was worked out, in the UI's language (shown under the amount)."""
    translate = QCoreApplication.translate
    if s.basis == "unused_share":
        text = translate(
            "Formatting",
            "Suggested: the unused value at the price paid: {paid} paid × ({face} face value − {used} used) ÷ "
            "{face} = {share}.").format(paid=money(s.paid_fen), face=money(s.face_fen), used=money(s.used_fen),
                                        share=money(s.share_fen))
        if s.capped:
            text += " " + translate("Formatting", "The buyer asked for less ({requested}), so that is suggested."
                                    ).format(requested=money(s.requested_fen))
        return text
    if s.basis in ("nothing_used", "not_delivered"):
        if s.basis == "nothing_used":
            text = translate("Formatting", "Nothing has been used on the card: the full requested amount, "
                                           "{requested}.")
        else:
            text = translate("Formatting", "The card was never delivered: the full requested amount, {requested}.")
        text = text.format(requested=money(s.requested_fen))
        if not s.fits_partial:
            text += " " + translate("Formatting", "That is everything the buyer paid, which a partial refund "
                                                  "cannot be: approve in full instead.")
        return text
    if s.basis == "fully_used":
        return translate("Formatting", "The card's whole value ({face}) has been used: nothing is left to refund "
                                       "by value. Type an amount agreed with the buyer.").format(face=money(s.face_fen))
    if s.basis == "activated":
        return translate("Formatting", "The card has been activated, so its value is used: type an amount agreed "
                                       "with the buyer.")
    return translate("Formatting", "How much of the card was used is not known: type the amount to refund.")


def human_minutes(minutes: int) -> str:
    """4096 -> '2 d 20 h' / '2天20小时'; 75 -> '1 h 15 min' / '1小时15分钟'; 7 -> '7 min' / '7分钟'."""
    translate = QCoreApplication.translate
    minutes = max(0, int(minutes))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days and hours:
        return translate("Formatting", "{d} d {h} h").format(d=days, h=hours)
    if days:
        return translate("Formatting", "{d} d").format(d=days)
    if hours and mins:
        return translate("Formatting", "{h} h {m} min").format(h=hours, m=mins)
    if hours:
        return translate("Formatting", "{h} h").format(h=hours)
    return translate("Formatting", "{m} min").format(m=mins)


def counted(n: int, one: str, many: str, **values) -> str:
    """The singular text for one and the plural for any other number, with {n} filled in.

    Both come from tr() at the caller (so the translator sees whole sentences): English says
    "1 refund" / "2 refunds", Chinese translates both to one form ("{n}个退款").
    """
    return (one if n == 1 else many).format(n=n, **values)
