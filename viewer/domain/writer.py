"""Writing any source the formats read (a folder of scans, a spreadsheet, an export) as a curated
archive: `archive.toml`, a record folder per record with its `record.toml`, transcripts and scans.

The source is only read. DEST is built in a temporary folder beside it and moved into place at the
end, so an error leaves DEST as it was. DEST keeps `.import-state.json`, the hash of every file as
it was written; on the next import a file whose hash no longer matches was changed by the curator
and is kept (and reported), not overwritten. Files the curator added are kept too.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.domain import archive, model, record_toml
from viewer.domain.import_report import RecordReport, Report, report_lines
from viewer.domain.model import Archive, BrokenRecord, Record, Scan, Transcript

__all__ = [
    "RECORDS_FOLDER",
    "STATE_FILE",
    "LinkMode",
    "Progress",
    "RecordReport",
    "Report",
    "WriteError",
    "import_archive",
    "import_path",
    "plan_import",
    "report_lines",
]

log = logging.getLogger(__name__)

STATE_FILE = ".import-state.json"
"""In DEST: what the last import wrote (each file's SHA-256), so a re-import keeps edits."""
STATE_VERSION = 1
RECORDS_FOLDER = "records"

Progress = Callable[[int, int], None]


class LinkMode(enum.Enum):
    """How scans reach DEST."""

    COPY = "copy"
    HARD = "hard"
    """A hard link (same file, no space used); a copy where DEST is on another file system.
    (No symbolic links: an archive's files must lie in it, `docs/archive-format.md`.)"""


class WriteError(archive.ArchiveError):
    """DEST cannot be written (not an archive this command wrote, no space, no permission)."""


# --- What to write --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    """Bytes made here (record.toml, an inline transcript)."""

    data: bytes


@dataclass(frozen=True)
class _Copy:
    """A source file, copied or linked."""

    source: Path
    linkable: bool


@dataclass(frozen=True)
class _Photos:
    """Photos of one document, written as one PDF."""

    images: tuple[Path, ...]
    orientations: tuple[tuple[int, bool], ...]


_Planned = _Content | _Copy | _Photos


def _safe_name(text: str, default: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")
    return name[:120] or default


def _unique(name: str, used: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, n = name, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}" if dot else f"{name}-{n}"
    used.add(candidate.lower())
    return candidate


_EXTENSIONS = {
    model.TranscriptFormat.HTML: "html",
    model.TranscriptFormat.MARKDOWN: "md",
    model.TranscriptFormat.TEXT: "txt",
}


def _plan_record(
    record: Record, record_id: str, folder: str, plan: dict[str, _Planned]
) -> RecordReport:
    report = RecordReport(
        id=record_id,
        title=record.title,
        folder=folder,
        fields=(),
        inferred=tuple(sorted(record.inferred)),
    )
    used: set[str] = {archive.RECORD_FILE}
    transcripts: list[tuple[Transcript, str]] = []
    for item in record.transcripts:
        if item.kind is model.TranscriptKind.TEXT_LAYER:
            report.notes.append("the scan's own text layer is shown as its transcript")
            continue
        if not item.text and not item.path.is_file():
            report.missing.append(str(item.path))
            continue
        language = item.language if archive.ID_PATTERN.match(item.language or "") else "und"
        name = _unique(f"transcript.{language}.{_EXTENSIONS[item.format]}", used)
        if item.text:
            plan[f"{folder}/{name}"] = _Content(item.text.encode("utf-8"))
        else:
            plan[f"{folder}/{name}"] = _Copy(item.path, linkable=False)
        transcripts.append((item, name))
        report.files.append(name)
    scans: list[tuple[Scan, str]] = []
    for scan in record.scans:
        if scan.images:
            absent = [p for p in scan.images if not p.is_file()]
            if absent:
                report.missing.extend(str(p) for p in absent)
                continue
            name = _unique(_safe_name(scan.path.stem, "scan") + ".pdf", used)
            plan[f"{folder}/{name}"] = _Photos(scan.images, scan.orientations)
        else:
            if not scan.path.is_file():
                report.missing.append(str(scan.path))
                continue
            suffix = scan.path.suffix.lower() or ".pdf"
            name = _unique(_safe_name(scan.path.stem, "scan") + suffix, used)
            plan[f"{folder}/{name}"] = _Copy(scan.path, linkable=True)
        scans.append((scan, name))
        report.files.append(name)
    table = record_toml.record_table(record, record_id, transcripts, scans)
    report.fields = tuple(key for key in table if key not in ("format_version", "id", "inferred"))
    plan[f"{folder}/{archive.RECORD_FILE}"] = _Content(record_toml.dumps(table).encode("utf-8"))
    return report


# --- The import -----------------------------------------------------------------------------


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _State:
    """What the last import wrote: each file's hash, and for a PDF made of photos the hash of
    the photos it was made from (PyMuPDF's output differs from run to run)."""

    files: dict[str, str]
    inputs: dict[str, str]
    stamps: dict[str, str] = field(default_factory=dict)
    """Each file's size, modification time and inode as written: a file whose stamp still
    matches is not read again to learn its hash."""


def _read_state(dest: Path) -> _State | None:
    """What the last import wrote into `dest`; None when DEST is new or empty."""
    if not dest.exists():
        return None
    if not dest.is_dir():
        raise WriteError(dest, "is a file, not a folder", "Choose a new or empty folder")
    state_file = dest / STATE_FILE
    if not state_file.is_file():
        if any(dest.iterdir()):
            raise WriteError(
                dest,
                "is not empty and was not written by archive-viewer import",
                "Choose a new or empty folder (an import never writes over other files)",
            )
        return None
    try:
        data = json.loads(state_file.read_text(encoding="utf-8"))
        files, inputs, stamps = data["files"], data.get("inputs", {}), data.get("stamps", {})
        if not all(isinstance(d, dict) for d in (files, inputs, stamps)):
            raise TypeError("files")
        return _State(
            {str(k): str(v) for k, v in files.items()},
            {str(k): str(v) for k, v in inputs.items()},
            {str(k): str(v) for k, v in stamps.items()},
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WriteError(
            state_file,
            f"cannot be read ({exc})",
            "Import into a new folder, or restore the file from a backup",
        ) from exc


def _input_key(planned: _Planned, link: LinkMode) -> str:
    """What a planned file is made from, as a hash: for bytes, copies and linked scans, the hash
    the file will have; for photos, their hashes and turns."""
    if isinstance(planned, _Content):
        return hashlib.sha256(planned.data).hexdigest()
    if isinstance(planned, _Copy):
        return _hash_file(planned.source)
    digest = hashlib.sha256()
    for path in planned.images:
        digest.update(_hash_file(path).encode())
    digest.update(repr(planned.orientations).encode())
    return "photos:" + digest.hexdigest()


def _unchanged(
    name: str, key: str, planned: _Planned, state: _State, current: dict[str, str]
) -> bool:
    if isinstance(planned, _Photos):
        return state.inputs.get(name) == key
    return current.get(name) == key


def _stamp(path: Path) -> str:
    found = path.lstat()
    return f"{found.st_size}:{found.st_mtime_ns}:{found.st_ino}"


def _current_hashes(dest: Path, existing: list[str], state: _State | None) -> dict[str, str]:
    """The hash of each of DEST's files (a symbolic link: where it points); read only where
    the file is not as the last import left it."""
    current: dict[str, str] = {}
    for name in existing:
        path = dest / name
        if path.is_symlink():
            current[name] = "link:" + str(path.readlink())
        elif state is not None and name in state.files and state.stamps.get(name) == _stamp(path):
            current[name] = state.files[name]
        else:
            current[name] = _hash_file(path)
    return current


def _linked_to_source(planned: _Planned | None, file: Path) -> bool:
    """Whether `file` is a hard link to the scan it was made from: changed with its source in
    place, not by the curator."""
    if not isinstance(planned, _Copy) or file.is_symlink():
        return False
    try:
        return planned.source.samefile(file)
    except OSError:
        return False


def _existing_files(dest: Path) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(dest):
        for name in files:
            relative = (Path(folder) / name).relative_to(dest).as_posix()
            if relative != STATE_FILE:
                found.append(relative)
    return sorted(found)


def _assign_ids(records: Iterable[Record], report: Report) -> list[tuple[Record, str]]:
    used: set[str] = set()
    out = []
    for record in records:
        base = record.id if archive.ID_PATTERN.match(record.id) else _safe_name(record.id, "record")
        record_id, n = base, 1
        while record_id.lower() in used:
            n += 1
            record_id = f"{base}-{n}"
        used.add(record_id.lower())
        if record_id != record.id:
            report.renamed_ids.append((record.id, record_id))
        out.append((record, record_id))
    return out


def plan_import(
    source: Archive, dest: Path, format_name: str, *, dry_run: bool = False
) -> tuple[Report, dict[str, _Planned]]:
    """What importing `source` into `dest` writes: the report and each file's content."""
    report = Report(source=source.root, dest=dest, format=format_name, dry_run=dry_run)
    plan: dict[str, _Planned] = {}
    header = {"format_version": model.FORMAT_VERSION, "title": source.title}
    if source.description:
        header["description"] = source.description
    if source.publisher:
        header["publisher"] = source.publisher
    plan[archive.ARCHIVE_FILE] = _Content(record_toml.dumps(header).encode("utf-8"))
    for item in source.records:
        if isinstance(item, BrokenRecord):
            report.not_imported.append((str(item.folder), item.reason))
    for record, record_id in _assign_ids(source.good_records(), report):
        folder = f"{RECORDS_FOLDER}/{record_id}"
        report.records.append(_plan_record(record, record_id, folder, plan))
    return report, plan


def import_archive(
    source: Archive,
    dest: Path,
    *,
    format_name: str = "",
    link: LinkMode = LinkMode.COPY,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Write `source` as a curated archive in `dest` (see the module's docstring); the report.

    WriteError when DEST cannot be written; DEST is then as it was."""
    dest = dest.absolute()
    state = _read_state(dest)
    report, plan = plan_import(source, dest, format_name, dry_run=dry_run)
    existing = _existing_files(dest) if state is not None else []
    current = _current_hashes(dest, existing, state)
    written = state.files if state is not None else {}
    kept = {
        name
        for name in existing
        if written.get(name) != current.get(name)
        and not _linked_to_source(plan.get(name), dest / name)
    }
    # Files written last time, unchanged by the curator, that the source no longer gives.
    report.removed = sorted(n for n in existing if n not in plan and n not in kept)
    # The curator's edits of imported files; files the curator added are kept silently.
    report.kept = sorted(n for n in kept if n in plan or n in written)
    previous = state or _State({}, {})
    if dry_run:
        for name, planned in plan.items():
            if name in kept:
                continue
            if name not in existing:
                report.added.append(name)
            elif _unchanged(name, _input_key(planned, link), planned, previous, current):
                report.unchanged.append(name)
            else:
                report.updated.append(name)
        return report
    if not dest.parent.is_dir():
        raise WriteError(dest.parent, "does not exist", "Create the folder first")
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{dest.name}.import-", dir=dest.parent))
    except OSError as exc:
        raise WriteError(dest.parent, f"cannot be written ({exc.strerror})") from exc
    try:
        # mkdtemp makes a private folder; the archive gets DEST's mode, or a usual one.
        work.chmod(dest.stat().st_mode & 0o7777 if dest.is_dir() else 0o755)
        hashes, inputs = _build(
            work, dest, plan, (existing, kept, current, previous), link, report, progress
        )
        (work / STATE_FILE).write_text(
            json.dumps(
                {
                    "version": STATE_VERSION,
                    "source": str(source.root),
                    "format": format_name,
                    "files": hashes,
                    "inputs": inputs,
                    "stamps": {name: _stamp(work / name) for name in hashes},
                },
                indent=1,
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        _swap(work, dest)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        where = Path(exc.filename) if exc.filename else dest
        raise WriteError(where, f"cannot be written ({exc.strerror or exc})") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return report


def _build(
    work: Path,
    dest: Path,
    plan: dict[str, _Planned],
    before: tuple[list[str], set[str], dict[str, str], _State],
    link: LinkMode,
    report: Report,
    progress: Progress | None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Fill `work` with DEST's next contents; the hash of each file written from the source,
    and what each PDF made of photos was made from.

    `before`: DEST's files, those the curator changed or added, their hashes, the last state."""
    existing, kept, current, previous = before
    hashes: dict[str, str] = {}
    inputs: dict[str, str] = {}
    made: set[Path] = {work}

    def folder_for(target: Path) -> None:
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)

    for name in kept:  # the curator's edits and additions, as they are
        target = work / name
        folder_for(target)
        _link_or_copy(dest / name, target, LinkMode.HARD, keep_symlink=True)
    total = len(plan)
    for index, (name, planned) in enumerate(plan.items()):
        if progress is not None:
            progress(index, total)
        if name in kept:
            continue
        target = work / name
        folder_for(target)
        photos = isinstance(planned, _Photos)
        key = _input_key(planned, link) if name in existing or photos else ""
        if photos:
            inputs[name] = key
        if name in existing and _unchanged(name, key, planned, previous, current):
            # Made from the same as before: DEST's file stays (and its time stamp).
            _link_or_copy(dest / name, target, LinkMode.HARD, keep_symlink=True)
            hashes[name] = current[name]
            report.unchanged.append(name)
            continue
        if isinstance(planned, _Content):
            target.write_bytes(planned.data)
        elif isinstance(planned, _Photos):
            _write_photos(planned, target)
        elif planned.linkable and link is not LinkMode.COPY:
            _link_or_copy(planned.source, target, link)
        else:
            shutil.copyfile(planned.source, target)
        if key and not photos:
            digest = key  # what it was made from is what it is
        elif target.is_symlink():
            digest = "link:" + str(target.readlink())
        else:
            digest = _hash_file(target)
        hashes[name] = digest
        (report.added if name not in existing else report.updated).append(name)
    if progress is not None:
        progress(total, total)
    return hashes, inputs


def _link_or_copy(
    source: Path, target: Path, mode: LinkMode, *, keep_symlink: bool = False
) -> None:
    if keep_symlink and source.is_symlink():
        target.symlink_to(source.readlink())
        return
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copy2(source, target)


def _write_photos(planned: _Photos, target: Path) -> None:
    from viewer.domain import pdf  # noqa: PLC0415  (PyMuPDF only when there are photos)

    try:
        document = pdf.images_as_pdf(planned.images, planned.orientations)
    except pdf.MUPDF_ERRORS as exc:
        raise WriteError(
            planned.images[0], f"one of its photos cannot be read as an image ({exc})"
        ) from exc
    try:
        document.save(str(target), garbage=1, deflate=True)
    finally:
        document.close()


def _swap(work: Path, dest: Path) -> None:
    """Put `work` in `dest`'s place; the old DEST is removed only once the new one is there."""
    if not dest.exists():
        work.rename(dest)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    old.rmdir()
    dest.rename(old)
    try:
        work.rename(dest)
    except OSError:
        old.rename(dest)
        raise
    shutil.rmtree(old, ignore_errors=True)


def import_path(
    source: Path,
    dest: Path,
    *,
    format_name: str | None = None,
    link: LinkMode = LinkMode.COPY,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Read `source` with its format (detected when not named) and write it into `dest`;
    ArchiveError naming the file and the problem when it cannot be done (nothing is written)."""
    from viewer.domain import formats  # noqa: PLC0415  (formats load lazily, as needed)

    if format_name:
        try:
            fmt = formats.by_name(format_name)
        except KeyError as exc:
            raise archive.ArchiveError(source, str(exc.args[0])) from None
    else:
        fmt = formats.detect(source)
    if not fmt.importable:
        raise archive.ArchiveError(
            source,
            f"is already {fmt.label}",
            "Copy the folder instead, or name another format with --format",
        )
    if dest.resolve() == source.resolve() or source.resolve() in dest.resolve().parents:
        raise archive.ArchiveError(
            dest, "is inside the source", "Write the archive outside the folder it is made from"
        )
    data = fmt.read(source, None)
    report = import_archive(
        data, dest, format_name=fmt.name, link=link, dry_run=dry_run, progress=progress
    )
    report.source = source
    return report
