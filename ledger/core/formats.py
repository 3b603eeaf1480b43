"""The house style for numbers and dates: one way to write them everywhere.

The terminal, the report, the notebook views and ``DueWindow.explain()`` all
write dates, percentages and counts through these functions. Nothing here
reads the locale or the clock: month names come from ``ledger.core.words``.

>>> long_date(__import__("datetime").date(2025, 10, 17)), percent(0.125), plural(2, "deadline")
('17 October 2025', 13, '2 deadlines')
"""

from __future__ import annotations

import datetime as _dt
import math

import pandas as pd

from ledger.core.words import MONTH_NAMES

__all__ = ["SMALL_N", "as_date", "long_date", "month_abbr", "percent", "plural", "short_date"]

#: Below this many due commitments a sentence gives counts and the interval,
#: never a point percentage (docs/statistics.md, "Small numbers").
SMALL_N = 10


def as_date(value) -> _dt.date | None:
    """A date from a date, Timestamp or missing value (None)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, _dt.datetime):
        return value.date()
    return value


def long_date(value) -> str:
    """'17 October 2025' (no locale involved); '' for a missing date."""
    day = as_date(value)
    return "" if day is None else f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(value, *, year: bool = True) -> str:
    """'17 Oct 2025' or '17 Oct'."""
    day = as_date(value)
    if day is None:
        return ""
    text = f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"
    return f"{text} {day.year}" if year else text


def month_abbr(month: int) -> str:
    """'Jan' for 1."""
    return MONTH_NAMES[month - 1][:3]


def percent(x: float) -> int:
    """A share as a whole percentage, halves rounded up (0.125 -> 13)."""
    return int(math.floor(x * 100 + 0.5))


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 deadline', '2 deadlines'."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
