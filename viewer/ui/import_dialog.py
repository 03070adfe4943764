"""File > Import…: write a folder of scans, a spreadsheet or an export as an archive, in the
background, with a progress bar and the import's report; then open the new archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import writer
from viewer.services.jobs import Jobs


class ImportDialog(QDialog):
    """Choose a source and a destination, import, read the report, open the archive."""

    archive_chosen = Signal(Path)
    """The archive just written, to be opened."""

    def __init__(self, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import"))
        self.setObjectName("import_dialog")
        self._jobs = jobs
        self._job = 0
        self._dest: Path | None = None

        self.source = QLineEdit(self)
        self.source.setPlaceholderText(self.tr("A folder of scans, a spreadsheet or an export"))
        file_button = QPushButton(self.tr("File…"), self)
        file_button.clicked.connect(self._on_file_clicked)
        folder_button = QPushButton(self.tr("Folder…"), self)
        folder_button.clicked.connect(self._on_folder_clicked)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source, 1)
        source_row.addWidget(file_button)
        source_row.addWidget(folder_button)

        self.dest = QLineEdit(self)
        self.dest.setPlaceholderText(self.tr("A new or empty folder, or one imported before"))
        dest_button = QPushButton(self.tr("Choose…"), self)
        dest_button.clicked.connect(self._on_dest_clicked)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest, 1)
        dest_row.addWidget(dest_button)

        self.link = QCheckBox(self.tr("Link the scans instead of copying them"), self)
        form = QFormLayout()
        form.addRow(self.tr("Source:"), source_row)
        form.addRow(self.tr("Into:"), dest_row)
        form.addRow("", self.link)

        self.progress = QProgressBar(self)
        self.progress.hide()
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setObjectName("import_report")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(self.start)
        self.open_button = self.buttons.addButton(
            self.tr("Open Archive"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 420)

        jobs.import_finished.connect(self._on_jobs_import_finished)
        jobs.import_failed.connect(self._on_jobs_import_failed)
        jobs.import_progressed.connect(self._on_jobs_import_progressed)

    def start(self) -> None:
        """Import what the fields name, in the background."""
        source, dest = self.source.text().strip(), self.dest.text().strip()
        if not source or not dest:
            self.report.setPlainText(self.tr("Choose a source and a folder to import into."))
            return
        self._dest = Path(dest).expanduser()
        self.import_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.report.setPlainText(self.tr("Importing {source}…").format(source=source))
        self._job = self._jobs.import_archive(
            Path(source).expanduser(), self._dest, link=self.link.isChecked()
        )

    def _on_jobs_import_progressed(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._job:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_jobs_import_finished(self, job_id: int, report: object) -> None:
        if job_id != self._job:
            return
        assert isinstance(report, writer.Report)
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.report.setPlainText("\n".join(writer.report_lines(report)))
        self.open_button.setEnabled(True)
        self.open_button.setDefault(True)

    def _on_jobs_import_failed(self, job_id: int, message: str) -> None:
        if job_id != self._job:
            return
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.report.setPlainText(self.tr("Nothing was imported: {message}").format(message=message))

    def _on_open_clicked(self) -> None:
        if self._dest is not None:
            self.archive_chosen.emit(self._dest)
        self.accept()

    def _on_file_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a spreadsheet or export"))
        if path:
            self.source.setText(path)

    def _on_folder_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of scans"))
        if path:
            self.source.setText(path)

    def _on_dest_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose the archive folder"))
        if path:
            self.dest.setText(path)
