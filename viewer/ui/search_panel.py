"""Search the archive: a box that searches as you type, ranked hits with snippets, facets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import search, search_query
from viewer.services import i18n
from viewer.ui import search_facets
from viewer.ui.item_views import DownLineEdit, EnterListView
from viewer.ui.search_results import (
    ResultListModel,
    RichTextDelegate,
    hit_html,
    hit_plain,
    machine_read_text,
    total_text,
)

__all__ = [
    "ResultListModel",
    "RichTextDelegate",
    "SearchFunction",
    "SearchPanel",
    "hit_html",
    "hit_plain",
    "machine_read_text",
    "total_text",
]

SearchFunction = Callable[..., int]
"""Queues a query and returns its id (`SearchService.search`): text, filters, and the keyword
`offset` when the list asks for the hits after those it holds."""
DEBOUNCE_MS = 150
"""Typing pauses this long before a query is sent: a new keystroke replaces the query."""


class _SearchBox(DownLineEdit):
    """The query box: Down moves into the results, Enter searches at once."""

    return_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.return_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Searches as you type (throttled), lists ranked hits, narrows them by facets.

    Queries go through the `search(text, filters) -> query id` function given (the app passes
    `SearchService.search`); results come back through `show_results`, and only those of the
    latest query are shown.
    """

    hit_opened = Signal(str, str)
    """(record id, query text): a hit was clicked or Enter pressed on it."""
    note_hit_opened = Signal(str, int)
    """(record id, note id): a hit with a note of the reader's found was opened (instead of
    `hit_opened`): its record and the note's place are shown."""
    results_shown = Signal(int)
    """(records matching): the results of the latest query are on screen."""

    def __init__(
        self, search_function: SearchFunction | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Search"))
        self._search = search_function
        self._ready = False
        self._latest: int | None = None
        self._results: search.SearchResults | None = None

        self._box = _SearchBox()
        self._box.setAccessibleName(self.tr("Search the archive"))
        self._box.setPlaceholderText(self.tr('Search: words, "exact phrase", prefix*, OR, NOT'))
        self._box.setToolTip(
            self.tr(
                'Words must all appear; "an exact phrase"; prefix* matches word beginnings; '
                "a OR b; a NOT b (or -b); parentheses group. Case and accents are ignored."
            )
        )
        self._box.setClearButtonEnabled(True)
        self._box.textEdited.connect(self._on_box_text_edited)
        self._box.return_pressed.connect(self._on_box_return_pressed)
        self._box.down_pressed.connect(self._on_box_down_pressed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._request)

        self._status = QLabel()
        self._status.setTextFormat(Qt.TextFormat.PlainText)  # quotes the query as typed
        self._status.setAccessibleName(self.tr("Search status"))
        self._status.setWordWrap(True)
        self._progress = QProgressBar()
        self._progress.setAccessibleName(self.tr("Indexing progress"))
        self._progress.setTextVisible(False)
        self._progress.setMaximumHeight(8)
        self._progress.hide()

        self._build_facets()

        self._order = QComboBox()
        self._order.setAccessibleName(self.tr("Sort results"))
        self._order.addItem(self.tr("Best first"), False)
        self._order.addItem(self.tr("Oldest first"), True)
        self._order.currentIndexChanged.connect(self._on_facet_changed)
        self._appending = False
        self._model = ResultListModel(self)
        self._model.more_wanted.connect(self._on_model_more_wanted)
        self._view = EnterListView()
        self._view.setAccessibleName(self.tr("Search results"))
        self._view.setModel(self._model)
        self._view.setItemDelegate(RichTextDelegate(self._view))
        self._view.setResizeMode(QListView.ResizeMode.Adjust)
        self._view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self._view.setAlternatingRowColors(True)
        self._view.clicked.connect(self._on_view_opened)
        self._view.opened.connect(self._on_view_opened)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._box)
        status_row = QHBoxLayout()
        status_row.addWidget(self._status, 1)
        status_row.addWidget(self._order)
        layout.addLayout(status_row)
        layout.addWidget(self._progress)
        layout.addWidget(self._facets)
        layout.addWidget(self._view, 1)

    def _build_facets(self) -> None:
        """The facet choosers, in a form hidden until there are results."""
        facet = search_facets.FacetCombo
        self._decade = facet(self.tr("Any decade"), self.tr("Decade"))
        self._year = facet(self.tr("Any year"), self.tr("Year"))
        self._language = facet(self.tr("Any language"), self.tr("Language"))
        self._collection = facet(self.tr("Any collection"), self.tr("Collection"))
        self._text_layer = facet(self.tr("With or without"), self.tr("Scan text layer"))
        self._machine_read = facet(self.tr("Included"), self.tr("Machine-read text"))
        self._your_notes = facet(self.tr("Any record"), self.tr("Your notes"))
        self._your_notes.setToolTip(
            self.tr("Only the records with a note of yours (words, tags or quotation) found.")
        )
        self._machine_read.setToolTip(
            self.tr(
                "Text read from image-only scans by OCR, unchecked by a person. Leave it out to "
                "find only what people wrote or checked."
            )
        )
        for combo in self.facet_combos():
            combo.currentIndexChanged.connect(self._on_facet_changed)
        self._facets = QWidget()
        form = QFormLayout(self._facets)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Decade"), self._decade)
        form.addRow(self.tr("Year"), self._year)
        form.addRow(self.tr("Language"), self._language)
        form.addRow(self.tr("Collection"), self._collection)
        form.addRow(self.tr("Scan text"), self._text_layer)
        form.addRow(self.tr("Machine-read (OCR)"), self._machine_read)
        form.setRowVisible(self._machine_read, False)
        form.addRow(self.tr("Your notes"), self._your_notes)
        form.setRowVisible(self._your_notes, False)
        self._facet_form = form
        self._facets.hide()

    # -- wiring ---------------------------------------------------------------------------------

    def set_search_function(self, search_function: SearchFunction | None) -> None:
        """Send queries to `search_function` from now on."""
        self._search = search_function

    def reset(self) -> None:
        """Forget results and facets (another archive is opening); searching waits for its index."""
        self._ready = False
        self._latest = None
        self._results = None
        self._debounce.stop()
        self._model.set_hits(())
        for combo in self.facet_combos():
            combo.reset()
        self._facets.hide()
        self._status.clear()

    def clear(self) -> None:
        """Empty the box, the results, their count and the facets; the index stays searchable."""
        self._debounce.stop()
        self._box.clear()
        self._latest = None
        self._results = None
        self._appending = False
        self._model.set_hits(())
        for combo in self.facet_combos():
            combo.reset()
        self._order.setCurrentIndex(0)
        self._facets.hide()
        if self._ready:
            self._status.clear()

    def set_progress(self, done: int, total: int) -> None:
        """Indexing has reached `done` of `total` records."""
        self._progress.setRange(0, max(total, 1))
        self._progress.setValue(done)
        self._progress.show()
        if not self._ready:
            self._status.setText(
                self.tr("Indexing… {done} of {total}").format(
                    done=i18n.number(done), total=i18n.number(total)
                )
            )

    def set_index_ready(self) -> None:
        """The index can be searched: run what was typed meanwhile."""
        self._ready = True
        self._progress.hide()
        self._status.clear()
        if self._box.text().strip():
            self._request()

    def set_index_error(self, message: str) -> None:
        """Indexing failed: say so (searching stays off until an index is ready)."""
        self._progress.hide()
        self._status.setText(message)

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self._box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._box.selectAll()

    # -- results --------------------------------------------------------------------------------

    def show_results(self, query_id: int, results: object) -> None:
        """Show `results` if they answer the latest query; older answers are dropped."""
        if query_id != self._latest or not isinstance(results, search.SearchResults):
            return
        if self._appending:
            self._appending = False
            self._model.append_hits(results.hits)
        else:
            self._results = results
            self._model.set_hits(results.hits, results.total)
        status = total_text(results.total, self._model.rowCount())
        if results.sampled and not results.filters.by_date:
            status += ". " + self.tr(
                "Very common words: the best are picked from an even sample of the matches."
            )
        self._status.setText(status)
        self._update_facets(results.facets)
        self._facets.setVisible(results.total > 0 or not self.filters().is_empty())
        self.results_shown.emit(results.total)

    def show_error(self, query_id: int, message: str) -> None:
        """Say why the latest query (or, with id -1, the index) failed."""
        if query_id in (-1, self._latest):
            self._status.setText(message)

    def _update_facets(self, facets: search.FacetCounts) -> None:
        decade = self.tr("{decade}s")
        no_collection = self.tr("No collection")
        self._decade.set_counts(sorted(facets.decades), lambda value: decade.format(decade=value))
        self._year.set_counts(sorted(facets.years), str)
        self._language.set_counts(facets.languages, search_facets.language_label)
        self._collection.set_counts(facets.collections, lambda name: name or no_collection)
        layer = [
            (value, count)
            for value, count in (
                (search_facets.WITH_TEXT_LAYER, facets.with_text_layer),
                (search_facets.WITHOUT_TEXT_LAYER, facets.without_text_layer),
            )
            if count
        ]
        self._text_layer.set_counts(layer, search_facets.text_layer_label)
        # Offered when some match is only in machine-read text, or while it is left out.
        leave_out = search_facets.LEAVE_OUT_MACHINE_READ
        offered = facets.machine_read_only > 0 or self._machine_read.value() == leave_out
        counts = [(leave_out, facets.without_machine_read)] if offered else []
        self._machine_read.set_counts(counts, search_facets.machine_read_label)
        self._facet_form.setRowVisible(self._machine_read, offered)
        # Offered when a note of the reader's is found, or while only those are listed.
        only = search_facets.WITH_NOTES
        offered = facets.with_notes > 0 or self._your_notes.value() == only
        counts = [(only, facets.with_notes)] if offered else []
        self._your_notes.set_counts(counts, search_facets.notes_label)
        self._facet_form.setRowVisible(self._your_notes, offered)

    # -- state, for the window and tests --------------------------------------------------------

    def search_box(self) -> QLineEdit:
        """The query box."""
        return self._box

    def result_view(self) -> QListView:
        """The result list."""
        return self._view

    def result_model(self) -> ResultListModel:
        """The result list's model."""
        return self._model

    def status_text(self) -> str:
        """The line under the box: "17 records", "Indexing… 1,234 of 5,000", or an error."""
        return self._status.text()

    def facet_combos(self) -> tuple[search_facets.FacetCombo, ...]:
        """The facet choosers: decade, year, language, collection, text layer, machine-read,
        the reader's notes."""
        return (
            self._decade,
            self._year,
            self._language,
            self._collection,
            self._text_layer,
            self._machine_read,
            self._your_notes,
        )

    def machine_read_offered(self) -> bool:
        """Whether the choice to leave machine-read text out is on screen."""
        return self._facet_form.isRowVisible(self._machine_read)

    def notes_facet(self) -> search_facets.FacetCombo | None:
        """The choice of records with notes found, when it is on screen."""
        return self._your_notes if self._facet_form.isRowVisible(self._your_notes) else None

    def filters(self) -> search.Filters:
        """The facet choices as search filters."""
        return search.Filters(
            year=self._year.value(),
            decade=self._decade.value(),
            language=self._language.value(),
            collection=self._collection.value(),
            has_text_layer=search_facets.TEXT_LAYER_FILTERS.get(self._text_layer.value()),
            machine_read=self._machine_read.value() != search_facets.LEAVE_OUT_MACHINE_READ,
            with_notes=self._your_notes.value() == search_facets.WITH_NOTES,
            by_date=bool(self._order.currentData()),
        )

    def latest_query_id(self) -> int | None:
        """The id of the query whose results are awaited or shown."""
        return self._latest

    # -- querying -------------------------------------------------------------------------------

    def _on_box_text_edited(self, _text: str) -> None:
        self._debounce.start()

    def _on_box_return_pressed(self) -> None:
        self._debounce.stop()
        self._request()

    def _on_box_down_pressed(self) -> None:
        if self._model.rowCount():
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self._view.currentIndex().isValid():
                self._view.setCurrentIndex(self._model.index(0))

    def _on_facet_changed(self, _index: int) -> None:
        self._debounce.stop()
        self._request()

    def _request(self) -> None:
        """Send the box's query with the facet filters; an empty one clears the results."""
        text = self._box.text()
        if search_query.parse_query(text).is_empty:
            self._latest = None
            self._results = None
            self._model.set_hits(())
            self._facets.setVisible(not self.filters().is_empty())
            if text.strip():
                self._status.setText(
                    self.tr("Add a word to look for: NOT alone excludes everything.")
                )
            elif self._ready:
                self._status.clear()
            return
        if not self._ready or self._search is None:
            return  # set_index_ready runs it
        self._appending = False
        self._latest = self._search(text, self.filters())

    def _on_model_more_wanted(self) -> None:
        """The next hits of the query shown, for the end of the list."""
        results = self._results
        if results is None or self._search is None or not self._ready:
            return
        self._appending = True
        self._latest = self._search(
            results.query.text, results.filters, offset=self._model.rowCount()
        )

    def all_matches(self) -> tuple[str, search.Filters] | None:
        """The query and filters of the results shown (for exporting every match), or None."""
        if self._results is None:
            return None
        return self._results.query.text, self._results.filters

    def _on_view_opened(self, index: QModelIndex) -> None:
        record_id = index.data(ResultListModel.RECORD_ID_ROLE)
        hit = index.data(ResultListModel.HIT_ROLE)
        if isinstance(hit, search.Hit) and hit.note_id is not None:
            self.note_hit_opened.emit(hit.record_id, hit.note_id)
        elif record_id is not None and self._results is not None:
            self.hit_opened.emit(str(record_id), self._results.query.text)
