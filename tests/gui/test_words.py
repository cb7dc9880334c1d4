"""The GUI says core's words through Qt's translator only (one mechanism), and says them as core does."""

from __future__ import annotations

import pytest

from merchant_console.core import words
from merchant_console.core.risk import OUTSIDE_WINDOW, SIMILAR_IMAGE, Signal, explain
from merchant_console.gui.evidence_text import signal_sentence
from merchant_console.gui.i18n import install_translators
from merchant_console.gui.words import all_words, word


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_every_word_of_core_is_the_guis_in_english(qapp):
    for name, table in words.TABLES.items():
        assert all_words(name) == [(code, en) for code, (_, en) in table.items()]


def test_every_word_of_core_is_the_guis_in_chinese(chinese):
    for name, table in words.TABLES.items():
        for code, (zh, _) in table.items():
            assert word(name, code) == zh, (name, code)
    # one English word, two Chinese ones: Qt's disambiguation is the table's name
    assert word("refund_types", "other") == "其他原因" and word("categories", "other") == "其他"


def test_signal_sentences_are_cores_in_both_languages(qapp):
    similar = Signal(SIMILAR_IMAGE, "r_1", "e_1", "r_2", "e_2", {"distance": 3})
    names = {"e_1": "image 1", "e_2": "image 2", "r_2": "KM2"}
    assert signal_sentence(similar, names) == explain(similar, "en", names)
    install_translators(qapp, "zh_CN")
    try:
        zh_names = {"e_1": "图1", "e_2": "图2", "r_2": "KM2"}
        assert signal_sentence(similar, zh_names) == explain(similar, "zh", zh_names)
        late = Signal(OUTSIDE_WINDOW, "r_1", detail={"minutes": 4096, "window": 1440})
        assert signal_sentence(late) == "买家在发货2天20小时后才申请退款，超出1440分钟的退款时限。"
    finally:
        install_translators(qapp, "en")


def test_the_gui_never_picks_chinese_or_english_itself():
    """One translation mechanism in the GUI: Qt's. A (zh, en) pair picked by a `lang` flag, or a core
    function that takes the language, would be a second one (the words come from gui.words)."""
    import re
    from pathlib import Path

    import merchant_console.gui as gui
    picks = re.compile(r"\bzh if\b|lang ==\s*\"zh\"|\bstatus_label\(|\bL\.(category|channel|reason|status|action|"
                       r"refund_type|decider)\(|\bdescribe\(cd\b|\bformat_duration\(|\.explain\(")
    found = [f"{path.name}:{n}: {line.strip()}"
             for path in sorted(Path(gui.__file__).parent.glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if picks.search(line)]
    assert found == []
