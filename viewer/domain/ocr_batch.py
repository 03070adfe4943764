"""Recognising many pages at once: pages drawn in this thread, Tesseract run on several at a time.

PyMuPDF is not thread-safe, so only the calling thread draws pages; each Tesseract process then
runs on its own core, and the next page is drawn while they work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, NamedTuple

from viewer.domain import ocr


def default_processes() -> int:
    """As many Tesseract processes as there are cores."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class _Turn(NamedTuple):
    """A page read upright that should be read again turned by `turn` degrees."""

    page: int
    turn: int
    words: tuple[ocr.OcrWord, ...]


def _read(
    page: int,
    language: str,
    drawn: tuple[bytes, int, ocr.Transform],
    before: tuple[ocr.OcrWord, ...] | None,
) -> ocr.OcrPage | _Turn:
    """In a pool thread: Tesseract on one drawn page (`before`: its words read upright, when
    this is the page turned)."""
    image, chosen, to_points = drawn
    try:
        words = ocr.parse_tsv(ocr.run_tesseract(image, language, chosen), to_points)
        if before is None:
            words = ocr.read_clean_page_as_block(image, language, chosen, to_points, words)
    except ocr.OcrUnavailableError:
        raise
    except ocr.OcrError as exc:
        return ocr.OcrPage(page, language, error=str(exc))
    if before is not None:
        if ocr.mean_confidence(before) >= ocr.mean_confidence(words):
            words = before
    elif ocr.needs_turning(words):
        turn = ocr.upright_turn(image)
        if turn:
            return _Turn(page, turn, words)
    return ocr.OcrPage(page, language, words)


def recognise_pages(
    doc: Any,
    pages: Iterable[int],
    language: str,
    processes: int | None = None,
    dpi: int = ocr.DPI,
) -> Iterator[ocr.OcrPage]:
    """Each page's result as soon as it is ready (not necessarily in order).

    One page is drawn ahead while every Tesseract runs, so that a finished one is followed by
    the next at once rather than after the next page is drawn."""
    processes = processes or default_processes()
    todo = iter(pages)
    turns: list[_Turn] = []
    ready: list[tuple[int, tuple[bytes, int, ocr.Transform], tuple[ocr.OcrWord, ...] | None]] = []
    failed: list[ocr.OcrPage] = []
    exhausted = False

    def draw_next() -> None:
        """Draw the next page (a page to turn first) into `ready`, or note it failed."""
        nonlocal exhausted
        turn = turns.pop() if turns else None
        page = turn.page if turn is not None else next(todo, None)
        if page is None:
            exhausted = True
            return
        try:
            drawn = ocr.page_image(doc, page, dpi, turn.turn if turn else 0)
        except ocr.OcrError as exc:
            failed.append(ocr.OcrPage(page, language, error=str(exc)))
            return
        ready.append((page, drawn, turn.words if turn is not None else None))

    with ThreadPoolExecutor(max_workers=processes, thread_name_prefix="tesseract") as pool:
        running: set[Future[ocr.OcrPage | _Turn]] = set()
        while running or turns or ready or not exhausted:
            while len(running) < processes and (ready or turns or not exhausted):
                if not ready:
                    draw_next()
                if ready:
                    page, drawn, before = ready.pop(0)
                    running.add(pool.submit(_read, page, language, drawn, before))
            if not ready and (turns or not exhausted):
                draw_next()  # while Tesseract works
            yield from failed
            failed.clear()
            if not running:
                continue
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                if isinstance(result, _Turn):
                    turns.append(result)
                else:
                    yield result


def open_images(images: Sequence[Path]) -> tuple[Any, list[tuple[Path, int]]]:
    """Photos of one document as the scan view shows them (`pdf.open_images`: a page each, a
    frame each for a multi-page TIFF), and for each of its pages the photo and frame it is.
    Raises the domain's PDF errors."""
    import pymupdf  # noqa: PLC0415  (only the OCR process draws pages)

    from viewer.domain import pdf  # noqa: PLC0415  (loads PyMuPDF)

    doc, _info = pdf.open_images(images[0], images)
    sources: list[tuple[Path, int]] = []
    for image in images:
        with pymupdf.open(image) as single:
            sources += [(image, frame) for frame in range(single.page_count)]
    if len(sources) != doc.page_count:  # not the pages the scan view shows: no mapping
        doc.close()
        raise pdf.PdfUnreadableError(
            images[0], "its photos cannot be told apart", "A photo may be damaged"
        )
    return doc, sources


def open_pdf(path: Path) -> Any:
    """The PyMuPDF document of `path`, repaired if need be; raises the domain's PDF errors."""
    from viewer.domain import pdf  # noqa: PLC0415  (loads PyMuPDF)

    doc, _info = pdf.open_document(path)
    return doc
