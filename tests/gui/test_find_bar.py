"""Find in this document: hits highlighted in the text view, "1 of 3", F3 and Shift+F3, wrapping."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTextBrowser, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from viewer.domain import quotation
from viewer.domain.search_query import find_in_text
from viewer.ui import find_bar, highlight
from viewer.ui.find_bar import FindBar
from viewer.ui.scan_view import ScanPane

TEXT = (
    "The telegram arrived at noon.\n"
    "A second Telegram followed in the evening.\n"
    "The third telegram was never answered."
)


def make(qtbot: QtBot, text: str = TEXT) -> tuple[FindBar, QTextBrowser, QWidget]:
    """A find bar above a text view, as the transcript pane holds them."""
    host = QWidget()
    browser = QTextBrowser()
    browser.setPlainText(text)
    bar = FindBar()
    layout = QVBoxLayout(host)
    layout.addWidget(bar)
    layout.addWidget(browser)
    qtbot.addWidget(host)
    bar.attach(browser)
    return bar, browser, host


def selected_spans(browser: QTextBrowser) -> list[tuple[int, int]]:
    """The ranges the ExtraSelections cover, from their cursors."""
    return [
        (selection.cursor.selectionStart(), selection.cursor.selectionEnd())
        for selection in browser.extraSelections()
    ]


def current_colours(browser: QTextBrowser) -> list[str]:
    return [selection.format.background().color().name() for selection in browser.extraSelections()]


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for each character (QTest's keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_open_with_counts_hits_and_shows_the_first(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot)
    bar.open_with("telegram")
    assert bar.count_text() == "1 of 3"
    assert not bar.isHidden()
    starts = [TEXT.find("telegram"), TEXT.find("Telegram"), TEXT.rfind("telegram")]
    assert selected_spans(browser) == [(start, start + len("telegram")) for start in starts]


def test_highlighted_ranges_equal_the_hits(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot)
    bar.open_with('"second telegram" OR noon')
    assert bar.hits() == find_in_text(TEXT, '"second telegram" OR noon')
    assert selected_spans(browser) == bar.hits()
    assert [browser.toPlainText()[a:b] for a, b in selected_spans(browser)] == [
        "noon",
        "second Telegram",
    ]


def test_f3_and_shift_f3_step_through_hits_and_wrap_around(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot)
    bar.open_with("telegram")
    edit = bar.line_edit()
    strong = highlight.CURRENT_HIT_BACKGROUND.name()
    plain = highlight.HIT_BACKGROUND.name()
    assert current_colours(browser) == [strong, plain, plain]
    qtbot.keyClick(edit, Qt.Key.Key_F3)
    assert bar.count_text() == "2 of 3"
    assert current_colours(browser) == [plain, strong, plain]
    qtbot.keyClick(edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == "1 of 3"
    qtbot.keyClick(edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == "3 of 3"
    assert current_colours(browser) == [plain, plain, strong]
    qtbot.keyClick(edit, Qt.Key.Key_F3)
    assert bar.count_text() == "1 of 3"


def test_enter_and_shift_enter_step_like_f3(qtbot: QtBot) -> None:
    bar, _browser, _host = make(qtbot)
    bar.open_with("telegram")
    edit = bar.line_edit()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert bar.count_text() == "3 of 3"
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == "2 of 3"


def test_next_and_previous_buttons_and_signal(qtbot: QtBot) -> None:
    bar, _browser, _host = make(qtbot)
    seen: list[tuple[int, int]] = []
    bar.current_changed.connect(lambda current, count: seen.append((current, count)))
    bar.open_with("telegram")
    bar.next_action.trigger()
    bar.previous_action.trigger()
    bar.previous_action.trigger()
    assert seen == [(1, 3), (2, 3), (1, 3), (3, 3)]


def test_typing_finds_as_you_type_and_reports_the_query(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot)
    queries: list[str] = []
    bar.query_changed.connect(queries.append)
    bar.open_with("")
    qtbot.keyClicks(bar.line_edit(), "noo")
    assert queries == ["n", "no", "noo"]
    assert bar.count_text() == "No matches"
    assert browser.extraSelections() == []
    qtbot.keyClicks(bar.line_edit(), "n")
    assert bar.count_text() == "1 of 1"
    assert queries[-1] == "noon"


def test_escape_closes_and_removes_highlights(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot)
    queries: list[str] = []
    bar.query_changed.connect(queries.append)
    bar.open_with("telegram")
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.line_edit(), Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert browser.extraSelections() == []
    assert queries == ["telegram", ""]
    assert not bar.is_active()


def test_highlight_query_waits_for_the_text_and_goes_to_the_first_hit(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot, "")
    bar.highlight_query(browser, "telegram")
    assert bar.count_text() == "No matches"
    browser.setHtml("<p>First <b>telegram</b>.</p><p>Second telegram.</p>")
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 2")
    assert [browser.toPlainText()[a:b] for a, b in selected_spans(browser)] == ["telegram"] * 2
    assert bar.query() == "telegram"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen
def test_current_hit_is_scrolled_into_view(qtbot: QtBot) -> None:
    text = "\n".join(f"Line {n} of filler text." for n in range(400)) + "\nThe last telegram."
    bar, browser, host = make(qtbot, text)
    host.resize(500, 300)
    host.show()
    qtbot.waitExposed(browser)
    assert browser.verticalScrollBar().value() == 0
    bar.open_with("telegram")
    assert browser.verticalScrollBar().value() > 0
    selections = browser.extraSelections()
    assert browser.viewport().rect().contains(browser.cursorRect(selections[0].cursor))


def test_cyrillic_yo_is_found_by_ye(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot, "Ёлка стояла в зале. Новогодняя ёлка и елка.")
    bar.open_with("")
    type_text(bar.line_edit(), "елка")
    assert bar.count_text() == "1 of 3"
    assert [browser.toPlainText()[a:b] for a, b in selected_spans(browser)] == [
        "Ёлка",
        "ёлка",
        "елка",
    ]


def test_latin_diacritics_are_ignored_both_ways(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot, "Gāo Gǎng met Gao Gang.")
    bar.open_with("gao gang")  # two words: one phrase
    assert bar.count_text() == "1 of 2"
    bar.open_with("gao OR gang")
    assert bar.count_text() == "1 of 4"
    bar.open_with('"Gǎo Gāng"')
    assert bar.count_text() == "1 of 2"
    assert [browser.toPlainText()[a:b] for a, b in selected_spans(browser)] == [
        "Gāo Gǎng",
        "Gao Gang",
    ]


def test_characters_outside_the_bmp_do_not_shift_the_highlight(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot, "𝔄𝔅 the seal 🜲 and the telegram")
    bar.open_with("telegram")
    (selection,) = browser.extraSelections()
    assert selection.cursor.selectedText() == "telegram"


def test_long_text_is_searched_off_the_gui_thread(qtbot: QtBot) -> None:
    paragraph = "Nothing to see in this paragraph at all. " * 10 + "\n"
    text = paragraph * (find_bar.THREAD_THRESHOLD // len(paragraph) + 5) + "A telegram at the end."
    assert len(text) > find_bar.THREAD_THRESHOLD
    bar, browser, _host = make(qtbot, text)
    with qtbot.waitSignal(bar.current_changed, timeout=10_000) as changed:
        bar.open_with("telegram")
        assert bar.is_searching()
        assert bar.count_text() == "Searching…"
    assert changed.args == [1, 1]
    assert bar.count_text() == "1 of 1"
    (selection,) = browser.extraSelections()
    assert selection.cursor.selectedText() == "telegram"
    bar.shut_down()


# -- transcript and scan together ---------------------------------------------------------------

TELEGRAM = Path("records") / "1949-05-18-telegram"


NOTES = (
    "A reader's notes on the telegram, not its text. Mao Zedong is named first; then Mao Zedong "
    "again, Mao Zedong, Mao Zedong and Mao Zedong. Shenyang. Manchuria, Manchuria, Manchuria."
)
"""A text beside the telegram's scan that is not a transcription of it: the scan's hits are
hits of their own."""


def make_with_scan(
    qtbot: QtBot, pane: ScanPane, samples: Path, *, transcript: bool = False
) -> tuple[FindBar, QTextBrowser, QWidget]:
    """A find bar over notes on the telegram (or its transcript), its scan (with a text layer)
    beside it."""
    host = QWidget()
    browser = QTextBrowser()
    if transcript:
        browser.setHtml((samples / TELEGRAM / "transcript.en.html").read_text(encoding="utf-8"))
    else:
        browser.setPlainText(NOTES)
    bar = FindBar()
    layout = QVBoxLayout(host)
    layout.addWidget(bar)
    layout.addWidget(browser)
    qtbot.addWidget(host)
    host.show()
    bar.attach(browser)
    bar.attach_scan(pane)
    with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
        pane.open_pdf(samples / TELEGRAM / "scan.pdf")
    qtbot.waitUntil(lambda: pane.area.text_pages is not None and 0 in pane.area.words)
    return bar, browser, host


def press_f3(qtbot: QtBot, bar: FindBar, expected: str, *, back: bool = False) -> None:
    """F3 (Shift+F3 with `back`) in the find box, then wait for the count to say `expected`."""
    shift = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(bar.line_edit(), Qt.Key.Key_F3, shift)
    qtbot.waitUntil(lambda: bar.count_text() == expected, timeout=10_000)


def scan_place(bar: FindBar) -> tuple[int, int] | None:
    hit = bar.current_scan_hit()
    return None if hit is None else (hit.page, hit.index)


def test_count_covers_transcript_and_scan_and_says_when_the_scan_is_still_searched(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    bar, browser, _host = make_with_scan(qtbot, pane, samples)
    assert 2 not in pane.area.words  # the last page is not near the view: not searched yet
    bar.open_with('"Mao Zedong"')
    assert bar.count_text().startswith("1 of ")
    assert bar.count_text().endswith("+")  # honest: more hits may follow
    # Five in the transcript, five on the three scan pages (2 + 1 + 2).
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 10", timeout=10_000)
    assert len(bar.hits()) == 5
    assert pane.scan_hit_count() == 5
    assert pane.notice_text() == '“"Mao Zedong"”: 5 hits on the scan'
    assert len(browser.extraSelections()) == 5


def test_f3_goes_on_from_the_last_transcript_hit_into_the_scan_and_wraps_around(
    qtbot: QtBot, pane: ScanPane, samples: Path, pdf_callers: set[str]
) -> None:
    bar, browser, _host = make_with_scan(qtbot, pane, samples)
    strong = highlight.CURRENT_HIT_BACKGROUND.name()
    plain = highlight.HIT_BACKGROUND.name()
    bar.open_with('"Mao Zedong"')
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 10", timeout=10_000)
    for number in range(2, 6):
        press_f3(qtbot, bar, f"{number} of 10")
    assert current_colours(browser) == [plain] * 4 + [strong]
    assert scan_place(bar) is None

    press_f3(qtbot, bar, "6 of 10")  # the last transcript hit, then the scan's first
    assert scan_place(bar) == (0, 0)
    assert pane.current_scan_hit() == bar.current_scan_hit()
    assert pane.current_page() == 0
    assert current_colours(browser) == [plain] * 5  # the current hit is on the scan now
    press_f3(qtbot, bar, "7 of 10")
    assert scan_place(bar) == (0, 1)
    press_f3(qtbot, bar, "8 of 10")
    assert scan_place(bar) == (1, 0)
    assert pane.current_page() == 1  # scrolled to the hit
    hit = pane.current_scan_hit()
    assert hit is not None
    for rect in pane.area.hit_rects(hit):
        assert QRectF(pane.area.viewport().rect()).contains(rect)
    press_f3(qtbot, bar, "9 of 10")
    press_f3(qtbot, bar, "10 of 10")
    assert scan_place(bar) == (2, 1)
    assert pane.current_page() == 2

    press_f3(qtbot, bar, "1 of 10")  # after the scan's last hit: round to the transcript's first
    assert scan_place(bar) is None
    assert pane.current_scan_hit() is None
    assert current_colours(browser) == [strong] + [plain] * 4
    press_f3(qtbot, bar, "10 of 10", back=True)  # and back round to the scan's last
    assert scan_place(bar) == (2, 1)
    press_f3(qtbot, bar, "9 of 10", back=True)
    assert scan_place(bar) == (2, 0)
    bar.previous_action.trigger()  # the button and menu action walk the same way
    qtbot.waitUntil(lambda: bar.count_text() == "8 of 10", timeout=10_000)
    bar.previous_action.trigger()
    bar.previous_action.trigger()
    qtbot.waitUntil(lambda: bar.count_text() == "6 of 10", timeout=10_000)
    bar.previous_action.trigger()
    qtbot.waitUntil(lambda: bar.count_text() == "5 of 10", timeout=10_000)
    assert scan_place(bar) is None
    assert current_colours(browser) == [plain] * 4 + [strong]
    assert pdf_callers == {pane._worker.worker_thread.name}  # PyMuPDF only on the worker


def test_a_word_found_only_on_the_scan_is_counted_and_shown_there(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    bar, browser, _host = make_with_scan(qtbot, pane, samples)
    bar.open_with("Shenyang")  # once in the notes, once on the scan's last page
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 2", timeout=10_000)
    bar.open_with("Soviet")  # on the scan's first page only
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 1", timeout=10_000)
    assert bar.hits() == []
    assert scan_place(bar) == (0, 0)
    assert browser.extraSelections() == []
    press_f3(qtbot, bar, "1 of 1")  # the only hit: stays there
    assert scan_place(bar) == (0, 0)
    bar.open_with("zzyzx")
    qtbot.waitUntil(lambda: bar.count_text() == "No matches", timeout=10_000)
    assert pane.current_scan_hit() is None


def test_closing_the_bar_clears_the_scan_marks_too(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    bar, _browser, _host = make_with_scan(qtbot, pane, samples)
    bar.open_with("Manchuria")
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 6", timeout=10_000)
    assert pane.scan_hit_count() == 3
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.line_edit(), Qt.Key.Key_Escape)
    assert pane.scan_hit_count() == 0
    assert pane.notice_text() == ""
    assert bar.count_text() == ""


def test_a_word_in_the_transcript_and_on_the_scan_it_transcribes_is_counted_once(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    bar, browser, _host = make_with_scan(qtbot, pane, samples, transcript=True)
    bar.open_with("Manchuria")  # three times in the telegram: the same three on its scan
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 3", timeout=10_000)
    assert len(browser.extraSelections()) == 3
    qtbot.waitUntil(lambda: pane.scan_hit_count() == 3, timeout=10_000)  # still marked there
    assert bar.count_text() == "1 of 3"
    press_f3(qtbot, bar, "2 of 3")
    press_f3(qtbot, bar, "3 of 3")
    press_f3(qtbot, bar, "1 of 3")  # round the transcript, not on into the scan's copies
    assert scan_place(bar) is None
    bar.open_with("Soviet")  # only in the scan's heading, not in the transcript
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 1", timeout=10_000)
    assert scan_place(bar) == (0, 0)


def test_the_scan_and_transcript_are_compared_off_the_window_thread(
    qtbot: QtBot, pane: ScanPane, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = quotation.text_layer_repeats

    def spy(text: str, page_texts: Sequence[str]) -> bool:
        threads.append(threading.current_thread().name)
        return real(text, page_texts)

    monkeypatch.setattr(quotation, "text_layer_repeats", spy)
    bar, _browser, _host = make_with_scan(qtbot, pane, samples, transcript=True)
    bar.open_with("Manchuria")
    qtbot.waitUntil(lambda: pane.scan_hit_count() == 3, timeout=10_000)
    qtbot.waitUntil(lambda: bar.count_text() == "1 of 3", timeout=10_000)
    assert threads and threading.main_thread().name not in threads


def test_several_words_are_found_as_a_phrase(qtbot: QtBot) -> None:
    bar, browser, _host = make(qtbot, "Kim Il met Kim Il Sung; Il Sung and Kim spoke.")
    bar.open_with("Kim Il Sung")
    assert bar.count_text() == "1 of 1"
    assert [browser.toPlainText()[a:b] for a, b in selected_spans(browser)] == ["Kim Il Sung"]
    bar.open_with("Kim AND Sung")  # operators keep their meaning: 3 "Kim" and 2 "Sung"
    assert bar.count_text() == "1 of 5"
