"""Citations: every reference item equals citeproc-js's output; house style; record to CSL-JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from viewer.domain import citation, cite_format
from viewer.domain.citation import Form, Style
from viewer.domain.model import Name, PartialDate, Record, Source

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference" / "citations"
CSL_STYLES = {
    "chicago-notes-bibliography": Style.CHICAGO,
    "modern-language-association": Style.MLA,
    "apa": Style.APA,
}
SEED_HOUSE = (
    '"Telegram from the leader of the group of Soviet specialists in Northeast China to the '
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    'military cooperation," May 18, 1949, History and Public Policy Program Digital Archive, '
    "AP RF. F. 4. Op. 1. D. 331. pp. 59-61. Translated by Gary Goldberg."
)
SEED_TITLE = (
    "Telegram from the leader of the group of Soviet specialists in Northeast China to the "
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    "military cooperation"
)


def _load(name: str) -> Any:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def _item_ids() -> list[str]:
    if not (REFERENCE / "items.json").is_file():
        return ["reference-absent"]
    return [item["id"] for item in _load("items.json")]


@pytest.fixture(scope="module")
def items() -> dict[str, dict[str, Any]]:
    """The reference CSL-JSON items by id; skips when the reference files are absent."""
    if not (REFERENCE / "items.json").is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    return {item["id"]: item for item in _load("items.json")}


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    """citeproc-js's output for the reference items."""
    if not (REFERENCE / "expected.json").is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    data: dict[str, Any] = _load("expected.json")
    return data


def seed_record(**changes: Any) -> Record:
    """A record built as the seed page describes the telegram of 18 May 1949."""
    fields: dict[str, Any] = {
        "id": "wc-seed-1949-05-18",
        "title": SEED_TITLE,
        "folder": Path("records/1949-05-18-telegram"),
        "date": PartialDate(1949, 5, 18),
        "translators": (Name(family="Goldberg", given="Gary"),),
        "collection": "History and Public Policy Program Digital Archive",
        "source": Source(archive="AP RF", location="F. 4. Op. 1. D. 331. pp. 59-61"),
    }
    fields.update(changes)
    return Record(**fields)


@pytest.mark.parametrize("style_id", sorted(CSL_STYLES))
@pytest.mark.parametrize("item_id", _item_ids())
def test_reference_item_renders_exactly_as_citeproc_js(
    items: dict[str, dict[str, Any]], expected: dict[str, Any], item_id: str, style_id: str
) -> None:
    want = expected[style_id][item_id]
    style = CSL_STYLES[style_id]
    got = {
        fmt: {
            "citation": citation.render(items[item_id], style, Form.NOTE, fmt),
            "bibliography": citation.render(items[item_id], style, Form.BIBLIOGRAPHY, fmt),
        }
        for fmt in ("text", "html")
    }
    assert got == want


def test_house_style_of_wilson_center_items_matches_their_pages(
    items: dict[str, dict[str, Any]], expected: dict[str, Any]
) -> None:
    assert len(expected["house"]) == 3
    for item_id, want in expected["house"].items():
        assert citation.render(items[item_id], Style.HOUSE, Form.NOTE, "text") == want


def test_house_citation_of_seed_record_equals_the_seed_page() -> None:
    assert citation.house(seed_record()) == SEED_HOUSE
    assert citation.cite(seed_record(), Style.HOUSE) == SEED_HOUSE


def test_house_html_escapes_markup_and_keeps_straight_quotes() -> None:
    record = seed_record(title='Notes on "A & B" <draft>', translators=(), source=Source())
    assert citation.house_html(record) == (
        '"Notes on "A &amp; B" &lt;draft&gt;," May 18, 1949, '
        "History and Public Policy Program Digital Archive."
    )


def test_house_leaves_out_archive_and_translator_parts_the_record_does_not_give() -> None:
    record = seed_record(translators=(), source=Source(), collection="", date=None)
    assert citation.house(record) == f'"{SEED_TITLE}."'


def test_citation_field_overrides_house_style_verbatim() -> None:
    verbatim = '  "Telegram," 1949, AP RF (as the archive asks to be cited)  '
    record = seed_record(citation=verbatim)
    assert citation.house(record) == verbatim.strip()
    assert citation.cite(record, Style.HOUSE, Form.NOTE, "html") == (
        '"Telegram," 1949, AP RF (as the archive asks to be cited)'
    )
    # The other styles are built from the metadata, not from the override.
    assert citation.cite(record, Style.MLA) == "(Goldberg)"


def test_to_csl_of_seed_record_gives_the_reference_seed_item(
    items: dict[str, dict[str, Any]],
) -> None:
    want = {k: v for k, v in items["wc-seed-1949-05-18"].items() if k != "source_file"}
    assert citation.to_csl(seed_record()) == want


def test_to_csl_makes_a_letter_only_when_record_names_sender_and_recipient() -> None:
    letter = seed_record(
        creators=(Name(family="Lansing"),),
        recipients=(Name(literal="Secretary of State"),),
        number="7",
        url="https://history.state.gov/x",
        summary="A cable.",
        date=PartialDate(1917, end=PartialDate(1920)),
    )
    item = citation.to_csl(letter)
    assert item["type"] == "personal_communication"
    assert item["author"] == [{"family": "Lansing"}]
    assert item["recipient"] == [{"literal": "Secretary of State"}]
    assert item["issued"] == {"date-parts": [[1917], [1920]]}
    assert (item["number"], item["URL"], item["abstract"]) == (
        "7",
        "https://history.state.gov/x",
        "A cable.",
    )
    assert citation.to_csl(seed_record(creators=(Name(family="Lansing"),)))["type"] == "manuscript"
    assert "author" not in citation.to_csl(seed_record())


