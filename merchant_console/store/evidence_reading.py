"""What is kept of looking at evidence images: block signatures (near-copies) and the text read.

Both are keyed by the file's sha256, computed once per file: a file reused by another refund is not
read again. Reading order is the queue's urgency (the most urgent refund's images first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.sqlite import insert

from .engine import json_text
from .models import EvidenceSignature, EvidenceText

_CHUNK = 500

READ = "read"
FAILED = "failed"


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    items = list(dict.fromkeys(items))
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


# --- signatures ----------------------------------------------------------------------------------

def save_signature(conn: Connection, sha256: str, version: int, keys: bytes, data: bytes) -> None:
    stmt = insert(EvidenceSignature).values(sha256=sha256, version=version, keys=keys, data=data)
    conn.execute(stmt.on_conflict_do_update(index_elements=[EvidenceSignature.sha256],
                                            set_={"version": version, "keys": keys, "data": data}))


def all_signature_keys(conn: Connection, version: int) -> dict[str, bytes]:
    """sha256 -> the block keys of every image signed with this version."""
    q = select(EvidenceSignature.sha256, EvidenceSignature.keys).where(EvidenceSignature.version == version)
    return {sha: keys for sha, keys in conn.execute(q).all()}


def signature_data(conn: Connection, sha256s: Iterable[str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for shas in _chunks(list(sha256s)):
        q = select(EvidenceSignature.sha256, EvidenceSignature.data).where(EvidenceSignature.sha256.in_(shas))
        out.update({sha: data for sha, data in conn.execute(q).all()})
    return out


def unsigned_cached(conn: Connection, version: int) -> list[str]:
    """Good images in the evidence cache without a current signature (cached before it existed)."""
    q = text("SELECT b.sha256 FROM evidence_blobs b JOIN evidence_facts f ON f.sha256 = b.sha256 "
             "LEFT JOIN evidence_signature s ON s.sha256 = b.sha256 "
             "WHERE f.broken IS NULL AND (s.sha256 IS NULL OR s.version != :v) ORDER BY b.stored_at")
    return [r[0] for r in conn.execute(q, {"v": version})]


# --- text ----------------------------------------------------------------------------------------

def save_text(conn: Connection, sha256: str, *, status: str, read_at: int, engine: str,
              seconds: float | None, lines: list[dict[str, Any]], detail: str | None = None) -> None:
    """Store what was read from one image (or that reading failed, and why)."""
    # one fixed statement: building the ORM upsert anew (its cache key, its JSON column) cost ~1 ms of the
    # console's CPU per image read, a tenth of what a reading costs the console at idle
    conn.execute(_SAVE_TEXT, {"sha256": sha256, "status": status, "read_at": read_at, "engine": engine,
                              "seconds": seconds, "text": "\n".join(str(ln.get("text", "")) for ln in lines),
                              "lines": json_text(lines), "detail": detail})


_SAVE_TEXT = text(
    "INSERT INTO evidence_text (sha256, status, read_at, engine, seconds, text, lines, detail) "
    "VALUES (:sha256, :status, :read_at, :engine, :seconds, :text, :lines, :detail) "
    "ON CONFLICT (sha256) DO UPDATE SET status = excluded.status, read_at = excluded.read_at, "
    "engine = excluded.engine, seconds = excluded.seconds, text = excluded.text, lines = excluded.lines, "
    "detail = excluded.detail")


def text_of(conn: Connection, sha256s: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored reading of each image that has one, by sha256."""
    out: dict[str, dict[str, Any]] = {}
    for shas in _chunks(list(sha256s)):
        for r in conn.execute(select(EvidenceText.__table__).where(EvidenceText.sha256.in_(shas))).mappings():
            out[r["sha256"]] = dict(r)
    return out


def unread(conn: Connection, limit: int = 20) -> list[tuple[str, str]]:
    """(sha256, refund id) of cached good images not read yet, the most urgent refund's first."""
    q = text(
        "SELECT e.sha256, MIN(e.refund_id) FROM evidence e "
        "JOIN refunds r ON r.id = e.refund_id "
        "JOIN evidence_blobs b ON b.sha256 = e.sha256 "
        "JOIN evidence_facts f ON f.sha256 = e.sha256 AND f.broken IS NULL "
        "LEFT JOIN evidence_text t ON t.sha256 = e.sha256 "
        "WHERE t.sha256 IS NULL "
        "GROUP BY e.sha256 "
        "ORDER BY MIN(r.next_deadline_at IS NULL), MIN(r.next_deadline_at), MIN(r.submitted_at) LIMIT :n")
    return [(r[0], r[1]) for r in conn.execute(q, {"n": limit})]


def unread_count(conn: Connection, refund_id: str) -> int:
    """How many of a refund's images have not been read yet (fetched or still to fetch; not those that failed
    for good): the risk signals from their text may still come."""
    q = text("SELECT COUNT(DISTINCT e.sha256) FROM evidence e "
             "LEFT JOIN evidence_text t ON t.sha256 = e.sha256 "
             "LEFT JOIN evidence_facts f ON f.sha256 = e.sha256 "
             "WHERE e.refund_id = :rid AND t.sha256 IS NULL AND f.broken IS NULL AND e.fetch_error IS NULL")
    return int(conn.execute(q, {"rid": refund_id}).scalar() or 0)


def search_refund_rowids_sql() -> str:
    """Rowids of refunds with an image whose read text contains :search_p (a LIKE pattern)."""
    return ("SELECT r.rowid FROM evidence_text t JOIN evidence e ON e.sha256 = t.sha256 "
            "JOIN refunds r ON r.id = e.refund_id WHERE t.text LIKE :search_p ESCAPE '\\'")
