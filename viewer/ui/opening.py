"""How the reader opens things in the window: the Open dialogs, Open Recent, Import, a file
dropped on the window, the progress of an archive being read, and the password of an encrypted
scan. What is open is the reading session's; this only asks it and shows its progress."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLineEdit, QMenu, QProgressBar

from viewer.domain.model import Archive, Record
from viewer.services import reading_state
from viewer.services import settings as prefs

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


OPENING = "opening"
"""The replace key of "Opening…", withdrawn once the archive is open (or cannot be)."""


class Opening(QObject):
    """The window's ways to open a path, and what it shows while one opens."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Loading progress"))
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        session = self._session
        session.opening_started.connect(self._on_session_opening_started)
        session.opening_progressed.connect(self._on_session_opening_progressed)
        session.open_failed.connect(self._on_session_open_failed)
        session.archive_opened.connect(self._on_session_archive_opened)
        session.pdf_opened.connect(self._on_session_pdf_opened)
        session.archive_updated.connect(self._on_session_archive_updated)
        session.password_needed.connect(self._on_session_password_needed)

    # -- what the session says ------------------------------------------------------------------

    def _on_session_opening_started(self, opening: reading_state.Opening) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self._window.messages.channel.info(
            self.tr("Opening {path}…").format(path=opening.path), replace=OPENING
        )

    def _on_session_opening_progressed(self, progress: reading_state.Progress) -> None:
        self.progress.setRange(0, progress.total)
        self.progress.setValue(progress.done)

    def _on_session_open_failed(self, _failed: reading_state.OpenFailed) -> None:
        self.progress.hide()
        self._window.messages.channel.withdraw(OPENING)

    def _on_session_pdf_opened(self, record: Record) -> None:
        library = self._window.later.library
        if library is not None:
            library.set_records((record,))
        self._window.records_dock.setWindowTitle(self.tr("Records"))

    def _on_session_archive_opened(self, archive: Archive) -> None:
        window = self._window
        self.progress.hide()
        window.messages.channel.withdraw(OPENING)
        window.later.archive_opened(archive)
        self._count_records(archive)
        self._offer_sheet_columns(archive)
        window.archive_opened.emit(archive)

    def _on_session_archive_updated(self, archive: Archive) -> None:
        library = self._window.later.library
        if library is not None:
            library.update_records(archive.records)
        self._count_records(archive)

    def _count_records(self, archive: Archive) -> None:
        self._window.records_dock.setWindowTitle(
            self.tr("Records ({count})").format(count=len(archive.records))
        )

    def _on_session_password_needed(self, needed: reading_state.PasswordNeeded) -> None:
        """Ask for the password of an encrypted scan; none given is said by the session."""
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415  (dialogs load on first use)

        prompt = (
            self.tr("The password for {file} is not correct. Try again:")
            if needed.wrong
            else self.tr("{file} is encrypted. Enter its password to open it:")
        ).format(file=needed.path.name)
        password, accepted = QInputDialog.getText(
            self._window, self.tr("Password needed"), prompt, QLineEdit.EchoMode.Password
        )
        self._session.use_password(needed.path, password if accepted and password else None)

    # -- sheets of records ----------------------------------------------------------------------

    def _offer_sheet_columns(self, archive: Archive) -> None:
        """For a sheet of records, File > Spreadsheet Columns; offered when its columns were
        guessed."""
        from viewer.domain.formats import manifest  # noqa: PLC0415

        read = manifest.last_read(archive.root)
        self._window.sheet_columns_action.setEnabled(read is not None)
        if read is not None and read.mapping.uncertain:
            self._window.messages.channel.info(
                self.tr(
                    "The columns of {sheet} were recognised by their names. Check them in "
                    "File > Spreadsheet Columns…"
                ).format(sheet=read.sheet.name)
            )

    def edit_sheet_columns(self) -> None:
        """Show which field each column of the open sheet of records fills, to be changed."""
        from viewer.domain.formats import manifest  # noqa: PLC0415
        from viewer.ui import sheet_columns  # noqa: PLC0415

        window = self._window
        archive = self._session.state.archive
        read = manifest.last_read(archive.root) if archive is not None else None
        if archive is None or read is None:
            return
        root = archive.root
        again = root if root != read.sheet.parent else read.sheet
        window.sheet_columns_dialog = sheet_columns.ask(
            read, window, lambda chosen: window.sheet_columns_chosen.emit(read.sheet, chosen, again)
        )

    # -- dialogs, recent, drops -----------------------------------------------------------------

    def open_file(self) -> None:
        """Ask for a PDF, a record or a spreadsheet of records, and open it."""
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Open a PDF, a record or a spreadsheet of records"),
            "",
            self.tr(
                "PDF or record (*.pdf record.toml archive.toml);;"
                "Spreadsheet of records (*.csv *.tsv *.xlsx);;All files (*)"
            ),
        )
        if path:
            chosen = Path(path)
            self._session.open_path(chosen.parent if chosen.suffix == ".toml" else chosen)

    def open_folder(self) -> None:
        """Ask for an archive, record or any folder, and open it."""
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415

        path = QFileDialog.getExistingDirectory(
            self._window, self.tr("Open an archive or record folder")
        )
        if path:
            self._session.open_path(Path(path))

    def import_archive(self) -> None:
        """File > Import…: the dialog that writes a source as an archive, then opens it."""
        from viewer.ui import import_dialog  # noqa: PLC0415  (loaded when first used)

        dialog = import_dialog.ImportDialog(self._window.jobs, self._window)
        dialog.archive_chosen.connect(self._session.open_path)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Put the recent archives (and PDFs) in `menu`, numbered."""
        menu.clear()
        recent = self._window.settings.get(prefs.RECENT_ARCHIVES)
        if not recent:
            menu.addAction(self.tr("No recent archives")).setEnabled(False)
        for number, text in enumerate(recent, 1):
            action = menu.addAction(f"&{number % 10} {text}")
            action.triggered.connect(lambda _=False, p=text: self._session.open_path(Path(p)))

    def drop(self, event: QDropEvent) -> None:
        """Open the first local file or folder dropped on the window."""
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self._session.open_path(Path(url.toLocalFile()))
                return
