"""The refund's progress as nodes: 提交 → 审核 → 处理中 → 已退款, with failure and appeal branches."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .words import word

DONE, CURRENT, TODO, BAD = "done", "current", "todo", "bad"


class ProgressNodes(QWidget):
    """Custom-painted progress nodes; its accessible description lists them in words."""

    COLOURS = {DONE: "#1a7f37", CURRENT: "#1f6feb", TODO: "#afb8c1", BAD: "#cf222e"}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._nodes: list[tuple[str, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Refund progress"))

    def nodes_for(self, status: str) -> list[tuple[str, str]]:
        """(label, state) for each node of a refund in `status` (main path, or its branch)."""
        main = [self.tr("Submitted"), self.tr("Review"), self.tr("Refunding"), self.tr("Refunded")]
        if status == "awaiting_merchant":
            states = [DONE, CURRENT, TODO, TODO]
        elif status == "platform_review":
            main[1] = self.tr("Platform review")
            states = [DONE, CURRENT, TODO, TODO]
        elif status == "negotiating":
            main[1] = word("statuses", "negotiating")          # 协商中: the buyer answers the merchant's proposal
            states = [DONE, CURRENT, TODO, TODO]
        elif status == "reissued":
            main = [self.tr("Submitted"), word("statuses", "negotiating"), word("statuses", "reissued")]
            states = [DONE, DONE, DONE]
        elif status == "refunding":
            states = [DONE, DONE, CURRENT, TODO]
        elif status == "refunded":
            states = [DONE, DONE, DONE, DONE]
        elif status == "payout_failed":
            main[2] = self.tr("Payout failed")
            states = [DONE, DONE, BAD, TODO]
        elif status in ("rejected", "appealed", "closed"):
            last = {"rejected": self.tr("Appeal window"), "appealed": self.tr("Appealed"),
                    "closed": self.tr("Closed")}[status]
            main = [self.tr("Submitted"), self.tr("Review"), self.tr("Rejected"), last]
            states = [DONE, DONE, BAD, CURRENT if status == "appealed" else (BAD if status == "closed" else TODO)]
        elif status == "cancelled":
            main = [self.tr("Submitted"), self.tr("Cancelled by buyer")]
            states = [DONE, BAD]
        else:
            states = [DONE, TODO, TODO, TODO]
        return list(zip(main, states, strict=True))

    def set_status(self, status: str) -> None:
        self._nodes = self.nodes_for(status)
        self.setAccessibleDescription(" → ".join(f"{label} ({state})" for label, state in self._nodes))
        self.update()

    def nodes(self) -> list[tuple[str, str]]:
        return list(self._nodes)

    def sizeHint(self) -> QSize:
        # the nodes, and two lines of label under them ("Platform review" wraps in a narrow pane)
        return QSize(360, 16 + 12 + 2 * self.fontMetrics().lineSpacing() + 4)

    def paintEvent(self, _event) -> None:
        if not self._nodes:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = len(self._nodes)
        w, r = self.width(), 7
        xs = [w * (i + 0.5) / n for i in range(n)]
        y = 16
        for i in range(n - 1):
            state = self._nodes[i + 1][1]
            p.setPen(QPen(QColor(self.COLOURS[DONE if state in (DONE, CURRENT, BAD) else TODO]), 3))
            p.drawLine(QPointF(xs[i] + r, y), QPointF(xs[i + 1] - r, y))
        text_colour = self.palette().windowText().color()
        for x, (label, state) in zip(xs, self._nodes, strict=True):
            colour = QColor(self.COLOURS[state])
            p.setPen(QPen(colour, 2))
            p.setBrush(colour if state != TODO else Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(x, y), r, r)
            font = p.font()
            font.setBold(state in (CURRENT, BAD))
            p.setFont(font)
            p.setPen(colour if state in (CURRENT, BAD) else text_colour)
            p.drawText(QRectF(x - w / n / 2, y + 12, w / n, 2 * p.fontMetrics().lineSpacing() + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, label)
        p.end()
