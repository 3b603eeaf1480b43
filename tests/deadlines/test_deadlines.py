"""parse_deadline: the phrase table, the API contract, policy and properties."""

import csv
import math
import pathlib
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.core.vocabulary import BOUNDS, WINDOW_KINDS
from ledger.deadlines import DEFAULT_POLICY, RULE_NAMES, DeadlineError, DeadlinePolicy, DueWindow, parse_deadline
from tests import strategies as sd

DATA = pathlib.Path(__file__).parents[1] / "data" / "deadline_phrases.csv"
TABLE = list(csv.DictReader(DATA.open(encoding="utf-8")))
S = date(2025, 10, 16)


def test_table_is_large_enough():
    """The phrase table has at least 250 rows, some of them real quotes."""
    assert len(TABLE) >= 250
    assert sum(row["source"].startswith("quote") for row in TABLE) >= 30


def test_every_row_is_hand_checked():
    """Every row's window was checked by hand against docs/deadlines.md with a printed
    calendar (not with the parser); new rows must be too."""
    assert {row["hand_checked"] for row in TABLE} == {"yes"}


@pytest.mark.parametrize("row", TABLE, ids=[f"{r['phrase']}@{r['stated_on']}" for r in TABLE])
def test_phrase_table(row):
    """Each phrase in tests/data/deadline_phrases.csv reads to its expected window."""
    said = date.fromisoformat(row["stated_on"])
    if row["earliest"] == "ERROR":
        with pytest.raises(DeadlineError):
            parse_deadline(row["phrase"], said)
        return
    w = parse_deadline(row["phrase"], said)
    expected = (
        row["earliest"],
        row["due"] or None,
        row["latest"] or None,
        row["kind"],
        row["bound"],
        row["hedged"] == "1",
        row["vague"] == "1",
        row["rule"],
    )
    got = (
        w.earliest.isoformat(),
        w.due and w.due.isoformat(),
        w.latest and w.latest.isoformat(),
        w.kind,
        w.bound,
        w.hedged,
        w.vague,
        w.rule,
    )
    assert got == expected


# --- the headline examples, worked by hand -------------------------


@pytest.mark.parametrize(
    "phrase, due, latest",
    [
        # S = 2025-10-16; 14 days -> Oct 30; hedge: ceil(1.5 * 14) = 21 -> Nov 6
        ("in two weeks or so", "2025-10-30", "2025-11-06"),
        ("about two weeks", "2025-10-30", "2025-11-06"),
        ("two weeks, give or take", "2025-10-30", "2025-11-06"),
        # a week or so: 7 days, ceil(10.5) = 11 -> Oct 27
        ("a week or so", "2025-10-23", "2025-10-27"),
        # shrinking words never widen
        ("two weeks or less", "2025-10-30", "2025-10-30"),
        ("two weeks, maybe sooner", "2025-10-30", "2025-10-30"),
        ("at most two weeks", "2025-10-30", "2025-10-30"),
        ("two weeks or so, maybe sooner", "2025-10-30", "2025-10-30"),
        # ranges: due at the upper bound
        ("10 or 12 days", "2025-10-28", "2025-10-28"),
        ("two or three weeks", "2025-11-06", "2025-11-06"),
        ("a week and a half or two weeks", "2025-10-30", "2025-10-30"),
        # 21 days, hedge ceil(31.5) = 32 -> Nov 17
        ("two or three weeks or so", "2025-11-06", "2025-11-17"),
    ],
)
def test_hedges_and_ranges(phrase, due, latest):
    """Hedges widen by half the length, rounded up; shrinking words never widen."""
    w = parse_deadline(phrase, S)
    assert (w.earliest, w.due.isoformat(), w.latest.isoformat()) == (S, due, latest)


