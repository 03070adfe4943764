"""The scan pane, driven as a reader would: zoom, rotate, navigate, select, copy, fail."""

from __future__ import annotations

import threading
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from viewer.domain import pdf
from viewer.services import render
from viewer.ui import scan_area, scan_layout
from viewer.ui.scan_layout import ZoomMode
from viewer.ui.scan_view import NO_TEXT_LAYER, ScanPane

pytestmark = pytest.mark.corpus


def _open(qtbot: QtBot, pane: ScanPane, path: Path, password: str | None = None) -> None:
    with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
        pane.open_pdf(path, password)


def _grab(pane: ScanPane) -> QImage:
    return pane.area.viewport().grab().toImage()


def _dark_pixels(image: QImage, rect: QRectF) -> int:
    box = rect.toAlignedRect().intersected(image.rect())
    count = 0
    for y in range(box.top(), box.bottom(), 3):
        for x in range(box.left(), box.right(), 3):
            if QColor(image.pixel(x, y)).lightness() < 100:
                count += 1
    return count


def test_scan_page_is_painted_with_its_ink(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    _open(qtbot, pane, corpus / "scans" / "ocrmypdf_linn.pdf")
    rect = pane.area.page_rect(0)
    image = _grab(pane)
    assert _dark_pixels(image, rect) > 500
    gap = QPoint(2, 2)  # outside every page: the plain background
    assert QColor(image.pixel(gap)) == scan_area.BACKGROUND


def test_fit_width_fills_the_view_and_fit_page_shows_a_whole_page(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10012-10035_ocr.pdf")
    area = pane.area
    width = area.viewport().width()
    sizes = [scan_layout.Size(s.width, s.height) for s in area.info.page_sizes]
    typical = scan_layout.typical_size(sizes)  # the median page: one odd insert does not count
    assert typical.width * area.zoom == pytest.approx(width - 2 * scan_layout.MARGIN, abs=1)
    pane.set_zoom_mode(ZoomMode.FIT_PAGE)
    rect = area.page_rect(area.current_page())
    assert rect.height() <= area.viewport().height() - 2 * scan_layout.MARGIN + 1
    assert rect.width() < width
    pane.set_zoom_mode("actual-size")
    size = area.info.page_sizes[0]
    assert area.page_rect(0).width() == pytest.approx(size.width * area.logicalDpiX() / 72, abs=1)


def test_fit_width_fits_every_page_of_mixed_sizes_without_a_sideways_scroll(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    # A 369-point page, a 2160-point square sheet, landscape inserts and a letter.
    _open(qtbot, pane, corpus / "scans" / "ocrmypdf_multipage.pdf")
    area = pane.area
    room = area.viewport().width() - 2 * scan_layout.MARGIN
    widths = [area.page_rect(i).width() for i in range(area.page_count())]
    assert widths == pytest.approx([room] * area.page_count(), abs=1.5)
    assert area.horizontalScrollBar().maximum() == 0
    # The large sheet is painted whole, across the view, at its own scale.
    pane.go_to_page(1)
    rect = area.page_rect(1).translated(0, -area.verticalScrollBar().value())
    qtbot.waitUntil(lambda: area.render_key(1) in pane._worker.cache, timeout=10_000)
    image = pane._worker.cache.get(area.render_key(1))
    assert image is not None
    ratio = area.devicePixelRatioF()
    assert image.width() == pytest.approx(rect.width() * ratio, abs=2)
    assert rect.left() >= 0 and rect.right() <= area.viewport().width()


def test_zoom_in_and_out_step_by_a_quarter(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10006-10247_ocr.pdf")
    start = pane.area.zoom
    pane.zoom_in()
    assert pane.area.zoom == pytest.approx(start * 1.25)
    assert pane.area.mode is ZoomMode.CUSTOM
    pane.zoom_out()
    pane.zoom_out()
    assert pane.area.zoom == pytest.approx(start / 1.25)


def test_ctrl_wheel_zooms_around_the_point_under_the_pointer(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10006-10247_ocr.pdf")
    area = pane.area
    pointer = QPointF(300, 200)
    before = area.page_rect(0)
    fraction = (
        (pointer.x() - before.left()) / before.width(),
        (pointer.y() - before.top()) / before.height(),
    )
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(
        pointer,
        QPointF(area.viewport().mapToGlobal(pointer.toPoint())),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QGuiApplication.sendEvent(area.viewport(), event)
    after = area.page_rect(0)
    assert after.width() == pytest.approx(before.width() * 1.25, rel=0.01)
    assert after.left() + fraction[0] * after.width() == pytest.approx(pointer.x(), abs=1.5)
    assert after.top() + fraction[1] * after.height() == pytest.approx(pointer.y(), abs=1.5)


def test_rotating_the_document_or_one_page_turns_its_layout_and_render(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10006-10247_ocr.pdf")
    area = pane.area
    portrait = area.page_rect(1)
    pane.rotate_page(1, 90)
    turned = area.page_rect(1)
    assert turned.width() / turned.height() == pytest.approx(
        portrait.height() / portrait.width(), rel=0.01
    )
    assert area.render_key(1).rotation == 90
    assert area.render_key(0).rotation == 0
    pane.rotate_document(-90)
    assert [area.rotation_of(i) for i in range(3)] == [270, 0, 270]
    with qtbot.waitSignal(pane._worker.page_rendered, timeout=10_000) as rendered:
        pane.go_to_page(0)
    assert rendered.args[0].rotation in (0, 270)


def test_navigation_keys_and_the_page_box_move_through_pages(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10023-10087_ocr.pdf")
    count = pane.page_count()
    assert pane.page_count_label.text() == f"of {count}"
    pane.area.setFocus()
    with qtbot.waitSignal(pane.page_changed) as changed:
        qtbot.keyClick(pane.area, Qt.Key.Key_End)
    assert changed.args == [count - 1, count]
    assert pane.page_box.text() == str(count)
    qtbot.keyClick(pane.area, Qt.Key.Key_Home)
    assert pane.current_page() == 0
    qtbot.keyClick(pane.area, Qt.Key.Key_PageDown)
    qtbot.keyClick(pane.area, Qt.Key.Key_PageDown)
    assert pane.current_page() >= 1
    qtbot.keyClick(pane.area, Qt.Key.Key_PageUp)
    qtbot.keyClick(pane.area, Qt.Key.Key_PageUp)
    assert pane.current_page() == 0
    pane.page_box.setFocus()
    pane.page_box.selectAll()
    qtbot.keyClicks(pane.page_box, "7")
    qtbot.keyClick(pane.page_box, Qt.Key.Key_Return)
    assert pane.current_page() == 6
    assert pane.area.position() == (6, 0.0)


def test_view_state_round_trip_restores_page_zoom_and_rotation(
    qtbot: QtBot, worker: render.PdfWorker, pane: ScanPane, corpus: Path
) -> None:
    path = corpus / "scans" / "104-10023-10087_ocr.pdf"
    _open(qtbot, pane, path)
    pane.zoom_in()
    pane.rotate_page(4, 90)
    pane.go_to_page(5)
    state = pane.view_state()
    assert state.page == 5
    assert state.zoom_mode == "custom"

    other = ScanPane(worker)
    qtbot.addWidget(other)
    other.resize(800, 700)
    other.show()
    other.restore_view_state(state)  # before the document opens: applied when it has
    _open(qtbot, other, path)
    assert other.current_page() == 5
    assert other.area.zoom == pytest.approx(pane.area.zoom, rel=1e-3)
    assert other.area.rotation_of(4) == 90
    assert other.view_state() == state


def test_selected_words_are_copied_to_the_clipboard(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    path = corpus / "broken" / "pypdf_issue-297.pdf"
    _open(qtbot, pane, path)
    qtbot.waitUntil(lambda: pane.area.text_pages is not None)
    page = pymupdf.open(path)[0]
    words = page.get_text("words")
    expected_line = " ".join(w[4] for w in words if (w[5], w[6]) == (words[0][5], words[0][6]))
    first, last = words[0], [w for w in words if (w[5], w[6]) == (words[0][5], words[0][6])][-1]
    rect = pane.area.page_rect(0)
    zoom = pane.area.zoom
    top_left = QPoint(
        round(rect.left() + first[0] * zoom) - 2, round(rect.top() + first[1] * zoom) + 2
    )
    bottom_right = QPoint(
        round(rect.left() + last[2] * zoom) + 2, round(rect.top() + last[3] * zoom) - 2
    )
    viewport = pane.area.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=top_left)
    qtbot.mouseMove(viewport, bottom_right)
    qtbot.waitUntil(lambda: bool(pane.area.selected))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom_right)
    pane.area.setFocus()
    qtbot.keyClick(pane.area, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == expected_line
    assert pane.notice_text() == (
        "The file was damaged (broken cross-reference table) and has been repaired."
    )


def test_scan_without_text_layer_says_so(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    _open(qtbot, pane, corpus / "scans" / "ocrmypdf_cardinal.pdf")
    qtbot.waitUntil(lambda: NO_TEXT_LAYER in pane.notice_text())
    assert pane.notice.isVisible()


def test_failed_page_shows_its_reason_while_the_others_render(
    qtbot: QtBot, pane: ScanPane, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = corpus / "scans" / "104-10006-10247_ocr.pdf"
    real = pdf.render_page

    def failing(doc, path_, index, *args, **kwargs):  # type: ignore[no-untyped-def]
        if index == 1:
            raise pdf.PdfPageError(path_, index, "broken image data")
        return real(doc, path_, index, *args, **kwargs)

    monkeypatch.setattr(pdf, "render_page", failing)
    pane.set_zoom_mode(ZoomMode.FIT_PAGE)
    _open(qtbot, pane, path)
    pane.set_zoom_mode(ZoomMode.FIT_PAGE)
    pane.zoom_out()
    qtbot.waitUntil(lambda: 1 in pane.area.errors, timeout=10_000)
    assert (
        pane.area.errors[1] == "104-10006-10247_ocr.pdf: page 2 cannot be shown (broken image data)"
    )
    qtbot.waitUntil(lambda: pane.area.render_key(0) in pane._worker.cache, timeout=10_000)
    assert _dark_pixels(_grab(pane), pane.area.page_rect(0)) > 100
    pane.go_to_page(1)
    corner = pane.area.page_rect(1).topLeft().toPoint() + QPoint(4, 4)
    assert QColor(_grab(pane).pixel(corner)) == QColor(0xFF, 0xF4, 0xF4)


def test_encrypted_scan_asks_for_a_password_and_opens_with_it(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    path = corpus / "broken" / "pypdf_r2-user-password.pdf"
    with qtbot.waitSignal(pane.document_failed) as failed:
        pane.open_pdf(path)
    assert failed.args[0] == str(path)
    assert failed.args[2] is True
    with qtbot.waitSignal(pane.document_opened) as opened:
        pane.open_pdf(path, "asdfzxcv")
    assert opened.args[0].page_count == 1
    assert pane.page_count() == 1


def test_show_message_replaces_the_document(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    _open(qtbot, pane, corpus / "scans" / "ocrmypdf_linn.pdf")
    pane.show_message("This record has no scan")
    assert pane.notice_text() == "This record has no scan"
    assert pane.page_count() == 0
    assert pane.page_count_label.text() == "of 0"


def test_every_control_has_an_accessible_name(pane: ScanPane) -> None:
    from PySide6.QtWidgets import QWidget

    unnamed = [
        w
        for w in pane.findChildren(QWidget)
        if w.isVisibleTo(pane)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
    ]
    assert unnamed == []
    names = {
        pane.toolbar.widgetForAction(a).accessibleName()
        for a in pane.toolbar.actions()
        if pane.toolbar.widgetForAction(a) is not None and not a.isSeparator()
    }
    assert {"Zoom in", "Zoom out", "Thumbnails"} <= names
    assert pane.zoom_button.accessibleName().startswith("Zoom")
    in_menu = [a.text() for a in pane.zoom_button.menu().actions()]
    assert in_menu[:3] == ["Fit width", "Fit page", "Actual size"]


def test_thumbnails_follow_the_view(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10023-10087_ocr.pdf")
    pane.thumbnails_action.trigger()
    assert pane.thumbnails.isVisible()
    qtbot.waitUntil(lambda: pane.thumbnails.thumbnails.key(0) in pane._worker.cache, timeout=10_000)
    pane.go_to_page(12)
    assert pane.thumbnails.currentIndex().row() == 12
    pane.thumbnails.page_chosen.emit(3)
    assert pane.current_page() == 3


def test_gui_thread_never_calls_pymupdf(
    qtbot: QtBot, pane: ScanPane, corpus: Path, pdf_callers: set[str]
) -> None:
    _open(qtbot, pane, corpus / "broken" / "pypdf_issue-297.pdf")
    qtbot.waitUntil(lambda: pane.area.text_pages is not None)
    pane.area.select_rect(QRectF(pane.area.page_rect(0)))
    qtbot.waitUntil(lambda: bool(pane.area.words))
    pane.zoom_in()
    pane.rotate_document(90)
    qtbot.waitUntil(lambda: pane.area.render_key(0) in pane._worker.cache, timeout=10_000)
    assert pdf_callers == {pane._worker.worker_thread.name}
    assert threading.main_thread().name not in pdf_callers


def test_thumbnails_keep_their_pictures_after_a_far_jump_and_a_rotation(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus / "scans" / "104-10188-10003_ocr.pdf")
    pane.thumbnails_action.trigger()
    bar = pane.thumbnails

    def pictured() -> bool:
        rows = bar.visible_rows()
        return bool(rows) and all(
            bar.thumbnails.data(bar.thumbnails.index(row), Qt.ItemDataRole.DecorationRole)
            is not None
            for row in rows
        )

    qtbot.waitUntil(pictured, timeout=10_000)
    pane.go_to_page(70)  # Ctrl+G 71
    assert 70 in bar.visible_rows()
    qtbot.waitUntil(pictured, timeout=10_000)
    pane.rotate_document(90)
    qtbot.waitUntil(pictured, timeout=10_000)
    row = bar.visible_rows()[0]
    image = bar.thumbnails.data(bar.thumbnails.index(row), Qt.ItemDataRole.DecorationRole)
    assert image.width() > image.height()  # the portrait pages turned on their side
