"""The thumbnail sidebar of the scan view: small pages, rendered only while on screen."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from viewer.domain.pdf_info import DocumentInfo
from viewer.services import render
from viewer.services.render import RenderKey

WIDTH = 120
"""Logical pixels across a thumbnail."""

_Index = QModelIndex | QPersistentModelIndex


class ThumbnailModel(QAbstractListModel):
    """One row per page; the decoration is the rendered thumbnail once the worker has it."""

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.info: DocumentInfo | None = None
        self.path = ""
        self.ratio = 1.0
        self.rotations: list[int] = []

    def set_document(self, info: DocumentInfo | None, rotations: list[int]) -> None:
        """Show the pages of `info`, each turned as in the view."""
        self.beginResetModel()
        self.info = info
        self.path = str(info.path) if info else ""
        self.rotations = rotations
        self.endResetModel()

    def set_rotations(self, rotations: list[int]) -> None:
        """Follow the view's rotations."""
        self.rotations = rotations
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.info is None:
            return 0
        return self.info.page_count

    def key(self, row: int) -> RenderKey:
        """The thumbnail image of page `row`."""
        assert self.info is not None
        size = self.info.page_sizes[row]
        rotation = self.rotations[row] if row < len(self.rotations) else 0
        across = size.height if rotation % 180 else size.width
        return RenderKey(self.path, row, round(WIDTH * self.ratio / across, 3), rotation)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.info is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row + 1)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Page {number}").format(number=row + 1)
        if role == Qt.ItemDataRole.DecorationRole:
            image = self._worker.cache.get(self.key(row))
            return image if image is not None else None
        if role == Qt.ItemDataRole.SizeHintRole:
            # The size the thumbnail will have, before it arrives: rows keep their place, so
            # those on screen are the ones asked for (not dozens of bare page numbers).
            size = self.info.page_sizes[row]
            rotation = self.rotations[row] if row < len(self.rotations) else 0
            across, down = (
                (size.height, size.width) if rotation % 180 else (size.width, size.height)
            )
            return QSize(WIDTH + 8, round(WIDTH * down / max(across, 1.0)) + 24)
        return None

    def refresh(self, key: RenderKey) -> None:
        """The thumbnail of `key` arrived."""
        if key.path == self.path and key.page < self.rowCount() and key == self.key(key.page):
            index = self.index(key.page)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ThumbnailBar(QListView):
    """A column of page thumbnails; clicking one goes to its page."""

    page_chosen = Signal(int)

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.setAccessibleName(self.tr("Page thumbnails"))
        self.thumbnails = ThumbnailModel(worker, self)
        self.setModel(self.thumbnails)
        self.setUniformItemSizes(False)
        self.setIconSize(QSize(WIDTH, round(WIDTH * 1.5)))
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(WIDTH + 48)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._timer.start)
        self.clicked.connect(lambda index: self.page_chosen.emit(index.row()))
        self.activated.connect(lambda index: self.page_chosen.emit(index.row()))
        worker.page_rendered.connect(self._on_worker_page_rendered)

    def set_document(self, info: DocumentInfo | None, rotations: list[int]) -> None:
        """Show the pages of `info`."""
        self.thumbnails.ratio = self.devicePixelRatioF()
        self.thumbnails.set_document(info, rotations)
        if not info:
            self._worker.request_pages(render.THUMBNAILS, [])
        self._timer.start()

    def set_rotations(self, rotations: list[int]) -> None:
        """Follow the view's rotations: the turned thumbnails are asked for at once."""
        self.thumbnails.set_rotations(rotations)
        self._timer.start()

    def visible_rows(self) -> list[int]:
        """The rows on screen, top to bottom."""
        rows: list[int] = []
        viewport = self.viewport().rect()
        x = viewport.center().x()
        # Probe down the middle: a corner may fall in the spacing between two items.
        for y in range(viewport.top(), viewport.bottom() + 1, 6):
            index = self.indexAt(QPoint(x, y))
            if index.isValid() and (not rows or rows[-1] != index.row()):
                rows.append(index.row())
        return rows

    def set_current(self, page: int) -> None:
        """Select and scroll to page `page`, following the view."""
        index = self.thumbnails.index(page)
        if index.isValid() and self.currentIndex() != index:
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    @Slot()
    def _request_visible(self) -> None:
        if not self.isVisible() or not self.thumbnails.rowCount():
            self._worker.request_pages(render.THUMBNAILS, [])
            return
        rows = self.visible_rows()
        if not rows:
            current = max(self.currentIndex().row(), 0)
            rows = list(range(current, min(current + 8, self.thumbnails.rowCount())))
        keys = [self.thumbnails.key(row) for row in range(rows[0], rows[-1] + 1)]
        self._worker.request_pages(render.THUMBNAILS, keys)

    @Slot(object, QImage)
    def _on_worker_page_rendered(self, key: RenderKey, _image: QImage) -> None:
        self.thumbnails.refresh(key)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._timer.start()
