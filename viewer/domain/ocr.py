"""Recognising the text of scanned pages with Tesseract: language choice, page images, words.

The `tesseract` program is run on a greyscale image of the page, one process per page, and its TSV
output gives every word with its box and confidence. (PyMuPDF's built-in OCR was measured against
it: slower on the same page at the same resolution, and its text page has no word confidences; see
benchmarks/ocr.py.) Word boxes are kept in PDF points, in the unrotated page's coordinates, like
the words of a text layer. Pure Python: PyMuPDF is imported only when a page is drawn.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DPI = 300
# A page image above this many pixels is drawn at a lower resolution (a 2400-dpi scan would
# otherwise be ~100 million pixels); below MIN_DPI it is not worth recognising.
MAX_PIXELS = 40_000_000
MIN_DPI = 70
LOW_CONFIDENCE = 60.0
"""Words Tesseract is less sure of than this (0-100) are marked as doubtful to the reader."""
DOUBTFUL_PAGE = 42.0
"""A page whose words average less confidence than this is checked for being on its side."""
CLEAN_PAGE = 92.0
"""A page whose words, read with the automatic layout, average at least this confidence is clean
print (a typeset form, table or letter; real typewritten scans stay below ~91): it is read again
as one block of lines, which keeps a form's labels and values on their lines, and the reading
with the higher mean confidence is kept (see docs/search.md)."""
BLOCK_MODE = 6
"""Tesseract's page segmentation mode for that second reading: one uniform block of text."""
ORIENTATION_CONFIDENCE = 2.0
RECOGNISER_VERSION = 2
"""Raised whenever the same page would now be read differently (Tesseract's settings, the page
segmentation modes tried, the resolution or preprocessing): pages read by an older recogniser
are read again in the background, their old reading kept until the new one replaces it.
1: before the version was kept (and before clean print was read a second time as one block)."""
TIMEOUT_SECONDS = 180.0
ENGINE = "tesseract"

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)

# The record's ISO 639-1 (or 639-3) codes to Tesseract's language data names.
_TESSERACT_CODES = {
    "en": "eng",
    "ru": "rus",
    "de": "deu",
    "fr": "fra",
    "es": "spa",
    "it": "ita",
    "uk": "ukr",
    "be": "bel",
    "pl": "pol",
    "cs": "ces",
    "pt": "por",
    "nl": "nld",
    "zh": "chi_sim",
    "ja": "jpn",
    "ko": "kor",
    "ar": "ara",
    "he": "heb",
    "sr": "srp",
    "bg": "bul",
    "hu": "hun",
    "ro": "ron",
    "sv": "swe",
    "fi": "fin",
    "tr": "tur",
    "el": "ell",
    "la": "lat",
    "yi": "yid",
}


class OcrError(Exception):
    """A page could not be recognised; the message says why and what to do."""


class OcrUnavailableError(OcrError):
    """Tesseract, or the language data asked for, is not installed."""


@dataclass(frozen=True)
class OcrWord:
    """One recognised word: its text, its box in PDF points, Tesseract's confidence (0-100)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    confidence: float
    block: int
    line: int

    @property
    def doubtful(self) -> bool:
        """Whether the reader should be warned that this word may be misread."""
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class OcrPage:
    """The recognised words of one page, or why there are none."""

    page: int
    language: str
    words: tuple[OcrWord, ...] = ()
    error: str = ""
    recogniser: int = RECOGNISER_VERSION
    """The `RECOGNISER_VERSION` that read it."""

    @property
    def outdated(self) -> bool:
        """Whether an older recogniser read it (it is worth reading again)."""
        return self.recogniser < RECOGNISER_VERSION

    def text(self) -> str:
        """The page's text: words of a line joined by spaces, blocks separated by a blank line."""
        lines: list[str] = []
        last: tuple[int, int] | None = None
        current: list[str] = []
        for word in self.words:
            key = (word.block, word.line)
            if last is not None and key != last:
                lines.append(" ".join(current))
                if key[0] != last[0]:
                    lines.append("")
                current = []
            current.append(word.text)
            last = key
        if current:
            lines.append(" ".join(current))
        return "\n".join(lines)


