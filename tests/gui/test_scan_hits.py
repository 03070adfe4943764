"""Search hits marked on the scan pages: yellow marks, counts, next and previous, notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from viewer.domain.folding import fold
from viewer.services import render
from viewer.ui.scan_hits import ScanHit
from viewer.ui.scan_view import NO_TEXT_LAYER, NO_TEXT_LAYER_FOR_HITS, ScanPane

TELEGRAM = Path("records") / "1949-05-18-telegram" / "scan.pdf"


@pytest.fixture
def requested(worker: render.PdfWorker, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages whose words the view asks the worker for, in order."""
    pages: list[int] = []
    real = worker.request_words

    def spy(path: Path | str, page: int) -> None:
        pages.append(page)
        real(path, page)

    monkeypatch.setattr(worker, "request_words", spy)
    return pages


def _open(qtbot: QtBot, pane: ScanPane, path: Path) -> None:
    with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
        pane.open_pdf(path)
    qtbot.waitUntil(lambda: pane.area.text_pages is not None, timeout=10_000)


def _open_telegram(qtbot: QtBot, pane: ScanPane, samples: Path) -> None:
    _open(qtbot, pane, samples / TELEGRAM)


def _marked_words(pane: ScanPane, hits: tuple[ScanHit, ...]) -> list[str]:
    return [pane.area.words[hit.page][i].text for hit in hits for i in hit.words]


def _yellow_share(image: QImage, rect: QRectF) -> float:
    """The share of pixels in `rect` tinted yellow to orange (bright red, little blue)."""
    box = rect.toAlignedRect().intersected(image.rect())
    total = yellow = 0
    for y in range(box.top(), box.bottom() + 1):
        for x in range(box.left(), box.right() + 1):
            color = QColor(image.pixel(x, y))
            total += 1
            if color.red() > 200 and color.green() > 100 and color.blue() < 90:
                yellow += 1
    return yellow / max(total, 1)


def _rendered_image(qtbot: QtBot, pane: ScanPane, page: int) -> QImage:
    qtbot.waitUntil(lambda: pane.area.render_key(page) in pane._worker.cache, timeout=10_000)
    return pane.area.viewport().grab().toImage()


