"""The OCR process: recognises pages in the background at the lowest priority, no Qt.

Requests come pickled on stdin, results go pickled to stdout (see `viewer.services.ocr_worker`).
Jobs are served by priority (pages on screen, then the open document, then the archive), a few
pages at a time so that a new request or a pause takes effect within a page or two. Every page is
committed to the user's OCR cache as soon as it is read, so a kill loses no finished page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import os
import pickle
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from viewer.domain import ocr, ocr_batch, ocr_cache

log = logging.getLogger(__name__)

ON_SCREEN = 0
DOCUMENT = 1
ARCHIVE = 2


class Recognise(NamedTuple):
    """Recognise `pages` of `path` (None: every page without a text layer; the pages named are
    read even when they have one). With `images`, the document is those photos, a page each,
    as the scan view shows it (`path` is the first): page N is the Nth photo."""

    path: str
    language: str
    priority: int = DOCUMENT
    pages: tuple[int, ...] | None = None
    images: tuple[str, ...] = ()


class Pause(NamedTuple):
    paused: bool


class Stop(NamedTuple):
    pass


class PageRead(NamedTuple):
    """One page's words (from the cache or just recognised), with the document's progress."""

    path: str
    page: ocr.OcrPage
    done: int
    total: int


class DocumentFailed(NamedTuple):
    """A document that cannot be recognised at all: the message names the file and why."""

    path: str
    message: str


class PauseChanged(NamedTuple):
    """The engine took a pause request: while paused it starts no page."""

    paused: bool


class Idle(NamedTuple):
    """Every job is done."""


class _Job(NamedTuple):
    priority: int
    order: int
    request: Recognise


class _Document:
    """An open PDF (or photos joined as one) and what is known of its pages.

    Results are cached by the content of the file each page comes from: a PDF's page N, or the
    photo (and frame) that is page N of a document of photos, so a photo is read once whichever
    record or order it is shown in."""

    def __init__(self, request: Recognise, cache: ocr_cache.OcrCache) -> None:
        self.language = request.language
        self.sources: list[tuple[str, int]]
        if request.images:
            self.doc, photos = ocr_batch.open_images([Path(p) for p in request.images])
            hashes = {path: cache.content_of(path) for path, _ in photos}
            self.sources = [(hashes[path], frame) for path, frame in photos]
            wanted = list(range(len(photos)))  # a photo has no text layer
        else:
            self.doc = ocr_batch.open_pdf(Path(request.path))
            content = cache.content_of(Path(request.path))
            self.sources = [(content, n) for n in range(self.doc.page_count)]
            known = cache.image_pages(content)
            if known is None:
                known = [
                    n for n in range(self.doc.page_count) if not ocr.has_text_layer(self.doc, n)
                ]
                cache.set_image_pages(content, known)
            wanted = known
        self.wanted = wanted
        contents = dict.fromkeys(content for content, _ in self.sources)
        stored = {content: cache.pages(content, self.language) for content in contents}
        self.known: dict[int, ocr.OcrPage] = {
            number: dataclasses.replace(stored[content][frame], page=number)
            for number, (content, frame) in enumerate(self.sources)
            if frame in stored[content]
        }

    def store(self, cache: ocr_cache.OcrCache, page: ocr.OcrPage) -> ocr.OcrPage:
        """Keep a page just read, in the cache under the file and page it comes from; what is
        kept (`OcrCache.put`)."""
        content, frame = self.sources[page.page]
        kept = cache.put(content, dataclasses.replace(page, page=frame))
        self.known[page.page] = dataclasses.replace(kept, page=page.page)
        return self.known[page.page]

    def to_read(self, pages: Iterable[int]) -> list[int]:
        """Of `pages`, those never read, then those an older recogniser read."""
        pages = list(pages)
        unread = [n for n in pages if n not in self.known]
        return unread + [n for n in pages if n in self.known and self.known[n].outdated]

    def done(self) -> int:
        """How many of the pages without a text layer have been read."""
        return sum(1 for n in self.wanted if n in self.known)


class Engine:
    """The job queue and the loop that serves it."""

    def __init__(self, cache: ocr_cache.OcrCache, send: Any, processes: int) -> None:
        self._cache = cache
        self._send = send
        self._processes = processes
        self._jobs: list[_Job] = []
        self._order = itertools.count()
        self._paused = False
        self._stopped = False
        self._working = False
        self._changed = threading.Condition()
        self._documents: dict[tuple[str, str], _Document] = {}

    def submit(self, request: object) -> None:
        """Take a request (from the reading thread)."""
        with self._changed:
            if isinstance(request, Recognise):
                request = request._replace(language=ocr.usable_language(request.language))
                self._jobs.append(_Job(request.priority, next(self._order), request))
            elif isinstance(request, Pause):
                self._paused = request.paused
                self._send(PauseChanged(request.paused))
            elif isinstance(request, Stop):
                self._stopped = True
            self._changed.notify()

    def _next(self) -> Recognise | None:
        with self._changed:
            while not self._stopped and (self._paused or not self._jobs):
                if not self._jobs and self._working:
                    self._working = False
                    self._send(Idle())
                self._changed.wait()
            if self._stopped:
                return None
            self._working = True
            job = min(self._jobs)
            return job.request

    def _finish(self, request: Recognise) -> None:
        with self._changed:
            self._jobs = [job for job in self._jobs if job.request is not request]
            still_wanted = {(job.request.path, job.request.language) for job in self._jobs}
        key = (request.path, request.language)
        if key not in still_wanted and key in self._documents:
            # An archive of thousands of scans is not kept open; what was read is in the cache.
            self._documents.pop(key).doc.close()

    def _document(self, request: Recognise) -> _Document | None:
        key = (request.path, request.language)
        document = self._documents.get(key)
        if document is None:
            from viewer.domain import pdf  # noqa: PLC0415

            try:
                document = _Document(request, self._cache)
            except (pdf.PdfError, OSError) as exc:
                message = exc.message() if isinstance(exc, pdf.PdfError) else str(exc)
                self._send(DocumentFailed(request.path, message))
                return None
            self._documents[key] = document
            done = document.done()
            for page in sorted(document.known.values(), key=lambda p: p.page):
                self._send(PageRead(request.path, page, done, len(document.wanted)))
        return document

    def run(self) -> None:
        """Serve jobs until stopped."""
        while (request := self._next()) is not None:
            document = self._document(request)
            if document is None:
                self._finish(request)
                continue
            wanted = request.pages if request.pages is not None else document.wanted
            todo = document.to_read(wanted)
            if not todo:
                self._finish(request)
                continue
            for page in ocr_batch.recognise_pages(
                document.doc, todo[: self._processes], request.language, self._processes
            ):
                kept = document.store(self._cache, page)
                self._send(PageRead(request.path, kept, document.done(), len(document.wanted)))


class _Sender:
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def __call__(self, result: object) -> None:
        with self._lock, contextlib.suppress(OSError, ValueError):
            pickle.dump(result, self._stream)
            self._stream.flush()


def _read(stream: BinaryIO, engine: Engine) -> None:
    while True:
        try:
            request = pickle.load(stream)
        except (EOFError, OSError, pickle.UnpicklingError):
            engine.submit(Stop())
            return
        engine.submit(request)


def main() -> None:
    """The OCR process: `python -m viewer.services.ocr_engine CACHE_FILE PROCESSES`."""
    os.nice(19 - os.nice(0))
    ocr.remove_stale_files()
    cache = ocr_cache.OcrCache(Path(sys.argv[1]))
    processes = int(sys.argv[2]) or ocr_batch.default_processes()
    engine = Engine(cache, _Sender(sys.stdout.buffer), processes)
    threading.Thread(target=_read, args=(sys.stdin.buffer, engine), daemon=True).start()
    try:
        engine.run()
    except ocr.OcrUnavailableError as exc:
        _Sender(sys.stdout.buffer)(DocumentFailed("", str(exc)))
    finally:
        cache.close()


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: pickled requests name its classes.
    import importlib

    importlib.import_module("viewer.services.ocr_engine").main()
