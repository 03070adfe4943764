"""The page area of the scan view: paints the visible pages, zooms, scrolls, selects words and
marks a query's hits on the text layer."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGestureEvent,
    QPinchGesture,
    QWidget,
)

from viewer.services import render
from viewer.services.render import RenderKey, Word
from viewer.ui import page_stack, scan_hits
from viewer.ui.scan_hits import ScanHit
from viewer.ui.scan_layout import Size

if TYPE_CHECKING:
    from viewer.domain import search_query
    from viewer.domain.pdf_info import DocumentInfo

log = logging.getLogger(__name__)

ZOOM_STEP = 1.25
BACKGROUND = QColor(0x60, 0x60, 0x60)
SELECTION = QColor(0x33, 0x88, 0xFF, 0x60)
HIT = QColor(0xFF, 0xDD, 0x00)
"""A search hit, multiplied over the page: paper turns yellow, ink stays as dark as it was."""
CURRENT_HIT = QColor(0xFF, 0x96, 0x00)
"""The hit last moved to with next/previous."""
MATCH_BUDGET_MS = 8
"""How long matching a new query on pages already known may hold the GUI thread at a time."""
Box = tuple[float, float, float, float]
"""An area of a page in PDF points (x0, y0, x1, y1), the page as stored, before rotation."""


class ScanMark(NamedTuple):
    """A highlight of the reader's on a page: its areas in PDF points, and its colour."""

    page: int
    boxes: tuple[Box, ...]
    colour: str


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


