"""Leaving the kiosk: the admin gesture (taps in a corner) and the PIN check with its lockout."""

from __future__ import annotations

import enum
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

from viewer.kiosk.config import verify_pin
from viewer.kiosk.idle import Clock

TAPS = 5
TAP_WINDOW = 3.0
FREE_ATTEMPTS = 3
FIRST_DELAY = 5.0
MAX_DELAY = 300.0

log = logging.getLogger(__name__)


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
    """Checks PINs; after `FREE_ATTEMPTS` wrong ones, each next try waits longer (5 s, 10 s...).

    With `state`, a file, the count of wrong PINs and the wait are kept there, so that a
    restart of the kiosk (pulling the plug, a crash) does not give a guesser fresh tries.
    """

    def __init__(
        self,
        stored_hash: str,
        clock: Clock,
        verify: Callable[[str, str], bool] = verify_pin,
        state: Path | None = None,
        wall: Clock = time.time,
    ) -> None:
        self._hash = stored_hash
        self._clock = clock
        self._verify = verify
        self._state = state
        self._wall = wall
        self.failures = 0
        self._locked_until = 0.0
        self._load()

    def _load(self) -> None:
        if self._state is None:
            return
        try:
            data = json.loads(self._state.read_text(encoding="utf-8"))
            failures, until = int(data["failures"]), float(data["locked_until"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("the PIN lockout state in %s is unreadable; locking", self._state)
            failures, until = FREE_ATTEMPTS, self._wall() + FIRST_DELAY
        self.failures = max(0, failures)
        # Wall-clock time across restarts; never longer than the longest wait (a clock set back).
        left = min(MAX_DELAY, max(0.0, until - self._wall()))
        self._locked_until = self._clock() + left

    def _save(self) -> None:
        if self._state is None:
            return
        data = {"failures": self.failures, "locked_until": self._wall() + self.wait_left()}
        try:
            self._state.parent.mkdir(parents=True, exist_ok=True)
            self._state.write_text(json.dumps(data), encoding="utf-8")
        except OSError as exc:
            log.warning("the PIN lockout state cannot be kept in %s: %s", self._state, exc)

    def wait_left(self) -> float:
        """Seconds before the next PIN is checked (0 when it is now)."""
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, pin: str) -> PinResult:
        """Check `pin`, unless the gate is waiting after repeated wrong PINs."""
        if self.wait_left() > 0:
            return PinResult.LOCKED
        if self._verify(pin, self._hash):
            self.failures = 0
            self._save()
            return PinResult.ACCEPTED
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            extra = self.failures - FREE_ATTEMPTS
            self._locked_until = self._clock() + min(MAX_DELAY, FIRST_DELAY * 2**extra)
        self._save()
        return PinResult.REJECTED
