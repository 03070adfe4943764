"""The library: every record of the archive, sortable, filtered as you type, grouped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.model import Archive, PartialDate
from viewer.services import dates, i18n
from viewer.ui.item_views import DownLineEdit, EnterTreeView
from viewer.ui.library_entries import DATE, GROUP_BY_LABELS, ID, TITLE, AnyRecord, GroupBy
from viewer.ui.library_model import LibraryModel

__all__ = ["DATE", "ID", "TITLE", "GroupBy", "LibraryModel", "LibraryPanel"]


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
        self._fit_date_column()
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
        self._model.rows_filled.connect(self._update_count)

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
        self._model.forget_text_layers()
        self._model.set_records(records)
        self._update_count()

    def update_records(self, records: Iterable[AnyRecord]) -> None:
        """List `records` again (the archive changed on disk), keeping the filter, grouping,
        closed groups and current row."""
        self._model.update_records(records)
        self._update_count()

    def fill_records(self, records: Sequence[AnyRecord]) -> None:
        """The records listed before they were read, as read since (`LibraryModel.fill_records`)."""
        self._model.fill_records(records)

    def set_text_layers(self, texts: dict[str, bool]) -> None:
        """Mark the records whose PDF has no text layer (record ID -> whether it has one)."""
        self._model.set_text_layers(texts)

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

    def _fit_date_column(self) -> None:
        """The Date column as wide as the longest date in the interface's language and size."""
        metrics = self._view.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(dates.short(PartialDate(1999, month, 28)))
            for month in range(1, 13)
        )
        # Room for the cell's margins and the header's sort arrow.
        self._view.header().resizeSection(DATE, widest + 2 * metrics.averageCharWidth() + 20)

    def changeEvent(self, event: QEvent) -> None:
        # View > Interface Size changes the application's font: the dates grow with it.
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._fit_date_column()
        super().changeEvent(event)

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
        text = text.format(shown=i18n.number(shown), total=i18n.number(total))
        unread = self._model.unread_count()
        if unread:
            text = self.tr("{count}; {unread} still being read").format(
                count=text, unread=i18n.number(unread)
            )
        self._count.setText(text)
