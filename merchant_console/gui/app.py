"""The desktop application: language, theme, sign-in or demo, the main window and its sync thread."""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from merchant_console.core.clock import local_now_ms
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.credentials import CredentialError, delete_token
from merchant_console.store.changes import READING, Changes
from merchant_console.store.engine import DatabaseProblem
from merchant_console.store.location import DEMO_KEY, Profiles, data_dir, demo_dir, folder_size
from merchant_console.sync.demo import DemoPlatform
from merchant_console.workbench.session import (
    Session,
    SessionError,
    check_database,
    clear_demo,
    env_override,
    forget_old_demo,
    open_demo,
    open_engine,
    open_env,
    open_profile,
    prepare,
)

from .database_access import DatabaseAccess
from .i18n import install_translators
from .main_window import MainWindow
from .notifier import app_icon
from .settings import Settings
from .sign_in import SignInDialog
from .single_instance import SingleInstance
from .sync_controller import SyncController
from .theme import apply_theme
from .workers import run_in_background

if TYPE_CHECKING:
    from ..evidence.text_worker import BackgroundReading

log = logging.getLogger(__name__)

DEMO_STEPS = ("platform", "database", "refunds")


class _Steps(QObject):
    """Carries a background job's progress to the GUI thread."""

    step = Signal(str)


SETTLE_MEMORY_MS = 15_000  # after start-up: see settle_memory
READING_POLL_S = 300.0   # the background reading looks for unread images this often when nothing woke it
# readings of images nobody is looking at are told to the queue together, at most this late (each notice is a
# patch of the queue: its rows, risk signals and flags read again); the refund shown hears of its own at once
READ_NOTICE_MS = 5_000


class _ReadRelay(QObject):
    """Brings the reading thread's "these images were read" to the GUI thread."""

    read = Signal(object)   # list of sha256


