"""Filling a text view with long text a piece per turn of the event loop.

Qt parses HTML on whichever thread calls it, holding Python's interpreter lock throughout: a
5 MB transcript parsed at once (or on another thread) stops the window for a second or more.
Here it is inserted a part at a time (`transcript.Display.parts`, ~16,000 characters each,
~10 ms), and Qt lays the text out in its own small steps.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from viewer.domain.transcript import Display


class DocumentFiller(QObject):
    """Puts `display`'s parts at the end of `document`: the first at once, then one per turn."""

    finished = Signal()
    """Every part is in the document."""

    def __init__(self, document: QTextDocument, display: Display, parent: QObject) -> None:
        super().__init__(parent)
        self._document = document
        self._parts = display.parts
        self._next = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        """Insert the first part now and the others on the following turns."""
        self._insert_next()
        if self._next < len(self._parts):
            self._timer.start()
        else:
            self.finished.emit()

    def stop(self) -> None:
        """Insert no more (another text replaces this one)."""
        self._timer.stop()

    def is_filling(self) -> bool:
        """True while parts are still to come."""
        return self._timer.isActive()

    def _insert_next(self) -> None:
        cursor = QTextCursor(self._document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._next:
            cursor.insertBlock()  # parts end between blocks: the next starts a block of its own
        cursor.insertHtml(self._parts[self._next])
        self._next += 1

    def _on_timer_timeout(self) -> None:
        self._insert_next()
        if self._next >= len(self._parts):
            self._timer.stop()
            self.finished.emit()
