"""v1.1 on the sandbox platform, through real HTTP on 127.0.0.1: messages, proposals (协商), the one
extension, customer service's evidence requests, the simulated buyers and customer service, and the
timers that drive them on a pinned clock. One test (or more) for every rule of the contract's v1.1."""

from __future__ import annotations

import io
import json
import uuid
from collections import Counter

import httpx
import pytest
from PIL import Image

from merchant_console.core.clock import parse_rfc3339
from merchant_console.sandbox import Sandbox, SandboxConfig

START = parse_rfc3339("2026-11-21T08:00:00.000Z")
HOUR = 3600_000
V11_POLICY = {"negotiation_response_hours": 24, "negotiation_max_rounds": 2, "message_max_chars": 500,
              "message_max_images": 3, "message_max_unanswered": 3, "extension_max_hours": 48,
              "evidence_request_hours": 24}


def api(sb: Sandbox, role: str = "operator") -> httpx.Client:
    return httpx.Client(base_url=sb.url + "/api/v1", headers={"Authorization": f"Bearer {sb.tokens[role]}"},
                        timeout=40)


def ctl(sb: Sandbox, path: str, body: dict | None = None) -> httpx.Response:
    return httpx.post(sb.url + "/sandbox" + path, json=body or {}, timeout=40)


def write(c: httpx.Client, refund: dict | str, what: str, body: dict, *, key: str | None = None,
          version: int | None = None, if_match: bool = True) -> httpx.Response:
    """POST /refunds/{id}/<what> with a fresh key and the refund's version (unless told otherwise)."""
    rid = refund if isinstance(refund, str) else refund["id"]
    headers = {"Idempotency-Key": key or str(uuid.uuid4())}
    if if_match:
        headers["If-Match"] = f'"{refund["version"] if version is None else version}"'  # type: ignore[index]
    return c.post(f"/refunds/{rid}/{what}", json=body, headers=headers)


def assert_error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code, body
    return body["error"]


def world(**config) -> Sandbox:
    config = {"refunds": 0, "seed": 5, "images": "none", "start_time_ms": START, "ticker": False,
              "pinned_clock": True, **config}
    return Sandbox(SandboxConfig(**config))


@pytest.fixture
def sb():
    """An empty pinned world whose buyers and customer service act only when a test says so."""
    with world() as s:
        s.world.set_simulation(buyers=False, customer_service=False)
        yield s


@pytest.fixture(scope="module")
def seeded():
    with world(refunds=400, seed=7, images="small", seed_negotiations=True) as s:
        yield s


def fresh(sb: Sandbox, n: int = 1, **options) -> list[dict]:
    r = ctl(sb, "/refunds", {"count": n, **options})
    assert r.status_code == 201, r.text
    return [sb.world.refund(i) for i in r.json()["ids"]]


def one(sb: Sandbox, category: str | None = None, not_category: tuple[str, ...] = (), **options) -> dict:
    """A new awaiting refund (of a product category, when asked)."""
    for _ in range(40):
        for doc in fresh(sb, 4, **options):
            if (category is None or doc["product"]["category"] == category) and \
                    doc["product"]["category"] not in not_category:
                return doc
    raise AssertionError("no refund of that kind")


def propose(c: httpx.Client, refund: dict, **body) -> httpx.Response:
    body = {"kind": "partial", "amount_fen": refund["paid_fen"] // 2,
            "message": "卡内已用一部分,按剩余价值退一半,您看可以吗?", **body}
    return write(c, refund, "proposal", body)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


# -- the v1.1 document ------------------------------------------------------------------------------
def test_me_serves_the_v11_policy_and_every_refund_carries_the_v11_fields(seeded):
    with api(seeded, "viewer") as c:
        policy = c.get("/me").json()["policy"]
        assert {k: policy[k] for k in V11_POLICY} == V11_POLICY
        assert policy["response_hours"] == 24  # v1's values are still there
        docs = [seeded.world.refund(i) for i in seeded.world.snapshot()]
        for d in docs:
            assert {"negotiation", "extension", "evidence_requests", "messages"} <= set(d)
            summary = d["messages"]
            thread = c.get(f"/refunds/{d['id']}/messages").json()["items"]  # viewers read the thread
            assert summary["count"] == len(thread) <= 200
            if thread:
                assert summary["last_at"] == thread[-1]["at"] and summary["last_from"] == thread[-1]["from"]
                assert [m["at"] for m in thread] == sorted(m["at"] for m in thread)
                trailing = 0
                for m in thread:
                    trailing = 0 if m["from"] == "merchant" else trailing + (m["from"] == "buyer")
                assert summary["unanswered_buyer"] == trailing
            else:
                assert summary == {"count": 0, "last_at": None, "last_from": None, "unanswered_buyer": 0}
            ats = [t["at"] for t in d["timeline"]]
            assert ats == sorted(ats) and d["updated_at"] == max(ats + [m["at"] for m in thread]), d["id"]
            for m in thread:
                assert set(m) == {"id", "at", "from", "by", "text", "evidence_ids"} and m["text"]
                assert (m["by"] is None) == (m["from"] == "buyer")
    by_status = Counter(d["status"] for d in docs)
    assert by_status["negotiating"]  # seed_negotiations: 协商中 in the mix, and proposals the buyers answered
    assert Counter(d["negotiation"]["state"] for d in docs if d["negotiation"])["pending"] < \
        sum(1 for d in docs if d["negotiation"])
    assert any(d["extension"] for d in docs) and any(d["evidence_requests"] for d in docs)
    assert sum(1 for d in docs if d["messages"]["count"]) > 20
    negotiating = [d for d in docs if d["status"] == "negotiating"]
    assert all(d["negotiation"]["state"] == "pending" and parse_rfc3339(d["negotiation"]["respond_by"])
               > seeded.world.now_ms() for d in negotiating)
    texts = [m["text"] for d in docs[:200] for m in seeded.world.messages(d["id"])]
    assert texts and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts)  # written in Chinese


