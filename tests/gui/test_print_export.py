"""File > Print (to a PDF file here), Export Reading Copy and Export Transcript, as a reader
gets them: the pages, the citation at the foot of each, and the exports' exact text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.services import reading_copy

CITATION = '"Specimen: a note for readers of this archive," November 27, 2026.'
TITLE = "Specimen: a note for readers of this archive"

PLAIN = f"""{TITLE}
{CITATION}

{TITLE}

Archive Viewer, 27 November 2026

To the reader of this archive:

This letter is a specimen. The Archive Viewer project wrote it and typed it for the sample \
archive that comes with the viewer. It is not a historical document, and it has no original \
anywhere else. It is here to show how a record is read.

1. The transcript stands beside the scan. The transcript is text you can search, select and \
copy; the scan shows the page as it looks. This scan is a facsimile typeset by the project.
2. Square brackets mark the editor's notes, never the author's. When a typist slips, as teh \
[SIC, the] typist of this letter did, the transcript keeps the slip and adds a note after it.
3. The citation names the document, its date, the collection and where the original is held. \
Copy it from the record's information when you quote a document.
4. A record can be read in more than one language. This one has a Russian translation made by \
the project.

The first record of the archive, a telegram of 18 May 1949 [record 1949-05-18-telegram in this \
archive], shows all of this with a real document.

Archive Viewer
"""

MARKDOWN = f"""# {TITLE}

> {CITATION}

# {TITLE}

Archive Viewer, 27 November 2026

To the reader of this archive:

This letter is a *specimen*. The Archive Viewer project wrote it and typed it
for the sample archive that comes with the viewer. It is not a historical
document, and it has no original anywhere else. It is here to show how a record
is read.

1.  **The transcript** stands beside **the scan**. The transcript is text you can
    search, select and copy; the scan shows the page as it looks. This scan is
    a facsimile typeset by the project.
2.  Square brackets mark the editor's notes, never the author's. When a typist
    slips, as teh \\[SIC, the] typist of this letter did, the transcript keeps
    the slip and adds a note after it.
3.  The citation names the document, its date, the collection and where the
    original is held. Copy it from the record's information when you quote a
    document.
4.  A record can be read in more than one language. This one has a Russian
    translation made by the project.

The first record of the archive, a telegram of 18 May 1949 \\[record
1949-05-18-telegram in this archive], shows all of this with a real document.

*Archive Viewer*
"""

HTML_HEAD = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE}</title>
</head>
<body>
<h1>{TITLE}</h1>
<p class="citation">&quot;Specimen: a note for readers of this archive,&quot; November 27, 2026.</p>
<h1>{TITLE}</h1>
<p>Archive Viewer, 27 November 2026</p>
"""
HTML_NOTE = '<span class="editorial">[SIC, the]</span>'
HTML_TAIL = "<p><em>Archive Viewer</em></p>\n</body>\n</html>\n"


def _open(qtbot: QtBot, record: Path) -> Viewer:
    """A window showing `record`, its transcript and scan in place."""
    made = Viewer()
    qtbot.addWidget(made.window)
    made.window.resize(1200, 800)
    made.window.show()
    made.window.open_path(record)
    window = made.window
    qtbot.waitUntil(
        lambda: window.display.transcript is not None and window.scan.area.info is not None,
        timeout=20000,
    )
    return made


@pytest.fixture
def viewer(qtbot: QtBot, samples: Path) -> Iterator[Viewer]:
    made = _open(qtbot, samples / "records" / "specimen-bilingual")
    yield made
    made.window.close()
    made.shutdown()


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))


