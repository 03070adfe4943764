"""Reading scan text layers for the search index, in a process of their own.

The index is built on a background thread; PyMuPDF holds Python's global lock while it works, so
reading text layers in the viewer's process would stall the window. A second worker process (the
same program as the render worker) reads them instead, one PDF at a time, and a PDF that crashes
MuPDF costs its text layer, not the viewer.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import subprocess
import threading
import time
from pathlib import Path

from viewer.services import worker_process
from viewer.services.render_protocol import (
    JobStarted,
    StopRequest,
    TextExtracted,
    TextFailed,
    TextRequest,
)

log = logging.getLogger(__name__)


PAGE_BUDGET_S = 10.0
"""How long one page's text may take to read (a real page takes milliseconds)."""


class TextLayerError(Exception):
    """A PDF whose text layer could not be read, with the reason."""


class _Watch:
    """Ends the worker process when the page it reads takes longer than `budget_s`."""

    def __init__(self, process: subprocess.Popen[bytes], budget_s: float) -> None:
        self.page: int | None = None
        self.expired = False
        self._process = process
        self._budget_s = budget_s
        self._since = time.monotonic()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="text-layer-watch", daemon=True)
        self._thread.start()

    def begun(self, page: int) -> None:
        """The worker began reading `page`."""
        self._since = time.monotonic()  # before the page: the watch reads them in this order
        self.page = page

    def stop(self) -> None:
        """The text layer is read, or given up on: stop watching."""
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        tick = min(self._budget_s / 4, 0.25)
        while not self._stopped.wait(tick):
            if self.page is not None and time.monotonic() - self._since > self._budget_s:
                log.warning("page %d of a text layer is over its time budget", self.page + 1)
                self.expired = True
                with contextlib.suppress(OSError):
                    self._process.kill()
                return


class TextLayerReader:
    """A callable `path -> page texts` backed by a worker process started on first use.

    A page gets `page_budget_s` to be read (the worker says as it begins each one): a page that
    takes longer ends the worker, and its PDF's text layer fails naming that page, so that one
    hostile page does not hold the index for minutes.
    """

    def __init__(self, page_budget_s: float = PAGE_BUDGET_S) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False
        self.page_budget_s = page_budget_s

    def __call__(self, path: Path) -> list[str]:
        """The text of every page of `path` ("" where a page has none)."""
        with self._lock:
            for attempt in (1, 2):
                if self._closed:
                    raise TextLayerError(f"{path.name}: the viewer is closing")
                process = self._running()
                watch = _Watch(process, self.page_budget_s)
                try:
                    result = self._read(process, path, watch)
                except (OSError, EOFError, pickle.UnpicklingError) as exc:
                    self._discard()
                    if watch.page is not None and watch.expired:
                        raise TextLayerError(
                            f"{path.name}: reading page {watch.page + 1} takes over "
                            f"{self.page_budget_s:g} s"
                        ) from None
                    # The worker died on this file (or before it): start afresh, try once more.
                    log.warning("text layer worker failed on %s (try %d): %s", path, attempt, exc)
                    continue
                finally:
                    watch.stop()
                if isinstance(result, TextExtracted):
                    return list(result.pages)
                if isinstance(result, TextFailed):
                    raise TextLayerError(result.message)
            raise TextLayerError(f"{path.name}: reading the text layer stopped the PDF reader")

    @staticmethod
    def _read(process: subprocess.Popen[bytes], path: Path, watch: _Watch) -> object:
        assert process.stdin is not None and process.stdout is not None
        pickle.dump(TextRequest(str(path)), process.stdin)
        process.stdin.flush()
        result = pickle.load(process.stdout)
        while isinstance(result, JobStarted):  # page by page, as it goes
            watch.begun(result.page)
            result = pickle.load(process.stdout)
        return result

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = worker_process.spawn()
        return self._process

    def _discard(self) -> None:
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._process.kill()
            self._process.wait()
            for stream in (self._process.stdin, self._process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            self._process = None

    def close(self) -> None:
        """Stop the worker process, if one was started, without waiting for a read under way.

        A text layer can take minutes to read (a hostile PDF): closing does not wait for it;
        the process is ended under it, and the read fails with TextLayerError.
        """
        self._closed = True
        if not self._lock.acquire(timeout=0.5):
            process = self._process
            if process is not None:
                with contextlib.suppress(OSError):
                    process.kill()
            return  # the reading thread sees the end of the pipe, and cleans up
        try:
            process, self._process = self._process, None
        finally:
            self._lock.release()
        if process is None:
            return
        with contextlib.suppress(OSError, ValueError):
            assert process.stdin is not None
            pickle.dump(StopRequest(), process.stdin)
            process.stdin.close()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
