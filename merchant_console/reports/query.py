"""What a report covers (period and filters) and the rows it reads from the local refunds table.

The refunds table holds every staff member's decisions as synced from the platform, not only the
ones made on this desktop, so reports read it rather than the local `decisions` table. It holds a
refund's latest decision only; a staff decision the platform later replaced (customer service
deciding an appeal for the buyer) is kept in `replaced_decisions` (migration 0007) and reported as
a decision row of its own.

Days are calendar days in the merchant's time zone (`ReportFilter.tz`, by default this computer's
local zone, which for a merchant in China is UTC+08:00). Every time shown or exported is in that
zone; the zone is named in every export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, text

DAY_MS = 86_400_000
DECIDER_STAFF, DECIDER_PLATFORM = "staff", "platform"
PLATFORM_KINDS = ("platform_auto", "platform_cs")


def local_zone() -> tzinfo:
    """This computer's time zone (the merchant's, for a desktop in the merchant's shop)."""
    return datetime.now().astimezone().tzinfo  # type: ignore[return-value]


def zone_label(tz: tzinfo, at: datetime | None = None) -> str:
    """'UTC+08:00' for China time; names the zone in exports."""
    off = (at or datetime.now(tz)).astimezone(tz).utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass(frozen=True)
class ReportFilter:
    """A period of whole days (inclusive) and the optional filters a manager picked."""

    date_from: date
    date_to: date
    tz: tzinfo = field(default_factory=local_zone)
    staff_id: str | None = None
    action: str | None = None            # approve | partial | reject
    decided_by: str | None = None        # staff | platform
    category: str | None = None
    reason_code: str | None = None
    channel: str | None = None

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise ValueError("the period starts after it ends")

    @property
    def start_ms(self) -> int:
        return _ms(datetime.combine(self.date_from, time(0), self.tz))

    @property
    def end_ms(self) -> int:
        """Exclusive: midnight after the last day."""
        return _ms(datetime.combine(self.date_to + timedelta(days=1), time(0), self.tz))

    def days(self) -> list[date]:
        n = (self.date_to - self.date_from).days + 1
        return [self.date_from + timedelta(days=i) for i in range(n)]

    def day_of(self, at_ms: int) -> date:
        return datetime.fromtimestamp(at_ms / 1000, self.tz).date()

    def describe(self) -> dict[str, Any]:
        """The filters as plain data (for the audit log and export headers)."""
        out = {"from": self.date_from.isoformat(), "to": self.date_to.isoformat(), "tz": zone_label(self.tz)}
        for key in ("staff_id", "action", "decided_by", "category", "reason_code", "channel"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


# The columns a report reads, in this order (ReportRow fields).
_COLUMNS = ("id", "order_no", "product_name", "product_category", "payment_channel", "type", "paid_fen",
            "requested_fen", "status", "submitted_at", "due_at", "fast_refund", "urged_at", "escalates_at",
            "decision_action", "decision_amount_fen", "decision_reason_code", "decision_reason_text",
            "decision_by_kind", "decision_by_id", "decision_by_name", "decision_at", "appeal", "timeline")
_AS_READ = _COLUMNS[:-2]   # the ReportRow fields taken as they are read (appeal and timeline are worked out)
# the refund's after-sale conversation (v1.1): its latest proposal and its extension, read with the row
_TALK = ("negotiation_state", "json_extract(negotiation, '$.kind')", "json_extract(negotiation, '$.round')",
         "json_extract(extension, '$.hours')")


@dataclass(slots=True)
class ReportRow:
    id: str
    order_no: str
    product_name: str
    product_category: str
    payment_channel: str
    type: str
    paid_fen: int
    requested_fen: int
    status: str
    submitted_at: int
    due_at: int
    fast_refund: bool
    urged_at: int | None
    escalates_at: int | None
    decision_action: str | None
    decision_amount_fen: int | None
    decision_reason_code: str | None
    decision_reason_text: str | None
    decision_by_kind: str | None
    decision_by_id: str | None
    decision_by_name: str | None
    decision_at: int | None
    appeal_submitted_at: int | None
    escalated_at: int | None
    # a staff decision the platform later replaced (an appeal it decided for the buyer): a decision
    # row of its own; the refund's own events (received, urged, appeal…) are counted on its main row
    replaced: bool = False
    negotiation_state: str | None = None   # the latest proposal's: pending | accepted | declined | expired
    negotiation_kind: str | None = None    # partial | reissue
    negotiation_round: int | None = None   # how many proposals the refund went through
    extension_hours: int | None = None     # the deadline extension the merchant used, if any

    @property
    def refunded_fen(self) -> int:
        """Money that goes back to the buyer by this decision (0 for a rejection)."""
        if self.decision_action in ("approve", "partial"):
            return self.decision_amount_fen if self.decision_amount_fen is not None else self.requested_fen
        return 0

    @property
    def response_ms(self) -> int | None:
        return None if self.decision_at is None else self.decision_at - self.submitted_at

    @property
    def sla_met(self) -> bool | None:
        """Decided by staff before the response deadline; None when staff did not decide it."""
        if self.decision_at is None or self.decision_by_kind != "staff":
            return None
        return self.decision_at < self.due_at

    @property
    def appeal_outcome(self) -> str | None:
        """pending | upheld (the merchant's rejection stands) | overturned (the buyer got a refund)."""
        if self.appeal_submitted_at is None:
            return None
        if self.status == "appealed":
            return "pending"
        if self.status == "closed":
            return "upheld"
        if self.status in ("refunding", "refunded", "payout_failed"):
            return "overturned"
        return "pending"


def _escalated_at(timeline_json: str | None, escalates_at: int | None) -> int | None:
    """When the refund went to platform review (its timeline's platform_review node), if it did."""
    if escalates_at is None or not timeline_json:
        return None  # only an urged refund escalates; skip parsing every other timeline
    try:
        nodes = json.loads(timeline_json)
        return min((n["at"] for n in nodes if isinstance(n, dict) and n.get("status") == "platform_review"),
                   default=None)
    except (ValueError, TypeError, KeyError):
        return None


def _appeal_submitted(appeal_json: str | None) -> int | None:
    if not appeal_json:
        return None
    try:
        value = json.loads(appeal_json)
        at = value.get("submitted_at") if isinstance(value, dict) else None
        return at if isinstance(at, int) else None
    except ValueError:
        return None


def load_rows(conn: Connection, f: ReportFilter) -> list[ReportRow]:
    """Every refund with something in the period: received, decided, urged, escalated or appealed.

    Category and channel filters apply here; decision filters (staff, action, decider, reason) are
    applied by the KPI computation, which also needs the unfiltered events of the period.
    """
    where = ["(submitted_at >= :s AND submitted_at < :e)", "(decision_at >= :s AND decision_at < :e)",
             "(urged_at >= :s AND urged_at < :e)", "(escalates_at >= :s AND escalates_at < :e)",
             "(appeal IS NOT NULL AND json_extract(appeal, '$.submitted_at') >= :s "
             "AND json_extract(appeal, '$.submitted_at') < :e)"]
    sql = f"SELECT {', '.join(_COLUMNS + _TALK)} FROM refunds WHERE ({' OR '.join(where)})"
    params: dict[str, Any] = {"s": f.start_ms, "e": f.end_ms}
    if f.category:
        sql += " AND product_category = :cat"
        params["cat"] = f.category
    if f.channel:
        sql += " AND payment_channel = :ch"
        params["ch"] = f.channel
    out = []
    for r in conn.execute(text(sql), params):
        (*head, appeal, timeline, n_state, n_kind, n_round, ext_hours) = r
        head[11] = bool(head[11])
        out.append(ReportRow(**dict(zip(_AS_READ, head, strict=True)), appeal_submitted_at=_appeal_submitted(appeal),
                             escalated_at=_escalated_at(timeline, head[13]), negotiation_state=n_state,
                             negotiation_kind=n_kind, negotiation_round=_int_or_none(n_round),
                             extension_hours=_int_or_none(ext_hours)))
    # staff decisions the platform replaced afterwards (migration 0007), made in the period
    refund_cols = ", ".join(f"r.{c}" for c in _COLUMNS[:14])
    sql = (f"SELECT {refund_cols}, d.action, d.amount_fen, d.reason_code, d.reason_text, d.by_kind, d.by_id, "
           "d.by_name, d.at FROM replaced_decisions d JOIN refunds r ON r.id = d.refund_id "
           "WHERE d.at >= :s AND d.at < :e")
    if f.category:
        sql += " AND r.product_category = :cat"
    if f.channel:
        sql += " AND r.payment_channel = :ch"
    for r in conn.execute(text(sql), params):
        head = list(r)
        head[11] = bool(head[11])
        out.append(ReportRow(**dict(zip(_AS_READ, head, strict=True)), appeal_submitted_at=None, escalated_at=None,
                             replaced=True))
    out.sort(key=lambda row: (row.decision_at is None, row.decision_at or 0, row.submitted_at, row.id))
    return out


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def staff_options(conn: Connection) -> list[tuple[str, str]]:
    """(id, name) of every staff member who decided a synced refund, by name."""
    rows = conn.exec_driver_sql(
        "SELECT decision_by_id, max(decision_by_name) FROM refunds WHERE decision_by_kind = 'staff' "
        "AND decision_by_id IS NOT NULL GROUP BY decision_by_id ORDER BY 2, 1").all()
    return [(r[0], r[1] or r[0]) for r in rows]


def reason_options(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql("SELECT DISTINCT decision_reason_code FROM refunds "
                                "WHERE decision_reason_code IS NOT NULL ORDER BY 1").all()
    return [r[0] for r in rows]


def matches_decision_filters(row: ReportRow, f: ReportFilter) -> bool:
    """A decided row that passes the staff / action / decider / reason filters."""
    if row.decision_at is None:
        return False
    if f.staff_id and not (row.decision_by_kind == "staff" and row.decision_by_id == f.staff_id):
        return False
    if f.action and row.decision_action != f.action:
        return False
    if f.decided_by == DECIDER_STAFF and row.decision_by_kind != "staff":
        return False
    if f.decided_by == DECIDER_PLATFORM and row.decision_by_kind not in PLATFORM_KINDS:
        return False
    if f.reason_code and row.decision_reason_code != f.reason_code:
        return False
    return True
