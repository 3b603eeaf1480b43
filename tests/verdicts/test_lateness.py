"""The follow-through table's medians and 90th percentile are pandas' groupby median and quantile, bit for bit.

``_lateness`` sorts each group's values itself (``ledger.verdicts.arrays.sorted_within_groups``);
pandas, the reference here, selects them its own way. Every way of sorting (whole values counted,
each group's run sorted apart, all values at once) is checked, on values with ties, NaNs,
infinities, groups of one value and groups of none.
"""

from __future__ import annotations

import contextlib
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.verdicts import arrays
from ledger.verdicts.stats import _lateness

#: Few distinct values (ties), any float (no NaN: the NaNs are put in apart), and NaN itself.
_values = st.one_of(
    st.sampled_from([0.0, 1.0, 2.0, 3.5, -4.0, 0.1, 1 / 3, -0.0]),
    st.floats(allow_nan=False),
    st.just(np.nan),
)
#: Whole days (counted, not sorted, when their range is short), and NaN.
_days = st.one_of(st.integers(-3, 40).map(float), st.just(np.nan))


@contextlib.contextmanager
def _sorting(way: str):
    """Make ``sorted_within_groups`` take one way: count whole values where it can (as it does), or
    never count and sort each group's run apart, or sort every value at once."""
    with contextlib.ExitStack() as stack:
        if way != "whole":
            stack.enter_context(mock.patch.object(arrays, "_whole_values_in_order", lambda *_: None))
            per_run = 0 if way == "runs" else 10**9
            stack.enter_context(mock.patch.object(arrays, "_VALUES_PER_SORTED_RUN", per_run))
        yield


_WAYS = ("whole", "runs", "lexsort")


def _pandas_lateness(group, days_late, ratio, n_groups):
    """The table's lateness columns as pandas' groupby made them before."""
    lateness = pd.DataFrame({"g": group, "days_late": days_late, "ratio": ratio}).groupby("g")
    index = np.arange(n_groups)
    return {
        "median_days_late": lateness["days_late"].median().reindex(index).to_numpy(),
        "p90_days_late": lateness["days_late"].quantile(0.9).reindex(index).to_numpy(),
        "median_time_ratio": lateness["ratio"].median().reindex(index).to_numpy(),
    }


def _assert_same_floats(got: np.ndarray, want: np.ndarray) -> None:
    """NaN where pandas has NaN, and every other value bit for bit (a zero's sign apart: which of
    0.0 and -0.0 a tie between them gives is pandas' selection order, not arithmetic)."""
    assert got.dtype == want.dtype == np.float64
    assert np.array_equal(np.isnan(got), np.isnan(want))
    shown = ~np.isnan(want) & (want != 0)
    assert np.array_equal(got[shown].view(np.int64), want[shown].view(np.int64))
    assert np.array_equal(got[want == 0], want[want == 0])


@settings(max_examples=300)
@given(
    rows=st.lists(st.tuples(st.integers(0, 6), _values | _days, _values | _days), max_size=60)
    | st.lists(st.tuples(st.integers(0, 2), _days, _days), max_size=60),
    extra_groups=st.integers(0, 3),
    way=st.sampled_from(_WAYS),
)
def test_lateness_is_pandas_groupby_median_and_quantile(rows, extra_groups, way):
    """Any values (ties, NaNs, infinities, whole days), groups of one value and groups of none (NaN),
    by every way of sorting: the floats pandas' groupby median and quantile(0.9) give."""
    group = np.array([g for g, _, _ in rows], dtype=np.int64)
    days_late = np.array([d for _, d, _ in rows], dtype=np.float64)
    ratio = np.array([r for _, _, r in rows], dtype=np.float64)
    n_groups = (int(group.max()) + 1 if len(group) else 0) + extra_groups
    with _sorting(way):
        got = _lateness(group, days_late, ratio, n_groups)
    want = _pandas_lateness(group, days_late, ratio, n_groups)
    assert list(got) == list(want)
    for name in want:
        _assert_same_floats(got[name], want[name])


def test_lateness_of_many_values_is_pandas_either_way():
    """A summary's size (thousands of values in a few hundred groups, some empty; whole days late and
    ratios of whole days): every way of sorting give pandas' floats."""
    rng = np.random.default_rng(17)
    n, n_groups = 20_000, 300
    group = rng.integers(0, n_groups - 5, n)  # the last five groups have no delivered unit
    days_late = np.where(rng.random(n) < 0.6, 0.0, rng.integers(1, 90, n).astype(float))
    ratio = rng.integers(0, 400, n) / rng.integers(1, 120, n)
    ratio[rng.random(n) < 0.05] = np.nan
    want = _pandas_lateness(group, days_late, ratio, n_groups)
    for way in _WAYS:
        with _sorting(way):
            got = _lateness(group, days_late, ratio, n_groups)
        for name in want:
            _assert_same_floats(got[name], want[name])


def test_lateness_of_one_group_holding_everything():
    """The summary's 'All' row: one group of every delivered unit."""
    rng = np.random.default_rng(3)
    values = rng.integers(0, 50, 5001).astype(float)
    group = np.zeros(len(values), dtype=np.int64)
    got = _lateness(group, values, values / 7, 1)
    want = _pandas_lateness(group, values, values / 7, 1)
    for name in want:
        _assert_same_floats(got[name], want[name])


def test_lateness_of_no_values():
    """No delivered unit at all: every group's statistics are NaN."""
    empty = np.array([], dtype=np.float64)
    got = _lateness(np.array([], dtype=np.int64), empty, empty, 3)
    for column in got.values():
        assert column.shape == (3,) and np.isnan(column).all()
