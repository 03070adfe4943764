"""What a file's name, a sidecar's front matter and a text's letters say about a document.

Plain rules, no PyMuPDF and no network: a folder of a thousand files is listed from its names
alone. Everything here is a guess, and the records built from it say so (`Record.inferred`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from viewer.domain.archive import parse_date
from viewer.domain.model import MONTHS, Name, PartialDate

log = logging.getLogger(__name__)

# -- dates ----------------------------------------------------------------------------------------

_MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): n for n, name in enumerate(MONTHS, 1)
}
_MONTH_NUMBERS["sept"] = 9
_MONTH = "(?P<month>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])"
_SEP = r"[ _.,-]*"
_EDGE_L, _EDGE_R = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"
_NUM_L, _NUM_R = r"(?<!\d)", r"(?!\d)"

_DATE_PATTERNS = (
    # 1949-05-18, 1949_05_18, 1949.05.18
    re.compile(
        _NUM_L + _YEAR + r"[-_.](?P<m>0[1-9]|1[0-2])[-_.](?P<d>0[1-9]|[12]\d|3[01])" + _NUM_R
    ),
    # 19490518
    re.compile(_NUM_L + _YEAR + r"(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])" + _NUM_R),
    # May 18 1949, May 18, 1949, May-18-1949
    re.compile(_EDGE_L + _MONTH + _SEP + _DAY + r"(?:st|nd|rd|th)?" + _SEP + _YEAR + _NUM_R, re.I),
    # 18 May 1949, 18-may-1949, 18May1949
    re.compile(_NUM_L + _DAY + _SEP + _MONTH + _SEP + _YEAR + _NUM_R, re.I),
    # May 1949, Aug1978
    re.compile(_EDGE_L + _MONTH + _SEP + _YEAR + _NUM_R, re.I),
    # 1949-05
    re.compile(_NUM_L + _YEAR + r"-(?P<m>0[1-9]|1[0-2])" + r"(?![\d-])"),
)
_LONE_YEAR = re.compile(r"(?<![\d-])(?P<year>1[6-9]\d\d|20[0-4]\d)(?![\d-])")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a name or a text, and the words it was written in."""

    date: PartialDate
    text: str


def find_date(text: str, *, lone_year: bool = True) -> FoundDate | None:
    """The first date written in `text` ("1949-05-18", "19490518", "May 18 1949", "18 May 1949",
    "Aug1978", "1949-05"; with `lone_year`, a year on its own), or None."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _as_date(match)
            if found is not None:
                return FoundDate(found, match.group(0).strip(" _.,-"))
    if lone_year:
        year = _LONE_YEAR.search(_strip_identifiers(text))
        if year:
            return FoundDate(PartialDate(int(year.group("year"))), year.group(0))
    return None


def _as_date(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("m"):
        month = int(groups["m"])
    elif groups.get("month"):
        month = _MONTH_NUMBERS[groups["month"].lower()]
    else:
        month = 0
    day = int(groups.get("d") or groups.get("day") or 0)
    iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    try:
        return parse_date(iso)
    except ValueError:
        return None  # 1949-02-30: not a date


def parse_loose_date(text: str) -> FoundDate | None:
    """A date as a person wrote it in metadata ("July 31, 1979", "1979-07-31", "31 jul 1979")."""
    text = text.strip()
    if not text:
        return None
    try:
        return FoundDate(parse_date(text), text)
    except ValueError:
        return find_date(text)


# -- identifiers ----------------------------------------------------------------------------------

NARA_RECORD_NUMBER = re.compile(r"(?<![\d-])(\d{3}-\d{5}-\d{5})(?![\d-])")
"""A NARA JFK Assassination Records record number: 104-10006-10247."""
CABLE_ID = re.compile(r"(?<![A-Za-z0-9])((?:19|20)\d\d[A-Z][A-Z]{1,14}\d{4,6})(?![A-Za-z0-9])")
"""A State Department cable's document number: 1973STATE012345, 1979LAPAZ06523."""


def find_identifier(text: str) -> str:
    """A record number or cable id written in `text`, or ""."""
    for pattern in (NARA_RECORD_NUMBER, CABLE_ID):
        match = pattern.search(text)
        if match:
            return match.group(1)
    return ""


def _strip_identifiers(text: str) -> str:
    text = NARA_RECORD_NUMBER.sub(" ", text)
    return re.sub(r"\d{5,}", " ", text)  # long numbers (timestamps, serials) hold no year


# -- titles ---------------------------------------------------------------------------------------

