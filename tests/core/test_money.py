import pytest
from hypothesis import given
from hypothesis import strategies as st

from merchant_console.core.money import MAX_FEN, MoneyError, check_fen, fen_to_yuan_str, parse_yuan


@given(st.integers(min_value=0, max_value=MAX_FEN))
def test_fen_round_trips_through_yuan_text(fen):
    assert parse_yuan(fen_to_yuan_str(fen)) == fen
    assert parse_yuan(fen_to_yuan_str(fen, symbol=True, grouping=True)) == fen


@pytest.mark.parametrize("text,fen", [("98.5", 9850), ("98.50", 9850), ("¥98.50", 9850), ("￥ 1,234.05", 123405),
                                      ("70元", 7000), ("0.01", 1), ("  12 ", 1200), ("１２．５", 1250)])
def test_parse_yuan_accepts_what_people_type(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "1.234", "-5", "1e3", "NaN", "inf", "98,5.0.1", "12345678901234.00", "٣",
                                  "0x10", "=1+1"])
def test_parse_yuan_rejects_with_a_reason(text):
    with pytest.raises(MoneyError) as e:
        parse_yuan(text)
    assert str(e.value)


@given(st.one_of(st.floats(), st.booleans(), st.text(), st.none(), st.integers(max_value=-1),
                 st.integers(min_value=MAX_FEN + 1)))
def test_check_fen_refuses_everything_but_sane_integers(value):
    with pytest.raises(MoneyError):
        check_fen(value)


def test_formatting_is_exact():
    assert fen_to_yuan_str(9850) == "98.50"
    assert fen_to_yuan_str(123456789, symbol=True, grouping=True) == "¥1,234,567.89"
    assert fen_to_yuan_str(-5) == "-0.05"
    with pytest.raises(MoneyError):
        fen_to_yuan_str(98.5)
