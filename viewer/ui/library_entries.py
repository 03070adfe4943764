"""The library's rows as values: a record's title, date and keys computed once; groups; orders."""

from __future__ import annotations

import enum
import gc
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from viewer.domain.folding import fold
from viewer.domain.model import BrokenRecord, PartialDate, Record
from viewer.domain.ordering import date_key, title_key
from viewer.services import dates

AnyRecord = Record | BrokenRecord

LIST_IN_BACKGROUND_ABOVE = 500
"""More records than this are prepared for the list on a thread of their own: a thousand take
~20 ms of the window's time on a slow machine, 100,000 seconds, which would freeze the window
(and trip the kiosk's watchdog)."""
FETCH_ROWS = 200
"""Rows the ungrouped list gives its view at a time, more as the reader scrolls down: the
view walks every row it is given, in Python, ~10 ms per thousand."""

TITLE, DATE, ID = range(3)
HEADERS = (
    QT_TRANSLATE_NOOP("LibraryModel", "Title"),
    QT_TRANSLATE_NOOP("LibraryModel", "Date"),
    QT_TRANSLATE_NOOP("LibraryModel", "ID"),
)
"""Column titles in English; translated when shown."""
UNDATED = "undated"
BROKEN_GROUP = "broken"
NO_COLLECTION = "no-collection"
"""Keys of the groups that are not a year, decade or collection (shown translated)."""


class GroupBy(enum.Enum):
    """How the library groups its records."""

    NONE = "None"
    COLLECTION = "Collection"
    YEAR = "Year"
    DECADE = "Decade"


GROUP_BY_LABELS = {
    GroupBy.NONE: QT_TRANSLATE_NOOP("LibraryPanel", "None"),
    GroupBy.COLLECTION: QT_TRANSLATE_NOOP("LibraryPanel", "Collection"),
    GroupBy.YEAR: QT_TRANSLATE_NOOP("LibraryPanel", "Year"),
    GroupBy.DECADE: QT_TRANSLATE_NOOP("LibraryPanel", "Decade"),
}


def undated_text() -> str:
    """The word "Undated", translated."""
    return QCoreApplication.translate("LibraryModel", "Undated")


@dataclass(slots=True)
class Entry:
    """A record with everything sorting, filtering and showing it needs, computed once."""

    record: AnyRecord
    title: str
    date_text: str
    dated: bool
    date_key: tuple[int, int, int]
    title_key: str
    haystack: str
    collection: str
    year: int | None

    @classmethod
    def of(
        cls, record: AnyRecord, undated: str | None = None, written: Written | None = None
    ) -> Entry:
        """The entry of `record`; `undated` is `undated_text()` and `written` the texts of the
        dates met before, when many records are listed at once (`entries_of`)."""
        if isinstance(record, BrokenRecord):
            title = QCoreApplication.translate(
                "LibraryModel", "{title} — Cannot be read: {reason}"
            ).format(title=record.title, reason=record.reason)
            return cls(
                record=record,
                title=title,
                date_text="",
                dated=False,
                date_key=(0, 0, 0),
                title_key=title_key(record.title),
                haystack=fold(f"{title} {record.id} {record.folder.name}").casefold(),
                collection="",
                year=None,
            )
        date = record.date
        if undated is None:
            undated = undated_text()
        if date is None:
            date_text, iso, long_date = undated, "", ""
        elif written is not None and date in written:
            date_text, iso, long_date = written[date]
        else:
            date_text, iso, long_date = dates.short(date), date.iso(), dates.long(date)
            if written is not None:
                written[date] = (date_text, iso, long_date)
        return cls(
            record=record,
            title=record.title,
            date_text=date_text,
            dated=date is not None,
            date_key=date_key(record),
            title_key=title_key(record.title),
            haystack=fold(f"{record.title} {record.id} {iso} {long_date} {date_text}").casefold(),
            collection=record.collection,
            year=date.year if date is not None else None,
        )

    @property
    def broken(self) -> bool:
        return isinstance(self.record, BrokenRecord)

    def take(self, other: Entry) -> None:
        """Become `other` (a record listed unread, read since), where the row is: the lists
        sorted, filtered and grouped hold this same entry."""
        for name in Entry.__slots__:
            setattr(self, name, getattr(other, name))

    def tooltip(self) -> str:
        """The row's tooltip: the title, the date in full and the ID; or why it is unreadable."""
        record = self.record
        if isinstance(record, BrokenRecord):
            return QCoreApplication.translate(
                "LibraryModel", "{folder}\nCannot be read: {reason}"
            ).format(folder=record.folder, reason=record.reason)
        long_date = dates.long(record.date) if record.date is not None else undated_text()
        return f"{record.title}\n{long_date} · {record.id}"


Written = dict[PartialDate, tuple[str, str, str]]
"""A date's short, ISO and long texts."""
FREEZE_EVERY = 2_000
"""Entries made on the listing thread between two `gc.freeze()` calls."""


