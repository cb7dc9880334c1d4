from hypothesis import given
from hypothesis import strategies as st

from merchant_console.core.policy import suggest_partial
from merchant_console.core.templates import (
    PLACEHOLDERS,
    check_template,
    render,
    template_values,
    unknown_placeholders,
)

ROW = {"order_no": "KM20261121093015001", "requested_fen": 9850, "paid_fen": 9850, "face_value_fen": 10000,
       "quantity": 1, "card_status": "partially_used", "card_used_fen": 3000, "product_name": "腾讯Q币 100元",
       "buyer_nickname": "夜行的猫"}


def test_placeholders_fill():
    text = render("订单$order_no 已使用${used}元，剩余$remaining，退款¥$amount ($product / $buyer)",
                  template_values(ROW))
    assert text == "订单KM20261121093015001 已使用¥30.00，剩余¥70.00，退款¥98.50 (腾讯Q币 100元 / 夜行的猫)"


def test_a_cards_use_not_known_is_not_filled_in_and_the_decision_says_to_write_it():
    from merchant_console.core.policy import DecisionDraft, Policy, validate_decision
    from merchant_console.core.templates import unfilled

    unknown = dict(ROW, card_status="unknown", card_used_fen=0)
    text = render("卡内已使用$used，按剩余价值退款$amount。", template_values(unknown, 3000))
    assert text == "卡内已使用$used，按剩余价值退款¥30.00。" and unfilled(text) == ["$used"]   # not "已使用¥0.00"
    errors = validate_decision(DecisionDraft("partial", 3000, "partial_used_value", text), paid_fen=9850,
                               requested_fen=9850, policy=Policy.defaults())
    assert "$used" in errors["reason_text"]
    written = text.replace("$used", "¥20.00")
    assert validate_decision(DecisionDraft("partial", 3000, "partial_used_value", written), paid_fen=9850,
                             requested_fen=9850, policy=Policy.defaults()) == {}
    unused = dict(ROW, card_status="unused", card_used_fen=0)        # known: nothing used
    assert render("已使用$used", template_values(unused)) == "已使用¥0.00"


def test_money_reads_as_yuan_with_its_sign_once():
    v = template_values(ROW, 1250)
    assert render("Refund of $amount approved.", v) == "Refund of ¥12.50 approved."
    # templates written when the value was bare digits keep reading right: no "¥12.50元", no "¥¥12.50"
    assert render("同意退款$amount元。", v) == "同意退款¥12.50。"
    assert render("退款￥${amount}元", v) == "退款¥12.50"
    assert render("$$amount元 $amounts", v) == "$amount元 $amounts"   # a literal and an unknown name stay


def test_format_syntax_and_unknown_names_do_no_harm():
    assert render("{0.__class__} {order_no} $missing $$ $", template_values(ROW)) == \
        "{0.__class__} {order_no} $missing $ $"
    assert render("${__class__}", template_values(ROW)) == "${__class__}"


@given(st.text(max_size=300))
def test_any_template_renders_without_error(text):
    out = render(text, template_values(ROW))
    assert isinstance(out, str)


@given(st.text(max_size=50))
def test_hostile_refund_values_are_inserted_verbatim(value):
    row = dict(ROW, product_name=value, buyer_nickname="$order_no {0}")
    assert render("$product|$buyer", template_values(row)) == f"{value}|$order_no {{0}}"


def test_template_checks():
    assert unknown_placeholders("$order_no $foo ${bar}") == ["foo", "bar"]
    assert "foo" in check_template("$foo")
    assert check_template("   ") is not None
    assert check_template("订单$order_no 卡密已使用") is None
    assert set(PLACEHOLDERS) == {"order_no", "amount", "used", "remaining", "product", "buyer"}


PARTLY = dict(ROW, card_status="partially_used", delivered_at=1)


def test_partial_suggestion_is_the_unused_value_at_the_price_paid():
    s = suggest_partial(PARTLY)
    # ¥98.50 paid for ¥100 of face value, ¥30 used: ¥98.50 − ¥98.50 × 30/100 = ¥68.95 (not ¥70 of face value)
    assert (s.amount_fen, s.basis, s.share_fen, s.capped, s.fits_partial) == (6895, "unused_share", 6895, False, True)
    assert (s.paid_fen, s.face_fen, s.used_fen) == (9850, 10000, 3000)


def test_partial_suggestion_never_exceeds_the_request_and_says_so():
    s = suggest_partial(dict(PARTLY, requested_fen=5000))
    assert (s.amount_fen, s.share_fen, s.capped) == (5000, 6895, True)
    for status in ("unused", "partially_used", "unknown", "activated"):
        for used in (0, 10, 3000, 9999, 10000, 20000):
            for requested in (1, 500, 9849, 9850):
                s = suggest_partial(dict(ROW, card_status=status, card_used_fen=used, requested_fen=requested,
                                         delivered_at=None if used == 10 else 1))
                assert s.amount_fen is None or 0 <= s.amount_fen <= requested


def test_nothing_used_suggests_the_whole_request_not_paid_minus_a_fen():
    s = suggest_partial(dict(ROW, card_status="unused", card_used_fen=0, delivered_at=1))
    assert (s.amount_fen, s.basis) == (9850, "nothing_used")
    assert not s.fits_partial   # the whole paid price: the panel says to approve in full instead
    s = suggest_partial(dict(ROW, card_status="unused", card_used_fen=0, requested_fen=5000, delivered_at=1))
    assert (s.amount_fen, s.fits_partial) == (5000, True)
    assert suggest_partial(dict(ROW, card_status="unknown", delivered_at=None)).basis == "not_delivered"


def test_no_amount_when_the_facts_give_none():
    assert suggest_partial(dict(ROW, card_status="activated", card_used_fen=0, delivered_at=1)).amount_fen is None
    assert suggest_partial(dict(ROW, card_status="unknown", delivered_at=1)).basis == "unknown"
    s = suggest_partial(dict(PARTLY, card_used_fen=10000))
    assert (s.amount_fen, s.basis) == (None, "fully_used")
