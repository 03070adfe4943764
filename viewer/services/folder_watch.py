"""A plain folder of scans (or a sheet of records' folder) followed while it is open.

Its folders are watched with inotify on a thread of their own; what is told is which documents,
sidecars, sheets and folders were added, removed, renamed or written, once the folder has been
still for `QUIET_MS` (a copy of 200 files is one change, not 200), and never later than
`LONGEST_WAIT_MS` after the first event (a download going on for minutes shows its files as
they come). Names the folder's reading never looks at (a browser's `x.pdf.part`, hidden files,
an office program's lock file) are not told. Folders past the share of the system's inotify
watches one folder may take (`watch_limit`), and every folder where there is no inotify, are
looked at every `POLL_MS` instead: their entries' times and sizes compared with the last look.
Nothing is ever written into the folder.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QThread, QTimer, Signal, Slot

from viewer.domain.archive import MAX_DEPTH
from viewer.domain.formats.folder_listing import SIDECAR_SUFFIXES, suffix
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES
from viewer.domain.sheet import SUFFIXES as SHEET_SUFFIXES
from viewer.services import inotify, lingering

_log = logging.getLogger(__name__)

QUIET_MS = 300
"""How long the folder must be still before a change is told: a copy or a save writes in
several steps, each of them reported."""
LONGEST_WAIT_MS = 2000
"""The longest a change waits to be told while events keep coming."""
POLL_MS = 5000
"""How often the folders without a watch are looked at."""
MOST_WATCHES = 8192
"""The most inotify watches one open folder takes, whatever the system allows."""
WATCH_SHARE = 4
"""One open folder takes at most this fraction (1/n) of the user's inotify watches: file
managers, editors and the search index's keeper need theirs."""

_FOLLOWED = frozenset(DOCUMENT_SUFFIXES | SIDECAR_SUFFIXES | SHEET_SUFFIXES)
"""Suffixes of the files the folder's reading looks at."""


