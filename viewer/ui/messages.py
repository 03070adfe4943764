"""The message bar: how the window shows what `viewer.services.messages` says to the reader.

Messages are non-modal: a bar above the reading area shows the latest one, with its level; the
channel keeps the earlier ones of this session for "Show all messages". Nothing here blocks the
window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from viewer.services.messages import Level, Message, MessageChannel

__all__ = ["Level", "Message", "MessageBar"]

_COLOURS = {
    Level.INFO: ("#e8f0fe", "#1a3e72"),
    Level.WARNING: ("#fff4d6", "#5c4300"),
    Level.ERROR: ("#fde7e7", "#7a1010"),
}
INFO_TIMEOUT_MS = 8000


class MessageBar(QFrame):
    """The bar that shows the latest message; errors stay until dismissed."""

    message_shown = Signal(object)

    def __init__(
        self, channel: MessageChannel | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.channel = channel or MessageChannel(self)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Messages"))
        self._label = QLabel()
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
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
        self._shown: Message | None = None
        self.hide()
        self.channel.subscribe(self._show)
        self.channel.withdrawn.connect(self._on_channel_withdrawn)

    @property
    def history(self) -> list[Message]:
        """Every message of this session, oldest first."""
        return self.channel.history

    def show_message(self, level: Level, text: str, replace: str = "") -> None:
        """Say `text` at `level` through the channel (which logs it and keeps it in the history)."""
        self.channel.post(Message(level, text, replace))

    def _show(self, message: Message) -> None:
        level, text = message.level, message.text
        background, foreground = _COLOURS[level]
        self.setStyleSheet(
            f"#messageBar {{ background: {background}; border-bottom: 1px solid {foreground}; }}"
            # The button too: the window's palette (white text in high contrast) is not the bar's.
            f"#messageBar QLabel, #messageBar QPushButton {{ color: {foreground}; }}"
        )
        self._label.setText(text)
        self._shown = message
        self.show()
        if level is Level.INFO:
            self._timer.start(INFO_TIMEOUT_MS)
        else:
            self._timer.stop()
        self.message_shown.emit(message)

    def _on_channel_withdrawn(self, replace: str) -> None:
        if self._shown is not None and self._shown.replace == replace:
            self.hide()

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
