"""Countdowns to the deadlines that matter, on server time, with urgency levels for colour.

One function decides which deadline a refund counts down to; the GUI's single timer, the CLI
and notifications all ask it, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HOUR_MS = 3_600_000
MINUTE_MS = 60_000
AMBER_MS = 6 * HOUR_MS
RED_MS = 1 * HOUR_MS

KINDS = ("due", "auto_approve", "escalation", "statement")


@dataclass(frozen=True, slots=True)
class Countdown:
    kind: str          # one of KINDS: what happens at `at_ms`
    at_ms: int
    remaining_ms: int  # negative once the moment has passed

    @property
    def overdue(self) -> bool:
        return self.remaining_ms < 0

    @property
    def urgency(self) -> str:
        """'overdue', 'red' (< 1 h), 'amber' (< 6 h) or 'normal'."""
        if self.remaining_ms < 0:
            return "overdue"
        if self.remaining_ms < RED_MS:
            return "red"
        if self.remaining_ms < AMBER_MS:
            return "amber"
        return "normal"


def countdown_for(row: dict[str, Any], now_ms: int) -> Countdown | None:
    """The countdown a refund row shows at server time `now_ms` (None when nothing is pending).

    `row` needs: status, due_at, fast_refund, auto_approve_at, escalates_at, appeal_statement_due_at.
    """
    status = row["status"]
    if status == "appealed":
        at = row.get("appeal_statement_due_at")
        return None if at is None else Countdown("statement", at, at - now_ms)
    if status != "awaiting_merchant":
        return None
    candidates = [("due", row["due_at"])]
    if row.get("fast_refund") and row.get("auto_approve_at") is not None:
        candidates.append(("auto_approve", row["auto_approve_at"]))
    if row.get("escalates_at") is not None:
        candidates.append(("escalation", row["escalates_at"]))
    future = [(at, kind) for kind, at in candidates if at >= now_ms]
    if future:
        at, kind = min(future)
        return Countdown(kind, at, at - now_ms)
    # everything has passed: the merchant is late against the response deadline
    return Countdown("due", row["due_at"], row["due_at"] - now_ms)


def format_duration(ms: int, lang: str = "zh") -> str:
    """A short human duration: '3小时12分' / '3h 12m', '2天5小时' / '2d 5h', '45秒' / '45s'."""
    ms = abs(ms)
    days, rem = divmod(ms, 24 * HOUR_MS)
    hours, rem = divmod(rem, HOUR_MS)
    minutes, rem = divmod(rem, MINUTE_MS)
    seconds = rem // 1000
    zh = lang.startswith("zh")
    if days:
        return f"{days}天{hours}小时" if zh else f"{days}d {hours}h"
    if hours:
        return f"{hours}小时{minutes}分" if zh else f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}分{seconds}秒" if zh else f"{minutes}m {seconds}s"
    return f"{seconds}秒" if zh else f"{seconds}s"


_PHRASES = {
    # kind -> (zh before, en before)
    "due": ("剩余 {d}", "{d} left"),
    "auto_approve": ("{d}后自动同意", "auto-approves in {d}"),
    "escalation": ("{d}后平台介入", "escalates in {d}"),
    "statement": ("申诉说明剩余 {d}", "statement due in {d}"),
}


def describe(cd: Countdown, lang: str = "zh") -> str:
    """'剩余 3小时12分' / '3h 12m left'; '已超时 2小时' / '2h overdue'."""
    zh = lang.startswith("zh")
    d = format_duration(cd.remaining_ms, lang)
    if cd.overdue:
        return f"已超时 {d}" if zh else f"{d} overdue"
    zh_text, en_text = _PHRASES[cd.kind]
    return (zh_text if zh else en_text).format(d=d)
