"""The reading window: the record list, the transcript beside the scan, the metadata panel."""

from __future__ import annotations

import dataclasses
import gc
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

from viewer.domain import archive as archive_io
from viewer.domain import formats, ordering, transcript
from viewer.domain.model import Archive, BrokenRecord, Record, Scan, Transcript
from viewer.services import i18n
from viewer.services import settings as prefs
from viewer.services.jobs import Jobs
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
PRELOAD_WAIT_MS = 40
"""Longest the window waits, before its first paint, for an archive being read since start-up."""
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
        self._jobs = jobs
        self._worker = worker
        self._settings = settings
        self._state = view_state
        self._archive: Archive | None = None
        self._record: Record | BrokenRecord | None = None
        self._archive_job = 0
        self._transcript_job = 0
        self._worker_restart_told = False
        self._record_has_scan = True
        self._bare_pdf: Path | None = None
        self._text_layer_pdf: Path | None = None
        """The PDF whose text layer is the transcript on screen (a record with no other)."""
        self._scan_path: Path | None = None
        self._passwords: dict[Path, str] = {}
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

        self.messages = MessageBar()
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
        self._jobs.archive_loaded.connect(self._on_jobs_archive_loaded)
        self._jobs.archive_failed.connect(self._on_jobs_archive_failed)
        self._jobs.archive_progressed.connect(self._on_jobs_archive_progressed)
        self._jobs.archive_updated.connect(self._on_jobs_archive_updated)
        self._jobs.transcript_loaded.connect(self._on_jobs_transcript_loaded)
        self._jobs.transcript_failed.connect(self._on_jobs_transcript_failed)
        self.metadata.citation_requested.connect(self.copy_citation)
        self.transcript.language_chosen.connect(self._on_transcript_language_chosen)
        self.scan.scan_chosen.connect(self._on_scan_chosen)
        self.transcript.text_size_changed.connect(
            lambda size: self._settings.set(prefs.TEXT_SIZE, size)
        )
        self.transcript.link_activated.connect(
            lambda url: self.statusBar().showMessage(
                self.tr("Links are not followed: {url}").format(url=url), 6000
            )
        )
        self.scan.document_opened.connect(self._on_scan_document_opened)
        self.scan.document_failed.connect(self._on_scan_document_failed)
        self.scan.page_changed.connect(self._on_scan_page_changed)
        self.scan.first_page_painted.connect(self._on_scan_first_page_painted)
        self._worker.text_extracted.connect(self._on_worker_text_extracted)
        self._worker.text_failed.connect(self._on_worker_text_failed)
        self._worker.worker_restarted.connect(self._on_worker_restarted)

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
        """Open an archive folder, a record folder or a PDF."""
        path = path.expanduser()
        if formats.is_document(path):
            self._open_pdf_file(path)
            return
        self._archive_job = self._jobs.load_archive(path)
        # An archive read while the window was built is shown now, before the window's first
        # paint: the scan's first page is asked for at once. (A small archive is read in a few
        # milliseconds, but its thread gets the interpreter only while this one waits; a large
        # one is left to arrive as usual.)
        if self._jobs.finish_now(self._archive_job, wait_ms=PRELOAD_WAIT_MS):
            return
        self._progress.setRange(0, 0)
        self._progress.show()
        self.statusBar().showMessage(self.tr("Opening {path}…").format(path=path))

    def _open_pdf_file(self, path: Path) -> None:
        try:
            path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python < 3.13)
            self.messages.show_message(
                Level.ERROR,
                self.tr("{file}: the file is a link that leads back to itself.").format(
                    file=path.name
                ),
            )
            return
        # A broken link is said to be one by the worker that opens it.
        if not path.exists() and not path.is_symlink():
            self.messages.show_message(
                Level.ERROR,
                self.tr("{file}: the file does not exist. Check the path.").format(file=path.name),
            )
            return
        self._save_scan_state()
        self._archive = None
        self._bare_pdf = path.resolve()
        record = archive_io.record_for_pdf(path)
        if self._library is not None:
            self._library.set_records((record,))
        self._records_dock.setWindowTitle(self.tr("Records"))
        self._settings.add_recent(path)
        self.show_record(record)

    def _on_jobs_archive_progressed(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._archive_job:
            self._progress.setRange(0, total)
            self._progress.setValue(done)

    def _on_jobs_archive_failed(self, job_id: int, message: str) -> None:
        if job_id != self._archive_job:
            return
        self._progress.hide()
        self.statusBar().clearMessage()
        self.messages.show_message(Level.ERROR, message)

    def _on_jobs_archive_loaded(self, job_id: int, archive: Archive) -> None:
        if job_id != self._archive_job:
            return
        self._progress.hide()
        self.statusBar().clearMessage()
        self._save_scan_state()
        self._archive = archive
        self._bare_pdf = None
        self._settings.add_recent(archive.root)
        # The archive's thousands of small objects live as long as it is open: keep the cycle
        # collector from walking them again and again (a full pass over 10,000 records holds the
        # interpreter for ~100 ms, whichever thread triggers it). Freed by reference counting.
        gc.freeze()
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
        broken = [r for r in archive.records if isinstance(r, BrokenRecord)]
        if broken:
            names = ", ".join(r.folder.name for r in broken[:3]) + ("…" if len(broken) > 3 else "")
            self.messages.show_message(
                Level.WARNING,
                self.tr(
                    "{broken} of {total} records in {archive} cannot be read ({names}); they are "
                    "listed with the reason. Run “archive-viewer check {root}” for the details."
                ).format(
                    broken=len(broken),
                    total=len(archive.records),
                    archive=archive.title,
                    names=names,
                    root=archive.root,
                ),
            )
        self._offer_sheet_columns(archive)
        self.archive_opened.emit(archive)
        # In the library's order; the panel itself may not be built yet (it comes after the page).
        first = ordering.first_record(
            archive,
            self._state.last_record(archive.root),
            self._library.shown_records() if self._library is not None else None,
        )
        if first is not None:
            self.show_record(first)

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

        read = manifest.last_read(self._archive.root) if self._archive is not None else None
        if self._archive is None or read is None:
            return
        root = self._archive.root
        again = root if root != read.sheet.parent else read.sheet
        self.sheet_columns_dialog = sheet_columns.ask(
            read, self, lambda chosen: self.sheet_columns_chosen.emit(read.sheet, chosen, again)
        )

    def _on_jobs_archive_updated(self, job_id: int, archive: Archive) -> None:
        # The archive was shown as the cache had it; the disk has changed since.
        if job_id != self._archive_job or self._archive is None:
            return
        started = self._pending_index is None
        self._on_archive_changed_on_disk(archive)
        # Indexing starts (again, if it started with the early records) with these, in its turn.
        self._pending_index = archive
        if started:
            QTimer.singleShot(INDEX_DELAY_MS, self._start_pending_index)

    def _on_archive_changed_on_disk(self, archive: Archive) -> None:
        """Records of the open archive were edited, added or removed on disk: list them as they
        are, and show the record on screen again if it changed."""
        if self._archive is None or archive.root != self._archive.root:
            return  # a keeper of an archive closed since
        shown = self._record
        self._archive = archive
        if self._library is not None:
            self._library.update_records(archive.records)
        self._records_dock.setWindowTitle(
            self.tr("Records ({count})").format(count=len(archive.records))
        )
        if shown is None or any(record is shown for record in archive.records):
            return  # unchanged records are the same objects
        updated = archive.find(shown.id) or next(
            (record for record in archive.records if record.folder == shown.folder), None
        )
        if updated is None:
            self.messages.show_message(
                Level.WARNING,
                self.tr(
                    "{folder}: this record is no longer in the archive on disk. It stays on "
                    "screen until another record is opened."
                ).format(folder=shown.folder),
            )
            return
        self.show_record(updated)

    # -- search ---------------------------------------------------------------------------------

    def _on_scan_first_page_painted(self) -> None:
        # The reader has the page: now load what reading does not need at once, a piece per turn
        # of the event loop.
        QTimer.singleShot(0, self._build_library)
        QTimer.singleShot(0, self._start_pending_index)
        QTimer.singleShot(0, self._start_pending_metadata)

    def _start_pending_metadata(self) -> None:
        archive, self._pending_metadata = self._pending_metadata, None
        if archive is None or self._stopped or archive is not self._archive:
            return
        self._metadata_reading = self._metadata_reader_made().read(archive) > 0
        if not self._metadata_reading:
            self._start_pending_index()

    def _metadata_reader_made(self) -> Any:
        if self._metadata_reader is None:
            from viewer.services.pdf_metadata import PdfMetadataReader  # noqa: PLC0415

            self._metadata_reader = PdfMetadataReader(self)
            self._metadata_reader.records_completed.connect(self._on_pdf_metadata_completed)
            self._metadata_reader.finished.connect(self._on_pdf_metadata_finished)
        return self._metadata_reader

    def _on_pdf_metadata_completed(self, root: Path, completed: dict[str, Record]) -> None:
        """A batch of a plain folder's records, completed by their PDFs' metadata: list them."""
        archive = self._archive
        if archive is None or archive.root != root:
            return
        records = tuple(
            completed.get(record.id, record) if isinstance(record, Record) else record
            for record in archive.records
        )
        self._archive = dataclasses.replace(archive, records=records)
        if self._library is not None:
            self._library.update_records(records)
        shown = self._record
        if isinstance(shown, Record) and shown.id in completed:
            updated = completed[shown.id]
            self._record = updated
            self.metadata.show_record(updated, self._citation_text(updated))
            if self._cite_feature is not None:
                self._cite_feature.panel.show_record(updated)

    def _on_pdf_metadata_finished(self, root: Path, seconds: float) -> None:
        if self._archive is None or self._archive.root != root:
            return
        self._metadata_reading = False
        self.pdf_metadata_read.emit(seconds)
        # The index is built now, with the titles and authors the PDFs gave (and meanwhile the
        # two did not compete for the machine's cores).
        if self._pending_index is not None:
            self._pending_index = self._archive
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
        if self._archive is not None:
            library.set_archive(self._archive)
        elif self._bare_pdf is not None and isinstance(self._record, Record):
            library.set_records((self._record,))
        if self._record is not None:
            library.select(self._record.id)
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
        if archive is not None and archive is self._archive:
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
            self._search_feature.archive_changed.connect(self._on_archive_changed_on_disk)
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
                lambda: self._archive.good_records() if self._archive is not None else [],
                lambda message: self.messages.show_message(Level.ERROR, message),
                title=self.tr("Export &Whole Archive"),
                on_said=lambda text: self.statusBar().showMessage(text, 8000),
            )
            self._file_menu.insertMenu(self._file_end, self.export_archive_menu)
            self._cite_feature.panel.show_record(self._record)
        return self._search_feature, self._cite_feature

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
        return self._archive.find(record_id) if self._archive is not None else None

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
        return self._archive

    def current_record(self) -> Record | BrokenRecord | None:
        """The record on screen."""
        return self._record

    def show_record(self, record: Record | BrokenRecord) -> None:
        """Show `record`: metadata, transcript in the preferred language, scan."""
        if record is self._record:
            return
        self._save_scan_state()
        self._record = record
        self._transcript_job = 0  # the previous record's transcript, still loading, is not shown
        if self._library is not None:
            self._library.select(record.id)
        archive_title = self._archive.title if self._archive else ""
        title_parts = [record.title, archive_title, APP_TITLE]
        self.setWindowTitle(" — ".join(part for part in title_parts if part))
        if self._archive is not None:
            self._state.set_last_record(self._archive.root, record.id)
            # Counted in the order the record list shows (by date at first), as Ctrl+] steps; by
            # identity: comparing frozen records field by field costs ~100 ms over 100,000.
            shown = (
                self._library.shown_records()
                if self._library is not None
                else ordering.library_order(self._archive.records)
            )
            index = next((i for i, r in enumerate(shown) if r is record), 0)
            self._record_position.setText(
                self.tr("Record {number} of {total}").format(
                    number=index + 1, total=len(self._archive.records)
                )
            )
        else:
            self._record_position.clear()
        if isinstance(record, BrokenRecord):
            self.metadata.show_record(record)
            if self._cite_feature is not None:
                self._cite_feature.panel.show_record(record)
            self.transcript.set_transcripts((), "")
            self.transcript.show_notice(
                self.tr("This record cannot be read: {reason}").format(reason=record.reason)
            )
            self.scan.show_message(
                self.tr("This record cannot be read, so there is no scan to show.")
            )
            self._scan_path = None
            self.copy_citation_action.setEnabled(False)
            self.record_shown.emit(record)
            return
        self._record_has_scan = bool(record.scans)
        self._show_scan_pane()
        # The scan first: the worker opens and renders it while the rest is filled in.
        self.scan.set_scans([_scan_label(scan) for scan in record.scans])
        if record.scans:
            self._open_scan(record.scans[0])
        else:
            self._scan_path = None
            self.scan.show_message(self.tr("This record has no scan."))
        self.metadata.show_record(record, self._citation_text(record))
        if self._cite_feature is not None:
            self._cite_feature.panel.show_record(record)
        self.copy_citation_action.setEnabled(True)
        chosen = self.transcript.set_transcripts(
            record.transcripts, self._settings.get(prefs.PREFERRED_LANGUAGE)
        )
        self._text_layer_pdf = None
        if chosen is not None:
            self._load_transcript(chosen)
        elif (
            record.scans
            and _has_text_layer(record.scans[0])
            and (self._bare_pdf is not None or record.inferred)
        ):
            # A PDF opened as it is (alone, or in a plain folder), with no transcript of its own:
            # its text layer stands in, once the worker has it. (A curated record without a
            # transcript is shown as its curator made it.)
            self._text_layer_pdf = record.scans[0].path
            self.transcript.show_notice(self.tr("Reading the PDF's text layer…"))
        else:
            self.transcript.show_notice(
                self.tr("This record has no transcript. The scan is shown on its own.")
                if record.scans
                else self.tr("This record has neither a transcript nor a scan.")
            )
        self.record_shown.emit(record)

    def _on_worker_restarted(self, message: str) -> None:
        """Said once a session: the pages themselves say which of them failed."""
        if self._worker_restart_told:
            return
        self._worker_restart_told = True
        self.messages.show_message(
            Level.WARNING,
            self.tr(
                "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) and "
                "was restarted; the pages are being drawn again."
            ),
        )

    def _open_scan(self, scan: Scan) -> None:
        self._scan_path = scan.path
        password = self._passwords.get(scan.path) or scan.password or None
        self.scan.open_pdf(scan.path, password, scan.images)

    def _on_scan_chosen(self, index: int) -> None:
        if isinstance(self._record, Record) and 0 <= index < len(self._record.scans):
            self._open_scan(self._record.scans[index])

    def _load_transcript(self, item: Transcript) -> None:
        self._transcript_job = self._jobs.load_transcript(item)

    def _on_jobs_transcript_loaded(
        self, job_id: int, item: Transcript | None, display: transcript.Display
    ) -> None:
        if job_id != self._transcript_job:
            return
        notice = ""
        if item is None:
            notice = self.tr(
                "This text is the PDF's own text layer (often machine-read), "
                "not an edited transcript."
            )
        self.transcript.show_display(display, notice)

    def _on_jobs_transcript_failed(self, job_id: int, item: Transcript, message: str) -> None:
        if job_id != self._transcript_job:
            return
        self.transcript.show_notice(
            self.tr("The transcript cannot be shown. {reason}").format(reason=message)
        )
        self.messages.show_message(
            Level.ERROR,
            self.tr("{reason}. The scan and metadata are still shown.").format(reason=message),
        )

    def _on_transcript_language_chosen(self, language: str) -> None:
        self._settings.set(prefs.PREFERRED_LANGUAGE, language)
        item = self.transcript.current()
        if item is not None:
            self._load_transcript(item)

    # -- the scan -------------------------------------------------------------------------------

    def _on_scan_document_opened(self, info: Any) -> None:
        path = Path(info.path)
        view = self._state.document(path)
        if view:
            self.scan.restore_view_state(view)
        if info.notices:
            self.messages.show_message(
                Level.INFO,
                self.tr("{file}: {notices}.").format(
                    file=path.name, notices="; ".join(info.notices)
                ),
            )
        if self._bare_pdf is not None and path == self._bare_pdf:
            record = archive_io.record_for_pdf(path, info.metadata)
            self._record = record
            if self._library is not None:
                self._library.set_records((record,))
            self.metadata.show_record(record, self._citation_text(record))
            if self._cite_feature is not None:
                self._cite_feature.panel.show_record(record)
            self.setWindowTitle(f"{record.title} — {APP_TITLE}")
        elif (
            self._archive is not None
            and isinstance(self._record, Record)
            and self._record.scans
            and self._record.scans[0].path == path
            and self._record.inferred
            and info.metadata
        ):
            self._show_pdf_metadata(self._record, info.metadata)
        if self._text_layer_pdf is not None and path == self._text_layer_pdf:
            self._worker.extract_text(path, self._passwords.get(path))

    def _show_pdf_metadata(self, record: Record, metadata: dict[str, str]) -> None:
        """Complete the guessed metadata of the record on screen by its PDF's info and XMP."""
        from viewer.domain.formats import folder  # noqa: PLC0415  (plain folders only)

        updated = folder.with_pdf_metadata(record, metadata)
        if updated is record:
            return
        self._record = updated
        self.metadata.show_record(updated, self._citation_text(updated))
        if self._cite_feature is not None:
            self._cite_feature.panel.show_record(updated)

    def _on_worker_text_extracted(
        self, path: str, pages: list[str], _metadata: dict[str, str]
    ) -> None:
        if self._text_layer_pdf is None or Path(path) != self._text_layer_pdf:
            return
        if any(page.strip() for page in pages):
            self.transcript.set_transcripts((), "")
            # Converted off this thread and shown in parts; the window keeps no copy of them.
            self._transcript_job = self._jobs.convert_pages(pages)
        else:
            self.transcript.show_notice(
                self.tr("No transcript: this PDF has no text layer. The scan is shown on its own.")
            )

    def _on_worker_text_failed(self, path: str, message: str) -> None:
        if self._text_layer_pdf is not None and Path(path) == self._text_layer_pdf:
            self.transcript.show_notice(
                self.tr("No transcript: the text layer cannot be read ({reason}).").format(
                    reason=message
                )
            )

    def _on_scan_document_failed(self, path_text: str, message: str, needs_password: bool) -> None:
        path = Path(path_text)
        if needs_password:
            self._ask_password(path, wrong=path in self._passwords)
            return
        # The reason is said once, in the message bar, naming the record; the scan pane and the
        # transcript only point to it.
        reason = _sentence(message)
        title = ""
        if self._bare_pdf is not None and path == self._bare_pdf:
            text = self.tr("{reason} Open another file with Ctrl+O, or drop one on this window.")
            self.transcript.show_notice(
                self.tr("No transcript: the PDF cannot be opened (the message above says why).")
            )
        else:
            title = self._record.title if isinstance(self._record, Record) else ""
            if isinstance(self._record, Record) and self._record.transcripts:
                text = self.tr("{reason} The transcript and metadata are still shown.")
            else:
                text = self.tr("{reason} The metadata is still shown.")
                if self._text_layer_pdf is not None and path == self._text_layer_pdf:
                    self.transcript.show_notice(
                        self.tr(
                            "No transcript: the PDF cannot be opened (the message above says why)."
                        )
                    )
        shown = text.format(reason=reason)
        if title:
            short = title if len(title) <= 60 else title[:59].rstrip() + "…"
            shown = self.tr("“{title}”: {message}").format(title=short, message=shown)
        self.messages.show_message(Level.ERROR, shown)
        self.scan.show_message(self.tr("This scan cannot be shown: the message above says why."))

    def _ask_password(self, path: Path, *, wrong: bool) -> None:
        prompt = (
            self.tr("The password for {file} is not correct. Try again:")
            if wrong
            else self.tr("{file} is encrypted. Enter its password to open it:")
        ).format(file=path.name)
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415  (dialogs load on first use)

        password, accepted = QInputDialog.getText(
            self, self.tr("Password needed"), prompt, QLineEdit.EchoMode.Password
        )
        if accepted and password:
            self._passwords[path] = password
            self.scan.open_pdf(path, password)
        else:
            self._passwords.pop(path, None)
            self.scan.show_message(
                self.tr("{file} is encrypted: it is shown only with its password.").format(
                    file=path.name
                )
            )
            if self._text_layer_pdf is not None and path == self._text_layer_pdf:
                # Its text layer, the transcript, cannot be read either.
                self.transcript.show_notice(
                    self.tr(
                        "No transcript: {file} is encrypted, and its text is read only once it "
                        "is opened with its password."
                    ).format(file=path.name)
                )
            self.messages.show_message(
                Level.WARNING,
                self.tr(
                    "{file}: the PDF is encrypted and needs a password. Open it again to enter it."
                ).format(file=path.name),
            )

    def _on_scan_page_changed(self, current: int, count: int) -> None:
        self.statusBar().showMessage(
            self.tr("Page {number} of {count}").format(number=current + 1, count=count), 3000
        )

    def _save_scan_state(self) -> None:
        if self._scan_path is not None and self.scan.page_count():
            self._state.set_document(self._scan_path, self.scan.view_state())

    # -- citation -------------------------------------------------------------------------------

    def copy_citation(self) -> None:
        """Put the record's citation on the clipboard, as plain text and HTML, and say so."""
        record = self._record
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
        if isinstance(self._record, Record):
            self.metadata.show_record(self._record, self._citation_text(self._record))

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
        isinstance(r, Record) and r.inferred and r.scans and _has_text_layer(r.scans[0])
        for r in archive.records[:200]
    )


def _has_text_layer(scan: Scan) -> bool:
    """Whether `scan` may carry a text layer worth showing as the transcript (a PDF; photos
    and image files have none)."""
    return not scan.images and scan.path.suffix.lower() == ".pdf"


def _scan_label(scan: Scan) -> tuple[str, str]:
    """The scan's name in the switch (its label, else its file name) and its tooltip."""
    return (scan.label or scan.path.stem, scan.path.name)


def _sentence(text: str) -> str:
    """`text` ending with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
