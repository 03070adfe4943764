"""Image-only scans in the window: machine-read text shown, found with Ctrl+F, selectable."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTabBar
from pytestqt.qtbot import QtBot

from tests.unit.test_ocr import image_only_copy
from viewer.app import Viewer
from viewer.domain import ocr
from viewer.services import settings as prefs

pytestmark = pytest.mark.slow


@pytest.fixture
def card(samples: Path, tmp_path: Path) -> Path:
    """The specimen card record (no transcript) with its scan made image-only."""
    if ocr.tesseract_program() is None or "eng" not in ocr.installed_languages():
        pytest.skip("Tesseract and its English data are not installed (Debian: tesseract-ocr)")
    source = samples / "records" / "specimen-card"
    folder = tmp_path / "card"
    folder.mkdir()
    shutil.copy(source / "record.toml", folder / "record.toml")
    image_only_copy(source / "scan.pdf", folder / "scan.pdf", pages=1, dpi=300)
    return folder


@pytest.fixture
def viewer(qtbot: QtBot) -> Iterator[Viewer]:
    settings = prefs.Settings()
    settings.set(prefs.OCR_LANGUAGE, "eng")
    made = Viewer(settings)
    qtbot.addWidget(made.window)
    made.window.resize(1400, 900)
    made.window.show()
    yield made
    made.window.close()
    made.shutdown()


def _read(qtbot: QtBot, viewer: Viewer, folder: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20_000):
        viewer.window.open_path(folder)
    qtbot.waitUntil(lambda: viewer.ocr_worker is not None, timeout=5_000)
    qtbot.waitUntil(lambda: 0 in viewer.scan_pane.area.words, timeout=90_000)


def test_a_record_without_transcript_shows_its_machine_read_text_marked_as_such(
    qtbot: QtBot, viewer: Viewer, card: Path
) -> None:
    _read(qtbot, viewer, card)
    transcript = viewer.window.transcript
    qtbot.waitUntil(lambda: "Telegram" in transcript.plain_text(), timeout=5_000)
    switch = transcript.findChild(QTabBar)
    assert switch is not None and switch.isVisible()
    assert transcript.languages() == ["Machine-read text (OCR, unchecked)"]
    assert switch.tabToolTip(0).startswith("Read from the scan by OCR and checked by no one.")
    assert transcript.notice() == ""  # the tab says what the text is, not a notice
    assert "Page 1" in transcript.plain_text()
    qtbot.waitUntil(lambda: "OCR: all 1 pages read" in _status(viewer), timeout=5_000)


def test_recognised_words_are_found_and_selected_where_they_are_on_the_scan(
    qtbot: QtBot, viewer: Viewer, card: Path
) -> None:
    _read(qtbot, viewer, card)
    pane = viewer.scan_pane
    with qtbot.waitSignal(pane.scan_hits_changed, timeout=10_000):
        pane.highlight_query("Telegram")
    qtbot.waitUntil(lambda: pane.scan_hit_count() >= 1, timeout=10_000)
    words = pane.area.words[0]
    telegram = next(w for w in words if w.text.startswith("Telegram"))
    page = pane.area.page_rect(0)
    zoom = pane.area.zoom
    start = QPoint(
        round(page.left() + telegram.x0 * zoom) - 2, round(page.top() + telegram.y0 * zoom) + 2
    )
    end = QPoint(
        round(page.left() + telegram.x1 * zoom) + 1, round(page.top() + telegram.y1 * zoom) - 2
    )
    viewport = pane.area.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.waitUntil(lambda: bool(pane.area.selected))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert pane.copy()
    assert QGuiApplication.clipboard().text().startswith("Telegram")


def test_ocr_turned_off_in_the_settings_reads_nothing(
    qtbot: QtBot, card: Path, samples: Path
) -> None:
    settings = prefs.Settings()
    settings.set(prefs.OCR_ENABLED, False)
    viewer = Viewer(settings)
    qtbot.addWidget(viewer.window)
    viewer.window.show()
    try:
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20_000):
            viewer.window.open_path(card)
        assert viewer.ocr_worker is None
        qtbot.waitUntil(
            lambda: viewer.window.transcript.notice().startswith("This record has no transcript")
        )
    finally:
        viewer.window.close()
        viewer.shutdown()


def _status(viewer: Viewer) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in viewer.window.statusBar().findChildren(QLabel))


def test_each_photo_of_a_document_of_photos_is_read_as_its_own_page(
    qtbot: QtBot, viewer: Viewer, tmp_path: Path
) -> None:
    if ocr.tesseract_program() is None or "eng" not in ocr.installed_languages():
        pytest.skip("Tesseract and its English data are not installed (Debian: tesseract-ocr)")
    folder = tmp_path / "photos"
    folder.mkdir()
    for number, words in enumerate(("Harbour inspection report", "Lighthouse keeper wages"), 1):
        with pymupdf.open() as doc:
            page = doc.new_page(width=400, height=200)
            page.insert_text((30, 100), words, fontsize=22)
            page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY).save(
                folder / f"doc_0007_p{number}.png"
            )
    failures: list[str] = []
    viewer.window.messages.channel.posted.connect(lambda message: failures.append(message.text))
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20_000):
        viewer.window.open_path(folder)
    area = viewer.scan_pane.area
    assert area.page_count() == 2  # one record, a page a photo
    qtbot.waitUntil(lambda: viewer.ocr_worker is not None, timeout=5_000)
    qtbot.waitUntil(lambda: {0, 1} <= set(area.words), timeout=90_000)
    first = " ".join(word.text for word in area.words[0])
    second = " ".join(word.text for word in area.words[1])
    assert "Harbour" in first and "Lighthouse" not in first
    assert "Lighthouse" in second and "Harbour" not in second
    assert not [m for m in failures if "OCR" in m]