def test_openapi_and_reason_codes_know_v11(seeded):
    with api(seeded) as c:
        codes = {x["code"]: x for x in c.get("/reason-codes").json()}
    for code in ("checking_with_supplier", "awaiting_buyer_info", "holiday", "other"):
        assert "extend" in codes[code]["actions"] and codes[code]["label"]["zh"]


# -- proposals --------------------------------------------------------------------------------------
def test_a_partial_proposal_waits_for_the_buyer_and_acceptance_refunds_that_amount(sb):
    refund = one(sb)
    with api(sb) as c:
        r = propose(c, refund, amount_fen=refund["paid_fen"] - 1)
        assert r.status_code == 200, r.text
        doc = r.json()
        n = doc["negotiation"]
        assert doc["status"] == "negotiating" and doc["version"] == refund["version"] + 1
        assert n["round"] == 1 and n["kind"] == "partial" and n["amount_fen"] == refund["paid_fen"] - 1
        assert n["state"] == "pending" and n["answered_at"] is None and n["buyer_message"] is None
        assert n["by"] == {"kind": "staff", "id": "s_7", "name": "小王"}
        assert parse_rfc3339(n["respond_by"]) - parse_rfc3339(n["proposed_at"]) == 24 * HOUR
        assert doc["timeline"][-1]["status"] == "negotiating"
        # the proposal is the merchant's message in the thread
        [msg] = c.get(f"/refunds/{refund['id']}/messages").json()["items"]
        assert msg["from"] == "merchant" and msg["text"] == n["message"]
        # a decision is not possible while the buyer decides
        assert_error(write(c, doc, "decision", {"action": "approve"}), 409, "not_awaiting_merchant")
        answered = ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": True, "message": "可以,就按这个退"})
        assert answered.status_code == 200, answered.text
        done = c.get(f"/refunds/{refund['id']}").json()
    assert done["status"] == "refunding" and done["payout"]["status"] == "processing"
    d = done["decision"]
    assert (d["action"], d["amount_fen"], d["reason_code"]) == ("partial", refund["paid_fen"] - 1, "partial_negotiated")
    assert d["by"] == n["by"]
    assert done["negotiation"]["state"] == "accepted" and done["negotiation"]["buyer_message"] == "可以,就按这个退"
    assert done["messages"]["last_from"] == "buyer"


def test_a_reissue_accepted_is_final_and_closes_the_conversation(sb):
    refund = one(sb, category="game_card")
    with api(sb) as c:
        r = write(c, refund, "proposal", {"kind": "reissue", "message": "给您补发一张新卡密,请查收后确认。"})
        assert r.status_code == 200, r.text
        assert r.json()["negotiation"]["amount_fen"] is None
        ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": True})
        doc = c.get(f"/refunds/{refund['id']}").json()
        assert doc["status"] == "reissued" and doc["decision"] is None and doc["payout"] is None
        assert doc["negotiation"]["state"] == "accepted" and doc["negotiation"]["buyer_message"]  # a natural answer
        err = assert_error(write(c, refund, "messages", {"text": "收到了吗?"}, if_match=False), 409,
                           "conversation_closed")
        assert err["details"]["refund"]["status"] == "reissued"
        assert_error(ctl(sb, f"/refunds/{refund['id']}/buyer-message", {"text": "好的"}), 409, "conversation_closed")
        sb.world.advance(30 * 24 * 3600)
        assert c.get(f"/refunds/{refund['id']}").json()["version"] == doc["version"]  # final: nothing more happens


def test_a_declined_proposal_returns_to_the_merchant_with_a_full_window_and_rounds_run_out(sb):
    refund = one(sb)
    old_due = parse_rfc3339(refund["due_at"])
    with api(sb) as c:
        first = propose(c, refund).json()
        sb.world.advance(3 * 3600)
        r = ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": False, "message": "金额太少了,不接受"})
        doc = r.json()
        declined_at = parse_rfc3339(doc["negotiation"]["answered_at"])
        assert doc["status"] == "awaiting_merchant" and doc["negotiation"]["state"] == "declined"
        assert parse_rfc3339(doc["due_at"]) == max(old_due, declined_at + 24 * HOUR) > old_due
        assert doc["timeline"][-1]["status"] == "awaiting_merchant"
        # the merchant may propose again (round 2), then the rounds are used up
        second = propose(c, doc, amount_fen=refund["paid_fen"] - 10).json()
        assert second["negotiation"]["round"] == 2 and first["negotiation"]["round"] == 1
        back = ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": False}).json()
        err = assert_error(propose(c, back), 422, "invalid_proposal")
        assert "round" in err["details"]["fields"]
        # ...and still decide
        assert write(c, back, "decision", {"action": "approve"}).json()["status"] == "refunding"


