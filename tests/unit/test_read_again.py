"""A source read again while it is open, its files having changed (`formats.read_again`):
only what changed is looked at, and records that did not change are the same objects."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.unit.test_folder_cache import make_pdf, settle
from viewer.domain import formats
from viewer.domain.formats import folder_listing
from viewer.domain.model import Record


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    root = tmp_path / "scans"
    for box in ("box 1", "box 2", "box 3"):
        (root / box).mkdir(parents=True)
        make_pdf(root / box / f"{box.replace(' ', '_')}_memo.pdf")
        settle(root / box)
    (root / "box 1" / "box_1_memo.md").write_text("---\ntitle: Memo of box one\n---\nText\n")
    settle(root / "box 1" / "box_1_memo.md", root / "box 1", root)
    return root


def test_nothing_changed_gives_the_archive_open(scans: Path) -> None:
    before = formats.read_again(scans, formats.read(scans))  # the cache is written
    assert formats.read_again(scans, before) is before


def test_a_pdf_added_lists_only_its_folder_again_and_keeps_the_other_records(
    scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = formats.read_again(scans, formats.read(scans))
    make_pdf(scans / "box 2" / "1962-10-22_cable.pdf")  # box 2's time is now: changed
    listed: list[str] = []
    real = folder_listing._scan

    def scan(root: str, folder: str, broken: list[object]) -> object:
        listed.append(folder)
        return real(root, folder, broken)  # type: ignore[arg-type]

    monkeypatch.setattr(folder_listing, "_scan", scan)
    after = formats.read_again(scans, before)
    assert listed == [str(scans / "box 2")]
    assert len(after.records) == 4
    kept = [record for record in after.records if any(record is r for r in before.records)]
    assert len(kept) == 3  # the records that did not change are the same objects
    assert "1962-10-22 cable" in {record.title for record in after.records}


def test_an_edited_sidecar_changes_its_record_only(scans: Path) -> None:
    before = formats.read_again(scans, formats.read(scans))
    sidecar = scans / "box 1" / "box_1_memo.md"
    sidecar.write_text("---\ntitle: Memo of box one, corrected\n---\nText\n")
    settle(sidecar)
    sidecar.touch()
    after = formats.read_again(scans, before)
    changed = [record for record in after.records if not any(record is r for r in before.records)]
    assert [record.title for record in changed] == ["Memo of box one, corrected"]


def test_records_are_compared_as_the_window_completed_them(scans: Path) -> None:
    """A record the window completed with its PDF's title is the same record read again."""
    read = formats.read_again(scans, formats.read(scans))

    def complete(record: Record) -> Record:
        return dataclasses.replace(record, title="Title from the PDF")

    before = dataclasses.replace(
        read,
        records=tuple(complete(r) if isinstance(r, Record) else r for r in read.records),
    )
    (scans / "box 3" / "notes.txt").write_text("not a sidecar of anything")  # box 3 changed
    after = formats.read_again(scans, before, complete)
    assert after is before


def test_a_removed_folder_is_an_error_naming_it(scans: Path) -> None:
    before = formats.read(scans)
    for path in sorted(scans.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    scans.rmdir()
    with pytest.raises(formats.ArchiveError, match="does not exist"):
        formats.read_again(scans, before)


def test_files_named_as_changed_are_read_again_whatever_their_stamps_say(scans: Path) -> None:
    """A sidecar written twice within its clock's tick keeps its stamp; the watch names it."""
    before = formats.read_again(scans, formats.read(scans))
    sidecar = scans / "box 1" / "box_1_memo.md"
    stamp = sidecar.stat()
    sidecar.write_text("---\ntitle: Memo of box ONE\n---\nText\n")  # as long as it was
    os.utime(sidecar, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # the same stamp as before
    assert formats.read_again(scans, before) is before  # the stamps alone do not tell
    after = formats.read_again(scans, before, changed=[sidecar])
    assert "Memo of box ONE" in {record.title for record in after.records}
