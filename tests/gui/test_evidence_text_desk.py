"""What the evidence text says reaches the desk: the queue's risk mark and "matched in screenshot text"
marker, the detail pane's risk section and its reassurance (this order's number shown), and the viewer's
text panel (lines listed, searched, copied; chosen here or on the canvas). Readings are planted as the
reading worker stores them (no OCR)."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QGuiApplication

from merchant_console.core.refund import parse_refund
from merchant_console.gui.database_access import DatabaseAccess
from merchant_console.gui.detail_pane import DetailPane
from merchant_console.gui.evidence_viewer import EvidenceViewer
from merchant_console.gui.queue_model import COLUMNS, RefundTableModel
from merchant_console.store import evidence_reading, refunds
from merchant_console.store.engine import Database
from merchant_console.store.queue import QueueFilter
from tests.factories import T0, refund_doc
from tests.gui.test_evidence_viewer import Library

FLAGS = next(i for i, c in enumerate(COLUMNS) if c[0] == "flags")
PRODUCT = next(i for i, c in enumerate(COLUMNS) if c[0] == "product")
NETEASE = {"sku": "NE-50", "name": "网易一卡通 50元", "category": "game_card", "face_value_fen": 5000}


def _line(text: str, y: int) -> dict:
    return {"text": text, "box": [40, y, 600, y + 40], "score": 0.99}


def _plant(db: Database, sha: str, *texts: str) -> None:
    with db.write() as conn:
        evidence_reading.save_text(conn, sha, status=evidence_reading.READ, read_at=1, engine="test", seconds=0.1,
                                   lines=[_line(t, 100 + 80 * i) for i, t in enumerate(texts)])


def _shop(tmp_path) -> Database:
    """Refund 1 (网易一卡通) whose screenshot shows refund 2's order number and 腾讯Q币 充值成功;
    refund 3 whose screenshot shows its own order number."""
    db = Database(tmp_path / "console.db")
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(1, product=NETEASE)), parse_refund(refund_doc(2)),
                                      parse_refund(refund_doc(3))])
    _plant(db, f"{1:064x}", "订单号 KM20261121093015002", "腾讯Q币 充值成功")
    _plant(db, f"{3:064x}", "订单号 KM20261121093015003")
    return db


def test_the_queue_marks_text_risks_and_says_when_a_search_matched_only_in_screenshot_text(qtbot, tmp_path):
    db = _shop(tmp_path)
    try:
        model = RefundTableModel(db, lambda: T0)
        f = QueueFilter(queue="all")
        model.apply(f, model.query(f))
        rows = {model.data(model.index(i, 0), Qt.ItemDataRole.UserRole + 2): i for i in range(model.rowCount())}
        first, third = rows["r_20261121000001"], rows["r_20261121000003"]
        tip = model.data(model.index(first, FLAGS), Qt.ItemDataRole.ToolTipRole)
        # another order's number (its 充值成功 is that order's, so it does not contradict this buyer)
        assert "⚠1" in model.data(model.index(first, FLAGS))
        assert "Other order no." in tip and "Shows success" not in tip
        assert "⚠" not in model.data(model.index(third, FLAGS))   # its own order number: no risk
        # a 腾讯 search finds the 网易一卡通 refund through its screenshot: the row says where
        f = QueueFilter(queue="all", search="腾讯")
        model.apply(f, model.query(f))
        rows = {model.data(model.index(i, 0), Qt.ItemDataRole.UserRole + 2): i for i in range(model.rowCount())}
        assert set(rows) == {"r_20261121000001", "r_20261121000002", "r_20261121000003"}
        first, second = rows["r_20261121000001"], rows["r_20261121000002"]
        assert model.data(model.index(first, FLAGS)).endswith("⌕")
        tip = model.data(model.index(first, PRODUCT), Qt.ItemDataRole.ToolTipRole)
        assert tip == "⌕ matched in screenshot text (image 1: “腾讯Q币 充值成功”)"
        assert "⌕" not in model.data(model.index(second, FLAGS))   # 腾讯Q币 is its own product
        assert model.data(model.index(second, PRODUCT), Qt.ItemDataRole.ToolTipRole) is None
    finally:
        db.close()


def test_the_detail_pane_says_what_the_text_shows_and_where_a_search_matched(qtbot, tmp_path):
    db = _shop(tmp_path)
    access = DatabaseAccess(db)
    try:
        pane = DetailPane(access)
        qtbot.addWidget(pane)
        pane.configure(lang="en", policy=None, now_ms=lambda: T0)
        pane.search_term = lambda: "腾讯"
        pane.show_refund("r_20261121000001")
        qtbot.waitUntil(lambda: pane.row is not None and pane.row["id"] == "r_20261121000001")
        risks = pane.risks.text()
        assert "Other order no." in risks and "KM20261121093015002" in risks and "Open the other refund" in risks
        found = pane.text_found.text()
        assert "Found “腾讯” in the screenshot text" in found and "腾讯Q币 充值成功" in found
        # the search changes while the refund is shown: the pane follows on its next tick
        pane.search_term = lambda: "订单号"
        pane.tick()
        qtbot.waitUntil(lambda: "Found “订单号” in the screenshot text" in pane.text_found.text())
        # this order's own number shown: a fact in the evidence section, not a warning
        pane.search_term = lambda: ""
        pane.show_refund("r_20261121000003")
        qtbot.waitUntil(lambda: pane.row is not None and pane.row["id"] == "r_20261121000003")
        assert pane.risks.text() == "Nothing unusual found."
        assert "✓" in pane.text_found.text() and "Image 1 shows this order" in pane.text_found.text()
        assert "number KM20261121093015003." in pane.text_found.text()
    finally:
        access.close()
        db.close()


def _png(w=700, h=900) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), (240, 240, 240)).save(out, "PNG")
    return out.getvalue()


def test_the_viewer_lists_searches_and_copies_the_text_and_shows_a_reading_as_it_lands(qtbot, tmp_path):
    lib = Library(tmp_path)
    try:
        row = lib.add(_png())
        v = EvidenceViewer(lib.access, lib.cache, lib.rows, 0)
        qtbot.addWidget(v)
        v.resize(1000, 800)
        v.show()
        qtbot.waitUntil(lambda: v.current() is not None)
        panel = v.textPanel
        assert panel.lines() == [] and "Not read yet" in panel.status.text()
        # the background reading lands while the image is open: shown without reopening
        _plant(lib.db, row["sha256"], "订单号 KM20261121093015002", "实付 ¥98.50", "腾讯Q币 充值成功")
        v.evidence_arrived(row["refund_id"], row["sha256"])
        qtbot.waitUntil(lambda: len(panel.lines()) == 3)
        assert v.canvas.textLines() == panel.lines() and panel.status.text() == "3 lines read"
        # a line chosen in the list is the line outlined on the canvas, and the other way round
        panel.list.setCurrentRow(1)
        assert v.canvas.selectedLine() == 1
        qtbot.mouseClick(v.canvas, Qt.MouseButton.LeftButton,
                         pos=v.canvas.mapFromImage(QPointF(300, 280)).toPoint())   # the third line's box
        assert panel.list.currentRow() == 2 and v.canvas.selectedText() == "腾讯Q币 充值成功"
        # selected lines copy with Ctrl+C
        panel.list.clearSelection()
        panel.list.item(0).setSelected(True)
        panel.list.item(1).setSelected(True)
        panel.list.setFocus()
        qtbot.keyClick(panel.list, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text() == "订单号 KM20261121093015002\n实付 ¥98.50"
        # search within the image's text (the detail pane's link opens the viewer this way)
        v.searchText("km2026")
        assert panel.visibleLines() == ["订单号 KM20261121093015002"] and "1 line contains" in panel.status.text()
        assert v.canvas.selectedLine() == 0
        v.searchText("")
        assert len(panel.visibleLines()) == 3
        # Esc in the search box clears it first, as in the queue's; the next one closes the viewer
        panel.search.setFocus()
        panel.search.insert("充值")                              # as an input method commits it
        assert len(panel.visibleLines()) == 1
        qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
        assert panel.search.text() == "" and len(panel.visibleLines()) == 3 and v.isVisible()
        qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not v.isVisible())
        v.close()
    finally:
        lib.close()
