"""One window per user and base directory: a second launch hands its paths to the viewer
already running, over a local socket, and exits.

The launch's side is plain Python with no imports beyond what the interpreter has loaded when
it starts (`os`, `sys`) and `_socket`, the socket module's C core: `cli.py` asks here before
it parses its options or loads Qt or PyMuPDF, so a second launch costs an interpreter's start
and a round trip. (`socket` would import `enum`; `json`, `re`; `pathlib`, `re` and `fnmatch`:
together they doubled the launch's CPU. `tests/unit/test_instance.py` keeps them out.) The
running viewer listens with Qt (`services/instance_server.py`: a QLocalServer, which on Unix
is this same AF_UNIX socket) and reads requests with `decode`.

One request is one line of JSON, `{"open": ["/abs/path", ...]}` (no path: raise the window);
the answer is `ok` once the viewer has taken it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` itself costs a launch a few milliseconds
    import _socket
    from collections.abc import Iterable
    from pathlib import Path

APP_NAME = "archive-viewer"
BASEDIR_ENV = "ARCHIVE_VIEWER_BASEDIR"
REPLY_OK = b"ok\n"
MAX_REQUEST = 64 * 1024
"""A request longer than this is refused: a few paths are a few hundred bytes."""
TIMEOUT_S = 2.0
"""A socket that does not take the connection within this is taken as dead: the launch opens a
window of its own."""
ANSWER_TIMEOUT_S = 20.0
"""How long a viewer that took the connection may take to answer: one busy starting up, or on
a loaded machine, answers once its event loop comes round (a second window would be worse)."""
SOCKET_PATH_MAX = 100
"""An AF_UNIX socket's path is at most 107 bytes on Linux (103 on macOS)."""
_SHORT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}
_S_IFSOCK = 0o140000
_S_IFMT = 0o170000


class Request:
    """What a second launch asks of the running viewer: open `paths` (the first), or, with
    none, come to the front. (A plain class: `typing.NamedTuple` and `dataclasses` cost a
    launch milliseconds to import.)"""

    __slots__ = ("paths",)

    def __init__(self, paths: tuple[Path, ...] = ()) -> None:
        self.paths = paths

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Request) and other.paths == self.paths

    def __hash__(self) -> int:
        return hash(self.paths)

    def __repr__(self) -> str:
        return f"Request({self.paths!r})"


def _json_string(text: str) -> str:
    """`text` as a JSON string, as `json.dumps` writes it (ASCII: a file name that is not UTF-8
    travels as its surrogate escapes)."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    out.append('"')
    return "".join(out)


def encode(request: Request) -> bytes:
    """`request` as the line sent over the socket."""
    return _line(os.fspath(p) for p in request.paths)


def _line(names: Iterable[str]) -> bytes:
    """The request to open `names` as the line sent (what `json.dumps` writes)."""
    return ('{"open": [' + ", ".join(_json_string(name) for name in names) + "]}\n").encode("ascii")


def decode(line: bytes) -> Request:
    """The request a line holds; ValueError when it is not one (the running viewer's side)."""
    import json  # noqa: PLC0415  (the viewer has it loaded; a launch never decodes)
    from pathlib import Path  # noqa: PLC0415

    value = json.loads(line.decode("utf-8"))
    if not isinstance(value, dict) or not isinstance(value.get("open"), list):
        raise ValueError("not a request to open paths")
    items = value["open"]
    if not all(isinstance(item, str) and item for item in items):
        raise ValueError("the paths to open are not all non-empty strings")
    return Request(tuple(Path(item) for item in items))


def absolute(path: str | Path) -> str:
    """`path` with `~` expanded, made absolute as `Path.absolute()` does (`.` and repeated
    slashes dropped, `..` kept: a link's target is not guessed)."""
    text = os.path.expanduser(os.fspath(path))
    if not text.startswith("/"):
        text = os.getcwd() + "/" + text
    parts = [part for part in text.split("/") if part and part != "."]
    lead = "//" if text.startswith("//") and not text.startswith("///") else "/"
    return lead + "/".join(parts)


def runtime_dir() -> str:
    """The user's own folder for sockets: `$XDG_RUNTIME_DIR/archive-viewer`, else
    `/tmp/archive-viewer-<uid>` (made private by whoever listens there)."""
    value = os.environ.get("XDG_RUNTIME_DIR", "")
    if value:
        return os.path.join(value, APP_NAME)
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return os.path.join(os.environ.get("TMPDIR", "/tmp"), f"{APP_NAME}-{user}")


def socket_path() -> str:
    """Where the running viewer of this user and base directory listens for paths to open:
    `<basedir>/run/viewer.sock` with a base directory (in the runtime folder, under a name
    made from the base directory, when that path is too long for a socket), else
    `<runtime folder>/viewer.sock`."""
    base = os.environ.get(BASEDIR_ENV, "")
    if not base:
        return os.path.join(runtime_dir(), "viewer.sock")
    base = absolute(base) if sys.platform != "win32" else os.path.abspath(base)
    beside = os.path.join(base, "run", "viewer.sock")
    if len(os.fsencode(beside)) <= SOCKET_PATH_MAX:
        return beside
    import hashlib  # noqa: PLC0415  (only for a long base directory)

    digest = hashlib.sha256(os.fsencode(base)).hexdigest()[:16]
    return os.path.join(runtime_dir(), f"viewer-{digest}.sock")


def _is_socket(path: str) -> bool:
    """Whether `path` is a socket of this user's (never hand paths to another user's)."""
    try:
        found = os.stat(path)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return found.st_mode & _S_IFMT == _S_IFSOCK and mine


def _connect(path: str, timeout: float) -> _socket.socket:
    """A client socket connected to `path` (OSError when none takes it)."""
    import _socket  # noqa: PLC0415  (the socket module's core: `socket` would import enum)

    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.settimeout(timeout)
        client.connect(path)
    except BaseException:
        client.close()
        raise
    return client


def hand_over(
    socket_at: str | Path, paths: Iterable[str | Path], timeout: float = TIMEOUT_S
) -> bool:
    """Give `paths` to the viewer listening at `socket_at`; False when none takes them (none
    runs, a socket left by a crash, or no answer in time): then this launch opens a window."""
    where = os.fspath(socket_at)
    if sys.platform == "win32" or not _is_socket(where):
        return False
    line = _line(absolute(p) for p in paths)
    try:
        client = _connect(where, timeout)
        try:
            client.settimeout(max(timeout, ANSWER_TIMEOUT_S))
            client.sendall(line)
            reply = b""
            while not reply.endswith(b"\n") and len(reply) < 64:
                chunk = client.recv(64)
                if not chunk:
                    break
                reply += chunk
        finally:
            client.close()
    except OSError:  # refused (a stale socket), timed out, reset: this launch opens a window
        return False
    return reply == REPLY_OK


def is_live(socket_at: str | Path) -> bool:
    """Whether a viewer accepts connections at `socket_at` (a stale socket does not)."""
    where = os.fspath(socket_at)
    if sys.platform == "win32" or not _is_socket(where):
        return False
    try:
        _connect(where, TIMEOUT_S).close()
    except OSError:
        return False
    return True
