"""Refund rows: the upsert that lets the higher version win, lookups, counts and search."""

from __future__ import annotations

import enum
import json
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert

from . import conversation
from .engine import sqlite_of
from .models import Evidence, QuarantinedRecord, Refund

REFUND_COLUMNS = [c.name for c in Refund.__table__.columns]
# a row made without the v1.1 fields (a v1 platform's refund always has them after parsing; tests' rows may not)
_V11_DEFAULTS = {"messages_count": 0, "unanswered_buyer": 0}
EVIDENCE_COLUMNS = [c.name for c in Evidence.__table__.columns if c.name != "fetch_error"]

_refund_insert = insert(Refund)
UPSERT_REFUND = _refund_insert.on_conflict_do_update(
    index_elements=[Refund.id],
    set_={c: getattr(_refund_insert.excluded, c) for c in REFUND_COLUMNS if c != "id"},
    # a page may carry an older state than we hold (a replayed page after a crash): keep the newer
    where=_refund_insert.excluded.version > Refund.version,
)
_ev_insert = insert(Evidence)
UPSERT_EVIDENCE = _ev_insert.on_conflict_do_update(
    index_elements=[Evidence.refund_id, Evidence.id],
    set_={c: getattr(_ev_insert.excluded, c) for c in EVIDENCE_COLUMNS if c not in ("refund_id", "id")},
)


