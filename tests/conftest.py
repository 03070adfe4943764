"""Shared test set-up: offscreen Qt, user directories in tmp_path, the shared corpus."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Before Qt is imported anywhere: no display is needed, and none is used.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "samples"


@pytest.fixture(autouse=True)
def _user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every user directory (settings, data, cache) at tmp_path, never at the real home."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = tmp_path / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(tmp_path / "basedir"))


@pytest.fixture(autouse=True)
def _no_preload_left_behind() -> Iterator[None]:
    """A reading started by one test (`preload.start`) is never claimed by the next one."""
    yield
    loaded = sys.modules.get("viewer.services.preload")
    if loaded is not None:
        started = loaded._started
        loaded._started = None
        if started is not None:
            started.join(10)


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real documents; tests that need it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (it lies beside the repository in CI)")
    return CORPUS


@pytest.fixture
def samples() -> Path:
    """The bundled sample archive."""
    return SAMPLES


def _write_telegrams(root: Path, count: int) -> Path:
    """`count` small records (`r00000`...: a title, a date, a one-line transcript) in
    `root/records`; `root`."""
    for number in range(count):
        folder = root / "records" / f"r{number:05d}"
        folder.mkdir(parents=True)
        (folder / "record.toml").write_text(
            f'id = "r{number:05d}"\ntitle = "Telegram {number}"\ndate = "1949-05-18"\n',
            encoding="utf-8",
        )
        (folder / "transcript.en.txt").write_text(f"Text of telegram {number}.", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def telegrams() -> Callable[[Path, int], Path]:
    """Writes an archive of `count` small records at a path: `telegrams(path, count)`."""
    return _write_telegrams
