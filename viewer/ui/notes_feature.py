"""The reader's notes in the window: the Notes panel of the record shown, highlights painted in
its transcript, and the Notes menu's commands (note, highlight, bookmark, export).

Built after the first page (`ui/after_first_page.py`), never in a kiosk. Every change is one
small SQLite write on the window's thread (`domain/notes/store.py`: well under a millisecond,
`benchmarks/notes.py`); the page of a highlighted passage is found in the scan's text layer on
a thread of Qt's pool, as for Copy with Citation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QAbstractScrollArea, QDialog, QMenu, QTabWidget

from viewer.domain import quotation
from viewer.domain.model import BrokenRecord, Record
from viewer.domain.notes import (
    Note,
    NotesError,
    NoteStore,
    NotesUnwritableError,
    Place,
    RecordKey,
    anchor_at,
    find_anchor,
    record_key,
)
from viewer.domain.notes import export as notes_export
from viewer.domain.notes import store as notes_store
from viewer.services import jobs
from viewer.services import settings as prefs
from viewer.ui import citation_actions, focus_frame, note_marks
from viewer.ui.notes_panel import NoteDialog, NotesPanel
from viewer.ui.notes_transfer import NotesTransfer
from viewer.ui.reading_lists import ReadingLists
from viewer.ui.scan_notes import ScanNotes

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class NotesFeature(QObject):
    """The Notes panel and commands over one notes file."""

    notes_shown = Signal()
    """The panel lists the record's notes again (and the transcript shows its highlights)."""

    def __init__(self, window: MainWindow, store: NoteStore) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._channel = window.messages.channel
        self._record: Record | BrokenRecord | None = None
        self._key: RecordKey | None = None
        self._notes: list[Note] = []
        self._lost: frozenset[int] = frozenset()
        self._located: dict[int, tuple[int, int]] = {}
        """Where each highlight of the text shown is, as document positions."""
        self._painter = note_marks.Painter()
        self._go_after_text: int | None = None
        self.colour = window.settings.get(prefs.HIGHLIGHT_COLOUR)
        self._closed = False
        self.dialog: NoteDialog | None = None
        """The note being written, while its dialog is open."""
        self.all_notes: QDialog | None = None
        """Notes > All Notes, while it is open."""
        self.panel = NotesPanel()
        self.reading_lists = ReadingLists(window, store, self.open_record, self._say_unwritable)
        self.transfer = NotesTransfer(window, store, self._say_unwritable)
        self.transfer.imported.connect(self._on_transfer_imported)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.panel, self.tr("This Record"))
        self.tabs.addTab(self.reading_lists.panel, self.tr("Reading Lists"))
        window.notes_dock.setWidget(self.tabs)
        # Framed while they have the focus, as every other pane a Tab stops at.
        focus_frame.install(*self.tabs.findChildren(QAbstractScrollArea))
        self.panel.note_activated.connect(self.go_to_note)
        self.panel.add_requested.connect(self.note_record)
        self.panel.edit_requested.connect(self.edit_note)
        self.panel.delete_requested.connect(self.delete_note)
        self.panel.set_writable(not store.read_only)
        if store.read_only:
            self.panel.set_problem(self.unwritable_text(store.problem))
        self.colour_menu = self._build_colour_menu()
        self.scan_notes = ScanNotes(self, window)
        window.record_shown.connect(self.show_record)
        window.transcript.text_shown.connect(self._on_transcript_text_shown)
        # Highlights come into view as the text scrolls: painted then, once per turn.
        self._scrolled = QTimer(self)
        self._scrolled.setSingleShot(True)
        self._scrolled.setInterval(0)
        self._scrolled.timeout.connect(self._paint_on_screen)
        bar = window.transcript.browser().verticalScrollBar()
        bar.valueChanged.connect(self._scrolled.start)
        bar.rangeChanged.connect(self._scrolled.start)
        record = window.current_record()
        if record is not None:
            self.show_record(record)
            if not window.transcript.is_filling():
                self._paint()

    def _say_unwritable(self, reason: str) -> None:
        self._channel.error(self.unwritable_text(reason))

    def unwritable_text(self, reason: str) -> str:
        """What the reader is told when notes cannot be saved."""
        return self.tr(
            "Notes cannot be saved: {reason}. The notes saved before are kept and shown."
        ).format(reason=reason)

    def _build_colour_menu(self) -> QMenu:
        menu = QMenu(self.tr("Highlight &Colour"), self._window)
        menu.setObjectName("highlight_colour_menu")
        group = QActionGroup(menu)
        names = {
            "#fff176": self.tr("Yellow"),
            "#a5d6a7": self.tr("Green"),
            "#90caf9": self.tr("Blue"),
            "#f48fb1": self.tr("Pink"),
        }
        for colour in note_marks.COLOURS:
            action = QAction(names[colour], menu)
            action.setObjectName(f"highlight_colour_{note_marks.COLOURS[colour].lower()}")
            action.setCheckable(True)
            action.setChecked(colour == self.colour)
            action.triggered.connect(lambda _=False, c=colour: self.set_colour(c))
            group.addAction(action)
            menu.addAction(action)
        notes_menu = self._window.notes_menu
        notes_menu.insertMenu(self._window.commands["bookmark"], menu)
        return menu

    def set_colour(self, colour: str) -> None:
        """Highlight in `colour` from now on (kept in the settings)."""
        self.colour = colour
        self._window.settings.set(prefs.HIGHLIGHT_COLOUR, colour)

    # -- the record shown -----------------------------------------------------------------------

    def show_record(self, record: Record | BrokenRecord) -> None:
        """List `record`'s notes; its highlights are painted once its text is shown."""
        self._painter.forget()
        self._located = {}
        self._lost = frozenset()
        self._record = record
        self._key = record_key(self._window.current_archive(), record)
        self._reload()

    def _reload(self) -> None:
        if self._closed:
            return
        try:
            self._notes = self._store.notes_for(self._key) if self._key is not None else []
        except NotesError as exc:
            self._notes = []
            self._channel.error(
                self.tr("Your notes cannot be read: {reason}. The file is left as it is.").format(
                    reason=exc
                ),
                replace="notes-unreadable",
            )
        self.panel.set_notes(self._notes, self._lost)
        self.notes_shown.emit()

    def _on_transcript_text_shown(self) -> None:
        self._painter.forget()  # a new text: nothing of the old one's painting is left
        self._paint()
        if self._go_after_text is not None:
            note_id, self._go_after_text = self._go_after_text, None
            self.go_to_note(note_id)

    def _language(self) -> str:
        shown = self._window.transcript.current()
        return shown.language if shown is not None else ""

    def _paint(self) -> None:
        """Find the highlights of the text shown and paint those on screen; those not found
        are "place not found"."""
        browser = self._window.transcript.browser()
        passages = [
            n
            for n in self._notes
            if n.place is Place.PASSAGE and n.anchor and n.language == self._language()
        ]
        self._located = {}
        lost = set()
        marks = []
        if passages and not browser.isHidden():
            shown = note_marks.ShownText(browser.document())
            for note in passages:
                assert note.anchor is not None
                span = find_anchor(note.anchor, shown.text)
                if span is None:
                    lost.add(note.id)
                    continue
                start, end = shown.to_document(span[0]), shown.to_document(span[1])
                self._located[note.id] = (start, end)
                marks.append(note_marks.Mark(start, end, note.colour or note_marks.DEFAULT_COLOUR))
        self._painter.set_marks(browser.document(), marks)
        self._paint_on_screen()
        if frozenset(lost) != self._lost:
            self._lost = frozenset(lost)
            self.panel.set_notes(self._notes, self._lost)
        self.notes_shown.emit()

    def _paint_on_screen(self) -> None:
        """Paint the highlights in the view, and a screen's height above and below it."""
        browser = self._window.transcript.browser()
        viewport = browser.viewport()
        height = viewport.height()
        low = browser.cursorForPosition(QPoint(0, -height)).position()
        high = browser.cursorForPosition(QPoint(viewport.width(), 2 * height)).position()
        self._painter.paint_between(low, high + 1)

    def record(self) -> Record | BrokenRecord | None:
        """The record shown."""
        return self._record

    def key(self) -> RecordKey | None:
        """The key of the record shown."""
        return self._key

    def store(self) -> NoteStore:
        """The notes file."""
        return self._store

    def say(self, text: str) -> None:
        """Tell the reader `text` in the message bar."""
        self._channel.info(text)

    def lost_notes(self) -> frozenset[int]:
        """The highlights of the text shown whose passage is no longer found in it."""
        return self._lost

    def notes(self) -> list[Note]:
        """The notes of the record shown, as listed."""
        return list(self._notes)

    # -- going to a note's place ----------------------------------------------------------------

    def go_to_note(self, note_id: int) -> None:
        """Show the note's place: its scan page, or its passage selected in the transcript."""
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is None:
            return
        window = self._window
        if note.place is Place.PAGE and note.page is not None:
            self.scan_notes.go_to_page(note.scan, note.page, note if note.on_scan else None)
        elif note.place is Place.PASSAGE:
            if note.language != self._language() and window.transcript.select_language(
                note.language
            ):
                self._go_after_text = note_id  # once the other language's text is in
                return
            span = self._located.get(note_id)
            if span is None:
                self._channel.info(self.tr("The place of this note is not found in the text."))
                return
            browser = window.transcript.browser()
            cursor = QTextCursor(browser.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            browser.setTextCursor(cursor)
            browser.ensureCursorVisible()
            if note.page is not None and window.scan.isVisible():
                window.scan.go_to_page(note.page)

    # -- commands -------------------------------------------------------------------------------

    def show_all_notes(self) -> None:
        """Notes > All Notes: every note, read on a thread of Qt's pool, in a dialog."""
        path = self._store.path

        def shown(found: list[Note]) -> None:
            from viewer.ui.all_notes import AllNotesDialog  # noqa: PLC0415

            if self.all_notes is not None:
                self.all_notes.close()
            dialog = AllNotesDialog(found, self._window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.note_chosen.connect(self.open_note)
            dialog.finished.connect(lambda _result: setattr(self, "all_notes", None))
            self.all_notes = dialog
            dialog.show()

        jobs.run_in_background(lambda: notes_store.read_every_note(path), shown, self)

    def path(self) -> Path:
        """The notes file."""
        return self._store.path

    def open_found_note(self, record_id: str, note_id: int) -> None:
        """Show a record of the archive open and the place of its note (a search hit)."""
        archive = self._window.current_archive()
        self.open_record(RecordKey(archive.title if archive else "", record_id), note_id)

    def open_note(self, note: Note) -> None:
        """Show `note`'s record, then its place; a note of an archive not open says where."""
        self.open_record(note.key, note.id)

    def open_record(self, key: RecordKey, note_id: int | None = None) -> None:
        """Show the record `key` (and then the place of `note_id`), when its archive is open;
        else say where that archive was last seen."""
        if key == self._key:  # the record shown (a PDF opened on its own too)
            if note_id is not None:
                self.go_to_note(note_id)
            return
        archive = self._window.current_archive()
        open_title = archive.title if archive is not None else ""
        record = self._window.find_record(key.record) if archive is not None else None
        if key.archive != open_title or record is None:
            self._channel.info(
                self.tr(
                    "“{record}” is a record of {archive}, last seen in {folder}: open that "
                    "archive to see it."
                ).format(
                    record=key.title or key.record,
                    archive=key.archive or self.tr("a document opened on its own"),
                    folder=key.path,
                )
            )
            return
        if self._record is not None and record.id == self._record.id:
            if note_id is not None:
                self.go_to_note(note_id)
            return
        self._go_after_text = note_id
        self._window.show_record(record)
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is not None and note.place is Place.PAGE:  # its place: once its scan is open
            self._go_after_text = None
            self._window.scan.document_opened.connect(
                lambda _info: self.go_to_note(note.id), Qt.ConnectionType.SingleShotConnection
            )

    def writable_record(self) -> Record | None:
        """The record shown, when notes can be saved on it (else the reader is told why)."""
        if self._store.read_only:
            self._channel.error(self.unwritable_text(self._store.problem))
            return None
        record = self._record
        if not isinstance(record, Record) or self._key is None:
            self._channel.info(self.tr("Open a record to write notes on it."))
            return None
        return record

    def save(self, save: Callable[[], object], text: str = "") -> Note | None:
        """Run `save` (a call into the store); the note saved, kept in the record's list, or
        None (the reader is told when it could not be saved)."""
        saved, note = self._attempt(save, text)
        if not saved or not isinstance(note, Note):
            return None
        if note.key == self._key:
            # The record's list kept as it is saved, without reading its notes again.
            kept = [n for n in self._notes if n.id != note.id]
            self._notes = sorted([*kept, note], key=notes_store.listing_order)
            self.panel.set_notes(self._notes, self._lost)
            self.notes_shown.emit()
        return note

    def _attempt(self, save: Callable[[], object], text: str = "") -> tuple[bool, object]:
        """Run `save`: whether it was saved, and what it gave; the reader is told when not (and
        finds the words of a note that could not be saved on the clipboard)."""
        if self._closed:
            return False, None  # the window has closed (a passage's page found late)
        try:
            return True, save()
        except NotesUnwritableError as exc:
            if text.strip():
                QGuiApplication.clipboard().setText(text)
                self._channel.error(
                    self.tr(
                        "This note could not be saved: {reason}. Its words are on the "
                        "clipboard; the notes saved before are kept."
                    ).format(reason=exc)
                )
            else:
                self._channel.error(
                    self.tr(
                        "This could not be saved: {reason}. The notes saved before are kept."
                    ).format(reason=exc)
                )
            return False, None

    def _paint_new(self, note: Note) -> None:
        """Paint a highlight just made (the others stay as they are painted)."""
        browser = self._window.transcript.browser()
        if note.anchor is None or note.language != self._language() or browser.isHidden():
            return
        shown = note_marks.ShownText(browser.document())
        span = find_anchor(note.anchor, shown.text)
        if span is None:
            return
        start, end = shown.to_document(span[0]), shown.to_document(span[1])
        self._located[note.id] = (start, end)
        self._painter.add_mark(
            note_marks.Mark(start, end, note.colour or note_marks.DEFAULT_COLOUR)
        )
        self._paint_on_screen()

    def note_record(self) -> None:
        """Write a note on the record shown (in a dialog)."""
        if self.writable_record() is None:
            return
        key = self._key
        assert key is not None

        def written(text: str, tags: list[str]) -> None:
            if key == self._key and text.strip():
                self.save(lambda: self._store.add(key, Place.RECORD, text, tags=tags), text)

        self.open_dialog(self.tr("Note on the record"), "", written)

    def open_dialog(
        self, title: str, quote: str, written: object, note: Note | None = None
    ) -> None:
        if self.dialog is not None:
            self.dialog.close()
        dialog = NoteDialog(
            title,
            quote,
            note.text if note is not None else "",
            note.tags if note is not None else (),
            self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.written.connect(written)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def highlight(self, with_note: bool = False) -> Note | None:
        """Highlight the passage selected in the transcript, or the words or area selected on
        the scan (and write a note on it)."""
        if self.scan_notes.wanted():
            return self.scan_notes.highlight(with_note)
        if self.writable_record() is None:
            return None
        browser = self._window.transcript.browser()
        cursor = browser.textCursor()
        if not cursor.hasSelection() or browser.isHidden():
            self._channel.info(self.tr("Select a passage of the transcript first."))
            return None
        shown = note_marks.ShownText(browser.document())
        start = shown.from_document(cursor.selectionStart())
        end = shown.from_document(cursor.selectionEnd())
        anchor = anchor_at(shown.text, start, end)
        if not anchor.quote.strip():
            self._channel.info(self.tr("Select a passage of the transcript first."))
            return None
        key, scan = self._key, self.scan_notes.scan_name()
        assert key is not None
        note = self.save(
            lambda: self._store.add(
                key,
                Place.PASSAGE,
                scan=scan,
                language=self._language(),
                anchor=anchor,
                colour=self.colour,
            )
        )
        if note is None:
            return None
        self._paint_new(note)
        self._find_page(note)
        if with_note:
            self.open_dialog(
                self.tr("Note on the passage"),
                anchor.quote,
                lambda text, tags: self.save(
                    lambda: self._store.update(note.id, text=text, tags=tags), text
                ),
            )
        return note

    def note_passage(self) -> None:
        """Highlight the passage selected and write a note on it."""
        self.highlight(with_note=True)

    def _find_page(self, note: Note) -> None:
        """Find the passage's scan page in the text layer, in the background, and keep it."""
        layer = tuple(self._window.scan.page_texts() or ())
        if not layer or note.anchor is None:
            return
        quote = note.anchor.quote

        def found(page: quotation.Pages) -> None:
            first = page if isinstance(page, int) else page[0] if page else None
            if first is not None and not self._store.read_only:
                self.save(lambda: self._store.update(note.id, page=first - 1))

        jobs.run_in_background(lambda: quotation.passage_pages(quote, layer), found, self)

    def bookmark(self) -> Note | None:
        """Bookmark the scan page shown."""
        return self.scan_notes.bookmark()

    def edit_note(self, note_id: int) -> None:
        """Change a note's words and tags (in a dialog)."""
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is None or self.writable_record() is None:
            return
        quote = note.anchor.quote if note.anchor is not None else ""
        self.open_dialog(
            self.tr("Edit note"),
            quote,
            lambda text, tags: self.save(
                lambda: self._store.update(note_id, text=text, tags=tags), text
            ),
            note,
        )

    def delete_note(self, note_id: int) -> None:
        """Remove a note (and its highlight)."""
        if self.writable_record() is None:
            return
        deleted, _ = self._attempt(lambda: self._store.delete(note_id))
        if not deleted:
            return
        self._notes = [n for n in self._notes if n.id != note_id]
        self.panel.set_notes(self._notes, self._lost)
        self._paint()
        self._channel.info(self.tr("Note deleted"))

    # -- export ---------------------------------------------------------------------------------

    def markdown(self) -> str:
        """The record's notes as Markdown, cited in the style chosen in the Cite panel."""
        record = self._record
        if not isinstance(record, Record):
            return ""
        choice = quotation.parse_choice(self._window.settings.get(prefs.CITATION_CHOICE))
        return notes_export.record_markdown(
            record, self._notes, choice.cite(record), lost=self._lost
        )

    def export_markdown(self) -> Path | None:
        """Ask where, and write the record's notes there as Markdown; the file, or None."""
        record = self._record
        if not isinstance(record, Record) or not self._notes:
            self._channel.info(self.tr("This record has no notes to export."))
            return None
        target = citation_actions.ask_save_path(
            self._window,
            self.tr("Export notes as Markdown"),
            Path.home() / f"{record.id}-notes.md",
            self.tr("Markdown (*.md);;All files (*)"),
        )
        if target is None:
            return None
        try:
            citation_actions.write_atomically(target, self.markdown())
        except OSError as exc:
            self._channel.error(
                self.tr(
                    "The notes could not be written to {file}: {reason}. Choose a folder you "
                    "can write to."
                ).format(file=target, reason=exc.strerror or exc)
            )
            return None
        self._channel.info(self.tr("Notes exported to {file}").format(file=target.name))
        return target

    def export_all(self) -> None:
        """Notes > Export All Notes: every note as JSON, to import on another machine."""
        self.transfer.export_all()

    def import_file(self) -> None:
        """Notes > Import Notes: the notes of an export that are not here yet."""
        self.transfer.import_file()

    def _on_transfer_imported(self) -> None:
        self._reload()
        self._paint()

    def add_to_reading_list(self) -> None:
        """Notes > Add to Reading List: put the record shown in a reading list."""
        if self.writable_record() is None or self._key is None:
            return
        self.tabs.setCurrentWidget(self.reading_lists.panel)
        self.reading_lists.add(self._key)

    def close(self) -> None:
        """Close the notes file (every change is in it already)."""
        self._closed = True
        self._store.close()
