from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from merchant_console.gui.app import Console
from merchant_console.gui.settings import Settings
from merchant_console.platform.client import PlatformClient
from merchant_console.store.engine import Database
from merchant_console.store.location import Profile, Profiles, data_dir
from merchant_console.workbench.session import Session


@pytest.fixture
def answer_dialogs(monkeypatch):
    """Answer message boxes as a person would (Yes), and remember what they said."""
    seen: list[str] = []

    def ask(_parent, _title, text, *a, **k):
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    def tell(_parent, _title, text, *a, **k):
        seen.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", ask)
    monkeypatch.setattr(QMessageBox, "information", tell)
    monkeypatch.setattr(QMessageBox, "warning", tell)
    return seen


@pytest.fixture
def sandbox_start_ms() -> int | None:
    """The window compares this computer's clock with the platform's (a platform days away shows the
    clock banner), so its platforms start at the wall clock's now; their clocks are still pinned."""
    return None


@pytest.fixture
def open_console(qtbot, qapp: QApplication):
    """A console window signed in to a sandbox with a role, syncing for real on a background thread."""
    consoles = []

    def make(sb, role: str = "operator", lang: str = "en") -> Console:
        settings = Settings()
        settings.set("sync/wait_s", 1)
        settings.set("sync/settle_s", 0.2)
        root = data_dir(None)
        console = Console(qapp, root, settings, lang)
        profile = Profile(Profile.make_key(sb.url, "m", role), sb.url, "m", "", "s", "", role)
        folder = Profiles(root).folder(profile.key)
        session = Session(profile, Database(folder / "console.db"), folder, PlatformClient(sb.url, sb.tokens[role]))
        console.open_session(session)
        qtbot.addWidget(console.window)
        consoles.append((console, sb))
        qtbot.waitUntil(lambda: console.window.model.rowCount() > 0 and console.window.state.get("role") == role,
                        timeout=20_000)
        return console

    yield make
    for console, sb in consoles:
        sb.world.interrupt_waits()
        console.shutdown()


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE", "CREATE", "DROP", "ALTER")


@pytest.fixture
def gui_thread_writes(qapp):
    """`start()` records every statement that writes (or opens a write transaction) on the GUI thread
    from then until the test ends, through SQLAlchemy's cursor events on every engine."""
    import threading

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    assert qapp.thread() is not None and threading.current_thread() is threading.main_thread()
    gui = threading.main_thread()   # the QApplication's thread in tests
    seen: list[str] = []
    on = {"recording": False}

    def before(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        if on["recording"] and threading.current_thread() is gui \
                and statement.lstrip().upper().startswith(_WRITES):
            seen.append(" ".join(statement.split())[:120])

    def start() -> list[str]:
        on["recording"] = True
        return seen

    event.listen(Engine, "before_cursor_execute", before)
    yield start
    event.remove(Engine, "before_cursor_execute", before)


@pytest.fixture
def gui_thread_reads(qapp):
    """`start()` records every statement that reads (SELECT, PRAGMA, WITH …) on the GUI thread from then
    until the test ends, through SQLAlchemy's cursor events on every engine; within `aside()` (a context
    manager) the test's own checks read without being recorded."""
    import contextlib
    import threading

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    gui = threading.main_thread()   # the QApplication's thread in tests
    seen: list[str] = []
    on = {"recording": False, "aside": 0}

    def before(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        if on["recording"] and not on["aside"] and threading.current_thread() is gui \
                and not statement.lstrip().upper().startswith(_WRITES):
            seen.append(" ".join(statement.split())[:120])

    @contextlib.contextmanager
    def aside():
        on["aside"] += 1
        try:
            yield
        finally:
            on["aside"] -= 1

    def start() -> list[str]:
        on["recording"] = True
        return seen

    start.aside = aside
    event.listen(Engine, "before_cursor_execute", before)
    yield start
    event.remove(Engine, "before_cursor_execute", before)
