"""A Tropy export (JSON-LD, compact or expanded): one record per item, its photos one scan.

The item's template properties (Dublin Core and Tropy's own) become the record's fields; the
turn and mirroring given to each photo in Tropy travel with it (`Scan.orientations`); notes on
photos and selections become one HTML transcript per language, written under a work folder of
the user's cache (see `generated`); selections are kept as text under `Record.extra["regions"]`.
Photos are looked for where the export says, then beside the export by file name, then by
checksum (Tropy records each photo's MD5), since an export made on another machine names that
machine's paths.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.domain import archive, model
from viewer.domain.archive import ArchiveError, Problem, Progress
from viewer.domain.formats import Format, generated, jsonld
from viewer.domain.model import (
    Archive,
    BrokenRecord,
    Name,
    Record,
    Scan,
    Source,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)

log = logging.getLogger(__name__)

_HEAD_BYTES = 4096
_TAG = re.compile(r"<[^>]+>")
_MAX_BYTES = 256 * 1024 * 1024

_LANGUAGE_CODES = {
    model.language_name(code).casefold(): code
    for code in (
        "en", "ru", "zh", "ko", "de", "fr", "es", "it", "ja", "pl", "uk", "cs", "hu", "ro",
        "bg", "vi", "mn", "pt", "ar", "fa", "tr", "la",
    )
} | {"swedish": "sv", "svenska": "sv", "dutch": "nl", "danish": "da", "norwegian": "no",
     "finnish": "fi", "greek": "el", "hebrew": "he"}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# JSON-LD, as far as Tropy writes it


def _claims(path: Path) -> bool:
    if path.suffix.lower() not in {".json", ".jsonld"} or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    return b"tropy.org/v1" in head


# ---------------------------------------------------------------------------------------------
# Finding photos


@dataclass
class _Finder:
    """Finds a photo's file: where the export says, else beside the export by name or MD5."""

    folder: Path
    _files: list[Path] | None = None
    _names: dict[str, list[Path]] = field(default_factory=dict)
    _sums: dict[Path, str] = field(default_factory=dict)
    _found: dict[tuple[str, str, str], Path | None] = field(default_factory=dict)

    def files(self) -> list[Path]:
        if self._files is None:
            self._files = generated.nearby_files(self.folder)
            self._names = generated.by_name(self._files)
        return self._files

    def checksum(self, path: Path) -> str:
        if path not in self._sums:
            self._sums[path] = generated.md5(path)
        return self._sums[path]

    def find(self, stored: str, name: str, checksum: str, size: int) -> Path | None:
        key = (stored, name, checksum)
        if key not in self._found:
            self._found[key] = self._find(stored, name, checksum, size)
        return self._found[key]

    def _find(self, stored: str, name: str, checksum: str, size: int) -> Path | None:
        if stored:
            path = Path(stored)
            if not path.is_absolute():
                path = self.folder / path
            if path.is_file():
                return path
        self.files()
        base = name or stored.replace("\\", "/").rsplit("/", 1)[-1]
        named = self._names.get(base.casefold(), [])
        if named and not checksum:
            return named[0]
        for path in named:
            if self.checksum(path) == checksum:
                return path
        if checksum:
            for path in self.files():
                if size and _size(path) != size:
                    continue
                if self.checksum(path) == checksum:
                    return path
        return named[0] if named else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


# ---------------------------------------------------------------------------------------------
# Items


def _orientation(photo: Mapping[str, Any]) -> tuple[int, bool]:
    """The user's turn (clockwise) and mirroring of the photo in Tropy, mirroring first as
    Tropy draws it. The file's own EXIF orientation (Tropy's `orientation`) is left out: MuPDF
    applies it when it opens the image, so counting it here would turn the photo twice."""
    return round(jsonld.number(photo, "angle")) % 360, jsonld.first(
        photo, "mirror"
    ).lower() == "true"


@dataclass
class _Photo:
    file: Path | None
    stored: str
    page: int | None
    is_pdf: bool
    orientation: tuple[int, bool]


def _photo(photo: Mapping[str, Any], finder: _Finder) -> _Photo:
    stored = jsonld.first(photo, "path") or jsonld.first(photo, "filename")
    name = jsonld.first(photo, "filename")
    file = finder.find(
        stored, name, jsonld.first(photo, "checksum"), int(jsonld.number(photo, "size"))
    )
    page = jsonld.number(photo, "page", -1)
    mimetype = jsonld.first(photo, "mimetype")
    return _Photo(
        file=file.resolve() if file else None,
        stored=stored,
        page=int(page) if page >= 0 else None,
        is_pdf=mimetype == "application/pdf" or stored.lower().endswith(".pdf"),
        orientation=_orientation(photo),
    )


