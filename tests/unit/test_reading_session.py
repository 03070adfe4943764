"""The reading session, driven by fake jobs, a fake render worker and a fake scan display: what is
open, what is shown, and what the reader is told, without a child process or a widget."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal

from viewer.domain import archive
from viewer.domain.model import (
    Archive,
    BrokenRecord,
    PartialDate,
    Record,
    Scan,
    Transcript,
    TranscriptFormat,
    UnreadRecord,
)
from viewer.services import jobs
from viewer.services import settings as prefs
from viewer.services.messages import Level, MessageChannel, Origin
from viewer.services.reading_session import ReadingSession
from viewer.services.reading_state import (
    OpenFailed,
    PasswordNeeded,
    ReadingState,
    RecordView,
    TranscriptSource,
    TranscriptText,
)
from viewer.services.settings import Settings, ViewState


class FakeJobs(QObject):
    """Jobs that run nothing: the test says when each finishes."""

    archive_loaded = Signal(int, object)
    archive_failed = Signal(int, object)
    archive_progressed = Signal(int, int, int)
    archive_updated = Signal(int, object)
    archive_filled = Signal(int, object)
    record_read = Signal(int, object)
    transcript_loaded = Signal(int, object, object)
    transcript_failed = Signal(int, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.started: list[tuple[str, object]] = []
        self.finished: set[int] = set()

    def _start(self, kind: str, what: object) -> int:
        self.started.append((kind, what))
        return len(self.started)

    def load_archive(self, path: Path) -> int:
        return self._start("archive", path)

    def finish_now(self, job_id: int, wait_ms: int = 0) -> bool:
        return False

    def load_transcript(self, item: Transcript) -> int:
        return self._start("transcript", item)

    def reread_archive(
        self, path: Path, before: Archive, complete: object = None, changed: object = ()
    ) -> int:
        return self._start("reread", path)

    def is_rereading(self, job_id: int) -> bool:
        return self.started[job_id - 1][0] == "reread" and job_id not in self.finished

    def read_record(self, folder: Path) -> int:
        return self._start("record", folder)

    def convert_pages(self, pages: list[str]) -> int:
        return self._start("pages", pages)


class FakeWorker(QObject):
    """The render worker's text-layer side."""

    text_extracted = Signal(str, object, object)
    text_failed = Signal(str, str)
    worker_restarted = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.extracted: list[tuple[Path, str | None]] = []

    def extract_text(self, path: Path, password: str | None = None) -> None:
        self.extracted.append((path, password))


class FakeScans(QObject):
    """A scan display that notes what it is asked to show."""

    document_opened = Signal(object)
    document_failed = Signal(str, str, bool)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[tuple[Path, str | None]] = []
        self.shown: list[str] = []
        self.labels: list[tuple[str, str]] = []

    def set_scans(self, labels: list[tuple[str, str]], current: int = 0) -> None:
        self.labels = labels

    def open_pdf(
        self, path: Path, password: str | None = None, images: tuple[Path, ...] = ()
    ) -> None:
        self.opened.append((path, password))

    def show_message(self, text: str) -> None:
        self.shown.append(text)


class Rig:
    """A session with its fakes, and everything it emitted."""

    def __init__(self, tmp_path: Path) -> None:
        self.jobs = FakeJobs()
        self.worker = FakeWorker()
        self.scans = FakeScans()
        self.messages = MessageChannel()
        self.settings = Settings(tmp_path / "settings.ini")
        self.session = ReadingSession(
            self.jobs,  # type: ignore[arg-type]
            self.worker,  # type: ignore[arg-type]
            self.scans,
            self.settings,
            ViewState(tmp_path / "state.ini"),
            self.messages,
        )
        self.emitted: list[tuple[str, Any]] = []
        for name in (
            "opening_started",
            "archive_opened",
            "pdf_opened",
            "open_failed",
            "record_shown",
            "record_updated",
            "transcript_shown",
            "transcript_notice",
            "scan_failed",
            "password_needed",
            "archive_updated",
            "archive_reread",
            "records_filled",
        ):
            getattr(self.session, name).connect(
                lambda value, name=name: self.emitted.append((name, value))
            )

    def of(self, name: str) -> list[Any]:
        return [value for kind, value in self.emitted if kind == name]

    def said(self) -> list[tuple[Level, str]]:
        return [(m.level, m.text) for m in self.messages.history]


