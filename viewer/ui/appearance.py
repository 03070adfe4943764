"""The interface's size and contrast: View > Interface Size and View > High Contrast.

The interface size scales the text of the whole interface (record list, metadata, Cite panel,
search results, menus, dialogs) from the desktop's own font, at once; the transcript keeps its
own text size (Ctrl+plus). High contrast follows the desktop (Qt's contrast preference, which
GNOME, KDE, Windows and macOS report) unless the reader chose otherwise: the desktop's own
palette is kept when it is high-contrast already, else the viewer's white on black with yellow
for selection and links, the kiosk's colours. Colours the viewer sets on text itself (the muted
editorial notes, the metadata's labels) give way to the palette's text colour wherever they would
read at less than 4.5:1.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from viewer.services import settings as prefs
from viewer.services.settings import Contrast, Settings
from viewer.ui import focus_frame

SIZES = (100, 125, 150, 175, 200)
"""Interface sizes offered, in per cent of the desktop's font."""
READABLE = 4.5
"""The least contrast of text on its background (WCAG AA)."""
HIGH = 7.0
"""A palette whose text and selection reach this contrast is high-contrast already (WCAG AAA)."""


def high_contrast_palette() -> QPalette:
    """White on black, selection and links in yellow: the window's and the kiosk's high contrast."""
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
        (QPalette.ColorRole.BrightText, yellow),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.Link, yellow),
        (QPalette.ColorRole.LinkVisited, yellow),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#c8c8c8")),
        (QPalette.ColorRole.Mid, QColor("#808080")),
    ):
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a0a0"))
    return palette


def is_high_contrast(palette: QPalette) -> bool:
    """Whether `palette`'s text and selection stand out at least 7:1 from their backgrounds."""
    role = QPalette.ColorRole
    return (
        focus_frame.contrast(palette.color(role.Text), palette.color(role.Base)) >= HIGH
        and focus_frame.contrast(palette.color(role.WindowText), palette.color(role.Window)) >= HIGH
        and focus_frame.contrast(palette.color(role.HighlightedText), palette.color(role.Highlight))
        >= HIGH
    )


def readable(colour: str) -> str:
    """`colour` (a CSS colour) when it reads at 4.5:1 on the application's text background,
    else the palette's text colour (in a high-contrast palette, muted grey would not read)."""
    palette = QGuiApplication.palette()
    if focus_frame.contrast(QColor(colour), palette.color(QPalette.ColorRole.Base)) >= READABLE:
        return colour
    return palette.color(QPalette.ColorRole.Text).name()


def system_prefers_high_contrast() -> bool:
    """Whether the desktop asks for high contrast."""
    style_hints = QGuiApplication.styleHints()  # held: its accessibility hints are its child
    preference = style_hints.accessibility().contrastPreference()
    return preference is Qt.ContrastPreference.HighContrast


class Appearance(QObject):
    """Applies the interface size and contrast, and offers them (View > Interface Size, and
    View > High Contrast through the table of commands)."""

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._settings = settings
        self._own_palette: QPalette | None = None
        """The palette before the viewer's high contrast was put in its place."""
        self.size_actions: dict[int, QAction] = {}
        self.contrast_action = QAction(self.tr("&High Contrast"), self)
        self.contrast_action.setObjectName("high_contrast")
        self.contrast_action.setCheckable(True)
        self.contrast_action.triggered.connect(self._on_contrast_triggered)
        # In the View menu by the table of commands (`ui/actions.py`, row "high_contrast").
        self.apply_size(settings.get(prefs.INTERFACE_SIZE))
        self.apply_contrast()
        self._style_hints = QGuiApplication.styleHints()
        self._style_hints.accessibility().contrastPreferenceChanged.connect(
            lambda _preference: self.apply_contrast()
        )

    def size_menu(self, view_menu: QMenu) -> QMenu:
        """View > Interface Size: the sizes offered, the one chosen checked."""
        menu = QMenu(self.tr("Interface Si&ze"), view_menu)
        menu.setObjectName("interface_size_menu")
        group = QActionGroup(menu)
        chosen = self._settings.get(prefs.INTERFACE_SIZE)
        for percent in SIZES:
            action = menu.addAction(
                self.tr("{percent}%", "an interface size").format(percent=percent)
            )
            action.setObjectName(f"interface_size_{percent}")
            action.setCheckable(True)
            action.setChecked(percent == chosen)
            action.triggered.connect(lambda _=False, p=percent: self.set_size(p))
            group.addAction(action)
            self.size_actions[percent] = action
        return menu

    # -- size -----------------------------------------------------------------------------------

    def set_size(self, percent: int) -> None:
        """Scale the interface's text to `percent` of the desktop's font, now and from now on."""
        self._settings.set(prefs.INTERFACE_SIZE, percent)
        self.apply_size(percent)

    def apply_size(self, percent: int) -> None:
        """Set the application's font to the desktop's, scaled by `percent`."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() * percent / 100)
        if font != app.font():
            app.setFont(font)
            _restyle(app)
        action = self.size_actions.get(percent)
        if action is not None:
            action.setChecked(True)

    # -- contrast -------------------------------------------------------------------------------

    def _on_contrast_triggered(self, checked: bool) -> None:
        self._settings.set(prefs.INTERFACE_CONTRAST, Contrast.HIGH if checked else Contrast.NORMAL)
        self.apply_contrast()

    def wants_high_contrast(self) -> bool:
        """Whether the interface is to be high-contrast: chosen so, or the desktop's wish."""
        chosen = self._settings.get(prefs.INTERFACE_CONTRAST)
        if chosen is Contrast.SYSTEM:
            return system_prefers_high_contrast()
        return chosen is Contrast.HIGH

    def apply_contrast(self) -> None:
        """Put the high-contrast palette in place, or the one it replaced back."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        wanted = self.wants_high_contrast()
        self.contrast_action.setChecked(wanted)
        if wanted and self._own_palette is None and not is_high_contrast(app.palette()):
            self._own_palette = app.palette()
            app.setPalette(high_contrast_palette())
            _restyle(app)
        elif not wanted and self._own_palette is not None:
            app.setPalette(self._own_palette)
            self._own_palette = None
            _restyle(app)


def _restyle(app: QApplication) -> None:
    """Apply the widgets' own style sheets again (the focus frame's): such a widget keeps the
    font and colours it was polished with when the application's change."""
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())
