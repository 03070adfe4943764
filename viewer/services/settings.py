"""Preferences and per-document view state, each setting declared once with its default.

Preferences (layout, text size, transcript and interface languages, recent archives) and view
state (window geometry, splitter sizes, last record, each document's `ScanView`) are kept in
two files, never in the archive. QSettings writes through a temporary file and a rename, so a
crash cannot leave a half-written file.

A stored value that does not pass its setting's check is logged and replaced by the default.
The preferences file carries a schema version; a file written by an older viewer is brought up to
date by `UPGRADES`, one function per version step, when it is opened. `Settings.changed` tells
who listens that a preference was set.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QCryptographicHash, QObject, QSettings, Signal

from viewer import paths

T = TypeVar("T")

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""The preferences file's version; raise it with a step in `UPGRADES` when a key changes."""

Upgrade = Callable[[QSettings], None]
UPGRADES: dict[int, Upgrade] = {}
"""Version n → the function that brings a file of version n to n + 1 (renames a key, converts a
value). None is needed yet: version 1 is the first."""


class Layout(enum.Enum):
    """How the transcript and the scan share the window."""

    SIDE_BY_SIDE = "side-by-side"
    STACKED = "stacked"
    TRANSCRIPT_ONLY = "transcript-only"
    SCAN_ONLY = "scan-only"


class Contrast(enum.Enum):
    """The interface's contrast: as the desktop asks, or high or normal whatever it asks."""

    SYSTEM = "system"
    HIGH = "high"
    NORMAL = "normal"


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One preference: its key, default and how a stored value is checked."""

    key: str
    default: T
    convert: Callable[[Any], T]


def _layout(value: Any) -> Layout:
    return Layout(str(value))


def _contrast(value: Any) -> Contrast:
    return Contrast(str(value))


def _int_in(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        number = int(value)
        if not low <= number <= high:
            raise ValueError(f"{number} is outside {low}..{high}")
        return number

    return convert


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


def _citation_choice(value: Any) -> str:
    from viewer.domain import quotation  # noqa: PLC0415  (only when the setting is read)

    return quotation.parse_choice(str(value)).key


def _language_code(value: Any) -> str:
    """A language code ("de", "pt_BR"), or "" for the system's language."""
    text = str(value).strip()
    if text and not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", text):
        raise ValueError(f"{text!r} is not a language code")
    return text


def _colour(value: Any) -> str:
    text = str(value).strip().lower()
    if not re.fullmatch(r"#[0-9a-f]{6}", text):
        raise ValueError(f"{text!r} is not a colour (#rrggbb)")
    return text


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


LAYOUT = Setting("view/layout", Layout.SIDE_BY_SIDE, _layout)
TEXT_SIZE = Setting("view/transcript_point_size", 12, _int_in(6, 48))
METADATA_VISIBLE = Setting("view/metadata_visible", True, _bool)
RECORD_LIST_VISIBLE = Setting("view/record_list_visible", True, _bool)
PREFERRED_LANGUAGE = Setting("reading/preferred_language", "en", str)
INTERFACE_LANGUAGE = Setting("interface/language", "", _language_code)
"""The interface language; "" is the system's language when translated, else English."""
INTERFACE_SIZE = Setting("interface/size", 100, _int_in(50, 300))
"""The interface's text in per cent of the desktop's font (View > Interface Size)."""
INTERFACE_CONTRAST = Setting("interface/contrast", Contrast.SYSTEM, _contrast)
"""High contrast as the desktop asks, or always, or never (View > High Contrast)."""
RECENT_ARCHIVES = Setting("files/recent", list[str](), _str_list)
CITATION_CHOICE = Setting("citation/choice", "house", _citation_choice)
OCR_ENABLED = Setting("ocr/enabled", True, _bool)
"""Whether image-only pages are recognised in the background."""
OCR_PROCESSES = Setting("ocr/processes", 0, _int_in(0, 64))
"""Tesseract processes at once in the background (0: one per core)."""
OCR_LANGUAGE = Setting("ocr/language", "eng", str)
"""Tesseract's language(s) for records that name none (`eng`, `rus`, `eng+rus`)."""
HIGHLIGHT_COLOUR = Setting("notes/highlight_colour", "#fff176", _colour)
"""The colour of new highlights in the transcript (Notes > Highlight Colour)."""
MAX_RECENT = 10


