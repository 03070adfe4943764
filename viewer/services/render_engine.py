"""The PyMuPDF side of the render worker: plain requests in, plain results out, no Qt.

Everything here runs on the worker (a thread or a child process, see `viewer.services.render`).
Requests and results are picklable values, so the same `serve` loop runs in either place.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import logging
import mmap
import os
import pickle
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, Protocol, cast

from viewer.domain.pdf_info import DocumentInfo, PageSize
from viewer.services import page_fit

if TYPE_CHECKING:
    from types import ModuleType


def _pdf() -> ModuleType:
    """viewer.domain.pdf, loaded on first use: only the worker loads PyMuPDF, not the window."""
    from viewer.domain import pdf  # noqa: PLC0415

    return pdf


log = logging.getLogger(__name__)

VIEW = "view"
"""Render channel of the page view: served before any other channel."""
THUMBNAILS = "thumbnails"
"""Render channel of the thumbnail bar: served when the view has nothing left to render."""
CHANNELS = (VIEW, THUMBNAILS)

STORE_EMPTIED_EVERY = 1
"""MuPDF keeps decoded images in a store of up to 256 MB; a scan decodes each page's image once,
so the store is emptied after this many renders rather than left to grow beside our own cache
(once the page is on its way: emptying it costs the page's latency nothing)."""


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


SHARED_MEMORY_DIR = Path("/dev/shm")
"""Where a child process leaves rendered pixels for the window process (tmpfs: memory, no disk)."""


class SharedSamples(NamedTuple):
    """A rendered page's pixels in a shared-memory file, which the reader maps and unlinks.

    A page is megabytes: pickled through the pipe it would be copied three times and held up by
    the pipe's 64 KB buffer; here MuPDF renders into the file and the window paints from it.
    """

    path: str
    size: int


def shared_prefix(pid: int) -> str:
    """The file-name prefix of the shared-memory files of worker process `pid`."""
    return f"archive-viewer-{pid}-"


def remove_shared_files(pid: int) -> None:
    """Remove what worker process `pid` left in shared memory (results never read)."""
    for leftover in SHARED_MEMORY_DIR.glob(shared_prefix(pid) + "*"):
        leftover.unlink(missing_ok=True)


ORPHAN_AGE_S = 600
"""A shared-memory file this old, of a process that is gone, will never be read."""


def remove_orphaned_shared_files() -> None:
    """Remove old shared-memory files of worker processes that are gone (killed, crashed)."""
    now = time.time()
    for leftover in SHARED_MEMORY_DIR.glob("archive-viewer-*-*"):
        pid_text = leftover.name.split("-")[2]
        if not pid_text.isdigit():
            continue
        try:
            if now - leftover.stat().st_mtime < ORPHAN_AGE_S:
                continue  # its window may still be about to read it
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:
            continue  # gone already, or alive and someone else's


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
    | TextExtracted
    | TextFailed
    | WordsExtracted
)


class Inbox(Protocol):
    """Where requests come from: blocking `get`, and `get_nowait` returning None when empty."""

    def get(self) -> Request:
        """The next request, waiting for one."""

    def get_nowait(self) -> Request | None:
        """The next request, or None when none is waiting."""


class _Document:
    __slots__ = ("handle", "holders", "info")

    def __init__(self, handle: Any, info: DocumentInfo, holders: int = 1) -> None:
        self.handle = handle
        self.info = info
        self.holders = holders


