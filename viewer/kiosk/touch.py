"""Touch gestures in plain numbers: a quick sideways stroke turns the page.

Pinch zoom is the scan pane's own (a pinch gesture on its page area).
"""

from __future__ import annotations

import enum

SWIPE_DISTANCE = 100.0
"""Pixels a finger must travel sideways for a swipe."""
SWIPE_TIME = 0.8
"""Seconds a swipe may take; a slower drag pans the page instead."""


class Swipe(enum.Enum):
    """Where a swipe sends the reader."""

    NEXT = 1
    PREVIOUS = -1


def swipe(dx: float, dy: float, seconds: float) -> Swipe | None:
    """The page a quick, mostly sideways stroke asks for, or None for any other stroke."""
    if seconds > SWIPE_TIME or abs(dx) < SWIPE_DISTANCE or abs(dx) < 2 * abs(dy):
        return None
    return Swipe.NEXT if dx < 0 else Swipe.PREVIOUS
