"""The files of a record folder: the transcripts and scans a record.toml lists and those found
beside it by their names, each kept inside the folder."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.domain.model import Scan, Transcript, TranscriptFormat, TranscriptKind
from viewer.domain.record_fields import RECORD_FILE, FieldReader, Problem, read_toml_bytes

TRANSCRIPT_NAME = re.compile(
    r"^transcript\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(html?|md|markdown|txt)$"
)
_TRANSCRIPT_KEYS = frozenset(("file", "language", "kind", "label", "translators"))
_SCAN_KEYS = frozenset(("file", "label", "generated", "note", "password"))


@dataclass(frozen=True)
class Listing:
    """What a record folder holds, from one listing of it."""

    files: tuple[tuple[str, bool], ...] = ()
    """(name, whether it is a link) of its files and of the links in it, sorted by name (a link is
    judged by `_found_file`)."""
    has_folders: bool = False
    """Whether it holds folders (a listed file may lie in one)."""

    @property
    def has_links(self) -> bool:
        return any(link for _, link in self.files)


def list_folder(folder: Path | str) -> Listing:
    """The files and links of `folder` (an empty listing when it cannot be listed)."""
    files: list[tuple[str, bool]] = []
    has_folders = False
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.is_symlink():
                    files.append((entry.name, True))
                elif entry.is_file(follow_symlinks=False):
                    files.append((entry.name, False))
                elif entry.is_dir(follow_symlinks=False):
                    has_folders = True
    except OSError:
        return Listing()
    files.sort()
    return Listing(tuple(files), has_folders)


Fetched = tuple[bytes | OSError, Listing]
"""A record folder's record.toml (its bytes, or why they cannot be read) and listing, read ahead
on another thread."""


def fetch(folder: Path) -> Fetched:
    """What `archive.read_record` reads from the disk in `folder`: I/O only, for a thread of
    its own."""
    try:
        data: bytes | OSError = read_toml_bytes(folder / RECORD_FILE)
    except OSError as exc:
        data = exc
    return data, list_folder(folder)


def entries(reader: FieldReader, key: str) -> list[Mapping[str, Any]]:
    value = reader.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        reader.error(
            key, "should be a list of tables", f'Write each one as [[{key}]] with file = "..."'
        )
        return []
    return list(value)


def _inside(folder: Path, path: Path) -> Path | str:
    """`path` resolved, when it is a file inside `folder`; otherwise what is wrong with it."""
    try:
        resolved = path.resolve()
        root = folder.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return "is a link that leads back to itself (a symlink loop)"
    if root not in resolved.parents:
        if path.is_symlink() or any(p.is_symlink() for p in path.parents if root in p.parents):
            return "is a link to a file outside the record folder"
        return "is outside the record folder"
    if not resolved.exists():
        return "does not exist"
    if not resolved.is_file():
        return "is not a regular file (a folder, a pipe or a device)"
    return resolved


def _listed_file(
    reader: FieldReader, entry: Mapping[str, Any], where: str, *, keep_missing: bool = False
) -> Path | None:
    name = reader.text("file", entry, where)
    if not name:
        reader.error(where + "file", "is missing", 'Name the file: file = "..."')
        return None
    found = _inside(reader.folder, reader.folder / name)
    if isinstance(found, Path):
        return found
    if found == "does not exist":
        problem = Problem(
            reader.file,
            where + "file",
            f"{name!r} does not exist",
            "Check the file name, or add the file",
        )
        if keep_missing:
            # The record is still shown (its scan pane says the file is missing).
            reader.kept.append(problem)
            return (reader.folder / name).resolve()
        reader.problems.append(problem)
        return None
    reader.error(
        where + "file", f"{name!r} {found}", "Keep a record's files in its folder, as files"
    )
    return None


def _found_file(reader: FieldReader, name: str, link: bool) -> Path | None:
    """A file found in the record folder by its name, when it is one (links leading out of the
    folder are refused as a listed file would be: they could show any file of the computer)."""
    path = reader.folder / name
    if reader.real and not link:
        return path  # a file of a real folder, not a link: inside it, and resolved as it is
    found = _inside(reader.folder, path)
    if isinstance(found, Path):
        return found
    reader.error(
        "",
        f"{path.name!r} {found}",
        "Keep a record's files in its folder, as files; remove the link",
    )
    return None


def transcripts(reader: FieldReader, listing: Listing) -> tuple[Transcript, ...]:
    found: list[Transcript] = []
    listed: set[Path] = set()
    for index, entry in enumerate(entries(reader, "transcripts")):
        where = f"transcripts[{index}]."
        reader.unknown_keys(entry, _TRANSCRIPT_KEYS, where)
        path = _listed_file(reader, entry, where)
        if path is None:
            continue
        listed.add(path)
        fmt = TranscriptFormat.from_suffix(path.suffix)
        if fmt is None:
            reader.error(
                where + "file",
                f"{path.name!r} is not .html, .md or .txt",
                "Save transcripts as HTML, Markdown or plain text",
            )
            continue
        language = reader.text("language", entry, where)
        if not language:
            match = TRANSCRIPT_NAME.match(path.name)
            language = match.group(1) if match else ""
        if not language:
            reader.error(
                where + "language", "is missing", 'Say which language it is in: language = "en"'
            )
            continue
        kind_text = reader.text("kind", entry, where) or "transcription"
        try:
            kind = TranscriptKind(kind_text)
        except ValueError:
            reader.error(
                where + "kind",
                f"{kind_text!r} is not a transcript kind",
                "Use translation, transcription or ocr",
            )
            continue
        found.append(
            Transcript(
                path=path,
                language=language,
                format=fmt,
                kind=kind,
                label=reader.text("label", entry, where),
                translators=reader.names("translators", entry, where),
            )
        )
    for name, link in listing.files:
        match = TRANSCRIPT_NAME.match(name)
        if not match:
            continue
        resolved = _found_file(reader, name, link)
        if resolved is not None and resolved not in listed:
            fmt = TranscriptFormat.from_suffix(_suffix(name))
            assert fmt is not None  # the pattern admits only known suffixes
            found.append(Transcript(path=resolved, language=match.group(1), format=fmt))
    languages = [t.language for t in found]
    for language in {lang for lang in languages if languages.count(lang) > 1}:
        reader.warning(
            "transcripts", f"more than one transcript in {language!r}", "The first one is shown"
        )
    return tuple(found)


def scans(reader: FieldReader, listing: Listing) -> tuple[Scan, ...]:
    found: list[Scan] = []
    listed: set[Path] = set()
    repeated: set[Path] = set()
    for index, entry in enumerate(entries(reader, "scans")):
        where = f"scans[{index}]."
        reader.unknown_keys(entry, _SCAN_KEYS, where)
        path = _listed_file(reader, entry, where, keep_missing=True)
        if path is None:
            continue
        if path in listed:
            if path not in repeated:
                repeated.add(path)
                reader.warning(
                    where + "file",
                    f"{path.name!r} is listed more than once",
                    "List each scan once",
                )
            continue
        listed.add(path)
        generated = entry.get("generated", False)
        if not isinstance(generated, bool):
            reader.error(where + "generated", "should be true or false")
            generated = False
        found.append(
            Scan(
                path=path,
                label=reader.text("label", entry, where),
                generated=generated,
                note=reader.text("note", entry, where),
                password=reader.text("password", entry, where),
            )
        )
    for name, link in listing.files:
        if _suffix(name).lower() != ".pdf":
            continue
        resolved = _found_file(reader, name, link)
        if resolved is not None and resolved not in listed:
            found.append(Scan(path=resolved))
    return tuple(found)


def _suffix(name: str) -> str:
    """The suffix of a file name, as `Path.suffix` says it (without making a Path)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
