"""Starting the render worker's process, as early as the application can.

The child imports PyMuPDF (~0.2 s) while the window process imports Qt and builds its widgets, so
`viewer.cli` starts it before anything else; `PdfWorker` adopts that process instead of starting
its own. No Qt here: this runs before Qt is loaded.
"""

from __future__ import annotations

import contextlib
import pickle
import subprocess
import sys
from pathlib import Path

from viewer import paths

_prestarted: subprocess.Popen[bytes] | None = None


def spawn() -> subprocess.Popen[bytes]:
    """A new worker process, its stdin and stdout pipes open for pickled requests and results."""
    # glibc's own malloc settings, as in any process using PyMuPDF. A fixed mmap threshold
    # (MALLOC_MMAP_THRESHOLD_, which also fixes the trim threshold) makes MuPDF's buffers new
    # memory at every page, to be faulted in again: renders ~2 ms slower, open no faster. The
    # pages themselves are in shared memory (see shared_pixels.SharedPixels), not malloc's.
    env = paths.child_environment()
    return subprocess.Popen(
        [sys.executable, "-m", "viewer.services.render_child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )


def prestart() -> None:
    """Start the worker process now, for the first PdfWorker to adopt."""
    global _prestarted  # noqa: PLW0603  (one process for the application's one worker)
    if _prestarted is None:
        _prestarted = spawn()


def prefetch(pdf: Path) -> None:
    """Have the prestarted process open `pdf` as soon as it can (the PDF the window will ask
    for first). Only before a PdfWorker adopts the process: nobody else writes to it yet."""
    process = _prestarted
    if process is None or process.stdin is None:
        return
    from viewer.services.render_protocol import PrefetchRequest  # noqa: PLC0415

    with contextlib.suppress(OSError):
        pickle.dump(PrefetchRequest(str(pdf)), process.stdin)
        process.stdin.flush()


def take() -> subprocess.Popen[bytes]:
    """The prestarted process if there is one still running, else a new one."""
    global _prestarted
    process, _prestarted = _prestarted, None
    if process is not None and process.poll() is None:
        return process
    return spawn()
