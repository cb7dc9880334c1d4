import json

import pytest
from merchant_console.resources import TEMPLATES

from merchant_console.core.batch import plan_batch
from merchant_console.core.policy import Policy
from merchant_console.store import templates


def test_defaults_install_once_in_chinese(db):
    with db.write() as conn:
        n = templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 0)
        assert n >= 9 and templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 0) == 0
        zh = templates.list_templates(conn, "reject", "zh")
        assert {t["reason_code"] for t in zh} >= {"card_already_used", "insufficient_evidence"}
        every = templates.list_templates(conn)
        assert {t["lang"] for t in every} == {"zh"}   # buyers read Chinese, whatever the UI speaks
        # the message templates come with them (a database older than them gets them from migration 0014)
        assert {t["action"] for t in every} == {"approve", "partial", "reject", "message"}
        for t in every:   # Chinese punctuation in Chinese text; money placeholders bring their own ¥
            assert "," not in t["text"] and "元" not in t["text"].replace("$product", ""), t["text"]


def test_an_unedited_earlier_default_takes_the_new_text_and_an_edited_one_is_kept(db):
    with db.write() as conn:
        old = templates.save(conn, {"action": "approve", "name": "同意全额退款",
                                    "text": "已核实订单$order_no,同意退款$amount元,款项将原路退回。"}, 1)
        mine = templates.save(conn, {"action": "approve", "name": "未发货全额退款", "text": "我自己写的$amount"}, 1)
        assert templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 2) == 0
        texts = {t["id"]: t["text"] for t in templates.list_templates(conn)}
        assert texts[old] == "已核实订单$order_no，同意退款$amount，款项将原路退回。"
        assert texts[mine] == "我自己写的$amount"


def test_buyers_language_comes_first_whatever_was_added_first(db):
    with db.write() as conn:
        templates.save(conn, {"action": "reject", "name": "EN", "lang": "en", "text": "Sorry"}, 1)
        templates.save(conn, {"action": "reject", "name": "中", "text": "抱歉"}, 1)
        assert [t["name"] for t in templates.list_templates(conn, "reject")] == ["中", "EN"]


def test_save_move_delete_export_import_round_trip(db, tmp_path):
    with db.write() as conn:
        a = templates.save(conn, {"action": "reject", "name": "A", "text": "订单$order_no", "reason_code": "other"}, 1)
        b = templates.save(conn, {"action": "reject", "name": "B", "text": "卡密$used", "shortcut": 2}, 1)
        templates.move(conn, b, -1)
        assert [t["name"] for t in templates.list_templates(conn, "reject")] == ["B", "A"]
        exported = templates.export_json(conn)
        templates.remove(conn, a)
        templates.remove(conn, b)
        assert templates.import_json(conn, exported, 2) == 2
        assert templates.import_json(conn, exported, 3) == 0    # no duplicates on re-import
    assert json.loads(exported)["templates"][0]["name"] == "B"


@pytest.mark.parametrize("bad,why", [
    ('{"templates": [{"action": "reject", "name": "x", "text": "{0.__class__} $secret"}]}', "unknown placeholder"),
    ('{"templates": [{"action": "delete_all", "name": "x", "text": "y"}]}', "unknown action"),
    ('{"templates": [{"action": "reject", "name": "x", "text": "y", "reason_code": "partial_used_value"}]}',
     "does not apply"),
    ('{"templates": [{"action": "reject", "name": "x", "text": "y", "shortcut": 12}]}', "1 to 9"),
    ("not json at all", "invalid JSON"),
    ('{"templates": "x"}', "not a template file"),
    ('[1, 2]', "not a template file"),
])
def test_hostile_imports_are_refused_whole(db, bad, why):
    with db.write() as conn:
        before = templates.list_templates(conn)
        with pytest.raises(templates.TemplateError, match=why):
            templates.import_json(conn, bad, 0)
        assert templates.list_templates(conn) == before


def test_batch_plan_skips_and_caps():
    p = Policy.defaults()
    rows = [{"id": str(i), "status": "awaiting_merchant", "requested_fen": 100_000, "fast_refund": False,
             "auto_approve_at": None, "local_state": None} for i in range(7)]
    rows[0]["status"] = "refunded"
    rows[1]["local_state"] = "queued"
    rows[2].update(fast_refund=True, auto_approve_at=5)
    plan = plan_batch(rows, "approve", p, now_ms=10)
    assert [r["id"] for r in plan.eligible] == ["3", "4", "5", "6"]
    assert [why for _, why in plan.skipped] == ["not_awaiting", "queued", "auto_approved"]
    assert plan.total_fen == 400_000 and plan.cap_problem is None
    rows.append(dict(rows[3], id="7", requested_fen=300_000))
    assert "6000.00" in plan_batch(rows, "approve", p, 10).cap_problem


def test_message_templates_are_edited_like_the_decisions(db):
    """The composer's templates: shipped once, each in its own language, checked when saved."""
    with db.write() as conn:
        templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 0)
        shipped = templates.list_templates(conn, templates.MESSAGE)
        assert {t["name"] for t in shipped} >= {"询问充值信息", "正在核实", "说明剩余价值", "补发说明"}
        assert all(t["reason_code"] is None and t["shortcut"] is None for t in shipped)
        mine = templates.save(conn, {"action": "message", "name": "Ask for a screenshot", "lang": "en",
                                     "text": "Hello, could you send a screenshot of order $order_no?",
                                     "shortcut": 3}, 1)
        saved = {t["id"]: t for t in templates.list_templates(conn, "message")}[mine]
        assert saved["shortcut"] is None and saved["lang"] == "en"
        with pytest.raises(templates.TemplateError, match=r"unknown placeholder: \$ordr") as e:
            templates.save(conn, {"action": "message", "name": "typo", "text": "订单$ordr已核实"}, 1)
        assert e.value.code == "unknown_placeholders"
        templates.move(conn, shipped[-1]["id"], -1)
        names = [t["name"] for t in templates.list_templates(conn, "message", "zh")]
        assert names.index(shipped[-1]["name"]) == len(shipped) - 2
        for t in shipped:   # deleted, they stay deleted (installed once, not at every start)
            templates.remove(conn, t["id"])
        templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 2)
        assert [t["name"] for t in templates.list_templates(conn, "message")] == ["Ask for a screenshot"]


def test_migration_0014_gives_an_older_database_the_message_templates(tmp_path):
    from merchant_console.store.engine import Database
    d = Database(tmp_path / "old.db")
    try:
        with d.write() as conn:
            templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", 0)
            conn.exec_driver_sql("DELETE FROM reason_templates WHERE action = 'message'")
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0013'")
        d.migrate_step_by_step()
        with d.read() as conn:
            assert len(templates.list_templates(conn, "message", "zh")) == 4
    finally:
        d.close()
