"""Reading the archive to be opened from the first moment of the process, on a thread of its own.

`viewer.cli` starts reading the archive to be shown (named on the command line, else the last
one) while Qt loads, so the archive is read while the window is built; `Jobs.preload_archive`
adopts that reading (or starts one). No Qt here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Outcome = tuple[bool, Any]
"""(True, the Archive) or (False, the exception that stopped the reading)."""


class ArchivePreload:
    """One archive being read on its own thread; its outcome can be waited for or followed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        """Guards the outcome and the followers, and is held while followers are called (so
        `abandon` waits for one being called)."""
        self._done = threading.Event()
        self._outcome: Outcome | None = None
        self._followers: list[Callable[[Outcome], None]] = []
        self._progress: Progress | None = None
        self._first: Any = None
        """The archive as the user's cache has it (or its first records), given before the whole
        is read (`formats.read`'s `early`)."""
        self._early: Callable[[Any], None] | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._read, name="archive-preload", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        from viewer.domain import formats  # noqa: PLC0415  (on this thread, not the caller's)

        outcome: Outcome
        try:
            outcome = (True, formats.read(self.path, self._report, self._give_early))
        except Exception as exc:  # every failure reaches whoever follows the reading
            log.debug("reading %s failed", self.path, exc_info=True)
            outcome = (False, exc)
        with self._lock:
            self._outcome = outcome
            self._done.set()
            followers, self._followers = self._followers, []
            if not self._abandoned:
                for follow in followers:
                    _call(follow, outcome)

    def _give_early(self, first: Any) -> None:
        with self._lock:
            self._first = first
            if self._early is not None and not self._abandoned:
                _call(self._early, first)

    def _report(self, done: int, total: int) -> None:
        with self._lock:
            if self._progress is not None and not self._abandoned:
                self._progress(done, total)

    def follow(
        self,
        on_done: Callable[[Outcome], None],
        progress: Progress | None = None,
        early: Callable[[Any], None] | None = None,
    ) -> None:
        """Call `on_done(outcome)` once the archive is read: now (on this thread) if it is
        already, else on the reading thread; `progress(done, total)` meanwhile, and `early` with
        the archive given before the whole is read (now, if it was given already)."""
        with self._lock:
            self._progress = progress
            self._early = early
            if self._outcome is None:
                self._followers.append(on_done)
                if early is not None and self._first is not None and not self._abandoned:
                    _call(early, self._first)
            elif not self._abandoned:
                _call(on_done, self._outcome)

    def abandon(self) -> None:
        """Nobody wants the outcome any more (another archive was opened, or the application
        is closing): followers are not called from now on (one being called is waited for)."""
        with self._lock:
            self._abandoned = True
            self._progress = None
            self._early = None

    def outcome(self, wait_ms: int = 0) -> Outcome | None:
        """The outcome, waiting up to `wait_ms` for it (this thread lets the reading run
        meanwhile); None while the archive is still being read."""
        if self._done.wait(wait_ms / 1000):
            return self._outcome
        return None

    def join(self, timeout_s: float) -> bool:
        """Wait for the reading to end; whether it did."""
        self._thread.join(timeout_s)
        return not self._thread.is_alive()


def _call(follow: Callable[[Outcome], None], outcome: Outcome) -> None:
    try:
        follow(outcome)
    except Exception:
        log.exception("a follower of the archive's reading failed")


_started: ArchivePreload | None = None


def start(path: Path) -> None:
    """Start reading the archive at `path` now, for `claim` to take later."""
    global _started  # noqa: PLW0603  (the one archive the process starts on)
    _started = ArchivePreload(path)


def claim(path: Path) -> ArchivePreload:
    """The reading `start` began for `path`, or a new one."""
    global _started
    started, _started = _started, None
    if started is not None and started.path == path:
        return started
    return ArchivePreload(path)
