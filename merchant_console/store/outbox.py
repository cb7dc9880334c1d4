"""Decisions made here and the outbox that carries them to the platform.

A decision, its outbox row (with the idempotency key every retry will reuse) and its audit entry
are written in one local transaction before any network call: a crash at any point either loses
nothing or sends nothing, and a retry can never mint a new key.
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from ..core.policy import DecisionDraft
from . import audit
from .engine import inserted_id
from .models import Decision, OutboxItem

OPEN = "pending"
FINAL_STATES = ("done", "superseded", "rejected")
CONFLICT_STATES = ("superseded", "rejected")   # the platform did not take the decision: someone must see it


class DecisionNotAllowed(Exception):
    """The refund cannot take a decision from here (unknown locally, already decided, queued).

    `code` names which rule: not_awaiting, queued, no_open_appeal, past_due, already_written."""

    def __init__(self, message: str, code: str = "not_awaiting") -> None:
        super().__init__(message)
        self.code = code


def record_decision(conn: Connection, refund: dict[str, Any], draft: DecisionDraft, *, staff_id: str, staff_name: str,
                    now_ms: int, attachments: list[dict[str, Any]] | None = None) -> int:
    """Save a validated decision with its outbox row and audit entry; returns the decision id."""
    if refund["status"] != "awaiting_merchant":
        raise DecisionNotAllowed(f"refund {refund['id']} is {refund['status']}, not awaiting a decision")
    # a decision, or a proposal (v1.1): either changes the refund's state, one at a time
    open_item = conn.execute(select(OutboxItem.id).where(and_(
        OutboxItem.refund_id == refund["id"], OutboxItem.kind.in_(("decision", "proposal")),
        OutboxItem.state == OPEN))).first()
    if open_item:
        raise DecisionNotAllowed(f"a decision or proposal on refund {refund['id']} is already waiting to be uploaded",
                                 "queued")
    body = draft.to_body()
    if attachments:
        # merchant images waiting on this computer; uploaded (and replaced by ids) before the first send
        body["_attachments"] = [dict(a) for a in attachments]
    decision_id = inserted_id(conn.execute(insert(Decision).values(
        refund_id=refund["id"], action=draft.action, amount_fen=draft.amount_fen, reason_code=draft.reason_code,
        reason_text=draft.reason_text, evidence_ids=list(draft.evidence_ids), staff_id=staff_id,
        staff_name=staff_name, base_version=refund["version"], created_at=now_ms, state="queued")))
    key = str(uuid.uuid4())
    conn.execute(insert(OutboxItem).values(
        kind="decision", decision_id=decision_id, refund_id=refund["id"], idempotency_key=key,
        if_match=refund["version"], body=body, state=OPEN, attempts=0, next_attempt_at=now_ms, created_at=now_ms))
    audit.append(conn, kind="decision", actor=staff_id, refund_id=refund["id"], at_ms=now_ms,
                 payload={"decision_id": decision_id, "idempotency_key": key, "base_version": refund["version"],
                          **_auditable(body)})
    return decision_id


def record_statement(conn: Connection, refund: dict[str, Any], text: str, evidence_ids: list[str], *, staff_id: str,
                     now_ms: int, attachments: list[dict[str, Any]] | None = None) -> int:
    """Save an appeal statement to upload (one per appeal), like a decision; returns the outbox id."""
    appeal = refund.get("appeal") or {}
    if refund["status"] != "appealed" or appeal.get("statement") is not None:
        raise DecisionNotAllowed(f"refund {refund['id']} has no open appeal to answer", "no_open_appeal")
    due = appeal.get("statement_due_at")
    if due is not None and due <= now_ms:
        raise DecisionNotAllowed("the deadline for the statement has passed", "past_due")
    if conn.execute(select(OutboxItem.id).where(and_(OutboxItem.refund_id == refund["id"],
                                                     OutboxItem.kind == "statement"))).first():
        raise DecisionNotAllowed("a statement for this appeal has already been written", "already_written")
    key = str(uuid.uuid4())
    body: dict[str, Any] = {"text": text, "evidence_ids": list(evidence_ids)}
    if attachments:
        body["_attachments"] = [dict(a) for a in attachments]
    item_id = inserted_id(conn.execute(insert(OutboxItem).values(
        kind="statement", refund_id=refund["id"], idempotency_key=key, if_match=refund["version"], body=body,
        state=OPEN, attempts=0, next_attempt_at=now_ms, created_at=now_ms)))
    audit.append(conn, kind="statement", actor=staff_id, refund_id=refund["id"], at_ms=now_ms,
                 payload={"outbox_id": item_id, "idempotency_key": key, **_auditable(body)})
    return item_id


def statement_state(conn: Connection, refund_id: str) -> dict[str, Any] | None:
    q = select(OutboxItem.__table__).where(and_(OutboxItem.refund_id == refund_id, OutboxItem.kind == "statement"))
    row = conn.execute(q.order_by(OutboxItem.id.desc())).mappings().first()
    return dict(row) if row else None


def _auditable(body: dict[str, Any]) -> dict[str, Any]:
    """The body as the audit log keeps it: attachments by digest, not by path on this computer."""
    out = {k: v for k, v in body.items() if k != "_attachments"}
    if body.get("_attachments"):
        out["attachments"] = [a["sha256"] for a in body["_attachments"]]
    return out


def set_body(conn: Connection, item_id: int, body: dict[str, Any]) -> None:
    conn.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(body=body))


def due_items(conn: Connection, now_ms: int, limit: int = 50) -> list[dict[str, Any]]:
    q = (select(OutboxItem.__table__).where(and_(OutboxItem.state == OPEN, OutboxItem.next_attempt_at <= now_ms))
         .order_by(OutboxItem.id).limit(limit))
    return [dict(r) for r in conn.execute(q).mappings()]


def new_owner() -> str:
    """A pusher's name on the items it leases: this computer, this process, this pusher."""
    return f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4()}"