def test_an_unanswered_proposal_expires_at_respond_by_on_the_pinned_clock(sb):
    refund = one(sb)
    with api(sb) as c:
        doc = propose(c, refund).json()
        respond_by = parse_rfc3339(doc["negotiation"]["respond_by"])
        sb.world.set_time(respond_by - 1000)
        assert c.get(f"/refunds/{refund['id']}").json()["status"] == "negotiating"
        sb.world.set_time(respond_by + 5000)
        after = c.get(f"/refunds/{refund['id']}").json()
    assert after["status"] == "awaiting_merchant" and after["negotiation"]["state"] == "expired"
    assert after["negotiation"]["answered_at"] is None
    assert parse_rfc3339(after["due_at"]) == respond_by + 24 * HOUR  # T = respond_by
    assert after["timeline"][-1]["at"] == doc["negotiation"]["respond_by"]  # fired at its own time


def test_proposal_refusals(sb):
    refund = one(sb, not_category=("game_card", "gift_card", "membership"))
    paid = refund["paid_fen"]
    with api(sb) as c:
        rid = refund["id"]
        assert_error(c.post(f"/refunds/{rid}/proposal", json={"kind": "partial", "amount_fen": 1, "message": "可以吗"},
                            headers={"If-Match": '"1"'}), 400, "bad_request")
        assert_error(c.post(f"/refunds/{rid}/proposal", json={"kind": "partial", "amount_fen": 1, "message": "可以吗"},
                            headers={"Idempotency-Key": "k-no-if-match"}), 400, "bad_request")
        with api(sb, "viewer") as v:
            assert_error(propose(v, refund), 403, "forbidden")
        assert_error(propose(c, dict(refund, id="r_nope")), 404, "not_found")
        assert_error(write(c, refund, "proposal", {"kind": "partial", "amount_fen": 10, "message": "可以吗"},
                           version=refund["version"] + 1), 412, "version_mismatch")
        for body, field in (({"kind": "partial", "amount_fen": 0}, "amount_fen"),
                            ({"kind": "partial", "amount_fen": paid}, "amount_fen"),
                            ({"kind": "partial", "amount_fen": "70"}, "amount_fen"),
                            ({"kind": "partial"}, "amount_fen"),
                            ({"kind": "refund_half", "amount_fen": 10}, "kind"),
                            ({"kind": "reissue"}, "kind"),  # a phone top-up or other: no card to re-issue
                            ({"kind": "partial", "amount_fen": 10, "message": "好"}, "message"),
                            ({"kind": "partial", "amount_fen": 10, "message": "退" * 201}, "message"),
                            ({"kind": "partial", "amount_fen": 10, "evidence_ids": ["me_404"]}, "evidence_ids")):
            err = assert_error(write(c, refund, "proposal", {"message": "按剩余价值退款可以吗", **body}), 422,
                               "invalid_proposal")
            assert field in err["details"]["fields"], (body, err)
        assert c.get(f"/refunds/{rid}").json()["version"] == refund["version"]  # nothing changed
        done = write(c, refund, "decision", {"action": "approve"}).json()
        err = assert_error(propose(c, done), 409, "not_awaiting_merchant")
        assert err["details"]["refund"]["status"] == "refunding"


def test_a_proposal_does_not_pause_a_fast_refund(sb):
    [refund] = fresh(sb, 1, fast_refund=True)
    with api(sb) as c:
        doc = propose(c, refund).json()
        assert doc["status"] == "negotiating" and doc["auto_approve_at"] == refund["auto_approve_at"]
        sb.world.set_time(parse_rfc3339(refund["auto_approve_at"]) + 1000)
        after = c.get(f"/refunds/{refund['id']}").json()
    assert after["status"] == "refunding" and after["decision"]["by"]["kind"] == "platform_auto"
    assert after["decision"]["amount_fen"] == refund["requested_fen"]
    assert after["negotiation"]["state"] == "expired"


def test_a_proposal_pauses_an_urge_escalation(sb):
    [refund] = fresh(sb, 1, status="awaiting_merchant", variant="urged")
    escalates = parse_rfc3339(refund["escalates_at"])
    with api(sb) as c:
        doc = propose(c, refund).json()
        proposed = parse_rfc3339(doc["negotiation"]["proposed_at"])
        assert doc["escalates_at"] is None and doc["urged_at"] == refund["urged_at"]
        sb.world.set_time(escalates + HOUR)  # past the old escalation: still the buyer's turn, no 平台介入
        assert c.get(f"/refunds/{refund['id']}").json()["status"] == "negotiating"
        back = ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": False}).json()
        answered = parse_rfc3339(back["negotiation"]["answered_at"])
        assert back["status"] == "awaiting_merchant"
        assert parse_rfc3339(back["escalates_at"]) == answered + (escalates - proposed)  # resumes with what was left
        sb.world.set_time(parse_rfc3339(back["escalates_at"]) + 1000)
        assert c.get(f"/refunds/{refund['id']}").json()["status"] == "platform_review"


