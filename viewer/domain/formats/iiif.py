"""A IIIF Presentation manifest (version 2 or 3) with its images beside it: one record.

Label, summary, metadata pairs, rights and required statement, navDate become the record's
fields; the canvases, in order, the pages of one scan (`Scan.images`; a `Choice` takes its first
item), each image found beside the manifest by its file name or its IIIF Image API identifier. A
local PDF `rendering` is used as the scan as it is. Supplementing annotations with text become
transcripts (HTML, one per language) under a work folder of the user's cache (see `generated`).
Nothing is ever fetched: an image only on a server is listed as missing.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from viewer.domain import archive
from viewer.domain.archive import ArchiveError, Problem, Progress
from viewer.domain.formats import Format, generated
from viewer.domain.model import (
    Archive,
    Name,
    PartialDate,
    Record,
    Scan,
    Source,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)

log = logging.getLogger(__name__)

_HEAD_BYTES = 4096
_MAX_BYTES = 64 * 1024 * 1024
_TAG = re.compile(r"<[^>]+>")
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".jp2", ".webp", ".gif", ".bmp")
_QUALITIES = {"default", "color", "gray", "bitonal", "native"}

_FIELDS = {
    "title": "title",
    "date": "date",
    "description": "summary",
    "abstract": "summary",
    "summary": "summary",
    "type": "type",
    "genre": "type",
    "publisher": "publisher",
    "rights": "rights",
    "license": "rights",
    "copyright": "rights",
    "identifier": "identifier",
    "relation": "relation",
    "collection": "collection",
    "repository": "archive",
    "holding institution": "archive",
    "source": "archive",
    "call number": "location",
    "shelfmark": "location",
    "location": "location",
    "available online": "url",
}
_NAMES = {"creator": "creators", "author": "creators", "contributor": "contributors"}
_LISTS = {
    "subject": "subjects",
    "subjects": "subjects",
    "language": "languages",
    "place": "places",
    "coverage": "places",
}


def _claims(path: Path) -> bool:
    if path.suffix.lower() not in {".json", ".jsonld"} or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    return b"iiif.io/api/presentation" in head


# ---------------------------------------------------------------------------------------------
# Values of both versions


def _strings(value: object) -> list[tuple[str, str]]:
    """(language, text) pairs of a v3 language map, a v2 string / {@value, @language} / list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item)]
    if isinstance(value, Mapping):
        if "@value" in value:
            return [(str(value.get("@language") or ""), str(value["@value"]))]
        pairs = []
        for language, texts in value.items():
            for text in texts if isinstance(texts, list) else [texts]:
                if isinstance(text, str):
                    pairs.append(("" if language == "none" else str(language), text))
        return pairs
    return [("", str(value))]


def _plain(value: object, language: str = "en") -> str:
    """The text of a value in `language` (else the first), HTML tags taken out."""
    pairs = _strings(value)
    if not pairs:
        return ""
    chosen = [t for lang, t in pairs if lang.split("-")[0] == language] or [t for _, t in pairs]
    texts = [html.unescape(" ".join(_TAG.sub(" ", t).split())) for t in chosen]
    return "; ".join(t for t in texts if t)


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _id(node: Mapping[str, Any]) -> str:
    return str(node.get("id") or node.get("@id") or "")


def _type(node: Mapping[str, Any]) -> str:
    kind = node.get("type") or node.get("@type") or ""
    return str(kind[0] if isinstance(kind, list) and kind else kind)


# ---------------------------------------------------------------------------------------------
# Finding files


@dataclass
class _Files:
    folder: Path
    _names: dict[str, list[Path]] | None = None
    _stems: dict[str, list[Path]] = field(default_factory=dict)

    def _index(self) -> dict[str, list[Path]]:
        if self._names is None:
            files = generated.nearby_files(self.folder)
            self._names = generated.by_name(files)
            for path in files:
                if path.suffix.lower() in _IMAGE_SUFFIXES:
                    self._stems.setdefault(path.stem.casefold(), []).append(path)
        return self._names

    def local(self, reference: str) -> Path | None:
        """A relative path or file: URL that names a file beside the manifest."""
        parsed = urlparse(reference)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
        elif parsed.scheme or not reference:
            return None
        else:
            path = self.folder / unquote(reference)
        try:
            path = path.resolve()
        except OSError:
            return None
        return path if path.is_file() else None

    def image(self, ids: Iterable[str]) -> Path | None:
        """The local file for an image known by `ids` (its own and its service's)."""
        names = self._index()
        for reference in ids:
            found = self.local(reference)
            if found is not None:
                return found
            segments = [unquote(s) for s in urlparse(reference).path.split("/") if s]
            if not segments:
                continue
            last = segments[-1]
            stem = last.rsplit(".", 1)[0]
            candidates = []
            if len(segments) >= 5 and stem in _QUALITIES:
                # Image API: {identifier}/{region}/{size}/{rotation}/{quality}.{format}
                candidates.append(segments[-5])
            else:
                if last.casefold() in names:
                    return names[last.casefold()][0]
                candidates.append(last)
            for candidate in candidates:
                for whole in (candidate, candidate.rsplit("/", 1)[-1]):
                    key = whole.casefold()
                    if key in names:
                        return names[key][0]
                    if key in self._stems:
                        return self._stems[key][0]
        return None


