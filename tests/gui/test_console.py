"""The desktop console driven as a person would, against the real sandbox platform on 127.0.0.1."""

from __future__ import annotations

from PySide6.QtCore import Qt

from merchant_console.gui.main_window import QueueRole
from merchant_console.gui.queue_model import CountdownRole, RefundIdRole, RowRole
from merchant_console.gui.sign_in import SignInDialog
from merchant_console.store import outbox
from merchant_console.store.changes import Changes
from merchant_console.store.location import data_dir
from merchant_console.store.queue import queue_rowids


def row_of(window, refund_id):
    return window.model.row_of_id(refund_id)


def select(qtbot, window, refund_id):
    qtbot.waitUntil(lambda: row_of(window, refund_id) >= 0, timeout=15_000)
    assert window.select_refund(refund_id)
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == refund_id)


def choose(window, queue: str) -> None:
    """Pick a queue in the sidebar, as a click does."""
    lst = window.ui.queueList
    lst.setCurrentRow(next(i for i in range(lst.count()) if lst.item(i).data(QueueRole) == queue))


def awaiting_ids(sb, *, fast=False, n=1):
    ids = [r for r in sorted(sb.world.snapshot()) if sb.world.refund(r)["status"] == "awaiting_merchant"
           and sb.world.refund(r)["fast_refund"] == fast and sb.world.refund(r)["urged_at"] is None]
    return ids[:n]


def local_decisions(window, refund_id):
    with window.db.read() as conn:
        return outbox.decisions_for(conn, refund_id)


def test_models_pass_the_model_tester(sandbox, open_console, qtmodeltester):
    window = open_console(sandbox).window
    qtmodeltester.check(window.model)


def test_filter_and_search(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    order_no = sandbox.world.refund(rid)["order_no"]
    qtbot.keyClicks(window.ui.searchEdit, order_no[-8:])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5_000)
    assert window.model.data(window.model.index(0, 1)) == order_no
    window.ui.searchEdit.clear()
    window.ui.searchEdit.insert("没有这样的订单")   # an input method commits text, not key presses
    qtbot.waitUntil(lambda: window.ui.emptyHint.isVisible())
    assert "No refund matches" in window.ui.emptyHint.text()
    assert "in All" not in window.ui.emptyHint.text()              # nowhere else either: nothing more to say
    # a refund no longer in this queue (decided, under review): the search says where it is, and goes there
    gone = next(r for r in sorted(sandbox.world.snapshot()) if sandbox.world.refund(r)["status"] == "refunded")
    window.ui.searchEdit.clear()
    window.ui.searchEdit.insert(sandbox.world.refund(gone)["order_no"])
    qtbot.waitUntil(lambda: "1 refund in All matches" in window.ui.emptyHint.text(), timeout=10_000)
    window.ui.emptyHint.linkActivated.emit("all")
    qtbot.waitUntil(lambda: window.model.filter.queue == "all" and window.model.rowCount() == 1, timeout=10_000)
    assert window.model.data(window.model.index(0, 0), RefundIdRole) == gone
    window.ui.searchEdit.clear()
    qtbot.keyClicks(window.ui.minAmountEdit, "abc")
    window.ui.minAmountEdit.editingFinished.emit()
    assert "not an amount" in window.ui.filterMessage.text()


def test_approve_with_the_keyboard(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_A)
    assert window.detail.decision_panel.ui.editor.isVisible()
    qtbot.keyClick(window.detail.decision_panel.ui.submitButton, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [d["action"] for d in local_decisions(window, rid)][-1:] == ["approve"])
    qtbot.waitUntil(lambda: sandbox.world.refund(rid)["status"] == "refunding", timeout=15_000)
    qtbot.waitUntil(lambda: local_decisions(window, rid)[-1]["state"] == "done", timeout=15_000)
    assert sandbox.world.decisions_applied(rid) == 1


def test_reject_with_a_template(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    panel = window.detail.decision_panel
    window.ui.actionReject.trigger()
    qtbot.keyClick(panel.ui.templateList, Qt.Key.Key_1)
    text = panel.ui.reasonEdit.toPlainText()
    assert text and "$" not in text                          # placeholders filled
    assert panel.ui.reasonCodeCombo.currentData() is not None
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: sandbox.world.refund(rid)["status"] == "rejected", timeout=15_000)
    assert sandbox.world.refund(rid)["decision"]["reason_text"] == text


