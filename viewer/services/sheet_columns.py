"""The spreadsheet column mappings a person confirmed, kept per user (never in the archive).

One JSON file in the data directory maps a sheet's resolved path to its header names and the
field each fills. The reader (`viewer.domain.formats.manifest`) asks through `lookup`, so the
domain knows nothing of where this is kept.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from pathlib import Path

from viewer import paths

log = logging.getLogger(__name__)

FILE_NAME = "sheet-columns.json"
_lock = threading.Lock()


def _file() -> Path:
    return paths.data_dir() / FILE_NAME


def _load() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s (%s): spreadsheet columns are guessed again", _file(), exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: {str(h): str(f) for h, f in value.items()}
        for key, value in data.items()
        if isinstance(key, str) and isinstance(value, dict)
    }


def lookup(sheet: Path, header: tuple[str, ...]) -> dict[str, str] | None:
    """The confirmed mapping of the sheet at `sheet` (header name to field), or None."""
    with _lock:
        stored = _load().get(str(sheet.resolve()))
    return stored or None


def remember(sheet: Path, mapping: dict[str, str]) -> None:
    """Keep `mapping` for the sheet at `sheet`, written atomically (write, then rename)."""
    with _lock:
        data = _load()
        data[str(sheet.resolve())] = dict(mapping)
        folder = paths.ensure(_file().parent)
        handle, name = tempfile.mkstemp(prefix=".sheet-columns-", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
            Path(name).replace(_file())
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


def configure(*, only_with_files: bool) -> None:
    """Spreadsheets of records are read with the column mappings the user confirmed (kept in
    the user's data folder) and, if asked, without their rows that have no file."""
    from viewer.domain.formats import manifest  # noqa: PLC0415  (small; no spreadsheet library)

    manifest.use_mappings(lookup)
    manifest.leave_out_rows_without_files(only_with_files)
