from hypothesis import given
from hypothesis import strategies as st

from merchant_console.core.templates import (
    PLACEHOLDERS,
    check_template,
    render,
    suggested_partial_fen,
    template_values,
    unknown_placeholders,
)

ROW = {"order_no": "KM20261121093015001", "requested_fen": 9850, "paid_fen": 9850, "face_value_fen": 10000,
       "quantity": 1, "card_used_fen": 3000, "product_name": "腾讯Q币 100元", "buyer_nickname": "夜行的猫"}


def test_placeholders_fill():
    text = render("订单$order_no 已使用${used}元,剩余$remaining元,退款$amount元 ($product / $buyer)",
                  template_values(ROW))
    assert text == "订单KM20261121093015001 已使用30.00元,剩余70.00元,退款98.50元 (腾讯Q币 100元 / 夜行的猫)"


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


def test_partial_suggestion_is_face_minus_used_below_paid():
    assert suggested_partial_fen(ROW) == 7000
    assert suggested_partial_fen(dict(ROW, card_used_fen=0)) == 9849  # never the full paid amount
