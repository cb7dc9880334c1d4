"""The refund queue as a table model: ordered row ids from SQL, rows fetched in blocks on demand.

The window's model reads through the GUI's reader (gui.database_access): a row not read yet paints as a
placeholder while its block of BLOCK rows, and the blocks either side of it, are read; the query that
lists the queue brings its first block along, and a patch the rows it changed, so what is shown first
is never a placeholder. A model given a plain Database (tests, tools) reads on the caller's thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from merchant_console.core.countdown import HOUR_MS, KINDS, Countdown, countdown_for
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.status import STATUSES
from merchant_console.store import refunds, risk
from merchant_console.store.engine import Database
from merchant_console.store.queue import (
    QueueFilter,
    QueuePatch,
    queue_rowids,
    rowid_of,
    rows_by_rowid,
)

from .database_access import DatabaseAccess
from .evidence_text import signal_label
from .formatting import counted, full_time, short_time
from .theme import STATUS_COLOURS
from .words import all_words, countdown_text, word

BLOCK = 200
_TICK_FRESH_MS = 1000   # a tick's countdown cells are painted as they are for this long
CountdownRole = Qt.ItemDataRole.UserRole + 1   # core.countdown.Countdown or None
RefundIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3          # the row dict
# what the table's delegates paint a cell from, in one call: (text, alignment or None, QColor or None);
# for the countdown column (text, Countdown or None)
PaintRole = Qt.ItemDataRole.UserRole + 4
_TICK_ROLES = [Qt.ItemDataRole.DisplayRole, CountdownRole, PaintRole]   # what a tick changes

# (key, sort key in store.queue.SORTS, header)
COLUMNS = (
    ("countdown", "urgency", "Countdown"),
    ("order_no", "order_no", "Order no"),
    ("product", "product", "Product"),
    ("amount", "paid", "Paid / requested"),
    ("type", "type", "Type"),
    ("buyer", "buyer", "Buyer"),
    ("submitted", "submitted", "Submitted"),
    ("status", "status", "Status"),
    ("flags", "flags", "Flags"),
)


_DISPLAY = Qt.ItemDataRole.DisplayRole
_ROLES = frozenset({_DISPLAY, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.TextAlignmentRole, CountdownRole, RefundIdRole, RowRole, PaintRole})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_COLOURS: dict[str, QColor] = {}
_ROOT = QModelIndex()
_NCOLS = len(COLUMNS)
_STATUS = next(i for i, c in enumerate(COLUMNS) if c[0] == "status")
_ALIGN = {next(i for i, c in enumerate(COLUMNS) if c[0] == "amount"): _RIGHT}


# the Flags column's marks (in common symbol fonts on every desktop); the tooltip says each in words
_MARK = {"urged": "‼", "fast": "⚡", "images": "▣", "card": "◐", "risk": "⚠", "flagged": "⚑", "text": "⌕",
         "waiting": "✉"}
# the buyer's messages wait for a reply only while the refund is still open to talk (store.queue "buyer_waiting")
_TALK_OVER = frozenset({"refunded", "closed", "cancelled", "reissued"})
_LOCAL_MARKS = {"queued": "↑", "superseded": "≠", "rejected": "✕"}
# the statuses a queue can hold (store.queue.QUEUES): its Status column is as wide as they need
_QUEUE_STATUSES = {**{q: ("awaiting_merchant",) for q in ("needs_decision", "due_soon", "urged", "fast_refund")},
                   "platform_review": ("platform_review",), "appeals": ("appealed",),
                   "decided": ("refunding", "refunded", "payout_failed", "rejected", "closed", "reissued"),
                   "negotiating": ("negotiating",)}


def _buyer_waiting(row: dict) -> int:
    """The buyer's messages since the shop last wrote, while the conversation is open (0: none waits)."""
    return 0 if row["status"] in _TALK_OVER else int(row.get("unanswered_buyer") or 0)


def _list_risks(row: dict) -> list[str]:
    # card use has its own mark; a perceptual-hash likeness alone is too weak to flag in the list
    return [c for c in row.get("risks", []) if c not in ("card_used", "similar_image")]