@pytest.mark.parametrize(
    "phrase, earliest",
    [
        ("10 or 12 days from today", "2025-10-26"),
        ("between 30 and 45 days", "2025-11-15"),
        ("two or three days from now", "2025-10-18"),
    ],
)
def test_ranges_from_today_start_at_the_shorter_end(phrase, earliest):
    """'A or B days from today' and 'between A and B' start at S + A."""
    assert parse_deadline(phrase, S).earliest.isoformat() == earliest


@pytest.mark.parametrize(
    "phrase",
    [
        "TWO WEEKS OR SO",
        "Two weeks or so.",
        "“two weeks or so”",
        '"two weeks or so!"',
        "two weeks or so…",
        "  two   weeks  or so ",
        "two weeks-or-so",
        "‘two weeks or so’",
        "hopefully two weeks or so",
        "two weeks or so, hopefully",
    ],
)
def test_case_quotes_punctuation_and_filler_do_not_matter(phrase):
    """Case, quotes, punctuation, hyphens and filler leave the window unchanged."""
    w = parse_deadline(phrase, S)
    assert (w.due, w.latest, w.hedged) == (date(2025, 10, 30), date(2025, 11, 6), True)


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("two days", 2),
        ("fifty days", 50),
        ("a couple of days", 2),
        ("a few days", 3),
        ("several days", 5),
        ("a dozen days", 12),
        ("twenty-four hours", 1),
        ("24 hours", 1),
        ("36 hours", 2),
        ("a week and a half", 11),
        ("half a week", 4),
        ("a fortnight", 14),
        ("one hundred and twenty days", 120),
        ("1,000 days", 1000),
        ("1.5 weeks", 11),
        ("ninety-nine days", 99),
        ("a day", 1),
        ("an hour", 1),
        ("48h", 2),
    ],
)
def test_numbers_words_and_conventions(phrase, value):
    """Numbers as digits, words and conventions give the right day count."""
    assert (parse_deadline(phrase, S).due - S).days == value


def test_months_are_calendar_months():
    """Months, quarters and years move on the calendar and clip to month ends."""
    jan31 = date(2025, 1, 31)
    assert parse_deadline("a month", jan31).due == date(2025, 2, 28)
    assert parse_deadline("a quarter", jan31).due == date(2025, 4, 30)
    assert parse_deadline("half a year", S).due == date(2026, 4, 16)
    assert parse_deadline("a year", date(2024, 2, 29)).due == date(2025, 2, 28)


def test_weekday_is_strictly_after_the_day_said():
    """'by Friday' said on a Friday is the next week's Friday."""
    friday = date(2025, 10, 17)
    assert parse_deadline("by Friday", friday).due == date(2025, 10, 24)
    assert parse_deadline("next Friday", S).due == date(2025, 10, 24)
    policy = attrs.evolve(DEFAULT_POLICY, next_weekday="next_occurrence")
    assert parse_deadline("next Friday", S, policy=policy).due == date(2025, 10, 17)


def test_a_month_without_year_never_lands_before_the_day_said():
    """'Oct. 31' said on November 2 is next year's October 31."""
    assert parse_deadline("Oct. 31", date(2025, 11, 2)).due == date(2026, 10, 31)
    assert parse_deadline("by October", date(2025, 10, 31)).due == date(2025, 10, 31)


@pytest.mark.parametrize(
    "phrase, year, expected",
    [
        ("Thanksgiving", 2025, "2025-11-27"),
        ("Thanksgiving", 2026, "2026-11-26"),
        ("Labor Day", 2026, "2026-09-07"),
        ("Memorial Day", 2027, "2027-05-31"),
        ("Easter", 2026, "2026-04-05"),
        ("Christmas", 2026, "2026-12-25"),
        ("New Year's Day", 2027, "2027-01-01"),
        ("the Fourth of July", 2026, "2026-07-04"),
    ],
)
def test_holidays_against_the_holidays_package(phrase, year, expected):
    """Holiday dates agree with independent reference dates (published calendars)."""
    assert parse_deadline(phrase, date(year, 1, 1)).due.isoformat() == expected


