"""The Cite panel, Copy with Citation and export, driven as a reader would: what is seen, copied."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from viewer.domain import archive, citation, export, quotation
from viewer.domain.citation import Form, Style
from viewer.domain.export import ExportFormat
from viewer.domain.model import BrokenRecord, Record
from viewer.domain.quotation import CitationChoice
from viewer.ui import citation_actions
from viewer.ui.cite_panel import CitePanel

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "samples" / "records" / "1949-05-18-telegram"
REFERENCE = REPO.parent / "shared" / "reference" / "citations" / "expected.json"
SEED_ID = "wc-seed-1949-05-18"
SEED_HOUSE = (
    '"Telegram from the leader of the group of Soviet specialists in Northeast China to the '
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    'military cooperation," May 18, 1949, History and Public Policy Program Digital Archive, '
    "AP RF. F. 4. Op. 1. D. 331. pp. 59-61. Translated by Gary Goldberg."
)
SEED_CHICAGO_SHORT = "Goldberg, “Telegram from the Leader.”"
PASSAGE = "Yesterday, 17 May, Mao Zedong asked me to inform you of the following:"
CHICAGO_NOTE = (
    "Gary Goldberg, trans., “Telegram from the Leader of the Group of Soviet Specialists in "
    "Northeast China to the Chairman of the USSR Council of Ministers about the Results of the "
    "Chinese-Korean Talks on Military Cooperation,” History and Public Policy Program Digital "
    "Archive, May 18, 1949, F. 4. Op. 1. D. 331. pp. 59-61, AP RF."
)


@pytest.fixture(scope="module")
def seed() -> Record:
    record = archive.load_record(SEED)
    assert isinstance(record, Record)
    return record


@pytest.fixture(scope="module")
def scan_texts() -> tuple[str, ...]:
    """The text layer of the telegram's three-page scan, as the render worker reads it."""
    from viewer.domain import pdf

    path = SEED / "scan.pdf"
    doc, _info = pdf.open_document(path)
    try:
        return tuple(pdf.page_texts(doc, path))
    finally:
        doc.close()


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    """citeproc-js's and the archive's own citations of the seed."""
    if not REFERENCE.is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    data: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return data


def expected_text(reference: dict[str, Any], choice: CitationChoice, fmt: str = "text") -> str:
    """The reference string for the seed in `choice`; the short note has none (documented form)."""
    if choice.style is Style.HOUSE:
        house: str = reference["house"][SEED_ID]
        return house
    if choice.form is Form.SHORT:
        return SEED_CHICAGO_SHORT
    part = "bibliography" if choice.form is Form.BIBLIOGRAPHY else "citation"
    text: str = reference[choice.style.csl_id][SEED_ID][fmt][part]
    return text


def shown_text(label: QLabel) -> str:
    """What the label shows, selected as a reader would select all of it."""
    document = QTextDocument()
    if label.textFormat() == Qt.TextFormat.PlainText:
        document.setPlainText(label.text())
    else:
        document.setHtml(label.text())
    length = len(document.toPlainText())
    label.setSelection(0, length)
    return label.selectedText()


