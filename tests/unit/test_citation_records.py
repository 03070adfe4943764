"""Every reference record of the corpus, written in our archive format, cites like citeproc-js.

Each CSL item of the reference set is written as a record.toml (the facts only: no citation
text), read back by the archive loader, mapped to CSL and rendered: the path a record of a real
archive takes from the curator's file to the "Copy citation" button.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from viewer.domain import archive, citation
from viewer.domain.model import Record

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "citations"
STYLES = {
    "chicago-notes-bibliography": citation.Style.CHICAGO,
    "modern-language-association": citation.Style.MLA,
    "apa": citation.Style.APA,
}


def _reference(name: str) -> Any:
    if not (REFERENCE / name).is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _names(names: list[dict[str, str]]) -> str:
    tables = []
    for name in names:
        parts = [f"{key} = {_toml_string(value)}" for key, value in name.items()]
        tables.append("{" + ", ".join(parts) + "}")
    return "[" + ", ".join(tables) + "]"


def _date(issued: dict[str, list[list[int]]]) -> str:
    def one(parts: list[int]) -> str:
        return "-".join(
            f"{value:04d}" if i == 0 else f"{value:02d}" for i, value in enumerate(parts)
        )

    return "/".join(one(parts) for parts in issued["date-parts"])


def record_toml(item: dict[str, Any]) -> str:
    """The record.toml a curator would write for the facts in `item`."""
    lines = [f"id = {_toml_string(item['id'])}", f"title = {_toml_string(item['title'])}"]
    if "issued" in item:
        lines.append(f'date = "{_date(item["issued"])}"')
    for key, field in (
        ("author", "creators"),
        ("recipient", "recipients"),
        ("translator", "translators"),
    ):
        if key in item:
            lines.append(f"{field} = {_names(item[key])}")
    for key, field in (("collection-title", "collection"), ("number", "number"), ("URL", "url")):
        if key in item:
            lines.append(f"{field} = {_toml_string(item[key])}")
    if "number-of-pages" in item:
        lines.append(f"pages = {_toml_string(str(item['number-of-pages']))}")
    source = [
        f"{field} = {_toml_string(item[key])}"
        for key, field in (("archive", "archive"), ("archive_location", "location"))
        if key in item
    ]
    if source:
        lines += ["", "[source]", *source]
    return "\n".join(lines) + "\n"


def _items() -> list[dict[str, Any]]:
    if not (REFERENCE / "items.json").is_file():
        return []
    return json.loads((REFERENCE / "items.json").read_text(encoding="utf-8"))


@pytest.fixture
def expected() -> dict[str, Any]:
    return _reference("expected.json")


@pytest.mark.parametrize("item", _items(), ids=lambda item: item["id"])
def test_reference_record_in_our_format_maps_to_its_csl_item_and_cites_exactly(
    item: dict[str, Any], expected: dict[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / item["id"]
    folder.mkdir()
    (folder / "record.toml").write_text(record_toml(item), encoding="utf-8")
    record = archive.load_record(folder)
    assert isinstance(record, Record), record
    want = {k: v for k, v in item.items() if k != "source_file"}
    if isinstance(want.get("number-of-pages"), int):
        want["number-of-pages"] = str(want["number-of-pages"])
    assert citation.to_csl(record) == want
    for style_id, style in STYLES.items():
        for fmt in ("text", "html"):
            reference = expected[style_id][item["id"]][fmt]
            got_note = citation.cite(record, style, citation.Form.NOTE, fmt)  # type: ignore[arg-type]
            got_bib = citation.cite(record, style, citation.Form.BIBLIOGRAPHY, fmt)  # type: ignore[arg-type]
            assert got_note == reference["citation"], (style_id, fmt)
            assert got_bib == reference["bibliography"], (style_id, fmt)
    if item["id"] in expected["house"]:
        assert citation.house(record) == expected["house"][item["id"]]


def test_there_are_reference_records_to_check() -> None:
    if not (REFERENCE / "items.json").is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    assert len(_items()) == 21
