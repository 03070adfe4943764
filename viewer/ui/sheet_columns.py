"""Spreadsheet Columns: which field of a record each column of a sheet of records fills.

Shown from File > Spreadsheet Columns… and offered when a sheet is opened whose columns were
guessed. What the person confirms is remembered for that sheet (in the user's data folder, never
in the archive) and the sheet is read again with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import columns
from viewer.domain.formats.manifest import SheetRead


def _field_labels() -> list[tuple[str, str]]:
    translate = QCoreApplication.translate
    labels = {
        "file": translate("SheetColumns", "File name of the scan"),
        "number": translate("SheetColumns", "Record number"),
        "identifier": translate("SheetColumns", "Identifier"),
        "title": translate("SheetColumns", "Title"),
        "date": translate("SheetColumns", "Date"),
        "creators": translate("SheetColumns", "From (author, sender)"),
        "recipients": translate("SheetColumns", "To (recipient)"),
        "agency": translate("SheetColumns", "Agency"),
        "pages": translate("SheetColumns", "Pages"),
        "subjects": translate("SheetColumns", "Subjects (tags)"),
        "type": translate("SheetColumns", "Document type"),
        "summary": translate("SheetColumns", "Summary"),
        "collection": translate("SheetColumns", "Collection (series)"),
        "location": translate("SheetColumns", "Archival location (file number)"),
        "languages": translate("SheetColumns", "Languages"),
        "places": translate("SheetColumns", "Places"),
        "people": translate("SheetColumns", "People"),
        "rights": translate("SheetColumns", "Rights"),
        "url": translate("SheetColumns", "Web address"),
    }
    return [
        ("", translate("SheetColumns", "Shown under its own heading")),
        (columns.IGNORE, translate("SheetColumns", "Left out")),
        *((key, labels.get(key, key)) for key in columns.FIELDS),
    ]


class SheetColumnsDialog(QDialog):
    """Each column of a sheet with a value it holds and the field it fills, to be changed."""

    def __init__(self, read: SheetRead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sheetColumnsDialog")
        self.setWindowTitle(self.tr("Spreadsheet Columns"))
        self._read = read
        mapping = read.mapping
        intro = QLabel(
            self.tr(
                "Choose what each column of {sheet} holds. Your choice is remembered for this "
                "sheet; the sheet itself is not changed."
            ).format(sheet=read.sheet.name)
        )
        intro.setWordWrap(True)
        if mapping.preset:
            intro.setText(
                intro.text()
                + " "
                + self.tr("Recognised as: {preset}.").format(preset=mapping.preset)
            )
        self.table = QTableWidget(len(mapping.header), 3)
        self.table.setAccessibleName(self.tr("Columns"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("For example"), self.tr("Field")]
        )
        self.table.verticalHeader().hide()
        choices = _field_labels()
        self._boxes: list[QComboBox] = []
        for row, header in enumerate(mapping.header):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            sample = read.samples[row] if row < len(read.samples) else ""
            self.table.setItem(row, 1, QTableWidgetItem(sample[:80]))
            box = QComboBox()
            box.setAccessibleName(self.tr("Field of column {column}").format(column=header))
            for key, label in choices:
                box.addItem(label, key)
            field = mapping.fields[row] if row < len(mapping.fields) else ""
            box.setCurrentIndex(max(box.findData(field), 0))
            if row in mapping.guessed:
                box.setToolTip(self.tr("Guessed from the column's name"))
            self.table.setCellWidget(row, 2, box)
            self._boxes.append(box)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    def chosen(self) -> dict[str, str]:
        """Header name to field, as chosen now."""
        return {
            header: str(box.currentData())
            for header, box in zip(self._read.mapping.header, self._boxes, strict=True)
            if header
        }

    def set_field(self, header: str, field: str) -> None:
        """Choose `field` for the column named `header` (as a person would in its list)."""
        index = self._read.mapping.header.index(header)
        box = self._boxes[index]
        box.setCurrentIndex(box.findData(field))


def ask(
    read: SheetRead,
    parent: QWidget,
    on_chosen: Callable[[dict[str, str]], None],
) -> SheetColumnsDialog:
    """Open the dialog (window-modal, not blocking) and call `on_chosen` when it is accepted."""
    dialog = SheetColumnsDialog(read, parent)
    dialog.accepted.connect(lambda: on_chosen(dialog.chosen()))
    dialog.open()
    return dialog
