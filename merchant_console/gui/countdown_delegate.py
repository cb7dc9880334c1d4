"""How the queue table paints its cells: each from one model call (PaintRole).

QStyledItemDelegate.initStyleOption asks the model for about eight roles per cell; over a Python
model that is most of what a repaint costs (measured: the idle console's main thread). These
delegates ask once and fill the style option themselves; the style still draws selection, focus
and eliding as for any item view.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .queue_model import PaintRole
from .theme import URGENCY_COLOURS

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGNMENTS: dict[int, Qt.AlignmentFlag] = {}
_FEATURES: dict = {}   # the view's features -> the same with HasDisplay (enum arithmetic is slow in Python)


def _with_display(features):
    out = _FEATURES.get(features)
    if out is None:
        out = _FEATURES[features] = features | _HAS_DISPLAY
    return out


def _alignment(align: int | None) -> Qt.AlignmentFlag:
    if align is None:
        return _LEFT
    out = _ALIGNMENTS.get(align)
    if out is None:
        out = _ALIGNMENTS[align] = Qt.AlignmentFlag(align)
    return out


def _draw_item(painter: QPainter, opt: QStyleOptionViewItem) -> None:
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


class CellDelegate(QStyledItemDelegate):
    """Text cells: text, alignment and colour from one call."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        cell = index.data(PaintRole)
        if cell is None:
            super().paint(painter, option, index)
            return
        text, align, colour = cell
        opt = QStyleOptionViewItem(option)
        opt.index = index
        opt.text = text
        opt.features = _with_display(opt.features)
        opt.displayAlignment = _alignment(align)
        if colour is not None:
            opt.palette.setColor(QPalette.ColorRole.Text, colour)
        _draw_item(painter, opt)


class CountdownDelegate(QStyledItemDelegate):
    """The countdown column as a chip coloured by urgency (normal, amber, red, overdue)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        cell = index.data(PaintRole)
        if cell is None or cell[1] is None:
            if cell is None:   # (CellDelegate.paint(self, …) raised here: its super() needs a CellDelegate)
                super().paint(painter, option, index)
            else:
                _draw_item(painter, self._plain(option, index, cell[0]))
            return
        text, cd = cell
        opt = QStyleOptionViewItem(option)
        opt.index = index
        _draw_item(painter, opt)       # background, selection, focus; no text
        bg, fg = URGENCY_COLOURS[cd.urgency]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect).adjusted(4, 3, -4, -3)
        font = painter.font()
        if cd.urgency in ("red", "overdue"):
            font.setBold(True)
            painter.setFont(font)
        if bg:
            width = min(rect.width(), painter.fontMetrics().horizontalAdvance(text) + 16)
            chip = QRectF(rect.left(), rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(QColor(fg))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        else:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            painter.setPen(option.palette.highlightedText().color() if selected else option.palette.text().color())
            painter.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             text)
        painter.restore()

    @staticmethod
    def _plain(option: QStyleOptionViewItem, index, text: str) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        opt.index = index
        opt.text = text
        opt.features = _with_display(opt.features)
        opt.displayAlignment = _LEFT
        return opt
