"""Every note the reader has written, in every archive, searchable: Notes > All Notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from viewer.domain.notes import Note, finding
from viewer.ui.notes_panel import describe

_Index = QModelIndex | QPersistentModelIndex


def where(note: Note) -> str:
    """The archive and record a note is on, as the list names them."""
    record = note.key.title or note.key.record
    return f"{note.key.archive} · {record}" if note.key.archive else record


class _Model(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes: list[Note] = []

    def set_notes(self, notes: Sequence[Note]) -> None:
        self.beginResetModel()
        self.notes = list(notes)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self.notes):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            note = self.notes[index.row()]
            return where(note) + "\n" + describe(note)
        return None


class AllNotesDialog(QDialog):
    """Every note, found by any of its words, tags, quotation or record; `note_chosen` when
    the reader opens one."""

    note_chosen = Signal(object)
    """(Note) show this note in its place."""

    def __init__(self, notes: Sequence[Note], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allNotesDialog")
        self.setWindowTitle(self.tr("All notes"))
        self._index = finding.NoteIndex(notes)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Search your notes"))
        self.search_edit.setPlaceholderText(self.tr("Search your notes"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self._count = QLabel()
        self._model = _Model(self)
        self._list = QListView()
        self._list.setAccessibleName(self.tr("Notes found"))
        self._list.setWordWrap(True)
        self._list.setAlternatingRowColors(True)
        self._list.setSpacing(3)
        self._list.setModel(self._model)
        self._list.activated.connect(self._on_list_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self._count)
        layout.addWidget(self._list, 1)
        self.resize(560, 620)
        self._on_search_text_changed("")

    def _on_search_text_changed(self, text: str) -> None:
        found = self._index.find(text)
        self._model.set_notes(found)
        self._count.setText(
            self.tr("{found} of {total} notes").format(found=len(found), total=len(self._index))
        )

    def texts(self) -> list[str]:
        """What the list shows, row by row."""
        model = self._model
        return [str(model.data(model.index(row))) for row in range(model.rowCount())]

    def count_text(self) -> str:
        """The line above the list."""
        return self._count.text()

    def choose(self, row: int) -> None:
        """Open the note on `row` (as a double-click or Enter does)."""
        self._on_list_activated(self._model.index(row))

    def _on_list_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.note_chosen.emit(self._model.notes[index.row()])
