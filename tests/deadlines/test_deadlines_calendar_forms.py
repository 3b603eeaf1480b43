"""Calendar forms people and newsrooms use: numeric dates, the n-th weekday of a month,
"next <holiday>", quarters, seasons by hemisphere, abbreviations, "Tuesday the 19th",
and deadlines anchored on a public event read from the policy's table.

Expected dates worked by hand with a printed calendar
(`python -c "import calendar; print(calendar.month(2026, 10))"`): 10 March 2026 is a
Tuesday; 1 October 2026 a Thursday, so the first Tuesday is the 6th; 30 June 2026 a
Tuesday, so the last Friday is the 26th; 1 April 2026 a Wednesday, so the second Monday
is the 13th. US Election Day is the Tuesday after the first Monday of November: 3
November 2026 (midterms), 7 November 2028 (presidential), 5 November 2030; the
inauguration is 20 January 2029.
"""

import calendar
from datetime import date, timedelta

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DEFAULT_POLICY, DeadlineError, DeadlinePolicy, deadline_windows, parse_deadline
from tests import strategies as sd

S = date(2026, 3, 10)  # a Tuesday
D = date.fromisoformat
SOUTH = attrs.evolve(DEFAULT_POLICY, hemisphere="southern")


@pytest.mark.parametrize(
    "phrase, earliest, due, rule",
    [
        # numeric dates, month first (numeric_date_order)
        ("2/15", "2027-02-15", "2027-02-15", "numeric_date"),
        ("by 2-15", "2026-03-10", "2027-02-15", "numeric_date"),
        ("on 12-1", "2026-12-01", "2026-12-01", "numeric_date"),
        ("3-20-2026", "2026-03-20", "2026-03-20", "numeric_date"),
        ("by 2025-10", None, None, None),  # October 2025 is over: refused (see below)
        ("2027/01", "2027-01-01", "2027-01-31", "month"),
        # the n-th weekday of a month
        ("the first Tuesday of October", "2026-10-06", "2026-10-06", "month_weekday"),
        ("the last Friday in June", "2026-06-26", "2026-06-26", "month_weekday"),
        ("the second Monday of next month", "2026-04-13", "2026-04-13", "month_weekday"),
        ("by the third Thursday in November", "2026-03-10", "2026-11-19", "month_weekday"),
        ("the 1st Monday of October 2027", "2027-10-04", "2027-10-04", "month_weekday"),
        ("the last Friday of the month", "2026-03-27", "2026-03-27", "month_weekday"),
        # a day of next month
        ("the 20th of next month", "2026-04-20", "2026-04-20", "day_of_month"),
        # quarters
        ("Q4", "2026-10-01", "2026-12-31", "quarter"),
        ("3rd quarter", "2026-07-01", "2026-09-30", "quarter"),
        ("the fourth qtr of 2026", "2026-10-01", "2026-12-31", "quarter"),
        ("next quarter", "2026-04-01", "2026-06-30", "quarter"),
        ("2026Q2", "2026-04-01", "2026-06-30", "quarter"),
        # holidays
        ("next Halloween", "2026-10-31", "2026-10-31", "holiday_halloween"),
        ("Valentine's Day", "2027-02-14", "2027-02-14", "holiday_valentine"),
        ("Martin Luther King Day", "2027-01-18", "2027-01-18", "holiday_mlk"),
        ("Easter Monday", "2026-04-06", "2026-04-06", "holiday_easter"),
        ("Election Day", "2026-11-03", "2026-11-03", "holiday_election"),
        ("next Labor Day weekend", "2026-09-05", "2026-09-07", "holiday_labor"),
        # weeks
        ("the beginning of next week", "2026-03-16", "2026-03-17", "week_start"),
        ("the rest of next week", "2026-03-16", "2026-03-22", "week_rest"),
        ("the week of October 6th", "2026-10-05", "2026-10-11", "week_of"),
        # seasons (northern hemisphere by default)
        ("this summer", "2026-06-01", "2026-08-31", "season"),
        ("by the fall", "2026-03-10", "2026-11-30", "season"),
        # abbreviations
        ("in 2 yrs", "2026-03-10", "2028-03-10", "duration"),
        ("3 wks", "2026-03-10", "2026-03-31", "duration"),
        ("6 mos", "2026-03-10", "2026-09-10", "duration"),
        ("1 yr", "2026-03-10", "2027-03-10", "duration"),
        ("a wk", "2026-03-10", "2026-03-17", "duration"),
        ("3 mo", "2026-03-10", "2026-06-10", "duration"),
        # a weekday with its day of the month
        ("Friday the 13th", "2026-03-13", "2026-03-13", "day_of_month"),
        ("Friday 13th", "2026-03-13", "2026-03-13", "day_of_month"),
        ("Friday thirteenth", "2026-03-13", "2026-03-13", "day_of_month"),
        # a length from a holiday
        ("a year from Christmas", "2027-12-25", "2027-12-25", "offset_from_day"),
        ("a year from next Christmas", "2027-12-25", "2027-12-25", "offset_from_day"),
        # public events (policy.public_events)
        ("the midterms", "2026-11-03", "2026-11-03", "event_us_midterms"),
        ("by the US midterms", "2026-03-10", "2026-11-03", "event_us_midterms"),
        ("the 2030 midterms", "2030-11-05", "2030-11-05", "event_us_midterms"),
        ("before the presidential election", "2026-03-10", "2028-11-06", "event_us_presidential_election"),
        ("by the next inauguration", "2026-03-10", "2029-01-20", "event_us_inauguration"),
        ("100 days after the inauguration", "2029-04-30", "2029-04-30", "offset_from_day"),
    ],
)
def test_calendar_form(phrase, earliest, due, rule):
    """Each form reads as docs/deadlines.md's table of calendar forms says."""
    if rule is None:
        with pytest.raises(DeadlineError, match="points to the past"):
            parse_deadline(phrase, S)
        return
    w = parse_deadline(phrase, S)
    assert (w.earliest, w.due, w.latest, w.rule) == (D(earliest), D(due), D(due), rule)


