"""Managers create, edit, delete, reorder, import and export reason templates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidgetItem, QMessageBox

from merchant_console import workbench
from merchant_console.core.policy import REASON_CODES
from merchant_console.core.templates import PLACEHOLDERS, render, template_values
from merchant_console.store import templates
from merchant_console.store.engine import Database

from .formatting import counted
from .forms.ui_template_manager import Ui_TemplateManager

IdRole = Qt.ItemDataRole.UserRole + 20
# a template's language is the buyer's, not the UI's: each names itself in its own language
LANG_NAMES = {"zh": "中文", "en": "English"}
SAMPLE = {"order_no": "KM20261121093015001", "requested_fen": 9850, "paid_fen": 9850, "face_value_fen": 10000,
          "quantity": 1, "card_used_fen": 3000, "product_name": "腾讯Q币 100元", "buyer_nickname": "夜行的猫"}


class TemplateManager(QDialog):
    def __init__(self, db: Database, *, lang: str, now_ms, reason_labels: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_TemplateManager()
        self.ui.setupUi(self)
        self.db, self.now_ms, self.reason_labels = db, now_ms, reason_labels
        self.ui_lang = "zh" if lang.startswith("zh") else "en"   # the UI's; a template has its own
        self.current_id: int | None = None
        for code, name in LANG_NAMES.items():
            self.ui.langCombo.addItem(name, code)
        self.ui.shortcutSpin.setSpecialValueText(self.tr("none"))   # 0 = no shortcut key
        for action, label in (("approve", self.tr("Approve")), ("partial", self.tr("Partial refund")),
                              ("reject", self.tr("Reject"))):
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
        self.ui.codeCombo.clear()
        self.ui.codeCombo.addItem(self.tr("(none)"), None)
        for code, actions in REASON_CODES.items():
            if self.action in actions:
                self.ui.codeCombo.addItem(self.reason_labels.get(code, code), code)
        self.ui.templateList.clear()
        with self.db.read() as conn:
            items = templates.list_templates(conn, self.action)
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

    def _save(self) -> bool:
        fields = {"action": self.action, "name": self.ui.nameEdit.text(), "text": self.ui.textEdit.toPlainText(),
                  "reason_code": self.ui.codeCombo.currentData(), "lang": self.ui.langCombo.currentData(),
                  "shortcut": self.ui.shortcutSpin.value() or None}
        result = workbench.save_template(self.db, fields, template_id=self.current_id, now_ms=self.now_ms())
        if isinstance(result, workbench.Refused):
            if result.code == "name_taken":
                self.ui.errorLabel.setText(self.tr("Not saved: a template with this name exists ({why}).").format(
                    why="IntegrityError"))
            else:
                self.ui.errorLabel.setText(self.tr("Not saved: {why}").format(why=self._why(result)))
            return False
        self._reload(result.value)
        return True

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
        }.get(f.get("problem"), lambda: e.message)()

    def _delete(self) -> None:
        if self.current_id is None:
            return
        workbench.delete_template(self.db, self.current_id)
        self._reload()

    def _move(self, step: int) -> None:
        if self.current_id is None:
            return
        workbench.move_template(self.db, self.current_id, step)
        self._reload(self.current_id)

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export templates"), "templates.json", "JSON (*.json)")
        if path:
            with self.db.read() as conn:
                Path(path).write_text(templates.export_json(conn), encoding="utf-8")

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import templates"), "", "JSON (*.json)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> int | None:
        try:
            data = path.read_bytes()[: templates.MAX_IMPORT_BYTES + 1].decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            result: workbench.Result[int] = workbench.Refused("unreadable", str(e))
        else:
            result = workbench.import_templates(self.db, data, now_ms=self.now_ms())
        if isinstance(result, workbench.Refused):
            QMessageBox.warning(self, self.tr("Import templates"),
                                self.tr("Nothing was imported: {why}").format(why=result.message))
            return None
        added = result.value
        self._reload()
        self.ui.errorLabel.setText(counted(added, self.tr("1 template imported."), self.tr("{n} templates imported.")))
        return added
