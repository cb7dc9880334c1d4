"""Answer a buyer's appeal with one statement before its deadline (through the outbox)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from merchant_console import workbench
from merchant_console.core.countdown import countdown_for
from merchant_console.core.policy import Policy
from merchant_console.store import refunds

from .attachments import AttachmentPicker
from .database_access import DatabaseAccess, describe
from .formatting import full_time
from .forms.ui_statement_dialog import Ui_StatementDialog
from .refusals import refusal_text
from .words import duration_text


class StatementDialog(QDialog):
    def __init__(self, access: DatabaseAccess, refund_id: str, *, policy: Policy | None, staff_id: str, lang: str,
                 now_ms, attachments_dir=None, row: dict | None = None, parent=None) -> None:
        """`row`: the refund as the window shows it (read from the database when not given)."""
        super().__init__(parent)
        self.ui = Ui_StatementDialog()
        self.ui.setupUi(self)
        self.access, self.refund_id, self.staff_id, self.now_ms = access, refund_id, staff_id, now_ms
        self.policy = policy or Policy.defaults()
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.outbox_id: int | None = None
        self.attachments = AttachmentPicker(self.ui.attachButton, self.ui.attachmentsLabel, self)
        self.attachments.configure(attachments_dir, self.policy)
        self.ui.attachmentsLabel.hide()
        self.seen_version: int | None = None
        self._send_button = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self._send_button.setText(self.tr("Send statement"))
        self.ui.buttonBox.accepted.connect(self._send)
        self.ui.buttonBox.rejected.connect(self.reject)
        if row is not None and row.get("id") == refund_id:
            self._show(row)
        else:
            self._send_button.setEnabled(False)   # until the refund is read
            self.access.read(lambda conn: refunds.get_refund(conn, refund_id), self._show, owner=self)

    def _show(self, row: dict | None) -> None:
        self.seen_version = row["version"] if row else None   # what this dialog shows is what is answered
        self._send_button.setEnabled(True)
        now_ms = self.now_ms
        appeal = (row or {}).get("appeal") or {}
        self.ui.appealLabel.setText(self.tr("The buyer appealed on {when}: {reason}").format(
            when=full_time(appeal.get("submitted_at"), self.lang), reason=appeal.get("reason") or "—"))
        cd = countdown_for(row, now_ms()) if row else None
        left = self.tr("{d} left").format(d=duration_text(cd.remaining_ms)) if cd and not cd.overdue \
            else self.tr("overdue")
        self.ui.deadlineLabel.setText(self.tr("Statement due {when} ({left}). You can send one statement.").format(
            when=full_time(appeal.get("statement_due_at"), self.lang), left=left))

    def _send(self) -> None:
        """Send through workbench.write_statement (the policy's length, the appeal still open)."""
        if self.attachments.busy:
            self.ui.errorLabel.setText(self.tr("Wait until the attached images are ready."))
            return
        if not self._send_button.isEnabled():
            return   # not read yet, or already on its way
        rid, text, seen, now = self.refund_id, self.ui.textEdit.toPlainText(), self.seen_version, self.now_ms()
        attachments = list(self.attachments.items)
        self._send_button.setEnabled(False)
        self.access.write(lambda db: workbench.write_statement(db, rid, text, seen_version=seen, now_ms=now,
                                                               attachments=attachments),
                          self._sent, self._failed, owner=self)

    def _failed(self, error: Exception) -> None:
        self._send_button.setEnabled(True)
        self.ui.errorLabel.setText(self.tr("Could not save: {why}").format(why=describe(error)))

    def _sent(self, result) -> None:
        self._send_button.setEnabled(True)
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
