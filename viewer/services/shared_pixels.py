"""Rendered pixels in shared memory: the worker renders into a file of /dev/shm that the window
maps, so a page's megabytes are never copied or pickled.

The worker's side is `SharedPixels` (buffers to render into, named by `SharedSamples` in the
result); the window's is `map_shared`. Files a worker left behind are removed by
`remove_shared_files` (when it stops) and `remove_orphaned_shared_files` (after a crash).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import mmap
import os
import time
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)

SHARED_MEMORY_DIR = Path("/dev/shm")
"""Where a child process leaves rendered pixels for the window process (tmpfs: memory, no disk)."""


class SharedSamples(NamedTuple):
    """A rendered page's pixels in a shared-memory file, which the reader maps and unlinks.

    A page is megabytes: pickled through the pipe it would be copied three times and held up by
    the pipe's 64 KB buffer; here MuPDF renders into the file and the window paints from it.
    """

    path: str
    size: int


def shared_prefix(pid: int) -> str:
    """The file-name prefix of the shared-memory files of worker process `pid`."""
    return f"archive-viewer-{pid}-"


def remove_shared_files(pid: int) -> None:
    """Remove what worker process `pid` left in shared memory (results never read)."""
    for leftover in SHARED_MEMORY_DIR.glob(shared_prefix(pid) + "*"):
        leftover.unlink(missing_ok=True)


ORPHAN_AGE_S = 600
"""A shared-memory file this old, of a process that is gone, will never be read."""


def remove_orphaned_shared_files() -> None:
    """Remove old shared-memory files of worker processes that are gone (killed, crashed)."""
    now = time.time()
    for leftover in SHARED_MEMORY_DIR.glob("archive-viewer-*-*"):
        pid_text = leftover.name.split("-")[2]
        if not pid_text.isdigit():
            continue
        try:
            if now - leftover.stat().st_mtime < ORPHAN_AGE_S:
                continue  # its window may still be about to read it
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            leftover.unlink(missing_ok=True)
        except OSError:
            continue  # gone already, or alive and someone else's


class SharedPixels:
    """Buffers for pages in shared-memory files of this process; the window maps and unlinks them.

    MuPDF renders straight into the mapped file and the window paints from its own mapping of
    it, so a page's pixels are never copied. Where there is no shared memory (or it is full),
    a buffer is a bytearray, pickled through the pipe.

    Taking a page's worth of shared memory costs ~2 ms (the kernel clears and maps every 4 KB
    of it), so once a page is sent the buffer of the next is made ahead (`prepare`), while the
    worker waits for the reader's next move.
    """

    def __init__(self) -> None:
        self._prefix = str(SHARED_MEMORY_DIR / shared_prefix(os.getpid()))
        self._serial = itertools.count()
        self._given: dict[int, tuple[_SharedFile, int]] = {}
        """The buffers given out and not yet sent: id -> (file, size asked for)."""
        self._sent: list[tuple[_SharedFile, int]] = []
        self._spare: _SharedFile | None = None
        self._page_sizes: list[int] = []
        """The sizes of the last page-sized buffers asked for: the spare fits the largest."""

    def allocate(self, size: int) -> mmap.mmap | bytearray:
        """A writable buffer of `size` bytes, in shared memory if it can be."""
        if size >= SPARE_MIN_SIZE:
            self._page_sizes = [*self._page_sizes[1 - SPARE_FITS_LAST :], size]
        shared = self._spare
        if shared is not None and _fits(size, len(shared.buffer)):
            self._spare = None
        else:
            shared = self._map(size)
            if shared is None:
                return bytearray(size)
        self._given[id(shared.buffer)] = (shared, size)
        return shared.buffer

    def share(self, samples: object) -> SharedSamples | None:
        """What names `samples` for the window (None: not in shared memory)."""
        entry = self._given.pop(id(samples), None)
        if entry is None:
            return None
        self._sent.append(entry)
        return SharedSamples(entry[0].path, entry[1])

    def release(self) -> None:
        """After a result is sent: let go of what was shared, remove what never will be."""
        for shared, size in self._sent:
            # A spare made for a larger page: the rest of the file is memory nobody maps.
            # (Cut now that the page has gone; the file may be unlinked already.)
            shared.close(size)
        self._sent.clear()
        for shared, _ in self._given.values():  # a render that failed after allocating
            shared.close()
            Path(shared.path).unlink(missing_ok=True)
        self._given.clear()

    def prepare(self) -> None:
        """Make the buffer of the next page now, unless the spare is one for it already."""
        if not self._page_sizes:
            return
        # Pages of one scan differ a little in size (letter, legal): fit the largest of late.
        size = max(self._page_sizes)
        if self._spare is not None and _fits(size, len(self._spare.buffer)):
            return
        self.close()
        self._spare = self._map(size + size // 64)

    def close(self) -> None:
        """Remove the spare buffer."""
        if self._spare is not None:
            self._spare.close()
            Path(self._spare.path).unlink(missing_ok=True)
            self._spare = None

    def _map(self, size: int) -> _SharedFile | None:
        path = f"{self._prefix}{next(self._serial)}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        except OSError:
            return None
        try:
            # The memory is taken now, or refused now (ENOSPC): writing into a mapping of a
            # full tmpfs would kill this process with SIGBUS. Populated at once: far fewer
            # page faults than MuPDF touching each page of it.
            os.posix_fallocate(fd, 0, size)
            buffer = mmap.mmap(fd, size, flags=mmap.MAP_SHARED | _MAP_POPULATE)
        except (OSError, ValueError):
            os.close(fd)
            Path(path).unlink(missing_ok=True)
            return None
        return _SharedFile(path, fd, buffer)


class _SharedFile:
    """A shared-memory file of this process, open and mapped."""

    __slots__ = ("buffer", "fd", "path")

    def __init__(self, path: str, fd: int, buffer: mmap.mmap) -> None:
        self.path = path
        self.fd = fd
        self.buffer = buffer

    def close(self, size: int | None = None) -> None:
        """Unmap and close it, first cutting it to `size` bytes if it is longer."""
        try:
            if size is not None and size < len(self.buffer):
                os.ftruncate(self.fd, size)
        except OSError:
            log.warning("a shared-memory file could not be shortened", exc_info=True)
        finally:
            self.buffer.close()
            os.close(self.fd)


SPARE_MIN_SIZE = 1024 * 1024
"""Buffers from this size on are a page in the view (a thumbnail is far smaller): the spare is
made for those; a thumbnail's buffer costs little to make when it is needed."""
SPARE_FITS_LAST = 8
"""The spare is as large as the largest of this many last page-sized buffers."""


def _fits(size: int, capacity: int) -> bool:
    """Whether a spare of `capacity` bytes is the one for `size` (not one of twice the size)."""
    return size <= capacity <= 2 * size


_MAP_POPULATE: int = getattr(mmap, "MAP_POPULATE", 0)


def map_shared(shared: SharedSamples) -> mmap.mmap:
    """Map a shared-memory file of the worker, then remove its name: the memory goes with the map.

    Populated at once, so the memory is this process's (and counted in its resident size) from
    now on rather than page by page as it is painted.
    """
    try:
        fd = os.open(shared.path, os.O_RDWR)
        try:
            return mmap.mmap(fd, shared.size, flags=mmap.MAP_SHARED | _MAP_POPULATE)
        finally:
            os.close(fd)
    finally:
        with contextlib.suppress(OSError):
            Path(shared.path).unlink()
