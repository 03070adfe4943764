"""A plain folder followed on disk while it is open: what a person sees when files are added,
removed or edited in it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.model import Record
from viewer.services import folder_watch

FOLLOWED_MS = 10000
"""Longest a change takes to show here (debounce, reading again, the PDF's metadata; two cores
shared with the rest of the suite)."""


def make_pdf(path: Path, text: str, title: str = "") -> None:
    document = pymupdf.open()
    page = document.new_page(width=400, height=500)
    page.insert_text((40, 60), text, fontsize=14)
    if title:
        document.set_metadata({"title": title})
    document.save(path)
    document.close()


def listed_titles(viewer: Viewer) -> list[str]:
    return [record.title for record in viewer.window.records.shown_records()]


def said(viewer: Viewer) -> str:
    """Every message said in the message bar so far."""
    return "\n".join(message.text for message in viewer.messages.history)


def shown(viewer: Viewer, title: str) -> Record:
    record = next(r for r in viewer.window.records.shown_records() if r.title == title)
    assert isinstance(record, Record)
    return record


def open_followed(qtbot: QtBot, viewer: Viewer, folder: Path) -> None:
    """Open `folder` and wait until its files are watched."""
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(folder)
    later = viewer.window.later
    qtbot.waitUntil(lambda: later.folder_follow() is not None, timeout=FOLLOWED_MS)
    follow = later.folder_follow()
    assert follow is not None
    watch = follow.watching()
    assert watch is not None
    qtbot.waitUntil(lambda: watch.coverage is not None, timeout=FOLLOWED_MS)
    qtbot.waitUntil(lambda: not later.metadata_pending(), timeout=FOLLOWED_MS)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "downloads"
    root.mkdir()
    make_pdf(root / "1962-10-22_cable.pdf", "Cable of 22 October", "Cable to Moscow")
    make_pdf(root / "1963-11-22_memo.pdf", "Memorandum", "Memorandum for the Record")
    (root / "1963-11-22_memo.txt").write_text("Memorandum for the record, first draft.\n")
    return root


def test_a_pdf_added_appears_with_its_title_and_one_removed_goes(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    open_followed(qtbot, viewer, folder)
    qtbot.waitUntil(lambda: "Cable to Moscow" in listed_titles(viewer), timeout=FOLLOWED_MS)
    # Downloaded as browsers do: written under another name, then renamed.
    make_pdf(folder / "report.pdf.part", "Report", "Report on Cuba")
    (folder / "report.pdf.part").replace(folder / "1962-11-01_report.pdf")
    qtbot.waitUntil(lambda: "Report on Cuba" in listed_titles(viewer), timeout=FOLLOWED_MS)
    assert viewer.window.records_dock.windowTitle() == "Records (3)"
    qtbot.waitUntil(lambda: viewer.window.record_position.text() == "Record 1 of 3", timeout=2000)
    (folder / "1962-10-22_cable.pdf").unlink()
    qtbot.waitUntil(lambda: "Cable to Moscow" not in listed_titles(viewer), timeout=FOLLOWED_MS)
    assert sorted(listed_titles(viewer)) == ["Memorandum for the Record", "Report on Cuba"]
    # Nothing was written into the folder.
    assert sorted(p.name for p in folder.iterdir()) == [
        "1962-11-01_report.pdf",
        "1963-11-22_memo.pdf",
        "1963-11-22_memo.txt",
    ]


def test_an_edited_sidecar_changes_the_transcript_on_screen(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_followed(qtbot, viewer, folder)
    memo = shown(viewer, "Memorandum for the Record")
    window.show_record(memo)
    qtbot.waitUntil(lambda: "first draft" in window.transcript.plain_text(), timeout=FOLLOWED_MS)
    (folder / "1963-11-22_memo.txt").write_text("Memorandum for the record, as corrected.\n")
    qtbot.waitUntil(lambda: "as corrected" in window.transcript.plain_text(), timeout=FOLLOWED_MS)
    assert "first draft" not in window.transcript.plain_text()
    # A second language beside it: offered on the switch, the record still on screen.
    (folder / "1963-11-22_memo.ru.txt").write_text("Меморандум для протокола.\n")
    qtbot.waitUntil(
        lambda: len(window.current_record().transcripts) == 2,  # type: ignore[union-attr]
        timeout=FOLLOWED_MS,
    )
    assert window.current_record().title == "Memorandum for the Record"  # type: ignore[union-attr]


def test_the_record_on_screen_removed_is_said_and_stays(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_followed(qtbot, viewer, folder)
    cable = shown(viewer, "Cable to Moscow")
    assert window.current_record() is cable  # the first by date
    (folder / "1962-10-22_cable.pdf").unlink()
    qtbot.waitUntil(lambda: "no longer in the archive" in said(viewer), timeout=FOLLOWED_MS)
    assert "1962-10-22_cable.pdf" in said(viewer)
    assert window.current_record() is cable  # not jumped away from
    qtbot.waitUntil(lambda: window.record_position.text() == "", timeout=2000)  # not counted
    assert listed_titles(viewer) == ["Memorandum for the Record"]
    # The window goes on: the other record opens.
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        window.show_record(shown(viewer, "Memorandum for the Record"))


def test_a_folder_removed_while_open_is_named_and_what_was_read_stays(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    open_followed(qtbot, viewer, folder)
    shutil.rmtree(folder)
    qtbot.waitUntil(lambda: "cannot be read any more" in said(viewer), timeout=FOLLOWED_MS)
    assert str(folder) in said(viewer)
    assert len(listed_titles(viewer)) == 2


def test_folders_past_the_watch_limit_are_looked_at_in_turn(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for number in range(3):
        (folder / f"box {number}").mkdir()
    monkeypatch.setattr(folder_watch, "watch_limit", lambda: 2)
    monkeypatch.setattr(folder_watch, "POLL_MS", 300)
    viewer = make_viewer()
    open_followed(qtbot, viewer, folder)
    assert "looked at every" in said(viewer)
    make_pdf(folder / "box 2" / "1961-04-17_plan.pdf", "Plan", "Plan of Operations")
    qtbot.waitUntil(lambda: "Plan of Operations" in listed_titles(viewer), timeout=FOLLOWED_MS)


def test_a_pdf_written_again_is_read_for_its_title_and_drawn_again(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_followed(qtbot, viewer, folder)
    cable = shown(viewer, "Cable to Moscow")
    assert window.current_record() is cable
    assert viewer.scan_pane.page_count() == 1
    # Saved again by another program (written beside it, then put in its place).
    revised = pymupdf.open()
    for number in range(3):
        revised.new_page().insert_text((72, 72), f"Revised page {number + 1}")
    revised.set_metadata({"title": "Cable to Moscow, revised"})
    revised.save(folder / "cable.tmp")
    revised.close()
    (folder / "cable.tmp").replace(folder / "1962-10-22_cable.pdf")
    qtbot.waitUntil(lambda: viewer.scan_pane.page_count() == 3, timeout=FOLLOWED_MS)
    qtbot.waitUntil(
        lambda: "Cable to Moscow, revised" in listed_titles(viewer), timeout=FOLLOWED_MS
    )
    assert window.metadata.value("Title") == "Cable to Moscow, revised"


def test_a_sheet_of_records_edited_while_open_retitles_its_records(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    sheet = folder / "records.csv"
    sheet.write_text(
        "file,title,date\n"
        "1962-10-22_cable.pdf,Cable from the sheet,1962-10-22\n"
        "1963-11-22_memo.pdf,Memo from the sheet,1963-11-22\n"
    )
    viewer = make_viewer()
    open_followed(qtbot, viewer, folder)
    assert sorted(listed_titles(viewer)) == ["Cable from the sheet", "Memo from the sheet"]
    sheet.write_text(
        "file,title,date\n"
        "1962-10-22_cable.pdf,Cable from the sheet,1962-10-22\n"
        "1963-11-22_memo.pdf,Memo corrected in the sheet,1963-11-22\n"
    )
    qtbot.waitUntil(
        lambda: "Memo corrected in the sheet" in listed_titles(viewer), timeout=FOLLOWED_MS
    )
    assert "Memo from the sheet" not in listed_titles(viewer)


def test_a_pdf_opened_on_its_own_ends_the_folders_watch(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path, tmp_path: Path
) -> None:
    viewer = make_viewer()
    open_followed(qtbot, viewer, folder)
    follow = viewer.window.later.folder_follow()
    assert follow is not None
    watch = follow.watching()
    assert watch is not None
    alone = tmp_path / "alone.pdf"
    make_pdf(alone, "A PDF on its own", "A PDF on its own")
    with qtbot.waitSignal(watch.stopped, timeout=FOLLOWED_MS):
        viewer.window.open_path(alone)
    assert follow.watching() is None
    (folder / "1963-11-22_memo.pdf").unlink()  # no longer followed: nothing is said of it
    qtbot.wait(1000)
    assert "no longer in the archive" not in said(viewer)
    assert listed_titles(viewer) == ["A PDF on its own"]


def test_the_search_finds_a_pdf_added_while_the_folder_is_open_by_its_own_title(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], folder: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_followed(qtbot, viewer, folder)
    make_pdf(folder / "plan.tmp", "Operation plan", "Zapata operation plan")
    (folder / "plan.tmp").replace(folder / "1961-04-17_plan.pdf")
    qtbot.waitUntil(lambda: "Zapata operation plan" in listed_titles(viewer), timeout=FOLLOWED_MS)
    window.search_action.trigger()
    box = window.search.search_box()

    def found() -> set[str]:
        with qtbot.waitSignal(window.search.results_shown, timeout=FOLLOWED_MS):
            box.clear()
            qtbot.keyClicks(box, "Zapata")
        return {hit.record_id for hit in window.search.result_model().hits()}

    # Indexed once its PDF's title is read (the index is brought up to date a moment later).
    qtbot.waitUntil(lambda: found() == {"1961-04-17_plan"}, timeout=30000)
