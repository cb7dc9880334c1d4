"""The v1.1 conversation through sync: threads pulled, every merchant action pushed once, against the real sandbox."""

from __future__ import annotations

from PIL import Image

from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Ok
from merchant_console.store import audit, conversation, outbox, refunds
from merchant_console.sync.engine import RECONCILE_AFTER_MS
from merchant_console.workbench import conversation as wb
from merchant_console.workbench.result import Done

HOUR = 3_600_000


def fresh(sb, engine, n):
    """n new refunds awaiting the merchant (not fast, a full day to go), synced."""
    ids = sb.world.add_refunds(n, evidence=False)
    engine.pull()
    return ids


def row(engine, rid):
    with engine.db.read() as conn:
        return refunds.get_refund(conn, rid)


def platform(sb):
    return PlatformClient(sb.url, sb.tokens["operator"])


def platform_thread(sb, rid):
    with platform(sb) as c:
        out = c.messages(rid)
        assert isinstance(out, Ok)
        return out.value.messages


def platform_refund(sb, rid):
    with platform(sb) as c:
        out = c.refund(rid)
        assert isinstance(out, Ok)
        return out.value


def drain(engine, sb, faults=None, rounds=60):
    """Push and pull until the outbox is empty (faults on while it runs); retries brought forward."""
    for _ in range(rounds):
        if faults:
            sb.world.set_faults(**faults)
        try:
            engine.push()
            engine.pull()
        except Exception:  # noqa: BLE001 - a round given up under faults: the next goes on
            pass
        with engine.db.read() as conn:
            if outbox.pending_count(conn) == 0:
                break
        with engine.db.write() as conn:
            conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending'")
    sb.world.set_faults()
    engine.pull()
    with engine.db.read() as conn:
        assert outbox.pending_count(conn) == 0


