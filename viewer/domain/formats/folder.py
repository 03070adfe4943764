"""Any folder of scans (PDFs and images) opened as it is: one record per document, nothing
written into the folder, what is guessed marked as guessed.

What makes a document:

- a PDF, or an image file (a multi-page TIFF is one document of several pages);
- several photos with a common stem and a page number (`letter_001.jpg`, `letter_002.jpg`,
  `letter p2.png`): one document, a page each, in number order. Camera numbering
  (`IMG_0001.jpg`, `DSC01234.JPG`, `PXL_...`) says nothing about which photos belong together,
  so such photos are separate documents, unless they are in a subfolder of their own;
- a subfolder holding only images (no PDF): one document, its photos the pages in name order.

Metadata, most trusted first: a sidecar's YAML front matter (written by a person, so not marked
as guessed); then the PDF's info and XMP (read in the background by `with_pdf_metadata`); then
the file name (a date, a NARA record number, a cable id); then the file name itself as title.
The subfolders give the collection. Sidecars (`x.txt`, `x.md`, `x.html`, `x.qmd`, `x.ru.txt`)
beside a document become its transcripts.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.domain import transcript as transcript_io
from viewer.domain.archive import MAX_DEPTH, ArchiveError, Progress
from viewer.domain.formats import Format, inference
from viewer.domain.model import (
    Archive,
    BrokenRecord,
    Name,
    Record,
    Scan,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES, IMAGE_SUFFIXES

log = logging.getLogger(__name__)

SIDECAR_FORMATS = {
    ".txt": TranscriptFormat.TEXT,
    ".md": TranscriptFormat.MARKDOWN,
    ".markdown": TranscriptFormat.MARKDOWN,
    ".qmd": TranscriptFormat.MARKDOWN,
    ".html": TranscriptFormat.HTML,
    ".htm": TranscriptFormat.HTML,
}
"""Text beside a document that becomes its transcript, by suffix."""

CAMERA_NAME = re.compile(
    r"^(?:IMG|IMAG|DSC[NF]?|_DSC|CIMG|PXL|MVIMG|GOPR|DJI|SAM|PHOTO|P)[_-]?\d{3,}", re.IGNORECASE
)
"""A camera's own numbering: each photo may be of a different document."""

_PAGE_NUMBER = re.compile(
    r"^(?P<stem>.*?[^\W\d_].*?)[ _.-]*(?:p|pg|page|s|f|fol)?[ _.-]*(?P<n>\d{1,4})$", re.IGNORECASE
)

SIDECAR_READ_LIMIT = 256 * 1024
"""Bytes of a sidecar read while listing (for its front matter and language)."""


@dataclass(frozen=True)
class _Unit:
    """One document found in the folder: its files, the stem its sidecars share, its title."""

    stem: str
    files: tuple[Path, ...]
    folder: Path
    title: str = ""
    title_from_folder: bool = False


@dataclass
class _Listing:
    units: list[_Unit]
    sidecars: dict[tuple[Path, str], list[Path]]
    broken: list[BrokenRecord]


def iter_documents(root: Path) -> Iterator[Path]:
    """Every PDF and image below `root`, sorted by folder then name, hidden entries skipped."""
    for _, files, _ in _walk(root, root, 0, []):
        yield from (path for path in files if path.suffix.lower() in DOCUMENT_SUFFIXES)


