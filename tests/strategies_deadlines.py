"""Hypothesis strategies for deadline phrases (tests/test_deadlines*.py)."""

from datetime import date

from hypothesis import strategies as st

# Days said: wide enough to cross leap years, month ends and year ends.
stated_on = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))

# Units whose windows are pure day offsets from the day it was said.
DAY_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14}
CALENDAR_UNITS = {"month": 1, "months": 1, "year": 12, "years": 12, "quarter": 3, "quarters": 3}

LEADS = ["", "in ", "within ", "over the next ", "in the next ", "no later than ", "at most "]
HEDGES_BEFORE = [
    "about ",
    "around ",
    "roughly ",
    "approximately ",
    "probably ",
    "maybe ",
    "I would say ",
    "something like ",
    "more or less ",
    "give or take ",
]
HEDGES_AFTER = [" or so", " give or take", " or thereabouts", " or a little later", "-ish", " more or less"]
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    20: "twenty",
    21: "twenty-one",
    30: "thirty",
    45: "forty-five",
    50: "fifty",
    90: "ninety",
}


@st.composite
def day_durations(draw, max_n=400):
    """(phrase, days) for a length counted in days: 'within 3 weeks' -> 21."""
    unit = draw(st.sampled_from(sorted(DAY_UNITS)))
    n = draw(st.integers(min_value=1, max_value=max_n))
    number = draw(st.sampled_from([str(n), NUMBER_WORDS.get(n, str(n))]))
    lead = draw(st.sampled_from(LEADS))
    return f"{lead}{number} {unit}", n * DAY_UNITS[unit]


@st.composite
def hedges(draw):
    """A hedge word and where it goes."""
    if draw(st.booleans()):
        return draw(st.sampled_from(HEDGES_BEFORE)), ""
    return "", draw(st.sampled_from(HEDGES_AFTER))


RELATIVE_PHRASES = [
    "two weeks or so",
    "50 days",
    "10 or 12 days",
    "two to three weeks",
    "between 30 and 45 days",
    "a week and a half",
    "24 hours",
    "30 days from today",
    "at least 30 days",
    "soon",
    "very soon",
    "in the coming days",
    "in the near future",
    "eventually",
    "in due course",
    "tomorrow",
    "tonight or tomorrow",
    "a few days",
    "a couple of weeks or so",
    "two weeks, maybe sooner",
    "within 48 hours",
    "a fortnight",
    "starting in two weeks",
    "imminently",
    "any day now",
]
relative_phrases = st.sampled_from(RELATIVE_PHRASES)

CALENDAR_PHRASES = [
    "by May",
    "early August",
    "mid-2026",
    "the end of the month",
    "next week",
    "by Friday",
    "next Friday",
    "Q3",
    "the first half of next year",
    "this summer",
    "before Thanksgiving",
    "by Christmas",
    "Easter",
    "October 31",
    "the 1st of November",
    "year-end",
    "later this year",
    "a month",
    "six months",
    "a year or so",
    "10 business days",
    "this weekend",
    "the 15th",
    "by Labor Day",
    "around October 31",
    "fortnightish",
    "late 2021",
    "after Christmas",
    "by midnight Friday",
    "a week from Monday",
    "through May 10",
    "midweek",
    "Labor Day weekend",
    "the first week of November",
    "in the new year",
    "by the start of next year",
    "by mid-year",
    "the week of Oct. 27",
    "within 100 days of taking office",
    "by 5 p.m. tomorrow",
    "early this week",
]
calendar_phrases = st.sampled_from(CALENDAR_PHRASES)

# Prose around a phrase for find_deadlines.
sentence_frames = st.sampled_from(
    [
        "The minister said the bill would pass {p}.",
        "“We will finish {p},” she said.",
        "Officials expect a decision {p}, according to the memo.",
        "He promised results {p}.",
    ]
)
find_phrases = st.sampled_from(
    [
        "in two weeks",
        "within 30 days",
        "by May",
        "by the end of the year",
        "in the coming days",
        "very soon",
        "before Christmas",
        "next week",
        "by Friday",
        "in “a month or so”",
        "within 10 or 12 days",
        "by early August",
        "no later than October 31",
    ]
)
