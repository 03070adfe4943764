"""The order in which the library first lists an archive's records, without Qt.

By date, oldest first (a partial date sorts by what it has), ties by title; undated records after
them by title; records that cannot be read last. The window picks the record it opens first from
this order before the library panel itself is built.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence

from viewer.domain.folding import fold
from viewer.domain.model import Archive, BrokenRecord, Record

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


def first_record(
    archive: Archive, last_id: str, shown: Sequence[AnyRecord] | None = None
) -> AnyRecord | None:
    """The record `archive` opens on: the one read last (`last_id`), else the first readable
    record in `shown` (by default the library's first order), else the first there is."""
    last = archive.find(last_id) if last_id else None
    if last is not None:
        return last
    if shown:
        return next((r for r in shown if isinstance(r, Record)), shown[0])
    return _first_of(archive)


_found: tuple[weakref.ref[Archive] | None, AnyRecord | None] = (None, None)
"""The archive `_first_of` was last asked about (not kept alive for it), and its answer."""


def _first_of(archive: Archive) -> AnyRecord | None:
    """`_find_first(archive.records)`, found once for the same archive: its reading asks first
    (`note_first`), on its own thread, and the window's thread finds the answer kept."""
    global _found  # noqa: PLW0603  (one answer kept: the archive being opened)
    asked, answer = _found
    if asked is not None and asked() is archive:
        return answer
    answer = _find_first(archive.records)
    _found = (weakref.ref(archive), answer)
    return answer


def note_first(archive: Archive) -> None:
    """Find the record `archive` opens on (without a record read last) now, on this thread, for
    the window's thread to find it kept (100,000 records take ~30 ms)."""
    _first_of(archive)


def _find_first(records: Sequence[AnyRecord]) -> AnyRecord | None:
    """The first readable record of `library_order(records)` (else its first), without sorting
    them all: one pass, for 100,000 records as for ten."""
    # One loop, no call per record: this runs on the window's thread (100,000 in ~30 ms).
    earliest: tuple[int, int, int] | None = None
    firsts: list[Record] = []
    for record in records:
        date = record.date if isinstance(record, Record) else None
        if date is None:
            continue
        key = (date.year, date.month, date.day)
        if earliest is None or key < earliest:
            earliest, firsts = key, [record]  # type: ignore[list-item]
        elif key == earliest:
            firsts.append(record)  # type: ignore[arg-type]
    if firsts:
        return min(firsts, key=lambda r: title_key(r.title))
    readable: Sequence[AnyRecord] = [r for r in records if isinstance(r, Record)] or records
    return min(readable, key=lambda r: title_key(r.title)) if readable else None


def same_record(shown: AnyRecord, before: Archive, after: Archive) -> AnyRecord | None:
    """The record of `after` (the archive read again) that `shown` (of `before`) is now: the
    one with its id, else the one in its folder when that folder was its own and holds one
    record still (its id changed); None when it is gone. A plain folder's records share their
    folder: another of them is not this one."""
    found = after.find(shown.id)
    if found is not None:
        return found

    def in_folder(archive: Archive) -> list[AnyRecord]:
        records: list[AnyRecord] = []
        for record in archive.records:
            if record.folder == shown.folder:
                records.append(record)
                if len(records) > 1:
                    break
        return records

    now = in_folder(after)
    return now[0] if len(now) == 1 and len(in_folder(before)) == 1 else None
