"""Where the reader left things: kept per user, under keys that do not change between versions."""

from __future__ import annotations

import hashlib
from pathlib import Path

from viewer.services.settings import ViewState


def test_state_is_kept_per_archive_and_per_document_across_restarts(tmp_path: Path) -> None:
    file = tmp_path / "state.ini"
    archive = tmp_path / "Ärchive"
    archive.mkdir()
    state = ViewState(file)
    state.set_last_record(archive, "1949-05-18-telegram")
    state.set_document(archive / "scan.pdf", {"page": 3, "zoom": 1.5})
    state.sync()
    again = ViewState(file)
    assert again.last_record(archive) == "1949-05-18-telegram"
    assert again.last_record(tmp_path) == ""
    assert again.document(archive / "scan.pdf") == {"page": 3, "zoom": 1.5}
    assert again.document(archive / "other.pdf") == {}


def test_keys_are_the_sha1_of_the_resolved_path_as_saved_by_earlier_versions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ünïcode folder" / ".." / "ünïcode folder"
    expected = hashlib.sha1(str(path.resolve()).encode(), usedforsecurity=False).hexdigest()
    assert ViewState._key("archive", path) == f"archive/{expected[:16]}"
