"""Refund rows: the upsert that lets the higher version win, lookups, counts and search."""

from __future__ import annotations

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects.sqlite import insert

from .models import Evidence, QuarantinedRecord, Refund

REFUND_COLUMNS = [c.name for c in Refund.__table__.columns]
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


def upsert_refunds(conn: Connection, rows: list[dict]) -> None:
    """Insert or update parsed refund rows (from `core.refund.parse_refund`) and their evidence."""
    if not rows:
        return
    conn.execute(UPSERT_REFUND, [{c: r[c] for c in REFUND_COLUMNS} for r in rows])
    evidence = [dict(e, refund_id=r["id"]) for r in rows for e in r["evidence"]]
    if evidence:
        # evidence of a refund we did not update (older version) is harmless to refresh: ids are stable
        conn.execute(UPSERT_EVIDENCE, evidence)
    ids = [r["id"] for r in rows]
    # a record that was quarantined and now arrives well-formed is no longer a problem
    conn.execute(QuarantinedRecord.__table__.delete().where(QuarantinedRecord.refund_id.in_(ids)))


def get_refund(conn: Connection, refund_id: str) -> dict | None:
    row = conn.execute(select(Refund.__table__).where(Refund.id == refund_id)).mappings().first()
    return dict(row) if row else None


def versions(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(Refund.id, Refund.version)).all())


def count_by_status(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(Refund.status, func.count()).group_by(Refund.status)).all())


def evidence_of(conn: Connection, refund_id: str) -> list[dict]:
    q = select(Evidence.__table__).where(Evidence.refund_id == refund_id).order_by(Evidence.position)
    return [dict(r) for r in conn.execute(q).mappings()]


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# the OR of many trigram doclists costs more than a LIKE scan once the term is common (measured at
# 100 000 refunds: 'Q币' in 23 000 rows took 179 ms through the index, 121 ms by LIKE)
MAX_SHORT_TRIGRAMS = 300
MAX_SHORT_ROWS = 20_000


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(conn: Connection, term: str) -> str | None:
    """The MATCH expression that finds `term` anywhere in the indexed text, or None for 'use LIKE'.

    Three characters or more are a phrase of trigrams. Shorter terms: the indexed values are padded
    with spaces (migration 0004), so every occurrence lies inside some indexed trigram; the vocabulary
    names those trigrams and the query is their OR.
    """
    if len(term) >= 3:
        return _fts_phrase(term)
    folded = term.lower()  # the trigram tokenizer folds case
    found = conn.exec_driver_sql("SELECT term, doc FROM refunds_fts_vocab WHERE instr(term, ?) > 0 LIMIT ?",
                                 (folded, MAX_SHORT_TRIGRAMS + 1)).all()
    if len(found) > MAX_SHORT_TRIGRAMS or sum(doc for _, doc in found) > MAX_SHORT_ROWS:
        return None
    grams = [g for g, _ in found]
    return " OR ".join(_fts_phrase(g) for g in grams) if grams else ""


def search_ids(conn: Connection, term: str, limit: int = 10_000) -> list[str]:
    """Refund ids whose order no, id, product, buyer or reason contain `term` (Chinese substrings too)."""
    term = term.strip()
    if not term:
        return []
    match = fts_query(conn, term)
    if match == "":
        return []
    if match is not None:
        q = text("SELECT r.id FROM refunds_fts f JOIN refunds r ON r.rowid = f.rowid "
                 "WHERE refunds_fts MATCH :q ORDER BY r.next_deadline_at IS NULL, r.next_deadline_at LIMIT :n")
        return [r[0] for r in conn.execute(q, {"q": match, "n": limit})]
    pat = f"%{_like_escape(term)}%"
    cols = ("id", "order_no", "product_name", "buyer_nickname", "buyer_id", "reason")
    where = " OR ".join(f"{c} LIKE :p ESCAPE '\\'" for c in cols)
    q = text(f"SELECT id FROM refunds WHERE {where} "
             "ORDER BY next_deadline_at IS NULL, next_deadline_at LIMIT :n")
    return [r[0] for r in conn.execute(q, {"p": pat, "n": limit})]


def search_condition(conn: Connection, term: str) -> tuple[str, dict]:
    """A WHERE condition on `refunds` matching what `search_ids` finds, for use inside a larger query.

    The rows the trigram index names (no join, no sort: the caller's query orders them); a LIKE over
    the same columns only when a one-character term is too common for the index to help.
    """
    term = term.strip()
    if not term:
        return "1 = 1", {}
    match = fts_query(conn, term)
    if match == "":
        return "0 = 1", {}
    if match is not None:
        cond = "refunds.rowid IN (SELECT rowid FROM refunds_fts WHERE refunds_fts MATCH :search_q)"
        return cond, {"search_q": match}
    cols = ("id", "order_no", "product_name", "buyer_nickname", "buyer_id", "reason")
    where = " OR ".join(f"refunds.{c} LIKE :search_p ESCAPE '\\'" for c in cols)
    return f"({where})", {"search_p": f"%{_like_escape(term)}%"}


def evidence_to_fetch(conn: Connection) -> list[dict]:
    """Evidence rows whose bytes are not in the cache and have not failed for good."""
    q = text("SELECT e.refund_id, e.id, e.sha256, e.bytes, e.content_type FROM evidence e "
             "LEFT JOIN evidence_blobs b ON b.sha256 = e.sha256 "
             "JOIN refunds r ON r.id = e.refund_id "
             "WHERE b.sha256 IS NULL AND e.fetch_error IS NULL "
             "ORDER BY r.next_deadline_at IS NULL, r.next_deadline_at, e.position")
    return [dict(r) for r in conn.execute(q).mappings()]
