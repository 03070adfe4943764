"""Reading Zotero exports (CSL-JSON, Zotero RDF) into records: the work behind
`viewer.domain.formats.zotero`, kept apart so recognising a path costs only that module."""

from __future__ import annotations

import html
import json
import logging
import re
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from viewer.domain import archive, languages, model
from viewer.domain.archive import ArchiveError, Progress
from viewer.domain.model import (
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

_ZOTERO_NS = "http://www.zotero.org/namespaces/export#"
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "z": _ZOTERO_NS,
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "bib": "http://purl.org/net/biblio#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "link": "http://purl.org/rss/1.0/modules/link/",
    "prism": "http://prismstandard.org/namespaces/1.2/basic/",
}
_SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


# --- Shared ---------------------------------------------------------------------------------


def _date(text: str) -> tuple[PartialDate | None, str]:
    """A Zotero date ("1949-05-18", "1949-05-18 00:00:00", "May 18, 1949") as a date and, when
    it is not ISO 8601, the wording."""
    text = text.strip()
    if not text:
        return None, ""
    iso = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[ T][\d:]+Z?)?$", text)
    if iso:
        try:
            return archive.parse_date(iso.group(1).replace("-00", "")), ""
        except ValueError:
            pass
    months = {m.lower()[:3]: i + 1 for i, m in enumerate(_MONTHS)}
    words = re.match(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$", text)
    if words and words.group(2).lower()[:3] in months:
        day = int(words.group(1) or words.group(3) or 0)
        month = months[words.group(2).lower()[:3]]
        try:
            return _parts_date([int(words.group(4)), month, day]), text
        except ValueError:  # "May 32, 1949": the year is still known
            return PartialDate(int(words.group(4))), text
    year = re.search(r"\b(\d{4})\b", text)
    if year:
        return PartialDate(year=int(year.group(1))), text
    return None, text


_MONTHS = model.MONTHS


def _language(text: str, extra: list[tuple[str, str]]) -> tuple[str, ...]:
    found, unknown = languages.codes(text)
    if unknown:
        extra.append(("language_as_written", ", ".join(unknown)))
    return found


def _record_id(text: str, used: set[str]) -> str:
    text = text.rsplit("/", 1)[-1] if "://" in text else text
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._") or "item"
    record_id, n = base, 1
    while record_id.lower() in used:
        n += 1
        record_id = f"{base}-{n}"
    used.add(record_id.lower())
    return record_id


def _notes_transcript(file: Path, notes: list[str], language: str) -> Transcript | None:
    parts = []
    for written in notes:
        note = written.strip()
        if not note:
            continue
        parts.append(
            note if "<" in note else "".join(f"<p>{html.escape(p)}</p>" for p in note.split("\n\n"))
        )
    if not parts:
        return None
    return Transcript(
        path=file,
        language=language or "und",
        format=TranscriptFormat.HTML,
        kind=TranscriptKind.TRANSCRIPTION,
        label="Notes",
        text="\n".join(parts),
    )


# --- CSL-JSON -------------------------------------------------------------------------------


def _csl_name(value: Mapping[str, Any]) -> Name | None:
    literal = str(value.get("literal", "")).strip()
    if literal:
        return Name(literal=literal)
    family = " ".join(
        str(value.get(k, "")).strip() for k in ("non-dropping-particle", "family") if value.get(k)
    )
    given = " ".join(
        str(value.get(k, "")).strip() for k in ("given", "dropping-particle") if value.get(k)
    )
    if not family and not given:
        return None
    return Name(family=family, given=given) if family else Name(literal=given)


def _csl_names(item: Mapping[str, Any], *keys: str) -> tuple[Name, ...]:
    names = []
    for key in keys:
        value = item.get(key, [])
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, Mapping):
                name = _csl_name(entry)
                if name is not None:
                    names.append(name)
    return tuple(names)


def _csl_date(value: object) -> tuple[PartialDate | None, str]:
    if not isinstance(value, Mapping):
        return _date(str(value)) if isinstance(value, str) else (None, "")
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            dates = [
                _parts_date([int(p) for p in part[:3]])
                for part in parts[:2]
                if isinstance(part, list) and part
            ]
        except (TypeError, ValueError):
            dates = []
        if dates:
            start = dates[0]
            if len(dates) > 1 and dates[1] != start:
                start = PartialDate(start.year, start.month, start.day, end=dates[1])
            return start, ""
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str):
            return _date(value[key])
    return None, ""