def test_partial_with_a_bad_amount_says_why_and_sends_nothing(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    panel = window.detail.decision_panel
    window.ui.actionPartial.trigger()
    assert panel.suggestionLabel.text()                       # says how the amount (if any) was worked out
    for bad, says in (("abc", "not an amount of money"), ("99999", "less than the paid amount"),
                      ("0", "at least ¥0.01")):
        panel.ui.amountEdit.setText(bad)
        panel.ui.submitButton.click()
        # refused by the workbench; said under the amount (the keys are put there to mend it)
        qtbot.waitUntil(lambda says=says: says in panel.amountError.text() and not panel.ui.errorLabel.text())
    qtbot.waitUntil(lambda: not window.access.busy())
    assert local_decisions(window, rid) == []
    assert sandbox.world.refund(rid)["status"] == "awaiting_merchant"


def test_batch_approve_confirms_and_summarises(sandbox, open_console, qtbot, monkeypatch):
    from merchant_console.gui import batch_dialog

    seen = []

    def accept(dialog):
        seen.append(dialog.summary_text())
        return True

    monkeypatch.setattr(batch_dialog.BatchDialog, "exec", accept)
    window = open_console(sandbox).window
    ids = awaiting_ids(sandbox, n=3)
    qtbot.waitUntil(lambda: all(row_of(window, r) >= 0 for r in ids), timeout=15_000)
    selection = window.ui.refundTable.selectionModel()
    window.ui.refundTable.clearSelection()
    from PySide6.QtCore import QItemSelectionModel
    for r in ids:
        selection.select(window.model.index(row_of(window, r), 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert window.ui.batchApproveButton.isEnabled()
    window.ui.batchApproveButton.click()
    assert "Approve 3 refunds" in seen[0]                               # count and money before
    qtbot.waitUntil(lambda: "3 approved" in window.ui.batchResult.text())   # what happened after
    qtbot.waitUntil(lambda: all(sandbox.world.refund(r)["status"] == "refunding" for r in ids), timeout=20_000)


def test_viewer_cannot_decide(sandbox, open_console, qtbot):
    window = open_console(sandbox, role="viewer").window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    panel = window.detail.decision_panel
    assert panel.ui.viewerNote.isVisible() and not panel.ui.approveButton.isVisible()
    assert not panel.ui.stateLabel.isVisible()          # nothing to say: no blank line above the note
    window.ui.refundTable.setFocus()
    for key, letter in ((Qt.Key.Key_A, "A"), (Qt.Key.Key_P, "P"), (Qt.Key.Key_R, "R"), (Qt.Key.Key_X, "X")):
        qtbot.keyClick(window.ui.refundTable, key)
        # not the view's type-to-find: the same refund stays selected and shown, and the key says why not
        assert window.selected_ids() == [rid] and window.detail.row["id"] == rid, letter
    assert "not decide" in window.ui.statusbar.currentMessage()
    assert not panel.ui.editor.isVisible()
    assert not window.ui.batchApproveButton.isVisible() and not window.ui.actionTemplates.isVisible()
    assert local_decisions(window, rid) == []


def test_conflict_shown_when_the_platform_auto_approves_first_and_put_away_with_g(sandbox, open_console, qtbot):
    console = open_console(sandbox)
    window = console.window
    rid = sandbox.world.add_refunds(1, fast_refund=True)[0]
    select(qtbot, window, rid)
    sandbox.world.release_waits()
    console.controller.stop()                 # offline for a moment: the decision waits in the outbox
    window.ui.actionReject.trigger()
    panel = window.detail.decision_panel
    panel.ui.reasonCodeCombo.setCurrentIndex(panel.ui.reasonCodeCombo.findData("card_already_used"))
    panel.ui.reasonEdit.setPlainText("卡密已激活使用")
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: window.detail.row["id"] != rid)   # saved: on to the next refund
    select(qtbot, window, rid)
    assert "uploading" in panel.ui.stateLabel.text()
    sandbox.world.advance(31 * 60)             # meanwhile the platform auto-approves (fast refund)
    console.controller.start()
    # the refund leaves "needs decision" (the pane may clear before its read lands): open it in All
    qtbot.waitUntil(lambda: local_decisions(window, rid)[-1]["state"] == "superseded", timeout=20_000)
    choose(window, "outbox")            # the conflict waits in "Uploading / conflicts" until someone has seen it
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "Conflict" in window.detail.decision_panel.ui.stateLabel.text(), timeout=20_000)
    assert "automatically" in window.detail.decision_panel.ui.stateLabel.text()
    assert sandbox.world.decisions_applied(rid) == 0
    qtbot.waitUntil(lambda: (window.queue._counts or {}).get("outbox") == 1, timeout=15_000)
    assert panel.ui.acknowledgeButton.isVisible() and window.ui.actionAcknowledge.isEnabled()
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_G)                  # Got it
    qtbot.waitUntil(lambda: row_of(window, rid) < 0, timeout=15_000)     # it leaves the list
    qtbot.waitUntil(lambda: (window.queue._counts or {}).get("outbox") == 0, timeout=15_000)
    assert "put away" in window.ui.statusbar.currentMessage()
    assert "not in this list" not in window.ui.statusbar.currentMessage()
    [decision] = local_decisions(window, rid)
    assert decision["state"] == "superseded" and decision["acknowledged_at"] is not None
    choose(window, "all")               # the history keeps it, and says who saw it
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "Seen by" in panel.ui.stateLabel.text(), timeout=15_000)
    assert "Conflict" in panel.ui.stateLabel.text() and not panel.ui.acknowledgeButton.isVisible()
    assert not window.ui.actionAcknowledge.isEnabled()


