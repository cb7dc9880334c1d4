"""A workbench refusal in the UI's language (the workbench says it in English for the command line)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from merchant_console.workbench import Refused


def refusal_text(refused: Refused) -> str:
    """What to tell the person about a refusal; the English message when no translation says it better."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("Refusals", text)

    return {
        "changed": lambda: tr("This refund changed while you were looking at it: nothing was saved. Check it "
                              "again, then decide."),
        "not_awaiting": lambda: tr("This refund is no longer waiting for your decision: nothing was saved."),
        "queued": lambda: tr("A decision on this refund is already uploading."),
        "unknown_refund": lambda: tr("This refund is not in this computer's data (any more)."),
        "never_synced": lambda: tr("This account has not synced with its platform yet: wait for the first sync."),
        "role": lambda: tr("Your role may view refunds but not decide them."),
    }.get(refused.code, lambda: refused.message)()
