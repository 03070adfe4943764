"""Keeping an archive's search index current while the archive is open: its folders watched
(Linux inotify) on a thread of its own, and the records whose files change re-indexed."""

from __future__ import annotations

import dataclasses
import errno
import gc
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QThread, QTimer, Signal, Slot

from viewer.domain import archive as archive_loader
from viewer.domain import model, search
from viewer.domain import search_source as source
from viewer.domain.archive import RECORD_FILE
from viewer.services import indexer, inotify, lingering

_log = logging.getLogger(__name__)

MACHINE_TEXT_POLL_MS = 3000
"""How often the OCR cache is looked at for newly machine-read pages of the archive's scans (a
look is two stat() calls; the cache is read only when they changed)."""

SETTLE_MS = 30
"""How long a record's files must stay still before it is re-indexed: a save or a copy often
writes a file in several steps, and each step is reported."""
FREEZE_EVERY = 2_000
"""Record folders watched between two `gc.freeze()` calls."""


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
        machine_text: source.MachineText | None,
        complete: Callable[[model.Record], model.Record] | None = None,
        stopping: threading.Event | None = None,
    ) -> None:
        super().__init__()
        self._stopping = stopping or threading.Event()
        """Set (from any thread) when the keeper is to stop: long loops end early."""
        self._archive = archive
        self._text_layer = text_layer
        self._machine_text = machine_text
        self._complete = complete
        self._machine_stamp: object = None
        self._machine_versions: dict[str, str] = {}
        self._machine_changed: set[str] = set()
        """Scans (by path) whose machine-read text changed since the index took it in."""
        self._poll: QTimer | None = None
        self._location: search.IndexLocation | None = None
        self._records: dict[Path, model.Record | model.BrokenRecord] = {}
        """Every record with a record.toml, by folder: what the archive is now."""
        self._inotify: inotify.Inotify | None = None
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
        if self._machine_text is not None:
            self._machine_stamp = self._machine_text.stamp()
            self._machine_versions = self._machine_text.refresh()
            self._poll = QTimer(self)
            self._poll.setInterval(MACHINE_TEXT_POLL_MS)
            self._poll.timeout.connect(self._on_poll_timeout)
            self._poll.start()
        for count, record in enumerate(self._archive.records):
            if count % FREEZE_EVERY == 0 and (self._stopping.is_set() or lingering.interrupted()):
                return  # `stop` is queued next, or the process is ending
            if (record.folder / RECORD_FILE).is_file():  # not a bare PDF's record
                self._records[record.folder] = record
        if not inotify.Inotify.available():
            _log.info("Changes to the archive are seen when it is opened again (no inotify)")
            self.watching_started.emit(0)
            return
        try:
            self._inotify = inotify.Inotify()
        except OSError as error:
            _log.warning("Cannot watch the archive for changes: %s", error)
            self.watching_started.emit(0)
            return
        self._notifier = QSocketNotifier(self._inotify.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        for count, (folder, record) in enumerate(self._records.items(), 1):
            if self._stopping.is_set() or lingering.interrupted():
                return  # `stop` is queued next, or the process is ending
            self._watch_record(folder, record)
            if count % FREEZE_EVERY == 0:
                # The paths watched live as long as the watch: keep the cycle collector from
                # walking them again (its passes over 100,000 folders' paths hold the
                # interpreter lock, and so the window, for a tenth of a second).
                gc.freeze()
        self.watching_started.emit(len(self._folders))

    @Slot(object)
    def set_location(self, location: search.IndexLocation) -> None:
        self._location = location
        if self._changed or self._appeared or self._overflowed:
            self._on_timer_timeout()

    @Slot()
    def stop(self) -> None:
        inotify.end_watching(self._notifier, self._inotify, self._timer, self._poll)
        self._notifier = self._inotify = None
        self._timer = self._poll = None
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
            error = inotify.Inotify.last_error()
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
            if mask & inotify.IN_Q_OVERFLOW:
                self._overflowed = True
                continue
            folder = self._folders.get(wd)
            if folder is None:
                continue
            # Gone, or moved: its path is not its own.
            if mask & (inotify.IN_IGNORED | inotify.IN_MOVE_SELF):
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
            elif name and mask & inotify.IN_ISDIR:  # a folder came or went above the records
                path = folder / name
                if path in self._records:
                    self._changed.add(path)
                else:
                    self._appeared.add(path)
        if (self._changed or self._appeared or self._overflowed) and self._timer is not None:
            self._timer.start()  # restarted by every event: wait until the files are still

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._location is None or self._stopping.is_set():
            return  # the index is not ready yet: these changes wait for it (or never come)
        try:
            stats = self._apply_changes(self._location)
        except search.IndexCancelledError:
            return  # the keeper is stopping
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(indexer.error_message(error))
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
                return index.update(
                    self._archive,
                    self._text_layer,
                    cancelled=self._stopping.is_set,
                    machine_text=self._machine_text,
                )
            return index.update_records(
                self._archive, sorted(ids), self._text_layer, self._machine_text
            )

    @Slot()
    def _on_poll_timeout(self) -> None:
        """Re-index the records whose scans have more machine-read text than the index holds."""
        machine_text = self._machine_text
        if machine_text is None or self._location is None or self._stopping.is_set():
            return
        stamp = machine_text.stamp()
        if stamp != self._machine_stamp:
            self._machine_stamp = stamp
            versions = machine_text.refresh()
            old = self._machine_versions
            self._machine_versions = versions
            self._machine_changed |= {
                path for path in versions.keys() | old.keys() if versions.get(path) != old.get(path)
            }
        if not self._machine_changed:
            return
        changed, self._machine_changed = self._machine_changed, set()
        ids = sorted(
            {
                record.id
                for record in self._records.values()
                if isinstance(record, model.Record)
                for scan in record.scans
                if str(scan.path) in changed
            }
        )
        if not ids:
            return
        try:
            with search.SearchIndex.open(self._location) as index:
                stats = index.update_records(
                    self._archive, ids, self._text_layer, self._machine_text
                )
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(indexer.error_message(error))
            return
        self.updated.emit(stats)

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
    system's limit on watches, changes are seen when the archive is opened again. With
    `machine_text` (the OCR cache), the records whose scans are machine-read meanwhile are
    re-indexed too, every `MACHINE_TEXT_POLL_MS` at most. `complete` gives a record read again
    what was learnt of it since the archive was read (its PDF's own title, for a record whose
    title was guessed); it runs on the keeper's thread.
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
        machine_text: source.MachineText | None = None,
        complete: Callable[[model.Record], model.Record] | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("search-keeper")
        lingering.track(self._thread)
        self._stopping = threading.Event()
        self._worker = _KeeperWorker(archive, text_layer, machine_text, complete, self._stopping)
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
        has ended. Else `stopped` follows: with `msecs` 0, keep a reference until then; after a
        wait, the thread is kept until it ends (`lingering`) and this keeper may go."""
        if not self._thread.isRunning():
            return True
        self._stopping.set()
        self._stop_requested.emit()
        if msecs <= 0:
            return False
        return lingering.stop(self._thread, msecs, self._worker)
