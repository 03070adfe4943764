"""Machine-read text in the window: OCR words on the scan, a transcript for records with none,
progress and a pause switch in the status area.

The recognition runs in `ocr_worker.OcrWorker`'s own process; this only asks for pages (those on
screen first, then the rest of the document) and shows what comes back.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel, QToolButton

from viewer.domain import ocr, transcript
from viewer.domain.model import Archive, Record
from viewer.services import ocr_engine, ocr_worker
from viewer.services.render_protocol import Word

if TYPE_CHECKING:
    from viewer.services.render import PdfWorker
    from viewer.ui.main_window import MainWindow

DOUBTFUL_STYLE = "background-color: #fff0b3; text-decoration: underline; color: #7a4b00"


def words_of(page: ocr.OcrPage) -> list[Word]:
    """The page's recognised words as the scan view's words (boxes in points)."""
    return [Word(w.x0, w.y0, w.x1, w.y1, w.text, w.block, w.line) for w in page.words]


def page_html(page: ocr.OcrPage) -> str:
    """A page's text as HTML, doubtful words marked (and titled with their confidence)."""
    paragraphs: list[str] = []
    lines: list[str] = []
    current: list[str] = []
    last: tuple[int, int] | None = None
    for word in page.words:
        key = (word.block, word.line)
        if last is not None and key != last:
            lines.append(" ".join(current))
            current = []
            if key[0] != last[0]:
                paragraphs.append("<br>".join(lines))
                lines = []
        text = html.escape(word.text)
        if word.doubtful:
            text = (
                f'<span class="ocr-doubtful" style="{DOUBTFUL_STYLE}" '
                f'title="{word.confidence:.0f}%">{text}</span>'
            )
        current.append(text)
        last = key
    if current:
        lines.append(" ".join(current))
    if lines:
        paragraphs.append("<br>".join(lines))
    return "".join(f"<p>{p}</p>" for p in paragraphs)


