"""`python -m viewer.kiosk [CONFIG]`: the kiosk (as `archive-viewer --kiosk CONFIG`).

The viewer process the supervisor starts is `python -m viewer kiosk-child CONFIG --heartbeat-fd N`
(`viewer.cli`), not this module: this package stays free of Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m viewer.kiosk",
        description="Run the reading-room kiosk (see docs/kiosk.md).",
    )
    parser.add_argument(
        "config",
        nargs="?",
        type=Path,
        help="the kiosk configuration (default: /etc/archive-viewer/kiosk.toml, then "
        "$XDG_CONFIG_DIRS/archive-viewer/kiosk.toml)",
    )
    return parser


def run(argv: list[str]) -> int:
    """Parse `argv` and run the supervisor."""
    args = _parser().parse_args(argv)
    from viewer import kiosk  # noqa: PLC0415

    return kiosk.main(args.config)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
