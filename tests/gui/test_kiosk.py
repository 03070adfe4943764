"""The kiosk shell driven as visitors and staff would: nothing escapes, it resets, the PIN works."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDesktopServices,
    QDropEvent,
    QGuiApplication,
    QImage,
    QTextDocument,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QFileDialog,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain import citation
from viewer.kiosk import config as kiosk_config
from viewer.kiosk import usage_log
from viewer.ui.kiosk import printing, style
from viewer.ui.kiosk import shell as kiosk_shell

START = "1949-05-18-telegram"
# Qt's offscreen platform says this of any dialog with a fixed-size layout; a real screen does not.
OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PIN = "2468"
PIN_HASH = kiosk_config.hash_pin(PIN)


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class FakePrinter:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, str]] = []

    def print_document(self, document: QTextDocument, printer_name: str) -> bool:
        self.jobs.append((printer_name, document.toPlainText()))
        return True


class Kiosk:
    """One kiosk under test: the viewer, the shell, its clock, printer and usage log."""

    def __init__(self, viewer: Viewer, shell: kiosk_shell.KioskShell, clock: FakeClock) -> None:
        self.viewer = viewer
        self.shell = shell
        self.window = viewer.window
        self.clock = clock

    def wait(self, seconds: float) -> None:
        """Let `seconds` pass on the kiosk's clock and let it check."""
        self.clock.now += seconds
        self.shell.tick()

    def record_id(self) -> str:
        record = self.window.current_record()
        return record.id if record is not None else ""

    def usage(self) -> list[dict[str, Any]]:
        return list(usage_log.read_events(usage_log.default_path()))


@pytest.fixture
def make_kiosk(
    qtbot: QtBot, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Kiosk]]:
    made: list[Kiosk] = []
    # If anything got past the kiosk, these would block the test: record instead.
    for name in ("getOpenFileName", "getExistingDirectory", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: pytest.fail("file dialog opened"))

    def make(printer: FakePrinter | None = None, actions: dict[str, Any] | None = None, **kw: Any):
        data: dict[str, Any] = {
            "archive": str(samples),
            "start_record": START,
            "admin_pin": PIN_HASH,
            "idle_timeout": 60,
            "countdown": 20,
            "attract": False,
            **kw,
        }
        if actions is not None:
            data["actions"] = actions
        config = kiosk_config.parse_config(data, tmp_path / "kiosk.toml")
        clock = FakeClock()
        viewer = Viewer(notes=False)  # as app.run_kiosk makes it
        shell = kiosk_shell.KioskShell(
            config,
            viewer.window,
            viewer.scan_pane,
            viewer.settings,
            viewer.view_state,
            clock=clock,
            usage=usage_log.UsageLog(usage_log.default_path()),
            printer=printer or FakePrinter(),
        )
        qtbot.addWidget(shell)
        shell.install()
        made.append(Kiosk(viewer, shell, clock))
        with qtbot.waitSignal(shell.start_screen_shown, timeout=20000):
            shell.start()
        qtbot.waitUntil(lambda: bool(viewer.window.transcript.plain_text()), timeout=5000)
        return made[-1]

    yield make
    for item in made:
        item.shell.uninstall()
        item.shell.allow_close()
        item.shell.close()
        backend = getattr(item.viewer.worker, "_backend", None)
        item.viewer.shutdown()
        # PdfWorker's process backend leaves its stdout open after stop (to fix in render.py).
        process = getattr(backend, "process", None)
        if process is not None and process.stdout is not None:
            backend.thread.join(5)  # type: ignore[union-attr]
            process.stdout.close()


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def go_to(qtbot: QtBot, item: Kiosk, record_id: str) -> None:
    archive = item.shell._archive
    assert archive is not None
    with qtbot.waitSignal(item.window.record_shown):
        item.window.show_record(archive.find(record_id))


# -- start --------------------------------------------------------------------------------------


