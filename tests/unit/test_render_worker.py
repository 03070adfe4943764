"""The render worker: every PyMuPDF job of the application, answered with signals."""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from viewer.domain import pdf
from viewer.services import render, render_backends, render_child, render_protocol
from viewer.services import shared_pixels as shared_memory
from viewer.services.render import RenderKey
from viewer.services.render_engine import PdfEngine
from viewer.services.render_protocol import OpenRequest, WordsRequest

SCANS = sorted((Path(__file__).resolve().parents[3] / "shared" / "corpus" / "scans").glob("*.pdf"))


@pytest.fixture
def worker() -> Iterator[render.PdfWorker]:
    worker = render.PdfWorker(isolated=False)
    yield worker
    worker.shutdown()


def _open(qtbot: QtBot, worker: render.PdfWorker, path: Path, password: str | None = None):
    with qtbot.waitSignal(worker.document_opened, timeout=10_000) as blocker:
        worker.open(path, password)
    return blocker.args[1]


@pytest.mark.corpus
@pytest.mark.parametrize("path", SCANS, ids=[p.name for p in SCANS])
def test_every_corpus_scan_opens_and_renders_first_and_last_page(
    qtbot: QtBot, worker: render.PdfWorker, corpus: Path, path: Path
) -> None:
    info = _open(qtbot, worker, path)
    assert info.page_count >= 1
    keys = [RenderKey(str(path), 0, 0.25), RenderKey(str(path), info.page_count - 1, 0.25)]
    rendered: dict[RenderKey, tuple[int, int]] = {}
    worker.page_rendered.connect(
        lambda k, image: rendered.__setitem__(k, (image.width(), image.height()))
    )
    worker.request_pages(render.VIEW, keys)
    qtbot.waitUntil(lambda: len(rendered) == len(set(keys)), timeout=10_000)
    for key in keys:
        size = info.page_sizes[key.page]
        assert rendered[key] == pytest.approx((size.width * 0.25, size.height * 0.25), abs=1.5)
        assert key in worker.cache


@pytest.mark.corpus
def test_encrypted_pdf_asks_for_its_password_then_opens_with_it(
    qtbot: QtBot, worker: render.PdfWorker, corpus: Path
) -> None:
    path = corpus / "broken" / "pypdf_r2-user-password.pdf"
    with qtbot.waitSignal(worker.document_failed) as failed:
        worker.open(path)
    assert failed.args[1:] == [
        str(path),
        "pypdf_r2-user-password.pdf: the PDF is encrypted and needs a password. "
        "Enter its password to open it",
        True,
    ]
    assert _open(qtbot, worker, path, "asdfzxcv").page_count == 1


@pytest.mark.corpus
def test_text_extraction_returns_every_page_and_the_metadata(
    qtbot: QtBot, worker: render.PdfWorker, corpus: Path
) -> None:
    path = corpus / "broken" / "pypdf_issue-297.pdf"
    with qtbot.waitSignal(worker.text_extracted) as extracted:
        worker.extract_text(path)
    assert extracted.args[0] == str(path)
    assert extracted.args[1][0].split() == pymupdf.open(path)[0].get_text("text").split()
    assert isinstance(extracted.args[2], dict)


@pytest.mark.corpus
def test_a_page_out_of_range_fails_with_its_key_and_a_reason(
    qtbot: QtBot, worker: render.PdfWorker, corpus: Path
) -> None:
    path = corpus / "scans" / "104-10006-10247_ocr.pdf"
    _open(qtbot, worker, path)
    key = RenderKey(str(path), 7, 0.5)
    with qtbot.waitSignal(worker.page_failed) as failed:
        worker.request_pages(render.VIEW, [key])
    assert failed.args[0] == key
    assert failed.args[1].startswith("104-10006-10247_ocr.pdf: page 8 cannot be shown")


@pytest.mark.corpus
def test_a_new_wish_replaces_pages_not_yet_rendered(corpus: Path) -> None:
    engine = PdfEngine()
    path = str(corpus / "scans" / "104-10012-10035_ocr.pdf")
    engine.accept(OpenRequest(1, path))
    engine.step()
    engine.accept(render_engine_want([RenderKey(path, p, 0.1) for p in range(6)]))
    first = engine.step()
    engine.accept(render_engine_want([RenderKey(path, 7, 0.1)]))
    second = engine.step()
    assert (first.key.page, second.key.page) == (0, 7)
    assert not engine.busy()
    engine.close_all()


def render_engine_want(keys: list[RenderKey]):
    from viewer.services.render_protocol import WantRequest

    return WantRequest(render.VIEW, tuple(keys))


