"""Reading archive folders and record folders (format described in docs/archive-format.md).

The values of one record.toml are read by `record_fields` and its files found by `record_files`;
this module puts a record together and reads a whole archive."""

from __future__ import annotations

import datetime
import difflib
import gc
import logging
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from viewer.domain import (
    catalogue,
    folder_check,
    model,
    ordering,
    record_files,
    record_reader,
)
from viewer.domain.model import Archive, BrokenRecord, PartialDate, Record, Source
from viewer.domain.record_fields import (
    ID_PATTERN,
    MAX_TOML_BYTES,
    RECORD_FILE,
    FieldReader,
    Problem,
    RecordError,
    TomlTooDeepError,
    TomlTooLargeError,
    as_text,
    date_text,
    load_toml,
    parse_date,
    parse_name,
    parse_toml,
)

__all__ = [
    "ARCHIVE_FILE",
    "EARLY_RECORDS",
    "FREEZE_EVERY",
    "ID_PATTERN",
    "KNOWN_FIELDS",
    "MAX_DEPTH",
    "MAX_TOML_BYTES",
    "RECORD_FILE",
    "ArchiveError",
    "ArchiveHeader",
    "Problem",
    "Progress",
    "RecordError",
    "TomlTooDeepError",
    "TomlTooLargeError",
    "iter_record_folders",
    "load_archive",
    "load_record",
    "load_toml",
    "parse_date",
    "parse_name",
    "read_header",
    "read_record",
]

log = logging.getLogger(__name__)

ARCHIVE_FILE = "archive.toml"
MAX_DEPTH = 6
"""How deep below the archive root record folders are looked for."""
EARLY_RECORDS = 2_000
"""Records of a large archive given to `load_archive`'s `early` before the rest are read."""
FREEZE_EVERY = 2_000
"""Records read between two `gc.freeze()` calls while an archive is read."""

_TEXT_FIELDS = (
    "summary",
    "type",
    "collection",
    "publisher",
    "rights",
    "funding",
    "url",
    "relation",
    "coverage",
    "identifier",
    "number",
    "pages",
    "citation",
    "date_text",
)
_LIST_FIELDS = ("languages", "subjects", "places", "people", "inferred")
_NAME_FIELDS = ("creators", "recipients", "translators", "contributors")
KNOWN_FIELDS = frozenset(
    (
        "format_version",
        "id",
        "title",
        "date",
        "source",
        "transcripts",
        "scans",
        "extra",
        *_TEXT_FIELDS,
        *_LIST_FIELDS,
        *_NAME_FIELDS,
    )
)
_SOURCE_KEYS = frozenset(("archive", "location", "note"))
_ARCHIVE_KEYS = frozenset(("format_version", "title", "description", "publisher"))


class ArchiveError(Exception):
    """A path that is not an archive, a record or a readable folder."""

    def __init__(self, path: Path, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        text = f"{path}: {problem}"
        if advice:
            text += f". {advice}"
        super().__init__(text)


# ---------------------------------------------------------------------------------------------
# Records


def load_record(
    folder: Path, *, real: bool = False, fetched: record_files.Fetched | None = None
) -> Record | BrokenRecord:
    """The record in `folder`, or a BrokenRecord that says why it cannot be read (`real` and
    `fetched` as for `read_record`)."""
    try:
        record, _ = read_record(folder, real=real, fetched=fetched)
    except RecordError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        reason = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in errors)
        return BrokenRecord(folder, reason or str(exc), _guess_id(folder))
    return record


def _guess_id(folder: Path) -> str:
    try:
        data = load_toml(folder / RECORD_FILE)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
        return ""
    value = data.get("id")
    return value if isinstance(value, str) else ""


