"""A cache of an archive's records read before, so that opening it again reads only what changed.

One file per archive in the user's cache folder (never in the archive). Each record is kept with
the stamp of its folder (the folder's and its record.toml's modification times, and the
record.toml's size): a record whose stamp is unchanged is taken from the cache, any other is read
again. A record is kept only when its stamp says everything about it: a record that could be read,
in a folder without sub-folders or links (a file added, removed or renamed in the folder changes
the folder's time), and not changed in the last seconds before the cache is written (a file
system's clock is coarse: an edit in the same tick would leave the stamp as it was).

The file is a series of pickles of plain values (no class is loaded from it), a few thousand
records each, so that neither reading nor writing it holds the interpreter for long at a time
(the window's thread shares it); a record is made from its values when it is asked for.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import gc
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import IO, Any

from viewer.domain import model, record_files
from viewer.domain.model import BrokenRecord, Record

log = logging.getLogger(__name__)

VERSION = 1
"""Raised when what the file holds changes in a way the model's fields do not show."""
CHUNK = 500
"""Records per pickle: reading one holds the interpreter lock (and the window) until it ends."""
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


def header(root: Path) -> tuple[str, str]:
    """The first pickle of the catalogue file of `root`: what the file must begin with to be
    read."""
    return (_fingerprint(), str(root))


def load_plain(handle: IO[bytes]) -> Any:
    """The next pickle of `handle`, of plain values only (a class named in it is refused)."""
    return _PlainUnpickler(handle).load()


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
        self._known: dict[str, tuple[Stamp, object]] = {}
        self._kept: dict[str, tuple[Stamp, object]] = {}
        self._thawed: dict[str, Record] = {}
        self._changed = False

    def load(self) -> None:
        """Read the file, when there is one that this viewer wrote for this archive."""
        try:
            with self.file.open("rb") as handle:
                # One unpickler per pickle: each was written with a memo of its own.
                if load_plain(handle) != header(self.root):
                    return
                while True:
                    try:
                        chunk = load_plain(handle)
                    except EOFError:
                        break
                    self._known.update(chunk)
                    # Kept as long as the archive is read: the cycle collector's full passes over
                    # millions of values would hold the interpreter (and the window) for a second.
                    gc.freeze()
        except FileNotFoundError:
            return
        except Exception:  # a damaged or outdated cache is read again from the archive
            log.info("the catalogue %s cannot be used; the archive is read", self.file)
            self._known.clear()

    def __len__(self) -> int:
        return len(self._known)

    def get(self, folder: Path, found: Stamp | None) -> Record | None:
        """The record of `folder` read before, when its stamp is still `found` (the same object
        `records` gave, if it gave it)."""
        if found is None:
            return None
        key = str(folder)
        known = self._known.get(key)
        if known is None or known[0] != found:
            return None
        if key in self._thawed:
            return self._thawed[key]
        return self._thaw(key, folder)

    def records(self) -> list[Record]:
        """Every record the file has, in the order they were read, as they were then."""
        found = []
        for key, (known_stamp, _) in self._known.items():
            record = self._thawed.get(key) or self._thaw(key, Path(key))
            if record is not None:
                self._thawed[key] = record
                # The record in place of its plain values, which are let go: holding both, the
                # window would need twice the memory (`save` makes them again if it must).
                self._known[key] = (known_stamp, record)
                found.append(record)
                if len(found) % CHUNK == 0:
                    gc.freeze()  # as in `load`
        return found

    def _kept_values(self) -> Iterator[tuple[str, tuple[Stamp, object]]]:
        """The records kept, as plain values."""
        for key, (kept_stamp, kept) in self._kept.items():
            if not isinstance(kept, Record):
                yield key, (kept_stamp, kept)
                continue
            try:
                yield key, (kept_stamp, _freeze(kept, key))
            except TypeError as exc:  # as in `keep`: read again next time
                log.warning("%s", exc)

    def _thaw(self, key: str, folder: Path) -> Record | None:
        try:
            record = _thaw(self._known[key][1], folder)
        except Exception:  # as a damaged file: read from the archive
            log.info("the catalogue's record of %s cannot be used", folder)
            return None
        return record if isinstance(record, Record) else None

    def remember(
        self,
        folder: Path,
        found: Stamp | None,
        record: Record | BrokenRecord,
        read: Record | record_files.Fetched,
        frozen: object = None,
    ) -> None:
        """Keep `record`, as `get` gave it or as it was read, when its stamp says all about it
        (see the module's description); `frozen`: the record as `freeze` made it, if it did."""
        if isinstance(read, Record):
            self.keep_known(folder)
        elif isinstance(record, Record) and not read[1].has_folders and not read[1].has_links:
            self.keep(folder, found, record, frozen)
        else:
            self.forget(folder)

    def keep(
        self, folder: Path, found: Stamp | None, record: Record, frozen: object = None
    ) -> None:
        """Remember `record` just read from `folder` (its stamp `found` taken before;
        `frozen`: as `freeze` made it, if it did)."""
        self._changed = True
        if found is None or max(found[0], found[1]) > time.time_ns() - SETTLE_NS:
            return
        if frozen is None:
            try:
                frozen = _freeze(record, str(folder))
            except TypeError as exc:  # a field of a kind the catalogue does not know: read again
                log.warning("%s", exc)
                return
        self._kept[str(folder)] = (found, frozen)

    def keep_known(self, folder: Path) -> None:
        """Keep the record of `folder` as the file has it (`get` gave it)."""
        key = str(folder)
        self._kept[key] = self._known[key]

    def forget(self, folder: Path) -> None:
        """`folder` is not to be kept (it could not be read, or its stamp does not say all)."""
        if str(folder) in self._known:
            self._changed = True

    def save(self, also: Path | None = None) -> None:
        """Write the records kept in this reading, when they differ from the file's; `also`: a
        file of the records of the same archive kept by another reading (`part_file`), added
        after them (and removed)."""
        if also is None and not self._changed and len(self._kept) == len(self._known):
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
                pickle.dump(header(self.root), handle, pickle.HIGHEST_PROTOCOL)
                for chunk in _chunks(self._kept_values()):
                    pickle.dump(dict(chunk), handle, pickle.HIGHEST_PROTOCOL)
                if also is not None:
                    self._add(also, handle)
            Path(handle.name).replace(self.file)
        except OSError as exc:
            log.info("the catalogue of %s is not kept: %s", self.root, exc)
            Path(handle.name).unlink(missing_ok=True)
        finally:
            if also is not None:
                also.unlink(missing_ok=True)

    def _add(self, part: Path, handle: IO[bytes]) -> None:
        """The records of the file `part` after those written to `handle` (none when it is not
        a catalogue of this archive)."""
        try:
            with part.open("rb") as source:
                if load_plain(source) == header(self.root):
                    shutil.copyfileobj(source, handle)
        except FileNotFoundError:
            return  # no record was kept
        except pickle.UnpicklingError:
            log.info("the records kept in %s cannot be used", part)


