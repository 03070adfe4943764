"""Indexing and searching on worker threads, reported through Qt signals."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from viewer.domain import archive as loader
from viewer.domain import search
from viewer.services import indexer


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
