"""One window: a second launch hands its path to the viewer already open, in another process."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer import paths

pytestmark = pytest.mark.slow

CARD = "Specimen: catalogue card and finding-aid sheet for AP RF, F. 4, Op. 1, D. 331"
# A launch as a file manager makes it, reporting whether Qt or PyMuPDF were loaded.
LAUNCH = """
import sys
from viewer import cli
status = cli.main(sys.argv[1:])
loaded = [m for m in sys.modules if m.startswith(("PySide6", "pymupdf", "fitz"))]
print("loaded:", ",".join(loaded) or "nothing heavy")
sys.exit(status)
"""


class Running:
    """A viewer process left open, reporting each page it paints (`--handover-probe`)."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "viewer", "--handover-probe", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, prefix: str) -> str:
        """The next line that starts with `prefix` (waiting up to 60 s)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line.startswith(prefix):
                return line[len(prefix) :].strip()
        raise AssertionError(f"the viewer said no {prefix!r} within 60 s")

    def painted_title(self) -> str:
        """The window's title when it next paints a document's first page."""
        return self.next_line("page-painted ").split(" ", 1)[1]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(20)
        self._reader.join(20)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ARCHIVE_VIEWER_BASEDIR=str(tmp_path / "user"),
        PYTHONPATH=str(Path(__file__).resolve().parent.parent.parent),
    )


@pytest.fixture
def running(env: dict[str, str], samples: Path) -> Iterator[Running]:
    viewer = Running(env, str(samples / "records" / "1949-05-18-telegram"))
    try:
        assert viewer.next_line("") == "listening"
        assert viewer.painted_title().startswith("Telegram from the leader")
        yield viewer
    finally:
        viewer.stop()


def launch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LAUNCH, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_second_launch_opens_its_pdf_in_the_open_window_without_loading_qt(
    running: Running, env: dict[str, str], samples: Path
) -> None:
    result = launch(env, str(samples / "records" / "specimen-card" / "scan.pdf"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "loaded: nothing heavy"
    assert running.painted_title() == f"{CARD} — Archive Viewer"


def test_a_relative_path_is_opened_from_where_the_second_launch_was_started(
    running: Running, env: dict[str, str], samples: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "scan.pdf"],
        cwd=samples / "records" / "specimen-card",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert running.painted_title() == f"{CARD} — Archive Viewer"


def test_new_instance_opens_a_window_of_its_own(
    running: Running, env: dict[str, str], samples: Path
) -> None:
    pdf = samples / "records" / "specimen-bilingual" / "scan.pdf"
    own = subprocess.run(
        [sys.executable, "-m", "viewer", "--new-instance", "--startup-probe", str(pdf)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert own.stdout.startswith("first-page-painted "), own.stdout + own.stderr
    # The open window was not given that PDF: the next page it paints is the card's.
    assert launch(env, str(samples / "records" / "specimen-card" / "scan.pdf")).returncode == 0
    assert running.painted_title() == f"{CARD} — Archive Viewer"


def test_a_socket_left_by_a_crash_is_taken_over_by_the_next_viewer(
    env: dict[str, str], samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = Running(env, str(samples / "records" / "1949-05-18-telegram"))
    assert crashed.next_line("") == "listening"
    crashed.stop(signal.SIGKILL)
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", env["ARCHIVE_VIEWER_BASEDIR"])
    socket_path = paths.instance_socket()
    assert socket_path.is_socket()  # left behind
    # A launch finds no viewer behind it and opens its own window, which listens there.
    after = Running(env, str(samples / "records" / "1949-05-18-telegram"))
    try:
        assert after.next_line("") == "listening"
        assert launch(env, str(samples / "records" / "specimen-card" / "scan.pdf")).returncode == 0
        assert after.painted_title().startswith("Telegram from the leader")
        assert after.painted_title() == f"{CARD} — Archive Viewer"
    finally:
        after.stop()
