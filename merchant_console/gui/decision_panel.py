"""Approve / partial / reject with reason templates, validated against the platform's policy.

The decision is saved locally with its outbox row at once; the sync thread uploads it.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import QLabel, QListWidgetItem, QScrollArea, QWidget

from merchant_console import workbench
from merchant_console.core.money import MoneyError, fen_to_yuan_str, parse_yuan
from merchant_console.core.policy import REASON_CODES, DecisionDraft, Policy, suggest_partial
from merchant_console.core.status import DECIDING_ROLES
from merchant_console.core.templates import render, template_values, unfilled
from merchant_console.store import templates
from merchant_console.store.changes import Changes

from .attachments import AttachmentPicker
from .database_access import DatabaseAccess, describe
from .formatting import full_time, suggestion_text
from .forms.ui_decision_panel import Ui_DecisionPanel
from .refusals import refusal_text
from .template_manager import LANG_NAMES

TemplateRole = Qt.ItemDataRole.UserRole + 10


class DecisionPanel(QWidget):
    decided = Signal(int)  # decision id, after it is saved locally
    acknowledged = Signal(str)  # refund id: its conflict was put away ("Got it"), after it is saved

    def __init__(self, access: DatabaseAccess, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_DecisionPanel()
        self.ui.setupUi(self)
        self.access = access
        self.saving = False   # a decision is on its way to the writer: Save waits for its answer
        self.row: dict | None = None
        self.policy = Policy.defaults()
        self.role = "viewer"
        self.staff = ("", "")
        self.lang = "zh"
        self.reason_labels: dict[str, str] = {}
        self.now_ms = lambda: 0
        self.action: str | None = None
        self._local: list[dict] = []   # the shown refund's decisions made here
        self.conflict = False   # the shown refund's latest decision was not taken by the platform, not yet seen
        self.ui.editor.hide()
        # how the suggested partial amount was worked out, under the amount (core.policy computes it)
        self.suggestionLabel = QLabel(self.ui.editor)
        self.suggestionLabel.setObjectName("suggestionLabel")
        self.suggestionLabel.setWordWrap(True)
        self.suggestionLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.ui.editorForm.insertRow(2, "", self.suggestionLabel)
        self.amountError = QLabel(self.ui.editor)   # why the amount was refused, under it (see _error)
        self.amountError.setObjectName("amountError")
        self.amountError.setWordWrap(True)
        self.amountError.setTextFormat(Qt.TextFormat.PlainText)
        self.ui.editorForm.insertRow(2, "", self.amountError)
        self.amountError.hide()
        # offline, on a fast refund: the decision is kept, but the platform approves by itself at its moment
        self.offline = False
        self.fastLabel = QLabel(self.ui.editor)
        self.fastLabel.setObjectName("fastRefundWarning")
        self.fastLabel.setWordWrap(True)
        self.fastLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.ui.editorForm.insertRow(0, "", self.fastLabel)
        self.fastLabel.hide()
        self.ui.stateLabel.setTextFormat(Qt.TextFormat.PlainText)   # carries names from the platform
        self.ui.editorTitle.setTextFormat(Qt.TextFormat.PlainText)
        self.ui.approveButton.clicked.connect(lambda: self.begin("approve"))
        self.ui.partialButton.clicked.connect(lambda: self.begin("partial"))
        self.ui.rejectButton.clicked.connect(lambda: self.begin("reject"))
        self.ui.acknowledgeButton.clicked.connect(self.acknowledge)
        self.ui.acknowledgeButton.hide()
        self.ui.cancelButton.clicked.connect(self.cancel)
        self.ui.submitButton.clicked.connect(self.submit)
        self.ui.submitButton.setAutoDefault(True)   # Enter on the focused Save button saves
        self.ui.templateList.itemActivated.connect(self._use_template)
        self.ui.templateList.itemClicked.connect(self._use_template)
        self.ui.reasonEdit.textChanged.connect(self._count_chars)
        self.ui.amountEdit.textEdited.connect(self._amount_edited)
        self._filled: tuple[str, str] | None = None   # (template text, what it rendered to) in the reason box
        self.ui.amountEdit.returnPressed.connect(self.submit)   # Enter saves here too, as F1 says
        # money only (digits, one point, two decimals; ¥, 元 and full-width digits as parse_yuan takes them):
        # a letter meant as a key (A, R, 1…) with the focus here is not taken as part of the amount
        self.ui.amountEdit.setValidator(QRegularExpressionValidator(QRegularExpression(
            r"^\s*[¥￥]?\s*[0-9０-９,，]{0,13}(?:[.．][0-9０-９]{0,2})?\s*元?\s*$"), self.ui.amountEdit))
        self.attachments = AttachmentPicker(self.ui.attachButton, self.ui.attachmentsLabel, self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.submit)
        self.ui.templateList.installEventFilter(self)   # 1–9 pick a template even while the list has focus
        for n in range(1, 10):
            sc = QShortcut(QKeySequence(str(n)), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=n: self.use_template_number(n))
        # the reason templates by action, held here so 1–9 work the instant a refund is shown: read through
        # the reader now and again after every write that changed templates (its notice says so)
        self.templates: dict[str, list[dict]] | None = None   # None until the first read lands
        self._templates_asked = 0
        access.changed.connect(self._data_changed)
        self._read_templates()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.ui.templateList and event.type() == QEvent.Type.KeyPress \
                and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9 and not event.modifiers():
            self.use_template_number(event.key() - Qt.Key.Key_0)
            return True
        return super().eventFilter(obj, event)

    # --- the reason templates -------------------------------------------------------------------

    def _data_changed(self, changes: Changes) -> None:
        if changes.templates:
            self._read_templates()

    def _read_templates(self) -> None:
        self._templates_asked += 1
        asked = self._templates_asked

        def read(conn) -> dict[str, list[dict]]:
            by_action: dict[str, list[dict]] = {}
            for t in templates.list_templates(conn):   # in each action's order (the buyers' language first)
                by_action.setdefault(t["action"], []).append(t)
            return by_action

        def done(by_action: dict[str, list[dict]]) -> None:
            if asked != self._templates_asked:
                return   # a newer read is on its way
            self.templates = by_action
            if self.action is not None:   # the editor is open: its list follows (a reason typed stays)
                self._fill_templates(self.action)

        self.access.read(read, done, owner=self)

    def _fill_templates(self, action: str) -> None:
        ui = self.ui
        ui.templateList.clear()
        # every language, the buyers' first: the text goes to the buyer, whatever the UI speaks
        for n, t in enumerate((self.templates or {}).get(action, []), start=1):
            key = t["shortcut"] or (n if n <= 9 else None)
            label = f"{key}. {t['name']}" if key else t["name"]
            if t["lang"] != templates.BUYER_LANG:
                label += f" ({LANG_NAMES.get(t['lang'], t['lang'])})"
            item = QListWidgetItem(label)
            item.setData(TemplateRole, dict(t, key=key))
            item.setToolTip(t["text"])
            ui.templateList.addItem(item)
        if action == "approve" and ui.templateList.count() and not ui.reasonEdit.toPlainText().strip():
            self._use_template(ui.templateList.item(0))

    # --- what is shown ---------------------------------------------------------------------

    def configure(self, *, policy: Policy | None, role: str, staff_id: str, staff_name: str, lang: str,
                  reason_labels: dict[str, str], now_ms, attachments_dir=None) -> None:
        self.policy = policy or Policy.defaults()
        self.role = role
        self.staff = (staff_id, staff_name)
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.reason_labels = reason_labels
        self.now_ms = now_ms
        self.attachments.configure(attachments_dir, self.policy)

    def set_refund(self, row: dict | None, local_decisions: list[dict]) -> None:
        self.row, self._local = row, local_decisions
        self.cancel()
        can_decide = self.role in DECIDING_ROLES
        awaiting = row is not None and row["status"] == "awaiting_merchant"
        queued = any(d["state"] == "queued" for d in local_decisions)
        self.ui.viewerNote.setVisible(not can_decide)
        for b in (self.ui.approveButton, self.ui.partialButton, self.ui.rejectButton):
            b.setVisible(can_decide)
            b.setEnabled(can_decide and awaiting and not queued)
        self.ui.stateLabel.setText(self._state_text(row, local_decisions))
        self.ui.stateLabel.setVisible(bool(self.ui.stateLabel.text()))   # no blank line above the note or buttons
        latest = local_decisions[-1] if row is not None and local_decisions else None
        self.conflict = latest is not None and latest["state"] in ("superseded", "rejected") \
            and latest.get("acknowledged_at") is None
        self.ui.acknowledgeButton.setVisible(self.conflict and can_decide)
        self.ui.acknowledgeButton.setEnabled(True)

    def _state_text(self, row: dict | None, local: list[dict]) -> str:
        if row is None:
            return ""
        if local:
            d = local[-1]
            when = full_time(d["created_at"], self.lang)
            action = self._action_name(d["action"])
            if d["state"] == "queued" and self.offline:
                return self.tr("Your decision ({action}, {when}) is saved; it uploads when the connection is "
                               "back.").format(action=action, when=when)
            if d["state"] == "queued":
                return self.tr("Your decision ({action}, {when}) is saved and uploading…").format(action=action,
                                                                                                    when=when)
            if d["state"] == "done":
                return self.tr("Your decision ({action}) was accepted by the platform.").format(action=action)
            if d["state"] == "superseded":
                return self.tr("Conflict: the platform did not take your decision ({action}) because {what}. "
                               "Nothing was lost: it stays in your history.").format(
                    action=action, what=self._platform_did(d)) + self._seen(d)
            if d["state"] == "rejected":
                fields = "; ".join(f"{k}: {v}" for k, v in (d.get("field_errors") or {}).items())
                return self.tr("The platform refused your decision ({action}): {why}").format(
                    action=action, why=fields or d.get("message") or "") + self._seen(d)
        if row["status"] != "awaiting_merchant":
            return self.tr("This refund is not waiting for your decision.")
        return ""

    def _seen(self, d: dict) -> str:
        if d.get("acknowledged_at") is None:
            return ""
        return " " + self.tr("Seen by {name}, {when}.").format(name=d.get("acknowledged_by") or "",
                                                                 when=full_time(d["acknowledged_at"], self.lang))

    def acknowledge(self) -> None:
        """Put the shown conflict away (key G, "Got it"): the refund leaves "Uploading / conflicts"; the decision,
        what the platform did and who saw it stay in the history and the audit log."""
        if self.row is None or not self.conflict or self.role not in DECIDING_ROLES or self.saving:
            return
        rid, now = self.row["id"], self.now_ms()
        self.saving = True
        self.ui.acknowledgeButton.setEnabled(False)

        def done(result) -> None:
            self.saving = False
            self.ui.acknowledgeButton.setEnabled(True)
            if isinstance(result, workbench.Refused):
                self._show_state_error(refusal_text(result))
                return
            self.acknowledged.emit(rid)

        def failed(error: Exception) -> None:
            self.saving = False
            self.ui.acknowledgeButton.setEnabled(True)
            self._show_state_error(self.tr("Could not save: {why}").format(why=describe(error)))

        self.access.write(lambda db: workbench.acknowledge_conflict(db, rid, now_ms=now), done, failed, owner=self)

    def _show_state_error(self, text: str) -> None:
        self.ui.stateLabel.setText(self.ui.stateLabel.text() + "\n" + text)
        self.ui.stateLabel.show()

    def _platform_did(self, d: dict) -> str:
        pd = (d.get("platform_decision") or {}).get("decision") or {}
        by = (pd.get("by") or {}).get("kind")
        if by == "platform_auto":
            return self.tr("the platform had already approved it automatically (fast refund)")
        if by == "platform_cs":
            return self.tr("platform customer service had already decided it")
        if by == "staff":
            name = (pd.get("by") or {}).get("name") or ""
            return self.tr("{name} had already decided it ({action})").format(
                name=name, action=self._action_name(pd.get("action") or ""))
        return self.tr("the refund had changed on the platform")

    def _action_name(self, action: str) -> str:
        return {"approve": self.tr("approve"), "partial": self.tr("partial refund"),
                "reject": self.tr("reject")}.get(action, action)

    # --- editing ---------------------------------------------------------------------------

    def begin(self, action: str) -> None:
        """Open the editor for an action (keys A, P, R)."""
        if self.row is None or self.role not in DECIDING_ROLES or not self.ui.approveButton.isEnabled():
            return
        self.action = action
        ui = self.ui
        requested, paid = self.row["requested_fen"], self.row["paid_fen"]
        # "full" only when the buyer asked for all they paid: approving ¥86.16 of ¥97.90 is not a full refund
        approve = self.tr("Approve the full refund of {amount}") if requested >= paid else \
            self.tr("Approve the refund the buyer asked for, {amount} (of {paid} paid)")
        ui.editorTitle.setText({"approve": approve,
                                "partial": self.tr("Partial refund (paid {amount})"),
                                "reject": self.tr("Reject the refund of {amount}")}[action].format(
            amount=fen_to_yuan_str(requested if action != "partial" else paid, symbol=True, grouping=True),
            paid=fen_to_yuan_str(paid, symbol=True, grouping=True)))
        self._warn_fast()
        show_amount = action == "partial"
        ui.amountLabel.setVisible(show_amount)
        ui.amountEdit.setVisible(show_amount)
        self.suggestionLabel.setVisible(show_amount)
        if show_amount:
            suggestion = suggest_partial(self.row)
            ui.amountEdit.setText("" if suggestion.amount_fen is None else fen_to_yuan_str(suggestion.amount_fen))
            self.suggestionLabel.setText(suggestion_text(suggestion))
        ui.reasonCodeCombo.clear()
        if action != "approve":
            ui.reasonCodeCombo.addItem(self.tr("Choose a reason…"), None)
        for code, actions in REASON_CODES.items():
            if action in actions:
                ui.reasonCodeCombo.addItem(self.reason_labels.get(code, code), code)
        ui.reasonCodeCombo.setVisible(action != "approve")
        ui.reasonCodeLabel.setVisible(action != "approve")
        ui.reasonEdit.clear()
        self._filled = None
        self._clear_error()
        self.attachments.clear()
        ui.attachButton.setVisible(action != "approve")   # images back a rejection or a partial refund
        ui.editor.show()
        self._fill_templates(action)   # from memory (see _read_templates)
        worked_out = show_amount and suggestion.amount_fen is not None and suggestion.fits_partial
        if show_amount and not (worked_out and ui.templateList.count()):
            ui.amountEdit.setFocus()     # an amount to type (or to mend): typing replaces what is there
            ui.amountEdit.selectAll()
        elif show_amount:
            ui.templateList.setFocus()   # the amount is worked out (shown under it): 1–9 pick the text, as A and R
        else:
            ui.submitButton.setFocus()

    def set_offline(self, offline: bool) -> None:
        """The connection's state as the window shows it (the fast-refund warning and the state text depend on it)."""
        changed, self.offline = offline != self.offline, offline
        if self.action is not None:
            self._warn_fast()
        if changed and self.row is not None and self._local:
            self.ui.stateLabel.setText(self._state_text(self.row, self._local))

    def _warn_fast(self) -> None:
        """Offline, deciding a fast refund whose automatic approval is still ahead: say that the decision only
        counts if it reaches the platform before that moment (it is kept and uploads when the connection is
        back; the platform does not wait for it)."""
        row = self.row
        at = row.get("auto_approve_at") if row is not None and row.get("fast_refund") else None
        show = bool(self.offline and at is not None and at > self.now_ms())
        if show:
            self.fastLabel.setText(self.tr(
                "You are offline. This is a fast refund: unless your decision reaches the platform before {when}, "
                "the platform approves the refund by itself.").format(when=full_time(at, self.lang)))
        self.fastLabel.setVisible(show)

    def cancel(self) -> None:
        self.action = None
        self.ui.editor.hide()

    def use_template_number(self, n: int) -> None:
        for i in range(self.ui.templateList.count()):
            item = self.ui.templateList.item(i)
            if item.data(TemplateRole)["key"] == n:
                self._use_template(item)
                return

    def _use_template(self, item: QListWidgetItem) -> None:
        if self.row is None or item is None:
            return
        t = item.data(TemplateRole)
        amount = self._amount_or_none() if self.action == "partial" else None
        rendered = render(t["text"], template_values(self.row, amount))
        self._clear_error()             # what a refused save asked for is being mended: its message goes
        self.ui.reasonEdit.setPlainText(rendered)
        self._filled = (t["text"], rendered)
        if t.get("reason_code"):
            i = self.ui.reasonCodeCombo.findData(t["reason_code"])
            if i >= 0:
                self.ui.reasonCodeCombo.setCurrentIndex(i)
        self.ui.templateList.setCurrentItem(item)
        self.ui.submitButton.setFocus()

    def _amount_edited(self, _text: str) -> None:
        """A new partial amount re-fills a template's text the person has not edited since, so the
        buyer never reads one amount in the text and gets another."""
        self._clear_error()
        amount = self._amount_or_none()
        if self._filled is None or self.row is None or amount is None:
            return
        template, rendered = self._filled
        if self.ui.reasonEdit.toPlainText() != rendered:
            return   # edited by hand: theirs now
        again = render(template, template_values(self.row, amount))
        self.ui.reasonEdit.setPlainText(again)
        self._filled = (template, again)

    def _amount_or_none(self) -> int | None:
        try:
            return parse_yuan(self.ui.amountEdit.text())
        except MoneyError:
            return None

    def _count_chars(self) -> None:
        n = len(self.ui.reasonEdit.toPlainText().strip())
        self.ui.charCount.setText(self.tr("{n} / {max} characters").format(n=n, max=self.policy.reason_max_chars))

    def submit(self) -> None:
        """Save through workbench.decide on the writer thread (the policy and the refund's current row, as
        the version shown here); `decided` follows, or the reason it was not saved is shown."""
        if self.row is None or self.action is None or self.saving:
            return None
        ui = self.ui
        amount = None
        if self.action == "partial":
            try:
                amount = parse_yuan(ui.amountEdit.text())
            except MoneyError:
                self._refocus({"amount_fen": "not an amount"})   # to mend it, in sight (_show_error)
                return self._error(self.tr("“{text}” is not an amount of money. Type it in yuan, e.g. 70 or 70.50.")
                                   .format(text=ui.amountEdit.text().strip()[:20]))
        text = ui.reasonEdit.toPlainText().strip() or None
        code = ui.reasonCodeCombo.currentData() if self.action != "approve" else None
        if self.action == "approve" and text is None:
            text = None
        draft = DecisionDraft(self.action, amount, code, text)
        if self.attachments.busy:
            return self._error(self.tr("Wait until the attached images are ready."))
        rid, seen, now, attachments = self.row["id"], self.row["version"], self.now_ms(), list(self.attachments.items)
        self.saving = True
        self.ui.submitButton.setEnabled(False)
        self.access.write(lambda db: workbench.decide(db, rid, draft, seen_version=seen, now_ms=now,
                                                      attachments=attachments),
                          self._saved, self._save_failed, owner=self)
        return None

    def _save_failed(self, error: Exception) -> None:
        self.saving = False
        self.ui.submitButton.setEnabled(True)
        self._refocus()
        self._error(self.tr("Could not save: {why}").format(why=describe(error)))

    def _refocus(self, fields: Mapping[str, str] | None = None) -> None:
        """A save was refused: the keyboard goes back into the form (disabling Save while it saved sent the
        focus out of the panel, and 1–9 and Ctrl+Enter with it): to what needs mending, else to Save."""
        ui, fields = self.ui, fields or {}
        if "amount_fen" in fields and ui.amountEdit.isVisible():
            ui.amountEdit.setFocus()
            ui.amountEdit.selectAll()
        elif ("reason_code" in fields or "reason_text" in fields) and ui.templateList.count():
            ui.templateList.setFocus()     # a template number fills both
        elif "reason_text" in fields:
            ui.reasonEdit.setFocus()
        else:
            ui.submitButton.setFocus()

    def _saved(self, result) -> None:
        self.saving = False
        self.ui.submitButton.setEnabled(True)
        if isinstance(result, workbench.Refused):
            self._refocus(result.fields if result.code == "invalid" else None)
            if result.code == "invalid":
                return self._error(self._explain(result.fields))
            if result.code in ("not_awaiting", "queued"):
                return self._error(self.tr("This refund cannot take a decision now: it is no longer waiting for "
                                           "you, or a decision is already uploading."))
            return self._error(refusal_text(result))
        decision_id = result.value
        self.cancel()
        self.attachments.clear()
        self.decided.emit(decision_id)
        return None

    def _explain(self, errors: Mapping[str, str]) -> str:
        p, msgs = self.policy, []
        if "amount_fen" in errors and self.row is not None:
            msgs.append(self.tr("A partial refund must be at least ¥0.01 and less than the paid amount ({paid}).")
                        .format(paid=fen_to_yuan_str(self.row["paid_fen"], symbol=True, grouping=True)))
        if "reason_code" in errors:
            msgs.append(self.tr("Choose a reason."))
        still = unfilled(self.ui.reasonEdit.toPlainText())
        if "reason_text" in errors and still:
            msgs.append(self.tr("The text still says {names}: what it stands for is not known for this refund "
                                "(how much of the card was used). Write it in, or choose another template.").format(
                names=", ".join(still)))
        elif "reason_text" in errors:
            msgs.append(self.tr("Write a reason for the buyer: {min} to {max} characters.").format(
                min=p.reason_min_chars, max=p.reason_max_chars))
        if "evidence_ids" in errors:
            msgs.append(self.tr("Attach at most {n} images.").format(n=p.merchant_evidence_max_count))
        return " ".join(msgs) or "; ".join(errors.values())

    def _error(self, message: str) -> None:
        # about the amount, with the keys in it: said under the amount, where the eyes and the keys are (at the
        # bottom of a tall editor it could not be in sight together with the field on a short screen)
        by_amount = bool(message) and self.action == "partial" and self.focusWidget() is self.ui.amountEdit
        self.amountError.setText(message if by_amount else "")
        self.amountError.setVisible(by_amount)
        self.ui.errorLabel.setText("" if by_amount else message)
        if message:   # once the bar is laid out with the message (it pushes the buttons down)
            QTimer.singleShot(0, self._show_error)
        return None

    def _clear_error(self) -> None:
        self.ui.errorLabel.clear()
        self.amountError.clear()
        self.amountError.hide()

    def _show_error(self) -> None:
        """On a short screen the panel scrolls within the detail pane: bring the reason into view, or a save
        that was refused (Ctrl+Enter) looks like a key that did nothing; and the buttons under it, or the
        message pushes Save below the fold just when the person is to try again (the reason wins if both
        do not fit)."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        said = self.amountError if self.amountError.text() else self.ui.errorLabel
        if area is not None and said.text():
            # the message's height reaches the scroll area through a chain of layout requests: lay out now
            for _ in range(3):
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            area.ensureWidgetVisible(self.ui.submitButton, 0, 8)
            if said is self.amountError:
                area.ensureWidgetVisible(self.ui.amountEdit, 0, 8)   # the field to mend, with the keys in it
            area.ensureWidgetVisible(said, 0, 8)
