"""The progress nodes place every status of the one status table, v1.1's included."""

from __future__ import annotations

from merchant_console.core.status import STATUSES
from merchant_console.gui.progress_nodes import DONE, TODO, ProgressNodes


def test_every_known_status_has_a_place_on_the_nodes(qtbot):
    nodes = ProgressNodes()
    qtbot.addWidget(nodes)
    unplaced = nodes.nodes_for("a status from a newer platform")      # the fallback: only "submitted" done
    assert [state for _label, state in unplaced] == [DONE, TODO, TODO, TODO]
    for code in STATUSES:
        assert nodes.nodes_for(code) != unplaced, f"{code} falls through to the unknown-status nodes"


def test_a_negotiation_is_shown_as_such(qtbot):
    nodes = ProgressNodes()
    qtbot.addWidget(nodes)
    labels = [label for label, _state in nodes.nodes_for("negotiating")]
    assert labels[1] == "Negotiating"
    assert [state for _label, state in nodes.nodes_for("reissued")] == [DONE, DONE, DONE]
    assert nodes.nodes_for("reissued")[-1][0] == "Card re-issued"


def test_a_long_node_label_wraps_within_its_place_instead_of_being_cut(qtbot):
    """"Platform review" was cut to "latform revie" in the English pane at 1280 px: a label wider than its node's
    place wraps onto a second line (the widget is tall enough for two)."""
    from PySide6.QtGui import QColor, QFontMetrics

    nodes = ProgressNodes()
    qtbot.addWidget(nodes)
    nodes.set_status("platform_review")
    label = nodes.nodes()[1][0]
    fm = QFontMetrics(nodes.font())
    width = 4 * (fm.horizontalAdvance(label) * 3 // 4)          # each node's place narrower than the label
    nodes.resize(width, nodes.sizeHint().height())
    image = nodes.grab().toImage()
    slot = range(width // 4, width // 2)
    second = range(16 + 12 + fm.lineSpacing() + 2, min(image.height(), 16 + 12 + 2 * fm.lineSpacing()))
    background = QColor(image.pixelColor(1, image.height() - 1))

    def inked(y) -> bool:
        return any(image.pixelColor(x, y) != background for x in slot)
    assert any(inked(y) for y in second), "no second line: the label is cut, not wrapped"