def test_hits_are_marked_yellow_on_the_first_page_of_the_telegram(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query("Mao Zedong")
    qtbot.waitUntil(lambda: 0 in pane.area.hits, timeout=10_000)
    first_page = pane.area.hits[0]
    assert _marked_words(pane, first_page) == ["Mao", "Zedong", "Mao", "Zedong"]
    assert {hit.page for hit in first_page} == {0}
    assert pane.scan_hit_count() >= 4

    image = _rendered_image(qtbot, pane, 0)
    mark = pane.area.hit_rects(first_page[0])[0]
    assert pane.area.page_rect(0).contains(mark)
    assert _yellow_share(image, mark) > 0.4
    after = pane.area.hit_rects(first_page[1])[0]  # "Zedong", then "asked me to inform you"
    beside = after.translated(after.width() + 20, 0)
    assert pane.area.page_rect(0).contains(beside)
    assert _yellow_share(image, beside) == 0.0


def test_marks_turn_and_scale_with_the_page(qtbot: QtBot, pane: ScanPane, samples: Path) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query("Zedong")
    qtbot.waitUntil(lambda: bool(pane.area.hits.get(0)), timeout=10_000)
    hit = pane.area.hits[0][0]
    upright, zoom = pane.area.hit_rects(hit)[0], pane.area.zoom
    pane.rotate_document(90)
    pane.zoom_in()
    pane.go_to_page(0)
    turned = pane.area.hit_rects(hit)[0]
    assert turned.height() > turned.width()  # the word now runs down the page
    padding = 3  # the mark frames the word by 1.5 pixels on each side
    scale = pane.area.zoom / zoom
    assert turned.height() - padding == pytest.approx((upright.width() - padding) * scale, abs=1)
    assert _yellow_share(_rendered_image(qtbot, pane, 0), turned) > 0.4


def test_counts_and_notice_cover_every_page_once_its_words_are_known(
    qtbot: QtBot, pane: ScanPane, samples: Path, requested: list[int]
) -> None:
    with qtbot.waitSignal(pane.scan_hits_changed, timeout=10_000) as changed:
        pane.highlight_query("Gao Gang")
    assert changed.args == [0, 0]
    _open_telegram(qtbot, pane, samples)  # the query is kept for the document opened next
    qtbot.waitUntil(pane.area.hits_complete, timeout=10_000)
    assert pane.scan_hit_count() == 2
    assert pane.notice_text() == "“Gao Gang”: 2 hits on the scan"
    asked = len(requested)
    pane.highlight_query('"Mao Zedong"')
    assert pane.scan_hit_count() == 2  # the visible page at once, the others right after
    qtbot.waitUntil(lambda: pane.notice_text() == '“"Mao Zedong"”: 5 hits on the scan')
    assert pane.scan_hit_count() == 5
    assert len(requested) == asked  # the words already known were matched again, not asked for


def test_next_and_previous_hit_scroll_through_the_hits_in_reading_order(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query('"Mao Zedong"')
    shown: list[int] = []
    for _ in range(3):
        with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
            pane.next_scan_hit()
        shown.append(moved.args[0])
    assert shown == [0, 0, 1]
    hit = pane.current_scan_hit()
    assert hit is not None
    assert (hit.page, hit.index) == (1, 0)
    assert pane.current_page() == 1
    for rect in pane.area.hit_rects(hit):
        assert QRectF(pane.area.viewport().rect()).contains(rect)
    assert _yellow_share(_rendered_image(qtbot, pane, 1), pane.area.hit_rects(hit)[0]) > 0.3

    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
        pane.previous_scan_hit()
    assert moved.args == [0]
    assert pane.current_page() == 0
    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
        pane.previous_scan_hit()
    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
        pane.previous_scan_hit()  # before the first hit: round to the last one
    assert moved.args == [2]
    last = pane.current_scan_hit()
    assert last is not None
    assert (last.page, last.index) == (2, 1)

    pane.go_to_page(1)  # scrolled away from the last hit: the next one follows the view
    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
        pane.next_scan_hit()
    assert moved.args == [1]


def test_a_phrase_matches_across_a_line_break(qtbot: QtBot, pane: ScanPane, samples: Path) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query('"koreans in manchuria"')
    qtbot.waitUntil(pane.area.hits_complete, timeout=10_000)
    assert pane.scan_hit_count() == 1
    (hit,) = pane.area.hits[1]
    assert _marked_words(pane, (hit,)) == ["Koreans", "in", "Manchuria,"]
    first, second = pane.area.hit_rects(hit)  # one mark on each line
    assert second.top() > first.center().y()
    assert second.left() < first.left()


def test_excluded_terms_are_not_marked(qtbot: QtBot, pane: ScanPane, samples: Path) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query("Zedong NOT Korea")
    qtbot.waitUntil(pane.area.hits_complete, timeout=10_000)
    marked = {
        fold(text).lower() for hits in pane.area.hits.values() for text in _marked_words(pane, hits)
    }
    assert marked == {"zedong", "zedong,"}
    assert any(w.text.startswith("Korea") for w in pane.area.words[0])
    pane.highlight_query("NOT Korea")
    assert pane.scan_hit_count() == 0
    assert pane.area.hits == {}


def test_clearing_the_query_removes_the_marks_and_the_notice(
    qtbot: QtBot, pane: ScanPane, samples: Path
) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query("Mao")
    qtbot.waitUntil(lambda: bool(pane.area.hits.get(0)), timeout=10_000)
    mark = pane.area.hit_rects(pane.area.hits[0][0])[0]
    assert _yellow_share(_rendered_image(qtbot, pane, 0), mark) > 0.4
    assert "on the scan" in pane.notice_text()
    with qtbot.waitSignal(pane.scan_hits_changed) as changed:
        pane.highlight_query("")
    assert changed.args == [0, 0]
    assert pane.scan_hit_count() == 0
    assert pane.notice_text() == ""
    assert _yellow_share(pane.area.viewport().grab().toImage(), mark) == 0.0


@pytest.mark.corpus
def test_scan_without_text_layer_says_hits_are_in_the_transcript_only(
    qtbot: QtBot, pane: ScanPane, corpus: Path, requested: list[int]
) -> None:
    pane.highlight_query("Oswald")
    _open(qtbot, pane, corpus / "scans" / "157-10014-10242_ocr.pdf")
    assert pane.page_count() == 690
    qtbot.waitUntil(lambda: NO_TEXT_LAYER_FOR_HITS in pane.notice_text())
    assert NO_TEXT_LAYER not in pane.notice_text()
    with qtbot.waitSignal(pane.scan_hit_shown) as moved:
        pane.next_scan_hit()
    assert moved.args == [-1]
    assert pane.scan_hit_count() == 0
    assert requested == []
    pane.highlight_query("")
    assert NO_TEXT_LAYER in pane.notice_text()
    assert NO_TEXT_LAYER_FOR_HITS not in pane.notice_text()


@pytest.mark.corpus
def test_words_are_asked_for_near_the_view_and_page_by_page_when_seeking(
    qtbot: QtBot, pane: ScanPane, corpus: Path, requested: list[int]
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10023-10087_ocr.pdf")
    pane.highlight_query("electricians")
    qtbot.waitUntil(lambda: len(pane.area.hits) >= 3, timeout=10_000)
    assert max(requested) <= 4  # the visible pages and a few ahead, not all 19
    assert pane.notice_text().endswith("“electricians”: no hits on the scan so far")
    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000) as moved:
        pane.next_scan_hit()
    assert moved.args == [12]
    assert pane.current_page() == 12
    assert sorted(set(requested))[:13] == list(range(13))
    assert not {16, 17, 18} & set(requested)
    assert len(requested) == len(set(requested))  # each page asked for once
    assert _marked_words(pane, pane.area.hits[12]) == ["electricians.", "eléctricians,"]


def test_gui_thread_never_calls_pymupdf_while_marking_hits(
    qtbot: QtBot, pane: ScanPane, samples: Path, pdf_callers: set[str]
) -> None:
    _open_telegram(qtbot, pane, samples)
    pane.highlight_query("Korea*")
    with qtbot.waitSignal(pane.scan_hit_shown, timeout=10_000):
        pane.next_scan_hit()
    qtbot.waitUntil(pane.area.hits_complete, timeout=10_000)
    assert pane.scan_hit_count() > 10
    assert pdf_callers == {pane._worker.worker_thread.name}
