"""Scan text layers for the index are read in a worker process, never in the window's."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from viewer.services.text_layers import TextLayerError, TextLayerReader

REPO = Path(__file__).resolve().parent.parent.parent


def test_reads_every_page_of_a_scan_text_layer_in_another_process(samples: Path) -> None:
    reader = TextLayerReader()
    try:
        pages = reader(samples / "records" / "1949-05-18-telegram" / "scan.pdf")
        assert len(pages) == 3
        assert "Yesterday, 17 May, Mao Zedong asked me" in " ".join(pages[0].split())
        assert reader._process is not None and reader._process.poll() is None
    finally:
        reader.close()
    assert reader._process is None


def test_text_layers_are_read_without_loading_pymupdf_in_the_viewers_process(
    samples: Path,
) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from viewer.services.text_layers import TextLayerReader\n"
        "reader = TextLayerReader()\n"
        f"pages = reader(Path({str(samples / 'records' / '1949-05-18-telegram' / 'scan.pdf')!r}))\n"
        "reader.close()\n"
        "print(len(pages), 'Manchuria' in pages[1], 'pymupdf' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3", "True", "False"]


def test_an_unreadable_pdf_is_an_error_and_the_reader_goes_on(
    samples: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnothing here\n")
    reader = TextLayerReader()
    try:
        with pytest.raises(TextLayerError, match="not a PDF that can be opened"):
            reader(broken)
        pages = reader(samples / "records" / "specimen-card" / "scan.pdf")
        assert "Telegram Nº 54611" in pages[0]
    finally:
        reader.close()


def test_a_page_whose_text_takes_minutes_fails_its_pdf_naming_the_page_and_the_reader_goes_on(
    samples: Path, tmp_path: Path
) -> None:
    slow = _hostile().slow_pdf(tmp_path / "slow.pdf")  # minutes to read its one page
    reader = TextLayerReader(page_budget_s=1.0)
    try:
        start = time.monotonic()
        with pytest.raises(TextLayerError) as caught:
            reader(slow)
        assert str(caught.value) == "slow.pdf: reading page 1 takes over 1 s"
        assert time.monotonic() - start < 15  # not the minutes of the page
        pages = reader(samples / "records" / "specimen-card" / "scan.pdf")
        assert "Telegram Nº 54611" in pages[0]
    finally:
        reader.close()


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", REPO / "tools" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
