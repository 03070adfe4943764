"""Reading a large archive: few progress reports, and no repeated walks of the cycle collector."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from viewer.domain import archive, ordering

RECORDS = 4_100


def make(root: Path, count: int) -> Path:
    for number in range(count):
        folder = root / "records" / f"{number // 1000:02d}" / f"r{number:05d}"
        folder.mkdir(parents=True)
        (folder / "record.toml").write_text(
            f'id = "r{number:05d}"\ntitle = "Record {number}"\ndate = "1950-01-01"\n',
            encoding="utf-8",
        )
    return root


def test_a_large_archive_reports_progress_a_few_hundred_times_not_per_record(
    tmp_path: Path,
) -> None:
    reports: list[tuple[int, int]] = []
    loaded = archive.load_archive(make(tmp_path, RECORDS), lambda d, t: reports.append((d, t)))
    assert len(loaded.records) == RECORDS
    assert len(reports) <= 210  # every two hundredth of the records, and the last
    assert reports[-1] == (RECORDS, RECORDS)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


def test_records_read_are_kept_from_the_cycle_collector(tmp_path: Path) -> None:
    root = make(tmp_path, RECORDS)
    gc.unfreeze()
    try:
        loaded = archive.load_archive(root)
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    # Every record read before the last FREEZE_EVERY is frozen, with the objects it holds.
    assert frozen >= RECORDS // archive.FREEZE_EVERY * archive.FREEZE_EVERY * 3
    assert len(loaded.records) == RECORDS


def test_the_record_a_large_archive_opens_on_is_found_by_its_reading_not_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Finding it among 100,000 records takes the window's thread ~30 ms: the reading thread
    # finds it as it makes the archive, and the window's thread finds the answer kept.
    monkeypatch.setattr(archive, "EARLY_RECORDS", 10)
    loaded = archive.load_archive(make(tmp_path, 30))
    expected = ordering._find_first(loaded.records)

    def looked_for_again(_records: object) -> None:
        raise AssertionError("looked for on the window's thread")

    monkeypatch.setattr(ordering, "_find_first", looked_for_again)
    assert ordering.first_record(loaded, "") is expected
    other = archive.load_archive(make(tmp_path / "other", 3))  # a small archive: asked later
    with pytest.raises(AssertionError):
        ordering.first_record(other, "")


def test_the_broken_records_of_a_large_archive_are_found_by_its_reading_not_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window says how many records cannot be read as the archive opens: looking through
    # 100,000 records for them took its thread ~12 ms. The reading thread finds them first.
    monkeypatch.setattr(archive, "EARLY_RECORDS", 10)
    root = make(tmp_path, 30)
    (root / "records" / "00" / "r00003" / "record.toml").write_text("title = [", encoding="utf-8")
    loaded = archive.load_archive(root)
    assert "broken_records" in vars(loaded)  # found already, kept with the archive
    assert [r.folder.name for r in loaded.broken_records] == ["r00003"]
    small = archive.load_archive(make(tmp_path / "small", 3))  # asked for when needed
    assert "broken_records" not in vars(small)
    assert small.broken_records == ()
