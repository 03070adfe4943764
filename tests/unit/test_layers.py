"""The domain layer never loads Qt: it runs (and is tested) without a display or PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import viewer.domain


def test_domain_modules_do_not_import_qt() -> None:
    modules = [f"viewer.domain.{m.name}" for m in pkgutil.iter_modules(viewer.domain.__path__)]
    assert "viewer.domain.archive" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_check_and_cite_commands_do_not_import_qt(samples: Path) -> None:
    telegram = samples / "records" / "1949-05-18-telegram"
    code = (
        "import sys\n"
        "from viewer import cli\n"
        f"checked = cli.main(['check', {str(samples)!r}])\n"
        f"cited = cli.main(['cite', {str(telegram)!r}, '--style', 'chicago'])\n"
        "print(checked, cited, sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    # Both commands ran to the end (the check's summary, the citation), then no Qt was loaded.
    assert lines[0].startswith("0 errors, 0 warnings")
    assert "Gary Goldberg, trans., “Telegram from the Leader" in out.stdout
    assert lines[-1] == "0 0 []"


def test_the_window_process_does_not_load_pymupdf_at_start() -> None:
    # PyMuPDF belongs to the render worker's process; loading it here would slow start-up.
    code = "import sys, viewer.app\nprint('pymupdf' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
