"""The refund queue as a table model: ordered row ids from SQL, rows fetched in blocks on demand."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from merchant_console.core.countdown import countdown_for, describe
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.status import REFUND_TYPES, status_label
from merchant_console.store import risk
from merchant_console.store.engine import Database
from merchant_console.store.queue import QueueFilter, queue_rowids, rowid_of, rows_by_rowid

from .evidence_text import signal_label
from .formatting import full_time, short_time
from .theme import STATUS_COLOURS

BLOCK = 200
CountdownRole = Qt.ItemDataRole.UserRole + 1   # core.countdown.Countdown or None
RefundIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3          # the row dict

# (key, sort key in store.queue.SORTS, header)
COLUMNS = (
    ("countdown", "urgency", "Countdown"),
    ("order_no", "order_no", "Order no"),
    ("product", "product", "Product"),
    ("amount", "paid", "Paid / requested"),
    ("type", "type", "Type"),
    ("buyer", "buyer", "Buyer"),
    ("submitted", "submitted", "Submitted"),
    ("status", "status", "Status"),
    ("flags", "flags", "Flags"),
)


class RefundTableModel(QAbstractTableModel):
    def __init__(self, db: Database, now_ms, lang: str = "en", parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.now_ms = now_ms          # callable: server time in ms (the one clock everyone asks)
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.filter = QueueFilter()
        self._rowids: list[int] = []
        self._cache: dict[int, dict] = {}

    # --- loading -------------------------------------------------------------------------

    def query(self, f: QueueFilter) -> list[int]:
        """Run the queue query (safe on any thread: its own connection)."""
        with self.db.read() as conn:
            return queue_rowids(conn, f, self.now_ms())

    def apply(self, f: QueueFilter, rowids: list[int]) -> None:
        """Show a query's result (GUI thread)."""
        self.beginResetModel()
        self.filter = f
        self._rowids = rowids
        self._cache.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.apply(self.filter, self.query(self.filter))

    def refresh_rows(self) -> None:
        """Rows changed underneath (a sync page): drop cached rows, keep order and selection."""
        self._cache.clear()
        if self._rowids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rowids) - 1, len(COLUMNS) - 1))

    def tick(self, first: int = 0, last: int | None = None) -> None:
        """Countdowns moved on: repaint the countdown cells of rows first..last (the visible ones)."""
        n = len(self._rowids)
        if not n:
            return
        last = n - 1 if last is None else min(last, n - 1)
        first = max(0, first)
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0),
                                  [Qt.ItemDataRole.DisplayRole, CountdownRole])

    def row_at(self, row: int) -> dict | None:
        if not 0 <= row < len(self._rowids):
            return None
        rid = self._rowids[row]
        if rid not in self._cache:
            start = (row // BLOCK) * BLOCK
            block = self._rowids[start:start + BLOCK]
            with self.db.read() as conn:
                fetched = rows_by_rowid(conn, block)
                ids = [r["id"] for r in fetched.values()]
                signals = risk.signals_for(conn, ids)
                flags = risk.flags_for(conn, ids)
            for r in fetched.values():
                r["risks"] = sorted({s.code for s in signals.get(r["id"], [])})
                r["flags"] = len(flags.get(r["id"], []))
            if len(self._cache) > 20 * BLOCK:
                self._cache.clear()
            self._cache.update(fetched)
        return self._cache.get(rid)

    def row_of_id(self, refund_id: str) -> int:
        """The row showing this refund, or -1. One indexed lookup, not a walk that fetches every block."""
        with self.db.read() as conn:
            rowid = rowid_of(conn, refund_id)
        if rowid is None:
            return -1
        try:
            return self._rowids.index(rowid)
        except ValueError:
            return -1

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rowids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return self._headers()[section]
        return None

    def _headers(self) -> list[str]:
        # literal self.tr() calls, so lupdate finds them (the order follows COLUMNS)
        return [self.tr("Countdown"), self.tr("Order no"), self.tr("Product"), self.tr("Paid / requested"),
                self.tr("Type"), self.tr("Buyer"), self.tr("Submitted"), self.tr("Status"), self.tr("Flags")]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        f = QueueFilter(**{**self.filter.__dict__, "sort": COLUMNS[column][1],
                           "descending": order == Qt.SortOrder.DescendingOrder})
        self.apply(f, self.query(f))

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == RefundIdRole:
            return row["id"]
        if role == RowRole:
            return row
        if role == CountdownRole:
            return countdown_for(row, self.now_ms())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(key, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, row)
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return QColor(STATUS_COLOURS.get(row["status"], "#6e7781"))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, key: str, row: dict) -> str:
        if key == "countdown":
            cd = countdown_for(row, self.now_ms())
            return describe(cd, self.lang) if cd else "—"
        if key == "order_no":
            return row["order_no"]
        if key == "product":
            return row["product_name"]
        if key == "amount":
            paid = fen_to_yuan_str(row["paid_fen"], symbol=True, grouping=True)
            if row["requested_fen"] == row["paid_fen"]:
                return paid
            return f"{paid} / {fen_to_yuan_str(row['requested_fen'], symbol=True, grouping=True)}"
        if key == "type":
            zh, en = REFUND_TYPES.get(row["type"], (row["type"], row["type"]))
            return zh if self.lang == "zh" else en
        if key == "buyer":
            return f"{row['buyer_nickname']}  ·  {row['buyer_refunds_90d']}/{row['buyer_orders_90d']}"
        if key == "submitted":
            return short_time(row["submitted_at"], self.lang)
        if key == "status":
            text = status_label(row["status"], self.lang)
            local = row.get("local_state")
            local_text = {"queued": self.tr("uploading"), "superseded": self.tr("conflict"),
                          "rejected": self.tr("refused")}
            if local in local_text:
                text += f" · {local_text[local]}"
            return text
        if key == "flags":
            parts = []
            if row["urged_at"] is not None:
                parts.append(self.tr("urged"))
            if row["fast_refund"]:
                parts.append(self.tr("fast"))
            if row["evidence_count"]:
                parts.append(self.tr("{n} img").format(n=row["evidence_count"]))
            # card use has its own word; a perceptual-hash likeness alone is too weak to flag in the list
            risks = [c for c in row.get("risks", []) if c not in ("card_used", "similar_image")]
            if row["card_status"] in ("activated", "partially_used"):
                parts.append(self.tr("card used"))
            if risks:
                parts.append(self.tr("⚠ {n} risk").format(n=len(risks)))
            if row.get("flags"):
                parts.append(self.tr("⚑ flagged"))
            return " · ".join(parts)
        return ""

    def _tooltip(self, key: str, row: dict) -> str | None:
        if key == "buyer":
            return self.tr("Refunds / orders in the last 90 days: {r} / {o}").format(r=row["buyer_refunds_90d"],
                                                                                 o=row["buyer_orders_90d"])
        if key == "flags" and row.get("risks"):
            return "\n".join(signal_label(c) for c in row["risks"])
        if key == "countdown":
            cd = countdown_for(row, self.now_ms())
            if cd is None:
                return None
            what = {"due": self.tr("Response deadline"),
                    "auto_approve": self.tr("Fast refund: approved automatically"),
                    "escalation": self.tr("Buyer urged: platform steps in"),
                    "statement": self.tr("Appeal statement due")}
            return f"{what[cd.kind]}: {full_time(cd.at_ms, self.lang)}"
        return None
