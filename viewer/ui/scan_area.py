"""The page area of the scan view: paints the visible pages, zooms, scrolls and selects words."""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGestureEvent,
    QPinchGesture,
    QWidget,
)

from viewer.domain.pdf_info import DocumentInfo
from viewer.services import render
from viewer.services.render import RenderKey, Word
from viewer.ui import scan_layout
from viewer.ui.scan_layout import Layout, Size, ZoomMode

log = logging.getLogger(__name__)

PREFETCH = 1
"""Pages rendered ahead of the visible ones, above and below."""
ZOOM_STEP = 1.25
BACKGROUND = QColor(0x60, 0x60, 0x60)
SELECTION = QColor(0x33, 0x88, 0xFF, 0x60)


def rotate_box(box: QRectF, size: Size, rotation: int) -> QRectF:
    """`box` on a page of `size` (points) turned clockwise by `rotation` degrees."""
    x0, y0, x1, y1 = box.left(), box.top(), box.right(), box.bottom()
    if rotation == 90:
        return QRectF(QPointF(size.height - y1, x0), QPointF(size.height - y0, x1))
    if rotation == 180:
        return QRectF(
            QPointF(size.width - x1, size.height - y1), QPointF(size.width - x0, size.height - y0)
        )
    if rotation == 270:
        return QRectF(QPointF(y0, size.width - x1), QPointF(y1, size.width - x0))
    return QRectF(box)


