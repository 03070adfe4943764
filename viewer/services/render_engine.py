"""The PyMuPDF side of the render worker: plain requests in, plain results out, no Qt.

Everything here runs on the worker (a thread of the window's process, or the child process of
`render_child`, see `viewer.services.render`). Requests and results are the picklable values of
`render_protocol`, so the same `serve` loop runs in either place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from viewer.domain.pdf_info import DocumentInfo
from viewer.services.render_protocol import (
    CHANNELS,
    VIEW,
    CloseRequest,
    JobStarted,
    Opened,
    OpenFailed,
    OpenRequest,
    PrefetchRequest,
    Rendered,
    RenderFailed,
    RenderKey,
    RenderStarted,
    Request,
    Result,
    StopRequest,
    TextExtracted,
    TextFailed,
    TextRequest,
    WantRequest,
    Word,
    WordsExtracted,
    WordsRequest,
)

if TYPE_CHECKING:
    from types import ModuleType


def _pdf() -> ModuleType:
    """viewer.domain.pdf, loaded on first use: only the worker loads PyMuPDF, not the window."""
    from viewer.domain import pdf  # noqa: PLC0415

    return pdf


log = logging.getLogger(__name__)


STORE_EMPTIED_EVERY = 1
"""MuPDF keeps decoded images in a store of up to 256 MB; a scan decodes each page's image once,
so the store is emptied after this many renders rather than left to grow beside our own cache
(once the page is on its way: emptying it costs the page's latency nothing)."""


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


READING_STEP_SECONDS = 0.05
"""A document's text is read this long at a time: the pages the view asks for meanwhile are
drawn in between (reopened at page 4,975 of 5,000, the page waited ~5 s for the whole text)."""


class _Reading:
    """A text job under way: the document, the pages read so far."""

    __slots__ = ("handle", "metadata", "owned", "request", "texts")

    def __init__(self, request: TextRequest, handle: Any, metadata: Any, *, owned: bool) -> None:
        self.request = request
        self.handle = handle
        self.metadata = metadata
        self.owned = owned
        """Whether the handle was opened for this job (closed when it ends)."""
        self.texts: list[str] = []


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
        self._reading: _Reading | None = None
        """The text job under way, read a step at a time between the view's pages."""

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
        return bool(self._jobs) or any(self._wanted.values()) or self._reading is not None

    def step(self, on_start: Callable[[Result], None] | None = None) -> Result | None:
        """Do the most urgent piece of work: a job, else the view's next page, else a thumbnail.
        A document's text under way goes on a step at a time, after each page the view wants."""
        if self._reading is not None:
            if not self._wanted[VIEW]:
                return self._go_on_reading(on_start)
            return self._render_wanted(on_start)
        if self._jobs:
            request = self._jobs.pop(0)
            try:
                return self._run(request, on_start)
            except Exception as exc:  # a bug of ours: report it and keep serving
                log.exception("the render worker failed on %r", request)
                return bug_answer(request, exc)
        return self._render_wanted(on_start)

    def _render_wanted(self, on_start: Callable[[Result], None] | None) -> Result | None:
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
        self._end_reading()
        self._drop_prefetched()
        for document in self._documents.values():
            document.handle.close()
        self._documents.clear()

    def _run(
        self, request: Request, on_start: Callable[[Result], None] | None = None
    ) -> Result | None:
        if isinstance(request, OpenRequest):
            return self.open(request)
        if isinstance(request, PrefetchRequest):
            self.prefetch(request)
            return None
        if isinstance(request, CloseRequest):
            self.close(request.path)
            return None
        if isinstance(request, TextRequest):
            return self.text(request, on_start)
        if isinstance(request, WordsRequest):
            return self.words(request, on_start)
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

    def text(
        self, request: TextRequest, on_start: Callable[[Result], None] | None = None
    ) -> Result | None:
        """Every page's text, using the open document when there is one; `on_start` hears of
        each page as it is begun (`JobStarted`). Read a step at a time: None until the last
        step (`step` goes on with it)."""
        document = self._documents.get(request.path)
        path = Path(request.path)
        if document is None and request.if_open:
            return None

        if document is not None:
            reading = _Reading(request, document.handle, document.info.metadata, owned=False)
        else:
            try:
                handle, info = _pdf().open_document(path, request.password)
            except _pdf().PdfError as exc:
                return TextFailed(request.path, exc.message())
            reading = _Reading(request, handle, info.metadata, owned=True)
        self._reading = reading
        return self._go_on_reading(on_start)

    def _go_on_reading(self, on_start: Callable[[Result], None] | None) -> Result | None:
        """Read the text under way for `READING_STEP_SECONDS` (a page at least); its answer once
        every page is read."""
        reading = self._reading
        assert reading is not None
        path = Path(reading.request.path)
        count = reading.handle.page_count
        until = time.monotonic() + READING_STEP_SECONDS
        try:
            while len(reading.texts) < count:
                index = len(reading.texts)
                if on_start is not None:
                    on_start(JobStarted(reading.request.path, index))
                reading.texts.append(_pdf().page_text(reading.handle, path, index))
                if time.monotonic() >= until:
                    break
        except Exception as exc:  # a bug of ours: report it and keep serving
            log.exception("the render worker failed reading %s", path)
            self._end_reading()
            return bug_answer(reading.request, exc)
        if len(reading.texts) < count:
            return None
        self._end_reading()
        return TextExtracted(reading.request.path, reading.texts, reading.metadata)

    def _end_reading(self) -> None:
        reading, self._reading = self._reading, None
        if reading is not None and reading.owned:
            reading.handle.close()

    def words(
        self, request: WordsRequest, on_start: Callable[[Result], None] | None = None
    ) -> WordsExtracted | RenderFailed:
        """The words of a page, in points on the page as displayed."""
        document = self._documents.get(request.path)
        key = RenderKey(request.path, request.page, 0.0)
        if document is None:
            return RenderFailed(key, f"{Path(request.path).name}: the document is not open")
        if on_start is not None:
            on_start(JobStarted(request.path, request.page, words=True))
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
