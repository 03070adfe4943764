"""The library: every record of the archive, sortable, filtered as you type, grouped."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.folding import fold
from viewer.domain.model import Archive, BrokenRecord, Record
from viewer.domain.ordering import date_key, title_key
from viewer.services import dates, i18n
from viewer.ui.item_views import DownLineEdit, EnterTreeView

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
AnyRecord = Record | BrokenRecord

LIST_IN_BACKGROUND_ABOVE = 2_000
"""More records than this are prepared for the list on a thread of their own: 100,000 take
seconds, which would freeze the window (and trip the kiosk's watchdog)."""
FETCH_ROWS = 1_000
"""Rows the ungrouped list gives its view at a time, more as the reader scrolls down: the
view walks every row it is given, in Python, ~10 ms per thousand."""
_RECORD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

TITLE, DATE, ID = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("LibraryModel", "Title"),
    QT_TRANSLATE_NOOP("LibraryModel", "Date"),
    QT_TRANSLATE_NOOP("LibraryModel", "ID"),
)
"""Column titles in English; translated when shown."""
UNDATED = "undated"
BROKEN_GROUP = "broken"
NO_COLLECTION = "no-collection"
"""Keys of the groups that are not a year, decade or collection (shown translated)."""


class GroupBy(enum.Enum):
    """How the library groups its records."""

    NONE = "None"
    COLLECTION = "Collection"
    YEAR = "Year"
    DECADE = "Decade"


GROUP_BY_LABELS = {
    GroupBy.NONE: QT_TRANSLATE_NOOP("LibraryPanel", "None"),
    GroupBy.COLLECTION: QT_TRANSLATE_NOOP("LibraryPanel", "Collection"),
    GroupBy.YEAR: QT_TRANSLATE_NOOP("LibraryPanel", "Year"),
    GroupBy.DECADE: QT_TRANSLATE_NOOP("LibraryPanel", "Decade"),
}


def _undated() -> str:
    return QCoreApplication.translate("LibraryModel", "Undated")


@dataclass(slots=True)
class _Entry:
    """A record with everything sorting, filtering and showing it needs, computed once."""

    record: AnyRecord
    title: str
    date_text: str
    tooltip: str
    dated: bool
    date_key: tuple[int, int, int]
    title_key: str
    haystack: str
    collection: str
    year: int | None

    @classmethod
    def of(cls, record: AnyRecord) -> _Entry:
        translate = QCoreApplication.translate
        if isinstance(record, BrokenRecord):
            title = translate("LibraryModel", "{title} — Cannot be read: {reason}").format(
                title=record.title, reason=record.reason
            )
            return cls(
                record=record,
                title=title,
                date_text="",
                tooltip=translate("LibraryModel", "{folder}\nCannot be read: {reason}").format(
                    folder=record.folder, reason=record.reason
                ),
                dated=False,
                date_key=(0, 0, 0),
                title_key=title_key(record.title),
                haystack=fold(f"{title} {record.id} {record.folder.name}").casefold(),
                collection="",
                year=None,
            )
        date = record.date
        undated = _undated()
        date_text = dates.short(date) if date is not None else undated
        iso = date.iso() if date is not None else ""
        long_date = dates.long(date) if date is not None else ""
        return cls(
            record=record,
            title=record.title,
            date_text=date_text,
            tooltip=f"{record.title}\n{long_date or undated} · {record.id}",
            dated=date is not None,
            date_key=date_key(record),
            title_key=title_key(record.title),
            haystack=fold(f"{record.title} {record.id} {iso} {long_date} {date_text}").casefold(),
            collection=record.collection,
            year=date.year if date is not None else None,
        )

    @property
    def broken(self) -> bool:
        return isinstance(self.record, BrokenRecord)


@dataclass(slots=True)
class _Group:
    key: str
    """The year, decade or collection; or one of UNDATED, BROKEN_GROUP, NO_COLLECTION."""
    label: str
    entries: list[_Entry] = field(default_factory=list)


