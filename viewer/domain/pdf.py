"""Opening, inspecting and rendering PDFs with PyMuPDF, with typed errors a person can act on.

PyMuPDF is not thread-safe: the application calls this module from one worker only (see
`viewer.services.render`); the command line calls it directly.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import re
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pymupdf

from viewer.domain.pdf_info import DocumentInfo, PageSize

log = logging.getLogger(__name__)

# MuPDF prints repair chatter on stderr by default; we collect it and report it ourselves.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

# What MuPDF raises for damaged input: its own error classes, and RuntimeError/ValueError from the
# Python layer. Anything else is a bug of ours and must not be swallowed.
MUPDF_ERRORS: tuple[type[Exception], ...] = (RuntimeError, ValueError, pymupdf.mupdf.FzErrorBase)
_PAGE_ERRORS: tuple[type[Exception], ...] = (*MUPDF_ERRORS, IndexError)
_RENDER_ERRORS: tuple[type[Exception], ...] = (*MUPDF_ERRORS, MemoryError)
_IMAGE_ERRORS: tuple[type[Exception], ...] = (*MUPDF_ERRORS, OSError)


class PdfError(Exception):
    """A PDF that cannot be shown, with what went wrong and what the reader can do."""

    def __init__(self, path: Path, problem: str, advice: str = "") -> None:
        self.path = path
        self.problem = problem
        self.advice = advice
        super().__init__(self.message())

    def message(self) -> str:
        """One line naming the file, the problem and what to do."""
        text = f"{self.path.name}: {self.problem}"
        if self.advice:
            text += f". {self.advice}"
        return text


class PdfNotFoundError(PdfError):
    """The file does not exist or cannot be read."""


class PdfUnreadableError(PdfError):
    """The file is not a PDF MuPDF can open, even after repair."""


class PdfPasswordError(PdfError):
    """The PDF is encrypted with a user password; `wrong` when one was given and refused."""

    def __init__(self, path: Path, *, wrong: bool) -> None:
        self.wrong = wrong
        if wrong:
            super().__init__(path, "the password is not correct", "Try again")
        else:
            super().__init__(
                path, "the PDF is encrypted and needs a password", "Enter its password to open it"
            )


class PdfEmptyError(PdfError):
    """The PDF opens but has no pages."""


class PdfStructureError(PdfError):
    """The PDF's page tree is broken (a cycle, a wrong page count)."""


class PdfPageError(PdfError):
    """One page cannot be loaded or rendered; the others may still work."""

    def __init__(self, path: Path, page: int, problem: str) -> None:
        self.page = page
        super().__init__(path, f"page {page + 1} cannot be shown ({problem})")


def _mupdf_problem(exc: BaseException) -> str:
    """MuPDF's own words, without its error-code prefix ("code=7: cycle in page tree")."""
    text = str(exc).strip() or type(exc).__name__
    return re.sub(r"^code=\d+:\s*", "", text)


def _repair_notices(warnings: str, repaired: bool) -> list[str]:
    notices: list[str] = []
    if repaired or "repair" in warnings:
        notices.append("the file was damaged (broken cross-reference table) and has been repaired")
    if "version marker" in warnings:
        notices.append("the file has no PDF header and was read all the same")
    return notices


_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
)
_MARKUP = re.compile(rb"^\s*<(\?xml|!doctype|html|svg|head|body|!--)", re.IGNORECASE)
SNIFF_BYTES = 1024
"""How much of a file is read to tell what it is (a PDF header may follow some junk)."""


def sniff(head: bytes) -> str:
    """What the first bytes of a file say it is: "pdf", an image format ("JPEG", "PNG", "TIFF",
    ...), "SVG", "HTML" or "" (unknown: opened as a damaged PDF, which MuPDF may repair)."""
    if b"%PDF" in head:
        return "pdf"
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _MARKUP.match(head):
        return "SVG" if b"<svg" in head.lower() else "HTML"
    return ""


