"""The `archive-viewer` command: the reading window, `check`, `cite` and `import`.

Only the window imports Qt; `check`, `cite` and `import` run on machines without a display.
"""

from __future__ import annotations

import os
import sys

from viewer import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:  # (mypy reads this block; `typing` is not imported)
    import argparse
    from pathlib import Path

# Nothing beyond os and sys at the top (not even pathlib or typing): a plain launch that hands
# its paths to the viewer already open (`_handed_over`) needs no more, and returns in the time
# of an interpreter's start. argparse, pathlib and logging are imported where they are used.


def _gui_parser() -> argparse.ArgumentParser:
    import argparse  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="archive-viewer",
        description=(
            "Read an archive of historical documents offline: the transcript beside the original "
            "scan, with the record's metadata and citation. Other commands: "
            "'archive-viewer check PATH' validates an archive or a spreadsheet of records; "
            "'archive-viewer cite PATH --style STYLE' prints a citation; "
            "'archive-viewer import SOURCE --into DEST' writes a folder or export as an archive; "
            "'archive-viewer ocr PATH' recognises image-only scans."
        ),
    )
    parser.add_argument(
        "path",
        nargs="*",
        type=Path,
        help=(
            "an archive folder, a record folder, a folder of scans, a spreadsheet of records "
            "(CSV, TSV, XLSX) or a PDF (default: the last one opened); of several, the first. "
            "When the viewer is already open (for you, with the same --basedir), it opens "
            "there and this command returns at once"
        ),
    )
    parser.add_argument(
        "--new-instance",
        action="store_true",
        help="open a window of its own even when the viewer is already open",
    )
    parser.add_argument(
        "--only-with-files",
        action="store_true",
        help="of a spreadsheet of records, show only the rows that have a scan or text file",
    )
    parser.add_argument(
        "--basedir", type=Path, help="keep settings, state and caches under this folder"
    )
    parser.add_argument(
        "--kiosk",
        nargs="?",
        const="",
        default=None,
        metavar="CONFIG",
        help=(
            "run as a reading-room kiosk (configuration: CONFIG, else "
            "/etc/archive-viewer/kiosk.toml, else $XDG_CONFIG_DIRS); see docs/kiosk.md"
        ),
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        help=(
            "the interface language, such as 'de' or 'fr', for this run (default: the one chosen "
            "in View > Language, else the system's when translated, else English)"
        ),
    )
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help=(
            "add the viewer to your desktop's menu, with its icon, as an application that opens "
            "PDFs and folders (for you only, under ~/.local/share), then exit"
        ),
    )
    desktop.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove what --install-desktop added, then exit",
    )
    parser.add_argument("--debug", action="store_true", help="log what happens to stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--handover-probe", action="store_true", help=argparse.SUPPRESS)
    return parser


