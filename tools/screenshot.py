"""Remake docs/screenshot.png: the reading window on the sample archive, as a person sees it.

Run with `./dev screenshot` (offscreen; no display needed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("path", nargs="?", type=Path, default=REPO / "samples")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    # A fresh user folder: the picture shows the defaults, not this machine's settings.
    os.environ["ARCHIVE_VIEWER_BASEDIR"] = tempfile.mkdtemp(prefix="archive-viewer-shot-")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from viewer.app import Viewer

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Archive Viewer")
    viewer = Viewer()
    window = viewer.window
    window.resize(width, height)
    window.show()
    loop = QEventLoop()
    viewer.scan_pane.first_page_painted.connect(loop.quit)
    QTimer.singleShot(15000, loop.quit)
    window.open_path(args.path)
    loop.exec()
    # Let the transcript and the remaining visible pages arrive.
    settle = QEventLoop()
    QTimer.singleShot(1500, settle.quit)
    settle.exec()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(args.out)
    window.close()
    viewer.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