@pytest.fixture
def rig(qapp: object, tmp_path: Path) -> Rig:
    return Rig(tmp_path)


def _archive(root: Path) -> Archive:
    english = Transcript(root / "a" / "en.md", "en", TranscriptFormat.MARKDOWN)
    russian = Transcript(root / "a" / "ru.md", "ru", TranscriptFormat.MARKDOWN)
    first = Record(
        "a",
        "Telegram",
        root / "a",
        date=PartialDate(1949),
        transcripts=(russian, english),
        scans=(Scan(root / "a" / "scan.pdf"), Scan(root / "a" / "back.pdf", label="Back")),
    )
    second = Record("b", "Letter", root / "b", date=PartialDate(1950))
    broken = BrokenRecord(root / "c", "record.toml: no title")
    return Archive(root, "Cables", (first, second, broken))


def test_opening_an_archive_shows_its_first_record_scan_and_preferred_transcript(
    rig: Rig, tmp_path: Path
) -> None:
    rig.settings.set(prefs.PREFERRED_LANGUAGE, "en")
    archive = _archive(tmp_path / "cables")
    states: list[ReadingState] = []
    rig.session.state_changed.connect(states.append)
    rig.session.open_path(archive.root)
    assert states[-1].opening == archive.root  # each change is a new whole value
    assert rig.of("opening_started")[0].path == archive.root
    assert rig.session.state.opening == archive.root
    rig.jobs.archive_loaded.emit(1, archive)
    assert rig.of("archive_opened") == [archive]
    view = rig.of("record_shown")[0]
    assert isinstance(view, RecordView)
    assert view.record is archive.records[0]
    assert view.archive_title == "Cables"
    assert view.position == (1, 3)
    assert view.scan_labels == (("scan", "scan.pdf"), ("Back", "back.pdf"))
    assert view.transcript is not None and view.transcript.language == "en"
    assert view.source is TranscriptSource.FILE
    assert rig.scans.opened == [(tmp_path / "cables" / "a" / "scan.pdf", None)]
    assert rig.jobs.started[-1] == ("transcript", view.transcript)
    state = rig.session.state
    assert isinstance(state, ReadingState)
    assert (state.archive, state.record, state.opening) == (archive, archive.records[0], None)
    assert states[-1] is state
    assert states[0].archive is None  # earlier values are not changed in place
    # The transcript arrives: shown; a late answer for an earlier job is not.
    rig.jobs.transcript_loaded.emit(1, None, "stale")
    rig.jobs.transcript_loaded.emit(2, view.transcript, "display")
    assert rig.of("transcript_shown") == [TranscriptText("display", "", view.transcript.path)]
    # Another scan of the record, then another record.
    rig.session.show_scan(1)
    assert rig.scans.opened[-1] == (tmp_path / "cables" / "a" / "back.pdf", None)
    rig.session.show_record(archive.records[1])
    second = rig.of("record_shown")[-1]
    assert second.source is TranscriptSource.NONE
    assert second.notice == "This record has neither a transcript nor a scan."
    assert rig.scans.shown[-1] == "This record has no scan."
    assert rig.session.state.scan is None


