"""Transcripts as safe display HTML, with editorial marks set apart but kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.domain import transcript
from viewer.domain.model import TranscriptFormat

SEED_MARKS = [
    "[informbyuro]",
    "[SIC, vzaimnye]",
    "[dogovorit'sya, which can also mean \"negotiate]",
]


def test_editorial_marks_are_wrapped_and_keep_their_words() -> None:
    text = (
        "an Eastern Information Bureau [informbyuro] is premature. "
        "mutual [SIC, vzaimnye] agencies; "
        "come to an agreement [dogovorit'sya, which can also mean \"negotiate] on these issues"
    )
    shown = transcript.to_html(text, TranscriptFormat.TEXT)
    assert '<span class="editorial">[informbyuro]</span>' in shown
    assert '<span class="editorial">[SIC, vzaimnye]</span>' in shown
    assert (
        '<span class="editorial">[dogovorit\'sya, which can also mean "negotiate]</span>' in shown
    )
    assert transcript.editorial_marks(text) == SEED_MARKS


def test_html_fragment_keeps_structure_and_drops_what_could_run_or_fetch() -> None:
    fragment = (
        '<h2 onclick="x()">Nº 54611</h2><p>One <em>two</em> [SIC, three]</p>'
        '<script>alert(1)</script><img src="http://example.org/x.png" alt="x">'
        '<style>p{}</style><p><a href="http://example.org" style="x">link</a></p>'
    )
    shown = transcript.to_html(fragment, TranscriptFormat.HTML)
    assert shown == (
        '<h2>Nº 54611</h2><p>One <em>two</em> <span class="editorial">[SIC, three]</span></p>'
        '<p><a href="http://example.org">link</a></p>'
    )


def test_markdown_is_rendered_and_raw_html_in_it_is_text() -> None:
    shown = transcript.to_html("# Title\n\n*one* [note]\n\n<b>raw</b>", TranscriptFormat.MARKDOWN)
    assert "<h1>Title</h1>" in shown
    assert '<em>one</em> <span class="editorial">[note]</span>' in shown
    assert "&lt;b&gt;raw&lt;/b&gt;" in shown


def test_plain_text_paragraphs_and_line_breaks() -> None:
    shown = transcript.to_html(
        "Nº 54611\n18 May 1949\n\nYesterday, <17 May>", TranscriptFormat.TEXT
    )
    assert shown == "<p>Nº 54611<br>18 May 1949</p><p>Yesterday, &lt;17 May&gt;</p>"


def test_unclosed_tags_are_closed() -> None:
    assert transcript.sanitize("<p><em>open") == "<p><em>open</em></p>"


def test_text_layer_pages_get_headings_and_skip_empty_pages() -> None:
    shown = transcript.pages_to_html(["first page", "", "third"])
    assert shown == "<h3>Page 1</h3><p>first page</p><h3>Page 3</h3><p>third</p>"


def test_non_utf8_transcript_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("café – x".encode("cp1252"))
    assert transcript.read_text(path) == "café – x"


def test_missing_transcript_raises_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(transcript.TranscriptError, match=r"t\.txt: the file does not exist"):
        transcript.read_text(tmp_path / "t.txt")
