"""The open window's side of one window: a path a second launch hands over is opened at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from viewer import app, instance
from viewer.app import Viewer
from viewer.services.render_protocol import OpenRequest, PrefetchRequest

CARD = "Specimen: catalogue card and finding-aid sheet for AP RF, F. 4, Op. 1, D. 331"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_a_handed_over_pdf_goes_to_the_worker_first_and_is_opened_in_the_same_turn(
    qtbot: QtBot,
    make_viewer: Callable[[], Viewer],
    samples: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    viewer = make_viewer()
    sent: list[object] = []
    backend = viewer.worker._backend
    real_send = backend.send

    def spy(request: object) -> None:
        sent.append(request)
        real_send(request)  # type: ignore[arg-type]

    monkeypatch.setattr(backend, "send", spy)
    pdf = samples / "records" / "specimen-card" / "scan.pdf"
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        app._bring_forward(viewer, instance.Request((pdf,)))
        # Before any event is handled: the worker was told to open the PDF before anything
        # else, and the window has asked for it (nothing waits for a timer or a later turn).
        kinds = [type(request) for request in sent]
        assert kinds[0] is PrefetchRequest
        assert sent[0].path == str(pdf.resolve())  # type: ignore[attr-defined]
        assert OpenRequest in kinds
    assert viewer.window.windowTitle() == f"{CARD} — Archive Viewer"
