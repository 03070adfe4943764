"""What a reader sees of the reading window's comfort: dates in the interface language, the zoom,
the scan tools in view, the transcript's place kept, keyboard order, scale and contrast."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QDockWidget, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.services import i18n
from viewer.ui.library import LibraryPanel


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """Install a translation for the test; English again afterwards."""
    yield lambda language: i18n.install(qapp, language)
    i18n.install(qapp, "en")


def open_and_wait(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)
    qtbot.waitUntil(
        lambda: bool(viewer.window.transcript.plain_text() or viewer.window.transcript.notice()),
        timeout=5000,
    )


def library(qtbot: QtBot, viewer: Viewer) -> LibraryPanel:
    dock = viewer.window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    panel = dock.widget()
    assert isinstance(panel, LibraryPanel)
    return panel


@pytest.mark.parametrize(
    ("language", "label", "day", "listed"),
    [
        ("en", "Date", "May 18, 1949", "May 18, 1949"),
        ("de", "Datum", "18. Mai 1949", "18. Mai 1949"),
        ("fr", "Date", "18 mai 1949", "18 mai 1949"),
    ],
)
def test_dates_are_written_as_the_interface_language_writes_them(
    qtbot: QtBot,
    use_language: Callable[[str], str],
    make_viewer: Callable[[], Viewer],
    samples: Path,
    language: str,
    label: str,
    day: str,
    listed: str,
) -> None:
    use_language(language)
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    assert viewer.window.metadata.value(label) == day
    panel = library(qtbot, viewer)
    view = panel.view()
    model = view.model()
    row = next(
        r
        for r in range(model.rowCount())
        if "Telegram" in str(model.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
    )
    shown = [
        str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for column in range(model.columnCount())
    ]
    assert listed in shown
    # A citation follows its style, not the interface: Chicago writes "May 18, 1949".
    assert "May 18, 1949" in viewer.window.metadata.citation_text()


def test_the_zoom_is_shown_as_a_percentage_and_set_from_its_menu(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    pane = viewer.scan_pane
    button = pane.zoom_button
    assert button.isVisible()
    assert button.text().endswith("%")  # fit width: whatever the width gives
    pane.area.setFocus()
    qtbot.keyClick(pane.area, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # actual size
    assert button.text() == "100%"
    assert pane.actual_size_action.isChecked()
    qtbot.keyClick(pane.area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert button.text() == "125%"
    menu = button.menu()
    two_hundred = next(a for a in menu.actions() if a.text() == "200%")
    two_hundred.trigger()
    assert button.text() == "200%"
    assert two_hundred.isChecked()
    pane.area.rotate_page(0, 90)
    qtbot.keyClick(pane.area, Qt.Key.Key_W)
    assert pane.fit_width_action.isChecked()
    assert not two_hundred.isChecked()
    assert button.toolTip() == f"Zoom: {button.text()}"


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_every_scan_tool_is_in_view_beside_the_transcript_at_1440_pixels(
    qtbot: QtBot,
    use_language: Callable[[str], str],
    make_viewer: Callable[[], Viewer],
    samples: Path,
    language: str,
) -> None:
    use_language(language)
    viewer = make_viewer()
    window = viewer.window
    window.resize(1440, 900)
    window.fit_docks_to_width(1440)
    open_and_wait(qtbot, viewer, samples)
    toolbar = viewer.scan_pane.toolbar
    tools = [action for action in toolbar.actions() if not action.isSeparator()]
    buttons = {action.toolTip(): toolbar.widgetForAction(action) for action in tools}
    hidden = [tip for tip, button in buttons.items() if button is None or not button.isVisible()]
    assert hidden == []  # nothing folded behind "››"


def test_every_transcript_language_tab_is_in_view_with_its_whole_label_in_its_tooltip(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    from PySide6.QtWidgets import QTabBar, QToolButton

    viewer = make_viewer()
    window = viewer.window
    window.resize(1440, 900)
    window.fit_docks_to_width(1440)
    open_and_wait(qtbot, viewer, samples / "records" / "specimen-bilingual")
    tabs = next(
        bar
        for bar in window.transcript.findChildren(QTabBar)
        if bar.accessibleName() == "Transcript language"
    )
    qtbot.waitUntil(tabs.isVisible)
    assert tabs.count() == 2
    for index in range(tabs.count()):
        assert tabs.rect().contains(tabs.tabRect(index)), tabs.tabText(index)
    assert not any(button.isVisible() for button in tabs.findChildren(QToolButton))
    labels = window.transcript.languages()
    assert labels[1].startswith("Russian")
    assert tabs.tabToolTip(1).splitlines()[0] == labels[1]


def test_the_transcript_opens_again_where_the_reader_left_it(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    browser = window.transcript.browser()
    telegram = window.current_record()
    passage = "We can transfer these divisions to North Korea"
    qtbot.waitUntil(lambda: passage in browser.toPlainText(), timeout=10_000)
    bar = browser.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    text = browser.toPlainText()
    at_top = browser.cursorForPosition(QPoint(0, 0)).position()
    left_at = text[at_top : at_top + 40]  # the words at the top of the view
    assert at_top > 0
    other = next(r for r in window.current_archive().records if r is not telegram)
    with qtbot.waitSignal(window.transcript.text_shown, timeout=10_000):
        window.show_record(other)
    assert passage not in browser.toPlainText()
    with qtbot.waitSignal(window.transcript.text_shown, timeout=10_000):
        window.show_record(telegram)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=5000)
    at_top = browser.cursorForPosition(QPoint(0, 0)).position()
    assert browser.toPlainText()[at_top : at_top + 40] == left_at


def region_of(window: QWidget, widget: QWidget) -> str:
    """Which part of the window `widget` is in, as a reader would name it."""
    for name, part in (
        ("records", window.findChild(QDockWidget, "recordsDock")),
        ("records", window.findChild(QDockWidget, "searchDock")),
        ("transcript", window.transcript.parentWidget()),
        ("scan", window.scan),
        ("metadata", window.findChild(QDockWidget, "metadataDock")),
        ("metadata", window.findChild(QDockWidget, "citeDock")),
    ):
        if part is widget or part.isAncestorOf(widget):
            return name
    return "elsewhere"


def test_tab_goes_records_transcript_scan_metadata_and_every_stop_shows_it_has_the_focus(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    panel = library(qtbot, viewer)
    # The Tab order follows the screen once search and citation are built, a piece per turn
    # after the first page: on a busy machine, later than the record list.
    qtbot.waitUntil(window.later.built, timeout=10_000)
    window.activateWindow()
    panel.view().setFocus()
    qtbot.waitUntil(panel.view().hasFocus)
    visited: list[QWidget] = []
    looks: list[QImage] = []
    for _ in range(40):
        now = QApplication.focusWidget()
        assert now is not None
        if now in visited:
            break
        visited.append(now)
        looks.append(now.grab().toImage())
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    regions = [region_of(window, widget) for widget in visited]
    order = ["records", "transcript", "scan", "metadata"]
    seen = [region for i, region in enumerate(regions) if region not in regions[:i]]
    assert seen[:4] == order, regions
    assert regions.index("metadata") > max(i for i, r in enumerate(regions) if r == "scan")
    # Every stop looks otherwise when it has the focus than when it has not.
    elsewhere = window.menuBar()
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() not in visited[:1])
    unmarked = [
        f"{widget.metaObject().className()} {widget.accessibleName()!r}"
        for widget, look in zip(visited, looks, strict=True)
        if widget.isVisible() and widget.grab().toImage() == look
    ]
    assert unmarked == []


def test_zoom_keys_in_a_side_panel_zoom_the_reading_pane_used_last(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    from PySide6.QtWidgets import QMenu

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    view_menu = window.findChild(QMenu, "view_menu")
    entries = {a.objectName(): a for a in view_menu.actions()}
    assert (
        entries["reading_zoom_in"].shortcut().matches(QKeySequence(QKeySequence.StandardKey.ZoomIn))
    )
    assert entries["reading_zoom_out"].shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomOut)
    window.activateWindow()
    records = library(qtbot, viewer).view()
    browser = window.transcript.browser()
    size = window.transcript.point_size()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Focus Transcript
    qtbot.waitUntil(browser.hasFocus)
    qtbot.keyClick(browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.transcript.point_size() == size + 1  # the transcript's text grows
    records.setFocus()
    qtbot.waitUntil(records.hasFocus)
    qtbot.keyClick(records, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.transcript.point_size() == size + 2  # from the list: the transcript still
    scan = viewer.scan_pane
    zoom = scan.area.zoom
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Focus Scan
    qtbot.waitUntil(scan.area.hasFocus)
    qtbot.keyClick(scan.area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert scan.area.zoom == pytest.approx(zoom * 1.25)
    records.setFocus()
    qtbot.waitUntil(records.hasFocus)
    qtbot.keyClick(records, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert scan.area.zoom == pytest.approx(zoom)  # from the list: now the scan
    assert window.transcript.point_size() == size + 2


@pytest.fixture
def keep_look(qapp: QApplication) -> Iterator[None]:
    """The application's font and palette as they were, after the test."""
    font, palette = qapp.font(), qapp.palette()
    yield
    qapp.setFont(font)
    qapp.setPalette(palette)


