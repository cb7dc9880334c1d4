"""Flagging an evidence image that looks wrong (any role may), and clearing a flag.

Flags are this computer's notes for the desk: they go to no platform and take no policy, only a
note and an image that belongs to the refund.
"""

from __future__ import annotations

from ..core.clock import local_now_ms
from ..store import refunds, risk
from ..store.engine import Database
from .result import INVALID, UNKNOWN_EVIDENCE, Done, Refused, Result

MAX_NOTE = 500


def flag_image(db: Database, refund_id: str, evidence_id: str, note: str, *, staff_id: str | None,
               staff_name: str | None, now_ms: int | None = None) -> Result[int]:
    """Flag one of a refund's images with a note; Done(flag id) or Refused."""
    note = note.strip()
    if not note:
        return Refused(INVALID, "write what looks wrong", fields={"note": "write what looks wrong"})
    with db.write() as conn:
        image = next((e for e in refunds.evidence_of(conn, refund_id) if e["id"] == evidence_id), None)
        if image is None or not image.get("sha256"):
            return Refused(UNKNOWN_EVIDENCE, f"refund {refund_id} has no image {evidence_id!r} here")
        flag_id = risk.add_flag(conn, refund_id=refund_id, evidence_id=evidence_id, sha256=image["sha256"],
                                note=note[:MAX_NOTE], staff_id=staff_id, staff_name=staff_name,
                                now_ms=local_now_ms() if now_ms is None else now_ms)
    return Done(flag_id, frozenset({refund_id}))


def clear_flag(db: Database, flag_id: int, *, now_ms: int | None = None) -> Result[None]:
    """Take a flag back (it stays in the database, cleared)."""
    with db.write() as conn:
        refund_id = risk.refund_of_flag(conn, flag_id)
        if refund_id is None:
            return Refused(UNKNOWN_EVIDENCE, f"no open flag {flag_id}")
        risk.clear_flag(conn, flag_id, local_now_ms() if now_ms is None else now_ms)
    return Done(None, frozenset({refund_id}))
