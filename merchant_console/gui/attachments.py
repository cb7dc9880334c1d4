"""Picking merchant evidence images for a rejection or an appeal statement.

Each picked file is decoded safely, made upright, stripped of metadata and shrunk to the platform's
limit off the GUI thread, then kept until the outbox uploads it.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from merchant_console.core.policy import Policy
from merchant_console.evidence.merchant_image import CannotPrepare, keep_for_upload, prepare_upload

from .formatting import counted
from .workers import run_in_background


class AttachmentPicker(QObject):
    changed = Signal()

    def __init__(self, button: QPushButton, label: QLabel, parent=None) -> None:
        super().__init__(parent)
        self.button, self.label = button, label
        self.folder: Path | None = None
        self.policy = Policy.defaults()
        self.items: list[dict] = []
        self.names: list[str] = []
        self.busy = 0
        self.error = ""
        label.setTextFormat(Qt.TextFormat.RichText)
        label.linkActivated.connect(lambda _href: self.clear())
        button.clicked.connect(self.pick)

    def configure(self, folder: Path | None, policy: Policy) -> None:
        self.folder, self.policy = folder, policy
        self.button.setEnabled(folder is not None)

    def pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.button, self.tr("Attach an image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if path:
            self.add(Path(path))

    def add(self, path: Path) -> None:
        if self.folder is None:
            return
        if len(self.items) + self.busy >= self.policy.merchant_evidence_max_count:
            self._show(self.tr("At most {n} images can be attached.").format(n=self.policy.merchant_evidence_max_count))
            return
        self.busy += 1
        self._show()
        folder, limit = self.folder / "attachments", self.policy.merchant_evidence_max_bytes

        def work():
            if path.stat().st_size > 64 * 1024**2:
                raise CannotPrepare("too_large", "file too large")
            return keep_for_upload(prepare_upload(path, limit), folder)

        run_in_background(work, lambda item: self._added(path, item), lambda e: self._failed(path, e), owner=self)

    def _added(self, path: Path, item: dict) -> None:
        self.busy -= 1
        self.items.append(item)
        self.names.append(path.name)
        self._show()

    def _failed(self, path: Path, error: Exception) -> None:
        self.busy -= 1
        reason = getattr(error, "reason", "")
        why = {"empty": self.tr("the file is empty"), "corrupt": self.tr("the file is damaged"),
               "too_large": self.tr("the image is too large"),
               "unsupported": self.tr("it is not a PNG, JPEG or WebP image"),
               "cannot_fit": self.tr("it cannot be shrunk under the platform's limit and stay legible")}.get(
            reason, str(error))
        self._show(self.tr("“{name}” was not attached: {why}.").format(name=path.name, why=why))

    def clear(self) -> None:
        self.items.clear()
        self.names.clear()
        self._show()

    def _show(self, error: str = "") -> None:
        parts = []
        if self.items:
            total = sum(i["bytes"] for i in self.items) / 1024
            parts.append(escape(counted(len(self.items), self.tr("1 image attached ({kb:.0f} KB): {names}"),
                                        self.tr("{n} images attached ({kb:.0f} KB): {names}"),
                                        kb=total, names=", ".join(self.names))))
            parts.append('<a href="clear">{}</a>'.format(escape(self.tr("remove"))))
        if self.busy:
            parts.append(escape(counted(self.busy, self.tr("preparing 1 image…"), self.tr("preparing {n} images…"))))
        if error:
            parts.append(f'<span style="color:#c62828">{escape(error)}</span>')
        self.label.setText(" ".join(parts))
        self.label.setVisible(bool(parts))
        self.changed.emit()
