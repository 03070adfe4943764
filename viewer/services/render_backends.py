"""Where the render engine runs for `PdfWorker`: a thread of this process, or a child process.

Either way results reach the GUI thread through `Relay` (a queued signal), a rendered page as the
`RenderedImage` it is painted from, made on the reading thread, not the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from viewer.services import render_engine, shared_pixels, worker_process
from viewer.services.render_protocol import (
    JobStarted,
    Rendered,
    RenderFailed,
    RenderKey,
    Request,
    Result,
    StopRequest,
)

log = logging.getLogger(__name__)

_FORMAT = QImage.Format.Format_RGB32 if sys.byteorder == "little" else QImage.Format.Format_RGBX8888
"""The worker's pixels as they are (`viewer.domain.pdf.PIXEL_BYTES`): on a little-endian machine
the format the raster engine paints fastest, without converting a pixel."""


def to_image(result: Rendered) -> QImage:
    """The rendered page as a QImage on the rendered pixels themselves, not a copy.

    The image holds a reference to its buffer (PySide6 releases it when the last copy of the
    image is gone): a bytearray, or this process's mapping of the worker's shared-memory file.
    """
    samples = result.samples
    if isinstance(samples, shared_pixels.SharedSamples):
        samples = shared_pixels.map_shared(samples)
    return QImage(samples, result.width, result.height, result.stride, _FORMAT)


class RenderedImage(NamedTuple):
    """A rendered page on its way to the GUI thread, as the QImage it is painted from."""

    key: RenderKey
    image: QImage


class Relay(QObject):
    """Carries results from the worker's thread to the GUI thread (a queued connection)."""

    arrived = Signal(object)


class ThreadInbox:
    def __init__(self) -> None:
        self.queue: queue.SimpleQueue[Request] = queue.SimpleQueue()

    def get(self) -> Request:
        return self.queue.get()

    def get_nowait(self) -> Request | None:
        try:
            return self.queue.get_nowait()
        except queue.Empty:
            return None


class ThreadBackend:
    """The engine on one thread of this process."""

    def __init__(self, deliver: Relay) -> None:
        self._relay = deliver
        self._inbox = ThreadInbox()
        self.thread = threading.Thread(
            target=render_engine.serve, args=(self._inbox, self._sink), name="pdf-worker"
        )
        self.thread.daemon = True
        self.thread.start()

    def _sink(self, result: Result) -> None:
        if isinstance(result, Rendered):
            self._relay.arrived.emit(RenderedImage(result.key, to_image(result)))
        else:
            self._relay.arrived.emit(result)

    def send(self, request: Request) -> None:
        self._inbox.queue.put(request)

    def stop(self) -> None:
        self._inbox.queue.put(StopRequest())
        self.thread.join(timeout=5)


class ProcessBackend:
    """The engine in a child process, spoken to through pickles on its stdin and stdout."""

    def __init__(self, deliver: Relay, on_exit: Callable[[ProcessBackend], None]) -> None:
        self._relay = deliver
        self._on_exit = on_exit
        self.process = worker_process.take()
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin: IO[bytes] = self.process.stdin
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._stopping = False
        self.reading: tuple[JobStarted, float] | None = None
        """The page the child reads now for a text or words job, and since when (monotonic);
        only a job's first page is relayed to the GUI thread, not each of its pages."""
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
            if isinstance(result, JobStarted):
                first = self.reading is None
                self.reading = (result, time.monotonic())
                if first:
                    self._relay.arrived.emit(result)
                continue
            self.reading = None
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
                self._relay.arrived.emit(RenderedImage(result.key, image))
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
        shared_pixels.remove_shared_files(self.process.pid)

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
        shared_pixels.remove_shared_files(self.process.pid)


class Stopped:
    """The backend after shutdown: requests go nowhere."""

    thread = threading.current_thread()

    def send(self, request: Request) -> None:
        log.debug("the render worker is stopped; %r ignored", request)

    def stop(self) -> None:
        return
