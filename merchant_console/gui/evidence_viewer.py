"""The evidence viewer: one refund's images, next/previous, zoom, compare side by side, facts, flags.

Opening shows the cached preview at once (the canvas loads levels on workers); a file not yet
processed is processed on a worker with the same safe decoder as prefetching, and a broken one shows
a placeholder saying why. Nothing here decodes or touches the disk on the GUI thread.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import workbench
from ..core.risk import Flag
from ..core.risk import Signal as RiskSignal  # Qt's Signal is the other one here
from ..evidence.processor import EvidenceProcessor, Worked
from ..evidence.renditions import Renditions
from ..store import evidence_reading, refunds, risk
from ..store.changes import Changes
from ..store.conversation import NOT_DOWNLOADED
from ..store.engine import Database
from ..store.evidence_cache import EvidenceCache
from .database_access import DatabaseAccess, describe
from .evidence_canvas import EvidenceCanvas, ImageSource, _load_original
from .evidence_strip import EvidenceStrip
from .evidence_text import broken_text, kind_label, signal_names, signal_sentence
from .evidence_text_panel import EvidenceTextPanel
from .formatting import counted
from .forms.ui_evidence_facts import Ui_EvidenceFacts
from .refusals import refusal_text
from .screen_fit import fit_to_screen
from .workers import run_in_background

log = logging.getLogger(__name__)

_EXT = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
CLOSEST = 3   # similar-image matches listed by name in the facts panel


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Opened:
    """Everything the viewer needs to show one evidence row (read on a worker)."""

    row: dict
    facts: dict | None
    renditions: Renditions | None
    original: Path | None
    signals: list[RiskSignal]
    flags: list[Flag]
    names: dict[str, str] = field(default_factory=dict)   # ids -> what people call them (see _names)
    text_lines: list[dict] = field(default_factory=list)  # text read from the image, with where it sits
    text_status: str = ""   # evidence_reading.READ or FAILED; '' while not read yet

    @property
    def broken(self) -> str | None:
        if self.row.get("fetch_error") == NOT_DOWNLOADED:   # a message's image the sync has not fetched yet
            return "missing"
        if self.row.get("fetch_error"):
            return "fetch"
        if self.facts is not None and self.facts["broken"]:
            return self.facts["broken"]
        if self.renditions is None and self.original is None:
            return "missing"
        return None

    def source(self) -> ImageSource | None:
        if self.broken:
            return None
        f = self.facts or {}
        r = self.renditions
        w = r.width if r else f.get("width")
        h = r.height if r else f.get("height")
        if not w or not h:
            return None
        return ImageSource(self.row["sha256"], int(w), int(h), r, self.original)


def open_evidence(db: Database, cache: EvidenceCache, processor: EvidenceProcessor, row: dict) -> Opened:
    """Find (or make, for a file cached but not yet processed) what is needed to show `row`, with
    transactions of its own (any worker thread; the GUI uses `open_evidence_through`)."""
    with db.read() as conn:
        opened, worked = look_up_evidence(conn, cache, processor, row)
    _record_opened(db, cache, processor, opened, worked, _now_ms())
    return opened


def open_evidence_through(access: DatabaseAccess, cache: EvidenceCache, processor: EvidenceProcessor, row: dict,
                          on_done, on_error, *, owner) -> None:
    """The GUI's way to open an image: read (and, for a file cached but not yet processed, decode and make its
    renditions) on the reader; then the use of the cached file and any facts found are recorded through the
    writer (a change notice with the evidence follows), and `on_done(Opened)` runs on the GUI thread."""
    row, now = dict(row), _now_ms()

    def landed(result: tuple[Opened, Worked | None]) -> None:
        opened, worked = result
        if opened.original is not None or worked is not None:
            touched = Changes.of_evidence([(row["refund_id"], row["sha256"])]) if worked is not None else None
            access.write(lambda db: _record_opened(db, cache, processor, opened, worked, now), touches=touched)
        on_done(opened)

    access.read(lambda conn: look_up_evidence(conn, cache, processor, row), landed, on_error, owner=owner)


def _record_opened(db: Database, cache: EvidenceCache, processor: EvidenceProcessor, opened: Opened,
                   worked: Worked | None, now: int) -> None:
    """What opening an image writes: the cached file's use (eviction keeps recently used ones) and its facts."""
    if opened.original is not None:
        try:
            cache.path(opened.row["sha256"], now)
        except ValueError:
            pass
    if worked is not None:
        with db.write() as conn:
            processor.record(conn, worked)


