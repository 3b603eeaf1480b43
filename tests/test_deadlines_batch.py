"""deadline_windows: the batch reader equals parse_deadline row by row."""

from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from ledger.deadlines import DeadlineError, deadline_windows, parse_deadline
from tests import strategies_deadlines as sd


def _expected(phrase, said):
    try:
        w = parse_deadline(phrase, said)
    except DeadlineError as exc:
        return (None, None, None, None, None, False, False, None, str(exc))
    return (w.earliest, w.due, w.latest, w.kind, w.bound, w.hedged, w.vague, w.rule, None)


def _row(df, i):
    r = df.iloc[i]
    d = lambda x: None if pd.isna(x) else x.date()  # noqa: E731
    s = lambda x: None if pd.isna(x) else str(x)  # noqa: E731
    return (d(r.earliest), d(r.due), d(r.latest), s(r.kind), s(r.bound), bool(r.hedged),
            bool(r.vague), s(r.rule), r.error)


@given(st.lists(st.tuples(st.one_of(sd.relative_phrases, sd.calendar_phrases), sd.stated_on),
                min_size=1, max_size=40))
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
    import pytest

    with pytest.raises(ValueError, match="same length"):
        deadline_windows(["soon", "soon"], np.array(["2025-01-01"], dtype="datetime64[D]"))
