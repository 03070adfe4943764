"""Whether an archive's record folders are still as its catalogue has them, found in a child
process.

Listing an archive's folders and looking at the stamps of 100,000 of them (`catalogue.stamp`) is
hundreds of thousands of system calls; on threads of the window's process each one is a turn at
the interpreter lock, which the window's thread waits for behind them (turns of a third of a
second while the records are listed from the cache). In a process of its own, at low priority,
it costs the window nothing.

`python -m viewer.domain.folder_check ROOT CATALOGUE` reads the stamps the catalogue file holds,
lists the record folders of ROOT and writes to its output one pickle of plain values: `True`
when the record folders are exactly the catalogue's, in its order, each with the stamp it had;
otherwise a series of pickles of `(folder, stamp)` lists, every record folder in order with its
stamp now (a pickle of `None` stamps for a folder that cannot be looked at is `None`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from viewer import paths
from viewer.domain import catalogue

log = logging.getLogger(__name__)

TIMEOUT_S = 600
"""A check that takes longer is given up (the archive is then read in the window's process)."""

CHILD_FROM_BYTES = 200_000
"""A catalogue file this large (a few thousand records) is checked in a child process; a smaller
one costs less to check than to start a process for."""

Found = list[tuple[str, catalogue.Stamp | None]]


def worth_a_child(file: Path) -> bool:
    """Whether the records of the catalogue `file` are many enough to check in a child."""
    try:
        return file.stat().st_size >= CHILD_FROM_BYTES
    except OSError:
        return False


def known_stamps(file: Path, root: Path) -> dict[str, catalogue.Stamp] | None:
    """The stamps of the records `file` (a catalogue of `root`) holds, in its order; None when it
    cannot be used."""
    stamps: dict[str, catalogue.Stamp] = {}
    try:
        with file.open("rb") as handle:
            if catalogue.load_plain(handle) != catalogue.header(root):
                return None
            while True:
                try:
                    chunk = catalogue.load_plain(handle)
                except EOFError:
                    return stamps
                for key, (known, _) in chunk.items():
                    stamps[key] = known
    except Exception:  # (as `Catalogue.load`: a file that cannot be used)
        return None


def check(root: Path, file: Path, sink: BinaryIO) -> None:
    """Write to `sink` whether the record folders of `root` are as `file` has them."""
    from viewer.domain import archive  # noqa: PLC0415  (archive imports this module)

    stamps = known_stamps(file, root) or {}
    keys = iter(stamps)
    same = True
    found: Found = []
    for folder in archive.iter_record_folders(root):
        name = str(folder)
        now = catalogue.stamp(folder)
        if same and (next(keys, None) != name or now is None or stamps[name] != now):
            same = False
        found.append((name, now))
    if same and next(keys, None) is None:
        pickle.dump(True, sink, pickle.HIGHEST_PROTOCOL)
        return
    for start in range(0, len(found), catalogue.CHUNK):
        pickle.dump(found[start : start + catalogue.CHUNK], sink, pickle.HIGHEST_PROTOCOL)


class FolderCheck:
    """`check` run in a child process, started at once: `result` waits for its answer."""

    def __init__(self, root: Path, file: Path) -> None:
        self.root = root
        env = paths.child_environment()
        self._process: subprocess.Popen[bytes] | None = None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "viewer.domain.folder_check", str(root), str(file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as exc:
            log.info("the record folders of %s are looked at here: %s", root, exc)

    def result(self) -> Iterator[Found] | Literal[True] | None:
        """True when the record folders are as the catalogue has them; else each record folder
        with its stamp, a few thousand at a time; None when the child could not tell (the
        caller looks itself)."""
        process, self._process = self._process, None
        if process is None:
            return None
        try:
            output, _ = process.communicate(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            log.info("the record folders of %s took too long to look at", self.root)
            return None
        if process.returncode != 0:
            log.info("the record folders of %s could not be looked at", self.root)
            return None
        return _answer(output)


def _answer(output: bytes) -> Iterator[Found] | Literal[True] | None:
    stream = io.BytesIO(output)
    try:
        first = catalogue.load_plain(stream)
    except Exception:  # (an answer that cannot be read: looked at here)
        return None
    if first is True:
        return True

    def chunks() -> Iterator[Found]:
        chunk = first
        while True:
            yield chunk
            try:
                chunk = catalogue.load_plain(stream)
            except EOFError:
                return

    return chunks()


def main() -> None:
    """The child process's entry point."""
    with contextlib.suppress(OSError):
        os.nice(5)
    from viewer.domain import record_reader  # noqa: PLC0415

    try:
        check(Path(sys.argv[1]), Path(sys.argv[2]), sys.stdout.buffer)
        sys.stdout.flush()
    except BrokenPipeError:  # the window closed meanwhile
        record_reader.quiet_exit()


if __name__ == "__main__":
    main()
