"""The kinds of source the viewer opens, behind one door: `detect(path)`, then `read` or `check`.

Each format lives in its own module of this package and exposes `FORMAT`, a `Format` value. A new
kind of source (a spreadsheet of records, a Zotero export, a TEI edition) is one new module and
one line in `_MODULES`; the window, the background jobs, `check`, `cite` and `import` find it
through this module alone. Modules are imported only when asked, so start-up pays for the
formats it meets, not for all of them.

A format turns its source into the one model the viewer reads (`viewer.domain.model.Archive`),
never writing into the source. `claims` must be cheap (a suffix, a file's first bytes, a folder's
own listing): it runs for every format before one is chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.domain.archive import ArchiveError, Problem, Progress
from viewer.domain.model import Archive, BrokenRecord, Record

_MODULES = (
    # Asked in this order; the first that claims a path reads it. Folders: a curated archive
    # (record.toml in it or below) before a plain folder of scans, which claims any folder.
    "toml_archive",
    "document",
    "frus_tei",
    "tropy",
    "iiif",
    # A sheet of records, or a folder holding one, before the plain folder that would list
    # only its scans.
    "manifest",
    "zotero",
    "ris",
    "folder",
)


@dataclass(frozen=True)
class Format:
    """One kind of source: how to recognise it, read it into an Archive, and check it."""

    name: str
    """Short and stable, for `--format NAME` ("archive", "document", "folder", ...)."""
    label: str
    """What it is, for people ("an archive folder (record.toml files)")."""
    claims: Callable[[Path], bool]
    """Whether this format reads `path` (cheap: suffix, first bytes, the folder's own listing)."""
    read: Callable[[Path, Progress | None], Archive]
    """The source as an Archive; ArchiveError when it cannot be read at all."""
    check: Callable[[Path], list[Problem]] | None = None
    """Every problem of the source, for `archive-viewer check`; None: the problems are the
    reasons of the records `read` could not make."""
    importable: bool = True
    """Whether `archive-viewer import` takes it as a source."""
    read_early: (
        Callable[[Path, Progress | None, Callable[[Archive], None] | None], Archive] | None
    ) = None
    """`read`, first giving the callback the source as the user's cache has it, before the source
    itself is looked at; it returns that same Archive when the source says the same. Without a
    callback, `read` through the user's cache: only what changed since is read again."""
    read_changed: Callable[[Path, Collection[str]], Archive] | None = None
    """`read` through the user's cache (as `read_early` without a callback), the files and
    folders named (their paths, as text) read again whatever the cache says of them."""
    followed: bool = False
    """Whether the window follows the source's files while it is open (`services/folder_watch`)
    and reads it again when they change (a plain folder, a sheet and its folder)."""


class UnknownFormatError(ArchiveError):
    """A path no format claims."""


def formats() -> tuple[Format, ...]:
    """Every format, in the order they are asked."""
    return tuple(_load(name) for name in _MODULES)


def by_name(name: str) -> Format:
    """The format called `name`; KeyError with the known names when there is none."""
    for fmt in formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in formats())
    raise KeyError(f"no format is called {name!r} (known: {known})")


def detect(path: Path) -> Format:
    """The format that reads `path`, or UnknownFormatError saying what the path is not."""
    if not path.exists():
        raise ArchiveError(path, "does not exist", "Check the path")
    for fmt in formats():
        if fmt.claims(path):
            return fmt
    raise UnknownFormatError(
        path,
        "is not an archive, record, spreadsheet of records or PDF this viewer can read",
        "Open an archive folder, a folder of scans, a PDF or image, or a supported export",
    )


def read(
    path: Path,
    progress: Progress | None = None,
    early: Callable[[Archive], None] | None = None,
) -> Archive:
    """The archive, folder, spreadsheet or export at `path`, read by its format. `early` is given
    the archive as the user's cache has it, when its format keeps one (`Format.read_early`),
    or its first records read with the rest to be read (`archive.load_archive`), and then
    again as more of them are read."""
    fmt = detect(path)
    if early is not None and fmt.read_early is not None:
        return fmt.read_early(path, progress, early)
    return fmt.read(path, progress)


def read_again(
    path: Path,
    before: Archive,
    complete: Callable[[Record], Record] | None = None,
    changed: Collection[Path] = (),
) -> Archive:
    """The source at `path` read again while `before` (its earlier reading) is open, its files
    (`changed`, where known) having changed: each record the same as one of `before` (once
    completed by `complete`, as the window completed it: a PDF's own title) is that same
    object, so that what shows records sees which changed; `before` itself when none did."""
    fmt = detect(path)
    if fmt.read_changed is not None:
        after = fmt.read_changed(path, [str(p) for p in changed])
    elif fmt.read_early is not None:
        after = fmt.read_early(path, None, None)
    else:
        after = fmt.read(path, None)
    known = {record.id: record for record in before.records}
    records: list[Record | BrokenRecord] = []
    for record in after.records:
        if complete is not None and isinstance(record, Record):
            record = complete(record)  # noqa: PLW2901  (the record as the window shows it)
        old = known.get(record.id)
        records.append(old if old is not None and old == record else record)
    if len(records) == len(before.records) and all(
        new is old for new, old in zip(records, before.records, strict=True)
    ):
        return before
    return replace(after, records=tuple(records))


def is_document(path: Path) -> bool:
    """Whether `path` names one scan to be shown on its own (a PDF or an image file), which
    the window opens without reading an archive. Cheap: the name only."""
    from viewer.domain.formats import document  # noqa: PLC0415  (small, no PyMuPDF)

    return document.is_document_name(path)


def _load(name: str) -> Format:
    module = importlib.import_module(f"{__name__}.{name}")
    fmt = module.FORMAT
    assert isinstance(fmt, Format)
    return fmt
