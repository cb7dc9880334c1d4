"""A newcomer's first minutes: no keychain, the environment override, the demo's own folder, Cancel,
one console per folder, role switching that keeps sync healthy."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from merchant_console.gui.app import Console
from merchant_console.gui.settings import Settings
from merchant_console.gui.sign_in import SignInDialog
from merchant_console.gui.single_instance import SingleInstance
from merchant_console.store.location import Profiles, data_dir


def _settings() -> Settings:
    settings = Settings()
    settings.set("sync/wait_s", 1)
    settings.set("sync/settle_s", 0.2)
    return settings


@pytest.fixture
def no_keychain():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keychain_the_dialog_says_so_and_signs_in_for_this_session_only(sandbox, qtbot, qapp,
                                                                                  no_keychain, monkeypatch):
    dlg = SignInDialog(data_dir(None))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.ui.keychainLabel.isVisible() and "no system keychain" in dlg.ui.keychainLabel.text()
    assert dlg.ui.signInButton.text() == "Sign in for this session"
    dlg.ui.urlEdit.setText(sandbox.url)
    dlg.ui.tokenEdit.setText(sandbox.tokens["operator"])
    dlg.ui.signInButton.click()
    qtbot.waitUntil(lambda: dlg.result_kind == "profile", timeout=10_000)
    assert dlg.session_token == sandbox.tokens["operator"]
    # the account is remembered without its token, which is written nowhere
    saved = Profiles(data_dir(None)).all()
    assert [p.role for p in saved] == ["operator"]
    assert sandbox.tokens["operator"] not in (data_dir(None) / "profiles.json").read_text(encoding="utf-8")

    # the console opens on that in-memory token (the dialog is the one the person just filled in)
    monkeypatch.setattr(SignInDialog, "exec", lambda self: (setattr(self, "result_kind", "profile"),
                                                            setattr(self, "profile", saved[0]),
                                                            setattr(self, "session_token", dlg.session_token),
                                                            1)[-1])
    console = Console(qapp, data_dir(None), _settings(), "en")
    try:
        console.ask_sign_in()
        qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=20_000)
        qtbot.waitUntil(lambda: console.controller.state == "online", timeout=10_000)
    finally:
        sandbox.world.release_waits()
        console.shutdown()


def test_the_gui_honours_the_environment_override_and_starts_offline_on_a_known_account(
        sandbox_factory, qtbot, qapp, monkeypatch, no_keychain):
    sb = sandbox_factory(refunds=30, seed=5)
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", sb.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", sb.tokens["manager"])
    monkeypatch.setattr(SignInDialog, "exec", lambda self: pytest.fail("the sign-in dialog was shown"))
    console = Console(qapp, data_dir(None), _settings(), "en")
    try:
        console.start(demo=False)
        qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=20_000)
        qtbot.waitUntil(lambda: console.window.role == "manager", timeout=10_000)
        assert [p.role for p in Profiles(data_dir(None)).all()] == ["manager"]
    finally:
        sb.world.release_waits()
        console.shutdown()
    rows = None
    sb.stop()   # the platform is gone: the console still opens the account it knows, offline
    console = Console(qapp, data_dir(None), _settings(), "en")
    try:
        console.start(demo=False)
        qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=20_000)
        rows = console.window.model.rowCount()
        qtbot.waitUntil(lambda: console.controller.state == "offline", timeout=20_000)
    finally:
        console.shutdown()
    assert rows


def test_the_environment_override_with_only_a_token_says_what_is_missing(qtbot, qapp, monkeypatch):
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", "t")
    seen = []
    monkeypatch.setattr(SignInDialog, "exec", lambda self: (seen.append(self.ui.errorLabel.text()), 0)[-1])
    console = Console(qapp, data_dir(None), _settings(), "en")
    console.start(demo=False)
    assert seen and "MERCHANT_CONSOLE_URL" in seen[0]


def test_the_demo_keeps_its_data_in_its_own_folder_says_where_and_can_clear_it(qtbot, qapp, tmp_path,
                                                                                 monkeypatch):
    root = data_dir(None)
    old = root / "profiles" / "demo"          # where earlier versions kept it: removed at start
    old.mkdir(parents=True)
    (old / "demo-platform.db").write_bytes(b"x" * 1000)
    demo = tmp_path / "demo-cache"
    console = Console(qapp, root, _settings(), "zh_CN", demo_root=demo)
    console.demo_options = {"refunds": 30, "images": "small"}
    console.start(demo=True)
    try:
        qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=30_000)
        qtbot.waitUntil(lambda: console._busy is None, timeout=10_000)   # the splash has gone
        assert (demo / "console.db").is_file() and (demo / "demo-platform.db").is_file()
        assert not (root / "profiles" / "demo").exists()
        assert Profiles(root).all() == [] and Profiles(root).active() is None   # no account was touched
        titles = [a.text() for a in console.window.ui.menuDemo.actions()]
        assert any(str(demo) in t for t in titles)                               # it says where
        # clearing: the person is told what will go, then the demo starts afresh
        told = []
        monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (
            told.append(text), QMessageBox.StandardButton.Yes)[-1])
        (demo / "evidence" / "marker").parent.mkdir(exist_ok=True)
        (demo / "evidence" / "marker").write_bytes(b"old")
        before = console.window
        before.findChild(QAction, "actionClearDemo").trigger()
        assert told and str(demo) in told[0]
        assert not (demo / "evidence" / "marker").exists()
        qtbot.waitUntil(lambda: console.window is not None and console.window is not before
                        and console.window.model.rowCount() > 0, timeout=30_000)
    finally:
        if console.session is not None:
            console.session.sandbox.release_waits()
        console.shutdown()


def test_the_demo_started_again_on_its_data_closes_its_splash(qtbot, qapp, tmp_path):
    """Started a second time, the demo's refunds are already stored and sync brings nothing new: the
    "downloading the sample refunds" splash (modal, over the console) goes once the queue shows them. It
    used to look at the queue before its rows were read (off the GUI thread) and wait for new refunds."""
    demo = tmp_path / "demo-cache"

    def run() -> None:
        console = Console(qapp, data_dir(None), _settings(), "en", demo_root=demo)
        console.demo_options = {"refunds": 30, "images": "none"}
        console.start(demo=True)
        try:
            qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0,
                            timeout=30_000)
            qtbot.waitUntil(lambda: console._busy is None, timeout=10_000)
        finally:
            if console.session is not None:
                console.session.sandbox.release_waits()
            console.shutdown()

    run()   # a new demo: closed when the first page arrives
    run()   # the same demo again: its refunds are stored, sync brings nothing new

def test_a_second_console_on_the_same_folder_brings_the_first_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    assert first.acquire()
    try:
        second = SingleInstance(tmp_path)
        with qtbot.waitSignal(first.raise_requested, timeout=5_000):
            assert not second.acquire()
        (tmp_path / "elsewhere").mkdir()
        other = SingleInstance(tmp_path / "elsewhere")
        assert other.acquire()     # another data folder: another console
        other.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path)
    assert again.acquire()         # released: the next launch owns the folder
    again.release()


def test_switching_role_in_the_demo_keeps_the_platform_serving(qtbot, qapp, tmp_path):
    console = Console(qapp, data_dir(None), _settings(), "en", demo_root=tmp_path / "demo")
    console.demo_options = {"refunds": 30, "images": "small"}
    console.start_demo()
    try:
        qtbot.waitUntil(lambda: console.window is not None and console.window.model.rowCount() > 0, timeout=30_000)
        for role in ("viewer", "manager", "operator"):
            window = console.window
            getattr(window.ui, {"viewer": "actionActViewer", "manager": "actionActManager",
                                "operator": "actionActOperator"}[role]).trigger()
            qtbot.waitUntil(lambda w=window, r=role: console.window is not w and console.window.role == r,
                            timeout=20_000)
            # the next long-poll round succeeds: no "platform error 503", no offline flapping
            states = []
            console.controller.connection.connect(lambda kind, _m, seen=states: seen.append(kind))
            qtbot.wait(2500)
            assert "offline" not in states and console.controller.state == "online", states
    finally:
        if console.session is not None:
            console.session.sandbox.release_waits()
        console.shutdown()