def _group_key(entry: _Entry, group_by: GroupBy) -> str:
    if entry.broken:
        return BROKEN_GROUP
    if group_by is GroupBy.COLLECTION:
        return entry.collection or NO_COLLECTION
    if entry.year is None:
        return UNDATED
    if group_by is GroupBy.DECADE:
        return str(entry.year // 10 * 10)
    return str(entry.year)


def _special_labels() -> dict[str, str]:
    """The shown labels of the groups that are not a year, decade or collection."""
    translate = QCoreApplication.translate
    return {
        BROKEN_GROUP: translate("LibraryModel", "Cannot be read"),
        UNDATED: _undated(),
        NO_COLLECTION: translate("LibraryModel", "No collection"),
    }


def _sorted(entries: list[_Entry], column: int, order: Qt.SortOrder) -> list[_Entry]:
    """`entries` sorted by title, date (undated, then unreadable last) or ID."""
    # By date ascending, this is `ordering.library_order`: the window opens its first record.
    descending = order == Qt.SortOrder.DescendingOrder
    if column == DATE:
        dated = sorted(
            (e for e in entries if e.dated),
            key=lambda e: (e.date_key, e.title_key),
            reverse=descending,
        )
        undated = sorted(
            (e for e in entries if not e.dated and not e.broken), key=lambda e: e.title_key
        )
        broken = sorted((e for e in entries if e.broken), key=lambda e: e.title_key)
        return dated + undated + broken
    if column == ID:
        return sorted(entries, key=lambda e: e.record.id, reverse=descending)
    return sorted(entries, key=lambda e: (e.title_key, e.record.id), reverse=descending)


def filter_terms(text: str) -> list[str]:
    """The words of a filter, case- and diacritics-folded ("Ёлка" -> ["елка"])."""
    return fold(text).casefold().split()


class LibraryModel(QAbstractItemModel):
    """The archive's records as a tree: groups at the top (when grouping), records below.

    Sorting and filtering happen here, over values computed once per record, so a keystroke
    over 5,000 records costs a few milliseconds; there is no proxy model.
    """

    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

    listing_finished = Signal()
    """Records given to `set_records` are now listed (at once for a few, later for many)."""
    _prepared = Signal(int, object)
    """(generation, (entries, sorted entries, sort column, sort order)) from the listing thread"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._listing = 0
        """Records being prepared on the listing thread (0 when none are)."""
        self._prepared.connect(self._on_prepared, Qt.ConnectionType.QueuedConnection)
        self._entries: list[_Entry] = []
        self._sorted: list[_Entry] = []
        self._shown: list[_Entry] = []
        self._fetched = 0
        """Rows of `_shown` given to the view so far (ungrouped)."""
        self._row_of: dict[str, int] | None = {}
        """Rows by record ID (ungrouped), made when first needed."""
        self._groups: list[_Group] = []
        self._group_by = GroupBy.NONE
        self._terms: list[str] = []
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._warning: QIcon | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # -- changing what is shown -----------------------------------------------------------------

    def set_records(self, records: Iterable[AnyRecord]) -> None:
        """Show `records`: at once when there are a few; when there are many, the list shown
        until now stays until they are prepared on a thread of their own (`listing_finished`)."""
        records = tuple(records)
        self._generation += 1
        if len(records) <= LIST_IN_BACKGROUND_ABOVE:
            self._listing = 0
            self._entries = [_Entry.of(record) for record in records]
            self._sort_entries()
            self._rebuild()
            self.listing_finished.emit()
            return
        self._listing = len(records)
        generation, column, order = self._generation, self._sort_column, self._sort_order
        prepared = self._prepared

        def prepare() -> None:
            try:
                entries = [_Entry.of(record) for record in records]
                ordered = _sorted(entries, column, order)
                row_of = {entry.record.id: row for row, entry in enumerate(ordered)}
                result = (entries, ordered, row_of, column, order)
                prepared.emit(generation, result)
            except RuntimeError:  # the model was deleted meanwhile: nobody waits for the list
                log.debug("records listed for a closed library", exc_info=True)

        threading.Thread(target=prepare, name="library-listing", daemon=True).start()

    def is_listing(self) -> bool:
        """True while many records are being prepared for the list."""
        return self._listing > 0

    def listing_count(self) -> int:
        """How many records are being prepared (0 when none are)."""
        return self._listing

    def _on_prepared(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # other records were given since
        entries: list[_Entry]
        ordered: list[_Entry]
        row_of: dict[str, int] | None
        column: int
        order: Qt.SortOrder
        entries, ordered, row_of, column, order = result  # type: ignore[misc]
        self._listing = 0
        self._entries = entries
        if (column, order) == (self._sort_column, self._sort_order):
            self._sorted = ordered
        else:
            self._sort_entries()  # the reader chose another order meanwhile
            row_of = None
        self._rebuild(row_of)
        self.listing_finished.emit()

    def set_filter(self, text: str) -> None:
        """Show only records whose title, date or ID hold every word of `text`."""
        terms = filter_terms(text)
        if terms != self._terms:
            self._terms = terms
            self._rebuild()

    def set_group_by(self, group_by: GroupBy) -> None:
        """Group by collection, year or decade, or not at all."""
        if group_by is not self._group_by:
            self._group_by = group_by
            self._rebuild()

    def group_by(self) -> GroupBy:
        """The grouping in use."""
        return self._group_by

    def is_grouped(self) -> bool:
        """True when records sit under group rows."""
        return self._group_by is not GroupBy.NONE

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by title, date (undated last) or ID."""
        self._sort_column = column
        self._sort_order = order
        self._sort_entries()
        self._rebuild()

    def _sort_entries(self) -> None:
        self._sorted = _sorted(self._entries, self._sort_column, self._sort_order)

    def _rebuild(self, row_of: dict[str, int] | None = None) -> None:
        """Show `_sorted`, filtered and grouped; `row_of` maps IDs to rows of `_sorted`."""
        self.beginResetModel()
        terms = self._terms
        if terms:
            self._shown = [e for e in self._sorted if all(t in e.haystack for t in terms)]
        else:
            self._shown = list(self._sorted)
        self._fetched = min(len(self._shown), FETCH_ROWS)
        self._row_of = row_of if row_of is not None and not terms else None
        self._groups = self._make_groups() if self.is_grouped() else []
        self.endResetModel()

    def _make_groups(self) -> list[_Group]:
        by_key: dict[str, _Group] = {}
        labels = _special_labels()
        decade = QCoreApplication.translate("LibraryModel", "{decade}s")
        for entry in self._shown:
            key = _group_key(entry, self._group_by)
            group = by_key.get(key)
            if group is None:
                if key in labels:
                    label = labels[key]
                elif self._group_by is GroupBy.DECADE:
                    label = decade.format(decade=key)
                else:
                    label = key
                group = by_key[key] = _Group(key, label)
            group.entries.append(entry)
        special = {BROKEN_GROUP: 3, UNDATED: 2, NO_COLLECTION: 1}
        if self._group_by is GroupBy.COLLECTION:
            regular = sorted(
                (g for g in by_key.values() if g.key not in special),
                key=lambda g: fold(g.label).casefold(),
            )
        else:
            regular = sorted(
                (g for g in by_key.values() if g.key not in special),
                key=lambda g: g.key,
                reverse=self._sort_column == DATE
                and self._sort_order == Qt.SortOrder.DescendingOrder,
            )
        rest = sorted(
            (g for g in by_key.values() if g.key in special), key=lambda g: special[g.key]
        )
        return regular + rest

    # -- what the view sees ---------------------------------------------------------------------

    def shown_records(self) -> list[AnyRecord]:
        """The records that pass the filter, in the order shown."""
        if self.is_grouped():
            return [entry.record for group in self._groups for entry in group.entries]
        return [entry.record for entry in self._shown]

    def total(self) -> int:
        """How many records there are, filtered or not."""
        return len(self._entries)

    def shown_count(self) -> int:
        """How many records pass the filter."""
        return len(self._shown)

    def group_labels(self) -> list[str]:
        """The group rows' labels, without counts."""
        return [group.label for group in self._groups]

    def record_index(self, record_id: str, column: int = 0) -> QModelIndex:
        """The index of the record with `record_id`, invalid when it is not shown."""
        if self.is_grouped():
            for group_row, group in enumerate(self._groups):
                for row, entry in enumerate(group.entries):
                    if entry.record.id == record_id:
                        return self.createIndex(row, column, group_row + 1)
            return QModelIndex()
        if self._row_of is None:
            self._row_of = {entry.record.id: row for row, entry in enumerate(self._shown)}
        row = self._row_of.get(record_id, -1)
        if row < 0:
            return QModelIndex()
        self._fetch_up_to(row + 1)
        return self.createIndex(row, column, 0)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self.is_grouped() and self._fetched < len(self._shown)

    def fetchMore(self, parent: Index) -> None:
        if not parent.isValid() and not self.is_grouped():
            self._fetch_up_to(self._fetched + FETCH_ROWS)

    def _fetch_up_to(self, rows: int) -> None:
        rows = min(rows, len(self._shown))
        if self.is_grouped() or rows <= self._fetched:
            return
        self.beginInsertRows(QModelIndex(), self._fetched, rows - 1)
        self._fetched = rows
        self.endInsertRows()

    def _entry(self, index: Index) -> _Entry | None:
        if not index.isValid():
            return None
        group_id = index.internalId()
        if not self.is_grouped():
            row = index.row()
            return self._shown[row] if 0 <= row < len(self._shown) else None
        if group_id == 0:
            return None
        group = self._groups[group_id - 1]
        return group.entries[index.row()] if index.row() < len(group.entries) else None

    def record_at(self, index: Index) -> AnyRecord | None:
        """The record at `index`, None for a group row."""
        entry = self._entry(index)
        return None if entry is None else entry.record

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            count = len(self._groups) if self.is_grouped() else self._fetched
            return self.createIndex(row, column, 0) if row < count else QModelIndex()
        if (
            self.is_grouped()
            and parent.internalId() == 0
            and parent.row() < len(self._groups)
            and row < len(self._groups[parent.row()].entries)
        ):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups) if self.is_grouped() else self._fetched
        if self.is_grouped() and parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].entries)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return QCoreApplication.translate("LibraryModel", str(HEADERS[section]))
            return None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.is_grouped() and index.internalId() == 0:
            return self._group_data(index, role)
        entry = self._entry(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (entry.title, entry.date_text, entry.record.id)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tooltip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(
                part for part in (entry.title, entry.date_text, entry.record.id) if part
            )
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE and entry.broken:
            return self._warning_icon()
        if role == self.RECORD_ROLE:
            return entry.record
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        if index.row() >= len(self._groups):
            return None
        group = self._groups[index.row()]
        if index.column() != TITLE:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{group.label} ({i18n.number(len(group.entries))})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            self._warning = QApplication.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning
            )
        return self._warning

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_grouped() and index.internalId() == 0:
            return _GROUP_FLAGS
        return _RECORD_FLAGS


