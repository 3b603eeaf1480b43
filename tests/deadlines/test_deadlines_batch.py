"""deadline_windows: the batch reader equals parse_deadline row by row."""

import contextlib
import csv
from datetime import date, timedelta
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DEFAULT_POLICY, DeadlineError, deadline_windows, parse_deadline
from tests import strategies as sd


def _expected(phrase, said):
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError as exc:
        return (None, None, None, None, None, False, False, None, str(exc))
    return (w.earliest, w.due, w.latest, w.kind, w.bound, w.hedged, w.vague, w.rule, None)


def _row(df, i):
    r = df.iloc[i]
    d = lambda x: None if pd.isna(x) else x.date()
    s = lambda x: None if pd.isna(x) else str(x)
    return (
        d(r.earliest),
        d(r.due),
        d(r.latest),
        s(r.kind),
        s(r.bound),
        bool(r.hedged),
        bool(r.vague),
        s(r.rule),
        r.error,
    )


@given(st.lists(st.tuples(st.one_of(sd.relative_phrases, sd.calendar_phrases), sd.stated_on), min_size=1, max_size=40))
def test_batch_equals_parse_deadline(pairs):
    """deadline_windows gives exactly parse_deadline's window (or error) on every row."""
    phrases = [p for p, _ in pairs]
    days = np.array([d for _, d in pairs], dtype="datetime64[D]")
    df = deadline_windows(phrases, days)
    assert len(df) == len(pairs)
    for i, (phrase, said) in enumerate(pairs):
        assert _row(df, i) == _expected(phrase, said)


def test_batch_random_large():
    """Thousands of random rows agree with parse_deadline (seeded)."""
    rng = np.random.default_rng(4)
    pool = sd.RELATIVE_PHRASES + sd.CALENDAR_PHRASES
    phrases = [pool[i] for i in rng.integers(0, len(pool), 3000)]
    start = date(2019, 1, 1)
    said = [start + timedelta(days=int(k)) for k in rng.integers(0, 3000, 3000)]
    df = deadline_windows(phrases, said)
    for i in rng.integers(0, 3000, 400):
        assert _row(df, i) == _expected(phrases[i], said[i])


def test_batch_schema_and_errors():
    """Columns, dtypes, one date for all, and errors as values."""
    df = deadline_windows(["two weeks", "fortnightish", None], date(2025, 10, 16))
    assert list(df.columns) == ["earliest", "due", "latest", "kind", "bound", "hedged", "vague", "rule", "error"]
    assert str(df["due"].dtype) == "datetime64[s]"
    assert df["error"][0] is None and "fortnightish" in df["error"][1] and "str" in df["error"][2]
    assert pd.isna(df["due"][1])


def test_batch_lengths_must_match():
    """Unequal lengths are a ValueError."""
    with pytest.raises(ValueError, match="same length"):
        deadline_windows(["soon", "soon"], np.array(["2025-01-01"], dtype="datetime64[D]"))


def _encodings(phrases):
    """The same column as an object array, a Categorical, and pyarrow dictionary arrays."""
    obj = np.array(phrases, dtype=object)
    dictionary = pa.array(phrases, pa.string()).dictionary_encode()
    half = len(phrases) // 2
    # Two chunks with different dictionaries, as concatenated files give.
    chunked = pa.chunked_array(
        [
            pa.array(phrases[:half], pa.string()).dictionary_encode(),
            pa.array(phrases[half:], pa.string()).dictionary_encode(),
        ]
    )
    return {
        "object": obj,
        "categorical": pd.Categorical(phrases),
        "series": pd.Series(phrases, dtype="category"),
        "arrow": dictionary,
        "arrow_chunked": chunked,
    }


@given(
    st.lists(
        st.tuples(st.one_of(sd.relative_phrases, sd.calendar_phrases, st.none()), sd.stated_on), min_size=1, max_size=30
    )
)
def test_batch_encodings_equal_parse_deadline(pairs):
    """Categorical and Arrow dictionary inputs give parse_deadline's window on every row."""
    phrases = [p for p, _ in pairs]
    days = np.array([d for _, d in pairs], dtype="datetime64[D]")
    for name, column in _encodings(phrases).items():
        df = deadline_windows(column, days)
        for i, (phrase, said) in enumerate(pairs):
            if phrase is None:
                assert df["error"][i] is not None and "str" in df["error"][i], name
            else:
                assert _row(df, i) == _expected(phrase, said), name


