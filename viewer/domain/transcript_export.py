"""A record's transcript written as a file of its own: plain text, Markdown or HTML, each
headed by the record's title and citation, so a copy that travels says where it comes from."""

from __future__ import annotations

import enum
import html


class TextFormat(enum.Enum):
    """A format the transcript is exported in; the value is the file's suffix."""

    PLAIN = ".txt"
    MARKDOWN = ".md"
    HTML = ".html"


def plain(title: str, citation: str, text: str) -> str:
    """The title, the citation, a blank line, the text (one final newline)."""
    return f"{title}\n{citation}\n\n{text.strip()}\n"


def markdown(title: str, citation: str, body: str) -> str:
    """`body` (Markdown) under the title as a heading and the citation as a block quote."""
    return f"# {_markdown_line(title)}\n\n> {_markdown_line(citation)}\n\n{body.strip()}\n"


def _markdown_line(text: str) -> str:
    """`text` on one line, with the characters Markdown would read as markup escaped."""
    line = " ".join(text.split())
    for character in "\\`*_[]<>#":
        line = line.replace(character, "\\" + character)
    return line


def html_page(title: str, citation: str, body: str, language: str = "") -> str:
    """A standalone HTML page: `body` (sanitised HTML) under the title and the citation."""
    lang = f' lang="{html.escape(language)}"' if language else ""
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        f'<p class="citation">{html.escape(citation)}</p>\n'
        f"{body.strip()}\n</body>\n</html>\n"
    )
