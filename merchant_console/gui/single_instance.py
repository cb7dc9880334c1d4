"""One console per data folder: a second launch brings the first to the front and ends.

A lock file in the data folder says who owns it (Qt's QLockFile notices a lock left by a process that
died); a local socket named after the folder carries the "come to the front" request.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

def server_name(root: Path) -> str:
    """A short name per folder (socket paths are limited to ~100 bytes on Unix)."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"merchant-console-{digest}"


class SingleInstance(QObject):
    """`acquire()` is True for the first console on `root`; later ones ask it to come forward."""

    raise_requested = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.name = server_name(root)
        self._lock = QLockFile(str(root / "console.lock"))
        self._lock.setStaleLockTime(0)   # only a dead owner makes the lock stale, never its age
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.tryLock(0):
            self._ask_owner_to_raise()
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)   # left by a console that died; we hold the lock now
            if not server.listen(self.name):
                log.warning("cannot listen for a second launch: %s", server.errorString())
        server.newConnection.connect(self._incoming)
        self._server = server
        return True

    def _ask_owner_to_raise(self) -> None:
        """Connecting is the whole request: the owner comes to the front on every connection."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if sock.waitForConnected(2000):
            sock.disconnectFromServer()
        else:
            log.warning("a console holds %s but does not answer", self._lock.fileName())
        sock.abort()

    def _incoming(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            conn.abort()
            conn.deleteLater()
            self.raise_requested.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        self._lock.unlock()
