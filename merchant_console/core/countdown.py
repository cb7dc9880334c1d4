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

    `row` needs: status, due_at, fast_refund, auto_approve_at, escalates_at, appeal_statement_due_at, and
    for v1.1 evidence_request_due_at and negotiation_respond_by. Under review or appealed, an unanswered
    evidence request from customer service counts down as "due" (the merchant's own deadline, which the
    refund's deadline order uses too: core.refund.next_deadline_at); negotiating, the buyer's time to
    answer the proposal (or a fast refund's auto-approval, if sooner).
    """
    status = row["status"]
    asked = row.get("evidence_request_due_at")
    if status in ("appealed", "platform_review"):
        statement = row.get("appeal_statement_due_at") if status == "appealed" else None
        if asked is not None and (statement is None or asked < statement):
            return Countdown("due", asked, asked - now_ms)
        return None if statement is None else Countdown("statement", statement, statement - now_ms)
    if status == "negotiating":
        times = [(at, kind) for kind, at in (("due", row.get("negotiation_respond_by")),
                                             ("auto_approve", row.get("auto_approve_at") if row.get("fast_refund")
                                              else None)) if at is not None]
        if not times:
            return None
        at, kind = min(times)
        return Countdown(kind, at, at - now_ms)
    if status != "awaiting_merchant":
        return None
    candidates = [("due", row["due_at"])]
    if row.get("fast_refund") and row.get("auto_approve_at") is not None:
        candidates.append(("auto_approve", row["auto_approve_at"]))
    if row.get("escalates_at") is not None:
        candidates.append(("escalation", row["escalates_at"]))
    auto = row["auto_approve_at"] if row.get("fast_refund") else None
    if auto is not None and auto < now_ms:
        # the platform approves a fast refund by itself at that moment unless a decision reached it first; still
        # "awaiting" here means the news has not come (offline, or the next page): never a deadline ahead instead
        return Countdown("auto_approve", auto, auto - now_ms)
    future = [(at, kind) for kind, at in candidates if at >= now_ms]
    if future:
        at, kind = min(future)
        return Countdown(kind, at, at - now_ms)
    # everything has passed: the merchant is late against the response deadline
    return Countdown("due", row["due_at"], row["due_at"] - now_ms)


# The words of a countdown (the GUI says them through Qt: core.words.TABLES, gui.words.countdown_text)
DURATIONS: dict[str, tuple[str, str]] = {
    "days": ("{days}天{hours}小时", "{days}d {hours}h"),
    "hours": ("{hours}小时{minutes}分", "{hours}h {minutes}m"),
    "minutes": ("{minutes}分{seconds}秒", "{minutes}m {seconds}s"),
    "seconds": ("{seconds}秒", "{seconds}s"),
}
PHRASES: dict[str, tuple[str, str]] = {
    "due": ("剩余 {d}", "{d} left"),
    "auto_approve": ("{d}后自动同意", "auto-approves in {d}"),
    "escalation": ("{d}后平台介入", "escalates in {d}"),
    "statement": ("申诉说明剩余 {d}", "statement due in {d}"),
    "overdue": ("已超时 {d}", "{d} overdue"),
    "auto_approved": ("自动同意已过 {d}", "auto-approval {d} ago"),   # no wider than the others: the column fits them
}


def duration_parts(ms: int) -> tuple[str, dict[str, int]]:
    """Which of DURATIONS says `ms` (its absolute value), and the numbers it is filled with."""
    ms = abs(ms)
    days, rem = divmod(ms, 24 * HOUR_MS)
    hours, rem = divmod(rem, HOUR_MS)
    minutes, rem = divmod(rem, MINUTE_MS)
    parts = {"days": days, "hours": hours, "minutes": minutes, "seconds": rem // 1000}
    key = "days" if days else "hours" if hours else "minutes" if minutes else "seconds"
    return key, parts


def phrase_key(cd: Countdown) -> str:
    """Which of PHRASES says `cd`."""
    if cd.overdue:
        return "auto_approved" if cd.kind == "auto_approve" else "overdue"
    return cd.kind


def format_duration(ms: int, lang: str = "zh") -> str:
    """A short human duration: '3小时12分' / '3h 12m', '2天5小时' / '2d 5h', '45秒' / '45s'."""
    key, parts = duration_parts(ms)
    return DURATIONS[key][0 if lang.startswith("zh") else 1].format(**parts)


def describe(cd: Countdown, lang: str = "zh") -> str:
    """'剩余 3小时12分' / '3h 12m left'; '已超时 2小时' / '2h overdue'."""
    d = format_duration(cd.remaining_ms, lang)
    return PHRASES[phrase_key(cd)][0 if lang.startswith("zh") else 1].format(d=d)
