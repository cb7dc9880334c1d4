"""The work queues, their live counts, filters, search and sort — as SQL over the refunds table.

The queue view asks for ordered row ids only (cheap even at 100 000 refunds) and fetches the
columns it shows in blocks for the rows on screen.

Speed (docs/performance.md): the urgency order is read straight off indexes — the fast refunds
still counting down to auto-approval from their partial index, then the other rows with a deadline
and those without from the covering queue indexes (`ix_refunds_queue_status`, `ix_refunds_queue_all`),
instead of sorting on `next_deadline_at IS NULL`, which no index can serve —
and the row ids come back through the DB-API cursor, not SQLAlchemy row objects. Search is a
condition inside the same query (the trigram index names the rows), not a separate id list.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import filterfalse
from typing import Any

from sqlalchemy import Connection, text

from .engine import sqlite_of
from .refunds import search_condition

HOUR_MS = 3_600_000
DUE_SOON_MS = 2 * HOUR_MS

# queue -> SQL condition (":now" is server time in ms); order is the sidebar's order
LATEST_DECISION = ("(SELECT d.state FROM decisions d WHERE d.refund_id = refunds.id ORDER BY d.id DESC LIMIT 1)")
# the same fact driven from the (small) decisions table, so no per-refund subquery over 100 000 rows
LATEST_DECISION_IN = ("refunds.id IN (SELECT d.refund_id FROM decisions d WHERE {condition} "
                      "AND d.id = (SELECT MAX(d2.id) FROM decisions d2 WHERE d2.refund_id = d.refund_id))")
QUEUES: dict[str, str] = {
    "needs_decision": "status = 'awaiting_merchant'",
    # the moment its countdown shows (core.refund.next_deadline_at) is within 2 h: the response deadline, a fast
    # refund's auto-approval, or once urged the platform stepping in
    "due_soon": f"status = 'awaiting_merchant' AND next_deadline_at <= :now + {DUE_SOON_MS}",
    "urged": "status = 'awaiting_merchant' AND urged_at IS NOT NULL",
    "fast_refund": "status = 'awaiting_merchant' AND fast_refund = 1 AND auto_approve_at > :now",
    "platform_review": "status = 'platform_review'",
    "appeals": "status = 'appealed'",
    # a decision uploading, or one the platform did not take that nobody has acknowledged yet ("Got it")
    "outbox": LATEST_DECISION_IN.format(
        condition="(d.state = 'queued' OR (d.state IN ('superseded', 'rejected') AND d.acknowledged_at IS NULL))"),
    "decided": "status IN ('refunding', 'refunded', 'payout_failed', 'rejected', 'closed', 'reissued')",
    "all": "1 = 1",
    # v1.1, the after-sale conversation: the buyer is answering a proposal; buyers waiting for a reply;
    # customer service waiting for the merchant's evidence (migration 0011's partial indexes)
    "negotiating": "status = 'negotiating'",
    "buyer_waiting": "unanswered_buyer > 0 AND status NOT IN ('refunded', 'closed', 'cancelled', 'reissued')",
    "evidence_requested": "evidence_request_due_at > :now AND status IN ('platform_review', 'appealed')",
}

# sortable columns -> SQL expression (the view's columns map onto these keys)
SORTS: dict[str, str] = {
    "urgency": "next_deadline_at IS NULL, next_deadline_at, submitted_at",
    "order_no": "order_no",
    "product": "product_name",
    "paid": "paid_fen",
    "type": "type",
    "buyer": "buyer_nickname",
    "submitted": "submitted_at",
    "status": "status",
    "flags": "(urged_at IS NOT NULL) + fast_refund + evidence_count",
}

ROW_COLUMNS = ("id", "order_no", "product_name", "product_category", "paid_fen", "requested_fen", "type",
               "buyer_nickname", "buyer_refunds_90d", "buyer_orders_90d", "submitted_at", "status", "due_at",
               "fast_refund", "auto_approve_at", "urged_at", "escalates_at", "appeal_statement_due_at",
               "evidence_count", "card_status", "delivered_at", "payment_channel", "decision_action",
               "version",   # the version the list shows: a batch decides that one or nothing
               "evidence_request_due_at", "negotiation_respond_by",   # v1.1: their countdowns (core.countdown)
               "unanswered_buyer")   # v1.1: the buyer's messages since the shop's last reply (the ✉ mark)


@dataclass(frozen=True)
class QueueFilter:
    queue: str = "needs_decision"
    search: str = ""
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    min_paid_fen: int | None = None
    max_paid_fen: int | None = None
    submitted_from: int | None = None
    submitted_to: int | None = None
    sort: str = "urgency"
    descending: bool = False
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def narrowed(self) -> bool:
        """A search or a filter shows only part of the queue."""
        return bool(self.search.strip() or self.types or self.categories or self.channels
                    or self.min_paid_fen is not None or self.max_paid_fen is not None
                    or self.submitted_from is not None or self.submitted_to is not None)


def _where(f: QueueFilter, now: int, conn: Connection) -> tuple[str, dict[str, Any]]:
    if f.queue not in QUEUES:
        raise ValueError(f"unknown queue {f.queue!r}")
    parts = [QUEUES[f.queue]]
    params: dict[str, Any] = {"now": now}
    for name, col, values in (("t", "type", f.types), ("c", "product_category", f.categories),
                              ("ch", "payment_channel", f.channels)):
        if values:
            keys = [f"{name}{i}" for i in range(len(values))]
            parts.append(f"{col} IN ({', '.join(':' + k for k in keys)})")
            params.update(zip(keys, values, strict=True))
    for op, col, key, value in ((">=", "paid_fen", "minp", f.min_paid_fen), ("<=", "paid_fen", "maxp", f.max_paid_fen),
                                (">=", "submitted_at", "sfrom", f.submitted_from),
                                ("<", "submitted_at", "sto", f.submitted_to)):
        if value is not None:
            parts.append(f"{col} {op} :{key}")
            params[key] = value
    if f.search.strip():
        cond, search_params = search_condition(conn, f.search)
        parts.append(cond)
        params.update(search_params)
    return " AND ".join(f"({p})" for p in parts), params


def _column(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """The first column of a query, through the DB-API cursor (in `conn`'s transaction).

    SQLAlchemy's row objects cost more than the query itself for 100 000 row ids.
    """
    cur = sqlite_of(conn.connection).cursor()
    try:
        return [r[0] for r in cur.execute(sql, params)]
    finally:
        cur.close()


# fast refunds whose auto-approval is still ahead (the Countdown shows it); once it has passed the
# platform approves them within moments, and until that syncs they count down to the response deadline
_FAST = "status = 'awaiting_merchant' AND fast_refund = 1 AND auto_approve_at > :now"
_NEVER_AWAITING = frozenset({"platform_review", "appeals", "decided"})


def queue_rowids(conn: Connection, f: QueueFilter, now: int, limit: int | None = None) -> list[int]:
    """Row ids of the refunds in queue `f`, in display order; with `limit`, only the first `limit` of them
    (the same as `queue_rowids(conn, f, now)[:limit]`, read in a few ms where the whole list of 100 000
    takes tens: the table shows the top of a queue while the rest is read)."""
    where, params = _where(f, now, conn)
    if limit is not None:
        return _first_rowids(conn, f, now, where, params, limit)
    if f.sort not in SORTS or f.sort == "urgency":
        # urgency: fast refunds awaiting the merchant first (the platform approves them on its own
        # within minutes), then the other rows with a deadline (nearest first: the moment each one's
        # Countdown shows), then those without (oldest first). Each part is an ordered scan of a
        # covering index, where one ORDER BY over a CASE would sort the whole queue.
        desc = " DESC" if f.descending else ""
        timed = f"ORDER BY next_deadline_at{desc}, submitted_at{desc}, id"
        timed_rows = _column(conn, f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NOT NULL {timed}",
                             params)
        # the fast refunds still counting down: a range of their small partial index (rowids only, no
        # table reads), then taken out of the ordered list in its order — the old single scan plus ~ms
        fast_ids = set() if f.queue in _NEVER_AWAITING else set(_column(
            conn, f"SELECT rowid FROM refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_FAST}", {"now": now}))
        if fast_ids:
            fast = list(filter(fast_ids.__contains__, timed_rows))
            other = list(filterfalse(fast_ids.__contains__, timed_rows)) if fast else timed_rows
        else:
            fast, other = [], timed_rows
        untimed = _column(conn, f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NULL "
                                f"ORDER BY submitted_at{desc}, id", params)
        return untimed + other + fast if f.descending else fast + other + untimed
    order = SORTS[f.sort]
    if f.descending:
        order = ", ".join(f"{p.strip()} DESC" for p in order.split(","))
    return _column(conn, f"SELECT rowid FROM refunds WHERE {where} ORDER BY {order}, id", params)


def _first_rowids(conn: Connection, f: QueueFilter, now: int, where: str, params: dict[str, Any],
                  limit: int) -> list[int]:
    """The first `limit` rows of `queue_rowids`, each part of its order read with a LIMIT."""
    if f.sort in SORTS and f.sort != "urgency":
        order = SORTS[f.sort]
        if f.descending:
            order = ", ".join(f"{p.strip()} DESC" for p in order.split(","))
        return _column(conn, f"SELECT rowid FROM refunds WHERE {where} ORDER BY {order}, id LIMIT {int(limit)}",
                       params)
    desc = " DESC" if f.descending else ""
    timed = f"ORDER BY next_deadline_at{desc}, submitted_at{desc}, id"
    untimed = f"ORDER BY submitted_at{desc}, id"
    # the fast refunds still counting down, in the timed order (the whole list takes them out of it)
    if f.queue in _NEVER_AWAITING:
        fast: list[int] = []
    elif f.descending:       # last in a descending list: how many there are decides where the others end
        fast = _column(conn, f"SELECT rowid FROM refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_FAST}",
                       {"now": now})
    else:
        # from the fast refunds' small index, then sorted: an ordered scan of the queue that tests each row
        # for being a fast one reads the table for every row of a filtered queue (~140 ms at 100 000)
        fast = _column(conn, f"SELECT rowid FROM refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_FAST} "
                             f"AND ({where}) AND next_deadline_at IS NOT NULL {timed} LIMIT {int(limit)}",
                       {**params, "now": now})
    fast_ids = set(fast)

    def others(n: int) -> list[int]:   # the timed rows that are not fast ones, the first n of them
        if n <= 0:
            return []
        got = _column(conn, f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NOT NULL {timed} "
                            f"LIMIT {int(n + len(fast_ids))}", params)
        return [r for r in got if r not in fast_ids][:n]

    def rest(n: int) -> list[int]:     # the rows without a deadline, the first n of them
        if n <= 0:
            return []
        return _column(conn, f"SELECT rowid FROM refunds WHERE {where} AND next_deadline_at IS NULL {untimed} "
                             f"LIMIT {int(n)}", params)

    if not f.descending:
        out = fast[:limit]
        out += others(limit - len(out))
        return out + rest(limit - len(out))
    out = rest(limit)
    out += others(limit - len(out))
    if len(out) < limit and fast_ids:   # the fast ones of this queue, last and in descending order
        out += _column(conn, f"SELECT rowid FROM refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_FAST} "
                             f"AND ({where}) AND next_deadline_at IS NOT NULL {timed}",
                       {**params, "now": now})[:limit - len(out)]
    return out


# the awaiting refunds' moments have partial indexes (migration 0006); SQLite's planner prefers the
# queue index on "status = ?" without statistics, so these queries name the index they need
_AWAITING = "status = 'awaiting_merchant'"
_BY_DUE = f"refunds INDEXED BY ix_refunds_awaiting_due WHERE {_AWAITING}"
_BY_AUTO = f"refunds INDEXED BY ix_refunds_awaiting_auto WHERE {_AWAITING} AND fast_refund = 1"
_BY_URGED = f"refunds INDEXED BY ix_refunds_awaiting_urged WHERE {_AWAITING} AND urged_at IS NOT NULL"
_BY_MOMENT = f"refunds INDEXED BY ix_refunds_awaiting_moment WHERE {_AWAITING}"
_OVERVIEW = {
    "needs_decision": f"SELECT COUNT(*) FROM {_BY_DUE}",
    "due_soon": f"SELECT COUNT(*) FROM {_BY_MOMENT} AND next_deadline_at <= :now + {DUE_SOON_MS}",
    "urged": f"SELECT COUNT(*) FROM {_BY_URGED}",
    "fast_refund": f"SELECT COUNT(*) FROM {_BY_AUTO} AND auto_approve_at > :now",
    **{name: f"SELECT COUNT(*) FROM refunds WHERE {QUEUES[name]}"
       for name in ("platform_review", "appeals", "outbox", "decided", "all", "negotiating", "buyer_waiting")},
    # index-only by migration 0015's partial index (~0.3 ms; over the status index ~21 ms at 100 000 refunds)
    "evidence_requested": "SELECT COUNT(*) FROM refunds INDEXED BY ix_refunds_evidence_request_due WHERE "
                          + QUEUES["evidence_requested"],
    # the crossings: the next auto-approval, the next refund to come within 2 h of its deadline
    "_next_auto": f"SELECT MIN(auto_approve_at) FROM {_BY_AUTO} AND auto_approve_at > :now",
    "_next_due": f"SELECT MIN(next_deadline_at) - {DUE_SOON_MS} FROM {_BY_MOMENT} "
                 f"AND next_deadline_at > :now + {DUE_SOON_MS}",
}


# the queues a refund enters or leaves as the clock moves, with no refund written: only their counts change
# between two writes (~1 ms at 100 000 refunds, where every count is ~22 ms)
BY_TIME = ("due_soon", "fast_refund", "evidence_requested")
_BY_TIME_OVERVIEW = {name: sql for name, sql in _OVERVIEW.items() if name in BY_TIME or name.startswith("_next")}


def queue_overview(conn: Connection, now: int, *, by_time_only: bool = False) -> tuple[dict[str, int], int | None]:
    """The sidebar's live counts and the next crossing (see `next_crossing`), by index ranges.

    At 100 000 refunds about 22 ms, where a count per queue plus the crossing query took 25 ms and more.
    `by_time_only`: the counts of BY_TIME only (what the clock alone changes since the last count).
    """
    cur = sqlite_of(conn.connection).cursor()
    try:
        got = {name: cur.execute(sql, {"now": now}).fetchone()[0]
               for name, sql in (_BY_TIME_OVERVIEW if by_time_only else _OVERVIEW).items()}
    finally:
        cur.close()
    crossings = [t for t in (got.pop("_next_auto"), got.pop("_next_due")) if t is not None]
    return {name: got[name] for name in QUEUES if name in got}, min(crossings) if crossings else None


def _search_among(cur: sqlite3.Cursor, term: str, rowids: Iterable[int]) -> set[int]:
    """Which of `rowids` a search for `term` finds (the same test as `search_rowids`, row by row: the
    query planner flattens the subquery, so the index is asked about these rows only)."""
    from .refunds import _NOTHING, _search_sql, _search_term
    found = _search_term(term)
    if found is None:
        return set(rowids)
    if found is _NOTHING:
        return set()
    sql, params = _search_sql(found)
    marks = ",".join(str(int(r)) for r in rowids)
    return {r[0] for r in cur.execute(f"SELECT rowid FROM ({sql}) WHERE rowid IN ({marks})", params)}


def unsearched(f: QueueFilter) -> QueueFilter:
    """The same queue, filters and order without the search term."""
    return replace(f, search="")


def searched_rowids(conn: Connection, f: QueueFilter, now: int, base: list[int] | None = None
                    ) -> tuple[list[int], list[int]]:
    """`queue_rowids(f)` for a filter with a search, as (rows, the unsearched list it narrowed).

    The unsearched list (`base`, if the caller still holds it from before the search, else read
    here) is filtered by the set of rows that match: at 100 000 refunds a C-level pass over a
    Python list beats testing every index entry against the match set inside SQLite.
    """
    from .refunds import search_rowids
    if base is None:
        base = queue_rowids(conn, unsearched(f), now)
    total = _column(conn, "SELECT COUNT(*) FROM refunds", {})[0]
    if _prefix_of_every_order_no(conn, f.search, total):
        return list(base), base
    matches = search_rowids(conn, f.search)
    if matches is None or len(matches) >= total:
        return list(base), base     # no search, or a term in every refund
    return list(filter(matches.__contains__, base)), base


def first_searched_rowids(conn: Connection, f: QueueFilter, base: list[int], limit: int, *,
                          chunk: int = 1_000, within: int = 10_000) -> list[int] | None:
    """The first `limit` rows of `searched_rowids(conn, f, now, base)`, found by testing `base` in order a
    chunk at a time (a product word is in a quarter of all refunds: the first chunk or two hold a screenful,
    in a few ms, where the whole search reads every match: a LIKE over every refund for one or two
    characters, ~35 ms at 100 000, or the trigram index's doclists). None when the first `within` rows of
    `base` do not hold `limit` matches (a rare term: the whole search is the faster way), or the term
    cannot be tested row by row."""
    from .refunds import search_among
    among = search_among(conn, f.search)
    if among is None:
        return None
    out: list[int] = []
    for start in range(0, min(len(base), within), chunk):
        rows = base[start:start + chunk]
        found = among(rows)
        out += [r for r in rows if r in found]
        if len(out) >= limit:
            return out[:limit]
    return out if len(base) <= within else None


def _prefix_of_every_order_no(conn: Connection, term: str, total: int) -> bool:
    """True when every refund's order number starts with `term` (ASCII letters and digits, any case):
    then every refund matches the search. Typing an order number starts like this ("KM2026…"), and
    the trigram index answers such a term by intersecting doclists of every row (~27 ms at 100 000);
    two counts on the order-number index answer it in a few."""
    t = term.strip().upper()
    if not (0 < len(t) <= 40 and t.isascii() and t.isalnum()):
        return False
    upper = t[:-1] + chr(ord(t[-1]) + 1)
    n: int = _column(conn, "SELECT COUNT(*) FROM refunds WHERE order_no >= :lo AND order_no < :hi",
                {"lo": t, "hi": upper})[0]
    return n > 0 and n == total


def queue_counts(conn: Connection, now: int) -> dict[str, int]:
    """Live counts for the sidebar (no pass over the refunds table, only over index entries)."""
    return queue_overview(conn, now)[0]


def rows_by_rowid(conn: Connection, rowids: list[int]) -> dict[int, dict[str, Any]]:
    """The shown columns (plus the latest local decision's state) for these rows."""
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    cols = ", ".join(ROW_COLUMNS)
    sql = (f"SELECT rowid, {cols}, {LATEST_DECISION} AS local_state FROM refunds WHERE rowid IN ({marks})")
    out = {}
    for r in conn.exec_driver_sql(sql, tuple(rowids)).mappings():
        d = dict(r)
        out[d.pop("rowid")] = d
    return out


def rowid_of(conn: Connection, refund_id: str) -> int | None:
    """The row id of one refund (what `queue_rowids` lists), or None."""
    return conn.execute(text("SELECT rowid FROM refunds WHERE id = :id"), {"id": refund_id}).scalar()


def next_crossing(conn: Connection, now: int) -> int | None:
    """The next moment a refund changes queue by time alone (auto-approval passes, due within 2 h).

    A deadline passing moves no refund between queues (the platform's reaction arrives by sync), so
    it is not a crossing: at 100 000 refunds one passes every few seconds, each a needless re-query.
    """
    return queue_overview(conn, now)[1]


# --- keeping a shown queue up to date without re-running it -------------------------------------
#
# A large merchant's platform changes a refund every second or so. Re-running the queue (and
# resetting the view) for each change costs more than everything else the idle console does, so a
# page of changes is applied as a patch: the changed refunds that left the queue are removed, those
# that entered (or whose place changed) are inserted where the queue order puts them, found by
# binary search over the shown list with the sort key read back per probe.

MAX_PATCH = 200  # more changed refunds than this: re-run the queue instead
_KEY_COLUMNS = ("next_deadline_at", "submitted_at", "id", "order_no", "product_name", "paid_fen", "type",
                "buyer_nickname", "status", "urged_at", "fast_refund", "evidence_count", "auto_approve_at")
_KEY_SELECT = "SELECT rowid, " + ", ".join(_KEY_COLUMNS) + " FROM refunds"
_SORT_COLUMN = {"order_no": "order_no", "product": "product_name", "paid": "paid_fen", "type": "type",
                "buyer": "buyer_nickname", "submitted": "submitted_at", "status": "status"}


class _Desc:
    """Reverses the order of a value inside a sort-key tuple (for DESC columns of any type)."""
    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __eq__(self, other: Any) -> bool:   # only ever compared with another _Desc, in a sort key
        same: bool = self.v == other.v
        return same

    def __lt__(self, other: _Desc) -> bool:
        less: bool = other.v < self.v
        return less

    __hash__ = None  # type: ignore[assignment]


def _nv(v: Any) -> tuple[bool, Any]:
    """SQLite orders NULL before every value."""
    return (v is not None, v)


def _same(v: Any) -> Any:
    return v


def sort_key(f: QueueFilter, now: int) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A Python key giving exactly the order `queue_rowids(f, now)` lists rows in (row: a dict of _KEY_COLUMNS)."""
    desc = f.descending
    d: Callable[[Any], Any] = _Desc if desc else _same
    if f.sort not in SORTS or f.sort == "urgency":
        def urgency(r: dict[str, Any]) -> tuple[Any, ...]:
            nda = r["next_deadline_at"]
            timed = nda is not None
            auto = r["auto_approve_at"]
            fast = r["status"] == "awaiting_merchant" and r["fast_refund"] == 1 and auto is not None and auto > now
            part = (0 if fast else 1) if timed else 2
            group = 2 - part if desc else part
            head: tuple[Any, ...] = (group, d(nda)) if timed else (group,)
            return head + (d(_nv(r["submitted_at"])), r["id"])
        return urgency
    if f.sort == "flags":
        def flags(r: dict[str, Any]) -> tuple[Any, ...]:
            return d(_nv((r["urged_at"] is not None) + (r["fast_refund"] or 0) + (r["evidence_count"] or 0))), r["id"]
        return flags
    column = _SORT_COLUMN[f.sort]

    def plain(r: dict[str, Any]) -> tuple[Any, ...]:
        return d(_nv(r[column])), r["id"]
    return plain


@dataclass
class QueuePatch:
    """Edits that turn the shown list into the queue's current order, to replay in this order.

    ops: ("remove", position) or ("insert", position, rowid), positions as of that step.
    touched: rowids still shown (in place or re-inserted) whose columns changed.
    """
    ops: list[tuple[Any, ...]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


def plan_patch(conn: Connection, f: QueueFilter, now: int, shown: list[int], members: set[int],
               changed_ids: set[str]) -> QueuePatch | None:
    """How to bring `shown` (the queue `f` as listed before `changed_ids` changed) up to date.

    None when re-running the queue is the better way: too many refunds changed. With a search on,
    the changed rows are tested against it alone (the trigram index or the search-text table, by
    rowid), not by running the search. `shown` and `members` are not modified.
    """
    if len(changed_ids) > MAX_PATCH:
        return None
    patch = QueuePatch()
    if not changed_ids:
        return patch
    cur = sqlite_of(conn.connection).cursor()   # plain DB-API: a probe costs ~20 µs, not ~60
    marks = ",".join("?" * len(changed_ids))
    changed = {r[0] for r in cur.execute(f"SELECT rowid FROM refunds WHERE id IN ({marks})", tuple(changed_ids))}
    if not changed:
        cur.close()
        return patch
    where, params = _where(unsearched(f), now, conn)
    marks = ",".join(str(int(r)) for r in changed)
    # NOT INDEXED: look the few rows up by rowid; the planner would rather scan a queue index
    fresh = {row[0]: dict(zip(_KEY_COLUMNS, row[1:], strict=True))
             for row in cur.execute(f"{_KEY_SELECT} NOT INDEXED WHERE rowid IN ({marks}) AND ({where})", params)}
    if fresh and f.search.strip():
        found = _search_among(cur, f.search, fresh.keys())
        fresh = {r: row for r, row in fresh.items() if r in found}
    key_of = sort_key(f, now)
    keys: dict[int, tuple[Any, ...]] = {r: key_of(row) for r, row in fresh.items()}

    def key(rowid: int) -> tuple[Any, ...]:
        k = keys.get(rowid)
        if k is None:
            row = cur.execute(f"{_KEY_SELECT} WHERE rowid = ?", (rowid,)).fetchone()
            if row is None:  # gone from the table: sorts nowhere; treat as out of place
                raise LookupError(rowid)
            k = keys[rowid] = key_of(dict(zip(_KEY_COLUMNS, row[1:], strict=True)))
        return k

    work = list(shown)
    patch.touched = {r for r in changed if r in members and r in fresh}

    def remove(rowid: int) -> None:
        i = work.index(rowid)
        del work[i]
        patch.ops.append(("remove", i))

    for r in changed:                 # left the queue
        if r in members and r not in fresh:
            remove(r)
    # rows still in the queue stay where they are while they sit in order between their neighbours;
    # removing one that does not can break a neighbour's check, so check until nothing fails
    to_insert = {r for r in fresh if r not in members}
    suspects = [r for r in fresh if r in members]
    try:
        while suspects:
            failed = []
            for r in suspects:
                i = work.index(r)
                k = keys[r]
                if (i > 0 and not key(work[i - 1]) < k) or (i + 1 < len(work) and not k < key(work[i + 1])):
                    failed.append(r)
            for r in failed:
                remove(r)
                to_insert.add(r)
            suspects = [r for r in suspects if r not in to_insert] if failed else []
        for r in sorted(to_insert, key=keys.__getitem__):
            k = keys[r]
            lo, hi = 0, len(work)
            while lo < hi:
                mid = (lo + hi) // 2
                if key(work[mid]) < k:
                    lo = mid + 1
                else:
                    hi = mid
            work.insert(lo, r)
            patch.ops.append(("insert", lo, r))
    except LookupError:
        return None   # the shown list names a refund that no longer exists: re-run the queue
    finally:
        cur.close()
    return patch
