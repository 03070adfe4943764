"""The library's model: every record of the archive as a tree, sorted, filtered, grouped."""

from __future__ import annotations

import logging
import threading
from collections.abc import Container, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from viewer.services import i18n
from viewer.ui import library_fill
from viewer.ui.library_entries import (
    DATE,
    FETCH_ROWS,
    HEADERS,
    LIST_IN_BACKGROUND_ABOVE,
    TITLE,
    AnyRecord,
    Entry,
    Group,
    GroupBy,
    entries_of,
    filter_terms,
    make_groups,
    sorted_entries,
)

log = logging.getLogger(__name__)


def _no_text_layer() -> str:
    return QCoreApplication.translate(
        "LibraryModel", "No text layer: only machine reading (OCR) can give its text"
    )


Index = QModelIndex | QPersistentModelIndex
_RECORD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_Role = Qt.ItemDataRole
_DISPLAY, _TOOLTIP, _ACCESSIBLE_TEXT, _DECORATION, _FONT, _RECORD = (
    int(_Role.DisplayRole),
    int(_Role.ToolTipRole),
    int(_Role.AccessibleTextRole),
    int(_Role.DecorationRole),
    int(_Role.FontRole),
    int(_Role.UserRole) + 1,
)
_ANSWERED_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ACCESSIBLE_TEXT, _DECORATION, _FONT, _RECORD))
"""The roles `LibraryModel.data` has anything for (as numbers: the view asks with numbers, and
comparing with Qt's enumeration members costs more than the rest of an answer)."""
UPDATE_IN_PLACE_UP_TO = 5_000
"""Records changed in an archive up to this size are updated in their rows (sorting them again
costs a few milliseconds); a larger one is listed again on the listing thread."""


