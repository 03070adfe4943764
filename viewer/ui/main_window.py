"""The reading window: the record list, the transcript beside the scan, the metadata panel."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.model import Archive, BrokenRecord, Record
from viewer.services import i18n, reading_session
from viewer.services import settings as prefs
from viewer.services.jobs import Jobs
from viewer.services.messages import MessageChannel
from viewer.services.reading_session import ReadingSession
from viewer.services.render import PdfWorker
from viewer.services.settings import Layout, Settings, ViewState
from viewer.ui import focus_frame
from viewer.ui.messages import Level, MessageBar
from viewer.ui.metadata_panel import MetadataPanel
from viewer.ui.scan_view import ScanPane
from viewer.ui.transcript_view import TranscriptPane

if TYPE_CHECKING:
    # Loaded after the first page is shown (see _extras): none of it is needed to read.
    from PySide6.QtGui import QAction as _Action

    from viewer.domain.search_source import TextLayer
    from viewer.services.indexer import SearchService
    from viewer.ui.cite_feature import CiteFeature
    from viewer.ui.cite_panel import CitePanel
    from viewer.ui.find_bar import FindBar
    from viewer.ui.library import LibraryPanel
    from viewer.ui.search_feature import SearchFeature
    from viewer.ui.search_panel import SearchPanel

SearchFactory = Callable[[], "tuple[SearchService | None, str]"]
"""Makes the search service: (service, "") or (None, why search is not available)."""

log = logging.getLogger(__name__)

APP_TITLE = "Archive Viewer"
INDEX_DELAY_MS = 1500
"""Longest wait for the first page before indexing starts anyway (a record without a scan)."""
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1440, 900
"""The window's size when it opens for the first time (less on a smaller screen)."""
LAYOUT_LABELS = {
    Layout.SIDE_BY_SIDE: (QT_TRANSLATE_NOOP("MainWindow", "Side &by Side"), "Ctrl+1"),
    Layout.STACKED: (QT_TRANSLATE_NOOP("MainWindow", "Stac&ked"), "Ctrl+2"),
    Layout.TRANSCRIPT_ONLY: (QT_TRANSLATE_NOOP("MainWindow", "Transcript &Only"), "Ctrl+3"),
    Layout.SCAN_ONLY: (QT_TRANSLATE_NOOP("MainWindow", "Scan O&nly"), "Ctrl+4"),
}
"""Menu texts in English; translated when the menu is built."""


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
        worker: PdfWorker,
        scan_pane: ScanPane,
        settings: Settings,
        view_state: ViewState,
        search_factory: SearchFactory | None = None,
        text_layer: TextLayer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._session = session
        self._jobs = jobs
        self._worker = worker
        self._settings = settings
        self._state = view_state
        self._record_has_scan = True
        self._search_factory = search_factory
        self._text_layer = text_layer
        self._search_feature: SearchFeature | None = None
        self._cite_feature: CiteFeature | None = None
        self._pending_index: Archive | None = None
        self._pending_metadata: Archive | None = None
        self._metadata_reading = False
        """A plain folder's PDF metadata is being read: indexing waits for its titles."""
        self._metadata_reader: Any = None
        """The PdfMetadataReader of a plain folder's records, made when first needed."""
        self._stopped = False
        """Background work was stopped (the window closed): none is started any more."""

        self.messages = MessageBar(channel)
        self.transcript = TranscriptPane(settings.get(prefs.TEXT_SIZE))
        self.scan = scan_pane
        self.metadata = MetadataPanel()
        focus_frame.readable_selection()
        focus_frame.install(
            self.transcript.browser(),
            self.scan.area,
            *self.metadata.findChildren(QAbstractScrollArea),
        )
        self._library: LibraryPanel | None = None

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("readingSplitter")
        self._splitter.setChildrenCollapsible(False)
        transcript_column = QWidget()
        column = QVBoxLayout(transcript_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.transcript, 1)
        self._transcript_column = transcript_column
        self._transcript_layout = column
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

        self._records_dock = self._dock(
            "records", self.tr("Records"), QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # The Search and Cite docks exist from the start (the saved window state places them);
        # their panels arrive with _extras.
        self._search_dock = self._dock(
            "search", self.tr("Search"), QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self._records_dock, self._search_dock)
        self._search_dock.visibilityChanged.connect(self._on_search_dock_visibility_changed)
        self._records_dock.raise_()
        self._metadata_dock = self._dock(
            "metadata", self.tr("Metadata"), self.metadata, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self._cite_dock = self._dock(
            "cite", self.tr("Cite"), QWidget(), Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self._metadata_dock, self._cite_dock)
        self._metadata_dock.raise_()

        self._progress = QProgressBar()
        self._progress.setAccessibleName(self.tr("Loading progress"))
        self._progress.setMaximumWidth(220)
        self._progress.hide()
        self._record_position = QLabel()
        self._record_position.setAccessibleName(self.tr("Record position"))
        self.statusBar().addPermanentWidget(self._progress)
        self.statusBar().addPermanentWidget(self._record_position)

        self._build_actions()
        self._connect()
        self._restore_window()
        # The record list is built once the first page is painted, or after this long at the
        # latest (a PDF that cannot be shown, a record without a scan, no archive at all).
        QTimer.singleShot(INDEX_DELAY_MS, self._build_library)

    # -- building -------------------------------------------------------------------------------

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

    def _action(self, text: str, shortcut: Any = None, slot: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        action.setObjectName(name or text.replace("&", "").replace(" ", "_").lower())
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.setObjectName("file_menu")
        self.open_action = self._action(
            self.tr("&Open…"), QKeySequence.StandardKey.Open, self._on_open_triggered, "open"
        )
        file_menu.addAction(self.open_action)
        self.open_folder_action = self._action(
            self.tr("Open &Folder…"),
            "Ctrl+Shift+O",
            self._on_open_folder_triggered,
            "open_folder",
        )
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(
            self._action(self.tr("&Import…"), None, self._on_import_triggered, "import")
        )
        self._recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self._recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.sheet_columns_action = self._action(
            self.tr("Spreadsheet &Columns…"), None, self.edit_sheet_columns, "sheet_columns"
        )
        self.sheet_columns_action.setEnabled(False)
        file_menu.addAction(self.sheet_columns_action)
        self.sheet_columns_dialog: QWidget | None = None
        file_menu.addSeparator()
        self.copy_citation_action = self._action(
            self.tr("Copy &Citation"), "Ctrl+Shift+C", self.copy_citation, "copy_citation"
        )
        file_menu.addAction(self.copy_citation_action)
        self._file_menu = file_menu
        self._file_end = file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, "quit")
        )

        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("edit_menu")
        self.find_action = self._action(
            self.tr("&Find in Document…"),
            QKeySequence.StandardKey.Find,
            self._on_find_triggered,
            "find",
        )
        edit_menu.addAction(self.find_action)
        self.search_action = self._action(
            self.tr("&Search the Archive…"),
            "Ctrl+Shift+F",
            self._on_search_triggered,
            "search_archive",
        )
        edit_menu.addAction(self.search_action)
        edit_menu.addSeparator()
        self._edit_menu = edit_menu

        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.setObjectName("view_menu")
        self._layout_group = QActionGroup(self)
        self.layout_actions: dict[Layout, QAction] = {}
        for layout_mode, (label, keys) in LAYOUT_LABELS.items():
            text = QCoreApplication.translate("MainWindow", str(label))
            action = self._action(text, keys, name=f"layout_{layout_mode.value}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, m=layout_mode: self.set_layout(m))
            self._layout_group.addAction(action)
            view_menu.addAction(action)
            self.layout_actions[layout_mode] = action
        view_menu.addSeparator()
        records_toggle = self._records_dock.toggleViewAction()
        records_toggle.setShortcut(QKeySequence("F8"))
        metadata_toggle = self._metadata_dock.toggleViewAction()
        metadata_toggle.setShortcut(QKeySequence("F9"))
        view_menu.addAction(records_toggle)
        view_menu.addAction(metadata_toggle)
        cite_toggle = self._cite_dock.toggleViewAction()
        cite_toggle.setShortcut(QKeySequence("Shift+F9"))
        view_menu.addAction(cite_toggle)
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                self.tr("&Larger Text"),
                None,
                lambda: self.transcript.change_text_size(1),
                "text_larger",
            )
        )
        view_menu.addAction(
            self._action(
                self.tr("&Smaller Text"),
                None,
                lambda: self.transcript.change_text_size(-1),
                "text_smaller",
            )
        )
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                self.tr("Focus &Transcript"),
                "Alt+1",
                self.transcript.browser().setFocus,
                "focus_transcript",
            )
        )
        view_menu.addAction(
            self._action(self.tr("Focus S&can"), "Alt+2", self.scan.setFocus, "focus_scan")
        )
        view_menu.addAction(
            self._action(self.tr("Focus &Records"), "Alt+3", self._focus_records, "focus_records")
        )
        view_menu.addSeparator()
        view_menu.addMenu(self._build_language_menu())

        go_menu = menu.addMenu(self.tr("&Go"))
        go_menu.setObjectName("go_menu")
        self.next_record_action = self._action(
            self.tr("&Next Record"), "Ctrl+]", lambda: self.records.step(1), "next_record"
        )
        self.previous_record_action = self._action(
            self.tr("&Previous Record"), "Ctrl+[", lambda: self.records.step(-1), "previous_record"
        )
        go_menu.addAction(self.next_record_action)
        go_menu.addAction(self.previous_record_action)
        go_menu.addSeparator()
        go_menu.addAction(self.scan.go_to_page_action)  # Ctrl+G, listed by F1 too

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.setObjectName("help_menu")
        help_menu.addAction(
            self._action(self.tr("&Keyboard Shortcuts"), "F1", self._show_shortcuts, "shortcuts")
        )
        help_menu.addAction(
            self._action(
                self.tr("&Messages of This Session"), None, self._show_history, "message_history"
            )
        )
        help_menu.addAction(
            self._action(self.tr("&About Archive Viewer"), None, self._show_about, "about")
        )

    def _build_language_menu(self) -> QMenu:
        """View > Language: the system's language or one of the translations; used at next start."""
        menu = QMenu(self.tr("Lan&guage"), self)
        menu.setObjectName("language_menu")
        group = QActionGroup(self)
        chosen = self._settings.get(prefs.INTERFACE_LANGUAGE)
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
        self._settings.set(prefs.INTERFACE_LANGUAGE, language)
        self._settings.sync()
        if self._settings.problem:
            self.messages.show_message(
                Level.WARNING,
                self.tr("The language cannot be kept for the next start: {reason}.").format(
                    reason=self._settings.problem
                ),
            )
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)
        name = i18n.native_name(language) if language else self.tr("the system language")
        self.statusBar().showMessage(
            self.tr("The interface will be in {language} from the next start.").format(
                language=name
            ),
            8000,
        )

    def _connect(self) -> None:
        session = self._session
        session.set_record_order(
            lambda: self._library.shown_records() if self._library is not None else None
        )
        session.opening_started.connect(self._on_session_opening_started)
        session.opening_progressed.connect(self._on_session_opening_progressed)
        session.open_failed.connect(self._on_session_open_failed)
        session.archive_opened.connect(self._on_session_archive_opened)
        session.pdf_opened.connect(self._on_session_pdf_opened)
        session.archive_updated.connect(self._on_session_archive_updated)
        session.record_shown.connect(self._on_session_record_shown)
        session.record_updated.connect(self._on_session_record_updated)
        session.transcript_shown.connect(self._on_session_transcript_shown)
        session.transcript_notice.connect(self.transcript.show_notice)
        session.password_needed.connect(self._on_session_password_needed)
        session.scan_leaving.connect(self._save_scan_state)
        self.metadata.citation_requested.connect(self.copy_citation)
        self.transcript.language_chosen.connect(self._on_transcript_language_chosen)
        self.scan.scan_chosen.connect(session.show_scan)
        self.transcript.text_size_changed.connect(
            lambda size: self._settings.set(prefs.TEXT_SIZE, size)
        )
        self.transcript.link_activated.connect(
            lambda url: self.statusBar().showMessage(
                self.tr("Links are not followed: {url}").format(url=url), 6000
            )
        )
        self.scan.document_opened.connect(self._on_scan_document_opened)
        self.scan.page_changed.connect(self._on_scan_page_changed)
        self.scan.first_page_painted.connect(self._on_scan_first_page_painted)

    def _restore_window(self) -> None:
        geometry = self._state.window("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            # A laptop's screen at most, and never more than the screen there is (the side
            # panels take their share of what the window gets).
            room = self.screen().availableGeometry()
            self.resize(min(DEFAULT_WIDTH, room.width()), min(DEFAULT_HEIGHT, room.height()))
        state = self._state.window("state")
        if state is not None:
            self.restoreState(state)
        else:
            self.fit_docks_to_width(self.width())
        self._metadata_dock.setVisible(self._settings.get(prefs.METADATA_VISIBLE))
        self._records_dock.setVisible(self._settings.get(prefs.RECORD_LIST_VISIBLE))
        self.set_layout(self._settings.get(prefs.LAYOUT))

    def fit_docks_to_width(self, width: int) -> None:
        """Give the side panels their share of a window `width` wide; the rest is for reading."""
        self.resizeDocks(
            [self._records_dock, self._metadata_dock],
            [min(330, width * 22 // 100), min(360, width * 24 // 100)],
            Qt.Orientation.Horizontal,
        )

    # -- layout ---------------------------------------------------------------------------------

    def set_layout(self, layout: Layout) -> None:
        """Arrange the transcript and the scan: side by side, stacked, or one of them alone."""
        if self._splitter.count():
            self._remember_splitter()
        self._layout = layout
        self.layout_actions[layout].setChecked(True)
        self._splitter.setOrientation(
            Qt.Orientation.Vertical if layout is Layout.STACKED else Qt.Orientation.Horizontal
        )
        self._transcript_column.setVisible(layout is not Layout.SCAN_ONLY)
        self._show_scan_pane()
        sizes = self._state.splitter(layout.value)
        if len(sizes) == 2 and all(sizes):
            self._splitter.setSizes(sizes)
        elif layout in (Layout.SIDE_BY_SIDE, Layout.STACKED):
            self._splitter.setSizes([1000, 1000])
        self._settings.set(prefs.LAYOUT, layout)

    def _show_scan_pane(self) -> None:
        """The scan pane where the layout has one, but not beside a transcript for a record that
        has no scan (it would give half the window to grey); alone, it says there is none."""
        self.scan.setVisible(
            self._layout is Layout.SCAN_ONLY
            or (self._layout is not Layout.TRANSCRIPT_ONLY and self._record_has_scan)
        )

    def current_layout(self) -> Layout:
        """The layout in use."""
        return self._layout

    def _remember_splitter(self) -> None:
        layout = getattr(self, "_layout", None)
        if layout in (Layout.SIDE_BY_SIDE, Layout.STACKED):
            self._state.set_splitter(layout.value, self._splitter.sizes())

    # -- opening --------------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        """Open an archive folder, a record folder, a sheet of records, an export or a PDF."""
        self._session.open_path(path)

    def _on_session_opening_started(self, opening: reading_session.Opening) -> None:
        self._progress.setRange(0, 0)
        self._progress.show()
        self.statusBar().showMessage(self.tr("Opening {path}…").format(path=opening.path))

    def _on_session_opening_progressed(self, progress: reading_session.Progress) -> None:
        self._progress.setRange(0, progress.total)
        self._progress.setValue(progress.done)

    def _on_session_open_failed(self, _failed: reading_session.OpenFailed) -> None:
        self._progress.hide()
        self.statusBar().clearMessage()

    def _on_session_pdf_opened(self, record: Record) -> None:
        if self._library is not None:
            self._library.set_records((record,))
        self._records_dock.setWindowTitle(self.tr("Records"))

    def _on_session_archive_opened(self, archive: Archive) -> None:
        self._progress.hide()
        self.statusBar().clearMessage()
        if self._library is not None:
            self._library.set_archive(archive)
        # Indexing waits until the first page is on screen: start-up is the reader's time.
        self._pending_index = archive
        QTimer.singleShot(INDEX_DELAY_MS, self._start_pending_index)
        if self._metadata_reader is not None:
            self._metadata_reader.stop()
        self._metadata_reading = False
        # A plain folder's records were listed from their names: their PDFs' own metadata is
        # read after the first page too (by a process started now, at low priority).
        self._pending_metadata = archive if _guessed_from_names(archive) else None
        if self._pending_metadata is not None and not self._stopped:
            self._metadata_reader_made().prepare()
            QTimer.singleShot(INDEX_DELAY_MS, self._start_pending_metadata)
        self._records_dock.setWindowTitle(
            self.tr("Records ({count})").format(count=len(archive.records))
        )
        self._offer_sheet_columns(archive)
        self.archive_opened.emit(archive)

    def _on_session_archive_updated(self, archive: Archive) -> None:
        if self._library is not None:
            self._library.update_records(archive.records)
        self._records_dock.setWindowTitle(
            self.tr("Records ({count})").format(count=len(archive.records))
        )

    def _offer_sheet_columns(self, archive: Archive) -> None:
        """For a sheet of records, File > Spreadsheet Columns; offered when its columns were
        guessed."""
        from viewer.domain.formats import manifest  # noqa: PLC0415

        read = manifest.last_read(archive.root)
        self.sheet_columns_action.setEnabled(read is not None)
        if read is not None and read.mapping.uncertain:
            self.messages.show_message(
                Level.INFO,
                self.tr(
                    "The columns of {sheet} were recognised by their names. Check them in "
                    "File > Spreadsheet Columns…"
                ).format(sheet=read.sheet.name),
            )

    def edit_sheet_columns(self) -> None:
        """Show which field each column of the open sheet of records fills, to be changed."""
        from viewer.domain.formats import manifest  # noqa: PLC0415
        from viewer.ui import sheet_columns  # noqa: PLC0415

        archive = self._session.state.archive
        read = manifest.last_read(archive.root) if archive is not None else None
        if archive is None or read is None:
            return
        root = archive.root
        again = root if root != read.sheet.parent else read.sheet
        self.sheet_columns_dialog = sheet_columns.ask(
            read, self, lambda chosen: self.sheet_columns_chosen.emit(read.sheet, chosen, again)
        )

    # -- search ---------------------------------------------------------------------------------

    def _on_scan_first_page_painted(self) -> None:
        # The reader has the page: now load what reading does not need at once, a piece per turn
        # of the event loop.
        QTimer.singleShot(0, self._build_library)
        QTimer.singleShot(0, self._start_pending_index)
        QTimer.singleShot(0, self._start_pending_metadata)

    def _start_pending_metadata(self) -> None:
        archive, self._pending_metadata = self._pending_metadata, None
        if archive is None or self._stopped or archive is not self._session.state.archive:
            return
        self._metadata_reading = self._metadata_reader_made().read(archive) > 0
        if not self._metadata_reading:
            self._start_pending_index()

    def _metadata_reader_made(self) -> Any:
        if self._metadata_reader is None:
            from viewer.services.pdf_metadata import PdfMetadataReader  # noqa: PLC0415

            self._metadata_reader = PdfMetadataReader(self)
            self._metadata_reader.records_completed.connect(self._session.complete_records)
            self._metadata_reader.finished.connect(self._on_pdf_metadata_finished)
        return self._metadata_reader

    def _on_pdf_metadata_finished(self, root: Path, seconds: float) -> None:
        archive = self._session.state.archive
        if archive is None or archive.root != root:
            return
        self._metadata_reading = False
        self.pdf_metadata_read.emit(seconds)
        # The index is built now, with the titles and authors the PDFs gave (and meanwhile the
        # two did not compete for the machine's cores).
        if self._pending_index is not None:
            self._pending_index = archive
            self._start_pending_index()

    @property
    def records(self) -> LibraryPanel:
        """The record list (the library panel), built on first use."""
        return self._build_library()

    def _build_library(self) -> LibraryPanel:
        if self._library is not None:
            return self._library
        from viewer.ui.library import LibraryPanel  # noqa: PLC0415  (after the first page)

        library = LibraryPanel()
        library.record_chosen.connect(self.show_record)
        self._library = library
        state = self._session.state
        if state.archive is not None:
            library.set_archive(state.archive)
        elif state.bare_pdf is not None and isinstance(state.record, Record):
            library.set_records((state.record,))
        if state.record is not None:
            library.select(state.record.id)
        self._records_dock.setWidget(library)
        focus_frame.install(library.view())
        return library

    def _start_pending_index(self) -> None:
        if self._stopped:  # closed before its turn came: nothing to start any more
            return
        self._build_library()
        if self._pending_metadata is not None or self._metadata_reading:
            return  # started once the PDFs' metadata is in (see _on_pdf_metadata_finished)
        archive, self._pending_index = self._pending_index, None
        if archive is not None and archive is self._session.state.archive:
            self._extras()[0].start_indexing(archive)
        else:
            self._extras()

    def _extras(self) -> tuple[SearchFeature, CiteFeature]:
        """The search and citation features, built on first need (after the first page)."""
        if self._search_feature is None or self._cite_feature is None:
            from viewer.ui.cite_feature import CiteFeature  # noqa: PLC0415
            from viewer.ui.search_feature import SearchFeature  # noqa: PLC0415

            service, problem = self._search_factory() if self._search_factory else (None, "")
            self._search_feature = SearchFeature(
                dock=self._search_dock,
                transcript_column=self._transcript_layout,
                browser=self.transcript.browser(),
                edit_menu=self._edit_menu,
                messages=self.messages,
                find_archive_record=self._find_record,
                show_record=self.show_record,
                scan=self.scan,
                service=service,
                problem=problem,
                text_layer=self._text_layer,
            )
            self._cite_feature = CiteFeature(
                window=self,
                dock=self._cite_dock,
                browser=self.transcript.browser(),
                edit_menu=self._edit_menu,
                file_menu=self._file_menu,
                before=self._file_end,
                choice_key=self._settings.get(prefs.CITATION_CHOICE),
                current_record=self.current_record,
                page_texts=self.scan.page_texts,
                on_error=lambda message: self.messages.show_message(Level.ERROR, message),
                on_copied=lambda text: self.statusBar().showMessage(text, 4000),
                selected_records=self._selected_records,
                on_exported=lambda text: self.statusBar().showMessage(text, 8000),
            )
            self._cite_feature.panel.style_chosen.connect(self._on_cite_style_chosen)
            focus_frame.install(self._search_feature.panel.result_view())
            self._search_feature.archive_changed.connect(self._session.archive_changed_on_disk)
            from viewer.ui import citation_actions  # noqa: PLC0415

            self.export_results_menu = citation_actions.build_format_menu(
                self,
                self.tr("Export &Search Results"),
                self._on_export_search_results,
                "export_results_menu",
            )
            self._file_menu.insertMenu(self._file_end, self.export_results_menu)
            self.export_archive_menu = citation_actions.build_export_menu(
                self,
                self._good_records,
                lambda message: self.messages.show_message(Level.ERROR, message),
                title=self.tr("Export &Whole Archive"),
                on_said=lambda text: self.statusBar().showMessage(text, 8000),
            )
            self._file_menu.insertMenu(self._file_end, self.export_archive_menu)
            self._cite_feature.panel.show_record(self._session.state.record)
        return self._search_feature, self._cite_feature

    def _good_records(self) -> list[Record]:
        archive = self._session.state.archive
        return list(archive.good_records()) if archive is not None else []

    @property
    def search(self) -> SearchPanel:
        """The archive search panel."""
        return self._extras()[0].panel

    @property
    def find_bar(self) -> FindBar:
        """The find-in-document bar above the transcript."""
        return self._extras()[0].find_bar

    @property
    def cite(self) -> CitePanel:
        """The Cite panel (every style, the style choice)."""
        return self._extras()[1].panel

    @property
    def copy_with_citation_action(self) -> _Action:
        """Edit > Copy with Citation."""
        return self._extras()[1].copy_with_citation_action

    def _on_export_search_results(self, fmt: Any) -> None:
        """Export every record the search matches (found in the background), not only those
        listed so far."""
        from viewer.ui import citation_actions  # noqa: PLC0415

        def export(records: list[Record]) -> None:
            citation_actions.export_records(
                self,
                records,
                fmt,
                lambda message: self.messages.show_message(Level.ERROR, message),
                on_exported=lambda target: self.statusBar().showMessage(
                    citation_actions.exported_text(len(records), fmt, target), 8000
                ),
            )

        self._extras()[0].find_all_matches(export)

    def _selected_records(self) -> list[object]:
        """The records selected in the record list (several, to export their citations)."""
        return list(self._library.selected_records()) if self._library is not None else []

    def _find_record(self, record_id: str) -> Record | BrokenRecord | None:
        archive = self._session.state.archive
        return archive.find(record_id) if archive is not None else None

    def _on_find_triggered(self) -> None:
        if self.current_layout() is Layout.SCAN_ONLY:
            self.set_layout(Layout.SIDE_BY_SIDE)
        selected = self.transcript.browser().textCursor().selectedText().strip()
        self._extras()[0].open_find(selected)

    def _on_search_triggered(self) -> None:
        feature = self._extras()[0]
        self._search_dock.show()
        self._search_dock.raise_()
        feature.focus_search()

    # -- showing a record -----------------------------------------------------------------------

    def current_archive(self) -> Archive | None:
        """The archive open, if any."""
        return self._session.state.archive

    def current_record(self) -> Record | BrokenRecord | None:
        """The record on screen."""
        return self._session.state.record

    def show_record(self, record: Record | BrokenRecord) -> None:
        """Show `record`: metadata, transcript in the preferred language, scan."""
        self._session.show_record(record)

    def _on_session_record_shown(self, view: reading_session.RecordView) -> None:
        record = view.record
        if self._library is not None:
            self._library.select(record.id)
        title_parts = [record.title, view.archive_title, APP_TITLE]
        self.setWindowTitle(" — ".join(part for part in title_parts if part))
        if view.position is not None:
            number, total = view.position
            self._record_position.setText(
                self.tr("Record {number} of {total}").format(number=number, total=total)
            )
        else:
            self._record_position.clear()
        if isinstance(record, Record):
            self._record_has_scan = view.has_scan
            self._show_scan_pane()
            self.metadata.show_record(record, self._citation_text(record))
        else:
            self.metadata.show_record(record)
        if self._cite_feature is not None:
            self._cite_feature.panel.show_record(record)
        self.copy_citation_action.setEnabled(isinstance(record, Record))
        language = view.transcript.language if view.transcript is not None else ""
        self.transcript.set_transcripts(
            record.transcripts if isinstance(record, Record) else (), language
        )
        if view.source is not reading_session.TranscriptSource.FILE:
            self.transcript.show_notice(view.notice)
        self.record_shown.emit(record)

    def _on_session_record_updated(self, record: Record) -> None:
        if self._session.state.bare_pdf is not None:
            if self._library is not None:
                self._library.set_records((record,))
            self.setWindowTitle(f"{record.title} — {APP_TITLE}")
        self.metadata.show_record(record, self._citation_text(record))
        if self._cite_feature is not None:
            self._cite_feature.panel.show_record(record)

    def _on_session_transcript_shown(self, text: reading_session.TranscriptText) -> None:
        self.transcript.show_display(text.display, text.notice)

    def _on_transcript_language_chosen(self, language: str) -> None:
        self._settings.set(prefs.PREFERRED_LANGUAGE, language)
        item = self.transcript.current()
        if item is not None:
            self._session.load_transcript(item)

    # -- the scan -------------------------------------------------------------------------------

    def _on_scan_document_opened(self, info: Any) -> None:
        view = self._state.document(Path(info.path))
        if view:
            self.scan.restore_view_state(view)

    def _on_session_password_needed(self, needed: reading_session.PasswordNeeded) -> None:
        path = needed.path
        prompt = (
            self.tr("The password for {file} is not correct. Try again:")
            if needed.wrong
            else self.tr("{file} is encrypted. Enter its password to open it:")
        ).format(file=path.name)
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415  (dialogs load on first use)

        password, accepted = QInputDialog.getText(
            self, self.tr("Password needed"), prompt, QLineEdit.EchoMode.Password
        )
        self._session.use_password(path, password if accepted and password else None)

    def _on_scan_page_changed(self, current: int, count: int) -> None:
        self.statusBar().showMessage(
            self.tr("Page {number} of {count}").format(number=current + 1, count=count), 3000
        )

    def _save_scan_state(self, path: Path | None = None) -> None:
        path = path or self._session.state.scan
        if path is not None and self.scan.page_count():
            self._state.set_document(path, self.scan.view_state())

    # -- citation -------------------------------------------------------------------------------

    def copy_citation(self) -> None:
        """Put the record's citation on the clipboard, as plain text and HTML, and say so."""
        record = self._session.state.record
        if not isinstance(record, Record):
            return
        from viewer.ui import citation_actions  # noqa: PLC0415

        choice = self.cite.choice()
        text = citation_actions.copy_citation(record, choice)
        if not text:
            self.statusBar().showMessage(
                self.tr("{style} has no entry for this record").format(style=choice.label), 6000
            )
            return
        self.metadata.confirm(self.tr("Citation copied ({style})").format(style=choice.label))
        self.statusBar().showMessage(
            self.tr("{style} citation copied to the clipboard").format(style=choice.label), 4000
        )
        self.citation_copied.emit(text)

    def _citation_text(self, record: Record) -> str:
        """The citation the metadata panel shows, in the chosen style."""
        from viewer.domain import quotation  # noqa: PLC0415

        return quotation.parse_choice(self._settings.get(prefs.CITATION_CHOICE)).cite(record)

    def _on_cite_style_chosen(self, key: str) -> None:
        self._settings.set(prefs.CITATION_CHOICE, key)
        record = self._session.state.record
        if isinstance(record, Record):
            self.metadata.show_record(record, self._citation_text(record))

    # -- files, drops, menus --------------------------------------------------------------------

    def _on_open_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a PDF, a record or a spreadsheet of records"),
            "",
            self.tr(
                "PDF or record (*.pdf record.toml archive.toml);;"
                "Spreadsheet of records (*.csv *.tsv *.xlsx);;All files (*)"
            ),
        )
        if path:
            chosen = Path(path)
            self.open_path(chosen.parent if chosen.suffix == ".toml" else chosen)

    def _on_open_folder_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        path = QFileDialog.getExistingDirectory(self, self.tr("Open an archive or record folder"))
        if path:
            self.open_path(Path(path))

    def _on_import_triggered(self) -> None:
        from viewer.ui import import_dialog  # noqa: PLC0415  (loaded when first used)

        dialog = import_dialog.ImportDialog(self._jobs, self)
        dialog.archive_chosen.connect(self.open_path)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _fill_recent_menu(self) -> None:
        self._recent_menu.clear()
        recent = self._settings.get(prefs.RECENT_ARCHIVES)
        if not recent:
            self._recent_menu.addAction(self.tr("No recent archives")).setEnabled(False)
        for number, text in enumerate(recent, 1):
            action = self._recent_menu.addAction(f"&{number % 10} {text}")
            action.triggered.connect(lambda _=False, p=text: self.open_path(Path(p)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.open_path(Path(url.toLocalFile()))
                return

    def raise_records(self) -> None:
        """Bring the record list's tab to the front (the search tab behind it)."""
        self._records_dock.show()
        self._records_dock.raise_()

    def _on_search_dock_visibility_changed(self, visible: bool) -> None:
        # A tap or click on the Search tab is a wish to search: the box takes the typing.
        if visible and self._search_feature is not None:
            self._search_feature.focus_search()

    def _focus_records(self) -> None:
        self._records_dock.show()
        self.records.filter_edit().setFocus()

    def _show_shortcuts(self) -> None:
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            for action in menu.actions():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                if keys:
                    rows.append(
                        f"<tr><td>{action.text().replace('&', '')}</td><td><b>{keys}</b></td></tr>"
                    )
        # The scan's own tools (W, F, Ctrl+0, rotate, F4...) are in its toolbar, not a menu.
        for action in self.scan.toolbar.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and action is not self.scan.go_to_page_action:  # that one is in Go
                rows.append(
                    f"<tr><td>{action.text().replace('&', '')}</td><td><b>{keys}</b></td></tr>"
                )
        text_size = self.tr("Transcript text larger / smaller")
        rows.append(f"<tr><td>{text_size}</td><td><b>Ctrl++ / Ctrl+-</b></td></tr>")
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.information(
            self, self.tr("Keyboard shortcuts"), "<table>" + "".join(rows) + "</table>"
        )

    def _show_history(self) -> None:
        lines = [
            f"{self.messages.level_name(m.level)}: {m.text}" for m in self.messages.history
        ] or [self.tr("No messages.")]
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

        QMessageBox.information(self, self.tr("Messages"), "\n\n".join(lines))

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

    # -- closing --------------------------------------------------------------------------------

    def stop_background_work(self) -> None:
        """Stop indexing and searching (before the window goes, closed or not); an index still
        waiting for the first page is not started any more (see `_start_pending_index`)."""
        self._stopped = True
        if self._metadata_reader is not None:
            self._metadata_reader.stop()
        if self._search_feature is not None:
            self._search_feature.shut_down()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_background_work()
        self._save_scan_state()
        self._remember_splitter()
        self._state.set_window("geometry", self.saveGeometry())
        self._state.set_window("state", self.saveState())
        self._settings.set(prefs.METADATA_VISIBLE, self._metadata_dock.isVisibleTo(self))
        self._settings.set(prefs.RECORD_LIST_VISIBLE, self._records_dock.isVisibleTo(self))
        self._state.sync()
        self._settings.sync()
        super().closeEvent(event)


def _guessed_from_names(archive: Archive) -> bool:
    """Whether `archive` is a plain folder's with PDFs, its records' metadata guessed from
    their file names (a glance at its first records is enough)."""
    return any(
        isinstance(r, Record)
        and r.inferred
        and r.scans
        and reading_session.has_text_layer(r.scans[0])
        for r in archive.records[:200]
    )