def find(widget: QWidget, kind: type[Any], name: str) -> Any:
    """The child of `kind` a screen reader announces as `name`."""
    found = [w for w in widget.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    return found[0]


@pytest.fixture
def panel(qtbot: QtBot, seed: Record) -> Iterator[CitePanel]:
    # Hosted as in a dock: the offscreen platform warns when a top-level window's size limits move.
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(500, 900)
    widget = CitePanel(confirmation_ms=100, parent=host)
    widget.resize(500, 900)
    widget.show_record(seed)
    host.show()
    qtbot.waitExposed(host)
    yield widget  # the host, and so the panel, lives until the test ends


# --- The Cite panel --------------------------------------------------------------------------


def test_panel_shows_the_seed_house_citation_exactly_as_the_seed_page(
    panel: CitePanel, reference: dict[str, Any]
) -> None:
    shown = shown_text(find(panel, QLabel, "House style"))
    assert shown == reference["house"][SEED_ID] == SEED_HOUSE


def test_panel_shows_the_seed_chicago_note_exactly_as_citeproc_js(
    panel: CitePanel, reference: dict[str, Any]
) -> None:
    shown = shown_text(find(panel, QLabel, "Chicago note"))
    assert shown == reference["chicago-notes-bibliography"][SEED_ID]["text"]["citation"]
    assert shown == CHICAGO_NOTE


@pytest.mark.parametrize("choice", quotation.CHOICES, ids=lambda c: c.key)
def test_panel_shows_every_style_at_once(
    panel: CitePanel, reference: dict[str, Any], choice: CitationChoice
) -> None:
    label = panel.citation_label(choice)
    assert label.isVisible()
    assert shown_text(label) == expected_text(reference, choice)


def test_mla_and_apa_show_their_in_text_citation_beneath_the_entry(panel: CitePanel) -> None:
    assert shown_text(find(panel, QLabel, "MLA in-text citation")) == "(Goldberg)"
    assert shown_text(find(panel, QLabel, "APA in-text citation")) == (
        "(Telegram from the Leader of the Group of Soviet Specialists in Northeast China to the "
        "Chairman of the USSR Council of Ministers about the Results of the Chinese-Korean Talks "
        "on Military Cooperation, 1949)"
    )


def test_apa_title_is_shown_in_italics_and_chicago_title_is_not(panel: CitePanel) -> None:
    def italic_text(label: QLabel) -> str:
        document = QTextDocument()
        document.setHtml(label.text())
        italic = []
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().fontItalic():
                    italic.append(fragment.text())
                iterator += 1
            block = block.next()
        return "".join(italic)

    assert italic_text(find(panel, QLabel, "APA")) == (
        "Telegram from the leader of the group of Soviet specialists in Northeast China to the "
        "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks "
        "on military cooperation"
    )
    assert italic_text(find(panel, QLabel, "Chicago note")) == ""


@pytest.mark.parametrize("choice", quotation.CHOICES, ids=lambda c: c.key)
def test_each_copy_button_puts_exact_text_and_html_on_the_clipboard(
    qtbot: QtBot,
    panel: CitePanel,
    seed: Record,
    reference: dict[str, Any],
    choice: CitationChoice,
) -> None:
    button = find(panel, QPushButton, f"Copy {choice.label}")
    assert button is panel.copy_button(choice)
    with qtbot.waitSignal(panel.citation_copied) as copied:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    plain = expected_text(reference, choice)
    assert mime.text() == plain
    assert copied.args == [plain]
    html = citation.cite(seed, choice.style, choice.form, "html")
    assert mime.html() == html
    if choice.style in (Style.CHICAGO, Style.MLA, Style.APA) and choice.form is not Form.SHORT:
        assert html == expected_text(reference, choice, "html")
    assert panel.confirmation() == f"Copied: {choice.label}"


def test_copied_confirmation_clears_after_its_delay(qtbot: QtBot, panel: CitePanel) -> None:
    qtbot.mouseClick(find(panel, QPushButton, "Copy Chicago note"), Qt.MouseButton.LeftButton)
    assert find(panel, QLabel, "Citation copied").text() == "Copied: Chicago note"
    qtbot.waitUntil(lambda: panel.confirmation() == "", timeout=2000)


def test_copy_by_style_and_form_copies_the_chicago_bibliography_entry(panel: CitePanel) -> None:
    plain = panel.copy(Style.CHICAGO, Form.BIBLIOGRAPHY)
    assert plain.startswith("Goldberg, Gary, trans. “Telegram from the Leader")
    assert QGuiApplication.clipboard().mimeData().html().startswith('<div class="csl-entry">')
    assert panel.confirmation() == "Copied: Chicago bibliography"


# --- The style chooser -----------------------------------------------------------------------


def test_style_chooser_emits_the_key_the_reader_picks(qtbot: QtBot, panel: CitePanel) -> None:
    chooser = find(panel, QComboBox, "Citation style")
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        c.label for c in quotation.CHOICES
    ]
    chooser.setFocus()
    with qtbot.waitSignal(panel.style_chosen) as chosen:
        qtbot.keyClick(chooser, Qt.Key.Key_Down)
    assert chosen.args == ["chicago-note"]
    with qtbot.waitSignal(panel.style_chosen) as chosen:
        chooser.setCurrentIndex(chooser.findText("APA"))
    assert chosen.args == ["apa"]
    assert panel.choice() == quotation.APA


