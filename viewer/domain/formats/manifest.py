"""A spreadsheet of records (CSV, TSV or Excel) joined to the scans in its folder.

Each row is a record: its cells give the metadata, and a file-name column (else the record
number, found in the files' names as NARA names them: `104-10006-10247.pdf`,
`104-10006-10247_ocr.pdf`) joins it to its scans and text files. A row without a file is a
record of metadata only; a file without a row is a record as the plain folder reader makes it.
Nothing is written into the folder; what the reader guessed (a column's meaning, a title made
from the record number) is marked as inferred.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.domain import columns, sheet, written_dates
from viewer.domain.archive import MAX_DEPTH, ArchiveError, Problem, Progress
from viewer.domain.formats import Format, folder_listing, inference
from viewer.domain.model import (
    Archive,
    Name,
    PartialDate,
    Record,
    Source,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)

MappingLookup = Callable[[Path, tuple[str, ...]], "dict[str, str] | None"]
"""The mapping a person confirmed for a sheet (header name to field), or None."""

MISSING = frozenset({"", "na", "n/a", "n.a.", "none", "null", "nil", "-", "--", "—", "?", "#n/a"})
"""Cells that say there is no value."""

_LIST_SPLIT = re.compile(r"[;,](?![^()]*\))")
_FILE_SPLIT = re.compile(r"\s*[;|]\s*")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".qmd"})
_SUBFOLDERS_LOOKED_AT = 20
_NUMBER_IN_NAMES = 4


@dataclass
class _Options:
    lookup: MappingLookup | None = None
    only_with_files: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    seen: dict[Path, SheetRead] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetRead:
    """How a sheet was last read: for the window to offer its columns for confirming."""

    sheet: Path
    mapping: columns.Mapping
    samples: tuple[str, ...]
    """A value of each column (the first that is not empty), to show what it holds."""


_options = _Options()


def use_mappings(lookup: MappingLookup | None) -> None:
    """Read sheets with the mappings `lookup` gives (those a person confirmed, kept by the
    caller out of the archive); None: guess every sheet's columns."""
    _options.lookup = lookup


def leave_out_rows_without_files(leave_out: bool) -> None:
    """Whether rows that join no scan or text file are left out (`--only-with-files`)."""
    _options.only_with_files = leave_out


def last_read(root: Path) -> SheetRead | None:
    """How the sheet of the archive at `root` (as `Archive.root` names it) was last read; None
    when that archive is not a sheet's."""
    with _options.lock:
        return _options.seen.get(root)


def looks_like_records(header: tuple[str, ...]) -> bool:
    """Whether a header is that of a list of records: a title, file or record number column
    and at least one more column the viewer knows."""
    fields = {f for f in columns.guess(header).fields if f and f != columns.IGNORE}
    return bool(fields & {"title", "file", "number"}) and len(fields) >= 2


def find_manifest(folder: Path) -> Path | None:
    """The sheet of records in `folder` or in one of its subfolders (`data/`), if any."""
    found = _sheets_in(folder)
    if not found:
        try:
            subfolders = sorted(
                Path(e.path)
                for e in os.scandir(folder)
                if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")
            )
        except OSError:
            return None
        for sub in subfolders[:_SUBFOLDERS_LOOKED_AT]:
            found.extend(_sheets_in(sub))
    return found[0] if found else None


def _sheets_in(folder: Path) -> list[Path]:
    try:
        names = folder_listing.files_named(folder, sheet.SUFFIXES)
    except OSError:
        return []
    found = []
    for path in names:
        # A workbook's header costs the opening of the workbook: its name is taken as enough
        # here, and `read` falls back to the plain folder when it is not a list of records.
        if sheet.is_workbook(path) or _header_is_records(path):
            found.append(path)
    return found


def _header_is_records(path: Path) -> bool:
    try:
        return looks_like_records(sheet.first_line(path))
    except (OSError, ArchiveError):
        return False


def mapping_for(table: sheet.Table) -> columns.Mapping:
    """The confirmed mapping of a sheet, else the one its header suggests."""
    lookup = _options.lookup
    if lookup is not None:
        stored = lookup(table.path.resolve(), table.header)
        if stored:
            mapping = columns.confirmed(table.header, stored)
            if mapping is not None:
                return mapping
    return columns.guess(table.header)


# -- joining rows to files --------------------------------------------------------------------


