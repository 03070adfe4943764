"""The kiosk never stays down: a killed or hung viewer is back on the start record in 5 s."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.kiosk import config as kiosk_config
from viewer.kiosk import supervisor, usage_log

REPO = Path(__file__).resolve().parents[2]
START = "specimen-card"
READY = re.compile(r"kiosk viewer ready on record (\S+), ([0-9.]+) s after start")
STARTED = re.compile(r"kiosk viewer started \(pid (\d+)\)")


class Lines:
    """The supervisor's log lines, as they come, with the time each arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._queue: queue.Queue[tuple[float, str]] = queue.Queue()
        self.seen: list[str] = []
        assert process.stderr is not None
        self._stream = process.stderr
        self._thread = threading.Thread(target=self._read, args=(self._stream,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        """After the process ended: the rest of its output read, the pipe closed."""
        self._thread.join(10)
        self._stream.close()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._queue.put((time.monotonic(), line.rstrip("\n")))

    def wait_for(self, pattern: re.Pattern[str], timeout: float) -> tuple[float, re.Match[str]]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {pattern.pattern!r} in:\n" + "\n".join(self.seen))
            try:
                when, line = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(line)
            match = pattern.search(line)
            if match:
                return when, match


def write_config(tmp_path: Path, samples: Path, extra: str = "") -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'archive = "{samples}"\nstart_record = "{START}"\n'
        f'admin_pin = "{kiosk_config.hash_pin("2468")}"\nwatchdog_timeout = 2\n' + extra,
        encoding="utf-8",
    )
    return path


@pytest.fixture
def kiosk_process(tmp_path: Path, samples: Path) -> Iterator[tuple[subprocess.Popen[str], Lines]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "viewer.kiosk", str(write_config(tmp_path, samples))],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    lines = Lines(process)
    try:
        yield process, lines
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        lines.close()


@pytest.mark.slow
def test_killed_viewer_is_back_on_the_start_record_within_5_seconds(
    kiosk_process: tuple[subprocess.Popen[str], Lines],
) -> None:
    process, lines = kiosk_process
    _, started = lines.wait_for(STARTED, 30)
    _, ready = lines.wait_for(READY, 30)
    assert ready.group(1) == START
    os.kill(int(started.group(1)), signal.SIGKILL)
    killed = time.monotonic()
    _, again = lines.wait_for(STARTED, 5)
    assert again.group(1) != started.group(1)
    back, ready = lines.wait_for(READY, 5)
    assert ready.group(1) == START
    assert back - killed < 5.0
    assert process.poll() is None
    resets = [e for e in usage_log.read_events(usage_log.default_path()) if e["event"] == "reset"]
    assert resets == [{"time": resets[0]["time"], "event": "reset", "reason": "crash"}]


@pytest.mark.slow
def test_hung_viewer_is_killed_and_back_on_the_start_record_within_5_seconds(
    kiosk_process: tuple[subprocess.Popen[str], Lines],
) -> None:
    _, lines = kiosk_process
    _, started = lines.wait_for(STARTED, 30)
    lines.wait_for(READY, 30)
    os.kill(int(started.group(1)), signal.SIGSTOP)  # the GUI thread stops, as in a hang
    hung = time.monotonic()
    lines.wait_for(re.compile(r"stopped answering for 2 s"), 5)
    back, ready = lines.wait_for(READY, 5)
    assert ready.group(1) == START
    assert back - hung < 5.0


def test_bad_configuration_fails_at_start_with_every_problem(tmp_path: Path, samples: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'archive = "{samples}"\nstart_record = "nope"\nidle_timeout = "long"\n')
    done = subprocess.run(
        [sys.executable, "-m", "viewer.kiosk", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-4:] == [
        f"archive-viewer --kiosk: {path}: the kiosk configuration cannot be used:",
        "  - admin_pin: missing; without it staff cannot leave the kiosk. Make one with: "
        "python -m viewer.kiosk.config hash-pin",
        "  - idle_timeout: must be a whole number of seconds from 15 to 3600, not 'long'.",
        f"  - start_record: there is no record 'nope' in {samples.resolve()} (its records "
        "include 1949-05-18-telegram, specimen-bilingual, specimen-card).",
    ]
    assert "kiosk viewer started" not in done.stderr


def test_installed_command_runs_the_kiosk(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "archive-viewer"
    help_text = subprocess.run(
        [str(command), "--help"], capture_output=True, text=True, check=False
    ).stdout
    assert "--kiosk" in help_text
    done = subprocess.run(
        [str(command), "--kiosk", str(tmp_path / "missing.toml")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 2
    assert "missing.toml: the kiosk configuration cannot be used" in done.stderr


# -- the supervisor's loop with small stand-in children ------------------------------------------


def child(script: str) -> list[str]:
    return [sys.executable, "-c", script]


def test_supervisor_restarts_after_crashes_and_stops_on_the_admin_exit(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    script = (
        "import pathlib, sys\n"
        f"p = pathlib.Path({str(runs)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        f"sys.exit({supervisor.ADMIN_EXIT} if n == 3 else 1)\n"
    )
    usage = usage_log.UsageLog(tmp_path / "usage.jsonl")
    runner = supervisor.Supervisor(lambda fd: child(script), watchdog_timeout=2, usage=usage)
    assert runner.run() == 0
    assert runner.starts == 3
    assert [e["reason"] for e in usage_log.read_events(tmp_path / "usage.jsonl")] == [
        "crash",
        "crash",
    ]


def test_supervisor_kills_a_child_whose_beats_stop(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    script = (
        "import os, pathlib, sys, time\n"
        f"p = pathlib.Path({str(runs)!r})\n"
        "if p.exists():\n"
        f"    sys.exit({supervisor.ADMIN_EXIT})\n"
        "p.write_text('1')\n"
        "fd = int(sys.argv[1])\n"
        "os.write(fd, b'ready x\\n')\n"
        "time.sleep(60)\n"
    )
    usage = usage_log.UsageLog(tmp_path / "usage.jsonl")
    runner = supervisor.Supervisor(
        lambda fd: [*child(script), str(fd)], watchdog_timeout=0.5, usage=usage
    )
    began = time.monotonic()
    assert runner.run() == 0
    assert time.monotonic() - began < 10
    assert runner.starts == 2
    assert [e["reason"] for e in usage_log.read_events(tmp_path / "usage.jsonl")] == ["hang"]


def test_supervisor_waits_between_tries_when_the_child_cannot_start(tmp_path: Path) -> None:
    waits: list[float] = []

    def wait(delay: float) -> None:
        waits.append(delay)
        if len(waits) == 2:
            runner.stop()

    runner = supervisor.Supervisor(
        lambda fd: child("import sys; sys.exit(3)"), watchdog_timeout=2, sleep=wait
    )
    assert runner.run() == 0
    assert waits == [2.0, 4.0]
    assert runner.starts == 5
