"""Opening an archive again: records unchanged since the last reading come from the user's cache,
changed ones are read again."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from viewer.domain import archive, catalogue, folder_check, model, record_files, record_reader
from viewer.domain.model import Record

PAST = 1_600_000_000  # a time well before any reading, so the records are settled


def make(root: Path, count: int = 3) -> Path:
    for number in range(count):
        folder = root / "records" / f"r{number}"
        folder.mkdir(parents=True)
        write(folder / "record.toml", f'id = "r{number}"\ntitle = "Record {number}"\n')
        os.utime(folder, (PAST, PAST))
    return root


def write(file: Path, text: str, when: int = PAST) -> None:
    file.write_text(text, encoding="utf-8")
    os.utime(file, (when, when))


def titles(root: Path, cache: Path) -> list[str]:
    return [r.title for r in archive.load_archive(root, catalogues=cache).records]


def test_an_unchanged_record_comes_from_the_catalogue(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    assert titles(root, cache) == ["Record 0", "Record 1", "Record 2"]
    # Same size, same time: the stamp says the record is as it was, so it is not read again.
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Recxrd 1"\n')
    os.utime(root / "records" / "r1", (PAST, PAST))
    assert titles(root, cache) == ["Record 0", "Record 1", "Record 2"]


def test_a_changed_record_is_read_again(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    assert titles(root, cache) == ["Record 0", "Edited", "Record 2"]


def test_a_transcript_added_beside_a_record_is_found(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    archive.load_archive(root, catalogues=cache)
    (root / "records" / "r2" / "transcript.en.txt").write_text("Text.", encoding="utf-8")
    loaded = archive.load_archive(root, catalogues=cache)
    record = loaded.records[2]
    assert isinstance(record, Record)
    assert [t.path.name for t in record.transcripts] == ["transcript.en.txt"]
    assert record.transcripts[0].path == root.resolve() / "records" / "r2" / "transcript.en.txt"


def test_a_record_changed_just_before_the_reading_is_not_kept(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    file = root / "records" / "r0" / "record.toml"
    file.write_text('id = "r0"\ntitle = "Fresh 0"\n', encoding="utf-8")
    assert titles(root, cache)[0] == "Fresh 0"
    # Edited again within the same tick of a coarse clock: same size, same time.
    stamp = file.stat()
    file.write_text('id = "r0"\ntitle = "Again 0"\n', encoding="utf-8")
    os.utime(file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert titles(root, cache)[0] == "Again 0"


def test_a_removed_record_is_gone_and_a_new_one_is_there(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    for file in (root / "records" / "r0").iterdir():
        file.unlink()
    (root / "records" / "r0").rmdir()
    folder = root / "records" / "r9"
    folder.mkdir()
    write(folder / "record.toml", 'id = "r9"\ntitle = "Record 9"\n')
    assert titles(root, cache) == ["Record 1", "Record 2", "Record 9"]


def test_a_damaged_catalogue_is_read_past(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    (file,) = cache.iterdir()
    file.write_bytes(file.read_bytes()[:40] + b"\x00garbage")
    assert titles(root, cache) == ["Record 0", "Record 1", "Record 2"]


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    root = make(tmp_path / "a")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert titles(root, blocked / "cache") == ["Record 0", "Record 1", "Record 2"]


def test_many_records_are_read_ahead_in_order_with_their_problems(tmp_path: Path) -> None:
    root = tmp_path / "a"
    count = catalogue.READ_AHEAD * 3 + 5
    make(root, count)
    write(root / "records" / "r7" / "record.toml", 'id = "r7"\ntitle = ')  # not TOML
    loaded = archive.load_archive(root, catalogues=tmp_path / "cache")
    assert [r.folder.name for r in loaded.records] == sorted(f"r{n}" for n in range(count))
    broken = [r for r in loaded.records if not isinstance(r, Record)]
    assert [r.folder.name for r in broken] == ["r7"]
    assert "not valid TOML" in broken[0].reason


def test_every_field_of_a_record_comes_back_as_it_was_read(tmp_path: Path) -> None:
    root = make(tmp_path / "a", 2 * 2_000 + 1)  # over two pickles of the catalogue's file
    folder = root / "records" / "r4000"
    write(
        folder / "record.toml",
        'id = "r4000"\ntitle = "Full"\ndate = "1949-05-18/1950"\nsummary = ""\n'
        'creators = ["Family, Given", "A body"]\nlanguages = ["ru"]\ninferred = ["date"]\n'
        'extra = {note = "kept"}\n[source]\narchive = "AP RF"\nlocation = "F. 3"\n',
    )
    write(folder / "transcript.ru.md", "Текст")
    write(folder / "scan.pdf", "%PDF-1.4")
    os.utime(folder, (PAST, PAST))
    first = archive.load_archive(root, catalogues=tmp_path / "cache")
    file = folder / "record.toml"
    write(file, file.read_text(encoding="utf-8").replace("Full", "Fake"))  # same size and time
    again = archive.load_archive(root, catalogues=tmp_path / "cache")
    assert again.records == first.records
    record = again.find("r4000")
    assert isinstance(record, Record)
    assert record.title == "Full"
    assert [t.path.name for t in record.transcripts] == ["transcript.ru.md"]
    assert [s.path.name for s in record.scans] == ["scan.pdf"]


def test_a_broken_record_does_not_rewrite_the_catalogue_at_every_opening(tmp_path: Path) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = ')  # not TOML
    titles(root, cache)
    (file,) = cache.iterdir()
    written = file.stat().st_mtime_ns
    os.utime(file, ns=(written - 10**9, written - 10**9))
    assert titles(root, cache) == ["Record 0", "r1", "Record 2"]
    assert file.stat().st_mtime_ns == written - 10**9


def test_records_from_the_catalogue_are_small(tmp_path: Path) -> None:
    # 100,000 records must fit in the window's memory: a record keeps its fields in slots, not
    # in a dictionary of its own, and the values it does not set (an empty source) are shared.
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    archive.load_archive(root, catalogues=cache)
    again = archive.load_archive(root, catalogues=cache).records
    assert all(isinstance(r, Record) and not hasattr(r, "__dict__") for r in again)
    first, second = again[0], again[1]
    assert isinstance(first, Record) and isinstance(second, Record)
    assert first.source is second.source


def test_a_record_without_a_required_field_is_read_again(tmp_path: Path) -> None:
    frozen = [0, "id", "r0", "folder", {0: ""}]  # no title: not a record this viewer wrote
    with pytest.raises(TypeError):
        catalogue._thaw(frozen, tmp_path / "r0")


def test_records_listed_early_are_kept_when_the_catalogue_is_written_again(tmp_path: Path) -> None:
    # Listed from the catalogue first (its plain values are let go as the records are made),
    # then one record changed on disk: the catalogue is written again with every record.
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    early: list[list[str]] = []
    read = archive.load_archive(
        root, catalogues=cache, early=lambda a: early.append([r.title for r in a.records])
    )
    assert early == [["Record 0", "Record 1", "Record 2"]]
    assert [r.title for r in read.records] == ["Record 0", "Edited", "Record 2"]
    # Same size, same time: r0 comes from the catalogue written by that reading.
    write(root / "records" / "r0" / "record.toml", 'id = "r0"\ntitle = "Recxrd 0"\n')
    os.utime(root / "records" / "r0", (PAST, PAST))
    assert titles(root, cache) == ["Record 0", "Edited", "Record 2"]


def test_record_folders_are_kept_from_the_cycle_collector_as_they_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its passes over 100,000 folders' paths would stop the window while the archive is read.
    root = make(tmp_path / "a", 6)
    frozen: list[int] = []
    monkeypatch.setattr(archive, "FREEZE_EVERY", 2)
    monkeypatch.setattr(archive.gc, "freeze", lambda: frozen.append(1))
    assert len(archive._record_folders(root)) == 6
    assert len(frozen) == 3


def early_and_read(root: Path, cache: Path) -> tuple[list[str], list[str]]:
    early: list[list[str]] = []
    read = archive.load_archive(
        root, catalogues=cache, early=lambda a: early.append([r.title for r in a.records])
    )
    return early[0], [r.title for r in read.records]


def test_an_archive_opened_again_is_checked_against_the_disk_in_a_child_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Looking at 100,000 folders on threads of the window's process holds its interpreter lock
    # turn after turn; the window's process looks at none of them when the child can tell.
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    monkeypatch.setattr(folder_check, "CHILD_FROM_BYTES", 1)

    def looked_at_here(folder: Path) -> catalogue.Stamp | None:
        raise AssertionError(f"{folder} looked at in the window's process")

    real_stamp, real_folders = catalogue.stamp, archive.iter_record_folders

    monkeypatch.setattr(catalogue, "stamp", looked_at_here)
    monkeypatch.setattr(archive, "iter_record_folders", looked_at_here)
    assert early_and_read(root, cache) == (["Record 0", "Record 1", "Record 2"],) * 2
    monkeypatch.setattr(catalogue, "stamp", real_stamp)
    monkeypatch.setattr(archive, "iter_record_folders", real_folders)
    # An edit and a new record folder: the child names them, and only they are read again.
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    (root / "records" / "r3").mkdir()
    write(root / "records" / "r3" / "record.toml", 'id = "r3"\ntitle = "Record 3"\n')
    monkeypatch.setattr(catalogue, "stamp", looked_at_here)
    monkeypatch.setattr(archive, "iter_record_folders", looked_at_here)
    assert early_and_read(root, cache) == (
        ["Record 0", "Record 1", "Record 2"],
        ["Record 0", "Edited", "Record 2", "Record 3"],
    )


def test_the_folder_check_says_same_only_for_the_catalogue_s_folders_and_stamps(
    tmp_path: Path,
) -> None:
    root, cache = make(tmp_path / "a").resolve(), tmp_path / "cache"
    titles(root, cache)
    (file,) = cache.iterdir()

    def answer() -> object:
        sink = io.BytesIO()
        folder_check.check(root, file, sink)
        return folder_check._answer(sink.getvalue())

    assert answer() is True
    os.utime(root / "records" / "r2", (PAST + 5, PAST + 5))  # a file added or removed in it
    found = answer()
    assert not isinstance(found, bool) and found is not None
    names = [(Path(name).name, stamp is not None) for chunk in found for name, stamp in chunk]
    assert names == [("r0", True), ("r1", True), ("r2", True)]
    assert folder_check._answer(b"not a pickle") is None  # looked at in the window's process


def test_a_folder_check_that_cannot_run_leaves_the_check_to_the_window_s_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    monkeypatch.setattr(folder_check, "CHILD_FROM_BYTES", 1)
    monkeypatch.setattr(folder_check.sys, "executable", str(tmp_path / "no-python"))
    assert early_and_read(root, cache)[1] == ["Record 0", "Edited", "Record 2"]


def test_a_small_catalogue_is_checked_without_a_child_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = make(tmp_path / "a"), tmp_path / "cache"
    titles(root, cache)
    (file,) = cache.iterdir()
    assert not folder_check.worth_a_child(file)
    monkeypatch.setattr(folder_check, "CHILD_FROM_BYTES", file.stat().st_size)
    assert folder_check.worth_a_child(file)


def test_a_large_archive_read_for_the_first_time_is_read_in_a_child_past_its_first_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 100,000 record folders read on threads of the window's process held its interpreter lock
    # turn after turn (and left it ~150 MB larger): a child reads all but the first records.
    root, cache = make(tmp_path / "a", 8), tmp_path / "cache"
    write(root / "records" / "r6" / "record.toml", 'id = "r6"\ntitle = \n')  # cannot be read
    write(root / "records" / "r7" / "transcript.en.txt", "Text.")
    os.utime(root / "records" / "r7", (PAST, PAST))
    expected = archive.load_archive(root).records
    monkeypatch.setattr(record_reader, "CHILD_FROM", 4)
    monkeypatch.setattr(archive, "EARLY_RECORDS", 2)
    fetched: list[str] = []
    real_fetch = record_files.fetch

    def fetch_here(folder: Path) -> record_files.Fetched:
        fetched.append(folder.name)
        return real_fetch(folder)

    monkeypatch.setattr(record_files, "fetch", fetch_here)
    early: list[int] = []
    read = archive.load_archive(root, catalogues=cache, early=lambda a: early.append(1))
    assert read.records == expected
    assert fetched == ["r0", "r1"]  # the rest were read by the child
    assert isinstance(read.records[6], model.BrokenRecord)
    assert read.records[6].reason.startswith("not valid TOML")
    # The catalogue holds what both readings kept: opened again, nothing is read.
    fetched.clear()
    again = archive.load_archive(root, catalogues=cache, early=lambda a: early.append(2))
    assert again.records == expected
    assert fetched == ["r6"]  # a record that cannot be read is never kept
    assert not list(cache.glob("*.part"))


def test_a_child_that_cannot_read_leaves_the_records_to_the_window_s_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache = make(tmp_path / "a", 6), tmp_path / "cache"
    expected = archive.load_archive(root).records
    monkeypatch.setattr(record_reader, "CHILD_FROM", 4)
    monkeypatch.setattr(archive, "EARLY_RECORDS", 2)
    monkeypatch.setattr(record_reader.sys, "executable", str(tmp_path / "no-python"))
    read = archive.load_archive(root, catalogues=cache, early=lambda a: None)
    assert read.records == expected
    # What the window's process read in the first place is kept; the rest is read again later.
    kept = catalogue.Catalogue(cache, root.resolve())
    kept.load()
    assert [r.id for r in kept.records()] == ["r0", "r1"]


def test_a_record_reader_whose_window_closed_ends_without_a_word(tmp_path: Path) -> None:
    import pickle
    import subprocess
    import sys

    root = make(tmp_path / "a").resolve()
    folders = [str(f) for f in archive.iter_record_folders(root)]
    child = subprocess.Popen(
        [sys.executable, "-m", "viewer.domain.record_reader", str(root), str(tmp_path / "c")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the window is gone before the first record
    child.stdin.write(pickle.dumps(folders))
    child.stdin.close()
    assert child.wait(60) == 0
    with child.stderr:
        assert child.stderr.read() == b""
