"""Reading archive folders and record folders (format described in docs/archive-format.md)."""

from __future__ import annotations

import datetime
import difflib
import gc
import logging
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.domain import model
from viewer.domain.model import (
    Archive,
    BrokenRecord,
    Name,
    PartialDate,
    Record,
    Scan,
    Source,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)

log = logging.getLogger(__name__)

ARCHIVE_FILE = "archive.toml"
RECORD_FILE = "record.toml"
MAX_DEPTH = 6
"""How deep below the archive root record folders are looked for."""
FREEZE_EVERY = 2_000
"""Records read between two `gc.freeze()` calls while an archive is read."""

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_TRANSCRIPT_NAME = re.compile(
    r"^transcript\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(html?|md|markdown|txt)$"
)

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
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
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
_TRANSCRIPT_KEYS = frozenset(("file", "language", "kind", "label", "translators"))
_SCAN_KEYS = frozenset(("file", "label", "generated", "note", "password"))
_SOURCE_KEYS = frozenset(("archive", "location", "note"))
_ARCHIVE_KEYS = frozenset(("format_version", "title", "description", "publisher"))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an archive: which file, which field, what is wrong, what to do."""

    path: Path
    field: str
    message: str
    advice: str = ""
    severity: str = "error"
    """"error" (the record or file cannot be used as it is) or "warning" (it works, but look)."""

    def line(self, root: Path | None = None) -> str:
        """One line for a terminal: `error: records/x/record.toml: date: ... (advice)`."""
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                shown = self.path
        where = f"{shown}: {self.field}: " if self.field else f"{shown}: "
        text = f"{self.severity}: {where}{self.message}"
        if self.advice:
            text += f". {self.advice}"
        return text


class RecordError(Exception):
    """A record folder that cannot be read; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


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
# Parsing values


