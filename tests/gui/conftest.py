"""Fixtures shared by the GUI tests of the scan pane."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.domain import pdf
from viewer.services import render
from viewer.ui.scan_view import ScanPane


@pytest.fixture
def worker() -> Iterator[render.PdfWorker]:
    """A render worker on a thread of this process (tests may patch what it calls)."""
    worker = render.PdfWorker(isolated=False)
    yield worker
    worker.shutdown()


@pytest.fixture
def pane(qtbot: QtBot, worker: render.PdfWorker) -> ScanPane:
    """A scan pane on screen (offscreen), 800 by 700."""
    pane = ScanPane(worker)
    qtbot.addWidget(pane)
    pane.resize(800, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def pdf_callers(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The names of the threads that call into PyMuPDF (through viewer.domain.pdf) from now on."""
    callers: set[str] = set()
    for name in ("open_document", "render_page", "load_page", "page_texts"):
        real = getattr(pdf, name)

        def spy(*args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            callers.add(threading.current_thread().name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(pdf, name, spy)
    return callers


@pytest.fixture
def make_viewer(qtbot: QtBot) -> Iterator[Callable[[], Viewer]]:
    """Make whole viewers (window, worker, jobs) on screen at 1400 by 900; shut down after."""
    made: list[Viewer] = []

    def make() -> Viewer:
        viewer = Viewer()
        qtbot.addWidget(viewer.window)
        viewer.window.resize(1400, 900)
        viewer.window.show()
        made.append(viewer)
        return viewer

    yield make
    for viewer in made:
        viewer.window.close()
        viewer.shutdown()
