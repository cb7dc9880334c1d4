"""The Reports window driven as a manager would: pick a period, read the KPIs, export, cancel."""

from __future__ import annotations

import re
from datetime import date, timedelta, timezone

import pytest
from PySide6.QtCore import Qt

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.refund import parse_refund
from merchant_console.gui.reports_audit_trail import AuditTrailWidget
from merchant_console.gui.reports_window import ReportsWindow
from merchant_console.store import audit, refunds, state
from merchant_console.store.engine import Database
from tests.factories import T0, refund_doc

CHINA = timezone(timedelta(hours=8))
DAY = date(2026, 11, 21)


def decided_doc(n, action, minutes, staff="s_7"):
    doc = refund_doc(n)
    at = T0 - n * 60_000 + minutes * 60_000
    doc["decision"] = {"action": action, "amount_fen": 9850 if action == "approve" else 0,
                       "reason_code": None if action == "approve" else "card_already_used",
                       "reason_text": None if action == "approve" else "卡密已激活",
                       "evidence_ids": [], "by": {"kind": "staff", "id": staff, "name": "小王"},
                       "at": format_rfc3339(at)}
    doc["status"] = "refunding" if action == "approve" else "rejected"
    return doc


def make_db(path, role, docs):
    db = Database(path)
    with db.write() as conn:
        state.save_state(conn, role=role, staff_id="s_2", staff_name="李店长")
        refunds.upsert_refunds(conn, [parse_refund(d) for d in docs])
    return db


_made = []


def _access(db):
    from merchant_console.gui.database_access import DatabaseAccess
    access = DatabaseAccess(db)
    _made.append(access)
    return access


@pytest.fixture(autouse=True)
def _close_access():
    """The window reads through the console's one read helper; each test's helpers are closed after it."""
    yield
    while _made:
        _made.pop().close()


@pytest.fixture
def small_db(tmp_path):
    docs = [decided_doc(10 + i, "approve" if i % 3 else "reject", 5 + 10 * i) for i in range(6)]
    db = make_db(tmp_path / "c.db", "manager", docs)
    yield db
    db.close()


def open_window(qtbot, db, access=None, lang="en"):
    w = ReportsWindow(access or _access(db), lang=lang, today=lambda: DAY, tz=CHINA)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.reportShown, timeout=10_000):
        pass
    return w


def choose(qtbot, window, combo, data):
    with qtbot.waitSignal(window.reportShown, timeout=10_000):
        combo.setCurrentIndex(combo.findData(data))


def test_preset_shows_kpis_and_export_writes_the_file(qtbot, small_db, tmp_path):
    w = open_window(qtbot, small_db)
    choose(qtbot, w, w.ui.presetCombo, "yesterday")
    assert w.ui.fromDate.date().toString("yyyy-MM-dd") == "2026-11-20"
    assert w.cards["decided"].value.text() == "0"
    assert "No decisions in this period" in w.ui.statusLabel.text()
    choose(qtbot, w, w.ui.presetCombo, "today")
    assert w.cards["decided"].value.text() == "6"
    assert w.cards["approved"].value.text() == "4" and w.cards["approved"].detail.text() == "66.7%"
    assert w.cards["refunded"].value.text() == "¥394.00"
    assert w.cards["median"].value.text() == "30 min"
    assert w.ui.previewTable.model().rowCount() == 6
    choose(qtbot, w, w.ui.actionCombo, "reject")
    assert w.cards["decided"].value.text() == "2"
    out = tmp_path / "rejects.csv"
    w.choose_path = lambda suggested: str(out)
    w.ui.formatCombo.setCurrentIndex(w.ui.formatCombo.findData("csv"))
    with qtbot.waitSignal(w.exportFinished, timeout=10_000) as sig:
        qtbot.mouseClick(w.ui.exportButton, Qt.MouseButton.LeftButton)
    assert sig.args == ["done"]
    assert "Exported 2 decisions" in w.ui.statusLabel.text()
    assert out.read_bytes().count(b"\r\n") == 3  # header and two rows
    with small_db.read() as conn:
        assert audit.verify(conn).entries == 1


