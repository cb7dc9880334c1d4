"""The evidence fetcher: prefetch of what the merchant will open soon, and evidence asked for now.

Downloads are verified by digest and kept in the evidence cache within its cap (see `prefetch` for
what may be evicted); each file cached is processed by the composition root's `process` (thumbnails,
hashes, risk signals: sync does not import evidence/), then reported to the listener.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from sqlalchemy import update

from ..platform.outcomes import Invalid, Ok, Outcome
from ..store import refunds
from ..store.changes import Changes
from ..store.evidence_cache import CacheFull, EvidenceCache, EvidenceRejected
from ..store.models import Evidence
from .link import Link
from .report import SyncReport

log = logging.getLogger(__name__)

PREFETCH_SPARES_RECENT_MS = 10 * 60_000  # prefetch leaves a decided refund's file opened this recently
PREFETCH_BATCH = 500  # evidence rows prefetch reads at a time, most urgent first
PREFETCH_RECHECK_S = 60.0  # after a pass that found nothing, read the whole list again at least this often
MAX_WISHES = 20  # refunds whose evidence was asked for and not yet fetched; past this the oldest wish goes


class EvidenceFetcher:
    def __init__(self, link: Link, cache: EvidenceCache | None,
                 process: Callable[[dict[str, Any], Path], None] | None = None,
                 upkeep: Callable[[], Changes] | None = None) -> None:
        self.link = link
        self.cache = cache
        # called on this (sync) thread after bytes are verified and cached, under the cache lock
        self.process = process
        # the cache's housekeeping, once at the start of `run` (see SyncEngine)
        self.upkeep = upkeep
        # evidence asked for by the console (`want_evidence`): refund ids, oldest first, and the
        # fetcher thread's wake-up; one fetch at a time makes room, stores and processes
        self._wishes: dict[str, None] = {}
        self._wish_lock = threading.Lock()
        self.wished = threading.Event()
        self._cache_lock = threading.Lock()
        # (cache.dropped, monotonic time) when a prefetch pass last found nothing to fetch; see may_have_work
        self._quiet: tuple[int, float] | None = None

    def may_have_work(self, changes: Changes) -> bool:
        """Whether a prefetch after these changes might fetch anything. At a big merchant the platform
        changes a refund every second or so and `evidence_to_fetch` reads every in-scope refund (~10 ms
        at 100 000): after a pass that found nothing, only the changed refunds are asked, unless files
        left the cache since or PREFETCH_RECHECK_S passed (a cache shared with another writer)."""
        cache, quiet = self.cache, self._quiet
        if cache is None:
            return False
        if quiet is None or quiet[0] != cache.dropped or time.monotonic() - quiet[1] > PREFETCH_RECHECK_S \
                or changes.everything:
            return True
        if not changes.ids:
            return False
        with self.link.db.read() as conn:
            return refunds.any_evidence_to_fetch(conn, changes.ids)

    def prefetch(self, *, limit: int | None = None, budget_s: float | None = None) -> SyncReport:
        """Download the evidence the merchant is likely to open soon, most urgent first, within the cache's cap.

        Scope: evidence of refunds in `refunds.PREFETCH_STATUSES` (awaiting a decision, appealed, under
        platform review), in queue order (`refunds.evidence_to_fetch`), each digest once. Evidence of
        decided and closed refunds is fetched when the console shows it (`want_evidence`).

        Room: the cache keeps the most urgent in-scope evidence that fits its cap. When the next file
        does not fit, prefetch evicts files no in-scope refund uses (least recently used first, but
        none fetched or opened in the last PREFETCH_SPARES_RECENT_MS: the merchant may be looking at
        it), then in-scope files of refunds less urgent than this one (least urgent first) — never an
        in-scope file as or more urgent. When that cannot free enough, the round stops. A file
        prefetch evicts is thus either out of scope (it comes back only on demand) or less urgent than
        the one that took its place (it is not fetched back while that one stays in scope): nothing
        is downloaded over and over.
        """
        report = SyncReport()
        cache = self.cache
        if cache is None:
            return report
        # each file is processed as it lands (facts, renditions, similar-image signature and compares: up to
        # seconds on a busy machine); a round with a budget stops in time and says more is left, so the
        # thread that also pulls the feed goes on pulling (new refunds, the platform back after trouble)
        stop_at = time.monotonic() + budget_s if budget_s is not None else None
        while True:
            # the most urgent PREFETCH_BATCH rows only: at a large merchant with a full cache the whole
            # list is tens of thousands of rows (~90 ms) read after every pull for one "no room" answer
            with self.link.db.read() as conn:
                wanted = refunds.evidence_to_fetch(conn, limit=PREFETCH_BATCH)
            self._quiet = None
            progress = (report.evidence_fetched, report.evidence_failed)
            seen: set[str] = set()
            plan: _EvictionPlan | None = None  # what may go, read when room is first needed
            floor: tuple[Any, ...] | None = None  # the most urgent in-scope file evicted in this pass
            for ev in wanted:
                if self.link.stop.is_set() or self.link.out_of_time() \
                        or (limit is not None and report.evidence_fetched >= limit):
                    return report
                if stop_at is not None and time.monotonic() >= stop_at:
                    report.evidence_left = True
                    return report
                if floor is not None and ev["urgency"] > floor:
                    break  # a file evicted for a more urgent one comes before this: read the list again
                if ev["sha256"] in seen:
                    continue
                seen.add(ev["sha256"])
                if self._too_big(cache, ev, report) or cache.holds(ev["sha256"]):  # fetched on demand meanwhile
                    continue
                victims: list[str] = []
                going: list[str] | None = []
                if not cache.fits(ev["bytes"]):
                    if plan is None:
                        with self.link.db.read() as conn:
                            plan = _EvictionPlan(refunds.cached_evidence(conn),
                                                 spare_since=self.link.clock.now_ms() - PREFETCH_SPARES_RECENT_MS)
                    victims = plan.victims(ev["urgency"])
                    going = cache.room_for(ev["bytes"], victims)  # asked first: a failed download evicts nothing
                    if going is None:
                        log.info("the evidence cache is full of more urgent or recently opened files; "
                                 "prefetch stops here")
                        return report
                result = self._fetch_one(cache, ev, report, victims=victims, retry=True)
                if result in ("retry", "full"):
                    return report  # network or platform trouble, or no room after all: the next round
                if result == "ok" and going and plan is not None:
                    floor = min([u for sha in going if (u := plan.urgency_of(sha)) is not None]
                                + ([floor] if floor is not None else []), default=None)
            else:
                # the whole batch was handled: the rows fetched or failed have left the list, so a full
                # batch is read again for the next ones (unless this pass changed nothing)
                if len(wanted) < PREFETCH_BATCH:
                    self._quiet = (cache.dropped, time.monotonic())   # the list is done: nothing left to fetch
                    return report
                if progress == (report.evidence_fetched, report.evidence_failed):
                    return report

    def want_evidence(self, refund_id: str) -> None:
        """The console shows this refund: fetch its evidence that is not cached, now (any thread).

        The wish is kept until each file is cached or failed for good, so it outlives an outage. The
        latest wish goes first; past MAX_WISHES the oldest are dropped (the merchant has moved on).
        the live sync's fetcher thread (`run`) acts on it within moments; `fetch_wanted()` does it on this thread.
        """
        with self._wish_lock:
            self._wishes.pop(refund_id, None)
            self._wishes[refund_id] = None
            while len(self._wishes) > MAX_WISHES:
                del self._wishes[next(iter(self._wishes))]
        self.wished.set()

    def wanted(self) -> list[str]:
        """Refunds whose evidence was asked for and is not fetched yet, latest first."""
        with self._wish_lock:
            return list(reversed(self._wishes))

    def fetch_wanted(self) -> SyncReport:
        """Fetch the evidence of wished-for refunds, latest wish first; stop at network or platform trouble.

        A file already cached counts as opened (it is marked used, and `process` runs again
        so renditions lost meanwhile are made anew). Room for a download may come from any file but
        the refund's own: first files no in-scope refund uses (least recently used first), then
        in-scope files, least urgent first — the merchant is looking at this one now.
        """
        report = SyncReport()
        while not self.link.stop.is_set():
            with self._wish_lock:
                if not self._wishes:
                    break
                rid = next(reversed(self._wishes))
            if self.cache is not None and (self._fetch_refund(self.cache, rid, report) == "retry"
                                           or self._fetch_message_images(self.cache, rid, report) == "retry"):
                break
            with self._wish_lock:
                self._wishes.pop(rid, None)
        return report

    def _fetch_message_images(self, cache: EvidenceCache, refund_id: str, report: SyncReport) -> str:
        """v1.1: the images of the refund's messages that are not its evidence (sync.conversation)."""
        from .conversation import fetch_message_images
        return fetch_message_images(self, cache, refund_id, report)

    def _fetch_refund(self, cache: EvidenceCache, refund_id: str, report: SyncReport) -> str:
        with self.link.db.read() as conn:
            rows = [e for e in refunds.evidence_of(conn, refund_id) if not e["fetch_error"]]
        own = {e["sha256"] for e in rows}
        victims: list[str] | None = None
        seen: set[str] = set()
        for ev in rows:
            if self.link.stop.is_set():
                return "retry"
            if ev["sha256"] in seen:
                continue
            seen.add(ev["sha256"])
            try:
                path = cache.path(ev["sha256"], self.link.clock.now_ms())
            except EvidenceRejected as e:  # not even a digest: it can never be fetched
                self._evidence_failed(ev, str(e))
                report.evidence_failed += 1
                continue
            if path is not None:
                with self._cache_lock:
                    self._cached(ev, path)
                continue
            if self._too_big(cache, ev, report):
                continue
            if victims is None:
                with self.link.db.read() as conn:
                    plan = _EvictionPlan(refunds.cached_evidence(conn), keep=own)
                victims = plan.victims(None)
            result = self._fetch_one(cache, ev, report, victims=victims, retry=False)
            if result == "retry":
                return "retry"
            if result == "full":
                log.warning("evidence %s of %s does not fit the evidence cache", ev["id"], refund_id)
        return "done"

    def _too_big(self, cache: EvidenceCache, ev: dict[str, Any], report: SyncReport) -> bool:
        """Record a file too large to keep as failed for good (declared size; the download checks again)."""
        if ev["bytes"] > cache.max_file_bytes:
            reason = f"file is {ev['bytes']} bytes, over the cache's per-file limit"
        elif ev["bytes"] > cache.max_total_bytes:
            reason = f"file is {ev['bytes']} bytes, larger than the whole evidence cache"
        else:
            return False
        self._evidence_failed(ev, reason)
        report.evidence_failed += 1
        return True

    def _fetch_one(self, cache: EvidenceCache, ev: dict[str, Any], report: SyncReport, *, victims: list[str],
                   retry: bool) -> str:
        """Download one file, keep it (room from `victims` only) and process it.

        Returns "ok", "failed" (for good: recorded in `fetch_error`), "full" (the victims could not
        make room) or "retry" (network or platform trouble).
        """
        def download() -> Outcome:
            return self.link.client.evidence(ev["id"], max_bytes=cache.max_file_bytes)

        out = self.link.retrying(download) if retry else download()
        if isinstance(out, Invalid):
            self._evidence_failed(ev, out.message or out.code)
            report.evidence_failed += 1
            return "failed"
        if not isinstance(out, Ok):
            return "retry"
        with self._cache_lock:
            try:
                path = cache.put(ev["sha256"], out.value, self.link.clock.now_ms(), victims=victims)
            except CacheFull:
                return "full"
            except EvidenceRejected as e:
                self._evidence_failed(ev, str(e))
                report.evidence_failed += 1
                return "failed"
            report.evidence_fetched += 1
            self._cached(ev, path)
        return "ok"

    def _evidence_failed(self, ev: dict[str, Any], reason: str) -> None:
        with self.link.db.write() as conn:
            conn.execute(update(Evidence)
                         .where(Evidence.refund_id == ev["refund_id"], Evidence.id == ev["id"])
                         .values(fetch_error=reason[:500]))
        self.link.changed(Changes.of_evidence([(ev["refund_id"], ev["sha256"])]))

    def _cached(self, ev: dict[str, Any], path: Path) -> None:
        if self.process is not None:
            self.process(ev, path)
        self.link.changed(Changes.of_evidence([(ev["refund_id"], ev["sha256"])]))

    def run(self) -> None:
        """Fetch wished-for evidence as soon as it is wished; after trouble, again with backoff. First, the
        cache's upkeep (not under the cache lock: prefetch, on the feed's thread, is never held up by it)."""
        if self.upkeep is not None and self.cache is not None:
            try:
                self.link.changed(self.upkeep())
            except Exception:  # noqa: BLE001 - housekeeping that fails leaves the files as they were
                log.exception("the evidence cache's start-up upkeep failed")
        failures = 0
        while not self.link.stop.is_set():
            self.wished.wait(self.link.backoff.delay(failures) if failures else None)
            self.wished.clear()
            if self.link.stop.is_set():
                break
            try:
                self.fetch_wanted()
            except Exception:  # noqa: BLE001 - the fetcher must outlive one bad moment (it retries)
                log.exception("fetching wanted evidence failed")
            failures = failures + 1 if self.wanted() else 0


