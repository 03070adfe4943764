"""The archive model: frozen values describing archives, records, transcripts and scans."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from pathlib import Path

FORMAT_VERSION = 1
"""The archive format version this viewer writes and reads best (see docs/archive-format.md)."""


class TranscriptFormat(enum.Enum):
    """How a transcript file is written."""

    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"

    @classmethod
    def from_suffix(cls, suffix: str) -> TranscriptFormat | None:
        """The format a file ending with `suffix` (".html", ".md", ".txt") is written in."""
        return _SUFFIXES.get(suffix.lower())


_SUFFIXES = {
    ".html": TranscriptFormat.HTML,
    ".htm": TranscriptFormat.HTML,
    ".md": TranscriptFormat.MARKDOWN,
    ".markdown": TranscriptFormat.MARKDOWN,
    ".txt": TranscriptFormat.TEXT,
}


class TranscriptKind(enum.Enum):
    """What a transcript is, relative to the original document."""

    TRANSLATION = "translation"
    TRANSCRIPTION = "transcription"
    OCR = "ocr"
    TEXT_LAYER = "text-layer"


@dataclass(frozen=True, slots=True)
class Name:
    """A person or body: `family`/`given` for people, `literal` for offices and agencies."""

    family: str = ""
    given: str = ""
    literal: str = ""

    def display(self) -> str:
        """The name as read: "Gary Goldberg", "Secretary of State"."""
        if self.literal:
            return self.literal
        return " ".join(part for part in (self.given, self.family) if part)

    def sort_form(self) -> str:
        """The name as sorted: "Goldberg, Gary"."""
        if self.literal:
            return self.literal
        return ", ".join(part for part in (self.family, self.given) if part)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, month or day; `end` makes it a range ("1917/1920")."""

    year: int
    month: int = 0
    day: int = 0
    end: PartialDate | None = None

    def iso(self) -> str:
        """The ISO 8601 form it was written in ("1949-05-18", "1949-05", "1917/1920")."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        if self.end is not None:
            text += "/" + self.end.iso()
        return text

    def display(self) -> str:
        """The date as a reader expects it: "May 18, 1949", "May 1949", "1917–1920"."""
        if self.month and self.day:
            text = f"{MONTHS[self.month - 1]} {self.day}, {self.year}"
        elif self.month:
            text = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        if self.end is not None:
            text += "–" + self.end.display()
        return text

    def short(self) -> str:
        """The date in a narrow column: "May 18, 1949", "Nov 27, 2026", "1917–1920"."""
        if self.month and self.day:
            text = f"{MONTHS[self.month - 1][:3]} {self.day}, {self.year}"
        elif self.month:
            text = f"{MONTHS[self.month - 1][:3]} {self.year}"
        else:
            text = str(self.year)
        if self.end is not None:
            text += "–" + self.end.short()
        return text

    def parts(self) -> list[int]:
        """Year, month, day as far as known (CSL's date-parts)."""
        parts = [self.year]
        if self.month:
            parts.append(self.month)
            if self.day:
                parts.append(self.day)
        return parts


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Transcript:
    """One transcript file of a record: a translation or transcription in one language."""

    path: Path
    language: str
    format: TranscriptFormat
    kind: TranscriptKind = TranscriptKind.TRANSCRIPTION
    label: str = ""
    translators: tuple[Name, ...] = ()
    text: str = ""
    """The transcript itself when the source holds it inline (a note in a Zotero export) rather
    than in a file of its own; `path` then names the file that holds it."""

    def display_label(self) -> str:
        """The label for the language switch ("English translation")."""
        if self.label:
            return self.label
        language = language_name(self.language)
        return f"{language} {self.kind.value.replace('-', ' ')}"


@dataclass(frozen=True, slots=True)
class Scan:
    """One scan PDF of a record."""

    path: Path
    label: str = ""
    generated: bool = False
    note: str = ""
    password: str = ""
    images: tuple[Path, ...] = ()
    """For a scan made of several image files (photos of one document), its pages in order;
    empty for a PDF or a single image, which `path` names."""
    orientations: tuple[tuple[int, bool], ...] = ()
    """For `images`: each image's turn clockwise in degrees and whether it is mirrored, as a
    photo library (Tropy) records it; empty: as they are."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where the original is held: the archive and the place in it."""

    archive: str = ""
    location: str = ""
    note: str = ""

    def display(self) -> str:
        """ "AP RF. F. 4. Op. 1. D. 331. pp. 59-61", as the house citation and the panel show it."""
        return ". ".join(part for part in (self.archive, self.location) if part)


@dataclass(frozen=True, slots=True)
class Record:
    """One document of an archive, with its metadata, transcripts and scans."""

    id: str
    title: str
    folder: Path
    date: PartialDate | None = None
    summary: str = ""
    type: str = ""
    languages: tuple[str, ...] = ()
    creators: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    translators: tuple[Name, ...] = ()
    contributors: tuple[Name, ...] = ()
    subjects: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    collection: str = ""
    publisher: str = ""
    rights: str = ""
    funding: str = ""
    url: str = ""
    relation: str = ""
    coverage: str = ""
    identifier: str = ""
    number: str = ""
    pages: str = ""
    """The original's extent in pages ("3"), as an archive's finding aid gives it."""
    citation: str = ""
    source: Source = field(default_factory=Source)
    transcripts: tuple[Transcript, ...] = ()
    scans: tuple[Scan, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    """Fields this version does not know, kept as (key, text) so they are shown, not lost."""
    date_text: str = ""
    """The date as the source words it ("8/00/1963", "May 18 1949"), when it is not ISO 8601."""
    inferred: frozenset[str] = frozenset()
    """The fields the viewer guessed (from a file name, a PDF's info, a spreadsheet's column it
    recognised), not read from metadata a curator wrote; the metadata panel marks them."""

    def transcript_for(self, language: str) -> Transcript | None:
        """The transcript in `language`, or None."""
        for transcript in self.transcripts:
            if transcript.language == language:
                return transcript
        return None

    def available_languages(self) -> tuple[str, ...]:
        """The languages the record can be read in, in the order the record lists them."""
        return tuple(dict.fromkeys(t.language for t in self.transcripts))


@dataclass(frozen=True, slots=True)
class UnreadRecord(Record):
    """A record folder listed before its record.toml is read (a large archive opened for the
    first time lists every folder at once): named by its folder, with nothing else known yet.
    The archive given again as its reading goes on has the record read in its place."""

    place: int = -1
    """Its place in the archive's records."""


@dataclass(frozen=True, slots=True)
class BrokenRecord:
    """A record folder that could not be read: shown as a placeholder with the reason."""

    folder: Path
    reason: str
    id: str = ""

    @property
    def title(self) -> str:
        """What the record list shows for it."""
        return self.id or self.folder.name


@dataclass(frozen=True)
class Archive:
    """An archive: a folder of records."""

    root: Path
    title: str
    records: tuple[Record | BrokenRecord, ...]
    description: str = ""
    publisher: str = ""
    format_version: int = FORMAT_VERSION

    def good_records(self) -> tuple[Record, ...]:
        """The records that could be read (not those listed before they were read)."""
        return tuple(
            r for r in self.records if isinstance(r, Record) and not isinstance(r, UnreadRecord)
        )

    @functools.cached_property
    def broken_records(self) -> tuple[BrokenRecord, ...]:
        """The records that could not be read, found once (a large archive's reading thread
        asks first: 100,000 records take the window's thread ~12 ms)."""
        return tuple(r for r in self.records if isinstance(r, BrokenRecord))

    def find(self, record_id: str) -> Record | BrokenRecord | None:
        """The record with `record_id`, or None."""
        for record in self.records:
            if record.id == record_id:
                return record
        return None


_LANGUAGE_NAMES = {
    "en": "English",
    "ru": "Russian",
    "zh": "Chinese",
    "ko": "Korean",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "ja": "Japanese",
    "pl": "Polish",
    "uk": "Ukrainian",
    "cs": "Czech",
    "hu": "Hungarian",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "vi": "Vietnamese",
    "mn": "Mongolian",
    "pt": "Portuguese",
    "ar": "Arabic",
    "fa": "Persian",
    "tr": "Turkish",
    "la": "Latin",
    "el": "Greek",
    "he": "Hebrew",
    "nl": "Dutch",
    "und": "Undetermined",
}


def language_name(code: str) -> str:
    """ "English" for "en"; the code itself where the name is not known."""
    return _LANGUAGE_NAMES.get(code.split("-", maxsplit=1)[0].lower(), code)
