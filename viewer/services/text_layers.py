"""Reading scan text layers for the search index, on the indexing thread.

The render worker runs PyMuPDF in its own process, so in the viewer's process the indexing thread
is the only caller of PyMuPDF; the lock keeps it so if anything else in this process ever reads
a PDF (PyMuPDF is not thread-safe).
"""

from __future__ import annotations

import threading
from pathlib import Path

_LOCK = threading.Lock()


def read_text_layer(path: Path) -> list[str]:
    """The text of every page of `path` ("" where a page has none); PdfError if unreadable."""
    from viewer.domain import pdf  # noqa: PLC0415  (PyMuPDF is loaded by indexing, not start-up)

    with _LOCK:
        doc, _ = pdf.open_document(path)
        try:
            return pdf.page_texts(doc, path)
        finally:
            doc.close()
