"""The conversation in the detail pane, driven as a person would, against the real sandbox platform."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from merchant_console.gui.main_window import QueueRole
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Ok


@pytest.fixture
def small_sandbox(sandbox_factory):
    """A platform of few refunds without images: the console's evidence work does not slow its sync here."""
    return sandbox_factory(refunds=12, seed=11, images="none")


def select(qtbot, window, refund_id):
    qtbot.waitUntil(lambda: window.model.row_of_id(refund_id) >= 0, timeout=15_000)
    assert window.select_refund(refund_id)
    qtbot.waitUntil(lambda: window.detail.row is not None and window.detail.row["id"] == refund_id)


def thread_of(sb, rid):
    with PlatformClient(sb.url, sb.tokens["operator"]) as c:
        out = c.messages(rid)
        assert isinstance(out, Ok)
        return out.value.messages


def platform_texts(sb, rid, sender="merchant"):
    with PlatformClient(sb.url, sb.tokens["operator"]) as c:
        out = c.messages(rid)
        assert isinstance(out, Ok)
        return [m.text for m in out.value.messages if m.sender == sender]


def accept_next_dialog(fill=None):
    """Answer the next modal dialog as a person would: fill it in, press OK."""
    def go():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(50, go)
            return
        if fill:
            fill(dialog)
        dialog.accept()
    QTimer.singleShot(50, go)


def test_thread_composer_and_the_buyers_answer(small_sandbox, open_console, qtbot):
    sandbox = small_sandbox
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    sandbox.world.buyer_message(rid, "卡密充值失败，麻烦看一下")
    window = open_console(sandbox).window
    qtbot.waitUntil(lambda: window.model.row_of_id(rid) >= 0, timeout=20_000)
    pane = window.detail.conversation
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "卡密充值失败" in pane.thread_view.toPlainText(), timeout=15_000)
    assert "Buyer" in pane.thread_view.toPlainText()
    pane.editor.setFocus()
    pane.editor.insertPlainText("您好，请提供充值失败的截图")   # an input method commits text, not key presses
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: pane.editor.toPlainText() == "")
    qtbot.waitUntil(lambda: platform_texts(sandbox, rid) == ["您好，请提供充值失败的截图"], timeout=15_000)
    sandbox.world.advance(600)   # the platform's clock is pinned in tests: let it move past when we started watching
    sandbox.world.buyer_message(rid, "截图已上传")
    qtbot.waitUntil(lambda: "截图已上传" in pane.thread_view.toPlainText(), timeout=20_000)
    # and the tray says so (the notifier watches what sync changes)
    qtbot.waitUntil(lambda: any(a.kind == "buyer_message" and a.refund_id == rid
                                for a in window.notifier.history), timeout=20_000)
    title, _body = window.notifier.describe(window.notifier.history[-1])
    assert title == "A buyer wrote to you"