class PdfEngine:
    """Owns the open PyMuPDF documents and answers requests, one at a time.

    `allocate(size)` gives the writable buffer each page is rendered into.
    """

    def __init__(self, allocate: Callable[[int], Any] = bytearray) -> None:
        self._allocate = allocate
        self._documents: dict[str, _Document] = {}
        self._wanted: dict[str, list[RenderKey]] = {channel: [] for channel in CHANNELS}
        self._unasked: set[RenderKey] = set()
        self._jobs: list[Request] = []
        self._renders_kept = 0
        self._prefetched: tuple[PrefetchRequest, _Document | OpenFailed] | None = None
        """A document opened before it was asked for (not shared yet), or why it did not open."""

    def accept(self, request: Request) -> None:
        """Take a request; wishes replace earlier wishes of their channel at once."""
        if isinstance(request, WantRequest):
            keys = list(request.keys)
            if self._unasked and request.channel == VIEW:
                # A page rendered before it was asked for is on its way already: the view's
                # first wish, sent before it arrived, need not render it again.
                done = self._unasked - set(self._wanted[VIEW])
                keys = [k for k in keys if k not in done]
                self._unasked.clear()
            self._wanted[request.channel] = keys
        else:
            self._jobs.append(request)

    def busy(self) -> bool:
        """Whether anything is left to do."""
        return bool(self._jobs) or any(self._wanted.values())

    def step(self, on_start: Callable[[Result], None] | None = None) -> Result | None:
        """Do the most urgent piece of work: a job, else the view's next page, else a thumbnail."""
        if self._jobs:
            request = self._jobs.pop(0)
            try:
                return self._run(request)
            except Exception as exc:  # a bug of ours: report it and keep serving
                log.exception("the render worker failed on %r", request)
                return bug_answer(request, exc)
        for channel in CHANNELS:
            wanted = self._wanted[channel]
            if wanted:
                key = wanted.pop(0)
                # Both channels may want the same image; render it once.
                for other in CHANNELS:
                    if key in self._wanted[other]:
                        self._wanted[other].remove(key)
                if on_start is not None:
                    on_start(RenderStarted(key))
                try:
                    return self.render(key)
                except Exception as exc:
                    log.exception("the render worker failed on %r", key)
                    return RenderFailed(key, f"internal error while rendering: {exc!r}")
        return None

    def close_all(self) -> None:
        """Close every document."""
        self._drop_prefetched()
        for document in self._documents.values():
            document.handle.close()
        self._documents.clear()

    def _run(self, request: Request) -> Result | None:
        if isinstance(request, OpenRequest):
            return self.open(request)
        if isinstance(request, PrefetchRequest):
            self.prefetch(request)
            return None
        if isinstance(request, CloseRequest):
            self.close(request.path)
            return None
        if isinstance(request, TextRequest):
            return self.text(request)
        if isinstance(request, WordsRequest):
            return self.words(request)
        return None

    def prefetch(self, request: PrefetchRequest) -> None:
        """Open a document now that will be asked for soon; keep it, or why it failed."""
        if request.path in self._documents or (
            self._prefetched is not None and self._prefetched[0] == request
        ):
            return
        self._drop_prefetched()
        self._prefetched = (
            request,
            self._open_file(OpenRequest(0, request.path, request.password)),
        )

    def _drop_prefetched(self) -> None:
        if self._prefetched is not None:
            _, document = self._prefetched
            self._prefetched = None
            if isinstance(document, _Document):
                document.handle.close()

    def _claim_prefetched(self, request: OpenRequest) -> _Document | OpenFailed | None:
        """The prefetched document if `request` is for it (with the same password), or None;
        one that another document is opened before is not wanted any more, and is closed."""
        if self._prefetched is None:
            return None
        prefetch, document = self._prefetched
        if (prefetch.path, prefetch.password) != (request.path, request.password):
            self._drop_prefetched()
            return None
        self._prefetched = None
        if isinstance(document, OpenFailed):
            return document._replace(request_id=request.request_id)
        return document

    def _open_file(self, request: OpenRequest) -> _Document | OpenFailed:
        try:
            if request.images:
                images = [Path(image) for image in request.images]
                handle, info = _pdf().open_images(Path(request.path), images)
            else:
                handle, info = _pdf().open_document(Path(request.path), request.password)
        except _pdf().PdfError as exc:
            return OpenFailed(
                request.request_id,
                request.path,
                exc.message(),
                isinstance(exc, _pdf().PdfPasswordError),
            )
        return _Document(handle, info)

    def open(self, request: OpenRequest) -> Opened | OpenFailed:
        """Open a document, or share the one already open (or prefetched)."""
        document = self._documents.get(request.path)
        if document is not None:
            document.holders += 1
            return Opened(request.request_id, document.info)
        opened = self._claim_prefetched(request) or self._open_file(request)
        if isinstance(opened, OpenFailed):
            return opened
        info = opened.info
        self._documents[request.path] = opened
        if request.first_page is not None:
            # The view will want page 1 the moment it hears the file is open: start on it now
            # rather than after a round trip (it arrives as an ordinary rendered page).
            key = request.first_page.key(request.path, info)
            self._wanted[VIEW] = [key]
            self._unasked.add(key)
        return Opened(request.request_id, info)

    def close(self, path: str) -> None:
        """Release one holder of `path`; close it when none is left."""
        document = self._documents.get(path)
        if document is None:
            return
        document.holders -= 1
        if document.holders <= 0:
            del self._documents[path]
            document.handle.close()
            for channel in CHANNELS:
                self._wanted[channel] = [k for k in self._wanted[channel] if k.path != path]

    def render(self, key: RenderKey) -> Rendered | RenderFailed:
        """Render one page into a buffer of `allocate`."""
        document = self._documents.get(key.path)
        if document is None:
            return RenderFailed(key, f"{Path(key.path).name}: the document is not open")
        self._renders_kept += 1
        try:
            pixels = _pdf().render_page(
                document.handle, Path(key.path), key.page, key.scale, key.rotation, self._allocate
            )
        except _pdf().PdfError as exc:
            return RenderFailed(key, exc.message())
        return Rendered(key, pixels.width, pixels.height, pixels.stride, pixels.samples)

    def tidy(self) -> None:
        """Between requests: empty MuPDF's store every `STORE_EMPTIED_EVERY` renders."""
        if self._renders_kept >= STORE_EMPTIED_EVERY:
            self._renders_kept = 0
            _empty_store()

    def text(self, request: TextRequest) -> TextExtracted | TextFailed | None:
        """Every page's text, using the open document when there is one."""
        document = self._documents.get(request.path)
        path = Path(request.path)
        if document is None and request.if_open:
            return None
        if document is not None:
            return TextExtracted(
                request.path, _pdf().page_texts(document.handle, path), document.info.metadata
            )
        try:
            handle, info = _pdf().open_document(path, request.password)
        except _pdf().PdfError as exc:
            return TextFailed(request.path, exc.message())
        try:
            return TextExtracted(request.path, _pdf().page_texts(handle, path), info.metadata)
        finally:
            handle.close()

    def words(self, request: WordsRequest) -> WordsExtracted | RenderFailed:
        """The words of a page, in points on the page as displayed."""
        document = self._documents.get(request.path)
        key = RenderKey(request.path, request.page, 0.0)
        if document is None:
            return RenderFailed(key, f"{Path(request.path).name}: the document is not open")
        try:
            page = _pdf().load_page(document.handle, Path(request.path), request.page)
            # Text coordinates are in the unrotated page; the view lays out the displayed page.
            matrix = page.rotation_matrix
            words: list[Word] = []
            for x0, y0, x1, y1, text, block, line, _ in page.get_text("words"):
                box = _transform(matrix, x0, y0, x1, y1)
                words.append(Word(box[0], box[1], box[2], box[3], text, block, line))
        except _pdf().PdfError as exc:
            return RenderFailed(key, exc.message())
        except _pdf().MUPDF_ERRORS as exc:
            return RenderFailed(
                key, f"page {request.page + 1}: the text layer is unreadable ({exc})"
            )
        return WordsExtracted(request.path, request.page, tuple(words))


