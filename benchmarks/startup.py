"""Time from process start to the first scan page painted, beside a plain script and two peers.

The viewer is started as a user starts it (`python -m viewer --startup-probe samples`) and reports
the moment its first scan page is painted. The baseline (`floor_ms`, named so in the JSON for
comparison with earlier runs) is a naive serial script: a bare PySide6 window that imports Qt and
PyMuPDF, opens the same PDF and shows its first page at the same pixel width as the viewer did,
one step after the other. It is what the simplest program on our stack does, not a floor: a
program that loads its libraries in parallel (as the viewer does) can start faster. Both are
cold process starts, alternated, offscreen, on a 1440 x 900 screen (a laptop's; the viewer opens
at that size).

Peers: when `mupdf` (MuPDF's own viewer) and `qpdfview` are installed (Debian packages `mupdf`,
`qpdfview`) and `Xvfb` and `xwd` are (`xvfb`, `x11-apps`), each is started on the same PDF on a
1440 x 900 virtual X screen, and the screen is captured again and again until a page is on it
(the first capture that is 98% the same as the screen once it has not changed for 1.5 s). The
time is that of the end of that capture: later than the paint by up to one capture's length,
printed as `capture_ms`.

Second launch into a running viewer: a viewer is started on the archive (with the same
settings folder throughout) and left open; then `python -m viewer PDF` is run again and again
on the archive's PDFs in turn, as a file manager does on a double-click. It hands the PDF to the
open window and exits; `second_launch_ms` is the time from its start to that window's first
page of the PDF painted, `second_return_ms` to its exit, `second_cpu_ms` the CPU it used (user
and system: on a busy machine, what the launch itself costs). Those launches import the
package's compiled bytecode, as an installed viewer's do. The same again as `second_source_*`:
launches that import the package from a copy without bytecode and write none (as a checkout
runs under PYTHONDONTWRITEBYTECODE=1): each compiles what it imports. The launch imports only
`viewer`, `viewer.cli` and `viewer.instance` beyond the interpreter's own start (the standard
library's bytecode is the installed Python's in both cases).

Prints the runs, then as its last line the JSON
`{"startup_ms": .., "floor_ms": .., "ratio": .., "mupdf_ms": .., "qpdfview_ms": ..,
"second_launch_ms": .., "second_return_ms": .., "second_cpu_ms": .., "second_source_launch_ms":
.., "second_source_return_ms": .., "second_source_cpu_ms": ..}` (medians; a peer that is not
installed is left out).

    .venv/bin/python benchmarks/startup.py [--runs 11] [ARCHIVE]

The package's bytecode is compiled first, as pip does for an installed package (without it,
under PYTHONDONTWRITEBYTECODE, every start would compile the sources again). `--second-only`
runs the second launches alone.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import queue
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

FLOOR = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QLabel
from PySide6.QtGui import QImage, QPixmap
import pymupdf

class Page(QLabel):
    def paintEvent(self, event):
        super().paintEvent(event)
        if not getattr(self, "_said", False):
            self._said = True
            sys.stdout.write(f"first-page-painted {time.time():.6f}\n")
            sys.stdout.flush()
            app.quit()

app = QApplication(sys.argv[:1])
doc = pymupdf.open(sys.argv[1])
page = doc[0]
scale = float(sys.argv[2]) / page.rect.width
pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888)
label = Page()
label.setPixmap(QPixmap.fromImage(image))
label.resize(pix.width, pix.height)
label.show()
app.exec()
"""


