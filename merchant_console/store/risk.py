"""Risk signals, evidence facts and staff flags: what is stored and how the queue and detail ask.

The types (`Signal`, `Flag`) and their words live in core.risk.

What is expensive is computed once per file (by sha256) when its bytes arrive and stored:
`evidence_facts` (decode result, EXIF, dHash, editor), `evidence_similar` (near-identical pairs) and
`evidence_text` (the text read, whose findings against each refund are kept in memory per file).
Signals are then joins over those and the refund rows, asked for a handful of refunds at a time
(the visible queue rows, the selected refund), so they are always current: a new refund whose
evidence was already cached, a changed card status or buyer history needs no recomputation.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.dialects.sqlite import insert

from ..core.evidence_text import TextFinding, findings
from ..core.policy import Policy
from ..core.risk import (
    CARD_USED,
    CODES,
    EDITED,
    ORDER_MATCHES,
    ORDER_OTHER,
    OUTSIDE_WINDOW,
    SAME_IMAGE,
    SERIAL_RATIO,
    SERIAL_REFUNDER,
    SERIAL_REFUNDS,
    SERIAL_REFUNDS_WITH_RATIO,
    SIMILAR_IMAGE,
    Flag,
    Signal,
)
from . import state
from .engine import inserted_id
from .models import EvidenceFacts, EvidenceFlag, EvidenceSimilar, EvidenceText

MAX_LINKS = 20  # other refunds named per image: enough to act on, bounded for a hot image
_CHUNK = 500


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def signals_for(conn: Connection, refund_ids: Sequence[str], policy: Policy | None = None) -> dict[str, list[Signal]]:
    """Risk signals of each refund (most serious first); refunds without any are absent.

    `policy` gives the refund window; by default the one stored from /me (else the defaults).
    """
    if policy is None:
        policy = state.load_policy(conn) or Policy.defaults()
    out: dict[str, list[Signal]] = {}
    window_ms = policy.refund_window_minutes * 60_000
    for ids in _chunks(refund_ids):
        params = {f"p{i}": rid for i, rid in enumerate(ids)}
        marks = ", ".join(f":p{i}" for i in range(len(ids)))
        rows = conn.execute(text(
            "SELECT id, previous_refund_id, submitted_at, delivered_at, card_status, card_used_fen, "
            "buyer_refunds_90d, buyer_orders_90d, order_no, paid_fen, reason "
            f"FROM refunds WHERE id IN ({marks})"), params).mappings().all()
        chain = {r["id"]: r["previous_refund_id"] for r in rows}
        for r in rows:
            got = out.setdefault(r["id"], [])
            if r["card_status"] in ("activated", "partially_used"):
                got.append(Signal(CARD_USED, r["id"], detail={"status": r["card_status"],
                                                             "used_fen": r["card_used_fen"]}))
            if r["delivered_at"] is not None and r["submitted_at"] - r["delivered_at"] > window_ms:
                got.append(Signal(OUTSIDE_WINDOW, r["id"], detail={
                    "minutes": (r["submitted_at"] - r["delivered_at"]) // 60_000,
                    "window": policy.refund_window_minutes}))
            n, orders = r["buyer_refunds_90d"], r["buyer_orders_90d"]
            if n >= SERIAL_REFUNDS or (n >= SERIAL_REFUNDS_WITH_RATIO and n >= SERIAL_RATIO * max(orders, 1)):
                got.append(Signal(SERIAL_REFUNDER, r["id"], detail={"refunds": n, "orders": orders}))
        # the same file in another refund (zero-byte files all share one digest: not a reuse);
        # a resubmission of the same request (previous_refund_id) is not a reuse either
        same = conn.execute(text(
            "SELECT e.refund_id, e.id, o.refund_id AS other_refund, o.id AS other_id, r.previous_refund_id AS prev "
            "FROM evidence e JOIN evidence o ON o.sha256 = e.sha256 AND o.refund_id != e.refund_id "
            "JOIN refunds r ON r.id = o.refund_id "
            f"WHERE e.refund_id IN ({marks}) AND e.bytes > 0 AND o.bytes > 0 "
            "ORDER BY e.refund_id, e.position, o.refund_id"), params).mappings().all()
        similar = conn.execute(text(
            "SELECT e.refund_id, e.id, o.refund_id AS other_refund, o.id AS other_id, "
            "r.previous_refund_id AS prev, s.distance "
            "FROM evidence e JOIN evidence_similar s ON (s.sha_a = e.sha256 OR s.sha_b = e.sha256) "
            "JOIN evidence o ON o.sha256 = CASE WHEN s.sha_a = e.sha256 THEN s.sha_b ELSE s.sha_a END "
            "AND o.refund_id != e.refund_id "
            "JOIN refunds r ON r.id = o.refund_id "
            f"WHERE e.refund_id IN ({marks}) ORDER BY e.refund_id, e.position, s.distance, o.refund_id"),
            params).mappings().all()
        for code, found in ((SAME_IMAGE, same), (SIMILAR_IMAGE, similar)):
            per_image: dict[tuple[str, str], int] = {}
            for m in found:
                if m["prev"] == m["refund_id"] or chain.get(m["refund_id"]) == m["other_refund"]:
                    continue
                key = (m["refund_id"], m["id"])
                if per_image.get(key, 0) >= MAX_LINKS:
                    continue
                per_image[key] = per_image.get(key, 0) + 1
                detail = {"distance": m["distance"]} if code == SIMILAR_IMAGE else {}
                out.setdefault(m["refund_id"], []).append(
                    Signal(code, m["refund_id"], m["id"], m["other_refund"], m["other_id"], detail))
        edited = conn.execute(text(
            "SELECT e.refund_id, e.id, f.software, f.editor FROM evidence e JOIN evidence_facts f "
            f"ON f.sha256 = e.sha256 WHERE e.refund_id IN ({marks}) AND f.editor IS NOT NULL "
            "ORDER BY e.refund_id, e.position"), params).mappings().all()
        for m in edited:
            out.setdefault(m["refund_id"], []).append(
                Signal(EDITED, m["refund_id"], m["id"], detail={"software": m["software"], "editor": m["editor"]}))
        for rid, read in _text_signals(conn, rows, policy.refund_window_minutes).items():
            out.setdefault(rid, []).extend(s for s in read if s.code != ORDER_MATCHES)
    order = {c: i for i, c in enumerate(CODES)}
    return {rid: sorted(sigs, key=lambda s: order[s.code]) for rid, sigs in out.items() if sigs}


def reassurances_for(conn: Connection, refund_ids: Sequence[str], policy: Policy | None = None
                     ) -> dict[str, list[Signal]]:
    """What the text read from each refund's images confirms (not a risk): its own order number shown
    (ORDER_MATCHES, one per image, in image order); refunds without any are absent."""
    if policy is None:
        policy = state.load_policy(conn) or Policy.defaults()
    out: dict[str, list[Signal]] = {}
    for ids in _chunks(refund_ids):
        params = {f"p{i}": rid for i, rid in enumerate(ids)}
        marks = ", ".join(f":p{i}" for i in range(len(ids)))
        rows = conn.execute(text("SELECT id, delivered_at, order_no, paid_fen, reason FROM refunds "
                                 f"WHERE id IN ({marks})"), params).mappings().all()
        for rid, found in _text_signals(conn, rows, policy.refund_window_minutes).items():
            mine = [s for s in found if s.code == ORDER_MATCHES]
            if mine:
                out[rid] = mine
    return out


# What the text of one image says against one refund, by (sha256, read_at, the refund's facts, window): the
# queue asks for 200 refunds at a time as it scrolls, and the lines of an image never change once read.
_FINDINGS: OrderedDict[tuple[Any, ...], tuple[TextFinding, ...]] = OrderedDict()
_FINDINGS_KEPT = 4096


def _text_signals(conn: Connection, rows: Sequence[Mapping[Any, Any]], window_minutes: int
                  ) -> dict[str, list[Signal]]:
    """Signals (risks and ORDER_MATCHES) from the text read from the images of `rows` (refund rows with id,
    order_no, paid_fen, reason, delivered_at), in image order."""
    by_id = {r["id"]: r for r in rows}
    if not by_id:
        return {}
    params = {f"p{i}": rid for i, rid in enumerate(by_id)}
    marks = ", ".join(f":p{i}" for i in range(len(by_id)))
    images = conn.execute(text(
        "SELECT e.refund_id, e.id, e.sha256, t.read_at FROM evidence e JOIN evidence_text t ON t.sha256 = e.sha256 "
        f"WHERE e.refund_id IN ({marks}) AND t.status = 'read' ORDER BY e.refund_id, e.position"), params).all()
    if not images:
        return {}

    def key(rid: str, sha: str, read_at: int) -> tuple[Any, ...]:
        r = by_id[rid]
        return (sha, read_at, r["order_no"], r["paid_fen"], r["reason"], r["delivered_at"], window_minutes)

    missing = {sha for rid, _eid, sha, read_at in images if key(rid, sha, read_at) not in _FINDINGS}
    lines: dict[str, list[dict[str, Any]]] = {}
    for shas in _chunks(sorted(missing)):
        q = select(EvidenceText.sha256, EvidenceText.lines).where(EvidenceText.sha256.in_(shas))
        lines.update({sha: list(got or []) for sha, got in conn.execute(q).all()})
    found: list[tuple[str, str, TextFinding]] = []
    for rid, eid, sha, read_at in images:
        k = key(rid, sha, read_at)
        got = _FINDINGS.get(k)
        if got is None:
            got = _FINDINGS[k] = tuple(findings(lines.get(sha, []), by_id[rid], window_minutes=window_minutes))
            while len(_FINDINGS) > _FINDINGS_KEPT:
                _FINDINGS.popitem(last=False)
        else:
            _FINDINGS.move_to_end(k)
        found += [(rid, eid, f) for f in got]
    # an order number shown that is another refund's order in this shop: the signal names that refund
    shown = sorted({str(f.values.get("shown")) for _r, _e, f in found if f.kind == ORDER_OTHER})
    others: dict[str, str] = {}
    for nos in _chunks(shown):
        by_order = text("SELECT order_no, id FROM refunds WHERE order_no IN ({}) ORDER BY submitted_at DESC".format(
            ", ".join(f":o{i}" for i in range(len(nos)))))
        for no, other in conn.execute(by_order, {f"o{i}": no for i, no in enumerate(nos)}).all():
            others.setdefault(str(no).upper(), other)
    out: dict[str, list[Signal]] = {}
    for rid, eid, f in found:
        other = others.get(str(f.values.get("shown"))) if f.kind == ORDER_OTHER else None
        detail = {**f.values, "line": f.line, "severity": f.severity}
        out.setdefault(rid, []).append(Signal(f.kind, rid, eid, other if other != rid else None, None, detail))
    return out


# --- evidence facts ----------------------------------------------------------------------------

FACT_COLUMNS = [c.name for c in EvidenceFacts.__table__.columns]


def save_facts(conn: Connection, facts: dict[str, Any]) -> None:
    """Insert or replace the facts of one file (keyed by sha256)."""
    row = {c: facts.get(c) for c in FACT_COLUMNS}
    stmt = insert(EvidenceFacts).values(**row)
    conn.execute(stmt.on_conflict_do_update(index_elements=[EvidenceFacts.sha256],
                                            set_={c: row[c] for c in FACT_COLUMNS if c != "sha256"}))


def facts_of(conn: Connection, sha256s: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Facts by sha256 for the files that have been processed."""
    out: dict[str, dict[str, Any]] = {}
    for shas in _chunks(list(sha256s)):
        for r in conn.execute(select(EvidenceFacts.__table__).where(EvidenceFacts.sha256.in_(shas))).mappings():
            out[r["sha256"]] = dict(r)
    return out


