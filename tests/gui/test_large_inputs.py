"""Large text and large archives: shown without freezing the window, and cut with a notice where
showing all of it would not help a reader."""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain import ordering, transcript
from viewer.domain.model import Archive, PartialDate, Record, Transcript, TranscriptFormat
from viewer.services.jobs import Jobs
from viewer.ui import after_first_page
from viewer.ui.library import LibraryPanel
from viewer.ui.metadata_panel import MetadataPanel
from viewer.ui.transcript_view import TranscriptPane

OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints"  # the offscreen platform's limitation
)
STALL_BOUND_MS = 400
"""Longest turn of the event loop allowed while large text arrives (before: 1 to 10 s)."""
LIST_STALL_BOUND_MS = 200
"""Longest turn allowed while 20,000 records are listed (before: about a second)."""


class StallMeter:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was held."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self._last = now

    def __enter__(self) -> StallMeter:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._tick()
        self._timer.stop()


def long_text(chars: int, seed: int = 7) -> str:
    """Paragraphs of short lines, `chars` characters or a little more."""
    rng = random.Random(seed)
    words = ("telegram", "border", "cooperation", "ministry", "report", "delegation", "the")
    paragraphs: list[str] = []
    size = 0
    number = 0
    while size < chars:
        number += 1
        lines = [" ".join(rng.choice(words) for _ in range(10)) for _ in range(8)]
        paragraph = f"Paragraph {number}.\n" + "\n".join(lines)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def write_record(folder: Path, record_id: str, *, text: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "record.toml").write_text(
        f'id = "{record_id}"\ntitle = "Record {record_id}"\n', encoding="utf-8"
    )
    if text:
        (folder / "transcript.en.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def viewer(qtbot: QtBot) -> Iterator[Viewer]:
    made = Viewer()
    qtbot.addWidget(made.window)
    made.window.resize(1200, 800)
    made.window.show()
    yield made
    made.window.close()
    made.shutdown()


@OFFSCREEN_SIZE_HINTS
def test_a_5_mb_transcript_arrives_without_freezing_the_window_and_says_it_is_cut(
    qtbot: QtBot, viewer: Viewer, tmp_path: Path
) -> None:
    text = long_text(5_000_000)
    archive = tmp_path / "archive"
    write_record(archive / "records" / "first", "first", text="A short transcript.")
    write_record(archive / "records" / "long", "long", text=text)
    window = viewer.window
    pane = window.transcript
    with qtbot.waitSignal(window.archive_opened, timeout=20000) as opened:
        window.open_path(archive)
    qtbot.waitUntil(lambda: pane.plain_text().strip() == "A short transcript.", timeout=20000)
    qtbot.waitUntil(lambda: window.later.search_feature is not None, timeout=20000)
    with StallMeter() as meter:
        window.show_record(opened.args[0].find("long"))
        qtbot.waitUntil(lambda: "too long to show whole" in pane.notice(), timeout=60000)
        qtbot.waitUntil(lambda: not pane.is_filling(), timeout=60000)
        shown = pane.plain_text()
        qtbot.wait(300)  # the text is laid out in steps after it is shown: those count too
    assert shown.startswith("Paragraph 1.\n")
    assert len(shown) <= transcript.MAX_SHOWN_CHARS * 1.05  # with the line breaks
    assert "Search finds words in all of it" in pane.notice()
    assert f"of {len(text.replace(chr(10), '')):,} characters" in pane.notice()
    assert meter.worst_ms < STALL_BOUND_MS, f"the window was held {meter.worst_ms:.0f} ms"


@OFFSCREEN_SIZE_HINTS
def test_a_pdf_text_layer_of_5000_pages_is_laid_out_off_the_window_and_cut(qtbot: QtBot) -> None:
    jobs = Jobs()
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    pages = [long_text(1_500, seed=page) for page in range(5_000)]
    with StallMeter() as meter:
        with qtbot.waitSignal(jobs.transcript_loaded, timeout=60000) as loaded:
            jobs.convert_pages(pages)
        _job_id, item, display = loaded.args
        with qtbot.waitSignal(pane.text_shown, timeout=60000):
            pane.show_display(display, "This text is the PDF's own text layer.")
        qtbot.wait(300)
    assert item is None
    assert pane.plain_text().startswith("Page 1\n")
    assert pane.notice().startswith("This text is the PDF's own text layer. This text is too long")
    assert len(pane.plain_text()) <= transcript.MAX_SHOWN_CHARS * 1.05
    assert meter.worst_ms < STALL_BOUND_MS, f"the window was held {meter.worst_ms:.0f} ms"
    jobs.wait()


def test_ten_thousand_nested_divs_keep_their_text_and_a_bounded_depth() -> None:
    fragment = "<div>" * 10_000 + "deep inside" + "</div>" * 10_000 + "<p>after</p>"
    shown = transcript.to_html(fragment, TranscriptFormat.HTML)
    assert "deep inside" in shown
    assert shown.endswith("<p>after</p>")
    assert shown.count("<div>") == shown.count("</div>") <= transcript.MAX_NESTING


@OFFSCREEN_SIZE_HINTS
def test_ten_thousand_nested_divs_are_shown_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "transcript.en.html"
    path.write_text("<div>" * 10_000 + "deep inside" + "</div>" * 10_000, encoding="utf-8")
    jobs = Jobs()
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.show()
    item = transcript_item(path)
    with StallMeter() as meter:
        with qtbot.waitSignal(jobs.transcript_loaded, timeout=20000) as loaded:
            jobs.load_transcript(item)
        pane.show_display(loaded.args[2])
        qtbot.wait(100)
    assert pane.plain_text().strip() == "deep inside"
    assert meter.worst_ms < STALL_BOUND_MS, f"the window was held {meter.worst_ms:.0f} ms"
    jobs.wait()


def transcript_item(path: Path) -> Transcript:
    return Transcript(path=path, language="en", format=TranscriptFormat.HTML)


@OFFSCREEN_SIZE_HINTS
def test_a_300_kb_word_in_the_metadata_is_shown_cut_and_copies_without_breaks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    word = "".join(random.Random(3).choice("abcdefghij") for _ in range(300_000))
    record = Record(id="w", title="Long word", folder=tmp_path, summary=word)
    panel = MetadataPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 600)
    panel.show()
    with StallMeter() as meter:
        panel.show_record(record)
        qtbot.wait(50)
    shown = panel.shown_text()
    assert word[:5_000] in shown  # unbroken as the reader copies it
    assert "290,000 more characters not shown" in shown
    assert panel.value("Summary") == word
    fields = panel._fields
    fields.selectAll()
    fields.copy()
    copied = QGuiApplication.clipboard().text()
    assert word[:10_000] in copied and "\u200b" not in copied
    assert meter.worst_ms < STALL_BOUND_MS, f"the window was held {meter.worst_ms:.0f} ms"


