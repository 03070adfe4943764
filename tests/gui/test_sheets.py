"""Spreadsheets of records in the window: the real manifests as they are, what a person sees,
and the columns a person confirms once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.formats import manifest
from viewer.ui.library import DATE, TITLE
from viewer.ui.sheet_columns import SheetColumnsDialog


@pytest.fixture(autouse=True)
def _sheets_read_as_by_default() -> Iterator[None]:
    """Mappings and --only-with-files set by a test are undone after it."""
    yield
    manifest.use_mappings(None)
    manifest.leave_out_rows_without_files(False)


def open_sheet(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.window.archive_opened, timeout=30000):
        viewer.window.open_path(path)


def listed(viewer: Viewer) -> dict[str, str]:
    """Title to date, as the record list shows them."""
    model = viewer.window.records.model()
    return {
        model.index(row, TITLE).data(): model.index(row, DATE).data()
        for row in range(model.rowCount())
    }


def test_the_cable_manifest_lists_its_rows_with_titles_and_dates_from_the_sheet(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_sheet(qtbot, viewer, corpus / "imports" / "manifest-cables")
    assert window.records.count_text() == "362 records"
    shown = listed(viewer)
    assert shown["PEREDA'S PLANS"] == "Aug 1, 1978"
    assert shown["PERU COCA SURVEY TEAM VISIT TO BOLIVIA"] == "Jul 31, 1979"
    assert window.messages.text() == (
        "The columns of cable_metadata.csv were recognised by their names. Check them in "
        "File > Spreadsheet Columns…"
    )
    assert window.sheet_columns_action.isEnabled()

    # A row with its scan: the page is painted, the sheet's metadata beside it.
    window.records.set_filter_text("PEREDA'S PLANS")
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        assert window.records.select(window.records.shown_records()[0].id)
        window.show_record(window.records.shown_records()[0])
    assert window.metadata.value("Author") == "AMEMBASSY LA PAZ"
    assert window.metadata.value("Date") == "August 1, 1978"
    assert window.metadata.value("Number") == "1978LAPAZ06107"

    # A row without a file: its metadata, and the scan pane says there is no scan.
    window.records.set_filter_text("PERU COCA")
    with qtbot.waitSignal(window.record_shown):
        window.show_record(window.records.shown_records()[0])
    assert window.scan.notice_text() == "This record has no scan."
    assert window.metadata.value("Recipient") == "AMEMBISSY LIMA"
    assert window.metadata.value("Subjects") == "SNAR; BL; PE; OPIUM; SURVEYS"


def test_columns_confirmed_once_are_used_for_that_sheet_from_then_on(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_sheet(
        qtbot, viewer, corpus / "imports" / "manifest-cables" / "data" / "cable_metadata.csv"
    )
    window.sheet_columns_action.trigger()
    dialog = window.sheet_columns_dialog
    assert isinstance(dialog, SheetColumnsDialog)
    shown = {
        dialog.table.item(row, 0).text(): dialog.table.cellWidget(row, 2).currentText()
        for row in range(dialog.table.rowCount())
    }
    assert shown["cable_subject"] == "Title"
    assert shown["cable_date"] == "Date"
    assert shown["classification"] == "Shown under its own heading"
    dialog.set_field("cable_subject", "summary")
    dialog.set_field("doc_number", "title")
    with qtbot.waitSignal(window.archive_opened, timeout=30000):
        dialog.done(QDialog.DialogCode.Accepted)
    assert "1978LAPAZ06107" in listed(viewer)
    assert window.messages.text() == ""  # confirmed: nothing more to offer

    again = make_viewer()
    open_sheet(qtbot, again, corpus / "imports" / "manifest-cables" / "data" / "cable_metadata.csv")
    assert listed(again)["1978LAPAZ06107"] == "Aug 1, 1978"
    again.window.records.set_filter_text("1978LAPAZ06107")
    with qtbot.waitSignal(again.window.record_shown):
        again.window.show_record(again.window.records.shown_records()[0])
    assert again.window.metadata.value("Summary") == "PEREDA'S PLANS"


@pytest.mark.slow
def test_nara_list_opened_as_it_is_shows_its_ocr_texts(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    pytest.importorskip("openpyxl")
    viewer = make_viewer()
    window = viewer.window
    open_sheet(
        qtbot, viewer, corpus / "records" / "jfk-ocr" / "nara-jfk-release-2022-metadata.xlsx"
    )
    # Over 2,000 records are listed on a thread of their own.
    qtbot.waitUntil(lambda: window.records.count_text() == "13,263 records", timeout=60000)
    assert window.messages.text() == ""  # NARA's preset: no column guessed
    window.records.set_filter_text("ROMAN FEDOROVICH DEDKOV")
    record = window.records.shown_records()[0]
    with qtbot.waitSignal(window.record_shown):
        window.show_record(record)
    assert record.title == "NAME CHECK REQUEST - ROMAN FEDOROVICH DEDKOV"
    assert window.metadata.value("Date") == "April 1, 1962"
    assert window.metadata.value("Author") == "CIA"
    qtbot.waitUntil(lambda: "--- Page 1 ---" in window.transcript.plain_text(), timeout=10000)
    assert "DEDKOV" in window.transcript.plain_text().upper()
    assert window.scan.notice_text() == "This record has no scan."


def test_a_date_the_sheet_words_oddly_is_shown_as_worded(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    (tmp_path / "list.csv").write_text(
        "Title;Date;From\nA note;sometime in spring;WITHHELD\n", encoding="utf-8"
    )
    viewer = make_viewer()
    open_sheet(qtbot, viewer, tmp_path / "list.csv")
    window = viewer.window
    assert listed(viewer) == {"A note": "Undated"}
    qtbot.waitUntil(lambda: window.metadata.value("Title") == "A note")  # the first record
    assert window.metadata.value("Date") == "sometime in spring"
    assert window.metadata.value("Author") == "WITHHELD"
    assert window.scan.notice_text() == "This record has no scan."
