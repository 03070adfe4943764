# mypy: untyped-calls-exclude=pymupdf
"""The bundled sample archive and tools/make_samples.py, the script that writes it."""

from __future__ import annotations

import html.parser
import statistics
import tomllib
from pathlib import Path
from types import ModuleType

import pymupdf
import pytest

REPO = Path(__file__).resolve().parents[2]
SEED_PAGE = REPO.parent / "shared" / "seed" / "000_f0d78e7d9cb9610e.txt"

TELEGRAM = "records/1949-05-18-telegram"
BILINGUAL = "records/specimen-bilingual"
CARD = "records/specimen-card"

SEED_TITLE = (
    "Telegram from the leader of the group of Soviet specialists in Northeast China to the "
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    "military cooperation"
)
SEED_SUMMARY = (
    "A telegram from the leader of the group of Soviet specialists in Northeast China to the "
    "Chairman of the USSR Council of Ministers about the results of Chinese-Korean talks on "
    "military cooperation."
)
BRACKETED_NOTES = (
    "[informbyuro]",
    "[ne sozrel]",
    "[SIC, Kominformbyuro]",
    "[North Korea]",
    "[SIC, vzaimnye]",
    "[dogovorit'sya, which can also mean \"negotiate]",
)
FACSIMILE_STATEMENT = "Facsimile typeset by Archive Viewer"
TELEGRAM_SUBJECT = (
    "Facsimile typeset by Archive Viewer from the published English translation; not the "
    "original scan. The original is held in the Archive of the President of the Russian "
    "Federation (AP RF), F. 4. Op. 1. D. 331, pp. 59-61."
)
PAGE_COUNTS = {TELEGRAM: 3, BILINGUAL: 1, CARD: 2}


