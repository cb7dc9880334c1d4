"""Evidence bytes on disk, named by sha256, checked before they are kept, evicted least-recently-used."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from .engine import Database
from .models import EvidenceBlob

DEFAULT_MAX_TOTAL = 2 * 1024**3
DEFAULT_MAX_FILE = 64 * 1024**2
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class EvidenceRejected(ValueError):
    """Bytes that will not be kept: wrong digest or over the size cap."""


class EvidenceCache:
    def __init__(self, root: str | Path, db: Database, *, max_total_bytes: int = DEFAULT_MAX_TOTAL,
                 max_file_bytes: int = DEFAULT_MAX_FILE) -> None:
        self.root = Path(root)
        self.db = db
        self.max_total_bytes = max_total_bytes
        self.max_file_bytes = max_file_bytes

    def _path(self, sha256: str) -> Path:
        if not _SHA_RE.match(sha256):
            raise EvidenceRejected(f"not a sha256 digest: {sha256[:80]!r}")
        return self.root / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes, now_ms: int) -> Path:
        """Keep `data` if it hashes to `sha256` and fits the caps; evict older files to make room."""
        if len(data) > self.max_file_bytes:
            raise EvidenceRejected(f"file is {len(data)} bytes, over the {self.max_file_bytes}-byte limit")
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise EvidenceRejected(f"content does not match its sha256 (expected {sha256[:12]}…, got {actual[:12]}…)")
        path = self._path(sha256)
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

    def forget(self, sha256: str) -> None:
        with self.db.write() as conn:
            conn.execute(delete(EvidenceBlob).where(EvidenceBlob.sha256 == sha256))
        self._path(sha256).unlink(missing_ok=True)

    def total_bytes(self) -> int:
        with self.db.read() as conn:
            return conn.execute(select(func.coalesce(func.sum(EvidenceBlob.size), 0))).scalar_one()

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
        for sha in victims:
            self._path(sha).unlink(missing_ok=True)
        return freed
