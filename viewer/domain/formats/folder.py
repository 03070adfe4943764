"""Any folder of scans (PDFs and images) opened as it is: one record per document, nothing
written into the folder, what is guessed marked as guessed."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from viewer.domain.archive import MAX_DEPTH, ArchiveError, Progress
from viewer.domain.formats import Format
from viewer.domain.model import Archive, Record, Scan
from viewer.domain.pdf_info import DOCUMENT_SUFFIXES

log = logging.getLogger(__name__)


def iter_documents(root: Path) -> Iterator[Path]:
    """Every PDF and image below `root`, sorted by folder then name, hidden entries skipped."""

    def walk(folder: Path, depth: int) -> Iterator[Path]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", folder, exc)
            return
        folders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif (
                entry.is_file(follow_symlinks=False)
                and Path(entry.name).suffix.lower() in DOCUMENT_SUFFIXES
            ):
                yield Path(entry.path)
        if depth < MAX_DEPTH:
            for sub in folders:
                yield from walk(sub, depth + 1)

    yield from walk(root, 0)


def _record(root: Path, path: Path, used: set[str]) -> Record:
    relative = path.relative_to(root)
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", relative.with_suffix("").as_posix()).strip("-._")
    record_id, n = base or "document", 1
    while record_id in used:
        n += 1
        record_id = f"{base}-{n}"
    used.add(record_id)
    collection = " / ".join(relative.parent.parts)
    inferred = {"title", "collection"} if collection else {"title"}
    return Record(
        id=record_id,
        title=path.stem,
        folder=path.parent,
        collection=collection,
        scans=(Scan(path=path),),
        inferred=frozenset(inferred),
    )


def _claims(path: Path) -> bool:
    return path.is_dir()


def _read(path: Path, progress: Progress | None) -> Archive:
    root = path.resolve()
    if not os.access(root, os.R_OK | os.X_OK):
        raise ArchiveError(
            path, "cannot be read (permission denied)", "Check the folder's permissions"
        )
    return read_folder(root, progress)


def read_folder(root: Path, progress: Progress | None = None) -> Archive:
    """The documents below `root` (resolved) as records; ArchiveError when there are none."""
    documents = list(iter_documents(root))
    if not documents:
        raise ArchiveError(
            root,
            "holds no records, PDFs or images",
            "Open an archive folder, a folder of scans, a record folder or a PDF",
        )
    used: set[str] = set()
    records = []
    for index, document in enumerate(documents):
        records.append(_record(root, document, used))
        if progress is not None:
            progress(index + 1, len(documents))
    return Archive(root=root, title=root.name, records=tuple(records))


FORMAT = Format(
    name="folder",
    label="a folder of scans (PDFs and images)",
    claims=_claims,
    read=_read,
)
