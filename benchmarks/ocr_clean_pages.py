"""What reading clean print a second time as one block (`ocr.read_clean_page_as_block`) buys and
costs, page by page; JSON last.

    .venv/bin/python benchmarks/ocr_clean_pages.py [--all-jfk]

For every page of the sample facsimiles (drawn as image-only scans at 300 dpi, their text layer
the truth) and of the corpus scans (all pages of the OCRmyPDF scans and the Russian form, the first
four pages of each JFK file but the blank 157-10014-10242, `--all-jfk`: all 79 of 104-10188-10003):
the default reading's mean word confidence and Tesseract CPU seconds; for pages at or above
`ocr.CLEAN_PAGE`, the block reading's too, which one is kept, and the character error rate of both
against the truth (the facsimiles) or the file's own text layer (corpus pages that have one:
someone else's OCR, so only a hint). CPU seconds are Tesseract's own (getrusage of the children),
one page at a time, so the machine's load does not count.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pymupdf  # noqa: E402

from benchmarks.ocr import FACSIMILES, SCANS, cer, facsimile_scans  # noqa: E402
from viewer.domain import ocr, ocr_batch  # noqa: E402


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def corpus_pages(all_jfk: bool) -> list[tuple[Path, int, str, str]]:
    pages = []
    for path in sorted(SCANS.glob("*.pdf")):
        if path.name.startswith("157-10014"):
            continue  # every page image is blank
        language = "rus" if "_ru_" in path.name else "eng"
        with pymupdf.open(path) as doc:
            count = doc.page_count
            if path.name.startswith("104-") or path.name.startswith("124-"):
                everything = all_jfk and path.name.startswith("104-10188-10003")
                count = count if everything else min(count, 4)
            for number in range(count):
                pages.append((path, number, language, doc[number].get_text()))
    return pages


def measure(pdf: Path, number: int, language: str, truth: str) -> dict[str, object]:
    doc = ocr_batch.open_pdf(pdf)
    image, dpi, to_points = ocr.page_image(doc, number)
    start = _cpu()
    words = ocr.parse_tsv(ocr.run_tesseract(image, language, dpi), to_points)
    row: dict[str, object] = {
        "file": pdf.name,
        "page": number + 1,
        "default_confidence": round(ocr.mean_confidence(words), 1),
        "default_cpu_s": round(_cpu() - start, 2),
    }
    if ocr.mean_confidence(words) >= ocr.CLEAN_PAGE:
        start = _cpu()
        block = ocr.parse_tsv(ocr.run_tesseract(image, language, dpi, ocr.BLOCK_MODE), to_points)
        row["block_cpu_s"] = round(_cpu() - start, 2)
        row["block_confidence"] = round(ocr.mean_confidence(block), 1)
        row["block_kept"] = ocr.mean_confidence(block) > ocr.mean_confidence(words)
        if truth.strip():
            default_text = ocr.OcrPage(number, language, words).text()
            block_text = ocr.OcrPage(number, language, block).text()
            row["default_cer"] = round(cer([(default_text, truth)]), 4)
            row["block_cer"] = round(cer([(block_text, truth)]), 4)
            row["truth_chars"] = len(" ".join(truth.split()))
    doc.close()
    print(json.dumps(row), file=sys.stderr)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-jfk", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for pdf, _number, language, truth in facsimile_scans(Path(folder)):
            rows.append({**measure(pdf, 0, language, truth), "facsimile": True})
            rows[-1]["file"] = f"{pdf.stem} (facsimile)"
    for pdf, number, language, truth in corpus_pages(args.all_jfk):
        rows.append(measure(pdf, number, language, truth))
    clean = [r for r in rows if "block_cpu_s" in r]
    summary = {
        "pages": len(rows),
        "clean_pages": len(clean),
        "block_kept": sum(1 for r in clean if r["block_kept"]),
        "default_cpu_s_all": round(sum(float(r["default_cpu_s"]) for r in rows), 1),
        "block_cpu_s_all": round(sum(float(r["block_cpu_s"]) for r in clean), 1),
        "facsimiles": len(FACSIMILES),
    }
    print(json.dumps({"summary": summary, "pages": rows}))


if __name__ == "__main__":
    main()
