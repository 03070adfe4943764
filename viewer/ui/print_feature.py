"""File > Print… (with a preview), File > Export Reading Copy… (the same as one PDF) and File >
Export Transcript (plain text, Markdown, HTML) of the record on screen.

The scan's pages are drawn by the render worker, as for the screen, at print resolution; the
window only paints them, with the text, on the printer or the PDF (`services/reading_copy.py`).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal
from PySide6.QtGui import QImage, QPdfWriter, QTextDocument

from viewer.domain import citation, transcript_export
from viewer.domain.model import Record
from viewer.services import reading_copy, render_protocol
from viewer.services.render_protocol import RenderKey
from viewer.ui import citation_actions, metadata_panel

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from viewer.services.render import PdfWorker
    from viewer.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PRINT_DPI = 150
"""The resolution the scan's pages are drawn at for paper and the reading copy."""
CHANNEL = render_protocol.PRINT
FORMAT_NAMES = {
    transcript_export.TextFormat.PLAIN: QT_TRANSLATE_NOOP("PrintFeature", "Plain text"),
    transcript_export.TextFormat.MARKDOWN: QT_TRANSLATE_NOOP("PrintFeature", "Markdown"),
    transcript_export.TextFormat.HTML: QT_TRANSLATE_NOOP("PrintFeature", "HTML"),
}


def plain_text(document: QTextDocument) -> str:
    """The text of `document` as a person would type it: paragraphs apart by a blank line,
    the items of a list one to a line with their number or bullet."""
    lines: list[str] = []
    block = document.begin()
    in_list = False
    while block.isValid():
        listed = block.textList()
        text = block.text().replace("\u2028", "\n")
        if listed is not None:
            text = f"{listed.itemText(block) or '-'} {text}"
        if lines and not (in_list and listed is not None):
            lines.append("")
        lines.append(text)
        in_list = listed is not None
        block = block.next()
    return "\n".join(lines)


class ScanPages(QObject):
    """Every page of a scan rendered by the worker at `scale`; `finished` once all are in (or
    failed: those are left out and counted)."""

    finished = Signal()

    def __init__(self, worker: PdfWorker, keys: list[RenderKey], parent: QObject) -> None:
        super().__init__(parent)
        self._worker = worker
        self.images: dict[RenderKey, QImage] = {}
        self.failed = 0
        for key in keys:
            cached = worker.cache.get(key)
            if cached is not None:
                self.images[key] = cached
        self._keys = keys
        self._waiting = {key for key in keys if key not in self.images}
        worker.page_rendered.connect(self._on_worker_page_rendered)
        worker.page_failed.connect(self._on_worker_page_failed)
        if self._waiting:
            worker.request_pages(CHANNEL, [k for k in keys if k in self._waiting])
        else:
            QTimer.singleShot(0, self._finish)

    def ordered(self) -> tuple[QImage, ...]:
        """The pages drawn, in order."""
        return tuple(self.images[key] for key in self._keys if key in self.images)

    def _on_worker_page_rendered(self, key: RenderKey, image: QImage) -> None:
        if key in self._waiting:
            self._waiting.discard(key)
            self.images[key] = image
            self._check()

    def _on_worker_page_failed(self, key: RenderKey, _reason: str) -> None:
        if key in self._waiting:
            self._waiting.discard(key)
            self.failed += 1
            self._check()

    def _check(self) -> None:
        if not self._waiting:
            self._finish()

    def _finish(self) -> None:
        self._worker.page_rendered.disconnect(self._on_worker_page_rendered)
        self._worker.page_failed.disconnect(self._on_worker_page_failed)
        self._worker.request_pages(CHANNEL, [])
        self.finished.emit()


