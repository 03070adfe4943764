"""`SearchIndex`, the SQLite index of one archive, and where its file is."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from viewer.domain import model
from viewer.domain import search_query as sq
from viewer.domain import search_source as source
from viewer.domain.search import reading, schema, updates, values
from viewer.domain.search.connection import Connection

_log = logging.getLogger(__name__)

SHIPPED_INDEX_NAME = "index.sqlite"
"""A prebuilt index an archive may carry at its root."""


class SearchIndex:
    """The FTS5 index of one archive; one instance, and connection, per thread."""

    def __init__(self, connection: sqlite3.Connection, location: values.IndexLocation) -> None:
        self._index = Connection(connection, location)
        self._db = connection
        self.location = location

    @classmethod
    def open(cls, location: values.IndexLocation) -> SearchIndex:
        """Open (creating or migrating a cache index) the index at `location`."""
        schema.check_fts5()
        try:
            return cls(schema.connect(location), location)
        except sqlite3.DatabaseError as error:
            if schema.disk_full(error) and not location.read_only:
                raise schema.no_room(location.path) from error
            if location.read_only or not location.path.exists():
                raise values.IndexUnavailableError(
                    f"The search index {location.path} cannot be opened: {error}."
                ) from error
        # A cache index is disposable: a damaged one is rebuilt rather than reported.
        _log.warning("Search index %s is damaged; rebuilding it", location.path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(location.path) + suffix).unlink(missing_ok=True)
        try:
            return cls(schema.connect(location), location)
        except sqlite3.DatabaseError as error:
            raise values.IndexUnavailableError(
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

    def clear_cache(self) -> None:
        """Forget the matches and facet counts kept for recent queries."""
        self._index.clear_cache()

    def record_count(self) -> int:
        """How many records the index holds."""
        return self._index.record_count()

    # Searching

    def search(
        self,
        query: str | sq.Query,
        filters: values.Filters = values.Filters(),  # noqa: B008 - frozen value
        limit: int = 50,
        offset: int = 0,
        notes: values.NoteHits | None = None,
    ) -> values.SearchResults:
        """The best `limit` hits after `offset`, the number of matches and facet counts;
        `notes`: the records whose notes the query finds (`reading.search`)."""
        return reading.search(self._index, query, filters, limit, offset, notes)

    def record_ids(
        self,
        query: str | sq.Query,
        filters: values.Filters = values.Filters(),  # noqa: B008 - frozen value
        notes: values.NoteHits | None = None,
    ) -> list[str]:
        """The id of every record matching, in the order `search` lists them (for an export)."""
        return reading.record_ids(self._index, query, filters, notes)

    # Indexing

    def update(
        self,
        archive: model.Archive,
        text_layer: source.TextLayer | None = None,
        progress: values.ProgressCallback | None = None,
        cancelled: values.CancelCheck | None = None,
        machine_text: source.MachineText | None = None,
    ) -> values.IndexStats:
        """Bring the index up to date with `archive`, re-reading only changed records (and
        those whose scans' machine-read text changed, when `machine_text` is given)."""
        return updates.update(self._index, archive, text_layer, progress, cancelled, machine_text)

    def update_records(
        self,
        archive: model.Archive,
        record_ids: Iterable[str],
        text_layer: source.TextLayer | None = None,
        machine_text: source.MachineText | None = None,
    ) -> values.IndexStats:
        """Re-index the records with these ids, known to have changed, been added or removed.

        Nothing else of the archive is looked at on disk: for a change the caller saw (a file
        watcher, an edit made in the viewer). `archive` must hold the records as they are now;
        an id it no longer has is removed from the index.
        """
        return updates.update_records(self._index, archive, record_ids, text_layer, machine_text)

    def problems(self) -> tuple[values.IndexProblem, ...]:
        """Broken records of the archive and records indexed without some text, with reasons."""
        return updates.problems(self._index)

    def is_current(self, archive: model.Archive) -> bool:
        """True when the index holds exactly the archive's records, none changed since."""
        return updates.is_current(self._index, archive)

    def optimize(self) -> None:
        """Merge the index into one segment: smaller and faster to query (seconds to run)."""
        updates.write(
            self._index, lambda: self._db.execute("INSERT INTO fts(fts) VALUES('optimize')")
        )

    def export(self, destination: Path) -> None:
        """Write a compact, self-contained copy to ship with an archive (`index.sqlite`)."""
        updates.export(self._index, destination)


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
) -> values.IndexLocation:
    """The index to use: the archive's own when current (or unchangeable), else the cache's.

    A shipped `index.sqlite` is used read-only when its fingerprints match the archive, when
    the archive folder cannot be written (read-only media), or when `trust_shipped` (kiosks).
    Walks the archive's files: call it from a worker thread.
    """
    shipped = archive.root / SHIPPED_INDEX_NAME
    if shipped.is_file():
        location = values.IndexLocation(shipped, read_only=True)
        try:
            with SearchIndex.open(location) as index:
                if trust_shipped or not os.access(archive.root, os.W_OK):
                    return location
                if index.is_current(archive):
                    return location
                _log.info("Shipped index %s is out of date; using the cache", shipped)
        except values.SearchError as error:
            _log.warning("Shipped index %s is not usable: %s", shipped, error)
    return values.IndexLocation(cache_index_path(archive.root, cache_dir))


def export_index(
    archive: model.Archive,
    destination: Path,
    text_layer: source.TextLayer | None = None,
    cache_dir: Path | None = None,
) -> values.IndexStats:
    """Build (or update) the archive's index and write a copy to ship at `destination`."""
    location = values.IndexLocation(cache_index_path(archive.root, cache_dir))
    with SearchIndex.open(location) as index:
        stats = index.update(archive, text_layer)
        index.optimize()
        index.export(destination)
    return stats
