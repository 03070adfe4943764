"""What the command starts before Qt is loaded: the worker (opening a PDF named) and the reading
of an archive named."""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import pytest

from viewer import cli
from viewer.services import preload, render_protocol, worker_process


class _FakeProcess:
    def __init__(self) -> None:
        self.stdin = io.BytesIO()

    def poll(self) -> None:
        return None


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What cli.main started, the window itself left out."""
    from viewer import app
    from viewer.services import qt_loading

    seen: dict[str, Any] = {"prefetch": None, "read": None, "shown": "not started"}
    monkeypatch.setattr(qt_loading, "load_qt", lambda: True)  # PySide stays as the tests have it
    monkeypatch.setattr(worker_process, "prestart", lambda: None)
    monkeypatch.setattr(worker_process, "prefetch", lambda pdf: seen.__setitem__("prefetch", pdf))
    monkeypatch.setattr(preload, "start", lambda path: seen.__setitem__("read", path))
    monkeypatch.setattr(app, "run", lambda path, **options: seen.__setitem__("shown", path))
    return seen


def test_a_pdf_named_is_opened_by_the_worker_as_soon_as_it_can(
    started: dict[str, Any], samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = samples / "records" / "specimen-card" / "scan.pdf"
    monkeypatch.chdir(scan.parent)
    assert cli.main(["scan.pdf"]) is None
    # The path the window will ask for: resolved, as a bare PDF's record names it.
    assert started == {"prefetch": scan.resolve(), "read": None, "shown": Path("scan.pdf")}


def test_an_archive_named_is_read_from_the_start(started: dict[str, Any], samples: Path) -> None:
    assert cli.main([str(samples)]) is None
    assert started == {"prefetch": None, "read": samples, "shown": samples}


def test_without_a_path_the_last_archive_is_read_from_the_start(
    started: dict[str, Any], samples: Path, tmp_path: Path
) -> None:
    from viewer.services import settings

    last = tmp_path / "archive"
    last.mkdir()
    store = settings.Settings()
    store.add_recent(tmp_path / "gone")  # no longer there: skipped
    store.add_recent(last)
    store.sync()
    assert cli.main([]) is None
    assert started == {"prefetch": None, "read": last, "shown": last}


def test_without_a_path_the_last_pdf_is_opened_by_the_worker(
    started: dict[str, Any], samples: Path
) -> None:
    from viewer.services import settings

    scan = samples / "records" / "specimen-card" / "scan.pdf"
    store = settings.Settings()
    store.add_recent(scan)
    store.sync()
    assert cli.main([]) is None
    assert started == {"prefetch": scan.resolve(), "read": None, "shown": scan.resolve()}


def test_the_prestarted_worker_is_sent_the_pdf_before_anyone_else_writes_to_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    process = _FakeProcess()
    monkeypatch.setattr(worker_process, "_prestarted", None)
    monkeypatch.setattr(worker_process, "spawn", lambda: process)
    worker_process.prestart()
    worker_process.prefetch(tmp_path / "a.pdf")
    request = pickle.loads(process.stdin.getvalue())
    assert request == render_protocol.PrefetchRequest(str(tmp_path / "a.pdf"))
    assert worker_process.take() is process
    worker_process.prefetch(tmp_path / "b.pdf")  # adopted: nothing more is written by this way
    assert pickle.loads(process.stdin.getvalue()) == request
