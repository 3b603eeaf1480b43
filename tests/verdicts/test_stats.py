"""Follow-through statistics, checked against independent implementations.

References, used only here: statsmodels' proportion_confint(method="wilson")
for the intervals, lifelines' KaplanMeierFitter and AalenJohansenFitter for
the survival table, DuckDB's SQL for the counts per group; hand-worked
examples live in docs/statistics.md.
"""

import datetime as dt
import warnings

import attrs
import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

# Neither ships type information; they are the independent references here.
from lifelines import AalenJohansenFitter, KaplanMeierFitter  # type: ignore[import-untyped]
from statsmodels.stats.proportion import proportion_confint  # type: ignore[import-untyped]

from ledger.core.records import Ledger
from ledger.core.vocabulary import STATUSES
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.stats import follow_through, time_to_fulfilment, wilson_interval
from tests import strategies

AS_OF = dt.date(2025, 12, 31)


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_matches_statsmodels(k, n):
    """Our Wilson 95% interval equals statsmodels' for any k of n."""
    k = min(k, n)
    low, high = wilson_interval(k, n)
    ref_low, ref_high = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert low == pytest.approx(ref_low, abs=1e-12)
    assert high == pytest.approx(ref_high, abs=1e-12)


def test_wilson_interval_is_nan_without_trials():
    """No trials, no interval (not a made-up 0 to 1)."""
    low, high = wilson_interval(0, 0)
    assert np.isnan(low) and np.isnan(high)


@given(strategies.evaluable_ledgers, st.sampled_from(["commitment", "chain"]), st.sampled_from([(), ("actor",)]))
def test_counts_per_status_sum_to_n(ledger, level, by):
    """In every group the status counts add up to n, and rates stay in [0, 1] inside their interval."""
    table = follow_through(evaluate(ledger, as_of=AS_OF), by=by, level=level)
    assert (sum(table[f"n_{s}"] for s in STATUSES) == table["n"]).all()
    rated = table[table["n_due"] > 0]
    for name in ("kept", "delivered"):
        assert rated[f"{name}_rate"].between(0, 1).all()
        assert (rated[f"{name}_ci_low"] <= rated[f"{name}_rate"] + 1e-12).all()
        assert (rated[f"{name}_rate"] <= rated[f"{name}_ci_high"] + 1e-12).all()


@given(strategies.evaluable_ledgers, strategies.close_dates, st.sampled_from(["commitment", "chain"]))
def test_n_due_never_counts_what_has_not_come_due(ledger, as_of, level):
    """n_due never counts a commitment whose latest date is after as_of and that has no final outcome
    (fulfilled, broken, withdrawn): progress before the deadline is not an outcome (issue 14, part 1)."""
    verdicts = evaluate(ledger, as_of=as_of)
    not_come_due = (verdicts["latest"].isna() | (verdicts["latest"] > pd.Timestamp(as_of))) & ~verdicts["status"].isin(
        ["kept", "late", "broken", "withdrawn"]
    )
    assert verdicts.loc[not_come_due, "status"].isin(["pending", "superseded", "unreadable"]).all()
    table = follow_through(verdicts, by=(), level=level)
    if level == "commitment":
        assert int(table["n_due"].sum()) <= len(verdicts) - int(not_come_due.sum())


@given(strategies.evaluable_ledgers, st.data())
def test_counts_per_group_match_duckdb(ledger, data):
    """n, n_due, and the missed and unreadable columns equal DuckDB's own GROUP BY over the verdicts,
    with the due statuses written out in SQL (docs/statistics.md's list)."""
    changed = [
        attrs.evolve(c, deadline="fortnightish", deadline_means=None) if data.draw(st.booleans()) else c
        for c in ledger.commitments
    ]
    verdicts = evaluate(Ledger(changed, list(ledger.events)), as_of=AS_OF)
    frame = verdicts[["actor", "status"]].astype(str)  # noqa: F841  # read by duckdb by name
    reference = duckdb.sql(
        "select actor, count(*) as n, "
        "count(*) filter (where status in ('kept', 'late', 'partial', 'broken', 'withdrawn', 'missed', 'lapsed')) "
        "as n_due, count(*) filter (where status = 'missed') as n_missed, "
        "count(*) filter (where status = 'unreadable') as n_unreadable from frame group by actor order by actor"
    ).df()
    table = follow_through(verdicts, by="actor").sort_values("actor", kind="stable").reset_index(drop=True)
    columns = ["actor", "n", "n_due", "n_missed", "n_unreadable"]
    got = table[columns].astype(dict.fromkeys(columns[1:], "int64")).astype({"actor": str})
    pd.testing.assert_frame_equal(got, reference[columns].astype(dict.fromkeys(columns[1:], "int64")))
    assert table.attrs["not_in_rates"] == ("superseded", "pending", "unreadable")


