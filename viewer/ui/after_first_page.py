"""What the window loads once the first page is on screen: the record list, the search index,
the PDF metadata of a plain folder's records, and the search and citation features.

Reading comes first: none of this is built before the first page is painted (or before
`INDEX_DELAY_MS`, for a record without a scan), each piece on its own turn of the event loop.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from viewer.domain.model import Archive, BrokenRecord, Record, UnreadRecord
from viewer.services import reading_state
from viewer.services import settings as prefs
from viewer.ui import focus_frame

if TYPE_CHECKING:
    from viewer.ui.cite_feature import CiteFeature
    from viewer.ui.folder_follow import FolderFollow
    from viewer.ui.library import LibraryPanel
    from viewer.ui.main_window import MainWindow
    from viewer.ui.notes_feature import NotesFeature
    from viewer.ui.search_feature import SearchFeature

log = logging.getLogger(__name__)

STEP_MS = 1
"""Between two pieces built after the first page: a timer, so that the event loop goes round."""
_LATE_MODULES = (
    "viewer.domain.search.values",
    "viewer.domain.search",
    "viewer.ui.find_bar",
    "viewer.ui.search_panel",
    "viewer.ui.search_feature",
    "viewer.ui.cite_feature",
    "viewer.ui.citation_actions",
)
"""What the search and citation features load, in the order they need it."""
CLOSING_WAIT_MS = 1000
"""How long closing waits for the folder watch's thread to end (it ends at once; one that does
not is kept until it does, `services.lingering`)."""
INDEX_DELAY_MS = 1500
"""Longest wait for the first page before indexing starts anyway (a record without a scan)."""
LATER_MODULES = (
    "viewer.domain.quotation",
    "viewer.ui.library",
    "viewer.ui.citation_actions",
    "viewer.ui.cite_feature",
    "viewer.ui.search_feature",
    "viewer.services.folder_watch",
    "viewer.ui.folder_follow",
    "viewer.ui.notes_feature",
)
"""Modules the window needs once a record is shown, imported ahead on a thread of their own
(`import_ahead`): imported on the window's thread, they would hold it a tenth of a second."""


def import_ahead(modules: tuple[str, ...] = LATER_MODULES) -> threading.Thread:
    """Import `modules` on a thread of their own, while the window waits for what it opens; the
    thread (started)."""

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # the window's own import of it will say what is wrong
                log.exception("importing %s ahead failed", name)

    thread = threading.Thread(target=run, name="import-ahead", daemon=True)
    thread.start()
    return thread


