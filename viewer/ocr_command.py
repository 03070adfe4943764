"""`archive-viewer ocr`: recognise the scans of an archive ahead of time, or print a PDF's text.

No Qt: it runs on servers and in scripts. Results go to the user's OCR cache (which the viewer
reads), and beside the scans only with --write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from viewer.domain import archive, model, ocr, ocr_batch, ocr_cache

WRITTEN_NAME = "ocr.{language}.txt"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archive-viewer ocr",
        description=(
            "Recognise the text of image-only scans with Tesseract. PATH is an archive, a record "
            "folder or a PDF. Pages that have a text layer are left alone (--all-pages reads them "
            "too). Results are kept in your cache folder, where the viewer finds them."
        ),
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument(
        "--text",
        action="store_true",
        help="print the recognised text of a PDF, pages separated by form feeds",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help=(
            "also write each record's text beside its scans (ocr.LANG.txt, listed in "
            'record.toml as a transcript of kind "ocr")'
        ),
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        help="the text's language(s), such as 'ru' or 'en+ru' (default: the record's, else en)",
    )
    parser.add_argument("--all-pages", action="store_true", help="also pages with a text layer")
    parser.add_argument(
        "--processes", type=int, metavar="N", help="Tesseract processes at once (default: cores)"
    )
    parser.add_argument("--basedir", type=Path, help="keep the cache under this folder")
    return parser


def _language(option: str | None, record_languages: tuple[str, ...]) -> str:
    if option:
        return ocr.tesseract_language(option.replace("+", ",").split(","))
    return ocr.tesseract_language(record_languages)


def _recognise(
    pdf: Path,
    language: str,
    cache: ocr_cache.OcrCache,
    *,
    all_pages: bool,
    processes: int | None,
    report: bool,
) -> list[ocr.OcrPage]:
    """Every page of `pdf` that needs reading, from the cache or recognised now, in page order."""
    from viewer.domain import pdf as pdf_module  # noqa: PLC0415  (loads PyMuPDF)

    try:
        doc: Any = ocr_batch.open_pdf(pdf)
    except pdf_module.PdfError as exc:
        print(f"error: {exc.message()}", file=sys.stderr)
        return []
    content = cache.content_of(pdf)
    known = cache.pages(content, language)
    wanted = [n for n in range(doc.page_count) if all_pages or not ocr.has_text_layer(doc, n)]
    todo = [n for n in wanted if n not in known or known[n].outdated]
    results = {n: known[n] for n in wanted if n in known}
    for page in ocr_batch.recognise_pages(doc, todo, language, processes):
        results[page.page] = cache.put(content, page)
        if report:
            print(f"{pdf}: page {page.page + 1} of {doc.page_count}", file=sys.stderr)
    for page in sorted(results.values(), key=lambda p: p.page):
        if page.error:
            print(f"warning: {pdf.name}: {page.error}", file=sys.stderr)
    doc.close()
    return [results[n] for n in sorted(results)]


def _write_transcript(record: model.Record, language: str, text: str) -> Path:
    """Write the record's recognised text beside its scans and list it in record.toml."""
    first = language.split("+", maxsplit=1)[0]
    code = next(
        (c for c in record.languages if ocr.tesseract_language([c]) == first),
        record.languages[0] if record.languages else "en",
    )
    name = WRITTEN_NAME.format(language=code)
    target = record.folder / name
    target.write_text(text, encoding="utf-8")
    toml = record.folder / "record.toml"
    existing = toml.read_text(encoding="utf-8")
    if f'file = "{name}"' not in existing:
        addition = (
            f'\n[[transcripts]]\nfile = "{name}"\nlanguage = "{code}"\nkind = "ocr"\n'
            'label = "Machine-read text (OCR, unchecked)"\n'
        )
        toml.write_text(existing.rstrip("\n") + "\n" + addition, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    """`archive-viewer ocr PATH [--write] | FILE.pdf --text [--language CODE]`."""
    args = _parser().parse_args(argv)
    if args.basedir is not None:
        import os  # noqa: PLC0415

        os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(args.basedir.resolve())
    from viewer import paths  # noqa: PLC0415  (no Qt in paths)

    path: Path = args.path.expanduser()
    if not path.exists():
        print(f"error: {path}: no such file or folder", file=sys.stderr)
        return 1
    language = _language(args.language, ())
    ocr.remove_stale_files()
    try:
        ocr.check_language(language)
        cache = ocr_cache.OcrCache(ocr_cache.default_path(paths.ensure(paths.cache_dir())))
    except (ocr.OcrUnavailableError, ocr_cache.OcrCacheError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if path.is_file():
        pages = _recognise(
            path,
            language,
            cache,
            all_pages=args.all_pages or args.text,
            processes=args.processes,
            report=not args.text,
        )
        if args.text:
            sys.stdout.write(ocr.join_pages(pages))
            sys.stdout.write("\n")
        return 0 if pages else 1
    loaded = archive.load_archive(path) if not (path / "record.toml").is_file() else None
    records = (
        loaded.good_records()
        if loaded is not None
        else tuple(r for r in [archive.load_record(path)] if isinstance(r, model.Record))
    )
    failed = 0
    for record in records:
        record_language = _language(args.language, record.languages)
        try:
            ocr.check_language(record_language)
        except ocr.OcrUnavailableError as exc:
            print(f"warning: {record.folder.name}: {exc}; reading it as English", file=sys.stderr)
            record_language = "eng"
        texts: list[str] = []
        for path in (p for scan in record.scans for p in scan.images or (scan.path,)):
            pages = _recognise(
                path,
                record_language,
                cache,
                all_pages=args.all_pages,
                processes=args.processes,
                report=True,
            )
            failed += sum(1 for p in pages if p.error)
            texts.extend(p.text() for p in pages if not p.error)
        if args.write and any(t.strip() for t in texts):
            written = _write_transcript(record, record_language, "\f".join(texts) + "\n")
            print(f"{written}: written")
    cache.close()
    return 1 if failed else 0
