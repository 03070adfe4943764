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
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from viewer.domain import transcript as transcript_io
from viewer.domain.archive import ArchiveError, Progress
from viewer.domain.formats import Format, folder_cache, inference
from viewer.domain.formats import folder_listing as listing
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
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES

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

SIDECAR_READ_LIMIT = 256 * 1024
"""Bytes of a sidecar read while listing (for its front matter and language)."""

CAMERA_NAME = listing.CAMERA_NAME
group_documents = listing.group_documents


def iter_documents(root: Path) -> Iterator[Path]:
    """Every PDF and image below `root`, sorted by folder then name, hidden entries skipped."""
    top = str(root)
    for folder, names, _ in listing.walk(top, top, 0, []):
        for name in names:
            if listing.suffix(name).lower() in DOCUMENT_SUFFIXES:
                yield Path(f"{folder}/{name}")


def sidecar_stem(path: Path) -> tuple[str, str]:
    """The stem a sidecar shares with its document, and the language its name says ("" if
    none): `letter.ru.txt` → ("letter", "ru"); `letter.txt` → ("letter", "")."""
    return listing.sidecar_stem(path.name)


def _transcripts(
    paths: list[str], seen: listing.Seen | None = None, before: listing.Seen | None = None
) -> tuple[tuple[Transcript, ...], inference.FrontMatter]:
    """The sidecars as transcripts (their language from the name, the header or the text), and
    the first front matter found. With `seen`, each sidecar's stamp, header and language are
    noted; one `before` saw with the same stamp is not read again."""
    found: list[Transcript] = []
    front = inference.FrontMatter()
    ordered = sorted(paths, key=lambda p: (SIDECAR_ORDER.index(listing.suffix(p).lower()), p))
    for name in ordered:
        path = Path(name)
        kind = listing.suffix(name).lower()
        stamp = folder_cache.stamp_of(name) if seen is not None else None
        noted = before.sidecars.get(name) if before and before.still(name, stamp) else None
        if noted is not None:
            header, language = noted
        else:
            read = _read_sidecar(path, kind)
            if read is None:
                if seen is not None:
                    seen.stamps[name] = None  # looked at again next time
                continue
            header, language = read
        if seen is not None:
            seen.stamps[name] = stamp
            seen.sidecars[name] = (header, language)
        if header and not front.title and not front.date:
            front = inference.read_front_matter(header)
        found.append(
            Transcript(
                path=path,
                language=language,
                format=SIDECAR_FORMATS[kind],
                kind=TranscriptKind.OCR
                if "ocr" in path.stem.lower()
                else TranscriptKind.TRANSCRIPTION,
            )
        )
    # One transcript a language: the language switch offers languages.
    unique = tuple({t.language: t for t in reversed(found)}.values())[::-1]
    return unique, front


def _read_sidecar(path: Path, kind: str) -> tuple[str, str] | None:
    """A sidecar's front matter (YAML text, "" for none) and its language (from its name, its
    header, or its text); None when it cannot be read."""
    _, language = listing.sidecar_stem(path.name)
    try:
        with path.open("rb") as handle:
            raw = handle.read(SIDECAR_READ_LIMIT)
    except OSError as exc:
        log.warning("skipping the transcript %s: %s", path, exc.strerror or exc)
        return None
    text = raw.decode("utf-8-sig", errors="replace")
    header, body = transcript_io.split_front_matter(text)
    if header:
        language = language or inference.read_front_matter(header).language
    if not language:
        if kind in (".html", ".htm"):
            body = re.sub(r"<[^>]+>", " ", body)
        language = inference.detect_language(body)
    return header, language


SIDECAR_ORDER = (".qmd", ".md", ".markdown", ".html", ".htm", ".txt")
"""Of two sidecars in one language, the first of these suffixes is the transcript shown."""


