"""A record's notes as Markdown: each note with its quotation, its page and the record's
citation, to paste into a draft or keep beside it.

    # Notes on Telegram from Kovalev to Stalin

    ## Passage, scan page 2

    > the railway repair was finished

    Cf. the May report.

    Tags: railways, to check

    — Kovalev to Stalin, 18 May 1949, …. Scan page 2.

Notes come in the order of the notes panel: on the record, bookmarks by page, passages in the
order of the text. A passage whose place is no longer found in the transcript says so.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from viewer.domain.model import Record
from viewer.domain.notes.store import Note, Place, RecordKey

LOST = "(its place is no longer found in the transcript)"


def _heading(note: Note, lost: bool) -> str:
    page = f"scan page {note.page + 1}" if note.page is not None else ""
    if note.place is Place.RECORD:
        return "The record"
    if note.on_scan:
        return f"Highlight on the scan, {page}"
    if note.place is Place.PAGE:
        return f"Bookmark, {page}" if page else "Bookmark"
    heading = f"Passage, {page}" if page else "Passage"
    return f"{heading} {LOST}" if lost else heading


def _quotation(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n>\n".join(f"> {line}" for line in lines if line)


def note_markdown(note: Note, citation_text: str, *, lost: bool = False, level: int = 2) -> str:
    """One note: a heading saying where it is, its quotation, its words, tags and citation."""
    parts = [f"{'#' * level} {_heading(note, lost)}"]
    if note.anchor is not None and note.anchor.quote.strip():
        parts.append(_quotation(note.anchor.quote))
    if note.text.strip():
        parts.append(note.text.strip())
    if note.tags:
        parts.append("Tags: " + ", ".join(note.tags))
    page = f"Scan page {note.page + 1}." if note.page is not None else ""
    source = " ".join(p for p in (citation_text.strip(), page) if p)
    if source:
        parts.append(f"— {source}")
    return "\n\n".join(parts)


def record_markdown(
    record: Record,
    notes: Sequence[Note],
    citation_text: str,
    *,
    lost: Collection[int] = (),
) -> str:
    """Every note of `record` as one Markdown text (`lost`: ids of passages not found)."""
    parts = [f"# Notes on {record.title}"]
    parts += [note_markdown(n, citation_text, lost=n.id in lost) for n in notes]
    return "\n\n".join(parts) + "\n"


def reading_list_markdown(
    name: str, entries: Sequence[tuple[RecordKey, Sequence[Note], str]]
) -> str:
    """A reading list as Markdown: each record in the reader's order, with its citation (or,
    for a record of an archive not open, where it is) and its notes.

    `entries`: each record's key, its notes and its citation ("" when its archive is not open).
    """
    parts = [f"# Reading list: {name}"]
    for number, (key, notes, citation_text) in enumerate(entries, start=1):
        parts.append(f"## {number}. {key.title or key.record}")
        if citation_text.strip():
            parts.append(citation_text.strip())
        else:
            where = f"{key.archive}, record {key.record}" if key.archive else key.record
            parts.append(f"({where})")
        parts += [note_markdown(n, citation_text, level=3) for n in notes]
    return "\n\n".join(parts) + "\n"