WEEKLY = [
    "by Friday",
    "next Friday",
    "Friday this week",
    "Friday week",
    "this Wednesday",
    "next week",
    "by the end of the week",
    "early next week",
    "midweek",
    "early this week",
    "this weekend",
    "next weekend",
    "by the weekend",
    "after next week",
    "before Friday",
    "late this week",
    "the week after next",
    "starting Monday",
    "until Sunday",
]


@pytest.mark.parametrize(
    "policy",
    [
        DEFAULT_POLICY,
        attrs.evolve(DEFAULT_POLICY, week_start=6),
        attrs.evolve(DEFAULT_POLICY, next_weekday="next_occurrence"),
    ],
)
def test_weekly_phrases_read_per_weekday_equal_parse_deadline(policy):
    """Phrases read once per weekday agree with parse_deadline on 6 weeks of days, every policy."""
    start = date(2027, 12, 20)
    said = [start + timedelta(days=k) for k in range(42)]
    phrases = [p for p in WEEKLY for _ in said]
    days = said * len(WEEKLY)
    df = deadline_windows(phrases, days, policy=policy)
    for i, (phrase, day) in enumerate(zip(phrases, days)):
        try:
            w = parse_deadline(phrase, day, policy=policy)
            expected = (w.earliest, w.due, w.latest, w.kind, w.bound, w.hedged, w.vague, w.rule, None)
        except DeadlineError as exc:
            expected = (None, None, None, None, None, False, False, None, str(exc))
        assert _row(df, i) == expected, (phrase, day)


def test_batch_empty_and_all_missing_categorical():
    """Empty input and a Categorical of only missing values are handled."""
    assert len(deadline_windows([], date(2025, 1, 1))) == 0
    df = deadline_windows(pd.Categorical([None, None]), date(2025, 1, 1))
    assert df["error"].notna().all()


def _calendar_phrases():
    """One phrase per calendar rule of the phrase table (windows that depend on the day said)."""
    import csv
    from pathlib import Path

    rows = csv.DictReader((Path(__file__).parents[1] / "data" / "deadline_phrases.csv").open(encoding="utf-8"))
    by_rule = {}
    for row in rows:
        if row["kind"] not in ("duration", "range", "vague", "open"):
            by_rule.setdefault(row["rule"], row["phrase"])
    # Lengths in calendar months move with the day said in their own way.
    months = [
        "in six months",
        "within a year",
        "in a month or so",
        "two or three months",
        "in 18 months",
        "a month and a half",
        "half a year",
        "within a quarter",
        "two to three years or so",
    ]
    return sorted(by_rule.values()) + months


def test_calendar_windows_equal_parse_deadline_on_every_day_of_two_years():
    """Reading a calendar phrase once per month where its window does not move is exact on every day."""
    phrases = _calendar_phrases()
    assert len(phrases) > 30
    days = [date(2025, 1, 1) + timedelta(days=k) for k in range(731)]
    column = [p for p in phrases for _ in days]
    said = [d for _ in phrases for d in days]
    batch = deadline_windows(column, said)

    def dates(name):
        return [None if pd.isna(x) else x.date() for x in batch[name]]

    got = list(zip(dates("earliest"), dates("due"), dates("latest"), batch["rule"].astype(str), batch["error"]))
    for i, (phrase, day) in enumerate(zip(column, said)):
        e = _expected(phrase, day)
        assert got[i] == (e[0], e[1], e[2], str(e[7]) if e[7] else "nan", e[8]), (phrase, day)


@pytest.mark.parametrize(
    "phrase", ["within 10 business days", "in 3 working days", "two to three workdays", "in 5 business days"]
)
def test_lengths_in_business_days_equal_parse_deadline_on_every_day_of_three_years(phrase):
    """A length in business days (rule "duration" or "range", like a length in months) skips weekends
    and holidays: it takes no month's shortcut, and is exact on every day, around every holiday."""
    days = [date(2024, 1, 1) + timedelta(days=k) for k in range(1096)]
    batch = deadline_windows([phrase] * len(days), days)
    for i, day in enumerate(days):
        e = _expected(phrase, day)
        got = tuple(
            None if pd.isna(batch[name].iloc[i]) else batch[name].iloc[i].date()
            for name in ("earliest", "due", "latest")
        )
        assert got == e[:3], (phrase, day)


