"""A cache of an archive's records read before, so that opening it again reads only what changed.

One file per archive in the user's cache folder (never in the archive). Each record is kept with
the stamp of its folder (the folder's and its record.toml's modification times, and the
record.toml's size): a record whose stamp is unchanged is taken from the cache, any other is read
again. A record is kept only when its stamp says everything about it: a record that could be read,
in a folder without sub-folders or links (a file added, removed or renamed in the folder changes
the folder's time), and not changed in the last seconds before the cache is written (a file
system's clock is coarse: an edit in the same tick would leave the stamp as it was).

The file is a series of pickles of a few thousand records each, so that neither reading nor
writing it holds the interpreter for long at a time (the window's thread shares it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path, PurePath

from viewer.domain import model
from viewer.domain.model import Record

log = logging.getLogger(__name__)

VERSION = 1
"""Raised when what the file holds changes in a way the model's fields do not show."""
CHUNK = 2_000
"""Records per pickle."""
SETTLE_NS = 2_000_000_000
"""A record changed less than this before the cache is written is not kept."""

Stamp = tuple[int, int, int]
"""(folder's mtime_ns, record.toml's mtime_ns, record.toml's size)."""


def _fingerprint() -> str:
    """The model's shape: a change of its fields makes older files unreadable as they are."""
    classes = (
        model.Record,
        model.Transcript,
        model.Scan,
        model.Source,
        model.Name,
        model.PartialDate,
    )
    shape = ";".join(
        f"{c.__name__}:{','.join(f.name for f in dataclasses.fields(c))}" for c in classes
    )
    return f"{VERSION}/{model.FORMAT_VERSION}/{shape}"


def stamp(folder: Path) -> Stamp | None:
    """The stamp of a record folder, or None when it or its record.toml cannot be looked at."""
    name = str(folder)
    try:  # on the folder's name: a Path for its record.toml costs more than the look itself
        folder_stat = os.stat(name)  # noqa: PTH116
        file_stat = os.stat(name + "/record.toml")  # noqa: PTH116
    except OSError:
        return None
    return (folder_stat.st_mtime_ns, file_stat.st_mtime_ns, file_stat.st_size)


class Catalogue:
    """The records of one archive read before, by folder, with their stamps."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.file = folder / (hashlib.sha256(str(root).encode()).hexdigest()[:24] + ".pickle")
        self.root = root
        self._known: dict[str, tuple[Stamp, bytes]] = {}
        self._kept: dict[str, tuple[Stamp, bytes]] = {}
        self._changed = False

    def load(self) -> None:
        """Read the file, when there is one that this viewer wrote for this archive."""
        try:
            with self.file.open("rb") as handle:
                header = pickle.load(handle)
                if header != (_fingerprint(), str(self.root)):
                    return
                while True:
                    try:
                        chunk = pickle.load(handle)
                    except EOFError:
                        break
                    self._known.update(chunk)
        except FileNotFoundError:
            return
        except Exception:  # a damaged or outdated cache is read again from the archive
            log.info("the catalogue %s cannot be used; the archive is read", self.file)
            self._known.clear()

    def __len__(self) -> int:
        return len(self._known)

    def get(self, folder: Path, found: Stamp | None) -> Record | None:
        """The record of `folder` read before, when its stamp is still `found`."""
        if found is None:
            return None
        known = self._known.get(str(folder))
        if known is None or known[0] != found:
            return None
        try:
            record = _Unpickler(io.BytesIO(known[1]), folder).load()
        except Exception:  # as a damaged file: read from the archive
            log.info("the catalogue's record of %s cannot be used", folder)
            return None
        return record if isinstance(record, Record) else None

    def keep(self, folder: Path, found: Stamp | None, record: Record) -> None:
        """Remember `record` just read from `folder` (its stamp `found` taken before)."""
        self._changed = True
        if found is None or max(found[0], found[1]) > time.time_ns() - SETTLE_NS:
            return
        data = io.BytesIO()
        _Pickler(data, folder).dump(record)
        self._kept[str(folder)] = (found, data.getvalue())

    def keep_known(self, folder: Path) -> None:
        """Keep the record of `folder` as the file has it (`get` gave it)."""
        key = str(folder)
        self._kept[key] = self._known[key]

    def forget(self, folder: Path) -> None:
        """`folder` is not to be kept (it could not be read, or its stamp does not say all)."""
        self._changed = True

    def save(self) -> None:
        """Write the records kept in this reading, when they differ from the file's."""
        if not self._changed and len(self._kept) == len(self._known):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (renamed, not deleted)
                dir=self.file.parent, prefix=self.file.stem, suffix=".tmp", delete=False
            )
        except OSError as exc:
            log.info("the catalogue of %s is not kept: %s", self.root, exc)
            return
        try:
            with handle:
                pickle.dump((_fingerprint(), str(self.root)), handle, pickle.HIGHEST_PROTOCOL)
                for chunk in _chunks(self._kept.items()):
                    pickle.dump(dict(chunk), handle, pickle.HIGHEST_PROTOCOL)
            Path(handle.name).replace(self.file)
        except OSError as exc:
            log.info("the catalogue of %s is not kept: %s", self.root, exc)
            Path(handle.name).unlink(missing_ok=True)


# A record's paths are written relative to its folder: making a Path from a whole path costs
# more than the rest of a record, and the folder's own Path is at hand when it is read back.
_FOLDER = 0


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, folder: Path) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._folder = str(folder)
        self._inside = self._folder + "/"

    def persistent_id(self, obj: object) -> object:
        if not isinstance(obj, PurePath):
            return None
        text = str(obj)
        if text == self._folder:
            return _FOLDER
        name = text.removeprefix(self._inside)
        if name != text and "/" not in name:
            return name
        return ("at", text)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, folder: Path) -> None:
        super().__init__(file)
        self._folder = folder

    def persistent_load(self, pid: object) -> object:
        if pid == _FOLDER:
            return self._folder
        if isinstance(pid, str):
            return self._folder / pid
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "at":
            return Path(pid[1])
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _chunks(
    items: Iterable[tuple[str, tuple[Stamp, bytes]]],
) -> Iterable[list[tuple[str, tuple[Stamp, bytes]]]]:
    chunk: list[tuple[str, tuple[Stamp, bytes]]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
