"""Checking PDFs in a child process, with a time budget per page.

MuPDF holds Python's interpreter lock while it draws a page, so nothing in the same process can
stop a page that takes minutes (nested form XObjects draw 10^8 shapes from 2 KB): its cookie's
abort flag cannot be set from another thread until the page is done. `PdfProbe` runs
`pdf.check` in a child process instead; a page over its budget, or a PDF that crashes MuPDF,
costs that PDF's check (reported as its problem), and the next PDF is checked in a new process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from viewer import paths

log = logging.getLogger(__name__)

STARTUP_S = 60.0
"""How long the child process may take to start (Python and PyMuPDF on a busy machine)."""
PAGE_BUDGET_S = 15.0
"""How long opening a PDF, or drawing one page of it small, may take before it is a problem."""


class ProbeResult:
    """What the child said of one PDF: a `pdf.CheckResult`'s notices and error."""

    __slots__ = ("error", "notices")

    def __init__(self, notices: tuple[str, ...], error: str) -> None:
        self.notices = notices
        self.error = error


class PdfProbe:
    """`check(path, password)` in a child process that is replaced when a check goes wrong."""

    def __init__(self, budget: float = PAGE_BUDGET_S) -> None:
        self.budget = budget
        self._process: subprocess.Popen[bytes] | None = None
        self._buffer = b""

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            env = paths.child_environment()
            self._process = subprocess.Popen(
                [sys.executable, "-m", "viewer.domain.check_process"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
            self._buffer = b""
            # Starting Python and PyMuPDF is not the PDF's time: wait for it apart.
            assert self._process.stdout is not None
            if self._receive(self._process.stdout, STARTUP_S) != ("ready", None):
                log.warning("the PDF checking process did not start")
        return self._process

    def check(self, path: Path, password: str | None = None) -> ProbeResult:
        """The notices and the error of `pdf.check(path, password)`, within the budget."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        try:
            pickle.dump((str(path), password), process.stdin)
            process.stdin.flush()
        except OSError:
            self.close()
            process = self._start()
            assert process.stdin is not None and process.stdout is not None
            pickle.dump((str(path), password), process.stdin)
            process.stdin.flush()
        stage: Any = "open"
        stdout = process.stdout
        assert stdout is not None
        while True:
            message = self._receive(stdout)
            if message is _LATE:
                self.close()
                if stage == "open":
                    where = "opening it"
                else:
                    step, index = stage
                    verb = "drawing" if step == "draw" else "reading the text of"
                    where = f"{verb} page {index + 1}"
                return ProbeResult(
                    (),
                    f"{where} takes longer than {self.budget:g} s (the PDF may be built to "
                    "overwhelm a reader)",
                )
            if message is _GONE:
                self.close()
                return ProbeResult((), "the PDF makes MuPDF crash")
            kind, value = message
            if kind == "page":
                stage = value
                continue
            notices, error = value
            return ProbeResult(tuple(notices), error)

    def _receive(self, stream: IO[bytes], timeout: float | None = None) -> Any:
        """The child's next message (length-prefixed pickle), `_LATE` or `_GONE`."""
        fd = stream.fileno()
        while True:
            data = self._buffer
            if len(data) >= _LENGTH:
                size = _LENGTH + int.from_bytes(data[:_LENGTH], "big")
                if len(data) >= size:
                    self._buffer = data[size:]
                    return pickle.loads(data[_LENGTH:size])
            ready, _, _ = select.select([fd], [], [], timeout or self.budget)
            if not ready:
                return _LATE
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                return _GONE
            if not chunk:
                return _GONE
            self._buffer += chunk

    def close(self) -> None:
        """Stop the child process (a new one starts at the next check)."""
        process, self._process = self._process, None
        self._buffer = b""
        if process is None:
            return
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def __enter__(self) -> PdfProbe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_LENGTH = 4
"""Each message from the child is its pickle's length in 4 bytes, then the pickle (one message
at a time: the reader never reads past the end of the one it waits for)."""
_LATE = object()
_GONE = object()


def main() -> None:
    """The child: (path, password) in on stdin; ("page", (step, index)), ("done", ...) out."""
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else prints goes to stderr, never into the results
    from viewer.domain import pdf  # noqa: PLC0415

    def send(message: tuple[str, Any]) -> None:
        data = pickle.dumps(message)
        results.write(len(data).to_bytes(_LENGTH, "big") + data)
        results.flush()

    send(("ready", None))
    while True:
        try:
            path, password = pickle.load(sys.stdin.buffer)
        except (EOFError, OSError, pickle.UnpicklingError):
            return
        try:
            result = pdf.check(Path(path), password, on_page=lambda *step: send(("page", step)))
        except Exception as exc:  # a bug of ours: said as one, for this file only
            send(("done", ((), f"unexpected error while checking it ({exc!r}); please report it")))
        else:
            send(("done", (result.notices, result.error)))


if __name__ == "__main__":
    main()
