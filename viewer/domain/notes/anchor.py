"""Where a highlight is in a transcript, kept so that it is found again in a corrected text.

A passage is anchored by its own words (the quotation), a few characters of text on either side
and its offset (a hint only, as in the W3C Web Annotation "TextQuoteSelector" with a
"TextPositionSelector" beside it). `find_anchor` looks for it in the text as it is now: the
quotation exactly (the occurrence whose context agrees best, then the nearest to the hint),
then with white space closed up, then approximately (`difflib` around the places where pieces
of the quotation or its context are found). A passage found nowhere is None: its note is shown
with "place not found", never dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32
"""Characters of context kept on either side of a quotation."""
MIN_LIKENESS = 0.75
"""The share of a quotation's characters an approximate match must keep, in order."""
NEAR = 2000
"""How far from where a passage was it is first looked for, with all its context."""
_MAX_EXACT = 1000
_MAX_CANDIDATES = 60
_PIECE = 12
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextAnchor:
    """A passage of a text: its words, what stood around them and where (a hint)."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    offset: int = 0
    """Where the quotation began (in characters of the text it was made in)."""


def anchor_at(text: str, start: int, end: int, context: int = CONTEXT) -> TextAnchor:
    """The anchor of `text[start:end]`."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    return TextAnchor(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        offset=start,
    )


def find_anchor(anchor: TextAnchor, text: str) -> tuple[int, int] | None:
    """Where `anchor`'s passage is in `text` as (start, end), or None when it is gone."""
    if not anchor.quote.strip():
        return None
    found = _exact(anchor, text)
    if found is None:
        found = _closed_up(anchor, text)
    if found is None and len(anchor.quote.strip()) >= 4:
        found = _approximate(anchor, text)
    return found


def _common_tail(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_head(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _context_score(anchor: TextAnchor, text: str, start: int, end: int) -> int:
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    return _common_tail(before, anchor.prefix) + _common_head(after, anchor.suffix)


def _best(anchor: TextAnchor, text: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span whose context agrees best with the anchor's, then the nearest to its offset."""
    if not spans:
        return None
    return max(
        spans,
        key=lambda s: (_context_score(anchor, text, *s), -abs(s[0] - anchor.offset)),
    )


def _occurrences(needle: str, text: str, limit: int = _MAX_EXACT) -> list[int]:
    found: list[int] = []
    position = text.find(needle)
    while position >= 0 and len(found) < limit:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _whole(anchor: TextAnchor, text: str, start: int) -> bool:
    """Whether the quotation and all its context are at `start`."""
    end = start + len(anchor.quote)
    return (
        text.startswith(anchor.quote, start)
        and text.startswith(anchor.suffix, end)
        and text[max(0, start - len(anchor.prefix)) : start] == anchor.prefix
    )


def _exact(anchor: TextAnchor, text: str) -> tuple[int, int] | None:
    size = len(anchor.quote)
    # Where it was, or near (text added or cut before it): then there is no need to look
    # through the whole text (a thousand highlights looked for in a long one would take a while).
    if _whole(anchor, text, anchor.offset):
        return (anchor.offset, anchor.offset + size)
    low = max(0, anchor.offset - NEAR)
    near = text.find(anchor.quote, low, anchor.offset + size + NEAR)
    while near >= 0:
        if _whole(anchor, text, near):
            return (near, near + size)
        near = text.find(anchor.quote, near + 1, anchor.offset + size + NEAR)
    return _best(anchor, text, [(p, p + size) for p in _occurrences(anchor.quote, text)])


def _closed_up(anchor: TextAnchor, text: str) -> tuple[int, int] | None:
    """The quotation with every run of white space (line breaks, double spaces) as one space,
    in the text read the same way."""
    quote = _SPACE.sub(" ", anchor.quote.strip())
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    for match in _SPACE.finditer(text):
        pieces.append(text[position : match.start()])
        starts.extend(range(position, match.start()))
        pieces.append(" ")
        starts.append(match.start())
        position = match.end()
    pieces.append(text[position:])
    starts.extend(range(position, len(text)))
    closed = "".join(pieces)
    spans = []
    for found in _occurrences(quote, closed):
        last = found + len(quote) - 1
        spans.append((starts[found], starts[last] + 1))
    return _best(anchor, text, spans)


def _candidates(anchor: TextAnchor, text: str) -> list[int]:
    """Where the passage may begin: where pieces of the quotation, or the end of its prefix or
    the start of its suffix, are found exactly; nearest to the offset first."""
    quote = anchor.quote
    size = min(_PIECE, max(4, len(quote) // 3))
    starts: set[int] = set()
    for at in range(0, max(1, len(quote) - size + 1), size):
        piece = quote[at : at + size]
        if piece.strip():
            starts.update(p - at for p in _occurrences(piece, text, 50))
    prefix = anchor.prefix[-size:]
    if len(prefix.strip()) >= 4:
        starts.update(p + len(prefix) for p in _occurrences(prefix, text, 50))
    suffix = anchor.suffix[:size]
    if len(suffix.strip()) >= 4:
        starts.update(p - len(quote) for p in _occurrences(suffix, text, 50))
    ordered = sorted(starts, key=lambda s: abs(s - anchor.offset))
    kept: list[int] = []
    for start in ordered:
        if all(abs(start - other) > size for other in kept):
            kept.append(start)
        if len(kept) >= _MAX_CANDIDATES:
            break
    return kept


def _approximate(anchor: TextAnchor, text: str) -> tuple[int, int] | None:
    """The closest passage to the quotation (a word corrected, a line joined), if it keeps at
    least MIN_LIKENESS of its characters."""
    quote = anchor.quote
    slack = len(quote) // 4 + 8
    best: tuple[float, int, int] | None = None
    for candidate in _candidates(anchor, text):
        low = max(0, candidate - slack)
        window = text[low : candidate + len(quote) + slack]
        matcher = difflib.SequenceMatcher(None, window, quote, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        kept = sum(b.size for b in blocks)
        if not blocks or kept < MIN_LIKENESS * len(quote):
            continue
        start = low + blocks[0].a
        end = low + blocks[-1].a + blocks[-1].size
        score = kept + _context_score(anchor, text, start, end) / 1000
        if best is None or score > best[0]:
            best = (score, start, end)
    return (best[1], best[2]) if best is not None else None
