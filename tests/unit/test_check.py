"""`archive-viewer check`: every problem printed, exit 0 without errors and 1 with them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from viewer import cli
from viewer.domain import check


def expected_broken(corpus: Path) -> list[tuple[str, str]]:
    with (corpus / "broken" / "EXPECTED.tsv").open(encoding="utf-8") as handle:
        return [(row["file"], row["expect"]) for row in csv.DictReader(handle, delimiter="\t")]


def test_every_broken_corpus_file_is_warned_about_or_refused_as_expected(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, expect in expected_broken(corpus):
        status = cli.main(["check", str(corpus / "broken" / name)])
        out = capsys.readouterr().out
        lines = out.splitlines()
        if expect == "ok":
            assert status == 0, out
            assert any(
                line.startswith("warning: ") and name in line and "repaired" in line
                for line in lines
            ), out
        else:
            assert status == 1, out
            assert any(line.startswith("error: ") and name in line for line in lines), out
        assert "Traceback" not in out


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("ocrmypdf_invalid.pdf", "this is not a PDF that can be opened"),
        ("pdfjs_Pages-tree-refs.pdf", "page tree is broken (cycle in page tree)"),
        ("pdfjs_bug1020226.pdf", "the PDF has no pages"),
        ("pdfjs_poppler-67295-0.pdf", "Invalid number of pages"),
        ("pypdf_r2-user-password.pdf", "encrypted and needs a password"),
    ],
)
def test_error_lines_say_what_is_wrong(corpus: Path, name: str, words: str) -> None:
    problems = check.check_path(corpus / "broken" / name)
    assert [p.severity for p in problems] == ["error"]
    assert words in problems[0].message
    assert problems[0].path.name == name


def test_encrypted_pdf_passes_with_its_password(corpus: Path) -> None:
    assert check.check_pdf(corpus / "broken" / "pypdf_r2-user-password.pdf", "asdfzxcv") == []
    [wrong] = check.check_pdf(corpus / "broken" / "pypdf_r2-user-password.pdf", "nope")
    assert wrong.message == "the password is not correct"


def test_every_corpus_scan_passes_check(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scans = sorted((corpus / "scans").glob("*.pdf"))
    assert len(scans) >= 16
    assert cli.main(["check", *map(str, scans)]) == 0
    out = capsys.readouterr().out
    assert "error:" not in out
    # The JFK scans all need MuPDF's repair, and say so as warnings.
    jfk = [s.name for s in scans if s.name[0].isdigit()]
    assert all(f"{name}: the file was damaged" in out for name in jfk)


def test_samples_pass_check_without_errors(
    samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(samples)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("0 errors, 0 warnings")


def test_archive_with_problems_lists_each_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "record.toml").write_text(
        'id = "good"\ntitle = "Good"\n[[transcripts]]\nfile = "t.txt"\nlanguage = "en"\n'
    )
    (good / "t.txt").write_text("text")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "record.toml").write_text('id = "good"\ntitle = "Bad"\ndate = "1949-13"\n')
    broken_pdf = tmp_path / "pdf"
    broken_pdf.mkdir()
    (broken_pdf / "record.toml").write_text('id = "pdf"\ntitle = "Scan"\n')
    (broken_pdf / "scan.pdf").write_bytes(b"%PDF-1.4\nnot really\n%%EOF\n")
    assert cli.main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "error: bad/record.toml: date: '1949-13' is not a date: there is no month 13." in out[0]
    assert any(line.startswith("error: pdf/scan.pdf: ") for line in out)
    assert out[-1].startswith("2 errors")


def test_check_of_a_missing_path_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().out


def write(folder: Path, toml: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "record.toml").write_text(toml, encoding="utf-8")
    return folder


def test_misspelled_keys_are_warned_about_with_the_key_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path / "r",
        'id = "r"\ntitle = "R"\nlangauges = ["en"]\ntranslator = "Goldberg, Gary"\n'
        '[source]\narchiv = "AP RF"\n[[transcipts]]\nfile = "t.txt"\n'
        '[[scans]]\nfile = "scan.pdf"\nlable = "Page"\n',
    )
    (tmp_path / "r" / "scan.pdf").write_bytes(
        (
            Path(__file__).resolve().parents[2] / "samples/records/specimen-card/scan.pdf"
        ).read_bytes()
    )
    assert cli.main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    for field, meant in [
        ("langauges", "languages"),
        ("translator", "translators"),
        ("source.archiv", "archive"),
        ("transcipts", "transcripts"),
        ("scans[0].lable", "label"),
    ]:
        assert any(
            line.startswith(
                f"warning: r/record.toml: {field}: unknown key (did you mean {meant!r}?)"
            )
            for line in out
        ), (field, out)
    assert out[-1] == f"0 errors, 5 warnings in {tmp_path}"


def test_a_list_written_as_one_text_and_a_non_utf8_transcript_are_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tmp_path / "r", 'id = "r"\ntitle = "R"\nlanguages = "en"\n')
    (folder / "transcript.en.txt").write_bytes("Caf\u00e9 in Z\u00fcrich".encode("cp1252"))
    assert cli.main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "warning: r/record.toml: languages: should be a list of text, not one text. "
        'Write languages = ["en"]'
    ) in out
    assert (
        "warning: r/transcript.en.txt: the file is not UTF-8 text: it is read as Windows-1252"
        in out
    )


def test_a_capitalised_record_toml_is_an_error_not_a_silently_missing_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "good", 'id = "good"\ntitle = "Good"\n')
    (tmp_path / "lost").mkdir()
    (tmp_path / "lost" / "Record.toml").write_text('id = "lost"\ntitle = "Lost"\n')
    assert cli.main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (
        "error: lost/Record.toml: is not read: the viewer reads only files named record.toml" in out
    )
    assert "Rename it to record.toml" in out


def test_an_impossible_day_is_said_in_plain_words(tmp_path: Path) -> None:
    folder = write(tmp_path / "r", 'id = "r"\ntitle = "R"\ndate = "1962-02-31"\n')
    [problem] = check.check_path(folder)
    assert problem.message == "'1962-02-31' is not a date: February 1962 has no day 31"


def test_a_record_checked_alone_is_named_in_every_line_and_a_missing_scan_is_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(
        tmp_path / "telegram",
        'id = "t"\ntitle = "T"\n[[scans]]\nfile = "scan.pdf"\n[[scans]]\nfile = "page2.pdf"\n',
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\nnot really\n%%EOF\n")
    assert cli.main(["check", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [
        "error: telegram/record.toml: scans[1].file: 'page2.pdf' does not exist. "
        "Check the file name, or add the file",
        "error: telegram/scan.pdf: this is not a PDF that can be opened. "
        "Replace the file with a good copy",
    ]
