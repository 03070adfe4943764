"""The reading window, driven as a person would: what they see, copy and are told."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.model import BrokenRecord
from viewer.services.settings import Layout
from viewer.ui.library import LibraryPanel

SEED_CITATION = (
    '"Telegram from the leader of the group of Soviet specialists in Northeast China to the '
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    'military cooperation," May 18, 1949, History and Public Policy Program Digital Archive, '
    "AP RF. F. 4. Op. 1. D. 331. pp. 59-61. Translated by Gary Goldberg."
)


def open_and_wait(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)
    qtbot.waitUntil(
        lambda: bool(viewer.window.transcript.plain_text() or viewer.window.transcript.notice()),
        timeout=5000,
    )


def ink_fraction(widget: QWidget) -> float:
    """How much of the widget is not plain background: a rendered page has plenty."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    dark = 0
    total = 0
    for y in range(0, height, 4):
        for x in range(0, width, 4):
            total += 1
            if image.pixelColor(x, y).lightness() < 200:
                dark += 1
    return dark / max(total, 1)


def test_opens_on_the_telegram_with_transcript_scan_and_metadata(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    assert (
        "Yesterday, 17 May, Mao Zedong asked me to inform you of the following"
        in window.transcript.plain_text()
    )
    panel = window.metadata
    assert panel.value("Title").startswith(
        "Telegram from the leader of the group of Soviet specialists"
    )
    assert panel.value("Date") == "May 18, 1949"
    assert panel.value("Summary").startswith("A telegram from the leader of the group")
    assert panel.value("Source") == "AP RF. F. 4. Op. 1. D. 331. pp. 59-61"
    assert panel.value("Translator") == "Gary Goldberg"
    assert panel.value("Original language") == "Russian"
    assert panel.value("Available in") == "English translation"
    assert "Mao Zedong" in panel.value("People")
    assert "Manchuria" in panel.value("Places")
    assert (
        panel.value("Support")
        == "This document was made possible with support from the Leon Levy Foundation"
    )
    assert "Wilson Center" in panel.value("Rights")
    assert panel.value("Record ID") == "1949-05-18-telegram"
    assert "facsimile" in panel.value("Scan").lower()
    assert panel.citation_text() == SEED_CITATION
    shown = panel.shown_text()
    assert "Date\nMay 18, 1949\n" in shown
    assert "Translator\nGary Goldberg\n" in shown
    assert "Source\nAP RF. F. 4. Op. 1. D. 331. pp. 59-61\n" in shown
    assert viewer.scan_pane.page_count() == 3
    assert ink_fraction(viewer.scan_pane) > 0.02
    assert window.windowTitle().startswith("Telegram from the leader")


def test_an_archive_read_before_the_window_asks_is_shown_once_and_not_read_again(
    qtbot: QtBot, samples: Path, tmp_path: Path
) -> None:
    viewer = Viewer(preload=samples)
    qtbot.addWidget(viewer.window)
    try:
        # The preload finishes and its result is delivered before the window opens the archive.
        assert viewer.jobs.wait(10000)
        QCoreApplication.processEvents()  # what the finished job sent is delivered now
        assert viewer.window.metadata.value("Title") == ""
        viewer.window.show()
        kinds: list[str] = []
        start = viewer.jobs._start

        def counting_start(kind: str, *args: object) -> int:
            kinds.append(kind)
            return start(kind, *args)  # type: ignore[arg-type]

        viewer.jobs._start = counting_start  # type: ignore[method-assign]
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
            viewer.window.open_path(samples)
        assert viewer.window.metadata.value("Title").startswith("Telegram from the leader")
        assert "archive" not in kinds
        # Another folder than the one preloaded is read as usual.
        other = tmp_path / "one"
        shutil.copytree(samples / "records" / "specimen-card", other)
        with qtbot.waitSignal(viewer.window.record_shown, timeout=20000):
            viewer.window.open_path(other)
        assert "archive" in kinds
        assert viewer.window.records.shown_records()[0].folder == other
    finally:
        viewer.window.close()
        viewer.shutdown()


def test_an_archive_read_while_the_window_was_built_is_on_screen_with_its_first_paint(
    qtbot: QtBot, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer.services.render import PdfWorker

    prefetched: list[Path] = []
    real_prefetch = PdfWorker.prefetch

    def noting_prefetch(worker: PdfWorker, path: Path, password: str | None = None) -> None:
        prefetched.append(Path(path))
        real_prefetch(worker, path, password)

    monkeypatch.setattr(PdfWorker, "prefetch", noting_prefetch)
    viewer = Viewer(preload=samples)
    qtbot.addWidget(viewer.window)
    try:
        viewer.window.show()
        assert viewer.jobs.wait(10000)  # read, as it is by now when the window is built
        viewer.window.open_path(samples)
        # No turn of the event loop in between: the record is there for the window's first paint,
        # and the worker was told to open its scan as soon as the archive was read.
        assert viewer.window.metadata.value("Title").startswith("Telegram from the leader")
        assert prefetched == [samples / "records" / "1949-05-18-telegram" / "scan.pdf"]
        assert not viewer.window.opening.progress.isVisible()
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
            pass
        # Closed at once: the indexing that was to follow the first page is not started, even
        # when its timer comes round after the close.
        viewer.window.close()
        viewer.window.later.start_pending_index()
        assert viewer.window.later.search_feature is None
    finally:
        viewer.window.close()
        viewer.shutdown()


def test_an_archive_still_being_read_arrives_when_it_is_read(
    qtbot: QtBot, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from viewer.domain import archive

    gate = threading.Event()
    real = archive.load_archive

    def slow(root: Path, progress: object = None, **options: object) -> object:
        assert gate.wait(20)
        return real(root, progress, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(archive, "load_archive", slow)
    viewer = Viewer(preload=samples)
    qtbot.addWidget(viewer.window)
    try:
        viewer.window.show()
        viewer.window.open_path(samples)  # waits a moment for it, then goes on
        assert viewer.window.metadata.value("Title") == ""
        assert viewer.window.opening.progress.isVisible()
        assert viewer.window.messages.text() == f"Opening {samples}…"
        with qtbot.waitSignal(viewer.window.record_shown, timeout=20000):
            gate.set()
        assert viewer.window.metadata.value("Title").startswith("Telegram from the leader")
        assert not viewer.window.opening.progress.isVisible()
        assert viewer.window.messages.text() == ""  # "Opening…" is withdrawn once it is open
        assert not any(m.text.startswith("Opening") for m in viewer.window.messages.history)
    finally:
        gate.set()
        viewer.window.close()
        viewer.shutdown()


def test_copy_citation_puts_the_house_citation_on_the_clipboard_and_says_so(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    QGuiApplication.clipboard().clear()
    button = next(
        b
        for b in viewer.window.metadata.findChildren(QAbstractButton)
        if b.text() == "Copy citation"
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == SEED_CITATION
    assert mime.hasHtml()
    assert "Translated by Gary Goldberg." in mime.html()
    assert viewer.window.metadata.confirmation() == "Citation copied (House style)"


def test_editorial_marks_are_muted_italic_and_copy_as_written(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    browser = viewer.window.transcript.browser()
    text = browser.toPlainText()
    for mark in (
        "[informbyuro]",
        "[SIC, vzaimnye]",
        "[dogovorit'sya, which can also mean \"negotiate]",
    ):
        start = text.index(mark)
        cursor = browser.textCursor()
        cursor.setPosition(start + 1)
        mark_format: QTextCharFormat = cursor.charFormat()
        assert mark_format.fontItalic(), mark
        cursor.setPosition(start - 3)
        assert not cursor.charFormat().fontItalic()
        cursor.setPosition(start)
        cursor.setPosition(start + len(mark), cursor.MoveMode.KeepAnchor)
        browser.setTextCursor(cursor)
        browser.copy()
        assert QGuiApplication.clipboard().text() == mark


def test_language_switch_shows_russian_and_is_remembered(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples / "records" / "specimen-bilingual")
    assert window.transcript.languages() == [
        "English (the letter's text)",
        "Russian translation by Archive Viewer",
    ]
    assert window.transcript.select_language("ru")
    qtbot.waitUntil(
        lambda: "Образец: записка для читателей этого архива" in window.transcript.plain_text()
    )
    window.close()
    again = make_viewer()
    open_and_wait(qtbot, again, samples / "records" / "specimen-bilingual")
    assert again.window.transcript.current() is not None
    assert again.window.transcript.current().language == "ru"


def test_record_without_transcript_says_so_and_shows_the_scan(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples / "records" / "specimen-card")
    assert (
        viewer.window.transcript.notice()
        == "This record has no transcript. The scan is shown on its own."
    )
    assert viewer.scan_pane.page_count() == 2


def test_record_list_moves_between_records_and_last_record_is_remembered(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    with qtbot.waitSignal(window.record_shown):
        window.next_record_action.trigger()
    assert window.current_record().id == "specimen-bilingual"
    window.close()
    again = make_viewer()
    with qtbot.waitSignal(again.window.record_shown, timeout=10000):
        again.window.open_path(samples)
    assert again.window.current_record().id == "specimen-bilingual"


def test_layouts_switch_and_are_remembered(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    assert window.current_layout() is Layout.SIDE_BY_SIDE
    window.layout_actions[Layout.STACKED].trigger()
    assert window._splitter.orientation() == Qt.Orientation.Vertical
    window.layout_actions[Layout.TRANSCRIPT_ONLY].trigger()
    assert window.transcript.isVisible() and not viewer.scan_pane.isVisible()
    window.layout_actions[Layout.SCAN_ONLY].trigger()
    assert viewer.scan_pane.isVisible() and not window.transcript.isVisible()
    window.close()
    again = make_viewer()
    assert again.window.current_layout() is Layout.SCAN_ONLY


def test_text_size_keys_change_the_transcript_and_are_remembered(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    before = window.transcript.point_size()
    window.transcript.browser().setFocus()
    qtbot.waitUntil(window.transcript.browser().hasFocus)
    qtbot.keyClick(
        window.transcript.browser(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(
        window.transcript.browser(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier
    )
    assert window.transcript.point_size() == before + 2
    assert window.transcript.browser().document().defaultFont().pointSize() == before + 2
    window.close()
    assert make_viewer().window.transcript.point_size() == before + 2


@pytest.fixture
def archive(samples: Path, tmp_path: Path) -> Path:
    """A copy of the sample archive, to damage."""
    copy = tmp_path / "archive"
    shutil.copytree(samples, copy)
    return copy


def test_broken_record_is_listed_with_its_reason_and_the_rest_works(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    bad = archive / "records" / "0-bad"
    bad.mkdir()
    (bad / "record.toml").write_text('id = "bad"\ntitle = "Bad"\ndate = "1949-13-40"\n')
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        window.open_path(archive)
    # The archive opens on its first readable record; the broken one is listed last (undated).
    assert window.current_record().id == "1949-05-18-telegram"
    assert "1 of 4 records" in window.messages.text()
    for _ in range(3):
        with qtbot.waitSignal(window.record_shown):
            window.next_record_action.trigger()
    record = window.current_record()
    assert isinstance(record, BrokenRecord)
    assert window.records.shown_records()[-1] is record
    assert "there is no month 13" in window.transcript.notice()
    assert window.metadata.value("Problem").startswith("date:")
    with qtbot.waitSignal(window.record_shown):
        window.previous_record_action.trigger()
    assert window.current_record().id == "specimen-card"


def test_drop_of_a_record_folder_opens_it(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(samples / "records" / "specimen-card"))])
    position = QPointF(10, 10)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # Offscreen there is no drag in progress for Qt to route events with: deliver them as it would.
    enter = QDragEnterEvent(position.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(position, Qt.DropAction.CopyAction, mime, buttons, keys)
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        window.dropEvent(drop)
    assert drop.isAccepted()
    assert window.current_record().id == "specimen-card"


def test_unreadable_pdf_shows_a_message_naming_it_and_the_window_keeps_working(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        window.open_path(corpus / "broken" / "ocrmypdf_invalid.pdf")
    assert "ocrmypdf_invalid.pdf: this is not a PDF that can be opened" in window.messages.text()
    # A PDF opened on its own has no transcript to fall back on: the message says what to do.
    assert "Open another file with Ctrl+O" in window.messages.text()
    assert "transcript" not in window.messages.text()
    # The record list comes even though no page was ever painted.
    dock = window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    assert dock.widget().shown_records()[0].id == "ocrmypdf_invalid"
    open_and_wait(qtbot, viewer, samples)
    assert window.current_record().id == "1949-05-18-telegram"


def test_a_record_whose_scan_is_damaged_still_shows_its_transcript_and_says_so(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    telegram = archive / "records" / "1949-05-18-telegram"
    (telegram / "scan.pdf").write_bytes(b"%PDF-1.7\nnot really a PDF\n")
    card = archive / "records" / "specimen-card"
    for pdf in card.glob("*.pdf"):
        pdf.write_bytes(b"garbage")
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        window.open_path(archive)
    qtbot.waitUntil(lambda: "Yesterday, 17 May" in window.transcript.plain_text(), timeout=5000)
    assert "scan.pdf" in window.messages.text()
    assert window.messages.text().endswith("The transcript and metadata are still shown.")
    # A record without a transcript does not promise one.
    card_record = next(r for r in window.records.shown_records() if r.id == "specimen-card")
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        window.show_record(card_record)
    assert window.messages.text().endswith("The metadata is still shown.")


def test_encrypted_pdf_asks_for_the_password_and_then_shows(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[2]))
        return ("asdfzxcv", True)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(corpus / "broken" / "pypdf_r2-user-password.pdf")
    assert asked == ["pypdf_r2-user-password.pdf is encrypted. Enter its password to open it:"]
    assert ink_fraction(viewer.scan_pane) > 0.001


def test_an_encrypted_pdf_left_unopened_says_why_there_is_no_scan_and_no_transcript(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("", False))
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.scan.document_failed, timeout=20000):
        window.open_path(corpus / "broken" / "pypdf_r2-user-password.pdf")
    qtbot.waitUntil(lambda: "encrypted" in window.transcript.notice(), timeout=5000)
    assert window.transcript.notice() == (
        "No transcript: pypdf_r2-user-password.pdf is encrypted, and its text is read only once "
        "it is opened with its password."
    )
    assert window.messages.text() == (
        "pypdf_r2-user-password.pdf: the PDF is encrypted and needs a password. "
        "Open it again to enter it."
    )


def test_bare_pdf_with_text_layer_becomes_the_transcript(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        window.open_path(corpus / "scans" / "104-10006-10247_ocr.pdf")
    qtbot.waitUntil(lambda: "Page 1" in window.transcript.plain_text(), timeout=10000)
    assert "text layer" in window.transcript.notice()
    assert window.metadata.value("Record ID") == "104-10006-10247_ocr"
    assert "repaired" in window.messages.text()


def test_bare_pdf_without_text_layer_says_there_is_no_transcript(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        window.open_path(corpus / "scans" / "ocrmypdf_linn.pdf")
    qtbot.waitUntil(lambda: window.transcript.notice().startswith("No transcript"), timeout=10000)
    assert (
        window.transcript.notice()
        == "No transcript: this PDF has no text layer. The scan is shown on its own."
    )


@pytest.mark.parametrize(
    "name",
    [
        "pdfjs_PDFBOX-3148-2-fuzzed.pdf",
        "pdfjs_bug1606566.pdf",
        "pypdf_issue-297.pdf",
    ],
)
def test_repairable_broken_pdfs_are_shown_with_a_quiet_notice(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, name: str
) -> None:
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(corpus / "broken" / name)
    assert f"{name}: the file was damaged" in viewer.window.messages.text()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ocrmypdf_invalid.pdf", "this is not a PDF that can be opened"),
        ("pdfjs_Pages-tree-refs.pdf", "its page tree is broken (cycle in page tree)"),
        ("pdfjs_bug1020226.pdf", "the PDF has no pages"),
        ("pdfjs_issue15590.pdf", "the PDF has no pages"),
        ("pdfjs_issue9418.pdf", "the PDF has no pages"),
        ("pdfjs_poppler-67295-0.pdf", "its page tree is broken (Invalid number of pages)"),
        ("pdfjs_poppler-85140-0.pdf", "this is not a PDF that can be opened"),
    ],
)
def test_unshowable_broken_pdfs_explain_themselves(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, name: str, words: str
) -> None:
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        viewer.window.open_path(corpus / "broken" / name)
    assert f"{name}: {words}" in viewer.window.messages.text()
    assert viewer.window.isVisible()


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    unnamed = [
        w
        for w in viewer.window.findChildren(QAbstractButton)
        if w.isVisible() and not (w.accessibleName() or w.text() or w.toolTip())
    ]
    assert unnamed == []


def test_search_finds_records_by_transcript_and_scan_text_and_opens_hits_marked(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000) as shown:
        window.search_action.trigger()
        qtbot.keyClicks(box, "Shenyang")
    assert shown.args == [1]
    assert [hit.record_id for hit in window.search.result_model().hits()] == ["1949-05-18-telegram"]
    with qtbot.waitSignal(window.record_shown):
        window.search.hit_opened.emit("specimen-card", "Shenyang")
    with qtbot.waitSignal(window.record_shown):
        window.search.hit_opened.emit("1949-05-18-telegram", "Shenyang")
    # In the transcript and on the facsimile's text layer of the same words: one hit, marked on
    # both, counted once.
    qtbot.waitUntil(lambda: viewer.scan_pane.scan_hit_count() == 1, timeout=10000)
    qtbot.waitUntil(lambda: window.find_bar.count_text() == "1 of 1", timeout=10000)
    assert window.find_bar.isVisible()
    assert len(window.find_bar.hits()) == 1
    window.find_bar.next_action.trigger()  # F3: the only hit stays the current one
    assert window.find_bar.count_text() == "1 of 1"
    assert viewer.scan_pane.current_scan_hit() is None
    # "Delo" is only in the card's scan, which has no transcript: its text layer was indexed.
    box.clear()
    with qtbot.waitSignal(window.search.results_shown, timeout=10000) as shown:
        qtbot.keyClicks(box, "Delo")
    assert [hit.record_id for hit in window.search.result_model().hits()] == ["specimen-card"]


def test_a_transcript_changed_while_the_archive_is_open_is_found_at_once(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, archive)
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000) as shown:
        window.search_action.trigger()
        qtbot.keyClicks(box, "wombats")
    assert shown.args == [0]
    transcript = archive / "records" / "1949-05-18-telegram" / "transcript.en.html"
    # Written in place, as `cp` or an editor that does not replace the file writes it.
    with (
        qtbot.waitSignal(window.search.results_shown, timeout=10000) as shown,
        transcript.open("a", encoding="utf-8") as file,
    ):
        file.write("<p>A note on wombats.</p>\n")
    assert shown.args == [1]
    assert [hit.record_id for hit in window.search.result_model().hits()] == ["1949-05-18-telegram"]


def test_search_results_export_as_bibtex_holds_the_listed_records(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    samples: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from viewer.domain import export

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    with qtbot.waitSignal(window.search.results_shown, timeout=30000):
        window.search_action.trigger()
        qtbot.keyClicks(window.search.search_box(), "Goldberg")
    listed = [hit.record_id for hit in window.search.result_model().hits()]
    assert "1949-05-18-telegram" in listed
    target = tmp_path / "results.bib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    bibtex = next(a for a in window.export_results_menu.actions() if a.text().startswith("BibTeX"))
    bibtex.trigger()
    qtbot.waitUntil(target.exists, timeout=10000)
    records = [window.find_record(record_id) for record_id in listed]
    assert target.read_text(encoding="utf-8") == export.export(records, export.ExportFormat.BIBTEX)
    assert "Goldberg" in target.read_text(encoding="utf-8")


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="changes are watched with Linux's inotify"
)
def test_the_open_archive_follows_records_edited_removed_and_broken_on_disk(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, archive)

    def watching() -> bool:
        feature = window.later.search_feature
        keeper = feature._keeper if feature is not None else None
        return keeper is not None and bool(keeper._worker._folders) and feature.panel._ready

    qtbot.waitUntil(watching, timeout=20000)
    toml = archive / "records" / "1949-05-18-telegram" / "record.toml"
    text = toml.read_text(encoding="utf-8")
    edited = text.replace('title = "Telegram from', 'title = "Edited: telegram from', 1)
    assert edited != text
    # The record on screen is edited: it is shown again as it is now, and listed so.
    with qtbot.waitSignal(window.record_shown, timeout=15000):
        toml.write_text(edited, encoding="utf-8")
    assert window.metadata.value("Title").startswith("Edited: telegram from")
    assert window.records.shown_records()[0].title.startswith("Edited: telegram from")
    assert window.windowTitle().startswith("Edited: telegram from")
    # Another record goes: the list follows.
    shutil.rmtree(archive / "records" / "specimen-card")
    qtbot.waitUntil(lambda: len(window.records.shown_records()) == 2, timeout=15000)
    assert window.records_dock.windowTitle() == "Records (2)"
    assert window.metadata.value("Title").startswith("Edited: telegram from")
    # The record on screen is spoilt by a bad edit: the reader is told why, not shown stale data.
    with qtbot.waitSignal(window.record_shown, timeout=15000):
        toml.write_text(edited.replace('date = "1949-05-18"', 'date = "1949-13-40"'), "utf-8")
    assert "cannot be read" in window.transcript.notice()
    assert "1949-13-40" in window.transcript.notice()


def test_a_first_window_fits_a_small_screen_and_leaves_half_of_it_for_reading(
    qtbot: QtBot, samples: Path
) -> None:
    viewer = Viewer()
    qtbot.addWidget(viewer.window)
    window = viewer.window
    try:
        room = window.screen().availableGeometry()
        assert room.width() < 1440  # the offscreen platform's screen is 800 x 800
        window.show()
        assert window.width() <= room.width()
        assert window.height() <= room.height()
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
            window.open_path(samples)
        reading = window.transcript.width() + window.scan.width()
        assert reading >= window.width() * 0.45
        assert ink_fraction(viewer.scan_pane) > 0.02
    finally:
        window.close()
        viewer.shutdown()


@pytest.mark.parametrize("layout", [Layout.SIDE_BY_SIDE, Layout.TRANSCRIPT_ONLY])
def test_copy_with_citation_cites_the_scan_page_the_passage_is_on(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, layout: Layout
) -> None:
    viewer = make_viewer()
    window = viewer.window
    window.set_layout(layout)
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(samples)
    qtbot.waitUntil(lambda: viewer.scan_pane.page_texts() is not None, timeout=20000)
    assert viewer.scan_pane.current_page() == 0  # the scan shows page 1 (or nothing)
    browser = window.transcript.browser()
    passage = "There are one and a half million Koreans in Manchuria"
    qtbot.waitUntil(lambda: passage in browser.toPlainText(), timeout=20000)  # put in part by part
    assert browser.find(passage)
    with qtbot.waitSignal(QGuiApplication.clipboard().dataChanged, timeout=5000):
        window.copy_with_citation_action.trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"“{passage}”\n\n")
    assert copied.endswith(" Scan page 2.")


def test_a_missing_listed_scan_leaves_transcript_and_metadata_and_is_said_once_naming_the_record(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path
) -> None:
    telegram = archive / "records" / "1949-05-18-telegram"
    (telegram / "scan.pdf").rename(telegram / "elsewhere.pdf.bak")
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        window.open_path(archive)
    qtbot.waitUntil(lambda: "Yesterday, 17 May" in window.transcript.plain_text(), timeout=5000)
    assert window.metadata.value("Title").startswith("Telegram from the leader")
    message = window.messages.text()
    assert message.startswith("“Telegram from the leader of the group of Soviet specialists")
    assert "scan.pdf: the file does not exist." in message
    assert message.endswith("The transcript and metadata are still shown.")
    # The reason is in the message bar only; the scan pane points to it.
    assert "does not exist" not in viewer.scan_pane.notice_text()
    assert viewer.scan_pane.notice_text() == (
        "This scan cannot be shown: the message above says why."
    )


def test_a_broken_pdf_opened_alone_gives_its_reason_in_one_place(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.document_failed, timeout=10000):
        window.open_path(corpus / "broken" / "ocrmypdf_invalid.pdf")
    reason = "this is not a PDF that can be opened"
    shown = [
        window.messages.text(),
        viewer.scan_pane.notice_text(),
        window.transcript.notice(),
    ]
    assert [reason in text for text in shown] == [True, False, False]
    assert window.transcript.notice().startswith("No transcript")


def test_a_record_with_several_scans_offers_a_switch_and_shows_the_one_chosen(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], archive: Path, samples: Path
) -> None:
    telegram = archive / "records" / "1949-05-18-telegram"
    shutil.copy(samples / "records" / "specimen-card" / "scan.pdf", telegram / "envelope.pdf")
    toml = telegram / "record.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        + '\n[[scans]]\nfile = "envelope.pdf"\nlabel = "Envelope"\n',
        encoding="utf-8",
    )
    viewer = make_viewer()
    pane = viewer.scan_pane
    open_and_wait(qtbot, viewer, archive)
    assert viewer.window.current_record().id == "1949-05-18-telegram"
    assert pane.scan_switch.isVisible()
    assert pane.scan_labels() == ["Facsimile (typeset by Archive Viewer)", "Envelope"]
    assert pane.page_count_label.text().endswith("3")
    with qtbot.waitSignal(pane.document_opened, timeout=20000):
        qtbot.mouseClick(
            pane.scan_switch, Qt.MouseButton.LeftButton, pos=pane.scan_switch.tabRect(1).center()
        )
    assert pane.page_count_label.text().endswith("2")
    assert pane.current_scan() == 1
    qtbot.waitUntil(lambda: ink_fraction(pane.area) > 0.01, timeout=10000)
    # A record with one scan shows no switch.
    card = next(r for r in viewer.window.records.shown_records() if r.id == "specimen-card")
    with qtbot.waitSignal(pane.document_opened, timeout=20000):
        viewer.window.show_record(card)
    assert not pane.scan_switch.isVisible()


def make_big_archive(root: Path, count: int) -> Path:
    """`count` dated records that all mention wombats (more than a result page holds)."""
    for number in range(count):
        folder = root / f"r{number:03d}"
        folder.mkdir(parents=True)
        year = 1900 + (number * 37) % 100
        (folder / "record.toml").write_text(
            f'id = "r{number:03d}"\ntitle = "Report {number} on wombats"\ndate = "{year}"\n',
            encoding="utf-8",
        )
        (folder / "transcript.en.txt").write_text(
            f"Report {number}. The wombats were counted again.", encoding="utf-8"
        )
    return root


def test_every_search_hit_can_be_reached_sorted_by_date_and_exported(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from viewer.domain import export

    root = make_big_archive(tmp_path / "big", 120)
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(root)
    panel = window.search
    with qtbot.waitSignal(panel.results_shown, timeout=30000):
        window.search_action.trigger()
        qtbot.keyClicks(panel.search_box(), "wombats")
    assert panel.status_text() == "120 records; 50 listed, more as you scroll"
    view = panel.result_view()
    model = panel.result_model()
    # Scrolling to the end of the list brings the rest, page by page.
    for _ in range(10):
        if model.rowCount() == 120:
            break
        rows = model.rowCount()
        view.scrollToBottom()
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows, timeout=30000)
    assert model.rowCount() == 120
    assert panel.status_text() == "120 records"
    assert len({hit.record_id for hit in model.hits()}) == 120
    # Oldest first.
    order = next(c for c in panel.findChildren(QComboBox) if c.accessibleName() == "Sort results")
    with qtbot.waitSignal(panel.results_shown, timeout=30000):
        order.setCurrentIndex(1)
    years = [hit.date.year for hit in model.hits() if hit.date is not None]
    assert years == sorted(years) and years[0] == 1900
    # The export writes every match, not only those listed, and says how many.
    with qtbot.waitSignal(panel.results_shown, timeout=30000):
        order.setCurrentIndex(0)
    assert model.rowCount() < 120  # a page or two, as the view asks for them: not every match
    target = tmp_path / "results.bib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    bibtex = next(a for a in window.export_results_menu.actions() if a.text().startswith("BibTeX"))
    bibtex.trigger()
    qtbot.waitUntil(target.exists, timeout=30000)
    assert target.read_text(encoding="utf-8").count("@") == 120
    assert window.messages.text() == "Exported 120 records as BibTeX to results.bib"
    # The whole archive.
    whole = tmp_path / "all.ris"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(whole), ""))
    ris = next(a for a in window.export_archive_menu.actions() if a.text().startswith("RIS"))
    ris.trigger()
    assert whole.read_text(encoding="utf-8").count("TY  - ") == 120
    assert export.ExportFormat.RIS.suffix == ".ris"


def test_records_selected_with_ctrl_and_shift_click_export_together(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    root = make_big_archive(tmp_path / "big", 6)
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(root)
    dock = window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    library = dock.widget()
    view = library.view()
    shown = window.current_record().id

    def click(row: int, modifier: Qt.KeyboardModifier) -> None:
        rect = view.visualRect(library.model().index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    click(0, Qt.KeyboardModifier.NoModifier)
    click(2, Qt.KeyboardModifier.ShiftModifier)
    click(4, Qt.KeyboardModifier.ControlModifier)
    chosen = [record.id for record in library.selected_records()]
    assert len(chosen) == 4
    first = library.shown_records()[0].id
    assert window.current_record().id == first  # only the plain click opened a record
    target = tmp_path / "chosen.bib"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    bibtex = next(
        a for a in window.later.features()[1].export_menu.actions() if a.text().startswith("BibTeX")
    )
    bibtex.trigger()
    text = target.read_text(encoding="utf-8")
    assert text.count("@") == 4
    assert all(f"Report {int(rid[1:])} on wombats" in text for rid in chosen)
    assert window.messages.text() == "Exported 4 records as BibTeX to chosen.bib"
    assert shown


def test_a_passage_is_selected_with_the_keyboard_and_copied_with_its_citation(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    qtbot.waitUntil(lambda: viewer.scan_pane.page_texts() is not None, timeout=20000)
    # Copy with citation comes with the citation feature, built a piece per turn after the
    # first page (on a loaded machine, after the text layer).
    qtbot.waitUntil(lambda: window.later.cite_feature is not None, timeout=20000)
    browser = window.transcript.browser()
    window.activateWindow()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus)
    assert browser.textCursor().position() == 0  # the caret at the start of the text
    qtbot.keyClick(browser, Qt.Key.Key_Down)  # past "Nº 54611"
    qtbot.keyClick(browser, Qt.Key.Key_Down)  # past "18 May 1949 1718"
    for _ in range(3):  # to the end of the (wrapped) paragraph
        qtbot.keyClick(browser, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
        if browser.textCursor().atBlockEnd():
            break
        qtbot.keyClick(browser, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    selected = browser.textCursor().selectedText().strip()
    assert selected == "Yesterday, 17 May, Mao Zedong asked me to inform you of the following:"
    with qtbot.waitSignal(QGuiApplication.clipboard().dataChanged, timeout=5000):
        qtbot.keyClick(
            browser,
            Qt.Key.Key_C,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"“{selected}”\n\n")
    assert copied.endswith(" Scan page 1.")


def test_the_focused_pane_has_a_visible_frame(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    from viewer.ui import focus_frame

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    window.activateWindow()
    highlight = window.palette().highlight().color()
    browser = window.transcript.browser()
    scan = viewer.scan_pane.area

    def frame_colour(widget: QWidget) -> tuple[int, int, int]:
        image = widget.grab().toImage()
        colour = image.pixelColor(image.width() // 2, focus_frame.WIDTH // 2)
        return colour.red(), colour.green(), colour.blue()

    marked = (highlight.red(), highlight.green(), highlight.blue())
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Focus Transcript
    qtbot.waitUntil(browser.hasFocus)
    assert frame_colour(browser) == marked
    assert frame_colour(scan) != marked
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Focus Scan
    qtbot.waitUntil(scan.hasFocus)
    assert frame_colour(scan) == marked
    assert frame_colour(browser) != marked
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Focus Records
    records = window.findChild(QDockWidget, "recordsDock").widget()
    assert isinstance(records, LibraryPanel)
    qtbot.waitUntil(records.filter_edit().hasFocus)
    qtbot.keyClick(records.filter_edit(), Qt.Key.Key_Down)  # from the filter into the list
    qtbot.waitUntil(records.view().hasFocus)
    assert frame_colour(records.view()) == marked
    assert frame_colour(scan) != marked


def test_record_position_counts_in_the_order_the_record_list_shows(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    root = make_big_archive(tmp_path / "big", 5)  # folder order r000..r004, years 1900, 1937...
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(root)
    dock = window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    listed = [record.id for record in dock.widget().shown_records()]
    assert listed != sorted(listed)  # by date, not by folder
    for number, record_id in enumerate(listed, start=1):
        record = window.find_record(record_id)
        window.show_record(record)
        assert f"Record {number} of 5" in [
            label.text() for label in window.statusBar().findChildren(QLabel)
        ]


def test_the_scan_row_gives_its_note_without_repeating_the_label(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    scan = viewer.window.metadata.value("Scan")
    assert scan.startswith("Facsimile typeset by Archive Viewer from the published English")
    assert "(typeset by Archive Viewer)" not in scan


def test_go_to_page_is_in_the_go_menu_and_goes_to_the_page(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    from PySide6.QtWidgets import QMenu

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    go_menu = window.findChild(QMenu, "go_menu")
    entries = {a.text(): a.shortcut().toString() for a in go_menu.actions() if a.text()}
    assert entries["Go to page"] == "Ctrl+G"
    go = next(a for a in go_menu.actions() if a.text() == "Go to page")
    go.trigger()
    pane = viewer.scan_pane
    qtbot.waitUntil(pane.page_box.hasFocus)
    pane.page_box.selectAll()
    qtbot.keyClicks(pane.page_box, "3")
    qtbot.keyClick(pane.page_box, Qt.Key.Key_Return)
    assert pane.current_page() == 2


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_every_view_menu_entry_has_its_own_mnemonic(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], language: str
) -> None:
    from PySide6.QtWidgets import QMenu

    from viewer.services import i18n

    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, language)
    try:
        viewer = make_viewer()
        view_menu = viewer.window.findChild(QMenu, "view_menu")
        letters: list[str] = []
        for action in view_menu.actions():
            text = action.text()
            if action.isSeparator() or "&" not in text.replace("&&", ""):
                continue  # the panels' own toggles carry their titles, with shortcuts F8, F9
            letters.append(text.replace("&&", "")[text.replace("&&", "").index("&") + 1].lower())
        assert len(letters) >= 10
        assert len(letters) == len(set(letters)), letters
    finally:
        i18n.install(app, "en")


def test_selected_rows_are_readable_at_four_and_a_half_to_one(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    from viewer.ui import focus_frame

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    dock = window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    view = dock.widget().view()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    index = view.currentIndex()
    assert view.selectionModel().isSelected(index)
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    ratio = image.width() / view.viewport().width()
    # The selected row's background, past the end of its text, against the selected text colour.
    background = image.pixelColor(
        round((rect.right() - 2) * ratio), round(rect.center().y() * ratio)
    )
    text = view.palette().highlightedText().color()
    assert focus_frame.contrast(background, text) >= 4.5


def test_f1_lists_the_scans_shortcuts_too(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text)
    )
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    viewer.window.activateWindow()
    qtbot.keyClick(viewer.window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(shown))
    listed = shown[0]
    for name, keys in [
        ("Fit width", "W"),
        ("Fit page", "F"),
        ("Actual size", "Ctrl+0"),
        ("Go to page", "Ctrl+G"),
        ("Thumbnails", "F4"),
        ("Rotate this page", "Ctrl+R"),
    ]:
        assert f"<td>{name}</td><td><b>{keys}</b></td>" in listed, name


def test_a_record_without_a_scan_gives_the_transcript_the_whole_reading_area(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, tmp_path: Path
) -> None:
    root = tmp_path / "letters"
    shutil.copytree(samples, root)
    only_text = root / "records" / "zz-letter"
    only_text.mkdir()
    (only_text / "record.toml").write_text(
        'id = "zz-letter"\ntitle = "A letter kept as text"\ndate = "1950-01-02"\n', encoding="utf-8"
    )
    (only_text / "transcript.en.txt").write_text("Dear colleague, the box is safe.\n", "utf-8")
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(root)
    assert window.scan.isVisible()  # the telegram has its facsimile beside its translation
    letter = window.find_record("zz-letter")
    assert letter is not None
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.show_record(letter)
    qtbot.waitUntil(lambda: "the box is safe" in window.transcript.plain_text(), timeout=10000)
    assert not window.scan.isVisible()
    assert window.transcript.width() > 0.9 * (window.transcript.width() + window.scan.width())
    window.set_layout(Layout.SCAN_ONLY)  # alone, the scan pane says there is none
    assert window.scan.isVisible()
    window.set_layout(Layout.SIDE_BY_SIDE)
    assert not window.scan.isVisible()


def test_a_path_that_cannot_be_opened_is_said_in_words_and_opening_ends(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list", encoding="utf-8")
    viewer = make_viewer()
    window = viewer.window
    window.open_path(notes)
    qtbot.waitUntil(lambda: "can read" in window.messages.text(), timeout=20000)
    assert "notes.txt" in window.messages.text()
    assert not window.opening.progress.isVisible()
    assert not any(m.text.startswith("Opening") for m in window.messages.history)
    assert window.current_archive() is None
    assert window.session.state.opening is None