def entries_of(
    records: Sequence[AnyRecord], *, freeze: bool = False, before: Sequence[Entry] = ()
) -> list[Entry]:
    """The entries of `records`, each date written once however many records share it.

    `freeze`: the entries live as long as the list: keep the cycle collector from walking them
    again as they are made (its passes over 100,000 of them hold the interpreter lock, and so
    the window, for a tenth of a second and more, whichever thread makes them). `before`: the
    entries listed until now, of the same records in the same order but those changed since:
    those of the same records are kept (a new one each would hold both lists at once).
    """
    undated = undated_text()
    written: Written = {}
    entries = []
    kept = before if len(before) == len(records) else ()
    for at, record in enumerate(records):
        if kept and kept[at].record is record:
            entries.append(kept[at])
            continue
        entries.append(Entry.of(record, undated, written))
        if freeze and len(entries) % FREEZE_EVERY == 0:
            gc.freeze()
    return entries


@dataclass(slots=True)
class Group:
    key: str
    """The year, decade or collection; or one of UNDATED, BROKEN_GROUP, NO_COLLECTION."""
    label: str
    entries: list[Entry] = field(default_factory=list)


def group_key(entry: Entry, group_by: GroupBy) -> str:
    if entry.broken:
        return BROKEN_GROUP
    if group_by is GroupBy.COLLECTION:
        return entry.collection or NO_COLLECTION
    if entry.year is None:
        return UNDATED
    if group_by is GroupBy.DECADE:
        return str(entry.year // 10 * 10)
    return str(entry.year)


def make_groups(shown: list[Entry], group_by: GroupBy, *, latest_first: bool) -> list[Group]:
    """The groups of `shown` (in their order within each): years and decades in order (the
    latest first if `latest_first`), collections by name; then those of none, undated and
    unreadable records."""
    by_key: dict[str, Group] = {}
    labels = special_labels()
    decade = QCoreApplication.translate("LibraryModel", "{decade}s")
    for entry in shown:
        key = group_key(entry, group_by)
        group = by_key.get(key)
        if group is None:
            if key in labels:
                label = labels[key]
            elif group_by is GroupBy.DECADE:
                label = decade.format(decade=key)
            else:
                label = key
            group = by_key[key] = Group(key, label)
        group.entries.append(entry)
    special = {BROKEN_GROUP: 3, UNDATED: 2, NO_COLLECTION: 1}
    if group_by is GroupBy.COLLECTION:
        regular = sorted(
            (g for g in by_key.values() if g.key not in special),
            key=lambda g: fold(g.label).casefold(),
        )
    else:
        regular = sorted(
            (g for g in by_key.values() if g.key not in special),
            key=lambda g: g.key,
            reverse=latest_first,
        )
    rest = sorted((g for g in by_key.values() if g.key in special), key=lambda g: special[g.key])
    return regular + rest


def special_labels() -> dict[str, str]:
    """The shown labels of the groups that are not a year, decade or collection."""
    translate = QCoreApplication.translate
    return {
        BROKEN_GROUP: translate("LibraryModel", "Cannot be read"),
        UNDATED: undated_text(),
        NO_COLLECTION: translate("LibraryModel", "No collection"),
    }


def sorted_entries(entries: list[Entry], column: int, order: Qt.SortOrder) -> list[Entry]:
    """`entries` sorted by title, date (undated, then unreadable last) or ID."""
    # By date ascending, this is `ordering.library_order`: the window opens its first record.
    descending = order == Qt.SortOrder.DescendingOrder
    # Sorted by one key, then stably by the one before it: a key of one value compares faster
    # than a pair of them (100,000 rows in half the time).
    if column == DATE:
        dated = [e for e in entries if e.dated]
        dated = _sorted(dated, lambda e: e.title_key, descending)
        dated = _sorted(dated, lambda e: e.date_key, descending)
        undated = _sorted(
            [e for e in entries if not e.dated and not e.broken], lambda e: e.title_key
        )
        broken = _sorted([e for e in entries if e.broken], lambda e: e.title_key)
        return dated + undated + broken
    if column == ID:
        return _sorted(entries, lambda e: e.record.id, descending)
    ordered = _sorted(entries, lambda e: e.record.id, descending)
    return _sorted(ordered, lambda e: e.title_key, descending)


SORT_RUN = 10_000
"""Entries sorted in one call: a sort's comparisons hold the interpreter lock until it ends
(100,000 entries ~150 ms, during which the window's thread cannot run); longer lists are sorted
in runs of this many and merged, which lets the lock go."""


def _sorted(
    entries: list[Entry], key: Callable[[Entry], Any], descending: bool = False
) -> list[Entry]:
    """`entries` sorted by `key`, stably, as `sorted` would, in runs of `SORT_RUN`."""
    if len(entries) <= SORT_RUN:
        return sorted(entries, key=key, reverse=descending)
    runs = [
        sorted(entries[start : start + SORT_RUN], key=key, reverse=descending)
        for start in range(0, len(entries), SORT_RUN)
    ]
    # Stable: of equal keys, the entry of the earlier run comes first, as in one sort.
    return list(heapq.merge(*runs, key=key, reverse=descending))


def filter_terms(text: str) -> list[str]:
    """The words of a filter, case- and diacritics-folded ("Ёлка" -> ["елка"])."""
    return fold(text).casefold().split()
