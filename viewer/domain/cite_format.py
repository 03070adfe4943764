"""Text primitives the citation styles share: punctuation, quotes, title case, names and dates.

Rendered pieces are plain strings in which italics are marked by two control characters; `output`
turns a finished piece into text or HTML. Punctuation is attached with `append`/`join`, which put
periods and commas inside closing quotation marks (American usage, as the en-US CSL locale asks)
and never double a period.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from viewer.domain.model import MONTHS

ITALIC_OPEN = "\x0e"
ITALIC_CLOSE = "\x0f"

Fmt = Literal["text", "html"]

_CLOSING = "”’" + ITALIC_CLOSE

# citeproc-js's English skip words (CSL.SKIP_WORDS): left in lower case by title case.
SKIP_WORDS = frozenset(
    """about above across afore after against along alongside amid amidst among amongst anenst
    apropos apud around as aside astride at athwart atop barring before behind below beneath
    beside besides between beyond but by circa despite down during except for forenenst from
    given in inside into lest like modulo near next notwithstanding of off on onto out over per
    plus pro qua sans since than through thru throughout thruout till to toward towards under
    underneath until unto up upon versus vs. v. vs v via vis-à-vis with within without or yet so
    and nor a an the de d' von van c et ca""".split()  # noqa: SIM905 (a list of 100 words)
)

MLA_MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def clean(value: Any) -> str:
    """A CSL field as one line of plain text ("" for None)."""
    if value is None:
        return ""
    text = str(value).replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, "")
    return " ".join(text.split())


def italic(text: str) -> str:
    """`text` in italics ("" stays "")."""
    return f"{ITALIC_OPEN}{text}{ITALIC_CLOSE}" if text else ""


def quoted(text: str) -> str:
    """`text` in double quotation marks ("" stays "")."""
    return f"“{text}”" if text else ""


def _ends_in_quote(tail: str, left: str) -> bool:
    if "”" in tail:
        return True
    # A closing single quote only counts when one was opened: "Jones’" is an apostrophe.
    return "’" in tail and "‘" in left


def append(left: str, punct: str) -> str:
    """`left` followed by `punct`, moving a period or comma inside closing quotation marks."""
    if not punct or not left:
        return left + punct
    mark = punct[0]
    if mark not in ".,;:":
        return left + punct
    body = left.rstrip(_CLOSING)
    tail = left[len(body) :]
    if mark == "." and body.endswith((".", "?", "!")):
        return left + punct[1:]
    if mark == "," and body.endswith(("?", "!")):
        return left + punct[1:]
    if mark in ".," and _ends_in_quote(tail, left):
        cut = min(i for i, char in enumerate(tail) if char in "”’")
        return body + tail[:cut] + mark + tail[cut:] + punct[1:]
    return left + punct


def join(parts: Iterable[str], delimiter: str) -> str:
    """The non-empty `parts` joined by `delimiter`, as a CSL group does."""
    out = ""
    for part in parts:
        if not part:
            continue
        out = append(out, delimiter) + part if out else part
    return out


def wrap(text: str, prefix: str, suffix: str) -> str:
    """`prefix` + `text` + `suffix`, or "" when `text` is empty."""
    return prefix + append(text, suffix) if text else ""


def output(text: str, fmt: Fmt) -> str:
    """A finished piece as plain text or as HTML (escaped as citeproc-js escapes)."""
    if fmt == "text":
        return text.replace(ITALIC_OPEN, "").replace(ITALIC_CLOSE, "")
    escaped = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
    return escaped.replace(ITALIC_OPEN, "<i>").replace(ITALIC_CLOSE, "</i>")


# --- Case and quotation marks ---------------------------------------------------------------

_WORD_SPLIT = re.compile(r"(\s+|-|–|—|/)")
_LEADING = "\"'“‘([{"
_TRAILING = ".,;:!?)]}\"'”’"


def title_case(text: str) -> str:
    """Title case as citeproc-js does it for English: lower-case words other than skip words are
    capitalized; words with any capital (acronyms, "AmEmbassy", "To") are left alone."""
    tokens = _WORD_SPLIT.split(text)
    start = True
    for index in range(0, len(tokens), 2):
        word = tokens[index]
        if not word:
            continue
        core = word.lstrip(_LEADING)
        lead = word[: len(word) - len(core)]
        key = core.rstrip(_TRAILING)
        if key and key == key.lower() and key[0].isalpha() and (start or key not in SKIP_WORDS):
            core = core[0].upper() + core[1:]
        tokens[index] = lead + core
        start = core.endswith((":", "?", "!"))
    return "".join(tokens)


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_OPENS_AFTER = " \t\n([{“‘—–-/"


def smart_quotes(text: str, *, nested: bool) -> str:
    """Straight quotes as typographic ones; `nested` when `text` will stand inside “…”, so that
    its own first-level quotes become ‘…’ (and “…” in APA's unquoted italic titles)."""
    text = _APOSTROPHE.sub("’", text)
    pairs = (("‘", "’"), ("“", "”")) if nested else (("“", "”"), ("‘", "’"))
    out: list[str] = []
    stack: list[str] = []
    for index, char in enumerate(text):
        if char not in "'\"":
            out.append(char)
            continue
        opening = index == 0 or text[index - 1] in _OPENS_AFTER
        if opening and index + 1 < len(text) and not text[index + 1].isspace():
            stack.append(char)
            out.append(pairs[(len(stack) - 1) % 2][0])
        elif stack:
            depth = len(stack) - 1
            stack.pop()
            out.append(pairs[depth % 2][1])
        else:
            out.append("’" if char == "'" else "”")
    return "".join(out)


