"""Records (or CSL-JSON items) as BibTeX, RIS and CSL-JSON, archival fields included.

Every export goes through the record's CSL-JSON item (`citation.to_csl`), so the three formats
carry the same facts: archive, place in the archive, translator, original date, collection, URL.
"""

from __future__ import annotations

import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from viewer.domain import citation, cite_format
from viewer.domain.model import Record

Exportable = Record | Mapping[str, Any]


class ExportFormat(enum.Enum):
    """A bibliographic exchange format."""

    BIBTEX = "bibtex"
    RIS = "ris"
    CSL_JSON = "csl-json"

    @property
    def suffix(self) -> str:
        """The usual file name suffix (".bib", ".ris", ".json")."""
        return {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json"}[self.value]


def csl_items(records: Exportable | Iterable[Exportable]) -> list[dict[str, Any]]:
    """The CSL-JSON items of one record or item, or of several."""
    if isinstance(records, (Record, Mapping)):
        records = [records]
    items = []
    for entry in records:
        if isinstance(entry, Record):
            items.append(citation.to_csl(entry))
        elif isinstance(entry, Mapping):
            items.append({k: v for k, v in entry.items() if k != "source_file"})
        else:
            raise TypeError(f"cannot export a {type(entry).__name__}")
    return items


def export(records: Exportable | Iterable[Exportable], fmt: ExportFormat) -> str:
    """`records` written in `fmt`."""
    items = csl_items(records)
    if fmt is ExportFormat.BIBTEX:
        return "\n".join(bibtex_entry(item) for item in items)
    if fmt is ExportFormat.RIS:
        return "".join(ris_entry(item) for item in items)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def to_bibtex(records: Exportable | Iterable[Exportable]) -> str:
    """`records` as BibTeX (biblatex field names where BibTeX has none)."""
    return export(records, ExportFormat.BIBTEX)


def to_ris(records: Exportable | Iterable[Exportable]) -> str:
    """`records` as RIS."""
    return export(records, ExportFormat.RIS)


def to_csl_json(records: Exportable | Iterable[Exportable]) -> str:
    """`records` as a CSL-JSON array."""
    return export(records, ExportFormat.CSL_JSON)


# --- Shared field access --------------------------------------------------------------------


def _text(item: Mapping[str, Any], variable: str) -> str:
    return cite_format.clean(item.get(variable))


def _person(name: Mapping[str, Any]) -> tuple[str, str, str]:
    family = " ".join(
        p
        for p in (
            cite_format.clean(name.get("non-dropping-particle")),
            cite_format.clean(name.get("family")),
        )
        if p
    )
    return family, cite_format.clean(name.get("given")), cite_format.clean(name.get("literal"))


def _iso(item: Mapping[str, Any], variable: str) -> str:
    parts = cite_format.date_parts(item, variable)
    if isinstance(parts, str):
        return parts
    pieces = []
    for part in parts:
        year, *rest = part
        pieces.append("-".join([f"{year:04d}", *(f"{p:02d}" for p in rest)]))
    return "/".join(pieces)


# --- BibTeX ---------------------------------------------------------------------------------

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\textdollar{}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
}
_SYMBOLS = {
    "–": r"\textendash{}",
    "—": r"\textemdash{}",
    "“": r"\textquotedblleft{}",
    "”": r"\textquotedblright{}",
    "‘": "`",
    "’": "'",
    "\u00a0": "~",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
    "§": r"\textsection{}",
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
}
# Combining mark -> LaTeX accent command; symbol accents take no braces ("{\'e}").
_ACCENTS = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "=",
    "\u0307": ".",
    "\u0308": '"',
    "\u0306": "u",
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0327": "c",
    "\u0328": "k",
}


def latex_escape(text: str) -> str:
    """`text` for a BibTeX field: specials escaped, accented Latin letters as accent commands.

    Letters of other scripts (Cyrillic, Chinese) stay UTF-8, which biber and LaTeX read as is.
    """
    out = []
    for char in text:
        if char in _SPECIALS:
            out.append(_SPECIALS[char])
        elif char in _SYMBOLS:
            out.append(_SYMBOLS[char])
        elif ord(char) < 128:
            out.append(char)
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            if len(marks) == 1 and marks in _ACCENTS and base.isascii() and base.isalpha():
                command = _ACCENTS[marks]
                out.append(
                    f"{{\\{command}{base}}}"
                    if not command.isalpha()
                    else f"{{\\{command}{{{base}}}}}"
                )
            else:
                out.append(char)
    return "".join(out)


