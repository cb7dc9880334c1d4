"""Paints the countdown column as a chip coloured by urgency (normal, amber, red, overdue)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .queue_model import CountdownRole
from .theme import URGENCY_COLOURS


class CountdownDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        cd = index.data(CountdownRole)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if cd is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
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