def _check_regular_file(path: Path) -> None:
    """A PdfNotFoundError saying what `path` is when it is not a readable regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise PdfNotFoundError(
                path, "the file is a link to a file that does not exist", "Check the link"
            ) from exc
        raise PdfNotFoundError(path, "the file does not exist", "Check the path") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PdfNotFoundError(
                path, "the file is a link that leads back to itself (a symlink loop)"
            ) from exc
        raise PdfNotFoundError(path, f"the file cannot be read ({exc.strerror})") from exc
    if stat.S_ISDIR(mode):
        raise PdfNotFoundError(path, "this is a folder, not a PDF file", "Check the path")
    if not stat.S_ISREG(mode):
        raise PdfUnreadableError(
            path, "this is not a regular file (a pipe or a device), not a PDF", "Check the path"
        )


def open_as_pdf(path: Path) -> tuple[Any, str]:
    """`path` as a PyMuPDF PDF document, whatever it holds, and what it really is.

    A PDF (even damaged, even without its header) opens as one; an image MuPDF reads (JPEG, PNG,
    TIFF, ...) becomes a PDF of its pages through `convert_to_pdf()`, so it is shown, rendered and
    searched like any scan; HTML, SVG and anything else is refused with a PdfError naming it.
    The kind is "pdf", the image's format ("JPEG", ...), or "an" (an image MuPDF found by itself).
    """
    _check_regular_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise PdfNotFoundError(path, f"the file cannot be read ({exc.strerror})") from exc
    kind = sniff(head)
    if kind in ("HTML", "SVG"):
        raise PdfUnreadableError(
            path,
            f"this is an {kind} file named like a PDF, not a scan",
            "Replace it with the PDF or image of the document",
        )
    try:
        if kind in ("", "pdf"):
            document = pymupdf.open(path, filetype="pdf")
            if document.is_pdf:
                return document, "pdf"
            # MuPDF recognised something else by its content (an image with a damaged header).
            kind = "an"
        else:
            document = pymupdf.open(path)
    except MUPDF_ERRORS as exc:
        raise PdfUnreadableError(
            path, "this is not a PDF that can be opened", "The file may be damaged or not a PDF"
        ) from exc
    except OSError as exc:
        raise PdfNotFoundError(path, f"the file cannot be read ({exc.strerror})") from exc
    try:
        if document.is_pdf or document.page_count < 1:
            raise ValueError("no image pages")
        converted = pymupdf.open("pdf", document.convert_to_pdf())
    except _IMAGE_ERRORS as exc:
        raise PdfUnreadableError(
            path,
            f"this is {_image(kind, 'damaged ')} named like a PDF ({_mupdf_problem(exc)})",
            "Replace it with a good copy",
        ) from exc
    finally:
        document.close()
    return converted, kind


def _image(kind: str, adjective: str = "") -> str:
    """ "a JPEG image", "a damaged image", "an image" (when its format is not known)."""
    if kind == "an":
        return f"a {adjective}image" if adjective else "an image"
    return f"a {adjective}{kind} image"


def images_as_pdf(paths: Sequence[Path], orientations: Sequence[tuple[int, bool]] = ()) -> Any:
    """Several image files as one PDF document, a page (or a page a frame) each, in order;
    `orientations` turns (degrees clockwise) and mirrors each image as a photo library says."""
    doc = pymupdf.open()
    for index, path in enumerate(paths):
        turn, mirrored = orientations[index] if index < len(orientations) else (0, False)
        with pymupdf.open(path) as image:
            if turn % 360 or mirrored:
                with pymupdf.open("pdf", image.convert_to_pdf()) as single:
                    for page in single:
                        if mirrored:
                            _mirror(page)
                        page.set_rotation((page.rotation + turn) % 360)
                    doc.insert_pdf(single)
            else:
                doc.insert_file(image)
    return pymupdf.open("pdf", doc.tobytes())


def _mirror(page: Any) -> None:
    """Flip a page's content left to right (a mirrored photo)."""
    width = page.rect.width
    page.clean_contents()
    xref = page.get_contents()[0]
    stream = page.parent.xref_stream(xref)
    flip = f"-1 0 0 1 {width:g} 0 cm\n".encode()
    page.parent.update_stream(xref, b"q\n" + flip + stream + b"\nQ")


def open_document(path: Path, password: str | None = None) -> tuple[Any, DocumentInfo]:
    """Open `path`, repairing what MuPDF can; the PyMuPDF document and what is known of it.

    The file is opened by what it holds, not by its name (see `open_as_pdf`).
    """
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    doc, kind = open_as_pdf(path)
    try:
        info = _inspect(doc, path, password)
    except BaseException:
        doc.close()
        raise
    if kind != "pdf" and path.suffix.lower() == ".pdf":  # an image named like a PDF
        notice = f"the file is {_image(kind)}, not a PDF; it is shown as the scan it is"
        info = dataclasses.replace(info, notices=(*info.notices, notice))
    return doc, info


def open_images(path: Path, images: Sequence[Path]) -> tuple[Any, DocumentInfo]:
    """Several photos of one document (`images`, in order) opened as one document known as
    `path` (its first photo); a page each."""
    try:
        doc = images_as_pdf(images)
    except MUPDF_ERRORS as exc:
        raise PdfUnreadableError(
            path, "one of its photos cannot be opened", "A photo may be damaged or not an image"
        ) from exc
    except OSError as exc:
        raise PdfNotFoundError(path, f"a photo cannot be read ({exc.strerror})") from exc
    try:
        return doc, _inspect(doc, path, None)
    except BaseException:
        doc.close()
        raise


