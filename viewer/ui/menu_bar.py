"""The menu bar and F1's list of keys, made from the table of commands (`ui/actions.py`)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMenuBar

from viewer.ui import actions
from viewer.ui.actions import ActionSpec, Menu


def make_action(row: ActionSpec, parent: QObject, slot: Callable[[], object] | None) -> QAction:
    """A QAction for `row`: its text, keys and id (as object name), triggering `slot`."""
    action = QAction(row.translated(), parent)
    action.setObjectName(row.id)
    if row.keys:
        action.setShortcuts(row.key_sequences())
    action.setCheckable(row.checkable)
    if row.help:
        action.setStatusTip(row.help_text())
    if slot is not None:
        action.triggered.connect(slot)
    return action


@dataclass
class Menus:
    """The menu bar's menus, the actions made from the table and the separators before them,
    by id."""

    menus: dict[Menu, QMenu]
    actions: dict[str, QAction]
    separators: dict[str, QAction]


def build_menus(
    bar: QMenuBar,
    parent: QObject,
    slots: Mapping[str, Callable[[], object]],
    others: Mapping[str, QAction],
) -> Menus:
    """Fill `bar` from the table: a QAction per WINDOW row (calling `slots[id]`), and the
    DOCK and ELSEWHERE rows' actions from `others` where they exist already."""
    menus: dict[Menu, QMenu] = {}
    for menu, title in actions.MENU_TITLES.items():
        made = bar.addMenu(QCoreApplication.translate("MainWindow", str(title)))
        made.setObjectName(f"{menu.value}_menu")
        menus[menu] = made
    made_actions: dict[str, QAction] = {}
    separators: dict[str, QAction] = {}
    layouts = QActionGroup(parent)
    for row in actions.ACTIONS:
        if row.menu not in menus:
            if row.id in others:  # the scan's tools: their ids and keys from here too
                made_actions[row.id] = others[row.id]
                others[row.id].setObjectName(row.id)
                others[row.id].setShortcuts(row.key_sequences())
            continue
        if row.made is actions.Made.WINDOW:
            action = make_action(row, parent, slots.get(row.id))
            if row.checkable:
                layouts.addAction(action)
        elif row.id in others:
            action = others[row.id]
            action.setObjectName(row.id)
            action.setShortcuts(row.key_sequences())
        else:
            continue  # made later by its feature, which puts it in its menu
        if row.separator_before:
            separators[row.id] = menus[row.menu].addSeparator()
        menus[row.menu].addAction(action)
        made_actions[row.id] = action
    return Menus(menus, made_actions, separators)


def shortcut_rows(rows: Iterable[ActionSpec] = actions.ACTIONS) -> str:
    """F1's list: every command that has keys, with its keys and what it does, as HTML rows."""
    lines = []
    for row in rows:
        keys = row.keys_text()
        if keys:
            lines.append(
                f"<tr><td>{html.escape(row.label())}</td><td><b>{html.escape(keys)}</b></td>"
                f"<td>{html.escape(row.help_text())}</td></tr>"
            )
    return "".join(lines)
