"""The transcript pane: formatted, selectable text, a language switch, editorial marks set apart."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTabBar, QTextBrowser, QVBoxLayout, QWidget

from viewer.domain import transcript
from viewer.domain.model import Transcript
from viewer.domain.transcript import EDITORIAL_CLASS
from viewer.services import i18n, text_document
from viewer.ui import appearance, tab_switch

EDITORIAL_COLOUR = "#6a5f8a"
"""Editorial notes are muted (and italic); in the palette's text colour where this would not
read (a high-contrast palette)."""


def style_sheet() -> str:
    """The transcript's style, its muted colour readable on the palette in use."""
    return f"""
p {{ margin-top: 0; margin-bottom: 0.8em; line-height: 140%; }}
h1, h2, h3 {{ margin-top: 0.6em; }}
.{EDITORIAL_CLASS} {{ color: {appearance.readable(EDITORIAL_COLOUR)}; font-style: italic; }}
"""


MIN_POINT_SIZE = 6
MAX_POINT_SIZE = 48


class _Browser(QTextBrowser):
    """A read-only text view that never loads anything from outside the transcript."""

    point_size = 0
    """The text's own size in points (Larger Text), kept when the interface's font changes."""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # a new font becomes the document's, at its size
        if event.type() == QEvent.Type.FontChange and self.point_size:
            font = QFont(self.font())
            font.setPointSize(self.point_size)
            self.document().setDefaultFont(font)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None

    def createMimeDataFromSelection(self) -> QMimeData:
        # The breaks put into very long words are not the reader's text.
        mime = QMimeData()
        mime.setText(transcript.unbreak(self.textCursor().selection().toPlainText()))
        return mime


