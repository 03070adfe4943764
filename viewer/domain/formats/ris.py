"""RIS files, as archives' and catalogues' "export citation" buttons give them: one record per
`TY`…`ER` entry. See docs/import.md for what maps to what."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.domain import archive
from viewer.domain.archive import ArchiveError, Progress
from viewer.domain.formats import Format
from viewer.domain.model import (
    Archive,
    Name,
    PartialDate,
    Record,
    Scan,
    Source,
    Transcript,
    TranscriptFormat,
)

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_SUFFIXES = (".ris", ".txt")
_TYPES = {
    "LETTER": "Letter",
    "PCOMM": "Letter",
    "MANSCPT": "Manuscript",
    "UNPB": "Unpublished work",
    "RPRT": "Report",
    "MAP": "Map",
    "ART": "Image",
    "GOVDOC": "Government document",
    "JOUR": "Journal article",
    "Journal Article": "Journal article",
    "BOOK": "Book",
    "CHAP": "Book chapter",
    "NEWS": "Newspaper article",
    "ELEC": "Web page",
    "GEN": "",
}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _claims(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in _SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            head = _decode(handle.read(4096)).lstrip()
    except OSError:
        return False
    return bool(re.match(r"^TY  -", head))


def entries(text: str, file: Path) -> list[list[tuple[str, str, int]]]:
    """The file's entries: for each, its (tag, value, line) in order; untagged lines continue
    the value before them. ArchiveError naming the line of text outside an entry."""
    found: list[list[tuple[str, str, int]]] = []
    current: list[tuple[str, str, int]] | None = None
    for number, written in enumerate(text.splitlines(), start=1):
        line = written.rstrip()
        match = _TAG.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                current = [(tag, value, number)]
                found.append(current)
            elif current is None:
                raise ArchiveError(
                    file, f"line {number}: {tag} before the first TY", "Each entry starts with TY"
                )
            elif tag == "ER":
                current = None
            else:
                current.append((tag, value, number))
        elif line.strip():
            if current is None or len(current) == 0:
                raise ArchiveError(
                    file,
                    f"line {number}: text outside an entry ({line.strip()[:40]!r})",
                    "Each entry starts with 'TY  - ' and ends with 'ER  - '",
                )
            tag, value, start = current[-1]
            current[-1] = (tag, f"{value}\n{line.strip()}" if value else line.strip(), start)
    return found


def _name(text: str) -> Name:
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return Name(family=family, given=given) if family else Name(literal=given)
    parts = text.split()
    # "Fanning E." (family, then initials) as catalogues write it
    if len(parts) > 1 and all(re.fullmatch(r"(?:[A-ZА-Я]\.)+", p) for p in parts[1:]):
        return Name(family=parts[0], given=" ".join(parts[1:]))
    return Name(literal=text)


def _date(values: list[str]) -> tuple[PartialDate | None, str]:
    for value in values:
        # RIS dates: "2009", "2020//", "1949/05/18/", "1949-05-18", "1949/05/18/Other"
        match = re.match(r"^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?", value.strip())
        if not match:
            continue
        year, month, day = (int(g) if g else 0 for g in match.groups())
        try:
            date = archive.parse_date(
                f"{year:04d}"
                + (f"-{month:02d}" if month else "")
                + (f"-{day:02d}" if month and day else "")
            )
        except ValueError:
            return PartialDate(year), value
        return date, ""
    return None, ""


class _Fields:
    """An entry's values by tag."""

    def __init__(self, entry: list[tuple[str, str, int]]) -> None:
        self.values: dict[str, list[str]] = {}
        for tag, value, _line in entry:
            if value:
                self.values.setdefault(tag, []).append(value)

    def one(self, *tags: str) -> str:
        """The first value of the first of `tags` that has one, on one line."""
        for tag in tags:
            if self.values.get(tag):
                return self.values[tag][0].replace("\n", " ").strip()
        return ""

    def many(self, *tags: str) -> list[str]:
        return [v for tag in tags for v in self.values.get(tag, [])]


_EXTRA_TAGS = (
    ("JO", "journal"),
    ("JF", "journal"),
    ("T2", "secondary_title"),
    ("VL", "volume"),
    ("IS", "issue"),
    ("SP", "start_page"),
    ("EP", "end_page"),
    ("DO", "doi"),
    ("SN", "isbn_issn"),
)


