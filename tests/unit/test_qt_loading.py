"""PySide is loaded without reading the source of every module imported after it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

CODE = textwrap.dedent(
    """
    import inspect, sys
    sys.path.insert(0, sys.argv[1])
    from viewer.services import qt_loading

    applied = qt_loading.load_qt()
    read = []
    real_getsource = inspect.getsource

    def counting_getsource(module):
        read.append(getattr(module, "__name__", "?"))
        return real_getsource(module)

    inspect.getsource = counting_getsource
    import colorsys, json, xml.dom.minidom  # modules not imported before
    from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

    class Echo(QObject):
        said = Signal(str)

    app = QCoreApplication([])
    echo, heard = Echo(), []
    echo.said.connect(heard.append)
    echo.said.emit("still works")
    print(applied, read, heard)
    """
)


def run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip()


def test_modules_imported_after_pyside_are_not_read_and_pyside_still_works() -> None:
    assert run(CODE) == "True [] ['still works']"


def test_without_it_pyside_reads_every_new_module_so_the_hook_is_still_there() -> None:
    # What load_qt stops: if a PySide release drops the hook, this fails and the workaround
    # (and its ~15 ms) can go.
    plain = CODE.replace("applied = qt_loading.load_qt()", "applied = True; import PySide6.QtCore")
    _, read = run(plain).split(" ", 1)
    assert "'colorsys'" in read
    assert "'json'" in read


SNAKE = textwrap.dedent(
    """
    import sys, types
    sys.path.insert(0, sys.argv[1])
    from viewer.services import qt_loading

    qt_loading.load_qt()
    plugin = types.ModuleType("plugin")  # something else in the process selects a feature
    exec("from __feature__ import snake_case\\n"
         "from PySide6.QtCore import QObject\\n"
         "def name():\\n"
         "    o = QObject()\\n"
         "    o.set_object_name('a')\\n"
         "    return o.object_name()",
         plugin.__dict__)
    sys.modules["plugin"] = plugin
    print(plugin.name())
    import colorsys  # a module imported after that, using the plain names
    from PySide6.QtCore import QObject
    o = QObject()
    o.setObjectName("b")
    print(o.objectName())
    """
)


def test_a_feature_selected_elsewhere_does_not_change_the_names_seen_here() -> None:
    assert run(SNAKE).split() == ["a", "b"]
