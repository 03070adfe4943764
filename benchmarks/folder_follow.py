"""A plain folder followed while it is open: how soon what changes on disk shows in the window,
and what following it costs the window.

A generated folder of `--pdfs` PDFs (default 1,000, in `--subfolders` subfolders, default 10,
as `benchmarks/open_folder.py` makes them) is opened in a window and, once its files are watched
and its PDFs' metadata read, changed as a person would change it, one step at a time:

1. `added`: one PDF downloaded into it (copied in as `x.pdf.part`, then renamed, as a
   browser does): `added_row_ms` until its row is listed (titled by its file name), `added_title_ms`
   until the title its PDF's info gives is listed;
2. `batch`: 200 PDFs copied into a new subfolder at once: `batch_rows_ms` until all 200 are
   listed, `batch_titles_ms` until all show their PDFs' titles, `batch_rereads` how many times
   the folder was read again for them;
3. `sidecar`: the transcript of the record on screen written again: `sidecar_ms` until the
   transcript pane shows the new text;
4. `removed`: a PDF deleted: `removed_ms` until its row is gone.

First the folder is left alone for 3 s (`idle`): its `stall_idle` is what the machine's load
(and the opening's own work in the background: the index) costs the window. Each time runs from
the start of the file operation (by a shell started from the window's thread between two beats,
as another program would change the folder) to the first 5 ms beat that sees the result.
`stall_ms` is the GUI thread's longest gap between beats over the four steps (`stall_<step>`
for each), `stall_cpu_ms` the CPU time it spent within that gap (the work that held it; on a
busy machine `stall_ms` also counts what other programs took). `watched_folders` and
`polled_folders` say how the folder is followed (`--subfolders 1000`: a folder of 1,000
subfolders).

    .venv/bin/python benchmarks/folder_follow.py [--pdfs 1000] [--subfolders 10] [--workdir DIR]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BATCH = 200


def make_pdf(path: Path, title: str, text: str) -> None:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text, fontsize=11)
    doc.set_metadata({"title": title})
    doc.save(path)
    doc.close()


def generate(root: Path, count: int, folders: int) -> None:
    for number in range(count):
        year, month, day = 1950 + number % 30, 1 + number % 12, 1 + number % 28
        folder = root / f"box-{number % folders:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{year}-{month:02d}-{day:02d}_memo_{number:04d}"
        make_pdf(folder / f"{name}.pdf", f"Memorandum number {number}", f"Memorandum {number}")
    (root / "box-0000" / "1950-01-01_memo_0000.txt").write_text("The first draft.\n")


def run(root: Path, extra: Path) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.app import Viewer

    app = QApplication.instance() or QApplication([])
    viewer = Viewer()
    window = viewer.window
    window.resize(1400, 900)
    window.show()
    rereads = [0]
    reread = viewer.jobs.reread_archive

    def counted(*args: object, **kwargs: object) -> int:
        rereads[0] += 1
        return reread(*args, **kwargs)  # type: ignore[arg-type]

    viewer.jobs.reread_archive = counted  # type: ignore[method-assign]
    clock = QElapsedTimer()
    figures: dict[str, float] = {}
    worst = [0.0, 0.0]
    """The longest gap between beats once the folder is changed, and the GUI's CPU in it."""
    last = [0, time.thread_time()]
    measuring = [False]

    def titles() -> set[str]:
        library = window.later.library
        return {r.title for r in library.shown_records()} if library is not None else set()

    def ready() -> bool:
        follow = window.later.folder_follow()
        watch = follow.watching() if follow is not None else None
        if watch is None or watch.coverage is None:
            return False
        figures["watched_folders"] = watch.coverage.watched
        figures["polled_folders"] = watch.coverage.polled
        return (
            not window.later.metadata_pending()
            and "The first draft." in window.transcript.plain_text()
        )

    first = root / "box-0000" / "1950-01-01_memo_0000.pdf"
    steps: list[tuple[str, Callable[[], None], Callable[[], bool]]] = []

    # Each change is made by another process, as a browser, a file manager or an editor makes
    # it: the window's thread only starts it.
    def shell(command: str) -> Callable[[], None]:
        return lambda: processes.append(subprocess.Popen(["sh", "-c", command]))

    processes: list[subprocess.Popen[bytes]] = []
    add_one = shell(
        f"cp '{extra.parent / 'download.pdf'}' '{root}/1963-11-22_downloaded.pdf.part' && "
        f"mv '{root}/1963-11-22_downloaded.pdf.part' '{root}/1963-11-22_downloaded.pdf'"
    )

    # Listed under its file name, or already under its PDF's title.
    named = {"1963-11-22 downloaded", "A downloaded cable"}
    steps.append(("added_row_ms", add_one, lambda: bool(named & titles())))
    steps.append(("added_title_ms", lambda: None, lambda: "A downloaded cable" in titles()))

    copy = shell(f"cp -r '{extra}' '{root}/box-new'")

    def copy_batch() -> None:
        rereads[0] = 0
        copy()

    def batch_count(*starts: str) -> int:
        return sum(1 for t in titles() if t.startswith(starts))

    steps.append(
        ("batch_rows_ms", copy_batch, lambda: batch_count("copied ", "Copied memo") == BATCH)
    )
    steps.append(("batch_titles_ms", lambda: None, lambda: batch_count("Copied memo") == BATCH))

    write = shell(f"echo 'The corrected text.' > '{root}/box-0000/1950-01-01_memo_0000.txt'")

    def write_sidecar() -> None:
        figures["batch_rereads"] = rereads[0]
        write()

    steps.append(
        ("sidecar_ms", write_sidecar, lambda: "corrected" in window.transcript.plain_text())
    )
    gone = next((root / "box-0005").glob("*_memo_0005.pdf"))
    steps.append(
        ("removed_ms", shell(f"rm '{gone}'"), lambda: "Memorandum number 5" not in titles())
    )
    started = [0]
    stall_in = [""]
    stalls: dict[str, float] = {}
    idle_until = [0]

    def idle() -> None:
        idle_until[0] = clock.nsecsElapsed() + 3_000_000_000

    steps.insert(0, ("idle_ms", idle, lambda: clock.nsecsElapsed() > idle_until[0]))

    def beat() -> None:
        now = clock.nsecsElapsed()
        cpu = time.thread_time()
        if measuring[0]:
            gap = (now - last[0]) / 1e6 - 5
            step = steps[0][0] if steps else "after"
            if gap > worst[0] and step != "idle_ms":
                worst[0] = gap
                worst[1] = (cpu - last[1]) * 1000
                stall_in[0] = step
            key = "stall_" + step.removesuffix("_ms")
            stalls[key] = max(stalls.get(key, 0.0), round(gap, 1))
        last[0], last[1] = now, cpu
        if not measuring[0]:
            if ready():
                measuring[0] = True
                name, act, _ = steps[0]
                started[0] = clock.nsecsElapsed()
                act()
            return
        if not steps:
            return
        name, _, seen = steps[0]
        if seen():
            figures[name] = round((clock.nsecsElapsed() - started[0]) / 1e6, 1)
            steps.pop(0)
            if not steps:
                QTimer.singleShot(300, app.quit)
                return
            _, act, _ = steps[0]
            if name not in ("added_row_ms", "batch_rows_ms"):  # titles: the same files
                started[0] = clock.nsecsElapsed()
            act()

    heart = QTimer()
    heart.setTimerType(Qt.TimerType.PreciseTimer)
    heart.setInterval(5)
    heart.timeout.connect(beat)
    QTimer.singleShot(180_000, app.quit)
    clock.start()
    last[0] = clock.nsecsElapsed()
    heart.start()
    window.open_path(root)
    app.exec()
    heart.stop()
    figures["stall_ms"] = round(worst[0], 1)
    figures["stall_cpu_ms"] = round(worst[1], 1)
    print(f"longest stall while waiting for {stall_in[0]}")
    figures.update(stalls)
    if steps:
        figures["unfinished"] = len(steps)
    for process in processes:
        process.wait()
    window.close()
    viewer.shutdown()
    assert first.exists()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument("--subfolders", type=int, default=10)
    parser.add_argument("--workdir", type=Path)
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="folder-follow-"))
    os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(work / "basedir")
    root = work / "pdfs"
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(work / "basedir", ignore_errors=True)
    generate(root, options.pdfs, options.subfolders)
    extra = work / "batch"
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir()
    make_pdf(work / "download.pdf", "A downloaded cable", "Downloaded")
    for number in range(BATCH):
        make_pdf(extra / f"copied_{number:03d}.pdf", f"Copied memorandum {number}", "Copied")
    figures = run(root, extra)
    print(
        f"{options.pdfs} PDFs in {options.subfolders} subfolders of {root}; "
        f"load {os.getloadavg()[0]:.2f}"
    )
    for name, value in figures.items():
        print(f"  {name:16} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