@pytest.mark.corpus
def test_words_come_in_points_of_the_displayed_page(corpus: Path) -> None:
    engine = PdfEngine()
    path = str(corpus / "broken" / "pypdf_issue-297.pdf")
    engine.open(OpenRequest(1, path))
    result = engine.words(WordsRequest(path, 0))
    assert [w.text for w in result.words][:2] == ["test", "example"]
    assert result.words[0].x0 == pytest.approx(100.0)
    engine.close_all()


@pytest.mark.corpus
def test_isolated_worker_renders_in_a_child_process(qtbot: QtBot, corpus: Path) -> None:
    worker = render.PdfWorker(isolated=True)
    try:
        path = corpus / "scans" / "ocrmypdf_linn.pdf"
        info = _open(qtbot, worker, path)
        key = RenderKey(str(path), 0, 0.2)
        with qtbot.waitSignal(worker.page_rendered, timeout=10_000) as rendered:
            worker.request_pages(render.VIEW, [key])
        image = rendered.args[1]
        assert (image.width(), image.height()) == pytest.approx(
            (info.page_sizes[0].width * 0.2, info.page_sizes[0].height * 0.2), abs=1.5
        )
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 2
        # The pixels came through shared memory, which the window process then removed.
        pid = worker._backend.process.pid  # type: ignore[union-attr]
        if shared_memory.SHARED_MEMORY_DIR.is_dir():
            assert not list(
                shared_memory.SHARED_MEMORY_DIR.glob(shared_memory.shared_prefix(pid) + "*")
            )
    finally:
        worker.shutdown()


def test_first_page_is_rendered_unasked_at_the_scale_the_view_will_ask_for(
    qtbot: QtBot, worker: render.PdfWorker, samples: Path
) -> None:
    from viewer.services import page_fit

    path = samples / "records" / "1949-05-18-telegram" / "scan.pdf"
    hint = render.FirstPage(
        mode=page_fit.ZoomMode.FIT_WIDTH.value,
        width=600.0,
        height=800.0,
        device_pixel_ratio=1.0,
        actual=1.0,
        zoom=1.0,
    )
    with qtbot.waitSignal(worker.page_rendered, timeout=10_000) as rendered:
        worker.open(path, None, hint)
    key, image = rendered.args
    # Fit width: the page fills the width less the margins, as the view computes it.
    assert key.page == 0
    assert image.width() == pytest.approx(600 - 2 * page_fit.MARGIN, abs=1)
    assert key in worker.cache
    # The view's own request for that page is then answered from the cache, not rendered again.
    worker.request_pages(render.VIEW, [key])
    assert worker.is_idle()


def _stripes(tmp_path: Path) -> Path:
    """A 200 x 100 pt page of red, green and blue stripes on white paper."""
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=100)
    for index, colour in enumerate(((1, 0, 0), (0, 1, 0), (0, 0, 1))):
        x = 10 + 60 * index
        page.draw_rect(pymupdf.Rect(x, 10, x + 60, 70), color=None, fill=colour)
    path = tmp_path / "stripes.pdf"
    doc.save(path)
    return path


@pytest.mark.parametrize("isolated", [False, True], ids=["thread", "process"])
def test_a_rendered_page_has_pymupdfs_pixels_in_the_format_qt_paints_as_is(
    qtbot: QtBot, tmp_path: Path, isolated: bool
) -> None:
    path = _stripes(tmp_path)
    worker = render.PdfWorker(isolated=isolated)
    try:
        _open(qtbot, worker, path)
        key = RenderKey(str(path), 0, 1.5, 90)
        with qtbot.waitSignal(worker.page_rendered, timeout=10_000) as rendered:
            worker.request_pages(render.VIEW, [key])
        image = rendered.args[1]
        if sys.byteorder == "little":
            assert image.format() == QImage.Format.Format_RGB32
        matrix = pymupdf.Matrix(1.5, 1.5).prerotate(90)
        pixmap = pymupdf.open(path).load_page(0).get_pixmap(matrix=matrix, alpha=False)
        reference = QImage(
            pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888
        ).convertToFormat(image.format())
        assert image == reference
        # Turned a quarter clockwise: the stripes run down the page, red at the top.
        stripes = [QColor(image.pixel(100, y)) for y in (40, 150, 250)]
        assert stripes == [QColor(0xFF, 0, 0), QColor(0, 0xFF, 0), QColor(0, 0, 0xFF)]
    finally:
        worker.shutdown()


