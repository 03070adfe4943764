"""OCR of image-only scans: language choice, words and their places, the cache, the command."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from viewer import cli
from viewer.domain import archive, model, ocr, ocr_batch, ocr_cache

SCANS = "scans"


def _needs_tesseract(*languages: str) -> None:
    if ocr.tesseract_program() is None:
        pytest.skip("Tesseract is not installed (Debian: apt-get install tesseract-ocr)")
    missing = [name for name in languages if name not in ocr.installed_languages()]
    if missing:
        pytest.skip(f"Tesseract has no language data for {', '.join(missing)}")


def image_only_copy(source: Path, target: Path, pages: int | None = None, dpi: int = 200) -> Path:
    """`source` with every page replaced by a picture of itself: a scan with no text layer."""
    with pymupdf.open(source) as doc, pymupdf.open() as out:
        for page in list(doc)[:pages]:
            pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
            new = out.new_page(width=page.rect.width, height=page.rect.height)
            new.insert_image(new.rect, stream=pix.tobytes("png"))
        out.save(target)
    return target


def _word(page: ocr.OcrPage, text: str) -> ocr.OcrWord:
    matches = [w for w in page.words if w.text.strip(".,;:") == text]
    assert matches, f"{text!r} not among {[w.text for w in page.words][:40]}"
    return matches[0]


# Language and layout, without Tesseract


def test_record_languages_choose_tesseract_language_data() -> None:
    installed = ocr.installed_languages()
    if installed and not {"eng", "rus"} <= installed:
        pytest.skip("needs the eng and rus language data")
    assert ocr.tesseract_language(["ru"]) == "rus"
    assert ocr.tesseract_language(["en", "ru-Latn"]) == "eng+rus"
    assert ocr.tesseract_language([], fallback="eng") == "eng"


def test_words_of_tesseract_output_are_mapped_to_page_points_and_joined_in_lines() -> None:
    header = "\t".join(
        [
            "level",
            "page_num",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        ]
    )
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t200\t50\t20\t96.5\tSecret",
        "5\t1\t1\t1\t1\t2\t160\t200\t40\t20\t31.0\tcab1e",
        "5\t1\t2\t1\t1\t1\t100\t400\t80\t20\t90\tMoscow",
        "4\t1\t2\t1\t1\t0\t100\t400\t80\t20\t-1\t",
    ]
    words = ocr.parse_tsv("\n".join([header, *rows]), ocr.scale_transform(300 / 72))
    page = ocr.OcrPage(0, "eng", words)
    assert page.text() == "Secret cab1e\n\nMoscow"
    assert words[0].x0 == pytest.approx(24.0) and words[0].y1 == pytest.approx(52.8)
    assert [w.doubtful for w in words] == [False, True, False]


def test_a_huge_page_is_drawn_at_a_lower_resolution_or_refused() -> None:
    assert ocr.page_dpi(612, 792) == 300
    assert 70 < ocr.page_dpi(612 * 4, 792 * 4) < 300
    assert ocr.page_dpi(14400, 14400) < ocr.MIN_DPI


def test_missing_language_data_names_the_package_to_install() -> None:
    _needs_tesseract("eng")
    with pytest.raises(ocr.OcrUnavailableError, match="apt-get install tesseract-ocr-xyz"):
        ocr.check_language("eng+xyz")


# The cache


def test_recognised_pages_survive_reopening_and_a_kill(tmp_path: Path) -> None:
    store = tmp_path / "ocr.sqlite3"
    word = ocr.OcrWord("Моѕсоw", 10, 20, 60, 32, 42.5, 1, 1001)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from viewer.domain import ocr, ocr_cache\n"
        "from viewer.domain.ocr import OcrWord\n"
        f"cache = ocr_cache.OcrCache(Path({str(store)!r}))\n"
        f"cache.put('abc', ocr.OcrPage(3, 'rus', ({word!r},)))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False)
    assert done.returncode == -signal.SIGKILL
    cache = ocr_cache.OcrCache(store)
    assert cache.get("abc", 3, "rus") == ocr.OcrPage(3, "rus", (word,))
    assert cache.get("abc", 4, "rus") is None
    assert cache.texts("abc") == {3: "Моѕсоw"}
    cache.close()


OLD_SCHEMA = """
CREATE TABLE pages (content TEXT NOT NULL, page INTEGER NOT NULL, language TEXT NOT NULL,
    engine TEXT NOT NULL, error TEXT NOT NULL, words TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (content, page, language));