def _inspect(doc: Any, path: Path, password: str | None) -> DocumentInfo:
    if doc.needs_pass:
        if not password:
            raise PdfPasswordError(path, wrong=False)
        if not doc.authenticate(password):
            raise PdfPasswordError(path, wrong=True)
    notices = _repair_notices(pymupdf.TOOLS.mupdf_warnings(), bool(doc.is_repaired))
    if doc.is_encrypted and not doc.needs_pass and not password:
        notices.append("the author restricted what may be done with this file (owner password)")
    try:
        count = doc.page_count
    except MUPDF_ERRORS as exc:
        raise PdfStructureError(path, f"its page tree is broken ({_mupdf_problem(exc)})") from exc
    if count == 0:
        raise PdfEmptyError(
            path, "the PDF has no pages (it may be truncated or damaged beyond repair)"
        )
    try:
        sizes = _page_sizes(doc, count)
    except MUPDF_ERRORS as exc:
        raise PdfStructureError(path, f"its page tree is broken ({_mupdf_problem(exc)})") from exc
    return DocumentInfo(
        path=path,
        page_sizes=tuple(sizes),
        notices=tuple(notices),
        metadata=_metadata(doc),
        encrypted=bool(doc.is_encrypted),
    )


def _page_sizes(doc: Any, count: int) -> list[PageSize]:
    """Every page's displayed size, read from the page objects without loading any page.

    It comes before the first page can be rendered (the zoom depends on every page), so it is
    kept short: the low-level calls (no wrapper objects) take ~5 ms for 690 pages, the
    class-aware ones ~9 ms, `page_cropbox` + `xref_get_key` ~31 ms. /Rotate and the boxes are
    looked up with inheritance, as the PDF says.
    """
    mu = pymupdf.mupdf
    document = pymupdf._as_pdf_document(doc).m_internal
    lookup_page, inheritable = mu.ll_pdf_lookup_page_obj, mu.ll_pdf_dict_get_inheritable
    to_rect, to_int = mu.ll_pdf_to_rect, mu.ll_pdf_to_int
    crop_name = mu.PDF_ENUM_NAME_CropBox.m_internal
    media_name = mu.PDF_ENUM_NAME_MediaBox.m_internal
    rotate_name = mu.PDF_ENUM_NAME_Rotate.m_internal
    letter_rect = mu.FzRect(0, 0, 612, 792)  # holds the struct `letter` points into
    letter = letter_rect.internal()
    sizes: list[PageSize] = []
    for index in range(count):
        page = lookup_page(document, index)
        box = media = to_rect(inheritable(page, media_name))
        if media.x0 >= media.x1 or media.y0 >= media.y1:  # fz_is_empty_rect
            box = media = letter
        crop = inheritable(page, crop_name)
        if crop is not None:
            crop_box = to_rect(crop)
            if crop_box.x0 < crop_box.x1 and crop_box.y0 < crop_box.y1:
                box = mu.ll_fz_intersect_rect(crop_box, media)
        width, height = abs(box.x1 - box.x0), abs(box.y1 - box.y0)
        if to_int(inheritable(page, rotate_name)) % 180 == 90:
            width, height = height, width
        sizes.append(PageSize(width, height))
    return sizes


def _page_rotation(doc: Any, index: int) -> int:
    """The page's /Rotate without loading the page (loading all 690 pages costs ~0.5 s)."""
    kind, value = doc.xref_get_key(doc.page_xref(index), "Rotate")
    if kind != "int":
        return 0
    return int(value) % 360


_XMP_FIELDS = {
    "title": r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "author": r"<dc:creator>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "subject": r"<dc:description>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "date": r"<xmp:CreateDate>(.*?)</xmp:CreateDate>",
    "language": r"<dc:language>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
    "rights": r"<dc:rights>.*?<rdf:li[^>]*>(.*?)</rdf:li>",
}


def _metadata(doc: Any) -> dict[str, str]:
    """The document's info dictionary, completed from its XMP packet where that says more."""
    info = {k: str(v) for k, v in (doc.metadata or {}).items() if v and k != "encryption"}
    try:
        xmp = doc.get_xml_metadata() or ""
    except MUPDF_ERRORS:
        xmp = ""
    for key, pattern in _XMP_FIELDS.items():
        if info.get(key):
            continue
        match = re.search(pattern, xmp, re.DOTALL)
        if match and match.group(1).strip():
            info[key] = _unescape_xml(match.group(1).strip())
    return info