def test_a_checked_miss_is_due_and_not_kept():
    """missed counts in n_due and in its own column; unreadable is out of the rates, as pending is."""
    frame = _verdicts(
        [("kept", 5, False), ("missed", 20, False), ("unreadable", None, False), ("pending", None, False)]
    )
    row = follow_through(frame, by=()).iloc[0]
    assert (row["n"], row["n_due"], row["n_missed"], row["n_unreadable"]) == (4, 2, 1, 1)
    assert row["kept_rate"] == pytest.approx(1 / 2)


@given(strategies.evaluable_ledgers)
def test_rates_and_intervals_match_statsmodels_per_group(ledger):
    """Each group's kept rate interval is statsmodels' Wilson interval of its own counts."""
    table = follow_through(evaluate(ledger, as_of=AS_OF), by="actor")
    for _, row in table[table["n_due"] > 0].iterrows():
        # by default a partial verdict is due but not kept
        low, high = proportion_confint(row["n_kept"], row["n_due"], alpha=0.05, method="wilson")
        assert row["kept_ci_low"] == pytest.approx(low) and row["kept_ci_high"] == pytest.approx(high)


def test_partial_and_vague_switches_change_the_counts_and_are_recorded():
    """partial_counts_as and include_vague do what they say and are written into attrs."""
    frame = _verdicts([("kept", 5, False), ("partial", 5, False), ("lapsed", None, False), ("kept", 3, True)])
    default = follow_through(frame, by=())
    assert (default.loc[0, "n_due"], default.loc[0, "n_kept"]) == (4, 2)
    assert default.loc[0, "kept_rate"] == pytest.approx(2 / 4)
    as_kept = follow_through(frame, by=(), partial_counts_as="kept")
    assert as_kept.loc[0, "kept_rate"] == pytest.approx(3 / 4)
    excluded = follow_through(frame, by=(), partial_counts_as="excluded")
    assert excluded.loc[0, "kept_rate"] == pytest.approx(2 / 3)
    no_vague = follow_through(frame, by=(), include_vague=False)
    assert no_vague.loc[0, "n"] == 3
    assert no_vague.attrs["include_vague"] is False and as_kept.attrs["partial_counts_as"] == "kept"
    with pytest.raises(ValueError, match="partial_counts_as"):
        follow_through(frame, partial_counts_as="half")
    with pytest.raises(ValueError, match="'by' names columns"):
        follow_through(frame, by="colour")


def _verdicts(rows, as_of=dt.date(2025, 6, 1)):
    """A verdicts frame built by hand: (status, days to resolution or None, vague)."""
    start = pd.Timestamp("2025-01-01")
    frame = pd.DataFrame(
        {
            "id": [f"c{i}" for i in range(len(rows))],
            "actor": "X",
            "status": pd.Categorical([r[0] for r in rows], categories=list(STATUSES)),
            "stated_on": start,
            "resolved_on": [start + pd.Timedelta(days=r[1]) if r[1] is not None else pd.NaT for r in rows],
            "vague": [r[2] for r in rows],
            "days_late": pd.array([0 if r[0] == "kept" else None for r in rows], dtype="Int64"),
            "promised_days": pd.array([10] * len(rows), dtype="Int64"),
        }
    )
    frame.attrs["as_of"] = as_of
    return frame


@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "kept",
                    "late",
                    "broken",
                    "withdrawn",
                    "missed",
                    "partial",
                    "lapsed",
                    "pending",
                    "superseded",
                    "unreadable",
                ]
            ),
            st.integers(0, 100),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_kaplan_meier_matches_lifelines(rows):
    """Survival and its exponential-Greenwood interval equal lifelines' KaplanMeierFitter."""
    as_of = dt.date(2025, 1, 1) + dt.timedelta(days=150)
    frame = _verdicts([(s, d if s not in ("lapsed", "pending", "unreadable") else None, False) for s, d in rows], as_of)
    table = time_to_fulfilment(frame)
    # Open ones (missed and partial too) are censored at as_of; unreadable ones are left out of the curve.
    judged = [(s, d) for s, d in rows if s != "unreadable"]
    assert table.attrs["unreadable_left_out"] == len(rows) - len(judged)
    if not judged:
        assert table.empty
        return
    durations = [d if s in ("kept", "late", "broken", "withdrawn", "superseded") else 150 for s, d in judged]
    observed = [s in ("kept", "late") for s, _ in judged]
    km = KaplanMeierFitter().fit(durations, observed)
    survival = km.survival_function_.iloc[:, 0]
    bounds = km.confidence_interval_survival_function_
    for _, row in table.iterrows():
        assert row["survival"] == pytest.approx(survival.loc[row["day"]], abs=1e-12)
        assert row["ci_low"] == pytest.approx(bounds.iloc[:, 0].loc[row["day"]], abs=1e-9)
        assert row["ci_high"] == pytest.approx(bounds.iloc[:, 1].loc[row["day"]], abs=1e-9)
        assert row["at_risk"] == km.event_table.loc[row["day"], "at_risk"]


