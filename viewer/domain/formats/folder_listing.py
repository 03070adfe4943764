"""What a plain folder holds: its documents (PDFs, images, photos grouped into one document) and
the sidecars beside them, found from the names alone (`folder.py` makes them records).

Names are handled as text: a folder of 10,000 photos is listed by string operations on the
`os.scandir` entries, a `Path` made only for each file a record keeps. A reading can note what it
looked at (`Seen`: each folder's stamp and listing, each sidecar's stamp, header and language),
and a later reading given that note lists again only the folders whose stamp changed.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from viewer.domain.archive import MAX_DEPTH
from viewer.domain.formats import folder_cache, inference
from viewer.domain.model import BrokenRecord
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES, IMAGE_SUFFIXES

log = logging.getLogger(__name__)

SIDECAR_SUFFIXES = frozenset((".txt", ".md", ".markdown", ".qmd", ".html", ".htm"))
"""Text beside a document that becomes its transcript."""

CAMERA_NAME = re.compile(
    r"^(?:IMG|IMAG|DSC[NF]?|_DSC|CIMG|PXL|MVIMG|GOPR|DJI|SAM|PHOTO|P)[_-]?\d{3,}", re.IGNORECASE
)
"""A camera's own numbering: each photo may be of a different document."""

_PAGE_NUMBER = re.compile(
    r"^(?P<stem>.*?[^\W\d_].*?)[ _.-]*(?:p|pg|page|s|f|fol)?[ _.-]*(?P<n>\d{1,4})$", re.IGNORECASE
)


def suffix(name: str) -> str:
    """A file name's suffix, as `PurePath.suffix` says it ("" for none)."""
    at = name.rfind(".")
    return name[at:] if 0 < at < len(name) - 1 else ""


def stem(name: str) -> str:
    """A file name without its suffix, as `PurePath.stem` says it."""
    at = name.rfind(".")
    return name[:at] if 0 < at < len(name) - 1 else name


def files_named(folder: Path, suffixes: frozenset[str]) -> list[Path]:
    """The files directly in `folder` whose suffix (in any case) is one of `suffixes`, sorted.
    Their names are looked at first: a folder of 10,000 scans costs one listing of names, not
    10,000 looks. OSError when the folder cannot be listed."""
    ends = tuple(suffixes)
    found = [
        folder / name
        for name in os.listdir(folder)  # noqa: PTH208  (names only: a Path each costs more)
        if name.lower().endswith(ends) and suffix(name).lower() in suffixes
    ]
    return sorted(path for path in found if path.is_file())


def sidecar_stem(name: str) -> tuple[str, str]:
    """The stem a sidecar (by its file name) shares with its document, and the language its
    name says ("" if none): `letter.ru.txt` → ("letter", "ru"); `letter.txt` → ("letter", "")."""
    whole = stem(name)
    base, dot, tag = whole.rpartition(".")
    if dot and base and inference.LANGUAGE_TAG.match(tag):
        return base, tag.lower()
    return whole, ""


@dataclass(frozen=True)
class Unit:
    """One document found in the folder: its files, the stem its sidecars share, its title."""

    stem: str
    files: tuple[Path, ...]
    folder: Path
    title: str = ""
    title_from_folder: bool = False
    stems: tuple[str, ...] = ()
    """Its files' stems (their sidecars share them)."""


Listing = tuple[tuple[str, ...], tuple[str, ...]]
"""A folder's file names and subfolder names."""


@dataclass
class Seen:
    """What a reading looked at, for the user's cache (`folder_cache`)."""

    stamps: dict[str, folder_cache.Stamp | None] = field(default_factory=dict)
    """The stamp of every folder walked and sidecar read, taken before it was read (None: look
    again next time)."""
    listings: dict[str, Listing] = field(default_factory=dict)
    """Each folder's listing, by the folder's path."""
    sidecars: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each sidecar's front matter (its YAML text) and language, by path."""

    def still(self, path: str, found: folder_cache.Stamp | None) -> bool:
        """Whether `path` has the stamp `found` it had when this was seen."""
        return found is not None and self.stamps.get(path) == found