class AfterFirstPage(QObject):
    """The window's parts that reading does not need at once, built on first need."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._session.archive_reread.connect(self.archive_reread)
        self._session.records_filled.connect(self._on_session_records_filled)
        self.library: LibraryPanel | None = None
        self.search_feature: SearchFeature | None = None
        self.cite_feature: CiteFeature | None = None
        self.notes_feature: NotesFeature | None = None
        self._notes_unavailable = False
        """The notes file can be neither written nor read: said once, not tried again."""
        self._pending_index: Archive | None = None
        self._pending_metadata: Archive | None = None
        self._metadata_reading = False
        """A plain folder's PDF metadata is being read: indexing waits for its titles."""
        self._metadata_reader: Any = None
        """The PdfMetadataReader of a plain folder's records, made when first needed."""
        self._pdf_text_layers: dict[str, bool] = {}
        """Whether each PDF of the plain folder open has a text layer, once read."""
        self._metadata_again = False
        """The folder was read again while its PDFs were being read: read them again after."""
        self._pending_follow: Archive | None = None
        self._follow: FolderFollow | None = None
        """What follows the open plain folder on disk, made when first needed."""
        self._steps: list[Callable[[], object]] = []
        """What is left to build after the first page, a piece per turn of the event loop."""
        self.stopped = False
        """Background work was stopped (the window closed): none is started any more."""
        # The record list is built once the first page is painted, or after this long at the
        # latest (a PDF that cannot be shown, a record without a scan, no archive at all).
        QTimer.singleShot(INDEX_DELAY_MS, self.build_library)
        # Once the window is up (it waits for what it opens), not while it is being built.
        QTimer.singleShot(0, import_ahead)

    def on_first_page_painted(self) -> None:
        """The reader has the page: now load what reading does not need at once, a piece per
        turn of the event loop (each well under 50 ms: the search and the citation features
        are built on turns of their own)."""
        start = not self._steps
        self._steps += [
            self.build_library,
            # A plain folder's PDFs are read first: indexing waits for their titles.
            self._start_pending_metadata,
            self._start_following,
            # Loaded a few at a time: all at once they take ~60 ms.
            *(functools.partial(importlib.import_module, name) for name in _LATE_MODULES),
            self._build_search_feature,
            self._build_cite_feature,
            self._window.follow_screen_in_tab_order,
            _keep_from_collector,
            self.start_pending_index,
            self._build_notes_feature,
        ]
        if start:
            QTimer.singleShot(STEP_MS, self._next_step)

    def built(self) -> bool:
        """Whether everything built after the first page is (the record list, search and
        citation, the Tab order that follows the screen)."""
        return self.library is not None and not self._steps and self.search_feature is not None

    def _next_step(self) -> None:
        """One piece of `on_first_page_painted`; the next on a turn of its own, after what
        arrived meanwhile (input, painting, timers due): calls queued with no delay run back
        to back in one pass of the event loop."""
        if self.stopped:  # the window closed: nothing more is built
            self._steps = []
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(STEP_MS, self._next_step)

    def archive_opened(self, archive: Archive) -> None:
        """`archive` is open: list it, index it after the first page, complete a plain folder's
        records from their PDFs' metadata."""
        if self.library is not None:
            self.library.set_archive(archive)
        # Indexing waits until the first page is on screen: start-up is the reader's time.
        self._pending_index = archive
        QTimer.singleShot(INDEX_DELAY_MS, self.start_pending_index)
        if self._metadata_reader is not None:
            self._metadata_reader.stop()
        self._metadata_reading = False
        self._metadata_again = False
        self._pdf_text_layers = {}
        # Changes on disk are followed from the first page on, as indexing is.
        if self._follow is not None:
            self._follow.stop()
        self._pending_follow = archive
        QTimer.singleShot(INDEX_DELAY_MS, self._start_following)
        # A plain folder's records were listed from their names: their PDFs' own metadata is
        # read after the first page too (by a process started now, at low priority).
        self._pending_metadata = archive if _guessed_from_names(archive) else None
        if self._pending_metadata is not None and not self.stopped:
            self._metadata_reader_made().prepare(archive.root)
            QTimer.singleShot(INDEX_DELAY_MS, self._start_pending_metadata)

    # -- PDF metadata of a plain folder ---------------------------------------------------------

    def _start_pending_metadata(self) -> None:
        pending, self._pending_metadata = self._pending_metadata, None
        archive = self._session.state.archive
        # The archive as listed, or as read again since (it was listed from the user's cache).
        if pending is None or self.stopped or archive is None or archive.root != pending.root:
            return
        self._metadata_reading = self._metadata_reader_made().read(archive) > 0
        if not self._metadata_reading:
            self.start_pending_index()

    def _read_metadata_again(self, archive: Archive) -> None:
        """The folder was read again (its files changed): its PDFs the user's cache does not
        know (added or written since) are read for their metadata."""
        if (
            self.stopped
            or self._pending_metadata is not None  # read in its turn, as the folder is then
            or not _guessed_from_names(archive)
        ):
            return
        reader = self._metadata_reader_made()
        if self._metadata_reading or reader.busy():
            # After the reading under way: stopping it would end its processes (the window
            # waits for them to go) and load PyMuPDF again in new ones. The index waits too.
            self._metadata_again = True
            return
        self._metadata_reading = reader.read(archive) > 0

    def _read_metadata_of_open_archive(self) -> None:
        archive = self._session.state.archive
        if archive is not None:
            self._read_metadata_again(archive)
        if not self._metadata_reading and self._pending_index is not None:
            self.start_pending_index()  # it waited for this reading, which has nothing to do

    def metadata_pending(self) -> bool:
        """Whether a plain folder's PDFs are to be, or being, read for their metadata."""
        return self._pending_metadata is not None or self._metadata_reading

    def _metadata_reader_made(self) -> Any:
        if self._metadata_reader is None:
            from viewer.services.pdf_metadata import PdfMetadataReader  # noqa: PLC0415

            self._metadata_reader = PdfMetadataReader(self)
            self._metadata_reader.records_completed.connect(self._session.complete_records)
            self._metadata_reader.finished.connect(self._on_pdf_metadata_finished)
            self._metadata_reader.text_layers_read.connect(self._on_pdf_text_layers_read)
        return self._metadata_reader

    def _on_pdf_text_layers_read(self, root: Path, texts: dict[str, bool]) -> None:
        """Which of a plain folder's PDFs have a text layer: the list marks those without."""
        archive = self._session.state.archive
        if archive is None or archive.root != root:
            return
        self._pdf_text_layers = texts
        if self.library is not None:
            self.library.set_text_layers(texts)
        if self._metadata_again:  # the folder changed on disk meanwhile
            self._metadata_again = False
            QTimer.singleShot(0, self, self._read_metadata_of_open_archive)

    def _on_pdf_metadata_finished(self, root: Path, seconds: float) -> None:
        archive = self._session.state.archive
        if archive is None or archive.root != root:
            return
        self._metadata_reading = False
        self._window.pdf_metadata_read.emit(seconds)
        # The index is built now, with the titles and authors the PDFs gave (and meanwhile the
        # two did not compete for the machine's cores).
        if self._pending_index is not None:
            self._pending_index = archive
            self.start_pending_index()

    # -- changes on disk --------------------------------------------------------------------------

    def _start_following(self) -> None:
        """Follow the open archive's files, when it is a plain folder or a sheet's folder."""
        pending, self._pending_follow = self._pending_follow, None
        archive = self._session.state.archive
        if pending is None or self.stopped or archive is None or archive.root != pending.root:
            return
        if self._follow is None:
            from viewer.ui.folder_follow import FolderFollow  # noqa: PLC0415  (after the page)

            self._follow = FolderFollow(
                self._session, self._window.messages.channel, self._completer, self
            )
        self._follow.follow(archive)

    def folder_follow(self) -> FolderFollow | None:
        """What follows the open folder on disk, once made."""
        return self._follow

    # -- the record list and the index ----------------------------------------------------------

    def build_library(self) -> LibraryPanel:
        """The record list, built on first call."""
        if self.library is not None:
            return self.library
        from viewer.ui.library import LibraryPanel  # noqa: PLC0415  (after the first page)

        library = LibraryPanel()
        # Styled before it holds rows: a style sheet set later polishes every row again.
        focus_frame.install(library.view())
        library.record_chosen.connect(self._session.show_record)
        self.library = library
        state = self._session.state
        if state.archive is not None:
            library.set_archive(state.archive)
            library.set_text_layers(self._pdf_text_layers)
        elif state.bare_pdf is not None and isinstance(state.record, Record):
            library.set_records((state.record,))
        if state.record is not None:
            library.select(state.record.id)
        self._window.records_dock.setWidget(library)
        # Tab follows on a turn of its own: walking the window's focus chain takes ~10 ms.
        QTimer.singleShot(STEP_MS, self, self._window.follow_screen_in_tab_order)
        return library

    def start_pending_index(self) -> None:
        """Index the archive opened, unless its PDFs' metadata is still being read."""
        if self.stopped:  # closed before its turn came: nothing to start any more
            return
        self.build_library()
        if self._pending_metadata is not None or self._metadata_reading or self._metadata_again:
            return  # started once the PDFs' metadata is in (see _on_pdf_metadata_finished)
        if self.search_feature is None or self.cite_feature is None:
            # A feature a turn, then the indexing: each takes the window a while.
            if self.search_feature is None:
                self._build_search_feature()
            else:
                self._build_cite_feature()
            QTimer.singleShot(STEP_MS, self, self.start_pending_index)
            return
        archive, self._pending_index = self._pending_index, None
        if (
            archive is not None
            and archive.records
            and isinstance(archive.records[-1], UnreadRecord)
        ):
            return  # indexed once read whole (`archive_reread`): its last records are read last
        if archive is not None and archive is self._session.state.archive:
            self.features()[0].start_indexing(archive, self._completer())
        # The Notes panel too (a record without a scan paints no first page), on a turn of its own.
        QTimer.singleShot(STEP_MS, self, self._build_notes_feature)

    # -- search and citation --------------------------------------------------------------------

    def features(self) -> tuple[SearchFeature, CiteFeature]:
        """The search and citation features, built on first need (after the first page)."""
        if self.search_feature is not None and self.cite_feature is not None:
            return self.search_feature, self.cite_feature
        features = self._build_search_feature(), self._build_cite_feature()
        self._window.follow_screen_in_tab_order()
        return features

    def _build_search_feature(self) -> SearchFeature:
        if self.search_feature is not None:
            return self.search_feature
        from viewer.ui import citation_actions  # noqa: PLC0415
        from viewer.ui.search_feature import SearchFeature  # noqa: PLC0415

        window = self._window
        factory = window.search_factory
        service, problem = factory() if factory else (None, "")
        search = SearchFeature(
            dock=window.search_dock,
            transcript_column=window.transcript_layout,
            browser=window.transcript.browser(),
            edit_menu=window.edit_menu,
            messages=window.messages,
            find_archive_record=window.find_record,
            show_record=self._session.show_record,
            scan=window.scan,
            service=service,
            problem=problem,
            text_layer=window.text_layer,
        )
        self.search_feature = search
        if self.notes_feature is not None:
            search.search_notes(self.notes_feature.path(), self.notes_feature.open_found_note)
        focus_frame.install(search.panel.result_view())
        search.archive_changed.connect(self._session.archive_changed_on_disk)
        results_menu = citation_actions.build_format_menu(
            window,
            self.tr("Export &Search Results"),
            self._on_export_search_results,
            "export_results_menu",
        )
        window.file_menu.insertMenu(window.file_end, results_menu)
        window.export_results_menu = results_menu
        return search

    def _build_cite_feature(self) -> CiteFeature:
        if self.cite_feature is not None:
            return self.cite_feature
        self._build_search_feature()  # first: its menu comes first
        from viewer.ui import citation_actions  # noqa: PLC0415
        from viewer.ui.cite_feature import CiteFeature  # noqa: PLC0415

        window = self._window
        channel = window.messages.channel
        cite = CiteFeature(
            window=window,
            dock=window.cite_dock,
            browser=window.transcript.browser(),
            edit_menu=window.edit_menu,
            file_menu=window.file_menu,
            before=window.file_end,
            choice_key=window.settings.get(prefs.CITATION_CHOICE),
            current_record=window.current_record,
            page_texts=window.scan.page_texts,
            on_error=channel.error,
            on_copied=channel.info,
            selected_records=self._selected_records,
            on_exported=channel.info,
        )
        self.cite_feature = cite
        cite.panel.style_chosen.connect(window.on_cite_style_chosen)
        archive_menu = citation_actions.build_export_menu(
            window,
            self._good_records,
            channel.error,
            title=self.tr("Export &Whole Archive"),
            on_said=channel.info,
        )
        window.file_menu.insertMenu(window.file_end, archive_menu)
        window.export_archive_menu = archive_menu
        cite.panel.show_record(self._session.state.record)
        return cite

    def _build_notes_feature(self) -> None:
        """The Notes panel, and Tab through it after the Cite panel (on a turn of its own)."""
        if self.notes_feature is None and self.notes_feature_made() is not None:
            QTimer.singleShot(STEP_MS, self, self._window.follow_screen_in_tab_order)

    def notes_feature_made(self) -> NotesFeature | None:
        """The Notes panel and commands, built on first need; None in a kiosk, after the window
        closed, or when the notes file can be neither written nor read (said once)."""
        if self.notes_feature is not None:
            return self.notes_feature
        if not self._window.notes_enabled or self.stopped or self._notes_unavailable:
            return None
        from viewer.domain import notes  # noqa: PLC0415
        from viewer.ui.notes_feature import NotesFeature  # noqa: PLC0415

        channel = self._window.messages.channel
        try:
            store = notes.NoteStore.open()
        except notes.NotesUnavailableError as exc:
            self._notes_unavailable = True
            channel.warning(
                self.tr(
                    "Notes are off in this session: {reason}. Everything else works as usual."
                ).format(reason=exc)
            )
            return None
        self.notes_feature = NotesFeature(self._window, store)
        if self.search_feature is not None:
            self.search_feature.search_notes(store.path, self.notes_feature.open_found_note)
        if store.read_only:
            channel.warning(self.notes_feature.unwritable_text(store.problem))
        return self.notes_feature

    def _completer(self) -> Any:
        """What completes a record read again after an edit on disk: its PDF's metadata."""
        return self._metadata_reader.complete if self._metadata_reader is not None else None

    def archive_reread(self, archive: Archive) -> None:
        """The archive was listed from the user's cache and the disk has changed since: index
        the records as they are on disk."""
        started = self._pending_index is None
        # Indexing starts (again, if it started with the early records) with these, in its turn.
        self._pending_index = archive
        if started and not self.stopped:
            QTimer.singleShot(INDEX_DELAY_MS, self.start_pending_index)
        self._read_metadata_again(archive)

    def _on_session_records_filled(self, archive: Archive) -> None:
        """More records of an archive listed before they were read: their rows show them."""
        if self.library is not None:
            self.library.fill_records(archive.records)

    def _good_records(self) -> list[Record]:
        archive = self._session.state.archive
        return list(archive.good_records()) if archive is not None else []

    def _selected_records(self) -> list[object]:
        """The records selected in the record list (several, to export their citations)."""
        return list(self.library.selected_records()) if self.library is not None else []

    def _on_export_search_results(self, fmt: Any) -> None:
        """Export every record the search matches (found in the background), not only those
        listed so far."""
        from viewer.ui import citation_actions  # noqa: PLC0415

        channel = self._window.messages.channel

        def export(records: list[Record]) -> None:
            citation_actions.export_records(
                self._window,
                records,
                fmt,
                channel.error,
                on_exported=lambda target: channel.info(
                    citation_actions.exported_text(len(records), fmt, target)
                ),
            )

        self.features()[0].find_all_matches(export)

    def show_record(self, record: Record | BrokenRecord) -> None:
        """`record` is on screen: the record list and the Cite panel follow."""
        if self.library is not None:
            self.library.select(record.id)
        if self.cite_feature is not None:
            self.cite_feature.panel.show_record(record)

    def stop(self) -> None:
        """Stop indexing, searching and reading metadata; nothing is started any more."""
        self.stopped = True
        if self._follow is not None:
            self._follow.stop(CLOSING_WAIT_MS)
        if self._metadata_reader is not None:
            self._metadata_reader.close()
        if self.search_feature is not None:
            self.search_feature.shut_down()
        if self.notes_feature is not None:
            self.notes_feature.close()


def _keep_from_collector() -> None:
    """The window's parts are all built and live as long as it does: keep the cycle collector's
    full passes from walking them (and the modules loaded for them) again, ~30 ms each of
    whichever thread triggers one, the window's or one holding the interpreter's lock."""
    gc.freeze()


def _guessed_from_names(archive: Archive) -> bool:
    """Whether `archive` is a plain folder's with PDFs, its records' metadata guessed from
    their file names (a glance at its first records is enough)."""
    return any(
        isinstance(r, Record)
        and r.inferred
        and r.scans
        and reading_state.has_text_layer(r.scans[0])
        for r in archive.records[:200]
    )
