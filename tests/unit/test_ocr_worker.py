"""Background OCR: a low-priority process of its own, pages on screen first, pausable, cached."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.unit.test_ocr import image_only_copy
from viewer.domain import ocr, ocr_cache
from viewer.services import ocr_engine, ocr_worker


@pytest.fixture
def scan(samples: Path, tmp_path: Path) -> Path:
    if ocr.tesseract_program() is None or "eng" not in ocr.installed_languages():
        pytest.skip("Tesseract and its English data are not installed (Debian: tesseract-ocr)")
    source = samples / "records" / "specimen-card" / "scan.pdf"
    return image_only_copy(source, tmp_path / "card.pdf")


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[ocr_worker.OcrWorker]:
    worker = ocr_worker.OcrWorker(tmp_path / "ocr.sqlite3", processes=1)
    yield worker
    worker.shutdown()


@pytest.mark.slow
def test_the_page_on_screen_is_read_first_in_a_low_priority_process(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, scan: Path, tmp_path: Path
) -> None:
    read: list[int] = []
    worker.page_read.connect(lambda _path, page: read.append(page.page))
    # Both asked for while paused, the document first: the page on screen still comes first.
    with qtbot.waitSignal(worker.paused_changed, timeout=20_000):
        worker.set_paused(True)
        worker.recognise(scan, "eng", ocr_engine.DOCUMENT)
        worker.recognise(scan, "eng", ocr_engine.ON_SCREEN, pages=(1,))
    with qtbot.waitSignal(worker.idle, timeout=60_000):
        worker.set_paused(False)
    assert read == [1, 0]
    process = worker._process
    assert process is not None and process.pid != os.getpid()
    assert os.getpriority(os.PRIO_PROCESS, process.pid) == 19
    cache = ocr_cache.OcrCache(tmp_path / "ocr.sqlite3")
    texts = cache.texts(cache.content_of(scan))
    assert "Telegram" in texts[0] and "FINDING-AID SHEET" in texts[1]
    cache.close()


@pytest.mark.slow
def test_progress_is_reported_and_a_second_opening_is_answered_from_the_cache(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, scan: Path, tmp_path: Path
) -> None:
    progress: list[ocr_worker.Progress] = []
    worker.progress_changed.connect(progress.append)
    with qtbot.waitSignal(worker.idle, timeout=60_000):
        worker.recognise(scan, "eng")
    assert [(p.done, p.total) for p in progress] == [(1, 2), (2, 2)]
    worker.shutdown()
    again = ocr_worker.OcrWorker(tmp_path / "ocr.sqlite3", processes=1)
    pages: list[ocr.OcrPage] = []
    again.page_read.connect(lambda _path, page: pages.append(page))
    try:
        with qtbot.waitSignal(again.idle, timeout=20_000):
            again.recognise(scan, "eng")
    finally:
        again.shutdown()
    assert sorted(p.page for p in pages) == [0, 1]
    assert "FINDING-AID SHEET" in pages[1].text()


@pytest.mark.slow
def test_a_paused_worker_reads_nothing_until_resumed(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, scan: Path
) -> None:
    read: list[int] = []
    worker.page_read.connect(lambda _path, page: read.append(page.page))
    with qtbot.waitSignal(worker.paused_changed, timeout=20_000):
        worker.set_paused(True)
        worker.recognise(scan, "eng", pages=(0,))
        # Requests are taken in order: this one is answered after the page was asked for.
        worker.set_paused(True)
    assert worker.paused
    assert read == []
    with qtbot.waitSignal(worker.idle, timeout=60_000):
        worker.set_paused(False)
    assert read == [0]


def test_a_broken_pdf_is_reported_by_name(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    with qtbot.waitSignal(worker.failed, timeout=20_000) as failed:
        worker.recognise(broken, "eng")
    assert failed.args[0].startswith("broken.pdf: ")


def test_an_archives_scans_asked_for_at_once_all_reach_the_ocr_process(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, tmp_path: Path
) -> None:
    documents = []
    for index in range(450):  # more than one batch of requests
        broken = tmp_path / f"broken-{index:03d}.pdf"
        broken.write_bytes(b"not a pdf at all")
        documents.append((str(broken), "eng", ()))
    failed: list[str] = []
    worker.failed.connect(failed.append)
    worker.recognise_all(documents)  # written on a thread of its own: returns at once
    qtbot.waitUntil(lambda: len(failed) == 450, timeout=60_000)
    assert sorted(message.split(":")[0] for message in failed) == [
        f"broken-{index:03d}.pdf" for index in range(450)
    ]


@pytest.mark.slow
def test_the_document_shown_is_read_before_the_rest_of_the_archive(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, scan: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.pdf"
    shutil.copy(scan, other)
    other.write_bytes(other.read_bytes() + b"\n%")  # other content: not answered from the cache
    read: list[tuple[str, int]] = []
    worker.page_read.connect(lambda path, page: read.append((Path(path).name, page.page)))
    with qtbot.waitSignal(worker.paused_changed, timeout=20_000):
        worker.set_paused(True)
        worker.recognise(other, "eng", ocr_engine.ARCHIVE, pages=(0,))
        worker.recognise(scan, "eng", ocr_engine.DOCUMENT, pages=(0,))
    with qtbot.waitSignal(worker.idle, timeout=60_000):
        worker.set_paused(False)
    assert read == [("card.pdf", 0), ("other.pdf", 0)]


def _tesseract_child(pid: int) -> int | None:
    """The process id of a `tesseract` reading a page for the process `pid`, if any."""
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            with contextlib.suppress(OSError):
                command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
                if command[0].endswith(b"tesseract") and b"tsv" in command:
                    return int(child)
    return None


@pytest.mark.slow
def test_an_ocr_process_killed_in_the_middle_of_a_page_leaves_no_file_behind(
    qtbot: QtBot, scan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to find the Tesseract process")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    worker = ocr_worker.OcrWorker(tmp_path / "ocr.sqlite3", processes=1)
    worker.recognise(scan, "eng", ocr_engine.ON_SCREEN, pages=(0, 1))
    qtbot.waitUntil(lambda: worker._process is not None, timeout=5_000)  # started by its writer
    process = worker._process
    assert process is not None
    found: list[int] = []
    qtbot.waitUntil(
        lambda: found.append(_tesseract_child(process.pid) or 0) or found[-1] > 0,
        timeout=60_000,
    )
    process.kill()  # as the window closing does when a page is not finished within 2 s
    process.wait()
    os.kill(found[-1], signal.SIGKILL)  # the page it was reading, now no one's
    worker.shutdown()
    assert list(temporary.iterdir()) == []


def test_files_left_by_killed_ocr_processes_are_removed_at_the_next_start(tmp_path: Path) -> None:
    folder = tmp_path / "tmp"
    folder.mkdir()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_folder = folder / f"{ocr.TEMPORARY_PREFIX}{int(gone.stdout)}"
    dead_folder.mkdir()
    (dead_folder / "page.pgm").write_bytes(b"P5")
    living_folder = folder / f"{ocr.TEMPORARY_PREFIX}{os.getpid()}"
    living_folder.mkdir()
    old_image = folder / f"{ocr.TEMPORARY_PREFIX}x1y2.pgm"
    old_image.write_bytes(b"P5")
    os.utime(old_image, (1, time.time() - ocr.TIMEOUT_SECONDS - 60))
    new_image = folder / f"{ocr.TEMPORARY_PREFIX}z3.pgm"
    new_image.write_bytes(b"P5")
    ocr.remove_stale_files(folder)
    assert sorted(p.name for p in folder.iterdir()) == [living_folder.name, new_image.name]


@pytest.mark.slow
def test_a_page_an_older_recogniser_read_is_shown_then_read_again(
    qtbot: QtBot, worker: ocr_worker.OcrWorker, scan: Path, tmp_path: Path
) -> None:
    cache = ocr_cache.OcrCache(tmp_path / "ocr.sqlite3")
    content = cache.content_of(scan)
    word = ocr.OcrWord("Teiegram", 10, 20, 60, 32, 90.0, 1, 1001)
    cache.put(content, ocr.OcrPage(0, "eng", (word,), recogniser=ocr.RECOGNISER_VERSION - 1))
    cache.close()
    read: list[str] = []
    worker.page_read.connect(lambda _path, page: read.append(page.text()))
    with qtbot.waitSignal(worker.idle, timeout=60_000):
        worker.recognise(scan, "eng", ocr_engine.ON_SCREEN, pages=(0,))
    assert read[0] == "Teiegram"  # at once, from the cache
    assert len(read) == 2 and "Telegram" in read[1]  # then as the recogniser reads it now
    cache = ocr_cache.OcrCache(tmp_path / "ocr.sqlite3")
    stored = cache.get(content, 0, "eng")
    assert stored is not None and "Telegram" in stored.text() and not stored.outdated
    cache.close()


def test_without_files_in_memory_page_images_go_to_a_folder_of_the_process_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "memfd_create", raising=False)
    monkeypatch.setattr(ocr.tempfile, "tempdir", str(tmp_path))
    ocr.private_folder.cache_clear()
    try:
        with ocr.image_file(b"P5 1 1 255 \x00") as (name, descriptors):
            assert descriptors == ()
            assert Path(name).parent == tmp_path / f"{ocr.TEMPORARY_PREFIX}{os.getpid()}"
            assert Path(name).read_bytes() == b"P5 1 1 255 \x00"
        assert list(Path(name).parent.iterdir()) == []
    finally:
        ocr.private_folder.cache_clear()


def test_the_window_never_waits_for_an_ocr_process_that_does_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An OCR process still starting (at nice 19, on a busy machine) reads nothing for a while:
    # an archive's requests fill the pipe, and the writes wait. The window's own requests (the
    # page on screen, a pause) and its closing must not wait with them.
    def deaf(_worker: ocr_worker.OcrWorker) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(20)"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    monkeypatch.setattr(ocr_worker.OcrWorker, "_start", deaf)
    worker = ocr_worker.OcrWorker(tmp_path / "ocr.sqlite3", processes=1)
    long_name = "x" * 200
    worker.recognise_all((f"/archive/{long_name}-{n}.pdf", "eng", ()) for n in range(5_000))
    time.sleep(0.5)  # the writing thread has filled the pipe (5,000 requests are ~1.5 MB)
    started = time.perf_counter()
    worker.recognise("/archive/on-screen.pdf", "eng", ocr_engine.ON_SCREEN, pages=(0,))
    worker.set_paused(True)
    worker.set_paused(False)
    asked = time.perf_counter() - started
    process = worker._process
    started = time.perf_counter()
    worker.shutdown()
    closed = time.perf_counter() - started
    assert asked < 0.05
    assert closed < 5
    assert process is not None and process.poll() is not None  # ended, not left behind
