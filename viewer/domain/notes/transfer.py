"""Notes carried to another machine: every note as JSON, read back without duplicates.

    {"format": "archive-viewer-notes", "version": 1, "notes": [{"uid": ..., "archive": ...,
     "record": ..., "place": "passage", "quote": ..., "text": ..., "tags": [...], ...}]}

A note keeps its `uid` wherever it goes: importing a file twice, or the export of a machine
that had imported this one's, adds only the notes this file does not hold yet.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from viewer.domain.notes.anchor import TextAnchor
from viewer.domain.notes.store import Note, NotesError, Place, RecordKey

FORMAT = "archive-viewer-notes"
VERSION = 1


class NotesFileError(NotesError):
    """A file that is not an export of notes this viewer can read; its text says why."""


def to_json(notes: Sequence[Note]) -> str:
    """`notes` as the export's JSON text."""
    rows = []
    for note in notes:
        anchor = note.anchor or TextAnchor("")
        rows.append(
            {
                "uid": note.uid,
                "archive": note.key.archive,
                "record": note.key.record,
                "title": note.key.title,
                "path": note.key.path,
                "place": note.place.value,
                "scan": note.scan,
                "page": note.page,
                "language": note.language,
                "quote": anchor.quote,
                "prefix": anchor.prefix,
                "suffix": anchor.suffix,
                "offset": anchor.offset,
                "colour": note.colour,
                "text": note.text,
                "tags": list(note.tags),
                "created": note.created,
                "modified": note.modified,
                "rects": [list(rect) for rect in note.rects],
            }
        )
    data = {"format": FORMAT, "version": VERSION, "notes": rows}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _note(row: Any) -> Note:
    if not isinstance(row, dict) or not isinstance(row.get("uid"), str) or not row["uid"]:
        raise NotesFileError("a note without its identifier (uid)")
    quote = str(row.get("quote", ""))
    anchor = (
        TextAnchor(
            quote, str(row.get("prefix", "")), str(row.get("suffix", "")), int(row.get("offset", 0))
        )
        if quote
        else None
    )
    page = row.get("page")
    return Note(
        id=0,
        key=RecordKey(
            str(row.get("archive", "")),
            str(row["record"]),
            str(row.get("path", "")),
            str(row.get("title", "")),
        ),
        place=Place(str(row.get("place", ""))),
        text=str(row.get("text", "")),
        scan=str(row.get("scan", "")),
        page=None if page is None else int(page),
        language=str(row.get("language", "")),
        anchor=anchor,
        colour=str(row.get("colour", "")),
        tags=tuple(str(t) for t in row.get("tags", ())),
        created=float(row.get("created", 0.0)),
        modified=float(row.get("modified", 0.0)),
        uid=row["uid"],
        rects=tuple(
            (float(a), float(b), float(c), float(d)) for a, b, c, d in row.get("rects") or ()
        ),
    )


def from_json(text: str) -> list[Note]:
    """The notes of an export's JSON text; NotesFileError when it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise NotesFileError(f"it is not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotesFileError("it is not an export of notes of Archive Viewer")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise NotesFileError("it was written by a newer version of the viewer")
    rows = data.get("notes")
    if not isinstance(rows, list):
        raise NotesFileError("it holds no list of notes")
    try:
        return [_note(row) for row in rows]
    except (KeyError, TypeError, ValueError) as exc:
        raise NotesFileError(f"a note in it cannot be read ({exc})") from exc