def read_record(
    folder: Path, *, real: bool = False, fetched: record_files.Fetched | None = None
) -> tuple[Record, list[Problem]]:
    """Read and validate `folder`/record.toml: the record and its warnings, or RecordError.

    `real`: `folder` is known to be a real path (no links in it), so the files found in it need
    not be resolved. `fetched`: its files as `record_files.fetch` read them, instead of reading
    them now.
    """
    file = folder / RECORD_FILE
    try:
        if fetched is None:
            data = load_toml(file)
        elif isinstance(fetched[0], OSError):
            raise fetched[0]
        else:
            data = parse_toml(fetched[0])
    except (TomlTooLargeError, TomlTooDeepError) as exc:
        raise RecordError(
            [Problem(file, "", str(exc), "A record.toml is a short list of fields; fix it")]
        ) from exc
    except FileNotFoundError as exc:
        raise RecordError(
            [
                Problem(
                    file,
                    "",
                    "the record has no record.toml",
                    "Add one (see docs/archive-format.md)",
                )
            ]
        ) from exc
    except PermissionError as exc:
        raise RecordError(
            [
                Problem(
                    file, "", "the file cannot be read (permission denied)", "Check its permissions"
                )
            ]
        ) from exc
    except UnicodeDecodeError as exc:
        raise RecordError(
            [Problem(file, "", "the file is not UTF-8 text", "Save it as UTF-8")]
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(
            [Problem(file, "", f"not valid TOML ({exc})", "Fix the syntax at that line")]
        ) from exc
    except OSError as exc:
        raise RecordError([Problem(file, "", f"the file cannot be read ({exc.strerror})")]) from exc
    reader = FieldReader(folder, data, real=real)
    listing = record_files.list_folder(folder) if fetched is None else fetched[1]
    try:
        record = _build_record(reader, listing)
    except RecursionError as exc:
        raise RecordError(
            [Problem(file, "", "values are nested too deeply to be read", "Fix the file")]
        ) from exc
    if any(p.severity == "error" for p in reader.problems) or record is None:
        raise RecordError(reader.problems + reader.kept)
    return record, reader.problems + reader.kept


def _build_record(reader: FieldReader, listing: record_files.Listing) -> Record | None:
    _check_version(reader)
    record_id, title = _identity(reader)
    date = _date(reader)
    texts = {key: reader.text(key) for key in _TEXT_FIELDS}
    lists = {key: reader.strings(key) for key in _LIST_FIELDS}
    names = {key: reader.names(key) for key in _NAME_FIELDS}
    source = _source(reader)
    transcripts = record_files.transcripts(reader, listing)
    scans = record_files.scans(reader, listing)
    extra = _extra(reader)
    if not record_id or not title:
        return None
    return Record(
        id=record_id,
        title=title,
        folder=reader.folder,
        date=date,
        summary=texts["summary"],
        type=texts["type"],
        languages=lists["languages"],
        creators=names["creators"],
        recipients=names["recipients"],
        translators=names["translators"],
        contributors=names["contributors"],
        subjects=lists["subjects"],
        places=lists["places"],
        people=lists["people"],
        collection=texts["collection"],
        publisher=texts["publisher"],
        rights=texts["rights"],
        funding=texts["funding"],
        url=texts["url"],
        relation=texts["relation"],
        coverage=texts["coverage"],
        identifier=texts["identifier"],
        number=texts["number"],
        pages=texts["pages"],
        citation=texts["citation"],
        source=source,
        transcripts=transcripts,
        scans=scans,
        extra=extra,
        date_text=texts["date_text"],
        inferred=frozenset(lists["inferred"]),
    )


def _check_version(reader: FieldReader) -> None:
    version = reader.data.get("format_version", model.FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        reader.error("format_version", "should be a whole number", "Write format_version = 1")
    elif version > model.FORMAT_VERSION:
        reader.warning(
            "format_version",
            f"written for format {version}; this viewer reads format {model.FORMAT_VERSION}",
            "Fields it does not know are shown as they are; update the viewer for the rest",
        )


def _identity(reader: FieldReader) -> tuple[str, str]:
    """The record's id and title ("" for either that is missing or wrong)."""
    record_id = reader.text("id")
    if not record_id:
        reader.error("id", "is missing", 'Give the record an id, e.g. id = "1949-05-18-telegram"')
    elif not ID_PATTERN.match(record_id):
        reader.error(
            "id",
            f"{record_id!r} has characters an id cannot have",
            "Use letters, digits, '.', '_' and '-'",
        )
    title = reader.text("title")
    if not title:
        reader.error("title", "is missing", 'Every record needs a title = "..."')
    return record_id, title


def _date(reader: FieldReader) -> PartialDate | None:
    raw_date = reader.data.get("date")
    if raw_date is None:
        return None
    shown = date_text(raw_date)
    advice = "Write it as YYYY-MM-DD, YYYY-MM, YYYY or a range YYYY/YYYY"
    if isinstance(raw_date, datetime.time):
        reader.error("date", f"{shown!r} is a time of day, not a date", advice)
        return None
    try:
        return parse_date(shown)
    except ValueError as exc:
        reader.error("date", f"{shown!r} is not a date: {exc}", advice)
        return None


def _extra(reader: FieldReader) -> tuple[tuple[str, str], ...]:
    """Unknown top-level keys and the [extra] table, shown to readers as they are written."""
    data = reader.data
    reader.unknown_keys(data, KNOWN_FIELDS, "")
    extra = tuple((key, as_text(value)) for key, value in data.items() if key not in KNOWN_FIELDS)
    more = data.get("extra", {})
    if isinstance(more, Mapping):
        extra += tuple((str(key), as_text(value)) for key, value in more.items())
    else:
        reader.error("extra", "should be a table", 'Write [extra] with key = "..." lines')
    return extra


def _source(reader: FieldReader) -> Source:
    value = reader.data.get("source", {})
    if isinstance(value, str):
        return Source(location=value.strip())
    if not isinstance(value, Mapping):
        reader.error(
            "source",
            "should be a table",
            'Write [source] with archive = "..." and location = "..."',
        )
        return Source()
    reader.unknown_keys(value, _SOURCE_KEYS, "source.")
    return Source(
        archive=reader.text("archive", value, "source."),
        location=reader.text("location", value, "source."),
        note=reader.text("note", value, "source."),
    )


# ---------------------------------------------------------------------------------------------
# Archives


def iter_record_folders(root: Path) -> Iterator[Path]:
    """Every folder below `root` holding a record.toml, sorted, not descending into records."""

    def walk(folder: Path, depth: int) -> Iterator[Path]:
        try:
            # Its folders only, sorted: a folder of 10,000 scans is not sorted for them.
            entries = sorted(
                (
                    e
                    for e in os.scandir(folder)
                    if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
                ),
                key=lambda e: e.name,
            )
        except OSError as exc:
            log.warning("cannot list %s: %s", folder, exc)
            return
        for entry in entries:
            # On the folder's name, not a Path: a Path is made for each of 100,000 folders.
            if os.path.isfile(entry.path + "/" + RECORD_FILE):  # noqa: PTH113
                yield Path(entry.path)
            elif depth < MAX_DEPTH:
                yield from walk(Path(entry.path), depth + 1)

    if (root / RECORD_FILE).is_file():
        yield root
        return
    yield from walk(root, 0)


@dataclass(frozen=True)
class ArchiveHeader:
    """What archive.toml says of the archive as a whole."""

    title: str
    description: str = ""
    publisher: str = ""
    format_version: int = model.FORMAT_VERSION


def read_header(root: Path) -> tuple[ArchiveHeader, list[Problem]]:
    """archive.toml of `root` (defaults when there is none) and the problems found in it."""
    file = root / ARCHIVE_FILE
    problems: list[Problem] = []
    default = ArchiveHeader(title=root.resolve().name)
    if not file.is_file():
        return default, problems
    try:
        data = load_toml(file)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        problems.append(Problem(file, "", f"cannot be read ({exc})", "Fix it or remove it"))
        return default, problems
    version = data.get("format_version", model.FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        problems.append(
            Problem(file, "format_version", "should be a whole number", "Write format_version = 1")
        )
        version = model.FORMAT_VERSION
    elif version > model.FORMAT_VERSION:
        problems.append(
            Problem(
                file,
                "format_version",
                f"written for format {version}; this viewer reads format {model.FORMAT_VERSION}",
                "Update the viewer",
                "warning",
            )
        )
    for key in data:
        if key not in _ARCHIVE_KEYS:
            close = difflib.get_close_matches(key, sorted(_ARCHIVE_KEYS), n=1, cutoff=0.7)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    file,
                    key,
                    f"unknown key{hint}",
                    "Fix the spelling; an unknown key is ignored",
                    "warning",
                )
            )
    title = data.get("title")
    return (
        ArchiveHeader(
            title=title.strip() if isinstance(title, str) and title.strip() else default.title,
            description=str(data.get("description", "")).strip(),
            publisher=str(data.get("publisher", "")).strip(),
            format_version=version,
        ),
        problems,
    )


Progress = Callable[[int, int], None]


def load_archive(
    path: Path,
    progress: Progress | None = None,
    *,
    catalogues: Path | None = None,
    early: Callable[[Archive], None] | None = None,
) -> Archive:
    """The archive (or single record) at `path`; broken records become placeholders.

    `catalogues`: a folder of the user's cache where the records read are kept
    (`catalogue.Catalogue`), so that the next reading reads only the records that changed.
    `early` is then given the archive as the catalogue has it, before the disk is looked at;
    when the disk says the same, that same Archive is returned. Without a catalogue's, an
    archive of many records gives `early` its first `EARLY_RECORDS` as soon as they are read,
    then with every other record folder as an `UnreadRecord`, then again every
    `record_reader.FILL_SECONDS` with the records read since in their places.
    """
    root = path.resolve()
    if not root.exists():
        raise ArchiveError(path, "does not exist", "Check the path")
    if not root.is_dir():
        raise ArchiveError(
            path, "is not a folder", "Open an archive folder, a record folder or a PDF"
        )
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveError(
            path, "cannot be read (permission denied)", "Check the folder's permissions"
        )
    header, _ = read_header(root)
    known, first, check = None, None, None
    if catalogues is not None:
        known = catalogue.Catalogue(catalogues, root)
        if early is not None and folder_check.worth_a_child(known.file):
            # Whether the folders changed since is looked at meanwhile, in a process of its own.
            check = folder_check.FolderCheck(root, known.file)
        known.load()
        gc.freeze()  # as the records read below (see there)
        if early is not None and len(known):
            first = _archive(root, header, _unique_ids(known.records()))
            early(first)
    checked = check.result() if check is not None else None
    if checked is True and first is not None and len(first.records) == len(known or ()):
        return first  # every record folder as the catalogue has it
    if checked is None or checked is True:
        folders, stamps = _record_folders(root), None
    else:
        folders, stamps = record_reader.checked_folders(checked)
    if not folders:
        raise ArchiveError(
            path,
            "holds no records (no record.toml in it or below it)",
            "Open an archive folder, a record folder or a PDF",
        )
    reading = None
    if (
        first is None
        and early is not None
        and catalogues
        and len(folders) >= record_reader.CHILD_FROM
    ):
        # Read for the first time: all but the first records in a child process.
        reading = record_reader.ChildReading(root, folders[EARLY_RECORDS:], catalogues)
    found_records: list[Record | BrokenRecord] = []
    filling: record_reader.Filling | None = None
    step = max(1, len(folders) // 200)
    for index, record in enumerate(record_reader.records_of(folders, known, stamps, reading)):
        found_records.append(record)
        if filling is not None:
            filling.read(index, record)
        elif early is not None and first is None and index + 1 == EARLY_RECORDS < len(folders) // 2:
            # A large archive read for the first time: its first records to read meanwhile;
            # then every other folder listed, its record filled in as it is read.
            first = _archive(root, header, _unique_ids(found_records))
            early(first)
            filling = record_reader.Filling(first, root, folders, early)
        # A few hundred reports at most: each one is a turn of the window's event loop.
        if progress is not None and ((index + 1) % step == 0 or index + 1 == len(folders)):
            progress(index + 1, len(folders))
        if (index + 1) % FREEZE_EVERY == 0:
            # The records read so far live as long as the archive: keep the cycle collector from
            # walking them again. Its full passes over 100,000 records hold the interpreter lock
            # for over a second, stopping the window whichever thread reads the archive.
            gc.freeze()
    if known is not None:
        known.save(reading.kept if reading is not None else None)
    records = _unique_ids(found_records)
    if (
        first is not None
        and len(records) == len(first.records)
        and all(a is b for a, b in zip(records, first.records, strict=True))
    ):
        return first  # as the catalogue had it: the caller need not show it again
    return _archive(root, header, records)


def _record_folders(root: Path) -> list[Path]:
    """`iter_record_folders(root)`, kept from the cycle collector as they are found: the paths
    live as long as the records read from them (see `load_archive`)."""
    folders: list[Path] = []
    for folder in iter_record_folders(root):
        folders.append(folder)
        if len(folders) % FREEZE_EVERY == 0:
            gc.freeze()
    return folders


def _unique_ids(records: Iterable[Record | BrokenRecord]) -> list[Record | BrokenRecord]:
    """`records`, a record whose id an earlier one has shown as a broken record."""
    seen: set[str] = set()
    unique: list[Record | BrokenRecord] = []
    for record in records:
        if isinstance(record, Record) and record.id in seen:
            reason = f"the id {record.id!r} is used by another record"
            unique.append(BrokenRecord(record.folder, reason, record.id))
        else:
            seen.add(record.id)
            unique.append(record)
    return unique


def _archive(root: Path, header: ArchiveHeader, records: list[Record | BrokenRecord]) -> Archive:
    made = Archive(
        root=root,
        title=header.title,
        records=tuple(records),
        description=header.description,
        publisher=header.publisher,
        format_version=header.format_version,
    )
    if len(records) >= EARLY_RECORDS:
        # Here, not on the window's thread: what it asks of the archive as it opens.
        ordering.note_first(made)
        _ = made.broken_records
    return made
