"""A volume of the Foreign Relations of the United States in TEI (history.state.gov's files):
one record per document, its text written as an HTML transcript with the editors' footnotes
at the end. A single document cut out of a volume (a `<div type="document">` file) reads too.

The XML is read with defusedxml: a file declaring entities is refused, nothing external (DTD,
schema, `xi:include`) is ever fetched or resolved. The volume is parsed once, as a whole.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from xml.etree.ElementTree import Element, ParseError

from viewer.domain import archive
from viewer.domain.archive import ArchiveError, Progress
from viewer.domain.formats import Format, generated
from viewer.domain.model import (
    Archive,
    BrokenRecord,
    Name,
    PartialDate,
    Record,
    Source,
    Transcript,
    TranscriptFormat,
    TranscriptKind,
)

log = logging.getLogger(__name__)

TEI = "http://www.tei-c.org/ns/1.0"
FRUS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
URL_BASE = "https://history.state.gov/historicaldocuments"

_T = "{" + TEI + "}"
_F = "{" + FRUS + "}"
_HEAD_BYTES = 4096
_SPACE = re.compile(r"\s+")
_FILE_NO = re.compile(r"^\s*File\s+No\.?\s*", re.IGNORECASE)
_BRACKETED = re.compile(r"^\[(.+)\]$")
_WHEN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_NOT_KINDS = frozenset({"Translation", "Extract", "Paraphrase", "Excerpt"})
"""Words of a bracketed label that say how the text is given, not what the document is."""
_PEERAGE = re.compile(r"^((?:[A-Z][a-z]+ )+of)\b(.*)$")
_STATE_ARCHIVE = "National Archives, RG 59 (Department of State decimal file)"
"""Where a "File No." of the State Department's decimal file (1910-1963) is kept now."""


# ---------------------------------------------------------------------------------------------
# Recognising and parsing


def _claims(path: Path) -> bool:
    if path.suffix.lower() != ".xml" or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    if TEI.encode() in head and (FRUS.encode() in head or b'xml:id="frus' in head):
        return True
    return head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<div") and b"frus:" in head


def parse_xml(path: Path, text: str) -> Element:
    """`text` (from `path`) parsed with entities and external references refused."""
    from defusedxml import DefusedXmlException  # noqa: PLC0415  (only paid for by XML sources)
    from defusedxml import ElementTree as SafeTree  # noqa: PLC0415

    try:
        return SafeTree.fromstring(text)
    except ParseError as exc:
        line, column = exc.position
        raise ArchiveError(
            path,
            f"is not well-formed XML at line {line}, column {column + 1} ({_reason(exc)})",
            "Fix the file there, or export it again",
        ) from exc
    except DefusedXmlException as exc:
        raise ArchiveError(
            path,
            f"declares entities or external references ({exc}), which are never expanded "
            "or fetched",
            "Remove the DOCTYPE's entity declarations, or export the file again",
        ) from exc


def _reason(exc: ParseError) -> str:
    return str(exc).split(":", 1)[0]


def _load(path: Path) -> Element:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ArchiveError(path, f"cannot be read ({exc.strerror})", "Check the file") from exc
    except UnicodeDecodeError as exc:
        raise ArchiveError(
            path, f"is not UTF-8 text (byte {exc.start})", "Save it as UTF-8"
        ) from exc
    stripped = text.lstrip()
    if stripped.startswith("<div") and TEI not in stripped[:_HEAD_BYTES]:
        # A document cut out of a volume: its TEI and frus namespaces were declared above it.
        text = f'<TEI xmlns="{TEI}" xmlns:frus="{FRUS}"><text><body>{stripped}</body></text></TEI>'
    root = parse_xml(path, text)
    if root.tag != _T + "TEI":
        raise ArchiveError(
            path, f"is XML but not TEI (its root is <{_local(root.tag)}>)", "Open a FRUS TEI file"
        )
    return root


