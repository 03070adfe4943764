"""`python -m viewer.kiosk [CONFIG]`: the kiosk (as `archive-viewer --kiosk CONFIG`).

`--child CONFIG --heartbeat-fd N` is the viewer process the supervisor starts; not for people.
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
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--heartbeat-fd", type=int, default=-1, help=argparse.SUPPRESS)
    return parser


def run(argv: list[str]) -> int:
    """Parse `argv` and run the supervisor or, with --child, the viewer process."""
    args = _parser().parse_args(argv)
    if args.child:
        from viewer.services import qt_loading  # noqa: PLC0415

        qt_loading.load_qt()  # Qt is loaded only in the viewer process
        from viewer.kiosk import child  # noqa: PLC0415

        return child.main(args.config, args.heartbeat_fd)
    from viewer import kiosk  # noqa: PLC0415

    return kiosk.main(args.config)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
