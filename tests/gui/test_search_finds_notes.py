"""The archive search finds the reader's notes: a word that is only in a note lists its record,
marked as found in a note, counted in the "Your notes" facet, and opens the note's place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.test_notes import _open, archive  # noqa: F401 - the fixture is used
from viewer.app import Viewer
from viewer.domain.notes import Place, RecordKey
from viewer.ui import search_facets


def test_a_word_only_in_a_note_finds_its_record_and_opens_the_notes_place(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,  # noqa: F811
) -> None:
    viewer = make_viewer()
    window = viewer.window
    feature = _open(qtbot, viewer, archive)
    scan = window.scan
    qtbot.waitUntil(lambda: scan.page_count() > 1, timeout=10000)
    scan.go_to_page(1)
    qtbot.waitUntil(lambda: scan.current_page() == 1, timeout=5000)
    bookmark = feature.bookmark()
    assert bookmark is not None
    # The note's words, as the Notes panel's Edit saves them.
    feature._store.update(bookmark.id, text="Compare with the wombat ledger", tags=["ch3"])
    scan.go_to_page(0)
    qtbot.waitUntil(lambda: scan.current_page() == 0, timeout=5000)
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000) as shown:
        window.search_action.trigger()
        qtbot.keyClicks(box, "wombat")
    assert shown.args == [1]
    model = window.search.result_model()
    hits = model.hits()
    assert [(hit.record_id, hit.note_id) for hit in hits] == [("1949-05-18-telegram", bookmark.id)]
    row = model.data(model.index(0))
    assert "Your note: Compare with the wombat ledger" in row
    assert "✎" in model.data(model.index(0), model.HTML_ROLE)
    facet = window.search.notes_facet()
    assert facet is not None and facet.labels()[1:] == ["Only records with your notes (1)"]
    # "ledger" too, and a tag: only records with notes found are listed when chosen.
    with qtbot.waitSignal(window.search.results_shown, timeout=10000) as shown:
        box.clear()
        qtbot.keyClicks(box, "ch3 OR Shenyang")
    assert shown.args == [1]
    with qtbot.waitSignal(window.search.results_shown, timeout=10000) as shown:
        facet.setCurrentIndex(facet.findData(search_facets.WITH_NOTES))
    assert shown.args == [1]
    # Clicking the hit shows the note's place: the bookmarked scan page.
    view = window.search.result_view()
    rect = view.visualRect(model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: scan.current_page() == 1, timeout=5000)


def test_a_record_with_no_match_but_its_note_is_listed_and_opened(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,  # noqa: F811
) -> None:
    viewer = make_viewer()
    window = viewer.window
    feature = _open(qtbot, viewer, archive)
    key = feature._key
    assert key is not None
    note = feature._store.add(key, Place.RECORD, "An aardvark in the margins")
    card = window.find_record("specimen-card")
    assert card is not None
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        window.show_record(card)
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000) as shown:
        window.search_action.trigger()
        qtbot.keyClicks(box, "aardvark")
    assert shown.args == [1]
    model = window.search.result_model()
    assert [(h.record_id, h.note_id) for h in model.hits()] == [("1949-05-18-telegram", note.id)]
    view = window.search.result_view()
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        rect = view.visualRect(model.index(0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: [n.id for n in feature.notes()] == [note.id], timeout=5000)


def test_a_note_on_a_page_of_a_record_with_no_transcript_opens_at_its_page(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    archive: Path,  # noqa: F811
) -> None:
    viewer = make_viewer()
    window = viewer.window
    feature = _open(qtbot, viewer, archive)
    window.resize(1400, 450)  # the card's two pages do not fit in the view together
    card = window.find_record("specimen-card")
    assert card is not None
    key = RecordKey(feature._key.archive, "specimen-card")  # type: ignore[union-attr]
    note = feature._store.add(key, Place.PAGE, "An okapi in the margin", scan="scan.pdf", page=1)
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000) as shown:
        window.search_action.trigger()
        qtbot.keyClicks(box, "okapi")
    assert shown.args == [1]
    model = window.search.result_model()
    assert [(h.record_id, h.note_id) for h in model.hits()] == [("specimen-card", note.id)]
    view = window.search.result_view()
    with qtbot.waitSignal(window.record_shown, timeout=10000):
        rect = view.visualRect(model.index(0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.scan.current_page() == 1, timeout=5000)