class _TextParser(html.parser.HTMLParser):
    """Collects the text of each `<p>` of an HTML fragment, entities resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._open = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.paragraphs[-1] += data


def _paragraphs(fragment: str) -> list[str]:
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return parser.paragraphs


def _record(samples: Path, folder: str) -> dict[str, object]:
    with (samples / folder / "record.toml").open("rb") as file:
        return tomllib.load(file)


@pytest.fixture
def make_samples(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """tools/make_samples.py, imported as the script imports its sibling facsimile module."""
    monkeypatch.syspath_prepend(str(REPO / "tools"))
    import make_samples as module

    return module


def test_script_writes_byte_identical_files_twice(make_samples: ModuleType, tmp_path: Path) -> None:
    first = make_samples.build(tmp_path / "a", [make_samples.BILINGUAL_ID])
    second = make_samples.build(tmp_path / "b", [make_samples.BILINGUAL_ID])
    names = [path.relative_to(tmp_path / "a").as_posix() for path in first]
    assert names == [path.relative_to(tmp_path / "b").as_posix() for path in second]
    assert "records/specimen-bilingual/scan.pdf" in names
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_committed_text_files_are_what_the_script_writes(
    make_samples: ModuleType, samples: Path, tmp_path: Path
) -> None:
    written = make_samples.build(tmp_path, scans=False)
    assert len(written) == 7
    for path in written:
        name = path.relative_to(tmp_path)
        assert (samples / name).read_bytes() == path.read_bytes(), f"samples/{name} is stale"


def test_main_writes_into_the_folder_given_with_out(
    make_samples: ModuleType, tmp_path: Path
) -> None:
    assert make_samples.main(["--out", str(tmp_path), "--only", "specimen-card"]) == 0
    assert (tmp_path / "archive.toml").is_file()
    assert (tmp_path / CARD / "scan.pdf").is_file()
    assert not (tmp_path / TELEGRAM).exists()


def test_seed_transcript_keeps_the_translators_bracketed_notes_exactly(samples: Path) -> None:
    fragment = (samples / TELEGRAM / "transcript.en.html").read_text(encoding="utf-8")
    text = "\n".join(_paragraphs(fragment))
    for note in BRACKETED_NOTES:
        assert note in fragment, note
        assert note in text, note
    assert "<span" not in fragment
    assert "<mark" not in fragment


def test_seed_transcript_opens_with_the_telegram_header(samples: Path) -> None:
    fragment = (samples / TELEGRAM / "transcript.en.html").read_text(encoding="utf-8")
    paragraphs = _paragraphs(fragment)
    assert paragraphs[:3] == [
        "Nº 54611",
        "18 May 1949 1718",
        "Yesterday, 17 May, Mao Zedong asked me to inform you of the following:",
    ]
    assert paragraphs[4:7] == [
        "1. The situation in the Orient.",
        "2. The creation of an information bureau.",
        "3. Aid to North Korea with officer personnel and weapons.",
    ]
    assert len(paragraphs) == 18
    assert paragraphs[-1].startswith("Cde. Mao Zedong passed the information in the presence")


def test_seed_transcript_matches_the_seed_page_word_for_word(samples: Path) -> None:
    if not SEED_PAGE.is_file():
        pytest.skip(f"the seed page is not at {SEED_PAGE}")
    page = SEED_PAGE.read_text(encoding="utf-8").split("\n\n")
    start = next(i for i, block in enumerate(page) if block.startswith("Nº 54611"))
    end = next(i for i, block in enumerate(page) if block.startswith("Cde. Mao Zedong passed"))
    expected = [block.rstrip() for block in page[start : end + 1]]
    fragment = (samples / TELEGRAM / "transcript.en.html").read_text(encoding="utf-8")
    assert _paragraphs(fragment) == expected


def test_seed_record_carries_what_the_record_page_shows(samples: Path) -> None:
    record = _record(samples, TELEGRAM)
    assert record["id"] == "1949-05-18-telegram"
    assert record["title"] == SEED_TITLE
    assert record["date"] == "1949-05-18"
    assert record["summary"] == SEED_SUMMARY
    assert record["type"] == "Telegram"
    assert record["languages"] == ["ru"]
    assert record["translators"] == ["Goldberg, Gary"]
    assert record["collection"] == "History and Public Policy Program Digital Archive"
    assert record["funding"] == (
        "This document was made possible with support from the Leon Levy Foundation"
    )
    assert record["source"] == {
        "archive": "AP RF",
        "location": "F. 4. Op. 1. D. 331. pp. 59-61",
        "note": "Archive of the President of the Russian Federation",
    }
    people = record["people"]
    assert isinstance(people, list)
    for person in ("Mao Zedong", "Kim Il", "Kim Il Sung", "Gao Gang", "Douglas MacArthur"):
        assert person in people
    places = record["places"]
    assert isinstance(places, list)
    for place in ("North Korea", "South Korea", "Manchuria", "Shenyang", "Yalu River", "Moscow"):
        assert place in places
    assert "Wilson Center" in str(record["rights"])
    assert "sample for study" in str(record["rights"])
    assert "record page" in str(record["relation"])
    assert record["transcripts"] == [
        {
            "file": "transcript.en.html",
            "language": "en",
            "kind": "translation",
            "label": "English translation",
            "translators": ["Goldberg, Gary"],
        }
    ]
    assert record["scans"] == [
        {
            "file": "scan.pdf",
            "label": "Facsimile (typeset by Archive Viewer)",
            "generated": True,
            "note": TELEGRAM_SUBJECT,
        }
    ]


@pytest.mark.parametrize("folder", [TELEGRAM, BILINGUAL, CARD])
def test_every_record_declares_its_fields_and_a_generated_scan(samples: Path, folder: str) -> None:
    record = _record(samples, folder)
    assert record["format_version"] == 1
    assert record["id"] == folder.removeprefix("records/")
    for key in ("title", "date", "summary", "type", "rights", "relation"):
        assert isinstance(record[key], str)
        assert record[key], key
    assert record["languages"]
    scans = record["scans"]
    assert isinstance(scans, list)
    assert len(scans) == 1
    assert scans[0]["generated"] is True
    assert scans[0]["note"].startswith(FACSIMILE_STATEMENT)
    assert (samples / folder / scans[0]["file"]).is_file()
    for transcript in record.get("transcripts", []):  # type: ignore[attr-defined]
        assert (samples / folder / transcript["file"]).is_file()


def test_specimens_say_they_are_written_by_the_project(samples: Path) -> None:
    letter = _record(samples, BILINGUAL)
    card = _record(samples, CARD)
    for record in (letter, card):
        assert record["creators"] == ["Archive Viewer"]
        assert record["date"] == "2026-11-27"
        assert str(record["rights"]).startswith("CC0")
        assert "specimen written by the Archive Viewer project" in str(record["relation"])
    assert letter["languages"] == ["en"]
    assert [t["language"] for t in letter["transcripts"]] == ["en", "ru"]  # type: ignore[attr-defined]
    assert "transcripts" not in card
    assert "no transcript" in str(card["summary"])
    assert not list((samples / CARD).glob("transcript.*"))


def test_specimen_transcripts_are_markdown_and_russian_with_editorial_notes(samples: Path) -> None:
    english = (samples / BILINGUAL / "transcript.en.md").read_text(encoding="utf-8")
    assert english.startswith("# Specimen: a note for readers of this archive\n")
    assert "*specimen*" in english
    assert "\n1. **The transcript** stands beside **the scan**." in english
    assert "teh [SIC, the] typist" in english
    assert "[record 1949-05-18-telegram in this archive]" in english
    russian = (samples / BILINGUAL / "transcript.ru.txt").read_text(encoding="utf-8")
    assert russian.startswith("Перевод с английского языка выполнен проектом Archive Viewer.")
    assert "Образец: записка для читателей этого архива" in russian
    assert "[запись 1949-05-18-telegram в этом архиве]" in russian


def test_archive_toml_says_the_scans_are_facsimiles(samples: Path) -> None:
    with (samples / "archive.toml").open("rb") as file:
        archive = tomllib.load(file)
    assert archive["format_version"] == 1
    assert archive["title"] == "Archive Viewer sample archive"
    assert "facsimiles typeset by the project, not the originals" in archive["description"]


@pytest.mark.parametrize(("folder", "pages"), sorted(PAGE_COUNTS.items()))
def test_every_scan_opens_with_its_page_count_and_facsimile_statement(
    samples: Path, folder: str, pages: int
) -> None:
    with pymupdf.open(samples / folder / "scan.pdf") as document:
        assert document.page_count == pages
        metadata = document.metadata
        assert metadata is not None
        assert metadata["subject"].startswith(FACSIMILE_STATEMENT)
        assert metadata["creator"] == "Archive Viewer tools/make_samples.py"
        assert metadata["creationDate"] == "D:20261127000000Z"
        for page in document:
            assert len(page.get_images()) == 1
            assert FACSIMILE_STATEMENT in page.get_text()


def test_telegram_scan_subject_names_where_the_original_is_held(samples: Path) -> None:
    with pymupdf.open(samples / TELEGRAM / "scan.pdf") as document:
        assert document.metadata is not None
        assert document.metadata["subject"] == TELEGRAM_SUBJECT
        assert document.metadata["title"] == SEED_TITLE


@pytest.mark.parametrize("folder", sorted(PAGE_COUNTS))
def test_scan_pages_show_typed_text_not_a_blank_sheet(samples: Path, folder: str) -> None:
    with pymupdf.open(samples / folder / "scan.pdf") as document:
        for page in document:
            pixmap = page.get_pixmap(dpi=36, colorspace=pymupdf.csGRAY)
            values = pixmap.samples
            # Type is dark on light paper: a blank or black page has neither spread nor both ends.
            assert statistics.pvariance(values) > 150
            assert min(values) < 120
            assert statistics.median(values) > 200


def test_text_layer_is_invisible_and_searchable(samples: Path) -> None:
    with pymupdf.open(samples / TELEGRAM / "scan.pdf") as document:
        text = "".join(page.get_text() for page in document)
        for page in document:
            assert {span["type"] for span in page.get_texttrace()} == {3}
        assert document[0].search_for("Kim Il Sung")
        assert document[2].search_for("Yalu River")
    words = " ".join(text.split())
    for note in BRACKETED_NOTES:
        assert note in words, note


def test_card_scan_mixes_a_landscape_card_and_a_portrait_sheet(samples: Path) -> None:
    with pymupdf.open(samples / CARD / "scan.pdf") as document:
        card, sheet = document[0].rect, document[1].rect
    assert (card.width, card.height) == (576, 360)
    assert (sheet.width, sheet.height) == (595, 842)


def test_scans_stay_small(samples: Path) -> None:
    assert (samples / TELEGRAM / "scan.pdf").stat().st_size < 600_000
    total = sum(path.stat().st_size for path in samples.rglob("*.pdf"))
    assert total < 1_000_000
