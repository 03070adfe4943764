"""The running viewer's side of one window: it listens for the paths a second launch hands
over (`viewer/instance.py` is the other side) and says so as `open_requested(Request)`."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from viewer import instance

log = logging.getLogger(__name__)


class InstanceServer(QObject):
    """Listens at one socket path; `listen` first clears a socket left there by a crash."""

    open_requested = Signal(object)
    """An `instance.Request` a second launch handed over (and was told `ok`)."""

    def __init__(self, socket_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_path = socket_path
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._received: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Listen for launches; False (logged) when another viewer already does, or the socket
        cannot be made."""
        path = self.socket_path
        if instance.is_live(path):
            log.info("another viewer listens at %s; this one does not", path)
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.parent.chmod(0o700)  # the socket's folder is the user's alone
        except OSError as exc:
            log.warning("no socket for later launches at %s: %s", path, exc)
            return False
        QLocalServer.removeServer(str(path))  # a socket left by a viewer that crashed
        if not self._server.listen(str(path)):
            log.warning("no socket for later launches at %s: %s", path, self._server.errorString())
            return False
        log.info("later launches hand their paths over at %s", path)
        return True

    def close(self) -> None:
        """Stop listening (the socket file is removed)."""
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            self._received[connection] = b""
            connection.readyRead.connect(lambda c=connection: self._on_connection_ready_read(c))
            connection.disconnected.connect(lambda c=connection: self._forget(c))

    def _forget(self, connection: QLocalSocket) -> None:
        self._received.pop(connection, None)
        connection.deleteLater()

    def _on_connection_ready_read(self, connection: QLocalSocket) -> None:
        data = self._received.get(connection, b"") + bytes(connection.readAll().data())
        self._received[connection] = data
        if b"\n" not in data and len(data) <= instance.MAX_REQUEST:
            return
        line = data.split(b"\n", 1)[0]
        try:
            request = instance.decode(line)
        except ValueError as exc:
            log.warning("a request on %s is not understood: %s", self.socket_path, exc)
            connection.write(b"error\n")
            connection.disconnectFromServer()
            return
        connection.write(instance.REPLY_OK)
        connection.flush()
        connection.disconnectFromServer()
        self.open_requested.emit(request)