def _unique_id(base: str, used: set[str]) -> str:
    record_id = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-._")[:80] or "entry"
    candidate, n = record_id, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{record_id}-{n}"
    used.add(candidate.lower())
    return candidate


def _files(
    fields: _Fields, file: Path, language: str
) -> tuple[tuple[Scan, ...], tuple[Transcript, ...]]:
    """The entry's linked files (HTML as transcripts, the rest as scans) and its notes."""
    scans: list[Scan] = []
    transcripts: list[Transcript] = []
    for link in fields.many("L1", "L2", "L4"):
        for written in link.split(";"):
            target = written.strip()
            if not target or re.match(r"^(?:https?|ftp)://", target):
                continue
            path = Path(target.removeprefix("file://"))
            if not path.is_absolute():
                path = file.parent / path
            if path.suffix.lower() in (".html", ".htm"):
                transcripts.append(
                    Transcript(
                        path=path, language=language, format=TranscriptFormat.HTML, label=path.name
                    )
                )
            else:
                scans.append(Scan(path=path))
    notes = fields.many("N1")
    if notes:
        transcripts.append(
            Transcript(
                path=file,
                language=language,
                format=TranscriptFormat.TEXT,
                label="Notes",
                text="\n\n".join(notes),
            )
        )
    return tuple(scans), tuple(transcripts)


def _record(entry: list[tuple[str, str, int]], file: Path, used: set[str]) -> Record:
    fields = _Fields(entry)
    one, many = fields.one, fields.many
    title = one("TI", "T1", "CT", "BT", "ST")
    candidate = _unique_id(one("ID", "CN", "AN") or title or "entry", used)
    date, date_text = _date(many("DA", "PY", "Y1"))
    extra: list[tuple[str, str]] = []
    from viewer.domain import languages  # noqa: PLC0415  (only to read)

    langs, unknown = languages.codes(one("LA"))
    if unknown:
        extra.append(("language_as_written", ", ".join(unknown)))
    scans, transcripts = _files(fields, file, langs[0] if langs else "und")
    for tag, key in _EXTRA_TAGS:
        if one(tag) and key not in dict(extra):
            extra.append((key, one(tag)))
    inferred = set()
    if not title:
        title, inferred = candidate, {"title"}
    if date is not None and date_text:  # read from words: a guess to be checked
        inferred.add("date")
    kind = one("TY")
    return Record(
        id=candidate,
        title=title,
        folder=file.parent,
        date=date,
        date_text=date_text,
        summary="\n\n".join(many("AB", "N2")),
        type=one("M3") or _TYPES.get(kind, kind.title() if kind.isupper() else kind),
        languages=langs,
        creators=tuple(_name(v) for v in many("AU", "A1")),
        contributors=tuple(_name(v) for v in many("A2", "A3", "ED")),
        translators=tuple(_name(v) for v in many("A4")) if kind in ("LETTER", "PCOMM") else (),
        subjects=tuple(dict.fromkeys(k.lstrip("*").strip() for k in many("KW") if k.strip())),
        publisher=one("PB"),
        url=one("UR"),
        identifier=one("CN", "AN"),
        number=one("M1") if kind in ("LETTER", "PCOMM", "MANSCPT") else "",
        source=Source(location=one("AV")),
        transcripts=transcripts,
        scans=scans,
        extra=tuple(extra),
        inferred=frozenset(inferred),
    )


def read_ris(file: Path, progress: Progress | None = None) -> list[Record]:
    """The entries of a RIS file as records."""
    try:
        text = _decode(file.read_bytes())
    except OSError as exc:
        raise ArchiveError(file, f"cannot be read ({exc.strerror})") from exc
    found = entries(text, file)
    used: set[str] = set()
    records = []
    for index, entry in enumerate(found):
        records.append(_record(entry, file, used))
        if progress is not None:
            progress(index + 1, len(found))
    return records


def _read(path: Path, progress: Progress | None) -> Archive:
    file = path.resolve()
    records = read_ris(file, progress)
    if not records:
        raise ArchiveError(file, "holds no RIS entries (no 'TY  - ' line)")
    return Archive(root=file.parent, title=file.stem, records=tuple(records))


FORMAT = Format(
    name="ris",
    label="a RIS file (citation export)",
    claims=_claims,
    read=_read,
)
