"""The full-text search index of an archive: SQLite FTS5, one file per archive.

Markers: snippets and marked titles hold `HIGHLIGHT_START` (U+E000) before and `HIGHLIGHT_END`
(U+E001) after each matched passage, and `ELLIPSIS` where text was cut; see docs/search.md.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import logging
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, Protocol

from viewer.domain import model
from viewer.domain import search_query as sq
from viewer.domain import search_source as source
from viewer.domain.search_query import ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START, parse_query

__all__ = [
    "ELLIPSIS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "SCHEMA_VERSION",
    "SHIPPED_INDEX_NAME",
    "FacetCounts",
    "Filters",
    "FtsUnavailableError",
    "Hit",
    "IndexCancelledError",
    "IndexLocation",
    "IndexProblem",
    "IndexReadOnlyError",
    "IndexStats",
    "IndexUnavailableError",
    "SearchBackend",
    "SearchError",
    "SearchIndex",
    "SearchResults",
    "cache_index_path",
    "check_fts5",
    "choose_location",
    "export_index",
    "parse_query",
]

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""The index layout this code writes (`PRAGMA user_version`); older files are migrated."""
SHIPPED_INDEX_NAME = "index.sqlite"
"""A prebuilt index an archive may carry at its root."""
COLUMN_WEIGHTS = (10.0, 5.0, 2.0, 1.0, 1.0)
"""bm25 weights of title, summary, other metadata, transcripts and scan text layers."""
BATCH = 200
"""Records written per transaction while indexing (progress is reported per batch)."""

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class SearchError(Exception):
    """A known condition that keeps search from working; the message says what to do."""


class FtsUnavailableError(SearchError):
    """The SQLite library has no FTS5, so nothing can be indexed or searched."""


class IndexUnavailableError(SearchError):
    """An index file cannot be opened or read (corrupt, locked, unreadable, too new)."""


class IndexReadOnlyError(SearchError):
    """An index opened read-only (a shipped, prebuilt one) was asked to change."""


class IndexCancelledError(SearchError):
    """Indexing was stopped before it finished; what was written so far is kept."""


