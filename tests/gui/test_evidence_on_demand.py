"""Evidence the console did not prefetch (a decided refund's) is fetched when the refund is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from merchant_console.gui.main_window import QueueRole
from merchant_console.store import refunds

IN_SCOPE = ("awaiting_merchant", "appealed", "platform_review")


def decided_refund_with_own_evidence(db) -> str:
    """A decided refund with good-sized evidence that no refund still needing the merchant shares."""
    marks = ",".join("?" * len(IN_SCOPE))
    with db.read() as conn:
        return conn.exec_driver_sql(
            f"SELECT r.id FROM refunds r JOIN evidence e ON e.refund_id = r.id "
            f"WHERE r.status IN ('refunded', 'rejected', 'closed', 'refunding') "
            f"GROUP BY r.id HAVING min(e.bytes) > 1000 AND NOT EXISTS (SELECT 1 FROM evidence e1 "
            f"JOIN evidence e2 ON e2.sha256 = e1.sha256 JOIN refunds r2 ON r2.id = e2.refund_id "
            f"WHERE e1.refund_id = r.id AND r2.status IN ({marks})) "
            f"ORDER BY r.id LIMIT 1", IN_SCOPE).scalar_one()


def test_a_decided_refunds_evidence_arrives_in_the_strip_without_reselecting(sandbox, open_console, qtbot):
    console = open_console(sandbox)
    window = console.window
    rid = decided_refund_with_own_evidence(window.db)
    with window.db.read() as conn:
        shas = {e["sha256"] for e in refunds.evidence_of(conn, rid)}
    strip = window.detail.evidence_strip
    shown: list[list] = []
    strip.loaded.connect(lambda: shown.append([(c.broken, c.thumb is not None) for c in strip.cells()]))
    # the merchant opens the Decided queue and clicks the refund
    queues = window.ui.queueList
    decided = next(queues.item(i) for i in range(queues.count()) if queues.item(i).data(QueueRole) == "decided")
    queues.setCurrentItem(decided)
    qtbot.waitUntil(lambda: window.model.row_of_id(rid) >= 0, timeout=10_000)
    table = window.ui.refundTable
    index = window.model.index(window.model.row_of_id(rid), 0)   # the countdown column: never fitted away
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == rid)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert shown[0] == [("missing", False)] * len(shas), "the evidence of a decided refund was prefetched"
    # no reselecting: the thumbnails replace the placeholders as the files arrive
    qtbot.waitUntil(lambda: shown[-1] == [(None, True)] * len(shas), timeout=15_000)
    assert window.detail.row["id"] == rid
    assert all(window.session.cache().holds(sha) for sha in shas)
    # the app wires the cache to the renditions: forgetting an original drops its thumbnails too
    sha = next(iter(shas))
    assert window.processor.renditions.get(sha) is not None
    window.session.cache().forget(sha)
    assert not window.processor.renditions.folder(sha).exists()


def test_the_viewer_asks_for_a_missing_image_and_shows_it_when_it_arrives(qtbot, tmp_path):
    from merchant_console.gui.evidence_text import broken_text
    from merchant_console.gui.evidence_viewer import EvidenceViewer
    from tests.gui.test_evidence_viewer import Library, tall_png

    lib = Library(tmp_path)
    data = tall_png(300, 600)
    row = lib.add(data)
    sha = row["sha256"]
    processor = lib.proc
    lib.cache.on_evicted = processor.forget
    lib.cache.forget(sha)  # evicted: original and renditions gone, its facts stay
    assert processor.renditions.get(sha) is None
    v = EvidenceViewer(lib.access, lib.cache, lib.rows, 0, processor=processor)
    qtbot.addWidget(v)
    with qtbot.waitSignal(v.evidenceWanted) as asked:
        v.show()
    assert asked.args == [row["refund_id"]]
    qtbot.waitUntil(lambda: v.current() is not None)
    assert v.canvas.source() is None and v.canvas.message() == broken_text("missing")
    # the sync engine brings it back (on its thread in the console) and says so
    processor.on_cached(row, lib.cache.put(sha, data, 2))
    v.evidence_arrived(row["refund_id"], sha)
    qtbot.waitUntil(lambda: v.current() is not None and v.canvas.source() is not None)
    assert v.current().broken is None and v.canvas.source().width == 300
    lib.close()