def tesseract_program() -> str | None:
    """The path of the `tesseract` program, or None when it is not installed."""
    return shutil.which("tesseract")


@cache
def installed_languages() -> frozenset[str]:
    """The language data Tesseract has (`eng`, `rus`...); empty when Tesseract is missing."""
    program = tesseract_program()
    if program is None:
        return frozenset()
    try:
        out = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names = out.stdout.splitlines()[1:]
    return frozenset(name.strip() for name in names if name.strip() and name.strip() != "osd")


def tessdata_dir() -> Path | None:
    """The folder of Tesseract's language data (TESSDATA_PREFIX, else the usual places)."""
    for candidate in (os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA_DIRS):
        if candidate and (Path(candidate) / "eng.traineddata").is_file():
            return Path(candidate)
    return None


def tesseract_language(
    codes: Iterable[str], fallback: str = "eng", *, installed_only: bool = True
) -> str:
    """Tesseract's language argument for a record's `languages` (`ru` → `rus`, several joined
    with `+`), keeping only the installed ones; `fallback` when none is left."""
    installed = installed_languages() if installed_only else frozenset()
    chosen: list[str] = []
    for code in codes:
        base = code.strip().lower().replace("_", "-").split("-")[0]
        name = _TESSERACT_CODES.get(base, base if len(base) == 3 else "")
        if name and name not in chosen and (not installed or name in installed):
            chosen.append(name)
    return "+".join(chosen) if chosen else fallback


def usable_language(language: str) -> str:
    """`language` without the parts Tesseract has no data for (English when none is left)."""
    installed = installed_languages()
    kept = [name for name in language.split("+") if name in installed]
    return "+".join(kept) if kept else "eng"


