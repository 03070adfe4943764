"""The order in which the library first lists an archive's records, without Qt.

By date, oldest first (a partial date sorts by what it has), ties by title; undated records after
them by title; records that cannot be read last. The window picks the record it opens first from
this order before the library panel itself is built.
"""

from __future__ import annotations

from collections.abc import Iterable

from viewer.domain.folding import fold
from viewer.domain.model import BrokenRecord, Record

AnyRecord = Record | BrokenRecord


def title_key(title: str) -> str:
    """How titles compare: case and diacritics ignored."""
    return fold(title).casefold()


def date_key(record: Record) -> tuple[int, int, int]:
    """How dates compare: (year, month, day), an unknown part as 0."""
    date = record.date
    return (date.year, date.month, date.day) if date is not None else (0, 0, 0)


def library_order(records: Iterable[AnyRecord]) -> list[AnyRecord]:
    """`records` in the library's first order (by date, then undated, then unreadable)."""
    dated: list[Record] = []
    undated: list[Record] = []
    broken: list[BrokenRecord] = []
    for record in records:
        if isinstance(record, BrokenRecord):
            broken.append(record)
        elif record.date is not None:
            dated.append(record)
        else:
            undated.append(record)
    dated.sort(key=lambda r: (date_key(r), title_key(r.title)))
    undated.sort(key=lambda r: title_key(r.title))
    broken.sort(key=lambda r: title_key(r.title))
    return [*dated, *undated, *broken]
