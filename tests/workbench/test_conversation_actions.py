"""The workbench's conversation actions: checked against the policy and the refund's current row, recorded once."""

from __future__ import annotations

import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.policy import Policy
from merchant_console.core.refund import parse_refund
from merchant_console.store import conversation, refunds, state
from merchant_console.store.engine import Database
from merchant_console.workbench import conversation as wb
from merchant_console.workbench.result import CHANGED, INVALID, NOT_AWAITING, ROLE, Done, Refused
from tests.factories import HOUR, T0, refund_doc

NOW = T0 + HOUR


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "console.db")
    with d.write() as conn:
        state.save_state(conn, staff_id="s_7", staff_name="小王", role="operator", policy=Policy.defaults().to_json(),
                         merchant_id="m_1", merchant_name="星河数码卡行")
    yield d
    d.close()


def _put(db, **doc):
    row = parse_refund(refund_doc(**doc))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [row])
    return row


def _items(db, rid):
    with db.read() as conn:
        return conversation.open_items(conn, rid)


def test_message_recorded_and_limited(db):
    row = _put(db, n=1)
    for i in range(3):
        assert isinstance(wb.send_message(db, row["id"], f" 第{i + 1}条消息 ", now_ms=NOW), Done)
    out = wb.send_message(db, row["id"], "第四条", now_ms=NOW)
    assert isinstance(out, Refused) and out.code == wb.TOO_MANY_UNANSWERED
    assert [i["body"]["text"] for i in _items(db, row["id"])] == ["第1条消息", "第2条消息", "第3条消息"]
    closed = _put(db, n=2, status="refunded")
    assert wb.send_message(db, closed["id"], "您好", now_ms=NOW).code == wb.CONVERSATION_CLOSED
    assert wb.send_message(db, row["id"], "", now_ms=NOW).code in (INVALID, wb.TOO_MANY_UNANSWERED)
    other = _put(db, n=3)
    bad = wb.send_message(db, other["id"], "x" * 501, now_ms=NOW)
    assert bad.code == INVALID and "text" in bad.fields


def test_propose_partial_suggests_the_remaining_value(db):
    used = _put(db, n=1, card={"status": "partially_used", "used_fen": 3000})
    out = wb.propose(db, used["id"], "partial", "卡内已用30元，按剩余价值退款", seen_version=used["version"],
                     now_ms=NOW)
    assert isinstance(out, Done)
    [item] = _items(db, used["id"])
    assert item["body"]["amount_fen"] == 9850 - 9850 * 3000 // 10000 and item["if_match"] == used["version"]
    again = wb.propose(db, used["id"], "reissue", "给您补发新卡密", now_ms=NOW)
    assert again.code == "queued"
    fresh = _put(db, n=2)
    paid = fresh["paid_fen"]
    assert wb.propose(db, fresh["id"], "partial", "按剩余价值退款", amount_fen=paid, now_ms=NOW).code == INVALID
    assert wb.propose(db, fresh["id"], "partial", "按剩余价值退款", amount_fen=5000, seen_version=0,
                      now_ms=NOW).code == CHANGED
    activated = _put(db, n=3, card={"status": "activated", "used_fen": 0})
    assert wb.propose(db, activated["id"], "partial", "按剩余价值退款", now_ms=NOW).fields["amount_fen"]
    assert isinstance(wb.propose(db, activated["id"], "reissue", "给您补发一张新卡密", now_ms=NOW), Done)
    product = {"sku": "HF-50", "name": "话费50元", "category": "phone_topup", "face_value_fen": 5000}
    topup = _put(db, n=4, product=product, paid_fen=4950, requested_fen=4950)
    assert "kind" in wb.propose(db, topup["id"], "reissue", "给您补发", now_ms=NOW).fields
    neg = _put(db, n=5, status="negotiating")
    assert wb.propose(db, neg["id"], "reissue", "给您补发", now_ms=NOW).code == NOT_AWAITING


