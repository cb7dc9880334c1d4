"""A row of evidence thumbnails for the refund detail pane and the viewer.

Thumbnails, facts, risk signals and flags are read on the GUI's reader; until they arrive (and for images
that cannot be shown) each cell is a placeholder that says why. Badges: a red corner for a reused
or near-identical image, orange for an editor in EXIF, a flag mark for a staff flag.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget
from sqlalchemy import Connection

from ..core.risk import Flag
from ..core.risk import Signal as RiskSignal  # Qt's Signal is the other one here
from ..evidence.renditions import RenditionStore
from ..store import risk
from .database_access import DatabaseAccess
from .evidence_text import broken_text, kind_label, signal_label, signal_names, signal_sentence

log = logging.getLogger(__name__)
THUMB = 96


@dataclass
class EvidenceCell:
    """What one cell shows (built on a worker)."""

    row: dict
    thumb: QImage | None
    broken: str | None          # reason code, or None
    signals: list[RiskSignal]
    flags: list[Flag]
    names: dict[str, str] = field(default_factory=dict)   # other refunds' order numbers, "image N"


def load_cells(conn: Connection, rendition_root: Path, evidence: list[dict]) -> list[EvidenceCell]:
    """Read thumbnails and the facts, signals and flags of a refund's evidence (a reader thread's `conn`)."""
    store = RenditionStore(rendition_root)
    refund_ids = sorted({e["refund_id"] for e in evidence})
    facts = risk.facts_of(conn, [e["sha256"] for e in evidence])
    signals = risk.signals_for(conn, refund_ids)
    flags = risk.flags_for(conn, refund_ids)
    names = signal_names(conn, [s for found in signals.values() for s in found])
    cells = []
    for e in evidence:
        f = facts.get(e["sha256"])
        broken = "fetch" if e.get("fetch_error") else (f["broken"] if f else None)
        thumb = None
        if broken is None:
            r = store.get(e["sha256"])
            if r is not None:
                img = QImage(str(r.thumb))
                thumb = None if img.isNull() else img
            else:  # never downloaded, or evicted from the cache (its renditions went with it)
                broken = "missing"
        sigs = [s for s in signals.get(e["refund_id"], []) if s.evidence_id == e["id"]]
        fl = [x for x in flags.get(e["refund_id"], []) if x.evidence_id == e["id"]]
        cells.append(EvidenceCell(e, thumb, broken, sigs, fl, names))
    return cells


class EvidenceStrip(QListWidget):
    """Thumbnails of one refund's evidence. `evidenceActivated(index)` on click or Enter."""

    evidenceActivated = Signal(int)
    loaded = Signal()  # the thumbnails and badges are in

    def __init__(self, parent: QWidget | None = None, *, thumb_size: int = THUMB) -> None:
        super().__init__(parent)
        self.thumb_size = thumb_size
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(thumb_size, thumb_size))
        self.setSpacing(4)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(thumb_size + 44)
        self._generation = 0
        self._cells: list[EvidenceCell] = []
        self.itemActivated.connect(lambda item: self.evidenceActivated.emit(self.row(item)))
        self.itemClicked.connect(lambda item: self.evidenceActivated.emit(self.row(item)))

    def setEvidence(self, evidence: list[dict], access: DatabaseAccess, cache_root: str | Path) -> None:
        """Show `evidence` (rows of store.refunds.evidence_of) from the cache at `cache_root`, read through
        the GUI's reader."""
        self._generation += 1
        gen = self._generation
        self.clear()
        self._cells = []
        for i, e in enumerate(evidence):
            item = QListWidgetItem(self._placeholder(self.tr("Loading…")), f"{i + 1}")
            item.setToolTip(kind_label(e.get("kind")))
            self.addItem(item)
        if not evidence:
            return
        rows = [dict(e) for e in evidence]
        root = Path(cache_root) / "renditions"

        def done(cells: list[EvidenceCell]) -> None:
            if shiboken6.isValid(self) and gen == self._generation:
                self._show(cells)

        def failed(error: Exception) -> None:   # said, not swallowed: the cells say why they are empty
            log.warning("could not read the evidence thumbnails: %s", error)
            if shiboken6.isValid(self) and gen == self._generation:
                for i in range(self.count()):
                    self.item(i).setIcon(QIcon(self._placeholder(self.tr("Could not load"))))

        access.read(lambda conn: load_cells(conn, root, rows), done, failed, owner=self)

    def cells(self) -> list[EvidenceCell]:
        return list(self._cells)

    def setCurrentIndex(self, index: int) -> None:  # type: ignore[override]
        if 0 <= index < self.count():
            self.setCurrentRow(index)

    def _show(self, cells: list[EvidenceCell]) -> None:
        self._cells = cells
        for i, c in enumerate(cells):
            item = self.item(i)
            if item is None:
                continue
            if c.thumb is not None:
                pm = self._framed(QPixmap.fromImage(c.thumb))
            else:
                pm = self._placeholder(broken_text(c.broken))
            self._badge(pm, c)
            item.setIcon(QIcon(pm))
            tips = [broken_text(c.broken)] if c.broken else []
            tips += [signal_sentence(s, c.names) for s in c.signals]
            tips += [self.tr("Flagged: %1").replace("%1", f.note) for f in c.flags]
            item.setToolTip("\n".join(tips) or kind_label(c.row.get("kind")))
            item.setText(" ".join([f"{i + 1}"] + [signal_label(s.code) for s in _distinct(c.signals)][:2]))
        self.loaded.emit()

    def _framed(self, pm: QPixmap) -> QPixmap:
        out = QPixmap(self.thumb_size, self.thumb_size)
        out.fill(QColor(235, 235, 235))
        p = QPainter(out)
        scaled = pm.scaled(self.thumb_size, self.thumb_size, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
        p.drawPixmap((self.thumb_size - scaled.width()) // 2, (self.thumb_size - scaled.height()) // 2, scaled)
        p.end()
        return out

    def _placeholder(self, text: str) -> QPixmap:
        pm = QPixmap(self.thumb_size, self.thumb_size)
        pm.fill(QColor(220, 220, 220))
        p = QPainter(pm)
        p.setPen(QColor(90, 90, 90))
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
        p.setFont(f)
        p.drawText(QRect(4, 4, self.thumb_size - 8, self.thumb_size - 8),
                   Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        p.end()
        return pm

    def _badge(self, pm: QPixmap, c: EvidenceCell) -> None:
        codes = {s.code for s in c.signals}
        marks = []
        if codes & {"same_image", "similar_image"}:
            marks.append(QColor(214, 48, 49))
        if "edited" in codes:
            marks.append(QColor(230, 126, 34))
        if c.flags:
            marks.append(QColor(52, 73, 94))
        if not marks:
            return
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = max(7, self.thumb_size // 9)
        for i, color in enumerate(marks):
            p.setBrush(color)
            p.setPen(QColor(255, 255, 255))
            p.drawEllipse(self.thumb_size - (i + 1) * (2 * r + 2) - 1, 2, 2 * r, 2 * r)
        p.end()


def _distinct(signals: list[RiskSignal]) -> list[RiskSignal]:
    seen, out = set(), []
    for s in signals:
        if s.code not in seen:
            seen.add(s.code)
            out.append(s)
    return out


def now_ms() -> int:
    return int(time.time() * 1000)