def _walk(
    root: Path, folder: Path, depth: int, broken: list[BrokenRecord]
) -> Iterator[tuple[Path, list[Path], list[Path]]]:
    """(folder, its files, its subfolders) for `folder` and below, never leaving `root`."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        if folder != root:
            reason = exc.strerror or str(exc)
            broken.append(
                BrokenRecord(
                    folder=folder,
                    reason=f"the folder {folder.name} cannot be read ({reason})",
                    id=folder.relative_to(root).as_posix(),
                )
            )
        return
    files: list[Path] = []
    folders: list[Path] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.startswith("~$"):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root) or target.is_dir():
                    log.info("not following the link %s (to %s)", path, target)
                    continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.is_file():
                files.append(path)
        except OSError as exc:
            log.warning("skipping %s: %s", path, exc)
    yield folder, files, folders
    if depth < MAX_DEPTH:
        for sub in folders:
            yield from _walk(root, sub, depth + 1, broken)


def _list(root: Path) -> _Listing:
    listing = _Listing([], {}, [])
    for folder, files, subfolders in _walk(root, root, 0, listing.broken):
        documents = [p for p in files if p.suffix.lower() in DOCUMENT_SUFFIXES]
        for path in files:
            fmt = SIDECAR_FORMATS.get(path.suffix.lower())
            if fmt is not None:
                stem, _ = sidecar_stem(path)
                listing.sidecars.setdefault((folder, stem.lower()), []).append(path)
        listing.units.extend(
            group_documents(folder, documents, whole=folder != root, subfolders=subfolders)
        )
    return listing


def group_documents(
    folder: Path,
    documents: list[Path],
    *,
    whole: bool = False,
    subfolders: list[Path] | None = None,
) -> list[_Unit]:
    """The documents of one folder's files (sorted by name): PDFs one each, photos grouped.

    With `whole` (a subfolder), a folder of images only, and no subfolders, is one document.
    """
    images = [p for p in documents if p.suffix.lower() in IMAGE_SUFFIXES]
    if whole and len(images) >= 2 and len(images) == len(documents) and not subfolders:
        return [_Unit(folder.name, tuple(images), folder, folder.name, title_from_folder=True)]
    groups: dict[str, list[tuple[int, Path]]] = {}
    for path in images:
        match = _PAGE_NUMBER.match(path.stem)
        if match and not CAMERA_NAME.match(path.stem):
            key = match.group("stem").rstrip(" _.-").lower()
            groups.setdefault(key, []).append((int(match.group("n")), path))
    grouped: dict[Path, _Unit] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda member: (member[0], member[1].name))
        first = members[0][1]
        stem_match = _PAGE_NUMBER.match(first.stem)
        stem = stem_match.group("stem").rstrip(" _.-") if stem_match else first.stem
        unit = _Unit(stem, tuple(path for _, path in members), folder)
        for _, path in members:
            grouped[path] = unit
    units: list[_Unit] = []
    placed: set[int] = set()
    for path in documents:
        group = grouped.get(path)
        if group is None:
            units.append(_Unit(path.stem, (path,), folder))
        elif id(group) not in placed:
            placed.add(id(group))
            units.append(group)
    return units


def sidecar_stem(path: Path) -> tuple[str, str]:
    """The stem a sidecar shares with its document, and the language its name says ("" if
    none): `letter.ru.txt` → ("letter", "ru"); `letter.txt` → ("letter", "")."""
    stem = path.stem
    base, dot, tag = stem.rpartition(".")
    if dot and base and inference.LANGUAGE_TAG.match(tag):
        return base, tag.lower()
    return stem, ""


def _transcripts(paths: list[Path]) -> tuple[tuple[Transcript, ...], inference.FrontMatter]:
    """The sidecars as transcripts (their language from the name, the header or the text), and
    the first front matter found."""
    found: list[Transcript] = []
    front = inference.FrontMatter()
    for path in sorted(paths, key=lambda p: (SIDECAR_ORDER.index(p.suffix.lower()), p.name)):
        _, language = sidecar_stem(path)
        try:
            with path.open("rb") as handle:
                raw = handle.read(SIDECAR_READ_LIMIT)
        except OSError as exc:
            log.warning("skipping the transcript %s: %s", path, exc.strerror or exc)
            continue
        text = raw.decode("utf-8-sig", errors="replace")
        header, body = transcript_io.split_front_matter(text)
        if header:
            matter = inference.read_front_matter(header)
            if not front.title and not front.date:
                front = matter
            language = language or matter.language
        if not language:
            if path.suffix.lower() in (".html", ".htm"):
                body = re.sub(r"<[^>]+>", " ", body)
            language = inference.detect_language(body)
        kind = TranscriptKind.OCR if "ocr" in path.stem.lower() else TranscriptKind.TRANSCRIPTION
        found.append(
            Transcript(
                path=path, language=language, format=SIDECAR_FORMATS[path.suffix.lower()], kind=kind
            )
        )
    # One transcript a language: the language switch offers languages.
    unique = tuple({t.language: t for t in reversed(found)}.values())[::-1]
    return unique, front


SIDECAR_ORDER = (".qmd", ".md", ".markdown", ".html", ".htm", ".txt")
"""Of two sidecars in one language, the first of these suffixes is the transcript shown."""


def _record(root: Path, unit: _Unit, sidecars: list[Path], used: set[str]) -> Record:
    first = unit.files[0]
    relative = (unit.folder if unit.title_from_folder else first.with_name(unit.stem)).relative_to(
        root
    )
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", relative.as_posix()).strip("-._")
    record_id, n = base or "document", 1
    while record_id in used:
        n += 1
        record_id = f"{base}-{n}"
    used.add(record_id)
    collection_parts = relative.parent.parts
    collection = " / ".join(collection_parts)
    inferred = {"title"}
    if collection:
        inferred.add("collection")
    name = unit.title or unit.stem
    title = inference.title_from_name(name)
    found_date = inference.find_date(name)
    identifier = inference.find_identifier(name)
    if found_date:
        inferred.add("date")
    if identifier:
        inferred.add("identifier")
    transcripts, front = _transcripts(sidecars) if sidecars else ((), inference.FrontMatter())
    creators: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    summary = ""
    subjects: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    if front.title:
        title = front.title
        inferred.discard("title")
    if front.date:
        found_date = front.date
        inferred.discard("date")
    if front.identifier:
        identifier = front.identifier
        inferred.discard("identifier")
    creators, recipients, summary = front.creators, front.recipients, front.summary
    subjects, extra = front.subjects, front.extra
    date_text = ""
    if found_date is not None and found_date.text != found_date.date.iso():
        date_text = found_date.text
    if len(unit.files) > 1:
        scan = Scan(path=first, images=unit.files, label=f"{len(unit.files)} photos")
    else:
        scan = Scan(path=first)
    return Record(
        id=record_id,
        title=title,
        folder=first.parent,
        date=found_date.date if found_date else None,
        date_text=date_text,
        identifier=identifier,
        creators=creators,
        recipients=recipients,
        summary=summary,
        subjects=subjects,
        languages=(front.language,) if front.language else (),
        extra=extra,
        collection=collection,
        scans=(scan,),
        transcripts=transcripts,
        inferred=frozenset(inferred),
    )


def with_pdf_metadata(record: Record, metadata: Mapping[str, str]) -> Record:
    """`record` completed by its PDF's info and XMP (as `pdf.open_document` reads them): they
    outrank what the file name suggested, never what a sidecar's front matter says."""
    changes: dict[str, object] = {}
    inferred = set(record.inferred)

    def guessed_or_empty(name: str, value: object) -> bool:
        return name in record.inferred or not value

    title = metadata.get("title", "").strip()
    if (
        title
        and guessed_or_empty("title", record.title)
        and inference.useful_pdf_title(title, record.scans[0].path.stem if record.scans else "")
    ):
        changes["title"] = title
        inferred.add("title")
    author = metadata.get("author", "").strip()
    if author and not record.creators and inference.useful_pdf_title(author, ""):
        changes["creators"] = (Name(literal=author),)
        inferred.add("creators")
    summary = metadata.get("subject", "").strip()
    if summary and not record.summary and summary != title:
        changes["summary"] = summary
        inferred.add("summary")
    keywords = tuple(
        k.strip() for k in re.split(r"[,;]", metadata.get("keywords", "")) if k.strip()
    )
    if keywords and not record.subjects:
        changes["subjects"] = keywords
        inferred.add("subjects")
    identifier = inference.find_identifier(title)
    if identifier and not record.identifier:
        changes["identifier"] = identifier
        inferred.add("identifier")
    if not changes:
        return record
    return replace(record, **changes, inferred=frozenset(inferred))  # type: ignore[arg-type]


