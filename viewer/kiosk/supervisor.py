"""Keeps the kiosk viewer running: restarts it when it exits, crashes or hangs.

The supervisor is plain Python (no Qt), so a crash in Qt or PyMuPDF cannot take it down. It starts
the viewer as a child process with the write end of a pipe; the child's GUI thread writes a line
to it every half second ("beat") and one "ready RECORD" line once the start record is on screen.
When the child exits with anything but `ADMIN_EXIT` (staff left with the PIN), or its beats stop
for `watchdog_timeout` seconds (a hung GUI thread), the supervisor kills it if needed and starts a
new one at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from viewer.kiosk.idle import Clock, monotonic
from viewer.kiosk.usage_log import UsageLog

log = logging.getLogger(__name__)

ADMIN_EXIT = 97
"""The child's exit status when staff left the kiosk with the admin PIN: do not restart."""
STARTUP_TIMEOUT = 30.0
"""Seconds a new child may take before its first beat (a cold start reads the whole archive)."""
FAST_FAILURES_BEFORE_BACKOFF = 3
MAX_BACKOFF = 30.0
_POLL = 0.1


def child_command(config: Path, heartbeat_fd: int) -> list[str]:
    """The command line of the kiosk viewer process."""
    return [
        sys.executable,
        "-m",
        "viewer",
        "kiosk-child",
        str(config),
        "--heartbeat-fd",
        str(heartbeat_fd),
    ]


@dataclass(frozen=True)
class ChildEnd:
    """How one run of the child ended."""

    status: int | None
    reason: str
    """"admin", "exit" (any other exit status, a crash included) or "hang"."""
    lived: float
    ready: bool


class Supervisor:
    """Starts the kiosk viewer and starts it again whenever it ends without staff asking."""

    def __init__(
        self,
        command: Callable[[int], Sequence[str]],
        *,
        watchdog_timeout: float,
        startup_timeout: float = STARTUP_TIMEOUT,
        usage: UsageLog | None = None,
        clock: Clock = monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._command = command
        self._watchdog = watchdog_timeout
        self._startup = startup_timeout
        self._usage = usage
        self._clock = clock
        self._sleep = sleep
        self._stopping = False
        self._child: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def stop(self, signum: int = 0, _frame: FrameType | None = None) -> None:
        """Stop supervising: the child is ended and not restarted (SIGTERM, SIGINT, SIGHUP)."""
        log.info("stopping the kiosk (signal %d)", signum)
        self._stopping = True

    def run(self) -> int:
        """Run children until staff exit (0) or the supervisor is stopped (0)."""
        previous = {
            signum: signal.signal(signum, self.stop)
            for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
        }
        try:
            return self._loop()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _loop(self) -> int:
        fast_failures = 0
        while not self._stopping:
            end = self.run_once()
            if end.reason == "admin" or self._stopping:
                log.info("kiosk ended (%s)", "staff exit" if end.reason == "admin" else "stopped")
                return 0
            if end.reason == "hang":
                log.error(
                    "the kiosk viewer stopped answering for %.0f s (its window hung); restarted",
                    self._watchdog,
                )
            else:
                log.error("the kiosk viewer ended with status %s; restarted", end.status)
            if self._usage is not None:
                self._usage.reset("hang" if end.reason == "hang" else "crash")
            fast_failures = 0 if end.ready else fast_failures + 1
            if fast_failures > FAST_FAILURES_BEFORE_BACKOFF:
                # A child that cannot even start (the archive's disk is gone): do not spin.
                delay = min(MAX_BACKOFF, 2.0 ** (fast_failures - FAST_FAILURES_BEFORE_BACKOFF))
                log.error("the kiosk viewer fails at start; next try in %.0f s", delay)
                self._sleep(delay)
        return 0

    def run_once(self) -> ChildEnd:
        """Start one child and watch it until it ends."""
        read_fd, write_fd = os.pipe()
        started = self._clock()
        try:
            child = subprocess.Popen(self._command(write_fd), pass_fds=(write_fd,))
        finally:
            os.close(write_fd)
        self._child = child
        self.starts += 1
        log.info("kiosk viewer started (pid %d)", child.pid)
        try:
            return self._watch(child, read_fd, started)
        finally:
            os.close(read_fd)
            self._child = None

    def _watch(self, child: subprocess.Popen[bytes], read_fd: int, started: float) -> ChildEnd:
        last_beat: float | None = None
        ready = False
        pending = b""
        pipe_open = True
        while True:
            if self._stopping:
                self._end(child)
                return ChildEnd(child.returncode, "stopped", self._clock() - started, ready)
            if pipe_open:
                readable, _, _ = select.select([read_fd], [], [], _POLL)
                if readable:
                    data = os.read(read_fd, 4096)
                    if not data:
                        pipe_open = False
                    pending += data
                    *lines, pending = pending.split(b"\n")
                    if lines:
                        last_beat = self._clock()
                    for line in lines:
                        if line.startswith(b"ready ") and not ready:
                            ready = True
                            log.info(
                                "kiosk viewer ready on record %s, %.2f s after start",
                                line[6:].decode(errors="replace"),
                                self._clock() - started,
                            )
            else:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(_POLL)
            status = child.poll()
            if status is not None:
                reason = "admin" if status == ADMIN_EXIT else "exit"
                return ChildEnd(status, reason, self._clock() - started, ready)
            quiet_since = last_beat if last_beat is not None else started
            limit = self._watchdog if last_beat is not None else self._startup
            if self._clock() - quiet_since > limit:
                self._kill_hung(child)
                return ChildEnd(child.returncode, "hang", self._clock() - started, ready)

    def _kill_hung(self, child: subprocess.Popen[bytes]) -> None:
        # SIGUSR1 makes the child's faulthandler write every thread's stack to its log first.
        try:
            child.send_signal(signal.SIGUSR1)
            child.wait(0.3)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if child.poll() is None:
            child.kill()
        child.wait()

    def _end(self, child: subprocess.Popen[bytes]) -> None:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
