"""Running the sandbox platform: uvicorn in a daemon thread on loopback, plus the timer ticker."""

from __future__ import annotations

import json
import logging
import signal
import socket
import sys
import threading
import time
from typing import IO, Any, Self

import uvicorn

from .app import create_app
from .config import SandboxConfig
from .world import World

log = logging.getLogger(__name__)


class Sandbox:
    """A running sandbox platform: `with Sandbox(cfg) as sb: httpx.get(sb.url + "/api/v1/me", ...)`."""

    def __init__(self, config: SandboxConfig | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config or SandboxConfig()
        self.host = host
        self.port = port
        self.world = World(self.config)
        self.tokens: dict[str, str] = dict(self.world.tokens)
        self.url = f"http://{host}:{port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._ticker: threading.Thread | None = None
        self._stop_ticker = threading.Event()
        self._predraw: threading.Thread | None = None
        self._stopped = False

    def start(self) -> Self:
        """Serve; returns once the server accepts connections."""
        if self._thread is not None:
            return self
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
        # and without it every response waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self.url = f"http://{self.host}:{self.port}"
        # log_config=None: uvicorn's default logging config builds formatters on sys.stdout/stderr, which a
        # windowed executable (Windows, console=False) does not have; its loggers then use ours
        config = uvicorn.Config(create_app(self.world), log_config=None, log_level="warning", access_log=False,
                                lifespan="off",
                                http="h11", ws="none", date_header=False, server_header=False,
                                timeout_graceful_shutdown=3)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"sandbox-http-{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.01)
        if self.config.ticker:
            self._ticker = threading.Thread(target=self._tick, name=f"sandbox-ticker-{self.port}", daemon=True)
            self._ticker.start()
        return self

    def release_waits(self) -> None:
        """Answer the long-polls in flight now and keep serving (see World.release_waits)."""
        self.world.release_waits()

    def predraw(self) -> None:
        """Draw the world's pending evidence ahead of the feed, in the background (see World.predraw)."""
        if self._predraw is None:
            self._predraw = self.world.predraw()

    def _tick(self) -> None:
        while not self._stop_ticker.wait(1.0):
            try:
                self.world.fire_due()
            except Exception:
                log.exception("sandbox ticker failed")

    def stop(self) -> None:
        """Stop the server and ticker threads and close the database; idempotent."""
        if self._stopped:
            return
        self._stopped = True
        self._stop_ticker.set()
        self.world.interrupt_waits()
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._ticker is not None:
            self._ticker.join(timeout=5)
        self.world.close()
        if self._predraw is not None:   # it stops at its next image, seeing the world closed
            self._predraw.join(timeout=30)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(config: SandboxConfig, host: str = "127.0.0.1", port: int = 0, out: IO[str] = sys.stdout,
          stop: threading.Event | None = None, *, predraw: bool = False, until_stdin_closes: bool = False) -> None:
    """Start a sandbox, print one JSON line {"url", "tokens"} (flushed), serve until SIGINT/SIGTERM
    (or until `stop` is set, or with `until_stdin_closes` until standard input ends: a parent process
    that closes it, or dies, takes the sandbox with it). `predraw` draws evidence ahead of the feed."""
    stop = stop or threading.Event()
    sandbox = Sandbox(config, host, port).start()
    previous: dict[signal.Signals, Any] = {}
    try:
        out.write(json.dumps({"url": sandbox.url, "tokens": sandbox.tokens}) + "\n")
        out.flush()
        if predraw:
            sandbox.predraw()
        if until_stdin_closes:
            threading.Thread(target=_stop_at_end_of_stdin, args=(stop,), name="sandbox-stdin", daemon=True).start()
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                previous[sig] = signal.signal(sig, lambda *_: stop.set())
        while not stop.wait(0.5):  # a timeout keeps signals handled promptly on every platform
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sandbox.stop()


def _stop_at_end_of_stdin(stop: threading.Event) -> None:
    stream = sys.stdin.buffer if sys.stdin is not None else None
    try:
        while stream is not None and stream.read(4096):
            pass
    except (OSError, ValueError):
        pass
    stop.set()
