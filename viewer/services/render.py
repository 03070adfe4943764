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
- `worker_restarted(message)`: the child process died (a crash in MuPDF); it was restarted, the
  documents reopened and the pages wanted asked for again. The page it was rendering is asked
  for once more, then fails with `page_failed`; an open it was serving is retried
  `OPEN_RETRIES` times with growing pauses, then fails with `document_failed` naming the file.
- Time budget: a page that takes longer than `render_budget_ms` to draw (in the child process)
  fails with `page_failed`, and the child is replaced, so that the next pages (of other
  documents too) are not held behind it; closing a document whose page has been drawing for
  over `ABANDON_AFTER_MS` replaces the child at once. A bug of ours in any job fails that job's
  own request (`document_failed`, `text_failed`, `page_failed`) with words saying it is a bug.
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
import time
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
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._stopping = False
        self.thread = threading.Thread(
            target=self._read, args=(self.process.stdout,), name="pdf-worker-reader", daemon=True
        )
        self.thread.start()
        self._writer = threading.Thread(target=self._write, name="pdf-worker-writer", daemon=True)
        self._writer.start()

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
        """Hand `request` to the writing thread: the window never waits on a full pipe (the
        worker reads requests between steps, and one step can take seconds: a slow page, a
        5,000-page document's text), so scrolling while it works does not stall."""
        self._outbox.put(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self) -> None:
        while (data := self._outbox.get()) is not None:
            try:
                self._stdin.write(data)
                self._stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                log.warning(
                    "the render worker is gone; a request of %d bytes was not sent", len(data)
                )

    def _end_writing(self, timeout: float) -> None:
        """Let the writing thread send what is queued, then end it (waiting up to `timeout`)."""
        self._outbox.put(None)
        self._writer.join(timeout=timeout)

    def discard(self) -> None:
        """After the process died: collect it and close its pipes."""
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            self.process.kill()
            self.process.wait(timeout=5)
        self.thread.join(timeout=5)
        self._end_writing(timeout=5)
        for stream in (self._stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()
        remove_shared_files(self.process.pid)

    def stop(self) -> None:
        self._stopping = True
        self.send(StopRequest())
        self._end_writing(timeout=5)
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


RENDER_BUDGET_MS = 10_000
"""How long one page may take to draw before it is given up (10^8 shapes from 2 KB take
minutes; a page of a real scan takes well under a second)."""
OPEN_RETRIES = 3
"""How many times a document whose opening crashed the worker is opened again."""
RETRY_PAUSE_MS = 250
"""The pause before the first such retry; it doubles at each one."""
ABANDON_AFTER_MS = 500
"""A page of a document being closed that has been drawing this long is abandoned (the worker
is replaced) rather than waited for."""


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
        self._images: dict[str, tuple[str, ...]] = {}
        """The photos of the open documents made of several (for a restarted worker)."""
        self._confirmed: set[str] = set()
        """Paths the worker has answered an open of: reopened after a restart."""
        self._pending: dict[int, OpenRequest] = {}
        """Opens not answered yet, by request id: sent again after a restart."""
        self._open_crashes: dict[str, int] = {}
        self._render_crashes: dict[RenderKey, int] = {}
        self._wishes: dict[str, tuple[RenderKey, ...]] = {}
        self._in_flight: RenderKey | None = None
        self._timed_out: RenderKey | None = None
        self._abandoned = False
        self._in_flight_since = 0.0
        self._generation = 0
        self.render_budget_ms = RENDER_BUDGET_MS
        self._budget = QTimer(self)
        self._budget.setSingleShot(True)
        self._budget.timeout.connect(self._on_budget_spent)
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
        self,
        path: Path | str,
        password: str | None = None,
        first_page: FirstPage | None = None,
        images: tuple[Path, ...] = (),
    ) -> int:
        """Ask for `path` to be opened; the answer carries the returned request id.

        With `first_page`, the worker renders the first page right after opening, at the scale
        the view will ask for: it arrives as an ordinary `page_rendered`. With `images`, the
        document is those photos, a page each (`path` names the first).
        """
        request_id = next(self._ids)
        key = str(path)
        _, holders = self._open.get(key, (password, 0))
        self._open[key] = (password, holders + 1)
        image_names = tuple(str(image) for image in images)
        if image_names:
            self._images[key] = image_names
        request = OpenRequest(request_id, key, password, first_page, image_names)
        self._pending[request_id] = request
        self._backend.send(request)
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
            self._images.pop(key, None)
            self._confirmed.discard(key)
            self._open_crashes.pop(key, None)
            self.cache.drop_document(key)
        else:
            self._open[key] = (password, holders - 1)
        self._backend.send(CloseRequest(key))
        flight = self._in_flight
        if (
            holders <= 1
            and flight is not None
            and flight.path == key
            and time.monotonic() - self._in_flight_since > ABANDON_AFTER_MS / 1000
        ):
            # The reader has left a document whose page is taking long: stop drawing it now
            # rather than make the next document wait for it (MuPDF cannot be interrupted).
            self._stop_rendering(abandoned=True)

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
                self._budget.stop()
            self._drop_from_wishes(key)
            if key.path in self._open:
                self.cache.put(key, image)
                if self.cache.has_evicted():
                    self._release_timer.start()
            self.page_rendered.emit(key, image)
        elif isinstance(result, RenderStarted):
            self._in_flight = result.key
            self._in_flight_since = time.monotonic()
            if self.isolated:
                self._budget.start(self.render_budget_ms)
        elif isinstance(result, Opened):
            request = self._pending.pop(result.request_id, None)
            if request is not None:
                self._confirmed.add(request.path)
            self.document_opened.emit(result.request_id, result.info)
        elif isinstance(result, OpenFailed):
            self._pending.pop(result.request_id, None)
            self._forget_failed_open(result.path)
            self.document_failed.emit(
                result.request_id, result.path, result.message, result.needs_password
            )
        elif isinstance(result, RenderFailed):
            if self._in_flight == result.key:
                self._in_flight = None
                self._budget.stop()
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

    @Slot()
    def _on_budget_spent(self) -> None:
        """A page is over its time budget: stop the child drawing it (a new one takes over)."""
        log.warning(
            "%s took over %d ms to render; stopping it", self._in_flight, self.render_budget_ms
        )
        self._stop_rendering(abandoned=False)

    def _stop_rendering(self, *, abandoned: bool) -> None:
        backend = self._backend
        if self._in_flight is None or not isinstance(backend, _ProcessBackend):
            return
        self._timed_out = self._in_flight
        self._abandoned = abandoned
        with contextlib.suppress(OSError):
            backend.process.kill()

    @Slot(object)
    def _on_backend_exited(self, backend: object) -> None:
        if backend is not self._backend:
            return
        self._budget.stop()
        crashed, self._in_flight = self._in_flight, None
        timed_out, self._timed_out = self._timed_out, None
        abandoned, self._abandoned = self._abandoned, False
        if isinstance(backend, _ProcessBackend):
            backend.discard()
        self._backend = self._start()
        # Reopen what was open; an open that was being served is tried again, after a pause.
        pending = list(self._pending.values())
        for path, (password, holders) in self._open.items():
            if path not in self._confirmed:
                continue
            waiting = sum(1 for request in pending if request.path == path)
            for _ in range(holders - waiting):
                self._backend.send(OpenRequest(0, path, password, None, self._images.get(path, ())))
        if timed_out is None:  # a crash: the opens being served may be its cause
            for path in {request.path for request in pending}:
                self._open_crashes[path] = self._open_crashes.get(path, 0) + 1
        for request in pending:
            tries = self._open_crashes.get(request.path, 0)
            if tries == 0:
                self._backend.send(request)
            elif tries > OPEN_RETRIES:
                self._fail_crashing_open(request)
            else:
                QTimer.singleShot(
                    RETRY_PAUSE_MS * 2 ** (tries - 1), self, lambda r=request: self._retry(r)
                )
        name = Path(crashed.path).name if crashed is not None else ""
        if timed_out is not None and timed_out == crashed and abandoned:
            self._drop_from_wishes(crashed)
        elif timed_out is not None and timed_out == crashed:
            self._drop_from_wishes(crashed)
            self.page_failed.emit(
                crashed,
                f"{name}: page {crashed.page + 1} takes too long to draw (over "
                f"{self.render_budget_ms / 1000:g} s); it is skipped",
            )
        elif crashed is not None:
            tries = self._render_crashes[crashed] = self._render_crashes.get(crashed, 0) + 1
            if tries > 1:
                self._drop_from_wishes(crashed)
                self.page_failed.emit(
                    crashed,
                    f"{name}: page {crashed.page + 1} cannot be shown: it makes the page "
                    "renderer crash",
                )
        # Ask again for every page still wanted (with the crashed one, the first time).
        self._generation += 1
        for channel, keys in self._wishes.items():
            if keys:
                self._backend.send(WantRequest(channel, keys, self._generation))
        if timed_out is None:
            log.error("the render worker stopped unexpectedly; it was restarted")
            self.worker_restarted.emit(
                "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) "
                "and was restarted; the pages are being drawn again."
            )

    def _retry(self, request: OpenRequest) -> None:
        if self._pending.get(request.request_id) is request:
            self._backend.send(request)

    def _fail_crashing_open(self, request: OpenRequest) -> None:
        self._pending.pop(request.request_id, None)
        self._forget_failed_open(request.path)
        self.document_failed.emit(
            request.request_id,
            request.path,
            f"{Path(request.path).name}: this PDF makes the page renderer crash each time it is "
            f"opened ({OPEN_RETRIES + 1} tries), so it cannot be shown. Replace it with a good "
            "copy; the other documents are not affected",
            False,
        )


class _Stopped:
    """The backend after shutdown: requests go nowhere."""

    thread = threading.current_thread()

    def send(self, request: Request) -> None:
        log.debug("the render worker is stopped; %r ignored", request)

    def stop(self) -> None:
        return
