"""What a sync round did (`SyncReport`) and why it could not finish (`SyncError`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..platform.outcomes import Conflict, Fatal, Invalid, Outcome, Retryable
from ..store.changes import Changes


class SyncError(Exception):
    """Sync could not finish; `outcome` says why (the CLI and GUI show its message)."""

    def __init__(self, message: str, outcome: Outcome | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome


class SyncTimeUp(SyncError):
    """A bounded round (`sync_once(budget_s=...)`) ran out of time; what it did is kept."""


@dataclass
class SyncReport:
    pages: int = 0
    refunds: int = 0
    quarantined: int = 0
    full_resync: bool = False
    pushed: dict[str, int] = field(default_factory=dict)
    evidence_fetched: int = 0
    evidence_failed: int = 0
    evidence_left: bool = False   # a prefetch stopped at its time budget with files still to fetch
    announcement: str | None = None
    # the refunds this round wrote or settled (`everything` when too many to list, or a full resync)
    changes: Changes = field(default_factory=Changes)

    def note_changed(self, ids: Iterable[str]) -> None:
        self.changes = self.changes | Changes.of(ids)

    def merge(self, other: SyncReport) -> None:
        self.pages += other.pages
        self.refunds += other.refunds
        self.quarantined += other.quarantined
        self.full_resync |= other.full_resync
        for k, v in other.pushed.items():
            self.pushed[k] = self.pushed.get(k, 0) + v
        self.evidence_fetched += other.evidence_fetched
        self.evidence_failed += other.evidence_failed
        self.announcement = other.announcement or self.announcement
        self.changes = self.changes | other.changes


def describe(out: Outcome) -> str:
    """An outcome in a sentence, for a `SyncError`."""
    if isinstance(out, Retryable):
        return out.announcement or f"the platform is unreachable for now ({out.reason})"
    if isinstance(out, Fatal):
        return out.message
    if isinstance(out, (Invalid, Conflict)):
        return f"{out.code}: {out.message}"
    return str(out)
