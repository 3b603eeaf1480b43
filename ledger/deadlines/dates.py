"""Calendar arithmetic the deadline rules share: months, weeks, seasons, holidays, lengths.

Everything here takes and returns ``datetime.date`` and raises ``Unreadable``
for a day that does not exist. Holiday tables and business-day calendars are
calendar data, not parse results, so they are cached (``holiday_table``,
``holiday_date``, ``business_calendar``; benchmarks clear them to time loading).

>>> from ledger.deadlines.policy import DEFAULT_POLICY
>>> add_months(date(2025, 1, 31), 1), length_end(date(2025, 10, 16), 2, "weeks", DEFAULT_POLICY)
(datetime.date(2025, 2, 28), (datetime.date(2025, 10, 30), True))
"""

from __future__ import annotations

import calendar
import functools
import math
from datetime import date, timedelta
from typing import Any

import numpy as np

from ledger.core.formats import long_date
from ledger.core.words import WEEKDAY_NAMES, WEEKDAYS
from ledger.deadlines.errors import Unreadable
from ledger.deadlines.lexicon import UNITS
from ledger.deadlines.policy import DeadlinePolicy

__all__ = [
    "add_months",
    "business_calendar",
    "ceil_days",
    "check_weekday",
    "days_in_month",
    "holiday",
    "holiday_around",
    "holiday_date",
    "holiday_table",
    "house_date",
    "length_end",
    "month_end",
    "next_month_day",
    "next_public_event",
    "nth_weekday",
    "safe_date",
    "season_span",
    "week_start",
    "year_of",
]


def house_date(day: date) -> str:
    """A date with its weekday in the house style of the reports.

    >>> house_date(date(2025, 6, 2))
    'Monday 2 June 2025'
    """
    return f"{WEEKDAY_NAMES[day.weekday()]} {long_date(day)}"


def days_in_month(year: int, month: int) -> int:
    """28 to 31."""
    return calendar.monthrange(year, month)[1]


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, days_in_month(year, month))


def add_months(day: date, months: int) -> date:
    """Calendar months, clipped to the month's end: Jan 31 + 1 month = Feb 28."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def ceil_days(x: float) -> int:
    """Whole days, rounded up: 10.5 days (a week and a half) is day 11."""
    # Tolerate float fuzz: 1.5 * 14 = 21.000001 is 21 days.
    return math.ceil(x - 1e-9)


def safe_date(year: int, month: int, day: int) -> date:
    """The date, or ``Unreadable`` if it does not exist (February 30)."""
    try:
        return date(year, month, day)
    except ValueError:
        raise Unreadable("is not a real date", f"{year}-{month:02d}-{day:02d} does not exist") from None


def next_month_day(month: int, day: int, said_on: date) -> date:
    """The next month/day on or after ``said_on`` (Feb 29 waits for a leap year)."""
    for year in range(said_on.year, said_on.year + 9):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= said_on:
            return candidate
    raise Unreadable("is not a real date", f"month {month} has no day {day}")


def year_of(spec: str | None, said_on: date) -> int | None:
    """The year a YEAR_SPEC names ('2026', 'this year', 'next year'), or None for none."""
    if spec is None or spec == "year":
        return None
    if spec == "this year":
        return said_on.year
    if spec == "next year":
        return said_on.year + 1
    return int(spec)


def check_weekday(name: str | None, day: date) -> None:
    """Refuse a weekday said with a date that is not on it ("Friday, October 30" in 2025)."""
    if name is not None and WEEKDAYS[name] != day.weekday():
        raise Unreadable(
            "names a weekday that does not match its date",
            f"{day.isoformat()} is a {WEEKDAY_NAMES[day.weekday()]}, not a {WEEKDAY_NAMES[WEEKDAYS[name]]}; "
            "ledger refuses to guess which one was meant",
        )


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The n-th given weekday of a month (n = 1..5; 0 = the last), or None if it has no such day.

    >>> nth_weekday(2026, 10, 1, 1), nth_weekday(2026, 6, 4, 0), nth_weekday(2026, 2, 0, 5)
    (datetime.date(2026, 10, 6), datetime.date(2026, 6, 26), None)
    """
    if n == 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def _election_day(year: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November (2 U.S.C. 7)."""
    first_monday = date(year, 11, 1) + timedelta(days=(0 - date(year, 11, 1).weekday()) % 7)
    return first_monday + timedelta(days=1)


def next_public_event(kind: str, said_on: date) -> date:
    """The next day of a public event (policy.PUBLIC_EVENT_KINDS) on or after ``said_on``.

    Midterms are in even years not divisible by four; presidential elections in years
    divisible by four; the inauguration is January 20 of the year after one.

    >>> next_public_event("us_midterms", date(2025, 10, 16)), next_public_event("us_inauguration", date(2026, 3, 1))
    (datetime.date(2026, 11, 3), datetime.date(2029, 1, 20))
    """
    for year in range(said_on.year, said_on.year + 6):
        if kind == "us_inauguration":
            day = date(year, 1, 20) if (year - 1) % 4 == 0 else None
        elif kind == "us_election_day":
            day = _election_day(year)
        elif kind == "us_presidential_election":
            day = _election_day(year) if year % 4 == 0 else None
        elif kind == "us_midterms":
            day = _election_day(year) if year % 2 == 0 and year % 4 else None
        else:
            raise ValueError(f"unknown public event {kind!r}")
        if day is not None and day >= said_on:
            return day
    raise ValueError(f"no {kind} within six years of {said_on}")  # pragma: no cover - every kind recurs


def week_start(day: date, policy: DeadlinePolicy) -> date:
    """The first day of the week ``day`` is in (``policy.week_start``)."""
    return day - timedelta(days=(day.weekday() - policy.week_start) % 7)


def season_span(season: str, year: int, policy: DeadlinePolicy) -> tuple[date, date]:
    """First and last day of a season that starts in ``year`` (winter runs into the next)."""
    index = ("spring", "summer", "autumn", "winter").index(season)
    first = date(year, policy.season_starts()[index], 1)
    last = add_months(first, 2)
    return first, month_end(last.year, last.month)


def length_end(said_on: date, value: float, unit_word: str, policy: DeadlinePolicy) -> tuple[date, bool]:
    """The day a length of time ends, and whether it is a pure offset from ``said_on``.

    Minutes and hours round up to whole days; weeks are days; months, quarters and
    years are calendar months; business days skip weekends and the policy's holidays.
    """
    unit, mult = UNITS[unit_word]
    value *= mult
    if unit == "day":
        return said_on + timedelta(days=ceil_days(value)), True
    if unit == "hour":
        return said_on + timedelta(days=ceil_days(value / 24)), True
    if unit == "minute":
        return said_on + timedelta(days=ceil_days(value / 1440)), True
    if unit == "month":
        whole = int(value + 1e-9)
        # Half a month is 15 days: "a month and a half" = one month, then 15 days.
        return add_months(said_on, whole) + timedelta(days=ceil_days((value - whole) * 30)), False
    # Business days skip weekends and the policy country's holidays.
    years = 2 + int(value) // 250
    busdays = business_calendar(policy.holiday_country, policy.holiday_subdiv, said_on.year, years)
    due = np.busday_offset(np.datetime64(said_on, "D"), ceil_days(value), roll="forward", busdaycal=busdays)
    end: date = due.astype(object)
    return end, False


@functools.lru_cache(maxsize=512)
def holiday_table(country: str, subdiv: str | None, year: int) -> Any:
    """The holiday library's table for one year (calendar data, not parse results)."""
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv, years=year)


