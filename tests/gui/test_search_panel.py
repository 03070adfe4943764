"""The search panel over a real index: search as you type, highlighted snippets, facets, opening."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from viewer.domain import archive as loader
from viewer.domain import search
from viewer.domain import search_source as source
from viewer.services import indexer
from viewer.ui import highlight
from viewer.ui.search_facets import WITH_TEXT_LAYER
from viewer.ui.search_panel import ResultListModel, SearchPanel

MARK = highlight.MARK_OPEN
END = highlight.MARK_CLOSE
TELEGRAM = "1949-05-18-telegram"
MEMO = "1950-01-12-memo"
YOLKA = "1953-03-05-yolka"
SCAN = "1961-scan"
NOTE = "undated-note"

OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints"  # the offscreen platform's limitation
)

RECORDS = {
    TELEGRAM: (
        'title = "Telegram on the Chinese-Korean talks"\ndate = "1949-05-18"\n'
        'languages = ["ru"]\ncollection = "Far East"\n',
        "transcript.en.txt",
        "Yesterday Mao Zedong asked me to send this telegram. The telegram went at once. "
        "Reply by telegram.",
    ),
    MEMO: (
        'title = "Memorandum on the Korean question"\ndate = "1950-01-12"\n'
        'languages = ["en"]\ncollection = "Cold War"\n',
        "transcript.en.txt",
        "A telegram from Pyongyang raised the Korean question again. Gāo Gǎng was present.",
    ),
    YOLKA: (
        'title = "Новогодняя ёлка в Кремле"\ndate = "1953-03-05"\n'
        'languages = ["ru"]\ncollection = "Far East"\n',
        "transcript.ru.txt",
        "Ёлка стояла в зале. Телеграмма пришла поздно.",
    ),
    SCAN: (
        'title = "Report with a stamped scan"\ndate = "1961"\n'
        'languages = ["en"]\ncollection = "Cold War"\n',
        "transcript.en.txt",
        "Nothing special is written here.",
    ),
    NOTE: (
        'title = "Undated note on the Korean question"\nlanguages = ["en"]\n',
        "transcript.en.txt",
        "A short note.",
    ),
}


def make_archive(root: Path) -> Path:
    """Five readable records (one with a scan whose text layer says "telegram") and a broken one."""
    for record_id, (toml, name, text) in RECORDS.items():
        folder = root / record_id
        folder.mkdir(parents=True)
        (folder / "record.toml").write_text(f'id = "{record_id}"\n{toml}', encoding="utf-8")
        (folder / name).write_text(text, encoding="utf-8")
    (root / SCAN / "scan.pdf").write_bytes(b"%PDF stand-in: its text comes from text_layer")
    broken = root / "broken-record"
    broken.mkdir()
    (broken / "record.toml").write_text("id = = broken\n", encoding="utf-8")
    return root


def text_layer(path: Path) -> list[str]:
    """The scan's text layer (PyMuPDF's part, which these tests leave out)."""
    return ["Received by telegram, stamped."]


@dataclass
class Setup:
    panel: SearchPanel
    service: indexer.SearchService
    job: indexer.IndexJob
    calls: list[tuple[str, search.Filters]]


@contextlib.contextmanager
def make_setup(
    qtbot: QtBot, tmp_path: Path, machine_text: source.MachineText | None = None
) -> Iterator[Setup]:
    """A panel wired as the app wires it: IndexJob progress, then SearchService answers."""
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    service = indexer.SearchService()
    calls: list[tuple[str, search.Filters]] = []

    def search_function(text: str, filters: search.Filters) -> int:
        calls.append((text, filters))
        return service.search(text, filters)

    panel = SearchPanel(search_function)
    qtbot.addWidget(panel)
    service.search_finished.connect(panel.show_results)
    service.search_failed.connect(panel.show_error)
    job = indexer.IndexJob(
        archive, cache_dir=tmp_path / "cache", text_layer=text_layer, machine_text=machine_text
    )
    job.progress_changed.connect(panel.set_progress)
    with qtbot.waitSignal(job.index_finished, timeout=10_000) as finished:
        job.start()
    assert job.wait(5_000)
    stats = finished.args[0]
    service.open(search.IndexLocation(stats.path, stats.read_only))
    panel.set_index_ready()
    try:
        yield Setup(panel, service, job, calls)
    finally:
        assert service.shut_down()


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path) -> Iterator[Setup]:
    with make_setup(qtbot, tmp_path) as made:
        yield made


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for each character (QTest's keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_query(qtbot: QtBot, panel: SearchPanel, text: str) -> int:
    """Type `text` into the search box as a person would and wait for the results shown."""
    box = panel.search_box()
    box.clear()
    with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
        type_text(box, text)
    total: int = shown.args[0]
    return total


def shown_ids(panel: SearchPanel) -> list[str]:
    return [hit.record_id for hit in panel.result_model().hits()]


def row_html(panel: SearchPanel, record_id: str) -> str:
    model = panel.result_model()
    row = shown_ids(panel).index(record_id)
    html: str = model.data(model.index(row), ResultListModel.HTML_ROLE)
    return html


def test_typing_shows_matching_records_with_the_word_highlighted(
    qtbot: QtBot, setup: Setup
) -> None:
    total = type_query(qtbot, setup.panel, "telegram")
    assert total == 3
    assert setup.panel.status_text() == "3 records"
    assert shown_ids(setup.panel)[0] == TELEGRAM  # a title hit ranks first
    assert sorted(shown_ids(setup.panel)) == sorted([TELEGRAM, MEMO, SCAN])
    assert row_html(setup.panel, MEMO) == (
        f"<b>Memorandum on the Korean question</b><br><small>January 12, 1950</small><br>"
        f"A {MARK}telegram{END} from Pyongyang raised the Korean question again. "
        "Gāo Gǎng was present."
    )
    assert row_html(setup.panel, TELEGRAM) == (
        f"<b>{MARK}Telegram{END} on the Chinese-Korean talks</b><br><small>May 18, 1949</small>"
        f"<br>Yesterday Mao Zedong asked me to send this {MARK}telegram{END}. "
        f"The {MARK}telegram{END} went at once. Reply by…"
    )


def test_typing_is_throttled_into_one_query(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "telegram")
    assert setup.calls == [("telegram", search.Filters())]


def test_phrase_narrows_the_list(qtbot: QtBot, setup: Setup) -> None:
    assert type_query(qtbot, setup.panel, "korean") == 3
    assert sorted(shown_ids(setup.panel)) == sorted([TELEGRAM, MEMO, NOTE])
    assert type_query(qtbot, setup.panel, '"korean question"') == 2
    assert sorted(shown_ids(setup.panel)) == sorted([MEMO, NOTE])
    assert type_query(qtbot, setup.panel, "korean NOT memorandum") == 2
    assert sorted(shown_ids(setup.panel)) == sorted([TELEGRAM, NOTE])


def test_facets_show_counts_and_narrow_the_search(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "telegram")
    decade, year, language, collection, layer, _machine_read, _notes = setup.panel.facet_combos()
    assert decade.labels() == ["Any decade", "1940s (1)", "1950s (1)", "1960s (1)"]
    assert year.labels() == ["Any year", "1949 (1)", "1950 (1)", "1961 (1)"]
    assert sorted(language.labels()[1:]) == ["English (2)", "Russian (1)"]
    assert collection.labels() == ["Any collection", "Cold War (2)", "Far East (1)"]
    assert layer.labels() == [
        "With or without",
        "With a text layer (1)",
        "Without a text layer (2)",
    ]
    assert setup.panel.notes_facet() is None  # no notes found (a kiosk has none at all)

    with qtbot.waitSignal(setup.panel.results_shown, timeout=10_000) as shown:
        decade.setCurrentIndex(decade.findData(1950))
    assert shown.args[0] == 1
    assert shown_ids(setup.panel) == [MEMO]
    assert setup.calls[-1] == ("telegram", search.Filters(decade=1950))
    assert decade.currentText() == "1950s (1)"

    with qtbot.waitSignal(setup.panel.results_shown, timeout=10_000):
        decade.setCurrentIndex(0)
    with qtbot.waitSignal(setup.panel.results_shown, timeout=10_000) as shown:
        layer.setCurrentIndex(layer.findData(WITH_TEXT_LAYER))
    assert shown_ids(setup.panel) == [SCAN]
    assert setup.panel.status_text() == "1 record"

    with qtbot.waitSignal(setup.panel.results_shown, timeout=10_000):
        layer.setCurrentIndex(0)
    with qtbot.waitSignal(setup.panel.results_shown, timeout=10_000):
        language.setCurrentIndex(language.findData("ru"))
    assert shown_ids(setup.panel) == [TELEGRAM]


@OFFSCREEN_SIZE_HINTS
def test_clicking_a_hit_opens_it_with_the_query(qtbot: QtBot, setup: Setup) -> None:
    setup.panel.resize(420, 600)
    setup.panel.show()
    qtbot.waitExposed(setup.panel)
    type_query(qtbot, setup.panel, "telegram")
    view = setup.panel.result_view()
    rect = view.visualRect(view.model().index(0, 0))
    with qtbot.waitSignal(setup.panel.hit_opened) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [TELEGRAM, "telegram"]


def test_enter_on_a_hit_opens_it(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "korean question")
    qtbot.keyClick(setup.panel.search_box(), Qt.Key.Key_Down)
    view = setup.panel.result_view()
    assert view.currentIndex().row() == 0
    first = shown_ids(setup.panel)[0]
    with qtbot.waitSignal(setup.panel.hit_opened) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [first, "korean question"]


@OFFSCREEN_SIZE_HINTS
def test_highlighted_words_are_painted_in_the_result_list(qtbot: QtBot, setup: Setup) -> None:
    setup.panel.resize(420, 600)
    setup.panel.show()
    qtbot.waitExposed(setup.panel)
    type_query(qtbot, setup.panel, "telegram")
    image = setup.panel.result_view().viewport().grab().toImage()
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    target = highlight.HIT_BACKGROUND.rgb()
    marked = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == target
    )
    assert marked > 50


def test_cyrillic_yo_and_ye_find_the_same_record(qtbot: QtBot, setup: Setup) -> None:
    assert type_query(qtbot, setup.panel, "елка") == 1
    assert shown_ids(setup.panel) == [YOLKA]
    # the best snippet is the title itself, so it is not shown twice
    assert row_html(setup.panel, YOLKA) == (
        f"<b>Новогодняя {MARK}ёлка{END} в Кремле</b><br><small>March 5, 1953</small>"
    )
    assert type_query(qtbot, setup.panel, "Ёлка") == 1


def test_latin_diacritics_are_ignored_both_ways(qtbot: QtBot, setup: Setup) -> None:
    assert type_query(qtbot, setup.panel, "gao gang") == 1
    assert f"{MARK}Gāo{END} {MARK}Gǎng{END} was present." in row_html(setup.panel, MEMO)
    assert type_query(qtbot, setup.panel, "Gǎo gāng") == 1
    assert shown_ids(setup.panel) == [MEMO]


def test_stale_results_are_ignored(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "telegram")
    latest = setup.panel.latest_query_id()
    assert latest is not None
    stale = search.SearchResults(search.parse_query("korean"), search.Filters(), 0, ())
    setup.panel.show_results(latest - 1, stale)
    assert len(shown_ids(setup.panel)) == 3
    assert setup.panel.status_text() == "3 records"


def test_clearing_the_box_clears_the_results(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "telegram")
    box = setup.panel.search_box()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: setup.panel.result_model().rowCount() == 0)
    assert setup.panel.status_text() == ""
    qtbot.keyClicks(box, "NOT telegram")
    qtbot.waitUntil(lambda: setup.panel.status_text() != "")
    assert setup.panel.status_text() == "Add a word to look for: NOT alone excludes everything."
    assert setup.calls == [("telegram", search.Filters())]


def test_searches_wait_for_the_index_and_show_progress(qtbot: QtBot, tmp_path: Path) -> None:
    archive = loader.load_archive(make_archive(tmp_path / "archive"))
    service = indexer.SearchService()
    calls: list[str] = []

    def search_function(text: str, filters: search.Filters) -> int:
        calls.append(text)
        return service.search(text, filters)

    panel = SearchPanel(search_function)
    qtbot.addWidget(panel)
    service.search_finished.connect(panel.show_results)
    try:
        panel.set_progress(1234, 5000)
        assert panel.status_text() == "Indexing… 1,234 of 5,000"
        panel.search_box().setText("telegram")
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Return)
        assert calls == []
        job = indexer.IndexJob(archive, cache_dir=tmp_path / "cache", text_layer=text_layer)
        job.progress_changed.connect(panel.set_progress)
        with qtbot.waitSignal(job.index_finished, timeout=10_000) as finished:
            job.start()
        assert job.wait(5_000)
        assert panel.status_text() == "Indexing… 5 of 5"
        stats = finished.args[0]
        service.open(search.IndexLocation(stats.path, stats.read_only))
        with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
            panel.set_index_ready()
        assert calls == ["telegram"]
        assert shown.args[0] == 3
        assert panel.status_text() == "3 records"
    finally:
        assert service.shut_down()


def test_index_errors_are_shown(qtbot: QtBot) -> None:
    panel = SearchPanel(lambda text, filters: 1)
    qtbot.addWidget(panel)
    panel.set_progress(10, 100)
    panel.set_index_error("The search index cannot be created: disk full.")
    assert panel.status_text() == "The search index cannot be created: disk full."
    panel.show_error(-1, "The search index x.sqlite cannot be opened: file is not a database.")
    assert panel.status_text() == (
        "The search index x.sqlite cannot be opened: file is not a database."
    )


def test_a_ranking_from_a_sample_says_so(
    qtbot: QtBot, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search.reading, "RANK_SAMPLE", 2)  # "telegram" is in 3 of the 5 records
    panel = setup.panel
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        panel.search_box().setText("telegram")
        qtbot.keyClick(panel.search_box(), Qt.Key.Key_Return)
    assert panel.status_text() == (
        "3 records. Very common words: the best are picked from an even sample of the matches."
    )


def test_hits_in_machine_read_text_say_so_and_can_be_left_out(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.unit.test_search_machine_read import FakeMachineText

    machine = FakeMachineText({"scan.pdf": ["HARBIN CONSULATE. Telegram received."]})
    with make_setup(qtbot, tmp_path, machine) as setup:
        panel = setup.panel
        assert type_query(qtbot, panel, "harbin") == 1
        assert shown_ids(panel) == [SCAN]
        assert row_html(panel, SCAN).startswith(
            "<b>Report with a stamped scan</b><br><small>1961 · "
            "<i>Found in machine-read text (OCR, unchecked)</i></small><br>"
        )
        model = panel.result_model()
        assert "Found in machine-read text (OCR, unchecked)" in model.data(model.index(0))
        assert panel.machine_read_offered()
        machine_read = panel.facet_combos()[5]
        assert machine_read.labels() == ["Included", "Left out (0)"]
        with qtbot.waitSignal(panel.results_shown, timeout=10_000) as shown:
            machine_read.setCurrentIndex(1)
        assert shown.args[0] == 0
        assert panel.status_text() == "No records match"
        assert setup.calls[-1] == ("harbin", search.Filters(machine_read=False))

        with qtbot.waitSignal(panel.results_shown, timeout=10_000):
            machine_read.setCurrentIndex(0)
        assert type_query(qtbot, panel, "telegram") == 3  # the scan's text layer says it too
        assert not any(hit.machine_read for hit in panel.result_model().hits())
        assert "machine-read" not in row_html(panel, SCAN)
        assert not panel.machine_read_offered()


def test_without_machine_read_text_the_choice_is_not_offered(qtbot: QtBot, setup: Setup) -> None:
    type_query(qtbot, setup.panel, "telegram")
    assert not setup.panel.machine_read_offered()
