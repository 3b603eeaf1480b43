"""Follow-through over time: one pass over a grid of dates equals evaluating at each date.

The reference is the library's own per-date path, ``evaluate`` then
``follow_through`` at each date separately, compared exactly.
"""

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.cli import main
from ledger.core.records import Commitment, Event, Ledger, Source
from ledger.io.loader import load
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.over_time import (
    KNOWN_THEN,
    as_of_grid,
    follow_through_over_time,
    over_time_chart_rows,
)
from ledger.verdicts.stats import follow_through, wilson_interval
from tests import strategies

GRID = [dt.date(2025, 1, 15), dt.date(2025, 3, 1), dt.date(2025, 5, 20), dt.date(2025, 8, 1), dt.date(2026, 1, 1)]
SRC = [Source(url="https://example.org/s")]


def _per_date(ledger, dates, by, known_as_of=None, **switches):
    """The reference: evaluate and follow_through at each date separately, stacked."""
    parts = []
    for day in dates:
        known = day if known_as_of == KNOWN_THEN else known_as_of
        table = follow_through(evaluate(ledger, as_of=day, known_as_of=known), by=by, **switches)
        if len(table):
            parts.append(table.assign(as_of=day))
    return parts


def _assert_equal_per_date(table, ledger, dates, by, known_as_of=None, **switches):
    expected = {
        part["as_of"].iloc[0]: part.drop(columns="as_of").reset_index(drop=True)
        for part in _per_date(ledger, dates, by, known_as_of, **switches)
    }
    assert sorted(set(table["as_of"])) == sorted(expected)
    for day, want in expected.items():
        got = table[table["as_of"] == day].drop(columns="as_of").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want, check_exact=True, check_dtype=False)


@settings(max_examples=60)
@given(
    strategies.evaluable_ledgers,
    st.sampled_from([(), ("actor",), ("kind", "vague")]),
    st.sampled_from([None, KNOWN_THEN, dt.date(2025, 4, 1)]),
)
def test_one_pass_equals_evaluating_at_each_date(ledger, by, known_as_of):
    """Each date's rows equal follow_through(evaluate(...)) at that date, counts and rates exactly."""
    table = follow_through_over_time(ledger, as_of=GRID, by=by, known_as_of=known_as_of)
    _assert_equal_per_date(table, ledger, GRID, by, known_as_of)


@settings(max_examples=25)
@given(strategies.evaluable_ledgers, st.sampled_from(["not_kept", "kept", "excluded"]), st.booleans())
def test_switches_pass_through(ledger, partial_counts_as, include_vague):
    """partial_counts_as and include_vague give the same rows as the per-date tables with those switches."""
    switches = {"partial_counts_as": partial_counts_as, "include_vague": include_vague}
    table = follow_through_over_time(ledger, as_of=GRID, by=("actor",), **switches)
    _assert_equal_per_date(table, ledger, GRID, ("actor",), **switches)


def test_same_day_ties_follow_evaluate():
    """A broken and a withdrawn report on the same day: the one listed first decides, as in evaluate."""
    said = dt.date(2025, 1, 10)
    led = Ledger(
        [Commitment(id="a", actor="A", stated_on=said, text="t", deadline="in two weeks", sources=SRC)],
        [
            Event(commitment_id="a", type="withdrawn", on=dt.date(2025, 2, 1)),
            Event(commitment_id="a", type="broken", on=dt.date(2025, 2, 1)),
        ],
    )
    table = follow_through_over_time(led, as_of=GRID, by=())
    assert table["n_withdrawn"].tolist() == [0, 1, 1, 1, 1]
    _assert_equal_per_date(table, led, GRID, ())


def test_known_then_shows_a_late_record_only_once_recorded():
    """With KNOWN_THEN a fulfilment recorded weeks later counts from the day it was recorded."""
    said = dt.date(2025, 1, 6)
    led = Ledger(
        [Commitment(id="a", actor="A", stated_on=said, text="t", deadline="in two weeks", sources=SRC)],
        [Event(commitment_id="a", type="fulfilled", on=dt.date(2025, 1, 15), recorded_on=dt.date(2025, 4, 1))],
    )
    grid = [dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 4, 1)]
    then = follow_through_over_time(led, as_of=grid, by=(), known_as_of=KNOWN_THEN)
    now = follow_through_over_time(led, as_of=grid, by=())
    assert then["n_lapsed"].tolist() == [1, 1, 0]
    assert then["n_kept"].tolist() == [0, 0, 1]
    assert now["n_kept"].tolist() == [1, 1, 1]


def test_grid_from_a_frequency_ends_on_end():
    """freq='MS' gives month starts from start, then end itself as the last date."""
    grid = as_of_grid(Ledger(), freq="MS", start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 17))
    assert grid == [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1), dt.date(2025, 3, 17)]


