"""Dates as spreadsheets and finding aids write them, read to the precision they give.

`0/0/1964` is 1964, `8/00/1963` August 1963, `12/00/63` December 1963, `31 jul 1979` a day,
`1963-11-22` a day. Slashed dates are read month first (the US order of NARA's lists) unless the
first number cannot be a month. A placeholder such as `01/01/0000` or `00/00/0000` is no date.
"""

from __future__ import annotations

import datetime
import re

from viewer.domain.model import PartialDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janv", "janvier", "januar"),
            ("feb", "february", "febr", "fev", "février", "fevrier", "februar"),
            ("mar", "march", "mars", "märz", "maerz"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin", "juni"),
            ("jul", "july", "juil", "juillet", "juli"),
            ("aug", "august", "août", "aout"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre", "okt", "oktober"),
            ("nov", "november", "novembre"),
            ("dec", "december", "décembre", "decembre", "dez", "dezember"),
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{2}|\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_ONLY_YEAR = re.compile(r"([^\W\d_]+)\.?,?\s+(\d{4})")
_YEAR = re.compile(r"(\d{4})")
_YEARS = re.compile(r"(\d{4})\s*(?:/|-|–|to)\s*(\d{4})")
_NO_YEAR = re.compile(r"(?<!\d)0000(?!\d)")


def is_placeholder(text: str) -> bool:
    """Whether `text` is a date field's way of saying "no date": `01/01/0000`, `00/00/0000`,
    `0000-00-00` (NARA's lists use the first)."""
    return bool(_NO_YEAR.search(text)) or set(re.sub(r"\D", "", text)) == {"0"}


def parse(text: str) -> PartialDate | None:
    """The date `text` writes, to the precision it gives; None when it is not understood."""
    text = " ".join(text.split()).strip(" .,")
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        return _make(int(match[1]), int(match[2] or 0), int(match[3] or 0))
    if match := _NUMERIC.fullmatch(text):
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        if match[2] == "." or (first > 12 and second <= 12):
            first, second = second, first  # day first: 22.11.1963, 31/07/1979
        return _make(year, first, second)
    if match := _MONTH_YEAR.fullmatch(text):
        return _make(int(match[2]), int(match[1]), 0)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        return None if month is None else _make(_year(match[3]), month, int(match[1]))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month = _MONTHS.get(match[1].lower())
        return None if month is None else _make(int(match[3]), month, int(match[2]))
    if match := _MONTH_ONLY_YEAR.fullmatch(text):
        month = _MONTHS.get(match[1].lower())
        return None if month is None else _make(int(match[2]), month, 0)
    if match := _YEAR.fullmatch(text):
        return _make(int(match[1]), 0, 0)
    if (match := _YEARS.fullmatch(text)) and int(match[1]) < int(match[2]):
        return PartialDate(int(match[1]), end=PartialDate(int(match[2])))
    return None


def from_value(value: datetime.date) -> PartialDate:
    """A date a spreadsheet stored as a date (an Excel cell)."""
    return PartialDate(value.year, value.month, value.day)


def _year(text: str) -> int:
    """A year; two digits are read in the last hundred years (63 is 1963, 05 is 2005)."""
    year = int(text)
    if len(text) > 2:
        return year
    this_year = datetime.date.today().year
    century = this_year - this_year % 100
    return century + year if century + year <= this_year else century - 100 + year


def _make(year: int, month: int, day: int) -> PartialDate | None:
    """The date to the precision known: a zero month or day is unknown; no year is no date."""
    if year < 1 or not 0 <= month <= 12:
        return None
    if month == 0:
        return PartialDate(year)
    if day:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)
