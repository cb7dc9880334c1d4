"""The desktop application: language, theme, sign-in or demo, the main window and its sync thread."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from merchant_console.core.clock import local_now_ms
from merchant_console.evidence.processor import EvidenceProcessor
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.credentials import CredentialError, delete_token
from merchant_console.resources import TEMPLATES
from merchant_console.store import templates
from merchant_console.store.location import Profiles, data_dir
from merchant_console.sync.engine import SyncEngine
from merchant_console.sync.session import Session, SessionError, open_demo, open_profile

from .i18n import install_translators
from .main_window import MainWindow
from .notifier import app_icon
from .settings import Settings
from .sign_in import SignInDialog
from .sync_controller import SyncController
from .theme import apply_theme
from .workers import run_in_background

log = logging.getLogger(__name__)


class Console:
    """Owns the session, its sync thread and the main window, and moves between them."""

    def __init__(self, app: QApplication, root: Path, settings: Settings, lang: str) -> None:
        self.app, self.root, self.settings, self.lang = app, root, settings, lang
        self.session: Session | None = None
        self.controller: SyncController | None = None
        self.window: MainWindow | None = None
        self._busy: QProgressDialog | None = None
        self.demo_options: dict = {}   # e.g. a smaller demo for tests: {"refunds": 60, "images": "small"}

    # --- entry points --------------------------------------------------------------------

    def start(self, *, demo: bool) -> None:
        if demo:
            self.start_demo()
            return
        profile = Profiles(self.root).active()
        if profile is None or profile.key == "demo":
            self.ask_sign_in()
            return
        try:
            self.open_session(open_profile(self.root, profile))
        except (SessionError, CredentialError) as e:
            self.ask_sign_in(str(e))

    def ask_sign_in(self, message: str = "") -> None:
        dlg = SignInDialog(self.root, message=message)
        if not dlg.exec():
            self.app.quit()
            return
        if dlg.result_kind == "demo":
            self.start_demo()
        elif dlg.profile is not None:
            try:
                self.open_session(open_profile(self.root, dlg.profile))
            except (SessionError, CredentialError) as e:
                self.ask_sign_in(str(e))

    def start_demo(self, role: str = "operator") -> None:
        busy = QProgressDialog(self.app.translate("Console", "Preparing the demo platform with sample refunds and "
                                                             "evidence… (the first start takes a few seconds)"),
                               "", 0, 0)
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.setMinimumDuration(300)
        self._busy = busy
        run_in_background(lambda: open_demo(self.root, role=role, **self.demo_options), self._demo_ready,
                          self._demo_failed)

    def _demo_ready(self, session: Session) -> None:
        if self._busy:
            self._busy.close()
            self._busy = None
        self.open_session(session)

    def _demo_failed(self, error: Exception) -> None:
        if self._busy:
            self._busy.close()
        QMessageBox.critical(None, "Merchant Console", self.app.translate(
            "Console", "The demo platform could not start: {why}").format(why=error))
        self.app.quit()

    # --- a session ---------------------------------------------------------------------------

    def open_session(self, session: Session) -> MainWindow:
        self.session = session
        with session.db.write() as conn:
            templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", local_now_ms())
        processor = EvidenceProcessor(session.db, session.evidence_root)
        # every cache of this session (the engine's, the window's) deletes renditions with their original
        session.on_evidence_evicted = processor.forget
        engine = SyncEngine(session.db, session.client, session.cache(), on_evidence_cached=processor.on_cached)
        self.controller = SyncController(engine, wait_s=self.settings.get("sync/wait_s"),
                                         settle_s=self.settings.get("sync/settle_s"))
        self.window = MainWindow(session, self.controller, self.settings, lang=self.lang)
        self.window.signed_out.connect(self.sign_out)
        self.window.role_switch.connect(self.switch_role)
        # evidence not prefetched (a decided refund's) is fetched when shown, and shown when it arrives
        detail = self.window.detail
        detail.evidence_wanted.connect(self.controller.want_evidence)
        self.controller.evidence_arrived.connect(detail.evidence_arrived)
        self.window.show()
        self.controller.start()
        # renditions whose originals earlier versions evicted go; images cached before this version (or by
        # the command line) get their thumbnails now
        processor, cache = self.window.processor, self.window.cache

        def tidy() -> int:
            processor.forget_orphans(cache.digests)
            return processor.backfill(lambda sha: cache.path(sha, local_now_ms()))

        run_in_background(tidy, lambda _n: self.window and self.window.detail.refresh(), owner=self.window)
        return self.window

    def close_session(self) -> None:
        if self.controller is not None:
            if self.session is not None and self.session.sandbox is not None:
                self.session.sandbox.world.interrupt_waits()
            self.controller.stop()
            self.controller = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def switch_role(self, role: str) -> None:
        """Demo only: act as another staff member of the same shop (same local data)."""
        session = self.session
        if session is None or not session.is_demo or role not in session.tokens:
            return
        if session.sandbox is not None:
            session.sandbox.world.interrupt_waits()
        self.controller.stop()
        self.window.close()
        self.window.deleteLater()
        session.client.close()
        session.client = PlatformClient(session.sandbox.url, session.tokens[role])
        session.profile.role = role
        with session.db.write() as conn:  # shown at once; /me confirms it on the next sync round
            from merchant_console.store import state
            state.save_state(conn, role=role)
        self.open_session(session)

    def sign_out(self) -> None:
        session = self.session
        if session is None:
            return
        profile = session.profile
        self.close_session()
        if profile.key != "demo":
            try:
                delete_token(profile.url, profile.staff_id)
            except CredentialError as e:
                log.warning("could not delete the token: %s", e)
            Profiles(self.root).remove(profile.key)
        self.ask_sign_in()

    def shutdown(self) -> None:
        self.close_session()


def run_gui(*, data_dir_flag: str | None = None, demo: bool = False, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Merchant Console")
    app.setOrganizationName("MerchantConsole")
    app.setApplicationDisplayName("Merchant Console")
    settings = Settings()
    lang = install_translators(app, settings.get("language") or None)
    app.setApplicationDisplayName(app.translate("Console", "Merchant Console"))
    apply_theme(app, settings.get("theme"))
    app.setWindowIcon(app_icon())
    console = Console(app, data_dir(data_dir_flag), settings, lang)
    app.aboutToQuit.connect(console.shutdown)
    console.start(demo=demo)
    return app.exec()