def _claims(path: Path) -> bool:
    return path.is_dir()


def _read(path: Path, progress: Progress | None) -> Archive:
    root = path.resolve()
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveError(
            path, "cannot be read (permission denied)", "Check the folder's permissions"
        )
    return read_folder(root, progress)


def read_folder(root: Path, progress: Progress | None = None) -> Archive:
    """The documents below `root` (resolved) as records, from their names and sidecars alone
    (no PDF is opened); ArchiveError when there are none."""
    listing = _list(root)
    if not listing.units:
        raise ArchiveError(
            root,
            "holds no records, PDFs or images",
            "Open an archive folder, a folder of scans, a record folder or a PDF",
        )
    used: set[str] = set()
    records: list[Record | BrokenRecord] = []
    total = len(listing.units)
    for index, unit in enumerate(listing.units):
        sidecars: list[Path] = []
        for stem in dict.fromkeys((unit.stem.lower(), *(f.stem.lower() for f in unit.files))):
            sidecars.extend(listing.sidecars.get((unit.folder, stem), ()))
        records.append(_record(root, unit, sidecars, used))
        if progress is not None and (index % 100 == 99 or index + 1 == total):
            progress(index + 1, total)
    records.extend(listing.broken)
    return Archive(root=root, title=root.name, records=tuple(records))


FORMAT = Format(
    name="folder",
    label="a folder of scans (PDFs and images)",
    claims=_claims,
    read=_read,
)