def _check_parser() -> argparse.ArgumentParser:
    import argparse  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="archive-viewer check",
        description=(
            "Validate an archive, a record folder, a spreadsheet of records or a PDF and print "
            "every problem: file, field, what is wrong and what to do. Exit status 0 when there "
            "are no errors (warnings alone are fine), 1 when there are."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def run_check(argv: list[str]) -> int:
    """`archive-viewer check PATH...`."""
    args = _check_parser().parse_args(argv)
    from viewer.domain import check  # noqa: PLC0415  (PyMuPDF is loaded only when needed)
    from viewer.services import sheet_columns  # noqa: PLC0415

    sheet_columns.configure(only_with_files=False)

    errors = warnings = 0
    for path in args.paths:
        problems = check.check_path(path)
        root = path.resolve() if path.is_dir() else None
        if root is not None and (root / "record.toml").is_file():
            root = root.parent  # a record checked alone: lines name its folder, not "scan.pdf"
        for problem in problems:
            if problem.severity == "error":
                errors += 1
            else:
                warnings += 1
                if args.quiet:
                    continue
            print(problem.line(root))
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if not args.quiet or errors:
        print(f"{summary} in {', '.join(str(p) for p in args.paths)}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `archive-viewer` and `python -m viewer`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check":
        return run_check(args[1:])
    if args and args[0] == "kiosk-child":
        return _run_kiosk_child(args[1:])
    if args and args[0] == "import":
        from viewer import import_command  # noqa: PLC0415

        return import_command.main(args[1:])
    if args and args[0] == "cite":
        from viewer import cite_command  # noqa: PLC0415

        return cite_command.main(args[1:])
    if args and args[0] == "ocr":
        from viewer import ocr_command  # noqa: PLC0415

        return ocr_command.main(args[1:])
    if _handed_over(args):
        return 0
    from pathlib import Path  # noqa: PLC0415

    parser = _gui_parser()
    options = parser.parse_args(args)
    import logging  # noqa: PLC0415

    logging.basicConfig(
        level=logging.DEBUG if options.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if options.install_desktop or options.uninstall_desktop:
        return _desktop_entry(install=options.install_desktop)
    if options.basedir is not None:
        os.environ["ARCHIVE_VIEWER_BASEDIR"] = str(options.basedir.resolve())
    language = None
    if options.language is not None:
        from viewer.services import i18n  # noqa: PLC0415  (no Qt: it only lists the files)

        try:
            language = i18n.check(options.language)
        except i18n.UnknownLanguageError as exc:
            parser.error(f"--language: {exc}")
    if options.kiosk is not None:
        from viewer import kiosk  # noqa: PLC0415  (the supervisor: no Qt in this process)

        return kiosk.main(Path(options.kiosk) if options.kiosk else None)
    if not options.new_instance:  # a launch with other options (--language, --debug...)
        from viewer import instance, paths  # noqa: PLC0415

        if instance.hand_over(paths.instance_socket(), options.path):
            return 0
    from viewer.services import qt_loading, worker_process  # noqa: PLC0415

    # The render worker's process loads PyMuPDF while this one loads Qt, then opens the PDF to be
    # shown; an archive to be shown is read on a thread meanwhile.
    worker_process.prestart()
    from viewer.services import sheet_columns  # noqa: PLC0415

    sheet_columns.configure(only_with_files=options.only_with_files)
    target = options.path[0].expanduser() if options.path else None
    _read_ahead(target)
    qt_loading.load_qt()
    if target is None:  # the last archive: its name is in the settings, which need QtCore
        from viewer.services import settings  # noqa: PLC0415

        target = settings.default_path(settings.Settings())
        _read_ahead(target)
    from viewer import app  # noqa: PLC0415  (the widgets are loaded only for the window)

    return app.run(
        target,
        startup_probe=options.startup_probe,
        language=language,
        listen=not options.new_instance,
        handover_probe=options.handover_probe,
    )


def _desktop_entry(*, install: bool) -> int:
    """`--install-desktop` / `--uninstall-desktop`: say which files were written or removed."""
    from viewer import desktop_entry  # noqa: PLC0415

    try:
        changed = desktop_entry.install() if install else desktop_entry.uninstall()
    except OSError as exc:
        print(f"archive-viewer: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if install:
        print(f"Archive Viewer is in your desktop's menu: {changed[0]}")
    elif changed:
        print(f"Archive Viewer is no longer in your desktop's menu: {changed[0].parent}")
    else:
        print("Archive Viewer was not in your desktop's menu: nothing to remove")
    for path in changed[1:] if install else changed:
        print(f"  {path}")
    return 0


def _handed_over(args: list[str]) -> bool:
    """Whether a plain launch (`archive-viewer [--basedir DIR] [PATH...]`, as a file manager
    starts it) gave its paths to the viewer already open for this user and base directory.

    Read without argparse or pathlib, before Qt or PyMuPDF load: such a launch ends here."""
    launched: list[str] = []
    words = iter(args)
    for word in words:
        if word == "--basedir" or word.startswith("--basedir="):
            value = word.partition("=")[2] if "=" in word else next(words, "")
            if not value:
                return False
            os.environ["ARCHIVE_VIEWER_BASEDIR"] = os.path.realpath(value)
        elif word == "--":
            launched.extend(words)
        elif word.startswith("-"):
            return False  # any other option: argparse reads the command line first
        else:
            launched.append(word)
    from viewer import instance  # noqa: PLC0415  (no Qt, no pathlib: a socket and a line)

    return instance.hand_over(instance.socket_path(), launched)


def _run_kiosk_child(argv: list[str]) -> int:
    """The kiosk's viewer process, which its supervisor starts (not for people)."""
    import argparse  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="archive-viewer kiosk-child")
    parser.add_argument("config", type=Path)
    parser.add_argument("--heartbeat-fd", type=int, default=-1)
    args = parser.parse_args(argv)
    from viewer.services import qt_loading  # noqa: PLC0415

    qt_loading.load_qt()  # Qt is loaded only in the viewer process, never in the supervisor
    from viewer import app  # noqa: PLC0415

    return app.run_kiosk(args.config, args.heartbeat_fd)


def _read_ahead(target: Path | None) -> None:
    """Start on what the window will show first: read an archive, have the worker open a PDF."""
    from viewer.services import preload, worker_process  # noqa: PLC0415

    if target is None:
        return
    from viewer.domain import formats  # noqa: PLC0415

    if formats.is_document(target):
        if target.is_file():
            # The path the window will ask for: resolved, as a bare PDF's record names it.
            worker_process.prefetch(target.resolve())
    elif target.exists():
        preload.start(target)
