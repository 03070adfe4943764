"""Indexing and searching off the GUI thread: each worker thread owns its own connection.

`IndexJob` brings an archive's index up to date when it is opened, `SearchService` answers
queries; `index_keeper.IndexKeeper` keeps the index current while the archive stays open.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.domain import model, ocr_cache, search
from viewer.domain import search_source as source
from viewer.domain.notes.searching import NoteFinder
from viewer.services import index_process, lingering
from viewer.services.text_layers import TextLayerReader

_log = logging.getLogger(__name__)


error_message = index_process.error_message


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
        machine_text: source.MachineText | None,
        apart: bool,
    ) -> None:
        super().__init__()
        self._archive = archive
        self._machine_text = machine_text
        self._cache_dir = cache_dir
        self._text_layer = text_layer
        self._trust_shipped = trust_shipped
        self._cancel = cancel
        self._apart = apart

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._update())
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(error_message(error))
        finally:
            thread = self.thread()
            if thread is not None:
                thread.quit()

    def _update(self) -> search.IndexStats:
        if not self._apart:
            return index_process.update_index(
                self._archive,
                self._cache_dir,
                self._trust_shipped,
                self._text_layer,
                self.progress_changed.emit,
                self._cancelled,
                self._machine_text,
            )
        machine_text = self._machine_text
        job = index_process.Job(
            archive=dataclasses.replace(self._archive, records=()),
            count=len(self._archive.records),
            cache_dir=self._cache_dir,
            trust_shipped=self._trust_shipped,
            ocr_cache=machine_text.path
            if isinstance(machine_text, ocr_cache.RecognisedText)
            else None,
            text_layers=self._text_layer is not None,
        )
        return index_process.update_apart(
            job, self._archive.records, self.progress_changed.emit, self._cancelled
        )

    def _cancelled(self) -> bool:
        return self._cancel.is_set() or lingering.interrupted()


class IndexJob(QObject):
    """Brings one archive's index up to date on a worker thread, reporting progress.

    `index_finished` carries `search.IndexStats`; its `path` and `read_only` say which index to
    search (`search.IndexLocation(stats.path, stats.read_only)`). `text_layer` is called on the
    worker thread: in the app it must hand the PDF to the thread that owns PyMuPDF and wait.
    `machine_text` (the OCR cache) is read on the worker thread too.
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
        machine_text: source.MachineText | None = None,
        apart: bool = False,
    ) -> None:
        super().__init__(parent)
        # In a child process only with text that process can read for itself.
        apart = (
            apart
            and (text_layer is None or isinstance(text_layer, TextLayerReader))
            and (machine_text is None or isinstance(machine_text, ocr_cache.RecognisedText))
        )
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("search-indexer")
        lingering.track(self._thread)
        self._worker = _IndexWorker(
            archive, cache_dir, text_layer, trust_shipped, self._cancel, machine_text, apart
        )
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress_changed.connect(self.progress_changed)
        self._worker.finished.connect(self.index_finished)
        self._worker.failed.connect(self.index_failed)

    def start(self) -> None:
        """Start indexing; results arrive as signals."""
        self._thread.start(QThread.Priority.LowPriority)

    def cancel(self) -> None:
        """Stop within a fraction of a second (a text layer being read is finished first);
        `index_failed` then says how far it got. What was written is kept."""
        self._cancel.set()

    def stop(self, msecs: int) -> bool:
        """Cancel and wait up to `msecs` for the thread to end; whether it has. One that has
        not is kept until it ends (`lingering`): this job may go meanwhile."""
        self.cancel()
        return lingering.stop(self._thread, msecs, self._worker)

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
    ids_found = Signal(int, object)

    def __init__(self, latest: list[int]) -> None:
        super().__init__()
        self._latest = latest
        self._index: search.SearchIndex | None = None
        self._notes: NoteFinder | None = None

    @Slot(object, str)
    def open_notes(self, path: object, archive: str) -> None:
        """Find the notes of `archive` in the notes file at `path` too (None: no notes)."""
        if self._notes is not None:
            self._notes.close()
            self._notes = None
        if isinstance(path, Path):
            self._notes = NoteFinder(path, archive)

    def _notes_found(self, text: str) -> dict[str, tuple[int, str]]:
        if self._notes is None:
            return {}
        found = self._notes.find(text)
        return {record: (match.note_id, match.snippet) for record, match in found.items()}

    @Slot(object)
    def open_index(self, location: object) -> None:
        assert isinstance(location, search.IndexLocation)
        self._close_index()
        try:
            self._index = search.SearchIndex.open(location)
        except Exception as error:  # reported, not raised: the thread must keep serving
            self.failed.emit(-1, error_message(error))

    @Slot(int, str, object, int, int)
    def run_query(self, query_id: int, text: str, filters: object, limit: int, offset: int) -> None:
        if query_id != self._latest[0]:
            return  # a newer query replaced this one while it waited
        if self._index is None:
            self.failed.emit(query_id, "No search index is open yet.")
            return
        assert isinstance(filters, search.Filters)
        try:
            results = self._index.search(text, filters, limit, offset, self._notes_found(text))
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(query_id, error_message(error))
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
            ids = self._index.record_ids(text, filters, self._notes_found(text))
        except Exception as error:  # every failure goes back to the GUI as a signal
            self.failed.emit(request_id, error_message(error))
            return
        self.ids_found.emit(request_id, ids)

    @Slot()
    def shut_down(self) -> None:
        self._close_index()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    def _close_index(self) -> None:
        if self._notes is not None:
            self._notes.close()
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
    ids_found = Signal(int, object)
    """(request id, the id of every matching record in list order), for `find_record_ids`"""

    _open_requested = Signal(object)
    _notes_requested = Signal(object, str)
    _query_requested = Signal(int, str, object, int, int)
    _ids_requested = Signal(int, str, object)
    _shutdown_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = [0]
        self._requests = 0
        self._thread = QThread()
        self._thread.setObjectName("search")
        lingering.track(self._thread)
        self._worker = _SearchWorker(self._latest)
        self._worker.moveToThread(self._thread)
        self._open_requested.connect(self._worker.open_index)
        self._notes_requested.connect(self._worker.open_notes)
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

    def search_notes(self, path: Path | None, archive: str) -> None:
        """Find the reader's notes of `archive` (its title) in the notes file at `path` too,
        read on the search thread at each query (None: no notes, as in a kiosk)."""
        self._notes_requested.emit(path, archive)

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
        """Close the index and end the worker thread; False if it did not end in time (it is
        kept until it ends: `lingering`)."""
        if not self._thread.isRunning():
            return True
        self._latest[0] = -1  # queries still waiting are not run
        self._shutdown_requested.emit()
        return lingering.stop(self._thread, msecs, self._worker)