@functools.lru_cache(maxsize=256)
def business_calendar(country: str, subdiv: str | None, first_year: int, years: int) -> np.busdaycalendar:
    """Weekdays minus the country's holidays, for ``years`` years from ``first_year``."""
    days = [d for y in range(first_year, first_year + years) for d in holiday_table(country, subdiv, y)]
    return np.busdaycalendar(holidays=np.array(days, dtype="datetime64[D]"))


# Holiday key -> name in the `holidays` package (US spelling).
_NTH_SUNDAY = {"mothers": (5, 2), "fathers": (6, 3)}
_HOLIDAY_NAMES = {
    "christmas": "Christmas Day",
    "thanksgiving": "Thanksgiving Day",
    "new_year": "New Year's Day",
    "independence": "Independence Day",
    "labor": "Labor Day",
    "memorial": "Memorial Day",
    "juneteenth": "Juneteenth National Independence Day",
    "veterans": "Veterans Day",
    "columbus": "Columbus Day",
    "mlk": "Martin Luther King Jr. Day",
    "presidents": "Washington's Birthday",
}


def holiday(key: str, year: int, policy: DeadlinePolicy) -> date:
    """A holiday's date in one year, in the policy's country."""
    return holiday_date(key, year, policy.holiday_country, policy.holiday_subdiv)


@functools.lru_cache(maxsize=4096)
def holiday_date(key: str, year: int, country: str, subdiv: str | None) -> date:
    """A holiday's date in one year (calendar data, like holiday_table; not a parse result)."""
    if key == "easter":
        from dateutil.easter import easter

        day: date = easter(year)
        return day
    if key == "halloween":
        return date(year, 10, 31)
    if key == "valentine":
        return date(year, 2, 14)
    if key in _NTH_SUNDAY:
        # Mother's Day, Father's Day: the US rule (second Sunday of May, third of June); the
        # holidays package does not keep them, and other countries keep other days.
        if country != "US":
            raise Unreadable(
                f"names a holiday whose day ledger knows only for the US (not {country})",
                "give the date, or record your own reading in the entry's deadline_means field",
            )
        month, n = _NTH_SUNDAY[key]
        sunday = nth_weekday(year, month, 6, n)
        if sunday is None:  # pragma: no cover - every May and June has three Sundays
            raise Unreadable("is not a real date", f"no Sunday {n} in month {month} of {year}")
        return sunday
    if key == "election":
        # Every year: federal elections in even years, many state and local ones in odd.
        return _election_day(year)
    table = holiday_table(country, subdiv, year)
    name = _HOLIDAY_NAMES[key]
    for day, names in table.items():
        # A day can carry several names joined by "; "; observed days are skipped.
        if name in names.split("; "):
            return day
    raise Unreadable(
        f"names a holiday that {country} does not keep",
        f"the holidays package has no {name!r} for {country} in {year}; "
        "set DeadlinePolicy(holiday_country=...) or give the date",
    )


def holiday_around(day: date, what: str, policy: DeadlinePolicy) -> tuple[date, date]:
    """'Labor Day weekend' (Saturday-Monday), 'Thanksgiving weekend' (Thursday-Sunday),
    'Christmas week' (its Monday-Sunday week)."""
    if what.strip() == "week":
        first = week_start(day, policy)
        return first, first + timedelta(days=6)
    weekday = day.weekday()
    if weekday == 0:
        return day - timedelta(days=2), day  # a Monday holiday: Saturday to Monday
    if weekday in (3, 4):
        return day, day + timedelta(days=6 - weekday)  # Thursday or Friday to Sunday
    if weekday in (5, 6):
        return day - timedelta(days=weekday - 5), day + timedelta(days=6 - weekday)
    raise Unreadable(
        "is ambiguous",
        f"{house_date(day)} has no long weekend: the weekend before or after? give the dates",
    )
