"""Buyer-facing text: a template's own language (not the UI's), ¥ amounts, and the partial suggestion shown."""

from __future__ import annotations

import pytest
from merchant_console.resources import TEMPLATES
from PySide6.QtCore import Qt

from merchant_console.core.refund import parse_refund
from merchant_console.gui.decision_panel import DecisionPanel
from merchant_console.gui.template_manager import TemplateManager
from merchant_console.store import refunds, templates
from merchant_console.store.engine import Database
from tests.factories import refund_doc


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    with d.write() as conn:
        templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 0)
    yield d
    d.close()


@pytest.fixture
def access(db, db_access):
    return db_access(db)


def panel_for(qtbot, access, lang: str, **doc) -> DecisionPanel:
    with access.db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(refund_doc(1, **doc))])
        row = refunds.get_refund(conn, "r_20261121000001")
    panel = DecisionPanel(access)
    qtbot.addWidget(panel)
    panel.configure(policy=None, role="operator", staff_id="s_7", staff_name="小王", lang=lang, reason_labels={},
                    now_ms=lambda: 0)
    panel.set_refund(row, [])
    qtbot.waitUntil(lambda: panel.templates is not None)   # read through the reader when the panel is made
    return panel


@pytest.mark.parametrize("ui_lang", ["en", "zh_CN"])
def test_buyers_get_chinese_with_yuan_whatever_the_ui_speaks(qtbot, access, ui_lang):
    panel = panel_for(qtbot, access, ui_lang)
    panel.begin("approve")
    text = panel.ui.reasonEdit.toPlainText()
    assert text == "已核实订单KM20261121093015001，同意退款¥98.50，款项将原路退回。"


def test_an_english_template_is_offered_after_the_chinese_ones_and_named_so(qtbot, db, access):
    with db.write() as conn:
        templates.save(conn, {"action": "approve", "name": "Full refund", "lang": "en",
                              "text": "Refund of $amount approved."}, 1)
    panel = panel_for(qtbot, access, "zh_CN")
    panel.begin("approve")
    labels = [panel.ui.templateList.item(i).text() for i in range(panel.ui.templateList.count())]
    assert labels[-1].endswith("Full refund (English)") and not labels[0].endswith(")")
    panel._use_template(panel.ui.templateList.item(len(labels) - 1))
    assert panel.ui.reasonEdit.toPlainText() == "Refund of ¥98.50 approved."


def test_partial_of_an_unused_card_suggests_the_request_and_says_how(qtbot, access):
    panel = panel_for(qtbot, access, "en", requested_fen=5000)
    panel.begin("partial")
    assert panel.ui.amountEdit.text() == "50.00"          # not paid − ¥0.01 (98.49)
    assert "Nothing has been used" in panel.suggestionLabel.text()
    assert "¥50.00" in panel.suggestionLabel.text() and panel.suggestionLabel.isVisibleTo(panel)


def test_partial_of_a_used_card_never_exceeds_the_request(qtbot, access):
    panel = panel_for(qtbot, access, "en", card={"status": "partially_used", "used_fen": 3000}, requested_fen=6000)
    panel.begin("partial")
    assert panel.ui.amountEdit.text() == "60.00"          # ¥68.95 of unused value, but the buyer asked for ¥60
    note = panel.suggestionLabel.text()
    assert "¥68.95" in note and "¥60.00" in note and "asked for less" in note


def test_partial_of_the_whole_paid_price_says_to_approve_instead(qtbot, access):
    panel = panel_for(qtbot, access, "en")
    panel.begin("partial")
    assert panel.ui.amountEdit.text() == "98.50"
    assert "approve in full" in panel.suggestionLabel.text()


def test_the_manager_shows_and_edits_a_templates_language(qtbot, db, access):
    m = TemplateManager(access, lang="en", now_ms=lambda: 5, reason_labels={})
    qtbot.addWidget(m)
    qtbot.waitUntil(lambda: not m.loading)
    assert m.ui.langCombo.currentData() == "zh"            # defaults are Chinese, in an English UI too
    assert m.ui.templateList.item(0).text().endswith("中文")
    m.ui.addButton.click()
    assert m.ui.langCombo.currentData() == "zh"            # a new template starts in the buyers' language
    m.ui.nameEdit.setText("Full refund")
    m.ui.textEdit.setPlainText("Refund of $amount approved.")
    m.ui.langCombo.setCurrentIndex(m.ui.langCombo.findData("en"))
    m._save()
    qtbot.waitUntil(lambda: not access.busy() and not m.loading)   # saved, then listed again
    with db.read() as conn:
        saved = [t for t in templates.list_templates(conn, "approve") if t["name"] == "Full refund"]
    assert saved and saved[0]["lang"] == "en"
    assert m.ui.templateList.currentItem().text() == "Full refund · English"
    assert "¥98.50" in m.ui.previewLabel.text()


