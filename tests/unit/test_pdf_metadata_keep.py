"""A plain folder's records, as its PDFs' metadata completed them, are kept for the next opening
by a child process: never by the window's, whose interpreter lock that work would hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.test_folder_cache import make_pdf, read, settle, titles
from viewer import paths
from viewer.domain.formats import folder, folder_cache
from viewer.services.pdf_metadata import PdfMetadataReader


def test_a_folders_records_are_kept_for_the_next_opening_by_a_child_process(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "scans"
    (root / "box").mkdir(parents=True)
    make_pdf(root / "1949-05-18_letter.pdf", "Letter to the Ambassador")
    make_pdf(root / "box" / "memo_0001.pdf", "Memo on the harbour")
    settle(root / "box", root)
    archive, _ = read(root)

    def not_here(_root: Path) -> None:
        raise AssertionError("the records were kept by the window's own process")

    keep_shown = folder.keep_shown
    monkeypatch.setattr(folder, "keep_shown", not_here)
    reader = PdfMetadataReader()
    try:
        with qtbot.waitSignal(reader.text_layers_read, timeout=30_000):
            reader.read(archive)
        shown = folder_cache.ShownRecords(paths.cache_dir() / "catalogues", root.resolve())
        qtbot.waitUntil(shown.file.exists, timeout=20_000)
    finally:
        reader.close()
    monkeypatch.setattr(folder, "keep_shown", keep_shown)
    _, early = read(root)
    # Listed at once with the titles the PDFs gave, before anything was read again.
    assert titles(early[0]) == ["Letter to the Ambassador", "Memo on the harbour"]
