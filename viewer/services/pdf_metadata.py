"""PDF metadata of a plain folder's records, read in the background and streamed in batches.

A folder of a thousand PDFs is listed from its file names at once; their info and XMP (a real
title, author, subject) come afterwards from `viewer.domain.pdf_probe`, child processes at low
priority (`PROCESSES`, each with a share of the PDFs), so neither the window's process nor the
render worker waits on them. The processes stay for the next folder: PyMuPDF is loaded once a
session, not once a folder. Results arrive in batches (`records_completed`),
so the list is updated a few times, not a thousand; then whether each PDF has a text layer
(`text_layers_read`). What each PDF said is kept in the user's cache
(`viewer.domain.formats.folder_cache.PdfFacts`, by path, size and time): a PDF unchanged since
is not opened again, and the folder's next listing has its title already."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from viewer import paths
from viewer.domain.formats import folder, folder_cache
from viewer.domain.model import Archive, Record

log = logging.getLogger(__name__)

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent

BATCH_SECONDS = 0.5
"""Results are handed over at most this often: each hand-over updates the rows of the records
it completes, so a thousand PDFs read in a second update the list a few times."""
PROCESSES = 1
"""Probe processes reading a folder's PDFs side by side. Two, measured in the window on a busy
two-core machine, read no faster (they share the cores with the window and the render worker)
and starting them held the list and the first page longer."""


wants_metadata = folder.wants_pdf_metadata


def _spawn() -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
    )
    return subprocess.Popen(
        [sys.executable, "-m", "viewer.domain.pdf_probe"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )


def _keep_shown(root: Path) -> None:
    """`folder.keep_shown(root)`, in a child process at low priority, waited for: thawing a
    thousand records from the user's cache, completing and pickling them again is ~150 ms of
    Python, which on a thread of the window's process would take its interpreter lock turn
    after turn just as the list fills in."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
    )
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "viewer.domain.formats.folder", str(root)], env=env
        )
    except OSError as exc:
        log.warning("the folder's records cannot be kept for the next opening: %s", exc)
        return
    if process.wait() != 0:
        log.warning("keeping the folder's records for the next opening failed: %s", root)


def _alive(process: subprocess.Popen[str] | None) -> bool:
    return process is not None and process.poll() is None