def upsert_refunds(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert or update parsed refund rows (from `core.refund.parse_refund`) and their evidence."""
    if not rows:
        return
    conn.execute(UPSERT_REFUND, [{c: r.get(c, _V11_DEFAULTS.get(c)) for c in REFUND_COLUMNS} for r in rows])
    evidence = [dict(e, refund_id=r["id"]) for r in rows for e in r["evidence"]]
    if evidence:
        # evidence of a refund we did not update (older version) is harmless to refresh: ids are stable
        conn.execute(UPSERT_EVIDENCE, evidence)
    conversation.store_children(conn, rows)  # v1.1: proposal rounds, the extension, evidence requests
    ids = [r["id"] for r in rows]
    # a record that was quarantined and now arrives well-formed is no longer a problem
    conn.execute(delete(QuarantinedRecord).where(QuarantinedRecord.refund_id.in_(ids)))


def get_refund(conn: Connection, refund_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(Refund.__table__).where(Refund.id == refund_id)).mappings().first()
    return dict(row) if row else None


def versions(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(Refund.id, Refund.version)).all())


def count_by_status(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(Refund.status, func.count()).group_by(Refund.status)).all())


def evidence_of(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    q = select(Evidence.__table__).where(Evidence.refund_id == refund_id).order_by(Evidence.position)
    return [dict(r) for r in conn.execute(q).mappings()]


SEARCH_COLUMNS = ("id", "order_no", "product_name", "buyer_nickname", "buyer_id", "reason")
# SQLite's lower() folds ASCII letters only (no ICU): fold the term the same way, not with str.lower()
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_SEPARATOR = "\x1f"  # joins the columns in refunds_search (migration 0005)
class _Nothing(enum.Enum):
    TERM = "a term no stored text can contain"


_NOTHING: Final = _Nothing.TERM


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _search_term(term: str) -> str | _Nothing | None:
    """The term to look for: None for no search, `_NOTHING` when no refund can contain it.

    Surrounding whitespace is dropped, as typed or pasted: Python's notion of it, which includes
    tab, newline, the ideographic space U+3000 and the separators U+001C-U+001F, so a term of one or
    two characters never holds the column separator of refunds_search. Inside a longer term every
    character is literal. A NUL would end the pattern early in SQLite's LIKE and MATCH, and a lone
    surrogate cannot be stored at all: neither occurs in stored text, so such a term finds nothing.
    """
    term = term.strip()
    if not term:
        return None
    if "\x00" in term or len(term) < 3 and _SEPARATOR in term:
        return _NOTHING
    try:
        term.encode("utf-8")
    except UnicodeEncodeError:
        return _NOTHING
    return term


def _short_pattern(term: str) -> str:
    return f"%{_like_escape(term.translate(_ASCII_LOWER))}%"


# 3+ characters: a phrase of trigrams in the FTS5 index (case-insensitive). 1-2 characters: a LIKE
# over refunds_search, one lower-cased string per refund (measured at 100 000 refunds: 11-14 ms).
_FTS_ROWIDS = "SELECT rowid FROM refunds_fts WHERE refunds_fts MATCH :search_q"
_SHORT_ROWIDS = "SELECT rowid FROM refunds_search WHERE text LIKE :search_p ESCAPE '\\'"


# the text read from a refund's evidence images (evidence_text, one row per image digest)
_EVIDENCE_TEXT_ROWIDS = ("SELECT r.rowid FROM evidence_text t JOIN evidence e ON e.sha256 = t.sha256 "
                         "JOIN refunds r ON r.id = e.refund_id WHERE t.text LIKE :search_p ESCAPE '\\'")


def _search_sql(term: str) -> tuple[str, dict[str, Any]]:
    """A query for the rowids of the refunds containing `term` (already through `_search_term`),
    in their own fields or in the text read from their evidence."""
    pattern = _short_pattern(term)
    if len(term) >= 3:
        return f"{_FTS_ROWIDS} UNION {_EVIDENCE_TEXT_ROWIDS}", {"search_q": _fts_phrase(term), "search_p": pattern}
    return f"{_SHORT_ROWIDS} UNION {_EVIDENCE_TEXT_ROWIDS}", {"search_p": pattern}


def text_matches(conn: Connection, refund_ids: list[str], term: str) -> dict[str, list[dict[str, Any]]]:
    """Of `refund_ids`, those a search for `term` finds only through the text read from their evidence
    (their own id, order no, product, buyer and reason do not contain it): refund id -> the images and
    lines that matched, in image order ({"evidence_id", "position", "index" (of the line, or None when
    the term spans lines), "text"}). Refunds found by their own fields, or not at all, are absent."""
    found = _search_term(term)
    if found is None or found is _NOTHING or not refund_ids:
        return {}
    pattern = _short_pattern(found)
    own_sql = _FTS_ROWIDS if len(found) >= 3 else _SHORT_ROWIDS
    needle = found.translate(_ASCII_LOWER)
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(refund_ids), 500):
        ids = list(dict.fromkeys(refund_ids[start:start + 500]))
        params: dict[str, Any] = {f"p{i}": rid for i, rid in enumerate(ids)}
        params.update(search_p=pattern, search_q=_fts_phrase(found))
        marks = ", ".join(f":p{i}" for i in range(len(ids)))
        q = text("SELECT e.refund_id, e.id, e.position, t.lines FROM evidence e "
                 "JOIN evidence_text t ON t.sha256 = e.sha256 "
                 f"WHERE e.refund_id IN ({marks}) AND t.text LIKE :search_p ESCAPE '\\' "
                 f"AND e.refund_id NOT IN (SELECT id FROM refunds WHERE id IN ({marks}) AND rowid IN ({own_sql})) "
                 "ORDER BY e.refund_id, e.position")
        for rid, eid, position, raw in conn.execute(q, params).all():
            lines = json.loads(raw) if isinstance(raw, str) else (raw or [])
            hits: list[tuple[int | None, str]] = [(i, str(ln.get("text", ""))) for i, ln in enumerate(lines)
                    if needle in str(ln.get("text", "")).translate(_ASCII_LOWER)]
            out.setdefault(rid, []).extend(
                {"evidence_id": eid, "position": position, "index": i, "text": t} for i, t in hits or [(None, "")])
    return out


def search_rowids(conn: Connection, term: str) -> set[int] | None:
    """Rowids of the refunds whose id, order no, product, buyer or reason contain `term`.

    A substring match, case-insensitive for ASCII letters, Chinese substrings of any length too.
    None for an empty term (no search at all), as opposed to the empty set (nothing found).
    """
    found = _search_term(term)
    if found is None:
        return None
    if found is _NOTHING:
        return set()
    sql, params = _search_sql(found)
    # through the DB-API cursor (in conn's transaction): SQLAlchemy rows cost more than the query
    cur = sqlite_of(conn.connection).cursor()
    try:
        return {r[0] for r in cur.execute(sql, params)}
    finally:
        cur.close()


def search_among(conn: Connection, term: str) -> Callable[[list[int]], set[int]] | None:
    """A test of given rows for a search: `among(rowids)` is the set of them `search_rowids(term)` finds,
    at the cost of those rows only (a LIKE over their search text, which holds what the trigram index
    holds). None for no term, one nothing contains, or one holding the columns' separator (the search text
    joins the columns with it; the index never matches across them)."""
    found = _search_term(term)
    if found is None or found is _NOTHING or _SEPARATOR in found:
        return None
    pattern = _short_pattern(found)
    cur = sqlite_of(conn.connection).cursor()
    try:   # the text read from images: a small table, read once
        in_images = {r[0] for r in cur.execute(_EVIDENCE_TEXT_ROWIDS.replace(":search_p", "?"), (pattern,))}
    finally:
        cur.close()
    sql = ("SELECT rowid FROM refunds_search WHERE rowid IN (SELECT value FROM json_each(?)) "
           "AND text LIKE ? ESCAPE '\\'")

    def among(rowids: list[int]) -> set[int]:
        c = sqlite_of(conn.connection).cursor()
        try:
            own = {r[0] for r in c.execute(sql, (json.dumps(rowids), pattern))}
        finally:
            c.close()
        return own | in_images.intersection(rowids)

    return among


def search_ids(conn: Connection, term: str, limit: int = 10_000) -> list[str]:
    """Refund ids whose order no, id, product, buyer or reason contain `term` (Chinese substrings too)."""
    found = _search_term(term)
    if found is None or found is _NOTHING:
        return []
    sql, params = _search_sql(found)
    q = text(f"SELECT id FROM refunds WHERE rowid IN ({sql}) "
             "ORDER BY next_deadline_at IS NULL, next_deadline_at LIMIT :n")
    return [r[0] for r in conn.execute(q, {**params, "n": limit})]


def search_condition(conn: Connection, term: str) -> tuple[str, dict[str, Any]]:
    """A WHERE condition on `refunds` matching what `search_rowids` finds, for use inside a larger query.

    `refunds.rowid IN (...)` the rows the trigram index or the search-text table names (no sort:
    the caller's query orders them). "1 = 1" for an empty term, "0 = 1" for one nothing contains.
    """
    found = _search_term(term)
    if found is None:
        return "1 = 1", {}
    if found is _NOTHING:
        return "0 = 1", {}
    sql, params = _search_sql(found)
    return f"refunds.rowid IN ({sql})", params


# Refunds whose evidence is prefetched: they still need the merchant (a decision, an appeal statement)
# or may come back to them (platform review). Evidence of other refunds is fetched when opened.
PREFETCH_STATUSES = ("awaiting_merchant", "appealed", "platform_review")
_IN_SCOPE = "r.status IN ({})".format(", ".join(f"'{s}'" for s in PREFETCH_STATUSES))
# most urgent first, as the queue sorts: the next deadline (none last), then submission; ties by id and position
_URGENCY = "r.next_deadline_at IS NULL, r.next_deadline_at, r.submitted_at, r.id, e.position"
_URGENCY_COLUMNS = "r.next_deadline_at, r.submitted_at, e.refund_id, e.position"


# the evidence rows prefetch fetches: of a refund in scope, not cached, not failed for good
_FETCHABLE = ("FROM evidence e JOIN refunds r ON r.id = e.refund_id LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256 "
              f"WHERE {_IN_SCOPE} AND b.sha256 IS NULL AND e.fetch_error IS NULL")


def urgency(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    """The sort key of one evidence row in prefetch order (smaller is more urgent), as `_URGENCY` sorts.

    `row` has next_deadline_at, submitted_at, refund_id and position.
    """
    deadline = row["next_deadline_at"]
    return (deadline is None, deadline or 0, row["submitted_at"] or 0, row["refund_id"], row["position"])


def evidence_to_fetch(conn: Connection, limit: int | None = None) -> list[dict[str, Any]]:
    """Evidence to prefetch: of refunds in PREFETCH_STATUSES, not cached, not failed for good; most urgent first
    (the first `limit` rows, or all).

    Each row carries its `urgency` (see `urgency`).
    """
    q = text("SELECT e.refund_id, e.id, e.sha256, e.bytes, e.content_type, e.position, "
             f"r.next_deadline_at, r.submitted_at {_FETCHABLE} "
             f"ORDER BY {_URGENCY}" + ("" if limit is None else f" LIMIT {int(limit)}"))
    # plain tuples: tens of thousands of rows at a large merchant, read every round
    return [{"refund_id": rid, "id": eid, "sha256": sha, "bytes": size, "content_type": ctype, "position": pos,
             "urgency": (deadline is None, deadline or 0, submitted or 0, rid, pos)}
            for rid, eid, sha, size, ctype, pos, deadline, submitted in conn.execute(q)]


def any_evidence_to_fetch(conn: Connection, refund_ids: Iterable[str]) -> bool:
    """Whether any of these refunds has evidence prefetch would fetch (in scope, not cached, not failed):
    one index lookup per refund, where `evidence_to_fetch` reads every in-scope refund."""
    ids = list(refund_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        found = conn.exec_driver_sql(f"SELECT 1 {_FETCHABLE} AND r.id IN ({marks}) LIMIT 1", tuple(chunk)).first()
        if found is not None:
            return True
    return False


def evidence_not_cached(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    """One refund's evidence rows whose bytes are not cached and have not failed for good, in order."""
    q = text("SELECT e.refund_id, e.id, e.sha256, e.bytes, e.content_type, e.position FROM evidence e "
             "LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256 "
             "WHERE e.refund_id = :rid AND b.sha256 IS NULL AND e.fetch_error IS NULL ORDER BY e.position")
    return [dict(r) for r in conn.execute(q, {"rid": refund_id}).mappings()]


def cached_evidence(conn: Connection) -> list[dict[str, Any]]:
    """Every cached file: sha256, size, last_access_at and `urgency`.

    `urgency` is the key (see `urgency`) of the most urgent evidence row of a refund in
    PREFETCH_STATUSES that uses the file, or None when no such refund uses it.
    """
    blobs = {sha: {"sha256": sha, "size": size, "last_access_at": last, "urgency": None}
             for sha, size, last in conn.execute(text("SELECT sha256, size, last_access_at FROM evidence_blobs"))}
    q = text(f"SELECT e.sha256, {_URGENCY_COLUMNS} FROM evidence e JOIN refunds r ON r.id = e.refund_id "
             f"JOIN evidence_blobs b ON b.sha256 = e.sha256 WHERE {_IN_SCOPE} ORDER BY {_URGENCY}")
    for row in conn.execute(q).mappings():
        blob = blobs[row["sha256"]]
        if blob["urgency"] is None:  # rows come most urgent first
            blob["urgency"] = urgency(row)
    return list(blobs.values())