# ---------------------------------------------------------------------------------------------
# Text helpers


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text(element: Element, skip_notes: bool = True) -> str:
    """The element's words, footnotes left out, whitespace made single spaces."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not (skip_notes and child.tag == _T + "note"):
                if child.tag == _T + "lb":
                    parts.append(" ")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _clean("".join(parts))


def _name_from_list(text: str) -> Name:
    """ "Baker, Newton D." as a person; anything without a comma as written."""
    family, comma, given = (part.strip() for part in text.partition(","))
    title = _PEERAGE.match(given)
    if comma and family and title:
        # "Reading, Earl of (Rufus Daniel Isaacs)": a title, read as "Earl of Reading (...)".
        return Name(literal=f"{title.group(1)} {family}{title.group(2)}")
    if comma and family and given:
        return Name(family=family, given=given)
    return Name(literal=text.strip())


def _editor_name(text: str) -> Name:
    """ "Gary Goldberg" or "Goldberg, Gary" as a person."""
    if "," in text:
        return _name_from_list(text)
    given, _, family = text.strip().rpartition(" ")
    return Name(family=family, given=given) if given else Name(literal=family)


# ---------------------------------------------------------------------------------------------
# The volume


@dataclass
class _Volume:
    path: Path
    volume_id: str
    title: str
    publisher: str
    editors: tuple[Name, ...]
    persons: dict[str, Name]
    work: Path
    used_ids: set[str] = field(default_factory=set)


def _volume(path: Path, root: Element, work: Path) -> _Volume:
    title_stmt = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    titles: dict[str, str] = {}
    editors: list[Name] = []
    if title_stmt is not None:
        for element in title_stmt.findall(_T + "title"):
            titles.setdefault(element.get("type", ""), _text(element))
        editors = [_editor_name(_text(e)) for e in title_stmt.findall(_T + "editor") if _text(e)]
    volume_id = root.get(XML_ID, "")
    if not volume_id:
        idno = root.find(f".//{_T}publicationStmt/{_T}idno[@type='frus']")
        volume_id = _text(idno) if idno is not None else ""
    if not volume_id:
        # A single document: its file is named after the volume ("frus1918Russiav03_d7.xml").
        volume_id = path.stem.split("_", 1)[0] if path.stem.startswith("frus") else ""
    title = titles.get("complete") or titles.get("") or _volume_title(volume_id) or path.stem
    publisher = root.find(f".//{_T}publicationStmt/{_T}publisher")
    persons: dict[str, Name] = {}
    for person in root.iter(_T + "persName"):
        person_id = person.get(XML_ID)
        if person_id:
            persons[person_id] = _name_from_list(_text(person))
    return _Volume(
        path=path,
        volume_id=volume_id,
        title=title,
        publisher=_text(publisher) if publisher is not None else "",
        editors=tuple(editors),
        persons=persons,
        work=work,
    )


def _volume_title(volume_id: str) -> str:
    match = re.match(r"^frus(\d{4}(?:-\d{2,4})?)(.*?)(?:v(\d+\w*))?$", volume_id)
    if not match:
        return ""
    years, subject, number = match.groups()
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", subject).strip()
    parts = ["Foreign Relations of the United States", years]
    parts += [words] if words else []
    parts += [f"Volume {int(number) if number.isdigit() else number}"] if number else []
    return ", ".join(parts)


def _documents(root: Element) -> Iterator[tuple[Element, str]]:
    """Each `<div type="document">` in order, with the heading of the chapter it is in."""

    def walk(node: Element, chapter: str) -> Iterator[tuple[Element, str]]:
        for child in node:
            if child.tag != _T + "div":
                continue
            if child.get("type") == "document":
                yield child, chapter
                continue
            head = child.find(_T + "head")
            inner = chapter
            if child.get("type") in {"chapter", "subchapter"} and head is not None:
                inner = _text(head)
            yield from walk(child, inner)

    for container in root.iter():
        if container.tag in {_T + "body", _T + "back", _T + "front"}:
            yield from walk(container, "")


# ---------------------------------------------------------------------------------------------
# One document


def _own(doc: Element, tag: str) -> Iterator[Element]:
    """`tag` elements of the document itself: direct children and those in an opener/closer,
    never those of an enclosure (`frus:attachment`)."""
    for child in doc:
        if child.tag == tag:
            yield child
        elif child.tag in {_T + "opener", _T + "closer"}:
            yield from child.iter(tag)


def _date(doc: Element) -> tuple[PartialDate | None, str, bool]:
    """The document's date, its wording in the dateline, and whether the editors supplied it."""
    low = doc.get(_F + "doc-dateTime-min", "")
    high = doc.get(_F + "doc-dateTime-max", "")
    wording, supplied = "", False
    date_element = None
    for dateline in _own(doc, _T + "dateline"):
        date_element = dateline.find(f".//{_T}date")
        if date_element is not None:
            wording = _text(date_element)
            supplied = _text(dateline).startswith("[") or wording.startswith("[")
            break
    if not low and date_element is not None:
        low = date_element.get("when") or date_element.get("from") or ""
        low = low or date_element.get("notBefore", "")
        high = date_element.get("to") or date_element.get("notAfter") or ""
    start = _iso(low)
    if start is None:
        return None, wording, supplied
    end = _iso(high)
    if end is not None and end.parts() > start.parts():
        start = PartialDate(start.year, start.month, start.day, end)
    return start, wording, supplied


