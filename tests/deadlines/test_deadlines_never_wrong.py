"""Never silently wrong: a window always holds the calendar dates its phrase names.

Issue 12, section 3, as properties. For phrases that name an explicit calendar date
(month names and abbreviations, day numbers and ordinals, numeric month/day, ISO, with
and without a year and a weekday, behind the lead words people use) said on any day:

- the phrase is refused (``DeadlineError``), or every date it names lies inside
  [earliest, latest], or is the window's stated start; after "before" the date named is
  the day after ``latest`` (before is exclusive);
- a weekday named with a date is that date's weekday, or the phrase is refused;
- no window ends before the day the phrase was said, and a date with an explicit year
  before that day is refused.

A month and day without a year may be any year's (which one is the reader's convention);
the property asks only that one of them is in the window. Nothing here reads the phrase
with ledger's own code.
"""

import calendar
import datetime as dt
from typing import NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, DueWindow, parse_deadline

MONTHS = list(calendar.month_name)[1:]
WEEKDAYS = list(calendar.day_name)
# How newsrooms abbreviate: AP style, plus the three-letter forms.
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
THREE_LETTER = [m[:3] for m in MONTHS]
LEADS = ["", "by ", "on ", "before ", "until ", "no later than ", "through "]

said_days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


class Named(NamedTuple):
    """A phrase and the calendar facts it states."""

    phrase: str
    lead: str
    month: int
    day: int
    year: int | None  # None: no year in the words
    weekday: int | None  # 0 = Monday; None: no weekday in the words


# Ways to write a month and day, with and without a year; m, d, y are numbers, M a month word.
NO_YEAR = [
    "{M} {d}",
    "{Mshort} {d}",
    "{M3} {d}",
    "{M} {o}",
    "{d} {M}",
    "{o} {M}",
    "the {o} of {M}",
    "{M} the {o}",
    "{m}/{d}",
]
WITH_YEAR = ["{M} {d}, {y}", "{M} {o}, {y}", "{d} {M} {y}", "{Mshort} {d}, {y}", "{y}-{mm}-{dd}", "{m}/{d}/{y}"]


def _likely_meant(said: dt.date, year: int | None, month: int, day: int) -> dt.date:
    """The named date, or without a year the first such date on or after the day said (only to pick a weekday)."""
    if year is not None:
        return dt.date(year, month, day)
    for y in range(said.year, said.year + 9):
        try:
            meant = dt.date(y, month, day)
        except ValueError:  # February 29 outside a leap year
            continue
        if meant >= said:
            return meant
    raise ValueError(f"no {month}/{day} within eight years of {said}")


@st.composite
def dated_phrases(draw, said: dt.date) -> Named:
    """A phrase naming one calendar date near the day said, maybe with a year and a weekday."""
    with_year = draw(st.booleans())
    if with_year:
        year = said.year + draw(st.integers(min_value=-1, max_value=3))
        month = draw(st.integers(min_value=1, max_value=12))
        day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
        template = draw(st.sampled_from(WITH_YEAR))
    else:
        year = None
        month = draw(st.integers(min_value=1, max_value=12))
        day = draw(st.integers(min_value=1, max_value=calendar.monthrange(2024, month)[1]))  # Feb 29 allowed
        template = draw(st.sampled_from(NO_YEAR))
    words = template.format(
        M=MONTHS[month - 1],
        Mshort=SHORT_MONTHS[month - 1],
        M3=THREE_LETTER[month - 1],
        d=day,
        o=ordinal(day),
        m=month,
        mm=f"{month:02d}",
        dd=f"{day:02d}",
        y=year,
    )
    # No weekday, the weekday of the date most likely meant (so the check is reached), or any.
    choice = draw(st.sampled_from(["none", "meant", "any"]))
    weekday: int | None = None
    if choice == "meant":
        weekday = _likely_meant(said, year, month, day).weekday()
    elif choice == "any":
        weekday = draw(st.integers(min_value=0, max_value=6))
    if weekday is not None and not template.startswith("{y}-"):
        words = draw(st.sampled_from(["{w}, {x}", "{w} {x}", "{w3}, {x}"])).format(
            w=WEEKDAYS[weekday], w3=WEEKDAYS[weekday][:3], x=words
        )
    else:
        weekday = None
    lead = draw(st.sampled_from(LEADS))
    return Named(lead + words, lead.strip(), month, day, year, weekday)


def candidates(named: Named, said: dt.date) -> list[dt.date]:
    """Every calendar date the words can mean: the one date, or that month and day in any nearby year."""
    years = [named.year] if named.year is not None else range(said.year - 1, said.year + 10)
    out = []
    for y in years:
        try:
            out.append(dt.date(y, named.month, named.day))
        except ValueError:  # February 29 outside a leap year
            continue
    return out


def holds(w: DueWindow, day: dt.date, lead: str) -> bool:
    """The window holds the named day as its phrase says: inside it, its start, or just after it for 'before'."""
    if w.latest is None:
        return day == w.earliest
    if lead == "before":
        return day == w.latest + dt.timedelta(days=1)
    return w.earliest <= day <= w.latest


