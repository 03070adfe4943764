"""Write the bundled sample archive `samples/`: the seed telegram and two specimens of our own.

Run as `.venv/bin/python tools/make_samples.py [--out DIR]`. The output is deterministic: running
it twice gives byte-identical files. The telegram's metadata and English translation are those of
its record page in the History and Public Policy Program Digital Archive; every scan is a
facsimile this script typesets (see tools/facsimile.py), and says so.
"""

from __future__ import annotations

import argparse
import html
import math
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import facsimile  # tools/ is on the path when this runs as a script

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "samples"

TELEGRAM_ID = "1949-05-18-telegram"
BILINGUAL_ID = "specimen-bilingual"
CARD_ID = "specimen-card"
RECORD_IDS = (TELEGRAM_ID, BILINGUAL_ID, CARD_ID)

SPECIMEN_DATE = "2026-11-27"
"""The date the specimens carry (fixed, so the output does not depend on the day it is built)."""

FACSIMILE_STATEMENT = "Facsimile typeset by Archive Viewer"
"""How every scan's PDF subject begins: the statement that it is not an original."""

COLLECTION = "History and Public Policy Program Digital Archive"
TELEGRAM_SOURCE_ARCHIVE = "AP RF"
TELEGRAM_SOURCE_ARCHIVE_NAME = "Archive of the President of the Russian Federation"
TELEGRAM_LOCATION = "F. 4. Op. 1. D. 331. pp. 59-61"
TELEGRAM_TITLE = (
    "Telegram from the leader of the group of Soviet specialists in Northeast China to the "
    "Chairman of the USSR Council of Ministers about the results of the Chinese-Korean talks on "
    "military cooperation"
)
TELEGRAM_SUMMARY = (
    "A telegram from the leader of the group of Soviet specialists in Northeast China to the "
    "Chairman of the USSR Council of Ministers about the results of Chinese-Korean talks on "
    "military cooperation."
)
TELEGRAM_SCAN_NOTE = (
    "Facsimile typeset by Archive Viewer from the published English translation; not the "
    "original scan. The original is held in the Archive of the President of the Russian "
    "Federation (AP RF), F. 4. Op. 1. D. 331, pp. 59-61."
)

TELEGRAM_NUMBER = "Nº 54611"
TELEGRAM_DATELINE = "18 May 1949 1718"

NBSP = "\N{NO-BREAK SPACE}"