def test_countdown_text_and_colour_follow_platform_time(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = sandbox.world.add_refunds(1)[0]
    qtbot.waitUntil(lambda: row_of(window, rid) >= 0, timeout=15_000)

    def cd():
        return window.model.data(window.model.index(row_of(window, rid), 0), CountdownRole)

    assert cd().urgency == "normal" and "left" in window.model.data(window.model.index(row_of(window, rid), 0))
    sandbox.world.advance(23.5 * 3600)        # the platform's clock moves on; ours follows its Date header
    qtbot.waitUntil(lambda: cd().urgency == "red", timeout=20_000)
    sandbox.world.advance(3600)
    qtbot.waitUntil(lambda: cd().urgency == "overdue", timeout=20_000)
    assert "overdue" in window.model.data(window.model.index(row_of(window, rid), 0))


def test_offline_decision_uploads_when_the_platform_is_back(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    sandbox.world.set_faults(maintenance=True, retry_after_s=0)
    qtbot.waitUntil(lambda: "维护" in window.connection_line.toolTip(), timeout=20_000)
    window.ui.actionApprove.trigger()
    window.detail.decision_panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: local_decisions(window, rid) != [])
    assert local_decisions(window, rid)[-1]["state"] == "queued"
    # nothing uploads now: it is not said to be uploading
    qtbot.waitUntil(lambda: "when the connection is back" in window.ui.statusbar.currentMessage())
    qtbot.waitUntil(lambda: window.detail.row["id"] != rid)   # saved: on to the next refund
    select(qtbot, window, rid)
    panel = window.detail.decision_panel
    qtbot.waitUntil(lambda: "when the connection is back" in panel.ui.stateLabel.text())
    sandbox.world.set_faults()
    qtbot.waitUntil(lambda: local_decisions(window, rid)[-1]["state"] == "done", timeout=30_000)
    assert sandbox.world.decisions_applied(rid) == 1
    qtbot.waitUntil(lambda: window.connection_line.property("kind") == "online", timeout=20_000)


def test_sign_in_dialog_refuses_a_bad_token_and_offers_the_demo(sandbox, qtbot):
    dlg = SignInDialog(data_dir(None))
    qtbot.addWidget(dlg)
    dlg.ui.urlEdit.setText(sandbox.url)
    dlg.ui.tokenEdit.setText("wrong")
    dlg.ui.signInButton.click()
    qtbot.waitUntil(lambda: "did not accept" in dlg.ui.errorLabel.text(), timeout=10_000)
    dlg.ui.urlEdit.setText("http://platform.example")
    dlg.ui.signInButton.click()
    assert "https://platform.example" in dlg.ui.errorLabel.text()
    dlg.ui.urlEdit.setText(sandbox.url)
    dlg.ui.tokenEdit.setText(sandbox.tokens["operator"])
    dlg.ui.signInButton.click()
    qtbot.waitUntil(lambda: dlg.result_kind == "profile", timeout=10_000)
    assert dlg.profile.role == "operator"
    dlg2 = SignInDialog(data_dir(None))
    qtbot.addWidget(dlg2)
    assert dlg2.ui.profileCombo.count() == 2           # the saved account is offered next time
    dlg2.ui.demoButton.click()
    assert dlg2.result_kind == "demo"


class _CountedReading:
    """Stands in for the evidence reader (an OCR child process): counts how many run."""

    running: list = []

    def __init__(self, db, cache_path, on_read=None, idle_wait=None) -> None:
        self.woken = 0

    def start(self) -> None:
        _CountedReading.running.append(self)

    def wake(self) -> None:
        self.woken += 1

    def stop(self) -> None:
        _CountedReading.running.remove(self)


def test_try_the_demo_then_act_as_viewer_and_manager(qapp, qtbot, monkeypatch):
    """Each role rebuilds the window on the same shop and database; the evidence reader (a child process of
    ~600 MB) goes on as it was: one, not one more per switch."""
    from merchant_console.evidence import text_worker
    from merchant_console.gui.app import Console
    from merchant_console.gui.settings import Settings

    monkeypatch.setenv("MERCHANT_CONSOLE_READ_TEXT", "1")
    monkeypatch.setattr(text_worker, "BackgroundReading", _CountedReading)
    _CountedReading.running = []

    settings = Settings()
    settings.set("sync/wait_s", 1)
    console = Console(qapp, data_dir(None), settings, "zh_CN")
    console.demo_options = {"refunds": 40, "images": "small"}   # the real demo, smaller for speed
    console.start_demo()
    qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=30_000)
    try:
        window = console.window
        assert window.ui.menuDemo.menuAction().isVisible()
        assert window.role == "operator" and not window.ui.actionReports.isVisible()
        open_id = window.model.refund_id_at(min(3, window.model.rowCount() - 1))
        assert window.select_refund(open_id)
        qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == open_id)
        window.ui.actionActViewer.trigger()
        qtbot.waitUntil(lambda: console.window is not window and console.window.role == "viewer", timeout=20_000)
        # the refund that was open is open again in the rebuilt window
        qtbot.waitUntil(lambda: console.window.detail.row is not None and console.window.detail.row["id"] == open_id,
                        timeout=20_000)
        assert not console.window.ui.batchApproveButton.isVisible()
        viewer_window = console.window
        viewer_window.ui.actionActManager.trigger()
        qtbot.waitUntil(lambda: console.window is not viewer_window and console.window.role == "manager",
                        timeout=20_000)
        assert console.window.ui.actionReports.isVisible() and console.window.ui.actionTemplates.isVisible()
        [reading] = _CountedReading.running
        woken = reading.woken
        console.window.access.announce(Changes.of_evidence([("r", "0" * 64)], "sync"))   # the new window's notices
        assert reading.woken == woken + 1                                                # reach it
    finally:
        console.shutdown()
    assert _CountedReading.running == []