CREATE TABLE image_pages (content TEXT PRIMARY KEY, pages TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    content TEXT NOT NULL);
PRAGMA user_version=1;
"""


def old_cache(store: Path, pages: dict[int, str]) -> None:
    """A cache file as the viewer wrote it before it kept the recogniser's version."""
    with sqlite3.connect(store) as db:
        db.executescript(OLD_SCHEMA)
        for page, text in pages.items():
            words = f'[["{text}",10,20,60,32,90.0,1,1001]]'
            db.execute(
                "INSERT INTO pages VALUES ('abc', ?, 'eng', 'tesseract', '', ?, ?)",
                (page, words, text),
            )
    db.close()


def test_pages_an_older_recogniser_read_are_kept_until_read_again(tmp_path: Path) -> None:
    store = tmp_path / "ocr.sqlite3"
    old_cache(store, {0: "Teiegram", 1: "Sheet"})
    cache = ocr_cache.OcrCache(store)
    old = cache.pages("abc", "eng")
    assert [page.text() for page in old.values()] == ["Teiegram", "Sheet"]  # still shown
    assert all(page.outdated for page in old.values())  # and worth reading again
    new = ocr.OcrPage(0, "eng", (ocr.OcrWord("Telegram", 10, 20, 60, 32, 95.0, 1, 1001),))
    assert cache.put("abc", new) == new
    # A reading that fails keeps the old words (and is not tried again and again).
    kept = cache.put("abc", ocr.OcrPage(1, "eng", error="Tesseract failed (exit status 1)"))
    assert kept.text() == "Sheet" and not kept.error and not kept.outdated
    cache.close()
    again = ocr_cache.OcrCache(store).pages("abc", "eng")
    assert [(p.text(), p.outdated) for p in again.values()] == [
        ("Telegram", False),
        ("Sheet", False),
    ]


def test_a_cache_from_a_newer_viewer_is_refused_with_advice(tmp_path: Path) -> None:
    store = tmp_path / "ocr.sqlite3"
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(ocr_cache.OcrCacheError, match="newer version"):
        ocr_cache.OcrCache(store)


def test_a_moved_file_is_known_by_its_content(tmp_path: Path) -> None:
    cache = ocr_cache.OcrCache(tmp_path / "ocr.sqlite3")
    first = tmp_path / "a.pdf"
    first.write_bytes(b"%PDF-1.4 same bytes")
    content = cache.content_of(first)
    cache.put(content, ocr.OcrPage(0, "eng", (ocr.OcrWord("Hi", 0, 0, 1, 1, 99, 1, 1),)))
    moved = tmp_path / "b.pdf"
    shutil.copy(first, moved)
    assert cache.get(cache.content_of(moved), 0, "eng") is not None
    cache.close()


# Real scans (Tesseract runs: a page or two each)


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "page", "expected"),
    [
        ("ocrmypdf_skew.pdf", 0, "LinnSequencer"),
        ("ocrmypdf_ccitt.pdf", 0, "LinnSequencer"),
        ("104-10188-10003_ocr.pdf", 0, "ASSASSINATION"),  # its poor text layer is not used
    ],
)
def test_scans_are_read(corpus: Path, name: str, page: int, expected: str) -> None:
    _needs_tesseract("eng")
    doc = ocr_batch.open_pdf(corpus / SCANS / name)
    result = ocr.recognise(doc, page, "eng")
    assert result.error == ""
    assert expected in result.text()


@pytest.mark.slow
@pytest.mark.corpus
def test_an_upside_down_page_is_turned_and_its_words_placed_where_they_are(corpus: Path) -> None:
    _needs_tesseract("eng")
    doc = ocr_batch.open_pdf(corpus / SCANS / "ocrmypdf_cardinal.pdf")
    result = ocr.recognise(doc, 2, "eng")  # the brochure printed upside down
    assert "LinnSequencer is a state-of-the-art" in result.text()
    title = _word(result, "LinnSequencer")
    # Upside down, the heading is at the bottom of the page.
    assert title.y0 > doc[2].rect.height * 0.75


@pytest.mark.slow
@pytest.mark.corpus
def test_the_russian_jbig2_form_is_read_in_russian(corpus: Path) -> None:
    _needs_tesseract("rus")
    doc = ocr_batch.open_pdf(corpus / SCANS / "pdfjs_issue12963_ru_tax_form_jbig2.pdf")
    result = ocr.recognise(doc, 0, ocr.tesseract_language(["ru"]))
    assert "Налоговая декларация" in result.text()
    assert any(w.doubtful for w in result.words) and any(not w.doubtful for w in result.words)


