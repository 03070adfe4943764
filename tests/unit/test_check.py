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
    assert "error: bad/record.toml: date: '1949-13' is month 13 does not exist." in out[0]
    assert any(line.startswith("error: pdf/scan.pdf: ") for line in out)
    assert out[-1].startswith("2 errors")


def test_check_of_a_missing_path_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().out
