"""Quoting a record: the citation a reader chose, and a passage followed by its citation.

`CitationChoice` is one of the six citations the viewer offers ("house", "chicago-note",
"chicago-short", "chicago-bibliography", "mla", "apa"); its key is what the settings store.

`with_citation` and `with_citation_html` give what "Copy with Citation" puts on the clipboard:

    plain:  “{quotation}”\n\n{citation} Scan page {n}.
    html:   <blockquote><p>{quotation}</p></blockquote>\n<p>{citation html} Scan page {n}.</p>

The quotation is the selected text with runs of white space closed up and its paragraphs kept
(one line each in plain text, one <p> each in HTML); a block quotation takes no quotation marks.
" Scan page {n}." (or " Scan pages {n}–{m}." for a passage over a page break) follows only when
the passage's own page is known: `passage_pages` finds the passage in the scan's text layer, and
gives no page when it is not there (a translation, a scan without text) or is there on several
pages. A page is never guessed from what the scan pane happens to show. It is the page of the
facsimile as the viewer numbers it (1-based), not a page of the original, hence the word "Scan".
The same form serves every style, so a reader's notes look alike whichever style they cite in.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.domain import citation, folding
from viewer.domain.citation import Form, Style
from viewer.domain.model import Record


class QuotationError(ValueError):
    """A citation choice or quotation the viewer cannot use."""


@dataclass(frozen=True)
class CitationChoice:
    """A citation style and the form of it the reader copies."""

    style: Style
    form: Form = Form.NOTE

    @property
    def key(self) -> str:
        """The stable key stored in the settings ("chicago-note", "mla")."""
        return _KEYS.get(self, f"{self.style.value}-{self.form.value}")

    @property
    def label(self) -> str:
        """The name shown to people ("Chicago note")."""
        return _LABELS.get(self, f"{self.style.label}, {self.form.value}")

    @classmethod
    def parse(cls, key: str) -> CitationChoice:
        """The choice stored as `key`; QuotationError for a key the viewer does not know."""
        found = _BY_KEY.get(key.strip().lower())
        if found is None:
            known = ", ".join(_BY_KEY)
            raise QuotationError(f"unknown citation choice {key!r} (known: {known})")
        return found

    def cite(self, record: Record, fmt: citation.Format = "text") -> str:
        """The citation of `record` in this style and form; "" where the style omits it."""
        return citation.cite(record, self.style, self.form, fmt)


HOUSE = CitationChoice(Style.HOUSE)
CHICAGO_NOTE = CitationChoice(Style.CHICAGO, Form.NOTE)
CHICAGO_SHORT = CitationChoice(Style.CHICAGO, Form.SHORT)
CHICAGO_BIBLIOGRAPHY = CitationChoice(Style.CHICAGO, Form.BIBLIOGRAPHY)
# MLA and APA in-text citations ("(Goldberg)") say little on their own: the works-cited and
# reference-list entries are what a reader copies.
MLA = CitationChoice(Style.MLA, Form.BIBLIOGRAPHY)
APA = CitationChoice(Style.APA, Form.BIBLIOGRAPHY)

CHOICES: tuple[CitationChoice, ...] = (
    HOUSE,
    CHICAGO_NOTE,
    CHICAGO_SHORT,
    CHICAGO_BIBLIOGRAPHY,
    MLA,
    APA,
)
"""The citations offered, in the order they are shown."""
DEFAULT = HOUSE

_KEYS = {
    HOUSE: "house",
    CHICAGO_NOTE: "chicago-note",
    CHICAGO_SHORT: "chicago-short",
    CHICAGO_BIBLIOGRAPHY: "chicago-bibliography",
    MLA: "mla",
    APA: "apa",
}
_LABELS = {
    HOUSE: "House style",
    CHICAGO_NOTE: "Chicago note",
    CHICAGO_SHORT: "Chicago short note",
    CHICAGO_BIBLIOGRAPHY: "Chicago bibliography",
    MLA: "MLA",
    APA: "APA",
}
_BY_KEY = {key: choice for choice, key in _KEYS.items()}


def parse_choice(key: str) -> CitationChoice:
    """The choice stored as `key` (a settings converter; raises QuotationError)."""
    return CitationChoice.parse(key)


def format_choice(choice: CitationChoice) -> str:
    """The key to store for `choice`."""
    return choice.key


# --- Quotation with citation -----------------------------------------------------------------

_PARAGRAPH_BREAKS = re.compile(r"[\n\r\u2028\u2029]+")
_CSL_ENTRY = re.compile(r'\A\s*<div class="csl-entry">(.*)</div>\s*\Z', re.DOTALL)


def paragraphs(selected_text: str) -> list[str]:
    """The selection's paragraphs, white space closed up, empty ones dropped."""
    out = []
    for part in _PARAGRAPH_BREAKS.split(selected_text):
        words = " ".join(part.split())
        if words:
            out.append(words)
    return out


Pages = int | tuple[int, int] | None
"""The scan page of a passage (1-based), the first and last page of one over a page break, or
None when it is not known."""

_HEADER = 40
"""How many letters and digits a running head or foot ("- 2 -", "Page 12") may take at the top
of a page that a passage runs onto (or at the bottom of a page it runs over whole)."""
_MIN_PASSAGE = 3


