"""Printing a record on the reading room's printer, never with a dialog, never to a file."""

from __future__ import annotations

import html
import logging
from typing import Protocol

from PySide6.QtGui import QTextCursor, QTextDocument

from viewer.domain import citation
from viewer.domain.model import Record

log = logging.getLogger(__name__)


class Printer(Protocol):
    """Prints a document on one named printer, without a dialog; False when it cannot."""

    def print_document(self, document: QTextDocument, printer_name: str) -> bool: ...


class SystemPrinter:
    """Prints on an installed printer through Qt; never to a file, never with a dialog."""

    def print_document(self, document: QTextDocument, printer_name: str) -> bool:
        """Print `document` on `printer_name`; False when that printer is not installed."""
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo  # noqa: PLC0415

        if printer_name not in QPrinterInfo.availablePrinterNames():
            log.error("kiosk printer %r is not installed; nothing printed", printer_name)
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        printer.setPrinterName(printer_name)
        if not printer.isValid() or printer.outputFileName():
            log.error("kiosk printer %r cannot be used; nothing printed", printer_name)
            return False
        document.print_(printer)
        return True


def record_document(record: Record, transcript: QTextDocument) -> QTextDocument:
    """What is printed for a record: its title and citation above its transcript."""
    document = transcript.clone()
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.insertHtml(
        f"<p><b>{html.escape(record.title)}</b><br>{html.escape(citation.house(record))}</p>"
    )
    cursor.insertBlock()
    return document