def _parts_date(parts: list[int]) -> PartialDate:
    year, month, day = [*parts, 0, 0][:3]
    archive.parse_date(
        f"{year:04d}"
        + (f"-{month:02d}" if month else "")
        + (f"-{day:02d}" if month and day else "")
    )  # ValueError for an impossible date
    return PartialDate(year, month, day if month else 0)


def _text(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key, "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


_CSL_TYPES = {
    "personal_communication": "Letter",
    "manuscript": "Manuscript",
    "report": "Report",
    "interview": "Interview",
    "map": "Map",
    "graphic": "Image",
    "speech": "Speech",
}


def record_from_csl(item: Mapping[str, Any], file: Path, used: set[str]) -> Record:
    """One CSL-JSON item as a record (`file`: the export holding it)."""
    extra: list[tuple[str, str]] = []
    date, date_text = _csl_date(item.get("issued"))
    title = _text(item, "title")
    record_id = _record_id(_text(item, "id") or title, used)
    keywords = _text(item, "keyword")
    languages_ = _language(_text(item, "language"), extra)
    collection = _text(item, "collection-title")
    for key in ("container-title", "note", "ISBN", "event-place"):
        if _text(item, key):
            extra.append((key.lower().replace("-", "_"), _text(item, key)))
    inferred = set()
    if not title:
        title, inferred = record_id, {"title"}
    if date is not None and date_text:  # read from words: a guess to be checked
        inferred.add("date")
    return Record(
        id=record_id,
        title=title,
        folder=file.parent,
        date=date,
        date_text=date_text,
        summary=_text(item, "abstract"),
        type=_text(item, "genre") or _CSL_TYPES.get(_text(item, "type"), ""),
        languages=languages_,
        creators=_csl_names(item, "author"),
        recipients=_csl_names(item, "recipient"),
        translators=_csl_names(item, "translator"),
        contributors=_csl_names(item, "editor", "contributor", "interviewer", "collection-editor"),
        subjects=tuple(k.strip() for k in re.split(r"[,;]", keywords) if k.strip()),
        collection=collection,
        publisher=_text(item, "publisher"),
        rights=_text(item, "license") or _text(item, "rights"),
        url=_text(item, "URL"),
        identifier=_text(item, "call-number") or _text(item, "DOI"),
        number=_text(item, "number"),
        pages=_text(item, "number-of-pages"),
        source=Source(archive=_text(item, "archive"), location=_text(item, "archive_location")),
        extra=tuple(extra),
        inferred=frozenset(inferred),
    )


def read_csl_json(
    file: Path, progress: Progress | None = None, used: set[str] | None = None
) -> list[Record]:
    """The items of a CSL-JSON file as records; ArchiveError naming the place of a bad file."""
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ArchiveError(file, f"cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ArchiveError(file, f"is not UTF-8 (byte {exc.start})", "Export it again") from exc
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            file,
            f"is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "Export it again from Zotero (File > Export Library, CSL JSON)",
        ) from exc
    items = data if isinstance(data, list) else [data]
    used = set() if used is None else used
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ArchiveError(
                file, f"item {index + 1} is not a JSON object", "Export it again from Zotero"
            )
        records.append(record_from_csl(item, file, used))
        if progress is not None:
            progress(index + 1, len(items))
    return records


# --- Zotero RDF -----------------------------------------------------------------------------


def _parse_xml(file: Path) -> Element:
    from defusedxml import DefusedXmlException  # noqa: PLC0415  (only for XML sources)
    from defusedxml import ElementTree as SafeTree  # noqa: PLC0415

    try:
        root = SafeTree.parse(file, forbid_dtd=False).getroot()
    except OSError as exc:
        raise ArchiveError(file, f"cannot be read ({exc.strerror})") from exc
    except ParseError as exc:
        line, column = exc.position
        raise ArchiveError(
            file,
            f"is not well-formed XML at line {line}, column {column + 1}",
            "Export it again from Zotero (File > Export Library, Zotero RDF)",
        ) from exc
    except DefusedXmlException as exc:
        raise ArchiveError(
            file,
            f"declares entities or external resources, which are never read ({exc})",
            "Export it again from Zotero",
        ) from exc
    if root is None:
        raise ArchiveError(file, "holds no XML element", "Export it again from Zotero")
    return root


def _about(element: Element) -> str:
    return element.get(_q("rdf:about"), "") or element.get(_q("rdf:nodeID"), "")


def _resource(element: Element) -> str:
    return element.get(_q("rdf:resource"), "") or element.get(_q("rdf:nodeID"), "")


def _first_text(element: Element, *paths: str) -> str:
    for path in paths:
        found = element.find(path, _NS)
        if found is not None and (found.text or "").strip():
            return (found.text or "").strip()
    return ""


def _all_text(element: Element, path: str) -> list[str]:
    return [(e.text or "").strip() for e in element.findall(path, _NS) if (e.text or "").strip()]


def _people(container: Element | None) -> list[Name]:
    if container is None:
        return []
    names = []
    for person in container.iter():
        if person.tag not in (_q("foaf:Person"), "{http://xmlns.com/foaf/0.1/}Organization"):
            continue
        family = _first_text(person, "foaf:surname", "foaf:lastName", "foaf:familyName")
        given = _first_text(person, "foaf:givenName", "foaf:givenname", "foaf:firstName")
        literal = _first_text(person, "foaf:name")
        if family and given:
            names.append(Name(family=family, given=given))
        elif family or literal:
            names.append(Name(literal=family or literal))
    return names


def _creators(item: Element) -> dict[str, list[Name]]:
    roles: dict[str, list[Name]] = {
        "creators": [],
        "recipients": [],
        "translators": [],
        "contributors": [],
    }
    for child in item:
        namespace, _, local = child.tag[1:].partition("}")
        if namespace not in (_NS["bib"], _ZOTERO_NS) or not local.endswith("s"):
            continue
        if local in ("authors", "inventors", "programmers", "artists", "directors", "sponsors"):
            role = "creators"
        elif local == "recipients":
            role = "recipients"
        elif local == "translators":
            role = "translators"
        elif local in (
            "editors",
            "contributors",
            "seriesEditors",
            "interviewers",
            "bookAuthors",
            "reviewedAuthors",
            "castMembers",
            "producers",
        ):
            role = "contributors"
        else:
            continue
        roles[role].extend(_people(child))
    return roles


def _attachment_path(attachment: Element, base: Path) -> Path | None:
    for path in ("z:path", "rdf:resource"):
        found = attachment.find(path, _NS)
        if found is None:
            continue
        target = _resource(found) or (found.text or "").strip()
        if target:
            return _local_path(target, base)
    return None


def _local_path(target: str, base: Path) -> Path | None:
    if target.startswith("file://"):
        return Path(urllib.parse.unquote(urllib.parse.urlparse(target).path))
    if re.match(r"^[a-z][a-z0-9+.-]*://", target, re.IGNORECASE):
        return None  # a web address: never fetched
    if target.startswith("attachments:"):
        target = target[len("attachments:") :]
    plain = base / target
    if plain.exists() or "%" not in target:
        return plain
    return base / urllib.parse.unquote(target)


def _linked(item: Element, index: dict[str, Element], tag: str, *relations: str) -> list[Element]:
    """Elements of type `tag` the item links to (by reference or nested inside the link)."""
    found = []
    for relation in relations:
        for link in item.findall(relation, _NS):
            target = index.get(_resource(link))
            if target is not None and target.tag == tag:
                found.append(target)
            found.extend(child for child in link if child.tag == tag)
    return found


def _item_type(element: Element) -> str:
    return _first_text(element, "z:itemType")


def _iter_resources(root: Element) -> Iterator[Element]:
    for element in root.iter():
        if _about(element):
            yield element


def read_rdf(
    file: Path, progress: Progress | None = None, used: set[str] | None = None
) -> list[Record]:
    """The items of a Zotero RDF export as records, attachments found beside the file."""
    root = _parse_xml(file)
    index = {_about(e): e for e in _iter_resources(root)}
    children: set[str] = set()  # attachments that belong to an item
    for link in root.iter(_q("link:link")):
        children.add(_resource(link))
        children.update(_about(child) for child in link)
    items = [
        e
        for e in root
        if (_item_type(e) and _item_type(e) not in ("attachment", "note"))
        or (e.tag == _q("z:Attachment") and _about(e) not in children)
    ]
    used = set() if used is None else used
    records = []
    for number, item in enumerate(items):
        records.append(_rdf_record(item, index, file, used))
        if progress is not None:
            progress(number + 1, len(items))
    return records


def _rdf_record(item: Element, index: dict[str, Element], file: Path, used: set[str]) -> Record:
    base = file.parent
    extra: list[tuple[str, str]] = []
    title = _first_text(item, "dc:title")
    record_id = _record_id(_about(item).lstrip("#") or title, used)
    date, date_text = _date(_first_text(item, "dc:date", "dcterms:dateSubmitted"))
    langs = _language(_first_text(item, "z:language", "dc:language"), extra)
    roles = _creators(item)
    tags = _all_text(item, "dc:subject") + _all_text(item, "dc:subject/z:AutomaticTag/rdf:value")
    call_number = _first_text(
        item,
        "dc:subject/dcterms:LCC/rdf:value",
        "dc:subject/dcterms:DDC/rdf:value",
        "dc:subject/dcterms:UDC/rdf:value",
    )
    url = _first_text(item, "dc:identifier/dcterms:URI/rdf:value")
    identifiers = _all_text(item, "dc:identifier")
    series = _first_text(item, "dcterms:isPartOf/bib:Series/dc:title")
    relation = _relation(item, index)
    description = _first_text(item, "dc:description")
    if description:
        extra.append(("zotero_extra", description))
    publisher = _first_text(item, "dc:publisher/foaf:Organization/foaf:name", "dc:publisher")
    notes = [
        _first_text(memo, "rdf:value")
        for memo in _linked(item, index, _q("bib:Memo"), "dcterms:isReferencedBy")
    ]
    language = langs[0] if langs else "und"
    scans, transcripts, link = _attachments(item, index, base, language, extra)
    url = url or link
    note = _notes_transcript(file, notes, language)
    if note is not None:
        transcripts.append(note)
    inferred = set()
    if not title:
        title, inferred = record_id, {"title"}
    if date is not None and date_text:  # read from words: a guess to be checked
        inferred.add("date")
    genre = _first_text(item, "z:type")
    return Record(
        id=record_id,
        title=title,
        folder=base,
        date=date,
        date_text=date_text,
        summary=_first_text(item, "dcterms:abstract"),
        type=genre or _first_text(item, "z:letterType", "z:manuscriptType") or "",
        languages=langs,
        creators=tuple(roles["creators"]),
        recipients=tuple(roles["recipients"]),
        translators=tuple(roles["translators"]),
        contributors=tuple(roles["contributors"]),
        subjects=tuple(dict.fromkeys(t for t in tags if t)),
        collection=series,
        publisher=publisher,
        rights=_first_text(item, "dc:rights"),
        url=url,
        relation=relation,
        identifier=call_number or next(iter(identifiers), ""),
        number=_first_text(item, "prism:number", "z:number"),
        pages=_first_text(item, "z:numPages"),
        source=Source(
            archive=_first_text(item, "z:archive"),
            location=_first_text(item, "dc:coverage", "z:archiveLocation"),
        ),
        transcripts=tuple(transcripts),
        scans=tuple(scans),
        extra=tuple(extra),
        inferred=frozenset(inferred),
    )


def _relation(item: Element, index: dict[str, Element]) -> str:
    """The items `item` is related to (not its attachments or notes), by their ids."""
    return ", ".join(
        _resource(e)
        for e in item.findall("dc:relation", _NS)
        if _resource(e) in index
        and _item_type(index[_resource(e)]) not in ("attachment", "note", "")
    )


def _attachments(
    item: Element,
    index: dict[str, Element],
    base: Path,
    language: str,
    extra: list[tuple[str, str]],
) -> tuple[list[Scan], list[Transcript], str]:
    """The files attached to `item` as scans and transcripts (others noted in `extra`), and the
    first web link among its attachments."""
    scans: list[Scan] = []
    transcripts: list[Transcript] = []
    first_link = ""
    attachments = _linked(item, index, _q("z:Attachment"), "link:link")
    if item.tag == _q("z:Attachment"):
        attachments = [item]
    for attachment in attachments:
        path = _attachment_path(attachment, base)
        mime = _first_text(attachment, "link:type").lower()
        label = _first_text(attachment, "dc:title")
        if path is None:
            link = _first_text(attachment, "dc:identifier/dcterms:URI/rdf:value")
            first_link = first_link or link
            continue
        suffix = path.suffix.lower()
        if mime == "application/pdf" or suffix in _SCAN_SUFFIXES or mime.startswith("image/"):
            scans.append(Scan(path=path, label=label))
        elif mime in ("text/html", "application/xhtml+xml") or suffix in _HTML_SUFFIXES:
            transcripts.append(
                Transcript(
                    path=path,
                    language=language,
                    format=TranscriptFormat.HTML,
                    label=f"Web page snapshot{': ' + label if label else ''}",
                )
            )
        elif mime == "text/plain" or suffix == ".txt":
            transcripts.append(
                Transcript(path=path, language=language, format=TranscriptFormat.TEXT, label=label)
            )
        else:
            extra.append(("attachment_not_imported", str(path)))
    return scans, transcripts, first_link
