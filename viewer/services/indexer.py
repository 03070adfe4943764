"""Indexing and searching off the GUI thread: each worker thread owns its own connection.

`IndexJob` brings an archive's index up to date when it is opened, `IndexKeeper` keeps it so
while it stays open, `SearchService` answers queries.
"""

from __future__ import annotations

import ctypes
import dataclasses
import errno
import logging
import os
import sqlite3
import struct
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QThread, QTimer, Signal, Slot

from viewer.domain import archive as archive_loader
from viewer.domain import model, search
from viewer.domain import search_source as source
from viewer.domain.archive import RECORD_FILE

_log = logging.getLogger(__name__)


def _message(error: BaseException) -> str:
    """A known error's own sentence; anything else named as a fault to report."""
    if isinstance(error, search.SearchError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename or 'The search index'}: {error.strerror or error}."
    _log.error("Unexpected error in search: %r", error, exc_info=error)
    return f"Unexpected error in search: {error!r}. Please report it."


class _IndexWorker(QObject):
    """Runs one update of one archive's index on the job's thread."""

    progress_changed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        archive: model.Archive,
        cache_dir: Path | None,
        text_layer: source.TextLayer | None,
        trust_shipped: bool,
        cancel: threading.Event,
    ) -> None:
        super().__init__()
        self._archive = archive
        self._cache_dir = cache_dir
        self._text_layer = text_layer
        self._trust_shipped = trust_shipped
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._update())
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(_message(error))
        finally:
            thread = self.thread()
            if thread is not None:
                thread.quit()

    def _update(self) -> search.IndexStats:
        location = search.choose_location(self._archive, self._cache_dir, self._trust_shipped)
        try:
            return self._update_at(location)
        except sqlite3.Error as error:
            if search.disk_full(error) and not location.read_only:
                raise search.no_room(location.path) from error
            raise

    def _update_at(self, location: search.IndexLocation) -> search.IndexStats:
        with search.SearchIndex.open(location) as index:
            if location.read_only:
                return search.IndexStats(
                    path=location.path,
                    unchanged=index.record_count(),
                    problems=index.problems(),
                    read_only=True,
                )
            return index.update(
                self._archive, self._text_layer, self.progress_changed.emit, self._cancel.is_set
            )