def test_starts_full_screen_without_frame_menus_or_dock_buttons_on_the_start_record(
    make_kiosk: Callable[..., Kiosk],
) -> None:
    item = make_kiosk()
    shell, window = item.shell, item.window
    assert shell.isFullScreen()
    assert shell.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert visible_windows() == [shell]
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    docks = window.findChildren(QDockWidget)
    assert docks
    assert all(d.features() == QDockWidget.DockWidgetFeature.NoDockWidgetFeatures for d in docks)
    # Every panel but Notes: a kiosk keeps no visitor's notes.
    assert all(d.isVisible() != (d.objectName() == "notesDock") for d in docks)
    assert not any(d.isFloating() for d in docks)
    assert item.record_id() == START
    assert shell.title.text() == "Archive Viewer sample archive"
    assert "Yesterday, 17 May, Mao Zedong" in window.transcript.plain_text()
    enabled = sorted(
        a.objectName()
        for a in window.findChildren(QAction)
        if a.isEnabled() and (a.parent() is window or isinstance(a.parent(), QDockWidget))
    )
    assert enabled == [
        "copy_citation",
        "find",
        "next_record",
        "previous_record",
        "search_archive",
    ]


# -- nothing escapes ----------------------------------------------------------------------------


ESCAPES = [
    ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ("Esc", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ("F11", Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ("Alt+Tab", Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ("Ctrl+O", Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier),
    (
        "Ctrl+Shift+O",
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    ),
    ("F1", Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
    ("F8", Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier),
    ("Ctrl+P", Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
    ("Ctrl+4", Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier),
]


@pytest.mark.parametrize(("name", "key", "modifiers"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape_keys_do_nothing(
    qtbot: QtBot,
    make_kiosk: Callable[..., Kiosk],
    name: str,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    item = make_kiosk()
    window = item.window
    triggered: list[str] = []
    for action in window.findChildren(QAction):
        action.triggered.connect(lambda _=False, a=action: triggered.append(a.objectName()))
    browser = window.transcript.browser()
    browser.setFocus()
    qtbot.keyClick(browser, key, modifiers)
    qtbot.keyClick(item.shell, key, modifiers)
    assert triggered == []
    assert visible_windows() == [item.shell]
    assert item.shell.isFullScreen()
    assert window.isVisible()
    assert all(
        d.isVisible() != (d.objectName() == "notesDock") for d in window.findChildren(QDockWidget)
    )
    assert item.record_id() == START
    assert window.current_layout().value == "side-by-side"


def test_reading_keys_still_work(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    browser = item.window.transcript.browser()
    browser.setFocus()
    before = item.window.transcript.point_size()
    qtbot.keyClick(browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert item.window.transcript.point_size() == before + 1
    with qtbot.waitSignal(item.window.record_shown):
        qtbot.keyClick(browser, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert item.record_id() == "specimen-bilingual"


def test_close_requests_are_refused(make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    assert item.shell.close() is False
    assert item.window.close() is False
    assert item.shell.isVisible() and item.window.isVisible()


def test_context_menus_do_not_open(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    viewport = item.window.transcript.browser().viewport()
    # A menu that did open would run in exec(), where this timer fires: it notes and closes the
    # menu so the test fails instead of hanging. With no menu it fires once the event is handled.
    shown: list[str] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        shown.append(str(popup))
        if popup is not None:
            popup.close()

    QTimer.singleShot(0, look)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(20, 20), viewport.mapToGlobal(QPoint(20, 20))
    )
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["None"]


def test_dropped_folders_are_ignored(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], samples: Path
) -> None:
    item = make_kiosk()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(samples / "records" / "specimen-card"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.assertNotEmitted(item.window.record_shown, wait=500):
        QApplication.sendEvent(item.window, event)
    assert item.record_id() == START
    assert not item.window.acceptDrops()


@OFFSCREEN_SIZE_HINTS
def test_dialogs_and_new_windows_are_closed_at_once(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts", "…", parent=item.window)
    QTimer.singleShot(1000, box.accept)  # the test's own safety net
    assert box.exec() == 0  # closed by the kiosk at once, not accepted by the safety net
    stray = QWidget()
    stray.setWindowTitle("A new window")
    stray.show()
    qtbot.waitUntil(lambda: not stray.isVisible(), timeout=1000)
    assert visible_windows() == [item.shell]


@OFFSCREEN_SIZE_HINTS
def test_file_dialogs_are_closed_at_once(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    dialog = QFileDialog(item.window, "Open a PDF or a record")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog) or QApplication.testAttribute(
        Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    )
    QTimer.singleShot(1000, dialog.reject)  # the test's own safety net
    assert dialog.exec() == 0
    assert visible_windows() == [item.shell]


@pytest.mark.parametrize(
    "url", ["https://www.wilsoncenter.org/", "file:///etc/passwd", "mailto:a@example.org"]
)
def test_links_and_launch_actions_open_nothing(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], url: str
) -> None:
    item = make_kiosk()
    browser = item.window.transcript.browser()
    assert not browser.openLinks() and not browser.openExternalLinks()
    with qtbot.waitSignal(item.shell.link_refused) as refused:
        assert QDesktopServices.openUrl(QUrl(url))
    assert refused.args == [url]


def test_print_to_file_is_impossible_with_an_unknown_printer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    document = QTextDocument("A page")
    assert printing.SystemPrinter().print_document(document, "No Such Printer") is False
    assert printing.SystemPrinter().print_document(document, "") is False
    assert list(folder.iterdir()) == []


# -- idle, reset, attract -----------------------------------------------------------------------


def test_idle_countdown_then_reset_clears_everything_a_visitor_left(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    shell, window = item.shell, item.window
    go_to(qtbot, item, "specimen-bilingual")
    qtbot.waitUntil(lambda: bool(window.transcript.plain_text()))
    window.copy_citation()
    assert QGuiApplication.clipboard().text() != ""
    shell.large_text_button.click()
    assert window.transcript.point_size() == 20
    browser = window.transcript.browser()
    browser.selectAll()
    assert browser.textCursor().hasSelection()
    item.viewer.scan_pane.go_to_page(1)
    shell.log_search("Kim Il Sung", 4)

    item.wait(59)
    assert not shell.countdown.isVisible()
    item.wait(1)
    assert shell.countdown.isVisible()
    assert shell.countdown.headline.text() == "Still reading?"
    assert (
        shell.countdown.detail.text()
        == "Touch the screen to keep reading. Starting over in 20 seconds."
    )
    item.wait(5)
    assert (
        shell.countdown.detail.text()
        == "Touch the screen to keep reading. Starting over in 15 seconds."
    )
    with qtbot.waitSignal(shell.reset_done) as done, qtbot.waitSignal(window.record_shown):
        item.wait(15)
    assert done.args == ["idle"]
    assert not shell.countdown.isVisible()
    assert item.record_id() == START
    assert QGuiApplication.clipboard().text() == ""
    assert window.transcript.point_size() == 14
    assert not shell.large_text_button.isChecked()
    assert not window.transcript.browser().textCursor().hasSelection()
    assert window.messages.history == []
    qtbot.waitUntil(lambda: item.viewer.scan_pane.current_page() == 0)
    events = [(e["event"], e.get("record"), e.get("reason")) for e in item.usage()]
    assert events == [
        ("record_opened", "specimen-bilingual", None),
        ("search", None, None),
        ("reset", None, "idle"),
    ]
    assert next(e for e in item.usage() if e["event"] == "search")["query_length"] == 11


def test_a_touch_during_the_countdown_keeps_the_visitor_reading(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    go_to(qtbot, item, "specimen-card")
    item.wait(61)
    assert item.shell.countdown.isVisible()
    qtbot.mouseClick(item.shell.countdown, Qt.MouseButton.LeftButton)
    assert not item.shell.countdown.isVisible()
    item.wait(30)
    assert item.record_id() == "specimen-card"
    assert not item.shell.countdown.isVisible()


def test_attract_loop_cycles_featured_records_until_touched(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk(attract=True, featured=["specimen-card", START], attract_card_seconds=8)
    shell = item.shell
    go_to(qtbot, item, "specimen-bilingual")
    item.wait(60)
    with qtbot.waitSignal(item.window.record_shown):
        item.wait(20)
    assert shell.attract.isVisible()
    card_title = item.shell._archive.find("specimen-card").title  # type: ignore[union-attr]
    start_title = item.shell._archive.find(START).title  # type: ignore[union-attr]
    assert shell.attract.headline.text() == card_title
    item.wait(7)
    assert shell.attract.headline.text() == card_title
    item.wait(1)
    assert shell.attract.headline.text() == start_title
    item.wait(8)
    assert shell.attract.headline.text() == card_title
    item.wait(600)
    assert shell.attract.isVisible() and not shell.countdown.isVisible()
    qtbot.mouseClick(shell.attract, Qt.MouseButton.LeftButton)
    assert not shell.attract.isVisible()
    assert item.record_id() == START


def test_without_attract_the_start_record_waits_after_reset(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk(attract=False)
    item.wait(80)
    assert not item.shell.attract.isVisible()
    assert item.record_id() == START


def test_start_over_button_resets_at_once(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    go_to(qtbot, item, "specimen-card")
    with qtbot.waitSignal(item.shell.reset_done) as done:
        item.shell.start_over_button.click()
    assert done.args == ["visitor"]
    assert item.record_id() == START


def test_unexpected_error_resets_to_the_start_without_a_dialog(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    go_to(qtbot, item, "specimen-card")
    item.shell.recover()
    assert item.record_id() == START
    assert visible_windows() == [item.shell]
    assert item.usage()[-1]["reason"] == "error"


# -- the PIN ------------------------------------------------------------------------------------


def tap_corner(qtbot: QtBot, item: Kiosk, times: int, every: float) -> None:
    for _ in range(times):
        qtbot.mouseClick(item.shell._corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        item.clock.now += every


def test_five_quick_corner_taps_open_the_pin_pad_and_slow_ones_do_not(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    tap_corner(qtbot, item, 5, 1.0)
    assert not item.shell.pin_pad.isVisible()
    tap_corner(qtbot, item, 5, 0.3)
    assert item.shell.pin_pad.isVisible()
    assert all(
        b.width() >= 72 and b.height() >= 72
        for b in item.shell.pin_pad.buttons.values()
        if b.text() != "Cancel"
    )


def test_right_pin_exits_and_wrong_pin_does_not(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    shell = item.shell
    qtbot.keyClick(
        shell,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier,
    )
    assert shell.pin_pad.isVisible()
    with qtbot.assertNotEmitted(shell.admin_exit_requested):
        shell.pin_pad.type_pin("1111")
    assert shell.pin_pad.status.text() == "Wrong PIN."
    assert shell.close() is False
    with qtbot.waitSignal(shell.admin_exit_requested):
        for digit in PIN:
            qtbot.mouseClick(shell.pin_pad.buttons[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(shell.pin_pad.buttons["OK"], Qt.MouseButton.LeftButton)
    assert not shell.pin_pad.isVisible()
    assert shell.close() is True


def test_repeated_wrong_pins_make_staff_wait_even_for_the_right_one(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    shell = item.shell
    shell.open_pin_pad()
    for _ in range(3):
        shell.pin_pad.type_pin("0000")
    assert shell.pin_pad.status.text() == "Wrong PIN. Wait 5 s before trying again."
    with qtbot.assertNotEmitted(shell.admin_exit_requested):
        shell.pin_pad.type_pin(PIN)
    assert shell.pin_pad.status.text() == "Too many wrong PINs. Wait 5 s before trying again."
    item.clock.now += 5
    with qtbot.waitSignal(shell.admin_exit_requested):
        shell.pin_pad.type_pin(PIN)


# -- allowed actions ----------------------------------------------------------------------------


def citation_buttons(item: Kiosk) -> list[QAbstractButton]:
    return [
        b
        for b in item.window.metadata.findChildren(QAbstractButton)
        if "citation" in b.text().lower() and b.isVisible()
    ]


def test_copy_citation_allowed_puts_the_citation_on_the_clipboard(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    QGuiApplication.clipboard().clear()
    buttons = citation_buttons(item)
    assert buttons
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    record = item.window.current_record()
    assert QGuiApplication.clipboard().text() == citation.house(record)  # type: ignore[arg-type]


def test_copy_citation_forbidden_hides_the_button_and_ignores_the_key(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk(actions={"copy_citation": False})
    QGuiApplication.clipboard().clear()
    assert citation_buttons(item) == []
    qtbot.keyClick(
        item.window.transcript.browser(),
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert QGuiApplication.clipboard().text() == ""
    assert not item.window.copy_citation_action.isEnabled()


@pytest.mark.parametrize("allowed", [True, False])
def test_language_switch_follows_the_configuration(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], allowed: bool
) -> None:
    item = make_kiosk(actions={"language_switch": allowed})
    go_to(qtbot, item, "specimen-bilingual")
    tabs = item.window.transcript.findChild(QTabBar)
    assert tabs.count() == 2
    assert tabs.isVisible() is allowed
    if allowed:
        assert tabs.tabRect(0).height() >= style.MIN_TARGET


def test_print_goes_to_the_configured_printer_only_when_allowed(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    printer = FakePrinter()
    item = make_kiosk(printer=printer, actions={"print": True, "printer": "Reading_Room"})
    assert item.shell.print_button.isVisible()
    qtbot.mouseClick(item.shell.print_button, Qt.MouseButton.LeftButton)
    assert len(printer.jobs) == 1
    name, text = printer.jobs[0]
    assert name == "Reading_Room"
    assert text.startswith("Telegram from the leader of the group of Soviet specialists")
    assert "Yesterday, 17 May, Mao Zedong" in text
    assert item.window.messages.text() == "Printing on the reading room printer."


def test_print_forbidden_shows_no_print_button(make_kiosk: Callable[..., Kiosk]) -> None:
    printer = FakePrinter()
    item = make_kiosk(printer=printer)
    assert not item.shell.print_button.isVisible()
    item.shell.print_record()
    assert printer.jobs == []


@pytest.mark.parametrize("allowed", [True, False])
def test_search_switch_is_exposed_for_the_search_box(
    make_kiosk: Callable[..., Kiosk], allowed: bool
) -> None:
    item = make_kiosk(actions={"search": allowed})
    assert item.shell.search_allowed is allowed
    cleared: list[str] = []
    item.shell.add_reset_hook(lambda: cleared.append("search cleared"))
    item.shell.reset("visitor")
    assert cleared == ["search cleared"]


# -- touch --------------------------------------------------------------------------------------


def test_every_visible_button_is_at_least_44_pixels(make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    small = [
        (b.text() or b.accessibleName(), b.width(), b.height())
        for b in item.shell.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < style.MIN_TARGET or b.height() < style.MIN_TARGET)
    ]
    assert small == []


def test_larger_text_and_high_contrast_switches(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    viewport = item.window.transcript.browser().viewport()

    def corner_lightness() -> int:
        image = viewport.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        return image.pixelColor(4, image.height() - 4).lightness()

    assert corner_lightness() > 200
    qtbot.mouseClick(item.shell.contrast_button, Qt.MouseButton.LeftButton)
    assert corner_lightness() < 30
    qtbot.mouseClick(item.shell.large_text_button, Qt.MouseButton.LeftButton)
    assert item.window.transcript.point_size() == 20
    item.shell.reset("visitor")
    assert corner_lightness() > 200
    assert item.window.transcript.point_size() == 14


def test_swipe_turns_the_page(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk(layout="scan-only")
    scan = item.viewer.scan_pane
    assert scan.page_count() == 3
    assert scan.current_page() == 0
    device = QTest.createTouchDevice()
    y = scan.height() // 2

    def stroke(start: int, end: int, seconds: float) -> None:
        QTest.touchEvent(item.shell, device).press(0, QPoint(start, y), scan).commit()
        item.clock.now += seconds
        QTest.touchEvent(item.shell, device).release(0, QPoint(end, y), scan).commit()

    stroke(scan.width() - 40, scan.width() - 240, 0.2)
    qtbot.waitUntil(lambda: scan.current_page() == 1, timeout=2000)
    stroke(scan.width() - 40, scan.width() - 240, 2.0)  # a slow drag pans, it does not turn
    qtbot.wait(100)
    assert scan.current_page() == 1
    stroke(40, 240, 0.2)
    qtbot.waitUntil(lambda: scan.current_page() == 0, timeout=2000)


def test_usage_log_lines_are_json_with_minutes(make_kiosk: Callable[..., Kiosk]) -> None:
    item = make_kiosk()
    item.shell.reset("visitor")
    line = usage_log.default_path().read_text(encoding="utf-8").splitlines()[-1]
    event = json.loads(line)
    assert event["event"] == "reset" and event["reason"] == "visitor"
    assert len(event["time"]) == len("2025-01-01T10:17+01:00")


def test_a_tap_on_the_search_tab_focuses_the_box_and_a_reset_leaves_no_results_behind(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    from PySide6.QtWidgets import QTabBar

    item = make_kiosk()
    window = item.window
    panel = window.search
    qtbot.waitUntil(lambda: panel._ready, timeout=20_000)
    tabs = next(
        bar
        for bar in window.findChildren(QTabBar)
        if "Search" in [bar.tabText(i) for i in range(bar.count())]
    )
    search_tab = [tabs.tabText(i) for i in range(tabs.count())].index("Search")
    window.activateWindow()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(search_tab).center())
    qtbot.waitUntil(panel.search_box().hasFocus, timeout=5000)
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        qtbot.keyClicks(panel.search_box(), "telegram")
    assert panel.status_text().endswith("record") or panel.status_text().endswith("records")
    assert panel.result_model().rowCount() > 0
    item.shell.reset("visitor")
    assert panel.search_box().text() == ""
    assert panel.result_model().rowCount() == 0
    assert panel.status_text() == ""  # not "2 records" over an empty list
    assert tabs.tabText(tabs.currentIndex()) != "Search"  # the record list in front again
    assert panel.visibleRegion().isEmpty()  # behind the record list


def test_high_contrast_lists_are_dark_on_every_row_and_rows_are_touch_targets(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    from viewer.ui.library import LibraryPanel

    item = make_kiosk()
    qtbot.mouseClick(item.shell.contrast_button, Qt.MouseButton.LeftButton)
    library = item.window.records
    assert isinstance(library, LibraryPanel)
    view = library.view()
    model = library.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    assert len(rows) >= 3
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.width() / max(view.viewport().width(), 1)
    for index in rows:
        rect = view.visualRect(index)
        assert rect.height() >= style.MIN_TARGET  # a finger's width
        if view.selectionModel().isSelected(index):
            continue
        # The background at the row's right end, past its text: dark on every row.
        x = round((view.viewport().width() - 3) * ratio)
        y = round(rect.center().y() * ratio)
        assert image.pixelColor(x, y).lightness() < 60, index.row()


def test_the_idle_countdown_never_runs_over_the_pin_pad(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk]
) -> None:
    item = make_kiosk()
    tap_corner(qtbot, item, 5, 0.3)
    assert item.shell.pin_pad.isVisible()
    item.wait(61)
    assert not item.shell.countdown.isVisible()
    item.wait(60)
    assert item.shell.pin_pad.isVisible()  # not reset away under the staff's fingers
    assert not item.shell.countdown.isVisible()
    item.shell.pin_pad.hide()
    item.wait(61)
    assert item.shell.countdown.isVisible()  # back to the visitors' rules once it is closed


@pytest.mark.parametrize(
    ("citation", "search"), [(True, True), (False, False), (True, False), (False, True)]
)
def test_the_kiosk_offers_exactly_the_commands_the_table_allows_it(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], citation: bool, search: bool
) -> None:
    from viewer.ui import actions

    item = make_kiosk(actions={"copy_citation": citation, "search": search})
    window = item.window
    allowed = actions.kiosk_allowed(citation=citation, search=search)
    offered = {
        action_id
        for action_id, action in window.commands.items()
        if action.isEnabled() and actions.spec(action_id).made is not actions.Made.ELSEWHERE
    }
    made_here = {
        action_id
        for action_id in window.commands
        if actions.spec(action_id).made is not actions.Made.ELSEWHERE
    }
    assert offered == allowed & made_here
    assert ("copy_citation" in offered) is citation
    assert ("search_archive" in offered) is search


# -- a plain folder followed on disk -------------------------------------------------------------


def test_files_a_curator_copies_into_the_folder_while_it_runs_are_offered(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    import pymupdf

    def make_pdf(path: Path, title: str) -> None:
        document = pymupdf.open()
        document.new_page().insert_text((72, 72), title)
        document.set_metadata({"title": title})
        document.save(path)
        document.close()

    folder = tmp_path / "exhibition"
    folder.mkdir()
    make_pdf(folder / "1962-10-22_cable.pdf", "Cable to Moscow")
    item = make_kiosk(archive=str(folder), start_record="1962-10-22_cable")
    later = item.window.later
    qtbot.waitUntil(lambda: later.folder_follow() is not None, timeout=10000)
    watch = later.folder_follow().watching()  # type: ignore[union-attr]
    assert watch is not None
    qtbot.waitUntil(lambda: watch.coverage is not None, timeout=10000)
    make_pdf(folder / "1963-11-22_memo.pdf.tmp", "Memorandum for the Record")
    (folder / "1963-11-22_memo.pdf.tmp").replace(folder / "1963-11-22_memo.pdf")
    qtbot.waitUntil(
        lambda: (
            "Memorandum for the Record" in [r.title for r in item.window.records.shown_records()]
        ),
        timeout=10000,
    )
    # The kiosk's own idea of the archive follows: the new record can be a start or a card.
    archive = item.shell._archive
    assert archive is not None and archive.find("1963-11-22_memo") is not None
    assert sorted(p.name for p in folder.iterdir()) == [
        "1962-10-22_cable.pdf",
        "1963-11-22_memo.pdf",
    ]