class PageArea(page_stack.PageStack):
    """The stacked pages painted, with the words selected and a query's hits marked on them."""

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(worker, parent)
        self.setAccessibleName(self.tr("Scan pages"))
        self._match_timer = QTimer(self)
        self._match_timer.setSingleShot(True)
        self._match_timer.setInterval(0)
        self._match_timer.timeout.connect(self._on_match_timer_timeout)
        worker.page_failed.connect(self._on_worker_page_failed)
        worker.words_extracted.connect(self._on_worker_words_extracted)
        self.marks: tuple[ScanMark, ...] = ()
        """The reader's highlights on this document's pages."""
        self.region: tuple[int, Box] | None = None
        """The area last drawn with Shift held (page, area in PDF points), to highlight."""
        self._region_start: QPointF | None = None
        self._region_rect: QRectF | None = None

    def set_document(self, info: DocumentInfo | None) -> None:
        """Show `info`'s pages, with none of the last document's highlights."""
        self.marks = ()
        self.region = None
        super().set_document(info)

    def set_text_pages(self, pages: list[bool]) -> None:
        """Which pages have a text layer (the worker's answer to `extract_text`)."""
        self.text_pages = pages
        self._schedule_requests()
        self._continue_seek()

    def add_words(self, path: str, index: int, words: list[Word]) -> None:
        """Words of page `index` found another way (OCR of a page without a text layer): they
        are selected and found like the text layer's."""
        if path != self.path or self.text_pages is None or not 0 <= index < len(self.text_pages):
            return
        self.text_pages[index] = True
        self._words_wanted.add(index)
        self._on_worker_words_extracted(path, index, words)

    @Slot(object, str)
    def _on_worker_page_failed(self, key: RenderKey, message: str) -> None:
        if key.path != self.path or not 0 <= key.page < len(self._layout):
            return
        log.warning("page %d failed: %s", key.page + 1, message)
        self.errors[key.page] = message
        if key.scale == 0.0:  # its words could not be read: the page has no hits to wait for
            self._on_worker_words_extracted(key.path, key.page, [])
        self.viewport().update(self.page_rect(key.page).toAlignedRect())

    @Slot(str, int, list)
    def _on_worker_words_extracted(self, path: str, page: int, words: list[Word]) -> None:
        if path != self.path:
            return
        self.words[page] = words
        if self._drag_rect is not None:
            self._select(self._drag_rect)
        if self.query is not None and 0 <= page < len(self._layout):
            self._match(page)
            self.hits_changed.emit()
            self.viewport().update(self.page_rect(page).toAlignedRect())
            self._continue_seek()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), BACKGROUND)
        if not self.info:
            return
        offset = self._scroll_offset()
        top = offset.y() + event.rect().top()
        painted_first = False
        pages = self._layout.pages_between(top, top + event.rect().height())
        for index in pages:
            rect = self._layout.rects[index].translated(-offset)
            if not rect.intersects(QRectF(event.rect())):
                continue
            if self._paint_page(painter, index, rect) and index == self.current_page():
                painted_first = True
        self._paint_marks(painter, offset, pages)
        self._paint_hits(painter, offset, pages)
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
            # The reason comes from the PDF layer, in English; the sentence above it is ours.
            text = self.tr("Page {number} cannot be shown.\n\n{reason}").format(
                number=index + 1, reason=error
            )
            painter.drawText(
                rect.adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                text,
            )
            return False
        key = self.render_key(index)
        image = self._worker.cache.get(key)
        if image is None:
            image = self._worker.cache.nearest(key)
        if image is None:
            painter.fillRect(rect, Qt.GlobalColor.white)
            painter.setPen(QColor(0x80, 0x80, 0x80))
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Page {number}").format(number=index + 1),
            )
            return False
        painter.drawImage(rect, image)
        return True

    def _paint_selection(self, painter: QPainter, offset: QPointF) -> None:
        for index, word in self.selected:
            painter.fillRect(self.word_rect(index, word).translated(-offset), SELECTION)
        if self._drag_rect is not None:
            painter.setPen(QColor(0x33, 0x88, 0xFF))
            painter.drawRect(self._drag_rect.translated(-offset))

    def _paint_marks(self, painter: QPainter, offset: QPointF, pages: range) -> None:
        """The reader's highlights, multiplied over the page as hits are (the ink stays dark),
        and the area being drawn or drawn last with Shift."""
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for mark in self.marks:
            if mark.page in pages and mark.page < len(self._layout):
                for box in mark.boxes:
                    rect = self.box_rect(mark.page, box).translated(-offset)
                    painter.fillRect(rect, QColor(mark.colour))
        painter.restore()
        region = self._region_rect
        if region is None and self.region is not None and self.region[0] < len(self._layout):
            region = self.box_rect(*self.region)
        if region is not None:
            painter.setPen(QPen(QColor(0x33, 0x88, 0xFF), 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(region.translated(-offset))

    def _paint_hits(self, painter: QPainter, offset: QPointF, pages: range) -> None:
        if self.query is None:
            return
        painter.save()
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        for index in pages:
            for hit in self.hits.get(index, ()):
                color = CURRENT_HIT if hit == self.current_hit else HIT
                for rect in self._hit_document_rects(hit):
                    painter.fillRect(rect.translated(-offset), color)
        painter.restore()

    # Search hits --------------------------------------------------------------------------------

    def set_query(self, query: search_query.Query | None) -> None:
        """Mark the hits of `query` on every page whose words are known (None: no marks)."""
        self.query = query if query is not None and not query.is_empty else None
        self.hits = {}
        self.current_hit = None
        self._seeking = None
        self._unmatched = []
        if self.query is not None:
            visible = self._visible_pages() if len(self._layout) else range(0)
            for index in visible:
                if index in self.words:
                    self._match(index)
            self._unmatched = sorted(i for i in self.words if i not in self.hits)
            if self._unmatched:
                self._match_timer.start()
            self._schedule_requests()
        self.viewport().update()
        self.hits_changed.emit()

    def hit_count(self) -> int:
        """Hits found so far, on the pages whose words are known."""
        return sum(len(hits) for hits in self.hits.values())

    def pages_with_hits(self) -> int:
        """How many of the pages searched so far have a hit."""
        return sum(1 for hits in self.hits.values() if hits)

    def hits_complete(self) -> bool:
        """Whether every page with a text layer has been searched for the query."""
        if self.query is None or self.text_pages is None:
            return False
        return all(i in self.hits for i, has_text in enumerate(self.text_pages) if has_text)

    def seek_hit(self, forward: bool = True) -> None:
        """Scroll to the next (or previous) hit in reading order, asking for pages' words as
        needed; `seek_finished` tells where it went."""
        if self.query is None or not self.info:
            self.seek_finished.emit(None)
            return
        hit = self.current_hit
        if hit is not None and hit.page in self._visible_pages():
            self._seeking = (forward, hit.page, hit.index)
        else:  # the reader scrolled away from the last hit: go on from where they are
            self._seeking = (forward, self.current_page(), None)
        self._continue_seek()

    def show_hit(self, hit: ScanHit) -> None:
        """Make `hit` the current hit and scroll it into view unless it is wholly visible."""
        self.current_hit = hit
        rects = self._hit_document_rects(hit)
        if rects:
            bounds = rects[0]
            for rect in rects[1:]:
                bounds = bounds.united(rect)
            seen = QRectF(self._scroll_offset(), QSizeF(self.viewport().size()))
            if not seen.contains(bounds):
                vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
                vertical.setValue(round(bounds.center().y() - self.viewport().height() / 2))
                if bounds.left() < seen.left() or bounds.right() > seen.right():
                    horizontal.setValue(round(bounds.center().x() - self.viewport().width() / 2))
                self._update_current()
                self._request_now()
        self.viewport().update()

    def hit_rects(self, hit: ScanHit) -> list[QRectF]:
        """Where `hit` is marked, in viewport coordinates: one rectangle for each line it spans."""
        offset = self._scroll_offset()
        return [rect.translated(-offset) for rect in self._hit_document_rects(hit)]

    def _hit_document_rects(self, hit: ScanHit) -> list[QRectF]:
        words = self.words.get(hit.page)
        if not words or not self.info:
            return []
        rects: list[QRectF] = []
        previous: tuple[int, int] | None = None
        for position in hit.words:
            word = words[position]
            # A little larger than the word: the mark should frame the ink, not cut it.
            rect = self.word_rect(hit.page, word).adjusted(-1.5, -1.5, 1.5, 1.5)
            line = (word.block, word.line)
            if line == previous:
                rects[-1] = rects[-1].united(rect)  # the space between words is marked too
            else:
                rects.append(rect)
            previous = line
        return rects

    def _match(self, index: int) -> tuple[ScanHit, ...]:
        assert self.query is not None
        hits = scan_hits.find_hits(index, self.words.get(index, []), self.query)
        self.hits[index] = hits
        return hits

    def _hits_of(self, index: int) -> tuple[ScanHit, ...] | None:
        """The hits of page `index`, matched now if its words are known; None if they are not."""
        if index in self.hits:
            return self.hits[index]
        if index not in self.words:
            return None
        return self._match(index)

    @Slot()
    def _on_match_timer_timeout(self) -> None:
        if self.query is None:
            self._unmatched = []
            return
        clock = QElapsedTimer()
        clock.start()
        while self._unmatched and clock.elapsed() < MATCH_BUDGET_MS:
            index = self._unmatched.pop(0)
            if index not in self.hits:
                self._match(index)
        if self._unmatched:
            self._match_timer.start()
        self.hits_changed.emit()
        self.viewport().update()

    def _continue_seek(self) -> None:
        if self._seeking is None or self.text_pages is None or self.query is None:
            return  # the text layer is not known yet: `set_text_pages` comes back here
        forward, page, index = self._seeking
        found = scan_hits.seek(self._hits_of, self.text_pages, page, index, forward)
        if isinstance(found, ScanHit):
            self._seeking = None
            self.show_hit(found)
            self.seek_finished.emit(found)
        elif found is None:
            self._seeking = None
            self.seek_finished.emit(None)
        else:
            self._want_words(found)  # the seek goes on when its words arrive

    # Text selection -----------------------------------------------------------------------------

    def word_rect(self, index: int, word: Word) -> QRectF:
        """Where `word` of page `index` is, in document coordinates."""
        return self.box_rect(index, (word.x0, word.y0, word.x1, word.y1))

    def box_rect(self, index: int, area: Box) -> QRectF:
        """Where an area of page `index` (PDF points) is, in document coordinates, at the
        page's zoom and rotation."""
        assert self.info is not None
        size = self.info.page_sizes[index]
        box = rotate_box(
            QRectF(QPointF(area[0], area[1]), QPointF(area[2], area[3])),
            Size(size.width, size.height),
            self.rotation_of(index),
        )
        rect = self._layout.rects[index]
        zoom = self._layout.page_zoom(index)
        return QRectF(
            rect.left() + box.left() * zoom,
            rect.top() + box.top() * zoom,
            box.width() * zoom,
            box.height() * zoom,
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

    def page_box(self, index: int, rect: QRectF) -> Box:
        """The area of page `index` (PDF points, before rotation) at `rect` (document
        coordinates): `box_rect` undone."""
        assert self.info is not None
        size = self.info.page_sizes[index]
        page = self._layout.rects[index]
        zoom = self._layout.page_zoom(index)
        shown = QRectF(
            (rect.left() - page.left()) / zoom,
            (rect.top() - page.top()) / zoom,
            rect.width() / zoom,
            rect.height() / zoom,
        )
        rotation = self.rotation_of(index)
        turned = (
            Size(size.height, size.width)
            if rotation in (90, 270)
            else Size(size.width, size.height)
        )
        box = rotate_box(shown, turned, (360 - rotation) % 360)
        return (box.left(), box.top(), box.right(), box.bottom())

    def selection_areas(self) -> tuple[int, tuple[Box, ...], str] | None:
        """The words selected on their first page as areas (one a line) and their text, or the
        area drawn with Shift (with no text); None when nothing is selected."""
        if self.selected:
            page = self.selected[0][0]
            lines: dict[tuple[int, int], Box] = {}
            for index, w in self.selected:
                if index == page:
                    a = lines.get((w.block, w.line), (w.x0, w.y0, w.x1, w.y1))
                    lines[(w.block, w.line)] = (
                        min(a[0], w.x0),
                        min(a[1], w.y0),
                        max(a[2], w.x1),
                        max(a[3], w.y1),
                    )
            shown = [(i, w) for i, w in self.selected if i == page]
            kept, self.selected = self.selected, shown
            text = self.selected_text()
            self.selected = kept
            return page, tuple(lines.values()), text
        if self.region is not None:
            return self.region[0], (self.region[1],), ""
        return None

    def show_area(self, index: int, boxes: tuple[Box, ...]) -> None:
        """Scroll areas of page `index` into view unless they are wholly in it."""
        if not boxes or not self.info or index >= len(self._layout):
            return
        bounds = self.box_rect(index, boxes[0])
        for box in boxes[1:]:
            bounds = bounds.united(self.box_rect(index, box))
        seen = QRectF(self._scroll_offset(), QSizeF(self.viewport().size()))
        if not seen.contains(bounds):
            vertical, horizontal = self.verticalScrollBar(), self.horizontalScrollBar()
            vertical.setValue(round(bounds.center().y() - self.viewport().height() / 2))
            if bounds.left() < seen.left() or bounds.right() > seen.right():
                horizontal.setValue(round(bounds.center().x() - self.viewport().width() / 2))
            self._update_current()
            self._request_now()
        self.viewport().update()

    def _end_region(self, rect: QRectF) -> None:
        """Keep the area drawn with Shift, cut to the page it is most on."""
        self.region = None
        best = 0.0
        for index in self._layout.pages_between(rect.top(), rect.bottom()):
            cut = rect.intersected(self._layout.rects[index])
            if cut.width() * cut.height() > best and cut.width() > 2 and cut.height() > 2:
                best = cut.width() * cut.height()
                self.region = (index, self.page_box(index, cut))

    def copy_selection(self) -> bool:
        """Put the selected words on the clipboard; whether there were any."""
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if event.button() == Qt.MouseButton.LeftButton and self.info:
            self.region = None
        if event.button() == Qt.MouseButton.LeftButton and self.info and shift:
            # Shift and drag: an area of the page, to highlight as it is (a figure, a stamp).
            self._region_start = event.position() + self._scroll_offset()
            self._region_rect = None
            self.selected = []
            self.viewport().update()
        elif event.button() == Qt.MouseButton.LeftButton and self.info:
            self._drag_start = event.position() + self._scroll_offset()
            self._drag_rect = None
            if self.selected:
                self.selected = []
                self.viewport().update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._region_start is not None:
            end = event.position() + self._scroll_offset()
            self._region_rect = QRectF(self._region_start, end).normalized()
            self.viewport().update()
        if self._drag_start is not None:
            self._drag_rect = QRectF(
                self._drag_start, event.position() + self._scroll_offset()
            ).normalized()
            self._select(self._drag_rect)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._region_start is not None and self._region_rect is not None:
            self._end_region(self._region_rect)
        self._region_start = None
        self._region_rect = None
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
