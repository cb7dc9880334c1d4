"""The console's background reading, end to end on a real sandbox with a stand-in reading process (no OCR):
woken when sync stores evidence, and each reading that lands reaches the queue's marks and the refund shown
(a change notice), without reopening anything."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import Qt

from merchant_console.gui.queue_model import COLUMNS

FLAGS = next(i for i, c in enumerate(COLUMNS) if c[0] == "flags")
ELSEWHERE = "KM20990101000000001"   # an order number no refund of the shop has
# reads every image as showing another order's number, a little slowly (one image at a time, as OCR does)
FAKE = f"""
import json, sys, time
print(json.dumps({{"ready": True, "engine": "fake"}}), flush=True)
for raw in sys.stdin:
    req = json.loads(raw)
    time.sleep(0.3)
    print(json.dumps({{"id": req["id"], "seconds": 0.3,
                      "lines": [{{"text": "订单号 {ELSEWHERE}", "box": [10, 10, 300, 40], "score": 1}}]}}), flush=True)
"""


def test_readings_wake_on_new_evidence_and_refresh_the_queue_and_the_refund_shown(
        sandbox_factory, open_console, qtbot, monkeypatch):
    monkeypatch.setenv("MERCHANT_CONSOLE_READ_TEXT", "1")
    monkeypatch.setattr("merchant_console.evidence.text_worker.worker_command",
                        lambda threads=1: [sys.executable, "-c", FAKE])
    sb = sandbox_factory(refunds=8, seed=6, images="small")
    console = open_console(sb)
    window, model = console.window, console.window.model
    # the least urgent refund with images is read last: shown before its reading lands
    last = max((i for i in range(model.rowCount()) if model.row_at(i)["evidence_count"]), default=None)
    assert last is not None
    rid = model.row_at(last)["id"]
    window.select_refund(rid)
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == rid, timeout=15_000)
    shown_at = int(time.time() * 1000)
    qtbot.waitUntil(lambda: "Other order no." in window.detail.risks.text(), timeout=60_000)
    assert ELSEWHERE in window.detail.risks.text()
    with window.db.read() as conn:
        read_at = conn.exec_driver_sql(
            "SELECT MAX(t.read_at) FROM evidence e JOIN evidence_text t ON t.sha256 = e.sha256 WHERE e.refund_id = ?",
            (rid,)).scalar()
    assert read_at >= shown_at - 1000   # it landed while the refund was shown, and the pane followed
    qtbot.waitUntil(lambda: "Other order no." in (model.data(model.index(model.row_of_id(rid), FLAGS),
                                                              Qt.ItemDataRole.ToolTipRole) or ""), timeout=15_000)

    # new refunds' images are read as soon as sync stores them (the poll is minutes away)
    new = sb.world.add_refunds(3)

    def unread_new() -> int | None:
        with window.db.read() as conn:
            marks = ",".join("?" * len(new))
            good, unread = conn.exec_driver_sql(
                "SELECT count(f.sha256), count(f.sha256) - count(t.sha256) FROM evidence e "
                "JOIN evidence_facts f ON f.sha256 = e.sha256 AND f.broken IS NULL "
                f"LEFT JOIN evidence_text t ON t.sha256 = e.sha256 WHERE e.refund_id IN ({marks})", tuple(new)).one()
            return unread if good else None

    qtbot.waitUntil(lambda: unread_new() == 0, timeout=60_000)
