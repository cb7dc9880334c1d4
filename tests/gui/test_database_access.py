"""The GUI's one way to the database (gui.database_access): reads on a pool, writes on one writer
thread, failures shown unless handled, and one change notice after every write. The window never
writes on the GUI thread: a decision, a batch, a statement, a flag and a template edit driven
through it leave no INSERT/UPDATE/DELETE (nor BEGIN IMMEDIATE) on that thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, QObject, Qt
from sqlalchemy import text

from merchant_console.gui.database_access import READER_THREAD, WRITER_THREAD
from merchant_console.store import outbox, refunds
from merchant_console.store.changes import LOCAL, Changes
from merchant_console.store.engine import Database
from merchant_console.workbench.result import Done


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    yield d
    d.close()


def test_the_guard_sees_a_write_on_the_gui_thread(db, gui_thread_writes):
    """Hostile check of the fixture the window test relies on: a write here is caught."""
    writes = gui_thread_writes()
    with db.read() as conn:
        conn.execute(text("SELECT count(*) FROM refunds"))
    assert writes == []
    with db.write() as conn:
        conn.execute(text("UPDATE sync_state SET cursor = cursor"))
    assert any(w.startswith("BEGIN IMMEDIATE") for w in writes) and any(w.startswith("UPDATE") for w in writes)


def test_the_guard_sees_a_read_on_the_gui_thread(db, gui_thread_reads):
    """Hostile check of the read recorder: a read here is caught, one set aside is not."""
    reads = gui_thread_reads()
    with gui_thread_reads.aside(), db.read() as conn:
        conn.execute(text("SELECT count(*) FROM refunds"))
    assert reads == []
    with db.read() as conn:
        conn.execute(text("SELECT count(*) FROM refunds"))
    assert any(r.startswith("SELECT count(*) FROM refunds") for r in reads)


def test_a_template_edit_ends_in_a_templates_notice(qtbot, db, db_access):
    """Every write ends in one notice: a template saved touches no refund and still says what it changed."""
    from merchant_console import workbench

    access = db_access(db)
    heard: list[Changes] = []
    access.changed.connect(heard.append)
    access.write(lambda d: workbench.save_template(d, {"action": "approve", "name": "T", "lang": "zh",
                                                       "text": "同意退款 $amount"}))
    qtbot.waitUntil(lambda: not access.busy())
    assert heard == [Changes.of_templates(LOCAL)] and heard[0].templates and not heard[0].rows


def test_reads_and_writes_run_off_the_gui_thread_in_order_and_say_what_they_touched(qtbot, db, db_access,
                                                                                   gui_thread_writes):
    access = db_access(db)
    writes = gui_thread_writes()
    where: list[str] = []
    heard: list[Changes] = []
    access.changed.connect(heard.append)

    def op(n):
        def run(d):
            where.append(threading.current_thread().name)
            with d.write() as conn:
                conn.execute(text("UPDATE sync_state SET cursor = :c"), {"c": str(n)})
            return Done(n, frozenset({f"r_{n}"}))
        return run

    results: list[int] = []
    for n in range(5):
        access.write(op(n), lambda r: results.append(r.value))
    got: list = []
    access.read(lambda conn: (threading.current_thread().name,
                              conn.execute(text("SELECT 1")).scalar()), got.append)
    qtbot.waitUntil(lambda: len(results) == 5 and bool(got))
    assert results == [0, 1, 2, 3, 4]                                 # one writer, in the order asked
    assert set(where) == {WRITER_THREAD} and got[0][0].startswith(READER_THREAD)
    assert heard == [Changes.of([f"r_{n}"], LOCAL) for n in range(5)]  # one notice per write, its ids
    assert writes == []


def test_a_failure_nobody_handles_is_shown_and_a_handled_one_goes_to_its_handler(qtbot, db, db_access):
    access = db_access(db)
    shown: list[tuple[str, str]] = []
    access.failed.connect(lambda kind, why: shown.append((kind, why)))

    def broken(d):
        with d.write() as conn:
            conn.execute(text("INSERT INTO no_such_table VALUES (1)"))

    access.write(broken)
    access.read(lambda conn: conn.execute(text("SELECT * FROM nowhere")).all())
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert {k for k, _ in shown} == {"write", "read"} and all("no such table" in why for _, why in shown)
    handled: list[Exception] = []
    access.write(broken, on_error=handled.append)
    qtbot.waitUntil(lambda: bool(handled))
    assert len(shown) == 2 and "no such table" in str(handled[0])
    assert handled[0].__traceback__ is None            # its frames (what the job held) stayed on the worker


def test_callbacks_of_a_closed_owner_are_skipped_but_the_write_is_kept(qtbot, db, db_access):
    access = db_access(db)
    owner = QObject()
    called: list = []
    heard: list = []
    access.changed.connect(heard.append)
    access.write(lambda d: Done(None, frozenset({"r_9"})), called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not access.busy())
    assert called == [] and heard == [Changes.of(["r_9"], LOCAL)]


# --- the window: nothing writes on the GUI thread -----------------------------------------------


def _select(qtbot, window, ids):
    qtbot.waitUntil(lambda: all(window.model.row_of_id(r) >= 0 for r in ids), timeout=15_000)
    table = window.ui.refundTable
    table.clearSelection()
    for r in ids:
        table.selectionModel().select(window.model.index(window.model.row_of_id(r), 0),
                                      QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    if len(ids) == 1:
        qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == ids[0])


_ASIDE = None   # the read recorder's `aside` of the running test: the test's own checks are not the window's reads


def _status(window, rid):
    with _ASIDE(), window.db.read() as conn:
        row = refunds.get_refund(conn, rid)
    return row and row["status"]


def _decisions(window, rid):
    with _ASIDE(), window.db.read() as conn:
        return outbox.decisions_for(conn, rid)


def test_no_database_write_or_read_happens_on_the_gui_thread(sandbox_factory, open_console, qtbot,
                                                             gui_thread_writes, gui_thread_reads, monkeypatch):
    """The window's normal work — select refunds, scroll the queue, decide, open evidence and flag it, the
    audit trail, a batch, a statement, a template edit, the quarantine dialog, diagnostics — reads and
    writes the database only off the GUI thread. Deliberate exceptions, outside what is recorded here: the
    window's construction reads the platform's state once (MainWindow.__init__), and a model given a
    plain Database (tests, tools) reads on its caller's thread."""
    global _ASIDE
    from merchant_console.gui import batch_dialog, quarantine_dialog
    from merchant_console.gui.main_window import QueueRole
    from merchant_console.gui.statement_dialog import StatementDialog
    from merchant_console.gui.template_manager import TemplateManager

    sandbox = sandbox_factory(refunds=450, seed=11)   # more than two blocks of the queue's rows
    console = open_console(sandbox, role="manager")
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    writes = gui_thread_writes()
    reads = gui_thread_reads()
    _ASIDE = gui_thread_reads.aside
    # go to "all" so every kind of refund is listed
    for i in range(window.ui.queueList.count()):
        if window.ui.queueList.item(i).data(QueueRole) == "all":
            window.ui.queueList.setCurrentRow(i)
    awaiting = sorted(r for r in sandbox.world.snapshot() if (d := sandbox.world.refund(r))["status"]
                      == "awaiting_merchant" and not d["fast_refund"] and d["evidence"])
    one, *many = awaiting[:3]

    # a refund selected far down before its row was read (a jump): the pane shows it once the row lands
    qtbot.waitUntil(lambda: window.model.filter.queue == "all" and window.model.rowCount() > 400, timeout=20_000)
    far = next((i for i in range(window.model.rowCount() - 1, 0, -1) if window.model.refund_id_at(i) is None), None)
    assert far is not None                                  # rows two blocks down are not read until wanted
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    window.ui.refundTable.selectionModel().select(window.model.index(far, 0), flags)
    qtbot.waitUntil(lambda: window.detail.row is not None
                    and window.detail.row["id"] == window.model.refund_id_at(far), timeout=10_000)

    # a decision, from the keyboard
    _select(qtbot, window, [one])
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_A)
    qtbot.keyClick(window.detail.decision_panel.ui.submitButton, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [d["action"] for d in _decisions(window, one)] == ["approve"])

    # a flag on an image of a refund, from the evidence viewer
    _select(qtbot, window, [many[0]])
    window.detail.open_evidence(0)
    viewer = window.detail.viewer
    qtbot.waitUntil(lambda: viewer.current() is not None, timeout=15_000)
    with qtbot.waitSignal(viewer.flagged, timeout=15_000):
        viewer.flag("looks edited")
    viewer.close()

    # a batch
    monkeypatch.setattr(batch_dialog.BatchDialog, "exec", lambda _dialog: True)
    _select(qtbot, window, many)
    window.ui.batchApproveButton.click()
    qtbot.waitUntil(lambda: "2 approved" in window.ui.batchResult.text(), timeout=15_000)

    # a statement on an appeal
    appealed = [r for r in sandbox.world.add_refunds(6, status="appealed")
                if sandbox.world.refund(r)["appeal"]["statement"] is None]
    rid = appealed[0]
    qtbot.waitUntil(lambda: _status(window, rid) == "appealed", timeout=20_000)
    dlg = StatementDialog(window.access, rid, policy=window.policy, staff_id="s", lang="en", now_ms=window.now_ms,
                          parent=window)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.seen_version is not None)
    dlg.ui.textEdit.setPlainText("卡密于发货后 3 分钟被激活,附充值记录")
    dlg.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: dlg.outbox_id is not None)

    # a template edit
    manager = TemplateManager(window.access, lang="en", now_ms=window.now_ms, reason_labels={}, parent=window)
    qtbot.addWidget(manager)
    qtbot.waitUntil(lambda: not manager.loading)
    before = manager.ui.templateList.count()
    manager.ui.addButton.click()
    manager.ui.nameEdit.setText("Topped up")
    manager.ui.textEdit.setPlainText("Order $order_no was topped up.")
    manager.ui.saveButton.click()
    qtbot.waitUntil(lambda: manager.ui.templateList.count() == before + 1)

    table = window.ui.refundTable
    # scroll the queue to its end: the rows past the first block are read through the reader
    qtbot.waitUntil(lambda: window.model.rowCount() > 400, timeout=20_000)
    table.scrollToBottom()
    last = window.model.rowCount() - 1
    qtbot.waitUntil(lambda: window.model.row_at(last) is not None, timeout=10_000)
    assert window.model.index(last, 1).data()          # painted with its order number, not a placeholder
    table.scrollToTop()

    # select refunds one after another: the detail pane, its evidence strip and the audit trail
    for rid in awaiting[:3]:
        _select(qtbot, window, [rid])
        qtbot.waitUntil(lambda: window.detail.audit_trail.tree.isVisible()
                        or "No audit entries" in window.detail.audit_trail.empty_label.text(), timeout=10_000)

    # the quarantine dialog (Tools menu) and diagnostics
    opened = []
    monkeypatch.setattr(quarantine_dialog.QuarantineDialog, "exec", lambda dlg: opened.append(dlg) or 0)
    next(a for a in window.ui.menuTools.actions() if "could not use" in a.text()).trigger()
    qtbot.waitUntil(lambda: bool(opened) and not window.access.busy())
    said: list[str] = []
    window.diagnostics(said.append)
    qtbot.waitUntil(lambda: bool(said))

    qtbot.waitUntil(lambda: not window.access.busy())
    assert writes == [], writes
    assert reads == [], reads
