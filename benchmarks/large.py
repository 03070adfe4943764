"""Large inputs: a 100,000-record archive and a 5,000-page PDF, opened in the viewer's window.

For the archive: milliseconds from `open_path` until a record is on screen and until the record
list holds a row for every record ("usable" is the later of the two; opened for the first time,
the rows of records not read yet are named by their folders, and a click reads one at once),
until every row shows its record's title and date (`all_filled_ms`), and until the archive,
read whole, is listed again in order (`read_and_sorted_ms`); the longest turn of the event loop
until usable, from then until read and sorted (`..._filling`), and in the 3 s after it (while
indexing starts); and the resident memory of the window's process and of each process it
started (the render worker, the indexer).

Two cases for the archive, each in a process of its own: `first`, opened with an empty cache
(the records are read from their folders), then `again`, opened a second time (listed from the
user's cache, then checked against the disk). `..._cpu_ms`: the GUI thread's own CPU time in its
longest turn, apart from what other programs on a busy machine (or the viewer's other threads,
holding the interpreter lock) took.

For the PDF (opened on its own, so its text layer becomes the transcript): milliseconds until
the first page is painted and until the text layer is shown, the longest turn of the event loop
meanwhile and while the view steps through 200 pages (`..._cpu_ms`: the GUI thread's own CPU
time in its longest turn, apart from what other programs on a busy machine took), and the
window's memory. (With PYTHONDONTWRITEBYTECODE set, the modules the window loads after the first
page are compiled while it opens: their turn is longer than with an installed viewer.)

Goals (issue 19): usable within 5 s, no turn over 50 ms, window memory under 400 MB for either.

    .venv/bin/python benchmarks/large.py [--records 100000] [--pages 5000] [--workdir DIR]
        [--only archive|pdf] [--cases first,again]

The inputs are generated (seeded) into the work directory and kept there for the next run.
The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ("telegram", "report", "minutes", "letter", "memorandum", "cable", "note", "protocol")


def make_archive(root: Path, count: int, seed: int = 19) -> Path:
    """`count` small records (title, date, summary, collection, a one-line transcript)."""
    marker = root / ".complete"
    if marker.exists():
        return root
    rng = random.Random(seed)
    (root / "records").mkdir(parents=True, exist_ok=True)
    (root / "archive.toml").write_text(f'title = "Generated archive of {count} records"\n')
    for i in range(count):
        folder = root / "records" / f"{i // 1000:03d}" / f"r{i:06d}"
        folder.mkdir(parents=True, exist_ok=True)
        date = f"{1940 + rng.randrange(40)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        title = f"{rng.choice(WORDS).capitalize()} {i} on {rng.choice(WORDS)}s"
        (folder / "record.toml").write_text(
            f'id = "r{i:06d}"\ntitle = "{title}"\ndate = "{date}"\n'
            f'summary = "A generated record."\ncollection = "Collection {i % 7}"\n'
            f'subjects = ["Subject {i % 13}"]\n'
        )
        (folder / "transcript.en.txt").write_text(f"Transcript of record {i}.\n")
    marker.touch()
    return root


def make_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` letter pages, each with a page of typewritten-like text."""
    if path.exists():
        return path
    import pymupdf

    rng = random.Random(5)
    doc = pymupdf.open()
    for number in range(pages):
        page = doc.new_page(width=612, height=792)
        lines = [" ".join(rng.choice(WORDS) for _ in range(9)) for _ in range(40)]
        page.insert_text((72, 72), f"Page {number + 1}\n" + "\n".join(lines), fontsize=10)
    doc.save(path, garbage=3, deflate=True)
    return path


def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def memory() -> dict[str, float]:
    """MB per process: the window's own, then each process it started."""
    me = os.getpid()
    figures = {"window": round(rss_mb(me), 1)}
    for child in children(me):
        try:
            name = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()[-40:]
        except OSError:
            continue
        figures[f"{child} {name.strip()}"] = round(rss_mb(child), 1)
    return figures


