"""`archive-viewer cite`: the citation of a record folder, or of each item of CSL-JSON files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from viewer.domain import archive, citation, model

USAGE_ERROR = 2
FAILURE = 1


class _UsageError(Exception):
    """The command line could not be understood."""


class _CommandError(Exception):
    """The command was understood but could not be carried out."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="archive-viewer cite",
        description="Print the citation of a record folder, or of every item of CSL-JSON files.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a record folder")
    parser.add_argument(
        "--csl-json",
        action="append",
        default=[],
        metavar="FILE",
        help="a CSL-JSON file (an array of items, or one item); may be repeated",
    )
    parser.add_argument(
        "--style",
        default="house",
        help="house, chicago, mla or apa (or the CSL ids chicago-notes-bibliography, "
        "modern-language-association); default: house",
    )
    parser.add_argument("--format", default="text", choices=citation.FORMATS)
    parser.add_argument(
        "--form",
        default="note",
        help="note (Chicago full note, or the MLA/APA in-text citation), short, or bibliography",
    )
    return parser


def _record_citation(
    folder: Path, style: citation.Style, form: citation.Form, fmt: citation.Format
) -> str:
    if not folder.is_dir():
        raise _CommandError(f"{folder}: no such record folder")
    try:
        record = archive.load_record(folder)
    except (OSError, ValueError) as error:
        raise _CommandError(f"{folder}: {error}") from None
    if not isinstance(record, model.Record):
        reason = getattr(record, "reason", "the record could not be read")
        raise _CommandError(f"{folder}: {reason}")
    return citation.cite(record, style, form, fmt)


def _file_items(path: Path) -> list[Mapping[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise _CommandError(f"{path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _CommandError(f"{path}: not a CSL-JSON file ({error})") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise _CommandError(f"{path}: not a CSL-JSON file (items must be JSON objects)")
    return items


def _run(argv: list[str]) -> list[str]:
    options = _parser().parse_args(argv)
    if not options.paths and not options.csl_json:
        raise _UsageError("give a record folder or --csl-json FILE")
    try:
        style = citation.Style.parse(options.style)
        form = citation.Form.parse(options.form)
    except citation.CitationError as error:
        raise _UsageError(str(error)) from None
    lines = [_record_citation(Path(p), style, form, options.format) for p in options.paths]
    for name in options.csl_json:
        for item in _file_items(Path(name)):
            lines.append(citation.render(item, style, form, options.format))
    return lines


def main(argv: list[str]) -> int:
    """Run `archive-viewer cite` with the arguments after "cite"; return the exit code.

    One line per record or item on stdout (an empty line where the style leaves the item out of
    the bibliography); an error is one line on stderr, exit code 2 for usage, 1 otherwise.
    """
    try:
        lines = _run(argv)
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    except _UsageError as error:
        print(f"archive-viewer cite: {error}", file=sys.stderr)
        return USAGE_ERROR
    except _CommandError as error:
        print(f"archive-viewer cite: {error}", file=sys.stderr)
        return FAILURE
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