# -- the extension ----------------------------------------------------------------------------------
def test_an_extension_moves_due_at_once(sb):
    refund = one(sb)
    body = {"hours": 24, "reason_code": "checking_with_supplier",
            "reason_text": "已向上游供货商核实卡密状态,预计明日回复"}
    with api(sb) as c:
        assert_error(c.post(f"/refunds/{refund['id']}/extension", json=body,
                            headers={"Idempotency-Key": "k-ext"}), 400, "bad_request")
        with api(sb, "viewer") as v:
            assert_error(write(v, refund, "extension", body), 403, "forbidden")
        for hours in (0, 49, "24", 1.5, True):
            err = assert_error(write(c, refund, "extension", dict(body, hours=hours)), 422, "extension_not_allowed")
            assert err["details"]["reason"] == "hours"
        for bad in ({"reason_code": "card_already_used"}, {"reason_text": "好"}):
            err = assert_error(write(c, refund, "extension", dict(body, **bad)), 422, "extension_not_allowed")
            assert err["details"]["reason"] == "reason" and set(err["details"]["fields"]) == set(bad)
        assert_error(write(c, refund, "extension", body, version=refund["version"] + 1), 412, "version_mismatch")
        r = write(c, refund, "extension", body)
        assert r.status_code == 200, r.text
        doc = r.json()
        assert parse_rfc3339(doc["due_at"]) == parse_rfc3339(refund["due_at"]) + 24 * HOUR
        ext = doc["extension"]
        assert (ext["hours"], ext["reason_code"], ext["reason_text"]) == (24, body["reason_code"], body["reason_text"])
        assert ext["by"]["kind"] == "staff" and doc["version"] == refund["version"] + 1
        err = assert_error(write(c, doc, "extension", dict(body, hours=1)), 422, "extension_not_allowed")
        assert err["details"]["reason"] == "already_extended"
        [fast] = fresh(sb, 1, fast_refund=True)
        err = assert_error(write(c, fast, "extension", body), 422, "extension_not_allowed")
        assert err["details"]["reason"] == "fast_refund"
        [overdue] = fresh(sb, 1, status="awaiting_merchant", variant="overdue")
        err = assert_error(write(c, overdue, "extension", body), 422, "extension_not_allowed")
        assert err["details"]["reason"] == "past_due"
        negotiating = propose(c, one(sb)).json()
        err = assert_error(write(c, negotiating, "extension", body), 409, "not_awaiting_merchant")
        assert err["details"]["refund"]["status"] == "negotiating"
        # the old deadline passes without anything happening; the new one is the one that counts
        sb.world.set_time(parse_rfc3339(refund["due_at"]) + HOUR)
        assert_error(ctl(sb, f"/refunds/{refund['id']}/urge"), 409, "not_allowed")
        sb.world.set_time(parse_rfc3339(doc["due_at"]) + 1000)
        assert ctl(sb, f"/refunds/{refund['id']}/urge").json()["urged_at"]


# -- messages ---------------------------------------------------------------------------------------
def test_messages_thread_rules(sb):
    refund = one(sb)
    rid = refund["id"]
    with api(sb) as c:
        assert c.get(f"/refunds/{rid}/messages").json() == {"items": []}
        assert_error(c.get("/refunds/r_nope/messages"), 404, "not_found")
        assert_error(c.post(f"/refunds/{rid}/messages", json={"text": "在的"}), 400, "bad_request")  # no key
        with api(sb, "viewer") as v:
            assert_error(write(v, refund, "messages", {"text": "在的"}, if_match=False), 403, "forbidden")
        assert_error(write(c, dict(refund, id="r_nope"), "messages", {"text": "在的"}, if_match=False), 404,
                     "not_found")
        for body, field in (({"text": ""}, "text"), ({"text": "   "}, "text"), ({"text": "字" * 501}, "text"),
                            ({}, "text"), ({"text": "看图", "evidence_ids": ["me_404"]}, "evidence_ids"),
                            ({"text": "看图", "evidence_ids": "me_1"}, "evidence_ids")):
            err = assert_error(write(c, refund, "messages", body, if_match=False), 422, "invalid_decision")
            assert field in err["details"]["fields"]
        images = [c.post("/merchant-evidence", content=png(), headers={"Content-Type": "image/png"}).json()["id"]
                  for _ in range(4)]
        err = assert_error(write(c, refund, "messages", {"text": "看图", "evidence_ids": images}, if_match=False),
                           422, "invalid_decision")
        assert "evidence_ids" in err["details"]["fields"]  # at most message_max_images
        # a buyer message first: counted as waiting for the merchant
        first = ctl(sb, f"/refunds/{rid}/buyer-message", {"text": "商家你好,卡密充值提示无效"}).json()
        assert first["message"]["from"] == "buyer" and first["message"]["by"] is None
        assert first["refund"]["messages"]["unanswered_buyer"] == 1
        r = write(c, refund, "messages", {"text": " 您好,已收到,正在核实 ", "evidence_ids": images[:3]}, if_match=False)
        assert r.status_code == 201, r.text
        msg = r.json()
        assert msg["from"] == "merchant" and msg["text"] == "您好,已收到,正在核实" and msg["evidence_ids"] == images[:3]
        assert msg["by"] == {"kind": "staff", "id": "s_7", "name": "小王"}
        doc = c.get(f"/refunds/{rid}").json()
        assert doc["messages"] == {"count": 2, "last_at": msg["at"], "last_from": "merchant", "unanswered_buyer": 0}
        assert doc["status"] == "awaiting_merchant"  # a message changes no state
        # at most message_max_unanswered merchant messages in a row: the buyer must answer first
        for text in ("麻烦提供一下充值失败的截图", "请问充值的是哪个账号?"):
            assert write(c, refund, "messages", {"text": text}, if_match=False).status_code == 201
        err = assert_error(write(c, refund, "messages", {"text": "在吗?"}, if_match=False), 409, "too_many_unanswered")
        assert err["details"]["refund"]["id"] == rid
        ctl(sb, f"/refunds/{rid}/buyer-message", {})  # a natural text from the buyer
        assert write(c, refund, "messages", {"text": "收到,我们马上处理"}, if_match=False).status_code == 201
        thread = c.get(f"/refunds/{rid}/messages").json()["items"]
        assert [m["from"] for m in thread] == ["buyer", "merchant", "merchant", "merchant", "buyer", "merchant"]
        assert len({m["id"] for m in thread}) == 6 and thread[4]["text"]
        # closed conversations: refunded, closed, cancelled (and reissued, above)
        for status in ("refunded", "closed", "cancelled"):
            [done] = fresh(sb, 1, status=status)
            assert_error(write(c, done, "messages", {"text": "您好"}, if_match=False), 409, "conversation_closed")
            assert_error(ctl(sb, f"/refunds/{done['id']}/buyer-message", {"text": "在吗"}), 409, "conversation_closed")
        # still open while under review, rejected or appealed
        for status in ("platform_review", "rejected", "appealed", "refunding"):
            [open_] = fresh(sb, 1, status=status)
            assert write(c, open_, "messages", {"text": "您好"}, if_match=False).status_code == 201