def _iso(value: str) -> PartialDate | None:
    match = _WHEN.match(value.strip())
    if not match:
        return None
    try:
        return archive.parse_date("-".join(g for g in match.groups() if g))
    except ValueError:
        return None


def _names(doc: Element, volume: _Volume, side: str) -> tuple[Name, ...]:
    head = doc.find(_T + "head")
    if head is None:
        return ()
    names: list[Name] = []
    for element in head.iter():
        if element.get("type") != side or element.tag not in {
            _T + "persName",
            _T + "gloss",
            _T + "orgName",
        }:
            continue
        text = _text(element)
        reference = element.get("corresp", "").lstrip("#")
        if reference in volume.persons:
            names.append(volume.persons[reference])
        elif element.tag == _T + "persName" and text and " " not in text:
            names.append(Name(family=text))
        elif text:
            names.append(Name(literal=text))
    return tuple(dict.fromkeys(names))


def _source_and_type(doc: Element) -> tuple[Source, str, bool, bool]:
    """Source (archive, location), the document's kind ("Telegram"), whether the archive was
    supplied by the viewer, and whether the text is a translation."""
    locations: list[str] = []
    archive_name, kind, guessed, translated = "", "", False, False
    # "[Telegram—Extract]": a source note in a volume, a <seg> in an opener once reviewed.
    labels = [_text(seg) for seg in _own(doc, _T + "seg") if _BRACKETED.match(_text(seg))]
    for note in _own(doc, _T + "note"):
        if note.get("type") != "source":
            continue
        text = _text(note)
        if _BRACKETED.match(text):
            labels.append(text)
        elif _FILE_NO.match(text):
            locations.append(text)
            archive_name, guessed = archive_name or _STATE_ARCHIVE, not archive_name
        elif text:
            body = re.sub(r"^Source:\s*", "", text)
            first, _, rest = body.partition(",")
            if rest:
                archive_name, guessed = first.strip(), False
                locations.append(rest.strip().rstrip("."))
            else:
                locations.append(body)
    for label in labels:
        words = [w.strip() for w in label.strip("[]").split("—")]
        translated = translated or "Translation" in words
        kind = kind or next((w for w in words if w not in _NOT_KINDS), "")
    return (
        Source(archive=archive_name, location="; ".join(locations)),
        kind,
        guessed,
        translated,
    )


def _places(doc: Element) -> tuple[str, ...]:
    found: list[str] = []
    for dateline in _own(doc, _T + "dateline"):
        found += [_text(p) for p in dateline.iter(_T + "placeName")]
    found += [_text(p) for p in doc.iter(_T + "placeName")]
    return tuple(dict.fromkeys(p.strip(" ,.") for p in found if p.strip(" ,.")))


