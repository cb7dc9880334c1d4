"""The Reports window (managers and owners): period presets and filters, KPI cards, charts, a
preview of the decisions, and export to CSV / XLSX / PDF with progress and cancel.

Every query goes through the console's one read helper (`DatabaseAccess.read`), the export's audit
entry through its one writer; the file itself is written on Qt's pool (`workers.run_in_background`,
no database there). Results come back to the GUI thread by signal, a newer request makes an older
one's result stale, and a failure is shown in the window's status line.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from merchant_console.core.clock import ServerClock
from merchant_console.core.status import CATEGORIES, CHANNELS
from merchant_console.reports import charts
from merchant_console.reports import labels as L
from merchant_console.reports.conversation import ConversationKpis
from merchant_console.reports.export import (
    ExportCancelled,
    Written,
    can_export,
    check_export,
    read_report,
    record_export,
    write_report,
)
from merchant_console.reports.kpi import Kpis
from merchant_console.reports.query import ReportFilter, local_zone, reason_options, staff_options, zone_label
from merchant_console.reports.table import COLUMNS, CONVERSATION_STAFF_COLUMNS, COUNT, MINUTES, TIME, YUAN
from merchant_console.resources import REPORT_FONT
from merchant_console.store import state

from .database_access import DatabaseAccess, describe
from .forms.ui_reports_window import Ui_ReportsWindow
from .screen_fit import fit_to_screen
from .words import word
from .workers import run_in_background

PRESETS = ("today", "yesterday", "this_week", "last_7", "last_30", "this_month", "custom")
FORMATS = ("xlsx", "csv", "pdf")


def preset_range(preset: str, today: date) -> tuple[date, date] | None:
    """The days a preset covers (inclusive); None for custom. Weeks start on Monday."""
    if preset == "today":
        return today, today
    if preset == "yesterday":
        y = today - timedelta(days=1)
        return y, y
    if preset == "this_week":
        return today - timedelta(days=today.weekday()), today
    if preset == "last_7":
        return today - timedelta(days=6), today
    if preset == "last_30":
        return today - timedelta(days=29), today
    if preset == "this_month":
        return today.replace(day=1), today
    return None


class DecisionsModel(QAbstractTableModel):
    """The report's decision rows, formatted as the export formats them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._lang = "en"
        self._tz: tzinfo = local_zone()

    def set_report(self, k: Kpis | None, lang: str) -> None:
        self.beginResetModel()
        self._rows = list(k.rows) if k is not None else []
        self._lang = lang
        self._tz = k.filter.tz if k is not None else local_zone()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section].header(self._lang)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(COLUMNS)):
            return None
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in (YUAN, MINUTES, COUNT):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        v = col.value(self._rows[index.row()], self._lang)
        if v is None:
            return ""
        if col.kind == TIME:
            return datetime.fromtimestamp(v / 1000, self._tz).strftime("%Y-%m-%d %H:%M")
        if col.kind == YUAN:
            return L.yuan(v)
        if col.kind == MINUTES:   # 926 minutes, 55.5 minutes: not "926.0" (the export keeps the number)
            return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"
        if col.kind == COUNT:
            return str(v)
        return v


class KpiCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("kpiCard")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("color: palette(placeholder-text);")
        self.value = QLabel("—", self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel(self)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.detail)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class _ExportSignals(QObject):
    progress = Signal(int, int)