class PrintFeature(QObject):
    """Print, the reading copy and the transcript's exports, for the window's record."""

    def __init__(self, window: MainWindow, worker: PdfWorker) -> None:
        super().__init__(window)
        self._window = window
        self._worker = worker
        self._pending: ScanPages | None = None
        self.preview: QPrintPreviewDialog | None = None

    # -- the reading copy -----------------------------------------------------------------------

    def gather(self, then: Callable[[reading_copy.Copy], object]) -> bool:
        """Gather the record on screen as a reading copy (its scan's pages are drawn in the
        background) and give it to `then`; False (and said) when no record is shown."""
        record = self._window.current_record()
        if not isinstance(record, Record):
            self._say_error(self.tr("Open a record first: there is nothing to print or export."))
            return False
        text = reading_copy.record_document(
            record,
            self._window.transcript.browser().document(),
            metadata_panel.rows_for(record),
        )
        footer = citation.house(record)
        area = self._window.scan.area
        keys = []
        if area.info is not None:
            scale = round(PRINT_DPI / 72, 4)
            shown = [area.render_key(page) for page in range(area.info.page_count)]
            keys = [RenderKey(k.path, k.page, scale, k.rotation) for k in shown]
        if keys:
            self._window.messages.channel.info(
                self.tr("Preparing {count} scan pages…").format(count=len(keys)),
                replace="reading-copy",
            )
        pages = ScanPages(self._worker, keys, self)
        self._pending = pages

        def gathered() -> None:
            self._window.messages.channel.withdraw("reading-copy")
            if pages.failed:
                self._say_error(
                    self.tr("{count} scan pages could not be drawn and are left out.").format(
                        count=pages.failed
                    )
                )
            pages.deleteLater()
            if self._pending is pages:
                self._pending = None
            then(reading_copy.Copy(text, footer, pages.ordered()))

        pages.finished.connect(gathered)
        return True

    def print_record(self) -> None:
        """File > Print…: the reading copy in Qt's print preview, printed from there."""
        self.gather(self._show_preview)

    def _show_preview(self, copy: reading_copy.Copy) -> None:
        from PySide6.QtPrintSupport import (  # noqa: PLC0415  (loaded when first printed)
            QPrinter,
            QPrintPreviewDialog,
        )

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        reading_copy.set_margins(printer)
        printer.setDocName(copy.footer[:80])
        dialog = QPrintPreviewDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Print Preview"))
        dialog.paintRequested.connect(lambda device: self.print_on(copy, device))
        dialog.finished.connect(dialog.deleteLater)
        self.preview = dialog
        dialog.open()

    def print_on(self, copy: reading_copy.Copy, printer: QPrinter) -> int:
        """Paint `copy` on `printer`, the pages its dialog chose (all, a range or the page of
        the scan on screen); how many were painted."""
        from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415

        pages: list[int] | None = None
        chosen = printer.printRange()
        if chosen == QPrinter.PrintRange.PageRange:
            pages = list(range(printer.fromPage(), printer.toPage() + 1))
        elif chosen == QPrinter.PrintRange.CurrentPage:
            first = reading_copy.first_scan_page(copy, printer)
            pages = [first + max(0, self._window.scan.current_page())]
        return reading_copy.paint(copy, printer, pages)

    def export_reading_copy(self) -> None:
        """File > Export Reading Copy…: ask for a file, then write the reading copy there as
        one PDF."""

        record = self._window.current_record()
        if not isinstance(record, Record):
            self._say_error(self.tr("Open a record first: there is nothing to print or export."))
            return
        target = citation_actions.ask_save_path(
            self._window,
            self.tr("Export a reading copy"),
            Path.home() / f"{record.id}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if target is not None:
            self.gather(lambda copy: self.write_pdf(copy, target))

    def write_pdf(self, copy: reading_copy.Copy, target: Path) -> bool:
        """Write `copy` to `target` as a PDF (through a temporary file and a rename); said in
        the message bar either way."""
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            os.close(handle)
            writer = QPdfWriter(temporary)
            writer.setResolution(300)
            writer.setCreator("Archive Viewer")
            writer.setTitle(copy.footer)
            reading_copy.set_margins(writer)
            count = reading_copy.paint(copy, writer)
            del writer  # the file is complete once the writer is gone
            Path(temporary).replace(target)
        except OSError as exc:
            log.warning("reading copy to %s failed: %s", target, exc)
            self._say_error(
                self.tr(
                    "The reading copy could not be written to {file}: {reason}. Choose a "
                    "folder you can write to."
                ).format(file=target, reason=exc.strerror or exc)
            )
            return False
        self._window.messages.channel.info(
            self.tr("Reading copy of {count} pages written to {file}").format(
                count=count, file=target.name
            )
        )
        return True

    # -- the transcript -------------------------------------------------------------------------

    def transcript_text(self, fmt: transcript_export.TextFormat) -> str | None:
        """The transcript on screen in `fmt`, headed by the record's title and citation; None
        (and said) when the record shown has no transcript."""
        record = self._window.current_record()
        shown = self._window.display.transcript
        if not isinstance(record, Record) or shown is None or shown.display is None:
            self._say_error(self.tr("This record has no transcript to export."))
            return None
        body = shown.display.html
        document = QTextDocument()
        document.setHtml(body)
        cited = citation.house(record)
        if fmt is transcript_export.TextFormat.PLAIN:
            return transcript_export.plain(record.title, cited, plain_text(document))
        if fmt is transcript_export.TextFormat.MARKDOWN:
            return transcript_export.markdown(record.title, cited, document.toMarkdown())
        language = record.languages[0] if record.languages else ""
        return transcript_export.html_page(record.title, cited, body, language)

    def export_transcript(self, fmt: transcript_export.TextFormat) -> None:
        """File > Export Transcript > (format): ask for a file and write the transcript there."""

        text = self.transcript_text(fmt)
        record = self._window.current_record()
        if text is None or not isinstance(record, Record):
            return
        label = self.tr(str(FORMAT_NAMES[fmt]))
        target = citation_actions.ask_save_path(
            self._window,
            self.tr("Export the transcript as {format}").format(format=label),
            Path.home() / f"{record.id}{fmt.value}",
            f"{label} (*{fmt.value})",
        )
        if target is None:
            return
        try:
            citation_actions.write_atomically(target, text)
        except OSError as exc:
            self._say_error(
                self.tr(
                    "The transcript could not be written to {file}: {reason}. Choose a folder "
                    "you can write to."
                ).format(file=target, reason=exc.strerror or exc)
            )
            return
        self._window.messages.channel.info(
            self.tr("Transcript written to {file}").format(file=target.name)
        )

    def _say_error(self, text: str) -> None:
        self._window.messages.channel.error(text)