def parse_date(text: str) -> PartialDate:
    """An ISO 8601 date or range ("1949-05-18", "1949-05", "1917/1920"); ValueError if not one."""
    text = text.strip()
    if text.count("/") > 1:
        raise ValueError("a range has one '/' (YYYY/YYYY)")
    if "/" in text:
        start_text, end_text = text.split("/", 1)
        start, end = parse_date(start_text), parse_date(end_text)
        if end.parts() < start.parts():
            raise ValueError("the range ends before it starts")
        return PartialDate(start.year, start.month, start.day, end)
    match = _DATE_PATTERN.match(text)
    if not match:
        raise ValueError("it is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    if match.group(3):
        days = _days_in_month(year, month)
        if not 1 <= day <= days:
            raise ValueError(f"{_MONTHS[month - 1]} {year} has no day {day}")
    return PartialDate(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_name(value: object) -> Name:
    """A person or body from "Family, Given", "Literal body" or a {family, given, literal} table."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("the name is empty")
        if "," in text:
            family, given = (part.strip() for part in text.split(",", 1))
            return Name(family=family, given=given)
        return Name(literal=text)
    if isinstance(value, Mapping):
        family = str(value.get("family", "")).strip()
        given = str(value.get("given", "")).strip()
        literal = str(value.get("literal", "")).strip()
        if not (family or literal):
            raise ValueError("a name table needs `family` or `literal`")
        return Name(family=family, given=given, literal=literal)
    raise ValueError("a name is a string or a table with family/given or literal")


# ---------------------------------------------------------------------------------------------
# Records


class _Reader:
    """Reads one record.toml, collecting every problem rather than stopping at the first."""

    def __init__(self, folder: Path, data: Mapping[str, Any]) -> None:
        self.folder = folder
        self.file = folder / RECORD_FILE
        self.data = data
        self.problems: list[Problem] = []
        self.kept: list[Problem] = []
        """Errors that leave the record readable (a listed scan that is missing)."""

    def error(self, field: str, message: str, advice: str = "") -> None:
        self.problems.append(Problem(self.file, field, message, advice))

    def warning(self, field: str, message: str, advice: str = "") -> None:
        self.problems.append(Problem(self.file, field, message, advice, "warning"))

    def text(self, key: str, data: Mapping[str, Any] | None = None, where: str = "") -> str:
        source = self.data if data is None else data
        value = source.get(key, "")
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.error(
            where + key, f"should be text, not {_kind(value)}", 'Write it in quotes: key = "..."'
        )
        return ""

    def unknown_keys(self, data: Mapping[str, Any], known: frozenset[str], where: str) -> None:
        """A warning for each key not in `known`, with the known key it is likely a slip for."""
        for key in data:
            if key in known:
                continue
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.7)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.warning(
                where + key,
                f"unknown key{hint}",
                "Fix the spelling; an unknown key is shown to readers as it is written"
                if not where
                else "Fix the spelling; an unknown key here is ignored",
            )

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if isinstance(value, str):
            self.warning(
                key, "should be a list of text, not one text", f'Write {key} = ["{value.strip()}"]'
            )
            return (value.strip(),) if value.strip() else ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(key, "should be a list of text", f'Write it as {key} = ["...", "..."]')
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def names(
        self, key: str, data: Mapping[str, Any] | None = None, where: str = ""
    ) -> tuple[Name, ...]:
        source = self.data if data is None else data
        value = source.get(key, [])
        items = value if isinstance(value, list) else [value]
        names: list[Name] = []
        for index, item in enumerate(items):
            try:
                names.append(parse_name(item))
            except ValueError as exc:
                self.error(
                    f"{where}{key}[{index}]",
                    str(exc),
                    'Write "Family, Given", a body\'s name, or {family = "...", given = "..."}',
                )
        return tuple(names)


def _kind(value: object) -> str:
    names = {
        list: "a list",
        dict: "a table",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), type(value).__name__)


def load_record(folder: Path) -> Record | BrokenRecord:
    """The record in `folder`, or a BrokenRecord that says why it cannot be read."""
    try:
        record, _ = read_record(folder)
    except RecordError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        reason = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in errors)
        return BrokenRecord(folder, reason or str(exc), _guess_id(folder))
    return record


MAX_TOML_BYTES = 1 << 20
"""A record.toml or archive.toml is a few KB; a larger one is not read."""


class TomlTooLargeError(ValueError):
    """A TOML file over `MAX_TOML_BYTES`."""


class TomlTooDeepError(ValueError):
    """A TOML file nested too deeply for the parser (arrays or tables hundreds deep)."""


def load_toml(file: Path) -> dict[str, Any]:
    """A TOML file's table: at most `MAX_TOML_BYTES`, a UTF-8 byte-order mark allowed.

    Raises OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, TomlTooLargeError or
    TomlTooDeepError.
    """
    with file.open("rb") as handle:
        data = handle.read(MAX_TOML_BYTES + 1)
    if len(data) > MAX_TOML_BYTES:
        raise TomlTooLargeError(f"the file is larger than {MAX_TOML_BYTES // (1 << 20)} MB")
    text = data.decode("utf-8").removeprefix("\ufeff")
    try:
        return tomllib.loads(text)
    except RecursionError as exc:
        raise TomlTooDeepError("values are nested too deeply to be read") from exc


def _guess_id(folder: Path) -> str:
    try:
        data = load_toml(folder / RECORD_FILE)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError):
        return ""
    value = data.get("id")
    return value if isinstance(value, str) else ""


def read_record(folder: Path) -> tuple[Record, list[Problem]]:
    """Read and validate `folder`/record.toml: the record and its warnings, or RecordError."""
    file = folder / RECORD_FILE
    try:
        data = load_toml(file)
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
    reader = _Reader(folder, data)
    try:
        record = _build_record(reader)
    except RecursionError as exc:
        raise RecordError(
            [Problem(file, "", "values are nested too deeply to be read", "Fix the file")]
        ) from exc
    if any(p.severity == "error" for p in reader.problems) or record is None:
        raise RecordError(reader.problems + reader.kept)
    return record, reader.problems + reader.kept


def _build_record(reader: _Reader) -> Record | None:
    data = reader.data
    version = data.get("format_version", model.FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        reader.error("format_version", "should be a whole number", "Write format_version = 1")
    elif version > model.FORMAT_VERSION:
        reader.warning(
            "format_version",
            f"written for format {version}; this viewer reads format {model.FORMAT_VERSION}",
            "Fields it does not know are shown as they are; update the viewer for the rest",
        )
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
    date = None
    raw_date = data.get("date")
    if raw_date is not None:
        shown = _date_text(raw_date)
        advice = "Write it as YYYY-MM-DD, YYYY-MM, YYYY or a range YYYY/YYYY"
        if isinstance(raw_date, datetime.time):
            reader.error("date", f"{shown!r} is a time of day, not a date", advice)
        else:
            try:
                date = parse_date(shown)
            except ValueError as exc:
                reader.error("date", f"{shown!r} is not a date: {exc}", advice)
    texts = {key: reader.text(key) for key in _TEXT_FIELDS}
    lists = {key: reader.strings(key) for key in _LIST_FIELDS}
    names = {key: reader.names(key) for key in _NAME_FIELDS}
    source = _source(reader)
    transcripts = _transcripts(reader)
    scans = _scans(reader)
    reader.unknown_keys(data, KNOWN_FIELDS, "")
    extra = tuple((key, _as_text(value)) for key, value in data.items() if key not in KNOWN_FIELDS)
    more = data.get("extra", {})
    if isinstance(more, Mapping):
        extra += tuple((str(key), _as_text(value)) for key, value in more.items())
    else:
        reader.error("extra", "should be a table", 'Write [extra] with key = "..." lines')
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


def _date_text(value: object) -> str:
    """A date as the curator wrote it: TOML dates and date-times as ISO 8601 (a date-time's
    date), never a Python repr."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    return str(value)


def _source(reader: _Reader) -> Source:
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


def _entries(reader: _Reader, key: str) -> list[Mapping[str, Any]]:
    value = reader.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        reader.error(
            key, "should be a list of tables", f'Write each one as [[{key}]] with file = "..."'
        )
        return []
    return list(value)


def _inside(folder: Path, path: Path) -> Path | str:
    """`path` resolved, when it is a file inside `folder`; otherwise what is wrong with it."""
    try:
        resolved = path.resolve()
        root = folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return "is a link that leads back to itself (a symlink loop)"
    if root not in resolved.parents:
        if path.is_symlink() or any(p.is_symlink() for p in path.parents if root in p.parents):
            return "is a link to a file outside the record folder"
        return "is outside the record folder"
    if not resolved.exists():
        return "does not exist"
    if not resolved.is_file():
        return "is not a regular file (a folder, a pipe or a device)"
    return resolved


def _listed_file(
    reader: _Reader, entry: Mapping[str, Any], where: str, *, keep_missing: bool = False
) -> Path | None:
    name = reader.text("file", entry, where)
    if not name:
        reader.error(where + "file", "is missing", 'Name the file: file = "..."')
        return None
    found = _inside(reader.folder, reader.folder / name)
    if isinstance(found, Path):
        return found
    if found == "does not exist":
        problem = Problem(
            reader.file,
            where + "file",
            f"{name!r} does not exist",
            "Check the file name, or add the file",
        )
        if keep_missing:
            # The record is still shown (its scan pane says the file is missing).
            reader.kept.append(problem)
            return (reader.folder / name).resolve()
        reader.problems.append(problem)
        return None
    reader.error(
        where + "file", f"{name!r} {found}", "Keep a record's files in its folder, as files"
    )
    return None


def _found_file(reader: _Reader, path: Path) -> Path | None:
    """A file found in the record folder by its name, when it is one (links leading out of the
    folder are refused as a listed file would be: they could show any file of the computer)."""
    found = _inside(reader.folder, path)
    if isinstance(found, Path):
        return found
    reader.error(
        "",
        f"{path.name!r} {found}",
        "Keep a record's files in its folder, as files; remove the link",
    )
    return None


def _transcripts(reader: _Reader) -> tuple[Transcript, ...]:
    found: list[Transcript] = []
    listed: set[Path] = set()
    for index, entry in enumerate(_entries(reader, "transcripts")):
        where = f"transcripts[{index}]."
        reader.unknown_keys(entry, _TRANSCRIPT_KEYS, where)
        path = _listed_file(reader, entry, where)
        if path is None:
            continue
        listed.add(path)
        fmt = TranscriptFormat.from_suffix(path.suffix)
        if fmt is None:
            reader.error(
                where + "file",
                f"{path.name!r} is not .html, .md or .txt",
                "Save transcripts as HTML, Markdown or plain text",
            )
            continue
        language = reader.text("language", entry, where)
        if not language:
            match = _TRANSCRIPT_NAME.match(path.name)
            language = match.group(1) if match else ""
        if not language:
            reader.error(
                where + "language", "is missing", 'Say which language it is in: language = "en"'
            )
            continue
        kind_text = reader.text("kind", entry, where) or "transcription"
        try:
            kind = TranscriptKind(kind_text)
        except ValueError:
            reader.error(
                where + "kind",
                f"{kind_text!r} is not a transcript kind",
                "Use translation, transcription or ocr",
            )
            continue
        found.append(
            Transcript(
                path=path,
                language=language,
                format=fmt,
                kind=kind,
                label=reader.text("label", entry, where),
                translators=reader.names("translators", entry, where),
            )
        )
    for path in _folder_files(reader.folder):
        match = _TRANSCRIPT_NAME.match(path.name)
        if not match:
            continue
        resolved = _found_file(reader, path)
        if resolved is not None and resolved not in listed:
            fmt = TranscriptFormat.from_suffix(path.suffix)
            assert fmt is not None  # the pattern admits only known suffixes
            found.append(Transcript(path=resolved, language=match.group(1), format=fmt))
    languages = [t.language for t in found]
    for language in {lang for lang in languages if languages.count(lang) > 1}:
        reader.warning(
            "transcripts", f"more than one transcript in {language!r}", "The first one is shown"
        )
    return tuple(found)


def _scans(reader: _Reader) -> tuple[Scan, ...]:
    found: list[Scan] = []
    listed: set[Path] = set()
    repeated: set[Path] = set()
    for index, entry in enumerate(_entries(reader, "scans")):
        where = f"scans[{index}]."
        reader.unknown_keys(entry, _SCAN_KEYS, where)
        path = _listed_file(reader, entry, where, keep_missing=True)
        if path is None:
            continue
        if path in listed:
            if path not in repeated:
                repeated.add(path)
                reader.warning(
                    where + "file",
                    f"{path.name!r} is listed more than once",
                    "List each scan once",
                )
            continue
        listed.add(path)
        generated = entry.get("generated", False)
        if not isinstance(generated, bool):
            reader.error(where + "generated", "should be true or false")
            generated = False
        found.append(
            Scan(
                path=path,
                label=reader.text("label", entry, where),
                generated=generated,
                note=reader.text("note", entry, where),
                password=reader.text("password", entry, where),
            )
        )
    for path in _folder_files(reader.folder):
        if path.suffix.lower() != ".pdf":
            continue
        resolved = _found_file(reader, path)
        if resolved is not None and resolved not in listed:
            found.append(Scan(path=resolved))
    return tuple(found)


def _folder_files(folder: Path) -> list[Path]:
    """The files of `folder`, and the links in it (a link is judged by `_found_file`)."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_symlink() or p.is_file())
    except OSError:
        return []


# ---------------------------------------------------------------------------------------------
# Archives


def iter_record_folders(root: Path) -> Iterator[Path]:
    """Every folder below `root` holding a record.toml, sorted, not descending into records."""

    def walk(folder: Path, depth: int) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", folder, exc)
            return
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
                continue
            path = Path(entry.path)
            if (path / RECORD_FILE).is_file():
                yield path
            elif depth < MAX_DEPTH:
                yield from walk(path, depth + 1)

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


def load_archive(path: Path, progress: Progress | None = None) -> Archive:
    """The archive (or single record) at `path`; broken records become placeholders."""
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
    folders = list(iter_record_folders(root))
    if not folders:
        raise ArchiveError(
            path,
            "holds no records (no record.toml in it or below it)",
            "Open an archive folder, a record folder or a PDF",
        )
    records: list[Record | BrokenRecord] = []
    seen: set[str] = set()
    step = max(1, len(folders) // 200)
    for index, folder in enumerate(folders):
        record = load_record(folder)
        if isinstance(record, Record) and record.id in seen:
            record = BrokenRecord(
                folder, f"the id {record.id!r} is used by another record", record.id
            )
        seen.add(record.id)
        records.append(record)
        # A few hundred reports at most: each one is a turn of the window's event loop.
        if progress is not None and ((index + 1) % step == 0 or index + 1 == len(folders)):
            progress(index + 1, len(folders))
        if (index + 1) % FREEZE_EVERY == 0:
            # The records read so far live as long as the archive: keep the cycle collector from
            # walking them again. Its full passes over 100,000 records hold the interpreter lock
            # for over a second, stopping the window whichever thread reads the archive.
            gc.freeze()
    return Archive(
        root=root,
        title=header.title,
        records=tuple(records),
        description=header.description,
        publisher=header.publisher,
        format_version=header.format_version,
    )


def record_for_pdf(path: Path, metadata: Mapping[str, str] | None = None) -> Record:
    """A record for a bare PDF: its metadata from the PDF's info and XMP, where it has any."""
    meta = metadata or {}
    resolved = path.resolve()
    title = meta.get("title", "").strip() or path.stem
    date = None
    raw = meta.get("creationDate", "") or meta.get("date", "")
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", raw) or re.match(
        r"^(\d{4})-(\d{2})-(\d{2})", raw
    )
    if match:
        try:
            date = parse_date("-".join(g for g in match.groups() if g))
        except ValueError:
            date = None
    creators = (Name(literal=meta["author"].strip()),) if meta.get("author", "").strip() else ()
    subjects = tuple(k.strip() for k in meta.get("keywords", "").split(",") if k.strip())
    return Record(
        id=_safe_id(path.stem),
        title=title,
        folder=resolved.parent,
        date=date,
        summary=meta.get("subject", "").strip(),
        creators=creators,
        subjects=subjects,
        rights=meta.get("rights", "").strip(),
        languages=(meta["language"].strip(),) if meta.get("language", "").strip() else (),
        scans=(Scan(path=resolved),),
    )


def _safe_id(stem: str) -> str:
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    return text or "document"