def test_numeric_dates_follow_the_policy_order():
    """2-15 and 2/15 are the same day; day first when the policy says so."""
    dmy = attrs.evolve(DEFAULT_POLICY, numeric_date_order="dmy")
    assert parse_deadline("2-15", S).due == parse_deadline("2/15", S).due == date(2027, 2, 15)
    assert parse_deadline("15-2", S, policy=dmy).due == date(2027, 2, 15)
    with pytest.raises(DeadlineError, match="15 is not a month"):
        parse_deadline("15-2", S)


@pytest.mark.parametrize(
    "said, due",
    [
        ("2026-03-10", "2026-10-31"),  # said in March: this year's, like "next October"
        ("2026-09-30", "2026-10-31"),  # October has not started
        ("2026-10-01", "2027-10-31"),  # said in October, before the 31st: next year's
        ("2026-10-31", "2027-10-31"),
        ("2026-11-02", "2027-10-31"),
    ],
)
def test_next_holiday_is_the_one_in_next_month_of_its_name(said, due):
    """'next Halloween' is Halloween of the first October that starts after the day said."""
    assert parse_deadline("next Halloween", D(said)).due == D(due)
    assert parse_deadline("next October", D(said)).due.year == D(due).year


def test_explain_says_which_halloween_next_means():
    """explain() names the convention, not 'the next such holiday', when it is next year's."""
    text = parse_deadline("next Halloween", date(2026, 10, 20)).explain()
    assert "Sunday 31 October 2027, the one in the first October that starts after the day it was said" in text


def test_the_next_holiday_is_the_coming_one():
    """'the next Halloween' said on October 20 is eleven days later, like 'the next Friday'."""
    w = parse_deadline("a week from the next Halloween", date(2026, 10, 20))
    assert w.due == date(2026, 11, 7)


def test_the_nth_weekday_a_month_lacks_is_refused():
    """February 2027 has four Mondays: its fifth is refused, not moved."""
    with pytest.raises(DeadlineError, match="February 2027 has no fifth Monday"):
        parse_deadline("the fifth Monday of February", S)


def test_the_last_weekday_of_this_month_once_over_is_past():
    """'this month' is that month only; 'the last Friday in June' is not last week's Friday."""
    with pytest.raises(DeadlineError, match="the last Friday of March 2026 falls before"):
        parse_deadline("the last Friday of this month", date(2026, 3, 28))
    for phrase in ("last Friday", "last Friday in June"):  # without "the": maybe the one just past
        with pytest.raises(DeadlineError, match="points to the past"):
            parse_deadline(phrase, S)


