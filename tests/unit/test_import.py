"""`archive-viewer import`: a folder of scans, a Zotero export or a RIS file written as an archive
that passes `check`; re-imports keep the curator's edits; nothing half-written is ever left."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import jsonschema
import pymupdf
import pytest

from viewer import cli, import_command
from viewer.domain import archive, check, citation, formats, transcript, writer
from viewer.domain.model import Archive, Record, Scan

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "reference" / "citations"


def _pdf(path: Path, text: str = "A page", pages: int = 1) -> Path:
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page().insert_text((72, 72), text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _image(path: Path, width: int = 40, height: int = 20) -> Path:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), 0)
    pix.clear_with(255)
    path.parent.mkdir(parents=True, exist_ok=True)
    pix.save(str(path))
    return path


def _import(source: Path, dest: Path, *args: str) -> writer.Report:
    return import_command.run(source, dest, format_name=args[0] if args else None)


def _errors(path: Path) -> list[str]:
    return [p.line(path) for p in check.check_path(path) if p.severity == "error"]


def _records(path: Path) -> dict[str, Record]:
    return {r.title: r for r in archive.load_archive(path).good_records()}


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- Real exports -----------------------------------------------------------------------------


def test_zotero_rdf_with_an_html_snapshot_becomes_a_record_with_the_page_as_transcript(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "imports" / "zotero" / "book_and_snapshot.rdf"
    assert formats.detect(source).name == "zotero"
    report = _import(source, tmp_path / "out")
    assert [r.title for r in report.records] == ["Test"]
    assert _errors(tmp_path / "out") == []
    (record,) = _records(tmp_path / "out").values()
    (snapshot,) = record.transcripts
    assert snapshot.display_label() == "Web page snapshot: Test"
    assert snapshot.path.read_bytes() == (corpus / "imports/zotero/files/2/test.html").read_bytes()
    assert not record.scans


def test_zotero_rdf_notes_become_the_items_transcript(corpus: Path, tmp_path: Path) -> None:
    _import(corpus / "imports" / "zotero" / "zotero_rdf.xml", tmp_path / "out")
    assert _errors(tmp_path / "out") == []
    records = _records(tmp_path / "out")
    assert sorted(records) == ["A", "B"]
    book, page = records["A"], records["B"]
    assert book.identifier == "ISBN 1-4214-0283-1"
    (notes,) = book.transcripts
    shown = transcript.load_html(notes.path, notes.format)
    assert "C" in shown and "D" in shown
    assert notes.display_label() == "Notes"
    assert page.url == "http://example.com"


def test_ris_exports_give_titles_dates_names_and_keep_cyrillic(
    corpus: Path, tmp_path: Path
) -> None:
    folder = corpus / "imports" / "ris"
    first = _import(folder / "example_empty_tag.ris", tmp_path / "one")
    assert first.format == "ris"
    second = _import(folder / "example_utf_chars.ris", tmp_path / "two")
    for out in (tmp_path / "one", tmp_path / "two"):
        assert _errors(out) == []
    (athletic,) = _records(tmp_path / "one").values()
    assert athletic.title.startswith("Outcome Measures After Shoulder Stabilization")
    assert athletic.date is not None and athletic.date.iso() == "2020"
    assert [n.sort_form() for n in athletic.creators] == ["Fanning, E."]
    assert athletic.subjects == ("athlete", "biomechanics", "bone remodeling")
    # an untagged line continues the abstract
    assert "Outcome measures are valuable" in athletic.summary
    (russian,) = _records(tmp_path / "two").values()
    assert russian.title.startswith("Состояние рецепторного аппарата эндометрия")
    assert russian.type == "Journal article"  # the first tag is read through the BOM
    assert russian.date is not None and russian.date.iso() == "2009"
    assert [n.display() for n in russian.creators][:2] == ["Yu E. Dobrokhotova", "R. O. Yusupova"]
    assert "The state of the receptor apparatus" in russian.summary
    (notes,) = russian.transcripts
    assert "Ä,Ö,Ü,ä,ö,ü,ß" in transcript.load_html(notes.path, notes.format)
    assert second.records[0].files == ["transcript.und.txt"]


def test_a_citation_from_an_imported_csl_item_equals_citeproc_js(tmp_path: Path) -> None:
    if not (REFERENCE / "expected.json").is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    items = json.loads((REFERENCE / "items.json").read_text(encoding="utf-8"))
    expected = json.loads((REFERENCE / "expected.json").read_text(encoding="utf-8"))
    assert formats.detect(REFERENCE / "items.json").name == "zotero"
    _import(REFERENCE / "items.json", tmp_path / "out")
    assert _errors(tmp_path / "out") == []
    by_id = {r.id: r for r in archive.load_archive(tmp_path / "out").good_records()}
    differences = []
    for style_id in ("chicago-notes-bibliography", "modern-language-association", "apa"):
        style = citation.Style.parse(style_id)
        for item in items:
            record = by_id[item["id"]]
            for form, key in (
                (citation.Form.BIBLIOGRAPHY, "bibliography"),
                (citation.Form.NOTE, "citation"),
            ):
                for fmt in citation.FORMATS:
                    got = citation.cite(record, style, form, fmt)
                    want = expected[style_id][item["id"]][fmt][key]
                    if got != want:
                        differences.append((style_id, item["id"], key, fmt, got, want))
    for item_id, want in expected["house"].items():
        got = citation.cite(by_id[item_id], citation.Style.HOUSE)
        if got != want:
            differences.append(("house", item_id, "", "text", got, want))
    assert differences == []
    assert len(by_id) == len(items)


# --- Zotero details -------------------------------------------------------------------------

_RDF = """<rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:z="http://www.zotero.org/namespaces/export#"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:bib="http://purl.org/net/biblio#"
 xmlns:foaf="http://xmlns.com/foaf/0.1/"
 xmlns:link="http://purl.org/rss/1.0/modules/link/">
  <bib:Letter rdf:about="#item_10">
    <z:itemType>letter</z:itemType>
    <dc:title>Telegram to Stalin</dc:title>
    <dc:date>1949-05-18</dc:date>
    <bib:authors><rdf:Seq><rdf:li><foaf:Person>
      <foaf:surname>Kovalev</foaf:surname><foaf:givenName>Ivan</foaf:givenName>
    </foaf:Person></rdf:li></rdf:Seq></bib:authors>
    <z:recipients><rdf:Seq><rdf:li><foaf:Person>
      <foaf:surname>Stalin</foaf:surname><foaf:givenName>Joseph</foaf:givenName>
    </foaf:Person></rdf:li></rdf:Seq></z:recipients>
    <z:translators><rdf:Seq><rdf:li><foaf:Person>
      <foaf:surname>Goldberg</foaf:surname><foaf:givenName>Gary</foaf:givenName>
    </foaf:Person></rdf:li></rdf:Seq></z:translators>
    <z:archive>AP RF</z:archive>
    <dc:coverage>F. 4. Op. 1. D. 331. pp. 59-61</dc:coverage>
    <dc:subject><dcterms:LCC><rdf:value>DS918 .K6</rdf:value></dcterms:LCC></dc:subject>
    <dc:subject>Korean War</dc:subject>
    <dc:subject><z:AutomaticTag><rdf:value>Soviet Union</rdf:value></z:AutomaticTag></dc:subject>
    <dcterms:abstract>On Chinese-Korean talks.</dcterms:abstract>
    <z:type>Telegram</z:type>
    <z:language>русский</z:language>
    <link:link rdf:resource="#item_11"/>
    <link:link rdf:resource="#item_12"/>
    <link:link rdf:resource="#item_13"/>
    <dcterms:isReferencedBy rdf:resource="#item_14"/>
  </bib:Letter>
  <z:Attachment rdf:about="#item_11">
    <z:itemType>attachment</z:itemType>
    <z:path rdf:resource="files/11/Kovalev%20to%20Stalin.pdf"/>
    <dc:title>Full Text PDF</dc:title>
    <link:type>application/pdf</link:type>
  </z:Attachment>
  <z:Attachment rdf:about="#item_12">
    <z:itemType>attachment</z:itemType>
    <rdf:resource rdf:resource="files/12/second copy.pdf"/>
    <link:type>application/pdf</link:type>
  </z:Attachment>
  <z:Attachment rdf:about="#item_13">
    <z:itemType>attachment</z:itemType>
    <z:path rdf:resource="files/13/lost.pdf"/>
    <link:type>application/pdf</link:type>
  </z:Attachment>
  <bib:Memo rdf:about="#item_14">
    <rdf:value>&lt;p&gt;Read in the reading room.&lt;/p&gt;</rdf:value>
  </bib:Memo>
  <bib:Manuscript rdf:about="#item_20">
    <z:itemType>manuscript</z:itemType>
    <dc:title>Undated note</dc:title>
    <z:language>English; Russian</z:language>
  </bib:Manuscript>
