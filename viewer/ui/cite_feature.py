"""The Cite panel, copy with citation and citation export, added once the first page is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QTextBrowser, QWidget

from viewer.domain import quotation
from viewer.domain.model import Record
from viewer.ui import citation_actions
from viewer.ui.cite_panel import CitePanel


class CiteFeature(QObject):
    """Every citation style at once, the style choice, copying a passage with its citation."""

    def __init__(
        self,
        *,
        window: QWidget,
        dock: QDockWidget,
        browser: QTextBrowser,
        edit_menu: QMenu,
        file_menu: QMenu,
        before: QAction,
        choice_key: str,
        current_record: Callable[[], object],
        page_texts: citation_actions.PageTextsProvider,
        on_error: Callable[[str], None],
        on_copied: Callable[[str], None],
        selected_records: Callable[[], list[object]] | None = None,
        on_exported: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(dock)
        self._current_record = current_record
        self._selected_records = selected_records
        self.panel = CitePanel()
        self.panel.set_choice(quotation.parse_choice(choice_key))
        dock.setWidget(self.panel)
        self.copy_with_citation_action = citation_actions.install_copy_with_citation(
            browser,
            self._citation_pair,
            page_texts,
            on_copied=lambda _text: on_copied(self.tr("Passage copied with its citation")),
        )
        edit_menu.addAction(self.copy_with_citation_action)
        self.export_menu = citation_actions.build_export_menu(
            window, self._records_to_export, on_error, on_said=on_exported
        )
        file_menu.insertMenu(before, self.export_menu)
        self.panel.citation_copied.connect(
            lambda _text: on_copied(self.tr("Citation copied to the clipboard"))
        )

    def _record(self) -> Record | None:
        record = self._current_record()
        return record if isinstance(record, Record) else None

    def _citation_pair(self) -> tuple[str, str] | None:
        record = self._record()
        if record is None:
            return None
        choice = self.panel.choice()
        return choice.cite(record), choice.cite(record, "html")

    def _records_to_export(self) -> list[Record]:
        """The records selected in the record list when there are several, else the one shown."""
        if self._selected_records is not None:
            chosen = [r for r in self._selected_records() if isinstance(r, Record)]
            if len(chosen) > 1:
                return chosen
        record = self._record()
        return [record] if record is not None else []
