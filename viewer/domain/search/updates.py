"""Indexing: records written, re-written and deleted, broken records noted, the file compacted.

An update asked to stop (`cancelled`) stops within a fraction of a second in every phase: between
records, between steps of a few thousand records' fingerprints, between transactions of at most
`BATCH` records, between steps of compaction, and inside any SQL statement (SQLite's progress
handler interrupts it). What was committed is kept; the transaction under way is rolled back.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.domain import folding, model
from viewer.domain import search_source as source
from viewer.domain.search import facets, schema, values
from viewer.domain.search.connection import Connection

BATCH = 200
"""Records written per transaction while indexing (progress is reported per batch)."""
FINGERPRINT_STEP = 2_000
"""Records whose files are looked at between two looks at `cancelled` (~10 ms)."""
MERGE_PAGES = 200
"""Pages of the full-text index merged per step of compaction (each its own transaction)."""
_PROGRESS_OPCODES = 10_000
"""SQLite looks at `cancelled` every so many virtual machine instructions (~a millisecond)."""

_COLUMNS = ", ".join(schema.TEXT_COLUMNS)
_MARKS = ", ".join("?" for _ in schema.TEXT_COLUMNS)
_TEXTS = f"SELECT {_COLUMNS} FROM documents WHERE rowid = ?"
_DELETE_TEXTS = f"INSERT INTO fts(fts, rowid, {_COLUMNS}) VALUES('delete', ?, {_MARKS})"
_INSERT_DOCUMENT = f"INSERT INTO documents(rowid, {_COLUMNS}) VALUES(?, {_MARKS})"
_INSERT_FTS = f"INSERT INTO fts(rowid, {_COLUMNS}) VALUES(?, {_MARKS})"


def update(
    index: Connection,
    archive: model.Archive,
    text_layer: source.TextLayer | None,
    progress: values.ProgressCallback | None,
    cancelled: values.CancelCheck | None,
    machine_text: source.MachineText | None = None,
) -> values.IndexStats:
    """Bring the index up to date with `archive`, re-reading only changed records."""
    _check_writable(index)
    started = time.perf_counter()
    stop = cancelled or _never
    with _interruptible(index, stop, len(archive.records)):
        if machine_text is not None:
            machine_text.refresh()
        _check(stop, 0, len(archive.records))
        stored: dict[str, str] = dict(
            index.db.execute("SELECT record_id, fingerprint FROM records")
        )
        current, broken = _sort_records(archive.records)
        records = list(current.values())
        digests = _fingerprints(records, machine_text, stop)
        work = [
            (record, digest)
            for record, digest in zip(records, digests, strict=True)
            if stored.get(record.id) != digest
        ]
        removed = [record_id for record_id in stored if record_id not in current]
        changes = _Changes(work, removed, broken, stored, len(current), started, machine_text)
        return _apply(index, changes, text_layer, progress, stop)


def _never() -> bool:
    return False


def _check(stop: values.CancelCheck, done: int, total: int) -> None:
    if stop():
        raise values.IndexCancelledError(f"Indexing stopped after {done} of {total} records.")


@contextlib.contextmanager
def _interruptible(index: Connection, stop: values.CancelCheck, total: int) -> Iterator[None]:
    """SQL statements run meanwhile are interrupted once `stop()` is true."""
    index.db.set_progress_handler(stop, _PROGRESS_OPCODES)
    try:
        yield
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
            raise values.IndexCancelledError(
                f"Indexing stopped before all {total} records were indexed."
            ) from error
        raise
    finally:
        index.db.set_progress_handler(None, 0)


def _fingerprints(
    records: list[model.Record], machine_text: source.MachineText | None, stop: values.CancelCheck
) -> list[str]:
    digests: list[str] = []
    for start in range(0, len(records), FINGERPRINT_STEP):
        _check(stop, 0, len(records))
        digests += source.fingerprints(records[start : start + FINGERPRINT_STEP], machine_text)
    return digests


def update_records(
    index: Connection,
    archive: model.Archive,
    record_ids: Iterable[str],
    text_layer: source.TextLayer | None,
    machine_text: source.MachineText | None = None,
) -> values.IndexStats:
    """Re-index the records with these ids, known to have changed, been added or removed."""
    _check_writable(index)
    started = time.perf_counter()
    wanted = set(record_ids)
    current, broken = _sort_records(archive.records)
    stored: dict[str, str] = {}
    for record_id in wanted:
        row = index.db.execute(
            "SELECT fingerprint FROM records WHERE record_id = ?", (record_id,)
        ).fetchone()
        if row is not None:
            stored[record_id] = str(row[0])
    records = [current[record_id] for record_id in sorted(wanted) if record_id in current]
    work = list(zip(records, source.fingerprints(records, machine_text), strict=True))
    removed = [record_id for record_id in stored if record_id not in current]
    changes = _Changes(work, removed, broken, stored, len(current), started, machine_text)
    return _apply(index, changes, text_layer, None, _never)


def _check_writable(index: Connection) -> None:
    if index.location.read_only:
        raise values.IndexReadOnlyError(
            f"The search index {index.location.path} is read-only (shipped with the archive)."
        )


@dataclass(frozen=True)
class _Changes:
    """What an update found to do."""

    work: list[tuple[model.Record, str]]
    """(record, fingerprint) of each record to (re-)index"""
    removed_ids: list[str]
    broken: list[values.IndexProblem]
    stored: dict[str, str]
    """fingerprint of each record the index held, by id"""
    record_count: int
    started: float
    machine_text: source.MachineText | None


def _apply(
    index: Connection,
    changes: _Changes,
    text_layer: source.TextLayer | None,
    progress: values.ProgressCallback | None,
    stop: values.CancelCheck,
) -> values.IndexStats:
    """Write the changed records, delete the removed ones and record the broken ones."""
    work, stored = changes.work, changes.stored
    total = len(work)
    if progress is not None:
        progress(0, total)
    for start in range(0, len(changes.removed_ids), BATCH):
        _check(stop, 0, total)
        removed = list(_rowids_of(index, changes.removed_ids[start : start + BATCH]).values())
        write(index, functools.partial(_delete, index, removed))
    done = 0
    for batch in _chunks(work, BATCH):
        old = _rowids_of(index, [record.id for record, _ in batch if record.id in stored])
        documents = []
        for record, digest in batch:  # a record's text layer can take a while: look each time
            _check(stop, done, total)
            document = source.document(record, text_layer, digest, changes.machine_text)
            documents.append((document, old.get(record.id)))
        write(index, functools.partial(_store, index, documents))
        done += len(batch)
        if progress is not None:
            progress(done, total)
    if changes.broken != _stored_broken(index):
        write(index, lambda: _replace_broken(index, changes.broken))
    if total > max(1000, changes.record_count // 4):
        _compact(index, stop)
    updated = sum(1 for record, _ in work if record.id in stored)
    return values.IndexStats(
        path=index.location.path,
        added=total - updated,
        updated=updated,
        removed=len(changes.removed_ids),
        unchanged=changes.record_count - total,
        problems=problems(index),
        seconds=time.perf_counter() - changes.started,
    )


def _compact(index: Connection, stop: values.CancelCheck) -> None:
    """Merge the full-text index into one segment, as FTS5's 'optimize' does, in steps of
    `MERGE_PAGES` pages (a negative 'merge' is an 'optimize' in steps), each committed: a stop
    between two keeps what was merged."""
    db = index.db
    while not stop():
        before = db.total_changes
        write(
            index,
            lambda: db.execute("INSERT INTO fts(fts, rank) VALUES('merge', ?)", (-MERGE_PAGES,)),
        )
        if db.total_changes - before < 2:  # FTS5: nothing was left to merge
            return


def _rowids_of(index: Connection, record_ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for record_id in record_ids:
        row = index.db.execute(
            "SELECT rowid FROM records WHERE record_id = ?", (record_id,)
        ).fetchone()
        if row is not None:
            found[record_id] = int(row[0])
    return found


def write(index: Connection, action: Callable[[], object]) -> None:
    """Run `action` in one write transaction; a failure leaves the file as it was."""
    db = index.db
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            action()
        except BaseException:
            if db.in_transaction:  # SQLite has rolled back itself on a full disk
                db.set_progress_handler(None, 0)  # (an update being stopped: not this one)
                db.execute("ROLLBACK")
            index.forget_records()
            raise
        db.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if schema.disk_full(error) or error.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
            raise
        raise values.IndexUnavailableError(
            f"The search index {index.location.path} cannot be written: {error}."
        ) from error
    finally:
        # Matches and counts cached before the write are stale; facet rows are kept current.
        index.clear_cache()


def _delete(index: Connection, rowids: Iterable[int]) -> None:
    db = index.db
    for rowid in rowids:
        row = db.execute(_TEXTS, (rowid,)).fetchone()
        if row is not None:
            folded = [folding.fold(value or "") for value in row]
            db.execute(_DELETE_TEXTS, (rowid, *folded))
        db.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))
        db.execute("DELETE FROM records WHERE rowid = ?", (rowid,))
        index.record_removed(rowid)


def _store(index: Connection, documents: list[tuple[source.Document, int | None]]) -> None:
    db = index.db
    _delete(index, [old for _, old in documents if old is not None])
    for doc, _ in documents:
        cursor = db.execute(
            "INSERT INTO records(record_id, folder, title, date, year, collection, "
            "languages, has_text_layer, fingerprint, problems, has_machine_text) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.record_id,
                doc.folder,
                doc.title,
                doc.date,
                doc.year,
                doc.collection,
                " ".join(doc.languages),
                int(doc.has_text_layer),
                doc.fingerprint,
                "\n".join(doc.problems),
                int(bool(doc.machine_text)),
            ),
        )
        rowid = cursor.lastrowid
        assert rowid is not None
        facet = facets.Facet(
            doc.year, doc.collection, doc.languages, doc.has_text_layer, bool(doc.machine_text)
        )
        index.record_added(rowid, facet)
        texts = (doc.title, doc.summary, doc.metadata, doc.body, doc.scan_text, doc.machine_text)
        db.execute(_INSERT_DOCUMENT, (rowid, *texts))
        db.execute(_INSERT_FTS, (rowid, *(folding.fold(text) for text in texts)))


def _stored_broken(index: Connection) -> list[values.IndexProblem]:
    return [
        values.IndexProblem(Path(folder), reason, record_id)
        for folder, record_id, reason in index.db.execute(
            "SELECT folder, record_id, reason FROM broken ORDER BY folder"
        )
    ]


def _replace_broken(index: Connection, broken: list[values.IndexProblem]) -> None:
    index.db.execute("DELETE FROM broken")
    index.db.executemany(
        "INSERT OR REPLACE INTO broken(folder, record_id, reason) VALUES(?, ?, ?)",
        [(str(p.folder), p.record_id, p.reason) for p in broken],
    )


def problems(index: Connection) -> tuple[values.IndexProblem, ...]:
    """Broken records of the archive and records indexed without some text, with reasons."""
    found = _stored_broken(index)
    for folder, record_id, reasons in index.db.execute(
        "SELECT folder, record_id, problems FROM records WHERE problems != '' ORDER BY folder"
    ):
        found += [
            values.IndexProblem(Path(folder), reason, record_id) for reason in reasons.split("\n")
        ]
    return tuple(found)


def is_current(index: Connection, archive: model.Archive) -> bool:
    """True when the index holds exactly the archive's records, none changed since."""
    stored = dict(index.db.execute("SELECT record_id, fingerprint FROM records"))
    records = archive.good_records()
    if len(stored) != len(records):
        return False
    digests = source.fingerprints(records)
    return all(stored.get(r.id) == d for r, d in zip(records, digests, strict=True))


def export(index: Connection, destination: Path) -> None:
    """Write a compact, self-contained copy of the file at `destination`."""
    destination.unlink(missing_ok=True)
    index.db.execute("VACUUM INTO ?", (str(destination),))
    copy = sqlite3.connect(destination)
    try:
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _sort_records(
    records: Iterable[model.Record | model.BrokenRecord],
) -> tuple[dict[str, model.Record], list[values.IndexProblem]]:
    """The records to index by id (the first of a duplicated id wins) and the problems."""
    current: dict[str, model.Record] = {}
    broken: list[values.IndexProblem] = []
    for record in records:
        if isinstance(record, model.BrokenRecord):
            broken.append(values.IndexProblem(record.folder, record.reason, record.id))
        elif record.id in current:
            reason = f"Another record already has the id {record.id!r}; this one is skipped."
            broken.append(values.IndexProblem(record.folder, reason, record.id))
        else:
            current[record.id] = record
    broken.sort(key=lambda problem: str(problem.folder))
    return current, broken


def _chunks(
    items: list[tuple[model.Record, str]], size: int
) -> Iterator[list[tuple[model.Record, str]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