_NOT_WORD = re.compile(r"[\W_]+")


def _compact(text: str) -> str:
    """`text` as its letters and digits only, folded: line breaks, hyphens and spacing vanish."""
    return _NOT_WORD.sub("", folding.fold(text).casefold())


@functools.lru_cache(maxsize=4)
def _compact_pages(page_texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_compact(text) for text in page_texts)


def _runs_on(rest: str, pages: tuple[str, ...], index: int) -> int | None:
    """The last page of `rest` when it continues the passage at the top of page `index`."""
    if index >= len(pages):
        return None
    page = pages[index]
    for skip in range(min(_HEADER, len(page)) + 1):
        if page.startswith(rest, skip):
            return index
        body = page[skip:]
        for tail in range(min(_HEADER, len(body) - 1) + 1):
            whole = body[: len(body) - tail] if tail else body
            if whole and rest.startswith(whole):
                return _runs_on(rest[len(whole) :], pages, index + 1)
    return None


def _spans(passage: str, pages: tuple[str, ...]) -> set[tuple[int, int]]:
    """Every (first, last) page index the compacted passage is found on."""
    found: set[tuple[int, int]] = set()
    for index, page in enumerate(pages):
        if passage in page:
            found.add((index, index))
    if found:
        return found
    # Over a page break: the rest of the passage starts a page (after its running head), and
    # the head of the passage is on the page before (whatever foot that page has).
    for index in range(1, len(pages)):
        page = pages[index]
        for skip in range(min(_HEADER, len(page) - _MIN_PASSAGE) + 1):
            key = page[skip : skip + _MIN_PASSAGE]
            cut = passage.find(key, _MIN_PASSAGE)
            while cut >= 0:
                if passage[:cut] in pages[index - 1]:
                    last = _runs_on(passage[cut:], pages, index)
                    if last is not None:
                        found.add((index - 1, last))
                cut = passage.find(key, cut + 1)
    return found


def passage_pages(passage: str, page_texts: Sequence[str]) -> Pages:
    """The scan page(s) (1-based) the passage is on, by its text layer; None unless certain.

    Letters and digits are compared, folded, so line breaks, hyphenation and spacing in the text
    layer do not matter. A passage that is not in the text layer, or is in it more than once on
    different pages, has no page: a wrong page in a reader's notes is worse than none.
    """
    compact = _compact(passage)
    if len(compact) < _MIN_PASSAGE or not page_texts:
        return None
    spans = _spans(compact, _compact_pages(tuple(page_texts)))
    if len(spans) != 1:
        return None
    first, last = next(iter(spans))
    return first + 1 if first == last else (first + 1, last + 1)


_SAMPLES = 48
_SAMPLE_LENGTH = 16


def text_layer_repeats(text: str, page_texts: Sequence[str]) -> bool:
    """Whether the scan's text layer holds the same words as `text` (a transcription of it).

    Then a word found in both is one passage the reader sees twice, not two hits. Pieces of
    `text` spread over its length are looked for in the text layer; most must be there.
    """
    compact = _compact(text)
    layer = "".join(_compact_pages(tuple(page_texts)))
    if not compact or not layer:
        return False
    if len(compact) <= _SAMPLE_LENGTH * 2:
        return compact in layer
    count = min(_SAMPLES, len(compact) // _SAMPLE_LENGTH)
    step = (len(compact) - _SAMPLE_LENGTH) / max(count - 1, 1)
    starts = {round(number * step) for number in range(count)}
    found = sum(compact[start : start + _SAMPLE_LENGTH] in layer for start in starts)
    return found >= 0.6 * len(starts)


def _page_note(page: Pages) -> str:
    if page is None:
        return ""
    first, last = (page, page) if isinstance(page, int) else page
    if first < 1 or last < first:
        raise QuotationError(f"a scan page is numbered from 1, not {page}")
    if first == last:
        return f"Scan page {first}."
    return f"Scan pages {first}–{last}."


def with_citation(selected_text: str, citation_text: str, page: Pages) -> str:
    """`“{quotation}”`, a blank line, then the citation and " Scan page {n}." where known."""
    quoted = paragraphs(selected_text)
    if not quoted:
        raise QuotationError("there is no text to quote")
    tail = " ".join(p for p in (citation_text.strip(), _page_note(page)) if p)
    body = "“" + "\n".join(quoted) + "”"
    return f"{body}\n\n{tail}" if tail else body


def with_citation_html(selected_text: str, citation_html: str, page: Pages) -> str:
    """The quotation as a <blockquote>, then a <p> with the citation and the scan page."""
    quoted = paragraphs(selected_text)
    if not quoted:
        raise QuotationError("there is no text to quote")
    entry = _CSL_ENTRY.match(citation_html)
    # The entry's own <div> would put the page note on a line of its own.
    cited = (entry.group(1) if entry else citation_html).strip()
    tail = " ".join(p for p in (cited, _page_note(page)) if p)
    block = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in quoted)
    out = f"<blockquote>{block}</blockquote>"
    return f"{out}\n<p>{tail}</p>" if tail else out
