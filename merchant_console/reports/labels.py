"""Words and number formats of reports, in Chinese and English (reports know no Qt translator)."""

from __future__ import annotations

from collections.abc import Mapping

from ..core import words
from ..core.money import fen_to_yuan_str
from ..core.status import ACTIONS, CATEGORIES, CHANNELS, PROPOSAL_KINDS, PROPOSAL_STATES, REFUND_TYPES

LANGS = ("zh", "en")
# the words themselves live in core.words (one table for reports, the command line and the GUI)
REASONS = words.REASONS
DECIDERS = words.DECIDERS
APPEAL_OUTCOMES = words.APPEAL_OUTCOMES
WORDS = words.REPORT_WORDS
BUCKETS = words.RESPONSE_BUCKETS


def labelled(label: str, text: str, lang: str) -> str:
    """'统计周期：…' / 'Period: …' (a full-width colon inside Chinese text)."""
    return f"{label}：{text}" if lang == "zh" else f"{label}: {text}"


def pick(pair: tuple[str, str], lang: str) -> str:
    return words.pick(pair, lang)


def word(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def _label(table: Mapping[str, tuple[str, str]], code: str | None, lang: str) -> str:
    return words.label(table, code, lang)


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


def proposal_state(code: str | None, lang: str) -> str:
    return _label(PROPOSAL_STATES, code, lang)


def proposal_kind(code: str | None, lang: str) -> str:
    return _label(PROPOSAL_KINDS, code, lang)


def status(code: str | None, lang: str) -> str:
    return _label(words.STATUS_LABELS, code, lang)


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
