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

from viewer.domain import archive, model
from viewer.domain.model import Archive, BrokenRecord, Name, Record, Scan, Transcript

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


@dataclass
class RecordReport:
    """What became of one source record."""

    id: str
    title: str
    folder: str
    """DEST's record folder, relative to DEST."""
    fields: tuple[str, ...]
    """The record.toml keys written."""
    inferred: tuple[str, ...]
    """The fields the source's format guessed."""
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Files the source names that are not there (left out of the record)."""
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What an import did (or, with `dry_run`, would do)."""

    source: Path
    dest: Path
    format: str
    dry_run: bool
    records: list[RecordReport] = field(default_factory=list)
    not_imported: list[tuple[str, str]] = field(default_factory=list)
    """(source record, reason) for what the source's format could not read."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Files the curator changed since the last import: kept, not overwritten."""
    removed: list[str] = field(default_factory=list)
    """Files the last import wrote that the source no longer gives (unchanged by the curator)."""
    renamed_ids: list[tuple[str, str]] = field(default_factory=list)
    """(id in the source, id written) where ids clashed or could not be used."""

    def missing(self) -> list[tuple[str, str]]:
        """(record id, file) for every file the source names but does not have."""
        return [(r.id, m) for r in self.records for m in r.missing]

    def field_counts(self) -> dict[str, int]:
        """How many records got each record.toml key."""
        counts: dict[str, int] = {}
        for record in self.records:
            for key in record.fields:
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def inferred_counts(self) -> dict[str, int]:
        """How many records had each field guessed."""
        counts: dict[str, int] = {}
        for record in self.records:
            for key in record.inferred:
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


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
    table = record_table(record, record_id, transcripts, scans)
    report.fields = tuple(key for key in table if key not in ("format_version", "id", "inferred"))
    plan[f"{folder}/{archive.RECORD_FILE}"] = _Content(dumps(table).encode("utf-8"))
    return report


def record_table(
    record: Record,
    record_id: str,
    transcripts: Iterable[tuple[Transcript, str]] = (),
    scans: Iterable[tuple[Scan, str]] = (),
) -> dict[str, object]:
    """`record` as the keys of its record.toml (docs/archive-format.md), empty ones left out."""
    table: dict[str, object] = {
        "format_version": model.FORMAT_VERSION,
        "id": record_id,
        "title": record.title,
    }
    if record.date is not None:
        table["date"] = record.date.iso()
    if record.date_text:
        table["date_text"] = record.date_text
    texts = {
        "summary": record.summary,
        "type": record.type,
        "collection": record.collection,
        "publisher": record.publisher,
        "rights": record.rights,
        "funding": record.funding,
        "url": record.url,
        "relation": record.relation,
        "coverage": record.coverage,
        "identifier": record.identifier,
        "number": record.number,
        "pages": record.pages,
        "citation": record.citation,
    }
    lists = {
        "languages": record.languages,
        "creators": _names(record.creators),
        "recipients": _names(record.recipients),
        "translators": _names(record.translators),
        "contributors": _names(record.contributors),
        "subjects": record.subjects,
        "places": record.places,
        "people": record.people,
    }
    for key, value in texts.items():
        if value.strip():
            table[key] = value.strip()
    for key, values in lists.items():
        if values:
            table[key] = list(values)
    if record.inferred:
        table["inferred"] = sorted(record.inferred)
    source = {
        key: value
        for key, value in (
            ("archive", record.source.archive),
            ("location", record.source.location),
            ("note", record.source.note),
        )
        if value.strip()
    }
    if source:
        table["source"] = source
    extra = {key: text for key, text in record.extra if text.strip()}
    if extra:  # fields the source has that the format has no key for, shown as written
        table["extra"] = extra
    entries = []
    for item, name in transcripts:
        entry: dict[str, object] = {
            "file": name,
            "language": item.language or "und",
            "kind": item.kind.value,
        }
        if item.label:
            entry["label"] = item.label
        if item.translators:
            entry["translators"] = _names(item.translators)
        entries.append(entry)
    if entries:
        table["transcripts"] = entries
    scan_entries = []
    for scan, name in scans:
        entry = {"file": name}
        if scan.label:
            entry["label"] = scan.label
        if scan.generated:
            entry["generated"] = True
        if scan.note:
            entry["note"] = scan.note
        if scan.password:
            entry["password"] = scan.password
        scan_entries.append(entry)
    if scan_entries:
        table["scans"] = scan_entries
    return table


def _names(names: Iterable[Name]) -> list[object]:
    """Names as record.toml writes them: "Family, Given", a literal, or a table where the short
    form would be read back differently."""
    out: list[object] = []
    for name in names:
        if name.literal:
            out.append(name.literal if "," not in name.literal else {"literal": name.literal})
        elif name.family and name.given and "," not in name.family:
            out.append(f"{name.family}, {name.given}")
        elif name.family:
            out.append(
                {"family": name.family, "given": name.given}
                if name.given
                else {"family": name.family}
            )
        elif name.given:
            out.append(name.given if "," not in name.given else {"literal": name.given})
    return out


# --- TOML, written by hand (the shapes record.toml uses: text, numbers, lists, tables) -------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


_PLAIN = re.compile(r'^[^"\\\x00-\x1f\x7f]*$')


def _string(text: str) -> str:
    if _PLAIN.match(text):
        return '"' + text + '"'
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(table: dict[str, object]) -> str:
    """`table` as TOML: plain keys first, then sub-tables and arrays of tables."""
    lines: list[str] = []
    tail: list[str] = []
    for key, value in table.items():
        if isinstance(value, dict):
            tail.append(f"\n[{_key(key)}]")
            tail.extend(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                assert isinstance(entry, dict)
                tail.append(f"\n[[{_key(key)}]]")
                tail.extend(f"{_key(k)} = {_value(v)}" for k, v in entry.items())
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    return "\n".join(lines + tail) + "\n"


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
    plan[archive.ARCHIVE_FILE] = _Content(dumps(header).encode("utf-8"))
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


def report_lines(report: Report) -> list[str]:
    """The report as people read it, a line each."""
    lines: list[str] = []
    verb = "Would import" if report.dry_run else "Imported"
    count = len(report.records)
    lines.append(
        f"{verb} {count} record{'s' * (count != 1)} from {report.source} ({report.format}) "
        f"into {report.dest}"
    )
    fields = ", ".join(f"{k} {v}" for k, v in report.field_counts().items())
    if fields:
        lines.append(f"  fields: {fields}")
    guessed = ", ".join(f"{k} {v}" for k, v in report.inferred_counts().items())
    if guessed:
        lines.append(f"  guessed (marked as inferred): {guessed}")
    found = sum(len(r.files) for r in report.records)
    missing = report.missing()
    lines.append(f"  files found: {found}; missing: {len(missing)}")
    for record_id, name in missing:
        lines.append(f"    missing: {record_id}: {name}")
    for where, reason in report.not_imported:
        lines.append(f"  not imported: {where}: {reason}")
    for old, new in report.renamed_ids:
        lines.append(f"  id {old!r} written as {new!r} (ids must be unique and plain)")
    for name in report.kept:
        lines.append(f"  kept your edit: {name} (the source's version is not written)")
    notes = sorted({note for r in report.records for note in r.notes})
    for note in notes:
        lines.append(f"  note: {note}")
    changes = (
        f"added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, removed {len(report.removed)}, "
        f"kept {len(report.kept)}"
    )
    lines.append(f"  files {changes}")
    return lines


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