def _people(doc: Element, volume: _Volume) -> tuple[str, ...]:
    found = []
    for person in doc.iter(_T + "persName"):
        reference = person.get("corresp", "").lstrip("#")
        if reference in volume.persons:
            found.append(volume.persons[reference].display())
    return tuple(dict.fromkeys(found))


def _record(doc: Element, chapter: str, volume: _Volume, index: int) -> Record:
    doc_id = doc.get(XML_ID) or f"d{doc.get('n') or index + 1}"
    number = doc.get("n", "") or doc_id.lstrip("d")
    head = doc.find(_T + "head")
    title = _text(head) if head is not None else ""
    inferred = set()
    if not title:
        title, inferred = f"Document {number}", {"title"}
    date, wording, supplied = _date(doc)
    if supplied and date is not None:
        inferred.add("date")
    source, kind, guessed, translated = _source_and_type(doc)
    if guessed:
        inferred.add("source")
    base = f"{volume.volume_id}-{doc_id}" if volume.volume_id else doc_id
    record_id = generated.unique_id(base, volume.used_ids)
    transcript = generated.write_text(
        volume.work / f"{generated.safe_name(doc_id)}.html", _document_html(doc)
    )
    url = f"{URL_BASE}/{volume.volume_id}/{doc_id}" if volume.volume_id else ""
    return Record(
        id=record_id,
        title=title,
        folder=volume.work,
        date=date,
        date_text=wording if wording and (date is None or wording != date.iso()) else "",
        type=kind,
        languages=("en",),
        creators=_names(doc, volume, "from"),
        recipients=_names(doc, volume, "to"),
        contributors=volume.editors,
        people=_people(doc, volume),
        places=_places(doc),
        collection=volume.title,
        publisher=volume.publisher,
        url=url,
        number=number,
        source=source,
        transcripts=(
            Transcript(
                path=transcript,
                language="en",
                format=TranscriptFormat.HTML,
                kind=TranscriptKind.TRANSLATION if translated else TranscriptKind.TRANSCRIPTION,
                label="English translation" if translated else "English text",
            ),
        ),
        extra=(("chapter", chapter),) if chapter else (),
        inferred=frozenset(inferred),
    )


# ---------------------------------------------------------------------------------------------
# The transcript


