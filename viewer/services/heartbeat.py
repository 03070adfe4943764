"""The kiosk viewer process's sign of life: a line to the supervisor's pipe every half second."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

HEARTBEAT_MS = 500


class Heartbeat(QObject):
    """Writes a line to the supervisor's pipe from the GUI thread; silent when the GUI hangs."""

    def __init__(self, fd: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fd = fd
        if fd >= 0:
            os.set_blocking(fd, False)  # a stuck supervisor must never block the GUI thread
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self.beat)
        self._timer.start()

    def send(self, line: str) -> None:
        """Send one line to the supervisor (dropped when nobody listens)."""
        if self._fd < 0:
            return
        try:
            os.write(self._fd, line.encode() + b"\n")
        except (BlockingIOError, BrokenPipeError):
            pass
        except OSError as exc:
            log.warning("heartbeat pipe: %s", exc)
            self._fd = -1

    def beat(self) -> None:
        """The GUI thread is alive."""
        self.send("beat")

    def ready(self, record_id: str) -> None:
        """The start record is on screen."""
        self.send(f"ready {record_id}")
