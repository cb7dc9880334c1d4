"""The text read from the image shown in the evidence viewer, as a list beside it: selectable, copyable,
searchable. A line chosen here is outlined on the canvas (and the canvas's click chooses it here)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..store.evidence_reading import FAILED, READ
from .formatting import counted

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(text: str) -> str:
    # as the queue's search folds (SQLite's LIKE: ASCII letters only), so both find the same lines
    return text.translate(_ASCII_LOWER)


class EvidenceTextPanel(QWidget):
    """Lines of text read from one image. `lineChosen(index)` when the person picks one (click, keys);
    `matchesChanged(indices)` when a search within the text finds lines (all lines: an empty list)."""

    lineChosen = Signal(int)
    matchesChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceTextPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        self.title = QLabel(self.tr("Text in this image"))
        self.title.setObjectName("sectionTitle")
        font = self.title.font()
        font.setBold(True)   # as the facts' section titles above it
        self.title.setFont(font)
        lay.addWidget(self.title)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search this image's text"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._searched)
        lay.addWidget(self.search)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._current_changed)
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.copyButton = QPushButton(self.tr("Copy text"))
        self.copyButton.setToolTip(self.tr("Copy the selected lines (all lines when none is selected)"))
        self.copyButton.clicked.connect(self.copy)
        row.addWidget(self.copyButton)
        lay.addLayout(row)
        # Ctrl+C in the list copies its lines, not the viewer's image (the viewer's Copy is a window shortcut)
        self.list.installEventFilter(self)
        self.search.installEventFilter(self)
        self._lines: list[str] = []
        self._status = ""
        self._quiet = False   # selecting from the canvas: not told back to it
        self.setLines([], "")

    # --- what is shown ----------------------------------------------------------------------------

    def setLines(self, lines: list[dict], status: str) -> None:
        """The lines read ({"text", "box"}) and the reading's status: READ, FAILED or '' (not read yet)."""
        self._lines = [str(ln.get("text", "")) for ln in lines]
        self._status = status
        self._quiet = True
        try:
            self.list.clear()
            for i, text in enumerate(self._lines):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, i)
                item.setToolTip(text)
                self.list.addItem(item)
        finally:
            self._quiet = False
        self.copyButton.setEnabled(bool(self._lines))
        self._searched(self.search.text())

    def lines(self) -> list[str]:
        return list(self._lines)

    def visibleLines(self) -> list[str]:
        """The lines the list shows now (those a search found, or all)."""
        return [self.list.item(i).text() for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def setSearch(self, term: str) -> None:
        """Search within this image's text (the field shows it; lines without it are hidden)."""
        self.search.setText(term)

    def selectLine(self, index: int | None) -> None:
        """Choose a line (from the canvas): selected and scrolled to, without telling the canvas back."""
        self._quiet = True
        try:
            if index is None or not 0 <= index < self.list.count():
                self.list.clearSelection()
                self.list.setCurrentRow(-1)
                return
            item = self.list.item(index)
            if item.isHidden():
                self.search.clear()
            self.list.setCurrentRow(index)
            self.list.scrollToItem(item)
        finally:
            self._quiet = False

    def copy(self) -> str:
        """Copy the selected lines (top to bottom), or every line when none is selected."""
        rows = sorted(self.list.row(it) for it in self.list.selectedItems())
        text = "\n".join(self._lines[r] for r in rows) if rows else "\n".join(self._lines)
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def eventFilter(self, obj, event) -> bool:
        if obj is self.list and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.copy()
            return True
        if obj is self.search and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and self.search.text():
            # Esc with a search typed clears it (as in the queue's search box); the next Esc closes the viewer
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.search.clear()
            return True
        return super().eventFilter(obj, event)

    # --- inside -----------------------------------------------------------------------------------

    def _current_changed(self, row: int) -> None:
        if not self._quiet and row >= 0:
            self.lineChosen.emit(row)

    def _searched(self, term: str) -> None:
        needle = _fold(term.strip())
        found = [i for i, text in enumerate(self._lines) if needle and needle in _fold(text)]
        for i in range(self.list.count()):
            self.list.item(i).setHidden(bool(needle) and i not in found)
        n = len(self._lines)
        if needle:
            self.status.setText(counted(len(found), self.tr("1 line contains “{term}”"),
                                        self.tr("{n} lines contain “{term}”"), term=term.strip())
                                if found else self.tr("No line contains “{term}”").format(term=term.strip()))
        elif n:
            self.status.setText(counted(n, self.tr("1 line read"), self.tr("{n} lines read")))
        elif self._status == READ:
            self.status.setText(self.tr("No text found in this image."))
        elif self._status == FAILED:
            self.status.setText(self.tr("The text could not be read."))
        else:
            self.status.setText(self.tr("Not read yet: the text is read in the background."))
        self.matchesChanged.emit(found)
        if found and not self._quiet:
            self.list.setCurrentRow(found[0])