def test_template_manager_creates_reorders_and_refuses_bad_templates(sandbox, open_console, qtbot, tmp_path,
                                                                    answer_dialogs):
    from merchant_console.gui.template_manager import TemplateManager

    window = open_console(sandbox, role="manager").window
    dlg = TemplateManager(window.access, lang="en", now_ms=window.now_ms, reason_labels={}, parent=window)
    qtbot.addWidget(dlg)
    settled = lambda: not window.access.busy() and not dlg.loading   # noqa: E731 - saved and listed again
    qtbot.waitUntil(settled)
    dlg.ui.actionCombo.setCurrentIndex(dlg.ui.actionCombo.findData("reject"))
    qtbot.waitUntil(settled)
    before = dlg.ui.templateList.count()
    dlg.ui.addButton.click()
    qtbot.keyClicks(dlg.ui.nameEdit, "Wrong number")
    dlg.ui.textEdit.setPlainText("Order $order_no: {0.__class__} $secret")
    dlg.ui.saveButton.click()
    qtbot.waitUntil(lambda: "unknown placeholder" in dlg.ui.errorLabel.text())
    assert dlg.ui.templateList.count() == before
    dlg.ui.textEdit.setPlainText("Order $order_no was topped up to the number you entered.")
    assert "KM20261121093015001" in dlg.ui.previewLabel.text()
    dlg.ui.saveButton.click()
    qtbot.waitUntil(lambda: dlg.ui.templateList.count() == before + 1)
    assert dlg.ui.templateList.currentItem().text() == "Wrong number · 中文"   # buyers' language by default
    dlg.ui.upButton.click()
    qtbot.waitUntil(lambda: dlg.ui.templateList.item(before - 1).text() == "Wrong number · 中文")
    bad = tmp_path / "bad.json"
    bad.write_text('{"templates": [{"action": "reject", "name": "x", "text": "$nope"}]}', encoding="utf-8")
    dlg.import_file(bad)
    qtbot.waitUntil(lambda: any("Nothing was imported" in t for t in answer_dialogs))


def test_answer_an_appeal_with_one_statement(sandbox, open_console, qtbot):
    from merchant_console.gui.statement_dialog import StatementDialog

    window = open_console(sandbox).window
    made = sandbox.world.add_refunds(6, status="appealed")
    rid = next(r for r in made if sandbox.world.refund(r)["appeal"]["statement"] is None)
    qtbot.waitUntil(lambda: _status(window, rid) == "appealed", timeout=15_000)
    dlg = StatementDialog(window.access, rid, policy=window.policy, staff_id="s", lang="en", now_ms=window.now_ms,
                          parent=window)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "You can send one statement" in dlg.ui.deadlineLabel.text())
    dlg.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "characters" in dlg.ui.errorLabel.text())   # empty: refused with a reason
    dlg.ui.textEdit.setPlainText("卡密于发货后 3 分钟被激活,附充值记录")
    dlg.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: dlg.outbox_id is not None)
    window.controller.nudge()
    qtbot.waitUntil(lambda: (sandbox.world.refund(rid)["appeal"]["statement"] or {}).get("text", "")
                    .startswith("卡密于发货后"), timeout=20_000)
    second = StatementDialog(window.access, rid, policy=window.policy, staff_id="s", lang="en",
                             now_ms=window.now_ms, parent=window)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.seen_version is not None)
    second.ui.textEdit.setPlainText("再说一次")
    second.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: "can no longer be answered" in second.ui.errorLabel.text())


def _status(window, rid):
    from merchant_console.store import refunds
    with window.db.read() as conn:
        row = refunds.get_refund(conn, rid)
    return row and row["status"]


