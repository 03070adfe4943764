"""Following a plain folder's files while it is open (services/folder_watch.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from viewer.services import folder_watch, inotify
from viewer.services.folder_watch import Coverage, FolderChanges, FolderWatch

pytestmark = pytest.mark.skipif(
    not inotify.Inotify.available(), reason="inotify is Linux's: elsewhere folders are polled"
)


class Watched:
    """A watch under test and every change it told."""

    def __init__(self, watch: FolderWatch) -> None:
        self.watch = watch
        self.told: list[FolderChanges] = []
        watch.changed.connect(self.told.append)

    def paths(self) -> set[Path]:
        return {path for changes in self.told for path in changes.paths}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The folder followed (apart from the user's folders the tests keep in `tmp_path`)."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def watching(qtbot: QtBot) -> Iterator[object]:
    made: list[FolderWatch] = []

    def start(root: Path, **options: object) -> Watched:
        watch = FolderWatch(root, **options)  # type: ignore[arg-type]
        watched = Watched(watch)
        made.append(watch)
        with qtbot.waitSignal(watch.watching_started, timeout=5000):
            watch.start()
        return watched

    yield start
    for watch in made:
        assert watch.stop(2000)


def test_a_copy_of_200_files_is_told_once_with_every_file(
    qtbot: QtBot, watching: object, root: Path
) -> None:
    watched = watching(root)  # type: ignore[operator]
    for number in range(200):
        (root / f"scan_{number:03}.pdf").write_bytes(b"%PDF-1.4\n" * 100)
    qtbot.waitUntil(lambda: bool(watched.told), timeout=5000)
    qtbot.wait(folder_watch.QUIET_MS * 3)
    assert len(watched.told) == 1
    assert len(watched.told[0].paths) == 200


def test_files_the_reading_does_not_look_at_are_not_told(
    qtbot: QtBot, watching: object, root: Path
) -> None:
    watched = watching(root)  # type: ignore[operator]
    (root / "report.pdf.part").write_bytes(b"partial")
    (root / ".hidden.pdf").write_bytes(b"hidden")
    (root / "~$list.xlsx").write_bytes(b"lock")
    (root / "notes.docx").write_bytes(b"word")
    qtbot.wait(folder_watch.QUIET_MS * 3)
    assert watched.told == []
    (root / "report.pdf.part").replace(root / "report.pdf")  # the download is done
    (root / "report.ru.txt").write_text("Доклад")
    qtbot.waitUntil(lambda: bool(watched.told), timeout=5000)
    assert watched.paths() == {root / "report.pdf", root / "report.ru.txt"}


def test_a_folder_made_while_open_is_watched_and_its_files_told(
    qtbot: QtBot, watching: object, root: Path
) -> None:
    watched = watching(root)  # type: ignore[operator]
    box = root / "Box 3" / "Folder 12"
    box.mkdir(parents=True)
    qtbot.waitUntil(lambda: root / "Box 3" in watched.paths(), timeout=5000)
    qtbot.wait(100)  # made and watched
    (box / "letter.txt").write_text("Dear Sir")
    qtbot.waitUntil(lambda: box / "letter.txt" in watched.paths(), timeout=5000)


def test_a_sidecar_written_in_place_is_told(qtbot: QtBot, watching: object, root: Path) -> None:
    sidecar = root / "memo.md"
    sidecar.write_text("first")
    watched = watching(root)  # type: ignore[operator]
    with sidecar.open("a") as handle:
        handle.write(" and second")
    qtbot.waitUntil(lambda: sidecar in watched.paths(), timeout=5000)


def test_folders_past_the_limit_are_looked_at_every_few_seconds(
    qtbot: QtBot, watching: object, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder_watch, "POLL_MS", 200)
    for name in ("a", "b", "c"):
        (root / name).mkdir()
    (root / "c" / "memo.txt").write_text("first")
    watched = watching(root, limit=2)  # type: ignore[operator]
    coverage = watched.watch.coverage
    assert coverage == Coverage(2, 2, folder_watch.Limit.SHARE)
    (root / "c" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (root / "c" / "memo.txt").write_text("second, longer")
    qtbot.waitUntil(
        lambda: {root / "c" / "scan.pdf", root / "c" / "memo.txt"} <= watched.paths(),
        timeout=5000,
    )


def test_the_share_of_watches_leaves_most_of_the_system_limit_to_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inotify, "max_user_watches", lambda: 8192)
    assert folder_watch.watch_limit() == 2048
    monkeypatch.setattr(inotify, "max_user_watches", lambda: 1_000_000)
    assert folder_watch.watch_limit() == folder_watch.MOST_WATCHES


def test_a_source_not_followed_is_not_watched(qtbot: QtBot, root: Path) -> None:
    watch = FolderWatch(root, lambda: False)
    with qtbot.waitSignal(watch.stopped, timeout=5000):  # its thread ends at once
        watch.start()
    assert watch.coverage is None
    assert watch.stop(0)


def test_a_folder_made_past_the_limit_is_looked_at_in_turn(
    qtbot: QtBot, watching: object, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folder_watch, "POLL_MS", 200)
    watched = watching(root, limit=1)  # type: ignore[operator]
    assert watched.watch.coverage == Coverage(1, 0)
    (root / "box").mkdir()  # told by the root's watch, but not watched itself
    qtbot.waitUntil(lambda: root / "box" in watched.paths(), timeout=5000)
    (root / "box" / "scan.pdf").write_bytes(b"%PDF-1.4")
    qtbot.waitUntil(lambda: root / "box" / "scan.pdf" in watched.paths(), timeout=5000)
