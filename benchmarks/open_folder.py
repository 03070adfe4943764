"""Opening a plain folder of scans, against the same documents as a curated archive.

Two generated folders (deterministic, in a work directory):

- `pdfs`: 1,000 one-page PDFs with a text layer and an info title and author, in 10 subfolders,
  names like `1962-10-22_memo_0042.pdf`;
- `photos`: 10,000 image pages, 2,000 documents of 5 photos each (`doc_0042_p1.png` ...).

Each has its curated twin (a record folder with `record.toml` per document, the scan hard-linked
as `scan.pdf`; for the photos, their five pages made into one PDF, as a curator would).

Each folder and its twin is opened twice a run, a fresh window each time: `cold`, with an empty
user cache (the first time a person opens it: a plain folder is walked and its PDFs opened, a
curated archive's record.toml files read), then `warm`, again with the cache the first opening
left (a plain folder listed from it and its PDFs' metadata taken from it; the curated archive
from its catalogue). Figures (medians of `--runs`):
`list_ms` from `open_path` to the record list's archive (`archive_opened`), `first_page_ms` to
the first page painted, `stall_ms` the GUI thread's longest gap between 5 ms timer beats from
`open_path` until all is done, `stall_cpu_ms` the most CPU time the GUI thread spent within one
such gap (the work that held it; on a busy machine `stall_ms` also counts the time other
programs took the cores), and for the PDFs `metadata_ms` until every PDF's metadata is read
(`pdf_metadata_read`) and `metadata_reader_ms` from the reader's start (after the first page)
to its end, against `bare_metadata_ms`: a PyMuPDF loop opening each PDF and reading its metadata
(`cold_metadata_ratio` compares these two for the first opening). `stall_at_ms` says when the
longest stall ended. Ratios compare each plain folder with its curated twin, cold with cold and
warm with warm.

    .venv/bin/python benchmarks/open_folder.py [--runs 3] [--workdir DIR]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PDF_COUNT = 1000
PHOTO_DOCUMENTS = 2000
PHOTO_PAGES = 5
PHASES = ("cold", "warm")
"""A first opening (an empty user cache), then the same again (the cache it left)."""


def generate_pdfs(root: Path, curated: Path) -> None:
    """1,000 PDFs in 10 subfolders, and their curated twin."""
    import pymupdf

    for number in range(PDF_COUNT):
        year, month, day = 1950 + number % 30, 1 + number % 12, 1 + number % 28
        folder = root / f"box-{number % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{year}-{month:02d}-{day:02d}_memo_{number:04d}.pdf"
        doc = pymupdf.open()
        page = doc.new_page()
        page.insert_textbox(
            pymupdf.Rect(50, 50, 550, 800), f"Memorandum {number}. " * 40, fontsize=10
        )
        doc.set_metadata({"title": f"Memorandum number {number}", "author": "Records Office"})
        doc.save(path)
        doc.close()
        record = curated / f"box-{number % 10:02d}" / f"memo-{number:04d}"
        record.mkdir(parents=True, exist_ok=True)
        os.link(path, record / "scan.pdf")
        (record / "record.toml").write_text(
            f'format_version = 1\nid = "memo-{number:04d}"\n'
            f'title = "Memorandum number {number}"\ndate = "{year}-{month:02d}-{day:02d}"\n',
            encoding="utf-8",
        )


def generate_photos(root: Path, curated: Path) -> None:
    """2,000 documents of 5 photos each, and their curated twin (the photos as one PDF)."""
    import pymupdf

    root.mkdir(parents=True, exist_ok=True)
    images: list[bytes] = []
    for page_number in range(PHOTO_PAGES):
        doc = pymupdf.open()
        page = doc.new_page(width=300, height=420)
        page.insert_textbox(pymupdf.Rect(20, 20, 280, 400), f"Page {page_number + 1} " * 30)
        images.append(page.get_pixmap(dpi=100).tobytes("png"))
        doc.close()
    for number in range(PHOTO_DOCUMENTS):
        paths = []
        for page_number in range(PHOTO_PAGES):
            path = root / f"doc_{number:04d}_p{page_number + 1}.png"
            path.write_bytes(images[page_number])
            paths.append(path)
        record = curated / f"doc-{number:04d}"
        record.mkdir(parents=True, exist_ok=True)
        if number == 0:
            from viewer.domain import pdf

            joined = pdf.images_as_pdf(paths)
            joined.save(curated / "joined.pdf")
            joined.close()
        os.link(curated / "joined.pdf", record / "scan.pdf")
        (record / "record.toml").write_text(
            f'format_version = 1\nid = "doc-{number:04d}"\ntitle = "Document {number}"\n',
            encoding="utf-8",
        )


def bare_metadata_loop(root: Path) -> float:
    """Seconds for PyMuPDF to open every PDF below `root` and read its metadata."""
    import pymupdf

    paths = sorted(root.rglob("*.pdf"))
    started = time.perf_counter()
    for path in paths:
        doc = pymupdf.open(path)
        _ = doc.metadata
        doc.close()
    return time.perf_counter() - started


def open_once(path: Path, *, wait_metadata: bool) -> dict[str, float]:
    """Open `path` in a fresh window; the times (ms) from `open_path`."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.app import Viewer

    app = QApplication.instance() or QApplication([])
    viewer = Viewer()
    window = viewer.window
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    clock = QElapsedTimer()
    times: dict[str, float] = {}
    worst = [0.0]
    worst_cpu = [0.0]
    last = [0]
    last_cpu = [time.thread_time()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        cpu = time.thread_time()
        gap = (now - last[0]) / 1e6 - 5
        if gap > worst[0]:
            worst[0] = gap
            times["stall_at_ms"] = now / 1e6
        worst_cpu[0] = max(worst_cpu[0], (cpu - last_cpu[0]) * 1000)
        last[0], last_cpu[0] = now, cpu

    def done() -> bool:
        needed = {"list_ms", "first_page_ms"} | ({"metadata_ms"} if wait_metadata else set())
        return needed <= set(times)

    def mark(name: str) -> None:
        times.setdefault(name, clock.nsecsElapsed() / 1e6)
        if done():
            QTimer.singleShot(300, app.quit)  # a little longer: stalls right after count too

    window.archive_opened.connect(lambda _archive: mark("list_ms"))
    viewer.scan_pane.first_page_painted.connect(lambda: mark("first_page_ms"))

    def metadata_read(seconds: float) -> None:
        times["metadata_reader_ms"] = seconds * 1000
        mark("metadata_ms")

    window.pdf_metadata_read.connect(metadata_read)
    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(5)
    heart.timeout.connect(beat)
    QTimer.singleShot(120_000, app.quit)
    clock.start()
    last[0] = clock.nsecsElapsed()
    last_cpu[0] = time.thread_time()
    heart.start()
    window.open_path(path)
    app.exec()
    heart.stop()
    times["stall_ms"] = worst[0]
    times["stall_cpu_ms"] = worst_cpu[0]
    window.close()
    viewer.shutdown()
    app.processEvents()
    return times


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = set().union(*runs)
    return {k: round(statistics.median(r[k] for r in runs if k in r), 1) for k in sorted(keys)}


def main() -> None:
    """Generate the folders, open each and its curated twin, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="open-folder-bench-"))
    home = workdir / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (home / name.lower()).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(home / name.lower())
    os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(home / "basedir")
    pdfs, pdfs_curated = workdir / "pdfs", workdir / "pdfs-curated"
    photos, photos_curated = workdir / "photos", workdir / "photos-curated"
    if not pdfs.exists():
        started = time.perf_counter()
        generate_pdfs(pdfs, pdfs_curated)
        generate_photos(photos, photos_curated)
        print(f"generated the folders in {time.perf_counter() - started:.1f} s")
    cases = (
        ("pdfs", pdfs, True),
        ("pdfs_curated", pdfs_curated, False),
        ("photos", photos, False),
        ("photos_curated", photos_curated, False),
    )
    runs: dict[str, list[dict[str, float]]] = {
        f"{name}_{phase}": [] for name, _, _ in cases for phase in PHASES
    }
    # A first window pays for the modules loaded on first use (search, citations, the library),
    # which no later one does: it is not counted.
    open_once(pdfs_curated, wait_metadata=False)
    for run in range(args.runs):
        for name, path, wait_metadata in cases:
            # A user cache of its own: empty for the first opening, as it left it for the second.
            basedir = home / f"basedir-{name}-{run}"
            shutil.rmtree(basedir, ignore_errors=True)
            os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(basedir)
            for phase in PHASES:
                figures = open_once(path, wait_metadata=wait_metadata)
                runs[f"{name}_{phase}"].append(figures)
                print(f"run {run + 1} {name} {phase}: {figures}")
    results = {key: median_of(figures) for key, figures in runs.items()}
    bare = statistics.median(bare_metadata_loop(pdfs) for _ in range(args.runs)) * 1000
    summary = {
        **{
            f"{name}_{key}": value
            for name, figures in results.items()
            for key, value in figures.items()
        },
        "bare_metadata_ms": round(bare, 1),
    }
    for kind in ("pdfs", "photos"):
        for phase in PHASES:
            for key in ("list_ms", "first_page_ms"):
                summary[f"{kind}_{phase}_{key}_ratio"] = round(
                    results[f"{kind}_{phase}"][key] / results[f"{kind}_curated_{phase}"][key], 2
                )
    summary["cold_metadata_ratio"] = round(results["pdfs_cold"]["metadata_reader_ms"] / bare, 2)
    for name, _, _ in cases:
        for phase in PHASES:
            figures = results[f"{name}_{phase}"]
            print(
                f"{name:15} {phase}: list {figures['list_ms']:7.1f} ms, first page "
                f"{figures['first_page_ms']:7.1f} ms, stall {figures['stall_ms']:6.1f} ms "
                f"(GUI CPU {figures['stall_cpu_ms']:5.1f} ms)"
                + (
                    f", metadata {figures['metadata_ms']:7.1f} ms"
                    if "metadata_ms" in figures
                    else ""
                )
            )
    print(
        "ratios (plain / curated): "
        + ", ".join(f"{k.removesuffix('_ratio')} {v}" for k, v in summary.items() if "ratio" in k)
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
