"""DueWindow.explain and RULE_NAMES: one phrase per rule, and the words agree with the dates."""

import calendar
import contextlib
import csv
import pathlib
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import RULE_NAMES, DeadlineError, parse_deadline
from tests import strategies as sd

S = date(2025, 10, 16)  # a Thursday

# The period each period-rule is tried on, and how each part is said.
_PERIODS = {
    "month": "August",
    "year": "next year",
    "season": "next summer",
    "quarter": "next quarter",
    "half": "H2 2026",
    "week": "next week",
    "weekend": "next weekend",
    "decade": "next decade",
}
_PARTS = {
    "early": "by early {}",
    "start": "by the start of {}",
    "mid": "mid {}",
    "late": "by late {}",
    "end": "the end of {}",
    "rest": "the rest of {}",
    "first_half": "the first half of {}",
    "second_half": "by the second half of {}",
}
BASE_PHRASES = {
    "duration": "two weeks or so",
    "range": "10 or 12 days",
    "either": "tonight or tomorrow",
    "relative_day": "by tomorrow",
    "iso_date": "2025-10-31",
    "numeric_date": "10/31",
    "month_day": "by October 31",
    "day_month": "31 October",
    "day_of_month": "by the 15th",
    "weekday": "by Friday",
    "next_weekday": "next Friday",
    "weekday_this_week": "Friday this week",
    "weekday_week_after": "Friday week",
    "offset_from_day": "a week from Monday",
    "month_week": "by the first week of November",
    "week_of": "the week of October 27",
    "month_weekday": "by the first Tuesday of December",
    "open": "eventually",
    "vague_immediately": "immediately",
    "vague_imminently": "any day now",
    "vague_coming_days": "in the coming days",
    "vague_very_soon": "very soon",
    "vague_soon": "soon",
    "vague_coming_weeks": "in the coming weeks",
    "vague_near_future": "in the near future",
    "vague_coming_months": "in the coming months",
    "vague_coming_years": "in the coming years",
    "holiday_christmas": "by Christmas",
    "holiday_columbus": "Columbus Day",
    "holiday_easter": "before Easter",
    "holiday_halloween": "by Halloween",
    "holiday_independence": "by the Fourth of July",
    "holiday_juneteenth": "Juneteenth",
    "holiday_labor": "by Labor Day weekend",
    "holiday_fathers": "by Father's Day",
    "holiday_mothers": "Mother's Day",
    "holiday_memorial": "Memorial Day",
    "holiday_mlk": "MLK Day",
    "holiday_new_year": "by New Year's",
    "holiday_presidents": "Presidents Day",
    "holiday_thanksgiving": "Thanksgiving",
    "holiday_valentine": "Valentine's Day",
    "holiday_election": "by Election Day",
    "holiday_veterans": "by Veterans Day",
    "event_us_election_day": "by general election day",
    "event_us_midterms": "by the midterms",
    "event_us_presidential_election": "by the presidential election",
    "event_us_inauguration": "by the inauguration",
    **{kind: f"by {p}" for kind, p in _PERIODS.items()},
    **{f"{kind}_{part}": f.format(p) for kind, p in _PERIODS.items() for part, f in _PARTS.items()},
}


def _after(phrase: str) -> str:
    """The phrase as the start of an open window: 'by Christmas' -> 'after Christmas'."""
    for lead in ("by ", "before ", "in "):
        phrase = phrase.removeprefix(lead)
    return f"after {phrase}"


# "after the coming days" is "after" + the lead "the coming": the vague families that
# start with it are said without it.
_AFTER_VAGUE = {
    "vague_coming_days": "after days",
    "vague_coming_weeks": "after weeks",
    "vague_coming_months": "after months",
    "vague_coming_years": "after years",
}
# "after" + a target is an open window from the day after it; "after" needs a time, so
# "open" has none.
PHRASES = {
    **BASE_PHRASES,
    **{f"after_{rule}": _AFTER_VAGUE.get(rule) or _after(p) for rule, p in BASE_PHRASES.items() if rule != "open"},
}
# Thirds of a month by docs/deadlines.md: early ends on the 10th, mid on the 20th.
_MONTH_PART_END = {"early": 10, "start": 10, "mid": 20}


def _fmt(day):
    """The house style of the reports, with the weekday: 'Monday 2 June 2025'."""
    return f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"


