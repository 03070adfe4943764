"""Time from process start to the first scan page painted, against the floor of our stack.

The viewer is started as a user starts it (`python -m viewer --startup-probe samples`) and reports
the moment its first scan page is painted. The floor is a bare PySide6 window that opens the same
PDF with PyMuPDF and shows its first page at the same pixel width as the viewer did: nothing can
start faster with these libraries. Both are cold process starts, alternated, offscreen, on a
1440 x 900 screen (a laptop's; the viewer opens at that size).

Prints the runs, then as its last line the JSON
`{"startup_ms": .., "floor_ms": .., "ratio": ..}` (medians).

    .venv/bin/python benchmarks/startup.py [--runs 11] [ARCHIVE]

The package's bytecode is compiled first, as pip does for an installed package (without it,
under PYTHONDONTWRITEBYTECODE, every start would compile the sources again).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", nargs="?", type=Path, default=REPO / "samples")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    compileall.compile_dir(REPO / "viewer", quiet=1, workers=0)
    pdf = next(iter(sorted(args.archive.rglob("*.pdf"))))
    viewer_ms: list[float] = []
    floor_ms: list[float] = []
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
            print(
                f"run {run + 1}: viewer {viewer_ms[-1]:.0f} ms, floor {floor_ms[-1]:.0f} ms "
                f"(page {width} px wide)",
                flush=True,
            )
    startup = statistics.median(viewer_ms)
    floor = statistics.median(floor_ms)
    print(
        json.dumps(
            {
                "startup_ms": round(startup, 1),
                "floor_ms": round(floor, 1),
                "ratio": round(startup / floor, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