def _scans(photos: list[_Photo]) -> tuple[tuple[Scan, ...], list[str]]:
    """One scan of the item's photos (a PDF whose pages they are is used as it is), and the
    files that were not found ("name (pages 1–68): where the export said it was")."""
    scans: list[Scan] = []
    images = [(p.file, p.orientation) for p in photos if p.file is not None and not p.is_pdf]
    if images:
        scans.append(
            Scan(
                path=images[0][0],
                images=tuple(file for file, _ in images),
                orientations=tuple(turn for _, turn in images),
            )
        )
    pdfs: dict[Path, list[_Photo]] = {}
    missing: dict[str, list[int]] = {}
    for photo in photos:
        if photo.file is None:
            numbered = missing.setdefault(photo.stored, [])
            numbered += [photo.page + 1] if photo.page is not None else []
        elif photo.is_pdf:
            pdfs.setdefault(photo.file, []).append(photo)
    for path, pdf_photos in pdfs.items():
        numbers = [p.page + 1 for p in pdf_photos if p.page is not None]
        notes = []
        if numbers != list(range(1, len(numbers) + 1)):
            notes.append("Tropy's photos are pages " + ", ".join(map(str, numbers)) + " of it")
        if any(p.orientation != (0, False) for p in pdf_photos):
            notes.append("Pages Tropy shows turned or mirrored are shown as scanned")
        scans.append(Scan(path=path, note=". ".join(notes)))
    return tuple(scans), [_missing(stored, pages) for stored, pages in missing.items()]


def _missing(stored: str, pages: list[int]) -> str:
    name = stored.replace("\\", "/").rsplit("/", 1)[-1]
    if len(pages) > 1:
        name += f" (pages {pages[0]}–{pages[-1]})"
    elif pages:
        name += f" (page {pages[0]})"
    return f"{name}: {stored}" if stored != name else name


