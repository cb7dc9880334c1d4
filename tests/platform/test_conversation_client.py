"""The v1.1 client calls (messages, proposal, extension, evidence answer) as typed outcomes, on the real sandbox."""

from __future__ import annotations

import uuid

import httpx
import pytest

from merchant_console.core.clock import parse_rfc3339
from merchant_console.core.conversation import Message, Thread
from merchant_console.core.refund import parse_refund
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Conflict, Fatal, Invalid, Ok


def serves_v11(sandbox) -> bool:
    paths = httpx.get(sandbox.url + "/openapi.json", timeout=30).json()["paths"]
    return any(p.endswith("/messages") for p in paths)


@pytest.fixture
def v11(sandbox):
    if not serves_v11(sandbox):
        pytest.skip("the sandbox does not serve API v1.1 yet (issue 15, sandbox side)")
    return sandbox


def _awaiting(client: PlatformClient, n: int = 2, **want) -> list[dict]:
    page = client.changes("", limit=200)
    assert isinstance(page, Ok)
    now = client.clock.now_ms() + 3_600_000  # an hour to spare before the response deadline
    found = [r for r in page.value["items"] if r["status"] == "awaiting_merchant" and not r["fast_refund"]
             and parse_rfc3339(r["due_at"]) > now and all(r.get(k) == v for k, v in want.items())]
    assert len(found) >= n
    return found[:n]


def _key() -> str:
    return str(uuid.uuid4())


def test_messages_are_typed_and_idempotent(v11):
    with PlatformClient(v11.url, v11.tokens["operator"]) as c:
        refund = _awaiting(c, 1)[0]
        key = _key()
        text = "您好，请问卡密是在哪个平台充值的？"
        out = c.post_message(refund["id"], {"text": text, "evidence_ids": []}, idempotency_key=key)
        assert isinstance(out, Ok) and out.status == 201 and isinstance(out.value, Message)
        assert out.value.sender == "merchant" and out.value.by_id
        again = c.post_message(refund["id"], {"text": text, "evidence_ids": []}, idempotency_key=key)
        assert isinstance(again, Ok) and again.value.id == out.value.id  # the same key: the first answer
        thread = c.messages(refund["id"])
        assert isinstance(thread, Ok) and isinstance(thread.value, Thread)
        assert [m.id for m in thread.value.messages].count(out.value.id) == 1
        assert isinstance(c.messages("../me"), Invalid)
        reused = c.post_message(refund["id"], {"text": "另一句话"}, idempotency_key=key)
        assert isinstance(reused, Invalid) and reused.code == "idempotency_key_reused"
    with PlatformClient(v11.url, v11.tokens["viewer"]) as c:
        assert isinstance(c.post_message(refund["id"], {"text": "您好"}, idempotency_key=_key()), Fatal)


def test_too_many_unanswered_is_a_conflict_not_a_retry(v11):
    with PlatformClient(v11.url, v11.tokens["operator"]) as c:
        me = c.me()
        limit = me.value["policy"]["message_max_unanswered"]
        refund = _awaiting(c, 1)[0]
        outs = [c.post_message(refund["id"], {"text": f"第{i + 1}次询问"}, idempotency_key=_key())
                for i in range(limit + 1)]
        assert all(isinstance(o, Ok) for o in outs[:limit])
        assert isinstance(outs[-1], Conflict) and outs[-1].code == "too_many_unanswered"


def test_proposal_extension_and_evidence_answer(v11):
    with PlatformClient(v11.url, v11.tokens["operator"]) as c:
        first, second = _awaiting(c, 2)
        body = {"kind": "partial", "amount_fen": max(1, first["paid_fen"] // 2), "message": "按剩余价值退款，可以吗？"}
        stale = c.propose(first["id"], body, idempotency_key=_key(), if_match=first["version"] + 5)
        assert isinstance(stale, Conflict) and stale.status == 412 and stale.refund["id"] == first["id"]
        bad = c.propose(first["id"], dict(body, amount_fen=first["paid_fen"]), idempotency_key=_key(),
                        if_match=first["version"])
        assert isinstance(bad, Invalid) and bad.code == "invalid_proposal" and bad.fields
        out = c.propose(first["id"], body, idempotency_key=_key(), if_match=first["version"])
        assert isinstance(out, Ok)
        row = parse_refund(out.value)
        assert row["status"] == "negotiating" and row["negotiation"]["amount_fen"] == body["amount_fen"]
        assert row["negotiation_state"] == "pending"

        ext = {"hours": 24, "reason_code": "checking_with_supplier", "reason_text": "已向上游供货商核实卡密状态"}
        out = c.extend(second["id"], ext, idempotency_key=_key(), if_match=second["version"])
        assert isinstance(out, Ok)
        moved = parse_refund(out.value)
        assert moved["due_at"] == parse_refund(second)["due_at"] + 24 * 3_600_000 and moved["extension"]["hours"] == 24
        twice = c.extend(second["id"], ext, idempotency_key=_key(), if_match=moved["version"])
        assert isinstance(twice, Invalid) and twice.code == "extension_not_allowed"
        assert twice.details.get("reason") == "already_extended"

        none = c.answer_evidence(second["id"], {"request_id": "er_404", "text": "说明"}, idempotency_key=_key(),
                                 if_match=moved["version"])
        assert isinstance(none, Conflict) and none.code == "no_open_request"