@pytest.mark.slow
def test_words_of_a_facsimile_are_where_its_text_layer_puts_them(
    samples: Path, tmp_path: Path
) -> None:
    _needs_tesseract("eng")
    source = samples / "records" / "specimen-card" / "scan.pdf"
    scan = image_only_copy(source, tmp_path / "card.pdf", pages=1)
    doc = ocr_batch.open_pdf(scan)
    assert not ocr.has_text_layer(doc, 0)
    result = ocr.recognise(doc, 0, "eng")
    with pymupdf.open(source) as original:
        layer = [w for w in original[0].get_text("words") if len(w[4]) >= 6 and w[4].isalpha()]
    checked = 0
    for x0, y0, _x1, y1, text, *_ in layer[:10]:
        matches = [w for w in result.words if w.text == text]
        if matches:
            word = min(matches, key=lambda w: abs(w.x0 - x0) + abs(w.y0 - y0))
            assert word.x0 == pytest.approx(x0, abs=3) and word.y1 == pytest.approx(y1, abs=4)
            checked += 1
    assert checked >= 5


@pytest.mark.slow
def test_a_printed_form_is_read_label_by_value_line_by_line(samples: Path, tmp_path: Path) -> None:
    """The finding-aid sheet (labels in one column, values in another): read with Tesseract's
    automatic layout, every label comes first and the values after them; the clean page is read
    again as one block, which keeps each label with its value, one or many pages at a time."""
    _needs_tesseract("eng")
    source = samples / "records" / "specimen-card" / "scan.pdf"
    scan = image_only_copy(source, tmp_path / "sheet.pdf", pages=2, dpi=300)
    doc = ocr_batch.open_pdf(scan)
    alone = ocr.recognise(doc, 1, "eng")
    together = {p.page: p for p in ocr_batch.recognise_pages(doc, [0, 1], "eng", processes=2)}
    for result in (alone, together[1]):
        lines = result.text().splitlines()
        assert "Fond: 4" in lines and "Delo: 331" in lines and "Language: Russian" in lines
        assert ocr.mean_confidence(result.words) >= ocr.CLEAN_PAGE
    assert "AP RF F. 4 Op. 1 D. 331 pp. 59-61" in together[0].text()  # the card's header line


@pytest.mark.slow
def test_a_page_too_large_to_read_costs_that_page_only(samples: Path, tmp_path: Path) -> None:
    _needs_tesseract("eng")
    scan = image_only_copy(
        samples / "records" / "specimen-card" / "scan.pdf", tmp_path / "a.pdf", 1
    )
    with pymupdf.open(scan) as doc:
        doc.new_page(width=14400, height=14400)
        doc.save(tmp_path / "b.pdf")
    doc = ocr_batch.open_pdf(tmp_path / "b.pdf")
    results = {p.page: p for p in ocr_batch.recognise_pages(doc, [0, 1], "eng", processes=2)}
    assert "too large to recognise" in results[1].error and "page 2" in results[1].error
    assert results[0].error == "" and len(results[0].words) > 20


def test_a_tesseract_failure_is_a_message_not_a_crash() -> None:
    _needs_tesseract("eng")
    with pytest.raises(ocr.OcrError, match="Tesseract failed"):
        ocr.run_tesseract(b"this is not an image", "eng", 300)


# The command


def test_the_ocr_command_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from viewer import cli\n"
        "try:\n    cli.main(['ocr', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--write" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_ocr_text_prints_pages_separated_by_form_feeds(
    samples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _needs_tesseract("eng")
    scan = image_only_copy(samples / "records" / "specimen-card" / "scan.pdf", tmp_path / "c.pdf")
    assert cli.main(["ocr", str(scan), "--text", "--language", "en"]) == 0
    pages = capsys.readouterr().out.split("\f")
    assert len(pages) == 2
    assert "Telegram" in pages[0] and "Soviet" in pages[0]
    assert "FINDING-AID SHEET" in pages[1]


@pytest.mark.slow
def test_ocr_write_adds_an_ocr_transcript_the_archive_reads(samples: Path, tmp_path: Path) -> None:
    _needs_tesseract("eng")
    folder = tmp_path / "card"
    folder.mkdir()
    source = samples / "records" / "specimen-card"
    shutil.copy(source / "record.toml", folder / "record.toml")
    image_only_copy(source / "scan.pdf", folder / "scan.pdf", pages=1)
    assert cli.main(["ocr", str(folder), "--write", "--language", "en"]) == 0
    record = archive.load_record(folder)
    assert isinstance(record, model.Record)
    written = [t for t in record.transcripts if t.kind is model.TranscriptKind.OCR]
    assert len(written) == 1
    assert written[0].label == "Machine-read text (OCR, unchecked)"
    assert "Telegram" in written[0].path.read_text(encoding="utf-8")
    # Run again: the cache answers, and record.toml is not extended twice.
    assert cli.main(["ocr", str(folder), "--write", "--language", "en"]) == 0
    assert (folder / "record.toml").read_text(encoding="utf-8").count('kind = "ocr"') == 1


def test_ocr_of_a_missing_file_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["ocr", str(tmp_path / "nothing.pdf"), "--text"]) == 1
    assert "nothing.pdf: no such file or folder" in capsys.readouterr().err
