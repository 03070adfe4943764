"""What a plain folder's names, sidecars and texts are taken to say."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.domain import formats, transcript
from viewer.domain.formats import folder, inference
from viewer.domain.model import BrokenRecord, PartialDate, Record, TranscriptFormat


def touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def records(root: Path) -> list[Record]:
    return [r for r in formats.read(root).records if isinstance(r, Record)]


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iso", "wording"),
    [
        ("1949-05-18_telegram", "1949-05-18", "1949-05-18"),
        ("telegram 19490518", "1949-05-18", "19490518"),
        ("Telegram May 18 1949", "1949-05-18", "May 18 1949"),
        ("telegram_may_18,_1949", "1949-05-18", "may_18,_1949"),
        ("report 18 Sept 1949", "1949-09-18", "18 Sept 1949"),
        ("filename_1738526026117 Boeker Natusch Aug1978", "1978-08", "Aug1978"),
        ("minutes 1962-10", "1962-10", "1962-10"),
        ("annual report 1962", "1962", "1962"),
    ],
)
def test_dates_written_in_file_names_are_found_with_their_wording(
    name: str, iso: str, wording: str
) -> None:
    found = inference.find_date(name)
    assert found is not None
    assert found.date.iso() == iso
    assert found.text == wording


@pytest.mark.parametrize(
    "name",
    [
        "104-10006-10247_ocr",  # a NARA record number holds no date
        "filename_1738525409284",  # a timestamp is not a year
        "ocrmypdf_2400dpi",
        "letter 1949-02-30",  # no such day
        "IMG_0001",
    ],
)
def test_numbers_that_are_not_dates_give_none(name: str) -> None:
    assert inference.find_date(name) is None


def test_a_cable_id_gives_its_year() -> None:
    found = inference.find_date("1973STATE012345")
    assert found is None or found.date == PartialDate(1973)


# -- identifiers and titles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "identifier"),
    [
        ("104-10006-10247_ocr", "104-10006-10247"),
        ("docid-32112345 157-10014-10242", "157-10014-10242"),
        ("1973STATE012345", "1973STATE012345"),
        ("cable 1979LAPAZ06523 coca", "1979LAPAZ06523"),
        ("letter_to_stalin", ""),
        ("filename_1738525409284", ""),
    ],
)
def test_nara_record_numbers_and_cable_ids_are_identifiers(name: str, identifier: str) -> None:
    assert inference.find_identifier(name) == identifier


def test_titles_are_the_name_without_underscores_or_a_scanners_suffix() -> None:
    assert inference.title_from_name("104-10006-10247_ocr") == "104-10006-10247"
    assert inference.title_from_name("letter_to_stalin") == "letter to stalin"
    assert inference.title_from_name("ocr") == "ocr"


def test_a_pdf_title_that_says_nothing_is_not_taken() -> None:
    assert not inference.useful_pdf_title("Microsoft Word - memo.doc", "memo")
    assert not inference.useful_pdf_title("untitled", "memo")
    assert not inference.useful_pdf_title("memo", "memo")
    assert inference.useful_pdf_title("Memorandum for the Director", "memo")


# -- records of a folder --------------------------------------------------------------------------


def test_a_folder_record_marks_what_its_name_suggested(tmp_path: Path) -> None:
    touch(tmp_path / "Cuba" / "104-10006-10247_1963-11-22.pdf")
    (record,) = records(tmp_path)
    assert record.identifier == "104-10006-10247"
    assert record.date == PartialDate(1963, 11, 22)
    assert record.date_text == ""  # ISO already: nothing to keep
    assert record.collection == "Cuba"
    assert record.inferred == {"title", "date", "identifier", "collection"}


def test_a_date_worded_otherwise_keeps_its_wording(tmp_path: Path) -> None:
    touch(tmp_path / "telegram May 18 1949.pdf")
    (record,) = records(tmp_path)
    assert record.date == PartialDate(1949, 5, 18)
    assert record.date_text == "May 18 1949"


def test_pdf_metadata_outranks_the_file_name_but_never_front_matter(tmp_path: Path) -> None:
    touch(tmp_path / "scan_0042.pdf")
    (record,) = records(tmp_path)
    completed = folder.with_pdf_metadata(
        record, {"title": "Memorandum for the Director", "author": "J. Edgar Hoover"}
    )
    assert completed.title == "Memorandum for the Director"
    assert completed.creators[0].display() == "J. Edgar Hoover"
    assert {"title", "creators"} <= completed.inferred
    # Completed already (listed as last shown): the same record back, not a copy to compare.
    same = {"title": "Memorandum for the Director", "author": "J. Edgar Hoover"}
    assert folder.with_pdf_metadata(completed, same) is completed
    assert folder.with_pdf_metadata(record, {"title": "Microsoft Word - x.doc"}) is record
    touch(tmp_path / "scan_0042.qmd", '---\ntitle: "Curated"\n---\nText.\n')
    (curated,) = records(tmp_path)
    assert folder.with_pdf_metadata(curated, {"title": "From the PDF"}).title == "Curated"


# -- sidecars -------------------------------------------------------------------------------------


def test_sidecars_with_the_same_stem_become_transcripts_in_their_named_language(
    tmp_path: Path,
) -> None:
    touch(tmp_path / "letter.pdf")
    touch(tmp_path / "letter.ru.txt", "Текст письма.")
    touch(tmp_path / "letter.md", "The letter's text, as it was read by the clerk of the court.")
    touch(tmp_path / "letter.html", "<p>the same text</p>")
    touch(tmp_path / "other.txt", "not this one")
    (record,) = [r for r in records(tmp_path) if r.id == "letter"]
    by_language = {t.language: t for t in record.transcripts}
    assert set(by_language) == {"ru", "en"}
    assert by_language["ru"].format is TranscriptFormat.TEXT
    # Of two sidecars in one language, Markdown comes before HTML.
    assert by_language["en"].path.name == "letter.md"


def test_a_qmd_header_fills_the_metadata_and_is_left_out_of_the_text(tmp_path: Path) -> None:
    touch(tmp_path / "filename_1738525409284.pdf")
    qmd = touch(
        tmp_path / "filename_1738525409284.qmd",
        "---\n"
        'title: "Peru Coca Survey Team Visit To Bolivia"\n'
        'author: "Paul Boeker, US Ambassador to Bolivia"\n'
        'date: "July 31, 1979"\n'
        "editor: visual\n"
        'cable-from: "AmEmbassy La Paz"\n'
        'cable-to: "Amembissy Lima"\n'
        'cable-tags: "SNAR, BL, PE"\n'
        'cable-doc-number: "1979LAPAZ06523"\n'
        'cable-classification: "UNCLASSIFIED"\n'
        "---\n\n# DEPARTMENT OF STATE TELEGRAM\n\n::: {.cable-meta}\n:::\n\nMission concurs.\n",
    )
    (record,) = records(tmp_path)
    assert record.title == "Peru Coca Survey Team Visit To Bolivia"
    assert record.date == PartialDate(1979, 7, 31)
    assert record.date_text == "July 31, 1979"
    assert [n.display() for n in record.creators] == ["AmEmbassy La Paz"]
    assert [n.display() for n in record.recipients] == ["Amembissy Lima"]
    assert record.identifier == "1979LAPAZ06523"
    assert record.subjects == ("SNAR", "BL", "PE")
    assert ("cable_classification", "UNCLASSIFIED") in record.extra
    assert record.inferred == frozenset()  # written by a person
    (item,) = record.transcripts
    assert item.language == "en" and item.format is TranscriptFormat.MARKDOWN
    html = transcript.load_html(qmd, item.format)
    assert "Mission concurs." in html and "DEPARTMENT OF STATE TELEGRAM" in html
    assert "cable-doc-number" not in html and ":::" not in html


def test_the_real_state_cables_read_their_quarto_headers(corpus: Path) -> None:
    found = records(corpus / "records" / "state-cables")
    assert len(found) == 4
    assert all(r.transcripts and r.identifier.startswith("19") for r in found)
    assert "Peru Coca Survey Team Visit To Bolivia" in {r.title for r in found}


def test_broken_front_matter_still_gives_the_text(tmp_path: Path) -> None:
    touch(tmp_path / "a.pdf")
    touch(tmp_path / "a.md", "---\ntitle: [unclosed\n---\nThe text of it, as it was typed.\n")
    (record,) = records(tmp_path)
    assert record.title == "a"
    assert len(record.transcripts) == 1


# -- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said that the talks were over and that the delegation is to leave.", "en"),
        ("Der Minister sagte, dass die Gespräche nicht mit dem Ende der Woche zu Ende sind.", "de"),
        (
            "Le ministre a dit que les entretiens sont terminés et que la délégation est partie.",
            "fr",
        ),
        ("Министр сказал, что переговоры не закончены и что делегация это знает.", "ru"),
        ("Міністр сказав, що переговори не закінчені, і що делегація це знає від них.", "uk"),
        ("毛泽东同志致斯大林同志的电报", "zh"),
        ("김일성 동지가 스탈린 동지에게 보낸 전보", "ko"),
        ("12 34 56 -- 78", "und"),
    ],
)
def test_languages_are_told_by_script_and_common_words(text: str, language: str) -> None:
    assert inference.detect_language(text) == language


# -- photos ---------------------------------------------------------------------------------------


def test_photos_with_a_common_stem_are_one_record_in_page_order(tmp_path: Path) -> None:
    for name in ("letter_002.jpg", "letter_001.jpg", "letter_010.jpg", "memo.jpg"):
        touch(tmp_path / name)
    found = {r.title: r for r in records(tmp_path)}
    assert set(found) == {"letter", "memo"}
    letter = found["letter"].scans[0]
    assert [p.name for p in letter.images] == ["letter_001.jpg", "letter_002.jpg", "letter_010.jpg"]
    assert letter.path.name == "letter_001.jpg"
    assert found["memo"].scans[0].images == ()


def test_camera_numbered_photos_are_separate_documents_unless_in_a_subfolder(
    tmp_path: Path,
) -> None:
    for name in ("IMG_0001.JPG", "IMG_0002.JPG", "DSC01234.jpg"):
        touch(tmp_path / name)
    for name in ("IMG_0101.JPG", "IMG_0102.JPG"):
        touch(tmp_path / "Box 3 folder 12" / name)
    found = records(tmp_path)
    assert sorted(r.title for r in found) == ["Box 3 folder 12", "DSC01234", "IMG 0001", "IMG 0002"]
    (box,) = [r for r in found if r.title == "Box 3 folder 12"]
    assert [p.name for p in box.scans[0].images] == ["IMG_0101.JPG", "IMG_0102.JPG"]
    assert box.collection == ""


def test_a_subfolder_with_a_pdf_keeps_its_photos_apart(tmp_path: Path) -> None:
    touch(tmp_path / "box" / "report.pdf")
    touch(tmp_path / "box" / "IMG_0001.jpg")
    touch(tmp_path / "box" / "IMG_0002.jpg")
    assert len(records(tmp_path)) == 3


# -- what is not a record -------------------------------------------------------------------------


def test_hidden_files_links_out_and_unreadable_folders_never_refuse_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    root = tmp_path / "root"
    touch(outside / "secret.pdf")
    touch(root / "good.pdf")
    touch(root / ".hidden.pdf")
    touch(root / ".git" / "x.pdf")
    (root / "link.pdf").symlink_to(outside / "secret.pdf")
    (root / "linked-folder").symlink_to(outside)
    (root / "inside-link.pdf").symlink_to(root / "good.pdf")
    locked = root / "locked"
    touch(locked / "x.pdf")
    real_scandir = os.scandir

    def scandir(path: Path) -> object:
        if Path(path) == locked:  # as for a folder without read permission (root reads all)
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(folder.os, "scandir", scandir)
    archive = formats.read(root)
    good = sorted(r.title for r in archive.records if isinstance(r, Record))
    assert good == ["good", "inside-link"]
    broken = [r for r in archive.records if isinstance(r, BrokenRecord)]
    assert [b.id for b in broken] == ["locked"]
    assert broken[0].reason == "the folder locked cannot be read (Permission denied)"


def test_nothing_is_written_into_the_folder(tmp_path: Path) -> None:
    touch(tmp_path / "a.pdf")
    touch(tmp_path / "a.qmd", "---\ntitle: A\n---\ntext\n")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    records(tmp_path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_read_folder_is_one_record_per_document_for_a_manifest_to_join(tmp_path: Path) -> None:
    touch(tmp_path / "data" / "104-10006-10247_ocr.pdf")
    archive = folder.read_folder(tmp_path.resolve())
    (record,) = archive.records
    assert isinstance(record, Record)
    assert record.scans[0].path.name == "104-10006-10247_ocr.pdf"


def write_tiff(path: Path, pages: int, width: int = 40, height: int = 60) -> None:
    """An uncompressed 8-bit grey TIFF of `pages` pages (a frame each), dark on every page."""
    import struct

    entries = 10
    ifd_size = 2 + entries * 12 + 4
    image_size = width * height
    data = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for page in range(pages):
        ifd_at = len(data)
        pixels_at = ifd_at + ifd_size
        next_at = pixels_at + image_size if page + 1 < pages else 0
        tags = [
            (256, 3, 1, width),  # ImageWidth
            (257, 3, 1, height),  # ImageLength
            (258, 3, 1, 8),  # BitsPerSample
            (259, 3, 1, 1),  # Compression: none
            (262, 3, 1, 1),  # Photometric: black is zero
            (273, 4, 1, pixels_at),  # StripOffsets
            (277, 3, 1, 1),  # SamplesPerPixel
            (278, 3, 1, height),  # RowsPerStrip
            (279, 4, 1, image_size),  # StripByteCounts
            (284, 3, 1, 1),  # PlanarConfiguration
        ]
        data += struct.pack("<H", entries)
        for tag, kind, count, value in tags:
            packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
            data += struct.pack("<HHI", tag, kind, count) + packed
        data += struct.pack("<I", next_at)
        data += bytes([page * 40]) * image_size
    path.write_bytes(bytes(data))


def test_a_multi_page_tiff_is_one_record_of_several_pages(tmp_path: Path) -> None:
    from viewer.domain import pdf

    write_tiff(tmp_path / "ledger.tif", pages=3)
    (record,) = records(tmp_path)
    assert record.scans[0].path.name == "ledger.tif" and record.scans[0].images == ()
    doc, info = pdf.open_document(record.scans[0].path)
    try:
        assert info.page_count == 3
    finally:
        doc.close()


def test_photos_of_one_record_open_as_one_document_of_their_pages(tmp_path: Path) -> None:
    from viewer.domain import pdf

    for number in (1, 2):
        write_tiff(tmp_path / f"card_{number}.tif", pages=1)
    (record,) = records(tmp_path)
    scan = record.scans[0]
    doc, info = pdf.open_images(scan.path, scan.images)
    try:
        assert info.page_count == 2
        assert info.path == tmp_path / "card_1.tif"
    finally:
        doc.close()
