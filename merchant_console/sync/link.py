"""What the engine's jobs (feed, pusher, evidence fetcher) share: the database, the platform client,
retries held to a round's deadline, who we are on the platform, and the listener."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from ..core.clock import ServerClock
from ..platform.backoff import Backoff
from ..platform.client import PlatformClient
from ..platform.outcomes import Outcome, Retryable
from ..store.changes import Changes
from ..store.engine import Database
from .listener import SyncListener
from .report import SyncTimeUp

log = logging.getLogger(__name__)


class Link:
    def __init__(self, db: Database, client: PlatformClient, listener: SyncListener, *, backoff: Backoff,
                 max_attempts: int, stop: threading.Event, sleep: Callable[[float], None] | None) -> None:
        self.db = db
        self.client = client
        self.listener = listener
        self.backoff = backoff
        self.max_attempts = max_attempts
        self.stop = stop
        self.sleep: Callable[[float], object] = sleep or self.stop.wait
        self.deadline: float | None = None  # time.monotonic() by which a bounded round ends
        self.staff_id: str | None = None
        self.staff_name: str | None = None

    @property
    def clock(self) -> ServerClock:
        return self.client.clock

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def time_up(self) -> SyncTimeUp:
        return SyncTimeUp("the platform did not answer in time; what was synced is kept — run sync again",
                          Retryable("out of time"))

    def changed(self, ids: Iterable[str] | Changes) -> None:
        """Tell the listener what a committed write touched (nothing when it touched nothing)."""
        changes = ids if isinstance(ids, Changes) else Changes.of(ids)
        if changes:
            self.listener.changed(changes)

    def retrying(self, call: Callable[[], Outcome]) -> Outcome:
        """Repeat a read-only call while it is retryable, with backoff, up to max_attempts."""
        out = call()
        attempt = 0
        while isinstance(out, Retryable) and attempt + 1 < self.max_attempts and not self.stop.is_set():
            self.listener.trouble(out)
            delay = self.backoff.delay(attempt, out.retry_after_s)
            if self.deadline is not None and time.monotonic() + delay >= self.deadline:
                break  # a bounded round does not sleep past its end
            log.info("retrying in %.2fs: %s", delay, out.reason)
            self.sleep(delay)
            attempt += 1
            out = call()
        return out