def test_ask_for_time_only_where_the_policy_allows(db):
    row = _put(db, n=1)
    out = wb.ask_for_time(db, row["id"], 24, "checking_with_supplier", "已向上游供货商核实卡密状态", now_ms=NOW)
    assert isinstance(out, Done)
    assert wb.ask_for_time(db, row["id"], 12, "holiday", "节假日", now_ms=NOW).code == "already_written"
    assert wb.ask_for_time(db, _put(db, n=2)["id"], 49, "holiday", "节假日", now_ms=NOW).fields["hours"]
    fast = _put(db, n=3, fast_refund=True, auto_approve_at=format_rfc3339(NOW + 60_000))
    r = wb.ask_for_time(db, fast["id"], 2, "holiday", "节假日", now_ms=NOW)
    assert r.code == wb.EXTENSION_NOT_ALLOWED and r.facts["reason"] == "fast_refund"
    late = _put(db, n=4)
    r = wb.ask_for_time(db, late["id"], 2, "holiday", "节假日", now_ms=late["due_at"] + 1)
    assert r.code == wb.EXTENSION_NOT_ALLOWED and r.facts["reason"] == "past_due"


def test_answer_evidence_request(db):
    req = {"id": "er_1", "question": "请提供供货商激活记录", "asked_at": format_rfc3339(T0),
           "due_at": format_rfc3339(T0 + 24 * HOUR), "answer": None}
    row = _put(db, n=1, status="platform_review", evidence_requests=[req])
    assert wb.answer_evidence_request(db, row["id"], "er_9", "说明情况", now_ms=NOW).code == wb.NO_OPEN_REQUEST
    assert wb.answer_evidence_request(db, row["id"], "er_1", "说明情况", now_ms=T0 + 25 * HOUR).code == \
        wb.NO_OPEN_REQUEST
    assert isinstance(wb.answer_evidence_request(db, row["id"], "er_1", "供货商记录显示已激活", now_ms=NOW), Done)
    assert wb.answer_evidence_request(db, row["id"], "er_1", "再说一次", now_ms=NOW).code == "already_written"


def test_viewers_read_and_cannot_write(db):
    row = _put(db, n=1)
    with db.write() as conn:
        state.save_state(conn, role="viewer")
    assert wb.send_message(db, row["id"], "您好", now_ms=NOW).code == ROLE
    assert wb.propose(db, row["id"], "reissue", "给您补发新卡密", now_ms=NOW).code == ROLE
    assert wb.ask_for_time(db, row["id"], 2, "holiday", "节假日", now_ms=NOW).code == ROLE
    assert isinstance(wb.mark_thread_read(db, row["id"], now_ms=NOW), Done)
    assert _items(db, row["id"]) == []


def test_a_decision_waits_for_a_proposal_on_its_way(db):
    from merchant_console.core.policy import DecisionDraft
    from merchant_console.workbench import decide
    row = _put(db, n=1)
    assert isinstance(wb.propose(db, row["id"], "reissue", "给您补发一张新卡密", now_ms=NOW), Done)
    refused = decide(db, row["id"], DecisionDraft("approve"), now_ms=NOW)
    assert isinstance(refused, Refused) and refused.code == "queued"


def test_unread_marks_are_per_staff_member(db):
    """A message one person read stays new for another who signs in on the same computer."""
    from merchant_console.core.conversation import Message
    store = conversation

    row = _put(db, n=1)
    with db.write() as conn:
        store.store_messages(conn, row["id"], [Message("m1", NOW - 60_000, "buyer", "卡密充值失败"),
                                               Message("m2", NOW - 30_000, "buyer", "有截图")])
    assert isinstance(wb.mark_thread_read(db, row["id"], now_ms=NOW, message_ids=["m1"]), Done)
    with db.read() as conn:
        me = state.load_state(conn)["staff_id"]
        assert store.unread_count(conn, row["id"], me) == 1
        assert [m["read_at"] is None for m in store.thread_of(conn, row["id"], me)] == [False, True]
        assert store.unread_count(conn, row["id"], "s_other") == 2
    assert wb.mark_thread_read(db, row["id"], now_ms=NOW).value == 1
    with db.read() as conn:
        assert store.unread_count(conn, row["id"], me) == 0 and store.unread_count(conn, row["id"], "s_other") == 2
