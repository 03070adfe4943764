"""The record's metadata panel: what the document is, where it is held, and how to cite it."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import model, transcript
from viewer.domain.model import BrokenRecord, Record, Scan
from viewer.services import dates, i18n
from viewer.ui import appearance

MAX_VALUE_CHARS = 10_000
"""Characters of one field shown at most; the rest is said to be left out (search finds it)."""


def _names(names: tuple[model.Name, ...]) -> str:
    return "; ".join(name.display() for name in names)


def _languages(codes: tuple[str, ...]) -> str:
    return ", ".join(model.language_name(code) for code in codes)


def rows_for(record: Record) -> list[tuple[str, str]]:
    """The (label, value) rows shown for `record`, in reading order, empty ones left out.

    The labels are in the interface language; the values (the record's own) are never translated.
    """
    return [(label, value) for _, label, value in _fields(record)]


def inferred_labels(record: Record) -> set[str]:
    """The labels of the rows whose value the viewer guessed (`Record.inferred`)."""
    return {label for name, label, _ in _fields(record) if name in record.inferred}


def _fields(record: Record) -> list[tuple[str, str, str]]:
    """(field name, label, value) for each row shown."""
    translate = QCoreApplication.translate
    transcripts = ", ".join(t.display_label() for t in record.transcripts)

    # A note says more than a label and usually repeats it ("Facsimile (typeset by …)" and
    # "Facsimile typeset by …"): one of them, the note when there is one. With several scans
    # each is named by its label first.
    def scan_text(scan: Scan) -> str:
        name = scan.label or scan.path.name
        if not scan.note:
            return name
        return f"{name}: {scan.note}" if len(record.scans) > 1 else scan.note

    scans = "; ".join(scan_text(scan) for scan in record.scans)
    rows = [
        ("title", translate("MetadataPanel", "Title"), record.title),
        # A date the source words in a way not understood is shown as worded.
        (
            "date",
            translate("MetadataPanel", "Date"),
            dates.long(record.date) if record.date else record.date_text,
        ),
        ("summary", translate("MetadataPanel", "Summary"), record.summary),
        ("type", translate("MetadataPanel", "Type"), record.type),
        ("creators", translate("MetadataPanel", "Author"), _names(record.creators)),
        ("recipients", translate("MetadataPanel", "Recipient"), _names(record.recipients)),
        ("source", translate("MetadataPanel", "Source"), record.source.display()),
        ("source_note", translate("MetadataPanel", "Source note"), record.source.note),
        ("collection", translate("MetadataPanel", "Collection"), record.collection),
        ("translators", translate("MetadataPanel", "Translator"), _names(record.translators)),
        ("contributors", translate("MetadataPanel", "Contributors"), _names(record.contributors)),
        (
            "languages",
            translate("MetadataPanel", "Original language"),
            _languages(record.languages),
        ),
        ("transcripts", translate("MetadataPanel", "Available in"), transcripts),
        ("people", translate("MetadataPanel", "People"), "; ".join(record.people)),
        ("places", translate("MetadataPanel", "Places"), "; ".join(record.places)),
        ("subjects", translate("MetadataPanel", "Subjects"), "; ".join(record.subjects)),
        ("scans", translate("MetadataPanel", "Scan"), scans),
        ("rights", translate("MetadataPanel", "Rights"), record.rights),
        ("funding", translate("MetadataPanel", "Support"), record.funding),
        ("publisher", translate("MetadataPanel", "Publisher"), record.publisher),
        ("relation", translate("MetadataPanel", "Relation"), record.relation),
        ("coverage", translate("MetadataPanel", "Coverage"), record.coverage),
        ("identifier", translate("MetadataPanel", "Identifier"), record.identifier),
        ("number", translate("MetadataPanel", "Number"), record.number),
        ("pages", translate("MetadataPanel", "Pages"), record.pages),
        ("url", translate("MetadataPanel", "Web address"), record.url),
        ("id", translate("MetadataPanel", "Record ID"), record.id),
    ]
    rows.extend((key, key.replace("_", " ").capitalize(), value) for key, value in record.extra)
    return [(name, label, value) for name, label, value in rows if value]


def fields_style() -> str:
    """The fields' style: labels and guesses muted, in the palette's text colour where muted
    grey would not read (a high-contrast palette)."""
    return f"""
p.label {{ color: {appearance.readable("#5f6368")}; font-size: small; font-weight: bold;
          margin-top: 8px; margin-bottom: 1px; }}
p.value {{ margin-top: 0; margin-bottom: 0; }}
span.guessed {{ color: {appearance.readable("#80868b")}; font-style: italic; }}
"""


class _FieldsView(QTextBrowser):
    """The fields as read-only text that never loads anything from outside."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None

    def createMimeDataFromSelection(self) -> QMimeData:
        # The breaks put into very long words are not the record's text.
        mime = QMimeData()
        mime.setText(transcript.unbreak(self.textCursor().selection().toPlainText()))
        return mime


class MetadataPanel(QWidget):
    """Title, date, summary, source, translator, languages, subjects, rights, support, record ID."""

    citation_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Record metadata"))
        self._copy_button = QPushButton(self.tr("Copy citation"))
        self._copy_button.setObjectName("copyCitationButton")
        self._copy_button.setAccessibleName(self.tr("Copy citation"))
        self._copy_button.setToolTip(
            self.tr("Copy this record's citation to the clipboard (Ctrl+Shift+C)")
        )
        self._copy_button.clicked.connect(self.citation_requested)
        self._copy_button.setEnabled(False)
        self._confirmation = QLabel()
        self._confirmation.setTextFormat(Qt.TextFormat.PlainText)
        self._confirmation.setAccessibleName(self.tr("Citation status"))
        self._confirmation.setObjectName("confirmation")
        self._confirmation_timer = QTimer(self)
        self._confirmation_timer.setSingleShot(True)
        self._confirmation_timer.setInterval(4000)
        self._confirmation_timer.timeout.connect(self._confirmation.clear)

        self._citation = QLabel()
        self._citation.setWordWrap(True)
        self._citation.setTextFormat(Qt.TextFormat.PlainText)
        self._citation.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._citation.setAccessibleName(self.tr("Citation"))
        self._citation.setObjectName("citation")
        self._citation.setFrameShape(QFrame.Shape.StyledPanel)
        self._citation.setMargin(6)

        # One document, not a label per field: it wraps long titles and summaries at any panel
        # width, scrolls, and selects and copies like the transcript.
        self._fields = _FieldsView()
        self._fields.setAccessibleName(self.tr("Metadata fields"))
        self._fields.setOpenLinks(False)
        self._fields.setOpenExternalLinks(False)
        self._fields.setFrameShape(QFrame.Shape.NoFrame)
        self._fields.document().setDefaultStyleSheet(fields_style())

        buttons = QHBoxLayout()
        buttons.addWidget(self._copy_button)
        buttons.addWidget(self._confirmation, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self._citation)
        layout.addWidget(self._fields, 1)
        self._values: dict[str, str] = {}
        self._guessed: set[str] = set()

    def show_record(self, record: Record | BrokenRecord | None, citation: str = "") -> None:
        """Show `record`'s metadata and its citation."""
        self._values = {}
        self._guessed = set()
        self._confirmation.clear()
        if isinstance(record, BrokenRecord):
            rows = [(self.tr("Folder"), str(record.folder)), (self.tr("Problem"), record.reason)]
        elif record is None:
            rows = []
        else:
            rows = rows_for(record)
            self._guessed = inferred_labels(record)
        parts = []
        for label, value in rows:
            self._values[label] = value
            text = html.escape(transcript.break_long_words(value[:MAX_VALUE_CHARS]))
            text = text.replace("\n", "<br>")
            if len(value) > MAX_VALUE_CHARS:
                more = self.tr("… ({count} more characters not shown)").format(
                    count=i18n.number(len(value) - MAX_VALUE_CHARS)
                )
                text += f"<br><i>{html.escape(more)}</i>"
            if label in self._guessed:
                # A guess (from a file name, a PDF's info) must not pass for curated metadata.
                text += '<span class="guessed"> ' + html.escape(self.tr("(guessed)")) + "</span>"
            parts.append(f'<p class="label">{html.escape(label)}</p><p class="value">{text}</p>')
        self._fields.document().setDefaultStyleSheet(fields_style())
        self._fields.setHtml("".join(parts))
        self._citation.setText(citation)
        self._citation.setVisible(bool(citation))
        self._copy_button.setEnabled(bool(citation))

    def shown_text(self) -> str:
        """The fields as the reader sees them: each label on its own line above its value."""
        return transcript.unbreak(self._fields.toPlainText())

    def value(self, label: str) -> str:
        """The value shown for `label` ("" when the row is not shown)."""
        return self._values.get(label, "")

    def is_guessed(self, label: str) -> bool:
        """Whether the row `label` is shown as guessed by the viewer, not curated."""
        return label in self._guessed

    def labels(self) -> list[str]:
        """The labels of the rows shown, in order."""
        return list(self._values)

    def confirm(self, text: str) -> None:
        """Say, beside the button, that the citation was copied."""
        self._confirmation.setText(text)
        self._confirmation_timer.start()

    def confirmation(self) -> str:
        """The confirmation shown now ("" when none)."""
        return self._confirmation.text()

    def citation_text(self) -> str:
        """The citation shown."""
        return self._citation.text()
