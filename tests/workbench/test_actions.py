"""Every action's rules against a real local store: what is recorded, exactly once, and what is refused."""

from __future__ import annotations

import json

from merchant_console import workbench
from merchant_console.core.clock import format_rfc3339
from merchant_console.core.policy import DecisionDraft, Policy
from merchant_console.store import risk
from tests.factories import HOUR, refund_doc
from tests.workbench.conftest import NOW, RID, put, rows, synced


def test_a_decision_is_recorded_once_with_its_outbox_row_key_and_audit_entry(db):
    result = workbench.decide(db, RID, DecisionDraft("approve"), seen_version=1, now_ms=NOW)
    assert result.ok and result.refund_ids == {RID}
    [decision], [item], [entry] = rows(db, "decisions"), rows(db, "outbox"), rows(db, "audit_log")
    assert decision["id"] == result.value and decision["staff_id"] == "s_7" and decision["staff_name"] == "小王"
    assert decision["base_version"] == 1 and decision["created_at"] == NOW
    assert item["decision_id"] == result.value and item["if_match"] == 1 and item["state"] == "pending"
    assert len(item["idempotency_key"]) == 36
    payload = json.loads(entry["payload"])
    assert entry["actor"] == "s_7" and payload["idempotency_key"] == item["idempotency_key"]
    again = workbench.decide(db, RID, DecisionDraft("approve"), seen_version=1, now_ms=NOW)
    assert not again.ok and again.code == "queued"
    assert len(rows(db, "outbox")) == 1 and len(rows(db, "decisions")) == 1 and len(rows(db, "audit_log")) == 1


def test_a_stale_version_is_refused_and_nothing_is_written(db):
    put(db, refund_doc(1, version=2, requested_fen=5000))   # the buyer lowered the request meanwhile
    result = workbench.decide(db, RID, DecisionDraft("approve"), seen_version=1, now_ms=NOW)
    assert not result.ok and result.code == "changed" and dict(result.facts) == {"seen": 1, "now": 2}
    assert "changed since you saw it" in result.message
    assert rows(db, "outbox") == [] and rows(db, "decisions") == [] and rows(db, "audit_log") == []
    assert workbench.decide(db, RID, DecisionDraft("approve"), seen_version=2, now_ms=NOW).ok


def test_a_refund_no_longer_awaiting_the_merchant_is_refused(db):
    put(db, refund_doc(1, version=2, status="refunding"))
    for seen in (1, 2, None):   # whatever version the person saw: it is not theirs to decide now
        result = workbench.decide(db, RID, DecisionDraft("approve"), seen_version=seen, now_ms=NOW)
        assert not result.ok and result.code == "not_awaiting"
    assert rows(db, "outbox") == []


def test_the_policy_and_the_current_amounts_decide_what_is_valid(db):
    partial = workbench.decide(db, RID, DecisionDraft("partial", 9850, "partial_used_value", "按剩余价值退款"),
                               now_ms=NOW)
    assert not partial.ok and partial.code == "invalid" and "amount_fen" in partial.fields
    missing = workbench.decide(db, RID, DecisionDraft("reject"), now_ms=NOW)
    assert not missing.ok and set(missing.fields) == {"reason_code", "reason_text"}
    synced(db, policy=Policy(reason_max_chars=4))            # the platform's numbers, from /me
    long = workbench.decide(db, RID, DecisionDraft("reject", None, "card_already_used", "卡密已被使用过了"), now_ms=NOW)
    assert not long.ok and "at most 4" in long.fields["reason_text"]
    assert rows(db, "outbox") == []
    assert workbench.decide(db, RID, DecisionDraft("partial", 3000, "partial_used_value", "按剩余"), now_ms=NOW).ok


def test_who_may_decide_and_what_must_exist(db, tmp_path):
    assert workbench.decide(db, "r_nope", DecisionDraft("approve"), now_ms=NOW).code == "unknown_refund"
    synced(db, role="viewer")
    refused = workbench.decide(db, RID, DecisionDraft("approve"), now_ms=NOW)
    assert refused.code == "role" and "viewer" in refused.message
    from merchant_console.store.engine import Database
    fresh = Database(tmp_path / "never.db")
    try:
        assert workbench.decide(fresh, RID, DecisionDraft("approve"), now_ms=NOW).code == "never_synced"
    finally:
        fresh.close()
    assert rows(db, "outbox") == []


