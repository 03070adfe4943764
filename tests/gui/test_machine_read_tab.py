"""Machine-read text of a record with no transcript: a tab of its own, doubtful words marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTabBar
from pytestqt.qtbot import QtBot

from viewer.domain import model, ocr, transcript
from viewer.ui import ocr_feature
from viewer.ui.transcript_view import TranscriptPane

LABEL = "Machine-read text (OCR, unchecked)"


def _page() -> ocr.OcrPage:
    words = (
        ocr.OcrWord("Consulate", 0, 0, 40, 10, 96.0, 1, 1),
        ocr.OcrWord("of", 42, 0, 50, 10, 95.0, 1, 1),
        ocr.OcrWord("Harbln", 52, 0, 80, 10, 31.0, 1, 1),
        ocr.OcrWord("Visa", 0, 12, 20, 22, 93.0, 2, 1),
    )
    return ocr.OcrPage(0, "eng", words)


def _show(qtbot: QtBot, pane: TranscriptPane) -> None:
    html = ocr_feature.page_html(_page())
    with qtbot.waitSignal(pane.text_shown, timeout=5_000):
        pane.show_machine_read(
            LABEL, "Checked by no one.", transcript.Display((html,), 25, False, 25)
        )


def test_machine_read_text_is_on_a_tab_of_its_own_with_doubtful_words_marked(
    qtbot: QtBot,
) -> None:
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.show_notice("This record has no transcript. The scan is shown on its own.")
    _show(qtbot, pane)
    switch = pane.findChild(QTabBar)
    assert switch is not None and switch.isVisible()
    assert pane.languages() == [LABEL]
    assert pane.notice() == ""
    assert pane.plain_text() == "Consulate of Harbln\nVisa"
    assert pane.current() is None  # no transcript file behind it
    document = pane.browser().document()
    formats = {}
    for word in ("Consulate", "Harbln"):
        cursor = document.find(word)
        cursor.setPosition(cursor.selectionStart() + 1, QTextCursor.MoveMode.MoveAnchor)
        formats[word] = cursor.charFormat()
    assert formats["Harbln"].fontUnderline() and not formats["Consulate"].fontUnderline()
    assert formats["Harbln"].background().color().name() == "#fff0b3"
    assert formats["Harbln"].toolTip() == "31%"  # the confidence, under the pointer


def test_the_next_record_with_transcripts_replaces_the_machine_read_tab(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.show()
    _show(qtbot, pane)
    english = model.Transcript(tmp_path / "t.en.txt", "en", model.TranscriptFormat.TEXT)
    russian = model.Transcript(tmp_path / "t.ru.txt", "ru", model.TranscriptFormat.TEXT)
    assert pane.set_transcripts((english, russian), "ru") is russian
    assert LABEL not in pane.languages()
    assert len(pane.languages()) == 2