def part_file(file: Path) -> Path:
    """Where a reading of part of an archive keeps its records, for the reading of the rest to
    add to the catalogue `file` (`Catalogue.save`)."""
    return file.with_suffix(".part")


# A record is kept as plain values (tuples, text, numbers), not as a pickle of its objects:
# unpickling 100,000 records object by object takes longer than reading them from their files,
# and a file of plain values can run no code when read. Its paths are kept relative to its
# folder: making a Path from a whole path costs more than the rest of a record, and the folder's
# own Path is at hand when the record is read back.
_CLASSES: tuple[type, ...] = (
    model.Record,
    model.Transcript,
    model.Scan,
    model.Source,
    model.Name,
    model.PartialDate,
    model.TranscriptFormat,
    model.TranscriptKind,
)
_INDEX = {cls: index for index, cls in enumerate(_CLASSES)}
_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in dataclasses.fields(cls))
    for cls in _CLASSES
    if dataclasses.is_dataclass(cls)
}


def _defaults(cls: type) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            found[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            found[f.name] = f.default_factory()
    return found


_DEFAULTS: dict[type, dict[str, Any]] = {cls: _defaults(cls) for cls in _FIELDS}
_MEMBERS = {
    (index, member.value): member
    for index, cls in enumerate(_CLASSES)
    if issubclass(cls, enum.Enum)
    for member in cls
}
_PLAIN = frozenset((str, int, bool, float, type(None)))
_IN_FOLDER, _ELSEWHERE, _MEMBER = range(3)


def _freeze(value: object, folder: str) -> object:
    """`value` as plain values: a model object as [its class, its fields...], a path or an
    enumeration's member as a one-key dict, tuples and frozen sets as they are."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        if all(type(v) is str for v in value):  # type: ignore[attr-defined]
            return value  # a tuple of text (subjects, places...): plain already
        return tuple(_freeze(v, folder) for v in value)  # type: ignore[attr-defined]
    if kind is frozenset:
        return value
    names = _FIELDS.get(kind)
    if names is not None:  # a model object (the classes read back are these only)
        # Only the fields that differ from their default: most of a record's are empty.
        defaults = _DEFAULTS[kind]
        frozen: list[object] = [_INDEX[kind]]
        for name in names:
            field_value = getattr(value, name)
            if name not in defaults or field_value != defaults[name]:
                frozen += (
                    name,
                    field_value if type(field_value) in _PLAIN else _freeze(field_value, folder),
                )
        return frozen
    if isinstance(value, PurePath):
        text = str(value)
        if text == folder:
            return {_IN_FOLDER: ""}
        if text.startswith(folder + "/"):
            return {_IN_FOLDER: text[len(folder) + 1 :]}
        return {_ELSEWHERE: text}
    if isinstance(value, enum.Enum):
        return {_MEMBER: (_INDEX[kind], value.value)}
    raise TypeError(f"a record holds a {kind.__name__}, which the catalogue cannot keep")


_PLACES: dict[type, dict[str, int]] = {
    cls: {name: place for place, name in enumerate(names)} for cls, names in _FIELDS.items()
}
_MISSING = object()
_TEMPLATES: dict[type, list[Any]] = {
    cls: [_DEFAULTS[cls].get(name, _MISSING) for name in names] for cls, names in _FIELDS.items()
}
_REQUIRED: dict[type, tuple[int, ...]] = {
    cls: tuple(place for place, value in enumerate(template) if value is _MISSING)
    for cls, template in _TEMPLATES.items()
}
"""Each class's fields in order, with their defaults: a default value is made once and shared by
every record that has it (they are frozen), which a record's own `Source()` would not be."""


_MAKE_CHILD = hasattr(Path, "_make_child_relpath")
"""pathlib makes a folder's entries without parsing their names (the catalogue's files are named
by their folders' listings): ten times faster than `folder / name`, by the thousand."""


def _thaw(value: object, folder: Path) -> Any:
    """What `_freeze` made, as it was (`folder`: the record's folder)."""
    kind = type(value)
    if kind is list:
        cls = _CLASSES[value[0]]  # type: ignore[index]
        places = _PLACES[cls]
        fields = _TEMPLATES[cls].copy()
        for at in range(1, len(value), 2):  # type: ignore[arg-type]
            field_value = value[at + 1]  # type: ignore[index]
            fields[places[value[at]]] = (  # type: ignore[index]
                field_value if type(field_value) in _PLAIN else _thaw(field_value, folder)
            )
        if any(fields[place] is _MISSING for place in _REQUIRED[cls]):
            raise TypeError(f"a {cls.__name__} lacks a field")
        return cls(*fields)
    if kind is tuple:
        if all(type(v) is str for v in value):  # type: ignore[attr-defined]
            return value  # a tuple of text (subjects, places...), as it was
        return tuple(_thaw(v, folder) for v in value)  # type: ignore[attr-defined]
    if kind is dict:
        ((tag, content),) = value.items()  # type: ignore[attr-defined]
        if tag == _IN_FOLDER:
            if not content:
                return folder
            if "/" in content or not _MAKE_CHILD:
                return folder / content
            # A file's name: made as pathlib makes a folder's entries, without parsing it.
            return folder._make_child_relpath(content)  # type: ignore[attr-defined]
        if tag == _ELSEWHERE:
            return Path(content)
        return _MEMBERS[content]
    return value


def freeze(record: Record, folder: str) -> object:
    """`record` of `folder` as the plain values the file keeps (TypeError: a value of a kind
    the catalogue cannot keep)."""
    return _freeze(record, folder)


def thaw(value: object, folder: Path) -> Record:
    """The record `freeze` made `value` of (an exception when it is not one)."""
    record = _thaw(value, folder)
    if not isinstance(record, Record):
        raise TypeError("not a record")
    return record


class _PlainUnpickler(pickle.Unpickler):
    """Reads plain values only: a class named in the file is refused, never loaded."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the catalogue names {module}.{name}")


def _chunks(
    items: Iterable[tuple[str, tuple[Stamp, object]]],
) -> Iterable[list[tuple[str, tuple[Stamp, object]]]]:
    chunk: list[tuple[str, tuple[Stamp, object]]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


READERS = 8
"""Threads reading record folders ahead of their parsing: the disk answers several at once."""
READ_AHEAD = 64
"""Record folders each of them reads at a time."""

Read = tuple[Path, Stamp | None, Record | record_files.Fetched]
"""A record folder, its stamp, and its record from the catalogue or its files as read."""


def read_ahead(
    folders: list[Path], known: Catalogue | None, stamps: list[Stamp | None] | None = None
) -> Iterator[Read]:
    """Each folder in order, with its stamp and its record from `known` or its files
    (`record_files.fetch`), read by `READERS` threads ahead of the caller. `stamps`: the
    folders' stamps, when they were looked at already (`folder_check`)."""

    def work(start: int) -> list[Read]:
        done: list[Read] = []
        for at in range(start, min(start + READ_AHEAD, len(folders))):
            folder = folders[at]
            if stamps is not None:
                found = stamps[at]
            else:
                found = stamp(folder) if known is not None else None
            cached = known.get(folder, found) if known is not None else None
            done.append((folder, found, cached or record_files.fetch(folder)))
        return done

    starts = range(0, len(folders), READ_AHEAD)
    if len(starts) == 1:
        yield from work(0)
        return
    with ThreadPoolExecutor(READERS, thread_name_prefix="record-reader") as pool:
        pending = collections.deque(pool.submit(work, start) for start in starts[: 2 * READERS])
        following = iter(starts[2 * READERS :])
        try:
            while pending:
                done = pending.popleft().result()
                after = next(following, None)
                if after is not None:
                    pending.append(pool.submit(work, after))
                yield from done
        finally:
            for future in pending:
                future.cancel()
