"""The kiosk configuration file: read, checked in full at start, and the admin PIN's hash.

The file is TOML (see `resources/kiosk.example.toml` and `docs/kiosk.md`). Every problem is
collected and reported at once, naming the file, the key, what is wrong and what to do, so a kiosk
never starts half-configured. The admin PIN is stored only as a salted scrypt hash; make one with
`python -m viewer.kiosk.config hash-pin`.
"""

from __future__ import annotations

import base64
import difflib
import enum
import getpass
import hashlib
import hmac
import os
import re
import secrets
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.domain import archive as archive_io
from viewer.domain.model import Archive, BrokenRecord

FORMAT_VERSION = 1
SYSTEM_CONFIG = Path("/etc/archive-viewer/kiosk.toml")
CONFIG_NAME = "kiosk.toml"

LAYOUTS = ("side-by-side", "stacked", "transcript-only", "scan-only")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_PIN = re.compile(r"^[0-9]{4,12}$")

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_SCRYPT_MAX_N = 2**20
_HASH_BYTES = 32


class Contrast(enum.Enum):
    """The colour scheme a visitor starts with."""

    NORMAL = "normal"
    HIGH = "high"


@dataclass(frozen=True)
class Actions:
    """What visitors may do besides reading."""

    search: bool = True
    language_switch: bool = True
    copy_citation: bool = True
    print_allowed: bool = False
    printer: str = ""
    """The one printer pages go to; never a file, never a dialog."""


@dataclass(frozen=True)
class KioskConfig:
    """One reading-room kiosk, as its configuration file describes it."""

    path: Path
    archive: Path
    start_record: str
    admin_pin_hash: str
    idle_timeout: int = 120
    countdown: int = 20
    attract: bool = True
    featured: tuple[str, ...] = ()
    attract_card_seconds: int = 8
    text_size: int = 14
    large_text_size: int = 20
    contrast: Contrast = Contrast.NORMAL
    ui_language: str = "en"
    layout: str = "side-by-side"
    watchdog_timeout: int = 2
    usage_log: bool = True
    ocr: bool = False
    """Whether image-only pages are read by OCR in the background (off unless enabled)."""
    actions: Actions = field(default_factory=Actions)

    def attract_records(self) -> tuple[str, ...]:
        """The records the attract loop shows: the featured ones, else the start record."""
        return self.featured or (self.start_record,)


