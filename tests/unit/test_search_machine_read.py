"""Machine-read (OCR) text in the archive index: searchable, marked as such, left out on demand."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.unit.test_search import ids, write_record
from viewer.domain import archive as loader
from viewer.domain import model, ocr, ocr_cache, search
from viewer.domain import search_source as source
from viewer.domain.folding import fold

CARD = "1952-card"
LETTER = "1952-letter"


class FakeMachineText:
    """What the OCR cache would give: the recognised pages of some scans, by path or by file
    name (the keeper, which compares versions by path, needs paths)."""

    def __init__(self, pages: dict[str, list[str]]) -> None:
        self.texts = pages
        self.refreshed = 0

    def stamp(self) -> object:
        return repr(sorted(self.texts.items()))

    def refresh(self) -> dict[str, str]:
        self.refreshed += 1
        return {name: str(len(pages)) for name, pages in self.texts.items()}

    def version(self, path: Path) -> str:
        pages = self.pages(path)
        return str(len(pages)) if pages else ""

    def pages(self, path: Path) -> Sequence[str]:
        return self.texts.get(str(path), self.texts.get(path.name, []))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A card with an image-only scan and no transcript, and a letter with both."""
    root = tmp_path / "archive"
    card = write_record(root, CARD, "Consular card", date="1952-02-01")
    (card / "card.pdf").write_bytes(b"%PDF stand-in: its text is machine-read")
    letter = write_record(
        root, LETTER, "Letter from the consul", "The consul wrote about the visa.", date="1952"
    )
    (letter / "letter.pdf").write_bytes(b"%PDF stand-in")
    return root


def index_with(root: Path, machine_text: FakeMachineText) -> search.SearchIndex:
    archive = loader.load_archive(root)
    index = search.SearchIndex.open(search.IndexLocation(search.cache_index_path(archive.root)))
    index.update(archive, machine_text=machine_text)
    return index


MACHINE = FakeMachineText(
    {"card.pdf": ["PASSPORT No. 4471", "Visa granted Vladivostok"], "letter.pdf": ["visa"]}
)


def test_machine_read_text_is_found_and_its_hits_say_so(root: Path) -> None:
    with index_with(root, MACHINE) as index:
        found = index.search("vladivostok")
        assert ids(found) == [CARD]
        assert found.hits[0].machine_read
        assert "Vladivostok" in found.hits[0].snippet
        assert (found.facets.machine_read_only, found.facets.without_machine_read) == (1, 0)
        both = index.search("visa")
        assert sorted(ids(both)) == [CARD, LETTER]
        marked = {hit.record_id: hit.machine_read for hit in both.hits}
        assert marked == {CARD: True, LETTER: False}  # the letter's transcript says "visa"


def test_machine_read_text_can_be_left_out(root: Path) -> None:
    checked = search.Filters(machine_read=False)
    with index_with(root, MACHINE) as index:
        assert index.search("vladivostok", checked).total == 0
        found = index.search("visa", checked)
        assert ids(found) == [LETTER]
        assert not found.hits[0].machine_read
        assert found.facets.without_machine_read == 1
        assert index.record_ids("visa OR passport", checked) == [LETTER]
        assert checked.narrows_records() is False
        assert not checked.is_empty()


def test_an_index_without_machine_read_text_marks_nothing(root: Path) -> None:
    with index_with(root, FakeMachineText({})) as index:
        found = index.search("visa")
        assert ids(found) == [LETTER]
        assert not found.hits[0].machine_read
        assert (found.facets.machine_read_only, found.facets.without_machine_read) == (0, 0)


def test_newly_machine_read_pages_change_the_fingerprint_and_are_indexed(root: Path) -> None:
    machine = FakeMachineText({})
    with index_with(root, machine) as index:
        assert index.search("passport").total == 0
        machine.texts["card.pdf"] = ["PASSPORT No. 4471"]
        stats = index.update(loader.load_archive(root), machine_text=machine)
        assert (stats.updated, stats.unchanged) == (1, 1)
        assert ids(index.search("passport")) == [CARD]
        assert machine.refreshed == 2  # each update looks again at what is recognised