TELEGRAM_PARAGRAPHS = (
    "Yesterday, 17 May, Mao Zedong asked me to inform you of the following:",
    "1. Kim Il, the Chief of the Political Directorate of the Korean Army, arrived from North "
    "Korea (he participated in the partisan movement in Manchuria together with Kim Il Sung). "
    "Cde. Kim Il has the authority to discuss the following issues with the CPC CC:",
    "1. The situation in the Orient.",
    "2. The creation of an information bureau.",
    "3. Aid to North Korea with officer personnel and weapons.",
    "Cde. Mao Zedong said that he thinks that the issue of creating an Eastern Information Bureau "
    "[informbyuro] is still premature [ne sozrel]. Of the 12 countries in the Orient the Chinese "
    "Communist Party has ties for now with only five: the MNR, Thailand, Indochina, the "
    "Philippines, and Korea, and with the others, even with Japan and Indonesia, permanent ties "
    "have not been organized. We know little of the situation in these countries. Therefore, he "
    "said, it is better to first establish these ties, study the situation, and only then begin "
    "creating an Eastern Communist [SIC, Kominformbyuro] Information Bureau. [North Korea] ought "
    "to limit itself right now to the establishment of mutual [SIC, vzaimnye] telegraph agencies "
    "with the aid of which ideas on specific issues are exchanged as they arise.",
    "2. As regards helping North Korea with officer personnel and weapons, Cde. Mao Zedong said "
    "that such aid would be granted. There are one and a half million Koreans in Manchuria, from "
    "which two Korean divisions have been formed (of 10,000 men each). One of them has combat "
    "experience. It took an active part in battles with the Guomindang troops in Manchuria. We "
    "can transfer these divisions to North Korea at any time at their request. But as long as "
    "the Korean comrades have no need of them we will supply these divisions with everything and "
    "train them. In addition, we have also trained 200 officers who are undergoing additional "
    "training right now and in a month they can be sent to Korea.",
    "If a war breaks out between North and South Korea we are also ready to give everything that "
    "is in our power, especially for these divisions (food and weapons).",
    "The Korean comrades think that the American troops might be evacuated from South Korea in "
    "the near future but they are afraid that Japanese troops will come there to replace the "
    "American troops with whose aid the Southerners might mount an attack on North Korea.",
    "We advised them to counterattack these troops but when doing so take into consideration the "
    "presence or absence of Japanese troops in the South Korean army without fail. If Japanese "
    "units take part then exhibit caution and in the event that the enemy has the superior "
    "forces, then it is better give up part of their own territory to be in more advantageous "
    "conditions to surround the invading troops and rout them.",
    "We advised them to prepare the Party, the troops, and the people ideologically that such a "
    "situation is possible and that this would not mean the defeat of democratic Korea but only a "
    "strategic maneuver.",
    "If the Americans leave and the Japanese do not come, we do not advise the Korean comrades to "
    "mount an attack on South Korea in this situation but to wait for a more suitable situation "
    "because MacArthur might quickly move Japanese units and weapons to Korea during this attack. "
    "We cannot give quick substantial support since all our main forces have withdrawn beyond "
    "the Yangtze River.",
    "We think that such a step, an attack by North Korea on the South, might be mounted at the "
    "beginning of 1950 if the situation at the beginning of 1950 favors this. Then, in the event "
    "of an invasion of Korea by Japanese troops, we will be able to quickly move our crack troops "
    "and defeat the Japanese forces.",
    "Of course, added Cde. Mao Zedong, we would take all our steps in this direction only after "
    "coordinating them with Moscow.",
    # The space and no-break space after "North Korea" are the record page's own.
    f"3. With regard to the establishment of trade relations with North Korea {NBSP}and also the "
    "resolution of the issue of the use of the hydroelectric power station on the Yalu River we "
    "suggested that Cde. Kim Il to go to Shenyang and come to an agreement [dogovorit'sya, which "
    'can also mean "negotiate] on these issues with Cde. Gao Gang.',
    "Cde. Mao Zedong passed the information in the presence of Cdes. Zhu De, Liu Shaoqi, Zhou "
    "Enlai, Dong Biwu, Chen Yun, and Bo Yibo.",
)
"""The English translation as the record page gives it, paragraph by paragraph, after the header."""

SPECIMEN_SUBJECT = (
    "Facsimile typeset by Archive Viewer; a specimen written by the project for its sample "
    "archive, not a historical document and not the scan of an original."
)


