"""The reader's notes in the window: a note on the record, a highlight painted on its passage,
a bookmark, a transcript corrected under a highlight, the Markdown export, and no notes at all in
a kiosk or when they cannot be kept."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.read_only import read_only_folder
from viewer.app import Viewer
from viewer.domain import notes
from viewer.ui import actions
from viewer.ui.notes_feature import NotesFeature

PASSAGE = "Mao Zedong asked me to inform you of the following"


@pytest.fixture
def archive(samples: Path, tmp_path: Path) -> Path:
    """A copy of the sample archive (its transcript is corrected by a test)."""
    copy = tmp_path / "archive"
    shutil.copytree(samples, copy)
    return copy


def _open(qtbot: QtBot, viewer: Viewer, path: Path) -> NotesFeature:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)
    transcript = viewer.window.transcript
    qtbot.waitUntil(lambda: "Yesterday, 17 May" in transcript.plain_text(), timeout=10000)
    qtbot.waitUntil(lambda: viewer.window.later.notes_feature is not None, timeout=10000)
    feature = viewer.window.later.notes_feature
    assert feature is not None
    return feature


def _select(viewer: Viewer, text: str) -> None:
    browser = viewer.window.transcript.browser()
    start = browser.toPlainText().index(text)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(text), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def _background_at(viewer: Viewer, text: str) -> str:
    """The background colour of the middle of `text` in the transcript ("" when none)."""
    browser = viewer.window.transcript.browser()
    middle = browser.toPlainText().index(text) + len(text) // 2
    cursor = QTextCursor(browser.document())
    cursor.setPosition(middle)
    brush = cursor.charFormat().background()
    return brush.color().name() if brush.style().value else ""


def test_a_note_on_the_record_is_listed_and_kept_for_the_next_start(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    assert feature.panel.texts() == []
    assert feature.panel.status() == "No notes on this record yet."
    viewer.window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Key source for chapter 3.")
    feature.dialog.tags_edit.setText("chapter 3, Korea")
    feature.dialog.accept()
    assert feature.panel.texts() == ["On the record\nKey source for chapter 3.\n#chapter 3 #Korea"]
    assert viewer.window.notes_dock.isVisible()
    viewer.window.close()
    again = make_viewer()
    assert _open(qtbot, again, archive).panel.texts() == [
        "On the record\nKey source for chapter 3.\n#chapter 3 #Korea"
    ]


def test_a_highlighted_passage_is_painted_listed_and_shown_when_its_note_is_clicked(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    feature.set_colour("#a5d6a7")
    _select(viewer, PASSAGE)
    viewer.window.commands["note_passage"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Who else was there?")
    feature.dialog.accept()
    assert _background_at(viewer, PASSAGE) == "#a5d6a7"
    assert _background_at(viewer, "Yesterday, 17 May") == ""
    assert feature.panel.texts() == [f"“{PASSAGE}”\nWho else was there?"]
    browser = viewer.window.transcript.browser()
    browser.moveCursor(QTextCursor.MoveOperation.End)
    feature.panel.select_note(feature.notes()[0].id)
    feature.panel.note_activated.emit(feature.panel.current_note_id())
    assert browser.textCursor().selectedText() == PASSAGE
    # Deleted: the text is as it was.
    feature.panel.delete_button.click()
    assert feature.panel.texts() == []
    assert _background_at(viewer, PASSAGE) == ""


def test_a_highlight_further_down_is_painted_when_the_text_is_scrolled_to_it(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    _open(qtbot, viewer, archive)
    last = "Liu Shaoqi, Zhou Enlai, Dong Biwu, Chen Yun, and Bo Yibo"
    _select(viewer, last)
    viewer.window.commands["highlight"].trigger()
    assert _background_at(viewer, last) == "#fff176"
    viewer.window.close()
    again = make_viewer()
    again.window.resize(900, 420)
    again.window.transcript.set_point_size(16)
    _open(qtbot, again, archive)
    assert _background_at(again, last) == ""  # three screens further: not painted yet
    bar = again.window.transcript.browser().verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: _background_at(again, last) == "#fff176", timeout=5000)


def test_a_full_disk_keeps_the_notes_saved_and_puts_the_new_note_on_the_clipboard(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    viewer.window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Saved before.")
    feature.dialog.accept()
    database = feature._store._db  # the disk is full from here on
    database.execute(
        f"PRAGMA max_page_count = {database.execute('PRAGMA page_count').fetchone()[0]}"
    )
    long_note = "A long note. " * 5000
    viewer.window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText(long_note)
    feature.dialog.accept()
    told = viewer.window.messages.text()
    assert told.startswith("This note could not be saved: there is no room left on the disk")
    assert told.endswith("Its words are on the clipboard; the notes saved before are kept.")
    assert QGuiApplication.clipboard().text() == long_note
    assert feature.panel.texts() == ["On the record\nSaved before."]


def test_all_notes_are_listed_found_by_their_words_and_opened_in_their_place(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    window = viewer.window
    _select(viewer, PASSAGE)
    window.commands["note_passage"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Who else was there?")
    feature.dialog.tags_edit.setText("Korea")
    feature.dialog.accept()
    specimen = window.find_record("specimen-bilingual")
    assert specimen is not None
    window.show_record(specimen)
    qtbot.waitUntil(lambda: SPECIMEN_PASSAGE in window.transcript.plain_text(), timeout=10000)
    window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("For the method chapter.")
    feature.dialog.accept()
    window.commands["all_notes"].trigger()
    qtbot.waitUntil(lambda: feature.all_notes is not None, timeout=5000)
    dialog = feature.all_notes
    assert dialog.texts() == [
        "Archive Viewer sample archive · Telegram from the leader of the group of Soviet "
        "specialists in Northeast China to the Chairman of the USSR Council of Ministers about "
        f"the results of the Chinese-Korean talks on military cooperation\n“{PASSAGE}”\n"
        "Who else was there?\n#Korea",
        "Archive Viewer sample archive · Specimen: a note for readers of this archive\n"
        "On the record\nFor the method chapter.",
    ]
    assert dialog.count_text() == "2 of 2 notes"
    dialog.search_edit.setText("korea who")
    assert dialog.count_text() == "1 of 2 notes"
    dialog.choose(0)
    qtbot.waitUntil(lambda: window.transcript.browser().textCursor().selectedText() == PASSAGE)
    assert window.current_record().id == "1949-05-18-telegram"


def test_notes_exported_from_one_machine_are_imported_on_another_once(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    _select(viewer, PASSAGE)
    viewer.window.commands["note_passage"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Who else was there?")
    feature.dialog.accept()
    exported = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    viewer.window.commands["export_all_notes"].trigger()
    qtbot.waitUntil(exported.is_file, timeout=5000)
    qtbot.waitUntil(lambda: "exported to mine.json" in viewer.window.messages.text())
    assert viewer.window.messages.text() == "All your notes (1) exported to mine.json"
    viewer.window.close()
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(tmp_path / "another-machine"))
    other = make_viewer()
    feature = _open(qtbot, other, archive)
    assert feature.panel.texts() == []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    for told in ("1 new, 0 here already", "0 new, 1 here already"):
        other.window.commands["import_notes"].trigger()
        assert other.window.messages.text() == f"Notes imported from mine.json: {told}"
        assert feature.panel.texts() == [f"“{PASSAGE}”\nWho else was there?"]
    assert _background_at(other, PASSAGE) == "#fff176"


def test_a_reading_list_keeps_records_in_order_opens_them_and_is_exported(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QInputDialog

    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    window = viewer.window
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Chapter 3", True))
    window.commands["add_to_reading_list"].trigger()
    assert window.messages.text() == "Added to the reading list “Chapter 3”"
    window.commands["bookmark"].trigger()
    specimen = window.find_record("specimen-bilingual")
    assert specimen is not None
    window.show_record(specimen)
    qtbot.waitUntil(lambda: SPECIMEN_PASSAGE in window.transcript.plain_text(), timeout=10000)
    window.commands["add_to_reading_list"].trigger()
    lists = feature.reading_lists.panel
    assert feature.tabs.currentWidget() is lists
    assert lists.choice.currentText() == "Chapter 3"
    telegram = window.find_record("1949-05-18-telegram")
    assert telegram is not None
    assert lists.texts() == [
        f"{telegram.title}\nArchive Viewer sample archive",
        "Specimen: a note for readers of this archive\nArchive Viewer sample archive",
    ]
    lists.view.setCurrentIndex(lists.view.model().index(1, 0))
    lists.move_requested.emit(1, -1)
    assert lists.texts()[0].startswith("Specimen: a note")
    target = tmp_path / "chapter-3.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    lists.export_requested.emit()
    citation = window.display.citation_text
    assert target.read_text(encoding="utf-8") == (
        "# Reading list: Chapter 3\n\n"
        "## 1. Specimen: a note for readers of this archive\n\n"
        f"{citation(specimen)}\n\n"
        f"## 2. {telegram.title}\n\n"
        f"{citation(telegram)}\n\n"
        "### Bookmark, scan page 1\n\n"
        f"— {citation(telegram)} Scan page 1.\n"
    )
    ris = tmp_path / "chapter-3.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(ris), ""))
    exports = {a.objectName(): a for a in lists.export_menu.actions()}
    exports["export_ris"].trigger()
    text = ris.read_text(encoding="utf-8")
    assert text.index("Specimen: a note for readers") < text.index("Telegram from the leader")
    assert window.messages.text() == "Exported 2 records as RIS to chapter-3.ris"
    lists.entry_activated.emit(1)
    qtbot.waitUntil(lambda: window.current_record() is telegram, timeout=5000)


def test_a_bookmark_lists_its_page_and_takes_the_scan_there(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    scan = viewer.window.scan
    qtbot.waitUntil(lambda: scan.page_count() > 1, timeout=10000)
    scan.go_to_page(1)
    qtbot.waitUntil(lambda: scan.current_page() == 1, timeout=5000)
    viewer.window.commands["bookmark"].trigger()
    assert feature.panel.texts() == ["Bookmark, scan page 2"]
    assert viewer.window.messages.text() == "Scan page 2 bookmarked"
    scan.go_to_page(0)
    qtbot.waitUntil(lambda: scan.current_page() == 0, timeout=5000)
    feature.panel.select_note(feature.notes()[0].id)
    feature.panel.note_activated.emit(feature.panel.current_note_id())
    qtbot.waitUntil(lambda: scan.current_page() == 1, timeout=5000)


def test_a_bookmark_on_a_records_second_scan_takes_the_reader_to_that_scan_and_page(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    telegram = archive / "records" / "1949-05-18-telegram"
    shutil.copy(telegram / "scan.pdf", telegram / "copy.pdf")
    with (telegram / "record.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[[scans]]\nfile = "copy.pdf"\nlabel = "Second copy"\n')
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    scan = viewer.window.scan
    with qtbot.waitSignal(scan.document_opened, timeout=10000):
        scan.scan_switch.setCurrentIndex(1)
    qtbot.waitUntil(lambda: scan.page_count() > 2, timeout=10000)
    scan.go_to_page(2)
    qtbot.waitUntil(lambda: scan.current_page() == 2, timeout=5000)
    viewer.window.commands["bookmark"].trigger()
    assert feature.notes()[0].scan == "copy.pdf"
    with qtbot.waitSignal(scan.document_opened, timeout=10000):
        scan.scan_switch.setCurrentIndex(0)
    feature.panel.select_note(feature.notes()[0].id)
    feature.panel.note_activated.emit(feature.panel.current_note_id())
    qtbot.waitUntil(lambda: scan.current_scan() == 1 and scan.current_page() == 2, timeout=10000)


def test_a_highlight_follows_its_passage_into_a_corrected_transcript_or_says_it_is_gone(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    _select(viewer, PASSAGE)
    viewer.window.commands["highlight"].trigger()
    _select(viewer, "the Chief of the Political Directorate of the Korean Army")
    viewer.window.commands["highlight"].trigger()
    viewer.window.close()
    transcript = archive / "records" / "1949-05-18-telegram" / "transcript.en.html"
    text = transcript.read_text(encoding="utf-8")
    text = text.replace("<p>Nº 54611</p>", "<p>Nº 54611</p><p>[Editor: a line added.]</p>")
    text = text.replace("asked me to inform", "asked me to tell")
    text = text.replace("the Chief of the Political Directorate of the Korean Army", "a general")
    transcript.write_text(text, encoding="utf-8")
    again = make_viewer()
    feature = _open(qtbot, again, archive)
    assert _background_at(again, "Mao Zedong asked me to tell you of the following") == "#fff176"
    assert feature.panel.texts() == [
        "“Mao Zedong asked me to inform you of the following”",
        "“the Chief of the Political Directorate of the Korean Army” — place not found",
    ]


def test_the_notes_of_a_record_are_exported_as_markdown_with_their_citation(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    window = viewer.window
    specimen = window.find_record("specimen-bilingual")
    assert specimen is not None
    window.show_record(specimen)
    qtbot.waitUntil(lambda: SPECIMEN_PASSAGE in window.transcript.plain_text(), timeout=10000)
    qtbot.waitUntil(lambda: window.scan.page_texts() is not None, timeout=10000)
    window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Read *first*.")
    feature.dialog.tags_edit.setText("method")
    feature.dialog.accept()
    _select(viewer, SPECIMEN_PASSAGE)
    assert feature.highlight() is not None
    qtbot.waitUntil(lambda: feature.notes()[-1].page is not None, timeout=10000)
    window.on_cite_style_chosen("chicago-note")
    target = tmp_path / "notes.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.commands["export_notes"].trigger()
    assert target.read_text(encoding="utf-8") == EXPORTED
    assert window.messages.text() == "Notes exported to notes.md"


SPECIMEN_PASSAGE = "The transcript is text you can search, select and copy"
CHICAGO = (
    "Archive Viewer “Specimen: A Note for Readers of This Archive,” to Readers of this archive, "
    "November 27, 2026."
)
EXPORTED = (
    "# Notes on Specimen: a note for readers of this archive\n"
    "\n"
    "## The record\n"
    "\n"
    "Read *first*.\n"
    "\n"
    "Tags: method\n"
    "\n"
    f"— {CHICAGO}\n"
    "\n"
    "## Passage, scan page 1\n"
    "\n"
    "> The transcript is text you can search, select and copy\n"
    "\n"
    f"— {CHICAGO} Scan page 1.\n"
)


def test_a_kiosk_offers_no_notes_and_keeps_none(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    note_commands = {"note_record", "note_passage", "highlight", "bookmark", "export_notes"}
    for citation in (False, True):
        for search in (False, True):
            allowed = actions.kiosk_allowed(citation=citation, search=search)
            assert not (note_commands | {"notes_panel"}) & allowed
    viewer = Viewer(notes=False)
    qtbot.addWidget(viewer.window)
    viewer.window.show()
    try:
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
            viewer.window.open_path(archive)
        qtbot.wait(200)
        viewer.window.commands["bookmark"].trigger()
        assert viewer.window.later.notes_feature_made() is None
        assert not viewer.window.notes_dock.isVisible()
        assert not viewer.window.notes_menu.menuAction().isVisible()
        assert not notes.default_path().exists()
    finally:
        viewer.window.close()
        viewer.shutdown()


def test_a_read_only_data_folder_shows_the_notes_saved_and_says_new_ones_are_not(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    viewer.window.commands["note_record"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("Saved before.")
    feature.dialog.accept()
    viewer.window.close()
    with read_only_folder(notes.default_path().parent):
        again = make_viewer()
        feature = _open(qtbot, again, archive)
        assert feature.panel.texts() == ["On the record\nSaved before."]
        told = again.window.messages.text()
        assert told.startswith("Notes cannot be saved: ") and "cannot be written" in told
        assert told.endswith("The notes saved before are kept and shown.")
        assert not feature.panel.add_button.isEnabled()
        again.window.commands["bookmark"].trigger()
        assert feature.panel.texts() == ["On the record\nSaved before."]
        again.window.close()


def test_no_data_folder_at_all_turns_notes_off_and_the_viewer_works(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(blocker / "base"))
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(archive)
    qtbot.waitUntil(
        lambda: any(m.text.startswith("Notes are off") for m in viewer.window.messages.history),
        timeout=10000,
    )
    assert viewer.window.later.notes_feature is None
    viewer.window.commands["bookmark"].trigger()  # nothing happens, nothing breaks
    viewer.window.commands["next_record"].trigger()
    qtbot.waitUntil(lambda: "Specimen" in viewer.window.windowTitle(), timeout=5000)


def test_a_record_without_a_scan_has_its_notes_panel_and_ctrl_enter_saves_a_note(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    for pdf in (archive / "records").glob("*/*.pdf"):
        pdf.unlink()
    for toml in (archive / "records").glob("*/record.toml"):
        text = toml.read_text(encoding="utf-8")
        toml.write_text(text.split("[[scans]]")[0], encoding="utf-8")
    viewer = make_viewer()
    viewer.window.open_path(archive)
    qtbot.waitUntil(lambda: viewer.window.later.notes_feature is not None, timeout=10000)
    feature = viewer.window.later.notes_feature
    assert viewer.window.notes_dock.widget() is feature.tabs
    viewer.window.commands["note_record"].trigger()
    assert feature.dialog is not None
    dialog = feature.dialog
    qtbot.keyClicks(dialog.text_edit, "First line")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.text_edit, "second line")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert feature.panel.texts() == ["On the record\nFirst line\nsecond line"]
