"""Highlights on the scan: words selected on a page or an area drawn with Shift, painted on the
page in their colour at any zoom and rotation, listed in the Notes panel (click: its page), and
painted again after a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.gui.test_notes import _open, archive  # noqa: F401 - the fixture is used
from viewer.app import Viewer
from viewer.ui.scan_area import Box, PageArea

PINK = "#f48fb1"


def _share_of_colour(area: PageArea, page: int, box: Box, colour: str) -> float:
    """How much of the area of `box` on `page` is painted in the hue of `colour` (ink left
    aside); 0 when the page is not drawn there or no ink is under it (not on its words)."""
    image = area.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    rect = area.box_rect(page, box)
    rect = rect.translated(-area.horizontalScrollBar().value(), -area.verticalScrollBar().value())
    wanted = QColor(colour)
    seen = same = ink = 0
    for x in range(int(rect.left()) + 1, int(rect.right()) - 1, 2):
        for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1, 2):
            pixel = image.pixelColor(QPoint(int(x * ratio), int(y * ratio)))
            if pixel.lightness() < 100:
                ink += 1  # ink stays dark under a highlight
                continue
            seen += 1
            # The paper, multiplied by the colour, takes its hue (grey paper has none).
            turn = abs(pixel.hslHue() - wanted.hslHue())
            same += min(turn, 360 - turn) < 12 and pixel.hslSaturation() > 60
    drawn = area._worker.cache.get(area.render_key(page)) is not None
    return same / seen if seen and ink and drawn else 0.0


def _first_line(area: PageArea) -> QRectF:
    """The viewport rectangle of the first line of words on page 1."""
    words = area.words[0]
    first = [w for w in words if (w.block, w.line) == (words[0].block, words[0].line)]
    rect = area.word_rect(0, first[0])
    for word in first[1:]:
        rect = rect.united(area.word_rect(0, word))
    offset = area.horizontalScrollBar().value(), area.verticalScrollBar().value()
    return rect.translated(-offset[0], -offset[1]).adjusted(1, 1, -1, -1)


def test_words_selected_on_the_scan_are_highlighted_in_colour_and_kept(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,  # noqa: F811
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    feature.set_colour(PINK)
    area = viewer.window.scan.area
    qtbot.waitUntil(lambda: 0 in area.words and bool(area.words[0]), timeout=10000)
    selected = area.select_rect(_first_line(area))
    assert selected
    viewer.window.commands["highlight"].trigger()
    notes = [n for n in feature.notes() if n.on_scan]
    assert len(notes) == 1
    note = notes[0]
    assert (note.page, note.colour, note.anchor and note.anchor.quote) == (0, PINK, selected)
    assert feature.panel.texts()[0].startswith("Highlight on scan page 1: “")
    assert area.selected == []
    box = note.rects[0]
    qtbot.waitUntil(lambda: _share_of_colour(area, 0, box, PINK) > 0.6, timeout=5000)
    # Zoomed and turned, the highlight stays on its words.
    area.zoom_by(1.5)
    area.rotate_document(90)
    area.show_area(0, note.rects)
    qtbot.waitUntil(lambda: _share_of_colour(area, 0, box, PINK) > 0.6, timeout=5000)
    area.rotate_document(-90)
    # Clicking it in the Notes panel goes to its page.
    viewer.window.scan.go_to_page(1)
    qtbot.waitUntil(lambda: viewer.window.scan.current_page() == 1, timeout=5000)
    feature.panel.select_note(note.id)
    feature.panel.note_activated.emit(feature.panel.current_note_id())
    qtbot.waitUntil(lambda: viewer.window.scan.current_page() == 0, timeout=5000)
    viewer.window.close()
    again = make_viewer()
    feature = _open(qtbot, again, archive)
    area = again.window.scan.area
    assert [mark.boxes for mark in feature.scan_notes.marks()] == [note.rects]
    qtbot.waitUntil(lambda: _share_of_colour(area, 0, box, PINK) > 0.6, timeout=5000)


def test_an_area_drawn_with_shift_is_highlighted_with_a_note(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,  # noqa: F811
) -> None:
    viewer = make_viewer()
    feature = _open(qtbot, viewer, archive)
    feature.set_colour("#90caf9")
    area = viewer.window.scan.area
    page = area.page_rect(0)
    start = (page.topLeft() + QPoint(40, 60)).toPoint()
    end = (page.topLeft() + QPoint(200, 160)).toPoint()
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(area.viewport(), Qt.MouseButton.LeftButton, shift, start)
    qtbot.mouseMove(area.viewport(), end)
    qtbot.mouseRelease(area.viewport(), Qt.MouseButton.LeftButton, shift, end)
    assert area.region is not None and area.region[0] == 0
    viewer.window.commands["note_passage"].trigger()
    assert feature.dialog is not None
    feature.dialog.text_edit.setPlainText("The stamp of the archive")
    feature.dialog.accept()
    notes = [n for n in feature.notes() if n.on_scan]
    assert [(n.page, n.text, n.anchor) for n in notes] == [(0, "The stamp of the archive", None)]
    x0, y0, x1, y1 = notes[0].rects[0]
    zoom = area.page_rect(0).width() / area.info.page_sizes[0].width  # type: ignore[union-attr]
    assert abs((x1 - x0) * zoom - 160) < 2 and abs((y1 - y0) * zoom - 100) < 2
    assert feature.panel.texts() == ["Highlight on scan page 1\nThe stamp of the archive"]
    qtbot.waitUntil(
        lambda: _share_of_colour(area, 0, notes[0].rects[0], "#90caf9") > 0.6, timeout=5000
    )