def look_up_evidence(conn, cache: EvidenceCache, processor: EvidenceProcessor,
                     row: dict) -> tuple[Opened, Worked | None]:
    """What is needed to show `row`, read through `conn` (a reader's). A file cached but not yet processed is
    decoded here (renditions made); what was found is returned to be recorded by the caller's writer."""
    sha = row["sha256"]
    original = None
    if not row.get("fetch_error"):
        try:
            original = cache.lookup(conn, sha)
        except ValueError:
            original = None
    facts = risk.facts_of(conn, [sha]).get(sha)
    rend = processor.renditions.get(sha) if not row.get("fetch_error") else None
    worked = None
    if original is not None and (facts is None or (not facts["broken"] and rend is None)):
        worked = processor.work(sha, original, conn)
        facts = worked.facts
        rend = processor.renditions.get(sha)
    signals = [s for s in risk.signals_for(conn, [row["refund_id"]]).get(row["refund_id"], [])
               if s.evidence_id in (None, row["id"])]
    flags = [f for f in risk.flags_for(conn, [row["refund_id"]]).get(row["refund_id"], [])
             if f.evidence_id == row["id"]]
    names = _names(conn, signals)
    read = evidence_reading.text_of(conn, [sha]).get(sha)
    lines = list(read["lines"]) if read and read["status"] == evidence_reading.READ else []
    return Opened(row, facts, rend, original, signals, flags, names, lines, read["status"] if read else ""), worked



