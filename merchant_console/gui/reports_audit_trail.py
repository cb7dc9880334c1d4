"""One refund's audit trail (decisions saved here, what the platform made of them), for the detail pane.

The whole hash chain is verified too, so a trail read from a tampered log says so.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget
from sqlalchemy import Connection

from merchant_console.core.money import fen_to_yuan_str
from merchant_console.store import audit, state

from .database_access import DatabaseAccess


def staff_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Staff id -> name for `ids`, from everything the console knows: who is signed in, who decided
    here, who the platform says decided (the log records ids, which people do not read)."""
    ids = {i for i in ids if i and i != "sync"}
    if not ids:
        return {}
    names: dict[str, str] = {}
    marks = ",".join("?" * len(ids))
    sql = f"SELECT staff_id, staff_name FROM decisions WHERE staff_id IN ({marks}) AND staff_name != ''"
    names.update({sid: name for sid, name in conn.exec_driver_sql(sql, tuple(ids)) if sid and name})
    for sid in ids - names.keys():   # decided elsewhere: the platform's record of them names them
        name = conn.exec_driver_sql("SELECT decision_by_name FROM refunds WHERE decision_by_id = ? AND "
                                    "decision_by_kind = 'staff' AND decision_by_name IS NOT NULL LIMIT 1",
                                    (sid,)).scalar()
        if name:
            names[sid] = name
    st = state.load_state(conn)
    if st.get("staff_id") in ids and st.get("staff_name"):
        names[st["staff_id"]] = st["staff_name"]
    return names


class AuditTrailWidget(QWidget):
    """`AuditTrailWidget(access)`; call `show_refund(refund_id)` (None clears it). Read through the reader."""

    trailShown = Signal(str)  # the refund id whose trail is now shown

    def __init__(self, access: DatabaseAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._access = access
        self._refund_id: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Who"), self.tr("Details")])
        self.tree.setColumnWidth(0, 140)
        self.tree.setColumnWidth(1, 200)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        lay.addWidget(self.chain_label)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty_label)
        self.show_refund(None)

    def show_refund(self, refund_id: str | None) -> None:
        self._refund_id = refund_id
        self.tree.clear()
        if refund_id is None:
            self.tree.hide()
            self.chain_label.clear()
            self.empty_label.setText(self.tr("Select a refund to see its audit trail."))
            self.empty_label.show()
            return
        self.empty_label.setText(self.tr("Loading…"))

        def load(conn):
            entries = audit.trail(conn, refund_id)
            return refund_id, entries, audit.verify(conn), staff_names(conn, {e["actor"] for e in entries})

        self._access.read(load, self._loaded, self._failed, owner=self)

    def _failed(self, error: Exception) -> None:
        self.empty_label.setText(self.tr("Could not read the audit log: %1").replace("%1", str(error)))

    def _loaded(self, result) -> None:
        refund_id, entries, report, names = result
        if refund_id != self._refund_id:
            return  # another refund was selected meanwhile
        if report.ok and report.entries == 0:
            self.chain_label.setText(self.tr("The audit log is empty: nothing has been decided in this console yet."))
            self.chain_label.setStyleSheet("")
        elif report.ok:
            text = self.tr("Audit log intact (1 entry checked).") if report.entries == 1 else \
                self.tr("Audit log intact (%1 entries checked).")
            self.chain_label.setText(text.replace("%1", str(report.entries)))
            self.chain_label.setStyleSheet("")
        else:
            self.chain_label.setText(self.tr("Audit log BROKEN at entry %1: it was edited outside the console.")
                                     .replace("%1", str(report.first_bad_seq)))
            self.chain_label.setStyleSheet("color: #C62828; font-weight: bold;")
        for e in entries:
            when = datetime.fromtimestamp(e["at_ms"] / 1000).astimezone().strftime("%Y-%m-%d %H:%M:%S")
            item = QTreeWidgetItem([when, self._kind(e["kind"]), self._who(e["actor"], names),
                                    self._details(e["payload"])])
            item.setToolTip(2, e["actor"])   # the id the log holds, for whoever checks it against the platform
            item.setToolTip(3, e["payload"])
            self.tree.addTopLevelItem(item)
        if entries:
            self.tree.show()
            self.empty_label.hide()
        else:
            self.tree.hide()
            self.empty_label.setText(self.tr("No audit entries for this refund. Decisions made in this console "
                                             "appear here; decisions made elsewhere are in the platform's history."))
            self.empty_label.show()
        self.trailShown.emit(refund_id)

    def _who(self, actor: str, names: dict[str, str]) -> str:
        """A person's name (小王) rather than the id the log records (s_7)."""
        if actor == "sync":
            return self.tr("Console (upload)")
        return names.get(actor) or actor

    def _kind(self, kind: str) -> str:
        names = {"decision": self.tr("Decision saved"),
                 "decision_done": self.tr("Decision accepted by the platform"),
                 "decision_superseded": self.tr("Decision superseded (decided elsewhere first)"),
                 "decision_rejected": self.tr("Decision refused by the platform"),
                 "decision_acknowledged": self.tr("Conflict seen and put away"),
                 "statement": self.tr("Appeal statement saved"),
                 "statement_done": self.tr("Statement accepted by the platform"),
                 "statement_superseded": self.tr("Statement superseded"),
                 "statement_rejected": self.tr("Statement refused by the platform"),
                 "export": self.tr("Report exported")}
        return names.get(kind, kind)

    def _details(self, payload_json: str) -> str:
        try:
            p = json.loads(payload_json)
        except ValueError:
            return payload_json[:200]
        if not isinstance(p, dict):
            return str(p)[:200]
        parts = []
        if p.get("action"):
            parts.append({"approve": self.tr("approve"), "partial": self.tr("partial refund"),
                          "reject": self.tr("reject")}.get(p["action"], str(p["action"])))
        if isinstance(p.get("amount_fen"), int):
            parts.append(fen_to_yuan_str(p["amount_fen"], symbol=True, grouping=True))
        for key in ("reason_code", "reason_text", "message", "text"):
            if p.get(key):
                parts.append(str(p[key])[:120])
        return " · ".join(parts)
