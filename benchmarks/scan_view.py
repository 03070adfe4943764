"""Drive the real scan pane offscreen through a long scan; print its figures, JSON on the last line.

    .venv/bin/python benchmarks/scan_view.py [PDF | --long] [--cache-mb 256] [--pages-per-second 25]

The pages are real typewritten scans: by default the corpus's `104-10188-10003_ocr.pdf` (79
pages); with `--long`, a document of about 700 pages put together from every real scan of the
corpus, repeated (written once to the temporary directory). (The corpus's 690-page
`157-10014-10242_ocr.pdf` is blank on every page: figures on it are figures for blank pages.)

Figures, each measured beside PyMuPDF doing the same work in this process, by its fastest path:
MuPDF's draw device straight into a pixmap, as the render worker does (`page.get_pixmap` first
records a display list and then plays it, which is slower):

first_page_ratio: the view's time from `ScanPane.open_pdf` until the end of the paint that first
shows page 1's own image (the render worker opens the file, repairs it, renders page 1, the
window maps the pixels and paints them), over PyMuPDF's `open` + `load_page(0)` + a render of
that page at the view's scale (opaque, RGB): median of nine of each, taken in turn.

render_overhead_ratio: for up to 40 pages never shown before (one at a time, a fortieth of the
document apart, and at least four pages, so that none was rendered beside an earlier one), the
view's time from `go_to_page` until the end of the paint that shows the page's own image at fit
width (the scroll and its signals, the request crossing to the worker process, MuPDF rendering
into shared memory, the window mapping, caching and painting it), over PyMuPDF's `load_page` +
a render of the same page at the same scale (opaque, RGB; its pixmap is allocated
within its time, while the worker made the buffer of its next page as it waited), summed over
the pages. Neither side is cached: MuPDF's store is emptied after each render on both sides.
Both sides produce an image of the same size (the benchmark stops where they do not); pages
whose pixels differ anywhere are counted in `pages_with_other_pixels` (the view's is 32-bit
0xffRRGGBB, PyMuPDF's 24-bit RGB: the same colours). Each side is timed while the other is
idle: the render worker (its process's CPU time no longer rising) before PyMuPDF's turn, and
before the view's turn. Stderr has the ratio page by page: on a shared machine they spread.

scroll_stall_max_ms and scroll_stall_p99_ms: gaps between event-loop iterations (a 1 ms timer)
while scrolling through every page at a steady pace.

memory_over_cache_mb: peak resident memory of the application and its render process after the
scroll, minus the same after opening a 3-page scan, minus the most the render cache held
meanwhile (`cache_peak_mb`: not its limit, which a short scan never fills). Rendered pages live
in shared memory that the window maps whole at once, so they count in its resident memory.
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
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage, QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.services import render  # noqa: E402
from viewer.ui import scan_area  # noqa: E402
from viewer.ui.scan_area import PageArea  # noqa: E402
from viewer.ui.scan_view import ScanPane  # noqa: E402

SCANS = REPO / ".." / "shared" / "corpus" / "scans"
DEFAULT_PDF = SCANS / "104-10188-10003_ocr.pdf"
SMALL_PDF_NAME = "104-10006-10247_ocr.pdf"
BLANK_PDF_NAME = "157-10014-10242_ocr.pdf"
LONG_PAGES = 700


def long_document(pages: int = LONG_PAGES) -> Path:
    """About `pages` real scanned pages: the corpus's typewritten scans (all but the blank one)
    one after another, again and again; written once to the temporary directory."""
    import tempfile

    target = Path(tempfile.gettempdir()) / f"archive-viewer-real-scans-{pages}.pdf"
    if target.exists():
        return target
    sources = [path for path in sorted(SCANS.glob("1*_ocr.pdf")) if path.name != BLANK_PDF_NAME]
    out = pymupdf.open()
    while out.page_count < pages:
        for path in sources:
            with pymupdf.open(path) as source:
                out.insert_pdf(source)
            if out.page_count >= pages:
                break
    partial = target.with_suffix(".part")
    out.save(partial, garbage=1)
    out.close()
    partial.rename(target)
    return target


def fastest_pixmap(page: pymupdf.Page, scale: float) -> pymupdf.Pixmap:
    """`page` rendered at `scale` the fastest way PyMuPDF offers: a draw device straight into an
    opaque RGB pixmap (the same pixels as `get_pixmap(alpha=False)`, without its display list)."""
    mu = pymupdf.mupdf
    ctm = mu.fz_scale(scale, scale)
    fz_page = pymupdf._as_fz_page(page)
    box = mu.fz_round_rect(mu.fz_transform_rect(mu.fz_bound_page(fz_page), ctm))
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(box.x0, box.y0, box.x1, box.y1), False)
    pixmap.clear_with(0xFF)
    device = mu.fz_new_draw_device(ctm, pixmap.this)
    mu.fz_run_page(fz_page, device, mu.FzMatrix(), mu.FzCookie())
    mu.fz_close_device(device)
    return pixmap


def rss_kb(pid: int, field: str) -> int:
    """VmRSS or VmHWM of process `pid`, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class PaintClock:
    """Notes when each paint of the page area began and ended."""

    def __init__(self) -> None:
        self.paints: list[tuple[float, float]] = []
        real = PageArea.paintEvent

        def timed(area: PageArea, event: QPaintEvent) -> None:
            begin = time.perf_counter()
            real(area, event)
            self.paints.append((begin, time.perf_counter()))

        PageArea.paintEvent = timed  # type: ignore[method-assign]

    def finished_after(self, moment: float) -> float | None:
        """When the first paint begun after `moment` ended (None: none yet)."""
        for begin, end in self.paints:
            if begin > moment:
                return end
        return None


