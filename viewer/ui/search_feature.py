"""Archive search and find-in-document, added to the reading window once its first page is shown.

Kept apart from the window so that start-up loads none of it: the search index, its panel and the
find bar cost a tenth of a second to import, which the first page does not need to wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QMenu, QTextBrowser, QVBoxLayout

from viewer.domain.model import Archive
from viewer.domain.search import IndexLocation, IndexStats
from viewer.domain.search_source import TextLayer
from viewer.services import i18n, paths
from viewer.services.indexer import IndexJob, SearchService
from viewer.ui.find_bar import FindBar
from viewer.ui.messages import Level, MessageBar
from viewer.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from viewer.domain.model import BrokenRecord, Record


class SearchFeature(QObject):
    """The Search panel, the find bar, and the background index that feeds them."""

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
        highlight_scan: Callable[[str], None],
        service: SearchService | None,
        problem: str,
        text_layer: TextLayer | None,
    ) -> None:
        super().__init__(dock)
        self._browser = browser
        self._messages = messages
        self._find_record = find_archive_record
        self._show_record = show_record
        self._highlight_scan = highlight_scan
        self._service = service
        self._text_layer = text_layer
        self._job: IndexJob | None = None
        self.panel = SearchPanel(service.search if service is not None else None)
        dock.setWidget(self.panel)
        self.find_bar = FindBar()
        self.find_bar.attach(browser)
        transcript_column.insertWidget(0, self.find_bar)
        edit_menu.addAction(self.find_bar.next_action)
        edit_menu.addAction(self.find_bar.previous_action)
        self.panel.hit_opened.connect(self._on_panel_hit_opened)
        # What the find bar looks for is marked on the scan too, where it has a text layer.
        self.find_bar.query_changed.connect(highlight_scan)
        if service is not None:
            service.search_finished.connect(self.panel.show_results)
            service.search_failed.connect(self._on_service_search_failed)
        else:
            self.panel.set_index_error(
                problem or self.tr("Search is not available on this computer.")
            )

    def start_indexing(self, archive: Archive) -> None:
        """Bring `archive`'s index up to date in the background; search it when ready."""
        if self._job is not None:
            self._job.cancel()
        self.panel.reset()
        if self._service is None:
            return
        job = IndexJob(
            archive, cache_dir=paths.cache_dir(), text_layer=self._text_layer, parent=self
        )
        job.progress_changed.connect(self.panel.set_progress)
        job.index_finished.connect(lambda stats, job=job: self._on_job_index_finished(job, stats))
        job.index_failed.connect(self.panel.set_index_error)
        self._job = job
        job.start()

    def open_find(self, selected: str) -> None:
        """Open the find bar, on the selected words when there are any."""
        self.find_bar.open_with(selected or None)

    def focus_search(self) -> None:
        """Put the cursor in the archive search box."""
        self.panel.focus_search()

    def shut_down(self) -> None:
        """Stop indexing and searching (the window is closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait(3000)
        self.find_bar.shut_down()

    def _on_job_index_finished(self, job: IndexJob, stats: IndexStats) -> None:
        if job is not self._job or self._service is None:
            return
        self._service.open(IndexLocation(stats.path, stats.read_only))
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

    def _on_service_search_failed(self, query_id: int, message: str) -> None:
        if query_id < 0:
            self.panel.set_index_error(message)
        else:
            self.panel.show_error(query_id, message)

    def _on_panel_hit_opened(self, record_id: str, query: str) -> None:
        record = self._find_record(record_id)
        if record is None:
            return
        self._show_record(record)
        self.find_bar.highlight_query(self._browser, query)
        self._highlight_scan(query)
