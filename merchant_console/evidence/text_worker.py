"""The reading worker: a child process that reads text from images, and the console's side of it.

Why a process: the OCR models' CPU (both cores while reading), memory (~150 MB) and any crash in
native code stay out of the console. The child runs below normal priority and reads one image at a
time; the console feeds it the most urgent refunds' images first (`store.evidence_reading.unread`)
from a background thread, stores what comes back by sha256, and never waits for it on the GUI thread.

Protocol: one JSON object per line. Request `{"id": n, "path": "..."}`; answer `{"id": n, "lines":
[...], "seconds": s, "width": w, "height": h}` or `{"id": n, "error": "..."}`. A frozen console runs
itself as the child (`MerchantConsole read-text`, see entry.py); otherwise `python -m` this module.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

SUBCOMMAND = "read-text"


# --- the child ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """The worker process: answer requests from stdin until it closes."""
    if os.name != "nt":   # first, so that the imports below and the models' loading run below normal too
        try:
            os.nice(10)
        except OSError:
            pass
    from .decode import Broken, decode
    from .text_reading import TextReader, engine_name, lower_priority, timed_read

    if os.name == "nt":
        lower_priority()   # (the console also starts the child with BELOW_NORMAL_PRIORITY_CLASS)
    threads = 1
    args = list(sys.argv[1:] if argv is None else argv)
    if "--threads" in args:
        threads = max(1, int(args[args.index("--threads") + 1]))
    reader = TextReader(threads=threads)
    out = sys.stdout
    out.write(json.dumps({"ready": True, "engine": engine_name()}) + "\n")
    out.flush()
    for raw in sys.stdin:
        raw = raw.strip()
        if not raw:
            continue
        try:
            req = json.loads(raw)
        except ValueError:
            continue
        answer: dict[str, Any] = {"id": req.get("id")}
        try:
            img = decode(req["path"]).image
            lines, seconds = timed_read(reader, img)
            answer.update(lines=[ln.to_json() for ln in lines], seconds=round(seconds, 3),
                          width=img.width, height=img.height)
            del img
        except Broken as e:
            answer["error"] = f"{e.reason}: {e.detail}"[:300]
        except Exception as e:  # noqa: BLE001 - one image that fails must not end the worker
            answer["error"] = f"{type(e).__name__}: {e}"[:300]
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def worker_command(threads: int = 1) -> list[str]:
    """How to start the child: the frozen executable runs itself, a checkout runs this module."""
    if getattr(sys, "frozen", False):
        return [sys.executable, SUBCOMMAND, "--threads", str(threads)]
    return [sys.executable, "-m", "merchant_console.evidence.text_worker", "--threads", str(threads)]


# --- the console's side ------------------------------------------------------------------------------

class WorkerGone(Exception):
    """The child process ended (crashed, was killed) or never started."""


class ReadingWorker:
    """One child process; `read(path)` sends an image and waits for its text (call off the GUI thread)."""

    def __init__(self, threads: int = 1, command: list[str] | None = None, start_timeout: float = 120.0) -> None:
        self.command = command or worker_command(threads)
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._n = 0
        self.engine = ""

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        flags = 0
        if sys.platform.startswith("win"):
            flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
        try:
            proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1,
                                    creationflags=flags)
        except OSError as e:
            raise WorkerGone(f"cannot start the reading worker: {e}") from None
        self._proc = proc
        hello = self._answer(proc)
        self.engine = str(hello.get("engine", ""))
        return proc

    @staticmethod
    def _answer(proc: subprocess.Popen[str]) -> dict[str, Any]:
        out: IO[str] | None = proc.stdout
        while True:
            try:
                line = out.readline() if out is not None else ""
            except (OSError, ValueError):   # closed by `close` from another thread
                line = ""
            if not line:
                raise WorkerGone(f"the reading worker ended (exit code {proc.poll()})")
            try:
                value = json.loads(line)
            except ValueError:
                continue   # a stray print from a library: not ours
            if isinstance(value, dict):
                return value

    def read(self, path: str | Path) -> dict[str, Any]:
        """The worker's answer for one image (see the module's protocol)."""
        with self._lock:
            proc = self._start()
            self._n += 1
            req = {"id": self._n, "path": str(path)}
            try:
                assert proc.stdin is not None
                proc.stdin.write(json.dumps(req) + "\n")
                proc.stdin.flush()
            except (OSError, ValueError):
                raise WorkerGone("the reading worker is gone") from None
            while True:
                ans = self._answer(proc)
                if ans.get("id") == self._n:
                    return ans

    def close(self, wait: float = 5.0) -> None:
        """End the child (it finishes the image in hand, up to `wait` seconds, else it is killed).

        Not under the lock: a `read` waiting on the child in another thread then fails with WorkerGone."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=wait)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdout is not None:
                try:
                    proc.stdout.close()
                except (OSError, ValueError):
                    pass


class BackgroundReading:
    """Reads every cached, unread evidence image in the background, most urgent refunds first.

    `db`: the console's Database; `cache_path(sha)`: the cached original or None. `on_read(shas)` is
    called (on the reading thread) after results are stored, so the GUI can refresh by signal.
    Stops when nothing is left to read and starts again on `wake()` (after a sync cached new files).
    """

    def __init__(self, db: Any, cache_path: Callable[[str], Path | None], *,
                 on_read: Callable[[list[str]], None] | None = None, worker: ReadingWorker | None = None,
                 now_ms: Callable[[], int] | None = None, idle_wait: float = 30.0) -> None:
        self.db = db
        self.cache_path = cache_path
        self.on_read = on_read
        self.worker = worker or ReadingWorker()
        self.now_ms = now_ms or (lambda: int(time.time() * 1000))
        self.idle_wait = idle_wait
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="evidence-reading", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Stop reading: the child is ended first (an image half read is read again next time)."""
        self._stop.set()
        self._wake.set()
        self.worker.close(wait=0.5)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def read_pending(self, limit: int = 1_000_000) -> int:
        """Read unread images now (on this thread) until none are left or `limit`; returns how many."""
        from ..store import evidence_reading as er
        done = 0
        failed_now: set[str] = set()
        while done < limit and not self._stop.is_set():
            with self.db.read() as conn:
                batch = [(sha, rid) for sha, rid in er.unread(conn, 8) if sha not in failed_now]
            if not batch:
                break
            for sha, _rid in batch:
                if self._stop.is_set():
                    break
                path = self.cache_path(sha)
                if path is None:
                    failed_now.add(sha)
                    continue
                self._read_one(sha, path)
                done += 1
                if self.on_read is not None:
                    self.on_read([sha])
        return done

    def _read_one(self, sha: str, path: Path) -> None:
        from ..store import evidence_reading as er
        try:
            ans = self.worker.read(path)
        except WorkerGone as e:
            if self._stop.is_set():
                return            # stopped while reading: nothing to record, the database may be closing
            ans = {"error": str(e)}
            self.worker.close()   # a new child next time
        status = er.FAILED if "error" in ans else er.READ
        with self.db.write() as conn:
            er.save_text(conn, sha, status=status, read_at=self.now_ms(), engine=self.worker.engine or "rapidocr",
                         seconds=ans.get("seconds"), lines=list(ans.get("lines") or []), detail=ans.get("error"))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.read_pending()
            except Exception:  # noqa: BLE001 - reading is a bonus: log and try again later
                log.exception("background reading failed")
            self._wake.wait(self.idle_wait)
            self._wake.clear()


if __name__ == "__main__":
    raise SystemExit(main())
