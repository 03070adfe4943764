"""Zotero exports: CSL-JSON and Zotero RDF (with its "Export Files" folder), one record per item.

Creators, recipients and translators become names; archive, location in archive, call number,
abstract, genre, language (made a code), tags, notes (as a transcript), PDF and image attachments
(as scans), HTML snapshots (as a transcript). A missing attachment stays listed so the import
report names it. XML is read with defusedxml: no entity expansion, no DTD fetched.
See docs/import.md for what maps to what. The reading is in `zotero_reader`, loaded when an
export is read: recognising a path costs this module alone.
"""

from __future__ import annotations

from pathlib import Path

from viewer.domain.archive import ArchiveError, Progress
from viewer.domain.formats import Format, folder_listing
from viewer.domain.model import Archive, Record

_HEAD = 64 * 1024
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_ZOTERO_NS = "http://www.zotero.org/namespaces/export#"


# --- Recognising an export ------------------------------------------------------------------


def _head(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return handle.read(_HEAD).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    except OSError:
        return ""


def _is_rdf(path: Path) -> bool:
    if path.suffix.lower() not in (".rdf", ".xml"):
        return False
    head = _head(path)
    return _RDF_NS in head and _ZOTERO_NS in head


def _is_csl_json(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    head = _head(path)
    if not head.startswith(("[", "{")) or "@context" in head or '"@type"' in head:
        return False
    return '"type"' in head and any(k in head for k in ('"title"', '"issued"', '"author"'))


_SUFFIXES = frozenset((".rdf", ".xml", ".json"))
"""The suffixes of the exports (`_is_rdf`, `_is_csl_json`)."""


def _exports_in(folder: Path) -> list[Path]:
    """The export files directly in a folder ("My Library/My Library.rdf" and its `files/`)."""
    try:
        files = folder_listing.files_named(folder, _SUFFIXES)
    except OSError:
        return []
    return [p for p in files if _is_rdf(p) or _is_csl_json(p)]


def _claims(path: Path) -> bool:
    if path.is_dir():
        return bool(_exports_in(path))
    return _is_rdf(path) or _is_csl_json(path)


def _read(path: Path, progress: Progress | None) -> Archive:
    files = [f.resolve() for f in (_exports_in(path) if path.is_dir() else [path])]
    if not files:
        raise ArchiveError(path, "holds no Zotero export", "Export the library as Zotero RDF")
    from viewer.domain.formats import zotero_reader  # noqa: PLC0415  (only to read)

    used: set[str] = set()
    records: list[Record] = []
    for file in files:
        read = zotero_reader.read_csl_json if _is_csl_json(file) else zotero_reader.read_rdf
        records.extend(read(file, progress, used))
    if not records:
        raise ArchiveError(path, "holds no items", "Export a collection that has items")
    root = path.resolve() if path.is_dir() else files[0].parent
    title = files[0].stem if len(files) == 1 else root.name
    return Archive(root=root, title=title, records=tuple(records))


FORMAT = Format(
    name="zotero",
    label="a Zotero export (Zotero RDF or CSL-JSON)",
    claims=_claims,
    read=_read,
)
