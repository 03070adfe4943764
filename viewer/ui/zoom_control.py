"""The scan's zoom as a percentage, in one button whose menu offers the fits and the usual sizes.

As in Evince and Okular, the button says how large the page is shown ("87%", whatever the mode)
and its menu holds Fit width (W), Fit page (F), Actual size (Ctrl+0) and the usual percentages:
one narrow button in place of three, so the scan's other tools stay in view beside a transcript.
100% is the page at its printed size on this screen (the screen's dots per inch), as in
Actual size. With pages of several sizes fitted one by one, the page in the middle of the view
is the one measured.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from viewer.ui.scan_area import PageArea
from viewer.ui.scan_layout import ZoomMode

PERCENTAGES = (50, 75, 100, 125, 150, 200, 300, 400)
"""The sizes offered in the menu (400% is the largest the view draws)."""


class ZoomButton(QToolButton):
    """Shows the zoom of `area` in per cent; its menu sets a fit or a size."""

    def __init__(
        self,
        area: PageArea,
        fits: Sequence[tuple[QAction, ZoomMode]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("zoomButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self._area = area
        self._fits = list(fits)
        menu = QMenu(self)
        menu.setObjectName("zoomMenu")
        group = QActionGroup(self)
        # A size chosen by Ctrl+wheel is rarely one of the menu's: then none is ticked.
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        for action, _mode in self._fits:
            action.setCheckable(True)
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        self._sizes: dict[int, QAction] = {}
        for percent in PERCENTAGES:
            size = menu.addAction(self.percent_text(percent))
            size.setCheckable(True)
            size.setObjectName(f"zoom_{percent}")
            size.triggered.connect(lambda _=False, p=percent: self.set_percent(p))
            group.addAction(size)
            self._sizes[percent] = size
        self.setMenu(menu)
        self._update_soon = QTimer(self)
        self._update_soon.setSingleShot(True)
        self._update_soon.setInterval(0)
        self._update_soon.timeout.connect(self.update_text)
        area.zoom_changed.connect(lambda _zoom: self.update_text())
        area.page_changed.connect(lambda _page, _count: self.update_text())
        area.installEventFilter(self)
        self.update_text()

    def percent_text(self, percent: int) -> str:
        """ "87%" as the interface language writes it ("87 %" in German and French)."""
        return self.tr("{percent}%", "a zoom").format(percent=percent)

    def percent(self) -> int | None:
        """The zoom of the page in the middle of the view, in per cent; None without a page."""
        area = self._area
        if not area.page_count():
            return None
        page = area.current_page()
        printed = area.page_size(page).width * area.logicalDpiX() / 72.0
        if printed <= 0:
            return None
        return round(100 * area.page_rect(page).width() / printed)

    def set_percent(self, percent: int) -> None:
        """Show the pages at `percent` of their printed size."""
        self._area.set_zoom(percent / 100 * self._area.logicalDpiX() / 72.0)

    def update_text(self) -> None:
        """Say the zoom now, and tick the fit or size in use."""
        percent = self.percent()
        self.setText(self.percent_text(percent) if percent is not None else self.tr("Zoom"))
        mode = self._area.mode
        for action, fit in self._fits:
            if fit is mode:
                action.setChecked(True)
        size = self._sizes.get(percent) if percent is not None else None
        if mode is ZoomMode.CUSTOM and size is not None:
            size.setChecked(True)
        elif mode is ZoomMode.CUSTOM:
            checked = next((a for a in self._sizes.values() if a.isChecked()), None)
            if checked is not None:
                checked.setChecked(False)
        name = self.tr("Zoom: {zoom}").format(zoom=self.text())
        self.setToolTip(name)
        self.setAccessibleName(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._area and event.type() == QEvent.Type.Resize:
            self._update_soon.start()  # a fit follows the new size once the area has laid out
        return False
