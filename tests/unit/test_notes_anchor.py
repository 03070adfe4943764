"""A highlight finds its passage again in a corrected transcript, or says it is gone."""

from __future__ import annotations

from viewer.domain.notes import TextAnchor, anchor_at, find_anchor

TEXT = (
    "Comrade Stalin. The repair of the railway was finished on 15 May. The repair of the "
    "bridge at Harbin is not finished. Coal reaches the plants with delays."
)


def _quote(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


def test_an_anchor_keeps_the_passage_its_context_and_offset() -> None:
    start = TEXT.index("railway")
    anchor = anchor_at(TEXT, start, start + len("railway"), context=10)
    assert anchor == TextAnchor("railway", "ir of the ", " was finis", start)


def test_the_passage_is_found_where_it_was() -> None:
    start = TEXT.index("the bridge")
    anchor = anchor_at(TEXT, start, start + 10)
    assert find_anchor(anchor, TEXT) == (start, start + 10)


def test_of_two_same_passages_the_one_with_its_context_is_found() -> None:
    second = TEXT.index("The repair", 20)
    anchor = anchor_at(TEXT, second, second + len("The repair"))
    corrected = "A line added at the top.\n" + TEXT
    found = find_anchor(anchor, corrected)
    assert found is not None and found[0] == second + len("A line added at the top.\n")


def test_a_passage_is_found_when_its_lines_were_rewrapped() -> None:
    start = TEXT.index("The repair of the bridge")
    anchor = anchor_at(TEXT, start, start + len("The repair of the bridge at Harbin"))
    corrected = TEXT.replace("of the bridge at", "of the\nbridge  at")
    assert (
        _quote(corrected, find_anchor(anchor, corrected)) == "The repair of the\nbridge  at Harbin"
    )


def test_a_passage_is_found_when_a_word_in_it_was_corrected() -> None:
    start = TEXT.index("Coal reaches")
    anchor = anchor_at(TEXT, start, len(TEXT))
    corrected = "Preface by the editor. " + TEXT.replace("with delays", "with long delays")
    assert _quote(corrected, find_anchor(anchor, corrected)) == (
        "Coal reaches the plants with long delays."
    )


def test_a_passage_cut_from_the_transcript_is_not_found() -> None:
    start = TEXT.index("Coal reaches")
    anchor = anchor_at(TEXT, start, len(TEXT))
    corrected = TEXT[:start] + "Everything else was on time."
    assert find_anchor(anchor, corrected) is None
    assert find_anchor(TextAnchor(""), TEXT) is None
