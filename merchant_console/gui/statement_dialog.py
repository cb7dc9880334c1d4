"""Answer a buyer's appeal with one statement before its deadline (through the outbox)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from merchant_console import workbench
from merchant_console.core.countdown import countdown_for
from merchant_console.core.policy import Policy
from merchant_console.store import refunds
from merchant_console.store.engine import Database

from .attachments import AttachmentPicker
from .formatting import full_time
from .forms.ui_statement_dialog import Ui_StatementDialog
from .refusals import refusal_text
from .words import duration_text


class StatementDialog(QDialog):
    def __init__(self, db: Database, refund_id: str, *, policy: Policy | None, staff_id: str, lang: str, now_ms,
                 attachments_dir=None, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_StatementDialog()
        self.ui.setupUi(self)
        self.db, self.refund_id, self.staff_id, self.now_ms = db, refund_id, staff_id, now_ms
        self.policy = policy or Policy.defaults()
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.outbox_id: int | None = None
        self.attachments = AttachmentPicker(self.ui.attachButton, self.ui.attachmentsLabel, self)
        self.attachments.configure(attachments_dir, self.policy)
        self.ui.attachmentsLabel.hide()
        with db.read() as conn:
            row = refunds.get_refund(conn, refund_id)
        self.seen_version = row["version"] if row else None   # what this dialog shows is what is answered
        appeal = (row or {}).get("appeal") or {}
        self.ui.appealLabel.setText(self.tr("The buyer appealed on {when}: {reason}").format(
            when=full_time(appeal.get("submitted_at"), self.lang), reason=appeal.get("reason") or "—"))
        cd = countdown_for(row, now_ms()) if row else None
        left = self.tr("{d} left").format(d=duration_text(cd.remaining_ms)) if cd and not cd.overdue \
            else self.tr("overdue")
        self.ui.deadlineLabel.setText(self.tr("Statement due {when} ({left}). You can send one statement.").format(
            when=full_time(appeal.get("statement_due_at"), self.lang), left=left))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send statement"))
        self.ui.buttonBox.accepted.connect(self._send)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _send(self) -> None:
        """Send through workbench.write_statement (the policy's length, the appeal still open)."""
        if self.attachments.busy:
            self.ui.errorLabel.setText(self.tr("Wait until the attached images are ready."))
            return
        result = workbench.write_statement(self.db, self.refund_id, self.ui.textEdit.toPlainText(),
                                           seen_version=self.seen_version, now_ms=self.now_ms(),
                                           attachments=list(self.attachments.items))
        if isinstance(result, workbench.Refused):
            if result.code == "invalid":
                self.ui.errorLabel.setText(self.tr("Write {min} to {max} characters for the platform.").format(
                    min=result.facts["min"], max=result.facts["max"]))
            elif result.code in ("no_open_appeal", "past_due", "already_written"):
                self.ui.errorLabel.setText(self.tr("This appeal can no longer be answered: its deadline has passed "
                                                   "or a statement was already sent."))
            else:
                self.ui.errorLabel.setText(refusal_text(result))
            return
        self.outbox_id = result.value
        self.accept()
