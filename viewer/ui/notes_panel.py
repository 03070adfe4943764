"""The Notes panel: the reader's notes, bookmarks and highlights on the record shown, and the
dialog in which a note is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.notes import Note, Place

QUOTE_SHOWN = 90
"""Characters of a highlighted passage shown in the list."""
ID_ROLE = Qt.ItemDataRole.UserRole


def _short(text: str, size: int = QUOTE_SHOWN) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1].rstrip() + "…"


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


_Index = QModelIndex | QPersistentModelIndex


def describe(note: Note, lost: bool = False) -> str:
    """A note as a list shows it: its place, its words, its tags."""
    translate = QCoreApplication.translate
    if note.place is Place.RECORD:
        place = translate("NotesPanel", "On the record")
    elif note.on_scan:
        place = translate("NotesPanel", "Highlight on scan page {page}").format(
            page=(note.page or 0) + 1
        )
        if note.anchor is not None and note.anchor.quote.strip():
            place += f": “{_short(note.anchor.quote)}”"
    elif note.place is Place.PAGE:
        place = translate("NotesPanel", "Bookmark, scan page {page}").format(
            page=(note.page or 0) + 1
        )
    else:
        quote = note.anchor.quote if note.anchor is not None else ""
        place = f"“{_short(quote)}”"
        if lost:
            place += " — " + translate("NotesPanel", "place not found")
    lines = [place]
    if note.text.strip():
        lines.append(note.text.strip())
    if note.tags:
        lines.append(" ".join(f"#{t}" for t in note.tags))
    return "\n".join(lines)


class NotesModel(QAbstractListModel):
    """The notes of a record as rows; each row's text is made when the view asks for it (a
    record of a thousand notes is listed at once, not a thousand items made first)."""

    def __init__(self, describe: Callable[[Note, bool], str], parent: QObject | None = None):
        super().__init__(parent)
        self._describe = describe
        self.notes: list[Note] = []
        self.lost: frozenset[int] = frozenset()
        self._icons: dict[str, QIcon] = {}

    def set_notes(self, notes: Sequence[Note], lost: frozenset[int]) -> None:
        """Show `notes` instead of those shown."""
        self.beginResetModel()
        self.notes = list(notes)
        self.lost = lost
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.notes):
            return None
        note = self.notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._describe(note, note.id in self.lost)
        marked = note.place is Place.PASSAGE or note.on_scan
        if role == Qt.ItemDataRole.DecorationRole and marked and note.colour:
            icon = self._icons.get(note.colour)
            if icon is None:
                icon = self._icons[note.colour] = _swatch(note.colour)
            return icon
        if role == ID_ROLE:
            return note.id
        return None


class NotesPanel(QWidget):
    """The notes of one record: where each is (click: go there), its words and tags."""

    note_activated = Signal(int)
    """(note id) the reader chose a note: show its place."""
    add_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Notes"))
        self._writable = True
        self._status = QLabel()
        self._status.setObjectName("notesStatus")
        self._status.setWordWrap(True)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self._model = NotesModel(describe, self)
        self._list = QListView()
        self._list.setObjectName("notesList")
        self._list.setAccessibleName(self.tr("Notes on this record"))
        self._list.setWordWrap(True)
        self._list.setAlternatingRowColors(True)
        self._list.setSpacing(3)
        self._list.setModel(self._model)
        self._list.activated.connect(self._on_list_activated)
        self._list.clicked.connect(self._on_list_activated)
        self._list.selectionModel().currentChanged.connect(lambda *_: self._enable_buttons())
        self.add_button = QPushButton(self.tr("Add Note…"))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._status)
        layout.addWidget(self._list, 1)
        layout.addLayout(buttons)
        self._enable_buttons()
        self.set_notes([])

    def set_notes(self, notes: Sequence[Note], lost: frozenset[int] = frozenset()) -> None:
        """Show `notes` (`lost`: the passages no longer found in the transcript)."""
        self._model.set_notes(notes, lost)
        if not notes:
            self._status.setText(self.tr("No notes on this record yet."))
        elif len(notes) == 1:
            self._status.setText(self.tr("1 note on this record"))
        else:
            self._status.setText(self.tr("{count} notes on this record").format(count=len(notes)))
        self._enable_buttons()

    def set_problem(self, text: str) -> None:
        """Say why notes cannot be written (or kept); the notes saved are still listed."""
        self._status.setText(text)

    def texts(self) -> list[str]:
        """What the list shows, row by row."""
        model = self._model
        return [str(model.data(model.index(row))) for row in range(model.rowCount())]

    def status(self) -> str:
        """The line above the list."""
        return self._status.text()

    def list_view(self) -> QListView:
        """The list (for selection, focus and tests)."""
        return self._list

    def current_note_id(self) -> int | None:
        """The note selected, if any."""
        index = self._list.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def select_note(self, note_id: int) -> None:
        """Make `note_id` the current row."""
        for row, note in enumerate(self._model.notes):
            if note.id == note_id:
                self._list.setCurrentIndex(self._model.index(row))
                return

    def set_writable(self, writable: bool) -> None:
        """Offer adding, editing and deleting only when notes can be saved."""
        self.add_button.setEnabled(writable)
        self._writable = writable
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        chosen = self._list.currentIndex().isValid() and self._writable
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _request(self, signal: SignalInstance) -> None:
        note_id = self.current_note_id()
        if note_id is not None:
            signal.emit(note_id)

    def _on_list_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.note_activated.emit(int(index.data(ID_ROLE)))


class _NoteEdit(QPlainTextEdit):
    """A note's words: Enter makes a new line, Ctrl+Enter saves the note."""

    save_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.save_requested.emit()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    """A note's words (plain text, light Markdown) and tags; `written` when accepted."""

    written = Signal(str, list)
    """(text, tags)"""

    def __init__(
        self,
        title: str,
        quote: str = "",
        text: str = "",
        tags: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("noteDialog")
        layout = QVBoxLayout(self)
        if quote:
            shown = QLabel(f"“{_short(quote, 300)}”")
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        self.text_edit = _NoteEdit(text)
        self.text_edit.save_requested.connect(self.accept)
        self.text_edit.setAccessibleName(self.tr("Note"))
        self.text_edit.setPlaceholderText(self.tr("Your note (plain text; *emphasis* and lists)"))
        layout.addWidget(self.text_edit, 1)
        self.tags_edit = QLineEdit(", ".join(tags))
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        layout.addWidget(self.tags_edit)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

        self.resize(420, 260)

    def accept(self) -> None:
        tags = [t for t in self.tags_edit.text().split(",") if t.strip()]
        self.written.emit(self.text_edit.toPlainText(), tags)
        super().accept()
