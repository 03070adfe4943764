"""The scan pane's tools: page box, zoom, rotation, thumbnails, each a QAction with its keys.

`build(pane)` fills the pane's toolbar and gives the actions back as `ScanTools`; the keys are
also set from the table of commands (`ui/actions.py`) when the window builds its menus. Texts are
in the "ScanPane" translation context, where the table finds them too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from viewer.ui import zoom_control
from viewer.ui.scan_layout import ZoomMode

if TYPE_CHECKING:
    from viewer.ui.scan_view import ScanPane

Keys = QKeySequence | QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ScanTools:
    """The scan pane's actions (and the zoom button that holds the fits and sizes)."""

    zoom_out: QAction
    zoom_in: QAction
    fit_width: QAction
    fit_page: QAction
    actual_size: QAction
    rotate_left: QAction
    rotate_right: QAction
    rotate_page: QAction
    go_to_page: QAction
    copy: QAction
    thumbnails: QAction
    zoom_button: zoom_control.ZoomButton


def _tool(pane: ScanPane, text: str, keys: Keys | None, slot: Callable[[], object]) -> QAction:
    """An action of the pane, on its toolbar, its keys in its tooltip."""
    action = QAction(text, pane)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(
            QCoreApplication.translate(
                "ScanPane", "{tool} ({keys})", "a scan tool's tooltip: its name and shortcut"
            ).format(tool=text, keys=shown)
        )
    action.triggered.connect(slot)
    pane.addAction(action)
    pane.toolbar.addAction(action)
    button = pane.toolbar.widgetForAction(action)
    if button is not None:
        button.setAccessibleName(text)
    return action


def _zoom_tools(pane: ScanPane) -> tuple[QAction, ...]:
    """Zoom out, zoom in, and the fits and actual size (W, F, Ctrl+0)."""
    zoom_out = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Zoom out"),
        QKeySequence.StandardKey.ZoomOut,
        pane.zoom_out,
    )
    zoom_in = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Zoom in"),
        QKeySequence.StandardKey.ZoomIn,
        pane.zoom_in,
    )
    # Ctrl+= as well: on most keyboards "+" needs Shift.
    zoom_in.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
    fit_width = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Fit width"),
        "W",
        lambda: pane.set_zoom_mode(ZoomMode.FIT_WIDTH),
    )
    fit_page = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Fit page"),
        "F",
        lambda: pane.set_zoom_mode(ZoomMode.FIT_PAGE),
    )
    actual_size = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Actual size"),
        "Ctrl+0",
        lambda: pane.set_zoom_mode(ZoomMode.ACTUAL_SIZE),
    )
    return zoom_out, zoom_in, fit_width, fit_page, actual_size


def _page_tools(pane: ScanPane) -> tuple[QAction, ...]:
    """Rotation, Go to page and Copy text (these two by their keys only)."""
    rotate_left = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Rotate document left"),
        "Ctrl+Shift+L",
        lambda: pane.rotate_document(-90),
    )
    rotate_right = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Rotate document right"),
        "Ctrl+Shift+R",
        lambda: pane.rotate_document(90),
    )
    rotate_page = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Rotate this page"),
        "Ctrl+R",
        lambda: pane.rotate_page(pane.current_page(), 90),
    )
    go_to_page = _tool(
        pane, QCoreApplication.translate("ScanPane", "Go to page"), "Ctrl+G", pane.focus_page_box
    )
    pane.toolbar.removeAction(go_to_page)
    copy = _tool(
        pane,
        QCoreApplication.translate("ScanPane", "Copy text"),
        QKeySequence.StandardKey.Copy,
        pane.copy,
    )
    pane.toolbar.removeAction(copy)
    return rotate_left, rotate_right, rotate_page, go_to_page, copy


def build(pane: ScanPane) -> ScanTools:
    """Fill `pane`'s toolbar: "Page n of m" first (when the pane is narrow, the toolbar folds
    its last tools away), then zoom, rotation and thumbnails."""
    toolbar = pane.toolbar
    toolbar.addWidget(pane.page_box)
    toolbar.addWidget(pane.page_count_label)
    toolbar.addSeparator()
    zoom_out, zoom_in, fit_width, fit_page, actual_size = _zoom_tools(pane)
    toolbar.addSeparator()
    rotate_left, rotate_right, rotate_page, go_to_page, copy = _page_tools(pane)
    toolbar.addSeparator()
    thumbnails = _tool(
        pane, QCoreApplication.translate("ScanPane", "Thumbnails"), "F4", pane.toggle_thumbnails
    )
    thumbnails.setCheckable(True)
    # Short labels keep the page box in view beside a transcript; tooltips and accessible
    # names carry the full words. Signs need no translation; words do.
    for action, short in (
        (zoom_out, "−"),
        (zoom_in, "+"),
        (rotate_left, "⟲"),
        (rotate_right, "⟳"),
        (
            rotate_page,
            QCoreApplication.translate("ScanPane", "↻ page", "short label of Rotate this page"),
        ),
        (thumbnails, "▦"),
    ):
        action.setIconText(short)
    # The fits and sizes in one button that says the zoom ("87%"); W, F and Ctrl+0 stay.
    fits = [
        (fit_width, ZoomMode.FIT_WIDTH),
        (fit_page, ZoomMode.FIT_PAGE),
        (actual_size, ZoomMode.ACTUAL_SIZE),
    ]
    for action, _mode in fits:
        toolbar.removeAction(action)
    zoom_button = zoom_control.ZoomButton(pane.area, fits, pane)
    toolbar.insertWidget(zoom_in, zoom_button)
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if extension is not None:
        extension.setAccessibleName(QCoreApplication.translate("ScanPane", "More scan tools"))
    return ScanTools(
        zoom_out,
        zoom_in,
        fit_width,
        fit_page,
        actual_size,
        rotate_left,
        rotate_right,
        rotate_page,
        go_to_page,
        copy,
        thumbnails,
        zoom_button,
    )
