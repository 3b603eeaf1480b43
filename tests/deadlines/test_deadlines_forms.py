"""Forms real ledgers use: times of day, 'through', weekday plus date, event anchors, news spellings.

Expected windows are worked by hand from docs/deadlines.md with a printed calendar
(`python -c "import calendar; print(calendar.month(2025, 10))"`), never from the parser.
S = Thursday 2025-10-16: Fri 17, Sat 18, Sun 19, Mon 20, Wed 22, Thu 23, Fri 24, Sun 26,
Mon 27, Fri 31 October; Sat 1 November.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, grammar, parse_deadline
from tests.helpers import reading_or_refusal

S = date(2025, 10, 16)


def _window(phrase, said=S):
    w = parse_deadline(phrase, said)
    iso = lambda d: d and d.isoformat()
    return iso(w.earliest), iso(w.due), iso(w.latest), w.bound


@pytest.mark.parametrize(
    "phrase, earliest, due, bound",
    [
        # a time of day on a day is that calendar day
        ("until midnight Sunday", "2025-10-16", "2025-10-19", "until"),
        ("by midnight Friday", "2025-10-16", "2025-10-17", "by"),
        ("midnight tonight", "2025-10-16", "2025-10-16", "on"),
        ("by midnight", "2025-10-16", "2025-10-16", "by"),
        ("by the end of the day", "2025-10-16", "2025-10-16", "by"),
        ("end of day Friday", "2025-10-17", "2025-10-17", "on"),
        ("close of business", "2025-10-16", "2025-10-16", "on"),
        ("by close of business Friday", "2025-10-16", "2025-10-17", "by"),
        ("by COB tomorrow", "2025-10-16", "2025-10-17", "by"),
        ("by tonight", "2025-10-16", "2025-10-16", "by"),
        ("tonight", "2025-10-16", "2025-10-16", "on"),
        ("by 5 p.m. Friday", "2025-10-16", "2025-10-17", "by"),
        ("by 5 p.m. ET on Friday", "2025-10-16", "2025-10-17", "by"),
        ("by 11:59 p.m. Sunday", "2025-10-16", "2025-10-19", "by"),
        ("Friday at noon", "2025-10-17", "2025-10-17", "on"),
        ("by 9am tomorrow", "2025-10-16", "2025-10-17", "by"),
        ("by EOD Friday", "2025-10-16", "2025-10-17", "by"),
        # 'through' is inclusive, like 'until'
        ("through May 10", "2025-10-16", "2026-05-10", "until"),
        ("through the end of May 10", "2025-10-16", "2026-05-10", "until"),
        ("until the end of May 10", "2025-10-16", "2026-05-10", "until"),
        ("thru Friday", "2025-10-16", "2025-10-17", "until"),
        ("through the end of the month", "2025-10-16", "2025-10-31", "until"),
        ("through December", "2025-10-16", "2025-12-31", "until"),
        ("on or before October 31", "2025-10-16", "2025-10-31", "by"),
        # weekday plus date: the date decides (2025-10-31 is a Friday)
        ("this Friday, Oct. 31", "2025-10-31", "2025-10-31", "on"),
        ("by Friday, Oct. 31", "2025-10-16", "2025-10-31", "by"),
        ("next Friday, October 31", "2025-10-31", "2025-10-31", "on"),
        # lengths counted from a named day: Monday 20 + 7; Friday 17 + 14; tomorrow 17 + 7
        ("a week from Monday", "2025-10-27", "2025-10-27", "on"),
        ("two weeks from Friday", "2025-10-31", "2025-10-31", "on"),
        ("a week from tomorrow", "2025-10-24", "2025-10-24", "on"),
        # news spellings
        ("within the hour", "2025-10-16", "2025-10-17", "within"),
        ("the next day or two", "2025-10-16", "2025-10-18", "within"),
        ("in a few short weeks", "2025-10-16", "2025-11-06", "within"),
        ("in the days to come", "2025-10-16", "2025-10-23", "within"),
        ("in the weeks and months ahead", "2025-10-16", "2026-04-14", "within"),
        ("by the weekend", "2025-10-16", "2025-10-19", "by"),
        ("over the weekend", "2025-10-18", "2025-10-19", "in"),
        ("over the summer", "2026-06-01", "2026-08-31", "in"),
        ("by midweek", "2025-10-16", "2025-10-16", "by"),  # Wed-Thu of this week; Thursday is S
        ("in the middle of next week", "2025-10-22", "2025-10-23", "in"),
        ("by mid-year", "2025-10-16", "2026-08-31", "by"),  # mid-2025 is over; May-Aug 2026
        ("by EOY", "2025-10-16", "2025-12-31", "by"),
        ("by the start of next year", "2025-10-16", "2026-01-01", "by"),
        ("at the start of next year", "2026-01-01", "2026-04-30", "in"),
        ("in the new year", "2026-01-01", "2026-04-30", "in"),
        ("by the turn of the year", "2025-10-16", "2026-01-01", "by"),
        ("the first week of November", "2025-11-01", "2025-11-07", "in"),
        ("the last week of October", "2025-10-25", "2025-10-31", "in"),
        ("the week of Oct. 27", "2025-10-27", "2025-11-02", "in"),
        ("winter 2026-27", "2026-12-01", "2027-02-28", "in"),
        ("in the second half", "2025-10-16", "2025-12-31", "in"),
        # Labor Day 2026 is Monday Sept. 7: Saturday 5 to Monday 7; Thanksgiving 2025 is Thu Nov 27
        ("over Labor Day weekend", "2026-09-05", "2026-09-07", "in"),
        ("by Thanksgiving weekend", "2025-10-16", "2025-11-30", "by"),
        ("Friday after next", "2025-10-24", "2025-10-24", "on"),
        ("on Monday next", "2025-10-20", "2025-10-20", "on"),
        ("a month, maybe a little more", "2025-10-16", "2025-11-16", "within"),
        ("at the earliest opportunity", "2025-10-16", "2025-10-18", "within"),
    ],
)
def test_new_forms(phrase, earliest, due, bound):
    """Each form reads to the window worked by hand from the documented conventions."""
    got = _window(phrase)
    assert (got[0], got[1], got[3]) == (earliest, due, bound)


@pytest.mark.parametrize(
    "phrase, said, due",
    [
        # Brief's list, each worked by hand (S = 2025-10-16 unless said otherwise).
        ("by the end of next week", S, "2025-10-26"),
        ("by mid-November", S, "2025-11-20"),
        ("no later than Nov. 1", S, "2025-11-01"),
        ("by the 15th", S, "2025-11-15"),  # October 15 is past
        ("on the 15th", S, "2025-11-15"),
        ("within a fortnight", S, "2025-10-30"),
        ("in a week's time", S, "2025-10-23"),
        ("in two weeks' time", S, "2025-10-30"),
        ("in 48 hours", S, "2025-10-18"),
        ("in the next 24 to 48 hours", S, "2025-10-18"),
        ("before the end of the year", S, "2025-12-31"),
        ("this fall", S, "2025-11-30"),
        ("by spring", S, "2026-05-31"),
        ("later this month", S, "2025-10-31"),
        ("later this year", S, "2025-12-31"),
        ("early next year", S, "2026-04-30"),
        ("by the summer", S, "2026-08-31"),
        ("by the new year", S, "2026-01-01"),
        ("by year's end", S, "2025-12-31"),
        ("in the coming hours", S, "2025-10-19"),
        ("by Thursday, May 15", date(2025, 5, 1), "2025-05-15"),  # a Thursday in 2025
    ],
)
def test_brief_variants(phrase, said, due):
    """Common news spellings read to the hand-worked due date."""
    assert parse_deadline(phrase, said).due.isoformat() == due


@pytest.mark.parametrize(
    "phrase, words",
    [
        ("within 100 days of taking office", "deadline_means"),
        ("in the first 100 days", "deadline_means"),
        ("in his first year", "deadline_means"),
        ("30 days after the bill is signed", "deadline_means"),
        ("by the holidays", "name the holiday"),
        ("over the holidays", "name the holiday"),
        ("by fiscal year-end", "fiscal"),
        ("in the third fiscal quarter", "fiscal"),
        ("next Thursday, May 15", "does not match"),  # May 15, 2026 is a Friday
    ],
)
def test_ambiguous_or_anchored_forms_are_refused_with_a_hint(phrase, words):
    """Forms that need knowledge ledger lacks are refused, and the hint says what to do."""
    with pytest.raises(DeadlineError) as info:
        parse_deadline(phrase, S)
    assert words in str(info.value)


def test_event_anchor_hint_shows_the_deadline_means_field():
    """The hint for an event anchor gives a deadline_means example."""
    with pytest.raises(DeadlineError) as info:
        parse_deadline("within 100 days of taking office", S)
    assert "deadline_means: by April 30, 2025" in info.value.hint
    assert "taking office" in info.value.hint


def test_a_weekday_time_said_on_that_weekday_is_next_week():
    """'by midnight Friday' said on a Friday is a week later, like 'by Friday' (documented)."""
    friday = date(2025, 10, 17)
    assert parse_deadline("by midnight Friday", friday).due == date(2025, 10, 24)


def test_holiday_weekend_on_a_midweek_holiday_is_refused():
    """A holiday on a Tuesday or Wednesday has no long weekend: refused, not guessed."""
    # Christmas 2024 is a Wednesday.
    with pytest.raises(DeadlineError, match="no long weekend"):
        parse_deadline("Christmas weekend", date(2024, 12, 1))


@pytest.mark.parametrize(
    "phrase, said, due",
    [
        ("before Thanksgiving", date(2025, 11, 27), date(2026, 11, 25)),
        ("before Christmas", date(2025, 12, 25), date(2026, 12, 24)),
        ("before Thanksgiving", date(2025, 11, 26), date(2025, 11, 26)),
    ],
)
def test_before_a_holiday_said_on_the_day_means_the_next_one(phrase, said, due):
    """'before Thanksgiving' said on Thanksgiving is next year's: a deadline never lands in the past."""
    window = parse_deadline(phrase, said)
    assert (window.earliest, window.due, window.latest) == (said, due, due)