class _Html:
    """A document's TEI as the viewer's safe HTML; footnotes numbered and gathered at the end."""

    _BLOCK: ClassVar[dict[str, str]] = {
        "p": "p",
        "dateline": "p",
        "closer": "p",
        "opener": "div",
        "list": "ul",
        "item": "li",
        "table": "table",
        "row": "tr",
        "cell": "td",
        "postscript": "div",
        "salute": "p",
        "signed": "span",
    }
    _INLINE: ClassVar[dict[str, str]] = {
        "italic": "em",
        "bold": "strong",
        "superscript": "sup",
        "subscript": "sub",
    }

    def __init__(self) -> None:
        self.notes: list[tuple[str, str]] = []

    def document(self, doc: Element) -> str:
        body = self.children(doc, depth=0)
        if not self.notes:
            return body
        notes = "".join(f"<p><sup>{html.escape(n)}</sup> {text}</p>" for n, text in self.notes)
        return body + "<hr><h4>Notes</h4>" + notes

    def children(self, node: Element, depth: int) -> str:
        parts = [html.escape(_SPACE.sub(" ", node.text))] if node.text else []
        for child in node:
            parts.append(self.element(child, depth))
            if child.tail:
                parts.append(html.escape(_SPACE.sub(" ", child.tail)))
        return "".join(parts)

    def list_items(self, node: Element, depth: int) -> str:
        """A list's items, each with the label TEI writes before it ("1.") at its start."""
        parts, label = [], ""
        for child in node:
            if child.tag == _T + "label":
                label = f"<strong>{self.children(child, depth).strip()}</strong> "
            elif child.tag == _T + "item":
                parts.append(f"<li>{label}{self.children(child, depth).strip()}</li>")
                label = ""
            else:
                parts.append(self.element(child, depth))
        return "".join(parts)

    def element(self, node: Element, depth: int) -> str:
        name = _local(node.tag)
        if node.tag == _T + "note":
            if node.get("type") == "source":
                return f"<p><small>{self.children(node, depth)}</small></p>"
            number = node.get("n") or str(len(self.notes) + 1)
            # Reserve the place first so a note inside a note keeps the order they are read in.
            self.notes.append((number, ""))
            slot = len(self.notes) - 1
            self.notes[slot] = (number, self.children(node, depth).strip())
            return f"<sup>{html.escape(number)}</sup>"
        if name == "head":
            level = min(2 + depth, 4)
            return f"<h{level}>{self.children(node, depth).strip()}</h{level}>"
        if name == "lb":
            return "<br>"
        if name in {"pb", "include", "graphic", "figure"}:
            return ""  # printed pages of the volume, not the original's; xi:include never resolved
        if node.tag in {_F + "attachment", _T + "div"}:
            return f"<div><hr>{self.children(node, depth + 1)}</div>"
        if name == "list":
            return f"<ul>{self.list_items(node, depth)}</ul>"
        if name == "quote":
            inner = self.children(node, depth)
            blocky = any(_local(c.tag) in {"p", "list", "table"} for c in node)
            return f"<blockquote>{inner}</blockquote>" if blocky else inner
        if name == "hi":
            tag = self._INLINE.get(node.get("rend", ""))
            inner = self.children(node, depth)
            return f"<{tag}>{inner}</{tag}>" if tag else inner
        if name == "label" and node.tag == _T + "label":
            return f"<strong>{self.children(node, depth)}</strong> "
        tag = self._BLOCK.get(name)
        inner = self.children(node, depth)
        if tag is None:
            return inner
        if tag == "td":
            span = "".join(
                f' {attr}="{html.escape(value)}"'
                for attr, value in (("colspan", node.get("cols")), ("rowspan", node.get("rows")))
                if value and value.isdigit() and value != "1"
            )
            return f"<td{span}>{inner.strip()}</td>"
        return f"<{tag}>{inner.strip()}</{tag}>"


def _document_html(doc: Element) -> str:
    return _Html().document(doc)


# ---------------------------------------------------------------------------------------------
# Reading


def read(path: Path, progress: Progress | None = None, work_root: Path | None = None) -> Archive:
    """The FRUS volume (or single document) at `path`; its texts written under `work_root`
    (default: the user's cache, see `generated`). ArchiveError when it cannot be read at all."""
    source = path.resolve()
    root = _load(source)
    work = generated.work_folder(source, "frus", work_root)
    volume = _volume(source, root, work)
    documents = list(_documents(root))
    if not documents:
        raise ArchiveError(
            path,
            'holds no documents (no <div type="document">)',
            "Open a FRUS volume or one of its documents",
        )
    records: list[Record | BrokenRecord] = []
    for index, (doc, chapter) in enumerate(documents):
        try:
            records.append(_record(doc, chapter, volume, index))
        except ArchiveError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            where = doc.get(XML_ID) or f"number {doc.get('n') or index + 1}"
            log.warning("%s: document %s: %s", source, where, exc)
            records.append(
                BrokenRecord(source, f'<div type="document"> {where} cannot be read: {exc}')
            )
        if progress is not None:
            progress(index + 1, len(documents))
    return Archive(
        root=source,
        title=volume.title,
        records=tuple(records),
        publisher=volume.publisher,
    )


def _read(path: Path, progress: Progress | None) -> Archive:
    return read(path, progress)


FORMAT = Format(
    name="frus-tei",
    label="a FRUS volume or document in TEI (history.state.gov)",
    claims=_claims,
    read=_read,
)
