"""The search panel's result list: each hit's rich text (title, date, snippet, the reader's
note found), its model, and the delegate that paints it."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from viewer.domain import search
from viewer.services import dates, i18n
from viewer.ui import highlight

Index = QModelIndex | QPersistentModelIndex
ROW_MARGIN = 6
NOTE_MARK = "✎"
"""Stands before the reader's own note in a hit."""


def total_text(total: int, shown: int) -> str:
    """ "17 records", "1 record", "No records match", or with how many are listed so far."""
    translate = QCoreApplication.translate
    if total == 0:
        return translate("SearchPanel", "No records match")
    if shown < total:
        text = translate("SearchPanel", "{total} records; {shown} listed, more as you scroll")
    else:
        text = (
            translate("SearchPanel", "{total} record")
            if total == 1
            else translate("SearchPanel", "{total} records")
        )
    return text.format(total=i18n.number(total), shown=i18n.number(shown))


def _undated() -> str:
    return QCoreApplication.translate("SearchPanel", "Undated")


def machine_read_text() -> str:
    """What a hit found only in machine-read text says of itself."""
    return QCoreApplication.translate("SearchPanel", "Found in machine-read text (OCR, unchecked)")


def note_text() -> str:
    """What stands before the reader's own note found in a hit."""
    return QCoreApplication.translate("SearchPanel", "Your note:")


def hit_html(hit: search.Hit) -> str:
    """A result row as rich text: the title and snippet with matches highlighted, the date, and
    whether it was found only in machine-read text."""
    title = hit.title_marked or hit.title
    date = dates.long(hit.date) if hit.date is not None else _undated()
    if hit.machine_read:
        date += f" · <i>{html.escape(machine_read_text())}</i>"
    parts = [f"<b>{highlight.marked_to_html(title)}</b>", f"<small>{date}</small>"]
    if hit.snippet and highlight.strip_markers(hit.snippet) != hit.title:
        parts.append(highlight.marked_to_html(hit.snippet))
    if hit.note_id is not None:
        said = html.escape(note_text())
        parts.append(f"{NOTE_MARK} <i>{said}</i> {highlight.marked_to_html(hit.note_snippet)}")
    return "<br>".join(parts)


def hit_plain(hit: search.Hit) -> str:
    """A result row as plain text (for screen readers and tooltips)."""
    date = dates.long(hit.date) if hit.date is not None else _undated()
    parts = [hit.title, date]
    if hit.machine_read:
        parts.append(machine_read_text())
    if hit.snippet:
        parts.append(highlight.strip_markers(hit.snippet))
    if hit.note_id is not None:
        parts.append(f"{note_text()} {highlight.strip_markers(hit.note_snippet)}")
    return "\n".join(parts)


class ResultListModel(QAbstractListModel):
    """The hits of the latest query, best first."""

    HIT_ROLE = Qt.ItemDataRole.UserRole + 1
    HTML_ROLE = Qt.ItemDataRole.UserRole + 2
    RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 3

    more_wanted = Signal()
    """The list was scrolled to its end while more hits match than are listed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[search.Hit, ...] = ()
        self._html: list[str] = []
        self._total = 0
        self._fetching = False

    def set_hits(self, hits: tuple[search.Hit, ...], total: int | None = None) -> None:
        """Replace the hits shown; `total` matches in all (more are fetched as the list scrolls)."""
        self.beginResetModel()
        self._hits = hits
        self._html = [hit_html(hit) for hit in hits]
        self._total = len(hits) if total is None else total
        self._fetching = False
        self.endResetModel()

    def append_hits(self, hits: tuple[search.Hit, ...]) -> None:
        """Add the next hits of the same query at the end."""
        self._fetching = False
        known = {hit.record_id for hit in self._hits}
        new = tuple(hit for hit in hits if hit.record_id not in known)
        if not new:
            self._total = len(self._hits)  # the index changed under the list: stop asking
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._hits += new
        self._html += [hit_html(hit) for hit in new]
        self.endInsertRows()

    def total(self) -> int:
        """How many records match in all."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._hits) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit()

    def hits(self) -> tuple[search.Hit, ...]:
        """The hits shown."""
        return self._hits

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_plain(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title} ({hit.record_id})"
        if role == self.HTML_ROLE:
            return self._html[index.row()]
        if role == self.HIT_ROLE:
            return hit
        if role == self.RECORD_ID_ROLE:
            return hit.record_id
        return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints a row's HTML (ResultListModel.HTML_ROLE), wrapped to the view's width."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._sizes: dict[tuple[str, int], QSize] = {}

    def _document(self, html: str, width: int, option: QStyleOptionViewItem) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(html)
        document.setTextWidth(max(width, 40))
        return document

    def _width(self) -> int:
        return self._view.viewport().width() - 2 * ROW_MARGIN

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        html = str(index.data(ResultListModel.HTML_ROLE) or "")
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        rect = item.rect
        document = self._document(html, rect.width() - 2 * ROW_MARGIN, item)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = item.palette
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
        painter.save()
        painter.translate(rect.topLeft() + QPoint(ROW_MARGIN, ROW_MARGIN))
        painter.setClipRect(0, 0, rect.width() - 2 * ROW_MARGIN, rect.height() - ROW_MARGIN)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        html = str(index.data(ResultListModel.HTML_ROLE) or "")
        width = self._width()
        key = (html, width)
        size = self._sizes.get(key)
        if size is None:
            document = self._document(html, width, option)
            size = QSize(width, int(document.size().height()) + 2 * ROW_MARGIN)
            if len(self._sizes) > 2000:
                self._sizes.clear()
            self._sizes[key] = size
        return size
