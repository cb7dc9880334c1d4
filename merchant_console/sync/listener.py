"""What the sync engine tells whoever runs it. Given to the engine when it is made.

Every method runs on one of the engine's threads (never the GUI's): a GUI listener turns each into
a queued signal. Each default does nothing, so a listener overrides only what it needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..platform.outcomes import Retryable
    from ..store.changes import Changes
    from .report import SyncError, SyncReport


class SyncListener:
    def changed(self, changes: Changes) -> None:
        """A write committed: a page of the feed stored, outbox items settled (the refunds it touched), an
        evidence file cached and processed or failed for good (`changes.evidence`)."""

    def progress(self, report: SyncReport) -> None:
        """A page of the feed was stored; `report` is the pull so far (refunds received, quarantined)."""

    def trouble(self, outcome: Retryable) -> None:
        """The platform could not be reached or is in maintenance; the engine retries."""

    def failed(self, error: SyncError) -> None:
        """A round of the live sync (`run`) failed; it is retried with backoff unless fatal."""


QUIET = SyncListener()  # the listener of an engine nobody listens to (the CLI, tests)