class LibraryPanel(QWidget):
    """Every record of the archive: title, date and ID, sortable, filtered, grouped.

    A click or Enter on a record emits `record_chosen`; moving through the list with the
    arrow keys does not open anything.
    """

    record_chosen = Signal(object)
    """(Record | BrokenRecord) the reader opened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Library"))
        self._current_id = ""
        self._collapsed: set[str] = set()

        self._filter = DownLineEdit()
        self._filter.setAccessibleName(self.tr("Filter records"))
        self._filter.setPlaceholderText(self.tr("Filter by title, date or ID"))
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._on_filter_text_changed)
        self._filter.down_pressed.connect(self._on_filter_down_pressed)
        self._group = QComboBox()
        self._group.setAccessibleName(self.tr("Group by"))
        for group_by in GroupBy:
            self._group.addItem(
                QCoreApplication.translate("LibraryPanel", str(GROUP_BY_LABELS[group_by])), group_by
            )
        self._group.currentIndexChanged.connect(self._on_group_current_index_changed)
        group_label = QLabel(self.tr("Group by"))
        group_label.setBuddy(self._group)
        self._count = QLabel()
        self._count.setAccessibleName(self.tr("Record count"))

        self._model = LibraryModel(self)
        self._view = EnterTreeView()
        self._view.setAccessibleName(self.tr("Library records"))
        self._view.setModel(self._model)
        self._view.setUniformRowHeights(True)
        self._view.setAlternatingRowColors(True)
        self._view.setAllColumnsShowFocus(True)
        self._view.setRootIsDecorated(False)
        self._view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift+click and Ctrl+click select several records (to export their citations).
        self._view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._view.setSortingEnabled(True)
        self._view.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        header = self._view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ID, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DATE, 105)
        header.resizeSection(ID, 130)
        # A dock is narrow: the ID column starts hidden; the header's menu shows it.
        header.setSectionHidden(ID, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        show_id = QAction(self.tr("Show ID Column"), header)
        show_id.setCheckable(True)
        show_id.toggled.connect(lambda shown: header.setSectionHidden(ID, not shown))
        header.addAction(show_id)
        self._show_id_action = show_id
        self._view.clicked.connect(self._on_view_clicked)
        self._view.opened.connect(self._on_view_opened)
        self._view.collapsed.connect(self._on_view_collapsed)
        self._view.expanded.connect(self._on_view_expanded)
        self._model.modelReset.connect(self._on_model_reset)

        grouping = QHBoxLayout()
        grouping.addWidget(group_label)
        grouping.addWidget(self._group, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self._filter)
        layout.addLayout(grouping)
        layout.addWidget(self._view, 1)
        layout.addWidget(self._count)
        self._update_count()

    # -- public ---------------------------------------------------------------------------------

    def set_archive(self, archive: Archive | None) -> None:
        """List `archive`'s records (none when None)."""
        self.set_records(archive.records if archive is not None else ())

    def set_records(self, records: Iterable[AnyRecord]) -> None:
        """List `records` (one record for a PDF opened on its own)."""
        self._collapsed.clear()
        self._model.set_records(records)
        self._update_count()

    def update_records(self, records: Iterable[AnyRecord]) -> None:
        """List `records` again (the archive changed on disk), keeping the filter, grouping,
        closed groups and current row."""
        self._model.set_records(records)

    def select(self, record_id: str) -> bool:
        """Make `record_id` the current row without announcing it; False if it is not shown."""
        self._current_id = record_id
        index = self._model.record_index(record_id)
        if not index.isValid():
            self._view.clearSelection()
            return False
        self._view.setCurrentIndex(index)
        self._view.scrollTo(index)
        return True

    def step(self, delta: int) -> None:
        """Open the next (+1) or previous (-1) record in the order shown."""
        records = self._model.shown_records()
        if not records:
            return
        ids = [record.id for record in records]
        position = ids.index(self._current_id) if self._current_id in ids else -1
        if position < 0:
            target = 0 if delta > 0 else len(records) - 1
        else:
            target = max(0, min(len(records) - 1, position + delta))
        if target != position:
            self.select(records[target].id)
            self.record_chosen.emit(records[target])

    def set_id_column_visible(self, visible: bool) -> None:
        """Show or hide the ID column (hidden at first: docks are narrow)."""
        self._show_id_action.setChecked(visible)

    def set_filter_text(self, text: str) -> None:
        """Put `text` in the filter box (the list follows)."""
        self._filter.setText(text)

    def set_group_by(self, group_by: GroupBy) -> None:
        """Group by collection, year, decade, or not at all."""
        self._group.setCurrentIndex(self._group.findData(group_by))

    def shown_records(self) -> list[AnyRecord]:
        """The records listed, in order."""
        return self._model.shown_records()

    def count_text(self) -> str:
        """ "5,000 records" or "12 of 5,000 records"."""
        return self._count.text()

    def filter_edit(self) -> QLineEdit:
        """The filter box."""
        return self._filter

    def group_combo(self) -> QComboBox:
        """The "Group by" chooser."""
        return self._group

    def view(self) -> QTreeView:
        """The record tree."""
        return self._view

    def model(self) -> LibraryModel:
        """The record tree's model."""
        return self._model

    # -- reactions ------------------------------------------------------------------------------

    def _on_filter_text_changed(self, text: str) -> None:
        self._model.set_filter(text)

    def _on_filter_down_pressed(self) -> None:
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._view.currentIndex().isValid():
            first = self._model.index(0, 0)
            if first.isValid() and self._model.is_grouped():
                first = self._model.index(0, 0, first)
            if first.isValid():
                self._view.setCurrentIndex(first)

    def _on_group_current_index_changed(self, _index: int) -> None:
        group_by = self._group.currentData()
        if isinstance(group_by, GroupBy):
            self._collapsed.clear()
            self._model.set_group_by(group_by)

    def _on_model_reset(self) -> None:
        grouped = self._model.is_grouped()
        self._view.setRootIsDecorated(grouped)
        if grouped:
            self._view.blockSignals(True)
            try:
                for row, label in enumerate(self._model.group_labels()):
                    if label not in self._collapsed:
                        self._view.setExpanded(self._model.index(row, 0), True)
            finally:
                self._view.blockSignals(False)
        if self._current_id:
            index = self._model.record_index(self._current_id)
            if index.isValid():
                self._view.setCurrentIndex(index)
        self._update_count()

    def _on_view_collapsed(self, index: QModelIndex) -> None:
        self._collapsed.add(self._model.group_labels()[index.row()])

    def _on_view_expanded(self, index: QModelIndex) -> None:
        self._collapsed.discard(self._model.group_labels()[index.row()])

    def selected_records(self) -> list[AnyRecord]:
        """The records selected in the list (Shift+click, Ctrl+click), in the order shown."""
        chosen = set()
        for index in self._view.selectionModel().selectedRows():
            record = self._model.record_at(index)
            if record is not None:
                chosen.add(record.id)
        return [record for record in self._model.shown_records() if record.id in chosen]

    def _on_view_clicked(self, index: QModelIndex) -> None:
        # A click on a group row is left to the tree (its arrow opens and closes the group).
        modifiers = QApplication.keyboardModifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return  # adding to the selection, not opening
        record = self._model.record_at(index)
        if record is not None:
            self._current_id = record.id
            self.record_chosen.emit(record)

    def _on_view_opened(self, index: QModelIndex) -> None:
        record = self._model.record_at(index)
        if record is not None:
            self._current_id = record.id
            self.record_chosen.emit(record)
        elif self._model.is_grouped():
            group = self._model.index(index.row(), 0)
            self._view.setExpanded(group, not self._view.isExpanded(group))

    def _update_count(self) -> None:
        if self._model.is_listing():
            self._count.setText(
                self.tr("Listing {total} records…").format(
                    total=i18n.number(self._model.listing_count())
                )
            )
            return
        total = self._model.total()
        shown = self._model.shown_count()
        if shown == total:
            text = self.tr("{total} record") if total == 1 else self.tr("{total} records")
        else:
            text = (
                self.tr("{shown} of {total} record")
                if total == 1
                else self.tr("{shown} of {total} records")
            )
        self._count.setText(text.format(shown=i18n.number(shown), total=i18n.number(total)))
