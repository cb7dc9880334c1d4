"""The sandbox platform's whole state and rules: refunds, timers, clock, idempotency, faults.

One lock guards everything (a `threading.Condition` on it wakes long-polls). State lives in SQLite
(`:memory:` or a file that survives restarts). Each refund is kept as its serialised JSON document
plus the columns that are queried, so the changes feed is assembled from stored strings.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import heapq
import io
import json
import logging
import random
import secrets
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from PIL import Image

from merchant_console.core.clock import format_rfc3339, local_now_ms
from merchant_console.core.policy import REASON_CODES, DecisionDraft, Policy, validate_decision

from . import lifecycle as lc
from . import voices
from .config import SandboxConfig
from .errors import ApiError
from .images import EvidenceFactory, Plan
from .seed import MERCHANT, REASONS, STAFF, Seeded, Seeder

log = logging.getLogger(__name__)

IDEMPOTENCY_TTL_MS = 24 * lc.HOUR
MAX_KEY_CHARS = 255
MAINTENANCE_MESSAGE = "退款系统维护中,预计30分钟后恢复,请稍后再试"
ACCEPTED_UPLOADS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
MAX_UPLOAD_PIXELS = 40_000_000
# Worlds are seeded in chunks of this many refunds, each inserted in one statement; worlds over
# SEED_IN_BACKGROUND_ABOVE on a thread of their own (100 000 refunds take ~40 s to make).
SEED_CHUNK = 2000
SEED_IN_BACKGROUND_ABOVE = 5000
# How long one page of the feed may spend drawing evidence before it ends early (has_more): at
# ~0.1 s per full-size image a 200-refund page would otherwise keep a first sync waiting ~15 s.
PAGE_DRAW_BUDGET_S = 1.0

REASON_LABELS = {
    "card_already_used": ("卡密已激活或已使用", "Card already activated or used"),
    "outside_refund_window": ("超出退款时限", "Outside the refund window"),
    "insufficient_evidence": ("凭证不足,请补充后重新申请", "Insufficient evidence"),
    "delivered_as_described": ("已按描述正常发货", "Delivered as described"),
    "buyer_input_error": ("买家信息填写错误(如充错号码)", "Buyer input error (e.g. wrong number)"),
    "partial_used_value": ("按剩余价值部分退款", "Partial: remaining value"),
    "partial_negotiated": ("与买家协商部分退款", "Partial: negotiated with buyer"),
    "other": ("其他", "Other"),
    # v1.1: why the merchant needs more time (actions ["extend"]; "other" too)
    "checking_with_supplier": ("正在向上游供货商核实", "Checking with the supplier"),
    "awaiting_buyer_info": ("等待买家补充信息", "Waiting for the buyer's information"),
    "holiday": ("节假日期间处理延迟", "Holiday delay"),
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS staff (token TEXT PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,
                                  role TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refunds (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, status TEXT NOT NULL, version INTEGER NOT NULL,
    timer_ms INTEGER, applied INTEGER NOT NULL DEFAULT 0, sim TEXT NOT NULL, doc BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS refunds_timer ON refunds (timer_ms) WHERE timer_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS evidence (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, content_type TEXT NOT NULL,
                                     bytes INTEGER NOT NULL, merchant INTEGER NOT NULL DEFAULT 0);
-- Buyer evidence not drawn yet: what it will show (images.Plan). Drawn on first request (a page of
-- the feed, the refund, the file), then moved to evidence/blobs and filled into the refund's document.
CREATE TABLE IF NOT EXISTS evidence_plans (id TEXT PRIMARY KEY, refund_id TEXT NOT NULL, plan TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS evidence_plans_refund ON evidence_plans (refund_id);
-- v1.1: every refund's conversation, in order (n = its number within the refund)
CREATE TABLE IF NOT EXISTS messages (id TEXT PRIMARY KEY, refund_id TEXT NOT NULL, n INTEGER NOT NULL,
                                     doc BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS messages_refund ON messages (refund_id, n);
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL,
                                        body BLOB NOT NULL, created_ms INTEGER NOT NULL);
"""


@dataclass
class Faults:
    """Injected trouble for /api/v1/* (never /sandbox/*)."""

    error_rate: float = 0.0
    latency_ms: int = 0
    drop_after_commit_rate: float = 0.0
    rate_limit_rate: float = 0.0
    retry_after_s: int = 1
    maintenance: bool = False


@dataclass
class FaultPlan:
    """What happens to one request: a delay, an error instead of it, or its answer dropped."""

    latency_s: float = 0.0
    error: ApiError | None = None
    drop_after_commit: bool = False


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    role: str

    def by(self) -> dict[str, str]:
        return {"kind": "staff", "id": self.id, "name": self.name}


def dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


