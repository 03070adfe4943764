"""Highlights painted into the transcript's document, and the transcript's text as the notes'
anchors see it.

A highlight is a background colour merged into the characters of its passage (char formats,
not ExtraSelections: those belong to Find). What each passage looked like before is kept, so a
highlight taken away (a note deleted, another record shown) leaves the text exactly as it was.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument

from viewer.domain.transcript import WORD_BREAK

COLOURS = {
    "#fff176": "Yellow",
    "#a5d6a7": "Green",
    "#90caf9": "Blue",
    "#f48fb1": "Pink",
}
"""The highlight colours offered (light enough for dark text), with their English names."""
DEFAULT_COLOUR = "#fff176"
TEXT_ON_MARK = "#1b1b1b"
"""Text on a highlight: dark on every palette (white text on a light colour would not read)."""


class ShownText:
    """The document's text without the breaks put into very long words, and the way between
    its offsets (code points) and the document's positions (UTF-16 units)."""

    def __init__(self, document: QTextDocument) -> None:
        plain = document.toPlainText()
        self._wide = [] if plain.isascii() else [i for i, c in enumerate(plain) if ord(c) > 0xFFFF]
        self._wide_at = [i + k for k, i in enumerate(self._wide)]
        """Where each wide character is in UTF-16 units."""
        self._breaks = (
            [i for i, c in enumerate(plain) if c == WORD_BREAK] if WORD_BREAK in plain else []
        )
        self.text = plain.replace(WORD_BREAK, "") if self._breaks else plain

    def to_document(self, offset: int) -> int:
        """The document position of `self.text[offset]`."""
        plain = offset
        for position in self._breaks:  # few: only very long words have them
            if position <= plain:
                plain += 1
        return plain + bisect.bisect_left(self._wide, plain)

    def from_document(self, position: int) -> int:
        """The offset in `self.text` of the document's `position`."""
        plain = position - bisect.bisect_left(self._wide_at, position)
        return plain - bisect.bisect_left(self._breaks, plain)


@dataclass(frozen=True)
class Mark:
    """A passage to paint: where in the document (UTF-16 positions) and in which colour."""

    start: int
    end: int
    colour: str


class Painter:
    """Paints highlights into one document and takes them away again.

    Only the highlights near what is on screen are painted (`paint_between`, again as the view
    scrolls): a record of a thousand highlights costs the window the few it shows.
    """

    def __init__(self) -> None:
        self._document: QTextDocument | None = None
        self._saved: list[tuple[int, int, QTextCharFormat]] = []
        self._marks: list[Mark] = []
        self._starts: list[int] = []
        self._longest = 0
        self._painted: set[int] = set()
        """Indexes in `_marks` of the highlights painted."""

    def clear(self) -> None:
        """Give the painted passages back their own formats (the last painted first: the
        formats kept for it may hold one painted before)."""
        document, saved = self._document, self._saved
        self._saved, self._painted = [], set()
        if document is None or not saved:
            return
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        size = document.characterCount()
        for start, end, char_format in reversed(saved):
            if end < size:
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(char_format)
        cursor.endEditBlock()
        document.clearUndoRedoStacks()

    def forget(self) -> None:
        """The document's text was replaced: nothing painted is left to take away."""
        self._document, self._saved, self._painted = None, [], set()
        self._marks, self._starts = [], []

    def set_marks(self, document: QTextDocument, marks: Sequence[Mark]) -> None:
        """Take away what was painted; `marks` are what to paint from now on."""
        if self._document is not document:
            self.forget()
        self.clear()
        self._document = document
        self._marks = sorted(marks, key=lambda m: m.start)
        self._starts = [m.start for m in self._marks]
        self._longest = max((m.end - m.start for m in self._marks), default=0)

    def add_mark(self, mark: Mark) -> None:
        """One more highlight to paint (those painted stay)."""
        index = bisect.bisect_right(self._starts, mark.start)
        self._marks.insert(index, mark)
        self._starts.insert(index, mark.start)
        self._painted = {i + 1 if i >= index else i for i in self._painted}
        self._longest = max(self._longest, mark.end - mark.start)

    def paint_between(self, low: int, high: int) -> int:
        """Paint the highlights that fall between document positions `low` and `high`; how
        many were painted now."""
        document = self._document
        if document is None or not self._marks:
            return 0
        first = bisect.bisect_left(self._starts, low - self._longest)
        last = bisect.bisect_right(self._starts, high)
        todo = [
            i for i in range(first, last) if i not in self._painted and self._marks[i].end > low
        ]
        if not todo:
            return 0
        for index in todo:
            mark = self._marks[index]
            self._saved += _formats(document, mark.start, mark.end)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for index in todo:
            mark = self._marks[index]
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setBackground(QBrush(QColor(mark.colour)))
            char_format.setForeground(QBrush(QColor(TEXT_ON_MARK)))
            cursor.mergeCharFormat(char_format)
            self._painted.add(index)
        cursor.endEditBlock()
        document.clearUndoRedoStacks()
        return len(todo)


def _formats(
    document: QTextDocument, start: int, end: int
) -> list[tuple[int, int, QTextCharFormat]]:
    """The char formats of the text between `start` and `end`, run by run."""
    runs = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            low = max(start, fragment.position())
            high = min(end, fragment.position() + fragment.length())
            if low < high:
                runs.append((low, high, fragment.charFormat()))
            fragments += 1
        block = block.next()
    return runs
