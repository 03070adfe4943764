"""`archive-viewer --install-desktop` and `--uninstall-desktop`: the viewer in the user's menu.

Writes, for the user only (under `$XDG_DATA_HOME`, `~/.local/share` by default), the desktop
entry `applications/archive-viewer.desktop` (it opens PDFs and folders, so a file manager offers
"Open with Archive Viewer"), and the icon in `icons/hicolor/`: the scalable SVG the package
ships and PNGs in the usual sizes, drawn from it with Qt. The desktop's caches are refreshed by
their tools when they are installed; without them the files are found at the next log-in.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from viewer import paths

log = logging.getLogger(__name__)

APP_ID = "archive-viewer"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""The hicolor sizes a PNG is written in (menus, docks, task switchers, file managers)."""
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make the desktop entry spec ask for an argument in double quotes."""


def data_home() -> Path:
    """`$XDG_DATA_HOME`, else `~/.local/share`: where the user's menu entries and icons live."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value else Path.home() / ".local" / "share"


def command() -> list[str]:
    """The command that starts this viewer: the `archive-viewer` script beside this Python
    (a venv, pipx, uv), else the one on the PATH, else this Python with `-m viewer`."""
    beside = Path(sys.executable).with_name(APP_ID)
    if beside.is_file():
        return [str(beside)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, "-m", "viewer"]


def _quoted(argument: str) -> str:
    """`argument` as the Exec key wants it: in double quotes when it holds a reserved character."""
    if not _RESERVED.intersection(argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    # The key's value is itself a string in which a backslash is escaped once more.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def desktop_text(program: list[str]) -> str:
    """The shipped desktop entry with its Exec and TryExec naming `program`."""
    template = paths.resource(DESKTOP_FILE).read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append("Exec=" + " ".join(_quoted(part) for part in program) + " %F")
        elif line.startswith("TryExec="):
            lines.append("TryExec=" + program[0])
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _targets(home: Path) -> tuple[Path, Path, dict[int, Path]]:
    hicolor = home / "icons" / "hicolor"
    pngs = {size: hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES}
    return (
        home / "applications" / DESKTOP_FILE,
        hicolor / "scalable" / "apps" / f"{APP_ID}.svg",
        pngs,
    )


def icon_png(svg: bytes, size: int) -> bytes:
    """The icon drawn `size` pixels square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: PLC0415
    from PySide6.QtGui import QColor, QImage, QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgRenderer  # noqa: PLC0415

    renderer = QSvgRenderer(QByteArray(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes, which PySide6 refuses at run time; it takes the format as str.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def _write(path: Path, data: bytes) -> None:
    """Written beside, then moved into place: a desktop never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    partial.replace(path)


def install(home: Path | None = None) -> list[Path]:
    """Write the desktop entry and the icons under `home` (the user's data home); the files
    written. The desktop's caches are refreshed when their tools are there."""
    home = home or data_home()
    entry, scalable, pngs = _targets(home)
    svg = paths.resource("icons/archive-viewer.svg").read_bytes()
    _write(entry, desktop_text(command()).encode("utf-8"))
    _write(scalable, svg)
    for size, path in pngs.items():
        _write(path, icon_png(svg, size))
    refresh_caches(home)
    return [entry, scalable, *pngs.values()]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote under `home`; the files removed."""
    home = home or data_home()
    entry, scalable, pngs = _targets(home)
    removed = []
    for path in (entry, scalable, *pngs.values()):
        if path.is_file():
            path.unlink()
            removed.append(path)
    refresh_caches(home)
    return removed


def refresh_caches(home: Path) -> list[str]:
    """Bring the desktop's menu, MIME and icon caches up to date with the tools installed; the
    tools that ran. A missing or failing tool is logged, never an error: the files are read at
    the next log-in anyway."""
    hicolor = home / "icons" / "hicolor"
    commands = [
        ["update-desktop-database", "-q", str(home / "applications")],
        ["gtk-update-icon-cache", "-q", "-f", "-t", str(hicolor)],
        ["xdg-desktop-menu", "forceupdate"],
    ]
    ran = []
    for argv in commands:
        tool = shutil.which(argv[0])
        folder = Path(argv[-1])
        if tool is None or (folder.is_absolute() and not folder.is_dir()):
            continue
        try:
            result = subprocess.run(
                [tool, *argv[1:]], capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("%s could not run: %s", argv[0], exc)
            continue
        if result.returncode != 0:
            log.warning("%s: %s", argv[0], result.stderr.strip() or f"exit {result.returncode}")
        ran.append(argv[0])
    return ran
