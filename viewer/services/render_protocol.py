"""The messages between the window and the render worker: requests in, results out.

Plain picklable values (no Qt, no PyMuPDF), so the same messages travel to a thread of the
window's process or through the pipes of the worker's child process (`render_child`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple, cast

from viewer.domain.pdf_info import DocumentInfo, PageSize
from viewer.services import page_fit

VIEW = "view"
"""Render channel of the page view: served before any other channel."""
THUMBNAILS = "thumbnails"
"""Render channel of the thumbnail bar: served when the view has nothing left to render."""
PRINT = "print"
"""Render channel of a printout or reading copy (every page of a scan at print resolution):
served when the view and the thumbnails have nothing left to render."""
CHANNELS = (VIEW, THUMBNAILS, PRINT)


class RenderKey(NamedTuple):
    """One rendered image: a page of a document at a scale (pixels per point) and rotation."""

    path: str
    page: int
    scale: float
    rotation: int = 0


class Word(NamedTuple):
    """A word of a page's text layer, its box in points on the page as displayed (unrotated)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    block: int
    line: int


# Requests ---------------------------------------------------------------------------------------


class FirstPage(NamedTuple):
    """How the view will show a document's first page, so the worker can render it unasked."""

    mode: str
    """The view's zoom mode (`page_fit.ZoomMode` value)."""
    width: float
    height: float
    """Room for pages in the view, in logical pixels."""
    device_pixel_ratio: float
    actual: float
    """Logical pixels per point at "actual size"."""
    zoom: float
    """The zoom in use when the mode is custom."""

    def key(self, path: str, info: DocumentInfo) -> RenderKey:
        """The key the view will ask page 1 for: the same arithmetic as the view's own."""
        # PageSize has Size's width and height: 690 copies as Size would cost 0.3 ms here, just
        # before the first page is rendered. The typical page stands for them all.
        typical = page_fit.typical_size(cast("list[page_fit.Size]", info.page_sizes))
        available = page_fit.Size(self.width, self.height)
        mode = page_fit.ZoomMode(self.mode)
        zoom = page_fit.fit_zoom(mode, [typical], available, self.actual) or self.zoom
        first = cast("page_fit.Size", info.page_sizes[0]) if info.page_sizes else None
        fitted = page_fit.page_zooms(mode, [first], available) if first is not None else None
        if fitted:  # in fit width the first page fits the width itself
            zoom = fitted[0]
        return RenderKey(path, 0, round(zoom * self.device_pixel_ratio, 4), 0)


class OpenRequest(NamedTuple):
    """Open (or share an already open) document."""

    request_id: int
    path: str
    password: str | None = None
    first_page: FirstPage | None = None
    images: tuple[str, ...] = ()
    """For a scan made of several photos: the image files, in page order (`path` is the
    first); empty for a PDF or an image file."""


class PrefetchRequest(NamedTuple):
    """Open a document before the view asks for it (the scan the window will show first).

    Nothing is answered: the `OpenRequest` that follows finds it open, or finds why it did not
    open. A prefetch not claimed by the next `OpenRequest` is closed (as it is by the next
    prefetch).
    """

    path: str
    password: str | None = None


class CloseRequest(NamedTuple):
    """Release one opening of a document; it closes when nobody holds it."""

    path: str


class WantRequest(NamedTuple):
    """Replace what `channel` wants rendered, most wanted first; older wishes are dropped."""

    channel: str
    keys: tuple[RenderKey, ...]
    generation: int = 0


class TextRequest(NamedTuple):
    """The text layer of every page of a document, and its metadata.

    With `if_open`, only while the document is open (the view's own question, moot once the
    reader has moved on); otherwise the file is opened for the purpose when it is not.
    """

    path: str
    password: str | None = None
    if_open: bool = False


class WordsRequest(NamedTuple):
    """The words of one page's text layer, with their boxes."""

    path: str
    page: int


class StopRequest(NamedTuple):
    """End the serve loop, closing every document."""


Request = (
    OpenRequest
    | PrefetchRequest
    | CloseRequest
    | WantRequest
    | TextRequest
    | WordsRequest
    | StopRequest
)

# Results ----------------------------------------------------------------------------------------


class Opened(NamedTuple):
    """A document opened; `info` lays it out."""

    request_id: int
    info: DocumentInfo

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent on the way to rendering the first page: 690 PageSize values pickle one by one in
        # ~0.6 ms, as plain numbers in ~0.1 ms (and are made again in the window).
        sizes = [n for size in self.info.page_sizes for n in (size.width, size.height)]
        return _opened, (self.request_id, dataclasses.replace(self.info, page_sizes=()), sizes)


def _opened(request_id: int, info: DocumentInfo, sizes: list[float]) -> Opened:
    """An `Opened` unpickled (see `Opened.__reduce__`)."""
    page_sizes = tuple(map(PageSize, sizes[0::2], sizes[1::2]))
    return Opened(request_id, dataclasses.replace(info, page_sizes=page_sizes))


class OpenFailed(NamedTuple):
    """A document did not open; `message` is for the reader."""

    request_id: int
    path: str
    message: str
    needs_password: bool


class Rendered(NamedTuple):
    """A page rendered as `height` rows of `stride` bytes, pixels as `pdf.PIXEL_BYTES` says
    (on a little-endian machine QImage's Format_RGB32, 0xffRRGGBB words)."""

    key: RenderKey
    width: int
    height: int
    stride: int
    samples: Any
    """A bytearray (a thread, or no shared memory), or `SharedSamples` once sent by a process
    (before, in that process: the mapped file, see `SharedPixels`)."""

    def __repr__(self) -> str:  # not the megabytes of pixels
        return f"Rendered({self.key!r}, {self.width}x{self.height})"


class RenderFailed(NamedTuple):
    """A page could not be rendered; the reason is for the reader."""

    key: RenderKey
    message: str


class RenderStarted(NamedTuple):
    """The worker begins rendering `key` (so a crash of the worker can be pinned on a page)."""

    key: RenderKey


class JobStarted(NamedTuple):
    """The worker begins reading `page` of `path` for a text layer (`words` False: the whole
    document's, a page at a time) or for a page's words, so that a page that takes too long can
    be named and given up, as a render is."""

    path: str
    page: int
    words: bool = False


class TextExtracted(NamedTuple):
    """The text layer of every page ("" where a page has none) and the document's metadata."""

    path: str
    pages: list[str]
    metadata: dict[str, str]


class TextFailed(NamedTuple):
    """The text of a document could not be read."""

    path: str
    message: str


class WordsExtracted(NamedTuple):
    """The words of one page (empty when the page has no text layer)."""

    path: str
    page: int
    words: tuple[Word, ...]


Result = (
    Opened
    | OpenFailed
    | Rendered
    | RenderFailed
    | RenderStarted
    | JobStarted
    | TextExtracted
    | TextFailed
    | WordsExtracted
)
