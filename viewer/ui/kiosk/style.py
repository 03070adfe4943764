"""The kiosk's looks: touch-sized targets and the high-contrast colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

MIN_TARGET = 44
"""The least height and width, in pixels, of anything a visitor touches."""

KIOSK_STYLE = f"""
QPushButton, QToolButton {{ min-height: {MIN_TARGET}px; min-width: {MIN_TARGET}px; }}
QTabBar::tab {{ min-height: {MIN_TARGET}px; min-width: {MIN_TARGET}px; padding: 0 14px; }}
QListView::item, QTreeView::item {{ min-height: {MIN_TARGET}px; }}
QLineEdit, QComboBox, QSpinBox {{ min-height: {MIN_TARGET}px; }}
QScrollBar:vertical {{ width: 20px; }}
QScrollBar:horizontal {{ height: 20px; }}
#kioskBar {{ border-bottom: 1px solid palette(mid); }}
#kioskOverlay {{ background: rgba(0, 0, 0, 200); }}
#kioskCard {{ background: palette(window); border-radius: 12px; }}
#kioskCard QLabel#headline {{ font-size: 32pt; font-weight: bold; }}
#kioskCard QLabel#subline {{ font-size: 18pt; }}
#kioskPinPad QPushButton {{ min-width: 88px; min-height: 72px; font-size: 22pt; }}
"""

HIGH_CONTRAST_STYLE = (
    "QWidget { color: white; background: black; } "
    "QPushButton:checked { background: #ffd400; color: black; } "
    # Every other row of a list: dark too (the style's default is light), and the
    # chosen row black on yellow.
    "QAbstractItemView { alternate-background-color: #1a1a1a; "
    "selection-background-color: #ffd400; selection-color: black; }"
)


def high_contrast_palette() -> QPalette:
    """White on black, with yellow for what is chosen and for links."""
    palette = QPalette()
    black, white, yellow = QColor("black"), QColor("white"), QColor("#ffd400")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.Link, yellow),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
    ):
        palette.setColor(role, colour)
    return palette
