"""Threads that have not ended when their owner lets go of them, or when the process ends.

Qt ends the process (`qFatal`: "QThread: Destroyed while thread … is still running", an abort
and a core dump) when a `QThread` is destroyed while it runs, and PySide destroys every QObject
Python still owns when the interpreter exits. So every `QThread` of the viewer is `track`ed when
made and stopped through `stop`: asked to end (its work checks for cancellation often), waited
for a moment, and, when it has still not ended, kept here with the objects its work uses until it
does, never destroyed running. At exit (`exit_process`, or the interpreter's end when a script
or a test run did not stop a thread) every thread still running is asked to end (its
interruption requested, its event loop quit), given `EXIT_WAIT_MS`, and, if one still runs, the
process ends without destroying it (the index it writes is an SQLite file in WAL mode: a
transaction cut short is rolled back when it is next opened).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import time
import weakref

from PySide6.QtCore import QThread

_log = logging.getLogger(__name__)

EXIT_WAIT_MS = 5000
"""How long the process waits at exit for the threads kept here before it ends without them."""

EXIT_STUCK = 70
"""The status of a process that ended with a thread still running, outside the window's run."""

_kept: list[tuple[QThread, tuple[object, ...]]] = []
_tracked: weakref.WeakSet[QThread] = weakref.WeakSet()


def track(thread: QThread) -> None:
    """`thread` is asked to end at exit, before anything would destroy it. Its work must look at
    `QThread.isInterruptionRequested()` in long loops (one with an event loop is quit)."""
    _tracked.add(thread)


def interrupted() -> bool:
    """Whether the thread this runs on is asked to end (the process is ending)."""
    return QThread.currentThread().isInterruptionRequested()


def stop(thread: QThread, msecs: int, *keep: object) -> bool:
    """Wait up to `msecs` for `thread` (already asked to end) to end; whether it has.

    When it has not, it is kept, with `keep` (its worker and what it uses), until the process
    ends."""
    if not thread.isRunning() or (msecs > 0 and thread.wait(msecs)):
        return True
    outlive(thread, *keep)
    return False


def outlive(thread: QThread, *keep: object) -> None:
    """Keep `thread` and `keep` alive until the process ends: its owner is going."""
    _kept[:] = [(kept, objects) for kept, objects in _kept if not kept.isFinished()]
    _kept.append((thread, keep))
    _log.info("thread %r is still running; it is kept until it ends", thread.objectName())


def running() -> list[str]:
    """The names of the threads kept or tracked here that still run."""
    return [thread.objectName() for thread in _threads() if thread.isRunning()]


def _threads() -> list[QThread]:
    threads = [thread for thread, _ in _kept]
    return threads + [thread for thread in list(_tracked) if thread not in threads]


def wait(msecs: int) -> bool:
    """Ask every thread kept or tracked here to end, and wait up to `msecs` in all; whether every
    one has ended."""
    threads = [thread for thread in _threads() if thread.isRunning()]
    for thread in threads:
        thread.requestInterruption()
        thread.quit()
    deadline = time.monotonic() + msecs / 1000
    for thread in threads:
        left = int((deadline - time.monotonic()) * 1000)
        if thread.isRunning() and (left <= 0 or not thread.wait(left)):
            return False
    return True


def exit_process(status: int, msecs: int | None = None) -> None:
    """At the end of the window's run: give the threads kept or tracked here `msecs` to end,
    and when one still runs, end the process with `status` at once instead of destroying it
    (which aborts)."""
    if wait(EXIT_WAIT_MS if msecs is None else msecs):
        return
    _log.warning(
        "ending the process while these threads still run: %s", ", ".join(running()) or "?"
    )
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


@atexit.register
def _at_exit() -> None:
    # Python's exit handlers run before PySide destroys what Python owns. When the window's run
    # did not end here (a script, a test run), the same care, with a status that says something
    # went wrong should a thread not end (the one the process was ending with is not known).
    exit_process(EXIT_STUCK)