def _record(
    place: str,
    unit: listing.Unit,
    sidecars: list[str],
    used: set[str],
    seen: tuple[listing.Seen | None, listing.Seen | None] = (None, None),
) -> Record:
    """The record of `unit`, in the folder `place` below the root (its path from the root, ""
    for the root itself)."""
    first = unit.files[0]
    if unit.title_from_folder:
        relative, parts = place, place.split("/")[:-1]
    else:
        relative = f"{place}/{unit.stem}" if place else unit.stem
        parts = place.split("/") if place else []
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", relative).strip("-._")
    record_id, n = base or "document", 1
    while record_id in used:
        n += 1
        record_id = f"{base}-{n}"
    used.add(record_id)
    collection = " / ".join(parts)
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
        _transcripts(sidecars, *seen) if sidecars else ((), inference.FrontMatter())
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
        folder=unit.folder,
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
    listed = metadata.get("keywords", "")
    keywords = tuple(k.strip() for k in re.split(r"[,;]", listed) if k.strip()) if listed else ()
    if keywords and not record.subjects:
        changes["subjects"] = keywords
        inferred.add("subjects")
    identifier = inference.find_identifier(title) if title and not record.identifier else ""
    if identifier:
        changes["identifier"] = identifier
        inferred.add("identifier")
    # A record completed already (listed as last shown) comes back as it is, not as a copy.
    changes = {name: value for name, value in changes.items() if getattr(record, name) != value}
    if not changes and inferred == record.inferred:
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
    path: Path,
    progress: Progress | None,
    early: Callable[[Archive], None] | None,
    changed: Collection[str] = (),
) -> Archive:
    """The folder as the user's cache has it (given to `early` before the disk is looked at),
    then as the disk has it: folders and sidecars whose stamps changed are read again, and each
    PDF's metadata is added where the cache knows it and the PDF is unchanged (`folder_cache`).
    The same Archive that `early` was given when nothing changed. The folders and sidecars
    named `changed` (and the folders of the files named) are read again whatever their stamps
    say (a folder's permissions changed, a file written twice within its clock's tick)."""
    from viewer import paths  # noqa: PLC0415

    root = _root(path)
    caches = paths.cache_dir() / "catalogues"
    kept = folder_cache.FolderCache(caches, root)
    shown = folder_cache.ShownRecords(caches, root)
    sources = shown.sources()
    listed = shown.load(sources) if sources is not None and early is not None else None
    first = None
    if listed is not None and early is not None:
        # As the window listed them last time: nothing to complete before they are shown.
        first = Archive(root=root, title=root.name, records=tuple(listed))
        early(first)
    facts = folder_cache.PdfFacts(caches, root).load()
    # With the records as listed last time, the notes alone tell whether they still hold: the
    # records as read are made only when they do not (less work beside the window's).
    trusted = first is not None
    loaded = kept.load(records=not trusted)
    if trusted and shown.sources() != sources:  # written again meanwhile
        trusted, loaded = False, kept.load()
    before = None
    if loaded is not None:
        records, notes = loaded
        before = listing.Seen(*notes)
        for name in changed:
            for known in (name, name.rpartition("/")[0]):
                if known in before.stamps:
                    before.stamps[known] = None
        if not trusted:
            given, first = first, _completed(root, records, facts, look=False)
            if early is not None and given is None:
                early(first)
        assert first is not None
        if folder_cache.unchanged(before.stamps):
            pdfs = [
                str(r.scans[0].path)
                for r in first.records
                if isinstance(r, Record) and wants_pdf_metadata(r)
            ]
            if all(facts.known(p, look=False) is None or facts.known(p) for p in pdfs):
                return first  # as the cache had it: the caller need not show it again
            if trusted:
                loaded = kept.load()
                records = loaded[0] if loaded is not None else []
            if records:
                return _completed(root, records, facts, look=True)
    seen = listing.Seen()
    archive = read_folder(root, progress, seen, before)
    kept.save(archive.records, (seen.stamps, seen.listings, seen.sidecars))
    return _completed(root, archive.records, facts, look=True) if len(facts) else archive


def keep_shown(root: Path) -> None:
    """Keep the folder's records as its cache and its PDFs' metadata (as `folder_cache` keeps
    them) make them, for the next opening to list at once (`folder_cache.ShownRecords`); once
    the PDFs' metadata is kept. Nothing when they are kept already."""
    from viewer import paths  # noqa: PLC0415

    caches = paths.cache_dir() / "catalogues"
    shown = folder_cache.ShownRecords(caches, root)
    sources = shown.sources()
    if sources is None or shown.holds(sources):
        return
    loaded = folder_cache.FolderCache(caches, root).load()
    if loaded is None:
        return
    facts = folder_cache.PdfFacts(caches, root).load()
    records = _completed(root, loaded[0], facts, look=False).records
    if shown.sources() == sources:  # neither was written meanwhile
        shown.save(records, sources)


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
    root: Path,
    progress: Progress | None = None,
    seen: listing.Seen | None = None,
    before: listing.Seen | None = None,
) -> Archive:
    """The documents below `root` (resolved) as records, from their names and sidecars alone
    (no PDF is opened); ArchiveError when there are none. With `seen`, what was looked at is
    noted there (`folder_listing.Seen`); what `before` saw unchanged is not looked at again."""
    found = listing.contents(root, seen, before)
    if not found.units:
        raise ArchiveError(
            root,
            "holds no records, PDFs or images",
            "Open an archive folder, a folder of scans, a record folder or a PDF",
        )
    top = len(str(root)) + 1
    used: set[str] = set()
    records: list[Record | BrokenRecord] = []
    total = len(found.units)
    for index, unit in enumerate(found.units):
        folder = str(unit.folder)
        sidecars: list[str] = []
        for stem in dict.fromkeys((unit.stem.lower(), *(s.lower() for s in unit.stems))):
            sidecars.extend(found.sidecars.get((folder, stem), ()))
        records.append(_record(folder[top:], unit, sidecars, used, (seen, before)))
        if progress is not None and (index % 100 == 99 or index + 1 == total):
            progress(index + 1, total)
    records.extend(found.broken)
    return Archive(root=root, title=root.name, records=tuple(records))


FORMAT = Format(
    name="folder",
    label="a folder of scans (PDFs and images)",
    claims=_claims,
    read=_read,
    read_early=_read_early,
    read_changed=lambda path, changed: _read_early(path, None, None, changed),
    followed=True,
)


def main() -> None:
    """`python -m viewer.domain.formats.folder ROOT`: `keep_shown(ROOT)` at low priority, in a
    process of its own (`services/pdf_metadata.py` runs it so)."""
    import sys  # noqa: PLC0415

    os.nice(5)
    keep_shown(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
