"""Desktop notifications before deadlines and on urges/appeals, and a tray icon with a badge."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QSystemTrayIcon

from merchant_console.core.alerts import KINDS, MAX_CATCH_UP_MS, Alert, conversation_events, crossings, new_events
from merchant_console.resources import ICONS
from merchant_console.store.alerts import deadline_rows, due_within_hour, event_ids, rows_by_id
from merchant_console.store.changes import EVERYTHING, Changes
from merchant_console.store.state import load_state

from .database_access import DatabaseAccess
from .formatting import counted, full_time
from .settings import Settings

CHECK_MS = 15_000
SOON_MS = 10_000   # after sync reports changes, look within this long (not for every page of a busy feed)


def app_icon() -> QIcon:
    """The app icon at every size we ship (crisp at any DPI)."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        path = ICONS / f"app-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    if icon.isNull():
        pix = QPixmap(64, 64)
        pix.fill(QColor("#1f6feb"))
        icon = QIcon(pix)
    return icon


class Notifier(QObject):
    alerted = Signal(object)        # core.alerts.Alert
    open_refund = Signal(str)       # a notification was clicked
    badge_changed = Signal(int)     # refunds due within the hour

    def __init__(self, access: DatabaseAccess, now_ms, settings: Settings, *, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.access, self.now_ms, self.settings = access, now_ms, settings
        self.lang = "zh" if lang.startswith("zh") else "en"
        self._prev = now_ms()
        self._watch_from = self._prev   # v1.1 conversation events before this are not news
        self._seen: dict[str, set[str]] = {"urged": set(), "appeal": set()}
        self._primed = False
        self._last: Alert | None = None
        self.badge = 0
        self.history: list[Alert] = []
        self.icon = app_icon()
        self.tray = QSystemTrayIcon(self.icon, self) if QSystemTrayIcon.isSystemTrayAvailable() else None
        if self.tray is not None:
            self.tray.messageClicked.connect(self._clicked)
            self.tray.show()
        self._changed = Changes()   # refunds changed since the last check
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(lambda: self.check(self._take_changed(), badge=False))
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        # the periodic look is for deadline moments only (and whatever sync reported since)
        self.timer.timeout.connect(lambda: self.check(self._take_changed(), badge=True))
        self.timer.start()

    def enabled(self) -> set[str]:
        return {k for k in KINDS if self.settings.get(f"notify/{k}")}

    def check_soon(self, changed: Changes) -> None:
        """Sync changed these refunds: look at them, at most every few seconds."""
        self._changed = self._changed | changed
        wait = SOON_MS - (self.now_ms() - getattr(self, "_checked_at", 0))
        if wait <= 0:
            self.check(self._take_changed(), badge=False)
        elif not self._later.isActive():
            self._later.start(int(wait))

    def _take_changed(self) -> Changes:
        changed, self._changed = self._changed, Changes()
        return changed

    def check(self, changed: Changes = EVERYTHING, *, badge: bool = True) -> None:
        """Deadline moments since the last check; urges and appeals among `changed` (all of them by default).

        Only a full check (at start, and when sync reports too many changes to list) reads every urged
        and appealed refund; otherwise the thin deadline bands only. The badge (a count over the
        awaiting refunds) is recounted by the periodic and full checks, not for each page of changes.
        """
        count_badge = badge or changed.everything
        now = self.now_ms()
        prev = self._prev
        self._checked_at = now
        seen = {k: set(v) for k, v in self._seen.items()}

        def load(conn):   # on a reader thread: plain values only (no `self`)
            due_soon = due_within_hour(conn, now) if count_badge else None
            if load_state(conn)["last_sync_at"] is None:
                # nothing synced yet: what the first sync brings is the starting point, not news
                return [], due_soon, None, None, None
            near = deadline_rows(conn, prev, now) if 0 < now - prev <= MAX_CATCH_UP_MS else []
            if not changed.everything:
                return near, due_soon, None, None, rows_by_id(conn, set(changed.ids))
            urged, appeals = event_ids(conn)
            fresh = (urged - seen["urged"]) | (appeals - seen["appeal"])
            return near + rows_by_id(conn, fresh), due_soon, urged, appeals, None

        self.access.read(load, lambda result: self.evaluate(*result, now=now), owner=self)

    def evaluate(self, rows: list[dict], badge: int | None, urged: set[str] | None = None,
                 appeals: set[str] | None = None, changed_rows: list[dict] | None = None, *,
                 now: int) -> list[Alert]:
        enabled = self.enabled()
        alerts = crossings(rows, self._prev, now, enabled)
        if urged is not None and appeals is not None:
            events = new_events(rows, self._seen, enabled)
            if self._primed:      # what was already urged or appealed when we started is not news
                alerts += events
            self._primed = True
            # forget refunds no longer urged/appealed, so a new urge is news again
            self._seen["urged"] &= urged
            self._seen["appeal"] &= appeals
        elif changed_rows is not None and self._primed:
            alerts += new_events(changed_rows, self._seen, enabled)
            for r in changed_rows:
                if r["status"] != "awaiting_merchant" or r["urged_at"] is None:
                    self._seen["urged"].discard(r["id"])
                if r["status"] != "appealed" or r["appeal_statement_due_at"] is None:
                    self._seen["appeal"].discard(r["id"])
        if changed_rows is not None:   # v1.1: news by its own time (since we started watching), primed or not
            alerts += conversation_events(changed_rows, self._seen, enabled, since_ms=self._watch_from)
        self._prev = max(self._prev, now)
        if badge is not None:
            self._set_badge(badge)
        for alert in alerts:
            self._notify(alert)
        return alerts

    def _set_badge(self, n: int) -> None:
        if n == self.badge:
            return
        self.badge = n
        self.badge_changed.emit(n)
        if self.tray is not None:
            self.tray.setIcon(self._badged_icon(n))
            self.tray.setToolTip(counted(n, self.tr("1 refund due within the hour"),
                                         self.tr("{n} refunds due within the hour")))

    def _badged_icon(self, n: int) -> QIcon:
        pix = self.icon.pixmap(64, 64)
        if n:
            p = QPainter(pix)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setBrush(QColor("#cf222e"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(QRect(30, 0, 34, 34))
            p.setPen(QColor("white"))
            font = QFont()
            font.setBold(True)
            font.setPixelSize(20)
            p.setFont(font)
            p.drawText(QRect(30, 0, 34, 34), Qt.AlignmentFlag.AlignCenter, str(min(n, 99)))
            p.end()
        return QIcon(pix)

    def describe(self, alert: Alert) -> tuple[str, str]:
        when = full_time(alert.at_ms, self.lang)
        title = {"last_hour": self.tr("1 hour left to respond"),
                 "last_quarter": self.tr("15 minutes left to respond"),
                 "fast_refund": self.tr("Fast refund approves itself in 5 minutes"),
                 "urged": self.tr("A buyer urged a refund"),
                 "appeal": self.tr("An appeal needs your statement"),
                 "buyer_message": self.tr("A buyer wrote to you"),
                 "proposal_answered": self.tr("A buyer answered your proposal"),
                 "evidence_request": self.tr("Customer service asks for evidence")}[alert.kind]
        body = {"appeal": self.tr("{order} · {product} — statement due {when}"),
                "buyer_message": self.tr("{order} · {product} — {when}"),
                "proposal_answered": self.tr("{order} · {product} — see what the buyer decided"),
                "evidence_request": self.tr("{order} · {product} — answer by {when}"),
                "urged": self.tr("{order} · {product} — the platform steps in unless you respond")}.get(
            alert.kind, self.tr("{order} · {product} — by {when}"))
        return title, body.format(order=alert.order_no, product=alert.product_name, when=when)

    def _notify(self, alert: Alert) -> None:
        self._last = alert
        self.history.append(alert)
        self.alerted.emit(alert)
        if self.tray is not None:
            title, body = self.describe(alert)
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _clicked(self) -> None:
        if self._last is not None:
            self.open_refund.emit(self._last.refund_id)