# --- TOML ---------------------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, escaped."""
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    """A TOML value: string, bool, int, list, or inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items())
        return "{" + items + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


ARRAYS_OF_TABLES = frozenset({"transcripts", "scans"})
"""The keys written as `[[key]]` sections; other lists of tables (names) stay inline."""


def toml_document(document: Mapping[str, Any]) -> str:
    """A TOML document: keys first, then `[table]`s, then `[[array of tables]]`, in given order."""
    lines: list[str] = []
    tables: list[tuple[str, Mapping[str, Any]]] = []
    arrays: list[tuple[str, Sequence[Mapping[str, Any]]]] = []
    for key, value in document.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        elif key in ARRAYS_OF_TABLES:
            arrays.append((key, value))
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for key, table in tables:
        lines += ["", f"[{key}]"]
        lines += [f"{name} = {toml_value(value)}" for name, value in table.items()]
    for key, entries in arrays:
        for entry in entries:
            lines += ["", f"[[{key}]]"]
            lines += [f"{name} = {toml_value(value)}" for name, value in entry.items()]
    return "\n".join(lines) + "\n"


# --- Typed layout -------------------------------------------------------------------------------


def wrap_paragraph(text: str, width: int, indent: str = "", hanging: str = "") -> list[str]:
    """`text` wrapped to `width` columns as typed: first line `indent`, the rest `hanging`."""
    return textwrap.wrap(
        text.replace(NBSP, " "),
        width=width,
        initial_indent=indent,
        subsequent_indent=hanging,
        break_on_hyphens=False,
        drop_whitespace=True,
    )


def centred(text: str, width: int) -> str:
    """`text` centred on a line of `width` columns, as a typist would space it."""
    return " " * max(0, (width - len(text)) // 2) + text


def underline(line: str, word: str) -> str:
    """The underscores a typist strikes over `word` in `line` to underline it."""
    start = line.index(word)
    return " " * start + "_" * len(word)


def split_pages(lines: Sequence[str], pages: int) -> list[list[str]]:
    """`lines` cut into `pages` nearly equal runs, none starting with a blank line."""
    per_page = math.ceil(len(lines) / pages)
    runs: list[list[str]] = []
    rest = list(lines)
    for index in range(pages):
        while rest and not rest[0].strip():
            rest.pop(0)
        take = len(rest) if index == pages - 1 else per_page
        runs.append(rest[:take])
        rest = rest[take:]
    return runs


# --- The telegram -------------------------------------------------------------------------------


def telegram_html() -> str:
    """The English translation as an HTML fragment: the header, then one `<p>` per paragraph."""
    paragraphs = (TELEGRAM_NUMBER, TELEGRAM_DATELINE, *TELEGRAM_PARAGRAPHS)
    # Quotes need no escaping in element text; leaving them keeps the translator's notes legible.
    body = [
        "<p>" + html.escape(text, quote=False).replace(NBSP, "&nbsp;") + "</p>"
        for text in paragraphs
    ]
    return "\n".join(body) + "\n"


def telegram_pages() -> list[facsimile.TypedPage]:
    """The telegram typed on three A4 sheets (the original fills pp. 59-61)."""
    fontsize, left = 12.0, 72.0
    width = facsimile.columns(facsimile.A4[0], left, fontsize)
    lines = [
        centred("T E L E G R A M", width),
        "",
        TELEGRAM_NUMBER,
        TELEGRAM_DATELINE,
        "",
        *wrap_paragraph(
            "From: the leader of the group of Soviet specialists in Northeast China",
            width,
            hanging="      ",
        ),
        *wrap_paragraph("To: the Chairman of the USSR Council of Ministers", width, hanging="    "),
        "-" * width,
        "",
    ]
    for paragraph in TELEGRAM_PARAGRAPHS:
        lines += [*wrap_paragraph(paragraph, width, indent="     "), ""]
    sheets = split_pages(lines, 3)
    pages = []
    for number, sheet in enumerate(sheets, start=1):
        head = [] if number == 1 else [centred(f"- {number} -", width), ""]
        notice = (
            f"{FACSIMILE_STATEMENT} from the published English translation (Gary Goldberg, "
            f"{COLLECTION}); not the original document. Sheet {number} of {len(sheets)}. "
            f"The original is held in the {TELEGRAM_SOURCE_ARCHIVE_NAME} "
            f"({TELEGRAM_SOURCE_ARCHIVE}), {TELEGRAM_LOCATION}."
        )
        pages.append(
            facsimile.TypedPage(
                lines=tuple(head + sheet), notice=notice, fontsize=fontsize, leading=17.0, left=left
            )
        )
    return pages


def telegram_record() -> dict[str, Any]:
    """The telegram's record.toml, with everything its record page shows."""
    return {
        "format_version": 1,
        "id": TELEGRAM_ID,
        "title": TELEGRAM_TITLE,
        "date": "1949-05-18",
        "summary": TELEGRAM_SUMMARY,
        "type": "Telegram",
        "languages": ["ru"],
        "translators": ["Goldberg, Gary"],
        "people": [
            "Mao Zedong",
            "Kim Il",
            "Kim Il Sung",
            "Gao Gang",
            "Zhu De",
            "Liu Shaoqi",
            "Zhou Enlai",
            "Dong Biwu",
            "Chen Yun",
            "Bo Yibo",
            "Douglas MacArthur",
        ],
        "places": [
            "North Korea",
            "South Korea",
            "Manchuria",
            "Northeast China",
            "Shenyang",
            "Yalu River",
            "Yangtze River",
            "Japan",
            "Moscow",
        ],
        "subjects": [
            "Korean War origins",
            "Sino-Soviet relations",
            "China-North Korea relations",
            "Military aid",
            "Eastern Information Bureau",
        ],
        "collection": COLLECTION,
        "funding": "This document was made possible with support from the Leon Levy Foundation",
        "rights": (
            "The English translation is the Wilson Center's (History and Public Policy Program "
            "Digital Archive), and the Digital Archive's terms of use apply. Reproduced here as a "
            "sample for study."
        ),
        "relation": (
            "Metadata and English transcript taken from this document's record page in the "
            "History and Public Policy Program Digital Archive (Wilson Center), the project's "
            "seed page 000_f0d78e7d9cb9610e. The scan is a facsimile typeset by Archive Viewer, "
            "not the original."
        ),
        "source": {
            "archive": TELEGRAM_SOURCE_ARCHIVE,
            "location": TELEGRAM_LOCATION,
            "note": TELEGRAM_SOURCE_ARCHIVE_NAME,
        },
        "transcripts": [
            {
                "file": "transcript.en.html",
                "language": "en",
                "kind": "translation",
                "label": "English translation",
                "translators": ["Goldberg, Gary"],
            }
        ],
        "scans": [
            {
                "file": "scan.pdf",
                "label": "Facsimile (typeset by Archive Viewer)",
                "generated": True,
                "note": TELEGRAM_SCAN_NOTE,
            }
        ],
    }


