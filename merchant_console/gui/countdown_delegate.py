"""How the queue table paints its cells: each from one model call (PaintRole).

QStyledItemDelegate.initStyleOption asks the model for about eight roles per cell; over a Python
model that is most of what a repaint costs (measured: the idle console's main thread). These
delegates ask once and fill the style option themselves; the style still draws selection, focus
and eliding as for any item view.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .queue_model import PaintRole
from .theme import URGENCY_COLOURS

_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGNMENTS: dict[int, Qt.AlignmentFlag] = {}
_FEATURES: dict = {}   # the view's features -> the same with HasDisplay (enum arithmetic is slow in Python)
CHIPS_KEPT = 160  # countdown chips kept drawn (a screenful changes each second: a few seconds of them)
_SELECTED = QStyle.StateFlag.State_Selected
_CHIP_COLOURS = {k: (QColor(bg) if bg else None, QColor(fg) if fg else None) for k, (bg, fg) in URGENCY_COLOURS.items()}


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


def _chip(text: str, urgency: str, size: QSize, font: QFont, dpr: float, pen: int | None) -> QPixmap:
    """One countdown cell's foreground, `size` at most, on a transparent pixmap only as wide as it needs:
    the urgency's rounded chip and its text, or (urgency normal) the text alone in the row's text colour `pen`."""
    bg, fg = _CHIP_COLOURS[urgency]
    if urgency in ("red", "overdue"):
        font = QFont(font)
        font.setBold(True)
    advance = QFontMetrics(font).horizontalAdvance(text)
    width = min(size.width(), advance + (16 if bg is not None else 4))
    pixmap = QPixmap(QSize(max(1, width), size.height()) * dpr)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        rect = QRectF(0, 0, width, size.height())
        if bg is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bg)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(fg)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        else:
            painter.setPen(QColor.fromRgba(pen or 0))
            painter.drawText(rect.adjusted(4, 0, 0, 0), _LEFT, text)
    finally:
        painter.end()
    return pixmap


class CountdownDelegate(QStyledItemDelegate):
    """The countdown column as a chip coloured by urgency (normal, amber, red, overdue).

    Every second the visible countdowns under an hour repaint (at a large merchant the top of the queue
    is all "auto-approves in 9m 13s"): each chip is drawn once into a pixmap (the last CHIPS_KEPT are
    kept), and sorted by urgency the chip a row shows now is the one the row above showed a second ago:
    a tick copies pixmaps instead of measuring, shaping and drawing each text with a dozen painter calls."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._chips: OrderedDict[tuple, QPixmap] = OrderedDict()

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
        rect = option.rect.adjusted(4, 3, -4, -3)
        if rect.width() <= 0 or rect.height() <= 0:
            return
        bg = _CHIP_COLOURS[cd.urgency][0]
        # a plain countdown's text takes the row's text colour, selected or not
        pen = None if bg is not None else (option.palette.highlightedText() if option.state & _SELECTED
                                           else option.palette.text()).color().rgba()
        font = option.font
        dpr = painter.device().devicePixelRatioF()
        key = (text, cd.urgency, rect.width(), rect.height(), font.key(), dpr, pen)
        chip = self._chips.get(key)
        if chip is None:
            chip = self._chips[key] = _chip(text, cd.urgency, rect.size(), font, dpr, pen)
            if len(self._chips) > CHIPS_KEPT:
                self._chips.popitem(last=False)
        else:
            self._chips.move_to_end(key)
        painter.drawPixmap(rect.topLeft(), chip)

    @staticmethod
    def _plain(option: QStyleOptionViewItem, index, text: str) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        opt.index = index
        opt.text = text
        opt.features = _with_display(opt.features)
        opt.displayAlignment = _LEFT
        return opt
