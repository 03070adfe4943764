"""Citation choices and their keys; a quoted passage followed by its citation and scan page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from viewer.domain import archive, citation, quotation
from viewer.domain.citation import Form, Style
from viewer.domain.model import Record
from viewer.domain.quotation import CitationChoice, QuotationError

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "samples" / "records" / "1949-05-18-telegram"
CHICAGO_NOTE_HTML = (
    "Gary Goldberg, trans., “Telegram from the Leader of the Group of Soviet Specialists in "
    "Northeast China to the Chairman of the USSR Council of Ministers about the Results of the "
    "Chinese-Korean Talks on Military Cooperation,” History and Public Policy Program Digital "
    "Archive, May 18, 1949, F. 4. Op. 1. D. 331. pp. 59-61, AP RF."
)


@pytest.fixture(scope="module")
def seed() -> Record:
    record = archive.load_record(SEED)
    assert isinstance(record, Record)
    return record


def test_choices_have_the_six_stable_keys_in_display_order() -> None:
    assert [c.key for c in quotation.CHOICES] == [
        "house",
        "chicago-note",
        "chicago-short",
        "chicago-bibliography",
        "mla",
        "apa",
    ]
    assert [c.label for c in quotation.CHOICES] == [
        "House style",
        "Chicago note",
        "Chicago short note",
        "Chicago bibliography",
        "MLA",
        "APA",
    ]
    assert quotation.DEFAULT == quotation.HOUSE


@pytest.mark.parametrize("choice", quotation.CHOICES, ids=lambda c: c.key)
def test_a_key_parses_back_to_its_choice(choice: CitationChoice) -> None:
    key = quotation.format_choice(choice)
    assert quotation.parse_choice(key) == choice
    assert CitationChoice.parse(f"  {key.upper()} ") == choice


def test_chicago_choices_keep_their_form_and_mla_apa_give_the_bibliography_entry() -> None:
    assert quotation.parse_choice("chicago-short") == CitationChoice(Style.CHICAGO, Form.SHORT)
    assert quotation.parse_choice("mla") == CitationChoice(Style.MLA, Form.BIBLIOGRAPHY)
    assert quotation.parse_choice("apa") == CitationChoice(Style.APA, Form.BIBLIOGRAPHY)
    assert quotation.parse_choice("house") == CitationChoice(Style.HOUSE, Form.NOTE)


@pytest.mark.parametrize("key", ["", "chicago", "harvard", "mla-note"])
def test_an_unknown_key_is_a_value_error_listing_the_known_ones(key: str) -> None:
    with pytest.raises(QuotationError, match="known: house, chicago-note") as caught:
        quotation.parse_choice(key)
    assert isinstance(caught.value, ValueError)


def test_a_choice_cites_the_seed_as_the_citation_module_does(seed: Record) -> None:
    assert quotation.HOUSE.cite(seed) == citation.house(seed)
    assert quotation.CHICAGO_NOTE.cite(seed, "html") == CHICAGO_NOTE_HTML
    assert quotation.CHICAGO_SHORT.cite(seed) == "Goldberg, “Telegram from the Leader.”"
    assert quotation.APA.cite(seed, "html") == citation.cite(
        seed, Style.APA, Form.BIBLIOGRAPHY, "html"
    )


def test_quotation_is_in_curly_quotes_then_a_blank_line_citation_and_scan_page() -> None:
    assert (
        quotation.with_citation("Mao Zedong asked me", "Goldberg, “Telegram from the Leader.”", 2)
        == "“Mao Zedong asked me”\n\nGoldberg, “Telegram from the Leader.” Scan page 2."
    )


def test_without_a_known_page_the_citation_ends_the_text() -> None:
    assert (
        quotation.with_citation("Mao Zedong asked me", "Goldberg, “Telegram.”", None)
        == "“Mao Zedong asked me”\n\nGoldberg, “Telegram.”"
    )


def test_without_a_citation_the_page_still_follows_the_quotation() -> None:
    assert quotation.with_citation("a passage", "", 3) == "“a passage”\n\nScan page 3."
    assert quotation.with_citation("a passage", "  ", None) == "“a passage”"


def test_white_space_is_closed_up_and_paragraphs_kept_one_per_line() -> None:
    selected = "  Yesterday, 17\u00a0May,\tMao\u2029\u2029 1. Kim Il,   the Chief \r\n\n"
    assert quotation.paragraphs(selected) == ["Yesterday, 17 May, Mao", "1. Kim Il, the Chief"]
    assert (
        quotation.with_citation(selected, "Cite.", 1)
        == "“Yesterday, 17 May, Mao\n1. Kim Il, the Chief”\n\nCite. Scan page 1."
    )


def test_html_puts_each_paragraph_in_a_blockquote_then_the_citation_paragraph() -> None:
    assert quotation.with_citation_html("Mao & Kim <b>\n2. As regards", CHICAGO_NOTE_HTML, 12) == (
        "<blockquote><p>Mao &amp; Kim &lt;b&gt;</p><p>2. As regards</p></blockquote>\n"
        f"<p>{CHICAGO_NOTE_HTML} Scan page 12.</p>"
    )


def test_html_unwraps_a_bibliography_entry_so_the_page_stays_on_its_line() -> None:
    entry = '<div class="csl-entry"><i>Telegram</i> (G. Goldberg, Trans.). (1949). AP RF.</div>'
    assert quotation.with_citation_html("text", entry, 4) == (
        "<blockquote><p>text</p></blockquote>\n"
        "<p><i>Telegram</i> (G. Goldberg, Trans.). (1949). AP RF. Scan page 4.</p>"
    )
    assert quotation.with_citation_html("text", "", None) == "<blockquote><p>text</p></blockquote>"


@pytest.mark.parametrize("selected", ["", "   ", "\u2029\n\t"])
def test_an_empty_selection_cannot_be_quoted(selected: str) -> None:
    with pytest.raises(QuotationError, match="no text to quote"):
        quotation.with_citation(selected, "Cite.", 1)
    with pytest.raises(QuotationError, match="no text to quote"):
        quotation.with_citation_html(selected, "Cite.", 1)


@pytest.mark.parametrize("page", [0, -1])
def test_a_scan_page_below_one_is_refused(page: int) -> None:
    with pytest.raises(QuotationError, match="numbered from 1"):
        quotation.with_citation("text", "Cite.", page)


def test_quotation_module_does_not_load_qt() -> None:
    code = (
        "import sys, viewer.domain.quotation; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


TELEGRAM_PAGES = (
    "T E L E G R A M\nYesterday, 17 May, Mao Zedong asked me to inform you of\nthe following:\n"
    "1. Kim Il, the Chief of the Political Directorate of the\nKorean Army, arrived from "
    "North Korea\n[North Korea] ought to limit itself right now to the\n",
    "- 2 -\nestablishment of mutual [SIC, vzaimnye] telegraph agencies\nwith the aid of which "
    "ideas on specific issues are exchanged\nas they arise.\n2. As regards helping North "
    "Korea with officer personnel\nand weapons, Cde. Mao Zedong said that such aid would be\n"
    "granted. There are one and a half million Koreans in\nManchuria",
    "- 3 -\npeople ideologically that such a situation is possible\n",
)


def test_a_passage_is_cited_at_the_page_of_the_scan_text_it_is_on() -> None:
    passage = "There are one and a half million Koreans in Manchuria"
    assert quotation.passage_pages(passage, TELEGRAM_PAGES) == 2
    assert quotation.passage_pages("Yesterday, 17 May, Mao Zedong", TELEGRAM_PAGES) == 1
    # Line breaks, hyphenation, accents and case in the text layer do not matter.
    assert quotation.passage_pages("ESTABLISH-\nMENT OF MUTUAL", TELEGRAM_PAGES) == 2
    assert quotation.passage_pages("péople ideologically", TELEGRAM_PAGES) == 3


def test_a_passage_over_a_page_break_gives_both_pages_past_the_running_head() -> None:
    passage = (
        "[North Korea] ought to limit itself right now to the establishment of mutual "
        "[SIC, vzaimnye] telegraph agencies"
    )
    assert quotation.passage_pages(passage, TELEGRAM_PAGES) == (1, 2)
    assert quotation.with_citation(passage, "Cite.", (1, 2)).endswith("Cite. Scan pages 1–2.")


@pytest.mark.parametrize(
    "passage",
    [
        "Rejected a proposal of the Soviet side",  # not in the scan (a translation, say)
        "North Korea",  # on two pages: which one is meant cannot be known
        "Il",  # too short to tell
        "",
    ],
)
def test_a_passage_not_certainly_on_one_page_has_no_page(passage: str) -> None:
    assert quotation.passage_pages(passage, TELEGRAM_PAGES) is None


def test_without_a_text_layer_no_page_is_given() -> None:
    assert quotation.passage_pages("Mao Zedong asked me", []) is None
    assert quotation.passage_pages("Mao Zedong asked me", ["", "", ""]) is None


def test_a_transcription_is_told_from_a_translation_of_the_scan_text() -> None:
    transcription = " ".join(TELEGRAM_PAGES).replace("\n", " ")
    assert quotation.text_layer_repeats(transcription, TELEGRAM_PAGES)
    notes = "Mao Zedong is named first, then Manchuria; the rest is a reader's own account."
    assert not quotation.text_layer_repeats(notes, TELEGRAM_PAGES)
    assert not quotation.text_layer_repeats(transcription, ["", ""])
