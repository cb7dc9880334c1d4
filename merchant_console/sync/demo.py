"""The demo's sandbox platform, run as a child process of the console.

Why a process and not a thread: the sandbox (FastAPI, seeding, drawing full-size evidence screenshots)
is Python work that would hold the console's GIL. In its own process it imports, seeds and draws on the
second core while the console imports Qt and opens its window, so the demo shows a usable queue in
about the time the console alone needs; and the window stays responsive while the rest of the demo
shop's evidence is drawn. The child is `merchant-console sandbox …` (the same executable, frozen or
not); it prints one JSON line with its URL and tokens, and stops when the console closes its stdin, so
it never outlives the console, even one that crashed.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120
DEMO_REFUNDS = 300


class DemoPlatformError(Exception):
    """The demo platform did not start; the message says why."""


def sandbox_command() -> list[str]:
    """How to run the sandbox (`python -m merchant_console.sandbox`) from this console: the
    frozen executable itself (`entry` hands its `sandbox … --until-stdin-closes` straight to the sandbox,
    without loading the console), or this interpreter with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "sandbox"]
    return [sys.executable, "-m", "merchant_console.sandbox"]


class DemoPlatform:
    """A sandbox platform in a child process: `url`, `tokens`, `release_waits()`, `stop()`."""

    def __init__(self, db_path: Path, *, refunds: int, seed: int = 1, images: str = "realistic") -> None:
        self.db_path = db_path
        cmd = [*sandbox_command(), "--db", str(db_path), "--refunds", str(refunds), "--seed", str(seed),
               "--images", images, "--predraw", "--until-stdin-closes"]
        # the child's warnings go where ours go (a windowed console's log file); nowhere if we have no file
        stderr = sys.stderr if _has_fd(sys.stderr) else subprocess.DEVNULL
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)   # Windows: no console window for the child
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                      creationflags=flags)
        self._first_line: list[bytes] = []
        self._reader = threading.Thread(target=self._read_first_line, name="demo-platform-start", daemon=True)
        self._reader.start()
        self.url = ""
        self.tokens: dict[str, str] = {}

    def _read_first_line(self) -> None:
        try:
            stdout = self._proc.stdout   # a pipe (stdout=PIPE above)
            self._first_line.append(stdout.readline() if stdout is not None else b"")
        except (OSError, ValueError):
            self._first_line.append(b"")

    def wait_ready(self, timeout_s: float = START_TIMEOUT_S) -> DemoPlatform:
        """Block until the platform serves (its first line); raises DemoPlatformError."""
        self._reader.join(timeout_s)
        if self._reader.is_alive():
            self.stop()
            raise DemoPlatformError(f"the demo platform did not start within {timeout_s:.0f} s")
        line = self._first_line[0] if self._first_line else b""
        try:
            info = json.loads(line)
            self.url, self.tokens = str(info["url"]), {str(k): str(v) for k, v in info["tokens"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            code = self._proc.poll()
            self.stop()
            raise DemoPlatformError("the demo platform stopped before it served"
                                    + (f" (exit code {code})" if code is not None else "")) from None
        return self

    def release_waits(self) -> None:
        """Answer the long-polls in flight now (a console switching role lets go of its own)."""
        import httpx  # not at import: the demo's platform is started before the console loads httpx
        try:
            httpx.post(self.url + "/sandbox/waits/release", timeout=5, trust_env=False)
        except httpx.HTTPError as e:
            log.warning("could not release the demo platform's long-polls: %s", e)

    def stop(self, timeout_s: float = 15) -> None:
        """Close its stdin (it stops and closes its database), then make sure it is gone; idempotent."""
        proc = self._proc
        if proc.poll() is None:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
            except OSError:
                pass
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                log.warning("the demo platform did not stop; ending it")
                proc.kill()
                proc.wait(10)
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


def _has_fd(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (OSError, ValueError, AttributeError):
        return False
