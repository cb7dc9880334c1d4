from merchant_console.core.alerts import KINDS, crossings, new_events

M = 60_000
ROW = {"id": "r1", "order_no": "KM1", "product_name": "腾讯Q币", "status": "awaiting_merchant", "due_at": 100 * M,
       "fast_refund": False, "auto_approve_at": None, "urged_at": None, "appeal_statement_due_at": None}


def test_deadline_crossings_fire_once_each():
    everything = set(KINDS)
    assert [a.kind for a in crossings([ROW], 39 * M, 40 * M, everything)] == ["last_hour"]
    assert crossings([ROW], 40 * M, 41 * M, everything) == []                    # not twice
    assert [a.kind for a in crossings([ROW], 84 * M, 85 * M, everything)] == ["last_quarter"]
    assert crossings([ROW], 39 * M, 40 * M, {"last_quarter"}) == []              # switched off
    assert crossings([ROW], 0, 85 * M, everything) == []                         # woke from sleep: quiet
    fast = dict(ROW, fast_refund=True, auto_approve_at=30 * M)
    assert [a.kind for a in crossings([fast], 24 * M, 26 * M, everything)] == ["fast_refund"]
    assert crossings([dict(ROW, status="refunded")], 39 * M, 40 * M, everything) == []


def test_urges_and_appeals_are_events_noticed_once():
    seen = {"urged": set(), "appeal": set()}
    urged = dict(ROW, urged_at=5 * M)
    appealed = dict(ROW, id="r2", status="appealed", appeal_statement_due_at=200 * M)
    assert [a.kind for a in new_events([urged, appealed], seen, set(KINDS))] == ["urged", "appeal"]
    assert new_events([urged, appealed], seen, set(KINDS)) == []
    seen2 = {"urged": set(), "appeal": set()}
    assert new_events([urged], seen2, set()) == [] and seen2["urged"] == {"r1"}   # off, but remembered