def _end(process: subprocess.Popen[str] | None, *, heard: bool = False) -> None:
    """Kill `process` and close its pipes; with `heard`, its output is left to the thread
    reading it, which sees it end (closing a file another thread reads can crash CPython)."""
    if process is None:
        return
    if process.poll() is None:
        process.kill()
        process.wait()
    for stream in (process.stdin, None if heard else process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _facts(root: Path) -> folder_cache.PdfFacts:
    return folder_cache.PdfFacts(paths.cache_dir() / "catalogues", root)


class _Reading:
    """One archive's reading, shared by the threads that feed and hear the processes."""

    def __init__(self, root: Path, records: list[Record]) -> None:
        self.root = root
        self.records = {str(record.scans[0].path): record for record in records}
        self.started = time.perf_counter()
        self.lock = threading.Lock()
        self.batch: dict[str, Record] = {}
        self.texts: dict[str, bool] = {}
        self.last = time.perf_counter()
        self.metadata_left = 0
        self.texts_left = 0
        self.facts = _facts(root)
        """What the PDFs said when last read (loaded by the reading's first thread)."""


class PdfMetadataReader(QObject):
    """Reads the PDF metadata of an archive's records; one archive at a time."""

    records_completed = Signal(object, object)
    """(archive root, {record id: completed record}) for a batch of records."""
    finished = Signal(object, float)
    """(archive root, seconds it took) once every record's metadata was read."""
    text_layers_read = Signal(object, object)
    """(archive root, {record id: whether its PDF has a text layer}) for a batch of records,
    after `finished`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._processes: list[subprocess.Popen[str]] = []
        self._generation = 0
        self._busy = False
        self._heard: list[subprocess.Popen[str]] = []
        """The processes of the reading under way that a thread still reads."""
        self._lock = threading.Lock()
        self._known: dict[str, dict[str, str]] = {}
        """The metadata read of each PDF (by path), kept for records read again later."""
        self._keeping = threading.Lock()
        """Held while a folder's records are kept for the next opening (one at a time)."""

    def prepare(self, root: Path | None = None) -> None:
        """Start the child processes now (they load PyMuPDF, at low priority), for a `read` to
        come: the reading then starts at once. Not for the folder at `root` when the user's
        cache knows its PDFs: most, or all, need no reading."""
        if self._busy or (root is not None and _facts(root).file.exists()):
            return
        with self._lock:
            self._prepare()

    def _prepare(self) -> None:
        for process in self._processes:
            if not _alive(process):
                _end(process)
        self._processes = [p for p in self._processes if _alive(p)]
        while len(self._processes) < PROCESSES:
            self._processes.append(_spawn())

    def read(self, archive: Archive) -> int:
        """Start reading the metadata of `archive`'s folder records (stopping any earlier
        reading); how many records are to be read (those whose PDFs the user's cache knows
        unchanged are completed from there, without opening them)."""
        self.stop()
        self._known = {}
        records = [r for r in archive.records if isinstance(r, Record) and wants_metadata(r)]
        if not records:
            return 0
        self._busy = True
        threading.Thread(
            target=self._start,
            args=(_Reading(archive.root, records), self._generation),
            name="pdf-metadata-feed",
            daemon=True,
        ).start()
        return len(records)

    def _start(self, reading: _Reading, generation: int) -> None:
        """Take what the cache knows, and give the rest to the processes: the metadata of the
        PDFs it does not know, then the text layers."""
        facts = reading.facts.load()
        facts.keep_only(reading.records)
        metadata: list[Record] = []
        texts: list[Record] = []
        for path, record in reading.records.items():
            fact = facts.known(path) if len(facts) else None
            if fact is None or fact[2] is None:
                metadata.append(record)
            else:
                self._take({"path": path, "metadata": fact[2]}, reading, kept=True)
            if fact is None or fact[3] is None:
                texts.append(record)
            elif fact[3] >= 0:
                reading.texts[record.id] = bool(fact[3])
        with self._lock:
            if generation != self._generation:
                return
            if metadata or texts:
                self._prepare()
            count = len(self._processes)
            parts = [(metadata[i::count], texts[i::count]) for i in range(count)]
            parts = [part for part in parts if part[0] or part[1]]
            reading.metadata_left = reading.texts_left = len(parts)
            self._heard = self._processes[: len(parts)]
            started = list(zip(self._processes, parts, strict=False))
        if not started:
            reading.metadata_left = reading.texts_left = 1
            self._metadata_done(reading, generation)
            self._texts_done(reading, generation)
            return
        for process, (asked, looked_at) in started:
            threading.Thread(
                target=self._collect,
                args=(process, reading, generation),
                name="pdf-metadata-reader",
                daemon=True,
            ).start()
            self._feed(process, asked, looked_at)

    def busy(self) -> bool:
        """Whether a reading is under way (its metadata, then its text layers): a `read` now
        would end its processes, and start others that load PyMuPDF again."""
        return self._busy

    def complete(self, record: Record) -> Record:
        """`record` completed by what its PDF's metadata said when it was read (a record read
        again after an edit on disk comes back with the title its file name gave); `record`
        itself when nothing is known. Safe on any thread."""
        if not wants_metadata(record):
            return record
        metadata = self._known.get(str(record.scans[0].path))
        return record if metadata is None else folder.with_pdf_metadata(record, metadata)

    def stop(self) -> None:
        """Stop the reading under way: its remaining results are dropped, and its processes,
        busy with it, are ended (idle ones stay for the next `read`)."""
        self._generation += 1
        if self._busy:
            self.close()

    def close(self) -> None:
        """Stop any reading and end the processes."""
        with self._lock:
            self._generation += 1
            for process in self._processes:
                _end(process, heard=process in self._heard)
            self._heard = []
            self._busy = False
            self._processes = []

    def _feed(
        self, process: subprocess.Popen[str], metadata: list[Record], texts: list[Record]
    ) -> None:
        """Ask `process` for the metadata of `metadata`'s PDFs, then for the text layers of
        `texts`'s (each a batch, answered by its end even when empty)."""
        assert process.stdin is not None
        try:
            process.stdin.write("".join(f"{r.scans[0].path}\n" for r in metadata) + "\n")
            process.stdin.write("".join(f"?{r.scans[0].path}\n" for r in texts) + "\n")
            process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # stopped

    def _collect(self, process: subprocess.Popen[str], reading: _Reading, generation: int) -> None:
        assert process.stdout is not None
        metadata = True
        try:
            for line in process.stdout:
                if generation != self._generation:
                    break  # stopped: the process is ended
                try:
                    answer = json.loads(line)
                except ValueError:
                    continue
                if answer.get("done"):
                    if metadata:
                        metadata = False
                        self._metadata_done(reading, generation)
                        continue
                    # Let go of the process before the reading is said to be done: a reading
                    # started on that word takes it (and hears it) at once.
                    with self._lock:
                        stays = process in self._heard  # it stays for the next reading
                        if stays:
                            self._heard.remove(process)
                    self._texts_done(reading, generation)
                    if stays:
                        return
                    break  # ended meanwhile: its output is closed here
                self._take(answer, reading, texts=not metadata)
        except (OSError, ValueError):
            pass  # stopped: the pipe was closed under us
        with contextlib.suppress(OSError):
            process.stdout.close()
        # The process ended before its batch did: a PDF MuPDF could not survive.
        if generation == self._generation:
            log.warning("reading PDF metadata stopped early (a PDF MuPDF could not survive)")
            if metadata:
                self._metadata_done(reading, generation)
            self._texts_done(reading, generation)

    def _take(
        self,
        answer: dict[str, object],
        reading: _Reading,
        *,
        kept: bool = False,
        texts: bool = False,
    ) -> None:
        """One answer of a process (or, `kept`, of the cache) for its record: of its metadata, or
        with `texts` of its text layer."""
        path = str(answer.get("path", ""))
        record = reading.records.get(path)
        if record is None:
            return
        with reading.lock:
            if "error" in answer:
                log.info("%s", answer["error"])
                if texts:
                    reading.facts.keep(path, text=-1)
                else:
                    reading.facts.keep(path, metadata={})
                return
            if "text" in answer:
                reading.texts[record.id] = bool(answer["text"])
                reading.facts.keep(path, text=int(bool(answer["text"])))
                return
            metadata = answer.get("metadata")
            metadata = metadata if isinstance(metadata, dict) else {}
            self._known[path] = metadata
            if not kept:
                reading.facts.keep(path, metadata=metadata)
            completed = folder.with_pdf_metadata(record, metadata)
            # A record listed from the cache was completed there already.
            if completed is not record and completed != record:
                reading.batch[record.id] = completed
            if reading.batch and time.perf_counter() - reading.last >= BATCH_SECONDS:
                self.records_completed.emit(reading.root, reading.batch)
                reading.batch, reading.last = {}, time.perf_counter()

    def _metadata_done(self, reading: _Reading, generation: int) -> None:
        with reading.lock:
            reading.metadata_left -= 1
            if reading.metadata_left or generation != self._generation:
                return
            if reading.batch:
                self.records_completed.emit(reading.root, reading.batch)
                reading.batch = {}
            self.finished.emit(reading.root, time.perf_counter() - reading.started)
            # Kept now: the text layers may not be read before the folder is closed.
            reading.facts.save()
            self._keep_shown(reading.root)

    def _texts_done(self, reading: _Reading, generation: int) -> None:
        with reading.lock:
            reading.texts_left -= 1
            if reading.texts_left or generation != self._generation:
                return
            self._busy = False
            self.text_layers_read.emit(reading.root, dict(reading.texts))
            reading.facts.save()
            self._keep_shown(reading.root)

    def _keep_shown(self, root: Path) -> None:
        """Keep the folder's records as its PDFs completed them (`folder.keep_shown`), for the
        next opening to list at once: in a child process, waited for on a thread of its own."""

        def keep() -> None:
            with self._keeping:
                _keep_shown(root)

        threading.Thread(target=keep, name="pdf-metadata-keep", daemon=True).start()