def test_every_rule_has_a_phrase():
    """The table covers exactly the rules parse_deadline can report."""
    assert set(PHRASES) == set(RULE_NAMES) and len(RULE_NAMES) == len(set(RULE_NAMES))


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_every_rule_name_comes_from_a_phrase(rule):
    """Each name in RULE_NAMES is what some phrase gives."""
    assert parse_deadline(PHRASES[rule], S).rule == rule


@given(
    st.one_of(sd.relative_phrases, sd.calendar_phrases, st.sampled_from(sorted(PHRASES.values()))),
    st.sampled_from(["", "after ", "by ", "around ", "not before "]),
    sd.stated_on,
)
def test_no_window_carries_a_rule_outside_rule_names(phrase, lead, said):
    """Whatever a phrase reads as, on whatever day, its rule is one of RULE_NAMES."""
    try:
        window = parse_deadline(lead + phrase, said)
    except DeadlineError:
        return
    assert window.rule in RULE_NAMES


def test_the_rule_names_of_the_phrase_table_are_all_known():
    """Every phrase of tests/data/deadline_phrases.csv, with and without 'after', carries a known rule."""
    with open(pathlib.Path(__file__).parents[1] / "data" / "deadline_phrases.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["earliest"] == "ERROR":
            continue
        said = date.fromisoformat(row["stated_on"])
        assert row["rule"] in RULE_NAMES and parse_deadline(row["phrase"], said).rule in RULE_NAMES
        with contextlib.suppress(DeadlineError):  # not every phrase has an "after" form
            assert parse_deadline(_after(row["phrase"]), said).rule in RULE_NAMES


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_explanation_names_the_dates_and_its_own_period(rule):
    """Each rule's explanation names its latest date and no period the date is not the end of."""
    w = parse_deadline(PHRASES[rule], S)
    assert w.rule == rule
    text = w.explain()
    assert text.endswith(".") and text.count("“") == 1
    if w.kind == "open":
        assert "no due date" in text
        return
    assert _fmt(w.latest) in text
    assert "end of that month" not in text and "end of early" not in text
    if w.kind == "vague":
        assert "vague" in text
    if w.bound == "before":
        assert "before" in text
    # "the last day of <part> <Month> <year>" must be that day, by the documented thirds.
    for part, month, year in re.findall(r"the last day of (early |mid-|late |)([A-Z][a-z]+) (\d{4})", text):
        month_no = list(calendar.month_name).index(month)
        end = _MONTH_PART_END.get(part.strip(" -"), calendar.monthrange(int(year), month_no)[1])
        assert w.due == date(int(year), month_no, end), text
    for year in re.findall(r"the last day of (\d{4})\b", text):
        assert w.due == date(int(year), 12, 31), text
    for part in ("early", "mid", "late", "first half", "second half", "start"):
        if f"_{part.replace(' ', '_')}" in rule and w.bound not in ("before",):
            assert part in text or "middle" in text or "first day" in text, text


def test_early_august_is_the_end_of_early_august():
    """'by early August' said 2025-10-16 is due August 10, 2026, the end of *early* August."""
    text = parse_deadline("by early August", S).explain()
    assert "Monday 10 August 2026" in text
    assert "the last day of early August 2026" in text
    assert "end of that month" not in text


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_explanation_of_a_phrase_read_whole_sets_nothing_aside(rule):
    """A phrase read as a whole says nothing of words set aside; with a filler in front, it says which."""
    w = parse_deadline(PHRASES[rule], S)
    assert w.ignored == () and "set aside" not in w.explain()
    with contextlib.suppress(DeadlineError):  # a filler may meet a refusal the phrase itself gives
        wrapped = parse_deadline("honestly " + PHRASES[rule], S)
        assert wrapped.explain().endswith(f"; read {PHRASES[rule]!r}; set aside 'honestly'."), wrapped.explain()


def test_a_hedge_that_cannot_stretch_says_why():
    """A hedged length held by a shrinking word, and a hedged vague phrase, each say why the hedge did not move it."""
    assert "a shrinking word keeps the hedge from stretching it" in parse_deadline("about a month or less", S).explain()
    assert "a hedge on a vague phrase does not move it" in parse_deadline("probably soon", S).explain()
