"""Rendering and measuring pages with PyMuPDF (viewer.domain.pdf), on PDFs made here."""

from __future__ import annotations

import sys
from pathlib import Path

import pymupdf
import pytest

from viewer.domain import pdf

RED, GREEN, BLUE = (1, 0, 0), (0, 1, 0), (0, 0, 1)


def stripes_pdf(path: Path) -> Path:
    """A 200 x 100 pt page: red, green and blue stripes above a white (unpainted) band."""
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=100)
    for index, colour in enumerate((RED, GREEN, BLUE)):
        x = 10 + 60 * index
        page.draw_rect(pymupdf.Rect(x, 10, x + 60, 70), color=None, fill=colour)
    page.insert_text((12, 90), "ink", fontsize=12)
    doc.save(path)
    return path


def as_rgb(pixels: pdf.Pixels) -> bytes:
    """The rendered 32-bit words as packed RGB bytes, for comparing with a PyMuPDF pixmap."""
    data = bytes(pixels.samples)
    order = (2, 1, 0) if sys.byteorder == "little" else (0, 1, 2)
    rgb = bytearray(pixels.width * pixels.height * 3)
    for channel, offset in enumerate(order):
        rgb[channel::3] = data[offset :: pdf.PIXEL_BYTES]
    return bytes(rgb)


@pytest.mark.parametrize("rotation", [0, 90, 270])
def test_a_page_renders_as_pymupdfs_own_pixmap_in_32_bit_words(
    tmp_path: Path, rotation: int
) -> None:
    path = stripes_pdf(tmp_path / "stripes.pdf")
    doc = pymupdf.open(path)
    pixels = pdf.render_page(doc, path, 0, 1.5, rotation)
    matrix = pymupdf.Matrix(1.5, 1.5).prerotate(rotation)
    reference = doc.load_page(0).get_pixmap(matrix=matrix, alpha=False)
    assert (pixels.width, pixels.height) == (reference.width, reference.height)
    assert pixels.stride == pixels.width * pdf.PIXEL_BYTES
    assert as_rgb(pixels) == reference.samples
    # B, G, R, A or R, G, B, A: alpha comes last, and the page is opaque.
    assert set(bytes(pixels.samples)[3 :: pdf.PIXEL_BYTES]) == {0xFF}


def test_a_page_is_drawn_straight_into_the_buffer_it_is_given(tmp_path: Path) -> None:
    path = stripes_pdf(tmp_path / "stripes.pdf")
    doc = pymupdf.open(path)
    given: list[bytearray] = []

    def allocate(size: int) -> bytearray:
        given.append(bytearray(size))
        return given[-1]

    pixels = pdf.render_page(doc, path, 0, 1.0, allocate=allocate)
    assert len(given) == 1
    assert pixels.samples is given[0]
    # The middle of the red stripe, in the machine's 0xffRRGGBB words.
    offset = 40 * pixels.stride + 40 * pdf.PIXEL_BYTES
    word = int.from_bytes(given[0][offset : offset + 4], sys.byteorder)
    if sys.byteorder == "little":
        assert word == 0xFFFF0000
    else:
        assert given[0][offset : offset + 4] == b"\xff\x00\x00\xff"


def test_page_sizes_follow_crop_box_rotation_and_a_missing_media_box(tmp_path: Path) -> None:
    doc = pymupdf.open()
    for _ in range(5):
        doc.new_page(width=600, height=800)
    doc[1].set_cropbox(pymupdf.Rect(10, 20, 300, 400))
    doc[2].set_rotation(90)
    doc[3].set_rotation(270)
    doc[3].set_cropbox(pymupdf.Rect(0, 0, 100, 50))
    doc.xref_set_key(doc[4].xref, "MediaBox", "[0 0 0 0]")  # empty: read as US letter
    path = tmp_path / "sizes.pdf"
    doc.save(path)
    handle, info = pdf.open_document(path)
    handle.close()
    sizes = [(size.width, size.height) for size in info.page_sizes]
    assert sizes == [(600, 800), (290, 380), (800, 600), (50, 100), (612, 792)]
