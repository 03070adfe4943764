"""The table of commands (ui/actions.py) is what the menus, F1's list of shortcuts and the kiosk
are made from: nothing offered is missing from it, nothing in it is missing from them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from viewer.app import Viewer
from viewer.ui import actions

NATIVE = QKeySequence.SequenceFormat.NativeText


def _f1_text(viewer: Viewer, monkeypatch: pytest.MonkeyPatch) -> str:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text)
    )
    viewer.window.commands["shortcuts"].trigger()
    assert len(shown) == 1
    return shown[0]


def test_every_command_with_keys_is_listed_by_f1_with_its_keys_and_help(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = _f1_text(make_viewer(), monkeypatch)
    # (A standard key the platform has none for, such as Quit here, is not listed.)
    rows = [row for row in actions.ACTIONS if row.keys_text()]
    assert len(rows) >= 30
    for row in rows:
        expected = f"<td>{row.label()}</td><td><b>{row.keys_text()}</b></td>"
        assert expected in listed, row.id
    assert "<td>Fit width</td><td><b>W</b></td>" in listed
    assert "<td>Next Hit</td><td><b>F3</b></td><td>The next place found</td>" in listed
    assert "Ctrl++ / Ctrl+-" in listed


def test_the_menus_are_the_tables_rows_in_its_order(
    qtbot: QtBot, make_viewer: Callable[[], Viewer]
) -> None:
    window = make_viewer().window
    for menu, title in actions.MENU_TITLES.items():
        made = window.findChild(QMenu, f"{menu.value}_menu")
        assert made is not None and made.title() == title
        offered = [a.objectName() for a in made.actions() if not a.isSeparator() and not a.menu()]
        expected = [
            row.id for row in actions.ACTIONS if row.menu is menu and row.id in window.commands
        ]
        assert offered == expected
        for action_id in offered:
            row = actions.spec(action_id)
            action = window.commands[action_id]
            assert action.shortcuts() == row.key_sequences()
            if row.made is actions.Made.WINDOW:
                assert action.text() == row.text


def test_every_action_with_keys_in_the_window_has_its_row_with_the_same_keys(
    qtbot: QtBot, make_viewer: Callable[[], Viewer], samples: Path
) -> None:
    viewer = make_viewer()
    window = viewer.window
    with qtbot.waitSignal(viewer.scan_pane.first_page_painted, timeout=20000):
        window.open_path(samples)
    window.later.features()  # Find Next, Copy with Citation...
    with_keys = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(with_keys) >= 30
    for action in with_keys:
        ids = [i for i, a in window.commands.items() if a is action]
        name = ids[0] if ids else action.objectName()
        row = actions.spec(name)
        assert action.shortcuts() == row.key_sequences(), name


def test_a_kiosk_allows_navigation_and_what_its_configuration_allows() -> None:
    assert actions.kiosk_allowed(citation=False, search=False) >= {"next_record", "fit_width"}
    assert "copy_citation" not in actions.kiosk_allowed(citation=False, search=True)
    assert {"find", "search_archive"} <= actions.kiosk_allowed(citation=False, search=True)
    assert "find" not in actions.kiosk_allowed(citation=True, search=False)
    assert not {"open", "open_folder", "quit", "shortcuts", "layout_scan-only"} & (
        actions.kiosk_allowed(citation=True, search=True)
    )
