"""The reading window: the record list, the transcript beside the scan, the metadata panel.

What is open is the reading session's (`services/reading_session.py`); the window lays out the
panels and docks, makes its menus from the table of commands (`ui/actions.py`) and hands the
rest to its parts: `opening.py` (opening things, progress, passwords), `record_display.py` (the
record shown), `window_state.py` (what is kept between runs) and `after_first_page.py` (the
record list, index, search and citation features)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.model import Archive, BrokenRecord, Record
from viewer.domain.transcript_export import TextFormat
from viewer.services import i18n
from viewer.services import settings as prefs
from viewer.services.jobs import Jobs
from viewer.services.messages import MessageChannel
from viewer.services.reading_session import ReadingSession
from viewer.services.settings import Layout, Settings, ViewState
from viewer.ui import actions, focus_frame, menu_bar, tab_order
from viewer.ui.after_first_page import AfterFirstPage
from viewer.ui.appearance import Appearance
from viewer.ui.messages import Level, MessageBar
from viewer.ui.metadata_panel import MetadataPanel
from viewer.ui.opening import Opening
from viewer.ui.record_display import APP_TITLE, RecordDisplay
from viewer.ui.scan_view import ScanPane
from viewer.ui.transcript_places import TranscriptPlaces
from viewer.ui.transcript_view import TranscriptPane
from viewer.ui.window_state import WindowMemory
from viewer.ui.zoom_keys import ReadingZoom

if TYPE_CHECKING:
    # Loaded after the first page is shown (after_first_page.py): none of it is needed to read.
    from PySide6.QtGui import QAction as _Action

    from viewer.domain.search_source import TextLayer
    from viewer.services.indexer import SearchService
    from viewer.ui.cite_panel import CitePanel
    from viewer.ui.find_bar import FindBar
    from viewer.ui.library import LibraryPanel
    from viewer.ui.print_feature import PrintFeature
    from viewer.ui.search_panel import SearchPanel

SearchFactory = Callable[[], "tuple[SearchService | None, str]"]
"""Makes the search service: (service, "") or (None, why search is not available)."""

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One archive (or one record, or one PDF) open for reading."""

    record_shown = Signal(object)
    """A record is now on screen (its metadata and transcript shown, its scan requested)."""
    archive_opened = Signal(object)
    pdf_metadata_read = Signal(float)
    """Every PDF of a plain folder has had its metadata read (seconds it took)."""
    citation_copied = Signal(str)
    sheet_columns_chosen = Signal(object, object, object)
    """A person confirmed the columns of a sheet of records: (the sheet's Path, header name to
    field, the Path to open again: the sheet or the folder holding it)."""

    def __init__(
        self,
        session: ReadingSession,
        channel: MessageChannel,
        jobs: Jobs,
        scan_pane: ScanPane,
        settings: Settings,
        view_state: ViewState,
        search_factory: SearchFactory | None = None,
        text_layer: TextLayer | None = None,
        parent: QWidget | None = None,
        *,
        notes: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.session = session
        self.jobs = jobs
        self.settings = settings
        self.view_state = view_state
        self.search_factory = search_factory
        self.text_layer = text_layer
        self.notes_enabled = notes
        """Whether the reader's notes are offered (never in a kiosk)."""
        self._record_has_scan = True
        self.export_results_menu: QMenu | None = None
        self.export_archive_menu: QMenu | None = None
        """File > Export Search Results and Export Whole Archive, added after the first page."""
        self.messages = MessageBar(channel)
        self.transcript = TranscriptPane(settings.get(prefs.TEXT_SIZE))
        self.scan = scan_pane
        self.metadata = MetadataPanel()
        self.transcript_places = TranscriptPlaces(self.transcript, view_state)
        focus_frame.readable_selection()
        focus_frame.install(
            self.transcript.browser(),
            self.scan.area,
            *self.metadata.findChildren(QAbstractScrollArea),
        )
        self._build_reading_area()
        self._build_docks()
        self.later = AfterFirstPage(self)
        self.opening = Opening(self)
        self._printing: PrintFeature | None = None
        self.display = RecordDisplay(self)
        self.memory = WindowMemory(self)
        self.record_position = QLabel()
        self.record_position.setAccessibleName(self.tr("Record position"))
        self.statusBar().addPermanentWidget(self.opening.progress)
        self.statusBar().addPermanentWidget(self.record_position)
        self._build_actions()
        self._connect()
        self.memory.restore()
        if not notes:
            self.notes_menu.menuAction().setVisible(False)
            self.notes_dock.hide()  # whatever the saved window state says

    # -- building -------------------------------------------------------------------------------

    def _build_reading_area(self) -> None:
        """The message bar above the transcript beside (or above) the scan."""
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("readingSplitter")
        self._splitter.setChildrenCollapsible(False)
        transcript_column = QWidget()
        column = QVBoxLayout(transcript_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.transcript, 1)
        self._transcript_column = transcript_column
        self.transcript_layout = column
        self._splitter.addWidget(transcript_column)
        self._splitter.addWidget(self.scan)
        self._splitter.setStretchFactor(0, 1)
        self._splitter.setStretchFactor(1, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.messages)
        layout.addWidget(self._splitter, 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        """Records and Search on the left, Metadata and Cite on the right, each pair tabbed."""
        self.records_dock = self._dock(
            "records", self.tr("Records"), QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # The Search and Cite docks exist from the start (the saved window state places them);
        # their panels arrive after the first page (after_first_page.py).
        self.search_dock = self._dock(
            "search", self.tr("Search"), QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.records_dock, self.search_dock)
        self.search_dock.visibilityChanged.connect(self._on_search_dock_visibility_changed)
        self.records_dock.raise_()
        self.metadata_dock = self._dock(
            "metadata", self.tr("Metadata"), self.metadata, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.cite_dock = self._dock(
            "cite", self.tr("Cite"), QWidget(), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.metadata_dock, self.cite_dock)
        self.notes_dock = self._dock(
            "notes", self.tr("Notes"), QWidget(), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.cite_dock, self.notes_dock)
        self.metadata_dock.raise_()

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        # The object name is the same in every language: the saved window state refers to it.
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        dock.setAccessibleName(self.tr("{title} panel").format(title=title))
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        """The menus, from the table of commands (`ui/actions.py`)."""
        slots: dict[str, Callable[[], object]] = {
            "open": self.opening.open_file,
            "open_folder": self.opening.open_folder,
            "import": self.opening.import_archive,
            "sheet_columns": self.opening.edit_sheet_columns,
            "copy_citation": self.display.copy_citation,
            "print": lambda: self.printing().print_record(),
            "export_reading_copy": lambda: self.printing().export_reading_copy(),
            "export_transcript_txt": lambda: self.printing().export_transcript(TextFormat.PLAIN),
            "export_transcript_md": lambda: self.printing().export_transcript(TextFormat.MARKDOWN),
            "export_transcript_html": lambda: self.printing().export_transcript(TextFormat.HTML),
            "quit": self.close,
            "find": self._on_find_triggered,
            "search_archive": self._on_search_triggered,
            "text_larger": lambda: self.transcript.change_text_size(1),
            "text_smaller": lambda: self.transcript.change_text_size(-1),
            "focus_transcript": self.transcript.browser().setFocus,
            "focus_scan": self.scan.setFocus,
            "focus_records": self._focus_records,
            "next_record": lambda: self.records.step(1),
            "previous_record": lambda: self.records.step(-1),
            "shortcuts": self._show_shortcuts,
            "message_history": self._show_history,
            "about": self._show_about,
            **self._notes_slots(),
            **{f"layout_{m.value}": functools.partial(self.set_layout, m) for m in Layout},
        }
        self.reading_zoom = ReadingZoom(self.transcript, self.scan, self.side_docks(), self)
        self.appearance = Appearance(settings=self.settings, window=self)
        others = {
            "reading_zoom_in": self.reading_zoom.zoom_in_action,
            "reading_zoom_out": self.reading_zoom.zoom_out_action,
            "high_contrast": self.appearance.contrast_action,
            "records_panel": self.records_dock.toggleViewAction(),
            "metadata_panel": self.metadata_dock.toggleViewAction(),
            "cite_panel": self.cite_dock.toggleViewAction(),
            "notes_panel": self.notes_dock.toggleViewAction(),
            "go_to_page": self.scan.go_to_page_action,
            "zoom_out": self.scan.zoom_out_action,
            "zoom_in": self.scan.zoom_in_action,
            "fit_width": self.scan.fit_width_action,
            "fit_page": self.scan.fit_page_action,
            "actual_size": self.scan.actual_size_action,
            "rotate_left": self.scan.rotate_left_action,
            "rotate_right": self.scan.rotate_right_action,
            "rotate_page": self.scan.rotate_page_action,
            "copy_text": self.scan.copy_action,
            "thumbnails": self.scan.thumbnails_action,
        }
        built = menu_bar.build_menus(self.menuBar(), self, slots, others)
        self.commands = built.actions
        """The window's commands by their id in the table."""
        self.open_action = built.actions["open"]
        self.open_folder_action = built.actions["open_folder"]
        self.sheet_columns_action = built.actions["sheet_columns"]
        self.sheet_columns_action.setEnabled(False)
        self.sheet_columns_dialog: QWidget | None = None
        self.copy_citation_action = built.actions["copy_citation"]
        self.find_action = built.actions["find"]
        self.search_action = built.actions["search_archive"]
        self.next_record_action = built.actions["next_record"]
        self.previous_record_action = built.actions["previous_record"]
        self.layout_actions = {layout: built.actions[f"layout_{layout.value}"] for layout in Layout}
        self.file_menu = built.menus[actions.Menu.FILE]
        self.file_end = built.separators["quit"]
        """Where File's entries made after the first page (exports) go: before it."""
        self._recent_menu = QMenu(self.tr("Open &Recent"), self)
        self._recent_menu.aboutToShow.connect(
            lambda: self.opening.fill_recent_menu(self._recent_menu)
        )
        self.file_menu.insertMenu(self.sheet_columns_action, self._recent_menu)
        self.notes_menu = built.menus[actions.Menu.NOTES]
        self.edit_menu = built.menus[actions.Menu.EDIT]
        self.edit_menu.addSeparator()  # Find Next, Copy with Citation... come after the page
        view_menu = built.menus[actions.Menu.VIEW]
        view_menu.addMenu(self.appearance.size_menu(view_menu))
        view_menu.addSeparator()
        view_menu.addMenu(self._build_language_menu())

    def _build_language_menu(self) -> QMenu:
        """View > Language: the system's language or one of the translations; used at next start."""
        menu = QMenu(self.tr("Lan&guage"), self)
        menu.setObjectName("language_menu")
        group = QActionGroup(self)
        chosen = self.settings.get(prefs.INTERFACE_LANGUAGE)
        choices = [("", self.tr("System Language"))]
        choices += [(code, i18n.native_name(code)) for code in i18n.available()]
        self.language_actions: dict[str, QAction] = {}
        for code, label in choices:
            action = menu.addAction(label)
            action.setObjectName(f"language_{code or 'system'}")
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.set_interface_language(c))
            group.addAction(action)
            self.language_actions[code] = action
        return menu

    def set_interface_language(self, language: str) -> None:
        """Use `language` ("" for the system's) for the interface from the next start on."""
        self.settings.set(prefs.INTERFACE_LANGUAGE, language)
        self.settings.sync()
        if self.settings.problem:
            self.messages.show_message(
                Level.WARNING,
                self.tr("The language cannot be kept for the next start: {reason}.").format(
                    reason=self.settings.problem
                ),
            )
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)
        name = i18n.native_name(language) if language else self.tr("the system language")
        self.messages.channel.info(
            self.tr("The interface will be in {language} from the next start.").format(
                language=name
            )
        )

    def _connect(self) -> None:
        self.session.set_record_order(
            lambda: self.later.library.shown_records() if self.later.library is not None else None
        )
        self.scan.scan_chosen.connect(self.session.show_scan)
        self.scan.first_page_painted.connect(self.later.on_first_page_painted)
        self.transcript.text_size_changed.connect(
            lambda size: self.settings.set(prefs.TEXT_SIZE, size)
        )
        self.transcript.link_activated.connect(
            lambda url: self.messages.channel.info(
                self.tr("Links are not followed: {url}").format(url=url)
            )
        )

    def fit_docks_to_width(self, width: int) -> None:
        """Give the side panels their share of a window `width` wide; the rest is for reading."""
        self.resizeDocks(
            [self.records_dock, self.metadata_dock],
            [min(330, width * 22 // 100), min(360, width * 24 // 100)],
            Qt.Orientation.Horizontal,
        )

    # -- layout ---------------------------------------------------------------------------------

    def set_layout(self, layout: Layout) -> None:
        """Arrange the transcript and the scan: side by side, stacked, or one of them alone."""
        if self._splitter.count():
            self.remember_splitter()
        self._layout = layout
        self.layout_actions[layout].setChecked(True)
        self._splitter.setOrientation(
            Qt.Orientation.Vertical if layout is Layout.STACKED else Qt.Orientation.Horizontal
        )
        self._transcript_column.setVisible(layout is not Layout.SCAN_ONLY)
        self.show_scan_pane()
        sizes = self.view_state.splitter(layout.value)
        if len(sizes) == 2 and all(sizes):
            self._splitter.setSizes(sizes)
        elif layout in (Layout.SIDE_BY_SIDE, Layout.STACKED):
            self._splitter.setSizes([1000, 1000])
        self.settings.set(prefs.LAYOUT, layout)

    def show_scan_pane(self, *, has_scan: bool | None = None) -> None:
        """The scan pane where the layout has one, but not beside a transcript for a record that
        has no scan (it would give half the window to grey); alone, it says there is none."""
        if has_scan is not None:
            self._record_has_scan = has_scan
        self.scan.setVisible(
            self._layout is Layout.SCAN_ONLY
            or (self._layout is not Layout.TRANSCRIPT_ONLY and self._record_has_scan)
        )

    def current_layout(self) -> Layout:
        """The layout in use."""
        return self._layout

    def remember_splitter(self) -> None:
        """Keep the reading splitter's sizes for the layout in use."""
        layout = getattr(self, "_layout", None)
        if layout in (Layout.SIDE_BY_SIDE, Layout.STACKED):
            self.view_state.set_splitter(layout.value, self._splitter.sizes())

    # -- what is open ---------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        """Open an archive folder, a record folder, a sheet of records, an export or a PDF."""
        self.session.open_path(path)

    def current_archive(self) -> Archive | None:
        """The archive open, if any."""
        return self.session.state.archive

    def current_record(self) -> Record | BrokenRecord | None:
        """The record on screen."""
        return self.session.state.record

    def show_record(self, record: Record | BrokenRecord) -> None:
        """Show `record`: metadata, transcript in the preferred language, scan."""
        self.session.show_record(record)

    def find_record(self, record_id: str) -> Record | BrokenRecord | None:
        """The open archive's record `record_id`, if there is one."""
        archive = self.session.state.archive
        return archive.find(record_id) if archive is not None else None

    def copy_citation(self) -> None:
        """Put the record's citation on the clipboard, as plain text and HTML, and say so."""
        self.display.copy_citation()

    def on_cite_style_chosen(self, key: str) -> None:
        """The reader chose another citation style in the Cite panel."""
        self.display.on_cite_style_chosen(key)

    def edit_sheet_columns(self) -> None:
        """Show which field each column of the open sheet of records fills, to be changed."""
        self.opening.edit_sheet_columns()

    # -- panels built after the first page ------------------------------------------------------

    @property
    def records(self) -> LibraryPanel:
        """The record list (the library panel), built on first use."""
        return self.later.build_library()

    @property
    def search(self) -> SearchPanel:
        """The archive search panel."""
        return self.later.features()[0].panel

    @property
    def find_bar(self) -> FindBar:
        """The find-in-document bar above the transcript."""
        return self.later.features()[0].find_bar

    @property
    def cite(self) -> CitePanel:
        """The Cite panel (every style, the style choice)."""
        return self.later.features()[1].panel

    @property
    def copy_with_citation_action(self) -> _Action:
        """Edit > Copy with Citation."""
        return self.later.features()[1].copy_with_citation_action

    def _notes_slots(self) -> dict[str, Callable[[], object]]:
        """The Notes menu's commands, by id: each runs its method of the notes feature."""
        methods = {
            "note_record": "note_record",
            "note_passage": "note_passage",
            "highlight": "highlight",
            "bookmark": "bookmark",
            "add_to_reading_list": "add_to_reading_list",
            "all_notes": "show_all_notes",
            "export_notes": "export_markdown",
            "export_all_notes": "export_all",
            "import_notes": "import_file",
        }
        return {key: functools.partial(self._with_notes, m) for key, m in methods.items()}

    def _with_notes(self, command: str) -> None:
        """Run a Notes command once the notes are there (built on first need)."""
        feature = self.later.notes_feature_made()
        if feature is not None:
            self.notes_dock.show()
            self.notes_dock.raise_()
            getattr(feature, command)()

    def _on_find_triggered(self) -> None:
        if self.current_layout() is Layout.SCAN_ONLY:
            self.set_layout(Layout.SIDE_BY_SIDE)
        selected = self.transcript.browser().textCursor().selectedText().strip()
        self.later.features()[0].open_find(selected)

    def _on_search_triggered(self) -> None:
        feature = self.later.features()[0]
        self.search_dock.show()
        self.search_dock.raise_()
        feature.focus_search()

    def _on_search_dock_visibility_changed(self, visible: bool) -> None:
        # A tap or click on the Search tab is a wish to search: the box takes the typing.
        if visible and self.later.search_feature is not None:
            self.later.search_feature.focus_search()

    def side_docks(self) -> list[QWidget]:
        """The panels beside the reading area: records, search, metadata, cite, notes."""
        return [
            self.records_dock,
            self.search_dock,
            self.metadata_dock,
            self.cite_dock,
            self.notes_dock,
        ]

    def follow_screen_in_tab_order(self) -> None:
        """Tab visits the window's parts as they are on screen (again, as panels arrive)."""
        docks = self.side_docks()
        tab_order.follow_screen(self, [*docks[:2], self._transcript_column, self.scan, *docks[2:]])

    def raise_records(self) -> None:
        """Bring the record list's tab to the front (the search tab behind it)."""
        self.records_dock.show()
        self.records_dock.raise_()

    def _focus_records(self) -> None:
        self.records_dock.show()
        self.records.filter_edit().setFocus()

    # -- drops, help, closing -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.opening.drop(event)

    def _show_shortcuts(self) -> None:
        """F1: every command that has keys, from the table of commands."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.information(
            self,
            self.tr("Keyboard shortcuts"),
            "<table>" + menu_bar.shortcut_rows() + "</table>",
        )

    def _show_history(self) -> None:
        lines = [
            f"{self.messages.level_name(m.level)}: {m.text}" for m in self.messages.history
        ] or [self.tr("No messages.")]
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.information(self, self.tr("Messages"), "\n\n".join(lines))

    def printing(self) -> PrintFeature:
        """Print, the reading copy and the transcript's exports (made on first use)."""
        if self._printing is None:
            from viewer.ui.print_feature import PrintFeature  # noqa: PLC0415

            self._printing = PrintFeature(self, self.scan.worker)
        return self._printing

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.about(
            self,
            self.tr("About Archive Viewer"),
            self.tr(
                "Archive Viewer: the transcript of a historical document beside its original "
                "scan, with its metadata and citation. Works offline; never uses the network."
            ),
        )

    def stop_background_work(self) -> None:
        """Stop indexing and searching (before the window goes, closed or not); an index still
        waiting for the first page is not started any more."""
        self.later.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_background_work()
        self.transcript_places.note()
        self.memory.save()
        super().closeEvent(event)
