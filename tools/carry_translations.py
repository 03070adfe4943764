"""Carry translations across when code moves: fill each unfinished message from an older .ts.

pyside6-lupdate keys a message by its context (the class whose tr() marks it). When a method
moves to another class, lupdate drops the old message and adds the same text as a new, unfinished
one. This fills such a message with the translation the same source text had before (in a
catalogue of the same language), in the same context when there is one, else in any context.

    python tools/carry_translations.py TARGET.ts OLD.ts [OLD.ts ...]

Rewrites TARGET.ts in place and prints how many messages it filled and how many stay unfinished.
Called by tools/update_translations.sh with the .ts files as they were before lupdate ran.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    return [
        (context.findtext("name", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _known(
    paths: list[Path], language: str
) -> tuple[dict[tuple[str, str], ET.Element], dict[str, ET.Element]]:
    """Finished translations into `language` from PATHS (catalogues of other languages skipped)."""
    by_context: dict[tuple[str, str], ET.Element] = {}
    by_source: dict[str, ET.Element] = {}
    for path in paths:
        if not path.exists():
            continue
        root = ET.parse(path).getroot()
        if root.get("language") != language:
            continue
        for context, message in _messages(root):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete"}:
                continue
            if not (translation.text or list(translation)):
                continue
            source = message.findtext("source", "")
            by_context.setdefault((context, source), translation)
            by_source.setdefault(source, translation)
    return by_context, by_source


def carry(target: Path, olds: list[Path]) -> tuple[int, int]:
    """Fill TARGET's unfinished messages from OLDS; return (filled, still unfinished)."""
    text = target.read_text(encoding="utf-8")
    head = text[: text.index("<TS")]
    root = ET.fromstring(text)
    by_context, by_source = _known(olds, root.get("language", ""))
    filled = unfinished = 0
    for context, message in _messages(root):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        source = message.findtext("source", "")
        old = by_context.get((context, source)) or by_source.get(source)
        if old is None:
            unfinished += 1
            continue
        message.remove(translation)
        copy = ET.fromstring(ET.tostring(old))
        copy.tail = translation.tail
        message.append(copy)
        filled += 1
    if filled:
        ET.indent(root, space="    ")
        body = ET.tostring(root, encoding="unicode")
        target.write_text(head + body + "\n", encoding="utf-8")
    return filled, unfinished


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    target, *olds = (Path(arg) for arg in argv)
    filled, unfinished = carry(target, olds)
    print(f"{target}: {filled} translations carried over, {unfinished} unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
