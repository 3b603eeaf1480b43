"""Two days of one month named once: 'from the 13th to the 15th of July'.

Read on its own, 'the 13th' is the next 13th after the day said, so in February
'from the 13th to 15th July' used to give 13 February, a window that ended five
months before either day it names. Expected windows are worked by hand with a
printed calendar (`python -c "import calendar; print(calendar.month(2025, 7))"`).
"""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, deadline_windows, parse_deadline

FEB = date(2025, 2, 10)


@pytest.mark.parametrize(
    "phrase, said, earliest, latest, bound",
    [
        ("from the 13th to 15th July", FEB, date(2025, 7, 13), date(2025, 7, 15), "in"),
        ("from the 13th to the 15th of July", FEB, date(2025, 7, 13), date(2025, 7, 15), "in"),
        # said inside the two days: the window starts on the day said
        ("from the 13th to the 15th of July", date(2025, 7, 14), date(2025, 7, 14), date(2025, 7, 15), "in"),
        # said after them: next year's
        ("from the 13th to the 15th of July", date(2025, 7, 16), date(2026, 7, 13), date(2026, 7, 15), "in"),
        # no lead word: by the later day, as for "tonight or tomorrow"
        ("the 13th to 15th July", FEB, FEB, date(2025, 7, 15), "within"),
        # "from ... to" with two named times bounds the window at both ends
        ("from tonight to tomorrow", FEB, FEB, date(2025, 2, 11), "in"),
        # the month first, said once: "July 13-15", "July 13 to 15", "July 13th to the 15th"
        ("July 13-15", FEB, FEB, date(2025, 7, 15), "within"),
        ("July 13 to 15", FEB, FEB, date(2025, 7, 15), "within"),
        ("July 13th to the 15th", FEB, FEB, date(2025, 7, 15), "within"),
        ("from July 13 to 15", FEB, date(2025, 7, 13), date(2025, 7, 15), "in"),
        ("between July 3 and 5", FEB, FEB, date(2025, 7, 5), "within"),
        # said on the 14th: this year's 15th, not next year's
        ("July 13-15", date(2025, 7, 14), date(2025, 7, 14), date(2025, 7, 15), "within"),
    ],
)
def test_a_month_named_once_covers_both_days(phrase, said, earliest, latest, bound):
    """The bare first day takes the month of the second; 'from A to B' runs from A to B."""
    w = parse_deadline(phrase, said)
    assert (w.earliest, w.due, w.latest, w.bound) == (earliest, latest, latest, bound)


@pytest.mark.parametrize(
    "phrase", ["from the 20th to 15th July", "the 30th to 31st June", "July 15-13", "June 30-31", "June 30 to 31"]
)
def test_an_impossible_or_backwards_pair_is_refused(phrase):
    """A first day after the second, or a day the month does not have, is refused, not guessed."""
    with pytest.raises(DeadlineError):
        parse_deadline(phrase, FEB)


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@given(
    said=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    month=st.integers(1, 12),
    first=st.integers(1, 25),  # so that every month and year has the last day too
    span=st.integers(1, 3),
    form=st.sampled_from(
        [
            "from the {a} to the {b} of {m}",
            "from the {a} to {b} {m}",
            "the {a} to the {b} of {m}",
            "{m} {a}-{b}",
            "{m} {a} to {b}",
            "from {m} {a} to the {b}",
            "between {m} {a} and {b}",
        ]
    ),
)
def test_both_named_days_lie_inside_the_window(said, month, first, span, form):
    """Each named day lies in [earliest, latest] or before the day said; no window ends before the day said."""
    last = first + span
    name = calendar.month_name[month]
    phrase = form.format(a=_ordinal(first), b=_ordinal(last), m=name)
    w = parse_deadline(phrase, said)
    assert w.latest is not None and w.latest >= said
    year = w.latest.year
    assert w.latest == date(year, month, last)
    named_first = date(year, month, first)
    assert w.earliest <= max(named_first, said) <= w.latest
    assert date(year, month, last) - named_first == timedelta(days=span)
    # the batch reader agrees with the one-phrase reader
    batch = deadline_windows([phrase], [said])
    assert batch.loc[0, "latest"].date() == w.latest and batch.loc[0, "earliest"].date() == w.earliest
