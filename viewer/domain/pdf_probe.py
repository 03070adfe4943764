"""Read many PDFs' metadata in a child process: paths in on stdin, one JSON line out for each.

`python -m viewer.domain.pdf_probe` reads one path a line and answers each with
`{"path": ..., "metadata": {...}}` (the info dictionary completed by XMP, as
`viewer.domain.pdf.open_document` reads it) or `{"path": ..., "error": "..."}`. A line `?PATH`
asks whether the PDF has a text layer instead: `{"path": ..., "text": true|false}`. An empty
line ends a batch: it is answered `{"done": true}` and the process waits for the next one, so
one process (PyMuPDF loaded once) serves every folder opened. Answers are flushed a few at a
time and at the end of a batch. It runs at low priority, so the page the reader waits for is
rendered first; a PDF that crashes MuPDF ends this process, not the viewer.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO


def probe(path: Path) -> dict[str, Any]:
    """One PDF's metadata, or why it cannot be read."""
    import pymupdf  # noqa: PLC0415  (only in this process)

    from viewer.domain import pdf  # noqa: PLC0415

    try:
        doc = pymupdf.open(path, filetype="pdf")
    except pdf.MUPDF_ERRORS as exc:
        return {
            "path": str(path),
            "error": f"{path.name}: this is not a PDF that can be opened ({exc})",
        }
    except OSError as exc:
        return {
            "path": str(path),
            "error": f"{path.name}: the file cannot be read ({exc.strerror})",
        }
    try:
        if doc.needs_pass:
            return {"path": str(path), "metadata": {}}
        # Most scans have no XMP packet: looking for one costs a dictionary lookup, reading
        # an absent one through MuPDF costs as much as opening the file.
        kind, _ = doc.xref_get_key(doc.pdf_catalog(), "Metadata")
        if kind == "null":
            info = {k: str(v) for k, v in (doc.metadata or {}).items() if v and k != "encryption"}
            return {"path": str(path), "metadata": info}
        return {"path": str(path), "metadata": pdf._metadata(doc)}
    except pdf.MUPDF_ERRORS as exc:
        return {"path": str(path), "error": f"{path.name}: its metadata cannot be read ({exc})"}
    finally:
        doc.close()


TEXT_PAGES = 3
"""Pages looked at for a text layer: a scan's first pages tell whether it was machine-read."""
FLUSH_EVERY = 16
"""Answers written before they are flushed: one write a PDF would wake the reader a thousand
times for a thousand PDFs."""


def text_layer(path: Path) -> dict[str, Any]:
    """Whether the PDF at `path` has a text layer: a font used on one of its first pages (a
    scan's invisible OCR text has one too). Reading the text itself costs several times more."""
    import pymupdf  # noqa: PLC0415  (only in this process)

    from viewer.domain import pdf  # noqa: PLC0415

    errors: tuple[type[Exception], ...] = (*pdf.MUPDF_ERRORS, OSError)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except errors as exc:
        return {"path": str(path), "error": f"{path.name}: {exc}"}
    try:
        if doc.needs_pass:
            return {"path": str(path), "error": f"{path.name}: needs a password"}
        pages = range(min(TEXT_PAGES, doc.page_count))
        return {"path": str(path), "text": any(doc.get_page_fonts(i) for i in pages)}
    except pdf.MUPDF_ERRORS as exc:
        return {"path": str(path), "error": f"{path.name}: {exc}"}
    finally:
        doc.close()


def serve(source: TextIO, sink: TextIO) -> None:
    """Answer every line of `source` on `sink`, until `source` ends."""
    unflushed = 0
    for line in source:
        name = line.rstrip("\n")
        if not name:
            sink.write('{"done": true}\n')
            sink.flush()
            unflushed = 0
            continue
        answer = text_layer(Path(name[1:])) if name.startswith("?") else probe(Path(name))
        sink.write(json.dumps(answer) + "\n")
        unflushed += 1
        if unflushed >= FLUSH_EVERY:
            sink.flush()
            unflushed = 0
    sink.flush()


def main() -> None:
    """The child process's entry point."""
    with contextlib.suppress(OSError):
        os.nice(5)
    # Loaded now, while the window shows the first page, not when the first PDF is asked for:
    # the reading then starts at once.
    import pymupdf  # noqa: F401, PLC0415

    from viewer.domain import pdf  # noqa: F401, PLC0415

    serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