def test_reject_with_an_attached_image(sandbox, open_console, qtbot, tmp_path):
    import io

    from PIL import Image

    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    select(qtbot, window, rid)
    panel = window.detail.decision_panel
    window.ui.actionReject.trigger()
    assert panel.ui.attachButton.isVisible()
    photo = tmp_path / "充值记录.jpg"
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}                  # GPS: must not leave this computer
    Image.effect_noise((1500, 2600), 50).convert("RGB").save(photo, "JPEG", quality=95, exif=exif.tobytes())
    junk = tmp_path / "not-an-image.png"
    junk.write_bytes(b"<html>hello</html>")
    panel.attachments.add(junk)
    qtbot.waitUntil(lambda: "not attached" in panel.ui.attachmentsLabel.text(), timeout=10_000)
    panel.attachments.add(photo)
    qtbot.waitUntil(lambda: len(panel.attachments.items) == 1, timeout=20_000)
    panel.use_template_number(1)
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: sandbox.world.refund(rid)["status"] == "rejected", timeout=20_000)
    [me_id] = sandbox.world.refund(rid)["decision"]["evidence_ids"]
    data = window.session.client.evidence(me_id).value
    assert len(data) <= window.policy.merchant_evidence_max_bytes
    with Image.open(io.BytesIO(data)) as im:
        assert not im.getexif()


