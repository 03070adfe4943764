"""The pages of one document stacked in a scroll area: laid out at the zoom mode, scrolled,
rotated, and the visible ones (and the next) asked of the render worker. `scan_area.PageArea`
paints them and adds selection and search hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from viewer.domain.pdf_info import DocumentInfo
from viewer.services import page_fit, render
from viewer.services.render import RenderKey, Word
from viewer.ui import scan_layout
from viewer.ui.scan_hits import ScanHit
from viewer.ui.scan_layout import Layout, Size, ZoomMode

if TYPE_CHECKING:
    from viewer.domain import search_query

PREFETCH = 1
"""Pages rendered ahead of the visible ones, above and below."""
HIT_PREFETCH = 2
"""Pages beyond the visible ones whose words are asked for while a query is marked."""


class PageStack(QAbstractScrollArea):
    """Every page of one document, stacked; only the visible ones (and the next) are rendered."""

    page_changed = Signal(int, int)
    zoom_changed = Signal(float)
    first_page_painted = Signal()
    selection_changed = Signal(str)
    hits_changed = Signal()
    """Hits were found on more pages, or the query changed."""
    seek_finished = Signal(object)
    """After `seek_hit`: the ScanHit now shown, or None when no page has one."""

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # A viewport made here, not Qt's own: the first widget Qt creates that reaches Python
        # makes PySide set up every widget class it might be (~15 ms, before the first page).
        self.setViewport(QWidget())
        self.viewport().setAutoFillBackground(False)
        # paintEvent fills every pixel it is asked for: Qt need not paint what is behind first.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        self._sizes: list[Size] = []
        self._sizes_key: tuple[object, ...] = ()
        self._current = -1
        self._first_painted = False
        self._drag_start: QPointF | None = None
        self._drag_rect: QRectF | None = None
        self.selected: list[tuple[int, Word]] = []
        self.query: search_query.Query | None = None
        self.hits: dict[int, tuple[ScanHit, ...]] = {}
        self.current_hit: ScanHit | None = None
        self._unmatched: list[int] = []
        self._seeking: tuple[bool, int, int | None] | None = None
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_visible)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        worker.page_rendered.connect(self._on_worker_page_rendered)

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
        # The query stays: a find bar left open marks the next document too.
        self.hits = {}
        self.current_hit = None
        self._unmatched = []
        self._seeking = None
        self._current = -1
        self._first_painted = False
        self._relayout()
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().maximum() // 2)
        self._update_current()
        self._request_now()
        self.viewport().update()
        if self.query is not None:
            self.hits_changed.emit()

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

    def _shown_sizes(self) -> list[Size]:
        """Every page's size as shown (after rotations), made once per document and rotation."""
        key = (self.info, self.document_rotation, tuple(sorted(self.page_rotations.items())))
        if self._sizes_key != key:
            self._sizes_key = key
            self._sizes = [self.page_size(i) for i in range(self.page_count())]
        return self._sizes

    def _mode_zoom(self) -> float | None:
        if not self.info:
            return None
        sizes = self._shown_sizes()
        available = self._available_size()
        return scan_layout.fit_zoom(self.mode, sizes, available, self.logicalDpiX() / 72.0)

    def first_page_hint(self) -> render.FirstPage:
        """How this view will show a document's first page (for the worker to render it early)."""
        available = self._available_size()
        return render.FirstPage(
            mode=self.mode.value,
            width=available.width,
            height=available.height,
            device_pixel_ratio=self.devicePixelRatioF(),
            actual=self.logicalDpiX() / 72.0,
            zoom=self.zoom,
        )

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
        sizes = self._shown_sizes()
        zooms = page_fit.page_zooms(self.mode, sizes, self._available_size())
        self._layout = Layout(sizes, zoom, self.viewport().width(), zooms)
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
        past = top - 0.5 - rect.top()
        if past <= 0.5:  # the scroll bar's whole pixel, not a part of the page scrolled past
            return page, 0.0
        return page, max(0.0, min(1.0, past / rect.height()))

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
        zoom = self._layout.page_zoom(index) if index < len(self._layout) else self.zoom
        scale = round(zoom * self.devicePixelRatioF(), 4)
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
                self._want_words(index)
            if self.query is not None:
                for index in range(
                    max(visible.start - HIT_PREFETCH, 0),
                    min(visible.stop + HIT_PREFETCH, self.page_count()),
                ):
                    self._want_words(index)

    def want_words(self, index: int) -> None:
        """Ask for the words of page `index` (once, if it has a text layer); `hits_changed`
        follows their arrival while a query is marked."""
        self._want_words(index)

    def visible_pages(self) -> range:
        """The pages (partly) on screen."""
        return self._visible_pages()

    def _want_words(self, index: int) -> None:
        """Ask the worker for the words of page `index` once, if it has a text layer."""
        if self.text_pages and self.text_pages[index] and index not in self._words_wanted:
            self._words_wanted.add(index)
            self._worker.request_words(self.path, index)

    @Slot(object, QImage)
    def _on_worker_page_rendered(self, key: RenderKey, _image: QImage) -> None:
        if key.path != self.path or key.page >= len(self._layout):
            return
        self.viewport().update(self.page_rect(key.page).toAlignedRect())

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
