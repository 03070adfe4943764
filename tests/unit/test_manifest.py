"""Spreadsheets of records: the dirt of real sheets, the join to files, check, and the real
manifests of the corpus."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from viewer import cli
from viewer.domain import columns, formats, written_dates
from viewer.domain.formats import manifest
from viewer.domain.model import Name, PartialDate, Record


@pytest.fixture(autouse=True)
def _default_options() -> Iterator[None]:
    manifest.use_mappings(None)
    manifest.leave_out_rows_without_files(False)
    yield
    manifest.use_mappings(None)
    manifest.leave_out_rows_without_files(False)


def _pdf(path: Path, text: str = "A page") -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _by_title(records: tuple[Record, ...]) -> dict[str, Record]:
    return {r.title: r for r in records}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("0/0/1964", "1964"),
        ("8/00/1963", "1963-08"),
        ("12/00/63", "1963-12"),
        ("31 jul 1979", "1979-07-31"),
        ("09 JAN 1974", "1974-01-09"),
        ("August 01, 1978", "1978-08-01"),
        ("1963-11-22", "1963-11-22"),
        ("22.11.1963", "1963-11-22"),
        ("31/07/1979", "1979-07-31"),
        ("00/00/1975", "1975"),
        ("Nov 1963", "1963-11"),
        ("1917-1920", "1917/1920"),
    ],
)
def test_dates_as_sheets_write_them_are_read_to_the_precision_given(text: str, iso: str) -> None:
    date = written_dates.parse(text)
    assert date is not None
    assert date.iso() == iso


def test_dates_that_are_not_dates_are_refused() -> None:
    assert written_dates.parse("sometime in spring") is None
    assert written_dates.parse("30 feb 1960") is None
    assert written_dates.is_placeholder("01/01/0000")
    assert not written_dates.is_placeholder("2000-00-00")


DIRTY = (
    "\ufeffDoc_Date;Subject;From;To;Record Number;File Name;Tags;Pages;Classification\n"
    "0/0/1964;Report on travel;WITHHELD;CIA;104-10001-10001;a.pdf;SNAR, OVIP (VANCE, CYRUS);3;"
    "SECRET\n"
    "8/00/1963;Two files, one number;AMEMBASSY LA PAZ;SECSTATE WASHDC;104-10002-10002;;n/a;NA;"
    "\n"
    "12/00/63;Only metadata;CIA;n/a;104-10003-10003;;;;\n"
    "sometime in spring;Bad date;NA;NA;104-10004-10004;missing.pdf;;;\n"
    "31 jul 1979;Repeated number;AMEMBASSY LA PAZ;AMEMBASSY LIMA;104-10002-10002;;;;\n"
)


@pytest.fixture
def dirty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "release"
    (folder / "list.csv").parent.mkdir(parents=True)
    (folder / "list.csv").write_bytes(DIRTY.encode("utf-8"))  # with its BOM
    _pdf(folder / "a.pdf")
    _pdf(folder / "pdfs" / "104-10002-10002.pdf")
    _pdf(folder / "pdfs" / "104-10002-10002_ocr.pdf")
    _pdf(folder / "stray.pdf")
    return folder


def test_a_folder_holding_a_sheet_opens_as_its_rows_joined_to_the_files(
    dirty_folder: Path,
) -> None:
    assert formats.detect(dirty_folder).name == "manifest"
    archive = formats.read(dirty_folder)
    titles = [r.title for r in archive.records]
    # Sheet order, then the file no row names.
    assert titles == [
        "Report on travel",
        "Two files, one number",
        "Only metadata",
        "Bad date",
        "Repeated number",
        "stray",
    ]
    records = _by_title(archive.good_records())
    report = records["Report on travel"]
    assert report.date == PartialDate(1964)
    assert report.date_text == "0/0/1964"
    assert report.creators == (Name(literal="WITHHELD"),)
    assert report.recipients == (Name(literal="CIA"),)
    assert report.subjects == ("SNAR", "OVIP (VANCE, CYRUS)")
    assert report.pages == "3"
    assert report.number == "104-10001-10001"
    assert ("Classification", "SECRET") in report.extra
    assert [s.path.name for s in report.scans] == ["a.pdf"]
    assert report.inferred == {"date", "title"}  # "Doc_Date" and "Subject" were guessed

    two = records["Two files, one number"]
    assert sorted(s.path.name for s in two.scans) == [
        "104-10002-10002.pdf",
        "104-10002-10002_ocr.pdf",
    ]
    assert two.date == PartialDate(1963, 8)
    assert two.creators == (Name(literal="AMEMBASSY LA PAZ"),)
    assert two.pages == "" and two.subjects == ()
    # What the folder gives and the row does not is kept, marked as guessed as it was.
    assert two.collection == "pdfs" and "collection" in two.inferred

    only = records["Only metadata"]
    assert only.scans == () and only.date == PartialDate(1963, 12)
    assert only.recipients == ()

    bad = records["Bad date"]
    assert bad.date is None and bad.date_text == "sometime in spring"
    assert bad.creators == ()

    assert records["Repeated number"].date == PartialDate(1979, 7, 31)
    assert records["Repeated number"].id != two.id
    assert records["stray"].scans[0].path.name == "stray.pdf"


def test_only_with_files_leaves_out_rows_without_a_file(dirty_folder: Path) -> None:
    manifest.leave_out_rows_without_files(True)
    titles = [r.title for r in formats.read(dirty_folder).records]
    # The repeated record number shares the files of its first row.
    assert titles == ["Report on travel", "Two files, one number", "Repeated number", "stray"]


def test_check_reports_the_sheets_problems_by_row(
    dirty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run_check([str(dirty_folder)]) == 0
    out = capsys.readouterr().out
    assert "list.csv: row 4: has no file: the record is metadata only" in out
    assert "list.csv: row 5: names 'missing.pdf', which is not in the folder" in out
    assert "list.csv: row 5: the date 'sometime in spring' is not understood" in out
    assert "list.csv: row 6: repeats record number '104-10002-10002' of row 3" in out
    assert "stray.pdf: is in no row of list.csv" in out
    assert "columns: the columns' meaning was guessed ('Doc_Date' as date" in out


def test_a_sheet_named_directly_opens_with_the_files_beside_it(dirty_folder: Path) -> None:
    archive = formats.read(dirty_folder / "list.csv")
    assert archive.title == "list.csv"
    assert len(archive.records) == 6


def test_a_header_that_is_no_record_list_is_refused_naming_the_file(tmp_path: Path) -> None:
    sheet = tmp_path / "budget.csv"
    sheet.write_text("Item,Cost\nPaper,3\n", encoding="utf-8")
    assert not manifest.FORMAT.claims(sheet)
    with pytest.raises(manifest.ArchiveError, match="does not look like a list of records"):
        manifest.read_manifest(sheet)


def test_a_workbook_is_read_with_its_dates_and_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Date", "Author", "File", "Pages"])
    sheet.append(["A letter", datetime.datetime(1949, 5, 18), "Gary Goldberg", "l.pdf", 2])
    sheet.append(["A note", "12/00/63", None, None, None])
    workbook.save(tmp_path / "records.xlsx")
    _pdf(tmp_path / "l.pdf")
    assert formats.detect(tmp_path).name == "manifest"
    records = _by_title(formats.read(tmp_path).good_records())
    letter = records["A letter"]
    assert letter.date == PartialDate(1949, 5, 18) and letter.date_text == ""
    assert letter.pages == "2"
    assert letter.creators == (Name(literal="Gary Goldberg"),)
    assert letter.scans[0].path.name == "l.pdf"
    assert letter.inferred == frozenset()  # every header names its field exactly
    assert records["A note"].date == PartialDate(1963, 12)


def test_a_row_may_name_several_files_in_its_file_cell(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text(
        "title,file\nLetter with enclosure,letter.pdf; enclosure.pdf\n", encoding="utf-8"
    )
    _pdf(tmp_path / "letter.pdf")
    _pdf(tmp_path / "enclosure.pdf")
    (record,) = formats.read(tmp_path).records
    assert isinstance(record, Record)
    assert [s.path.name for s in record.scans] == ["letter.pdf", "enclosure.pdf"]


def test_a_workbook_that_lists_no_records_leaves_a_plain_folder_of_scans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Item", "Cost"])
    workbook.save(tmp_path / "budget.xlsx")
    _pdf(tmp_path / "scan.pdf")
    assert [r.title for r in formats.read(tmp_path).records] == ["scan"]
    assert cli.run_check([str(tmp_path)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_a_short_row_counter_is_not_looked_for_in_file_names(tmp_path: Path) -> None:
    (tmp_path / "list.csv").write_text("No,Title\n1,First letter\n", encoding="utf-8")
    _pdf(tmp_path / "letter_1.pdf")
    records = formats.read(tmp_path).good_records()
    assert [(r.title, len(r.scans)) for r in records] == [("First letter", 0), ("letter 1", 1)]


def test_a_confirmed_mapping_is_used_instead_of_the_guess(dirty_folder: Path) -> None:
    asked: list[Path] = []

    def lookup(sheet: Path, header: tuple[str, ...]) -> dict[str, str]:
        asked.append(sheet)
        mapping = columns.as_stored(columns.guess(header))
        mapping["Subject"] = "summary"
        mapping["Classification"] = columns.IGNORE
        return mapping

    manifest.use_mappings(lookup)
    records = formats.read(dirty_folder).good_records()
    assert asked == [(dirty_folder / "list.csv").resolve()]
    first = records[0]
    assert first.summary == "Report on travel"
    assert first.title == "104-10001-10001"  # no title column: the record number, guessed
    assert first.inferred == frozenset({"title"})
    assert all(key != "Classification" for key, _ in first.extra)


def test_nara_jfk_headers_of_every_release_use_the_preset() -> None:
    release_2022 = [
        "File Name",
        "Record Num",
        "NARA Release Date",
        "Formerly Withheld",
        "Doc Date",
        "Doc Type",
        "File Num",
        "To Name",
        "From Name",
        "Title",
        "Num Pages",
        "Originator",
        "Record Series",
        "Review Date",
        "Comments",
        "Pages Released",
    ]
    release_2021 = [
        "Record Number",
        "File Title",
        "NARA Release Date",
        "Formerly Withheld",
        "Document Date",
        "Document Type",
        "File Number",
        "To",
        "From",
        "Title",
        "Original Document Pages",
        "Originator",
        "Record Series",
        "Review Date",
        "Comments",
        "Document Pages in PDF",
    ]
    for header in (release_2022, release_2021, ["Record Number", "NARA Release Date"]):
        mapping = columns.guess(header)
        assert mapping.preset == "NARA JFK release list"
        assert not mapping.guessed
    mapping = columns.guess(release_2021)
    assert mapping.column("date") == [4] and mapping.column("agency") == [11]
    assert mapping.column("creators") == [8] and mapping.column("pages") == [10]


# -- the corpus -------------------------------------------------------------------------------


def test_the_cable_manifest_opens_with_its_six_scans(corpus: Path) -> None:
    folder = corpus / "imports" / "manifest-cables"
    archive = formats.read(folder)
    assert len(archive.records) == 362
    with_scans = [r for r in archive.good_records() if r.scans]
    assert len(with_scans) == 6
    record = _by_title(archive.good_records())["PEREDA'S PLANS"]
    assert record.date == PartialDate(1978, 8, 1) and record.date_text == "01 aug 1978"
    assert record.creators == (Name(literal="AMEMBASSY LA PAZ"),)
    assert record.number == "1978LAPAZ06107"
    assert record.scans[0].path.name == "filename_1738526026117 Boeker Natusch Aug1978.pdf"
    # The row naming "... 3Aug1978.pdf", which is not there, is a record of metadata only.
    made = _by_title(archive.good_records())["PEREDA MAKING HEADWAY ON HIS ELECTION PLAN"]
    assert made.scans == () and made.date == PartialDate(1978, 8, 3)
    # A cable whose subject is "NA" is titled by its document number, marked as guessed.
    untitled = next(r for r in archive.good_records() if r.number == "1979LAPAZ08952")
    assert untitled.title == "1979LAPAZ08952" and "title" in untitled.inferred


def test_a_windows_1252_semicolon_copy_of_the_cable_manifest_reads_the_same(
    corpus: Path, tmp_path: Path
) -> None:
    original = corpus / "imports" / "manifest-cables" / "data" / "cable_metadata.csv"
    rows = list(csv.reader(io.StringIO(original.read_text(encoding="utf-8"))))
    rows[1][4] = "PERÚ COCA SURVEY TEAM VISIT TO BOLIVIA"  # a character UTF-8 would write twice
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    copy = tmp_path / "cables.csv"
    copy.write_bytes(out.getvalue().encode("cp1252"))
    read = manifest.read_manifest(copy).good_records()
    first = manifest.read_manifest(original).good_records()
    assert len(read) == len(first) == 362
    assert read[0].title == "PERÚ COCA SURVEY TEAM VISIT TO BOLIVIA"
    assert [(r.title, r.date) for r in read[1:]] == [(r.title, r.date) for r in first[1:]]


def test_check_of_the_cable_manifest_names_rows_without_their_file(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = corpus / "imports" / "manifest-cables"
    assert cli.run_check([str(folder)]) == 0
    out = capsys.readouterr().out
    assert (
        "data/cable_metadata.csv: row 2: names 'filename_1738525409284.pdf', which is not in the "
        "folder. Check the name, or add the file"
    ) in out
    # 356 rows have no file here: the first 20 are named, the rest summed up.
    assert "data/cable_metadata.csv: rows 22-363: 336 more rows with the same problem" in out
    assert "0 errors" in out


@pytest.fixture(scope="module")
def jfk(request: pytest.FixtureRequest) -> manifest.Joined:
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    pytest.importorskip("openpyxl")
    sheet = CORPUS / "records" / "jfk-ocr" / "nara-jfk-release-2022-metadata.xlsx"
    return manifest.join(sheet, CORPUS / "scans", only_with_files=False)


@pytest.mark.slow
def test_nara_2022_list_joins_its_rows_to_the_scans_by_record_number(
    jfk: manifest.Joined,
) -> None:
    archive = jfk.archive
    records = {r.id: r for r in archive.good_records()}
    assert jfk.mapping.preset == "NARA JFK release list"
    assert len(jfk.table.rows) == 13263
    dedkov = records["104-10006-10247"]
    assert dedkov.title == "NAME CHECK REQUEST - ROMAN FEDOROVICH DEDKOV"
    assert dedkov.date == PartialDate(1962, 4, 1)
    assert dedkov.creators == (Name(literal="CIA"),)  # no From Name: the originating agency
    assert dedkov.pages == "3" and dedkov.collection == "JFK"
    assert [s.path.name for s in dedkov.scans] == ["104-10006-10247_ocr.pdf"]
    assert dedkov.inferred == frozenset()
    church = records["157-10014-10242"]
    assert church.date == PartialDate(1975) and church.date_text == "00/00/1975"
    fbi = records["124-10279-10258"]
    assert fbi.creators == (Name(literal="LEG, MX"),)
    assert fbi.recipients == (Name(literal="DIRECTOR, FBI"),)
    assert ("agency", "FBI") in fbi.extra
    assert ("Pages Released", "5") in fbi.extra
    with_scans = [r for r in archive.good_records() if r.scans]
    jfk_scans = [r for r in with_scans if r.number]
    assert len(jfk_scans) == 9  # one of them under two rows of the same record number
    # The other scans of the folder (OCRmyPDF's test files) are records of their own.
    assert {r.scans[0].path.stem for r in jfk.unmatched_files} >= {"ocrmypdf_skew", "ocrmypdf_linn"}
    # NARA's "no date" is no date, not an error.
    placeholder = next(r for r in archive.good_records() if r.number == "104-10188-10003")
    assert placeholder.date is None and placeholder.date_text == ""


@pytest.mark.slow
def test_nara_2022_list_beside_its_ocr_texts_gives_them_as_transcripts(corpus: Path) -> None:
    pytest.importorskip("openpyxl")
    manifest.leave_out_rows_without_files(True)
    archive = formats.read(corpus / "records" / "jfk-ocr")
    assert sorted(r.id for r in archive.records) == [
        "104-10006-10247",
        "104-10012-10035",
        "104-10023-10087",
        "104-10092-10340",
        "104-10170-10015",
        "104-10431-10102",
        "124-10279-10258",
        "157-10014-10242",
    ]
    record = archive.good_records()[0]
    assert record.transcripts[0].path.name == f"{record.id}.txt"
    assert record.scans == ()
