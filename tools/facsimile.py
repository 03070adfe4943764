# mypy: untyped-calls-exclude=pymupdf
"""Typewritten facsimiles: typed pages drawn with PyMuPDF, rasterised like a scan, made into a PDF.

The pages are image pages (what a scan is) with an invisible text layer (render mode 3, as OCR
leaves one), so the text can be selected and searched. Every irregularity (ink, jitter, rotation,
paper grain) comes from one seeded random generator, and the PDF's dates and ID are fixed, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

A4 = (595.0, 842.0)
"""Width and height of an A4 page in points."""

CARD_5X8 = (576.0, 360.0)
"""A 5 x 8 inch catalogue card, landscape, in points."""

TYPE_FONT = "cour"
"""The built-in Courier face: monospace, like a typewriter's."""

NOTICE_FONT = "helv"
"""The built-in Helvetica face, for the printed notice that marks every facsimile page."""

PDF_DATE = "D:20261127000000Z"
"""The creation and modification date written into every facsimile (fixed, for reproducibility)."""

JPEG_QUALITY = 45
"""Enough for type at 150 dpi; the grain is what costs bytes."""

GRAIN_ALPHA = 12
"""Opacity (of 255) of the speckle laid over each sheet."""

_INK_LEVELS = (0.06, 0.12, 0.18, 0.25, 0.33)
"""Grays of the typed characters, dark to faint: a ribbon never inks evenly."""


@dataclass(frozen=True)
class TypedPage:
    """One sheet: its size, its typed lines and the notice printed at its foot."""

    lines: tuple[str, ...]
    notice: str
    overtyped: tuple[str, ...] = ()
    """Struck again over `lines`, line for line (underscores to underline, x to strike out)."""
    punched: bool = False
    """Whether the sheet has a catalogue card's rod hole near its foot."""
    size: tuple[float, float] = A4
    fontsize: float = 11.0
    leading: float = 13.5
    left: float = 72.0
    top: float = 78.0


@dataclass(frozen=True)
class PdfInfo:
    """The document information a facsimile carries."""

    title: str
    subject: str
    author: str
    keywords: str
    creator: str = "Archive Viewer tools/make_samples.py"
    producer: str = "PyMuPDF"


def char_width(fontsize: float) -> float:
    """The advance of one Courier character at `fontsize` (every glyph is 0.6 em wide)."""
    return 0.6 * fontsize


def columns(page_width: float, left: float, fontsize: float) -> int:
    """How many characters fit on a line between equal left and right margins."""
    return int((page_width - 2 * left) / char_width(fontsize))


def typeset(pages: Sequence[TypedPage], info: PdfInfo, *, seed: int, dpi: int = 150) -> bytes:
    """The facsimile PDF of `pages`: grayscale JPEG page images with an invisible text layer."""
    rng = random.Random(seed)
    # A typewriter's faults belong to its type bars: each glyph is off the same way every time.
    glyph_offsets: dict[str, tuple[float, float]] = {}
    out = pymupdf.open()
    for page in pages:
        morph = _page_morph(page, rng)
        image = _scan_image(page, rng, glyph_offsets, morph, dpi)
        width, height = page.size
        target = out.new_page(width=width, height=height)
        target.insert_image(target.rect, stream=image)
        _write_text_layer(target, page, morph)
    out.set_metadata(
        {
            "title": info.title,
            "subject": info.subject,
            "author": info.author,
            "keywords": info.keywords,
            "creator": info.creator,
            "producer": info.producer,
            "creationDate": PDF_DATE,
            "modDate": PDF_DATE,
        }
    )
    data: bytes = out.tobytes(garbage=4, deflate=True, no_new_id=True)
    out.close()
    return data


def _page_morph(page: TypedPage, rng: random.Random) -> tuple[pymupdf.Point, pymupdf.Matrix]:
    """A slight rotation about the page centre: a sheet never lies quite straight on the glass."""
    width, height = page.size
    angle = rng.uniform(-0.45, 0.45)
    return pymupdf.Point(width / 2, height / 2), pymupdf.Matrix(angle)


def _scan_image(
    page: TypedPage,
    rng: random.Random,
    glyph_offsets: dict[str, tuple[float, float]],
    morph: tuple[pymupdf.Point, pymupdf.Matrix],
    dpi: int,
) -> bytes:
    """The page as a scanner would see it: off-white paper, uneven type, grain; JPEG bytes."""
    width, height = page.size
    sheet = pymupdf.open()
    canvas = sheet.new_page(width=width, height=height)
    _draw_paper(canvas, rng)
    _draw_type(canvas, page, rng, glyph_offsets, morph)
    _draw_notice(canvas, page)
    if page.punched:
        width, height = page.size
        hole = pymupdf.Point(width / 2, height - 48)
        canvas.draw_circle(hole, 9, color=(0.45, 0.45, 0.45), fill=(0.22, 0.22, 0.22), width=0.6)
    pixmap = canvas.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    canvas.insert_image(canvas.rect, pixmap=_grain(pixmap.width, pixmap.height, rng))
    pixmap = canvas.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    data: bytes = pixmap.tobytes("jpg", jpg_quality=JPEG_QUALITY)
    sheet.close()
    return data