def claim_due(conn: Connection, now_ms: int, *, owner: str, local_ms: int, lease_ms: int,
              limit: int = 50) -> list[dict[str, Any]]:
    """Lease the due items no other pusher holds, for `lease_ms`; call inside a write transaction.

    Two pushers (the console's and a `sync --once` in a terminal, or two threads) thus never send
    the same item at once. Leases use this computer's clock (`local_ms`): every pusher of this file
    runs here. A lease whose process is gone (killed mid-send) is free at once, so the next sync
    sends the item; a lease from elsewhere runs out. The idempotency key makes a resend harmless.
    """
    q = (select(OutboxItem.__table__).where(and_(OutboxItem.state == OPEN, OutboxItem.next_attempt_at <= now_ms))
         .order_by(OutboxItem.id).limit(limit * 4))
    alive: dict[str, bool] = {}
    items = []
    for r in conn.execute(q).mappings():
        held_by, until = r["claimed_by"], r["claimed_until"]
        if until is None or until <= local_ms or held_by == owner or held_by is None \
                or not alive.setdefault(held_by, _owner_alive(held_by)):
            items.append(dict(r))
            if len(items) == limit:
                break
    if items:
        conn.execute(update(OutboxItem).where(OutboxItem.id.in_([i["id"] for i in items]))
                     .values(claimed_by=owner, claimed_until=local_ms + lease_ms))
    return items


def _owner_alive(owner: str) -> bool:
    """Whether the process that leased an item may still be sending it (True when it cannot be told)."""
    host, _, rest = owner.partition("|")
    pid_text = rest.partition("|")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would terminate the process on Windows: ask whether it still runs
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, another user's
    return True


def release(conn: Connection, item_id: int, owner: str) -> None:
    """Give a lease back (the item waits for its next attempt, for any pusher)."""
    conn.execute(update(OutboxItem).where(and_(OutboxItem.id == item_id, OutboxItem.claimed_by == owner))
                 .values(claimed_by=None, claimed_until=None))


