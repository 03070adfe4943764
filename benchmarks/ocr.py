"""Background OCR: speed against the `tesseract` program, latency, stalls and accuracy; JSON last.

    .venv/bin/python benchmarks/ocr.py [--pages 8] [--processes 2] [--skip-scroll]

Figures:

pages_per_minute, tesseract_pages_per_minute, speed_ratio (each side run twice, interleaved):
`ocr_batch.recognise_pages` (draws
each page of 104-10188-10003_ocr.pdf at 300 dpi in grey, runs Tesseract on it, parses words and
boxes) against the `tesseract` program run on PGM files of the same pages at the same
resolution, drawn beforehand (not timed), with the same number of processes at a time, each with
one OpenMP thread, at the same priority (nice 19, as the viewer's OCR process runs).
Goal: ratio >= 0.9.

pymupdf_seconds_per_page, tesseract_seconds_per_page, pymupdf_cer, tesseract_cer: the engine
choice: PyMuPDF's built-in OCR (`get_textpage_ocr`, full page, same dpi, Debian's tessdata) and the
program, one process, on the first pages of the sample facsimiles (the program as the viewer runs
it: these clean pages are read twice, see `ocr.read_clean_page_as_block`).

first_page_searchable_s: from asking the background worker (a fresh process, an empty cache) for
the page on screen of an image-only scan (ocrmypdf_linn.pdf) to its words arriving in the window.

gui_stall_max_ms: the longest gap between iterations of the window's event loop (a 1 ms timer)
while the worker recognises pages of 104-10188-10003_ocr.pdf (from starting its process to the
fourth page read); gui_stall_cpu_ms: the most CPU time the GUI thread itself spent within one
such gap (the rest of a long gap is other processes holding the cores).

scroll_stall_p99_ms, scroll_stall_p99_without_ocr_ms: the scan pane scrolled through all 79
pages of 104-10188-10003_ocr.pdf at 25 pages per second while OCR runs on it, and without.

cer: character error rate of the viewer's OCR on every page of the sample facsimiles (typeset
by tools/make_samples.py; their text layer is the truth), drawn as a scan at 300 dpi without its
text layer; whitespace runs count as one space. Goal <= 2%.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pymupdf  # noqa: E402

from viewer.domain import ocr, ocr_batch  # noqa: E402

SCANS = REPO / ".." / "shared" / "corpus" / "scans"
LONG_SCAN = SCANS / "104-10188-10003_ocr.pdf"
IMAGE_ONLY = SCANS / "ocrmypdf_linn.pdf"
FACSIMILES = sorted((REPO / "samples" / "records").glob("*/scan.pdf"))


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normal(text: str) -> str:
    return " ".join(text.split())


def cer(pairs: list[tuple[str, str]]) -> float:
    """Character error rate of (recognised, truth) pairs."""
    errors = sum(distance(normal(got), normal(truth)) for got, truth in pairs)
    return errors / max(sum(len(normal(truth)) for _, truth in pairs), 1)


def facsimile_scans(folder: Path) -> list[tuple[Path, int, str, str]]:
    """Each facsimile page as an image-only PDF: (pdf, page, language, its true text)."""
    pages = []
    for source in FACSIMILES:
        with pymupdf.open(source) as doc:
            for number, page in enumerate(doc):
                truth = page.get_text()
                cyrillic = any("\u0400" <= c <= "\u04ff" for c in truth)
                language = "eng+rus" if cyrillic else "eng"
                target = folder / f"{source.parent.name}-{number}.pdf"
                with pymupdf.open() as out:
                    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
                    new = out.new_page(width=page.rect.width, height=page.rect.height)
                    new.insert_image(new.rect, stream=pix.tobytes("png"))
                    out.save(target)
                pages.append((target, number, language, truth))
    return pages


def run_program(image: Path, language: str, dpi: int) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = ["tesseract", str(image), "stdout", "-l", language]
    command += ["--dpi", str(dpi), "tsv"]
    return subprocess.run(command, capture_output=True, env=env, check=True, text=True).stdout


def throughput(pages: int, processes: int) -> dict[str, float]:
    """Each side twice: ours, theirs, theirs, ours (the load of a shared machine drifts)."""
    doc = ocr_batch.open_pdf(LONG_SCAN)
    numbers = list(range(pages))

    def ours() -> float:
        start = time.perf_counter()
        results = list(ocr_batch.recognise_pages(doc, numbers, "eng", processes))
        assert all(not r.error for r in results), [r.error for r in results]
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        images = []
        for n in numbers:
            image, dpi, _ = ocr.page_image(doc, n)
            path = Path(folder) / f"{n}.pgm"
            path.write_bytes(image)
            images.append((path, dpi))

        def theirs() -> float:
            start = time.perf_counter()
            with ThreadPoolExecutor(processes) as pool:
                list(pool.map(lambda item: run_program(item[0], "eng", item[1]), images))
            return time.perf_counter() - start

        timed = {"ours": 0.0, "theirs": 0.0}
        for side in ("ours", "theirs", "theirs", "ours"):
            timed[side] += ours() if side == "ours" else theirs()
    print(
        f"{pages} pages twice: viewer {timed['ours']:.1f} s, tesseract {timed['theirs']:.1f} s",
        file=sys.stderr,
    )
    return {
        "pages_per_minute": round(2 * pages / timed["ours"] * 60, 1),
        "tesseract_pages_per_minute": round(2 * pages / timed["theirs"] * 60, 1),
        "speed_ratio": round(timed["theirs"] / timed["ours"], 3),
    }


def engine_choice(facsimiles: list[tuple[Path, int, str, str]]) -> dict[str, float]:
    tessdata = ocr.tessdata_dir()
    first = [f for f in facsimiles if f[1] == 0]
    mupdf_pairs, program_pairs = [], []
    mupdf_time = program_time = 0.0
    for pdf, _, language, truth in first:
        with pymupdf.open(pdf) as doc:
            page = doc[0]
            start = time.perf_counter()
            textpage = page.get_textpage_ocr(
                dpi=300, full=True, language=language, tessdata=str(tessdata)
            )
            mupdf_pairs.append((page.get_text(textpage=textpage), truth))
            mupdf_time += time.perf_counter() - start
            start = time.perf_counter()
            result = ocr.recognise(doc, 0, language)
            program_time += time.perf_counter() - start
            program_pairs.append((result.text(), truth))
    return {
        "pymupdf_seconds_per_page": round(mupdf_time / len(first), 2),
        "tesseract_seconds_per_page": round(program_time / len(first), 2),
        "pymupdf_cer": round(cer(mupdf_pairs), 4),
        "tesseract_cer": round(cer(program_pairs), 4),
    }


def accuracy(facsimiles: list[tuple[Path, int, str, str]]) -> float:
    pairs = []
    for pdf, _, language, truth in facsimiles:
        with pymupdf.open(pdf) as doc:
            pairs.append((ocr.recognise(doc, 0, language).text(), truth))
    return cer(pairs)


def window_figures(processes: int, skip_scroll: bool, stall_only: bool = False) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.services import ocr_engine, ocr_worker, render
    from viewer.ui.scan_view import ScanPane

    app = QApplication.instance() or QApplication([])

    def spin(condition, timeout: float = 600.0) -> None:
        end = time.perf_counter() + timeout
        while not condition():
            app.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError("the benchmark waited too long")
            time.sleep(0.0005)

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        # 1. First page searchable: a fresh process, an empty cache.
        worker = ocr_worker.OcrWorker(Path(folder) / "first.sqlite3", processes)
        arrived: list[ocr.OcrPage] = []
        worker.page_read.connect(lambda _path, page: arrived.append(page))
        start = time.perf_counter()
        worker.recognise(IMAGE_ONLY, "eng", ocr_engine.ON_SCREEN, pages=(0,))
        spin(lambda: bool(arrived))
        figures["first_page_searchable_s"] = round(time.perf_counter() - start, 2)
        assert "LinnSequencer" in arrived[0].text()
        worker.shutdown()

        # 2. Event-loop stalls while pages are recognised, and 3. scrolling the long scan.
        stall_cpu: list[tuple[float, float]] = []

        def heartbeat_gaps(run_for, during) -> list[float]:
            gaps: list[float] = []
            clock = QElapsedTimer()
            clock.start()
            last = [clock.nsecsElapsed(), time.thread_time()]
            stall_cpu.clear()

            def beat() -> None:
                now, cpu = clock.nsecsElapsed(), time.thread_time()
                gaps.append((now - last[0]) / 1e6)
                stall_cpu.append((gaps[-1], (cpu - last[1]) * 1000))
                last[:] = [now, cpu]

            heart = QTimer()
            heart.setTimerType(Qt.TimerType.PreciseTimer)
            heart.setInterval(1)
            heart.timeout.connect(beat)
            heart.start()
            during()
            spin(run_for)
            heart.stop()
            return sorted(gaps[1:])

        worker = ocr_worker.OcrWorker(Path(folder) / "stall.sqlite3", processes)
        read: list[int] = []
        worker.page_read.connect(lambda _path, page: read.append(page.page))
        gaps = heartbeat_gaps(
            lambda: len(read) >= 2 * processes,
            lambda: worker.recognise(LONG_SCAN, "eng", pages=tuple(range(79))),
        )
        figures["gui_stall_max_ms"] = round(gaps[-1], 1)
        figures["gui_stall_cpu_ms"] = round(max(stall_cpu[1:])[1], 1)
        if stall_only:
            worker.shutdown()
            return figures

        if not skip_scroll:
            render_worker = render.PdfWorker()
            pane = ScanPane(render_worker)
            pane.resize(1000, 800)
            pane.show()
            for with_ocr in (False, True):
                worker.set_paused(not with_ocr)
                pane.open_pdf(LONG_SCAN)
                spin(lambda: pane.page_count() > 0)
                pane.go_to_page(0)
                bar = pane.area.verticalScrollBar()
                spin(lambda bar=bar: bar.maximum() > 0)
                step = max(round(bar.maximum() / 78 * 25 * 16 / 1000), 1)
                scroller = QTimer()
                scroller.setInterval(16)
                scroller.timeout.connect(
                    lambda bar=bar, step=step: bar.setValue(min(bar.value() + step, bar.maximum()))
                )
                gaps = heartbeat_gaps(lambda bar=bar: bar.value() >= bar.maximum(), scroller.start)
                scroller.stop()
                p99 = gaps[min(int(len(gaps) * 0.99), len(gaps) - 1)]
                name = "scroll_stall_p99_ms" if with_ocr else "scroll_stall_p99_without_ocr_ms"
                figures[name] = round(p99, 1)
                pane.close_document()
            print(f"pages read while measuring: {len(read)}", file=sys.stderr)
            render_worker.shutdown()
        worker.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--processes", type=int, default=ocr_batch.default_processes())
    parser.add_argument("--skip-scroll", action="store_true")
    parser.add_argument(
        "--stall-only", action="store_true", help="only the first page and the GUI stall"
    )
    args = parser.parse_args()
    ocr.check_language("eng+rus")
    figures: dict[str, object] = {"processes": args.processes, "dpi": ocr.DPI}
    # The window at its normal priority first (its OCR process lowers its own).
    figures.update(window_figures(args.processes, args.skip_scroll, args.stall_only))
    print(json.dumps(figures), file=sys.stderr)
    if args.stall_only:
        print(json.dumps(figures))
        return
    os.nice(19 - os.nice(0))  # as the viewer's OCR process: both sides at the lowest priority
    figures.update(throughput(args.pages, args.processes))
    with tempfile.TemporaryDirectory() as folder:
        facsimiles = facsimile_scans(Path(folder))
        figures.update(engine_choice(facsimiles))
        figures["cer"] = round(accuracy(facsimiles), 4)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
