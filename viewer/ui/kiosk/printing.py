"""Printing a record on the reading room's printer, never with a dialog, never to a file (what
is printed is `services/reading_copy.record_document`, as the desktop's File > Print has it)."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtGui import QTextDocument

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
