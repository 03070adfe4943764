"""The user's search syntax, parsed into a safe FTS5 MATCH expression, and find-in-text."""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass

from viewer.domain.folding import fold

HIGHLIGHT_START = "\ue000"
"""Marks the start of a matched passage in snippets and titles (a private-use character)."""
HIGHLIGHT_END = "\ue001"
"""Marks the end of a matched passage."""
ELLIPSIS = "…"
"""Stands for text left out of a snippet."""

TOKENIZER = "unicode61 remove_diacritics 2"
"""The FTS5 tokenizer: Unicode word breaks, case folded, Latin diacritics removed."""

_OPEN_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}
_OPERATORS = {"AND", "OR", "NOT"}


def normalize(text: str) -> str:
    """`text` in Unicode NFC, the form the index stores and snippets are cut from."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Phrase:
    """Words that must appear in this order; `prefix` lets the last word be a prefix."""

    text: str
    prefix: bool = False

    def match_expression(self) -> str:
        """The FTS5 string for this phrase: always quoted, so no character is an operator."""
        quoted = '"' + fold(self.text).replace('"', '""') + '"'
        return quoted + " *" if self.prefix else quoted


@dataclass(frozen=True)
class All:
    """Every item must match."""

    items: tuple[Node, ...]

    def match_expression(self) -> str:
        """The FTS5 AND of the items."""
        return "(" + " AND ".join(item.match_expression() for item in self.items) + ")"


@dataclass(frozen=True)
class Any:
    """At least one item must match."""

    items: tuple[Node, ...]

    def match_expression(self) -> str:
        """The FTS5 OR of the items."""
        return "(" + " OR ".join(item.match_expression() for item in self.items) + ")"


@dataclass(frozen=True)
class Without:
    """`include` must match and `exclude` must not."""

    include: Node
    exclude: Node

    def match_expression(self) -> str:
        """The FTS5 NOT of the two."""
        return f"({self.include.match_expression()} NOT {self.exclude.match_expression()})"


Node = Phrase | All | Any | Without


@dataclass(frozen=True)
class Query:
    """A parsed user query; `root` is None when nothing in it can be searched for."""

    text: str
    root: Node | None

    @property
    def is_empty(self) -> bool:
        """True when the query matches nothing (blank, or only exclusions)."""
        return self.root is None

    def match_expression(self) -> str:
        """The FTS5 MATCH expression; empty when the query is empty."""
        return "" if self.root is None else self.root.match_expression()

    def phrases(self) -> tuple[Phrase, ...]:
        """The phrases a matching text contains (exclusions left out), for highlighting."""
        found: list[Phrase] = []

        def walk(node: Node) -> None:
            if isinstance(node, Phrase):
                if node not in found:
                    found.append(node)
            elif isinstance(node, Without):
                walk(node.include)
            else:
                for item in node.items:
                    walk(item)

        if self.root is not None:
            walk(self.root)
        return tuple(found)

    def highlight_expression(self) -> str:
        """An FTS5 expression matching any of the phrases: what find-in-text highlights."""
        phrases = self.phrases()
        if not phrases:
            return ""
        return (
            Any(phrases).match_expression() if len(phrases) > 1 else phrases[0].match_expression()
        )


_LEXEME = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<quote>["“„«])
  | (?P<word>[^\s()"“”„«»]+)
  | (?P<stray>[”»])
    """,
    re.VERBOSE,
)


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


