"""Every directory the viewer writes to, in one place; ARCHIVE_VIEWER_BASEDIR moves them all.

Plain Python, importable by every layer (the domain's formats put what they generate from an
export under the cache). The archive itself is never written to: settings, view state and index
caches live in the user's directories (XDG on Linux), or all under one base directory for
kiosks, tests and portable use.
"""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

from viewer import instance

APP_NAME = instance.APP_NAME
BASEDIR_ENV = instance.BASEDIR_ENV


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if value else Path.home() / fallback


def _base() -> Path | None:
    value = os.environ.get(BASEDIR_ENV, "")
    return Path(value) if value else None


def config_dir() -> Path:
    """Where preferences are kept."""
    base = _base()
    return base / "config" if base else _xdg("XDG_CONFIG_HOME", ".config") / APP_NAME


def data_dir() -> Path:
    """Where the user's own data is kept (view state, recent archives, notes)."""
    base = _base()
    return base / "data" if base else _xdg("XDG_DATA_HOME", ".local/share") / APP_NAME


def cache_dir() -> Path:
    """Where rebuildable caches are kept (search indexes)."""
    base = _base()
    return base / "cache" if base else _xdg("XDG_CACHE_HOME", ".cache") / APP_NAME


def child_environment() -> dict[str, str]:
    """The environment of a child process that runs one of the viewer's modules (`python -m
    viewer....`): this process's, with the folder holding the `viewer` package first on
    PYTHONPATH, so that a checkout run without being installed finds it too."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    return env


def resource(name: str) -> Path:
    """A file or folder the viewer ships (`translations`, `icons/archive-viewer.svg`).

    In a checkout it is `resources/<name>`; an installed wheel carries the same files under
    `<prefix>/share/archive-viewer/` (its data files: the environment's prefix, or the user's
    base for `pip install --user`). The checkout's path when it is found nowhere.
    """
    root = Path(__file__).resolve().parent.parent
    checkout = root / "resources" / name
    if checkout.exists() and (root / "pyproject.toml").is_file():
        return checkout
    prefixes = [Path(sys.prefix), Path(site.getuserbase())]
    for prefix in prefixes:
        installed = prefix / "share" / APP_NAME / name
        if installed.exists():
            return installed
    return checkout


def runtime_dir() -> Path:
    """The user's own folder for sockets: `$XDG_RUNTIME_DIR/archive-viewer`, else
    `/tmp/archive-viewer-<uid>` (made private by whoever listens there)."""
    return Path(instance.runtime_dir())


def instance_socket() -> Path:
    """Where the running viewer of this user and base directory listens for paths to open
    (`instance.socket_path`, which a second launch asks without loading pathlib)."""
    return Path(instance.socket_path())


def ensure(path: Path) -> Path:
    """`path`, created if missing."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def unwritable(folder: Path) -> str:
    """Why files cannot be written in `folder` (created if missing), or "" when they can.

    Tried rather than asked (`os.access` says yes to root on a read-only file system).
    """
    try:
        ensure(folder)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"{folder} cannot be written ({exc.strerror or exc})"
    return ""
