"""One window per user and base directory: a second launch hands its paths to the viewer
already running, over a local socket, and exits.

Plain Python (no Qt): `cli.py` asks here before it loads Qt or PyMuPDF, so a second launch
costs an interpreter's start and a round trip. The running viewer listens with Qt
(`services/instance_server.py`: a QLocalServer, which on Unix is this same AF_UNIX socket).
One request is one line of JSON, `{"open": ["/abs/path", ...]}` (no path: raise the window);
the answer is `ok` once the viewer has taken it.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
from pathlib import Path
from typing import NamedTuple

REPLY_OK = b"ok\n"
MAX_REQUEST = 64 * 1024
"""A request longer than this is refused: a few paths are a few hundred bytes."""
TIMEOUT_S = 2.0
"""A socket that does not take the connection within this is taken as dead: the launch opens a
window of its own."""
ANSWER_TIMEOUT_S = 20.0
"""How long a viewer that took the connection may take to answer: one busy starting up, or on
a loaded machine, answers once its event loop comes round (a second window would be worse)."""


class Request(NamedTuple):
    """What a second launch asks of the running viewer: open `paths` (the first), or, with
    none, come to the front. (A named tuple: `dataclasses` costs a launch ~10 ms to import.)"""

    paths: tuple[Path, ...] = ()


def encode(request: Request) -> bytes:
    """`request` as the line sent over the socket."""
    return json.dumps({"open": [str(p) for p in request.paths]}).encode("utf-8") + b"\n"


def decode(line: bytes) -> Request:
    """The request a line holds; ValueError when it is not one."""
    value = json.loads(line.decode("utf-8"))
    if not isinstance(value, dict) or not isinstance(value.get("open"), list):
        raise ValueError("not a request to open paths")
    items = value["open"]
    if not all(isinstance(item, str) and item for item in items):
        raise ValueError("the paths to open are not all non-empty strings")
    return Request(tuple(Path(item) for item in items))


def _is_socket(path: Path) -> bool:
    """Whether `path` is a socket of this user's (never hand paths to another user's)."""
    try:
        found = path.stat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return stat.S_ISSOCK(found.st_mode) and mine


def hand_over(socket_path: Path, paths: list[Path], timeout: float = TIMEOUT_S) -> bool:
    """Give `paths` to the viewer listening at `socket_path`; False when none takes them (none
    runs, a socket left by a crash, or no answer in time): then this launch opens a window."""
    if sys.platform == "win32" or not _is_socket(socket_path):
        return False
    request = Request(tuple(p.expanduser().absolute() for p in paths))
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(os.fspath(socket_path))
            client.settimeout(max(timeout, ANSWER_TIMEOUT_S))
            client.sendall(encode(request))
            reply = b""
            while not reply.endswith(b"\n") and len(reply) < 64:
                chunk = client.recv(64)
                if not chunk:
                    break
                reply += chunk
    except OSError:  # refused (a stale socket), timed out, reset: this launch opens a window
        return False
    return reply == REPLY_OK


def is_live(socket_path: Path) -> bool:
    """Whether a viewer accepts connections at `socket_path` (a stale socket does not)."""
    if sys.platform == "win32" or not _is_socket(socket_path):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(TIMEOUT_S)
            probe.connect(os.fspath(socket_path))
    except OSError:
        return False
    return True
