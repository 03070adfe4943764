"""Where the reader left the window: its size and panels, the reading layout's splitter, and
each scan's page and zoom; given back when the viewer starts again or a scan opens again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from viewer.services import settings as prefs

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

DEFAULT_WIDTH, DEFAULT_HEIGHT = 1440, 900
"""The window's size when it opens for the first time (less on a smaller screen)."""


class WindowMemory:
    """Keeps and restores the window's geometry, docks and each scan's view."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._state = window.view_state
        self._settings = window.settings
        window.session.scan_leaving.connect(self.save_scan)
        window.scan.document_opened.connect(self._on_scan_document_opened)

    def restore(self) -> None:
        """Give the window the size, panels and layout it had when it was last closed."""
        window = self._window
        geometry = self._state.window("geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            # A laptop's screen at most, and never more than the screen there is (the side
            # panels take their share of what the window gets).
            room = window.screen().availableGeometry()
            window.resize(min(DEFAULT_WIDTH, room.width()), min(DEFAULT_HEIGHT, room.height()))
        state = self._state.window("state")
        if state is not None:
            window.restoreState(state)
        else:
            window.fit_docks_to_width(window.width())
        window.metadata_dock.setVisible(self._settings.get(prefs.METADATA_VISIBLE))
        window.records_dock.setVisible(self._settings.get(prefs.RECORD_LIST_VISIBLE))
        window.set_layout(self._settings.get(prefs.LAYOUT))

    def save(self) -> None:
        """Keep the window as it is now (it is closing), with the scan on screen's view."""
        window = self._window
        self.save_scan()
        window.remember_splitter()
        self._state.set_window("geometry", window.saveGeometry())
        self._state.set_window("state", window.saveState())
        self._settings.set(prefs.METADATA_VISIBLE, window.metadata_dock.isVisibleTo(window))
        self._settings.set(prefs.RECORD_LIST_VISIBLE, window.records_dock.isVisibleTo(window))
        self._state.sync()
        self._settings.sync()

    def save_scan(self, path: Path | None = None) -> None:
        """Keep the page, zoom and rotations of the scan on screen (`path`, by default the
        session's)."""
        path = path or self._window.session.state.scan
        scan = self._window.scan
        if path is not None and scan.page_count():
            self._state.set_document(path, scan.view_state())

    def _on_scan_document_opened(self, info: Any) -> None:
        view = self._state.document(Path(info.path))
        if view:
            self._window.scan.restore_view_state(view)
