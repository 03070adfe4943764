"""Read many PDFs' metadata in a child process: paths in on stdin, one JSON line out for each.

`python -m viewer.domain.pdf_probe` reads one path a line and answers each with
`{"path": ..., "metadata": {...}}` (the info dictionary completed by XMP, as
`viewer.domain.pdf.open_document` reads it) or `{"path": ..., "error": "..."}`, flushing every
answer. It runs at low priority, so the page the reader waits for is rendered first; a PDF that
crashes MuPDF ends this process, not the viewer.
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


def serve(source: TextIO, sink: TextIO) -> None:
    """Answer every path of `source` on `sink`, until `source` ends."""
    for line in source:
        name = line.rstrip("\n")
        if name:
            sink.write(json.dumps(probe(Path(name))) + "\n")
            sink.flush()


def main() -> None:
    """The child process's entry point."""
    with contextlib.suppress(OSError):
        os.nice(5)
    serve(sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
