"""The scan pane paints a page's true colours, whichever way its pixels came from the worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from viewer.services import render
from viewer.ui import scan_area
from viewer.ui.scan_view import ScanPane

COLOURS = {"red": (0xFF, 0, 0), "green": (0, 0xFF, 0), "blue": (0, 0, 0xFF), "grey": (0x80,) * 3}


def _stripes(path: Path) -> Path:
    """A page of four colour stripes, from a third of its height down, on white paper."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=400)
    for index, rgb in enumerate(COLOURS.values()):
        x = 20 + 90 * index
        fill = tuple(c / 255 for c in rgb)
        page.draw_rect(pymupdf.Rect(x, 140, x + 80, 380), color=None, fill=fill)
    doc.save(path)
    return path


@pytest.fixture(params=[False, True], ids=["thread", "process"])
def worker(request: pytest.FixtureRequest) -> Iterator[render.PdfWorker]:
    """A render worker on a thread, then one in its own process (pixels in shared memory)."""
    worker = render.PdfWorker(isolated=request.param)
    yield worker
    worker.shutdown()


def test_a_rendered_page_is_painted_in_its_exact_colours(
    qtbot: QtBot, pane: ScanPane, tmp_path: Path
) -> None:
    path = _stripes(tmp_path / "stripes.pdf")
    with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
        pane.open_pdf(path)
    rect = pane.area.page_rect(0)
    image = pane.area.viewport().grab().toImage()

    def colour_at(x: float, y: float) -> QColor:
        """The painted colour at (x, y) points on the page."""
        point = QPointF(rect.left() + x * rect.width() / 400, rect.top() + y * rect.height() / 400)
        return QColor(image.pixel(point.toPoint()))

    for index, rgb in enumerate(COLOURS.values()):
        assert colour_at(60 + 90 * index, 300) == QColor(*rgb)
    assert colour_at(200, 60) == QColor(0xFF, 0xFF, 0xFF)  # the paper, where nothing is drawn
    assert QColor(image.pixel(2, 2)) == scan_area.BACKGROUND  # outside the page
