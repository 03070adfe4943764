"""PDF metadata of a plain folder's records, read in the background and streamed in batches.

A folder of a thousand PDFs is listed from its file names at once; their info and XMP (a real
title, author, subject) come afterwards from `viewer.domain.pdf_probe` in a child process at low
priority, so neither the window's process nor the render worker waits on them. Results arrive in
batches (`records_completed`), each a few hundred records at most, so the list is updated a few
times, not a thousand.
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

BATCH_SECONDS = 1.0
"""Results are handed over at most this often: each hand-over lists the records again (~50 ms
for 1,000 on a slow machine), so a thousand PDFs read in a second update the list once."""


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


def _end(process: subprocess.Popen[str] | None) -> None:
    if process is None:
        return
    if process.poll() is None:
        process.kill()
        process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class PdfMetadataReader(QObject):
    """Reads the PDF metadata of an archive's records; one archive at a time."""

    records_completed = Signal(object, object)
    """(archive root, {record id: completed record}) for a batch of records."""
    finished = Signal(object, float)
    """(archive root, seconds it took) once every record was read."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: subprocess.Popen[str] | None = None
        self._prepared: subprocess.Popen[str] | None = None
        self._generation = 0

    def prepare(self) -> None:
        """Start the child process now (it loads PyMuPDF, at low priority), for a `read` to
        come: the reading then starts at once."""
        if self._prepared is None or self._prepared.poll() is not None:
            self._prepared = _spawn()

    def read(self, archive: Archive) -> int:
        """Start reading the metadata of `archive`'s folder records (stopping any earlier
        reading); how many records are to be read."""
        self._generation += 1
        _end(self._process)
        self._process = None
        records = [r for r in archive.records if isinstance(r, Record) and wants_metadata(r)]
        if not records:
            self.stop()
            return 0
        process, self._prepared = self._prepared, None
        if process is None or process.poll() is not None:
            process = _spawn()
        self._process = process
        self._generation += 1
        threading.Thread(
            target=self._feed, args=(process, records), name="pdf-metadata-feed", daemon=True
        ).start()
        threading.Thread(
            target=self._collect,
            args=(process, archive.root, records, self._generation),
            name="pdf-metadata-reader",
            daemon=True,
        ).start()
        return len(records)

    def stop(self) -> None:
        """Stop the reading under way (its remaining results are dropped), and a process
        prepared for one."""
        self._generation += 1
        _end(self._process)
        _end(self._prepared)
        self._process = self._prepared = None

    def _feed(self, process: subprocess.Popen[str], records: list[Record]) -> None:
        assert process.stdin is not None
        try:
            for record in records:
                process.stdin.write(str(record.scans[0].path) + "\n")
            process.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # stopped

    def _collect(
        self,
        process: subprocess.Popen[str],
        root: Path,
        records: list[Record],
        generation: int,
    ) -> None:
        assert process.stdout is not None
        started = time.perf_counter()
        by_path = {str(record.scans[0].path): record for record in records}
        batch: dict[str, Record] = {}
        last = time.perf_counter()
        try:
            for line in process.stdout:
                if generation != self._generation:
                    return
                try:
                    answer = json.loads(line)
                except ValueError:
                    continue
                record = by_path.get(answer.get("path", ""))
                if record is None:
                    continue
                if "error" in answer:
                    log.info("%s", answer["error"])
                    continue
                completed = folder.with_pdf_metadata(record, answer.get("metadata") or {})
                if completed is not record:
                    batch[record.id] = completed
                if batch and time.perf_counter() - last >= BATCH_SECONDS:
                    self.records_completed.emit(root, batch)
                    batch, last = {}, time.perf_counter()
        except (OSError, ValueError):
            return  # stopped: the pipe was closed under us
        if generation != self._generation:
            return
        if batch:
            self.records_completed.emit(root, batch)
        if process.wait() != 0:
            log.warning("reading PDF metadata stopped early (a PDF MuPDF could not survive)")
        self.finished.emit(root, time.perf_counter() - started)