class Console:
    """Owns the session, its sync thread and the main window, and moves between them."""

    def __init__(self, app: QApplication, root: Path, settings: Settings, lang: str, *,
                 demo_root: Path | None = None, demo_platform: DemoPlatform | None = None) -> None:
        self.app, self.root, self.settings, self.lang = app, root, settings, lang
        # the demo's own folder, never an account's (run_gui passes the platform's cache folder)
        self.demo_root = demo_root or root / DEMO_KEY
        self._demo_platform = demo_platform   # started by the command line before the GUI loaded; used once
        self.session: Session | None = None
        self.controller: SyncController | None = None
        self.window: MainWindow | None = None
        self.access: DatabaseAccess | None = None
        self._busy: QProgressDialog | None = None
        self._steps = _Steps()
        self._steps.step.connect(self._demo_step)
        self._reading: BackgroundReading | None = None   # the text in evidence, read in the background
        self._reading_for: Session | None = None          # the session it reads for
        self._closed = False   # shut down: a demo that finishes starting afterwards is closed at once
        self.demo_options: dict = {}   # e.g. a smaller demo for tests: {"refunds": 60, "images": "small"}
        # the person chose to leave (Cancel at sign-in) or the demo could not start: run_gui ends its event
        # loop with this code (tests leave it a no-op: QApplication.exit outside a loop upsets later loops)
        self.quit: Callable[[int], None] = lambda _code: None

    # --- entry points --------------------------------------------------------------------

    def start(self, *, demo: bool) -> None:
        """Open what the person asked for: the demo, the environment's platform, the active account,
        or the sign-in dialog. Runs inside the event loop (run_gui), so a Cancel can quit."""
        root = self.root   # the job holds only the path: a Console (and its QSettings) must not die on a pool thread
        def forgotten(freed: int) -> None:
            if freed:
                log.info("removed an old demo folder (%d bytes)", freed)

        run_in_background(lambda: forget_old_demo(root), forgotten)
        if demo:
            self.start_demo()
            return
        try:
            env = env_override()
        except SessionError as e:
            self.ask_sign_in(self.app.translate("Console", "Check MERCHANT_CONSOLE_URL: {why}").format(why=e))
            return
        if env is not None:
            self.open_env(*env)
            return
        profile = Profiles(self.root).active()
        if profile is None or profile.key == DEMO_KEY:
            self.ask_sign_in()
            return
        root = self.root
        self.open(lambda: open_profile(root, profile))

    def ask_sign_in(self, message: str = "") -> None:
        dlg = SignInDialog(self.root, message=message)
        if not dlg.exec():
            self.quit(0)
            return
        if dlg.result_kind == "demo":
            self.start_demo()
        elif dlg.profile is not None:
            root, profile, token = self.root, dlg.profile, dlg.session_token
            self.open(lambda: open_profile(root, profile, token=token))

    def open(self, make: Callable[[], Session]) -> None:
        """Open a session off the GUI thread: `make()` (the keychain, the database and its migrations) and the
        database's quick_check run on a worker; then the window opens on it, or the person is told why not."""
        def opened(session: Session) -> None:
            if self._closed:
                session.close()
                return
            self.open_session(session)

        run_in_background(lambda: _checked(make()), opened, self._not_opened)

    def _not_opened(self, e: Exception) -> None:
        if isinstance(e, DatabaseProblem):   # damaged, full or read-only: said plainly, and the console ends
            QMessageBox.critical(None, self.app.translate("Console", "Merchant Console"), self.app.translate(
                "Console", "The console cannot use its database.") + "\n\n" + str(e))
            self.quit(1)
        elif isinstance(e, (SessionError, CredentialError)):
            self.ask_sign_in(str(e))
        else:
            log.error("the session could not open: %s", e)
            self.ask_sign_in(str(e))

    def open_env(self, url: str, token: str) -> None:
        """MERCHANT_CONSOLE_URL + MERCHANT_CONSOLE_TOKEN (`url` checked): the same override as the command
        line (workbench.session.open_env), opened on a worker (/me may take a while). The token stays in
        memory; the account (no secret) is remembered so the console can start offline next time."""
        root = self.root

        def failed(e: Exception) -> None:
            if isinstance(e, DatabaseProblem):
                self._not_opened(e)
                return
            if not isinstance(e, SessionError):
                log.error("the environment's session could not open: %s", e)
            self.ask_sign_in(self.app.translate("Console", "Cannot open the account of MERCHANT_CONSOLE_URL: {why}")
                             .format(why=e))

        run_in_background(lambda: _checked(open_env(root, url, token)), self.open_session, failed)

    def start_demo(self, role: str = "operator") -> None:
        folder = self.demo_root
        busy = QProgressDialog(self._demo_text("platform"), "", 0, len(DEMO_STEPS))
        busy.setWindowTitle(self.app.translate("Console", "Starting the demo"))
        busy.setCancelButton(None)
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.setMinimumDuration(0)
        busy.setValue(0)
        busy.show()
        self._busy = busy
        options = dict(self.demo_options)
        platform, self._demo_platform = self._demo_platform, None
        run_in_background(lambda: _checked(open_demo(folder, role=role, progress=self._steps.step.emit,
                                                     platform=platform, **options)),
                          self._demo_ready, self._demo_failed)

    def _demo_text(self, step: str, received: int = 0) -> str:
        translate = self.app.translate
        what = {"platform": translate("Console", "Starting the demo platform: a sample card shop with its refunds…"),
                "database": translate("Console", "Opening the demo's local database…"),
                "refunds": translate("Console", "Downloading the sample refunds: {n} so far…").format(n=received)}[step]
        return what + "\n\n" + translate("Console", "Demo data is kept in {folder}").format(folder=self.demo_root)

    def _demo_step(self, step: str) -> None:
        if self._busy is not None:
            self._busy.setLabelText(self._demo_text(step))
            self._busy.setValue(DEMO_STEPS.index(step))

    def _demo_ready(self, session: Session) -> None:
        if self._closed:
            session.close()
            return
        self._demo_step("refunds")
        try:
            window = self.open_session(session)
            if window is None:
                return
        except Exception as e:  # noqa: BLE001 - say so and quit, rather than run on with no window
            log.exception("the demo session could not open")
            self.close_session()
            self._demo_failed(e)
            return
        # a demo opened before: its refunds are here already and the queue shows them once read (the
        # model reads off the GUI thread, so not yet now); a new one: once the first page arrives (below)
        def listed(*_args) -> None:
            if window.model.rowCount() > 0:
                self._close_busy()

        window.queue.listed.connect(listed)
        window.queue.first_listed.connect(listed)

        def received(n: int) -> None:
            if self._busy is not None:
                self._busy.setLabelText(self._demo_text("refunds", n))
            if n > 0:
                # the window shows the first page at once (its throttle is quiet); then the splash goes
                QTimer.singleShot(0, self._close_busy)

        def connection(kind: str, _message: str) -> None:
            if kind != "online":
                self._close_busy()

        controller = self.controller   # open_session made it
        if controller is not None:
            controller.progress.connect(received)
            controller.connection.connect(connection)

    def _close_busy(self) -> None:
        if self._busy is not None:
            self._busy.close()
            self._busy.deleteLater()
            self._busy = None

    def _demo_failed(self, error: Exception) -> None:
        self._close_busy()
        if isinstance(error, DatabaseProblem):
            self._not_opened(error)
            return
        QMessageBox.critical(None, self.app.translate("Console", "Merchant Console"), self.app.translate(
            "Console", "The demo platform could not start: {why}").format(why=error))
        self.quit(1)

    # --- a session ---------------------------------------------------------------------------

    def open_session(self, session: Session) -> MainWindow | None:
        """The window on an opened session, whose database was checked (`open` does both on a worker)."""
        self.session = session
        # the GUI's one way to the database: writes in order on one writer thread, reads on a pool
        self.access = DatabaseAccess(session.db)
        # the shipped templates, before any other write (its notice tells the decision panel's template list)
        self.access.write(lambda _db: prepare(session), touches=Changes.of_templates())
        self.controller = SyncController(
            lambda listener: open_engine(session, listener=listener),   # its one evidence cache and processor
            wait_s=self.settings.get("sync/wait_s"), settle_s=self.settings.get("sync/settle_s"))
        self.controller.changed.connect(self.access.announce)   # sync's writes end in the same notice
        self.window = MainWindow(session, self.controller, self.settings, access=self.access, lang=self.lang)
        self.window.signed_out.connect(self.sign_out)
        self.window.role_switch.connect(self.switch_role)
        if session.is_demo:
            self._add_demo_actions(self.window)
        # evidence not prefetched (a decided refund's) is fetched when shown, and shown when its notice comes
        self.window.detail.evidence_wanted.connect(self.controller.want_evidence)
        self.window.show()
        self.controller.start()
        # the pane says where the images' text holds what the queue is searched for
        window = self.window
        window.detail.search_term = lambda: window.model.filter.search
        if self._reading is not None and self._reading_for is session:
            # the same shop and database (a demo role switch): the reading goes on, told by the new access
            self.access.changed.connect(self._evidence_stored)
            window.detail.reading = True
        else:
            self._stop_reading()
            self._start_reading(session)
        return self.window

    def _start_reading(self, session) -> None:
        """Read the text in cached evidence in the background (a low-priority child process, most urgent
        refunds first, once per file); MERCHANT_CONSOLE_READ_TEXT=0 turns it off (the tests do)."""
        self._reading = None
        if os.environ.get("MERCHANT_CONSOLE_READ_TEXT", "1") == "0":
            return
        from ..evidence.text_worker import BackgroundReading
        cache = session.cache()
        relay = self._read_relay = _ReadRelay()
        relay.read.connect(self._text_read)
        self._read_waiting: set[str] = set()
        self._read_timer = QTimer(relay, singleShot=True, interval=READ_NOTICE_MS)
        self._read_timer.timeout.connect(self._tell_read)
        # woken when sync stores new evidence (below); the slow poll only catches what nothing announced
        self._reading = BackgroundReading(session.db, lambda sha: cache.path(sha, local_now_ms()),
                                          on_read=relay.read.emit, idle_wait=READING_POLL_S)
        self._reading_for = session
        assert self.window is not None
        self.window.detail.reading = True   # the pane says which images are still being read
        assert self.access is not None
        self.access.changed.connect(self._evidence_stored)
        self._reading.start()

    def _evidence_stored(self, changes: Changes) -> None:
        """Sync fetched evidence (or recorded its facts): the background reading reads it now, not at its next poll."""
        if changes.evidence and self._reading is not None:
            self._reading.wake()

    def _text_read(self, shas: list[str]) -> None:
        """The text of these images was read and stored (on the reading thread): the refunds using them are
        told by a change notice, so the queue's marks, the pane's risk signals and an open viewer refresh.
        At once when the refund shown or the open viewer holds one of them; otherwise with the readings of
        the next READ_NOTICE_MS (from the first waiting one, so never later than that)."""
        window = self.window
        if window is None:
            return
        self._read_waiting.update(shas)
        if window.detail.shows_image(shas):
            self._tell_read()
        elif self._read_waiting and not self._read_timer.isActive():
            self._read_timer.start()

    def _tell_read(self) -> None:
        self._read_timer.stop()
        shas, self._read_waiting = sorted(self._read_waiting), set()
        access = self.access
        if access is None or not shas:
            return

        def users(conn) -> list[tuple[str, str]]:
            marks = ",".join("?" * len(shas))
            return [(rid, sha) for rid, sha in conn.exec_driver_sql(
                f"SELECT refund_id, sha256 FROM evidence WHERE sha256 IN ({marks})", tuple(shas)).all()]

        def tell(pairs: list[tuple[str, str]]) -> None:
            if pairs and self.access is access:
                access.announce(Changes.of((rid for rid, _sha in pairs), READING)
                                | Changes.of_evidence(pairs, READING))

        access.read(users, tell, owner=self.window)

    def _add_demo_actions(self, window: MainWindow) -> None:
        """The Demo menu says where the demo keeps its data and offers to clear it."""
        menu = window.ui.menuDemo
        menu.addSeparator()
        where = menu.addAction(self.app.translate("Console", "Demo data: {folder}").format(folder=self.demo_root))
        where.setEnabled(False)
        clear = menu.addAction(self.app.translate("Console", "Clear demo data and start again…"))
        clear.setObjectName("actionClearDemo")
        clear.triggered.connect(self.ask_clear_demo)

    def ask_clear_demo(self) -> None:
        size_mb = folder_size(self.demo_root) / 1e6
        answer = QMessageBox.question(
            self.window, self.app.translate("Console", "Clear demo data"), self.app.translate(
                "Console", "This deletes the demo shop's refunds, your demo decisions and the cached demo images "
                           "({size:.0f} MB in {folder}) and starts a fresh demo. Your signed-in accounts are not "
                           "touched.").format(size=size_mb, folder=self.demo_root),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        role = self.session.profile.role if self.session is not None else "operator"
        self.close_session()
        clear_demo(self.demo_root)
        self.start_demo(role or "operator")

    def _stop_reading(self) -> None:
        reading = getattr(self, "_reading", None)
        if reading is not None:
            reading.stop()              # its child process ends with it
            self._reading = None
            self._reading_for = None
            self._read_timer.stop()     # readings still waiting to be told: the next session reads its own
            self._read_waiting.clear()

    def close_session(self) -> None:
        self._stop_reading()
        if self.controller is not None:
            if self.session is not None and self.session.sandbox is not None:
                self.session.sandbox.release_waits()
            self.controller.stop()
            self.controller = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self._close_access()
        if self.session is not None:
            self.session.close()
            self.session = None

    def _close_access(self) -> None:
        """The writes asked for are finished (a decision saved is saved) before the database closes."""
        if self.access is not None:
            self.access.close()
            self.access.deleteLater()
            self.access = None

    def switch_role(self, role: str) -> None:
        """Demo only: act as another staff member of the same shop (same local data)."""
        session, controller, window, access = self.session, self.controller, self.window, self.access
        if session is None or not session.is_demo or role not in session.tokens or session.sandbox is None \
                or session.client is None or controller is None or window is None or access is None:
            return
        # the refund open stays open in the rebuilt window (its queue is in the settings already)
        shown = window.detail.row["id"] if window.detail.row else None
        # let go of the long-poll in flight so the sync thread stops at once; the platform keeps serving
        session.sandbox.release_waits()
        controller.stop()
        window.close()
        window.deleteLater()
        session.client.close()
        session.client = PlatformClient(session.sandbox.url, session.tokens[role])
        session.profile.role = role
        access.write(lambda db: _save_role(db, role))   # shown at once; /me confirms it on the next sync
        self._close_access()   # waits for that write
        rebuilt = self.open_session(session)
        if rebuilt is not None and shown:
            rebuilt.queue.pending_select = shown   # selected when the first list that holds it is shown

    def sign_out(self) -> None:
        session = self.session
        if session is None:
            return
        profile = session.profile
        self.close_session()
        if profile.key != DEMO_KEY:
            try:
                delete_token(profile.url, profile.staff_id)
            except CredentialError as e:
                log.warning("could not delete the token: %s", e)
            Profiles(self.root).remove(profile.key)
        self.ask_sign_in()

    def raise_window(self) -> None:
        """A second launch on the same data folder asked for this console."""
        if self.window is not None:
            self.window.setWindowState(self.window.windowState() & ~Qt.WindowState.WindowMinimized)
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()

    def shutdown(self) -> None:
        self._closed = True
        self._close_busy()
        self.close_session()


class _QuitOnSignal(QObject):
    """Ctrl+C and SIGTERM close the console as its Quit does (sync stopped, database closed, the outbox
    left as it is). Qt's event loop runs no Python while idle, so a wake-up socket tells it a signal came."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self._reader, writer = socket.socketpair()
        self._reader.setblocking(False)
        writer.setblocking(False)
        self._writer = writer
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._on_signal)

    @staticmethod
    def _on_signal(_signum, _frame) -> None:
        """Nothing here: Python runs this between any two bytecodes of the main thread, even inside a lock
        (an executor's submit: closing the database from here hung the console). The signal's number also
        reaches the wake-up socket, and the event loop acts on it in `_drain`."""

    def _drain(self) -> None:
        got = b""
        try:
            while chunk := self._reader.recv(64):
                got += chunk
        except OSError:
            pass
        if {signal.SIGINT, signal.SIGTERM} & set(got):
            log.info("signal %s: closing", ", ".join(str(n) for n in sorted(set(got))))
            self.app.exit(0)   # a clean close, as Quit: the window's state saved, sync stopped, the outbox kept

    def restore(self) -> None:
        signal.set_wakeup_fd(-1)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def settle_memory() -> None:
    """Collect start-up's garbage once, then keep what is alive out of the cyclic collector's full passes
    (gc.freeze). The imports (Qt, SQLAlchemy, Pillow, the console) leave ~175 000 objects the collector walks
    in each full pass: ~107 ms, every minute or so of an idle console at 100 000 refunds, a quarter of its
    idle CPU. Frozen objects are still freed when nothing refers to them; only cycles among them stay."""
    gc.collect()
    gc.freeze()


def run_gui(*, data_dir_flag: str | None = None, demo: bool = False, argv: list[str] | None = None,
            demo_platform: DemoPlatform | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Merchant Console")
    app.setOrganizationName("MerchantConsole")
    app.setApplicationDisplayName("Merchant Console")
    signals = _QuitOnSignal(app)   # from here a signal closes the console from its event loop
    try:
        return _run_console(app, data_dir_flag=data_dir_flag, demo=demo, demo_platform=demo_platform)
    finally:
        signals.restore()


def _run_console(app: QApplication, *, data_dir_flag: str | None, demo: bool,
                 demo_platform: DemoPlatform | None) -> int:
    settings = Settings()
    lang = install_translators(app, settings.get("language") or None)
    app.setApplicationDisplayName(app.translate("Console", "Merchant Console"))
    root = data_dir(data_dir_flag)
    instance = SingleInstance(root)
    if not instance.acquire():
        # another console works on this folder: it comes to the front, and this launch ends
        log.info("a console is already open on %s; brought it to the front", root)
        return 0
    apply_theme(app, settings.get("theme"))
    app.setWindowIcon(app_icon())
    console = Console(app, root, settings, lang, demo_root=demo_dir(data_dir_flag),
                      demo_platform=demo_platform if demo else None)
    console.quit = app.exit   # start() runs inside the loop below, so a Cancel there does end it
    instance.raise_requested.connect(console.raise_window)
    app.aboutToQuit.connect(console.shutdown)
    QTimer.singleShot(0, lambda: console.start(demo=demo))
    QTimer.singleShot(SETTLE_MEMORY_MS, settle_memory)
    try:
        return app.exec()
    finally:
        console.shutdown()
        instance.release()


def _checked(session: Session) -> Session:
    """quick_check the session's database (worker thread): a damaged, full or read-only file closes the
    session and raises its DatabaseProblem, which the GUI says plainly."""
    check_database(session)
    return session


def _save_role(db, role: str) -> None:
    from merchant_console.store import state
    with db.write() as conn:
        state.save_state(conn, role=role)
