"""Times and money as people read them, in the computer's time zone and the UI's language."""

from __future__ import annotations

from datetime import datetime

from merchant_console.core.money import fen_to_yuan_str


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