def _copy(qtbot: QtBot, viewer: Viewer) -> reading_copy.Copy:
    got: list[reading_copy.Copy] = []
    assert viewer.window.printing().gather(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    return got[0]


def _footers(pdf: Path) -> list[str]:
    with pymupdf.open(pdf) as document:
        return [page.get_text().strip().splitlines()[-1] for page in document]


def test_print_to_a_pdf_file_gives_text_and_scan_pages_each_with_the_citation_below(
    qtbot: QtBot, viewer: Viewer, tmp_path: Path
) -> None:
    copy = _copy(qtbot, viewer)
    assert len(copy.scans) == 1
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    painted = viewer.window.printing().print_on(copy, printer)
    del printer
    footers = _footers(tmp_path / "printed.pdf")
    assert len(footers) == painted >= 2
    assert footers == [f"{CITATION}  ({n}/{painted})" for n in range(1, painted + 1)]
    with pymupdf.open(tmp_path / "printed.pdf") as document:
        first = document[0].get_text()
        assert first.startswith(f"{TITLE}\n{CITATION}\n")
        assert "To the reader of this archive:" in first
        last = document[painted - 1]
        assert last.get_images()  # the scan's page, as drawn for paper
        assert last.get_text().strip() == f"{CITATION}  ({painted}/{painted})"


def test_print_of_the_current_page_gives_the_scan_page_on_screen(
    qtbot: QtBot, viewer: Viewer, tmp_path: Path
) -> None:
    copy = _copy(qtbot, viewer)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "current.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert viewer.window.printing().print_on(copy, printer) == 1
    del printer
    with pymupdf.open(tmp_path / "current.pdf") as document:
        assert document.page_count == 1
        assert document[0].get_images()
        assert "To the reader" not in document[0].get_text()


def test_ctrl_p_shows_the_print_preview(qtbot: QtBot, viewer: Viewer) -> None:
    action = viewer.window.commands["print"]
    assert action.shortcut().toString() == "Ctrl+P"
    action.trigger()
    feature = viewer.window.printing()
    qtbot.waitUntil(
        lambda: feature.preview is not None and feature.preview.isVisible(), timeout=20000
    )
    assert feature.preview is not None
    feature.preview.reject()


def test_export_reading_copy_writes_one_pdf_with_the_citation_on_every_page(
    qtbot: QtBot, viewer: Viewer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.pdf"
    _save_as(monkeypatch, target)
    viewer.window.commands["export_reading_copy"].trigger()
    qtbot.waitUntil(target.is_file, timeout=20000)
    footers = _footers(target)
    assert len(footers) >= 2
    assert all(f.startswith(f"{CITATION}  (") for f in footers)
    assert viewer.window.messages.channel.history[-1].text == (
        f"Reading copy of {len(footers)} pages written to copy.pdf"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("export_transcript_txt", ".txt"), ("export_transcript_md", ".md")],
)
def test_transcript_exports_say_title_citation_and_text_exactly(
    viewer: Viewer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, suffix: str
) -> None:
    target = tmp_path / f"transcript{suffix}"
    _save_as(monkeypatch, target)
    viewer.window.commands[command].trigger()
    assert target.read_text(encoding="utf-8") == (PLAIN if suffix == ".txt" else MARKDOWN)
    assert viewer.window.messages.channel.history[-1].text == (
        f"Transcript written to {target.name}"
    )


def test_transcript_export_as_html_is_a_page_with_the_notes_marked(
    viewer: Viewer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "transcript.html"
    _save_as(monkeypatch, target)
    viewer.window.commands["export_transcript_html"].trigger()
    text = target.read_text(encoding="utf-8")
    assert text.startswith(HTML_HEAD)
    assert HTML_NOTE in text
    assert text.endswith(HTML_TAIL)


def test_export_without_a_record_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    made = Viewer()
    qtbot.addWidget(made.window)
    try:
        made.window.commands["export_reading_copy"].trigger()
        assert made.window.messages.channel.history[-1].text == (
            "Open a record first: there is nothing to print or export."
        )
        made.window.commands["export_transcript_txt"].trigger()
        assert made.window.messages.channel.history[-1].text == (
            "This record has no transcript to export."
        )
    finally:
        made.shutdown()


def test_a_citation_of_three_lines_is_printed_whole_at_the_foot_of_every_page(
    qtbot: QtBot, samples: Path, tmp_path: Path
) -> None:
    made = _open(qtbot, samples / "records" / "1949-05-18-telegram")
    window = made.window
    try:
        copy = _copy(qtbot, made)
        assert copy.footer.startswith('"Telegram from the leader of the group of Soviet')
        assert copy.footer.endswith("Translated by Gary Goldberg.")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "telegram.pdf"))
        painted = window.printing().print_on(copy, printer)
        del printer
        with pymupdf.open(tmp_path / "telegram.pdf") as document:
            for number, page in enumerate(document, start=1):
                text = " ".join(page.get_text().split())
                assert text.endswith(f"{copy.footer}  ({number}/{painted})".replace("  ", " "))
    finally:
        made.window.close()
        made.shutdown()
