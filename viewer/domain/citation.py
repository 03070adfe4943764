"""Citations of a record: the archive's house style, Chicago notes-bibliography, MLA 9 and APA 7.

`render` formats a CSL-JSON item; `cite` formats a record (honouring its verbatim `citation`
override in house style); `to_csl` maps a record to the CSL-JSON item the styles and exports use.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Callable, Mapping
from typing import Any, Literal

from viewer.domain import cite_format, cite_styles
from viewer.domain.model import Name, PartialDate, Record

Format = Literal["text", "html"]
FORMATS: tuple[Format, ...] = ("text", "html")


class CitationError(ValueError):
    """A style, form, format or item the citation code cannot use."""


class Style(enum.Enum):
    """A citation style."""

    HOUSE = "house"
    CHICAGO = "chicago"
    MLA = "mla"
    APA = "apa"

    @property
    def csl_id(self) -> str:
        """The CSL style id ("chicago-notes-bibliography"); "house" for the house style."""
        return _CSL_IDS[self]

    @property
    def label(self) -> str:
        """The name shown to people ("Chicago (notes and bibliography)")."""
        return _LABELS[self]

    @classmethod
    def parse(cls, name: str) -> Style:
        """The style named `name` ("chicago" or "chicago-notes-bibliography", any case)."""
        key = name.strip().lower()
        for style in cls:
            if key in (style.value, style.csl_id):
                return style
        known = ", ".join(style.value for style in cls)
        raise CitationError(f"unknown citation style {name!r} (known: {known})")


_CSL_IDS = {
    Style.HOUSE: "house",
    Style.CHICAGO: "chicago-notes-bibliography",
    Style.MLA: "modern-language-association",
    Style.APA: "apa",
}
_LABELS = {
    Style.HOUSE: "Archive",
    Style.CHICAGO: "Chicago (notes and bibliography)",
    Style.MLA: "MLA",
    Style.APA: "APA",
}


class Form(enum.Enum):
    """What the citation is for."""

    NOTE = "note"
    """Chicago's first, full note; the in-text citation for MLA and APA."""
    SHORT = "short"
    """Chicago's shortened note; MLA and APA give their in-text citation."""
    BIBLIOGRAPHY = "bibliography"
    """The bibliography (works cited, reference list) entry; "" where the style omits the item."""

    @classmethod
    def parse(cls, name: str) -> Form:
        """The form named `name` ("note", "short", "bibliography")."""
        try:
            return cls(name.strip().lower())
        except ValueError:
            known = ", ".join(form.value for form in cls)
            raise CitationError(f"unknown citation form {name!r} (known: {known})") from None


_Renderer = Callable[[Mapping[str, Any]], str]
_RENDERERS: dict[tuple[Style, Form], _Renderer] = {
    (Style.CHICAGO, Form.NOTE): cite_styles.chicago_note,
    (Style.CHICAGO, Form.SHORT): cite_styles.chicago_short,
    (Style.CHICAGO, Form.BIBLIOGRAPHY): cite_styles.chicago_bibliography,
    (Style.MLA, Form.NOTE): cite_styles.mla_citation,
    (Style.MLA, Form.SHORT): cite_styles.mla_citation,
    (Style.MLA, Form.BIBLIOGRAPHY): cite_styles.mla_bibliography,
    (Style.APA, Form.NOTE): cite_styles.apa_citation,
    (Style.APA, Form.SHORT): cite_styles.apa_citation,
    (Style.APA, Form.BIBLIOGRAPHY): cite_styles.apa_bibliography,
}