def test_before_a_past_dated_holiday_is_still_refused():
    """With its own year, a target that has passed stays an error."""
    with pytest.raises(DeadlineError, match="past"):
        parse_deadline("before Christmas 2024", date(2024, 12, 25))


_TIME_PIECES = [
    "by", "5", "11", "30", "59", "pm", "p m", "am", "a m", "et", "gmt", "pacific", "local time", "midnight",
    "noon", "friday", "end of day", "close of business", "eod", "cob", "in", "2", "weeks", "at", "on", "the",
    "1700", "0900", "2400", "1760", "hours", "hrs", "within", "for",
]  # fmt: skip


@given(st.lists(st.sampled_from(_TIME_PIECES), min_size=1, max_size=7))
def test_the_time_of_day_screen_never_hides_a_time(pieces):
    """The cheap screen before TIME_OF_DAY lets through every phrase the full pattern matches."""
    norm = " ".join(pieces)
    if grammar.TIME_OF_DAY.search(norm) is not None:
        assert grammar.may_hold_a_time(norm), norm


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("by 1700 hours on Friday", date(2025, 10, 17)),
        ("by 1700 hours", date(2025, 10, 16)),
        ("at 0900 hours", date(2025, 10, 16)),
        ("by 1700 hrs", date(2025, 10, 16)),
        ("by 2359 hours tomorrow", date(2025, 10, 17)),
        ("by 2400 hours", date(2025, 10, 16)),
    ],
)
def test_a_24_hour_clock_time_is_a_time_of_day_not_a_length(phrase, due):
    """'by 1700 hours' is 5 pm: it had been read as 1,700 hours ahead, due 2025-12-26 (a review found it)."""
    window = parse_deadline(phrase, date(2025, 10, 16))  # a Thursday
    assert window.due == window.latest == due


