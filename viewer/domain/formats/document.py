"""One scan on its own: a PDF or an image file, with what its name and metadata say."""

from __future__ import annotations

from pathlib import Path

from viewer.domain import archive
from viewer.domain.archive import Problem, Progress
from viewer.domain.formats import Format
from viewer.domain.model import Archive
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES


def is_document_name(path: Path) -> bool:
    """Whether `path` is named as a PDF or an image file (it may not exist)."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def _claims(path: Path) -> bool:
    return is_document_name(path) and not path.is_dir()


def _read(path: Path, progress: Progress | None) -> Archive:
    record = archive.record_for_pdf(path)
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
