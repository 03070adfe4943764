"""The reader's notes, bookmarks and highlights in one SQLite file in their data folder.

Every change is its own transaction, committed before the call returns (WAL, `synchronous =
FULL`: `schema.connect_writable`): a note the reader was told is saved survives a crash of the
viewer or of the machine. A note belongs to a record by the archive's own title and the record's
id (`RecordKey`), not by a path: an archive copied to another disk, or a folder renamed, still
shows its notes; the folder it was last seen in is kept beside them as a hint.

A file that cannot be written (a read-only data folder, a full disk, a file written by a newer
viewer) is still read: the notes saved are shown, and each change that cannot be saved raises
`NotesUnwritableError`, which says why, leaving what was saved as it was.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer import paths
from viewer.domain.model import Archive, BrokenRecord, Record
from viewer.domain.notes import schema
from viewer.domain.notes.anchor import TextAnchor

_log = logging.getLogger(__name__)

FILE_NAME = "notes.sqlite3"


def default_path() -> Path:
    """The notes file in the user's data folder (moved by `--basedir`)."""
    return paths.data_dir() / FILE_NAME


class NotesError(Exception):
    """A known problem with the notes file; its text says what and what to do."""


class NotesUnavailableError(NotesError):
    """The notes file can be neither written nor read: there are no notes in this session."""


class NotesUnwritableError(NotesError):
    """A change could not be saved (a read-only folder, a full disk); nothing saved is lost."""


class Place(enum.Enum):
    """What a note is attached to."""

    RECORD = "record"
    PAGE = "page"
    """A page of a scan: a bookmark (with or without words of its own), or a highlight of areas
    of the page when the note has `rects`."""
    PASSAGE = "passage"
    """A passage of a transcript: a highlight (with or without words of its own)."""


@dataclass(frozen=True)
class RecordKey:
    """Which record a note belongs to, wherever its archive is now."""

    archive: str
    """The archive's own title ("" for a document opened on its own)."""
    record: str
    """The record's id in its archive (a document's file name when opened on its own)."""
    path: str = field(default="", compare=False)
    """Where the record was when the note was made: a hint, not part of the key."""
    title: str = field(default="", compare=False)
    """The record's title when the note was made (to name it where it is not open)."""


def record_key(archive: Archive | None, record: Record | BrokenRecord) -> RecordKey:
    """The key of `record`, a record of `archive` (None: a PDF or image opened on its own)."""
    title = record.title
    if archive is None:
        name = record.scans[0].path.name if isinstance(record, Record) and record.scans else ""
        return RecordKey("", name or record.id, str(record.folder), title)
    return RecordKey(archive.title, record.id, str(record.folder), title)


Rect = tuple[float, float, float, float]
"""An area of a scan page in PDF points: x0, y0, x1, y1."""


def rects_text(rects: Sequence[Rect]) -> str:
    """Areas as kept in the file: JSON, to a tenth of a point ("" for none)."""
    if not rects:
        return ""
    return json.dumps([[round(v, 1) for v in rect] for rect in rects], separators=(",", ":"))


def rects_of(text: str) -> tuple[Rect, ...]:
    """Areas from their text in the file (none when it is empty or not readable)."""
    if not text:
        return ()
    try:
        return tuple((float(a), float(b), float(c), float(d)) for a, b, c, d in json.loads(text))
    except (ValueError, TypeError):
        return ()


@dataclass(frozen=True)
class ReadingList:
    """A named list of records ("Chapter 3") in the order the reader gives them."""

    id: int
    name: str


@dataclass(frozen=True)
class Note:
    """One note: where it is attached, its words and tags."""

    id: int
    key: RecordKey
    place: Place
    text: str = ""
    scan: str = ""
    """The scan's file name (a record may have several), for a page or a passage's page."""
    page: int | None = None
    """The scan page, from 0: a bookmark's page, or the page a passage was found on."""
    language: str = ""
    """The transcript's language, for a passage."""
    anchor: TextAnchor | None = None
    colour: str = ""
    """The highlight's colour (`#rrggbb`), for a passage."""
    tags: tuple[str, ...] = ()
    created: float = 0.0
    modified: float = 0.0
    uid: str = field(default="", compare=False)
    """The same note on every machine its export is imported on."""
    rects: tuple[Rect, ...] = ()
    """A highlight on a scan page: its areas, in PDF points of the page (x0, y0, x1, y1: the
    page as stored, before the reader's rotation, at any zoom); its words are the quotation."""

    @property
    def on_scan(self) -> bool:
        """Whether this is a highlight on a scan page (not a bookmark)."""
        return self.place is Place.PAGE and bool(self.rects)


