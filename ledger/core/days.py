"""Day arithmetic on whole columns: day numbers since 1970-01-01 and numpy datetimes.

>>> import numpy as np
>>> datetimes(np.array([0, NAT], dtype=np.int64))
array(['1970-01-01T00:00:00',                 'NaT'], dtype='datetime64[s]')
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np

from ledger.core.errors import FieldTypeError

__all__ = ["DATE_EXPECTED", "NAT", "datetimes", "is_calendar_date", "require_date"]

#: What every date argument and field must be, in the words of its error.
DATE_EXPECTED = "a date (datetime.date, no time of day)"


def is_calendar_date(value: Any) -> bool:
    """True for a ``datetime.date`` that is not a ``datetime``.

    datetime is a subclass of date; a time of day would silently shift
    comparisons, so it is refused rather than truncated.

    >>> is_calendar_date(_dt.date(2025, 1, 1)), is_calendar_date(_dt.datetime(2025, 1, 1))
    (True, False)
    """
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def require_date(value: Any, name: str) -> _dt.date:
    """``value`` if it is a calendar date, else ``FieldTypeError`` (a TypeError) naming ``name``.

    >>> try:
    ...     require_date("2025-01-01", "as_of")
    ... except TypeError as e:
    ...     print(e)
    'as_of' must be a date (datetime.date, no time of day) (got '2025-01-01' of type str)
    """
    if not is_calendar_date(value):
        raise FieldTypeError(name, DATE_EXPECTED, value)
    return value


NAT = np.iinfo(np.int64).min  # "no date": the same int64 as numpy's NaT


def datetimes(days: np.ndarray, missing: int = NAT) -> np.ndarray:
    """Day numbers since 1970-01-01 as datetime64[s], NaT where a day is ``missing``."""
    seconds = days * 86_400
    seconds[days == missing] = NAT
    return seconds.view("datetime64[s]")