SCREEN = {
    "screens": [
        {
            "name": "laptop",
            "x": 0,
            "y": 0,
            "width": 1440,
            "height": 900,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}
"""A laptop's screen: the offscreen platform's own is 800 x 800."""


def first_paint(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Start `command`; milliseconds until it reports its first page painted, and its width."""
    start = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("first-page-painted "):
            fields = line.split()
            width = int(fields[2]) if len(fields) > 2 else 0
            return (float(fields[1]) - start) * 1000, width
    raise RuntimeError(f"{command[:3]} did not report a painted page:\n{out.stdout}\n{out.stderr}")


PEERS = ("mupdf", "qpdfview")
DISPLAY = ":57"
SETTLED_S = 1.5
"""A screen unchanged this long shows what the program opened with."""


def capture(env: dict[str, str]) -> bytes:
    """Every 13th pixel of the X screen, from an `xwd` capture."""
    raw = subprocess.run(
        ["xwd", "-root", "-silent"], env=env, capture_output=True, check=True, timeout=10
    ).stdout
    fields = [int.from_bytes(raw[i : i + 4], "big") for i in range(0, 80, 4)]
    header, width, bytes_per_line, ncolors = fields[0], fields[4], fields[12], fields[19]
    pixel = bytes_per_line // width
    return bytes(memoryview(raw)[header + 12 * ncolors :][:: pixel * 13])


def alike(one: bytes, other: bytes) -> float:
    """The share of samples two captures have in common."""
    return sum(a == b for a, b in zip(one, other, strict=False)) / max(1, len(one))


def peer_first_page(program: str, pdf: Path, env: dict[str, str]) -> tuple[float, float]:
    """Start `program` on `pdf`; ms until the screen first looks as it does once settled (the
    page shown), and the mean capture's ms."""
    start = time.time()
    process = subprocess.Popen(
        [program, str(pdf)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    shots: list[tuple[float, bytes]] = []
    lengths: list[float] = []
    try:
        while time.time() - start < 30:
            begin = time.time()
            shot = capture(env)
            lengths.append(time.time() - begin)
            shots.append((time.time() - start, shot))
            settled = [t for t, s in shots if s == shot]
            if len(shots) > 3 and settled and shots[-1][0] - settled[0] >= SETTLED_S:
                break
        else:
            raise RuntimeError(f"{program}: the screen did not settle within 30 s")
    finally:
        process.terminate()
        process.wait(10)
    final = shots[-1][1]
    first = next(t for t, s in shots if alike(s, final) >= 0.98)
    return first * 1000, statistics.mean(lengths) * 1000


def start_x_server() -> subprocess.Popen[bytes] | None:
    """A virtual 1440 x 900 X screen for the peers, when they and the tools are installed."""
    if not all(shutil.which(tool) for tool in ("Xvfb", "xwd")):
        return None
    server = subprocess.Popen(
        ["Xvfb", DISPLAY, "-screen", "0", "1440x900x24", "-br", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    return server


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def _next_painted(lines: queue.Queue[str]) -> float:
    """The time of the next page painted the running viewer reports."""
    deadline = time.time() + 60
    while time.time() < deadline:
        line = lines.get(timeout=max(0.1, deadline - time.time()))
        if line.startswith("page-painted "):
            return float(line.split()[1])
    raise RuntimeError("the running viewer painted no page within 60 s")


def second_launches(
    archive: Path, runs: int, env: dict[str, str], *, from_source: bool = False
) -> list[tuple[float, float, float]]:
    """(ms to the page painted in the running window, ms to the launch's exit, the launch's
    own CPU ms) of `runs` launches on the archive's PDFs in turn, handed to one viewer left
    open. The CPU time tells a slow launch from a busy machine.

    With `from_source`, the launches import the package from a copy without its bytecode,
    and write none (PYTHONDONTWRITEBYTECODE): every launch compiles what it imports."""
    pdfs = sorted(archive.rglob("*.pdf"))
    times = []
    with tempfile.TemporaryDirectory() as base:
        run_env = dict(env, ARCHIVE_VIEWER_BASEDIR=base)
        launch_env = dict(run_env)
        if from_source:
            source = Path(base) / "source"
            shutil.copytree(
                REPO / "viewer", source / "viewer", ignore=shutil.ignore_patterns("__pycache__")
            )
            launch_env.update(PYTHONPATH=str(source), PYTHONDONTWRITEBYTECODE="1")
        running = subprocess.Popen(
            [sys.executable, "-m", "viewer", "--handover-probe", str(archive)],
            env=run_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(running.stdout, lines), daemon=True).start()
        try:
            _next_painted(lines)  # the first window is up, and listening
            for run in range(runs):
                # Never the PDF shown: the window opens each one anew.
                pdf = pdfs[(run + 1) % len(pdfs)] if len(pdfs) > 1 else pdfs[0]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.time()
                subprocess.run(
                    [sys.executable, "-m", "viewer", str(pdf)],
                    env=launch_env,
                    check=True,
                    timeout=60,
                )
                returned = time.time()
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                painted = _next_painted(lines)
                times.append(((painted - start) * 1000, (returned - start) * 1000, cpu * 1000))
        finally:
            running.terminate()
            running.wait(10)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", nargs="?", type=Path, default=REPO / "samples")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument(
        "--second-only", action="store_true", help="measure the second launches alone"
    )
    args = parser.parse_args()
    compileall.compile_dir(REPO / "viewer", quiet=1, workers=0)
    if args.second_only:
        return _second_only(args.archive, args.runs)
    pdf = next(iter(sorted(args.archive.rglob("*.pdf"))))
    viewer_ms: list[float] = []
    floor_ms: list[float] = []
    peers = [program for program in PEERS if shutil.which(program)]
    peer_ms: dict[str, list[float]] = {program: [] for program in peers}
    capture_ms: list[float] = []
    server = start_x_server() if peers else None
    if server is None:
        peers = []
    x_env = dict(os.environ, DISPLAY=DISPLAY)
    try:
        with tempfile.TemporaryDirectory() as floor_dir:
            floor_script = Path(floor_dir) / "floor.py"
            floor_script.write_text(FLOOR)
            screen = Path(floor_dir) / "screen.json"
            screen.write_text(json.dumps(SCREEN))
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
            for run in range(args.runs):
                with tempfile.TemporaryDirectory() as base:
                    run_env = dict(env, ARCHIVE_VIEWER_BASEDIR=base)
                    elapsed, width = first_paint(
                        [sys.executable, "-m", "viewer", "--startup-probe", str(args.archive)],
                        run_env,
                    )
                    viewer_ms.append(elapsed)
                # The floor shows the same page at the pixel width the viewer showed it.
                floor_ms.append(
                    first_paint([sys.executable, str(floor_script), str(pdf), str(width)], env)[0]
                )
                line = (
                    f"run {run + 1}: viewer {viewer_ms[-1]:.0f} ms, plain script "
                    f"{floor_ms[-1]:.0f} ms (page {width} px wide)"
                )
                for program in peers:
                    elapsed, capture = peer_first_page(program, pdf, x_env)
                    peer_ms[program].append(elapsed)
                    capture_ms.append(capture)
                    line += f", {program} {elapsed:.0f} ms"
                print(line, flush=True)
            seconds = second_launches(args.archive, args.runs, env)
            uncompiled = second_launches(args.archive, args.runs, env, from_source=True)
            for label, launches in (("", seconds), (" from source", uncompiled)):
                for run, (painted, returned, cpu) in enumerate(launches, 1):
                    print(
                        f"second launch{label} {run}: page painted in the open window "
                        f"{painted:.0f} ms, command returned {returned:.0f} ms "
                        f"(its CPU {cpu:.0f} ms)",
                        flush=True,
                    )
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
    startup = statistics.median(viewer_ms)
    floor = statistics.median(floor_ms)
    figures: dict[str, float | str] = {
        "startup_ms": round(startup, 1),
        "floor_ms": round(floor, 1),
        "ratio": round(startup / floor, 3),
        "pdf": pdf.name,
    }
    for program in peers:
        figures[f"{program}_ms"] = round(statistics.median(peer_ms[program]), 1)
    if capture_ms:
        figures["capture_ms"] = round(statistics.mean(capture_ms), 1)
    figures["second_launch_ms"] = round(statistics.median(t[0] for t in seconds), 1)
    figures["second_return_ms"] = round(statistics.median(t[1] for t in seconds), 1)
    figures["second_cpu_ms"] = round(statistics.median(t[2] for t in seconds), 1)
    figures["second_source_launch_ms"] = round(statistics.median(t[0] for t in uncompiled), 1)
    figures["second_source_return_ms"] = round(statistics.median(t[1] for t in uncompiled), 1)
    figures["second_source_cpu_ms"] = round(statistics.median(t[2] for t in uncompiled), 1)
    print(json.dumps(figures))
    return 0


def _second_only(archive: Path, runs: int) -> int:
    """`--second-only`: the second launches, compiled and from source, and their medians."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    figures: dict[str, float] = {}
    for name, from_source in (("second", False), ("second_source", True)):
        launches = second_launches(archive, runs, env, from_source=from_source)
        for run, (painted, returned, cpu) in enumerate(launches, 1):
            print(
                f"{name} {run}: page painted in the open window {painted:.0f} ms, "
                f"command returned {returned:.0f} ms (its CPU {cpu:.0f} ms)",
                flush=True,
            )
        for index, figure in enumerate(("launch", "return", "cpu")):
            figures[f"{name}_{figure}_ms"] = round(statistics.median(t[index] for t in launches), 1)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
