"""The reader's notes on the scan: bookmarks of pages, and highlights of the words selected on a
page or of an area drawn with Shift held, painted on the page in their colour.

A highlight keeps its page and its areas in PDF points of the page as stored (`Note.rects`), so
it is painted in place at any zoom and rotation (`scan_area.PageArea.box_rect`); the words
selected are its quotation, found by the search and exported with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from viewer.domain.model import Record
from viewer.domain.notes import Note, Place, TextAnchor
from viewer.ui import note_marks
from viewer.ui.scan_area import ScanMark

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow
    from viewer.ui.notes_feature import NotesFeature


class ScanNotes(QObject):
    """Bookmarks and highlights on the record's scan, for the Notes feature."""

    def __init__(self, feature: NotesFeature, window: MainWindow) -> None:
        super().__init__(feature)
        self._feature = feature
        self._window = window
        self._area = window.scan.area
        feature.notes_shown.connect(self.paint)
        window.scan.document_opened.connect(self._on_document_opened)

    def _on_document_opened(self, _info: object) -> None:
        self.paint()

    def scan_name(self) -> str:
        """The file name of the record's scan shown ("" without one)."""
        record = self._feature.record()
        if not isinstance(record, Record) or not record.scans:
            return ""
        index = self._window.scan.current_scan()
        return record.scans[index if 0 <= index < len(record.scans) else 0].path.name

    def paint(self) -> None:
        """Paint the highlights of the scan shown on its pages."""
        name, area = self.scan_name(), self._area
        marks = tuple(
            ScanMark(note.page, note.rects, note.colour or note_marks.DEFAULT_COLOUR)
            for note in self._feature.notes()
            if note.on_scan and note.page is not None and note.scan == name and area.info
            if note.page < len(area.info.page_sizes)
        )
        if marks != area.marks:
            area.marks = marks
            area.viewport().update()

    def marks(self) -> tuple[ScanMark, ...]:
        """The highlights painted on the scan shown."""
        return self._area.marks

    def wanted(self) -> bool:
        """Whether Highlight Selection means the scan: words or an area are selected on it, and
        the transcript has no selection or the scan has the focus."""
        area = self._area
        if not area.selected and area.region is None:
            return False
        browser = self._window.transcript.browser()
        return area.hasFocus() or browser.isHidden() or not browser.textCursor().hasSelection()

    def go_to_page(self, scan_name: str, page: int, then: Note | None = None) -> None:
        """Show `page` of the record's scan `scan_name` (switching to that scan first), and the
        highlight `then` on it."""
        window = self._window
        window.show_scan_pane(has_scan=True)
        record = self._feature.record()
        names = [s.path.name for s in record.scans] if isinstance(record, Record) else []
        index = names.index(scan_name) if scan_name in names else window.scan.current_scan()

        def shown() -> None:
            window.scan.go_to_page(page)
            if then is not None:
                self._area.show_area(page, then.rects)

        if index == window.scan.current_scan():
            shown()
            return
        window.scan.document_opened.connect(
            lambda _info: shown(), Qt.ConnectionType.SingleShotConnection
        )
        window.scan.scan_switch.setCurrentIndex(index)

    def highlight(self, with_note: bool = False) -> Note | None:
        """Highlight the words selected on the scan page, or the area drawn (and write a note on
        it); the highlight saved."""
        feature = self._feature
        if feature.writable_record() is None:
            return None
        found = self._area.selection_areas()
        key = feature.key()
        if found is None or key is None:
            feature.say(self.tr("Select words on the scan, or draw an area with Shift held."))
            return None
        page, boxes, text = found
        anchor = TextAnchor(text) if text.strip() else None
        name, colour, store = self.scan_name(), feature.colour, feature.store()
        note = feature.save(
            lambda: store.add(
                key, Place.PAGE, scan=name, page=page, anchor=anchor, colour=colour, rects=boxes
            )
        )
        if note is None:
            return None
        self._area.selected = []
        self._area.region = None
        self.paint()
        if with_note:
            feature.open_dialog(
                self.tr("Note on the highlight, scan page {page}").format(page=page + 1),
                text,
                lambda words, tags: feature.save(
                    lambda: store.update(note.id, text=words, tags=tags), words
                ),
            )
        return note

    def bookmark(self) -> Note | None:
        """Bookmark the scan page shown."""
        feature = self._feature
        record = feature.writable_record()
        if record is None:
            return None
        scan = self._window.scan
        if not record.scans or scan.page_count() == 0:
            feature.say(self.tr("This record has no scan page to bookmark."))
            return None
        key, page, name, store = (
            feature.key(),
            scan.current_page(),
            self.scan_name(),
            feature.store(),
        )
        assert key is not None
        note = feature.save(lambda: store.add(key, Place.PAGE, scan=name, page=page))
        if note is not None:
            feature.say(self.tr("Scan page {page} bookmarked").format(page=page + 1))
        return note
