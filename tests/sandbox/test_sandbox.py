"""The sandbox platform, through real HTTP on 127.0.0.1 (no mocks): the contract, timers, faults."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from email.utils import parsedate_to_datetime

import httpx
import pytest
from PIL import Image, ImageDraw

from merchant_console.core.clock import parse_rfc3339
from merchant_console.core.policy import REASON_CODES
from merchant_console.sandbox import Sandbox, SandboxConfig, World
from merchant_console.sandbox.images import Lettering

START = parse_rfc3339("2026-11-21T08:00:00.000Z")


def api(sb: Sandbox, role: str = "operator") -> httpx.Client:
    return httpx.Client(base_url=sb.url + "/api/v1", headers={"Authorization": f"Bearer {sb.tokens[role]}"},
                        timeout=40)


def decide(c: httpx.Client, refund: dict, body: dict, key: str | None = None, version: int | None = None
           ) -> httpx.Response:
    headers = {"Idempotency-Key": key or str(uuid.uuid4()),
               "If-Match": f'"{refund["version"] if version is None else version}"'}
    return c.post(f"/refunds/{refund['id']}/decision", json=body, headers=headers)


def assert_error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return body["error"]


@pytest.fixture(scope="module")
def shared():
    """A world to read from (tests that change state use their own)."""
    with Sandbox(SandboxConfig(refunds=300, seed=7, images="small", start_time_ms=START, ticker=False,
                               pinned_clock=True)) as sb:
        yield sb


@pytest.fixture
def sandbox():
    with Sandbox(SandboxConfig(refunds=20, seed=3, images="none", start_time_ms=START, ticker=False,
                               pinned_clock=True)) as sb:  # timers fire when a test moves the clock, only
        yield sb


def test_me_for_each_role(shared):
    for role in ("owner", "manager", "operator", "viewer"):
        with api(shared, role) as c:
            r = c.get("/me")
        assert r.status_code == 200
        me = r.json()
        assert me["staff"]["role"] == role
        assert me["merchant"]["id"] and me["policy"]["response_hours"] == 24
        server_ms = parse_rfc3339(me["server_time"])
        assert abs(server_ms - shared.world.now_ms()) < 5000
        date_ms = int(parsedate_to_datetime(r.headers["date"]).timestamp() * 1000)
        assert abs(date_ms - server_ms) < 2000  # the Date header speaks platform time too
        assert "server" not in r.headers


def test_auth_errors(shared):
    with httpx.Client(base_url=shared.url + "/api/v1") as c:
        assert_error(c.get("/me"), 401, "unauthenticated")
        assert_error(c.get("/me", headers={"Authorization": "Bearer nope"}), 401, "unauthenticated")
        assert_error(c.get("/refunds/changes", headers={"Authorization": "Basic abc"}), 401, "unauthenticated")
    refund = next(iter(shared.world.snapshot()))
    with api(shared, "viewer") as c:
        assert c.get(f"/refunds/{refund}").status_code == 200
        assert_error(decide(c, {"id": refund, "version": 1}, {"action": "approve"}), 403, "forbidden")
        assert_error(c.post(f"/refunds/{refund}/statement", json={"text": "x"},
                            headers={"Idempotency-Key": "k", "If-Match": '"1"'}), 403, "forbidden")
        assert_error(c.post("/merchant-evidence", content=b"x", headers={"Content-Type": "image/png"}),
                     403, "forbidden")
    with api(shared) as c:
        assert_error(c.get("/refunds/r_nope"), 404, "not_found")
        assert_error(c.get("/evidence/e_nope"), 404, "not_found")


def test_reason_codes(shared):
    with api(shared, "viewer") as c:
        codes = c.get("/reason-codes").json()
    served = {x["code"]: tuple(x["actions"]) for x in codes}
    assert {code: tuple(a for a in actions if a != "extend") for code, actions in served.items()
            if actions != ("extend",)} == REASON_CODES
    # v1.1: the reasons for more time
    assert {code for code, actions in served.items() if "extend" in actions} == {
        "checking_with_supplier", "awaiting_buyer_info", "holiday", "other"}
    assert all(x["label"]["zh"] and x["label"]["en"] for x in codes)


def test_changes_pages_every_refund_once_in_latest_version(shared):
    snapshot = shared.world.snapshot()
    seen: dict[str, int] = {}
    cursor, pages = "", 0
    with api(shared) as c:
        while True:
            r = c.get("/refunds/changes", params={"cursor": cursor, "limit": 37})
            assert r.status_code == 200
            page = r.json()
            ids = [x["id"] for x in page["items"]]
            assert 1 <= len(ids) <= 37 and len(ids) == len(set(ids))
            for item in page["items"]:
                assert item["id"] not in seen
                seen[item["id"]] = item["version"]
            cursor, pages = page["next_cursor"], pages + 1
            if not page["has_more"]:
                break
        assert seen == snapshot and pages == -(-len(snapshot) // 37)  # small images: no drawing budget
        # nothing new: an empty page and a cursor that means the same
        again = c.get("/refunds/changes", params={"cursor": cursor}).json()
        assert again == {"items": [], "next_cursor": cursor, "has_more": False}
        assert_error(c.get("/refunds/changes", params={"limit": 0}), 400, "bad_request")
        assert_error(c.get("/refunds/changes", params={"limit": 501}), 400, "bad_request")
        assert_error(c.get("/refunds/changes", params={"wait": 31}), 400, "bad_request")
        assert_error(c.get("/refunds/changes", params={"cursor": "garbled!!"}), 400, "bad_request")
        assert c.get("/refunds/changes", params={"limit": 500}).json()["has_more"] is False


def test_seeded_refunds_are_consistent(shared):
    now = shared.world.now_ms()
    docs = [shared.world.refund(i) for i in shared.world.snapshot()]
    by_status = Counter(d["status"] for d in docs)
    assert {"awaiting_merchant", "platform_review", "refunding", "refunded", "payout_failed",
            "rejected", "appealed", "closed", "cancelled", "negotiating"} <= set(by_status) <= {
        "awaiting_merchant", "platform_review", "refunding", "refunded", "payout_failed",
        "rejected", "appealed", "closed", "cancelled", "negotiating", "reissued"}  # v1.1: 协商中 (and 已补发)
    assert by_status["awaiting_merchant"] == max(by_status.values())
    ids = {d["id"] for d in docs}
    for d in docs:
        assert d["timeline"][0]["note"] == "买家提交退款申请"
        assert d["timeline"][-1]["status"] == d["status"], d["id"]
        assert d["version"] >= len({t["at"] for t in d["timeline"]})
        extra = d["extension"]["hours"] * 3600_000 if d["extension"] else 0  # v1.1: one extension
        assert parse_rfc3339(d["due_at"]) - parse_rfc3339(d["submitted_at"]) == 24 * 3600_000 + extra
        assert d["paid_fen"] <= d["product"]["face_value_fen"] * d["quantity"]
        assert all(isinstance(d[k], int) for k in ("paid_fen", "requested_fen"))
        if d["status"] == "awaiting_merchant":
            if d["fast_refund"]:
                assert parse_rfc3339(d["auto_approve_at"]) > now
            if d["urged_at"]:
                assert parse_rfc3339(d["escalates_at"]) > now >= parse_rfc3339(d["due_at"])
        if d["status"] in ("refunding", "refunded", "payout_failed"):
            assert d["decision"]["action"] in ("approve", "partial") and d["payout"]["eta"]
        if d["status"] == "appealed":
            assert parse_rfc3339(d["appeal"]["statement_due_at"]) > now
        if d["previous_refund_id"]:
            prev = shared.world.refund(d["previous_refund_id"])
            assert d["previous_refund_id"] in ids and prev["decision"]["reason_code"] == "insufficient_evidence"
            assert prev["order_no"] == d["order_no"]
    kinds = Counter(d["decision"]["by"]["kind"] for d in docs if d["decision"])
    assert set(kinds) == {"staff", "platform_auto", "platform_cs"}
    assert any(d["buyer"]["refunds_90d"] >= 15 for d in docs)
    assert any(d["card"]["status"] == "partially_used" and d["card"]["used_fen"] > 0 for d in docs)
    assert any(d["delivered_at"] and parse_rfc3339(d["submitted_at"]) - parse_rfc3339(d["delivered_at"])
               > 15 * 60_000 for d in docs)
    assert len({d["order_no"] for d in docs if not d["previous_refund_id"]}) == \
        sum(1 for d in docs if not d["previous_refund_id"])


def test_evidence_served_as_declared_with_every_special_case(shared):
    docs = [shared.world.refund(i) for i in shared.world.snapshot()]
    evidence = [(d, e) for d in docs for e in d["evidence"]]
    assert len(evidence) > 200
    formats, orientations, software, problems, long_ones = Counter(), set(), set(), Counter(), 0
    buyers_by_sha: dict[str, set[str]] = {}
    with api(shared, "viewer") as c:
        for d, e in evidence:
            r = c.get(f"/evidence/{e['id']}")
            assert r.status_code == 200
            assert r.headers["content-type"] == e["content_type"]
            assert int(r.headers["content-length"]) == e["bytes"] == len(r.content)
            assert hashlib.sha256(r.content).hexdigest() == e["sha256"]
            assert r.headers["etag"] == f'"{e["sha256"]}"'
            buyers_by_sha.setdefault(e["sha256"], set()).add(d["buyer"]["id"])
            if not r.content:
                problems["empty"] += 1
                continue
            try:
                with Image.open(io.BytesIO(r.content)) as im:
                    im.load()
                    formats[im.format] += 1
                    if im.format != {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}[e["content_type"]]:
                        problems["wrong_type"] += 1
                    exif = im.getexif()
                    if 0x0112 in exif:
                        orientations.add(exif[0x0112])
                    if 0x0131 in exif:
                        software.add(exif[0x0131])
                    if im.height >= 4 * im.width:
                        long_ones += 1
            except OSError:
                problems["undecodable"] += 1
        r = c.get(f"/evidence/{evidence[0][1]['id']}", headers={"If-None-Match": f'"{evidence[0][1]["sha256"]}"'})
        assert r.status_code == 304
    assert set(formats) == {"PNG", "JPEG", "WEBP"}
    assert orientations == set(range(1, 9))
    assert len(software) >= 3
    assert problems["empty"] and problems["undecodable"] >= 2 and problems["wrong_type"]
    assert long_ones >= 2
    assert any(len(b) >= 2 for b in buyers_by_sha.values())  # the same image, different buyers


def test_long_poll_returns_early_when_something_changes(sandbox):
    with api(sandbox) as c:
        cursor = c.get("/refunds/changes", params={"limit": 500}).json()["next_cursor"]
        t0 = time.monotonic()
        empty = c.get("/refunds/changes", params={"cursor": cursor, "wait": 1}).json()
        assert empty["items"] == [] and time.monotonic() - t0 >= 0.9
        timer = threading.Timer(0.3, lambda: sandbox.world.add_refunds(1))
        timer.start()
        t0 = time.monotonic()
        page = c.get("/refunds/changes", params={"cursor": cursor, "wait": 20}).json()
        elapsed = time.monotonic() - t0
        timer.join()
    assert len(page["items"]) == 1 and page["items"][0]["status"] == "awaiting_merchant"
    assert 0.25 < elapsed < 5


def test_cursor_expiry(sandbox):
    with api(sandbox) as c:
        cursor = c.get("/refunds/changes").json()["next_cursor"]
        assert httpx.post(sandbox.url + "/sandbox/cursors/expire").status_code == 200
        assert_error(c.get("/refunds/changes", params={"cursor": cursor}), 410, "cursor_expired")
        fresh = c.get("/refunds/changes", params={"limit": 500}).json()
        assert len(fresh["items"]) == len(sandbox.world.snapshot())
        assert c.get("/refunds/changes", params={"cursor": fresh["next_cursor"]}).status_code == 200


def test_clock_advance_fires_fast_refund_and_urge_escalation(sandbox):
    w = sandbox.world
    fast, slow = w.add_refunds(1, fast_refund=True)[0], w.add_refunds(1)[0]
    assert w.refund(fast)["auto_approve_at"]
    with api(sandbox) as c:
        r = httpx.post(sandbox.url + "/sandbox/refunds/" + slow + "/urge")
        assert_error(r, 409, "not_allowed")  # not before due_at
        before = parsedate_to_datetime(c.get("/me").headers["date"])
        r = httpx.post(sandbox.url + "/sandbox/clock/advance", json={"seconds": 31 * 60})
        assert r.status_code == 200 and r.json()["fired"] >= 1
        after = parsedate_to_datetime(c.get("/me").headers["date"])
        assert 30 * 60 <= (after - before).total_seconds() < 33 * 60
        doc = c.get(f"/refunds/{fast}").json()
        assert doc["status"] == "refunding" and doc["decision"]["by"]["kind"] == "platform_auto"
        assert doc["decision"]["amount_fen"] == doc["requested_fen"] and doc["payout"]["status"] == "processing"
        assert [t["note"] for t in doc["timeline"]][-2:] == ["极速退款:系统自动同意退款", "财务处理中"]
        assert doc["timeline"][-1]["at"] == doc["auto_approve_at"]  # fired at its own time
        w.advance(24 * 3600)
        urged = httpx.post(sandbox.url + "/sandbox/refunds/" + slow + "/urge").json()
        assert urged["urged_at"] and parse_rfc3339(urged["escalates_at"]) - parse_rfc3339(urged["urged_at"]) == \
            12 * 3600_000
        w.advance(12 * 3600 + 1)
        doc = c.get(f"/refunds/{slow}").json()
        assert doc["status"] == "platform_review" and doc["timeline"][-1]["note"] == "平台介入处理"
        w.advance(7 * 3600)
        doc = c.get(f"/refunds/{slow}").json()
        if doc["evidence_requests"]:  # v1.1: customer service asked the merchant; it decides at the due_at
            assert doc["status"] == "platform_review"
            w.advance(24 * 3600)
            doc = c.get(f"/refunds/{slow}").json()
        assert doc["status"] in ("refunding", "closed", "refunded")
        assert doc["decision"]["by"]["kind"] == "platform_cs"
        paid = c.get(f"/refunds/{fast}").json()  # the fast one's payout arrived meanwhile
        assert paid["status"] in ("refunded", "payout_failed", "refunding")


def test_a_pinned_world_is_the_same_at_any_hour_of_the_wall_clock():
    import time_machine

    cfg = SandboxConfig(refunds=80, seed=5, images="small", start_time_ms=START, pinned_clock=True, ticker=False)
    a = World(cfg)
    try:
        for hours in (5, 11, 17, 23):
            with time_machine.travel(time.time() + hours * 3600, tick=True):
                b = World(cfg)
                try:
                    assert abs(b.now_ms() - START) < 60_000  # the start time, not the wall clock
                    assert b.snapshot() == a.snapshot()
                    assert [b.refund(i) for i in sorted(b.snapshot())] == [a.refund(i) for i in sorted(a.snapshot())]
                finally:
                    b.close()
    finally:
        a.close()


def test_a_pinned_clock_fires_timers_only_when_moved(monkeypatch):
    w = World(SandboxConfig(refunds=30, seed=6, images="none", start_time_ms=START, pinned_clock=True,
                            ticker=False))
    try:
        fast = w.add_refunds(1, fast_refund=True, channel="bank_card")[0]
        due = parse_rfc3339(w.refund(fast)["auto_approve_at"])
        real_ns = time.monotonic_ns
        # 40 minutes pass on this computer (a slow, busy test run): platform time runs on, timers wait
        monkeypatch.setattr(time, "monotonic_ns", lambda: real_ns() + 40 * 60 * 10**9)
        assert w.now_ms() > due and w.next_timer_ms() is None
        assert w.fire_due() == 0
        assert w.refund(fast)["status"] == "awaiting_merchant"
        assert json.loads(w.changes("", 500))["items"]  # serving requests fires nothing either
        assert w.refund(fast)["status"] == "awaiting_merchant"
        assert w.advance(0) >= 1  # moving the clock catches the timers up to now, each at its own time
        doc = w.refund(fast)
        assert doc["status"] == "refunding" and doc["timeline"][-2]["at"] == doc["auto_approve_at"]
        before = w.now_ms()
        assert w.set_time(before - 3600_000) == 0 and w.now_ms() >= before  # never backwards
        assert w.set_time(before + 7 * 24 * 3600_000) >= 1  # the payout's timer
        assert w.now_ms() >= before + 7 * 24 * 3600_000
        assert w.refund(fast)["status"] in ("refunded", "payout_failed")
    finally:
        w.close()


def test_a_pinned_clock_survives_a_restart(tmp_path):
    cfg = SandboxConfig(refunds=10, seed=2, images="none", db_path=str(tmp_path / "p.db"), start_time_ms=START,
                        pinned_clock=True, ticker=False)
    w = World(cfg)
    w.advance(3600)
    at = w.now_ms()
    w.close()
    w = World(SandboxConfig(**{**cfg.__dict__, "pinned_clock": False}))  # the file remembers it was pinned
    try:
        assert w.pinned and at <= w.now_ms() < at + 60_000
    finally:
        w.close()


def test_timers_fire_in_time_order_across_refunds(sandbox):
    w = sandbox.world
    ids = w.add_refunds(5, fast_refund=True)
    w.advance(3 * 24 * 3600)
    with api(sandbox) as c:
        items = c.get("/refunds/changes", params={"limit": 500}).json()["items"]
    events = sorted((t["at"], d["id"]) for d in items if d["id"] in ids for t in d["timeline"])
    assert all(w.refund(i)["status"] in ("refunded", "refunding", "payout_failed") for i in ids)
    assert events


def test_decision_rules_and_idempotency(sandbox):
    w = sandbox.world
    a, b, cc = w.add_refunds(3)
    with api(sandbox) as c:
        ra = c.get(f"/refunds/{a}").json()
        # header and validation errors
        assert_error(c.post(f"/refunds/{a}/decision", json={"action": "approve"}, headers={"If-Match": '"1"'}),
                     400, "bad_request")
        assert_error(c.post(f"/refunds/{a}/decision", json={"action": "approve"},
                            headers={"Idempotency-Key": "x" * 256, "If-Match": '"1"'}), 400, "bad_request")
        assert_error(c.post(f"/refunds/{a}/decision", json={"action": "approve"},
                            headers={"Idempotency-Key": "k-no-if-match"}), 400, "bad_request")
        err = assert_error(decide(c, ra, {"action": "partial", "amount_fen": ra["paid_fen"],
                                          "reason_code": "partial_negotiated", "reason_text": "协商退款"}),
                           422, "invalid_decision")
        assert "amount_fen" in err["details"]["fields"]
        err = assert_error(decide(c, ra, {"action": "reject", "reason_code": "partial_used_value",
                                          "reason_text": "x"}), 422, "invalid_decision")
        assert {"reason_code", "reason_text"} <= set(err["details"]["fields"])
        assert_error(decide(c, {"id": "r_missing", "version": 1}, {"action": "approve"}), 404, "not_found")
        # happy path, then the same key replays the first answer whatever happened since
        key = str(uuid.uuid4())
        first = decide(c, ra, {"action": "approve"}, key=key)
        assert first.status_code == 200
        doc = first.json()
        assert doc["status"] == "refunding" and doc["version"] == ra["version"] + 1
        assert doc["decision"]["by"] == {"kind": "staff", "id": "s_7", "name": "小王"}
        assert doc["decision"]["amount_fen"] == ra["requested_fen"]
        assert doc["timeline"][-2]["note"] == "商家同意退款"
        w.advance(20 * 3600)  # paid out meanwhile
        assert w.refund(a)["status"] in ("refunded", "payout_failed", "refunding")
        replay = decide(c, ra, {"action": "approve"}, key=key)
        assert (replay.status_code, replay.content) == (first.status_code, first.content)
        assert w.decisions_applied(a) == 1
        assert_error(decide(c, ra, {"action": "approve", "reason_text": "同意退款"}, key=key),
                     422, "idempotency_key_reused")
        w.advance(5 * 3600)  # keys are kept 24 h; after that the key is new again
        assert_error(decide(c, ra, {"action": "approve"}, key=key), 409, "not_awaiting_merchant")
        err = assert_error(decide(c, ra, {"action": "approve"}), 409, "not_awaiting_merchant")
        assert err["details"]["refund"]["id"] == a and err["details"]["refund"]["status"] != "awaiting_merchant"
        # stale version
        rb = c.get(f"/refunds/{b}").json()
        w.urge(b)  # a buyer action bumps the version
        err = assert_error(decide(c, rb, {"action": "approve"}), 412, "version_mismatch")
        assert err["details"]["refund"]["version"] == rb["version"] + 1
        # partial and reject with insufficient evidence -> the buyer may resubmit
        rb = c.get(f"/refunds/{b}").json()
        r = decide(c, rb, {"action": "partial", "amount_fen": 100, "reason_code": "partial_negotiated",
                           "reason_text": "已与买家协商一致,退还1元"})
        assert r.status_code == 200 and r.json()["decision"]["amount_fen"] == 100
        rc = c.get(f"/refunds/{cc}").json()
        r = decide(c, rc, {"action": "reject", "reason_code": "insufficient_evidence",
                           "reason_text": "请补充充值失败截图"})
        assert r.status_code == 200 and r.json()["status"] == "rejected"
        resub = httpx.post(f"{sandbox.url}/sandbox/refunds/{cc}/resubmit")
        assert resub.status_code == 201
        new = resub.json()
        assert new["previous_refund_id"] == cc and new["status"] == "awaiting_merchant"
        assert c.get(f"/refunds/{cc}").json()["status"] == "closed"
        assert httpx.post(f"{sandbox.url}/sandbox/refunds/{cc}/resubmit").status_code == 409


def test_appeal_and_statement(sandbox):
    w = sandbox.world
    (rid,) = w.add_refunds(1)
    with api(sandbox) as c:
        doc = c.get(f"/refunds/{rid}").json()
        headers = {"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{doc["version"]}"'}
        assert_error(c.post(f"/refunds/{rid}/statement", json={"text": "说明"}, headers=headers), 409, "not_appealed")
        doc = decide(c, doc, {"action": "reject", "reason_code": "card_already_used",
                              "reason_text": "卡密已被使用"}).json()
        appealed = httpx.post(f"{sandbox.url}/sandbox/refunds/{rid}/appeal", json={"reason": "卡密确实无法充值"}).json()
        assert appealed["status"] == "appealed" and appealed["appeal"]["statement_due_at"]
        headers = {"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{appealed["version"]}"'}
        assert_error(c.post(f"/refunds/{rid}/statement", json={"text": ""}, headers=headers), 422,
                     "invalid_decision")
        headers = {"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{appealed["version"]}"'}
        r = c.post(f"/refunds/{rid}/statement", json={"text": "后台记录显示卡密已被使用", "evidence_ids": []},
                   headers=headers)
        assert r.status_code == 200
        assert r.json()["appeal"]["statement"]["text"] == "后台记录显示卡密已被使用"
        assert r.json()["timeline"][-1]["note"] == "商家提交申诉说明"
        again = c.post(f"/refunds/{rid}/statement", json={"text": "再说一次"},
                       headers={"Idempotency-Key": str(uuid.uuid4()), "If-Match": f'"{r.json()["version"]}"'})
        assert_error(again, 409, "not_appealed")
        assert w.decisions_applied(rid) == 2
        w.advance(5 * 3600)
        assert c.get(f"/refunds/{rid}").json()["status"] in ("closed", "refunding", "refunded")


def test_merchant_evidence_upload(sandbox):
    (rid,) = sandbox.world.add_refunds(1)
    png = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(png, "PNG")
    jpeg = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 30, 200)).save(jpeg, "JPEG")
    with api(sandbox) as c:
        r = c.post("/merchant-evidence", content=png.getvalue(), headers={"Content-Type": "image/png"})
        assert r.status_code == 201
        me = r.json()
        assert me["id"].startswith("me_") and me["bytes"] == len(png.getvalue())
        assert me["sha256"] == hashlib.sha256(png.getvalue()).hexdigest()
        got = c.get(f"/evidence/{me['id']}")
        assert got.content == png.getvalue() and got.headers["content-type"] == "image/png"
        assert_error(c.post("/merchant-evidence", content=b"hello", headers={"Content-Type": "text/plain"}),
                     415, "unsupported_type")
        assert_error(c.post("/merchant-evidence", content=jpeg.getvalue(), headers={"Content-Type": "image/png"}),
                     415, "unsupported_type")
        assert_error(c.post("/merchant-evidence", content=os.urandom(2000), headers={"Content-Type": "image/webp"}),
                     415, "unsupported_type")
        assert_error(c.post("/merchant-evidence", content=png.getvalue()[:60], headers={"Content-Type": "image/png"}),
                     415, "unsupported_type")
        big = b"\0" * (131072 + 1)
        assert_error(c.post("/merchant-evidence", content=big, headers={"Content-Type": "image/png"}), 413, "too_large")
        doc = c.get(f"/refunds/{rid}").json()
        err = assert_error(decide(c, doc, {"action": "reject", "reason_code": "card_already_used",
                                           "reason_text": "卡密已被使用", "evidence_ids": ["me_999"]}),
                           422, "invalid_decision")
        assert "evidence_ids" in err["details"]["fields"]
        r = decide(c, doc, {"action": "reject", "reason_code": "card_already_used", "reason_text": "卡密已被使用",
                            "evidence_ids": [me["id"]]})
        assert r.status_code == 200 and r.json()["decision"]["evidence_ids"] == [me["id"]]


def test_faults(sandbox):
    w = sandbox.world
    sb_url = sandbox.url
    with api(sandbox) as c:
        httpx.post(sb_url + "/sandbox/faults", json={"error_rate": 1.0}).raise_for_status()
        r = c.get("/me")
        assert r.status_code in (500, 502, 503) and r.json()["error"]["code"] and r.headers["date"]
        assert httpx.get(sb_url + "/sandbox/snapshot").status_code == 200  # never on /sandbox/*
        httpx.post(sb_url + "/sandbox/faults", json={"rate_limit_rate": 1.0, "retry_after_s": 7}).raise_for_status()
        r = c.get("/refunds/changes")
        assert_error(r, 429, "rate_limited")
        assert r.headers["retry-after"] == "7"
        httpx.post(sb_url + "/sandbox/faults", json={"maintenance": True}).raise_for_status()
        err = assert_error(c.get("/me"), 503, "maintenance")
        assert "维护" in err["message"] and c.get("/me").headers["retry-after"]
        httpx.post(sb_url + "/sandbox/faults", json={"latency_ms": 250}).raise_for_status()
        t0 = time.monotonic()
        assert c.get("/me").status_code == 200 and time.monotonic() - t0 >= 0.25
        assert_error(httpx.post(sb_url + "/sandbox/faults", json={"error_rate": 3}), 400, "bad_request")
        assert_error(httpx.post(sb_url + "/sandbox/faults", json={"bogus": 1}), 400, "bad_request")
        # dropped after commit: the change happened, the answer was lost; a replay returns it
        (rid,) = w.add_refunds(1)
        doc = c.get(f"/refunds/{rid}").json()
        w.set_faults(drop_after_commit_rate=1.0)
        key = str(uuid.uuid4())
        lost = decide(c, doc, {"action": "approve"}, key=key)
        assert lost.status_code == 502 and lost.json()["error"]["code"] == "bad_gateway"
        assert w.refund(rid)["status"] == "refunding" and w.decisions_applied(rid) == 1
        w.set_faults()
        replay = decide(c, doc, {"action": "approve"}, key=key)
        assert replay.status_code == 200 and replay.json()["version"] == doc["version"] + 1
        assert replay.json() == w.refund(rid) and w.decisions_applied(rid) == 1


def test_many_retries_under_faults_apply_exactly_once(sandbox):
    w = sandbox.world
    ids = w.add_refunds(10)
    w.set_faults(error_rate=0.3, drop_after_commit_rate=0.3, rate_limit_rate=0.1, retry_after_s=0)
    with api(sandbox) as c:
        for rid in ids:
            doc = w.refund(rid)
            key = str(uuid.uuid4())
            for _ in range(60):
                r = decide(c, doc, {"action": "approve"}, key=key)
                if r.status_code == 200:
                    break
            assert r.status_code == 200
    w.set_faults()
    assert all(w.decisions_applied(i) == 1 for i in ids)


def test_restart_on_db_file_keeps_state(tmp_path):
    db = str(tmp_path / "platform.db")
    cfg = SandboxConfig(refunds=40, seed=5, images="small", db_path=db, start_time_ms=START, ticker=False,
                        pinned_clock=True)
    with Sandbox(cfg) as sb:
        tokens = sb.tokens
        (rid,) = sb.world.add_refunds(1)
        sb.world.advance(3600)
        with api(sb) as c:
            doc = c.get(f"/refunds/{rid}").json()
            assert decide(c, doc, {"action": "approve"}).status_code == 200
            cursor, more = "", True
            while more:  # a page may end early while it draws evidence
                page = c.get("/refunds/changes", params={"limit": 500, "cursor": cursor}).json()
                cursor, more = page["next_cursor"], page["has_more"]
            ev = next(e for i in sb.world.snapshot() for e in sb.world.refund(i)["evidence"])
        snapshot, clock = sb.world.snapshot(), sb.world.now_ms()
    with Sandbox(cfg) as sb:  # the same file: no reseeding, same tokens, clock and sequence
        assert sb.tokens == tokens
        assert sb.world.snapshot() == snapshot and len(snapshot) == 41
        assert sb.world.now_ms() >= clock
        assert sb.world.refund(rid)["status"] == "refunding"
        with api(sb) as c:
            assert c.get("/refunds/changes", params={"cursor": cursor}).json()["items"] == []
            assert hashlib.sha256(c.get(f"/evidence/{ev['id']}").content).hexdigest() == ev["sha256"]
        new = sb.world.add_refunds(1)[0]
        assert new not in snapshot


def test_world_is_deterministic_for_a_seed():
    cfg = SandboxConfig(refunds=60, seed=11, images="small", start_time_ms=START, ticker=False)
    a, b = World(cfg), World(cfg)
    try:
        assert a.snapshot() == b.snapshot()
        ids = sorted(a.snapshot())
        assert [a.refund(i) for i in ids] == [b.refund(i) for i in ids]
        assert [a.refund(i)["evidence"] for i in ids] == [b.refund(i)["evidence"] for i in ids]
    finally:
        a.close()
        b.close()


def _feed(w: World, limit: int = 200) -> tuple[list[dict], int]:
    cursor, docs, pages = "", [], 0
    while True:
        page = json.loads(w.changes(cursor, limit))
        docs += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return docs, pages


def _all_evidence(doc: dict) -> list[dict]:
    return doc["evidence"] + ((doc.get("appeal") or {}).get("evidence") or [])


def test_evidence_is_drawn_on_first_request_the_same_whatever_the_order():
    cfg = SandboxConfig(refunds=40, seed=9, images="small", start_time_ms=START, ticker=False)
    a, b = World(cfg), World(cfg)
    try:
        # nothing drawn at start: only plans
        assert a._db.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 0
        planned = [r[0] for r in a._db.execute("SELECT id FROM evidence_plans ORDER BY id")]
        assert len(planned) > 30
        # world a: every file asked for directly, newest first, before any refund is read
        files_a = {eid: a.evidence(eid) for eid in reversed(planned)}
        assert a._db.execute("SELECT COUNT(*) FROM evidence_plans").fetchone()[0] == 0
        # world b: through the feed, then the files
        docs, _ = _feed(b)
        entries = [e for d in docs for e in _all_evidence(d)]
        chat = [eid for d in docs for m in b.messages(d["id"]) for eid in m["evidence_ids"]]  # v1.1 screenshots
        assert sorted(e["id"] for e in entries) + sorted(chat) == sorted(planned, key=lambda i: (i[:3] == "e_c", i))
        for eid in chat:
            assert b.evidence(eid) == files_a[eid]
        for e in entries:
            ctype, data, sha = b.evidence(e["id"])
            assert (ctype, len(data), sha) == (e["content_type"], e["bytes"], e["sha256"])
            assert hashlib.sha256(data).hexdigest() == sha
            assert files_a[e["id"]] == (ctype, data, sha)  # same bytes from the seed and the id alone
        # documents read after drawing are the same documents as in the feed, no new versions
        assert [a.refund(d["id"]) for d in docs] == docs
        assert a.snapshot() == b.snapshot()
    finally:
        a.close()
        b.close()


def test_drawn_evidence_is_kept_in_the_db_file(tmp_path):
    db = str(tmp_path / "platform.db")
    cfg = SandboxConfig(refunds=10, seed=4, images="small", db_path=db, start_time_ms=START, ticker=False)
    w = World(cfg)
    rid = next(i for i in sorted(w.snapshot()) if w.refund(i)["evidence"])
    ev = w.refund(rid)["evidence"][0]
    w.close()
    w = World(cfg)
    try:
        assert w._db.execute("SELECT COUNT(*) FROM evidence_plans WHERE refund_id = ?", (rid,)).fetchone()[0] == 0
        assert w.evidence(ev["id"])[2] == ev["sha256"]
        assert w._db.execute("SELECT COUNT(*) FROM evidence_plans").fetchone()[0] > 0  # the rest still waits
    finally:
        w.close()


def test_a_page_that_takes_long_to_draw_ends_early():
    from merchant_console.sandbox.world import PAGE_DRAW_BUDGET_S

    for images, budget in (("realistic", PAGE_DRAW_BUDGET_S), ("small", None), ("none", None)):
        empty = World(SandboxConfig(refunds=0, images=images, ticker=False))
        assert empty._page_budget_s() == budget  # full-size images only: tests' small ones keep whole pages
        empty.close()
    w = World(SandboxConfig(refunds=60, seed=12, images="small", start_time_ms=START, ticker=False,
                            page_draw_budget_s=0.0))
    try:
        docs, pages = _feed(w, limit=500)
        assert pages > 2  # drawing a few refunds' evidence used up each page's time
        assert len(docs) == len({d["id"] for d in docs}) == 60
        for e in (e for d in docs for e in _all_evidence(d)):
            _ctype, data, sha = w.evidence(e["id"])
            assert (e["bytes"], e["sha256"]) == (len(data), sha)
    finally:
        w.close()


def test_a_big_world_is_seeded_while_it_already_serves(monkeypatch):
    from merchant_console.sandbox import world as world_module

    monkeypatch.setattr(world_module, "SEED_CHUNK", 40)
    cfg = SandboxConfig(refunds=300, seed=8, images="none", start_time_ms=START, pinned_clock=True, ticker=False)
    whole = World(cfg)  # at once: under the background threshold
    try:
        assert whole._seeding is None
        monkeypatch.setattr(world_module, "SEED_IN_BACKGROUND_ABOVE", 100)
        streamed = World(cfg)
        try:
            assert streamed._seeding is not None
            docs, pages = _feed(streamed, limit=50)  # pages as the chunks come in
            assert pages >= 6 and [d["id"] for d in docs] == [d["id"] for d in _feed(whole, limit=500)[0]]
            assert docs == [whole.refund(d["id"]) for d in docs]  # the same world
            assert streamed.snapshot() == whole.snapshot()
            streamed._seeding.join(5)
            assert not streamed._seeding.is_alive()
        finally:
            streamed.close()
    finally:
        whole.close()


def test_closing_a_world_still_being_seeded_stops_the_seeding(monkeypatch, tmp_path):
    from merchant_console.sandbox import world as world_module

    monkeypatch.setattr(world_module, "SEED_CHUNK", 50)
    monkeypatch.setattr(world_module, "SEED_IN_BACKGROUND_ABOVE", 100)
    cfg = SandboxConfig(refunds=20_000, seed=8, images="none", db_path=str(tmp_path / "p.db"), start_time_ms=START,
                        ticker=False)
    w = World(cfg)
    page = json.loads(w.changes("", 10))
    assert len(page["items"]) == 10 and page["has_more"]
    w.close()
    assert not w._seeding.is_alive()
    monkeypatch.setattr(world_module, "SEED_IN_BACKGROUND_ABOVE", 100_000)
    again = World(SandboxConfig(**{**cfg.__dict__, "refunds": 300}))  # an unfinished file is seeded anew
    try:
        assert len(again.snapshot()) == 300
    finally:
        again.close()


@pytest.mark.slow   # drawing every small image of 2000 refunds to read the whole feed: tens of seconds
def test_seeding_2000_small():
    t0 = time.perf_counter()
    w = World(SandboxConfig(refunds=2000, seed=2, images="small", ticker=False))
    seconds = time.perf_counter() - t0
    try:
        n_evidence = w._db.execute("SELECT COUNT(*) FROM evidence_plans").fetchone()[0]
        print(f"\nseeded 2000 refunds with {n_evidence} small images (to draw) in {seconds:.2f} s")
        assert len(w.snapshot()) == 2000
        t0 = time.perf_counter()
        cursor, n = "", 0
        while True:
            page = json.loads(w.changes(cursor, 500))
            n += len(page["items"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        print(f"read the whole feed in {time.perf_counter() - t0:.3f} s")
        assert n == 2000
    finally:
        w.close()


@pytest.mark.slow
def test_seeding_100000_without_images(tmp_path):
    t0 = time.perf_counter()
    w = World(SandboxConfig(refunds=100_000, seed=1, images="none", ticker=False))
    started = time.perf_counter() - t0
    try:
        assert w._seeding is not None  # seeded in the background: the world answers at once
        assert len(w.snapshot()) == 100_000  # waits for the whole world
        print(f"\n100000 refunds (no images): answering after {started:.2f} s, "
              f"seeded in {time.perf_counter() - t0:.2f} s")
        t0 = time.perf_counter()
        cursor, n = "", 0
        while True:
            body = w.changes(cursor, 500)
            page = json.loads(body)
            n += len(page["items"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        print(f"served the changes feed (200 pages of 500) in {time.perf_counter() - t0:.2f} s")
        assert n == 100_000
    finally:
        w.close()


def test_serve_prints_the_json_line_first(tmp_path):
    windows = os.name == "nt"
    proc = subprocess.Popen([sys.executable, "-m", "merchant_console.sandbox", "--refunds", "15",
                             "--images", "small", "--seed", "4"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8",
                            creationflags=subprocess.CREATE_NEW_PROCESS_GROUP if windows else 0)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        info = json.loads(line)
        assert info["url"].startswith("http://127.0.0.1:") and set(info["tokens"]) == {"owner", "manager",
                                                                                         "operator", "viewer"}
        r = httpx.get(info["url"] + "/api/v1/me", headers={"Authorization": f"Bearer {info['tokens']['owner']}"})
        assert r.status_code == 200 and r.json()["staff"]["role"] == "owner"
    finally:
        proc.send_signal(signal.CTRL_BREAK_EVENT if windows else signal.SIGINT)
        try:
            code = proc.wait(timeout=15)
            assert windows or code == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


def test_images_without_a_cjk_font_draw_bars_not_tofu():
    img = Image.new("RGB", (400, 60), "white")
    width = Lettering(None, probe=False).draw(ImageDraw.Draw(img), (5, 10), "订单号 KM2026 ¥98.50", 24, (0, 0, 0))
    assert width > 100
    colours = Counter(img.get_flattened_data())
    assert colours[(100, 100, 100)] > 200  # 订单号 and ¥ are grey bars: the default font has no glyphs
    assert colours[(0, 0, 0)] > 20  # the Latin text is lettered


def test_stop_leaves_no_threads_behind():
    before = set(threading.enumerate())
    sb = Sandbox(SandboxConfig(refunds=5, images="none")).start()
    with api(sb) as c:
        assert c.get("/me").status_code == 200
        poll = threading.Thread(target=lambda: c.get("/refunds/changes", params={"cursor": c.get(
            "/refunds/changes").json()["next_cursor"], "wait": 30}))
        poll.start()
        time.sleep(0.2)
        t0 = time.monotonic()
        sb.stop()
        sb.stop()  # idempotent
        poll.join(10)
        assert time.monotonic() - t0 < 8
    leftover = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert not leftover, leftover