class IndexJob(QObject):
    """Brings one archive's index up to date on a worker thread, reporting progress.

    `index_finished` carries `search.IndexStats`; its `path` and `read_only` say which index to
    search (`search.IndexLocation(stats.path, stats.read_only)`). `text_layer` is called on the
    worker thread: in the app it must hand the PDF to the thread that owns PyMuPDF and wait.
    """

    progress_changed = Signal(int, int)
    """(records indexed, records to index)"""
    index_finished = Signal(object)
    """(search.IndexStats)"""
    index_failed = Signal(str)
    """(message a person can act on)"""

    def __init__(
        self,
        archive: model.Archive,
        cache_dir: Path | None = None,
        text_layer: source.TextLayer | None = None,
        trust_shipped: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("search-indexer")
        self._worker = _IndexWorker(archive, cache_dir, text_layer, trust_shipped, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress_changed.connect(self.progress_changed)
        self._worker.finished.connect(self.index_finished)
        self._worker.failed.connect(self.index_failed)

    def start(self) -> None:
        """Start indexing; results arrive as signals."""
        self._thread.start(QThread.Priority.LowPriority)

    def cancel(self) -> None:
        """Stop after the current batch; `index_failed` then says how far it got."""
        self._cancel.set()

    def is_running(self) -> bool:
        """True while the worker thread runs."""
        return self._thread.isRunning()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the worker thread to end (shutdown and tests); False on time-out."""
        if msecs < 0:
            return self._thread.wait()
        return self._thread.wait(msecs)


class _SearchWorker(QObject):
    """Owns the search connection on the service's thread."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    ids_found = Signal(int, list)

    def __init__(self, latest: list[int]) -> None:
        super().__init__()
        self._latest = latest
        self._index: search.SearchIndex | None = None

    @Slot(object)
    def open_index(self, location: object) -> None:
        assert isinstance(location, search.IndexLocation)
        self._close_index()
        try:
            self._index = search.SearchIndex.open(location)
        except Exception as error:  # reported, not raised: the thread must keep serving
            self.failed.emit(-1, _message(error))

    @Slot(int, str, object, int, int)
    def run_query(self, query_id: int, text: str, filters: object, limit: int, offset: int) -> None:
        if query_id != self._latest[0]:
            return  # a newer query replaced this one while it waited
        if self._index is None:
            self.failed.emit(query_id, "No search index is open yet.")
            return
        assert isinstance(filters, search.Filters)
        try:
            results = self._index.search(text, filters, limit, offset)
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(query_id, _message(error))
            return
        if query_id == self._latest[0]:
            self.finished.emit(query_id, results)

    @Slot(int, str, object)
    def find_ids(self, request_id: int, text: str, filters: object) -> None:
        if self._index is None:
            self.failed.emit(request_id, "No search index is open yet.")
            return
        assert isinstance(filters, search.Filters)
        try:
            ids = self._index.record_ids(text, filters)
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(request_id, _message(error))
            return
        self.ids_found.emit(request_id, ids)

    @Slot()
    def shut_down(self) -> None:
        self._close_index()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    def _close_index(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


_Filters = search.Filters
_NO_FILTERS = search.Filters()
_ID_REQUESTS = 1 << 30
"""Requests for record ids are numbered from here, apart from the queries they do not replace."""


class SearchService(QObject):
    """Runs queries on a worker thread; a new query replaces any that has not run yet."""

    search_finished = Signal(int, object)
    """(query id, search.SearchResults): only for the latest query"""
    search_failed = Signal(int, str)
    """(query id, message); id -1 when the index could not be opened"""
    ids_found = Signal(int, list)
    """(request id, the id of every matching record in list order), for `find_record_ids`"""

    _open_requested = Signal(object)
    _query_requested = Signal(int, str, object, int, int)
    _ids_requested = Signal(int, str, object)
    _shutdown_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = [0]
        self._requests = 0
        self._thread = QThread()
        self._thread.setObjectName("search")
        self._worker = _SearchWorker(self._latest)
        self._worker.moveToThread(self._thread)
        self._open_requested.connect(self._worker.open_index)
        self._query_requested.connect(self._worker.run_query)
        self._ids_requested.connect(self._worker.find_ids)
        self._worker.ids_found.connect(self.ids_found)
        self._shutdown_requested.connect(self._worker.shut_down)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self.search_failed)
        self._thread.start()

    def open(self, location: search.IndexLocation) -> None:
        """Search the index at `location` from now on (reopen it after the index changed)."""
        self._open_requested.emit(location)

    def search(
        self,
        text: str,
        filters: search.Filters = search.Filters(),  # noqa: B008 - frozen value
        limit: int = 50,
        offset: int = 0,
    ) -> int:
        """Queue a query (its hits from `offset` on); its id, which `search_finished` carries
        back."""
        self._latest[0] += 1
        query_id = self._latest[0]
        self._query_requested.emit(query_id, text, filters, limit, offset)
        return query_id

    def find_record_ids(
        self,
        text: str,
        filters: _Filters = _NO_FILTERS,
    ) -> int:
        """Ask for every matching record's id (an export); the request id `ids_found` carries.

        Failures come back through `search_failed` with the request id. It does not replace the
        query being typed.
        """
        self._requests += 1
        request_id = _ID_REQUESTS + self._requests
        self._ids_requested.emit(request_id, text, filters)
        return request_id

    def _on_worker_finished(self, query_id: int, results: object) -> None:
        if query_id == self._latest[0]:
            self.search_finished.emit(query_id, results)

    def shut_down(self, msecs: int = 5000) -> bool:
        """Close the index and end the worker thread; False if it did not end in time."""
        if not self._thread.isRunning():
            return True
        self._shutdown_requested.emit()
        return self._thread.wait(msecs)


# -- keeping the index current while the archive is open ------------------------------------------

SETTLE_MS = 30
"""How long a record's files must stay still before it is re-indexed: a save or a copy often
writes a file in several steps, and each step is reported."""

_IN_MODIFY = 0x2
_IN_ATTRIB = 0x4
_IN_CLOSE_WRITE = 0x8
_IN_MOVED_FROM = 0x40
_IN_MOVED_TO = 0x80
_IN_CREATE = 0x100
_IN_DELETE = 0x200
_IN_DELETE_SELF = 0x400
_IN_MOVE_SELF = 0x800
_IN_Q_OVERFLOW = 0x4000
_IN_IGNORED = 0x8000
_IN_ONLYDIR = 0x01000000
_IN_ISDIR = 0x40000000
_WATCH_MASK = (
    _IN_MODIFY
    | _IN_ATTRIB
    | _IN_CLOSE_WRITE
    | _IN_MOVED_FROM
    | _IN_MOVED_TO
    | _IN_CREATE
    | _IN_DELETE
    | _IN_DELETE_SELF
    | _IN_MOVE_SELF
    | _IN_ONLYDIR
)
_EVENT = struct.Struct("iIII")


class _Inotify:
    """Linux inotify on folders: which entries of a watched folder changed, writes included.

    A folder's watch reports writes to the files in it (IN_MODIFY), which QFileSystemWatcher's
    folder watches leave out: it would need a watch per file, three times as many, and adding
    30,000 of them took 1.2 s here, holding Python's global lock (the window froze) throughout.
    Adding 10,000 folder watches this way takes ~30 ms, without the lock.
    """

    def __init__(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._add = libc.inotify_add_watch
        self._add.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        self._add.restype = ctypes.c_int
        self.fd = int(libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC))
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))

    @staticmethod
    def available() -> bool:
        """Whether this system has inotify (Linux)."""
        if not sys.platform.startswith("linux"):
            return False
        try:
            return hasattr(ctypes.CDLL(None), "inotify_init1")
        except OSError:
            return False

    def watch(self, folder: str) -> int:
        """Watch `folder`; its watch descriptor, or -1 (gone, not a folder, or over the limit)."""
        return int(self._add(self.fd, os.fsencode(folder), _WATCH_MASK))

    def read(self) -> list[tuple[int, int, str]]:
        """The events waiting: (watch descriptor, mask, name of the entry or "")."""
        events: list[tuple[int, int, str]] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return events
            if not data:
                return events
            offset = 0
            while offset + _EVENT.size <= len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                offset += _EVENT.size
                name = os.fsdecode(data[offset : offset + length].rstrip(b"\0"))
                offset += length
                events.append((wd, mask, name))

    def close(self) -> None:
        os.close(self.fd)