def test_restoring_the_remembered_choice_does_not_emit(qtbot: QtBot, panel: CitePanel) -> None:
    with qtbot.assertNotEmitted(panel.style_chosen):
        panel.set_choice(quotation.parse_choice("mla"))
    assert find(panel, QComboBox, "Citation style").currentText() == "MLA"
    assert panel.choice() == quotation.MLA


def test_copy_chosen_copies_the_citation_picked_in_the_chooser(
    panel: CitePanel, reference: dict[str, Any]
) -> None:
    panel.set_choice(quotation.CHICAGO_SHORT)
    assert panel.copy_chosen() == SEED_CHICAGO_SHORT
    assert QGuiApplication.clipboard().text() == SEED_CHICAGO_SHORT
    assert panel.confirmation() == "Copied: Chicago short note"


# --- Records with less to show ---------------------------------------------------------------


def test_chicago_bibliography_left_out_says_so_and_cannot_be_copied(
    qtbot: QtBot, panel: CitePanel, tmp_path: Path
) -> None:
    memo = Record(id="memo", title="Notes on the talks", folder=tmp_path)
    panel.show_record(memo)
    label = find(panel, QLabel, "Chicago bibliography")
    assert shown_text(label) == "(not in bibliography)"
    assert not panel.copy_button(quotation.CHICAGO_BIBLIOGRAPHY).isEnabled()
    assert shown_text(find(panel, QLabel, "Chicago note")) == (
        "“Notes on the Talks,” unpublished manuscript, n.d."
    )
    QGuiApplication.clipboard().setText("before")
    assert panel.copy(Style.CHICAGO, Form.BIBLIOGRAPHY) == ""
    assert QGuiApplication.clipboard().text() == "before"


def test_no_record_hides_the_citations_and_a_broken_one_says_why(
    panel: CitePanel, tmp_path: Path
) -> None:
    panel.show_record(None)
    assert find(panel, QLabel, "Cite notice").text() == "No record is open."
    assert not panel.citation_label(quotation.HOUSE).isVisible()
    assert not any(panel.copy_button(c).isEnabled() for c in quotation.CHOICES)
    assert panel.copy(Style.HOUSE) == ""
    panel.show_record(BrokenRecord(tmp_path, "record.toml: title is missing", "x"))
    assert find(panel, QLabel, "Cite notice").text() == (
        "This record cannot be read, so it cannot be cited: record.toml: title is missing"
    )
    assert panel.record() is None


# --- Copy with citation ----------------------------------------------------------------------


@pytest.fixture
def transcript(qtbot: QtBot) -> QTextBrowser:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml((SEED / "transcript.en.html").read_text(encoding="utf-8"))
    browser.resize(600, 400)
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def copy_and_wait(qtbot: QtBot, action: Any) -> str:
    """Trigger "Copy with Citation" and wait for the clipboard it writes; its text."""
    with qtbot.waitSignal(QGuiApplication.clipboard().dataChanged, timeout=5000):
        action.trigger()
    return QGuiApplication.clipboard().text()


def seed_chicago_note(seed: Record) -> tuple[str, str]:
    return (
        citation.cite(seed, Style.CHICAGO, Form.NOTE, "text"),
        citation.cite(seed, Style.CHICAGO, Form.NOTE, "html"),
    )


