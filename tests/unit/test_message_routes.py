"""Everything the viewer tells the reader goes through the one message channel
(services/messages.py). This test lists the few other ways a window may speak, and fails on a
new one: a status-bar message, a message box, an error callback wired elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

VIEWER = Path(__file__).resolve().parents[2] / "viewer"

ALLOWED = {
    # Windows the reader asked for: F1's list of keys, the session's messages, About.
    r"QMessageBox\.information\(": {"ui/main_window.py": 2},
    r"QMessageBox\.about\(": {"ui/main_window.py": 1},
    # The bug report of the one excepthook (a bug of ours, with a report to copy).
    r"QMessageBox\(": {"app.py": 1},
    # Ways around the channel: none.
    r"statusBar\(\)\.showMessage\(": {},
    r"QMessageBox\.(critical|warning|question)\(": {},
    r"QErrorMessage": {},
    r"\bprint\(": {},
}
"""Pattern: {module under viewer/: how many times it may occur there}."""


def _occurrences(pattern: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for path in sorted(VIEWER.rglob("*.py")):
        relative = path.relative_to(VIEWER).as_posix()
        if relative in ("cli.py", "import_command.py", "ocr_command.py", "cite_command.py"):
            continue  # the command line prints; it has no window
        count = len(re.findall(pattern, path.read_text(encoding="utf-8")))
        if count:
            found[relative] = count
    return found


def test_the_reader_is_told_things_only_through_the_channel_and_the_listed_windows() -> None:
    for pattern, allowed in ALLOWED.items():
        assert _occurrences(pattern) == allowed, pattern


def test_error_and_notice_callbacks_lead_to_the_channel() -> None:
    """`on_error=`, `on_said=`, `on_copied=` and `on_exported=` are given the channel's own
    methods, or callbacks handed down from where they were (a lambda calls one of those)."""
    passed_down = ("on_error", "on_said", "on_copied", "on_exported", "done")
    wired: dict[str, str] = {}
    for path in sorted(VIEWER.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"on_(?:error|said|copied|exported)=(.*)", text):
            where = f"{path.relative_to(VIEWER).as_posix()}: {match.group(0).strip()}"
            following = text[match.start() : match.start() + 200]
            wired[where] = following
    assert len(wired) >= 5
    for where, following in wired.items():
        target = following.split("=", 1)[1]
        assert (
            target.startswith("channel.")
            or target.startswith(passed_down)
            or (
                target.startswith("lambda")
                and re.search(r"channel\.\w+\(|on_copied\(", following) is not None
            )
        ), where
