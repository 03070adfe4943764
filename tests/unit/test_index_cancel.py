"""An index update asked to stop stops at once in every phase, and keeps only whole batches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from viewer.domain import archive as loader
from viewer.domain import search
from viewer.domain import search_source as source
from viewer.domain.search import updates


def location_of(root: Path) -> search.IndexLocation:
    return search.IndexLocation(search.cache_index_path(root))


def test_a_stop_is_seen_between_two_records_of_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, telegrams: Callable[[Path, int], Path]
) -> None:
    """A record can take long (its PDF's text layer): the update does not finish its batch of
    `BATCH` records first, and the part of the batch read is not written."""
    archive = loader.load_archive(telegrams(tmp_path / "archive", 10))
    read: list[str] = []
    real_document = source.document

    def document(record: object, *args: object, **kwargs: object) -> source.Document:
        read.append(record.id)  # type: ignore[attr-defined]
        return real_document(record, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(source, "document", document)
    with search.SearchIndex.open(location_of(archive.root)) as index:
        with pytest.raises(search.IndexCancelledError, match="after 0 of 10"):
            index.update(archive, cancelled=lambda: len(read) >= 3)
        assert len(read) == 3
        assert index.record_count() == 0
        assert index.update(archive).added == 10  # the next update does it all


def test_a_long_statement_is_interrupted_by_a_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, telegrams: Callable[[Path, int], Path]
) -> None:
    """SQLite looks at `cancelled` while a statement runs: a stop asked meanwhile ends it."""
    monkeypatch.setattr(updates, "_PROGRESS_OPCODES", 100)  # (600 rows are a short read)
    archive = loader.load_archive(telegrams(tmp_path / "archive", 600))
    with search.SearchIndex.open(location_of(archive.root)) as index:
        index.update(archive)
        asked: list[bool] = []

        def cancelled() -> bool:  # false once (before reading what is stored), then true
            asked.append(True)
            return len(asked) > 1

        with pytest.raises(search.IndexCancelledError, match="before all 600"):
            index.update(archive, cancelled=cancelled)
        assert index.record_count() == 600


def test_compaction_is_done_in_steps_a_stop_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, telegrams: Callable[[Path, int], Path]
) -> None:
    """FTS5's 'optimize' of a large index is one long call that cannot be interrupted: it is
    done as merge steps, each committed, and a stop between two ends it."""
    monkeypatch.setattr(updates, "MERGE_PAGES", 1)
    steps: list[bool] = []
    real_write = updates.write

    def write(index: object, action: object) -> None:
        steps.append(True)
        real_write(index, action)  # type: ignore[arg-type]

    monkeypatch.setattr(updates, "write", write)
    archive = loader.load_archive(telegrams(tmp_path / "archive", 1200))
    batches = -(-1200 // updates.BATCH)
    with search.SearchIndex.open(location_of(archive.root)) as index:
        stats = index.update(archive, cancelled=lambda: len(steps) >= batches + 2)
        assert stats.added == 1200
        assert len(steps) == batches + 2  # two steps of compaction, then the stop
        results = index.search("telegram")
        assert results.total == 1200
        index.update(archive)  # nothing to do: no compaction
        db = index._db
        db.execute("INSERT INTO fts(fts) VALUES('integrity-check')")