def test_every_message_and_answer_puts_the_refund_in_the_feed(sb):
    refund = one(sb)
    with api(sb) as c:
        cursor = c.get("/refunds/changes", params={"limit": 500}).json()["next_cursor"]

        def changed() -> dict:
            nonlocal cursor
            page = c.get("/refunds/changes", params={"cursor": cursor}).json()
            cursor = page["next_cursor"]
            return {d["id"]: d["version"] for d in page["items"]}

        v = refund["version"]
        ctl(sb, f"/refunds/{refund['id']}/buyer-message", {"text": "在吗"})
        assert changed() == {refund["id"]: v + 1}
        write(c, refund, "messages", {"text": "在的"}, if_match=False)
        assert changed() == {refund["id"]: v + 2}
        doc = propose(c, c.get(f"/refunds/{refund['id']}").json()).json()
        assert changed() == {refund["id"]: doc["version"]}
        ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": False})
        assert changed() == {refund["id"]: doc["version"] + 1}
        [review] = fresh(sb, 1, status="platform_review")
        changed()
        asked = ctl(sb, f"/refunds/{review['id']}/request-evidence", {}).json()
        assert changed() == {review["id"]: asked["version"]} and asked["version"] == review["version"] + 1


def test_writes_are_applied_exactly_once_whatever_the_faults(sb):
    refund = one(sb)
    with api(sb) as c:
        ctl(sb, "/faults", {"error_rate": 0.3, "drop_after_commit_rate": 0.3})
        sent: dict[str, int] = {}
        for text in ("您好,正在核实", "麻烦提供截图", "已联系供货商"):
            key, answers = str(uuid.uuid4()), []
            for _ in range(40):  # a client retrying with its stored key until it hears an answer
                r = write(c, refund, "messages", {"text": text}, key=key, if_match=False)
                answers.append(r.status_code)
                if r.status_code == 201:
                    sent[r.json()["id"]] = r.json()["at"]
                    break
            assert answers[-1] == 201, answers
        ctl(sb, "/faults", {})
        thread = c.get(f"/refunds/{refund['id']}/messages").json()["items"]
        assert [m["text"] for m in thread] == ["您好,正在核实", "麻烦提供截图", "已联系供货商"]
        assert {m["id"]: m["at"] for m in thread} == sent
        assert sb.world.decisions_applied(refund["id"]) == 3
        # a replay returns the first answer; the same key with another body is refused
        key = str(uuid.uuid4())
        buyer = ctl(sb, f"/refunds/{refund['id']}/buyer-message", {"text": "好的"})
        assert buyer.status_code == 201
        first = write(c, refund, "messages", {"text": "谢谢"}, key=key, if_match=False)
        again = write(c, refund, "messages", {"text": "谢谢"}, key=key, if_match=False)
        assert first.status_code == again.status_code == 201 and first.json() == again.json()
        assert_error(write(c, refund, "messages", {"text": "谢谢!"}, key=key, if_match=False), 422,
                     "idempotency_key_reused")
        # proposals, extensions and answers the same way
        doc = c.get(f"/refunds/{refund['id']}").json()
        key = str(uuid.uuid4())
        body = {"hours": 12, "reason_code": "holiday", "reason_text": "节假日期间供货商处理较慢"}
        ext = write(c, doc, "extension", body, key=key)
        assert write(c, doc, "extension", body, key=key).json() == ext.json()
        key = str(uuid.uuid4())
        p1 = write(c, ext.json(), "proposal", {"kind": "partial", "amount_fen": 5, "message": "退五分可以吗"}, key=key)
        p2 = write(c, ext.json(), "proposal", {"kind": "partial", "amount_fen": 5, "message": "退五分可以吗"}, key=key)
        assert p1.status_code == p2.status_code == 200 and p1.json() == p2.json()
        assert p1.json()["negotiation"]["round"] == 1
        assert sb.world.decisions_applied(refund["id"]) == 6