class World:
    """The platform: every rule of the contract, the timers, and the sandbox's buyer actions."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.policy = Policy.defaults()
        # v1.1 policy values as the rules read them (from the one Policy; the contract's defaults where unset)
        self.talk = lc.Talk(**{name: value for name, value in self.policy.to_json().items()
                               if name in lc.Talk.__dataclass_fields__ and value is not None})
        self.seed = self.config.seed
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._closed = False
        self._stopping = False
        self._predrawing = False  # a predraw thread draws evidence ahead of the feed
        self._released = 0  # bumped by release_waits: long-polls waiting then answer at once
        self._listeners: list[Any] = []
        self._next_timer: int | None = None
        self._seq = 0  # the latest change sequence number (read from the file when it has one)
        path = self.config.db_path or ":memory:"
        self._db = sqlite3.connect(path, check_same_thread=False)
        if self.config.db_path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self.faults = Faults()
        self._fault_rng = random.Random(f"faults/{self.seed}")
        self._factory: EvidenceFactory | None = None
        self._seeded = threading.Event()
        self._seeding: threading.Thread | None = None
        with self._lock:
            self._load_or_init()
            # after loading: a reopened world draws with the seed and image mode it was created with
            mode = self._meta("images") or self.config.images
            if mode != "none":
                self._factory = EvidenceFactory(mode, self.seed)
            if not self._meta_int("seeded") and self.config.refunds > 0:
                if self._seq:  # a seeding the process was killed in: start it again
                    self._db.execute("DELETE FROM refunds")
                    self._db.execute("DELETE FROM evidence_plans")
                    self._db.execute("DELETE FROM messages")
                    self._db.execute("DELETE FROM meta WHERE key = 'counters'")
                    self._seq = 0
                if self.config.refunds > SEED_IN_BACKGROUND_ABOVE:
                    self._seeding = threading.Thread(target=self._seed_initial, args=(self.config.refunds,),
                                                     name="sandbox-seeding", daemon=True)
                else:
                    self._seed_initial(self.config.refunds)
            else:
                self._set_meta("seeded", 1)
                self._seeded.set()
            self._db.commit()
            self._refresh_next_timer()
        if self._seeding is not None:
            self._seeding.start()

    # -- change notification ---------------------------------------------------------------------
    def subscribe(self, listener: Any) -> None:
        """Call `listener()` (under the world lock; keep it tiny) whenever refunds change."""
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Any) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _notify(self) -> None:
        self._changed.notify_all()
        for listener in list(self._listeners):
            listener()

    @property
    def seq(self) -> int:
        """The latest change sequence number."""
        return self._seq

    @property
    def stopping(self) -> bool:
        return self._stopping

    def next_timer_ms(self) -> int | None:
        """Platform time of the earliest timer that will fire by itself (none while pinned)."""
        return None if self.pinned else self._next_timer

    # -- meta ------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def _meta_int(self, key: str, default: int = 0) -> int:
        v = self._meta(key)
        return default if v is None else int(v)

    def _set_meta(self, key: str, value: object) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))

    def _load_or_init(self) -> None:
        if self._meta("created") is None:
            start = self.config.start_time_ms
            if start is None:
                start = local_now_ms()
            self._offset_ms = start - local_now_ms()
            if self.config.pinned_clock:
                self._set_meta("pinned_ms", start)
                self._set_meta("horizon_ms", start)
            self._set_meta("created", start)
            self._set_meta("offset_ms", self._offset_ms)
            self._set_meta("cursor_epoch", 1)
            self._set_meta("seed", self.seed)
            self._set_meta("images", self.config.images)
            for role, (sid, name) in STAFF.items():
                token = f"sbx_{role}_{secrets.token_urlsafe(18)}"
                self._db.execute("INSERT INTO staff VALUES (?, ?, ?, ?)", (token, sid, name, role))
            self._db.commit()
        else:
            self._offset_ms = self._meta_int("offset_ms")
            self.seed = self._meta_int("seed", self.seed)
        pinned = self._meta("pinned_ms")
        self._pinned_ms: int | None = None if pinned is None else int(pinned)
        self._pinned_since = time.monotonic_ns() // 1_000_000
        self._horizon_ms = self._meta_int("horizon_ms", self._pinned_ms or 0)
        self._epoch = self._meta_int("cursor_epoch", 1)
        self._simulate = {"buyers": bool(self._meta_int("simulate_buyers", 1)),
                          "customer_service": bool(self._meta_int("simulate_customer_service", 1))}
        self._seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM refunds").fetchone()[0]
        self._plans_left = self._db.execute("SELECT 1 FROM evidence_plans LIMIT 1").fetchone() is not None
        self._staff = {tok: Staff(sid, name, role)
                       for tok, sid, name, role in self._db.execute("SELECT token, id, name, role FROM staff")}
        self.tokens = {s.role: tok for tok, s in self._staff.items()}

    def _counters(self) -> dict[str, int]:
        raw = self._meta("counters")
        return json.loads(raw) if raw else {}

    # -- clock -----------------------------------------------------------------------------------
    def now_ms(self) -> int:
        """Platform time: the real clock plus the sandbox offset (moved by `advance`).

        A pinned clock is the start time plus the time elapsed on this computer's monotonic clock
        plus every `advance`: it never reads the wall clock, yet runs like a clock (a client's
        estimate of server time must not run ahead of the platform and jump back). Its timers fire
        only up to the time the last `advance`/`set_time` reached, however long the test takes.
        """
        if self._pinned_ms is not None:
            return self._pinned_ms + time.monotonic_ns() // 1_000_000 - self._pinned_since
        return local_now_ms() + self._offset_ms

    @property
    def pinned(self) -> bool:
        return self._pinned_ms is not None

    def set_time(self, at_ms: int) -> int:
        """Move platform time forward to `at_ms` (timers due meanwhile fire); returns how many fired."""
        self._wait_seeded()
        with self._lock:
            return self.advance(max(0, at_ms - self.now_ms()) / 1000)

    def advance(self, seconds: float) -> int:
        """Move platform time forward; timers due meanwhile fire in time order, each at its own time."""
        if seconds < 0:
            raise ValueError("the platform clock only moves forward")
        self._wait_seeded()
        with self._lock:
            target = self.now_ms() + int(seconds * 1000)
            if self._pinned_ms is not None:
                self._horizon_ms = target
                self._set_meta("horizon_ms", target)
            fired = self._fire_due(target)
            if self._pinned_ms is not None:
                self._pinned_ms += int(seconds * 1000)
                self._set_meta("pinned_ms", self._pinned_ms)
            else:
                self._offset_ms += int(seconds * 1000)
                self._set_meta("offset_ms", self._offset_ms)
            self._db.commit()
            return fired

    def fire_due(self) -> int:
        """Fire every timer due by now (the ticker and every request call this)."""
        with self._lock:
            return self._fire_due(self.now_ms())

    def _refresh_next_timer(self) -> None:
        self._next_timer = self._db.execute("SELECT MIN(timer_ms) FROM refunds").fetchone()[0]

    def _fire_due(self, until: int) -> int:
        if self._pinned_ms is not None:
            until = min(until, self._horizon_ms)
        if self._next_timer is None or self._next_timer > until or self._closed:
            return 0
        fired = 0
        while True:
            rows = self._db.execute("SELECT timer_ms, seq, id FROM refunds WHERE timer_ms <= ? "
                                    "ORDER BY timer_ms, seq LIMIT 256", (until,)).fetchall()
            if not rows:
                break
            horizon = rows[-1][0]
            heap = [(t, seq, rid) for t, seq, rid in rows]
            heapq.heapify(heap)
            while heap:
                t, _, rid = heapq.heappop(heap)
                doc, sim, timer = self._load(rid)
                if timer != t:
                    continue  # already fired and rescheduled within this batch
                nxt = lc.next_timer(doc, sim, self.policy, self.talk)
                if nxt is None or nxt[0] != t:
                    self._save(doc, sim, bump=False)
                    continue
                silenced = (lc.BUYER_TIMERS.get(nxt[1]) if not self._simulate["buyers"] else None) or \
                    (lc.CS_TIMERS.get(nxt[1]) if not self._simulate["customer_service"] else None)
                if silenced:  # that person is switched off: the plan is dropped, nothing happens
                    for key in silenced:
                        sim.pop(key, None)
                    self._save(doc, sim, bump=False)
                    continue
                lc.fire(doc, sim, nxt[1], t, self.policy, lc.timer_rng(self.seed, doc), self.talk)
                new_timer = self._save(doc, sim)
                fired += 1
                if new_timer is not None and new_timer <= min(until, horizon):
                    heapq.heappush(heap, (new_timer, self._seq, rid))
        self._db.commit()
        self._refresh_next_timer()
        if fired:
            self._notify()
        return fired

    # -- storage of refunds ----------------------------------------------------------------------
    def _load(self, refund_id: str) -> tuple[dict[str, Any], dict[str, Any], int | None]:
        row = self._db.execute("SELECT doc, sim, timer_ms FROM refunds WHERE id = ?", (refund_id,)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", f"no refund {refund_id}")
        doc = json.loads(row[0])
        lc.ensure_v11(doc)
        return doc, json.loads(row[1]), row[2]

    def _save(self, doc: dict[str, Any], sim: dict[str, Any], *, bump: bool = True, applied: int = 0
              ) -> int | None:
        """Store a changed refund under the next change sequence; returns its next timer time."""
        self._store_messages(doc["id"], sim)
        nxt = lc.next_timer(doc, sim, self.policy, self.talk)
        timer = None if nxt is None else nxt[0]
        if bump:
            self._seq += 1
            self._db.execute("UPDATE refunds SET seq = ?, status = ?, version = ?, timer_ms = ?, "
                             "applied = applied + ?, sim = ?, doc = ? WHERE id = ?",
                             (self._seq, doc["status"], doc["version"], timer, applied, json.dumps(sim),
                              dumps(doc), doc["id"]))
        else:
            self._db.execute("UPDATE refunds SET timer_ms = ?, sim = ? WHERE id = ?",
                             (timer, json.dumps(sim), doc["id"]))
        return timer

    def _insert(self, items: list[Seeded], plans: dict[str, Plan]) -> list[str]:
        """Insert new refunds (in the order they last changed) and the plans of their evidence, in bulk."""
        messages: list[tuple[str, str, int, bytes]] = []
        owned: list[tuple[str, str]] = []  # (evidence id, refund id): the refund's and its messages' images
        for s in items:
            rows_of = _message_rows(s.doc["id"], s.sim)
            messages.extend(rows_of)
            owned.extend((eid, s.doc["id"]) for eid in _evidence_ids(s.doc))
            owned.extend((eid, s.doc["id"]) for row in rows_of if b'"evidence_ids":[]' not in row[3]
                         for eid in json.loads(row[3])["evidence_ids"])
        self._store_plans([(eid, rid, plans.pop(eid)) for eid, rid in owned if eid in plans])
        items = sorted(items, key=_feed_order)
        rows = []
        for s in items:
            s.doc.pop("_reason", None)
            s.sim.pop("quiet_cs", None)  # made while customer service was off; from now on its switch decides
            self._seq += 1
            nxt = lc.next_timer(s.doc, s.sim, self.policy, self.talk)
            rows.append((s.doc["id"], self._seq, s.doc["status"], s.doc["version"],
                         None if nxt is None else nxt[0], json.dumps(s.sim), dumps(s.doc)))
        self._db.executemany("INSERT INTO refunds (id, seq, status, version, timer_ms, sim, doc) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        if messages:
            self._db.executemany("INSERT INTO messages (id, refund_id, n, doc) VALUES (?, ?, ?, ?)", messages)
        return [s.doc["id"] for s in items]

    def _store_messages(self, refund_id: str, sim: dict[str, Any]) -> None:
        rows = _message_rows(refund_id, sim)
        if rows:
            self._db.executemany("INSERT INTO messages (id, refund_id, n, doc) VALUES (?, ?, ?, ?)", rows)

    def _store_plans(self, rows: list[tuple[str, str, Plan]]) -> None:
        if rows:
            self._db.executemany("INSERT INTO evidence_plans (id, refund_id, plan) VALUES (?, ?, ?)",
                                 [(eid, rid, plan.to_json()) for eid, rid, plan in rows])
            self._plans_left = True

    def _materialize(self, refund_ids: list[str], budget_s: float | None = None) -> int:
        """Draw the evidence these refunds still lack (in their order) and fill it into their documents.

        Returns how many of `refund_ids`, from the front, are complete: all of them, unless drawing
        took longer than `budget_s` (a page of the feed then ends early, so a client sees the first
        refunds in a second instead of waiting for a whole page of full-size images).
        Caller holds the lock.
        """
        if not refund_ids or not self._plans_left:
            return len(refund_ids)
        pending: dict[str, list[tuple[str, str]]] = {}
        for start in range(0, len(refund_ids), 500):
            chunk = refund_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for eid, rid, plan in self._db.execute(
                    f"SELECT id, refund_id, plan FROM evidence_plans WHERE refund_id IN ({marks}) ORDER BY rowid",
                    chunk):
                pending.setdefault(rid, []).append((eid, plan))
        if not pending:
            return len(refund_ids)
        if self._predrawing and budget_s is not None and refund_ids[0] not in pending:
            # the predraw thread is ahead: hand out the refunds it has finished now, without drawing here
            return next(i for i, rid in enumerate(refund_ids) if rid in pending)
        t0 = time.monotonic()
        done = 0
        while done < len(refund_ids):
            batch: list[str] = []
            plans: list[tuple[str, str]] = []
            # a few refunds at a time: both drawing threads busy, the budget checked often
            while done < len(refund_ids) and len(plans) < 6:
                rid = refund_ids[done]
                done += 1
                if rid in pending:
                    batch.append(rid)
                    plans.extend(pending[rid])
            if plans:
                self._draw(batch, plans)
            if budget_s is not None and time.monotonic() - t0 > budget_s:
                break
        if done == len(refund_ids):
            self._plans_left = self._db.execute("SELECT 1 FROM evidence_plans LIMIT 1").fetchone() is not None
        return done

    def _page_budget_s(self) -> float | None:
        if self.config.page_draw_budget_s is not None:
            return self.config.page_draw_budget_s
        return PAGE_DRAW_BUDGET_S if self._factory is not None and self._factory.mode == "realistic" else None

    def _draw(self, refund_ids: list[str], plans: list[tuple[str, str]]) -> None:
        if self._factory is None:
            raise RuntimeError("this world has evidence to draw but no image mode")
        images = self._factory.render_all([Plan.from_json(p) for _, p in plans])
        self._fill(refund_ids, plans, images)

    def predraw(self) -> threading.Thread:
        """Draw the evidence still to draw on a thread of its own, in the feed's order, outside the lock
        (so requests are answered meanwhile; Pillow encodes without the GIL, on the other core). The demo
        does this: while its console starts, the refunds of the first feed pages get their images, and the
        first page comes at once. Drawing is deterministic, so it does not matter who draws a plan first."""
        self._predrawing = True
        thread = threading.Thread(target=self._predraw, name="sandbox-predraw", daemon=True)
        thread.start()
        return thread

    def _predraw(self) -> None:
        try:
            self._wait_seeded()
            while True:
                with self._lock:
                    if self._closed or not self._plans_left or self._factory is None:
                        return
                    rows = self._db.execute(
                        "SELECT p.id, p.refund_id, p.plan FROM evidence_plans p JOIN refunds r ON r.id = p.refund_id "
                        "ORDER BY r.seq, p.rowid LIMIT 6").fetchall()
                    if not rows:
                        self._plans_left = False
                        return
                # one image at a time (not render_all's two threads): the console starting beside it needs a core
                images = [self._factory.render(Plan.from_json(plan)) for _, _, plan in rows]
                with self._lock:
                    if self._closed:
                        return
                    marks = ",".join("?" * len(rows))
                    still = {r[0] for r in self._db.execute(
                        f"SELECT id FROM evidence_plans WHERE id IN ({marks})", [r[0] for r in rows])}
                    keep = [(row, img) for row, img in zip(rows, images, strict=True) if row[0] in still]
                    if keep:
                        self._fill(list(dict.fromkeys(row[1] for row, _ in keep)),
                                   [(row[0], row[2]) for row, _ in keep], [img for _, img in keep])
        except Exception:  # noqa: BLE001 - a sandbox convenience: the feed draws whatever is left
            log.exception("drawing the sandbox's evidence ahead failed")
        finally:
            self._predrawing = False   # from now on the feed draws what it needs itself

    def _fill(self, refund_ids: list[str], plans: list[tuple[str, str]], images: list[Any]) -> None:
        """Store drawn images and complete their refunds' documents. Caller holds the lock."""
        filled: dict[str, dict[str, Any]] = {}
        blobs = []
        for (eid, _), img in zip(plans, images, strict=True):
            filled[eid] = {"content_type": img.content_type, "bytes": len(img.data),
                           "sha256": hashlib.sha256(img.data).hexdigest()}
            blobs.append((eid, img.content_type, img.data))
        self._store_blobs(blobs)
        for rid in refund_ids:
            row = self._db.execute("SELECT doc FROM refunds WHERE id = ?", (rid,)).fetchone()
            if row is None:
                continue
            doc = json.loads(row[0])
            for ev in _evidence_entries(doc):
                if ev.get("id") in filled:
                    ev.update(filled[ev["id"]])
            # the same document, now complete: not a change (no new sequence number or version)
            self._db.execute("UPDATE refunds SET doc = ? WHERE id = ?", (dumps(doc), rid))
        self._db.executemany("DELETE FROM evidence_plans WHERE id = ?", [(eid,) for eid in filled])
        self._db.commit()

    def _store_blobs(self, blobs: list[tuple[str, str, bytes]], merchant: bool = False) -> None:
        ev_rows, blob_rows = [], {}
        for eid, ctype, data in blobs:
            digest = hashlib.sha256(data).hexdigest()
            blob_rows[digest] = data  # identical images share one blob row
            ev_rows.append((eid, digest, ctype, len(data), int(merchant)))
        self._db.executemany("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)", list(blob_rows.items()))
        self._db.executemany("INSERT INTO evidence (id, sha256, content_type, bytes, merchant) VALUES (?, ?, ?, ?, ?)",
                             ev_rows)

    def _commit_changes(self) -> None:
        self._db.commit()
        self._refresh_next_timer()
        self._notify()

    # -- seeding ---------------------------------------------------------------------------------
    def _seeder(self, purpose: str) -> Seeder:
        counters = self._counters()
        rng = random.Random(f"{purpose}/{self.seed}/{counters.get('refund', 0)}")
        # the v1.1 conversations draw from dice of their own: v1's refunds stay what they were for a seed
        talk = random.Random(f"talk/{purpose}/{self.seed}/{counters.get('refund', 0)}")
        return Seeder(self.policy, self.seed, rng, self._factory, counters, talk_rng=talk, talk=self.talk,
                      conversations=purpose == "seed", negotiations=self.config.seed_negotiations,
                      quiet_cs=not self._simulate["customer_service"])

    def _seed_initial(self, count: int) -> None:
        """Seed the world, inserting (in bulk) every SEED_CHUNK refunds as they are made.

        A big world is seeded on a thread of its own: the server answers at once, the changes feed
        hands out each chunk as soon as it is in, and everything else waits for the whole world.
        """
        try:
            with self._lock:
                now = self._meta_int("created")  # relative to the start time: the same seed, the same world
                seeder = self._seeder("seed")
            made: list[Seeded] = []
            total = i = 0
            while total < count:
                if self._closed:
                    return
                status = seeder.pick_status(i, count)
                variant = None
                if status == "awaiting_merchant" and count - total < 2:
                    variant = "normal"  # a resubmission makes two refunds; no room for it at the end
                batch = seeder.history(status, now, variant=variant)
                made.extend(batch)
                total += len(batch)
                i += 1
                if len(made) >= SEED_CHUNK or total >= count:
                    with self._lock:
                        if self._closed:
                            return
                        self._insert(made, seeder.take_plans())
                        self._set_meta("counters", json.dumps(seeder.counters))
                        if total >= count:
                            self._set_meta("seeded", 1)
                        self._commit_changes()
                    made = []
        except Exception:
            log.exception("seeding the sandbox failed")
            raise
        finally:
            self._seeded.set()
            with self._lock:
                self._notify()

    def _wait_seeded(self) -> None:
        """Wait until a world seeded in the background is whole (never call with the lock held)."""
        if not self._seeded.is_set():
            self._seeded.wait()

    def add_refunds(self, count: int, **options: Any) -> list[str]:
        """New refunds. Without `status`: fresh submissions now (`fast_refund=True` for 极速退款).
        With `status` (and optional `variant`: normal/fast/overdue/urged/resubmitted for
        awaiting_merchant): refunds whose history so far ends in that status. Also `channel`,
        `evidence=False`."""
        self._wait_seeded()
        unknown = set(options) - {"status", "variant", "fast_refund", "channel", "evidence"}
        if unknown:
            raise ValueError(f"unknown options: {sorted(unknown)}")
        if not 0 <= count <= 100_000:
            raise ValueError("count must be within 0..100000")
        with self._lock:
            self._fire_due(self.now_ms())
            now = self.now_ms()
            seeder = self._seeder("add")
            made: list[Seeded] = []
            status = options.get("status")
            evidence = options.get("evidence", True)
            for _ in range(count):
                if status is None:
                    made.append(seeder.submit(now, fast=bool(options.get("fast_refund")),
                                              channel=options.get("channel"), evidence=evidence))
                else:
                    variant = options.get("variant") or ("fast" if options.get("fast_refund") else None)
                    made.extend(seeder.history(status, now, variant=variant, channel=options.get("channel"),
                                               evidence=evidence))
            ids = self._insert(made, seeder.take_plans())
            self._set_meta("counters", json.dumps(seeder.counters))
            self._commit_changes()
            return ids

    # -- reading ---------------------------------------------------------------------------------
    def refund_json(self, refund_id: str) -> bytes:
        self._wait_seeded()
        with self._lock:
            self._fire_due(self.now_ms())
            self._materialize([refund_id])
            row = self._db.execute("SELECT doc FROM refunds WHERE id = ?", (refund_id,)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", f"no refund {refund_id}")
        doc: bytes = row[0]
        return doc

    def refund(self, refund_id: str) -> dict[str, Any]:
        """The refund's current JSON document as a dict."""
        doc: dict[str, Any] = json.loads(self.refund_json(refund_id))
        return doc

    def snapshot(self) -> dict[str, int]:
        """id -> version of every refund."""
        self._wait_seeded()
        with self._lock:
            self._fire_due(self.now_ms())
            return dict(self._db.execute("SELECT id, version FROM refunds"))

    def decisions_applied(self, refund_id: str) -> int:
        """How many staff writes were actually applied to this refund: decisions, statements and (v1.1)
        messages, proposals, extensions and evidence answers (a replayed key applies nothing)."""
        self._wait_seeded()
        with self._lock:
            row = self._db.execute("SELECT applied FROM refunds WHERE id = ?", (refund_id,)).fetchone()
        if row is None:
            raise KeyError(refund_id)
        applied: int = row[0]
        return applied

    def staff_for_token(self, token: str) -> Staff | None:
        return self._staff.get(token)

    def me_json(self, staff: Staff) -> bytes:
        return dumps({"merchant": MERCHANT, "staff": {"id": staff.id, "name": staff.name, "role": staff.role},
                      "policy": {**self.policy.to_json(), **self.talk.to_json()},
                      "server_time": format_rfc3339(self.now_ms())})

    def reason_codes_json(self) -> bytes:
        codes = {code: list(actions) for code, actions in REASON_CODES.items()}
        for code in lc.EXTENSION_REASONS:
            codes.setdefault(code, []).append("extend")
        return dumps([{"code": code, "actions": actions,
                       "label": {"zh": REASON_LABELS[code][0], "en": REASON_LABELS[code][1]}}
                      for code, actions in codes.items()])  # type: ignore[arg-type]

    def messages_json(self, refund_id: str) -> bytes:
        """GET /refunds/{id}/messages: the whole conversation, oldest first."""
        self._wait_seeded()
        with self._lock:
            self._fire_due(self.now_ms())
            if self._db.execute("SELECT 1 FROM refunds WHERE id = ?", (refund_id,)).fetchone() is None:
                raise ApiError(404, "not_found", f"no refund {refund_id}")
            rows = self._db.execute("SELECT doc FROM messages WHERE refund_id = ? ORDER BY n", (refund_id,)).fetchall()
        return b'{"items":[' + b",".join(r[0] for r in rows) + b"]}"

    def messages(self, refund_id: str) -> list[dict[str, Any]]:
        """The conversation as dicts (tests)."""
        items: list[dict[str, Any]] = json.loads(self.messages_json(refund_id))["items"]
        return items

    def evidence(self, evidence_id: str) -> tuple[str, bytes, str]:
        """(content type, bytes, sha256) of buyer or merchant evidence."""
        with self._lock:
            planned = self._db.execute("SELECT refund_id FROM evidence_plans WHERE id = ?", (evidence_id,)).fetchone()
            if planned is not None:  # first request: draw it (and the rest of its refund's evidence)
                self._materialize([planned[0]])
            row = self._db.execute("SELECT e.content_type, b.data, e.sha256 FROM evidence e "
                                   "JOIN blobs b ON b.sha256 = e.sha256 WHERE e.id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise ApiError(404, "not_found", f"no evidence {evidence_id}")
        return row[0], row[1], row[2]

    # -- changes feed ----------------------------------------------------------------------------
    def _cursor(self, seq: int) -> str:
        raw = f"{self._epoch}:{seq}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def _parse_cursor(self, cursor: str) -> int:
        if not cursor:
            return 0
        try:
            if len(cursor) > 64:
                raise ValueError
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
            epoch_s, seq_s = raw.split(":")
            epoch, seq = int(epoch_s), int(seq_s)
            if epoch < 1 or seq < 0 or epoch > self._epoch or not raw.isascii():
                raise ValueError
        except (ValueError, UnicodeDecodeError, binascii.Error):
            raise ApiError(400, "bad_request", "cursor is not one this platform issued",
                           {"cursor": cursor[:80]}) from None
        if epoch < self._epoch:
            raise ApiError(410, "cursor_expired", "cursor expired; resync from an empty cursor")
        return seq

    def cursor_seq(self, cursor: str) -> int:
        """The change sequence a cursor stands for (400 garbled, 410 expired)."""
        with self._lock:
            return self._parse_cursor(cursor)

    def changes(self, cursor: str = "", limit: int = 200, wait: float = 0) -> bytes:
        """The changes page as JSON bytes, assembled from the stored documents."""
        if not 1 <= limit <= 500:
            raise ApiError(400, "bad_request", "limit must be within 1..500", {"limit": limit})
        if not 0 <= wait <= 30:
            raise ApiError(400, "bad_request", "wait must be within 0..30 seconds", {"wait": wait})
        with self._lock:
            after = self._parse_cursor(cursor)
            self._fire_due(self.now_ms())
            if wait > 0 and self._seq <= after:
                deadline = local_now_ms() + int(wait * 1000)
                released = self._released
                while self._seq <= after and not self._stopping and self._released == released:
                    left = deadline - local_now_ms()
                    if left <= 0:
                        break
                    if self.next_timer_ms() is not None:  # wake for a timer due during the wait
                        left = min(left, max(1, self._next_timer - self.now_ms()))  # type: ignore[operator]
                    self._changed.wait(left / 1000)
                    self._fire_due(self.now_ms())
                if self._stopping:
                    raise ApiError(503, "unavailable", "the platform is shutting down")
                self._parse_cursor(cursor)  # cursors may have expired while waiting
            while not self._seeded.is_set() and self._seq <= after + limit and not self._closed:
                self._changed.wait(0.5)  # a world still being seeded: a page as soon as it is full
            ids = [r[0] for r in self._db.execute("SELECT id FROM refunds WHERE seq > ? ORDER BY seq LIMIT ?",
                                                  (after, limit + 1))]
            has_more = len(ids) > limit or not self._seeded.is_set()
            ready = self._materialize(ids[:limit], self._page_budget_s())
            if ready < min(limit, len(ids)):
                limit, has_more = ready, True
            rows = self._db.execute("SELECT seq, doc FROM refunds WHERE seq > ? ORDER BY seq LIMIT ?",
                                    (after, limit)).fetchall()
            last = rows[-1][0] if rows else after
            next_cursor = self._cursor(last)
        return b"".join((b'{"items":[', b",".join(r[1] for r in rows), b'],"next_cursor":"', next_cursor.encode(),
                         b'","has_more":', b"true" if has_more else b"false", b"}"))

    def corrupt(self, refund_id: str, patch: dict[str, Any]) -> None:
        """Sandbox only: serve this refund with `patch` merged in unchecked, as a newer version.

        Lets clients test that a malformed record is quarantined and the rest still syncs. The
        record's timers stop (the platform's own rules would choke on it too).
        """
        self._wait_seeded()
        with self._lock:
            self._materialize([refund_id])
            doc, _sim, _timer = self._load(refund_id)
            doc.update(patch)
            if "version" not in patch:
                doc["version"] = doc.get("version", 0) + 1 if isinstance(doc.get("version"), int) else 1
            self._seq += 1
            self._db.execute("UPDATE refunds SET seq = ?, timer_ms = NULL, doc = ? WHERE id = ?",
                             (self._seq, dumps(doc), refund_id))
            self._commit_changes()

    def expire_cursors(self) -> None:
        """Every cursor issued before now answers 410 cursor_expired."""
        self._wait_seeded()
        with self._lock:
            self._epoch += 1
            self._set_meta("cursor_epoch", self._epoch)
            self._db.commit()
            self._notify()

    # -- merchant actions ------------------------------------------------------------------------
    def decide(self, staff: Staff, refund_id: str, idempotency_key: str | None, if_match: str | None,
               body: bytes) -> tuple[int, bytes]:
        """POST /refunds/{id}/decision: (status, body); contract errors raise ApiError."""
        return self._idempotent(staff, "decision", refund_id, idempotency_key, if_match, body, self._decide)

    def statement(self, staff: Staff, refund_id: str, idempotency_key: str | None, if_match: str | None,
                  body: bytes) -> tuple[int, bytes]:
        """POST /refunds/{id}/statement: the merchant's one answer to an appeal."""
        return self._idempotent(staff, "statement", refund_id, idempotency_key, if_match, body, self._statement)

    def post_message(self, staff: Staff, refund_id: str, idempotency_key: str | None, body: bytes
                     ) -> tuple[int, bytes]:
        """POST /refunds/{id}/messages (v1.1): 201 and the message; no If-Match (the state does not change)."""
        return self._idempotent(staff, "message", refund_id, idempotency_key, None, body, self._message,
                                if_match_required=False)

    def propose(self, staff: Staff, refund_id: str, idempotency_key: str | None, if_match: str | None,
                body: bytes) -> tuple[int, bytes]:
        """POST /refunds/{id}/proposal (v1.1): a partial refund or a re-issued card for the buyer to answer."""
        return self._idempotent(staff, "proposal", refund_id, idempotency_key, if_match, body, self._propose)

    def extend(self, staff: Staff, refund_id: str, idempotency_key: str | None, if_match: str | None,
               body: bytes) -> tuple[int, bytes]:
        """POST /refunds/{id}/extension (v1.1): more time to decide, once."""
        return self._idempotent(staff, "extension", refund_id, idempotency_key, if_match, body, self._extend)

    def evidence_answer(self, staff: Staff, refund_id: str, idempotency_key: str | None, if_match: str | None,
                        body: bytes) -> tuple[int, bytes]:
        """POST /refunds/{id}/evidence-answer (v1.1): the merchant answers customer service's request."""
        return self._idempotent(staff, "evidence-answer", refund_id, idempotency_key, if_match, body,
                                self._evidence_answer)

    def _idempotent(self, staff: Staff, what: str, refund_id: str, key: str | None, if_match: str | None,
                    body: bytes, apply: Any, *, if_match_required: bool = True) -> tuple[int, bytes]:
        self._wait_seeded()
        if not key:
            raise ApiError(400, "bad_request", "Idempotency-Key header is required")
        if len(key) > MAX_KEY_CHARS:
            raise ApiError(400, "bad_request", f"Idempotency-Key may have at most {MAX_KEY_CHARS} characters")
        version: int | None = None
        if if_match_required:
            if if_match is None or not if_match.strip():
                raise ApiError(400, "bad_request", 'If-Match header is required: "<version>"')
            version = _parse_if_match(if_match)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "bad_request", "body must be a JSON object") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad_request", "body must be a JSON object")
        fingerprint = hashlib.sha256(json.dumps([what, refund_id, data], sort_keys=True, ensure_ascii=False)
                                     .encode()).hexdigest()
        with self._lock:
            now = self.now_ms()
            self._fire_due(now)
            row = self._db.execute("SELECT fingerprint, status, body, created_ms FROM idempotency WHERE key = ?",
                                   (key,)).fetchone()
            if row is not None and now - row[3] < IDEMPOTENCY_TTL_MS:
                if row[0] != fingerprint:
                    raise ApiError(422, "idempotency_key_reused",
                                   "this Idempotency-Key was used with another request body")
                return row[1], row[2]
            try:
                result = apply(staff, refund_id, version, data, now)
                status, out = result if isinstance(result, tuple) else (200, result)
            except ApiError as err:
                if err.status not in (404, 409, 412, 422):
                    raise
                status, out = err.status, err.body()
                self._remember(key, fingerprint, status, out, now)
                self._db.commit()
                raise
            self._remember(key, fingerprint, status, out, now)
            self._commit_changes()
            return status, out

    def _remember(self, key: str, fingerprint: str, status: int, body: bytes, now: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?)",
                         (key, fingerprint, status, body, now))

    def _check_current(self, refund_id: str, version: int, status_ok: Any, code: str, message: str
                       ) -> tuple[dict[str, Any], dict[str, Any]]:
        """404, then 409 (`status_ok(doc)` false), then 412: the contract's order of checks."""
        self._materialize([refund_id])  # every answer carries the refund, evidence and all
        doc, sim, _ = self._load(refund_id)
        if not status_ok(doc):
            raise ApiError(409, code, message, refund_json=dumps(doc))
        if doc["version"] != version:
            raise ApiError(412, "version_mismatch",
                           f"the refund changed (version {doc['version']}, not {version}); review it again",
                           refund_json=dumps(doc))
        return doc, sim

    def _unknown_merchant_evidence(self, ids: list[str]) -> list[str]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        known = {r[0] for r in self._db.execute(f"SELECT id FROM evidence WHERE merchant = 1 AND id IN ({marks})", ids)}
        return [i for i in ids if i not in known]

    def _decide(self, staff: Staff, refund_id: str, version: int, data: dict[str, Any], now: int) -> bytes:
        doc, sim = self._check_current(refund_id, version, lambda d: d["status"] == "awaiting_merchant",
                                       "not_awaiting_merchant", "the refund is no longer awaiting the merchant")
        fields: dict[str, str] = {}
        action = data.get("action")
        code, text = data.get("reason_code"), data.get("reason_text")
        ev = data.get("evidence_ids", [])
        if not isinstance(action, str):
            fields["action"] = "action must be approve, partial or reject"
        if code is not None and not isinstance(code, str):
            fields["reason_code"] = "reason_code must be text"
        if text is not None and not isinstance(text, str):
            fields["reason_text"] = "reason_text must be text"
        if ev is None:
            ev = []
        if not isinstance(ev, list) or not all(isinstance(e, str) for e in ev):
            fields["evidence_ids"] = "evidence_ids must be a list of merchant evidence ids"
            ev = []
        if not fields:
            draft = DecisionDraft(action, data.get("amount_fen"), code, text, tuple(ev))  # type: ignore[arg-type]
            fields = validate_decision(draft, paid_fen=doc["paid_fen"], requested_fen=doc["requested_fen"],
                                       policy=self.policy)
            if "evidence_ids" not in fields and (missing := self._unknown_merchant_evidence(ev)):
                fields["evidence_ids"] = f"unknown merchant evidence: {', '.join(missing[:5])}"
        if fields:
            raise ApiError(422, "invalid_decision", "the decision is not valid", {"fields": fields})
        amount = data.get("amount_fen")
        if action == "approve":
            amount = doc["requested_fen"]
        elif action == "reject":
            amount = 0
        decision = lc.make_decision(action, amount, code or None, text.strip() if text else None, ev,  # type: ignore[arg-type]
                                    staff.by(), now)
        lc.apply_decision(doc, sim, decision, now, lc.timer_rng(self.seed, doc))
        self._save(doc, sim, applied=1)
        return dumps(doc)

    def _statement(self, staff: Staff, refund_id: str, version: int, data: dict[str, Any], now: int) -> bytes:
        def open_for_statement(d: dict[str, Any]) -> bool:
            a = d["appeal"]
            return (d["status"] == "appealed" and a is not None and a["statement"] is None
                    and now < lc.ms(a["statement_due_at"]))

        doc, sim = self._check_current(refund_id, version, open_for_statement, "not_appealed",
                                       "the refund is not under appeal, or its statement is closed or filed")
        fields: dict[str, str] = {}
        text = data.get("text")
        ev = data.get("evidence_ids", []) or []
        stripped = text.strip() if isinstance(text, str) else ""
        if not stripped:
            fields["text"] = "write a statement"
        elif len(stripped) < self.policy.reason_min_chars:
            fields["text"] = f"the statement needs at least {self.policy.reason_min_chars} characters"
        elif len(stripped) > self.policy.reason_max_chars:
            fields["text"] = f"the statement may have at most {self.policy.reason_max_chars} characters"
        if not isinstance(ev, list) or not all(isinstance(e, str) for e in ev):
            fields["evidence_ids"] = "evidence_ids must be a list of merchant evidence ids"
        elif len(ev) > self.policy.merchant_evidence_max_count:
            fields["evidence_ids"] = f"at most {self.policy.merchant_evidence_max_count} images"
        elif missing := self._unknown_merchant_evidence(ev):
            fields["evidence_ids"] = f"unknown merchant evidence: {', '.join(missing[:5])}"
        if fields:
            raise ApiError(422, "invalid_decision", "the statement is not valid", {"fields": fields})
        lc.statement(doc, sim, now, stripped, ev, staff.by(), lc.timer_rng(self.seed, doc))
        self._save(doc, sim, applied=1)
        return dumps(doc)

    # -- v1.1 merchant writes (under the lock, from _idempotent) -----------------------------------
    def _loaded(self, refund_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        self._materialize([refund_id])
        doc, sim, _ = self._load(refund_id)
        return doc, sim

    def _ids_field(self, ev: Any, most: int, fields: dict[str, str]) -> list[str]:
        """Check a body's evidence_ids (merchant evidence, at most `most`) into `fields`."""
        if ev is None:
            return []
        if not isinstance(ev, list) or not all(isinstance(e, str) for e in ev):
            fields["evidence_ids"] = "evidence_ids must be a list of merchant evidence ids"
            return []
        if len(ev) > most:
            fields["evidence_ids"] = f"at most {most} images"
        elif missing := self._unknown_merchant_evidence(ev):
            fields["evidence_ids"] = f"unknown merchant evidence: {', '.join(missing[:5])}"
        return ev

    def _text_field(self, text: Any, name: str, least: int, most: int, fields: dict[str, str]) -> str:
        stripped = text.strip() if isinstance(text, str) else ""
        if not stripped:
            fields[name] = f"{name} is required"
        elif len(stripped) < least:
            fields[name] = f"{name} needs at least {least} characters"
        elif len(stripped) > most:
            fields[name] = f"{name} may have at most {most} characters"
        return stripped

    def _message(self, staff: Staff, refund_id: str, _version: int | None, data: dict[str, Any], now: int
                 ) -> tuple[int, bytes]:
        doc, sim = self._loaded(refund_id)
        if not lc.conversation_open(doc) or doc["messages"]["count"] >= lc.MAX_MESSAGES:
            raise ApiError(409, "conversation_closed", "the conversation is closed (the refund is final, or it "
                           f"holds {lc.MAX_MESSAGES} messages)", refund_json=dumps(doc))
        if lc.unanswered_merchant(sim) >= self.talk.message_max_unanswered:
            raise ApiError(409, "too_many_unanswered", f"{self.talk.message_max_unanswered} messages are waiting "
                           "for the buyer's reply; the buyer must answer first", refund_json=dumps(doc))
        fields: dict[str, str] = {}
        text = self._text_field(data.get("text"), "text", 1, self.talk.message_max_chars, fields)
        ev = self._ids_field(data.get("evidence_ids"), self.talk.message_max_images, fields)
        if fields:
            raise ApiError(422, "invalid_decision", "the message is not valid", {"fields": fields})
        msg = lc.merchant_message(doc, sim, now, text, ev, staff.by(), lc.talk_rng(self.seed, doc))
        self._save(doc, sim, applied=1)
        return 201, dumps(msg)

    def _propose(self, staff: Staff, refund_id: str, version: int, data: dict[str, Any], now: int) -> bytes:
        doc, sim = self._check_current(refund_id, version, lambda d: d["status"] == "awaiting_merchant",
                                       "not_awaiting_merchant", "the refund is no longer awaiting the merchant")
        fields: dict[str, str] = {}
        kind, amount = data.get("kind"), data.get("amount_fen")
        if kind == "partial":
            if isinstance(amount, bool) or not isinstance(amount, int):
                fields["amount_fen"] = "a partial proposal needs a whole number of fen"
            elif not 1 <= amount < doc["paid_fen"]:
                fields["amount_fen"] = f"a partial proposal is at least 1 and less than the paid {doc['paid_fen']} fen"
        elif kind == "reissue":
            if doc["product"]["category"] not in lc.REISSUABLE:
                fields["kind"] = "a re-issued card is offered only for game cards, gift cards and memberships"
            elif amount is not None:
                fields["amount_fen"] = "a re-issued card has no amount"
            amount = None
        else:
            fields["kind"] = "kind must be partial or reissue"
        message = self._text_field(data.get("message"), "message", self.policy.reason_min_chars,
                                   self.policy.reason_max_chars, fields)
        ev = self._ids_field(data.get("evidence_ids"), self.talk.message_max_images, fields)
        done = doc["negotiation"]["round"] if doc.get("negotiation") else 0
        if done >= self.talk.negotiation_max_rounds:
            fields["round"] = f"the {self.talk.negotiation_max_rounds} rounds of negotiation are used up; decide"
        if doc["messages"]["count"] >= lc.MAX_MESSAGES:
            fields["message"] = f"the conversation holds {lc.MAX_MESSAGES} messages already"
        if fields:
            raise ApiError(422, "invalid_proposal", "the proposal is not valid", {"fields": fields})
        lc.propose(doc, sim, now, kind, amount, message, ev, staff.by(), self.talk,  # type: ignore[arg-type]
                   lc.talk_rng(self.seed, doc))
        self._save(doc, sim, applied=1)
        return dumps(doc)

    def _extend(self, staff: Staff, refund_id: str, version: int, data: dict[str, Any], now: int) -> bytes:
        doc, sim = self._check_current(refund_id, version, lambda d: d["status"] == "awaiting_merchant",
                                       "not_awaiting_merchant", "the refund is no longer awaiting the merchant")
        hours = data.get("hours")
        refusal = lc.extension_refusal(doc, now, hours, self.talk)
        if refusal is not None:
            raise ApiError(422, "extension_not_allowed", {
                "already_extended": "this refund has had its extension already",
                "fast_refund": "a fast refund cannot be extended",
                "past_due": "the response deadline has passed",
                "hours": f"hours must be a whole number within 1..{self.talk.extension_max_hours}"}[refusal],
                {"reason": refusal})
        fields: dict[str, str] = {}
        code = data.get("reason_code")
        if code not in lc.EXTENSION_REASONS:
            fields["reason_code"] = f"reason_code must be one of {', '.join(lc.EXTENSION_REASONS)}"
        text = self._text_field(data.get("reason_text"), "reason_text", self.policy.reason_min_chars,
                                self.policy.reason_max_chars, fields)
        if fields:
            raise ApiError(422, "extension_not_allowed", "the reason for more time is not valid",
                           {"reason": "reason", "fields": fields})
        lc.extend(doc, sim, now, hours, code, text, staff.by())  # type: ignore[arg-type]
        self._save(doc, sim, applied=1)
        return dumps(doc)

    def _evidence_answer(self, staff: Staff, refund_id: str, version: int, data: dict[str, Any], now: int
                         ) -> bytes:
        request_id = data.get("request_id")
        rid = request_id if isinstance(request_id, str) else ""
        doc, sim = self._check_current(refund_id, version, lambda d: lc.open_request(d, rid, now) is not None,
                                       "no_open_request", "no open evidence request with this id on this refund "
                                       "(answered already, past its due_at, or another refund's)")
        fields: dict[str, str] = {}
        text = self._text_field(data.get("text"), "text", self.policy.reason_min_chars, self.talk.message_max_chars,
                                fields)
        ev = self._ids_field(data.get("evidence_ids"), self.policy.merchant_evidence_max_count, fields)
        if fields:
            raise ApiError(422, "invalid_decision", "the answer is not valid", {"fields": fields})
        request = lc.open_request(doc, rid, now)
        lc.answer_evidence(doc, sim, now, request, text, ev, staff.by(), lc.talk_rng(self.seed, doc))  # type: ignore[arg-type]
        self._save(doc, sim, applied=1)
        return dumps(doc)

    def add_merchant_evidence(self, content_type: str | None, data: bytes) -> tuple[int, bytes]:
        """POST /merchant-evidence: 201 {"id","sha256","bytes"}; 413 too large; 415 not that image."""
        self._wait_seeded()
        ctype = (content_type or "").split(";")[0].strip().lower()
        fmt = ACCEPTED_UPLOADS.get(ctype)
        if fmt is None:
            raise ApiError(415, "unsupported_type", "upload image/png, image/jpeg or image/webp",
                           {"content_type": ctype})
        if len(data) > self.policy.merchant_evidence_max_bytes:
            raise ApiError(413, "too_large", f"images may have at most {self.policy.merchant_evidence_max_bytes} bytes",
                           {"bytes": len(data), "max_bytes": self.policy.merchant_evidence_max_bytes})
        check_image(data, fmt)
        with self._lock:
            counters = self._counters()
            counters["merchant_evidence"] = counters.get("merchant_evidence", 0) + 1
            eid = f"me_{counters['merchant_evidence']}"
            self._set_meta("counters", json.dumps(counters))
            self._store_blobs([(eid, ctype, data)], merchant=True)
            self._db.commit()
        return 201, dumps({"id": eid, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})

    # -- buyer actions (sandbox only) ------------------------------------------------------------
    def _buyer(self, refund_id: str, act: Any) -> dict[str, Any]:
        self._wait_seeded()
        with self._lock:
            now = self.now_ms()
            self._fire_due(now)
            self._materialize([refund_id])
            doc, sim, _ = self._load(refund_id)
            try:
                act(doc, sim, now)
            except lc.NotAllowed as exc:
                raise ApiError(409, "not_allowed", str(exc), refund_json=dumps(doc)) from None
            self._save(doc, sim)
            self._commit_changes()
            self._materialize([refund_id])  # an appeal may have brought new evidence
            return self._load(refund_id)[0]

    def urge(self, refund_id: str) -> dict[str, Any]:
        """The buyer urges (催办); only after due_at."""
        return self._buyer(refund_id, lambda d, s, now: lc.urge(d, s, now, self.policy))

    def cancel(self, refund_id: str) -> dict[str, Any]:
        """The buyer withdraws the request."""
        return self._buyer(refund_id, lambda d, s, now: lc.cancel(d, s, now))

    def appeal(self, refund_id: str, reason: str = "商家拒绝理由不成立,请平台介入处理") -> dict[str, Any]:
        """The buyer appeals a rejection (申诉)."""
        def act(d: dict[str, Any], s: dict[str, Any], now: int) -> None:
            ev: list[dict[str, Any]] = []
            if self._factory is not None and d["status"] == "rejected":
                seeder = self._seeder("appeal")
                ev = seeder.evidence(d, _reason_for(d), now, 1)
                self._store_plans([(eid, d["id"], plan) for eid, plan in seeder.take_plans().items()])
                self._set_meta("counters", json.dumps(seeder.counters))
            lc.appeal(d, s, now, reason, ev, self.policy, lc.timer_rng(self.seed, d))
        return self._buyer(refund_id, act)

    def buyer_message(self, refund_id: str, text: str | None = None, images: int = 0
                      ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The buyer writes (v1.1; a natural text when none is given, `images` chat screenshots attached);
        returns (message, refund)."""
        if text is not None and (not isinstance(text, str) or not text.strip()
                                 or len(text.strip()) > self.talk.message_max_chars):
            raise ValueError(f"text must be 1..{self.talk.message_max_chars} characters")
        if isinstance(images, bool) or not isinstance(images, int) or not 0 <= images <= self.talk.message_max_images:
            raise ValueError(f"images must be within 0..{self.talk.message_max_images}")
        self._wait_seeded()
        with self._lock:
            now = self.now_ms()
            self._fire_due(now)
            self._materialize([refund_id])
            doc, sim, _ = self._load(refund_id)
            if not lc.conversation_open(doc) or doc["messages"]["count"] >= lc.MAX_MESSAGES:
                raise ApiError(409, "conversation_closed", "the conversation is closed", refund_json=dumps(doc))
            rng = lc.talk_rng(self.seed, doc)
            if text is None:
                text = voices.first_message(doc, rng) if doc["messages"]["count"] == 0 else voices.follow_up(rng)
            ev: list[str] = []
            if images and self._factory is not None:
                seeder = self._seeder("chat")
                ev = seeder.chat_images(doc, now, images, rng)
                self._store_plans([(eid, refund_id, plan) for eid, plan in seeder.take_plans().items()])
                self._set_meta("counters", json.dumps(seeder.counters))
            msg = lc.buyer_message(doc, sim, now, text.strip(), ev)
            self._save(doc, sim)
            self._commit_changes()
            return msg, self._load(refund_id)[0]

    def answer_proposal(self, refund_id: str, accept: bool, message: str | None = None) -> dict[str, Any]:
        """The buyer accepts or declines the merchant's pending proposal (v1.1)."""
        if not isinstance(accept, bool):
            raise ValueError("accept must be true or false")
        if message is not None and (not isinstance(message, str) or len(message) > self.talk.message_max_chars):
            raise ValueError(f"message must be text of at most {self.talk.message_max_chars} characters")
        return self._buyer(refund_id, lambda d, s, now: lc.answer_proposal(
            d, s, now, accept, message.strip() if message else None, lc.talk_rng(self.seed, d), self.talk))

    def request_evidence(self, refund_id: str, question: str | None = None, hours: int | None = None
                         ) -> dict[str, Any]:
        """Platform customer service asks the merchant for evidence (v1.1; platform_review or appealed)."""
        if question is not None and (not isinstance(question, str) or not question.strip()
                                     or len(question) > self.talk.message_max_chars):
            raise ValueError(f"question must be 1..{self.talk.message_max_chars} characters")
        if hours is None:
            hours = self.talk.evidence_request_hours
        if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 30 * 24:
            raise ValueError("hours must be a whole number within 1..720")

        def act(d: dict[str, Any], s: dict[str, Any], now: int) -> None:
            rng = lc.talk_rng(self.seed, d)
            lc.ask_evidence(d, s, now, question.strip() if question else voices.question(d["status"], rng), hours,
                            rng)
        return self._buyer(refund_id, act)

    def resubmit(self, refund_id: str) -> str:
        """The buyer resubmits a refund rejected for insufficient evidence; returns the new id."""
        self._wait_seeded()
        with self._lock:
            now = self.now_ms()
            self._fire_due(now)
            self._materialize([refund_id])
            doc, sim, _ = self._load(refund_id)
            if not lc.resubmittable(doc, sim):
                raise ApiError(409, "not_allowed", "only a refund rejected for insufficient evidence can be "
                               "resubmitted, once", refund_json=dumps(doc))
            seeder = self._seeder("resubmit")
            facts = {k: doc[k] for k in ("order_no", "product", "quantity", "paid_fen", "payment_channel", "buyer",
                                         "delivered_at", "card", "type", "requested_fen", "reason")}
            new = seeder.submit(now, facts=facts, reason=_reason_for(doc), previous=doc["id"], evidence=False)
            new.doc["evidence"] = seeder.evidence(facts, _reason_for(doc), now, 2)
            before = doc["version"]
            lc.close_as_resubmitted(doc, sim, now, new.doc["id"])
            self._save(doc, sim, bump=doc["version"] != before)
            self._insert([new], seeder.take_plans())
            self._set_meta("counters", json.dumps(seeder.counters))
            self._commit_changes()
            new_id: str = new.doc["id"]
            return new_id

    def set_simulation(self, buyers: bool | None = None, customer_service: bool | None = None) -> dict[str, bool]:
        """Switch the sandbox's buyers (replies, answers to proposals) and customer service (evidence
        requests) acting by themselves on or off; what they planned while off is dropped when due."""
        for value in (buyers, customer_service):
            if value is not None and not isinstance(value, bool):
                raise ValueError("buyers and customer_service must be true or false")
        self._wait_seeded()
        with self._lock:
            if buyers is not None:
                self._simulate["buyers"] = buyers
                self._set_meta("simulate_buyers", int(buyers))
            if customer_service is not None:
                self._simulate["customer_service"] = customer_service
                self._set_meta("simulate_customer_service", int(customer_service))
            self._db.commit()
            return dict(self._simulate)

    def simulation(self) -> dict[str, bool]:
        return dict(self._simulate)

    # -- faults ----------------------------------------------------------------------------------
    def set_faults(self, error_rate: float = 0.0, latency_ms: int = 0, drop_after_commit_rate: float = 0.0,
                   rate_limit_rate: float = 0.0, retry_after_s: int = 1, maintenance: bool = False) -> Faults:
        """Replace the injected faults (all off by default)."""
        for name, rate in (("error_rate", error_rate), ("drop_after_commit_rate", drop_after_commit_rate),
                           ("rate_limit_rate", rate_limit_rate)):
            if not 0.0 <= float(rate) <= 1.0:
                raise ValueError(f"{name} must be within 0..1")
        if latency_ms < 0 or retry_after_s < 0:
            raise ValueError("latency_ms and retry_after_s must be >= 0")
        with self._lock:
            self.faults = Faults(float(error_rate), int(latency_ms), float(drop_after_commit_rate),
                                 float(rate_limit_rate), int(retry_after_s), bool(maintenance))
            return self.faults

    def faults_json(self) -> bytes:
        return dumps(asdict(self.faults))

    def fault_plan(self) -> FaultPlan:
        """Roll the dice for one /api/v1 request."""
        with self._lock:
            f, r = self.faults, self._fault_rng
            plan = FaultPlan(latency_s=f.latency_ms / 1000)
            retry = {"Retry-After": str(f.retry_after_s)}
            if f.maintenance:
                plan.error = ApiError(503, "maintenance", MAINTENANCE_MESSAGE, headers=retry)
            elif f.rate_limit_rate and r.random() < f.rate_limit_rate:
                plan.error = ApiError(429, "rate_limited", "too many requests; retry after the given delay",
                                      headers=retry)
            elif f.error_rate and r.random() < f.error_rate:
                status = r.choice((500, 502, 503))
                code = {500: "internal_error", 502: "bad_gateway", 503: "unavailable"}[status]
                plan.error = ApiError(status, code, "injected platform error (sandbox fault)")
            elif f.drop_after_commit_rate and r.random() < f.drop_after_commit_rate:
                plan.drop_after_commit = True
            return plan

    # -- lifetime --------------------------------------------------------------------------------
    def release_waits(self) -> None:
        """Answer every long-poll now with what there is, and keep serving (a demo console switching
        role lets go of its long-poll this way; `interrupt_waits` is for a platform that stops)."""
        with self._lock:
            self._released += 1
            self._notify()

    def interrupt_waits(self) -> None:
        """Answer every long-poll now (the server is stopping)."""
        with self._lock:
            self._stopping = True
            self._notify()

    def close(self) -> None:
        """Wake long-polls and close the database; idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = self._stopping = True
            self._notify()
            if self._pinned_ms is not None:  # a reopened file's clock goes on from here
                self._set_meta("pinned_ms", self.now_ms())
            self._db.commit()
            self._db.close()
        if self._seeding is not None and self._seeding is not threading.current_thread():
            self._seeding.join()


def _parse_if_match(value: str) -> int:
    v = value.strip()
    v = v.removeprefix("W/")
    v = v.strip('"')
    if not v.isdigit() or len(v) > 12:
        raise ApiError(400, "bad_request", 'If-Match must be "<version>"', {"if_match": value[:40]})
    return int(v)


def _evidence_entries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The buyer's evidence entries of a refund document: its own and its appeal's."""
    appeal = doc.get("appeal")
    lists = [doc.get("evidence"), appeal.get("evidence") if isinstance(appeal, dict) else None]
    return [e for lst in lists if isinstance(lst, list) for e in lst if isinstance(e, dict)]


def _evidence_ids(doc: dict[str, Any]) -> list[str]:
    return [e["id"] for e in _evidence_entries(doc) if isinstance(e.get("id"), str)]


def _message_rows(refund_id: str, sim: dict[str, Any]) -> list[tuple[str, str, int, bytes]]:
    """The messages a change added (lifecycle keeps them in sim["_out"]) as rows for the messages table."""
    out = sim.pop("_out", None) or ()
    return [(m["id"], refund_id, int(m["id"].rsplit("_", 1)[1]), dumps(m)) for m in out]


def _reason_for(doc: dict[str, Any]) -> Any:
    return next((r for r in REASONS if r.text == doc["reason"]), REASONS[0])


def check_image(data: bytes, fmt: str) -> None:
    """Raise 415 unless `data` really is a decodable image of format `fmt`."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            real = im.format
            w, h = im.size
            if real != fmt:
                raise ValueError(f"the bytes are {real or 'not an image'}, not {fmt}")
            if w * h > MAX_UPLOAD_PIXELS:
                raise ValueError("image has too many pixels")
            im.verify()
        with Image.open(io.BytesIO(data)) as im:
            im.load()
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not a valid image"
        raise ApiError(415, "unsupported_type", f"not a valid {fmt} image: {exc}"[:200]) from None


# statuses in which a refund waits for the merchant: a new world hands these out first
_NEEDS_MERCHANT = ("awaiting_merchant", "appealed")


def _feed_order(s: Seeded) -> tuple[Any, ...]:
    """The change sequence new refunds get: those waiting for the merchant first, the nearest deadline
    (fast-refund auto-approval, else the response or statement deadline) first among them; then the rest
    as they last changed. A console syncing a new world (the demo's first start, a big sandbox) gets the
    refunds it has to act on in its first page, while the history behind them is still being drawn."""
    doc = s.doc
    if doc["status"] in _NEEDS_MERCHANT:
        appeal = doc.get("appeal") or {}
        moment = doc.get("auto_approve_at") or appeal.get("statement_due_at") or doc.get("due_at") or ""
        return (0, moment, doc["updated_at"], doc["id"])
    return (1, "", doc["updated_at"], doc["id"])
