"""Showing matches: marker strings as safe rich text, hit ranges as ExtraSelections in a text view.

Snippets and marked titles from the search index hold `search_query.HIGHLIGHT_START` and
`HIGHLIGHT_END` around each match and are not HTML-escaped; `marked_to_html` escapes them first,
so text from an archive can never inject markup. Hit ranges from `search_query.find_in_text` are
offsets into a Python string (code points); a QTextDocument counts UTF-16 units, so ranges are
converted before cursors are made.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence

from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from viewer.domain.search_query import HIGHLIGHT_END, HIGHLIGHT_START

HIT_BACKGROUND = QColor("#ffe863")
"""Every hit: a yellow that reads on white and on dark text."""
CURRENT_HIT_BACKGROUND = QColor("#ff9b2f")
"""The hit the reader is on: a stronger orange."""
HIT_FOREGROUND = QColor("#1b1b1b")
"""Text colour on a hit, so it stays legible on any palette."""
MARK_OPEN = (
    f'<span style="background-color:{HIT_BACKGROUND.name()};color:{HIT_FOREGROUND.name()};'
    'font-weight:600;">'
)
MARK_CLOSE = "</span>"
MAX_SELECTIONS = 3000
"""Hits highlighted at once; beyond this only those around the current hit are (the count is
still exact). Thousands of ExtraSelections make every repaint slow."""


def strip_markers(marked: str) -> str:
    """`marked` without highlight markers."""
    return marked.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")


def marked_to_html(marked: str) -> str:
    """Escape `marked` as HTML, then turn its highlight markers into a highlight span.

    Markers that are unbalanced (an end without a start, a start never closed) are closed or
    dropped so the markup is always well formed.
    """
    parts: list[str] = []
    open_span = False
    for char_run in _split_markers(marked):
        if char_run == HIGHLIGHT_START:
            if not open_span:
                parts.append(MARK_OPEN)
                open_span = True
        elif char_run == HIGHLIGHT_END:
            if open_span:
                parts.append(MARK_CLOSE)
                open_span = False
        else:
            parts.append(html.escape(char_run, quote=False))
    if open_span:
        parts.append(MARK_CLOSE)
    return "".join(parts)


def _split_markers(marked: str) -> list[str]:
    """`marked` cut into marker characters and the runs of text between them."""
    runs: list[str] = []
    start = 0
    for position, char in enumerate(marked):
        if char in (HIGHLIGHT_START, HIGHLIGHT_END):
            if position > start:
                runs.append(marked[start:position])
            runs.append(char)
            start = position + 1
    if start < len(marked):
        runs.append(marked[start:])
    return runs


class Utf16Map:
    """Converts offsets into a Python string to offsets into its UTF-16 form (QString)."""

    def __init__(self, text: str) -> None:
        # Only characters outside the Basic Multilingual Plane take two UTF-16 units.
        self._wide = [] if text.isascii() else [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code point `offset`."""
        if not self._wide:
            return offset
        return offset + bisect.bisect_left(self._wide, offset)


def hit_cursors(
    document: QTextDocument, spans: Sequence[tuple[int, int]], text: str
) -> list[QTextCursor]:
    """One cursor selecting each span of `text` (the document's plain text) in `document`."""
    mapping = Utf16Map(text)
    cursors = []
    for start, end in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(mapping.to_utf16(start))
        cursor.setPosition(mapping.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        cursors.append(cursor)
    return cursors


def _format(background: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setBackground(QBrush(background))
    char_format.setForeground(QBrush(HIT_FOREGROUND))
    return char_format


def hit_selections(cursors: Sequence[QTextCursor], current: int) -> list[QTextEdit.ExtraSelection]:
    """ExtraSelections for `cursors`, the one at `current` (none when -1) in the stronger colour.

    With more than MAX_SELECTIONS hits, only the MAX_SELECTIONS around `current` are included.
    """
    first = 0
    if len(cursors) > MAX_SELECTIONS:
        first = max(0, min(len(cursors) - MAX_SELECTIONS, max(current, 0) - MAX_SELECTIONS // 2))
    plain = _format(HIT_BACKGROUND)
    strong = _format(CURRENT_HIT_BACKGROUND)
    selections = []
    for number in range(first, min(len(cursors), first + MAX_SELECTIONS)):
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursors[number]
        selection.format = strong if number == current else plain
        selections.append(selection)
    return selections