def watch_limit() -> int:
    """How many of its folders one open folder may watch."""
    system = inotify.max_user_watches()
    return min(MOST_WATCHES, system // WATCH_SHARE) if system else MOST_WATCHES


def followed(name: str) -> bool:
    """Whether a change to the file `name` can change what the folder's reading gives."""
    return not name.startswith((".", "~$")) and suffix(name).lower() in _FOLLOWED


@dataclass(frozen=True)
class FolderChanges:
    """What changed in the folder since the last time it was told."""

    paths: frozenset[Path]
    """The documents, sidecars, sheets and folders added, removed, renamed or written."""
    everything: bool = False
    """Events were lost (the system's queue overflowed): anything may have changed."""


class Limit(enum.Enum):
    """Why some folders are looked at from time to time instead of watched."""

    NONE = "none"
    SHARE = "share"
    """Past the share of the user's inotify watches one open folder may take."""
    SYSTEM = "system"
    """The system's limit on watches (fs.inotify.max_user_watches) is reached."""
    UNAVAILABLE = "unavailable"
    """No inotify here (not Linux, or it cannot be started)."""


@dataclass(frozen=True)
class Coverage:
    """How the folder is followed."""

    watched: int
    """Folders watched (changes told within a second)."""
    polled: int
    """Folders looked at every `POLL_MS` instead (past the limit on watches, or no inotify)."""
    limit: Limit = Limit.NONE
    """Why some folders are polled."""


Snapshot = dict[str, tuple[int, int]]
"""Of a polled folder: each followed entry's (mtime_ns, size), folders' by name + "/"."""


def _listing(folder: str) -> tuple[Snapshot, list[str]] | None:
    """The entries of `folder` that the reading follows, and its subfolders' paths; None when
    it cannot be listed."""
    found: Snapshot = {}
    subfolders: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith((".", "~$")):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        subfolders.append(entry.path)
                        stat = entry.stat(follow_symlinks=False)
                        found[name + "/"] = (stat.st_mtime_ns, 0)
                    elif followed(name):
                        stat = entry.stat()
                        found[name] = (stat.st_mtime_ns, stat.st_size)
                except OSError:
                    continue
    except OSError:
        return None
    return found, sorted(subfolders)


class _WatchWorker(QObject):
    """On the watch's thread: watches (or polls) the folders and gathers what changed."""

    watching_started = Signal(object)
    changed = Signal(object)

    def __init__(
        self,
        root: Path,
        wanted: Callable[[], bool],
        stopping: threading.Event,
        limit: int,
    ) -> None:
        super().__init__()
        self._root = str(root)
        self._wanted = wanted
        self._stopping = stopping
        self._limit = limit
        self._inotify: inotify.Inotify | None = None
        self._notifier: QSocketNotifier | None = None
        self._folders: dict[int, str] = {}
        """Watched folder of each watch descriptor."""
        self._watched: set[str] = set()
        self._polled: dict[str, Snapshot] = {}
        """Folders looked at every POLL_MS, with what they held at the last look."""
        self._limit_met = Limit.NONE
        self._paths: set[str] = set()
        self._everything = False
        self._first = 0.0
        self._quiet: QTimer | None = None
        self._poll: QTimer | None = None

    @Slot()
    def start(self) -> None:
        """Watch the folder and its subfolders (as deep as the reading looks), or poll them."""
        try:
            wanted = self._wanted()
        except Exception:  # the folder is gone meanwhile: the reading says so
            _log.info("not watching %s", self._root, exc_info=True)
            wanted = False
        if not wanted:
            thread = self.thread()
            if thread is not None:
                thread.quit()  # nothing to follow: the thread ends
            return
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._tell)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        if inotify.Inotify.available():
            try:
                self._inotify = inotify.Inotify()
            except OSError as error:
                _log.warning("Cannot watch %s for changes: %s", self._root, error)
                self._limit_met = Limit.UNAVAILABLE
        else:
            self._limit_met = Limit.UNAVAILABLE
        if self._inotify is not None:
            self._notifier = QSocketNotifier(self._inotify.fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_notifier_activated)
        self._follow(self._root, self._depth(self._root))
        if self._polled:
            _log.warning(
                "Watching %d folders of %s for changes; %d more are looked at every %d s: %s",
                len(self._watched),
                self._root,
                len(self._polled),
                POLL_MS // 1000,
                self._limit_met.value,
            )
        self.watching_started.emit(Coverage(len(self._watched), len(self._polled), self._limit_met))

    def _depth(self, folder: str) -> int:
        return 0 if folder == self._root else folder[len(self._root) :].count("/")

    def _follow(self, folder: str, depth: int) -> None:
        """Watch (else poll) `folder` and the folders below it."""
        if self._stopping.is_set() or lingering.interrupted():
            return
        if folder in self._watched or folder in self._polled:
            return
        if not self._watch(folder):
            listed = _listing(folder)
            if listed is None:
                return
            self._polled[folder] = listed[0]
            subfolders = listed[1]
            if self._poll is not None and not self._poll.isActive():
                self._poll.start()  # the first folder past the limit
        else:
            try:
                with os.scandir(folder) as entries:
                    subfolders = sorted(
                        e.path
                        for e in entries
                        if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
                    )
            except OSError:
                return
        if depth < MAX_DEPTH:
            for sub in subfolders:
                self._follow(sub, depth + 1)

    def _watch(self, folder: str) -> bool:
        if self._inotify is None:
            return False
        if len(self._watched) >= self._limit:
            if self._limit_met is Limit.NONE:
                self._limit_met = Limit.SHARE
            return False
        wd = self._inotify.watch(folder)
        if wd < 0:
            error = inotify.Inotify.last_error()
            if error == errno.ENOSPC:
                self._limit_met = Limit.SYSTEM
            return False
        self._folders[wd] = folder
        self._watched.add(folder)
        return True

    @Slot()
    def stop(self) -> None:
        inotify.end_watching(self._notifier, self._inotify, self._quiet, self._poll)
        self._notifier = self._inotify = None
        self._quiet = self._poll = None
        thread = self.thread()
        if thread is not None:
            thread.quit()

    @Slot()
    def _on_notifier_activated(self) -> None:
        if self._inotify is None:
            return
        for wd, mask, name in self._inotify.read():
            if mask & inotify.IN_Q_OVERFLOW:
                self._everything = True
                continue
            folder = self._folders.get(wd)
            if folder is None:
                continue
            if mask & (inotify.IN_IGNORED | inotify.IN_MOVE_SELF):
                # Gone, or moved: its path is not its own any more.
                if mask & inotify.IN_MOVE_SELF:
                    self._inotify.unwatch(wd)
                del self._folders[wd]
                self._watched.discard(folder)
                self._paths.add(folder)
                continue
            if mask & inotify.IN_DELETE_SELF:
                self._paths.add(folder)
                continue
            if not name:
                continue
            path = f"{folder}/{name}"
            if mask & inotify.IN_ISDIR:
                if name.startswith("."):
                    continue
                self._paths.add(path)
                if mask & (inotify.IN_CREATE | inotify.IN_MOVED_TO):
                    # Watched first: what is copied into it from now on is reported.
                    depth = self._depth(path)
                    if depth <= MAX_DEPTH:
                        self._follow(path, depth)
            elif followed(name):
                self._paths.add(path)
        self._changes_came()

    def _changes_came(self) -> None:
        if not (self._paths or self._everything) or self._quiet is None:
            return
        now = time.monotonic()
        if not self._quiet.isActive():
            self._first = now
        waited_ms = (now - self._first) * 1000
        self._quiet.start(0 if waited_ms >= LONGEST_WAIT_MS else QUIET_MS)

    @Slot()
    def _tell(self) -> None:
        paths, self._paths = self._paths, set()
        everything, self._everything = self._everything, False
        if (paths or everything) and not self._stopping.is_set():
            self.changed.emit(FolderChanges(frozenset(Path(p) for p in paths), everything))

    @Slot()
    def _on_poll_timeout(self) -> None:
        """Compare each polled folder's entries with the last look."""
        for folder, before in list(self._polled.items()):
            if self._stopping.is_set():
                return
            listed = _listing(folder)
            if listed is None:
                del self._polled[folder]
                self._paths.add(folder)
                continue
            now, subfolders = listed
            if now == before:
                continue
            self._polled[folder] = now
            for name in before.keys() ^ now.keys() | {
                n for n in now.keys() & before.keys() if now[n] != before[n]
            }:
                self._paths.add(f"{folder}/{name.rstrip('/')}")
            depth = self._depth(folder)
            if depth < MAX_DEPTH:
                for sub in subfolders:
                    self._follow(sub, depth + 1)
        self._changes_came()