def bug_answer(request: Request, exc: BaseException) -> Result | None:
    """The answer to `request` when a bug of ours stopped it: the failure that request's asker
    waits for (an open fails as an open, not as a text extraction), said to be a bug, not the
    file's fault. Requests nobody waits on (close, prefetch) have none."""
    path = getattr(request, "path", "")
    problem = (
        f"{Path(path).name}: an internal error of the viewer stopped this ({exc!r}). "
        "The file may be fine; please report it"
    )
    if isinstance(request, OpenRequest):
        return OpenFailed(request.request_id, request.path, problem, False)
    if isinstance(request, TextRequest):
        return TextFailed(request.path, problem)
    if isinstance(request, WordsRequest):
        return RenderFailed(RenderKey(request.path, request.page, 0.0), problem)
    return None


def _transform(matrix: Any, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y1)):
        xs.append(x * matrix.a + y * matrix.c + matrix.e)
        ys.append(x * matrix.b + y * matrix.d + matrix.f)
    return min(xs), min(ys), max(xs), max(ys)


def _empty_store() -> None:
    import pymupdf  # noqa: PLC0415 - already loaded by viewer.domain.pdf

    pymupdf.TOOLS.store_shrink(100)


def serve(
    inbox: Inbox,
    sink: Callable[[Result], None],
    on_start: Callable[[Result], None] | None = None,
    allocate: Callable[[int], Any] = bytearray,
) -> None:
    """Answer requests from `inbox` until a StopRequest, draining new wishes between pages."""
    engine = PdfEngine(allocate)
    try:
        while True:
            request: Request | None = inbox.get() if not engine.busy() else inbox.get_nowait()
            while request is not None:
                if isinstance(request, StopRequest):
                    return
                engine.accept(request)
                request = inbox.get_nowait()
            result = engine.step(on_start)
            if result is not None:
                sink(result)
            engine.tidy()
    finally:
        engine.close_all()