def test_holiday_country_is_a_policy():
    """A country without Thanksgiving gives a clear error, not a guess."""
    policy = attrs.evolve(DEFAULT_POLICY, holiday_country="DE")
    with pytest.raises(DeadlineError, match="does not keep"):
        parse_deadline("Thanksgiving", S, policy=policy)


def test_policy_changes_conventions():
    """Every convention is a policy parameter."""
    assert parse_deadline("soon", S, policy=DeadlinePolicy(soon_days=10)).due == S + timedelta(10)
    assert parse_deadline("two weeks or so", S, policy=DeadlinePolicy(hedge_factor=2)).latest == S + timedelta(28)
    assert parse_deadline("a few days", S, policy=DeadlinePolicy(few=4)).due == S + timedelta(4)
    assert parse_deadline("before Friday", S, policy=DeadlinePolicy(before_is_exclusive=False)).due == date(
        2025, 10, 17
    )
    sunday_weeks = DeadlinePolicy(week_start=6)
    assert parse_deadline("next week", S, policy=sunday_weeks).earliest == date(2025, 10, 19)


def test_policy_validates():
    """A bad policy value fails at construction and names the field."""
    with pytest.raises(ValueError, match="hedge_factor"):
        DeadlinePolicy(hedge_factor=0.5)
    with pytest.raises(ValueError, match="next_weekday"):
        DeadlinePolicy(next_weekday="sometimes")


def test_error_message_span_and_hint():
    """An unreadable phrase raises DeadlineError with phrase, span and hint."""
    with pytest.raises(DeadlineError) as info:
        parse_deadline("fortnightish", S)
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.phrase, err.span) == ("fortnightish", (0, 12))
    assert str(err) == (
        "deadline 'fortnightish' is not a phrase ledger knows (could not read 'fortnightish' "
        "at 0-12); see docs/deadlines.md for the forms it reads"
    )
    with pytest.raises(DeadlineError) as info:
        parse_deadline("in two blorps", S)
    assert info.value.span == (7, 13)


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "the budget",
        "three weeks ago",
        "last August",
        "late 2021",
        "Thursday, October 31",
        "winter 2026",
        "since May",
        "2024-01-01",
    ],
)
def test_not_deadlines_raise(phrase):
    """Text that is no deadline, points to the past, or is ambiguous raises."""
    with pytest.raises(DeadlineError):
        parse_deadline(phrase, S)


def test_arguments_are_checked():
    """Misuse raises TypeError naming the argument."""
    with pytest.raises(TypeError, match="stated_on"):
        parse_deadline("soon", datetime(2025, 10, 16))
    with pytest.raises(TypeError, match="phrase"):
        parse_deadline(14, S)


def test_due_window_validates():
    """DueWindow refuses windows out of order and datetimes."""
    with pytest.raises(ValueError, match="earliest <= due <= latest"):
        DueWindow("x", S, S, S - timedelta(1), S, "date", "on", False, False, "iso_date")
    with pytest.raises(TypeError):
        DueWindow("x", S, datetime(2025, 1, 1), S, S, "date", "on", False, False, "iso_date")
    with pytest.raises(ValueError, match="kind"):
        DueWindow("x", S, S, S, S, "someday", "on", False, False, "iso_date")


def test_open_window_has_no_due_date():
    """'eventually' is open: no due and no latest."""
    w = parse_deadline("eventually", S)
    assert (w.kind, w.due, w.latest) == ("open", None, None)
    assert "no due date" in w.explain()


def test_to_dict_and_explain():
    """to_dict is JSON-ready and explain is one sentence with the dates."""
    w = parse_deadline("two weeks or so", S)
    d = w.to_dict()
    assert d["due"] == "2025-10-30" and d["latest"] == "2025-11-06" and d["kind"] == "duration"
    text = w.explain()
    # The house style of the reports (ledger.core.formats.long_date), with the weekday.
    assert "Thursday 30 October 2025" in text and "Thursday 6 November 2025" in text and text.endswith(".")
    assert text.count(". ") == 0


