"""Conversation figures of a period: proposals, money kept versus asked, extensions, requests in time, answers."""

from __future__ import annotations

import pytest

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.conversation import Message
from merchant_console.core.refund import parse_refund
from merchant_console.reports.conversation import conversation_kpis
from merchant_console.store import conversation, refunds
from merchant_console.store.engine import Database
from tests.factories import HOUR, T0, refund_doc

STAFF = {"kind": "staff", "id": "s_7", "name": "小王"}
OTHER = {"kind": "staff", "id": "s_9", "name": "小李"}
MIN = 60_000


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "console.db")
    yield d
    d.close()


def neg(state, kind="partial", amount=7000, by=STAFF, at=T0):
    return {"round": 1, "kind": kind, "amount_fen": amount if kind == "partial" else None, "message": "协商",
            "proposed_at": format_rfc3339(at), "respond_by": format_rfc3339(at + 24 * HOUR), "by": by,
            "state": state, "answered_at": None, "buyer_message": None}


def req(rid, due, answered=None, by=STAFF):
    answer = None if answered is None else {"text": "已补充", "evidence_ids": [], "at": format_rfc3339(answered),
                                            "by": by}
    return {"id": rid, "question": "请补充凭证", "asked_at": format_rfc3339(due - 24 * HOUR),
            "due_at": format_rfc3339(due), "answer": answer}


def msg(mid, sender, at, by=None):
    return Message.from_json({"id": mid, "at": format_rfc3339(at), "from": sender, "by": by, "text": "…",
                              "evidence_ids": []})


def test_conversation_kpis(db):
    docs = [
        refund_doc(1, status="refunding", negotiation=neg("accepted")),                  # asked 9850, refunded 7000
        refund_doc(2, status="awaiting_merchant", negotiation=neg("declined", amount=3000)),
        refund_doc(3, status="awaiting_merchant", negotiation=neg("expired")),
        refund_doc(4, status="reissued", negotiation=neg("accepted", kind="reissue")),
        refund_doc(5, status="negotiating", negotiation=neg("pending", by=OTHER)),
        refund_doc(6, extension={"hours": 24, "reason_code": "holiday", "reason_text": "节假日",
                                 "at": format_rfc3339(T0), "by": STAFF}),
        refund_doc(7, status="platform_review", evidence_requests=[
            req("er_1", T0 + 2 * HOUR, answered=T0 + HOUR), req("er_2", T0 + 3 * HOUR, answered=T0 + 4 * HOUR),
            req("er_3", T0 + 5 * HOUR), req("er_4", T0 + 40 * HOUR)]),
        refund_doc(8, negotiation=neg("accepted", at=T0 - 48 * HOUR)),                    # outside the period
    ]
    rows = [parse_refund(d) for d in docs]
    with db.write() as conn:
        refunds.upsert_refunds(conn, rows)
        conversation.store_messages(conn, rows[0]["id"], [
            msg("m1", "buyer", T0), msg("m2", "buyer", T0 + 10 * MIN), msg("m3", "merchant", T0 + 30 * MIN, STAFF),
            msg("m4", "buyer", T0 + 60 * MIN)])                                            # m4 not answered
        conversation.store_messages(conn, rows[1]["id"], [msg("n1", "buyer", T0), msg("n2", "merchant", T0 + 5 * MIN,
                                                                                        OTHER)])
    start, end = T0 - HOUR, T0 + 24 * HOUR
    with db.read() as conn:
        k = conversation_kpis(conn, start, end)
        mine = conversation_kpis(conn, start, end, staff_id="s_7")
    assert (k.proposals, k.accepted, k.declined, k.expired, k.pending) == (5, 2, 1, 1, 1)
    assert k.reissues_accepted == 1 and k.by_kind == {"partial": 4, "reissue": 1}
    assert (k.asked_fen, k.refunded_fen, k.kept_fen) == (9850, 7000, 2850)
    assert k.acceptance_rate == pytest.approx(2 / 4)
    assert (k.extensions, k.extension_hours) == (1, 24)
    # er_4 is still open at the period's end: not counted; er_3 was missed
    assert (k.requests, k.answered_in_time, k.answered_late, k.unanswered) == (3, 1, 1, 1)
    assert k.buyer_messages == 4 and k.buyer_messages_answered == 3
    assert k.median_answer_minutes == 20.0  # waits of 30, 20 and 5 minutes
    assert mine.proposals == 4 and mine.pending == 0
    assert mine.buyer_messages_answered == 2 and mine.median_answer_minutes == 25.0
    assert set(k.as_dict()) >= {"kept_fen", "in_time_rate", "median_answer_minutes"}
    from merchant_console.reports.conversation import conversation_summary
    text = conversation_summary(k)
    assert "5 proposal(s) - 2 accepted" in text and "kept ¥28.50 of ¥98.50" in text and "20 min" in text
