"""The interface in German and French: menus, buttons and notices, the setting, the kiosk."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from viewer import app as viewer_app
from viewer import cli
from viewer import kiosk as kiosk_mode
from viewer.app import Viewer
from viewer.kiosk import config as kiosk_config
from viewer.services import i18n, render
from viewer.services import settings as prefs
from viewer.services.settings import Settings
from viewer.ui import scan_hits, search_panel
from viewer.ui.kiosk import shell as kiosk_shell
from viewer.ui.scan_view import ScanPane

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"
TOOLS = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.fixture
def use_language(qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """Install a translation for the test; English again afterwards."""
    yield lambda language: i18n.install(qapp, language)
    i18n.install(qapp, "en")


def open_and_wait(qtbot: QtBot, viewer: Viewer, path: Path) -> None:
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        viewer.window.open_path(path)
    qtbot.waitUntil(lambda: bool(viewer.window.transcript.notice()), timeout=5000)


def menu_titles(viewer: Viewer) -> list[str]:
    return [action.text() for action in viewer.window.menuBar().actions()]


def ts_messages(path: Path) -> list[tuple[str, str, ET.Element | None]]:
    """(context, source, translation element) of every message in a .ts file."""
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


# -- the reading window ---------------------------------------------------------------------------


def test_german_interface_shows_german_menus_citation_button_and_notice(
    qtbot: QtBot,
    use_language: Callable[[str], str],
    make_viewer: Callable[[], Viewer],
    samples: Path,
) -> None:
    assert use_language("de") == "de"
    viewer = make_viewer()
    window = viewer.window
    assert menu_titles(viewer) == [
        "&Datei",
        "&Bearbeiten",
        "&Ansicht",
        "&Notizen",
        "&Gehe zu",
        "&Hilfe",
    ]
    button = window.metadata.findChild(QPushButton, "copyCitationButton")
    assert button is not None
    assert button.text() == "Zitierangabe kopieren"
    assert window.copy_citation_action.text() == "&Zitierangabe kopieren"
    open_and_wait(qtbot, viewer, samples / "records" / "specimen-card")
    assert window.transcript.notice() == (
        "Zu diesem Dokument gibt es keine Transkription. Das Digitalisat wird allein angezeigt."
    )
    assert window.metadata.labels()[0] == "Titel"
    assert window.records.count_text() == "1 Dokument"


def test_french_interface_shows_french_menus_button_and_notice(
    qtbot: QtBot,
    use_language: Callable[[str], str],
    make_viewer: Callable[[], Viewer],
    samples: Path,
) -> None:
    assert use_language("fr_CA") == "fr"
    viewer = make_viewer()
    window = viewer.window
    assert menu_titles(viewer) == [
        "&Fichier",
        "É&dition",
        "&Affichage",
        "&Notes",
        "A&ller",
        "Ai&de",
    ]
    button = window.metadata.findChild(QPushButton, "copyCitationButton")
    assert button is not None
    assert button.text() == "Copier la référence"
    open_and_wait(qtbot, viewer, samples / "records" / "specimen-card")
    assert window.transcript.notice() == (
        "Ce document n’a pas de transcription. La numérisation est affichée seule."
    )


# -- the scan pane --------------------------------------------------------------------------------


def image_only_pdf(path: Path) -> Path:
    """A two-page PDF of drawn shapes and no words: a scan without a text layer."""
    document = pymupdf.open()
    for _ in range(2):
        page = document.new_page(width=300, height=400)
        page.draw_rect(pymupdf.Rect(40, 40, 260, 120), color=(0, 0, 0), fill=(0.2, 0.2, 0.2))
    document.save(path)
    document.close()
    return path


def test_german_scan_pane_shows_german_tools_and_no_text_layer_notice(
    qtbot: QtBot, use_language: Callable[[str], str], tmp_path: Path
) -> None:
    assert use_language("de") == "de"
    worker = render.PdfWorker(isolated=False)
    try:
        pane = ScanPane(worker)
        qtbot.addWidget(pane)
        pane.resize(800, 700)
        pane.show()
        qtbot.waitExposed(pane)
        zoom_menu = pane.zoom_button.menu()
        assert zoom_menu.actions()[0] is pane.fit_width_action
        assert pane.fit_width_action.text() == "An Breite anpassen"
        assert pane.fit_width_action.toolTip() == "An Breite anpassen (W)"
        # Key names come from Qt's own German translation.
        assert pane.rotate_left_action.toolTip() == (
            "Digitalisat nach links drehen (Strg+Umschalt+L)"
        )
        assert pane.thumbnails_action.toolTip() == "Miniaturansichten (F4)"
        assert pane.toolbar.accessibleName() == "Werkzeuge für das Digitalisat"
        assert pane.page_count_label.text() == "von 0"

        with qtbot.waitSignal(pane.first_page_painted, timeout=10_000):
            pane.open_pdf(image_only_pdf(tmp_path / "karte.pdf"))
        qtbot.waitUntil(lambda: bool(pane.notice_text()), timeout=10_000)
        assert pane.notice_text() == (
            "Dieses Digitalisat hat keine Textebene: "
            "Sein Text kann weder markiert noch kopiert werden."
        )
        assert pane.page_count_label.text() == "von 2"
        thumbnails = pane.thumbnails.thumbnails
        assert thumbnails.data(thumbnails.index(1), Qt.ItemDataRole.AccessibleTextRole) == (
            "Seite 2"
        )
        pane.highlight_query("Archiv")
        assert pane.notice_text() == (
            "Dieses Digitalisat hat keine Textebene: "
            "Treffer werden nur in der Transkription markiert."
        )
    finally:
        worker.shutdown()


def test_scan_hit_notice_is_worded_and_grouped_in_the_interface_language(
    use_language: Callable[[str], str],
) -> None:
    use_language("de")
    assert scan_hits.hit_notice(" Gao Gang ", 1234, False) == (
        "„Gao Gang“: bisher 1.234 Treffer im Digitalisat"
    )
    assert scan_hits.hit_notice("Gao", 1, True) == "„Gao“: 1 Treffer im Digitalisat"
    use_language("fr")
    assert scan_hits.hit_notice("Gao", 0, True) == (
        "«\u00a0Gao\u00a0»\u00a0: aucune occurrence dans la numérisation"
    )
    assert scan_hits.hit_notice("Gao", 12000, False) == (
        "«\u00a0Gao\u00a0»\u00a0: 12\u202f000 occurrences dans la numérisation pour l’instant"
    )


def test_numbers_are_grouped_as_the_interface_language_writes_them(
    use_language: Callable[[str], str],
) -> None:
    assert search_panel.total_text(5000, 5000) == "5,000 records"
    use_language("de")
    assert (
        search_panel.total_text(5000, 100)
        == "5.000 Dokumente; 100 aufgelistet, weitere beim Blättern"
    )
    use_language("fr")
    assert search_panel.total_text(1, 1) == "1 document"
    assert search_panel.total_text(12000, 12000) == "12\u202f000 documents"


def test_english_is_used_when_there_is_no_translation(
    use_language: Callable[[str], str], make_viewer: Callable[[], Viewer]
) -> None:
    use_language("de")
    assert use_language("tlh") == "en"
    assert menu_titles(make_viewer()) == [
        "&File",
        "&Edit",
        "&View",
        "&Notes",
        "&Go",
        "&Help",
    ]


def test_language_menu_lists_the_translations_and_applies_at_next_start(
    make_viewer: Callable[[], Viewer],
) -> None:
    window = make_viewer().window
    labels = [action.text() for action in window.language_actions.values()]
    assert labels == ["System Language", "Deutsch", "English", "Français"]
    assert window.language_actions[""].isChecked()
    window.language_actions["fr"].trigger()
    assert window.language_actions["fr"].isChecked()
    assert window.messages.text() == "The interface will be in Français from the next start."
    assert menu_titles(make_viewer())[0] == "&File"  # nothing changes before a restart
    assert Settings().get(prefs.INTERFACE_LANGUAGE) == "fr"


def test_interface_language_setting_defaults_to_the_system_and_rejects_junk(
    tmp_path: Path,
) -> None:
    settings = Settings(tmp_path / "settings.ini")
    assert settings.get(prefs.INTERFACE_LANGUAGE) == ""
    settings.set(prefs.INTERFACE_LANGUAGE, "de")
    assert settings.get(prefs.INTERFACE_LANGUAGE) == "de"
    settings.set(prefs.INTERFACE_LANGUAGE, "../../etc")
    assert settings.get(prefs.INTERFACE_LANGUAGE) == ""


# -- the command line -----------------------------------------------------------------------------


def test_language_option_starts_the_window_in_that_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from viewer import app
    from viewer.services import worker_process

    started: list[dict[str, Any]] = []

    def run(path: Path | None, **options: Any) -> int:
        started.append(options)
        return 0

    # The window itself is not started: only what the option hands to it is checked.
    monkeypatch.setattr(worker_process, "prestart", lambda **_: None)
    monkeypatch.setattr(app, "run", run)
    assert cli.main(["--language", "de-AT"]) == 0
    assert started == [
        {"startup_probe": False, "language": "de", "listen": True, "handover_probe": False}
    ]


def test_installed_command_with_language_loads_the_translation(
    samples: Path, tmp_path: Path
) -> None:
    command = shutil.which("archive-viewer", path=str(TOOLS))
    if command is None:
        pytest.fail("archive-viewer is not installed: run ./dev test, which installs it")
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", ARCHIVE_VIEWER_BASEDIR=str(tmp_path / "user")
    )
    result = subprocess.run(
        [command, "--language", "de", "--debug", "--startup-probe", str(samples)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first-page-painted "), result.stdout + result.stderr
    assert "viewer.services.i18n: interface language: de" in result.stderr


def test_language_option_without_a_translation_names_the_available_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--language", "ru"])
    assert stop.value.code == 2
    assert (
        "--language: there is no interface translation for 'ru'; available: de, en, fr"
        in capsys.readouterr().err
    )


# -- the kiosk ------------------------------------------------------------------------------------


def kiosk_config_with(samples: Path, tmp_path: Path, **values: Any) -> kiosk_config.KioskConfig:
    data: dict[str, Any] = {
        "archive": str(samples),
        "start_record": "1949-05-18-telegram",
        "admin_pin": kiosk_config.hash_pin("2468"),
        **values,
    }
    return kiosk_config.parse_config(data, tmp_path / "kiosk.toml")


def test_kiosk_with_german_ui_language_shows_start_over_in_german(
    qtbot: QtBot,
    qapp: QApplication,
    use_language: Callable[[str], str],
    samples: Path,
    tmp_path: Path,
) -> None:
    config = kiosk_config_with(
        samples, tmp_path, ui_language="de", actions={"copy_citation": False}
    )
    assert viewer_app.apply_kiosk_language(qapp, config) == "de"
    viewer = Viewer()
    shell = kiosk_shell.KioskShell(
        config, viewer.window, viewer.scan_pane, viewer.settings, viewer.view_state
    )
    qtbot.addWidget(shell)
    try:
        assert shell.start_over_button.text() == "Von vorn beginnen"
        assert shell.countdown.keep.text() == "Weiterlesen"
        # The citation button is found by its name, whatever its text says.
        button = viewer.window.metadata.findChild(QPushButton, "copyCitationButton")
        assert button is not None
        assert button.isHidden()
    finally:
        shell.allow_close()
        shell.close()
        viewer.shutdown()


def test_kiosk_ui_language_without_a_translation_is_a_configuration_error(
    samples: Path, tmp_path: Path
) -> None:
    config = kiosk_config_with(samples, tmp_path, ui_language="ru")
    with pytest.raises(kiosk_config.KioskConfigError) as error:
        kiosk_mode.interface_language(config)
    assert error.value.problems == [
        "ui_language: there is no interface translation for 'ru'; use one of de, en, fr."
    ]
    assert kiosk_mode.interface_language(kiosk_config_with(samples, tmp_path)) == "en"


# -- the translation files ------------------------------------------------------------------------


def test_every_language_offered_has_its_source_and_compiled_file() -> None:
    assert i18n.available() == ["de", "en", "fr"]
    for language in ("de", "fr"):
        assert (TRANSLATIONS / f"archive-viewer_{language}.ts").is_file()
        assert (TRANSLATIONS / f"archive-viewer_{language}.qm").is_file()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_message_is_translated_with_its_placeholders_and_one_shortcut_letter(
    language: str,
) -> None:
    path = TRANSLATIONS / f"archive-viewer_{language}.ts"
    root = ET.parse(path).getroot()
    assert root.get("language") == language
    assert 'type="unfinished"' not in path.read_text(encoding="utf-8")
    messages = ts_messages(path)
    assert len(messages) > 200
    for context, source, translation in messages:
        assert translation is not None
        text = translation.text or ""
        assert text, f"{context}: {source!r} has no translation"
        assert translation.get("type") is None, (
            f"{context}: {source!r} is {translation.get('type')}"
        )
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
        assert text.count("&") == source.count("&"), source


@pytest.mark.skipif(not (TOOLS / "pyside6-lupdate").exists(), reason="no pyside6-lupdate")
def test_translation_sources_hold_every_string_the_code_marks(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (REPO / "viewer").rglob("*.py"))
    for language in ("de", "fr"):
        copy = tmp_path / f"archive-viewer_{language}.ts"
        shutil.copy(TRANSLATIONS / copy.name, copy)
        subprocess.run(
            [str(TOOLS / "pyside6-lupdate"), "-no-obsolete", "-silent", *sources, "-ts", str(copy)],
            check=True,
            capture_output=True,
        )
        untranslated = [
            (context, source)
            for context, source, translation in ts_messages(copy)
            if translation is None or translation.get("type") is not None
        ]
        assert untranslated == [], "run tools/update_translations.sh and translate these"


@pytest.mark.skipif(not (TOOLS / "pyside6-lrelease").exists(), reason="no pyside6-lrelease")
def test_compiled_translations_are_up_to_date_with_their_sources(tmp_path: Path) -> None:
    for language in ("de", "fr"):
        compiled = tmp_path / f"{language}.qm"
        subprocess.run(
            [
                str(TOOLS / "pyside6-lrelease"),
                "-silent",
                "-removeidentical",
                str(TRANSLATIONS / f"archive-viewer_{language}.ts"),
                "-qm",
                str(compiled),
            ],
            check=True,
            capture_output=True,
        )
        committed = TRANSLATIONS / f"archive-viewer_{language}.qm"
        assert compiled.read_bytes() == committed.read_bytes(), "run tools/update_translations.sh"