def telegram_info() -> facsimile.PdfInfo:
    """The PDF information of the telegram's facsimile."""
    return facsimile.PdfInfo(
        title=TELEGRAM_TITLE,
        subject=TELEGRAM_SCAN_NOTE,
        author="Leader of the group of Soviet specialists in Northeast China",
        keywords="facsimile; Archive Viewer sample archive; AP RF F. 4 Op. 1 D. 331",
    )


# --- The bilingual specimen ---------------------------------------------------------------------

LETTER_TITLE = "Specimen: a note for readers of this archive"
LETTER_DATE_TEXT = "27 November 2026"

LETTER_POINTS = (
    (
        "The transcript stands beside the scan. The transcript is text you can search, select "
        "and copy; the scan shows the page as it looks. This scan is a facsimile typeset by the "
        "project."
    ),
    (
        "Square brackets mark the editor's notes, never the author's. When a typist slips, as "
        "teh typist of this letter did, the transcript keeps the slip and adds a note after it."
    ),
    (
        "The citation names the document, its date, the collection and where the original is "
        "held. Copy it from the record's information when you quote a document."
    ),
    (
        "A record can be read in more than one language. This one has a Russian translation "
        "made by the project."
    ),
)

LETTER_OPENING = (
    "This letter is a specimen. The Archive Viewer project wrote it and typed it for the sample "
    "archive that comes with the viewer. It is not a historical document, and it has no "
    "original anywhere else. It is here to show how a record is read."
)

LETTER_CLOSING = (
    "The first record of the archive, a telegram of 18 May 1949, shows all of this with a real "
    "document."
)


def letter_markdown() -> str:
    """The letter's English transcript in Markdown, with the editor's bracketed notes."""
    opening = LETTER_OPENING.replace("is a specimen", "is a *specimen*")
    points = [
        LETTER_POINTS[0]
        .replace("The transcript stands", "**The transcript** stands")
        .replace("the scan.", "**the scan**."),
        LETTER_POINTS[1].replace("teh typist", "teh [SIC, the] typist"),
        LETTER_POINTS[2],
        LETTER_POINTS[3],
    ]
    closing = LETTER_CLOSING.replace(
        "18 May 1949,", "18 May 1949 [record 1949-05-18-telegram in this archive],"
    )
    parts = [
        f"# {LETTER_TITLE}",
        f"Archive Viewer, {LETTER_DATE_TEXT}",
        "To the reader of this archive:",
        opening,
        "\n".join(f"{number}. {text}" for number, text in enumerate(points, start=1)),
        closing,
        "*Archive Viewer*",
    ]
    return "\n\n".join(parts) + "\n"


