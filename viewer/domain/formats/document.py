"""One scan on its own: a PDF or an image file, with what its name and metadata say."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from viewer.domain.archive import Problem, Progress
from viewer.domain.formats import Format
from viewer.domain.model import Archive, Name, Record, Scan
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES
from viewer.domain.record_fields import parse_date


def is_document_name(path: Path) -> bool:
    """Whether `path` is named as a PDF or an image file (it may not exist)."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def _claims(path: Path) -> bool:
    return is_document_name(path) and not path.is_dir()


def _read(path: Path, progress: Progress | None) -> Archive:
    record = record_for_pdf(path)
    if progress is not None:
        progress(1, 1)
    return Archive(root=path.resolve().parent, title=path.name, records=(record,))


def _check(path: Path) -> list[Problem]:
    from viewer.domain import check  # noqa: PLC0415  (loads PyMuPDF)

    return check.check_pdf(path)


FORMAT = Format(
    name="document",
    label="a PDF or an image file",
    claims=_claims,
    read=_read,
    check=_check,
)


def record_for_pdf(path: Path, metadata: Mapping[str, str] | None = None) -> Record:
    """A record for a bare PDF: its metadata from the PDF's info and XMP, where it has any."""
    meta = metadata or {}
    resolved = path.resolve()
    title = meta.get("title", "").strip() or path.stem
    date = None
    raw = meta.get("creationDate", "") or meta.get("date", "")
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", raw) or re.match(
        r"^(\d{4})-(\d{2})-(\d{2})", raw
    )
    if match:
        try:
            date = parse_date("-".join(g for g in match.groups() if g))
        except ValueError:
            date = None
    creators = (Name(literal=meta["author"].strip()),) if meta.get("author", "").strip() else ()
    subjects = tuple(k.strip() for k in meta.get("keywords", "").split(",") if k.strip())
    return Record(
        id=_safe_id(path.stem),
        title=title,
        folder=resolved.parent,
        date=date,
        summary=meta.get("subject", "").strip(),
        creators=creators,
        subjects=subjects,
        rights=meta.get("rights", "").strip(),
        languages=(meta["language"].strip(),) if meta.get("language", "").strip() else (),
        scans=(Scan(path=resolved),),
    )


def _safe_id(stem: str) -> str:
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")
    return text or "document"
