"""The child process that reads a folder's PDF metadata: one answer a path, broken files too."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pymupdf

from viewer.domain import pdf_probe


def test_every_path_gets_its_metadata_or_the_reason_it_has_none(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    doc = pymupdf.open()
    doc.new_page()
    doc.set_metadata({"title": "Memorandum", "author": "Records Office"})
    doc.save(good)
    doc.close()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a PDF")
    sink = io.StringIO()
    pdf_probe.serve(io.StringIO(f"{good}\n{broken}\n{tmp_path / 'gone.pdf'}\n"), sink)
    answers = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [a["path"] for a in answers] == [str(good), str(broken), str(tmp_path / "gone.pdf")]
    assert answers[0]["metadata"]["title"] == "Memorandum"
    assert answers[0]["metadata"]["author"] == "Records Office"
    assert answers[1]["error"].startswith("broken.pdf: ")
    assert answers[2]["error"].startswith("gone.pdf: ")