def test_a_batch_decides_each_refund_as_the_list_showed_it(db):
    put(db, refund_doc(2, version=3), refund_doc(3, version=2, status="refunded"))
    ids = [refund_doc(n)["id"] for n in (1, 2, 3)]
    template = {"text": "订单$order_no已核实，不予退款", "reason_code": "card_already_used"}
    result = workbench.decide_batch(db, "reject", [(ids[0], 1), (ids[1], 1), (ids[2], 1)], template=template,
                                    now_ms=NOW)
    assert result.ok
    assert [rid for rid, _ in result.value.decided] == [ids[0]]
    assert {rid: why.code for rid, why in result.value.refused} == {ids[1]: "changed", ids[2]: "not_awaiting"}
    [item] = rows(db, "outbox")
    assert item["refund_id"] == ids[0]
    assert json.loads(item["body"])["reason_text"] == "订单KM20261121093015001已核实，不予退款"   # its current row


def test_a_batch_over_the_platforms_caps_is_refused_whole(db):
    synced(db, policy=Policy(batch_max_count=2))
    items = [(refund_doc(n)["id"], 1) for n in (1, 2, 3)]
    result = workbench.decide_batch(db, "approve", items, now_ms=NOW)
    assert not result.ok and result.code == "batch_caps" and "at most 2" in result.message
    assert rows(db, "outbox") == []


def appealed(n: int = 9, **appeal) -> dict:
    a = {"submitted_at": format_rfc3339(NOW - HOUR), "reason": "卡密无效", "evidence": [],
         "statement_due_at": format_rfc3339(NOW + 48 * HOUR), "statement": None, **appeal}
    return refund_doc(n, status="appealed", appeal=a)


def test_one_statement_per_appeal_within_the_policy_and_the_deadline(db):
    put(db, appealed(9), appealed(10, statement_due_at=format_rfc3339(NOW - 1)))
    rid, late = appealed(9)["id"], appealed(10)["id"]
    short = workbench.write_statement(db, rid, " x ", seen_version=1, now_ms=NOW)
    assert short.code == "invalid" and dict(short.facts) == {"min": 2, "max": 200}
    done = workbench.write_statement(db, rid, "卡密于发货后 3 分钟被激活", seen_version=1, now_ms=NOW)
    assert done.ok and done.refund_ids == {rid}
    assert workbench.write_statement(db, rid, "再说一次", seen_version=1, now_ms=NOW).code == "already_written"
    assert workbench.write_statement(db, late, "来不及了吗", now_ms=NOW).code == "past_due"
    assert workbench.write_statement(db, RID, "不是申诉", now_ms=NOW).code == "no_open_appeal"
    [item] = rows(db, "outbox")
    assert item["kind"] == "statement" and json.loads(item["body"])["text"] == "卡密于发货后 3 分钟被激活"
    assert [json.loads(e["payload"])["idempotency_key"] for e in rows(db, "audit_log")] == [item["idempotency_key"]]


def test_a_stale_statement_is_refused(db):
    put(db, appealed(9))
    put(db, dict(appealed(9), version=2))
    assert workbench.write_statement(db, appealed(9)["id"], "补充说明", seen_version=1, now_ms=NOW).code == "changed"
    assert rows(db, "outbox") == []


def test_flag_and_clear_an_image(db):
    assert workbench.flag_image(db, RID, "e_1_1", "  ", staff_id="s_7", staff_name="小王").code == "invalid"
    assert workbench.flag_image(db, RID, "e_nope", "P过", staff_id="s_7", staff_name="小王").code == \
        "unknown_evidence"
    flagged = workbench.flag_image(db, RID, "e_1_1", " 像是P过的 ", staff_id="s_7", staff_name="小王", now_ms=5)
    assert flagged.ok and flagged.refund_ids == {RID}
    with db.read() as conn:
        [f] = risk.flags_for(conn, [RID])[RID]
    assert (f.id, f.note, f.sha256, f.staff_name) == (flagged.value, "像是P过的", f"{1:064x}", "小王")
    assert workbench.clear_flag(db, flagged.value, now_ms=6).ok
    assert workbench.clear_flag(db, flagged.value).code == "unknown_evidence"   # cleared already
    with db.read() as conn:
        assert risk.flags_for(conn, [RID]) == {}