class StallMeter:
    """The longest gap between ticks of a 5 ms timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.worst_ms = 0.0
        self.worst_cpu_ms = 0.0
        """The most CPU time the GUI thread spent within one gap: the work that held it (on a
        busy machine `worst_ms` also counts the time other programs took the cores)."""
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000)
        self.worst_cpu_ms = max(self.worst_cpu_ms, (cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def start(self) -> None:
        self.worst_ms = self.worst_cpu_ms = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return round(self.worst_ms, 1)


def wait_until(app: object, condition: object, timeout: float) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            return False
        QTimer.singleShot(5, loop.quit)
        loop.exec()
    return True


def spin(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def bench_archive(root: Path, count: int) -> dict[str, object]:
    from viewer.app import Viewer
    from viewer.domain.model import UnreadRecord

    viewer = Viewer()
    window = viewer.window
    window.resize(1440, 900)
    window.show()
    spin(0.3)
    meter = StallMeter()
    meter.start()
    start = time.perf_counter()
    window.open_path(root)
    shown_ok = wait_until(None, lambda: window.current_record() is not None, 600)
    shown_ms = (time.perf_counter() - start) * 1000
    model = window.records.model()
    listed_ok = wait_until(None, lambda: model.shown_count() >= count, 600)
    listed_ms = (time.perf_counter() - start) * 1000
    stall_open = meter.stop()
    stall_open_cpu = round(meter.worst_cpu_ms, 1)
    meter.start()

    def filled() -> bool:  # rows listed unread (a suffix of the archive's order) all read
        return not model.is_listing() and not model.has_unread()

    def read_whole() -> bool:  # the archive read whole, listed again in order
        archive = window.session.state.archive
        return (
            archive is not None and not isinstance(archive.records[-1], UnreadRecord) and filled()
        )

    filled_ok = wait_until(None, filled, 600)
    filled_ms = (time.perf_counter() - start) * 1000
    read_ok = wait_until(None, read_whole, 600)
    read_ms = (time.perf_counter() - start) * 1000
    stall_filling = meter.stop()
    stall_filling_cpu = round(meter.worst_cpu_ms, 1)
    meter.start()
    spin(3)
    stall_after = meter.stop()
    stall_after_cpu = round(meter.worst_cpu_ms, 1)
    figures = {
        "records": count,
        "record_shown_ms": round(shown_ms) if shown_ok else None,
        "all_listed_ms": round(listed_ms) if listed_ok else None,
        "usable_ms": round(max(shown_ms, listed_ms)) if shown_ok and listed_ok else None,
        "all_filled_ms": round(filled_ms) if filled_ok else None,
        "read_and_sorted_ms": round(read_ms) if read_ok else None,
        "longest_stall_opening_ms": stall_open,
        "longest_stall_opening_cpu_ms": stall_open_cpu,
        "longest_stall_filling_ms": stall_filling,
        "longest_stall_filling_cpu_ms": stall_filling_cpu,
        "longest_stall_after_ms": stall_after,
        "longest_stall_after_cpu_ms": stall_after_cpu,
        "memory_mb": memory(),
    }
    window.close()
    viewer.shutdown()
    return figures


def archive_case(case: str, root: Path, count: int, basedir: Path) -> dict[str, object]:
    """`bench_archive` in a process of its own (so that neither case's memory counts in the
    other's), with `basedir` as the viewer's folders."""
    env = dict(os.environ, ARCHIVE_VIEWER_BASEDIR=str(basedir))
    command = [sys.executable, __file__, "--archive-case", case, "--records", str(count)]
    command += ["--workdir", str(root.parent)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return {"failed": done.returncode}
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def bench_pdf(path: Path, pages: int) -> dict[str, object]:
    from viewer.app import Viewer

    viewer = Viewer()
    window = viewer.window
    window.resize(1440, 900)
    window.show()
    spin(0.3)
    painted: list[float] = []
    viewer.scan_pane.first_page_painted.connect(lambda: painted.append(time.perf_counter()))
    meter = StallMeter()
    meter.start()
    start = time.perf_counter()
    window.open_path(path)
    wait_until(None, lambda: bool(painted), 120)
    text_ok = wait_until(None, lambda: bool(window.transcript.plain_text()), 600)
    text_ms = (time.perf_counter() - start) * 1000
    stall_open = meter.stop()
    stall_open_cpu = round(meter.worst_cpu_ms, 1)
    meter.start()
    for page in range(0, min(pages, 200)):
        viewer.scan_pane.go_to_page(page * max(1, pages // 200))
        spin(0.02)
    stall_scroll = meter.stop()
    stall_scroll_cpu = round(meter.worst_cpu_ms, 1)
    figures = {
        "pages": pages,
        "first_page_ms": round((painted[0] - start) * 1000) if painted else None,
        "text_layer_shown_ms": round(text_ms) if text_ok else None,
        "longest_stall_opening_ms": stall_open,
        "longest_stall_opening_cpu_ms": stall_open_cpu,
        "longest_stall_scrolling_ms": stall_scroll,
        "longest_stall_scrolling_cpu_ms": stall_scroll_cpu,
        "memory_mb": memory(),
    }
    window.close()
    viewer.shutdown()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "av-large")
    parser.add_argument("--only", choices=("archive", "pdf"), default=None)
    parser.add_argument("--cases", default="first,again", help="archive cases to run")
    parser.add_argument("--archive-case", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("ARCHIVE_VIEWER_BASEDIR", tempfile.mkdtemp(prefix="av-large-base-"))
    from PySide6.QtWidgets import QApplication

    root = args.workdir / f"archive-{args.records}"
    if args.archive_case is not None:  # one case, in a process of its own
        app = QApplication(sys.argv[:1])
        figures = bench_archive(root, args.records)
        del app
        print(json.dumps(figures))
        return 0
    app = QApplication(sys.argv[:1])
    results: dict[str, object] = {}
    if args.only in (None, "archive"):
        make_archive(root, args.records)
        # A folder of the benchmark's own: the first case empties it.
        basedir = Path(os.environ["ARCHIVE_VIEWER_BASEDIR"]) / "large-archive"
        for case in args.cases.split(","):
            if case == "first":  # nothing in the user's cache
                shutil.rmtree(basedir, ignore_errors=True)
                basedir.mkdir(parents=True)
            key = f"archive_{case}"
            while key in results:  # a case run again
                key += "_again"
            results[key] = archive_case(case, root, args.records, basedir)
            print(f"{key}:", results[key], flush=True)
    if args.only in (None, "pdf"):
        pdf = make_pdf(args.workdir / f"pages-{args.pages}.pdf", args.pages)
        results["pdf"] = bench_pdf(pdf, args.pages)
        print("pdf:", results["pdf"], flush=True)
    del app
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
