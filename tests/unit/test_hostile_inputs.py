"""Hostile inputs: links out of the archive, files that are not what their name says, nesting
that overflows the parser, pages that take minutes. One bad file costs that file only."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pymupdf
import pytest

from viewer.domain import archive, check, pdf
from viewer.domain.check_process import PdfProbe
from viewer.domain.model import BrokenRecord, Record

REPO = Path(__file__).resolve().parent.parent.parent


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", REPO / "tools" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _hostile()

RECORD = 'id = "{id}"\ntitle = "A record"\n'


def record(folder: Path, text: str | None = None, record_id: str = "r") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "record.toml").write_text(text or RECORD.format(id=record_id), encoding="utf-8")
    return folder


def lines(problems: list[archive.Problem]) -> str:
    return "\n".join(p.line() for p in problems)


# 19.1 / 18.14: links out of the record folder --------------------------------------------------


def test_a_transcript_linked_to_a_file_outside_the_archive_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    folder = record(tmp_path / "archive" / "r")
    (folder / "transcript.en.txt").symlink_to(secret)

    loaded = archive.load_record(folder)
    assert isinstance(loaded, BrokenRecord)
    assert "'transcript.en.txt' is a link to a file outside the record folder" in loaded.reason
    problems = check.check_path(tmp_path / "archive")
    assert check.has_errors(problems)
    assert "transcript.en.txt' is a link to a file outside the record folder" in lines(problems)
    assert "SECRET" not in lines(problems)


def test_a_scan_linked_outside_and_a_link_loop_are_refused_by_name(tmp_path: Path) -> None:
    elsewhere = hostile.text_pdf(tmp_path / "elsewhere.pdf")
    folder = record(tmp_path / "r")
    (folder / "scan.pdf").symlink_to(elsewhere)
    (folder / "loop.pdf").symlink_to(folder / "loop.pdf")
    text = "\n".join(lines(check.check_record(folder)).splitlines())
    assert "'scan.pdf' is a link to a file outside the record folder" in text
    assert "'loop.pdf' is a link that leads back to itself (a symlink loop)" in text


def test_a_link_inside_the_record_folder_is_still_fine(tmp_path: Path) -> None:
    folder = record(tmp_path / "r")
    hostile.text_pdf(folder / "original.pdf")
    (folder / "transcript.en.txt").write_text("text", encoding="utf-8")
    (folder / "transcript.de.txt").symlink_to(folder / "transcript.en.txt")
    loaded = archive.load_record(folder)
    assert isinstance(loaded, Record)
    assert [t.language for t in loaded.transcripts] == ["de", "en"]


# 19.2: a file named .pdf that is something else -------------------------------------------------


def test_a_jpeg_named_pdf_opens_as_the_scan_it_is(tmp_path: Path) -> None:
    scan = hostile.jpeg(tmp_path / "scan.pdf", 64, 48)
    doc, info = pdf.open_document(scan)
    try:
        assert info.page_count == 1
        assert "the file is a JPEG image, not a PDF" in " ".join(info.notices)
        pixels = pdf.render_page(doc, scan, 0, 1.0)
        assert pixels.width > 0 and pixels.height > 0
        # The page is the picture: grey, not white paper.
        assert bytes(pixels.samples[:3]) != b"\xff\xff\xff"
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "an HTML file named like a PDF"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>', "an SVG file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a damaged PNG image named like a PDF"),
    ],
)
def test_markup_or_a_broken_image_named_pdf_is_explained(
    tmp_path: Path, content: bytes, words: str
) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(content)
    with pytest.raises(pdf.PdfUnreadableError) as caught:
        pdf.open_document(scan)
    assert caught.value.message().startswith("scan.pdf: this is ")
    assert words in caught.value.message()


def test_check_reports_an_html_scan_and_goes_on_to_the_next_record(tmp_path: Path) -> None:
    first = record(tmp_path / "a" / "first", record_id="first")
    (first / "scan.pdf").write_text("<html><body>not a scan</body></html>", encoding="utf-8")
    second = record(tmp_path / "a" / "second", 'id = "second"\n', "second")
    problems = check.check_path(tmp_path / "a")
    text = lines(problems)
    assert "scan.pdf: this is an HTML file named like a PDF" in text
    assert "second/record.toml: title: is missing" in text.replace(str(second.parent) + "/", "")


# 19.3 / 18.14: nesting that overflows the TOML parser ------------------------------------------


@pytest.mark.parametrize("kind", ["array", "table", "dotted", "date"])
def test_a_deeply_nested_record_costs_that_record_only(tmp_path: Path, kind: str) -> None:
    text = hostile.nested_record_toml(kind)
    assert len(text.encode()) < 6000
    record(tmp_path / "a" / "deep", text)
    record(tmp_path / "a" / "good", record_id="good")
    loaded = archive.load_archive(tmp_path / "a")
    good = [r for r in loaded.records if isinstance(r, Record)]
    broken = [r for r in loaded.records if isinstance(r, BrokenRecord)]
    assert [r.id for r in good] == ["good"]
    if kind == "date":  # read, and the date refused
        assert "a range has one '/'" in broken[0].reason
    else:
        assert broken[0].reason == "values are nested too deeply to be read"
    problems = check.check_path(tmp_path / "a")
    assert any(p.path.parent.name == "deep" for p in problems)


def test_an_oversized_record_toml_is_not_read(tmp_path: Path) -> None:
    folder = record(tmp_path / "r")
    (folder / "record.toml").write_text(
        RECORD.format(id="r") + f'summary = "{"x" * (archive.MAX_TOML_BYTES + 1)}"\n',
        encoding="utf-8",
    )
    loaded = archive.load_record(folder)
    assert isinstance(loaded, BrokenRecord)
    assert "larger than 1 MB" in loaded.reason


# 19.4: a text layer MuPDF cannot read -----------------------------------------------------------


def test_check_survives_a_text_layer_mupdf_cannot_decode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = hostile.text_pdf(tmp_path / "scan.pdf")

    def broken(self: object, *args: object, **kwargs: object) -> str:
        raise RuntimeError("code=7: cannot decode jbig2 globals")

    monkeypatch.setattr(pymupdf.Page, "get_text", broken)
    result = pdf.check(scan)
    assert result.error == ""
    assert "the text layer of page 1 cannot be read (cannot decode jbig2 globals)" in (
        result.notices
    )


# 19.6: a page that takes minutes --------------------------------------------------------------


def test_check_gives_a_page_a_time_budget_and_goes_on(tmp_path: Path) -> None:
    slow = hostile.slow_pdf(tmp_path / "slow.pdf")
    assert slow.stat().st_size < 4000
    good = hostile.text_pdf(tmp_path / "good.pdf")
    with PdfProbe(budget=1.0) as probe:
        [problem] = check.check_pdf(slow, probe=probe)
        assert problem.message.startswith("reading the text of page 1 takes longer than 1 s")
        assert check.check_pdf(good, probe=probe) == []


# 19.11: messages that say what the file is ----------------------------------------------------


def test_things_named_pdf_that_are_not_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    (tmp_path / "folder.pdf").mkdir()
    os.mkfifo(tmp_path / "fifo.pdf")
    (tmp_path / "loop.pdf").symlink_to(tmp_path / "loop.pdf")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    expected = {
        "folder.pdf": "this is a folder, not a PDF file",
        "fifo.pdf": "this is not a regular file (a pipe or a device)",
        "loop.pdf": "a link that leads back to itself (a symlink loop)",
        "zero.pdf": "this is not a regular file (a pipe or a device)",
        "dangling.pdf": "a link to a file that does not exist",
    }
    for name, words in expected.items():
        with pytest.raises(pdf.PdfError) as caught:
            pdf.open_document(tmp_path / name)
        assert words in caught.value.message(), name


def test_a_listed_fifo_is_not_called_missing(tmp_path: Path) -> None:
    folder = record(tmp_path / "r", RECORD.format(id="r") + '[[scans]]\nfile = "x.pdf"\n')
    os.mkfifo(folder / "x.pdf")
    loaded = archive.load_record(folder)
    assert isinstance(loaded, BrokenRecord)
    assert "'x.pdf' is not a regular file (a folder, a pipe or a device)" in loaded.reason


def test_a_byte_order_mark_before_record_toml_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "record.toml").write_bytes(b"\xef\xbb\xbf" + RECORD.format(id="r").encode())
    loaded = archive.load_record(folder)
    assert isinstance(loaded, Record) and loaded.title == "A record"


def test_a_toml_datetime_is_read_as_its_date_and_a_time_is_said_plainly(tmp_path: Path) -> None:
    folder = record(tmp_path / "r", RECORD.format(id="r") + "date = 1949-05-18T10:30:00Z\n")
    loaded = archive.load_record(folder)
    assert isinstance(loaded, Record) and str(loaded.date) != ""
    assert loaded.date is not None and (loaded.date.year, loaded.date.day) == (1949, 18)
    folder = record(tmp_path / "t", RECORD.format(id="t") + "date = 10:30:00\n")
    broken = archive.load_record(folder)
    assert isinstance(broken, BrokenRecord)
    assert broken.reason == "date: '10:30:00' is a time of day, not a date"


def test_ten_thousand_listings_of_one_scan_are_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = record(
        tmp_path / "r", RECORD.format(id="r") + '[[scans]]\nfile = "scan.pdf"\n' * 10_000
    )
    hostile.text_pdf(folder / "scan.pdf")
    checked: list[Path] = []
    real = check.check_pdf
    monkeypatch.setattr(
        check, "check_pdf", lambda path, password=None: checked.append(path) or real(path)
    )
    problems = check.check_record(folder)
    assert checked == [folder / "scan.pdf"]
    assert [p.message for p in problems] == ["'scan.pdf' is listed more than once"]


# The command: one line per problem, never a traceback ----------------------------------------


def test_check_command_reports_every_hostile_file_without_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    record(root / "deep", hostile.nested_record_toml("array"))
    jpeg_record = record(root / "jpeg", record_id="jpeg")
    hostile.jpeg(jpeg_record / "scan.pdf")
    html_record = record(root / "html", record_id="html")
    (html_record / "scan.pdf").write_text("<html></html>", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "error: deep/record.toml: values are nested too deeply to be read" in result.stdout
    assert "warning: jpeg/scan.pdf: the file is a JPEG image, not a PDF" in result.stdout
    assert "error: html/scan.pdf: this is an HTML file named like a PDF" in result.stdout


# 18.15: a shipped search index is not trusted ------------------------------------------------


def test_a_shipped_search_index_is_opened_with_an_untrusted_schema(tmp_path: Path) -> None:
    from viewer.domain import search

    root = record(tmp_path / "archive" / "r").parent
    (root / "r" / "transcript.en.txt").write_text("Manchuria telegram", encoding="utf-8")
    loaded = archive.load_archive(root)
    search.export_index(loaded, root / search.SHIPPED_INDEX_NAME, cache_dir=tmp_path / "cache")
    location = search.choose_location(loaded)
    assert location.read_only
    with search.SearchIndex.open(location) as index:
        assert index._db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert [hit.record_id for hit in index.search("Manchuria").hits] == ["r"]


# 19.5: a full disk under the search index ---------------------------------------------------


def test_a_full_disk_stops_the_index_with_a_message_and_leaves_no_journal(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random
    import sqlite3

    from viewer.domain import search
    from viewer.services import indexer

    root = tmp_path / "archive"
    rng = random.Random(5)
    for number in range(30):
        folder = record(root / f"r{number}", record_id=f"r{number}")
        words = " ".join(f"w{rng.randrange(10**6)}" for _ in range(4000))
        (folder / "transcript.en.txt").write_text(words, encoding="utf-8")
    real_connect = search.schema.connect

    def small_disk(location: search.IndexLocation) -> sqlite3.Connection:
        connection = real_connect(location)
        connection.execute("PRAGMA max_page_count = 60")  # the disk is full after 240 KB
        return connection

    monkeypatch.setattr(search.schema, "connect", small_disk)
    loaded = archive.load_archive(root)
    job = indexer.IndexJob(loaded, cache_dir=tmp_path / "cache")
    with qtbot.waitSignal(job.index_failed, timeout=20_000) as failed:  # type: ignore[attr-defined]
        job.start()
    assert job.wait(5_000)
    assert failed.args[0].startswith("There is no room left on the disk for the search index")
    assert not [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()]