def test_copy_with_citation_puts_quotation_citation_and_scan_page_on_the_clipboard(
    qtbot: QtBot, transcript: QTextBrowser, seed: Record, scan_texts: tuple[str, ...]
) -> None:
    copied: list[str] = []
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: scan_texts, copied.append
    )
    assert action.text() == "Copy with Citation"
    assert action.shortcut().toString() == "Ctrl+Alt+C"
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert transcript.find(PASSAGE)
    copy_and_wait(qtbot, action)
    mime = QGuiApplication.clipboard().mimeData()
    plain = f"“{PASSAGE}”\n\n{CHICAGO_NOTE} Scan page 1."
    assert mime.text() == plain
    assert mime.html() == (
        f"<blockquote><p>{PASSAGE}</p></blockquote>\n<p>{CHICAGO_NOTE} Scan page 1.</p>"
    )
    assert copied == [plain]


def test_the_passages_page_is_looked_for_off_the_window_thread(
    qtbot: QtBot,
    transcript: QTextBrowser,
    seed: Record,
    scan_texts: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A passage is compared with every page of the scan's text (thousands of pages, and
    # minutes' worth of comparing in a hostile case): the window must not wait for it.
    threads: list[str] = []
    real = quotation.passage_pages

    def spy(passage: str, page_texts: Any) -> quotation.Pages:
        threads.append(threading.current_thread().name)
        return real(passage, page_texts)

    monkeypatch.setattr(quotation, "passage_pages", spy)
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: scan_texts
    )
    passage = "There are one and a half million Koreans in Manchuria"
    assert transcript.find(passage)
    QGuiApplication.clipboard().setText("before")
    action.trigger()
    assert QGuiApplication.clipboard().text() == "before"  # not yet: the page is being found
    assert copy_and_wait(qtbot, action) == f"“{passage}”\n\n{CHICAGO_NOTE} Scan page 2."
    assert threads and threading.main_thread().name not in threads


def test_ctrl_alt_c_in_the_transcript_copies_with_citation(
    qtbot: QtBot, transcript: QTextBrowser, seed: Record
) -> None:
    citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: None
    )
    transcript.activateWindow()
    transcript.setFocus()
    qtbot.waitUntil(transcript.hasFocus)
    assert transcript.find("Mao Zedong asked me")
    with qtbot.waitSignal(QGuiApplication.clipboard().dataChanged, timeout=5000):
        qtbot.keyClick(
            transcript,
            Qt.Key.Key_C,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    assert QGuiApplication.clipboard().text() == f"“Mao Zedong asked me”\n\n{CHICAGO_NOTE}"


def test_a_passage_of_several_paragraphs_keeps_them_and_an_apa_entry_is_unwrapped(
    qtbot: QtBot, transcript: QTextBrowser, seed: Record, scan_texts: tuple[str, ...]
) -> None:
    apa = (quotation.APA.cite(seed, "text"), quotation.APA.cite(seed, "html"))
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: apa, lambda: scan_texts
    )
    assert transcript.find("1. The situation in the Orient.")
    cursor = transcript.textCursor()
    start = cursor.selectionStart()
    assert transcript.find("2. The creation of an information bureau.")
    cursor.setPosition(start)
    cursor.setPosition(transcript.textCursor().selectionEnd(), cursor.MoveMode.KeepAnchor)
    transcript.setTextCursor(cursor)
    copy_and_wait(qtbot, action)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == (
        "“1. The situation in the Orient.\n2. The creation of an information bureau.”\n\n"
        f"{apa[0]} Scan page 1."
    )
    entry = apa[1].removeprefix('<div class="csl-entry">').removesuffix("</div>")
    assert mime.html() == (
        "<blockquote><p>1. The situation in the Orient.</p>"
        "<p>2. The creation of an information bureau.</p></blockquote>\n"
        f"<p>{entry} Scan page 1.</p>"
    )


