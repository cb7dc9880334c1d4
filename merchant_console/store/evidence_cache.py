"""Evidence bytes on disk, named by sha256, checked before they are kept, evicted within a size cap.

Which files go to make room is the caller's choice (`make_room`, `put(victims=...)`: the sync engine
keeps the evidence the merchant needs soonest); without one, least recently used goes first. Whatever
is made from an original (thumbnails, previews) is the `on_evicted` hook's to delete: the store does
not know the evidence layer.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from .engine import Database
from .models import EvidenceBlob

DEFAULT_MAX_TOTAL = 2 * 1024**3
DEFAULT_MAX_FILE = 64 * 1024**2
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")

log = logging.getLogger(__name__)


class EvidenceRejected(ValueError):
    """Bytes that will not be kept: wrong digest or over the size cap."""


class CacheFull(EvidenceRejected):
    """The files the caller allowed to go cannot free enough room for these bytes (nothing was evicted)."""


class EvidenceCache:
    """`on_evicted(sha256)` is called after an original was evicted or forgotten (its file is gone)."""

    def __init__(self, root: str | Path, db: Database, *, max_total_bytes: int = DEFAULT_MAX_TOTAL,
                 max_file_bytes: int = DEFAULT_MAX_FILE, on_evicted: Callable[[str], None] | None = None) -> None:
        self.root = Path(root)
        self.db = db
        self.max_total_bytes = max_total_bytes
        self.max_file_bytes = max_file_bytes
        self.on_evicted = on_evicted
        self.dropped = 0   # files that left the cache through this object (prefetch may then have work again)

    def _path(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise EvidenceRejected(f"not a sha256 digest: {sha256[:80]!r}")
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes, now_ms: int, *, victims: Iterable[str] | None = None) -> Path:
        """Keep `data` if it hashes to `sha256` and fits the caps, making room first.

        Room is made from `victims` in their order (see `make_room`; CacheFull, nothing written, when
        they cannot free enough), or by evicting least recently used files when `victims` is None.
        """
        if len(data) > self.max_file_bytes:
            raise EvidenceRejected(f"file is {len(data)} bytes, over the {self.max_file_bytes}-byte limit")
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise EvidenceRejected(f"content does not match its sha256 (expected {sha256[:12]}…, got {actual[:12]}…)")
        path = self._path(sha256)
        if victims is not None and not self.holds(sha256) and self.make_room(len(data), victims) is None:
            raise CacheFull(f"no room for {len(data)} bytes within the {self.max_total_bytes}-byte cache")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a reader never sees half a file
        with self.db.write() as conn:
            conn.execute(insert(EvidenceBlob).values(sha256=sha256, size=len(data), stored_at=now_ms,
                                                     last_access_at=now_ms)
                         .on_conflict_do_update(index_elements=[EvidenceBlob.sha256],
                                                set_={"last_access_at": now_ms}))
        self.evict(keep=sha256)
        return path

    def get(self, sha256: str, now_ms: int) -> bytes | None:
        """The cached bytes (re-checked against the digest), or None; marks them recently used."""
        path = self.path(sha256, now_ms)
        if path is None:
            return None
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:  # damaged on disk: forget it, fetch again later
            self.forget(sha256)
            return None
        return data

    def path(self, sha256: str, now_ms: int) -> Path | None:
        path = self._path(sha256)
        with self.db.write() as conn:
            hit = conn.execute(update(EvidenceBlob).where(EvidenceBlob.sha256 == sha256)
                               .values(last_access_at=now_ms)).rowcount
        if not hit:
            return None
        if not path.exists():
            self.forget(sha256)
            return None
        return path

    def lookup(self, conn: Connection, sha256: str) -> Path | None:
        """Where these bytes are cached, read through `conn`; None if they are not. Not counted as a use
        (the caller records one with `path`, where it writes)."""
        hit = conn.execute(select(EvidenceBlob.sha256).where(EvidenceBlob.sha256 == sha256)).first()
        path = self._path(sha256)
        return path if hit is not None and path.exists() else None

    def holds(self, sha256: str) -> bool:
        """Whether these bytes are cached (does not count as a use)."""
        with self.db.read() as conn:
            return conn.execute(select(EvidenceBlob.sha256).where(EvidenceBlob.sha256 == sha256)).first() is not None

    def digests(self) -> set[str]:
        """Every cached digest."""
        with self.db.read() as conn:
            return set(conn.execute(select(EvidenceBlob.sha256)).scalars())

    def forget(self, sha256: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256 == sha256))
        self._drop_files([sha256])

    def total_bytes(self) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.coalesce(func.sum(EvidenceBlob.size), 0))).scalar_one()

    def fits(self, size: int) -> bool:
        """Whether `size` more bytes fit under the cap without evicting anything."""
        return self.total_bytes() + size <= self.max_total_bytes

    def room_for(self, size: int, victims: Iterable[str]) -> list[str] | None:
        """Which of `victims` `make_room` would evict for `size` more bytes (None: it cannot); evicts nothing."""
        with self.db.read() as conn:
            return self._choose(conn, size, victims)

    def make_room(self, size: int, victims: Iterable[str]) -> list[str] | None:
        """Evict files from `victims`, in their order, until `size` more bytes fit under the cap.

        Returns the digests evicted (none when the bytes fit already). Digests not cached (any more)
        are skipped; when all of them together cannot free enough, nothing is evicted: None.
        """
        with self.db.write() as conn:
            chosen = self._choose(conn, size, victims)
            if not chosen:
                return chosen
            conn.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256.in_(chosen)))
        self._drop_files(chosen)
        return chosen

    def _choose(self, conn: Connection, size: int, victims: Iterable[str]) -> list[str] | None:
        if size > self.max_total_bytes:
            return None
        total = conn.execute(select(func.coalesce(func.sum(EvidenceBlob.size), 0))).scalar_one()
        if total + size <= self.max_total_bytes:
            return []
        sizes = {sha: n for sha, n in conn.execute(select(EvidenceBlob.sha256, EvidenceBlob.size))}
        chosen, freed = [], 0
        for sha in victims:
            if total - freed + size <= self.max_total_bytes:
                break
            got = sizes.pop(sha, None)
            if got is not None:
                chosen.append(sha)
                freed += got
        return chosen if total - freed + size <= self.max_total_bytes else None

    def evict(self, keep: str | None = None) -> int:
        """Drop least-recently-used files until the total fits; returns the bytes freed."""
        freed = 0
        with self.db.write() as conn:
            total = conn.execute(select(func.coalesce(func.sum(EvidenceBlob.size), 0))).scalar_one()
            if total <= self.max_total_bytes:
                return 0
            victims = []
            for sha, size in conn.execute(select(EvidenceBlob.sha256, EvidenceBlob.size)
                                          .order_by(EvidenceBlob.last_access_at, EvidenceBlob.sha256)):
                if total - freed <= self.max_total_bytes:
                    break
                if sha == keep:
                    continue
                victims.append(sha)
                freed += size
            if victims:
                conn.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256.in_(victims)))
        self._drop_files(victims)
        return freed

    def _drop_files(self, digests: list[str]) -> None:
        """Delete evicted originals (their rows are gone) and tell `on_evicted`."""
        self.dropped += len(digests)
        for sha in digests:
            self._path(sha).unlink(missing_ok=True)
            if self.on_evicted is not None:
                try:
                    self.on_evicted(sha)
                except Exception:  # noqa: BLE001 - a leftover rendition must not stop an eviction
                    log.exception("after evicting %s", sha[:12])
