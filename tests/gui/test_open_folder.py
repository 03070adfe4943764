"""A plain folder of scans opened as it is: what a person sees of its records."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain.model import Record
from viewer.services.pdf_metadata import PdfMetadataReader

SCANS_IN_CORPUS = 17
"""PDFs in the corpus's `scans` folder (nine NARA JFK scans, seven OCRmyPDF samples, a form)."""

CABLE_HEADER = """---
title: "Peru Coca Survey Team Visit To Bolivia"
date: "July 31, 1979"
cable-from: "AmEmbassy La Paz"
cable-to: "Amembissy Lima"
cable-doc-number: "1979LAPAZ06523"
cable-tags: "SNAR, BL, PE"
---

# DEPARTMENT OF STATE TELEGRAM

::: {.cable-meta}
:::

Mission concurs with Peru Coca Survey Team visit to Bolivia. Team will be met and other
details arranged.
"""


def open_and_wait(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)


def ink_fraction(viewer: Viewer) -> float:
    """How much of the scan area is darker than paper."""
    image = viewer.scan_pane.grab().toImage()
    dark = total = 0
    for y in range(0, image.height(), 6):
        for x in range(0, image.width(), 6):
            total += 1
            if image.pixelColor(x, y).lightness() < 160:
                dark += 1
    return dark / max(total, 1)


def listed_titles(viewer: Viewer) -> list[str]:
    return [record.title for record in viewer.window.records.shown_records()]


def test_the_corpus_scans_folder_lists_every_scan_titled_and_numbered_by_its_name(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, corpus / "scans")
    assert len(listed_titles(viewer)) == SCANS_IN_CORPUS
    assert window.records_dock.windowTitle() == f"Records ({SCANS_IN_CORPUS})"
    titles = set(listed_titles(viewer))
    assert {"104-10006-10247", "104-10188-10003", "ocrmypdf multipage"} <= titles
    # The record on screen: its NARA record number, read from the name and shown as a guess.
    chosen = next(r for r in window.records.shown_records() if r.title == "104-10188-10003")
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        window.show_record(chosen)
    assert window.metadata.value("Title") == "104-10188-10003"
    assert window.metadata.value("Identifier") == "104-10188-10003"
    assert window.metadata.is_guessed("Identifier")
    assert "104-10188-10003 (guessed)" in window.metadata.shown_text()
    assert ink_fraction(viewer) > 0.01
    # No transcript beside it: its own text layer is shown instead, and said to be.
    qtbot.waitUntil(lambda: "Page 1" in window.transcript.plain_text(), timeout=15000)
    assert "text layer" in window.transcript.notice()


def test_a_sidecar_transcript_is_shown_beside_its_scan_with_its_header_as_metadata(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cables"
    folder.mkdir()
    shutil.copy(corpus / "scans" / "104-10006-10247_ocr.pdf", folder / "cable_1979-07-31.pdf")
    (folder / "cable_1979-07-31.qmd").write_text(CABLE_HEADER, encoding="utf-8")
    viewer = make_viewer()
    window = viewer.window
    open_and_wait(qtbot, viewer, folder)
    qtbot.waitUntil(lambda: "Mission concurs" in window.transcript.plain_text(), timeout=10000)
    text = window.transcript.plain_text()
    assert "DEPARTMENT OF STATE TELEGRAM" in text
    assert "cable-doc-number" not in text and ":::" not in text
    assert window.metadata.value("Title") == "Peru Coca Survey Team Visit To Bolivia"
    assert not window.metadata.is_guessed("Title")
    assert window.metadata.value("Date") == "July 31, 1979"
    assert window.metadata.value("Author") == "AmEmbassy La Paz"
    assert window.metadata.value("Identifier") == "1979LAPAZ06523"
    assert window.metadata.value("Available in") == "English transcription"
    assert ink_fraction(viewer) > 0.01


def test_a_date_in_a_file_name_is_shown_as_guessed(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], corpus: Path, tmp_path: Path
) -> None:
    shutil.copy(corpus / "scans" / "ocrmypdf_linn.pdf", tmp_path / "memo 19490518.pdf")
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, tmp_path)
    metadata = viewer.window.metadata
    assert metadata.value("Date") == "May 18, 1949"
    assert metadata.is_guessed("Date")
    assert "May 18, 1949 (guessed)" in metadata.shown_text()
    assert not list(tmp_path.glob(".*")), "nothing is written into the folder"


