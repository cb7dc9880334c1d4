"""The tamper-evident audit log: append with a hash link, verify the whole chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from ..core.audit import GENESIS, canonical, link_hash
from .models import AuditEntry


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None


def append(conn: Connection, *, kind: str, actor: str, payload: dict[str, Any], at_ms: int,
           refund_id: str | None = None) -> int:
    """Append one entry inside the caller's (write) transaction; returns its sequence number."""
    last = conn.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    body = canonical(payload)
    conn.execute(AuditEntry.__table__.insert().values(
        seq=seq, at_ms=at_ms, kind=kind, actor=actor, refund_id=refund_id, payload=body, prev_hash=prev,
        hash=link_hash(prev, seq, at_ms, kind, actor, refund_id, body)))
    return seq


def verify(conn: Connection) -> AuditReport:
    """Walk the chain from the start; the first entry whose link or hash does not hold is named."""
    prev, expected_seq, n = GENESIS, 1, 0
    q = select(AuditEntry.seq, AuditEntry.at_ms, AuditEntry.kind, AuditEntry.actor, AuditEntry.refund_id,
               AuditEntry.payload, AuditEntry.prev_hash, AuditEntry.hash).order_by(AuditEntry.seq)
    for seq, at_ms, kind, actor, refund_id, payload, prev_hash, h in conn.execute(q):
        n += 1
        if seq != expected_seq:
            return AuditReport(False, n, expected_seq, f"entry {expected_seq} is missing")
        if prev_hash != prev:
            return AuditReport(False, n, seq, f"entry {seq} does not link to entry {seq - 1}")
        if link_hash(prev_hash, seq, at_ms, kind, actor, refund_id, payload) != h:
            return AuditReport(False, n, seq, f"entry {seq} was altered (its hash does not match its content)")
        prev, expected_seq = h, seq + 1
    return AuditReport(True, n)


def trail(conn: Connection, refund_id: str) -> list[dict]:
    q = select(AuditEntry.__table__).where(AuditEntry.refund_id == refund_id).order_by(AuditEntry.seq)
    return [dict(r) for r in conn.execute(q).mappings()]