class _ChartView(QSvgWidget):
    """One chart, drawn at the widget's own size: a point of the drawing is a pixel on screen, so its
    10 pt labels are 10 px at any window width (a fixed 480 × 260 drawing scaled into a third of the
    window made them 6 px). Redrawn, shortly after a resize, for the new size."""

    HEIGHT = 280

    def __init__(self, chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart                 # charts.daily_volume & co: (kpis, lang, width, height) -> Drawing
        self.kpis: Kpis | None = None
        self.lang = "en"
        self.svg = b""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.HEIGHT)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(80)
        self._redraw.timeout.connect(self.draw)

    def sizeHint(self) -> QSize:
        return QSize(400, self.HEIGHT)

    def show_report(self, k: Kpis, lang: str) -> None:
        self.kpis, self.lang = k, lang
        self.draw()

    def draw(self) -> None:
        if self.kpis is None:
            return
        # on the window's own colours: white panels in the dark theme glared (the PDF stays on paper)
        app = QApplication.instance()
        ink = charts.DARK if app is not None and app.property("mc_dark") else charts.PRINT
        self.svg = charts.to_svg(self.chart(self.kpis, self.lang, max(200, self.width()), self.height(), ink))
        self.load(QByteArray(self.svg))
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # load() resets it

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.kpis is not None and event.size().width() != event.oldSize().width():
            self._redraw.start()


def _load_report_font() -> None:
    """The charts name the PDF's font; loaded here, the window draws their SVG with the same glyphs and
    metrics reportlab laid them out with (else Qt picks some system font of another width)."""
    if REPORT_FONT.exists() and "WenQuanYi Micro Hei" not in QFontDatabase.families():
        QFontDatabase.addApplicationFont(str(REPORT_FONT))


def _options(conn) -> dict:
    return {"state": state.load_state(conn), "staff": staff_options(conn), "reasons": reason_options(conn),
            "refunds": conn.exec_driver_sql("SELECT count(*) FROM refunds").scalar_one()}


