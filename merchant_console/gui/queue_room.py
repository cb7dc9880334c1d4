"""The queue: which refunds the table lists, and which of them are selected.

The window lays the queue out (its list of queues, filters, search box and table come from its form)
and acts on the selection; this room reads the filters, runs the queue's query off the GUI thread
(the newest request wins; a search narrows the list it types into), patches the shown list with the
refunds a change notice names instead of re-running it, keeps the sidebar counts, and selects.
`listed` tells the window when the shown list changed (with what was selected before), `picked` when
the person changed the selection.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Qt, QTimer, Signal

from merchant_console.core.money import MoneyError, parse_yuan
from merchant_console.store import outbox, refunds
from merchant_console.store.changes import READING, Changes
from merchant_console.store.queue import (
    BY_TIME,
    QueueFilter,
    first_searched_rowids,
    plan_patch,
    queue_overview,
    queue_rowids,
    rowid_of,
    searched_rowids,
    unsearched,
)

from .database_access import DatabaseAccess
from .queue_model import BLOCK, COLUMNS, RefundTableModel, read_rows
from .settings import Settings
from .words import all_words
from .workers import Throttle

QueueRole = Qt.ItemDataRole.UserRole + 30
DAY_MS = 86_400_000
COUNTS_EVERY_MS = 10_000
CROSSING_REFRESH_MS = 10_000
TIME_QUEUES = BY_TIME   # queues a refund enters or leaves by time alone


class QueueRoom(QObject):
    listed = Signal(list)    # the shown list was reset or patched: the refund ids selected before it
    first_listed = Signal()  # a query's first block is shown; its whole list (and `listed`) follows
    picked = Signal()        # the person changed the selection (not a reset)
    counted = Signal(int)    # the sidebar counts were read: the decisions waiting to upload

    def __init__(self, ui, access: DatabaseAccess, settings: Settings, now_ms: Callable[[], int], lang: str,
                 queue_titles: Callable[[], dict[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui, self.access, self.settings, self.now_ms = ui, access, settings, now_ms
        self.queue_titles = queue_titles
        self.model = RefundTableModel(access, now_ms, lang, self)   # its rows are read through the reader too
        self.model.sorted.connect(self.refresh)
        self.model.located.connect(self._located)
        self.model.rows_read.connect(self._rows_read)
        self._unread_selected = False   # a row selected before it was read (a jump far down the list)
        self._selecting: tuple[str, bool] | None = None   # (refund id, quiet) being looked up to select
        self._query_serial = 0
        self._selected_before: list[str] = []
        self._generation = 0        # bumped whenever the refunds may have changed (cached lists expire)
        self._counts: dict[str, int] | None = None      # the sidebar counts last shown
        self._count_serial = 0
        self._counted: dict[str, int] = {}   # queue (and "_crossing") -> serial of the count shown for it
        self._rows_written = True   # refunds were written since the last full count was asked for
        self._base: tuple | None = None                 # (unsearched filter, generation, its row ids)
        self._next_crossing: int | None = None
        self._crossed_at = 0
        self.patching = False       # a patch is being planned off the GUI thread
        self.resetting = False      # the model is being reset or patched: selection changes are not the person's
        self.pending_select: str | None = None   # to select once the list that holds it is shown
        # the sidebar counts scan the queue indexes (~11 ms at 100 000 refunds): live, but not per page
        self._counts_throttle = Throttle(COUNTS_EVERY_MS, self._throttled_counts, self)
        self._build_filters()

    def _build_filters(self) -> None:
        # the window's words, filed under its name (its translations have them)
        ui = self.ui
        for combo, table, all_text in (
                (ui.typeFilter, "refund_types", QCoreApplication.translate("MainWindow", "All types")),
                (ui.categoryFilter, "categories", QCoreApplication.translate("MainWindow", "All products")),
                (ui.channelFilter, "channels", QCoreApplication.translate("MainWindow", "All channels"))):
            combo.addItem(all_text, None)
            for code, text in all_words(table):
                combo.addItem(text, code)
        for label, days in ((QCoreApplication.translate("MainWindow", "Any time"), None),
                            (QCoreApplication.translate("MainWindow", "Today"), 1),
                            (QCoreApplication.translate("MainWindow", "Last 7 days"), 7),
                            (QCoreApplication.translate("MainWindow", "Last 30 days"), 30)):
            ui.dateFilter.addItem(label, days)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(200)
        self.search_timer.timeout.connect(self.refresh)

    def connect_widgets(self) -> None:
        """Filters, search and the queue list re-run the query; the table's selection is watched."""
        ui = self.ui
        ui.queueList.currentItemChanged.connect(lambda *_: self.refresh())
        ui.searchEdit.textChanged.connect(lambda _t: self.search_timer.start())
        for combo in (ui.typeFilter, ui.categoryFilter, ui.channelFilter, ui.dateFilter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ui.minAmountEdit.editingFinished.connect(self.refresh)
        ui.maxAmountEdit.editingFinished.connect(self.refresh)
        ui.refundTable.selectionModel().selectionChanged.connect(self._selection_changed)

    # --- the query ------------------------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        ui = self.ui
        item = ui.queueList.currentItem()
        queue = item.data(QueueRole) if item else "needs_decision"
        days = ui.dateFilter.currentData()
        now = self.now_ms()
        problems = []

        def amount(edit) -> int | None:
            text = edit.text().strip()
            if not text:
                return None
            try:
                return parse_yuan(text)
            except MoneyError:
                problems.append(QCoreApplication.translate("MainWindow", "“{t}” is not an amount; filter ignored.")
                                .format(t=text[:20]))
                return None

        lo, hi = amount(ui.minAmountEdit), amount(ui.maxAmountEdit)
        ui.filterMessage.setText(" ".join(problems))
        ui.filterMessage.setVisible(bool(problems))
        column = ui.refundTable.horizontalHeader().sortIndicatorSection()
        sort = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else "urgency"
        descending = ui.refundTable.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

        def pick(combo) -> tuple:
            return (combo.currentData(),) if combo.currentData() else ()

        return QueueFilter(queue=queue, search=ui.searchEdit.text(), types=pick(ui.typeFilter),
                           categories=pick(ui.categoryFilter), channels=pick(ui.channelFilter),
                           min_paid_fen=lo, max_paid_fen=hi,
                           submitted_from=now - days * DAY_MS if days else None, sort=sort, descending=descending)

    def refresh(self) -> None:
        """Re-run the queue query off the GUI thread; the newest request wins."""
        f = self.current_filter()
        self.settings.set("ui/last_queue", f.queue)
        self._query_serial += 1
        serial, generation, now = self._query_serial, self._generation, self.now_ms()
        base = self._search_base(f) if f.search.strip() else None
        pending = self.pending_select
        known = self.model.known_rows()
        # a search: the held rows of its first block are asked only where it matched in their images' text
        # (each of them for a new search; for the same search, those that do not know yet)
        untexted = self.model.untexted(f.search) if f.search.strip() else frozenset()

        def marks(conn, ids: list[int]) -> tuple[dict[int, dict], dict[int, list]]:
            # the first block comes along (the list is never first shown as placeholders) but for the rows
            # held already (switching between queues, or searching, reads nothing twice)
            fresh = [r for r in ids[:BLOCK] if r not in known]
            held = {known[r]: r for r in ids[:BLOCK] if r in known and (untexted is None or r in untexted)}
            found = refunds.text_matches(conn, list(held), f.search) if held and f.search.strip() else {}
            texts = {rowid: found.get(rid, []) for rid, rowid in held.items()} if f.search.strip() else {}
            return (read_rows(conn, fresh, f.search) if fresh else {}), texts

        def query(conn) -> tuple[list[int], list[int], dict[int, dict], dict[int, list], int | None]:
            ids, narrowed = searched_rowids(conn, f, now, base)
            rows, texts = marks(conn, ids)     # and where the refund to select sits
            return ids, narrowed, rows, texts, rowid_of(conn, pending) if pending else None

        def done(result) -> None:
            ids, narrowed, rows, texts, pending_rowid = result
            if generation == self._generation:
                self._base = (unsearched(f), generation, narrowed)
            if pending is not None:
                self.model.learn(pending, pending_rowid)
            self._apply(serial, f, ids, rows, texts)

        def failed(e: Exception) -> None:
            self.ui.statusbar.showMessage(
                QCoreApplication.translate("MainWindow", "Could not load the queue: {e}").format(e=e))

        searching = bool(f.search.strip())
        # the first block is read on its own (a few ms) and shown while the whole list (tens of ms at 100 000
        # refunds) is read beside it; the list then grows under the rows shown. For a queue or filter always
        # (a LIMIT); for a search where the list it narrows is held (its rows tested
        # in order, a chunk at a time). stage: "asked" → "first" (the first block shown), "whole" (shown
        # whole), or "none" (the first block is not known on its own: the whole list is shown when it lands);
        # `waiting`: a whole answer that came before the first block
        stage: dict = {"at": "asked", "waiting": None, "failed": False}

        def first(conn):
            if searching:
                ids = first_searched_rowids(conn, f, base, BLOCK) if base is not None else None
                if ids is None:
                    return None
            else:
                ids = queue_rowids(conn, f, now, limit=BLOCK)
            rows, texts = marks(conn, ids)
            return ids, rows, texts, rowid_of(conn, pending) if pending else None

        def whole(conn):
            return query(conn) if searching else queue_rowids(conn, f, now)

        def show_whole(answer, rows: dict[int, dict] | None = None, texts: dict[int, list] | None = None) -> None:
            if searching:
                done(answer)
            else:
                self._apply(serial, f, answer, rows, texts)

        def first_done(result) -> None:
            if result is None:
                stage["at"] = "none"
                if stage["waiting"] is not None:
                    show_whole(stage["waiting"])
                return
            ids, rows, texts, pending_rowid = result
            if pending is not None:
                self.model.learn(pending, pending_rowid)
            if stage["waiting"] is not None:           # the whole list came first: shown with these rows
                stage["at"] = "whole"
                show_whole(stage["waiting"], rows, texts)
            elif len(ids) < BLOCK or stage["failed"]:   # the whole list, or all there will be
                stage["at"] = "whole"
                self._apply(serial, f, ids, rows, texts)
            elif serial == self._query_serial:
                stage["at"] = "first"
                self._apply(serial, f, ids, rows, texts, partial=True)

        def first_failed(e: Exception) -> None:
            stage["at"] = "none"
            if stage["waiting"] is not None:
                show_whole(stage["waiting"])
            failed(e)

        def whole_failed(e: Exception) -> None:
            stage["failed"] = True
            if stage["at"] == "first" and serial == self._query_serial:
                self.model.partial = False   # the first block stays shown; changes are patched into it again
            failed(e)

        def whole_done(answer) -> None:
            if stage["at"] == "first":
                if searching:
                    ids, narrowed = answer[0], answer[1]
                    if generation == self._generation:
                        self._base = (unsearched(f), generation, narrowed)
                else:
                    ids = answer
                self._complete(serial, f, ids)
            elif stage["at"] == "asked":
                stage["waiting"] = answer
            elif stage["at"] == "none":
                show_whole(answer)
            # "whole": the first block was the whole list

        if searching and base is None:    # nothing held to narrow: the whole search is the first answer
            self.access.read(query, done, failed, owner=self)
            return
        self.access.read(first, first_done, first_failed, owner=self)
        self.access.read(whole, whole_done, whole_failed, owner=self)

    def _search_base(self, f: QueueFilter) -> list[int] | None:
        """The unsearched list a search can narrow, if we hold a current one: the shown list (kept up to
        date by patches) or the one the previous keystroke's search narrowed."""
        plain = unsearched(f)
        if self.model.filter == plain and not self.model.partial:
            return list(self.model._rowids)     # a copy: patches edit the shown list in place
        cached = self._base
        if cached and cached[0] == plain and cached[1] == self._generation:
            return cached[2]
        return None

    def _apply(self, serial: int, f: QueueFilter, rowids: list[int], rows: dict[int, dict] | None = None,
               texts: dict[int, list] | None = None, *, partial: bool = False,
               selected: list[str] | None = None) -> None:
        if serial != self._query_serial:
            return  # a newer query is on its way
        if selected is None:
            selected = self.selected_ids()
        self.resetting = True      # a reset drops the selection; that is not the person's choice
        try:
            self.model.apply(f, rowids, rows, texts, partial=partial)
        finally:
            self.resetting = False
        if partial:
            # the selection is given back when the whole list is there (the selected refund may be further down)
            self._selected_before = selected
            self.first_listed.emit()
            return
        self.listed.emit(selected)

    def _complete(self, serial: int, f: QueueFilter, rowids: list[int]) -> None:
        """The whole list of the query whose first block is shown: the rows after it are added (no reset, the
        scroll position stays); if the first block moved meanwhile, the list is shown anew."""
        if serial != self._query_serial:
            return
        if not self.model.extend(f, rowids):
            self._apply(serial, f, rowids, selected=self._selected_before)
            return
        self.listed.emit(self._selected_before)

    @property
    def loading(self) -> bool:
        """Only the first block of the shown queue is there; the rest is being read (changes wait for it)."""
        return self.model.partial

    # --- changes ----------------------------------------------------------------------------------

    def expire(self) -> None:
        """The refunds may have changed: lists kept for searching are stale."""
        self._generation += 1

    def show_changes(self, changes: Changes) -> None:
        """Bring the shown list up to date with a change notice: patched, or read again for `everything`."""
        if changes.everything:
            self.model.forget_all()
            self.refresh()
        elif changes.ids and changes.origin == READING and not self.model.filter.search.strip():
            self._refresh_marks(changes.ids)
        elif changes.ids:
            self.model.forget(changes.ids)   # at once: a queue read from now on reads them again
            self._patch(set(changes.ids))

    def _refresh_marks(self, ids) -> None:
        """Text read from images moves no refund in or out of an unsearched list, nor changes its order: no patch
        plan; the rows on screen are read again for their marks, the others when next painted (the reader
        announces a few refunds every few seconds, mostly ones not in view)."""
        view = self.ui.refundTable
        first, last = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
        shown = self.model.refresh_marks(ids, first, last if last >= 0 else self.model.rowCount() - 1) \
            if first >= 0 else self.model.refresh_marks(ids, 0, -1)
        if not shown:
            return
        search = self.model.filter.search
        self.access.read(lambda conn: read_rows(conn, shown, search), self.model.update_rows, owner=self)

    def _patch(self, ids: set[str]) -> None:
        """Apply changed refunds to the shown queue without re-running it (see store.queue.plan_patch)."""
        version, f, shown, members = self.model.snapshot()
        serial, now = self._query_serial, self.now_ms()

        def plan(conn):
            m = set(shown) if members is None else members   # only apply_patch (GUI thread, later) changes it
            patch = plan_patch(conn, f, now, shown, m, ids)
            # the changed rows come along: a patched row is never shown as a placeholder
            fresh = [op[2] for op in patch.ops if op[0] == "insert"] + sorted(patch.touched) if patch else []
            return patch, m, read_rows(conn, fresh, f.search) if fresh else {}

        def done(result) -> None:
            self.patching = False
            if serial != self._query_serial:
                return            # a newer full query is on its way; it reads these changes too
            patch, m, rows = result
            selected = self.selected_ids()
            self.resetting = True
            try:
                applied = patch is not None and self.model.apply_patch(version, patch, m, rows)
            finally:
                self.resetting = False
            if not applied:
                self.refresh()
                return
            if patch.ops:
                self.listed.emit(selected)
                self._count_shown_queue()

        def failed(_e) -> None:
            self.patching = False
            self.refresh()

        self.patching = True
        self.access.read(plan, done, failed, owner=self)

    def tick(self) -> None:
        """A refund moved between queues by time alone: the counts change; the list only if it is one of
        the queues defined by time. At 100 000 refunds this happens every few seconds, so at most every
        CROSSING_REFRESH_MS."""
        now = self.now_ms()
        if self._next_crossing is None or now < self._next_crossing or now - self._crossed_at < CROSSING_REFRESH_MS:
            return
        self._next_crossing = None
        self._crossed_at = now
        self.expire()
        if self.model.filter.queue in TIME_QUEUES:
            self.refresh()
        self._counts_throttle.poke()

    # --- counts -----------------------------------------------------------------------------------

    def refresh_counts(self, *, by_time_only: bool = False) -> None:
        """Count the sidebar's queues again; `by_time_only`: those the clock alone changes (BY_TIME)."""
        now = self.now_ms()
        self._count_serial += 1
        serial = self._count_serial
        if not by_time_only:
            self._rows_written = False
        self.access.read(lambda conn: (*queue_overview(conn, now, by_time_only=by_time_only),
                                       outbox.pending_count(conn)),
                         lambda result: self._show_counts(serial, result), owner=self)

    def _throttled_counts(self) -> None:
        # between two writes only time moves refunds between queues: a count of those few queues
        self.refresh_counts(by_time_only=not self._rows_written)

    def poke_counts(self) -> None:
        """Refunds were written: count again soon (at most every COUNTS_EVERY_MS)."""
        self._rows_written = True
        self._counts_throttle.poke()

    def _show_counts(self, serial: int, result) -> None:
        counts, crossing, pending = result
        # two counts may answer out of order (two readers): each queue keeps its newest count
        fresh = {k: v for k, v in counts.items() if serial > self._counted.get(k, 0)}
        self._counted.update(dict.fromkeys(fresh, serial))
        self._counts = {**(self._counts or {}), **fresh}
        self._show_queue_counts()
        if serial > self._counted.get("_crossing", 0):
            self._counted["_crossing"] = serial
            self._next_crossing = crossing
        self.counted.emit(pending)

    def _count_shown_queue(self) -> None:
        """The shown queue's count follows its patched list at once (the full recount is throttled)."""
        f = self.model.filter
        if f.narrowed or self._counts is None or f.queue not in self._counts:
            return
        self._counts[f.queue] = self.model.rowCount()
        self._show_queue_counts()

    def _show_queue_counts(self) -> None:
        titles = self.queue_titles()
        counts = self._counts or {}
        for i in range(self.ui.queueList.count()):
            item = self.ui.queueList.item(i)
            key = item.data(QueueRole)
            item.setText(f"{titles[key]}  ({counts.get(key, 0)})")

    # --- selection --------------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.ui.refundTable.selectionModel().selectedRows()})

    def selected_ids(self) -> list[str]:
        ids = [self.model.refund_id_at(r) for r in self.selected_rows()]
        return [i for i in ids if i is not None]   # (a selected row has been read: shown, or selected by id)

    def _selection_changed(self, *_args) -> None:
        if not self.resetting:
            unread = [r for r in self.selected_rows() if self.model.refund_id_at(r) is None]
            for r in unread[:3]:          # their blocks are asked for (a row off screen is painted by no one)
                self.model.row_at(r)
            self._unread_selected = bool(unread)
            self.picked.emit()

    def _rows_read(self) -> None:
        """The rows of a selection made before they were read have landed: the selection is told again."""
        if self._unread_selected and not self.resetting:
            self._unread_selected = any(self.model.refund_id_at(r) is None for r in self.selected_rows())
            self.picked.emit()

    def select_refund(self, refund_id: str, quiet: bool = False) -> bool:
        """Select this refund if it is listed; otherwise (unless `quiet`) list it (see `reveal`). A refund
        whose place is not known yet is looked up through the reader and selected when it is (False now)."""
        row = self.model.row_of_id(refund_id)
        if row < 0:
            if self.model.locating(refund_id):
                self._selecting = (refund_id, quiet)
            elif not quiet:
                self.reveal(refund_id)
            return False
        self._selecting = None
        self._select_index(self.model.index(row, 0))
        return True

    def _located(self, refund_id: str) -> None:
        if self._selecting is not None and self._selecting[0] == refund_id:
            _, quiet = self._selecting
            self._selecting = None
            self.select_refund(refund_id, quiet)

    def take_pending_select(self) -> str | None:
        pending, self.pending_select = self.pending_select, None
        return pending

    def _select_index(self, index) -> None:
        """Select one row and make it current. Not through the view's setCurrentIndex: that reads the
        keyboard's modifiers, so a Ctrl still down from Ctrl+F or Ctrl+1…9 would toggle the row off."""
        model = self.ui.refundTable.selectionModel()
        model.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.ui.refundTable.scrollTo(index)

    def reveal(self, refund_id: str) -> None:
        """Show a refund that is not in this list (a notification, a link to an earlier attempt): the
        list becomes All, unsearched and unfiltered, so the refund opened is one selected in it."""
        ui = self.ui
        self.pending_select = refund_id
        widgets = (ui.queueList, ui.searchEdit, ui.typeFilter, ui.categoryFilter, ui.channelFilter, ui.dateFilter,
                   ui.minAmountEdit, ui.maxAmountEdit)
        for w in widgets:
            w.blockSignals(True)
        try:
            for i in range(ui.queueList.count()):
                if ui.queueList.item(i).data(QueueRole) == "all":
                    ui.queueList.setCurrentRow(i)
            ui.searchEdit.clear()
            for combo in (ui.typeFilter, ui.categoryFilter, ui.channelFilter, ui.dateFilter):
                combo.setCurrentIndex(0)
            ui.minAmountEdit.clear()
            ui.maxAmountEdit.clear()
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.search_timer.stop()
        self.refresh()

    def move_selection(self, step: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        rows = self.selected_rows()
        current = self.ui.refundTable.currentIndex()
        start = rows[0] if rows else (current.row() if current.isValid() else None)
        row = min(n - 1, max(0, (start + step) if start is not None else 0))
        self._select_index(self.model.index(row, 0))