def test_propose_and_ask_for_more_time_say_what_will_happen(small_sandbox, open_console, qtbot, tmp_path):
    sandbox = small_sandbox
    shot = tmp_path / "used.png"
    Image.new("RGB", (720, 1280), (250, 250, 250)).save(shot)
    first, second = sandbox.world.add_refunds(2, evidence=False)
    window = open_console(sandbox).window
    pane = window.detail.conversation
    items = {window.ui.queueList.item(i).data(QueueRole): window.ui.queueList.item(i)
             for i in range(window.ui.queueList.count())}
    window.ui.queueList.setCurrentItem(items["all"])   # a proposal takes the refund out of "Needs decision"
    select(qtbot, window, first)
    seen = []

    def fill(dialog):
        seen.append(dialog.what.text())
        dialog.amount.setText("50")
        dialog.picker.add(shot)   # the proposal's own image (shrunk, metadata stripped) goes with it
        qtbot.waitUntil(lambda: len(dialog.picker.items) == 1)

    qtbot.waitUntil(pane.propose_button.isEnabled)   # the thread and what it allows are read off the GUI thread
    accept_next_dialog(fill)
    assert pane.propose()
    assert "answer" in seen[0] and "queue" in seen[0]
    qtbot.waitUntil(lambda: sandbox.world.refund(first)["status"] == "negotiating", timeout=15_000)
    assert sandbox.world.refund(first)["negotiation"]["amount_fen"] == 5000
    qtbot.waitUntil(lambda: len([m for m in thread_of(sandbox, first) if m.sender == "merchant"]) == 1)
    [offer] = [m for m in thread_of(sandbox, first) if m.sender == "merchant"]
    assert len(offer.evidence_ids) == 1
    qtbot.waitUntil(lambda: window.detail.row["status"] == "negotiating", timeout=15_000)
    qtbot.waitUntil(lambda: "the buyer answers by" in pane.state.text())
    assert not pane.propose_button.isEnabled() and not pane.extend_button.isEnabled()
    # the sidebar counts it under 协商中, and that queue lists it
    qtbot.waitUntil(lambda: items["negotiating"].text().endswith("(1)"), timeout=15_000)
    # the v1.1 queues sit in urgency order and have their keys (Alt+1…3) beside Ctrl+1…9
    order = [window.ui.queueList.item(i).data(QueueRole) for i in range(window.ui.queueList.count())]
    assert order.index("evidence_requested") < order.index("appeals") < order.index("buyer_waiting") \
        < order.index("negotiating") < order.index("outbox") < order.index("all") == len(order) - 1
    window.show()
    window.activateWindow()   # the proposal dialog had the focus
    qtbot.waitUntil(window.isActiveWindow)
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.model.filter.queue == "negotiating")
    assert "Alt+3" in items["negotiating"].toolTip()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_of_id(first) == 0, timeout=15_000)
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.filter.queue == "all")
    window.ui.queueList.setCurrentItem(items["all"])

    select(qtbot, window, second)
    due = sandbox.world.refund(second)["due_at"]
    qtbot.waitUntil(pane.extend_button.isEnabled)
    accept_next_dialog(lambda d: seen.append(d.what.text()))
    assert pane.ask_for_time()
    assert "moves from" in seen[1]
    qtbot.waitUntil(lambda: sandbox.world.refund(second)["due_at"] != due, timeout=15_000)
    qtbot.waitUntil(lambda: "More time given: 24 h" in pane.state.text(), timeout=15_000)


def test_viewers_read_the_thread_and_cannot_write(small_sandbox, open_console, qtbot):
    sandbox = small_sandbox
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    sandbox.world.buyer_message(rid, "请尽快处理")
    window = open_console(sandbox, role="viewer").window
    pane = window.detail.conversation
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "请尽快处理" in pane.thread_view.toPlainText(), timeout=15_000)
    assert pane.viewer_note.isVisible() and not pane.editor.isVisible() and not pane.propose_button.isVisible()
    assert not pane.send() and not pane.propose()


def test_a_buyers_chat_screenshots_open_in_the_viewer_and_new_marks_clear_once_seen(sandbox_factory, open_console,
                                                                                     qtbot):
    """Images a buyer attaches to a message only (not the refund's evidence) are fetched when the thread is
    shown: a thumbnail in the thread, the evidence viewer on a click; a message that arrives while the thread is
    shown is marked 新 and the mark goes once it has been on screen a moment."""
    sandbox = sandbox_factory(refunds=4, seed=11)   # drawing images (an image-less sandbox attaches none)
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    message, _ = sandbox.world.buyer_message(rid, "这是充值失败的截图", images=1)
    assert len(message["evidence_ids"]) == 1
    window = open_console(sandbox).window
    window.show()
    qtbot.waitExposed(window)
    pane = window.detail.conversation
    pane._unmark.setInterval(300)
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "这是充值失败的截图" in pane.thread_view.toPlainText(), timeout=15_000)
    qtbot.waitUntil(lambda: len(pane.thumbs) == 1, timeout=20_000)   # fetched into the evidence cache, processed
    assert '<img src="thumb:' in pane.thread_view.toHtml()
    [image] = pane.images
    assert image["id"] == message["evidence_ids"][0] and not image["fetch_error"]
    pane._link(QUrl("image:0"))   # as a click on the thumbnail does
    viewer = window.detail.viewer
    qtbot.waitUntil(lambda: viewer is not None and viewer.isVisible())
    viewer.close()
    # a message arriving while the thread is shown: 新, then no longer once seen (no refresh needed)
    sandbox.world.advance(600)
    sandbox.world.buyer_message(rid, "麻烦尽快处理")
    qtbot.waitUntil(lambda: "麻烦尽快处理" in pane.thread_view.toPlainText(), timeout=20_000)
    assert "new" in pane.thread_view.toPlainText().split("麻烦尽快处理")[0].splitlines()[-1]
    qtbot.waitUntil(lambda: "new" not in pane.thread_view.toPlainText(), timeout=5_000)