def test_notifications_before_the_deadline_and_when_a_buyer_urges(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    notifier = window.notifier
    rid = sandbox.world.add_refunds(1)[0]                       # due in 24 h
    qtbot.waitUntil(lambda: row_of(window, rid) >= 0, timeout=15_000)

    def advance_and_check(seconds):
        before = window.now_ms()
        # what the move brings, from the first look on: the check a sync page asks for may see the moment
        # cross while the console's clock catches up, before the look below (with the clock moved 13-14 h
        # it did, and the alert fell outside the slice)
        n = len(notifier.history)
        sandbox.world.advance(seconds)
        qtbot.waitUntil(lambda: window.now_ms() - before >= seconds * 1000 - 2_000, timeout=15_000)
        notifier.check()
        qtbot.wait(300)
        return notifier.history[n:]

    assert advance_and_check(22 * 3600 + 58 * 60) == []         # a long jump (sleep) stays quiet
    # the seeded refunds' own deadlines and conversations alert meanwhile too: this refund's alerts are checked
    alerts = [a for a in advance_and_check(3 * 60) if a.refund_id == rid]   # now 59 min before the deadline
    assert [(a.kind, a.refund_id) for a in alerts] == [("last_hour", rid)]
    assert notifier.badge >= 1
    title, body = notifier.describe(alerts[0])
    assert "1 hour left" in title and sandbox.world.refund(rid)["order_no"] in body
    later = [a.kind for _ in range(5) for a in advance_and_check(9 * 60)   # time passing while we work
             if a.refund_id == rid]
    assert later == ["last_quarter"]
    for _ in range(3):
        advance_and_check(8 * 60)                                # past the deadline: the buyer may urge
    sandbox.world.urge(rid)
    qtbot.waitUntil(lambda: any(a.kind == "urged" and a.refund_id == rid for a in notifier.history)
                    or (notifier.check() and False), timeout=15_000)
    window.settings.set("notify/urged", False)
    assert "urged" not in notifier.enabled()


def test_diagnostics_never_include_a_secret(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    said: list[str] = []
    window.diagnostics(said.append)     # the counts are read through the reader
    qtbot.waitUntil(lambda: bool(said))
    text = said[0]
    assert "Merchant Console" in text and sandbox.url in text and "Queues:" in text
    for token in sandbox.tokens.values():
        assert token not in text


def test_clock_skew_warning_and_restored_geometry(sandbox, qapp, qtbot):
    from merchant_console.core.clock import ServerClock, local_now_ms
    from merchant_console.gui.app import Console
    from merchant_console.gui.settings import Settings
    from merchant_console.platform.client import PlatformClient
    from merchant_console.store.engine import Database
    from merchant_console.store.location import Profile, Profiles
    from merchant_console.workbench.session import Session

    settings = Settings()
    settings.set("sync/wait_s", 1)
    root = data_dir(None)
    profile = Profile("p", sandbox.url, "m", "", "s", "", "operator")
    folder = Profiles(root).folder("p")

    def open_with(skew_ms):
        clock = ServerClock(local=lambda: local_now_ms() + skew_ms)   # this computer's clock is off
        session = Session(profile, Database(folder / "console.db"), folder,
                          PlatformClient(sandbox.url, sandbox.tokens["operator"], clock=clock))
        console = Console(qapp, root, settings, "en")
        console.open_session(session)
        return console

    console = open_with(-7 * 60_000)
    try:
        window = console.window
        qtbot.waitUntil(lambda: window.connection_line.property("kind") == "clock", timeout=20_000)
        assert "7 minutes off" in window.connection_line.toolTip()
        window.resize(1111, 777)
        window.ui.mainSplitter.setSizes([200, 600, 311])
        qtbot.wait(50)
    finally:
        sandbox.world.release_waits()
        console.shutdown()
    saved = (bytes(settings.geometry("main")), bytes(settings.geometry("main_splitter")))
    assert all(saved)
    # the offscreen platform's small virtual screen clamps a restored window, so compare what the next
    # window is given to restore rather than its final size on this headless screen
    # the platform's clock is pinned (tests move it themselves): bring it to the real now, which this computer's
    # clock agrees with below, however long the first half took on a busy machine
    sandbox.world.set_time(local_now_ms())
    console = open_with(0)
    try:
        window = console.window
        assert (bytes(settings.geometry("main")), bytes(settings.geometry("main_splitter"))) == saved
        qtbot.waitUntil(lambda: window.state.get("clock_offset_ms") is not None
                        and abs(window.state["clock_offset_ms"]) < 60_000, timeout=20_000)
        window.reload_state()
        assert window.connection_line.property("kind") == "online"
    finally:
        sandbox.world.interrupt_waits()
        console.shutdown()


def test_platform_changes_patch_the_shown_queue_without_a_reset(sandbox, open_console, qtbot):
    """A change from the platform moves rows in and out of the queue; the list is not reloaded, so the
    scroll position and the person's selection stay."""
    window = open_console(sandbox).window
    model = window.model
    qtbot.waitUntil(lambda: model.filter.queue == "needs_decision" and model.rowCount() > 5, timeout=15_000)
    # a refund past its response deadline and not urged yet: the buyer may urge it now
    keep = next(model.data(model.index(i, 0), RefundIdRole) for i in range(model.rowCount())
                if sandbox.world.refund(model.data(model.index(i, 0), RefundIdRole))["urged_at"] is None
                and model.data(model.index(i, 0), RowRole)["due_at"] < window.now_ms())
    select(qtbot, window, keep)
    events = {"reset": 0, "inserted": 0, "removed": 0}
    model.modelReset.connect(lambda: events.__setitem__("reset", events["reset"] + 1))
    model.rowsInserted.connect(lambda *_: events.__setitem__("inserted", events["inserted"] + 1))
    model.rowsRemoved.connect(lambda *_: events.__setitem__("removed", events["removed"] + 1))
    new = sandbox.world.add_refunds(1)[0]                                  # enters the queue
    gone = model.data(model.index(model.rowCount() - 1, 0), RefundIdRole)
    sandbox.world.cancel(gone)                                             # leaves it
    sandbox.world.urge(keep)                                               # changes, stays
    qtbot.waitUntil(lambda: row_of(window, new) >= 0 and row_of(window, gone) < 0, timeout=15_000)
    qtbot.waitUntil(lambda: window.detail.row["urged_at"] is not None, timeout=15_000)
    assert events["reset"] == 0 and events["inserted"] >= 1 and events["removed"] >= 1
    assert window.selected_ids() == [keep] and window.detail.row["id"] == keep
    with window.db.read() as conn:   # and the patched list is the queue's own order
        assert model._rowids == queue_rowids(conn, model.filter, window.now_ms())


def test_a_search_shows_a_refund_that_arrives_while_it_is_on(sandbox, open_console, qtbot):
    """Searches narrow a held unsearched list; a sync must expire it, or new refunds would be missed."""
    window = open_console(sandbox).window
    window.ui.queueList.setCurrentRow(next(i for i in range(window.ui.queueList.count())
                                          if window.ui.queueList.item(i).data(QueueRole) == "all"))
    qtbot.waitUntil(lambda: window.model.filter.queue == "all", timeout=5_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(sandbox.world.snapshot()), timeout=15_000)  # synced
    window.ui.searchEdit.setText("KM2026")
    qtbot.waitUntil(lambda: window.model.filter.search == "KM2026", timeout=5_000)
    before = window.model.rowCount()
    rid = sandbox.world.add_refunds(1)[0]
    qtbot.waitUntil(lambda: row_of(window, rid) >= 0, timeout=15_000)
    assert window.model.rowCount() == before + 1
    window.ui.searchEdit.setText(sandbox.world.refund(rid)["order_no"])   # the next keystrokes narrow further
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5_000)
    assert window.model.data(window.model.index(0, 0), RefundIdRole) == rid


def test_settings_do_not_leak_from_one_test_to_the_next_a(qapp):
    from merchant_console.gui.settings import Settings
    assert Settings().get("notify/urged") is True
    Settings().set("notify/urged", False)


def test_settings_do_not_leak_from_one_test_to_the_next_b(qapp):
    from merchant_console.gui.settings import Settings
    assert Settings().get("notify/urged") is True


def test_a_row_changed_while_another_queue_is_shown_is_fresh_when_its_queue_comes_back(sandbox, open_console,
                                                                                       qtbot):
    """Switching queues reuses the rows already read (a switch back and forth reads nothing twice), so a
    change notice must mark what it touched: the row of a refund changed while it was off screen is read
    again, never shown as it was."""
    window = open_console(sandbox).window
    model, queues = window.model, window.ui.queueList

    def show(key):
        queues.setCurrentRow(next(i for i in range(queues.count()) if queues.item(i).data(QueueRole) == key))
        qtbot.waitUntil(lambda: model.filter.queue == key, timeout=5_000)

    show("all")
    qtbot.waitUntil(lambda: model.rowCount() == len(sandbox.world.snapshot()), timeout=15_000)   # synced
    rid = next(model.data(model.index(i, 0), RefundIdRole) for i in range(min(model.rowCount(), 20))
               if (r := sandbox.world.refund(model.data(model.index(i, 0), RefundIdRole)))["urged_at"] is None
               and r["status"] == "awaiting_merchant" and model.data(model.index(i, 0), RowRole)["due_at"]
               < window.now_ms())
    assert model.data(model.index(row_of(window, rid), 0), RowRole)["urged_at"] is None     # held, as read
    show("platform_review")
    assert row_of(window, rid) < 0
    sandbox.world.urge(rid)                                    # changes while its queue is off screen

    def stored_and_shown():
        with window.db.read() as conn:
            urged = conn.exec_driver_sql("SELECT urged_at FROM refunds WHERE id = ?", (rid,)).scalar()
        return urged is not None and not window._pending
    qtbot.waitUntil(stored_and_shown, timeout=15_000)
    show("all")
    qtbot.waitUntil(lambda: row_of(window, rid) >= 0, timeout=5_000)
    qtbot.waitUntil(lambda: (model.data(model.index(row_of(window, rid), 0), RowRole) or {}).get("urged_at")
                    is not None, timeout=5_000)


def test_a_search_keeps_the_rows_it_holds_and_reads_only_where_it_matched_in_screenshot_text(sandbox, open_console,
                                                                                          qtbot, monkeypatch):
    """A row's fields do not depend on the search, so typing a search reads no row already held: the query
    asks only where the new term matched in the held rows' screenshot text (the ⌕ mark), and clearing the
    search takes the marks away (at 100 000 refunds the first block read again per keystroke was ~40 ms)."""
    from merchant_console.gui import queue_room
    from merchant_console.gui.queue_model import COLUMNS
    from merchant_console.store import evidence_reading
    flags = next(i for i, c in enumerate(COLUMNS) if c[0] == "flags")
    window = open_console(sandbox).window
    model, queues = window.model, window.ui.queueList
    queues.setCurrentRow(next(i for i in range(queues.count()) if queues.item(i).data(QueueRole) == "all"))
    qtbot.waitUntil(lambda: model.filter.queue == "all" and model.rowCount() == len(sandbox.world.snapshot()),
                    timeout=15_000)
    rid = next(model.data(model.index(i, 0), RefundIdRole) for i in range(5)
               if model.data(model.index(i, 0), RowRole)["evidence_count"])
    with window.db.write() as conn:   # what the reading worker stores (no OCR here)
        sha = conn.exec_driver_sql("SELECT sha256 FROM evidence WHERE refund_id = ? ORDER BY position",
                                   (rid,)).scalar()
        evidence_reading.save_text(conn, sha, status=evidence_reading.READ, read_at=1, engine="test", seconds=0.1,
                                   lines=[{"text": "龙猫点卡 充值成功", "box": [40, 100, 600, 140], "score": 0.99}])
    read: list[int] = []
    real = queue_room.read_rows
    monkeypatch.setattr(queue_room, "read_rows", lambda conn, rowids, search="": (read.extend(rowids),
                                                                                 real(conn, rowids, search))[1])
    window.ui.searchEdit.setText("龙猫")
    qtbot.waitUntil(lambda: model.filter.search == "龙猫" and model.rowCount() == 1, timeout=10_000)
    assert model.data(model.index(0, 0), RefundIdRole) == rid
    assert model.data(model.index(0, flags)).endswith("⌕")
    window.ui.searchEdit.setText("")
    qtbot.waitUntil(lambda: model.filter.search == "" and model.rowCount() > 1, timeout=10_000)
    row = row_of(window, rid)
    assert row >= 0 and "⌕" not in (model.data(model.index(row, flags)) or "")
    assert read == []   # every row of both first blocks was held


def test_a_long_queue_shows_its_first_rows_then_grows_under_them(sandbox_factory, open_console, qtbot, monkeypatch):
    """Listing every row of a queue of 100 000 takes tens of ms; its first screenful takes a few. A queue is
    shown by its first block at once, and the rest is added under it when read: one reset, then rows
    inserted (the rows painted stay). The refund selected further down is selected again once its row is
    listed, the pane is not cleared meanwhile, and a change that lands in between is patched in after."""
    import threading

    from merchant_console.gui import main_window, queue_room
    from merchant_console.gui.queue_model import BLOCK

    sb, window = _long_queue(sandbox_factory, open_console, qtbot)
    model = window.model
    far = model.rowCount() - 3
    window.ui.refundTable.scrollTo(model.index(far, 0))
    qtbot.waitUntil(lambda: model.refund_id_at(far) is not None, timeout=10_000)
    keep = model.refund_id_at(far)
    select(qtbot, window, keep)
    choose(window, "decided")
    qtbot.waitUntil(lambda: model.filter.queue == "decided" and not model.partial, timeout=10_000)

    # the whole list is held back until the test lets it go
    release = threading.Event()
    real = queue_room.queue_rowids

    def slow(conn, f, now, limit=None):
        if limit is None:
            release.wait(10)
        return real(conn, f, now, limit=limit)

    monkeypatch.setattr(queue_room, "queue_rowids", slow)
    events = {"reset": 0, "inserted": 0}
    model.modelReset.connect(lambda: events.__setitem__("reset", events["reset"] + 1))
    model.rowsInserted.connect(lambda *_: events.__setitem__("inserted", events["inserted"] + 1))
    choose(window, "all")
    qtbot.waitUntil(lambda: model.filter.queue == "all" and model.partial, timeout=10_000)
    assert model.rowCount() == BLOCK and model.row_at(0) is not None           # the first rows, read
    assert window.ui.refundTable.isVisible() and not window.ui.emptyHint.isVisible()
    assert window.detail.row is not None and window.detail.row["id"] == keep   # not cleared while loading
    first = model._rowids[:]
    arrived = sb.world.add_refunds(1)[0]                                        # synced while loading

    def stored() -> bool:
        with window.db.read() as conn:
            return conn.exec_driver_sql("SELECT 1 FROM refunds WHERE id = ?", (arrived,)).first() is not None

    qtbot.waitUntil(stored, timeout=8_000)
    qtbot.wait(main_window.CHANGES_EVERY_MS + 300)                              # its notice has been taken up
    assert model.partial and model._rowids == first                            # waits for the whole list
    release.set()
    qtbot.waitUntil(lambda: not model.partial and model.rowCount() > 400, timeout=10_000)
    assert model._rowids[:BLOCK] == first and events == {"reset": 1, "inserted": 1}
    qtbot.waitUntil(lambda: window.selected_ids() == [keep], timeout=5_000)
    assert window.detail.row["id"] == keep
    qtbot.waitUntil(lambda: row_of(window, arrived) >= 0, timeout=15_000)    # then the change is patched in
    with window.db.read() as conn:
        assert model._rowids == real(conn, model.filter, window.now_ms())


def test_esc_in_the_search_box_clears_it_then_goes_back_to_the_queue(sandbox, open_console, qtbot):
    window = open_console(sandbox).window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    box = window.ui.searchEdit
    box.setFocus()
    qtbot.keyClicks(box, "KM2026")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    qtbot.waitUntil(lambda: window.model.filter.search == "", timeout=5_000)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.ui.refundTable.hasFocus(), timeout=2_000)


