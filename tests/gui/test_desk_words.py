"""Words at the desk: plurals, human durations, people's names, plain labels, Chinese punctuation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from merchant_console.resources import TRANSLATIONS

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.refund import parse_refund
from merchant_console.gui.detail_pane import DetailPane
from merchant_console.gui.i18n import install_translators
from merchant_console.gui.reports_audit_trail import AuditTrailWidget
from merchant_console.gui.settings import Settings
from merchant_console.gui.settings_dialog import SettingsDialog
from merchant_console.store import audit, outbox, refunds, state
from merchant_console.store.engine import Database
from tests.factories import T0, refund_doc


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "c.db")
    yield d
    d.close()


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def late_refund(n=1, **extra):
    """Asked 4096 min (2 d 20 h) after delivery; 1 refund on 1 order in 90 days; one image."""
    doc = refund_doc(n, **extra)
    doc["delivered_at"] = format_rfc3339(T0 - n * 60_000 - 4096 * 60_000)
    doc["buyer"] = {"id": "b_1", "nickname": "夜行的猫", "refunds_90d": 1, "orders_90d": 1}
    return doc


def pane_on(qtbot, access, lang: str) -> DetailPane:
    from merchant_console.store.evidence_cache import EvidenceCache
    db = access.db
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(late_refund())])
    pane = DetailPane(access)
    qtbot.addWidget(pane)
    pane.configure(lang=lang, policy=None, now_ms=lambda: T0, cache=EvidenceCache(db.path.parent / "ev", db))
    pane.show_refund("r_20261121000001")
    qtbot.waitUntil(lambda: pane.row is not None)   # read off the GUI thread, then shown
    return pane


def pane_text(pane: DetailPane) -> str:
    from PySide6.QtWidgets import QLabel
    return "\n".join(label.text() for label in pane.findChildren(QLabel))


def test_detail_pane_counts_and_durations_in_english(qtbot, db, db_access):
    text = pane_text(pane_on(qtbot, db_access(db), "en"))
    assert "asked 2 d 20 h after delivery" in text and "4096" not in text
    assert "1 refund / 1 order in 90 days" in text and "1 refunds" not in text
    assert "1 image: Screenshot" in text and "image(s)" not in text


def test_detail_pane_in_chinese(qtbot, db, chinese, db_access):
    text = pane_text(pane_on(qtbot, db_access(db), "zh_CN"))
    assert "2天20小时" in text and "4096" not in text
    assert "未收到货：充值后提示卡密无效" in text and "1张图片：截图" in text


def test_audit_trail_names_people_and_counts_properly(qtbot, db, db_access):
    rid = "r_20261121000001"
    with db.write() as conn:
        doc = late_refund()
        refunds.upsert_refunds(conn, [parse_refund(doc)])
        state.save_state(conn, role="manager", staff_id="s_2", staff_name="李店长")
    trail = AuditTrailWidget(db_access(db))
    qtbot.addWidget(trail)
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund(rid)
    assert "0 entries" not in trail.chain_label.text() and "empty" in trail.chain_label.text()
    with db.write() as conn:
        row = refunds.get_refund(conn, rid)
        from merchant_console.core.policy import DecisionDraft
        outbox.record_decision(conn, row, DecisionDraft("approve"), staff_id="s_7", staff_name="小王", now_ms=T0)
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund(rid)
    assert trail.chain_label.text() == "Audit log intact (1 entry checked)."
    assert trail.tree.topLevelItem(0).text(2) == "小王" and trail.tree.topLevelItem(0).toolTip(2) == "s_7"
    with db.write() as conn:
        audit.append(conn, kind="decision_done", actor="sync", refund_id=rid, at_ms=T0 + 1, payload={})
        audit.append(conn, kind="statement", actor="s_2", refund_id=rid, at_ms=T0 + 2, payload={})
    with qtbot.waitSignal(trail.trailShown, timeout=10_000):
        trail.show_refund(rid)
    whos = [trail.tree.topLevelItem(i).text(2) for i in range(trail.tree.topLevelItemCount())]
    assert whos == ["小王", "Console (upload)", "李店长"]
    assert "approve" in trail.tree.topLevelItem(0).text(3)


def test_settings_say_what_the_sync_wait_does_in_plain_words(qtbot):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    label = dialog.ui.syncLabel.text()
    assert "poll" not in label.lower() and "Long" not in label
    assert dialog.ui.syncSpin.suffix().strip() == "s" and dialog.ui.syncSpin.toolTip()


CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("area", ["console", "evidence", "reports", "words"])
def test_chinese_translations_use_chinese_punctuation(area):
    """No ASCII , : ; ( ) ? ! inside Chinese text (keyboard accelerators "(&A)", file filters "(*.png)",
    times, numbers and {placeholders} keep theirs)."""
    bad = []
    for msg in ET.parse(TRANSLATIONS / f"{area}_zh_CN.ts").getroot().iter("message"):
        text = msg.findtext("translation") or ""
        if not CJK.search(text):
            continue
        bare = re.sub(r"\{[^}]*\}|\(&\w\)|\(\*[^)]*\)|\d[:,]\d|https?://", "", text)
        if re.search(r"[,:;()?!]", bare):
            bad.append(text)
    assert bad == []


def test_the_app_name_is_in_the_title_once(sandbox, open_console):
    """Qt appends the application's display name to every window title (" — Merchant Console"); the
    window's own title must not say it again."""
    window = open_console(sandbox).window
    title = window.windowTitle()
    assert title and "Merchant Console" not in title and "商家退款工作台" not in title


def test_detail_pane_risks_name_images_and_orders_not_ids(qtbot, db, db_access):
    from merchant_console.store.evidence_cache import EvidenceCache
    doc = late_refund()
    other = refund_doc(2)
    other["evidence"][0]["sha256"] = doc["evidence"][0]["sha256"]      # the very same file in another refund
    with db.write() as conn:
        refunds.upsert_refunds(conn, [parse_refund(doc), parse_refund(other)])
    pane = DetailPane(db_access(db))
    qtbot.addWidget(pane)
    pane.configure(lang="en", policy=None, now_ms=lambda: T0, cache=EvidenceCache(db.path.parent / "ev", db))
    pane.show_refund(doc["id"])
    qtbot.waitUntil(lambda: pane.row is not None)
    text = pane.risks.text()
    assert "Image 1 is the very same file as image 1 of order KM20261121093015002" in text, text
    assert "2 d 20 h after delivery" in text
    assert "e_1_1" not in text and ">r_2" not in text and "4096" not in text
