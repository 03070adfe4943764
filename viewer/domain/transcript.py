"""Turning transcript files into safe display HTML, with the translator's editorial marks set apart.

A transcript is an HTML fragment, Markdown or plain text. Whatever it is, the viewer shows a small,
safe subset of HTML: no scripts, no styles, no images or anything else that would be fetched, and
links kept as text the viewer never follows. Bracketed editorial marks (`[informbyuro]`,
`[SIC, vzaimnye]`) are wrapped in `<span class="editorial">` so the view can mute them; the
brackets and their words stay in the text, so they copy exactly as written.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from viewer.domain.model import TranscriptFormat

EDITORIAL_CLASS = "editorial"

MAX_BYTES = 32 * 1024 * 1024
"""Transcripts larger than this are refused rather than read into memory."""
MAX_SHOWN_CHARS = 2_000_000
"""Characters of text shown at most: more takes seconds to lay out and hundreds of megabytes
to hold, and is still found by search (which reads the whole file)."""
MAX_NESTING = 32
"""Elements nested deeper than this are dropped (their text is kept): Qt lays out each level
of nesting as a frame, which costs seconds for thousands of them."""
LONG_WORD = 64
WORD_BREAK = "\u200b"
"""A zero-width space put after every LONG_WORD characters of a longer word: laying out one
unbroken word costs time quadratic in its length (300 KB: seconds). Copies leave it out."""
_LONG_RUN = re.compile(rf"(\S{{{LONG_WORD}}})(?=\S)")

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
    return sanitize(_fragment(text, fmt))


def _fragment(text: str, fmt: TranscriptFormat) -> str:
    if fmt is not TranscriptFormat.HTML:
        header, text = split_front_matter(text)
        if header:
            text = _FENCED_DIV.sub("", text)
    if fmt is TranscriptFormat.HTML:
        return text
    if fmt is TranscriptFormat.MARKDOWN:
        return _markdown(text)
    return plain_to_html(text)


def load_html(path: Path, fmt: TranscriptFormat) -> str:
    """Read `path` and return its display HTML."""
    return to_html(read_text(path), fmt)


PART_CHARS = 16_000


@dataclass(frozen=True)
class Display:
    """Display HTML of a text that may be too long to show whole."""

    parts: tuple[str, ...]
    """The HTML in pieces of about PART_CHARS, cut only between top-level elements: a view
    can take one piece per turn of its event loop."""
    shown_chars: int
    """Characters of text in `html`."""
    truncated: bool
    """True when the text goes on beyond `html` (MAX_SHOWN_CHARS)."""
    total_chars: int
    """Characters of text in the whole source, markup left out."""

    @property
    def html(self) -> str:
        """All of the display HTML."""
        return "".join(self.parts)


def load_display(path: Path, fmt: TranscriptFormat, max_chars: int = MAX_SHOWN_CHARS) -> Display:
    """Read `path`: the display HTML of its first `max_chars` characters of text."""
    return text_display(read_text(path), fmt, max_chars)


def text_display(text: str, fmt: TranscriptFormat, max_chars: int = MAX_SHOWN_CHARS) -> Display:
    """The display HTML of the first `max_chars` characters of `text`, written in `fmt`."""
    return sanitize_display(_fragment(text, fmt), max_chars)


def pages_display(pages: list[str], max_chars: int = MAX_SHOWN_CHARS) -> Display:
    """A PDF's text layer as display HTML, at most `max_chars` characters of it."""
    return sanitize_display(_pages_fragment(pages), max_chars)


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
    return sanitize(_pages_fragment(pages))


def _pages_fragment(pages: list[str]) -> str:
    parts = []
    for number, text in enumerate(pages, 1):
        if text.strip():
            parts.append(f"<h3>Page {number}</h3>" + plain_to_html(text))
    return "".join(parts)


def _markdown(text: str) -> str:
    from markdown_it import MarkdownIt  # noqa: PLC0415  (only paid for by Markdown transcripts)

    # "commonmark" without raw HTML: a Markdown transcript cannot smuggle tags in.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return str(md.render(text))


def sanitize(fragment: str) -> str:
    """Keep the safe subset of `fragment` and wrap editorial marks."""
    return sanitize_display(fragment, None).html


def sanitize_display(fragment: str, max_chars: int | None) -> Display:
    """`sanitize`, keeping at most `max_chars` characters of text (None: all of it)."""
    cleaner = _Cleaner(max_chars)
    cleaner.feed(fragment)
    cleaner.close()
    return Display(cleaner.parts(), cleaner.shown, cleaner.shown < cleaner.total, cleaner.total)


def break_long_words(text: str) -> str:
    """`text` with a WORD_BREAK after every LONG_WORD characters of a longer word."""
    return _LONG_RUN.sub(lambda m: m.group(1) + WORD_BREAK, text)


def unbreak(text: str) -> str:
    """`text` without the breaks `break_long_words` put in (as a reader copies it)."""
    return text.replace(WORD_BREAK, "")


class _Cleaner(HTMLParser):
    def __init__(self, max_chars: int | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0
        self.budget = max_chars
        self.shown = 0
        self.total = 0
        self.too_deep = 0
        """Start tags dropped for nesting deeper than MAX_NESTING, still open."""
        self.cuts: list[int] = []
        """Indexes into `out` where a part may end (nothing open there)."""
        self.part_size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in _ALLOWED_TAGS or self._full():
            return
        if tag not in _VOID and len(self.open) >= MAX_NESTING:
            self.too_deep += 1
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
        if self.dropping or tag not in _ALLOWED_TAGS:
            return
        if self.too_deep and tag not in _VOID:
            self.too_deep -= 1
            return
        if tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break
        if not self.open and self.part_size >= PART_CHARS:
            self.cuts.append(len(self.out))
            self.part_size = 0

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        self.total += len(data)
        if self.budget is not None:
            data = data[: max(0, self.budget - self.shown)]
        self.shown += len(data)
        if data:
            self.out.append(mark_editorial(html.escape(break_long_words(data), quote=False)))
            self.part_size += len(self.out[-1])

    def _full(self) -> bool:
        return self.budget is not None and self.shown >= self.budget

    def result(self) -> str:
        return "".join(self.parts())

    def parts(self) -> tuple[str, ...]:
        closing = "".join(f"</{tag}>" for tag in reversed(self.open))
        bounds = [0, *self.cuts, len(self.out)]
        pieces = ["".join(self.out[a:b]) for a, b in itertools.pairwise(bounds)]
        pieces[-1] += closing
        return tuple(piece for piece in pieces if piece) or ("",)


def mark_editorial(escaped: str) -> str:
    """Wrap each bracketed mark of already-escaped text in the editorial span."""
    return _MARK.sub(lambda m: f'<span class="{EDITORIAL_CLASS}">{m.group(0)}</span>', escaped)


def editorial_marks(text: str) -> list[str]:
    """The bracketed marks of plain `text`, in order, exactly as written."""
    return _MARK.findall(text)
