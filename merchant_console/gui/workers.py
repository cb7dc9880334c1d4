"""Running work off the GUI thread and handing the result back to it.

`run_in_background(fn, on_done, on_error)` runs `fn` on Qt's global thread pool; the callbacks run
on the GUI thread (queued signal), so they may touch widgets. Workers never touch widgets.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)


class _Bridge(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.fn = fn
        self.bridge = bridge

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # handed to the GUI thread, which decides what to show
            log.debug("background job failed:\n%s", traceback.format_exc())
            self._report(self.bridge.failed, e)
            return
        self._report(self.bridge.done, result)

    @staticmethod
    def _report(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is shutting down and took the bridge with it
            log.debug("background job finished after shutdown; result dropped")


_alive: set[_Bridge] = set()


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], object] | None = None,
                      on_error: Callable[[Exception], object] | None = None, *,
                      owner: QObject | None = None, pool: QThreadPool | None = None) -> None:
    """Run `fn()` on a pool thread; `on_done(result)` or `on_error(exc)` then runs on the GUI thread.

    With `owner`, the callbacks are skipped if the owner (e.g. a closed window) is gone by then.
    """
    bridge = _Bridge()
    _alive.add(bridge)  # keep the bridge (and its queued signals) alive until the job reports

    def finished(handler, value):
        _alive.discard(bridge)
        bridge.deleteLater()
        if owner is not None and not shiboken6.isValid(owner):
            return
        if handler is not None:
            handler(value)
        elif isinstance(value, Exception):
            log.error("background job failed: %s", value)

    bridge.done.connect(lambda r: finished(on_done, r))
    bridge.failed.connect(lambda e: finished(on_error, e))
    (pool or QThreadPool.globalInstance()).start(_Job(fn, bridge))


class Throttle(QObject):
    """Calls `fn` at most once per `interval_ms`: at once when it has been quiet that long, otherwise
    once at the end of the interval (a poke is never lost, many pokes are one call)."""

    def __init__(self, interval_ms: int, fn: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms, self.fn = interval_ms, fn
        self._last = QElapsedTimer()
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._fire)

    def poke(self) -> None:
        if self._later.isActive():
            return
        waited = self._last.elapsed() if self._last.isValid() else self.interval_ms
        if waited >= self.interval_ms:
            self._fire()
        else:
            self._later.start(self.interval_ms - waited)

    def _fire(self) -> None:
        self._last.start()
        self.fn()