def check_language(language: str) -> None:
    """Raise OcrUnavailableError naming what to install when `language` cannot be recognised."""
    if tesseract_program() is None:
        raise OcrUnavailableError(
            "Tesseract is not installed: install it (on Debian or Ubuntu: "
            "apt-get install tesseract-ocr tesseract-ocr-eng)"
        )
    missing = [name for name in language.split("+") if name not in installed_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{name.replace('_', '-')}" for name in missing)
        raise OcrUnavailableError(
            f"Tesseract has no language data for {', '.join(missing)}: install it "
            f"(on Debian or Ubuntu: apt-get install {packages})"
        )


def page_dpi(width_points: float, height_points: float, dpi: int = DPI) -> int:
    """The resolution to draw a page at: `dpi`, lowered so the image stays under MAX_PIXELS."""
    pixels = (width_points * dpi / 72) * (height_points * dpi / 72)
    if pixels <= MAX_PIXELS:
        return dpi
    return int(dpi * (MAX_PIXELS / pixels) ** 0.5)


Transform = tuple[float, float, float, float, float, float]
"""An affine map (a, b, c, d, e, f) from image pixels to PDF points: x' = ax + cy + e."""


def page_image(
    doc: Any, page_number: int, dpi: int = DPI, turn: int = 0
) -> tuple[bytes, int, Transform]:
    """A greyscale image of the page as PGM (quick to make, unlike PNG), unrotated as its words'
    coordinates are and then turned by `turn` degrees clockwise; the resolution it was drawn at;
    the map from its pixels back to the page's points. Raises OcrError for a page that cannot be
    drawn."""
    import pymupdf  # noqa: PLC0415  (only the OCR process draws pages)

    try:
        page = doc[page_number]
        rect = page.cropbox
        chosen = page_dpi(rect.width, rect.height, dpi)
        if chosen < MIN_DPI:
            raise OcrError(
                f"page {page_number + 1} is too large to recognise "
                f"({rect.width:.0f} × {rect.height:.0f} points)"
            )
        scale = chosen / 72
        rotation = page.rotation
        if rotation:
            page.set_rotation(0)
        try:
            matrix = pymupdf.Matrix(scale, scale).prerotate(turn)
            pix = page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
        finally:
            if rotation:
                page.set_rotation(rotation)
        # Pixels are counted from the pixmap's corner, which the rotation moved.
        shifted = matrix * pymupdf.Matrix(1, 0, 0, 1, -pix.x, -pix.y)
        inverse = ~shifted
        to_points = (inverse.a, inverse.b, inverse.c, inverse.d, inverse.e, inverse.f)
        return pix.tobytes("pnm"), chosen, to_points
    except OcrError:
        raise
    except Exception as exc:  # MuPDF raises plain RuntimeErrors for what it cannot draw
        raise OcrError(f"page {page_number + 1} could not be drawn: {exc}") from exc


def scale_transform(scale: float) -> Transform:
    """The map from pixels of an upright image at `scale` pixels per point to points."""
    return (1 / scale, 0.0, 0.0, 1 / scale, 0.0, 0.0)


TEMPORARY_PREFIX = "archive-viewer-ocr-"


@contextmanager
def image_file(image: bytes) -> Iterator[tuple[str, tuple[int, ...]]]:
    """A path Tesseract can open `image` at, and the file descriptors to hand down with it.

    On Linux an anonymous file in memory (`memfd_create`), opened as /dev/fd/N: the kernel frees
    it when the last process holding it ends, so a process killed in the middle of a page (the
    window closing kills the OCR process) leaves nothing behind. Tesseract reading the image on
    stdin instead costs ~12% more of its time per page (it reads a pipe a byte at a time).
    Elsewhere a file in this process's own folder (`private_folder`), which the next start
    removes if this process is killed (`remove_stale_files`)."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create(TEMPORARY_PREFIX + "page", os.MFD_CLOEXEC)
        try:
            view = memoryview(image)
            while view:
                view = view[os.write(fd, view) :]
            yield f"/dev/fd/{fd}", (fd,)
        finally:
            os.close(fd)
        return
    with tempfile.NamedTemporaryFile(dir=private_folder(), suffix=".pgm") as file:
        file.write(image)
        file.flush()
        yield file.name, ()


@cache
def private_folder() -> Path:
    """This process's folder for page images (where there is no file in memory), named after
    its process id so that a later start can tell it is no one's any more."""
    folder = Path(tempfile.gettempdir()) / f"{TEMPORARY_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def remove_stale_files(folder: Path | None = None) -> None:
    """Remove what OCR processes that were killed left in the temporary folder: the folders of
    processes that are gone, and page images of older versions that are older than a page can
    take (TIMEOUT_SECONDS)."""
    folder = folder if folder is not None else Path(tempfile.gettempdir())
    try:
        entries = list(folder.glob(TEMPORARY_PREFIX + "*"))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        suffix = entry.name.removeprefix(TEMPORARY_PREFIX)
        try:
            if entry.is_dir() and suffix.isdigit() and not _process_alive(int(suffix)):
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.is_file() and now - entry.stat().st_mtime > TIMEOUT_SECONDS:
                entry.unlink()
        except OSError:
            continue  # another user's, or removed meanwhile


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def run_tesseract(image: bytes, language: str, dpi: int, psm: int | None = None) -> str:
    """Tesseract's TSV output for an image (PGM or PNG), with its automatic page layout or page
    segmentation mode `psm`. Raises OcrError when Tesseract fails."""
    program = tesseract_program()
    if program is None:
        check_language(language)
        raise OcrUnavailableError("Tesseract is not installed")
    env = dict(os.environ)
    # One thread per page: pages are recognised in parallel instead, which is faster, and an
    # OpenMP pool per process would fight the window for the cores.
    env["OMP_THREAD_LIMIT"] = "1"
    # Its priority is the calling process's (the OCR process runs at the lowest).
    with image_file(image) as (name, descriptors):
        command = [program, name, "stdout", "-l", language, "--dpi", str(dpi)]
        command += ["--psm", str(psm), "tsv"] if psm is not None else ["tsv"]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env=env,
                check=False,
                pass_fds=descriptors,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(
                f"Tesseract took longer than {TIMEOUT_SECONDS:.0f} s and was stopped"
            ) from exc
        except OSError as exc:
            raise OcrError(f"Tesseract could not be started: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(
            f"Tesseract failed ({message[-1] if message else f'exit status {done.returncode}'})"
        )
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str, to_points: Transform) -> tuple[OcrWord, ...]:
    """The words of Tesseract's TSV output, their boxes mapped to points by `to_points`."""
    a, b, c, d, e, f = to_points
    words: list[OcrWord] = []
    lines = tsv.splitlines()
    for row in lines[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        text = fields[11].strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(v) for v in fields[6:10])
            confidence = float(fields[10])
            block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        except ValueError:
            continue
        xs = [a * x + c * y + e for x in (left, left + width) for y in (top, top + height)]
        ys = [b * x + d * y + f for x in (left, left + width) for y in (top, top + height)]
        words.append(
            OcrWord(
                text=text,
                x0=min(xs),
                y0=min(ys),
                x1=max(xs),
                y1=max(ys),
                confidence=max(0.0, confidence),
                block=block,
                line=paragraph * 1000 + line,
            )
        )
    return tuple(words)


