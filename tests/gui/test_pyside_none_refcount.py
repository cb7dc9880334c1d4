"""Guard against PySide6 builds that drop a reference to None on every void call.

PySide6 6.12.0 on Python 3.11 does this; after ~1e5 calls the interpreter aborts with
"deallocating None". pyproject excludes that release for Python < 3.12; this test catches any
build that regresses the same way.
"""

import gc
import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel

CALLS = 200_000


def test_void_calls_do_not_leak_none_references(qapp):
    label = QLabel()
    model = QStandardItemModel()
    size = QSize(10, 10)
    # earlier tests' garbage, collected mid-loop, would release None references and look like a leak
    gc.collect()
    gc.disable()
    try:
        _exercise(label, model, size)
    finally:
        gc.enable()


def _exercise(label, model, size):
    before = sys.getrefcount(None)
    for i in range(CALLS // 4):
        label.setText("x")
        label.resize(size)
        model.appendRow(QStandardItem())
        label.setToolTip("y")
        if i % 250 == 0:
            # check as we go: a leaking build would abort the interpreter before the loop ends
            lost = before - sys.getrefcount(None)
            assert lost < 1000, f"None lost {lost} references after {4 * (i + 1)} void calls"
            if i % 10_000 == 0:
                model.clear()
    # on 3.12+ None is immortal (a huge constant count); on 3.11 a leak shows as a fall of ~CALLS
    assert sys.getrefcount(None) >= before - 1000
