"""v1.1 after-sale conversation: the refund's new fields, messages, and the rules checked before recording."""

from __future__ import annotations

import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.conversation import (
    EvidenceAnswerDraft,
    ExtensionDraft,
    Message,
    MessageDraft,
    ProposalDraft,
    extension_refusal,
    message_refusal,
    open_requests,
    parse_thread,
    proposal_refusal,
    validate_evidence_answer,
    validate_extension,
    validate_message,
    validate_proposal,
)
from merchant_console.core.policy import Policy
from merchant_console.core.refund import MalformedRefund, parse_refund
from merchant_console.core.status import STATUSES, status_label
from tests.factories import HOUR, T0, refund_doc

P = Policy.defaults()


def _neg(state="pending", round_=1, kind="partial", amount=7000):
    return {"round": round_, "kind": kind, "amount_fen": amount, "message": "卡内已用30元，按剩余价值退70元",
            "proposed_at": format_rfc3339(T0), "respond_by": format_rfc3339(T0 + 24 * HOUR),
            "by": {"kind": "staff", "id": "s_7", "name": "小王"}, "state": state, "answered_at": None,
            "buyer_message": None}


def test_new_statuses_are_known_not_quarantined():
    assert status_label("negotiating") == "协商中" and status_label("reissued") == "已补发"
    assert STATUSES["reissued"].final and not STATUSES["negotiating"].merchant_can_decide
    row = parse_refund(refund_doc(status="negotiating", negotiation=_neg()))
    assert row["status"] == "negotiating"
    assert row["negotiation"]["amount_fen"] == 7000 and row["negotiation_state"] == "pending"
    assert row["next_deadline_at"] == T0 + 24 * HOUR  # the buyer's answer is due
    assert parse_refund(refund_doc(status="reissued"))["status"] == "reissued"


def test_v1_refund_has_empty_conversation_fields():
    row = parse_refund(refund_doc())
    assert row["negotiation"] is None and row["extension"] is None and row["evidence_requests"] == []
    assert row["messages_count"] == 0 and row["unanswered_buyer"] == 0 and row["evidence_request_due_at"] is None


def test_evidence_request_is_the_next_deadline_under_review():
    reqs = [{"id": "er_1", "question": "请提供该卡密的供货商激活记录", "asked_at": format_rfc3339(T0),
             "due_at": format_rfc3339(T0 + 24 * HOUR), "answer": None},
            {"id": "er_0", "question": "旧问题", "asked_at": format_rfc3339(T0 - HOUR), "due_at": format_rfc3339(T0),
             "answer": {"text": "已提供", "evidence_ids": ["me_1"], "at": format_rfc3339(T0 - 1000),
                        "by": {"kind": "staff", "id": "s_7", "name": "小王"}}}]
    row = parse_refund(refund_doc(status="platform_review", evidence_requests=reqs,
                                  messages={"count": 2, "last_at": format_rfc3339(T0), "last_from": "platform",
                                            "unanswered_buyer": 0}))
    assert row["evidence_request_due_at"] == T0 + 24 * HOUR and row["next_deadline_at"] == T0 + 24 * HOUR
    assert [r["id"] for r in open_requests(row["evidence_requests"], T0)] == ["er_1"]
    assert open_requests(row["evidence_requests"], T0 + 24 * HOUR) == []  # past due: no longer open
    assert row["messages_last_from"] == "platform" and row["messages_count"] == 2


@pytest.mark.parametrize("field,value", [
    ("negotiation", {"round": 1, "kind": "money_back"}),
    ("negotiation", "yes"),
    ("evidence_requests", [{"id": "../x", "question": "q", "asked_at": "2026-11-21T08:00:00.000Z",
                            "due_at": "2026-11-21T08:00:00.000Z", "answer": None}]),
    ("messages", {"count": -1}),
    ("extension", {"hours": 0, "at": "2026-11-21T08:00:00.000Z"}),
])
def test_malformed_v11_fields_quarantine_the_refund(field, value):
    with pytest.raises(MalformedRefund) as e:
        parse_refund(refund_doc(**{field: value}))
    assert e.value.field.startswith(field)


def test_thread_keeps_good_messages_and_cleans_text():
    doc = {"items": [
        {"id": "msg_2", "at": format_rfc3339(T0 + 1000), "from": "merchant",
         "by": {"kind": "staff", "id": "s_7", "name": "小王"}, "text": "您好，请提供截图", "evidence_ids": []},
        {"id": "msg_1", "at": format_rfc3339(T0), "from": "buyer", "by": None, "text": "卡密无效\u202egnp.exe",
         "evidence_ids": ["e_9"]},
        {"id": "msg_x", "at": "yesterday", "from": "buyer", "text": "x"},
        {"id": "msg_3", "at": format_rfc3339(T0), "from": "alien", "text": "x"},
    ]}
    thread = parse_thread(doc)
    assert [m.id for m in thread.messages] == ["msg_1", "msg_2"]  # oldest first
    assert len(thread.skipped) == 2
    buyer = thread.messages[0]
    assert buyer.sender == "buyer" and "\u202e" not in buyer.text and buyer.odd_fields[0].endswith(".text")
    assert thread.messages[1].by_name == "小王"
    assert Message.from_json(doc["items"][0]).to_row("r_1")["sender"] == "merchant"