def mean_confidence(words: Sequence[OcrWord]) -> float:
    """The average confidence of a page's words (0 for none)."""
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def upright_turn(image: bytes) -> int:
    """How many degrees clockwise to turn an image so its text is upright, by Tesseract's
    orientation detection; 0 when it cannot tell."""
    program = tesseract_program()
    if program is None:
        return 0
    try:
        with image_file(image) as (name, descriptors):
            done = subprocess.run(
                [program, name, "stdout", "--psm", "0"],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                check=False,
                pass_fds=descriptors,
            )
    except (OSError, subprocess.SubprocessError):
        return 0
    output = done.stdout.decode("utf-8", "replace").splitlines()
    fields = dict(line.split(":", 1) for line in output if ":" in line)
    try:
        turn = int(fields.get("Rotate", "0").strip())
        sure = float(fields.get("Orientation confidence", "0").strip())
    except ValueError:
        return 0
    return turn if sure >= ORIENTATION_CONFIDENCE else 0


def needs_turning(words: Sequence[OcrWord]) -> bool:
    """Whether a page read upright looks like text on its side or upside down (worth checking)."""
    return mean_confidence(words) < DOUBTFUL_PAGE


def read_clean_page_as_block(
    image: bytes, language: str, dpi: int, to_points: Transform, words: tuple[OcrWord, ...]
) -> tuple[OcrWord, ...]:
    """The words of a page read with the automatic layout (`words`), or, when the page is clean
    print that reads with more confidence as one block of lines, those. Raises OcrError."""
    if mean_confidence(words) < CLEAN_PAGE:
        return words
    block = parse_tsv(run_tesseract(image, language, dpi, BLOCK_MODE), to_points)
    return block if mean_confidence(block) > mean_confidence(words) else words


def recognise(doc: Any, page_number: int, language: str, dpi: int = DPI) -> OcrPage:
    """The recognised words of one page of an open PyMuPDF document; a page that cannot be
    recognised comes back with its error, never raises (but OcrUnavailableError: nothing can be).
    A page whose text is on its side or upside down is turned upright and read again; a clean
    printed page may be read again as one block (`read_clean_page_as_block`)."""
    try:
        image, chosen, to_points = page_image(doc, page_number, dpi)
        words = parse_tsv(run_tesseract(image, language, chosen), to_points)
        words = read_clean_page_as_block(image, language, chosen, to_points, words)
        if needs_turning(words):
            turn = upright_turn(image)
            if turn:
                image, chosen, to_points = page_image(doc, page_number, dpi, turn)
                turned = parse_tsv(run_tesseract(image, language, chosen), to_points)
                if mean_confidence(turned) > mean_confidence(words):
                    words = turned
    except OcrUnavailableError:
        raise
    except OcrError as exc:
        return OcrPage(page_number, language, error=str(exc))
    return OcrPage(page_number, language, words)


def has_text_layer(doc: Any, page_number: int) -> bool:
    """Whether the page has text of its own (then it needs no OCR)."""
    try:
        return bool(doc[page_number].get_text("text").strip())
    except Exception:
        return False


def join_pages(pages: Sequence[OcrPage]) -> str:
    """The text of several pages, separated by form feeds (as pdftotext does)."""
    return "\f".join(page.text() for page in pages)
