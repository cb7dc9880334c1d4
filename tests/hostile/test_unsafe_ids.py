"""Issue 14.1: an id that could change a URL path never stops the pull, the pusher or other items."""

from __future__ import annotations

import pytest

from merchant_console.core.policy import DecisionDraft
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Invalid
from merchant_console.store import outbox, refunds, state
from merchant_console.store.models import Refund

from .platform import refund_doc

UNSAFE = ["r/1", "r?x=1", "r#frag", "r%2F..", "r\\win", ".", "..", "r\x00nul", "r\u202eexe.png", " r_space"]


def test_unsafe_refund_ids_are_quarantined_and_the_rest_synced(hostile, console):
    for rid in UNSAFE:
        hostile.refunds[rid] = refund_doc(rid)
    hostile.refunds["r_ok"] = refund_doc("r_ok")
    engine = console(hostile.url)
    report = engine.sync_once(prefetch=False)
    with engine.db.read() as conn:
        held = set(refunds.versions(conn))
        quarantined = {q["refund_id"]: q["error"] for q in state.quarantined(conn)}
    assert held == {"r_ok"}
    assert set(quarantined) == set(UNSAFE)
    assert all("id" in why for why in quarantined.values())
    assert report.quarantined == len(UNSAFE)


def test_an_unsafe_evidence_id_drops_that_file_not_the_refund(hostile, console):
    ev = {"id": "../../me", "kind": "chat_screenshot", "content_type": "image/png", "bytes": 10, "sha256": "a" * 64}
    good = dict(ev, id="ev_1", sha256="b" * 64)
    hostile.refunds["r_ev"] = refund_doc("r_ev", evidence=[ev, good])
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.read() as conn:
        assert [e["id"] for e in refunds.evidence_of(conn, "r_ev")] == ["ev_1"]
        assert refunds.get_refund(conn, "r_ev")["odd_fields"] == ["evidence[0].id"]


def test_the_client_refuses_unsafe_ids_as_an_outcome_not_an_exception(hostile):
    with PlatformClient(hostile.url, "t0ken") as c:
        for rid in UNSAFE[:7]:
            assert isinstance(c.refund(rid), Invalid)
            assert isinstance(c.decide(rid, {"action": "approve"}, idempotency_key="k", if_match=1), Invalid)
            assert isinstance(c.evidence(rid), Invalid)
    assert not [s for s in hostile.seen if s[0] == "POST"]


def _queue_decision(engine, rid: str) -> None:
    """A decision recorded before this release's checks existed: the row is in the database as it came."""
    row = {c.name: None for c in Refund.__table__.columns if c.nullable}  # the rest have their defaults
    row.update(id=rid, version=1, order_no="KM1", product_name="x", product_category="gift_card", face_value_fen=100,
               quantity=1, paid_fen=100, currency="CNY", payment_channel="alipay", buyer_id="b", buyer_nickname="",
               buyer_refunds_90d=0, buyer_orders_90d=0, card_status="unused", card_used_fen=0, type="other",
               requested_fen=100, reason="", status="awaiting_merchant", submitted_at=0, due_at=10**13,
               fast_refund=False, timeline=[], updated_at=0, evidence_count=0)
    with engine.db.write() as conn:
        conn.execute(Refund.__table__.insert().values(**row))
        outbox.record_decision(conn, refunds.get_refund(conn, rid), DecisionDraft("approve"), staff_id="s_1",
                               staff_name="Wang", now_ms=engine.clock.now_ms())


@pytest.mark.parametrize("bad", ["r/../../me", ".."])
def test_a_decision_on_an_unsafe_id_never_blocks_the_others(hostile, console, bad):
    engine = console(hostile.url)
    engine.refresh_me()
    _queue_decision(engine, bad)
    hostile.refunds["r_a"] = refund_doc("r_a")
    engine.pull()
    with engine.db.write() as conn:
        outbox.record_decision(conn, refunds.get_refund(conn, "r_a"), DecisionDraft("approve"), staff_id="s_1",
                               staff_name="Wang", now_ms=engine.clock.now_ms())
    report = engine.sync_once(prefetch=False)
    assert report.pushed == {"done": 1, "rejected": 1}
    assert [d[0] for d in hostile.decisions] == ["r_a"]
    with engine.db.read() as conn:
        by_refund = {d["refund_id"]: d for d in outbox.all_decisions(conn)}
    assert by_refund[bad]["state"] == "rejected" and "id" in by_refund[bad]["message"]
    assert by_refund["r_a"]["state"] == "done"


def test_an_unexpected_failure_in_one_item_is_settled_and_the_pusher_goes_on(hostile, console):
    """The platform answers a decision with a document our parser trips over in a way nobody foresaw."""
    hostile.refunds["r_a"] = refund_doc("r_a")
    hostile.refunds["r_b"] = refund_doc("r_b")

    def nested_answer(h):
        h.body()
        depth = 200_000
        h.send_json(None, raw=b'{"id": "r_a", "product": ' + b"[" * depth + b"]" * depth + b"}")

    hostile.routes["POST /api/v1/refunds/r_a/decision"] = nested_answer
    engine = console(hostile.url)
    engine.sync_once(prefetch=False)
    with engine.db.write() as conn:
        for rid in ("r_a", "r_b"):
            outbox.record_decision(conn, refunds.get_refund(conn, rid), DecisionDraft("approve"), staff_id="s_1",
                                   staff_name="Wang", now_ms=engine.clock.now_ms())
    report = engine.push()
    assert report.pushed.get("done") == 1
    assert [d[0] for d in hostile.decisions] == ["r_b"]