def test_interface_size_scales_the_lists_metadata_and_menus_and_is_kept(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, keep_look: None
) -> None:
    from PySide6.QtWidgets import QMenu

    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, samples)
    records = library(qtbot, viewer).view()
    before = {
        "records": records.font().pointSizeF(),
        "row": records.sizeHintForRow(0),
        "metadata": window.metadata.font().pointSizeF(),
        "menu": window.findChild(QMenu, "view_menu").font().pointSizeF(),
    }
    sizes = window.findChild(QMenu, "interface_size_menu")
    assert [a.text() for a in sizes.actions()] == ["100%", "125%", "150%", "175%", "200%"]
    next(a for a in sizes.actions() if a.text() == "150%").trigger()
    view_menu = window.findChild(QMenu, "view_menu")

    def scaled() -> bool:
        return (
            records.font().pointSizeF() == pytest.approx(before["records"] * 1.5)
            and window.metadata.font().pointSizeF() == pytest.approx(before["metadata"] * 1.5)
            and view_menu.font().pointSizeF() == pytest.approx(before["menu"] * 1.5)
        )

    qtbot.waitUntil(scaled)
    qtbot.waitUntil(lambda: records.sizeHintForRow(0) > before["row"])
    point_size = window.transcript.point_size()
    assert window.transcript.browser().document().defaultFont().pointSize() == point_size
    window.close()
    again = make_viewer()
    assert again.window.appearance.size_actions[150].isChecked()


