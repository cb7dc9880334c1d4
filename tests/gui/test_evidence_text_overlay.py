"""The text read from an image is outlined on the evidence canvas; a click selects a line and copies it,
Ctrl+C copies the selected line or all of them."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication

from merchant_console.gui.evidence_canvas import EvidenceCanvas, ImageSource

LINES = [{"text": "订单号 KM20261121093012345", "box": [40, 100, 640, 140], "score": 0.99},
         {"text": "实付 ¥98.50", "box": [40, 180, 300, 220], "score": 0.98}]


def test_click_selects_and_copies_a_line_and_ctrl_c_copies_all(qtbot):
    canvas = EvidenceCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 600)
    canvas.show()
    canvas.setSource(ImageSource("0" * 64, 1080, 2400))
    canvas.setTextLines(LINES)
    assert canvas.textLines() == [ln["text"] for ln in LINES]
    with qtbot.waitSignal(canvas.painted):
        canvas.update()
    at = canvas.mapFromImage(QPointF(200, 200)).toPoint()
    with qtbot.waitSignal(canvas.textSelected) as got:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=at)
    assert got.args == ["实付 ¥98.50"] and canvas.selectedText() == "实付 ¥98.50"
    assert QGuiApplication.clipboard().text() == "实付 ¥98.50"
    # a click beside every line clears the selection; Ctrl+C then copies all lines
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.mapFromImage(QPointF(900, 1500)).toPoint())
    assert canvas.selectedText() == ""
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "\n".join(ln["text"] for ln in LINES)
    # another image: its own text (none until the viewer sets it)
    canvas.setSource(ImageSource("1" * 64, 1080, 2400))
    assert canvas.textLines() == []
