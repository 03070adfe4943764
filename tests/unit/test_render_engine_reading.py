"""A document's text is read a step at a time by the render worker's engine, and the pages the
view asks for meanwhile are drawn in between: a long PDF reopened at its last page shows it at
once, not after its whole text layer (~5 s for 5,000 pages)."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from viewer.services import render_engine
from viewer.services.render_protocol import (
    VIEW,
    JobStarted,
    Opened,
    OpenRequest,
    Rendered,
    RenderKey,
    TextExtracted,
    TextRequest,
    WantRequest,
)

PAGES = 40


@pytest.fixture
def long_pdf(tmp_path: Path) -> Path:
    doc = pymupdf.open()
    for number in range(PAGES):
        doc.new_page().insert_text((72, 72), f"Page {number + 1} of the telegrams")
    path = tmp_path / "long.pdf"
    doc.save(path)
    doc.close()
    return path


def test_the_page_the_view_wants_is_drawn_before_the_rest_of_the_text_is_read(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_engine, "READING_STEP_SECONDS", 0.0)  # a page a step
    engine = render_engine.PdfEngine()
    path = str(long_pdf)
    engine.accept(OpenRequest(1, path))
    assert isinstance(engine.step(), Opened)
    begun: list[object] = []
    engine.accept(TextRequest(path))
    assert engine.step(begun.append) is None  # one page read, the text not done
    last = RenderKey(path, PAGES - 1, 0.5)
    engine.accept(WantRequest(VIEW, (last,)))
    answers = []
    while engine.busy():
        answer = engine.step(begun.append)
        if answer is not None:
            answers.append(answer)
    assert isinstance(answers[0], Rendered) and answers[0].key == last
    (text,) = [a for a in answers if isinstance(a, TextExtracted)]
    assert answers[-1] is text
    assert [page.strip() for page in text.pages] == [
        f"Page {n + 1} of the telegrams" for n in range(PAGES)
    ]
    assert [j.page for j in begun if isinstance(j, JobStarted)] == list(range(PAGES))


def test_a_text_read_for_a_closed_file_closes_what_it_opened(long_pdf: Path) -> None:
    engine = render_engine.PdfEngine()
    engine.accept(TextRequest(str(long_pdf)))
    answers = []
    while engine.busy():
        answer = engine.step()
        if answer is not None:
            answers.append(answer)
    (text,) = answers
    assert isinstance(text, TextExtracted) and len(text.pages) == PAGES
    engine.close_all()