</rdf:RDF>
"""


def _zotero_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "My Library.rdf").write_text(_RDF, encoding="utf-8")
    _pdf(folder / "files" / "11" / "Kovalev to Stalin.pdf", "first", pages=2)
    _pdf(folder / "files" / "12" / "second copy.pdf", "second")
    return folder / "My Library.rdf"


def test_zotero_rdf_maps_names_archive_language_tags_notes_and_attachments(
    tmp_path: Path,
) -> None:
    export = _zotero_export(tmp_path / "My Library")
    assert formats.detect(export.parent).name == "zotero"  # the folder Zotero wrote
    report = _import(export.parent, tmp_path / "out")
    assert report.missing() == [("item_10", str(export.parent / "files" / "13" / "lost.pdf"))]
    assert _errors(tmp_path / "out") == []
    records = _records(tmp_path / "out")
    letter = records["Telegram to Stalin"]
    assert letter.date is not None and letter.date.display() == "May 18, 1949"
    assert [n.sort_form() for n in letter.creators] == ["Kovalev, Ivan"]
    assert [n.sort_form() for n in letter.recipients] == ["Stalin, Joseph"]
    assert [n.sort_form() for n in letter.translators] == ["Goldberg, Gary"]
    assert letter.source.display() == "AP RF. F. 4. Op. 1. D. 331. pp. 59-61"
    assert letter.identifier == "DS918 .K6"
    assert letter.subjects == ("Korean War", "Soviet Union")
    assert letter.summary == "On Chinese-Korean talks."
    assert letter.type == "Telegram"
    assert letter.languages == ("ru",)
    assert [s.path.name for s in letter.scans] == ["Kovalev-to-Stalin.pdf", "second-copy.pdf"]
    assert [s.label for s in letter.scans] == ["Full Text PDF", ""]
    (notes,) = letter.transcripts
    assert "Read in the reading room." in transcript.load_html(notes.path, notes.format)
    assert notes.language == "ru"
    assert records["Undated note"].languages == ("en", "ru")
    assert citation.cite(letter, citation.Style.HOUSE) == (
        '"Telegram to Stalin," May 18, 1949, AP RF. F. 4. Op. 1. D. 331. pp. 59-61. '
        "Translated by Gary Goldberg."
    )


def test_csl_json_language_names_become_codes(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(
        json.dumps(
            [
                {"id": "a", "type": "manuscript", "title": "One", "language": "English"},
                {"id": "b", "type": "manuscript", "title": "Two", "language": "русский"},
                {"id": "a", "type": "manuscript", "title": "Three", "keyword": "x, y"},
                {
                    "id": "d",
                    "type": "manuscript",
                    "title": "Four",
                    "issued": {"raw": "Spring 1949"},
                },
            ]
        ),
        encoding="utf-8",
    )
    report = _import(export, tmp_path / "out")
    assert [r.id for r in report.records] == ["a", "b", "a-2", "d"]
    records = _records(tmp_path / "out")
    assert records["One"].languages == ("en",)
    assert records["Two"].languages == ("ru",)
    assert records["Three"].subjects == ("x", "y")
    spring = records["Four"]
    assert (str(spring.date.iso() if spring.date else None), spring.date_text) == (
        "1949",
        "Spring 1949",
    )
    assert spring.inferred == frozenset({"date"})
    assert _errors(tmp_path / "out") == []


def test_an_xml_entity_bomb_is_refused_naming_the_file(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:z="http://www.zotero.org/namespaces/export#"><z:x>&b;</z:x></rdf:RDF>\n',
        encoding="utf-8",
    )
    with pytest.raises(archive.ArchiveError) as caught:
        formats.read(bomb)
    assert "bomb.rdf" in str(caught.value)
    assert "entities" in str(caught.value)


# --- The writer ---------------------------------------------------------------------------


def test_a_folder_of_scans_round_trips_to_the_same_records(tmp_path: Path) -> None:
    source = tmp_path / "scans"
    _pdf(source / "box 1" / "letter one.pdf")
    _pdf(source / "box 1" / "letter two.pdf", pages=3)
    _pdf(source / "memo.pdf")
    before = {p: p.stat().st_mtime_ns for p in source.rglob("*")}
    direct = formats.read(source)
    report = _import(source, tmp_path / "out")
    assert {p: p.stat().st_mtime_ns for p in source.rglob("*")} == before  # source untouched
    assert _errors(tmp_path / "out") == []
    written = archive.load_archive(tmp_path / "out")
    assert sorted((r.title, str(r.date), r.collection) for r in written.good_records()) == sorted(
        (r.title, str(r.date), r.collection) for r in direct.good_records()
    )
    # What the folder reader guessed is still marked as guessed.
    assert all("title" in r.inferred for r in written.good_records())
    assert report.inferred_counts()["title"] == 3
    assert sorted(report.added)[0] == "archive.toml"


def test_photos_of_one_document_become_one_pdf_turned_as_recorded(tmp_path: Path) -> None:
    photos = (_image(tmp_path / "p1.png"), _image(tmp_path / "p2.png"))
    record = Record(
        id="photos",
        title="Photographed letter",
        folder=tmp_path,
        scans=(Scan(path=photos[0], images=photos, orientations=((90, False), (0, True))),),
    )
    writer.import_archive(Archive(tmp_path, "Photos", (record,)), tmp_path / "out")
    assert _errors(tmp_path / "out") == []
    (scan,) = _records(tmp_path / "out")["Photographed letter"].scans
    with pymupdf.open(scan.path) as doc:
        assert doc.page_count == 2
        assert doc[0].rotation == 90
        assert doc[1].rotation == 0
    again = writer.import_archive(Archive(tmp_path, "Photos", (record,)), tmp_path / "out")
    assert "records/photos/p1.pdf" in again.unchanged
    assert again.updated == []


def test_reimport_updates_from_the_source_and_keeps_the_curators_edits(tmp_path: Path) -> None:
    source = tmp_path / "scans"
    _pdf(source / "a.pdf")
    _pdf(source / "b.pdf")
    dest = tmp_path / "out"
    _import(source, dest)
    again = _import(source, dest)
    assert again.added == again.updated == again.kept == []
    assert len(again.unchanged) == 5  # archive.toml, two record.toml, two scans

    edited = dest / "records" / "a" / "record.toml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace('title = "a"', 'title = "Letter of 1949"'),
        encoding="utf-8",
    )
    (dest / "records" / "a" / "curator-notes.txt").write_text("mine", encoding="utf-8")
    _pdf(source / "b.pdf", "changed")
    _pdf(source / "c.pdf")
    third = _import(source, dest)
    assert third.kept == ["records/a/record.toml"]
    assert "records/b/b.pdf" in third.updated
    assert "records/c/record.toml" in third.added
    titles = sorted(_records(dest))
    assert titles == ["Letter of 1949", "b", "c"]
    assert (dest / "records" / "a" / "curator-notes.txt").read_text(encoding="utf-8") == "mine"
    assert _errors(dest) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no leftovers


def test_a_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "scans"
    _pdf(source / "a.pdf")
    code = cli.main(["import", str(source), "--into", str(tmp_path / "out"), "--dry-run"])
    assert code == 0
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "scans",
        *sorted(
            p.name for p in tmp_path.iterdir() if p.name.startswith("xdg") or p.name == "basedir"
        ),
    ]
    out = capsys.readouterr().out
    assert "Would import 1 record from" in out
    assert "files added 3" in out


def test_bad_input_leaves_nothing_and_names_the_file_and_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.rdf"
    broken.write_text(_RDF.replace("</bib:Letter>", "</bib:Lettre>"), encoding="utf-8")
    code = cli.main(["import", str(broken), "--into", str(tmp_path / "out")])
    assert code == import_command.FAILURE
    error = capsys.readouterr().err
    assert str(broken) in error
    line = _RDF.splitlines().index("  </bib:Letter>") + 1
    assert f"is not well-formed XML at line {line}, column" in error
    assert not (tmp_path / "out").exists()


def test_a_failure_while_writing_leaves_dest_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "scans"
    _pdf(source / "a.pdf")
    dest = tmp_path / "out"
    _import(source, dest)
    before = _files(dest)
    not_an_image = tmp_path / "photo.png"
    not_an_image.write_bytes(b"not a picture")
    record = Record(
        id="photos",
        title="Photos",
        folder=tmp_path,
        scans=(Scan(path=not_an_image, images=(not_an_image,)),),
    )
    good = archive.load_archive(dest).good_records()
    with pytest.raises(writer.WriteError) as caught:
        writer.import_archive(Archive(tmp_path, "x", (*good, record)), dest)
    assert "photo.png" in str(caught.value)
    assert _files(dest) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_import_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    source = tmp_path / "scans"
    _pdf(source / "a.pdf")
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(writer.WriteError) as caught:
        _import(source, dest)
    assert "was not written by archive-viewer import" in str(caught.value)
    assert (dest / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_linked_scans_pass_check(tmp_path: Path) -> None:
    mode = writer.LinkMode.HARD
    source = tmp_path / "scans"
    pdf_file = _pdf(source / "a.pdf")
    import_command.run(source, tmp_path / "out", link=mode)
    assert _errors(tmp_path / "out") == []
    (record,) = _records(tmp_path / "out").values()
    linked = record.scans[0].path
    assert linked.stat().st_ino == pdf_file.stat().st_ino
    # The source rewritten in place (the linked file changes with it) is no edit of the curator.
    with pdf_file.open("r+b") as handle:
        handle.seek(0, os.SEEK_END)
        handle.write(b"\n%% appended\n")
    again = import_command.run(source, tmp_path / "out", link=mode)
    assert again.kept == []
    assert _errors(tmp_path / "out") == []


def test_record_toml_keeps_every_field_and_reads_back(tmp_path: Path) -> None:
    from viewer.domain.model import Name, PartialDate, Source

    record = Record(
        id="r1",
        title='A "quoted" title\nwith a line break',
        folder=tmp_path,
        date=PartialDate(1917, end=PartialDate(1920)),
        date_text="1917-20",
        summary="Sum",
        type="Letter",
        languages=("ru",),
        creators=(Name(family="Smith, Jr.", given="John"), Name(literal="CIA, Langley")),
        recipients=(Name(family="Lansing"),),
        subjects=("a",),
        places=("Moscow",),
        people=("Lenin",),
        pages="3",
        source=Source(archive="NARA", location="RG 59", note="n"),
        extra=(("box", "12"),),
        inferred=frozenset({"date"}),
    )
    writer.import_archive(Archive(tmp_path, "T", (record,)), tmp_path / "out")
    (back,) = archive.load_archive(tmp_path / "out").good_records()
    assert back.title == record.title
    assert back.date == record.date and back.date_text == "1917-20"
    assert back.creators == record.creators and back.recipients == record.recipients
    assert (back.places, back.people, back.pages, back.source) == (
        record.places,
        record.people,
        "3",
        record.source,
    )
    assert back.extra == (("box", "12"),)
    assert back.inferred == frozenset({"date"})
    schema = json.loads((REPO / "resources" / "record.schema.json").read_text(encoding="utf-8"))
    with (tmp_path / "out" / "records" / "r1" / "record.toml").open("rb") as handle:
        jsonschema.validate(tomllib.load(handle), schema)
    warnings = [p for p in check.check_path(tmp_path / "out") if p.severity == "warning"]
    assert [w.message for w in warnings] == ["the record has neither a transcript nor a scan"]
    assert os.access(tmp_path / "out", os.R_OK | os.X_OK)


def test_the_real_folder_of_scans_round_trips_and_passes_check(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "scans"
    direct = formats.read(source)
    report = import_command.run(source, tmp_path / "out", link=writer.LinkMode.HARD)
    assert len(report.records) == len(direct.good_records()) >= 16
    assert report.missing() == []
    assert _errors(tmp_path / "out") == []
    written = archive.load_archive(tmp_path / "out")
    assert sorted((r.title, str(r.date)) for r in written.good_records()) == sorted(
        (r.title, str(r.date)) for r in direct.good_records()
    )
    assert all(len(r.scans) == 1 for r in written.good_records())


def test_an_export_opened_as_it_is_shows_and_searches_its_notes(tmp_path: Path) -> None:
    from viewer.domain import search_source

    export = _zotero_export(tmp_path / "My Library")
    records = {r.title: r for r in formats.read(export).good_records()}
    (notes,) = records["Telegram to Stalin"].transcripts
    assert "Read in the reading room." in transcript.to_html(notes.text, notes.format)
    text, problem = search_source.transcript_text(notes)
    assert (text.strip(), problem) == ("Read in the reading room.", "")
    problems = check.check_path(export)
    assert [(p.path.name, p.severity) for p in problems] == [("lost.pdf", "error")]


def test_the_folder_of_zotero_exports_imports_every_export_in_it(
    corpus: Path, tmp_path: Path
) -> None:
    source = corpus / "imports" / "zotero"
    assert formats.detect(source).name == "zotero"
    report = _import(source, tmp_path / "out")
    assert sorted(r.title for r in report.records) == ["A", "B", "Test"]
    assert _errors(tmp_path / "out") == []
