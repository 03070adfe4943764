"""Notes benchmark: saving a note, and what 1,000 notes add to opening a record.

1. Saving: notes written one at a time into a notes file (WAL, synchronous=FULL, one transaction
   each: what Highlight Selection or Bookmark Page does on the window's thread), the file already
   holding `--existing` notes; p50, p95 and max per note, for a highlight with two tags and for
   changing a note's words. Goal: p95 <= 5 ms.
2. Opening: a real window (offscreen) shows a record whose transcript (1,000 paragraphs) carries
   1,000 highlights, and the same text with no notes; what the Notes feature does when the
   record is shown and its text is in (read its notes, list them, find every passage, paint it)
   is timed both ways, wall clock and the window thread's own CPU. Goal: <= 20 ms more.
3. Searching: the archive search's query of the reader's notes (on the search thread, not the
   window's) over N notes of the archive open, beside the others: the first query, the next
   ones, and one after a note changed.

Usage: .venv/bin/python benchmarks/notes.py [--notes N] [--existing N] [--runs R] [--dir DIR]
(DIR: where the notes file is made, on the disk to measure; a temporary folder by default).
The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from viewer.domain import notes  # noqa: E402
from viewer.domain.notes import NoteStore, Place, RecordKey  # noqa: E402

WORDS = "the telegram of the group of specialists reports on talks about military cooperation"


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered) * 1000, 3),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 3),
        "max": round(ordered[-1] * 1000, 3),
    }


def saving(folder: Path, count: int, existing: int) -> dict[str, object]:
    """Time `count` highlights and `count` edits saved one at a time."""
    store = NoteStore.open(folder / "notes.sqlite3")
    other = RecordKey("Benchmark archive", "other")
    for number in range(existing):
        store.add(other, Place.RECORD, f"note {number} {WORDS}", tags=["a", "b"])
    key = RecordKey("Benchmark archive", "r1")
    added, edited = [], []
    for number in range(count):
        anchor = notes.TextAnchor(f"passage {number}", "before ", " after", number * 40)
        started = time.perf_counter()
        note = store.add(
            key, Place.PASSAGE, anchor=anchor, colour="#fff176", tags=["chapter 3", "check"]
        )
        added.append(time.perf_counter() - started)
        started = time.perf_counter()
        store.update(note.id, text=f"a note on passage {number}: {WORDS}")
        edited.append(time.perf_counter() - started)
    store.close()
    return {"highlight": _ms(added), "edit": _ms(edited), "file_holds": existing + count}


def _archive(root: Path, paragraphs: int) -> str:
    """Two records with the same long transcript; the text."""
    text = "\n\n".join(
        f"Paragraph {n}. Cde. Mao Zedong said that {WORDS} number {n}." for n in range(paragraphs)
    )
    root.mkdir(parents=True)
    (root / "archive.toml").write_text('format_version = 1\ntitle = "Benchmark archive"\n')
    for record_id in ("r1", "r2"):
        folder = root / "records" / record_id
        folder.mkdir(parents=True)
        (folder / "record.toml").write_text(
            f'id = "{record_id}"\ntitle = "Record {record_id}"\ndate = "1949-05-18"\n'
            '[[transcripts]]\nfile = "transcript.en.txt"\nlanguage = "en"\n'
        )
        (folder / "transcript.en.txt").write_text(text, encoding="utf-8")
    return text


def opening(folder: Path, count: int, runs: int) -> dict[str, object]:
    """Time the Notes feature's part of showing a record with `count` highlights, and none."""
    os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(folder / "basedir")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from PySide6.QtGui import QTextCursor

    from viewer.app import Viewer
    from viewer.ui import note_marks

    root = folder / "archive"
    _archive(root, count)
    viewer = Viewer()
    window = viewer.window
    window.resize(1400, 900)
    window.show()
    window.open_path(root)
    deadline = time.monotonic() + 30
    while "Paragraph 1." not in window.transcript.plain_text() or window.transcript.is_filling():
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the record's text was not shown in 30 s")
    feature = window.later.notes_feature_made()
    assert feature is not None
    # Highlights made as Highlight Selection makes them: in the text as the window shows it.
    text = note_marks.ShownText(window.transcript.browser().document()).text
    store = NoteStore.open(notes.default_path())
    key = RecordKey("Benchmark archive", "r1", str(root / "records" / "r1"))
    for number in range(count):
        start = text.index(f"Paragraph {number}.")
        end = start + len(f"Paragraph {number}. Cde. Mao Zedong")
        store.add(key, Place.PASSAGE, anchor=notes.anchor_at(text, start, end), language="en")
    store.close()
    archive = window.current_archive()
    assert archive is not None
    records = {r.id: r for r in archive.records}
    timings: dict[str, list[tuple[float, float]]] = {"r1": [], "r2": []}
    for _ in range(runs):
        for record_id in ("r2", "r1"):
            app.processEvents()
            wall, cpu = time.perf_counter(), time.thread_time()
            feature.show_record(records[record_id])
            feature._on_transcript_text_shown()  # its text is in: paint its highlights
            timings[record_id].append((time.perf_counter() - wall, time.thread_time() - cpu))
    shown = len(feature.notes())
    lost = len(feature.lost_notes())
    # Highlight Selection in that record, as the window does it: the write, then the record's
    # 1,000 notes listed again and the highlights on screen painted.
    feature.show_record(records["r1"])
    feature._on_transcript_text_shown()
    browser = window.transcript.browser()
    saving_in_window = []
    for number in range(min(count, 50)):
        shown_text = note_marks.ShownText(browser.document()).text
        start = shown_text.index(f"number {number}.")
        cursor = QTextCursor(browser.document())
        cursor.setPosition(start)
        cursor.setPosition(start + len(f"number {number}"), QTextCursor.MoveMode.KeepAnchor)
        browser.setTextCursor(cursor)
        app.processEvents()
        wall, cpu = time.perf_counter(), time.thread_time()
        feature.highlight()
        saving_in_window.append((time.perf_counter() - wall, time.thread_time() - cpu))
    window.close()
    viewer.shutdown()
    with_notes = statistics.median(w for w, _ in timings["r1"])
    without = statistics.median(w for w, _ in timings["r2"])
    cpu_with = statistics.median(c for _, c in timings["r1"])
    cpu_without = statistics.median(c for _, c in timings["r2"])
    return {
        "notes_listed": shown,
        "places_not_found": lost,
        "with_notes_ms": round(with_notes * 1000, 2),
        "without_notes_ms": round(without * 1000, 2),
        "added_ms": round((with_notes - without) * 1000, 2),
        "added_cpu_ms": round((cpu_with - cpu_without) * 1000, 2),
        "highlight_in_window": _ms([w for w, _ in saving_in_window]),
        "highlight_in_window_cpu": _ms([c for _, c in saving_in_window]),
    }


