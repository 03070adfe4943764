"""Tab goes through the window as it is laid out: the record list, the transcript, the scan,
then the metadata and the citation.

Qt's tab order is the order widgets were made in, and the window makes its panels late (the
record list and the Cite panel after the first page is shown), so Tab went from the transcript to
the scan, the metadata, and only then to the records. Here each region keeps its own order
inside, and the regions follow one another as on screen.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

_TAB_FOCUS = Qt.FocusPolicy.TabFocus.value


def stops(window: QWidget, region: QWidget) -> list[QWidget]:
    """The widgets of `region` that Tab stops at, in the window's focus chain order."""
    return _stops(window, [region])[0]


def _stops(window: QWidget, regions: Sequence[QWidget]) -> list[list[QWidget]]:
    """The Tab stops of each of `regions`, in the window's focus chain order, found in one walk
    along the chain (a window of a few hundred widgets: walking it once a region, each widget's
    policy asked through Qt's enumerations, held the window for tens of milliseconds)."""
    found: list[list[QWidget]] = [[] for _ in regions]
    widget = window.nextInFocusChain()
    while widget is not window and widget is not None:
        if widget.focusPolicy().value & _TAB_FOCUS:
            for place, region in enumerate(regions):
                if widget is region or region.isAncestorOf(widget):
                    found[place].append(widget)
        widget = widget.nextInFocusChain()
    return found


def follow_screen(window: QWidget, regions: Sequence[QWidget]) -> list[QWidget]:
    """Chain the Tab stops of `regions`, one region after the other; the stops, in order."""
    chain = [stop for region_stops in _stops(window, regions) for stop in region_stops]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain
