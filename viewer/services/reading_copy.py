"""A record on paper: its title, citation, metadata and transcript, then its scan's pages, with
the citation at the foot of every page. Painted on any paged device: a printer (File > Print,
the kiosk's printer) or a PDF (File > Export Reading Copy). QtGui only; the scan's pages come
already rendered, as images, from the render worker."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QTextCursor,
    QTextDocument,
)

from viewer.domain import citation
from viewer.domain.model import Record

FOOTER_POINTS = 8.0
"""The size of the citation at the foot of each page."""
MARGIN_MM = 15.0
FOOTER_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom) | int(
    Qt.TextFlag.TextWordWrap
)


def record_document(
    record: Record, transcript: QTextDocument, metadata: Iterable[tuple[str, str]] = ()
) -> QTextDocument:
    """What is printed of a record before its scan: its title and citation, the `metadata`
    rows (label, value) when given, then its transcript."""
    document = transcript.clone()
    document.setDefaultFont(transcript.defaultFont())
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    rows = "".join(
        f"<tr><td><b>{html.escape(label)}</b>&nbsp;&nbsp;</td><td>{html.escape(value)}</td></tr>"
        for label, value in metadata
    )
    table = f"<table>{rows}</table>" if rows else ""
    cursor.insertHtml(
        f"<p><b>{html.escape(record.title)}</b><br>{html.escape(citation.house(record))}</p>"
        + table
    )
    cursor.insertBlock()
    return document


@dataclass(frozen=True)
class Copy:
    """What a reading copy is made of."""

    text: QTextDocument
    """The title, citation, metadata and transcript (`record_document`)."""
    footer: str
    """The citation, at the foot of every page."""
    scans: tuple[QImage, ...] = ()
    """The scan's pages, in order."""


def set_margins(device: QPagedPaintDevice) -> None:
    """The reading copy's margins on `device`."""
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    device.setPageMargins(margins, QPageLayout.Unit.Millimeter)


class _Layout:
    """Where things go on the pages of one device."""

    def __init__(self, copy: Copy, device: QPagedPaintDevice) -> None:
        area = device.pageLayout().paintRectPixels(device.logicalDpiX())
        self.width = float(area.width())
        self.font = QFont()
        self.font.setPointSizeF(FOOTER_POINTS)
        metrics = QFontMetricsF(self.font, device)
        line = metrics.lineSpacing()
        # As high as the citation wraps to (a long title takes three lines or more), with the
        # widest page numbers it can have.
        widest = f"{copy.footer}  ({'8' * 4}/{'8' * 4})"
        wrapped = metrics.boundingRect(QRectF(0, 0, self.width, 1e6), FOOTER_FLAGS, widest).height()
        height = max(2 * line, wrapped)
        self.footer = QRectF(0, area.height() - height, self.width, height)
        self.body = QRectF(0, 0, self.width, self.footer.top() - line)
        self.text = copy.text.clone()
        self.text.setDefaultFont(copy.text.defaultFont())
        self.text.documentLayout().setPaintDevice(device)
        self.text.setPageSize(QSizeF(self.body.width(), self.body.height()))
        self.text_pages = self.text.pageCount() if not self.text.isEmpty() else 0


def page_count(copy: Copy, device: QPagedPaintDevice) -> int:
    """How many pages `copy` takes on `device`."""
    return _Layout(copy, device).text_pages + len(copy.scans)


def first_scan_page(copy: Copy, device: QPagedPaintDevice) -> int:
    """The page number (from 1) of the scan's first page in `copy` on `device`."""
    return _Layout(copy, device).text_pages + 1


def paint(copy: Copy, device: QPagedPaintDevice, pages: Sequence[int] | None = None) -> int:
    """Paint `copy` on `device`: the pages numbered in `pages` (from 1), else all; how many
    were painted."""
    layout = _Layout(copy, device)
    total = layout.text_pages + len(copy.scans)
    wanted = [n for n in (pages if pages is not None else range(1, total + 1)) if 1 <= n <= total]
    painter = QPainter(device)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for position, number in enumerate(wanted):
        if position:
            device.newPage()
        if number <= layout.text_pages:
            _paint_text_page(painter, layout, number - 1)
        else:
            _paint_image(painter, layout.body, copy.scans[number - layout.text_pages - 1])
        painter.setFont(layout.font)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(layout.footer, FOOTER_FLAGS, f"{copy.footer}  ({number}/{total})")
    painter.end()
    return len(wanted)


def _paint_text_page(painter: QPainter, layout: _Layout, index: int) -> None:
    height = layout.body.height()
    painter.save()
    painter.translate(0, -index * height)
    layout.text.drawContents(painter, QRectF(0, index * height, layout.body.width(), height))
    painter.restore()


def _paint_image(painter: QPainter, body: QRectF, image: QImage) -> None:
    """`image` as large as fits in `body`, centred at the top."""
    if image.isNull():
        return
    scale = min(body.width() / image.width(), body.height() / image.height())
    size = QSizeF(image.width() * scale, image.height() * scale)
    target = QRectF(body.left() + (body.width() - size.width()) / 2, body.top(), *size.toTuple())
    painter.drawImage(target, image)
