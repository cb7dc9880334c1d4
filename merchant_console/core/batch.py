"""Planning a batch decision: who is eligible, what is skipped and why, and the platform's caps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .policy import Policy, check_batch


@dataclass
class BatchPlan:
    action: str
    eligible: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[dict[str, Any], str]] = field(default_factory=list)   # (row, reason code)
    cap_problem: str | None = None

    @property
    def total_fen(self) -> int:
        return sum(r["requested_fen"] for r in self.eligible)


def plan_batch(rows: list[dict[str, Any]], action: str, policy: Policy, now_ms: int) -> BatchPlan:
    """Rows that can take `action` now; the rest are skipped with a reason code:
    'not_awaiting' (already decided or not the merchant's turn), 'queued' (a decision is waiting
    to upload), 'auto_approved' (the fast-refund moment has passed)."""
    plan = BatchPlan(action)
    for r in rows:
        if r["status"] != "awaiting_merchant":
            plan.skipped.append((r, "not_awaiting"))
        elif r.get("local_state") == "queued":
            plan.skipped.append((r, "queued"))
        elif r.get("fast_refund") and r.get("auto_approve_at") is not None and r["auto_approve_at"] <= now_ms:
            plan.skipped.append((r, "auto_approved"))
        else:
            plan.eligible.append(r)
    plan.cap_problem = check_batch([r["requested_fen"] for r in plan.eligible], policy)
    return plan