def test_long_export_can_be_cancelled_and_leaves_nothing(qtbot, tmp_path):
    docs = [decided_doc(1 + i % 900, "approve", 5) | {"id": f"r_big{i:06d}"} for i in range(15_000)]
    db = make_db(tmp_path / "big.db", "owner", docs)
    try:
        w = open_window(qtbot, db)
        choose(qtbot, w, w.ui.presetCombo, "today")
        assert w.cards["decided"].value.text() == "15000"
        out = tmp_path / "big.xlsx"
        w.choose_path = lambda suggested: str(out)
        w.ui.formatCombo.setCurrentIndex(w.ui.formatCombo.findData("xlsx"))
        qtbot.mouseClick(w.ui.exportButton, Qt.MouseButton.LeftButton)
        assert w.ui.cancelButton.isVisibleTo(w) and not w.ui.exportButton.isEnabled()
        qtbot.waitUntil(lambda: w.ui.progressBar.value() > 0, timeout=10_000)
        with qtbot.waitSignal(w.exportFinished, timeout=10_000) as sig:
            qtbot.mouseClick(w.ui.cancelButton, Qt.MouseButton.LeftButton)
        assert sig.args == ["cancelled"]
        assert "Export cancelled" in w.ui.statusLabel.text()
        assert not out.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".part"]
        assert w.ui.exportButton.isEnabled() and not w.ui.cancelButton.isVisibleTo(w)
        with db.read() as conn:
            assert audit.verify(conn).entries == 0
    finally:
        db.close()


def test_operator_sees_why_there_is_no_report(qtbot, tmp_path):
    db = make_db(tmp_path / "op.db", "operator", [decided_doc(1, "approve", 5)])
    try:
        w = ReportsWindow(_access(db), lang="en", today=lambda: DAY, tz=CHINA)
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: "managers and owners" in w.ui.statusLabel.text(), timeout=10_000)
        assert not w.ui.exportButton.isEnabled() and not w.ui.filterBox.isEnabled()
    finally:
        db.close()


def test_audit_trail_widget_shows_entries_and_tampering(qtbot, small_db, db_access):
    rid = "r_20261121000010"
    with small_db.write() as conn:
        audit.append(conn, kind="decision", actor="s_7", refund_id=rid, at_ms=T0,
                     payload={"action": "reject", "reason_code": "card_already_used", "reason_text": "卡密已激活"})
        audit.append(conn, kind="decision_done", actor="sync", refund_id=rid, at_ms=T0 + 1000, payload={})
    trail = AuditTrailWidget(db_access(small_db))
    qtbot.addWidget(trail)
    assert "Select a refund" in trail.empty_label.text()
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund(rid)
    assert trail.tree.topLevelItemCount() == 2
    assert trail.tree.topLevelItem(0).text(1) == "Decision saved"
    assert "卡密已激活" in trail.tree.topLevelItem(0).text(3)
    assert "intact" in trail.chain_label.text()
    with small_db.write() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET actor = 's_1' WHERE seq = 1")
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund(rid)
    assert "BROKEN at entry 1" in trail.chain_label.text()
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund("r_other")
    assert "No audit entries" in trail.empty_label.text()


def test_preview_model_passes_the_model_tester(qtbot, small_db, qtmodeltester):
    w = open_window(qtbot, small_db)
    choose(qtbot, w, w.ui.presetCombo, "today")
    assert w.ui.previewTable.model().rowCount() == 6
    qtmodeltester.check(w.ui.previewTable.model())
    from merchant_console.reports.table import COLUMNS, MINUTES
    model = w.ui.previewTable.model()
    col = next(i for i, c in enumerate(COLUMNS) if c.kind == MINUTES)
    minutes = [model.data(model.index(r, col)) for r in range(model.rowCount())]
    assert any(minutes) and not any(m.endswith(".0") for m in minutes), minutes   # 926, not 926.0


def svg_width(view) -> float:
    return float(re.search(r'<svg width="([0-9.]+)"', view.svg.decode()).group(1))


def svg_font_px(view) -> float:
    """The smallest text of a chart as drawn on screen, in pixels (SVG font size × the view's scale)."""
    sizes = [float(x) for x in re.findall(r"font-size: ?([0-9.]+)px", view.svg.decode())]
    assert sizes
    return min(sizes) * view.width() / svg_width(view)


