"""Loading PySide6 for the window, without the tax it puts on every later import.

On each import statement run after it, for a module it has not seen, PySide reads the module's
whole source (`inspect.getsource`) to learn whether the module might use PySide's opt-in
`from __feature__ import snake_case, true_property` syntax. The reading costs ~0.15 ms a
module: ~15 ms before the first page is painted, more as dialogs load. `load_qt` loads PySide
and answers without reading: every module may use PySide, without features. That is what
PySide itself records for a module that names PySide6, and it keeps each module on PySide's
plain names even if something else in the process did select a feature. (Answering "does not
use PySide" instead would leave modules on whatever feature was selected last.)

If a later PySide no longer has the hook, nothing changes but the time: the tests say so.
"""

from __future__ import annotations

import sys

FEATURE_MODULE = "shibokensupport.feature"
"""PySide's own module that decides, per module, whether it may use features."""
FEATURE_CHECK = "_mod_uses_pyside"
"""Its function that reads a module's source to decide."""


def load_qt() -> bool:
    """Import PySide6's core and stop it reading later modules' sources; whether it could."""
    import PySide6.QtCore  # noqa: F401, PLC0415  (this loads PySide's feature module too)

    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, FEATURE_CHECK, None)):
        return False
    setattr(feature, FEATURE_CHECK, _uses_pyside)
    return True


def _uses_pyside(module: object) -> bool:
    """Whether `module` may use PySide (so is switched to no features when its code runs)."""
    return True
