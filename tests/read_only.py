"""A read-only folder for tests of what the viewer does when it cannot write."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """`folder` read-only while inside: a read-only bind mount for root (whom file modes do not
    stop), no write permission for anyone else; skips the test where neither can be made."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    mounted = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True, check=False
    )
    if mounted.returncode:
        pytest.skip(f"a read-only folder cannot be made here: {mounted.stderr!r}")
    try:
        yield
    finally:
        # Lazily: a file still open in it (a test that failed half-way) must not keep it mounted.
        subprocess.run(["umount", "--lazy", str(folder)], check=True)
