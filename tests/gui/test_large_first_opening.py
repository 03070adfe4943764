"""A large archive opened for the first time: every record is listed at once, named by its folder
until it is read, and a record chosen before its reading is read on its own."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.test_catalogue import make
from viewer.app import Viewer
from viewer.domain import archive, record_reader
from viewer.domain.model import Archive, BrokenRecord, Record, UnreadRecord
from viewer.ui import after_first_page
from viewer.ui.library import TITLE
from viewer.ui.search_feature import SearchFeature

COUNT = 3_000


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The records read by the child process are held back until the event is set."""
    release = threading.Event()
    given = record_reader.ChildReading.records

    def records(self: record_reader.ChildReading) -> Iterator[Record | BrokenRecord | Path]:
        release.wait(60)
        yield from given(self)

    monkeypatch.setattr(record_reader.ChildReading, "records", records)
    yield release
    release.set()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_every_record_is_listed_before_it_is_read_and_one_chosen_is_read_at_once(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    tmp_path: Path,
    held: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "EARLY_RECORDS", 100)
    monkeypatch.setattr(after_first_page, "INDEX_DELAY_MS", 10)
    indexed: list[Archive] = []
    started = SearchFeature.start_indexing

    def start_indexing(feature: SearchFeature, archive: Archive, *args: Any) -> None:
        indexed.append(archive)
        started(feature, archive, *args)

    monkeypatch.setattr(SearchFeature, "start_indexing", start_indexing)
    root = make(tmp_path / "archive", COUNT)
    window = make_viewer().window
    with qtbot.waitSignal(window.record_shown, timeout=30000):
        window.open_path(root)
    panel = window.records
    model = panel.model()
    qtbot.waitUntil(lambda: model.shown_count() == COUNT, timeout=30000)
    # Listed while the child's records are still held: the rows past the first records read
    # are named by their folders.
    assert not held.is_set()
    listed = panel.shown_records()
    unread = [r for r in listed if isinstance(r, UnreadRecord)]
    assert len(unread) == COUNT - 100
    assert all(r.title == r.folder.name for r in unread)
    read = {r.folder.name for r in listed if not isinstance(r, UnreadRecord)}
    assert read | {r.title for r in unread} == {f"r{n}" for n in range(COUNT)}
    assert panel.count_text() == "3,000 records; 2,900 still being read"
    qtbot.wait(200)
    assert indexed == []  # the index waits for the records to be read

    # Chosen in the list: read on its own, shown with its title.
    chosen = next(r for r in unread if r.title == "r999")
    index = model.record_index(chosen.id, TITLE)
    assert index.data() == "r999"
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        panel.view().clicked.emit(index)
    shown = window.current_record()
    assert shown is not None and shown.title == "Record 999"
    assert "Record 999" in window.windowTitle()

    # The reading goes on: every row takes its record's title, the one shown stays.
    held.set()
    qtbot.waitUntil(
        lambda: (
            not model.is_listing()
            and not model.has_unread()
            and not any(isinstance(r, UnreadRecord) for r in window.session.state.archive.records)  # type: ignore[union-attr]
        ),
        timeout=60000,
    )
    titles = sorted(r.title for r in panel.shown_records())
    assert titles == sorted(f"Record {n}" for n in range(COUNT))
    assert panel.count_text() == "3,000 records"
    qtbot.waitUntil(lambda: len(indexed) == 1, timeout=10000)
    assert len(indexed[0].good_records()) == COUNT
    assert window.current_record() == shown
    assert "Record 999" in window.windowTitle()