def test_rule_codes_are_the_rule_names():
    """The batch's rule column indexes RULE_NAMES itself, so codes and names cannot drift apart."""
    from ledger.deadlines import RULE_NAMES
    from ledger.deadlines.batch import RULE_CODES

    assert RULE_CODES == RULE_NAMES
    df = deadline_windows(["after Christmas", "two weeks"], date(2025, 10, 16))
    assert list(df["rule"].cat.categories) == list(RULE_NAMES)
    assert df["rule"].tolist() == ["after_holiday_christmas", "duration"]


# Phrases the strict reader refuses and the tolerant pass reads (or refuses on some days):
# see tests/deadlines/test_deadlines_tolerant.py and docs/deadlines.md, "What is set aside, and why".
TOLERANT_PHRASES = [
    "a 90-day pause",
    "honestly by Friday",
    "into 2027",
    "in about a month. Maybe less",
    "soon. It could be Tuesday",
    "in two days. It could be Tuesday",
    "sometime around the 1st of June, maybe a bit before that",
    "a week and a half, two weeks",
    "by Sunday evening at 6 p.m., Washington time",
    "90 days (September 17, 2025)",
    "Friday, the deadline, August 1",
    "by the end of the month. Maybe the 15th",
    "by Friday, unless talks fail",
]


@given(
    st.lists(
        st.tuples(st.one_of(st.sampled_from(TOLERANT_PHRASES), sd.relative_phrases), sd.stated_on),
        min_size=1,
        max_size=40,
    )
)
def test_batch_equals_parse_deadline_on_tolerant_phrases(pairs):
    """deadline_windows and window_columns give parse_deadline's window, error and set-aside words on every row."""
    from ledger.deadlines.batch import window_columns

    phrases = [p for p, _ in pairs]
    days = [d for _, d in pairs]
    df = deadline_windows(phrases, days)
    ignored = window_columns(phrases, days, DEFAULT_POLICY).ignored
    for i, (phrase, said) in enumerate(pairs):
        assert _row(df, i) == _expected(phrase, said)
        with contextlib.suppress(DeadlineError):
            assert ignored.get(i, ()) == parse_deadline(phrase, said).ignored


def _corpus_phrases() -> list[str]:
    """Every phrase of the three phrase sets in tests/data: hand-checked, real and calendar forms."""
    data = Path(__file__).resolve().parents[1] / "data"
    names = ("deadline_phrases.csv", "real_deadline_phrases.csv", "future_calendar_expressions.csv")
    phrases: set[str] = set()
    for name in names:
        with open(data / name, encoding="utf-8", newline="") as file:
            phrases.update(row["phrase"] for row in csv.DictReader(file))
    return sorted(phrases)


def test_batch_reader_equals_parse_deadline_on_every_phrase_of_the_test_sets():
    """The batch reader (what evaluate uses) against parse_deadline, every phrase of the phrase sets
    on a leap February day by day and a spread of days over three years (month ends, holidays).
    Its shortcuts once gave '10 business days' (a real phrase) the calendar months' offsets, wrong
    on a fifth of all days."""
    # A whole month, so that the reader's once-a-month and once-a-weekday shortcuts are taken,
    # and a spread over three years.
    days = [date(2024, 2, 1) + timedelta(days=k) for k in range(29)]
    days += [date(2024, 3, 1) + timedelta(days=k) for k in range(0, 1035, 53)]
    days += [date(2025, 1, 31), date(2025, 11, 26), date(2025, 12, 31), date(2026, 7, 3)]
    phrases = _corpus_phrases()
    assert len(phrases) > 600
    column = [p for p in phrases for _ in days]
    said = [d for _ in phrases for d in days]
    df = deadline_windows(column, said)
    wrong = []
    for i, (phrase, day) in enumerate(zip(column, said)):
        try:
            window = parse_deadline(phrase, day)
            expected = (window.earliest, window.due, window.latest)
        except DeadlineError:
            expected = None
        row = df.iloc[i]
        got = (
            None
            if isinstance(row["error"], str)
            else tuple(_day_or_none(row[k]) for k in ("earliest", "due", "latest"))
        )
        if got != expected:
            wrong.append((phrase, day, got, expected))
    assert not wrong, f"{len(wrong)} of {len(column)} differ; first: {wrong[:3]}"


def _day_or_none(value):
    return None if pd.isna(value) else pd.Timestamp(value).date()
