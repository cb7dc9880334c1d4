"""The sync engine: the feed (pull), the pusher (outbox) and the evidence fetcher, run together.

Runs on any thread but the GUI's. Each job lives in its own module (`feed`, `pusher`,
`evidence_fetch`) and shares one `Link` (database, client, retries within a round's deadline, the
listener); this module runs them as one round (`sync_once`) or as the live sync (`run`: a
long-polling puller, a pusher woken by `nudge`, a fetcher woken by `want_evidence`). What happens is
told to the `SyncListener` given at construction; every write ends in its `changed` notice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.clock import ServerClock
from ..platform.backoff import Backoff
from ..platform.client import PlatformClient
from ..platform.outcomes import Fatal
from ..store import outbox, state
from ..store.changes import Changes
from ..store.engine import Database
from ..store.evidence_cache import EvidenceCache
from .evidence_fetch import EvidenceFetcher
from .feed import PAGE_LIMIT, Feed
from .link import Link
from .listener import QUIET, SyncListener
from .pusher import EARLY_POLL_FLOOR_S, RECONCILE_AFTER_MS, Pusher
from .report import SyncError, SyncReport, SyncTimeUp

log = logging.getLogger(__name__)

SETTLE_S = 8.0  # live sync: after a page of changes, let the next ones gather this long before asking
PREFETCH_SLICE_S = 3.0    # prefetch between two pulls for at most this long, then pull again at once (wait=0)
EARLY_POLL_CAP_S = 30.0   # a long poll answered at once with nothing: wait EARLY_POLL_FLOOR_S, doubling up to this

__all__ = ["PAGE_LIMIT", "RECONCILE_AFTER_MS", "SETTLE_S", "SyncEngine", "SyncError", "SyncListener", "SyncReport",
           "SyncTimeUp"]


class SyncEngine:
    def __init__(self, db: Database, client: PlatformClient, cache: EvidenceCache | None = None, *,
                 listener: SyncListener | None = None,
                 backoff: Backoff | None = None, max_attempts: int = 8, sleep: Callable[[float], None] | None = None,
                 stop: threading.Event | None = None, page_limit: int = PAGE_LIMIT,
                 on_evidence_cached: Callable[[dict[str, Any], Path], None] | None = None,
                 upkeep: Callable[[], Changes] | None = None) -> None:
        """`on_evidence_cached` processes each file cached (on a sync thread): thumbnails, hashes and
        risk signals are made by the composition root's choice (sync does not import evidence/).
        `upkeep` is run once by the live sync's evidence thread before its first wish (the cache's
        housekeeping at start-up); the Changes it returns are told to the listener."""
        self.link = Link(db, client, listener or QUIET, backoff=backoff or Backoff(), max_attempts=max_attempts,
                         stop=stop or threading.Event(), sleep=sleep)
        self.feed = Feed(self.link, page_limit=page_limit)
        self.pusher = Pusher(self.link)
        self.fetcher = EvidenceFetcher(self.link, cache, on_evidence_cached, upkeep)
        with db.read() as conn:
            st = state.load_state(conn)
        self.clock.offset_ms = st["clock_offset_ms"] or 0
        self.link.staff_id, self.link.staff_name = st["staff_id"], st["staff_name"]

    # --- what the jobs share ------------------------------------------------------------------

    @property
    def db(self) -> Database:
        return self.link.db

    @property
    def client(self) -> PlatformClient:
        return self.link.client

    @property
    def clock(self) -> ServerClock:
        return self.link.clock

    @property
    def stop(self) -> threading.Event:
        return self.link.stop

    @property
    def listener(self) -> SyncListener:
        return self.link.listener

    @property
    def cache(self) -> EvidenceCache | None:
        return self.fetcher.cache

    @cache.setter
    def cache(self, cache: EvidenceCache | None) -> None:
        self.fetcher.cache = cache

    @property
    def staff_id(self) -> str | None:
        return self.link.staff_id

    @property
    def staff_name(self) -> str | None:
        return self.link.staff_name

    @property
    def _sleep(self) -> Callable[[float], object]:
        return self.link.sleep

    @_sleep.setter
    def _sleep(self, sleep: Callable[[float], None]) -> None:  # tests: waits made short or recorded
        self.link.sleep = sleep

    # --- one-shot steps --------------------------------------------------------------------

    def sync_once(self, *, prefetch: bool = True, budget_s: float | None = None) -> SyncReport:
        """Who am I, push what is waiting, pull every change, push again, prefetch evidence.

        A round asked for (`sync --once`) sends what waits out a backoff from an earlier run too, once the
        platform has answered /me: the pacing belongs to a running sync, not to the next one.

        With `budget_s` the round ends within about that many seconds against any platform (every
        request and every wait is held to it) and raises `SyncTimeUp` if the pull could not finish;
        each page already pulled and each item already settled is kept.
        """
        report = SyncReport()
        self.link.deadline = None if budget_s is None else time.monotonic() + budget_s
        try:
            with self.client.within(self.link.deadline):
                self.refresh_me()
                self._send_waiting_now()
                report.merge(self.push())
                report.merge(self.pull())
                report.merge(self.push())
                if prefetch and self.cache is not None and not self.link.out_of_time():
                    report.merge(self.prefetch())
        finally:
            self.link.deadline = None
        report.announcement = self.client.announcement
        return report

    def refresh_me(self) -> dict[str, Any]:
        """Fetch /me and the reason codes; store policy, identity and the clock offset."""
        return self.feed.refresh_me()

    def pull(self, *, wait: int = 0) -> SyncReport:
        """Fetch pages until the feed is drained; each page and its cursor commit together."""
        return self.feed.pull(wait=wait)

    def push(self) -> SyncReport:
        """Send every outbox item that is due; keep the rest for later."""
        return self.pusher.push()

    def prefetch(self, *, limit: int | None = None, budget_s: float | None = None) -> SyncReport:
        """Download the evidence the merchant is likely to open soon (see `EvidenceFetcher.prefetch`)."""
        return self.fetcher.prefetch(limit=limit, budget_s=budget_s)

    def want_evidence(self, refund_id: str) -> None:
        """The console shows this refund: fetch its evidence that is not cached, now (any thread)."""
        self.fetcher.want_evidence(refund_id)

    def wanted(self) -> list[str]:
        """Refunds whose evidence was asked for and is not fetched yet, latest first."""
        return self.fetcher.wanted()

    def fetch_wanted(self) -> SyncReport:
        """Fetch the evidence of wished-for refunds on this thread (see `EvidenceFetcher.fetch_wanted`)."""
        return self.fetcher.fetch_wanted()

    def nudge(self) -> None:
        """A decision was recorded: push now rather than at the next long-poll turn."""
        self.pusher.nudge()

    def _platform_is_back(self) -> None:
        """A pull succeeded after trouble: what waits in the outbox goes now, not when its backoff (which
        grew while the platform was down, up to minutes) runs out."""
        if self._send_waiting_now():
            self.nudge()

    def _send_waiting_now(self) -> int:
        """Outbox items waiting out a backoff are due now (their idempotency keys keep a resend exactly once)."""
        with self.db.write() as conn:
            waiting = outbox.retry_now(conn, self.clock.now_ms())
        if waiting:
            log.info("the platform answers: %d outbox item(s) that waited out a backoff are sent now", waiting)
        return waiting

    # --- running in the background ---------------------------------------------------------

    def run(self, *, wait_s: int = 25, settle_s: float = SETTLE_S) -> None:
        """Keep in sync until `stop` is set: a long-polling puller, a pusher woken by `nudge()` and an
        evidence fetcher woken by `want_evidence()`, each on its own thread. A failed round is told to
        the listener (`failed`), and retried with backoff; a fatal one ends the run.

        A large merchant's platform changes something every second or so (deadlines, auto-approvals);
        after a long-poll returns changes the puller waits `settle_s` so the next ones arrive as one
        page: a refresh of the console every few seconds instead of one per change.
        """
        try:
            self.db.backup_if_due()  # daily, on this thread rather than the GUI's; the last 7 are kept
        except Exception as e:  # noqa: BLE001 - a failed backup never stops the live sync
            log.warning("could not make today's database backup: %s", e)
        pusher = threading.Thread(target=self.pusher.run, name="outbox-pusher", daemon=True)
        fetcher = threading.Thread(target=self.fetcher.run, name="evidence-fetcher", daemon=True)
        first = True
        pusher.start()
        fetcher.start()
        failures = early = 0
        evidence_left = False
        failed = self.link.listener.failed
        try:
            while not self.stop.is_set():
                try:
                    if first:
                        self.refresh_me()
                        if self._send_waiting_now():   # left backed off by an earlier run: not its pace
                            self.nudge()
                    asked = time.monotonic()
                    report = self.pull(wait=0 if first or evidence_left else wait_s)
                    if not first and not evidence_left and not report.refunds \
                            and time.monotonic() - asked < wait_s / 2:
                        # the platform answered a long poll at once with nothing (it ignores `wait`):
                        # back off instead of asking again in a tight loop
                        early += 1
                        self.link.sleep(min(EARLY_POLL_CAP_S, EARLY_POLL_FLOOR_S * 2 ** min(early - 1, 10)))
                    else:
                        early = 0
                    more, evidence_left = evidence_left, False
                    if more or first or self.fetcher.may_have_work(report.changes):
                        # in slices between pulls: the feed is never held up behind a long prefetch
                        evidence_left = self.prefetch(budget_s=PREFETCH_SLICE_S).evidence_left
                    if self.wanted():
                        self.fetcher.wished.set()  # the platform answers again: wishes that met trouble go now
                    if failures:
                        self._platform_is_back()
                    if not first and report.refunds and settle_s > 0:
                        self.link.sleep(settle_s)
                    first, failures = False, 0
                except SyncError as e:
                    if self.stop.is_set():
                        break  # the failure is our own shutdown interrupting a request
                    failed(e)
                    if isinstance(e.outcome, Fatal):
                        break
                    failures += 1
                    self.link.sleep(self.link.backoff.delay(failures))
                except Exception as e:  # noqa: BLE001 - the live sync outlives a bad moment (logged, backed off)
                    log.exception("sync round failed unexpectedly")
                    failed(SyncError(f"sync failed unexpectedly ({type(e).__name__})"))
                    failures += 1
                    self.link.sleep(max(EARLY_POLL_FLOOR_S, self.link.backoff.delay(failures)))
        finally:
            self.stop.set()
            self.pusher.nudged.set()
            self.fetcher.wished.set()
            pusher.join(timeout=30)
            fetcher.join(timeout=30)