@given(st.data(), said_days)
def test_a_named_date_is_inside_its_window_or_the_phrase_is_refused(data, said):
    """Every explicit date named lies in [earliest, latest] (after 'before': the next day) or the phrase is refused."""
    named = data.draw(dated_phrases(said))
    try:
        w = parse_deadline(named.phrase, said)
    except DeadlineError:
        return
    held = [day for day in candidates(named, said) if holds(w, day, named.lead)]
    assert held, f"{named.phrase!r} said {said}: window {w!r} holds no date the phrase names"


@given(st.data(), said_days)
def test_a_weekday_named_with_a_date_agrees_or_the_phrase_is_refused(data, said):
    """A weekday beside a date is that date's weekday in the window, or the phrase is refused."""
    named = data.draw(dated_phrases(said).filter(lambda n: n.weekday is not None))
    try:
        w = parse_deadline(named.phrase, said)
    except DeadlineError:
        return
    held = [day for day in candidates(named, said) if holds(w, day, named.lead)]
    assert held and all(day.weekday() == named.weekday for day in held), (
        f"{named.phrase!r} said {said}: window {w!r} holds {held}, not a {WEEKDAYS[named.weekday or 0]}"
    )


@given(st.data(), said_days)
def test_no_window_ends_before_the_day_said(data, said):
    """Whatever the date named, the window never ends before the day the phrase was said."""
    named = data.draw(dated_phrases(said))
    try:
        w = parse_deadline(named.phrase, said)
    except DeadlineError:
        return
    assert w.latest is None or w.latest >= said, f"{named.phrase!r} said {said}: {w!r}"
    assert w.earliest >= said, f"{named.phrase!r} said {said}: {w!r} starts before the day said"


@given(st.data(), said_days)
def test_an_explicit_past_date_is_refused(data, said):
    """A date with its year that falls before the day said is refused, not moved."""
    named = data.draw(dated_phrases(said).filter(lambda n: n.year is not None))
    named_day = candidates(named, said)[0]
    if named_day >= said:
        return
    try:
        w = parse_deadline(named.phrase, said)
    except DeadlineError:
        return
    raise AssertionError(f"{named.phrase!r} said {said} names {named_day}, before that day, but reads as {w!r}")


# Two days of one month: "July 13-15", "from the 13th to the 15th of July".
RANGE_TEMPLATES = [
    "{M} {a}-{b}",
    "{M} {a} to {b}",
    "{M} {oa}-{ob}",
    "from {M} {a} to {b}",
    "between {M} {a} and {b}",
    "from the {oa} to the {ob} of {M}",
    "the {oa} to {ob} {M}",
    "{a}-{b} {M}",
    "by {M} {a}-{b}",
]


@given(st.data(), said_days)
def test_both_days_of_a_range_are_in_its_window_or_it_is_refused(data, said):
    """Both days named lie in the window (the first may be before its start when said inside the range)."""
    month = data.draw(st.integers(min_value=1, max_value=12))
    last = calendar.monthrange(2023, month)[1]  # no February 29: the range must exist every year
    a = data.draw(st.integers(min_value=1, max_value=last - 1))
    b = data.draw(st.integers(min_value=a + 1, max_value=last))
    template = data.draw(st.sampled_from(RANGE_TEMPLATES))
    phrase = template.format(M=MONTHS[month - 1], a=a, b=b, oa=ordinal(a), ob=ordinal(b))
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError:
        return
    assert w.latest is not None and w.latest >= said, f"{phrase!r} said {said}: {w!r}"
    fits = [
        y
        for y in range(said.year - 1, said.year + 3)
        if w.earliest <= dt.date(y, month, b) <= w.latest and (w.earliest <= dt.date(y, month, a) or w.earliest == said)
    ]
    assert fits, f"{phrase!r} said {said}: window {w!r} does not hold days {a} and {b} of {MONTHS[month - 1]}"


# A day of the month with no month: "the 15th", "Tuesday the 19th".
DAY_TEMPLATES = ["the {o}", "{W} the {o}", "{W} {o}", "{W3} {o}"]


@given(st.data(), said_days)
def test_a_day_of_the_month_is_in_its_window_with_its_weekday_or_refused(data, said):
    """'the 15th', 'Tuesday the 19th': some month's day of that number is in the window, on the weekday named."""
    day = data.draw(st.integers(min_value=1, max_value=31))
    template = data.draw(st.sampled_from(DAY_TEMPLATES))
    weekday = data.draw(st.integers(min_value=0, max_value=6)) if "{W" in template else None
    lead = data.draw(st.sampled_from(LEADS))
    name = WEEKDAYS[weekday] if weekday is not None else ""
    phrase = lead + template.format(o=ordinal(day), W=name, W3=name[:3])
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError:
        return
    days = [
        dt.date(y, m, day)
        for y in range(said.year - 1, said.year + 3)
        for m in range(1, 13)
        if day <= calendar.monthrange(y, m)[1]
    ]
    held = [d for d in days if holds(w, d, lead.strip())]
    assert held, f"{phrase!r} said {said}: window {w!r} holds no day {day} of any month"
    assert weekday is None or all(d.weekday() == weekday for d in held), f"{phrase!r} said {said}: {w!r} holds {held}"
    assert w.latest is None or w.latest >= said
