"""Every control a person can reach in every Designer form has a name a screen reader can say:
its own text, a buddy label's, or an accessibleName."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from merchant_console.gui import forms

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton, QTextEdit, QPlainTextEdit)
FORMS = sorted(m.name for m in pkgutil.iter_modules(forms.__path__))


UI_DIR = Path(__file__).resolve().parents[2] / "ui"
HOSTS = {"QMainWindow": QMainWindow, "QDialog": QDialog, "QWidget": QWidget}


def _host(name: str) -> tuple[QWidget, object]:
    """The form set up on the kind of widget its .ui file was drawn for."""
    module = importlib.import_module(f"{forms.__name__}.{name}")
    ui_class = next(getattr(module, n) for n in dir(module) if n.startswith("Ui_"))
    top = re.search(r'<widget class="(\w+)"', (UI_DIR / f"{name.removeprefix('ui_')}.ui").read_text("utf-8"))
    host, ui = HOSTS[top.group(1)](), ui_class()
    ui.setupUi(host)
    return host, ui


@pytest.mark.parametrize("name", FORMS)
def test_every_control_has_a_name(qtbot, name):
    host, _ui = _host(name)
    qtbot.addWidget(host)
    unnamed = []
    for w in host.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or isinstance(w, QHeaderView):
            continue
        if isinstance(w.parent(), QLineEdit) or w.window() is not host or w.objectName().startswith("qt_"):
            continue   # Qt's own parts: a line edit's clear button, a combo's popup, a spin box's editor
        iface = QAccessible.queryAccessibleInterface(w)
        if not (iface and iface.text(QAccessible.Text.Name).strip()):
            unnamed.append(f"{type(w).__name__} {w.objectName()!r}")
    assert unnamed == []