# -- the simulated buyers ---------------------------------------------------------------------------
def test_buyers_answer_a_message_a_few_minutes_later_only_when_the_clock_moves(sb):
    sb.world.set_simulation(buyers=True)
    refunds = [one(sb) for _ in range(6)]
    with api(sb) as c:
        for refund in refunds:
            r = write(c, refund, "messages", {"text": "您好,请问充值的是哪个账号?"}, if_match=False)
            assert r.status_code == 201
        # a pinned clock: nobody answers while the test does not move it
        assert all(sb.world.refund(r["id"])["messages"]["count"] == 1 for r in refunds)
        sb.world.advance(30 * 60)
        threads = [c.get(f"/refunds/{r['id']}/messages").json()["items"] for r in refunds]
    replied = [t for t in threads if len(t) == 2]
    assert len(replied) >= 3  # most buyers answer, 2–25 minutes later
    for t in replied:
        assert t[1]["from"] == "buyer" and t[1]["text"]
        assert 2 * 60_000 <= parse_rfc3339(t[1]["at"]) - parse_rfc3339(t[0]["at"]) <= 25 * 60_000


def test_buyers_accept_offers_near_their_request_and_decline_low_ones(sb):
    sb.world.set_simulation(buyers=True)
    near, low = fresh(sb, 30), fresh(sb, 30)
    with api(sb) as c:
        for refund in near:
            amount = max(1, min(refund["requested_fen"], refund["paid_fen"] - 1) * 95 // 100)
            assert propose(c, refund, amount_fen=amount).status_code == 200
        for refund in low:
            assert propose(c, refund, amount_fen=max(1, refund["requested_fen"] // 5)).status_code == 200
    sb.world.advance(25 * 3600)
    outcome = Counter()
    for group, refunds in (("near", near), ("low", low)):
        for refund in refunds:
            doc = sb.world.refund(refund["id"])
            n = doc["negotiation"]
            outcome[group, n["state"]] += 1
            assert n["state"] in ("accepted", "declined", "expired")
            if n["state"] == "accepted":  # the partial refund was paid out (or is on its way)
                assert doc["status"] in ("refunding", "refunded", "payout_failed")
                assert doc["decision"]["reason_code"] == "partial_negotiated"
            else:
                assert doc["status"] == "awaiting_merchant"
            if n["state"] != "expired":
                assert n["buyer_message"] and sb.world.messages(refund["id"])[-1]["text"] == n["buyer_message"]
    assert outcome["near", "accepted"] >= 20 and outcome["low", "accepted"] <= 6, outcome
    assert outcome["near", "expired"] + outcome["low", "expired"] >= 1  # some never answer


def test_switching_the_buyers_off_drops_what_they_planned(sb):
    sb.world.set_simulation(buyers=True)
    refunds = fresh(sb, 8)
    with api(sb) as c:
        for refund in refunds:
            write(c, refund, "messages", {"text": "您好"}, if_match=False)
        r = ctl(sb, "/simulation", {"buyers": False})
        assert r.json() == {"buyers": False, "customer_service": False}
        assert httpx.get(sb.url + "/sandbox/simulation").json() == r.json()
        sb.world.advance(3600)
    assert all(sb.world.refund(x["id"])["messages"]["count"] == 1 for x in refunds)
    assert_error(ctl(sb, "/simulation", {"buyers": "yes"}), 400, "bad_request")
    assert_error(ctl(sb, "/simulation", {"sellers": True}), 400, "bad_request")


# -- evidence requests ------------------------------------------------------------------------------
def test_an_evidence_request_is_answered_once_before_its_due_at(sb):
    [review, other] = fresh(sb, 2, status="platform_review")
    with api(sb) as c:
        asked = ctl(sb, f"/refunds/{review['id']}/request-evidence",
                    {"question": "请提供该卡密的供货商激活记录", "hours": 24}).json()
        [req] = asked["evidence_requests"]
        assert req["question"] == "请提供该卡密的供货商激活记录" and req["answer"] is None
        assert parse_rfc3339(req["due_at"]) - parse_rfc3339(req["asked_at"]) == 24 * HOUR
        [cs] = c.get(f"/refunds/{review['id']}/messages").json()["items"]
        assert cs["from"] == "platform" and cs["by"]["kind"] == "platform_cs" and req["question"] in cs["text"]
        other_req = ctl(sb, f"/refunds/{other['id']}/request-evidence", {}).json()["evidence_requests"][0]
        assert other_req["question"]  # customer service's own words
        body = {"request_id": req["id"], "text": "已上传卡密激活记录及发货截图", "evidence_ids": []}
        assert_error(c.post(f"/refunds/{review['id']}/evidence-answer", json=body,
                            headers={"Idempotency-Key": "k-answer"}), 400, "bad_request")
        with api(sb, "viewer") as v:
            assert_error(write(v, asked, "evidence-answer", body), 403, "forbidden")
        assert_error(write(c, asked, "evidence-answer", dict(body, request_id=other_req["id"])), 409, "no_open_request")
        assert_error(write(c, asked, "evidence-answer", dict(body, request_id="er_nope")), 409, "no_open_request")
        assert_error(write(c, asked, "evidence-answer", body, version=asked["version"] - 1), 412, "version_mismatch")
        for bad, field in (({"text": ""}, "text"), ({"text": "字" * 501}, "text"),
                           ({"evidence_ids": ["me_404"]}, "evidence_ids")):
            err = assert_error(write(c, asked, "evidence-answer", dict(body, **bad)), 422, "invalid_decision")
            assert field in err["details"]["fields"]
        image = c.post("/merchant-evidence", content=png(), headers={"Content-Type": "image/png"}).json()["id"]
        r = write(c, asked, "evidence-answer", dict(body, evidence_ids=[image]))
        assert r.status_code == 200, r.text
        doc = r.json()
        answer = doc["evidence_requests"][0]["answer"]
        assert answer["text"] == body["text"] and answer["evidence_ids"] == [image] and answer["by"]["kind"] == "staff"
        assert doc["status"] == "platform_review" and doc["version"] == asked["version"] + 1
        err = assert_error(write(c, doc, "evidence-answer", body), 409, "no_open_request")  # answered already
        assert err["details"]["refund"]["id"] == review["id"]
        # customer service decides a few hours after the answer
        sb.world.advance(8 * 3600)
        decided = c.get(f"/refunds/{review['id']}").json()
        assert decided["status"] in ("refunding", "closed") and decided["decision"]["by"]["kind"] == "platform_cs"


def test_an_unanswered_request_holds_the_review_then_decides_without_the_merchant(sb):
    reviews = fresh(sb, 12, status="platform_review")
    with api(sb) as c:
        asked = [ctl(sb, f"/refunds/{r['id']}/request-evidence", {"hours": 10}).json() for r in reviews]
        sb.world.advance(9 * 3600)  # past every review's own decision time (2–6 h after escalation)
        assert all(c.get(f"/refunds/{r['id']}").json()["status"] == "platform_review" for r in reviews)
        due = parse_rfc3339(asked[0]["evidence_requests"][0]["due_at"])
        sb.world.set_time(due - 1000)
        late = write(c, c.get(f"/refunds/{asked[0]['id']}").json(), "evidence-answer",
                     {"request_id": asked[0]["evidence_requests"][0]["id"], "text": "已补充"})
        assert late.status_code == 200  # just in time
        sb.world.advance(3600)
        docs = [c.get(f"/refunds/{r['id']}").json() for r in asked[1:]]
        missed = asked[1]
        assert_error(write(c, docs[0], "evidence-answer",
                           {"request_id": missed["evidence_requests"][0]["id"], "text": "晚了"}), 409,
                     "no_open_request")
    outcomes = Counter(d["status"] for d in docs)
    for_buyer = sum(n for status, n in outcomes.items() if status in ("refunding", "refunded", "payout_failed"))
    assert for_buyer + outcomes["closed"] == len(docs) and for_buyer >= 7, outcomes  # mostly for the buyer
    for d in docs:
        assert d["decision"]["by"]["kind"] == "platform_cs"
        assert d["evidence_requests"][0]["answer"] is None
        assert any(t["note"] == "商家未在规定时间内补充凭证" for t in d["timeline"])
        assert d["decision"]["at"] == d["evidence_requests"][0]["due_at"]  # decided at the request's due_at


def test_appeals_get_requests_too(sb):
    [appealed] = fresh(sb, 1, status="appealed")
    with api(sb) as c:
        asked = ctl(sb, f"/refunds/{appealed['id']}/request-evidence", {}).json()
        req = asked["evidence_requests"][-1]
        r = write(c, asked, "evidence-answer", {"request_id": req["id"], "text": "附卡密使用记录截图"})
        assert r.status_code == 200 and r.json()["status"] == "appealed"
        # the statement is still the merchant's to file
        doc = r.json()
        if doc["appeal"]["statement"] is None:
            s = write(c, doc, "statement", {"text": "后台记录显示卡密已被使用"})
            assert s.status_code == 200, s.text


def test_customer_service_asks_on_some_escalated_refunds_by_itself(sb):
    sb.world.set_simulation(customer_service=True)
    refunds = fresh(sb, 40, status="awaiting_merchant", variant="urged")
    sb.world.set_time(max(parse_rfc3339(r["escalates_at"]) for r in refunds) + 95 * 60_000)
    docs = [sb.world.refund(r["id"]) for r in refunds]
    asked = [d for d in docs if d["evidence_requests"]]
    assert 4 <= len(asked) <= 30, len(asked)  # about a third
    for d in asked:
        assert d["status"] == "platform_review"
        req = d["evidence_requests"][0]
        escalated = next(t["at"] for t in d["timeline"] if t["status"] == "platform_review")
        assert 10 * 60_000 <= parse_rfc3339(req["asked_at"]) - parse_rfc3339(escalated) <= 90 * 60_000
        assert sb.world.messages(d["id"])[-1]["from"] == "platform"


def test_sandbox_controls_refuse_what_does_not_fit(sb):
    refund = one(sb)
    rid = refund["id"]
    assert_error(ctl(sb, f"/refunds/{rid}/answer-proposal", {"accept": True}), 409, "not_allowed")
    assert_error(ctl(sb, f"/refunds/{rid}/answer-proposal", {"accept": "yes"}), 400, "bad_request")
    assert_error(ctl(sb, f"/refunds/{rid}/request-evidence", {}), 409, "not_allowed")
    assert_error(ctl(sb, f"/refunds/{rid}/buyer-message", {"text": ""}), 400, "bad_request")
    assert_error(ctl(sb, f"/refunds/{rid}/buyer-message", {"text": "x" * 501}), 400, "bad_request")
    assert_error(ctl(sb, f"/refunds/{rid}/buyer-message", {"mood": "angry"}), 400, "bad_request")
    assert_error(ctl(sb, "/refunds/r_nope/buyer-message", {}), 404, "not_found")
    [review] = fresh(sb, 1, status="platform_review")
    assert_error(ctl(sb, f"/refunds/{review['id']}/request-evidence", {"hours": 0}), 400, "bad_request")
    r = ctl(sb, f"/refunds/{rid}/buyer-message", {})
    assert r.status_code == 201 and r.json()["message"]["text"]  # a first message that fits the reason


def test_buyer_messages_may_carry_screenshots():
    with world(images="small") as s:
        refund = one(s)
        r = ctl(s, f"/refunds/{refund['id']}/buyer-message", {"text": "截图已上传", "images": 2})
        assert r.status_code == 201, r.text
        ids = r.json()["message"]["evidence_ids"]
        assert len(ids) == 2
        with api(s) as c:
            for eid in ids:
                img = c.get(f"/evidence/{eid}")
                assert img.status_code == 200 and img.headers["content-type"].startswith("image/")


def test_conversations_are_the_same_for_a_seed_and_survive_a_restart(tmp_path):
    path = str(tmp_path / "sandbox.db")
    config = {"refunds": 150, "seed": 21, "images": "small", "seed_negotiations": True}
    with world(**config, db_path=path) as a, world(**config) as b:
        ids = sorted(a.world.snapshot())
        assert ids == sorted(b.world.snapshot())
        docs_a = [a.world.refund(i) for i in ids]
        assert docs_a == [b.world.refund(i) for i in ids]
        assert [a.world.messages(i) for i in ids] == [b.world.messages(i) for i in ids]
        # both move on the same way
        a.world.advance(30 * 3600)
        b.world.advance(30 * 3600)
        assert [a.world.refund(i) for i in ids] == [b.world.refund(i) for i in ids]
        after = {i: a.world.messages(i) for i in ids}
        assert sum(len(m) for m in after.values()) > sum(d["messages"]["count"] for d in docs_a)
    assert {"negotiating", "reissued"} & {d["status"] for d in docs_a}
    with world(**config, db_path=path) as again:
        assert {i: again.world.messages(i) for i in ids} == after


def test_a_declined_proposal_keeps_a_later_deadline_it_already_had(sb):
    refund = one(sb)
    with api(sb) as c:
        body = {"hours": 48, "reason_code": "awaiting_buyer_info", "reason_text": "已联系买家补充充值账号截图"}
        extended = write(c, refund, "extension", body).json()
        due = parse_rfc3339(extended["due_at"])  # 72 h after submission
        propose(c, extended)
        back = ctl(sb, f"/refunds/{refund['id']}/answer-proposal", {"accept": False}).json()
    assert parse_rfc3339(back["negotiation"]["answered_at"]) + 24 * HOUR < due
    assert parse_rfc3339(back["due_at"]) == due  # max(old due_at, T + negotiation_response_hours)
    assert back["extension"] == extended["extension"]  # still the one extension


def test_a_conversation_holds_at_most_200_messages(sb):
    refund = one(sb)
    rid = refund["id"]
    operator = next(s for s in sb.world._staff.values() if s.role == "operator")
    for i in range(100):
        sb.world.buyer_message(rid, f"第{i + 1}条消息")
        status, _ = sb.world.post_message(operator, rid, str(uuid.uuid4()), json.dumps({"text": "收到"}).encode())
        assert status == 201
    with api(sb) as c:
        thread = c.get(f"/refunds/{rid}/messages").json()["items"]
        assert len(thread) == 200 and thread[0]["text"] == "第1条消息" and thread[-1]["text"] == "收到"
        assert_error(ctl(sb, f"/refunds/{rid}/buyer-message", {"text": "还在吗"}), 409, "conversation_closed")
        assert_error(write(c, refund, "messages", {"text": "您好"}, if_match=False), 409, "conversation_closed")
        doc = c.get(f"/refunds/{rid}").json()
        assert doc["messages"]["count"] == 200 and doc["status"] == "awaiting_merchant"
        # deciding still works: the limit is the thread's, not the refund's
        assert write(c, doc, "decision", {"action": "approve"}).json()["status"] == "refunding"


def test_customer_service_may_ask_again_after_an_answer(sb):
    reviews = fresh(sb, 24, status="platform_review")  # made while customer service was off: nothing asked
    sb.world.set_simulation(customer_service=True)
    with api(sb) as c:
        for r in reviews:
            asked = ctl(sb, f"/refunds/{r['id']}/request-evidence", {}).json()
            req = asked["evidence_requests"][-1]
            assert parse_rfc3339(req["due_at"]) - parse_rfc3339(req["asked_at"]) == 24 * HOUR  # the policy's hours
            answer = {"request_id": req["id"], "text": "已上传发货记录"}
            assert write(c, asked, "evidence-answer", answer).status_code == 200
    sb.world.advance(3 * 3600)
    docs = [sb.world.refund(r["id"]) for r in reviews]
    again = [d for d in docs if len(d["evidence_requests"]) == 2]
    assert again, "a second round of questions on some refunds"
    for d in again:
        first, second = d["evidence_requests"]
        assert d["status"] == "platform_review" and second["answer"] is None
        assert parse_rfc3339(second["asked_at"]) > parse_rfc3339(first["answer"]["at"])
