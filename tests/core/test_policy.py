from hypothesis import given
from hypothesis import strategies as st

from merchant_console.core.policy import (
    DecisionDraft,
    Policy,
    check_batch,
    minutes_after_delivery,
    outside_refund_window,
    validate_decision,
)

P = Policy.defaults()


@given(paid=st.integers(min_value=2, max_value=10**9), amount=st.integers(min_value=-10**10, max_value=10**10))
def test_partial_amount_must_be_between_one_fen_and_less_than_paid(paid, amount):
    draft = DecisionDraft("partial", amount, "partial_used_value", "按剩余价值退款")
    errors = validate_decision(draft, paid_fen=paid, requested_fen=paid, policy=P)
    assert ("amount_fen" in errors) == (not 1 <= amount < paid)


@given(text=st.text(max_size=400))
def test_reject_reason_length_follows_policy(text):
    errors = validate_decision(DecisionDraft("reject", None, "card_already_used", text), paid_fen=100,
                               requested_fen=100, policy=P)
    ok_len = P.reason_min_chars <= len(text.strip()) <= P.reason_max_chars
    assert ("reason_text" in errors) == (not ok_len)


@given(st.one_of(st.floats(allow_nan=True), st.booleans(), st.text(max_size=5)))
def test_non_integer_amounts_are_refused(amount):
    errors = validate_decision(DecisionDraft("partial", amount, "partial_used_value", "协商退款"), paid_fen=1000,
                               requested_fen=1000, policy=P)
    assert "amount_fen" in errors


def test_reject_needs_reason_and_matching_code():
    e = validate_decision(DecisionDraft("reject"), paid_fen=100, requested_fen=100, policy=P)
    assert set(e) == {"reason_code", "reason_text"}
    e = validate_decision(DecisionDraft("reject", None, "partial_used_value", "不行"), paid_fen=100, requested_fen=100,
                          policy=P)
    assert "reason_code" in e
    assert validate_decision(DecisionDraft("approve"), paid_fen=100, requested_fen=100, policy=P) == {}
    assert "action" in validate_decision(DecisionDraft("refund_all"), paid_fen=1, requested_fen=1, policy=P)


def test_batch_caps():
    assert check_batch([100] * 20, P) is None
    assert "at most 20" in check_batch([100] * 21, P)
    assert "6000.00" in check_batch([300_000, 300_001], P)


def test_refund_window():
    delivered, submitted = 0, 7 * 60_000
    assert minutes_after_delivery(delivered, submitted) == 7
    assert not outside_refund_window(delivered, submitted, P)
    assert outside_refund_window(delivered, 16 * 60_000, P)
    assert minutes_after_delivery(None, submitted) is None


def test_policy_from_json_refuses_bad_values():
    good = P.to_json()
    assert Policy.from_json(good) == P
    for bad in ({**good, "batch_max_count": "20"}, {**good, "response_hours": -1}, {**good, "reason_max_chars": True},
                "x"):
        try:
            Policy.from_json(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")
