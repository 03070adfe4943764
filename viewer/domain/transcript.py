"""Turning transcript files into safe display HTML, with the translator's editorial marks set apart.

A transcript is an HTML fragment, Markdown or plain text. Whatever it is, the viewer shows a small,
safe subset of HTML: no scripts, no styles, no images or anything else that would be fetched, and
links kept as text the viewer never follows. Bracketed editorial marks (`[informbyuro]`,
`[SIC, vzaimnye]`) are wrapped in `<span class="editorial">` so the view can mute them; the
brackets and their words stay in the text, so they copy exactly as written.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from viewer.domain.model import TranscriptFormat

EDITORIAL_CLASS = "editorial"

MAX_BYTES = 32 * 1024 * 1024
"""Transcripts larger than this are refused rather than read into memory."""

_ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "i", "strong", "b", "u", "s",
        "sup", "sub", "small", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
        "table", "thead", "tbody", "tr", "td", "th", "span", "div", "a", "abbr", "q", "cite",
    }
)  # fmt: skip
_DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "head", "title"})
_VOID = frozenset({"br", "hr"})
_ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}

# A bracketed mark: "[" then anything but brackets (a stray "[" inside ends the search), then "]".
# Footnote numbers such as "[1]" are marks too: they are the editor's, not the document's.
_MARK = re.compile(r"\[[^\[\]]*\]")


class TranscriptError(Exception):
    """A transcript file that cannot be shown, with the reason."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path.name}: {problem}")


def read_text(path: Path) -> str:
    """The transcript's text, decoded as UTF-8 (with a BOM) or, failing that, Windows-1252."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TranscriptError(path, f"the file is too large to show ({size // 1_000_000} MB)")
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise TranscriptError(path, "the file does not exist") from exc
    except PermissionError as exc:
        raise TranscriptError(path, "the file cannot be read (permission denied)") from exc
    except OSError as exc:
        raise TranscriptError(path, f"the file cannot be read ({exc.strerror})") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_FENCED_DIV = re.compile(r"^:::.*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str, str]:
    """A YAML front-matter header (Quarto, Pandoc, Jekyll) and the text after it; ("", text)
    when the text does not open with one."""
    match = _FRONT_MATTER.match(text)
    if match is None or not re.match(r"\s*[\w-]+\s*:", match.group(1)):
        return "", text
    return match.group(1), text[match.end() :]


def to_html(text: str, fmt: TranscriptFormat) -> str:
    """Display HTML for a transcript written in `fmt`, editorial marks wrapped; a front-matter
    header (metadata, not text) is left out, as are Pandoc's `:::` div fences."""
    if fmt is not TranscriptFormat.HTML:
        header, text = split_front_matter(text)
        if header:
            text = _FENCED_DIV.sub("", text)
    if fmt is TranscriptFormat.HTML:
        source = text
    elif fmt is TranscriptFormat.MARKDOWN:
        source = _markdown(text)
    else:
        source = plain_to_html(text)
    return sanitize(source)


def load_html(path: Path, fmt: TranscriptFormat) -> str:
    """Read `path` and return its display HTML."""
    return to_html(read_text(path), fmt)


def plain_to_html(text: str) -> str:
    """Paragraphs at blank lines, line breaks kept, everything escaped."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in para.split("\n")) + "</p>"
        for para in paragraphs
        if para.strip()
    )


def pages_to_html(pages: list[str]) -> str:
    """A PDF's text layer, page by page, as display HTML with a heading for each page."""
    parts = []
    for number, text in enumerate(pages, 1):
        if text.strip():
            parts.append(f"<h3>Page {number}</h3>" + plain_to_html(text))
    return sanitize("".join(parts))


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt  # noqa: PLC0415  (only paid for by Markdown transcripts)

    # "commonmark" without raw HTML: a Markdown transcript cannot smuggle tags in.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return str(md.render(text))


def sanitize(fragment: str) -> str:
    """Keep the safe subset of `fragment` and wrap editorial marks."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    cleaner.close()
    return cleaner.result()


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in _ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            if name in _ALLOWED_ATTRS.get(tag, ()) and value is not None:
                kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID and not self.dropping:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(mark_editorial(html.escape(data, quote=False)))

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def mark_editorial(escaped: str) -> str:
    """Wrap each bracketed mark of already-escaped text in the editorial span."""
    return _MARK.sub(lambda m: f'<span class="{EDITORIAL_CLASS}">{m.group(0)}</span>', escaped)


def editorial_marks(text: str) -> list[str]:
    """The bracketed marks of plain `text`, in order, exactly as written."""
    return _MARK.findall(text)
