"""Where each page of a scan sits: pages stacked at their own sizes, centred, found by height."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF

from viewer.ui.scan_layout import MARGIN, Layout, Size


def test_pages_stack_down_the_document_centred_with_a_margin_between() -> None:
    sizes = [Size(600, 800), Size(800, 600), Size(600, 800)]
    layout = Layout(sizes, 0.5, 300.0)
    assert layout.width == 400 + 2 * MARGIN
    assert list(layout.rects) == [
        QRectF((layout.width - 300) / 2, MARGIN, 300, 400),
        QRectF((layout.width - 400) / 2, 2 * MARGIN + 400, 400, 300),
        QRectF((layout.width - 300) / 2, 3 * MARGIN + 700, 300, 400),
    ]
    assert layout.height == 4 * MARGIN + 1100
    assert layout.pages_between(MARGIN + 410, MARGIN + 420) == range(1, 2)
    assert layout.nearest_page(layout.height) == 2


def test_each_page_its_own_zoom_in_fit_width() -> None:
    layout = Layout([Size(100, 200), Size(200, 100)], 1.0, 500.0, zooms=[2.0, 1.0])
    assert layout.rects[0].size().toTuple() == (200, 400)
    assert layout.rects[1].size().toTuple() == (200, 100)
    assert layout.page_zoom(0) == 2.0


def test_a_100000_page_document_is_laid_out_in_less_time_than_a_rectangle_a_page_takes() -> None:
    sizes = [Size(612, 792) if n % 7 else Size(792, 612) for n in range(100_000)]
    started = time.thread_time()
    _ = [QRectF(0.0, float(n), 612.0, 792.0) for n in range(100_000)]
    a_rectangle_a_page = time.thread_time() - started
    started = time.thread_time()
    layout = Layout(sizes, 1.0, 1000.0)
    spent = time.thread_time() - started
    # What scrolling needs: the page at any height, found at once, its rectangle made when asked.
    page = layout.nearest_page(layout.height / 2)
    rect = layout.rects[page]
    assert rect.top() - MARGIN <= layout.height / 2 <= rect.bottom()
    assert len(layout) == 100_000
    assert spent < a_rectangle_a_page
