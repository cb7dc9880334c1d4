"""Language, theme, sync and notification preferences."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from .forms.ui_settings_dialog import Ui_SettingsDialog
from .settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.settings = settings
        for label, value in ((self.tr("Follow the system"), ""), ("简体中文", "zh_CN"), ("English", "en")):
            self.ui.languageCombo.addItem(label, value)
        for label, value in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                             (self.tr("Dark"), "dark")):
            self.ui.themeCombo.addItem(label, value)
        self.ui.languageCombo.setCurrentIndex(max(0, self.ui.languageCombo.findData(settings.get("language"))))
        self.ui.themeCombo.setCurrentIndex(max(0, self.ui.themeCombo.findData(settings.get("theme"))))
        self.ui.syncSpin.setValue(settings.get("sync/wait_s"))
        self.ui.notifyHour.setChecked(settings.get("notify/last_hour"))
        self.ui.notifyQuarter.setChecked(settings.get("notify/last_quarter"))
        self.ui.notifyFast.setChecked(settings.get("notify/fast_refund"))
        self.ui.notifyUrged.setChecked(settings.get("notify/urged"))
        self.ui.notifyAppeal.setChecked(settings.get("notify/appeal"))
        self.ui.buttonBox.accepted.connect(self._save)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _save(self) -> None:
        s = self.settings
        s.set("language", self.ui.languageCombo.currentData())
        s.set("theme", self.ui.themeCombo.currentData())
        s.set("sync/wait_s", self.ui.syncSpin.value())
        s.set("notify/last_hour", self.ui.notifyHour.isChecked())
        s.set("notify/last_quarter", self.ui.notifyQuarter.isChecked())
        s.set("notify/fast_refund", self.ui.notifyFast.isChecked())
        s.set("notify/urged", self.ui.notifyUrged.isChecked())
        s.set("notify/appeal", self.ui.notifyAppeal.isChecked())
        s.sync()
        self.accept()
