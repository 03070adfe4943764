"""Which field of a record each column of a sheet fills: header synonyms, NARA's JFK preset, and
the mapping a person confirmed.

A mapping is a tuple with one field name per column ("" for a column kept as it is, shown
under its own header; `IGNORE` for a column left out).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

IGNORE = "-"

FIELDS: dict[str, str] = {
    # field: what it is, for people (the columns dialog, the docs)
    "file": "file name of the scan",
    "number": "record number",
    "identifier": "identifier",
    "title": "title",
    "date": "date",
    "creators": "from (author, sender)",
    "recipients": "to (recipient)",
    "agency": "agency",
    "pages": "pages",
    "subjects": "subjects (tags)",
    "type": "document type",
    "summary": "summary",
    "collection": "collection (series)",
    "location": "archival location (file number)",
    "languages": "languages",
    "places": "places",
    "people": "people",
    "rights": "rights",
    "url": "web address",
}
"""The fields a column can fill."""

LIST_FIELDS = frozenset({"subjects", "languages", "places", "people"})
NAME_FIELDS = frozenset({"creators", "recipients"})

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "file": (
        "file", "file name", "filename", "files", "source file", "pdf", "pdf file", "scan",
        "scan file", "image", "image file", "path", "file path", "document file", "attachment",
    ),
    "number": (
        "record number", "record num", "record no", "record nr", "record id", "rif",
        "rif number", "doc number", "document number", "doc no", "doc num", "document no",
        "number", "no", "nr",
    ),
    "identifier": ("identifier", "id", "doc id", "document id", "uid", "call number"),
    "title": ("title", "subject", "document title", "headline", "name of document", "caption"),
    "date": (
        "date", "doc date", "document date", "cable date", "date of document", "created",
        "date created", "creation date", "written", "dated",
    ),
    "creators": (
        "from", "from name", "author", "authors", "creator", "creators", "originator",
        "sender", "written by", "by",
    ),
    "recipients": ("to", "to name", "recipient", "recipients", "addressee", "addressed to"),
    "agency": ("agency", "originating agency", "department", "organisation", "organization"),
    "pages": (
        "pages", "num pages", "page count", "number of pages", "no of pages", "pp",
        "original document pages", "extent",
    ),
    "subjects": (
        "tags", "tag", "subjects", "subject terms", "keywords", "keyword", "concepts", "topics",
        "topic",
    ),
    "type": ("type", "doc type", "document type", "record type", "genre", "form"),
    "summary": ("summary", "abstract", "description", "synopsis"),
    "collection": ("collection", "series", "record series", "fonds"),
    "location": (
        "file num", "file number", "archival location", "location in archive", "box", "folder",
    ),
    "languages": ("language", "languages", "lang"),
    "places": ("place", "places", "city", "country", "origin"),
    "people": ("people", "persons", "names mentioned"),
    "rights": ("rights", "license", "licence", "copyright"),
    "url": ("url", "link", "web address", "source url"),
}  # fmt: skip

_BY_HEADER = {name: field for field, names in _SYNONYMS.items() for name in names}

_EXACT = frozenset(
    {
        *FIELDS,
        *FIELDS.values(),
        "file name", "filename", "author", "authors", "creator", "from", "to", "recipient",
        "tags", "keywords", "language", "place", "description",
    }
)  # fmt: skip
"""Headers that name their field beyond doubt: a column so named is not marked as guessed."""

# NARA's JFK Assassination Records release lists. 2017-2018, 2022 and 2023: "File Name, Record
# Num, NARA Release Date, Formerly Withheld, [Agency,] Doc Date, Doc Type, File Num, To Name,
# From Name, Title, Num Pages, Originator, Record Series, Review Date, Comments, Pages
# Released"; 2021: "Record Number, File Title, NARA Release Date, Formerly Withheld, Document
# Date, Document Type, File Number, To, From, Title, Original Document Pages, Originator, Record
# Series, Review Date, Comments, Document Pages in PDF"; 2025: "Record Number, NARA Release Date"
# and the file name. Columns named here and not mapped stay under their own header.
_NARA_JFK: dict[str, str] = {
    "file name": "file",
    "file title": "file",
    "record num": "number",
    "record number": "number",
    "doc date": "date",
    "document date": "date",
    "doc type": "type",
    "document type": "type",
    "file num": "location",
    "file number": "location",
    "to name": "recipients",
    "to": "recipients",
    "from name": "creators",
    "from": "creators",
    "title": "title",
    "num pages": "pages",
    "original document pages": "pages",
    "originator": "agency",
    "agency": "agency",
    "record series": "collection",
}

_PREFIXES = ("cable", "doc", "document", "record", "item", "letter", "source", "original")


@dataclass(frozen=True)
class Mapping:
    """A field (or "" or IGNORE) per column, and which of them were guessed."""

    header: tuple[str, ...]
    fields: tuple[str, ...]
    guessed: frozenset[int] = frozenset()
    """The columns whose field was guessed from a synonym, not named exactly or confirmed."""
    preset: str = ""
    """ "NARA JFK release list" when the sheet was recognised as one."""
    confirmed: bool = False
    """Whether a person confirmed (or edited) this mapping for this sheet."""

    def column(self, field: str) -> list[int]:
        """The columns that fill `field`, in order."""
        return [index for index, name in enumerate(self.fields) if name == field]

    @property
    def uncertain(self) -> bool:
        """Whether a person should look at it: guessed columns, or no title, file or number."""
        if self.confirmed:
            return False
        found = set(self.fields)
        return bool(self.guessed) or not found & {"title", "file", "number"}


def normalise(header: str) -> str:
    """A header as compared: "Doc_Date" and "doc date" are the same."""
    text = header.replace("\ufeff", "").strip().lower()
    text = re.sub(r"[_\-.:#()/]+", " ", text)
    return " ".join(text.split())


def is_nara_jfk(header: Sequence[str]) -> bool:
    """Whether a header is one of NARA's JFK release lists."""
    names = {normalise(cell) for cell in header}
    return bool(names & {"record num", "record number"}) and bool(
        names & {"nara release date", "originator", "formerly withheld"}
    )


