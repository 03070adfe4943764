"""Highlights on a scan page: kept with their page and areas in PDF points, read back after a
restart, carried by the JSON export, and a notes file of schema 3 migrated to hold them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.read_only import read_only_folder
from viewer.domain.notes import NoteStore, Place, RecordKey, TextAnchor, schema, transfer
from viewer.domain.notes import export as notes_export

KEY = RecordKey("Sample archive", "telegram-1949", "/archives/sample/telegram-1949")
AREAS = ((72.0, 100.5, 300.25, 114.0), (72.0, 116.0, 210.0, 130.0))


def test_a_scan_highlight_is_kept_with_its_page_areas_and_words(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    store = NoteStore.open(path)
    made = store.add(
        KEY,
        Place.PAGE,
        scan="telegram.pdf",
        page=1,
        anchor=TextAnchor("Yesterday, 17 May"),
        colour="#90caf9",
        rects=AREAS,
    )
    bookmark = store.add(KEY, Place.PAGE, scan="telegram.pdf", page=1)
    assert made.on_scan and not bookmark.on_scan
    store.close()
    again = NoteStore.open(path)
    kept = [n for n in again.notes_for(KEY) if n.on_scan]
    assert [(n.page, n.scan, n.colour, n.anchor and n.anchor.quote) for n in kept] == [
        (1, "telegram.pdf", "#90caf9", "Yesterday, 17 May")
    ]
    assert kept[0].rects == ((72.0, 100.5, 300.2, 114.0), (72.0, 116.0, 210.0, 130.0))
    markdown = notes_export.note_markdown(kept[0], "")
    assert markdown.startswith("## Highlight on the scan, scan page 2\n\n> Yesterday, 17 May")
    # The export carries the areas to another machine.
    copied = NoteStore.open(tmp_path / "other.sqlite3")
    assert copied.import_notes(transfer.from_json(transfer.to_json(again.all_notes()))) == 2
    assert [n.rects for n in copied.notes_for(KEY) if n.on_scan] == [kept[0].rects]
    copied.close()
    again.close()


def _third_layout_file(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    schema.migrate(connection, target=3)
    connection.execute(
        "INSERT INTO notes(uid, archive, record, path, place, scan, page, text, created, "
        "modified, title) VALUES ('u', 'Sample archive', 'telegram-1949', '', 'page', 's.pdf', "
        "2, 'a bookmark of schema 3', 0, 0, 'Telegram')"
    )
    connection.close()


def test_a_notes_file_of_schema_3_is_migrated_its_notes_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    _third_layout_file(path)
    store = NoteStore.open(path)
    assert not store.read_only
    old = store.notes_for(KEY)
    assert [(n.text, n.page, n.on_scan, n.rects) for n in old] == [
        ("a bookmark of schema 3", 2, False, ())
    ]
    store.add(KEY, Place.PAGE, page=2, rects=AREAS[:1])
    assert [n.on_scan for n in store.notes_for(KEY)] == [False, True]
    store.close()
    connection = sqlite3.connect(path)
    assert schema.version(connection) == schema.SCHEMA_VERSION == 4
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_a_read_only_notes_file_of_schema_3_is_read_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _third_layout_file(folder / "notes.sqlite3")
    with read_only_folder(folder):
        store = NoteStore.open(folder / "notes.sqlite3")
        assert store.read_only
        assert [(n.text, n.rects) for n in store.notes_for(KEY)] == [("a bookmark of schema 3", ())]
        store.close()
