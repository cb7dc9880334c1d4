"""The GUI's way to say a word from core.words: through Qt's translator, like every other string.

`resources/translations/words_zh_CN.ts` is written from `core.words.TABLES` by
`packaging/build_ui.py` (context "Words", the table's name as disambiguation), so the GUI never
picks Chinese or English itself: an English UI shows the source, a Chinese one the translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.countdown import Countdown, duration_parts, phrase_key
from ..core.words import TABLES

CONTEXT = "Words"


def word(table: str, code: str | None) -> str:
    """The word for `code` in one of core.words.TABLES, in the UI's language ('' for None, the code
    itself when the table does not know it)."""
    if code is None:
        return ""
    pair = TABLES[table].get(code)
    return QCoreApplication.translate(CONTEXT, pair[1], table) if pair else code


def all_words(table: str) -> list[tuple[str, str]]:
    """Every (code, word) of a table, in its order (for filter combos)."""
    return [(code, QCoreApplication.translate(CONTEXT, pair[1], table)) for code, pair in TABLES[table].items()]


def duration_text(ms: int) -> str:
    """'3h 12m' / '3小时12分' (core.countdown.DURATIONS)."""
    key, parts = duration_parts(ms)
    return word("durations", key).format(**parts)


def countdown_text(cd: Countdown) -> str:
    """'auto-approves in 29m 59s' / '29分59秒后自动同意' (core.countdown.PHRASES)."""
    return word("countdowns", phrase_key(cd)).format(d=duration_text(cd.remaining_ms))
