"""Where the reader left each transcript: back there when the record is read again.

As the scan's page is kept for each document, the transcript's place is kept for each transcript
(each language its own), in the view state, never in the archive. The place is the character at
the top of the view, so it holds whatever the text size or the width of the pane when the text
is shown again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QTimer
from PySide6.QtGui import QTextCursor

from viewer.services.settings import ViewState
from viewer.ui.transcript_view import TranscriptPane

SETTLE_MS = 300
"""A place is noted once scrolling has paused this long."""


class TranscriptPlaces(QObject):
    """Notes the place in the transcript shown and goes back to it when it is shown again."""

    def __init__(self, pane: TranscriptPane, state: ViewState) -> None:
        super().__init__(pane)
        self._pane = pane
        self._state = state
        self._shown: Path | None = None
        """The transcript in the view whose place is noted (None while another is coming)."""
        self._coming: Path | None = None
        self._note = QTimer(self)
        self._note.setSingleShot(True)
        self._note.setInterval(SETTLE_MS)
        self._note.timeout.connect(self.note)
        pane.browser().verticalScrollBar().valueChanged.connect(self._on_scrolled)
        pane.text_shown.connect(self._on_text_shown)

    def showing(self, text: Path | None) -> None:
        """The transcript `text` (its file, or the PDF whose text layer it is) is about to be
        put in the view: the place in the one there now is noted first."""
        self.note()
        self._shown = None
        self._coming = text

    def place(self) -> int:
        """The character at the top of the view."""
        browser = self._pane.browser()
        return browser.cursorForPosition(QPoint(0, 0)).position()

    def note(self) -> None:
        """Remember the place in the transcript shown (when one is)."""
        self._note.stop()
        browser = self._pane.browser()
        if self._shown is None or browser.isHidden() or browser.document().isEmpty():
            return
        self._state.set_transcript_place(self._shown, self.place())

    def _on_scrolled(self, _value: int) -> None:
        if self._shown is not None:
            self._note.start()

    def _on_text_shown(self) -> None:
        text, self._coming = self._coming, None
        if text is None:
            return
        place = self._state.transcript_place(text)
        self._shown = text
        if place > 0:
            # After the view has taken the text's whole height (its scroll range follows it).
            scrolled = self._pane.browser().verticalScrollBar().value()
            QTimer.singleShot(0, lambda: self._go_to(text, place, scrolled))

    def _go_to(self, text: Path, place: int, scrolled: int) -> None:
        browser = self._pane.browser()
        if self._shown != text or browser.verticalScrollBar().value() != scrolled:
            return  # another text since, or the view was taken elsewhere
        if browser.extraSelections():
            return  # find's hits are marked: the first hit is where the reader is taken
        document = browser.document()
        cursor = QTextCursor(document)
        cursor.setPosition(min(place, document.characterCount() - 1))
        block = document.documentLayout().blockBoundingRect(cursor.block())
        line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
        top = block.top() + (line.y() if line.isValid() else 0.0)
        browser.setTextCursor(cursor)  # the caret there too, for a keyboard reader
        browser.verticalScrollBar().setValue(round(top))