def render(
    item: Mapping[str, Any],
    style: Style,
    form: Form = Form.NOTE,
    fmt: Format = "text",
) -> str:
    """The citation of a CSL-JSON `item` in `style`, `form` and `fmt` ("text" or "html").

    HTML bibliography entries are wrapped in `<div class="csl-entry">`, as citeproc-js does.
    """
    if not isinstance(item, Mapping):
        raise CitationError(f"a CSL item must be a JSON object, not {type(item).__name__}")
    if fmt not in FORMATS:
        raise CitationError(f"unknown output format {fmt!r} (known: text, html)")
    if style is Style.HOUSE:
        text = house_for_item(item)
        return html.escape(text, quote=False) if fmt == "html" else text
    rich = _RENDERERS[(style, form)](item)
    out = cite_format.output(rich, fmt)
    if fmt == "html" and form is Form.BIBLIOGRAPHY and out:
        return f'<div class="csl-entry">{out}</div>'
    return out


def cite(record: Record, style: Style, form: Form = Form.NOTE, fmt: Format = "text") -> str:
    """The citation of `record`: what the "Copy citation" button copies."""
    if style is Style.HOUSE:
        return house_html(record) if fmt == "html" else house(record)
    return render(to_csl(record), style, form, fmt)


# --- House style ----------------------------------------------------------------------------


def house_for_item(item: Mapping[str, Any]) -> str:
    """`"{title}," {Month D, YYYY}, {collection}, {archive}. {location}. Translated by {name}.`

    The form the archive's own record pages use; straight quotation marks, the title as given.
    """
    title = cite_format.clean(item.get("title"))
    date = cite_format.format_date(cite_format.date_parts(item), "us")
    source = ". ".join(
        p
        for p in (
            cite_format.clean(item.get("archive")),
            cite_format.clean(item.get("archive_location")),
        )
        if p
    )
    middle = ", ".join(
        p for p in (date, cite_format.clean(item.get("collection-title")), source) if p
    )
    if title and middle:
        text = f'"{title}," {middle}.'
    elif title:
        text = f'"{title}."'
    else:
        text = f"{middle}." if middle else ""
    translators = cite_format.names(item, "translator")
    if translators:
        listed = cite_format.and_list([cite_format.given_first(n) for n in translators])
        text = f"{text} Translated by {listed}.".strip()
    return text


def house(record: Record) -> str:
    """The house citation of `record`; its `citation` field, when given, verbatim."""
    if record.citation.strip():
        return record.citation.strip()
    return house_for_item(to_csl(record))


def house_html(record: Record) -> str:
    """`house(record)` escaped for HTML; quotation marks stay straight, the title unstyled."""
    return html.escape(house(record), quote=False)


# --- Record to CSL-JSON ---------------------------------------------------------------------


def csl_name(name: Name) -> dict[str, str]:
    """A name as CSL-JSON: {"family", "given"} for people, {"literal"} for bodies."""
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family}
    if name.given:
        out["given"] = name.given
    return out


def csl_date(date: PartialDate) -> dict[str, Any]:
    """A date as CSL-JSON date-parts; a range gives two parts."""
    parts = [date.parts()]
    if date.end is not None:
        parts.append(date.end.parts())
    return {"date-parts": parts}


def to_csl(record: Record) -> dict[str, Any]:
    """The CSL-JSON item for `record`; a field the record does not give is left out.

    The type is `personal_communication` when the record names both creators and recipients
    (CSL's type for letters), else `manuscript`.
    """
    item: dict[str, Any] = {
        "id": record.id,
        "type": "personal_communication" if record.creators and record.recipients else "manuscript",
        "title": record.title,
    }
    if record.date is not None:
        item["issued"] = csl_date(record.date)
    people = (
        ("author", record.creators),
        ("recipient", record.recipients),
        ("translator", record.translators),
    )
    for variable, names in people:
        listed = [csl_name(n) for n in names if n.family or n.given or n.literal]
        if listed:
            item[variable] = listed
    fields = (
        ("archive", record.source.archive),
        ("archive_location", record.source.location),
        ("collection-title", record.collection),
        ("number", record.number),
        ("number-of-pages", record.pages),
        ("publisher", record.publisher),
        ("URL", record.url),
        ("abstract", record.summary),
    )
    for variable, value in fields:
        if value.strip():
            item[variable] = value.strip()
    return item
