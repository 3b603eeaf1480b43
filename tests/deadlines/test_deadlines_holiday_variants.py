"""Holiday variants newsrooms use: 'this Thanksgiving', Black Friday, Cyber Monday, Election Day.

Expected dates worked by hand with a printed calendar
(`python -c "import calendar; print(calendar.month(2025, 11))"`): Thanksgiving
2025 is Thursday 27 November; the first Monday of November 2025 is the 3rd, so
Election Day is Tuesday 4 November; in 2026 the first Monday is the 2nd and
Election Day Tuesday 3 November; in 2027 Monday 1 and Tuesday 2 November.
"""

from datetime import date

import pytest

from ledger.deadlines import parse_deadline

S = date(2025, 10, 16)  # a Thursday


@pytest.mark.parametrize(
    "phrase, due, rule",
    [
        ("this Thanksgiving", date(2025, 11, 27), "holiday_thanksgiving"),
        ("this coming Christmas", date(2025, 12, 25), "holiday_christmas"),
        ("Black Friday", date(2025, 11, 28), "holiday_thanksgiving"),
        ("by Cyber Monday", date(2025, 12, 1), "holiday_thanksgiving"),
        ("Election Day", date(2025, 11, 4), "holiday_election"),
        ("by Election Day 2026", date(2026, 11, 3), "holiday_election"),
        ("Election Day 2027", date(2027, 11, 2), "holiday_election"),
        ("this Halloween", date(2025, 10, 31), "holiday_halloween"),
    ],
)
def test_holiday_variants(phrase, due, rule):
    """Each variant is the documented day, by the holiday's own rule."""
    w = parse_deadline(phrase, S)
    assert (w.due, w.rule) == (due, rule)


def test_election_day_is_the_tuesday_after_the_first_monday():
    """Never 1 November: when November starts on a Tuesday, Election Day is the 8th."""
    for year in range(2020, 2040):
        day = parse_deadline(f"Election Day {year}", date(2020, 1, 1)).due
        assert day.weekday() == 1 and 2 <= day.day <= 8 and day.month == 11
    assert parse_deadline("Election Day 2022", date(2020, 1, 1)).due == date(2022, 11, 8)


def test_said_on_the_day_after_election_day_it_is_next_years():
    """The next one on or after the day said, as for every holiday."""
    assert parse_deadline("Election Day", date(2025, 11, 5)).due == date(2026, 11, 3)
