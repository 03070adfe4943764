"""Search benchmark: build, query and re-index a generated 10,000-record archive.

Re-index figures (medians of 5 runs, each after one transcript is rewritten in place):
`reindex_one_ms` from the write until the `IndexKeeper` watching the open archive has
re-indexed the record; `reindex_reopen_ms` reopen + detect + re-index, as an `IndexJob` does
when the archive is opened again after a change made while it was closed.

`gui_stall_max_ms`: the longest turn of the viewer's own window's event loop (`Viewer`, shown)
from opening the archive until its index is built, all done as the viewer does it (the archive
read on a job thread, the record list, the index built on a background thread, the scans' text
layers read by the viewer's text-layer process); `window_index_s` is that time.

Usage: .venv/bin/python benchmarks/search.py [--records N] [--workdir DIR] [--keep]

The archive is generated deterministically (seeded) into the work directory, about 5 kB of
transcript text per record (50 MB for 10,000), a tenth of the records in Russian, one in a
hundred with a small scan PDF that has a text layer. The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from viewer.domain import archive as archive_loader  # noqa: E402
from viewer.domain import model, search  # noqa: E402

SEED = 20240518
COLLECTIONS = ("Cold War Telegrams", "Consular Cards", "Foreign Relations", "Press Digest")
LANGUAGES = ("en", "en", "en", "de", "fr", "ru")
PHRASES = ("information bureau", "military cooperation", "border incident", "trade agreement")
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "to",
    "su",
    "vi",
    "de",
    "pa",
    "ri",
    "an",
    "el",
    "or",
    "us",
    "te",
    "ma",
    "ni",
    "co",
    "ba",
    "ze",
    "ul",
    "fo",
    "gi",
]
_CYR_SYLLABLES = [
    "ка",
    "ло",
    "ми",
    "не",
    "ра",
    "то",
    "су",
    "ви",
    "де",
    "па",
    "ри",
    "ан",
    "ел",
    "ор",
    "ус",
    "те",
    "ма",
    "ни",
    "ко",
    "ба",
    "зе",
    "ёл",
    "жи",
]


def _vocabulary(rng: random.Random, syllables: list[str], size: int) -> list[str]:
    words: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < size:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
        if word not in words:
            words.add(word)
            ordered.append(word)
    return ordered


def _weights(size: int) -> list[float]:
    total = 0.0
    cumulative = []
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


class Corpus:
    """Deterministic text generator with Zipf-distributed words."""

    def __init__(self) -> None:
        rng = random.Random(SEED)
        self.latin = _vocabulary(rng, _SYLLABLES, 20_000)
        self.cyrillic = _vocabulary(rng, _CYR_SYLLABLES, 8_000)
        self.latin_weights = _weights(len(self.latin))
        self.cyrillic_weights = _weights(len(self.cyrillic))

    def words(self, rng: random.Random, count: int, russian: bool) -> list[str]:
        vocabulary = self.cyrillic if russian else self.latin
        weights = self.cyrillic_weights if russian else self.latin_weights
        return rng.choices(vocabulary, cum_weights=weights, k=count)

    def text(self, rng: random.Random, size: int, russian: bool) -> str:
        words = self.words(rng, size // 8, russian)
        sentences = []
        position = 0
        while position < len(words):
            length = rng.randint(6, 18)
            sentence = words[position : position + length]
            if rng.random() < 0.05:
                sentence += rng.choice(PHRASES).split()
            sentences.append(" ".join(sentence).capitalize() + ".")
            position += length
        paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
        return "\n\n".join(paragraphs) + "\n"


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_pdf(path: Path, text: str) -> None:
    import pymupdf

    document = pymupdf.open()
    page = document.new_page()
    page.insert_textbox(pymupdf.Rect(50, 50, 550, 800), text, fontsize=9)
    document.save(path)
    document.close()


def generate(root: Path, count: int) -> None:
    """Write an archive of `count` records into `root` (the same bytes for the same count)."""
    corpus = Corpus()
    rng = random.Random(SEED + 1)
    root.mkdir(parents=True, exist_ok=True)
    (root / "archive.toml").write_text(
        'format_version = 1\ntitle = "Generated benchmark archive"\n', encoding="utf-8"
    )
    for number in range(count):
        year = 1900 + rng.randrange(100)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        language = LANGUAGES[rng.randrange(len(LANGUAGES))]
        russian = language == "ru"
        record_id = f"rec-{number:05d}"
        folder = root / f"{year // 10 * 10}s" / record_id
        folder.mkdir(parents=True, exist_ok=True)
        title = " ".join(corpus.words(rng, rng.randint(4, 9), russian)).capitalize()
        summary = " ".join(corpus.words(rng, rng.randint(15, 30), russian)).capitalize() + "."
        subjects = corpus.words(rng, 3, False)
        lines = [
            "format_version = 1",
            f"id = {_toml(record_id)}",
            f"title = {_toml(title)}",
            f'date = "{year:04d}-{month:02d}-{day:02d}"',
            f"summary = {_toml(summary)}",
            'type = "Telegram"',
            f'languages = ["{language}"]',
            f"creators = [{_toml('Ivanov, Pyotr')}]",
            f"subjects = [{', '.join(_toml(s) for s in subjects)}]",
            f"collection = {_toml(COLLECTIONS[number % len(COLLECTIONS)])}",
            "",
            "[source]",
            'archive = "AP RF"',
            f'location = "F. 4. Op. 1. D. {number}"',
        ]
        (folder / "record.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        text = corpus.text(rng, 5000, russian)
        (folder / f"transcript.{language}.txt").write_text(text, encoding="utf-8")
        if number % 100 == 7:
            _write_pdf(folder / "scan.pdf", corpus.text(rng, 1500, False))


def pdf_text_layer(path: Path) -> list[str]:
    """Page texts of a PDF (single-threaded use only: PyMuPDF is not thread-safe)."""
    import pymupdf

    with pymupdf.open(path) as document:
        return [page.get_text() for page in document]


def queries(corpus: Corpus) -> list[tuple[str, search.Filters]]:
    """Sixty queries of mixed kinds, from common to rare words."""
    any_ = search.Filters()
    latin = corpus.latin
    cyr = corpus.cyrillic
    items: list[tuple[str, search.Filters]] = []
    for rank in (0, 3, 10, 40, 150, 600, 2000, 5000, 9000, 15000):
        items.append((latin[rank], any_))
    for rank in (1, 25, 300, 3000):
        items.append((cyr[rank], any_))
    items += [(f'"{phrase}"', any_) for phrase in PHRASES]
    items += [(f'"{latin[2]} {latin[5]}"', any_), (f'"{latin[30]} {latin[1]}"', any_)]
    for rank in (0, 8, 50, 400, 3000):
        items.append((latin[rank][:3] + "*", any_))
    items += [(cyr[5][:2] + "*", any_), (cyr[200][:3] + "*", any_)]
    items += [
        (f"{latin[4]} AND {latin[60]}", any_),
        (f"{latin[100]} OR {latin[700]}", any_),
        (f"{latin[1]} NOT {latin[2]}", any_),
        (f"{latin[20]} -{latin[21]}", any_),
        (f"({latin[300]} OR {latin[301]}) {latin[7]}", any_),
        (f'"{PHRASES[0]}" AND {latin[90]}', any_),
        (f"{latin[1000]} {latin[1001]}", any_),
        (f"{latin[12]} OR {latin[13]} OR {latin[14]}", any_),
    ]
    facets = [
        search.Filters(decade=1940),
        search.Filters(year=1949),
        search.Filters(language="ru"),
        search.Filters(collection=COLLECTIONS[1]),
        search.Filters(has_text_layer=True),
        search.Filters(decade=1960, language="en"),
    ]
    for number, filters in enumerate(facets):
        items.append((latin[number * 7], filters))
        items.append((latin[200 + number * 50], filters))
    items += [(cyr[3], search.Filters(language="ru")), (f'"{PHRASES[1]}"', facets[0])]
    items += [
        ("кремл*", any_),
        ("zzzznotaword", any_),
        ('unterminated "quo', any_),
        ("a:b (c", any_),
    ]
    return items


def measure_queries(
    index: search.SearchIndex, items: list[tuple[str, search.Filters]]
) -> list[float]:
    """Milliseconds per query (hits, total and facet counts), after one warm-up pass.

    The warm-up fills SQLite's page cache; the index's own cache of recent queries is cleared
    before every query, so each figure is that of a query typed for the first time.
    """
    for text, filters in items:
        index.clear_cache()
        index.search(text, filters, limit=20)
    times = []
    for text, filters in items:
        index.clear_cache()
        started = time.perf_counter()
        index.search(text, filters, limit=20)
        times.append((time.perf_counter() - started) * 1000)
    return times


REPEATS = 5
"""Each re-index figure is the median of this many runs, each after a change of its own."""


def measure_reindex(
    archive: model.Archive, location: search.IndexLocation
) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds per run: (reopen + detect + re-index, update alone, reopen +
    `update_records`).

    One transcript is rewritten in place each time (which changes its modification time, not
    its folder's). The first figure is what an `IndexJob` does when the archive is opened
    again after a change made while it was closed; the last is the path for a change the
    viewer knows of.
    """
    target = archive.good_records()[len(archive.records) // 2]
    path = target.transcripts[0].path
    original = path.read_bytes()
    reopen, update, known = [], [], []
    try:
        for run in range(REPEATS):
            path.write_bytes(original + f"\nA fresh sentence about quokkas{run}.\n".encode())
            started = time.perf_counter()
            with search.SearchIndex.open(location) as index:
                stats = index.update(archive, pdf_text_layer)
            reopen.append((time.perf_counter() - started) * 1000)
            with search.SearchIndex.open(location) as index:
                found = index.search(f"quokkas{run}").total
                path.write_bytes(original + f"\nA sentence about wombats{run}.\n".encode())
                started = time.perf_counter()
                index.update(archive, pdf_text_layer)
                update.append((time.perf_counter() - started) * 1000)
            if stats.updated != 1 or found != 1:
                raise SystemExit(f"re-index missed the change: {stats}, found in {found}")
            path.write_bytes(original + f"\nA sentence about numbats{run}.\n".encode())
            started = time.perf_counter()
            with search.SearchIndex.open(location) as index:
                stats = index.update_records(archive, [target.id], pdf_text_layer)
            known.append((time.perf_counter() - started) * 1000)
            with search.SearchIndex.open(location) as index:
                found = index.search(f"numbats{run}").total
            if stats.updated != 1 or found != 1:
                raise SystemExit(f"known change missed: {stats}, found in {found}")
    finally:
        path.write_bytes(original)
    return reopen, update, known


def measure_watched(
    archive: model.Archive, location: search.IndexLocation
) -> tuple[float, list[float]]:
    """(ms to start watching, ms per run from a transcript written in place until an
    `IndexKeeper` has re-indexed it): what the viewer does when a record changes while the
    archive is open. Each run ends when the keeper reports the update; the new word is then
    looked for."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from viewer.services import index_keeper

    app = QCoreApplication.instance() or QCoreApplication([])
    loop = QEventLoop()
    arrived: list[float] = []

    def stop_waiting(*_args: object) -> None:
        arrived.append(time.perf_counter())
        loop.quit()

    keeper = index_keeper.IndexKeeper(archive, text_layer=pdf_text_layer)
    keeper.watching_started.connect(stop_waiting)
    keeper.index_updated.connect(stop_waiting)
    keeper.update_failed.connect(lambda message: print(f"keeper failed: {message}"))
    QTimer.singleShot(30_000, loop.quit)
    started = time.perf_counter()
    keeper.start()
    loop.exec()
    if not arrived:
        raise SystemExit("the keeper did not start watching")
    start_ms = (arrived[-1] - started) * 1000
    keeper.set_location(location)
    target = archive.good_records()[len(archive.records) // 3]
    path = target.transcripts[0].path
    original = path.read_bytes()
    times = []
    try:
        for run in range(REPEATS):
            arrived.clear()
            QTimer.singleShot(10_000, loop.quit)
            started = time.perf_counter()
            path.write_bytes(original + f"\nA sentence about bilbies{run}.\n".encode())
            loop.exec()
            if not arrived:
                raise SystemExit("the keeper did not re-index the changed record")
            times.append((arrived[0] - started) * 1000)
            with search.SearchIndex.open(location) as index:
                found = index.search(f"bilbies{run}").total
            if found != 1:
                raise SystemExit(f"the keeper's update is not searchable: found in {found}")
            app.processEvents()
    finally:
        path.write_bytes(original)
        keeper.stop()
    return start_ms, times


def measure_window_stall(root: Path, base: Path) -> tuple[float, float]:
    """(longest event-loop stall, seconds) in the viewer's own window, from opening the archive
    at `root` until its index is built: the archive read, the record list, the index built on a
    background thread and the scans' text layers read by the viewer's text-layer process, all as
    the viewer does them, with its settings and cache under `base`."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from viewer.app import Viewer
    from viewer.services import indexer

    os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(base)
    period = 5
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    worst = [0]

    def beat() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0] - period)
        last[0] = now

    loop = QEventLoop()
    outcome: list[object] = []
    real_start = indexer.IndexJob.start

    def start(job: indexer.IndexJob) -> None:
        def done(result: object) -> None:
            outcome.append(result)
            loop.quit()

        job.index_finished.connect(done)
        job.index_failed.connect(done)
        real_start(job)

    indexer.IndexJob.start = start  # type: ignore[method-assign]
    viewer = Viewer()
    try:
        viewer.window.resize(1440, 900)
        viewer.window.show()
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(period)
        timer.timeout.connect(beat)
        started = time.perf_counter()
        last[0] = clock.elapsed()
        timer.start()
        viewer.window.open_path(root)
        QTimer.singleShot(600_000, loop.quit)
        loop.exec()
        timer.stop()
        seconds = time.perf_counter() - started
    finally:
        indexer.IndexJob.start = real_start  # type: ignore[method-assign]
        viewer.window.close()
        viewer.shutdown()
    if not outcome or isinstance(outcome[0], str):
        raise SystemExit(f"indexing in the window failed: {outcome}")
    return float(worst[0]), seconds