@pytest.mark.parametrize(
    "phrase, due",
    [
        ("within 72 hours", date(2025, 10, 19)),
        ("within 1700 hours", date(2025, 12, 26)),
        ("in 1000 hours", date(2025, 11, 27)),
        ("within 2400 hours", date(2026, 1, 24)),
        ("by 1760 hours", date(2025, 12, 29)),  # no clock has minute 60: a length
    ],
)
def test_a_number_of_hours_after_within_or_in_stays_a_length(phrase, due):
    """Only a clock's number (hour 00-23 and minute 00-59, or 2400) not counted with 'within', 'in' or 'for'
    is a time of day."""
    assert parse_deadline(phrase, date(2025, 10, 16)).due == due


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["by", "at", "until", "no later than"]))
def test_every_24_hour_clock_time_after_a_lead_is_the_day_said(hour, minute, lead):
    """'by HHMM hours' is the day it was said, never 100-odd days ahead; with 'on Friday', that Friday."""
    said = date(2025, 10, 16)
    clock = f"{hour:02d}{minute:02d}"
    assert parse_deadline(f"{lead} {clock} hours", said).due == said
    assert parse_deadline(f"{lead} {clock} hours on Friday", said).due == date(2025, 10, 17)


def test_find_reads_a_24_hour_clock_time_in_prose_as_its_day():
    """The review's sentence: the finder had found 'by 1700 hours' due 2025-12-26."""
    from ledger import find_deadlines

    found = find_deadlines("Troops must withdraw by 1700 hours on Friday.", date(2025, 10, 16))
    assert [(m.text, m.window.due) for m in found] == [("by 1700 hours on Friday", date(2025, 10, 17))]


@pytest.mark.parametrize("norm", ["again 1700 hours", "berlin 2400 hours", "forever 0900 hours", "by 1700 hours"])
def test_only_the_words_within_in_for_make_a_clock_number_a_length(norm):
    """The words are whole words: 'again' or 'Berlin' before a clock's number do not make it a length."""
    assert grammar.TIME_OF_DAY.search(norm) is not None and grammar.may_hold_a_time(norm)


@pytest.mark.parametrize("norm", ["within 1700 hours", "in 1000 hours", "for 2400 hours", "over 1200 hrs"])
def test_within_in_for_before_a_clock_number_keep_it_a_length(norm):
    assert grammar.TIME_OF_DAY.search(norm) is None


@given(
    st.sampled_from(["within", "in", "no later than", "by"]),
    st.integers(1, 400),
    st.sampled_from(["", " of the date of this order", " from now"]),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
)
def test_calendar_days_are_days(lead, n, tail, said):
    # "within 30 calendar days" (regulations, orders) was refused; calendar days are days, weekends counted
    days = "day" if n == 1 else "days"
    reference = reading_or_refusal(f"{lead} {n} {days}{tail}", said)
    assert reading_or_refusal(f"{lead} {n} calendar {days}{tail}", said) == reference
    if lead == "within":
        assert not isinstance(reference, str)  # the reference reads: the test compares two readings
