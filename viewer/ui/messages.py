"""The one channel through which the viewer tells the reader what went wrong and what to do.

Messages are non-modal: a bar above the reading area shows the latest one, with its level, and
keeps the earlier ones of this session for "Show all messages". Nothing here blocks the window.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

log = logging.getLogger(__name__)


class Level(enum.Enum):
    """How much a message matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_COLOURS = {
    Level.INFO: ("#e8f0fe", "#1a3e72"),
    Level.WARNING: ("#fff4d6", "#5c4300"),
    Level.ERROR: ("#fde7e7", "#7a1010"),
}
INFO_TIMEOUT_MS = 8000


@dataclass(frozen=True)
class Message:
    """One message: its level and its text (file, problem, what to do)."""

    level: Level
    text: str


class MessageBar(QFrame):
    """The bar that shows the latest message; errors stay until dismissed."""

    message_shown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Messages"))
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # names from the archive
        self._label.setWordWrap(True)
        self._label.setAccessibleName(self.tr("Message"))
        self._dismiss = QPushButton(self.tr("Dismiss"))
        self._dismiss.setAccessibleName(self.tr("Dismiss message"))
        self._dismiss.setFlat(True)
        self._dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(self._dismiss)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.history: list[Message] = []
        self.hide()

    def show_message(self, level: Level, text: str) -> None:
        """Show `text` at `level` and keep it in the session's history."""
        message = Message(level, text)
        self.history.append(message)
        log.log(
            {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}[
                level
            ],
            "%s",
            text,
        )
        background, foreground = _COLOURS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {background}; border-bottom: 1px solid {foreground}; }}"
            f"#messageBar QLabel {{ color: {foreground}; }}"
        )
        self._label.setText(text)
        self.show()
        if level is Level.INFO:
            self._timer.start(INFO_TIMEOUT_MS)
        else:
            self._timer.stop()
        self.message_shown.emit(message)

    def level_name(self, level: Level) -> str:
        """The level as the reader reads it ("warning"), in the interface language."""
        names = {
            Level.INFO: self.tr("info"),
            Level.WARNING: self.tr("warning"),
            Level.ERROR: self.tr("error"),
        }
        return names[level]

    def text(self) -> str:
        """The message shown now ("" when the bar is hidden)."""
        return "" if self.isHidden() else self._label.text()

    def clear(self) -> None:
        """Hide the bar (the history stays)."""
        self.hide()
