"""The kiosk shell: the reading window under a visitor bar, full screen, locked down, and back
to the start record when left idle or when a visitor asks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QGuiApplication,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer import paths
from viewer.domain.model import Archive, BrokenRecord, Record
from viewer.kiosk import touch
from viewer.kiosk.admin import PinGate, PinResult, TapGesture
from viewer.kiosk.config import Contrast, KioskConfig
from viewer.kiosk.idle import Clock, IdleMonitor, IdlePhase, monotonic
from viewer.kiosk.usage_log import UsageLog
from viewer.services import reading_copy
from viewer.services import settings as prefs
from viewer.services.settings import Layout, Settings, ViewState
from viewer.ui.kiosk import lockdown, overlays, printing, style
from viewer.ui.main_window import MainWindow
from viewer.ui.messages import Level
from viewer.ui.scan_layout import ZoomMode
from viewer.ui.scan_view import ScanPane

PIN_STATE_FILE = "pin-lockout.json"
"""Wrong PINs and the wait they earned, kept across restarts (in the kiosk's data folder)."""

log = logging.getLogger(__name__)

TICK_MS = 250


class KioskShell(QWidget):
    """The reading window as a kiosk: full screen, locked down, resetting itself when left idle."""

    start_screen_shown = Signal(str)
    """The start record is on screen (after start-up and after each reset); its id."""
    reset_done = Signal(str)
    """The kiosk went back to the start; the reason ("idle", "visitor", "error")."""
    admin_exit_requested = Signal()
    """The right PIN was entered: the process may end (with supervisor.ADMIN_EXIT)."""
    link_refused = Signal(str)

    def __init__(
        self,
        config: KioskConfig,
        window: MainWindow,
        scan: ScanPane,
        settings: Settings,
        view_state: ViewState,
        *,
        clock: Clock = monotonic,
        usage: UsageLog | None = None,
        printer: printing.Printer | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("kiosk")
        self.setWindowTitle(window.windowTitle())
        self.setAccessibleName(self.tr("Archive Viewer kiosk"))
        self.config = config
        self._window = window
        self._scan = scan
        self._settings = settings
        self._view_state = view_state
        self._clock = clock
        self._usage = usage
        self._printer = printer or printing.SystemPrinter()
        self._archive: Archive | None = None
        self._may_close = False
        self._resetting = False
        self._awaiting_ready = True
        self._installed = False
        self._reset_hooks: list[Callable[[], object]] = []
        self._press: tuple[QPoint, float] | None = None
        self._card_due = 0.0
        self.idle = IdleMonitor(clock, config.idle_timeout, config.countdown)
        self.pin_gate = PinGate(
            config.admin_pin_hash, clock, state=paths.data_dir() / "kiosk" / PIN_STATE_FILE
        )
        self._taps = TapGesture(clock)
        self._guard_filter = lockdown.Guard(self, self._guard)
        self._links = lockdown.LinkSink(self)
        self._links.refused.connect(self.link_refused)
        self._saved_native = False

        self.bar = self._build_bar()
        layout = QVBoxLayout(self)
        # Full screen: no size constraints to hand to the window system (offscreen warns of them).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        window.setParent(self)
        window.setWindowFlags(Qt.WindowType.Widget)
        layout.addWidget(window, 1)
        window.show()
        self.countdown = overlays.Countdown(self)
        self.countdown.keep.clicked.connect(self._on_countdown_keep_clicked)
        self.attract = overlays.Attract(self)
        self.pin_pad = overlays.PinPad(self)
        self.pin_pad.pin_entered.connect(self._on_pin_pad_pin_entered)
        self._corner = overlays.AdminCorner(self)
        self._corner.tapped.connect(self._on_corner_tapped)
        lockdown.lock_window(window, config, self)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)

        window.search.results_shown.connect(self._on_search_results_shown)
        window.archive_opened.connect(self._on_window_archive_opened)
        # A curator's files copied into a plain folder while it is open: the start record and
        # the title cards are found in the folder as it is now.
        window.session.archive_updated.connect(self._on_window_archive_opened)
        window.record_shown.connect(self._on_window_record_shown)
        scan.document_opened.connect(self._on_scan_document_opened)
        scan.first_page_painted.connect(self._on_scan_first_page_painted)
        scan.document_failed.connect(self._on_scan_document_failed)

    # -- building -------------------------------------------------------------------------------

    def _build_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("kioskBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(overlays.CORNER + 8, 6, 12, 6)
        row.setSpacing(10)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("kioskTitle")
        font = QFont(self.title.font())
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title.setFont(font)
        row.addWidget(self.title, 1)
        self._extra = QHBoxLayout()
        row.addLayout(self._extra)
        self.large_text_button = self._bar_button(self.tr("Larger text"), checkable=True)
        self.large_text_button.toggled.connect(self.set_large_text)
        self.contrast_button = self._bar_button(self.tr("High contrast"), checkable=True)
        self.contrast_button.toggled.connect(self.set_high_contrast)
        self.print_button = self._bar_button(self.tr("Print"))
        self.print_button.clicked.connect(self.print_record)
        self.print_button.setVisible(self.config.actions.print_allowed)
        self.start_over_button = self._bar_button(self.tr("Start over"))
        self.start_over_button.clicked.connect(lambda: self.reset("visitor"))
        for button in (
            self.large_text_button,
            self.contrast_button,
            self.print_button,
            self.start_over_button,
        ):
            row.addWidget(button)
        return bar

    def _bar_button(self, text: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def install(self) -> None:
        """Take over the application: event filter, styles, link handlers, no native dialogs."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._saved_native = app.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
        app.installEventFilter(self._guard_filter)
        for scheme in lockdown.LINK_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self._links, "open_url")  # type: ignore[arg-type]
        self._installed = True
        self._apply_style()

    def uninstall(self) -> None:
        """Give the application back (for tests, and before staff exit)."""
        if not self._installed:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.removeEventFilter(self._guard_filter)
        for scheme in lockdown.LINK_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        self.setStyleSheet("")
        self.setPalette(QPalette())
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, self._saved_native)
        self._installed = False
        self._timer.stop()

    def start(self) -> None:
        """Show full screen and open the archive on the start record."""
        self.set_high_contrast(self.config.contrast is Contrast.HIGH)
        self._settings.set(prefs.PREFERRED_LANGUAGE, self.config.ui_language)
        self._window.set_layout(Layout(self.config.layout))
        self._window.transcript.set_point_size(self.config.text_size)
        self._view_state.set_last_record(self.config.archive.resolve(), self.config.start_record)
        self._fill_screen()
        self._window.open_path(self.config.archive)
        self.idle.touch()
        self._timer.start()

    def _fill_screen(self) -> None:
        """Full screen; also the whole screen's geometry, for kiosks that run no window manager
        (a bare X server or cage), where the full-screen request alone changes nothing."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
            self._window.fit_docks_to_width(screen.geometry().width())
        self.showFullScreen()

    def allow_close(self) -> None:
        """Let the next close event through (after the right PIN)."""
        self._may_close = True

    def add_visitor_widget(self, widget: QWidget) -> None:
        """Put a visitor control (the search box) in the bar, before the switches."""
        self._extra.addWidget(widget)

    def add_reset_hook(self, hook: Callable[[], object]) -> None:
        """Call `hook()` on every reset (to clear the search box and results)."""
        self._reset_hooks.append(hook)

    @property
    def search_allowed(self) -> bool:
        """Whether visitors may search (the search box is shown only then)."""
        return self.config.actions.search

    def log_search(self, query: str, results: int) -> None:
        """Note a visitor's search in the usage log (its length, never its text)."""
        if self._usage is not None:
            self._usage.search(query, results)

    # -- the event filter -----------------------------------------------------------------------

    def _guard(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return self._guard_key(event)  # type: ignore[arg-type]
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
            QEvent.Type.DragLeave,
        ):
            event.ignore()
            return True
        if kind == QEvent.Type.Close and watched in (self, self._window):
            if self._may_close:
                return False
            event.ignore()
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            self._guard_new_window(watched)
            return False
        if kind == QEvent.Type.WindowStateChange and watched is self and not self._may_close:
            if not self.isFullScreen():
                QTimer.singleShot(0, self._fill_screen)
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            self._track_swipe(watched, event)  # type: ignore[arg-type]
        if kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.Wheel,
            QEvent.Type.TabletPress,
        ):
            return self._on_activity(watched)
        return False

    def _guard_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if lockdown.is_admin_chord(key, mods):
            if event.type() == QEvent.Type.KeyPress:
                self.open_pin_pad()
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            self.idle.touch()
            self._hide_idle_overlays()
        if lockdown.key_allowed(
            key, mods, event.text(), citation=self.config.actions.copy_citation
        ):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is "wanted" here, so no shortcut fires; then it is dropped
        return True

    def _guard_new_window(self, widget: QWidget) -> None:
        if not widget.isWindow() or widget is self:
            return
        kind = widget.windowType()
        if kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip) and not isinstance(widget, QDialog):
            return  # menus of our own buttons and tooltips; context menus never get this far
        log.info("kiosk: closing a new window (%s)", widget.metaObject().className())
        # Once its event loop runs: a modal dialog hidden before exec() starts would never return.
        QTimer.singleShot(0, widget.reject if isinstance(widget, QDialog) else widget.close)

    def _on_activity(self, watched: QObject) -> bool:
        if watched is self._corner or (
            isinstance(watched, QWidget) and self.pin_pad.isAncestorOf(watched)
        ):
            self.idle.touch()
            return False
        before = self.idle.touch()
        if self.attract.isVisible():
            self.attract.hide()
            return True
        if before is IdlePhase.COUNTDOWN or self.countdown.isVisible():
            self.countdown.hide()
            return True
        return False

    # -- touch ----------------------------------------------------------------------------------

    def _is_scan(self, watched: QObject) -> bool:
        return watched is self._scan or (
            isinstance(watched, QWidget) and self._scan.isAncestorOf(watched)
        )

    def _track_swipe(self, watched: QObject, event: QMouseEvent) -> None:
        if not self._is_scan(watched):
            return
        device = event.pointingDevice()
        if device is None or device.type() != QInputDevice.DeviceType.TouchScreen:
            return  # a mouse drag selects or pans; only a finger swipes
        position = event.globalPosition().toPoint()
        if event.type() == QEvent.Type.MouseButtonPress:
            self._press = (position, self._clock())
            return
        if self._press is None:
            return
        start, when = self._press
        self._press = None
        delta = position - start
        direction = touch.swipe(delta.x(), delta.y(), self._clock() - when)
        if direction is not None and self._scan.page_count() > 1:
            page = self._scan.current_page() + direction.value
            if 0 <= page < self._scan.page_count():
                self._scan.go_to_page(page)

    # -- idle, reset, attract -------------------------------------------------------------------

    def tick(self) -> None:
        """Check the idle time (Qt's timer calls this; tests call it after moving the clock)."""
        if self.pin_pad.isVisible():
            # Staff are at the PIN pad: no countdown over it, no reset under their fingers.
            self.idle.touch()
        change = self.idle.tick()
        if change is IdlePhase.COUNTDOWN:
            self._show_overlay(self.countdown)
        if self.idle.phase is IdlePhase.COUNTDOWN:
            self.countdown.set_seconds(self.idle.seconds_left())
        if change is IdlePhase.RESTING:
            self.reset("idle")
            if self.config.attract and self.attract.cards:
                self._card_due = self._clock() + self.config.attract_card_seconds
                self.attract.show_card(0, self._archive_title())
                self._show_overlay(self.attract)
        elif self.attract.isVisible() and self._clock() >= self._card_due:
            self._card_due = self._clock() + self.config.attract_card_seconds
            self.attract.show_card(self.attract.index + 1, self._archive_title())
        if self.isVisible() and not self._may_close and not self.isFullScreen():
            self._fill_screen()

    def reset(self, reason: str) -> None:
        """Back to the start: search, zoom, selection, messages and clipboard cleared."""
        log.info("kiosk reset (%s)", reason)
        self._resetting = True
        try:
            self._hide_idle_overlays()
            self.pin_pad.hide()
            clipboard = QGuiApplication.clipboard()
            clipboard.clear(clipboard.Mode.Clipboard)
            if clipboard.supportsSelection():
                clipboard.clear(clipboard.Mode.Selection)
            browser = self._window.transcript.browser()
            cursor = browser.textCursor()
            cursor.clearSelection()
            browser.setTextCursor(cursor)
            self.large_text_button.setChecked(False)
            self._window.transcript.set_point_size(self.config.text_size)
            self.contrast_button.setChecked(self.config.contrast is Contrast.HIGH)
            self._settings.set(prefs.PREFERRED_LANGUAGE, self.config.ui_language)
            self._window.messages.clear()
            self._window.messages.history.clear()
            self._window.set_layout(Layout(self.config.layout))
            self._clear_search()
            for hook in self._reset_hooks:
                hook()
            self._show_start_record()
        finally:
            self._resetting = False
        if self._usage is not None:
            self._usage.reset(reason)
        if reason == "idle":
            self.idle.rest()
        else:
            self.idle.touch()
        self.reset_done.emit(reason)

    def _clear_search(self) -> None:
        # No "2 records" left over an empty list, and the record list in front again.
        self._window.search.clear()
        self._window.raise_records()
        self._window.find_bar.close_bar()

    def _on_search_results_shown(self, count: int) -> None:
        if not self._resetting:
            self.log_search(self._window.search.search_box().text(), count)

    def recover(self) -> None:
        """After an unexpected error: log-only for visitors, and back to the start screen."""
        try:
            self.reset("error")
        except Exception:
            log.exception("kiosk: the reset after an error failed too")

    def _show_start_record(self) -> None:
        if self._archive is None:
            return
        start = self._archive.find(self.config.start_record)
        if start is None:
            return
        if self._window.current_record() is start:
            self._window.transcript.select_language(self.config.ui_language)
            self._reset_scan_view()
            self.start_screen_shown.emit(start.id)
        else:
            self._awaiting_ready = True
            self._window.show_record(start)
        self._window.records.view().scrollTo(self._window.records.view().currentIndex())

    def _reset_scan_view(self) -> None:
        if self._scan.page_count():
            self._scan.go_to_page(0)
        self._scan.set_zoom_mode(ZoomMode.FIT_WIDTH)

    def _hide_idle_overlays(self) -> None:
        self.countdown.hide()
        self.attract.hide()

    def _show_overlay(self, overlay: QWidget) -> None:
        overlay.setGeometry(self.rect())
        overlay.show()
        overlay.raise_()
        self._corner.raise_()

    def _archive_title(self) -> str:
        return self._archive.title if self._archive else ""

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        for overlay in (self.countdown, self.attract, self.pin_pad):
            overlay.setGeometry(self.rect())
        self._corner.setGeometry(QRect(0, 0, overlays.CORNER, overlays.CORNER))
        self._corner.raise_()

    # -- visitor switches -----------------------------------------------------------------------

    def set_large_text(self, on: bool) -> None:
        """Switch the transcript to the large text size, or back."""
        size = self.config.large_text_size if on else self.config.text_size
        self._window.transcript.set_point_size(size)
        if self.large_text_button.isChecked() != on:
            self.large_text_button.setChecked(on)

    def set_high_contrast(self, on: bool) -> None:
        """Switch between the normal colours and white on black."""
        if self.contrast_button.isChecked() != on:
            self.contrast_button.setChecked(on)
            return
        if self._installed:
            self.setPalette(style.high_contrast_palette() if on else QPalette())
            self._apply_style()

    def _apply_style(self) -> None:
        # On the kiosk's own widgets only: restyling the whole application repolishes every
        # widget of the process, and the kiosk's are the only ones a visitor sees.
        extra = style.HIGH_CONTRAST_STYLE if self.contrast_button.isChecked() else ""
        self.setStyleSheet(style.KIOSK_STYLE + extra)

    def print_record(self) -> None:
        """Print the record's citation and transcript on the configured printer."""
        record = self._window.current_record()
        if not self.config.actions.print_allowed or not isinstance(record, Record):
            return
        document = reading_copy.record_document(
            record, self._window.transcript.browser().document()
        )
        printed = self._printer.print_document(document, self.config.actions.printer)
        self._window.messages.show_message(
            Level.INFO,
            self.tr("Printing on the reading room printer.")
            if printed
            else self.tr("Printing is not available right now. Please ask the staff."),
        )

    # -- admin ----------------------------------------------------------------------------------

    def open_pin_pad(self) -> None:
        """Show the PIN pad (after the admin gesture)."""
        self.pin_pad.setGeometry(self.rect())
        self.pin_pad.open()
        self._corner.raise_()

    def _on_corner_tapped(self) -> None:
        self.idle.touch()
        if self._taps.tap():
            self.open_pin_pad()

    def _on_pin_pad_pin_entered(self, pin: str) -> None:
        result = self.pin_gate.try_pin(pin)
        if result is PinResult.ACCEPTED:
            log.info("kiosk: staff exit")
            self.pin_pad.hide()
            self.allow_close()
            self.admin_exit_requested.emit()
            return
        wait = self.pin_gate.wait_left()
        if result is PinResult.LOCKED:
            log.warning("kiosk: too many wrong PINs; locked for %.0f s", wait)
            text = self.tr("Too many wrong PINs. Wait {seconds} s before trying again.")
        elif wait:
            log.warning("kiosk: wrong PIN; next try in %.0f s", wait)
            text = self.tr("Wrong PIN. Wait {seconds} s before trying again.")
        else:
            log.warning("kiosk: wrong PIN")
            text = self.tr("Wrong PIN.")
        self.pin_pad.status.setText(text.format(seconds=f"{wait:.0f}"))

    def _on_countdown_keep_clicked(self) -> None:
        self.countdown.hide()
        self.idle.touch()

    # -- the window -----------------------------------------------------------------------------

    def _on_window_archive_opened(self, archive: Archive) -> None:
        self._archive = archive
        self.title.setText(archive.title)
        cards = [archive.find(i) for i in self.config.attract_records()]
        self.attract.cards = [c for c in cards if isinstance(c, Record)]

    def _on_window_record_shown(self, record: Record | BrokenRecord) -> None:
        lockdown.apply_actions(self._window, self.config, self)
        if not self._resetting and not self._awaiting_ready and self._usage is not None:
            self._usage.record_opened(record.id)
        if self._awaiting_ready and record.id == self.config.start_record:
            if isinstance(record, Record) and record.scans:
                QTimer.singleShot(3000, self._announce_ready)
            else:
                self._announce_ready()
        elif self._awaiting_ready:
            self._awaiting_ready = False

    def _on_scan_document_opened(self, _info: object) -> None:
        # The window restores a document's saved page and zoom; a kiosk always starts afresh.
        self._reset_scan_view()

    def _on_scan_first_page_painted(self) -> None:
        self._announce_ready()

    def _on_scan_document_failed(self, *_args: object) -> None:
        self._announce_ready()

    def _announce_ready(self) -> None:
        record = self._window.current_record()
        if self._awaiting_ready and record is not None and record.id == self.config.start_record:
            self._awaiting_ready = False
            self.start_screen_shown.emit(record.id)
