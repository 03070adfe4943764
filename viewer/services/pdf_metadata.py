"""PDF metadata of a plain folder's records, read in the background and streamed in batches.

A folder of a thousand PDFs is listed from its file names at once; their info and XMP (a real
title, author, subject) come afterwards from `viewer.domain.pdf_probe`, child processes at low
priority (`PROCESSES`, each with a share of the PDFs), so neither the window's process nor the
render worker waits on them. The processes stay for the next folder: PyMuPDF is loaded once a
session, not once a folder. Results arrive in batches (`records_completed`),
so the list is updated a few times, not a thousand; then whether each PDF has a text layer
(`text_layers_read`).
"""

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

from viewer.domain.formats import folder
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


def wants_metadata(record: Record) -> bool:
    """Whether `record`'s guessed metadata may be completed by its PDF's own."""
    if not record.inferred or not record.scans:
        return False
    scan = record.scans[0]
    return not scan.images and scan.path.suffix.lower() == ".pdf"


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


class _Reading:
    """One archive's reading, shared by the threads that feed and hear the processes."""

    def __init__(self, root: Path, records: list[Record], parts: int) -> None:
        self.root = root
        self.records = {str(record.scans[0].path): record for record in records}
        self.started = time.perf_counter()
        self.lock = threading.Lock()
        self.batch: dict[str, Record] = {}
        self.texts: dict[str, bool] = {}
        self.last = time.perf_counter()
        self.metadata_left = parts
        self.texts_left = parts


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

    def prepare(self) -> None:
        """Start the child processes now (they load PyMuPDF, at low priority), for a `read` to
        come: the reading then starts at once."""
        if self._busy:
            return
        for process in self._processes:
            if not _alive(process):
                _end(process)
        self._processes = [p for p in self._processes if _alive(p)]
        while len(self._processes) < PROCESSES:
            self._processes.append(_spawn())

    def read(self, archive: Archive) -> int:
        """Start reading the metadata of `archive`'s folder records (stopping any earlier
        reading); how many records are to be read."""
        self.stop()
        self._known = {}
        records = [r for r in archive.records if isinstance(r, Record) and wants_metadata(r)]
        if not records:
            return 0
        self.prepare()
        self._busy = True
        parts = [records[i :: len(self._processes)] for i in range(len(self._processes))]
        parts = [part for part in parts if part]
        reading = _Reading(archive.root, records, len(parts))
        with self._lock:
            self._heard = self._processes[: len(parts)]
        for process, part in zip(self._processes, parts, strict=False):
            threading.Thread(
                target=self._feed, args=(process, part), name="pdf-metadata-feed", daemon=True
            ).start()
            threading.Thread(
                target=self._collect,
                args=(process, reading, self._generation),
                name="pdf-metadata-reader",
                daemon=True,
            ).start()
        return len(records)

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
        self._generation += 1
        with self._lock:
            for process in self._processes:
                _end(process, heard=process in self._heard)
            self._heard = []
        self._busy = False
        self._processes = []

    def _feed(self, process: subprocess.Popen[str], records: list[Record]) -> None:
        assert process.stdin is not None
        paths = [str(record.scans[0].path) for record in records]
        try:
            process.stdin.write("".join(f"{path}\n" for path in paths) + "\n")
            process.stdin.write("".join(f"?{path}\n" for path in paths) + "\n")
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
                    self._texts_done(reading, generation)
                    with self._lock:
                        if process in self._heard:  # it stays for the next reading
                            self._heard.remove(process)
                            return
                    break  # ended meanwhile: its output is closed here
                self._take(answer, reading)
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

    def _take(self, answer: dict[str, object], reading: _Reading) -> None:
        record = reading.records.get(str(answer.get("path", "")))
        if record is None:
            return
        if "error" in answer:
            log.info("%s", answer["error"])
            return
        with reading.lock:
            if "text" in answer:
                reading.texts[record.id] = bool(answer["text"])
                return
            metadata = answer.get("metadata")
            metadata = metadata if isinstance(metadata, dict) else {}
            self._known[str(answer["path"])] = metadata
            completed = folder.with_pdf_metadata(record, metadata)
            if completed is not record:
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

    def _texts_done(self, reading: _Reading, generation: int) -> None:
        with reading.lock:
            reading.texts_left -= 1
            if reading.texts_left or generation != self._generation:
                return
            self._busy = False
            self.text_layers_read.emit(reading.root, dict(reading.texts))
