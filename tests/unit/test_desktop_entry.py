"""The desktop entry `--install-desktop` writes, without the desktop's tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import desktop_entry


def test_entry_opens_pdfs_and_folders_with_the_command_quoted_when_its_path_has_spaces() -> None:
    lines = desktop_entry.desktop_text(["/opt/my tools/archive-viewer"]).splitlines()
    assert 'Exec="/opt/my tools/archive-viewer" %F' in lines
    assert "TryExec=/opt/my tools/archive-viewer" in lines
    assert "MimeType=application/pdf;inode/directory;" in lines
    assert "Icon=archive-viewer" in lines


def test_install_and_uninstall_work_without_the_cache_tools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    written = desktop_entry.install(tmp_path)
    assert tmp_path / "applications" / "archive-viewer.desktop" in written
    sizes = {path.parent.parent.name for path in written if path.suffix == ".png"}
    assert {"16x16", "32x32", "48x48", "256x256"} <= sizes
    assert desktop_entry.refresh_caches(tmp_path) == []
    assert set(desktop_entry.uninstall(tmp_path)) == set(written)
    assert desktop_entry.uninstall(tmp_path) == []
