"""The one channel through which the viewer tells the reader what happened and what to do.

Anything that has news for the reader (a file that cannot be opened, a renderer that restarted,
an index that cannot be written) posts a `Message` here; views (the window's message bar, the
kiosk's shell, tests) subscribe. A message posted before any view subscribes is kept and handed
to the first subscriber, so nothing said during start-up is lost. Every message is logged.

A message with a `replace` key takes the place of the last one with the same key (progress
that moves on, a state that changed), rather than piling up in the history.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Level(enum.Enum):
    """How much a message matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Origin(enum.Enum):
    """Whose fault it is: the reader's file (they can act on it) or the viewer (a bug to report)."""

    FILE = "file"
    VIEWER = "viewer"


_LOG_LEVELS = {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}


@dataclass(frozen=True)
class Message:
    """One message: its level, its text (file, problem, what to do), and what it replaces."""

    level: Level
    text: str
    replace: str = ""
    origin: Origin = Origin.FILE


class MessageChannel(QObject):
    """Messages for the reader, in order, with the session's history."""

    posted = Signal(object)
    """(Message) a message to show now."""
    withdrawn = Signal(str)
    """(replace key) the message with this key is out of date: views stop showing it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[Message] = []
        self._subscribed = False
        self._waiting: list[Message] = []

    def post(self, message: Message) -> None:
        """Say `message` to the reader (and log it)."""
        log.log(_LOG_LEVELS[message.level], "%s", message.text)
        if message.replace:
            self.history = [m for m in self.history if m.replace != message.replace]
        self.history.append(message)
        if not self._subscribed:
            self._waiting.append(message)
            return
        self.posted.emit(message)

    def info(self, text: str, replace: str = "") -> None:
        """Something the reader may like to know; it goes away by itself."""
        self.post(Message(Level.INFO, text, replace))

    def warning(self, text: str, replace: str = "") -> None:
        """Something works, but not fully (a repaired file, settings that will not be kept)."""
        self.post(Message(Level.WARNING, text, replace))

    def error(self, text: str, replace: str = "", origin: Origin = Origin.FILE) -> None:
        """Something failed: what, to which file, and what to do."""
        self.post(Message(Level.ERROR, text, replace, origin))

    def withdraw(self, replace: str) -> None:
        """The message said with `replace` no longer holds ("Opening…" once it has opened): it
        leaves the history and the views."""
        self.history = [m for m in self.history if m.replace != replace]
        self._waiting = [m for m in self._waiting if m.replace != replace]
        self.withdrawn.emit(replace)

    def subscribe(self, view: Callable[[Message], None]) -> None:
        """Call `view` with every message from now on, after those that waited for a view."""
        self.posted.connect(view)
        self._subscribed = True
        waiting, self._waiting = self._waiting, []
        for message in waiting:
            view(message)