class TranscriptPane(QWidget):
    """One record's transcripts, one shown at a time, with a switch between languages."""

    language_chosen = Signal(str)
    """The reader picked a transcript language."""
    text_size_changed = Signal(int)
    link_activated = Signal(str)
    """A link was clicked: the viewer never follows it, only says where it goes."""
    text_shown = Signal()
    """A text given to `show_display` is in the view, all of it."""

    def __init__(self, point_size: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Transcript"))
        self._tabs = QTabBar()
        self._tabs.setAccessibleName(self.tr("Transcript language"))
        self._tabs.setDocumentMode(True)
        tab_switch.keep_in_view(self._tabs)
        self._tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._notice = QLabel()
        self._notice.setTextFormat(Qt.TextFormat.PlainText)  # names from the archive
        self._notice.setObjectName("transcriptNotice")
        self._notice.setWordWrap(True)
        self._notice.setAccessibleName(self.tr("Transcript notice"))
        self._notice.setMargin(8)
        self._notice.hide()
        self._browser = _Browser()
        self._browser.setAccessibleName(self.tr("Transcript text"))
        self._browser.setOpenLinks(False)
        self._browser.setOpenExternalLinks(False)
        # A caret: a passage can be selected with Shift and the arrow keys, then copied (with its
        # citation, Ctrl+Alt+C) without a mouse.
        self._browser.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._browser.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        self._browser.document().setDefaultStyleSheet(style_sheet())
        self._browser.document().setDocumentMargin(16)
        self._point_size = point_size
        self._apply_point_size()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._tabs)
        layout.addWidget(self._notice)
        layout.addWidget(self._browser, 1)
        self._transcripts: tuple[Transcript, ...] = ()
        self._filler: text_document.DocumentFiller | None = None
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, delta in (
            (QKeySequence.StandardKey.ZoomIn, 1),
            ("Ctrl+=", 1),
            (QKeySequence.StandardKey.ZoomOut, -1),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(lambda d=delta: self.change_text_size(d))
        reset = QShortcut(QKeySequence("Ctrl+0"), self)
        reset.setContext(context)
        reset.activated.connect(lambda: self.set_point_size(12))

    # -- content --------------------------------------------------------------------------------

    def set_transcripts(
        self, transcripts: tuple[Transcript, ...], preferred: str
    ) -> Transcript | None:
        """Offer `transcripts` in the switch and pick `preferred`'s language when there is one."""
        self._transcripts = transcripts
        self._tabs.blockSignals(True)
        while self._tabs.count():
            self._tabs.removeTab(0)
        for item in transcripts:
            tab_switch.add_tab(
                self._tabs, item.display_label(), f"{item.path.name} ({item.language})"
            )
        chosen = 0
        for index, item in enumerate(transcripts):
            if item.language == preferred:
                chosen = index
                break
        if transcripts:
            self._tabs.setCurrentIndex(chosen)
        self._tabs.blockSignals(False)
        self._tabs.setVisible(len(transcripts) > 1)
        return transcripts[chosen] if transcripts else None

    def current(self) -> Transcript | None:
        """The transcript chosen in the switch."""
        index = self._tabs.currentIndex()
        return self._transcripts[index] if 0 <= index < len(self._transcripts) else None

    def select_language(self, language: str) -> bool:
        """Switch to the transcript in `language`; False when the record has none."""
        for index, item in enumerate(self._transcripts):
            if item.language == language:
                self._tabs.setCurrentIndex(index)
                return True
        return False

    def show_machine_read(self, label: str, tooltip: str, display: transcript.Display) -> None:
        """Show machine-read text for a record with no transcript, under a tab of its own named
        `label` (in place of a notice), a part at a time."""
        self._transcripts = ()
        self._tabs.blockSignals(True)
        while self._tabs.count():
            self._tabs.removeTab(0)
        index = self._tabs.addTab(label)
        self._tabs.setTabToolTip(index, tooltip)
        self._tabs.blockSignals(False)
        self._tabs.setVisible(True)
        self.show_display(display)

    def show_html(self, fragment: str) -> None:
        """Show a transcript's display HTML."""
        self._stop_filling()
        self._notice.hide()
        self._browser.show()
        document: QTextDocument = self._browser.document()
        document.setDefaultStyleSheet(style_sheet())
        self._browser.setHtml(fragment)
        self._browser.verticalScrollBar().setValue(0)

    def show_display(self, display: transcript.Display, notice: str = "") -> None:
        """Show display HTML a part at a time (`text_document`), with `notice` above it, and
        saying so when the text is cut short."""
        self._stop_filling()
        self._browser.show()
        self._browser.clear()
        document = self._browser.document()
        document.setDefaultStyleSheet(style_sheet())
        self._filler = text_document.DocumentFiller(document, display, self)
        self._filler.finished.connect(self._on_filler_finished)
        self._filler.start()
        self._browser.verticalScrollBar().setValue(0)
        notices = [notice] if notice else []
        if display.truncated:
            notices.append(
                self.tr(
                    "This text is too long to show whole: its first {shown} of {total} characters "
                    "are shown. Search finds words in all of it."
                ).format(
                    shown=i18n.number(display.shown_chars), total=i18n.number(display.total_chars)
                )
            )
        if notices:
            self.show_notice(" ".join(notices), keep_text=True)
        else:
            self._notice.hide()

    def _on_filler_finished(self) -> None:
        # Text inserted where the caret stood pushed it to the end: back to the start (where
        # a reader's keyboard selection and Find begin), the scroll position left as it is.
        cursor = self._browser.textCursor()
        if not cursor.hasSelection():
            scrolled = self._browser.verticalScrollBar().value()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            self._browser.setTextCursor(cursor)
            self._browser.verticalScrollBar().setValue(scrolled)
        self.text_shown.emit()

    def is_filling(self) -> bool:
        """True while a long text is still being put into the view."""
        return self._filler is not None and self._filler.is_filling()

    def _stop_filling(self) -> None:
        if self._filler is not None:
            self._filler.stop()
            self._filler.deleteLater()
            self._filler = None

    def show_notice(self, text: str, *, keep_text: bool = False) -> None:
        """Show a notice in place of the text ("This record has no transcript")."""
        self._notice.setText(text)
        self._notice.show()
        if not keep_text:
            self._stop_filling()
            self._browser.clear()
            self._browser.hide()

    def notice(self) -> str:
        """The notice shown, or "" when none is."""
        return "" if self._notice.isHidden() else self._notice.text()

    def plain_text(self) -> str:
        """The transcript text as a reader would copy it."""
        return transcript.unbreak(self._browser.toPlainText())

    def browser(self) -> QTextBrowser:
        """The text view (for selection and find)."""
        return self._browser

    def languages(self) -> list[str]:
        """The labels of the language switch, in order."""
        return [self._tabs.tabText(i) for i in range(self._tabs.count())]

    # -- text size ------------------------------------------------------------------------------

    def point_size(self) -> int:
        """The transcript's text size in points."""
        return self._point_size

    def set_point_size(self, size: int) -> None:
        """Set the transcript's text size in points."""
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size != self._point_size:
            self._point_size = size
            self._apply_point_size()
            self.text_size_changed.emit(size)

    def change_text_size(self, delta: int) -> None:
        """Make the text larger (+1) or smaller (-1)."""
        self.set_point_size(self._point_size + delta)

    def _apply_point_size(self) -> None:
        self._browser.point_size = self._point_size
        font = QFont(self._browser.font())
        font.setPointSize(self._point_size)
        self._browser.document().setDefaultFont(font)

    def _on_tabs_current_changed(self, index: int) -> None:
        if 0 <= index < len(self._transcripts):
            self.language_chosen.emit(self._transcripts[index].language)