def test_the_manager_says_why_not_saved_in_the_ui_language(qtbot, access, qapp):
    from merchant_console.gui.i18n import install_translators
    install_translators(qapp, "zh_CN")
    try:
        m = TemplateManager(access, lang="zh_CN", now_ms=lambda: 5, reason_labels={})
        qtbot.addWidget(m)
        qtbot.waitUntil(lambda: not m.loading)
        m.ui.addButton.click()
        m.ui.nameEdit.setText("新模板")
        m.ui.textEdit.setPlainText("退款$amont")
        m._save()
        qtbot.waitUntil(lambda: bool(m.ui.errorLabel.text()))
        said = m.ui.errorLabel.text()
        assert "$amont" in said and "unknown" not in said and "未知" in said, said
        m.ui.textEdit.setPlainText("   ")
        m.ui.errorLabel.clear()
        m._save()
        qtbot.waitUntil(lambda: bool(m.ui.errorLabel.text()))
        assert "template" not in m.ui.errorLabel.text()
    finally:
        install_translators(qapp, "en")


def test_a_new_partial_amount_refills_the_templates_text_until_it_is_edited(qtbot, access):
    panel = panel_for(qtbot, access, "en", card={"status": "partially_used", "used_fen": 3000}, requested_fen=6000)
    panel.begin("partial")
    panel.use_template_number(1)
    assert panel.ui.reasonEdit.toPlainText() == "卡内已使用¥30.00，按剩余价值退款¥60.00。"
    panel.ui.amountEdit.setFocus()
    panel.ui.amountEdit.selectAll()
    qtbot.keyClicks(panel.ui.amountEdit, "55")
    assert panel.ui.reasonEdit.toPlainText() == "卡内已使用¥30.00，按剩余价值退款¥55.00。"   # not ¥60 in the text
    panel.ui.reasonEdit.setPlainText("我自己写的说明")
    qtbot.keyClicks(panel.ui.amountEdit, "0")
    assert panel.ui.reasonEdit.toPlainText() == "我自己写的说明"                       # edited by hand: kept


def test_partial_keys_go_where_they_mean_something(qtbot, access):
    """P with the amount worked out from the card's use: the keys go to the templates (1–9 as after A and R),
    not into the amount ("5.76" + "1" was "5.761"). With an amount to type, they go to the amount, replacing
    what is there, and only money is taken (a letter meant as a key is not)."""
    panel = panel_for(qtbot, access, "en", card={"status": "partially_used", "used_fen": 3000}, requested_fen=6000)
    panel.begin("partial")
    assert panel.focusWidget() is panel.ui.templateList
    qtbot.keyClick(panel.ui.templateList, Qt.Key.Key_1)
    assert panel.ui.amountEdit.text() == "60.00" and "按剩余价值退款¥60.00" in panel.ui.reasonEdit.toPlainText()

    whole = panel_for(qtbot, access, "en", version=2)      # the suggestion is the whole price: type another
    whole.begin("partial")
    edit = whole.ui.amountEdit
    assert whole.focusWidget() is edit and edit.selectedText() == "98.50"
    qtbot.keyClicks(edit, "7a")
    qtbot.keyClick(edit, Qt.Key.Key_R)
    qtbot.keyClicks(edit, ".505")
    assert edit.text() == "7.50"


def test_approving_less_than_was_paid_is_not_called_a_full_refund(qtbot, access):
    panel = panel_for(qtbot, access, "en", requested_fen=8616)
    panel.begin("approve")
    assert panel.ui.editorTitle.text() == "Approve the refund the buyer asked for, ¥86.16 (of ¥98.50 paid)"
    whole = panel_for(qtbot, access, "en", version=2)
    whole.begin("approve")
    assert whole.ui.editorTitle.text() == "Approve the full refund of ¥98.50"


def test_a_template_that_needs_the_cards_use_says_so_when_it_is_not_known(qtbot, access):
    """Card use unknown: template 1 ("卡内已使用$used…") keeps $used rather than telling the buyer ¥0.00 was used,
    and a refused Save says what to write in."""
    panel = panel_for(qtbot, access, "en", card={"status": "unknown"})
    panel.begin("partial")
    panel.ui.amountEdit.setText("30")
    panel.use_template_number(1)
    assert "$used" in panel.ui.reasonEdit.toPlainText() and "¥0.00" not in panel.ui.reasonEdit.toPlainText()
    # what the workbench's refusal (core.policy.validate_decision: tests/core/test_templates.py) is told as
    said = panel._explain({"reason_text": "the text still holds $used"})
    assert "$used" in said and "Write it in" in said
