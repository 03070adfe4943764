"""The scan pane: toolbar, page area, thumbnails and a notice line for one PDF.

`ScanPane(worker)` renders nothing itself: every PyMuPDF call goes through the `PdfWorker` it is
given. Signals: `page_changed(current, count)`, `document_opened(DocumentInfo)`,
`document_failed(path, message, needs_password)` (ask for the password and call `open_pdf` again),
`first_page_painted()`, `scan_hits_changed(pages_with_hits_known, hits_known)`,
`scan_hit_shown(page)` (-1: no hit anywhere) for the query given to `highlight_query`, and
`scan_hit_stepped(ScanHit | None)` after `step_scan_hit` (the find bar's walk through the hits).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.pdf_info import DocumentInfo
from viewer.services import render
from viewer.services.settings import ScanView
from viewer.ui import scan_hits, scan_toolbar, tab_switch
from viewer.ui.scan_area import PageArea
from viewer.ui.scan_hits import ScanHit
from viewer.ui.scan_layout import ZoomMode

if TYPE_CHECKING:
    from viewer.ui.thumbnails import ThumbnailBar

log = logging.getLogger(__name__)

# In English; translated where they are shown (see _show_notices).
NO_TEXT_LAYER = str(
    QT_TRANSLATE_NOOP(
        "ScanPane", "This scan has no text layer: its text cannot be selected or copied."
    )
)
NO_TEXT_LAYER_FOR_HITS = str(
    QT_TRANSLATE_NOOP(
        "ScanPane", "This scan has no text layer: hits are marked in the transcript only."
    )
)


class ScanPane(QWidget):
    """One PDF shown page after page, with its own toolbar; rendering is left to the worker."""

    page_changed = Signal(int, int)
    document_opened = Signal(object)
    document_failed = Signal(str, str, bool)
    first_page_painted = Signal()
    scan_hits_changed = Signal(int, int)
    """(pages with hits, hits) found so far for the query, on the pages whose words are known."""
    scan_hit_shown = Signal(int)
    """After next/previous hit: the page (from 0) of the hit now shown, or -1 when there is none."""
    scan_hit_stepped = Signal(object)
    scan_chosen = Signal(int)
    """The reader picked another of the record's scans in the switch (its index)."""
    """After `step_scan_hit`: the ScanHit now shown, or None when no hit is left that way."""

    def __init__(self, worker: render.PdfWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Scan"))
        self._worker = worker
        self._path: Path | None = None
        self._request_id = 0
        self._held: str | None = None
        self._pending_state: ScanView | None = None
        self._notices: list[str] = []
        self._text_layer_notice = ""
        self._query_text = ""
        self._text_asked = False
        self._page_texts: tuple[str, ...] | None = None
        self._every_page = False
        self._sweep_next = 0
        self._step: tuple[ScanHit | None, bool] | None = None

        self.area = PageArea(worker, self)
        # A record with several scans (a letter and its envelope, two folders of one file) shows
        # one at a time, like the transcript's language switch.
        self.scan_switch = QTabBar(self)
        self.scan_switch.setObjectName("scanSwitch")
        self.scan_switch.setAccessibleName(self.tr("Scan shown"))
        self.scan_switch.setDocumentMode(True)
        tab_switch.keep_in_view(self.scan_switch)
        self.scan_switch.hide()
        self.scan_switch.currentChanged.connect(self._on_scan_switch_current_changed)
        self._thumbnails: ThumbnailBar | None = None
        self.toolbar = QToolBar(self.tr("Scan tools"), self)
        self.toolbar.setAccessibleName(self.tr("Scan tools"))
        self.page_box = QLineEdit(self)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setValidator(QIntValidator(1, 1, self))
        # Four digits wide: a long document's page numbers, and no more of the toolbar's room.
        self.page_box.setFixedWidth(self.page_box.fontMetrics().horizontalAdvance("0000") + 16)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_count_label = QLabel(self._page_count_text(0), self)
        self.page_count_label.setAccessibleName(self.tr("Page count"))
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # names from the archive
        self.notice.setAccessibleName(self.tr("Scan notices"))
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self._build_toolbar()

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.area, 1)
        self._body = body
        layout = QVBoxLayout(self)
        # The pane never dictates its window's minimum size (notices come and go).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scan_switch)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.area)

        worker.document_opened.connect(self._on_worker_document_opened)
        worker.document_failed.connect(self._on_worker_document_failed)
        worker.text_extracted.connect(self._on_worker_text_extracted)
        self.area.page_changed.connect(self._on_area_page_changed)
        self.area.first_page_painted.connect(self._on_area_first_page_painted)
        self.area.hits_changed.connect(self._on_area_hits_changed)
        self.area.seek_finished.connect(self._on_area_seek_finished)
        self.page_box.returnPressed.connect(self._on_page_box_return_pressed)
        self._set_enabled(False)

    def _build_toolbar(self) -> None:
        """The tools (`ui/scan_toolbar.py`), kept as the pane's actions."""
        tools = scan_toolbar.build(self)
        self.zoom_out_action, self.zoom_in_action = tools.zoom_out, tools.zoom_in
        self.fit_width_action, self.fit_page_action = tools.fit_width, tools.fit_page
        self.actual_size_action = tools.actual_size
        self.rotate_left_action, self.rotate_right_action = tools.rotate_left, tools.rotate_right
        self.rotate_page_action = tools.rotate_page
        self.go_to_page_action, self.copy_action = tools.go_to_page, tools.copy
        self.thumbnails_action, self.zoom_button = tools.thumbnails, tools.zoom_button

    # Public API ---------------------------------------------------------------------------------

    @property
    def thumbnails(self) -> ThumbnailBar:
        """The thumbnail bar, made when first wanted (F4): most readers never open it."""
        if self._thumbnails is None:
            from viewer.ui.thumbnails import ThumbnailBar  # noqa: PLC0415

            bar = ThumbnailBar(self._worker, self)
            bar.hide()
            bar.page_chosen.connect(self.go_to_page)
            self._body.insertWidget(0, bar)
            QWidget.setTabOrder(self.area, bar)  # where it would be had it been made first
            self._thumbnails = bar
            if self.area.info is not None:
                bar.set_document(self.area.info, self._rotations())
        return self._thumbnails

    def set_scans(self, labels: list[tuple[str, str]], current: int = 0) -> None:
        """Offer the record's scans, (label, tooltip) each, in the switch; shown for two or more."""
        self.scan_switch.blockSignals(True)
        while self.scan_switch.count():
            self.scan_switch.removeTab(0)
        for label, tip in labels:
            tab_switch.add_tab(self.scan_switch, label, tip)
        if labels:
            self.scan_switch.setCurrentIndex(min(max(current, 0), len(labels) - 1))
        self.scan_switch.blockSignals(False)
        self.scan_switch.setVisible(len(labels) > 1)

    def scan_labels(self) -> list[str]:
        """The labels of the scan switch, in order (empty when the record has one scan or none)."""
        return [self.scan_switch.tabText(i) for i in range(self.scan_switch.count())]

    def current_scan(self) -> int:
        """The index of the scan chosen in the switch (0 with one scan)."""
        return max(self.scan_switch.currentIndex(), 0)

    @Slot(int)
    def _on_scan_switch_current_changed(self, index: int) -> None:
        if index >= 0:
            self.scan_chosen.emit(index)

    def open_pdf(
        self, path: Path, password: str | None = None, images: tuple[Path, ...] = ()
    ) -> None:
        """Open `path` (with `password` when it is encrypted; made of the photos `images` when
        given, `path` the first); `document_opened` or `_failed`."""
        self.close_document()
        self._path = Path(path)
        self._set_notices([self.tr("Opening {file}…").format(file=self._path.name)])
        self._request_id = self._worker.open(
            self._path, password, self.area.first_page_hint(), images
        )
        if self.area.query is not None:
            self.scan_hits_changed.emit(0, 0)  # a document to search is on its way

    def show_message(self, text: str) -> None:
        """Show `text` instead of a document (e.g. "This record has no scan")."""
        self.close_document()
        self._set_notices([text])

    def close_document(self) -> None:
        """Stop showing the document and release it."""
        self._request_id = 0
        if self._held is not None:
            self._worker.close(self._held)
            self._held = None
        self._path = None
        self._text_asked = False
        self._page_texts = None
        self._sweep_next = 0
        self._step = None
        self.area.set_document(None)
        if self._thumbnails is not None:
            self._thumbnails.set_document(None, [])
        self._text_layer_notice = ""
        self._set_notices([])
        self._update_page_box(0, 0)
        self._set_enabled(False)

    def page_texts(self) -> tuple[str, ...] | None:
        """The text layer of every page of the open scan, once read (None before, or without)."""
        return self._page_texts

    @property
    def worker(self) -> render.PdfWorker:
        """The render worker the pane's pages come from."""
        return self._worker

    def current_page(self) -> int:
        """The page in the middle of the view, from 0."""
        return self.area.current_page()

    def page_count(self) -> int:
        """How many pages the open document has (0 without one)."""
        return self.area.page_count()

    def go_to_page(self, index: int) -> None:
        """Show page `index` (from 0) from its top."""
        self.area.go_to_page(index)

    def zoom_in(self) -> None:
        """Enlarge by one step around the view's centre."""
        self.area.zoom_by(1.25)

    def zoom_out(self) -> None:
        """Shrink by one step around the view's centre."""
        self.area.zoom_by(1 / 1.25)

    def set_zoom_mode(self, mode: ZoomMode | str) -> None:
        """Fit width, fit page or actual size (a ZoomMode or its value)."""
        self.area.set_zoom_mode(ZoomMode(mode))

    def rotate_document(self, delta: int) -> None:
        """Turn every page by `delta` degrees (a multiple of 90)."""
        self.area.rotate_document(delta)
        self._sync_thumbnail_rotations()

    def rotate_page(self, index: int, delta: int) -> None:
        """Turn page `index` by `delta` degrees."""
        self.area.rotate_page(index, delta)
        self._sync_thumbnail_rotations()

    def copy(self) -> bool:
        """Copy the selected words; whether anything was copied."""
        return self.area.copy_selection()

    def highlight_query(self, text: str) -> None:
        """Mark the words matching `text` (the search syntax) on the scan pages; "" clears.

        Kept when another document is opened, as a find bar left open would be.
        """
        if text == self._query_text:
            return
        self._query_text = text
        self._step = None  # its hits are gone
        from viewer.domain import search_query  # noqa: PLC0415  (with the first search)

        query = search_query.parse_query(text) if text.strip() else None
        self.area.set_query(query)
        self._continue_sweep()

    def scan_hit_count(self) -> int:
        """Hits found so far, on the pages whose words are known."""
        return self.area.hit_count()

    def current_scan_hit(self) -> ScanHit | None:
        """The hit last moved to with next/previous (None before the first move)."""
        return self.area.current_hit

    def next_scan_hit(self) -> None:
        """Scroll to the next hit in reading order (wrapping); `scan_hit_shown` follows."""
        self.area.seek_hit(forward=True)

    def previous_scan_hit(self) -> None:
        """Scroll to the previous hit in reading order (wrapping); `scan_hit_shown` follows."""
        self.area.seek_hit(forward=False)

    def set_search_every_page(self, every_page: bool) -> None:
        """Search every page with a text layer for the query, not only those near the view.

        For a count over the whole scan: the words of the pages are asked for one page at a
        time in page order (the worker renders between them), and matched as they arrive.
        """
        self._every_page = every_page
        if every_page:
            self._ask_text_layer()
            self._continue_sweep()

    def scan_hits_complete(self) -> bool:
        """Whether `scan_hit_count` is final: every page with text searched for the query (or
        there is nothing to search). Needs `set_search_every_page(True)` to become true."""
        area = self.area
        if area.query is None:
            return True
        if not area.info:
            return self._request_id == 0  # no document, unless one is being opened
        if area.text_pages is None:
            return False
        return area.hits_complete()

    def scan_hits_before(self, hit: ScanHit) -> int | None:
        """How many hits come before `hit` on the scan; None while an earlier page is unsearched."""
        pages = self.area.text_pages
        if pages is None:
            return None
        before = scan_hits.hits_before(self.area.hits.get, pages, hit.page)
        return None if before is None else before + hit.index

    def step_scan_hit(self, start: ScanHit | None, forward: bool) -> None:
        """Show the hit after (or before) `start` in reading order, without wrapping around.

        `start` None begins at the first page going forward, at the last going back. Pages are
        searched as needed; `scan_hit_stepped` follows with the hit now current, or None when
        there is none that way. A new step, query or document replaces a step still waiting.
        """
        self._step = (start, forward)
        self._ask_text_layer()
        self._continue_step()

    def clear_current_scan_hit(self) -> None:
        """Mark no hit as the current one (the find bar moved on to the transcript)."""
        if self.area.current_hit is not None:
            self.area.current_hit = None
            self.area.viewport().update()

    def notice_text(self) -> str:
        """What the notice line says."""
        return self.notice.text() if not self.notice.isHidden() else ""

    def view_state(self) -> ScanView:
        """Position, zoom and rotations, to be given back to `restore_view_state`."""
        page, offset = self.area.position()
        return ScanView(
            page=page,
            offset=round(offset, 4),
            zoom_mode=self.area.mode.value,
            zoom=round(self.area.zoom, 4),
            rotation=self.area.document_rotation,
            page_rotations=dict(self.area.page_rotations),
            thumbnails=self.thumbnails_action.isChecked(),
        )

    def restore_view_state(self, state: ScanView) -> None:
        """Go back to a `view_state`; kept until the document has opened if it has not yet."""
        if not self.area.info:
            self._pending_state = state
            return
        self._pending_state = None
        try:
            mode = ZoomMode(state.zoom_mode)
        except ValueError:
            log.warning("ignoring a saved zoom mode that does not fit: %r", state.zoom_mode)
            mode = ZoomMode.FIT_WIDTH
        self.area.document_rotation = state.rotation % 360
        self.area.page_rotations = {
            page: turn % 360
            for page, turn in state.page_rotations.items()
            if 0 <= page < self.page_count() and turn % 360
        }
        if mode is ZoomMode.CUSTOM:
            self.area.set_zoom(state.zoom)
        else:
            self.area.set_zoom_mode(mode)
        self.area.set_position(state.page, state.offset)
        self.thumbnails_action.setChecked(state.thumbnails)
        self.toggle_thumbnails()
        self._sync_thumbnail_rotations()

    # Worker answers -----------------------------------------------------------------------------

    @Slot(int, object)
    def _on_worker_document_opened(self, request_id: int, info: DocumentInfo) -> None:
        if request_id != self._request_id:
            return
        self._held = str(info.path)
        self.area.set_document(info)
        if self._thumbnails is not None:
            self._thumbnails.set_document(info, self._rotations())
        self._set_notices([_sentence(n) for n in info.notices])
        self._set_enabled(True)
        if (self._every_page and self.area.query is not None) or self.isHidden():
            # Even when the scan is hidden and paints no page: a passage copied from the
            # transcript alone is still cited at its page.
            self._ask_text_layer()
        self.page_box.setValidator(QIntValidator(1, info.page_count, self))
        self._update_page_box(self.area.current_page(), info.page_count)
        if self._pending_state is not None:
            self.restore_view_state(self._pending_state)
        self.document_opened.emit(info)

    @Slot(int, str, str, bool)
    def _on_worker_document_failed(
        self, request_id: int, path: str, message: str, needs_password: bool
    ) -> None:
        if request_id != self._request_id:
            return
        self._request_id = 0
        self._path = None
        self._set_notices([message])
        self._continue_step()
        if self.area.query is not None:
            self.scan_hits_changed.emit(0, 0)  # nothing left to search
        self.document_failed.emit(path, message, needs_password)

    @Slot()
    def _on_area_first_page_painted(self) -> None:
        self.first_page_painted.emit()
        # Whether the scan has a text layer is only needed once the reader sees a page.
        self._ask_text_layer()

    @Slot(str, list, dict)
    def _on_worker_text_extracted(self, path: str, pages: list[str], _metadata: dict) -> None:  # type: ignore[type-arg]
        if path != self._held or self.area.text_pages is not None:
            return
        self._page_texts = tuple(pages)
        self.area.set_text_pages([bool(text.strip()) for text in pages])
        with_text = sum(self.area.text_pages or [])
        if with_text == 0:
            self._text_layer_notice = NO_TEXT_LAYER
        elif with_text == 1 and len(pages) > 1:
            self._text_layer_notice = self.tr(
                "Only 1 of {total} pages has a text layer to select from."
            ).format(total=len(pages))
        elif with_text < len(pages):
            self._text_layer_notice = self.tr(
                "Only {count} of {total} pages have a text layer to select from."
            ).format(count=with_text, total=len(pages))
        self._show_notices()
        self._continue_sweep()
        self._continue_step()
        if self.area.query is not None:
            self.scan_hits_changed.emit(self.area.pages_with_hits(), self.area.hit_count())

    @Slot()
    def _on_area_hits_changed(self) -> None:
        self._show_notices()
        self._continue_sweep()
        self._continue_step()
        self.scan_hits_changed.emit(self.area.pages_with_hits(), self.area.hit_count())

    @Slot(object)
    def _on_area_seek_finished(self, hit: ScanHit | None) -> None:
        self.scan_hit_shown.emit(-1 if hit is None else hit.page)

    @Slot(int, int)
    def _on_area_page_changed(self, current: int, count: int) -> None:
        self._update_page_box(current, count)
        if self._thumbnails is not None and self._thumbnails.isVisible():
            self._thumbnails.set_current(current)
        self.page_changed.emit(current, count)

    @Slot()
    def _on_page_box_return_pressed(self) -> None:
        text = self.page_box.text().strip()
        if text.isdigit() and 1 <= int(text) <= self.page_count():
            self.go_to_page(int(text) - 1)
            self.area.setFocus()
        else:
            self._update_page_box(self.current_page(), self.page_count())

    @Slot()
    def toggle_thumbnails(self) -> None:
        """Show or hide the thumbnails as Thumbnails (F4) is checked."""
        shown = self.thumbnails_action.isChecked()
        if shown or self._thumbnails is not None:
            self.thumbnails.setVisible(shown)
        if shown:
            self.thumbnails.set_current(self.current_page())

    # Helpers ------------------------------------------------------------------------------------

    def _ask_text_layer(self) -> None:
        """Ask once which pages have a text layer (the answer is `_on_worker_text_extracted`)."""
        if self._held is not None and self.area.text_pages is None and not self._text_asked:
            self._text_asked = True
            self._worker.extract_text(self._held, if_open=True)

    def _continue_sweep(self) -> None:
        """Ask for the words of the next unsearched page, while every page is to be searched."""
        area = self.area
        pages = area.text_pages
        if not self._every_page or area.query is None or not pages:
            return
        while self._sweep_next < len(pages):
            page = self._sweep_next
            if pages[page] and page not in area.words:
                area.want_words(page)  # the next one is asked for when these words arrive
                return
            self._sweep_next += 1

    def _continue_step(self) -> None:
        """Go on with `step_scan_hit` as far as the pages searched so far allow."""
        if self._step is None:
            return
        start, forward = self._step
        area = self.area
        if area.query is None or (not area.info and self._request_id == 0):
            self._finish_step(None)
            return
        if not area.info or area.text_pages is None:
            return  # the document or its text layer is on its way: `_on_worker_…` come back
        found = scan_hits.seek_within(area.hits.get, area.text_pages, start, forward)
        if isinstance(found, ScanHit):
            area.show_hit(found)
            self._finish_step(found)
        elif found is None:
            self._finish_step(None)
        else:
            area.want_words(found)  # the step goes on when that page has been searched

    def _finish_step(self, hit: ScanHit | None) -> None:
        self._step = None
        self.scan_hit_stepped.emit(hit)

    def focus_page_box(self) -> None:
        """Go to page (Ctrl+G): the page box takes the typing."""
        self.page_box.setFocus()
        self.page_box.selectAll()

    def _rotations(self) -> list[int]:
        return [self.area.rotation_of(i) for i in range(self.page_count())]

    def _sync_thumbnail_rotations(self) -> None:
        if self._thumbnails is not None:
            self._thumbnails.set_rotations(self._rotations())

    def _update_page_box(self, current: int, count: int) -> None:
        self.page_box.setText(str(current + 1) if count else "")
        self.page_count_label.setText(self._page_count_text(count))

    def _page_count_text(self, count: int) -> str:
        """What follows the page box: "of 12"."""
        return self.tr("of {count}", "after the page number box: page 3 of 12").format(count=count)

    def _set_enabled(self, enabled: bool) -> None:
        for action in self.actions():
            if action is not self.thumbnails_action:
                action.setEnabled(enabled)
        self.page_box.setEnabled(enabled)

    def _set_notices(self, notices: list[str]) -> None:
        self._notices = notices
        self._show_notices()

    def _show_notices(self) -> None:
        """The document's notices, its text layer's, and what the marked query found on it."""
        notices = list(self._notices)
        text_layer = self._text_layer_notice
        text_pages = self.area.text_pages
        if self.area.query is not None and self.area.info and text_pages is not None:
            if any(text_pages):
                notices.append(
                    scan_hits.hit_notice(
                        self._query_text, self.area.hit_count(), self.area.hits_complete()
                    )
                )
            elif text_layer == NO_TEXT_LAYER:
                text_layer = NO_TEXT_LAYER_FOR_HITS
        if text_layer in (NO_TEXT_LAYER, NO_TEXT_LAYER_FOR_HITS):
            text_layer = QCoreApplication.translate("ScanPane", text_layer)
        if text_layer:
            notices.insert(len(self._notices), text_layer)
        self.notice.setText("\n".join(notices))
        self.notice.setVisible(bool(notices))


def _sentence(text: str) -> str:
    """A notice from the domain ("the file was damaged…") as a sentence."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."
