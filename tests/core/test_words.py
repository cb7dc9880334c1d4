"""The bilingual words below the GUI: one table in core, risk signals said from it without Qt."""

from __future__ import annotations

from merchant_console.core import words
from merchant_console.core.risk import CARD_USED, SAME_IMAGE, SERIAL_REFUNDER, SIGNAL_SENTENCES, Signal, explain
from merchant_console.reports import labels


def test_reports_take_their_words_from_core():
    assert labels.reason("card_already_used", "zh") == words.REASONS["card_already_used"][0]
    assert labels.status("awaiting_merchant", "en") == "Awaiting merchant"
    assert labels.word("title", "zh") == "退款处理报表" and labels.BUCKETS is words.RESPONSE_BUCKETS
    assert labels.reason("no_such_code", "en") == "no_such_code" and labels.status(None, "zh") == ""


def test_every_table_is_pairs_of_chinese_and_english():
    for name, table in words.TABLES.items():
        for code, pair in table.items():
            zh, en = pair
            assert en and zh and not zh.isascii(), (name, code, pair)   # no English left in the Chinese


def test_a_signal_is_explained_in_either_language_with_names_when_given():
    s = Signal(SAME_IMAGE, "r_1", "e_1", "r_2", "e_9")
    assert explain(s, "zh", {"e_1": "图1", "e_9": "图3", "r_2": "KM002"}) == "图1与订单KM002的图3是同一个文件。"
    assert explain(s, "en") == "This image is the very same file as an image of order r_2."
    used = Signal(CARD_USED, "r_1", detail={"status": "partially_used", "used_fen": 3000})
    assert used.explain("en") == "The card is partly used: ¥30.00 already spent."
    assert explain(Signal(SERIAL_REFUNDER, "r_1", detail={"refunds": 1, "orders": 3}), "en") == \
        "This buyer asked for 1 refund on 3 orders in 90 days."
    assert explain(Signal("new_kind", "r_1"), "zh") == "new_kind"


def test_every_sentence_fills_from_the_same_values_in_both_languages():
    import string
    for key, (zh, en) in SIGNAL_SENTENCES.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(en) if f}, key
