"""What is open for reading: an archive or a bare PDF, the record on screen, its scan and
transcript, passwords given, the jobs under way; without widgets.

`ReadingSession` keeps all of it in one immutable `ReadingState` and changes it only in answer
to "open this path", "show this record", "use this password" and to what its jobs, the render
worker and the scan display report. It tells what happened as value objects (`RecordView`,
`OpenFailed`, `PasswordNeeded`...), and what the reader must be told through the
`MessageChannel`, in words. The window, the kiosk and tests subscribe; the unit tests drive it
with fake jobs, a fake worker and a fake scan display.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.domain import formats, ordering
from viewer.domain.formats import document
from viewer.domain.model import Archive, BrokenRecord, Record, Scan, Transcript, UnreadRecord
from viewer.services import jobs as jobs_service
from viewer.services import settings as prefs
from viewer.services.jobs import Jobs
from viewer.services.messages import MessageChannel, Origin
from viewer.services.reading_state import (
    AnyRecord,
    OpenFailed,
    Opening,
    PasswordNeeded,
    Progress,
    ReadingState,
    RecordView,
    ScanDisplay,
    TranscriptSource,
    TranscriptText,
    choose_transcript,
    has_text_layer,
    scan_label,
    sentence,
)
from viewer.services.render import PdfWorker
from viewer.services.settings import Settings, ViewState

PRELOAD_WAIT_MS = 40
"""Longest an open waits, before the window's first paint, for an archive read since start-up."""


