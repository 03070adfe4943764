"""Tables of records as people keep them: CSV or TSV in whatever encoding, or an Excel workbook.

Every cell comes back as text (an Excel date as ISO 8601, a whole number without ".0"), each row
with its row number as a spreadsheet program shows it (the header is row 1), so that a problem
can be found in the sheet.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from viewer.domain.archive import ArchiveError

SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".xlsx", ".xlsm"})
"""The names a sheet may have."""

_TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Row:
    """One line of a sheet: its number as a spreadsheet program shows it, and its cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A sheet's header and rows; `encoding` and `delimiter` say how a text sheet was read."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str = ""
    delimiter: str = ""


def is_workbook(path: Path) -> bool:
    """Whether `path` is named as an Excel workbook."""
    return path.suffix.lower() in {".xlsx", ".xlsm"}


def first_line(path: Path) -> tuple[str, ...]:
    """The header of a sheet, read cheaply (a text sheet's first line; a workbook's first row)."""
    if is_workbook(path):
        for row in _workbook_rows(path, limit=1):
            return row
        return ()
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    text, _ = _decode(head, partial=True)
    line = text.splitlines()[0] if text.strip() else ""
    return tuple(next(csv.reader([line], delimiter=_delimiter(text, path)), []))


def read(path: Path) -> Table:
    """The whole sheet at `path`; ArchiveError naming the file when it cannot be read."""
    try:
        if is_workbook(path):
            rows = list(_workbook_rows(path))
            encoding = delimiter = ""
        else:
            data = path.read_bytes()
            text, encoding = _decode(data)
            delimiter = _delimiter(text[:_SNIFF_BYTES], path)
            rows = [tuple(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except OSError as exc:
        raise ArchiveError(
            path, f"cannot be read ({exc.strerror or exc})", "Check the file"
        ) from exc
    except csv.Error as exc:
        raise ArchiveError(path, f"is not a readable CSV file ({exc})", "Check the file") from exc
    if not rows:
        raise ArchiveError(path, "is empty", "Open a sheet with a header row and one row a record")
    header = tuple(cell.strip() for cell in rows[0])
    body = tuple(
        Row(number, tuple(cells))
        for number, cells in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in cells)
    )
    return Table(path, header, body, encoding, delimiter)


def _decode(data: bytes, *, partial: bool = False) -> tuple[str, str]:
    """The text of a sheet: UTF-8 (with or without a BOM), UTF-16 with a BOM, else
    Windows-1252, which is what Excel writes on Western Windows machines."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        # A cut-off head may end inside a character: that is not a reason to leave UTF-8.
        if partial and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig"), "utf-8"
    return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(text: str, path: Path) -> str:
    """The sheet's delimiter: a tab for .tsv, else what the first lines use most consistently."""
    if path.suffix.lower() in {".tsv", ".tab"}:
        return "\t"
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        return max(",;\t|", key=header.count)


def _workbook_rows(path: Path, limit: int | None = None) -> Iterator[tuple[str, ...]]:
    """The first worksheet's rows as text, read in openpyxl's read-only (streaming) mode."""
    import openpyxl  # noqa: PLC0415  (only a workbook needs it; it takes a while to import)

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # zipfile, XML and openpyxl errors for a damaged workbook
        raise ArchiveError(
            path, f"is not a readable Excel workbook ({exc})", "Open it in a spreadsheet program"
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for index, values in enumerate(sheet.iter_rows(values_only=True)):
            if limit is not None and index >= limit:
                return
            yield tuple(_cell_text(value) for value in values)
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_suffix(path: Path) -> bool:
    """Whether `path` is named as a text sheet (CSV, TSV)."""
    return path.suffix.lower() in _TEXT_SUFFIXES
