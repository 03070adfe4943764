"""Text that exists only inside an export (Tropy notes, the documents of a TEI volume, IIIF
annotations), written out as transcript files the viewer can show.

They go under a work folder of the user's cache, never beside the source: one folder per source
file (`<root>/<format>-<digest of the source's path>/`), so reading the same export again rewrites
the same files and two exports never share one. A file whose content is unchanged is left alone;
a changed one is written to a temporary name and renamed, so a reader never sees half a file.
The root is passed in; `default_root()` is the cache directory the rest of the viewer uses.

An archive read from one export file has that file as its `root`: reopening it from the recent
list, remembering its last record and keying its search index all name the export, not the
folder it happens to be in (two manifests side by side are two archives).

Also here: how a format says a file it names was not found (`MISSING_FILES`), and the names of
files beside a source, for finding photos and images moved from another machine.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from viewer.domain.archive import ArchiveError, Problem, Progress
from viewer.domain.model import Archive

MISSING_FILES = "missing files"
"""Key of `Record.extra` listing the files a source names that were not found beside it
("name (where the source said it was)"; one per line), so the metadata panel shows them and an
import can report them."""

REGIONS = "regions"
"""Key of `Record.extra` holding the regions (Tropy selections) of a record's pages as text."""

_NEARBY_DEPTH = 2
_NEARBY_LIMIT = 20_000


def default_root() -> Path:
    """The per-user folder generated transcripts go under (the viewer's cache directory)."""
    # The one module that knows every directory; it imports nothing from Qt.
    from viewer import paths  # noqa: PLC0415

    return paths.cache_dir() / "imported"


def work_folder(source: Path, format_name: str, root: Path | None = None) -> Path:
    """The folder for what is generated from `source` (created); ArchiveError if it cannot be."""
    digest = hashlib.sha1(str(source.resolve()).encode("utf-8"), usedforsecurity=False)
    folder = (root or default_root()) / f"{format_name}-{digest.hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArchiveError(
            folder,
            f"cannot be created to hold the texts read from {source.name} ({exc.strerror})",
            "Check that the cache folder is writable, or start the viewer with --basedir",
        ) from exc
    return folder


def write_text(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path` unless it already holds it; atomically; `path` back."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    except OSError:
        pass
    try:
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except OSError as exc:
        raise ArchiveError(
            path,
            f"cannot be written ({exc.strerror})",
            "Check that the cache folder is writable and not full",
        ) from exc
    return path


def safe_name(text: str, fallback: str = "item") -> str:
    """`text` as a file name or record id: letters, digits, '.', '_' and '-' only."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in text)
    while "--" in kept:
        kept = kept.replace("--", "-")
    kept = kept.strip("-._")
    return kept or fallback


def unique_id(base: str, used: set[str]) -> str:
    """`base` made a valid id, with -2, -3... when it is already in `used` (then added)."""
    base = safe_name(base, "record")
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def nearby_files(folder: Path) -> list[Path]:
    """Files in `folder` and its subfolders (two levels), hidden ones skipped, sorted; bounded."""
    found: list[Path] = []

    def walk(current: Path, depth: int) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            return
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".") or len(found) >= _NEARBY_LIMIT:
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(Path(entry.path))
            elif entry.is_file():
                found.append(Path(entry.path))
        if depth < _NEARBY_DEPTH:
            for sub in subfolders:
                walk(sub, depth + 1)

    walk(folder, 0)
    return found


def by_name(files: Iterable[Path]) -> dict[str, list[Path]]:
    """`files` indexed by their name folded to lower case."""
    index: dict[str, list[Path]] = {}
    for path in files:
        index.setdefault(path.name.casefold(), []).append(path)
    return index


def md5(path: Path) -> str:
    """The MD5 of a file's content (Tropy's photo checksum); "" when it cannot be read."""
    digest = hashlib.md5(usedforsecurity=False)
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def check_export(
    path: Path, read: Callable[[Path, Progress | None], Archive], advice: str
) -> list[Problem]:
    """Every problem of an export for `archive-viewer check`: what stops it being read, the
    records it could not make, their transcripts and scans, and each missing file (a warning:
    the record opens without it; `advice` says where to put it)."""
    from viewer.domain import check  # noqa: PLC0415  (loads PyMuPDF)

    try:
        source = read(path, None)
    except ArchiveError as exc:
        return [Problem(path, "", exc.problem, exc.advice)]
    problems = check.check_records(source)
    for record in source.good_records():
        for line in dict(record.extra).get(MISSING_FILES, "").splitlines():
            problems.append(Problem(path, f"{record.id}", f"not found: {line}", advice, "warning"))
    return problems
