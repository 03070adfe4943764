"""The layers the kiosk shows over the reading window: "Still reading?", the attract screen of
featured records, the staff's PIN pad, and the invisible corner that opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.domain.model import Record
from viewer.services import dates

CORNER = 64
"""The side, in pixels, of the staff corner (top left)."""

_K = Qt.Key


def _big_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles and summaries come from the archive
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class _Overlay(QFrame):
    """A dimmed layer over the whole kiosk with a card in its middle."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.setObjectName("kioskOverlay")
        self.setAccessibleName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame()
        self.card.setObjectName("kioskCard")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card.setMaximumWidth(900)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(40, 32, 40, 32)
        self.card_layout.setSpacing(18)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()


class Countdown(_Overlay):
    """ "Still reading?" with the seconds left before the kiosk starts over."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "")
        self.setAccessibleName(self.tr("Still reading?"))
        self.headline = _big_label(self.tr("Still reading?"), "headline")
        self.detail = _big_label("", "subline")
        self.keep = QPushButton(self.tr("Keep reading"))
        self.keep.setAccessibleName(self.tr("Keep reading"))
        self.card_layout.addWidget(self.headline)
        self.card_layout.addWidget(self.detail)
        self.card_layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignCenter)

    def set_seconds(self, seconds: int) -> None:
        """Show how long is left."""
        text = (
            self.tr("Touch the screen to keep reading. Starting over in {seconds} second.")
            if seconds == 1
            else self.tr("Touch the screen to keep reading. Starting over in {seconds} seconds.")
        )
        self.detail.setText(text.format(seconds=seconds))


class Attract(_Overlay):
    """Title cards of featured records, one after another, until someone touches the screen."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "")
        self.setAccessibleName(self.tr("Welcome"))
        self.archive = _big_label("", "subline")
        self.headline = _big_label("", "headline")
        self.date = _big_label("", "subline")
        self.summary = _big_label("", "summary")
        self.prompt = _big_label(self.tr("Touch the screen to start reading"), "subline")
        for label in (self.archive, self.headline, self.date, self.summary, self.prompt):
            self.card_layout.addWidget(label)
        self.cards: list[Record] = []
        self.index = 0

    def show_card(self, index: int, archive_title: str) -> None:
        """Show card `index` (wrapping around)."""
        if not self.cards:
            self.headline.setText(archive_title)
            return
        self.index = index % len(self.cards)
        record = self.cards[self.index]
        self.archive.setText(archive_title)
        self.headline.setText(record.title)
        self.date.setText(dates.long(record.date) if record.date else "")
        summary = record.summary
        self.summary.setText(summary if len(summary) <= 320 else summary[:317].rstrip() + "…")


class PinPad(_Overlay):
    """Touch-sized digits for the admin PIN."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "")
        self.setAccessibleName(self.tr("Staff exit"))
        self.card.setObjectName("kioskCard")
        self.setProperty("pinPad", True)
        self.card.setAccessibleName(self.tr("PIN pad"))
        pad = QWidget()
        pad.setObjectName("kioskPinPad")
        self.headline = _big_label(self.tr("Staff exit: enter the PIN"), "subline")
        self.display = _big_label("", "headline")
        self.display.setAccessibleName(self.tr("PIN entered"))
        self.status = _big_label("", "status")
        self.status.setAccessibleName(self.tr("PIN message"))
        grid = QGridLayout(pad)
        grid.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "OK"]
        names = {"Clear": self.tr("Clear"), "OK": self.tr("OK")}
        for index, key in enumerate(keys):
            button = QPushButton(names.get(key, key))
            button.setAccessibleName(
                self.tr("PIN {digit}").format(digit=key) if key.isdigit() else names[key]
            )
            button.clicked.connect(lambda _=False, k=key: self._press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons[key] = button
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel staff exit"))
        cancel.clicked.connect(self._on_cancel_clicked)
        self.buttons["Cancel"] = cancel
        for widget in (self.headline, self.display, self.status):
            self.card_layout.addWidget(widget)
        self.card_layout.addWidget(pad, 0, Qt.AlignmentFlag.AlignCenter)
        self.card_layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignCenter)
        self._digits = ""

    def open(self) -> None:
        """Show the pad, empty."""
        self._digits = ""
        self.display.setText("")
        self.status.setText("")
        self.show()
        self.raise_()
        self.setFocus()

    def type_pin(self, pin: str) -> None:
        """Press the digits of `pin` and OK (what a member of staff does)."""
        for digit in pin:
            self._press(digit)
        self._press("OK")

    def _press(self, key: str) -> None:
        if key == "Clear":
            self._digits = ""
        elif key == "OK":
            pin, self._digits = self._digits, ""
            self.display.setText("")
            self.pin_entered.emit(pin)
            return
        elif len(self._digits) < 12:
            self._digits += key
        self.display.setText("•" * len(self._digits))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit():
            self._press(text)
        elif event.key() in (_K.Key_Return, _K.Key_Enter):
            self._press("OK")
        elif event.key() == _K.Key_Backspace:
            self._press("Clear")

    def _on_cancel_clicked(self) -> None:
        self.hide()
        self.cancelled.emit()


class AdminCorner(QWidget):
    """An invisible target in the top-left corner that counts taps."""

    tapped = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Staff corner"))
        self.setGeometry(0, 0, CORNER, CORNER)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.tapped.emit()
