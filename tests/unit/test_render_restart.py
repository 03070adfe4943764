"""The render worker against PDFs that crash it or take minutes: a restart asks again for what
was wanted, a crash on open is retried a few times then named, a slow page (to draw, or to read
its text) is given up on without holding up the pages of other documents, and a bug fails the
job it hit."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pymupdf
import pytest
from pytestqt.qtbot import QtBot

from viewer.services import render, render_engine, text_layers, worker_process
from viewer.services.render import RenderKey, Word
from viewer.services.render_engine import PdfEngine
from viewer.services.render_protocol import OpenFailed, OpenRequest

REPO = Path(__file__).resolve().parent.parent.parent


def _hostile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile", REPO / "tools" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _hostile()

# A worker process whose MuPDF "crashes" (the process dies at once, as on a segfault) when it
# opens a file named crash*.pdf, and on the first page it renders after `marker` is named.
CRASHING_WORKER = """
import os, sys
from pathlib import Path
from viewer.domain import pdf
real_open, real_render = pdf.open_document, pdf.render_page
marker = Path(sys.argv[1])
def open_document(path, password=None):
    if path.name.startswith("crash"):
        os._exit(70)
    return real_open(path, password)
def render_page(*args, **kwargs):
    if marker.exists():
        marker.unlink()
        os._exit(71)
    return real_render(*args, **kwargs)
