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


def test_a_title_only_in_the_xmp_packet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "xmp.pdf"
    doc = pymupdf.open()
    doc.new_page()
    doc.set_xml_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description>'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Cable &amp; reply</rdf:li>'
        "</rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    doc.save(path)
    doc.close()
    (answer,) = (json.loads(line) for line in _served(path))
    assert answer["metadata"]["title"] == "Cable & reply"


def _served(*paths: Path) -> list[str]:
    sink = io.StringIO()
    pdf_probe.serve(io.StringIO("".join(f"{p}\n" for p in paths)), sink)
    return sink.getvalue().splitlines()


def test_one_process_answers_batch_after_batch_and_tells_which_pdfs_have_text(
    tmp_path: Path,
) -> None:
    typed = tmp_path / "typed.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A typed memorandum")
    doc.save(typed)
    doc.close()
    scanned = tmp_path / "scanned.pdf"
    doc = pymupdf.open()
    doc.new_page().draw_rect(pymupdf.Rect(20, 20, 200, 200), fill=(0, 0, 0))
    doc.save(scanned)
    doc.close()
    sink = io.StringIO()
    pdf_probe.serve(io.StringIO(f"{typed}\n\n?{typed}\n?{scanned}\n\n"), sink)
    answers = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert answers[0]["path"] == str(typed) and "metadata" in answers[0]
    assert answers[1] == {"done": True}
    assert answers[2] == {"path": str(typed), "text": True}
    assert answers[3] == {"path": str(scanned), "text": False}
    assert answers[4] == {"done": True}
