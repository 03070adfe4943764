"""How large a page is shown: the zoom of each mode, as plain arithmetic (no Qt).

The window and the render worker's process share it: the worker renders a document's first page
as soon as the file is open, at the very scale the view will then ask for.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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
    return Size(_median_low([s.width for s in sizes]), _median_low([s.height for s in sizes]))


def _median_low(values: list[float]) -> float:
    """`statistics.median_low`, without loading that module (and `fractions`) at start-up."""
    return sorted(values)[(len(values) - 1) // 2]


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


def page_zooms(mode: ZoomMode, sizes: list[Size], available: Size) -> list[float] | None:
    """The zoom of each page where it has its own: in fit width every page fits the width (a
    landscape insert or a larger sheet among letters too, as Okular and Zotero show them);
    None where one zoom serves every page."""
    if mode is not ZoomMode.FIT_WIDTH or not sizes:
        return None
    room = max(available.width - 2 * MARGIN, 16.0)
    return [clamp_zoom(room / size.width) if size.width > 0 else MIN_ZOOM for size in sizes]


def clamp_zoom(zoom: float) -> float:
    """`zoom` within what the view offers."""
    return min(max(zoom, MIN_ZOOM), MAX_ZOOM)
