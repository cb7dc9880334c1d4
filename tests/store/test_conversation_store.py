"""v1.1 in the local database: proposal rounds, extensions, evidence requests, threads, and recorded actions."""

from __future__ import annotations

import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.conversation import (
    EvidenceAnswerDraft,
    ExtensionDraft,
    Message,
    MessageDraft,
    ProposalDraft,
)
from merchant_console.core.refund import parse_refund
from merchant_console.store import audit, conversation, refunds
from merchant_console.store.outbox import DecisionNotAllowed
from tests.factories import HOUR, T0, refund_doc

STAFF = {"kind": "staff", "id": "s_7", "name": "小王"}


def _neg(state="pending", round_=1):
    return {"round": round_, "kind": "partial", "amount_fen": 7000, "message": "按剩余价值退70元",
            "proposed_at": format_rfc3339(T0), "respond_by": format_rfc3339(T0 + 24 * HOUR), "by": STAFF,
            "state": state, "answered_at": None, "buyer_message": None}


def _req(rid="er_1", answered=False):
    return {"id": rid, "question": "请提供供货商激活记录", "asked_at": format_rfc3339(T0),
            "due_at": format_rfc3339(T0 + 24 * HOUR),
            "answer": {"text": "已附记录", "evidence_ids": ["me_1"], "at": format_rfc3339(T0 + HOUR), "by": STAFF}
            if answered else None}


def _msg(mid, sender, at, text="你好"):
    return Message.from_json({"id": mid, "at": format_rfc3339(at), "from": sender,
                              "by": STAFF if sender == "merchant" else None, "text": text, "evidence_ids": []})


def test_children_follow_the_newest_version(db):
    newer = parse_refund(refund_doc(1, version=5, status="negotiating", negotiation=_neg(),
                                    extension={"hours": 24, "reason_code": "holiday", "reason_text": "节假日",
                                               "at": format_rfc3339(T0), "by": STAFF},
                                    evidence_requests=[_req(answered=True)]))
    older = parse_refund(refund_doc(1, version=4, negotiation=_neg("declined"), evidence_requests=[_req()]))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [newer])
        refunds.upsert_refunds(conn, [older])  # a replayed page: must not win
    with db.read() as conn:
        row = refunds.get_refund(conn, newer["id"])
        assert row["status"] == "negotiating" and row["negotiation"]["state"] == "pending"
        assert row["extension"]["hours"] == 24
        [p] = conversation.proposals_of(conn, newer["id"])
        assert p["state"] == "pending" and p["amount_fen"] == 7000 and p["requested_fen"] == 9850
        [q] = conversation.requests_of(conn, newer["id"])
        assert q["answer_text"] == "已附记录" and q["answer_evidence_ids"] == ["me_1"]
    accepted = parse_refund(refund_doc(1, version=6, status="refunding", negotiation=_neg("accepted")))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [accepted])
    with db.read() as conn:
        assert [p["state"] for p in conversation.proposals_of(conn, newer["id"])] == ["accepted"]


def test_thread_unread_and_threads_behind(db):
    row = parse_refund(refund_doc(1, messages={"count": 3, "last_at": format_rfc3339(T0 + 2000), "last_from": "buyer",
                                               "unanswered_buyer": 1}))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [row])
        assert conversation.threads_behind(conn, [row["id"]]) == [row["id"]]
        new = conversation.store_messages(conn, row["id"], [_msg("m1", "buyer", T0), _msg("m2", "merchant", T0 + 1000),
                                                             _msg("m3", "buyer", T0 + 2000, "还没到账")])
        assert new == 3
        assert conversation.threads_behind(conn, [row["id"]]) == []
        assert conversation.unread_count(conn, row["id"]) == 2  # the merchant's own message is not unread
        assert conversation.merchant_unanswered(conn, row["id"]) == 0
        conversation.record_message(conn, row, MessageDraft("请稍等，正在核实"), staff_id="s_7", now_ms=T0 + 3000)
        assert conversation.merchant_unanswered(conn, row["id"]) == 1
        thread = conversation.thread_of(conn, row["id"])
        assert [m["id"] for m in thread][:3] == ["m1", "m2", "m3"] and thread[3]["pending"]
        assert thread[3]["text"] == "请稍等，正在核实"
        assert conversation.mark_read(conn, row["id"], T0 + 5000) == 2  # the buyer's two
        assert conversation.unread_count(conn, row["id"]) == 0
        # a re-sent thread keeps what was read
        conversation.store_messages(conn, row["id"], [_msg("m1", "buyer", T0)])
        assert conversation.unread_count(conn, row["id"]) == 0
        assert conversation.counts(conn, T0)["buyer_waiting"] == 1


def test_recorded_actions_go_through_the_outbox_with_key_version_and_audit(db):
    row = parse_refund(refund_doc(1, version=3))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [row])
        pid = conversation.record_proposal(conn, row, ProposalDraft("partial", "按剩余价值退70元", 7000),
                                           staff_id="s_7", now_ms=T0)
        with pytest.raises(DecisionNotAllowed) as e:
            conversation.record_proposal(conn, row, ProposalDraft("reissue", "补发新卡密"), staff_id="s_7", now_ms=T0)
        assert e.value.code == "queued"
        eid = conversation.record_extension(conn, row, ExtensionDraft(24, "holiday", "节假日"), staff_id="s_7",
                                            now_ms=T0)
        with pytest.raises(DecisionNotAllowed):
            conversation.record_extension(conn, row, ExtensionDraft(12, "holiday", "节假日"), staff_id="s_7", now_ms=T0)
        items = {i["id"]: i for i in conversation.open_items(conn, row["id"])}
        assert items[pid]["kind"] == "proposal" and items[pid]["if_match"] == 3 and items[pid]["idempotency_key"]
        assert items[pid]["body"] == {"kind": "partial", "message": "按剩余价值退70元", "evidence_ids": [],
                                      "amount_fen": 7000}
        assert items[eid]["body"]["hours"] == 24 and items[eid]["idempotency_key"] != items[pid]["idempotency_key"]
        kinds = [e["kind"] for e in audit.trail(conn, row["id"])]
        assert kinds.count("proposal") == 1 and kinds.count("extension") == 1
    review = parse_refund(refund_doc(2, status="platform_review", evidence_requests=[_req()]))
    closed = parse_refund(refund_doc(3, status="closed"))
    with db.write() as conn:
        refunds.upsert_refunds(conn, [review, closed])
        draft = EvidenceAnswerDraft("er_1", "供货商记录显示已激活")
        conversation.record_evidence_answer(conn, review, draft, staff_id="s_7", now_ms=T0,
                                            attachments=[{"path": "/tmp/x.jpg", "sha256": "ab" * 32,
                                                          "content_type": "image/jpeg"}])
        with pytest.raises(DecisionNotAllowed):
            conversation.record_evidence_answer(conn, review, draft, staff_id="s_7", now_ms=T0)
        with pytest.raises(DecisionNotAllowed) as e:
            conversation.record_message(conn, closed, MessageDraft("您好"), staff_id="s_7", now_ms=T0)
        assert e.value.code == "conversation_closed"
        assert conversation.counts(conn, T0)["evidence_requested"] == 1
        assert conversation.counts(conn, T0 + 24 * HOUR)["evidence_requested"] == 0
        trail = audit.trail(conn, review["id"])
        assert trail[-1]["kind"] == "evidence_answer" and "/tmp/x.jpg" not in str(trail[-1])
