"""The library panel: every record listed, sorted, filtered as you type, grouped, opened."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QFont, QIcon, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from viewer.domain import archive as loader
from viewer.domain import ordering
from viewer.domain.model import Archive, BrokenRecord, PartialDate, Record, UnreadRecord
from viewer.services import dates
from viewer.ui import library_fill
from viewer.ui.library import DATE, ID, TITLE, GroupBy, LibraryModel, LibraryPanel
from viewer.ui.library_entries import entries_of

OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints"  # the offscreen platform's limitation
)
BROKEN_REASON = "not valid TOML (Invalid value (at line 1, column 6))"
RECORDS = {
    "1950-01-12-memo": ("Memorandum on the Korean question", "1950-01-12", "Cold War"),
    "1949-05-18-telegram": ("Telegram from Kovalev", "1949-05-18", "Far East"),
    "1953-03-05-yolka": ("Новогодняя ёлка в Кремле", "1953-03-05", "Far East"),
    "1950-gao": ("Conversation with Gāo Gǎng", "1950", "Far East"),
    "1961-report": ("annual report", "1961-07", ""),
    "undated-note": ("Undated note", "", "Cold War"),
}


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """Six readable records (one undated) and one that cannot be read."""
    root = tmp_path / "archive"
    for record_id, (title, date, collection) in RECORDS.items():
        folder = root / record_id
        folder.mkdir(parents=True)
        lines = [f'id = "{record_id}"', f'title = "{title}"']
        if date:
            lines.append(f'date = "{date}"')
        if collection:
            lines.append(f'collection = "{collection}"')
        (folder / "record.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = root / "broken-record"
    broken.mkdir()
    (broken / "record.toml").write_text("id = = broken\n", encoding="utf-8")
    return loader.load_archive(root)


def make(qtbot: QtBot, archive: Archive) -> LibraryPanel:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    return panel


def ids(panel: LibraryPanel) -> list[str]:
    return [record.id or record.folder.name for record in panel.shown_records()]


def column(panel: LibraryPanel, number: int) -> list[str]:
    """What one column shows, top to bottom (ungrouped)."""
    model = panel.model()
    return [model.index(row, number).data() for row in range(model.rowCount())]


def type_text(widget: QWidget, text: str) -> None:
    """Key presses for each character (QTest's keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_records_are_listed_by_date_with_undated_and_broken_last(
    qtbot: QtBot, archive: Archive
) -> None:
    panel = make(qtbot, archive)
    assert ids(panel) == [
        "1949-05-18-telegram",
        "1950-gao",
        "1950-01-12-memo",
        "1953-03-05-yolka",
        "1961-report",
        "undated-note",
        "broken-record",
    ]
    assert column(panel, DATE) == [
        "May 18, 1949",
        "1950",
        "Jan 12, 1950",
        "Mar 5, 1953",
        "Jul 1961",
        "Undated",
        "",
    ]
    assert [panel.model().headerData(n, Qt.Orientation.Horizontal) for n in range(3)] == [
        "Title",
        "Date",
        "ID",
    ]
    assert panel.count_text() == "7 records"


def test_the_window_picks_its_first_record_in_the_library_order_without_the_panel(
    qtbot: QtBot, archive: Archive
) -> None:
    # Same titles, dates only partly known, several records on one day: the Qt-free order the
    # window opens its first record by, before the panel is built, is the panel's own.
    extra = archive.root / "1949-05-18-another"
    extra.mkdir()
    (extra / "record.toml").write_text(
        'id = "1949-05-18-another"\ntitle = "Another telegram"\ndate = "1949-05-18"\n',
        encoding="utf-8",
    )
    archive = loader.load_archive(archive.root)
    records = list(reversed(archive.records))
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_records(records)
    assert ordering.library_order(records) == panel.shown_records()
    assert [r.id for r in ordering.library_order(records)][:2] == [
        "1949-05-18-another",
        "1949-05-18-telegram",
    ]