@pytest.mark.parametrize("size", [(1280, 860), (1024, 700), (1600, 1000)])
def test_chart_labels_are_readable_at_any_window_width(qtbot, small_db, size):
    w = open_window(qtbot, small_db)
    w.resize(*size)
    w.show()
    choose(qtbot, w, w.ui.presetCombo, "today")
    for view in w.chart_widgets:
        qtbot.waitUntil(lambda v=view: abs(svg_width(v) - max(200, v.width())) < 1, timeout=5_000)
        assert svg_font_px(view) >= 10          # was 7 pt in a 480-pt drawing shown ~400 px wide: ~6 px


def test_charts_are_drawn_on_the_dark_themes_colours_and_the_pdf_stays_on_paper(qtbot, qapp, small_db):
    """In the dark theme the three charts were white panels with black text in a dark window."""
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    from merchant_console.reports import charts

    def fills(svg: bytes) -> set[str]:
        return set(re.findall(r"fill: ?(rgb\([^)]*\))", svg.decode()))

    def svg_colour(hex_colour: str) -> str:   # as the SVG writes it (whole percents)
        d = Drawing(1, 1)
        d.add(Rect(0, 0, 1, 1, fillColor=colors.HexColor(hex_colour)))
        [fill] = fills(charts.to_svg(d))
        return fill

    white, black = svg_colour("#ffffff"), svg_colour("#000000")
    was_dark = qapp.property("mc_dark")       # (what gui.theme.apply_theme sets; a test before may have)
    qapp.setProperty("mc_dark", False)
    try:
        w = open_window(qtbot, small_db)
        w.show()
        choose(qtbot, w, w.ui.presetCombo, "today")
        assert all(white in fills(v.svg) for v in w.chart_widgets)      # light: on paper
        qapp.setProperty("mc_dark", True)
        for view in w.chart_widgets:
            view.draw()
            assert white not in fills(view.svg) and black not in fills(view.svg), fills(view.svg)
            # the dark window's colour under its text colour (gui.theme._dark_palette)
            assert {svg_colour("#2b2d31"), svg_colour("#e6e6e6")} <= fills(view.svg)
    finally:
        qapp.setProperty("mc_dark", was_dark)
    pdf_chart = charts.to_svg(charts.daily_volume(w.chart_widgets[0].kpis, "en"))   # the PDF's: on paper
    assert white in fills(pdf_chart) and black in fills(pdf_chart)


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_escape_and_ctrl_w_close_the_window(qtbot, small_db, keys):
    w = open_window(qtbot, small_db)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=2_000)
    w.ui.presetCombo.setFocus()
    qtbot.keyClick(w.ui.presetCombo, keys[0], keys[1])
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=2_000)


def export_as(qtbot, w, typed: str, fmt: str):
    w.choose_path = lambda suggested: typed
    w.ui.formatCombo.setCurrentIndex(w.ui.formatCombo.findData(fmt))
    with qtbot.waitSignal(w.exportFinished, timeout=20_000) as sig:
        w.export_clicked()
    return sig.args