@dataclass
class _Files:
    """The folder's documents (as the plain folder reader makes them) and text files, indexed by
    lower-case name, stem and name tokens."""

    records: list[Record]
    by_name: dict[str, list[int]] = field(default_factory=dict)
    by_token: dict[str, list[int]] = field(default_factory=dict)
    texts_by_stem: dict[str, list[Path]] = field(default_factory=dict)
    texts_by_token: dict[str, list[Path]] = field(default_factory=dict)

    @classmethod
    def index(cls, root: Path, records: list[Record], skip: Path) -> _Files:
        files = cls(records)
        for number, record in enumerate(records):
            for scan in record.scans:
                for path in (scan.path, *scan.images):
                    files.by_name.setdefault(path.name.lower(), []).append(number)
                    files.by_name.setdefault(path.stem.lower(), []).append(number)
                    for token in _tokens(path.stem):
                        files.by_token.setdefault(token, []).append(number)
        for path in _text_files(root):
            if path == skip:
                continue
            stem = path.name.split(".", 1)[0].lower()
            files.texts_by_stem.setdefault(stem, []).append(path)
            for token in _tokens(stem):
                files.texts_by_token.setdefault(token, []).append(path)
        return files


def _tokens(stem: str) -> set[str]:
    return {t.lower() for t in _TOKEN.findall(stem)} | {stem.lower()}


def _text_files(root: Path) -> Iterator[Path]:
    def walk(folder: Path, depth: int) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if depth < MAX_DEPTH:
                    yield from walk(Path(entry.path), depth + 1)
            elif Path(entry.name).suffix.lower() in _TEXT_SUFFIXES:
                yield Path(entry.path)

    yield from walk(root, 0)


@dataclass
class _Row:
    number: int
    values: dict[str, list[str]]
    extra: list[tuple[str, str]]
    guessed: set[str]


def _row_values(mapping: columns.Mapping, row: sheet.Row) -> _Row:
    values: dict[str, list[str]] = {}
    extra: list[tuple[str, str]] = []
    guessed: set[str] = set()
    for index, header in enumerate(mapping.header):
        cell = row.cells[index].strip() if index < len(row.cells) else ""
        if cell.lower() in MISSING:
            continue
        target = mapping.fields[index] if index < len(mapping.fields) else ""
        if target == columns.IGNORE:
            continue
        if not target:
            if header:
                extra.append((header, cell))
            continue
        values.setdefault(target, []).append(cell)
        if index in mapping.guessed:
            guessed.add(target)
    return _Row(row.number, values, extra, guessed)


def _first(row: _Row, key: str) -> str:
    return row.values.get(key, [""])[0]


def _file_candidates(cell: str) -> list[str]:
    name = re.split(r"[\\/]", cell)[-1].strip().lower()
    return [name, name.rsplit(".", 1)[0]] if "." in name else [name]


def _matches(row: _Row, files: _Files) -> list[int]:
    """The folder's documents a row names: by file name, else by the record number in names."""
    named: list[int] = []
    for cell in row.values.get("file", []):
        for name in _FILE_SPLIT.split(cell):  # "a.pdf; b.pdf": several files for one row
            for candidate in _file_candidates(name):
                if candidate in files.by_name:
                    named.extend(files.by_name[candidate])
                    break
    if named:
        return list(dict.fromkeys(named))
    for key in ("number", "identifier"):
        value = _first(row, key).lower()
        # A short number is a row counter ("1", "12"), not a name files are given.
        if len(value) >= _NUMBER_IN_NAMES and value in files.by_token:
            return list(dict.fromkeys(files.by_token[value]))
    return []


def _texts(row: _Row, documents: list[Record], files: _Files) -> list[Path]:
    """Text files that belong to a row: with the stem of its scan or file cell, else named with
    its record number."""
    stems = [scan.path.name.split(".", 1)[0].lower() for r in documents for scan in r.scans]
    stems += [_file_candidates(cell)[-1].split(".", 1)[0] for cell in row.values.get("file", [])]
    found: list[Path] = []
    for stem in dict.fromkeys(stems):
        found.extend(files.texts_by_stem.get(stem, []))
    if not found:
        for key in ("number", "identifier"):
            value = _first(row, key).lower()
            if len(value) >= _NUMBER_IN_NAMES:
                found.extend(files.texts_by_token.get(value, []))
    return list(dict.fromkeys(found))


def _transcript(path: Path) -> Transcript | None:
    fmt = TranscriptFormat.from_suffix(path.suffix)
    if fmt is None:
        return None
    parts = path.name.split(".")
    language = parts[-2].lower() if len(parts) > 2 and len(parts[-2]) in (2, 3) else "en"
    kind = TranscriptKind.OCR if "ocr" in path.stem.lower() else TranscriptKind.TRANSCRIPTION
    return Transcript(path=path, language=language, format=fmt, kind=kind)


# -- one record from one row ------------------------------------------------------------------


