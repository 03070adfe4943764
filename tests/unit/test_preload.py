"""Reading the archive from the process's first moment: waited for, followed, claimed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from viewer.domain.archive import ArchiveError
from viewer.domain.model import Archive
from viewer.services import preload


def test_a_started_reading_is_claimed_once_for_its_own_path(samples: Path, tmp_path: Path) -> None:
    preload.start(samples)
    started = preload._started
    assert preload.claim(tmp_path) is not started  # another folder: a reading of its own
    preload.start(samples)
    started = preload._started
    assert preload.claim(samples) is started
    assert preload.claim(samples) is not started  # claimed already: read again
    assert started is not None and started.join(10)


def test_the_outcome_is_waited_for_and_followers_hear_it_once_on_either_side(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    reading = _held_back(samples, gate, monkeypatch)
    heard: list[tuple[str, bool]] = []
    assert reading.outcome(0) is None
    reading.follow(lambda outcome: heard.append((threading.current_thread().name, outcome[0])))
    gate.set()
    outcome = reading.outcome(10_000)
    assert outcome is not None
    assert outcome[0] is True
    assert isinstance(outcome[1], Archive)
    assert len(outcome[1].records) == 3
    assert reading.join(10)
    assert heard == [("archive-preload", True)]  # on the reading thread
    # Once read, a new follower hears at once, on its own thread.
    reading.follow(lambda outcome: heard.append((threading.current_thread().name, outcome[0])))
    assert heard[-1] == (threading.current_thread().name, True)


def test_a_failed_reading_is_an_outcome_and_a_failing_follower_costs_nothing(
    tmp_path: Path,
) -> None:
    reading = preload.ArchivePreload(tmp_path / "missing")
    assert reading.join(10)
    heard: list[object] = []

    def broken(outcome: preload.Outcome) -> None:
        raise RuntimeError("a bug in a follower")

    reading.follow(broken)
    reading.follow(heard.append)
    outcome = reading.outcome()
    assert outcome is not None
    succeeded, error = outcome
    assert not succeeded
    assert isinstance(error, ArchiveError)
    assert "missing" in str(error)
    assert heard == [outcome]


def _held_back(
    path: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> preload.ArchivePreload:
    """A reading that waits for `gate` before it reads anything."""
    from viewer.domain import archive

    real = archive.load_archive

    def waiting(root: Path, progress: object = None, **options: Any) -> Archive:
        assert gate.wait(10)
        return real(root, progress, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(archive, "load_archive", waiting)
    return preload.ArchivePreload(path)


def test_an_abandoned_reading_calls_nobody(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    reading = _held_back(samples, gate, monkeypatch)
    heard: list[object] = []
    reading.follow(heard.append, lambda done, total: heard.append((done, total)))
    reading.abandon()
    gate.set()
    assert reading.join(10)
    assert heard == []
    assert reading.outcome() is not None  # still there for whoever asks


def test_jobs_drop_the_preload_when_another_archive_is_opened_first(
    qtbot: object, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from viewer.services.jobs import Jobs

    gate = threading.Event()
    monkeypatch.setattr(preload, "claim", lambda path: _held_back(path, gate, monkeypatch))
    jobs = Jobs()
    followed: list[Archive] = []
    jobs.preload_archive(samples, then=followed.append)
    loaded: list[tuple[int, Archive]] = []
    jobs.archive_loaded.connect(lambda job, archive: loaded.append((job, archive)))
    other = tmp_path / "other"
    shutil.copytree(samples / "records" / "specimen-card", other)
    job = jobs.load_archive(other)
    gate.set()
    qtbot.waitUntil(lambda: bool(loaded), timeout=10_000)  # type: ignore[attr-defined]
    assert jobs.wait(10_000)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()  # what the finished jobs sent is delivered now
    assert [(j, a.root) for j, a in loaded] == [(job, other)]
    assert followed == []  # the first archive's scan is not opened for nobody


def test_an_archive_read_at_start_is_shown_as_the_cache_has_it_before_it_is_read_whole(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The archive opened last, read while the window is built: 100,000 records from the user's
    # cache are listed in seconds, and what changed on disk follows (as for any archive opened).
    from viewer.domain import formats
    from viewer.services.jobs import Jobs

    cached = Archive(root=tmp_path, title="As the cache has it", records=())
    on_disk = Archive(root=tmp_path, title="As the disk has it", records=())
    gate = threading.Event()

    def read(path: Path, progress: object = None, early: Any = None) -> Archive:
        assert early is not None  # the reading at start gives its archive early too
        early(cached)
        assert gate.wait(10)
        return on_disk

    monkeypatch.setattr(formats, "read", read)
    jobs = Jobs()
    jobs.preload_archive(tmp_path)
    loaded: list[tuple[int, Archive]] = []
    updated: list[tuple[int, Archive]] = []
    jobs.archive_loaded.connect(lambda job, archive: loaded.append((job, archive)))
    jobs.archive_updated.connect(lambda job, archive: updated.append((job, archive)))
    qtbot.wait(50)  # the early archive arrives before the window asks for the archive
    job = jobs.load_archive(tmp_path)
    # Shown at once, before the window's first paint, as a preloaded archive read whole is.
    assert jobs.finish_now(job)
    assert loaded == [(job, cached)]  # while the rest is still being read
    qtbot.wait(50)
    assert loaded == [(job, cached)]  # once
    gate.set()
    qtbot.waitUntil(lambda: bool(updated), timeout=10_000)
    assert updated == [(job, on_disk)]
    assert loaded == [(job, cached)]
    assert jobs.wait(10_000)