def all_dhashes(conn: Connection) -> dict[str, str]:
    """sha256 -> dHash (hex) of every good image processed so far."""
    q = select(EvidenceFacts.sha256, EvidenceFacts.dhash).where(EvidenceFacts.dhash.is_not(None))
    return {sha: dhash for sha, dhash in conn.execute(q) if dhash is not None}


def save_similar(conn: Connection, sha256: str, matches: Iterable[tuple[str, int]]) -> None:
    """Record that `sha256` is near-identical to each (other sha, distance)."""
    rows = [{"sha_a": min(sha256, o), "sha_b": max(sha256, o), "distance": d} for o, d in matches if o != sha256]
    if rows:
        stmt = insert(EvidenceSimilar)
        conn.execute(stmt.on_conflict_do_update(index_elements=[EvidenceSimilar.sha_a, EvidenceSimilar.sha_b],
                                                set_={"distance": stmt.excluded.distance}), rows)


def unprocessed_cached(conn: Connection) -> list[str]:
    """Digests in the evidence cache that have no facts yet (e.g. cached before this feature)."""
    q = text("SELECT b.sha256 FROM evidence_blobs b LEFT JOIN evidence_facts f ON f.sha256 = b.sha256 "
             "WHERE f.sha256 IS NULL ORDER BY b.stored_at")
    return [r[0] for r in conn.execute(q)]


