"""Before a batch decision: which refunds, how much each, what is risky about them, the platform's caps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from merchant_console.core.batch import BatchPlan
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import Policy

from .evidence_text import signal_label
from .formatting import counted


def _money(fen: int) -> str:
    return fen_to_yuan_str(fen, symbol=True, grouping=True)


class BatchDialog(QDialog):
    """Lists every selected refund — to be decided or skipped, and why — with its amount and flags,
    and the batch against the platform's caps. OK is offered only for a batch the platform takes."""

    def __init__(self, plan: BatchPlan, policy: Policy, *, templates: list[dict] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.plan = plan
        approve = plan.action == "approve"
        self.setWindowTitle(self.tr("Approve selected refunds") if approve else self.tr("Reject selected refunds"))
        lay = QVBoxLayout(self)
        n, total = len(plan.eligible), _money(plan.total_fen)
        head = (counted(n, self.tr("Approve 1 refund, {money}:"), self.tr("Approve {n} refunds, {money} in total:"),
                        money=total) if approve else
                counted(n, self.tr("Reject 1 refund, {money}:"), self.tr("Reject {n} refunds, {money} in total:"),
                        money=total))
        self.heading = QLabel(head)
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.templates = list(templates or [])
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName(self.tr("Reason template"))
        for t in self.templates:
            self.template_combo.addItem(t["name"])
        if self.templates:   # rejecting: the buyers read this template's text
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Reason template:")))
            row.addWidget(self.template_combo, 1)
            lay.addLayout(row)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Order no"), self.tr("Product"), self.tr("Requested"),
                                              self.tr("Watch out"), self.tr("In this batch")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Refunds in this batch"))
        skipped_words = self.skip_reasons()
        rows = [(r, None) for r in plan.eligible] + [(r, skipped_words.get(why, why)) for r, why in plan.skipped]
        for refund, skipped in rows:
            i = self.table.rowCount()
            self.table.insertRow(i)
            cells = (refund["order_no"], refund.get("product_name") or "", _money(refund["requested_fen"]),
                     self.watch_out(refund), skipped or (self.tr("approve") if approve else self.tr("reject")))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if skipped:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(i, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        caps = self.tr("Platform limits per batch: at most {n} refunds and {money}. This batch: {k}, {total}.").format(
            n=policy.batch_max_count, money=_money(policy.batch_max_fen), k=n, total=total)
        self.caps = QLabel(caps)
        self.caps.setWordWrap(True)
        lay.addWidget(self.caps)
        self.problem = QLabel()
        self.problem.setObjectName("errorLabel")
        self.problem.setWordWrap(True)
        lay.addWidget(self.problem)
        if plan.cap_problem:
            self.problem.setText(self.tr("Over the platform's limit: select fewer refunds."))
        elif not plan.eligible:
            self.problem.setText(self.tr("None of the selected refunds can take this decision now."))
        self.problem.setVisible(bool(self.problem.text()))
        risky = sum(1 for r in plan.eligible if self.watch_out(r))
        if risky and approve:
            note = QLabel(self.tr("{n} of them carry risk signals or a used card: check them first, or take them "
                                  "out of the selection.").format(n=risky))
            note.setWordWrap(True)
            note.setObjectName("errorLabel")
            lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton((self.tr("Approve {n}") if approve else self.tr("Reject {n}")).format(n=n),
                               QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setEnabled(bool(plan.eligible) and not plan.cap_problem)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(760, 420)

    def template(self) -> dict | None:
        """The reason template chosen (rejecting), or None."""
        i = self.template_combo.currentIndex()
        return self.templates[i] if 0 <= i < len(self.templates) else None

    def skip_reasons(self) -> dict[str, str]:
        return {"not_awaiting": self.tr("skipped: not waiting for your decision"),
                "queued": self.tr("skipped: a decision is already uploading"),
                "auto_approved": self.tr("skipped: the platform approves it automatically now")}

    def watch_out(self, row: dict) -> str:
        """What should make the merchant look twice: risk signals, a used card, a staff flag."""
        words = []
        if row.get("card_status") in ("activated", "partially_used"):
            words.append(self.tr("card used"))
        words += [signal_label(c) for c in row.get("risks", []) if c not in ("card_used", "similar_image")]
        if row.get("flags"):
            words.append(self.tr("flagged by staff"))
        return ", ".join(words)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def summary_text(self) -> str:
        """Everything the dialog says, as text (for the screen reader's summary and for tests)."""
        rows = [" | ".join(self._cell(i, c) for c in range(self.table.columnCount()))
                for i in range(self.table.rowCount())]
        chosen = self.template()
        return "\n".join([self.heading.text(), *rows, self.caps.text(), self.problem.text(),
                          chosen["name"] if chosen else ""])