pdf.open_document, pdf.render_page = open_document, render_page
import importlib
importlib.import_module("viewer.services.render_child").main()
"""


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[subprocess.Popen[bytes]]:
    """Worker processes started by PdfWorker, all of them crashing ones (see above)."""
    processes: list[subprocess.Popen[bytes]] = []

    def take() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-c", CRASHING_WORKER, str(tmp_path / "crash-next-render")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        processes.append(process)
        return process

    monkeypatch.setattr(worker_process, "take", take)
    return processes


@pytest.fixture
def isolated() -> Iterator[render.PdfWorker]:
    worker = render.PdfWorker(isolated=True)
    yield worker
    worker.shutdown()


def _open(qtbot: QtBot, worker: render.PdfWorker, path: Path) -> None:
    with qtbot.waitSignal(worker.document_opened, timeout=20_000):
        worker.open(path)


def test_a_pdf_that_crashes_the_worker_on_open_is_retried_then_named(
    qtbot: QtBot, tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    good = hostile.text_pdf(tmp_path / "good.pdf")
    crash = hostile.text_pdf(tmp_path / "crash.pdf")
    worker = render.PdfWorker(isolated=True)
    try:
        restarts: list[str] = []
        worker.worker_restarted.connect(restarts.append)
        _open(qtbot, worker, good)
        with qtbot.waitSignal(worker.document_failed, timeout=30_000) as failed:
            request_id = worker.open(crash)
        assert failed.args[0] == request_id
        assert failed.args[1] == str(crash)
        assert failed.args[2].startswith("crash.pdf: this PDF makes the page renderer crash")
        # One process, then one per try: not 97 in 20 s.
        assert len(spawned) == 1 + render.OPEN_RETRIES + 1
        assert restarts and "restarted" in restarts[0]
        # The document that was open is open again and renders.
        key = RenderKey(str(good), 0, 0.5)
        with qtbot.waitSignal(worker.page_rendered, timeout=20_000) as rendered:
            worker.request_pages(render.VIEW, [key])
        assert rendered.args[0] == key
    finally:
        worker.shutdown()


def test_the_page_rendering_when_the_worker_died_is_asked_for_again(
    qtbot: QtBot, tmp_path: Path, spawned: list[subprocess.Popen[bytes]]
) -> None:
    good = hostile.text_pdf(tmp_path / "good.pdf")
    worker = render.PdfWorker(isolated=True)
    try:
        _open(qtbot, worker, good)
        (tmp_path / "crash-next-render").touch()  # the next render kills the worker, once
        key = RenderKey(str(good), 1, 0.5)
        failed: list[object] = []
        worker.page_failed.connect(lambda k, message: failed.append(message))
        with qtbot.waitSignals([worker.worker_restarted, worker.page_rendered], timeout=30_000):
            worker.request_pages(render.VIEW, [key])
        assert key in worker.cache
        assert failed == []
        assert len(spawned) == 2
    finally:
        worker.shutdown()


def test_a_page_over_its_time_budget_fails_and_other_documents_go_on(
    qtbot: QtBot, tmp_path: Path, isolated: render.PdfWorker
) -> None:
    slow = hostile.slow_pdf(tmp_path / "slow.pdf")  # ~100 s for its one page
    good = hostile.text_pdf(tmp_path / "good.pdf")
    isolated.render_budget_ms = 1500
    _open(qtbot, isolated, slow)
    _open(qtbot, isolated, good)
    slow_key = RenderKey(str(slow), 0, 1.0)
    with qtbot.waitSignal(isolated.page_failed, timeout=20_000) as failed:
        isolated.request_pages(render.VIEW, [slow_key])
    assert failed.args[0] == slow_key
    assert failed.args[1] == "slow.pdf: page 1 takes too long to draw (over 1.5 s); it is skipped"
    start = time.monotonic()
    good_key = RenderKey(str(good), 0, 1.0)
    with qtbot.waitSignal(isolated.page_rendered, timeout=20_000) as rendered:
        isolated.request_pages(render.VIEW, [good_key])
    assert rendered.args[0] == good_key
    assert time.monotonic() - start < 10  # not the ~100 s of the slow page


def test_a_text_layer_page_over_its_time_budget_fails_naming_it_and_the_next_text_is_read(
    qtbot: QtBot, tmp_path: Path, isolated: render.PdfWorker
) -> None:
    good = hostile.text_pdf(tmp_path / "good.pdf")
    # Three pages: two of text, read at once, and one that takes minutes to read.
    slow = tmp_path / "slow.pdf"
    with pymupdf.open(good) as doc, pymupdf.open(hostile.slow_pdf(tmp_path / "one.pdf")) as one:
        doc.insert_pdf(one)
        doc.save(slow)
    isolated.text_budget_ms = 1000
    failed: list[tuple[str, str]] = []
    read: list[tuple[str, list[str]]] = []
    restarts: list[str] = []
    isolated.text_failed.connect(lambda path, message: failed.append((path, message)))
    isolated.text_extracted.connect(lambda path, pages, _meta: read.append((path, pages)))
    isolated.worker_restarted.connect(restarts.append)
    start = time.monotonic()
    with qtbot.waitSignals([isolated.text_failed, isolated.text_extracted], timeout=30_000):
        isolated.extract_text(slow)
        isolated.extract_text(good)  # queued behind the slow one
    assert failed == [(str(slow), "slow.pdf: reading page 3 takes over 1 s")]
    assert read == [
        (str(good), ["Telegram from Mukden, page 1\n", "Telegram from Mukden, page 2\n"])
    ]
    assert time.monotonic() - start < 20  # not the minutes of the slow page
    assert restarts == []  # stopped on purpose: not reported as a crash


def test_the_words_of_a_page_over_the_time_budget_fail_naming_it_and_other_pages_go_on(
    qtbot: QtBot, tmp_path: Path, isolated: render.PdfWorker
) -> None:
    slow = hostile.slow_pdf(tmp_path / "slow.pdf")
    good = hostile.text_pdf(tmp_path / "good.pdf")
    isolated.text_budget_ms = 1000
    _open(qtbot, isolated, slow)
    _open(qtbot, isolated, good)
    failed: list[tuple[RenderKey, str]] = []
    words: list[tuple[str, int, list[Word]]] = []
    isolated.page_failed.connect(lambda key, message: failed.append((key, message)))
    isolated.words_extracted.connect(lambda path, page, found: words.append((path, page, found)))
    with qtbot.waitSignals([isolated.page_failed, isolated.words_extracted], timeout=30_000):
        isolated.request_words(slow, 0)
        isolated.request_words(good, 1)  # queued behind the slow one
    assert failed == [
        (
            RenderKey(str(slow), 0, 0.0),
            "slow.pdf: the words of page 1 take over 1 s to read; skipped",
        )
    ]
    [(path, page, found)] = words
    assert (path, page) == (str(good), 1)
    assert " ".join(word.text for word in found) == "Telegram from Mukden, page 2"


def test_a_bug_in_an_open_fails_that_open_and_says_it_is_a_bug(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = hostile.text_pdf(tmp_path / "good.pdf")

    def broken(self: PdfEngine, request: OpenRequest) -> object:
        raise KeyError("oops")

    monkeypatch.setattr(PdfEngine, "open", broken)
    engine = PdfEngine()
    engine.accept(OpenRequest(7, str(good)))
    answer = engine.step()
    assert isinstance(answer, OpenFailed)
    assert answer.request_id == 7
    assert "an internal error of the viewer stopped this (KeyError('oops'))" in answer.message
    assert "please report it" in answer.message
    worker = render.PdfWorker(isolated=False)
    try:
        with qtbot.waitSignal(worker.document_failed, timeout=10_000) as failed:
            request_id = worker.open(good)
        assert failed.args[0] == request_id
        assert "internal error" in failed.args[2]
    finally:
        worker.shutdown()


def test_closing_does_not_wait_for_a_text_layer_that_takes_minutes(tmp_path: Path) -> None:
    slow = hostile.slow_pdf(tmp_path / "slow.pdf")
    reader = text_layers.TextLayerReader()
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(reader(slow))
        except text_layers.TextLayerError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    deadline = time.monotonic() + 20
    while reader._process is None and time.monotonic() < deadline:  # the read is under way
        thread.join(0.05)
    start = time.monotonic()
    reader.close()
    thread.join(20)
    assert not thread.is_alive()
    assert time.monotonic() - start < 10
    [error] = outcome
    assert isinstance(error, text_layers.TextLayerError)
    assert render_engine is not None


def test_leaving_a_document_whose_page_takes_minutes_frees_the_worker_at_once(
    qtbot: QtBot, tmp_path: Path, isolated: render.PdfWorker
) -> None:
    slow = hostile.slow_pdf(tmp_path / "slow.pdf")  # ~100 s for its one page
    good = hostile.text_pdf(tmp_path / "good.pdf")
    isolated.render_budget_ms = 120_000  # not the budget: leaving the document frees the worker
    _open(qtbot, isolated, slow)
    isolated.request_pages(render.VIEW, [RenderKey(str(slow), 0, 1.0)])
    qtbot.waitUntil(lambda: isolated._in_flight is not None, timeout=10_000)
    started = time.monotonic()
    qtbot.waitUntil(lambda: time.monotonic() - started > 0.6, timeout=5_000)
    # The reader goes to another record: the slow document is closed, another one opened.
    isolated.close(slow)
    good_key = RenderKey(str(good), 0, 1.0)
    with qtbot.waitSignal(isolated.page_rendered, timeout=20_000) as rendered:
        isolated.open(good)
        isolated.request_pages(render.VIEW, [good_key])
    assert rendered.args[0] == good_key
    assert time.monotonic() - started < 15  # not the ~100 s of the slow page


def test_asking_a_worker_that_is_busy_for_long_never_holds_the_window(
    qtbot: QtBot, tmp_path: Path, isolated: render.PdfWorker
) -> None:
    # A worker reads requests only between steps: while one step takes seconds (a slow page, a
    # whole document's text), what scrolling asks for fills the pipe. Stopped here to be sure.
    good = hostile.text_pdf(tmp_path / "good.pdf")
    _open(qtbot, isolated, good)
    process = isolated._backend.process  # type: ignore[union-attr]
    os.kill(process.pid, signal.SIGSTOP)
    try:
        started = time.perf_counter()
        for page in range(3_000):  # far more than a pipe holds (64 KB on Linux)
            isolated.request_words(str(good) + "/" * 200, page)
        waited = time.perf_counter() - started
    finally:
        os.kill(process.pid, signal.SIGCONT)
    assert waited < 2.0
    key = RenderKey(str(good), 0, 0.5)
    with qtbot.waitSignal(isolated.page_rendered, timeout=30_000) as rendered:
        isolated.request_pages(render.VIEW, [key])
    assert rendered.args[0] == key
