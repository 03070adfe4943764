"""The facet choosers of the Search panel: a value and its count among the matches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from viewer.domain import model


class FacetCombo(QComboBox):
    """One facet: "Any …" and each value with its count among the matches."""

    def __init__(self, any_label: str, accessible_name: str) -> None:
        super().__init__()
        self._any_label = any_label
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.addItem(any_label, None)

    def value(self) -> Any:
        """The value chosen, None for "any"."""
        return self.currentData()

    def set_counts(self, counts: Sequence[tuple[Any, int]], label: Callable[[Any], str]) -> None:
        """Offer `counts`, keeping the value chosen (with a zero count if it no longer occurs)."""
        chosen = self.value()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self._any_label, None)
            values = [value for value, _ in counts]
            for value, count in counts:
                self.addItem(f"{label(value)} ({count})", value)
            if chosen is not None and chosen not in values:
                self.addItem(f"{label(chosen)} (0)", chosen)
            self.setCurrentIndex(max(0, self.findData(chosen)) if chosen is not None else 0)
        finally:
            self.blockSignals(False)

    def reset(self) -> None:
        """Back to "any", with no values offered."""
        self.blockSignals(True)
        self.clear()
        self.addItem(self._any_label, None)
        self.blockSignals(False)

    def labels(self) -> list[str]:
        """The items' texts, in order."""
        return [self.itemText(i) for i in range(self.count())]


WITH_TEXT_LAYER = "with"
WITHOUT_TEXT_LAYER = "without"
_TEXT_LAYER_LABELS = {
    WITH_TEXT_LAYER: QT_TRANSLATE_NOOP("SearchPanel", "With a text layer"),
    WITHOUT_TEXT_LAYER: QT_TRANSLATE_NOOP("SearchPanel", "Without a text layer"),
}
# Item data holds strings, not Python bools: PySide6 miscounts references to True and False
# stored in a QVariant, which crashes the interpreter when it shuts down.
TEXT_LAYER_FILTERS = {WITH_TEXT_LAYER: True, WITHOUT_TEXT_LAYER: False}


def language_label(code: Any) -> str:
    return model.language_name(str(code))


def text_layer_label(value: Any) -> str:
    return QCoreApplication.translate("SearchPanel", str(_TEXT_LAYER_LABELS[str(value)]))


LEAVE_OUT_MACHINE_READ = "leave-out"
"""The machine-read facet's value that searches only what people wrote or checked."""


def machine_read_label(_value: Any) -> str:
    """The machine-read facet's one value."""
    return QCoreApplication.translate("SearchPanel", "Left out")


WITH_NOTES = "with-notes"
"""The notes facet's value that lists only the records with a note of the reader's found."""


def notes_label(_value: Any) -> str:
    """The notes facet's one value."""
    return QCoreApplication.translate("SearchPanel", "Only records with your notes")
