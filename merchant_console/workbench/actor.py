"""Who is acting, with which role and policy, at what platform time: read from the local database.

Every refund action reads these in its own write transaction from what the last sync recorded
(`/me`: staff, role, policy; the clock offset), so the GUI and the command line can never act with
different rules or names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from ..core.clock import ServerClock
from ..core.policy import Policy
from ..core.status import DECIDING_ROLES
from ..store import state
from .result import NEVER_SYNCED, ROLE, Refused


@dataclass(frozen=True, slots=True)
class Actor:
    staff_id: str
    staff_name: str
    role: str
    policy: Policy
    now_ms: int   # the platform's time (local clock + the measured offset) unless the caller gave one

    @property
    def may_decide(self) -> bool:
        return self.role in DECIDING_ROLES


def actor_of(conn: Connection, now_ms: int | None = None) -> Actor | Refused:
    """The signed-in staff member as the last sync recorded them, or why nobody can act yet."""
    st = state.load_state(conn)
    policy = state.load_policy(conn)
    if policy is None or st["staff_id"] is None or not st["role"]:
        return Refused(NEVER_SYNCED, "this account has never synced with its platform: sync first "
                                     "(`merchant-console sync --once`)")
    if now_ms is None:
        now_ms = ServerClock(st["clock_offset_ms"] or 0).now_ms()
    return Actor(st["staff_id"], st["staff_name"] or "", st["role"], policy, now_ms)


def deciding_actor(conn: Connection, now_ms: int | None = None) -> Actor | Refused:
    """`actor_of`, refused when the role may view refunds but not decide them."""
    actor = actor_of(conn, now_ms)
    if isinstance(actor, Actor) and not actor.may_decide:
        return Refused(ROLE, f"your role ({actor.role}) may view refunds but not decide them",
                       facts={"role": actor.role})
    return actor
