"""The window against what goes wrong behind it: a transcript that arrives late, a render worker
that dies, a text layer that takes minutes, settings that cannot be written."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.model import Record
from viewer.services import settings as prefs

REPO = Path(__file__).resolve().parent.parent.parent


def _archive(root: Path) -> Path:
    first = root / "a-with-transcript"
    first.mkdir(parents=True)
    (first / "record.toml").write_text('id = "a"\ntitle = "Alpha"\n', encoding="utf-8")
    (first / "transcript.en.txt").write_text("Alpha transcript text.\n" * 200, encoding="utf-8")
    second = root / "b-bare"
    second.mkdir()
    (second / "record.toml").write_text('id = "b"\ntitle = "Bravo"\n', encoding="utf-8")
    return root


def _open(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.window.record_shown, timeout=20_000):
        viewer.window.open_path(path)


def _records(viewer: Viewer) -> dict[str, Record]:
    archive = viewer.window.current_archive()
    assert archive is not None
    return {r.id: r for r in archive.records if isinstance(r, Record)}


def test_a_transcript_still_loading_is_not_shown_beside_the_next_record(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    viewer = make_viewer()
    _open(qtbot, viewer, _archive(tmp_path / "archive"))
    records = _records(viewer)
    window = viewer.window
    window.show_record(records["b"])
    # A's transcript is asked for, and B shown before it arrives.
    with qtbot.waitSignal(viewer.jobs.transcript_loaded, timeout=10_000):
        window.show_record(records["a"])
        window.show_record(records["b"])
    assert window.current_record() is records["b"]
    assert window.transcript.notice() == "This record has neither a transcript nor a scan."
    assert "Alpha transcript" not in window.transcript.plain_text()


def test_a_render_worker_that_dies_is_said_once_in_the_message_bar(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20_000):
        viewer.window.open_path(samples)
    for _ in range(2):
        with qtbot.waitSignal(viewer.worker.worker_restarted, timeout=20_000):
            os.kill(viewer.worker._backend.process.pid, signal.SIGKILL)  # type: ignore[union-attr]
    told = [m.text for m in viewer.window.messages.history if "page renderer" in m.text]
    assert told == [
        "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) and was "
        "restarted; the pages are being drawn again."
    ]
    assert viewer.window.messages.text() == told[0]


def test_a_read_only_settings_folder_costs_the_keeping_of_settings_only(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    samples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folders should be", encoding="utf-8")
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(blocker / "base"))
    viewer = make_viewer()
    shown = viewer.window.messages.text()
    assert shown.startswith(
        "Settings and reading positions will not be kept after you close the viewer: "
    )
    assert "cannot be written (Not a directory)" in shown
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20_000):
        viewer.window.open_path(samples)
    viewer.settings.set(prefs.TEXT_SIZE, 20)
    assert viewer.settings.get(prefs.TEXT_SIZE) == 20  # for this session


def test_the_viewer_starts_with_its_base_folder_on_read_only_media(
    samples: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--startup-probe", str(samples)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "ARCHIVE_VIEWER_BASEDIR": str(blocker / "base"),
            "PYTHONPATH": str(REPO),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-page-painted "), result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_markup_in_titles_and_file_names_is_shown_as_the_characters_it_is(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    folder = tmp_path / "archive" / "r"
    folder.mkdir(parents=True)
    title = "<h1>Huge</h1><img src='file:///etc/hostname'>"
    (folder / "record.toml").write_text(
        f'id = "r"\ntitle = "{title}"\n[[scans]]\nfile = "<b>scan.pdf"\n', encoding="utf-8"
    )
    (folder / "<b>scan.pdf").write_bytes(b"%PDF-1.7\nnothing else")
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.window.scan.document_failed, timeout=20_000):
        viewer.window.open_path(tmp_path / "archive")
    qtbot.waitUntil(lambda: "<b>scan.pdf" in viewer.window.messages.text(), timeout=10_000)
    showing = [
        label
        for label in viewer.window.findChildren(QLabel)
        if label.isVisibleTo(viewer.window)
        and ("<b>scan" in label.text() or "<h1>" in label.text())
    ]
    assert showing
    for label in showing:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.accessibleName()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (os.mkfifo, "x.pdf: this is not a regular file (a pipe or a device)"),
        (lambda path: path.mkdir(), "x.pdf: this is a folder, not a PDF file"),
        (lambda path: path.symlink_to(path), "x.pdf: the file is a link that leads back to itself"),
    ],
    ids=["fifo", "folder", "link-loop"],
)
def test_things_named_pdf_are_named_for_what_they_are_in_the_window(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    tmp_path: Path,
    make: Callable[[Path], object],
    words: str,
) -> None:
    target = tmp_path / "x.pdf"
    make(target)
    viewer = make_viewer()
    viewer.window.open_path(target)
    qtbot.waitUntil(lambda: words in viewer.window.messages.text(), timeout=20_000)


def test_a_pdf_whose_text_layer_takes_minutes_says_which_page_in_the_transcript_pane(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    slow = _hostile().slow_pdf(tmp_path / "slow.pdf")  # minutes to draw or read its one page
    viewer = make_viewer()
    viewer.worker.render_budget_ms = viewer.worker.text_budget_ms = 1000
    with qtbot.waitSignal(viewer.worker.text_failed, timeout=30_000):
        viewer.window.open_path(slow)
    assert viewer.window.transcript.notice() == (
        "No transcript: the text layer cannot be read (slow.pdf: reading page 1 takes over 1 s)."
    )


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", REPO / "tools" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
