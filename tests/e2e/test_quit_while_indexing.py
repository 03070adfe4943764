"""Closing the window while an archive is being indexed: a clean exit, a sound index, a fine
next start (Qt aborts the process when a thread it runs is destroyed: "QThread: Destroyed while
thread 'search-indexer' is still running")."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

RECORDS = 1_000

# The viewer as `archive-viewer ARCHIVE` starts it; the window closes CLOSE_AFTER seconds after
# indexing begins, or once it has finished when CLOSE_AFTER is negative. It prints how many
# records were indexed.
CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from viewer.services import indexer, lingering

    archive, close_after = sys.argv[1], float(sys.argv[2])
    lingering.EXIT_WAIT_MS = int(sys.argv[3])

    def close_window():
        for widget in QApplication.topLevelWidgets():
            if widget.isWindow() and widget.isVisible():
                widget.close()

    real_start = indexer.IndexJob.start

    def start(job):
        real_start(job)
        job.progress_changed.connect(lambda done, total: print("indexed", done, flush=True))
        if close_after >= 0:
            QTimer.singleShot(int(close_after * 1000), close_window)
        else:
            job.index_finished.connect(lambda stats: close_window())

    indexer.IndexJob.start = start
    from viewer.cli import main

    sys.exit(main([archive]))
    """
)

# Each record takes SLOW_INDEX seconds to index (a big PDF's text layer), in whichever process
# indexes it (the index is brought up to date in a child process of the window's).
SLOWER = textwrap.dedent(
    """
    import os, time

    slow = float(os.environ.get("SLOW_INDEX", "0"))
    if slow:
        from viewer.domain import search_source

        real_document = search_source.document

        def document(*args, **kwargs):
            time.sleep(slow)
            return real_document(*args, **kwargs)

        search_source.document = document
    """
)


def run_viewer(
    archive: Path, basedir: Path, slow: float, close_after: float, exit_wait_ms: int = 5000
) -> tuple[subprocess.CompletedProcess[str], float]:
    hooks = basedir / "hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    (hooks / "sitecustomize.py").write_text(SLOWER, encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ARCHIVE_VIEWER_BASEDIR=str(basedir),
        PYTHONPATH=os.pathsep.join((str(hooks), str(Path(__file__).resolve().parents[2]))),
        SLOW_INDEX=str(slow),
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(archive), str(close_after), str(exit_wait_ms)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    return result, time.monotonic() - started


def index_file(basedir: Path) -> Path:
    (found,) = (basedir / "cache" / "index").glob("*.sqlite")
    return found


@pytest.fixture(scope="module")
def archive(
    tmp_path_factory: pytest.TempPathFactory, telegrams: Callable[[Path, int], Path]
) -> Path:
    return telegrams(tmp_path_factory.mktemp("quit") / "archive", RECORDS)


def test_closing_the_window_during_indexing_exits_cleanly_and_the_next_start_is_fine(
    archive: Path, tmp_path: Path
) -> None:
    basedir = tmp_path / "user"
    # A batch of records takes 10 s here: the close comes in the middle of the first one.
    result, _seconds = run_viewer(archive, basedir, slow=0.05, close_after=0.5)
    assert "Destroyed while thread" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(index_file(basedir)) as db:  # what was written is whole
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("INSERT INTO fts(fts) VALUES('integrity-check')")
    # The next start indexes the archive in full.
    again, _seconds = run_viewer(archive, basedir, slow=0, close_after=-1)
    assert again.returncode == 0, again.stderr
    assert f"indexed {RECORDS}" in again.stdout.splitlines()
    with sqlite3.connect(index_file(basedir)) as db:
        assert db.execute("SELECT count(*) FROM records").fetchone() == (RECORDS,)


def test_a_thread_that_cannot_stop_in_time_does_not_abort_the_exit(
    archive: Path, tmp_path: Path
) -> None:
    """One record takes 60 s and cannot be interrupted: the window closes, the process waits
    its while for the thread, then ends without destroying it."""
    result, seconds = run_viewer(
        archive, tmp_path / "user", slow=60, close_after=0.5, exit_wait_ms=500
    )
    assert "Destroyed while thread" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert "search-indexer" in result.stderr  # the log says which thread was left running
    assert seconds < 45


def test_a_process_that_exits_without_stopping_its_search_threads_does_not_abort(
    tmp_path: Path, telegrams: Callable[[Path, int], Path]
) -> None:
    """A script or a test run that makes the search service and an index keeper and never
    stops them: they are asked to end at exit, before PySide would destroy them running."""
    root = telegrams(tmp_path / "archive", 3)
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from viewer.domain import archive
        from viewer.services.index_keeper import IndexKeeper
        from viewer.services.indexer import SearchService
        service = SearchService()
        keeper = IndexKeeper(archive.load_archive(Path({str(root)!r})))
        keeper.start()
        print("started", flush=True)
        """
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ARCHIVE_VIEWER_BASEDIR=str(tmp_path / "user"),
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert "Destroyed while thread" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout == "started\n"
