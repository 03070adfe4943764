"""The index file's layout, its migrations and how it is opened."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from viewer.domain import folding
from viewer.domain import search_query as sq
from viewer.domain.search import values

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 3
"""The index layout this code writes (`PRAGMA user_version`); older files are migrated."""
MACHINE_TEXT_SINCE = 3
"""The first schema with a column of machine-read text (older ones are still searched)."""
COLUMN_WEIGHTS = (10.0, 5.0, 2.0, 1.0, 1.0, 1.0)
"""bm25 weights of title, summary, other metadata, transcripts, scan text layers and
machine-read text (schema 3 on; older files have the first five columns)."""
TEXT_COLUMNS = ("title", "summary", "metadata", "body", "scan_text", "machine_text")
"""The text columns of `documents` and `fts`, in order."""
HUMAN_COLUMNS = "{title summary metadata body scan_text}"
"""An FTS5 column filter that leaves machine-read text out."""


def check_fts5() -> None:
    """Raise FtsUnavailableError unless this Python's SQLite can create FTS5 tables."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='{sq.TOKENIZER}')")
    except sqlite3.OperationalError as error:
        raise values.FtsUnavailableError(
            f"Search is not available: the SQLite library in use ({sqlite3.sqlite_version}) "
            f"was built without full-text search (FTS5): {error}. Use a Python build whose "
            "sqlite3 module includes FTS5 (python.org and most Linux distributions do)."
        ) from error
    finally:
        connection.close()


_FTS_TABLE = (
    "CREATE VIRTUAL TABLE fts USING fts5("
    "title, summary, metadata, body, scan_text{columns}, content='documents', "
    f"content_rowid='rowid', tokenize='{sq.TOKENIZER}', prefix='{{prefix}}')"
)
_RANK_CONFIG = "INSERT INTO fts(fts, rank) VALUES('rank', 'bm25({weights})')"


def _weights(columns: int) -> str:
    return ", ".join(str(weight) for weight in COLUMN_WEIGHTS[:columns])


def _create_v1(connection: sqlite3.Connection) -> None:
    statements = [
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE records(
            rowid INTEGER PRIMARY KEY,
            record_id TEXT NOT NULL UNIQUE,
            folder TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            year INTEGER,
            collection TEXT NOT NULL,
            languages TEXT NOT NULL,
            has_text_layer INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            problems TEXT NOT NULL
        )""",
        "CREATE TABLE broken("
        "folder TEXT PRIMARY KEY, record_id TEXT NOT NULL, reason TEXT NOT NULL)",
        "CREATE TABLE documents("
        "rowid INTEGER PRIMARY KEY, title, summary, metadata, body, scan_text)",
        _FTS_TABLE.format(columns="", prefix="2"),
        _RANK_CONFIG.format(weights=_weights(5)),
    ]
    for statement in statements:
        connection.execute(statement)


def _prefix_v2(connection: sqlite3.Connection) -> None:
    """Index 3-character prefixes too: `sov*` no longer merges every word beginning "sov"."""
    connection.create_function("viewer_fold", 1, folding.fold, deterministic=True)
    connection.execute("DROP TABLE fts")
    connection.execute(_FTS_TABLE.format(columns="", prefix="2 3"))
    connection.execute(_RANK_CONFIG.format(weights=_weights(5)))
    # The index holds the folded text of `documents` (docs/search.md): 'rebuild' would not do.
    connection.execute(
        "INSERT INTO fts(rowid, title, summary, metadata, body, scan_text) "
        "SELECT rowid, viewer_fold(title), viewer_fold(summary), viewer_fold(metadata), "
        "viewer_fold(body), viewer_fold(scan_text) FROM documents"
    )


def _machine_text_v3(connection: sqlite3.Connection) -> None:
    """A column of its own for machine-read (OCR) text, and a mark on records that have some.

    Records whose fingerprint takes in machine-read text (a transcript of kind "ocr", scans
    recognised by the OCR process) get a new fingerprint, so the next update re-reads them
    and moves that text into the new column.
    """
    connection.create_function("viewer_fold", 1, folding.fold, deterministic=True)
    connection.execute("ALTER TABLE documents ADD COLUMN machine_text NOT NULL DEFAULT ''")
    connection.execute("ALTER TABLE records ADD COLUMN has_machine_text INTEGER NOT NULL DEFAULT 0")
    connection.execute("DROP TABLE fts")
    connection.execute(_FTS_TABLE.format(columns=", machine_text", prefix="2 3"))
    connection.execute(_RANK_CONFIG.format(weights=_weights(6)))
    connection.execute(
        "INSERT INTO fts(rowid, title, summary, metadata, body, scan_text, machine_text) "
        "SELECT rowid, viewer_fold(title), viewer_fold(summary), viewer_fold(metadata), "
        "viewer_fold(body), viewer_fold(scan_text), '' FROM documents"
    )


_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _create_v1,
    2: _prefix_v2,
    3: _machine_text_v3,
}
"""Step i brings a file from user_version i-1 to i."""
_READABLE_SINCE = 1
"""The oldest schema searched read-only as it is (schema 2 only made prefix queries faster,
schema 3 added machine-read text, which older files do not have)."""


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring the file to SCHEMA_VERSION in one transaction (another thread may be trying too)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        for target in range(version + 1, SCHEMA_VERSION + 1):
            _log.info("Migrating search index to schema %d", target)
            _MIGRATIONS[target](connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def disk_full(error: BaseException) -> bool:
    """Whether `error` is SQLite's "database or disk is full" (no room left, not damage)."""
    return isinstance(error, sqlite3.Error) and (
        getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or "database or disk is full" in str(error)
    )


def no_room(path: Path) -> values.IndexUnavailableError:
    """The error for a cache index that ran out of disk space; its files are removed (a cache
    is disposable, and a half-written journal would only take more of the space)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(str(path) + suffix).unlink(missing_ok=True)
        except OSError:
            _log.warning("cannot remove %s%s", path, suffix)
    return values.IndexUnavailableError(
        f"There is no room left on the disk for the search index ({path.parent}); search is "
        "off until space is freed"
    )


def connect(location: values.IndexLocation) -> sqlite3.Connection:
    """Open the file: read-only and immutable for a shipped index, WAL for a cache."""
    if location.read_only:
        uri = location.path.resolve().as_uri() + "?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        location.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(location.path, timeout=10.0, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    # A shipped index comes with the archive: its schema (views, triggers) may only use SQL
    # functions that cannot harm, whoever wrote it.
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cache_size = -32000")
    connection.execute("PRAGMA temp_store = MEMORY")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        connection.close()
        raise values.IndexUnavailableError(
            f"The search index {location.path} was written by a newer version of the viewer "
            f"(schema {version}, this one reads {SCHEMA_VERSION})."
        )
    if version < SCHEMA_VERSION and not location.read_only:
        _migrate(connection)
    elif version < _READABLE_SINCE:
        connection.close()
        raise values.IndexUnavailableError(
            f"The search index {location.path} has an old layout (schema {version}) and "
            "cannot be upgraded because it is read-only."
        )
    return connection
