"""What the search index reads from a record: its texts, facets and a change fingerprint."""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from viewer.domain import model, transcript
from viewer.domain import search_query as sq

_log = logging.getLogger(__name__)

TextLayer = Callable[[Path], Sequence[str]]
"""Reads a scan PDF's text layer: one string per page (PyMuPDF lives behind this callable)."""


class MachineText(Protocol):
    """The text machine-read (OCR) from scans, kept apart from their files (the OCR cache)."""

    def stamp(self) -> object:
        """A value that changes whenever more may have been machine-read (cheap: no query)."""

    def refresh(self) -> dict[str, str]:
        """Look again at what is machine-read: the `version` of each scan that has some, by
        path."""

    def version(self, path: Path) -> str:
        """What is machine-read of the scan at `path` as of the last `refresh` ("" when
        nothing): it changes when more of its pages are read, and goes into the record's
        fingerprint."""

    def pages(self, path: Path) -> Sequence[str]:
        """The machine-read text of each page of the scan read so far, in page order."""


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_FRONT_MATTER = re.compile(r"\A---\r?\n.*?\r?\n---\r?\n", re.DOTALL)


@dataclass(frozen=True)
class Document:
    """One record as the index stores it: text columns, facets and fingerprint."""

    record_id: str
    folder: str
    title: str
    summary: str
    metadata: str
    body: str
    scan_text: str
    date: str
    year: int | None
    collection: str
    languages: tuple[str, ...]
    has_text_layer: bool
    fingerprint: str
    problems: tuple[str, ...] = ()
    machine_text: str = ""
    """Text read by a machine (OCR): transcripts of kind "ocr" and the scans' recognised pages."""


def fingerprint(record: model.Record, machine_text: MachineText | None = None) -> str:
    """A digest of the names, sizes and modification times of the record's files (and of what
    is machine-read of its scans)."""
    return fingerprints((record,), machine_text)[0]


def fingerprints(
    records: Sequence[model.Record], machine_text: MachineText | None = None
) -> list[str]:
    """`fingerprint` of each record, in order: one stat() per file, nothing else on disk.

    This runs over every record on every reopen: 20,000 stat() calls for 10,000 records cost
    ~45 ms on their own here (~2 µs each, of which ~1.2 µs is the system call), so the loop
    around them is kept to plain strings, one string per record. Threads do not help (2
    threads took ~95 ms, 4 took ~75 ms on 2 cores), nor does `os.scandir` (a directory listing
    and then one stat() per entry anyway: ~155 ms).
    """
    stat = os.stat
    blake2b = hashlib.blake2b
    sep = os.sep
    digests: list[str] = []
    append = digests.append
    ocr_kind = model.TranscriptKind.OCR
    version = machine_text.version if machine_text is not None else None
    for record in records:
        try:
            found = stat(f"{record.folder}{sep}record.toml")
        except OSError:
            text = "record.toml\0missing"
        else:
            text = f"record.toml\0{found.st_size}\0{found.st_mtime_ns}"
        for item in record.transcripts + record.scans:
            path = str(item.path)
            name = path[path.rfind(sep) + 1 :]
            try:
                found = stat(path)
            except OSError:
                text += f"\n{name}\0missing"
            else:
                text += f"\n{name}\0{found.st_size}\0{found.st_mtime_ns}"
        for item in record.transcripts:
            if item.kind is ocr_kind:  # indexed as machine-read text since schema 3
                text += "\nocr"
        if version is not None:
            for scan in record.scans:
                for image in scan.images or (scan.path,):
                    known = version(image)
                    if known:
                        text += f"\n{image.name}\0ocr\0{known}"
        append(blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest())
    return digests


def transcript_text(item: model.Transcript) -> tuple[str, str]:
    """The plain text of a transcript and a problem ("" when none); unreadable gives ""."""
    try:
        text = item.text or transcript.read_text(item.path)
    except transcript.TranscriptError as error:
        return "", str(error)
    if item.format is model.TranscriptFormat.HTML:
        text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text)))
    elif item.format is model.TranscriptFormat.MARKDOWN:
        text = _FRONT_MATTER.sub("", text)
    return text, ""


def _names(names: Sequence[model.Name]) -> list[str]:
    return [name.display() for name in names]


def _metadata_text(record: model.Record) -> str:
    """Every descriptive field but title and summary, one per line."""
    parts: list[str] = [record.type, record.collection, record.publisher, record.identifier]
    parts += [record.number, record.coverage, record.relation, record.citation]
    parts += _names(record.creators) + _names(record.recipients)
    parts += _names(record.translators) + _names(record.contributors)
    parts += list(record.subjects) + list(record.places) + list(record.people)
    parts += [record.source.archive, record.source.location, record.source.note]
    parts += [value for _, value in record.extra]
    return "\n".join(part for part in parts if part)


def record_languages(record: model.Record) -> tuple[str, ...]:
    """The record's languages for the facet: its own, else those of its transcripts."""
    languages = record.languages or record.available_languages()
    return tuple(dict.fromkeys(code.split("-")[0].lower() for code in languages if code))


def document(
    record: model.Record,
    text_layer: TextLayer | None,
    digest: str = "",
    machine_text: MachineText | None = None,
) -> Document:
    """Read everything the index needs from `record`; problems are collected, not raised."""
    problems: list[str] = []
    bodies: list[str] = []
    machine: list[str] = []
    for item in record.transcripts:
        text, problem = transcript_text(item)
        (machine if item.kind is model.TranscriptKind.OCR else bodies).append(text)
        if problem:
            problems.append(problem)
    if machine_text is not None:
        machine += _recognised(record, machine_text)
    pages: list[str] = []
    if text_layer is not None:
        for scan in record.scans:
            try:
                pages += text_layer(scan.path)
            except Exception as error:  # a damaged PDF costs its text layer, not the record
                _log.info("No text layer from %s: %s", scan.path, error)
                problems.append(f"{scan.path.name}: the text layer cannot be read ({error})")
    scan_text = "\n".join(page for page in pages if page.strip())
    return Document(
        record_id=record.id,
        folder=str(record.folder),
        title=sq.normalize(record.title),
        summary=sq.normalize(record.summary),
        metadata=sq.normalize(_metadata_text(record)),
        body=sq.normalize("\n\n".join(bodies)),
        scan_text=sq.normalize(scan_text),
        date=record.date.iso() if record.date is not None else "",
        year=record.date.year if record.date is not None else None,
        collection=record.collection,
        languages=record_languages(record),
        has_text_layer=bool(scan_text),
        fingerprint=digest or fingerprint(record, machine_text),
        problems=tuple(problems),
        machine_text=sq.normalize("\n\n".join(text for text in machine if text.strip())),
    )


def _recognised(record: model.Record, machine_text: MachineText) -> list[str]:
    """The machine-read pages of the record's scans (none when the OCR cache cannot be read)."""
    pages: list[str] = []
    for scan in record.scans:
        for path in scan.images or (scan.path,):  # photos: each is read as a file of its own
            try:
                pages += machine_text.pages(path)
            except Exception as error:  # the cache is a convenience: indexed without it
                _log.info("No machine-read text of %s: %s", path, error)
    return pages


def parse_date(text: str) -> model.PartialDate | None:
    """The PartialDate of an ISO form written by `PartialDate.iso()`; None when blank or bad."""
    start, _, end = text.partition("/")
    try:
        parts = [int(part) for part in start.split("-")]
    except ValueError:
        return None
    if not parts or len(parts) > 3:
        return None
    parts += [0] * (3 - len(parts))
    return model.PartialDate(parts[0], parts[1], parts[2], parse_date(end) if end else None)
