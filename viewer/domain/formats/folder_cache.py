"""A plain folder read before, kept in the user's cache: its records and its PDFs' own metadata.

Three files per folder in the user's cache (never in the folder), written whole and renamed into
place, read as plain values only (as `viewer.domain.catalogue`, whose freezing they share):

- `FolderCache`: the records as the folder's listing and sidecars made them, with the stamp of
  every folder walked and every sidecar read. Opening the folder again lists these records at
  once; when every stamp is as it was (a file added, removed or renamed changes its folder's
  time; an edited sidecar its own), the folder is not read again. A folder holding links, or
  one changed in the last seconds before it was read, has no stamp: the folder is read again.
- `ShownRecords`: the records of the first, completed by the PDFs' metadata the second holds,
  as the window lists them first (made again when either is written again).
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

VERSION = 3
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


def _save(file: Path, header: tuple[str, ...], body: object, chunks: Iterable[object] = ()) -> None:
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
            for chunk in chunks:
                pickle.dump(chunk, handle, pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(file)
    except OSError as exc:
        log.info("%s is not kept: %s", file, exc)
        Path(handle.name).unlink(missing_ok=True)


def _save_chunked(file: Path, header: tuple[str, ...], head: object, items: list[Any]) -> None:
    """`_save`, the `items` pickled a few hundred at a time after `head`: one pickle of a whole
    folder's records holds the interpreter lock (and the window) until it ends."""
    _save(
        file,
        header,
        head,
        [items[at : at + catalogue.CHUNK] for at in range(0, len(items), catalogue.CHUNK)],
    )


def _load_chunked(file: Path, header: tuple[str, ...], *, items: bool = True) -> Any:
    """What `_save_chunked` wrote: (head, items), or None; with `items` False, (head, [])."""
    try:
        with file.open("rb") as handle:
            if catalogue._PlainUnpickler(handle).load() != header:
                return None
            head = catalogue._PlainUnpickler(handle).load()
            found: list[Any] = []
            while items:
                try:
                    chunk = catalogue._PlainUnpickler(handle).load()
                except EOFError:
                    break
                if not isinstance(chunk, list):
                    return None
                found.extend(chunk)
            return head, found
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated cache: the folder is read again
        log.info("the cache %s cannot be used; the folder is read", file)
        return None


Notes = tuple[
    dict[str, Stamp | None], dict[str, tuple[tuple[str, ...], tuple[str, ...]]], dict[str, Any]
]
"""What a reading looked at (`folder_listing.Seen`): stamps by path, each folder's file and
subfolder names, each sidecar's front matter and language."""


def _thawed(root: Path, frozen: list[Any]) -> list[Record | BrokenRecord] | None:
    """The records `_frozen` made of a folder's records, or None when they are not."""
    records: list[Record | BrokenRecord] = []
    folders: dict[str, Path] = {"": root}
    for value in frozen:
        if len(value) == 3:
            where, reason, record_id = value
            records.append(BrokenRecord(Path(where), reason, record_id))
            continue
        place, values = value
        folder = folders.get(place)
        if folder is None:
            folder = folders[place] = root / place
        record = catalogue._thaw(values, folder)
        if not isinstance(record, Record):
            return None
        records.append(record)
    return records


def _frozen(root: Path, records: Iterable[Record | BrokenRecord]) -> list[object] | None:
    """`records` of the folder `root` as plain values; None when one holds a value of a kind
    the cache does not know."""
    top = len(str(root)) + 1
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
        return None
    return frozen


class FolderCache:
    """The records of one plain folder as read before, with the stamps that say they still
    hold."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.file = folder / f"{_key(root)}.folder.pickle"
        self.root = root

    def load(self, *, records: bool = True) -> tuple[list[Record | BrokenRecord], Notes] | None:
        """The records and notes kept (with `records` False, the notes alone and no record),
        or None when there are none that can be used."""
        body = _load_chunked(self.file, _header("folder", self.root), items=records)
        if body is None:
            return None
        try:
            notes, frozen = body
            found = _thawed(self.root, frozen)
            stamps, listings, sidecars = notes
            if found is None or not all(isinstance(n, dict) for n in notes):
                return None
        except Exception:  # as a damaged file
            log.info("the cache %s cannot be used; the folder is read", self.file)
            return None
        return found, (stamps, listings, sidecars)

    def save(self, records: Iterable[Record | BrokenRecord], notes: Notes) -> None:
        """Keep `records` as read, with the notes of what the reading looked at (the stamps
        taken before it read)."""
        frozen = _frozen(self.root, records)
        if frozen is not None:
            _save_chunked(self.file, _header("folder", self.root), notes, frozen)


Sources = tuple[tuple[int, int, int], tuple[int, int, int]]
"""(inode, mtime_ns, size) of a folder's `FolderCache` file and of its `PdfFacts` file."""


def _identity(file: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(file)  # noqa: PTH116  (as stamp_of)
    except OSError:
        return None
    return (found.st_ino, found.st_mtime_ns, found.st_size)


class ShownRecords:
    """The records of one plain folder as the window lists them first: those of its
    `FolderCache` completed by its `PdfFacts`, made when both were written, so that opening the
    folder again lists them without completing a record (kept with the two files' identities:
    either written again, they are made again)."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.file = folder / f"{_key(root)}.shown.pickle"
        self.root = root
        self._folder = FolderCache(folder, root).file
        self._facts = PdfFacts(folder, root).file

    def sources(self) -> Sources | None:
        """The identities of the two files these records are made from; None without both."""
        kept, facts = _identity(self._folder), _identity(self._facts)
        return None if kept is None or facts is None else (kept, facts)

    def load(self, sources: Sources) -> list[Record | BrokenRecord] | None:
        """The records kept when the two files were `sources`; None when there are none."""
        body = _load_chunked(self.file, _header("shown", self.root))
        if body is None or body[0] != sources:
            return None
        try:
            return _thawed(self.root, body[1])
        except Exception:  # as a damaged file
            log.info("the cache %s cannot be used", self.file)
            return None

    def holds(self, sources: Sources) -> bool:
        """Whether the records kept were made from `sources`."""
        body = _load_chunked(self.file, _header("shown", self.root), items=False)
        return body is not None and body[0] == sources

    def save(self, records: Iterable[Record | BrokenRecord], sources: Sources) -> None:
        frozen = _frozen(self.root, records)
        if frozen is not None:
            _save_chunked(self.file, _header("shown", self.root), sources, frozen)


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
