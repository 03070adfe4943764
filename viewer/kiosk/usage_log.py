"""A small usage log that staff can read: records opened, searches, resets. No personal data.

One JSON object per line in `kiosk-usage.jsonl` under the data directory. Times are local and
rounded down to the minute, so visits cannot be told apart by the second. A search is logged by the
length of its text and the number of results, never by the text itself: what a visitor types can
name a person (themselves, a relative). `python -m viewer.kiosk.usage_log [FILE]` prints a summary.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from viewer import paths

log = logging.getLogger(__name__)

FILE_NAME = "kiosk-usage.jsonl"
MAX_BYTES = 5_000_000
"""When the log grows past this, it moves to `kiosk-usage.jsonl.1` (one old file is kept)."""

RESET_REASONS = frozenset({"idle", "visitor", "error", "crash", "hang", "start"})


def default_path() -> Path:
    """Where the kiosk keeps its usage log."""
    return paths.data_dir() / FILE_NAME


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class UsageLog:
    """Appends usage events; never raises (a full disk must not stop the kiosk)."""

    def __init__(self, path: Path, now: Callable[[], dt.datetime] = _now) -> None:
        self.path = path
        self._now = now

    def _write(self, event: str, **fields: Any) -> None:
        stamp = self._now().replace(second=0, microsecond=0).isoformat(timespec="minutes")
        line = json.dumps({"time": stamp, "event": event, **fields}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size > MAX_BYTES:
                self.path.replace(self.path.with_name(self.path.name + ".1"))
            with self.path.open("a", encoding="utf-8") as stream:
                stream.write(line + "\n")
        except OSError as exc:
            log.warning("usage log %s cannot be written: %s", self.path, exc)

    def record_opened(self, record_id: str) -> None:
        """A record was put on screen."""
        self._write("record_opened", record=record_id)

    def search(self, query: str, results: int) -> None:
        """A search was run: its length and result count are kept, its text is not."""
        self._write("search", query_length=len(query.strip()), results=results)

    def reset(self, reason: str) -> None:
        """The kiosk went back to the start (`reason`: one of RESET_REASONS)."""
        if reason not in RESET_REASONS:
            raise ValueError(f"unknown reset reason {reason!r}")
        self._write("reset", reason=reason)


def read_events(path: Path) -> Iterator[dict[str, Any]]:
    """The events in a usage log, skipping damaged lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            yield event


def summary(events: list[dict[str, Any]]) -> str:
    """A plain-text summary per day: records opened (most read first), searches, resets."""
    days: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for event in events:
        days[str(event.get("time", ""))[:10]].append(event)
    out: list[str] = []
    for day in sorted(days):
        items = days[day]
        opened = collections.Counter(
            str(e.get("record")) for e in items if e.get("event") == "record_opened"
        )
        searches = [e for e in items if e.get("event") == "search"]
        resets = collections.Counter(
            str(e.get("reason")) for e in items if e.get("event") == "reset"
        )
        out.append(f"{day}: {sum(opened.values())} records opened, {len(searches)} searches")
        for record, count in opened.most_common(10):
            out.append(f"  {count:5d}  {record}")
        if resets:
            out.append("  resets: " + ", ".join(f"{k} {v}" for k, v in sorted(resets.items())))
    return "\n".join(out) if out else "No usage recorded."


def main(argv: list[str] | None = None) -> int:
    """`python -m viewer.kiosk.usage_log [FILE]`: print the summary of a usage log."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_path()
    sys.stdout.write(summary(list(read_events(path))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
