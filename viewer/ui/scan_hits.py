"""Search hits on a scan's text layer: which words a query marks, and the next hit to show.

Pure functions over the `Word`s the render worker extracts (no widgets, no PyMuPDF; QtCore only
translates the hit notice). Words are matched by `search_query.find_in_text` on the page's text
rebuilt from its words, so case, diacritics, phrases and prefixes behave exactly as in the
transcript's find bar, and a phrase still matches across a line break when its words are
consecutive.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from viewer.services import i18n
from viewer.services.render_protocol import Word

if TYPE_CHECKING:
    from viewer.domain import search_query


@dataclass(frozen=True)
class ScanHit:
    """One passage the query matched on page `page`: the `index`th hit there, over `words`."""

    page: int
    index: int
    words: tuple[int, ...]
    """Positions in the page's word list, in reading order."""


def page_text(words: Sequence[Word]) -> tuple[str, list[int]]:
    """The page's text (a space between words of a line, a new line between lines), and where
    each word starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    previous: tuple[int, int] | None = None
    for word in words:
        line = (word.block, word.line)
        if previous is not None:
            parts.append(" " if line == previous else "\n")
            length += 1
        starts.append(length)
        parts.append(word.text)
        length += len(word.text)
        previous = line
    return "".join(parts), starts


def find_hits(page: int, words: Sequence[Word], query: search_query.Query) -> tuple[ScanHit, ...]:
    """The hits of `query` among `words` of page `page`, in reading order."""
    if query.is_empty or not words:
        return ()
    text, starts = page_text(words)
    hits: list[ScanHit] = []
    from viewer.domain import search_query  # noqa: PLC0415  (with the first search)

    for start, end in search_query.find_in_text(text, query):
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_left(starts, end) - 1
        covered = tuple(
            i for i in range(max(first, 0), last + 1) if starts[i] + len(words[i].text) > start
        )
        if covered:
            hits.append(ScanHit(page, len(hits), covered))
    return tuple(hits)


def seek(
    hits_of: Callable[[int], Sequence[ScanHit] | None],
    searchable: Sequence[bool],
    page: int,
    index: int | None,
    forward: bool,
) -> ScanHit | int | None:
    """The hit after (or before) hit `index` of page `page`, wrapping around the document.

    `index` None starts from the edge of `page` (its first hit going forward, its last going
    back). `hits_of(page)` is None while a page's words are not known: the page is returned
    then, to be asked for before seeking again. None when no searchable page has a hit.
    """
    count = len(searchable)
    if not count:
        return None
    page = min(max(page, 0), count - 1)
    for step in range(count + 1):
        current = (page + step) % count if forward else (page - step) % count
        if not searchable[current]:
            continue
        if step == count and index is None:
            break  # back where we started, and that page was searched whole
        hits = hits_of(current)
        if hits is None:
            return current
        candidates: Sequence[ScanHit] = hits
        if index is not None and step == 0:
            candidates = hits[index + 1 :] if forward else hits[:index]
        elif index is not None and step == count:
            candidates = hits[: index + 1] if forward else hits[index:]
        if candidates:
            return candidates[0] if forward else candidates[-1]
    return None


def seek_within(
    hits_of: Callable[[int], Sequence[ScanHit] | None],
    searchable: Sequence[bool],
    start: ScanHit | None,
    forward: bool,
) -> ScanHit | int | None:
    """The hit after (or before) `start` in reading order, not wrapping around the document.

    `start` None begins at the document's edge: its first hit going forward, its last going
    back. `hits_of(page)` is None while a page is not searched yet: that page is returned
    then, to be asked for before seeking again. None when no hit is left that way.
    """
    count = len(searchable)
    if not count:
        return None
    if start is None:
        page, index = (0 if forward else count - 1), None
    else:
        page, index = min(max(start.page, 0), count - 1), start.index
    pages = range(page, count) if forward else range(page, -1, -1)
    for current in pages:
        if not searchable[current]:
            continue
        hits = hits_of(current)
        if hits is None:
            return current
        candidates: Sequence[ScanHit] = hits
        if index is not None and current == page:
            candidates = hits[index + 1 :] if forward else hits[:index]
        if candidates:
            return candidates[0] if forward else candidates[-1]
    return None


def hits_before(
    hits_of: Callable[[int], Sequence[ScanHit] | None], searchable: Sequence[bool], page: int
) -> int | None:
    """How many hits the pages before `page` hold; None while one of them is not searched."""
    total = 0
    for current in range(min(page, len(searchable))):
        if searchable[current]:
            hits = hits_of(current)
            if hits is None:
                return None
            total += len(hits)
    return total


def hit_notice(query_text: str, hits: int, complete: bool) -> str:
    """What the scan's notice line says about a query's hits."""
    translate = QCoreApplication.translate
    if hits == 0 and complete:
        text = translate("ScanHits", "“{query}”: no hits on the scan")
    elif hits == 0:
        text = translate("ScanHits", "“{query}”: no hits on the scan so far")
    elif hits == 1 and complete:
        text = translate("ScanHits", "“{query}”: 1 hit on the scan")
    elif hits == 1:
        text = translate("ScanHits", "“{query}”: 1 hit on the scan so far")
    elif complete:
        text = translate("ScanHits", "“{query}”: {count} hits on the scan")
    else:
        text = translate("ScanHits", "“{query}”: {count} hits on the scan so far")
    return text.format(query=query_text.strip(), count=i18n.number(hits))
