"""The one place that builds the services and widgets and wires them together."""

from __future__ import annotations

import faulthandler
import logging
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from viewer import __version__, paths
from viewer.domain import formats, ordering
from viewer.domain.formats import manifest
from viewer.domain.model import Archive, Record
from viewer.services import i18n, lingering, sheet_columns, text_layers
from viewer.services import settings as prefs
from viewer.services.jobs import Jobs
from viewer.services.messages import MessageChannel
from viewer.services.reading_session import ReadingSession
from viewer.services.render import PdfWorker
from viewer.services.settings import Settings, ViewState
from viewer.ui.main_window import MainWindow
from viewer.ui.messages import Level
from viewer.ui.scan_view import ScanPane

if TYPE_CHECKING:
    from viewer import instance
    from viewer.kiosk.config import KioskConfig
    from viewer.services.indexer import SearchService
    from viewer.services.instance_server import InstanceServer
    from viewer.services.ocr_worker import OcrWorker

log = logging.getLogger(__name__)

OCR_WAIT_MS = 5000
"""Longest wait of OCR for a plain folder's PDF metadata to be read."""


class Viewer:
    """The application's parts, built once and handed to each other."""

    def __init__(
        self,
        settings: Settings | None = None,
        view_state: ViewState | None = None,
        preload: Path | None = None,
        *,
        notes: bool = True,
    ) -> None:
        """With `preload`, an archive folder that will be opened: it is read while all else is
        built. `notes`: whether the reader's notes are offered (never in a kiosk)."""
        # Threads reading, listing and indexing an archive run Python too, and each call the window
        # makes into Python waits for them up to the interpreter's switch interval: 1 ms instead
        # of 5 keeps the hundreds of small calls of one paint from adding up to a stall.
        sys.setswitchinterval(0.001)
        self.settings = settings or Settings()
        self.view_state = view_state or ViewState()
        # Sheets of records are read with the columns the user confirmed (kept out of the
        # archive, in the user's data folder).
        manifest.use_mappings(sheet_columns.lookup)
        self.jobs = Jobs()
        self.worker = PdfWorker()
        if preload is not None:
            last_id = self.view_state.last_record(preload)
            self.jobs.preload_archive(
                preload, then=lambda archive: self._prefetch_first_scan(archive, last_id)
            )
        self.scan_pane = ScanPane(self.worker)
        self.search_service: SearchService | None = None
        self.text_layers = text_layers.TextLayerReader()
        self.messages = MessageChannel()
        self.session = ReadingSession(
            self.jobs,
            self.worker,
            self.scan_pane,
            self.settings,
            self.view_state,
            self.messages,
        )
        self.window = MainWindow(
            self.session,
            self.messages,
            self.jobs,
            self.scan_pane,
            self.settings,
            self.view_state,
            search_factory=self.make_search_service,
            text_layer=self.text_layers,
            notes=notes,
        )
        problem = self.settings.problem or self.view_state.problem
        if problem:  # a read-only or full disk: the viewer works, and says what is not kept
            self.window.messages.show_message(
                Level.WARNING,
                QCoreApplication.translate(
                    "Viewer",
                    "Settings and reading positions will not be kept after you close the "
                    "viewer: {reason}. Everything else works as usual.",
                ).format(reason=problem),
            )
        self.window.sheet_columns_chosen.connect(self._on_window_sheet_columns_chosen)
        self.ocr_worker: OcrWorker | None = None
        self._ocr_started = False
        self._ocr_waits = False
        # After the first page: OCR is no part of the race to it.
        self.scan_pane.first_page_painted.connect(self._start_ocr)

    def _on_window_sheet_columns_chosen(
        self, sheet: Path, chosen: dict[str, str], again: Path
    ) -> None:
        """Remember the columns confirmed for `sheet` and read it (or its folder) again."""
        self.window.messages.clear()  # the offer to check the columns is answered
        try:
            sheet_columns.remember(sheet, chosen)
        except OSError as exc:
            self.window.messages.show_message(
                Level.ERROR,
                QCoreApplication.translate(
                    "Viewer", "The columns of {sheet} cannot be remembered: {error}"
                ).format(sheet=sheet.name, error=exc.strerror or exc),
            )
        self.window.open_path(again)

    def _start_ocr(self) -> None:
        """Background OCR of image-only pages, unless turned off in the settings; after a plain
        folder's PDFs are read for their metadata, when they are (both want the cores, and the
        list wants its titles first), or `OCR_WAIT_MS` at the latest."""
        self.scan_pane.first_page_painted.disconnect(self._start_ocr)
        if not self.settings.get(prefs.OCR_ENABLED):
            return
        if self.window.later.metadata_pending():
            self._ocr_waits = True
            self.window.pdf_metadata_read.connect(self._start_ocr_now)
            QTimer.singleShot(OCR_WAIT_MS, self.window, self._start_ocr_now)
            return
        self._start_ocr_now()

    def _start_ocr_now(self) -> None:
        if self._ocr_started:  # or shut down
            return
        self._ocr_started = True
        if self._ocr_waits:
            self.window.pdf_metadata_read.disconnect(self._start_ocr_now)
        from viewer.services import ocr_worker  # noqa: PLC0415
        from viewer.ui import ocr_feature  # noqa: PLC0415

        try:
            self.ocr_worker = ocr_worker.OcrWorker(processes=self.settings.get(prefs.OCR_PROCESSES))
        except OSError as exc:  # no cache folder to keep what it reads (read-only media)
            self.window.messages.show_message(
                Level.WARNING,
                QCoreApplication.translate(
                    "Viewer",
                    "Image-only pages are not machine-read (OCR) in this session: its cache "
                    "folder {folder} cannot be made ({reason}).",
                ).format(folder=exc.filename or "", reason=exc.strerror or exc),
            )
            return
        ocr_feature.OcrFeature(
            self.window, self.worker, self.ocr_worker, self.settings.get(prefs.OCR_LANGUAGE)
        )

    def _prefetch_first_scan(self, archive: Archive, last_id: str) -> None:
        """On the thread that read `archive`: have the worker open the scan shown first."""
        record = ordering.first_record(archive, last_id)
        # (A scan made of several photos is opened by the view itself: a prefetch opens a file.)
        if isinstance(record, Record) and record.scans and not record.scans[0].images:
            scan = record.scans[0]
            self.worker.prefetch(scan.path, scan.password or None)

    def make_search_service(self) -> tuple[SearchService | None, str]:
        """The search service, or None and the reason (an SQLite without FTS5)."""
        from viewer.domain import search  # noqa: PLC0415  (after the first page, not before)
        from viewer.services.indexer import SearchService  # noqa: PLC0415

        try:
            search.check_fts5()
        except search.FtsUnavailableError as exc:
            return None, str(exc)
        self.search_service = SearchService()
        return self.search_service, ""

    def shutdown(self) -> None:
        """Stop the workers (the window has saved its state on close).

        A thread that has not ended in the time given is kept until it does
        (`services.lingering`); `lingering.exit_process` then ends the process without it."""
        self._ocr_started = True  # never after this
        self.window.stop_background_work()
        self.worker.shutdown()
        if self.ocr_worker is not None:
            self.ocr_worker.shutdown()
        self.text_layers.close()  # a text layer being read for the index fails at once
        if self.search_service is not None:
            self.search_service.shut_down()
        self.jobs.wait(2000)


