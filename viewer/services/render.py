"""The render worker: the one place that calls PyMuPDF, off the GUI thread.

`PdfWorker(QObject)` lives in the GUI thread and forwards every request to one worker that owns the
open PyMuPDF documents (`viewer.services.render_engine.PdfEngine`). The worker runs either in a
child process (`isolated=True`, the default: PyMuPDF holds the GIL while it renders, which would
stall the GUI thread for the length of a page, and a crash in a malformed PDF costs a page, not the
application) or in one thread of this process (`isolated=False`: tests, and debugging).
Results always arrive as signals in the GUI thread; every failure arrives as a signal too.

API (all calls return at once):

- `open(path, password=None) -> int`: request id; then `document_opened(request_id, DocumentInfo)`
  or `document_failed(request_id, path, message, needs_password)`. Documents are shared: each
  `open` must be matched by one `close(path)`.
- `prefetch(path, password=None)`: open `path` ahead of its `open` (callable from any thread:
  the archive's reading thread names the scan the window will show first). No answer.
- `close(path)`: release one opening of `path` and forget its cached pages when none is left.
- `request_pages(channel, keys)`: the pages `channel` (`VIEW` or `THUMBNAILS`) wants, most wanted
  first. It replaces the channel's previous wish, so pages scrolled past are never rendered; keys
  already cached are skipped. Then `page_rendered(key, QImage)` or `page_failed(key, message)`;
  rendered images are kept in `cache` (an `ImageCache`, LRU bounded in bytes).
- `extract_text(path, password=None, *, if_open=False)`: `text_extracted(path, pages, metadata)`
  with the text layer of every page ("" where there is none), or `text_failed(path, message)`.
  The document need not be open; with `if_open` the request lapses once it is closed.
- `request_words(path, page)`: `words_extracted(path, page, words)`, the page's `Word`s in points
  of the displayed page (empty without a text layer), or `page_failed(key, message)`.
- `worker_restarted(message)`: the child process died (a crash in MuPDF); it was restarted and
  the documents reopened; the page it was rendering failed with `page_failed`.
- `shutdown()`: stop the worker. Without it the child process still ends with the application,
  when its stdin closes.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import mmap
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from viewer.services import render_engine, worker_process
from viewer.services.render_cache import DEFAULT_LIMIT, ImageCache
from viewer.services.render_engine import (
    THUMBNAILS,
    VIEW,
    CloseRequest,
    FirstPage,
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
    SharedSamples,
    StopRequest,
    TextExtracted,
    TextFailed,
    TextRequest,
    WantRequest,
    Word,
    WordsExtracted,
    WordsRequest,
    remove_shared_files,
)

__all__ = ["THUMBNAILS", "VIEW", "FirstPage", "ImageCache", "PdfWorker", "RenderKey", "Word"]

log = logging.getLogger(__name__)

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


_FORMAT = QImage.Format.Format_RGB32 if sys.byteorder == "little" else QImage.Format.Format_RGBX8888
"""The worker's pixels as they are (`viewer.domain.pdf.PIXEL_BYTES`): on a little-endian machine
the format the raster engine paints fastest, without converting a pixel."""


def to_image(result: Rendered) -> QImage:
    """The rendered page as a QImage on the rendered pixels themselves, not a copy.

    The image holds a reference to its buffer (PySide6 releases it when the last copy of the
    image is gone): a bytearray, or this process's mapping of the worker's shared-memory file.
    """
    samples = result.samples
    if isinstance(samples, SharedSamples):
        samples = _map_shared(samples)
    return QImage(samples, result.width, result.height, result.stride, _FORMAT)


def _map_shared(shared: SharedSamples) -> mmap.mmap:
    """Map a shared-memory file of the worker, then remove its name: the memory goes with the map.

    Populated at once, so the memory is this process's (and counted in its resident size) from
    now on rather than page by page as it is painted.
    """
    try:
        fd = os.open(shared.path, os.O_RDWR)
        try:
            return mmap.mmap(fd, shared.size, flags=mmap.MAP_SHARED | _MAP_POPULATE)
        finally:
            os.close(fd)
    finally:
        with contextlib.suppress(OSError):
            Path(shared.path).unlink()


_MAP_POPULATE: int = getattr(mmap, "MAP_POPULATE", 0)


class _Image(NamedTuple):
    """A rendered page on its way to the GUI thread, as the QImage it is painted from."""

    key: RenderKey
    image: QImage


class _Relay(QObject):
    """Carries results from the worker's thread to the GUI thread (a queued connection)."""

    arrived = Signal(object)


class _ThreadInbox:
    def __init__(self) -> None:
        self.queue: queue.SimpleQueue[Request] = queue.SimpleQueue()

    def get(self) -> Request:
        return self.queue.get()

    def get_nowait(self) -> Request | None:
        try:
            return self.queue.get_nowait()
        except queue.Empty:
            return None