def _notes(node: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(language, HTML) of each note on `node`."""
    found = []
    for note in jsonld.children(node, "note"):
        language = ""
        body = ""
        for key in ("html", "text"):
            for value in note.get(jsonld.TROPY + key, []):
                if isinstance(value, Mapping) and str(value.get("@value", "")).strip():
                    language = language or str(value.get("@language") or "")
                    text = str(value["@value"])
                    body = body or (text if key == "html" else f"<p>{html.escape(text)}</p>")
        if body:
            found.append((language, body))
    return found


_FIELDS = {
    "title": "title",
    "description": "summary",
    "abstract": "summary",
    "type": "type",
    "source": "archive",
    "rights": "rights",
    "copyright": "rights",
    "license": "rights",
    "identifier": "identifier",
    "publisher": "publisher",
    "relation": "relation",
    "isPartOf": "collection",
    "collection": "collection",
    "url": "url",
}
_NAMES = {
    "creator": "creators",
    "author": "creators",
    "recipient": "recipients",
    "addressee": "recipients",
    "contributor": "contributors",
}
_LISTS = {
    "subject": "subjects",
    "tag": "subjects",
    "coverage": "places",
    "spatial": "places",
    "language": "languages",
}
_SKIPPED = {"template", "photo", "note", "selection", "list", "date"}


@dataclass
class _Export:
    path: Path
    work: Path
    finder: _Finder
    used_ids: set[str] = field(default_factory=set)


def _name(text: str) -> Name:
    try:
        return archive.parse_name(text)
    except ValueError:
        return Name(literal=text)


def _language_code(text: str) -> str:
    word = text.strip()
    if len(word) in {2, 3} and word.isalpha():
        return word.lower()
    return _LANGUAGE_CODES.get(word.casefold(), word)


def _item(item: Mapping[str, Any], index: int, export: _Export) -> Record:
    texts: dict[str, list[str]] = {}
    names: dict[str, list[Name]] = {}
    lists: dict[str, list[str]] = {}
    extra: list[tuple[str, str]] = []
    for key in item:
        if key.startswith("@"):
            continue
        local = jsonld.local(key)
        values = [
            str(v["@value"]).strip()
            for v in item[key]
            if isinstance(v, Mapping) and str(v.get("@value", "")).strip()
        ]
        if local in _SKIPPED or not values:
            continue
        if local in {"box", "folder"}:
            texts.setdefault("location", []).extend(f"{local.title()} {v}" for v in values)
        elif local in _FIELDS:
            texts.setdefault(_FIELDS[local], []).extend(values)
        elif local in _NAMES:
            names.setdefault(_NAMES[local], []).extend(_name(v) for v in values)
        elif local in _LISTS:
            lists.setdefault(_LISTS[local], []).extend(values)
        else:
            extra.append((local, "; ".join(values)))
    title = (texts.get("title") or [""])[0]
    inferred = set()
    photos_nodes = jsonld.children(item, "photo")
    if not title:
        title = next((t for t in (jsonld.first(p, "title") for p in photos_nodes) if t), "")
        title, inferred = title or f"Item {index + 1}", {"title"}
    date_text = jsonld.first(item, "date")
    date = None
    if date_text:
        try:
            date = archive.parse_date(date_text)
        except ValueError:
            date = None
    photos = [_photo(p, export.finder) for p in photos_nodes]
    scans, missing = _scans(photos)
    record_id = generated.unique_id(title, export.used_ids)
    transcripts, regions = _transcripts(item, photos_nodes, title, record_id, export)
    if regions:
        extra.append((generated.REGIONS, "\n".join(regions)))
    if missing:
        extra.append((generated.MISSING_FILES, "\n".join(missing)))
    languages = [_language_code(v) for v in lists.get("languages", [])]
    return Record(
        id=record_id,
        title=title,
        folder=export.work,
        date=date,
        date_text=date_text if date is None or date_text != date.iso() else "",
        summary="\n\n".join(texts.get("summary", [])),
        type=(texts.get("type") or [""])[0],
        languages=tuple(dict.fromkeys(languages)),
        creators=tuple(names.get("creators", [])),
        recipients=tuple(names.get("recipients", [])),
        contributors=tuple(names.get("contributors", [])),
        subjects=tuple(lists.get("subjects", [])),
        places=tuple(lists.get("places", [])),
        collection="; ".join(texts.get("collection", [])),
        publisher="; ".join(texts.get("publisher", [])),
        rights="; ".join(texts.get("rights", [])),
        url=(texts.get("url") or [""])[0],
        relation="; ".join(texts.get("relation", [])),
        identifier="; ".join(texts.get("identifier", [])),
        source=Source(
            archive="; ".join(texts.get("archive", [])),
            location=", ".join(texts.get("location", [])),
        ),
        transcripts=transcripts,
        scans=scans,
        extra=tuple(extra),
        inferred=frozenset(inferred),
    )


def _transcripts(
    item: Mapping[str, Any], photos: list[dict[str, Any]], title: str, stem: str, export: _Export
) -> tuple[tuple[Transcript, ...], list[str]]:
    """The item's notes as one HTML file per language, and its selections as regions."""
    by_language: dict[str, list[str]] = {}
    regions: list[str] = []

    def add(notes: list[tuple[str, str]], heading: str) -> None:
        for language, body in notes:
            by_language.setdefault(language or "und", []).append(f"<h3>{heading}</h3>{body}")

    add(_notes(item), html.escape(title))
    for number, photo in enumerate(photos, 1):
        page = jsonld.first(photo, "page")
        label = f"Photo {number}" + (f" (page {int(float(page)) + 1})" if page else "")
        add(_notes(photo), html.escape(label))
        for n, selection in enumerate(jsonld.children(photo, "selection"), 1):
            box = [int(jsonld.number(selection, k)) for k in ("x", "y", "width", "height")]
            where = f"{label}, selection {n}: {box[2]}×{box[3]} at ({box[0]}, {box[1]})"
            notes = _notes(selection)
            said = " ".join(
                html.unescape(_strip_tags(body)) for _, body in notes if _strip_tags(body)
            )
            regions.append(f"{where}" + (f": {said}" if said else ""))
            add(notes, html.escape(where))
    transcripts = []
    for language, parts in by_language.items():
        file = generated.write_text(
            export.work / f"{stem}.notes.{generated.safe_name(language)}.html", "".join(parts)
        )
        transcripts.append(
            Transcript(
                path=file,
                language=language,
                format=TranscriptFormat.HTML,
                kind=TranscriptKind.TRANSCRIPTION,
                label=f"Notes ({model.language_name(language)})" if language != "und" else "Notes",
            )
        )
    return tuple(transcripts), regions


def _strip_tags(fragment: str) -> str:
    return " ".join(_TAG.sub(" ", fragment).split())


# ---------------------------------------------------------------------------------------------
# Reading


def read(path: Path, progress: Progress | None = None, work_root: Path | None = None) -> Archive:
    """The Tropy export at `path`; its notes written under `work_root` (default: the user's
    cache, see `generated`). ArchiveError when it cannot be read at all."""
    source = path.resolve()
    try:
        if source.stat().st_size > _MAX_BYTES:
            raise ArchiveError(path, "is too large to be a Tropy export", "Export fewer items")
        data = json.loads(source.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise ArchiveError(path, f"cannot be read ({exc.strerror})", "Check the file") from exc
    except UnicodeDecodeError as exc:
        raise ArchiveError(
            path, f"is not UTF-8 text (byte {exc.start})", "Export it again"
        ) from exc
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            path,
            f"is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})",
            "Export it from Tropy again",
        ) from exc
    items = [n for n in jsonld.nodes(data) if jsonld.is_a(n, "Item")]
    if not items:
        raise ArchiveError(
            path, "holds no Tropy items (no @type Item)", "Export items from Tropy as JSON-LD"
        )
    export = _Export(
        path=source,
        work=generated.work_folder(source, "tropy", work_root),
        finder=_Finder(source.parent),
    )
    records: list[Record | BrokenRecord] = []
    for index, item in enumerate(items):
        try:
            records.append(_item(item, index, export))
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("%s: item %d: %s", source, index + 1, exc)
            records.append(BrokenRecord(source, f"item {index + 1} cannot be read: {exc}"))
        if progress is not None:
            progress(index + 1, len(items))
    return Archive(root=source, title=source.stem, records=tuple(records))


def _read(path: Path, progress: Progress | None) -> Archive:
    return read(path, progress)


def _check(path: Path) -> list[Problem]:
    return generated.check_export(
        path,
        _read,
        "Put the photo beside the export (found by name, or by checksum under any name)",
    )


FORMAT = Format(
    name="tropy",
    label="a Tropy export (JSON-LD)",
    claims=_claims,
    read=_read,
    check=_check,
)