def test_high_contrast_turns_the_window_white_on_black_with_readable_labels_and_notes(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path, keep_look: None
) -> None:
    from viewer.ui import focus_frame

    viewer = make_viewer()
    window = viewer.window
    action = window.appearance.contrast_action
    assert not action.isChecked()  # the offscreen desktop asks for no high contrast
    action.trigger()
    open_and_wait(qtbot, viewer, samples)
    records = library(qtbot, viewer).view()
    palette = records.palette()
    assert palette.color(palette.ColorRole.Base) == QColor("black")
    assert palette.color(palette.ColorRole.Text) == QColor("white")
    image = records.viewport().grab().toImage()
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner.lightness() < 40  # the list is dark, every row of it
    fields = window.metadata.findChild(QTextBrowser)
    label = QTextCursor(fields.document())
    label.movePosition(QTextCursor.MoveOperation.NextCharacter)
    label_colour = label.charFormat().foreground().color()
    assert focus_frame.contrast(label_colour, QColor("black")) >= 4.5
    assert window.metadata.labels()[0] == "Title"
    action.trigger()  # and back
    qtbot.waitUntil(lambda: records.palette().color(palette.ColorRole.Base) != QColor("black"))


def test_a_desktop_asking_for_high_contrast_gets_it_without_a_choice_being_made(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    keep_look: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from viewer.ui import appearance

    monkeypatch.setattr(appearance, "system_prefers_high_contrast", lambda: True)
    viewer = make_viewer()
    assert viewer.window.appearance.contrast_action.isChecked()
    qtbot.waitUntil(lambda: appearance.is_high_contrast(viewer.window.palette()))
    palette = viewer.window.palette()
    # The muted colour of editorial notes gives way where it would not read.
    assert appearance.readable("#6a5f8a") == palette.color(palette.ColorRole.Text).name()