def _bibtex_names(names: Sequence[Mapping[str, Any]]) -> str:
    listed = []
    for name in names:
        family, given, literal = _person(name)
        if literal or not family:
            listed.append("{" + latex_escape(literal or given) + "}")
        elif given:
            listed.append(f"{latex_escape(family)}, {latex_escape(given)}")
        else:
            listed.append("{" + latex_escape(family) + "}")
    return " and ".join(listed)


_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibtex_key(item: Mapping[str, Any]) -> str:
    """The entry's key: the item id with characters BibTeX keys cannot hold replaced."""
    key = re.sub(r"[^A-Za-z0-9_:.\-]+", "-", _text(item, "id")).strip("-")
    return key or "item"


def bibtex_entry(item: Mapping[str, Any]) -> str:
    """One item as a BibTeX entry: @unpublished for manuscripts, @misc (type Letter) for letters."""
    letter = item.get("type") == "personal_communication"
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str, *, raw: bool = False) -> None:
        if value:
            fields.append((name, value if raw else latex_escape(value)))

    add("author", _bibtex_names(cite_format.names(item, "author")), raw=True)
    title = _text(item, "title")
    if title:
        # Double braces keep the archive's capitals ("USSR", "DPRK") through BibTeX styles.
        fields.append(("title", "{" + latex_escape(title) + "}"))
    if letter:
        add("type", "Letter")
    add("recipient", _bibtex_names(cite_format.names(item, "recipient")), raw=True)
    add("translator", _bibtex_names(cite_format.names(item, "translator")), raw=True)
    add("date", _iso(item, "issued"))
    parts = cite_format.date_parts(item)
    if parts and not isinstance(parts, str):
        add("year", str(parts[0][0]))
        if len(parts[0]) > 1 and 1 <= parts[0][1] <= 12:
            fields.append(("month", _MONTH_MACROS[parts[0][1] - 1]))
    add("origdate", _iso(item, "original-date"))
    for variable, name in (
        ("collection-title", "series"),
        ("number", "number"),
        ("archive", "archive"),
        ("archive_location", "archive_location"),
        ("publisher", "publisher"),
        ("number-of-pages", "pagetotal"),
        ("abstract", "abstract"),
    ):
        add(name, _text(item, variable))
    url = _text(item, "URL")
    if url:
        # \url{} in styles reads the address verbatim; only braces and % would break the field.
        fields.append(("url", url.replace("%", r"\%").replace("{", "%7B").replace("}", "%7D")))
    kind = "misc" if letter else "unpublished"
    lines = [f"@{kind}{{{bibtex_key(item)},"]
    for name, value in fields:
        body = value if name == "month" else "{" + value + "}"
        lines.append(f"  {name} = {body},")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- RIS ------------------------------------------------------------------------------------


def _ris_names(names: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    for name in names:
        family, given, literal = _person(name)
        out.append(literal or ", ".join(p for p in (family, given) if p))
    return out


def _ris_date(item: Mapping[str, Any]) -> str:
    parts = cite_format.date_parts(item)
    if not parts:
        return ""
    if isinstance(parts, str):
        return f"///{parts}"
    start = parts[0]
    slots = [f"{start[0]:04d}"] + [f"{p:02d}" for p in start[1:]]
    slots += [""] * (3 - len(slots))
    other = _iso(item, "issued") if len(parts) > 1 else ""
    return "/".join(slots) + "/" + other


def ris_entry(item: Mapping[str, Any]) -> str:
    """One item as a RIS record: MANSCPT for manuscripts, PCOMM for letters."""
    letter = item.get("type") == "personal_communication"
    lines: list[tuple[str, str]] = [("TY", "PCOMM" if letter else "MANSCPT")]

    def add(tag: str, value: str) -> None:
        value = " ".join(value.split())
        if value:
            lines.append((tag, value))

    add("ID", _text(item, "id"))
    add("TI", _text(item, "title"))
    for tag, variable in (("AU", "author"), ("A2", "recipient"), ("A4", "translator")):
        for name in _ris_names(cite_format.names(item, variable)):
            add(tag, name)
    add("DA", _ris_date(item))
    parts = cite_format.date_parts(item)
    if parts and not isinstance(parts, str):
        add("PY", f"{parts[0][0]:04d}")
    add("OP", _iso(item, "original-date"))
    for tag, variable in (
        ("T3", "collection-title"),
        ("M1", "number"),
        ("DP", "archive"),
        ("AN", "archive_location"),
        ("PB", "publisher"),
        ("UR", "URL"),
        ("AB", "abstract"),
    ):
        add(tag, _text(item, variable))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines) + "ER  - \n"
