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


def _t(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def suggestion_text(s: PartialSuggestion) -> str:
    """How a suggested partial amount was worked out, in the UI's language (shown under the amount)."""
    if s.basis == "unused_share":
        text = _t("Suggested: the unused value at the price paid: {paid} paid × ({face} face value − {used} used) "
                  "÷ {face} = {share}.").format(paid=money(s.paid_fen), face=money(s.face_fen),
                                                used=money(s.used_fen), share=money(s.share_fen))
        if s.capped:
            text += " " + _t("The buyer asked for less ({requested}), so that is suggested.").format(
                requested=money(s.requested_fen))
        return text
    if s.basis in ("nothing_used", "not_delivered"):
        text = (_t("Nothing has been used on the card: the full requested amount, {requested}.")
                if s.basis == "nothing_used" else
                _t("The card was never delivered: the full requested amount, {requested}.")).format(
            requested=money(s.requested_fen))
        if not s.fits_partial:
            text += " " + _t("That is everything the buyer paid, which a partial refund cannot be: approve in full "
                             "instead.")
        return text
    if s.basis == "fully_used":
        return _t("The card's whole value ({face}) has been used: nothing is left to refund by value. Type an amount "
                  "agreed with the buyer.").format(face=money(s.face_fen))
    if s.basis == "activated":
        return _t("The card has been activated, so its value is used: type an amount agreed with the buyer.")
    return _t("How much of the card was used is not known: type the amount to refund.")
