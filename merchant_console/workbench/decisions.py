"""Deciding refunds and answering appeals: one function per action, each in one write transaction.

Each reads the refund's CURRENT row in the transaction that records, and refuses (a value, not an
exception) when the row no longer matches what the person saw (`seen_version`), when the refund is
no longer waiting for the merchant, when a decision is already on its way, or when the draft breaks
the platform's policy. Accepted, it writes the decision, its outbox row (with the idempotency key
every retry reuses) and its audit entry together (store.outbox).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..core.policy import DecisionDraft, check_batch, validate_decision
from ..core.templates import render, template_values
from ..store import outbox, refunds
from ..store.engine import Database
from .actor import Actor, deciding_actor
from .result import (
    ALREADY_WRITTEN,
    BATCH_CAPS,
    CHANGED,
    INVALID,
    NO_CONFLICT,
    NO_OPEN_APPEAL,
    NOT_AWAITING,
    UNKNOWN_REFUND,
    Done,
    Refused,
    Result,
)


def decide(db: Database, refund_id: str, draft: DecisionDraft, *, seen_version: int | None = None,
           now_ms: int | None = None, attachments: Sequence[dict[str, Any]] = ()) -> Result[int]:
    """Approve, partial or reject one refund; Done(decision id) or Refused.

    `seen_version`: the version of the refund the person decided on (the GUI always gives it; None
    checks only that it still awaits the merchant); `attachments`: merchant images ready to upload."""
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        return _decide(conn, actor, refund_id, draft, seen_version, list(attachments))


@dataclass(frozen=True)
class BatchOutcome:
    decided: list[tuple[str, int]] = field(default_factory=list)        # (refund id, decision id)
    refused: list[tuple[str, Refused]] = field(default_factory=list)    # (refund id, why not)


def decide_batch(db: Database, action: str, items: Sequence[tuple[str, int | None]], *,
                 template: dict[str, Any] | None = None, now_ms: int | None = None) -> Result[BatchOutcome]:
    """One action on many refunds (`items`: refund id and the version seen), in one transaction.

    The whole batch is refused when the role may not decide or the refunds' current amounts pass the
    platform's caps; otherwise each refund is decided or refused on its own, as `decide` would. A
    reason `template` is rendered for each refund from its current row."""
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        rows = {rid: refunds.get_refund(conn, rid) for rid, _ in items}
        problem = check_batch([r["requested_fen"] for r in rows.values() if r is not None], actor.policy)
        if problem:
            return Refused(BATCH_CAPS, problem, facts={"count": len(items)})
        out = BatchOutcome()
        for rid, seen in items:
            current = rows[rid]
            text = render(template["text"], template_values(current)) if template and current else None
            draft = DecisionDraft(action, None, template["reason_code"] if template else None, text)
            result = _decide(conn, actor, rid, draft, seen, [], current=current)
            if isinstance(result, Done):
                out.decided.append((rid, result.value))
            else:
                out.refused.append((rid, result))
    return Done(out, frozenset(rid for rid, _ in out.decided))


def write_statement(db: Database, refund_id: str, text: str, *, seen_version: int | None = None,
                    now_ms: int | None = None, attachments: Sequence[dict[str, Any]] = ()) -> Result[int]:
    """The one statement answering a buyer's appeal before its deadline; Done(outbox id) or Refused."""
    text = text.strip()
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        p = actor.policy
        if not p.reason_min_chars <= len(text) <= p.reason_max_chars:
            return Refused(INVALID, f"a statement has {p.reason_min_chars} to {p.reason_max_chars} characters",
                           fields={"text": f"write {p.reason_min_chars} to {p.reason_max_chars} characters"},
                           facts={"min": p.reason_min_chars, "max": p.reason_max_chars})
        current = refunds.get_refund(conn, refund_id)
        if current is None:
            return _unknown(refund_id)
        appeal = current.get("appeal") or {}
        if current["status"] != "appealed" or appeal.get("statement") is not None:
            # said before a newer version: the appeal is over, whatever else changed
            return Refused(NO_OPEN_APPEAL, f"refund {refund_id} has no open appeal to answer")
        if outbox.statement_state(conn, refund_id) is not None:
            return Refused(ALREADY_WRITTEN, "a statement for this appeal has already been written")
        stale = _stale(refund_id, current, seen_version)
        if stale is not None:
            return stale
        try:
            item_id = outbox.record_statement(conn, current, text, [], staff_id=actor.staff_id,
                                              now_ms=actor.now_ms, attachments=list(attachments))
        except outbox.DecisionNotAllowed as e:
            return Refused(e.code, str(e))
    return Done(item_id, frozenset({refund_id}))