def test_message_templates_are_the_shops_edited_in_the_template_manager(small_sandbox, open_console, qtbot):
    from merchant_console.gui.template_manager import TemplateManager

    sandbox = small_sandbox
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    window = open_console(sandbox, role="manager").window
    pane = window.detail.conversation
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: pane.templates.findText("正在核实") > 0)   # the shipped ones, from the database
    dlg = TemplateManager(window.access, lang="en", now_ms=window.now_ms, reason_labels={}, parent=window)
    qtbot.addWidget(dlg)
    settled = lambda: not window.access.busy() and not dlg.loading   # noqa: E731 - saved and listed again
    dlg.ui.actionCombo.setCurrentIndex(dlg.ui.actionCombo.findData("message"))
    qtbot.waitUntil(lambda: settled() and dlg.ui.templateList.count() >= 4)
    assert not dlg.ui.shortcutSpin.isVisibleTo(dlg) and not dlg.ui.codeCombo.isVisibleTo(dlg)
    dlg.ui.addButton.click()
    qtbot.keyClicks(dlg.ui.nameEdit, "Screenshot please")
    dlg.ui.langCombo.setCurrentIndex(dlg.ui.langCombo.findData("en"))
    dlg.ui.textEdit.setPlainText("Hello, please send a screenshot of order $orderno.")
    dlg.ui.saveButton.click()
    qtbot.waitUntil(lambda: "unknown placeholders $orderno" in dlg.ui.errorLabel.text())
    dlg.ui.textEdit.setPlainText("Hello, please send a screenshot of order $order_no.")
    dlg.ui.saveButton.click()
    qtbot.waitUntil(lambda: dlg.ui.templateList.currentItem() is not None
                    and dlg.ui.templateList.currentItem().text() == "Screenshot please · English")
    # the composer lists it at once (the save's notice says templates changed) and fills it in
    qtbot.waitUntil(lambda: pane.templates.findText("Screenshot please · English") > 0)
    pane._use_template(pane.templates.findText("Screenshot please · English"))
    assert pane.editor.toPlainText() == f"Hello, please send a screenshot of order {window.detail.row['order_no']}."


def test_the_evidence_answer_takes_its_own_images(small_sandbox, open_console, qtbot, tmp_path):
    sandbox = small_sandbox
    [rid] = sandbox.world.add_refunds(1, status="platform_review", evidence=False)
    sandbox.world.request_evidence(rid, "请提供该卡密的供货商激活记录", 24)
    shot = tmp_path / "record.png"
    Image.new("RGB", (720, 1280), (245, 245, 245)).save(shot)
    window = open_console(sandbox).window
    pane = window.detail.conversation
    items = {window.ui.queueList.item(i).data(QueueRole): window.ui.queueList.item(i)
             for i in range(window.ui.queueList.count())}
    window.ui.queueList.setCurrentItem(items["evidence_requested"])
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: bool(pane.requests) and pane.answer_button.isEnabled(), timeout=15_000)
    pane.editor.setPlainText("not the answer")   # the composer's text and images stay out of it

    def fill(dialog):
        assert "供货商激活记录" in " ".join(w.text() for w in dialog.findChildren(QLabel))
        dialog.box.setPlainText("供货商记录显示该卡密已于下单后激活，截图见附件")
        dialog.picker.add(shot)
        qtbot.waitUntil(lambda: len(dialog.picker.items) == 1)

    accept_next_dialog(fill)
    assert pane.answer_request()
    qtbot.waitUntil(lambda: any((q["answer"] or {}).get("evidence_ids")
                                for q in sandbox.world.refund(rid)["evidence_requests"]), timeout=15_000)
    [answer] = [q["answer"] for q in sandbox.world.refund(rid)["evidence_requests"] if q["answer"]]
    assert answer["text"].startswith("供货商记录") and len(answer["evidence_ids"]) == 1
    assert pane.editor.toPlainText() == "not the answer"


