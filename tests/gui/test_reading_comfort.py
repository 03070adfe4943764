"""What a reader sees of the reading window's comfort: dates in the interface language, the zoom,
the scan tools in view, the transcript's place kept, keyboard order, scale and contrast."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.services import i18n
from viewer.ui.library import LibraryPanel


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """Install a translation for the test; English again afterwards."""
    yield lambda language: i18n.install(qapp, language)
    i18n.install(qapp, "en")


def open_and_wait(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)
    qtbot.waitUntil(
        lambda: bool(viewer.window.transcript.plain_text() or viewer.window.transcript.notice()),
        timeout=5000,
    )


def library(qtbot: QtBot, viewer: Viewer) -> LibraryPanel:
    dock = viewer.window.findChild(QDockWidget, "recordsDock")
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LibraryPanel), timeout=5000)
    panel = dock.widget()
    assert isinstance(panel, LibraryPanel)
    return panel


@pytest.mark.parametrize(
    ("language", "label", "day", "listed"),
    [
        ("en", "Date", "May 18, 1949", "May 18, 1949"),
        ("de", "Datum", "18. Mai 1949", "18. Mai 1949"),
        ("fr", "Date", "18 mai 1949", "18 mai 1949"),
    ],
)
def test_dates_are_written_as_the_interface_language_writes_them(
    qtbot: QtBot,
    use_language: Callable[[str], str],
    make_viewer: Callable[[], Viewer],
    samples: Path,
    language: str,
    label: str,
    day: str,
    listed: str,
) -> None:
    use_language(language)
    viewer = make_viewer()
    open_and_wait(qtbot, viewer, samples)
    assert viewer.window.metadata.value(label) == day
    panel = library(qtbot, viewer)
    view = panel.view()
    model = view.model()
    row = next(
        r
        for r in range(model.rowCount())
        if "Telegram" in str(model.index(r, 0).data(Qt.ItemDataRole.DisplayRole))
    )
    shown = [
        str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
        for column in range(model.columnCount())
    ]
    assert listed in shown
    # A citation follows its style, not the interface: Chicago writes "May 18, 1949".
    assert "May 18, 1949" in viewer.window.metadata.citation_text()