class OcrFeature(QObject):
    """Connects the background OCR to the scan view, the transcript pane and the status bar."""

    def __init__(
        self,
        window: MainWindow,
        render_worker: PdfWorker,
        worker: ocr_worker.OcrWorker,
        fallback_language: str = "eng",
    ) -> None:
        super().__init__(window)
        self._window = window
        self._worker = worker
        self._fallback = fallback_language
        self._pages: dict[str, dict[int, ocr.OcrPage]] = {}
        self._progress: dict[str, ocr_worker.Progress] = {}
        self._record: Record | None = None
        self._language = fallback_language
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("OCR progress"))
        self.status.hide()
        self.pause_button = QToolButton()
        self.pause_button.setCheckable(True)
        self.pause_button.setText(self.tr("Pause OCR"))
        self.pause_button.setToolTip(self.tr("Pause or resume reading image-only pages"))
        self.pause_button.hide()
        self.pause_button.toggled.connect(self._on_pause_button_toggled)
        window.statusBar().addPermanentWidget(self.status)
        window.statusBar().addPermanentWidget(self.pause_button)
        window.record_shown.connect(self._on_window_record_shown)
        render_worker.text_extracted.connect(self._on_render_worker_text_extracted)
        worker.page_read.connect(self._on_worker_page_read)
        worker.progress_changed.connect(self._on_worker_progress_changed)
        worker.failed.connect(self._on_worker_failed)
        window.archive_opened.connect(self._on_window_archive_opened)
        # Started after the first page was painted: catch up with what is on screen.
        archive = window.current_archive()
        if archive is not None:
            self._on_window_archive_opened(archive)
        self._on_window_record_shown(window.current_record())
        area = window.scan.area
        if area.path and area.text_pages is not None:
            self._document_known(area.path, list(area.text_pages))

    def language_for(self, record: Record | None) -> str:
        """Tesseract's language for a record: its own languages, else the chosen fallback."""
        codes = record.languages if record is not None else ()
        # Not checked against the installed data here (that runs a program): the OCR process does.
        return ocr.tesseract_language(codes, fallback=self._fallback, installed_only=False)

    def pages(self, path: str) -> dict[int, ocr.OcrPage]:
        """The recognised pages of a PDF known so far."""
        return self._pages.get(path, {})

    @Slot(object)
    def _on_window_archive_opened(self, archive: Archive) -> None:
        """Every scan of the archive, after the pages on screen and the document shown (the OCR
        process serves requests by priority)."""
        # A generator: gone through on the worker's thread, not this one.
        documents = (
            (str(scan.path), self.language_for(record), tuple(str(p) for p in scan.images))
            for record in archive.records
            if isinstance(record, Record)
            for scan in record.scans
            if not scan.password
        )
        self._worker.recognise_all(documents, ocr_engine.ARCHIVE)

    @Slot(object)
    def _on_window_record_shown(self, record: object) -> None:
        self._record = record if isinstance(record, Record) else None
        self._language = self.language_for(self._record)
        self._show_transcript()

    @Slot(str, list, dict)
    def _on_render_worker_text_extracted(
        self,
        path: str,
        pages: list[str],
        _metadata: dict,  # type: ignore[type-arg]
    ) -> None:
        self._document_known(path, [bool(text.strip()) for text in pages])

    def _document_known(self, path: str, has_text: list[bool]) -> None:
        """The scan on screen, its pages with a text layer known: read the others."""
        area = self._window.scan.area
        if path != area.path or all(has_text):
            return
        for number, page in self._pages.get(path, {}).items():
            area.add_words(path, number, words_of(page))
        images = self._images_of(path)
        visible = tuple(n for n in area.visible_pages() if not has_text[n])
        if visible:
            self._worker.recognise(path, self._language, ocr_engine.ON_SCREEN, visible, images)
        self._worker.recognise(path, self._language, ocr_engine.DOCUMENT, images=images)

    def _images_of(self, path: str) -> tuple[Path, ...]:
        """The photos the shown record's scan at `path` is made of (none for a PDF)."""
        scans = self._record.scans if self._record is not None else ()
        return next((scan.images for scan in scans if str(scan.path) == path), ())

    @Slot(str, object)
    def _on_worker_page_read(self, path: str, page: ocr.OcrPage) -> None:
        self._pages.setdefault(path, {})[page.page] = page
        self._window.scan.area.add_words(path, page.page, words_of(page))
        if self._shows(path):
            self._show_transcript()

    @Slot(object)
    def _on_worker_progress_changed(self, progress: ocr_worker.Progress) -> None:
        self._progress[progress.path] = progress
        self._update_status()

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._window.messages.channel.warning(
            self.tr("OCR: {message}").format(message=message), replace="ocr"
        )

    @Slot(bool)
    def _on_pause_button_toggled(self, paused: bool) -> None:
        self._worker.set_paused(paused)
        self.pause_button.setText(self.tr("Resume OCR") if paused else self.tr("Pause OCR"))
        self._update_status()

    def _current_path(self) -> str:
        record = self._record
        if record is None or not record.scans:
            return self._window.scan.area.path
        return str(record.scans[0].path)

    def _shows(self, path: str) -> bool:
        return self._current_path() == path

    def _update_status(self) -> None:
        progress = self._progress.get(self._current_path())
        if progress is None or progress.total == 0:
            self.status.hide()
            self.pause_button.setVisible(self._worker.paused)
            return
        if progress.done >= progress.total:
            text = self.tr("OCR: all {total} pages read").format(total=progress.total)
        else:
            text = self.tr("OCR: {done} of {total} pages read").format(
                done=progress.done, total=progress.total
            )
            if self._worker.paused:
                text += self.tr(" (paused)")
        self.status.setText(text)
        self.status.show()
        self.pause_button.show()

    def _show_transcript(self) -> None:
        """For a record with no transcript: the machine-read text of its scan, marked as such."""
        record = self._record
        if record is None or record.transcripts or not record.scans:
            self._update_status()
            return
        path = str(record.scans[0].path)
        pages = self._pages.get(path, {})
        readable = [pages[n] for n in sorted(pages) if pages[n].words]
        self._update_status()
        if not readable:
            return
        heading = self.tr("Page {number}")
        parts = tuple(
            f'<h3 class="ocr-page">{heading.format(number=p.page + 1)}</h3>' + page_html(p)
            for p in readable
        )
        characters = sum(len(p.text()) for p in readable)
        self._window.transcript.show_machine_read(
            self.tr("Machine-read text (OCR, unchecked)"),
            self.tr(
                "Read from the scan by OCR and checked by no one. Words it is unsure of are "
                "highlighted; compare with the scan before quoting."
            ),
            transcript.Display(parts, characters, False, characters),
        )
