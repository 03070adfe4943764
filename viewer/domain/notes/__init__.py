"""The reader's own layer: notes on records, bookmarks on scan pages and highlights of transcript
passages, with tags, kept per user in an SQLite file (`store.NoteStore`), never in the archive.

Pure Python: the window (`ui/notes_feature.py`) and the tests use the same store.
"""

from viewer.domain.notes.anchor import TextAnchor, anchor_at, find_anchor
from viewer.domain.notes.store import (
    Note,
    NotesError,
    NoteStore,
    NotesUnavailableError,
    NotesUnwritableError,
    Place,
    ReadingList,
    RecordKey,
    default_path,
    record_key,
)

__all__ = [
    "Note",
    "NoteStore",
    "NotesError",
    "NotesUnavailableError",
    "NotesUnwritableError",
    "Place",
    "ReadingList",
    "RecordKey",
    "TextAnchor",
    "anchor_at",
    "default_path",
    "find_anchor",
    "record_key",
]