class _PipeInbox:
    """Requests pickled one after another on a pipe, read by the serving thread itself.

    Between pages it only looks whether anything came, so `get_nowait` never blocks; a reading
    thread would put a thread switch (~0.2 ms) between every request and its answer. (Plain
    pickles, no framing: other clients of the worker, `text_layers`, write them with
    `pickle.dump`.)
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._data = b""
        self._requests: list[Request] = []

    def get(self) -> Request:
        while not self._requests:
            self._read()
        return self._requests.pop(0)

    def get_nowait(self) -> Request | None:
        if not self._requests and select.select([self._fd], [], [], 0)[0]:
            self._read()
        return self._requests.pop(0) if self._requests else None

    def _read(self) -> None:
        try:
            data = os.read(self._fd, 1 << 16)
        except OSError:
            data = b""
        if not data:  # the window closed the pipe: it is gone, or done with the worker
            self._requests.append(StopRequest())
            return
        self._data += data
        while self._data:
            stream = io.BytesIO(self._data)
            try:
                request = pickle.load(stream)
            except (EOFError, pickle.UnpicklingError):
                if len(self._data) < MAX_REQUEST_SIZE:
                    return  # the rest of it is still on its way
                log.error("an unreadable request of %d bytes; stopping", len(self._data))
                request = StopRequest()
            except Exception:  # a request naming what this program does not have
                log.exception("an unreadable request; stopping")
                request = StopRequest()
            self._data = self._data[stream.tell() :]
            self._requests.append(request)


MAX_REQUEST_SIZE = 1 << 20
"""A request is a few hundred bytes; this many that do not unpickle are not a request."""


class SharedPixels:
    """Buffers for pages in shared-memory files of this process; the window maps and unlinks them.

    MuPDF renders straight into the mapped file and the window paints from its own mapping of
    it, so a page's pixels are never copied. Where there is no shared memory (or it is full),
    a buffer is a bytearray, pickled through the pipe.

    Taking a page's worth of shared memory costs ~2 ms (the kernel clears and maps every 4 KB
    of it), so once a page is sent the buffer of the next is made ahead (`prepare`), while the
    worker waits for the reader's next move.
    """

    def __init__(self) -> None:
        self._prefix = str(SHARED_MEMORY_DIR / shared_prefix(os.getpid()))
        self._serial = itertools.count()
        self._given: dict[int, tuple[_SharedFile, int]] = {}
        """The buffers given out and not yet sent: id -> (file, size asked for)."""
        self._sent: list[tuple[_SharedFile, int]] = []
        self._spare: _SharedFile | None = None
        self._page_sizes: list[int] = []
        """The sizes of the last page-sized buffers asked for: the spare fits the largest."""

    def allocate(self, size: int) -> mmap.mmap | bytearray:
        """A writable buffer of `size` bytes, in shared memory if it can be."""
        if size >= SPARE_MIN_SIZE:
            self._page_sizes = [*self._page_sizes[1 - SPARE_FITS_LAST :], size]
        shared = self._spare
        if shared is not None and _fits(size, len(shared.buffer)):
            self._spare = None
        else:
            shared = self._map(size)
            if shared is None:
                return bytearray(size)
        self._given[id(shared.buffer)] = (shared, size)
        return shared.buffer

    def share(self, samples: object) -> SharedSamples | None:
        """What names `samples` for the window (None: not in shared memory)."""
        entry = self._given.pop(id(samples), None)
        if entry is None:
            return None
        self._sent.append(entry)
        return SharedSamples(entry[0].path, entry[1])

    def release(self) -> None:
        """After a result is sent: let go of what was shared, remove what never will be."""
        for shared, size in self._sent:
            # A spare made for a larger page: the rest of the file is memory nobody maps.
            # (Cut now that the page has gone; the file may be unlinked already.)
            shared.close(size)
        self._sent.clear()
        for shared, _ in self._given.values():  # a render that failed after allocating
            shared.close()
            Path(shared.path).unlink(missing_ok=True)
        self._given.clear()

    def prepare(self) -> None:
        """Make the buffer of the next page now, unless the spare is one for it already."""
        if not self._page_sizes:
            return
        # Pages of one scan differ a little in size (letter, legal): fit the largest of late.
        size = max(self._page_sizes)
        if self._spare is not None and _fits(size, len(self._spare.buffer)):
            return
        self.close()
        self._spare = self._map(size + size // 64)

    def close(self) -> None:
        """Remove the spare buffer."""
        if self._spare is not None:
            self._spare.close()
            Path(self._spare.path).unlink(missing_ok=True)
            self._spare = None

    def _map(self, size: int) -> _SharedFile | None:
        path = f"{self._prefix}{next(self._serial)}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except OSError:
            return None
        try:
            # The memory is taken now, or refused now (ENOSPC): writing into a mapping of a
            # full tmpfs would kill this process with SIGBUS. Populated at once: far fewer
            # page faults than MuPDF touching each page of it.
            os.posix_fallocate(fd, 0, size)
            buffer = mmap.mmap(fd, size, flags=mmap.MAP_SHARED | _MAP_POPULATE)
        except (OSError, ValueError):
            os.close(fd)
            Path(path).unlink(missing_ok=True)
            return None
        return _SharedFile(path, fd, buffer)


class _SharedFile:
    """A shared-memory file of this process, open and mapped."""

    __slots__ = ("buffer", "fd", "path")

    def __init__(self, path: str, fd: int, buffer: mmap.mmap) -> None:
        self.path = path
        self.fd = fd
        self.buffer = buffer

    def close(self, size: int | None = None) -> None:
        """Unmap and close it, first cutting it to `size` bytes if it is longer."""
        try:
            if size is not None and size < len(self.buffer):
                os.ftruncate(self.fd, size)
        except OSError:
            log.warning("a shared-memory file could not be shortened", exc_info=True)
        finally:
            self.buffer.close()
            os.close(self.fd)


SPARE_MIN_SIZE = 1024 * 1024
"""Buffers from this size on are a page in the view (a thumbnail is far smaller): the spare is
made for those; a thumbnail's buffer costs little to make when it is needed."""
SPARE_FITS_LAST = 8
"""The spare is as large as the largest of this many last page-sized buffers."""