def test_seed_record_renders_like_the_reference_through_cite(expected: dict[str, Any]) -> None:
    want = expected["chicago-notes-bibliography"]["wc-seed-1949-05-18"]
    record = seed_record()
    assert citation.cite(record, Style.CHICAGO, Form.NOTE, "text") == want["text"]["citation"]
    assert (
        citation.cite(record, Style.CHICAGO, Form.BIBLIOGRAPHY, "html")
        == (want["html"]["bibliography"])
    )


def test_chicago_short_note_of_seed_gives_translator_and_short_title() -> None:
    item = citation.to_csl(seed_record())
    assert citation.render(item, Style.CHICAGO, Form.SHORT) == (
        "Goldberg, “Telegram from the Leader.”"
    )


def test_chicago_short_note_uses_author_and_given_short_title() -> None:
    item = {
        "id": "x",
        "type": "manuscript",
        "title": "Record of a Conversation: Moscow, 1950",
        "title-short": "Record of a Conversation",
        "author": [{"family": "Sudarikov", "given": "N. G."}, {"family": "Kim", "given": "Il"}],
    }
    assert citation.render(item, Style.CHICAGO, Form.SHORT) == (
        "Sudarikov and Kim, “Record of a Conversation.”"
    )


def test_mla_and_apa_short_form_is_their_in_text_citation() -> None:
    item = citation.to_csl(seed_record())
    assert citation.render(item, Style.MLA, Form.SHORT) == "(Goldberg)"
    assert citation.render(item, Style.APA, Form.SHORT, "html").startswith("(<i>Telegram from the")


def test_html_output_escapes_ampersands_and_angle_brackets_like_citeproc_js() -> None:
    item = {"id": "x", "type": "manuscript", "title": "A & B <C>", "archive": "R&D"}
    assert citation.render(item, Style.CHICAGO, Form.NOTE, "html") == (
        "“A &#38; B &#60;C&#62;,” n.d., R&#38;D."
    )


def test_punctuation_moves_inside_closing_quotes_and_is_not_doubled() -> None:
    assert cite_format.append("“Title”", ". ") == "“Title.” "
    assert cite_format.append("“Say ‘Hi’”", ",") == "“Say ‘Hi,’”"
    assert cite_format.append("“Why?”", ", ") == "“Why?” "
    assert cite_format.append("pp. 59.", ". ") == "pp. 59. "
    assert cite_format.append("Jones’", ",") == "Jones’,"


def test_title_case_capitalizes_lower_case_words_but_not_skip_words_or_acronyms() -> None:
    assert cite_format.title_case("the results of the talks: a study in two volumes") == (
        "The Results of the Talks: A Study in Two Volumes"
    )
    assert cite_format.title_case("Visit To Bolivia by the USSR and AmEmbassy") == (
        "Visit To Bolivia by the USSR and AmEmbassy"
    )
    assert cite_format.title_case("Chinese-korean talks (in two volumes)") == (
        "Chinese-Korean Talks (in Two Volumes)"
    )


def test_names_are_initialized_for_apa() -> None:
    assert cite_format.initialize("Gary") == "G."
    assert cite_format.initialize("N.G.") == "N. G."
    assert cite_format.initialize("Mary-Jane") == "M.-J."


def test_style_and_form_parse_names_and_reject_unknown_ones() -> None:
    assert Style.parse("Chicago-Notes-Bibliography") is Style.CHICAGO
    assert Style.parse("mla") is Style.MLA
    assert Form.parse("bibliography") is Form.BIBLIOGRAPHY
    with pytest.raises(citation.CitationError, match="unknown citation style 'ieee'"):
        Style.parse("ieee")
    with pytest.raises(citation.CitationError, match="unknown citation form"):
        Form.parse("footnote")


def test_render_rejects_an_item_that_is_not_an_object() -> None:
    with pytest.raises(citation.CitationError, match="JSON object"):
        citation.render(["not", "an", "item"], Style.APA)  # type: ignore[arg-type]


def test_citation_modules_do_not_load_qt() -> None:
    code = (
        "import sys; import viewer.domain.citation, viewer.domain.export; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_chicago_does_not_repeat_a_collection_number_after_the_archive() -> None:
    item = {
        "id": "frus-59",
        "type": "personal_communication",
        "title": "The Secretary of State to the Ambassador in Russia",
        "issued": {"date-parts": [[1917, 4, 28]]},
        "author": [{"family": "Lansing"}],
        "recipient": [{"family": "Francis"}],
        "collection-title": "Papers Relating to the Foreign Relations of the United States",
        "number": "59",
        "archive": "Department of State",
    }
    note = citation.render(item, Style.CHICAGO, Form.NOTE)
    bibliography = citation.render(item, Style.CHICAGO, Form.BIBLIOGRAPHY)
    assert note.endswith("April 28, 1917, Department of State.")
    assert bibliography.endswith("April 28, 1917. Department of State.")
    assert "(59)" not in note + bibliography
    assert "no. 59" in note and "No. 59" in bibliography