class ReadingSession(QObject):
    """What is open, changed by requests and by what the workers report."""

    state_changed = Signal(object)
    """(ReadingState) after every change."""
    opening_started = Signal(object)
    """(Opening) an archive is being read; shown when it is not there at once."""
    opening_progressed = Signal(object)
    """(Progress) of the archive being read."""
    archive_opened = Signal(object)
    """(Archive) an archive was read and is now open; its first record is shown next."""
    pdf_opened = Signal(object)
    """(Record) a PDF or image file is open on its own, as this one record."""
    open_failed = Signal(object)
    """(OpenFailed) a path cannot be opened; what was open stays."""
    archive_updated = Signal(object)
    """(Archive) the open archive's records changed (edited on disk, completed by metadata)."""
    archive_reread = Signal(object)
    """(Archive) the open archive, listed from the user's cache, as it is on disk now."""
    records_filled = Signal(object)
    """(Archive) the open archive, opened with records not read yet (`UnreadRecord`), with the
    records read since in their places."""
    record_shown = Signal(object)
    """(RecordView) a record is now on screen; its scan asked for, its transcript being read."""
    record_updated = Signal(object)
    """(Record) the record on screen, completed (by its PDF's metadata)."""
    transcript_shown = Signal(object)
    """(TranscriptText) the text beside the scan is ready."""
    transcript_notice = Signal(str)
    """Said in the transcript's place: there is no text, and why."""
    scan_failed = Signal(object)
    """(OpenFailed) the record's scan cannot be opened."""
    password_needed = Signal(object)
    """(PasswordNeeded) a scan is encrypted: ask, then `use_password`."""
    scan_leaving = Signal(object)
    """(Path) the scan on screen is about to be replaced: keep its view now."""

    def __init__(
        self,
        jobs: Jobs,
        worker: PdfWorker,
        scans: ScanDisplay,
        settings: Settings,
        view_state: ViewState,
        messages: MessageChannel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self._worker = worker
        self._scans = scans
        self._settings = settings
        self._view_state = view_state
        self._messages = messages
        self.state = ReadingState()
        self._record_order: Callable[[], Sequence[AnyRecord] | None] = lambda: None
        self._worker_restart_told = False
        self._changed_files: set[Path] = set()
        """Files of the open archive changed on disk, for the next reading again."""
        self._reading_changes: frozenset[Path] = frozenset()
        """Those the reading again under way was asked for."""
        self._reread: tuple[Callable[[Record], Record] | None] | None = None
        """Asked to read the archive again while a reading again was under way (with the
        completer): started when it ends."""
        self._record_job = 0
        """The reading of a record chosen before the archive's reading came to it."""
        self._read_for: UnreadRecord | None = None
        """The record listed unread that the record on screen was read for."""
        jobs.archive_loaded.connect(self._on_jobs_archive_loaded)
        jobs.archive_failed.connect(self._on_jobs_archive_failed)
        jobs.archive_progressed.connect(self._on_jobs_archive_progressed)
        jobs.archive_updated.connect(self._on_jobs_archive_updated)
        jobs.archive_filled.connect(self._on_jobs_archive_filled)
        jobs.record_read.connect(self._on_jobs_record_read)
        jobs.transcript_loaded.connect(self._on_jobs_transcript_loaded)
        jobs.transcript_failed.connect(self._on_jobs_transcript_failed)
        worker.text_extracted.connect(self._on_worker_text_extracted)
        worker.text_failed.connect(self._on_worker_text_failed)
        worker.worker_restarted.connect(self._on_worker_restarted)
        scans.document_opened.connect(self._on_scans_document_opened)
        scans.document_failed.connect(self._on_scans_document_failed)

    def _change(self, **changes: Any) -> None:
        self.state = dataclasses.replace(self.state, **changes)
        self.state_changed.emit(self.state)

    def set_record_order(self, order: Callable[[], Sequence[AnyRecord] | None]) -> None:
        """Records are counted, and an archive opens on its first, in the order `order()` gives
        (the record list's; None while there is none: then by date)."""
        self._record_order = order

    # -- opening --------------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        """Open an archive folder, a record folder, a sheet of records, an export or a PDF."""
        path = path.expanduser()
        if formats.is_document(path):
            self._open_document(path)
            return
        self._change(archive_job=self._jobs.load_archive(path), opening=path)
        # An archive read while the window was built is shown now, before the window's first
        # paint: the scan's first page is asked for at once. (A small archive is read in a few
        # milliseconds, but its thread gets the interpreter only while this one waits; a large
        # one is left to arrive as usual.)
        if self._jobs.finish_now(self.state.archive_job, wait_ms=PRELOAD_WAIT_MS):
            return
        self.opening_started.emit(Opening(path))

    def _open_document(self, path: Path) -> None:
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python < 3.13)
            self._fail_open(
                path,
                self.tr("{file}: the file is a link that leads back to itself.").format(
                    file=path.name
                ),
            )
            return
        # A broken link is said to be one by the worker that opens it.
        if not path.exists() and not path.is_symlink():
            self._fail_open(
                path,
                self.tr("{file}: the file does not exist. Check the path.").format(file=path.name),
            )
            return
        self._leave_scan()
        record = document.record_for_pdf(path)
        self._change(archive=None, bare_pdf=resolved, opening=None, archive_job=0, listed_job=0)
        self._settings.add_recent(path)
        self.pdf_opened.emit(record)
        self.show_record(record)

    def _fail_open(self, path: Path, reason: str, origin: Origin = Origin.FILE) -> None:
        self._messages.error(reason, origin=origin)
        self.open_failed.emit(OpenFailed(path, reason))

    def _on_jobs_archive_progressed(self, job_id: int, done: int, total: int) -> None:
        if job_id == self.state.archive_job:
            self.opening_progressed.emit(Progress(done, total))

    def _on_jobs_archive_failed(self, job_id: int, failure: jobs_service.Failure) -> None:
        archive = self.state.archive
        if job_id == self.state.listed_job and archive is not None and not self.state.archive_job:
            # Read again after a change on disk: what was read stays, and the reader is told.
            self._reading_changes = frozenset()
            self._messages.error(
                self.tr(
                    "The open folder changed on disk and cannot be read any more: {reason} "
                    "What was read before is still shown; open it again once it is back."
                ).format(reason=sentence(failure.text)),
                origin=_origin(failure),
            )
            again, self._reread = self._reread, None
            if again is not None:
                self.reread_archive((), again[0])
            return
        if job_id != self.state.archive_job:
            return
        path = self.state.opening or Path()
        self._change(opening=None, archive_job=0)
        self._fail_open(path, failure.text, _origin(failure))

    def _on_jobs_archive_loaded(self, job_id: int, archive: Archive) -> None:
        if job_id != self.state.archive_job:
            return
        self._leave_scan()
        source = self.state.opening or archive.root
        self._change(
            archive=archive,
            bare_pdf=None,
            opening=None,
            archive_job=0,
            listed_job=job_id,
            source=source,
        )
        self._changed_files, self._reading_changes, self._reread = set(), frozenset(), None
        self._settings.add_recent(archive.root)
        # The archive's thousands of small objects live as long as it is open: keep the cycle
        # collector from walking them again and again (a full pass over 10,000 records holds the
        # interpreter for ~100 ms, whichever thread triggers it). Freed by reference counting.
        gc.freeze()
        self._tell_broken_records(archive)
        self.archive_opened.emit(archive)
        # In the record list's order; the list itself may not be built yet.
        first = ordering.first_record(
            archive, self._view_state.last_record(archive.root), self._record_order()
        )
        if first is not None:
            self.show_record(first)

    def _on_jobs_archive_updated(self, job_id: int, archive: Archive) -> None:
        # The archive was shown as the user's cache had it, or its files changed while open:
        # this is what the disk has now.
        if job_id != self.state.listed_job or self.state.archive is None:
            return
        changed, self._reading_changes = self._reading_changes, frozenset()
        shown = self.state.record
        if archive is not self.state.archive:
            self.archive_changed_on_disk(archive)  # a record on screen that changed: again
        if shown is self.state.record and any(r is shown for r in archive.records):
            self._refresh_changed_files(changed)
        self.archive_reread.emit(archive)
        again, self._reread = self._reread, None
        if again is not None:
            self.reread_archive((), again[0])

    def reread_archive(
        self, changed: Collection[Path] = (), complete: Callable[[Record], Record] | None = None
    ) -> None:
        """Files of the open archive (`changed`: documents, transcripts, folders) were added,
        removed or written on disk: read it again in the background (only what changed, where
        its format keeps the user's cache), one reading at a time, then take it as any archive
        changed on disk and show again the scan or transcript on screen that was written.
        Records read again are completed by `complete` (their PDFs' metadata)."""
        archive = self.state.archive
        if archive is None or self.state.archive_job:
            return  # nothing open, or another archive is being opened
        self._changed_files |= set(changed)
        if self._reread is not None or self._jobs.is_rereading(self.state.listed_job):
            self._reread = (complete,)  # after the reading under way, which may miss these
            return
        source = self.state.source or archive.root
        self._reading_changes, self._changed_files = frozenset(self._changed_files), set()
        job = self._jobs.reread_archive(source, archive, complete, self._reading_changes)
        self._change(listed_job=job)

    def _refresh_changed_files(self, changed: frozenset[Path]) -> None:
        """Show again the scan or the transcript on screen when its file was written."""
        record = self.state.record
        if not changed or not isinstance(record, Record):
            return
        scan = next((s for s in record.scans if s.path == self.state.scan), None)
        if scan is not None and scan.path in changed:
            self._leave_scan()  # its page and zoom are kept for it
            self._open_scan(scan)  # opened anew: the worker reads the file again
        shown = self.state.transcript
        if shown is not None and shown.path in changed and shown in record.transcripts:
            self.load_transcript(shown)

    def _on_jobs_archive_filled(self, job_id: int, archive: Archive) -> None:
        if job_id != self.state.listed_job or self.state.archive is None:
            return
        self._change(archive=archive)
        self.records_filled.emit(archive)

    def _on_jobs_record_read(self, job_id: int, record: Record | BrokenRecord) -> None:
        wanted = self.state.record
        if job_id != self._record_job or not isinstance(wanted, UnreadRecord):
            return
        self._record_job = 0
        self._read_for = wanted
        self._show(record)

    def _tell_broken_records(self, archive: Archive) -> None:
        broken = archive.broken_records
        if not broken:
            return
        names = ", ".join(r.folder.name for r in broken[:3]) + ("…" if len(broken) > 3 else "")
        self._messages.warning(
            self.tr(
                "{broken} of {total} records in {archive} cannot be read ({names}); they are "
                "listed with the reason. Run “archive-viewer check {root}” for the details."
            ).format(
                broken=len(broken),
                total=len(archive.records),
                archive=archive.title,
                names=names,
                root=archive.root,
            )
        )

    # -- changes to what is open ----------------------------------------------------------------

    def archive_changed_on_disk(self, archive: Archive) -> None:
        """Records of the open archive were edited, added or removed on disk: take them as they
        are, and show the record on screen again if it changed."""
        if self.state.archive is None or archive.root != self.state.archive.root:
            return  # a keeper of an archive closed since
        shown, before = self.state.record, self.state.archive
        self._change(archive=archive)
        self.archive_updated.emit(archive)
        if shown is None or any(record is shown for record in archive.records):
            return  # unchanged records are the same objects
        updated = ordering.same_record(shown, before, archive)
        if updated is not None and updated == shown:
            # The same record (one read on its own before the archive's reading came to it).
            self._read_for = None
            self._change(record=updated)
            return
        if updated is None:
            # Named by its file in a plain folder (where a record is a file), else its folder.
            place = (
                shown.scans[0].path
                if isinstance(shown, Record) and shown.scans and shown.inferred
                else shown.folder
            )
            self._messages.warning(
                self.tr(
                    "{folder}: this record is no longer in the archive on disk (removed or "
                    "renamed). It stays on screen until another record is opened."
                ).format(folder=place)
            )
            return
        self.show_record(updated)

    def complete_records(self, root: Path, completed: dict[str, Record]) -> None:
        """Records of the archive at `root`, completed by their PDFs' metadata."""
        archive = self.state.archive
        if archive is None or archive.root != root:
            return
        records = tuple(
            completed.get(record.id, record) if isinstance(record, Record) else record
            for record in archive.records
        )
        archive = dataclasses.replace(archive, records=records)
        self._change(archive=archive)
        self.archive_updated.emit(archive)
        shown = self.state.record
        if isinstance(shown, Record) and shown.id in completed:
            self._update_record(completed[shown.id])

    def _update_record(self, record: Record) -> None:
        self._change(record=record)
        self.record_updated.emit(record)

    # -- showing a record -----------------------------------------------------------------------

    def show_record(self, record: AnyRecord) -> None:
        """Show `record`: its first scan asked for, its transcript (in the preferred language)
        read."""
        if record is self.state.record:
            return
        self._record_job = 0
        if isinstance(record, UnreadRecord):
            self._show_unread(record)
            return
        self._read_for = None
        self._show(record)

    def _show(self, record: AnyRecord) -> None:
        self._leave_scan()
        # The previous record's transcript, still loading, is not shown.
        self._change(record=record, transcript_job=0, text_layer_pdf=None, transcript=None)
        archive = self.state.archive
        if archive is not None:
            self._view_state.set_last_record(archive.root, record.id)
        if isinstance(record, BrokenRecord):
            self._change(scan=None)
            self._scans.show_message(
                self.tr("This record cannot be read, so there is no scan to show.")
            )
            notice = self.tr("This record cannot be read: {reason}").format(reason=record.reason)
            self.record_shown.emit(self._view(record, None, TranscriptSource.NONE, notice))
            return
        # The scan first: the worker opens and renders it while the rest is filled in.
        self._scans.set_scans([scan_label(scan) for scan in record.scans])
        if record.scans:
            self._open_scan(record.scans[0])
        else:
            self._change(scan=None)
            self._scans.show_message(self.tr("This record has no scan."))
        chosen = choose_transcript(record.transcripts, self._settings.get(prefs.PREFERRED_LANGUAGE))
        notice = ""
        if chosen is not None:
            source = TranscriptSource.FILE
        elif (
            record.scans
            and has_text_layer(record.scans[0])
            and (self.state.bare_pdf is not None or record.inferred)
        ):
            # A PDF opened as it is (alone, or in a plain folder), with no transcript of its own:
            # its text layer stands in, once the worker has it. (A curated record without a
            # transcript is shown as its curator made it.)
            self._change(text_layer_pdf=record.scans[0].path)
            source = TranscriptSource.TEXT_LAYER
            notice = self.tr("Reading the PDF's text layer…")
        else:
            source = TranscriptSource.NONE
            notice = (
                self.tr("This record has no transcript. The scan is shown on its own.")
                if record.scans
                else self.tr("This record has neither a transcript nor a scan.")
            )
        self.record_shown.emit(self._view(record, chosen, source, notice))
        if chosen is not None:
            self.load_transcript(chosen)

    def _show_unread(self, record: UnreadRecord) -> None:
        """Show a record listed before it was read: as the archive's reading has it by now, else
        read on its own (the reading of the archive may be thousands of records away)."""
        archive = self.state.archive
        if archive is not None and 0 <= record.place < len(archive.records):
            read = archive.records[record.place]
            if read.folder == record.folder and not isinstance(read, UnreadRecord):
                self.show_record(read)
                return
        self._change(record=record)
        self._record_job = self._jobs.read_record(record.folder)

    def _view(
        self, record: AnyRecord, chosen: Transcript | None, source: TranscriptSource, notice: str
    ) -> RecordView:
        archive = self.state.archive
        position = self.position(record)
        scans = record.scans if isinstance(record, Record) else ()
        return RecordView(
            record=record,
            archive_title=archive.title if archive is not None else "",
            position=position,
            scan_labels=tuple(scan_label(scan) for scan in scans),
            transcript=chosen,
            source=source,
            notice=notice,
        )

    def position(self, record: AnyRecord | None = None) -> tuple[int, int] | None:
        """(number from 1, records in all) of `record` (default: the one on screen) in the
        open archive, in the record list's order; None without an archive."""
        archive, record = self.state.archive, record or self.state.record
        if archive is None or record is None:
            return None
        # Counted in the order the record list shows (by date at first), as Ctrl+] steps;
        # by identity: comparing frozen records field by field costs ~100 ms over 100,000.
        shown = self._record_order()
        if shown is None:
            shown = ordering.library_order(archive.records)
        # A record read on its own (chosen before the archive's reading came to it) has the
        # row of the record listed unread it was read for, or of the archive's reading of it.
        read_for = self._read_for if record is self.state.record and self._read_for else record
        index = next((i for i, r in enumerate(shown) if r is record or r is read_for), None)
        if index is None and read_for is not record:
            index = next((i for i, r in enumerate(shown) if r.folder == record.folder), None)
        if index is None and not any(r is record or r is read_for for r in archive.records):
            return None  # gone from the disk, still on screen
        return ((index or 0) + 1, len(archive.records))

    def show_scan(self, index: int) -> None:
        """Show the record's scan number `index` (from 0)."""
        record = self.state.record
        if isinstance(record, Record) and 0 <= index < len(record.scans):
            self._open_scan(record.scans[index])

    def _open_scan(self, scan: Scan) -> None:
        self._change(scan=scan.path)
        password = self.state.password(scan.path) or scan.password or None
        self._scans.open_pdf(scan.path, password, scan.images)

    def _leave_scan(self) -> None:
        if self.state.scan is not None:
            self.scan_leaving.emit(self.state.scan)

    def load_transcript(self, item: Transcript) -> None:
        """Read `item` (one of the record's transcripts) and show it."""
        self._change(transcript_job=self._jobs.load_transcript(item), transcript=item)

    def _on_jobs_transcript_loaded(
        self, job_id: int, item: Transcript | None, display: object
    ) -> None:
        if job_id != self.state.transcript_job:
            return
        notice = ""
        if item is None:
            notice = self.tr(
                "This text is the PDF's own text layer (often machine-read), "
                "not an edited transcript."
            )
        path = item.path if item is not None else self.state.text_layer_pdf
        self.transcript_shown.emit(TranscriptText(display, notice, path))

    def _on_jobs_transcript_failed(
        self, job_id: int, item: Transcript, failure: jobs_service.Failure
    ) -> None:
        if job_id != self.state.transcript_job:
            return
        self.transcript_notice.emit(
            self.tr("The transcript cannot be shown. {reason}").format(reason=failure.text)
        )
        self._messages.error(
            self.tr("{reason}. The scan and metadata are still shown.").format(reason=failure.text),
            origin=_origin(failure),
        )

    # -- the scan -------------------------------------------------------------------------------

    def _on_scans_document_opened(self, info: Any) -> None:
        path = Path(info.path)
        if info.notices:
            self._messages.info(
                self.tr("{file}: {notices}.").format(
                    file=path.name, notices="; ".join(info.notices)
                )
            )
        record = self.state.record
        if self.state.bare_pdf is not None and path == self.state.bare_pdf:
            self._update_record(document.record_for_pdf(path, info.metadata))
        elif (
            self.state.archive is not None
            and isinstance(record, Record)
            and record.scans
            and record.scans[0].path == path
            and record.inferred
            and info.metadata
        ):
            from viewer.domain.formats import folder  # noqa: PLC0415  (plain folders only)

            updated = folder.with_pdf_metadata(record, info.metadata)
            if updated is not record:
                self._update_record(updated)
        if self.state.text_layer_pdf is not None and path == self.state.text_layer_pdf:
            self._worker.extract_text(path, self.state.password(path))

    def _on_worker_text_extracted(
        self, path: str, pages: list[str], _metadata: dict[str, str]
    ) -> None:
        if self.state.text_layer_pdf is None or Path(path) != self.state.text_layer_pdf:
            return
        if any(page.strip() for page in pages):
            # Converted off this thread and shown in parts; nothing here keeps a copy of them.
            self._change(transcript_job=self._jobs.convert_pages(pages))
        else:
            self.transcript_notice.emit(
                self.tr("No transcript: this PDF has no text layer. The scan is shown on its own.")
            )

    def _on_worker_text_failed(self, path: str, message: str) -> None:
        if self.state.text_layer_pdf is not None and Path(path) == self.state.text_layer_pdf:
            said = self.tr("No transcript: the text layer cannot be read ({reason}).").format(
                reason=message
            )
            self.transcript_notice.emit(said)
            self._messages.warning(said)

    def _on_scans_document_failed(self, path_text: str, message: str, needs_password: bool) -> None:
        path = Path(path_text)
        if needs_password:
            self.password_needed.emit(
                PasswordNeeded(path, wrong=self.state.password(path) is not None)
            )
            return
        # The reason is said once, in the message bar, naming the record; the scan pane and the
        # transcript only point to it.
        reason = sentence(message)
        record = self.state.record
        title = ""
        points_to_message = self.tr(
            "No transcript: the PDF cannot be opened (the message above says why)."
        )
        if self.state.bare_pdf is not None and path == self.state.bare_pdf:
            text = self.tr("{reason} Open another file with Ctrl+O, or drop one on this window.")
            self.transcript_notice.emit(points_to_message)
        else:
            title = record.title if isinstance(record, Record) else ""
            if isinstance(record, Record) and record.transcripts:
                text = self.tr("{reason} The transcript and metadata are still shown.")
            else:
                text = self.tr("{reason} The metadata is still shown.")
                if self.state.text_layer_pdf is not None and path == self.state.text_layer_pdf:
                    self.transcript_notice.emit(points_to_message)
        shown = text.format(reason=reason)
        if title:
            short = title if len(title) <= 60 else title[:59].rstrip() + "…"
            shown = self.tr("“{title}”: {message}").format(title=short, message=shown)
        self._messages.error(shown)
        self._scans.show_message(self.tr("This scan cannot be shown: the message above says why."))
        self.scan_failed.emit(OpenFailed(path, shown, scan=True))

    def use_password(self, path: Path, password: str | None) -> None:
        """Open the encrypted `path` with `password`; None: the reader declined to give one."""
        passwords = tuple((p, w) for p, w in self.state.passwords if p != path)
        if password:
            self._change(passwords=(*passwords, (path, password)))
            self._scans.open_pdf(path, password)
            return
        self._change(passwords=passwords)
        self._scans.show_message(
            self.tr("{file} is encrypted: it is shown only with its password.").format(
                file=path.name
            )
        )
        if self.state.text_layer_pdf is not None and path == self.state.text_layer_pdf:
            # Its text layer, the transcript, cannot be read either.
            self.transcript_notice.emit(
                self.tr(
                    "No transcript: {file} is encrypted, and its text is read only once it "
                    "is opened with its password."
                ).format(file=path.name)
            )
        self._messages.warning(
            self.tr(
                "{file}: the PDF is encrypted and needs a password. Open it again to enter it."
            ).format(file=path.name)
        )

    def _on_worker_restarted(self, _message: str) -> None:
        """Said once a session: the pages themselves say which of them failed."""
        if self._worker_restart_told:
            return
        self._worker_restart_told = True
        self._messages.warning(
            self.tr(
                "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) and "
                "was restarted; the pages are being drawn again."
            )
        )


def _origin(failure: jobs_service.Failure) -> Origin:
    """Whose fault a job's failure is: the file's, or the viewer's (a bug to report)."""
    return Origin.VIEWER if failure.bug else Origin.FILE
