"""Where each page of a scan sits in the view: pages stacked at their own sizes, centred."""

from __future__ import annotations

import bisect
import enum
import statistics
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

MARGIN = 8.0
"""Logical pixels around and between pages."""
MIN_ZOOM = 0.05
MAX_ZOOM = 4.0
"""Logical pixels per point; 4 (400 % at 72 dpi) makes a 31 MB image of a letter page."""


class ZoomMode(enum.Enum):
    """How the zoom follows the window."""

    FIT_WIDTH = "fit-width"
    FIT_PAGE = "fit-page"
    ACTUAL_SIZE = "actual-size"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Size:
    """A width and a height, in points or pixels."""

    width: float
    height: float


def rotated(size: Size, rotation: int) -> Size:
    """`size` turned by `rotation` degrees (a multiple of 90)."""
    if rotation % 180:
        return Size(size.height, size.width)
    return size


def typical_size(sizes: list[Size]) -> Size:
    """The median page: one landscape insert among 600 letters does not shrink the letters."""
    return Size(
        statistics.median_low(s.width for s in sizes),
        statistics.median_low(s.height for s in sizes),
    )


def fit_zoom(mode: ZoomMode, sizes: list[Size], available: Size, actual: float) -> float | None:
    """The zoom `mode` asks for in a viewport of `available` logical pixels, or None (custom)."""
    if not sizes:
        return None
    if mode is ZoomMode.ACTUAL_SIZE:
        return actual
    typical = typical_size(sizes)
    width = max(available.width - 2 * MARGIN, 16.0) / typical.width
    if mode is ZoomMode.FIT_WIDTH:
        return clamp_zoom(width)
    if mode is ZoomMode.FIT_PAGE:
        height = max(available.height - 2 * MARGIN, 16.0) / typical.height
        return clamp_zoom(min(width, height))
    return None


def clamp_zoom(zoom: float) -> float:
    """`zoom` within what the view offers."""
    return min(max(zoom, MIN_ZOOM), MAX_ZOOM)


class Layout:
    """Page rectangles in logical pixels of the whole document, top to bottom."""

    def __init__(self, sizes: list[Size], zoom: float, viewport_width: float) -> None:
        self.zoom = zoom
        self.rects: list[QRectF] = []
        widest = max((s.width for s in sizes), default=0.0) * zoom
        self.width = max(widest + 2 * MARGIN, viewport_width)
        top = MARGIN
        self._tops: list[float] = []
        for size in sizes:
            width, height = size.width * zoom, size.height * zoom
            self.rects.append(QRectF((self.width - width) / 2, top, width, height))
            self._tops.append(top)
            top += height + MARGIN
        self.height = top

    def __len__(self) -> int:
        return len(self.rects)

    def pages_between(self, top: float, bottom: float) -> range:
        """Indexes of the pages that show between `top` and `bottom`."""
        if not self.rects:
            return range(0)
        first = max(bisect.bisect_right(self._tops, top) - 1, 0)
        # `top` in the gap below page `first` (a scroll bar in whole pixels may leave a sliver).
        if self.rects[first].bottom() <= top + 1 and first + 1 < len(self.rects):
            first += 1
        last = max(bisect.bisect_right(self._tops, bottom) - 1, first)
        return range(first, min(last + 1, len(self.rects)))

    def page_at(self, point: QPointF) -> int | None:
        """The page under `point`, if any."""
        for index in self.pages_between(point.y(), point.y()):
            if self.rects[index].contains(point):
                return index
        return None

    def nearest_page(self, y: float) -> int:
        """The page at height `y`, or the one just below the gap `y` falls in."""
        return self.pages_between(y, y).start if self.rects else 0
