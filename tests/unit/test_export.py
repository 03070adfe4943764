"""Exports: BibTeX, RIS and CSL-JSON read back by well-kept parsers keep every archival field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from viewer.domain import citation, export
from viewer.domain.export import ExportFormat
from viewer.domain.model import Name, PartialDate, Record, Source

bibtexparser = pytest.importorskip("bibtexparser")
rispy = pytest.importorskip("rispy")

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "citations"

# bibtexparser 1.x builds its grammar in a way pyparsing >= 3.3 reports as a diagnostic.
pytestmark = pytest.mark.filterwarnings("ignore::pyparsing.warnings.PyparsingDiagnosticWarning")

SPECIAL_ITEM: dict[str, Any] = {
    "id": "letter 1917/04, draft",
    "type": "personal_communication",
    "title": "Ölmühle & Škoda: 50% of #1 costs $3_000 ~ ^ – “quoted” — \\ « Рус » ß",
    "author": [{"family": "Malé", "given": "Jürgen"}, {"literal": "CHIEF OF STATION, JMWAVE"}],
    "recipient": [{"literal": "Secretary of State"}],
    "translator": [{"family": "Łukasiewicz", "given": "Ørjan"}],
    "issued": {"date-parts": [[1917, 4, 28]]},
    "original-date": {"date-parts": [[1917, 4]]},
    "collection-title": "Papers Relating to the Foreign Relations, 1914–1920",
    "number": "1979LAPAZ06523",
    "archive": "National Archives & Records",
    "archive_location": "RG 59, File No. 861.51/138",
    "URL": "https://history.state.gov/historicaldocuments/frus1914-20v01/d607?a=1&b=2",
}


def _reference_items() -> list[dict[str, Any]]:
    path = REFERENCE / "items.json"
    if not path.is_file():
        pytest.skip(f"the reference citations are not at {REFERENCE}")
    return list(json.loads(path.read_text(encoding="utf-8")))


def _bibtex_names(names: list[dict[str, str]]) -> str:
    parts = []
    for name in names:
        if "literal" in name:
            parts.append(name["literal"])
        else:
            parts.append(", ".join(p for p in (name["family"], name.get("given", "")) if p))
    return " and ".join(parts)


def _ris_name(name: dict[str, str]) -> str:
    return name.get("literal") or ", ".join(p for p in (name["family"], name.get("given")) if p)


def _parse_bibtex(text: str) -> list[dict[str, str]]:
    from bibtexparser.bparser import BibTexParser
    from bibtexparser.customization import convert_to_unicode

    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    entries: list[dict[str, str]] = bibtexparser.loads(text, parser).entries
    return entries


def _expected_bibtex_fields(item: dict[str, Any]) -> dict[str, str]:
    want = {"title": item["title"]}
    for variable, field in (("author", "author"), ("recipient", "recipient")):
        if variable in item:
            want[field] = _bibtex_names(item[variable])
    if "translator" in item:
        want["translator"] = _bibtex_names(item["translator"])
    for variable, field in (
        ("collection-title", "series"),
        ("number", "number"),
        ("archive", "archive"),
        ("archive_location", "archive_location"),
        ("URL", "url"),
        ("number-of-pages", "pagetotal"),
    ):
        if variable in item:
            want[field] = item[variable]
    return want


def test_bibtex_of_reference_items_reads_back_with_every_field(tmp_path: Path) -> None:
    items = _reference_items()
    entries = {e["ID"]: e for e in _parse_bibtex(export.to_bibtex(items))}
    assert len(entries) == len(items)
    for item in items:
        entry = entries[item["id"]]
        for field, value in _expected_bibtex_fields(item).items():
            assert entry[field] == value, (item["id"], field)
        expected_type = "misc" if item["type"] == "personal_communication" else "unpublished"
        assert entry["ENTRYTYPE"] == expected_type


def test_bibtex_escapes_latex_specials_and_accents_and_reads_back() -> None:
    text = export.to_bibtex(SPECIAL_ITEM)
    assert r"{\"O}lm{\"u}hle \& {\v{S}}koda: 50\% of \#1 costs \textdollar{}3\_000" in text
    assert r"\textasciitilde{} \^{} \textendash{} \textquotedblleft{}quoted" in text
    assert r"\textbackslash{} \guillemotleft{} Рус \guillemotright{} {\ss}" in text
    assert "author = {Mal{\\'e}, J{\\\"u}rgen and {CHIEF OF STATION, JMWAVE}}," in text
    entry = _parse_bibtex(text)[0]
    assert entry["ID"] == "letter-1917-04-draft"
    for field, value in _expected_bibtex_fields(SPECIAL_ITEM).items():
        assert entry[field] == value, field
    assert (entry["date"], entry["year"], entry["month"], entry["origdate"]) == (
        "1917-04-28",
        "1917",
        "April",
        "1917-04",
    )
    assert entry["type"] == "Letter"


def test_bibtex_escapes_braces_and_single_quotes_as_latex_writes_them() -> None:
    assert export.latex_escape("{x} ‘a’ O’Brien") == r"\{x\} `a' O'Brien"


def test_ris_of_reference_items_reads_back_with_every_field() -> None:
    items = _reference_items()
    entries = rispy.loads(export.to_ris(items))
    assert len(entries) == len(items)
    for item, entry in zip(items, entries, strict=True):
        assert entry["type_of_reference"] == (
            "PCOMM" if item["type"] == "personal_communication" else "MANSCPT"
        )
        assert entry["id"] == item["id"]
        assert entry["title"] == item["title"]
        assert entry.get("authors", []) == [_ris_name(n) for n in item.get("author", [])]
        assert entry.get("secondary_authors", []) == [
            _ris_name(n) for n in item.get("recipient", [])
        ]
        for variable, key in (
            ("collection-title", "tertiary_title"),
            ("number", "note"),
            ("archive", "database_provider"),
            ("archive_location", "accession_number"),
        ):
            assert entry.get(key) == item.get(variable), (item["id"], key)
        assert entry.get("urls", []) == ([item["URL"]] if "URL" in item else [])


def test_ris_keeps_recipients_translators_and_dates() -> None:
    entry = rispy.loads(export.to_ris(SPECIAL_ITEM))[0]
    assert entry["authors"] == ["Malé, Jürgen", "CHIEF OF STATION, JMWAVE"]
    assert entry["secondary_authors"] == ["Secretary of State"]
    assert entry["subsidiary_authors"] == ["Łukasiewicz, Ørjan"]
    assert entry["title"] == SPECIAL_ITEM["title"]
    assert (entry["date"], entry["year"], entry["original_publication"]) == (
        "1917/04/28/",
        "1917",
        "1917-04",
    )


def test_ris_date_range_keeps_both_years() -> None:
    item = {
        "id": "c",
        "type": "manuscript",
        "title": "Aarhus",
        "issued": {"date-parts": [[1917], [1919]]},
    }
    assert "DA  - 1917///1917/1919\n" in export.to_ris(item)


def test_csl_json_export_reads_back_unchanged_without_source_file() -> None:
    items = _reference_items()
    back = json.loads(export.to_csl_json(items))
    assert back == [{k: v for k, v in item.items() if k != "source_file"} for item in items]


def test_records_export_with_their_archival_fields() -> None:
    record = Record(
        id="1949-05-18-telegram",
        title="Telegram about the talks",
        folder=Path("r"),
        date=PartialDate(1949, 5, 18),
        translators=(Name(family="Goldberg", given="Gary"),),
        collection="History and Public Policy Program Digital Archive",
        url="https://digitalarchive.wilsoncenter.org/document/x",
        source=Source(archive="AP RF", location="F. 4. Op. 1. D. 331. pp. 59-61"),
    )
    entry = _parse_bibtex(export.export([record], ExportFormat.BIBTEX))[0]
    assert (entry["archive"], entry["archive_location"], entry["translator"]) == (
        "AP RF",
        "F. 4. Op. 1. D. 331. pp. 59-61",
        "Goldberg, Gary",
    )
    assert entry["series"] == "History and Public Policy Program Digital Archive"
    ris = rispy.loads(export.export(record, ExportFormat.RIS))[0]
    assert (ris["database_provider"], ris["accession_number"]) == (
        "AP RF",
        "F. 4. Op. 1. D. 331. pp. 59-61",
    )
    assert ris["urls"] == ["https://digitalarchive.wilsoncenter.org/document/x"]
    assert json.loads(export.export(record, ExportFormat.CSL_JSON)) == [citation.to_csl(record)]
    assert ExportFormat.BIBTEX.suffix == ".bib"
