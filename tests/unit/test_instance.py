"""A second launch's side of one window: what it sends, and when it opens a window itself."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer import cli, instance, paths


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[list[instance.Request]]:
    """A viewer's socket at `paths.instance_socket()` that takes every request."""
    path = paths.instance_socket()
    path.parent.mkdir(parents=True)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()
    received: list[instance.Request] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                line = connection.makefile("rb").readline()
                if line:
                    received.append(instance.decode(line))
                    connection.sendall(instance.REPLY_OK)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield received
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    thread.join(5)


def test_request_round_trips_through_its_line() -> None:
    request = instance.Request((Path("/a/b c.pdf"), Path("/d")))
    assert instance.decode(instance.encode(request)) == request


@pytest.mark.parametrize(
    "name",
    [
        "/a/b c.pdf",
        '/q"uote\\back',
        "/Ümlaut/ключ/文書.pdf",
        "/tab\tnew\nline",
        "/𝔄𝔯𝔠𝔥𝔦𝔳.pdf",
        "/x\udcff",
    ],
)
def test_the_line_sent_is_the_json_the_viewer_reads(name: str) -> None:
    # The launch writes its JSON without the json module: the line is exactly json.dumps's.
    line = instance.encode(instance.Request((Path(name),)))
    assert line == json.dumps({"open": [name]}).encode("ascii") + b"\n"
    assert instance.decode(line) == instance.Request((Path(name),))


@pytest.mark.parametrize(
    "name", ["letter.pdf", "./a/./b.pdf", "a//b/", "../up.pdf", "~/x.pdf", "/abs/x.pdf", "//net"]
)
def test_launched_paths_are_made_absolute_as_pathlib_does(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert instance.absolute(name) == str(Path(name).expanduser().absolute())


LEAN = """
import sys
before = set(sys.modules)
from viewer import cli
handed = cli.main(sys.argv[1:]) == 0
print(handed, " ".join(sorted(set(sys.modules) - before)))
"""
HEAVY = {"pathlib", "typing", "argparse", "logging", "socket", "json", "re", "enum"}
"""What a launch handing its paths over must not import: each costs it milliseconds of an
interpreter's start (together they doubled it), plus Qt and PyMuPDF."""


def test_a_launch_handing_over_imports_nothing_heavy(
    listening: list[instance.Request], tmp_path: Path
) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(instance.__file__).parent.parent))
    for args in (["letter.pdf"], ["--basedir", os.environ["ARCHIVE_VIEWER_BASEDIR"], "a.pdf"]):
        result = subprocess.run(
            [sys.executable, "-c", LEAN, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        handed, _, loaded = result.stdout.strip().partition(" ")
        assert handed == "True", result.stderr
        heavy = {m for m in loaded.split() if m.split(".")[0] in HEAVY | {"PySide6", "pymupdf"}}
        assert heavy == set()
    assert listening == [
        instance.Request((tmp_path / "letter.pdf",)),
        instance.Request((tmp_path / "a.pdf",)),
    ]


@pytest.mark.parametrize("line", [b"[]", b'{"open": [1]}', b'{"open": [""]}', b"\xff", b"{"])
def test_a_line_that_is_not_a_request_is_refused(line: bytes) -> None:
    with pytest.raises(ValueError):
        instance.decode(line)


def test_plain_launch_hands_its_absolute_paths_over(
    listening: list[instance.Request], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["letter.pdf"]) == 0
    assert listening == [instance.Request((tmp_path / "letter.pdf",))]


def test_kiosk_and_new_instance_never_hand_over(listening: list[instance.Request]) -> None:
    assert not cli._handed_over(["--kiosk", "/etc/archive-viewer/kiosk.toml"])
    assert not cli._handed_over(["--new-instance", "x.pdf"])
    assert listening == []


def test_a_socket_left_by_a_crash_is_not_taken_for_a_viewer(tmp_path: Path) -> None:
    path = paths.instance_socket()
    path.parent.mkdir(parents=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # bound, never listening: as a crashed viewer leaves it
    assert path.is_socket()
    assert not instance.is_live(path)
    assert not instance.hand_over(path, [Path("x.pdf")])


def test_a_long_base_directory_gets_a_socket_in_the_runtime_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(tmp_path / ("deep" * 30)))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    path = paths.instance_socket()
    assert path.parent == tmp_path / "run" / "archive-viewer"
    monkeypatch.setenv("ARCHIVE_VIEWER_BASEDIR", str(tmp_path / ("other" * 30)))
    assert paths.instance_socket() != path


def test_a_viewer_slow_to_answer_is_waited_for_not_doubled(tmp_path: Path) -> None:
    # A viewer that takes the connection but answers only when its event loop comes round
    # (starting up, a loaded machine) still gets the paths: no second window is opened.
    path = tmp_path / "slow.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen()

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            connection.makefile("rb").readline()
            threading.Event().wait(instance.TIMEOUT_S + 1)
            connection.sendall(instance.REPLY_OK)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        assert instance.hand_over(path, [tmp_path / "a.pdf"])
    finally:
        thread.join(10)
        server.close()
