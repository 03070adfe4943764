"""Carrying notes to another machine: Notes > Export All Notes writes every note as JSON
(`domain/notes/transfer.py`), Import Notes adds those of such a file that are not here yet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from viewer.domain.notes import NotesError, NoteStore, transfer
from viewer.domain.notes import store as notes_store
from viewer.services import jobs
from viewer.ui import citation_actions

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class NotesTransfer(QObject):
    """Export All Notes and Import Notes over one notes file."""

    imported = Signal()
    """Notes were added from a file."""

    def __init__(
        self, window: MainWindow, store: NoteStore, on_unwritable: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._on_unwritable = on_unwritable
        self._channel = window.messages.channel

    def export_all(self) -> None:
        """Notes > Export All Notes: every note as JSON, to import on another machine."""
        target = citation_actions.ask_save_path(
            self._window,
            self.tr("Export all notes"),
            Path.home() / "archive-viewer-notes.json",
            self.tr("Notes of Archive Viewer (*.json);;All files (*)"),
        )
        if target is None:
            return
        path = self._store.path

        def write() -> int:
            every = notes_store.read_every_note(path)
            citation_actions.write_atomically(target, transfer.to_json(every))
            return len(every)

        def failed(error: Exception) -> None:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self._channel.error(
                self.tr(
                    "The notes could not be written to {file}: {reason}. Choose a folder you "
                    "can write to."
                ).format(file=target, reason=reason)
            )

        def written(count: int) -> None:
            self._channel.info(
                self.tr("All your notes ({count}) exported to {file}").format(
                    count=count, file=target.name
                )
            )

        jobs.run_in_background(write, written, self, failed)

    def import_file(self) -> None:
        """Notes > Import Notes: the notes of an export that are not here yet."""
        if self._store.read_only:
            self._on_unwritable(self._store.problem)
            return
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import notes"),
            str(Path.home()),
            self.tr("Notes of Archive Viewer (*.json);;All files (*)"),
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, source: Path) -> int | None:
        """Add the notes of the export `source` that are not here yet; how many, or None."""
        try:
            found = transfer.from_json(source.read_text(encoding="utf-8"))
            added = self._store.import_notes(found)
        except (OSError, UnicodeDecodeError, NotesError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self._channel.error(
                self.tr(
                    "The notes of {file} could not be imported: {reason}. The notes here are "
                    "as they were."
                ).format(file=source.name, reason=reason)
            )
            return None
        self._channel.info(
            self.tr("Notes imported from {file}: {added} new, {known} here already").format(
                added=added, file=source.name, known=len(found) - added
            )
        )
        self.imported.emit()
        return added
