"""The numbers a manager answers for: counts, rates, money, SLA, response times, escalations.

Definitions (the same in the window and in every export):
- received: refunds submitted in the period; decided: decisions made in the period that pass the
  staff / action / decider / reason filters (these rows are the report's data rows). A rejection
  the platform overturned on appeal is two decisions: the staff member's and the platform's.
- rates are shares of `decided`; money is integer fen (requested vs refunded by those decisions).
- SLA compliance: of the decisions made by staff, the share made before the refund's `due_at`.
- response time: decision time minus submission time of every decided row; the median is the
  middle value (mean of the two middle ones for an even count), p90 the nearest-rank 90th percentile.
- auto-approved: decided by the platform's fast-refund system (`platform_auto`).
- urged / escalated / appeals: buyers' urges, escalations to platform review and appeals that
  happened in the period, for the whole shop (category and channel filters apply); an appeal's
  outcome is pending, upheld (the rejection stands) or overturned (the buyer got the refund).
- after-sale conversation (`conversation`, see reports.conversation): proposals made in the period and
  how buyers answered them, money kept versus asked, extensions, evidence requests due in the period,
  answers to buyers; the staff, category and channel filters apply, the decision filters (action,
  decider, reason) do not: a conversation is not a decision.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .conversation import ConversationKpis, ConversationStaffLine
from .query import ReportFilter, ReportRow, matches_decision_filters

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
# upper bounds (exclusive) of the response-time distribution's buckets; the last is open-ended
RESPONSE_BUCKETS_MS = (30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 4 * HOUR_MS, 8 * HOUR_MS, 12 * HOUR_MS, 24 * HOUR_MS)
TOP_REASONS = 8
ACTION_ORDER = ("approve", "partial", "reject")


@dataclass(frozen=True)
class StaffLine:
    staff_id: str
    name: str
    decided: int
    approved: int
    partial: int
    rejected: int
    refunded_fen: int
    median_response_ms: float | None
    sla_rate: float | None


@dataclass
class Kpis:
    filter: ReportFilter
    received: int = 0
    decided: int = 0
    approved: int = 0
    partial: int = 0
    rejected: int = 0
    requested_fen: int = 0
    refunded_fen: int = 0
    staff_decided: int = 0
    sla_met: int = 0
    median_response_ms: float | None = None
    p90_response_ms: int | None = None
    auto_approved: int = 0
    urged: int = 0
    escalated: int = 0
    appeals: int = 0
    appeals_pending: int = 0
    appeals_upheld: int = 0
    appeals_overturned: int = 0
    daily: dict[date, dict[str, int]] = field(default_factory=dict)
    response_buckets: list[int] = field(default_factory=list)
    top_reasons: list[tuple[str, int]] = field(default_factory=list)
    by_staff: list[StaffLine] = field(default_factory=list)
    rows: list[ReportRow] = field(default_factory=list)
    conversation: ConversationKpis = field(default_factory=ConversationKpis)
    conversation_by_staff: list[ConversationStaffLine] = field(default_factory=list)

    def rate(self, count: int) -> float | None:
        return None if self.decided == 0 else count / self.decided

    @property
    def approval_rate(self) -> float | None:
        return self.rate(self.approved)

    @property
    def partial_rate(self) -> float | None:
        return self.rate(self.partial)

    @property
    def rejection_rate(self) -> float | None:
        return self.rate(self.rejected)

    @property
    def sla_rate(self) -> float | None:
        return None if self.staff_decided == 0 else self.sla_met / self.staff_decided


def median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def p90(sorted_values: list[int]) -> int | None:
    """Nearest-rank 90th percentile of an ascending list."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(0.9 * len(sorted_values)) - 1)]


def bucket_of(response_ms: int) -> int:
    for i, bound in enumerate(RESPONSE_BUCKETS_MS):
        if response_ms < bound:
            return i
    return len(RESPONSE_BUCKETS_MS)


def compute(rows: list[ReportRow], f: ReportFilter) -> Kpis:
    """All KPIs and chart series of a period from `query.load_rows` output (one pass, no I/O)."""
    s, e = f.start_ms, f.end_ms
    k = Kpis(filter=f)
    k.daily = {d: dict.fromkeys(ACTION_ORDER, 0) for d in f.days()}
    buckets = [0] * (len(RESPONSE_BUCKETS_MS) + 1)
    reasons: Counter[str] = Counter()
    responses: list[int] = []
    staff: dict[str, dict[str, Any]] = {}
    decided_rows: list[ReportRow] = []
    for r in rows:
        if r.replaced:
            pass  # a second decision row of a refund whose own events its main row counts
        elif s <= r.submitted_at < e:
            k.received += 1
        if not r.replaced and r.urged_at is not None and s <= r.urged_at < e:
            k.urged += 1
        if r.escalated_at is not None and s <= r.escalated_at < e:
            k.escalated += 1
        if r.appeal_submitted_at is not None and s <= r.appeal_submitted_at < e:
            k.appeals += 1
            outcome = r.appeal_outcome
            if outcome == "upheld":
                k.appeals_upheld += 1
            elif outcome == "overturned":
                k.appeals_overturned += 1
            else:
                k.appeals_pending += 1
        if r.decision_at is None or not s <= r.decision_at < e or not matches_decision_filters(r, f):
            continue
        decided_rows.append(r)
        action = r.decision_action or "approve"
        if action == "approve":
            k.approved += 1
        elif action == "partial":
            k.partial += 1
        else:
            k.rejected += 1
        k.requested_fen += r.requested_fen
        k.refunded_fen += r.refunded_fen
        day = k.daily.get(f.day_of(r.decision_at))
        if day is not None:
            day[action] += 1
        rt = r.response_ms
        if rt is not None:
            responses.append(rt)
            buckets[bucket_of(max(rt, 0))] += 1
        if r.decision_reason_code:
            reasons[r.decision_reason_code] += 1
        if r.decision_by_kind == "platform_auto":
            k.auto_approved += 1
        if r.decision_by_kind == "staff":
            k.staff_decided += 1
            if r.sla_met:
                k.sla_met += 1
            sid = r.decision_by_id or "?"
            line = staff.setdefault(sid, {"name": r.decision_by_name or sid, "approve": 0, "partial": 0,
                                          "reject": 0, "refunded": 0, "responses": [], "met": 0})
            line[action] += 1
            line["refunded"] += r.refunded_fen
            line["responses"].append(rt)
            line["met"] += 1 if r.sla_met else 0
    k.decided = len(decided_rows)
    responses.sort()
    k.median_response_ms = median(responses)
    k.p90_response_ms = p90(responses)
    k.response_buckets = buckets
    k.top_reasons = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_REASONS]
    k.by_staff = sorted(
        (StaffLine(sid, v["name"], len(v["responses"]), v["approve"], v["partial"], v["reject"], v["refunded"],
                   median(v["responses"]), v["met"] / len(v["responses"]))
         for sid, v in staff.items()),
        key=lambda line: (-line.decided, line.name))
    k.rows = decided_rows
    return k