def _fits(size: int, capacity: int) -> bool:
    """Whether a spare of `capacity` bytes is the one for `size` (not one of twice the size)."""
    return size <= capacity <= 2 * size


_MAP_POPULATE: int = getattr(mmap, "MAP_POPULATE", 0)


def _pipe_sink(stream: BinaryIO, pixels: SharedPixels) -> Callable[[Result], None]:
    def send(result: Result) -> None:
        if isinstance(result, Rendered):
            shared = pixels.share(result.samples)
            if shared is not None:
                result = result._replace(samples=shared)
        pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        stream.flush()
        pixels.release()
        if isinstance(result, Rendered):
            pixels.prepare()

    return send


def main() -> None:
    """Serve requests on stdin, results on stdout: the worker as a child process."""
    logging.basicConfig(level=logging.WARNING, format="render worker: %(levelname)s %(message)s")
    # Results own the real stdout; anything else printing (C libraries included) goes to stderr.
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    pixels = SharedPixels()
    sink = _pipe_sink(results, pixels)
    _pdf()  # load PyMuPDF now, while the window process is still starting
    remove_orphaned_shared_files()
    try:
        serve(_PipeInbox(sys.stdin.fileno()), sink, sink, pixels.allocate)
    except BrokenPipeError:
        log.debug("the application went away; stopping")
    finally:
        pixels.close()
        # Whatever the window did not take, it no longer wants.
        remove_shared_files(os.getpid())


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: pickled requests name its classes.
    import importlib

    importlib.import_module("viewer.services.render_engine").main()
