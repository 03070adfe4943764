"""An open index file and what is kept in memory about it, shared by reading and updates."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from typing import NamedTuple

from viewer.domain.search import facets, schema, values


class Matches(NamedTuple):
    """The records a MATCH expression finds (before facet filters), in index order."""

    rowids: list[int]
    uninformative: bool | None
    """Every word is in at least half the records (bm25 clamps its IDF); None: not known yet."""


class Connection:
    """One connection to an index file (one per thread) with its caches.

    Matches and facet counts of recent queries are kept until the file changes; the facet row
    and the number of every record are kept current by updates made through this connection,
    and dropped when another connection changed the file (`check_fresh`).
    """

    def __init__(self, db: sqlite3.Connection, location: values.IndexLocation) -> None:
        self.db = db
        self.location = location
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        self.machine_column = version >= schema.MACHINE_TEXT_SINCE
        """The file has a column of machine-read text (an older read-only one has not)."""
        self.matches: OrderedDict[str, Matches] = OrderedDict()
        self.facet_counts: OrderedDict[tuple[str, values.Filters], values.FacetCounts] = (
            OrderedDict()
        )
        self._facets: facets.FacetTable | None = None
        self._record_count: int | None = None
        self._data_version = self._current_data_version()

    def _current_data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def clear_cache(self) -> None:
        """Forget the matches and facet counts kept for recent queries."""
        self.matches.clear()
        self.facet_counts.clear()

    def forget_records(self) -> None:
        """Forget everything kept about the records (the file changed under us)."""
        self.clear_cache()
        self._facets = None
        self._record_count = None

    def check_fresh(self) -> None:
        """Drop what is cached when another connection (an IndexJob) has changed the file."""
        version = self._current_data_version()
        if version != self._data_version:
            self._data_version = version
            self.forget_records()

    def facet_rows(self) -> facets.FacetTable:
        """The facet row of every record (read once, then kept current)."""
        if self._facets is None:
            self._facets = facets.FacetTable(
                (rowid, facets.row_facet(year, collection, languages, text_layer, machine))
                for rowid, year, collection, languages, text_layer, machine in self.db.execute(
                    facets.select_rows(self.machine_column)
                )
            )
            self._record_count = len(self._facets.kinds)
        return self._facets

    def record_count(self) -> int:
        """How many records the index holds."""
        if self._record_count is None:
            self._record_count = int(self.db.execute("SELECT count(*) FROM records").fetchone()[0])
        return self._record_count

    def record_added(self, rowid: int, facet: facets.Facet) -> None:
        """Keep the facet rows and count current after a record was written."""
        if self._facets is not None:
            self._facets.add(rowid, facet)
        if self._record_count is not None:
            self._record_count += 1

    def record_removed(self, rowid: int) -> None:
        """Keep the facet rows and count current after a record was deleted."""
        if self._facets is not None:
            self._facets.kinds.pop(rowid, None)
        if self._record_count is not None:
            self._record_count -= 1
