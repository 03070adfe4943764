"""The formats' one door: which format claims a path, and what a plain folder of scans gives."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from viewer.domain import formats, pdf
from viewer.domain.model import Record


def _image(path: Path, black_left: bool = True) -> Path:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 20), 0)
    pix.clear_with(255)
    pix.set_rect(
        pymupdf.IRect(0, 0, 10, 20) if black_left else pymupdf.IRect(30, 0, 40, 20), (0, 0, 0)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pix.save(str(path))
    return path


def _pdf(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A page")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def test_each_kind_of_path_is_claimed_by_its_format(tmp_path: Path) -> None:
    curated = tmp_path / "curated" / "r1"
    curated.mkdir(parents=True)
    (curated / "record.toml").write_text('id = "r1"\ntitle = "T"\n', encoding="utf-8")
    assert formats.detect(tmp_path / "curated").name == "archive"
    assert formats.detect(_pdf(tmp_path / "scan.pdf")).name == "document"
    assert formats.detect(_image(tmp_path / "photo.JPG")).name == "document"
    assert formats.detect(tmp_path).name == "archive"  # a record.toml below wins
    plain = tmp_path / "plain"
    _pdf(plain / "a.pdf")
    assert formats.detect(plain).name == "folder"


def test_an_unknown_file_is_named_with_what_the_viewer_can_read(tmp_path: Path) -> None:
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04")
    with pytest.raises(formats.UnknownFormatError) as caught:
        formats.read(odd)
    assert "notes.docx" in str(caught.value)
    assert "not an archive, record, spreadsheet of records or PDF" in str(caught.value)


def test_a_plain_folder_lists_every_pdf_and_image_with_guessed_titles(tmp_path: Path) -> None:
    _pdf(tmp_path / "box 1" / "letter.pdf")
    _image(tmp_path / "photo.png")
    (tmp_path / "readme.txt").write_text("not a scan", encoding="utf-8")
    archive = formats.read(tmp_path)
    records = [r for r in archive.records if isinstance(r, Record)]
    assert [(r.title, r.collection) for r in records] == [("photo", ""), ("letter", "box 1")]
    assert all("title" in r.inferred for r in records)
    assert "collection" in records[1].inferred


def test_an_image_opens_as_a_one_page_scan(tmp_path: Path) -> None:
    doc, info = pdf.open_document(_image(tmp_path / "photo.png"))
    with doc:
        assert info.page_count == 1
        assert info.page_sizes[0].width > info.page_sizes[0].height


def test_photos_become_one_document_turned_and_mirrored_as_asked(tmp_path: Path) -> None:
    first = _image(tmp_path / "p1.png")
    second = _image(tmp_path / "p2.png")
    with pdf.images_as_pdf([first, second], [(90, False), (0, True)]) as doc:
        assert doc.page_count == 2
        assert doc[0].rect.width < doc[0].rect.height  # turned a quarter
        pixels = doc[1].get_pixmap()
        assert pixels.pixel(2, 5) == (255, 255, 255)  # the black band moved to the right
        assert pixels.pixel(pixels.width - 3, 5) == (0, 0, 0)
