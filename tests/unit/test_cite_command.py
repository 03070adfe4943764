"""`archive-viewer cite`: one citation per line on stdout; one plain error line and an exit code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from viewer import cite_command

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "citations"

SEED_HOUSE = (
    '"Telegram from the leader of the group of Soviet specialists in Northeast China to the '
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    'military cooperation," May 18, 1949, History and Public Policy Program Digital Archive, '
    "AP RF. F. 4. Op. 1. D. 331. pp. 59-61. Translated by Gary Goldberg."
)

RECORD_TOML = """\
format_version = 1
id = "1949-05-18-telegram"
title = "Telegram from the leader of the group of Soviet specialists in Northeast China to the \
Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on \
military cooperation"
date = "1949-05-18"
translators = ["Goldberg, Gary"]
collection = "History and Public Policy Program Digital Archive"

[source]
archive = "AP RF"
location = "F. 4. Op. 1. D. 331. pp. 59-61"
"""


@pytest.fixture
def record_folder(tmp_path: Path) -> Path:
    """A small record folder like the seed record."""
    folder = tmp_path / "archive" / "1949-05-18-telegram"
    folder.mkdir(parents=True)
    (folder / "record.toml").write_text(RECORD_TOML, encoding="utf-8")
    (folder / "transcript.en.txt").write_text("Yesterday, 17 May...", encoding="utf-8")
    return folder


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of the command."""
    code = cite_command.main(argv)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_record_folder_prints_house_citation_by_default(
    record_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([str(record_folder)], capsys) == (0, [SEED_HOUSE], "")


def test_record_folder_prints_chicago_bibliography_in_html(
    record_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run(
        [str(record_folder), "--style", "chicago", "--form", "bibliography", "--format", "html"],
        capsys,
    )
    assert code == 0
    assert lines == [
        '<div class="csl-entry">Goldberg, Gary, trans. “Telegram from the Leader of the Group of '
        "Soviet Specialists in Northeast China to the Chairman of the USSR Council of Ministers "
        "about the Results of the Chinese-Korean Talks on Military Cooperation.” History and "
        "Public Policy Program Digital Archive. May 18, 1949. F. 4. Op. 1. D. 331. pp. 59-61. "
        "AP RF.</div>"
    ]


def test_short_form_prints_chicago_short_note(
    record_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run([str(record_folder), "--style", "chicago", "--form", "short"], capsys)
    assert (code, lines) == (0, ["Goldberg, “Telegram from the Leader.”"])


def test_csl_json_prints_one_line_per_reference_item(capsys: pytest.CaptureFixture[str]) -> None:
    items_file = REFERENCE / "items.json"
    if not items_file.is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    items = json.loads(items_file.read_text(encoding="utf-8"))
    expected = json.loads((REFERENCE / "expected.json").read_text(encoding="utf-8"))
    code, lines, err = run(["--csl-json", str(items_file), "--style", "apa"], capsys)
    assert (code, err) == (0, "")
    assert lines == [expected["apa"][item["id"]]["text"]["citation"] for item in items]


def test_csl_json_keeps_an_empty_line_where_chicago_omits_the_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items: list[dict[str, Any]] = [
        {"id": "a", "type": "manuscript", "title": "Brunei", "issued": {"date-parts": [[1963]]}},
        {"id": "b", "type": "manuscript", "title": "Notes", "archive": "AP RF"},
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    code, lines, _ = run(
        [
            "--csl-json",
            str(path),
            "--style",
            "chicago-notes-bibliography",
            "--form",
            "bibliography",
        ],
        capsys,
    )
    assert (code, lines) == (0, ["", "“Notes.” n.d. AP RF."])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "archive-viewer cite: give a record folder or --csl-json FILE\n"),
        (["x", "--style", "ieee"], "archive-viewer cite: unknown citation style 'ieee'"),
        (["x", "--form", "footnote"], "archive-viewer cite: unknown citation form 'footnote'"),
        (["x", "--format", "rtf"], "archive-viewer cite: argument --format: invalid choice"),
        (["x", "--colour"], "archive-viewer cite: unrecognized arguments: --colour\n"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = run(argv, capsys)
    assert (code, lines) == (2, [])
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_missing_folder_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert run([str(missing)], capsys) == (
        1,
        [],
        f"archive-viewer cite: {missing}: no such record folder\n",
    )


def test_broken_record_exits_1_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "record.toml").write_text('id = "x"\ntitle = \n', encoding="utf-8")
    code, lines, err = run([str(folder)], capsys)
    assert (code, lines) == (1, [])
    assert err.startswith(f"archive-viewer cite: {folder}: ")
    assert "TOML" in err
    assert err.count("\n") == 1


def test_invalid_csl_json_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("[{", encoding="utf-8")
    code, lines, err = run(["--csl-json", str(path)], capsys)
    assert (code, lines) == (1, [])
    assert err.startswith(f"archive-viewer cite: {path}: not a CSL-JSON file")
    assert "Traceback" not in err
    path.write_text("[1, 2]", encoding="utf-8")
    assert run(["--csl-json", str(path)], capsys)[0] == 1
    assert run(["--csl-json", str(tmp_path / "absent.json")], capsys)[0] == 1


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(["--help"], capsys)
    assert code == 0
    assert lines[0].startswith("usage: archive-viewer cite")