@given(
    st.permutations(list(range(1, 31))),
    st.lists(st.sampled_from(["kept", "broken", "withdrawn", "superseded"]), min_size=30, max_size=30),
)
def test_aalen_johansen_matches_lifelines(days, statuses):
    """Cumulative incidences of fulfilment and of broken/withdrawn equal lifelines' AalenJohansenFitter.

    Durations are distinct (lifelines jitters tied times at random, which no
    exact comparison survives); superseded rows are censored on their own day.
    """
    as_of = dt.date(2025, 1, 1) + dt.timedelta(days=40)
    rows = [(s, d, False) for s, d in zip(statuses, days)]
    table = time_to_fulfilment(_verdicts(rows, as_of)).set_index("day")
    code = {"kept": 1, "broken": 2, "withdrawn": 2, "superseded": 0}
    outcomes = [code[s] for s, _, _ in rows]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a tie warning would mean jitter: fail instead
        for event, column in ((1, "cif_fulfilled"), (2, "cif_ended")):
            if event not in outcomes:
                assert (table[column] == 0).all()
                continue
            aj = AalenJohansenFitter(calculate_variance=False).fit(days, outcomes, event_of_interest=event)
            reference = aj.cumulative_density_.iloc[:, 0]
            for d, value in table[column].items():
                assert value == pytest.approx(reference.loc[d], abs=1e-12)


def test_chain_level_counts_final_outcomes():
    """At chain level a reset chain counts once, by its last commitment's status."""
    from ledger import Commitment, Event, Ledger, Source

    src = (Source(url="https://example.org"),)
    ledger = Ledger(
        [
            Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="in 50 days", sources=src),
            Commitment(
                id="b",
                actor="X",
                stated_on=dt.date(2025, 1, 15),
                text="t",
                deadline="10 or 12 days",
                supersedes="a",
                sources=src,
            ),
        ],
        [Event(commitment_id="b", type="fulfilled", on=dt.date(2025, 1, 20))],
    )
    verdicts = evaluate(ledger, as_of=dt.date(2025, 3, 1))
    commitment_level = follow_through(verdicts, by=())
    chain_level = follow_through(verdicts, by=(), level="chain")
    assert (commitment_level.loc[0, "n"], commitment_level.loc[0, "n_superseded"]) == (2, 1)
    assert (chain_level.loc[0, "n"], chain_level.loc[0, "n_kept"], chain_level.loc[0, "n_due"]) == (1, 1, 1)


@given(st.lists(st.integers(0, 3000), max_size=300), st.integers(0, 5000))
def test_compacting_keys_equals_numpy_unique(values, headroom):
    """The counting shortcut for small key ranges gives np.unique's uniques and inverse."""
    from ledger.verdicts.stats import _compact

    values = np.array(values, dtype=np.int64)
    bound = int(values.max()) + 1 + headroom if len(values) else headroom
    present, inverse = _compact(values, bound)
    want_present, want_inverse = np.unique(values, return_inverse=True)
    np.testing.assert_array_equal(present, want_present)
    np.testing.assert_array_equal(inverse, want_inverse.reshape(-1))


@given(strategies.evaluable_ledgers, st.integers(1, 4), st.sampled_from([(), ("actor",), ("topic",)]))
def test_survival_of_merged_pieces_equals_survival_of_the_pieces(ledger, copies, by):
    """Pieces merged as a batched run merges them (held in 32 bits) give the same table, to the last bit,
    as the unmerged pieces summed once; and as time_to_fulfilment when there is one piece."""
    from ledger.verdicts.stats import combine_survival, merge_survival_parts, survival_parts

    verdicts = evaluate(ledger, as_of=AS_OF)
    part = survival_parts(verdicts, by)
    merged = merge_survival_parts([part] * copies)
    pd.testing.assert_frame_equal(combine_survival([merged]), combine_survival([part] * copies))
    if copies == 1:
        pd.testing.assert_frame_equal(combine_survival([merged]), time_to_fulfilment(verdicts, by))


def test_merged_survival_counts_past_32_bits_keep_their_values():
    """A count that does not fit 32 bits is held in 64: merging never wraps a value around."""
    from ledger import Commitment, Source
    from ledger.verdicts.stats import combine_survival, merge_survival_parts, survival_parts

    src = (Source(url="https://example.org"),)
    ledger = Ledger(
        [Commitment(id="a", actor="X", stated_on=dt.date(2025, 1, 1), text="t", deadline="in 50 days", sources=src)]
    )
    verdicts = evaluate(ledger, as_of=AS_OF)
    part = survival_parts(verdicts)
    big = 2**31 + 5
    counts = part.day_counts.copy()
    counts["censored"] = counts["censored"] * big
    huge = part._replace(day_counts=counts, group_sizes=part.group_sizes * big)
    merged = merge_survival_parts([huge])
    assert merged.day_counts["censored"].dtype == np.int64
    assert int(merged.day_counts["censored"].sum()) == big * int(part.day_counts["censored"].sum())
    assert int(combine_survival([merged])["at_risk"].iloc[0]) == big * int(part.group_sizes.sum())
