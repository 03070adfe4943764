"""Reading lists in the Notes panel: named lists of records ("Chapter 3") in the reader's order,
opened from there, exported as Markdown with each record's citation and notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import quotation
from viewer.domain.model import Record
from viewer.domain.notes import NoteStore, NotesUnwritableError, ReadingList, RecordKey
from viewer.domain.notes import export as notes_export
from viewer.services import settings as prefs
from viewer.ui import citation_actions

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class ReadingListsPanel(QWidget):
    """One reading list at a time: its records in order, moved, removed, opened, exported."""

    list_chosen = Signal(int)
    """(list id)"""
    entry_activated = Signal(int)
    """(row) the reader opened a record of the list."""
    move_requested = Signal(int, int)
    """(row, step)"""
    remove_requested = Signal(int)
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Reading lists"))
        self.choice = QComboBox()
        self.choice.setObjectName("readingListChoice")
        self.choice.setAccessibleName(self.tr("Reading list"))
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self._status = QLabel()
        self._status.setWordWrap(True)
        self._model = QStringListModel(self)
        self.view = QListView()
        self.view.setAccessibleName(self.tr("Records of the reading list"))
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(3)
        self.view.setModel(self._model)
        self.view.activated.connect(lambda index: self.entry_activated.emit(index.row()))
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Up"), lambda: self._request_move(-1)),
            (self.tr("Down"), lambda: self._request_move(1)),
            (self.tr("Remove"), self._request_remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.export_menu = QMenu(self)
        self.export_menu.setObjectName("reading_list_export_menu")
        self.export_menu.addAction(self.tr("Markdown with Notes…"), self.export_requested.emit)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setMenu(self.export_menu)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.choice)
        layout.addWidget(self._status)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._lists: list[ReadingList] = []

    def set_lists(self, lists: Sequence[ReadingList], chosen: int | None) -> None:
        """Offer `lists`, `chosen` (an id) shown."""
        self._lists = list(lists)
        self.choice.blockSignals(True)
        self.choice.clear()
        for item in self._lists:
            self.choice.addItem(item.name, item.id)
        index = next((i for i, item in enumerate(self._lists) if item.id == chosen), 0)
        self.choice.setCurrentIndex(index if self._lists else -1)
        self.choice.blockSignals(False)

    def chosen(self) -> int | None:
        """The id of the list shown."""
        data = self.choice.currentData()
        return int(data) if data is not None else None

    def set_entries(self, entries: Sequence[RecordKey]) -> None:
        """Show the records of the list chosen."""
        self._model.setStringList(
            [
                f"{k.title or k.record}\n{k.archive}" if k.archive else k.title or k.record
                for k in entries
            ]
        )
        if not self._lists:
            self._status.setText(
                self.tr("No reading lists yet: Notes > Add to Reading List starts one.")
            )
        elif len(entries) == 1:
            self._status.setText(self.tr("1 record"))
        else:
            self._status.setText(self.tr("{count} records").format(count=len(entries)))

    def texts(self) -> list[str]:
        """What the list shows, row by row."""
        return self._model.stringList()

    def current_row(self) -> int:
        """The row selected, or -1."""
        return self.view.currentIndex().row()

    def _on_choice_changed(self, _index: int) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.list_chosen.emit(chosen)

    def _request_move(self, step: int) -> None:
        if self.current_row() >= 0:
            self.move_requested.emit(self.current_row(), step)

    def _request_remove(self) -> None:
        if self.current_row() >= 0:
            self.remove_requested.emit(self.current_row())


class ReadingLists(QObject):
    """The reading lists of one notes file, in a panel, with Add to Reading List."""

    def __init__(
        self,
        window: MainWindow,
        store: NoteStore,
        open_record: Callable[[RecordKey], object],
        on_unwritable: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._open_record = open_record
        self._on_unwritable = on_unwritable
        self._channel = window.messages.channel
        self._entries: list[RecordKey] = []
        self.panel = ReadingListsPanel()
        self.panel.list_chosen.connect(lambda _id: self._show_entries())
        self.panel.entry_activated.connect(lambda row: self._open_record(self._entries[row]))
        self.panel.move_requested.connect(self._on_panel_move_requested)
        self.panel.remove_requested.connect(self._on_panel_remove_requested)
        self.panel.export_requested.connect(self.export_markdown)
        channel = self._channel
        citations = citation_actions.build_export_menu(
            self.panel,
            self.records,
            channel.error,
            on_said=channel.info,
        )
        self.panel.export_menu.addSeparator()
        for action in citations.actions():
            self.panel.export_menu.addAction(action)
        self.refresh()

    def records(self) -> list[Record]:
        """The records of the list shown that are in the archive open, in the list's order
        (their citations are exported as BibTeX, RIS or CSL-JSON)."""
        archive = self._window.current_archive()
        chosen = self.panel.chosen()
        if archive is None or chosen is None:
            return []
        found = []
        for key in self._store.list_entries(chosen):
            record = self._window.find_record(key.record) if key.archive == archive.title else None
            if isinstance(record, Record):
                found.append(record)
        return found

    def refresh(self, chosen: int | None = None) -> None:
        """Read the lists again (`chosen`: the id to show, else the one shown)."""
        self.panel.set_lists(self._store.reading_lists(), chosen or self.panel.chosen())
        self._show_entries()

    def _show_entries(self) -> None:
        chosen = self.panel.chosen()
        self._entries = self._store.list_entries(chosen) if chosen is not None else []
        self.panel.set_entries(self._entries)

    def add(self, key: RecordKey) -> None:
        """Ask which list (or a new one's name) and put the record `key` at its end."""
        names = [item.name for item in self._store.reading_lists()]
        name, accepted = QInputDialog.getItem(
            self._window,
            self.tr("Add to reading list"),
            self.tr("Reading list (choose one, or type a new name):"),
            names or [self.tr("Chapter 1")],
            0,
            True,
        )
        if not accepted or not name.strip():
            return
        try:
            chosen = self._store.make_list(name)
            added = self._store.add_to_list(chosen.id, key)
        except NotesUnwritableError as exc:
            self._on_unwritable(str(exc))
            return
        self.refresh(chosen.id)
        text = (
            self.tr("Added to the reading list “{name}”")
            if added
            else self.tr("This record is in the reading list “{name}” already")
        )
        self._channel.info(text.format(name=chosen.name))

    def _on_panel_move_requested(self, row: int, step: int) -> None:
        chosen = self.panel.chosen()
        if chosen is None:
            return
        try:
            self._store.move_in_list(chosen, self._entries[row], step)
        except NotesUnwritableError as exc:
            self._on_unwritable(str(exc))
            return
        self._show_entries()
        self.panel.view.setCurrentIndex(self.panel.view.model().index(row + step, 0))

    def _on_panel_remove_requested(self, row: int) -> None:
        chosen = self.panel.chosen()
        if chosen is None:
            return
        try:
            self._store.remove_from_list(chosen, self._entries[row])
        except NotesUnwritableError as exc:
            self._on_unwritable(str(exc))
            return
        self._show_entries()

    def markdown(self) -> str:
        """The list shown as Markdown: each record's citation (in the style chosen, when its
        archive is open) and its notes."""
        chosen = self.panel.chosen()
        name = self.panel.choice.currentText()
        archive = self._window.current_archive()
        choice = quotation.parse_choice(self._window.settings.get(prefs.CITATION_CHOICE))
        entries = []
        for key in self._store.list_entries(chosen) if chosen is not None else []:
            record = self._window.find_record(key.record) if archive is not None else None
            here = archive is not None and key.archive == archive.title
            citation = choice.cite(record) if here and isinstance(record, Record) else ""
            entries.append((key, self._store.notes_for(key), citation))
        return notes_export.reading_list_markdown(name, entries)

    def export_markdown(self) -> Path | None:
        """Ask where, and write the list shown there as Markdown; the file, or None."""
        if self.panel.chosen() is None:
            self._channel.info(self.tr("There is no reading list to export."))
            return None
        target = citation_actions.ask_save_path(
            self._window,
            self.tr("Export reading list as Markdown"),
            Path.home() / f"{self.panel.choice.currentText()}.md",
            self.tr("Markdown (*.md);;All files (*)"),
        )
        if target is None:
            return None
        try:
            citation_actions.write_atomically(target, self.markdown())
        except OSError as exc:
            self._channel.error(
                self.tr(
                    "The reading list could not be written to {file}: {reason}. Choose a folder "
                    "you can write to."
                ).format(file=target, reason=exc.strerror or exc)
            )
            return None
        self._channel.info(self.tr("Reading list exported to {file}").format(file=target.name))
        return target
