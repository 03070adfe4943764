"""Citation actions: copy a citation, copy a passage with its citation, export records to a file."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    Qt,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QTextBrowser, QWidget

from viewer.domain import export, quotation, transcript
from viewer.domain.export import ExportFormat
from viewer.domain.model import Record
from viewer.domain.quotation import CitationChoice
from viewer.services import jobs

log = logging.getLogger(__name__)

COPY_WITH_CITATION_TEXT = QT_TRANSLATE_NOOP("CitationActions", "Copy with Citation")
"""The action's text in English; translated when the action is made."""
COPY_WITH_CITATION_KEYS = "Ctrl+Alt+C"
FORMAT_LABELS = {
    ExportFormat.BIBTEX: "BibTeX",
    ExportFormat.RIS: "RIS",
    ExportFormat.CSL_JSON: "CSL-JSON",
}
NEW_FILE_MODE = 0o644

CitationProvider = Callable[[], tuple[str, str] | None]
"""The citation of the record on screen as (plain text, HTML), or None when there is none."""
PageTextsProvider = Callable[[], Sequence[str] | None]
"""The text layer of each page of the scan on screen, or None when there is none (yet)."""


# --- Clipboard -------------------------------------------------------------------------------


def put_on_clipboard(plain: str, rich: str) -> None:
    """Put `plain` as text/plain and `rich` as text/html on the clipboard."""
    mime = QMimeData()
    mime.setText(plain)
    mime.setHtml(rich)
    QGuiApplication.clipboard().setMimeData(mime)


def copy_citation(record: Record, choice: CitationChoice) -> str:
    """Put `record`'s citation in `choice` on the clipboard, text and HTML; its text or ""."""
    plain = choice.cite(record, "text")
    if plain:
        put_on_clipboard(plain, choice.cite(record, "html"))
    return plain


# --- Copy with citation ----------------------------------------------------------------------


def selected_text(browser: QTextBrowser) -> str:
    """The browser's selection as plain text, one line per paragraph."""
    return transcript.unbreak(browser.textCursor().selection().toPlainText())


class PassageCopier:
    """Copies a transcript's selection with its citation and the scan page it is on.

    The page is looked for in the scan's text layer on a background thread (a long scan's text
    takes a while to compare); the clipboard is written when it is known. The passage, the
    citation and the text layer are those of the moment the reader asked, and only the latest
    request writes the clipboard.
    """

    def __init__(
        self,
        browser: QTextBrowser,
        citation_provider: CitationProvider,
        page_texts: PageTextsProvider,
        on_copied: Callable[[str], None] | None = None,
    ) -> None:
        self._browser = browser
        self._citation_provider = citation_provider
        self._page_texts = page_texts
        self._on_copied = on_copied
        self._latest = 0

    def copy(self) -> bool:
        """Start copying the selection; whether there is a passage to copy."""
        text = selected_text(self._browser)
        if not quotation.paragraphs(text):
            return False
        cited = self._citation_provider() or ("", "")
        layer = tuple(self._page_texts() or ())
        self._latest += 1
        request = self._latest

        def copied(page: quotation.Pages) -> None:
            if request != self._latest:
                return  # the reader copied another passage since
            plain = quotation.with_citation(text, cited[0], page)
            put_on_clipboard(plain, quotation.with_citation_html(text, cited[1], page))
            if self._on_copied is not None:
                self._on_copied(plain)

        jobs.run_in_background(lambda: quotation.passage_pages(text, layer), copied, self._browser)
        return True


def context_menu(browser: QTextBrowser, action: QAction, position: QPoint) -> QMenu:
    """The browser's own context menu with `action` added; `position` in viewport coordinates."""
    in_document = position + QPoint(
        browser.horizontalScrollBar().value(), browser.verticalScrollBar().value()
    )
    menu = browser.createStandardContextMenu(in_document)
    menu.addSeparator()
    menu.addAction(action)
    return menu


class _ContextMenuFilter(QObject):
    """Shows the browser's context menu with "Copy with Citation" added."""

    def __init__(self, browser: QTextBrowser, action: QAction) -> None:
        super().__init__(browser)
        self._browser = browser
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        viewport = self._browser.viewport()
        position = event.pos()
        if watched is not viewport:
            # A keyboard-invoked menu arrives at the browser, in its own coordinates.
            position = viewport.mapFrom(self._browser, position)
        menu = context_menu(self._browser, self._action, position)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


