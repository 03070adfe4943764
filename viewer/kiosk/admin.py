"""Leaving the kiosk: the admin gesture (taps in a corner) and the PIN check with its lockout."""

from __future__ import annotations

import enum
from collections.abc import Callable

from viewer.kiosk.config import verify_pin
from viewer.kiosk.idle import Clock

TAPS = 5
TAP_WINDOW = 3.0
FREE_ATTEMPTS = 3
FIRST_DELAY = 5.0
MAX_DELAY = 300.0


class TapGesture:
    """Counts taps in the admin corner: `TAPS` of them within `TAP_WINDOW` seconds."""

    def __init__(self, clock: Clock, taps: int = TAPS, window: float = TAP_WINDOW) -> None:
        self._clock = clock
        self._taps = taps
        self._window = window
        self._times: list[float] = []

    def tap(self) -> bool:
        """One tap in the corner; True when it completes the gesture."""
        now = self._clock()
        self._times = [t for t in self._times if now - t <= self._window]
        self._times.append(now)
        if len(self._times) >= self._taps:
            self._times.clear()
            return True
        return False

    def reset(self) -> None:
        """Forget the taps so far (a tap elsewhere breaks the sequence)."""
        self._times.clear()


class PinResult(enum.Enum):
    """What came of one PIN entry."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LOCKED = "locked"
    """Not even checked: too many wrong PINs, wait first."""


class PinGate:
    """Checks PINs; after `FREE_ATTEMPTS` wrong ones, each next try waits longer (5 s, 10 s...)."""

    def __init__(
        self,
        stored_hash: str,
        clock: Clock,
        verify: Callable[[str, str], bool] = verify_pin,
    ) -> None:
        self._hash = stored_hash
        self._clock = clock
        self._verify = verify
        self.failures = 0
        self._locked_until = 0.0

    def wait_left(self) -> float:
        """Seconds before the next PIN is checked (0 when it is now)."""
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, pin: str) -> PinResult:
        """Check `pin`, unless the gate is waiting after repeated wrong PINs."""
        if self.wait_left() > 0:
            return PinResult.LOCKED
        if self._verify(pin, self._hash):
            self.failures = 0
            return PinResult.ACCEPTED
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            extra = self.failures - FREE_ATTEMPTS
            self._locked_until = self._clock() + min(MAX_DELAY, FIRST_DELAY * 2**extra)
        return PinResult.REJECTED
