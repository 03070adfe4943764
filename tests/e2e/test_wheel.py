"""The wheel, built from the sources and installed outside the checkout, as a reader installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.slow

# Run by the installed viewer's Python: the window on a sample, offscreen; once its first page is
# painted, where the package came from and the menu bar's titles.
WINDOW_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import viewer
from viewer import app
from viewer.services import i18n

qapp = app._name_application()
i18n.install(qapp, "")
shown = app.Viewer()
def painted():
    print("package", Path(viewer.__file__).parent)
    print("menus", "|".join(a.text() for a in shown.window.menuBar().actions()))
    qapp.quit()
shown.scan_pane.first_page_painted.connect(painted)
shown.window.show()
shown.window.open_path(Path(sys.argv[1]))
QTimer.singleShot(40000, lambda: qapp.exit(3))
status = qapp.exec()
shown.shutdown()
sys.exit(status)
"""


def _run(argv: list[str | Path], **options: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **options,  # type: ignore[call-overload]
    )
    assert result.returncode == 0, f"{argv}:\n{result.stdout}\n{result.stderr}"
    return result  # type: ignore[no-any-return]


PROBE = "import importlib.metadata as m, pip; print(m.version('setuptools'))"


def _wheel_builder() -> str:
    """This Python, when it builds wheels without the network: pip and the setuptools
    pyproject.toml asks for (the test extras install it)."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            PROBE,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if probe.returncode != 0 or int(probe.stdout.split(".")[0]) < 77:
        pytest.skip("setuptools 77 or newer is not installed here (pip install -e '.[test]')")
    return sys.executable


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv outside the checkout with the wheel installed (its dependencies seen from this
    venv's site-packages); its `bin` folder."""
    builder = _wheel_builder()
    top = tmp_path_factory.mktemp("wheel")
    source = top / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    for name in ("viewer", "resources"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    shutil.copy2(REPO / "README.md", source / "README.md")
    shutil.copy2(REPO / "pyproject.toml", source / "pyproject.toml")
    options = ["--disable-pip-version-check", "--no-input"]
    build = ["wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", top, source]
    _run([builder, "-m", "pip", *options, *build])
    (wheel,) = top.glob("archive_viewer-*.whl")
    venv = top / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    # PySide6, PyMuPDF and the rest from here; the editable checkout's own .pth is not read.
    Path(purelib.stdout.strip(), "shared-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    pip = [sys.executable, "-m", "pip", *options, "--python", python]
    _run([*pip, "install", "--no-deps", "--no-index", wheel])
    return venv / "bin"


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "LANGUAGE", "LC_ALL"}}
    env.update(QT_QPA_PLATFORM="offscreen", ARCHIVE_VIEWER_BASEDIR=str(tmp_path / "user"))
    env.update(extra)
    return env


def test_installed_wheel_checks_the_samples_outside_the_checkout(
    installed: Path, samples: Path, tmp_path: Path
) -> None:
    result = _run(
        [installed / "archive-viewer", "check", samples], cwd=tmp_path, env=_environment(tmp_path)
    )
    assert result.stdout.strip() == f"0 errors, 0 warnings in {samples}"


def test_installed_wheel_opens_a_sample_with_its_german_menus(
    installed: Path, samples: Path, tmp_path: Path
) -> None:
    script = tmp_path / "window.py"
    script.write_text(WINDOW_SCRIPT, encoding="utf-8")
    result = _run(
        [installed / "python", script, samples / "records" / "1949-05-18-telegram"],
        cwd=tmp_path,
        env=_environment(tmp_path, LANGUAGE="de", LANG="de_DE.UTF-8"),
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert not Path(lines["package"]).is_relative_to(REPO)  # the wheel's copy, not the checkout
    assert lines["menus"].split("|")[:2] == ["&Datei", "&Bearbeiten"]


def test_installed_wheel_puts_itself_in_the_desktop_menu_and_takes_itself_out(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "share"
    env = _environment(tmp_path, XDG_DATA_HOME=str(home))
    _run([installed / "archive-viewer", "--install-desktop"], cwd=tmp_path, env=env)
    entry = (home / "applications" / "archive-viewer.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed / 'archive-viewer'} %F" in entry.splitlines()
    assert "MimeType=application/pdf;inode/directory;" in entry.splitlines()
    icons = home / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "archive-viewer.svg").is_file()
    png = (icons / "48x48" / "apps" / "archive-viewer.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    _run([installed / "archive-viewer", "--uninstall-desktop"], cwd=tmp_path, env=env)
    assert not (home / "applications" / "archive-viewer.desktop").exists()
    assert not list(icons.rglob("archive-viewer.*"))
