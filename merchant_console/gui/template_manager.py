"""Managers create, edit, delete, reorder, import and export reason templates, and the templates of messages to
the buyer (the conversation's composer: no reason code, no shortcut key)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidgetItem, QMessageBox

from merchant_console import workbench
from merchant_console.core.policy import REASON_CODES
from merchant_console.core.templates import PLACEHOLDERS, render, template_values
from merchant_console.store import templates

from .conversation_pane import message_templates_label
from .database_access import DatabaseAccess
from .formatting import counted
from .forms.ui_template_manager import Ui_TemplateManager

IdRole = Qt.ItemDataRole.UserRole + 20
# a template's language is the buyer's, not the UI's: each names itself in its own language
LANG_NAMES = {"zh": "中文", "en": "English"}
SAMPLE = {"order_no": "KM20261121093015001", "requested_fen": 9850, "paid_fen": 9850, "face_value_fen": 10000,
          "quantity": 1, "card_used_fen": 3000, "product_name": "腾讯Q币 100元", "buyer_nickname": "夜行的猫"}


class TemplateManager(QDialog):
    def __init__(self, access: DatabaseAccess, *, lang: str, now_ms, reason_labels: dict[str, str],
                 parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_TemplateManager()
        self.ui.setupUi(self)
        self.access, self.now_ms, self.reason_labels = access, now_ms, reason_labels
        self.loading = False   # a list is being read (tests wait for it)
        self.ui_lang = "zh" if lang.startswith("zh") else "en"   # the UI's; a template has its own
        self.current_id: int | None = None
        for code, name in LANG_NAMES.items():
            self.ui.langCombo.addItem(name, code)
        self.ui.shortcutSpin.setSpecialValueText(self.tr("none"))   # 0 = no shortcut key
        for action, label in (("approve", self.tr("Approve")), ("partial", self.tr("Partial refund")),
                              ("reject", self.tr("Reject")), (templates.MESSAGE, message_templates_label())):
            self.ui.actionCombo.addItem(label, action)
        names = ", ".join("$" + p for p in PLACEHOLDERS)
        self.ui.placeholderHelp.setText(self.tr("Placeholders: {names}. Text in braces and unknown names are "
                                                "left as typed.").format(names=names))
        self.ui.actionCombo.currentIndexChanged.connect(self._reload)
        self.ui.templateList.currentItemChanged.connect(self._show)
        self.ui.textEdit.textChanged.connect(self._preview)
        self.ui.addButton.clicked.connect(self._new)
        self.ui.deleteButton.clicked.connect(self._delete)
        self.ui.upButton.clicked.connect(lambda: self._move(-1))
        self.ui.downButton.clicked.connect(lambda: self._move(1))
        self.ui.saveButton.clicked.connect(self._save)
        self.ui.importButton.clicked.connect(self._import)
        self.ui.exportButton.clicked.connect(self._export)
        self.ui.closeButton.clicked.connect(self.accept)
        self._reload()

    @property
    def action(self) -> str:
        return self.ui.actionCombo.currentData()

    def _reload(self, select_id: int | None = None) -> None:
        """Read this action's templates (off the GUI thread), then list them with `select_id` selected."""
        action = self.action
        self.loading = True
        self.access.read(lambda conn: templates.list_templates(conn, action),
                         lambda items: self._fill(action, items, select_id), owner=self)

    def _fill(self, action: str, items: list[dict], select_id: int | None) -> None:
        if action != self.action:
            return   # another action was chosen meanwhile: its own list is on its way
        self.loading = False
        decision = action != templates.MESSAGE   # a message has no reason code, its templates no key
        for w in (self.ui.codeLabel, self.ui.codeCombo, self.ui.shortcutLabel, self.ui.shortcutSpin):
            w.setVisible(decision)
        self.ui.codeCombo.clear()
        self.ui.codeCombo.addItem(self.tr("(none)"), None)
        for code, actions in REASON_CODES.items():
            if self.action in actions:
                self.ui.codeCombo.addItem(self.reason_labels.get(code, code), code)
        self.ui.templateList.clear()
        for t in items:
            item = QListWidgetItem(self.tr("{name} · {language}").format(
                name=t["name"], language=LANG_NAMES.get(t["lang"], t["lang"])))
            item.setData(IdRole, t)
            self.ui.templateList.addItem(item)
            if t["id"] == select_id:
                self.ui.templateList.setCurrentItem(item)
        if self.ui.templateList.currentItem() is None and self.ui.templateList.count():
            self.ui.templateList.setCurrentRow(0)
        if not self.ui.templateList.count():
            self._new()

    def _show(self, item: QListWidgetItem | None) -> None:
        self.ui.errorLabel.clear()
        t = item.data(IdRole) if item else None
        self.current_id = t["id"] if t else None
        self.ui.nameEdit.setText(t["name"] if t else "")
        self.ui.textEdit.setPlainText(t["text"] if t else "")
        self.ui.shortcutSpin.setValue(t["shortcut"] or 0 if t else 0)
        self.ui.langCombo.setCurrentIndex(max(0, self.ui.langCombo.findData(t["lang"] if t else templates.BUYER_LANG)))
        self.ui.codeCombo.setCurrentIndex(max(0, self.ui.codeCombo.findData(t["reason_code"] if t else None)))

    def _preview(self) -> None:
        text = render(self.ui.textEdit.toPlainText(), template_values(SAMPLE))
        self.ui.previewLabel.setText(self.tr("Preview: {text}").format(text=text))

    def _new(self) -> None:
        self.ui.templateList.setCurrentItem(None)
        self.current_id = None
        self.ui.nameEdit.clear()
        self.ui.textEdit.clear()
        self.ui.shortcutSpin.setValue(0)
        self.ui.langCombo.setCurrentIndex(max(0, self.ui.langCombo.findData(templates.BUYER_LANG)))
        self.ui.nameEdit.setFocus()

    def _save(self) -> None:
        fields = {"action": self.action, "name": self.ui.nameEdit.text(), "text": self.ui.textEdit.toPlainText(),
                  "reason_code": self.ui.codeCombo.currentData(), "lang": self.ui.langCombo.currentData(),
                  "shortcut": (self.ui.shortcutSpin.value() or None) if self.action != templates.MESSAGE else None}
        template_id, now = self.current_id, self.now_ms()
        self.access.write(lambda db: workbench.save_template(db, fields, template_id=template_id, now_ms=now),
                          self._saved, owner=self)

    def _saved(self, result) -> None:
        if isinstance(result, workbench.Refused):
            if result.code == "name_taken":
                self.ui.errorLabel.setText(self.tr("Not saved: a template with this name exists ({why}).").format(
                    why="IntegrityError"))
            else:
                self.ui.errorLabel.setText(self.tr("Not saved: {why}").format(why=self._why(result)))
            return
        self._reload(result.value)

    def _why(self, e: workbench.Refused) -> str:
        """The reason in the UI's language (the workbench's message is English, for the CLI and logs)."""
        f = e.facts
        return {
            "empty": lambda: self.tr("write some text for the buyer"),
            "too_long": lambda: self.tr("a template may have at most {max} characters").format(max=f.get("max")),
            "unknown_placeholders": lambda: self.tr("unknown placeholders {names} (allowed: {allowed})").format(
                names=f.get("names"), allowed=f.get("allowed")),
            "name": lambda: self.tr("give the template a name of at most {max} characters").format(max=f.get("max")),
            "reason": lambda: self.tr("this reason code does not fit the action"),
        }.get(f.get("problem") or "", lambda: e.message)()

    def _delete(self) -> None:
        if self.current_id is None:
            return
        template_id = self.current_id
        self.access.write(lambda db: workbench.delete_template(db, template_id), lambda _r: self._reload(),
                          owner=self)

    def _move(self, step: int) -> None:
        if self.current_id is None:
            return
        template_id = self.current_id
        self.access.write(lambda db: workbench.move_template(db, template_id, step),
                          lambda _r: self._reload(template_id), owner=self)

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export templates"), "templates.json", "JSON (*.json)")
        if path:
            def write(text: str) -> None:
                Path(path).write_text(text, encoding="utf-8")

            self.access.read(templates.export_json, write, owner=self)

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import templates"), "", "JSON (*.json)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import the templates in a JSON file (saved by the writer); what happened is shown when it is done."""
        try:
            data = path.read_bytes()[: templates.MAX_IMPORT_BYTES + 1].decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            self._imported(workbench.Refused("unreadable", str(e)))
            return
        now = self.now_ms()
        self.access.write(lambda db: workbench.import_templates(db, data, now_ms=now), self._imported, owner=self)

    def _imported(self, result: workbench.Result[int]) -> None:
        if isinstance(result, workbench.Refused):
            QMessageBox.warning(self, self.tr("Import templates"),
                                self.tr("Nothing was imported: {why}").format(why=result.message))
            return
        added = result.value
        self._reload()
        self.ui.errorLabel.setText(counted(added, self.tr("1 template imported."), self.tr("{n} templates imported.")))
