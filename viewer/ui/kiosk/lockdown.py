"""What keeps visitors in the kiosk: the keys that may reach the window, the window's own actions
and docks switched off, links handed to no one, and the event filter's hook."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMenu, QScroller, QTabBar, QWidget

from viewer.kiosk.config import KioskConfig
from viewer.ui import actions
from viewer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

LINK_SCHEMES = ("http", "https", "ftp", "ftps", "file", "mailto", "tel", "sms", "news", "data")

_K = Qt.Key
_NAV_KEYS = frozenset(
    {
        _K.Key_Left,
        _K.Key_Right,
        _K.Key_Up,
        _K.Key_Down,
        _K.Key_PageUp,
        _K.Key_PageDown,
        _K.Key_Home,
        _K.Key_End,
        _K.Key_Backspace,
        _K.Key_Delete,
        _K.Key_Return,
        _K.Key_Enter,
        _K.Key_Tab,
        _K.Key_Backtab,
        _K.Key_Space,
    }
)
_CTRL_KEYS = frozenset(
    {
        _K.Key_C,
        _K.Key_A,
        _K.Key_V,
        _K.Key_X,
        _K.Key_Z,
        _K.Key_F,
        _K.Key_0,
        _K.Key_BracketLeft,
        _K.Key_BracketRight,
    }
)
_CTRL_SHIFT_KEYS = frozenset({_K.Key_Plus, _K.Key_Equal, _K.Key_Minus})
_M = Qt.KeyboardModifier
_ADMIN_CHORD = _M.ControlModifier | _M.AltModifier | _M.ShiftModifier


def is_admin_chord(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Ctrl+Alt+Shift+A: the staff's way to the PIN pad from a keyboard."""
    return key == _K.Key_A and (modifiers & ~_M.KeypadModifier) == _ADMIN_CHORD


def key_allowed(key: int, modifiers: Qt.KeyboardModifier, text: str, *, citation: bool) -> bool:
    """Whether a visitor's key may reach the window: text, navigation, copy and text size only."""
    mods = modifiers & ~_M.KeypadModifier
    if mods & (_M.AltModifier | _M.MetaModifier):
        return False
    if mods & _M.ControlModifier:
        shift = bool(mods & _M.ShiftModifier)
        if key in _CTRL_SHIFT_KEYS:
            return True
        if key == _K.Key_C and shift:
            return citation
        return not shift and key in _CTRL_KEYS
    if key in _NAV_KEYS:
        return True
    return bool(text) and text.isprintable()


class LinkSink(QObject):
    """Takes every URL the viewer would hand to the desktop, and opens none of them."""

    refused = Signal(str)

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        log.info("kiosk: not opening %s", url.toString())
        self.refused.emit(url.toString())


class Guard(QObject):
    """An application-wide event filter that hands every event to `check` (True: swallowed)."""

    def __init__(self, parent: QObject, check: Callable[[QObject, QEvent], bool]) -> None:
        super().__init__(parent)
        self._check = check

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return self._check(watched, event)


def lock_window(window: MainWindow, config: KioskConfig, keeper: QWidget) -> None:
    """No drops, menus, status bar, context menus or movable docks; touch scrolling on."""
    window.setAcceptDrops(False)
    window.menuBar().hide()
    window.statusBar().hide()
    window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for dock in window.findChildren(QDockWidget):
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setFloating(False)
        dock.setTitleBarWidget(QWidget())
    apply_actions(window, config, keeper)
    for view in (window.transcript.browser().viewport(), window.records.view().viewport()):
        QScroller.grabGesture(view, QScroller.ScrollerGestureType.TouchGesture)


def allowed_actions(config: KioskConfig) -> frozenset[str]:
    """The ids of the window's commands a visitor may use (`viewer.ui.actions`' table)."""
    return actions.kiosk_allowed(
        citation=config.actions.copy_citation, search=config.actions.search
    )


def apply_actions(window: MainWindow, config: KioskConfig, keeper: QWidget) -> None:
    """The window's commands are off but those the table allows a kiosk (record navigation,
    and citation and search as configured; `keeper` keeps their shortcuts alive, their menus
    being hidden); its other menu entries are off."""
    allowed = allowed_actions(config)
    for action_id, action in window.commands.items():
        if actions.spec(action_id).made is actions.Made.ELSEWHERE:
            continue  # the scan's own tools: the scan pane enables them
        action.setEnabled(action_id in allowed)
        if action_id in allowed and action not in keeper.actions():
            keeper.addAction(action)
    commands = set(window.commands.values())
    for action in window.findChildren(QAction):
        parent = action.parent()
        if action not in commands and (parent is window or isinstance(parent, QMenu)):
            action.setEnabled(False)  # Open Recent, languages, exports
    hidden_docks = {"notesDock"}  # a kiosk keeps no notes
    if not config.actions.search:
        hidden_docks.add("searchDock")
    if not config.actions.copy_citation:
        hidden_docks.add("citeDock")
        for button in window.metadata.findChildren(QAbstractButton):
            if button.objectName() == "copyCitationButton":
                button.hide()
    for dock in window.findChildren(QDockWidget):
        dock.setVisible(dock.objectName() not in hidden_docks)
    if not config.actions.language_switch:
        for tabs in window.transcript.findChildren(QTabBar):
            tabs.hide()
