"""How the window shows the record the reading session has on screen: its title, place in the
list, metadata, citation and transcript (the session itself asks for the scan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from viewer.domain.model import Record
from viewer.services import reading_state
from viewer.services import settings as prefs

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

APP_TITLE = "Archive Viewer"


class RecordDisplay(QObject):
    """Follows the session's record into the window's panels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self.transcript: reading_state.TranscriptText | None = None
        """The transcript of the record on screen, as last shown (for its exports)."""
        session = self._session
        session.record_shown.connect(self._on_session_record_shown)
        session.record_updated.connect(self._on_session_record_updated)
        session.archive_updated.connect(self._on_session_archive_updated)
        session.transcript_shown.connect(self._on_session_transcript_shown)
        session.transcript_notice.connect(window.transcript.show_notice)
        window.transcript.language_chosen.connect(self._on_transcript_language_chosen)
        window.metadata.citation_requested.connect(self.copy_citation)

    def _on_session_record_shown(self, view: reading_state.RecordView) -> None:
        self.transcript = None
        window = self._window
        window.transcript_places.showing(None)  # the place in the previous record's text noted
        record = view.record
        window.later.show_record(record)
        title_parts = [record.title, view.archive_title, APP_TITLE]
        window.setWindowTitle(" — ".join(part for part in title_parts if part))
        self._show_position(view.position)
        if isinstance(record, Record):
            window.show_scan_pane(has_scan=view.has_scan)
            window.metadata.show_record(record, self.citation_text(record))
        else:
            window.metadata.show_record(record)
        window.copy_citation_action.setEnabled(isinstance(record, Record))
        language = view.transcript.language if view.transcript is not None else ""
        window.transcript.set_transcripts(
            record.transcripts if isinstance(record, Record) else (), language
        )
        if view.source is not reading_state.TranscriptSource.FILE:
            window.transcript.show_notice(view.notice)
        window.record_shown.emit(record)

    def _show_position(self, position: tuple[int, int] | None) -> None:
        if position is not None:
            number, total = position
            self._window.record_position.setText(
                self.tr("Record {number} of {total}").format(number=number, total=total)
            )
        else:
            self._window.record_position.clear()

    def _on_session_archive_updated(self, _archive: object) -> None:
        """Records came or went on disk: the one on screen counted again, once the record list
        has them."""
        QTimer.singleShot(0, self, lambda: self._show_position(self._session.position()))

    def _on_session_record_updated(self, record: Record) -> None:
        window = self._window
        if self._session.state.bare_pdf is not None:
            if window.later.library is not None:
                window.later.library.set_records((record,))
            window.setWindowTitle(f"{record.title} — {APP_TITLE}")
        self.show_metadata(record)

    def show_metadata(self, record: Record) -> None:
        """Show `record`'s metadata and citations (again: completed, or in another style)."""
        self._window.metadata.show_record(record, self.citation_text(record))
        cite = self._window.later.cite_feature
        if cite is not None:
            cite.panel.show_record(record)

    def _on_session_transcript_shown(self, text: reading_state.TranscriptText) -> None:
        self.transcript = text
        self._window.transcript_places.showing(text.path)
        self._window.transcript.show_display(text.display, text.notice)

    def _on_transcript_language_chosen(self, language: str) -> None:
        self._window.settings.set(prefs.PREFERRED_LANGUAGE, language)
        item = self._window.transcript.current()
        if item is not None:
            self._session.load_transcript(item)

    # -- citation -------------------------------------------------------------------------------

    def copy_citation(self) -> None:
        """Put the record's citation on the clipboard, as plain text and HTML, and say so."""
        record = self._session.state.record
        if not isinstance(record, Record):
            return
        from viewer.ui import citation_actions  # noqa: PLC0415

        window = self._window
        choice = window.cite.choice()
        text = citation_actions.copy_citation(record, choice)
        if not text:
            window.messages.channel.info(
                self.tr("{style} has no entry for this record").format(style=choice.label)
            )
            return
        window.metadata.confirm(self.tr("Citation copied ({style})").format(style=choice.label))
        window.messages.channel.info(
            self.tr("{style} citation copied to the clipboard").format(style=choice.label)
        )
        window.citation_copied.emit(text)

    def citation_text(self, record: Record) -> str:
        """The citation the metadata panel shows, in the chosen style."""
        from viewer.domain import quotation  # noqa: PLC0415

        return quotation.parse_choice(self._window.settings.get(prefs.CITATION_CHOICE)).cite(record)

    def on_cite_style_chosen(self, key: str) -> None:
        """The reader chose another citation style: kept, and the metadata panel follows."""
        self._window.settings.set(prefs.CITATION_CHOICE, key)
        record = self._session.state.record
        if isinstance(record, Record):
            self._window.metadata.show_record(record, self.citation_text(record))
