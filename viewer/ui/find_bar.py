"""Find in this document: every hit highlighted in the transcript and on the scan, "3 of 17",
next and previous through both."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QTextEdit,
    QToolButton,
    QWidget,
)

from viewer.domain import quotation, search_query
from viewer.services import i18n, jobs
from viewer.ui import highlight

if TYPE_CHECKING:
    from viewer.ui.scan_hits import ScanHit
    from viewer.ui.scan_view import ScanPane

log = logging.getLogger(__name__)

THREAD_THRESHOLD = 200_000
"""Texts longer than this (characters) are searched off the GUI thread."""
Spans = list[tuple[int, int]]


class _FindEdit(QLineEdit):
    """The find box: Enter/F3 go forward, Shift+Enter/Shift+F3 back, Esc closes."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
            (self.previous_requested if backwards else self.next_requested).emit()
            event.accept()
        elif key == Qt.Key.Key_Escape:
            self.close_requested.emit()
            event.accept()
        else:
            super().keyPressEvent(event)


class _Bridge(QObject):
    """Carries results from the worker thread back to the GUI thread (a queued signal)."""

    found = Signal(int, str, object)
    """(generation, text searched, spans)"""


class FindBar(QWidget):
    """Ctrl+F: finds the query in an attached text view by the archive search's own rules.

    Matching is `search_query.find_in_text`, so case, diacritics ("ёлка" = "елка"), phrases and
    prefixes behave as in the archive search. When the attached view's text changes (another
    record, another language) an open query is run again and the first hit shown.

    Several words without quotes or operators are one phrase ("Kim Il Sung" finds the name, not
    every "Kim"), as readers expect of a find box.

    With a scan attached (`attach_scan`), its text layer is searched too: the hits are one
    sequence, the transcript's first, then the scan's in page order. When the scan's text layer
    holds the transcript's own words (the transcript is its transcription), a hit is counted
    once, in the transcript; the scan's copies are marked on the scan but are not hits of their
    own. The scan's pages are
    searched as their words arrive from the render worker, so its count can grow for a while:
    the label says "3 of 17+" until every page has been searched.
    """

    query_changed = Signal(str)
    """The query now highlighted ("" when the bar closed)."""
    current_changed = Signal(int, int)
    """(current hit, 1-based, or 0 when none or not known yet; hits found so far, transcript and
    scan): after every search and every step, and as scan pages are searched."""
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Find in this document"))
        self._browser: QTextEdit | None = None
        self._scan: ScanPane | None = None
        self._in_scan = False
        """The current hit is the scan's current hit (`_current` is then -1)."""
        self._scan_step: tuple[bool, bool] | None = None
        """A step into or through the scan on its way: (forward, fall back to the transcript)."""
        self._spans: Spans = []
        self._plain = ""
        """The attached text as last searched."""
        self._repeats: tuple[Sequence[str], str, bool] | None = None
        """Whether the scan's text layer repeats the attached text: (layer, text, answer)."""
        self._repeats_asked: tuple[Sequence[str], str] | None = None
        """The text layer and text being compared on a background thread, or last compared."""
        self._cursors: list[QTextCursor] = []
        self._current = -1
        self._active = False
        self._generation = 0
        self._pending = False
        self._announced = ""
        self._keep_from = 0
        self._executor: ThreadPoolExecutor | None = None
        self._bridge = _Bridge(self)
        self._bridge.found.connect(self._on_bridge_found)
        self._rerun = QTimer(self)
        self._rerun.setSingleShot(True)
        self._rerun.setInterval(0)
        self._rerun.timeout.connect(self._on_rerun_timeout)

        self._edit = _FindEdit()
        self._edit.setAccessibleName(self.tr("Find in this document"))
        self._edit.setPlaceholderText(
            self.tr("Find in this document: a word or phrase, prefix*, this OR that")
        )
        self._edit.setClearButtonEnabled(True)
        self._edit.textEdited.connect(self._on_edit_text_edited)
        self._edit.next_requested.connect(self.find_next)
        self._edit.previous_requested.connect(self.find_previous)
        self._edit.close_requested.connect(self.close_bar)
        self._count = QLabel()
        self._count.setAccessibleName(self.tr("Hit count"))
        self._count.setMinimumWidth(80)
        self.next_action = QAction(self.tr("Next Hit"), self)
        self.next_action.setObjectName("find_next")
        self.next_action.setShortcut(QKeySequence("F3"))
        self.next_action.triggered.connect(self.find_next)
        self.previous_action = QAction(self.tr("Previous Hit"), self)
        self.previous_action.setObjectName("find_previous")
        self.previous_action.setShortcut(QKeySequence("Shift+F3"))
        self.previous_action.triggered.connect(self.find_previous)
        self.addAction(self.next_action)
        self.addAction(self.previous_action)
        style = self.style()
        self._previous_button = self._button(
            self.tr("Previous hit"),
            "Shift+F3",
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
        )
        self._previous_button.clicked.connect(self.find_previous)
        self._next_button = self._button(
            self.tr("Next hit"), "F3", style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        )
        self._next_button.clicked.connect(self.find_next)
        self._close_button = self._button(
            self.tr("Close find bar"),
            "Esc",
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton),
        )
        self._close_button.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._count)
        layout.addWidget(self._previous_button)
        layout.addWidget(self._next_button)
        layout.addWidget(self._close_button)
        self.hide()

    def _button(self, name: str, keys: str, icon: QIcon) -> QToolButton:
        button = QToolButton()
        button.setAccessibleName(name)
        button.setToolTip(f"{name} ({keys})")
        button.setIcon(icon)
        button.setAutoRaise(True)
        return button

    # -- public ---------------------------------------------------------------------------------

    def attach(self, browser: QTextEdit) -> None:
        """Search in `browser` from now on (the transcript's text view)."""
        if browser is self._browser:
            return
        if self._browser is not None:
            self._browser.textChanged.disconnect(self._on_browser_text_changed)
            self._browser.destroyed.disconnect(self._on_browser_destroyed)
            self._browser.setExtraSelections([])
        self._browser = browser
        browser.textChanged.connect(self._on_browser_text_changed)
        browser.destroyed.connect(self._on_browser_destroyed)
        self._clear_hits()
        if self._active:
            self._run(keep_place=False)

    def attach_scan(self, scan: ScanPane) -> None:
        """Count, mark and step through the hits on `scan`'s text layer too, after the
        transcript's."""
        if scan is self._scan:
            return
        if self._scan is not None:
            self._scan.scan_hits_changed.disconnect(self._on_scan_hits_changed)
            self._scan.scan_hit_stepped.disconnect(self._on_scan_hit_stepped)
            self._scan.destroyed.disconnect(self._on_scan_destroyed)
        self._scan = scan
        self._in_scan = False
        self._scan_step = None
        scan.scan_hits_changed.connect(self._on_scan_hits_changed)
        scan.scan_hit_stepped.connect(self._on_scan_hit_stepped)
        scan.destroyed.connect(self._on_scan_destroyed)
        if self._active:
            self._run(keep_place=False)

    def open_with(self, text: str | None = None) -> None:
        """Show the bar with `text` (or the last query when None), focus it and find."""
        self.show()
        self._active = True
        if text is not None and text != self._edit.text():
            self._edit.setText(text)
            self._current = -1
            self._in_scan = False
        self._edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._edit.selectAll()
        self._run(keep_place=self._current >= 0 or self._in_scan)

    def highlight_query(self, browser: QTextEdit, text: str) -> None:
        """Highlight every hit of `text` in `browser` and go to the first ("1 of N").

        Call it when a search hit is opened; when the record's text arrives later, it is
        searched as soon as it is shown.
        """
        self.attach(browser)
        self._edit.setText(text)
        self._current = -1
        self._in_scan = False
        self.show()
        self._active = True
        self._run(keep_place=False)

    def close_bar(self) -> None:
        """Hide the bar and remove the highlights."""
        self._active = False
        self._generation += 1
        self._pending = False
        self._in_scan = False
        self._scan_step = None
        self._clear_hits()
        self.hide()
        self._announce("")
        if self._browser is not None:
            self._browser.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def find_next(self) -> None:
        """Go to the next hit, after the last one back to the first."""
        self._step(1)

    def find_previous(self) -> None:
        """Go to the previous hit, before the first one round to the last."""
        self._step(-1)

    def query(self) -> str:
        """The text in the find box."""
        return self._edit.text()

    def is_active(self) -> bool:
        """True while the bar is open with its hits highlighted."""
        return self._active

    def count_text(self) -> str:
        """What the count label says: "3 of 17", "3 of 17+" (the scan is still being searched),
        "No matches" or ""."""
        return self._count.text()

    def hits(self) -> Spans:
        """The hits in the attached text, as offsets into its plain text."""
        return list(self._spans)

    def current_index(self) -> int:
        """The current hit in the attached text (0-based), -1 when there is none there."""
        return self._current

    def current_scan_hit(self) -> ScanHit | None:
        """The current hit when it is on the scan, else None."""
        if self._in_scan and self._scan is not None:
            return self._scan.current_scan_hit()
        return None

    def is_searching(self) -> bool:
        """True while a long text is searched on the worker thread."""
        return self._pending

    def line_edit(self) -> QLineEdit:
        """The find box."""
        return self._edit

    def shut_down(self) -> None:
        """Stop the worker thread (it ends after the search it is running)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    # -- searching ------------------------------------------------------------------------------

    def _on_edit_text_edited(self, _text: str) -> None:
        self._active = True
        self._run(keep_place=True)

    def _on_browser_text_changed(self) -> None:
        if self._active:
            self._rerun.start()  # setHtml changes the text more than once: search once after
        elif self._cursors:
            self._clear_hits()

    def _on_rerun_timeout(self) -> None:
        if self._active:
            self._current = -1
            self._run(keep_place=False)

    def _on_browser_destroyed(self) -> None:
        self._browser = None
        self._cursors = []
        self._spans = []

    def _on_scan_destroyed(self) -> None:
        self._scan = None
        self._in_scan = False
        self._scan_step = None

    def _on_scan_hits_changed(self, _pages: int, _hits: int) -> None:
        if self._in_scan and (self._scan is None or self._scan.current_scan_hit() is None):
            self._in_scan = False  # another document or query: that hit is gone
        if self._active:
            self._update_count()

    def _on_scan_hit_stepped(self, hit: ScanHit | None) -> None:
        step, self._scan_step = self._scan_step, None
        if step is None or not self._active:
            return  # not asked for by this bar, or replaced since
        forward, fall_back = step
        if hit is not None:
            self._current = -1
            self._in_scan = True
            self._paint()
        elif fall_back and self._spans:  # past the scan's last hit: round to the transcript
            self._in_scan = False
            self._current = 0 if forward else len(self._spans) - 1
            self._paint()
        elif fall_back and self._in_scan:  # no transcript hits: round the scan
            self._step_scan(None, forward, fall_back=False)
        self._update_count()

    def _run(self, keep_place: bool) -> None:
        """Search the attached text for the box's query, inline or on the worker thread."""
        self._generation += 1
        generation = self._generation
        query = self._edit.text()
        self._scan_step = None
        self._announce(query)
        if self._in_scan and not (keep_place and self.current_scan_hit() is not None):
            self._in_scan = False
        if self._browser is None or not query.strip():
            self._pending = False
            self._clear_hits()
            self._update_count()
            return
        text = self._browser.toPlainText()
        self._plain = text
        query = as_phrase(query)
        self._keep_from = self._spans[self._current][0] if keep_place and self._current >= 0 else 0
        if len(text) <= THREAD_THRESHOLD:
            self._pending = False
            self._show(text, search_query.find_in_text(text, query))
            return
        self._pending = True
        self._count.setText(self.tr("Searching…"))
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="find-in-text")
        self._executor.submit(_find, self._bridge, generation, text, query)

    def _on_bridge_found(self, generation: int, text: str, spans: object) -> None:
        if generation != self._generation or not self._active:
            return  # a newer query or text replaced this one
        self._pending = False
        assert isinstance(spans, list)
        self._show(text, spans)

    def _show(self, text: str, spans: Spans) -> None:
        if self._browser is None:
            return
        self._spans = spans
        self._cursors = highlight.hit_cursors(self._browser.document(), spans, text)
        self._current = -1
        if spans and not self._in_scan:
            self._current = next(
                (number for number, (start, _) in enumerate(spans) if start >= self._keep_from), 0
            )
        self._paint()
        self._update_count()
        if not spans and not self._in_scan and self._scan_may_have_hits():
            self._step_scan(None, forward=True, fall_back=False)  # the first hit is on the scan

    def _step(self, delta: int) -> None:
        if not self._active:
            if self._edit.text():
                self.open_with()
            return
        if self._pending:
            return
        forward = delta > 0
        count = len(self._spans)
        if self._in_scan and self._scan is not None:
            self._step_scan(self._scan.current_scan_hit(), forward, fall_back=True)
            return
        target = self._current + delta
        if 0 <= target < count:
            self._go_to_transcript_hit(target)
        elif self._scan_may_have_hits():
            self._step_scan(None, forward, fall_back=True)  # on into the scan's hits
        elif count:
            self._go_to_transcript_hit(target % count)

    def _go_to_transcript_hit(self, index: int) -> None:
        self._scan_step = None
        self._in_scan = False
        self._current = index
        self._paint()
        self._update_count()

    def _step_scan(self, start: ScanHit | None, forward: bool, fall_back: bool) -> None:
        """Ask the scan for its next hit; `_on_scan_hit_stepped` takes the answer."""
        assert self._scan is not None
        self._scan_step = (forward, fall_back)
        self._scan.step_scan_hit(start, forward)

    def _scan_may_have_hits(self) -> bool:
        scan = self._scan
        return (
            scan is not None
            and self._scan_counted()
            and (scan.scan_hit_count() > 0 or not scan.scan_hits_complete())
        )

    def _scan_repeats_transcript(self) -> bool | None:
        """Whether the scan's text layer is the transcript's own words; None until it is read
        and compared (on a background thread: a long scan takes a while)."""
        layer = self._scan.page_texts() if self._scan is not None else None
        if layer is None:
            return None
        cached = self._repeats
        if cached is not None and cached[0] is layer and cached[1] is self._plain:
            return cached[2]
        asked = self._repeats_asked
        if asked is None or asked[0] is not layer or asked[1] is not self._plain:
            plain = self._plain
            self._repeats_asked = (layer, plain)
            jobs.run_in_background(
                lambda: quotation.text_layer_repeats(plain, layer),
                lambda answer: self._on_repeats_compared(layer, plain, answer),
                self,
            )
        return None

    def _on_repeats_compared(self, layer: Sequence[str], plain: str, answer: bool) -> None:
        if self._repeats_asked is None or self._repeats_asked[0] is not layer:
            return  # another scan or text since
        if self._repeats_asked[1] is not plain:
            return
        self._repeats = (layer, plain, answer)
        if self._active:
            self._update_count()

    def _scan_counted(self) -> bool:
        """Whether the scan's hits are hits of their own (not copies of the transcript's)."""
        return not self._spans or self._scan_repeats_transcript() is False

    def _paint(self) -> None:
        if self._scan is not None and not self._in_scan:
            self._scan.clear_current_scan_hit()
        if self._browser is None:
            return
        self._browser.setExtraSelections(highlight.hit_selections(self._cursors, self._current))
        if self._current >= 0:
            self._scroll_to(self._cursors[self._current])

    def _scroll_to(self, hit: QTextCursor) -> None:
        """Bring the hit into view, centred, unless it is already wholly visible."""
        assert self._browser is not None
        start = QTextCursor(hit)
        start.setPosition(hit.selectionStart())
        rect = self._browser.cursorRect(start)
        viewport = self._browser.viewport().rect()
        if viewport.contains(rect):
            return
        bar = self._browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - viewport.height() // 2)

    def _clear_hits(self) -> None:
        self._spans = []
        self._cursors = []
        self._current = -1
        if self._browser is not None:
            self._browser.setExtraSelections([])
        self._update_count()

    def _update_count(self) -> None:
        scan = self._scan
        counted = scan is not None and self._scan_counted()
        total = len(self._spans) + (scan.scan_hit_count() if scan is not None and counted else 0)
        if scan is None:
            complete = True
        elif counted:
            complete = scan.scan_hits_complete()
        else:  # the transcript's hits alone, once it is known the scan only repeats them
            complete = self._scan_repeats_transcript() is not None
        position = self._position()
        tip = ""
        if not self._edit.text().strip() or not self._active:
            text = ""
        elif self._pending:
            text = self.tr("Searching…")
        elif not total:
            text = self.tr("No matches") if complete else self.tr("Searching…")
        else:
            current = i18n.number(position) if position else "…"
            if complete:
                text = self.tr("{current} of {count}")
            else:
                text = self.tr("{current} of {count}+", "the scan is still being searched")
                tip = self.tr("The scan is still being searched: more hits may follow.")
            text = text.format(current=current, count=i18n.number(total))
        self._count.setText(text)
        self._count.setToolTip(tip)
        found = total > 0 and not self._pending
        self._next_button.setEnabled(found)
        self._previous_button.setEnabled(found)
        self.current_changed.emit(position, total)

    def _position(self) -> int:
        """The current hit's number in the whole sequence (1-based); 0 when none or not known."""
        if self._current >= 0:
            return self._current + 1
        hit = self.current_scan_hit()
        if hit is None or self._scan is None:
            return 0
        before = self._scan.scan_hits_before(hit)
        return 0 if before is None else len(self._spans) + before + 1

    def _announce(self, query: str) -> None:
        if query != self._announced:
            self._announced = query
            self.query_changed.emit(query)
        if self._scan is not None:
            self._scan.highlight_query(as_phrase(query))
            self._scan.set_search_every_page(bool(query.strip()))


def as_phrase(query: str) -> str:
    """Several bare words as one quoted phrase; a query with quotes, operators, prefix* or
    -exclusions as it is."""
    words = query.split()
    if len(words) < 2 or any(char in query for char in '"*()'):
        return query
    if any(word in ("AND", "OR", "NOT") or word.startswith("-") for word in words):
        return query
    return '"' + " ".join(words) + '"'


def _find(bridge: _Bridge, generation: int, text: str, query: str) -> None:
    """Run on the worker thread: the thread keeps the last text, so refining a query is cheap."""
    try:
        spans: Sequence[tuple[int, int]] = search_query.find_in_text(text, query)
    except Exception:  # a failure must not vanish in the pool: log it, report no hits
        log.exception("Find in text failed")
        spans = []
    with contextlib.suppress(RuntimeError):  # the bar was deleted while the search ran
        bridge.found.emit(generation, text, list(spans))
