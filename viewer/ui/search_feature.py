"""Archive search and find-in-document, added to the reading window once its first page is shown.

Kept apart from the window so that start-up loads none of it: the search index, its panel and the
find bar cost a tenth of a second to import, which the first page does not need to wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget, QMenu, QTextBrowser, QVBoxLayout

from viewer import paths
from viewer.domain import ocr_cache
from viewer.domain.model import Archive
from viewer.domain.search import IndexLocation, IndexStats
from viewer.domain.search_source import TextLayer
from viewer.services import i18n
from viewer.services.index_keeper import IndexKeeper
from viewer.services.indexer import IndexJob, SearchService
from viewer.ui.find_bar import FindBar
from viewer.ui.messages import Level, MessageBar
from viewer.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from viewer.domain.model import BrokenRecord, Record
    from viewer.ui.scan_view import ScanPane


SHUTDOWN_WAIT_MS = 1000
"""How long closing waits for each indexing thread, asked to stop, to end (it takes a fraction of
a second; one that takes longer ends on its own, kept alive until then)."""


class SearchFeature(QObject):
    """The Search panel, the find bar, and the background index that feeds them."""

    archive_changed = Signal(object)
    """(Archive) The open archive as it is on disk now, after records were edited, added or
    removed (seen by the index's keeper)."""

    def __init__(
        self,
        *,
        dock: QDockWidget,
        transcript_column: QVBoxLayout,
        browser: QTextBrowser,
        edit_menu: QMenu,
        messages: MessageBar,
        find_archive_record: Callable[[str], Record | BrokenRecord | None],
        show_record: Callable[[Record | BrokenRecord], None],
        scan: ScanPane,
        service: SearchService | None,
        problem: str,
        text_layer: TextLayer | None,
    ) -> None:
        super().__init__(dock)
        self._browser = browser
        self._messages = messages
        self._told: set[str] = set()
        self._find_record = find_archive_record
        self._show_record = show_record
        self._service = service
        self._text_layer = text_layer
        # Pages machine-read (OCR) into the user's cache are searchable too, marked as such.
        self._machine_text = ocr_cache.RecognisedText(ocr_cache.default_path(paths.cache_dir()))
        self._job: IndexJob | None = None
        self._cancelled_jobs: list[IndexJob] = []
        """Jobs replaced by a newer one: cancelled, perhaps not ended yet."""
        self._keeper: IndexKeeper | None = None
        self._stopping: set[IndexKeeper] = set()
        self._id_requests: dict[int, Callable[[list[Record]], None]] = {}
        self._notes_file: Path | None = None
        self._archive_title: str | None = None
        self._open_note: Callable[[str, int], None] | None = None
        self.panel = SearchPanel(service.search if service is not None else None)
        dock.setWidget(self.panel)
        self.find_bar = FindBar()
        self.find_bar.attach(browser)
        # What the find bar looks for is marked, counted and stepped through on the scan too.
        self.find_bar.attach_scan(scan)
        transcript_column.insertWidget(0, self.find_bar)
        edit_menu.addAction(self.find_bar.next_action)
        edit_menu.addAction(self.find_bar.previous_action)
        self.panel.hit_opened.connect(self._on_panel_hit_opened)
        self.panel.note_hit_opened.connect(self._on_panel_note_hit_opened)
        if service is not None:
            service.search_finished.connect(self.panel.show_results)
            service.search_failed.connect(self._on_service_search_failed)
            service.ids_found.connect(self._on_service_ids_found)
        else:
            self.panel.set_index_error(
                problem or self.tr("Search is not available on this computer.")
            )

    def start_indexing(
        self, archive: Archive, complete: Callable[[Record], Record] | None = None
    ) -> None:
        """Bring `archive`'s index up to date in the background, search it when ready, and keep
        it up to date while the archive stays open (records read again after an edit on disk
        completed by `complete`)."""
        if self._job is not None:
            self._job.cancel()
            self._cancelled_jobs = [job for job in self._cancelled_jobs if job.is_running()]
            self._cancelled_jobs.append(self._job)
        self._stop_keeper()
        self.panel.reset()
        if self._service is None:
            return
        self._archive_title = archive.title
        self._service.search_notes(self._notes_file, archive.title)
        # Watching starts along with the job: a change made while the job runs, to a folder
        # watched by then, is applied after it.
        keeper = IndexKeeper(
            archive,
            text_layer=self._text_layer,
            parent=self,
            machine_text=self._machine_text,
            complete=complete,
        )
        keeper.index_updated.connect(self._on_keeper_index_updated)
        keeper.archive_changed.connect(
            lambda archive, keeper=keeper: self._on_keeper_archive_changed(keeper, archive)
        )
        keeper.update_failed.connect(self._on_keeper_update_failed)
        self._keeper = keeper
        keeper.start()
        job = IndexJob(
            archive,
            cache_dir=paths.cache_dir(),
            text_layer=self._text_layer,
            parent=self,
            machine_text=self._machine_text,
            apart=True,  # in a child process: its Python never holds the window's
        )
        job.progress_changed.connect(self.panel.set_progress)
        job.index_finished.connect(lambda stats, job=job: self._on_job_index_finished(job, stats))
        job.index_failed.connect(lambda message, job=job: self._on_job_index_failed(job, message))
        self._job = job
        job.start()

    def search_notes(self, path: Path, open_note: Callable[[str, int], None]) -> None:
        """Find the reader's notes in the notes file at `path` too (never in a kiosk, which has
        none); a hit found by a note is opened by `open_note(record id, note id)`."""
        self._notes_file = path
        self._open_note = open_note
        if self._service is not None and self._archive_title is not None:
            self._service.search_notes(path, self._archive_title)

    def find_all_matches(self, on_records: Callable[[list[Record]], None]) -> None:
        """Give `on_records` every readable record the listed search matches (not only those
        listed yet), in list order, once the index has found them; [] without a search."""
        matches = self.panel.all_matches()
        if self._service is None or matches is None:
            on_records([])
            return
        request = self._service.find_record_ids(*matches)
        self._id_requests[request] = on_records

    def _on_service_ids_found(self, request: int, ids: list[str]) -> None:
        on_records = self._id_requests.pop(request, None)
        if on_records is None:
            return
        from viewer.domain.model import Record  # noqa: PLC0415

        found = (self._find_record(record_id) for record_id in ids)
        on_records([record for record in found if isinstance(record, Record)])

    def open_find(self, selected: str) -> None:
        """Open the find bar, on the selected words when there are any."""
        self.find_bar.open_with(selected or None)

    def focus_search(self) -> None:
        """Put the cursor in the archive search box."""
        self.panel.focus_search()

    def shut_down(self) -> None:
        """Stop indexing and searching (the window is closing): every thread is asked to stop,
        then waited for a moment; one that has not ended by then is kept until it does
        (`services.lingering`), never destroyed while it runs."""
        jobs = [*self._cancelled_jobs, *([self._job] if self._job is not None else [])]
        self._job, self._cancelled_jobs = None, []
        for job in jobs:
            job.cancel()
        self._stop_keeper()
        for job in jobs:
            job.stop(SHUTDOWN_WAIT_MS)
        for keeper in list(self._stopping):
            keeper.stop(SHUTDOWN_WAIT_MS)
        self._stopping.clear()
        self.find_bar.shut_down()

    def _stop_keeper(self) -> None:
        keeper, self._keeper = self._keeper, None
        if keeper is None:
            return
        if keeper.stop(0):
            keeper.deleteLater()
        else:  # it may be busy for a moment: let it end on its own
            self._stopping.add(keeper)
            keeper.stopped.connect(lambda keeper=keeper: self._on_keeper_stopped(keeper))

    def _on_keeper_stopped(self, keeper: IndexKeeper) -> None:
        self._stopping.discard(keeper)
        keeper.deleteLater()

    def _on_job_index_finished(self, job: IndexJob, stats: IndexStats) -> None:
        if job is not self._job or self._service is None:
            return
        location = IndexLocation(stats.path, stats.read_only)
        self._service.open(location)
        if self._keeper is not None:
            if stats.read_only:
                self._stop_keeper()  # a shipped index is searched as it is
            else:
                self._keeper.set_location(location)
        self.panel.set_index_ready()
        if stats.problems:
            first = stats.problems[0].reason.rstrip(".")
            if len(stats.problems) == 1:
                text = self.tr(
                    "Search: 1 record or file could not be indexed and is not searchable "
                    "({reason})."
                ).format(reason=first)
            else:
                text = self.tr(
                    "Search: {count} records or files could not be indexed and are not searchable "
                    "(first: {reason})."
                ).format(count=i18n.number(len(stats.problems)), reason=first)
            self._messages.show_message(Level.WARNING, text)

    def _on_job_index_failed(self, job: IndexJob, message: str) -> None:
        if job is not self._job:
            return  # cancelled: another archive is open, or the window is closing
        self._stop_keeper()
        self.panel.set_index_error(message)
        if message not in self._told:  # said once in the message bar, not only in the panel
            self._told.add(message)
            self._messages.show_message(
                Level.WARNING, self.tr("Search: {reason}").format(reason=message)
            )

    def _on_keeper_archive_changed(self, keeper: IndexKeeper, archive: Archive) -> None:
        if keeper is self._keeper:  # not one of an archive closed since
            self.archive_changed.emit(archive)

    def _on_keeper_index_updated(self, _stats: IndexStats) -> None:
        self.panel.set_index_ready()  # the results shown may have changed: ask again

    def _on_keeper_update_failed(self, message: str) -> None:
        self._messages.show_message(
            Level.WARNING,
            self.tr("Search: a change to the archive could not be indexed ({reason}).").format(
                reason=message.rstrip(".")
            ),
        )

    def _on_service_search_failed(self, query_id: int, message: str) -> None:
        if self._id_requests.pop(query_id, None) is not None:
            self._messages.show_message(
                Level.ERROR,
                self.tr("The search results cannot be exported: {reason}").format(reason=message),
            )
        elif query_id < 0:
            self.panel.set_index_error(message)
        else:
            self.panel.show_error(query_id, message)

    def _on_panel_note_hit_opened(self, record_id: str, note_id: int) -> None:
        if self._open_note is not None:
            self._open_note(record_id, note_id)

    def _on_panel_hit_opened(self, record_id: str, query: str) -> None:
        record = self._find_record(record_id)
        if record is None:
            return
        self._show_record(record)
        self.find_bar.highlight_query(self._browser, query)