def cpu_ticks(pid: int) -> int:
    """User + system CPU time process `pid` has used, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def settle(app: QApplication, worker: render.PdfWorker, pid: int | None) -> None:
    """Wait until the render worker has nothing left to do, so that it takes no CPU from what
    is timed next: every page asked for answered, then its process's CPU time still for 50 ms."""
    spin(app, worker.is_idle)
    if pid is None:
        spin_for(app, 0.05)
        return
    ticks = cpu_ticks(pid)
    for _ in range(400):
        spin_for(app, 0.05)
        now = cpu_ticks(pid)
        if now == ticks:
            return
        ticks = now
    raise TimeoutError("the render worker did not settle")


def same_pixels(image: QImage | None, pixmap: pymupdf.Pixmap) -> bool:
    """Whether the view's image has PyMuPDF's pixmap's size and colours, pixel for pixel."""
    if image is None:
        return False
    theirs = QImage(
        pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888
    ).convertToFormat(QImage.Format.Format_RGB32)
    return image.convertToFormat(QImage.Format.Format_RGB32) == theirs


def spin(app: QApplication, condition, timeout: float = 20.0) -> None:
    """Run the event loop until `condition()` holds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the scan view did not answer in time")
        app.processEvents()
        time.sleep(0.0002)


def raw_first_page(path: Path, scale: float) -> tuple[float, pymupdf.Pixmap]:
    """PyMuPDF alone: open the file and render its first page at `scale`; seconds, pixmap."""
    start = time.perf_counter()
    doc = pymupdf.open(path)
    page = doc.load_page(0)
    pixmap = fastest_pixmap(page, scale)
    elapsed = time.perf_counter() - start
    doc.close()
    pymupdf.TOOLS.store_shrink(100)
    return elapsed, pixmap


MISMATCHES: list[str] = []
"""Pages where the view's picture was not the baseline's, pixel for pixel (reported)."""


def check_same(image: QImage | None, pixmap: pymupdf.Pixmap, what: str) -> None:
    """Note (and say on stderr) where the two sides did not make the same picture: MuPDF's
    direct draw and its display list scale some scanned images differently."""
    if image is None or (image.width(), image.height()) != (pixmap.width, pixmap.height):
        raise SystemExit(f"{what}: the view's image is not the size of PyMuPDF's; ratio void")
    if not same_pixels(image, pixmap):
        MISMATCHES.append(what)
        print(f"{what}: the view's pixels differ from PyMuPDF's", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument(
        "--long", action="store_true", help=f"{LONG_PAGES} real pages built from the corpus"
    )
    parser.add_argument("--cache-mb", type=int, default=256)
    parser.add_argument("--pages-per-second", type=float, default=25.0)
    parser.add_argument(
        "--in-process", action="store_true", help="render on a thread, not a process"
    )
    args = parser.parse_args()
    path: Path = long_document() if args.long else args.pdf.resolve()
    small = SCANS.resolve() / SMALL_PDF_NAME

    app = QApplication.instance() or QApplication([])
    worker = render.PdfWorker(cache_limit=args.cache_mb * 1024 * 1024, isolated=not args.in_process)
    pane = ScanPane(worker)
    pane.resize(1000, 800)
    pane.show()
    clock = PaintClock()
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
    child_pid = child.pid if child is not None else None
    baseline_kb = sum(rss_kb(pid, "VmHWM") for pid in pids)

    # 1. Time to first page, alternating the two, median of nine (a shared machine is noisy).
    ours, theirs = [], []
    for _ in range(9):
        pane.close_document()
        settle(app, worker, child_pid)
        ours.append(open_and_wait(path))
        key = pane.area.render_key(0)
        settle(app, worker, child_pid)
        elapsed, pixmap = raw_first_page(path, key.scale)
        theirs.append(elapsed)
        check_same(worker.cache.get(key), pixmap, "page 1")
    first_page_ratio = statistics.median(ours) / statistics.median(theirs)
    print(
        f"first page: view {statistics.median(ours) * 1e3:.1f} ms, "
        f"PyMuPDF {statistics.median(theirs) * 1e3:.1f} ms",
        file=sys.stderr,
    )

    # 2. Render overhead: pages never shown before, one at a time.
    doc = pymupdf.open(path)
    # Pages far enough apart that none was rendered beside an earlier one (the view renders
    # PREFETCH pages above and below what it shows): a page already in the cache is shown
    # without a render, and waiting for its `page_rendered` would wait for ever.
    spacing = max(pane.page_count() // 40, 2 * scan_area.PREFETCH + 2)
    candidates = range(2 * spacing, pane.page_count(), spacing)
    view_total = raw_total = 0.0
    ratios: list[float] = []
    sample: list[int] = []
    for index in candidates:
        if len(sample) == 40:
            break
        settle(app, worker, child_pid)
        key = pane.area.render_key(index)
        if key in worker.cache:
            continue
        sample.append(index)
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
        shown: dict[str, float] = {}  # when the first paint begun after it arrived ended

        def is_shown(arrived: dict[str, float] = arrived, shown: dict[str, float] = shown) -> bool:
            end = clock.finished_after(arrived["at"]) if "at" in arrived else None
            if end is not None:
                shown["at"] = end
            return end is not None

        spin(app, is_shown)
        view_time = shown["at"] - start
        view_total += view_time
        worker.page_rendered.disconnect(on_rendered)
        settle(app, worker, child_pid)
        begin = time.perf_counter()
        page = doc.load_page(index)
        pixmap = fastest_pixmap(page, key.scale)
        raw_time = time.perf_counter() - begin
        raw_total += raw_time
        ratios.append(view_time / raw_time)
        pymupdf.TOOLS.store_shrink(100)
        check_same(worker.cache.get(key), pixmap, f"page {index + 1}")
    doc.close()
    render_overhead_ratio = view_total / raw_total
    print(
        f"new page: view {view_total / len(sample) * 1e3:.1f} ms, "
        f"PyMuPDF {raw_total / len(sample) * 1e3:.1f} ms; page by page, view/PyMuPDF "
        f"{' '.join(f'{r:.2f}' for r in ratios)}",
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
    peak_cache = [0]
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
        peak_cache[0] = max(peak_cache[0], worker.cache.size)

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
    cache_peak_mb = peak_cache[0] / 2**20
    memory_over_cache_mb = (peak_after_kb - baseline_kb) / 1024 - cache_peak_mb
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
        "cache_peak_mb": round(cache_peak_mb, 1),
        "pdf": path.name,
        "pages_with_other_pixels": len(MISMATCHES),
        "pages": pane.page_count(),
        "new_pages_timed": len(sample),
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