def test_every_kind_and_bound_is_reachable():
    """Each kind and bound of the closed sets comes out of some phrase."""
    phrases = [
        "two weeks",
        "two or three weeks",
        "October 31",
        "by May",
        "by Friday",
        "Christmas",
        "soon",
        "eventually",
        "before Christmas",
        "until Friday",
        "on Monday",
        "around Christmas",
        "at least two weeks",
        "starting Monday",
        "after Christmas",
        "next week",
        "30 days from now",
    ]
    windows = [parse_deadline(p, S) for p in phrases]
    assert {w.kind for w in windows} == set(WINDOW_KINDS)
    assert {w.bound for w in windows} == set(BOUNDS)
    assert all(w.rule in RULE_NAMES for w in windows)


def test_every_rule_is_documented():
    """docs/deadlines.md names every rule family, and the after_ prefix."""
    doc = (pathlib.Path(__file__).parents[2] / "docs" / "deadlines.md").read_text(encoding="utf-8")
    assert "`after_`" in doc
    for name in RULE_NAMES:
        base = name.removeprefix("after_")
        family = base.split("_")[0]
        assert f"`{base}`" in doc or family in doc, name


# --- properties ------------------------------------------------------------


@given(sd.day_durations(), sd.day_durations(), sd.stated_on)
def test_longer_duration_never_gives_earlier_latest(a, b, said):
    """A longer duration never gives an earlier latest."""
    (pa, da), (pb, db) = sorted([a, b], key=lambda x: x[1])
    assert parse_deadline(pa, said).latest <= parse_deadline(pb, said).latest


@given(sd.day_durations(), sd.hedges(), sd.stated_on)
def test_hedge_never_shrinks(duration, hedge, said):
    """A hedge never shrinks a window, and widens a plain length to ceil(1.5 N)."""
    phrase, days = duration
    before, after = hedge
    plain = parse_deadline(phrase, said)
    hedged = parse_deadline(f"{before}{phrase}{after}", said)
    assert hedged.hedged and hedged.latest >= plain.latest and hedged.due == plain.due
    if not any(w in phrase for w in ("at most", "no later than")):
        assert hedged.latest == said + timedelta(days=math.ceil(1.5 * days))


@given(st.one_of(sd.relative_phrases, sd.calendar_phrases), sd.stated_on)
def test_windows_are_ordered(phrase, said):
    """earliest <= due <= latest, and a deadline never lands before the day said."""
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError:
        return
    assert said <= w.earliest
    if w.kind != "open":
        assert w.earliest <= w.due <= w.latest


@given(sd.relative_phrases, sd.stated_on, st.integers(min_value=-20000, max_value=20000))
def test_shifting_stated_on_shifts_relative_windows(phrase, said, shift):
    """Relative windows move day for day with the day they were said."""
    moved = said + timedelta(days=shift)
    if not date(1900, 1, 1) < moved < date(2200, 1, 1):
        return
    a, b = parse_deadline(phrase, said), parse_deadline(phrase, moved)
    assert (b.earliest - a.earliest).days == shift
    if a.due is not None:
        assert (b.due - a.due).days == shift and (b.latest - a.latest).days == shift
    assert (a.kind, a.bound, a.rule, a.hedged) == (b.kind, b.bound, b.rule, b.hedged)


def test_due_window_reprs_are_short_and_show_the_dates():
    """A window's repr fits a line; its notebook HTML shows the phrase and the dates."""
    window = parse_deadline("two weeks or so", date(2025, 10, 16))
    assert repr(window) == (
        "<DueWindow 'two weeks or so' said 2025-10-16: 2025-10-16 .. due 2025-10-30 .. latest 2025-11-06 "
        "(duration, duration)>"
    )
    html = window._repr_html_()
    assert "two weeks or so" in html and "6 Nov 2025" in html
