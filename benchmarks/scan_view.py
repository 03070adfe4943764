"""Drive the real scan pane offscreen through a long scan; print its figures, JSON on the last line.

    .venv/bin/python benchmarks/scan_view.py [PDF] [--cache-mb 256] [--pages-per-second 25]

Figures, each measured beside PyMuPDF doing the same work in this process:
first_page_ratio (open until the first page is painted / PyMuPDF open + render of that page),
render_overhead_ratio (a new page shown at fit width / PyMuPDF get_pixmap of it),
scroll_stall_max_ms and scroll_stall_p99_ms (gaps between event-loop iterations while scrolling
through every page at a steady pace), memory_over_cache_mb (peak RSS of the application and its
render process after the scroll, minus the same after opening a 3-page scan, minus the cache limit).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pymupdf  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.services import render  # noqa: E402
from viewer.ui.scan_view import ScanPane  # noqa: E402

DEFAULT_PDF = REPO / ".." / "shared" / "corpus" / "scans" / "157-10014-10242_ocr.pdf"
SMALL_PDF_NAME = "104-10006-10247_ocr.pdf"


def rss_kb(pid: int, field: str) -> int:
    """VmRSS or VmHWM of process `pid`, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class PaintClock(QObject):
    """Notes when the page area last painted."""

    def __init__(self) -> None:
        super().__init__()
        self.last = 0.0
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.last = time.perf_counter()
            self.count += 1
        return False


def spin(app: QApplication, condition, timeout: float = 20.0) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the scan view did not answer in time")
        app.processEvents()
        time.sleep(0.0002)


