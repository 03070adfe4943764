"""Validating an archive, a record or a PDF without a screen (`archive-viewer check`)."""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable
from pathlib import Path

from viewer.domain import archive, transcript
from viewer.domain.archive import Problem
from viewer.domain.check_process import PdfProbe
from viewer.domain.model import Archive, BrokenRecord, Record

_probe: PdfProbe | None = None


def _shared_probe() -> PdfProbe:
    """The child process PDFs are checked in (started at the first PDF, stopped at exit)."""
    global _probe  # noqa: PLW0603  (one child process for every check of this process)
    if _probe is None:
        _probe = PdfProbe()
        atexit.register(_probe.close)
    return _probe


def check_path(path: Path, progress: Callable[[str], None] | None = None) -> list[Problem]:
    """Every problem in the archive, folder, spreadsheet, record folder or PDF at `path`."""
    from viewer.domain import formats  # noqa: PLC0415  (formats use this module)

    try:
        fmt = formats.detect(path)
    except archive.ArchiveError as exc:
        return [Problem(path, "", exc.problem, exc.advice)]
    except OSError as exc:
        return [Problem(path, "", f"cannot be read ({exc.strerror})", "Check the path")]
    if fmt.check is not None:
        return fmt.check(path)
    try:
        source = fmt.read(path, None)
    except archive.ArchiveError as exc:
        return [Problem(path, "", exc.problem, exc.advice)]
    return check_records(source, progress)


def check_records(source: Archive, progress: Callable[[str], None] | None = None) -> list[Problem]:
    """Every problem of an archive read by a format: the records it could not make, then each
    record's transcripts and scans."""
    problems: list[Problem] = []
    for record in source.records:
        if progress is not None:
            progress(str(record.folder))
        if isinstance(record, BrokenRecord):
            problems.append(Problem(record.folder, "", record.reason))
            continue
        problems.extend(_check_files(record))
    return problems


def check_archive_folder(
    path: Path, progress: Callable[[str], None] | None = None
) -> list[Problem]:
    """Every problem in an archive folder or record folder of the viewer's own format."""
    try:
        root = path.resolve()
        folders = list(archive.iter_record_folders(root))
    except OSError as exc:
        return [Problem(path, "", f"cannot be read ({exc.strerror})", "Check the path")]
    if not root.is_dir():
        return [Problem(path, "", "does not exist", "Check the path")]
    _, problems = archive.read_header(root)
    problems.extend(_misnamed_record_files(root))
    if not folders:
        problems.append(
            Problem(
                root,
                "",
                "holds no records (no record.toml in it or below it)",
                "Add record folders (see docs/archive-format.md)",
            )
        )
    ids: dict[str, Path] = {}
    for folder in folders:
        if progress is not None:
            progress(str(folder))
        try:
            problems.extend(check_record(folder, ids))
        except Exception as exc:  # a bug of ours: reported for this record, the rest goes on
            problems.append(
                Problem(
                    folder / archive.RECORD_FILE,
                    "",
                    f"unexpected error while checking this record ({exc!r})",
                    "Please report it",
                )
            )
    return problems


def check_record(folder: Path, ids: dict[str, Path] | None = None) -> list[Problem]:
    """Every problem in one record folder: its metadata, transcripts and scans."""
    try:
        record, problems = archive.read_record(folder)
    except archive.RecordError as exc:
        return exc.problems
    if ids is not None:
        if record.id in ids:
            problems.append(
                Problem(
                    folder / archive.RECORD_FILE,
                    "id",
                    f"{record.id!r} is also the id of {ids[record.id]}",
                    "Give every record its own id",
                )
            )
        else:
            ids[record.id] = folder
    problems.extend(_check_files(record, missing_reported=True))
    if not record.transcripts and not record.scans:
        problems.append(
            Problem(
                folder / archive.RECORD_FILE,
                "",
                "the record has neither a transcript nor a scan",
                "Add a transcript or a scan PDF",
                "warning",
            )
        )
    return problems


def _check_files(record: Record, *, missing_reported: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    for item in record.transcripts:
        try:
            transcript.read_text(item.path)
        except transcript.TranscriptError as exc:
            problems.append(Problem(item.path, "", exc.problem, "Fix or replace the transcript"))
            continue
        if not _is_utf8(item.path):
            problems.append(
                Problem(
                    item.path,
                    "",
                    "the file is not UTF-8 text: it is read as Windows-1252, "
                    "so letters outside Western European ones may show wrong",
                    "Save it as UTF-8",
                    "warning",
                )
            )
    checked: set[tuple[Path, str]] = set()
    for scan in record.scans:
        if (scan.path, scan.password) in checked or (missing_reported and not scan.path.exists()):
            # Listed twice (or ten thousand times): one check, one report; a missing listed
            # scan of a record.toml is reported by the record already.
            continue
        checked.add((scan.path, scan.password))
        problems.extend(check_pdf(scan.path, scan.password or None))
    return problems


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    except OSError:
        return True  # reading it failed above already, or is not this check's to report
    return True


def _misnamed_record_files(root: Path) -> list[Problem]:
    """A `Record.toml` (or `RECORD.TOML`) where the viewer looks only for `record.toml`."""
    problems: list[Problem] = []
    wanted = archive.RECORD_FILE

    def walk(folder: Path, depth: int) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        names = {entry.name for entry in entries}
        for entry in entries:
            if entry.name.lower() == wanted and entry.name != wanted and wanted not in names:
                problems.append(
                    Problem(
                        Path(entry.path),
                        "",
                        f"is not read: the viewer reads only files named {wanted}, "
                        "so this record is left out",
                        f"Rename it to {wanted}",
                    )
                )
        if wanted in names:
            return
        for entry in entries:
            if (
                depth < archive.MAX_DEPTH
                and not entry.name.startswith(".")
                and entry.is_dir(follow_symlinks=False)
            ):
                walk(Path(entry.path), depth + 1)

    walk(root, 0)
    return problems


def check_pdf(
    path: Path, password: str | None = None, probe: PdfProbe | None = None
) -> list[Problem]:
    """The PDF's problems: repairs are warnings; what stops it showing is an error.

    It is checked in a child process (`probe`, or one shared by every check): a page that takes
    too long to draw, or a PDF that crashes MuPDF, is a problem of that PDF, not a hang or a crash.
    """
    result = (probe or _shared_probe()).check(path, password)
    problems = [Problem(path, "", notice, "", "warning") for notice in result.notices]
    if result.error:
        advice = {
            "the PDF is encrypted and needs a password": (
                'Give it in the scan entry (password = "...") or open it in the viewer'
            ),
        }.get(result.error, "Replace the file with a good copy")
        problems.append(Problem(path, "", result.error, advice))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error (not only warnings)."""
    return any(p.severity == "error" for p in problems)