def check_fts5() -> None:
    """Raise FtsUnavailableError unless this Python's SQLite can create FTS5 tables."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='{sq.TOKENIZER}')")
    except sqlite3.OperationalError as error:
        raise FtsUnavailableError(
            f"Search is not available: the SQLite library in use ({sqlite3.sqlite_version}) "
            f"was built without full-text search (FTS5): {error}. Use a Python build whose "
            "sqlite3 module includes FTS5 (python.org and most Linux distributions do)."
        ) from error
    finally:
        connection.close()


@dataclass(frozen=True)
class IndexLocation:
    """Where an index file is and how it is opened; a shipped index is always read-only."""

    path: Path
    read_only: bool = False


@dataclass(frozen=True)
class Filters:
    """Facet choices narrowing a search; None means "any"."""

    year: int | None = None
    decade: int | None = None
    language: str | None = None
    collection: str | None = None
    has_text_layer: bool | None = None

    def is_empty(self) -> bool:
        """True when nothing is narrowed."""
        return self == Filters()


@dataclass(frozen=True)
class Hit:
    """One matching record, as a result list shows it."""

    record_id: str
    title: str
    title_marked: str
    date: model.PartialDate | None
    snippet: str
    match_count: int
    score: float


@dataclass(frozen=True)
class FacetCounts:
    """How many matching records each facet value holds, most frequent first."""

    decades: tuple[tuple[int, int], ...] = ()
    years: tuple[tuple[int, int], ...] = ()
    languages: tuple[tuple[str, int], ...] = ()
    collections: tuple[tuple[str, int], ...] = ()
    with_text_layer: int = 0
    without_text_layer: int = 0


@dataclass(frozen=True)
class SearchResults:
    """The answer to one query: the best hits, how many records match in all, facet counts."""

    query: sq.Query
    filters: Filters
    total: int
    hits: tuple[Hit, ...]
    facets: FacetCounts = field(default_factory=FacetCounts)
    seconds: float = 0.0


@dataclass(frozen=True)
class IndexProblem:
    """A record that could not be indexed, or indexed without some of its text, and why."""

    folder: Path
    reason: str
    record_id: str = ""


@dataclass(frozen=True)
class IndexStats:
    """What one update did."""

    path: Path
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    problems: tuple[IndexProblem, ...] = ()
    seconds: float = 0.0
    read_only: bool = False


class SearchBackend(Protocol):
    """The seam between the viewer and a search engine: SQLite here, a server some day."""

    def search(
        self, query: str | sq.Query, filters: Filters = ..., limit: int = ..., offset: int = ...
    ) -> SearchResults:
        """The best `limit` hits after `offset`, the total and facet counts."""

    def update(
        self,
        archive: model.Archive,
        text_layer: source.TextLayer | None = ...,
        progress: ProgressCallback | None = ...,
        cancelled: CancelCheck | None = ...,
    ) -> IndexStats:
        """Bring the index up to date with `archive`, re-reading only changed records."""

    def problems(self) -> tuple[IndexProblem, ...]:
        """Records that could not be indexed, or only in part, with the reason."""

    def close(self) -> None:
        """Release the index."""


class _Facet(NamedTuple):
    year: int | None
    collection: str
    languages: tuple[str, ...]
    has_text_layer: bool


def _create_v1(connection: sqlite3.Connection) -> None:
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    connection.executescript(
        f"""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records(
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
        );
        CREATE TABLE broken(folder TEXT PRIMARY KEY, record_id TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE documents(
            rowid INTEGER PRIMARY KEY, title, summary, metadata, body, scan_text
        );
        CREATE VIRTUAL TABLE fts USING fts5(
            title, summary, metadata, body, scan_text,
            content='documents', content_rowid='rowid', tokenize='{sq.TOKENIZER}',
            prefix='2'
        );
        INSERT INTO fts(fts, rank) VALUES('rank', 'bm25({weights})');
        """
    )


_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _create_v1}
"""Step i brings a file from user_version i-1 to i."""


def _migrate(connection: sqlite3.Connection) -> None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    for target in range(version + 1, SCHEMA_VERSION + 1):
        _log.info("Migrating search index to schema %d", target)
        with connection:
            _MIGRATIONS[target](connection)
            connection.execute(f"PRAGMA user_version = {target}")


def _connect(location: IndexLocation) -> sqlite3.Connection:
    """Open the file: read-only and immutable for a shipped index, WAL for a cache."""
    if location.read_only:
        uri = location.path.resolve().as_uri() + "?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        location.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(location.path, timeout=10.0, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -32000")
    connection.execute("PRAGMA temp_store = MEMORY")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        connection.close()
        raise IndexUnavailableError(
            f"The search index {location.path} was written by a newer version of the viewer "
            f"(schema {version}, this one reads {SCHEMA_VERSION})."
        )
    if version < SCHEMA_VERSION:
        if location.read_only:
            connection.close()
            raise IndexUnavailableError(
                f"The search index {location.path} has an old layout (schema {version}) and "
                "cannot be upgraded because it is read-only."
            )
        _migrate(connection)
    return connection


class SearchIndex:
    """The FTS5 index of one archive; one instance, and connection, per thread."""

    def __init__(self, connection: sqlite3.Connection, location: IndexLocation) -> None:
        self._db = connection
        self.location = location
        self._facets: dict[int, _Facet] = {}
        self._load_facets()

    @classmethod
    def open(cls, location: IndexLocation) -> SearchIndex:
        """Open (creating or migrating a cache index) the index at `location`."""
        check_fts5()
        try:
            return cls(_connect(location), location)
        except sqlite3.DatabaseError as error:
            if location.read_only or not location.path.exists():
                raise IndexUnavailableError(
                    f"The search index {location.path} cannot be opened: {error}."
                ) from error
        # A cache index is disposable: a damaged one is rebuilt rather than reported.
        _log.warning("Search index %s is damaged; rebuilding it", location.path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(location.path) + suffix).unlink(missing_ok=True)
        try:
            return cls(_connect(location), location)
        except sqlite3.DatabaseError as error:
            raise IndexUnavailableError(
                f"The search index {location.path} cannot be created: {error}."
            ) from error

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the thread that opened it must call this)."""
        self._db.close()

    def _load_facets(self) -> None:
        self._facets = {
            rowid: _Facet(year, collection, tuple(languages.split()), bool(text_layer))
            for rowid, year, collection, languages, text_layer in self._db.execute(
                "SELECT rowid, year, collection, languages, has_text_layer FROM records"
            )
        }

    def record_count(self) -> int:
        """How many records the index holds."""
        return len(self._facets)

    # Searching

    def search(
        self,
        query: str | sq.Query,
        filters: Filters = Filters(),
        limit: int = 50,
        offset: int = 0,
    ) -> SearchResults:
        """The best `limit` hits after `offset`, the number of matches and facet counts."""
        started = time.perf_counter()
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.is_empty:
            return SearchResults(parsed, filters, 0, ())
        expression = parsed.match_expression()
        try:
            matched = [row[0] for row in self._db.execute(_MATCH_ROWIDS, (expression,))]
            if filters.is_empty():
                allowed = matched
                # FTS5 sorts by `rank` itself and cuts snippets only for the rows returned;
                # prefixes are expanded once.
                rows = self._db.execute(_RANKED, (*_MARKERS, expression, limit, offset)).fetchall()
                ranked = [(row[0], float(row[1])) for row in rows]
                details = {row[0]: (str(row[2]), str(row[3]), str(row[4])) for row in rows}
            else:
                allowed = self._narrow(matched, filters)
                ranked = self._rank_among(expression, allowed, limit, offset)
                details = self._details(expression, ranked)
            facets = self._count_facets(allowed)
            hits = self._hits(ranked, details)
        except sqlite3.OperationalError as error:
            raise IndexUnavailableError(f"The search index cannot be read: {error}.") from error
        return SearchResults(
            parsed, filters, len(allowed), hits, facets, time.perf_counter() - started
        )

    def _rank_among(
        self, expression: str, allowed: list[int], limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """The best of `allowed` (narrowed by facets), scored by the same bm25."""
        if not allowed:
            return []
        keep = set(allowed)
        scored = [row for row in self._db.execute(_SCORED, (expression,)) if row[0] in keep]
        return heapq.nsmallest(offset + limit, scored, key=lambda row: row[1])[offset:]

    def _narrow(self, rowids: list[int], filters: Filters) -> list[int]:
        facets = self._facets
        kept = []
        for rowid in rowids:
            facet = facets.get(rowid)
            if facet is None:
                continue
            year = facet.year
            if filters.year is not None and year != filters.year:
                continue
            if filters.decade is not None and (year is None or year // 10 * 10 != filters.decade):
                continue
            if filters.language is not None and filters.language not in facet.languages:
                continue
            if filters.collection is not None and facet.collection != filters.collection:
                continue
            if (
                filters.has_text_layer is not None
                and facet.has_text_layer != filters.has_text_layer
            ):
                continue
            kept.append(rowid)
        return kept

    def _count_facets(self, rowids: list[int]) -> FacetCounts:
        # Facet rows repeat (a few hundred distinct ones), so count them in C, then expand.
        facets = self._facets
        distinct = Counter(facets[rowid] for rowid in rowids if rowid in facets)
        years: Counter[int] = Counter()
        collections: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        with_layer = without_layer = 0
        for facet, count in distinct.items():
            if facet.year is not None:
                years[facet.year] += count
            if facet.collection:
                collections[facet.collection] += count
            for code in facet.languages:
                languages[code] += count
            if facet.has_text_layer:
                with_layer += count
            else:
                without_layer += count
        decades: Counter[int] = Counter()
        for year, count in years.items():
            decades[year // 10 * 10] += count
        return FacetCounts(
            decades=tuple(sorted(decades.items())),
            years=tuple(sorted(years.items())),
            languages=tuple(languages.most_common()),
            collections=tuple(collections.most_common()),
            with_text_layer=with_layer,
            without_text_layer=without_layer,
        )

    def _details(
        self, expression: str, ranked: list[tuple[int, float]]
    ) -> dict[int, tuple[str, str, str]]:
        """Marked title, snippet and marked texts of each ranked row."""
        # One lookup per row: "rowid IN (...)" would make FTS5 walk every match again.
        details = {}
        for rowid, _ in ranked:
            row = self._db.execute(_DETAILS, (*_MARKERS, expression, rowid, rowid)).fetchone()
            if row is not None:
                details[rowid] = (str(row[1]), str(row[2]), str(row[3]))
        return details

    def _hits(
        self, ranked: list[tuple[int, float]], details: dict[int, tuple[str, str, str]]
    ) -> tuple[Hit, ...]:
        """The hits in rank order, with their records' titles and dates."""
        if not ranked:
            return ()
        rowids = ",".join(str(int(rowid)) for rowid, _ in ranked)
        records = {row[0]: row[1:] for row in self._db.execute(_RECORDS.format(rowids=rowids))}
        hits = []
        for rowid, score in ranked:
            if rowid not in details or rowid not in records:
                continue
            title_marked, snippet, marked = details[rowid]
            record_id, title, date = records[rowid]
            hits.append(
                Hit(
                    record_id=record_id,
                    title=title,
                    title_marked=title_marked,
                    date=source.parse_date(date),
                    snippet=snippet,
                    match_count=max(1, sq.count_markers(marked) + sq.count_markers(title_marked)),
                    score=-score,
                )
            )
        return tuple(hits)

    # Indexing

    def update(
        self,
        archive: model.Archive,
        text_layer: source.TextLayer | None = None,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> IndexStats:
        """Bring the index up to date with `archive`, re-reading only changed records."""
        if self.location.read_only:
            raise IndexReadOnlyError(
                f"The search index {self.location.path} is read-only (shipped with the archive)."
            )
        started = time.perf_counter()
        stored = {
            record_id: (rowid, digest)
            for rowid, record_id, digest in self._db.execute(
                "SELECT rowid, record_id, fingerprint FROM records"
            )
        }
        current: dict[str, tuple[model.Record, str]] = {}
        broken: list[IndexProblem] = []
        for record in archive.records:
            if isinstance(record, model.BrokenRecord):
                broken.append(IndexProblem(record.folder, record.reason, record.id))
            elif record.id in current:
                reason = f"Another record already has the id {record.id!r}; this one is skipped."
                broken.append(IndexProblem(record.folder, reason, record.id))
            else:
                current[record.id] = (record, source.fingerprint(record))
        removed = [rowid for record_id, (rowid, _) in stored.items() if record_id not in current]
        work = [
            (record, digest, stored.get(record.id, (None, ""))[0])
            for record, digest in current.values()
            if stored.get(record.id, (None, ""))[1] != digest
        ]
        total = len(work)
        if progress is not None:
            progress(0, total)
        self._write(lambda: self._delete(removed))
        done = 0
        for batch in _chunks(work, BATCH):
            if cancelled is not None and cancelled():
                raise IndexCancelledError(f"Indexing stopped after {done} of {total} records.")
            documents = [
                (source.document(record, text_layer, digest), old) for record, digest, old in batch
            ]
            self._write(functools.partial(self._store, documents))
            done += len(batch)
            if progress is not None:
                progress(done, total)
        self._write(lambda: self._replace_broken(broken))
        if total > max(1000, len(current) // 4):
            self._write(lambda: self._db.execute("INSERT INTO fts(fts) VALUES('optimize')"))
        updated = sum(1 for _, _, old in work if old is not None)
        return IndexStats(
            path=self.location.path,
            added=total - updated,
            updated=updated,
            removed=len(removed),
            unchanged=len(current) - total,
            problems=self.problems(),
            seconds=time.perf_counter() - started,
        )

    def _write(self, action: Callable[[], object]) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                action()
            except BaseException:
                self._db.execute("ROLLBACK")
                self._load_facets()
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as error:
            raise IndexUnavailableError(
                f"The search index {self.location.path} cannot be written: {error}."
            ) from error

    def _delete(self, rowids: Sequence[int]) -> None:
        for rowid in rowids:
            row = self._db.execute(
                "SELECT title, summary, metadata, body, scan_text FROM documents WHERE rowid = ?",
                (rowid,),
            ).fetchone()
            if row is not None:
                folded = [sq.fold(value or "") for value in row]
                self._db.execute(
                    "INSERT INTO fts(fts, rowid, title, summary, metadata, body, scan_text) "
                    "VALUES('delete', ?, ?, ?, ?, ?, ?)",
                    (rowid, *folded),
                )
            self._db.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))
            self._db.execute("DELETE FROM records WHERE rowid = ?", (rowid,))
            self._facets.pop(rowid, None)

    def _store(self, documents: list[tuple[source.Document, int | None]]) -> None:
        self._delete([old for _, old in documents if old is not None])
        for doc, _ in documents:
            cursor = self._db.execute(
                "INSERT INTO records(record_id, folder, title, date, year, collection, "
                "languages, has_text_layer, fingerprint, problems) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.record_id,
                    doc.folder,
                    doc.title,
                    doc.date,
                    doc.year,
                    doc.collection,
                    " ".join(doc.languages),
                    int(doc.has_text_layer),
                    doc.fingerprint,
                    "\n".join(doc.problems),
                ),
            )
            rowid = cursor.lastrowid
            assert rowid is not None
            self._facets[rowid] = _Facet(
                doc.year, doc.collection, doc.languages, doc.has_text_layer
            )
            texts = (doc.title, doc.summary, doc.metadata, doc.body, doc.scan_text)
            self._db.execute(
                "INSERT INTO documents(rowid, title, summary, metadata, body, scan_text) "
                "VALUES(?, ?, ?, ?, ?, ?)",
                (rowid, *texts),
            )
            self._db.execute(
                "INSERT INTO fts(rowid, title, summary, metadata, body, scan_text) "
                "VALUES(?, ?, ?, ?, ?, ?)",
                (rowid, *(sq.fold(text) for text in texts)),
            )

    def _replace_broken(self, broken: list[IndexProblem]) -> None:
        self._db.execute("DELETE FROM broken")
        self._db.executemany(
            "INSERT OR REPLACE INTO broken(folder, record_id, reason) VALUES(?, ?, ?)",
            [(str(p.folder), p.record_id, p.reason) for p in broken],
        )

    def problems(self) -> tuple[IndexProblem, ...]:
        """Broken records of the archive and records indexed without some text, with reasons."""
        found = [
            IndexProblem(Path(folder), reason, record_id)
            for folder, record_id, reason in self._db.execute(
                "SELECT folder, record_id, reason FROM broken ORDER BY folder"
            )
        ]
        for folder, record_id, problems in self._db.execute(
            "SELECT folder, record_id, problems FROM records WHERE problems != '' ORDER BY folder"
        ):
            found += [
                IndexProblem(Path(folder), reason, record_id) for reason in problems.split("\n")
            ]
        return tuple(found)

    def is_current(self, archive: model.Archive) -> bool:
        """True when the index holds exactly the archive's records, none changed since."""
        stored = dict(self._db.execute("SELECT record_id, fingerprint FROM records"))
        records = archive.good_records()
        if len(stored) != len(records):
            return False
        return all(stored.get(r.id) == source.fingerprint(r) for r in records)

    def optimize(self) -> None:
        """Merge the index into one segment: smaller and faster to query (seconds to run)."""
        self._write(lambda: self._db.execute("INSERT INTO fts(fts) VALUES('optimize')"))

    def export(self, destination: Path) -> None:
        """Write a compact, self-contained copy to ship with an archive (`index.sqlite`)."""
        destination.unlink(missing_ok=True)
        self._db.execute("VACUUM INTO ?", (str(destination),))
        copy = sqlite3.connect(destination)
        try:
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()


_WEIGHTS = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
_MARKERS = (HIGHLIGHT_START, HIGHLIGHT_END, HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS)
_MATCH_ROWIDS = "SELECT rowid FROM fts WHERE fts MATCH ?"
# bm25() with explicit weights ranks faster than the configured `rank` column.
_SCORED = f"SELECT rowid, bm25(fts, {_WEIGHTS}) FROM fts WHERE fts MATCH ?"
_RANKED = (
    "SELECT rowid, rank, highlight(fts, 0, ?, ?), snippet(fts, -1, ?, ?, ?, 16), "
    "highlight(fts, 3, char(57344), '') || highlight(fts, 4, char(57344), '') "
    "FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
)
# Snippets are cut only for the rows shown; the match count is the highlights in the body.
_DETAILS = (
    "SELECT rowid, highlight(fts, 0, ?, ?), snippet(fts, -1, ?, ?, ?, 16), "
    "highlight(fts, 3, char(57344), '') || highlight(fts, 4, char(57344), '') "
    "FROM fts WHERE fts MATCH ? AND rowid >= ? AND rowid <= ?"
)
_RECORDS = "SELECT rowid, record_id, title, date FROM records WHERE rowid IN ({rowids})"


def _chunks(
    items: list[tuple[model.Record, str, int | None]], size: int
) -> Iterator[list[tuple[model.Record, str, int | None]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def cache_index_path(root: Path, cache_dir: Path | None = None) -> Path:
    """Where the index of the archive at `root` lives in the user's cache directory."""
    if cache_dir is None:
        basedir = os.environ.get("ARCHIVE_VIEWER_BASEDIR")
        if basedir:
            cache_dir = Path(basedir) / "cache"
        else:
            xdg = os.environ.get("XDG_CACHE_HOME")
            cache_dir = (Path(xdg) if xdg else Path.home() / ".cache") / "archive-viewer"
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir / "index" / f"{key[:24]}.sqlite"


def choose_location(
    archive: model.Archive, cache_dir: Path | None = None, trust_shipped: bool = False
) -> IndexLocation:
    """The index to use: the archive's own when current (or unchangeable), else the cache's.

    A shipped `index.sqlite` is used read-only when its fingerprints match the archive, when
    the archive folder cannot be written (read-only media), or when `trust_shipped` (kiosks).
    Walks the archive's files: call it from a worker thread.
    """
    shipped = archive.root / SHIPPED_INDEX_NAME
    if shipped.is_file():
        location = IndexLocation(shipped, read_only=True)
        try:
            with SearchIndex.open(location) as index:
                if trust_shipped or not os.access(archive.root, os.W_OK):
                    return location
                if index.is_current(archive):
                    return location
                _log.info("Shipped index %s is out of date; using the cache", shipped)
        except SearchError as error:
            _log.warning("Shipped index %s is not usable: %s", shipped, error)
    return IndexLocation(cache_index_path(archive.root, cache_dir))


def export_index(
    archive: model.Archive,
    destination: Path,
    text_layer: source.TextLayer | None = None,
    cache_dir: Path | None = None,
) -> IndexStats:
    """Build (or update) the archive's index and write a copy to ship at `destination`."""
    with SearchIndex.open(IndexLocation(cache_index_path(archive.root, cache_dir))) as index:
        stats = index.update(archive, text_layer)
        index.optimize()
        index.export(destination)
    return stats
