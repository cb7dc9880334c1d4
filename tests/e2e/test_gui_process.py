"""The desktop console as a separate process, started the way a person (or a windowed executable) starts it:
Cancel quits, signals close it cleanly, one console per data folder, and no stdout/stderr is no problem.

Every wait is for a condition (a file, a row, an exit), never a fixed time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.demo_folder import demo_refunds

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and file descriptors")

ROOT = Path(__file__).resolve().parents[2]


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MERCHANT_CONSOLE_DATA=str(data), LANG="C.UTF-8")
    env.pop("MERCHANT_CONSOLE_URL", None)
    env.pop("MERCHANT_CONSOLE_TOKEN", None)
    # no system keychain in a test process: keyring's null backend, so nothing touches the real one
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _no_console() -> None:
    """In the child before exec: no stdout, no stderr, like a windowed executable on Windows."""
    os.close(1)
    os.close(2)


def _wait(cond, timeout_s: float, proc: subprocess.Popen | None = None, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not cond():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the console exited with {proc.returncode} while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(0.1)


def _start_demo(data: Path, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "merchant_console", "--demo"], env=_env(data),
                            stdin=subprocess.DEVNULL, **kw)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(30)
    for pipe in (proc.stdin, proc.stdout, proc.stderr):   # (left open, a neighbour test failed on its warning)
        if pipe is not None:
            pipe.close()


def _stacks(proc: subprocess.Popen) -> str:
    """A launch that does not end: every thread's stack (SIGUSR1, entry._stacks_on_request), for the failure."""
    if proc.poll() is not None or not hasattr(signal, "SIGUSR1"):
        return ""
    proc.send_signal(signal.SIGUSR1)
    time.sleep(1.0)   # the dump is written by the signal handler; then the launch is ended to collect it
    proc.kill()
    try:
        _out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        return "(no stacks)"
    return err[-6000:] if isinstance(err, str) else "(no stacks)"


def test_cancel_on_the_sign_in_dialog_at_start_quits(tmp_path):
    code = ("from merchant_console.gui.sign_in import SignInDialog\n"
            "SignInDialog.exec = lambda self: 0\n"          # the person presses Cancel
            "from merchant_console import cli\n"
            "raise SystemExit(cli.main([]))\n")
    result = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path / "data"), stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_console_cleanly_and_keeps_the_outbox(tmp_path, sig):
    data = tmp_path / "data"
    proc = _start_demo(data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: demo_refunds(data) > 0, 180, proc, "the demo's first refunds")
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        _stop(proc)
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    with sqlite3.connect(data / "demo" / "console.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("SELECT count(*) FROM outbox").fetchone()
    # the folder is free again: the next launch owns it
    proc = _start_demo(data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: (data / "console.lock").is_file(), 120, proc, "the second launch to take the folder")
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:   # seen in CI about one run in four: where it is, for the next one
            pytest.fail("the second launch did not end within 60 s of SIGTERM during its start:\n" + _stacks(proc))
        finally:
            _stop(proc)   # never left running into the next test on this worker (its ResourceWarning failed that one)


def test_a_second_launch_on_the_same_folder_ends_and_leaves_the_first_running(tmp_path):
    data = tmp_path / "data"
    first = _start_demo(data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: demo_refunds(data) > 0, 180, first, "the first console's demo")
        second = _start_demo(data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err[-3000:]
        assert first.poll() is None, "the first console died"
    finally:
        first.terminate()
        first.communicate(timeout=60)
    assert first.returncode == 0


def test_the_demo_runs_with_no_stdout_or_stderr(tmp_path):
    data = tmp_path / "data"
    proc = _start_demo(data, preexec_fn=_no_console)
    try:
        _wait(lambda: demo_refunds(data) > 0, 180, proc, "the demo's first refunds")
        proc.terminate()
        proc.wait(60)
    finally:
        _stop(proc)
    assert proc.returncode == 0
    log = data / "logs" / "merchant-console.log"
    assert "Traceback" not in (log.read_text(encoding="utf-8") if log.exists() else "")


def test_the_self_test_runs_with_no_stdout_or_stderr_and_writes_its_report_to_the_log(tmp_path):
    data = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "merchant_console", "--self-test"], env=_env(data),
                            stdin=subprocess.DEVNULL, preexec_fn=_no_console, timeout=300)
    report = (data / "logs" / "merchant-console.log").read_text(encoding="utf-8")
    assert result.returncode == 0, report[-4000:]
    assert "self-test ok" in report and "ok    sandbox:" in report
