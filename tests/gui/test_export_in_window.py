"""An export opened in the reading window: its documents listed, their text and metadata shown."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from viewer.app import Viewer


@pytest.fixture
def viewer(qtbot: QtBot) -> Iterator[Viewer]:
    made = Viewer()
    qtbot.addWidget(made.window)
    made.window.resize(1200, 800)
    made.window.show()
    yield made
    made.window.close()
    made.shutdown()


def test_a_frus_document_opens_with_its_text_footnotes_and_names(
    qtbot: QtBot, viewer: Viewer, corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    source = Path(shutil.copy(corpus / "records" / "frus" / "frus1918Russiav03_d8.xml", folder))
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(source)
    qtbot.waitUntil(lambda: "1236. Just had call" in window.transcript.plain_text(), timeout=5000)
    text = window.transcript.plain_text()
    assert (
        text.index("missions1")
        < text.index("Notes")
        < text.index("1 British and French missions, headed")
    )
    assert window.metadata.value("Title") == (
        "The Ambassador in Russia (Francis) to the Secretary of State"
    )
    assert window.metadata.value("Date") == "April 29, 1917"
    assert window.metadata.value("Recipient") == "Secretary of State"
    assert window.metadata.value("Type") == "Telegram"
    assert [p.name for p in folder.iterdir()] == [source.name]  # nothing written beside it


def test_a_tropy_export_lists_its_items_and_names_the_missing_photos(
    qtbot: QtBot, viewer: Viewer, corpus: Path
) -> None:
    window = viewer.window
    with qtbot.waitSignal(window.record_shown, timeout=20000):
        window.open_path(corpus / "imports" / "tropy" / "annotations.json")
    assert [r.title for r in window.records.shown_records()] == [
        "IKEA Museum - sv-1950",
        "IKEA Museum - sv-1951",
    ]
    qtbot.waitUntil(lambda: ".cover" in window.transcript.plain_text(), timeout=5000)
    assert "IKEA Museum - sv-195" in window.metadata.value("Missing files")
    assert window.metadata.value("Author") == "IKEA"