def read_rows(conn, rowids: list[int], search: str = "") -> dict[int, dict]:
    """The queue's rows of `rowids` as the table shows them (a reader thread's `conn`)."""
    fetched = rows_by_rowid(conn, rowids)
    ids = [r["id"] for r in fetched.values()]
    signals = risk.signals_for(conn, ids)
    flags = risk.flags_for(conn, ids)
    # found by a search only through the text read from its images: the row says so
    in_text = refunds.text_matches(conn, ids, search) if search.strip() else {}
    for r in fetched.values():
        r["risks"] = sorted({s.code for s in signals.get(r["id"], [])})
        r["flags"] = len(flags.get(r["id"], []))
        r["text_match"] = in_text.get(r["id"], [])
    return fetched


def _status_colour(status: str) -> QColor:
    colour = _COLOURS.get(status)
    if colour is None:
        colour = _COLOURS[status] = QColor(STATUS_COLOURS.get(status, "#6e7781"))
    return colour


class RefundTableModel(QAbstractTableModel):
    located = Signal(str)   # a refund's place was looked up (see row_of_id): ask again
    sorted = Signal()       # the person sorted by a column: the queue is read again in that order
    rows_read = Signal()    # a block of rows asked for by a paint landed (a selected row may be known now)

    def __init__(self, source: DatabaseAccess | Database, now_ms, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.access = source if isinstance(source, DatabaseAccess) else None
        self.db = source.db if isinstance(source, DatabaseAccess) else source
        self._generation = 0                    # bumped when positions or cached rows go stale (reads in flight too)
        self._asked: dict[int, int] = {}        # block -> the generation it was asked for in
        self._rowid_of: dict[str, int] = {}     # refund id -> row id, and back, of every row read
        self._id_of: dict[int, str] = {}
        self._locating: set[str] = set()
        self.now_ms = now_ms          # callable: server time in ms (the one clock everyone asks)
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.filter = QueueFilter()
        self._rowids: list[int] = []
        self.partial = False                    # only the first rows of the list are there (see extend)
        self._members: set[int] | None = None   # the same ids as a set, made when a patch first needs it
        self._version = 0                       # changes whenever _rowids does
        self._ticked: dict[int, tuple | None] = {}  # rowid -> countdown (text, urgency) at the last tick
        # rowid -> (row, its countdown cell) as the last tick made them, at server time _tick_now: the paint
        # that follows a tick shows them instead of working each out again (once a second for every row under
        # an hour at a large merchant)
        self._tick_cells: dict[int, tuple[dict, tuple]] = {}
        self._tick_now = 0
        self._cache: dict[int, dict] = {}
        self._cache_search = ""                 # the search the held rows were read for (their text_match)
        self._stale: set[int] = set()           # held rows a change notice touched: read again when needed
        self._untexted: set[int] = set()        # held rows that do not know where the search matched in text

    # --- loading -------------------------------------------------------------------------

    def query(self, f: QueueFilter) -> list[int]:
        """Run the queue query on the caller's thread (tests and tools; the window's room reads through the
        reader)."""
        with self.db.read() as conn:
            return queue_rowids(conn, f, self.now_ms())

    def apply(self, f: QueueFilter, rowids: list[int], rows: dict[int, dict] | None = None,
              texts: dict[int, list] | None = None, *, partial: bool = False) -> None:
        """Show a query's result (GUI thread), with the rows read along with it (its first block) and, for a
        new search, where the held rows of its first block matched it in their images' text (`texts`).
        `partial`: only the list's first rows; `extend` adds the rest."""
        self.beginResetModel()
        self.partial = partial
        self.filter = f
        self._rowids = rowids
        self._members = None
        self._version += 1
        self._generation += 1
        if f.search != self._cache_search or texts:
            self._retext(f.search, texts or {})
        if rows:
            self._store(rows)
        self.endResetModel()

    def extend(self, f: QueueFilter, rowids: list[int]) -> bool:
        """The whole list of the query whose first rows are shown: the rest is added after them (inserted
        rows, not a reset: the scroll position and the rows painted stay). False if the list shown is not
        the start of `rowids` (nothing done)."""
        n = len(self._rowids)
        if not self.partial or f != self.filter or rowids[:n] != self._rowids:
            return False
        self.partial = False
        if len(rowids) > n:
            self.beginInsertRows(QModelIndex(), n, len(rowids) - 1)
        self._rowids = rowids
        self._members = None
        self._version += 1
        if len(rowids) > n:
            self.endInsertRows()
        return True

    def _retext(self, search: str, texts: dict[int, list]) -> None:
        """Held rows stay held across searches (a row's fields do not depend on the search); only where a
        search matched in their images' text does. For another search every held row forgets its marks (none
        are unknown without a search); then the rows the query told (`texts`) learn theirs. The others show no
        text mark until their block is next read (`_untexted`)."""
        if search != self._cache_search:
            self._cache_search = search
            for row in self._cache.values():
                row["text_match"] = []
                row.pop("_texts", None)   # the cells' texts made for the previous search (flags, product)
            self._untexted = set(self._cache) if search.strip() else set()
        for rowid, told in texts.items():
            held = self._cache.get(rowid)
            if held is not None:
                held["text_match"] = told
                held.pop("_texts", None)
                self._untexted.discard(rowid)

    def known_rows(self) -> dict[int, str]:
        """Held rows that are still true (every change notice marks what it touched stale, see `forget`),
        row id -> refund id: a queue switch or a new search need not read them again (GUI thread)."""
        return {rowid: self._id_of[rowid] for rowid in self._cache.keys() - self._stale}

    def untexted(self, search: str) -> frozenset[int] | None:
        """Held rows that do not know where `search` matched in their images' text: all of them (None) when
        they were read for another search (GUI thread)."""
        return frozenset(self._untexted) if search == self._cache_search else None

    def forget(self, refund_ids) -> None:
        """These refunds changed: their held rows are stale. They still paint until read again (no flash of
        placeholders), but are read again when next needed and never taken as known."""
        for refund_id in refund_ids:
            rowid = self._rowid_of.get(refund_id)
            if rowid is not None and rowid in self._cache:
                self._stale.add(rowid)

    def refresh_marks(self, refund_ids, first: int, last: int) -> list[int]:
        """Text was read from these refunds' images: their marks may change, never their place in a list that is
        not searched. Held rows are forgotten (read again when next painted); the rowids of those on screen
        (rows `first`..`last`) are returned, to be read again now (`update_rows`)."""
        wanted = {self._rowid_of[i] for i in refund_ids if i in self._rowid_of}
        held = wanted & self._cache.keys()
        if not held:
            return []
        self._stale |= held
        self._asked.clear()   # a block asked for before is asked again when a forgotten row of it is painted
        last = min(last, len(self._rowids) - 1)
        return [self._rowids[r] for r in range(max(0, first), last + 1) if self._rowids[r] in held]

    def update_rows(self, rows: dict[int, dict]) -> None:
        """Rows read again (`refresh_marks`): held and repainted where they are still listed."""
        rows = {rowid: r for rowid, r in rows.items() if rowid in self._stale}   # (a block read may have come first)
        if not rows:
            return
        self._store(rows)
        for rowid in rows:
            try:
                row = self._rowids.index(rowid)   # (a C-level scan: a few of them per notice)
            except ValueError:
                continue
            self.dataChanged.emit(self.index(row, 0), self.index(row, _NCOLS - 1))

    def forget_all(self) -> None:
        self._cache.clear()
        self._stale.clear()
        self._untexted.clear()
        self._generation += 1

    def snapshot(self) -> tuple[int, QueueFilter, list[int], set[int] | None]:
        """What a background patch plan works from (not to be modified; `apply_patch` checks the version)."""
        return self._version, self.filter, self._rowids, self._members

    def apply_patch(self, version: int, patch: QueuePatch, members: set[int],
                    rows: dict[int, dict] | None = None) -> bool:
        """Replay a plan made from snapshot `version` (GUI thread): rows removed and inserted, not a reset,
        so the scroll position and the selection of unmoved rows stay; `rows`: the changed rows, read with
        the plan. False if the list changed since."""
        if version != self._version:
            return False
        self._members = members
        self._generation += 1   # positions move: blocks asked for before are stale
        root = QModelIndex()
        for op in patch.ops:
            if op[0] == "remove":
                i = op[1]
                self.beginRemoveRows(root, i, i)
                rowid = self._rowids.pop(i)
                members.discard(rowid)
                self._cache.pop(rowid, None)
                self.endRemoveRows()
            else:
                _, i, rowid = op
                self.beginInsertRows(root, i, i)
                self._rowids.insert(i, rowid)
                members.add(rowid)
                self.endInsertRows()
        self._version += 1
        for rowid in patch.touched:
            self._cache.pop(rowid, None)
        if rows:
            self._store(rows)
        for rowid in patch.touched:
            try:
                i = self._rowids.index(rowid)
            except ValueError:
                continue
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        return True

    def refresh_rows(self) -> None:
        """Rows changed underneath (a sync page): drop cached rows, keep order and selection."""
        self._cache.clear()
        self._stale.clear()
        self._untexted.clear()
        self._generation += 1
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, len(COLUMNS) - 1))

    def tick(self, first: int = 0, last: int | None = None) -> int:
        """Countdowns moved on: repaint the countdown cells of rows first..last (the visible ones) whose
        text or colour changed since they were last painted ("13h 30m left" changes once a minute, so
        most seconds repaint nothing). Returns how many cells were repainted."""
        n = len(self._rowids)
        if not n:
            return 0
        last = n - 1 if last is None else min(last, n - 1)
        first = max(0, first)
        now = self.now_ms()
        shown, self._ticked = self._ticked, {}
        cells: dict[int, tuple[dict, tuple]] = {}
        self._tick_cells, self._tick_now = cells, now
        changed: list[int] = []
        for i in range(first, last + 1):
            row = self.row_at(i)
            if row is None:
                continue
            text, cd = cell = self._countdown(row, now)
            look = (text, cd.urgency) if cd else None
            rowid = self._rowids[i]
            cells[rowid] = (row, cell)
            self._ticked[rowid] = look
            if rowid not in shown or shown[rowid] != look:
                changed.append(i)
        # one signal per cell: told a range, QTableView repaints a rectangle one pixel too large, so the
        # row below and the next visible column's cells were painted too (as many as the countdowns)
        for i in changed:
            index = self.index(i, 0)
            self.dataChanged.emit(index, index, _TICK_ROLES)
        return len(changed)

    def row_at(self, row: int) -> dict | None:
        """The row at this position if it has been read; otherwise None for now: its block (and the blocks
        beside it, ahead of scrolling) is read through the reader and the cells repaint when it lands."""
        if not 0 <= row < len(self._rowids):
            return None
        rid = self._rowids[row]
        cached = self._cache.get(rid)
        if cached is None or rid in self._stale or rid in self._untexted:
            self._fetch(row // BLOCK)
            cached = self._cache.get(rid)   # (read at once by a model without a reader)
        return cached

    def _fetch(self, block: int) -> None:
        search = self.filter.search
        for b in (block, block + 1, block - 1) if self.access is not None else (block,):
            start = b * BLOCK
            if b < 0 or start >= len(self._rowids) or self._asked.get(b) == self._generation:
                continue
            rowids = self._rowids[start:start + BLOCK]
            if b != block and all(r in self._cache and r not in self._stale and r not in self._untexted
                                  for r in rowids):
                continue
            if self.access is None:
                with self.db.read() as conn:
                    self._store(read_rows(conn, rowids, search))
                continue
            self._asked[b] = self._generation
            self._read_block(b, rowids, search)

    def _read_block(self, block: int, rowids: list[int], search: str) -> None:
        assert self.access is not None
        generation = self._generation

        def read(conn) -> dict[int, dict]:
            return read_rows(conn, rowids, search)

        def landed(rows: dict[int, dict]) -> None:
            self._landed(block, generation, rows)

        self.access.read(read, landed, owner=self)

    def _landed(self, block: int, generation: int, rows: dict[int, dict]) -> None:
        if generation != self._generation:
            return   # the list or its rows changed since it was asked for: asked again when painted
        self._store(rows)
        first, last = block * BLOCK, min(len(self._rowids), (block + 1) * BLOCK) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, _NCOLS - 1))
        self.rows_read.emit()

    def _store(self, rows: dict[int, dict]) -> None:
        if len(self._cache) > 20 * BLOCK:
            self._cache.clear()
            self._stale.clear()
            self._untexted.clear()
            self._generation += 1
        self._cache.update(rows)
        self._stale.difference_update(rows)
        self._untexted.difference_update(rows)
        for rowid, r in rows.items():
            self._rowid_of[r["id"]] = rowid
            self._id_of[rowid] = r["id"]

    def rowid_at(self, row: int) -> int | None:
        return self._rowids[row] if 0 <= row < len(self._rowids) else None

    def refund_id_at(self, row: int) -> str | None:
        """The refund at this position, if its row has been read (a selected or shown row always has)."""
        rowid = self.rowid_at(row)
        return None if rowid is None else self._id_of.get(rowid)

    def row_of_id(self, refund_id: str) -> int:
        """The row showing this refund, or -1, from the rows read so far (no read here). A refund never read
        is looked up through the reader; `located(refund_id)` follows when it is known (ask again then)."""
        rowid = self._rowid_of.get(refund_id)
        if rowid is None:
            self.locate(refund_id)
            rowid = self._rowid_of.get(refund_id)   # (found at once by a model without a reader)
            if rowid is None:
                return -1
        try:
            return self._rowids.index(rowid)
        except ValueError:
            return -1

    def learn(self, refund_id: str, rowid: int | None) -> None:
        """A refund's row id, read elsewhere (with a query)."""
        if rowid is not None:
            self._rowid_of[refund_id] = rowid
            self._id_of[rowid] = refund_id

    def locating(self, refund_id: str) -> bool:
        """Whether this refund's place is being looked up (`located` follows)."""
        return refund_id in self._locating

    def locate(self, refund_id: str) -> None:
        if refund_id in self._locating:
            return
        if self.access is None:
            with self.db.read() as conn:
                self.learn(refund_id, rowid_of(conn, refund_id))
            return
        self._locating.add(refund_id)

        def found(rowid: int | None) -> None:
            self._locating.discard(refund_id)
            self.learn(refund_id, rowid)
            self.located.emit(refund_id)

        self.access.read(lambda conn: rowid_of(conn, refund_id), found, owner=self)

    # --- Qt model ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        # the inherited index() asks rowCount() and columnCount() through Python for every cell painted
        if 0 <= row < len(self._rowids) and 0 <= column < _NCOLS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return self._headers()[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return self.tr("Most urgent first: fast refunds the platform is about to approve on its own, then the "
                           "nearest deadline each Countdown shows (overdue ones first).")
        return None

    def _headers(self) -> list[str]:
        # literal self.tr() calls, so lupdate finds them (the order follows COLUMNS)
        return [self.tr("Countdown"), self.tr("Order no"), self.tr("Product"), self.tr("Paid / requested"),
                self.tr("Type"), self.tr("Buyer"), self.tr("Submitted"), self.tr("Status"), self.tr("Flags")]

    def flags(self, index):
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if self.access is not None:
            self.sorted.emit()   # the queue's room reads it again in the header's order (off the GUI thread)
            return
        f = QueueFilter(**{**self.filter.__dict__, "sort": COLUMNS[column][1],
                           "descending": order == Qt.SortOrder.DescendingOrder})
        self.apply(f, self.query(f))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # a repaint asks ~8 roles of each visible cell; most are ones this model leaves to the style,
        # so they are answered before any lookup (this method dominates the idle console's CPU)
        if role not in _ROLES or not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:   # being read: a placeholder (its id is known when it was read before)
            if role == RefundIdRole:
                return self.refund_id_at(index.row())
            if role == PaintRole:
                return ("…", None) if column == 0 else ("", None, None)
            return None
        if role == PaintRole:
            if column == 0:
                now = self.now_ms()
                ticked = self._tick_cells.get(self._rowids[index.row()])
                # the same row (a changed row is a new dict) within the tick's second: what the tick made
                if ticked is not None and ticked[0] is row and 0 <= now - self._tick_now < _TICK_FRESH_MS:
                    return ticked[1]
                return self._countdown(row, now)
            return self._cell_text(row, column), _ALIGN.get(column), \
                (_status_colour(row["status"]) if column == _STATUS else None)
        if role == _DISPLAY:
            return self._text("countdown", row) if column == 0 else self._cell_text(row, column)
        if role == CountdownRole:
            return countdown_for(row, self.now_ms())
        if role == RefundIdRole:
            return row["id"]
        if role == RowRole:
            return row
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, row)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return _status_colour(row["status"])
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return _RIGHT
        return None

    def _cell_text(self, row: dict, column: int) -> str:
        """A cell's text, made once per fetched row (countdowns are not cached: they move)."""
        texts = row.get("_texts")
        if texts is None:
            texts = row["_texts"] = {}
        text = texts.get(column)
        if text is None:
            text = texts[column] = self._text(COLUMNS[column][0], row)
        return text

    def _countdown(self, row: dict, now: int):
        """(text, Countdown or None) of a row's countdown cell at server time `now`."""
        cd = countdown_for(row, now)
        return (countdown_text(cd) if cd else "—"), cd

    def _text(self, key: str, row: dict) -> str:
        if key == "countdown":
            return self._countdown(row, self.now_ms())[0]
        if key == "order_no":
            return row["order_no"]
        if key == "product":
            return row["product_name"]
        if key == "amount":
            paid = fen_to_yuan_str(row["paid_fen"], symbol=True, grouping=True)
            if row["requested_fen"] == row["paid_fen"]:
                return paid
            return f"{paid} / {fen_to_yuan_str(row['requested_fen'], symbol=True, grouping=True)}"
        if key == "type":
            return word("refund_types", row["type"])
        if key == "buyer":
            return f"{row['buyer_nickname']}  ·  {row['buyer_refunds_90d']}/{row['buyer_orders_90d']}"
        if key == "submitted":
            return short_time(row["submitted_at"], self.lang)
        if key == "status":
            # short, so it reads in full at 1280 px; the tooltip has the platform's words
            text = self._short_status(row["status"])
            mark = _LOCAL_MARKS.get(row.get("local_state") or "")
            return f"{text} {mark}" if mark else text
        if key == "flags":
            # one mark per flag (the tooltip says each in words): the column stays narrow
            parts = []
            if waiting := _buyer_waiting(row):
                parts.append(f"{_MARK['waiting']}{waiting}")
            if row["urged_at"] is not None:
                parts.append(_MARK["urged"])
            if row["fast_refund"]:
                parts.append(_MARK["fast"])
            if row["evidence_count"]:
                parts.append(f"{_MARK['images']}{row['evidence_count']}")
            if row["card_status"] in ("activated", "partially_used"):
                parts.append(_MARK["card"])
            risks = _list_risks(row)
            if risks:
                parts.append(f"{_MARK['risk']}{len(risks)}")
            if row.get("flags"):
                parts.append(_MARK["flagged"])
            if row.get("text_match"):
                parts.append(_MARK["text"])
            return " ".join(parts)
        return ""

    def _short_status(self, status: str) -> str:
        if status == "awaiting_merchant":   # short, so the column stays narrow (待审核 in Chinese either way)
            return self.tr("Awaiting")
        return word("statuses", status)

    def widest_texts(self, key: str, queue: str = "all") -> list[str]:
        """The longest texts a column can show in this language and queue (the window sizes columns by them)."""
        if key == "countdown":
            spans = (59 * 60_000 + 59_000, 23 * HOUR_MS + 59 * 60_000, 9 * 24 * HOUR_MS + 23 * HOUR_MS)
            return [countdown_text(Countdown(kind, 0, sign * ms)) for kind in KINDS for ms in spans
                    for sign in (1, -1)]
        if key == "status":
            statuses = _QUEUE_STATUSES.get(queue, tuple(STATUSES))
            return [f"{self._short_status(s)} {m}" for s in statuses for m in _LOCAL_MARKS.values()]
        if key == "flags":
            return [" ".join([_MARK["waiting"] + "2", _MARK["urged"], _MARK["fast"], _MARK["images"] + "9",
                              _MARK["card"], _MARK["risk"] + "3", _MARK["flagged"], _MARK["text"]])]
        if key == "type":
            return [text for _, text in all_words("refund_types")]
        if key == "order_no":
            return ["KM00000000000000000"]
        if key == "amount":
            return ["¥999.00 / ¥999.00", self.tr("Paid / requested")]
        if key == "submitted":
            return ["2025-12-31", "12-31 23:59"]
        if key == "buyer":
            return ["一只小胖子568  ·  20/108"]
        return ["腾讯视频VIP月卡激活码"]

    def _text_match(self, row: dict) -> str:
        """Why a search found this refund when its own fields do not say the term: where its images say it."""
        m = row["text_match"][0]
        where = self.tr("image {n}").format(n=m["position"] + 1)
        if m["text"]:
            where += f": “{m['text']}”"
        more = len(row["text_match"]) - 1
        text = self.tr("matched in screenshot text ({where})").format(where=where)
        return text + (" " + self.tr("and {n} more").format(n=more) if more else "")

    def _tooltip(self, key: str, row: dict) -> str | None:
        if key == "status":
            local = {"queued": self.tr("your decision is uploading"),
                     "superseded": self.tr("conflict: the platform did not take your decision"),
                     "rejected": self.tr("the platform refused your decision")}.get(row.get("local_state") or "")
            return word("statuses", row["status"]) + (f" · {local}" if local else "")
        if key == "flags":
            words = []
            if waiting := _buyer_waiting(row):
                words.append(f"{_MARK['waiting']} " + counted(
                    waiting, self.tr("the buyer waits for your reply: 1 message"),
                    self.tr("the buyer waits for your reply: {n} messages")))
            if row["urged_at"] is not None:
                words.append(f"{_MARK['urged']} " + self.tr("the buyer urged"))
            if row["fast_refund"]:
                words.append(f"{_MARK['fast']} " + self.tr("fast refund: approved automatically unless you decide"))
            if row["evidence_count"]:
                words.append(f"{_MARK['images']} " + self.tr("images attached: {n}").format(n=row["evidence_count"]))
            if row["card_status"] in ("activated", "partially_used"):
                words.append(f"{_MARK['card']} " + self.tr("the card was used"))
            words += [f"{_MARK['risk']} {signal_label(c)}" for c in _list_risks(row)]
            if row.get("flags"):
                words.append(f"{_MARK['flagged']} " + self.tr("flagged by shop staff"))
            if row.get("text_match"):
                words.append(f"{_MARK['text']} " + self._text_match(row))
            return "\n".join(words) or None
        if key == "product" and row.get("text_match"):
            return f"{_MARK['text']} " + self._text_match(row)
        if key == "buyer":
            return self.tr("Refunds / orders in the last 90 days: {r} / {o}").format(r=row["buyer_refunds_90d"],
                                                                                 o=row["buyer_orders_90d"])
        if key == "countdown":
            cd = countdown_for(row, self.now_ms())
            if cd is None:
                return None
            what = {"due": self.tr("Response deadline"),
                    "auto_approve": self.tr("Fast refund: approved automatically"),
                    "escalation": self.tr("Buyer urged: platform steps in"),
                    "statement": self.tr("Appeal statement due")}
            return f"{what[cd.kind]}: {full_time(cd.at_ms, self.lang)}"
        return None