@dataclass
class _Made:
    record: Record
    row: int
    matched: list[int]
    date_problem: str = ""


def _split(value: str) -> list[str]:
    return [
        part.strip() for part in _LIST_SPLIT.split(value) if part.strip().lower() not in MISSING
    ]


def _date(texts: list[str]) -> tuple[PartialDate | None, str, str]:
    """The date, the wording kept when it is not ISO 8601, and a problem when not understood."""
    for text in texts:
        if written_dates.is_placeholder(text):
            return None, "", ""
        date = written_dates.parse(text)
        if date is not None:
            return date, "" if date.iso() == text else text, ""
        return None, text, f"the date {text!r} is not understood"
    return None, "", ""


def _make_record(
    row: _Row, documents: list[Record], texts: list[Path], root: Path, used: set[str]
) -> _Made:
    """The record of a row: what the row gives, over what the folder reader made of its first
    file (its PDF's info, its sidecar), with the scans and transcripts of all its files."""
    values = row.values
    given: dict[str, object] = {}
    inferred = {_record_field(name) for name in row.guessed if name != "file"}
    number, identifier = _first(row, "number"), _first(row, "identifier")
    for key in ("summary", "type", "rights", "url", "pages", "collection"):
        if value := _first(row, key):
            given[key] = value
    if number:
        given["number"] = number
    if identifier:
        given["identifier"] = identifier
    if location := _first(row, "location"):
        given["source"] = Source(location=location)
    date, date_text, date_problem = _date(values.get("date", []))
    if date is not None or date_text:
        given["date"], given["date_text"] = date, date_text
    extra = list(row.extra)
    if creators := _creators(row, inferred, extra):
        given["creators"] = creators
    if recipients := values.get("recipients"):
        given["recipients"] = tuple(Name(literal=v) for v in recipients)
    for key in columns.LIST_FIELDS:
        if parts := [p for v in values.get(key, []) for p in _split(v)]:
            given[key] = tuple(dict.fromkeys(parts))
    base = documents[0] if documents else None
    if title := _title(row, base, number or identifier):
        given["title"] = title
        if not _first(row, "title"):
            inferred.add("title")
    transcripts = _transcripts(documents, texts)
    base_id = number or identifier or (base.id if base is not None else f"row-{row.number}")
    common = {
        "id": _unique_id(base_id, used),
        "scans": tuple(scan for document in documents for scan in document.scans),
        "transcripts": tuple(transcripts),
    }
    if base is None:
        record = Record(
            folder=root,
            extra=tuple(extra),
            inferred=frozenset(inferred),
            **common,  # type: ignore[arg-type]
            **given,  # type: ignore[arg-type]
        )
    else:
        kept = set(base.inferred) - set(given)
        if number and base.identifier == number:  # the name's record number, which the row gives
            kept.discard("identifier")
        record = replace(
            base,
            extra=(*extra, *base.extra),
            inferred=frozenset(kept | inferred),
            **common,  # type: ignore[arg-type]
            **given,  # type: ignore[arg-type]
        )
    return _Made(record, row.number, [], date_problem)


def _creators(row: _Row, inferred: set[str], extra: list[tuple[str, str]]) -> tuple[Name, ...]:
    """The row's creators, or its agency as the creator when it names none (else the agency is
    kept in `extra`)."""
    creators = [Name(literal=v) for v in row.values.get("creators", [])]
    agency = _first(row, "agency")
    if agency and not creators:
        creators = [Name(literal=agency)]
        if "agency" in row.guessed:
            inferred.add("creators")
    elif agency:
        extra.insert(0, ("agency", agency))
    return tuple(creators)


def _title(row: _Row, base: Record | None, number: str) -> str:
    """The row's title; else, when the folder reader found none better than a file name, the
    record number (or the file's name, or the row's); else "" (the base record's title stays)."""
    if title := _first(row, "title"):
        return title
    if base is None or (
        base.scans
        and base.title
        in (base.scans[0].path.stem, inference.title_from_name(base.scans[0].path.stem))
    ):
        file_stem = base.title if base is not None else ""
        if not file_stem and row.values.get("file"):
            file_stem = _file_candidates(row.values["file"][0])[-1]
        return number or file_stem or f"Row {row.number}"
    return ""


def _transcripts(documents: list[Record], texts: list[Path]) -> list[Transcript]:
    """The transcripts of the row's files, and its text files as transcripts."""
    transcripts = [t for document in documents for t in document.transcripts]
    known = {t.path for t in transcripts}
    for path in texts:
        transcript = _transcript(path)
        if transcript is not None and path not in known:
            transcripts.append(transcript)
    return transcripts