def test_message_rules():
    row = parse_refund(refund_doc())
    assert message_refusal(row, P) is None
    assert message_refusal(row, P, merchant_unanswered=3).code == "too_many_unanswered"
    assert message_refusal(dict(row, status="refunded"), P).code == "conversation_closed"
    assert message_refusal(dict(row, status="reissued"), P).code == "conversation_closed"
    v1 = Policy.from_json({k: v for k, v in P.to_json().items() if not k.startswith(("neg", "mess", "ext", "evi"))})
    assert message_refusal(row, v1).code == "not_supported"
    assert validate_message(MessageDraft("您好"), P) == {}
    assert "text" in validate_message(MessageDraft("  "), P)
    assert "text" in validate_message(MessageDraft("好" * 501), P)
    # a message template's $used where the card's use is not known is not sent to the buyer as is
    assert "$used" in validate_message(MessageDraft("您好，经核实卡内已使用$used，剩余价值$remaining"), P)["text"]
    assert "evidence_ids" in validate_message(MessageDraft("看图", ("me_1", "me_2")), P, images=2)


def test_proposal_rules():
    row = parse_refund(refund_doc())
    ok = ProposalDraft("partial", "卡内已用30元，按剩余价值退70元", 7000)
    assert validate_proposal(ok, row, P) == {}
    assert "amount_fen" in validate_proposal(ProposalDraft("partial", "按剩余价值", 9850), row, P)  # = paid
    assert "amount_fen" in validate_proposal(ProposalDraft("partial", "按剩余价值", 0), row, P)
    assert "$used" in validate_proposal(ProposalDraft("partial", "经核实卡内已使用$used，按剩余价值退款", 3000), row,
                                        P)["message"]                # not sent to the buyer as is
    assert "amount_fen" in validate_proposal(ProposalDraft("partial", "按剩余价值", None), row, P)
    assert "message" in validate_proposal(ProposalDraft("partial", "好", 100), row, P)
    assert validate_proposal(ProposalDraft("reissue", "给您补发一张新卡密"), row, P) == {}
    topup = dict(row, product_category="phone_topup")
    assert "kind" in validate_proposal(ProposalDraft("reissue", "给您补发一张新卡密"), topup, P)
    assert proposal_refusal(dict(row, status="negotiating"), P).code == "not_awaiting_merchant"
    used = dict(row, negotiation={"round": 2, "state": "declined"})
    assert proposal_refusal(used, P).code == "rounds_used"
    assert proposal_refusal(dict(row, negotiation={"round": 1, "state": "expired"}), P) is None
    assert ok.to_body() == {"kind": "partial", "message": ok.message, "evidence_ids": [], "amount_fen": 7000}
    assert "amount_fen" not in ProposalDraft("reissue", "补发").to_body()


def test_extension_rules():
    row = parse_refund(refund_doc())
    now = row["submitted_at"] + HOUR
    assert extension_refusal(row, P, now) is None
    draft = ExtensionDraft(24, "checking_with_supplier", "已向上游供货商核实卡密状态")
    assert validate_extension(draft, row, P, now) == {}
    assert "hours" in validate_extension(ExtensionDraft(49, "holiday", "节假日"), row, P, now)
    assert "hours" in validate_extension(ExtensionDraft(0, "holiday", "节假日"), row, P, now)
    assert "reason_code" in validate_extension(ExtensionDraft(2, "bored", "节假日"), row, P, now)
    assert extension_refusal(dict(row, fast_refund=True), P, now).code == "fast_refund"
    assert extension_refusal(dict(row, extension={"hours": 24}), P, now).code == "already_extended"
    assert extension_refusal(row, P, row["due_at"]).code == "past_due"
    assert extension_refusal(dict(row, status="platform_review"), P, now).code == "not_awaiting_merchant"


def test_evidence_answer_rules():
    reqs = [{"id": "er_1", "question": "请提供激活记录", "asked_at": format_rfc3339(T0),
             "due_at": format_rfc3339(T0 + 24 * HOUR), "answer": None}]
    row = parse_refund(refund_doc(status="platform_review", evidence_requests=reqs))
    draft = EvidenceAnswerDraft("er_1", "供货商记录显示该卡密已于下单后激活")
    assert validate_evidence_answer(draft, row, P, T0) == {}
    assert "request_id" in validate_evidence_answer(draft, row, P, T0 + 24 * HOUR)  # past due
    assert "request_id" in validate_evidence_answer(EvidenceAnswerDraft("er_9", "说明说明"), row, P, T0)
    assert "request_id" in validate_evidence_answer(draft, dict(row, status="refunding"), P, T0)
    assert "text" in validate_evidence_answer(EvidenceAnswerDraft("er_1", "x"), row, P, T0)
    assert "evidence_ids" in validate_evidence_answer(draft, row, P, T0, images=6)


def test_countdowns_of_the_conversation():
    from merchant_console.core.countdown import countdown_for
    reqs = [{"id": "er_1", "question": "请补充", "asked_at": format_rfc3339(T0), "due_at": format_rfc3339(T0 + HOUR),
             "answer": None}]
    review = parse_refund(refund_doc(status="platform_review", evidence_requests=reqs))
    cd = countdown_for(review, T0)
    assert cd.kind == "due" and cd.at_ms == T0 + HOUR == review["next_deadline_at"]
    assert countdown_for(parse_refund(refund_doc(status="platform_review")), T0) is None
    neg = parse_refund(refund_doc(status="negotiating", negotiation=_neg()))
    assert countdown_for(neg, T0).at_ms == T0 + 24 * HOUR == neg["next_deadline_at"]
