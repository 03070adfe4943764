"""Reading the records of a large archive opened for the first time in a child process.

Reading 100,000 record folders takes ~10 system calls each (looking at the folder, opening and
reading its record.toml, listing it for transcripts and scans) and parsing their TOML. On threads
of the window's process each of those calls is a turn at the interpreter lock, which the window's
thread waits for behind them, and the parsing leaves the window's process with the memory of
everything it made on the way. A child process reads and parses the records,
writes the user's cache of them (`catalogue`) and gives each record as the plain values the cache
keeps; the window's process makes the records from those as it does from its cache.

`python -m viewer.domain.record_reader ROOT CATALOGUES` reads a pickle of the record folders'
paths (in order) on its input and writes a series of pickles of plain values, `catalogue.CHUNK`
records at a time, each record as `catalogue.freeze` makes it, a record that cannot be read as
`(reason, id)`, and one it cannot give as plain values as `None` (read by the caller itself).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from viewer.domain import catalogue, folder_check
from viewer.domain.model import Archive, BrokenRecord, Record, Source, UnreadRecord

log = logging.getLogger(__name__)

CHILD_FROM = 2_000
"""Record folders from which an archive is read in a child process (fewer cost less to read here
than to start a process for)."""

FILL_SECONDS = 0.5
"""An archive given early with records not read yet is given again, with the records read
since, at most this often: each time the window fills in the rows of those records."""

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]
_NO_SOURCE = Source()


def unread_records(root: Path, folders: list[Path], start: int) -> list[UnreadRecord]:
    """An `UnreadRecord` for each of `folders` from `start` on (of the archive `root`): named by
    its folder, its path below `root` as its ID (unique, where folders' names may not be)."""
    prefix = len(str(root)) + 1
    unread = []
    for place in range(start, len(folders)):
        folder = folders[place]
        name = str(folder)
        unread.append(
            UnreadRecord(name[prefix:], folder.name, folder, source=_NO_SOURCE, place=place)
        )
        if len(unread) % catalogue.CHUNK == 0:
            gc.freeze()  # as the records read (see `archive.load_archive`)
    return unread


class Filling:
    """The archive `first` (its first records read) given to `give` again at once with the rest
    of `folders` as `UnreadRecord`s, then with the records read since in their places, every
    `FILL_SECONDS`."""

    def __init__(
        self, first: Archive, root: Path, folders: list[Path], give: Callable[[Archive], None]
    ) -> None:
        unread = unread_records(root, folders, len(first.records))
        self._records: list[Record | BrokenRecord] = [*first.records, *unread]
        self.archive = dataclasses.replace(first, records=tuple(self._records))
        _ = self.archive.broken_records  # here, not on the window's thread (see `archive`)
        self._give = give
        self._last = time.monotonic()
        give(self.archive)

    def read(self, place: int, record: Record | BrokenRecord) -> None:
        """The record read at `place` of the archive."""
        if place >= len(self._records) or not isinstance(self._records[place], UnreadRecord):
            return
        self._records[place] = record
        now = time.monotonic()
        if now - self._last >= FILL_SECONDS:
            self._last = now
            self.archive = dataclasses.replace(self.archive, records=tuple(self._records))
            self._give(self.archive)


def serve(root: Path, catalogues: Path, folders: list[Path], sink: BinaryIO) -> None:
    """Read the records of `folders` (of the archive `root`) into `sink`, and keep them in a
    catalogue of `catalogues`."""
    from viewer.domain import archive  # noqa: PLC0415  (archive imports this module)

    known = catalogue.Catalogue(catalogues, root)  # empty: every folder is read
    known.file = catalogue.part_file(known.file)  # added to the catalogue by the window's process
    chunk: list[object] = []
    for folder, found, read in catalogue.read_ahead(folders, known):
        assert not isinstance(read, Record)  # an empty catalogue gives none
        record = archive.load_record(folder, real=True, fetched=read)
        value = _value(record, str(folder))
        # Made once, for the window and the catalogue (a record's values are never changed).
        known.remember(folder, found, record, read, value if type(value) is list else None)
        chunk.append(value)
        if len(chunk) == catalogue.CHUNK:
            pickle.dump(chunk, sink, pickle.HIGHEST_PROTOCOL)
            sink.flush()
            chunk = []
            gc.freeze()  # kept until the catalogue is written: not walked again and again
    pickle.dump(chunk, sink, pickle.HIGHEST_PROTOCOL)
    sink.flush()
    known.save()


def _value(record: Record | BrokenRecord, folder: str) -> object:
    if isinstance(record, BrokenRecord):
        return (record.reason, record.id)
    try:
        return catalogue.freeze(record, folder)
    except TypeError:
        return None


class ChildReading:
    """`serve` run in a child process for `folders`, started at once."""

    def __init__(self, root: Path, folders: list[Path], catalogues: Path) -> None:
        self.folders = folders
        self.kept: Path | None = None
        """The file of the records the child kept, once it gave every record."""
        self._part = catalogue.part_file(catalogue.Catalogue(catalogues, root).file)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(_PACKAGE_ROOT), env.get("PYTHONPATH", "")) if p
        )
        command = [sys.executable, "-m", "viewer.domain.record_reader", str(root), str(catalogues)]
        self._process: subprocess.Popen[bytes] | None = None
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
            )
            assert self._process.stdin is not None
            with self._process.stdin as stdin:
                pickle.dump([str(f) for f in folders], stdin, pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            log.info("the records of %s are read here: %s", root, exc)
            self._end()

    def records(self) -> Iterator[Record | BrokenRecord | Path]:
        """The record of each folder in order, as the child gives them; a folder's path for a
        record it left to this process. Fewer than the folders when the child failed: the rest
        are to be read by this process."""
        process = self._process
        if process is None or process.stdout is None:
            return
        at = 0
        try:
            while at < len(self.folders):
                try:
                    chunk = catalogue.load_plain(process.stdout)
                except EOFError:
                    break
                for value in chunk:
                    yield _made(value, self.folders[at])
                    at += 1
        except Exception:  # an answer that cannot be read: the rest is read here
            log.exception("reading records in a child process failed")
        finally:
            complete = at == len(self.folders)
            self._end(wait=complete)
            if complete:
                self.kept = self._part

    def _end(self, *, wait: bool = False) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if not wait:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=120)  # writing the catalogue, when it read every record
        if process.stdout is not None:
            process.stdout.close()


