"""The kiosk viewer process: the reading window inside the kiosk shell, beating for the supervisor.

Started by the supervisor as `python -m viewer.kiosk --child CONFIG --heartbeat-fd N`. Errors are
logged and end in a reset to the start screen; visitors never see a traceback or a dialog.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from viewer import kiosk
from viewer.kiosk import config as kiosk_config
from viewer.kiosk import supervisor, usage_log
from viewer.services import i18n, paths

log = logging.getLogger(__name__)

HEARTBEAT_MS = 500


class Heartbeat(QObject):
    """Writes a line to the supervisor's pipe from the GUI thread; silent when the GUI hangs."""

    def __init__(self, fd: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fd = fd
        if fd >= 0:
            os.set_blocking(fd, False)  # a stuck supervisor must never block the GUI thread
        self._timer = QTimer(self)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self.beat)
        self._timer.start()

    def send(self, line: str) -> None:
        """Send one line to the supervisor (dropped when nobody listens)."""
        if self._fd < 0:
            return
        try:
            os.write(self._fd, line.encode() + b"\n")
        except (BlockingIOError, BrokenPipeError):
            pass
        except OSError as exc:
            log.warning("heartbeat pipe: %s", exc)
            self._fd = -1

    def beat(self) -> None:
        """The GUI thread is alive."""
        self.send("beat")

    def ready(self, record_id: str) -> None:
        """The start record is on screen."""
        self.send(f"ready {record_id}")


def _install_error_handling(recover: object) -> None:
    """Unexpected errors: logged with their traceback, then the kiosk starts over."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical(
            "unexpected error; the kiosk starts over:\n%s",
            "".join(traceback.format_exception(kind, value, tb)),
        )
        QTimer.singleShot(0, recover)  # type: ignore[call-overload]

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.critical(
            "unexpected error in thread %s:\n%s",
            args.thread.name if args.thread else "?",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )

    sys.excepthook = hook
    threading.excepthook = thread_hook
    faulthandler.enable()
    faulthandler.register(signal.SIGUSR1, all_threads=True)


def _log_to_file() -> None:
    folder = paths.ensure(paths.data_dir())
    handler = logging.FileHandler(folder / "kiosk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)


def interface_language(config: kiosk_config.KioskConfig) -> str:
    """The translation that serves the configured `ui_language`; KioskConfigError when none does."""
    try:
        return i18n.check(config.ui_language)
    except i18n.UnknownLanguageError as exc:
        raise kiosk_config.KioskConfigError(
            config.path,
            [
                f"ui_language: there is no interface translation for {config.ui_language!r}; "
                f"use one of {', '.join(exc.available)}."
            ],
        ) from exc


def apply_language(app: QCoreApplication, config: kiosk_config.KioskConfig) -> str:
    """Put the kiosk's interface in the configured `ui_language`; the language in use."""
    return i18n.install(app, interface_language(config))


def main(config_path: Path | None, heartbeat_fd: int = -1) -> int:
    """Run the kiosk window until staff exit (status `supervisor.ADMIN_EXIT`)."""
    kiosk.setup_logging()
    _log_to_file()
    try:
        config = kiosk.load(config_path)
        interface_language(config)
    except kiosk_config.KioskConfigError as exc:
        sys.stderr.write(f"archive-viewer --kiosk: {exc}\n")
        return 2
    QCoreApplication.setApplicationName("archive-viewer")
    QCoreApplication.setOrganizationName("archive-viewer")
    QGuiApplication.setApplicationDisplayName("Archive Viewer")
    QGuiApplication.setDesktopFileName("archive-viewer")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    apply_language(app, config)

    from viewer.app import Viewer  # noqa: PLC0415
    from viewer.services import paths  # noqa: PLC0415
    from viewer.services.settings import OCR_ENABLED, Settings, ViewState  # noqa: PLC0415
    from viewer.ui.kiosk import KioskShell  # noqa: PLC0415

    # The kiosk's own files: a reset never touches the account's reading settings.
    state_dir = paths.ensure(paths.data_dir() / "kiosk")
    settings = Settings(state_dir / "settings.ini")
    settings.set(OCR_ENABLED, config.ocr)  # off in a kiosk unless its configuration says so
    viewer = Viewer(settings, ViewState(state_dir / "state.ini"))
    usage = usage_log.UsageLog(usage_log.default_path()) if config.usage_log else None
    shell = KioskShell(
        config,
        viewer.window,
        viewer.scan_pane,
        viewer.settings,
        viewer.view_state,
        usage=usage,
    )
    heartbeat = Heartbeat(heartbeat_fd, shell)
    shell.start_screen_shown.connect(heartbeat.ready)
    shell.admin_exit_requested.connect(lambda: app.exit(supervisor.ADMIN_EXIT))
    _install_error_handling(shell.recover)
    shell.install()
    shell.start()
    status = app.exec()
    shell.uninstall()
    viewer.shutdown()
    return status
