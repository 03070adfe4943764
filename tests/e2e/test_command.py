"""The installed `archive-viewer` command, started as a user starts it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def command() -> str:
    found = shutil.which("archive-viewer", path=str(BIN)) or shutil.which("archive-viewer")
    if found is None:
        pytest.fail("archive-viewer is not installed: run ./dev test, which installs it")
    return found


def run(*args: str, tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", ARCHIVE_VIEWER_BASEDIR=str(tmp_path / "user")
    )
    return subprocess.run(
        [command(), *args], capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def test_installed_command_starts_the_window_and_paints_the_first_page(
    samples: Path, tmp_path: Path
) -> None:
    result = run("--startup-probe", str(samples), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-page-painted "), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    # Settings and state went to the base directory, never into the archive.
    assert (tmp_path / "user" / "config" / "settings.ini").is_file()
    assert not any(p.suffix == ".ini" for p in samples.rglob("*"))


def test_installed_check_command_passes_the_samples_and_fails_a_broken_pdf(
    samples: Path, tmp_path: Path
) -> None:
    good = run("check", str(samples), tmp_path=tmp_path)
    assert good.returncode == 0, good.stdout
    assert good.stdout.strip() == f"0 errors, 0 warnings in {samples}"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%%EOF\n")
    bad = run("check", str(broken), tmp_path=tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[0].startswith(f"error: {broken}: ")
    assert "Traceback" not in bad.stdout + bad.stderr


def test_installed_cite_command_prints_the_house_citation(samples: Path, tmp_path: Path) -> None:
    result = run(
        "cite",
        str(samples / "records" / "1949-05-18-telegram"),
        "--style",
        "house",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pp. 59-61. Translated by Gary Goldberg.")


def test_python_dash_m_viewer_is_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("archive-viewer ")