_COLUMNS = (
    "id, uid, archive, record, path, place, scan, page, language, quote, prefix, suffix, "
    "offset, colour, text, created, modified, title, rects"
)
_COLUMNS_V3 = _COLUMNS.replace(", rects", ", '' AS rects")
"""What is read from a file of layouts 2 and 3 (read-only: not migrated)."""
_COLUMNS_V1 = _COLUMNS_V3.replace(", title", ", '' AS title")
"""What is read from a file of the first layout (read-only: not migrated)."""
_MARKS = ", ".join("?" * 18)
_PLACE_ORDER = {Place.RECORD: 0, Place.PAGE: 1, Place.PASSAGE: 2}


def listing_order(note: Note) -> tuple[int, int, int, float]:
    """Where a note comes among its record's: on the record, then bookmarks by page, then
    passages in the order of the text, each in the order they were made."""
    return (
        _PLACE_ORDER[note.place],
        note.page if note.page is not None else -1,
        note.anchor.offset if note.anchor is not None else 0,
        note.created,
    )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as kept: stripped, empty ones dropped, each once (whatever its case), in order."""
    seen: set[str] = set()
    kept = []
    for tag in tags:
        text = " ".join(tag.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept)


def _why_unwritable(error: sqlite3.Error, path: Path) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in str(error):
        return f"there is no room left on the disk for the notes file ({path.parent})"
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or "readonly" in str(error):
        return f"the notes file {path} cannot be written"
    if code == sqlite3.SQLITE_BUSY or "locked" in str(error):
        return f"the notes file {path} is in use by another program"
    return f"the notes file {path} cannot be written ({error})"


class NoteStore:
    """The notes file, open; one per window (its calls come from one thread at a time)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, problem: str = "") -> None:
        self._db = connection
        self._version = schema.version(connection)
        self._columns = (
            _COLUMNS
            if self._version >= schema.RECTS_SINCE
            else _COLUMNS_V3
            if self._version >= schema.TITLES_SINCE
            else _COLUMNS_V1
        )
        self.path = path
        self.problem = problem
        """Why changes cannot be saved ("" when they can)."""

    @classmethod
    def open(cls, path: Path | None = None) -> NoteStore:
        """The notes file at `path` (the user's by default), made when missing; read-only, with
        `problem` saying why, when it cannot be written; NotesUnavailableError when it can be
        neither written nor read."""
        path = path or default_path()
        unwritable = paths.unwritable(path.parent)
        if not unwritable:
            try:
                return cls(schema.connect_writable(path), path)
            except (sqlite3.Error, schema.SchemaError, OSError) as exc:
                unwritable = str(exc) if isinstance(exc, schema.SchemaError) else _why(exc, path)
        if not path.is_file():
            raise NotesUnavailableError(unwritable)
        try:
            connection = schema.connect_read_only(path)
        except (sqlite3.Error, schema.SchemaError) as exc:
            raise NotesUnavailableError(f"the notes file {path} cannot be read ({exc})") from exc
        _log.warning("notes are read-only: %s", unwritable)
        return cls(connection, path, unwritable)

    @property
    def read_only(self) -> bool:
        """Whether changes cannot be saved."""
        return bool(self.problem)

    def close(self) -> None:
        """Close the file (committed changes are in it already)."""
        self._db.close()

    @contextlib.contextmanager
    def _change(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed (and synced) on leaving, or rolled back: all or nothing."""
        if self.problem:
            raise NotesUnwritableError(self.problem)
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise NotesUnwritableError(_why_unwritable(exc, self.path)) from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise NotesUnwritableError(_why_unwritable(exc, self.path)) from exc
            raise

    # -- changes --------------------------------------------------------------------------------

    def add(
        self,
        key: RecordKey,
        place: Place,
        text: str = "",
        *,
        scan: str = "",
        page: int | None = None,
        language: str = "",
        anchor: TextAnchor | None = None,
        colour: str = "",
        tags: Sequence[str] = (),
        uid: str = "",
        created: float | None = None,
        rects: Sequence[Rect] = (),
    ) -> Note:
        """Save a new note; it is in the file when this returns (NotesUnwritableError if not)."""
        now = time.time()
        made = created if created is not None else now
        quote = anchor or TextAnchor("")
        values = (
            uid or os.urandom(16).hex(),
            key.archive,
            key.record,
            key.path,
            place.value,
            scan,
            page,
            language,
            quote.quote,
            quote.prefix,
            quote.suffix,
            quote.offset,
            colour,
            text,
            made,
            now,
            key.title,
            rects_text(rects),
        )
        kept_tags = clean_tags(tags)
        with self._change() as db:
            cursor = db.execute(
                f"INSERT INTO notes({_COLUMNS.removeprefix('id, ')}) VALUES ({_MARKS})",
                values,
            )
            note_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO tags(note, tag) VALUES (?, ?)", [(note_id, t) for t in kept_tags]
            )
        return Note(
            note_id,
            key,
            place,
            text,
            scan,
            page,
            language,
            anchor,
            colour,
            kept_tags,
            made,
            now,
            str(values[0]),
            rects_of(str(values[-1])),
        )

    def import_notes(self, notes: Sequence[Note]) -> int:
        """Add the notes this file does not hold yet (by their `uid`), all in one transaction;
        how many were added."""
        added = 0
        with self._change() as db:
            for note in notes:
                anchor = note.anchor or TextAnchor("")
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO notes({_COLUMNS.removeprefix('id, ')}) "
                    f"VALUES ({_MARKS})",
                    (
                        note.uid,
                        note.key.archive,
                        note.key.record,
                        note.key.path,
                        note.place.value,
                        note.scan,
                        note.page,
                        note.language,
                        anchor.quote,
                        anchor.prefix,
                        anchor.suffix,
                        anchor.offset,
                        note.colour,
                        note.text,
                        note.created,
                        note.modified,
                        note.key.title,
                        rects_text(note.rects),
                    ),
                )
                if cursor.rowcount:
                    added += 1
                    note_id = int(cursor.lastrowid or 0)
                    db.executemany(
                        "INSERT INTO tags(note, tag) VALUES (?, ?)",
                        [(note_id, t) for t in clean_tags(note.tags)],
                    )
        return added

    def update(
        self,
        note_id: int,
        *,
        text: str | None = None,
        tags: Sequence[str] | None = None,
        page: int | None = None,
        colour: str | None = None,
    ) -> Note | None:
        """Change a note's words, tags, page or colour; the note as saved (None: it is gone)."""
        with self._change() as db:
            sets = {"text": text, "page": page, "colour": colour}
            changed = {k: v for k, v in sets.items() if v is not None}
            assignments = "".join(f"{k} = ?, " for k in changed)
            db.execute(
                f"UPDATE notes SET {assignments}modified = ? WHERE id = ?",
                (*changed.values(), time.time(), note_id),
            )
            if tags is not None:
                db.execute("DELETE FROM tags WHERE note = ?", (note_id,))
                db.executemany(
                    "INSERT INTO tags(note, tag) VALUES (?, ?)",
                    [(note_id, t) for t in clean_tags(tags)],
                )
        return self.note(note_id)

    def delete(self, note_id: int) -> None:
        """Remove a note (its tags with it)."""
        with self._change() as db:
            db.execute("DELETE FROM notes WHERE id = ?", (note_id,))

    # -- reading lists --------------------------------------------------------------------------

    def reading_lists(self) -> list[ReadingList]:
        """The reader's reading lists, by name."""
        if self._version < schema.LISTS_SINCE:
            return []
        rows = self._db.execute("SELECT id, name FROM lists ORDER BY name COLLATE NOCASE")
        return [ReadingList(int(i), str(name)) for i, name in rows]

    def make_list(self, name: str) -> ReadingList:
        """The reading list called `name`, made when there is none."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a reading list needs a name")
        with self._change() as db:
            db.execute(
                "INSERT OR IGNORE INTO lists(name, created) VALUES (?, ?)", (name, time.time())
            )
            found = db.execute("SELECT id FROM lists WHERE name = ?", (name,)).fetchone()
        return ReadingList(int(found[0]), name)

    def delete_list(self, list_id: int) -> None:
        """Remove a reading list (its records are not touched)."""
        with self._change() as db:
            db.execute("DELETE FROM lists WHERE id = ?", (list_id,))

    def add_to_list(self, list_id: int, key: RecordKey) -> bool:
        """Put the record at the end of the list; False when it is in it already."""
        with self._change() as db:
            last = db.execute(
                "SELECT coalesce(max(position), -1) FROM list_entries WHERE list = ?", (list_id,)
            ).fetchone()[0]
            cursor = db.execute(
                "INSERT OR IGNORE INTO list_entries(list, position, archive, record, path, title) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (list_id, int(last) + 1, key.archive, key.record, key.path, key.title),
            )
        return bool(cursor.rowcount)

    def list_entries(self, list_id: int) -> list[RecordKey]:
        """The records of a reading list, in the reader's order."""
        if self._version < schema.LISTS_SINCE:
            return []
        rows = self._db.execute(
            "SELECT archive, record, path, title FROM list_entries WHERE list = ? "
            "ORDER BY position",
            (list_id,),
        )
        return [RecordKey(str(a), str(r), str(p), str(t)) for a, r, p, t in rows]

    def remove_from_list(self, list_id: int, key: RecordKey) -> None:
        """Take the record out of the list."""
        with self._change() as db:
            db.execute(
                "DELETE FROM list_entries WHERE list = ? AND archive = ? AND record = ?",
                (list_id, key.archive, key.record),
            )

    def move_in_list(self, list_id: int, key: RecordKey, step: int) -> None:
        """Move the record `step` places up (-1) or down (+1) the list."""
        entries = self.list_entries(list_id)
        where = next((i for i, e in enumerate(entries) if e == key), None)
        if where is None or not 0 <= where + step < len(entries):
            return
        entries.insert(where + step, entries.pop(where))
        with self._change() as db:
            db.executemany(
                "UPDATE list_entries SET position = ? WHERE list = ? AND archive = ? "
                "AND record = ?",
                [(n, list_id, e.archive, e.record) for n, e in enumerate(entries)],
            )

    # -- reading --------------------------------------------------------------------------------

    def note(self, note_id: int) -> Note | None:
        """The note `note_id`, if it is there."""
        found = self._notes("WHERE id = ?", (note_id,))
        return found[0] if found else None

    def notes_for(self, key: RecordKey) -> list[Note]:
        """Every note of the record: on the record, then bookmarks by page, then passages in the
        order of the text."""
        notes = self._notes("WHERE archive = ? AND record = ?", (key.archive, key.record))
        return sorted(notes, key=listing_order)

    def all_notes(self) -> list[Note]:
        """Every note in the file, by archive, record and time."""
        return self._notes("ORDER BY archive, record, created", ())

    def count(self) -> int:
        """How many notes the file holds."""
        return int(self._db.execute("SELECT count(*) FROM notes").fetchone()[0])

    def integrity(self) -> str:
        """SQLite's `integrity_check` of the file: "ok" when it is whole."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    def _notes(self, where: str, parameters: tuple[object, ...]) -> list[Note]:
        try:
            return self._read(where, parameters)
        except sqlite3.DatabaseError as exc:  # a damaged file (a disk error, a bad copy)
            raise NotesError(f"the notes file {self.path} cannot be read ({exc})") from exc

    def _read(self, where: str, parameters: tuple[object, ...]) -> list[Note]:
        rows = self._db.execute(f"SELECT {self._columns} FROM notes {where}", parameters).fetchall()
        if not rows:
            return []
        ids = [row[0] for row in rows]
        tags: dict[int, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for note_id, tag in self._db.execute(
                f"SELECT note, tag FROM tags WHERE note IN ({marks})", chunk
            ):
                tags.setdefault(note_id, []).append(tag)
        no_tags: tuple[str, ...] = ()
        return [
            _note(row, tuple(sorted(tags[row[0]], key=str.casefold)) if row[0] in tags else no_tags)
            for row in rows
        ]


def read_every_note(path: Path) -> list[Note]:
    """Every note of the file at `path`, through a read-only connection of its own (for a
    thread other than the window's, which keeps writing through its own)."""
    connection = schema.connect_read_only(path)
    try:
        return NoteStore(connection, path, "read only").all_notes()
    finally:
        connection.close()


def _why(error: BaseException, path: Path) -> str:
    if isinstance(error, sqlite3.Error):
        return _why_unwritable(error, path)
    if isinstance(error, OSError):
        return f"{path.parent} cannot be written ({error.strerror or error})"
    return str(error)


_PLACES = {place.value: place for place in Place}


def _note(row: tuple[Any, ...], tags: tuple[str, ...]) -> Note:
    """A note from its row (the columns' types are the schema's: no conversions; a thousand
    notes are read when a record is shown)."""
    (note_id, uid, archive, record, path, place, scan, page, language) = row[:9]
    (quote, prefix, suffix, offset, colour, text, created, modified, title, rects) = row[9:]
    anchor = TextAnchor(quote, prefix, suffix, offset) if quote else None
    key = RecordKey(archive, record, path, title)
    return Note(
        note_id,
        key,
        _PLACES[place],
        text,
        scan,
        page,
        language,
        anchor,
        colour,
        tags,
        created,
        modified,
        uid,
        rects_of(rects),
    )
