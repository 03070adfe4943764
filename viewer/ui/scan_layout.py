"""Where each page of a scan sits in the view: pages stacked at their own sizes, centred."""

from __future__ import annotations

import bisect

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
        self.rects: list[QRectF] = []
        widest = max((s.width * self.page_zoom(i) for i, s in enumerate(sizes)), default=0.0)
        self.width = max(widest + 2 * MARGIN, viewport_width)
        top = MARGIN
        self._tops: list[float] = []
        for index, size in enumerate(sizes):
            page_zoom = self.page_zoom(index)
            width, height = size.width * page_zoom, size.height * page_zoom
            self.rects.append(QRectF((self.width - width) / 2, top, width, height))
            self._tops.append(top)
            top += height + MARGIN
        self.height = top

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