def searching(folder: Path, count: int, existing: int) -> dict[str, object]:
    """Time the archive search's query of the notes (`domain/notes/searching.NoteFinder`, on
    the search thread): `count` notes of the archive open over 100 records, `existing` of
    another archive; the first query (the archive's notes read and folded), the next ones, and
    one after a note was changed (read again)."""
    from viewer.domain.notes.searching import NoteFinder

    store = NoteStore.open(folder / "notes.sqlite3")
    for number in range(existing):
        store.add(RecordKey("Other archive", f"r{number}"), Place.RECORD, WORDS)
    words = WORDS.split()
    last = None
    for number in range(count):
        text = " ".join([*words[number % 7 :], f"word{number}"])
        key = RecordKey("Benchmark archive", f"record-{number % 100}")
        last = store.add(key, Place.RECORD, text, tags=["chapter 3"])
    finder = NoteFinder(store.path, "Benchmark archive")
    queries = ["military cooperation", "word5*", '"group of specialists"', "talks -military"]
    started = time.perf_counter()
    finder.find("telegram")
    first = time.perf_counter() - started
    times = []
    for _ in range(5):
        for query in queries:
            started = time.perf_counter()
            finder.find(query)
            times.append(time.perf_counter() - started)
    assert last is not None
    store.update(last.id, text="changed words")
    started = time.perf_counter()
    found = finder.find("changed")
    changed = time.perf_counter() - started
    assert list(found) == [last.key.record]
    finder.close()
    store.close()
    return {
        "notes": count,
        "first_query_ms": round(first * 1000, 2),
        "query": _ms(times),
        "after_a_change_ms": round(changed * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--existing", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=None)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=arguments.dir) as name:
        folder = Path(name)
        saved = saving(folder / "saving", arguments.notes, arguments.existing)
        print(
            f"saving a highlight (file of {saved['file_holds']} notes): "
            f"p50 {saved['highlight']['p50']} ms, p95 {saved['highlight']['p95']} ms, "
            f"max {saved['highlight']['max']} ms"
        )
        print(
            f"changing a note's words: p50 {saved['edit']['p50']} ms, p95 {saved['edit']['p95']} ms"
        )
        found = searching(folder / "searching", arguments.notes, arguments.existing)
        print(
            f"the archive search's query of {found['notes']} notes: first "
            f"{found['first_query_ms']} ms, then p50 {found['query']['p50']} ms, p95 "
            f"{found['query']['p95']} ms; after a note changed {found['after_a_change_ms']} ms"
        )
        opened = opening(folder, arguments.notes, arguments.runs)
        print(
            f"opening a record with {opened['notes_listed']} notes "
            f"({opened['places_not_found']} places not found): "
            f"{opened['with_notes_ms']} ms, with none {opened['without_notes_ms']} ms: "
            f"+{opened['added_ms']} ms (window thread CPU +{opened['added_cpu_ms']} ms)"
        )
        in_window = opened["highlight_in_window"]
        print(
            f"Highlight Selection in that record, in the window (write, list, paint): "
            f"p50 {in_window['p50']} ms, p95 {in_window['p95']} ms "
            f"(window thread CPU p95 {opened['highlight_in_window_cpu']['p95']} ms)"
        )
        print(json.dumps({"saving": saved, "searching": found, "opening": opened}))


if __name__ == "__main__":
    main()
