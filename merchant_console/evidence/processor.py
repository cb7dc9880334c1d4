"""Everything done to an evidence file when its bytes arrive: decode, renditions, facts, hashes.

`EvidenceProcessor.on_cached` is what the sync engine calls (on its thread) after it verified and
cached a file. It never raises: a hostile file is recorded as broken with the reason, and any
unexpected failure is logged and recorded, so prefetching carries on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..store import evidence_reading, risk
from ..store.changes import Changes
from ..store.engine import Database
from . import dhash as dh
from .decode import CORRUPT, TOO_LARGE, Broken, Decoded, decode, exif_text
from .renditions import RenditionStore

if TYPE_CHECKING:
    from ..store.evidence_cache import EvidenceCache
    from . import similarity as sim
else:
    class _Similarity:
        """The similarity module, imported when an image is first signed or compared: it brings numpy and
        OpenCV (~0.3 s), which the console's start and the command line's short commands never need."""

        def __getattr__(self, name: str) -> Any:
            from . import similarity
            return getattr(similarity, name)

    sim = _Similarity()

log = logging.getLogger(__name__)

# names (lower case) found in EXIF Software when an editor, not the phone, wrote the file
EDITORS = {
    "photoshop": "Photoshop", "lightroom": "Lightroom", "gimp": "GIMP", "snapseed": "Snapseed",
    "picsart": "PicsArt", "美图": "美图秀秀", "meitu": "美图秀秀", "醒图": "醒图", "faceu": "FaceU",
    "黄油相机": "黄油相机", "canva": "Canva", "pixlr": "Pixlr", "affinity": "Affinity Photo",
    "paint.net": "Paint.NET", "fotor": "Fotor", "vsco": "VSCO", "wps图片": "WPS图片", "photoscape": "PhotoScape",
}
_TAG_MAKE, _TAG_MODEL, _TAG_SOFTWARE, _TAG_DATETIME, _TAG_DATETIME_ORIGINAL = 0x010F, 0x0110, 0x0131, 0x0132, 0x9003


def editor_in(software: str | None) -> str | None:
    """The editing app named by an EXIF Software value, or None (phones and cameras write theirs too)."""
    if not software:
        return None
    low = software.lower()
    for needle, name in EDITORS.items():
        if needle in low:
            return name
    return None


def facts_from(decoded: Decoded) -> dict[str, Any]:
    """The facts columns of a decoded image (see store.models.EvidenceFacts)."""
    ex = decoded.exif
    software = exif_text(ex.get(_TAG_SOFTWARE))
    return {
        "broken": None, "detail": None,
        "format": decoded.format,
        "width": decoded.image.width, "height": decoded.image.height,
        "orientation": decoded.orientation,
        "camera_make": exif_text(ex.get(_TAG_MAKE)),
        "camera_model": exif_text(ex.get(_TAG_MODEL)),
        "software": software,
        "editor": editor_in(software),
        "taken_at": exif_text(ex.get(_TAG_DATETIME_ORIGINAL)) or exif_text(ex.get(_TAG_DATETIME)),
        "dhash": dh.to_hex(dh.dhash(decoded.image)),
    }


class EvidenceProcessor:
    """Makes renditions and facts of cached evidence and keeps the near-identical index current.

    `db`: the console's database; `cache_root`: the evidence cache folder (renditions are kept in
    `<cache_root>/renditions`). Thread-safe; one instance per process is enough.
    """

    def __init__(self, db: Database, cache_root: str | Path, *, now_ms: Callable[[], int] | None = None) -> None:
        self.db = db
        self.renditions = RenditionStore(Path(cache_root) / "renditions")
        self.now_ms = now_ms or (lambda: int(time.time() * 1000))
        self._lock = threading.Lock()
        self._index: sim.SimilarIndex | None = None
        self._upkept = False   # the cache's start-up upkeep ran (see `upkeep`)

    def on_cached(self, ev: dict[str, Any], path: Path) -> None:
        """SyncEngine's `on_evidence_cached`: process the file unless its digest already was."""
        try:
            sha = ev["sha256"]
            with self.db.read() as conn:
                done = risk.facts_of(conn, [sha]).get(sha)
            if done is not None and (done["broken"] or self.renditions.get(sha) is not None):
                return
            self.process(sha, path)
        except Exception:  # noqa: BLE001 - one bad file must never stop prefetching
            log.exception("processing evidence %s failed", ev.get("id"))

    def process(self, sha256: str, src: bytes | str | Path) -> dict[str, Any]:
        """Decode one file and store its facts (or why it is broken), renditions and similar pairs."""
        worked = self.work(sha256, src)
        with self.db.write() as conn:
            self.record(conn, worked)
        return worked.facts

    def work(self, sha256: str, src: bytes | str | Path, conn: Connection | None = None) -> Worked:
        """Everything `process` does but store it: decode, facts, renditions (files), signature and the
        near-copies it has (read through `conn` when given, e.g. the GUI's reader). `record` stores it,
        so a caller with one writer (the GUI's) writes it there."""
        facts: dict[str, Any]
        signature: sim.Signature | None = None
        try:
            decoded = decode(src)
            facts = facts_from(decoded)
            self.renditions.make(sha256, decoded.image)
            signature = _signature_of(sha256, decoded.image)
            del decoded  # the full image can be large: let it go before the next one
        except Broken as e:
            facts = {"broken": e.reason, "detail": e.detail[:500]}
        except MemoryError:
            facts = {"broken": TOO_LARGE, "detail": "out of memory while decoding"}
        except Exception as e:  # noqa: BLE001 - a decoder bug on hostile input is still "corrupt"
            log.warning("unexpected failure decoding %s: %r", sha256[:12], e)
            facts = {"broken": CORRUPT, "detail": f"{type(e).__name__}: {e}"[:500]}
        facts["sha256"] = sha256
        facts["processed_at"] = self.now_ms()
        matches = self._near(sha256, signature, conn) if signature is not None else []
        return Worked(sha256, facts, signature, matches)

    @staticmethod
    def record(conn: Connection, worked: Worked) -> None:
        """Store what `work` found, in the caller's write transaction."""
        risk.save_facts(conn, worked.facts)
        if worked.signature is not None:
            evidence_reading.save_signature(conn, worked.sha256, sim.VERSION, sim.keys_to_bytes(worked.signature.keys),
                                            worked.signature.to_bytes())
        risk.save_similar(conn, worked.sha256, worked.matches)

    def forget(self, sha256: str) -> None:
        """The cache let this original go (`EvidenceCache.on_evicted`): its renditions go with it.

        Facts, hashes and similar pairs stay (they are small and still true); the renditions are made
        again when the original comes back (on demand, or by the viewer from a cached original).
        """
        self.renditions.forget(sha256)

    def forget_orphans(self, cached: Callable[[], Collection[str]]) -> int:
        """Delete renditions whose original is not cached (left by versions that never deleted them).

        `cached()` is asked after the folders are listed, so renditions made meanwhile are not taken
        for orphans. Returns how many were deleted.
        """
        found = self.renditions.digests()
        if not found:
            return 0
        keep = set(cached())
        gone = [sha for sha in found if sha not in keep]
        for sha in gone:
            self.renditions.forget(sha)
        return len(gone)

    def backfill(self, cache_path: Callable[[str], Path | None]) -> list[str]:
        """Process cached files that have no facts yet; `cache_path(sha)` finds a file. Returns their digests."""
        with self.db.read() as conn:
            todo = risk.unprocessed_cached(conn)
            unsigned = evidence_reading.unsigned_cached(conn, sim.VERSION)
        done: list[str] = []
        for sha in todo:
            path = cache_path(sha)
            if path is not None:
                self.process(sha, path)
                done.append(sha)
        for sha in unsigned:  # processed before signatures (migration 0012): sign and pair them now
            path = cache_path(sha)
            if path is not None:
                self.sign(sha, path)
                done.append(sha)
        return done

    def upkeep(self, cache: EvidenceCache) -> Changes:
        """Once per processor (a session has one), on the live sync's evidence thread (SyncEngine's `upkeep`;
        a sync restarted after a role switch or a pause does not do it again): renditions whose originals
        earlier versions evicted go; images cached before this version (or by a command line without
        processing) get their facts, thumbnails and signatures. Returns the change notice of what it
        processed, so a pane or viewer waiting for those images, and the text reader, hear of them."""
        with self._lock:
            if self._upkept:
                return Changes()
            self._upkept = True
        self.forget_orphans(cache.digests)
        done = self.backfill(lambda sha: cache.path(sha, self.now_ms()))
        if not done:
            return Changes()
        with self.db.read() as conn:
            marks = ",".join("?" * len(done))
            pairs = conn.exec_driver_sql(f"SELECT refund_id, sha256 FROM evidence WHERE sha256 IN ({marks})",
                                         tuple(done)).all()
        return Changes.of_evidence((rid, sha) for rid, sha in pairs)

    def sign(self, sha256: str, src: bytes | str | Path) -> None:
        """Make and store the signature of an image processed before signatures existed, and its pairs."""
        try:
            signature = _signature_of(sha256, decode(src).image)
        except Exception as e:  # noqa: BLE001 - a file that no longer decodes just has no signature
            log.warning("no signature for %s: %r", sha256[:12], e)
            return
        if signature is None:
            return
        matches = self._near(sha256, signature)
        with self.db.write() as conn:
            evidence_reading.save_signature(conn, sha256, sim.VERSION, sim.keys_to_bytes(signature.keys),
                                            signature.to_bytes())
            risk.save_similar(conn, sha256, matches)

    def _near(self, sha256: str, signature: sim.Signature, conn: Connection | None = None) -> list[tuple[str, int]]:
        """Stored images this one is a near-copy of, as (sha256, difference 0–100); read through `conn` if given."""
        with self._lock:
            if self._index is None:
                self._index = sim.SimilarIndex()
                with _reading(self.db, conn) as c:
                    for other, keys in evidence_reading.all_signature_keys(c, sim.VERSION).items():
                        self._index.add(other, sim.keys_from_bytes(keys))
            candidates = self._index.candidates(sha256, signature.keys)[:MAX_COMPARED]
            self._index.add(sha256, signature.keys)
        if not candidates:
            return []
        with _reading(self.db, conn) as c:
            stored = evidence_reading.signature_data(c, candidates)
        found = []
        for other in candidates:
            data = stored.get(other)
            if data is None:
                continue
            try:
                verdict = sim.compare(signature, sim.Signature.from_bytes(data))
            except ValueError:
                continue
            if verdict.copy:
                found.append((other, 100 - verdict.score))
        return found


MAX_COMPARED = 40   # candidates compared per new image (most shared blocks first)


@dataclass
class Worked:
    """What `EvidenceProcessor.work` found about one file, not yet stored (see `record`)."""

    sha256: str
    facts: dict[str, Any]
    signature: sim.Signature | None
    matches: list[tuple[str, int]]


@contextmanager
def _reading(db: Database, conn: Connection | None) -> Iterator[Connection]:
    """The caller's connection when it gave one, else a read transaction of our own."""
    if conn is not None:
        yield conn
        return
    with db.read() as own:
        yield own


def _signature_of(sha256: str, image: Any) -> sim.Signature | None:
    try:
        return sim.signature(image)
    except Exception as e:  # noqa: BLE001 - a signature is a bonus; the facts and renditions stand
        log.warning("signature of %s failed: %r", sha256[:12], e)
        return None
