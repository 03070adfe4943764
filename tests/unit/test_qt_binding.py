"""The Qt binding we install keeps Python's own objects alive (PySide6 6.12.0 did not)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

class Source(QObject):
    happened = Signal(int)

app = QApplication([])
widget, source = QWidget(), Source()
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(1000):
    widget.hide()
    source.happened.emit(1)
print(none_before - sys.getrefcount(None), true_before - sys.getrefcount(True))
"""


def test_void_calls_and_emits_do_not_leak_references_to_none_or_true() -> None:
    # In a child process: a binding that loses references aborts the interpreter in the end.
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=60
    )
    lost_none, lost_true = (int(v) for v in out.stdout.split())
    assert lost_none < 10
    assert lost_true < 10
