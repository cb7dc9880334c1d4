"""SIGTERM/Ctrl+C close the console from its event loop, never from inside whatever Python was running.

Python runs a signal handler between two bytecodes of the main thread, even while that thread holds a lock.
The handler used to call QApplication.exit, which emits aboutToQuit at once: the console closed its
database from inside ThreadPoolExecutor.submit (its lock held) and hung for good. In CI this was about one
run in four of test_gui_process's SIGTERM during start-up. Each case runs in its own process (a signal,
an event loop that ends)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = textwrap.dedent("""
    import os, signal, sys, threading
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from merchant_console.gui.app import _QuitOnSignal

    app = QApplication([])
    signals = _QuitOnSignal(app)
    busy = threading.Lock()          # stands for any lock the main thread holds when the signal comes
    seen = []
    app.aboutToQuit.connect(lambda: seen.append(busy.acquire(timeout=3) and (busy.release() or True)))

    def work():
        with busy:
            os.kill(os.getpid(), getattr(signal, sys.argv[1]))
            total = 0
            for i in range(100_000):   # bytecodes: the Python handler runs somewhere in here
                total += i
        seen.append("work done")

    QTimer.singleShot(0, work)
    QTimer.singleShot(10_000, lambda: app.exit(3))   # the signal was ignored
    code = app.exec()
    signals.restore()
    print(code, seen)
""")


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_inside_held_work_closes_the_console_after_the_work(sig):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", PROGRAM, sig], env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    # the loop ended with 0 (not the 10 s guard), after the work, with nothing held when closing began
    assert done.stdout.split() == ["0", "['work", "done',", "True]"], done.stdout + done.stderr[-2000:]