class PageArea(QAbstractScrollArea):
    """Every page of one document, stacked; only the visible ones (and the next) are rendered."""

    page_changed = Signal(int, int)
    zoom_changed = Signal(float)
    first_page_painted = Signal()
    selection_changed = Signal(str)

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.setAccessibleName("Scan pages")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setAutoFillBackground(False)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setMouseTracking(False)
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setSingleStep(40)
        self.path = ""
        self.info: DocumentInfo | None = None
        self.mode = ZoomMode.FIT_WIDTH
        self.zoom = 1.0
        self.document_rotation = 0
        self.page_rotations: dict[int, int] = {}
        self.errors: dict[int, str] = {}
        self.words: dict[int, list[Word]] = {}
        self._words_wanted: set[int] = set()
        self.text_pages: list[bool] | None = None
        self._layout = Layout([], 1.0, 0.0)
        self._current = -1
        self._first_painted = False
        self._drag_start: QPointF | None = None
        self._drag_rect: QRectF | None = None
        self.selected: list[tuple[int, Word]] = []
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        worker.page_rendered.connect(self._on_worker_page_rendered)
        worker.page_failed.connect(self._on_worker_page_failed)
        worker.words_extracted.connect(self._on_worker_words_extracted)

    # Document -----------------------------------------------------------------------------------

    def set_document(self, info: DocumentInfo | None) -> None:
        """Show `info`'s pages (None: nothing) at the current zoom mode."""
        self.info = info
        self.path = str(info.path) if info else ""
        self.page_rotations = {}
        self.document_rotation = 0
        self.errors = {}
        self.words = {}
        self._words_wanted = set()
        self.text_pages = None
        self.selected = []
        self._current = -1
        self._first_painted = False
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().maximum() // 2)
        self._update_current()
        self._request_now()
        self.viewport().update()

    def page_count(self) -> int:
        """How many pages the document has (0 without one)."""
        return self.info.page_count if self.info else 0

    def current_page(self) -> int:
        """The page at the middle of the view (0 without a document)."""
        return max(self._current, 0)

    def page_size(self, index: int) -> Size:
        """Page `index` as shown: its size in points after every rotation."""
        assert self.info is not None
        size = self.info.page_sizes[index]
        return scan_layout.rotated(Size(size.width, size.height), self.rotation_of(index))

    def rotation_of(self, index: int) -> int:
        """The rotation the reader gave page `index`, the document's included."""
        return (self.document_rotation + self.page_rotations.get(index, 0)) % 360

    def page_rect(self, index: int) -> QRectF:
        """Where page `index` is, in viewport coordinates."""
        return self._layout.rects[index].translated(-self._scroll_offset())

    # Zoom and rotation --------------------------------------------------------------------------

    def set_zoom_mode(self, mode: ZoomMode) -> None:
        """Follow `mode` from now on (fit width, fit page, actual size)."""
        self.mode = mode
        zoom = self._mode_zoom()
        if zoom is not None:
            self._apply_zoom(zoom, None)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to `zoom` (logical pixels per point), keeping the point under `anchor` in place."""
        self.mode = ZoomMode.CUSTOM
        self._apply_zoom(scan_layout.clamp_zoom(zoom), anchor)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by `factor`, anchored under `anchor` (the view's centre by default)."""
        self.set_zoom(self.zoom * factor, anchor)

    def rotate_document(self, delta: int) -> None:
        """Turn every page by `delta` degrees (a multiple of 90)."""
        self.document_rotation = (self.document_rotation + delta) % 360
        self._after_rotation()

    def rotate_page(self, index: int, delta: int) -> None:
        """Turn page `index` by `delta` degrees."""
        if not 0 <= index < self.page_count():
            return
        self.page_rotations[index] = (self.page_rotations.get(index, 0) + delta) % 360
        if not self.page_rotations[index]:
            del self.page_rotations[index]
        self._after_rotation()

    def _after_rotation(self) -> None:
        page, offset = self.position()
        zoom = self._mode_zoom()
        self._relayout(zoom if zoom is not None else self.zoom)
        self.set_position(page, offset)
        self.viewport().update()

    def _mode_zoom(self) -> float | None:
        if not self.info:
            return None
        sizes = [self.page_size(i) for i in range(self.page_count())]
        available = self._available_size()
        return scan_layout.fit_zoom(self.mode, sizes, available, self.logicalDpiX() / 72.0)

    def _available_size(self) -> Size:
        # The vertical scroll bar is nearly always shown for a scan: leave room for it up front,
        # so fit width never flips between two widths.
        width = self.viewport().width()
        if not self.verticalScrollBar().isVisible():
            width -= self.verticalScrollBar().sizeHint().width()
        return Size(width, self.viewport().height())

    def _apply_zoom(self, zoom: float, anchor: QPointF | None) -> None:
        if not self.info:
            self.zoom = zoom
            return
        if anchor is None:
            anchor = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
        held = self._document_point(anchor)
        self._relayout(zoom)
        if held is not None:
            page, fx, fy = held
            rect = self._layout.rects[page]
            target = QPointF(rect.left() + fx * rect.width(), rect.top() + fy * rect.height())
            self.horizontalScrollBar().setValue(round(target.x() - anchor.x()))
            self.verticalScrollBar().setValue(round(target.y() - anchor.y()))
        self.zoom_changed.emit(self.zoom)
        self.viewport().update()
        self._schedule_requests()

    def _document_point(self, point: QPointF) -> tuple[int, float, float] | None:
        """The page under viewport `point` and where on it, as fractions of its size."""
        if not len(self._layout):
            return None
        at = point + self._scroll_offset()
        page = self._layout.nearest_page(at.y())
        rect = self._layout.rects[page]
        return page, (at.x() - rect.left()) / rect.width(), (at.y() - rect.top()) / rect.height()

    def _relayout(self, zoom: float | None = None) -> None:
        if zoom is None:
            zoom = self._mode_zoom() or self.zoom
        self.zoom = zoom
        sizes = [self.page_size(i) for i in range(self.page_count())]
        self._layout = Layout(sizes, zoom, self.viewport().width())
        viewport = self.viewport().size()
        vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
        vertical.setRange(0, max(0, round(self._layout.height) - viewport.height()))
        vertical.setPageStep(viewport.height())
        horizontal.setRange(0, max(0, round(self._layout.width) - viewport.width()))
        horizontal.setPageStep(viewport.width())

    # Position -----------------------------------------------------------------------------------

    def position(self) -> tuple[int, float]:
        """The page at the top of the view and how far down it the view starts (0..1)."""
        if not len(self._layout):
            return 0, 0.0
        # The view starts MARGIN above a page shown "from its top".
        # Half a pixel more: the scroll bar holds whole pixels, pages start anywhere.
        top = self.verticalScrollBar().value() + scan_layout.MARGIN + 0.5
        page = self._layout.nearest_page(top)
        rect = self._layout.rects[page]
        return page, max(0.0, min(1.0, (top - 0.5 - rect.top()) / rect.height()))

    def set_position(self, page: int, offset: float = 0.0) -> None:
        """Scroll so page `page` starts the view, `offset` (0..1) of it scrolled past."""
        if not len(self._layout):
            return
        page = min(max(page, 0), len(self._layout) - 1)
        rect = self._layout.rects[page]
        self.verticalScrollBar().setValue(
            round(rect.top() - scan_layout.MARGIN + offset * rect.height())
        )
        self._update_current()

    def go_to_page(self, index: int) -> None:
        """Show page `index` from its top."""
        self.set_position(index, 0.0)
        self._request_now()

    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _visible_pages(self) -> range:
        top = float(self.verticalScrollBar().value())
        return self._layout.pages_between(top, top + self.viewport().height())

    @Slot()
    def _on_scrolled(self) -> None:
        self._update_current()
        self._schedule_requests()
        self.viewport().update()

    def _update_current(self) -> None:
        if not len(self._layout):
            current = -1
        else:
            # The page holding the view's middle line: what a reader calls "the page I am on".
            middle = self.verticalScrollBar().value() + self.viewport().height() / 2
            current = self._layout.nearest_page(middle)
            if self.verticalScrollBar().value() == 0:
                current = 0
            elif self.verticalScrollBar().value() >= self.verticalScrollBar().maximum() > 0:
                current = max(current, self._visible_pages().stop - 1)
        if current != self._current:
            self._current = current
            self.page_changed.emit(max(current, 0), self.page_count())

    # Rendering ----------------------------------------------------------------------------------

    def render_key(self, index: int) -> RenderKey:
        """What page `index` is rendered as at the present zoom, rotation and screen."""
        scale = round(self.zoom * self.devicePixelRatioF(), 4)
        return RenderKey(self.path, index, scale, self.rotation_of(index))

    def _request_now(self) -> None:
        """Ask for the visible pages at once: after an explicit jump, not a scroll (those
        coalesce through the timer)."""
        self._request_timer.stop()
        self._request_visible()

    def _schedule_requests(self) -> None:
        if not self._request_timer.isActive():
            self._request_timer.start()

    @Slot()
    def _request_visible(self) -> None:
        if not self.info:
            self._worker.request_pages(render.VIEW, [])
            return
        visible = self._visible_pages()
        ahead = range(
            max(visible.start - PREFETCH, 0), min(visible.stop + PREFETCH, self.page_count())
        )
        order = list(visible) + [i for i in ahead if i not in visible]
        self._worker.request_pages(
            render.VIEW, [self.render_key(i) for i in order if i not in self.errors]
        )
        if self.text_pages:
            for index in visible:
                if self.text_pages[index] and index not in self._words_wanted:
                    self._words_wanted.add(index)
                    self._worker.request_words(self.path, index)

    @Slot(object, QImage)
    def _on_worker_page_rendered(self, key: RenderKey, _image: QImage) -> None:
        if key.path != self.path or key.page >= len(self._layout):
            return
        self.viewport().update(self.page_rect(key.page).toAlignedRect())

    @Slot(object, str)
    def _on_worker_page_failed(self, key: RenderKey, message: str) -> None:
        if key.path != self.path or not 0 <= key.page < len(self._layout):
            return
        log.warning("page %d failed: %s", key.page + 1, message)
        self.errors[key.page] = message
        self.viewport().update(self.page_rect(key.page).toAlignedRect())

    @Slot(str, int, list)
    def _on_worker_words_extracted(self, path: str, page: int, words: list[Word]) -> None:
        if path != self.path:
            return
        self.words[page] = words
        if self._drag_rect is not None:
            self._select(self._drag_rect)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if not self.info:
            return
        offset = self._scroll_offset()
        top = offset.y() + event.rect().top()
        painted_first = False
        for index in self._layout.pages_between(top, top + event.rect().height()):
            rect = self._layout.rects[index].translated(-offset)
            if not rect.intersects(QRectF(event.rect())):
                continue
            if self._paint_page(painter, index, rect) and index == self.current_page():
                painted_first = True
        self._paint_selection(painter, offset)
        painter.end()
        if painted_first and not self._first_painted:
            self._first_painted = True
            self.first_page_painted.emit()

    def _paint_page(self, painter: QPainter, index: int, rect: QRectF) -> bool:
        """Paint page `index` into `rect`; whether an image of it was shown."""
        error = self.errors.get(index)
        if error is not None:
            painter.fillRect(rect, QColor(0xFF, 0xF4, 0xF4))
            painter.setPen(QColor(0x90, 0x10, 0x10))
            painter.drawText(
                rect.adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                error,
            )
            return False
        key = self.render_key(index)
        image = self._worker.cache.get(key)
        if image is None:
            image = self._worker.cache.nearest(key)
        if image is None:
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.setPen(QColor(0x80, 0x80, 0x80))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"Page {index + 1}")
            return False
        painter.drawImage(rect, image)
        return True

    def _paint_selection(self, painter: QPainter, offset: QPointF) -> None:
        for index, word in self.selected:
            painter.fillRect(self.word_rect(index, word).translated(-offset), SELECTION)
        if self._drag_rect is not None:
            painter.setPen(QColor(0x33, 0x88, 0xFF))
            painter.drawRect(self._drag_rect.translated(-offset))

    # Text selection -----------------------------------------------------------------------------

    def word_rect(self, index: int, word: Word) -> QRectF:
        """Where `word` of page `index` is, in document coordinates."""
        assert self.info is not None
        size = self.info.page_sizes[index]
        box = rotate_box(
            QRectF(QPointF(word.x0, word.y0), QPointF(word.x1, word.y1)),
            Size(size.width, size.height),
            self.rotation_of(index),
        )
        rect = self._layout.rects[index]
        return QRectF(
            rect.left() + box.left() * self.zoom,
            rect.top() + box.top() * self.zoom,
            box.width() * self.zoom,
            box.height() * self.zoom,
        )

    def select_rect(self, viewport_rect: QRectF) -> str:
        """Select the words inside `viewport_rect`; the selected text."""
        rect = viewport_rect.normalized().translated(self._scroll_offset())
        self._select(rect)
        return self.selected_text()

    def _select(self, rect: QRectF) -> None:
        selected: list[tuple[int, Word]] = []
        for index in self._layout.pages_between(rect.top(), rect.bottom()):
            if not self._layout.rects[index].intersects(rect):
                continue
            words = self.words.get(index)
            if words is None:
                if self.text_pages and self.text_pages[index] and index not in self._words_wanted:
                    self._words_wanted.add(index)
                    self._worker.request_words(self.path, index)
                continue
            selected.extend((index, w) for w in words if rect.intersects(self.word_rect(index, w)))
        self.selected = selected
        self.viewport().update()
        self.selection_changed.emit(self.selected_text())

    def selected_text(self) -> str:
        """The selected words: a space between words of a line, a new line between lines."""
        parts: list[str] = []
        previous: tuple[int, int, int] | None = None
        for index, word in self.selected:
            line = (index, word.block, word.line)
            if previous is not None:
                parts.append(" " if line == previous else "\n")
            parts.append(word.text)
            previous = line
        return "".join(parts)

    def copy_selection(self) -> bool:
        """Put the selected words on the clipboard; whether there were any."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.info:
            self._drag_start = event.position() + self._scroll_offset()
            self._drag_rect = None
            if self.selected:
                self.selected = []
                self.viewport().update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None:
            self._drag_rect = QRectF(
                self._drag_start, event.position() + self._scroll_offset()
            ).normalized()
            self._select(self._drag_rect)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_start = None
        self._drag_rect = None
        self.viewport().update()
        super().mouseReleaseEvent(event)

    # Input --------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif key == Qt.Key.Key_Home:
            self.go_to_page(0)
        elif key == Qt.Key.Key_End:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self._scroll_pages(1)
        elif key == Qt.Key.Key_PageUp:
            self._scroll_pages(-1)
        else:
            super().keyPressEvent(event)

    def _scroll_pages(self, direction: int) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + direction * max(bar.pageStep() - 40, 40))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.zoom_by(ZOOM_STEP ** (steps * 0.5), event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                flags = pinch.changeFlags()
                if flags & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    anchor = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                    self.zoom_by(pinch.scaleFactor(), QPointF(anchor))
                event.accept()
                return True
        if (
            event.type() == QEvent.Type.NativeGesture
            and isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1.0 + event.value(), event.position())
            event.accept()
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.info:
            return
        page, offset = self.position()
        self._relayout(self._mode_zoom() if self.mode is not ZoomMode.CUSTOM else self.zoom)
        self.set_position(page, offset)
        self._schedule_requests()

    def sizeHint(self) -> QSize:
        return QSize(640, 800)

    def visible_page_rects(self) -> dict[int, QRect]:
        """Viewport rectangles of the pages on screen."""
        return {i: self.page_rect(i).toAlignedRect() for i in self._visible_pages()}