def test_weekday_that_does_not_match_its_day_is_refused_with_the_next_match():
    """'Tuesday the 19th' is the next 19th, checked: the refusal names the next Tuesday the 19th."""
    with pytest.raises(DeadlineError) as refused:
        parse_deadline("Tuesday the 19th", S)
    assert "the next 19th is Thursday 19 March 2026, not a Tuesday" in str(refused.value)
    assert "Tuesday 19 May 2026" in str(refused.value) and "write 'May 19'" in str(refused.value)
    assert parse_deadline("Tuesday the 19th", date(2026, 5, 1)).due == date(2026, 5, 19)


@pytest.mark.parametrize(
    "phrase, earliest, due",
    [
        ("this summer", "2026-12-01", "2027-02-28"),
        ("winter", "2026-06-01", "2026-08-31"),
        ("by the fall", "2026-03-10", "2026-05-31"),
        ("summer 2026-27", "2026-12-01", "2027-02-28"),
    ],
)
def test_southern_hemisphere_shifts_seasons_by_six_months(phrase, earliest, due):
    """DeadlinePolicy(hemisphere='southern'): summer is December-February."""
    w = parse_deadline(phrase, S, policy=SOUTH)
    assert (w.earliest, w.due) == (D(earliest), D(due))


def test_southern_summer_of_one_year_is_ambiguous():
    """Down south, summer runs over New Year, so 'summer 2026' is refused as winter 2026 is up north."""
    with pytest.raises(DeadlineError, match="summer 2026 could mean early 2026 or December 2026"):
        parse_deadline("summer 2026", S, policy=SOUTH)
    with pytest.raises(DeadlineError, match="not a real season"):
        parse_deadline("winter 2026-27", S, policy=SOUTH)


def test_a_private_event_is_refused_with_the_hint():
    """An event the policy's table does not date is refused as before, with deadline_means."""
    for phrase in ("30 days after the bill is signed", "100 days after the election", "by the merger"):
        with pytest.raises(DeadlineError) as refused:
            parse_deadline(phrase, S)
        assert "deadline_means" in str(refused.value) or "not a phrase ledger knows" in str(refused.value)


def test_the_policy_table_names_the_public_events():
    """A ledger may add its own words for an event ('the election'), or drop the table."""
    mine = attrs.evolve(DEFAULT_POLICY, public_events=(*DEFAULT_POLICY.public_events, "election=us_election_day"))
    assert parse_deadline("100 days after the election", S, policy=mine).due == date(2027, 2, 11)
    with pytest.raises(DeadlineError):
        parse_deadline("by the midterms", S, policy=attrs.evolve(DEFAULT_POLICY, public_events=()))


def test_the_policy_table_is_checked():
    """An event that is not one of PUBLIC_EVENT_KINDS is refused when the policy is built."""
    with pytest.raises(ValueError, match="must be one of"):
        DeadlinePolicy(public_events=("coronation=uk_coronation",))
    with pytest.raises(ValueError, match="'words=event' strings"):
        DeadlinePolicy(public_events=("midterms",))


def test_a_year_with_no_such_event_is_refused():
    """There are no midterms in 2028 (a presidential year): refused, naming the next."""
    with pytest.raises(DeadlineError, match="names no day in 2028; the next is Tuesday 5 November 2030"):
        parse_deadline("the 2028 midterms", S)


# --- properties ------------------------------------------------------------

_WEEKDAYS = list(calendar.day_name)
_MONTHS = list(calendar.month_name)[1:]
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": 0}


@given(st.sampled_from(sorted(_NTH)), st.integers(0, 6), st.integers(1, 12), sd.stated_on)
def test_nth_weekday_of_a_month_has_that_weekday_in_that_month(nth, weekday, month, said):
    """The due day has the named weekday, lies in the named month, and is the n-th (or last) one."""
    phrase = f"the {nth} {_WEEKDAYS[weekday]} of {_MONTHS[month - 1]}"
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError as e:
        assert nth == "fifth" and "has no fifth" in str(e)
        return
    assert w.due == w.earliest == w.latest and w.due >= said
    assert (w.due.weekday(), w.due.month) == (weekday, month)
    n = _NTH[nth]
    if n:
        assert (w.due.day - 1) // 7 + 1 == n
    else:
        assert (w.due + timedelta(days=7)).month != month
    assert w.due.year in (said.year, said.year + 1)