def _record_field(name: str) -> str:
    return {"location": "source", "agency": "creators"}.get(name, name)


def _unique_id(base: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-._") or "record"
    record_id, n = base, 1
    while record_id in used:
        n += 1
        record_id = f"{base}-{n}"
    used.add(record_id)
    return record_id


# -- reading ----------------------------------------------------------------------------------


@dataclass
class Joined:
    """A sheet read and joined to its folder's files, with what `check` reports about it."""

    archive: Archive
    mapping: columns.Mapping
    table: sheet.Table
    made: list[_Made]
    unmatched_files: list[Record]


def join(
    sheet_path: Path,
    root: Path | None = None,
    progress: Progress | None = None,
    *,
    only_with_files: bool | None = None,
) -> Joined:
    """The sheet at `sheet_path` joined to the documents below `root` (default: its folder)."""
    from viewer.domain.formats import folder  # noqa: PLC0415  (a sibling format)

    sheet_path = sheet_path.resolve()
    root = (root or sheet_path.parent).resolve()
    if only_with_files is None:
        only_with_files = _options.only_with_files
    table = sheet.read(sheet_path)
    mapping = mapping_for(table)
    if not set(mapping.fields) & {"title", "file", "number", "date"}:
        raise ArchiveError(
            sheet_path,
            "does not look like a list of records (no column for a title, date, file name or "
            f"record number among: {', '.join(h for h in table.header if h) or 'no header'})",
            "Name its columns (see docs/archive-format.md) or choose them in File > "
            "Spreadsheet Columns",
        )
    try:
        documents = list(folder.read_folder(root).good_records())
    except ArchiveError:
        documents = []  # a sheet with no scans beside it: every row is metadata only
    files = _Files.index(root, documents, sheet_path)
    used: set[str] = set()
    made: list[_Made] = []
    claimed: set[int] = set()
    total = len(table.rows)
    for index, line in enumerate(table.rows):
        row = _row_values(mapping, line)
        matched = _matches(row, files)
        row_documents = [files.records[i] for i in matched]
        texts = _texts(row, row_documents, files)
        if only_with_files and not row_documents and not texts:
            continue
        result = _make_record(row, row_documents, texts, sheet_path.parent, used)
        result.matched = matched
        claimed.update(matched)
        made.append(result)
        if progress is not None:
            progress(index + 1, total)
    unmatched = [
        replace(record, id=_unique_id(record.id, used))
        for i, record in enumerate(files.records)
        if i not in claimed
    ]
    records = tuple([m.record for m in made] + unmatched)
    title = root.name if root != sheet_path.parent else sheet_path.name
    with _options.lock:
        _options.seen[root] = SheetRead(sheet_path, mapping, _samples(table))
    return Joined(Archive(root=root, title=title, records=records), mapping, table, made, unmatched)


def _samples(table: sheet.Table) -> tuple[str, ...]:
    samples = [""] * len(table.header)
    for row in table.rows[:200]:
        for index, cell in enumerate(row.cells[: len(samples)]):
            if not samples[index] and cell.strip().lower() not in MISSING:
                samples[index] = cell.strip()
        if all(samples):
            break
    return tuple(samples)


def read_manifest(
    sheet_path: Path, root: Path | None = None, progress: Progress | None = None
) -> Archive:
    """The records of the sheet at `sheet_path`, joined to the documents below `root`."""
    return join(sheet_path, root, progress).archive


def _claims(path: Path) -> bool:
    if path.is_dir():
        return find_manifest(path) is not None
    if path.suffix.lower() not in sheet.SUFFIXES:
        return False
    return sheet.is_workbook(path) or _header_is_records(path)


def _read(path: Path, progress: Progress | None) -> Archive:
    if not path.is_dir():
        return read_manifest(path, None, progress)
    found = find_manifest(path)
    if found is None:
        raise ArchiveError(path, "holds no spreadsheet of records", "Open the folder itself")
    try:
        return read_manifest(found, path, progress)
    except ArchiveError:
        if not sheet.is_workbook(found):
            raise
        # A workbook that is not a list of records: the folder is a plain folder of scans.
        from viewer.domain.formats import folder  # noqa: PLC0415

        return folder.read_folder(path.resolve(), progress)


def _check(path: Path) -> list[Problem]:
    from viewer.domain.formats import manifest_check  # noqa: PLC0415  (loads PyMuPDF)

    return manifest_check.check(path)


FORMAT = Format(
    name="manifest",
    label="a spreadsheet of records (CSV, TSV or Excel) with its folder's scans",
    claims=_claims,
    read=_read,
    check=_check,
    followed=True,
)