def test_a_300_kb_word_in_a_transcript_is_broken_for_layout_only() -> None:
    word = "x" * 300_000
    shown = transcript.to_html(word, TranscriptFormat.TEXT)
    longest = max(len(part) for part in shown.replace("<", " ").split(transcript.WORD_BREAK))
    assert longest <= transcript.LONG_WORD + 8
    assert transcript.unbreak(shown) == f"<p>{word}</p>"


@OFFSCREEN_SIZE_HINTS
def test_a_long_word_in_a_transcript_copies_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    word = "Unbroken" * 1_000
    path = tmp_path / "transcript.en.html"
    path.write_text(f"<p>Before {word} after</p>", encoding="utf-8")
    jobs = Jobs()
    pane = TranscriptPane()
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.waitSignal(jobs.transcript_loaded, timeout=20000) as loaded:
        jobs.load_transcript(transcript_item(path))
    pane.show_display(loaded.args[2])
    assert pane.plain_text().strip() == f"Before {word} after"
    pane.browser().selectAll()
    pane.browser().copy()
    assert QGuiApplication.clipboard().text().strip() == f"Before {word} after"
    jobs.wait()


def generated_records(count: int, folder: Path) -> list[Record]:
    rng = random.Random(11)
    return [
        Record(
            id=f"r{number:06d}",
            title=f"{rng.choice(('Report', 'Cable', 'Letter'))} number {number}",
            folder=folder,
            date=PartialDate(1940 + rng.randrange(40), rng.randrange(1, 13), rng.randrange(1, 29)),
            collection=f"Collection {number % 7}",
        )
        for number in range(count)
    ]


@OFFSCREEN_SIZE_HINTS
def test_twenty_thousand_records_are_listed_without_freezing_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    records = generated_records(20_000, tmp_path)
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 800)
    panel.show()
    with StallMeter() as meter:
        with qtbot.waitSignal(panel.model().listing_finished, timeout=60000):
            panel.set_records(records)
            assert panel.count_text() == "Listing 20,000 records…"
        qtbot.wait(100)
    assert panel.count_text() == "20,000 records"
    assert panel.shown_records() == ordering.library_order(records)
    assert meter.worst_ms < LIST_STALL_BOUND_MS, f"the window was held {meter.worst_ms:.0f} ms"


def test_the_first_record_of_a_large_archive_is_the_first_in_library_order(
    tmp_path: Path,
) -> None:
    records = generated_records(5_000, tmp_path)
    archive = Archive(root=tmp_path, title="Generated", records=tuple(records))
    assert ordering.first_record(archive, "") is ordering.library_order(records)[0]


@OFFSCREEN_SIZE_HINTS
def test_what_follows_the_first_page_is_built_a_piece_per_turn_then_frozen(
    qtbot: QtBot, samples: Path
) -> None:
    """The record list, the modules of search and citation, each feature: a turn each, with the
    event loop going round between them (together they held the window ~150 ms). Then the
    window's objects are kept from the cycle collector's full passes."""
    viewer = Viewer()
    qtbot.addWidget(viewer.window)
    later = viewer.window.later
    passes = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: passes.__setitem__(0, passes[0] + 1))
    built_at: dict[str, int] = {}
    for name in ("build_library", "_build_search_feature", "_build_cite_feature"):
        real = getattr(later, name)

        def spy(real=real, name=name) -> object:  # type: ignore[no-untyped-def]
            built_at.setdefault(name, passes[0])
            return real()

        setattr(later, name, spy)
    followed_at: list[int] = []
    follow = viewer.window.follow_screen_in_tab_order

    def follow_spy() -> None:
        followed_at.append(passes[0])
        follow()

    # The Tab order walks the window's focus chain (~10 ms): never on the record list's turn.
    viewer.window.follow_screen_in_tab_order = follow_spy  # type: ignore[method-assign]
    try:
        viewer.window.show()
        with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
            viewer.window.open_path(samples)
            ticker.start()
        qtbot.waitUntil(lambda: later.cite_feature is not None, timeout=10000)
        turns = [built_at[name] for name in ("build_library", "_build_search_feature")]
        assert len({*turns, built_at["_build_cite_feature"]}) == 3, built_at
        assert len(after_first_page._LATE_MODULES) > 1  # the modules loaded between, by turns
        assert followed_at, "the Tab order never followed the panels"
        assert built_at["build_library"] not in followed_at, (built_at, followed_at)
        qtbot.waitUntil(lambda: not later._steps, timeout=10000)
        feature = later.search_feature
        assert not any(found is feature for found in gc.get_objects())  # frozen
    finally:
        ticker.stop()
        viewer.window.close()
        viewer.shutdown()
