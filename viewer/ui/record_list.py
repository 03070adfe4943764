"""The list of an archive's records (title and date), broken ones shown with their reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QListView, QStyle, QVBoxLayout, QWidget

from viewer.domain.model import BrokenRecord, Record

Index = QModelIndex | QPersistentModelIndex


class RecordListModel(QAbstractListModel):
    """An archive's records for a list view; cheap for thousands of records."""

    RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: tuple[Record | BrokenRecord, ...] = ()

    def set_records(self, records: tuple[Record | BrokenRecord, ...]) -> None:
        """Replace the records shown."""
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(record, BrokenRecord):
                return f"{record.title}\nCannot be read: {record.reason}"
            date = record.date.display() if record.date else "Undated"
            return f"{record.title}\n{date}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(record, BrokenRecord):
                return f"{record.folder}\n{record.reason}"
            return record.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index).replace("\n", ", ")
        if role == Qt.ItemDataRole.DecorationRole and isinstance(record, BrokenRecord):
            return QListView().style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == self.RECORD_ROLE:
            return record
        return None

    def row_of(self, record_id: str) -> int:
        """The row of the record with `record_id`, or -1."""
        for row, record in enumerate(self._records):
            if record.id == record_id:
                return row
        return -1


class RecordList(QWidget):
    """The archive's records; picking one opens it."""

    record_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Records")
        self._model = RecordListModel(self)
        self._view = QListView()
        self._view.setModel(self._model)
        self._view.setAccessibleName("Record list")
        self._view.setWordWrap(True)
        self._view.setUniformItemSizes(True)
        self._view.setAlternatingRowColors(True)
        self._view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self._quiet = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

    def set_records(self, records: tuple[Record | BrokenRecord, ...]) -> None:
        """Show `records`."""
        self._model.set_records(records)

    def select(self, record_id: str) -> None:
        """Make `record_id` the current row (without announcing it again if it already is)."""
        row = self._model.row_of(record_id)
        if row >= 0 and self._view.currentIndex().row() != row:
            self._quiet = True
            try:
                self._view.setCurrentIndex(self._model.index(row))
            finally:
                self._quiet = False

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) record."""
        count = self._model.rowCount()
        if not count:
            return
        row = max(0, min(count - 1, self._view.currentIndex().row() + delta))
        self._view.setCurrentIndex(self._model.index(row))

    def view(self) -> QListView:
        """The list view."""
        return self._view

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self._model.data(current, RecordListModel.RECORD_ROLE)
        if record is not None and not self._quiet:
            self.record_chosen.emit(record)
