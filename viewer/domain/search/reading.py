"""Queries: the records a query matches, narrowed by facets, ranked, cut into hits."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence

from viewer.domain import search_query as sq
from viewer.domain import search_source as source
from viewer.domain.search import facets, schema, values
from viewer.domain.search.connection import Connection, Matches
from viewer.domain.search_query import ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START

RANK_SAMPLE = 2000
"""Most matches ranked when bm25 has nothing to rank by (every word is in most records)."""
CACHED_MATCHES = 200_000
"""Matched record numbers kept for recent queries, so a facet choice or the next page is cheap."""
_LISTED = 2000
"""Allowed rows up to which a filtered ranking lists them instead of joining records."""
_MAX_PHRASE_COUNTS = 8
"""Phrases under OR counted at most to tell whether a query is uninformative."""

_WEIGHTS = ", ".join(str(weight) for weight in schema.COLUMN_WEIGHTS[:5])
"""bm25 weights that a file of any schema takes (a sixth column, if any, weighs 1 by default)"""
_MATCH_ROWIDS = "SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?"
_COUNT = "SELECT count(*) FROM fts WHERE fts MATCH ?"
# bm25() with explicit weights in ORDER BY ranks faster than FTS5's own `ORDER BY rank` path
# (13.5 against 17 ms over 8,800 matches), and unlike it accepts further conditions. The CROSS
# JOIN keeps fts the outer loop, so facet conditions are checked before bm25 runs on a row.
_RANK = (
    f"SELECT fts.rowid, bm25(fts, {_WEIGHTS}) FROM fts{{join}} "
    "WHERE fts MATCH ?{where} ORDER BY 2, 1 LIMIT ? OFFSET ?"
)
_UNRANKED = (
    f"SELECT fts.rowid, bm25(fts, {_WEIGHTS}) FROM fts{{join}} "
    "WHERE fts MATCH ?{where} ORDER BY 1 LIMIT ? OFFSET ?"
)
_JOIN = " CROSS JOIN records AS r ON r.rowid = fts.rowid"
_MARKERS = (HIGHLIGHT_START, HIGHLIGHT_END, HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS)
# The match count is the highlights in the body, scan text and machine-read text.
_DETAILS = (
    "SELECT rowid, highlight(fts, 0, ?, ?), snippet(fts, -1, ?, ?, ?, 16), "
    "highlight(fts, 3, char(57344), '') || highlight(fts, 4, char(57344), ''){machine} "
    "FROM fts WHERE fts MATCH ? AND rowid IN ({rowids})"
)
_MACHINE_MARKS = " || highlight(fts, 5, char(57344), '')"
_RECORDS = "SELECT rowid, record_id, title, date FROM records WHERE rowid IN ({rowids})"


def search(
    index: Connection,
    query: str | sq.Query,
    filters: values.Filters,
    limit: int,
    offset: int,
    notes: values.NoteHits | None = None,
) -> values.SearchResults:
    """The best `limit` hits after `offset`, the number of matches and facet counts.

    `notes`: the records whose notes the query finds (`domain/notes/searching.py`); those the
    index does not match come first (the reader's own words), the others are marked where they
    rank, and `filters.with_notes` keeps only them."""
    started = time.perf_counter()
    parsed = sq.parse_query(query) if isinstance(query, str) else query
    if parsed.is_empty or parsed.root is None:
        return values.SearchResults(parsed, filters, 0, ())
    expression = _expression(parsed, filters)
    try:
        index.check_fresh()
        allowed = _allowed(index, expression, filters)
        noted = _noted_rows(index, notes or {}, filters)
        matched = set(allowed)
        only = [rowid for rowid in noted if rowid not in matched]
        if filters.with_notes:
            allowed = [rowid for rowid in allowed if rowid in noted]
        human = _human_matches(index, parsed, filters, allowed)
        counts = _facets_of(index, expression, filters, allowed, human)
        if only:
            counts = facets.added(counts, facets.count(index.facet_rows(), only))
        counts = dataclasses.replace(counts, with_notes=len(noted))
        stride = 1
        if (
            not filters.with_notes
            and len(allowed) > RANK_SAMPLE
            and _uninformative(index, parsed.root, expression)
        ):
            stride = -(-len(allowed) // RANK_SAMPLE)
        if filters.by_date:
            stride = 1
            ranked = _by_date(index, allowed + only)[offset : offset + max(limit, 0)]
        else:
            ranked = [(rowid, 0.0) for rowid in only[offset : offset + max(limit, 0)]]
            ranked += _rank(
                index,
                expression,
                filters,
                allowed,
                stride,
                limit - len(ranked),
                max(0, offset - len(only)),
            )
        details = _details(index, expression, ranked)
        hits = _hits(index, ranked, details, human, noted)
    except sqlite3.OperationalError as error:
        raise values.IndexUnavailableError(f"The search index cannot be read: {error}.") from error
    return values.SearchResults(
        parsed,
        filters,
        len(allowed) + len(only),
        hits,
        counts,
        time.perf_counter() - started,
        sampled=stride > 1,
    )


def _noted_rows(
    index: Connection, notes: values.NoteHits, filters: values.Filters
) -> dict[int, tuple[int, str]]:
    """rowid -> (note id, snippet) of the records with notes found that the facets keep, in
    the notes' order."""
    if not notes:
        return {}
    ids = list(notes)
    rowids: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = index.db.execute(
            f"SELECT rowid, record_id FROM records WHERE record_id IN ({marks})", chunk
        )
        rowids.update((str(record), int(rowid)) for rowid, record in rows)
    ordered = [rowids[record] for record in ids if record in rowids]
    if filters.narrows_records():
        ordered = facets.narrow(index.facet_rows(), ordered, filters)
    records = {rowid: record for record, rowid in rowids.items()}
    return {rowid: notes[records[rowid]] for rowid in ordered}


def record_ids(
    index: Connection,
    query: str | sq.Query,
    filters: values.Filters,
    notes: values.NoteHits | None = None,
) -> list[str]:
    """The id of every record matching, in the order `search` lists them (for an export)."""
    parsed = sq.parse_query(query) if isinstance(query, str) else query
    if parsed.is_empty or parsed.root is None:
        return []
    expression = _expression(parsed, filters)
    try:
        index.check_fresh()
        allowed = _allowed(index, expression, filters)
        noted = _noted_rows(index, notes or {}, filters)
        matched = set(allowed)
        only = [rowid for rowid in noted if rowid not in matched]
        if filters.with_notes:
            allowed = [rowid for rowid in allowed if rowid in noted]
        if filters.by_date:
            ranked = _by_date(index, allowed + only)
        else:
            ranked = [(rowid, 0.0) for rowid in only]
            ranked += _rank(index, expression, filters, allowed, 1, len(allowed), 0)
        ids = dict(index.db.execute("SELECT rowid, record_id FROM records").fetchall())
    except sqlite3.OperationalError as error:
        raise values.IndexUnavailableError(f"The search index cannot be read: {error}.") from error
    return [ids[rowid] for rowid, _ in ranked if rowid in ids]


def _expression(parsed: sq.Query, filters: values.Filters) -> str:
    """The MATCH expression of the query, in every column or in those people wrote."""
    expression = parsed.match_expression()
    if filters.machine_read:
        return expression
    return f"{schema.HUMAN_COLUMNS} : ({expression})"


def _allowed(index: Connection, expression: str, filters: values.Filters) -> list[int]:
    """The rows the expression matches that the facet filters keep, in index order."""
    rowids = _matched(index, expression).rowids
    if not filters.narrows_records():
        return rowids
    return facets.narrow(index.facet_rows(), rowids, filters)


def _human_matches(
    index: Connection, parsed: sq.Query, filters: values.Filters, allowed: list[int]
) -> set[int] | None:
    """The allowed rows that match outside machine-read text; None when the index holds no
    machine-read text (every match is then outside it)."""
    if not index.machine_column or not facets.has_machine_text(index.facet_rows()):
        return None
    if not filters.machine_read:
        return set(allowed)
    human = _allowed(index, _expression(parsed, values.Filters(machine_read=False)), filters)
    return set(human)


def _by_date(index: Connection, allowed: list[int]) -> list[tuple[int, float]]:
    """(rowid, 0) of the allowed rows, oldest first, undated last, then in archive order."""
    if not allowed:
        return []
    wanted = set(allowed)
    rows = index.db.execute("SELECT rowid, date FROM records ORDER BY date = '', date, rowid")
    return [(int(rowid), 0.0) for rowid, _date in rows if rowid in wanted]


def _matched(index: Connection, expression: str) -> Matches:
    """Every record the expression matches (cached for the latest queries)."""
    cached = index.matches.get(expression)
    if cached is not None:
        index.matches.move_to_end(expression)
        return cached
    # One string of numbers parsed by json is twice as fast as a Python row per match.
    listed = index.db.execute(_MATCH_ROWIDS, (expression,)).fetchone()[0]
    matches = Matches(json.loads(f"[{listed or ''}]"), None)
    index.matches[expression] = matches
    kept = sum(len(entry.rowids) for entry in index.matches.values())
    while kept > CACHED_MATCHES and len(index.matches) > 1:
        _, dropped = index.matches.popitem(last=False)
        kept -= len(dropped.rowids)
    return matches


def _free_phrases(node: sq.Node, required: bool, absent: bool) -> Iterator[sq.Phrase]:
    """Phrases that may occur in a matching record but need not (so are counted apart).

    `required`: every matching record has the phrase (its count is at least the query's);
    `absent`: no matching record has it (an exclusion), so it adds nothing to bm25.
    """
    if isinstance(node, sq.Phrase):
        if not required and not absent:
            yield node
    elif isinstance(node, sq.All):
        for item in node.items:
            yield from _free_phrases(item, required and not absent, False)
    elif isinstance(node, sq.Any):
        for item in node.items:
            yield from _free_phrases(item, False, absent)
    else:
        yield from _free_phrases(node.include, required and not absent, False)
        yield from _free_phrases(node.exclude, False, not absent)


def _has_required_phrase(node: sq.Node) -> bool:
    if isinstance(node, sq.Phrase):
        return True
    if isinstance(node, sq.All):
        return any(_has_required_phrase(item) for item in node.items)
    if isinstance(node, sq.Without):
        return _has_required_phrase(node.include)
    return False


def _uninformative(index: Connection, root: sq.Node, expression: str) -> bool:
    """True when bm25 gives every phrase of the query the same near-zero IDF.

    FTS5's bm25 clamps the IDF of a phrase found in at least half of the records to 1e-6:
    such a query ranks by word density alone, which is not worth scoring every match for.
    """
    matches = _matched(index, expression)
    if matches.uninformative is not None:
        return matches.uninformative
    records = index.record_count()
    free = list(_free_phrases(root, required=True, absent=False))
    answer = len(free) <= _MAX_PHRASE_COUNTS
    if _has_required_phrase(root) and 2 * len(matches.rowids) < records:
        answer = False
    for phrase in free if answer else ():
        found = index.db.execute(_COUNT, (phrase.match_expression(),)).fetchone()[0]
        if 2 * int(found) < records:
            answer = False
            break
    index.matches[expression] = matches._replace(uninformative=answer)
    return answer


def _facets_of(
    index: Connection,
    expression: str,
    filters: values.Filters,
    rowids: list[int],
    human: set[int] | None,
) -> values.FacetCounts:
    """Facet counts over `rowids`, cached per query and filters; `human`: the rows matched
    outside machine-read text (None: the index holds none). Rows narrowed to those with notes
    are counted anew each time (the notes change at any moment; they are few)."""
    key = (expression, filters)
    cached = None if filters.with_notes else index.facet_counts.get(key)
    if cached is None:
        cached = facets.count(index.facet_rows(), rowids)
        if human is not None:
            people = len(human) if not filters.with_notes else len(human.intersection(rowids))
            machine_only = len(rowids) - people if filters.machine_read else 0
            cached = dataclasses.replace(
                cached, machine_read_only=machine_only, without_machine_read=people
            )
        if filters.with_notes:
            return cached
        index.facet_counts[key] = cached
        if len(index.facet_counts) > 64:
            index.facet_counts.popitem(last=False)
    return cached


def _rank(
    index: Connection,
    expression: str,
    filters: values.Filters,
    allowed: list[int],
    stride: int,
    limit: int,
    offset: int,
) -> list[tuple[int, float]]:
    """(rowid, bm25) of the hits to show, best first; bm25 runs in SQLite, never in Python.

    With a `stride` above 1 only matches whose rowid is a multiple of it are ranked; the
    other matches follow, unranked, in index order.
    """
    if not allowed or limit <= 0:
        return []
    conditions, parameters = facets.filter_sql(filters)
    join = _JOIN if conditions else ""
    if filters.with_notes or (conditions and len(allowed) <= _LISTED):
        # A few allowed rows: a list is cheaper than a records lookup per match. The "+"
        # keeps it a filter: as a rowid constraint FTS5 would run the query once per row.
        conditions = f" AND +fts.rowid IN ({','.join(str(int(row)) for row in allowed)})"
        join, parameters = "", ()
    if stride == 1:
        sql = _RANK.format(join=join, where=conditions)
        return _ranked_rows(index, sql, (expression, *parameters, limit, offset))
    sampled = sum(1 for rowid in allowed if rowid % stride == 0)
    ranked: list[tuple[int, float]] = []
    if offset < sampled:
        sql = _RANK.format(join=join, where=f"{conditions} AND fts.rowid % {stride} = 0")
        ranked = _ranked_rows(index, sql, (expression, *parameters, limit, offset))
    if len(ranked) < limit:
        sql = _UNRANKED.format(join=join, where=f"{conditions} AND fts.rowid % {stride} != 0")
        skip = max(0, offset - sampled)
        ranked += _ranked_rows(index, sql, (expression, *parameters, limit - len(ranked), skip))
    return ranked


def _ranked_rows(
    index: Connection, sql: str, parameters: Sequence[object]
) -> list[tuple[int, float]]:
    return [(int(row[0]), float(row[1])) for row in index.db.execute(sql, parameters)]


def _details(
    index: Connection, expression: str, ranked: list[tuple[int, float]]
) -> dict[int, tuple[str, str, str]]:
    """Marked title, snippet and marked texts of each ranked row."""
    if not ranked:
        return {}
    # "rowid IN (...)" seeks each listed row: only these are highlighted and cut.
    rowids = ",".join(str(int(rowid)) for rowid, _ in ranked)
    machine = _MACHINE_MARKS if index.machine_column else ""
    sql = _DETAILS.format(machine=machine, rowids=rowids)
    rows = index.db.execute(sql, (*_MARKERS, expression))
    return {row[0]: (str(row[1]), str(row[2]), str(row[3])) for row in rows}


def _hits(
    index: Connection,
    ranked: list[tuple[int, float]],
    details: dict[int, tuple[str, str, str]],
    human: set[int] | None,
    noted: dict[int, tuple[int, str]],
) -> tuple[values.Hit, ...]:
    """The hits in rank order, with their records' titles and dates; those not in `human` (when
    given) match only in machine-read text; those in `noted` carry the note found."""
    if not ranked:
        return ()
    rowids = ",".join(str(int(rowid)) for rowid, _ in ranked)
    records = {row[0]: row[1:] for row in index.db.execute(_RECORDS.format(rowids=rowids))}
    hits = []
    for rowid, score in ranked:
        note_id, note_snippet = noted.get(rowid, (None, ""))
        if (rowid not in details and note_id is None) or rowid not in records:
            continue
        title_marked, snippet, marked = details.get(rowid, ("", "", ""))
        record_id, title, date = records[rowid]
        hits.append(
            values.Hit(
                record_id=record_id,
                title=title,
                title_marked=title_marked,
                date=source.parse_date(date),
                snippet=snippet,
                match_count=max(1, sq.count_markers(marked) + sq.count_markers(title_marked)),
                score=-score,
                machine_read=human is not None and rowid not in human and rowid in details,
                note_id=note_id,
                note_snippet=note_snippet,
            )
        )
    return tuple(hits)
