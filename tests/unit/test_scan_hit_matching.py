"""Matching a query on a scan's words, and finding the next hit, without Qt or PyMuPDF."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.domain.search_query import parse_query
from viewer.services.render_protocol import Word
from viewer.ui import scan_hits
from viewer.ui.scan_hits import ScanHit


def _words(*lines: str) -> list[Word]:
    """Words laid out line after line, as the render worker reports them."""
    words: list[Word] = []
    for number, line in enumerate(lines):
        x = 0.0
        for text in line.split():
            words.append(
                Word(x, number * 12.0, x + 6 * len(text), number * 12.0 + 10, text, 0, number)
            )
            x += 6 * len(text) + 6
    return words


def _texts(words: Sequence[Word], hits: Sequence[ScanHit]) -> list[list[str]]:
    return [[words[i].text for i in hit.words] for hit in hits]


def test_page_text_puts_spaces_within_lines_and_new_lines_between_them() -> None:
    words = _words("Cde. Mao Zedong", "said that")
    text, starts = scan_hits.page_text(words)
    assert text == "Cde. Mao Zedong\nsaid that"
    assert [text[s : s + len(w.text)] for s, w in zip(starts, words, strict=True)] == [
        w.text for w in words
    ]


def test_each_word_of_a_query_is_a_hit_as_in_the_find_bar() -> None:
    words = _words("Yesterday, 17 May, Mao Zedong asked", "Cde. MAO ZEDONG said")
    hits = scan_hits.find_hits(3, words, parse_query("mao zedong"))
    assert _texts(words, hits) == [["Mao"], ["Zedong"], ["MAO"], ["ZEDONG"]]
    assert [(h.page, h.index) for h in hits] == [(3, 0), (3, 1), (3, 2), (3, 3)]


def test_a_quoted_phrase_is_one_hit_even_across_a_line_break() -> None:
    words = _words("a half million Koreans in", "Manchuria, from which")
    hits = scan_hits.find_hits(0, words, parse_query('"Koreans in Manchuria"'))
    assert _texts(words, hits) == [["Koreans", "in", "Manchuria,"]]
    assert scan_hits.find_hits(0, words, parse_query('"million in Manchuria"')) == ()


def test_diacritics_case_and_prefixes_match_as_in_the_transcript() -> None:
    words = _words("electricians. and eléctricians, Électricité", "Korean Koreans korea")
    electric = scan_hits.find_hits(0, words, parse_query("ELECTRICIANS"))
    assert _texts(words, electric) == [["electricians."], ["eléctricians,"]]
    korea = scan_hits.find_hits(0, words, parse_query("korea*"))
    assert _texts(words, korea) == [["Korean"], ["Koreans"], ["korea"]]
    exact = scan_hits.find_hits(0, words, parse_query("korea"))
    assert _texts(words, exact) == [["korea"]]


def test_excluded_terms_are_not_hits_and_exclusions_alone_find_nothing() -> None:
    words = _words("Mao Zedong and North Korea")
    hits = scan_hits.find_hits(0, words, parse_query("Zedong NOT Korea"))
    assert _texts(words, hits) == [["Zedong"]]
    assert scan_hits.find_hits(0, words, parse_query("-Korea")) == ()
    assert scan_hits.find_hits(0, [], parse_query("Korea")) == ()


def test_a_word_holding_a_hit_inside_it_is_marked_whole() -> None:
    words = _words("the Chinese-Korean talks")
    hits = scan_hits.find_hits(0, words, parse_query("Korean"))
    assert _texts(words, hits) == [["Chinese-Korean"]]


def _known(hits: dict[int, int]) -> dict[int, tuple[ScanHit, ...]]:
    """Pages with so many hits each (words not needed to seek)."""
    return {page: tuple(ScanHit(page, i, (i,)) for i in range(n)) for page, n in hits.items()}


def test_seek_goes_forward_through_hits_and_pages_and_wraps_around() -> None:
    known = _known({0: 2, 1: 0, 2: 0, 3: 1})
    searchable = [True, True, False, True]
    assert scan_hits.seek(known.get, searchable, 0, None, True) == ScanHit(0, 0, (0,))
    assert scan_hits.seek(known.get, searchable, 0, 0, True) == ScanHit(0, 1, (1,))
    assert scan_hits.seek(known.get, searchable, 0, 1, True) == ScanHit(3, 0, (0,))
    assert scan_hits.seek(known.get, searchable, 3, 0, True) == ScanHit(0, 0, (0,))
    assert scan_hits.seek(known.get, searchable, 1, None, True) == ScanHit(3, 0, (0,))


def test_seek_backward_takes_the_last_hit_of_earlier_pages() -> None:
    known = _known({0: 2, 1: 0, 2: 3})
    searchable = [True, True, True]
    assert scan_hits.seek(known.get, searchable, 2, 0, False) == ScanHit(0, 1, (1,))
    assert scan_hits.seek(known.get, searchable, 0, 0, False) == ScanHit(2, 2, (2,))
    assert scan_hits.seek(known.get, searchable, 1, None, False) == ScanHit(0, 1, (1,))


def test_seek_asks_for_the_first_unknown_page_on_its_way() -> None:
    known = _known({0: 1, 1: 0})
    searchable = [True, True, False, True, True]
    assert scan_hits.seek(known.get, searchable, 0, 0, True) == 3
    empty = _known({0: 0, 1: 0})
    assert scan_hits.seek(empty.get, searchable, 1, None, False) == 4  # back, round the end


def test_seek_finds_nothing_without_hits_or_text() -> None:
    assert scan_hits.seek(_known({0: 0, 1: 0}).get, [True, True], 1, None, True) is None
    assert scan_hits.seek(_known({}).get, [False] * 690, 5, None, True) is None
    assert scan_hits.seek(_known({}).get, [], 0, None, False) is None
    only = _known({1: 1})
    assert scan_hits.seek(only.get, [False, True], 1, 0, True) == ScanHit(1, 0, (0,))


def test_hit_notice_counts_hits_so_far_until_every_page_is_known() -> None:
    assert scan_hits.hit_notice(" Gao Gang ", 3, False) == "“Gao Gang”: 3 hits on the scan so far"
    assert scan_hits.hit_notice("Gao Gang", 1, True) == "“Gao Gang”: 1 hit on the scan"
    assert scan_hits.hit_notice("Gao", 0, True) == "“Gao”: no hits on the scan"
    assert scan_hits.hit_notice("Mao", 1234, False) == "“Mao”: 1,234 hits on the scan so far"
