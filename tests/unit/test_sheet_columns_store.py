"""The spreadsheet columns a person confirmed: kept per user, out of the archive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import paths
from viewer.services import sheet_columns


def test_confirmed_columns_are_kept_in_the_users_data_folder(tmp_path: Path) -> None:
    sheet = tmp_path / "archive" / "list.csv"
    sheet.parent.mkdir()
    sheet.write_text("Subject,Date\nA,1963\n", encoding="utf-8")
    assert sheet_columns.lookup(sheet, ("Subject", "Date")) is None
    sheet_columns.remember(sheet, {"Subject": "summary", "Date": "date"})
    assert sheet_columns.lookup(sheet, ("Subject", "Date")) == {
        "Subject": "summary",
        "Date": "date",
    }
    stored = paths.data_dir() / sheet_columns.FILE_NAME
    assert json.loads(stored.read_text(encoding="utf-8")) == {
        str(sheet.resolve()): {"Date": "date", "Subject": "summary"}
    }
    assert sorted(p.name for p in sheet.parent.iterdir()) == ["list.csv"]  # archive untouched


def test_a_damaged_store_is_ignored_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stored = paths.ensure(paths.data_dir()) / sheet_columns.FILE_NAME
    stored.write_text("{not json", encoding="utf-8")
    sheet = tmp_path / "list.csv"
    assert sheet_columns.lookup(sheet, ("Title",)) is None
    assert "spreadsheet columns are guessed again" in caplog.text
    sheet_columns.remember(sheet, {"Title": "title"})
    assert sheet_columns.lookup(sheet, ("Title",)) == {"Title": "title"}


def test_reading_a_csv_sheet_does_not_load_the_excel_reader(tmp_path: Path) -> None:
    sheet = tmp_path / "list.csv"
    sheet.write_text("Title,Date\nA letter,1949-05-18\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from viewer.domain import formats; "
        f"a = formats.read(Path({str(sheet)!r})); "
        "print(a.records[0].title, 'openpyxl' in sys.modules, 'PySide6' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["A", "letter", "False", "False"]