LETTER_RUSSIAN = """\
Перевод с английского языка выполнен проектом Archive Viewer. Оригинал — машинописное письмо на \
английском языке (см. скан). Примечания в квадратных скобках — редакторские.

Образец: записка для читателей этого архива

Archive Viewer, 27 ноября 2026 г.

Читателю этого архива.

Это письмо — образец. Проект Archive Viewer написал и напечатал его для учебного архива, \
который поставляется вместе с программой. Это не исторический документ, и нигде больше его \
оригинала нет. Оно здесь, чтобы показать, как читать запись.

1. Транскрипция стоит рядом со сканом. Транскрипция — это текст, который можно искать, \
выделять и копировать; скан показывает страницу такой, какая она есть. Этот скан — факсимиле, \
набранное проектом.

2. Квадратные скобки обозначают примечания редактора, а не автора. Если при печати допущена \
опечатка, как в этом письме (teh [SIC, the]), транскрипция сохраняет её и добавляет после неё \
примечание.

3. Ссылка на документ называет сам документ, его дату, собрание и место хранения оригинала. \
Копируйте её из сведений о записи, когда цитируете документ.

4. Запись можно читать на нескольких языках. У этой есть перевод на русский язык, выполненный \
проектом.

Первая запись архива, телеграмма от 18 мая 1949 г. [запись 1949-05-18-telegram в этом архиве], \
показывает всё это на настоящем документе.

Archive Viewer
"""
"""The letter in Russian: a translation by the project, labelled as such in its first lines."""


def letter_pages() -> list[facsimile.TypedPage]:
    """The letter typed on one A4 sheet, with its one slip ("teh") and an underlined word."""
    fontsize, left = 11.5, 76.0
    width = facsimile.columns(facsimile.A4[0], left, fontsize)
    lines = [
        centred("ARCHIVE VIEWER", width),
        centred("Sample archive: a specimen letter", width),
        "",
        "",
        LETTER_DATE_TEXT.rjust(width),
        "",
        "To the reader of this archive:",
        "",
        *wrap_paragraph(LETTER_OPENING, width, indent="     "),
        "",
    ]
    for number, point in enumerate(LETTER_POINTS, start=1):
        lines += [*wrap_paragraph(point, width, indent=f"  {number}. ", hanging="     "), ""]
    lines += [*wrap_paragraph(LETTER_CLOSING, width, indent="     "), "", ""]
    lines += [" " * (width - 24) + "Archive Viewer"]
    # The typist underlined "specimen" by backspacing and striking the underscore key.
    overtyped = tuple(
        underline(line, "specimen") if "letter is a specimen" in line else "" for line in lines
    )
    notice = (
        f"{FACSIMILE_STATEMENT}: a specimen letter written by the project for its sample "
        "archive. Not a historical document; there is no original."
    )
    return [
        facsimile.TypedPage(
            lines=tuple(lines), overtyped=overtyped, notice=notice, fontsize=fontsize, left=left
        )
    ]


def letter_record() -> dict[str, Any]:
    """The bilingual specimen's record.toml."""
    return {
        "format_version": 1,
        "id": BILINGUAL_ID,
        "title": LETTER_TITLE,
        "date": SPECIMEN_DATE,
        "summary": (
            "A one-page letter written by the Archive Viewer project as a specimen: it explains "
            "how to read a record (transcript beside scan, bracketed editorial notes, citation). "
            "English transcript in Markdown, Russian translation by the project in plain text."
        ),
        "type": "Letter",
        "languages": ["en"],
        "creators": ["Archive Viewer"],
        "recipients": ["Readers of this archive"],
        "subjects": ["Reading a record", "Editorial notes", "Citation"],
        "publisher": "Archive Viewer",
        "rights": (
            "CC0 1.0 Universal: dedicated to the public domain by the Archive Viewer project."
        ),
        "relation": (
            "A specimen written by the Archive Viewer project for its sample archive; not a "
            "historical document. Its scan is a facsimile typeset by the project."
        ),
        "source": {"note": "No original: the letter exists only in this sample archive."},
        "transcripts": [
            {
                "file": "transcript.en.md",
                "language": "en",
                "kind": "transcription",
                "label": "English (the letter's text)",
            },
            {
                "file": "transcript.ru.txt",
                "language": "ru",
                "kind": "translation",
                "label": "Russian translation by Archive Viewer",
                "translators": ["Archive Viewer"],
            },
        ],
        "scans": [
            {
                "file": "scan.pdf",
                "label": "Facsimile (typeset by Archive Viewer)",
                "generated": True,
                "note": (
                    "Facsimile typeset by Archive Viewer. The letter is a specimen written by "
                    "the project; there is no original."
                ),
            }
        ],
    }


# --- The catalogue card specimen ----------------------------------------------------------------

CARD_TITLE = "Specimen: catalogue card and finding-aid sheet for AP RF, F. 4, Op. 1, D. 331"


