"""The column helpers the batched path leans on give what the slower, plainer forms give."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.core.vocabulary import STATUSES
from ledger.verdicts.arrays import (
    NEVER,
    by_rule,
    days_of_frame,
    days_of_values,
    factorize_sorted,
    first_rule,
    first_seen_dictionary,
    status_codes,
    take,
    take_arrow,
)
from ledger.verdicts.stats import _days_between, _where_else_day

_words = st.sampled_from(["Actor 1", "Actor 2", "topic-3", "in two weeks", "é", ""])


@settings(max_examples=60)
@given(
    values=st.lists(st.none() | _words, max_size=30),
    dictionary=st.lists(_words, max_size=8),
    as_dictionary=st.booleans(),
)
def test_first_seen_dictionary_is_what_dictionary_encode_of_the_text_gives(values, dictionary, as_dictionary):
    """Whatever dictionary the column came with (unused entries, entries listed twice, another order),
    the result holds the dictionary and indices that encoding the decoded text afresh gives."""
    if as_dictionary:
        # The dictionary the column is read with: every value it needs, and more, in another order.
        entries = list(dict.fromkeys([*dictionary, *(v for v in values if v is not None)]))[::-1]
        entries += dictionary  # possibly listed twice
        index = {word: entries.index(word) for word in entries}
        column = pa.DictionaryArray.from_arrays(
            pa.array([None if v is None else index[v] for v in values], pa.int32()), pa.array(entries, pa.string())
        )
    else:
        column = pa.array(values, pa.string())
    got = pa.array(first_seen_dictionary(column))
    expected = pc.dictionary_encode(pa.array(values, pa.string()))
    assert got.dictionary.equals(expected.dictionary)
    assert got.indices.cast(pa.int32()).equals(expected.indices.cast(pa.int32()))


def test_first_seen_dictionary_takes_a_column_of_chunks_with_their_own_dictionaries():
    """Chunks read as separate dictionaries are one column, in order of first appearance."""
    column = pa.chunked_array([pa.array(["b", "a"]).dictionary_encode(), pa.array(["c", "b"]).dictionary_encode()])
    got = pa.array(first_seen_dictionary(column))
    assert got.dictionary.to_pylist() == ["b", "a", "c"] and got.indices.to_pylist() == [0, 1, 2, 0]


@settings(max_examples=60)
@given(
    data=st.data(),
    rows=st.integers(0, 40),
    count=st.integers(1, 12),
)
def test_a_choice_by_the_first_rule_is_what_np_select_chooses(data, rows, count):
    """first_rule and by_rule give np.select's answer, for columns and single values among the choices."""
    rule_masks = [np.array(data.draw(st.lists(st.booleans(), min_size=rows, max_size=rows))) for _ in range(count)]
    rules = [m.astype(bool) for m in rule_masks]
    column = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=rows, max_size=rows)), dtype=np.int64)
    choices = [column if data.draw(st.booleans()) else data.draw(st.integers(-3, 3)) for _ in range(count)]
    default = data.draw(st.integers(-3, 3))
    got = by_rule(first_rule(rules), choices, default)
    assert got.tolist() == np.select(rules, choices, default=default).tolist()


@settings(max_examples=60)
@given(data=st.data(), rows=st.integers(0, 40), count=st.integers(1, 12), columns=st.integers(1, 4))
def test_a_choice_by_the_first_rule_among_several_columns_is_what_np_select_chooses(data, rows, count, columns):
    """by_rule gives np.select's answer when the choices name several columns, each for any of the rules."""
    rules = [
        np.array(data.draw(st.lists(st.booleans(), min_size=rows, max_size=rows)), dtype=bool) for _ in range(count)
    ]
    values = [
        np.array(data.draw(st.lists(st.integers(-(2**40), 2**40), min_size=rows, max_size=rows)), dtype=np.int64)
        for _ in range(columns)
    ]
    choices = [data.draw(st.sampled_from(values) | st.integers(-3, 3)) for _ in range(count)]
    default = data.draw(st.integers(-3, 3))
    got = by_rule(first_rule(rules), choices, default)
    assert got.tolist() == np.select(rules, choices, default=default).tolist()


@settings(max_examples=40)
@given(
    days=st.lists(st.none() | st.integers(-800_000, 2_900_000), max_size=20),
    unit=st.sampled_from(["s", "ms", "us", "ns", "D"]),
)
def test_day_numbers_from_the_integers_underneath_are_the_casts(days, unit):
    """Day numbers read from a datetime column's integers equal those from casting it to days."""
    if unit == "ns":
        days = [d if d is None else max(min(d, 100_000), -100_000) for d in days]  # what nanoseconds hold
    values = np.array([np.datetime64("NaT") if d is None else np.datetime64(d, "D") for d in days]).astype(
        f"datetime64[{unit}]"
    )
    expected = [int(NEVER) if d is None else d for d in days]
    assert days_of_values(values).tolist() == expected
    assert days_of_frame(
        pd.Series(values, dtype=f"datetime64[{unit}]" if unit != "D" else "datetime64[s]")
    ).tolist() == (expected)


