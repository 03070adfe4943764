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
from pathlib import Path

from viewer.services import worker_process
from viewer.services.render_protocol import StopRequest, TextExtracted, TextFailed, TextRequest

log = logging.getLogger(__name__)


class TextLayerError(Exception):
    """A PDF whose text layer could not be read, with the reason."""


class TextLayerReader:
    """A callable `path -> page texts` backed by a worker process started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False

    def __call__(self, path: Path) -> list[str]:
        """The text of every page of `path` ("" where a page has none)."""
        with self._lock:
            for attempt in (1, 2):
                if self._closed:
                    raise TextLayerError(f"{path.name}: the viewer is closing")
                process = self._running()
                assert process.stdin is not None and process.stdout is not None
                try:
                    pickle.dump(TextRequest(str(path)), process.stdin)
                    process.stdin.flush()
                    result = pickle.load(process.stdout)
                except (OSError, EOFError, pickle.UnpicklingError) as exc:
                    # The worker died on this file (or before it): start afresh, try once more.
                    log.warning("text layer worker failed on %s (try %d): %s", path, attempt, exc)
                    self._discard()
                    continue
                if isinstance(result, TextExtracted):
                    return list(result.pages)
                if isinstance(result, TextFailed):
                    raise TextLayerError(result.message)
            raise TextLayerError(f"{path.name}: reading the text layer stopped the PDF reader")

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