def test_messages_round_trip_and_buyer_replies_arrive_as_a_thread(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    assert isinstance(wb.send_message(engine.db, rid, "您好，请提供充值失败的截图"), Done)
    with engine.db.read() as conn:  # offline: shown at once, waiting to upload
        assert [m["pending"] for m in conversation.thread_of(conn, rid)] == [True]
    assert engine.push().pushed == {"done": 1}
    sandbox.world.buyer_message(rid, "截图已经上传了，麻烦尽快处理")
    engine.pull()
    with engine.db.read() as conn:
        thread = conversation.thread_of(conn, rid)
        assert [(m["sender"], m["pending"]) for m in thread] == [("merchant", False), ("buyer", False)]
        assert thread[1]["text"] == "截图已经上传了，麻烦尽快处理"
        assert conversation.unread_count(conn, rid) == 1
        assert conversation.counts(conn, engine.clock.now_ms())["buyer_waiting"] >= 1
    assert row(engine, rid)["unanswered_buyer"] == 1
    assert [m.id for m in platform_thread(sandbox, rid)] == [m["id"] for m in thread]


def test_proposal_declined_returns_the_refund_with_its_new_deadline(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    before = row(engine, rid)
    out = wb.propose(engine.db, rid, "partial", "卡内已用部分面值，按剩余价值退款，您看可以吗？",
                     amount_fen=before["paid_fen"] // 2, seen_version=before["version"])
    assert isinstance(out, Done)
    assert engine.push().pushed == {"done": 1}
    now = row(engine, rid)
    assert now["status"] == "negotiating" and now["negotiation"]["state"] == "pending"
    sandbox.world.answer_proposal(rid, False, "太少了，不同意")
    engine.pull()
    after = row(engine, rid)
    assert after["status"] == "awaiting_merchant" and after["negotiation_state"] == "declined"
    assert after["due_at"] >= before["due_at"]
    with engine.db.read() as conn:
        [p] = conversation.proposals_of(conn, rid)
        assert p["state"] == "declined" and p["buyer_message"] == "太少了，不同意"


def test_extension_moves_the_deadline(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    due = row(engine, rid)["due_at"]
    assert isinstance(wb.ask_for_time(engine.db, rid, 24, "checking_with_supplier", "已向上游供货商核实卡密状态"), Done)
    assert engine.push().pushed == {"done": 1}
    assert row(engine, rid)["due_at"] == due + 24 * HOUR and row(engine, rid)["extension"]["hours"] == 24


def test_evidence_request_answered(sandbox, console):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = sandbox.world.add_refunds(1, status="platform_review", evidence=False)
    sandbox.world.request_evidence(rid, "请提供该卡密的供货商激活记录", 24)
    engine.pull()
    with engine.db.read() as conn:
        [req] = conversation.requests_of(conn, rid)
        assert conversation.counts(conn, engine.clock.now_ms())["evidence_requested"] >= 1
    assert row(engine, rid)["evidence_request_due_at"] == req["due_at"]
    out = wb.answer_evidence_request(engine.db, rid, req["id"], "供货商记录显示该卡密已于下单后激活")
    assert isinstance(out, Done)
    assert engine.push().pushed == {"done": 1}
    with engine.db.read() as conn:
        [req] = conversation.requests_of(conn, rid)
        assert req["answer_text"] == "供货商记录显示该卡密已于下单后激活"
    assert row(engine, rid)["evidence_request_due_at"] is None


def test_a_buyer_message_between_recording_and_sending_does_not_lose_the_action(sandbox, console):
    """If-Match: the buyer's message moves the version; the platform answers 412 and applies nothing, so the
    item gets a fresh key and the current version and goes again (audited), instead of being dropped."""
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    assert isinstance(wb.ask_for_time(engine.db, rid, 12, "holiday", "节假日期间核实较慢"), Done)
    sandbox.world.buyer_message(rid, "怎么还没处理？")
    assert engine.push().pushed == {"rebased": 1, "done": 1}
    assert row(engine, rid)["extension"]["hours"] == 12
    with engine.db.read() as conn:
        assert "extension_rebased" in [e["kind"] for e in audit.trail(conn, rid)]


def test_conversation_actions_apply_exactly_once_under_errors_and_lost_answers(sandbox_factory, console, tmp_path):
    sb = sandbox_factory(refunds=60, seed=7)
    engine = console(sb, max_attempts=60)
    engine.sync_once(prefetch=False)
    ids = fresh(sb, engine, 9)
    Image.new("RGB", (900, 1600), (240, 240, 240)).save(tmp_path / "shot.png")
    images = wb.prepare_images(engine.db, [str(tmp_path / "shot.png")], tmp_path)
    assert isinstance(images, Done)
    texts = {}
    for i, rid in enumerate(ids[:3]):
        texts[rid] = f"您好，第{i + 1}位买家，请提供充值记录"
        assert isinstance(wb.send_message(engine.db, rid, texts[rid], attachments=images.value if i == 0 else ()),
                          Done)
    for i, rid in enumerate(ids[3:6]):   # the first proposal carries an image, through the message's image path
        assert isinstance(wb.propose(engine.db, rid, "partial", "按剩余价值退款，您看可以吗？",
                                     amount_fen=row(engine, rid)["paid_fen"] // 2,
                                     attachments=images.value if i == 0 else ()), Done)
    dues = {rid: row(engine, rid)["due_at"] for rid in ids[6:]}
    for rid in ids[6:]:
        assert isinstance(wb.ask_for_time(engine.db, rid, 24, "checking_with_supplier", "正在与供货商核实"), Done)
    drain(engine, sb, dict(error_rate=0.3, drop_after_commit_rate=0.3, rate_limit_rate=0.1, retry_after_s=0))
    for rid in ids[:3]:
        assert [m.text for m in platform_thread(sb, rid) if m.sender == "merchant"] == [texts[rid]]
    for rid in ids[3:6]:
        doc = platform_refund(sb, rid)
        assert doc["status"] == "negotiating" and doc["negotiation"]["round"] == 1
    for rid in (ids[0], ids[3]):   # one image each, sent once with its message or proposal
        [mine] = [m for m in platform_thread(sb, rid) if m.sender == "merchant"]
        assert len(mine.evidence_ids) == 1 and mine.evidence_ids[0].startswith("me_")
    for rid in ids[6:]:
        doc = row(engine, rid)
        assert doc["due_at"] == dues[rid] + 24 * HOUR and doc["extension"]["hours"] == 24
    with engine.db.read() as conn:
        states = conn.exec_driver_sql("SELECT state, count(*) FROM outbox GROUP BY state").all()
        assert states == [("done", 9)]
        keys = conn.exec_driver_sql("SELECT count(DISTINCT idempotency_key), count(*) FROM outbox").one()
        assert keys[0] == keys[1] == 9
    assert refunds_match(engine, sb)


def refunds_match(engine, sb) -> bool:
    with engine.db.read() as conn:
        return refunds.versions(conn) == sb.world.snapshot()


def test_an_old_message_whose_answer_was_lost_is_not_sent_twice(sandbox, console):
    from merchant_console.core.clock import ServerClock, local_now_ms
    skew = [0]
    engine = console(sandbox, clock=ServerClock(local=lambda: local_now_ms() + skew[0]))
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    assert isinstance(wb.send_message(engine.db, rid, "请问是哪个账号充值的？"), Done)
    sandbox.world.set_faults(drop_after_commit_rate=1.0)
    assert engine.push().pushed == {"retry": 1}       # posted on the platform, answer lost
    sandbox.world.set_faults()
    skew[0] = RECONCILE_AFTER_MS + HOUR               # a day later: the platform forgot the key
    engine.client.clock.offset_ms -= skew[0]
    with engine.db.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET next_attempt_at = 0")
    assert engine.push().pushed == {"done": 1}
    assert [m.text for m in platform_thread(sandbox, rid) if m.sender == "merchant"] == ["请问是哪个账号充值的？"]


def test_images_of_a_buyers_message_are_fetched_into_the_evidence_cache(sandbox, console):
    """Buyers attach chat screenshots to messages only (not the refund's evidence): shown, they are fetched."""
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    [rid] = fresh(sandbox, engine, 1)
    message, _refund = sandbox.world.buyer_message(rid, "这是充值失败的截图", images=2)
    engine.pull()
    with engine.db.read() as conn:
        assert conversation.images_to_fetch(conn, rid) == message["evidence_ids"]
    engine.want_evidence(rid)
    report = engine.fetch_wanted()
    assert report.evidence_fetched == 2
    with engine.db.read() as conn:
        images = conversation.message_images_of(conn, rid)
        assert conversation.images_to_fetch(conn, rid) == []
    for eid in message["evidence_ids"]:
        row = images[eid]
        assert row["fetch_error"] is None and row["content_type"].startswith("image/")
        assert engine.fetcher.cache.holds(row["sha256"])
    # asked again: nothing is downloaded twice
    engine.want_evidence(rid)
    assert engine.fetch_wanted().evidence_fetched == 0