def test_an_open_viewer_takes_the_image_a_new_message_brings(sandbox_factory, open_console, qtbot):
    """The viewer open on a thread's screenshots while the buyer sends another: it joins the strip (the count
    says 2, the status line says it came) and the image being looked at stays. The refund's own evidence,
    which the viewer was not opened on, does not join it."""
    sandbox = sandbox_factory(refunds=4, seed=11)
    [rid] = sandbox.world.add_refunds(1)                     # with evidence of its own
    assert sandbox.world.refund(rid)["evidence"]
    first, _ = sandbox.world.buyer_message(rid, "这是充值失败的截图", images=1)
    window = open_console(sandbox).window
    window.show()
    qtbot.waitExposed(window)
    pane = window.detail.conversation
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: len(pane.thumbs) == 1, timeout=20_000)
    pane._link(QUrl("image:0"))   # as a click on the thumbnail does
    viewer = window.detail.viewer
    qtbot.waitUntil(lambda: viewer is not None and viewer.current() is not None, timeout=10_000)
    assert viewer.count() == 1 and viewer.current().row["id"] == first["evidence_ids"][0]
    window.detail.refresh()                                  # read again, nothing new: the viewer stays as it is
    qtbot.wait(300)
    assert viewer.count() == 1
    sandbox.world.advance(600)
    second, _ = sandbox.world.buyer_message(rid, "再补一张截图", images=1)
    qtbot.waitUntil(lambda: viewer.count() == 2, timeout=20_000)
    assert viewer.index() == 0 and viewer.current().row["id"] == first["evidence_ids"][0]
    assert "of 2" in viewer.windowTitle() and "1 new image arrived" in viewer.status.text()
    assert viewer.nextAction.isEnabled()
    # and it is downloaded while the thread is shown (asked for once per refund, it stayed "downloading…" until
    # the console was started again): its thumbnail in the thread, the image itself in the viewer
    qtbot.waitUntil(lambda: len(pane.thumbs) == 2, timeout=20_000)
    viewer.next()
    qtbot.waitUntil(lambda: viewer.current() is not None and viewer.current().row["id"] == second["evidence_ids"][0]
                    and viewer.current().broken is None, timeout=20_000)
    viewer.close()


def test_a_row_says_the_buyer_waits_for_a_reply_until_the_shop_answers(small_sandbox, open_console, qtbot):
    """Outside the "buyer waiting" queue, nothing on a row said its buyer had written: ✉ and how many messages
    wait since the shop last wrote, said in words in the tooltip; the mark goes once the reply is sent."""
    from merchant_console.gui.queue_model import COLUMNS
    flags = next(i for i, c in enumerate(COLUMNS) if c[0] == "flags")
    sandbox = small_sandbox
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    window = open_console(sandbox).window
    model, pane = window.model, window.detail.conversation

    def cell(role=Qt.ItemDataRole.DisplayRole):
        row = model.row_of_id(rid)
        return model.data(model.index(row, flags), role) if row >= 0 else None

    qtbot.waitUntil(lambda: model.row_of_id(rid) >= 0, timeout=20_000)
    assert "✉" not in (cell() or "")
    sandbox.world.buyer_message(rid, "卡密充值失败，麻烦看一下")
    sandbox.world.advance(60)
    sandbox.world.buyer_message(rid, "在吗？")
    qtbot.waitUntil(lambda: "✉2" in (cell() or ""), timeout=20_000)
    assert "the buyer waits for your reply: 2 messages" in cell(Qt.ItemDataRole.ToolTipRole)
    select(qtbot, window, rid)
    qtbot.waitUntil(lambda: "在吗" in pane.thread_view.toPlainText(), timeout=15_000)
    pane.editor.setFocus()
    pane.editor.insertPlainText("您好，正在为您核实卡密")
    qtbot.keyClick(pane.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: platform_texts(sandbox, rid) == ["您好，正在为您核实卡密"], timeout=15_000)
    qtbot.waitUntil(lambda: "✉" not in (cell() or ""), timeout=20_000)


def test_e_opens_the_chat_images_of_a_refund_without_evidence_and_says_when_there_are_none(
        sandbox_factory, open_console, qtbot):
    sandbox = sandbox_factory(refunds=4, seed=11)
    with_chat, bare = sandbox.world.add_refunds(2, evidence=False)
    message, _ = sandbox.world.buyer_message(with_chat, "这是充值失败的截图", images=1)
    window = open_console(sandbox).window
    window.show()
    qtbot.waitExposed(window)
    pane = window.detail.conversation
    select(qtbot, window, bare)
    qtbot.waitUntil(lambda: not pane.thread_view.toPlainText() or pane.row["id"] == bare)
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_E)
    assert window.detail.viewer is None
    assert "no images" in window.ui.statusbar.currentMessage()
    select(qtbot, window, with_chat)
    qtbot.waitUntil(lambda: len(pane.images) == 1, timeout=20_000)
    window.ui.refundTable.setFocus()
    qtbot.keyClick(window.ui.refundTable, Qt.Key.Key_E)
    viewer = window.detail.viewer
    qtbot.waitUntil(lambda: viewer is not None and viewer.current() is not None, timeout=10_000)
    assert viewer.current().row["id"] == message["evidence_ids"][0]
    viewer.close()
