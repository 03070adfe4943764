"""What the search index takes and gives: errors, locations, filters, hits, results, stats."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from viewer.domain import model
from viewer.domain import search_query as sq
from viewer.domain import search_source as source

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
    by_date: bool = False
    """List the hits oldest first (undated last) instead of best first; narrows nothing."""
    machine_read: bool = True
    """Search machine-read (OCR) text too; False leaves it out, finding only what people wrote
    or checked (metadata, transcripts, the scans' own text layers)."""
    with_notes: bool = False
    """Only the records with a note of the reader's that the query finds."""

    def is_empty(self) -> bool:
        """True when nothing is narrowed."""
        return self == Filters(by_date=self.by_date)

    def narrows_records(self) -> bool:
        """True when a facet value narrows the records matched (a year, a language...)."""
        return replace(self, by_date=False, machine_read=True) != Filters()


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
    machine_read: bool = False
    """The record matches only in machine-read (OCR) text, unchecked by a person."""
    note_id: int | None = None
    """The reader's note on the record that the query finds (None: no note does)."""
    note_snippet: str = ""
    """That note's words around the match, marked as `snippet` is."""


NoteHits = Mapping[str, tuple[int, str]]
"""The reader's notes a query finds: record id -> (the note's id, its marked snippet)."""


@dataclass(frozen=True)
class FacetCounts:
    """How many matching records each facet value holds, most frequent first."""

    decades: tuple[tuple[int, int], ...] = ()
    years: tuple[tuple[int, int], ...] = ()
    languages: tuple[tuple[str, int], ...] = ()
    collections: tuple[tuple[str, int], ...] = ()
    with_text_layer: int = 0
    without_text_layer: int = 0
    machine_read_only: int = 0
    """Records that match only in machine-read (OCR) text (0 when the index holds none)."""
    without_machine_read: int = 0
    """Records that match with machine-read text left out (when the index holds some)."""
    with_notes: int = 0
    """Records with a note of the reader's that the query finds."""


@dataclass(frozen=True)
class SearchResults:
    """The answer to one query: the best hits, how many records match in all, facet counts."""

    query: sq.Query
    filters: Filters
    total: int
    hits: tuple[Hit, ...]
    facets: FacetCounts = field(default_factory=FacetCounts)
    seconds: float = 0.0
    sampled: bool = False
    """True when every word of the query is in most records, so that bm25 ranks nothing but
    word density, and hits were ranked among an evenly spread sample of about `RANK_SAMPLE`
    matches (the rest follow in archive order); `total` and `facets` are always exact."""


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
