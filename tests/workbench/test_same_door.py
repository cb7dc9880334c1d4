"""The desktop console and the command line decide through the same workbench function, and so record
the same decision, outbox row and audit entry; the GUI shows the workbench's refusal of a stale refund."""

from __future__ import annotations

import json

import pytest

from merchant_console import cli, workbench
from merchant_console.gui.decision_panel import DecisionPanel
from merchant_console.store import refunds
from merchant_console.store.engine import Database
from merchant_console.store.location import Profile, Profiles, data_dir
from tests.factories import refund_doc
from tests.workbench.conftest import put, rows, synced


@pytest.fixture
def profile_db():
    """The active profile's database, as `merchant-console decide` opens it."""
    root = data_dir(None)
    profile = Profile("p", "https://platform.example", "m", "店", "s_7", "小王", "operator")
    Profiles(root).add(profile)
    db = Database(Profiles(root).folder("p") / "console.db")
    synced(db)
    put(db, refund_doc(1), refund_doc(2))
    yield db
    db.close()


@pytest.fixture
def calls(monkeypatch):
    """Every call of workbench.decide, by whichever door."""
    seen: list[tuple] = []
    real = workbench.decide

    def spy(db, refund_id, draft, **kw):
        seen.append((refund_id, draft, kw.get("seen_version")))
        return real(db, refund_id, draft, **kw)

    monkeypatch.setattr(workbench, "decide", spy)
    return seen


@pytest.fixture
def access(profile_db, db_access):
    """The GUI's way to the database: its decisions are saved by the writer thread."""
    return db_access(profile_db)


def panel_on(qtbot, access, refund_id) -> DecisionPanel:
    db = access.db
    panel = DecisionPanel(access)
    qtbot.addWidget(panel)
    panel.configure(policy=None, role="operator", staff_id="s_7", staff_name="小王", lang="en", reason_labels={},
                    now_ms=lambda: 1_000)
    with db.read() as conn:
        panel.set_refund(refunds.get_refund(conn, refund_id), [])
    qtbot.waitUntil(lambda: panel.templates is not None)   # read through the reader when the panel is made
    return panel


def gui_reject(qtbot, access, refund_id) -> DecisionPanel:
    panel = panel_on(qtbot, access, refund_id)
    panel.begin("reject")
    panel.ui.reasonCodeCombo.setCurrentIndex(panel.ui.reasonCodeCombo.findData("card_already_used"))
    panel.ui.reasonEdit.setPlainText("卡密已被使用")
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: not access.busy())
    return panel


def recorded(db, refund_id) -> tuple:
    """What was recorded for a refund, without what differs by nature (ids, keys, times)."""
    [d] = [r for r in rows(db, "decisions") if r["refund_id"] == refund_id]
    [o] = [r for r in rows(db, "outbox") if r["refund_id"] == refund_id]
    [a] = [r for r in rows(db, "audit_log") if r["refund_id"] == refund_id]
    payload = {k: v for k, v in json.loads(a["payload"]).items() if k not in ("decision_id", "idempotency_key")}
    decision = {k: d[k] for k in ("action", "amount_fen", "reason_code", "reason_text", "staff_id", "staff_name",
                                  "base_version", "state")}
    return decision, (o["kind"], o["if_match"], json.loads(o["body"]), o["state"]), (a["kind"], a["actor"], payload)


def test_the_gui_and_the_command_line_record_the_same_decision(qtbot, profile_db, access, calls, capsys):
    one, two = refund_doc(1)["id"], refund_doc(2)["id"]
    gui_reject(qtbot, access, one)
    assert cli.main(["decide", two, "reject", "--reason-code", "card_already_used", "--reason", "卡密已被使用"]) == 0
    assert "saved" in capsys.readouterr().out
    assert [c[0] for c in calls] == [one, two]                 # both doors, the one function
    assert calls[0][2] == 1 and calls[1][2] is None           # the GUI names the version it showed
    assert recorded(profile_db, one) == recorded(profile_db, two)
    assert len(rows(profile_db, "outbox")) == 2


def test_both_doors_refuse_alike(qtbot, profile_db, access, calls, capsys):
    rid = refund_doc(1)["id"]
    put(profile_db, refund_doc(1, version=2, status="refunding"))      # decided elsewhere meanwhile
    assert cli.main(["decide", rid, "approve"]) == 1
    assert "no longer waiting" in capsys.readouterr().err
    panel = panel_on(qtbot, access, refund_doc(2)["id"])
    put(profile_db, refund_doc(2, version=2, status="refunding"))
    panel.begin("approve")
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: not access.busy())
    assert "no longer waiting" in panel.ui.errorLabel.text()
    assert len(calls) == 2 and rows(profile_db, "outbox") == []


def test_the_gui_shows_why_a_refund_that_changed_under_it_is_not_decided(qtbot, profile_db, access):
    rid = refund_doc(1)["id"]
    panel = panel_on(qtbot, access, rid)
    panel.begin("approve")
    put(profile_db, refund_doc(1, version=2, requested_fen=5000))     # a sync lands before the click
    panel.ui.submitButton.click()
    qtbot.waitUntil(lambda: not access.busy())
    assert "changed while you were looking at it" in panel.ui.errorLabel.text()
    assert not panel.ui.editor.isHidden() and rows(profile_db, "outbox") == []   # still open: look again
