"""A workbench refusal in the UI's language (the workbench says it in English for the command line)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from merchant_console.workbench import Refused

# each text literal in its own QCoreApplication.translate call, so pyside6-lupdate collects it
_TEXTS = {
    "changed": lambda: QCoreApplication.translate(
        "Refusals", "This refund changed while you were looking at it: nothing was saved. "
                    "Check it again, then decide."),
    "not_awaiting": lambda: QCoreApplication.translate(
        "Refusals", "This refund is no longer waiting for your decision: nothing was saved."),
    "queued": lambda: QCoreApplication.translate(
        "Refusals", "A decision on this refund is already uploading."),
    "unknown_refund": lambda: QCoreApplication.translate(
        "Refusals", "This refund is not in this computer's data (any more)."),
    "never_synced": lambda: QCoreApplication.translate(
        "Refusals", "This account has not synced with its platform yet: wait for the first sync."),
    "role": lambda: QCoreApplication.translate(
        "Refusals", "Your role may view refunds but not decide them."),
    "no_conflict": lambda: QCoreApplication.translate(
        "Refusals", "There is no conflict to put away on this refund (any more)."),
}


def refusal_text(refused: Refused) -> str:
    """What to tell the person about a refusal; the English message when no translation says it better."""
    text = _TEXTS.get(refused.code)
    return text() if text is not None else refused.message
