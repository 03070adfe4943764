"""An archive's search index brought up to date in a process of its own.

Bringing an index up to date is Python from end to end: each record's fingerprint, its
transcripts read and flattened, its rows for FTS5. For a thousand records that is a few hundred
milliseconds, for 100,000 minutes; on a thread of the window's process, every step of it takes
the interpreter lock from the window's thread, whose turns (a paint asks Python hundreds of
times) then wait behind it. Here it runs in a child process at low priority, on a core of its
own where there is one, and the window's process only hands the archive over and hears how far
it got. No Qt is loaded in the child.

`python -m viewer.services.index_process` reads pickles from its input: a `Job` (where the
index may go, the archive without its records, how many records follow, and where the text
comes from), then the records, `CHUNK` at a time; afterwards `CANCEL` (or the end of its input:
the window is gone) asks it to stop, as `cancel()` does a thread's update. It writes pickles:
`(PROGRESS, done, total)` at most `PROGRESS_SECONDS` apart, then `(FINISHED, IndexStats)` or
`(FAILED, message)`, the message a person can act on (`error_message`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pickle
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from viewer import paths
from viewer.domain import model, search
from viewer.domain import search_source as source

_log = logging.getLogger(__name__)


CHUNK = 50
"""Records pickled at once: a pickle holds the window's process's interpreter lock until it is
made (~1 ms for 50 records, 10 ms for 500, seconds for 100,000), and the window's thread waits
that long for each turn at it."""
PROGRESS_SECONDS = 0.05
CANCEL_GRACE_S = 3.0
"""How long a process asked to stop is given before it is killed (what it committed is kept)."""

PROGRESS, FINISHED, FAILED = "progress", "finished", "failed"
CANCEL = "cancel"


@dataclasses.dataclass(frozen=True)
class Job:
    """What the child is to do: the archive (its records follow) and where its text comes from."""

    archive: model.Archive
    """The archive with no records: they follow, `count` of them."""
    count: int
    cache_dir: Path | None
    trust_shipped: bool
    ocr_cache: Path | None
    """The OCR cache file whose recognised text is indexed (`ocr_cache.RecognisedText`)."""
    text_layers: bool
    """Whether scans' text layers are read (by a PDF reader process of the child's own)."""


def error_message(error: BaseException) -> str:
    """A known error's own sentence; anything else named as a fault to report."""
    if isinstance(error, search.SearchError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename or 'The search index'}: {error.strerror or error}."
    _log.error("Unexpected error in search: %r", error, exc_info=error)
    return f"Unexpected error in search: {error!r}. Please report it."


def update_index(
    archive: model.Archive,
    cache_dir: Path | None,
    trust_shipped: bool,
    text_layer: source.TextLayer | None,
    progress: search.ProgressCallback | None,
    cancelled: search.CancelCheck | None,
    machine_text: source.MachineText | None,
) -> search.IndexStats:
    """Bring `archive`'s index up to date, wherever `search.choose_location` puts it (a
    read-only index is only counted); a full disk said as such."""
    location = search.choose_location(archive, cache_dir, trust_shipped)
    try:
        with search.SearchIndex.open(location) as index:
            if location.read_only:
                return search.IndexStats(
                    path=location.path,
                    unchanged=index.record_count(),
                    problems=index.problems(),
                    read_only=True,
                )
            return index.update(archive, text_layer, progress, cancelled, machine_text)
    except sqlite3.Error as error:
        if search.disk_full(error) and not location.read_only:
            raise search.no_room(location.path) from error
        raise


# -- the window's side ---------------------------------------------------------------------------