def _draw_paper(canvas: pymupdf.Page, rng: random.Random) -> None:
    """Off-white paper, a few faint stains, and the darker rim a scanner lid leaves."""
    rect = canvas.rect
    tone = rng.uniform(0.90, 0.93)
    canvas.draw_rect(rect, color=None, fill=(tone, tone, tone), width=0)
    for _ in range(6):
        centre = pymupdf.Point(rng.uniform(0, rect.width), rng.uniform(0, rect.height))
        radius = rng.uniform(20, 90)
        for step in range(8):
            canvas.draw_circle(
                centre,
                radius * (1 - step * 0.11),
                color=None,
                fill=(0.55, 0.5, 0.4),
                fill_opacity=0.006,
                width=0,
            )
    for inset, opacity in ((0, 0.22), (1.5, 0.1), (3.5, 0.04)):
        canvas.draw_rect(
            pymupdf.Rect(rect.x0 + inset, rect.y0 + inset, rect.x1 - inset, rect.y1 - inset),
            color=(0.35, 0.35, 0.35),
            width=2,
            stroke_opacity=opacity,
        )


def _draw_type(
    canvas: pymupdf.Page,
    page: TypedPage,
    rng: random.Random,
    glyph_offsets: dict[str, tuple[float, float]],
    morph: tuple[pymupdf.Point, pymupdf.Matrix],
) -> None:
    """The typed lines, struck character by character with uneven ink and small misalignments."""
    font = pymupdf.Font(TYPE_FONT)
    writers = [pymupdf.TextWriter(canvas.rect) for _ in _INK_LEVELS]
    advance = char_width(page.fontsize)
    baseline = page.top
    overtyped = page.overtyped + ("",) * (len(page.lines) - len(page.overtyped))
    for line, over in zip(page.lines, overtyped, strict=False):
        # The carriage never returns to exactly the same place.
        start = page.left + rng.uniform(-0.9, 0.9)
        line_drift = rng.uniform(-0.25, 0.25)
        for column, char in [*enumerate(line), *enumerate(over)]:
            if char.isspace():
                continue
            if char not in glyph_offsets:
                glyph_offsets[char] = (rng.uniform(-0.25, 0.25), rng.uniform(-0.45, 0.45))
            glyph_dx, glyph_dy = glyph_offsets[char]
            x = start + column * advance + glyph_dx + rng.uniform(-0.12, 0.12)
            y = baseline + line_drift + glyph_dy + rng.uniform(-0.12, 0.12)
            level = min(len(_INK_LEVELS) - 1, max(0, round(rng.gauss(1.2, 1.0))))
            writer = writers[level]
            # Struck twice a hair apart: Courier alone is thinner than typewriter type.
            writer.append((x, y), char, font=font, fontsize=page.fontsize)
            writer.append((x + 0.28, y + 0.05), char, font=font, fontsize=page.fontsize)
        baseline += page.leading
    for gray, writer in zip(_INK_LEVELS, writers, strict=True):
        writer.write_text(canvas, color=(gray, gray, gray), morph=morph)


def _draw_notice(canvas: pymupdf.Page, page: TypedPage) -> None:
    """The printed notice at the foot of the sheet that says what the page is."""
    width, height = page.size
    box = pymupdf.Rect(page.left * 0.6, height - 34, width - page.left * 0.6, height - 12)
    canvas.insert_textbox(
        box,
        page.notice,
        fontname=NOTICE_FONT,
        fontsize=6.5,
        color=(0.3, 0.3, 0.3),
        align=pymupdf.TEXT_ALIGN_CENTER,
    )


def _grain(width: int, height: int, rng: random.Random) -> pymupdf.Pixmap:
    """A faint random speckle with alpha, laid over the sheet: paper fibre and ribbon wear."""
    count = width * height
    samples = bytearray(2 * count)
    samples[0::2] = rng.randbytes(count)
    samples[1::2] = bytes([GRAIN_ALPHA]) * count
    return pymupdf.Pixmap(pymupdf.csGRAY, width, height, bytes(samples), 1)


def _write_text_layer(
    target: pymupdf.Page, page: TypedPage, morph: tuple[pymupdf.Point, pymupdf.Matrix]
) -> None:
    """The invisible text (render mode 3) where the type is, so it can be selected and searched."""
    font = pymupdf.Font(TYPE_FONT)
    writer = pymupdf.TextWriter(target.rect)
    baseline = page.top
    advance = char_width(page.fontsize)
    for line in page.lines:
        text = line.lstrip()
        if text:
            # Text starts where its first character is, as OCR would find it: no leading blanks.
            x = page.left + (len(line) - len(text)) * advance
            writer.append((x, baseline), text, font=font, fontsize=page.fontsize)
        baseline += page.leading
    writer.write_text(target, render_mode=3, morph=morph)
    width, height = page.size
    box = pymupdf.Rect(page.left * 0.6, height - 34, width - page.left * 0.6, height - 12)
    target.insert_textbox(
        box,
        page.notice,
        fontname=NOTICE_FONT,
        fontsize=6.5,
        render_mode=3,
        align=pymupdf.TEXT_ALIGN_CENTER,
    )
