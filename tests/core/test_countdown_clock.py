from hypothesis import given
from hypothesis import strategies as st

from merchant_console.core.clock import ServerClock, format_rfc3339, parse_rfc3339
from merchant_console.core.countdown import HOUR_MS, MINUTE_MS, Countdown, countdown_for, describe

NOW = parse_rfc3339("2026-11-21T08:00:00.000Z")


def row(**kw):
    base = {"status": "awaiting_merchant", "due_at": NOW + 3 * HOUR_MS + 12 * MINUTE_MS, "fast_refund": False,
            "auto_approve_at": None, "escalates_at": None, "appeal_statement_due_at": None}
    return {**base, **kw}


def test_texts_and_colours():
    cd = countdown_for(row(), NOW)
    assert (describe(cd, "zh"), describe(cd, "en"), cd.urgency) == ("剩余 3小时12分", "3h 12m left", "amber")
    cd = countdown_for(row(due_at=NOW - 2 * HOUR_MS), NOW)
    assert (describe(cd, "zh"), describe(cd, "en"), cd.urgency) == ("已超时 2小时0分", "2h 0m overdue", "overdue")
    assert countdown_for(row(due_at=NOW + 30 * MINUTE_MS), NOW).urgency == "red"
    assert countdown_for(row(due_at=NOW + 7 * HOUR_MS), NOW).urgency == "normal"


def test_fast_refund_counts_to_auto_approval_and_urge_to_escalation():
    cd = countdown_for(row(fast_refund=True, auto_approve_at=NOW + 10 * MINUTE_MS), NOW)
    assert cd.kind == "auto_approve" and describe(cd, "en") == "auto-approves in 10m 0s"
    cd = countdown_for(row(due_at=NOW - HOUR_MS, escalates_at=NOW + 5 * HOUR_MS), NOW)
    assert cd.kind == "escalation" and cd.urgency == "amber"
    cd = countdown_for(row(status="appealed", appeal_statement_due_at=NOW + 47 * HOUR_MS), NOW)
    assert cd.kind == "statement" and describe(cd, "zh") == "申诉说明剩余 1天23小时"
    assert countdown_for(row(status="refunded"), NOW) is None


def test_a_fast_refund_past_its_auto_approval_never_shows_a_deadline_ahead():
    """Still awaiting here after its moment (offline, or the next page not in yet): the platform has most likely
    approved it by itself; the 24 h response deadline it would otherwise fall back to is not the merchant's."""
    cd = countdown_for(row(fast_refund=True, auto_approve_at=NOW - 3 * MINUTE_MS), NOW)
    assert cd.kind == "auto_approve" and cd.urgency == "overdue"
    assert describe(cd, "en") == "auto-approval 3m 0s ago" and describe(cd, "zh") == "自动同意已过 3分0秒"
    # the queue's order sorts it by the same moment
    from merchant_console.core.refund import next_deadline_at
    assert next_deadline_at(row(fast_refund=True, auto_approve_at=NOW - 3 * MINUTE_MS)) == cd.at_ms


@given(st.integers(min_value=0, max_value=4_102_444_800_000))
def test_rfc3339_round_trip(ms):
    assert parse_rfc3339(format_rfc3339(ms)) == ms


def test_server_clock_ignores_local_skew():
    """Two clients, local clocks ±3 h apart, see the same server time after one observation."""
    real = [1_000_000]
    for skew in (-3 * HOUR_MS, 0, 3 * HOUR_MS):
        clock = ServerClock(local=lambda s=skew: real[0] + s)
        clock.observe(server_ms=NOW, sent_local_ms=real[0] + skew - 40, received_local_ms=real[0] + skew + 40)
        assert clock.now_ms() == NOW


def test_coarse_observation_keeps_a_precise_offset():
    clock = ServerClock(local=lambda: 10_000)
    clock.observe(NOW + 400, 9_990, 10_010)  # precise: server is at NOW+400 when local is 10_000
    clock.observe_coarse(NOW, 9_990, 10_010, precision_ms=1000)  # Date header truncated to the second
    assert clock.now_ms() == NOW + 400
    clock.observe_coarse(NOW + 3_600_000, 9_990, 10_010, precision_ms=1000)  # clearly off: corrected
    assert abs(clock.now_ms() - (NOW + 3_600_500)) <= 20
    assert isinstance(countdown_for(row(), clock.now_ms()), Countdown)
