"""The sync engine: pull the changes feed, push the decision outbox, prefetch evidence.

Runs on any thread but the GUI's. Every page of refunds and its cursor are committed in one
transaction, so a crash anywhere leaves a database that resumes where it stopped; outbox items keep
their idempotency key for life, so a resend can never apply a decision twice.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import OperationalError, StatementError

from ..core.clock import ServerClock, local_now_ms
from ..core.display_text import visible
from ..core.policy import Policy
from ..core.refund import MalformedRefund, parse_refund
from ..platform.backoff import Backoff
from ..platform.client import PlatformClient
from ..platform.outcomes import Conflict, Fatal, Invalid, Ok, Outcome, Retryable
from ..store import outbox, refunds, state
from ..store.engine import Database
from ..store.evidence_cache import CacheFull, EvidenceCache, EvidenceRejected

log = logging.getLogger(__name__)

RECONCILE_AFTER_MS = 23 * 3_600_000  # the platform keeps idempotency keys 24 h; stay clear of the edge
PAGE_LIMIT = 500
MAX_LISTED_CHANGES = 1_000  # a round that changes more refunds reports "many" (changed_ids None)
SETTLE_S = 8.0  # live sync: after a page of changes, let the next ones gather this long before asking
PREFETCH_SPARES_RECENT_MS = 10 * 60_000  # prefetch leaves a decided refund's file opened this recently
PREFETCH_BATCH = 500  # evidence rows prefetch reads at a time, most urgent first
MAX_WISHES = 20  # refunds whose evidence was asked for and not yet fetched; past this the oldest wish goes
LEASE_MS = 5 * 60_000  # an outbox item claimed by a pusher is left alone by others this long (see outbox.claim_due)
ITEM_FAILURE_LIMIT = 5  # an item that fails unexpectedly this often is settled as rejected (logged each time)
EARLY_POLL_FLOOR_S = 1.0  # a long poll answered at once with nothing: wait at least this, doubling...
EARLY_POLL_CAP_S = 30.0   # ...up to this, so a platform ignoring `wait` is not asked in a tight loop


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
    announcement: str | None = None
    # ids of the refunds this round wrote or settled; None when too many to list (or a full resync):
    # the console then refreshes everything, otherwise only what these refunds touch
    changed_ids: set[str] | None = field(default_factory=set)

    def note_changed(self, ids) -> None:
        if self.changed_ids is not None:
            self.changed_ids.update(ids)
            if len(self.changed_ids) > MAX_LISTED_CHANGES:
                self.changed_ids = None

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
        if other.changed_ids is None:
            self.changed_ids = None
        else:
            self.note_changed(other.changed_ids)


class SyncEngine:
    def __init__(self, db: Database, client: PlatformClient, cache: EvidenceCache | None = None, *,
                 backoff: Backoff | None = None, max_attempts: int = 8, sleep: Callable[[float], None] | None = None,
                 stop: threading.Event | None = None, page_limit: int = PAGE_LIMIT,
                 on_progress: Callable[[SyncReport], None] | None = None,
                 on_evidence_cached: Callable[[dict, Path], None] | None = None) -> None:
        self.db = db
        self.client = client
        self.cache = cache
        self.backoff = backoff or Backoff()
        self.max_attempts = max_attempts
        self.stop = stop or threading.Event()
        self._sleep = sleep or (lambda s: self.stop.wait(s))
        self.page_limit = page_limit
        self.on_progress = on_progress
        # called on this (sync) thread after bytes are verified and cached: thumbnails, hashes, risk
        # signals are made here by the composition root's choice (sync does not import evidence/)
        self.on_evidence_cached = on_evidence_cached
        self.on_pushed: Callable[[SyncReport], None] | None = None  # after an outbox round settled something
        self.on_trouble: Callable[[Retryable], None] | None = None  # each retryable failure, as it happens
        self.on_evidence_failed: Callable[[dict], None] | None = None  # an evidence file failed for good
        self.nudged = threading.Event()
        # evidence asked for by the console (`want_evidence`): refund ids, oldest first, and the
        # fetcher thread's wake-up; one fetch at a time makes room, stores and processes
        self._wishes: dict[str, None] = {}
        self._wish_lock = threading.Lock()
        self._wished = threading.Event()
        self._cache_lock = threading.Lock()
        self.staff_id: str | None = None
        self.staff_name: str | None = None
        self._owner = outbox.new_owner()  # this engine's name on the outbox items it leases
        self._deadline: float | None = None  # time.monotonic() by which a bounded round ends
        with db.read() as conn:
            st = state.load_state(conn)
        self.clock.offset_ms = st["clock_offset_ms"] or 0
        self.staff_id, self.staff_name = st["staff_id"], st["staff_name"]

    @property
    def clock(self) -> ServerClock:
        return self.client.clock

    # --- one-shot steps --------------------------------------------------------------------

    def sync_once(self, *, prefetch: bool = True, budget_s: float | None = None) -> SyncReport:
        """Who am I, push what is waiting, pull every change, push again, prefetch evidence.

        With `budget_s` the round ends within about that many seconds against any platform (every
        request and every wait is held to it) and raises `SyncTimeUp` if the pull could not finish;
        each page already pulled and each item already settled is kept.
        """
        report = SyncReport()
        self._deadline = None if budget_s is None else time.monotonic() + budget_s
        try:
            with self.client.within(self._deadline):
                self.refresh_me()
                report.merge(self.push())
                report.merge(self.pull())
                report.merge(self.push())
                if prefetch and self.cache is not None and not self._out_of_time():
                    report.merge(self.prefetch())
        finally:
            self._deadline = None
        report.announcement = self.client.announcement
        return report

    def _out_of_time(self) -> bool:
        return self._deadline is not None and time.monotonic() >= self._deadline

    def _time_up(self) -> SyncTimeUp:
        return SyncTimeUp("the platform did not answer in time; what was synced is kept — run sync again",
                          Retryable("out of time"))

    def refresh_me(self) -> dict:
        """Fetch /me and the reason codes; store policy, identity and the clock offset."""
        out = self._retrying(self.client.me)
        if not isinstance(out, Ok):
            raise self._time_up() if self._out_of_time() else SyncError(_describe(out), out)
        me = out.value
        try:
            policy = Policy.from_json(me.get("policy"))
            merchant, staff = me["merchant"], me["staff"]
            fields = dict(merchant_id=str(merchant["id"]), merchant_name=str(merchant.get("name", "")),
                          staff_id=str(staff["id"]), staff_name=str(staff.get("name", "")),
                          role=str(staff["role"]))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise SyncError(f"the platform's /me answer is malformed: {e}") from None
        codes = self._retrying(self.client.reason_codes)
        with self.db.write() as conn:
            state.save_state(conn, platform_url=self.client.url, policy=policy.to_json(),
                             clock_offset_ms=self.clock.offset_ms,
                             reason_codes=codes.value if isinstance(codes, Ok) and isinstance(codes.value, list)
                             else None, **fields)
        self.staff_id, self.staff_name = fields["staff_id"], fields["staff_name"]
        return me

    def pull(self, *, wait: int = 0) -> SyncReport:
        """Fetch pages until the feed is drained; each page and its cursor commit together."""
        report = SyncReport()
        with self.db.read() as conn:
            cursor = state.load_state(conn)["cursor"] or ""
        started_empty = cursor == ""
        limit = self.page_limit
        while not self.stop.is_set():
            if self._out_of_time():
                raise self._time_up()
            out = self._retrying(lambda c=cursor, w=wait, n=limit: self.client.changes(c, limit=n, wait=w))
            if isinstance(out, Invalid) and out.code == "too_large" and limit > 1:
                # a page over the size cap: ask for fewer refunds at a time rather than never syncing again
                limit = max(1, limit // 10)
                log.warning("a changes page was too large; asking for %d refunds per page", limit)
                continue
            if isinstance(out, Conflict) and out.status == 410:
                log.warning("changes cursor expired; resyncing from the beginning (local decisions kept)")
                with self.db.write() as conn:
                    state.bump_full_resync(conn)
                cursor, started_empty, report.full_resync, wait = "", True, True, 0
                report.changed_ids = None
                continue
            if not isinstance(out, Ok):
                raise self._time_up() if self._out_of_time() else SyncError(_describe(out), out)
            items, next_cursor, has_more = _page_parts(out.value)
            rows, bad = [], []
            for doc in items:
                try:
                    rows.append(parse_refund(doc))
                except MalformedRefund as e:
                    bad.append((e.refund_id, doc, str(e)))
                except Exception as e:  # noqa: BLE001 - one record nobody foresaw must not stop the feed
                    log.exception("unexpected failure parsing a refund")
                    bad.append((_id_of(doc), doc, f"could not be read ({type(e).__name__})"))
            now = self.clock.now_ms()
            with self.db.write() as conn:
                rows = _store_rows(conn, rows, bad)
                for rid, doc, err in bad:
                    log.warning("quarantined refund %s: %s", visible(rid or "?"), err)  # ids may hold bidi tricks
                    state.quarantine(conn, rid, doc, err, now)
                fields = dict(cursor=next_cursor, last_sync_at=now, clock_offset_ms=self.clock.offset_ms)
                if started_empty and not has_more:
                    fields["last_full_sync_at"] = now
                state.save_state(conn, **fields)
            cursor, wait = next_cursor, 0
            report.pages += 1
            report.refunds += len(rows)
            report.quarantined += len(bad)
            report.note_changed(r["id"] for r in rows)
            report.note_changed(rid for rid, _doc, _err in bad if rid)
            if self.on_progress:
                self.on_progress(report)
            if not has_more:
                break
        return report

    def push(self) -> SyncReport:
        """Send every outbox item that is due; keep the rest for later.

        Items are leased first (outbox.claim_due), so another pusher never sends the same item at
        the same time; an item that fails in a way nobody foresaw is logged and settled on its own.
        """
        report = SyncReport()
        while not self.stop.is_set() and not self._out_of_time():
            with self.db.write() as conn:
                items = outbox.claim_due(conn, self.clock.now_ms(), owner=self._owner, local_ms=local_now_ms(),
                                         lease_ms=LEASE_MS)
            if not items:
                break
            progressed = False
            try:
                for item in items:
                    if self.stop.is_set() or self._out_of_time():
                        break
                    try:
                        result = self._push_one(item)
                    except SyncError:
                        raise
                    except Exception as e:  # noqa: BLE001 - one item must never stop the others
                        result = self._item_failed(item, e)
                    report.pushed[result] = report.pushed.get(result, 0) + 1
                    if result != "retry":
                        report.note_changed([item["refund_id"]])
                    progressed |= result != "retry"
            finally:
                with self.db.write() as conn:
                    for item in items:
                        outbox.release(conn, item["id"], self._owner)
            if not progressed:
                break
        return report

    def _item_failed(self, item: dict, e: Exception) -> str:
        """An unexpected failure sending one item: logged; retried later, rejected after a few."""
        log.error("sending outbox item %s failed unexpectedly", item["id"], exc_info=e)
        now = self.clock.now_ms()
        with self.db.write() as conn:
            outbox.note_attempt(conn, item["id"], now)
            attempts = (item.get("attempts") or 0) + 1
            if attempts >= ITEM_FAILURE_LIMIT:
                outbox.finish(conn, item, "rejected", now,
                              message=f"the console could not send this ({type(e).__name__}); decide again")
                return "rejected"
            delay = self.backoff.delay(attempts)
            outbox.retry_later(conn, item["id"], now + int(delay * 1000), f"internal error: {type(e).__name__}")
        return "retry"

    def _push_one(self, item: dict) -> str:
        now = self.clock.now_ms()
        if now - item["created_at"] > RECONCILE_AFTER_MS:
            verdict = self._reconcile(item)
            if verdict != "send":
                return verdict
        if item["body"].get("_attachments"):
            verdict = self._upload_attachments(item)
            if verdict is not None:
                return verdict
        with self.db.write() as conn:
            outbox.note_attempt(conn, item["id"], now)
        send = self.client.decide if item["kind"] == "decision" else self.client.statement
        out = send(item["refund_id"], item["body"], idempotency_key=item["idempotency_key"], if_match=item["if_match"])
        return self._settle(item, out)

    def _settle(self, item: dict, out: Outcome) -> str:
        now = self.clock.now_ms()
        if isinstance(out, Ok):
            with self.db.write() as conn:
                self._store_refund(conn, out.value, now)
                outbox.finish(conn, item, "done", now)
            return "done"
        if isinstance(out, Conflict):
            current = out.refund
            platform = _what_platform_did(current)
            with self.db.write() as conn:
                if current is not None:
                    self._store_refund(conn, current, now)
                outbox.finish(conn, item, "superseded", now, message=_conflict_message(out, current),
                              platform_decision=platform)
            return "superseded"
        if isinstance(out, Invalid) or (isinstance(out, Fatal) and out.status == 403):
            fields = out.fields if isinstance(out, Invalid) else None
            with self.db.write() as conn:
                outbox.finish(conn, item, "rejected", now, message=out.message or out.code, field_errors=fields)
            return "rejected"
        if isinstance(out, Fatal):
            raise SyncError(_describe(out), out)
        # retryable: same key, later
        if self.on_trouble is not None:
            self.on_trouble(out)
        attempt = (item.get("attempts") or 0) + 1
        delay = self.backoff.delay(attempt, out.retry_after_s)
        with self.db.write() as conn:
            outbox.retry_later(conn, item["id"], now + int(delay * 1000), out.reason)
        return "retry"

    def _upload_attachments(self, item: dict) -> str | None:
        """Upload the merchant's images of an item; None when its body is final and may be sent.

        Each uploaded id is saved as it arrives, so a retry never uploads the same image twice;
        the body is fixed before the decision's first send, so its idempotency key covers one body.
        """
        body = dict(item["body"])
        pending = [dict(a) for a in body["_attachments"]]
        for att in pending:
            if att.get("id"):
                continue
            try:
                data = Path(att["path"]).read_bytes()
            except OSError:
                data = None
            if data is None or hashlib.sha256(data).hexdigest() != att["sha256"]:
                return self._settle(item, Invalid("attachment_missing", "an attached image is missing or changed on "
                                                  "this computer; decide again and attach it anew", 0))
            out = self.client.upload_evidence(data, att["content_type"])
            if isinstance(out, Ok) and isinstance(out.value, dict) and isinstance(out.value.get("id"), str):
                att["id"] = out.value["id"]
                with self.db.write() as conn:
                    outbox.set_body(conn, item["id"], dict(body, _attachments=pending))
                continue
            if isinstance(out, Ok):
                out = Invalid("bad_response", "the platform's answer to an image upload is malformed", 200)
            return self._settle(item, out)
        body.pop("_attachments")
        body["evidence_ids"] = list(body.get("evidence_ids") or []) + [a["id"] for a in pending]
        with self.db.write() as conn:
            outbox.set_body(conn, item["id"], body)
        item["body"] = body
        return None

    def _reconcile(self, item: dict) -> str:
        """Before resending an old item, ask the platform whether it already took effect."""
        out = self._retrying(lambda: self.client.refund(item["refund_id"]))
        if not isinstance(out, Ok):
            return self._settle(item, out) if not isinstance(out, Retryable) else "retry"
        current = out.value
        decided = current.get("decision") if isinstance(current, dict) else None
        if item["kind"] == "decision" and isinstance(decided, dict) and _is_ours(decided, item, self.staff_id):
            return self._settle(item, Ok(current))
        if isinstance(current, dict) and current.get("status") == "awaiting_merchant" \
                and current.get("version") == item["if_match"]:
            return "send"
        return self._settle(item, Conflict("reconciled", "the refund changed on the platform", 409, current))

    def _store_refund(self, conn, doc: dict, now: int) -> None:
        try:
            row = parse_refund(doc)
        except MalformedRefund as e:
            state.quarantine(conn, e.refund_id, doc, str(e), now)
            return
        except Exception as e:  # noqa: BLE001 - an answer nobody foresaw is quarantined, not fatal
            log.exception("unexpected failure parsing a refund")
            state.quarantine(conn, _id_of(doc), doc, f"could not be read ({type(e).__name__})", now)
            return
        bad: list = []
        _store_rows(conn, [row], bad)
        for rid, raw, err in bad:
            state.quarantine(conn, rid, raw, err, now)

    def prefetch(self, *, limit: int | None = None) -> SyncReport:
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
        if self.cache is None:
            return report
        while True:
            # the most urgent PREFETCH_BATCH rows only: at a large merchant with a full cache the whole
            # list is tens of thousands of rows (~90 ms) read after every pull for one "no room" answer
            with self.db.read() as conn:
                wanted = refunds.evidence_to_fetch(conn, limit=PREFETCH_BATCH)
            progress = (report.evidence_fetched, report.evidence_failed)
            seen: set[str] = set()
            plan: _EvictionPlan | None = None  # what may go, read when room is first needed
            floor: tuple | None = None  # the most urgent in-scope file evicted in this pass
            for ev in wanted:
                if self.stop.is_set() or self._out_of_time() \
                        or (limit is not None and report.evidence_fetched >= limit):
                    return report
                if floor is not None and ev["urgency"] > floor:
                    break  # a file evicted for a more urgent one comes before this: read the list again
                if ev["sha256"] in seen:
                    continue
                seen.add(ev["sha256"])
                if self._too_big(ev, report) or self.cache.holds(ev["sha256"]):  # fetched on demand meanwhile
                    continue
                victims: list[str] = []
                going: list[str] | None = []
                if not self.cache.fits(ev["bytes"]):
                    if plan is None:
                        with self.db.read() as conn:
                            plan = _EvictionPlan(refunds.cached_evidence(conn),
                                                 spare_since=self.clock.now_ms() - PREFETCH_SPARES_RECENT_MS)
                    victims = plan.victims(ev["urgency"])
                    going = self.cache.room_for(ev["bytes"], victims)  # asked first: a failed download evicts nothing
                    if going is None:
                        log.info("the evidence cache is full of more urgent or recently opened files; "
                                 "prefetch stops here")
                        return report
                result = self._fetch_one(ev, report, victims=victims, retry=True)
                if result in ("retry", "full"):
                    return report  # network or platform trouble, or no room after all: the next round
                if result == "ok" and going:
                    floor = min([u for sha in going if (u := plan.urgency_of(sha)) is not None]
                                + ([floor] if floor is not None else []), default=None)
            else:
                # the whole batch was handled: the rows fetched or failed have left the list, so a full
                # batch is read again for the next ones (unless this pass changed nothing)
                if len(wanted) < PREFETCH_BATCH or progress == (report.evidence_fetched, report.evidence_failed):
                    return report

    def want_evidence(self, refund_id: str) -> None:
        """The console shows this refund: fetch its evidence that is not cached, now (any thread).

        The wish is kept until each file is cached or failed for good, so it outlives an outage. The
        latest wish goes first; past MAX_WISHES the oldest are dropped (the merchant has moved on).
        `run()`'s fetcher thread acts on it within moments; `fetch_wanted()` does it on this thread.
        """
        with self._wish_lock:
            self._wishes.pop(refund_id, None)
            self._wishes[refund_id] = None
            while len(self._wishes) > MAX_WISHES:
                del self._wishes[next(iter(self._wishes))]
        self._wished.set()

    def wanted(self) -> list[str]:
        """Refunds whose evidence was asked for and is not fetched yet, latest first."""
        with self._wish_lock:
            return list(reversed(self._wishes))

    def fetch_wanted(self) -> SyncReport:
        """Fetch the evidence of wished-for refunds, latest wish first; stop at network or platform trouble.

        A file already cached counts as opened (it is marked used, and `on_evidence_cached` runs again
        so renditions lost meanwhile are made anew). Room for a download may come from any file but
        the refund's own: first files no in-scope refund uses (least recently used first), then
        in-scope files, least urgent first — the merchant is looking at this one now.
        """
        report = SyncReport()
        while not self.stop.is_set():
            with self._wish_lock:
                if not self._wishes:
                    break
                rid = next(reversed(self._wishes))
            if self.cache is not None and self._fetch_refund(rid, report) == "retry":
                break
            with self._wish_lock:
                self._wishes.pop(rid, None)
        return report

    def _fetch_refund(self, refund_id: str, report: SyncReport) -> str:
        with self.db.read() as conn:
            rows = [e for e in refunds.evidence_of(conn, refund_id) if not e["fetch_error"]]
        own = {e["sha256"] for e in rows}
        victims: list[str] | None = None
        seen: set[str] = set()
        for ev in rows:
            if self.stop.is_set():
                return "retry"
            if ev["sha256"] in seen:
                continue
            seen.add(ev["sha256"])
            try:
                path = self.cache.path(ev["sha256"], self.clock.now_ms())
            except EvidenceRejected as e:  # not even a digest: it can never be fetched
                self._evidence_failed(ev, str(e))
                report.evidence_failed += 1
                continue
            if path is not None:
                if self.on_evidence_cached is not None:
                    with self._cache_lock:
                        self.on_evidence_cached(ev, path)
                continue
            if self._too_big(ev, report):
                continue
            if victims is None:
                with self.db.read() as conn:
                    plan = _EvictionPlan(refunds.cached_evidence(conn), keep=own)
                victims = plan.victims(None)
            result = self._fetch_one(ev, report, victims=victims, retry=False)
            if result == "retry":
                return "retry"
            if result == "full":
                log.warning("evidence %s of %s does not fit the evidence cache", ev["id"], refund_id)
        return "done"

    def _too_big(self, ev: dict, report: SyncReport) -> bool:
        """Record a file too large to keep as failed for good (declared size; the download checks again)."""
        if ev["bytes"] > self.cache.max_file_bytes:
            reason = f"file is {ev['bytes']} bytes, over the cache's per-file limit"
        elif ev["bytes"] > self.cache.max_total_bytes:
            reason = f"file is {ev['bytes']} bytes, larger than the whole evidence cache"
        else:
            return False
        self._evidence_failed(ev, reason)
        report.evidence_failed += 1
        return True

    def _fetch_one(self, ev: dict, report: SyncReport, *, victims: list[str], retry: bool) -> str:
        """Download one file, keep it (room from `victims` only) and process it.

        Returns "ok", "failed" (for good: recorded in `fetch_error`), "full" (the victims could not
        make room) or "retry" (network or platform trouble).
        """
        def download() -> Outcome:
            return self.client.evidence(ev["id"], max_bytes=self.cache.max_file_bytes)

        out = self._retrying(download) if retry else download()
        if isinstance(out, Invalid):
            self._evidence_failed(ev, out.message or out.code)
            report.evidence_failed += 1
            return "failed"
        if not isinstance(out, Ok):
            return "retry"
        with self._cache_lock:
            try:
                path = self.cache.put(ev["sha256"], out.value, self.clock.now_ms(), victims=victims)
            except CacheFull:
                return "full"
            except EvidenceRejected as e:
                self._evidence_failed(ev, str(e))
                report.evidence_failed += 1
                return "failed"
            report.evidence_fetched += 1
            if self.on_evidence_cached is not None:
                self.on_evidence_cached(ev, path)
        return "ok"

    def _evidence_failed(self, ev: dict, reason: str) -> None:
        from ..store.models import Evidence
        with self.db.write() as conn:
            conn.execute(Evidence.__table__.update()
                         .where(Evidence.refund_id == ev["refund_id"], Evidence.id == ev["id"])
                         .values(fetch_error=reason[:500]))
        if self.on_evidence_failed is not None:
            self.on_evidence_failed(ev)

    # --- running in the background ---------------------------------------------------------

    def run(self, *, wait_s: int = 25, settle_s: float = SETTLE_S,
            on_error: Callable[[Exception], None] | None = None) -> None:
        """Keep in sync until `stop` is set: a long-polling puller and a pusher woken by `nudge()`.

        A large merchant's platform changes something every second or so (deadlines, auto-approvals);
        after a long-poll returns changes the puller waits `settle_s` so the next ones arrive as one
        page: a refresh of the console every few seconds instead of one per change.
        """
        try:
            self.db.backup_if_due()  # daily, on this thread rather than the GUI's; the last 7 are kept
        except Exception as e:  # noqa: BLE001 - a failed backup never stops the live sync
            log.warning("could not make today's database backup: %s", e)
        pusher = threading.Thread(target=self._push_loop, name="outbox-pusher", daemon=True)
        fetcher = threading.Thread(target=self._fetch_loop, name="evidence-fetcher", daemon=True)
        first = True
        pusher.start()
        fetcher.start()
        failures = early = 0
        try:
            while not self.stop.is_set():
                try:
                    if first:
                        self.refresh_me()
                    asked = time.monotonic()
                    report = self.pull(wait=0 if first else wait_s)
                    if not first and not report.refunds and time.monotonic() - asked < wait_s / 2:
                        # the platform answered a long poll at once with nothing (it ignores `wait`):
                        # back off instead of asking again in a tight loop
                        early += 1
                        self._sleep(min(EARLY_POLL_CAP_S, EARLY_POLL_FLOOR_S * 2 ** min(early - 1, 10)))
                    else:
                        early = 0
                    if self.cache is not None:
                        self.prefetch()
                    if self.wanted():
                        self._wished.set()  # the platform answers again: wishes that met trouble go now
                    if not first and report.refunds and settle_s > 0:
                        self._sleep(settle_s)
                    first, failures = False, 0
                except SyncError as e:
                    if self.stop.is_set():
                        break  # the failure is our own shutdown interrupting a request
                    if on_error:
                        on_error(e)
                    if isinstance(e.outcome, Fatal):
                        break
                    failures += 1
                    self._sleep(self.backoff.delay(failures))
                except Exception as e:  # noqa: BLE001 - the live sync outlives a bad moment (logged, backed off)
                    log.exception("sync round failed unexpectedly")
                    if on_error:
                        on_error(SyncError(f"sync failed unexpectedly ({type(e).__name__})"))
                    failures += 1
                    self._sleep(max(EARLY_POLL_FLOOR_S, self.backoff.delay(failures)))
        finally:
            self.stop.set()
            self.nudged.set()
            self._wished.set()
            pusher.join(timeout=30)
            fetcher.join(timeout=30)

    def nudge(self) -> None:
        """A decision was recorded: push now rather than at the next long-poll turn."""
        self.nudged.set()

    def _push_loop(self) -> None:
        while not self.stop.is_set():
            try:
                report = self.push()
                if self.on_pushed is not None and any(k != "retry" for k in report.pushed):
                    self.on_pushed(report)
            except SyncError as e:
                log.warning("outbox push stopped: %s", e)
            except Exception:  # noqa: BLE001 - the pusher must outlive one bad moment (it retries)
                log.exception("outbox push failed unexpectedly")
                self.stop.wait(EARLY_POLL_FLOOR_S)
            with self.db.read() as conn:
                nxt = outbox.next_attempt_at(conn)
            timeout = 30.0 if nxt is None else max(0.05, min(30.0, (nxt - self.clock.now_ms()) / 1000))
            self.nudged.wait(timeout)
            self.nudged.clear()

    def _fetch_loop(self) -> None:
        """Fetch wished-for evidence as soon as it is wished; after trouble, again with backoff."""
        failures = 0
        while not self.stop.is_set():
            self._wished.wait(self.backoff.delay(failures) if failures else None)
            self._wished.clear()
            if self.stop.is_set():
                break
            try:
                self.fetch_wanted()
            except Exception:  # noqa: BLE001 - the fetcher must outlive one bad moment (it retries)
                log.exception("fetching wanted evidence failed")
            failures = failures + 1 if self.wanted() else 0

    # --- retries ---------------------------------------------------------------------------

    def _retrying(self, call: Callable[[], Outcome]) -> Outcome:
        """Repeat a read-only call while it is retryable, with backoff, up to max_attempts."""
        out = call()
        attempt = 0
        while isinstance(out, Retryable) and attempt + 1 < self.max_attempts and not self.stop.is_set():
            if self.on_trouble is not None:
                self.on_trouble(out)
            delay = self.backoff.delay(attempt, out.retry_after_s)
            if self._deadline is not None and time.monotonic() + delay >= self._deadline:
                break  # a bounded round does not sleep past its end
            log.info("retrying in %.2fs: %s", delay, out.reason)
            self._sleep(delay)
            attempt += 1
            out = call()
        return out


class _EvictionPlan:
    """Which cached files may go to make room, read once per round (see `SyncEngine.prefetch`).

    Files no in-scope refund uses go first, least recently used first, except those used at or after
    `spare_since`; then in-scope files, least urgent first. Files in `keep` never go.
    """

    def __init__(self, cached: list[dict], *, keep: set[str] = frozenset(), spare_since: int | None = None) -> None:
        usable = [c for c in cached if c["sha256"] not in keep]
        self.unused = [c["sha256"] for c in sorted(
            (c for c in usable if c["urgency"] is None and (spare_since is None or c["last_access_at"] < spare_since)),
            key=lambda c: (c["last_access_at"], c["sha256"]))]
        self.in_scope = sorted((c for c in usable if c["urgency"] is not None),
                               key=lambda c: c["urgency"], reverse=True)
        self._urgency = {c["sha256"]: c["urgency"] for c in cached}

    def urgency_of(self, sha256: str) -> tuple | None:
        """The urgency of a cached file when the plan was read (None: no in-scope refund uses it)."""
        return self._urgency.get(sha256)

    def victims(self, urgency: tuple | None) -> list[str]:
        """The files that may go for a file of this urgency (None: any in-scope file), in order."""
        return self.unused + [c["sha256"] for c in self.in_scope if urgency is None or c["urgency"] > urgency]


def _id_of(doc) -> str | None:
    rid = doc.get("id") if isinstance(doc, dict) else None
    return rid if isinstance(rid, str) and len(rid) <= 256 else None


def _store_rows(conn, rows: list[dict], bad: list) -> list[dict]:
    """Upsert a page's rows; if the page as a whole cannot be stored, each row on its own, the rows
    that fail joining `bad` (to be quarantined). Returns the rows stored."""
    try:
        with conn.begin_nested():
            refunds.upsert_refunds(conn, rows)
        return rows
    except (StatementError, ValueError, TypeError, UnicodeError, RecursionError) as e:
        if isinstance(e, OperationalError):
            raise  # the disk or the database file itself: not one record's fault
        log.warning("a page could not be stored as a whole (%s); storing refund by refund", type(e).__name__)
    stored = []
    for row in rows:
        try:
            with conn.begin_nested():
                refunds.upsert_refunds(conn, [row])
            stored.append(row)
        except (StatementError, ValueError, TypeError, UnicodeError, RecursionError) as e:
            if isinstance(e, OperationalError):
                raise
            bad.append((row["id"], {"id": row["id"]}, f"could not be stored ({type(e).__name__})"))
    return stored


def _page_parts(page) -> tuple[list, str, bool]:
    if not isinstance(page, dict) or not isinstance(page.get("items"), list) \
            or not isinstance(page.get("next_cursor"), str) or not isinstance(page.get("has_more"), bool):
        raise SyncError("the platform sent a malformed changes page (items, next_cursor, has_more)")
    if len(page["next_cursor"]) > 4096:
        raise SyncError("the platform sent an oversized cursor")
    return page["items"], page["next_cursor"], page["has_more"]


def _is_ours(decided: dict, item: dict, staff_id: str | None) -> bool:
    by = decided.get("by") or {}
    body = item["body"]
    return (by.get("kind") == "staff" and staff_id is not None and by.get("id") == staff_id
            and decided.get("action") == body.get("action")
            and (body.get("amount_fen") is None or decided.get("amount_fen") == body.get("amount_fen")))


def _what_platform_did(refund: dict | None) -> dict | None:
    if not isinstance(refund, dict):
        return None
    decided = refund.get("decision") if isinstance(refund.get("decision"), dict) else None
    return {"status": refund.get("status"), "version": refund.get("version"), "decision": decided}


def _conflict_message(out: Conflict, refund: dict | None) -> str:
    status = refund.get("status") if isinstance(refund, dict) else None
    decided = refund.get("decision") if isinstance(refund, dict) else None
    if isinstance(decided, dict):
        by = decided.get("by") or {}
        who = {"platform_auto": "the platform auto-approved it (fast refund)",
               "platform_cs": "platform customer service decided it",
               "staff": f"{by.get('name') or by.get('id') or 'another staff member'} decided it"}.get(by.get("kind"),
                                                                                                      "it was decided")
        return f"{who}: {decided.get('action')} {decided.get('amount_fen')} fen; now {status}"
    if status:
        return f"the refund changed on the platform ({out.code}); it is now {status}"
    return f"the platform refused: {out.code} {out.message}".strip()


def _describe(out: Outcome) -> str:
    if isinstance(out, Retryable):
        return out.announcement or f"the platform is unreachable for now ({out.reason})"
    if isinstance(out, Fatal):
        return out.message
    if isinstance(out, (Invalid, Conflict)):
        return f"{out.code}: {out.message}"
    return str(out)
