"""Tropy exports, FRUS TEI volumes and IIIF manifests read as records a person would recognise."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
from pathlib import Path

import pymupdf
import pytest

from viewer.domain import archive, check, formats, pdf, transcript
from viewer.domain.archive import ArchiveError
from viewer.domain.formats import frus_tei, generated, iiif, tropy
from viewer.domain.model import Archive, Name, PartialDate, Record, TranscriptKind

# ---------------------------------------------------------------------------------------------
# Helpers


def _records(source: Archive) -> list[Record]:
    records = [r for r in source.records if isinstance(r, Record)]
    assert len(records) == len(source.records), [r for r in source.records if r not in records]
    return records


def _assert_valid(source: Archive) -> None:
    """Every record would pass `check` once written as record.toml: a valid, unique id, a
    title, a date that reads back as itself, and transcripts and scans that open."""
    records = _records(source)
    assert len({r.id for r in records}) == len(records)
    for record in records:
        assert archive.ID_PATTERN.match(record.id), record.id
        assert record.title.strip()
        if record.date is not None:
            assert archive.parse_date(record.date.iso()) == record.date
        for name in (*record.creators, *record.recipients, *record.contributors):
            assert name.family or name.literal
    errors = [p for p in check.check_records(source) if p.severity == "error"]
    assert errors == []


def _text(record: Record, index: int = 0) -> str:
    item = record.transcripts[index]
    return transcript.load_html(item.path, item.format)


def _image(path: Path, width: int = 60, height: int = 80) -> Path:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), 0)
    pix.clear_with(255)
    pix.set_rect(pymupdf.IRect(0, 0, width // 4, height), (0, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    pix.save(str(path))
    return path


def _jpeg_turned_by_exif(path: Path) -> Path:
    """A 40x20 landscape JPEG whose EXIF says: turn it a quarter clockwise to show it."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 20), 0)
    pix.clear_with(255)
    jpeg = pix.tobytes("jpg")
    tiff = b"MM\x00\x2a" + struct.pack(">IH", 8, 1) + struct.pack(">HHIHHI", 0x0112, 3, 1, 6, 0, 0)
    exif = b"Exif\x00\x00" + tiff
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:])
    return path


