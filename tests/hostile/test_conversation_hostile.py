"""v1.1 conversation from a misbehaving platform: hostile threads, malformed answers, a thread that never comes."""

from __future__ import annotations

import json

from merchant_console.core.conversation import Thread
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Invalid, Ok, Retryable
from merchant_console.store import conversation, outbox, refunds, state
from merchant_console.workbench import conversation as wb
from merchant_console.workbench.result import Done

from .conftest import TOKEN
from .platform import iso, me_doc, refund_doc

NOW = "2026-11-21T08:00:00.000Z"
V11 = {"negotiation_response_hours": 24, "negotiation_max_rounds": 2, "message_max_chars": 500,
       "message_max_images": 3, "message_max_unanswered": 3, "extension_max_hours": 48, "evidence_request_hours": 24}


def me_v11(h):
    doc = me_doc()
    doc["policy"].update(V11)
    h.send_json(doc)


def talking(rid: str, count: int = 3) -> dict:
    return refund_doc(rid, messages={"count": count, "last_at": NOW, "last_from": "buyer", "unanswered_buyer": 1})


HOSTILE_THREAD = {"items": [
    {"id": "msg_1", "at": NOW, "from": "buyer", "by": None, "text": "退款\u202egnp.exe\x1b[31m红字",
     "evidence_ids": []},
    {"id": "../../me", "at": NOW, "from": "buyer", "text": "path id"},
    {"id": "msg_2", "at": "not a time", "from": "buyer", "text": "bad time"},
    {"id": "msg_3", "at": NOW, "from": "admin", "text": "unknown sender"},
    {"id": "msg_4", "at": NOW, "from": "buyer", "text": "x" * 100_000},
    {"id": "msg_5", "at": NOW, "from": "buyer", "text": "图片", "evidence_ids": ["e_1", "../e_2", 7]},
    {"id": "msg_6", "at": NOW, "from": "buyer", "text": "好", "evidence_ids": ["e_1", "e/2"]},
    "not an object",
]}


def test_a_hostile_thread_keeps_what_can_be_shown_safely(hostile):
    hostile.routes["GET /api/v1/refunds/r_1/messages"] = lambda h: h.send_json(HOSTILE_THREAD)
    with PlatformClient(hostile.url, TOKEN) as c:
        out = c.messages("r_1")
    assert isinstance(out, Ok) and isinstance(out.value, Thread)
    kept = {m.id: m for m in out.value.messages}
    assert set(kept) == {"msg_1", "msg_4", "msg_6"}
    assert "\u202e" not in kept["msg_1"].text and "\x1b" not in kept["msg_1"].text and kept["msg_1"].odd_fields
    assert len(kept["msg_4"].text) <= 2000 and kept["msg_4"].odd_fields
    assert kept["msg_6"].evidence_ids == ("e_1",)          # an id that is a path is left out, the message kept
    assert len(out.value.skipped) == 5


def test_answers_that_are_not_threads_or_messages_are_bad_answers(hostile):
    deep = b"[" * 100_000 + b"]" * 100_000
    hostile.routes["GET /api/v1/refunds/r_1/messages"] = lambda h: h.send_json({"items": "many"})
    hostile.routes["GET /api/v1/refunds/r_2/messages"] = lambda h: h.send_json(None, raw=b'{"items": ' + deep + b"}")
    hostile.routes["POST /api/v1/refunds/r_1/messages"] = lambda h: h.send_json({"ok": True}, 201)
    with PlatformClient(hostile.url, TOKEN) as c:
        assert isinstance(c.messages("r_1"), Invalid)
        assert isinstance(c.messages("r_2"), Retryable)
        assert isinstance(c.messages("r_1/../../me"), Invalid)
        sent = c.post_message("r_1", {"text": "您好"}, idempotency_key="k-1")
        assert isinstance(sent, Invalid) and sent.code == "malformed"


def test_a_thread_that_cannot_be_read_never_stops_the_sync(hostile, console):
    hostile.routes["GET /api/v1/me"] = me_v11
    hostile.refunds["r_1"] = talking("r_1")
    hostile.refunds["r_2"] = talking("r_2")
    hostile.routes["GET /api/v1/refunds/r_1/messages"] = lambda h: h.send_json({"items": "garbage"})
    hostile.routes["GET /api/v1/refunds/r_2/messages"] = lambda h: h.send_json(
        {"items": [{"id": "m_1", "at": iso_now(), "from": "buyer", "text": "在吗", "evidence_ids": []}]})
    engine = console(hostile.url)
    report = engine.sync_once(prefetch=False)
    assert report.refunds == 2 and report.quarantined == 0
    with engine.db.read() as conn:
        assert refunds.get_refund(conn, "r_1")["messages_count"] == 3
        assert conversation.thread_of(conn, "r_1") == []
        assert [m["text"] for m in conversation.thread_of(conn, "r_2")] == ["在吗"]
        assert conversation.threads_behind(conn, ["r_1", "r_2"]) == ["r_1", "r_2"]   # asked again next round


def test_a_message_the_platform_answers_with_nonsense_is_settled_not_resent_forever(hostile, console):
    hostile.routes["GET /api/v1/me"] = me_v11
    hostile.refunds["r_1"] = refund_doc("r_1")
    posts = []

    def nonsense(h):
        posts.append((h.headers.get("Idempotency-Key"), json.loads(h.body())))
        h.send_json({"id": "../x"}, 201)
    hostile.routes["POST /api/v1/refunds/r_1/messages"] = nonsense
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.read() as conn:
        assert state.load_state(conn)["role"] == "operator"
    assert isinstance(wb.send_message(engine.db, "r_1", "您好，请提供截图"), Done)
    assert engine.push().pushed == {"rejected": 1}
    assert engine.push().pushed == {}
    with engine.db.read() as conn:
        assert outbox.counts_by_state(conn) == {"rejected": 1}
    assert len(posts) == 1 and posts[0][0] and posts[0][1] == {"text": "您好，请提供截图", "evidence_ids": []}


def iso_now() -> str:
    from datetime import UTC, datetime
    return iso(datetime.now(UTC))