def pending_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(OutboxItem).where(OutboxItem.state == OPEN)).scalar_one()


def counts_by_state(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())


def next_attempt_at(conn: Connection) -> int | None:
    return conn.execute(select(func.min(OutboxItem.next_attempt_at)).where(OutboxItem.state == OPEN)).scalar_one()


def retry_now(conn: Connection, now_ms: int) -> int:
    """Items waiting out a backoff become due now (the platform answers again); how many. Their idempotency
    keys keep a resend exactly once."""
    result = conn.execute(update(OutboxItem).where(and_(OutboxItem.state == OPEN, OutboxItem.next_attempt_at > now_ms))
                          .values(next_attempt_at=now_ms))
    return int(result.rowcount or 0)


def note_attempt(conn: Connection, item_id: int, now_ms: int) -> None:
    """Recorded before the request leaves, so a crash mid-request still counts as an attempt."""
    conn.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(
        attempts=OutboxItem.attempts + 1,
        first_sent_at=func.coalesce(OutboxItem.first_sent_at, now_ms)))


def retry_later(conn: Connection, item_id: int, at_ms: int, error: str) -> None:
    conn.execute(update(OutboxItem).where(OutboxItem.id == item_id).values(
        next_attempt_at=at_ms, last_error=error[:2000], claimed_by=None, claimed_until=None))


def finish(conn: Connection, item: dict[str, Any], state: str, now_ms: int, *, message: str | None = None,
           field_errors: dict[str, Any] | None = None, platform_decision: dict[str, Any] | None = None) -> None:
    """Close an outbox item and its decision: done, superseded (with what the platform did) or rejected.

    An item already closed (by another pusher whose lease it outlived) is left as it is: one outcome,
    one audit entry."""
    assert state in FINAL_STATES
    closed = conn.execute(update(OutboxItem).where(and_(OutboxItem.id == item["id"], OutboxItem.state == OPEN))
                          .values(state=state, completed_at=now_ms, last_error=message,
                                  claimed_by=None, claimed_until=None))
    if closed.rowcount == 0:
        return
    if item.get("decision_id") is not None:
        conn.execute(update(Decision).where(Decision.id == item["decision_id"]).values(
            state=state, message=message, field_errors=field_errors, platform_decision=platform_decision,
            resolved_at=now_ms))
    audit.append(conn, kind=f"{item['kind']}_{state}", actor="sync", refund_id=item["refund_id"], at_ms=now_ms,
                 payload={"outbox_id": item["id"], "idempotency_key": item["idempotency_key"],
                          "message": message, "field_errors": field_errors})


def acknowledge(conn: Connection, decision_id: int, *, staff_id: str, staff_name: str, now_ms: int) -> bool:
    """Mark a superseded or refused decision as seen, so its refund leaves "Uploading / conflicts"; with
    an audit entry. False when it is not an open conflict (done, still uploading, or seen already)."""
    seen = conn.execute(update(Decision).where(and_(
        Decision.id == decision_id, Decision.state.in_(CONFLICT_STATES), Decision.acknowledged_at.is_(None)))
        .values(acknowledged_at=now_ms, acknowledged_by=staff_name or staff_id))
    if seen.rowcount == 0:
        return False
    row = conn.execute(select(Decision.refund_id, Decision.state).where(Decision.id == decision_id)).one()
    audit.append(conn, kind="decision_acknowledged", actor=staff_id, refund_id=row.refund_id, at_ms=now_ms,
                 payload={"decision_id": decision_id, "state": row.state, "staff_name": staff_name})
    return True


def decisions_for(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    q = select(Decision.__table__).where(Decision.refund_id == refund_id).order_by(Decision.id)
    return [dict(r) for r in conn.execute(q).mappings()]


def all_decisions(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(Decision.__table__).order_by(Decision.id)).mappings()]