def main() -> None:
    """Run the benchmark and print its figures, JSON on the last line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="leave the loaded archive to the cyclic GC (as an app that does not freeze it)",
    )
    args = parser.parse_args()
    search.check_fts5()
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])  # a window is measured below; one application for all
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    root = workdir / f"archive-{args.records}"
    try:
        if not (root / "archive.toml").exists():
            started = time.perf_counter()
            generate(root, args.records)
            print(f"generated {args.records} records in {time.perf_counter() - started:.1f} s")
        text_mb = sum(p.stat().st_size for p in root.rglob("transcript.*")) / 1e6
        started = time.perf_counter()
        archive = archive_loader.load_archive(root)
        load_s = time.perf_counter() - started
        print(f"loaded {len(archive.records)} records ({text_mb:.1f} MB text) in {load_s:.2f} s")
        if not args.no_gc_freeze:
            # What the app does after loading an archive: a full GC pass over 10,000 records'
            # objects holds the GIL for ~100 ms, whichever thread triggers it.
            gc.collect()
            gc.freeze()

        cache = workdir / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        location = search.IndexLocation(search.cache_index_path(root, cache))
        with search.SearchIndex.open(location) as index:
            started = time.perf_counter()
            stats = index.update(archive, pdf_text_layer)
            build_s = time.perf_counter() - started
            print(f"built: {stats.added} records, {len(stats.problems)} problems, {build_s:.2f} s")
        files = location.path.parent.glob(location.path.name + "*")
        index_mb = sum(p.stat().st_size for p in files) / 1e6

        corpus = Corpus()
        items = queries(corpus)
        with search.SearchIndex.open(location) as index:
            times = measure_queries(index, items)
        reopen, update, known = measure_reindex(archive, location)
        watch_start_ms, watched = measure_watched(archive, location)
        for name, runs in (
            ("changed while open (watched)", watched),
            ("reopen + detect + re-index", reopen),
            ("update alone", update),
            ("known change", known),
        ):
            print(f"re-index one record, {name}: " + ", ".join(f"{ms:.1f}" for ms in runs) + " ms")
        print(f"watching {len(archive.records)} records started in {watch_start_ms:.0f} ms")
        quantiles = statistics.quantiles(times, n=100, method="inclusive")
        p50, p95 = statistics.median(times), quantiles[94]
        print(f"{len(times)} queries: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {max(times):.2f} ms")
        slowest = sorted(zip(times, items, strict=True), key=lambda pair: -pair[0])[:5]
        print("slowest: " + ", ".join(f"{text!r} {ms:.1f} ms" for ms, (text, _) in slowest))

        shutil.rmtree(workdir / "base-gui", ignore_errors=True)  # a fresh build each time
        stall_ms, background_s = measure_window_stall(root, workdir / "base-gui")
        print(
            f"in the window: opened and indexed in {background_s:.2f} s, "
            f"longest stall {stall_ms:.0f} ms"
        )
        figures = {
            "records": args.records,
            "text_mb": round(text_mb, 1),
            "load_s": round(load_s, 2),
            "build_s": round(build_s, 2),
            "index_mb": round(index_mb, 1),
            "queries": len(times),
            "query_p50_ms": round(p50, 2),
            "query_p95_ms": round(p95, 2),
            "query_max_ms": round(max(times), 2),
            "reindex_one_ms": round(statistics.median(watched), 1),
            "reindex_one_max_ms": round(max(watched), 1),
            "reindex_reopen_ms": round(statistics.median(reopen), 1),
            "reindex_reopen_max_ms": round(max(reopen), 1),
            "reindex_update_ms": round(statistics.median(update), 1),
            "reindex_known_ms": round(statistics.median(known), 1),
            "watch_start_ms": round(watch_start_ms),
            "window_index_s": round(background_s, 2),
            "gui_stall_max_ms": round(stall_ms, 1),
        }
        print(json.dumps(figures))
        del app
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
