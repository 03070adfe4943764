"""The values of a record.toml: the problems found in one, reading TOML files, dates, names, and
a reader of fields that collects every problem rather than stopping at the first."""

from __future__ import annotations

import datetime
import difflib
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.domain import toml_fast
from viewer.domain.model import Name, PartialDate

RECORD_FILE = "record.toml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


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


class FieldReader:
    """Reads one record.toml, collecting every problem rather than stopping at the first."""

    def __init__(self, folder: Path, data: Mapping[str, Any], *, real: bool = False) -> None:
        self.folder = folder
        self.real = real
        """Whether `folder` is known to be a real path (resolved, no link in it)."""
        self.data = data
        self.problems: list[Problem] = []
        self.kept: list[Problem] = []
        """Errors that leave the record readable (a listed scan that is missing)."""

    @functools.cached_property
    def file(self) -> Path:
        """The record.toml read (made when a problem names it: most records have none)."""
        return self.folder / RECORD_FILE

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
            where + key, f"should be text, not {kind_of(value)}", 'Write it in quotes: key = "..."'
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


def kind_of(value: object) -> str:
    names = {
        list: "a list",
        dict: "a table",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), type(value).__name__)


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
    return parse_toml(read_toml_bytes(file))


def read_toml_bytes(file: Path) -> bytes:
    """A TOML file's bytes, one more than `MAX_TOML_BYTES` at most (OSError when unreadable)."""
    with file.open("rb") as handle:
        return handle.read(MAX_TOML_BYTES + 1)


def parse_toml(data: bytes) -> dict[str, Any]:
    """The table of a TOML file's bytes (as `read_toml_bytes` gives them); as `load_toml`."""
    if len(data) > MAX_TOML_BYTES:
        raise TomlTooLargeError(f"the file is larger than {MAX_TOML_BYTES // (1 << 20)} MB")
    text = data.decode("utf-8").removeprefix("\ufeff")
    plain = toml_fast.loads(text)  # most record.toml files, in a fraction of tomllib's time
    if plain is not None:
        return plain
    try:
        return tomllib.loads(text)
    except RecursionError as exc:
        raise TomlTooDeepError("values are nested too deeply to be read") from exc


def date_text(value: object) -> str:
    """A date as the curator wrote it: TOML dates and date-times as ISO 8601 (a date-time's
    date), never a Python repr."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return str(value)