def test_a_transcript_of_kind_ocr_is_machine_read_text(root: Path) -> None:
    folder = root / CARD
    (folder / "ocr.en.txt").write_text("Stamped at the frontier post.", encoding="utf-8")
    with (folder / "record.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[[transcripts]]\nfile = "ocr.en.txt"\nlanguage = "en"\nkind = "ocr"\n')
    record = loader.load_record(folder)
    assert isinstance(record, model.Record)
    assert record.transcripts[0].kind is model.TranscriptKind.OCR
    document = source.document(record, None)
    assert (document.body, document.machine_text) == ("", "Stamped at the frontier post.")
    with index_with(root, FakeMachineText({})) as index:
        found = index.search("frontier")
        assert ids(found) == [CARD]
        assert found.hits[0].machine_read
        assert index.search("frontier", search.Filters(machine_read=False)).total == 0


def _downgrade_to_schema_2(path: Path) -> None:
    """Make `path` look like a file of schema 2: no machine-read text column."""
    connection = sqlite3.connect(path)
    connection.create_function("fold", 1, fold)
    connection.executescript(
        "DROP TABLE fts;"
        "ALTER TABLE documents DROP COLUMN machine_text;"
        "ALTER TABLE records DROP COLUMN has_machine_text;"
        "CREATE VIRTUAL TABLE fts USING fts5(title, summary, metadata, body, scan_text, "
        "content='documents', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3');"
        "INSERT INTO fts(rowid, title, summary, metadata, body, scan_text) SELECT rowid, "
        "fold(title), fold(summary), fold(metadata), fold(body), fold(scan_text) FROM documents;"
        "PRAGMA user_version = 2;"
    )
    connection.close()


def test_schema_2_is_migrated_and_records_with_machine_read_text_read_again(root: Path) -> None:
    with index_with(root, FakeMachineText({})) as index:
        path = index.location.path
    _downgrade_to_schema_2(path)
    with search.SearchIndex.open(search.IndexLocation(path)) as index:
        assert ids(index.search("consul")) == [LETTER]
        stats = index.update(loader.load_archive(root), machine_text=MACHINE)
        assert (stats.updated, stats.unchanged) == (2, 0)  # both scans have machine-read text
        assert ids(index.search("vladivostok")) == [CARD]
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
    connection.close()


def test_a_shipped_index_of_schema_2_is_searched_with_the_facet_as_it_is(
    root: Path, tmp_path: Path
) -> None:
    shipped = tmp_path / "index.sqlite"
    search.export_index(loader.load_archive(root), shipped, cache_dir=tmp_path / "publisher")
    _downgrade_to_schema_2(shipped)
    with search.SearchIndex.open(search.IndexLocation(shipped, read_only=True)) as index:
        for filters in (search.Filters(), search.Filters(machine_read=False)):
            found = index.search("visa", filters)
            assert ids(found) == [LETTER]
            assert not found.hits[0].machine_read


def test_recognised_text_comes_from_the_ocr_cache_while_the_file_is_unchanged(
    tmp_path: Path,
) -> None:
    scan = tmp_path / "card.pdf"
    scan.write_bytes(b"%PDF stand-in")
    cache = ocr_cache.OcrCache(tmp_path / "cache" / ocr_cache.FILE_NAME)
    content = cache.content_of(scan)
    words = (
        ocr.OcrWord("Visa", 0, 0, 10, 5, 91.0, 1, 1),
        ocr.OcrWord("granted", 11, 0, 30, 5, 40.0, 1, 1),
    )
    cache.put(content, ocr.OcrPage(1, "eng", words))
    card = (ocr.OcrWord("Card", 0, 0, 9, 5, 95.0, 1, 1),)
    cache.put(content, ocr.OcrPage(0, "eng", card, recogniser=1))
    cache.put(content, ocr.OcrPage(2, "eng", (), "Tesseract failed"))
    cache.close()
    version = ocr.RECOGNISER_VERSION
    recognised = ocr_cache.RecognisedText(tmp_path / "cache" / ocr_cache.FILE_NAME)
    assert recognised.version(scan) == ""
    assert recognised.refresh() == {str(scan.resolve()): f"{content}:2:{version + 1}"}
    assert recognised.version(scan) == f"{content}:2:{version + 1}"
    assert recognised.pages(scan) == ["Card", "Visa granted"]
    stamp = recognised.stamp()
    recognised.refresh()
    assert recognised.stamp() == stamp  # reading changes nothing; storing a page does
    writer = ocr_cache.OcrCache(tmp_path / "cache" / ocr_cache.FILE_NAME)
    writer.put(content, ocr.OcrPage(3, "eng", (ocr.OcrWord("Seal", 0, 0, 9, 5, 95.0, 1, 1),)))
    assert recognised.stamp() != stamp
    assert recognised.refresh() == {str(scan.resolve()): f"{content}:3:{2 * version + 1}"}
    writer.put(content, ocr.OcrPage(0, "eng", card))  # read again by the current recogniser
    writer.close()
    assert recognised.refresh() == {str(scan.resolve()): f"{content}:3:{3 * version}"}
    scan.write_bytes(b"%PDF stand-in, changed since it was read")
    assert recognised.pages(scan) == []
    assert ocr_cache.RecognisedText(tmp_path / "nowhere.sqlite3").refresh() == {}


def test_every_photo_of_a_document_of_photos_gives_its_machine_read_text(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    images = (folder / "doc_p1.png", folder / "doc_p2.png")
    for image in images:
        image.write_bytes(b"stand-in")
    record = model.Record("doc", "Photos", folder, scans=(model.Scan(images[0], images=images),))
    machine = FakeMachineText({"doc_p1.png": ["Harbour inspection"]})
    before = source.fingerprint(record, machine)
    machine.texts["doc_p2.png"] = ["Lighthouse keeper wages"]
    assert source.fingerprint(record, machine) != before  # the second photo was read meanwhile
    text = source.document(record, None, machine_text=machine).machine_text
    assert "Harbour" in text and "Lighthouse" in text
