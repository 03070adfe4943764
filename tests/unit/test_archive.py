"""Loading and validating archive folders and records."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from viewer.domain import archive
from viewer.domain.formats import document
from viewer.domain.model import (
    BrokenRecord,
    Name,
    PartialDate,
    Record,
    TranscriptFormat,
    TranscriptKind,
)

SEED_RECORD = """
format_version = 1
id = "1949-05-18-telegram"
title = "Telegram about the results of the Chinese-Korean talks"
date = "1949-05-18"
summary = "A telegram."
type = "Telegram"
languages = ["ru"]
translators = ["Goldberg, Gary"]
creators = [{ literal = "Leader of the group of Soviet specialists" }]
collection = "History and Public Policy Program Digital Archive"
funding = "Made possible with support from the Leon Levy Foundation"
subjects = ["Korean War"]
shelf_mark = "unknown to this version"

[source]
archive = "AP RF"
location = "F. 4. Op. 1. D. 331. pp. 59-61"

[[transcripts]]
file = "transcript.en.html"
language = "en"
kind = "translation"
label = "English translation"
"""


def write_record(folder: Path, text: str, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "record.toml").write_text(text, encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_record_reads_every_field_of_the_seed_form(tmp_path: Path) -> None:
    folder = write_record(
        tmp_path / "r", SEED_RECORD, {"transcript.en.html": "<p>x</p>", "transcript.ru.txt": "т"}
    )
    record = archive.load_record(folder)
    assert isinstance(record, Record)
    assert record.id == "1949-05-18-telegram"
    assert record.date == PartialDate(1949, 5, 18)
    assert record.date.display() == "May 18, 1949"
    assert record.translators == (Name(family="Goldberg", given="Gary"),)
    assert record.creators == (Name(literal="Leader of the group of Soviet specialists"),)
    assert record.source.display() == "AP RF. F. 4. Op. 1. D. 331. pp. 59-61"
    assert record.languages == ("ru",)
    assert [(t.language, t.format, t.kind) for t in record.transcripts] == [
        ("en", TranscriptFormat.HTML, TranscriptKind.TRANSLATION),
        ("ru", TranscriptFormat.TEXT, TranscriptKind.TRANSCRIPTION),
    ]
    assert record.transcripts[0].display_label() == "English translation"
    assert record.transcripts[1].display_label() == "Russian transcription"
    assert record.extra == (("shelf_mark", "unknown to this version"),)


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ('date = "1949-13-01"', "date", "is not a date: there is no month 13"),
        ('date = "1949-02-30"', "date", "is not a date: February 1949 has no day 30"),
        ('date = "18 May 1949"', "date", "not an ISO 8601 date"),
        ("subjects = 3", "subjects", "should be a list of text"),
        ("summary = [1]", "summary", "should be text, not a list"),
        ('translators = [""]', "translators[0]", "the name is empty"),
    ],
)
def test_invalid_field_names_field_and_problem(
    tmp_path: Path, line: str, field: str, words: str
) -> None:
    folder = write_record(tmp_path / "r", f'id = "x"\ntitle = "T"\n{line}\n')
    with pytest.raises(archive.RecordError) as caught:
        archive.read_record(folder)
    [problem] = caught.value.problems
    assert problem.field == field
    assert words in problem.message
    assert problem.advice


def test_every_problem_of_a_record_is_reported_not_only_the_first(tmp_path: Path) -> None:
    folder = write_record(tmp_path / "r", 'date = "nope"\n[[scans]]\nfile = "missing.pdf"\n')
    with pytest.raises(archive.RecordError) as caught:
        archive.read_record(folder)
    fields = [p.field for p in caught.value.problems]
    assert fields == ["id", "title", "date", "scans[0].file"]


def test_listed_file_outside_the_record_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("x")
    folder = write_record(
        tmp_path / "r",
        'id = "x"\ntitle = "T"\n[[transcripts]]\nfile = "../secret.txt"\nlanguage = "en"\n',
    )
    with pytest.raises(archive.RecordError) as caught:
        archive.read_record(folder)
    assert "outside the record folder" in caught.value.problems[0].message


def test_broken_toml_becomes_a_placeholder_with_the_reason(tmp_path: Path) -> None:
    folder = write_record(tmp_path / "r", 'id = "x"\ntitle = "unterminated\n')
    record = archive.load_record(folder)
    assert isinstance(record, BrokenRecord)
    assert "not valid TOML" in record.reason
    assert record.title == "r"


def test_archive_with_broken_and_duplicate_records_keeps_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "archive.toml").write_text('format_version = 1\ntitle = "Test archive"\n')
    write_record(tmp_path / "records" / "a", 'id = "a"\ntitle = "First"\ndate = "1950"\n')
    write_record(tmp_path / "records" / "b", "this is = = not toml")
    write_record(tmp_path / "records" / "c", 'id = "a"\ntitle = "Same id"\n')
    write_record(tmp_path / "records" / "nested" / "d", 'id = "d"\ntitle = "Deeper"\n')
    seen: list[tuple[int, int]] = []
    loaded = archive.load_archive(tmp_path, lambda done, total: seen.append((done, total)))
    assert loaded.title == "Test archive"
    assert [r.title for r in loaded.good_records()] == ["First", "Deeper"]
    broken = [r for r in loaded.records if isinstance(r, BrokenRecord)]
    assert [b.folder.name for b in broken] == ["b", "c"]
    assert "used by another record" in broken[1].reason
    assert seen[-1] == (4, 4)


def test_record_folders_are_not_searched_inside_a_record(tmp_path: Path) -> None:
    write_record(tmp_path / "a", 'id = "a"\ntitle = "A"\n')
    write_record(tmp_path / "a" / "inner", 'id = "inner"\ntitle = "Inner"\n')
    assert [p.name for p in archive.iter_record_folders(tmp_path)] == ["a"]


def test_a_single_record_folder_opens_as_an_archive_of_one(tmp_path: Path) -> None:
    folder = write_record(tmp_path / "only", 'id = "only"\ntitle = "Only"\n')
    loaded = archive.load_archive(folder)
    assert [r.id for r in loaded.records] == ["only"]


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_text("x"), "is not a folder"),
        (lambda p: p.mkdir(), "holds no records"),
    ],
)
def test_paths_that_are_not_archives_say_why(tmp_path: Path, setup: object, words: str) -> None:
    target = tmp_path / "target"
    setup(target)  # type: ignore[operator]
    with pytest.raises(archive.ArchiveError, match=words):
        archive.load_archive(target)


def test_newer_format_version_loads_with_a_warning(tmp_path: Path) -> None:
    folder = write_record(tmp_path / "r", 'format_version = 2\nid = "x"\ntitle = "T"\n')
    record, problems = archive.read_record(folder)
    assert record.title == "T"
    assert [(p.severity, p.field) for p in problems] == [("warning", "format_version")]


def test_date_ranges_and_partial_dates() -> None:
    assert archive.parse_date("1917/1920").display() == "1917–1920"
    assert archive.parse_date("1949-05").display() == "May 1949"
    assert archive.parse_date("2000-02-29").iso() == "2000-02-29"
    with pytest.raises(ValueError, match="ends before it starts"):
        archive.parse_date("1920/1917")


def test_pdf_record_takes_title_author_and_date_from_pdf_metadata(tmp_path: Path) -> None:
    record = document.record_for_pdf(
        tmp_path / "cable 12.pdf",
        {
            "title": "Cable",
            "author": "Embassy Moscow",
            "creationDate": "D:19620401120000",
            "keywords": "a, b",
        },
    )
    assert (record.id, record.title) == ("cable-12", "Cable")
    assert record.creators == (Name(literal="Embassy Moscow"),)
    assert record.date == PartialDate(1962, 4, 1)
    assert record.subjects == ("a", "b")
    bare = document.record_for_pdf(tmp_path / "x.pdf", {})
    assert (bare.title, bare.date) == ("x", None)


def test_samples_validate_against_the_published_schema(samples: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    schema = json.loads((repo / "resources" / "record.schema.json").read_text())
    files = sorted(samples.rglob("record.toml"))
    assert len(files) >= 3
    for file in files:
        with file.open("rb") as handle:
            jsonschema.validate(tomllib.load(handle), schema)


def test_a_missing_listed_scan_keeps_the_record_with_its_transcript_and_says_so(
    tmp_path: Path,
) -> None:
    folder = write_record(
        tmp_path / "r",
        'id = "x"\ntitle = "T"\nsummary = "S"\n[[scans]]\nfile = "missing.pdf"\n',
    )
    (folder / "transcript.en.txt").write_text("The text", encoding="utf-8")
    loaded = archive.load_record(folder)
    assert isinstance(loaded, Record)
    assert (loaded.title, loaded.summary) == ("T", "S")
    assert [t.language for t in loaded.transcripts] == ["en"]
    assert [s.path.name for s in loaded.scans] == ["missing.pdf"]
    _record, problems = archive.read_record(folder)
    assert [(p.severity, p.field, p.message) for p in problems] == [
        ("error", "scans[0].file", "'missing.pdf' does not exist")
    ]
