"""Test harness: offscreen Qt, isolated data/settings per test, an in-memory keychain, no stray threads."""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import pytest  # noqa: E402

# Waits in tests are patience, not speed targets: on a busy machine (CI, or several test runs on two
# cores) a condition can take several times longer than on a quiet one. Every qtbot wait gets PATIENCE
# times the timeout its test wrote; a wait that is met returns at once, so only a failure takes longer.
PATIENCE = float(os.environ.get("MERCHANT_CONSOLE_TEST_PATIENCE", "3"))


def _patient(wait, default_ms: int):
    def patient(self, *args, timeout=default_ms, **kwargs):
        return wait(self, *args, timeout=None if timeout is None else int(timeout * PATIENCE), **kwargs)
    return patient


def _make_qtbot_patient() -> None:
    from pytestqt.qtbot import QtBot

    if not getattr(QtBot, "_patient", False):
        for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback"):
            setattr(QtBot, name, _patient(getattr(QtBot, name), 5000))
        QtBot._patient = True


_make_qtbot_patient()


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keychain that lives only as long as the test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.entries[(service, username)]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test gets its own data folder, settings folder and keychain."""
    data = tmp_path / "data"
    monkeypatch.setenv("MERCHANT_CONSOLE_DATA", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # the console reads evidence text in an OCR child process; tests that want it start it themselves
    monkeypatch.setenv("MERCHANT_CONSOLE_READ_TEXT", "0")
    # Qt reads XDG_CONFIG_HOME once per process: point the settings files at this test's folder too,
    # or one test's settings (a notification switched off) leak into the next
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.delenv("MERCHANT_CONSOLE_URL", raising=False)
    monkeypatch.delenv("MERCHANT_CONSOLE_TOKEN", raising=False)
    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_stray_threads(request):
    """Fail a test that leaves a thread running (wider-scoped fixtures' threads are allowed)."""
    before = set(threading.enumerate())
    yield
    _wait_for_qt_pool()
    deadline = time.monotonic() + 5
    while True:
        extra = [t for t in set(threading.enumerate()) - before
                 # foreign (Qt pool) threads show up as dummies once they log; the pool is checked above
                 if t.is_alive() and not isinstance(t, threading._DummyThread)
                 and not getattr(t, "_mc_fixture_owned", False)]
        if not extra or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if extra:
        pytest.fail(f"test left threads running: {[t.name for t in extra]}")


def _wait_for_qt_pool() -> None:
    """Background jobs on Qt's pool must be finished when a test ends."""
    import sys
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QThreadPool
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(10_000):
        pytest.fail(f"test left {pool.activeThreadCount()} Qt background job(s) running")


@pytest.fixture
def db_access():
    """`db_access(db)`: the GUI's way to a database (gui.database_access), closed after the test."""
    made = []

    def make(db):
        from merchant_console.gui.database_access import DatabaseAccess
        access = DatabaseAccess(db)
        made.append(access)
        return access

    yield make
    for access in made:
        access.close()


SANDBOX_START_MS = 1_795_053_600_000  # 2026-11-19T02:00:00Z: 10:00 on a Thursday in China


@pytest.fixture
def sandbox_start_ms() -> int | None:
    """Platform time when a test's sandbox starts: a fixed moment, so its world is the same at any
    hour of the wall clock (None: the wall clock's now)."""
    return SANDBOX_START_MS


@pytest.fixture
def sandbox_factory(sandbox_start_ms):
    """Start real sandbox platforms on 127.0.0.1 (ephemeral ports); all stopped after the test."""
    from merchant_console.sandbox import Sandbox, SandboxConfig

    started = []

    def start(**config):
        config.setdefault("images", "small")
        config.setdefault("ticker", False)  # tests move platform time themselves
        # Time is an input: the world does not depend on the hour the tests run at, and its timers
        # fire only when a test advances the clock, however slow the machine
        config.setdefault("start_time_ms", sandbox_start_ms)
        config.setdefault("pinned_clock", True)
        sb = Sandbox(SandboxConfig(**config)).start()
        started.append(sb)
        return sb

    yield start
    for sb in started:
        sb.stop()


@pytest.fixture
def sandbox(sandbox_factory):
    return sandbox_factory(refunds=120, seed=11)
