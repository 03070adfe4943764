"""When the kiosk is idle: a clock seam, and the state machine behind "Still reading?".

The logic only reads a `Clock`; Qt timers merely call `IdleMonitor.tick()` often, so tests drive
time with a fake clock and never sleep.
"""

from __future__ import annotations

import enum
import time
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds."""

    def __call__(self) -> float: ...


def monotonic() -> float:
    """The system's monotonic clock (the default `Clock`)."""
    return time.monotonic()


class IdlePhase(enum.Enum):
    """Where the kiosk is in its idle cycle."""

    ACTIVE = "active"
    COUNTDOWN = "countdown"
    RESTING = "resting"
    """Reset done; waiting for the next visitor (the attract loop runs when it is on)."""


class IdleMonitor:
    """Turns "time since the last touch" into phases: active, counting down, resting."""

    def __init__(self, clock: Clock, timeout: float, countdown: float) -> None:
        self._clock = clock
        self.timeout = timeout
        self.countdown = countdown
        self._last_activity = clock()
        self.phase = IdlePhase.ACTIVE

    def touch(self) -> IdlePhase:
        """A visitor did something; the phase before the touch."""
        before = self.phase
        self._last_activity = self._clock()
        self.phase = IdlePhase.ACTIVE
        return before

    def rest(self) -> None:
        """The kiosk was reset: nothing counts down until the next touch."""
        self.phase = IdlePhase.RESTING

    def idle_for(self) -> float:
        """Seconds since the last touch."""
        return self._clock() - self._last_activity

    def seconds_left(self) -> int:
        """Whole seconds left in the countdown (rounded up), 0 when it is over."""
        left = self.timeout + self.countdown - self.idle_for()
        return max(0, int(-(-left // 1)))

    def tick(self) -> IdlePhase | None:
        """Check the time; the new phase when it changed, else None."""
        if self.phase is IdlePhase.RESTING:
            return None
        idle = self.idle_for()
        if self.phase is IdlePhase.ACTIVE and idle >= self.timeout:
            self.phase = IdlePhase.COUNTDOWN
            if idle < self.timeout + self.countdown:
                return IdlePhase.COUNTDOWN
        if self.phase is IdlePhase.COUNTDOWN and idle >= self.timeout + self.countdown:
            self.phase = IdlePhase.RESTING
            return IdlePhase.RESTING
        return None
