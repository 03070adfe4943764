"""A record as the record.toml that says it: its table of keys (docs/archive-format.md) and that
table written as TOML, by hand, in the shapes record.toml uses (text, numbers, lists, tables)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from viewer.domain import model
from viewer.domain.model import Name, Record, Scan, Transcript


def record_table(
    record: Record,
    record_id: str,
    transcripts: Iterable[tuple[Transcript, str]] = (),
    scans: Iterable[tuple[Scan, str]] = (),
) -> dict[str, object]:
    """`record` as the keys of its record.toml (docs/archive-format.md), empty ones left out."""
    table: dict[str, object] = {
        "format_version": model.FORMAT_VERSION,
        "id": record_id,
        "title": record.title,
    }
    if record.date is not None:
        table["date"] = record.date.iso()
    if record.date_text:
        table["date_text"] = record.date_text
    texts = {
        "summary": record.summary,
        "type": record.type,
        "collection": record.collection,
        "publisher": record.publisher,
        "rights": record.rights,
        "funding": record.funding,
        "url": record.url,
        "relation": record.relation,
        "coverage": record.coverage,
        "identifier": record.identifier,
        "number": record.number,
        "pages": record.pages,
        "citation": record.citation,
    }
    lists = {
        "languages": record.languages,
        "creators": _names(record.creators),
        "recipients": _names(record.recipients),
        "translators": _names(record.translators),
        "contributors": _names(record.contributors),
        "subjects": record.subjects,
        "places": record.places,
        "people": record.people,
    }
    for key, value in texts.items():
        if value.strip():
            table[key] = value.strip()
    for key, values in lists.items():
        if values:
            table[key] = list(values)
    if record.inferred:
        table["inferred"] = sorted(record.inferred)
    source = {
        key: value
        for key, value in (
            ("archive", record.source.archive),
            ("location", record.source.location),
            ("note", record.source.note),
        )
        if value.strip()
    }
    if source:
        table["source"] = source
    extra = {key: text for key, text in record.extra if text.strip()}
    if extra:  # fields the source has that the format has no key for, shown as written
        table["extra"] = extra
    entries = [_transcript_entry(item, name) for item, name in transcripts]
    if entries:
        table["transcripts"] = entries
    scan_entries = [_scan_entry(scan, name) for scan, name in scans]
    if scan_entries:
        table["scans"] = scan_entries
    return table


def _transcript_entry(item: Transcript, name: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "file": name,
        "language": item.language or "und",
        "kind": item.kind.value,
    }
    if item.label:
        entry["label"] = item.label
    if item.translators:
        entry["translators"] = _names(item.translators)
    return entry


def _scan_entry(scan: Scan, name: str) -> dict[str, object]:
    entry: dict[str, object] = {"file": name}
    if scan.label:
        entry["label"] = scan.label
    if scan.generated:
        entry["generated"] = True
    if scan.note:
        entry["note"] = scan.note
    if scan.password:
        entry["password"] = scan.password
    return entry


def _names(names: Iterable[Name]) -> list[object]:
    """Names as record.toml writes them: "Family, Given", a literal, or a table where the short
    form would be read back differently."""
    out: list[object] = []
    for name in names:
        if name.literal:
            out.append(name.literal if "," not in name.literal else {"literal": name.literal})
        elif name.family and name.given and "," not in name.family:
            out.append(f"{name.family}, {name.given}")
        elif name.family:
            out.append(
                {"family": name.family, "given": name.given}
                if name.given
                else {"family": name.family}
            )
        elif name.given:
            out.append(name.given if "," not in name.given else {"literal": name.given})
    return out


# --- TOML, written by hand (the shapes record.toml uses: text, numbers, lists, tables) -------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


_PLAIN = re.compile(r'^[^"\\\x00-\x1f\x7f]*$')


def _string(text: str) -> str:
    if _PLAIN.match(text):
        return '"' + text + '"'
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dumps(table: dict[str, object]) -> str:
    """`table` as TOML: plain keys first, then sub-tables and arrays of tables."""
    lines: list[str] = []
    tail: list[str] = []
    for key, value in table.items():
        if isinstance(value, dict):
            tail.append(f"\n[{_key(key)}]")
            tail.extend(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                assert isinstance(entry, dict)
                tail.append(f"\n[[{_key(key)}]]")
                tail.extend(f"{_key(k)} = {_value(v)}" for k, v in entry.items())
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    return "\n".join(lines + tail) + "\n"
