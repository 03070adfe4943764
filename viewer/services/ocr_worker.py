"""Background OCR for the window: a child process at low priority, its results as Qt signals.

The window never waits for it: requests are queued, and written to the process's stdin by a thread
of their own (the window never holds a lock that a write holds: a child still starting reads
nothing, and a write waits for it), and a reading thread turns what comes back into signals on
the GUI thread. Started only when first asked for.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, Signal

from viewer import paths
from viewer.domain import ocr, ocr_cache
from viewer.services import ocr_engine

log = logging.getLogger(__name__)


_REQUESTS_AT_ONCE = 200
"""Requests written to the OCR process between two chances for others to write."""

_Document = tuple[str, str, tuple[str, ...]]
"""An archive's scan to recognise: its path, language, and the photos it is made of."""


@dataclass(frozen=True)
class Progress:
    """How far the recognition of one document has got."""

    path: str
    done: int
    total: int


class OcrWorker(QObject):
    """Recognises image-only pages in its own process; results arrive as signals."""

    page_read = Signal(str, object)
    """A PDF's path and one of its pages' `ocr.OcrPage` (from the cache or just read)."""
    progress_changed = Signal(object)
    """A `Progress` after each page."""
    failed = Signal(str)
    """A message naming the file and the problem (a PDF, or Tesseract missing)."""
    idle = Signal()
    """Every job is done."""
    paused_changed = Signal(bool)
    """The process has taken a pause (True) or resume (False)."""
    _arrived = Signal(object)

    def __init__(self, cache_file: Path | None = None, processes: int = 0) -> None:
        super().__init__()
        self._cache_file = cache_file or ocr_cache.default_path(paths.ensure(paths.cache_dir()))
        self._processes = processes
        self._process: subprocess.Popen[bytes] | None = None
        """Started, written to and restarted by the writing thread only."""
        self._thread: threading.Thread | None = None
        self._writer: threading.Thread | None = None
        self._wake = threading.Condition()
        """Guards the two queues below and `_closed`; never held while writing to the pipe."""
        self._asked: collections.deque[object] = collections.deque()
        """Requests asked one at a time (a page on screen, a pause): written first."""
        self._archives: collections.deque[tuple[Iterator[_Document], int]] = collections.deque()
        """Archives' documents to ask for, with their priority, gone through a batch at a time."""
        self._paused = False
        self._closed = False
        self._arrived.connect(self._on_arrived)

    @property
    def paused(self) -> bool:
        return self._paused

    def recognise(
        self,
        path: Path | str,
        language: str,
        priority: int = ocr_engine.DOCUMENT,
        pages: tuple[int, ...] | None = None,
        images: tuple[Path, ...] = (),
    ) -> None:
        """Recognise the pages of `path` that have no text layer (`pages`: only these); with
        `images`, `path` is the first of these photos of one document, a page each."""
        names = tuple(str(image) for image in images)
        self._send(ocr_engine.Recognise(str(path), language, priority, pages, names))

    def recognise_all(
        self,
        documents: Iterable[_Document],
        priority: int = ocr_engine.ARCHIVE,
    ) -> None:
        """Recognise many documents, (path, language, images) each: an archive's scans
        (`images`: the photos a document is made of, as for `recognise`). `documents` is
        gone through, and the requests written to the OCR process, by the writing thread, a few
        hundred at a time: the window never waits on the pipe (nor on a generator over 100,000
        records), and the pages on screen asked for meanwhile are written in between."""
        with self._wake:
            self._archives.append((iter(documents), priority))
            self._wake_writer()

    def set_paused(self, paused: bool) -> None:
        """Pause or resume; a paused worker finishes the page it is reading."""
        self._paused = paused
        if self._process is not None or self._writer is not None:
            self._send(ocr_engine.Pause(paused))

    def shutdown(self) -> None:
        """Stop the process (pages already read are kept in the cache)."""
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        writer = self._writer
        if writer is not None:
            writer.join(timeout=0.5)  # a batch under way to a process that reads
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        if writer is not None and writer.is_alive():
            # Stuck on a full pipe: the process does not read, so it is not asked to stop.
            process.kill()
            writer.join(timeout=2)  # its write fails as the pipe closes
        else:
            with contextlib.suppress(OSError, ValueError):
                pickle.dump(ocr_engine.Stop(), process.stdin)
        with contextlib.suppress(OSError, ValueError):
            process.stdin.close()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            # Tesseract may be in the middle of a page: the finished ones are committed.
            process.kill()
            process.wait()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if process.stdout is not None:
            process.stdout.close()

    def _send(self, request: object) -> None:
        with self._wake:
            self._asked.append(request)
            self._wake_writer()

    def _wake_writer(self) -> None:
        """With `_wake` held: have the writing thread write what is queued (started if need be)."""
        if self._closed:
            return
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_all, name="ocr-requests")
            self._writer.daemon = True
            self._writer.start()
        self._wake.notify()

    def _write_all(self) -> None:
        """The writing thread: the OCR process started (again, if it ended) and every request
        written to it, those asked one at a time before each batch of an archive's. A child
        still starting reads nothing, and a write then waits for it: only this thread does."""
        while True:
            with self._wake:
                while not (self._closed or self._asked or self._archives):
                    self._wake.wait()
                if self._closed:
                    return
                requests = list(self._asked)
                self._asked.clear()
                archive = self._archives[0] if not requests else None
            if archive is not None:
                documents, priority = archive
                requests = [
                    ocr_engine.Recognise(path, language, priority, None, images)
                    for path, language, images in itertools.islice(documents, _REQUESTS_AT_ONCE)
                ]
                if not requests:
                    with self._wake:
                        self._archives.popleft()
                    continue
            if self._process is None or self._process.poll() is not None:
                self._process = self._start()
            self._write(self._process, *requests)

    def _start(self) -> subprocess.Popen[bytes]:
        env = paths.child_environment()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "viewer.services.ocr_engine",
                str(self._cache_file),
                str(self._processes),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None
        self._thread = threading.Thread(
            target=self._read, args=(process.stdout,), name="ocr-reader", daemon=True
        )
        self._thread.start()
        if self._paused:
            self._write(process, ocr_engine.Pause(True))
        return process

    @staticmethod
    def _write(process: subprocess.Popen[bytes], *requests: object) -> None:
        assert process.stdin is not None
        try:
            for request in requests:
                pickle.dump(request, process.stdin)
            process.stdin.flush()
        except (OSError, ValueError):
            log.warning("the OCR process is gone; %d requests were not sent", len(requests))

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            try:
                result = pickle.load(stream)
            except (EOFError, OSError, pickle.UnpicklingError):
                return
            self._arrived.emit(result)

    def _on_arrived(self, result: object) -> None:
        if isinstance(result, ocr_engine.PageRead):
            page: ocr.OcrPage = result.page
            if page.error:
                self.failed.emit(f"{Path(result.path).name}: {page.error}")
            self.page_read.emit(result.path, page)
            self.progress_changed.emit(Progress(result.path, result.done, result.total))
        elif isinstance(result, ocr_engine.DocumentFailed):
            self.failed.emit(result.message)
        elif isinstance(result, ocr_engine.PauseChanged):
            self.paused_changed.emit(result.paused)
        elif isinstance(result, ocr_engine.Idle):
            self.idle.emit()
