"""The console's main window: queues, the refund table with live countdowns, the detail pane."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html import escape

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
)

from merchant_console import __version__, workbench
from merchant_console.core.batch import plan_batch
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import Policy
from merchant_console.core.status import DECIDING_ROLES, MANAGING_ROLES
from merchant_console.reports.export import can_export
from merchant_console.store import outbox, state, templates
from merchant_console.store.changes import LOCAL, NOTHING, READING, Changes
from merchant_console.store.queue import QueueFilter, queue_counts, queue_rowids
from merchant_console.workbench.session import Session

from .countdown_delegate import CellDelegate, CountdownDelegate
from .database_access import DatabaseAccess
from .detail_pane import DetailPane
from .formatting import counted, full_time
from .forms.ui_main_window import Ui_MainWindow
from .notifier import Notifier
from .quarantine_dialog import QuarantineDialog
from .queue_model import COLUMNS, RowRole, read_rows
from .queue_room import QueueRole, QueueRoom
from .refusals import refusal_text
from .screen_fit import fit_to_screen
from .settings import Settings
from .settings_dialog import SettingsDialog
from .statement_dialog import StatementDialog
from .sync_controller import SyncController
from .template_manager import TemplateManager
from .theme import apply_theme
from .workers import Throttle

CLOCK_WARN_MS = 5 * 60_000
CHANGES_EVERY_MS = 1000   # what sync changed is shown at most this often
_SYNC_BOOKKEEPING = frozenset({"cursor", "last_sync_at", "last_full_sync_at", "clock_offset_ms"})

BATCH_RESULT_MS = 120_000   # a batch's result stays in view this long (no dialog to click away)

# the sidebar in urgency order: customer service's evidence request (the platform decides without you at its
# deadline) beside platform review, the buyers waiting on you and the proposals out after the appeals
QUEUES = ("needs_decision", "due_soon", "urged", "fast_refund", "platform_review", "evidence_requested", "appeals",
          "buyer_waiting", "negotiating", "outbox", "decided", "all")
# each queue's key, bound to the queue (not its row): Ctrl+1…9 as before v1.1, Alt+1…3 the v1.1 (协商) queues
QUEUE_KEYS = {"needs_decision": "Ctrl+1", "due_soon": "Ctrl+2", "urged": "Ctrl+3", "fast_refund": "Ctrl+4",
              "platform_review": "Ctrl+5", "appeals": "Ctrl+6", "outbox": "Ctrl+7", "decided": "Ctrl+8",
              "all": "Ctrl+9", "evidence_requested": "Alt+1", "buyer_waiting": "Alt+2", "negotiating": "Alt+3"}


class MainWindow(QMainWindow):
    signed_out = Signal()
    role_switch = Signal(str)   # demo: act as another role
    FLAP_MS = 4000   # a connection state must last this long to be shown (a reconnect flaps for seconds)

    def __init__(self, session: Session, controller: SyncController, settings: Settings, *,
                 access: DatabaseAccess, lang: str) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.session, self.controller, self.settings = session, controller, settings
        self.access = access   # the one way to the database (reads on a pool, writes on one writer thread)
        self.db = session.db
        self.cache = session.cache()
        self.processor = session.processor   # the session's one: its image-hash index is shared with sync
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.clock = controller.engine.clock
        self.now_ms = self.clock.now_ms
        self.state: dict = {}
        self.policy = Policy.defaults()
        self._identity: dict | None = None              # the state that configures the window
        # the queue's room: filters, the query, patches from change notices, counts, selection
        self.queue = QueueRoom(self.ui, access, settings, self.now_ms, self.lang, self.queue_titles, self)
        self.model = self.queue.model
        self.ui.refundTable.setModel(self.model)
        self.ui.refundTable.setItemDelegate(CellDelegate(self.ui.refundTable))
        self.ui.refundTable.setItemDelegateForColumn(0, CountdownDelegate(self.ui.refundTable))
        header = self.ui.refundTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # the countdown is what the desk works by: sized for its longest text, never scrolled away
        # (the columns are fitted to the view, the least needed hidden when it is narrow)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.ui.refundTable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.refundTable.setHorizontalScrollMode(self.ui.refundTable.ScrollMode.ScrollPerPixel)
        self._widths: dict[str, dict[str, int]] = {}   # queue -> column widths (see _fit_columns)
        self._fitted_queue: str | None = None
        self.ui.refundTable.viewport().installEventFilter(self)
        self.ui.refundTable.installEventFilter(self)   # letters: never type-to-find (see eventFilter)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.ui.refundTable.verticalHeader().setVisible(False)
        self.ui.refundTable.verticalHeader().setDefaultSectionSize(26)
        self.detail = DetailPane(access)
        self.ui.detailLayout.addWidget(self.detail)
        self.ui.mainSplitter.setStretchFactor(0, 0)
        self.ui.mainSplitter.setStretchFactor(1, 3)
        self.ui.mainSplitter.setStretchFactor(2, 2)
        self.ui.mainSplitter.setSizes([self._sidebar_width(), 700, 400])
        self._build_queues()
        self._build_status_bar()
        self._connect()
        self.connection_line = self.ui.bannerLabel   # one line, always there: it never moves the queue
        self.connection_line.setObjectName("connectionLine")
        self.connection_line.setFixedHeight(self.connection_line.fontMetrics().height() + 8)
        self._line_text = ""
        self._line_shown: tuple[str, str, str] | None = None   # (text, style, detail) the line shows
        # until the sync thread has been through once: neither online (a window rebuilt offline said so for
        # seconds) nor offline; whatever it finds first is shown at once
        self._shown_conn = ("connecting", "")
        self._conn = ("connecting", "")
        self._conn_timer = QTimer(self)                  # brief flaps of the connection are not shown
        self._conn_timer.setSingleShot(True)
        self._conn_timer.setInterval(self.FLAP_MS)
        self._conn_timer.timeout.connect(self._settle_connection)
        self.ui.batchResult.hide()
        self._batch_timer = QTimer(self)
        self._batch_timer.setSingleShot(True)
        self._batch_timer.setInterval(BATCH_RESULT_MS)
        self._batch_timer.timeout.connect(self.ui.batchResult.hide)
        self._focus_results = False
        self._decided_ids: set[str] = set()   # refunds decided here: leaving a list is then no news
        self._before_search: str | None = None   # the refund open when the search began ("" none), while it lasts
        self.ui.emptyHint.hide()
        self.ui.menuDemo.menuAction().setVisible(session.is_demo)
        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:   # first start: the form's 1440×900; on a smaller screen (1366×768, 1280×720) maximised, its status
            # line in sight (the screen's free area plus a title bar put it below the edge), and un-maximised
            # it fits the screen with its title bar
            form = self.size()
            fit_to_screen(self, form.width(), form.height())
            if self.size() != form:
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        splitter = settings.geometry("main_splitter")
        if splitter is not None:
            self.ui.mainSplitter.restoreState(splitter)
        self.notifier = Notifier(access, self.now_ms, settings, lang=self.lang, parent=self)
        self.notifier.open_refund.connect(self._open_from_notification)
        self.notifier.badge_changed.connect(self._badge)
        self.setWindowIcon(self.notifier.icon)
        # the window's one read on the GUI thread, deliberate: it is built on the state it shows (who, policy,
        # role: one row by its key, ~0.1 ms); every later one goes through the reader (reload_state)
        with self.db.read() as conn:
            self._show_state(state.load_state(conn))
        self.refresh_queue()
        self.refresh_counts()
        self.notifier.check()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    # --- construction ----------------------------------------------------------------------

    def queue_titles(self) -> dict[str, str]:
        return {"needs_decision": self.tr("Needs decision"), "due_soon": self.tr("Due within 2 h"),
                "urged": self.tr("Urged"), "fast_refund": self.tr("Fast refund"),
                "platform_review": self.tr("Platform review"), "appeals": self.tr("Appeals"),
                "outbox": self.tr("Uploading / conflicts"), "decided": self.tr("Decided"), "all": self.tr("All"),
                "negotiating": self.tr("Negotiating"), "buyer_waiting": self.tr("Buyer awaits reply"),
                "evidence_requested": self.tr("Evidence requested")}

    def _build_queues(self) -> None:
        last = self.settings.get("ui/last_queue")
        titles = self.queue_titles()
        for key in QUEUES:
            item = QListWidgetItem(titles[key])
            item.setData(QueueRole, key)
            self.ui.queueList.addItem(item)
            if key == last:
                self.ui.queueList.setCurrentItem(item)
        if self.ui.queueList.currentItem() is None:
            self.ui.queueList.setCurrentRow(0)
        # Ctrl+1 … Ctrl+9, Alt+1 … Alt+3: a queue from the keyboard (F1 lists them with every other shortcut)
        for row, key in enumerate(QUEUES):
            seq = QKeySequence(QUEUE_KEYS[key])
            self.ui.queueList.item(row).setToolTip(seq.toString(QKeySequence.SequenceFormat.NativeText))
            action = QAction(self.tr("Show the queue “{q}”").format(q=titles[key]), self)
            action.setShortcut(seq)
            action.triggered.connect(lambda _c=False, row=row: self.ui.queueList.setCurrentRow(row))
            self.addAction(action)

    def _sidebar_width(self) -> int:
        """The queue list wide enough for its longest title with a five-digit count (never elided)."""
        self.ui.queueList.ensurePolished()   # the style sheet's font size, not the default one
        fm = QFontMetrics(self.ui.queueList.font())
        text = max((f"{t}  (00000)" for t in self.queue_titles().values()), key=fm.horizontalAdvance)
        width = fm.horizontalAdvance(text) + 2 * 8 + 2 * self.ui.queueList.frameWidth() + 8
        self.ui.queueList.setMinimumWidth(width)
        return width

    def _build_status_bar(self) -> None:
        self.outbox_label = QLabel()
        self.role_label = QLabel()
        for w in (self.outbox_label, self.role_label):
            self.ui.statusbar.addPermanentWidget(w)

    def _connect(self) -> None:
        ui = self.ui
        self.queue.connect_widgets()
        self.queue.picked.connect(self._selection_changed)
        self.queue.listed.connect(self._after_reset)
        self.queue.first_listed.connect(self._first_listed)
        self.ui.emptyHint.linkActivated.connect(self._show_in_all)
        self.queue.counted.connect(self._show_outbox)
        ui.refundTable.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: self._after_reset([self.detail.row["id"]] if self.detail.row else None))
        self.detail.open_refund.connect(self.select_refund)
        self.detail.answer_appeal.connect(self.answer_appeal)
        self.detail.shown.connect(self._update_actions)   # a refund read off the GUI thread arrived
        self.detail.decision_panel.decided.connect(self._decided)
        self.detail.decision_panel.acknowledged.connect(self._acknowledged)
        ui.actionAcknowledge.triggered.connect(self.detail.decision_panel.acknowledge)
        self.detail.conversation.recorded.connect(self._talked)
        ui.actionApprove.triggered.connect(lambda: self.begin_decision("approve"))
        ui.actionPartial.triggered.connect(lambda: self.begin_decision("partial"))
        ui.actionReject.triggered.connect(lambda: self.begin_decision("reject"))
        ui.actionStatement.triggered.connect(self.answer_appeal)
        ui.actionOpenEvidence.triggered.connect(self.open_evidence)
        ui.searchEdit.installEventFilter(self)   # Enter / Down: on to the results
        ui.actionNext.triggered.connect(lambda: self.move_selection(1))
        ui.actionPrevious.triggered.connect(lambda: self.move_selection(-1))
        ui.actionFocusSearch.triggered.connect(lambda: (ui.searchEdit.setFocus(), ui.searchEdit.selectAll()))
        ui.actionSyncNow.triggered.connect(self.controller.nudge)
        ui.actionTemplates.triggered.connect(self.open_templates)
        ui.actionReports.triggered.connect(self.open_reports)
        ui.actionSignOut.triggered.connect(self._sign_out)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        ui.actionAbout.triggered.connect(self.show_about)
        ui.actionSettings.triggered.connect(self.open_settings)
        ui.menuTools.addAction(self.tr("Records the console could not use…"),  # issue 14: quarantine, cleaned text
                               lambda: QuarantineDialog(self.access, self, self.lang).exec())
        for action, role in ((ui.actionActOperator, "operator"), (ui.actionActViewer, "viewer"),
                             (ui.actionActManager, "manager")):
            action.triggered.connect(lambda _c=False, r=role: self.role_switch.emit(r))
        ui.batchApproveButton.clicked.connect(lambda: self.batch("approve"))
        ui.batchRejectButton.clicked.connect(lambda: self.batch("reject"))
        # changes arrive page by page (a big initial sync: many a second); gather them and show them
        # once a second at most: at once after a quiet second (the demo's first page, a decision
        # coming back), else at the end of the second. A steady stream of changes is still shown.
        self._pending = NOTHING   # what changed since last shown
        self._changed_throttle = Throttle(CHANGES_EVERY_MS, self._data_changed, self)
        self.access.changed.connect(self._note_changed)     # every write, local or from sync, ends in this notice
        self.access.failed.connect(self._database_failed)   # what no caller handled is shown, not swallowed
        self.controller.connection.connect(self._connection)
        self.controller.progress.connect(self._progress)

    # --- state from the platform ----------------------------------------------------------

    def reload_state(self, *, after_sync: bool = False) -> None:
        """Read the platform's state (who we are, policy, clock) through the reader, then show it."""
        self.access.read(state.load_state, lambda fresh: self._show_state(fresh, after_sync=after_sync), owner=self)

    def _show_state(self, fresh: dict, *, after_sync: bool = False) -> None:
        # most syncs move only the cursor, the last-sync time and the clock offset: then there is
        # nothing to reconfigure (this runs after every page of a busy feed)
        identity = {k: v for k, v in fresh.items() if k not in _SYNC_BOOKKEEPING}
        if after_sync and self.state and identity == self._identity:
            self.state = fresh
            self._update_banner()
            return
        self.state, self._identity = fresh, identity
        self.policy = Policy.from_json(self.state["policy"]) if self.state.get("policy") else Policy.defaults()
        role = self.state.get("role") or self.session.profile.role
        labels: dict[str, str] = {}   # the platform's own names for its reason codes (/me), in the UI's language
        for c in self.state.get("reason_codes") or []:
            if isinstance(c, dict) and "code" in c:
                names = c.get("label")
                name = names.get(self.lang) if isinstance(names, dict) else None
                labels[str(c["code"])] = name if isinstance(name, str) else str(c["code"])
        self.role = role
        self.detail.configure(lang=self.lang, policy=self.policy, now_ms=self.now_ms, cache=self.cache,
                              processor=self.processor,
                              staff=(self.state.get("staff_id"), self.state.get("staff_name")))
        self.detail.decision_panel.configure(policy=self.policy, role=role, staff_id=self.state.get("staff_id") or "",
                                             staff_name=self.state.get("staff_name") or "", lang=self.lang,
                                             reason_labels=labels, now_ms=self.now_ms,
                                             attachments_dir=self.session.folder)
        self.detail.conversation.configure(policy=self.policy, role=role, lang=self.lang, now_ms=self.now_ms,
                                           attachments_dir=self.session.folder)
        self.reason_labels = labels
        can_decide, manages = role in DECIDING_ROLES, role in MANAGING_ROLES
        self._update_actions()
        self.ui.batchApproveButton.setVisible(can_decide)
        self.ui.batchRejectButton.setVisible(can_decide)
        self.ui.actionTemplates.setVisible(manages)
        self.ui.actionReports.setVisible(can_export(role))
        for action, r in ((self.ui.actionActOperator, "operator"), (self.ui.actionActViewer, "viewer"),
                          (self.ui.actionActManager, "manager")):
            action.setChecked(r == role)
        who = self.state.get("staff_name") or ""
        merchant = self.state.get("merchant_name") or ""
        role_name = {"owner": self.tr("owner"), "manager": self.tr("manager"), "operator": self.tr("operator"),
                     "viewer": self.tr("viewer")}.get(role, role)
        self.role_label.setText(f"{merchant} · {who} [{role_name}]" if who else role_name)
        # Qt adds the application's display name ("… — 商家退款工作台") itself: the title names the shop only
        self.setWindowTitle(merchant + (self.tr(" (demo)") if self.session.is_demo else ""))
        self._update_banner()

    # --- queue ------------------------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        return self.queue.current_filter()

    def refresh_queue(self) -> None:
        """Re-run the queue query off the GUI thread; the newest request wins."""
        self.queue.refresh()

    def _first_listed(self) -> None:
        """A queue's first rows are shown (the rest is being read): the table, not the empty hint."""
        if self._fitted_queue != self.model.filter.queue:
            self._fit_columns()   # the Status column is as wide as this queue's statuses need
        self.ui.emptyHint.setVisible(False)
        self.ui.refundTable.setVisible(True)

    def _after_reset(self, selected: list[str] | None = None) -> None:
        if self._fitted_queue != self.model.filter.queue:
            self._fit_columns()   # the Status column is as wide as this queue's statuses need
        n = self.model.rowCount()
        self.ui.emptyHint.setVisible(n == 0)
        self.ui.refundTable.setVisible(n > 0)
        if n == 0:
            self.ui.emptyHint.setTextFormat(Qt.TextFormat.PlainText)
            self.ui.emptyHint.setText(self._empty_text())
            self._look_in_all()
        pending = self.queue.take_pending_select()
        if pending and self.select_refund(pending, quiet=True):
            selected = None
        searching = bool(self.model.filter.search.strip())
        if searching and self._before_search is None:
            # the refund open when a search began: a search that leaves it out, cleared, gives it back
            self._before_search = selected[0] if selected else (self.detail.row or {}).get("id", "")
        elif not searching and self._before_search is not None:
            back, self._before_search = self._before_search, None
            if back and not selected and not self.selected_rows() and self.select_refund(back, quiet=True):
                selected = None
        if selected and not self.selected_rows():
            # still in this list: select it again. Gone (a search, a filter, another queue, or a sync
            # took it out): the pane clears, so no key, button or menu can act on a refund not listed
            if not self.select_refund(selected[0], quiet=True) and len(selected) == 1 \
                    and self.detail.row is not None and self.detail.row["id"] == selected[0]:
                self.detail.show_refund(None)
                if selected[0] not in self._decided_ids:   # (after a decision its "saved" message stays)
                    self.ui.statusbar.showMessage(self.tr("The refund you had open is not in this list any more."),
                                                  6000)
        elif not self.selected_rows() and self.detail.row is not None:
            self.detail.show_refund(None)
        if self._focus_results:
            self._focus_results = False
            if n and not self.selected_rows():
                self.move_selection(0)
            self.ui.refundTable.setFocus()
        self._update_selection_label()
        self._update_actions()

    def _look_in_all(self) -> None:
        """A search finds nothing in this queue: how many refunds it finds in All, said under the hint with a
        link there (a search covers the queue shown; the refund looked for may be decided or under review)."""
        f = self.model.filter
        if not f.search.strip() or f.queue == "all":
            return
        everywhere, now = replace(f, queue="all"), self.now_ms()

        def done(found: int) -> None:
            if found and self.model.filter == f and self.model.rowCount() == 0 and self.ui.emptyHint.isVisible():
                hint = self.ui.emptyHint
                hint.setTextFormat(Qt.TextFormat.RichText)
                more = counted(found, self.tr("1 refund in All matches: <a href=\"all\">show it in All</a> ({key})."),
                               self.tr("{n} refunds in All match: <a href=\"all\">show them in All</a> ({key})."),
                               key=QUEUE_KEYS["all"])
                hint.setText(escape(self._empty_text()).replace("\n", "<br>") + "<br><br>" + more)

        self.access.read(lambda conn: len(queue_rowids(conn, everywhere, now)), done, owner=self)

    def _show_in_all(self, _link: str = "") -> None:
        self.ui.queueList.setCurrentRow(QUEUES.index("all"))   # the search stays: the same term, in All

    def _empty_text(self) -> str:
        f = self.model.filter
        last = self.state.get("last_sync_at")
        when = full_time(last, self.lang) if last else self.tr("not yet")
        if f.narrowed:
            return self.tr("No refund matches the search and filters. Clear them to see the whole queue.")
        texts = {"needs_decision": self.tr("Nothing needs your decision right now."),
                 "due_soon": self.tr("No refund is due within the next 2 hours."),
                 "urged": self.tr("No buyer has urged a refund."),
                 "fast_refund": self.tr("No fast refund is counting down to auto-approval."),
                 "platform_review": self.tr("No refund is under platform review."),
                 "appeals": self.tr("No appeal is waiting."),
                 "outbox": self.tr("Every decision is uploaded and there are no conflicts."),
                 "decided": self.tr("No decided refunds yet."), "all": self.tr("No refunds synced yet.")}
        return texts.get(f.queue, "") + "\n" + self.tr("Last sync: {when}").format(when=when)

    def refresh_counts(self) -> None:
        self.queue.refresh_counts()

    def _show_outbox(self, pending: int) -> None:
        self.outbox_label.setText(self.tr("Outbox: {n}").format(n=pending) if pending else self.tr("Outbox: empty"))

    # --- selection ---------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return self.queue.selected_rows()

    def selected_ids(self) -> list[str]:
        return self.queue.selected_ids()

    def _selection_changed(self) -> None:
        """The person changed the selection: the pane shows the one refund selected, or none."""
        ids = self.selected_ids()
        refund_id = ids[0] if len(ids) == 1 else None
        shown = self.detail.row["id"] if self.detail.row else None
        if refund_id != shown:   # the same refund re-selected after a refresh is already shown
            self.detail.show_refund(refund_id)
        self._update_selection_label()
        self._update_actions()

    def acting_row(self) -> dict | None:
        """The refund keys, buttons and menus act on: the one selected in the visible list, or None."""
        row = self.detail.row
        if row is None or self.selected_ids() != [row["id"]]:
            return None
        return row

    def _update_actions(self) -> None:
        """What the Refund menu (and its keys) can do for the selected refund and this role."""
        row = self.acting_row()
        can_decide = getattr(self, "role", None) in DECIDING_ROLES
        panel = self.detail.decision_panel
        decidable = can_decide and row is not None and row["status"] == "awaiting_merchant" \
            and panel.ui.approveButton.isEnabled()
        for a in (self.ui.actionApprove, self.ui.actionPartial, self.ui.actionReject):
            a.setEnabled(decidable)
        appeal = (row or {}).get("appeal") or {}
        self.ui.actionStatement.setEnabled(
            can_decide and row is not None and row["status"] == "appealed" and not appeal.get("statement")
            and (row.get("appeal_statement_due_at") or 0) > self.now_ms())
        # with no evidence E still answers: the chat's images, or the status bar says there are none
        self.ui.actionOpenEvidence.setEnabled(row is not None)
        self.ui.actionAcknowledge.setEnabled(can_decide and row is not None and panel.conflict
                                             and panel.row is not None and panel.row["id"] == row["id"])

    def _update_selection_label(self) -> None:
        n = len(self.selected_rows())
        self.ui.selectionLabel.setText(self.tr("{n} selected").format(n=n) if n > 1 else "")
        for b in (self.ui.batchApproveButton, self.ui.batchRejectButton):
            b.setEnabled(n > 1)

    def select_refund(self, refund_id: str, quiet: bool = False) -> bool:
        """Select this refund in the list; one not listed is shown in All (unless `quiet`)."""
        return self.queue.select_refund(refund_id, quiet)

    def move_selection(self, step: int) -> None:
        self.queue.move_selection(step)

    # --- changes -----------------------------------------------------------------------------

    def _decided(self, _decision_id: int) -> None:
        """A decision or statement was saved (its change notice refreshes what shows it): upload it now."""
        self.controller.nudge()
        if self.detail.row is not None:
            self._decided_ids.add(self.detail.row["id"])   # it leaves this list because of it: nothing to say
        offline = self._shown_conn[0] in ("offline", "maintenance")
        self.ui.statusbar.showMessage(self.tr("Decision saved; it uploads when the connection is back.") if offline
                                      else self.tr("Decision saved; uploading in the background."), 5000)
        if self.model.filter.queue in ("needs_decision", "due_soon", "urged", "fast_refund"):
            self.move_selection(1)
        # the editor that had the focus is closed: give it to the queue (J/K/A/P/R go on from there), or Qt
        # hands it to the next field in the pane - the message box - and scrolls the next refund down to it
        self.ui.refundTable.setFocus()

    def _acknowledged(self, refund_id: str) -> None:
        """A conflict was put away: in "Uploading / conflicts" the refund leaves the list; on to the next one."""
        self._decided_ids.add(refund_id)   # it leaves this list because of it: nothing to say
        self.ui.statusbar.showMessage(self.tr("Conflict put away; the decision and what the platform did stay in "
                                              "the refund's history."), 5000)
        if self.model.filter.queue == "outbox":
            self.move_selection(1)
        self.ui.refundTable.setFocus()

    def _talked(self, _refund_id: str) -> None:
        """A message, proposal, extension or evidence answer was saved (v1.1): upload it now."""
        self.controller.nudge()
        self.detail.refresh()
        self.model.refresh_rows()
        self.refresh_counts()
        self.ui.statusbar.showMessage(self.tr("Saved; uploading in the background."), 5000)

    def _note_changed(self, changes: Changes) -> None:
        for refund_id, sha256 in sorted(changes.evidence):   # shown at once where the pane or viewer waits for it
            self.detail.evidence_arrived(refund_id, sha256)
        if not changes.rows:
            return    # evidence or templates only (the decision panel hears templates itself): no row changed
        changes = changes.only_rows()
        self._pending = self._pending | changes
        if changes.origin == LOCAL:
            self.refresh_counts()   # the person's own change: every queue's count at once, not throttled
        # a signal's slot, not a call from inside a patch: the throttle may show the changes at once
        self._changed_throttle.poke()

    def _database_failed(self, kind: str, why: str) -> None:
        """A read or write that failed and that no caller handled: said in the status bar, never swallowed."""
        text = self.tr("Could not save: {why}") if kind == "write" else self.tr("Could not load: {why}")
        self.ui.statusbar.showMessage(text.format(why=why), 15_000)

    def _data_changed(self) -> None:
        """Show what sync changed: the counts, the shown refund if it is one of them, the queue patched."""
        if self.queue.patching or self.queue.loading:   # a patch being planned, or the list being read: after it
            QTimer.singleShot(50, self._changed_throttle.poke)
            return
        changes, self._pending = self._pending, NOTHING
        self.queue.expire()
        if changes.origin != READING:
            # text read from images changes signals and search marks, never a status, deadline or the platform's
            # state: no count, state read, pane refresh (its evidence part follows the notice's evidence) or
            # deadline alert for it; each is a reader round at 100 000 refunds
            self.reload_state(after_sync=True)
            self.queue.poke_counts()
            if changes.touches(self.detail.row["id"] if self.detail.row else None):
                self.detail.refresh()
            self.notifier.check_soon(changes)
        self.queue.show_changes(changes)

    def _open_from_notification(self, refund_id: str) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.select_refund(refund_id)

    def _badge(self, n: int) -> None:
        if n:
            self.ui.statusbar.showMessage(counted(n, self.tr("1 refund due within the hour"),
                                                  self.tr("{n} refunds due within the hour")), 8000)

    def _progress(self, received: int) -> None:
        self._syncing = counted(received, self.tr("Syncing… 1 refund received"),
                                self.tr("Syncing… {n} refunds received"))
        self._update_banner()

    def _connection(self, kind: str, message: str) -> None:
        """The sync thread's view of the connection. A reconnect flaps online/offline for seconds:
        the line shows a state once it has lasted FLAP_MS (a lost token at once)."""
        self._conn = (kind, message)
        if kind == "signed_out" or kind == self._shown_conn[0] or self._shown_conn[0] == "connecting":
            self._conn_timer.stop()     # back before it showed, or the same state with news: at once
            self._settle_connection()
        else:
            self._conn_timer.start()

    def _settle_connection(self) -> None:
        self._shown_conn = self._conn
        self._update_banner()
        self.detail.decision_panel.set_offline(self._conn[0] in ("offline", "maintenance"))
        if self._conn[0] == "online":
            self.reload_state()   # (re)connected: the platform's state and clock offset as synced

    def _role_can(self, kind: str) -> str:
        """What this person can do now, in the connection's state."""
        if getattr(self, "role", None) not in DECIDING_ROLES:
            return self.tr("View only: you can read refunds and evidence and flag images; you cannot decide.")
        if kind in ("offline", "maintenance"):
            return self.tr("You can keep deciding: decisions are kept and upload when the connection is back.")
        return ""

    def _update_banner(self) -> None:
        """The connection line: one line, always there (so the queue never moves), themed by state."""
        kind, message = self._shown_conn
        offset = self.state.get("clock_offset_ms") or 0
        last = self.state.get("last_sync_at")
        detail = ""
        if kind == "maintenance":
            text, style = self.tr("Platform maintenance: {m}").format(m=message), "maintenance"
        elif kind == "signed_out":
            text, style = self.tr("The platform no longer accepts your token. Sign out and sign in again."), "clock"
        elif kind == "offline":
            text, style = self.tr("Cannot reach the platform; retrying."), "offline"
            detail = message
        elif abs(offset) > CLOCK_WARN_MS:
            text = self.tr("This computer's clock is {m} minutes off the platform's. Countdowns use the platform's "
                           "time; fix the clock to avoid confusion.").format(m=round(abs(offset) / 60_000))
            style = "clock"
        elif kind == "connecting":
            text = getattr(self, "_syncing", "") or self.tr("Connecting to the platform…")
            if last:
                text += " · " + self.tr("last sync {when}").format(when=full_time(last, self.lang))
            style = "online"
        else:
            text = getattr(self, "_syncing", "") if not last else \
                self.tr("Online · last sync {when}").format(when=full_time(last, self.lang))
            text = text or self.tr("Online")
            style = "online"
        if kind in ("offline", "maintenance") and last:
            # what the queue shows is as of then: say so where the connection is said to be gone
            text = f"{text.rstrip('。.')} · " + self.tr("last sync {when}").format(when=full_time(last, self.lang))
        can = self._role_can(kind)
        if can and style in ("online", "offline", "maintenance"):
            # two statements on one line, one separator in either language ("重试。 您可以…" read as a typo)
            full = f"{text.rstrip('。.')} · {can}"
        else:
            full = text
        line = self.connection_line
        if (full, style, detail) != self._line_shown:   # the same line: nothing to measure or elide again
            self._line_shown = (full, style, detail)
            self._line_text = full
            line.setToolTip("\n".join(t for t in (full, detail and self.tr("Details: {d}").format(d=detail)) if t))
            self._elide_line()
            if line.property("kind") != style:
                line.setProperty("kind", style)
                line.style().unpolish(line)
                line.style().polish(line)

    def _elide_line(self) -> None:
        line = self.connection_line
        width = max(40, line.width() - 24)
        line.setText(line.fontMetrics().elidedText(self._line_text, Qt.TextElideMode.ElideRight, width))

    def _tick(self) -> None:
        """The one timer: countdowns, queue crossings by time alone, the last-sync age."""
        if self.isVisible() and not self.isMinimized():
            view = self.ui.refundTable
            first = view.rowAt(0)
            last = view.rowAt(view.viewport().height() - 1)
            if first >= 0:   # only what is on screen; the rest is computed when it scrolls into view
                self.model.tick(first, last if last >= 0 else self.model.rowCount() - 1)
            self.detail.tick()
        self.queue.tick()   # queue crossings by time alone
        if self._shown_conn[0] == "online":
            self._update_banner()   # the last-sync time (repaints only when the text changes)

    def begin_decision(self, action: str) -> None:
        if self.acting_row() is None:
            self.ui.statusbar.showMessage(self.tr("Select one refund in the list first."), 5000)
            return
        self.detail.decision_panel.begin(action)   # the decision bar is always in view

    def open_evidence(self) -> None:
        """The evidence viewer on the selected refund's images (key E in the queue); with none, on the images
        its buyer sent in the conversation; with neither, the status bar says so (E did nothing before)."""
        if self.acting_row() is None:
            return
        if self.detail.evidence:
            self.detail.open_evidence(0)
        elif self.detail.conversation.images:
            self.detail.open_evidence(0, [dict(i) for i in self.detail.conversation.images])
        else:
            self.ui.statusbar.showMessage(self.tr("This refund has no images: neither evidence nor images in "
                                                  "its conversation."), 5000)
            return
        if self.detail.viewer is not None:
            self.detail.viewer.installEventFilter(self)   # Esc there: back to the queue, keys ready

    # --- batch ----------------------------------------------------------------------------

    def batch(self, action: str) -> None:
        """Before: the refunds, their amounts and flags, the caps (BatchDialog). After: a summary in the
        window, with every refund not decided and why — nothing to click away."""
        selected = self.selected_rows()
        rows = [self.model.data(self.model.index(r, 0), RowRole) for r in selected]
        if any(row is None for row in rows):   # a selection wider than what was read: its rows through the reader
            rowids = [i for i in (self.model.rowid_at(r) for r in selected) if i is not None]
            search = self.model.filter.search
            self.access.read(lambda conn: read_rows(conn, rowids, search),
                             lambda got: self._batch_rows(action, [got[i] for i in rowids if i in got]), owner=self)
            return
        self._batch_rows(action, rows)

    def _batch_rows(self, action: str, rows: list[dict]) -> None:
        plan = plan_batch(rows, action, self.policy, self.now_ms())
        if action == "reject" and plan.eligible:
            # the buyers' language first, not the UI's
            self.access.read(lambda conn: templates.list_templates(conn, "reject"),
                             lambda options: self._batch_dialog(plan, [t for t in options if t["reason_code"]]),
                             owner=self)
        else:
            self._batch_dialog(plan, [])

    def _batch_dialog(self, plan, options: list[dict]) -> None:
        from .batch_dialog import BatchDialog

        action = plan.action
        if action == "reject" and plan.eligible and not options:
            self._show_batch_result(self.tr("Create a reject template with a reason first (Tools → Reason "
                                             "templates)."))
            return
        # one dialog: the refunds, the caps and (to reject) the reason template chosen beside them
        dialog = BatchDialog(plan, self.policy, templates=options, parent=self)
        reasons = dialog.skip_reasons()
        if not dialog.exec() or not plan.eligible or plan.cap_problem:
            return

        def done(saved: int, failed: list[tuple[str, str]]) -> None:
            failed = [(r["order_no"], reasons.get(why, why)) for r, why in plan.skipped] + failed
            money = fen_to_yuan_str(sum(r["requested_fen"] for r in plan.eligible
                                        if r["order_no"] not in {o for o, _ in failed}), symbol=True, grouping=True)
            text = (counted(saved, self.tr("Batch: 1 approved ({money}), uploading."),
                            self.tr("Batch: {n} approved ({money}), uploading."), money=money) if action == "approve"
                    else counted(saved, self.tr("Batch: 1 rejected, uploading."),
                                 self.tr("Batch: {n} rejected, uploading.")))
            if failed:
                text += " " + self.tr("Not decided: {list}").format(
                    list="; ".join(f"{order_no} — {why}" for order_no, why in failed))
            self._show_batch_result(text)

        self.apply_batch(plan, dialog.template(), done)

    def _show_batch_result(self, text: str) -> None:
        self.ui.batchResult.setText(text)
        self.ui.batchResult.show()
        self._batch_timer.start()

    def apply_batch(self, plan, template: dict | None, on_done) -> None:
        """Save the plan's decisions on the writer thread (workbench.decide_batch: each refund as the list
        showed it, checked against its current row); then `on_done(saved, [(order no, why not)])`."""
        order_no = {r["id"]: r["order_no"] for r in plan.eligible}
        action, items, now = plan.action, [(r["id"], r.get("version")) for r in plan.eligible], self.now_ms()

        def saved(result) -> None:
            if isinstance(result, workbench.Refused):
                why = refusal_text(result)
                on_done(0, [(order_no[rid], why) for rid in order_no])
                return
            failed = [(order_no[rid], self.tr("the template's text does not fit the platform's rules")
                       if why.code == "invalid"
                       else self.tr("it changed meanwhile and is no longer waiting for you")
                       if why.code == "not_awaiting" else refusal_text(why)) for rid, why in result.value.refused]
            self._decided(0)
            on_done(len(result.value.decided), failed)

        self.access.write(lambda db: workbench.decide_batch(db, action, items, template=template, now_ms=now), saved)

    # --- other actions ----------------------------------------------------------------------

    def answer_appeal(self) -> None:
        row = self.acting_row()
        if row is None or row["status"] != "appealed" or self.role not in DECIDING_ROLES:
            self.ui.statusbar.showMessage(self.tr("Select an appealed refund to answer it."), 5000)
            return
        dlg = StatementDialog(self.access, row["id"], row=row, policy=self.policy,
                              staff_id=self.state.get("staff_id") or "", lang=self.lang, now_ms=self.now_ms,
                              attachments_dir=self.session.folder, parent=self)
        if dlg.exec():
            self._decided(0)

    def open_templates(self) -> None:
        TemplateManager(self.access, lang=self.lang, now_ms=self.now_ms, reason_labels=self.reason_labels,
                        parent=self).exec()

    def open_reports(self) -> None:
        # one reports window per session: it keeps running exports alive while it is open
        if getattr(self, "_reports", None) is None:
            from .reports_window import ReportsWindow  # reportlab & co. load when a manager opens it
            self._reports = ReportsWindow(self.access, parent=self, lang=self.lang)
        self._reports.show()
        self._reports.raise_()

    def open_settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, self.settings.get("theme"))
            self.controller.wait_s = self.settings.get("sync/wait_s")

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every shortcut there is, read from the actions themselves (so a new one cannot be missed)."""
        from .evidence_viewer import EvidenceViewer

        def keys_of(action) -> str:
            return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                              if not k.isEmpty())

        def listed(actions) -> list[tuple[str, str]]:
            seen, out = set(), []
            for a in actions:
                keys = keys_of(a)
                # without the menu's mnemonic: "Sync now", "立即同步" (not "立即同步(S)")
                name = re.sub(r"\s*\(&\w\)", "", a.text()).replace("&", "").rstrip("…")
                if keys and (keys, name) not in seen:
                    seen.add((keys, name))
                    out.append((keys, name))
            return out

        def viewer_owns(a) -> bool:
            p = a.parent()
            while p is not None and not isinstance(p, EvidenceViewer):
                p = p.parent()
            return p is not None

        window = [a for a in self.findChildren(QAction) if not viewer_owns(a)]
        viewer = EvidenceViewer(self.access, self.cache, [], 0)
        try:
            in_viewer = listed(viewer.actions())
        finally:
            viewer.deleteLater()
        return [
            (self.tr("Queue and refund"), listed(window)),
            (self.tr("Search box"), [(self.tr("Enter / Down"), self.tr("go to the results (the first is selected)")),
                                     (self.tr("Esc"), self.tr("clear the search; again: back to the queue"))]),
            (self.tr("Deciding"), [(self.tr("1–9"), self.tr("use reason template 1–9")),
                                   (self.tr("Enter"), self.tr("save (on Save or in the amount field)")),
                                   (self.tr("Ctrl+Enter"), self.tr("save from anywhere in the decision")),
                                   (self.tr("Esc"), self.tr("cancel the decision"))]),
            (self.tr("Evidence viewer"), in_viewer),
            # the conversation's keys are shortcuts of its pane (conversation_pane), not actions: said here
            (self.tr("Conversation with the buyer"), [
                ("M", self.tr("write to the buyer")),
                ("O", self.tr("propose a partial refund or a re-issued card")),
                ("T", self.tr("ask the platform for more time")),
                ("Y", self.tr("answer customer service's evidence request")),
                (self.tr("Ctrl+Enter"), self.tr("send (in the message box)"))]),
        ]

    def shortcuts_text(self) -> str:
        return "\n".join(f"{title}\n" + "\n".join(f"{k} — {v}" for k, v in rows)
                         for title, rows in self.shortcut_sections())

    def show_shortcuts(self) -> None:
        """A window beside the work (not modal): every shortcut, the viewer's too."""
        dlg = getattr(self, "_shortcuts_dialog", None)
        if dlg is None:
            dlg = self._shortcuts_dialog = QDialog(self)
            dlg.setWindowTitle(self.tr("Keyboard shortcuts"))
            lay = QHBoxLayout(dlg)   # two columns: the whole list fits a 720-px screen
            sections = self.shortcut_sections()
            for half in (sections[:2], sections[2:]):
                parts = []
                for title, rows in half:
                    parts.append(f"<tr><td colspan=2 style='padding-top:8px'><b>{escape(title)}</b></td></tr>")
                    parts += [f"<tr><td style='padding-right:16px'><code>{escape(k)}</code></td>"
                              f"<td>{escape(v)}</td></tr>" for k, v in rows]
                label = QLabel("<table>" + "".join(parts) + "</table>")
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                label.setAlignment(Qt.AlignmentFlag.AlignTop)
                lay.addWidget(label)
        if dlg.isVisible():
            dlg.raise_()   # already open behind the window: bring it forward
        dlg.show()

    def diagnostics(self, done: Callable[[str], object]) -> None:
        """What support needs to know — never a token or other secret — to `done`, once the counts are read
        (through the reader)."""
        now = self.now_ms()
        self.access.read(lambda conn: (queue_counts(conn, now), outbox.pending_count(conn)),
                         lambda found: done(self._diagnostics(*found)), owner=self)

    def _diagnostics(self, counts: dict[str, int], pending: int) -> str:
        import platform
        import sqlite3

        import PySide6

        st = self.state
        lines = [f"Merchant Console {__version__}", f"Python {platform.python_version()} on {platform.platform()}",
                 f"PySide6 {PySide6.__version__}, SQLite {sqlite3.sqlite_version}",
                 f"Data folder: {self.session.folder}", f"Platform: {self.session.profile.url}",
                 f"Merchant: {st.get('merchant_id')} {st.get('merchant_name')}; staff {st.get('staff_id')} "
                 f"[{st.get('role')}]", f"Language: {self.lang}; demo: {self.session.is_demo}",
                 f"Last sync: {full_time(st.get('last_sync_at'), 'en')}; clock offset {st.get('clock_offset_ms')} ms",
                 f"Connection: {getattr(self, '_conn', ('?',))[0]}; outbox pending: {pending}",
                 "Queues: " + ", ".join(f"{k}={v}" for k, v in counts.items())]
        return "\n".join(lines)

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Merchant Console"))
        box.setText(self.tr("Merchant Console {v}\nData folder: {folder}").format(v=__version__,
                                                                                folder=self.session.folder))
        copy = box.addButton(self.tr("Copy diagnostics"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        copy.clicked.connect(lambda: self.diagnostics(QApplication.clipboard().setText))
        box.exec()

    def _sign_out(self) -> None:
        if QMessageBox.question(self, self.tr("Sign out"), self.tr(
                "Sign out of this platform? Decisions not yet uploaded stay on this computer and upload when you "
                "sign in again.")) == QMessageBox.StandardButton.Yes:
            self.signed_out.emit()

    # --- layout at any size ---------------------------------------------------------------------

    # columns in the order they give way when the list is narrow: the countdown, amount, status and
    # flags always stay (what triage reads); the rest is in the detail pane too, the order number in
    # its header, and Ctrl+F finds by it
    _GIVE_WAY = ("submitted", "type", "buyer", "product", "order_no")

    def _column_widths(self, queue: str = "all") -> dict[str, int]:
        """Each column's width for its longest text in this language and queue (measured, not guessed)."""
        table = self.ui.refundTable
        fm = QFontMetrics(table.font())
        bold = table.font()
        bold.setBold(True)
        fmb = QFontMetrics(bold)
        header = QFontMetrics(table.horizontalHeader().font())
        widths = {}
        for col, (key, _sort, _h) in enumerate(COLUMNS):
            samples = self.model.widest_texts(key, queue)
            text_w = max([fm.horizontalAdvance(t) for t in samples] + [0])
            if key == "countdown":   # a chip (8 px of cell margin, 16 of padding), bold when red or overdue
                text_w = max(fmb.horizontalAdvance(t) for t in samples) + 10
            head_w = header.horizontalAdvance(str(self.model.headerData(col, Qt.Orientation.Horizontal))) + 24
            widths[key] = max(text_w + 16, head_w)
        widths["product"] = 80    # its least: it takes the view's spare width (see _fit_columns)
        widths["buyer"] = min(widths["buyer"], 150)
        return widths

    def _fit_columns(self) -> None:
        """Fit the columns to the view: no horizontal scrolling, so the countdown is always in view."""
        table = self.ui.refundTable
        available = table.viewport().width()
        if available <= 0:
            return
        self._fitted_queue = self.model.filter.queue
        widths = self._widths.get(self.model.filter.queue)
        if widths is None:
            widths = self._widths[self.model.filter.queue] = self._column_widths(self.model.filter.queue)
        keys = [c[0] for c in COLUMNS]
        shown = set(keys)
        total = sum(widths.values())
        gone = []
        for key in self._GIVE_WAY:
            if total <= available:
                break
            shown.discard(key)
            gone.append(key)
            total -= widths[key]
        for key in reversed(gone[:-1]):   # one given way for a wide one may leave room for a narrow one
            if total + widths[key] <= available:
                shown.add(key)
                total += widths[key]
        spare = available - total     # < 0 only narrower than any desk screen: the stretching column gives
        stretch = next((k for k in ("product", "order_no", "buyer", "amount") if k in shown), "amount")
        for col, key in enumerate(keys):
            table.setColumnHidden(col, key not in shown)
            if key in shown:
                extra = spare if key == stretch else 0
                table.setColumnWidth(col, max(60, widths[key] + extra))
        table.horizontalScrollBar().setValue(0)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.detail.viewer and event.type() == QEvent.Type.Hide:
            self.activateWindow()
            self.ui.refundTable.setFocus()
        elif obj is self.ui.refundTable.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        elif obj is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # from the search box to its results: the first one selected, ready for A / P / R / E
            if self.queue.search_timer.isActive():
                self.queue.search_timer.stop()
                self._focus_results = True
                self.refresh_queue()
            elif self.model.rowCount():
                if not self.selected_rows():
                    self.move_selection(0)
                self.ui.refundTable.setFocus()
            return True
        elif obj is self.ui.refundTable and event.type() == QEvent.Type.KeyPress and event.text().isalpha() \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            # a letter the refund's actions did not take (theirs go to the enabled actions first): never the view's
            # type-to-find, which jumped to another refund ("A" → the first App Store row); say why, if it is one
            self._letter_not_taken(event.text().upper())
            return True
        elif obj is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            # Esc in the search box: the search goes (the selection stays), then back to the queue
            if self.ui.searchEdit.text():
                self.ui.searchEdit.clear()
            else:
                self.ui.refundTable.setFocus()
            return True
        return super().eventFilter(obj, event)

    def _letter_not_taken(self, letter: str) -> None:
        actions = {"A": self.ui.actionApprove, "P": self.ui.actionPartial, "R": self.ui.actionReject}
        if letter not in actions:
            return
        row = self.acting_row()
        if getattr(self, "role", None) not in DECIDING_ROLES:
            why = self.tr("Your role can view refunds but not decide them.")
        elif row is None:
            why = self.tr("Select one refund in the list first.")
        elif row["status"] != "awaiting_merchant":
            why = self.tr("This refund is not waiting for your decision.")
        else:
            why = self.tr("A decision on this refund is already uploading.")
        self.ui.statusbar.showMessage(why, 5000)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide_line()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.detail.decision_panel.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.set_geometry("main_splitter", self.ui.mainSplitter.saveState())
        self.settings.sync()
        super().closeEvent(event)