class _ThreadBackend:
    """The engine on one thread of this process."""

    def __init__(self, deliver: _Relay) -> None:
        self._relay = deliver
        self._inbox = _ThreadInbox()
        self.thread = threading.Thread(
            target=render_engine.serve, args=(self._inbox, self._sink), name="pdf-worker"
        )
        self.thread.daemon = True
        self.thread.start()

    def _sink(self, result: Result) -> None:
        if isinstance(result, Rendered):
            self._relay.arrived.emit(_Image(result.key, to_image(result)))
        else:
            self._relay.arrived.emit(result)

    def send(self, request: Request) -> None:
        self._inbox.queue.put(request)

    def stop(self) -> None:
        self._inbox.queue.put(StopRequest())
        self.thread.join(timeout=5)


class _ProcessBackend:
    """The engine in a child process, spoken to through pickles on its stdin and stdout."""

    def __init__(self, deliver: _Relay, on_exit: Callable[[_ProcessBackend], None]) -> None:
        self._relay = deliver
        self._on_exit = on_exit
        self.process = worker_process.take()
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin: IO[bytes] = self.process.stdin
        self._lock = threading.Lock()
        self._stopping = False
        self.thread = threading.Thread(
            target=self._read, args=(self.process.stdout,), name="pdf-worker-reader", daemon=True
        )
        self.thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            try:
                result = pickle.load(stream)
            except (EOFError, OSError, pickle.UnpicklingError):
                break
            if isinstance(result, Rendered):
                try:
                    image = to_image(result)
                except OSError as exc:
                    # The pixels went missing on the way (shared memory cleared under us):
                    # that costs this page, which can be asked for again, not the worker.
                    log.warning("rendered page %s could not be read: %s", result.key, exc)
                    self._relay.arrived.emit(
                        RenderFailed(result.key, "the rendered page was lost on its way")
                    )
                    continue
                self._relay.arrived.emit(_Image(result.key, image))
            else:
                self._relay.arrived.emit(result)
        if not self._stopping:
            self._on_exit(self)

    def send(self, request: Request) -> None:
        data = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            try:
                self._stdin.write(data)
                self._stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                log.warning("the render worker is gone; %r was not sent", request)

    def release(self) -> None:
        """Close the pipes of a process that died (its reader has seen the end of its output)."""
        for stream in (self._stdin, self.process.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    def stop(self) -> None:
        self._stopping = True
        self.send(StopRequest())
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.thread.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        remove_shared_files(self.process.pid)


class PdfWorker(QObject):
    """Renders pages and runs every other PyMuPDF job on one worker; answers with signals."""

    document_opened = Signal(int, object)
    document_failed = Signal(int, str, str, bool)
    page_rendered = Signal(object, QImage)
    page_failed = Signal(object, str)
    text_extracted = Signal(str, list, dict)
    text_failed = Signal(str, str)
    words_extracted = Signal(str, int, list)
    worker_restarted = Signal(str)
    _backend_exited = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        cache_limit: int = DEFAULT_LIMIT,
        isolated: bool = True,
    ) -> None:
        super().__init__(parent)
        self.cache = ImageCache(cache_limit)
        self.isolated = isolated
        self._ids = itertools.count(1)
        self._relay = _Relay(self)
        self._relay.arrived.connect(self._on_relay_arrived)
        # Pages evicted from the cache are let go of once the new one is painted (the paint
        # is a posted event, handled before a timer's).
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.setInterval(0)
        self._release_timer.timeout.connect(self.cache.release_evicted)
        self._backend_exited.connect(self._on_backend_exited)
        self._open: dict[str, tuple[str | None, int]] = {}
        self._wishes: dict[str, tuple[RenderKey, ...]] = {}
        self._in_flight: RenderKey | None = None
        self._generation = 0
        self._backend: _ThreadBackend | _ProcessBackend = self._start()

    def _start(self) -> _ThreadBackend | _ProcessBackend:
        if self.isolated:
            return _ProcessBackend(self._relay, self._backend_exited.emit)
        return _ThreadBackend(self._relay)

    @property
    def worker_thread(self) -> threading.Thread:
        """The thread that runs the engine (in-process), or that reads the child's results."""
        return self._backend.thread

    def open(
        self, path: Path | str, password: str | None = None, first_page: FirstPage | None = None
    ) -> int:
        """Ask for `path` to be opened; the answer carries the returned request id.

        With `first_page`, the worker renders the first page right after opening, at the scale
        the view will ask for: it arrives as an ordinary `page_rendered`.
        """
        request_id = next(self._ids)
        key = str(path)
        _, holders = self._open.get(key, (password, 0))
        self._open[key] = (password, holders + 1)
        self._backend.send(OpenRequest(request_id, key, password, first_page))
        return request_id

    def prefetch(self, path: Path | str, password: str | None = None) -> None:
        """Have the worker open `path` ahead of the `open` that will follow (from any thread).

        Nothing is answered: the `open` then finds the document open, or finds why it failed.
        """
        self._backend.send(PrefetchRequest(str(path), password))

    def close(self, path: Path | str) -> None:
        """Release one opening of `path`."""
        key = str(path)
        password, holders = self._open.get(key, (None, 0))
        if holders <= 1:
            self._open.pop(key, None)
            self.cache.drop_document(key)
        else:
            self._open[key] = (password, holders - 1)
        self._backend.send(CloseRequest(key))

    def request_pages(self, channel: str, keys: list[RenderKey] | tuple[RenderKey, ...]) -> None:
        """Replace what `channel` wants rendered (most wanted first), skipping cached pages."""
        wanted = tuple(k for k in keys if k not in self.cache)
        if wanted == self._wishes.get(channel):
            return
        self._wishes[channel] = wanted
        self._generation += 1
        self._backend.send(WantRequest(channel, wanted, self._generation))

    def extract_text(
        self, path: Path | str, password: str | None = None, *, if_open: bool = False
    ) -> None:
        """Ask for the text layer of every page of `path` (with `if_open`: only while open)."""
        self._backend.send(TextRequest(str(path), password, if_open))

    def request_words(self, path: Path | str, page: int) -> None:
        """Ask for the words of one page, with their boxes."""
        self._backend.send(WordsRequest(str(path), page))

    def is_idle(self) -> bool:
        """Whether every page asked for has been answered."""
        return self._in_flight is None and not any(self._wishes.values())

    @Slot()
    def shutdown(self) -> None:
        """Stop the worker; later requests are ignored."""
        backend = getattr(self, "_backend", None)
        if backend is not None:
            self._backend = _Stopped()  # type: ignore[assignment]
            backend.stop()

    @Slot(object)
    def _on_relay_arrived(self, result: object) -> None:
        if isinstance(result, _Image):
            key, image = result
            if self._in_flight == key:
                self._in_flight = None
            self._drop_from_wishes(key)
            if key.path in self._open:
                self.cache.put(key, image)
                if self.cache.has_evicted():
                    self._release_timer.start()
            self.page_rendered.emit(key, image)
        elif isinstance(result, RenderStarted):
            self._in_flight = result.key
        elif isinstance(result, Opened):
            self.document_opened.emit(result.request_id, result.info)
        elif isinstance(result, OpenFailed):
            self._forget_failed_open(result.path)
            self.document_failed.emit(
                result.request_id, result.path, result.message, result.needs_password
            )
        elif isinstance(result, RenderFailed):
            if self._in_flight == result.key:
                self._in_flight = None
            self._drop_from_wishes(result.key)
            self.page_failed.emit(result.key, result.message)
        elif isinstance(result, TextExtracted):
            self.text_extracted.emit(result.path, result.pages, result.metadata)
        elif isinstance(result, TextFailed):
            log.warning("text extraction failed: %s", result.message)
            self.text_failed.emit(result.path, result.message)
        elif isinstance(result, WordsExtracted):
            self.words_extracted.emit(result.path, result.page, list(result.words))

    def _drop_from_wishes(self, key: RenderKey) -> None:
        # A later identical wish must be sent again if this image is evicted from the cache.
        for channel, keys in self._wishes.items():
            if key in keys:
                self._wishes[channel] = tuple(k for k in keys if k != key)

    def _forget_failed_open(self, path: str) -> None:
        password, holders = self._open.get(path, (None, 0))
        if holders <= 1:
            self._open.pop(path, None)
        else:
            self._open[path] = (password, holders - 1)

    @Slot(object)
    def _on_backend_exited(self, backend: object) -> None:
        if backend is not self._backend:
            return
        crashed = self._in_flight
        self._in_flight = None
        log.error("the render worker stopped unexpectedly; restarting it")
        if isinstance(backend, _ProcessBackend):
            remove_shared_files(backend.process.pid)
            backend.release()
        self._backend = self._start()
        for path, (password, holders) in self._open.items():
            for _ in range(holders):
                self._backend.send(OpenRequest(0, path, password))
        self._wishes.clear()
        message = "the page renderer stopped unexpectedly and was restarted"
        if crashed is not None:
            self.page_failed.emit(
                crashed, f"{Path(crashed.path).name}: page {crashed.page + 1} {message}"
            )
        self.worker_restarted.emit(message)


class _Stopped:
    """The backend after shutdown: requests go nowhere."""

    thread = threading.current_thread()

    def send(self, request: Request) -> None:
        log.debug("the render worker is stopped; %r ignored", request)

    def stop(self) -> None:
        return
