"""Words for evidence states and risk signals, in the user's language (one place for all of them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ..store.risk import Signal


def broken_text(reason: str | None) -> str:
    """Why an image is shown as a placeholder (decode.REASONS, or a download failure)."""
    return {
        "empty": QCoreApplication.translate("Evidence", "Empty file"),
        "corrupt": QCoreApplication.translate("Evidence", "The file is damaged"),
        "too_large": QCoreApplication.translate("Evidence", "The image is too large"),
        "unsupported": QCoreApplication.translate("Evidence", "Unsupported format"),
        "missing": QCoreApplication.translate("Evidence", "Not downloaded yet"),
        "fetch": QCoreApplication.translate("Evidence", "Could not be downloaded"),
    }.get(reason or "", QCoreApplication.translate("Evidence", "Cannot be shown"))


def signal_label(code: str) -> str:
    """A badge's short label."""
    return {
        "same_image": QCoreApplication.translate("Evidence", "Same image"),
        "similar_image": QCoreApplication.translate("Evidence", "Similar image"),
        "edited": QCoreApplication.translate("Evidence", "Edited"),
        "card_used": QCoreApplication.translate("Evidence", "Card used"),
        "outside_window": QCoreApplication.translate("Evidence", "Late request"),
        "serial_refunder": QCoreApplication.translate("Evidence", "Serial refunder"),
    }.get(code, code)


def ui_language() -> str:
    """'zh' when the UI speaks Chinese (see gui.i18n), else 'en'."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def signal_sentence(signal: Signal) -> str:
    """The one-sentence explanation of a signal in the UI language."""
    return signal.explain(ui_language())
