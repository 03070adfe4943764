"""Reading-room kiosk mode: one archive, full screen, nothing to escape to, back on its own.

`main(config)` is what `archive-viewer --kiosk CONFIG` runs: it checks the configuration (every
problem reported at once, before anything starts), then runs the supervisor, which keeps the kiosk
viewer process (`python -m viewer kiosk-child CONFIG`) alive; that process is built by
`viewer.app.run_kiosk`, the application's one composition root. This package stays free of Qt:
the kiosk's widgets are in `viewer.ui.kiosk`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from viewer.kiosk.config import KioskConfig

log = logging.getLogger(__name__)


def setup_logging() -> None:
    """Log the kiosk's events at INFO level (to standard error unless logging is set up)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    else:
        # The kiosk's own events (starts, restarts, resets) are worth keeping in the journal.
        logging.getLogger("viewer.kiosk").setLevel(logging.INFO)
        logging.getLogger("viewer.ui.kiosk").setLevel(logging.INFO)


def load(config_path: Path | None) -> KioskConfig:
    """Find, read and check the configuration and its archive; KioskConfigError if unusable,
    listing every problem at once (the file's settings, its records, its language)."""
    # Imported here so that `python -m viewer.kiosk.config` runs the module only once.
    from viewer.kiosk import config as kiosk_config  # noqa: PLC0415

    path = kiosk_config.find_config(config_path).resolve()
    config, problems = kiosk_config.read_config(path)
    if not _about("archive", problems) and config.archive.is_dir():
        problems += kiosk_config.archive_problems(config)[1]
    # Checked here, before the supervisor starts: a bad language must stop the kiosk at once,
    # not make its window fail and restart for ever.
    if not _about("ui_language", problems):
        problems += language_problems(config)
    if problems:
        raise kiosk_config.KioskConfigError(path, problems)
    return config


def _about(key: str, problems: list[str]) -> bool:
    """Whether a problem with `key` is among `problems` (then it is not checked further)."""
    return any(problem.startswith(f"{key}:") for problem in problems)


def language_problems(config: KioskConfig) -> list[str]:
    """What is wrong with `ui_language`: no interface translation serves it."""
    from viewer.services import i18n  # noqa: PLC0415

    try:
        i18n.check(config.ui_language)
    except i18n.UnknownLanguageError as exc:
        return [
            f"ui_language: there is no interface translation for {config.ui_language!r}; "
            f"use one of {', '.join(exc.available)}."
        ]
    return []


def interface_language(config: KioskConfig) -> str:
    """The translation that serves the configured `ui_language`; KioskConfigError when none does."""
    from viewer.kiosk import config as kiosk_config  # noqa: PLC0415
    from viewer.services import i18n  # noqa: PLC0415

    problems = language_problems(config)
    if problems:
        raise kiosk_config.KioskConfigError(config.path, problems)
    return i18n.check(config.ui_language)


def log_to_file() -> None:
    """Keep the kiosk's log in its data folder too, where staff look after a restart."""
    from viewer import paths  # noqa: PLC0415

    folder = paths.ensure(paths.data_dir())
    handler = logging.FileHandler(folder / "kiosk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger().addHandler(handler)


def main(config_path: Path | None) -> int:
    """Run the kiosk until staff leave it with the admin PIN; 2 when the configuration is bad."""
    from viewer.kiosk import config as kiosk_config  # noqa: PLC0415
    from viewer.kiosk import supervisor, usage_log  # noqa: PLC0415

    setup_logging()
    try:
        config = load(config_path)
    except kiosk_config.KioskConfigError as exc:
        sys.stderr.write(f"archive-viewer --kiosk: {exc}\n")
        return 2
    usage = usage_log.UsageLog(usage_log.default_path()) if config.usage_log else None
    log.info("kiosk on %s, start record %s", config.archive, config.start_record)
    runner = supervisor.Supervisor(
        lambda fd: supervisor.child_command(config.path, fd),
        watchdog_timeout=config.watchdog_timeout,
        usage=usage,
    )
    return runner.run()