def test_copy_with_citation_is_disabled_until_text_is_selected(
    transcript: QTextBrowser, seed: Record
) -> None:
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: None
    )
    assert not action.isEnabled()
    assert transcript.find(PASSAGE)
    assert action.isEnabled()
    cursor = transcript.textCursor()
    cursor.clearSelection()
    transcript.setTextCursor(cursor)
    assert not action.isEnabled()


def test_without_a_record_the_quotation_is_copied_with_its_page(
    qtbot: QtBot, transcript: QTextBrowser, scan_texts: tuple[str, ...]
) -> None:
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: None, lambda: scan_texts
    )
    passage = "There are one and a half million Koreans in Manchuria"
    assert transcript.find(passage)
    copy_and_wait(qtbot, action)
    assert QGuiApplication.clipboard().text() == f"“{passage}”\n\nScan page 2."


def test_a_passage_on_the_second_scan_page_is_cited_there_and_one_not_in_the_scan_without_page(
    qtbot: QtBot, transcript: QTextBrowser, seed: Record, scan_texts: tuple[str, ...]
) -> None:
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: scan_texts
    )
    passage = "We can transfer these divisions to North Korea at any time at their request."
    assert transcript.find(passage)
    copy_and_wait(qtbot, action)
    assert QGuiApplication.clipboard().text() == f"“{passage}”\n\n{CHICAGO_NOTE} Scan page 2."
    # Over the break between pages 1 and 2.
    over = "to the establishment of mutual"
    transcript.moveCursor(transcript.textCursor().MoveOperation.Start)
    assert transcript.find(over)
    copy_and_wait(qtbot, action)
    assert QGuiApplication.clipboard().text() == f"“{over}”\n\n{CHICAGO_NOTE} Scan pages 1–2."
    # Without the scan's text (not read yet, or none), no page rather than a guessed one.
    bare = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: None
    )
    copy_and_wait(qtbot, bare)
    assert QGuiApplication.clipboard().text() == f"“{over}”\n\n{CHICAGO_NOTE}"


def test_transcript_context_menu_offers_copy_with_citation_after_copy(
    transcript: QTextBrowser, seed: Record
) -> None:
    action = citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: None
    )
    assert transcript.find(PASSAGE)
    menu = citation_actions.context_menu(transcript, action, QPoint(10, 10))
    texts = [a.text() for a in menu.actions()]
    assert texts[-1] == "Copy with Citation"
    assert any(t.replace("&", "").startswith("Copy") for t in texts[:-1])
    assert menu.actions()[-1].isEnabled()
    menu.deleteLater()


# A popup menu asks the offscreen platform for things it cannot do; on a screen it can.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_right_click_in_the_transcript_shows_the_menu_with_copy_with_citation(
    qtbot: QtBot, transcript: QTextBrowser, seed: Record
) -> None:
    citation_actions.install_copy_with_citation(
        transcript, lambda: seed_chicago_note(seed), lambda: None
    )
    assert transcript.find(PASSAGE)
    seen: list[str] = []

    def read_and_close_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions() if a.isEnabled())
        menu.close()

    QTimer.singleShot(50, read_and_close_menu)
    viewport = transcript.viewport()
    position = QPoint(20, 20)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, viewport.mapToGlobal(position)
    )
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen[-1] == "Copy with Citation"


# --- Export ----------------------------------------------------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder to export into."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[tuple[Any, ...]]:
    """Make the save dialog answer `answer`; the calls it received."""
    calls: list[tuple[Any, ...]] = []

    def save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
        calls.append(args)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    return calls


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda f: f.value)
def test_export_writes_exactly_what_the_export_module_gives(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record, fmt: ExportFormat
) -> None:
    target = out / f"seed{fmt.suffix}"
    calls = answer_save_dialog(monkeypatch, str(target))
    errors: list[str] = []
    written = citation_actions.export_records(None, [seed], fmt, errors.append, directory=out)
    assert written == target
    assert errors == []
    assert target.read_bytes() == export.export([seed], fmt).encode("utf-8")
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert calls[0][2] == str(out / f"1949-05-18-telegram{fmt.suffix}")
    label = citation_actions.FORMAT_LABELS[fmt]
    assert calls[0][1] == f"Export 1 record as {label}"
    assert calls[0][3].startswith(f"{label} (*{fmt.suffix})")


