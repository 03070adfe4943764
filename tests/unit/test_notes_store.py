"""The notes file: each change saved at once, notes that follow a moved archive, schema
migrations, a read-only or full data folder, and notes that survive the viewer being killed."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.read_only import read_only_folder
from viewer.domain import notes
from viewer.domain.model import Archive, Record, Scan
from viewer.domain.notes import schema
from viewer.domain.notes.store import NoteStore, Place, RecordKey

REPO = Path(__file__).resolve().parents[2]
KEY = RecordKey("Sample archive", "telegram-1949", "/archives/sample/telegram-1949")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[NoteStore]:
    opened = NoteStore.open(tmp_path / "data" / "notes.sqlite3")
    yield opened
    opened.close()


def test_the_notes_file_is_in_the_data_folder_that_basedir_moves(tmp_path: Path) -> None:
    assert notes.default_path() == tmp_path / "basedir" / "data" / "notes.sqlite3"
    store = NoteStore.open()
    assert store.path.is_file() and not store.read_only
    store.close()


def test_a_note_bookmark_and_highlight_are_read_back_with_their_places_and_tags(
    store: NoteStore,
) -> None:
    anchor = notes.TextAnchor("the railway", "repair of ", " was finished", 120)
    store.add(KEY, Place.PASSAGE, "Cf. the May report", anchor=anchor, colour="#ffe863")
    store.add(KEY, Place.PAGE, "", scan="scan.pdf", page=2, tags=["to check"])
    store.add(KEY, Place.RECORD, "Key source for ch. 3", tags=["Chapter 3", " chapter  3 ", ""])
    shown = store.notes_for(KEY)
    assert [(n.place, n.text, n.tags) for n in shown] == [
        (Place.RECORD, "Key source for ch. 3", ("Chapter 3",)),
        (Place.PAGE, "", ("to check",)),
        (Place.PASSAGE, "Cf. the May report", ()),
    ]
    assert shown[1].page == 2 and shown[1].scan == "scan.pdf"
    assert shown[2].anchor == anchor and shown[2].colour == "#ffe863"
    changed = store.update(shown[0].id, text="Main source", tags=["ch3"])
    assert changed is not None and (changed.text, changed.tags) == ("Main source", ("ch3",))
    store.delete(shown[1].id)
    assert [n.place for n in store.notes_for(KEY)] == [Place.RECORD, Place.PASSAGE]
    assert store.notes_for(RecordKey("Sample archive", "another")) == []


def test_notes_follow_an_archive_whose_folder_moved(tmp_path: Path, store: NoteStore) -> None:
    record = Record(id="r1", title="Telegram", folder=tmp_path / "old" / "r1")
    archive = Archive(root=tmp_path / "old", title="Sample archive", records=(record,))
    store.add(notes.record_key(archive, record), Place.RECORD, "written before the move")
    moved = Record(id="r1", title="Telegram", folder=tmp_path / "usb" / "copy" / "r1")
    moved_archive = Archive(root=tmp_path / "usb" / "copy", title="Sample archive", records=())
    found = store.notes_for(notes.record_key(moved_archive, moved))
    assert [n.text for n in found] == ["written before the move"]
    assert found[0].key.path == str(tmp_path / "old" / "r1")  # where it was seen: a hint


def test_a_pdf_opened_on_its_own_keeps_its_notes_by_its_file_name(tmp_path: Path) -> None:
    here = Record(id="x", title="x", folder=tmp_path, scans=(Scan(tmp_path / "cable.pdf"),))
    there = Record(id="y", title="y", folder=tmp_path / "b", scans=(Scan(tmp_path / "cable.pdf"),))
    assert (
        notes.record_key(None, here).record == notes.record_key(None, there).record == "cable.pdf"
    )


def test_every_note_is_read_through_a_connection_of_its_own_and_found_by_its_words(
    store: NoteStore,
) -> None:
    from viewer.domain.notes import finding
    from viewer.domain.notes import store as notes_store

    store.add(KEY, Place.RECORD, "Mao's conditions", tags=["Korea"])
    other = RecordKey("Another archive", "cable-7", title="Cable from Pyongyang")
    store.add(other, Place.PASSAGE, "Réponse", anchor=notes.TextAnchor("the Kim Il report"))
    every = notes_store.read_every_note(store.path)
    assert [n.text for n in every] == ["Réponse", "Mao's conditions"]
    index = finding.NoteIndex(every)
    assert [n.text for n in index.find("korea")] == ["Mao's conditions"]
    assert [n.text for n in index.find("REPONSE kim")] == ["Réponse"]
    assert [n.text for n in index.find("pyongyang")] == ["Réponse"]
    assert len(index.find("")) == 2
    assert index.find("korea pyongyang") == []


def test_notes_exported_and_imported_elsewhere_twice_arrive_once(tmp_path: Path) -> None:
    from viewer.domain.notes import store as notes_store
    from viewer.domain.notes import transfer

    here = NoteStore.open(tmp_path / "here" / "notes.sqlite3")
    anchor = notes.TextAnchor("the railway", "repair of ", " was", 12)
    here.add(KEY, Place.PASSAGE, "Cf. May", anchor=anchor, colour="#a5d6a7", tags=["rail"])
    here.add(KEY, Place.PAGE, "", scan="scan.pdf", page=3)
    exported = transfer.to_json(notes_store.read_every_note(here.path))
    there = NoteStore.open(tmp_path / "there" / "notes.sqlite3")
    there.add(KEY, Place.RECORD, "written there")
    assert there.import_notes(transfer.from_json(exported)) == 2
    assert there.import_notes(transfer.from_json(exported)) == 0
    arrived = {n.place: n for n in there.notes_for(KEY)}
    assert len(there.notes_for(KEY)) == 3
    assert arrived[Place.PASSAGE].anchor == anchor
    assert (arrived[Place.PASSAGE].tags, arrived[Place.PASSAGE].colour) == (("rail",), "#a5d6a7")
    assert (arrived[Place.PAGE].page, arrived[Place.PAGE].scan) == (3, "scan.pdf")
    # Back to the first machine: nothing doubled.
    back = transfer.to_json(notes_store.read_every_note(there.path))
    assert here.import_notes(transfer.from_json(back)) == 1
    assert len(here.notes_for(KEY)) == 3
    for text in (
        "not json",
        '{"format": "other"}',
        '{"format": "archive-viewer-notes", "version": 1, "notes": [{"record": "r"}]}',
    ):
        with pytest.raises(transfer.NotesFileError):
            transfer.from_json(text)
    here.close()
    there.close()


def test_a_reading_list_keeps_its_records_in_the_readers_order(store: NoteStore) -> None:
    chapter = store.make_list("  Chapter   3 ")
    assert store.make_list("Chapter 3") == chapter
    keys = [RecordKey("Sample", f"r{n}", title=f"Record {n}") for n in range(3)]
    for key in keys:
        assert store.add_to_list(chapter.id, key)
    assert not store.add_to_list(chapter.id, keys[0])  # once
    store.move_in_list(chapter.id, keys[2], -1)
    store.move_in_list(chapter.id, keys[0], -1)  # already first
    assert [k.record for k in store.list_entries(chapter.id)] == ["r0", "r2", "r1"]
    assert store.list_entries(chapter.id)[1].title == "Record 2"
    store.remove_from_list(chapter.id, keys[0])
    assert [k.record for k in store.list_entries(chapter.id)] == ["r2", "r1"]
    store.make_list("Appendix")
    assert [rl.name for rl in store.reading_lists()] == ["Appendix", "Chapter 3"]
    store.delete_list(chapter.id)
    assert [rl.name for rl in store.reading_lists()] == ["Appendix"]


def test_each_change_is_committed_before_the_call_returns(tmp_path: Path, store: NoteStore) -> None:
    store.add(KEY, Place.RECORD, "saved at once")
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT text FROM notes").fetchall() == [("saved at once",)]
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other.close()


def test_an_older_notes_file_is_migrated_in_one_step_per_version(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    calls: list[int] = []

    def second(db: sqlite3.Connection) -> None:
        calls.append(db.total_changes)
        db.execute("ALTER TABLE notes ADD COLUMN lists TEXT NOT NULL DEFAULT ''")

    schema.migrate(connection, target=1)
    assert schema.version(connection) == 1
    connection.execute(
        "INSERT INTO notes(uid, archive, record, path, place, text, created, modified) "
        "VALUES ('u', 'A', 'r', '', 'record', 'kept', 0, 0)"
    )
    target = schema.SCHEMA_VERSION + 1
    schema.migrate(connection, target=target, steps={**schema.MIGRATIONS, target: second})
    assert len(calls) == 1 and schema.version(connection) == target
    assert connection.execute("SELECT text, title, lists FROM notes").fetchall() == [
        ("kept", "", "")
    ]
    connection.close()


def _first_layout_file(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    schema.migrate(connection, target=1)
    connection.execute(
        "INSERT INTO notes(uid, archive, record, path, place, text, created, modified) "
        "VALUES ('u', 'Sample archive', 'telegram-1949', '', 'record', 'from 2026', 0, 0)"
    )
    connection.close()


def test_a_notes_file_of_the_first_layout_is_migrated_and_its_notes_kept(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    _first_layout_file(path)
    store = NoteStore.open(path)
    assert not store.read_only
    assert [(n.text, n.key.title) for n in store.notes_for(KEY)] == [("from 2026", "")]
    store.add(RecordKey("Sample archive", "telegram-1949", title="Telegram"), Place.RECORD, "new")
    assert [n.key.title for n in store.notes_for(KEY)] == ["", "Telegram"]
    store.close()
    connection = sqlite3.connect(path)
    assert schema.version(connection) == schema.SCHEMA_VERSION
    connection.close()


def test_a_read_only_notes_file_of_the_first_layout_is_read_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _first_layout_file(folder / "notes.sqlite3")
    with read_only_folder(folder):
        store = NoteStore.open(folder / "notes.sqlite3")
        assert store.read_only
        assert [n.text for n in store.notes_for(KEY)] == ["from 2026"]
        store.close()


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "notes.sqlite3", isolation_level=None)
    schema.migrate(connection, target=1)

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE notes ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("interrupted")

    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(connection, target=2, steps={**schema.MIGRATIONS, 2: broken})
    assert schema.version(connection) == 1
    columns = [row[1] for row in connection.execute("PRAGMA table_info(notes)")]
    assert "half" not in columns
    connection.close()


def test_a_file_from_a_newer_viewer_is_read_but_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    store = NoteStore.open(path)
    store.add(KEY, Place.RECORD, "from today")
    store.close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.close()
    newer = NoteStore.open(path)
    assert newer.read_only and "newer version of the viewer" in newer.problem
    assert [n.text for n in newer.notes_for(KEY)] == ["from today"]
    with pytest.raises(notes.NotesUnwritableError, match="newer version"):
        newer.add(KEY, Place.RECORD, "lost?")
    newer.close()


def test_a_read_only_data_folder_shows_the_saved_notes_and_says_why_new_ones_are_not(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    store = NoteStore.open(folder / "notes.sqlite3")
    for number in range(3):
        store.add(KEY, Place.RECORD, f"note {number}")
    store.close()
    with read_only_folder(folder):
        kept = NoteStore.open(folder / "notes.sqlite3")
        assert kept.read_only and "cannot be written" in kept.problem
        assert [n.text for n in kept.notes_for(KEY)] == ["note 0", "note 1", "note 2"]
        with pytest.raises(notes.NotesUnwritableError, match="cannot be written"):
            kept.add(KEY, Place.RECORD, "one more")
        kept.close()
    again = NoteStore.open(folder / "notes.sqlite3")
    assert len(again.notes_for(KEY)) == 3 and again.integrity() == "ok"
    again.close()


def test_no_data_folder_at_all_means_no_notes_and_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(notes.NotesUnavailableError, match="cannot be written"):
        NoteStore.open(blocker / "data" / "notes.sqlite3")


def test_a_damaged_notes_file_is_not_used_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    damaged = b"SQLite format 3\x00" + bytes(range(256)) * 16
    path.write_bytes(damaged)
    with pytest.raises(notes.NotesUnavailableError, match="cannot be read"):
        NoteStore.open(path)
    assert path.read_bytes() == damaged


def test_a_full_disk_loses_the_new_note_only_and_says_so(store: NoteStore) -> None:
    for number in range(5):
        store.add(KEY, Place.RECORD, f"kept {number}")
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
    with pytest.raises(notes.NotesUnwritableError, match="no room left on the disk"):
        store.add(KEY, Place.RECORD, "x" * 100_000, tags=[f"t{n}" for n in range(50)])
    assert [n.text for n in store.notes_for(KEY)] == [f"kept {n}" for n in range(5)]
    assert store.integrity() == "ok"
    store._db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    store.add(KEY, Place.RECORD, "after")
    assert len(store.notes_for(KEY)) == 6


_CHILD = """
import sys
from pathlib import Path
from viewer.domain.notes.store import NoteStore, Place, RecordKey
store = NoteStore.open(Path(sys.argv[1]))
run = sys.argv[2]
key = RecordKey("A", "r")
number = 0
while True:
    note = store.add(key, Place.RECORD, f"{run}-{number}", tags=["a", "b", run])
    if number % 3 == 0:
        store.update(note.id, text=f"{run}-{number} edited", tags=["a", "b", run, "edited"])
    print(note.uid, flush=True)
    number += 1
"""


def test_notes_reported_saved_survive_the_viewer_killed_at_any_moment(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    saved: dict[str, str] = {}
    chance = random.Random(15)
    started = time.monotonic()
    for run in range(50):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path), f"run{run}"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # writing has begun
        time.sleep(chance.uniform(0, 0.015))
        child.kill()  # SIGKILL: no clean-up, mid-transaction or not
        child.wait()
        reported = [first.strip(), *(line.strip() for line in child.stdout)]
        child.stdout.close()
        saved.update((uid, f"run{run}") for uid in reported if uid)
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = dict(connection.execute("SELECT uid, id FROM notes"))
        missing = [uid for uid in saved if uid not in rows]
        assert not missing, f"after kill {run + 1}: {len(missing)} notes reported saved are gone"
        tags = {
            uid: {t for (t,) in connection.execute("SELECT tag FROM tags WHERE note = ?", (i,))}
            for uid, i in rows.items()
        }
        connection.close()
        for uid, run_name in saved.items():
            assert {"a", "b", run_name} <= tags[uid]  # a note is saved whole, with its tags
    assert len(saved) > 50
    assert time.monotonic() - started < 30
