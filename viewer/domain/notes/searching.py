"""The archive search finding the reader's notes: a query of the search box (`search_query`)
matched against the words, tags and quotation of every note of one archive.

The notes file is the reader's data and changes at any moment; the search index is a cache
rebuilt from the archive's files. So notes are not copied into the index: `NoteFinder` reads
them from the notes file through a read-only connection of its own, on the search thread, and
keeps their folded words until the file changes (`PRAGMA data_version`: any commit of the
window's connection). A note saved is found by the next query; a query over 1,000 notes of an
archive costs ~1 ms once they are kept (`benchmarks/notes.py`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from viewer.domain import folding
from viewer.domain import search_query as sq
from viewer.domain.notes import schema

_WORD = re.compile(r"\w+")
_SNIPPET = 60
"""Characters of a note's words shown either side of its first match."""


@dataclass(frozen=True)
class NoteMatch:
    """The note of a record that a query matches (its first, when several do)."""

    note_id: int
    snippet: str
    """The note's words (or its quotation, or tags) around the match, the matches marked with
    `search_query.HIGHLIGHT_START` and `HIGHLIGHT_END`."""
    count: int = 1
    """How many of the record's notes match."""


@dataclass(frozen=True)
class _Kept:
    note_id: int
    record: str
    text: str
    """Words, quotation and tags, as shown."""
    words: tuple[str, ...]
    """`text`'s words, folded (case and accents ignored), as the index tokenizes them."""
    present: frozenset[str]


def words_of(text: str) -> tuple[str, ...]:
    """The words of `text` as the search compares them: folded, case ignored."""
    return tuple(_WORD.findall(folding.fold(text).casefold()))


Test = Callable[[tuple[str, ...], frozenset[str]], bool]
"""Whether a text of these words (in order, and as a set) is matched."""


def _phrase_test(phrase: sq.Phrase) -> Test:
    wanted = words_of(phrase.text)
    if not wanted:
        return lambda _words, _set: False
    size, head, last = len(wanted), wanted[:-1], wanted[-1]
    if size == 1 and not phrase.prefix:
        return lambda _words, present: last in present
    if size == 1:
        return lambda _words, present: any(word.startswith(last) for word in present)

    def test(words: tuple[str, ...], present: frozenset[str]) -> bool:
        if not present.issuperset(head):
            return False
        for start in range(len(words) - size + 1):
            if words[start : start + size - 1] != head:
                continue
            end = words[start + size - 1]
            if end == last or (phrase.prefix and end.startswith(last)):
                return True
        return False

    return test


def compile_query(node: sq.Node) -> Test:
    """The test of the query `node` (its words, phrases, prefixes, OR and NOT as the archive
    search takes them), made once for every note it is tried on."""
    if isinstance(node, sq.Phrase):
        return _phrase_test(node)
    if isinstance(node, sq.All):
        tests = [compile_query(item) for item in node.items]
        return lambda words, present: all(test(words, present) for test in tests)
    if isinstance(node, sq.Any):
        tests = [compile_query(item) for item in node.items]
        return lambda words, present: any(test(words, present) for test in tests)
    include, exclude = compile_query(node.include), compile_query(node.exclude)
    return lambda words, present: include(words, present) and not exclude(words, present)


def matches(node: sq.Node, words: tuple[str, ...]) -> bool:
    """Whether text of these words is found by the query `node`."""
    return compile_query(node)(words, frozenset(words))


def _pattern(query: sq.Query) -> re.Pattern[str] | None:
    """The query's phrases as one expression over folded, lower-case text."""
    alternatives = []
    for phrase in query.phrases():
        words = words_of(phrase.text)
        if words:
            body = r"\W+".join(re.escape(word) for word in words)
            alternatives.append(rf"\b{body}" + (r"\w*" if phrase.prefix else r"\b"))
    return re.compile("|".join(alternatives)) if alternatives else None


def _spans(text: str, query: sq.Query, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    folded = folding.fold(text).lower()
    if len(folded) != len(text):  # a letter folded to two: the index's own rules
        return sq.find_in_text(text, query)
    return [m.span() for m in pattern.finditer(folded)] if pattern is not None else []


def snippet(text: str, query: sq.Query, pattern: re.Pattern[str] | None = None) -> str:
    """`text` around its first match, matches marked (the whole of a short text)."""
    spans = _spans(text, query, pattern if pattern is not None else _pattern(query))
    start = max(0, spans[0][0] - _SNIPPET) if spans else 0
    end = min(len(text), (spans[0][1] if spans else 0) + _SNIPPET)
    if not spans:
        end = min(len(text), 2 * _SNIPPET)
    pieces = []
    at = start
    for first, last in spans:
        if first < start or last > end:
            continue
        pieces += [text[at:first], sq.HIGHLIGHT_START, text[first:last], sq.HIGHLIGHT_END]
        at = last
    pieces.append(text[at:end])
    cut = " ".join("".join(pieces).split())
    return (sq.ELLIPSIS if start else "") + cut + (sq.ELLIPSIS if end < len(text) else "")


class NoteFinder:
    """The notes of one archive, found by archive search queries (one thread's connection)."""

    def __init__(self, path: Path, archive: str) -> None:
        self.path = path
        self.archive = archive
        self._db: sqlite3.Connection | None = None
        self._version: int | None = None
        self._kept: list[_Kept] = []

    def close(self) -> None:
        """Close the connection (the thread that used it must call this)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _notes(self) -> list[_Kept]:
        """The archive's notes, read again when the file changed since they were read."""
        if self._db is None:
            if not self.path.is_file():
                return []
            self._db = schema.connect_read_only(self.path)
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._version = version
            self._kept = self._read(self._db)
        return self._kept

    def _read(self, db: sqlite3.Connection) -> list[_Kept]:
        tags: dict[int, list[str]] = {}
        for note_id, tag in db.execute(
            "SELECT t.note, t.tag FROM tags AS t JOIN notes AS n ON n.id = t.note "
            "WHERE n.archive = ?",
            (self.archive,),
        ):
            tags.setdefault(note_id, []).append(tag)
        kept = []
        for note_id, record, text, quote in db.execute(
            "SELECT id, record, text, quote FROM notes WHERE archive = ? ORDER BY modified DESC",
            (self.archive,),
        ):
            shown = " · ".join(p for p in (text, quote, " ".join(tags.get(note_id, ()))) if p)
            if shown:
                words = words_of(shown)
                kept.append(_Kept(note_id, record, shown, words, frozenset(words)))
        return kept

    def find(self, query: str | sq.Query) -> dict[str, NoteMatch]:
        """Record id -> its note the query matches (the latest changed first); {} for an empty
        query. A notes file that cannot be read finds nothing (the Notes panel says why)."""
        parsed = sq.parse_query(query) if isinstance(query, str) else query
        if parsed.root is None:
            return {}
        try:
            notes = self._notes()
        except (sqlite3.Error, schema.SchemaError):
            self.close()
            return {}
        test, pattern = compile_query(parsed.root), _pattern(parsed)
        found: dict[str, NoteMatch] = {}
        for note in notes:
            if not test(note.words, note.present):
                continue
            known = found.get(note.record)
            if known is not None:
                found[note.record] = NoteMatch(known.note_id, known.snippet, known.count + 1)
            else:
                found[note.record] = NoteMatch(note.note_id, snippet(note.text, parsed, pattern))
        return found
