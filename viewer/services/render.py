"""The render worker: the one place that calls PyMuPDF, off the GUI thread.

`PdfWorker(QObject)` lives in the GUI thread and forwards every request (`render_protocol`) to one
worker that owns the open PyMuPDF documents (`viewer.services.render_engine.PdfEngine`). The worker
runs either in a child process (`isolated=True`, the default, `render_child`: PyMuPDF holds the
GIL while it renders, which would stall the GUI thread for the length of a page, and a crash in a
malformed PDF costs a page, not the application) or in one thread of this process
(`isolated=False`: tests, and debugging); `render_backends` runs it either way.
Results always arrive as signals in the GUI thread; every failure arrives as a signal too.

API (all calls return at once):

- `open(path, password=None) -> int`: request id; then `document_opened(request_id, DocumentInfo)`
  or `document_failed(request_id, path, message, needs_password)`. Documents are shared: each
  `open` must be matched by one `close(path)`.
- `prefetch(path, password=None)`: open `path` ahead of its `open` (callable from any thread:
  the archive's reading thread names the scan the window will show first). No answer.
- `close(path)`: release one opening of `path` and forget its cached pages when none is left.
- `request_pages(channel, keys)`: the pages `channel` (`VIEW`, `THUMBNAILS` or `PRINT`) wants,
  most wanted first. It replaces the channel's previous wish, so pages scrolled past are never
  rendered; keys already cached are skipped. Then `page_rendered(key, QImage)` or
  `page_failed(key, message)`; rendered images are kept in `cache` (an `ImageCache`, LRU
  bounded in bytes).
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
  over `ABANDON_AFTER_MS` replaces the child at once. Text layers and words get the same, a page
  at a time (`text_budget_ms`): the job whose page takes longer fails (`text_failed`,
  `page_failed`) naming the file and the page, and the jobs queued behind it are sent to the
  child that takes over (as they are after a crash, when a page whose text crashes the child
  fails its job the same way). A bug of ours in any job fails that job's own request
  (`document_failed`, `text_failed`, `page_failed`) with words saying it is a bug.
- `shutdown()`: stop the worker. Without it the child process still ends with the application,
  when its stdin closes.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from viewer.services import render_backends as backends
from viewer.services import render_jobs
from viewer.services.render_cache import DEFAULT_LIMIT, ImageCache
from viewer.services.render_protocol import (
    THUMBNAILS,
    VIEW,
    CloseRequest,
    FirstPage,
    JobStarted,
    Opened,
    OpenFailed,
    OpenRequest,
    PrefetchRequest,
    RenderFailed,
    RenderKey,
    RenderStarted,
    TextExtracted,
    TextFailed,
    TextRequest,
    WantRequest,
    Word,
    WordsExtracted,
    WordsRequest,
)

__all__ = ["THUMBNAILS", "VIEW", "FirstPage", "ImageCache", "PdfWorker", "RenderKey", "Word"]

log = logging.getLogger(__name__)


RENDER_BUDGET_MS = 10_000
"""How long one page may take to draw before it is given up (10^8 shapes from 2 KB take
minutes; a page of a real scan takes well under a second)."""
TEXT_BUDGET_MS = 10_000
"""How long the text or words of one page may take to read before they are given up (the
same 2 KB page takes about as long to read as to draw)."""
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
    text_extracted = Signal(str, object, object)
    text_failed = Signal(str, str)
    words_extracted = Signal(str, int, object)
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
        self._relay = backends.Relay(self)
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
        self.text_budget_ms = TEXT_BUDGET_MS
        self._jobs = render_jobs.PendingJobs()
        self._job_timed_out = False
        self._budget = QTimer(self)
        self._budget.setSingleShot(True)
        self._budget.timeout.connect(self._on_budget_spent)
        self._backend: backends.ThreadBackend | backends.ProcessBackend = self._start()

    def _start(self) -> backends.ThreadBackend | backends.ProcessBackend:
        if self.isolated:
            return backends.ProcessBackend(self._relay, self._backend_exited.emit)
        return backends.ThreadBackend(self._relay)

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
        self._send_job(TextRequest(str(path), password, if_open))

    def request_words(self, path: Path | str, page: int) -> None:
        """Ask for the words of one page, with their boxes."""
        self._send_job(WordsRequest(str(path), page))

    def _send_job(self, request: TextRequest | WordsRequest) -> None:
        self._jobs.sent(request)
        self._backend.send(request)

    def is_idle(self) -> bool:
        """Whether every page asked for has been answered."""
        return self._in_flight is None and not any(self._wishes.values())

    @Slot()
    def shutdown(self) -> None:
        """Stop the worker; later requests are ignored."""
        backend = getattr(self, "_backend", None)
        if backend is not None:
            self._backend = backends.Stopped()  # type: ignore[assignment]
            backend.stop()

    @Slot(object)
    def _on_relay_arrived(self, result: object) -> None:
        if isinstance(result, JobStarted):
            self._jobs.started(result)
            if self.isolated:
                self._budget.start(self.text_budget_ms)
            return
        if self._jobs.current is not None:  # the worker answers one thing at a time
            self._budget.stop()
        self._jobs.answered(result)
        if isinstance(result, backends.RenderedImage):
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
        backend = self._backend
        if self._jobs.current is not None and isinstance(backend, backends.ProcessBackend):
            reading = backend.reading
            if reading is None:
                return  # the job is done: its answer is on its way to this thread
            page, since = reading
            left = self.text_budget_ms / 1000 - (time.monotonic() - since)
            if left > 0:  # the job went on to another page, which has time left
                self._budget.start(int(left * 1000) + 1)
                return
            self._jobs.reading(page)
            log.warning(
                "%s took over %d ms to read; stopping it", self._jobs.current, self.text_budget_ms
            )
            self._job_timed_out = True
            with contextlib.suppress(OSError):
                backend.process.kill()
            return
        log.warning(
            "%s took over %d ms to render; stopping it", self._in_flight, self.render_budget_ms
        )
        self._stop_rendering(abandoned=False)

    def _stop_rendering(self, *, abandoned: bool) -> None:
        backend = self._backend
        if self._in_flight is None or not isinstance(backend, backends.ProcessBackend):
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
        job_timed_out, self._job_timed_out = self._job_timed_out, False
        if isinstance(backend, backends.ProcessBackend):
            backend.discard()
        self._backend = self._start()
        stopped = timed_out is not None or job_timed_out  # not a crash: stopped on purpose
        self._reopen(crash=not stopped)
        job, jobs = self._jobs.lost(set(self._open))
        if job is not None:  # its page took too long, or crashed the worker: say which
            answer = render_jobs.failure(
                job, timed_out=job_timed_out, budget_ms=self.text_budget_ms
            )
            log.warning("%s", answer.message)
            if isinstance(answer, TextFailed):
                self.text_failed.emit(answer.path, answer.message)
            else:
                self.page_failed.emit(answer.key, answer.message)
        for request in jobs:  # those behind it, and those sent to the worker that died
            self._backend.send(request)
        self._fail_lost_page(crashed, timed_out, abandoned)
        # Ask again for every page still wanted (with the crashed one, the first time).
        self._generation += 1
        for channel, keys in self._wishes.items():
            if keys:
                self._backend.send(WantRequest(channel, keys, self._generation))
        if not stopped:
            log.error("the render worker stopped unexpectedly; it was restarted")
            self.worker_restarted.emit(
                "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) "
                "and was restarted; the pages are being drawn again."
            )

    def _reopen(self, *, crash: bool) -> None:
        """Reopen what was open; an open that was being served is tried again, after a pause
        (after a `crash`, it may have been its cause)."""
        pending = list(self._pending.values())
        for path, (password, holders) in self._open.items():
            if path not in self._confirmed:
                continue
            waiting = sum(1 for request in pending if request.path == path)
            for _ in range(holders - waiting):
                self._backend.send(OpenRequest(0, path, password, None, self._images.get(path, ())))
        if crash:
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

    def _fail_lost_page(
        self, crashed: RenderKey | None, timed_out: RenderKey | None, abandoned: bool
    ) -> None:
        """The page that was drawing when the worker stopped: skipped when it took too long,
        asked for once more after a crash, then failed."""
        if crashed is None:
            return
        name = Path(crashed.path).name
        if timed_out is not None and timed_out == crashed and abandoned:
            self._drop_from_wishes(crashed)
        elif timed_out is not None and timed_out == crashed:
            self._drop_from_wishes(crashed)
            self.page_failed.emit(
                crashed,
                f"{name}: page {crashed.page + 1} takes too long to draw (over "
                f"{self.render_budget_ms / 1000:g} s); it is skipped",
            )
        else:
            tries = self._render_crashes[crashed] = self._render_crashes.get(crashed, 0) + 1
            if tries > 1:
                self._drop_from_wishes(crashed)
                self.page_failed.emit(
                    crashed,
                    f"{name}: page {crashed.page + 1} cannot be shown: it makes the page "
                    "renderer crash",
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
