"""Running file work (loading an archive, reading a transcript) off the GUI thread.

PyMuPDF work does not go here: it belongs to the render worker, which owns every document.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from viewer.domain import archive, formats, transcript
from viewer.domain.model import Archive, BrokenRecord, Record, Transcript
from viewer.services import preload

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.03
"""A job tells its progress at most this often (and at its end): each report is a turn of the
window's event loop, and the reports that queue up while the window is busy are all taken in
one turn (a few hundred of them held it for 40 ms)."""


class _Signals(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int)
    early = Signal(int, object)
    redeliver = Signal(object, int, object)


class _Task(QRunnable):
    def __init__(
        self, job_id: int, signals: _Signals, work: Callable[[Callable[[int, int], None]], Any]
    ) -> None:
        super().__init__()
        self._id = job_id
        self._signals = signals
        self._work = work

    def run(self) -> None:
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if done < total and now - last[0] < PROGRESS_SECONDS:
                return
            last[0] = now
            self._signals.progressed.emit(self._id, done, total)

        try:
            result = self._work(progress)
        except Exception as exc:  # every failure goes back to the GUI as a signal
            log.debug("job %d failed:\n%s", self._id, traceback.format_exc())
            self._signals.failed.emit(self._id, exc)
        else:
            self._signals.finished.emit(self._id, result)


class Jobs(QObject):
    """A small pool of file-work threads; results arrive as signals on the GUI thread.

    Each job has an id; a caller keeps the id of the job it still wants and ignores the others,
    so a result that arrives after the reader moved on is dropped.
    """

    archive_loaded = Signal(int, object)
    """(job id, Archive)"""
    archive_failed = Signal(int, object)
    """(job id, Failure: a message a person can act on, or a fault of the viewer's)"""
    archive_progressed = Signal(int, int, int)
    """(job id, records read, records in all)"""
    archive_updated = Signal(int, object)
    """(job id, Archive) as read from the disk, when `archive_loaded` gave the archive as the
    user's cache had it and the disk says otherwise (records edited, added or removed since);
    and of `reread_archive`, the open archive read again (the same Archive when no record
    changed)"""
    archive_filled = Signal(int, object)
    """(job id, Archive): the archive `archive_loaded` gave with records not read yet
    (`model.UnreadRecord`), given again with the records read since in their places"""
    record_read = Signal(int, object)
    """(job id, Record or BrokenRecord) of `read_record`"""
    transcript_loaded = Signal(int, object, object)
    """(job id, Transcript or None for a PDF's text layer, transcript.Display)"""
    transcript_failed = Signal(int, object, object)
    """(job id, Transcript, Failure)"""
    import_finished = Signal(int, object)
    """(job id, writer.Report) of `import_archive`"""
    import_failed = Signal(int, str)
    """(job id, message naming the file and the problem); DEST is as it was"""
    import_progressed = Signal(int, int, int)
    """(job id, files written, files in all)"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._next_id = 0
        self._pending: dict[int, tuple[str, Any]] = {}
        self._preload: tuple[Path, int] | None = None
        self._preload_reading: tuple[int, preload.ArchivePreload] | None = None
        """The preload's job and its reading, which keeps the outcome until it is adopted."""
        self._signals = _Signals(self)
        self._signals.finished.connect(self._on_task_finished)
        self._signals.failed.connect(self._on_task_failed)
        self._signals.progressed.connect(self._on_task_progressed)
        self._signals.early.connect(self._on_task_early)
        self._early: dict[int, Archive] = {}
        """Archive jobs whose archive was given early (from the user's cache): that archive."""
        self._early_shown: set[int] = set()
        """Those of `_early` whose archive was emitted as `archive_loaded`."""
        self._signals.redeliver.connect(
            lambda slot, job_id, result: slot(job_id, result), Qt.ConnectionType.QueuedConnection
        )

    def _waits_for_adoption(self, job_id: int) -> bool:
        """Whether `job_id` is the preload nobody has asked for yet (its reading keeps the
        outcome for `load_archive`, which delivers it)."""
        return self._preload is not None and self._preload[1] == job_id

    def _start(
        self, kind: str, context: Any, work: Callable[[Callable[[int, int], None]], Any]
    ) -> int:
        self._next_id += 1
        self._pending[self._next_id] = (kind, context)
        self._pool.start(_Task(self._next_id, self._signals, work))
        return self._next_id

    def preload_archive(self, path: Path, then: Callable[[Archive], None] | None = None) -> None:
        """Read the archive at `path` before anyone asks (while the window is built), or adopt
        the reading `viewer.cli` started (`preload.start`).

        The next `load_archive(path)` adopts this job instead of starting another. `then` is
        called with the archive as soon as it is read, on the reading thread (or on this one,
        now, if it is read already): to start on what comes next without waiting for the GUI
        thread. Its failure costs nothing else.
        """
        self._next_id += 1
        job_id = self._next_id
        self._pending[job_id] = ("archive", path)
        self._preload = (path, job_id)  # before `follow`: it may deliver at once

        def on_done(outcome: preload.Outcome) -> None:
            succeeded, result = outcome
            (self._signals.finished if succeeded else self._signals.failed).emit(job_id, result)
            if succeeded and then is not None:
                try:
                    then(result)
                except Exception:
                    log.exception("what follows the archive's reading failed")

        reading = preload.claim(path)
        self._preload_reading = (job_id, reading)
        reading.follow(
            on_done,
            lambda done, total: self._signals.progressed.emit(job_id, done, total),
            lambda first: self._signals.early.emit(job_id, first),
        )

    def finish_now(self, job_id: int, wait_ms: int = 0) -> bool:
        """Deliver `job_id`'s result at once, in this call, if it is known (within `wait_ms`:
        the reading thread runs while this one waits).

        Only the preloaded archive's job can be finished early; whether it was. (Its signal,
        when it comes, then finds nothing left to deliver.) An archive it gave early (from the
        user's cache) is delivered at once when the whole is not read by then: the rest
        follows as `archive_updated`.
        """
        if self._preload_reading is None or self._preload_reading[0] != job_id:
            return False
        if self._preload is not None:  # not adopted yet
            return False
        outcome = self._preload_reading[1].outcome(wait_ms)
        first = self._early.get(job_id)
        if outcome is None:
            if first is None or job_id in self._early_shown:
                return False
            self._deliver_early(job_id, first)
            return True
        if job_id not in self._early_shown:
            self._early.pop(job_id, None)  # the whole is read: that is what is shown
        self._preload_reading = None
        succeeded, result = outcome
        if succeeded:
            self._on_task_finished(job_id, result)
        else:
            self._on_task_failed(job_id, result)
        return True

    def load_archive(self, path: Path) -> int:
        """Read the archive at `path` in the background; its job id."""
        adopted, self._preload = self._preload, None
        if adopted is not None and adopted[0] == path:
            job_id = adopted[1]
            reading = self._preload_reading
            outcome = reading[1].outcome() if reading is not None else None
            first = self._early.get(job_id)
            if first is not None and outcome is None:
                # Given early (from the user's cache) before anyone asked: shown now, the rest
                # follows as for any archive given early.
                self._signals.redeliver.emit(self._deliver_early, job_id, first)
            elif first is not None:
                del self._early[job_id]  # the whole is read: that is what is shown
            if outcome is not None:
                succeeded, result = outcome
                slot = self._on_task_finished if succeeded else self._on_task_failed
                # As any result arrives: later, on the event loop, after the caller noted the id.
                # (Its own signal, if still on its way, then finds it delivered.)
                self._signals.redeliver.emit(slot, job_id, result)
            return job_id
        self._abandon_preload()  # the reader has moved on: its outcome is wanted no more
        job_id = self._next_id + 1  # the id `_start` gives it

        def early(first: Archive) -> None:
            self._signals.early.emit(job_id, first)

        return self._start("archive", path, lambda progress: formats.read(path, progress, early))

    def reread_archive(
        self,
        path: Path,
        before: Archive,
        complete: Callable[[Record], Record] | None = None,
        changed: Collection[Path] = (),
    ) -> int:
        """Read the open archive `before` at `path` again in the background, its files
        (`changed`) having changed (`formats.read_again`: only what changed, where the user's
        cache says what did); its job id. The result comes as `archive_updated`, a failure as
        `archive_failed`."""
        return self._start(
            "reread", path, lambda _: formats.read_again(path, before, complete, changed)
        )

    def is_rereading(self, job_id: int) -> bool:
        """Whether `job_id` is a `reread_archive` not finished yet."""
        return self._pending.get(job_id, ("", None))[0] == "reread"

    def read_record(self, folder: Path) -> int:
        """Read the record of one record folder in the background; its job id."""
        return self._start("record", folder, lambda _: archive.load_record(folder))

    def load_transcript(self, item: Transcript) -> int:
        """Read and convert one transcript in the background; its job id."""
        return self._start(
            "transcript",
            item,
            lambda _: (
                transcript.text_display(item.text, item.format)
                if item.text
                else transcript.load_display(item.path, item.format)
            ),
        )

    def import_archive(self, source: Path, dest: Path, *, link: bool = False) -> int:
        """Write the source at `source` as an archive in `dest` in the background; its job id."""
        from viewer.domain import writer  # noqa: PLC0415  (only when something is imported)

        mode = writer.LinkMode.HARD if link else writer.LinkMode.COPY
        return self._start(
            "import",
            dest,
            lambda progress: writer.import_path(source, dest, link=mode, progress=progress),
        )

    def convert_pages(self, pages: list[str]) -> int:
        """Convert a PDF's text layer in the background; its job id (its result comes as
        `transcript_loaded` with no Transcript)."""
        return self._start("transcript", None, lambda _: transcript.pages_display(pages))

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running jobs (for shutdown and tests); a reading of the preloaded archive
        that has not ended by then is abandoned (it can end after the application)."""
        reading = self._preload_reading
        if reading is not None and not reading[1].join(msecs / 1000):
            self._abandon_preload()
            return False
        return self._pool.waitForDone(msecs)

    def _abandon_preload(self) -> None:
        reading, self._preload_reading = self._preload_reading, None
        if reading is not None:
            reading[1].abandon()

    def _on_task_progressed(self, job_id: int, done: int, total: int) -> None:
        kind, _ = self._pending.get(job_id, ("", None))
        signal = self.import_progressed if kind == "import" else self.archive_progressed
        signal.emit(job_id, done, total)

    def _on_task_early(self, job_id: int, first: object) -> None:
        kind, _ = self._pending.get(job_id, ("", None))
        if kind == "archive":
            assert isinstance(first, Archive)
            self._early[job_id] = first
            if job_id in self._early_shown:  # given again, with more of its records read
                self.archive_filled.emit(job_id, first)
            elif not self._waits_for_adoption(job_id):  # else given when it is asked for
                self._deliver_early(job_id, first)

    def _deliver_early(self, job_id: int, first: object) -> None:
        if job_id in self._early_shown:
            return  # delivered already (`finish_now`)
        if self._early.get(job_id) is first:  # still wanted, and not read whole meanwhile
            self._early_shown.add(job_id)
            self.archive_loaded.emit(job_id, first)

    def _on_task_finished(self, job_id: int, result: object) -> None:
        if self._waits_for_adoption(job_id):
            return
        kind, context = self._pending.pop(job_id, ("", None))
        first = self._early.pop(job_id, None)
        if job_id not in self._early_shown:
            first = None  # given early but not shown yet: the whole is shown instead
        self._early_shown.discard(job_id)
        if kind == "archive":
            assert isinstance(result, Archive)
            if first is None:
                self.archive_loaded.emit(job_id, result)
            elif result is not first:
                self.archive_updated.emit(job_id, result)
        elif kind == "reread":
            self.archive_updated.emit(job_id, result)
        elif kind == "transcript":
            self.transcript_loaded.emit(job_id, context, result)
        elif kind == "record":
            self.record_read.emit(job_id, result)
        elif kind == "import":
            self.import_finished.emit(job_id, result)

    def _on_task_failed(self, job_id: int, error: object) -> None:
        if self._waits_for_adoption(job_id):
            return
        kind, context = self._pending.pop(job_id, ("", None))
        self._early.pop(job_id, None)
        self._early_shown.discard(job_id)
        if kind in ("archive", "reread"):
            self.archive_failed.emit(job_id, failure(error))
        elif kind == "record":  # shown as a record that cannot be read, with the reason
            self.record_read.emit(job_id, BrokenRecord(context, failure(error).text))
        elif kind == "transcript":
            self.transcript_failed.emit(job_id, context, failure(error))
        elif kind == "import":
            self.import_failed.emit(job_id, failure(error).text)


class _Delivery(_Signals):
    """Brings one `run_in_background` result back to the thread it was asked from."""


_in_flight: set[_Delivery] = set()
"""Deliveries whose result has not arrived yet (kept alive until it has)."""


def run_in_background(
    work: Callable[[], Any],
    done: Callable[[Any], None],
    parent: QObject,
    failed: Callable[[Exception], None] | None = None,
) -> None:
    """Run `work` on a thread of Qt's shared pool; `done(result)` (or `failed(error)`) is called
    later on this thread, unless `parent` is gone by then.

    For short computations a click asks for (a passage's page in a scan's text layer) that
    must not hold the window; file reading goes through `Jobs`.
    """
    delivery = _Delivery()
    _in_flight.add(delivery)

    def deliver(_job: int, result: object) -> None:
        _in_flight.discard(delivery)
        if shiboken6.isValid(parent):
            done(result)

    def fail(_job: int, error: object) -> None:
        _in_flight.discard(delivery)
        log.error("background computation failed: %r", error)
        if failed is not None and isinstance(error, Exception) and shiboken6.isValid(parent):
            failed(error)

    delivery.finished.connect(deliver)
    delivery.failed.connect(fail)
    QThreadPool.globalInstance().start(_Task(0, delivery, lambda _progress: work()))


@dataclass(frozen=True)
class Failure:
    """Why a job failed: the file's fault (a known error, said in its own words) or the
    viewer's (a bug, `bug` true: named as a fault to report, never a traceback)."""

    text: str
    bug: bool = False

    def __str__(self) -> str:
        return self.text


def failure(error: object) -> Failure:
    """What a job's `error` tells the reader: a known error's own sentence; an unexpected one
    named as a fault of the viewer's (logged with its traceback by the job's thread)."""
    if isinstance(error, archive.ArchiveError | transcript.TranscriptError):
        return Failure(str(error))
    if isinstance(error, OSError):
        return Failure(f"{error.filename or 'a file'}: {error.strerror or error}")
    log.error("unexpected error in a background job: %r", error)
    return Failure(f"Unexpected error: {error!r}. Please report it.", bug=True)
