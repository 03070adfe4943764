"""Facets: each record's year, collection, languages and kind of text, kept in memory as a few
hundred distinct rows, and the filters and counts made from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

from viewer.domain.search import values

T = TypeVar("T")


class Facet(NamedTuple):
    """The facet values of one record."""

    year: int | None
    collection: str
    languages: tuple[str, ...]
    has_text_layer: bool
    has_machine_text: bool = False


class FacetTable:
    """The facet row of every record, numbered: a few hundred distinct rows for 10,000 records."""

    def __init__(self, rows: Iterable[tuple[int, Facet]]) -> None:
        self.kinds: dict[int, int] = {}
        """rowid -> number of its facet row in `facets`"""
        self.facets: list[Facet] = []
        self._numbers: dict[Facet, int] = {}
        for rowid, facet in rows:
            self.add(rowid, facet)

    def add(self, rowid: int, facet: Facet) -> None:
        """Record the facet row of `rowid`."""
        number = self._numbers.get(facet)
        if number is None:
            number = self._numbers[facet] = len(self.facets)
            self.facets.append(facet)
        self.kinds[rowid] = number


def select_rows(machine_column: bool) -> str:
    """The columns `row_facet` reads, from every record (a file older than schema 3 has no
    machine-read text)."""
    machine = "has_machine_text" if machine_column else "0"
    return f"SELECT rowid, year, collection, languages, has_text_layer, {machine} FROM records"


def row_facet(
    year: int | None, collection: str, languages: str, text_layer: int, machine_text: int
) -> Facet:
    """The facet of a `select_rows` row."""
    return Facet(year, collection, tuple(languages.split()), bool(text_layer), bool(machine_text))


def has_machine_text(table: FacetTable) -> bool:
    """Whether any record of the index holds machine-read text."""
    return any(facet.has_machine_text for facet in table.facets)


def passes(facet: Facet, filters: values.Filters) -> bool:
    """True when a record with this facet row is kept by `filters`."""
    year = facet.year
    if filters.year is not None and year != filters.year:
        return False
    if filters.decade is not None and (year is None or year // 10 * 10 != filters.decade):
        return False
    if filters.language is not None and filters.language not in facet.languages:
        return False
    if filters.collection is not None and facet.collection != filters.collection:
        return False
    return filters.has_text_layer is None or facet.has_text_layer == filters.has_text_layer


def narrow(table: FacetTable, rowids: list[int], filters: values.Filters) -> list[int]:
    """The rows of `rowids` that `filters` keep, in order."""
    wanted = {number for number, facet in enumerate(table.facets) if passes(facet, filters)}
    kinds = table.kinds
    return [rowid for rowid in rowids if kinds.get(rowid) in wanted]


def filter_sql(filters: values.Filters) -> tuple[str, tuple[object, ...]]:
    """SQL conditions on `records AS r` equal to `narrow`'s."""
    conditions: list[str] = []
    parameters: list[object] = []
    if filters.year is not None:
        conditions.append("r.year = ?")
        parameters.append(filters.year)
    if filters.decade is not None:
        conditions.append("r.year BETWEEN ? AND ?")
        parameters += [filters.decade, filters.decade + 9]
    if filters.language is not None:
        conditions.append("instr(' ' || r.languages || ' ', ?) > 0")
        parameters.append(f" {filters.language} ")
    if filters.collection is not None:
        conditions.append("r.collection = ?")
        parameters.append(filters.collection)
    if filters.has_text_layer is not None:
        conditions.append("r.has_text_layer = ?")
        parameters.append(int(filters.has_text_layer))
    return "".join(f" AND {condition}" for condition in conditions), tuple(parameters)


def count(table: FacetTable, rowids: list[int]) -> values.FacetCounts:
    """How many of `rowids` each facet value holds."""
    # Facet rows repeat (a few hundred distinct ones): count their numbers, then expand.
    distinct = Counter(map(table.kinds.get, rowids))
    years: Counter[int] = Counter()
    collections: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    with_layer = without_layer = 0
    for number, times in distinct.items():
        if number is None:
            continue
        facet = table.facets[number]
        if facet.year is not None:
            years[facet.year] += times
        if facet.collection:
            collections[facet.collection] += times
        for code in facet.languages:
            languages[code] += times
        if facet.has_text_layer:
            with_layer += times
        else:
            without_layer += times
    decades: Counter[int] = Counter()
    for year, times in years.items():
        decades[year // 10 * 10] += times
    return values.FacetCounts(
        decades=tuple(sorted(decades.items())),
        years=tuple(sorted(years.items())),
        languages=tuple(languages.most_common()),
        collections=tuple(collections.most_common()),
        with_text_layer=with_layer,
        without_text_layer=without_layer,
    )


def _join(first: Iterable[tuple[T, int]], second: Iterable[tuple[T, int]]) -> Counter[T]:
    total: Counter[T] = Counter()
    for value, times in (*first, *second):
        total[value] += times
    return total


def added(first: values.FacetCounts, second: values.FacetCounts) -> values.FacetCounts:
    """The counts of two sets of records with none in common, together (`second`: records
    found by the reader's notes, which are not machine-read text)."""
    second_records = second.with_text_layer + second.without_text_layer
    people = first.without_machine_read
    return values.FacetCounts(
        decades=tuple(sorted(_join(first.decades, second.decades).items())),
        years=tuple(sorted(_join(first.years, second.years).items())),
        languages=tuple(_join(first.languages, second.languages).most_common()),
        collections=tuple(_join(first.collections, second.collections).most_common()),
        with_text_layer=first.with_text_layer + second.with_text_layer,
        without_text_layer=first.without_text_layer + second.without_text_layer,
        machine_read_only=first.machine_read_only,
        without_machine_read=people + second_records if people or first.machine_read_only else 0,
        with_notes=first.with_notes + second.with_notes,
    )
