"""A visible frame around the pane that has the keyboard focus, and a readable selection.

Qt's own styles mark a focused text view or list barely or not at all, so a keyboard reader
cannot tell where Alt+1 or Tab went. Each pane gets a border in the highlight colour of the
palette in use (the high-contrast one too) while it has the focus, and a border of the same
width in the background colour otherwise, so nothing moves when the focus does.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication

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


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_selection(minimum: float = 4.5) -> None:
    """Darken (or lighten) the application's selection colour until the selected text on it has
    at least `minimum`:1 contrast (Fusion's blue under white gives 3.6:1)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        background = palette.color(group, QPalette.ColorRole.Highlight)
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        darker = text.lightnessF() > 0.5
        steps = 0
        while contrast(background, text) < minimum and steps < 20:
            background = background.darker(112) if darker else background.lighter(112)
            steps += 1
        palette.setColor(group, QPalette.ColorRole.Highlight, background)
    app.setPalette(palette)