class _Parser:
    """Recursive descent over the user's text; forgiving: it never raises."""

    def __init__(self, text: str) -> None:
        self.items: list[tuple[str, object]] = list(self._lex(text))
        self.pos = 0

    @staticmethod
    def _lex(text: str) -> list[tuple[str, object]]:
        items: list[tuple[str, object]] = []
        pos = 0
        while pos < len(text):
            found = _LEXEME.match(text, pos)
            if found is None:  # pragma: no cover - the pattern matches every character
                break
            kind = found.lastgroup or "space"
            pos = found.end()
            if kind == "open":
                items.append(("open", None))
            elif kind == "close":
                items.append(("close", None))
            elif kind == "quote":
                closing = _OPEN_QUOTES[found.group()]
                end = text.find(closing, pos)
                body = text[pos:] if end < 0 else text[pos:end]
                pos = len(text) if end < 0 else end + 1
                prefix = text.startswith("*", pos)
                if prefix:
                    pos += 1
                if _has_word(body):
                    items.append(("term", (Phrase(body, prefix), False)))
            elif kind == "word":
                word = found.group()
                if word in _OPERATORS:
                    items.append(("op", word))
                    continue
                negated = word.startswith("-") and len(word) > 1
                if negated:
                    word = word[1:]
                prefix = word.endswith("*")
                word = word.rstrip("*")
                if _has_word(word):
                    items.append(("term", (Phrase(word, prefix), negated)))
        return items

    def peek(self) -> tuple[str, object] | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def parse(self) -> Node | None:
        nodes: list[Node] = []
        while self.pos < len(self.items):
            node = self.parse_or()
            if node is not None:
                nodes.append(node)
            if self.peek() is not None:  # a stray ")" at the top level
                self.pos += 1
        return _combine_all(nodes, [])

    def parse_or(self) -> Node | None:
        options: list[Node] = []
        node = self.parse_and()
        if node is not None:
            options.append(node)
        while self.peek() == ("op", "OR"):
            self.pos += 1
            node = self.parse_and()
            if node is not None:
                options.append(node)
        if not options:
            return None
        return options[0] if len(options) == 1 else Any(tuple(options))

    def parse_and(self) -> Node | None:
        include: list[Node] = []
        exclude: list[Node] = []
        negate = False
        while (item := self.peek()) is not None:
            kind, value = item
            if kind == "close" or item == ("op", "OR"):
                break
            self.pos += 1
            if kind == "op":
                negate = value == "NOT"
                continue
            node: Node | None
            if kind == "open":
                node = self.parse_or()
                if self.peek() == ("close", None):
                    self.pos += 1
                negated = False
            else:
                assert isinstance(value, tuple)
                node, negated = value
            if node is not None:
                (exclude if negate or negated else include).append(node)
            negate = False
        return _combine_all(include, exclude)


def _combine_all(include: list[Node], exclude: list[Node]) -> Node | None:
    if not include:
        return None  # FTS5 cannot express "everything but": exclusions alone match nothing
    positive = include[0] if len(include) == 1 else All(tuple(include))
    if not exclude:
        return positive
    negative = exclude[0] if len(exclude) == 1 else Any(tuple(exclude))
    return Without(positive, negative)


def parse_query(text: str) -> Query:
    """Parse words, "exact phrases", prefix*, AND/OR/NOT, -word and parentheses; never raises."""
    return Query(text, _Parser(text).parse())


class _Finder(threading.local):
    """A per-thread in-memory FTS5 table holding the last text searched."""

    def __init__(self) -> None:
        self.connection: sqlite3.Connection | None = None
        self.text: str | None = None

    def highlighted(self, text: str, expression: str) -> str | None:
        if self.connection is None:
            self.connection = sqlite3.connect(":memory:")
            self.connection.execute("CREATE TABLE original(body TEXT)")
            self.connection.execute(
                "CREATE VIRTUAL TABLE doc USING fts5("
                f"body, content='original', tokenize='{TOKENIZER}')"
            )
        if self.text is not text and self.text != text:
            folded = fold(text)
            with self.connection:
                self.connection.execute("INSERT INTO doc(doc) VALUES('delete-all')")
                self.connection.execute("DELETE FROM original")
                self.connection.execute("INSERT INTO original(rowid, body) VALUES(1, ?)", (text,))
                self.connection.execute("INSERT INTO doc(rowid, body) VALUES(1, ?)", (folded,))
            self.text = text
        row = self.connection.execute(
            "SELECT highlight(doc, 0, ?, ?) FROM doc WHERE doc MATCH ?",
            (HIGHLIGHT_START, HIGHLIGHT_END, expression),
        ).fetchone()
        return None if row is None else str(row[0])


_finder = _Finder()


def find_in_text(text: str, query: str | Query) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` the query's phrases match, by the index's own rules.

    Case, diacritics, phrases and prefixes behave exactly as in the archive search, because
    the text is matched by the same tokenizer in an in-memory table (exclusions are ignored:
    every positive phrase is highlighted). The last text is kept, so searching the same
    document again costs only the match.
    """
    parsed = parse_query(query) if isinstance(query, str) else query
    expression = parsed.highlight_expression()
    if not expression or not text:
        return []
    clean = text.replace(HIGHLIGHT_START, " ").replace(HIGHLIGHT_END, " ")
    highlighted = _finder.highlighted(clean, expression)
    if highlighted is None:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    markers = re.finditer(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", highlighted)
    for shift, marker in enumerate(markers):
        offset = marker.start() - shift  # every marker before this one moved it right by one
        if marker.group() == HIGHLIGHT_START:
            start = offset
        else:
            spans.append((start, offset))
    return spans


def count_markers(marked: str) -> int:
    """How many highlighted passages a marked string holds."""
    return marked.count(HIGHLIGHT_START)
