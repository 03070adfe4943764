"""The quick reading of plain record.toml files gives what tomllib gives, or leaves the file to
tomllib."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from viewer.domain import toml_fast
from viewer.domain.record_fields import parse_toml

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

PLAIN = [
    "",
    "\n\n# only a comment\n",
    'id = "r1"\ntitle = "A telegram"\n',
    "id='r1'\ntitle= 'Say \"quoted\" and C:\\path'\n",
    "languages = [\"en\", 'ru', ]  # two\nsubjects = []\npages = 3\nformat_version = -0\n",
    'title = "Ünïcödé — «text» 日本"\nflag = true\nother = false\n',
    '[source]\narchive = "RGASPI"\nlocation = "f. 17"\n\n[[scans]]\nfile = "a.pdf"\n'
    '[[scans]]\nfile = "b.pdf"\nlabel = "B"\n[[transcripts]]\nfile = "t.txt"\n',
    '  [ extra ]  # spaced\n  key = "value"\t# tabbed\n',
    "[[ scans ]]\nfile = 'x.pdf'\n",
]

LEFT_TO_TOMLLIB = [
    'title = "with \\"escape\\""\n',  # escapes
    'title = """multi\nline"""\n',
    "date = 1949-05-18\n",  # a TOML date
    "number = 1.5\n",
    "number = 1_000\n",
    "number = 0x1F\n",
    "number = 123456789012345678901234567890\n",
    'source = { archive = "x" }\n',
    'source.archive = "x"\n',  # dotted key
    '"quoted key" = "x"\n',
    'id = "a"\nid = "b"\n',  # the same key twice: an error
    "[source]\n[source]\n",
    'scans = ["a"]\n[[scans]]\nfile = "b"\n',
    '[[scans]]\nfile = "a"\n[scans]\n',
    'title = "a"\r\n',
    'title = "bell\x07"\n',
    "title = 'a\x7f'\n",
    "# comment with \x00\n",
    'names = [["a"]]\n',
    "title = \n",
    "title\n",
    "[a.b]\n",
    'title = "a" "b"\n',
    "ключ = 'x'\n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_toml_is_read_as_tomllib_reads_it(text: str) -> None:
    assert toml_fast.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize("text", LEFT_TO_TOMLLIB)
def test_anything_else_is_left_to_tomllib(text: str) -> None:
    assert toml_fast.loads(text) is None


def test_the_sample_records_are_read_quickly_and_as_tomllib_reads_them() -> None:
    files = sorted(SAMPLES.rglob("*.toml"))
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert toml_fast.loads(text) == tomllib.loads(text), file


def test_a_file_tomllib_refuses_is_explained_by_tomllib() -> None:
    with pytest.raises(tomllib.TOMLDecodeError, match="line 2"):
        parse_toml(b'id = "a"\nid = "b"\n')


_PIECES = ['"', "'", "[", "]", "=", ",", "#", " ", "\n", "\\", "a", "1", ".", "-", "\t", "{", "\r"]


def _mutated(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars) + 1)
        what = rng.random()
        if what < 0.4:
            chars.insert(at, rng.choice(_PIECES))
        elif chars and what < 0.7:
            del chars[min(at, len(chars) - 1)]
        elif chars:
            chars[min(at, len(chars) - 1)] = rng.choice(_PIECES)
    return "".join(chars)


def test_whatever_the_quick_reading_takes_tomllib_reads_the_same() -> None:
    rng = random.Random(19)
    seeds = [t for t in PLAIN if t] + [
        f.read_text(encoding="utf-8") for f in sorted(SAMPLES.rglob("record.toml"))
    ]
    taken = 0
    for _ in range(6000):
        text = _mutated(rng.choice(seeds), rng)
        quick = toml_fast.loads(text)
        if quick is None:
            continue
        taken += 1
        assert quick == tomllib.loads(text), repr(text)
    assert taken > 500  # the mutations left many files plain
