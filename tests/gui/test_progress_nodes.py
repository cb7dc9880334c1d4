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