class KioskConfigError(Exception):
    """The configuration cannot be used; `problems` says each thing to fix."""

    def __init__(self, path: Path | None, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        where = f"{path}: " if path else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{where}the kiosk configuration cannot be used:\n{lines}")


# -- the PIN ------------------------------------------------------------------------------------


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """`pin` as `scrypt$n$r$p$salt$hash` (base64), for the configuration's `admin_pin`."""
    if not _PIN.match(pin):
        raise ValueError("the PIN must be 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, n, r, p)
    return "$".join(
        ("scrypt", str(n), str(r), str(p), _b64(salt), _b64(digest)),
    )


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` is the PIN that `stored` (from `hash_pin`) was made from."""
    try:
        n, r, p, salt, expected = _parse_hash(stored)
    except ValueError:
        return False
    digest = _scrypt(pin, salt, n, r, p)
    return hmac.compare_digest(digest, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * r * n + 2**20, dklen=_HASH_BYTES
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("not of the form scrypt$n$r$p$salt$hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise ValueError("its numbers or base64 parts are damaged") from exc
    if n < 2 or n & (n - 1) or n > _SCRYPT_MAX_N or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise ValueError("its scrypt parameters are out of range")
    if len(salt) < 8 or len(digest) != _HASH_BYTES:
        raise ValueError("its salt or hash has the wrong length")
    return n, r, p, salt, digest


# -- finding and reading the file ----------------------------------------------------------------


def config_candidates(env: Mapping[str, str] | None = None) -> list[Path]:
    """Where a kiosk configuration is looked for when none is given, in order."""
    environ = os.environ if env is None else env
    dirs = environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    found = [SYSTEM_CONFIG]
    found += [Path(d) / "archive-viewer" / CONFIG_NAME for d in dirs.split(":") if d]
    return found


def find_config(explicit: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """The configuration file to use: `explicit`, else the first system-wide one that exists."""
    if explicit is not None:
        return explicit
    candidates = config_candidates(env)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise KioskConfigError(
        None,
        [
            f"no kiosk configuration was given and none was found (looked in {looked}). "
            "Pass one with --kiosk CONFIG or install one at "
            f"{SYSTEM_CONFIG} (see resources/kiosk.example.toml)."
        ],
    )


_TOP_KEYS = {
    "format_version",
    "archive",
    "start_record",
    "admin_pin",
    "idle_timeout",
    "countdown",
    "attract",
    "ocr",
    "featured",
    "attract_card_seconds",
    "text_size",
    "large_text_size",
    "contrast",
    "ui_language",
    "layout",
    "watchdog_timeout",
    "usage_log",
    "actions",
}
_ACTION_KEYS = {"search", "language_switch", "copy_citation", "print", "printer"}


class _Checker:
    """Reads values out of the parsed TOML and collects every problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def unknown(self, data: Mapping[str, Any], known: set[str], prefix: str) -> None:
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                hint = f" Did you mean {prefix}{close[0]}?" if close else ""
                self.problems.append(f"{prefix}{key}: this setting does not exist.{hint}")

    def integer(
        self, data: Mapping[str, Any], key: str, default: int, low: int, high: int, unit: str = ""
    ) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(
                f"{key}: must be a whole number{unit} from {low} to {high}, not {value!r}."
            )
            return default
        return value

    def boolean(self, data: Mapping[str, Any], key: str, default: bool, prefix: str = "") -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problems.append(f"{prefix}{key}: must be true or false, not {value!r}.")
            return default
        return value

    def text(self, data: Mapping[str, Any], key: str, default: str, prefix: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.problems.append(f"{prefix}{key}: must be a text in quotes, not {value!r}.")
            return default
        return value.strip()

    def record_id(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            self.problems.append(
                f"{key}: {value!r} is not a record id (letters, digits, '.', '_' and '-')."
            )
            return ""
        return value


def load_config(path: Path) -> KioskConfig:
    """The configuration in `path`; raises KioskConfigError listing every problem in it."""
    config, problems = read_config(path)
    if problems:
        raise KioskConfigError(path, problems)
    return config


def read_config(path: Path) -> tuple[KioskConfig, list[str]]:
    """The configuration in `path` (defaults where a value is wrong) and every problem in it;
    KioskConfigError only when the file cannot be read at all."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KioskConfigError(path, ["the file does not exist. Check the path."]) from None
    except OSError as exc:
        raise KioskConfigError(path, [f"the file cannot be read ({exc.strerror})."]) from None
    except UnicodeDecodeError:
        raise KioskConfigError(path, ["the file is not UTF-8 text."]) from None
    except tomllib.TOMLDecodeError as exc:
        raise KioskConfigError(path, [f"the file is not valid TOML: {exc}."]) from None
    return _parse(data, path)


def parse_config(data: Mapping[str, Any], path: Path) -> KioskConfig:
    """Check parsed TOML `data` (read from `path`) and build the configuration."""
    config, problems = _parse(data, path)
    if problems:
        raise KioskConfigError(path, problems)
    return config


def _parse(data: Mapping[str, Any], path: Path) -> tuple[KioskConfig, list[str]]:
    check = _Checker()
    check.unknown(data, _TOP_KEYS, "")
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        check.problems.append(
            f"format_version: this viewer reads kiosk configuration version {FORMAT_VERSION}, "
            f"not {version!r}."
        )
    archive = _archive(check, data, path)
    start = data.get("start_record")
    if start is None:
        check.problems.append(
            "start_record: missing. Set it to the id of the record visitors see first."
        )
        start_record = ""
    else:
        start_record = check.record_id(start, "start_record")
    pin_hash = _pin_hash(check, data)
    idle_timeout = check.integer(data, "idle_timeout", 120, 15, 3600, " of seconds")
    countdown = check.integer(data, "countdown", 20, 5, 120, " of seconds")
    featured_raw = data.get("featured", [])
    featured: list[str] = []
    if not isinstance(featured_raw, list):
        check.problems.append(f"featured: must be a list of record ids, not {featured_raw!r}.")
    else:
        featured = [check.record_id(item, "featured") for item in featured_raw]
    text_size = check.integer(data, "text_size", 14, 8, 48, " of points")
    large = check.integer(data, "large_text_size", max(text_size + 6, 20), 8, 72, " of points")
    if large <= text_size:
        check.problems.append(
            f"large_text_size: must be larger than text_size ({text_size}), not {large}."
        )
    contrast_text = check.text(data, "contrast", "normal")
    try:
        contrast = Contrast(contrast_text)
    except ValueError:
        check.problems.append(f"contrast: must be 'normal' or 'high', not {contrast_text!r}.")
        contrast = Contrast.NORMAL
    language = check.text(data, "ui_language", "en")
    if not _LANGUAGE.match(language):
        check.problems.append(
            f"ui_language: must be a language code such as 'en' or 'ru', not {language!r}."
        )
    layout = check.text(data, "layout", "side-by-side")
    if layout not in LAYOUTS:
        check.problems.append(f"layout: must be one of {', '.join(LAYOUTS)}, not {layout!r}.")
    config = KioskConfig(
        path=path,
        archive=archive,
        start_record=start_record,
        admin_pin_hash=pin_hash,
        idle_timeout=idle_timeout,
        countdown=countdown,
        attract=check.boolean(data, "attract", True),
        featured=tuple(f for f in featured if f),
        attract_card_seconds=check.integer(data, "attract_card_seconds", 8, 3, 120, " of seconds"),
        text_size=text_size,
        large_text_size=large,
        contrast=contrast,
        ui_language=language,
        layout=layout,
        watchdog_timeout=check.integer(data, "watchdog_timeout", 2, 2, 120, " of seconds"),
        usage_log=check.boolean(data, "usage_log", True),
        ocr=check.boolean(data, "ocr", False),
        actions=_actions(check, data.get("actions", {})),
    )
    return config, check.problems


def _archive(check: _Checker, data: Mapping[str, Any], path: Path) -> Path:
    value = data.get("archive")
    if value is None:
        check.problems.append("archive: missing. Set it to the archive folder visitors read.")
        return Path()
    if not isinstance(value, str) or not value.strip():
        check.problems.append(f"archive: must be the path of a folder in quotes, not {value!r}.")
        return Path()
    archive = Path(value).expanduser()
    if not archive.is_absolute():
        archive = path.parent / archive
    if not archive.is_dir():
        check.problems.append(f"archive: {archive} is not a folder. Check the path.")
    return archive


def _pin_hash(check: _Checker, data: Mapping[str, Any]) -> str:
    value = data.get("admin_pin")
    advice = "Make one with: python -m viewer.kiosk.config hash-pin"
    if value is None:
        check.problems.append(
            f"admin_pin: missing; without it staff cannot leave the kiosk. {advice}"
        )
        return ""
    if not isinstance(value, str):
        check.problems.append(f"admin_pin: must be a PIN hash in quotes. {advice}")
        return ""
    if _PIN.match(value.strip()):
        check.problems.append(
            f"admin_pin: holds the PIN itself; it must hold only the PIN's hash. {advice}"
        )
        return ""
    try:
        _parse_hash(value)
    except ValueError as exc:
        check.problems.append(f"admin_pin: not a PIN hash ({exc}). {advice}")
        return ""
    return value


def _actions(check: _Checker, value: object) -> Actions:
    if not isinstance(value, dict):
        check.problems.append("actions: must be a table ([actions]).")
        return Actions()
    check.unknown(value, _ACTION_KEYS, "actions.")
    allowed = check.boolean(value, "print", False, "actions.")
    printer = check.text(value, "printer", "", "actions.")
    if allowed and not printer:
        check.problems.append(
            "actions.printer: printing is on but no printer is named. Set actions.printer to "
            "the name of the reading room's printer (lpstat -e lists them), or set "
            "actions.print = false."
        )
    return Actions(
        search=check.boolean(value, "search", True, "actions."),
        language_switch=check.boolean(value, "language_switch", True, "actions."),
        copy_citation=check.boolean(value, "copy_citation", True, "actions."),
        print_allowed=allowed,
        printer=printer,
    )


def check_archive(config: KioskConfig) -> Archive:
    """Load the archive and check that the start and featured records are in it and readable."""
    archive, problems = archive_problems(config)
    if archive is None or problems:
        raise KioskConfigError(config.path, problems)
    return archive


def archive_problems(config: KioskConfig) -> tuple[Archive | None, list[str]]:
    """The archive (None when it cannot be read) and what is wrong with the records the
    configuration names in it."""
    try:
        archive = archive_io.load_archive(config.archive)
    except archive_io.ArchiveError as exc:
        return None, [f"archive: {exc}"]
    problems = []
    for key, record_id in [("start_record", config.start_record)] + [
        ("featured", f) for f in config.featured
    ]:
        if not record_id:
            continue  # missing or not an id: said already
        record = archive.find(record_id)
        if record is None:
            ids = ", ".join(r.id for r in archive.records[:5] if r.id)
            problems.append(
                f"{key}: there is no record {record_id!r} in {archive.root} "
                f"(its records include {ids})."
            )
        elif isinstance(record, BrokenRecord):
            problems.append(
                f"{key}: the record {record_id!r} cannot be read ({record.reason}). Fix it "
                f"(archive-viewer check {record.folder}) or choose another record."
            )
    return archive, problems


# -- command line -------------------------------------------------------------------------------


def _read_pin_twice() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("New admin PIN (4 to 12 digits): ")
    second = getpass.getpass("The same PIN again: ")
    if first != second:
        raise ValueError("the two PINs differ")
    return first


def main(argv: list[str] | None = None) -> int:
    """`python -m viewer.kiosk.config hash-pin` prints the hash of a PIN read from the terminal."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["hash-pin"]:
        sys.stderr.write(
            "usage: python -m viewer.kiosk.config hash-pin\n"
            "Reads a PIN (4 to 12 digits) and prints the line to put in kiosk.toml.\n"
        )
        return 2
    try:
        pin = _read_pin_twice()
        stored = hash_pin(pin)
    except ValueError as exc:
        sys.stderr.write(f"hash-pin: {exc}\n")
        return 1
    sys.stdout.write(f'admin_pin = "{stored}"\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())
