"""Keeps the console in sync on a background thread and reports to the GUI by signals only."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from merchant_console.platform.outcomes import Fatal, Retryable
from merchant_console.store.changes import Changes
from merchant_console.sync.engine import SETTLE_S, SyncEngine, SyncError, SyncListener, SyncReport

log = logging.getLogger(__name__)


class _Relay(SyncListener):
    """The engine's listener: each report becomes a queued signal of the controller (sync threads only)."""

    def __init__(self, controller: SyncController) -> None:
        self.controller = controller

    def changed(self, changes: Changes) -> None:
        self.controller.changed.emit(changes)

    def progress(self, report: SyncReport) -> None:
        self.controller._on_progress(report)

    def trouble(self, outcome: Retryable) -> None:
        self.controller._on_trouble(outcome)

    def failed(self, error: SyncError) -> None:
        self.controller._on_error(error)


class SyncController(QObject):
    """Owns the SyncEngine's thread. Signals arrive on the GUI thread (queued connections)."""

    # a store.changes.Changes: what a page, an upload round or an evidence file fetched (or failed) wrote
    changed = Signal(object)
    connection = Signal(str, str)      # state: online | offline | maintenance | signed_out, message
    progress = Signal(int)             # refunds received so far in this run (initial sync progress)
    stopped = Signal()

    def __init__(self, make_engine: Callable[[SyncListener], SyncEngine], *, wait_s: int = 25,
                 settle_s: float = SETTLE_S, parent: QObject | None = None) -> None:
        """`make_engine(listener)` builds the engine with the controller's listener (given at construction)."""
        super().__init__(parent)
        self.wait_s = wait_s
        self.settle_s = settle_s
        self._thread: threading.Thread | None = None
        self._received = 0
        self.state = "offline"
        self.engine = make_engine(_Relay(self))

    def start(self) -> None:
        if self._thread is not None:
            return
        self.engine.stop.clear()
        self._thread = threading.Thread(target=self._run, name="console-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop syncing and wait for the thread (a long-poll in flight is cut short by closing)."""
        if self._thread is None:
            return
        self.engine.stop.set()
        self.engine.nudge()
        self._thread.join(timeout)
        self._thread = None

    def nudge(self) -> None:
        """A decision was saved: upload it now."""
        self.engine.nudge()

    def want_evidence(self, refund_id: str) -> None:
        """The console shows a refund whose evidence is not cached: fetch it now (a `changed`
        notice with its evidence follows)."""
        self.engine.want_evidence(refund_id)

    def _run(self) -> None:
        try:
            self.engine.run(wait_s=self.wait_s, settle_s=self.settle_s)
        finally:
            self.stopped.emit()

    def _on_progress(self, report: SyncReport) -> None:
        self._received = report.refunds
        self._set_state("online", "")
        if report.refunds or report.quarantined:
            self.progress.emit(self._received)

    def _on_trouble(self, outcome: Retryable) -> None:
        if outcome.announcement:
            self._set_state("maintenance", outcome.announcement)
        else:
            self._set_state("offline", outcome.reason)

    def _on_error(self, error: Exception) -> None:
        outcome = getattr(error, "outcome", None)
        if isinstance(outcome, Retryable) and outcome.announcement:
            self._set_state("maintenance", outcome.announcement)
        elif isinstance(outcome, Fatal) and outcome.status == 401:
            self._set_state("signed_out", str(error))
        else:
            self._set_state("offline", str(error))
        log.info("sync: %s", error)

    def _set_state(self, state: str, message: str) -> None:
        if state != self.state or message:
            self.state = state
            self.connection.emit(state, message)


__all__ = ["SyncController", "SyncError"]