def test_a_short_search_shows_its_first_rows_before_the_whole_search(sandbox_factory, open_console, qtbot,
                                                                      monkeypatch):
    """A search reads every match (a one- or two-character term is a LIKE over every refund, ~35 ms at
    100 000): its first block is found by testing the held list in order and shown first; the whole search
    then grows the list under it."""
    import threading

    from merchant_console.gui import queue_room
    from merchant_console.gui.queue_model import BLOCK

    sb, window = _long_queue(sandbox_factory, open_console, qtbot)
    model = window.model
    with window.db.read() as conn:
        expected, _ = queue_room.searched_rowids(conn, replace_search(model.filter, "KM"), window.now_ms())
    release = threading.Event()
    real = queue_room.searched_rowids

    def slow(*a, **k):
        release.wait(10)
        return real(*a, **k)

    monkeypatch.setattr(queue_room, "searched_rowids", slow)
    events = {"reset": 0, "inserted": 0}
    model.modelReset.connect(lambda: events.__setitem__("reset", events["reset"] + 1))
    model.rowsInserted.connect(lambda *_: events.__setitem__("inserted", events["inserted"] + 1))
    window.ui.searchEdit.setText("KM")
    window.queue.search_timer.stop()
    window.refresh_queue()
    qtbot.waitUntil(lambda: model.filter.search == "KM" and model.partial, timeout=10_000)
    assert model._rowids == expected[:BLOCK] and model.row_at(0) is not None
    release.set()
    qtbot.waitUntil(lambda: not model.partial, timeout=10_000)
    assert model._rowids == expected and events == {"reset": 1, "inserted": 1}