def _made(value: object, folder: Path) -> Record | BrokenRecord | Path:
    if value is None:
        return folder
    if type(value) is tuple:
        reason, record_id = value
        return BrokenRecord(folder, reason, record_id)
    try:
        return catalogue.thaw(value, folder)
    except Exception:  # as a damaged catalogue: read here
        return folder


def records_of(
    folders: list[Path],
    known: catalogue.Catalogue | None,
    stamps: list[catalogue.Stamp | None] | None,
    reading: ChildReading | None,
) -> Iterator[Record | BrokenRecord]:
    """The record of each of `folders`, in order: the first from `known` or the disk (and kept
    in `known`), the rest (`reading.folders`) from `reading` as far as it goes."""
    head = len(folders) - len(reading.folders) if reading is not None else len(folders)
    yield from _read_here(folders[:head], known, stamps[:head] if stamps is not None else None)
    if reading is None:
        return
    done = 0
    for made in reading.records():
        yield _read_here_one(made) if isinstance(made, Path) else made
        done += 1
    if done < len(reading.folders):  # the child stopped: the rest is read here (not kept)
        yield from _read_here(reading.folders[done:], None, None)


def _read_here(
    folders: list[Path],
    known: catalogue.Catalogue | None,
    stamps: list[catalogue.Stamp | None] | None,
) -> Iterator[Record | BrokenRecord]:
    from viewer.domain.archive import load_record  # noqa: PLC0415  (it imports this module)

    if not folders:
        return
    for folder, found, read in catalogue.read_ahead(folders, known, stamps):
        record = read if isinstance(read, Record) else load_record(folder, real=True, fetched=read)
        if known is not None:
            known.remember(folder, found, record, read)
        yield record


def _read_here_one(folder: Path) -> Record | BrokenRecord:
    from viewer.domain.archive import load_record  # noqa: PLC0415  (it imports this module)

    return load_record(folder, real=True)


def checked_folders(
    checked: Iterable[folder_check.Found],
) -> tuple[list[Path], list[catalogue.Stamp | None]]:
    """The record folders and their stamps as `folder_check` found them, kept from the cycle
    collector as `archive._record_folders`."""
    folders: list[Path] = []
    stamps: list[catalogue.Stamp | None] = []
    for chunk in checked:
        for name, found in chunk:
            folders.append(Path(name))
            stamps.append(found)
        gc.freeze()
    return folders, stamps


def main() -> None:
    """The child process's entry point (at the priority of the window: the reader waits for the
    records)."""
    folders = [Path(name) for name in catalogue.load_plain(sys.stdin.buffer)]
    try:
        serve(Path(sys.argv[1]), Path(sys.argv[2]), folders, sys.stdout.buffer)
    except BrokenPipeError:  # the window closed meanwhile: nobody waits for the records
        quiet_exit()


def quiet_exit() -> None:
    """End now, without a word about the output nobody reads any more."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


if __name__ == "__main__":
    main()
