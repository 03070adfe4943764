"""`archive-viewer import SOURCE --into DEST`: any source the viewer reads, written as an archive.

Exit status: 0 when the archive was written (or, with --dry-run, could be), even if some files
the source names are missing (the report lists them); 1 when the source cannot be read or DEST
cannot be written (DEST is then as it was); 2 for a command line that cannot be understood.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from viewer.domain import archive, writer

USAGE_ERROR = 2
FAILURE = 1


class _UsageError(Exception):
    """The command line could not be understood."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="archive-viewer import",
        description=(
            "Write a folder of scans, a spreadsheet of records or an export (Zotero, RIS, ...) as "
            "an archive: a record.toml per record, its transcripts and scans. The source is never "
            "changed. Run it again to bring in what changed in the source: files you edited in "
            "DEST since are kept, not overwritten. Exit status 0 when written, 1 when the source "
            "cannot be read or DEST cannot be written (nothing is then changed), 2 for usage."
        ),
    )
    parser.add_argument("source", type=Path, metavar="SOURCE")
    parser.add_argument(
        "--into", type=Path, required=True, metavar="DEST", help="the archive folder to write"
    )
    parser.add_argument("--format", metavar="NAME", help="the source's format (default: detected)")
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would be written; write nothing"
    )
    parser.add_argument(
        "--only-with-files",
        action="store_true",
        help="of a spreadsheet of records, import only the rows that have a scan or text file",
    )
    parser.add_argument(
        "--link",
        action="store_true",
        help=(
            "hard-link the scans instead of copying them (no disk space used; copies where DEST "
            "is on another disk)"
        ),
    )
    return parser


def run(
    source: Path,
    dest: Path,
    *,
    format_name: str | None = None,
    link: writer.LinkMode = writer.LinkMode.COPY,
    dry_run: bool = False,
    progress: writer.Progress | None = None,
) -> writer.Report:
    """`writer.import_path`: the source read by its format, written into `dest`."""
    return writer.import_path(
        source, dest, format_name=format_name, link=link, dry_run=dry_run, progress=progress
    )


def print_report(report: writer.Report, out: TextIO) -> None:
    """The report as people read it."""
    for line in writer.report_lines(report):
        print(line, file=out)


def main(argv: list[str]) -> int:
    """Run `archive-viewer import` with the arguments after "import"; the exit status."""
    try:
        options = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except _UsageError as error:
        print(f"archive-viewer import: {error}", file=sys.stderr)
        return USAGE_ERROR
    link = writer.LinkMode.HARD if options.link else writer.LinkMode.COPY
    from viewer.services import sheet_columns  # noqa: PLC0415

    # A sheet is read with the columns its user confirmed in the window, as the window reads it.
    sheet_columns.configure(only_with_files=options.only_with_files)
    try:
        report = run(
            options.source,
            options.into,
            format_name=options.format,
            link=link,
            dry_run=options.dry_run,
        )
    except archive.ArchiveError as error:
        print(f"archive-viewer import: {error}", file=sys.stderr)
        return FAILURE
    print_report(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