def test_a_record_listed_before_it_was_read_is_read_on_its_own_when_chosen(
    rig: Rig, tmp_path: Path
) -> None:
    root = tmp_path / "cables"
    first = Record("a", "Telegram", root / "a", date=PartialDate(1949))
    unread = [UnreadRecord(f"x/{n}", str(n), root / "x" / str(n), place=n) for n in (1, 2)]
    listed = Archive(root, "Cables", (first, *unread))
    rig.session.open_path(root)
    rig.jobs.archive_loaded.emit(1, listed)
    assert rig.of("record_shown")[-1].record is first
    # Chosen before the archive's reading came to it: read on its own, then shown.
    rig.session.show_record(unread[1])
    assert rig.jobs.started[-1] == ("record", root / "x" / "2")
    assert rig.of("record_shown")[-1].record is first
    read = Record("x-2", "Letter read on its own", root / "x" / "2")
    rig.jobs.record_read.emit(len(rig.jobs.started), read)
    view = rig.of("record_shown")[-1]
    assert view.record is read
    assert view.position == (3, 3)
    # The archive's reading came to the first of them: given as it read it, with no job.
    filled = Record("x-1", "Cable", root / "x" / "1")
    more = Archive(root, "Cables", (first, filled, unread[1]))
    rig.jobs.archive_filled.emit(1, more)
    assert rig.of("records_filled") == [more]
    started = len(rig.jobs.started)
    rig.session.show_record(unread[0])
    assert rig.of("record_shown")[-1].record is filled
    assert len(rig.jobs.started) == started
    # A late answer for a record no longer wanted is not shown.
    rig.session.show_record(unread[1])
    rig.session.show_record(first)
    rig.jobs.record_read.emit(len(rig.jobs.started), read)
    assert rig.of("record_shown")[-1].record is first
    # The whole archive, read: the record shown read on its own is the same record.
    rig.session.show_record(unread[1])
    rig.jobs.record_read.emit(len(rig.jobs.started), read)
    shown = len(rig.of("record_shown"))
    again = Record("x-2", "Letter read on its own", root / "x" / "2")
    rig.jobs.archive_updated.emit(1, Archive(root, "Cables", (first, filled, again)))
    assert len(rig.of("record_shown")) == shown  # not shown again
    assert rig.session.state.record is again


def test_an_archive_with_broken_records_says_so_and_shows_the_reason(
    rig: Rig, tmp_path: Path
) -> None:
    archive = _archive(tmp_path / "cables")
    rig.session.open_path(archive.root)
    rig.jobs.archive_loaded.emit(1, archive)
    assert rig.said()[0][0] is Level.WARNING
    assert rig.said()[0][1].startswith("1 of 3 records in Cables cannot be read (c)")
    rig.session.show_record(archive.records[2])
    view = rig.of("record_shown")[-1]
    assert view.notice == "This record cannot be read: record.toml: no title"
    assert rig.scans.shown[-1] == "This record cannot be read, so there is no scan to show."


def test_a_failed_open_is_said_in_words_and_leaves_opening(rig: Rig, tmp_path: Path) -> None:
    rig.session.open_path(tmp_path / "nothing here")
    rig.jobs.archive_failed.emit(
        1, jobs.Failure("nothing here: no archive, record or PDF I can read")
    )
    failed = rig.of("open_failed")
    assert failed == [
        OpenFailed(tmp_path / "nothing here", "nothing here: no archive, record or PDF I can read")
    ]
    assert rig.said() == [(Level.ERROR, "nothing here: no archive, record or PDF I can read")]
    assert rig.session.state.opening is None
    assert rig.session.state.archive is None


def test_a_bug_in_the_archive_job_fails_the_open_and_is_said_as_the_viewers_fault(
    rig: Rig, tmp_path: Path
) -> None:
    bug = jobs.failure(KeyError("records"))
    assert bug.bug and bug.text == "Unexpected error: KeyError('records'). Please report it."
    rig.session.open_path(tmp_path / "cables")
    rig.jobs.archive_failed.emit(1, bug)
    assert rig.of("open_failed") == [OpenFailed(tmp_path / "cables", bug.text)]
    assert [(m.level, m.text, m.origin) for m in rig.messages.history] == [
        (Level.ERROR, bug.text, Origin.VIEWER)
    ]
    assert rig.session.state.opening is None  # "Opening…" does not stay


def test_a_files_fault_is_told_apart_from_a_bug() -> None:
    known = jobs.failure(archive.ArchiveError(Path("cables"), "holds no records"))
    assert known == jobs.Failure("cables: holds no records", bug=False)
    missing = jobs.failure(FileNotFoundError(2, "No such file or directory", "cables"))
    assert missing == jobs.Failure("cables: No such file or directory", bug=False)


def test_a_missing_pdf_is_said_in_words(rig: Rig, tmp_path: Path) -> None:
    rig.session.open_path(tmp_path / "gone.pdf")
    assert rig.said() == [(Level.ERROR, "gone.pdf: the file does not exist. Check the path.")]
    assert rig.of("open_failed")[0].path == tmp_path / "gone.pdf"
    assert rig.of("record_shown") == []