def raw_first_page(path: Path, scale: float) -> float:
    """PyMuPDF alone: open the file and render its first page at `scale`; seconds."""
    start = time.perf_counter()
    doc = pymupdf.open(path)
    page = doc.load_page(0)
    page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False, colorspace=pymupdf.csRGB)
    elapsed = time.perf_counter() - start
    doc.close()
    pymupdf.TOOLS.store_shrink(100)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--cache-mb", type=int, default=256)
    parser.add_argument("--pages-per-second", type=float, default=25.0)
    parser.add_argument(
        "--in-process", action="store_true", help="render on a thread, not a process"
    )
    args = parser.parse_args()
    path: Path = args.pdf.resolve()
    small = path.parent / SMALL_PDF_NAME

    app = QApplication.instance() or QApplication([])
    worker = render.PdfWorker(cache_limit=args.cache_mb * 1024 * 1024, isolated=not args.in_process)
    pane = ScanPane(worker)
    pane.resize(1000, 800)
    pane.show()
    clock = PaintClock()
    pane.area.viewport().installEventFilter(clock)
    painted = {"first": False}
    pane.first_page_painted.connect(lambda: painted.__setitem__("first", True))

    def open_and_wait(pdf: Path) -> float:
        painted["first"] = False
        start = time.perf_counter()
        pane.open_pdf(pdf)
        spin(app, lambda: painted["first"])
        return time.perf_counter() - start

    # Warm both sides alike: the worker and this process have each opened and rendered a PDF.
    open_and_wait(small)
    raw_first_page(small, 1.0)
    spin_for(app, 0.5)
    child = getattr(getattr(worker, "_backend", None), "process", None)
    pids = [os.getpid()] + ([child.pid] if child is not None else [])
    baseline_kb = sum(rss_kb(pid, "VmHWM") for pid in pids)

    # 1. Time to first page, alternating the two, median of five (a shared machine is noisy).
    ours, theirs = [], []
    for _ in range(5):
        pane.close_document()
        spin(app, worker.is_idle)
        spin_for(app, 0.2)
        ours.append(open_and_wait(path))
        scale = pane.area.render_key(0).scale
        theirs.append(raw_first_page(path, scale))
    first_page_ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"first page: view {statistics.median(ours) * 1e3:.1f} ms, "
        f"PyMuPDF {statistics.median(theirs) * 1e3:.1f} ms",
        file=sys.stderr,
    )

    # 2. Render overhead: pages never shown before, one at a time.
    doc = pymupdf.open(path)
    sample = list(range(40, pane.page_count(), max(pane.page_count() // 24, 1)))[:20]
    view_total = raw_total = 0.0
    for index in sample:
        spin(app, worker.is_idle)
        spin_for(app, 0.05)
        key = pane.area.render_key(index)
        arrived: dict[str, float] = {}

        def on_rendered(
            k: render.RenderKey,
            _image: object,
            key: render.RenderKey = key,
            arrived: dict[str, float] = arrived,
        ) -> None:
            if k == key and "at" not in arrived:
                arrived["at"] = time.perf_counter()

        worker.page_rendered.connect(on_rendered)
        start = time.perf_counter()
        pane.go_to_page(index)
        spin(app, lambda arrived=arrived: "at" in arrived and clock.last > arrived["at"])
        view_total += clock.last - start
        worker.page_rendered.disconnect(on_rendered)
        begin = time.perf_counter()
        page = doc.load_page(index)
        page.get_pixmap(
            matrix=pymupdf.Matrix(key.scale, key.scale), alpha=False, colorspace=pymupdf.csRGB
        )
        raw_total += time.perf_counter() - begin
        pymupdf.TOOLS.store_shrink(100)
    doc.close()
    render_overhead_ratio = view_total / raw_total
    print(
        f"new page: view {view_total / len(sample) * 1e3:.1f} ms, "
        f"PyMuPDF {raw_total / len(sample) * 1e3:.1f} ms",
        file=sys.stderr,
    )

    # 3. Scroll through every page at a steady pace; a 1 ms heartbeat measures the stalls.
    pane.go_to_page(0)
    spin_for(app, 0.3)
    bar = pane.area.verticalScrollBar()
    page_height = bar.maximum() / max(pane.page_count() - 1, 1)
    tick_ms = 16
    step = max(round(page_height * args.pages_per_second * tick_ms / 1000), 1)
    gaps: list[float] = []
    where: list[tuple[float, int]] = []
    peak_kb = [0]
    elapsed = QElapsedTimer()
    elapsed.start()
    last = [elapsed.nsecsElapsed()]

    def beat() -> None:
        now = elapsed.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        where.append((gaps[-1], bar.value()))
        last[0] = now

    def sample_memory() -> None:
        peak_kb[0] = max(peak_kb[0], sum(rss_kb(pid, "VmRSS") for pid in pids))

    def scroll() -> None:
        bar.setValue(min(bar.value() + step, bar.maximum()))

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(1)
    heart.timeout.connect(beat)
    scroller = QTimer()
    scroller.setTimerType(Qt.TimerType.PreciseTimer)
    scroller.setInterval(tick_ms)
    scroller.timeout.connect(scroll)
    memory = QTimer()
    memory.setInterval(200)
    memory.timeout.connect(sample_memory)
    start = time.perf_counter()
    heart.start()
    scroller.start()
    memory.start()
    spin(app, lambda: bar.value() >= bar.maximum(), timeout=600)
    spin_for(app, 0.5)
    heart.stop()
    scroller.stop()
    memory.stop()
    scroll_seconds = time.perf_counter() - start
    print("longest gaps (ms, scroll position):", sorted(where[1:])[-5:], file=sys.stderr)
    gaps = sorted(gaps[1:])
    stall_max = gaps[-1]
    stall_p99 = gaps[min(int(len(gaps) * 0.99), len(gaps) - 1)]
    sample_memory()
    peak_after_kb = max(peak_kb[0], sum(rss_kb(pid, "VmHWM") for pid in pids))
    memory_over_cache_mb = (peak_after_kb - baseline_kb) / 1024 - args.cache_mb
    print(
        f"scrolled {pane.page_count()} pages in {scroll_seconds:.1f} s "
        f"(current page {pane.current_page() + 1}); {len(gaps)} heartbeats; "
        f"cache {worker.cache.size / 2**20:.0f} MB in {len(worker.cache)} images; "
        f"peak RSS {peak_after_kb / 1024:.0f} MB, "
        f"after the 3-page scan {baseline_kb / 1024:.0f} MB",
        file=sys.stderr,
    )
    figures = {
        "first_page_ratio": round(first_page_ratio, 3),
        "render_overhead_ratio": round(render_overhead_ratio, 3),
        "scroll_stall_max_ms": round(stall_max, 1),
        "scroll_stall_p99_ms": round(stall_p99, 1),
        "memory_over_cache_mb": round(memory_over_cache_mb, 1),
        "worker": "thread" if args.in_process else "process",
        "cache_mb": args.cache_mb,
    }
    pane.close_document()
    worker.shutdown()
    print(json.dumps(figures))


def spin_for(app: QApplication, seconds: float) -> None:
    """Run the event loop for `seconds`."""
    end = time.perf_counter() + seconds
    spin(app, lambda: time.perf_counter() >= end)


if __name__ == "__main__":
    main()