def test_an_image_keeps_the_pixels_it_was_made_on(qtbot: QtBot) -> None:
    samples = bytearray(b"\x10\x20\x30\xff" * 6)
    image = render_backends.to_image(
        render_protocol.Rendered(RenderKey("a.pdf", 0, 1.0), 3, 2, 12, samples)
    )
    copy = QImage(image)
    del samples, image
    gc.collect()
    assert QColor(copy.pixel(2, 1)) == QColor(0x30, 0x20, 0x10)


def test_opened_crosses_the_pipe_whole(corpus: Path) -> None:
    handle, info = pdf.open_document(corpus / "scans" / "104-10006-10247_ocr.pdf")
    handle.close()
    opened = render_protocol.Opened(7, info)
    assert pickle.loads(pickle.dumps(opened, protocol=pickle.HIGHEST_PROTOCOL)) == opened


def test_requests_are_read_whole_however_the_pipe_splits_them() -> None:
    read_end, write_end = os.pipe()
    try:
        inbox = render_child._PipeInbox(read_end)
        request = render_protocol.WantRequest(render.VIEW, (RenderKey("a.pdf", 3, 1.25),), 9)
        data = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        os.write(write_end, data[:5])
        assert inbox.get_nowait() is None
        os.write(write_end, data[5:] + pickle.dumps(render_protocol.CloseRequest("a.pdf")))
        assert inbox.get_nowait() == request
        assert inbox.get_nowait() == render_protocol.CloseRequest("a.pdf")
        os.close(write_end)
        write_end = -1
        assert isinstance(inbox.get(), render_protocol.StopRequest)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


@pytest.fixture
def shared_pixels() -> Iterator[shared_memory.SharedPixels]:
    if not shared_memory.SHARED_MEMORY_DIR.is_dir():
        pytest.skip("no shared memory (/dev/shm) here")
    pixels = shared_memory.SharedPixels()
    yield pixels
    pixels.close()
    shared_memory.remove_shared_files(os.getpid())


def _files() -> list[Path]:
    return sorted(
        shared_memory.SHARED_MEMORY_DIR.glob(shared_memory.shared_prefix(os.getpid()) + "*")
    )


def test_the_next_pages_shared_memory_is_made_ahead_and_cut_to_the_page(
    shared_pixels: shared_memory.SharedPixels,
) -> None:
    size = 3 * shared_memory.SPARE_MIN_SIZE
    first = shared_pixels.allocate(size)
    sent = shared_pixels.share(first)
    assert sent is not None and sent.size == size
    shared_pixels.release()
    shared_pixels.prepare()  # while the worker waits: a spare for the next page
    spare = [f for f in _files() if str(f) != sent.path]
    assert len(spare) == 1 and spare[0].stat().st_size >= size
    smaller = size - 4096  # the next page is a little smaller: it takes the spare
    buffer = shared_pixels.allocate(smaller)
    shared = shared_pixels.share(buffer)
    assert shared is not None and shared.path == str(spare[0]) and shared.size == smaller
    shared_pixels.release()  # once sent, the file is cut to the page: no memory nobody maps
    assert spare[0].stat().st_size == smaller


def test_shared_memory_of_a_page_that_failed_is_removed(
    shared_pixels: shared_memory.SharedPixels,
) -> None:
    shared_pixels.allocate(4096)
    assert len(_files()) == 1
    shared_pixels.release()  # the result sent was a failure: the buffer was never shared
    assert _files() == []


def _counting_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real = pdf.open_document

    def counting(path: Path, password: str | None = None):  # type: ignore[no-untyped-def]
        opened.append(path.name)
        return real(path, password)

    monkeypatch.setattr(pdf, "open_document", counting)
    return opened