def _order_numbers(conn, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(conn.exec_driver_sql(f"SELECT id, order_no FROM refunds WHERE id IN ({marks})", tuple(ids)).all())


def _names(conn, signals: list[RiskSignal]) -> dict[str, str]:
    return signal_names(conn, signals)


class EvidenceFactsPanel(QWidget):
    """Facts of the image shown: size, format, bytes, EXIF camera/software/time, sha256, signals, flags."""

    flagRequested = Signal()
    linkActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EvidenceFacts()
        self.ui.setupUi(self)
        self.ui.flagButton.clicked.connect(self.flagRequested)
        self.ui.signalsValue.linkActivated.connect(self.linkActivated)
        self.setMinimumWidth(300)

    def show_opened(self, o: Opened | None) -> None:
        ui = self.ui
        dash = "—"
        if o is None:
            for lab in (ui.sizeValue, ui.formatValue, ui.bytesValue, ui.cameraValue, ui.softwareValue,
                        ui.takenValue, ui.orientationValue, ui.shaValue, ui.signalsValue, ui.flagsValue):
                lab.setText(dash)
            return
        f = o.facts or {}
        if o.broken:
            ui.sizeValue.setText(broken_text(o.broken))
        else:
            ui.sizeValue.setText(self.tr("%1 × %2 px").replace("%1", str(f.get("width") or dash))
                                 .replace("%2", str(f.get("height") or dash)))
        declared = o.row.get("content_type") or ""
        fmt = f.get("format") or dash
        if f.get("format") and declared and _EXT.get(f["format"], "?") not in declared and not (
                f["format"] == "JPEG" and "jpeg" in declared):
            fmt = self.tr("%1 (declared as %2)").replace("%1", fmt).replace("%2", declared)
        ui.formatValue.setText(fmt)
        ui.bytesValue.setText(_size_text(o.row.get("bytes") or 0))
        cam = " ".join(x for x in (f.get("camera_make"), f.get("camera_model")) if x)
        ui.cameraValue.setText(cam or dash)
        ui.softwareValue.setText(f.get("software") or dash)
        ui.takenValue.setText(f.get("taken_at") or dash)
        ui.orientationValue.setText(str(f.get("orientation") or dash))
        sha = o.row["sha256"]
        # four short lines fit the panel beside the longer English labels; the tooltip has it whole
        ui.shaValue.setText("\n".join(sha[i:i + 16] for i in range(0, len(sha), 16)))
        ui.shaValue.setToolTip(sha)
        if o.signals:
            parts = []
            compare, open_refund = _html(self.tr("Compare")), _html(self.tr("Open refund"))

            def order(refund_id: str) -> str:
                return _html(o.names.get(refund_id, refund_id))

            def links(s) -> str:
                return (f' <a href="compare:{_html(s.other_refund_id)}:{_html(s.other_evidence_id or "")}">'
                        f'{compare}</a> · <a href="refund:{_html(s.other_refund_id)}">{open_refund}</a>')

            # one picture reused across many refunds: one paragraph with the closest few, as in the detail
            # pane, not a paragraph per match
            similar = sorted((s for s in o.signals if s.code == "similar_image" and s.other_refund_id),
                             key=lambda s: s.detail.get("distance", 99))
            if similar:
                lines = [_html(counted(
                    len(similar),
                    self.tr("The same picture as in 1 other refund (re-saved, resized or cropped; compare before "
                            "deciding):"),
                    self.tr("The same picture as in {n} other refunds (re-saved, resized or cropped; compare before "
                            "deciding). Closest:")))]
                lines += [self.tr("order {order}").format(order=order(s.other_refund_id or "")) + links(s)
                          for s in similar[:CLOSEST]]
                if len(similar) > CLOSEST:
                    lines.append(_html(self.tr("… and {n} more").format(n=len(similar) - CLOSEST)))
                parts.append("<br>".join(lines))
            # the very same file in several other refunds (one picture sent again and again): one
            # paragraph too, or a dozen sentences push the rest of the facts out of the panel
            same = [s for s in o.signals if s.code == "same_image" and s.other_refund_id]
            if len(same) > 1:
                lines = [_html(self.tr("This very file is in {n} other refunds:").format(n=len(same)))]
                lines += [self.tr("order {order}").format(order=order(s.other_refund_id or "")) + links(s)
                          for s in same[:CLOSEST]]
                if len(same) > CLOSEST:
                    lines.append(_html(self.tr("… and {n} more").format(n=len(same) - CLOSEST)))
                parts.append("<br>".join(lines))
            else:
                same = []
            for s in o.signals:
                if s in similar or s in same:
                    continue
                text = _html(signal_sentence(s, o.names))
                if s.other_refund_id:
                    text += links(s)
                parts.append(text)
            ui.signalsValue.setText("<br><br>".join(parts))
        else:
            ui.signalsValue.setText(self.tr("None found"))
        if o.flags:
            ui.flagsValue.setText("\n".join(f"{fl.staff_name or fl.staff_id or ''}: {fl.note}" for fl in o.flags))
        else:
            ui.flagsValue.setText(self.tr("Not flagged"))


def _html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} B"


