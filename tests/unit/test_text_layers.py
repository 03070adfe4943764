"""Scan text layers for the index are read in a worker process, never in the window's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from viewer.services.text_layers import TextLayerError, TextLayerReader


def test_reads_every_page_of_a_scan_text_layer_in_another_process(samples: Path) -> None:
    reader = TextLayerReader()
    try:
        pages = reader(samples / "records" / "1949-05-18-telegram" / "scan.pdf")
        assert len(pages) == 3
        assert "Yesterday, 17 May, Mao Zedong asked me" in " ".join(pages[0].split())
        assert "pymupdf" not in sys.modules or reader._process is not None
    finally:
        reader.close()
    assert reader._process is None


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