def test_photos_of_one_document_open_as_one_scan_of_several_pages(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    for number in (1, 2, 3):
        doc = pymupdf.open()
        page = doc.new_page(width=300, height=400)
        page.draw_rect(pymupdf.Rect(20, 20, 280, 380), color=(0, 0, 0), fill=(0, 0, 0))
        page.get_pixmap().save(tmp_path / f"letter_{number:03d}.png")
        doc.close()
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, tmp_path)
    assert listed_titles(viewer) == ["letter"]
    assert viewer.scan_pane.page_count() == 3
    assert ink_fraction(viewer) > 0.2
    assert viewer.window.metadata.value("Scan") == "3 photos"


def test_titles_from_the_pdfs_own_metadata_fill_in_the_list_after_it_is_shown(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    for number in range(1, 4):
        doc = pymupdf.open()
        doc.new_page().insert_text((72, 72), f"Memo {number}")
        doc.set_metadata({"title": f"Memorandum number {number}", "author": "Records Office"})
        doc.save(tmp_path / f"scan_{number:04d}.pdf")
        doc.close()
    (tmp_path / "unreadable.pdf").write_bytes(b"not a PDF at all")
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.pdf_metadata_read, timeout=30000):
        open_and_wait(qtbot, viewer, tmp_path)
    titles = sorted(listed_titles(viewer))
    assert titles == [
        "Memorandum number 1",
        "Memorandum number 2",
        "Memorandum number 3",
        "unreadable",
    ]
    record = window.current_record()
    assert record is not None and record.title.startswith("Memorandum number")
    assert window.metadata.value("Author") == "Records Office"
    assert window.metadata.is_guessed("Title") and window.metadata.is_guessed("Author")
    # The search index is built with the titles the PDFs gave, not their file names.
    box = window.search.search_box()
    with qtbot.waitSignal(window.search.results_shown, timeout=30000):
        window.search_action.trigger()
        qtbot.keyClicks(box, "Memorandum")
    hits = {hit.record_id for hit in window.search.result_model().hits()}
    assert hits == {"scan_0001", "scan_0002", "scan_0003"}