@given(st.integers(0, 6), st.integers(1, 31), sd.stated_on)
def test_weekday_with_a_day_is_that_day_and_weekday_or_refused(weekday, day, said):
    """'Tuesday the 19th': due is a 19th and a Tuesday, the next 19th on or after the day said, or refused."""
    try:
        w = parse_deadline(f"{_WEEKDAYS[weekday]} the {day}th", said)
    except DeadlineError as e:
        assert "does not match" in str(e)
        return
    assert (w.due.day, w.due.weekday()) == (day, weekday) and w.due >= said
    # no earlier day of the month with that number since the day said
    assert not any((said + timedelta(days=k)).day == day for k in range((w.due - said).days))


_HOLIDAYS = ["Halloween", "Christmas", "Easter", "Thanksgiving", "Valentine's Day", "Labor Day"]


@given(st.sampled_from(_HOLIDAYS), sd.stated_on)
def test_next_holiday_is_after_its_month_starts_after_the_day_said(name, said):
    """'next <holiday>' lies in a month that starts after the day said, and is the first such."""
    w = parse_deadline(f"next {name}", said)
    bare = parse_deadline(name, said).due
    assert w.due.replace(day=1) > said and w.due >= bare
    assert w.due == bare or bare.replace(day=1) <= said


@given(st.sampled_from(["the midterms", "the presidential election", "the inauguration"]), sd.stated_on)
def test_public_events_fall_on_their_rule(phrase, said):
    """Midterms and presidential elections are Election Day of their years; inaugurations January 20."""
    due = parse_deadline(f"by {phrase}", said).due
    assert due >= said and due - said < timedelta(days=4 * 366 + 1)
    if phrase == "the inauguration":
        assert (due.month, due.day, due.year % 4) == (1, 20, 1)
    else:
        assert due.month == 11 and due.weekday() == 1 and 2 <= due.day <= 8
        assert due.year % 4 == (0 if phrase == "the presidential election" else 2)


@given(st.sampled_from(["spring", "summer", "autumn", "winter"]), sd.stated_on)
def test_southern_season_is_the_northern_opposite(season, said):
    """Each southern season is, on the calendar, the northern season six months away."""
    opposite = {"spring": "autumn", "summer": "winter", "autumn": "spring", "winter": "summer"}[season]
    south = parse_deadline(f"by {season}", said, policy=SOUTH)
    north = parse_deadline(f"by {opposite}", said)
    assert (south.earliest, south.due) == (north.earliest, north.due)


@given(st.integers(1, 12), st.integers(1, 31), sd.stated_on)
def test_explicit_numeric_date_lies_inside_its_window(month, day, said):
    """'by M-D' names a day: the window ends on it and never before the day said."""
    try:
        w = parse_deadline(f"by {month}-{day}", said)
    except DeadlineError:
        return
    assert (w.due.month, w.due.day) == (month, day) and w.earliest == said <= w.due == w.latest


_FORMS = [
    "the first Tuesday of October",
    "by the last Friday in June",
    "the second Monday of next month",
    "the last Friday of the month",
    "the fifth Monday of February",
    "by 2-15",
    "Tuesday the 19th",
    "Friday 13th",
    "next Halloween",
    "next Easter Monday",
    "next Thanksgiving weekend",
    "the midterms",
    "before the presidential election",
    "100 days after the inauguration",
    "a year from next Christmas",
    "summer 2026-27",
]


@pytest.mark.parametrize("policy", [DEFAULT_POLICY, SOUTH])
def test_batch_reads_the_forms_as_parse_deadline_does_on_every_day(policy):
    """deadline_windows, which reads a calendar phrase once per month where it can, agrees on every day."""
    days = [date(2026, 1, 1) + timedelta(days=k) for k in range(400)]
    column = [p for p in _FORMS for _ in days]
    said = [d for _ in _FORMS for d in days]
    batch = deadline_windows(column, said, policy=policy)
    for i, (phrase, day) in enumerate(zip(column, said)):
        try:
            w = parse_deadline(phrase, day, policy=policy)
            expected = (w.earliest, w.due, w.rule)
        except DeadlineError:
            expected = (None, None, None)
        row = batch.iloc[i]
        got = tuple(None if pd.isna(x) else x.date() for x in (row.earliest, row.due)) + (
            None if pd.isna(row.rule) else str(row.rule),
        )
        assert got == expected, (phrase, day)
