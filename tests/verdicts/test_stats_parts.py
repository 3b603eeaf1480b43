"""The statistics' pieces made by their faster steps are the pieces the plainer steps made.

``follow_through_parts`` reads days late and the time ratio of the delivered units only, groups an
Arrow dictionary column by its dictionary, and ``survival_parts`` counts each (group, day, outcome)
in one pass: each is checked against the whole-column, pandas-factorized, mask-by-mask form it
replaced, on random ledgers (and their batched form, dictionary columns) and random counts.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.core.vocabulary import STATUSES
from ledger.verdicts import stats
from ledger.verdicts.arrays import first_seen_dictionary
from ledger.verdicts.evaluate import evaluate
from tests import strategies

AS_OF = dt.date(2025, 6, 30)


def _plain_factorize(column):
    return pd.factorize(column, sort=True, use_na_sentinel=True)


def _reference_follow_through_parts(verdicts, by, level, include_vague):
    """``follow_through_parts`` as it was: every row's time ratio and days late, then the delivered ones."""
    with mock.patch.object(stats, "factorize_sorted", _plain_factorize):
        rows, status, start, end = stats._units(verdicts, level)
        taken = stats._days_between(end, start)
        promised = rows["promised_days"].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(promised > 0, taken / promised, np.nan)
        if not include_vague:
            keep = ~rows["vague"].to_numpy(dtype=bool)
            rows, status, ratio = rows[keep], status[keep], ratio[keep]
        codes, groups = stats._group_codes(rows, by, missing=None)
    table = np.bincount(codes * len(STATUSES) + status, minlength=len(groups) * len(STATUSES))
    delivered = np.isin(status, [STATUSES.index("kept"), STATUSES.index("late")])
    days_late = rows["days_late"].to_numpy(dtype=float, na_value=np.nan)[delivered]
    return groups, table.reshape(len(groups), len(STATUSES)), codes[delivered], days_late, ratio[delivered]


def _as_batches_have_it(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The verdicts with actor and topic as Arrow dictionaries of first appearance, as ``evaluate_batch`` gives them."""
    out = verdicts.copy()
    for name in ("actor", "topic"):
        out[name] = first_seen_dictionary(pa.array(out[name].array))
    return out


def _same_floats(got: np.ndarray, want: np.ndarray) -> bool:
    return got.dtype == want.dtype and np.array_equal(got, want, equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(
    ledger=strategies.evaluable_ledgers,
    by=st.sampled_from([(), ("actor",), ("topic",), ("actor", "topic")]),
    level=st.sampled_from(["commitment", "chain"]),
    include_vague=st.booleans(),
    dictionaries=st.booleans(),
)
def test_follow_through_parts_are_the_whole_column_pieces(ledger, by, level, include_vague, dictionaries):
    """Groups, counts, and each delivered unit's group, days late and time ratio: as computed over
    every row first, with pandas' factorize; for text columns and for Arrow dictionaries."""
    verdicts = evaluate(ledger, as_of=AS_OF)
    if dictionaries:
        verdicts = _as_batches_have_it(verdicts)
    parts = stats.follow_through_parts(verdicts, by, level=level, include_vague=include_vague)
    groups, counts, group, days_late, ratio = _reference_follow_through_parts(verdicts, by, level, include_vague)
    pd.testing.assert_frame_equal(parts.groups, groups)
    assert parts.counts.dtype == np.int64 and np.array_equal(parts.counts, counts)
    assert parts.delivered_group.dtype == group.dtype and np.array_equal(parts.delivered_group, group)
    assert _same_floats(parts.days_late, days_late)
    assert _same_floats(parts.ratio, ratio)


@settings(max_examples=60, deadline=None)
@given(
    ledger=strategies.evaluable_ledgers,
    by=st.sampled_from([(), ("actor",), ("topic",)]),
    level=st.sampled_from(["commitment", "chain"]),
    dictionaries=st.booleans(),
)
def test_survival_parts_are_the_mask_by_mask_pieces(ledger, by, level, dictionaries):
    """Each (group, day)'s counts of fulfilled, ended and censored units, and the groups: as the
    outcomes' masks summed one by one, with the outcome chosen by np.select and pandas' factorize."""
    verdicts = evaluate(ledger, as_of=AS_OF)
    if dictionaries:
        verdicts = _as_batches_have_it(verdicts)
    parts = stats.survival_parts(verdicts, by, level=level)
    with mock.patch.object(stats, "factorize_sorted", _plain_factorize):
        rows, duration, outcome, _ = stats._durations(verdicts, level)
        codes, groups = stats._group_codes(rows, by, missing=None)
    status = stats._units(verdicts, level)[1]
    status = status[status != STATUSES.index("unreadable")]
    chosen = np.select([stats._is(status, "kept", "late"), stats._is(status, "broken", "withdrawn")], [1, 2], default=0)
    assert outcome.dtype == chosen.dtype and np.array_equal(outcome, chosen)
    masks = {name: chosen == value for name, value in stats._OUTCOMES.items()}
    pd.testing.assert_frame_equal(parts.day_counts, stats._sum_by_group_day(codes, duration, masks), check_exact=True)
    pd.testing.assert_frame_equal(parts.groups, groups)


@settings(max_examples=200)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 5), st.integers(-3, 40) | st.integers(-(10**6), 10**6), st.sampled_from([0, 1, 2])),
        max_size=50,
    ),
)
def test_day_counts_in_one_pass_are_the_sums_of_each_outcome(rows):
    """One count per (group, day, outcome) gives what summing each outcome's mask gives, dtypes and
    order included: for days close together (every key counted) and far apart (keys sorted)."""
    codes = np.array([g for g, _, _ in rows], dtype=np.int64)
    duration = np.array([d for _, d, _ in rows], dtype=np.int64)
    outcome = np.array([o for _, _, o in rows], dtype=np.int64)
    masks = {name: outcome == value for name, value in stats._OUTCOMES.items()}
    got = stats._day_counts(codes, duration, outcome)
    pd.testing.assert_frame_equal(got, stats._sum_by_group_day(codes, duration, masks), check_exact=True)


@settings(max_examples=60, deadline=None)
@given(
    ledger=strategies.evaluable_ledgers,
    cuts=st.lists(st.integers(0, 40), max_size=6),
    by=st.sampled_from([(), ("actor",), ("topic",)]),
)
def test_merged_survival_pieces_are_the_sums_of_every_piece_in_32_bits(ledger, cuts, by):
    """Merging survival pieces (one column at a time) gives each (group, day)'s sums over the pieces,
    as one sum of all their rows gives them, each column in 32 bits (its values fit)."""
    verdicts = evaluate(ledger, as_of=AS_OF)
    bounds = sorted([0, len(verdicts), *(min(cut, len(verdicts)) for cut in cuts)])
    parts = [stats.survival_parts(verdicts.iloc[start:end], by) for start, end in zip(bounds[:-1], bounds[1:])]
    merged = stats.merge_survival_parts(parts)
    positions, groups = stats._regroup([part.groups for part in parts])
    expected = stats._sum_by_group_day(
        np.concatenate([at[part.day_counts["g"].to_numpy()] for part, at in zip(parts, positions)]),
        np.concatenate([part.day_counts["day"].to_numpy() for part in parts]),
        {name: np.concatenate([part.day_counts[name].to_numpy() for part in parts]) for name in stats._OUTCOMES},
    ).astype(np.int32)
    pd.testing.assert_frame_equal(merged.day_counts, expected, check_exact=True)
    assert len(merged.groups) == len(groups)
