"""Folding text for matching: diacritics removed letter by letter, one character for one.

Shared by the search index and the record list's filter; kept apart from the index so that the
list does not load SQLite to filter titles.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_KEEP_LETTERS = frozenset("йЙўЎ")
"""Letters whose mark is part of the letter, not a diacritic ("й" is not "и")."""
_EXTRA_FOLDS = {
    "ł": "l",
    "Ł": "L",
    "ø": "o",
    "Ø": "O",
    "đ": "d",
    "Đ": "D",
    "ħ": "h",
    "Ħ": "H",
    "ŧ": "t",
    "Ŧ": "T",
    "ı": "i",
}


def _fold_table() -> dict[int, str]:
    """Map letters with diacritics to their base letter, one character to one."""
    table: dict[int, str] = {}
    ranges = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000))
    for first, last in ranges:
        for code in range(first, last):
            char = chr(code)
            if char in _KEEP_LETTERS:
                continue
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn"
            )
            if len(base) == 1 and base != char and unicodedata.category(char).startswith("L"):
                table[code] = base
    for char, base in _EXTRA_FOLDS.items():
        table[ord(char)] = base
    return table


@functools.cache
def _folding() -> tuple[dict[str, str], re.Pattern[str]]:
    """The fold table and a pattern of the letters it changes, made on first need (~15 ms)."""
    folded = {chr(code): base for code, base in _fold_table().items()}
    # Most characters of a non-Latin text (Cyrillic, Greek) need no folding: finding the few
    # that do with a character class and replacing only those is ~20x faster than translate.
    foldable = re.compile("[" + "".join(re.escape(char) for char in sorted(folded)) + "]")
    return folded, foldable


def fold(text: str) -> str:
    """`text` with diacritics removed letter by letter ("ёлка" -> "елка"); length is kept.

    SQLite's unicode61 tokenizer folds case everywhere but diacritics only in Latin script, so
    text is folded here before it is indexed or matched. One character maps to one character,
    which keeps token positions identical in the folded and the original text.
    """
    if text.isascii():
        return text
    folded, foldable = _folding()
    return foldable.sub(lambda found: folded[found.group()], text)