def test_the_typed_suffix_decides_the_format(qtbot, small_db, tmp_path):
    w = open_window(qtbot, small_db)
    choose(qtbot, w, w.ui.presetCombo, "today")
    assert export_as(qtbot, w, str(tmp_path / "report.pdf"), "csv") == ["done"]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "report.pdf.csv").exists()
    assert w.ui.formatCombo.currentData() == "pdf" and "as PDF" in w.ui.statusLabel.text()
    assert export_as(qtbot, w, str(tmp_path / "report"), "csv") == ["done"]   # no suffix: the chosen format's
    assert (tmp_path / "report.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert export_as(qtbot, w, str(tmp_path / "REPORT.XLSX"), "csv") == ["done"]
    assert (tmp_path / "REPORT.XLSX").read_bytes().startswith(b"PK")


def test_after_an_export_open_and_show_in_folder(qtbot, small_db, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    w = open_window(qtbot, small_db)
    w.show()
    assert not w.ui.openFileButton.isVisible() and not w.ui.showFolderButton.isVisible()
    choose(qtbot, w, w.ui.presetCombo, "today")
    export_as(qtbot, w, str(tmp_path / "r.csv"), "csv")
    assert w.ui.openFileButton.isVisible() and w.ui.showFolderButton.isVisible()
    qtbot.mouseClick(w.ui.openFileButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.ui.showFolderButton, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "r.csv"), str(tmp_path)], opened


def conversation_db(tmp_path):
    from tests.reports.test_conversation_report import hand_filled
    db = Database(tmp_path / "talk.db")
    with db.write() as conn:
        state.save_state(conn, role="manager", staff_id="s_2", staff_name="李店长")
    hand_filled(db)
    return db


def test_the_conversation_tab_reads_at_a_glance(qtbot, tmp_path):
    db = conversation_db(tmp_path)
    try:
        w = open_window(qtbot, db)
        choose(qtbot, w, w.ui.presetCombo, "today")
        tab = w.ui.tabs.indexOf(w.findChild(type(w.ui.chartsTab), "conversationTab"))
        assert w.ui.tabs.tabText(tab) == "After-sale conversation (4)"
        t = {key: (card.value.text(), card.detail.text()) for key, card in w.talk_cards.items()}
        assert t["proposals"] == ("4", "1 waiting for the buyer · 0 re-issued cards")
        assert t["accepted"] == ("1", "33.3%") and t["declined"][0] == "1" and t["expired"][0] == "1"
        assert t["kept"] == ("¥38.50", "of ¥98.50 asked")
        assert t["extensions"] == ("1", "24 h in all")
        assert t["requests"] == ("1/2", "50.0% · 0 late · 1 not answered")   # er_2 was due on Nov 21, unanswered
        assert t["answer"] == ("10 min", "3 of 3 messages answered")
        staff = w.conversation_staff
        assert [staff.item(i, 0).text() for i in range(staff.rowCount())] == ["小王 (s_7)", "小李 (s_9)"]
        assert staff.item(0, 1).text() == "3"
        choose(qtbot, w, w.ui.actionCombo, "reject")   # a decision filter: said not to apply, figures unchanged
        assert w.talk_cards["proposals"].value.text() == "4" and not w.conversation_note.isHidden()
        choose(qtbot, w, w.ui.presetCombo, "yesterday")
        assert not w.conversation_empty.isHidden() and "No after-sale conversation" in w.conversation_empty.text()
        assert w.conversation_panel.isHidden() and w.ui.tabs.tabText(tab) == "After-sale conversation"
    finally:
        db.close()


def test_a_failed_read_is_shown(qtbot, small_db):
    w = open_window(qtbot, small_db)
    with small_db.write() as conn:
        conn.exec_driver_sql("ALTER TABLE refund_proposals RENAME TO gone")
    w.ui.presetCombo.setCurrentIndex(w.ui.presetCombo.findData("today"))
    qtbot.waitUntil(lambda: "Could not read the local database" in w.ui.statusLabel.text(), timeout=10_000)
    assert "refund_proposals" in w.ui.statusLabel.text()


def test_the_window_reads_through_the_reader_and_records_through_the_writer(qtbot, small_db, tmp_path):
    """No statement of the window on the GUI thread or on Qt's pool: reads on the console's reader threads,
    the export's audit entry on its one writer (the file itself is written on the pool, no database there)."""
    import threading

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    seen: list[tuple[str, str]] = []

    def before(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        seen.append((threading.current_thread().name, statement.split()[0].upper()))

    event.listen(Engine, "before_cursor_execute", before)
    try:
        w = open_window(qtbot, small_db)
        choose(qtbot, w, w.ui.presetCombo, "today")
        assert export_as(qtbot, w, str(tmp_path / "r.xlsx"), "xlsx") == ["done"]
    finally:
        event.remove(Engine, "before_cursor_execute", before)
    threads = {name for name, _ in seen}
    assert threads and all(n.startswith(("console-db-reader", "console-db-writer")) for n in threads), threads
    writes = {n for n, verb in seen if verb in ("INSERT", "UPDATE", "DELETE")}
    assert writes and all(n.startswith("console-db-writer") for n in writes), writes
    with small_db.read() as conn:
        assert audit.verify(conn).entries == 1