class ReportsWindow(QWidget):
    """The Reports window. `ReportsWindow(access)`; it reads the role itself and refuses non-managers."""

    reportShown = Signal()       # KPIs, charts and preview show the current filters
    exportFinished = Signal(str)  # "done" | "cancelled" | "failed"

    def __init__(self, access: DatabaseAccess, parent: QWidget | None = None, *, lang: str | None = None,
                 today: Callable[[], date] | None = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.ui = Ui_ReportsWindow()
        self.ui.setupUi(self)
        fit_to_screen(self, self.width(), self.height())   # the form's 1280×860 is taller than a laptop
        _load_report_font()
        self._access = access
        self._lang = lang or ("zh" if self.locale().name().startswith("zh") else "en")
        self._today = today or date.today
        self._tz = tz or local_zone()
        self._generation = 0
        self._kpis: Kpis | None = None
        self._state: dict | None = None
        self._cancel: threading.Event | None = None
        self._signals = _ExportSignals(self)
        self._signals.progress.connect(self._on_progress)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(120)
        self._refresh_timer.timeout.connect(self._refresh)
        self._model = DecisionsModel(self)
        self.ui.previewTable.setModel(self._model)
        self.ui.previewTable.verticalHeader().setDefaultSectionSize(22)
        self.ui.previewTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.ui.previewTable.horizontalHeader().setDefaultSectionSize(110)
        self._build_cards()
        self._build_charts()
        self._build_conversation()
        self._fill_static_combos()
        self.ui.progressBar.hide()
        self.ui.cancelButton.hide()
        self.exported: Path | None = None       # the last file written, for Open / Show in folder
        self.ui.openFileButton.hide()
        self.ui.showFolderButton.hide()
        self.ui.openFileButton.clicked.connect(self.open_exported)
        self.ui.showFolderButton.clicked.connect(self.show_exported_in_folder)
        # a window of its own: Esc and the platform's Close (Ctrl+W, ⌘W) close it, as in the viewer
        closing = {k.toString(): k for k in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W"),
                                             *QKeySequence.keyBindings(QKeySequence.StandardKey.Close))}
        for keys in closing.values():   # each once: two shortcuts on one key are ambiguous and neither fires
            QShortcut(keys, self, context=Qt.ShortcutContext.WindowShortcut).activated.connect(self.close)
        self.ui.exportButton.setEnabled(False)
        self.ui.presetCombo.currentIndexChanged.connect(self._preset_changed)
        self.ui.fromDate.dateChanged.connect(self._dates_edited)
        self.ui.toDate.dateChanged.connect(self._dates_edited)
        for combo in (self.ui.staffCombo, self.ui.actionCombo, self.ui.deciderCombo, self.ui.categoryCombo,
                      self.ui.reasonCombo, self.ui.channelCombo):
            combo.currentIndexChanged.connect(self._schedule_refresh)
        self.ui.exportButton.clicked.connect(self.export_clicked)
        self.ui.cancelButton.clicked.connect(self.cancel_export)
        self.ui.presetCombo.setCurrentIndex(PRESETS.index("last_7"))
        self._apply_preset("last_7")
        self._set_status(self.tr("Loading…"))
        access.read(_options, self._options_loaded, self._failed, owner=self)

    # --- setup -----------------------------------------------------------------------------
    def _build_cards(self) -> None:
        titles = [("received", self.tr("Refunds received")), ("decided", self.tr("Decided")),
                  ("approved", self.tr("Approved")), ("partial", self.tr("Partial refunds")),
                  ("rejected", self.tr("Rejected")), ("requested", self.tr("Money requested")),
                  ("refunded", self.tr("Money refunded")), ("sla", self.tr("SLA compliance")),
                  ("median", self.tr("Median response")), ("p90", self.tr("P90 response")),
                  ("auto", self.tr("Auto-approved by platform")), ("urged", self.tr("Urged by buyers")),
                  ("escalated", self.tr("Escalated to platform")), ("appeals", self.tr("Appeals"))]
        self.cards: dict[str, KpiCard] = {}
        for i, (key, title) in enumerate(titles):
            card = KpiCard(self.ui.kpiPanel)
            card.title.setText(title)
            card.setObjectName(f"kpi_{key}")
            self.ui.kpiGrid.addWidget(card, i // 7, i % 7)
            self.cards[key] = card
        self.cards["sla"].setToolTip(self.tr("Share of staff decisions made before the response deadline"))
        self.cards["median"].setToolTip(self.tr("From the buyer's request to the decision"))
        self.cards["p90"].setToolTip(self.tr("Nine in ten decisions were at least this fast"))

    def _build_charts(self) -> None:
        self.chart_widgets: list[_ChartView] = []
        for i, chart in enumerate(charts.CHARTS):
            w = _ChartView(chart, self.ui.chartsTab)
            w.setMinimumWidth(280)
            self.ui.chartsGrid.addWidget(w, 0, i)
            self.chart_widgets.append(w)
        # the charts sit at the top of the tab (not floating in its middle with blank bands around them)
        self.ui.chartsGrid.setRowStretch(1, 1)
        self.ui.chartsGrid.setAlignment(Qt.AlignmentFlag.AlignTop)

    def _build_conversation(self) -> None:
        """The after-sale conversation tab (v1.1): eight cards a manager reads at a glance, a line saying
        there was no conversation when there was none, and the figures of each staff member."""
        tab = QWidget(self.ui.tabs)
        tab.setObjectName("conversationTab")
        lay = QVBoxLayout(tab)
        self.conversation_empty = QLabel(tab)
        self.conversation_empty.setObjectName("conversationEmpty")
        self.conversation_empty.setWordWrap(True)
        self.conversation_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.conversation_empty.hide()
        lay.addWidget(self.conversation_empty)
        self.conversation_panel = QWidget(tab)
        grid = QGridLayout(self.conversation_panel)
        grid.setContentsMargins(0, 0, 0, 0)
        titles = [("proposals", self.tr("Proposals made")), ("accepted", self.tr("Accepted by the buyer")),
                  ("declined", self.tr("Declined by the buyer")), ("expired", self.tr("Expired unanswered")),
                  ("kept", self.tr("Money kept by negotiation")), ("extensions", self.tr("Extensions used")),
                  ("requests", self.tr("Evidence requests answered in time")),
                  ("answer", self.tr("Median time to answer a buyer"))]
        self.talk_cards: dict[str, KpiCard] = {}
        for i, (key, title) in enumerate(titles):
            card = KpiCard(self.conversation_panel)
            card.title.setText(title)
            card.setObjectName(f"talk_{key}")
            grid.addWidget(card, i // 4, i % 4)
            self.talk_cards[key] = card
        self.talk_cards["kept"].setToolTip(self.tr("On the partial proposals buyers accepted: what they asked "
                                                   "minus what was refunded"))
        self.talk_cards["requests"].setToolTip(self.tr("Customer service's evidence requests whose time to answer "
                                                       "ended in the period"))
        self.talk_cards["answer"].setToolTip(self.tr("From a buyer's message to the shop's next message"))
        lay.addWidget(self.conversation_panel)
        self.conversation_note = QLabel(tab)
        self.conversation_note.setWordWrap(True)
        self.conversation_note.setStyleSheet("color: palette(placeholder-text);")
        lay.addWidget(self.conversation_note)
        self.conversation_staff = QTableWidget(0, 1 + len(CONVERSATION_STAFF_COLUMNS), tab)
        self.conversation_staff.setObjectName("conversationStaff")
        self.conversation_staff.setAccessibleName(self.tr("After-sale conversation by staff member"))
        self.conversation_staff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conversation_staff.verticalHeader().hide()
        self.conversation_staff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.conversation_staff, 1)
        self._talk_tab = self.ui.tabs.addTab(tab, self.tr("After-sale conversation"))

    def _fill_static_combos(self) -> None:
        ui = self.ui
        names = {"today": self.tr("Today"), "yesterday": self.tr("Yesterday"), "this_week": self.tr("This week"),
                 "last_7": self.tr("Last 7 days"), "last_30": self.tr("Last 30 days"),
                 "this_month": self.tr("This month"), "custom": self.tr("Custom")}
        for p in PRESETS:
            ui.presetCombo.addItem(names[p], p)
        ui.actionCombo.addItem(self.tr("All actions"), None)
        for code, text in (("approve", self.tr("Approved")), ("partial", self.tr("Partial refund")),
                           ("reject", self.tr("Rejected"))):
            ui.actionCombo.addItem(text, code)
        ui.deciderCombo.addItem(self.tr("Staff or platform"), None)
        ui.deciderCombo.addItem(self.tr("Staff"), "staff")
        ui.deciderCombo.addItem(self.tr("Platform (auto or CS)"), "platform")
        ui.categoryCombo.addItem(self.tr("All categories"), None)
        for code in CATEGORIES:
            ui.categoryCombo.addItem(word("categories", code), code)
        ui.channelCombo.addItem(self.tr("All channels"), None)
        for code in CHANNELS:
            ui.channelCombo.addItem(word("channels", code), code)
        ui.staffCombo.addItem(self.tr("All staff"), None)
        ui.reasonCombo.addItem(self.tr("All reasons"), None)
        for fmt, text in (("xlsx", self.tr("Excel (XLSX)")), ("csv", self.tr("CSV")), ("pdf", self.tr("PDF"))):
            ui.formatCombo.addItem(text, fmt)

    # --- options and role -------------------------------------------------------------------
    def _options_loaded(self, opts: dict) -> None:
        self._state = opts["state"]
        if not can_export(self._state.get("role")):
            for w in (self.ui.filterBox, self.ui.kpiPanel, self.ui.tabs, self.ui.exportButton,
                      self.ui.formatCombo):
                w.setEnabled(False)
            self._set_status(self.tr("Reports are for managers and owners. Your role (%1) cannot see or export "
                                     "them.").replace("%1", str(self._state.get("role") or self.tr("not signed in"))))
            return
        for sid, name in opts["staff"]:
            self.ui.staffCombo.addItem(f"{name} ({sid})", sid)
        for code in opts["reasons"]:
            self.ui.reasonCombo.addItem(word("reasons", code), code)
        self._has_data = opts["refunds"] > 0
        self._refresh()

    def _failed(self, error: Exception) -> None:
        self._set_status(self.tr("Could not read the local database: %1").replace("%1", describe(error)))

    # --- period -----------------------------------------------------------------------------
    def _preset_changed(self, _index: int) -> None:
        self._apply_preset(self.ui.presetCombo.currentData())
        self._schedule_refresh()

    def _apply_preset(self, preset: str) -> None:
        span = preset_range(preset, self._today())
        if span is None:
            return
        for edit, day in ((self.ui.fromDate, span[0]), (self.ui.toDate, span[1])):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _dates_edited(self, _date: QDate) -> None:
        custom = PRESETS.index("custom")
        if self.ui.presetCombo.currentIndex() != custom:
            self.ui.presetCombo.blockSignals(True)
            self.ui.presetCombo.setCurrentIndex(custom)
            self.ui.presetCombo.blockSignals(False)
        self._schedule_refresh()

    def current_filter(self) -> ReportFilter | None:
        """The filters as chosen; None when the period is reversed."""
        d0, d1 = self.ui.fromDate.date(), self.ui.toDate.date()
        start, end = date(d0.year(), d0.month(), d0.day()), date(d1.year(), d1.month(), d1.day())
        if start > end:
            return None
        ui = self.ui
        return ReportFilter(start, end, tz=self._tz, staff_id=ui.staffCombo.currentData(),
                            action=ui.actionCombo.currentData(), decided_by=ui.deciderCombo.currentData(),
                            category=ui.categoryCombo.currentData(), reason_code=ui.reasonCombo.currentData(),
                            channel=ui.channelCombo.currentData())

    # --- report -----------------------------------------------------------------------------
    def _schedule_refresh(self, *_args) -> None:
        if self._state is not None and can_export(self._state.get("role")):
            self._refresh_timer.start()

    def _refresh(self) -> None:
        f = self.current_filter()
        self._generation += 1
        if f is None:
            self._kpis = None
            self.ui.exportButton.setEnabled(False)
            self._set_status(self.tr("The period starts after it ends: pick a “From” date on or before “To”."))
            return
        gen = self._generation
        self._set_status(self.tr("Calculating…"))
        now = self._now_ms()
        self._access.read(lambda conn: read_report(conn, f, now_ms=now), lambda k: self._shown(gen, k),
                          lambda e: self._read_failed(gen, e), owner=self)

    def _read_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._failed(error)

    def _now_ms(self) -> int:
        """The platform's time (an evidence request still open is not yet missed)."""
        offset = (self._state or {}).get("clock_offset_ms") or 0
        return ServerClock(offset).now_ms()

    def _shown(self, generation: int, k: Kpis) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self._kpis = k
        self._show_kpis(k)
        self._show_conversation(k)
        for w in self.chart_widgets:
            w.show_report(k, self._lang)
        self._model.set_report(k, self._lang)
        self.ui.previewTable.resizeColumnsToContents()
        if self._cancel is None:
            self.ui.exportButton.setEnabled(True)
        if not getattr(self, "_has_data", True):
            self._set_status(self.tr("Nothing has been synced yet. Reports fill in once the console has synced "
                                     "refunds from the platform."))
        elif k.decided == 0:
            self._set_status(self.tr("No decisions in this period with these filters. Try a longer period or "
                                     "clear a filter."))
        else:
            text = self.tr("1 decision · times in %2") if k.decided == 1 else self.tr("%1 decisions · times in %2")
            self._set_status(text.replace("%1", str(k.decided))
                             .replace("%2", zone_label(k.filter.tz)))
        self.reportShown.emit()

    def _show_kpis(self, k: Kpis) -> None:
        c, lg = self.cards, self._lang
        c["received"].show_value(str(k.received))
        c["decided"].show_value(str(k.decided))
        c["approved"].show_value(str(k.approved), L.percent(k.approval_rate))
        c["partial"].show_value(str(k.partial), L.percent(k.partial_rate))
        c["rejected"].show_value(str(k.rejected), L.percent(k.rejection_rate))
        c["requested"].show_value(L.yuan(k.requested_fen))
        c["refunded"].show_value(L.yuan(k.refunded_fen))
        on_time = self.tr("%1 of %2 on time")
        c["sla"].show_value(L.percent(k.sla_rate),
                            on_time.replace("%1", str(k.sla_met)).replace("%2", str(k.staff_decided)))
        c["median"].show_value(L.duration(k.median_response_ms, lg))
        c["p90"].show_value(L.duration(k.p90_response_ms, lg))
        c["auto"].show_value(str(k.auto_approved))
        c["urged"].show_value(str(k.urged))
        c["escalated"].show_value(str(k.escalated))
        c["appeals"].show_value(str(k.appeals), self.tr("%1 upheld · %2 overturned · %3 pending")
                                .replace("%1", str(k.appeals_upheld)).replace("%2", str(k.appeals_overturned))
                                .replace("%3", str(k.appeals_pending)))

    def _show_conversation(self, k: Kpis) -> None:
        c: ConversationKpis = k.conversation
        tabs = self.ui.tabs
        if c.empty:
            self.conversation_panel.hide()
            self.conversation_staff.hide()
            self.conversation_note.hide()
            self.conversation_empty.setText(self.tr("No after-sale conversation in this period: no proposals, "
                                                    "extensions, evidence requests or buyer messages."))
            self.conversation_empty.show()
            tabs.setTabText(self._talk_tab, self.tr("After-sale conversation"))
            return
        self.conversation_empty.hide()
        self.conversation_panel.show()
        lg, t = self._lang, self.talk_cards
        t["proposals"].show_value(str(c.proposals), self.tr("%1 waiting for the buyer · %2 re-issued cards")
                                  .replace("%1", str(c.pending)).replace("%2", str(c.reissues_accepted)))
        t["accepted"].show_value(str(c.accepted), L.percent(c.acceptance_rate))
        t["declined"].show_value(str(c.declined))
        t["expired"].show_value(str(c.expired))
        t["kept"].show_value(L.yuan(c.kept_fen), self.tr("of %1 asked").replace("%1", L.yuan(c.asked_fen)))
        t["extensions"].show_value(str(c.extensions), self.tr("%1 h in all").replace("%1", str(c.extension_hours)))
        t["requests"].show_value(f"{c.answered_in_time}/{c.requests}",
                                 self.tr("%1 · %2 late · %3 not answered").replace("%1", L.percent(c.in_time_rate))
                                 .replace("%2", str(c.answered_late)).replace("%3", str(c.unanswered)))
        t["answer"].show_value(L.duration(c.median_answer_ms, lg), self.tr("%1 of %2 messages answered")
                               .replace("%1", str(c.buyer_messages_answered)).replace("%2", str(c.buyer_messages)))
        f = k.filter
        self.conversation_note.setVisible(bool(f.action or f.decided_by or f.reason_code))
        self.conversation_note.setText(self.tr("The action, decider and reason filters do not apply to "
                                               "conversations: a conversation is not a decision."))
        table = self.conversation_staff
        table.setHorizontalHeaderLabels([L.word("staff", lg)] + [L.word(key, lg)
                                                                  for key, _ in CONVERSATION_STAFF_COLUMNS])
        table.setRowCount(len(k.conversation_by_staff))
        for i, line in enumerate(k.conversation_by_staff):
            cells = [f"{line.name} ({line.staff_id})"]
            cells += [value(line.kpis, lg) for _, value in CONVERSATION_STAFF_COLUMNS]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)
        table.setVisible(bool(k.conversation_by_staff))
        tabs.setTabText(self._talk_tab, self.tr("After-sale conversation (%1)").replace("%1", str(c.proposals)))

    # --- export -----------------------------------------------------------------------------
    def choose_path(self, suggested: str) -> str:
        """Ask where to save (tests replace this with a fixed path). Every format is offered; the name
        typed decides (see export_clicked)."""
        fmt = self.ui.formatCombo.currentData()
        filters = {f: self.tr("%1 files (*.%2)").replace("%1", f.upper()).replace("%2", f) for f in FORMATS}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), suggested,
                                              ";;".join(filters.values()), filters[fmt])
        return path

    def export_clicked(self) -> None:
        k, st = self._kpis, self._state
        if k is None or st is None or self._cancel is not None:
            return
        fmt = self.ui.formatCombo.currentData()
        f = k.filter
        suggested = str(Path.home() / f"refund-report_{f.date_from}_{f.date_to}.{fmt}")
        path = self.choose_path(suggested)
        if not path:
            return
        # the name typed wins: "report.pdf" with CSV chosen is a PDF (not "report.pdf.csv"); a name
        # without a known suffix gets the chosen format's
        typed = Path(path).suffix.lower().lstrip(".")
        if typed in FORMATS:
            fmt = typed
            self.ui.formatCombo.setCurrentIndex(self.ui.formatCombo.findData(fmt))
        else:
            path += f".{fmt}"
        cancel = threading.Event()
        self._cancel = cancel
        self.ui.exportButton.setEnabled(False)
        self.ui.openFileButton.hide()
        self.ui.showFolderButton.hide()
        self.ui.progressBar.setRange(0, max(1, len(k.rows)))
        self.ui.progressBar.setValue(0)
        self.ui.progressBar.show()
        self.ui.cancelButton.setEnabled(True)
        self.ui.cancelButton.show()
        self._set_status(self.tr("Exporting %1 to %2…").replace("%1", fmt.upper()).replace("%2", path))
        lang, signals = self._lang, self._signals
        actor, role = st.get("staff_id") or "", st.get("role")
        try:
            check_export(role, fmt)
        except Exception as e:  # noqa: BLE001 - a role that may not export: said, nothing written
            self._export_failed(e)
            return

        def work() -> Written:   # the file only: no database on Qt's pool
            return write_report(k, fmt, path, lang=lang, progress=signals.progress.emit, cancelled=cancel.is_set)

        run_in_background(work, lambda written: self._record(written, actor, lang), self._export_failed, owner=self)

    def _record(self, written: Written, actor: str, lang: str) -> None:
        """The file is whole: its audit entry goes through the console's one writer."""
        at_ms = self._now_ms()
        self._access.write(lambda db: record_export(db, written, actor=actor, at_ms=at_ms, lang=lang),
                           self._export_done, self._export_failed, owner=self)

    def cancel_export(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.ui.cancelButton.setEnabled(False)
            self._set_status(self.tr("Cancelling…"))

    def _on_progress(self, done: int, total: int) -> None:
        self.ui.progressBar.setRange(0, max(1, total))
        self.ui.progressBar.setValue(done)

    def _export_ended(self) -> None:
        self._cancel = None
        self.ui.progressBar.hide()
        self.ui.cancelButton.hide()
        self.ui.exportButton.setEnabled(self._kpis is not None)

    def _export_done(self, result) -> None:
        self._export_ended()
        text = self.tr("Exported 1 decision as %2 to %3") if result.rows == 1 else \
            self.tr("Exported %1 decisions as %2 to %3")
        self._set_status(text.replace("%1", str(result.rows)).replace("%2", result.fmt.upper())
                         .replace("%3", str(result.path)))
        self.exported = Path(result.path)
        self.ui.openFileButton.show()
        self.ui.showFolderButton.show()
        self.exportFinished.emit("done")

    def open_exported(self) -> None:
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported)))

    def show_exported_in_folder(self) -> None:
        """The file's folder, with the file selected where the platform's file manager can do that."""
        if self.exported is None:
            return
        if sys.platform == "win32":
            QProcess.startDetached("explorer.exe", ["/select,", str(self.exported)])
        elif sys.platform == "darwin":
            QProcess.startDetached("open", ["-R", str(self.exported)])
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.parent)))

    def _export_failed(self, error: Exception) -> None:
        self._export_ended()
        if isinstance(error, ExportCancelled):
            self._set_status(self.tr("Export cancelled; no file was written."))
            self.exportFinished.emit("cancelled")
            return
        self._set_status(self.tr("Export failed: %1").replace("%1", describe(error)))
        self.exportFinished.emit("failed")

    def _set_status(self, text: str) -> None:
        self.ui.statusLabel.setText(text)

    def closeEvent(self, event) -> None:
        if self._cancel is not None:
            self._cancel.set()  # the export stops at its next check and leaves no file behind
        super().closeEvent(event)
