"""The records the console keeps out of the queue (quarantined) and those it shows with cleaned text.

A refund the platform sent in a form the console cannot act on stays out of the queue, but its
deadline may be running: this lists what can be read of it (id, order number, due time, status,
the problem), all made display-safe by the store (core.display_text).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from merchant_console.core.display_text import visible
from merchant_console.store import state

from .database_access import DatabaseAccess
from .formatting import short_time
from .forms.ui_quarantine_dialog import Ui_QuarantineDialog
from .words import word


class QuarantineDialog(QDialog):
    """Opens at once; the records are read through the reader and listed when they land (`loaded`)."""

    loaded = Signal()

    def __init__(self, access: DatabaseAccess, parent: QWidget | None = None, lang: str = "en") -> None:
        super().__init__(parent)
        self.ui = Ui_QuarantineDialog()
        self.ui.setupUi(self)
        self.lang = lang
        access.read(lambda conn: (state.quarantine_overview(conn), state.cleaned_refunds(conn)), self._show,
                    owner=self)

    def _show(self, found: tuple[list[dict], list[dict]]) -> None:
        quarantined, cleaned = found
        lang = self.lang
        _fill(self.ui.quarantineTable,
              [self.tr("Refund"), self.tr("Order"), self.tr("Due"), self.tr("Status"), self.tr("Problem"),
               self.tr("Received")],
              [[q["refund_id"], q["order_no"], short_time(q["due_at"], lang), word("statuses", q["status"]),
                q["problem"],
                short_time(q["received_at"], lang)] for q in quarantined])
        _fill(self.ui.cleanedTable,
              [self.tr("Refund"), self.tr("Order"), self.tr("Next deadline"), self.tr("Status"),
               self.tr("Cleaned fields")],
              [[visible(c["id"]), visible(c["order_no"]), short_time(c["next_deadline_at"], lang),
                word("statuses", c["status"]),
                ", ".join(c["odd_fields"] or [])] for c in cleaned])
        if not quarantined:
            self.ui.quarantineNote.setText(self.tr("No records are quarantined: every refund the platform sent "
                                                   "can be shown and answered here."))
            self.ui.quarantineTable.hide()
        if not cleaned:
            self.ui.cleanedNote.hide()
            self.ui.cleanedTable.hide()
        self.loaded.emit()


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
