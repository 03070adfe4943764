"""Indexing and searching on worker threads, reported through Qt signals."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from viewer.domain import archive as loader
from viewer.domain import search
from viewer.services import index_keeper, indexer


def make_archive(root: Path, count: int = 3) -> Path:
    """An archive of `count` records, each with a word of its own ("number1")."""
    for number in range(count):
        folder = root / f"rec-{number}"
        folder.mkdir(parents=True)
        (folder / "record.toml").write_text(
            f'id = "rec-{number}"\ntitle = "Record {number}"\n', encoding="utf-8"
        )
        (folder / "transcript.en.txt").write_text(f"Body text number{number}.", encoding="utf-8")
    return root


def test_index_job_reports_progress_and_stats(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    job = indexer.IndexJob(archive)
    progress: list[tuple[int, int]] = []
    job.progress_changed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(job.index_finished, timeout=10_000) as finished:
        job.start()
    assert job.wait(5_000)
    stats = finished.args[0]
    assert isinstance(stats, search.IndexStats)
    assert (stats.added, stats.read_only) == (3, False)
    assert stats.path == search.cache_index_path(archive.root)
    assert progress == [(0, 3), (3, 3)]


def test_index_job_failure_arrives_as_message(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    job = indexer.IndexJob(archive, cache_dir=blocker)
    with qtbot.waitSignal(job.index_failed, timeout=10_000) as failed:
        job.start()
    assert job.wait(5_000)
    assert "not-a-dir" in failed.args[0]


def test_index_job_runs_text_layer_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    root = make_archive(tmp_path / "archive", count=1)
    (root / "rec-0" / "scan.pdf").write_bytes(b"%PDF stand-in")
    threads: list[threading.Thread] = []

    def text_layer(path: Path) -> list[str]:
        threads.append(threading.current_thread())
        return ["stamped page"]

    job = indexer.IndexJob(loader.load_archive(root), text_layer=text_layer)
    with qtbot.waitSignal(job.index_finished, timeout=10_000):
        job.start()
    assert job.wait(5_000)
    assert threads and threads[0] is not threading.main_thread()


def test_search_service_answers_on_signal(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        index.update(archive)
    service = indexer.SearchService()
    try:
        service.open(location)
        with qtbot.waitSignal(service.search_finished, timeout=10_000) as finished:
            query_id = service.search("number1")
        found_id, results = finished.args
        assert found_id == query_id
        assert [hit.record_id for hit in results.hits] == ["rec-1"]
    finally:
        assert service.shut_down()


def test_search_service_drops_replaced_queries(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        index.update(archive)
    service = indexer.SearchService()
    answered: list[int] = []
    service.search_finished.connect(lambda query_id, _: answered.append(query_id))
    try:
        service.open(location)
        service.search("number0")
        service.search("number1")
        with qtbot.waitSignal(service.search_finished, timeout=10_000) as finished:
            last = service.search("number2")
        assert finished.args[0] == last
        assert [hit.record_id for hit in finished.args[1].hits] == ["rec-2"]
    finally:
        assert service.shut_down()
    assert answered == [last]


def test_search_service_reports_an_unopenable_index(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "index.sqlite"
    broken.write_bytes(b"garbage" * 200)
    service = indexer.SearchService()
    try:
        with qtbot.waitSignal(service.search_failed, timeout=10_000) as failed:
            service.open(search.IndexLocation(broken, read_only=True))
        assert failed.args[0] == -1
        assert "cannot be opened" in failed.args[1]
    finally:
        assert service.shut_down()


# -- IndexKeeper: the index follows changes while the archive is open ----------------------------

needs_inotify = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="changes are watched with Linux's inotify"
)


@pytest.fixture
def kept(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[Path, index_keeper.IndexKeeper]]:
    """An archive of 3 records in a subfolder, indexed, with a keeper watching it."""
    root = tmp_path / "archive"
    make_archive(root / "1940s")
    archive = loader.load_archive(root)
    location = search.IndexLocation(search.cache_index_path(archive.root))
    with search.SearchIndex.open(location) as index:
        index.update(archive)
    keeper = index_keeper.IndexKeeper(archive)
    with qtbot.waitSignal(keeper.watching_started, timeout=10_000) as started:
        keeper.start()
    assert started.args[0] == 5  # the 3 record folders, 1940s and the archive's own
    keeper.set_location(location)
    yield root, keeper
    assert keeper.stop()


def found(root: Path, text: str) -> list[str]:
    """The ids of the records the index finds `text` in, read as a new search would."""
    location = search.IndexLocation(search.cache_index_path(root.resolve()))
    with search.SearchIndex.open(location) as index:
        return [hit.record_id for hit in index.search(text).hits]


def updated_by(
    qtbot: QtBot, keeper: index_keeper.IndexKeeper, change: Callable[[], object]
) -> object:
    """The IndexStats the keeper reports after `change`."""
    with qtbot.waitSignal(keeper.index_updated, timeout=10_000) as updated:
        change()
    return updated.args[0]


@needs_inotify
def test_keeper_reindexes_a_transcript_rewritten_in_place(
    qtbot: QtBot, kept: tuple[Path, index_keeper.IndexKeeper]
) -> None:
    root, keeper = kept
    transcript = root / "1940s" / "rec-1" / "transcript.en.txt"
    before, folder_before = transcript.stat(), transcript.parent.stat()
    # The same size, written into the same file: the folder's modification time stays put.
    stats = updated_by(qtbot, keeper, lambda: transcript.write_text("Body text wombat1.", "utf-8"))
    after = transcript.stat()
    assert (after.st_size, after.st_ino) == (before.st_size, before.st_ino)
    assert transcript.parent.stat().st_mtime_ns == folder_before.st_mtime_ns
    assert isinstance(stats, search.IndexStats)
    assert (stats.updated, stats.added, stats.removed) == (1, 0, 0)
    assert found(root, "wombat1") == ["rec-1"]
    assert found(root, "number1") == []
    assert found(root, "number2") == ["rec-2"]


@needs_inotify
def test_keeper_follows_replaced_files_new_and_removed_records(
    qtbot: QtBot, kept: tuple[Path, index_keeper.IndexKeeper]
) -> None:
    root, keeper = kept
    folder = root / "1940s" / "rec-0"

    def replace() -> None:  # as editors save: a new file renamed over the old one
        (folder / "draft.tmp").write_text("Saved over: numbats.", encoding="utf-8")
        (folder / "draft.tmp").replace(folder / "transcript.en.txt")

    updated_by(qtbot, keeper, replace)
    assert found(root, "numbats") == ["rec-0"]

    def retitle() -> None:
        (folder / "record.toml").write_text('id = "rec-0"\ntitle = "Quokka report"\n', "utf-8")

    updated_by(qtbot, keeper, retitle)
    assert found(root, "quokka") == ["rec-0"]

    def add() -> None:  # a new folder, then a record in it, as a copy makes them
        new = root / "1950s" / "new"
        new.mkdir(parents=True)
        (new / "record.toml").write_text('id = "new"\ntitle = "Kiwis"\n', "utf-8")

    stats = updated_by(qtbot, keeper, add)
    assert isinstance(stats, search.IndexStats)
    assert (stats.added, stats.updated) == (1, 0)
    assert found(root, "kiwis") == ["new"]
    # Its transcript arrives later: the new folder is watched too.
    transcript = root / "1950s" / "new" / "transcript.en.txt"
    updated_by(qtbot, keeper, lambda: transcript.write_text("Emus.", "utf-8"))
    assert found(root, "emus") == ["new"]

    # rec-0 again, in another folder: the loader makes the second one broken, so does the keeper
    updated_by(qtbot, keeper, lambda: make_archive(root / "1960s", count=1))
    assert found(root, "number0") == []
    assert found(root, "quokka") == ["rec-0"]

    def remove() -> None:
        shutil.rmtree(root / "1940s" / "rec-2")

    stats = updated_by(qtbot, keeper, remove)
    assert isinstance(stats, search.IndexStats)
    assert stats.removed == 1
    assert found(root, "number2") == []
    assert found(root, "number1") == ["rec-1"]


@needs_inotify
def test_keeper_holds_changes_until_the_index_is_ready(qtbot: QtBot, tmp_path: Path) -> None:
    root = make_archive(tmp_path / "archive", count=2)
    archive = loader.load_archive(root)
    keeper = index_keeper.IndexKeeper(archive)
    with qtbot.waitSignal(keeper.watching_started, timeout=10_000):
        keeper.start()
    (root / "rec-1" / "transcript.en.txt").write_text("Changed while indexing: kiwis.", "utf-8")
    job = indexer.IndexJob(archive)  # sees the archive as it was loaded, kiwis or not
    with qtbot.waitSignal(job.index_finished, timeout=10_000) as finished:
        job.start()
    assert job.wait(5_000)
    with qtbot.waitSignal(keeper.index_updated, timeout=10_000):
        keeper.set_location(search.IndexLocation(finished.args[0].path))
    assert found(root, "kiwis") == ["rec-1"]
    assert keeper.stop()


def test_the_keeper_indexes_scans_as_they_are_machine_read(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.test_search_machine_read import FakeMachineText

    monkeypatch.setattr(index_keeper, "MACHINE_TEXT_POLL_MS", 20)
    root = make_archive(tmp_path / "archive")
    (root / "rec-1" / "scan.pdf").write_bytes(b"%PDF stand-in: an image-only scan")
    (root / "rec-1" / "record.toml").write_text(
        'id = "rec-1"\ntitle = "Record 1"\n[[scans]]\nfile = "scan.pdf"\n', encoding="utf-8"
    )
    archive = loader.load_archive(root)
    scan = archive.good_records()[1].scans[0].path
    location = search.IndexLocation(search.cache_index_path(archive.root))
    machine = FakeMachineText({})
    with search.SearchIndex.open(location) as index:
        index.update(archive, machine_text=machine)
    keeper = index_keeper.IndexKeeper(archive, machine_text=machine)
    with qtbot.waitSignal(keeper.watching_started, timeout=10_000):
        keeper.start()
    keeper.set_location(location)
    try:
        stats = updated_by(
            qtbot, keeper, lambda: machine.texts.update({str(scan): ["Telegram from Harbin"]})
        )
        assert (stats.added, stats.updated) == (0, 1)  # type: ignore[attr-defined]
        assert found(root, "harbin") == ["rec-1"]
    finally:
        assert keeper.stop()