def install_copy_with_citation(
    browser: QTextBrowser,
    citation_provider: CitationProvider,
    page_texts: PageTextsProvider,
    on_copied: Callable[[str], None] | None = None,
) -> QAction:
    """Add "Copy with Citation" (Ctrl+Alt+C, and in the context menu) to a transcript browser.

    The action is enabled only while text is selected. `on_copied` gets the plain text copied,
    once it is on the clipboard (the passage's page is looked for in the background).
    """
    translate = QCoreApplication.translate
    action = QAction(translate("CitationActions", str(COPY_WITH_CITATION_TEXT)), browser)
    action.setObjectName("copy_with_citation")
    action.setShortcut(QKeySequence(COPY_WITH_CITATION_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(
        translate(
            "CitationActions", "Copy the selected passage followed by its citation and scan page"
        )
    )

    def update() -> None:
        action.setEnabled(browser.textCursor().hasSelection())

    copier = PassageCopier(browser, citation_provider, page_texts, on_copied)

    def trigger() -> None:
        copier.copy()

    action.triggered.connect(trigger)
    browser.selectionChanged.connect(update)
    browser.addAction(action)
    menu_filter = _ContextMenuFilter(browser, action)
    browser.installEventFilter(menu_filter)
    browser.viewport().installEventFilter(menu_filter)
    update()
    return action


# --- Export ----------------------------------------------------------------------------------


def ask_save_path(
    parent: QWidget | None, caption: str, proposed: Path, filters: str
) -> Path | None:
    """The file the reader chooses to save to, starting at `proposed` (given the suffix of
    `proposed` when they typed none); None when they cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(proposed), filters)
    if not name:
        return None
    target = Path(name)
    return target if target.suffix else target.with_suffix(proposed.suffix)


def write_atomically(target: Path, text: str) -> None:
    """Write `text` (UTF-8) to `target` through a temporary file in its folder and a rename."""
    mode = target.stat().st_mode & 0o777 if target.is_file() else NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def default_file_name(records: Sequence[Record], fmt: ExportFormat) -> str:
    """The name proposed in the save dialog: the record's id, or "citations" for several."""
    stem = records[0].id if len(records) == 1 else "citations"
    return stem + fmt.suffix


def export_records(
    parent: QWidget | None,
    records: Sequence[Record],
    fmt: ExportFormat,
    on_error: Callable[[str], None],
    *,
    on_exported: Callable[[Path], None] | None = None,
    directory: Path | None = None,
) -> Path | None:
    """Ask where to save `records` in `fmt` and write them there; the file, or None.

    Problems (nothing to export, a folder that cannot be written) go to `on_error` as a sentence
    that names the file and says what to do.
    """
    translate = QCoreApplication.translate
    records = [r for r in records if isinstance(r, Record)]
    label = FORMAT_LABELS[fmt]
    if not records:
        on_error(
            translate(
                "CitationActions",
                "There is no record to export as {format}. Open a record or run a search first.",
            ).format(format=label)
        )
        return None
    title = (
        translate("CitationActions", "Export 1 record as {format}")
        if len(records) == 1
        else translate("CitationActions", "Export {count} records as {format}")
    )
    proposed = (directory or Path.home()) / default_file_name(records, fmt)
    target = ask_save_path(
        parent,
        title.format(count=len(records), format=label),
        proposed,
        translate("CitationActions", "{format} (*{suffix});;All files (*)").format(
            format=label, suffix=fmt.suffix
        ),
    )
    if target is None:
        return None
    try:
        write_atomically(target, export.export(records, fmt))
    except OSError as error:
        reason = error.strerror or str(error)
        log.warning("export to %s failed: %s", target, error)
        on_error(
            translate(
                "CitationActions",
                "The {format} export could not be written to {file}: {reason}. "
                "Choose a folder you can write to.",
            ).format(format=label, file=target, reason=reason)
        )
        return None
    log.info("exported %d records as %s to %s", len(records), label, target)
    if on_exported is not None:
        on_exported(target)
    return target


def exported_text(count: int, fmt: ExportFormat, target: Path) -> str:
    """What the status bar says after an export: how many records went where."""
    translate = QCoreApplication.translate
    text = (
        translate("CitationActions", "Exported 1 record as {format} to {file}")
        if count == 1
        else translate("CitationActions", "Exported {count} records as {format} to {file}")
    )
    return text.format(count=count, format=FORMAT_LABELS[fmt], file=target.name)


def build_format_menu(
    parent: QWidget, title: str, on_format: Callable[[ExportFormat], None], name: str
) -> QMenu:
    """A menu with "BibTeX…", "RIS…" and "CSL-JSON…" calling `on_format` with the one chosen
    (for exports whose records are found in the background first)."""
    menu = QMenu(title, parent)
    menu.setObjectName(name)
    for fmt, label in FORMAT_LABELS.items():
        action = menu.addAction(f"{label}…")
        action.setObjectName(f"export_{fmt.value.replace('-', '_')}")
        action.triggered.connect(lambda _=False, f=fmt: on_format(f))
    return menu


def build_export_menu(
    parent: QWidget,
    records_provider: Callable[[], Sequence[Record]],
    on_error: Callable[[str], None],
    *,
    title: str | None = None,
    on_exported: Callable[[Path], None] | None = None,
    on_said: Callable[[str], None] | None = None,
) -> QMenu:
    """A menu with "BibTeX…", "RIS…" and "CSL-JSON…", exporting what `records_provider` gives.

    `title` defaults to "Export Citations" in the interface language. `on_said` gets the
    sentence saying how many records were exported where.
    """

    def run(fmt: ExportFormat) -> None:
        records = [r for r in records_provider() if isinstance(r, Record)]

        def done(target: Path) -> None:
            if on_exported is not None:
                on_exported(target)
            if on_said is not None:
                on_said(exported_text(len(records), fmt, target))

        export_records(parent, records, fmt, on_error, on_exported=done)

    if title is None:
        title = QCoreApplication.translate("CitationActions", "&Export Citations")
    menu = QMenu(title, parent)
    menu.setObjectName("export_menu")
    for fmt, label in FORMAT_LABELS.items():
        action = menu.addAction(f"{label}…")
        action.setObjectName(f"export_{fmt.value.replace('-', '_')}")
        action.triggered.connect(lambda _=False, f=fmt: run(f))
    return menu
