"""A record's notes as Markdown, exactly."""

from __future__ import annotations

from pathlib import Path

from viewer.domain.model import Record
from viewer.domain.notes import Note, Place, RecordKey, TextAnchor
from viewer.domain.notes.export import record_markdown

KEY = RecordKey("Sample", "r1")
RECORD = Record(id="r1", title="Telegram from Kovalev to Stalin", folder=Path("r1"))
CITATION = "Kovalev to Stalin, 18 May 1949, APRF."


def test_each_note_has_its_quotation_page_tags_and_citation() -> None:
    notes = [
        Note(1, KEY, Place.RECORD, "Key source for chapter 3.", tags=("Chapter 3",)),
        Note(2, KEY, Place.PAGE, "", page=1),
        Note(
            3,
            KEY,
            Place.PASSAGE,
            "Cf. the *May* report.",
            page=0,
            anchor=TextAnchor("the railway  was\nfinished", "", "", 10),
            tags=("railways", "to check"),
        ),
        Note(4, KEY, Place.PASSAGE, "Gone?", anchor=TextAnchor("a cut passage")),
    ]
    assert record_markdown(RECORD, notes, CITATION, lost={4}) == (
        "# Notes on Telegram from Kovalev to Stalin\n"
        "\n"
        "## The record\n"
        "\n"
        "Key source for chapter 3.\n"
        "\n"
        "Tags: Chapter 3\n"
        "\n"
        "— Kovalev to Stalin, 18 May 1949, APRF.\n"
        "\n"
        "## Bookmark, scan page 2\n"
        "\n"
        "— Kovalev to Stalin, 18 May 1949, APRF. Scan page 2.\n"
        "\n"
        "## Passage, scan page 1\n"
        "\n"
        "> the railway was\n"
        ">\n"
        "> finished\n"
        "\n"
        "Cf. the *May* report.\n"
        "\n"
        "Tags: railways, to check\n"
        "\n"
        "— Kovalev to Stalin, 18 May 1949, APRF. Scan page 1.\n"
        "\n"
        "## Passage (its place is no longer found in the transcript)\n"
        "\n"
        "> a cut passage\n"
        "\n"
        "Gone?\n"
        "\n"
        "— Kovalev to Stalin, 18 May 1949, APRF.\n"
    )


def test_a_reading_list_has_its_records_in_order_with_citations_and_notes() -> None:
    from viewer.domain.notes.export import reading_list_markdown

    telegram = RecordKey("Sample", "r1", title="Telegram from Kovalev to Stalin")
    elsewhere = RecordKey("Another archive", "cable-7", title="Cable from Pyongyang")
    notes = [Note(1, telegram, Place.PAGE, "The map.", page=2)]
    assert reading_list_markdown(
        "Chapter 3", [(telegram, notes, CITATION), (elsewhere, [], "")]
    ) == (
        "# Reading list: Chapter 3\n"
        "\n"
        "## 1. Telegram from Kovalev to Stalin\n"
        "\n"
        "Kovalev to Stalin, 18 May 1949, APRF.\n"
        "\n"
        "### Bookmark, scan page 3\n"
        "\n"
        "The map.\n"
        "\n"
        "— Kovalev to Stalin, 18 May 1949, APRF. Scan page 3.\n"
        "\n"
        "## 2. Cable from Pyongyang\n"
        "\n"
        "(Another archive, record cable-7)\n"
    )