def card_pages() -> list[facsimile.TypedPage]:
    """A landscape 5 x 8 inch catalogue card, then a portrait A4 finding-aid sheet."""
    card_size, card_font, card_left = facsimile.CARD_5X8, 10.5, 40.0
    width = facsimile.columns(card_size[0], card_left, card_font)
    card = [
        "AP RF    F. 4    Op. 1    D. 331" + "pp. 59-61".rjust(width - 32),
        "-" * width,
        f"1949, May 18.  Telegram {TELEGRAM_NUMBER}, {TELEGRAM_DATELINE}.",
        *wrap_paragraph(
            "Leader of the group of Soviet specialists in Northeast China to the Chairman of "
            "the USSR Council of Ministers: results of the Chinese-Korean talks on military "
            "cooperation (Mao Zedong, Kim Il, 17 May 1949).",
            width,
            indent="   ",
            hanging="   ",
        ),
        "   Russian. 3 pp.",
        *wrap_paragraph(
            f"English translation: Gary Goldberg, {COLLECTION}.",
            width,
            indent="   ",
            hanging="   ",
        ),
        "",
        f"   In this archive: record {TELEGRAM_ID}.",
        "",
        "",
        "SPECIMEN".rjust(width),
    ]
    sheet_font, sheet_left = 11.0, 72.0
    sheet_width = facsimile.columns(facsimile.A4[0], sheet_left, sheet_font)
    fields = (
        ("Repository", f"{TELEGRAM_SOURCE_ARCHIVE_NAME} ({TELEGRAM_SOURCE_ARCHIVE})"),
        ("Fond", "4"),
        ("Opis'", "1"),
        ("Delo", "331"),
        ("Pages", "59-61 (the item described below)"),
        ("", ""),
        ("Item", f"Telegram {TELEGRAM_NUMBER}, {TELEGRAM_DATELINE}"),
        ("From", "The leader of the group of Soviet specialists in Northeast China"),
        ("To", "The Chairman of the USSR Council of Ministers"),
        ("Subject", "Results of the Chinese-Korean talks on military cooperation"),
        ("Language", "Russian"),
        ("Translation", f"English, by Gary Goldberg ({COLLECTION})"),
        ("In this archive", f"record {TELEGRAM_ID}"),
    )
    sheet = [centred("FINDING-AID SHEET (SPECIMEN)", sheet_width), "", ""]
    for label, value in fields:
        if not label:
            sheet.append("")
            continue
        sheet += wrap_paragraph(value, sheet_width, indent=f"{label + ':':<17}", hanging=" " * 17)
    sheet += ["", "", "Remarks", ""]
    remarks = (
        "This sheet and the card before it were written by the Archive Viewer project as "
        "specimens for its sample archive. They are not AP RF documents and were not made by "
        "the archive.",
        "The sheet lists only the item this sample archive holds; it is not an inventory of "
        "the file.",
        "The record has no transcript: the viewer shows the scan alone.",
    )
    for remark in remarks:
        sheet += [*wrap_paragraph(remark, sheet_width, indent="     "), ""]
    card_notice = (
        f"{FACSIMILE_STATEMENT}: a specimen catalogue card made by the project; "
        "not an AP RF catalogue card."
    )
    sheet_notice = (
        f"{FACSIMILE_STATEMENT}: a specimen finding-aid sheet made by the project; "
        "not an AP RF document."
    )
    return [
        facsimile.TypedPage(
            lines=tuple(card),
            notice=card_notice,
            size=card_size,
            fontsize=card_font,
            leading=14.0,
            left=card_left,
            top=52.0,
            punched=True,
        ),
        facsimile.TypedPage(
            lines=tuple(sheet), notice=sheet_notice, fontsize=sheet_font, left=sheet_left
        ),
    ]


