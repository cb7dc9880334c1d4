"""Light and dark themes: Qt's Fusion style, a palette, and the ordered .qss files in resources/styles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from merchant_console.resources import STYLES

# urgency colours (background, text) for countdown chips; readable on light and dark alike
URGENCY_COLOURS = {
    "normal": (None, None),
    "amber": ("#fff1d6", "#8a5300"),
    "red": ("#ffe0e0", "#b3261e"),
    "overdue": ("#b3261e", "#ffffff"),
}
STATUS_COLOURS = {"awaiting_merchant": "#1f6feb", "platform_review": "#8250df", "refunding": "#0a7f6f",
                  "refunded": "#1a7f37", "payout_failed": "#cf222e", "rejected": "#9a6700", "appealed": "#bc4c00",
                  "closed": "#6e7781", "cancelled": "#6e7781"}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str = "system") -> str:
    """Apply 'light', 'dark' or 'system'; returns the one applied."""
    dark = theme == "dark" or (theme == "system" and system_prefers_dark())
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    sheets = [p.read_text(encoding="utf-8") for p in sorted(STYLES.glob("*.qss"))
              if p.stem.split("-")[-1] in ("common", "dark" if dark else "light")]
    app.setStyleSheet("\n".join(sheets))
    app.setProperty("mc_dark", dark)
    return "dark" if dark else "light"


def _dark_palette() -> QPalette:
    p = QPalette()
    base, alt, text = QColor("#1e1f22"), QColor("#2b2d31"), QColor("#e6e6e6")
    for role, colour in ((QPalette.ColorRole.Window, alt), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, alt),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, alt),
                         (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, alt),
                         (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.PlaceholderText, QColor("#8b8d91")),
                         (QPalette.ColorRole.Highlight, QColor("#2f6fde")),
                         (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
                         (QPalette.ColorRole.Link, QColor("#6ea8fe"))):
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b6d71"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b6d71"))
    return p
