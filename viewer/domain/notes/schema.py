"""The notes file's layout, its migrations and how it is opened.

As the search index (`domain/search/schema.py`): `PRAGMA user_version` says which layout a file
has, and `_MIGRATIONS` brings an older file up, one step per version, in one transaction. Unlike
the index, the notes file is the reader's own data, not a cache: it is never deleted or
rebuilt, and a file written by a newer viewer is opened read-only rather than changed.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
"""The layout this code writes (`PRAGMA user_version`)."""
TITLES_SINCE = 2
"""The first layout that keeps each note's record title (older files read without one)."""
LISTS_SINCE = 3
"""The first layout with reading lists (older files read as having none)."""
RECTS_SINCE = 4
"""The first layout with highlights on a scan page (older files read as having none)."""


def _create_v1(connection: sqlite3.Connection) -> None:
    statements = [
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE notes(
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            archive TEXT NOT NULL,
            record TEXT NOT NULL,
            path TEXT NOT NULL,
            place TEXT NOT NULL CHECK (place IN ('record', 'page', 'passage')),
            scan TEXT NOT NULL DEFAULT '',
            page INTEGER,
            language TEXT NOT NULL DEFAULT '',
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            offset INTEGER NOT NULL DEFAULT 0,
            colour TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            created REAL NOT NULL,
            modified REAL NOT NULL
        )""",
        "CREATE INDEX notes_by_record ON notes(archive, record)",
        """CREATE TABLE tags(
            note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (note, tag)
        ) WITHOUT ROWID""",
        "CREATE INDEX tags_by_tag ON tags(tag)",
    ]
    for statement in statements:
        connection.execute(statement)


def _titles_v2(connection: sqlite3.Connection) -> None:
    """The record's title beside each note, to name the record in the list of every note
    (notes written before have none: the list names their record by its id)."""
    connection.execute("ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT ''")


def _reading_lists_v3(connection: sqlite3.Connection) -> None:
    """Named reading lists of records, in the order the reader gives them."""
    connection.execute(
        "CREATE TABLE lists(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
        "created REAL NOT NULL)"
    )
    connection.execute(
        """CREATE TABLE list_entries(
            list INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            archive TEXT NOT NULL,
            record TEXT NOT NULL,
            path TEXT NOT NULL,
            title TEXT NOT NULL,
            PRIMARY KEY (list, archive, record)
        )"""
    )


def _scan_highlights_v4(connection: sqlite3.Connection) -> None:
    """Highlights on a scan page: a page note with the highlighted areas, as JSON
    `[[x0, y0, x1, y1], ...]` in PDF points of the page as stored (before the reader's rotation).
    A viewer of schema 3 reads such a note (read-only) as a bookmark of its page."""
    connection.execute("ALTER TABLE notes ADD COLUMN rects TEXT NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _create_v1,
    2: _titles_v2,
    3: _reading_lists_v3,
    4: _scan_highlights_v4,
}
"""Step i brings a file from user_version i-1 to i."""


class SchemaError(Exception):
    """The file cannot be used as it is (written by a newer viewer, or not a notes file)."""


def version(connection: sqlite3.Connection) -> int:
    """The file's layout version."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    connection: sqlite3.Connection,
    target: int = SCHEMA_VERSION,
    steps: dict[int, Callable[[sqlite3.Connection], None]] | None = None,
) -> None:
    """Bring the file to `target` in one transaction: all the steps or none."""
    steps = MIGRATIONS if steps is None else steps
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = version(connection)
        for step in range(current + 1, target + 1):
            _log.info("Migrating the notes file to schema %d", step)
            steps[step](connection)
        if current < target:
            connection.execute(f"PRAGMA user_version = {int(target)}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def connect_writable(path: Path) -> sqlite3.Connection:
    """The file open for reading and writing, in WAL mode, migrated to `SCHEMA_VERSION`.

    `synchronous = FULL`: in WAL mode NORMAL keeps every commit through a crash of the process
    but may lose the last ones to a power cut or a kernel crash; a note the reader was told is
    saved must survive both (one fsync of the WAL per note: well under a millisecond on an SSD).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA trusted_schema = OFF")
        found = version(connection)
        if found > SCHEMA_VERSION:
            raise SchemaError(
                f"{path} was written by a newer version of the viewer (schema {found}, this one "
                f"writes {SCHEMA_VERSION})"
            )
        if found < SCHEMA_VERSION:
            migrate(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def connect_read_only(path: Path) -> sqlite3.Connection:
    """The file open for reading only (its folder cannot be written, or a newer viewer wrote
    it). A WAL file is read with its write-ahead log when the log's shared-memory file is there
    (after a crash: the last notes are in the log); else as `immutable`, which needs neither."""
    base = path.resolve().as_uri()
    connection = _open_read_only(base + "?mode=ro")
    if connection is None:
        connection = _open_read_only(base + "?mode=ro&immutable=1")
    if connection is None:
        raise SchemaError(f"{path} cannot be read")
    if version(connection) < 1:
        connection.close()
        raise SchemaError(f"{path} is not a notes file of this viewer")
    return connection


def _open_read_only(uri: str) -> sqlite3.Connection | None:
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        version(connection)
    except sqlite3.Error:
        connection.close()
        return None
    return connection
