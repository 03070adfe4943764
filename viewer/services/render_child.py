"""The render worker's child process: requests pickled on stdin, results on stdout.

`python -m viewer.services.render_child` (started by `worker_process`) runs the engine's `serve`
loop on the requests the window writes, and renders pages into shared memory
(`shared_pixels.SharedPixels`) rather than through the pipe.
"""

from __future__ import annotations

import importlib
import io
import logging
import os
import pickle
import select
import sys
from collections.abc import Callable
from typing import BinaryIO

from viewer.services import render_engine, shared_pixels
from viewer.services.render_protocol import Rendered, Request, Result, StopRequest

log = logging.getLogger(__name__)


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


def _pipe_sink(stream: BinaryIO, pixels: shared_pixels.SharedPixels) -> Callable[[Result], None]:
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
    pixels = shared_pixels.SharedPixels()
    sink = _pipe_sink(results, pixels)
    # Load PyMuPDF now, while the window process is still starting.
    importlib.import_module("viewer.domain.pdf")
    shared_pixels.remove_orphaned_shared_files()
    try:
        render_engine.serve(_PipeInbox(sys.stdin.fileno()), sink, sink, pixels.allocate)
    except BrokenPipeError:
        log.debug("the application went away; stopping")
    finally:
        pixels.close()
        # Whatever the window did not take, it no longer wants.
        shared_pixels.remove_shared_files(os.getpid())


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy (its messages are named by their module).
    importlib.import_module("viewer.services.render_child").main()
