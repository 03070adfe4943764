"""Where the reader left things: kept per user, under keys that do not change between versions."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from viewer.services import settings as prefs
from viewer.services.settings import Layout, ScanView, Settings, ViewState


def test_state_is_kept_per_archive_and_per_document_across_restarts(tmp_path: Path) -> None:
    file = tmp_path / "state.ini"
    archive = tmp_path / "Ärchive"
    archive.mkdir()
    state = ViewState(file)
    state.set_last_record(archive, "1949-05-18-telegram")
    state.set_document(archive / "scan.pdf", ScanView(page=3, zoom=1.5, page_rotations={2: 90}))
    state.sync()
    again = ViewState(file)
    assert again.last_record(archive) == "1949-05-18-telegram"
    assert again.last_record(tmp_path) == ""
    assert again.document(archive / "scan.pdf") == ScanView(
        page=3, zoom=1.5, page_rotations={2: 90}
    )
    assert again.document(archive / "other.pdf") is None


def test_keys_are_the_sha1_of_the_resolved_path_as_saved_by_earlier_versions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ünïcode folder" / ".." / "ünïcode folder"
    expected = hashlib.sha1(str(path.resolve()).encode(), usedforsecurity=False).hexdigest()
    assert ViewState._key("archive", path) == f"archive/{expected[:16]}"


def test_a_view_saved_by_an_earlier_version_is_read_and_what_does_not_fit_is_dropped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = ViewState(tmp_path / "state.ini")
    key = ViewState._key("document", tmp_path / "a.pdf") + "/view"
    state._store.setValue(
        key, '{"page": 2, "offset": 0.5, "zoom_mode": "fit-page", "rotation": 450}'
    )
    assert state.document(tmp_path / "a.pdf") == ScanView(
        page=2, offset=0.5, zoom_mode="fit-page", rotation=90
    )
    state._store.setValue(key, '{"page": "three"}')
    with caplog.at_level(logging.WARNING, logger="viewer.services.settings"):
        assert state.document(tmp_path / "a.pdf") == ScanView()
    assert "rejected" in caplog.text


def test_a_rejected_setting_is_logged_and_the_default_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(tmp_path / "settings.ini")
    settings._store.setValue(prefs.TEXT_SIZE.key, 400)
    with caplog.at_level(logging.WARNING, logger="viewer.services.settings"):
        assert settings.get(prefs.TEXT_SIZE) == 12
    assert "view/transcript_point_size" in caplog.text
    assert "400" in caplog.text


def test_setting_a_new_value_is_signalled_once(qapp: object, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    seen: list[tuple[object, object]] = []
    settings.changed.connect(lambda setting, value: seen.append((setting.key, value)))
    settings.set(prefs.LAYOUT, Layout.STACKED)
    settings.set(prefs.LAYOUT, Layout.STACKED)  # no change: not signalled
    settings.set(prefs.TEXT_SIZE, 14)
    assert seen == [("view/layout", Layout.STACKED), ("view/transcript_point_size", 14)]


def test_an_older_settings_file_is_upgraded_step_by_step(tmp_path: Path) -> None:
    file = tmp_path / "settings.ini"
    old = QSettings(str(file), QSettings.Format.IniFormat)
    old.setValue("schema_version", 1)
    old.setValue("view/font", 15)
    old.sync()
    done: list[int] = []

    def rename_font(store: QSettings) -> None:
        done.append(1)
        store.setValue(prefs.TEXT_SIZE.key, store.value("view/font"))
        store.remove("view/font")

    def nothing_to_do(store: QSettings) -> None:
        done.append(2)

    settings = Settings(file, upgrades={1: rename_font, 2: nothing_to_do})
    assert done == [1, 2]
    assert settings.get(prefs.TEXT_SIZE) == 15
    assert settings._store.value("schema_version") in (3, "3")
    Settings(file, upgrades={1: rename_font, 2: nothing_to_do})
    assert done == [1, 2]  # an upgraded file is not upgraded again