def test_the_list_marks_a_folders_pdfs_without_a_text_layer_once_they_are_read(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A typed memorandum")
    doc.save(tmp_path / "memo_typed.pdf")
    doc.close()
    doc = pymupdf.open()  # a scan: a picture of a page, no text
    page = doc.new_page(width=300, height=400)
    page.draw_rect(pymupdf.Rect(20, 20, 280, 380), color=(0, 0, 0), fill=(0.2, 0.2, 0.2))
    picture = page.get_pixmap()
    doc.close()
    doc = pymupdf.open()
    doc.new_page(width=300, height=400).insert_image(pymupdf.Rect(0, 0, 300, 400), pixmap=picture)
    doc.save(tmp_path / "memo_scanned.pdf")
    doc.close()
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, tmp_path)
    model = viewer.window.records.model()

    def row(record_id: str) -> QModelIndex:
        rows = [model.index(row, 0) for row in range(model.rowCount())]
        (index,) = [i for i in rows if getattr(model.record_at(i), "id", "") == record_id]
        return index

    def tooltip(record_id: str) -> str:
        return str(row(record_id).data(Qt.ItemDataRole.ToolTipRole))

    qtbot.waitUntil(lambda: "No text layer" in tooltip("memo_scanned"), timeout=30000)
    assert "No text layer" not in tooltip("memo_typed")
    assert row("memo_scanned").data(Qt.ItemDataRole.DecorationRole) is not None
    assert row("memo_typed").data(Qt.ItemDataRole.DecorationRole) is None


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="changes are watched with Linux's inotify"
)
def test_a_title_from_the_pdf_stays_when_its_record_is_read_again_after_an_edit_on_disk(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    # An imported archive: the titles were guessed from file names, the PDFs know better.
    for number in (1, 2):
        folder = tmp_path / f"scan-{number}"
        folder.mkdir()
        doc = pymupdf.open()
        doc.new_page().insert_text((72, 72), f"Memo {number}")
        doc.set_metadata({"title": f"Memorandum number {number}"})
        doc.save(folder / "scan.pdf")
        doc.close()
        (folder / "record.toml").write_text(
            f'id = "scan-{number}"\ntitle = "scan {number}"\ninferred = ["title"]\n',
            encoding="utf-8",
        )
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(window.pdf_metadata_read, timeout=30000):
        open_and_wait(qtbot, viewer, tmp_path)
    assert sorted(listed_titles(viewer)) == ["Memorandum number 1", "Memorandum number 2"]

    def watching() -> bool:
        feature = window.later.search_feature
        keeper = feature._keeper if feature is not None else None
        return keeper is not None and bool(keeper._worker._folders) and feature.panel._ready

    qtbot.waitUntil(watching, timeout=20000)
    toml = tmp_path / "scan-2" / "record.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + 'summary = "Seen again"\n', "utf-8")
    qtbot.waitUntil(
        lambda: any(r.summary == "Seen again" for r in window.records.shown_records()),
        timeout=15000,
    )
    assert sorted(listed_titles(viewer)) == ["Memorandum number 1", "Memorandum number 2"]
    # The search index has it too.
    with qtbot.waitSignal(window.search.results_shown, timeout=30000):
        window.search_action.trigger()
        qtbot.keyClicks(window.search.search_box(), "Memorandum")
    hits = {hit.record_id for hit in window.search.result_model().hits()}
    assert hits == {"scan-1", "scan-2"}


def test_a_folder_opened_again_lists_its_pdfs_titles_at_once_and_reads_only_changed_pdfs(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    past = 1_600_000_000  # settled: the cache keeps only what did not change in its last seconds

    def make(number: int, title: str, when: int = past) -> None:
        doc = pymupdf.open()
        doc.new_page().insert_text((72, 72), f"Memo {number}")
        doc.set_metadata({"title": title})
        path = scans / f"scan_{number:04d}.pdf"
        doc.save(path)
        doc.close()
        os.utime(path, (when, when))

    scans = tmp_path / "scans"
    scans.mkdir()
    for number in range(1, 4):
        make(number, f"Memorandum number {number}")
    os.utime(scans, (past, past))
    probed: list[str] = []
    feed = PdfMetadataReader._feed

    def feeding(
        reader: PdfMetadataReader, process: object, metadata: list[Record], texts: list[Record]
    ) -> None:
        probed.extend(record.id for record in metadata)
        feed(reader, process, metadata, texts)  # type: ignore[arg-type]

    monkeypatch.setattr(PdfMetadataReader, "_feed", feeding)
    viewer = make_viewer()
    with qtbot.waitSignal(viewer.window.pdf_metadata_read, timeout=30000):
        open_and_wait(qtbot, viewer, scans)
    qtbot.waitUntil(lambda: any((tmp_path / "basedir").rglob("*.pdfs.pickle")), timeout=30000)
    assert sorted(probed) == ["scan_0001", "scan_0002", "scan_0003"]
    viewer.window.close()
    # One PDF replaced; the others as they were.
    make(2, "Memorandum two, revised", past + 60)
    probed.clear()
    again = make_viewer()
    listed: list[list[str]] = []
    again.window.archive_opened.connect(
        lambda archive: listed.append(sorted(r.title for r in archive.records))
    )
    with qtbot.waitSignal(again.window.pdf_metadata_read, timeout=30000):
        open_and_wait(qtbot, again, scans)
    # Listed at once with the titles the PDFs gave last time...
    assert "Memorandum number 1" in listed[0] and "Memorandum number 3" in listed[0]
    # ... and only the replaced PDF is opened again.
    assert probed == ["scan_0002"]
    qtbot.waitUntil(
        lambda: (
            sorted(listed_titles(again))
            == ["Memorandum number 1", "Memorandum number 3", "Memorandum two, revised"]
        ),
        timeout=10000,
    )


def test_machine_reading_waits_for_a_folders_pdf_metadata(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], tmp_path: Path
) -> None:
    for number in range(1, 4):
        doc = pymupdf.open()
        doc.new_page().insert_text((72, 72), f"Memo {number}")
        doc.set_metadata({"title": f"Memorandum number {number}"})
        doc.save(tmp_path / f"scan_{number:04d}.pdf")
        doc.close()
    viewer = make_viewer()
    started: list[bool] = []

    def first_page() -> None:
        started.append(viewer.ocr_worker is not None)

    viewer.scan_pane.first_page_painted.connect(first_page)
    with qtbot.waitSignal(viewer.window.pdf_metadata_read, timeout=30000):
        open_and_wait(qtbot, viewer, tmp_path)
    # Not with the first page (the PDFs' metadata is read then), but once it is read.
    assert started == [False]
    qtbot.waitUntil(lambda: viewer.ocr_worker is not None, timeout=5000)