class EvidenceViewer(QWidget):
    """A window over one refund's evidence.

    `evidence`: rows of `store.refunds.evidence_of`; `index`: which to show first. `staff_id` and
    `staff_name` sign flags. Emits `openRefund(refund_id)` when the user follows a link to another
    refund (a reused image's other refund) and `flagged(refund_id, evidence_id)` after a flag is saved.
    """

    openRefund = Signal(str)
    flagged = Signal(str, str)
    shown = Signal(int)  # the image at this index is shown (its facts and source are set)
    evidenceWanted = Signal(str)  # an image of this refund is not downloaded: fetch it (see evidence_arrived)

    def __init__(self, access: DatabaseAccess, cache: EvidenceCache, evidence: list[dict], index: int = 0, *,
                 processor: EvidenceProcessor | None = None, staff_id: str | None = None,
                 staff_name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.access = access
        self.db = db = access.db   # (for a processor of its own) reads and writes go through `access`
        self.cache = cache
        self.processor = processor or EvidenceProcessor(db, cache.root)
        self.staff_id, self.staff_name = staff_id, staff_name
        self._evidence = [dict(e) for e in evidence]
        self._index = -1
        self._opened: Opened | None = None
        self._compare_opened: Opened | None = None
        self._generation = 0
        self._compare_generation = 0
        self._linking = False
        self._asked: set[tuple[str, str]] = set()  # (refund, image) not downloaded that were asked for
        self._orders: dict[str, str] = {}   # refund id -> order number, for the title and status line
        self.setWindowTitle(self.tr("Evidence"))
        fit_to_screen(self, 1200, 860)

        self.canvas = EvidenceCanvas(self)
        self.compareCanvas = EvidenceCanvas(self)
        self.compareCanvas.hide()
        self.canvas.viewChanged.connect(lambda: self._link(self.canvas, self.compareCanvas))
        self.compareCanvas.viewChanged.connect(lambda: self._link(self.compareCanvas, self.canvas))
        self.facts = EvidenceFactsPanel(self)
        self.facts.flagRequested.connect(self._flag)
        self.facts.linkActivated.connect(self._follow)
        # the text read from the image: listed, searchable, copyable; a line chosen here or on the canvas is both
        self.textPanel = EvidenceTextPanel(self)
        self.textPanel.lineChosen.connect(lambda i: self.canvas.selectLine(i))
        self.textPanel.matchesChanged.connect(self.canvas.setMatches)
        self.canvas.lineSelected.connect(lambda i: self.textPanel.selectLine(i if i >= 0 else None))
        self.strip = EvidenceStrip(self)
        self.strip.evidenceActivated.connect(self.showIndex)
        self.status = QLabel(self)

        self.toolbar = QToolBar(self)
        self._actions()
        images = QSplitter(Qt.Orientation.Horizontal, self)
        images.addWidget(self.canvas)
        images.addWidget(self.compareCanvas)
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(images)
        side = QSplitter(Qt.Orientation.Vertical, self)
        # the facts scroll within their part: at their full height (~350 px) with the text panel, the strip
        # and the toolbar the viewer could not be made shorter than ~780 px, taller than a 1280×720 screen
        facts_scroll = QScrollArea(self)
        facts_scroll.setWidget(self.facts)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        facts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.addWidget(facts_scroll)
        side.addWidget(self.textPanel)
        side.setSizes([420, 380])
        main.addWidget(side)
        main.setStretchFactor(0, 1)
        main.setSizes([880, 320])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.toolbar)
        lay.addWidget(main, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(6, 2, 6, 2)
        bottom.addWidget(self.strip, 1)
        lay.addLayout(bottom)
        lay.addWidget(self.status)
        self.strip.setEvidence(self._evidence, access, cache.root)
        if self._evidence:
            first = max(0, min(index, len(self._evidence) - 1))
            self.canvas.setSource(None, self.tr("Loading…"))

            def named(orders: dict[str, str]) -> None:   # the order numbers first (one read), then the image
                self._orders = orders
                if self._index < 0:
                    self.showIndex(first)

            ids = sorted({e["refund_id"] for e in self._evidence})
            self.access.read(lambda conn: _order_numbers(conn, ids), named, self._failed, owner=self)
        else:
            self.canvas.setSource(None, self.tr("The buyer attached no evidence."))


    def _actions(self) -> None:
        def act(text: str, keys, slot) -> QAction:
            a = QAction(text, self)
            if keys:
                a.setShortcuts([QKeySequence(k) for k in (keys if isinstance(keys, list) else [keys])])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            self.toolbar.addAction(a)
            self.addAction(a)
            return a

        self.previousAction = act(self.tr("Previous"), ["PgUp", "Ctrl+Left", "["], self.previous)
        self.nextAction = act(self.tr("Next"), ["PgDown", "Ctrl+Right", "]"], self.next)
        self.toolbar.addSeparator()
        self.fitWindowAction = act(self.tr("Fit window"), "Ctrl+0", lambda: self.canvas.fitToWindow())
        self.fitWidthAction = act(self.tr("Fit width"), "Ctrl+9", lambda: self.canvas.fitToWidth())
        self.actualAction = act(self.tr("1:1"), "Ctrl+1", lambda: self.canvas.actualSize())
        self.zoomInAction = act(self.tr("Zoom in"), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
                                lambda: self.canvas.zoomIn())
        self.zoomOutAction = act(self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, lambda: self.canvas.zoomOut())
        self.rotateAction = act(self.tr("Rotate"), "R", lambda: self.canvas.rotateBy(90))
        self.toolbar.addSeparator()
        self.compareAction = act(self.tr("Compare"), "C", self.toggleCompare)
        self.compareAction.setCheckable(True)
        self.copyAction = act(self.tr("Copy"), QKeySequence.StandardKey.Copy, self.copyImage)
        self.saveAction = act(self.tr("Save as…"), QKeySequence.StandardKey.Save, self.saveAs)
        self.flagAction = act(self.tr("Flag…"), "F", self._flag)
        self.closeAction = QAction(self.tr("Close"), self)
        self.closeAction.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        self.closeAction.triggered.connect(self.close)
        self.addAction(self.closeAction)

    # --- navigation ----------------------------------------------------------------------------

    def index(self) -> int:
        return self._index

    def count(self) -> int:
        return len(self._evidence)

    def current(self) -> Opened | None:
        """What is shown now (None while it loads)."""
        return self._opened

    def next(self) -> None:
        if self._index + 1 < len(self._evidence):
            self.showIndex(self._index + 1)

    def previous(self) -> None:
        if self._index > 0:
            self.showIndex(self._index - 1)

    def showIndex(self, index: int) -> None:
        """Show the evidence at `index` (its preview at once when prefetched)."""
        if not 0 <= index < len(self._evidence) or index == self._index:
            return
        self._index = index
        self._generation += 1
        gen = self._generation
        self._opened = None
        self.strip.setCurrentIndex(index)
        row = self._evidence[index]
        self._where()
        self.canvas.setSource(None, self.tr("Loading…"))
        self.facts.show_opened(None)

        def done(o: Opened) -> None:
            if shiboken6.isValid(self) and gen == self._generation:
                self._show(o)

        def failed(e: Exception) -> None:
            if shiboken6.isValid(self) and gen == self._generation:
                self.canvas.setSource(None, broken_text("corrupt") + f"\n{e}")

        open_evidence_through(self.access, self.cache, self.processor, row, done, failed, owner=self)

    def _where(self) -> None:
        """The title and the arrows say which image of how many (the count grows when new images come)."""
        index = self._index
        row = self._evidence[index]
        self.setWindowTitle(self.tr("Evidence %1 of %2 — order %3").replace("%1", str(index + 1))
                            .replace("%2", str(len(self._evidence)))
                            .replace("%3", self._orders.get(row["refund_id"]) or row["refund_id"]))
        self.previousAction.setEnabled(index > 0)
        self.nextAction.setEnabled(index + 1 < len(self._evidence))

    def _status_line(self, o: Opened, news: str = "") -> None:
        # what a person calls it: the order, which image, what kind (never r_… / e_… / "screenshot")
        self.status.setText("  " + self.tr("Order {order} · image {n} of {count} · {kind}").format(
            order=self._orders.get(o.row["refund_id"], o.row["refund_id"]), n=self._index + 1,
            count=len(self._evidence), kind=kind_label(o.row.get("kind"))) + (f"  ·  {news}" if news else ""))

    def _show(self, o: Opened) -> None:
        self._opened = o
        src = o.source()
        self.canvas.setSource(src, "" if src else broken_text(o.broken))
        self._show_text(o)
        self.facts.show_opened(o)
        self._status_line(o)
        self._want_if_missing(o)
        self.shown.emit(self._index)

    def update_rows(self, rows: list[dict]) -> None:
        """Rows it holds, read again (a message's image downloaded since: its digest known now): the strip
        shows them, and the image shown, if it was waiting for its file, is shown again."""
        fresh = {(r["refund_id"], r["id"]): r for r in rows}
        changed = False
        for i, r in enumerate(self._evidence):
            new = fresh.get((r["refund_id"], r["id"]))
            if new is not None and (new.get("sha256"), new.get("fetch_error")) \
                    != (r.get("sha256"), r.get("fetch_error")):
                self._evidence[i] = dict(r, sha256=new.get("sha256"), fetch_error=new.get("fetch_error"))
                changed = True
        if not changed:
            return
        self.strip.setEvidence(self._evidence, self.access, self.cache.root)
        self.strip.setCurrentIndex(self._index)
        o = self._opened
        if o is not None and o.broken and 0 <= self._index < len(self._evidence) \
                and self._evidence[self._index]["sha256"] != o.row.get("sha256"):
            index, self._index = self._index, -1
            self.showIndex(index)

    def add_evidence(self, refund_id: str, rows: list[dict]) -> int:
        """Images of a refund in the viewer that came since it opened (the buyer's answer, a message's
        screenshot) join the strip after that refund's last image, and the status line says so; the image
        shown stays. How many joined."""
        places = [i for i, r in enumerate(self._evidence) if r["refund_id"] == refund_id]
        if not places:
            return 0
        have = {self._evidence[i]["id"] for i in places}
        new = [dict(r) for r in rows if r["id"] not in have]
        if not new:
            return 0
        self._evidence[places[-1] + 1:places[-1] + 1] = new
        if self._index > places[-1]:
            self._index += len(new)   # (another refund's image, later in the list, stays the one shown)
        self.strip.setEvidence(self._evidence, self.access, self.cache.root)
        self.strip.setCurrentIndex(self._index)
        if self._index >= 0:
            self._where()
        news = counted(len(new), self.tr("1 new image arrived: at the end of the strip"),
                       self.tr("{n} new images arrived: at the end of the strip"))
        if self._opened is not None:
            self._status_line(self._opened, news)
        else:
            self.status.setText("  " + news)
        return len(new)

    def _show_text(self, o: Opened) -> None:
        """The image's text on the canvas (click a line to copy it, Ctrl+C for all) and in the text panel."""
        self.canvas.setTextLines(o.text_lines)
        self.textPanel.setLines(o.text_lines, o.text_status if not o.broken else evidence_reading.FAILED)

    def searchText(self, term: str) -> None:
        """Search the text of the images for `term` (the panel keeps it from image to image)."""
        self.textPanel.setSearch(term)

    def text_read(self, sha256: str) -> None:
        """The text of an image was read (in the background): shown at once if it is the image shown,
        with its signals (what the text says) in the facts."""
        o = self._opened
        if o is None or o.row["sha256"] != sha256 or o.broken:
            return
        rid, eid = o.row["refund_id"], o.row["id"]

        def read(conn) -> tuple:
            got = evidence_reading.text_of(conn, [sha256]).get(sha256)
            signals = [s for s in risk.signals_for(conn, [rid]).get(rid, []) if s.evidence_id in (None, eid)]
            return got, signals, _names(conn, signals)

        def done(got: tuple) -> None:
            if self._opened is not o:
                return
            read_, o.signals, o.names = got
            if read_ is not None:
                o.text_status = read_["status"]
                o.text_lines = list(read_["lines"]) if read_["status"] == evidence_reading.READ else []
            self._show_text(o)
            self.facts.show_opened(o)

        self.access.read(read, done, self._failed, owner=self)

    def _want_if_missing(self, o: Opened) -> None:
        rid, key = o.row["refund_id"], (o.row["refund_id"], o.row["id"])
        if o.broken == "missing" and key not in self._asked:   # each image once (one that came later too)
            self._asked.add(key)
            self.evidenceWanted.emit(rid)

    def holds_any(self, sha256s: set[str]) -> bool:
        """Is one of these images listed here or open beside another (compared)?"""
        c = self.compared()
        return any(r["sha256"] in sha256s for r in self._evidence) or (c is not None and c.row["sha256"] in sha256s)

    def evidence_arrived(self, refund_id: str, sha256: str) -> None:
        """An evidence file was cached (or failed for good), or its text read: show it where it was missing."""
        o = self._opened
        if o is not None and o.row["sha256"] == sha256 and not o.broken:
            self.text_read(sha256)
        c = self.compared()
        if c is not None and c.broken == "missing" and c.row["sha256"] == sha256:
            self.compareWith(c.row)
        if not any(r["sha256"] == sha256 for r in self._evidence):
            return
        ids = {r["refund_id"] for r in self._evidence}

        def read(conn) -> dict:  # a failure is recorded on the rows (fetch_error)
            return {(e["refund_id"], e["id"]): e for rid in ids for e in refunds.evidence_of(conn, rid)}

        def done(fresh: dict) -> None:
            if not shiboken6.isValid(self):
                return
            self._evidence = [dict(fresh.get((r["refund_id"], r["id"]), r)) for r in self._evidence]
            self.strip.setEvidence(self._evidence, self.access, self.cache.root)
            self.strip.setCurrentIndex(self._index)
            o = self._opened
            if o is not None and o.broken == "missing" and o.row["sha256"] == sha256:
                index, self._index = self._index, -1
                self.showIndex(index)

        self.access.read(read, done, self._failed, owner=self)

    def _failed(self, error: Exception) -> None:
        """A background job of the viewer failed: said in its status line (and logged), never swallowed."""
        log.warning("evidence viewer: %s", error)
        if shiboken6.isValid(self):
            self.status.setText("  " + self.tr("Could not load: {why}").format(why=describe(error)))

    # --- compare -------------------------------------------------------------------------------

    def toggleCompare(self) -> None:
        if self.compareCanvas.isVisible():
            self.closeCompare()
        elif len(self._evidence) > 1:
            other = self._evidence[(self._index + 1) % len(self._evidence)]
            self.compareWith(other)
        else:
            self.compareAction.setChecked(False)

    def compareWith(self, row: dict) -> None:
        """Show `row` (an evidence row, from any refund) beside the current image, zoom and pan linked."""
        self.compareCanvas.show()
        self.compareAction.setChecked(True)
        self.compareCanvas.setSource(None, self.tr("Loading…"))
        self._compare_generation += 1
        gen = self._compare_generation

        def done(o: Opened) -> None:
            if shiboken6.isValid(self) and gen == self._compare_generation and self.compareCanvas.isVisible():
                self._compare_opened = o
                src = o.source()
                self.compareCanvas.setSource(src, "" if src else broken_text(o.broken))
                self._link(self.canvas, self.compareCanvas)
                self._want_if_missing(o)
                self.shown.emit(self._index)

        open_evidence_through(self.access, self.cache, self.processor, row, done, self._failed, owner=self)

    def closeCompare(self) -> None:
        self._compare_generation += 1
        self.compareCanvas.hide()
        self.compareCanvas.setSource(None)
        self._compare_opened = None
        self.compareAction.setChecked(False)

    def compared(self) -> Opened | None:
        return self._compare_opened if self.compareCanvas.isVisible() else None

    def _link(self, a: EvidenceCanvas, b: EvidenceCanvas) -> None:
        """Make `b` show the same part of its image as `a` (relative position, same on-screen width)."""
        if self._linking or not b.isVisible() or a.source() is None or b.source() is None:
            return
        sa, sb = a.source(), b.source()
        assert sa is not None and sb is not None
        self._linking = True
        try:
            if b.rotation() != a.rotation():
                b.rotateBy((a.rotation() - b.rotation()) % 360)
            k = sa.width / sb.width
            c = a.center()
            b.setView(a.scale() * k, QPointF(c.x() / sa.width * sb.width, c.y() / sa.height * sb.height),
                      fit=a.fitMode())
        finally:
            self._linking = False

    def _follow(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "refund":
            self.openRefund.emit(rest)
        elif kind == "compare":
            refund_id, _, evidence_id = rest.partition(":")

            def find(conn) -> dict | None:
                return next((r for r in refunds.evidence_of(conn, refund_id) if r["id"] == evidence_id), None)

            def found(row: dict | None) -> None:
                if row is not None:
                    self.compareWith(row)

            self.access.read(find, found, self._failed, owner=self)

    # --- copy, save, flag ----------------------------------------------------------------------

    def copyImage(self) -> None:
        """Put the image on the clipboard (the original, decoded on a worker)."""
        o = self._opened
        if o is None or o.source() is None or o.original is None:
            return
        path = o.original

        def done(img: QImage) -> None:
            QGuiApplication.clipboard().setImage(img)
            if shiboken6.isValid(self):
                self.status.setText("  " + self.tr("Copied to the clipboard"))

        run_in_background(lambda: _load_original(path), done, self._failed, owner=self)

    def saveAs(self, target: str | None = None) -> None:
        """Save the original bytes as a file (asks where unless `target` is given)."""
        o = self._opened
        if o is None or o.original is None:
            return
        ext = _EXT.get((o.facts or {}).get("format") or "", "bin")
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Save evidence as"),
                                                    f"{o.row['refund_id']}_{o.row['id']}.{ext}")
        if not target:
            return
        src = o.original

        def done(_):
            if shiboken6.isValid(self):
                self.status.setText("  " + self.tr("Saved %1").replace("%1", str(target)))

        def failed(e: Exception):
            if shiboken6.isValid(self):
                self.status.setText("  " + self.tr("Could not save: %1").replace("%1", str(e)))

        run_in_background(lambda: shutil.copyfile(src, target), done, failed, owner=self)

    def _flag(self) -> None:
        note, ok = QInputDialog.getText(self, self.tr("Flag this image"),
                                        self.tr("What looks wrong? (e.g. looks edited)"))
        if ok and note.strip():
            self.flag(note)

    def flag(self, note: str) -> None:
        """Flag the image shown with `note` (saved on a worker; every role may flag)."""
        o = self._opened
        if o is None or not note.strip():
            return
        row = o.row
        rid, eid = row["refund_id"], row["id"]
        staff_id, staff_name, now = self.staff_id, self.staff_name, _now_ms()

        def done(flags):
            if self._opened is o:
                o.flags = flags
                self.facts.show_opened(o)
            self.strip.setEvidence(self._evidence, self.access, self.cache.root)
            self.strip.setCurrentIndex(self._index)
            self.flagged.emit(rid, eid)

        def recorded(result) -> None:
            if isinstance(result, workbench.Refused):
                self.status.setText("  " + self.tr("Not flagged: {why}").format(why=refusal_text(result)))
                return
            self.access.read(lambda conn: [f for f in risk.flags_for(conn, [rid]).get(rid, []) if f.evidence_id == eid],
                             done, self._failed, owner=self)

        def failed(error: Exception) -> None:
            self.status.setText("  " + self.tr("Could not save the flag: {why}").format(why=describe(error)))

        self.access.write(lambda db: workbench.flag_image(db, rid, eid, note, staff_id=staff_id,
                                                          staff_name=staff_name, now_ms=now),
                          recorded, failed, owner=self)
