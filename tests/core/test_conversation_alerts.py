"""v1.1 notifications: a buyer's message, an answered proposal, a new evidence request — each once, only news."""

from __future__ import annotations

from merchant_console.core.alerts import KINDS, conversation_events

NOW = 1_000_000


def row(**kw):
    base = {"id": "r_1", "order_no": "KM1", "product_name": "Q币", "status": "awaiting_merchant",
            "messages_last_at": None, "messages_last_from": None, "negotiation_state": None,
            "negotiation_respond_by": None, "evidence_request_due_at": None}
    return {**base, **kw}


def test_each_conversation_event_once_and_only_news():
    seen: dict[str, set[str]] = {}
    everything = set(KINDS)
    wrote = row(messages_last_at=NOW + 5, messages_last_from="buyer")
    assert [a.kind for a in conversation_events([wrote], seen, everything, since_ms=NOW)] == ["buyer_message"]
    assert conversation_events([wrote], seen, everything, since_ms=NOW) == []          # once
    again = row(messages_last_at=NOW + 9, messages_last_from="buyer")
    assert [a.kind for a in conversation_events([again], seen, everything, since_ms=NOW)] == ["buyer_message"]
    old = row(id="r_2", messages_last_at=NOW - 5, messages_last_from="buyer")        # before we watched
    assert conversation_events([old], seen, everything, since_ms=NOW) == []
    ours = row(id="r_3", messages_last_at=NOW + 5, messages_last_from="merchant")
    assert conversation_events([ours], seen, everything, since_ms=NOW) == []
    answered = row(id="r_4", negotiation_state="declined", negotiation_respond_by=NOW + 100,
                   negotiation_answered_at=NOW + 50)
    pending = row(id="r_5", negotiation_state="pending", negotiation_respond_by=NOW + 100)
    asked = row(id="r_6", status="platform_review", evidence_request_due_at=NOW + 86_400_000, evidence_asked_at=NOW + 1)
    stale = row(id="r_8", status="platform_review", evidence_request_due_at=NOW + 9, evidence_asked_at=NOW - 86_400_000)
    got = conversation_events([answered, pending, asked, stale], seen, everything, since_ms=NOW)
    assert [(a.kind, a.refund_id) for a in got] == [("proposal_answered", "r_4"), ("evidence_request", "r_6")]
    quiet = row(id="r_7", messages_last_at=NOW + 5, messages_last_from="buyer")
    assert conversation_events([quiet], seen, everything - {"buyer_message"}, since_ms=NOW) == []
