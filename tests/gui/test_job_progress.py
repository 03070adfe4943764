"""A job's progress reaches the window a few dozen times a second at most, and always its end."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from viewer.domain import formats
from viewer.domain.model import Archive
from viewer.services.jobs import Jobs


def test_a_reading_that_reports_each_of_many_records_reaches_the_window_a_few_times(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read(path: Path, progress: formats.Progress | None = None, early: object = None) -> Archive:
        assert progress is not None
        for done in range(1, 5001):
            progress(done, 5000)
        return Archive(root=path, title="many", records=())

    monkeypatch.setattr(formats, "read", read)
    jobs = Jobs()
    told: list[tuple[int, int]] = []
    jobs.archive_progressed.connect(lambda _job, done, total: told.append((done, total)))
    with qtbot.waitSignal(jobs.archive_loaded, timeout=10000):
        jobs.load_archive(tmp_path)
    qtbot.wait(50)
    # Each report is a turn of the window's loop: 5,000 queued would hold it in one go.
    assert 1 <= len(told) < 50
    assert told[-1] == (5000, 5000)
    jobs.wait(2000)
