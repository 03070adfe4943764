"""The Cite panel: the record's citation in every style at once, each with its Copy button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import citation, quotation
from viewer.domain.citation import Form, Style
from viewer.domain.model import BrokenRecord, Record
from viewer.domain.quotation import CitationChoice
from viewer.ui import citation_actions

CONFIRMATION_MS = 4000
IN_TEXT = {
    Style.MLA: QT_TRANSLATE_NOOP("CitePanel", "In text"),
    Style.APA: QT_TRANSLATE_NOOP("CitePanel", "In text"),
}
"""The styles whose in-text citation is shown under the reference, and its label in English."""


@dataclass
class _Section:
    """The widgets of one citation: its text and its Copy button."""

    choice: CitationChoice
    frame: QFrame
    text: QLabel
    copy_button: QPushButton
    in_text: QLabel | None


def _selectable(label: QLabel) -> None:
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class CitePanel(QWidget):
    """House, Chicago (note, short note, bibliography), MLA and APA citations of one record."""

    style_chosen = Signal(str)
    """The reader picked a citation in the style chooser; the choice's key ("chicago-note")."""
    citation_copied = Signal(str)
    """A citation went to the clipboard; its plain text."""

    def __init__(
        self, confirmation_ms: int = CONFIRMATION_MS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Cite"))
        self._record: Record | None = None

        self._chooser = QComboBox()
        self._chooser.setAccessibleName(self.tr("Citation style"))
        self._chooser.setToolTip(
            self.tr("The citation that Copy Citation and Copy with Citation use")
        )
        for choice in quotation.CHOICES:
            self._chooser.addItem(choice.label, choice.key)
        self._chooser.currentIndexChanged.connect(self._on_chooser_current_index_changed)
        chooser_label = QLabel(self.tr("&Copy citation as:"))
        chooser_label.setBuddy(self._chooser)
        chooser_row = QHBoxLayout()
        chooser_row.setContentsMargins(8, 8, 8, 0)
        chooser_row.addWidget(chooser_label)
        chooser_row.addWidget(self._chooser, 1)

        self._notice = QLabel(self.tr("No record is open."))
        self._notice.setTextFormat(Qt.TextFormat.PlainText)
        self._notice.setAccessibleName(self.tr("Cite notice"))
        self._notice.setWordWrap(True)

        self._confirmation = QLabel()
        self._confirmation.setTextFormat(Qt.TextFormat.PlainText)
        self._confirmation.setAccessibleName(self.tr("Citation copied"))
        self._confirmation.setContentsMargins(8, 0, 8, 6)
        self._confirmation_timer = QTimer(self)
        self._confirmation_timer.setSingleShot(True)
        self._confirmation_timer.setInterval(confirmation_ms)
        self._confirmation_timer.timeout.connect(self._confirmation.clear)

        body = QWidget()
        sections_layout = QVBoxLayout(body)
        sections_layout.setContentsMargins(8, 8, 8, 8)
        sections_layout.setSpacing(12)
        sections_layout.addWidget(self._notice)
        self._sections: dict[CitationChoice, _Section] = {}
        for choice in quotation.CHOICES:
            frame, section = self._build_section(choice)
            self._sections[choice] = section
            sections_layout.addWidget(frame)
        sections_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chooser_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._confirmation)
        self.show_record(None)

    def _build_section(self, choice: CitationChoice) -> tuple[QFrame, _Section]:
        frame = QFrame()
        frame.setObjectName(f"cite_{choice.key.replace('-', '_')}")
        title = QLabel(f"<b>{choice.label}</b>")
        text = QLabel()
        text.setAccessibleName(choice.label)
        _selectable(text)
        title.setBuddy(text)
        button = QPushButton(self.tr("Copy"))
        button.setAccessibleName(self.tr("Copy {style}").format(style=choice.label))
        button.setToolTip(
            self.tr("Copy the {style} citation (text and formatting)").format(style=choice.label)
        )
        button.clicked.connect(lambda _=False, c=choice: self.copy(c.style, c.form))
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(title, 1)
        header.addWidget(button)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(text)
        in_text = None
        if choice.style in IN_TEXT:
            in_text = QLabel()
            in_text.setAccessibleName(
                self.tr("{style} in-text citation").format(style=choice.label)
            )
            in_text.setTextFormat(Qt.TextFormat.RichText)
            _selectable(in_text)
            form = QFormLayout()
            form.setContentsMargins(0, 0, 0, 0)
            label = QCoreApplication.translate("CitePanel", str(IN_TEXT[choice.style]))
            form.addRow(self.tr("{label}:").format(label=label), in_text)
            layout.addLayout(form)
        return frame, _Section(choice, frame, text, button, in_text)

    # -- content --------------------------------------------------------------------------------

    def show_record(self, record: Record | BrokenRecord | None) -> None:
        """Show the citations of `record`; nothing to copy for no record or a broken one."""
        self._record = record if isinstance(record, Record) else None
        if isinstance(record, BrokenRecord):
            self._notice.setText(
                self.tr("This record cannot be read, so it cannot be cited: {reason}").format(
                    reason=record.reason
                )
            )
        else:
            self._notice.setText(self.tr("No record is open."))
        self._notice.setVisible(self._record is None)
        for section in self._sections.values():
            self._fill(section)

    def _fill(self, section: _Section) -> None:
        record = self._record
        section.frame.setVisible(record is not None)
        if record is None:
            section.text.clear()
            section.copy_button.setEnabled(False)
            if section.in_text is not None:
                section.in_text.clear()
            return
        rich = section.choice.cite(record, "html")
        if rich:
            section.text.setTextFormat(Qt.TextFormat.RichText)
            section.text.setText(rich)
            section.text.setToolTip("")
        else:
            section.text.setTextFormat(Qt.TextFormat.PlainText)
            section.text.setText(self.tr("(not in bibliography)"))
            section.text.setToolTip(
                self.tr(
                    "Chicago leaves an unpublished manuscript with no archive, number, web "
                    "address or publisher out of the bibliography; cite it in a note."
                )
            )
        section.copy_button.setEnabled(bool(rich))
        if section.in_text is not None:
            section.in_text.setText(citation.cite(record, section.choice.style, Form.NOTE, "html"))

    def record(self) -> Record | None:
        """The record whose citations are shown."""
        return self._record

    def citation_label(self, choice: CitationChoice) -> QLabel:
        """The label showing `choice`'s citation."""
        return self._sections[choice].text

    def copy_button(self, choice: CitationChoice) -> QPushButton:
        """The Copy button of `choice`'s citation."""
        return self._sections[choice].copy_button

    # -- the style chooser ----------------------------------------------------------------------

    def choice(self) -> CitationChoice:
        """The citation picked in the style chooser."""
        return quotation.parse_choice(str(self._chooser.currentData()))

    def set_choice(self, choice: CitationChoice) -> None:
        """Pick `choice` in the style chooser without emitting `style_chosen` (restoring it)."""
        index = self._chooser.findData(choice.key)
        if index >= 0:
            self._chooser.blockSignals(True)
            self._chooser.setCurrentIndex(index)
            self._chooser.blockSignals(False)

    def _on_chooser_current_index_changed(self, _index: int) -> None:
        self.style_chosen.emit(self.choice().key)

    # -- copying --------------------------------------------------------------------------------

    def copy(self, style: Style, form: Form = Form.NOTE) -> str:
        """Put the record's citation in `style` and `form` on the clipboard; its plain text."""
        record = self._record
        if record is None:
            return ""
        choice = CitationChoice(style, Form.NOTE if style is Style.HOUSE else form)
        plain = citation_actions.copy_citation(record, choice)
        if plain:
            self._confirm(self.tr("Copied: {style}").format(style=choice.label))
            self.citation_copied.emit(plain)
        return plain

    def copy_chosen(self) -> str:
        """Copy the citation picked in the style chooser; its plain text."""
        choice = self.choice()
        return self.copy(choice.style, choice.form)

    def _confirm(self, text: str) -> None:
        self._confirmation.setText(text)
        self._confirmation_timer.start()

    def confirmation(self) -> str:
        """The confirmation shown now ("Copied: Chicago note"; "" when none)."""
        return self._confirmation.text()
