"""Ctrl+plus and Ctrl+minus zoom the reading pane the reader is in, wherever the focus is.

The scan and the transcript each take the standard zoom keys (QKeySequence.ZoomIn and ZoomOut,
with Ctrl+= for keyboards where "+" needs Shift): the scan's pages grow, the transcript's text
grows, as a browser zooms its page. In the record list, the metadata or the other side panels
the same keys zoom the reading pane used last, so Ctrl+plus never does nothing, and View > Zoom
In / Zoom Out do the same from the menu.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from viewer.ui.scan_view import ScanPane
from viewer.ui.transcript_view import TranscriptPane


def zoom_in_keys() -> list[QKeySequence]:
    """The standard zoom-in keys, and Ctrl+= (where "+" needs Shift)."""
    return [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]


def zoom_out_keys() -> list[QKeySequence]:
    """The standard zoom-out keys."""
    return [QKeySequence(QKeySequence.StandardKey.ZoomOut)]


class ReadingZoom(QObject):
    """View > Zoom In and Zoom Out, for the reading pane used last."""

    def __init__(
        self,
        transcript: TranscriptPane,
        scan: ScanPane,
        side_panels: Sequence[QWidget],
        parent: QObject,
    ) -> None:
        """The actions are made here; the table of commands (`ui/actions.py`, rows
        `reading_zoom_in` and `reading_zoom_out`) puts them in the View menu."""
        super().__init__(parent)
        self._transcript = transcript
        self._scan = scan
        self._last: QWidget = scan
        self.zoom_in_action = self._action(self.tr("Zoom &In"), zoom_in_keys(), 1, side_panels)
        self.zoom_out_action = self._action(self.tr("Zoom O&ut"), zoom_out_keys(), -1, side_panels)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _action(
        self, text: str, keys: Sequence[QKeySequence], step: int, panels: Sequence[QWidget]
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName("reading_zoom_in" if step > 0 else "reading_zoom_out")
        action.setShortcuts(list(keys))
        # Only in the side panels: in the scan and the transcript their own keys act (the
        # same keys in two places at once would be ambiguous, and neither would act).
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for panel in panels:
            panel.addAction(action)
        action.triggered.connect(lambda: self.zoom(step))
        return action

    def reading_pane(self) -> QWidget:
        """The pane the keys act on: the transcript or the scan, whichever was used last."""
        return self._last

    def zoom(self, step: int) -> None:
        """Zoom the reading pane used last (the other when it is hidden) in (`step` 1) or out."""
        pane = self._last
        if pane.isHidden():
            pane = self._scan if pane is self._transcript else self._transcript
        if pane is self._transcript:
            self._transcript.change_text_size(step)
        elif step > 0:
            self._scan.zoom_in()
        else:
            self._scan.zoom_out()

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is None:
            return
        for pane in (self._transcript, self._scan):
            if pane is now or pane.isAncestorOf(now):
                self._last = pane
