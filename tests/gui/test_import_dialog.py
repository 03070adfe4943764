"""File > Import…: the import runs in the background, its report is shown, the archive opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.model import Record
from viewer.services.jobs import Jobs
from viewer.ui.import_dialog import ImportDialog


def _pdf(path: Path, text: str) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


@pytest.fixture
def jobs() -> Iterator[Jobs]:
    jobs = Jobs()
    yield jobs
    jobs.wait()


@pytest.fixture
def dialog(qtbot: QtBot, jobs: Jobs) -> ImportDialog:
    dialog = ImportDialog(jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_shows_the_report_and_opens_the_new_archive(
    qtbot: QtBot, jobs: Jobs, dialog: ImportDialog, tmp_path: Path
) -> None:
    _pdf(tmp_path / "scans" / "letter.pdf", "Letter")
    _pdf(tmp_path / "scans" / "memo.pdf", "Memo")
    dialog.source.setText(str(tmp_path / "scans"))
    dialog.dest.setText(str(tmp_path / "archive"))
    assert not dialog.open_button.isEnabled()
    with qtbot.waitSignal(jobs.import_finished, timeout=20000):
        dialog.import_button.click()
    text = dialog.report.toPlainText()
    assert text.startswith(f"Imported 2 records from {tmp_path / 'scans'} (folder)")
    assert "guessed (marked as inferred): title 2" in text
    assert (tmp_path / "archive" / "records" / "letter" / "record.toml").is_file()
    assert dialog.progress.isHidden()
    with qtbot.waitSignal(dialog.archive_chosen) as opened:
        dialog.open_button.click()
    assert opened.args == [tmp_path / "archive"]


def test_a_bad_source_says_what_and_where_and_writes_nothing(
    qtbot: QtBot, jobs: Jobs, dialog: ImportDialog, tmp_path: Path
) -> None:
    export = tmp_path / "export.json"
    export.write_text('[{"id": "a", "type": "manuscript", "title": "A"}', encoding="utf-8")
    dialog.source.setText(str(export))
    dialog.dest.setText(str(tmp_path / "archive"))
    with qtbot.waitSignal(jobs.import_failed, timeout=20000):
        dialog.import_button.click()
    text = dialog.report.toPlainText()
    assert text.startswith("Nothing was imported: ")
    assert f"{export}: is not valid JSON at line 1, column" in text
    assert not (tmp_path / "archive").exists()
    assert not dialog.open_button.isEnabled()
    assert dialog.import_button.isEnabled()


def test_file_menu_import_opens_the_dialog_and_the_archive_it_wrote(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _pdf(tmp_path / "scans" / "letter.pdf", "Letter")
    viewer = Viewer()
    qtbot.addWidget(viewer.window)
    try:
        viewer.window.show()
        action = viewer.window.findChild(type(viewer.window.open_action), "import")
        assert action is not None and action.text() == "&Import…"
        action.trigger()
        dialog = viewer.window.findChild(ImportDialog)
        assert dialog is not None and dialog.isVisible()
        dialog.source.setText(str(tmp_path / "scans"))
        dialog.dest.setText(str(tmp_path / "archive"))
        with qtbot.waitSignal(viewer.jobs.import_finished, timeout=20000):
            dialog.import_button.click()
        with qtbot.waitSignal(viewer.jobs.archive_loaded, timeout=20000) as loaded:
            dialog.open_button.click()
        archive = loaded.args[1]
        assert archive.root == (tmp_path / "archive").resolve()
        assert [r.title for r in archive.records if isinstance(r, Record)] == ["letter"]
    finally:
        viewer.window.close()
        viewer.shutdown()
