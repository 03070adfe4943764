"""The record list's rows of records listed before they were read (`model.UnreadRecord`), filled
in with the records read since; and letting go of many rows a piece at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer

from viewer.domain.model import UnreadRecord
from viewer.ui.library_entries import AnyRecord, Entry, Written, undated_text

FILL_ROWS = 250
"""Rows that take their records read in one turn of the event loop (~3 ms, 10 ms on a busy
machine); more wait for the next turn."""
RELEASE_ROWS = 5_000
"""Rows let go of in one turn: freeing 100,000 rows' values at once holds the window ~20 ms."""


class RowFilling:
    """The records read of an archive listed with records unread, given to its rows in order
    (the archive's reading reads its records in order: those read are the first unread ones)."""

    def __init__(self) -> None:
        self.records: Sequence[AnyRecord] = ()
        """The archive's records as read so far, in the order of the entries (none when every
        row has what they hold)."""
        self._up_to = 0
        """The entries before it hold no record listed unread that `records` has read."""
        self._written: Written = {}
        """The texts of the dates met so far."""

    def reset(self) -> None:
        """Other records are listed."""
        self.records, self._up_to, self._written = (), 0, {}

    def fill(self, entries: list[Entry], row_of: dict[str, int] | None) -> list[str]:
        """Give up to `FILL_ROWS` rows of `entries` the records read for them (their entries
        changed in place, `row_of` kept by ID); the IDs of the records given."""
        records = self.records
        if len(records) != len(entries):
            self.records = ()
            return []
        undated, written = undated_text(), self._written
        at, end = self._up_to, self._up_to + FILL_ROWS
        filled: list[str] = []
        while at < len(records) and at < end:
            record, entry = records[at], entries[at]
            if isinstance(record, UnreadRecord):
                break
            old = entry.record
            if old is not record and isinstance(old, UnreadRecord) and old.place == at:
                entry.take(Entry.of(record, undated, written))
                if row_of is not None and old.id in row_of:
                    row_of[record.id] = row_of.pop(old.id)
                filled.append(record.id)
            at += 1
        self._up_to = at
        if at >= len(records) or isinstance(records[at], UnreadRecord):
            self.records = ()  # every record read so far is in its row
        return filled


def unread_count(entries: list[Entry]) -> int:
    """How many rows still show records listed unread (the last of the archive's: they are read,
    and filled in, in order)."""
    low, high = 0, len(entries)
    while low < high:  # the first unread entry, by bisection
        middle = (low + high) // 2
        if isinstance(entries[middle].record, UnreadRecord):
            high = middle
        else:
            low = middle + 1
    return len(entries) - low


_held: list[list[Any]] = []


def release_in_pieces(lists: list[list[Any]], owner: QObject) -> None:
    """Let go of `lists` (of rows no longer shown) `RELEASE_ROWS` items a turn."""
    _held.extend(lists)
    QTimer.singleShot(1, owner, lambda: _release_some(owner))


def _release_some(owner: QObject) -> None:
    while _held and not _held[-1]:
        _held.pop()
    if _held:
        del _held[-1][-RELEASE_ROWS:]
        QTimer.singleShot(1, owner, lambda: _release_some(owner))
