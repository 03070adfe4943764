"""The full-text search index of an archive: SQLite FTS5, one file per archive.

Modules: `values` (errors, filters, hits, results), `schema` (the file's layout, migrations,
opening), `facets`, `connection` (an open file and its caches), `updates` (indexing),
`reading` (queries) and `index` (`SearchIndex` and where its file lives). Callers use the
names exported here.

Markers: snippets and marked titles hold `HIGHLIGHT_START` (U+E000) before and `HIGHLIGHT_END`
(U+E001) after each matched passage, and `ELLIPSIS` where text was cut; see docs/search.md.
"""

from __future__ import annotations

from viewer.domain.search import facets, reading, schema, updates, values
from viewer.domain.search.index import (
    SHIPPED_INDEX_NAME,
    SearchIndex,
    cache_index_path,
    choose_location,
    export_index,
)
from viewer.domain.search.schema import SCHEMA_VERSION, check_fts5, disk_full, no_room
from viewer.domain.search.values import (
    CancelCheck,
    FacetCounts,
    Filters,
    FtsUnavailableError,
    Hit,
    IndexCancelledError,
    IndexLocation,
    IndexProblem,
    IndexReadOnlyError,
    IndexStats,
    IndexUnavailableError,
    ProgressCallback,
    SearchBackend,
    SearchError,
    SearchResults,
)
from viewer.domain.search_query import ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START, parse_query

__all__ = [
    "ELLIPSIS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "SCHEMA_VERSION",
    "SHIPPED_INDEX_NAME",
    "CancelCheck",
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
    "ProgressCallback",
    "SearchBackend",
    "SearchError",
    "SearchIndex",
    "SearchResults",
    "cache_index_path",
    "check_fts5",
    "choose_location",
    "disk_full",
    "export_index",
    "facets",
    "no_room",
    "parse_query",
    "reading",
    "schema",
    "updates",
    "values",
]