def guess(header: Sequence[str]) -> Mapping:
    """The mapping a header suggests: NARA's preset, else exact names and synonyms."""
    header = tuple(header)
    if is_nara_jfk(header):
        fields = tuple(_NARA_JFK.get(normalise(cell), "") for cell in header)
        return Mapping(header, _first_only(fields), preset="NARA JFK release list")
    fields_list: list[str] = []
    guessed: set[int] = set()
    for index, cell in enumerate(header):
        name = normalise(cell)
        field = _BY_HEADER.get(name, "")
        if not field:
            words = name.split(" ", 1)
            if len(words) == 2 and words[0] in _PREFIXES:
                field = _BY_HEADER.get(words[1], "")
        if field and name not in _EXACT:
            guessed.add(index)
        fields_list.append(field)
    fields = _first_only(tuple(fields_list))
    return Mapping(
        header, fields, frozenset(i for i in guessed if fields[i]), preset="", confirmed=False
    )


def _first_only(fields: tuple[str, ...]) -> tuple[str, ...]:
    """One column per single-valued field: a second "date" column stays under its own header.
    List and name fields may take several columns ("tags" and "concepts" both give subjects)."""
    seen: set[str] = set()
    out: list[str] = []
    for field in fields:
        if field and field not in LIST_FIELDS | NAME_FIELDS and field in seen:
            out.append("")
            continue
        seen.add(field)
        out.append(field)
    return tuple(out)


def confirmed(header: Sequence[str], stored: dict[str, str]) -> Mapping | None:
    """The mapping a person confirmed, as stored by header name; None when the sheet's header
    has changed so that a stored column is gone."""
    header = tuple(header)
    named = [cell for cell in header if cell]
    if not named or any(cell not in stored for cell in named):
        return None
    fields = tuple(
        stored.get(cell, "") if stored.get(cell, "") in (*FIELDS, IGNORE, "") else ""
        for cell in header
    )
    return Mapping(header, fields, confirmed=True)


def as_stored(mapping: Mapping) -> dict[str, str]:
    """What is remembered of a mapping: header name to field."""
    return {cell: field for cell, field in zip(mapping.header, mapping.fields, strict=True) if cell}