def update_apart(
    job: Job,
    records: tuple[model.Record | model.BrokenRecord, ...],
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> search.IndexStats:
    """`update_index` for `job` in a child process, waited for on the calling thread (never
    the window's): its progress passed on, `cancelled` looked at every `PROGRESS_SECONDS`.
    Raises `search.SearchError` with the child's message when it fails."""
    process = _spawn()
    answers: queue.Queue[Any] = queue.Queue()
    assert process.stdin is not None and process.stdout is not None
    reader = threading.Thread(
        target=_hear, args=(process.stdout, answers), name="search-index-answers", daemon=True
    )
    reader.start()
    try:
        if not _hand_over(process.stdin, job, records, cancelled):
            raise search.IndexCancelledError(f"Indexing stopped after 0 of {len(records)} records.")
        return _follow(process, answers, progress, cancelled)
    finally:
        with contextlib.suppress(OSError, ValueError):
            process.stdin.close()
        if process.poll() is None:
            process.kill()
        process.wait()
        reader.join(timeout=1)
        with contextlib.suppress(OSError):
            process.stdout.close()


def _spawn() -> subprocess.Popen[bytes]:
    env = paths.child_environment()
    return subprocess.Popen(
        [sys.executable, "-m", "viewer.services.index_process"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )


def _hand_over(
    stream: IO[bytes], job: Job, records: tuple[Any, ...], cancelled: Callable[[], bool]
) -> bool:
    """Write `job` and its records; False when cancelled meanwhile (the child hears nothing
    until it has every record: it is then killed)."""
    try:
        stream.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        for start in range(0, len(records), CHUNK):
            if cancelled():
                return False
            part = list(records[start : start + CHUNK])
            stream.write(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
        stream.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass  # the child ended: what it said (or did not) is heard next
    return True


def _hear(stream: IO[bytes], answers: queue.Queue[Any]) -> None:
    while True:
        try:
            answers.put(pickle.load(stream))
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            answers.put(None)
            return


def _follow(
    process: subprocess.Popen[bytes],
    answers: queue.Queue[Any],
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> search.IndexStats:
    asked_to_stop: float | None = None
    while True:
        try:
            answer = answers.get(timeout=PROGRESS_SECONDS)
        except queue.Empty:
            answer = ()
        if answer is None:
            code = process.wait()
            raise search.SearchError(
                "The search index could not be brought up to date: its process ended "
                f"unexpectedly (exit status {code})."
            )
        if answer and answer[0] == PROGRESS:
            progress(answer[1], answer[2])
        elif answer and answer[0] == FINISHED:
            stats: search.IndexStats = answer[1]
            return stats
        elif answer and answer[0] == FAILED:
            raise search.SearchError(answer[1])
        if asked_to_stop is None and cancelled():
            asked_to_stop = time.monotonic()
            _ask_to_stop(process)
        elif asked_to_stop is not None and time.monotonic() - asked_to_stop > CANCEL_GRACE_S:
            process.kill()


def _ask_to_stop(process: subprocess.Popen[bytes]) -> None:
    assert process.stdin is not None
    with contextlib.suppress(OSError, ValueError):
        process.stdin.write(pickle.dumps(CANCEL))
        process.stdin.flush()


# -- the child -----------------------------------------------------------------------------------


def _listen(stream: IO[bytes], cancel: threading.Event) -> None:
    """Set `cancel` when asked to stop. When the window's end of the pipe closes (the window
    is gone, perhaps killed), stop too, and end the process if the update does not stop within
    `CANCEL_GRACE_S`: no index is written for a window that is no longer there (an update ended
    so loses only its uncommitted part)."""
    while True:
        try:
            message = pickle.load(stream)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            cancel.set()
            time.sleep(CANCEL_GRACE_S)
            os._exit(1)
        if message == CANCEL:
            cancel.set()


class _Answers:
    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._last = 0.0

    def send(self, answer: tuple[Any, ...]) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._stream.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
            self._stream.flush()

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= PROGRESS_SECONDS:
            self._last = now
            self.send((PROGRESS, done, total))


def main() -> None:
    """The child: `python -m viewer.services.index_process`, its job on standard input."""
    os.nice(5)
    stdin, answers = sys.stdin.buffer, _Answers(sys.stdout.buffer)
    try:
        job: Job = pickle.load(stdin)
        records: list[Any] = []
        while len(records) < job.count:
            records.extend(pickle.load(stdin))
    except (EOFError, OSError, pickle.UnpicklingError):
        return  # the window went before handing the archive over
    archive = dataclasses.replace(job.archive, records=tuple(records))
    cancel = threading.Event()
    threading.Thread(target=_listen, args=(stdin, cancel), daemon=True).start()
    text_layer = None
    machine_text = None
    if job.text_layers:
        from viewer.services.text_layers import TextLayerReader  # noqa: PLC0415

        text_layer = TextLayerReader()
    if job.ocr_cache is not None:
        from viewer.domain import ocr_cache  # noqa: PLC0415

        machine_text = ocr_cache.RecognisedText(job.ocr_cache)
    try:
        stats = update_index(
            archive,
            job.cache_dir,
            job.trust_shipped,
            text_layer,
            answers.progress,
            cancel.is_set,
            machine_text,
        )
    except Exception as error:  # said to the window, which shows it
        answers.send((FAILED, error_message(error)))
    else:
        answers.send((FINISHED, stats))
    finally:
        if text_layer is not None:
            text_layer.close()


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: pickles name its classes.
    import importlib

    importlib.import_module("viewer.services.index_process").main()
