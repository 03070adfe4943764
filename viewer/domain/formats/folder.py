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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from viewer.domain import transcript as transcript_io
from viewer.domain.archive import MAX_DEPTH, ArchiveError, Progress
from viewer.domain.formats import Format, folder_cache, inference
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


Stamps = dict[str, folder_cache.Stamp | None]
"""The stamp of every folder walked and sidecar read (`folder_cache`), by path."""


def iter_documents(root: Path) -> Iterator[Path]:
    """Every PDF and image below `root`, sorted by folder then name, hidden entries skipped."""
    for _, files, _ in _walk(root, root, 0, []):
        yield from (path for path in files if path.suffix.lower() in DOCUMENT_SUFFIXES)


def _walk(
    root: Path,
    folder: Path,
    depth: int,
    broken: list[BrokenRecord],
    stamps: Stamps | None = None,
) -> Iterator[tuple[Path, list[Path], list[Path]]]:
    """(folder, its files, its subfolders) for `folder` and below, never leaving `root`; with
    `stamps`, each folder's stamp taken before it is listed (None when it holds a link)."""
    if stamps is not None:
        stamps[str(folder)] = folder_cache.stamp_of(str(folder))
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
                if stamps is not None:  # a link's target may change, its folder's time not
                    stamps[str(folder)] = None
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
            yield from _walk(root, sub, depth + 1, broken, stamps)


def _list(root: Path, stamps: Stamps | None = None) -> _Listing:
    listing = _Listing([], {}, [])
    for folder, files, subfolders in _walk(root, root, 0, listing.broken, stamps):
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


def _transcripts(
    paths: list[Path], stamps: Stamps | None = None
) -> tuple[tuple[Transcript, ...], inference.FrontMatter]:
    """The sidecars as transcripts (their language from the name, the header or the text), and
    the first front matter found; with `stamps`, each sidecar's stamp before it is read."""
    found: list[Transcript] = []
    front = inference.FrontMatter()
    for path in sorted(paths, key=lambda p: (SIDECAR_ORDER.index(p.suffix.lower()), p.name)):
        _, language = sidecar_stem(path)
        if stamps is not None:
            stamps[str(path)] = folder_cache.stamp_of(str(path))
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


def _record(
    root: Path, unit: _Unit, sidecars: list[Path], used: set[str], stamps: Stamps | None = None
) -> Record:
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
    transcripts, front = (
        _transcripts(sidecars, stamps) if sidecars else ((), inference.FrontMatter())
    )
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


def wants_pdf_metadata(record: Record) -> bool:
    """Whether `record`'s guessed metadata may be completed by its PDF's own."""
    if not record.inferred or not record.scans:
        return False
    scan = record.scans[0]
    return not scan.images and scan.path.suffix.lower() == ".pdf"


def _claims(path: Path) -> bool:
    return path.is_dir()


def _root(path: Path) -> Path:
    root = path.resolve()
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveError(
            path, "cannot be read (permission denied)", "Check the folder's permissions"
        )
    return root


def _read(path: Path, progress: Progress | None) -> Archive:
    return read_folder(_root(path), progress)


def _read_early(
    path: Path, progress: Progress | None, early: Callable[[Archive], None] | None
) -> Archive:
    """The folder as the user's cache has it (given to `early` before the disk is looked at),
    read again when a folder or sidecar changed since, its PDFs' metadata added where the cache
    knows it and the PDF is unchanged (`folder_cache`)."""
    from viewer import paths  # noqa: PLC0415

    root = _root(path)
    caches = paths.cache_dir() / "catalogues"
    kept = folder_cache.FolderCache(caches, root)
    facts = folder_cache.PdfFacts(caches, root).load()
    loaded = kept.load()
    if loaded is not None:
        records, stamps = loaded
        first = _completed(root, records, facts, look=False)
        if early is not None:
            early(first)
        if folder_cache.unchanged(stamps):
            pdfs = [
                str(r.scans[0].path)
                for r in records
                if isinstance(r, Record) and wants_pdf_metadata(r)
            ]
            if all(facts.known(p, look=False) is None or facts.known(p) for p in pdfs):
                return first  # as the cache had it: the caller need not show it again
            return _completed(root, records, facts, look=True)
    stamps = {}
    archive = read_folder(root, progress, stamps)
    kept.save(archive.records, stamps)
    return _completed(root, archive.records, facts, look=True) if len(facts) else archive


def _completed(
    root: Path,
    records: Sequence[Record | BrokenRecord],
    facts: folder_cache.PdfFacts,
    *,
    look: bool,
) -> Archive:
    """The folder's archive of `records`, each completed by what `facts` know of its PDF (with
    `look`, only of a PDF unchanged since)."""
    completed: list[Record | BrokenRecord] = []
    for record in records:
        metadata = None
        if isinstance(record, Record) and wants_pdf_metadata(record):
            metadata = facts.metadata(str(record.scans[0].path), look=look)
        completed.append(
            record if metadata is None else with_pdf_metadata(record, metadata)  # type: ignore[arg-type]
        )
    return Archive(root=root, title=root.name, records=tuple(completed))


def read_folder(
    root: Path, progress: Progress | None = None, stamps: Stamps | None = None
) -> Archive:
    """The documents below `root` (resolved) as records, from their names and sidecars alone
    (no PDF is opened); ArchiveError when there are none. With `stamps`, the stamp of every
    folder walked and sidecar read is put there (taken before it is read)."""
    listing = _list(root, stamps)
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
        records.append(_record(root, unit, sidecars, used, stamps))
        if progress is not None and (index % 100 == 99 or index + 1 == total):
            progress(index + 1, total)
    records.extend(listing.broken)
    return Archive(root=root, title=root.name, records=tuple(records))


FORMAT = Format(
    name="folder",
    label="a folder of scans (PDFs and images)",
    claims=_claims,
    read=_read,
    read_early=_read_early,
)
