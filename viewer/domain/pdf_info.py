"""What is known of an open PDF, as plain values: no PyMuPDF here.

The viewer's process receives these from the render worker's process; keeping them apart from
`viewer.domain.pdf` means the window never loads PyMuPDF just to read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PageSize:
    """A page's size in points as displayed (after the page's own rotation)."""

    width: float
    height: float


@dataclass(frozen=True)
class DocumentInfo:
    """What the viewer needs to lay out a document before rendering any page."""

    path: Path
    page_sizes: tuple[PageSize, ...]
    notices: tuple[str, ...] = ()
    """Quiet notices: damage MuPDF repaired, permissions restricted by an owner password."""
    metadata: dict[str, str] = field(default_factory=dict)
    encrypted: bool = False

    @property
    def page_count(self) -> int:
        """How many pages the document has."""
        return len(self.page_sizes)


IMAGE_SUFFIXES = frozenset(
    (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".pnm", ".pbm", ".pgm", ".ppm")
)
"""Image files MuPDF reads, each shown as a scan of one page (a multi-page TIFF: several)."""

DOCUMENT_SUFFIXES = frozenset((".pdf", *IMAGE_SUFFIXES))
"""Files shown as a scan: PDFs and images."""