def card_record() -> dict[str, Any]:
    """The catalogue card specimen's record.toml: no transcript, two pages of mixed sizes."""
    return {
        "format_version": 1,
        "id": CARD_ID,
        "title": CARD_TITLE,
        "date": SPECIMEN_DATE,
        "summary": (
            "A specimen made by the Archive Viewer project: a catalogue card (landscape) and a "
            "finding-aid sheet (portrait) describing the file that holds the telegram of 18 May "
            "1949. There is no transcript: the record is read from its scan alone."
        ),
        "type": "Catalogue card",
        "languages": ["en"],
        "creators": ["Archive Viewer"],
        "subjects": ["Finding aids", "Archival description"],
        "publisher": "Archive Viewer",
        "rights": (
            "CC0 1.0 Universal: dedicated to the public domain by the Archive Viewer project."
        ),
        "relation": (
            f"Describes the file of record {TELEGRAM_ID} (AP RF, F. 4, Op. 1, D. 331). A "
            "specimen written by the Archive Viewer project, not an archival finding aid; its "
            "scan is a facsimile typeset by the project."
        ),
        "scans": [
            {
                "file": "scan.pdf",
                "label": "Facsimile (typeset by Archive Viewer)",
                "generated": True,
                "note": (
                    "Facsimile typeset by Archive Viewer: a specimen card and sheet made by the "
                    "project, not AP RF documents; there is no original."
                ),
            }
        ],
    }


# --- The archive --------------------------------------------------------------------------------

ARCHIVE_DESCRIPTION = (
    "Three records for trying the viewer. One is a real document: the telegram of 18 May 1949 "
    "from the leader of the group of Soviet specialists in Northeast China to the Chairman of "
    "the USSR Council of Ministers, with the metadata and the English translation by Gary "
    "Goldberg published by the History and Public Policy Program Digital Archive (Wilson "
    "Center). The other two are specimens the project wrote itself: a note for readers with "
    "English and Russian texts, and a catalogue card with no transcript. The scans are "
    "facsimiles typeset by the project, not the originals; the telegram's original is held in "
    "the Archive of the President of the Russian Federation (AP RF)."
)


def archive_document() -> dict[str, Any]:
    """The archive.toml."""
    return {
        "format_version": 1,
        "title": "Archive Viewer sample archive",
        "description": ARCHIVE_DESCRIPTION,
        "publisher": "Archive Viewer",
    }


def build(out: Path, only: Iterable[str] = RECORD_IDS, *, scans: bool = True) -> list[Path]:
    """Write the sample archive (or the records in `only`) under `out`; the files written."""
    wanted = set(only)
    unknown = wanted - set(RECORD_IDS)
    if unknown:
        raise ValueError(f"no such sample record: {', '.join(sorted(unknown))}")
    written: list[Path] = []

    def write(path: Path, data: str | bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_bytes(data.encode("utf-8"))
        else:
            path.write_bytes(data)
        written.append(path)

    write(out / "archive.toml", toml_document(archive_document()))
    records = out / "records"
    if TELEGRAM_ID in wanted:
        folder = records / TELEGRAM_ID
        write(folder / "record.toml", toml_document(telegram_record()))
        write(folder / "transcript.en.html", telegram_html())
        if scans:
            pdf = facsimile.typeset(telegram_pages(), telegram_info(), seed=19490518)
            write(folder / "scan.pdf", pdf)
    if BILINGUAL_ID in wanted:
        folder = records / BILINGUAL_ID
        write(folder / "record.toml", toml_document(letter_record()))
        write(folder / "transcript.en.md", letter_markdown())
        write(folder / "transcript.ru.txt", LETTER_RUSSIAN)
        if scans:
            info = facsimile.PdfInfo(
                title=LETTER_TITLE,
                subject=SPECIMEN_SUBJECT,
                author="Archive Viewer",
                keywords="facsimile; specimen; Archive Viewer sample archive",
            )
            write(folder / "scan.pdf", facsimile.typeset(letter_pages(), info, seed=20261127))
    if CARD_ID in wanted:
        folder = records / CARD_ID
        write(folder / "record.toml", toml_document(card_record()))
        if scans:
            info = facsimile.PdfInfo(
                title=CARD_TITLE,
                subject=SPECIMEN_SUBJECT,
                author="Archive Viewer",
                keywords="facsimile; specimen; catalogue card; Archive Viewer sample archive",
            )
            write(folder / "scan.pdf", facsimile.typeset(card_pages(), info, seed=331))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (samples/)")
    parser.add_argument(
        "--only", action="append", choices=RECORD_IDS, help="write only this record (repeatable)"
    )
    args = parser.parse_args(argv)
    for path in build(args.out, args.only or RECORD_IDS):
        print(f"{path.stat().st_size:>9,}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