def test_template_edits(db):
    bad = workbench.save_template(db, {"action": "reject", "name": "x", "text": "$secret"})
    assert bad.code == "invalid" and bad.facts["problem"] == "unknown_placeholders"
    made = workbench.save_template(db, {"action": "reject", "name": "用过", "text": "订单$order_no的卡密已使用",
                                        "reason_code": "card_already_used"}, now_ms=1)
    other = workbench.save_template(db, {"action": "reject", "name": "别的", "text": "不予退款"}, now_ms=1)
    assert made.ok and other.ok
    assert workbench.save_template(db, {"action": "reject", "name": "用过了", "text": "已使用"},
                                   template_id=made.value).value == made.value
    assert workbench.move_template(db, other.value, -1).ok
    assert [t["name"] for t in rows(db, "reason_templates")] == ["用过了", "别的"]
    with db.read() as conn:
        from merchant_console.store import templates
        assert [t["name"] for t in templates.list_templates(conn, "reject")] == ["别的", "用过了"]
    assert workbench.delete_template(db, made.value).ok
    assert workbench.import_templates(db, "{not json").code == "invalid"
    assert workbench.import_templates(db, json.dumps({"templates": [
        {"action": "approve", "name": "全额", "text": "同意退款$amount"}]})).value == 1
    assert sorted(t["name"] for t in rows(db, "reason_templates")) == ["全额", "别的"]


def _outbox_queue(db) -> tuple[list[str], int]:
    from merchant_console.store.queue import QueueFilter, queue_overview, queue_rowids
    with db.read() as conn:
        rowids = queue_rowids(conn, QueueFilter(queue="outbox"), NOW)
        ids = [conn.exec_driver_sql(f"SELECT id FROM refunds WHERE rowid = {r}").scalar() for r in rowids]
        return sorted(ids), queue_overview(conn, NOW)[0]["outbox"]


def _platform_did_not_take(db, decision_id: int, state: str) -> None:
    from merchant_console.store import outbox
    with db.write() as conn:
        [item] = [i for i in outbox.due_items(conn, NOW) if i["decision_id"] == decision_id]
        outbox.finish(conn, item, state, NOW + 1_000, message="the platform decided first")


def test_a_conflict_stays_in_uploading_until_someone_acknowledges_it(db):
    first = workbench.decide(db, RID, DecisionDraft("approve"), seen_version=1, now_ms=NOW).value
    other = workbench.decide(db, refund_doc(2)["id"], DecisionDraft("approve"), seen_version=1, now_ms=NOW).value
    # nothing to acknowledge while a decision uploads: it is not a conflict
    early = workbench.acknowledge_conflict(db, RID, now_ms=NOW)
    assert not early.ok and early.code == "no_conflict"
    both = ([RID, refund_doc(2)["id"]], 2)
    assert _outbox_queue(db) == both
    _platform_did_not_take(db, first, "superseded")
    _platform_did_not_take(db, other, "rejected")
    assert _outbox_queue(db) == both               # conflicts stay until someone has seen them

    synced(db, role="viewer")                     # a viewer may look, not put a conflict away
    assert workbench.acknowledge_conflict(db, RID, now_ms=NOW + 2_000).code == "role"
    synced(db)
    done = workbench.acknowledge_conflict(db, RID, now_ms=NOW + 2_000)
    assert done.ok and done.value == first and done.refund_ids == {RID}
    assert _outbox_queue(db) == ([refund_doc(2)["id"]], 1)
    decision = next(d for d in rows(db, "decisions") if d["id"] == first)
    assert decision["state"] == "superseded" and decision["acknowledged_at"] == NOW + 2_000
    assert decision["acknowledged_by"] == "小王"
    entry = rows(db, "audit_log")[-1]
    assert entry["kind"] == "decision_acknowledged" and entry["refund_id"] == RID and entry["actor"] == "s_7"
    assert json.loads(entry["payload"])["decision_id"] == first
    audit_before = len(rows(db, "audit_log"))
    again = workbench.acknowledge_conflict(db, RID, now_ms=NOW + 3_000)      # once is enough
    assert not again.ok and again.code == "no_conflict" and len(rows(db, "audit_log")) == audit_before
    assert workbench.acknowledge_conflict(db, "r_nope", now_ms=NOW).code == "unknown_refund"
    assert workbench.acknowledge_conflict(db, refund_doc(3)["id"], now_ms=NOW).code == "no_conflict"   # no decision
    # a refused decision put away; deciding again would bring the refund back while it uploads
    assert workbench.acknowledge_conflict(db, refund_doc(2)["id"], now_ms=NOW + 4_000).ok
    assert _outbox_queue(db) == ([], 0)
    from merchant_console.store import audit
    with db.read() as conn:
        assert audit.verify(conn).ok