def test_broken_record_shows_a_warning_and_the_reason(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    model = panel.model()
    last = model.index(model.rowCount() - 1, TITLE)
    assert last.data() == f"broken-record — Cannot be read: {BROKEN_REASON}"
    icon = last.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()
    assert model.index(0, TITLE).data(Qt.ItemDataRole.DecorationRole) is None
    assert BROKEN_REASON in last.data(Qt.ItemDataRole.ToolTipRole)


@OFFSCREEN_SIZE_HINTS
def test_clicking_headers_sorts_by_title_and_id(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.view().header()
    assert header.isSectionHidden(ID)
    panel.set_id_column_visible(True)
    assert not header.isSectionHidden(ID)

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(TITLE)
    assert column(panel, TITLE) == [
        "annual report",
        f"broken-record — Cannot be read: {BROKEN_REASON}",
        "Conversation with Gāo Gǎng",
        "Memorandum on the Korean question",
        "Telegram from Kovalev",
        "Undated note",
        "Новогодняя ёлка в Кремле",
    ]
    click(TITLE)
    assert column(panel, TITLE)[0] == "Новогодняя ёлка в Кремле"
    click(ID)
    assert column(panel, ID)[:3] == ["", "1949-05-18-telegram", "1950-01-12-memo"]
    click(ID)
    assert column(panel, ID)[0] == "undated-note"
    click(DATE)
    click(DATE)
    assert ids(panel)[:2] == ["1961-report", "1953-03-05-yolka"]
    assert ids(panel)[-2:] == ["undated-note", "broken-record"]  # undated stay last


def test_filter_narrows_as_you_type_ignoring_case_and_diacritics(
    qtbot: QtBot, archive: Archive
) -> None:
    panel = make(qtbot, archive)
    edit = panel.filter_edit()
    assert edit.accessibleName() == "Filter records"
    type_text(edit, "ЕЛКА")
    assert ids(panel) == ["1953-03-05-yolka"]
    assert panel.count_text() == "1 of 7 records"
    edit.clear()
    qtbot.keyClicks(edit, "gao gang")
    assert ids(panel) == ["1950-gao"]
    edit.clear()
    qtbot.keyClicks(edit, "1950")
    assert ids(panel) == ["1950-gao", "1950-01-12-memo"]
    edit.clear()
    qtbot.keyClicks(edit, "january")
    assert ids(panel) == ["1950-01-12-memo"]
    edit.clear()
    qtbot.keyClicks(edit, "broken")
    assert ids(panel) == ["broken-record"]
    edit.clear()
    assert panel.count_text() == "7 records"


def test_grouping_by_year_decade_and_collection(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    model = panel.model()

    def groups() -> list[str]:
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    panel.group_combo().setCurrentIndex(panel.group_combo().findText("Year"))
    assert groups() == [
        "1949 (1)",
        "1950 (2)",
        "1953 (1)",
        "1961 (1)",
        "Undated (1)",
        "Cannot be read (1)",
    ]
    year_1950 = model.index(1, 0)
    assert [model.index(row, TITLE, year_1950).data() for row in range(2)] == [
        "Conversation with Gāo Gǎng",
        "Memorandum on the Korean question",
    ]
    assert panel.view().isExpanded(year_1950)
    panel.set_group_by(GroupBy.DECADE)
    assert groups() == ["1940s (1)", "1950s (3)", "1960s (1)", "Undated (1)", "Cannot be read (1)"]
    panel.set_group_by(GroupBy.COLLECTION)
    assert groups() == ["Cold War (2)", "Far East (3)", "No collection (1)", "Cannot be read (1)"]
    qtbot.keyClicks(panel.filter_edit(), "note")
    assert groups() == ["Cold War (1)"]
    panel.set_group_by(GroupBy.NONE)
    assert ids(panel) == ["undated-note"]


def test_click_or_enter_opens_a_record_and_arrows_do_not(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    view = panel.view()
    chosen: list[str] = []
    panel.record_chosen.connect(lambda record: chosen.append(record.id))
    second = panel.model().index(1, TITLE)
    view.setCurrentIndex(panel.model().index(0, TITLE))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    assert chosen == []
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert chosen == ["1950-gao"]
    rect = view.visualRect(second)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == ["1950-gao", "1950-gao"]
    with qtbot.waitSignal(panel.record_chosen) as opened:
        panel.view().clicked.emit(panel.model().index(6, TITLE))
    assert opened.args[0].folder.name == "broken-record"


def test_select_marks_the_record_without_opening_it(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    chosen: list[object] = []
    panel.record_chosen.connect(chosen.append)
    assert panel.select("1961-report")
    assert panel.view().currentIndex().data(LibraryModel.RECORD_ROLE).id == "1961-report"
    panel.set_group_by(GroupBy.YEAR)  # the selection survives a rebuild
    current = panel.view().currentIndex()
    assert current.data(LibraryModel.RECORD_ROLE).id == "1961-report"
    assert current.parent().data() == "1961 (1)"
    assert not panel.select("no-such-record")
    assert chosen == []


def test_step_opens_the_next_record_in_the_order_shown(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    chosen: list[str] = []
    panel.record_chosen.connect(lambda record: chosen.append(record.id))
    panel.select("1950-gao")
    panel.step(1)
    panel.step(-1)
    panel.step(-1)
    panel.step(-1)  # already first: nothing
    assert chosen == ["1950-01-12-memo", "1950-gao", "1949-05-18-telegram"]


def test_five_thousand_records_list_and_filter_quickly(qtbot: QtBot, tmp_path: Path) -> None:
    words = ("telegram", "memorandum", "report", "letter", "minutes", "note", "cable")
    records = tuple(
        Record(
            id=f"rec-{n:05d}",
            title=f"{words[n % 7].title()} number {n} on the question of Korea",
            folder=tmp_path,
            date=PartialDate(1940 + n % 30, n % 12 + 1, n % 28 + 1) if n % 50 else None,
            collection=("Far East", "Cold War", "Diplomacy")[n % 3],
        )
        for n in range(5000)
    )
    archive = Archive(root=tmp_path, title="Generated", records=records)
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 800)
    started = time.perf_counter()
    with qtbot.waitSignal(panel.model().listing_finished, timeout=20000):
        panel.set_archive(archive)  # prepared on a thread of its own
    loaded = time.perf_counter()
    qtbot.keyClick(panel.filter_edit(), "7")
    QApplication.processEvents()
    filtered = time.perf_counter()
    print(
        f"\n5,000 records: set_archive {1000 * (loaded - started):.1f} ms, "
        f"filter keystroke {1000 * (filtered - loaded):.1f} ms"
    )
    expected = sum(
        1
        for r in records
        if "7" in f"{r.title} {r.id} {r.date.iso() if r.date else ''} "
        f"{r.date.display() if r.date else 'Undated'}"
    )
    assert 0 < expected < 5000
    assert panel.count_text() == f"{expected:,} of 5,000 records"
    assert filtered - started < 0.2
    panel.set_group_by(GroupBy.YEAR)
    assert panel.model().rowCount(QModelIndex()) == 31  # 30 years and "Undated"


def _retitled(archive: Archive, titles: dict[str, str]) -> tuple[Record | BrokenRecord, ...]:
    """The archive's records, those named in `titles` with a new title (the rest the same
    objects, as the window hands them over when PDFs' metadata fills in)."""
    return tuple(
        dataclasses.replace(record, title=titles[record.id])
        if isinstance(record, Record) and record.id in titles
        else record
        for record in archive.records
    )


def test_titles_filled_in_later_show_in_place_keeping_the_current_row_and_closed_groups(
    qtbot: QtBot, archive: Archive
) -> None:
    panel = make(qtbot, archive)
    panel.set_group_by(GroupBy.COLLECTION)
    model = panel.model()
    far_east = model.group_labels().index("Far East")
    panel.view().collapse(model.index(far_east, 0))
    panel.select("1950-01-12-memo")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    panel.update_records(_retitled(archive, {"undated-note": "A note on the memorandum"}))

    assert resets == []  # no reset: the view keeps what the reader opened and closed
    cold_war = model.index(model.group_labels().index("Cold War"), 0)
    shown = [model.index(row, TITLE, cold_war).data() for row in range(model.rowCount(cold_war))]
    assert "A note on the memorandum" in shown
    assert "Undated note" not in shown
    assert not panel.view().isExpanded(model.index(far_east, 0))
    current = panel.view().currentIndex()
    assert model.record_at(current) is not None
    assert model.record_at(current).id == "1950-01-12-memo"  # type: ignore[union-attr]


def test_a_title_filled_in_later_moves_its_row_in_title_order_and_the_current_row_follows(
    qtbot: QtBot, archive: Archive
) -> None:
    panel = make(qtbot, archive)
    panel.view().sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    panel.select("1961-report")
    resets: list[bool] = []
    panel.model().modelReset.connect(lambda: resets.append(True))

    panel.update_records(_retitled(archive, {"1961-report": "Zonal report"}))

    assert resets == []
    titles = column(panel, TITLE)
    assert "annual report" not in titles
    assert titles.index("Zonal report") == titles.index("Undated note") + 1
    current = panel.view().currentIndex()
    assert current.row() == titles.index("Zonal report")
    assert current.data() == "Zonal report"
    assert panel.count_text() == "7 records"


def test_records_added_on_disk_are_listed_anew(qtbot: QtBot, archive: Archive) -> None:
    panel = make(qtbot, archive)
    extra = Record(id="1970-new", title="A new record", folder=archive.root / "1970-new")
    panel.update_records((*archive.records, extra))
    assert "1970-new" in ids(panel)
    assert panel.count_text() == "8 records"


def test_a_thousand_records_completed_later_are_updated_in_their_rows(
    qtbot: QtBot, tmp_path: Path
) -> None:
    records = tuple(
        Record(
            id=f"scan_{n:04d}",
            title=f"scan {n:04d}",
            folder=tmp_path,
            date=PartialDate(1950 + n % 30, 1 + n % 12, 1 + n % 28),
        )
        for n in range(1_000)
    )
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.model().listing_finished, timeout=20000):
        panel.set_records(records)
    panel.select("scan_0500")
    resets: list[bool] = []
    panel.model().modelReset.connect(lambda: resets.append(True))
    completed = tuple(
        dataclasses.replace(r, title=f"Memorandum number {n}") if n % 2 else r
        for n, r in enumerate(records)
    )
    panel.update_records(completed)
    assert resets == []
    assert not panel.model().is_listing()
    shown = {record.id: record.title for record in panel.shown_records()}
    assert shown["scan_0001"] == "Memorandum number 1"
    assert shown["scan_0002"] == "scan 0002"
    assert panel.model().record_at(panel.view().currentIndex()).id == "scan_0500"  # type: ignore[union-attr]


def test_the_date_column_holds_the_longest_date_at_a_larger_interface_size(
    qtbot: QtBot, qapp: QApplication, archive: Archive
) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    panel.show()
    header = panel.view().header()
    normal = header.sectionSize(DATE)
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(larger)
    try:
        qtbot.waitUntil(lambda: header.sectionSize(DATE) > normal)
        metrics = panel.view().fontMetrics()
        september = dates.short(PartialDate(1949, 9, 28))
        assert header.sectionSize(DATE) > metrics.horizontalAdvance(september) + 10
    finally:
        qapp.setFont(font)


def test_rows_prepared_on_the_listing_thread_are_kept_from_the_cycle_collector(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cycle collector's passes over 100,000 rows would hold the window for a tenth of a
    # second each: the rows are frozen out of its reach as they are made.
    from viewer.ui import library_entries

    frozen: list[int] = []
    monkeypatch.setattr(library_entries, "FREEZE_EVERY", 100)
    monkeypatch.setattr(library_entries.gc, "freeze", lambda: frozen.append(1))
    records = tuple(
        Record(id=f"r{n:04d}", title=f"Report {n}", folder=tmp_path, date=PartialDate(1950, 5, 1))
        for n in range(1000)
    )
    model = LibraryModel()
    with qtbot.waitSignal(model.listing_finished, timeout=20000):
        model.set_records(records)
    assert len(frozen) == 10
    first = model.index(0, TITLE)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "Report 0"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Report 0\nMay 1, 1950 · r0000"


def test_many_rows_are_sorted_in_short_runs_in_the_same_order_as_one_sort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One sort of 100,000 rows holds the interpreter lock, and so the window, ~150 ms: the
    # listing thread sorts runs of a few thousand and merges them, in the same order.
    import random

    from viewer.ui import library_entries

    rng = random.Random(3)
    records = [
        Record(
            id=f"r{n:05d}",
            title=f"Report {rng.randrange(50)}",
            folder=tmp_path,
            date=PartialDate(1950 + rng.randrange(3), rng.randrange(1, 3)) if n % 9 else None,
        )
        for n in range(3_000)
    ]
    records.append(BrokenRecord(tmp_path, "broken", "b0"))
    entries = library_entries.entries_of(records)
    orders = [(c, o) for c in (TITLE, DATE, ID) for o in Qt.SortOrder]
    whole = [library_entries.sorted_entries(entries, c, o) for c, o in orders]
    sizes: list[int] = []

    def counted(items: list[object], **kwargs: object) -> list[object]:
        sizes.append(len(items))
        return sorted(items, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(library_entries, "SORT_RUN", 100)
    monkeypatch.setattr(library_entries, "sorted", counted, raising=False)
    in_runs = [library_entries.sorted_entries(entries, c, o) for c, o in orders]
    assert [[e.record.id for e in s] for s in in_runs] == [[e.record.id for e in s] for s in whole]
    assert max(sizes) <= 100


def test_roles_the_list_has_nothing_for_are_answered_without_looking_at_the_row(
    qtbot: QtBot, archive: Archive
) -> None:
    # Painting the list asks ~1,500 times, most of them for a colour, alignment or check
    # state it never gives: those are answered before the index is looked at.
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_archive(archive)
    model = panel.model()

    class Untouchable:
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"the index was asked {name}() for a role with no answer")

    for role in (
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
    ):
        assert model.data(Untouchable(), int(role)) is None  # type: ignore[arg-type]
    first = model.index(0, TITLE)
    assert model.data(first, int(Qt.ItemDataRole.DisplayRole)) == first.data()
    assert model.data(first, Qt.ItemDataRole.ForegroundRole) is None
    assert first.data(LibraryModel.RECORD_ROLE) is model.record_at(first)


def test_rows_listed_unread_take_their_records_in_place_a_few_hundred_a_turn(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_fill, "FILL_ROWS", 50)
    read = [
        Record(f"r{n}", f"Record {n}", tmp_path / f"r{n}", date=PartialDate(1900 + n % 90))
        for n in range(1_000)
    ]
    listed = (
        *read[:10],
        *(UnreadRecord(f"r{n}", f"r{n}", tmp_path / f"r{n}", place=n) for n in range(10, 1_000)),
    )
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.model().listing_finished, timeout=20000):
        panel.set_records(listed)
    panel.select("r100")
    rows = [record.id for record in panel.shown_records()]
    resets: list[bool] = []
    panel.model().modelReset.connect(lambda: resets.append(True))
    assert panel.model().has_unread()

    painted: list[range] = []
    panel.model().dataChanged.connect(
        lambda top, bottom: painted.append(range(top.row(), bottom.row() + 1))
    )
    panel.fill_records((*read[:150], *listed[150:]))  # the reading came to the 150th
    assert panel.model().has_unread()
    qtbot.waitUntil(
        lambda: "Record 149" in [record.title for record in panel.shown_records()], timeout=5000
    )

    assert resets == []  # in place: the rows stay where they were, the current one too
    assert [record.id for record in panel.shown_records()] == rows
    shown = column(panel, TITLE)  # the rows given to the view
    expected = [f"Record {i[1:]}" if int(i[1:]) < 150 else i for i in rows[: len(shown)]]
    assert shown == expected
    assert "r150" in shown and "Record 149" in shown  # not read yet: named by its folder
    assert panel.count_text() == "1,000 records; 850 still being read"  # as the rows show
    assert any(rows.index("r100") in span for span in painted)  # painted again
    assert panel.model().record_at(panel.view().currentIndex()).title == "Record 100"  # type: ignore[union-attr]
    panel.fill_records(tuple(read))
    qtbot.waitUntil(lambda: not panel.model().has_unread(), timeout=5000)
    assert [record.title for record in panel.shown_records()] == [f"Record {i[1:]}" for i in rows]
    # Filtered by what is read.
    panel.set_filter_text("Record 999")
    assert column(panel, TITLE) == ["Record 999"]


def test_rows_no_longer_listed_are_let_go_a_few_thousand_a_turn(qtbot: QtBot) -> None:
    owner = QObject()
    rows: list[object] = [object() for _ in range(12_000)]
    small: list[object] = [object()]
    library_fill.release_in_pieces([small, rows], owner)
    library_fill._release_some(owner)  # one turn's piece
    assert len(rows) == 12_000 - library_fill.RELEASE_ROWS
    qtbot.waitUntil(lambda: not rows and not small, timeout=5000)


def test_many_records_listed_again_keep_the_rows_of_the_records_unchanged(
    qtbot: QtBot, archive: Archive
) -> None:
    before = entries_of(archive.records)
    changed = _retitled(archive, {"1961-report": "Zonal report"})
    after = entries_of(changed, before=before)
    kept = [a is b for a, b in zip(after, before, strict=True)]
    assert kept == [r.id != "1961-report" for r in archive.records]
    assert [e.title for e in after] == [e.title for e in entries_of(changed)]
