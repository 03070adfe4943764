"""Building long text off the GUI thread: a QTextDocument parsed from HTML on a worker thread,
then handed to the GUI thread whole.

Parsing a 5 MB transcript takes most of a second; done here, the window only swaps documents
(about 10 ms) and lays the text out in Qt's small steps between events. The layout itself stays
on the GUI thread: the font engines a layout keeps belong to the thread that made it.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QThread
from PySide6.QtGui import QFont, QTextDocument

from viewer.domain.transcript import Display


class Layout(NamedTuple):
    """How the view shows text, taken on the GUI thread when the text is asked for."""

    style_sheet: str
    font: QFont
    margin: float
    width: float
    """The view's width in pixels."""
    thread: QThread
    """The thread that shows the document (it is moved there)."""


class Prepared(NamedTuple):
    """A laid-out document and how much of the text it holds."""

    document: QTextDocument
    display: Display


def prepare(display: Display, layout: Layout) -> Prepared:
    """A document of `display`'s HTML, styled as `layout` says, owned by `layout.thread`.

    Call on a worker thread; the document has no parent (the view adopts it).
    """
    document = QTextDocument()
    document.setDefaultStyleSheet(layout.style_sheet)
    document.setDefaultFont(layout.font)
    document.setDocumentMargin(layout.margin)
    document.setHtml(display.html)
    document.setTextWidth(layout.width)
    document.moveToThread(layout.thread)
    return Prepared(document, display)
