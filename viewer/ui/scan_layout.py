"""Where each page of a scan sits in the view: pages stacked at their own sizes, centred."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import overload

from PySide6.QtCore import QPointF, QRectF

from viewer.services.page_fit import (
    MARGIN,
    MAX_ZOOM,
    MIN_ZOOM,
    Size,
    ZoomMode,
    clamp_zoom,
    fit_zoom,
    rotated,
    typical_size,
)

__all__ = [
    "MARGIN",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "Layout",
    "Size",
    "ZoomMode",
    "clamp_zoom",
    "fit_zoom",
    "rotated",
    "typical_size",
]


class PageRects(Sequence[QRectF]):
    """Each page's rectangle, made when asked for: a 5,000-page document lays out in a few
    milliseconds, not 5,000 QRectF at every resize."""

    def __init__(
        self, width: float, tops: list[float], widths: list[float], heights: list[float]
    ) -> None:
        self._width = width
        self._tops = tops
        self._widths = widths
        self._heights = heights

    def __len__(self) -> int:
        return len(self._tops)

    @overload
    def __getitem__(self, index: int) -> QRectF: ...
    @overload
    def __getitem__(self, index: slice) -> list[QRectF]: ...
    def __getitem__(self, index: int | slice) -> QRectF | list[QRectF]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        width = self._widths[index]
        return QRectF((self._width - width) / 2, self._tops[index], width, self._heights[index])


class Layout:
    """Page rectangles in logical pixels of the whole document, top to bottom."""

    def __init__(
        self,
        sizes: list[Size],
        zoom: float,
        viewport_width: float,
        zooms: list[float] | None = None,
    ) -> None:
        self.zoom = zoom
        self._zooms = zooms if zooms is not None and len(zooms) == len(sizes) else None
        if self._zooms is None:
            widths = [s.width * zoom for s in sizes]
            heights = [s.height * zoom for s in sizes]
        else:
            widths = [s.width * z for s, z in zip(sizes, self._zooms, strict=True)]
            heights = [s.height * z for s, z in zip(sizes, self._zooms, strict=True)]
        self.width = max(max(widths, default=0.0) + 2 * MARGIN, viewport_width)
        # Each page's top: the margin, then every page above and its margin.
        self._tops = list(itertools.accumulate((h + MARGIN for h in heights), initial=MARGIN))
        self.height = self._tops.pop()
        self.rects = PageRects(self.width, self._tops, widths, heights)

    def page_zoom(self, index: int) -> float:
        """Logical pixels per point of page `index` (each its own in fit width)."""
        return self._zooms[index] if self._zooms is not None else self.zoom

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
