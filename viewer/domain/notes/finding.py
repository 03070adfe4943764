"""Finding notes by their words: every word of a query (case and accents ignored) in a note's
words, tags, quotation, or its record's title, id or archive."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.domain import folding
from viewer.domain.notes.store import Note


def searchable(note: Note) -> str:
    """Everything a note is found by, folded (case and accents ignored)."""
    quote = note.anchor.quote if note.anchor is not None else ""
    parts = [note.text, quote, " ".join(note.tags), note.key.title, note.key.record]
    parts.append(note.key.archive)
    return folding.fold(" ".join(parts)).casefold()


class NoteIndex:
    """Notes with their searchable text folded once, to be found again at every keystroke."""

    def __init__(self, notes: Sequence[Note]) -> None:
        self._notes = [(note, searchable(note)) for note in notes]

    def __len__(self) -> int:
        return len(self._notes)

    def find(self, query: str) -> list[Note]:
        """The notes holding every word of `query`, in their order (all of them for none)."""
        words = folding.fold(query).casefold().split()
        return [note for note, text in self._notes if all(word in text for word in words)]