def test_a_prefetched_document_is_opened_once_and_its_first_page_rendered_at_once(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _counting_opens(monkeypatch)
    path = str(samples / "records" / "1949-05-18-telegram" / "scan.pdf")
    engine = PdfEngine()
    engine.accept(render_protocol.PrefetchRequest(path))
    assert engine.step() is None  # nothing is answered
    assert opened == ["scan.pdf"]
    hint = render.FirstPage("fit-width", 600.0, 800.0, 1.0, 1.0, 1.0)
    engine.accept(OpenRequest(7, path, None, hint))
    answer = engine.step()
    assert isinstance(answer, render_protocol.Opened)
    assert (answer.request_id, answer.info.page_count) == (7, 3)
    assert opened == ["scan.pdf"]  # not opened again
    page = engine.step()
    assert isinstance(page, render_protocol.Rendered)
    assert page.key.page == 0
    engine.close(path)  # the one holder: closed now
    engine.accept(OpenRequest(8, path))
    assert isinstance(engine.step(), render_protocol.Opened)
    assert opened == ["scan.pdf", "scan.pdf"]
    engine.close_all()


def test_a_prefetch_that_failed_answers_its_open_with_the_same_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _counting_opens(monkeypatch)
    path = tmp_path / "not-a.pdf"
    path.write_text("plain text, no PDF at all")
    engine = PdfEngine()
    engine.accept(render_protocol.PrefetchRequest(str(path)))
    assert engine.step() is None
    engine.accept(OpenRequest(3, str(path)))
    failed = engine.step()
    assert isinstance(failed, render_protocol.OpenFailed)
    assert failed.request_id == 3
    assert failed.message.startswith("not-a.pdf: ")
    assert opened == ["not-a.pdf"]


def test_a_prefetch_is_not_taken_for_another_password_nor_kept_and_the_next_one_replaces_it(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _counting_opens(monkeypatch)
    first = str(samples / "records" / "1949-05-18-telegram" / "scan.pdf")
    second = str(samples / "records" / "specimen-card" / "scan.pdf")
    engine = PdfEngine()
    engine.accept(render_protocol.PrefetchRequest(first))
    engine.step()
    engine.accept(OpenRequest(1, first, "a password"))
    assert isinstance(engine.step(), render_protocol.Opened)
    assert opened == ["scan.pdf", "scan.pdf"]
    assert engine._prefetched is None  # another opening came first: it is not wanted any more
    engine.accept(render_protocol.PrefetchRequest(second))
    engine.accept(render_protocol.PrefetchRequest(second))  # the same again: nothing more
    engine.step()
    engine.step()
    assert len(opened) == 3
    prefetched = engine._prefetched
    assert prefetched is not None and prefetched[0].path == second
    engine.close_all()
    assert engine._prefetched is None


def test_the_worker_takes_a_prefetch_from_another_thread(
    qtbot: QtBot, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    opened = _counting_opens(monkeypatch)
    path = samples / "records" / "1949-05-18-telegram" / "scan.pdf"
    worker = render.PdfWorker(isolated=False)
    try:
        thread = threading.Thread(target=worker.prefetch, args=(path,))
        thread.start()
        thread.join()
        assert _open(qtbot, worker, path).page_count == 3
        assert opened == ["scan.pdf"]
    finally:
        worker.shutdown()


def test_a_crashed_worker_process_is_restarted_and_reopens_what_was_open(
    qtbot: QtBot, samples: Path
) -> None:
    worker = render.PdfWorker(isolated=True)
    try:
        path = samples / "records" / "1949-05-18-telegram" / "scan.pdf"
        _open(qtbot, worker, path)
        crashed = worker._backend.process  # type: ignore[union-attr]
        with qtbot.waitSignal(worker.worker_restarted, timeout=10_000) as restarted:
            crashed.kill()  # as MuPDF taking the process down would
        assert restarted.args == [
            "The page renderer stopped unexpectedly (a damaged PDF may have crashed it) "
            "and was restarted; the pages are being drawn again."
        ]
        fresh = worker._backend.process  # type: ignore[union-attr]
        assert fresh.pid != crashed.pid and fresh.poll() is None
        # The document open before the crash is open again: its pages render without a new open.
        key = RenderKey(str(path), 2, 0.25)
        with qtbot.waitSignal(worker.page_rendered, timeout=10_000) as rendered:
            worker.request_pages(render.VIEW, [key])
        assert rendered.args[0] == key
        image = rendered.args[1]
        assert image.width() > 100
        assert len({image.pixel(x, y) for x in range(0, image.width(), 5) for y in (40, 80)}) > 1
    finally:
        worker.shutdown()


def test_a_text_layer_reaches_every_receiver_as_the_list_read_not_a_copy(
    worker: render.PdfWorker,
) -> None:
    """A 5,000-page text layer is ~15 MB of text: a signal typed `list` converts it to Qt's
    values and back for each receiver, ~60 ms of the window's thread per receiver."""
    pages = [f"Text of page {number}." for number in range(5_000)]
    words = [(1.0, 2.0, 3.0, 4.0, "word", 0, 0, 0)]
    received: list[object] = []
    for _ in range(3):
        worker.text_extracted.connect(lambda _path, got, _meta: received.append(got))
        worker.words_extracted.connect(lambda _path, _page, got: received.append(got))
    worker._on_relay_arrived(render_protocol.TextExtracted("a.pdf", pages, {}))
    worker._on_relay_arrived(render_protocol.WordsExtracted("a.pdf", 0, words))
    assert len(received) == 6
    assert all(got is pages for got in received[:3])
    assert all(got == words for got in received[3:])
