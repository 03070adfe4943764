"""The values the reading session keeps and tells (services/reading_session.py): what is open,
as one `ReadingState`, and what happened to it, each a frozen dataclass."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

from viewer.domain.model import Archive, BrokenRecord, Record, Scan, Transcript

AnyRecord = Record | BrokenRecord


class ScanDisplay(Protocol):
    """Where scans are shown (the window's scan pane; a fake in tests)."""

    @property
    def document_opened(self) -> SignalInstance:
        """(DocumentInfo) the scan asked for is open."""

    @property
    def document_failed(self) -> SignalInstance:
        """(path text, message, needs a password) the scan asked for cannot be opened."""

    def set_scans(self, labels: list[tuple[str, str]], current: int = 0) -> None:
        """Offer the record's scans, (label, tooltip) each, to switch between."""

    def open_pdf(
        self, path: Path, password: str | None = None, images: tuple[Path, ...] = ()
    ) -> None:
        """Open and show `path`."""

    def show_message(self, text: str) -> None:
        """Show `text` instead of a document."""


class TranscriptSource(enum.Enum):
    """Where the text beside the scan comes from."""

    FILE = "file"
    """One of the record's transcript files (being read)."""
    TEXT_LAYER = "text-layer"
    """The PDF's own text layer (being read): a PDF opened as it is, without a transcript."""
    NONE = "none"
    """No text: the view's notice says why."""


@dataclass(frozen=True)
class ReadingState:
    """Everything that is open, as one value: replaced whole, never changed in place."""

    archive: Archive | None = None
    bare_pdf: Path | None = None
    """The PDF opened on its own (then `archive` is None)."""
    record: AnyRecord | None = None
    scan: Path | None = None
    """The scan on screen (asked for; it may still be opening)."""
    text_layer_pdf: Path | None = None
    """The PDF whose text layer stands in for the transcript of the record on screen."""
    passwords: tuple[tuple[Path, str], ...] = ()
    opening: Path | None = None
    """The archive being read."""
    archive_job: int = 0
    listed_job: int = 0
    """The job that gave the open archive: it may still give it again, as on disk
    (`Jobs.archive_updated`, after listing it from the user's cache)."""
    transcript_job: int = 0
    transcript: Transcript | None = None
    """The transcript file shown (being read) beside the scan; None for none or a text layer."""
    source: Path | None = None
    """The path the open archive was read from (a sheet of records, whose archive's root is
    its folder), to read it again when its files change."""

    def password(self, path: Path) -> str | None:
        """The password the reader gave for `path` in this session, if any."""
        return dict(self.passwords).get(path)


@dataclass(frozen=True)
class Opening:
    """An archive is being read."""

    path: Path


@dataclass(frozen=True)
class Progress:
    """How far the reading of an archive is."""

    done: int
    total: int


@dataclass(frozen=True)
class OpenFailed:
    """A path or a scan that cannot be opened, and why (already said to the reader)."""

    path: Path
    reason: str
    scan: bool = False
    """A record's scan (the record stays on screen), not an archive or a PDF to open."""


@dataclass(frozen=True)
class PasswordNeeded:
    """A scan is encrypted: the reader is asked for its password."""

    path: Path
    wrong: bool
    """A password was given and is not correct."""


@dataclass(frozen=True)
class RecordView:
    """A record as it is now shown: what each part of the window shows for it."""

    record: AnyRecord
    archive_title: str
    position: tuple[int, int] | None
    """(number from 1, total) in the record list's order, in an archive."""
    scan_labels: tuple[tuple[str, str], ...]
    """(label, tooltip) of each of the record's scans."""
    transcript: Transcript | None
    """The transcript shown (in the preferred language), being read."""
    source: TranscriptSource
    notice: str
    """Said in the transcript's place while there is no text (or instead of it)."""

    @property
    def has_scan(self) -> bool:
        """Whether the record has a scan to show."""
        return bool(self.scan_labels)


@dataclass(frozen=True)
class TranscriptText:
    """A transcript ready to be shown, with a note above it ("" for none)."""

    display: Any
    """`domain.transcript.Display`."""
    notice: str = ""
    path: Path | None = None
    """Its file, or the PDF whose text layer it is (where the reader's place in it is kept)."""


def choose_transcript(transcripts: Sequence[Transcript], preferred: str) -> Transcript | None:
    """The transcript in the `preferred` language, else the first, else None."""
    return next((t for t in transcripts if t.language == preferred), None) or (
        transcripts[0] if transcripts else None
    )


def has_text_layer(scan: Scan) -> bool:
    """Whether `scan` may carry a text layer worth showing as the transcript (a PDF; photos
    and image files have none)."""
    return not scan.images and scan.path.suffix.lower() == ".pdf"


def scan_label(scan: Scan) -> tuple[str, str]:
    """The scan's name in the switch (its label, else its file name) and its tooltip."""
    return (scan.label or scan.path.stem, scan.path.name)


def sentence(text: str) -> str:
    """`text` ending with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