@settings(max_examples=40)
@given(
    pairs=st.lists(st.tuples(st.none() | st.integers(-2000, 30000), st.integers(-2000, 30000)), max_size=20),
    seconds=st.integers(0, 86_399),
)
def test_days_between_is_pandas_whole_days(pairs, seconds):
    """Whole days between two datetime columns, as pandas' ``(end - start).dt.days`` counts them
    (also for times of day, which round down), NaN where the end is missing."""
    end = pd.Series(
        [pd.NaT if e is None else pd.Timestamp(dt.date(1970, 1, 1) + dt.timedelta(days=e)) for e, _ in pairs],
        dtype="datetime64[s]",
    )
    start = pd.Series([pd.Timestamp(dt.date(1970, 1, 1) + dt.timedelta(days=s, seconds=seconds)) for _, s in pairs])
    start = start.astype("datetime64[s]")
    expected = (end - start).dt.days.to_numpy(dtype=float, na_value=np.nan)
    assert np.array_equal(_days_between(end, start), expected, equal_nan=True)


def test_where_else_day_is_pandas_where():
    """Outside ``keep``, the day given; as pandas' ``where`` with a timestamp gives it."""
    column = pd.Series(pd.to_datetime(["2025-01-01", None, "2025-03-01"])).astype("datetime64[s]")
    keep = np.array([True, False, False])
    got = _where_else_day(column, keep, dt.date(2025, 6, 1))
    assert got.equals(column.where(keep, pd.Timestamp(dt.date(2025, 6, 1))))


def test_status_codes_of_a_column_evaluate_made_and_of_text_agree():
    """A Categorical in STATUSES' order is read as it is; text is recoded; both give the same codes."""
    words = ["late", "kept", "pending", "bogus"]
    made = pd.Series(pd.Categorical(words[:3], categories=list(STATUSES)))
    assert status_codes(made).tolist() == status_codes(pd.Series(words[:3])).tolist()
    assert status_codes(pd.Series(words))[-1] == -1


@settings(max_examples=40)
@given(
    values=st.lists(st.integers(-9, 9), max_size=12),
    rows=st.lists(st.integers(-1, 11), max_size=12),
)
def test_take_with_a_missing_row(values, rows):
    """take() gives values[row], and the missing value where a row is -1."""
    rows = [r if r < len(values) else -1 for r in rows]
    got = take(np.array(values, dtype=np.int64), np.array(rows, dtype=np.int64), -7)
    assert got.tolist() == [values[r] if r >= 0 else -7 for r in rows]


_entries = st.text(st.characters(codec="utf-8"), max_size=4)


@settings(max_examples=150)
@given(
    dictionary=st.lists(_entries, max_size=8),
    rows=st.lists(st.none() | st.integers(0, 7), max_size=30),
    chunks=st.integers(1, 2),
)
def test_factorize_sorted_is_pandas_factorize(dictionary, rows, chunks):
    """Codes and values as pandas' factorize(sort=True) gives them, for a column of Arrow dictionary
    text (entries in any order, unused ones, entries listed twice, none, missing rows, two chunks), and for
    the same text as plain strings and as numpy objects."""
    indices = pa.array([r if r is None or not dictionary else r % len(dictionary) for r in rows], pa.int32())
    indices = indices if dictionary else pa.nulls(len(rows), pa.int32())
    encoded = pa.DictionaryArray.from_arrays(indices, pa.array(dictionary, pa.string()))
    half = len(encoded) // 2
    arrow = pa.chunked_array([encoded[:half], encoded[half:]]) if chunks == 2 else encoded
    for column in (
        pd.Series(pd.arrays.ArrowExtensionArray(arrow)),
        pd.Series(pd.arrays.ArrowExtensionArray(encoded.cast(pa.string()))),
        pd.Series(encoded.to_pylist(), dtype=object),
    ):
        codes, values = factorize_sorted(column)
        want_codes, want_values = pd.factorize(column, sort=True, use_na_sentinel=True)
        assert codes.dtype == want_codes.dtype
        assert codes.tolist() == want_codes.tolist()
        assert pd.Index(values).astype(object).tolist() == pd.Index(want_values).astype(object).tolist()


@settings(max_examples=40)
@given(
    values=st.lists(st.none() | _words, min_size=1, max_size=12),
    rows=st.lists(st.integers(-1, 11), max_size=12),
)
def test_take_arrow_with_and_without_a_missing_row(values, rows):
    """take_arrow() gives values[row], null where a row is -1, whether any row is missing or none is."""
    rows = [r if r < len(values) else -1 for r in rows]
    got = take_arrow(pa.array(values, pa.string()), np.array(rows, dtype=np.int64))
    assert got.type == pa.string()
    assert got.to_pylist() == [values[r] if r >= 0 else None for r in rows]


@pytest.mark.parametrize("count", [126, 127, 128, 300])
def test_a_choice_among_more_columns_than_a_byte_counts_is_what_np_select_chooses(count):
    """by_rule numbers its columns in a byte while they fit one, and in a wider integer past that (first_rule
    tells apart 15 rules at most; ``which`` made by hand: row k by rule k, the last row by none)."""
    rows = np.arange(count + 1)
    rules = [rows == k for k in range(count)]
    choices = [np.full(count + 1, 1000 + k) for k in range(count)]
    assert by_rule(rows, choices, -1).tolist() == np.select(rules, choices, default=-1).tolist()