class LibraryModel(QAbstractItemModel):
    """The archive's records as a tree: groups at the top (when grouping), records below.

    Sorting and filtering happen here, over values computed once per record, so a keystroke
    over 5,000 records costs a few milliseconds; there is no proxy model.
    """

    RECORD_ROLE = _RECORD

    rows_filled = Signal()
    """Rows listed unread took their records (`fill_records`), some or all of them."""
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
        self._entries: list[Entry] = []
        self._sorted: list[Entry] = []
        self._shown: list[Entry] = []
        self._fetched = 0
        """Rows of `_shown` given to the view so far (ungrouped)."""
        self._row_of: dict[str, int] | None = {}
        """Rows by record ID (ungrouped), made when first needed."""
        self._groups: list[Group] = []
        self._group_by = GroupBy.NONE
        self._terms: list[str] = []
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._warning: QIcon | None = None
        self._image: QIcon | None = None
        self._without_text: set[str] = set()
        """Records whose PDF has no text layer (only machine reading can give its text)."""
        self._bold = QFont()
        self._bold.setBold(True)
        self._filling = library_fill.RowFilling()
        """The records read of those listed unread, until their rows have them."""

    # -- changing what is shown -----------------------------------------------------------------

    def set_records(self, records: Iterable[AnyRecord]) -> None:
        """Show `records`: at once when there are a few; when there are many, the list shown
        until now stays until they are prepared on a thread of their own (`listing_finished`)."""
        self._set_records(tuple(records), ())

    def _set_records(self, records: tuple[AnyRecord, ...], before: list[Entry] | tuple[()]) -> None:
        """`set_records`, keeping the entries of `before` whose records are in `records` at the
        same places."""
        self._generation += 1
        self._filling.reset()
        if len(records) <= LIST_IN_BACKGROUND_ABOVE:
            self._listing = 0
            self._entries = entries_of(records)
            self._sort_entries()
            self._rebuild()
            self.listing_finished.emit()
            return
        self._listing = len(records)
        generation, column, order = self._generation, self._sort_column, self._sort_order
        prepared = self._prepared

        def prepare() -> None:
            try:
                entries = entries_of(records, freeze=True, before=before)
                ordered = sorted_entries(entries, column, order)
                row_of = {entry.record.id: row for row, entry in enumerate(ordered)}
                result = (entries, ordered, row_of, column, order)
                prepared.emit(generation, result)
            except RuntimeError:  # the model was deleted meanwhile: nobody waits for the list
                log.debug("records listed for a closed library", exc_info=True)

        threading.Thread(target=prepare, name="library-listing", daemon=True).start()

    def update_records(self, records: Iterable[AnyRecord]) -> None:
        """Show `records`, the same records as before with some of them changed (edited on disk,
        completed by their PDFs' metadata): changed rows are updated in place, and rows that
        change places move, without resetting the list (which would lay out every row again,
        and close what the reader opened). Records added or removed are listed anew."""
        records = tuple(records)
        if self._listing or len(records) != len(self._entries):
            self.set_records(records)
            return
        if len(records) > UPDATE_IN_PLACE_UP_TO:
            # A copy: the rows it replaces are let go a piece at a time once it is listed.
            self._set_records(records, list(self._entries))
            return
        entries: list[Entry] = []
        changed: dict[str, Entry] = {}
        for entry, record in zip(self._entries, records, strict=True):
            if entry.record is record:
                entries.append(entry)
                continue
            if record.id != entry.record.id:
                self.set_records(records)
                return
            changed[record.id] = Entry.of(record)
            entries.append(changed[record.id])
        if changed:
            self._entries = entries
            self._sort_entries()
            self._show_changed(changed)

    def fill_records(self, records: Sequence[AnyRecord]) -> None:
        """The records listed unread (`UnreadRecord`), as read since: `records` are those
        listed, in the same order, with the records read in place of the first of them. Their
        rows show them where they are (a filter, a sort or a grouping takes them as they are
        then; the archive, once read whole, is listed again in order). More records than
        listed (the first records read, then every record folder) are listed anew."""
        if len(records) != (self._listing or len(self._entries)):
            self.set_records(records)
            return
        self._filling.records = records
        if not self._listing:
            self._fill_some()

    def _fill_some(self) -> None:
        if self._listing:
            return  # filled once listed (the listing thread reads the entries meanwhile)
        filled = self._filling.fill(self._entries, self._row_of)
        if filled:
            self._announce_filled(filled)
            self.rows_filled.emit()
        if self._filling.records:
            QTimer.singleShot(1, self, self._fill_some)  # the rest on the next turns

    def _announce_filled(self, ids: list[str]) -> None:
        """The rows of `ids` changed: the rows given to the view among them are painted again
        (none, most often: the rows of records listed unread are at the end, undated)."""
        row_of = self._row_of
        if self.is_grouped() or row_of is None:
            self._announce_all()
            return
        rows = [row for row in (row_of.get(i, -1) for i in ids) if 0 <= row < self._fetched]
        if rows:
            last = len(HEADERS) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def _announce_all(self) -> None:
        """Every row's data may have changed (the view asks again for those it shows)."""
        last = len(HEADERS) - 1
        if not self.is_grouped():
            if self._fetched:
                self.dataChanged.emit(self.index(0, 0), self.index(self._fetched - 1, last))
            return
        for group_row, group in enumerate(self._groups):
            if group.entries:
                parent = self.index(group_row, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(group.entries) - 1, last, parent)
                )

    def _show_changed(self, changed: dict[str, Entry]) -> None:
        """Show `_sorted` again after the entries `changed` (by ID) were made anew."""
        old_shown, old_groups = self._shown, self._groups
        shown, groups = self._filtered(), []
        if self.is_grouped():
            groups = self._make_groups(shown)
        same_rows = [e.record.id for e in shown] == [e.record.id for e in old_shown]
        same_groups = [(g.key, len(g.entries)) for g in groups] == [
            (g.key, len(g.entries)) for g in old_groups
        ]
        if same_rows and same_groups:
            self._shown, self._groups = shown, groups
            self._announce_changed(changed)
        elif {e.record.id for e in shown} == {e.record.id for e in old_shown} and (
            {g.key for g in groups} == {g.key for g in old_groups}
        ):
            self._move_rows(shown, groups)
        else:
            self._rebuild()

    def _announce_changed(self, changed: Container[str]) -> None:
        """One `dataChanged` per group (or for the list) over the span of its changed rows."""
        last = len(HEADERS) - 1
        if not self.is_grouped():
            rows = [
                row for row, e in enumerate(self._shown[: self._fetched]) if e.record.id in changed
            ]
            if rows:
                self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], last))
            return
        for group_row, group in enumerate(self._groups):
            rows = [row for row, e in enumerate(group.entries) if e.record.id in changed]
            if rows:
                parent = self.index(group_row, 0)
                self.dataChanged.emit(
                    self.index(rows[0], 0, parent), self.index(rows[-1], last, parent)
                )

    def _move_rows(self, shown: list[Entry], groups: list[Group]) -> None:
        """Show `shown` (in `groups`), the same rows and groups in another order."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        keys = [self._row_key(index) for index in before]
        self._shown, self._groups, self._row_of = shown, groups, None
        places: dict[str, tuple[int, int]] = {}
        if self.is_grouped():
            for group_row, group in enumerate(groups):
                places[group.key] = (-1, group_row)
                for row, entry in enumerate(group.entries):
                    places[entry.record.id] = (group_row, row)
        else:
            for row, entry in enumerate(shown[: self._fetched]):
                places[entry.record.id] = (-1, row)
        after = []
        for key, index in zip(keys, before, strict=True):
            place = places.get(key) if key is not None else None
            if place is None:
                after.append(QModelIndex())
            elif place[0] < 0:
                after.append(self.createIndex(place[1], index.column(), 0))
            else:
                after.append(self.createIndex(place[1], index.column(), place[0] + 1))
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _row_key(self, index: Index) -> str | None:
        """The record ID of a record row, the key of a group row."""
        if self.is_grouped() and index.internalId() == 0:
            row = index.row()
            return self._groups[row].key if row < len(self._groups) else None
        entry = self._entry(index)
        return None if entry is None else entry.record.id

    def set_text_layers(self, texts: dict[str, bool]) -> None:
        """Mark the records whose PDF has no text layer (`texts`: record ID -> whether it has
        one; records not named keep their mark)."""
        before = set(self._without_text)
        self._without_text |= {record_id for record_id, text in texts.items() if not text}
        self._without_text -= {record_id for record_id, text in texts.items() if text}
        changed = before ^ self._without_text
        if changed:
            self._announce_changed(changed)

    def forget_text_layers(self) -> None:
        """Mark no record as without a text layer (another archive is listed)."""
        self._without_text = set()

    def has_text_layer(self, record_id: str) -> bool:
        """False when the record's PDF is known to have no text layer."""
        return record_id not in self._without_text

    def has_unread(self) -> bool:
        """Whether rows still show records listed before they were read (by their folders)."""
        return self.unread_count() > 0

    def unread_count(self) -> int:
        """How many rows show records listed before they were read."""
        return library_fill.unread_count(self._entries)

    def is_listing(self) -> bool:
        """True while many records are being prepared for the list."""
        return self._listing > 0

    def listing_count(self) -> int:
        """How many records are being prepared (0 when none are)."""
        return self._listing

    def _on_prepared(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # other records were given since
        entries: list[Entry]
        ordered: list[Entry]
        row_of: dict[str, int] | None
        column: int
        order: Qt.SortOrder
        entries, ordered, row_of, column, order = result  # type: ignore[misc]
        self._listing = 0
        before = [self._entries, self._sorted, self._shown]
        self._entries = entries
        if (column, order) == (self._sort_column, self._sort_order):
            self._sorted = ordered
        else:
            self._sort_entries()  # the reader chose another order meanwhile
            row_of = None
        self._rebuild(row_of)
        library_fill.release_in_pieces(before, self)
        self.listing_finished.emit()
        if self._filling.records:  # records read while these were listed
            self._fill_some()

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
        self._sorted = sorted_entries(self._entries, self._sort_column, self._sort_order)

    def _rebuild(self, row_of: dict[str, int] | None = None) -> None:
        """Show `_sorted`, filtered and grouped; `row_of` maps IDs to rows of `_sorted`."""
        self.beginResetModel()
        self._shown = self._filtered()
        self._fetched = min(len(self._shown), FETCH_ROWS)
        self._row_of = row_of if row_of is not None and not self._terms else None
        self._groups = self._make_groups(self._shown) if self.is_grouped() else []
        self.endResetModel()

    def _filtered(self) -> list[Entry]:
        """`_sorted`, only the records that hold every word of the filter."""
        terms = self._terms
        if terms:
            return [e for e in self._sorted if all(t in e.haystack for t in terms)]
        return list(self._sorted)

    def _make_groups(self, shown: list[Entry]) -> list[Group]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return make_groups(
            shown, self._group_by, latest_first=self._sort_column == DATE and descending
        )

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

    def _entry(self, index: Index) -> Entry | None:
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

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked ~1,500 times each time the list is painted, five times in seven for a role it
        # has nothing for (font, colours, alignment, check state): those answered first.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        if self.is_grouped() and index.internalId() == 0:
            return self._group_data(index, role)
        entry = self._entry(index)
        if entry is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return (entry.title, entry.date_text, entry.record.id)[column]
        untexted = entry.record.id in self._without_text
        if role == _TOOLTIP:
            tooltip = entry.tooltip()
            return f"{tooltip}\n{_no_text_layer()}" if untexted else tooltip
        if role == _ACCESSIBLE_TEXT:
            parts = (entry.title, entry.date_text, entry.record.id)
            return ", ".join([p for p in parts if p] + ([_no_text_layer()] if untexted else []))
        if role == _DECORATION and column == TITLE:
            if entry.broken:
                return self._warning_icon()
            if untexted:
                return self._image_icon()
        if role == self.RECORD_ROLE:
            return entry.record
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        if index.row() >= len(self._groups):
            return None
        group = self._groups[index.row()]
        if index.column() != TITLE:
            return None
        if role in (_DISPLAY, _ACCESSIBLE_TEXT):
            return f"{group.label} ({i18n.number(len(group.entries))})"
        if role == _FONT:
            return self._bold
        return None

    def _image_icon(self) -> QIcon:
        if self._image is None:
            self._image = QIcon.fromTheme(
                "image-x-generic",
                QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon),
            )
        return self._image

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
