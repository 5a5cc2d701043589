"""The window's side of "one FieldApp per store": bring the running window to the front on request.

The window that holds the store's lock (fieldapp.store.instance) listens on a local channel
(QLocalServer: a named pipe on Windows, a socket file on Linux/macOS) named after the store. A
second start that finds the store locked connects, says ``raise``, and the first window comes to the
front, says in its status bar that FieldApp was started again, and answers ``raised <pid>``. The
second start then tells the user and exits without touching the store.
"""
from __future__ import annotations

import os
import time

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket

REQUEST = b"raise\n"
TIMEOUT_MS = 3000


class ActivationServer(QObject):
    """Listens for ``raise`` on ``name`` and brings ``window`` to the front."""

    def __init__(self, name: str, window, on_raised=None):
        super().__init__(window)
        self.window = window
        self.on_raised = on_raised
        self.requests = 0
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)
        # Only the lock holder listens: a socket file left by a killed holder is safe to remove.
        QLocalServer.removeServer(name)
        self.listening = self.server.listen(name)
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        if bytes(sock.readLine()) == REQUEST:
            self.requests += 1
            bring_to_front(self.window)
            self.window.show_message(QCoreApplication.translate(
                "App", "FieldApp was started again on this store: this window is the one to use."))
            sock.write(f"raised {os.getpid()}\n".encode())
            sock.flush()
            if self.on_raised is not None:
                self.on_raised()
        sock.disconnectFromServer()


def bring_to_front(window) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.setWindowState((window.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
    window.raise_()
    window.activateWindow()


def ask_to_raise(name: str, timeout_ms: int = TIMEOUT_MS) -> int | None:
    """Ask the window listening on ``name`` to come to the front; its process id, or None when
    nobody answered within ``timeout_ms`` (the holder is hung, or belongs to another user's session).

    A holder starts listening only after its window is first painted, so "nobody listens yet" is
    tried again until the time is up (the lock says a holder exists)."""
    deadline = time.monotonic() + timeout_ms / 1000

    def ms_left(at_least: int) -> int:
        return max(at_least, int((deadline - time.monotonic()) * 1000))
    sock = QLocalSocket()
    while True:
        sock.connectToServer(name)
        if sock.waitForConnected(ms_left(1)):
            break
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)
    sock.write(REQUEST)
    sock.flush()
    answer = b""
    # the answer gets what is left, at least a second (a holder that just began listening is busy)
    while not answer.endswith(b"\n") and sock.waitForReadyRead(ms_left(1000)):
        answer += bytes(sock.readAll())
    sock.disconnectFromServer()
    parts = answer.decode("ascii", "replace").split()
    return int(parts[1]) if len(parts) == 2 and parts[0] == "raised" and parts[1].isdigit() else None
