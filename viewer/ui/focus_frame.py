"""A visible frame around the pane that has the keyboard focus (transcript, scan, lists).

Qt's own styles mark a focused text view or list barely or not at all, so a keyboard reader
cannot tell where Alt+1 or Tab went. Each pane gets a border in the highlight colour of the
palette in use (the high-contrast one too) while it has the focus, and a border of the same
width in the background colour otherwise, so nothing moves when the focus does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea

WIDTH = 2
"""Pixels of the frame: visible at a glance, narrow enough to take no reading room."""

STYLE = (
    f"QAbstractScrollArea {{ border: {WIDTH}px solid palette(base); }}"
    f"QAbstractScrollArea:focus {{ border: {WIDTH}px solid palette(highlight); }}"
)


def install(*panes: QAbstractScrollArea) -> None:
    """Frame each of `panes` in the highlight colour while it has the focus."""
    for pane in panes:
        pane.setStyleSheet(pane.styleSheet() + STYLE)