def test_a_bare_pdf_is_one_record_whose_text_layer_is_the_transcript(
    rig: Rig, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    rig.session.open_path(pdf)
    assert rig.session.state.bare_pdf == pdf.resolve()
    assert [r.title for r in rig.of("pdf_opened")] == ["report"]
    view = rig.of("record_shown")[0]
    assert view.source is TranscriptSource.TEXT_LAYER
    assert view.notice == "Reading the PDF's text layer…"
    assert view.position is None
    # Opened: its metadata completes the record, and its text layer is asked for.
    rig.scans.document_opened.emit(
        SimpleNamespace(path=str(pdf.resolve()), notices=[], metadata={"title": "Annual Report"})
    )
    assert [r.title for r in rig.of("record_updated")] == ["Annual Report"]
    assert rig.worker.extracted == [(pdf.resolve(), None)]
    rig.worker.text_extracted.emit(str(pdf.resolve()), ["Page one", ""], {})
    assert rig.jobs.started[-1] == ("pages", ["Page one", ""])
    rig.jobs.transcript_loaded.emit(len(rig.jobs.started), None, "pages")
    shown = rig.of("transcript_shown")[0]
    assert shown.display == "pages"
    assert "the PDF's own text layer" in shown.notice


def test_an_encrypted_scan_asks_for_its_password_and_says_when_none_is_given(
    rig: Rig, tmp_path: Path
) -> None:
    pdf = tmp_path / "secret.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    rig.session.open_path(pdf)
    path = pdf.resolve()
    rig.scans.document_failed.emit(str(path), "needs a password", True)
    assert rig.of("password_needed") == [PasswordNeeded(path, wrong=False)]
    rig.session.use_password(path, "wrong")
    assert rig.scans.opened[-1] == (path, "wrong")
    rig.scans.document_failed.emit(str(path), "needs a password", True)
    assert rig.of("password_needed")[-1] == PasswordNeeded(path, wrong=True)
    rig.session.use_password(path, None)
    assert rig.session.state.password(path) is None
    assert rig.scans.shown[-1] == "secret.pdf is encrypted: it is shown only with its password."
    assert rig.said()[-1] == (
        Level.WARNING,
        "secret.pdf: the PDF is encrypted and needs a password. Open it again to enter it.",
    )


def test_a_scan_that_cannot_be_opened_names_the_record_and_keeps_it(
    rig: Rig, tmp_path: Path
) -> None:
    archive = _archive(tmp_path / "cables")
    rig.session.open_path(archive.root)
    rig.jobs.archive_loaded.emit(1, archive)
    scan = str(tmp_path / "cables" / "a" / "scan.pdf")
    rig.scans.document_failed.emit(scan, "scan.pdf: this PDF makes the page renderer crash", False)
    assert rig.said()[-1] == (
        Level.ERROR,
        "“Telegram”: scan.pdf: this PDF makes the page renderer crash. The transcript and "
        "metadata are still shown.",
    )
    assert rig.scans.shown[-1] == "This scan cannot be shown: the message above says why."
    assert rig.of("scan_failed")[0].scan
    assert rig.session.state.record is archive.records[0]


def test_a_renderer_restart_is_said_once(rig: Rig) -> None:
    rig.worker.worker_restarted.emit("restarted")
    rig.worker.worker_restarted.emit("restarted")
    said = rig.said()
    assert len(said) == 1
    assert said[0][0] is Level.WARNING
    assert said[0][1].startswith("The page renderer stopped unexpectedly")


def test_an_archive_listed_from_the_cache_is_taken_again_as_the_disk_has_it(
    rig: Rig, tmp_path: Path
) -> None:
    archive = _archive(tmp_path / "cables")
    rig.session.open_path(archive.root)
    rig.jobs.archive_loaded.emit(1, archive)
    first = archive.records[0]
    assert isinstance(first, Record)
    edited = dataclasses.replace(first, title="Telegram, corrected")
    on_disk = dataclasses.replace(archive, records=(edited, *archive.records[1:]))
    rig.jobs.archive_updated.emit(2, on_disk)  # another job's: not this archive's
    assert rig.of("archive_reread") == []
    rig.jobs.archive_updated.emit(1, on_disk)
    assert rig.of("archive_reread") == [on_disk]
    assert rig.of("archive_updated") == [on_disk]
    assert rig.session.state.archive is on_disk
    assert rig.of("record_shown")[-1].record is edited  # the record on screen, as edited


def _open_folder(rig: Rig, root: Path) -> Archive:
    """A plain folder's archive open, its first record on screen (scan and transcript)."""
    scan = root / "1962-10-22_cable.pdf"
    sidecar = Transcript(root / "1962-10-22_cable.txt", "en", TranscriptFormat.TEXT)
    cable = Record(
        "cable",
        "Cable",
        root,
        scans=(Scan(scan),),
        transcripts=(sidecar,),
        inferred=frozenset({"title"}),
    )
    memo = Record(
        "memo", "Memo", root, scans=(Scan(root / "memo.pdf"),), inferred=frozenset({"title"})
    )
    archive = Archive(root, "downloads", (cable, memo))
    rig.session.open_path(root)
    rig.jobs.archive_loaded.emit(1, archive)
    return archive


def test_files_changed_on_disk_read_the_folder_again_and_show_again_what_was_written(
    rig: Rig, tmp_path: Path
) -> None:
    root = tmp_path / "downloads"
    archive = _open_folder(rig, root)
    cable = archive.records[0]
    assert isinstance(cable, Record)
    rig.session.reread_archive([root / "1962-10-22_cable.txt", root / "1962-10-22_cable.pdf"])
    assert rig.jobs.started[-1] == ("reread", root)  # the path it was opened from
    job = len(rig.jobs.started)
    opened = len(rig.scans.opened)
    rig.jobs.finished.add(job)
    rig.jobs.archive_updated.emit(job, archive)  # the same records: written in place
    assert rig.of("archive_reread") == [archive]
    assert rig.of("archive_updated") == []  # no record changed
    assert rig.session.state.record is cable  # still on screen
    # Its scan opened anew (the worker reads the file again), its transcript read again.
    assert rig.scans.opened[opened:] == [(cable.scans[0].path, None)]
    assert rig.jobs.started[-1] == ("transcript", cable.transcripts[0])


def test_the_record_on_screen_removed_from_a_plain_folder_is_said_by_its_file_and_stays(
    rig: Rig, tmp_path: Path
) -> None:
    root = tmp_path / "downloads"
    archive = _open_folder(rig, root)
    cable, memo = archive.records
    rig.session.reread_archive([root / "1962-10-22_cable.pdf"])
    job = len(rig.jobs.started)
    rig.jobs.finished.add(job)
    rig.jobs.archive_updated.emit(job, dataclasses.replace(archive, records=(memo,)))
    assert rig.session.state.record is cable  # not another record of the same folder
    level, text = rig.said()[-1]
    assert level is Level.WARNING
    assert text.startswith(f"{root / '1962-10-22_cable.pdf'}: this record is no longer")


def test_a_folder_that_cannot_be_read_again_is_named_and_what_was_read_stays(
    rig: Rig, tmp_path: Path
) -> None:
    root = tmp_path / "downloads"
    archive = _open_folder(rig, root)
    rig.session.reread_archive([root])
    job = len(rig.jobs.started)
    rig.jobs.finished.add(job)
    rig.jobs.archive_failed.emit(job, jobs.Failure(f"{root}: does not exist. Check the path"))
    level, text = rig.said()[-1]
    assert level is Level.ERROR
    assert text.startswith(
        f"The open folder changed on disk and cannot be read any more: {root}: does not exist."
    )
    assert rig.session.state.archive is archive
    assert rig.of("open_failed") == []


def test_changes_seen_while_the_folder_is_read_again_read_it_once_more_after(
    rig: Rig, tmp_path: Path
) -> None:
    root = tmp_path / "downloads"
    archive = _open_folder(rig, root)
    rig.session.reread_archive([root / "a.pdf"])
    first = len(rig.jobs.started)
    rig.session.reread_archive([root / "b.pdf"])
    rig.session.reread_archive([root / "c.pdf"])
    assert len(rig.jobs.started) == first  # one reading at a time
    rig.jobs.finished.add(first)
    rig.jobs.archive_updated.emit(first, archive)
    assert [kind for kind, _ in rig.jobs.started[first:]] == ["reread"]