@dataclass
class Contents:
    """The documents found below a folder, its sidecars, and the folders that cannot be read."""

    units: list[Unit] = field(default_factory=list)
    sidecars: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Sidecar paths by (their folder's path, the lowercase stem they share)."""
    broken: list[BrokenRecord] = field(default_factory=list)


def walk(
    root: str,
    folder: str,
    depth: int,
    broken: list[BrokenRecord],
    seen: Seen | None = None,
    before: Seen | None = None,
) -> Iterator[tuple[str, list[str], list[str]]]:
    """(folder, its file names, its subfolders' paths) for `folder` and below, sorted by name,
    hidden entries skipped, never leaving `root`. With `seen`, each folder's stamp and listing
    are noted; a folder `before` saw with the same stamp is not listed again."""
    found = folder_cache.stamp_of(folder) if seen is not None else None
    if before is not None and before.still(folder, found) and folder in before.listings:
        files, names = before.listings[folder]
    else:
        listed = _scan(root, folder, broken)
        if listed is None:
            if seen is not None:
                seen.stamps[folder] = None
            return
        files, names, links = listed
        if links:
            found = None  # a link's target may change, its folder's time not
    if seen is not None:
        seen.stamps[folder] = found
        if found is not None:
            seen.listings[folder] = (files, names)
    subfolders = [f"{folder}/{name}" for name in names]
    yield folder, list(files), subfolders
    if depth < MAX_DEPTH:
        for sub in subfolders:
            yield from walk(root, sub, depth + 1, broken, seen, before)


def _scan(
    root: str, folder: str, broken: list[BrokenRecord]
) -> tuple[tuple[str, ...], tuple[str, ...], bool] | None:
    """The file and subfolder names of `folder`, and whether it holds links; None when it
    cannot be listed (a subfolder is then a broken record)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        if folder != root:
            reason = exc.strerror or str(exc)
            name = folder.rpartition("/")[2]
            broken.append(
                BrokenRecord(
                    folder=Path(folder),
                    reason=f"the folder {name} cannot be read ({reason})",
                    id=folder[len(root) + 1 :],
                )
            )
        return None
    files: list[str] = []
    folders: list[str] = []
    links = False
    for entry in entries:
        name = entry.name
        if name.startswith((".", "~$")):
            continue
        try:
            if entry.is_symlink():
                links = True
                path = Path(entry.path)
                target = path.resolve()
                if not target.is_relative_to(root) or target.is_dir():
                    log.info("not following the link %s (to %s)", path, target)
                    continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(name)
            elif entry.is_file():
                files.append(name)
        except OSError as exc:
            log.warning("skipping %s: %s", entry.path, exc)
    return tuple(files), tuple(folders), links


def contents(root: Path, seen: Seen | None = None, before: Seen | None = None) -> Contents:
    """The documents and sidecars below `root`, folder by folder."""
    found = Contents()
    top = str(root)
    for folder, names, subfolders in walk(top, top, 0, found.broken, seen, before):
        documents: list[str] = []
        for name in names:
            kind = suffix(name).lower()
            if kind in DOCUMENT_SUFFIXES:
                documents.append(name)
            elif kind in SIDECAR_SUFFIXES:
                key = (folder, sidecar_stem(name)[0].lower())
                found.sidecars.setdefault(key, []).append(f"{folder}/{name}")
        found.units.extend(
            group_documents(folder, documents, whole=folder != top, subfolders=bool(subfolders))
        )
    return found


def _child_maker(folder: Path) -> Callable[[str], Path]:
    """What makes the path of a file in `folder` from its name. pathlib's own, where it has
    one, takes the name as it is (scandir gives it whole and clean): parsing it again as
    `folder / name` does costs ten times as much, which shows for 10,000 photos."""
    made = getattr(folder, "_make_child_relpath", None)
    if callable(made):
        return made  # type: ignore[no-any-return]
    return folder.joinpath


def group_documents(
    folder: str, documents: list[str], *, whole: bool = False, subfolders: bool = False
) -> list[Unit]:
    """The documents of one folder's document files (their names, sorted): PDFs one each,
    photos grouped. With `whole` (a subfolder), a folder of images only, and no subfolders, is
    one document."""
    place = Path(folder)
    child = _child_maker(place)
    images = [name for name in documents if suffix(name).lower() in IMAGE_SUFFIXES]
    if whole and len(images) >= 2 and len(images) == len(documents) and not subfolders:
        return [
            Unit(
                place.name,
                tuple(child(name) for name in images),
                place,
                place.name,
                title_from_folder=True,
                stems=tuple(stem(name) for name in images),
            )
        ]
    groups: dict[str, list[tuple[int, str, str]]] = {}
    for name in images:
        own = stem(name)
        match = _PAGE_NUMBER.match(own)
        if match and not CAMERA_NAME.match(own):
            key = match.group("stem").rstrip(" _.-").lower()
            groups.setdefault(key, []).append((int(match.group("n")), name, own))
    grouped: dict[str, Unit] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda member: (member[0], member[1]))
        first_stem = members[0][2]
        stem_match = _PAGE_NUMBER.match(first_stem)
        common = stem_match.group("stem").rstrip(" _.-") if stem_match else first_stem
        unit = Unit(
            common,
            tuple(child(name) for _, name, _ in members),
            place,
            stems=tuple(own for _, _, own in members),
        )
        for _, name, _ in members:
            grouped[name] = unit
    units: list[Unit] = []
    placed: set[int] = set()
    for name in documents:
        group = grouped.get(name)
        if group is None:
            own = stem(name)
            units.append(Unit(own, (child(name),), place, stems=(own,)))
        elif id(group) not in placed:
            placed.add(id(group))
            units.append(group)
    return units
