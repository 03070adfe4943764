"""The kiosk's looks: touch-sized targets and the high-contrast colours (the palette is the
window's own, `ui/appearance.py`)."""

from __future__ import annotations

from viewer.ui.appearance import high_contrast_palette

__all__ = ["HIGH_CONTRAST_STYLE", "KIOSK_STYLE", "MIN_TARGET", "high_contrast_palette"]

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