def _install_excepthook(window: MainWindow) -> None:
    """Bugs end in one place: logged, and shown as a report the reader can copy."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        report = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unexpected error:\n%s", report)
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415  (loaded when first needed)

        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Critical)
        translate = QCoreApplication.translate
        box.setWindowTitle(translate("Viewer", "Archive Viewer: unexpected error"))
        box.setText(
            translate(
                "Viewer",
                "Something went wrong inside Archive Viewer. Your archive is untouched and the "
                "window keeps working. Please report this with the details below.",
            )
        )
        box.setDetailedText(f"Archive Viewer {__version__}\n{report}")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    sys.excepthook = hook


def _name_application() -> QApplication:
    QCoreApplication.setApplicationName("archive-viewer")
    QCoreApplication.setOrganizationName("archive-viewer")
    QGuiApplication.setApplicationDisplayName("Archive Viewer")
    QGuiApplication.setDesktopFileName("archive-viewer")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    # The desktop's icon when --install-desktop put it in the theme, else the one shipped.
    shipped = QIcon(str(paths.resource("icons/archive-viewer.svg")))
    app.setWindowIcon(QIcon.fromTheme("archive-viewer", shipped))
    return app


def run(
    path: Path | None,
    *,
    startup_probe: bool = False,
    language: str | None = None,
    listen: bool = False,
    handover_probe: bool = False,
) -> int:
    """Start the window on `path` (or the default) and run until it is closed.

    The interface is in `language` when given, else in the one chosen in View > Language (by
    default the system's, when there is a translation for it). With `listen`, later launches
    of the same user and base directory hand their paths to this window.
    """
    app = _name_application()
    settings = Settings()
    chosen = language if language is not None else settings.get(prefs.INTERFACE_LANGUAGE)
    i18n.install(app, chosen)
    target = path or prefs.default_path(settings)
    target = target.expanduser() if target is not None else None
    # A folder is read on a worker thread from now on; a PDF opens once the window is laid out
    # (its first page is rendered for the view's size).
    folder = target if target is not None and target.is_dir() else None
    viewer = Viewer(settings, preload=folder)
    window = viewer.window
    _install_excepthook(window)
    if startup_probe:
        # For benchmarks/startup.py: report when the first page is on screen and its width in
        # pixels, then quit.
        def on_painted() -> None:
            painted = time.time()
            area = viewer.scan_pane.area
            image = viewer.worker.cache.get(area.render_key(area.current_page()))
            width = image.width() if image is not None else 0
            sys.stdout.write(f"first-page-painted {painted:.6f} {width}\n")
            sys.stdout.flush()
            QTimer.singleShot(0, window.close)

        viewer.scan_pane.first_page_painted.connect(on_painted)
    window.show()
    launches: list[InstanceServer] = []
    if listen:  # once the window's first events are handled: no part of the race to the page
        QTimer.singleShot(0, lambda: launches.append(_listen(viewer, probe=handover_probe)))
    if target is not None:
        window.open_path(target)
    else:
        window.transcript.show_notice(
            QCoreApplication.translate(
                "Viewer",
                "No archive is open. Open an archive folder (Ctrl+Shift+O), a record or a PDF "
                "(Ctrl+O), or drop one on this window.",
            )
        )
    status = app.exec()
    for server in launches:
        server.close()
    viewer.shutdown()
    lingering.exit_process(status)
    return status


def _listen(viewer: Viewer, *, probe: bool) -> InstanceServer:
    """Take the paths later launches hand over: open the first, bring the window forward.

    With `probe` (benchmarks/startup.py, the tests), say on stdout whether it listens and each
    time a document's first page is painted."""
    from viewer import paths  # noqa: PLC0415
    from viewer.services.instance_server import InstanceServer  # noqa: PLC0415

    window = viewer.window
    server = InstanceServer(paths.instance_socket(), window)
    server.open_requested.connect(lambda request: _bring_forward(viewer, request))
    listening = server.listen()
    if probe:

        def on_painted() -> None:
            sys.stdout.write(f"page-painted {time.time():.6f} {window.windowTitle()}\n")
            sys.stdout.flush()

        viewer.scan_pane.first_page_painted.connect(on_painted)
        sys.stdout.write("listening\n" if listening else "not-listening\n")
        sys.stdout.flush()
    return server


def _bring_forward(viewer: Viewer, request: instance.Request) -> None:
    """A later launch's request (answered `ok` in this same turn): the path it named opened,
    the window to the front.

    A PDF is handed to the render worker first, before the window's own work on it (leaving
    the document shown, the record's panels): the worker opens it meanwhile, and the page
    asked for then is drawn at once."""
    window = viewer.window
    if request.paths:
        path = request.paths[0].expanduser()
        if formats.is_document(path) and path.is_file():
            viewer.worker.prefetch(path.resolve())  # the path a bare PDF's record names
        window.open_path(path)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def apply_kiosk_language(app: QCoreApplication, config: KioskConfig) -> str:
    """Put the kiosk's interface in the configured `ui_language`; the language in use."""
    from viewer import kiosk  # noqa: PLC0415

    return i18n.install(app, kiosk.interface_language(config))


def _install_kiosk_error_handling(recover: object) -> None:
    """In a kiosk, bugs are logged with their traceback, then the kiosk starts over: a visitor
    never sees a dialog."""

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


def run_kiosk(config_path: Path | None, heartbeat_fd: int = -1) -> int:
    """The kiosk's viewer process (started by its supervisor as `python -m viewer kiosk-child
    CONFIG --heartbeat-fd N`): the reading window inside the kiosk shell, beating for the
    supervisor, until staff exit (status `supervisor.ADMIN_EXIT`)."""
    from viewer import kiosk  # noqa: PLC0415
    from viewer.kiosk import config as kiosk_config  # noqa: PLC0415
    from viewer.kiosk import supervisor, usage_log  # noqa: PLC0415
    from viewer.services.heartbeat import Heartbeat  # noqa: PLC0415
    from viewer.ui.kiosk.shell import KioskShell  # noqa: PLC0415

    kiosk.setup_logging()
    kiosk.log_to_file()
    try:
        config = kiosk.load(config_path)
    except kiosk_config.KioskConfigError as exc:
        sys.stderr.write(f"archive-viewer --kiosk: {exc}\n")
        return 2
    app = _name_application()
    app.setQuitOnLastWindowClosed(False)
    apply_kiosk_language(app, config)
    # The kiosk's own files: a reset never touches the account's reading settings.
    state_dir = paths.ensure(paths.data_dir() / "kiosk")
    settings = Settings(state_dir / "settings.ini")
    settings.set(prefs.OCR_ENABLED, config.ocr)  # off in a kiosk unless its configuration says so
    # A public terminal keeps no visitor's notes: none are offered (the table of commands says so).
    viewer = Viewer(settings, ViewState(state_dir / "state.ini"), notes=False)
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
    _install_kiosk_error_handling(shell.recover)
    shell.install()
    shell.start()
    status = app.exec()
    shell.uninstall()
    viewer.shutdown()
    lingering.exit_process(status)
    return status
