"""Checking a spreadsheet of records: what is wrong or missing in the sheet, by row, and in the
records it makes (`archive-viewer check`)."""

from __future__ import annotations

from pathlib import Path

from viewer.domain import check as records_check
from viewer.domain import sheet
from viewer.domain.archive import ArchiveError, Problem
from viewer.domain.formats.manifest import MISSING, Joined, find_manifest, join

_LISTED_PROBLEMS = 20


def check(path: Path) -> list[Problem]:
    """Every problem of the sheet at `path` (or in the folder `path`) and of its records."""

    found = find_manifest(path) if path.is_dir() else path
    if found is None:
        return [Problem(path, "", "holds no spreadsheet of records")]
    try:
        joined = join(found, path if path.is_dir() else None, only_with_files=False)
    except ArchiveError as exc:
        if path.is_dir() and sheet.is_workbook(found):
            # A workbook that is not a list of records: a plain folder of scans, checked so.
            from viewer.domain.formats import folder  # noqa: PLC0415

            try:
                return records_check.check_records(folder.read_folder(path.resolve()))
            except ArchiveError as plain:
                return [Problem(plain.path, "", plain.problem, plain.advice)]
        return [Problem(exc.path, "", exc.problem, exc.advice)]
    problems = sheet_problems(joined)
    problems.extend(records_check.check_records(joined.archive))
    return problems


def sheet_problems(joined: Joined) -> list[Problem]:
    """What is wrong or missing in a sheet, with row numbers: columns not understood, files
    named but not found, rows without a file, files without a row, bad dates, duplicate record
    numbers."""
    sheet_path = joined.table.path
    problems = _column_problems(joined)
    for problems_of_kind in _row_problems(joined).values():
        problems.extend(_capped(problems_of_kind))
    for record in joined.unmatched_files:
        problems.append(
            Problem(
                record.scans[0].path if record.scans else record.folder,
                "",
                f"is in no row of {sheet_path.name}: shown with what its name says",
                "Add a row for it",
                "warning",
            )
        )
    return problems


def _column_problems(joined: Joined) -> list[Problem]:
    sheet_path = joined.table.path
    mapping = joined.mapping
    problems: list[Problem] = []
    if mapping.uncertain:
        shown = ", ".join(
            f"{h!r} as {mapping.fields[i]}"
            for i, h in enumerate(mapping.header)
            if i in mapping.guessed
        )
        problems.append(
            Problem(
                sheet_path,
                "columns",
                f"the columns' meaning was guessed ({shown})"
                if shown
                else "no column gives a title, file name or record number",
                "Check them in the viewer's File > Spreadsheet Columns",
                "warning",
            )
        )
    return problems


def _row_problems(joined: Joined) -> dict[str, list[Problem]]:
    """The problems of the rows, by kind: files not found, no file, dates, repeated numbers."""
    sheet_path = joined.table.path
    listed: dict[str, list[Problem]] = {"missing": [], "nofile": [], "date": [], "dup": []}
    numbers: dict[str, int] = {}
    for made in joined.made:
        record = made.record
        where = f"row {made.row}"
        files = _cells(joined, made.row, "file")
        if not made.matched and files:
            listed["missing"].append(
                Problem(
                    sheet_path,
                    where,
                    f"names {files[0]!r}, which is not in the folder",
                    "Check the name, or add the file",
                    "warning",
                )
            )
        elif not made.matched:
            listed["nofile"].append(
                Problem(
                    sheet_path, where, "has no file: the record is metadata only", "", "warning"
                )
            )
        if made.date_problem:
            listed["date"].append(
                Problem(
                    sheet_path,
                    where,
                    made.date_problem + "; it is kept as written",
                    "Write it as 1963-11-22, 11/22/1963 or 22 Nov 1963",
                    "warning",
                )
            )
        if record.number:
            if record.number in numbers:
                listed["dup"].append(
                    Problem(
                        sheet_path,
                        where,
                        f"repeats record number {record.number!r} of row {numbers[record.number]}",
                        "Give each record its own number",
                        "warning",
                    )
                )
            else:
                numbers[record.number] = made.row
    return listed


def _cells(joined: Joined, row_number: int, field_name: str) -> list[str]:
    row = joined.table.rows[_row_index(joined.table, row_number)]
    return [
        row.cells[i].strip()
        for i in joined.mapping.column(field_name)
        if i < len(row.cells) and row.cells[i].strip().lower() not in MISSING
    ]


def _row_index(table: sheet.Table, row_number: int) -> int:
    # Rows are kept in order with blank lines left out: a binary search finds one.
    low, high = 0, len(table.rows) - 1
    while low < high:
        middle = (low + high) // 2
        if table.rows[middle].number < row_number:
            low = middle + 1
        else:
            high = middle
    return low


def _capped(problems: list[Problem]) -> list[Problem]:
    """The first problems of a kind, then one line for the rest (a sheet of 13,000 rows with
    8 scans beside it has 12,992 rows without a file)."""
    if len(problems) <= _LISTED_PROBLEMS:
        return problems
    rest = problems[_LISTED_PROBLEMS:]
    summary = Problem(
        rest[0].path,
        f"rows {rest[0].field.removeprefix('row ')}-{rest[-1].field.removeprefix('row ')}",
        f"{len(rest)} more rows with the same problem",
        rest[0].advice,
        "warning",
    )
    return [*problems[:_LISTED_PROBLEMS], summary]
