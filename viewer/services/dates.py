"""Dates written as the interface language writes them: "May 18, 1949", "18. Mai 1949",
"18 mai 1949".

The order of day, month and year is a translation (the interface language's own rule), and the
names of the months come from Qt's locale data for that language, so no language needs a table
of its own here. The domain keeps its English forms (`PartialDate.display`) for citations,
which follow their style, not the reader's interface.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QLocale

from viewer.domain.model import PartialDate
from viewer.services import i18n


@functools.lru_cache(maxsize=8)
def _forms(language: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str]:
    """Month names (in a date, standing alone, abbreviated) and the day and month patterns."""
    locale = QLocale(language)
    long_format = QLocale.FormatType.LongFormat
    in_date = tuple(locale.monthName(m, long_format) for m in range(1, 13))
    alone = tuple(locale.standaloneMonthName(m, long_format) for m in range(1, 13))
    short = tuple(locale.monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13))
    translate = QCoreApplication.translate
    day = translate("Dates", "{month} {day}, {year}", "a day: May 18, 1949 (18. Mai 1949)")
    month = translate("Dates", "{month} {year}", "a month: May 1949")
    return in_date, alone, short, day, month


def _written(date: PartialDate, *, abbreviated: bool) -> str:
    in_date, alone, short, day_form, month_form = _forms(i18n.current())
    if date.month and date.day and 1 <= date.month <= 12:
        names = short if abbreviated else in_date
        text = day_form.format(month=names[date.month - 1], day=date.day, year=date.year)
    elif 1 <= date.month <= 12:
        names = short if abbreviated else alone
        text = month_form.format(month=names[date.month - 1], year=date.year)
    else:
        text = str(date.year)
    if date.end is not None:
        text += "–" + _written(date.end, abbreviated=abbreviated)
    return text


def long(date: PartialDate) -> str:
    """The date in full: "May 18, 1949", "18. Mai 1949", "mai 1949", "1917–1920"."""
    return _written(date, abbreviated=False)


def short(date: PartialDate) -> str:
    """The date in a narrow column: "May 18, 1949", "18. Mai 1949", "18 janv. 1950"."""
    return _written(date, abbreviated=True)
