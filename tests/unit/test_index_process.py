"""The index brought up to date in a child process: the same index, progress, failures and
cancelling as on a thread, and none of its Python in the window's process."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pymupdf
import pytest
from pytestqt.qtbot import QtBot

from tests.unit.test_indexer import make_archive
from viewer.domain import archive as loader
from viewer.domain import ocr_cache, search
from viewer.services import index_process, indexer
from viewer.services.text_layers import TextLayerReader


@pytest.fixture
def not_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any update of an index in this process fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the index was updated in the window's process")

    monkeypatch.setattr(search.SearchIndex, "update", refuse)


def test_an_index_brought_up_to_date_apart_is_the_same_index(
    qtbot: QtBot, tmp_path: Path, not_here: None
) -> None:
    root = make_archive(tmp_path / "archive", count=5)
    archive = loader.load_archive(root)
    job = indexer.IndexJob(archive, cache_dir=tmp_path / "cache", apart=True)
    progress: list[tuple[int, int]] = []
    job.progress_changed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(job.index_finished, timeout=30_000) as finished:
        job.start()
    assert job.wait(5_000)
    stats = finished.args[0]
    assert (stats.added, stats.read_only) == (5, False)
    assert stats.path == search.cache_index_path(archive.root, tmp_path / "cache")
    assert progress[-1] == (5, 5)
    with search.SearchIndex.open(search.IndexLocation(stats.path)) as index:
        results = index.search("number3")
    assert [hit.record_id for hit in results.hits] == ["rec-3"]


def test_its_scans_text_layers_are_read_by_the_child_itself(
    qtbot: QtBot, tmp_path: Path, not_here: None
) -> None:
    root = make_archive(tmp_path / "archive", count=1)
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Harbourmaster stamped this page")
    doc.save(root / "rec-0" / "scan.pdf")
    doc.close()
    (root / "rec-0" / "record.toml").write_text(
        'id = "rec-0"\ntitle = "Record 0"\n[[scans]]\nfile = "scan.pdf"\n', encoding="utf-8"
    )
    reader = TextLayerReader()
    machine_text = ocr_cache.RecognisedText(tmp_path / "ocr.sqlite3")
    job = indexer.IndexJob(
        loader.load_archive(root),
        cache_dir=tmp_path / "cache",
        text_layer=reader,
        machine_text=machine_text,
        apart=True,
    )
    with qtbot.waitSignal(job.index_finished, timeout=30_000) as finished:
        job.start()
    assert job.wait(5_000)
    reader.close()
    with search.SearchIndex.open(search.IndexLocation(finished.args[0].path)) as index:
        assert index.search("harbourmaster").total == 1


def test_a_failure_apart_arrives_as_the_same_message(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    job = indexer.IndexJob(archive, cache_dir=blocker, apart=True)
    with qtbot.waitSignal(job.index_failed, timeout=30_000) as failed:
        job.start()
    assert job.wait(5_000)
    assert "not-a-dir" in failed.args[0]


def test_cancelling_stops_the_child_and_keeps_what_it_committed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive", count=3000))
    job = indexer.IndexJob(archive, cache_dir=tmp_path / "cache", apart=True)
    started: list[int] = []
    job.progress_changed.connect(lambda done, _total: started.append(done))
    with qtbot.waitSignal(job.index_failed, timeout=60_000) as failed:
        job.start()
        qtbot.waitUntil(lambda: bool(started), timeout=30_000)
        asked = time.monotonic()
        job.cancel()
    assert time.monotonic() - asked < 3
    assert job.wait(5_000)
    assert failed.args[0]  # how far it got, in words
    index_path = search.cache_index_path(archive.root, tmp_path / "cache")
    with search.SearchIndex.open(search.IndexLocation(index_path)) as index:
        assert index.record_count() < 3000  # stopped, and the index still opens


def test_cancelled_while_the_archive_is_handed_over_the_child_is_ended_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The child hears a request to stop only once it has every record: while they are still
    # being written (100,000 records take seconds), stopping ends it instead.
    monkeypatch.setattr(index_process, "CHUNK", 1)
    archive = loader.load_archive(make_archive(tmp_path / "archive", count=20))
    job = index_process.Job(
        archive=dataclasses.replace(archive, records=()),
        count=len(archive.records),
        cache_dir=tmp_path / "cache",
        trust_shipped=False,
        ocr_cache=None,
        text_layers=False,
    )
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # stopped after three records were written

    started = time.monotonic()
    with pytest.raises(search.IndexCancelledError, match="stopped after 0 of 20 records"):
        index_process.update_apart(job, archive.records, lambda _done, _total: None, cancelled)
    assert time.monotonic() - started < 3