def _unescape_xml(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def load_page(doc: Any, path: Path, index: int) -> Any:
    """Page `index` of `doc`, or a PdfPageError saying why it cannot be loaded."""
    try:
        return doc.load_page(index)
    except _PAGE_ERRORS as exc:
        raise PdfPageError(path, index, _mupdf_problem(exc)) from exc


PIXEL_BYTES = 4
"""Rendered pixels are 4 bytes, opaque: B, G, R, 255 on a little-endian machine, the 32-bit word
0xffRRGGBB that Qt paints without converting it (`QImage.Format_RGB32`); on a big-endian one,
where MuPDF cannot put alpha first, R, G, B, 255 (`QImage.Format_RGBX8888`)."""

_BGRA = sys.byteorder == "little"


class Pixels(NamedTuple):
    """A rendered page: `height` rows of `stride` bytes in `samples`, see `PIXEL_BYTES`."""

    samples: Any
    width: int
    height: int
    stride: int


def render_page(
    doc: Any,
    path: Path,
    index: int,
    scale: float,
    rotation: int = 0,
    allocate: Callable[[int], Any] = bytearray,
) -> Pixels:
    """Page `index` at `scale` (1.0 = 72 dpi), turned by `rotation`, on opaque white paper.

    The pixels are those of PyMuPDF's `get_pixmap(matrix, alpha=False)` (the same size, the same
    colours) in the layout of `PIXEL_BYTES`. MuPDF draws straight into `allocate(size)`, a
    writable buffer (shared memory, for the window process to map): nothing is copied after it.
    """
    page = load_page(doc, path, index)
    try:
        mu = pymupdf.mupdf
        ctm = mu.fz_pre_rotate(mu.fz_scale(scale, scale), rotation)
        fz_page = pymupdf._as_fz_page(page)
        box = mu.fz_round_rect(mu.fz_transform_rect(mu.fz_bound_page(fz_page), ctm))
        width, height = box.x1 - box.x0, box.y1 - box.y0
        if width <= 0 or height <= 0:
            raise PdfPageError(path, index, "the page has no area")
        stride = width * PIXEL_BYTES
        samples = allocate(stride * height)
        colorspace = mu.fz_device_bgr() if _BGRA else mu.fz_device_rgb()
        pixmap = mu.fz_new_pixmap_with_bbox_and_data(
            colorspace, box, mu.FzSeparations(), 1, mu.python_mutable_buffer_data(samples)
        )
        # Opaque white paper, as get_pixmap(alpha=False) starts from; alpha stays 255.
        mu.fz_clear_pixmap_with_value(pixmap, 0xFF)
        # Straight into the pixmap: get_pixmap records a display list first and then plays it.
        device = mu.fz_new_draw_device(ctm, pixmap)
        mu.fz_run_page(fz_page, device, mu.FzMatrix(), mu.FzCookie())
        mu.fz_close_device(device)
    except _RENDER_ERRORS as exc:
        raise PdfPageError(path, index, _mupdf_problem(exc)) from exc
    return Pixels(samples, width, height, stride)


def page_texts(doc: Any, path: Path, on_page: Callable[[int], None] | None = None) -> list[str]:
    """The text layer of every page ("" for a page without one); `on_page(index)` is called as
    each page is begun."""
    texts: list[str] = []
    for index in range(doc.page_count):
        if on_page is not None:
            on_page(index)
        texts.append(page_text(doc, path, index))
    return texts


def page_text(doc: Any, path: Path, index: int) -> str:
    """The text layer of page `index` ("" for a page without one, or one that cannot be read)."""
    try:
        return str(load_page(doc, path, index).get_text("text"))
    except PdfPageError:
        return ""
    except MUPDF_ERRORS:
        return ""


@dataclass(frozen=True)
class CheckResult:
    """What `check` found in one PDF: notices (warnings) and at most one error."""

    path: Path
    notices: tuple[str, ...] = ()
    error: str = ""
    page_count: int = 0
    has_text_layer: bool = False


def check(
    path: Path,
    password: str | None = None,
    render_pages: Sequence[int] = (0, -1),
    on_page: Callable[[str, int], None] | None = None,
) -> CheckResult:
    """Open `path` as the viewer would, load every page and render the given ones small.

    `on_page(step, index)` is called before the text of a page is read (step "read") and
    before a page is drawn ("draw"), for timing them from outside.
    """
    try:
        doc, info = open_document(path, password)
    except PdfError as exc:
        return CheckResult(path, error=exc.problem)
    notices = list(info.notices)
    try:
        has_text = False
        for index in range(info.page_count):
            page = load_page(doc, path, index)
            if has_text or index >= 3:
                continue
            if on_page is not None:
                on_page("read", index)
            try:
                has_text = bool(page.get_text("text").strip())
            except MUPDF_ERRORS as exc:
                notices.append(
                    f"the text layer of page {index + 1} cannot be read ({_mupdf_problem(exc)})"
                )
        for wanted in render_pages:
            index = wanted % info.page_count
            if on_page is not None:
                on_page("draw", index)
            render_page(doc, path, index, 0.2)
    except PdfError as exc:
        return CheckResult(path, tuple(notices), exc.problem, info.page_count)
    finally:
        doc.close()
    return CheckResult(path, tuple(notices), "", info.page_count, has_text)
