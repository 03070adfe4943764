"""A plain folder opened again: listed from the user's cache at once, read again where it
changed, its PDFs' metadata taken from the cache while the PDF is as it was."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pymupdf
import pytest

from viewer import paths
from viewer.domain import catalogue
from viewer.domain.formats import folder, folder_cache, folder_listing
from viewer.domain.model import Archive, Record

PAST = 1_600_000_000  # well before any reading: settled


def settle(*paths_: Path) -> None:
    for path in paths_:
        os.utime(path, (PAST, PAST))


def make_pdf(path: Path, title: str = "") -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), path.stem)
    if title:
        doc.set_metadata({"title": title})
    doc.save(path)
    doc.close()
    settle(path)
    return path


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    root = tmp_path / "scans"
    (root / "box").mkdir(parents=True)
    make_pdf(root / "1949-05-18_letter.pdf")
    make_pdf(root / "box" / "memo_0001.pdf")
    (root / "box" / "memo_0001.md").write_text("---\ntitle: Memo from the sidecar\n---\nText\n")
    settle(root / "box" / "memo_0001.md", root / "box", root)
    return root


def read(root: Path) -> tuple[Archive, list[Archive]]:
    """The folder as read, and what was given early (from the cache)."""
    given: list[Archive] = []
    assert folder.FORMAT.read_early is not None
    return folder.FORMAT.read_early(root, None, given.append), given


def titles(archive: Archive) -> list[str]:
    return sorted(r.title for r in archive.records)


def test_a_folder_opened_again_is_listed_from_the_cache_without_walking_it(
    scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, given = read(scans)
    assert given == []  # nothing kept yet
    assert titles(first) == ["1949-05-18 letter", "Memo from the sidecar"]
    listing = sorted(p.relative_to(scans) for p in scans.rglob("*"))

    def no_walk(*_: object) -> None:
        raise AssertionError("the folder was walked")

    monkeypatch.setattr(folder_listing, "_scan", no_walk)
    again, given = read(scans)
    assert [len(a.records) for a in given] == [2]
    assert again is given[0]  # unchanged: the same archive, not shown twice
    assert titles(again) == titles(first)
    assert again.records[0].date == first.records[0].date
    # Nothing was written into the folder.
    assert sorted(p.relative_to(scans) for p in scans.rglob("*")) == listing


def test_a_renamed_added_or_removed_pdf_shows_up_on_the_next_opening(scans: Path) -> None:
    read(scans)
    (scans / "1949-05-18_letter.pdf").rename(scans / "1950-01-02_report.pdf")
    (scans / "box" / "memo_0001.pdf").unlink()
    make_pdf(scans / "box" / "note.pdf")
    again, given = read(scans)
    assert titles(given[0]) == ["1949-05-18 letter", "Memo from the sidecar"]
    # The sidecar stays, a transcript without its scan: not a record.
    assert titles(again) == ["1950-01-02 report", "note"]
    assert {r.date.iso() for r in again.records if isinstance(r, Record) and r.date} == {
        "1950-01-02"
    }


def test_an_edited_sidecar_shows_up_on_the_next_opening(
    scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(scans)
    sidecar = scans / "box" / "memo_0001.md"
    sidecar.write_text("---\ntitle: Memo edited by hand\n---\nText\n")
    os.utime(sidecar, (PAST + 60, PAST + 60))
    # Only what changed is looked at again: the folders' listings are as they were.
    monkeypatch.setattr(folder_listing, "_scan", None)
    again, given = read(scans)
    assert titles(given[0]) == ["1949-05-18 letter", "Memo from the sidecar"]
    assert titles(again) == ["1949-05-18 letter", "Memo edited by hand"]


def test_a_damaged_cache_is_read_again_from_the_folder(scans: Path) -> None:
    read(scans)
    kept = folder_cache.FolderCache(paths.cache_dir() / "catalogues", scans.resolve())
    assert kept.file.exists()
    kept.file.write_bytes(kept.file.read_bytes()[:40] + b"\x00garbage")
    again, given = read(scans)
    assert given == []
    assert titles(again) == ["1949-05-18 letter", "Memo from the sidecar"]


def test_a_pdfs_metadata_is_taken_from_the_cache_while_the_pdf_is_unchanged(
    scans: Path,
) -> None:
    letter = scans / "1949-05-18_letter.pdf"
    make_pdf(letter, "Letter to the Ambassador")
    settle(scans)
    facts = folder_cache.PdfFacts(paths.cache_dir() / "catalogues", scans.resolve())
    facts.keep(str(letter), metadata={"title": "Letter to the Ambassador"}, text=1)
    facts.save()
    first, _ = read(scans)
    assert "Letter to the Ambassador" in titles(first)
    again, given = read(scans)
    assert "Letter to the Ambassador" in titles(given[0]) and again is given[0]
    # The PDF replaced by another: what the cache knew of it is not shown any more.
    make_pdf(letter, "Another letter")
    os.utime(letter, (PAST + 60, PAST + 60))
    again, given = read(scans)
    assert "Letter to the Ambassador" in titles(given[0])
    assert titles(again) == ["1949-05-18 letter", "Memo from the sidecar"]


def test_a_folder_changed_while_it_is_read_is_read_again_next_time(scans: Path) -> None:
    make_pdf(scans / "new.pdf")  # the folder's time is now: an edit in the same tick is possible
    read(scans)
    kept = folder_cache.FolderCache(paths.cache_dir() / "catalogues", scans.resolve())
    loaded = kept.load()
    assert loaded is not None
    stamps = loaded[1][0]
    assert stamps[str(scans.resolve())] is None
    assert not folder_cache.unchanged(stamps)


def test_what_the_cache_knew_of_a_pdf_gone_from_the_folder_is_forgotten(scans: Path) -> None:
    letter, memo = scans / "1949-05-18_letter.pdf", scans / "box" / "memo_0001.pdf"
    facts = folder_cache.PdfFacts(paths.cache_dir() / "catalogues", scans.resolve())
    facts.keep(str(letter), metadata={"title": "A letter"}, text=1)
    facts.keep(str(memo), metadata={}, text=0)
    facts.save()
    again = folder_cache.PdfFacts(paths.cache_dir() / "catalogues", scans.resolve()).load()
    again.keep_only([str(memo)])
    again.save()
    last = folder_cache.PdfFacts(paths.cache_dir() / "catalogues", scans.resolve()).load()
    assert last.known(str(letter)) is None
    assert last.known(str(memo)) is not None


def keep_title(scans: Path, title: str) -> None:
    letter = scans / "1949-05-18_letter.pdf"
    facts = folder_cache.PdfFacts(paths.cache_dir() / "catalogues", scans.resolve()).load()
    facts.keep(str(letter), metadata={"title": title}, text=1)
    facts.save()


def test_a_folder_opened_again_is_listed_as_its_pdfs_completed_it_without_completing_a_record(
    scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pdf(scans / "1949-05-18_letter.pdf", "Letter to the Ambassador")
    settle(scans)
    read(scans)
    keep_title(scans, "Letter to the Ambassador")
    folder.keep_shown(scans.resolve())
    shown = folder_cache.ShownRecords(paths.cache_dir() / "catalogues", scans.resolve())
    assert shown.file.exists()
    listed: list[list[str]] = []
    complete = folder.with_pdf_metadata

    def completing(record: Record, metadata: dict[str, str]) -> Record:
        assert listed, "a record was completed before the folder was listed"
        return complete(record, metadata)

    def given(archive: Archive) -> None:
        listed.append(titles(archive))

    monkeypatch.setattr(folder, "with_pdf_metadata", completing)
    assert folder.FORMAT.read_early is not None
    folder.FORMAT.read_early(scans, None, given)
    assert listed == [["Letter to the Ambassador", "Memo from the sidecar"]]
    # What a PDF said kept again (read again, changed): the list shows what it says now.
    keep_title(scans, "Letter to the Consul")
    again, early = read(scans)
    assert titles(early[0]) == ["Letter to the Consul", "Memo from the sidecar"]
    assert again is early[0]


def test_a_folder_cache_is_written_and_read_a_few_hundred_records_at_a_time(
    tmp_path: Path,
) -> None:
    """One pickle of a whole folder's records holds the interpreter lock, and the window,
    until it is read or written."""
    root = tmp_path / "many"
    root.mkdir()
    for number in range(1200):
        (root / f"photo_{number:04d}.png").write_bytes(b"")
    settle(root)
    read(root)
    kept = folder_cache.FolderCache(paths.cache_dir() / "catalogues", root.resolve())
    with kept.file.open("rb") as handle:
        pickles = 0
        while True:
            try:
                pickle.load(handle)
            except EOFError:
                break
            pickles += 1
    assert pickles >= 2 + 1200 // catalogue.CHUNK
    loaded = kept.load()
    assert loaded is not None and len(loaded[0]) == 1200


def test_a_folder_listed_as_last_shown_is_not_made_again_from_its_reading_while_it_holds(
    scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    letter = scans / "1949-05-18_letter.pdf"
    read(scans)
    keep_title(scans, "Letter to the Ambassador")
    folder.keep_shown(scans.resolve())
    thawed: list[int] = []
    thaw = folder_cache._thawed

    def counted(root: Path, frozen: list[object]) -> object:
        thawed.append(len(frozen))
        return thaw(root, frozen)

    monkeypatch.setattr(folder_cache, "_thawed", counted)
    again, given = read(scans)
    assert again is given[0]
    assert sum(thawed) == 2  # the records as listed, and no others
    assert "Letter to the Ambassador" in titles(again)
    # The PDF replaced by another: the records as read are made, without what it said.
    make_pdf(letter)
    os.utime(letter, (PAST + 60, PAST + 60))
    again, given = read(scans)
    assert "Letter to the Ambassador" in titles(given[0])
    assert titles(again) == ["1949-05-18 letter", "Memo from the sidecar"]
