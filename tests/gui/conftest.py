"""Fixtures shared by the GUI tests of the scan pane."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

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
