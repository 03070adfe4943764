"""A quick reading of TOML in the plain shape most record.toml files have, for `tomllib` to read
everything else.

A record.toml is usually a few `key = "text"` lines, a list of text or two, a number and a table
or `[[scans]]` entry of the same. `tomllib` reads one in ~40 µs, a third of the time a record takes
to read: 100,000 records opened for the first time wait seconds for it. `loads` reads those
lines with one regular expression each and gives up (None) on anything else: escapes, multi-line
strings, dates, floats, inline tables, dotted or quoted keys, a key or table given twice, a
character TOML refuses. What it gives is what `tomllib.loads` gives for the same text (a test
holds the two to that on mutated files); `tomllib` stays the reader of every other file and the
one that explains a file that is not valid TOML.
"""

from __future__ import annotations

import re
from typing import Any

_WS = r"[ \t]*"
_KEY = r"[A-Za-z0-9_-]+"
_STRING = r"\"[^\"\\]*\"|'[^']*'"
"""Basic strings without escapes, literal strings (their control characters are refused for the
whole line, as TOML refuses them)."""
_INTEGER = r"[+-]?(?:0|[1-9][0-9]{0,17})"
"""Decimal integers well inside TOML's 64 bits, without underscores."""
_ARRAY = rf"\[{_WS}(?:(?:{_STRING}){_WS},{_WS})*(?:(?:{_STRING}){_WS})?\]"
"""A list of strings on one line, a comma after the last allowed."""
_LINE = re.compile(
    rf"{_WS}(?:"
    rf"(?P<key>{_KEY}){_WS}={_WS}(?P<value>{_STRING}|{_INTEGER}|true|false|{_ARRAY}){_WS}"
    rf"|\[{_WS}(?P<table>{_KEY}){_WS}\]{_WS}"
    rf"|\[\[{_WS}(?P<array>{_KEY}){_WS}\]\]{_WS}"
    rf")?(?:#[^\n]*)?"
)
_ITEM = re.compile(_STRING)
_REFUSED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters but tab and line feed (TOML allows a carriage return only before a line
feed: refused here too)."""


def loads(text: str) -> dict[str, Any] | None:
    """The table of `text` when it is TOML of the plain shape (see the module's description),
    else None (for `tomllib` to read, or to explain)."""
    if _REFUSED.search(text):
        return None
    root: dict[str, Any] = {}
    arrays: set[str] = set()
    """The tables made by `[[name]]` headers (a `[name]` or a key of that name is an error)."""
    table = root
    for line in text.split("\n"):
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, value, name, array = match.group("key", "value", "table", "array")
        if key is not None:
            if key in table:
                return None
            table[key] = _value(value)
        elif name is not None:
            if name in root:
                return None
            table = root[name] = {}
        elif array is not None:
            if array in root and array not in arrays:
                return None
            arrays.add(array)
            table = {}
            root.setdefault(array, []).append(table)
    return root


def _value(text: str) -> Any:
    first = text[0]
    if first in "\"'":
        return text[1:-1]
    if first == "[":
        return [item[1:-1] for item in _ITEM.findall(text)]
    if text == "true":
        return True
    if text == "false":
        return False
    return int(text)
