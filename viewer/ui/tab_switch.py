"""A switch between a record's transcripts or scans: a tab bar whose tabs always stay in view.

Qt's tab bar scrolls tabs that do not fit behind arrow buttons, so a long label ("Russian
translation by Archive Viewer") left the second language out of sight. Here every tab is
shown, its label cut short with "…" when the pane is narrow, and the whole label is in its
tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar


def keep_in_view(tabs: QTabBar) -> None:
    """Show every tab of `tabs`, labels cut short rather than tabs scrolled away."""
    tabs.setUsesScrollButtons(False)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.setExpanding(False)


def add_tab(tabs: QTabBar, label: str, detail: str = "") -> int:
    """Add a tab labelled `label`; its tooltip says the whole label and `detail` (a file name)."""
    index = tabs.addTab(label)
    tabs.setTabToolTip(index, f"{label}\n{detail}" if detail else label)
    return index
