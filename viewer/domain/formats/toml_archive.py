"""The viewer's own archive format: record folders with a record.toml (docs/archive-format.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from viewer.domain import archive
from viewer.domain.archive import Problem, Progress
from viewer.domain.formats import Format
from viewer.domain.model import Archive


def _claims(path: Path) -> bool:
    if not path.is_dir():
        return False
    try:
        return next(archive.iter_record_folders(path.resolve()), None) is not None
    except OSError:
        return False


def _read(path: Path, progress: Progress | None) -> Archive:
    return _read_early(path, progress, None)


def _read_early(
    path: Path, progress: Progress | None, early: Callable[[Archive], None] | None
) -> Archive:
    from viewer import paths  # noqa: PLC0415

    # The records read are kept in the user's cache: opening the archive again reads only
    # the records that changed, and can show them before it looks at the disk.
    catalogues = paths.cache_dir() / "catalogues"
    return archive.load_archive(path, progress, catalogues=catalogues, early=early)


def _check(path: Path) -> list[Problem]:
    from viewer.domain import check  # noqa: PLC0415  (loads PyMuPDF)

    return check.check_archive_folder(path)


FORMAT = Format(
    name="archive",
    label="an archive folder (record.toml files)",
    claims=_claims,
    read=_read,
    check=_check,
    importable=False,
    read_early=_read_early,
)