def _pdf(path: Path, pages: int) -> Path:
    doc = pymupdf.open()
    for number in range(pages):
        doc.new_page(width=300, height=400).insert_text((72, 72), f"Page {number + 1}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _extra(record: Record, key: str) -> str:
    return dict(record.extra).get(key, "")


# ---------------------------------------------------------------------------------------------
# Tropy


@pytest.fixture
def tropy_export(corpus: Path) -> Path:
    return corpus / "imports" / "tropy" / "annotations.json"


def test_tropy_items_become_records_with_their_template_fields(tropy_export: Path) -> None:
    assert formats.detect(tropy_export).name == "tropy"
    source = formats.read(tropy_export)
    assert formats.detect(source.root).name == "tropy"  # reopened from Recent as the export
    first, second = _records(source)
    assert (first.title, second.title) == ("IKEA Museum - sv-1951", "IKEA Museum - sv-1950")
    assert first.date == PartialDate(1951)
    assert first.creators == (Name(literal="IKEA"),)
    assert first.languages == ("sv",)  # "Swedish" in the export
    assert first.source.archive == "IKEA catalogue museum"
    assert first.rights == "©Inter IKEA Systems B.V"
    assert first.url.startswith("https://archive.org/details/ikea-museum-catalogues/")
    _assert_valid(source)


def test_tropy_notes_are_an_english_transcript_and_selections_are_regions(
    tropy_export: Path,
) -> None:
    first, second = _records(formats.read(tropy_export))
    assert [t.language for t in second.transcripts] == ["en"]
    text = _text(second)
    assert "Photo 2 (page 2)" in text and ".camera" in text and "Ordering list" in text
    regions = _extra(second, generated.REGIONS).splitlines()
    assert len(regions) == 9
    assert regions[0] == "Photo 1 (page 1), selection 1: 140×93 at (213, 4): .logo"
    assert "Photo 1 (page 1), selection 1: 177×207 at (104, 113): .product .armchair" in (
        _extra(first, generated.REGIONS)
    )


def test_tropy_photos_stored_on_another_machine_are_reported_missing(tropy_export: Path) -> None:
    first, second = _records(formats.read(tropy_export))
    assert first.scans == ()
    assert _extra(first, generated.MISSING_FILES).startswith(
        "IKEA Museum - sv-1951.pdf (pages 1–68): /Users/astrid/"
    )
    assert "(pages 1–16)" in _extra(second, generated.MISSING_FILES)


def test_tropy_photos_that_are_pages_of_a_pdf_beside_the_export_use_that_pdf(
    tropy_export: Path, tmp_path: Path
) -> None:
    export = Path(shutil.copy(tropy_export, tmp_path / "annotations.json"))
    _pdf(tmp_path / "catalogues" / "IKEA Museum - sv-1951.pdf", 68)
    source = tropy.read(export, work_root=tmp_path / "work")
    first, second = _records(source)
    (scan,) = first.scans
    assert scan.path.name == "IKEA Museum - sv-1951.pdf" and scan.note == ""
    with pdf.open_document(scan.path)[0] as doc:
        assert doc.page_count == 68
    assert _extra(first, generated.MISSING_FILES) == ""
    assert second.scans == ()  # its PDF is still missing
    _assert_valid(Archive(root=tmp_path, title="t", records=(first,)))


def _photo(path: Path, stored: str, **more: object) -> dict[str, object]:
    data = path.read_bytes()
    return {
        "@type": "Photo",
        "path": stored,
        "filename": Path(stored.replace("\\", "/")).name,
        "checksum": hashlib.md5(data, usedforsecurity=False).hexdigest(),
        "size": len(data),
        "mimetype": "image/png",
        "orientation": 1,
        "angle": 0,
        "mirror": False,
        **more,
    }


def test_tropy_photos_are_found_by_checksum_and_keep_their_turn_and_mirroring(
    tmp_path: Path,
) -> None:
    renamed = _jpeg_turned_by_exif(tmp_path / "photos" / "IMG_0001 copy.jpg")
    second = _image(tmp_path / "photos" / "b.png", 80, 60)
    export = tmp_path / "letters.json"
    export.write_text(
        json.dumps(
            {
                "@context": {
                    "@vocab": "https://tropy.org/v1/tropy#",
                    "dc": "http://purl.org/dc/elements/1.1/",
                    "title": "dc:title",
                    "date": "dc:date",
                    "creator": "dc:creator",
                    "recipient": "https://tropy.org/v1/tropy#recipient",
                    "photo": {"@id": "https://tropy.org/v1/tropy#photo", "@container": "@list"},
                },
                "@graph": [
                    {
                        "@type": "Item",
                        "title": "Letter to Anna",
                        "date": "1921-03-05",
                        "creator": "Tsvetaeva, Marina",
                        "recipient": "Akhmatova, Anna",
                        "dc:type": "Letter",
                        "dc:source": "RGALI",
                        "box": "3",
                        "folder": "12",
                        "shelf": "upper",
                        "dc:subject": "Poetry",
                        "tag": ["letters", "1921"],
                        "photo": [
                            _photo(renamed, "C:\\Users\\me\\Tropy\\IMG_0001.jpg", orientation=6),
                            _photo(second, "/home/else/b.png", angle=90, mirror=True),
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (record,) = _records(tropy.read(export, work_root=tmp_path / "work"))
    assert record.creators == (Name(family="Tsvetaeva", given="Marina"),)
    assert record.recipients == (Name(family="Akhmatova", given="Anna"),)
    assert record.type == "Letter" and record.date == PartialDate(1921, 3, 5)
    assert (record.source.archive, record.source.location) == ("RGALI", "Box 3, Folder 12")
    assert ("shelf", "upper") in record.extra
    assert record.subjects == ("Poetry", "letters", "1921")
    (scan,) = record.scans
    assert scan.images == (renamed.resolve(), second.resolve())
    assert scan.orientations == ((0, False), (90, True))
    with pdf.images_as_pdf(scan.images, scan.orientations) as doc:
        assert doc.page_count == 2
        # Turned once by its EXIF orientation (which Tropy records as 6), not twice.
        assert doc[0].rect.width < doc[0].rect.height
        assert doc[1].rect.width < doc[1].rect.height  # an 80x60 photo turned a quarter


def test_tropy_expanded_form_reads_like_the_compact_one(tmp_path: Path) -> None:
    dc, t = "http://purl.org/dc/elements/1.1/", "https://tropy.org/v1/tropy#"
    export = tmp_path / "expanded.json"
    note = {
        "@type": [t + "Note"],
        t + "html": [{"@value": "<p>Dear Anna, [illegible]</p>", "@language": "en"}],
    }
    item = {
        "@type": [t + "Item"],
        dc + "title": [{"@value": "Letter to Anna"}],
        dc + "date": [{"@value": "1921", "@type": t + "date"}],
        t + "photo": [
            {
                "@list": [
                    {
                        "@type": [t + "Photo"],
                        t + "path": [{"@value": "/elsewhere/p.png"}],
                        t + "note": [{"@list": [note]}],
                    }
                ]
            }
        ],
    }
    export.write_text(json.dumps([item]), encoding="utf-8")
    assert formats.detect(export).name == "tropy"
    (record,) = _records(tropy.read(export, work_root=tmp_path / "work"))
    assert (record.title, record.date) == ("Letter to Anna", PartialDate(1921))
    assert "Dear Anna" in _text(record)
    assert '<span class="editorial">[illegible]</span>' in _text(record)
    assert "p.png: /elsewhere/p.png" in _extra(record, generated.MISSING_FILES)


def test_a_broken_tropy_export_names_the_file_and_the_line(tmp_path: Path) -> None:
    export = tmp_path / "broken.json"
    export.write_text(
        '{"@context": {"@vocab": "https://tropy.org/v1/tropy#"},\n "@graph": [', "utf-8"
    )
    with pytest.raises(ArchiveError) as caught:
        formats.read(export)
    assert "broken.json" in str(caught.value)
    assert "line 2" in str(caught.value)


def test_reading_an_export_never_writes_beside_it(tropy_export: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    export = Path(shutil.copy(tropy_export, folder / "annotations.json"))
    tropy.read(export)
    tropy.read(export)  # again: the same files, rewritten only when they change
    assert [p.name for p in folder.iterdir()] == ["annotations.json"]


# ---------------------------------------------------------------------------------------------
# FRUS TEI


@pytest.fixture(scope="module")
def frus_volume(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    volume = corpus / "imports" / "frus" / "frus1918Russiav03.xml"
    if not volume.is_file():
        pytest.skip(f"the shared corpus is not at {corpus}")
    return frus_tei.read(volume, work_root=tmp_path_factory.mktemp("frus"))


def _doc(source: Archive, number: str) -> Record:
    record = source.find(f"frus1918Russiav03-d{number}")
    assert isinstance(record, Record)
    return record


def test_a_frus_volume_gives_one_record_per_document(frus_volume: Archive) -> None:
    assert len(frus_volume.records) == 478
    assert frus_volume.title == (
        "Papers Relating to the Foreign Relations of the United States, 1918, Russia, Volume III"
    )
    first = _doc(frus_volume, "1")
    assert first.title == "The Secretary of State to the Ambassador in Russia (Francis)"
    assert first.number == "1"
    assert first.date == PartialDate(1917, 4, 3)
    assert first.date_text == "April 3, 1917, 6 p.m."
    assert first.type == "Telegram"
    assert first.creators == (Name(literal="Secretary of State"),)
    assert first.recipients == (Name(family="Francis", given="David R."),)  # the persons list
    assert first.places == ("Washington",)
    assert first.source.location == "File No. 861.51/131"
    assert "source" in first.inferred  # the archive of a "File No." is the viewer's reading
    assert first.collection == frus_volume.title
    assert first.publisher == "United States Government Printing Office"
    assert first.url == "https://history.state.gov/historicaldocuments/frus1918Russiav03/d1"
    assert first.scans == ()


def test_frus_documents_without_a_dated_dateline_stay_undated(frus_volume: Archive) -> None:
    undated = _doc(frus_volume, "28")
    assert undated.date is None and undated.date_text == ""
    assert undated.creators == (Name(literal="Earl of Reading (Rufus Daniel Isaacs)"),)
    assert sum(1 for r in _records(frus_volume) if r.date is None) == 20


def test_frus_transcript_keeps_brackets_and_puts_footnotes_at_the_end(
    frus_volume: Archive,
) -> None:
    second = _text(_doc(frus_volume, "2"))
    assert '<span class="editorial">[5?]</span>' in second  # the editors' bracket, as printed
    assert "Petrograd" in second and "1161. Your 1295." in second
    with_note = _text(_doc(frus_volume, "8"))
    body, notes = with_note.split("<h4>Notes</h4>")
    assert "missions<sup>1</sup>" in body
    assert notes.startswith("<p><sup>1</sup> ")


def test_frus_enclosures_keep_their_own_heading_and_do_not_lend_their_date(
    frus_volume: Archive,
) -> None:
    letter = _doc(frus_volume, "66")
    assert letter.date == PartialDate(1918, 5, 4)  # the enclosure is dated May 2
    assert letter.recipients == (Name(family="Polk", given="Frank Lyon"),)
    assert letter.creators == (Name(family="Leffingwell"),)  # not in the persons list
    assert "<h3><em>The Russian Financial Attaché</em>" in _text(letter)


def test_every_frus_record_is_valid(frus_volume: Archive) -> None:
    _assert_valid(frus_volume)


def test_a_document_cut_out_of_a_volume_reads_on_its_own(corpus: Path, tmp_path: Path) -> None:
    path = corpus / "records" / "frus" / "frus1918Russiav03_d8.xml"
    assert formats.detect(path).name == "frus-tei"
    (record,) = _records(frus_tei.read(path, work_root=tmp_path))
    assert record.id == "frus1918Russiav03-d8"
    assert record.type == "Telegram"  # from the reviewed <opener><seg>[Telegram]</seg>
    assert record.date == PartialDate(1917, 4, 29)
    assert record.creators == (Name(family="Francis"),)
    assert record.url.endswith("/frus1918Russiav03/d8")


_TEI = 'xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"'


def test_xml_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = tmp_path / "laughs.xml"
    laughs.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n <!ENTITY lol "lol">\n'
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        f'<TEI {_TEI}><text><body><div type="document"><head>&lol2;</head></div>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        formats.read(laughs)
    assert "laughs.xml" in str(caught.value) and "never expanded" in str(caught.value)


def test_xml_with_an_external_entity_is_refused_without_reading_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    external = tmp_path / "external.xml"
    external.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        f'<TEI {_TEI}><text><body><div type="document"><head>&x;</head></div>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        frus_tei.read(external, work_root=tmp_path / "work")
    assert "SECRET" not in str(caught.value)
    assert not (tmp_path / "work").exists() or not any((tmp_path / "work").rglob("*.html"))


def test_malformed_tei_names_the_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "frus1900v01.xml"
    bad.write_text(
        f'<TEI {_TEI} xml:id="frus1900v01">\n<text><body>\n<div type="document"><p>x</div>\n'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        formats.read(bad)
    assert "frus1900v01.xml" in str(caught.value)
    assert "line 3, column" in str(caught.value)


def test_xi_include_is_never_resolved(tmp_path: Path) -> None:
    (tmp_path / "other.xml").write_text("<p>INCLUDED</p>", encoding="utf-8")
    volume = tmp_path / "frus1900v01.xml"
    volume.write_text(
        f'<TEI {_TEI} xmlns:xi="http://www.w3.org/2001/XInclude" xml:id="frus1900v01">'
        '<text><body><div type="document" xml:id="d1" n="1"><head>A note</head>'
        '<p>Before.</p><xi:include href="other.xml"/></div></body></text></TEI>',
        encoding="utf-8",
    )
    (record,) = _records(frus_tei.read(volume, work_root=tmp_path / "work"))
    assert "Before." in _text(record) and "INCLUDED" not in _text(record)
    assert record.url == "https://history.state.gov/historicaldocuments/frus1900v01/d1"


# ---------------------------------------------------------------------------------------------
# IIIF


def _manifest(corpus: Path, name: str, folder: Path) -> Path:
    return Path(shutil.copy(corpus / "imports" / "iiif" / name, folder / name))


def test_iiif_3_canvases_become_the_pages_of_one_scan_in_order(
    corpus: Path, tmp_path: Path
) -> None:
    manifest = _manifest(corpus, "manifest.json", tmp_path)
    assert formats.detect(manifest).name == "iiif"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    stand_ins = []
    for canvas in data["items"]:
        body = canvas["items"][0]["items"][0]["body"]
        identifier = body["service"][0]["id"].rsplit("/", 1)[-1]
        stand_ins.append(_image(tmp_path / "images" / f"{identifier}.jpg", 32, 46))
    (record,) = _records(iiif.read(manifest, work_root=tmp_path / "work"))
    assert record.title == "Simple Manifest - Book"
    (scan,) = record.scans
    assert scan.images == tuple(p.resolve() for p in stand_ins)
    assert _extra(record, generated.MISSING_FILES) == ""
    with pdf.images_as_pdf(scan.images) as doc:
        assert doc.page_count == 5
    _assert_valid(Archive(root=tmp_path, title="t", records=(record,)))


def test_iiif_2_metadata_pairs_and_attribution_are_fields(corpus: Path, tmp_path: Path) -> None:
    manifest = _manifest(corpus, "fg165hz3589.json", tmp_path)
    for number in range(1, 6):
        _image(tmp_path / f"fg165hz3589_{number}.jpg", 25, 33)
    (record,) = _records(formats.read(manifest))
    assert record.title == "Arrival, Processing and Departure Procedures/General Information"
    assert record.contributors == (Name(family="Tilghman", given="B. Noah"),)
    assert record.type == "Text"
    assert record.rights.startswith("Copyright (c) The Board of Trustees of the Leland Stanford")
    assert record.url == "https://purl.stanford.edu/fg165hz3589"
    assert record.relation.endswith("materials documenting Antarctica, 1972-2003")  # both kept
    assert [p.name for p in record.scans[0].images] == [f"fg165hz3589_{n}.jpg" for n in range(1, 6)]
    _assert_valid(Archive(root=tmp_path, title="t", records=(record,)))
    # Stanford's PDF is on its server: reported, never fetched.
    assert _extra(record, generated.MISSING_FILES) == (
        "PDF rendering: https://stacks.stanford.edu/file/fg165hz3589/fg165hz3589.pdf"
    )


def test_iiif_images_only_on_a_server_are_reported_missing(corpus: Path, tmp_path: Path) -> None:
    manifest = _manifest(corpus, "manifest.json", tmp_path)
    (record,) = _records(iiif.read(manifest, work_root=tmp_path / "work"))
    assert record.scans == ()
    missing = _extra(record, generated.MISSING_FILES).splitlines()
    assert len(missing) == 5
    assert missing[1].startswith("Frontispiece (canvas 2): https://iiif.io/api/image/3.0/")


def test_iiif_choice_local_pdf_rendering_and_supplementing_text(tmp_path: Path) -> None:
    _image(tmp_path / "front.png")
    _pdf(tmp_path / "letter.pdf", 2)

    def canvas(number: int, body: dict[str, object]) -> dict[str, object]:
        return {
            "id": f"c{number}",
            "type": "Canvas",
            "label": {"en": [f"Side {number}"]},
            "items": [
                {"type": "AnnotationPage", "items": [{"motivation": "painting", "body": body}]}
            ],
            "annotations": [
                {
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "motivation": "supplementing",
                            "body": {
                                "type": "TextualBody",
                                "language": "de",
                                "format": "text/plain",
                                "value": f"Liebe Anna, Seite {number}",
                            },
                        }
                    ],
                }
            ],
        }

    choice = {"type": "Choice", "items": [{"id": "front.png", "type": "Image"}, {"id": "x.png"}]}
    manifest = tmp_path / "letter.json"
    manifest.write_text(
        json.dumps(
            {
                "@context": "http://iiif.io/api/presentation/3/context.json",
                "id": "https://example.org/letter/manifest",
                "type": "Manifest",
                "label": {"de": ["Brief an Anna"]},
                "summary": {"en": ["A letter, two sides."]},
                "navDate": "1921-03-05T00:00:00Z",
                "rights": "http://creativecommons.org/licenses/by/4.0/",
                "requiredStatement": {"label": {"en": ["Attribution"]}, "value": {"en": ["X"]}},
                "metadata": [
                    {"label": {"en": ["Creator"]}, "value": {"none": ["Tsvetaeva, Marina"]}},
                    {"label": {"en": ["Repository"]}, "value": {"en": ["RGALI"]}},
                    {"label": {"en": ["Shelfmark"]}, "value": {"en": ["F. 1190, op. 3"]}},
                    {"label": {"en": ["Ink"]}, "value": {"en": ["violet"]}},
                ],
                "rendering": [{"id": "letter.pdf", "type": "Text", "format": "application/pdf"}],
                "items": [canvas(1, choice), canvas(2, {"id": "back.png", "type": "Image"})],
            }
        ),
        encoding="utf-8",
    )
    (record,) = _records(iiif.read(manifest, work_root=tmp_path / "work"))
    assert (record.title, record.summary) == ("Brief an Anna", "A letter, two sides.")
    assert record.date == PartialDate(1921, 3, 5)
    assert record.creators == (Name(family="Tsvetaeva", given="Marina"),)
    assert (record.source.archive, record.source.location) == ("RGALI", "F. 1190, op. 3")
    assert record.rights == "http://creativecommons.org/licenses/by/4.0/; Attribution: X"
    assert ("Ink", "violet") in record.extra
    (scan,) = record.scans
    assert scan.path == (tmp_path / "letter.pdf").resolve()  # the local rendering, as it is
    (text,) = record.transcripts
    assert text.language == "de" and text.kind is TranscriptKind.TRANSCRIPTION
    shown = _text(record)
    assert shown.index("Seite 1") < shown.index("Side 2") < shown.index("Seite 2")
    _assert_valid(Archive(root=tmp_path, title="t", records=(record,)))


def test_iiif_choice_takes_its_first_item_when_there_is_no_pdf(tmp_path: Path) -> None:
    first = _image(tmp_path / "a.png")
    _image(tmp_path / "b.png")
    manifest = tmp_path / "m.json"
    manifest.write_text(
        json.dumps(
            {
                "@context": "http://iiif.io/api/presentation/3/context.json",
                "type": "Manifest",
                "label": {"en": ["M"]},
                "items": [
                    {
                        "type": "Canvas",
                        "items": [
                            {
                                "items": [
                                    {
                                        "motivation": "painting",
                                        "body": {
                                            "type": "Choice",
                                            "items": [{"id": "a.png"}, {"id": "b.png"}],
                                        },
                                    }
                                ]
                            }
                        ],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (record,) = _records(iiif.read(manifest, work_root=tmp_path / "work"))
    assert record.scans[0].images == (first.resolve(),)


def test_a_manifest_without_canvases_is_a_clear_error(tmp_path: Path) -> None:
    manifest = tmp_path / "empty.json"
    manifest.write_text(
        '{"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest"}',
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        formats.read(manifest)
    assert "empty.json" in str(caught.value) and "no canvases" in str(caught.value)


def test_frus_ranges_and_supplied_dates_are_kept_as_such(tmp_path: Path) -> None:
    volume = tmp_path / "frus1900v01.xml"
    volume.write_text(
        f'<TEI {_TEI} xml:id="frus1900v01"><teiHeader><fileDesc><titleStmt>'
        '<title type="complete">Papers, 1900</title><editor role="primary">Gary Goldberg</editor>'
        "</titleStmt></fileDesc></teiHeader><text><body>"
        '<div type="document" xml:id="d1" n="1"><head>Memorandum<note n="1" xml:id="d1fn1">'
        "Drafted by Hay.</note> on Russia</head>"
        '<dateline>[<placeName>Washington</placeName>, <date notBefore="1900-01-01" '
        'notAfter="1900-03-31">January–March 1900</date>]</dateline><p>Text.</p></div>'
        '<div type="document" xml:id="d2" n="2" frus:doc-dateTime-min="1900-04-02T09:00:00" '
        'frus:doc-dateTime-max="1900-04-05T18:00:00"><head>Note</head>'
        "<p>Undated in print.</p></div></body></text></TEI>",
        encoding="utf-8",
    )
    first, second = _records(frus_tei.read(volume, work_root=tmp_path / "work"))
    assert first.title == "Memorandum on Russia"  # its footnote is not part of the title
    assert first.date == PartialDate(1900, 1, 1, PartialDate(1900, 3, 31))
    assert first.date_text == "January–March 1900"
    assert "date" in first.inferred  # the editors' brackets: not on the original
    assert first.contributors == (Name(family="Goldberg", given="Gary"),)
    assert first.collection == "Papers, 1900"
    assert "Drafted by Hay." in _text(first).split("<h4>Notes</h4>")[1]
    assert second.date == PartialDate(1900, 4, 2, PartialDate(1900, 4, 5))
    assert "date" not in second.inferred


def test_check_warns_of_each_missing_file_and_refuses_entities(
    tropy_export: Path, tmp_path: Path
) -> None:
    problems = check.check_path(tropy_export)
    assert [p.severity for p in problems] == ["warning", "warning"]
    assert (
        problems[0]
        .line()
        .startswith(
            f"warning: {tropy_export}: IKEA-Museum-sv-1951: not found: IKEA Museum - sv-1951.pdf"
        )
    )
    laughs = tmp_path / "frus-laughs.xml"
    laughs.write_text(
        f'<!DOCTYPE TEI [<!ENTITY a "aaaa">]><TEI {_TEI}><text><body>&a;</body></text></TEI>',
        encoding="utf-8",
    )
    (problem,) = check.check_path(laughs)
    assert problem.severity == "error" and "never expanded" in problem.message


def test_a_remote_dtd_is_never_fetched_and_the_volume_still_reads(tmp_path: Path) -> None:
    volume = tmp_path / "frus1900v02.xml"
    volume.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n'
        f'<TEI {_TEI} xml:id="frus1900v02"><text><body><div type="document" xml:id="d1" n="1">'
        "<head>Memorandum</head><p>Text.</p></div></body></text></TEI>",
        encoding="utf-8",
    )
    (record,) = _records(frus_tei.read(volume, work_root=tmp_path / "work"))
    assert record.title == "Memorandum" and "Text." in _text(record)


def test_a_iiif_collection_is_refused_with_advice(tmp_path: Path) -> None:
    collection = tmp_path / "collection.json"
    collection.write_text(
        '{"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Collection"}',
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        formats.read(collection)
    assert "collection.json: is a IIIF Collection" in str(caught.value)
    assert "open the manifests" in str(caught.value)


def test_tropy_photos_that_are_some_pages_of_a_pdf_say_which_on_the_scan(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "box" / "minutes.pdf", 5)
    photos = [
        {**_photo(source, "D:\\scans\\minutes.pdf", page=page), "mimetype": "application/pdf"}
        for page in (1, 3)
    ]
    photos[1]["angle"] = 180
    export = tmp_path / "minutes.json"
    export.write_text(
        json.dumps(
            {
                "@context": {"@vocab": "https://tropy.org/v1/tropy#"},
                "@graph": [{"@type": "Item", "photo": {"@list": photos}}],
            }
        ),
        encoding="utf-8",
    )
    (record,) = _records(tropy.read(export, work_root=tmp_path / "work"))
    assert record.title == "Item 1" and "title" in record.inferred  # nothing to take it from
    (scan,) = record.scans
    assert scan.path == source.resolve()
    assert scan.note == (
        "Tropy's photos are pages 2, 4 of it. "
        "Pages Tropy shows turned or mirrored are shown as scanned"
    )
