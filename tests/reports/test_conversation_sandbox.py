"""The conversation figures after a real sync: the sandbox platform on 127.0.0.1, the console's own actions
through the outbox, the sandbox's buyer and customer service answering, then the report read back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from merchant_console.platform.backoff import Backoff
from merchant_console.platform.client import PlatformClient
from merchant_console.reports.export import build
from merchant_console.reports.query import ReportFilter
from merchant_console.store import conversation, refunds
from merchant_console.store.engine import Database
from merchant_console.sync.engine import SyncEngine
from merchant_console.workbench import conversation as wb
from merchant_console.workbench.result import Done

CHINA = timezone(timedelta(hours=8))
HOUR_S = 3600


@pytest.fixture
def synced(sandbox_factory, tmp_path):
    sb = sandbox_factory(refunds=0, seed=3, images="none")
    sb.world.set_simulation(buyers=False, customer_service=False)   # the test says what buyers and CS do
    db = Database(tmp_path / "console.db")
    client = PlatformClient(sb.url, sb.tokens["manager"])
    engine = SyncEngine(db, client, None, backoff=Backoff(base_s=0.01, cap_s=0.05))
    engine.sync_once(prefetch=False)
    yield sb, engine
    client.close()
    db.close()


def row(engine, rid):
    with engine.db.read() as conn:
        return refunds.get_refund(conn, rid)


def test_report_after_a_sync_with_conversation(synced):
    sb, engine = synced
    accepted, declined, expired, extended = sb.world.add_refunds(4, evidence=False)
    [reviewed] = sb.world.add_refunds(1, status="platform_review", evidence=False)
    sb.world.request_evidence(reviewed, "请提供该卡密的供货商激活记录", 24)
    engine.pull()
    asked = {}
    for rid in (accepted, declined, expired):
        r = row(engine, rid)
        asked[rid] = r["requested_fen"]
        assert isinstance(wb.propose(engine.db, rid, "partial", "卡内已用部分面值，按剩余价值退款，您看可以吗？",
                                     amount_fen=r["paid_fen"] // 2, seen_version=r["version"]), Done)
    assert isinstance(wb.ask_for_time(engine.db, extended, 24, "checking_with_supplier", "已向上游供货商核实"), Done)
    [req] = conversation_requests(engine, reviewed)
    assert isinstance(wb.answer_evidence_request(engine.db, reviewed, req["id"], "供货商记录显示卡密已激活"), Done)
    assert engine.push().pushed == {"done": 5}
    sb.world.buyer_message(accepted, "能不能多退一点？")
    engine.pull()
    sb.world.advance(12 * 60)                     # the shop answers 12 minutes later
    assert isinstance(wb.send_message(engine.db, accepted, "已按剩余面值计算，谢谢理解"), Done)
    assert engine.push().pushed == {"done": 1}
    sb.world.answer_proposal(accepted, True, "好的")
    sb.world.answer_proposal(declined, False, "太少了，不同意")
    sb.world.advance(25 * HOUR_S)                 # the third proposal's answer time runs out
    engine.pull()
    paid_half = {accepted: row(engine, accepted)["paid_fen"] // 2}
    now = sb.world.now_ms()
    day = datetime.fromtimestamp(now / 1000, CHINA).date()
    k = build(engine.db, ReportFilter(day - timedelta(days=3), day, tz=CHINA), now_ms=now).conversation
    assert (k.proposals, k.accepted, k.declined, k.expired, k.pending) == (3, 1, 1, 1, 0)
    assert (k.asked_fen, k.refunded_fen) == (asked[accepted], paid_half[accepted])
    assert k.kept_fen == asked[accepted] - paid_half[accepted]
    assert (k.extensions, k.extension_hours) == (1, 24)
    assert (k.requests, k.answered_in_time, k.answered_late, k.unanswered) == (1, 1, 0, 0)
    # the buyer's words declining the proposal come into the thread as a buyer message, not answered (yet)
    assert (k.buyer_messages, k.buyer_messages_answered, k.median_answer_minutes) == (2, 1, 12.0)


def conversation_requests(engine, rid):
    with engine.db.read() as conn:
        return conversation.requests_of(conn, rid)