# ---------------------------------------------------------------------------------------------
# Canvases


def _canvases(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "items" in manifest:
        return [c for c in _list(manifest["items"]) if isinstance(c, Mapping)]
    sequences = [s for s in _list(manifest.get("sequences")) if isinstance(s, Mapping)]
    if not sequences:
        return []
    return [c for c in _list(sequences[0].get("canvases")) if isinstance(c, Mapping)]


def _choice(body: Mapping[str, Any]) -> Mapping[str, Any]:
    """A `Choice` (v3) or `oa:Choice` (v2) as its first item."""
    if _type(body) in {"Choice", "oa:Choice"}:
        options = [
            o
            for o in _list(body.get("items") or body.get("default") or body.get("item"))
            if isinstance(o, Mapping)
        ]
        if options:
            return _choice(options[0])
    return body


def _annotations(pages: object) -> Iterable[Mapping[str, Any]]:
    for page in _list(pages):
        if isinstance(page, Mapping):
            for annotation in _list(page.get("items") or page.get("resources")):
                if isinstance(annotation, Mapping):
                    yield annotation


def _painting(canvas: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The canvas's image: the first painting annotation's body (v3) or resource (v2)."""
    for annotation in [*_annotations(canvas.get("items")), *_list(canvas.get("images"))]:
        if not isinstance(annotation, Mapping):
            continue
        body = annotation.get("body") or annotation.get("resource")
        body = body[0] if isinstance(body, list) and body else body
        if isinstance(body, Mapping):
            return _choice(body)
    return None


def _image_ids(body: Mapping[str, Any]) -> list[str]:
    ids = [_id(body)]
    for service in _list(body.get("service")):
        if isinstance(service, Mapping) and _id(service):
            ids.append(_id(service).rstrip("/") + "/full/full/0/default.jpg")
    return [i for i in ids if i]


def _texts(canvas: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(language, HTML) of the canvas's text: v3 supplementing annotations with a textual
    body, v2 annotation lists embedded in `otherContent` with a `cnt:ContentAsText` resource."""
    bodies: list[Any] = []
    for annotation in _annotations(canvas.get("annotations")):
        if "supplementing" in " ".join(str(m) for m in _list(annotation.get("motivation"))):
            bodies += _list(annotation.get("body"))
    for annotation in _annotations(canvas.get("otherContent")):
        bodies += _list(annotation.get("resource"))
    found = []
    for body in bodies:
        if not isinstance(body, Mapping):
            continue
        text = body.get("value") if "value" in body else body.get("chars")
        if not isinstance(text, str) or not text.strip():
            continue
        language = str(next(iter(_list(body.get("language"))), "") or "")
        if "html" in str(body.get("format", "")):
            found.append((language, text))
        else:
            found.append((language, f"<p>{html.escape(text)}</p>"))
    return found


# ---------------------------------------------------------------------------------------------
# The record


def _date(text: str) -> PartialDate | None:
    match = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:/(\d{4}(?:-\d{2}(?:-\d{2})?)?))?", text)
    if not match:
        return None
    try:
        return archive.parse_date("/".join(g for g in match.groups() if g))
    except ValueError:
        return None


def _rendering(manifest: Mapping[str, Any], files: _Files) -> tuple[Path | None, str]:
    """A PDF rendering of the manifest (or its first sequence) found locally, and the remote
    address of one that was not."""
    renderings = _list(manifest.get("rendering"))
    for sequence in _list(manifest.get("sequences"))[:1]:
        if isinstance(sequence, Mapping):
            renderings += _list(sequence.get("rendering"))
    remote = ""
    for rendering in renderings:
        if not isinstance(rendering, Mapping):
            continue
        reference = _id(rendering)
        if "pdf" not in str(rendering.get("format", "")) and not reference.lower().endswith(".pdf"):
            continue
        local = files.local(reference) or files.image([reference])
        if local is not None and local.suffix.lower() == ".pdf":
            return local, ""
        remote = remote or reference
    return None, remote


@dataclass
class _Metadata:
    """A manifest's label/value pairs by the field they give."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)

    def first(self, key: str) -> str:
        return (self.texts.get(key) or [""])[0]

    def joined(self, key: str) -> str:
        return "; ".join(self.texts.get(key, []))


def _metadata(manifest: Mapping[str, Any]) -> _Metadata:
    found = _Metadata()
    for pair in _list(manifest.get("metadata")):
        if not isinstance(pair, Mapping):
            continue
        key, value = _plain(pair.get("label")), _plain(pair.get("value"))
        if not key or not value:
            continue
        folded = key.casefold()
        if folded in _FIELDS:
            found.texts.setdefault(_FIELDS[folded], []).append(value)
        elif folded in _NAMES:
            found.names.setdefault(_NAMES[folded], []).extend(_name(v) for v in value.split("; "))
        elif folded in _LISTS:
            found.lists.setdefault(_LISTS[folded], []).extend(v.strip() for v in value.split(";"))
        else:
            found.extra.append((key, value))
    return found


def _rights(manifest: Mapping[str, Any], metadata: _Metadata) -> str:
    statement = manifest.get("requiredStatement")
    required = ""
    if isinstance(statement, Mapping):
        required = ": ".join(
            t for t in (_plain(statement.get("label")), _plain(statement.get("value"))) if t
        )
    rights = [
        *metadata.texts.get("rights", []),
        *(t for t in (_plain(manifest.get("rights")), _plain(manifest.get("license"))) if t),
        *(t for t in (required, _plain(manifest.get("attribution"))) if t),
    ]
    return "; ".join(dict.fromkeys(rights))


def _canvas_files(
    manifest: Mapping[str, Any], files: _Files
) -> tuple[list[Path], list[str], dict[str, list[str]]]:
    """The images painted on the canvases found locally, the ones missing (said for people),
    and the canvases' annotations as HTML by language."""
    images: list[Path] = []
    missing: list[str] = []
    notes: dict[str, list[str]] = {}
    for number, canvas in enumerate(_canvases(manifest), 1):
        canvas_label = _plain(canvas.get("label")) or f"Canvas {number}"
        body = _painting(canvas)
        if body is None:
            missing.append(f"{canvas_label} (canvas {number}): no image is painted on it")
        else:
            found = files.image(_image_ids(body))
            if found is None:
                missing.append(f"{canvas_label} (canvas {number}): {_id(body) or 'no address'}")
            else:
                images.append(found)
        for language, text in _texts(canvas):
            notes.setdefault(language or "und", []).append(
                f"<h3>{html.escape(canvas_label)}</h3>{text}"
            )
    return images, missing, notes


def _scans(
    manifest: Mapping[str, Any], files: _Files, extra: list[tuple[str, str]]
) -> tuple[tuple[Scan, ...], dict[str, list[str]]]:
    """The manifest's scan (its PDF rendering, else its images as one scan), what is missing
    noted in `extra`, and the canvases' annotations by language."""
    images, missing, notes = _canvas_files(manifest, files)
    pdf, remote_pdf = _rendering(manifest, files)
    scans: tuple[Scan, ...] = ()
    if pdf is not None:
        scans = (Scan(path=pdf, label="PDF rendering"),)
        missing = []
    elif images:
        scans = (Scan(path=images[0], images=tuple(images)),)
    if remote_pdf and pdf is None:
        missing.append(f"PDF rendering: {remote_pdf}")
    if missing:
        extra.append((generated.MISSING_FILES, "\n".join(missing)))
    return scans, notes


def _annotation_transcripts(
    notes: dict[str, list[str]], work: Path, record_id: str
) -> list[Transcript]:
    """The canvases' annotations, one HTML transcript per language written under `work`."""
    transcripts = []
    for language, parts in notes.items():
        file = generated.write_text(
            work / f"{record_id}.{generated.safe_name(language)}.html", "".join(parts)
        )
        transcripts.append(
            Transcript(
                path=file,
                language=language,
                format=TranscriptFormat.HTML,
                kind=TranscriptKind.TRANSCRIPTION,
                label="Annotations" if language == "und" else "",
            )
        )
    return transcripts


def _record(source: Path, manifest: Mapping[str, Any], work: Path) -> Record:
    files = _Files(source.parent)
    metadata = _metadata(manifest)
    texts, lists, names, extra = metadata.texts, metadata.lists, metadata.names, metadata.extra
    title = _plain(manifest.get("label")) or metadata.first("title")
    inferred = set()
    if not title:
        title, inferred = source.stem, {"title"}
    date_text = metadata.first("date") or str(manifest.get("navDate") or "")
    date = _date(date_text)
    rights = _rights(manifest, metadata)
    scans, notes = _scans(manifest, files, extra)
    record_id = generated.safe_name(title, "manifest")
    transcripts = _annotation_transcripts(notes, work, record_id)
    summary = _plain(manifest.get("summary")) or _plain(manifest.get("description"))
    return Record(
        id=record_id,
        title=title,
        folder=work,
        date=date,
        date_text=date_text if date_text and (date is None or date.iso() != date_text) else "",
        summary=summary or "\n\n".join(texts.get("summary", [])),
        type=metadata.first("type"),
        languages=tuple(dict.fromkeys(lists.get("languages", []))),
        creators=tuple(names.get("creators", [])),
        contributors=tuple(names.get("contributors", [])),
        subjects=tuple(lists.get("subjects", [])),
        places=tuple(lists.get("places", [])),
        collection=metadata.joined("collection"),
        publisher=metadata.joined("publisher"),
        rights=rights,
        url=metadata.first("url") or _web_address(_id(manifest)),
        relation=metadata.joined("relation"),
        identifier=metadata.joined("identifier"),
        source=Source(archive=metadata.joined("archive"), location=metadata.joined("location")),
        transcripts=tuple(transcripts),
        scans=scans,
        extra=tuple(extra),
        inferred=frozenset(inferred),
    )


def _web_address(manifest_id: str) -> str:
    return manifest_id if manifest_id.startswith(("http://", "https://")) else ""


def _name(text: str) -> Name:
    # "Tilghman, B. Noah (colCollector)": the role in brackets is not part of the name.
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    try:
        return archive.parse_name(text)
    except ValueError:
        return Name(literal=text)


# ---------------------------------------------------------------------------------------------
# Reading


def read(path: Path, progress: Progress | None = None, work_root: Path | None = None) -> Archive:
    """The manifest at `path` as a one-record archive; its annotations' text written under
    `work_root` (default: the user's cache, see `generated`)."""
    source = path.resolve()
    try:
        if source.stat().st_size > _MAX_BYTES:
            raise ArchiveError(path, "is too large to be a IIIF manifest", "Check the file")
        data = json.loads(source.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise ArchiveError(path, f"cannot be read ({exc.strerror})", "Check the file") from exc
    except UnicodeDecodeError as exc:
        raise ArchiveError(path, f"is not UTF-8 text (byte {exc.start})", "Check the file") from exc
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            path,
            f"is not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})",
            "Fix the manifest there",
        ) from exc
    if not isinstance(data, Mapping):
        raise ArchiveError(path, "is not a IIIF manifest (not a JSON object)", "Check the file")
    kind = _type(data)
    if kind in {"Collection", "sc:Collection"}:
        raise ArchiveError(
            path,
            "is a IIIF Collection, a list of manifests on a server",
            "Save each manifest with its images and open the manifests",
        )
    if kind not in {"Manifest", "sc:Manifest"}:
        raise ArchiveError(
            path,
            f"is not a IIIF manifest (its type is {kind or 'missing'!r})",
            "Open a IIIF Presentation 2 or 3 manifest",
        )
    if not _canvases(data):
        where = "items" if "items" in data or "@context" not in data else "sequences[0].canvases"
        raise ArchiveError(path, f"has no canvases ({where} is empty or missing)", "Check it")
    work = generated.work_folder(source, "iiif", work_root)
    record = _record(source, data, work)
    if progress is not None:
        progress(1, 1)
    return Archive(root=source, title=record.title, records=(record,))


def _read(path: Path, progress: Progress | None) -> Archive:
    return read(path, progress)


def _check(path: Path) -> list[Problem]:
    return generated.check_export(
        path, _read, "Save the image beside the manifest under its file name or IIIF identifier"
    )


FORMAT = Format(
    name="iiif",
    label="a IIIF Presentation manifest (version 2 or 3)",
    claims=_claims,
    read=_read,
    check=_check,
)