def test_grid_defaults_span_the_ledger():
    """Without start and end, the grid runs from the first statement to the last recorded day."""
    led = load("fixtures/examples").ledger
    grid = as_of_grid(led, freq="MS")
    stated = [c.stated_on for c in led.commitments]
    last = max([*stated, *(e.on for e in led.events)])
    assert grid[0] >= min(stated) and grid[-1] == last


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({}, TypeError),
        ({"as_of": [dt.date(2025, 1, 1)], "freq": "MS"}, TypeError),
        ({"as_of": []}, ValueError),
        ({"freq": "MS", "start": dt.date(2025, 5, 1), "end": dt.date(2025, 1, 1)}, ValueError),
        ({"freq": "not a frequency", "start": dt.date(2025, 1, 1), "end": dt.date(2025, 2, 1)}, ValueError),
        ({"as_of": ["2025-01-01"]}, TypeError),
    ],
)
def test_grid_refuses_unclear_requests(arguments, error):
    """A grid needs exactly one of as_of and freq, real dates, and start before end."""
    with pytest.raises(error):
        as_of_grid(Ledger(), **arguments)


@pytest.mark.parametrize("by", ["status", ("actor", "days_late")])
def test_by_a_column_that_changes_over_time_is_refused(by):
    """Grouping by status or days late makes no sense across dates: refused with the column named."""
    with pytest.raises(ValueError, match="changes over time"):
        follow_through_over_time(Ledger(), as_of=GRID, by=by)


def test_known_as_of_must_be_a_date_or_known_then():
    """A misspelt mode is an error, not silently 'everything recorded'."""
    with pytest.raises(ValueError, match="known_as_of"):
        follow_through_over_time(Ledger(), as_of=GRID, known_as_of="then")


def test_ungrouped_dates_before_any_commitment_have_a_zero_row():
    """Ungrouped, a date with nothing stated yet has a row with n = 0, as follow_through gives."""
    led = load("fixtures/examples").ledger
    table = follow_through_over_time(led, as_of=[dt.date(2000, 1, 1), dt.date(2025, 6, 1)], by=())
    assert table["n"].tolist()[0] == 0
    _assert_equal_per_date(table, led, [dt.date(2000, 1, 1), dt.date(2025, 6, 1)], ())


def test_chart_rows_carry_rates_with_their_wilson_band():
    """The chart rows hold each date's on-time rate and lapsed share with Wilson intervals, only where due."""
    led = load("fixtures/examples").ledger
    table = follow_through_over_time(led, freq="MS", by=("actor",))
    rows = over_time_chart_rows(table)
    assert set(rows["measure"]) == {"kept_rate", "lapsed_share"}
    assert (rows["n_due"] > 0).all()
    kept = rows[rows["measure"] == "kept_rate"].iloc[-1]
    match = table[(table["as_of"] == kept["as_of"]) & (table["actor"] == kept["group"])].iloc[0]
    assert kept["value"] == match["kept_rate"]
    low, high = wilson_interval(match["n_kept"], match["n_due"])
    assert (kept["low"], kept["high"]) == (low, high)


def test_cli_writes_the_table_over_time(tmp_path):
    """`ledger evaluate --over-time monthly` writes follow_through_over_time.parquet beside the others."""
    code = main(
        ["evaluate", "fixtures/examples", "--as-of", "2025-06-01", "--out", str(tmp_path), "--over-time", "monthly"]
    )
    assert code == 0
    written = pq.read_table(tmp_path / "follow_through_over_time.parquet")
    frame = written.to_pandas()
    assert frame["as_of"].iloc[-1] == dt.date(2025, 6, 1)
    assert written.schema.metadata[b"ledger.freq"] == b"MS"
    table = follow_through_over_time(load("fixtures/examples").ledger, freq="MS", end=dt.date(2025, 6, 1))
    assert frame["n_kept"].tolist() == table["n_kept"].tolist()
    assert np.allclose(frame["kept_rate"], table["kept_rate"], equal_nan=True)


def test_known_as_of_that_is_not_a_date_is_refused():
    """known_as_of=20250101 is a TypeError naming the argument, as evaluate gives."""
    with pytest.raises(TypeError, match="known_as_of"):
        follow_through_over_time(Ledger(), as_of=GRID, known_as_of=20250101)


@pytest.mark.parametrize("path", ["fixtures/examples", "empty"])
def test_a_grid_ending_before_the_first_statement_is_that_date_alone(path, tmp_path):
    """--as-of before anything was said (or an empty ledger): one date, n = 0, not an error."""
    led = Ledger() if path == "empty" else load(path).ledger
    table = follow_through_over_time(led, freq="MS", end=dt.date(2000, 1, 1), by=())
    assert table["as_of"].tolist() == [dt.date(2000, 1, 1)] and table["n"].tolist() == [0]