def acknowledge_conflict(db: Database, refund_id: str, *, now_ms: int | None = None) -> Result[int]:
    """Put away the conflict on a refund: its latest decision, which the platform superseded or refused,
    has been seen ("Got it"), so the refund leaves "Uploading / conflicts". Done(decision id) or Refused."""
    with db.write() as conn:
        actor = deciding_actor(conn, now_ms)
        if isinstance(actor, Refused):
            return actor
        if refunds.get_refund(conn, refund_id) is None:
            return _unknown(refund_id)
        history = outbox.decisions_for(conn, refund_id)
        latest = history[-1] if history else None
        if latest is None or latest["state"] not in outbox.CONFLICT_STATES or latest["acknowledged_at"] is not None:
            return Refused(NO_CONFLICT, f"refund {refund_id} has no conflict to acknowledge",
                           facts={"state": latest["state"] if latest else None})
        outbox.acknowledge(conn, latest["id"], staff_id=actor.staff_id, staff_name=actor.staff_name,
                           now_ms=actor.now_ms)
    return Done(latest["id"], frozenset({refund_id}))


def current_refund(conn: Connection, refund_id: str, seen_version: int | None = None) -> dict[str, Any] | Refused:
    """The refund's current row, or why it cannot be acted on as seen (unknown here, or a newer version)."""
    current = refunds.get_refund(conn, refund_id)
    if current is None:
        return _unknown(refund_id)
    stale = _stale(refund_id, current, seen_version)
    return current if stale is None else stale


def _unknown(refund_id: str) -> Refused:
    return Refused(UNKNOWN_REFUND, f"no refund {refund_id!r} in the local database (sync first, or check the id)")


def _stale(refund_id: str, current: dict[str, Any] | None, seen_version: int | None) -> Refused | None:
    if current is None:
        return _unknown(refund_id)
    if seen_version is not None and current["version"] != seen_version:
        return Refused(CHANGED, f"refund {refund_id} changed since you saw it (version {seen_version}, now "
                                f"{current['version']}): look at it again before deciding",
                       facts={"seen": seen_version, "now": current["version"]})
    return None


def _decide(conn: Connection, actor: Actor, refund_id: str, draft: DecisionDraft, seen_version: int | None,
            attachments: list[dict[str, Any]], *, current: dict[str, Any] | None = None) -> Result[int]:
    current = current or refunds.get_refund(conn, refund_id)
    if current is None:
        return _unknown(refund_id)
    if current["status"] != "awaiting_merchant":
        return Refused(NOT_AWAITING, f"refund {refund_id} is {current['status']}, no longer waiting for a decision",
                       facts={"status": current["status"]})
    stale = _stale(refund_id, current, seen_version)
    if stale is not None:
        return stale
    errors = validate_decision(draft, paid_fen=current["paid_fen"], requested_fen=current["requested_fen"],
                               policy=actor.policy)
    if errors:
        return Refused(INVALID, "; ".join(f"{k}: {v}" for k, v in errors.items()), fields=errors,
                       facts={"paid_fen": current["paid_fen"], "requested_fen": current["requested_fen"]})
    try:
        decision_id = outbox.record_decision(conn, current, draft, staff_id=actor.staff_id,
                                             staff_name=actor.staff_name, now_ms=actor.now_ms,
                                             attachments=attachments or None)
    except outbox.DecisionNotAllowed as e:
        return Refused(e.code, str(e))
    return Done(decision_id, frozenset({refund_id}))
