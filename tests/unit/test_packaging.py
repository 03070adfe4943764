"""What an installed wheel carries besides the package: the interface translations."""

from __future__ import annotations

import tomllib
from pathlib import Path

from viewer.services import i18n

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_wheel_installs_every_compiled_translation_where_the_viewer_looks() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    patterns = data_files["share/archive-viewer/translations"]
    shipped = {path.name for pattern in patterns for path in ROOT.glob(pattern)}
    compiled = {path.name for path in (ROOT / "resources" / "translations").glob("*.qm")}
    assert compiled
    assert shipped == compiled
    # Where i18n looks when the package is not in a checkout: <prefix>/share/<catalogue>/...
    assert i18n.CATALOGUE == "archive-viewer"
    assert i18n.TRANSLATIONS_DIR == ROOT / "resources" / "translations"