# --- flags -------------------------------------------------------------------------------------

def add_flag(conn: Connection, *, refund_id: str, evidence_id: str, sha256: str, note: str,
             staff_id: str | None, staff_name: str | None, now_ms: int) -> int:
    """Flag an image with a note (any role may); returns the flag's id."""
    note = note.strip()[:500]
    res = conn.execute(insert(EvidenceFlag).values(refund_id=refund_id, evidence_id=evidence_id, sha256=sha256,
                                                   note=note, staff_id=staff_id, staff_name=staff_name,
                                                   created_at=now_ms))
    return inserted_id(res)


def clear_flag(conn: Connection, flag_id: int, now_ms: int) -> None:
    conn.execute(update(EvidenceFlag).where(EvidenceFlag.id == flag_id).values(cleared_at=now_ms))


def refund_of_flag(conn: Connection, flag_id: int) -> str | None:
    """The refund an open (not cleared) flag is on; None when there is no such open flag."""
    return conn.execute(select(EvidenceFlag.refund_id).where(EvidenceFlag.id == flag_id,
                                                             EvidenceFlag.cleared_at.is_(None))).scalar()


def flags_for(conn: Connection, refund_ids: Sequence[str]) -> dict[str, list[Flag]]:
    """Open flags of each refund, oldest first; refunds without any are absent."""
    out: dict[str, list[Flag]] = {}
    t = EvidenceFlag.__table__
    for ids in _chunks(refund_ids):
        q = (select(t.c.id, t.c.refund_id, t.c.evidence_id, t.c.sha256, t.c.note, t.c.staff_id, t.c.staff_name,
                    t.c.created_at)
             .where(t.c.refund_id.in_(ids), t.c.cleared_at.is_(None)).order_by(t.c.created_at, t.c.id))
        for r in conn.execute(q).mappings():
            out.setdefault(r["refund_id"], []).append(Flag(**r))
    return out