class _EvictionPlan:
    """Which cached files may go to make room, read once per round (see `EvidenceFetcher.prefetch`).

    Files no in-scope refund uses go first, least recently used first, except those used at or after
    `spare_since`; then in-scope files, least urgent first. Files in `keep` never go.
    """

    def __init__(self, cached: list[dict[str, Any]], *, keep: AbstractSet[str] = frozenset(),
                 spare_since: int | None = None) -> None:
        usable = [c for c in cached if c["sha256"] not in keep]
        self.unused = [c["sha256"] for c in sorted(
            (c for c in usable if c["urgency"] is None and (spare_since is None or c["last_access_at"] < spare_since)),
            key=lambda c: (c["last_access_at"], c["sha256"]))]
        self.in_scope = sorted((c for c in usable if c["urgency"] is not None),
                               key=lambda c: c["urgency"], reverse=True)
        self._urgency = {c["sha256"]: c["urgency"] for c in cached}

    def urgency_of(self, sha256: str) -> tuple[Any, ...] | None:
        """The urgency of a cached file when the plan was read (None: no in-scope refund uses it)."""
        return self._urgency.get(sha256)

    def victims(self, urgency: tuple[Any, ...] | None) -> list[str]:
        """The files that may go for a file of this urgency (None: any in-scope file), in order."""
        return self.unused + [c["sha256"] for c in self.in_scope if urgency is None or c["urgency"] > urgency]