def test_export_menu_exports_every_record_of_the_result_and_adds_the_suffix(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    other = archive.load_record(REPO / "samples" / "records" / "specimen-card")
    assert isinstance(other, Record)
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[str] = []
    exported: list[Path] = []
    menu = citation_actions.build_export_menu(
        parent, lambda: [seed, other], errors.append, on_exported=exported.append
    )
    assert [a.text() for a in menu.actions()] == ["BibTeX…", "RIS…", "CSL-JSON…"]
    calls = answer_save_dialog(monkeypatch, str(out / "result"))
    menu.actions()[1].trigger()
    target = out / "result.ris"
    assert exported == [target]
    assert errors == []
    assert target.read_text(encoding="utf-8") == export.export([seed, other], ExportFormat.RIS)
    assert calls[0][1] == "Export 2 records as RIS"
    assert Path(calls[0][2]).name == "citations.ris"


def test_export_replaces_an_existing_file_keeping_its_permissions(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    target = out / "seed.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    answer_save_dialog(monkeypatch, str(target))
    citation_actions.export_records(None, [seed], ExportFormat.CSL_JSON, pytest.fail)
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "1949-05-18-telegram"
    assert target.stat().st_mode & 0o777 == 0o600


def test_cancelling_the_save_dialog_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    answer_save_dialog(monkeypatch, "")
    result = citation_actions.export_records(
        None, [seed], ExportFormat.BIBTEX, pytest.fail, directory=out
    )
    assert result is None
    assert list(out.iterdir()) == []


def test_export_into_a_folder_that_is_a_file_reports_the_file_and_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    blocker = out / "notes"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    target = blocker / "seed.bib"
    answer_save_dialog(monkeypatch, str(target))
    errors: list[str] = []
    assert citation_actions.export_records(None, [seed], ExportFormat.BIBTEX, errors.append) is None
    assert errors == [
        f"The BibTeX export could not be written to {target}: Not a directory. "
        "Choose a folder you can write to."
    ]


def test_export_onto_a_folder_reports_it_and_removes_the_temporary_file(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    target = out / "seed.ris"
    target.mkdir()
    answer_save_dialog(monkeypatch, str(target))
    errors: list[str] = []
    citation_actions.export_records(None, [seed], ExportFormat.RIS, errors.append)
    assert len(errors) == 1
    assert str(target) in errors[0]
    assert [p.name for p in out.iterdir()] == ["seed.ris"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_export_into_a_read_only_folder_reports_the_file(
    monkeypatch: pytest.MonkeyPatch, out: Path, seed: Record
) -> None:
    folder = out / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    target = folder / "seed.bib"
    answer_save_dialog(monkeypatch, str(target))
    errors: list[str] = []
    try:
        citation_actions.export_records(None, [seed], ExportFormat.BIBTEX, errors.append)
    finally:
        folder.chmod(0o755)
    assert errors == [
        f"The BibTeX export could not be written to {target}: Permission denied. "
        "Choose a folder you can write to."
    ]
    assert list(folder.iterdir()) == []


def test_exporting_no_records_says_what_to_do_without_a_dialog(
    monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    calls = answer_save_dialog(monkeypatch, str(out / "x.bib"))
    errors: list[str] = []
    citation_actions.export_records(None, [], ExportFormat.BIBTEX, errors.append)
    assert errors == [
        "There is no record to export as BibTeX. Open a record or run a search first."
    ]
    assert calls == []