class _KeeperWorker(QObject):
    """On the keeper's thread: watches the archive's folders and re-indexes the records whose
    files change."""

    watching_started = Signal(int)
    updated = Signal(object)
    failed = Signal(str)
    archive_changed = Signal(object)

    def __init__(
        self,
        archive: model.Archive,
        text_layer: source.TextLayer | None,
        complete: Callable[[model.Record], model.Record] | None = None,
    ) -> None:
        super().__init__()
        self._archive = archive
        self._text_layer = text_layer
        self._complete = complete
        self._location: search.IndexLocation | None = None
        self._records: dict[Path, model.Record | model.BrokenRecord] = {}
        """Every record with a record.toml, by folder: what the archive is now."""
        self._inotify: _Inotify | None = None
        self._notifier: QSocketNotifier | None = None
        self._folders: dict[int, Path] = {}
        """Watched folder of each watch descriptor."""
        self._owner: dict[Path, Path | None] = {}
        """The record folder each watched folder belongs to (None for the folders above them)."""
        self._changed: set[Path] = set()
        self._appeared: set[Path] = set()
        self._overflowed = False
        self._limited = False
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        """Watch every record folder, the folders its files are in, and the folders above."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        for record in self._archive.records:
            if (record.folder / RECORD_FILE).is_file():  # not a bare PDF's record
                self._records[record.folder] = record
        if not _Inotify.available():
            _log.info("Changes to the archive are seen when it is opened again (no inotify)")
            self.watching_started.emit(0)
            return
        try:
            self._inotify = _Inotify()
        except OSError as error:
            _log.warning("Cannot watch the archive for changes: %s", error)
            self.watching_started.emit(0)
            return
        self._notifier = QSocketNotifier(self._inotify.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        for folder, record in self._records.items():
            self._watch_record(folder, record)
        self.watching_started.emit(len(self._folders))

    @Slot(object)
    def set_location(self, location: search.IndexLocation) -> None:
        self._location = location
        if self._changed or self._appeared or self._overflowed:
            self._on_timer_timeout()

    @Slot()
    def stop(self) -> None:
        # The notifier and timer belong to this thread: they are deleted here, not later.
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.setParent(None)
            self._notifier = None
        if self._inotify is not None:
            self._inotify.close()
            self._inotify = None
        if self._timer is not None:
            self._timer.stop()
            self._timer.setParent(None)
            self._timer = None
        thread = self.thread()
        if thread is not None:
            thread.quit()

    def _watch_record(self, folder: Path, record: model.Record | model.BrokenRecord) -> None:
        folders = {folder}
        if isinstance(record, model.Record):
            folders |= {item.path.parent for item in record.transcripts}
            folders |= {item.path.parent for item in record.scans}
        for path in folders:
            self._watch(path, folder)
        root = self._archive.root
        above = folder.parent
        while above not in self._owner and (above == root or root in above.parents):
            self._watch(above, None)
            above = above.parent

    def _watch(self, path: Path, owner: Path | None) -> None:
        if path in self._owner:
            if owner is not None:
                self._owner[path] = owner  # a folder above the records became one
            return
        if self._inotify is None or self._limited:
            return
        wd = self._inotify.watch(str(path))
        if wd < 0:
            error = ctypes.get_errno()
            if error == errno.ENOSPC:
                self._limited = True
                _log.warning(
                    "Watching %d folders of the archive for changes: the system's limit "
                    "(fs.inotify.max_user_watches) is reached; changes elsewhere are seen when "
                    "the archive is opened again",
                    len(self._folders),
                )
            else:
                _log.info("Not watching %s for changes: %s", path, os.strerror(error))
            return
        self._folders[wd] = path
        self._owner[path] = owner

    @Slot()
    def _on_notifier_activated(self) -> None:
        if self._inotify is None:
            return
        for wd, mask, name in self._inotify.read():
            if mask & _IN_Q_OVERFLOW:
                self._overflowed = True
                continue
            folder = self._folders.get(wd)
            if folder is None:
                continue
            if mask & (_IN_IGNORED | _IN_MOVE_SELF):  # gone, or moved: its path is not its own
                del self._folders[wd]
                owner = self._owner.pop(folder, None)
                if owner is not None:
                    self._changed.add(owner)
                continue
            owner = self._owner.get(folder)
            if owner is not None:
                self._changed.add(owner)
            elif name == RECORD_FILE:  # a folder above the records became one, or ceased to
                self._changed.add(folder)
            elif name and mask & _IN_ISDIR:  # a folder came or went above the records
                path = folder / name
                if path in self._records:
                    self._changed.add(path)
                else:
                    self._appeared.add(path)
        if (self._changed or self._appeared or self._overflowed) and self._timer is not None:
            self._timer.start()  # restarted by every event: wait until the files are still

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._location is None:
            return  # the index is not ready yet: these changes wait for it
        try:
            stats = self._apply_changes(self._location)
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(_message(error))
            return
        if stats is not None:
            self.updated.emit(stats)

    def _apply_changes(self, location: search.IndexLocation) -> search.IndexStats | None:
        changed, self._changed = self._changed, set()
        appeared, self._appeared = self._appeared, set()
        overflowed, self._overflowed = self._overflowed, False
        if overflowed:  # events were lost: look at everything, as when the archive is opened
            changed |= set(self._records)
            appeared.add(self._archive.root)
        for path in appeared:
            self._discover(path, changed)
        ids: set[str] = set()
        added = False
        for folder in changed:
            old = self._records.get(folder)
            if old is not None:
                ids.add(old.id)
            if (folder / RECORD_FILE).is_file():
                record = archive_loader.load_record(folder)
                if self._complete is not None and isinstance(record, model.Record):
                    record = self._complete(record)  # what its PDF said, read before
                added = added or old is None
                self._records[folder] = record  # in its place: the order is kept
                ids.add(record.id)
                self._watch_record(folder, record)
            else:
                self._records.pop(folder, None)
        if added:  # in the loader's order again
            self._records = dict(sorted(self._records.items(), key=lambda item: item[0].parts))
        ids.discard("")
        if not ids:
            return None
        self._archive = dataclasses.replace(self._archive, records=self._ordered_records())
        self.archive_changed.emit(self._archive)
        with search.SearchIndex.open(location) as index:
            if overflowed:
                return index.update(self._archive, self._text_layer)
            return index.update_records(self._archive, sorted(ids), self._text_layer)

    def _discover(self, folder: Path, records: set[Path]) -> None:
        """Add the record folders in or below a new `folder` to `records`; watch the folders
        between them, so that records still being copied in are seen when they arrive."""
        if (folder / RECORD_FILE).is_file():
            records.add(folder)
            return
        root = self._archive.root
        if folder != root and root not in folder.parents:
            return
        if len(folder.relative_to(root).parts) > archive_loader.MAX_DEPTH:
            return
        self._watch(folder, None)  # first: what arrives after the listing is reported
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                self._discover(Path(entry.path), records)

    def _ordered_records(self) -> tuple[model.Record | model.BrokenRecord, ...]:
        """The records, in the loader's order; a second record with an id already used is
        broken, as the loader makes it."""
        records: list[model.Record | model.BrokenRecord] = []
        seen: set[str] = set()
        for record in self._records.values():
            if isinstance(record, model.Record) and record.id in seen:
                reason = f"the id {record.id!r} is used by another record"
                records.append(model.BrokenRecord(record.folder, reason, record.id))
            else:
                records.append(record)
            seen.add(record.id)
        return tuple(records)


class IndexKeeper(QObject):
    """Keeps an archive's cache index current while the archive is open (Linux: inotify).

    It watches the record folders from `start()`; once `set_location` names the index (after
    the `IndexJob` that brought it up to date), each change re-indexes only the records whose
    files changed (`SearchIndex.update_records`): files written in place, replaced, added or
    removed, record.toml edited, record folders added or removed. Elsewhere, or past the
    system's limit on watches, changes are seen when the archive is opened again. `complete`
    gives a record read again what was learnt of it since the archive was read (its PDF's own
    title, for a record whose title was guessed); it runs on the keeper's thread.
    """

    watching_started = Signal(int)
    """(folders watched; 0 when changes cannot be watched here)"""
    index_updated = Signal(object)
    """(search.IndexStats of the records re-indexed)"""
    archive_changed = Signal(object)
    """(model.Archive as it is on disk now: records edited, added or removed; unchanged records
    are the same objects as before)"""
    update_failed = Signal(str)
    """(message a person can act on)"""
    stopped = Signal()
    """The keeper's thread has ended (after `stop`)."""

    _location_set = Signal(object)
    _stop_requested = Signal()

    def __init__(
        self,
        archive: model.Archive,
        text_layer: source.TextLayer | None = None,
        parent: QObject | None = None,
        complete: Callable[[model.Record], model.Record] | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("search-keeper")
        self._worker = _KeeperWorker(archive, text_layer, complete)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._location_set.connect(self._worker.set_location)
        self._stop_requested.connect(self._worker.stop)
        self._worker.watching_started.connect(self.watching_started)
        self._worker.updated.connect(self.index_updated)
        self._worker.archive_changed.connect(self.archive_changed)
        self._worker.failed.connect(self.update_failed)
        self._thread.finished.connect(self.stopped)

    def start(self) -> None:
        """Start watching (on a thread of its own)."""
        self._thread.start(QThread.Priority.LowPriority)

    def set_location(self, location: search.IndexLocation) -> None:
        """Update the index at `location` from now on, with the changes seen so far first."""
        self._location_set.emit(location)

    def stop(self, msecs: int = 3000) -> bool:
        """Stop watching and end the thread, waiting up to `msecs` (0: not at all); whether it
        has ended (else `stopped` follows: keep a reference until then)."""
        if not self._thread.isRunning():
            return True
        self._stop_requested.emit()
        return self._thread.wait(msecs) if msecs > 0 else False
