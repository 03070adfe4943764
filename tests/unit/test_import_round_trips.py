"""Every real source, imported: the archive written passes `check` with no errors and gives the
same records, titles and dates as opening the source as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import import_command
from viewer.domain import archive, check, formats
from viewer.domain.model import Archive


def _errors(path: Path) -> list[str]:
    return [p.line(path) for p in check.check_path(path) if p.severity == "error"]


def _seen(source: Archive) -> list[tuple[str, str, str]]:
    """What a person sees in the record list: title and date, and the date as worded."""
    return sorted(
        (r.title, r.date.iso() if r.date else "", r.date_text) for r in source.good_records()
    )


def _round_trip(source: Path, dest: Path, format_name: str | None = None) -> Archive:
    direct = formats.read(source)
    report = import_command.run(source, dest, format_name=format_name)
    assert len(report.records) == len(direct.good_records())
    assert _errors(dest) == []
    written = archive.load_archive(dest)
    assert _seen(written) == _seen(direct)
    return written


def test_the_cable_manifest_round_trips_with_its_scans_and_texts(
    corpus: Path, tmp_path: Path
) -> None:
    sheet = corpus / "imports" / "manifest-cables" / "data" / "cable_metadata.csv"
    written = _round_trip(sheet, tmp_path / "cables")
    records = written.good_records()
    assert len(records) == 362
    with_scans = [r for r in records if r.scans]
    assert len(with_scans) == 6  # the six rows whose PDFs are in the corpus
    assert all(r.scans[0].path.is_relative_to(tmp_path / "cables") for r in with_scans)
    assert any(r.date is not None for r in records)


@pytest.mark.slow
def test_the_nara_release_list_round_trips(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    sheet = corpus / "records" / "jfk-ocr" / "nara-jfk-release-2022-metadata.xlsx"
    written = _round_trip(sheet, tmp_path / "jfk")
    records = {r.identifier or r.number: r for r in written.good_records()}
    dedkov = next(r for r in written.good_records() if r.number == "104-10006-10247")
    assert dedkov.title == "NAME CHECK REQUEST - ROMAN FEDOROVICH DEDKOV"
    assert dedkov.date is not None and dedkov.date.iso() == "1962-04-01"
    assert len(records) > 13000


def test_a_whole_frus_volume_imports_and_passes_check(corpus: Path, tmp_path: Path) -> None:
    volume = corpus / "imports" / "frus" / "frus1918Russiav03.xml"
    written = _round_trip(volume, tmp_path / "frus")
    records = written.good_records()
    assert len(records) == 478
    assert all(r.transcripts and r.transcripts[0].path.is_file() for r in records)
    assert all(r.url.startswith("https://history.state.gov/") for r in records)


def test_the_tropy_export_imports_and_passes_check(corpus: Path, tmp_path: Path) -> None:
    written = _round_trip(corpus / "imports" / "tropy" / "annotations.json", tmp_path / "tropy")
    assert len(written.good_records()) == 2
    # Its photos are on another machine: said in the record, not an error of the archive.
    assert all(dict(r.extra).get("missing files") for r in written.good_records())


@pytest.mark.parametrize("name", ["manifest.json", "fg165hz3589.json"])
def test_iiif_manifests_import_and_pass_check(corpus: Path, tmp_path: Path, name: str) -> None:
    written = _round_trip(corpus / "imports" / "iiif" / name, tmp_path / "iiif")
    assert len(written.good_records()) == 1


def test_only_the_rows_with_files_are_imported_when_asked(corpus: Path, tmp_path: Path) -> None:
    from viewer.services import sheet_columns

    sheet = corpus / "imports" / "manifest-cables" / "data" / "cable_metadata.csv"
    try:
        status = import_command.main(
            [str(sheet), "--into", str(tmp_path / "six"), "--only-with-files"]
        )
    finally:
        sheet_columns.configure(only_with_files=False)  # the reading of sheets as by default
    assert status == 0
    assert len(archive.load_archive(tmp_path / "six").good_records()) == 6
    assert len(formats.read(sheet).good_records()) == 362