_SCANNER_SUFFIX = re.compile(r"[ _-](?:ocr|ocred|scan|scanned|searchable)$", re.I)


def title_from_name(stem: str) -> str:
    """A title made of a file's stem: "letter_to_stalin" → "letter to stalin"; a scanner's
    suffix ("_ocr") left out; identifiers kept as written."""
    text = _SCANNER_SUFFIX.sub("", stem.strip()) or stem
    # Underscores are spaces in file names; hyphens are kept (they join record numbers, dates).
    text = re.sub(r"\s+", " ", text.replace("_", " ")).strip()
    return text or stem


_JUNK_TITLE = re.compile(
    r"^(?:untitled|document\d*|microsoft word - .*|scan\d*|img_?\d*|doc\d*|\s*)$"
    r"|\.(?:docx?|pdf|tiff?)$|^\[.*not available.*\]$",
    re.I,
)


def useful_pdf_title(title: str, stem: str) -> bool:
    """Whether a PDF's own title says more than its file name ("Microsoft Word - x.doc",
    "untitled" and the file name itself do not)."""
    title = title.strip()
    return bool(title) and not _JUNK_TITLE.search(title) and title.lower() != stem.lower()


# -- front matter ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """What a sidecar's YAML header says of its document."""

    title: str = ""
    date: FoundDate | None = None
    creators: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    identifier: str = ""
    summary: str = ""
    subjects: tuple[str, ...] = ()
    language: str = ""
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)


# Keys as Quarto, Pandoc and the State Department cable exports write them, most telling first.
_TITLE_KEYS = ("title", "cable-subject", "subject")
_DATE_KEYS = ("date", "cable-date", "doc-date", "document-date")
_FROM_KEYS = ("cable-from", "from", "author", "authors", "creator", "originator")
_TO_KEYS = ("cable-to", "to", "recipient", "recipients")
_ID_KEYS = ("cable-doc-number", "doc-number", "doc_number", "identifier", "record-number", "id")
_SUMMARY_KEYS = ("summary", "abstract", "description")
_SUBJECT_KEYS = ("tags", "cable-tags", "subjects", "keywords", "cable-concepts", "categories")
_LANGUAGE_KEYS = ("lang", "language")
_EXTRA_KEYS = ("cable-classification", "classification", "cable-info", "cable-ref")
_IGNORED_KEYS = frozenset({"editor", "format", "output", "jupyter", "execute", "engine"})


def read_front_matter(header: str) -> FrontMatter:
    """The metadata of a YAML header (`title`, `date`, `author`/`from`, `to`, identifiers,
    tags...); an empty one when it is not YAML a person could mean as metadata."""
    import yaml  # noqa: PLC0415  (only a folder with front-matter sidecars needs it)

    try:
        data = yaml.safe_load(header)
    except yaml.YAMLError as exc:
        log.info("front matter that is not YAML (%s); its text is still shown", exc)
        return FrontMatter()
    if not isinstance(data, dict):
        return FrontMatter()
    fields = {str(k).strip().lower().replace("_", "-"): v for k, v in data.items()}

    def text(keys: tuple[str, ...]) -> str:
        for key in keys:
            value = _plain(fields.get(key.replace("_", "-")))
            if value and not _NOT_AVAILABLE.match(value):
                return value
        return ""

    def names(keys: tuple[str, ...]) -> tuple[Name, ...]:
        for key in keys:
            value = fields.get(key)
            items = value if isinstance(value, list) else [value]
            found = tuple(Name(literal=_plain(item)) for item in items if _plain(item))
            if found:
                return found
        return ()

    subjects: list[str] = []
    for key in _SUBJECT_KEYS:
        value = fields.get(key)
        items = value if isinstance(value, list) else str(value or "").split(",")
        subjects.extend(s for s in (_plain(item) for item in items) if s)
    known = {
        *_TITLE_KEYS,
        *_DATE_KEYS,
        *_FROM_KEYS,
        *_TO_KEYS,
        *_ID_KEYS,
        *_SUMMARY_KEYS,
        *_SUBJECT_KEYS,
        *_LANGUAGE_KEYS,
        *_IGNORED_KEYS,
    }
    extra = tuple(
        (key.replace("-", "_"), _plain(value))
        for key, value in fields.items()
        if key not in known and _plain(value) and not isinstance(value, dict | list)
    )
    return FrontMatter(
        title=text(_TITLE_KEYS),
        date=parse_loose_date(text(_DATE_KEYS)),
        creators=names(_FROM_KEYS),
        recipients=names(_TO_KEYS),
        identifier=text(_ID_KEYS),
        summary=text(_SUMMARY_KEYS),
        subjects=tuple(dict.fromkeys(subjects)),
        language=text(_LANGUAGE_KEYS).split("-")[0].lower()[:3],
        extra=extra,
    )