def _long_queue(sandbox_factory, open_console, qtbot):
    """A console on 450 refunds (more than two blocks of the queue), showing All, its whole list read."""
    sb = sandbox_factory(refunds=450, seed=11, images="none")
    window = open_console(sb).window
    choose(window, "all")
    qtbot.waitUntil(lambda: window.model.filter.queue == "all" and window.model.rowCount() > 400
                    and not window.model.partial, timeout=20_000)
    return sb, window


def replace_search(f, term):
    from dataclasses import replace
    return replace(f, search=term)


def test_deciding_the_only_search_result_says_saved_not_gone(sandbox, open_console, qtbot):
    """The refund decided leaves the list because of the decision: the status bar keeps "Decision saved",
    not "The refund you had open is not in this list any more" (that is for a refund that left by itself)."""
    window = open_console(sandbox).window
    rid = awaiting_ids(sandbox)[0]
    window.ui.searchEdit.setText(sandbox.world.refund(rid)["order_no"])
    window.queue.search_timer.stop()
    window.refresh_queue()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.refund_id_at(0) == rid, timeout=10_000)
    select(qtbot, window, rid)
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_A)
    qtbot.keyClick(window.detail.decision_panel.ui.submitButton, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    qtbot.wait(300)
    assert "saved" in window.ui.statusbar.currentMessage()
    assert window.detail.row is None
