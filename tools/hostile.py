"""Hostile inputs for the viewer, made on the spot: for the tests and for tools/fuzz.py.

Each maker writes a small file that once froze, crashed or misled the viewer or `check`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf


def slow_pdf(path: Path, depth: int = 8, fan: int = 10) -> Path:
    """A PDF of one page whose form XObjects nest `depth` deep, each drawing the one below `fan`
    times: fan**depth filled squares from ~2 KB (depth 8: 10^8, minutes for one page)."""
    doc = pymupdf.open()
    page = doc.new_page(width=200, height=200)
    inner = 0
    for level in range(depth):
        xref = doc.get_new_xref()
        resources = "<<>>" if level == 0 else f"<</XObject <</X {inner} 0 R>>>>"
        doc.update_object(
            xref, f"<</Type/XObject/Subtype/Form/BBox[0 0 200 200]/Resources {resources}>>"
        )
        content = b"0 0 1 rg 0 0 200 200 re f" if level == 0 else b" ".join([b"/X Do"] * fan)
        doc.update_stream(xref, content)
        inner = xref
    doc.xref_set_key(page.xref, "Resources", f"<</XObject <</X {inner} 0 R>>>>")
    contents = doc.get_new_xref()
    doc.update_object(contents, "<<>>")
    doc.update_stream(contents, b"/X Do")
    doc.xref_set_key(page.xref, "Contents", f"{contents} 0 R")
    path.write_bytes(doc.tobytes(deflate=True))
    return path


def text_pdf(path: Path, pages: int = 2, text: str = "Telegram from Mukden") -> Path:
    """A small PDF with a text layer on every page."""
    doc = pymupdf.open()
    for index in range(pages):
        page = doc.new_page(width=300, height=400)
        page.insert_text((40, 60), f"{text}, page {index + 1}")
        page.draw_rect(pymupdf.Rect(30, 80, 270, 300), color=(0, 0, 0), fill=(0.8, 0.8, 0.8))
    path.write_bytes(doc.tobytes())
    return path


def jpeg(path: Path, width: int = 64, height: int = 48) -> Path:
    """A grey JPEG (named as the caller likes: `scan.pdf`)."""
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.clear_with(180)
    path.write_bytes(pixmap.tobytes("jpeg"))
    return path


NESTING = 340
"""Deeper than tomllib's recursion allows (≈715 bytes of record.toml)."""


def nested_record_toml(kind: str = "array", depth: int = NESTING) -> str:
    """A record.toml whose one extra value nests `depth` deep: "array", "table" (inline tables)
    or "dotted" (dotted keys); or "date", a date of `depth * 3` '/'-separated parts."""
    head = 'id = "nested"\ntitle = "Nested"\n'
    if kind == "array":
        return head + "deep = " + "[" * depth + "]" * depth + "\n"
    if kind == "table":
        return head + "deep = " + "{a = " * depth + "1" + "}" * depth + "\n"
    if kind == "dotted":
        return head + "deep" + ".a" * depth + " = 1\n"
    if kind == "date":
        return head + 'date = "' + "/".join(["1950"] * (depth * 3)) + '"\n'
    raise ValueError(kind)


def mutate(data: bytes, rng: random.Random, count: int | None = None) -> bytes:
    """`data` with a few random byte flips, insertions, deletions, cut tails or repeated runs."""
    out = bytearray(data)
    for _ in range(count or rng.randint(1, 8)):
        if not out:
            out = bytearray(b"%PDF-1.7\n")
        choice = rng.random()
        at = rng.randrange(len(out))
        if choice < 0.35:
            out[at] = rng.randrange(256)
        elif choice < 0.5:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice < 0.65:
            del out[at : at + rng.randint(1, 32)]
        elif choice < 0.75:
            del out[at:]
        elif choice < 0.85:
            out[at:at] = rng.choice(_TOKENS)
        else:
            end = min(len(out), at + rng.randint(1, 64))
            out[at:at] = out[at:end] * rng.randint(2, 20)
    return bytes(out)


_TOKENS = [
    b"[",
    b"{",
    b"]]",
    b"<<",
    b">>",
    b" 0 R ",
    b"/Kids [1 0 R]",
    b"/Count -1",
    b"/Length 999999999",
    b"endstream",
    b"xref",
    b'"',
    b"'''",
    b"\\u0000",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"=",
    b"\n[[scans]]\n",
    b"\n[source]\n",
    b"1979-05-27T07:32:00Z",
]

RECORD_SEED = """id = "fuzz-record"
title = "Telegram from Mukden"
date = "1949-05-18"
languages = ["en", "zh"]
creators = ["Ward, Angus", {family = "Smith", given = "J."}]
subjects = ["Consulate", "Manchuria"]

[source]
archive = "National Archives"
location = "RG 59, box 7"

[[transcripts]]
file = "transcript.en.txt"
language = "en"

[[scans]]
file = "scan.pdf"
label = "Facsimile"
"""
