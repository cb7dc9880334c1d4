"""Issue 14.11: quarantined records are listed with what is known; cleaned ones are counted."""

from __future__ import annotations

from merchant_console.store import state

from .platform import refund_doc


def test_the_quarantine_overview_shows_what_is_known_safely(hostile, console):
    hostile.refunds["r/evil"] = refund_doc("r/evil", order_no="KM\u202e123")
    hostile.refunds["r_money"] = refund_doc("r_money", paid_fen="lots")
    hostile.refunds["r_odd"] = refund_doc("r_odd", reason="\x07ring")
    hostile.refunds["r_ok"] = refund_doc("r_ok")
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.read() as conn:
        seen = {q["refund_id"]: q for q in state.quarantine_overview(conn)}
        cleaned = state.cleaned_refunds(conn)
        assert state.cleaned_count(conn) == 1
    assert set(seen) == {"r/evil", "r_money"}
    assert seen["r/evil"]["order_no"] == "KM<U+202E>123"
    assert seen["r/evil"]["due_at"] is not None and seen["r/evil"]["status"] == "awaiting_merchant"
    assert "paid_fen" in seen["r_money"]["problem"]
    assert [(c["id"], c["odd_fields"]) for c in cleaned] == [("r_odd", ["reason"])]


def test_the_quarantine_dialog_lists_them(hostile, console, qtbot, db_access):
    from merchant_console.gui.quarantine_dialog import QuarantineDialog

    hostile.refunds["r/evil"] = refund_doc("r/evil", order_no="KM\u202e123")
    hostile.refunds["r_odd"] = refund_doc("r_odd", reason="\x07ring")
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    dlg = QuarantineDialog(db_access(engine.db))
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.ui.quarantineTable.rowCount() > 0)   # read through the reader
    q, c = dlg.ui.quarantineTable, dlg.ui.cleanedTable
    assert q.rowCount() == 1 and q.item(0, 0).text() == "r/evil" and q.item(0, 1).text() == "KM<U+202E>123"
    assert c.rowCount() == 1 and c.item(0, 0).text() == "r_odd" and c.item(0, 4).text() == "reason"
