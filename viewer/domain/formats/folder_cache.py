"""A plain folder read before, kept in the user's cache: its records and its PDFs' own metadata.

Two files per folder in the user's cache (never in the folder), written whole and renamed into
place, read as plain values only (as `viewer.domain.catalogue`, whose freezing they share):

- `FolderCache`: the records as the folder's listing and sidecars made them, with the stamp of
  every folder walked and every sidecar read. Opening the folder again lists these records at
  once; when every stamp is as it was (a file added, removed or renamed changes its folder's
  time; an edited sidecar its own), the folder is not read again. A folder holding links, or
  one changed in the last seconds before it was read, has no stamp: the folder is read again.
- `PdfFacts`: what each PDF's info and XMP said, and whether it has a text layer, by path, size
  and modification time, so that a PDF unchanged since is not opened again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from viewer.domain import catalogue
from viewer.domain.model import BrokenRecord, Record

log = logging.getLogger(__name__)

VERSION = 2
"""Raised when what the files hold changes in a way the model's fields do not show."""

Stamp = tuple[int, int]
"""(mtime_ns, size) of a folder or file."""


def stamp_of(path: str) -> Stamp | None:
    """The stamp of `path`, or None when it cannot be looked at or changed too recently to
    tell a later change from it (a file system's clock is coarse)."""
    try:
        found = os.stat(path)  # noqa: PTH116  (a name, not a Path: cheaper by the thousand)
    except OSError:
        return None
    if found.st_mtime_ns > time.time_ns() - catalogue.SETTLE_NS:
        return None
    return (found.st_mtime_ns, found.st_size)


def _key(root: Path) -> str:
    return hashlib.sha256(str(root).encode()).hexdigest()[:24]


def _header(kind: str, root: Path) -> tuple[str, ...]:
    return (kind, str(VERSION), catalogue._fingerprint(), str(root))


def _load(file: Path, header: tuple[str, ...]) -> Any:
    """What `_save` wrote into `file` with `header`; None when there is none that can be used."""
    try:
        with file.open("rb") as handle:
            if catalogue._PlainUnpickler(handle).load() != header:
                return None
            return catalogue._PlainUnpickler(handle).load()
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated cache: the folder is read again
        log.info("the cache %s cannot be used; the folder is read", file)
        return None


def _save(file: Path, header: tuple[str, ...], body: object) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (renamed, not deleted)
            dir=file.parent, prefix=file.stem, suffix=".tmp", delete=False
        )
    except OSError as exc:
        log.info("%s is not kept: %s", file, exc)
        return
    try:
        with handle:
            pickle.dump(header, handle, pickle.HIGHEST_PROTOCOL)
            pickle.dump(body, handle, pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(file)
    except OSError as exc:
        log.info("%s is not kept: %s", file, exc)
        Path(handle.name).unlink(missing_ok=True)


Notes = tuple[
    dict[str, Stamp | None], dict[str, tuple[tuple[str, ...], tuple[str, ...]]], dict[str, Any]
]
"""What a reading looked at (`folder_listing.Seen`): stamps by path, each folder's file and
subfolder names, each sidecar's front matter and language."""


class FolderCache:
    """The records of one plain folder as read before, with the stamps that say they still
    hold."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.file = folder / f"{_key(root)}.folder.pickle"
        self.root = root

    def load(self) -> tuple[list[Record | BrokenRecord], Notes] | None:
        """The records and notes kept, or None when there are none that can be used."""
        body = _load(self.file, _header("folder", self.root))
        if body is None:
            return None
        try:
            frozen, notes = body
            records: list[Record | BrokenRecord] = []
            folders: dict[str, Path] = {"": self.root}
            for value in frozen:
                if len(value) == 3:
                    where, reason, record_id = value
                    records.append(BrokenRecord(Path(where), reason, record_id))
                    continue
                place, values = value
                folder = folders.get(place)
                if folder is None:
                    folder = folders[place] = self.root / place
                record = catalogue._thaw(values, folder)
                if not isinstance(record, Record):
                    return None
                records.append(record)
            stamps, listings, sidecars = notes
            if not all(isinstance(n, dict) for n in notes):
                return None
        except Exception:  # as a damaged file
            log.info("the cache %s cannot be used; the folder is read", self.file)
            return None
        return records, (stamps, listings, sidecars)

    def save(self, records: Iterable[Record | BrokenRecord], notes: Notes) -> None:
        """Keep `records` as read, with the notes of what the reading looked at (the stamps
        taken before it read)."""
        top = len(str(self.root)) + 1
        frozen: list[object] = []
        try:
            for record in records:
                if isinstance(record, BrokenRecord):
                    frozen.append((str(record.folder), record.reason, record.id))
                    continue
                # By the record's own folder: its files' paths are names in it, made again
                # without being parsed (a folder of 10,000 photos has as many).
                folder = str(record.folder)
                frozen.append((folder[top:], catalogue._freeze(record, folder)))
        except TypeError as exc:  # a field of a kind the cache does not know: read it again
            log.warning("%s", exc)
            return
        _save(self.file, _header("folder", self.root), (frozen, notes))


def unchanged(stamps: dict[str, Stamp | None]) -> bool:
    """Whether every folder and file in `stamps` is as it was."""
    return all(known is not None and stamp_of(path) == known for path, known in stamps.items())


Fact = tuple[int, int, dict[str, str] | None, int | None]
"""(mtime_ns, size, the PDF's metadata, whether it has a text layer: 1 or 0, -1 when that could
not be told); None for what was not read yet."""


class PdfFacts:
    """What the PDFs of one folder said when they were last read, by path, size and time."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.file = folder / f"{_key(root)}.pdfs.pickle"
        self.root = root
        self._facts: dict[str, Fact] = {}
        self._changed = False

    def load(self) -> PdfFacts:
        body = _load(self.file, _header("pdfs", self.root))
        if isinstance(body, dict):
            self._facts = body
        return self

    def __len__(self) -> int:
        return len(self._facts)

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget the PDFs not among `paths` (gone from the folder since)."""
        wanted = set(paths)
        gone = [path for path in self._facts if path not in wanted]
        for path in gone:
            del self._facts[path]
        self._changed = self._changed or bool(gone)

    def known(self, path: str, *, look: bool = True) -> Fact | None:
        """What was read of the PDF at `path`, when it is still as it was then (with `look`
        False, as it was then, unseen: for a first listing that the disk will confirm)."""
        fact = self._facts.get(path)
        if fact is None:
            return None
        if look:
            try:
                found = os.stat(path)  # noqa: PTH116  (as stamp_of)
            except OSError:
                return None
            if (found.st_mtime_ns, found.st_size) != fact[:2]:
                return None
        return fact

    def metadata(self, path: str, *, look: bool = True) -> dict[str, str] | None:
        fact = self.known(path, look=look)
        return fact[2] if fact is not None and isinstance(fact[2], dict) else None

    def keep(
        self, path: str, *, metadata: dict[str, str] | None = None, text: int | None = None
    ) -> None:
        """Remember what the PDF at `path` said (its stamp taken now: it was read just now)."""
        found = stamp_of(path)
        if found is None:
            self._facts.pop(path, None)
            return
        old = self._facts.get(path)
        if old is not None and old[:2] == found:
            metadata = old[2] if metadata is None else metadata
            text = old[3] if text is None else text
        self._facts[path] = (*found, metadata, text)
        self._changed = True

    def save(self) -> None:
        if self._changed:
            _save(self.file, _header("pdfs", self.root), self._facts)
            self._changed = False
