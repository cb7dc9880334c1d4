"""The GUI's one way to the database: readers on a pool, one writer thread, never the GUI thread.

    access.read(lambda conn: refunds.get_refund(conn, rid), show)        # a query, result to `show`
    access.write(lambda db: workbench.decide(db, rid, draft), saved)     # an action, in order, one at a time

`read(query, on_done)` runs `query(conn)` in a read transaction (its own connection, a WAL snapshot)
on a small pool of reader threads. `write(op, on_done)` queues `op(db)` for the one writer thread,
which runs ops in the order they were asked for, so the GUI never waits on SQLite's busy timeout
behind a sync write. `on_done(result)` then runs on the GUI thread. Errors come back the same way
(Picard's `run_task`): to `on_error` when the caller gives one, otherwise to `failed`, which the
window shows in its status bar. A workbench action's refusal is a result, not an error.

After every write, `changed` carries one `store.changes.Changes` (Anki's `operation_did_execute`):
the refunds a workbench action reports (`Done.refund_ids`) or those the caller names (`touches`).
The sync engine's notices come in through `announce`, so the queue, the detail pane, the sidebar and
the notifier listen to this one signal for local and platform changes alike.

No Qt object goes to a worker thread: a worker gets the query or op (the callbacks stay on the GUI
thread) and drops it before it reports, so the last reference to whatever a lambda captured is let
go on the GUI thread; an error's traceback is logged on the worker and cut off before it travels.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlalchemy import Connection

from merchant_console.store.changes import LOCAL, Changes
from merchant_console.store.engine import Database, problem_of

log = logging.getLogger(__name__)

T = TypeVar("T")
READERS = 2            # reader threads: the queue, the detail pane and the counts at once on two cores
WRITER_THREAD = "console-db-writer"
READER_THREAD = "console-db-reader"


class _Relay(QObject):
    """Lives on the GUI thread; workers emit on it (a queued connection brings the result home)."""

    finished = Signal(object)   # (ticket, ok, value)


class DatabaseAccess(QObject):
    changed = Signal(object)      # Changes: what a write touched (local or from sync)
    failed = Signal(str, str)     # "read" | "write", why (plain words): a failure no caller handled

    def __init__(self, db: Database, parent: QObject | None = None, *, readers: int = READERS) -> None:
        super().__init__(parent)
        self.db = db
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._tickets = itertools.count(1)
        # ticket -> (the job, on_done, on_error, owner, kind, touches): held on the GUI thread only
        self._pending: dict[int, tuple] = {}
        self._readers = ThreadPoolExecutor(readers, thread_name_prefix=READER_THREAD)
        self._writes: queue.SimpleQueue = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_loop, name=WRITER_THREAD, daemon=True)
        self._writer.start()
        self._closed = False

    # --- asking --------------------------------------------------------------------------------

    def read(self, query: Callable[[Connection], T], on_done: Callable[[T], object] | None = None,
             on_error: Callable[[Exception], object] | None = None, *, owner: QObject | None = None) -> None:
        """Run `query(conn)` in a read transaction on a reader thread; `on_done(result)` on the GUI thread.
        With `owner`, the callbacks are skipped if the owner (a closed dialog) is gone by then."""
        ticket = self._register(query, on_done, on_error, owner, "read", None)
        if self._closed:
            return
        self._readers.submit(self._run_read, ticket, query)

    def write(self, op: Callable[[Database], T], on_done: Callable[[T], object] | None = None,
              on_error: Callable[[Exception], object] | None = None, *, owner: QObject | None = None,
              touches: Iterable[str] | Changes | None = None) -> None:
        """Queue `op(db)` for the writer thread (after every write asked for before it); `on_done(result)`
        on the GUI thread. `changed` follows with the refunds the result reports (`refund_ids`, as a
        workbench `Done` has) or those in `touches`."""
        if self._closed:
            raise RuntimeError("the database is closed")
        ticket = self._register(op, on_done, on_error, owner, "write", touches)
        self._writes.put((ticket, op))

    def announce(self, changes: Changes) -> None:
        """A write made elsewhere (the sync engine's) committed: tell the listeners (GUI thread)."""
        if changes:
            self.changed.emit(changes)

    # --- on the workers ---------------------------------------------------------------------------

    def _run_read(self, ticket: int, query: Callable[[Connection], Any]) -> None:
        try:
            with self.db.read() as conn:
                value = query(conn)
            ok = True
        except Exception as e:  # noqa: BLE001 - handed to the GUI thread, which decides what to show
            value, ok = _travelling(e, "read"), False
        del query   # the GUI thread's copy is the last (see the module doc)
        self._report(ticket, ok, value)

    def _write_loop(self) -> None:
        while True:
            job = self._writes.get()
            if job is None:
                return
            ticket, op = job
            del job
            try:
                value = op(self.db)
                ok = True
            except Exception as e:  # noqa: BLE001 - handed to the GUI thread, which decides what to show
                value, ok = _travelling(e, "write"), False
            del op
            self._report(ticket, ok, value)
            del value

    def _report(self, ticket: int, ok: bool, value: Any) -> None:
        try:
            self._relay.finished.emit((ticket, ok, value))
        except RuntimeError:   # the application is shutting down and took the relay with it
            log.debug("a database job finished after shutdown; its result is dropped")

    # --- back on the GUI thread ---------------------------------------------------------------

    def _register(self, job, on_done, on_error, owner, kind: str, touches) -> int:
        ticket = next(self._tickets)
        self._pending[ticket] = (job, on_done, on_error, owner, kind, touches)
        return ticket

    def _finished(self, outcome: tuple) -> None:
        ticket, ok, value = outcome
        _job, on_done, on_error, owner, kind, touches = self._pending.pop(ticket)
        if kind == "write" and ok:
            self.announce(_changes_of(value, touches))
        if owner is not None and not shiboken6.isValid(owner):
            return
        if ok:
            if on_done is not None:
                on_done(value)
        elif on_error is not None:
            on_error(value)
        else:
            self.failed.emit(kind, describe(value))

    # --- closing ------------------------------------------------------------------------------------

    def close(self, timeout: float = 30.0) -> None:
        """Finish the writes asked for (a decision saved is saved), let the readers end; no new work."""
        if self._closed:
            return
        self._closed = True
        self._writes.put(None)
        self._writer.join(timeout)
        self._readers.shutdown(wait=True, cancel_futures=True)

    def busy(self) -> bool:
        """Work asked for whose result has not come back yet (tests wait for it to settle)."""
        return bool(self._pending)


def describe(error: BaseException) -> str:
    """A database failure in plain words where we know them (disk full, read-only, damaged), else its text."""
    problem = problem_of(error)
    if problem is not None:
        return str(problem)
    return str(error) or type(error).__name__


def _changes_of(result: Any, touches: Iterable[str] | Changes | None) -> Changes:
    """What a write touched: what its result reports (a workbench `Done`'s refunds and templates) and what
    the caller named (`touches`: refund ids, or a whole notice, e.g. evidence facts recorded)."""
    named = touches if isinstance(touches, Changes) else Changes.of(touches or (), LOCAL)
    reported = Changes.of(getattr(result, "refund_ids", None) or (), LOCAL)
    if getattr(result, "templates", False):
        reported = reported | Changes.of_templates(LOCAL)
    return Changes(named.ids, named.everything, LOCAL, named.evidence, named.templates) | reported


def _travelling(e: Exception, kind: str) -> Exception:
    """The error logged here, with its traceback; it travels without it (its frames hold what the job held)."""
    log.warning("database %s failed", kind, exc_info=e)
    e.__traceback__ = None
    for chained in (e.__cause__, e.__context__):
        if chained is not None:
            chained.__traceback__ = None
    return e