class FolderWatch(QObject):
    """Follows a plain folder's files while it is open (Linux: inotify; elsewhere, and past
    the share of watches one folder may take, a look every `POLL_MS`).

    `wanted`, called first on the watch's thread, says whether the folder is to be followed at
    all (a format's question may list the folder: never on the window's thread).
    """

    watching_started = Signal(object)
    """(Coverage) the folders are watched, or polled, from now on."""
    changed = Signal(object)
    """(FolderChanges) files of the folder were added, removed, renamed or written."""
    stopped = Signal()
    """The watch's thread has ended (after `stop`)."""

    _stop_requested = Signal()

    def __init__(
        self,
        root: Path,
        wanted: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
        *,
        limit: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self._thread = QThread()
        self._thread.setObjectName("folder-watch")
        lingering.track(self._thread)
        self._stopping = threading.Event()
        self._worker = _WatchWorker(
            root, wanted, self._stopping, watch_limit() if limit is None else limit
        )
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._stop_requested.connect(self._worker.stop)
        self.coverage: Coverage | None = None
        """How the folder is followed, once it is (`watching_started`)."""
        self._worker.watching_started.connect(self._on_worker_watching_started)
        self._worker.changed.connect(self.changed)
        self._thread.finished.connect(self.stopped)

    def _on_worker_watching_started(self, coverage: Coverage) -> None:
        self.coverage = coverage
        self.watching_started.emit(coverage)

    def start(self) -> None:
        """Start following the folder (on a thread of its own)."""
        self._thread.start(QThread.Priority.LowPriority)

    def stop(self, msecs: int = 1000) -> bool:
        """Stop following and end the thread, waiting up to `msecs` (0: not at all); whether it
        has ended (else `stopped` follows; after a wait, `lingering` keeps the thread)."""
        if not self._thread.isRunning():
            return True
        self._stopping.set()
        self._stop_requested.emit()
        if msecs <= 0:
            return False
        return lingering.stop(self._thread, msecs, self._worker)