@dataclass(frozen=True)
class ScanView:
    """How a document was being read: where, at which zoom, turned how."""

    page: int = 0
    offset: float = 0.0
    """How far down the page the view's top is, as a fraction of its height."""
    zoom_mode: str = "fit-width"
    """A `ui.scan_layout.ZoomMode` value: fit-width, fit-page, actual-size or custom."""
    zoom: float = 1.0
    """The zoom of the custom mode."""
    rotation: int = 0
    """The whole document's rotation, in degrees."""
    page_rotations: Mapping[int, int] = field(default_factory=dict)
    """Pages (from 0) turned on their own, and by how much."""
    thumbnails: bool = False

    def to_json(self) -> dict[str, Any]:
        """As kept in the state file."""
        return {
            "page": self.page,
            "offset": round(self.offset, 4),
            "zoom_mode": self.zoom_mode,
            "zoom": round(self.zoom, 4),
            "rotation": self.rotation,
            "page_rotations": {str(k): v for k, v in self.page_rotations.items()},
            "thumbnails": self.thumbnails,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScanView:
        """As read back from the state file; what does not fit is logged and left at its
        default."""
        default = cls()
        try:
            return cls(
                page=max(int(data.get("page", 0)), 0),
                offset=float(data.get("offset", 0.0)),
                zoom_mode=str(data.get("zoom_mode", default.zoom_mode)),
                zoom=float(data.get("zoom", 1.0)),
                rotation=int(data.get("rotation", 0)) % 360,
                page_rotations={
                    int(k): int(v) % 360
                    for k, v in dict(data.get("page_rotations", {})).items()
                    if int(v) % 360
                },
                thumbnails=bool(data.get("thumbnails", False)),
            )
        except (TypeError, ValueError) as exc:
            log.warning("a saved view of a document is rejected (%s): %r", exc, data)
            return default


def _open_store(path: Path | None, folder: Path, name: str) -> tuple[QSettings, str]:
    """The settings file (`path`, or `name` in `folder`) and why it cannot be kept ("" if it can).

    A folder that cannot be written (read-only media, a full disk) costs the keeping of the
    settings, not the viewer: they are read if they can be, and changed for this session only.
    """
    file = path or folder / name
    problem = paths.unwritable(file.parent)
    return QSettings(str(file), QSettings.Format.IniFormat), problem


def upgrade(store: QSettings, steps: Mapping[int, Upgrade]) -> None:
    """Bring `store` from the schema version it was written with to `SCHEMA_VERSION` (or to the
    last version `steps` reach), one step at a time; a new file starts at the current version."""
    target = max([SCHEMA_VERSION, *(version + 1 for version in steps)])
    raw = store.value("schema_version")
    if raw is None:
        # A file of the first version had no version key only if it was empty.
        version = target if not store.allKeys() else 1
    else:
        try:
            version = int(raw)
        except (TypeError, ValueError):
            log.warning("settings: schema version %r is not a number; taken as 1", raw)
            version = 1
    if version > target:
        log.warning("settings: written by a newer viewer (version %d); read as it is", version)
        return
    while version < target:
        step = steps.get(version)
        if step is not None:
            log.info("settings: upgrading from version %d", version)
            step(store)
        version += 1
    store.setValue("schema_version", version)


def _synced(store: QSettings, problem: str) -> str:
    """Write `store` now; the problem of keeping it ("" when it was written)."""
    store.sync()
    if store.status() != QSettings.Status.NoError and not problem:
        return f"{store.fileName()} cannot be written"
    return problem


class Settings(QObject):
    """The user's preferences file.

    `problem` says why the settings will not be kept ("" when they will).
    """

    changed = Signal(object, object)
    """(Setting, value) a preference was set (to a value other than the one it had)."""

    def __init__(
        self, path: Path | None = None, upgrades: Mapping[int, Upgrade] | None = None
    ) -> None:
        super().__init__()
        self._store, self.problem = _open_store(path, paths.config_dir(), "settings.ini")
        upgrade(self._store, UPGRADES if upgrades is None else upgrades)

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when there is none or it is not valid (logged)."""
        raw = self._store.value(setting.key)
        if raw is None:
            return setting.default
        try:
            return setting.convert(raw)
        except (TypeError, ValueError) as exc:
            log.warning(
                "setting %s: the stored value %r is rejected (%s); using %r",
                setting.key,
                raw,
                exc,
                setting.default,
            )
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        """Store `value` for `setting` (and say so through `changed` when it is new)."""
        before = self.get(setting)
        stored: Any = value.value if isinstance(value, enum.Enum) else value
        self._store.setValue(setting.key, stored)
        if value != before:
            self.changed.emit(setting, value)

    def add_recent(self, path: Path) -> list[str]:
        """Put `path` first in the recent archives; the new list."""
        text = str(path.resolve())
        recent = [p for p in self.get(RECENT_ARCHIVES) if p != text]
        recent.insert(0, text)
        del recent[MAX_RECENT:]
        self.set(RECENT_ARCHIVES, recent)
        return recent

    def sync(self) -> None:
        """Write pending changes now (`problem` says when they could not be)."""
        self.problem = _synced(self._store, self.problem)


class ViewState:
    """Where the reader left things: window geometry, last record, each document's page and zoom.

    `problem` says why it will not be kept ("" when it will).
    """

    def __init__(self, path: Path | None = None) -> None:
        self._store, self.problem = _open_store(path, paths.data_dir(), "state.ini")

    @staticmethod
    def _key(kind: str, path: Path) -> str:
        # SHA-1 of the path, by Qt: hashlib would load OpenSSL (~3 ms) before the first page.
        data = QByteArray(str(path.resolve()).encode())
        digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha1).toHex()
        return f"{kind}/{bytes(digest.data()).decode('ascii')[:16]}"

    def window(self, name: str) -> QByteArray | None:
        """A saved geometry or state blob."""
        value = self._store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window(self, name: str, blob: QByteArray) -> None:
        """Save a geometry or state blob."""
        self._store.setValue(f"window/{name}", blob)

    def splitter(self, name: str) -> list[int]:
        """Saved splitter sizes, or [] when none."""
        value = self._store.value(f"splitter/{name}")
        try:
            return [int(v) for v in value] if isinstance(value, list) else []
        except (TypeError, ValueError):
            return []

    def set_splitter(self, name: str, sizes: list[int]) -> None:
        """Save splitter sizes."""
        self._store.setValue(f"splitter/{name}", sizes)

    def last_record(self, archive_root: Path) -> str:
        """The id of the record last read in this archive, or ""."""
        value = self._store.value(self._key("archive", archive_root) + "/record")
        return str(value) if value else ""

    def set_last_record(self, archive_root: Path, record_id: str) -> None:
        """Remember the record being read in this archive."""
        self._store.setValue(self._key("archive", archive_root) + "/record", record_id)

    def document(self, pdf: Path) -> ScanView | None:
        """The saved view (page, zoom...) of one PDF, or None."""
        import json  # noqa: PLC0415  (~4 ms; a document's view is read after its page is asked for)

        value = self._store.value(self._key("document", pdf) + "/view")
        try:
            view = json.loads(str(value)) if value else None
        except ValueError:
            log.warning("the saved view of %s is not JSON; it is ignored", pdf)
            return None
        return ScanView.from_json(view) if isinstance(view, dict) else None

    def set_document(self, pdf: Path, view: ScanView) -> None:
        """Save the view of one PDF."""
        import json  # noqa: PLC0415

        self._store.setValue(self._key("document", pdf) + "/view", json.dumps(view.to_json()))

    def transcript_place(self, text: Path) -> int:
        """Where the reader left a transcript (a character of its text at the top of the view;
        `text` the transcript's file, or the PDF whose text layer was shown), or 0."""
        value = self._store.value(self._key("transcript", text) + "/place")
        try:
            return max(int(str(value)), 0) if value is not None else 0
        except ValueError:
            return 0

    def set_transcript_place(self, text: Path, place: int) -> None:
        """Remember where the reader is in a transcript."""
        self._store.setValue(self._key("transcript", text) + "/place", place)

    def sync(self) -> None:
        """Write pending changes now (`problem` says when they could not be)."""
        self.problem = _synced(self._store, self.problem)


BUNDLED_SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
"""The sample archive of a checkout (a wheel has none)."""


def default_path(settings: Settings) -> Path | None:
    """What to open when no path is given: the last archive (or PDF), else the samples."""
    for text in settings.get(RECENT_ARCHIVES):
        if Path(text).exists():
            return Path(text)
    return BUNDLED_SAMPLES if (BUNDLED_SAMPLES / "archive.toml").is_file() else None
