"""Windows sized for the screen they open on: a laptop's 1366×768 or 1280×720 less its taskbar."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

TITLE_BAR = 32   # a window's frame above its contents (not known before it is shown)


def fit_to_screen(widget: QWidget, width: int, height: int, *, frame: int = TITLE_BAR) -> None:
    """Resize `widget` to width×height, or to its screen's free area (less `frame`, a title bar) where that is
    smaller, so its bottom row of buttons and its status line are never below the screen's edge."""
    parent = widget.parentWidget()
    screen = widget.screen() if parent is None else parent.screen()
    screen = screen or QApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    free = screen.availableGeometry()
    widget.resize(min(width, free.width()), min(height, free.height() - frame))