_NOT_AVAILABLE = re.compile(r"^\[.*not available.*\]$|^n/?a$", re.I)


def _plain(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return re.sub(r"\s+", " ", str(value)).strip()


# -- languages ------------------------------------------------------------------------------------

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$")
"""A language tag as a sidecar's name carries it: `letter.ru.txt`, `letter.pt-BR.md`."""

UNDETERMINED = "und"
"""ISO 639's code for a language that could not be told."""

_COMMON_WORDS_TEXT = {
    "en": "the and of to in that is was for with on as by this from at be are have not",
    "de": "der die und das ist nicht den mit von sich des auf dem ein eine zu im für",
    "fr": "le la les des et est une un du dans que pour pas qui sur au avec ce par",
    "es": "el la los las de que y en del se por con una para es su al lo como",
    "it": "il di che la è e per un una del della non sono le da con gli nel",
    "pt": "o a os as de que e do da em um uma para com não é no na por",
    "nl": "de het een en van is dat op te in niet met voor zijn die",
    "pl": "i w na nie się z do że jest to o jak od przez dla",
    "cs": "a v se na je že to s z do o jako ale pro by",
    "ru": "и в не на что с по как это он к из от у за для",
    "uk": "і в не на що з до як це він та у від за для",
    "bg": "и на в за да се не че от е с по като са",
}
_COMMON_WORDS = {code: frozenset(words.split()) for code, words in _COMMON_WORDS_TEXT.items()}
_CYRILLIC_LANGUAGES = ("ru", "uk", "bg")
MIN_WORDS = 5
"""Common words below this many: too little text to tell a language by them."""


def detect_language(text: str) -> str:
    """The language `text` is most likely in (ISO 639-1), or "und".

    Weighs the script first (Cyrillic, Greek, Arabic, Hebrew, Han, kana, Hangul: the script
    alone names the language or narrows it), then counts each candidate's commonest words. A
    few hundred characters are enough for a letter or a cable; a page of numbers is "und".
    """
    sample = text[:20000]
    scripts: Counter[str] = Counter()
    for char in sample:
        if not char.isalpha():
            continue
        code = ord(char)
        if code < 0x250:
            scripts["latin"] += 1
        elif 0x370 <= code < 0x400:
            scripts["greek"] += 1
        elif 0x400 <= code < 0x530:
            scripts["cyrillic"] += 1
        elif 0x590 <= code < 0x600:
            scripts["hebrew"] += 1
        elif 0x600 <= code < 0x700:
            scripts["arabic"] += 1
        elif 0x3040 <= code < 0x3100:
            scripts["kana"] += 1
        elif 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200:
            scripts["hangul"] += 1
        elif 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
            scripts["han"] += 1
    if not scripts:
        return UNDETERMINED
    if scripts["kana"]:
        return "ja"
    script, _ = scripts.most_common(1)[0]
    fixed = {"greek": "el", "hebrew": "he", "hangul": "ko", "han": "zh"}
    if script in fixed:
        return fixed[script]
    if script == "arabic":
        return "fa" if re.search("[پچژگ]", sample) else "ar"
    words = re.findall(r"\w+", sample.lower())
    counts = Counter(words)
    candidates = (
        _CYRILLIC_LANGUAGES
        if script == "cyrillic"
        else tuple(code for code in _COMMON_WORDS if code not in _CYRILLIC_LANGUAGES)
    )
    scores = {code: sum(counts[w] for w in _COMMON_WORDS[code]) for code in candidates}
    if script == "cyrillic":
        # Letters one language has and the others lack outweigh shared little words.
        scores["uk"] += 5 * len(re.findall("[іїєґ]", sample.lower()))
        scores["ru"] += 5 * len(re.findall("[ыэё]", sample.lower()))
    ranked = sorted(scores, key=lambda code: scores[code], reverse=True)
    best, runner_up = scores[ranked[0]], scores[ranked[1]]
    # Enough common words, or a short text whose few common words all point one way.
    if best >= MIN_WORDS or (best > 0 and runner_up == 0):
        return ranked[0]
    return "ru" if script == "cyrillic" else UNDETERMINED
