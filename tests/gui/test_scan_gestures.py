"""Pinch to zoom: two fingers on a touch screen, or a touchpad's zoom gesture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QNativeGestureEvent, QPointingDevice
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from viewer.ui.scan_view import ScanPane

pytestmark = pytest.mark.corpus


def _open(qtbot: QtBot, pane: ScanPane, corpus: Path) -> None:
    with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
        pane.open_pdf(corpus / "scans" / "104-10006-10247_ocr.pdf")


def _pinch(qtbot: QtBot, pane: ScanPane, start: int, end: int) -> None:
    """Two fingers on a horizontal line through (400, 300), from `start` to `end` px apart."""
    viewport = pane.area.viewport()
    device = QTest.createTouchDevice()
    centre = QPoint(400, 300)

    def fingers(gap: int) -> tuple[QPoint, QPoint]:
        return centre - QPoint(gap // 2, 0), centre + QPoint(gap // 2, 0)

    left, right = fingers(start)
    QTest.touchEvent(viewport, device).press(0, left).press(1, right).commit()
    steps = 10
    for step in range(1, steps + 1):
        left, right = fingers(start + (end - start) * step // steps)
        QTest.touchEvent(viewport, device).move(0, left).move(1, right).commit()
        qtbot.wait(1)
    QTest.touchEvent(viewport, device).release(0, left).release(1, right).commit()


def _point_under(pane: ScanPane, point: QPointF) -> tuple[float, float]:
    """Where `point` of the viewport falls on page 1, as fractions of the page."""
    rect = pane.area.page_rect(0)
    return (point.x() - rect.left()) / rect.width(), (point.y() - rect.top()) / rect.height()


def test_spreading_two_fingers_zooms_in_around_them_and_pinching_zooms_out(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus)
    area = pane.area
    before = area.zoom
    under = _point_under(pane, QPointF(400, 300))
    _pinch(qtbot, pane, 100, 200)
    assert area.zoom == pytest.approx(before * 2, rel=0.15)
    # What was under the fingers is still under them.
    assert _point_under(pane, QPointF(400, 300)) == pytest.approx(under, abs=0.03)
    spread = area.zoom
    _pinch(qtbot, pane, 200, 100)
    assert area.zoom == pytest.approx(spread / 2, rel=0.15)


def test_a_touchpad_zoom_gesture_zooms_under_the_pointer(
    qtbot: QtBot, pane: ScanPane, corpus: Path
) -> None:
    _open(qtbot, pane, corpus)
    area = pane.area
    viewport = area.viewport()
    before = area.zoom
    pointer = QPointF(250, 200)
    under = _point_under(pane, pointer)
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        pointer,
        pointer,
        QPointF(viewport.mapToGlobal(pointer.toPoint())),
        0.2,
        QPointF(0, 0),
    )
    QGuiApplication.sendEvent(viewport, event)
    assert area.zoom == pytest.approx(before * 1.2, rel=0.01)
    assert _point_under(pane, pointer) == pytest.approx(under, abs=0.01)