def capitalize_first(text: str) -> str:
    """`text` with its first character in upper case."""
    return text[:1].upper() + text[1:]


# --- Names ----------------------------------------------------------------------------------


def names(item: Mapping[str, Any], variable: str) -> list[Mapping[str, Any]]:
    """The CSL names in `variable` that carry a family, given or literal name."""
    value = item.get(variable)
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [
        n
        for n in value
        if isinstance(n, Mapping) and any(clean(n.get(k)) for k in ("family", "given", "literal"))
    ]


def _family(name: Mapping[str, Any]) -> str:
    return " ".join(
        p for p in (clean(name.get("non-dropping-particle")), clean(name.get("family"))) if p
    )


def _given(name: Mapping[str, Any], initials: bool) -> str:
    given = clean(name.get("given"))
    if initials:
        given = initialize(given)
    return " ".join(p for p in (given, clean(name.get("dropping-particle"))) if p)


def initialize(given: str) -> str:
    """Given names as initials: "Gary" -> "G.", "N.G." -> "N. G.", "Mary-Jane" -> "M.-J."."""
    words = [w for w in re.split(r"[\s.]+", given) if w]
    out = []
    for word in words:
        parts = [p for p in word.split("-") if p]
        out.append("-".join(p[0].upper() + "." for p in parts))
    return " ".join(out)


def given_first(name: Mapping[str, Any], *, initials: bool = False) -> str:
    """ "Gary Goldberg", "N. G. Sudarikov", "Lansing", or the literal name."""
    literal = clean(name.get("literal"))
    if literal:
        return literal
    return " ".join(p for p in (_given(name, initials), _family(name)) if p)


def family_first(name: Mapping[str, Any], *, initials: bool = False) -> str:
    """ "Goldberg, Gary", "Sudarikov, N. G.", "Lansing", or the literal name."""
    literal = clean(name.get("literal"))
    if literal:
        return literal
    return ", ".join(p for p in (_family(name), _given(name, initials)) if p)


def family_only(name: Mapping[str, Any]) -> str:
    """The family name ("Goldberg"), or the literal name."""
    return clean(name.get("literal")) or _family(name) or clean(name.get("given"))


def and_list(parts: Sequence[str], conjunction: str = "and", *, always_comma: bool = False) -> str:
    """ "A and B", "A, B, and C"; `always_comma` gives "Goldberg, Gary, and Ann Lee" for two."""
    if len(parts) <= 1:
        return "".join(parts)
    if len(parts) == 2 and not always_comma:
        return f"{parts[0]} {conjunction} {parts[1]}"
    return ", ".join(parts[:-1]) + f", {conjunction} " + parts[-1]


# --- Dates ----------------------------------------------------------------------------------

_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def date_parts(item: Mapping[str, Any], variable: str = "issued") -> list[list[int]] | str:
    """The date in `variable` as CSL date-parts ([[y, m, d]] or a range of two), a literal
    string when it is not structured, or [] when there is none."""
    value = item.get(variable)
    if not isinstance(value, Mapping):
        return []
    parts = value.get("date-parts")
    if isinstance(parts, Sequence) and parts:
        out = []
        for part in parts[:2]:
            if isinstance(part, Sequence) and part:
                try:
                    out.append([int(p) for p in part[:3] if str(p).strip()])
                except ValueError:
                    return clean(value.get("literal") or value.get("raw"))
        if len(out) == 2 and out[0] == out[1]:
            out = out[:1]
        return [p for p in out if p]
    raw = clean(value.get("raw"))
    if raw:
        pieces = [_ISO.match(piece.strip()) for piece in raw.split("/")]
        if all(pieces):
            return [[int(g) for g in m.groups() if g] for m in pieces if m]
    return clean(value.get("literal") or raw)


def _month(month: int, table: Sequence[str]) -> str:
    return table[month - 1] if 1 <= month <= 12 else ""


def _one(part: Sequence[int], style: Literal["us", "mla", "apa", "year"]) -> str:
    year = str(part[0])
    month = _month(part[1], MONTHS if style != "mla" else MLA_MONTHS) if len(part) > 1 else ""
    day = str(part[2]) if len(part) > 2 and month else ""
    if style == "year" or not month:
        return year
    if style == "mla":
        return " ".join(p for p in (day, month, year) if p)
    if style == "apa":
        return f"{year}, " + " ".join(p for p in (month, day) if p)
    return f"{month} {day}, {year}" if day else f"{month} {year}"


def format_date(parts: list[list[int]] | str, style: Literal["us", "mla", "apa", "year"]) -> str:
    """ "May 18, 1949" (us), "18 May 1949" (mla), "1949, May 18" (apa), "1949" (year); a range
    joined by an en dash ("1917–1919"); "" when there is no date."""
    if isinstance(parts, str):
        return parts
    rendered = [_one(p, style) for p in parts]
    if len(rendered) == 2 and rendered[0] == rendered[1]:
        rendered = rendered[:1]
    return "–".join(rendered)
