"""Opening an archive opened before: its records are given from the user's cache at once, then
what changed on disk since follows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.test_catalogue import PAST, make, write
from viewer.app import Viewer
from viewer.domain import archive, model
from viewer.domain.model import Archive
from viewer.services.jobs import Jobs


def titles(archive: Archive) -> list[str]:
    return [record.title for record in archive.records]


def test_an_archive_opened_before_is_listed_from_the_cache_then_as_the_disk_has_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = make(tmp_path / "archive")
    jobs = Jobs()
    with qtbot.waitSignal(jobs.archive_loaded, timeout=20000):
        jobs.load_archive(root)
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    loaded: list[object] = []
    updated: list[object] = []
    jobs.archive_loaded.connect(lambda *args: loaded.extend(args))
    jobs.archive_updated.connect(lambda *args: updated.extend(args))
    with qtbot.waitSignal(jobs.archive_updated, timeout=20000):
        job_id = jobs.load_archive(root)
    assert loaded[0] == updated[0] == job_id
    assert isinstance(loaded[1], Archive)
    assert isinstance(updated[1], Archive)
    assert titles(loaded[1]) == ["Record 0", "Record 1", "Record 2"]
    assert titles(updated[1]) == ["Record 0", "Edited", "Record 2"]
    # Unchanged records are the same objects: the list and the window keep what they made.
    assert updated[1].records[0] is loaded[1].records[0]
    jobs.wait()


def test_an_unchanged_archive_opened_again_is_given_once(qtbot: QtBot, tmp_path: Path) -> None:
    root = make(tmp_path / "archive")
    jobs = Jobs()
    with qtbot.waitSignal(jobs.archive_loaded, timeout=20000):
        jobs.load_archive(root)
    updates: list[object] = []
    jobs.archive_updated.connect(updates.append)
    with qtbot.waitSignal(jobs.archive_loaded, timeout=20000) as loaded:
        jobs.load_archive(root)
    assert titles(loaded.args[1]) == ["Record 0", "Record 1", "Record 2"]
    assert jobs.wait()
    qtbot.wait(50)
    assert updates == []


def test_the_window_lists_a_record_edited_since_the_archive_was_last_opened(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    root = make(tmp_path / "archive")
    first = make_viewer().window
    with qtbot.waitSignal(first.record_shown, timeout=20000):
        first.open_path(root)
    write(root / "records" / "r1" / "record.toml", 'id = "r1"\ntitle = "Edited"\n', PAST + 60)
    window = make_viewer().window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(root)
    qtbot.waitUntil(
        lambda: (
            sorted(r.title for r in window.records.shown_records())
            == ["Edited", "Record 0", "Record 2"]
        ),
        timeout=20000,
    )
    assert window.windowTitle() == first.windowTitle()


def test_a_large_archive_opened_for_the_first_time_gives_its_first_records_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "EARLY_RECORDS", 2)
    root = make(tmp_path / "archive", 7)
    jobs = Jobs()
    loaded: list[Archive] = []
    filled: list[Archive] = []
    jobs.archive_loaded.connect(lambda _job, first: loaded.append(first))
    jobs.archive_filled.connect(lambda _job, more: filled.append(more))
    with qtbot.waitSignal(jobs.archive_updated, timeout=20000) as updated:
        jobs.load_archive(root)
    assert [titles(first) for first in loaded] == [["Record 0", "Record 1"]]
    # Then the rest listed by their folders, to be read.
    listed = filled[0]
    assert titles(listed) == ["Record 0", "Record 1", "r2", "r3", "r4", "r5", "r6"]
    assert listed.records[:2] == loaded[0].records
    assert [type(r) for r in listed.records[2:]] == [model.UnreadRecord] * 5
    assert [r.id for r in listed.records[2:]] == [f"records/r{n}" for n in range(2, 7)]
    assert listed.good_records() == loaded[0].records
    assert titles(updated.args[1]) == [f"Record {n}" for n in range(7)]
    assert updated.args[1].records[:2] == loaded[0].records
    assert updated.args[1].good_records() == updated.args[1].records
    jobs.wait()


IMPORTS_SEEN = r"""
import sys, threading
from pathlib import Path

class Seen:
    first = {}
    def find_spec(self, name, path=None, target=None):
        Seen.first.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Seen())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from viewer.app import Viewer
from viewer.ui import after_first_page
viewer = Viewer()
viewer.window.show()
from PySide6.QtCore import QEventLoop, QTimer
loop = QEventLoop()
def ahead_done():
    if any(t.name == "import-ahead" for t in threading.enumerate()) or not Seen.first:
        QTimer.singleShot(20, ahead_done)
    else:
        loop.quit()
QTimer.singleShot(0, ahead_done)
loop.exec()  # what a window does while it waits for what it opens
viewer.window.open_path(Path(sys.argv[1]))
before = set(Seen.first)
def check():
    later = viewer.window.later
    if later.built() and later.notes_feature is not None and viewer.window.current_record():
        loop.quit()
    else:
        QTimer.singleShot(20, check)
QTimer.singleShot(20, check)
QTimer.singleShot(30000, loop.quit)
loop.exec()
for name in after_first_page.LATER_MODULES:
    print(name, Seen.first.get(name))
for name, thread in Seen.first.items():
    if name not in before and name.startswith("viewer.") and thread == "MainThread":
        print(name, thread)
viewer.window.close()
viewer.shutdown()
"""


def test_what_the_window_needs_after_the_first_record_is_imported_off_its_thread(
    tmp_path: Path,
) -> None:
    # Imported on the window's thread, the citation, record list and search modules held it for
    # a tenth of a second (several times that while an archive of 100,000 records is read).
    root = make(tmp_path / "archive")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ARCHIVE_VIEWER_BASEDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS_SEEN, str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    seen = dict(line.split() for line in done.stdout.splitlines())
    # Each imported ahead, and nothing of the viewer's imported by the window's thread once the
    # archive is opened.
    elsewhere = [name for name, thread in seen.items() if thread != "import-ahead"]
    assert not elsewhere
    assert {
        "viewer.domain.quotation",
        "viewer.ui.library",
        "viewer.ui.search_feature",
        "viewer.ui.notes_feature",
    } <= set(seen)


def test_a_record_read_on_its_own_that_fails_is_given_as_a_record_that_cannot_be_read(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path / "archive")
    jobs = Jobs()
    with qtbot.waitSignal(jobs.record_read, timeout=20000) as read:
        jobs.read_record(root / "records" / "r1")
    assert read.args[1].title == "Record 1"

    def broken(folder: Path) -> None:
        raise KeyError("title")

    monkeypatch.setattr(archive, "load_record", broken)
    with qtbot.waitSignal(jobs.record_read, timeout=20000) as read:
        jobs.read_record(root / "records" / "r2")
    assert isinstance(read.args[1], model.BrokenRecord)
    assert read.args[1].folder == root / "records" / "r2"
    assert "Please report it" in read.args[1].reason
    jobs.wait()
