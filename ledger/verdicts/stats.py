"""Follow-through statistics from verdicts: rates with intervals, lateness, survival.

Every statistic is built from per-group counts over whole columns, and the
counts add across partitions of a ledger (see docs/architecture.md), so the
same numbers can later be computed piece by piece on several machines.
``docs/statistics.md`` explains each one for a reader, with worked examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from ledger.core.vocabulary import NOT_DUE_WORDS, SETTLED, STATUSES
from ledger.verdicts.arrays import (
    factorize_sorted,
    group_medians,
    group_quantiles,
    sorted_within_groups,
    status_codes,
)
from ledger.verdicts.chains import chains

__all__ = [
    "DUE_STATUSES",
    "FollowThroughParts",
    "NO_GROUP",
    "PARTIAL_COUNTS_AS",
    "SurvivalParts",
    "combine_follow_through",
    "combine_survival",
    "follow_through",
    "follow_through_parts",
    "group_labels",
    "merge_survival_parts",
    "narrow_survival_parts",
    "survival_parts",
    "time_to_fulfilment",
    "ungrouped_parts",
    "wilson_interval",
]

#: How a ``partial`` verdict counts in the rates (an explicit switch, never a default hidden in code).
PARTIAL_COUNTS_AS = ("not_kept", "kept", "excluded")

_Z95 = 1.959963984540054  # the standard normal quantile for a two-sided 95% interval
_DELIVERED = ("kept", "late")

#: The statuses in ``n_due`` whatever the switches: an outcome is in, or the deadline has passed.
#: ``partial`` joins them unless ``partial_counts_as="excluded"``; the statuses of
#: ``NOT_DUE_WORDS`` (pending, superseded, unreadable) never do.
DUE_STATUSES = tuple(s for s in STATUSES if s not in NOT_DUE_WORDS and s != "partial")


def wilson_interval(successes, trials, z: float = _Z95):
    """Wilson score interval for a proportion, element-wise; NaN where trials is 0.

    Wilson's interval stays inside [0, 1] and behaves at 0 of 3 or 3 of 3,
    where the textbook normal interval gives nonsense.

    >>> low, high = wilson_interval(2, 14)
    >>> round(float(low), 3), round(float(high), 3)
    (0.04, 0.399)
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    return np.where(n > 0, low, np.nan), np.where(n > 0, high, np.nan)


#: The group of rows with no value in a grouping column (a commitment without a topic).
NO_GROUP = "(none)"


def group_labels(column: pd.Series) -> pd.Series:
    """A grouping column as text labels, missing values as NO_GROUP.

    >>> group_labels(pd.Series(["budget", None])).tolist()
    ['budget', '(none)']
    """
    return column.astype(object).where(column.notna(), NO_GROUP).astype(str)


def _status_codes(statuses: pd.Series) -> np.ndarray:
    """Each status as its index in STATUSES (so comparisons are on integers)."""
    codes = status_codes(statuses)
    if (codes < 0).any():
        bad = statuses[codes < 0].iloc[0]
        raise ValueError(f"'status' must be one of {', '.join(STATUSES)} (got {bad!r})")
    return codes


def _code(*names: str) -> list[int]:
    return [STATUSES.index(n) for n in names]


def _is(status: np.ndarray, *names: str) -> np.ndarray:
    """Which status codes are one of ``names``: one look-up per row (``np.isin`` sorts, five times slower)."""
    wanted = np.zeros(len(STATUSES), dtype=bool)
    wanted[_code(*names)] = True
    return wanted[status]


def _units(verdicts: pd.DataFrame, level: str):
    """The units counted: commitments, or chains with their final outcome.

    Returns the table the grouping columns come from, each unit's status
    code, the day it started and the day it was resolved.
    """
    if level == "commitment":
        rows, status, start, end = verdicts, "status", "stated_on", "resolved_on"
    elif level == "chain":
        rows, status, start, end = chains(verdicts), "final_status", "first_stated_on", "final_resolved_on"
    else:
        raise ValueError(f"'level' must be 'commitment' or 'chain' (got {level!r})")
    return rows, _status_codes(rows[status]), rows[start], rows[end]


def _group_codes(rows: pd.DataFrame, by: tuple[str, ...], missing: object = NO_GROUP):
    """Integer group codes and the frame of group keys, in sorted key order.

    A missing key is a group of its own, listed last and labelled ``missing``:
    partial results keep it as None, so that grouping their keys again (when
    partitions are combined) sorts it last once more.
    """
    if not by:
        return np.zeros(len(rows), dtype=np.int64), pd.DataFrame({"group": ["all"]})
    unknown = [b for b in by if b not in rows.columns]
    if unknown:
        raise ValueError(f"'by' names columns the table does not have: {unknown} (columns: {', '.join(rows.columns)})")
    # Factorize each key column (hashing in native code, no Python object per
    # row), then combine the per-column codes into one code per distinct key.
    per_column, levels = [], []
    for name in by:
        column = rows[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(str)
        codes, uniques = factorize_sorted(column)
        uniques = pd.Index(uniques).astype(object)
        if (codes < 0).any():  # a missing key is a group of its own, listed last
            codes = np.where(codes < 0, len(uniques), codes)
            uniques = uniques.append(pd.Index([missing], dtype=object))
        per_column.append(codes)
        levels.append(uniques)
    sizes = [len(level) for level in levels]
    combined = np.ravel_multi_index(per_column, sizes) if len(by) > 1 else per_column[0]
    present, codes = _compact(combined, int(np.prod(sizes)))
    positions = np.unravel_index(present, sizes)
    uniques = pd.DataFrame({name: level[pos].to_numpy() for name, level, pos in zip(by, levels, positions)})
    return codes.astype(np.int64), uniques


def _compact(values: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for integers in [0, bound).

    Group keys and (group, day) keys fall in a small range, so marking which
    occur and counting them up replaces sorting a million keys.
    """
    if bound > 4 * len(values) + 1024:
        return np.unique(values, return_inverse=True)
    seen = np.zeros(bound, dtype=bool)
    seen[values] = True
    # A rank per possible key: in 32 bits when they fit, half the memory of the largest array here.
    rank = np.cumsum(seen, dtype=np.int32 if bound < 2**31 else np.int64) - 1
    return np.flatnonzero(seen), rank[values]


def _check_by(by) -> tuple[str, ...]:
    if isinstance(by, str):
        return (by,)
    return tuple(by)


def follow_through(
    verdicts: pd.DataFrame,
    by: Sequence[str] | str = ("actor",),
    *,
    level: str = "commitment",
    partial_counts_as: str = "not_kept",
    include_vague: bool = True,
) -> pd.DataFrame:
    """Who keeps their deadlines: one row per group, with counts, rates and intervals.

    - ``n``: commitments (or chains, with ``level="chain"``) in the group;
      ``n_<status>`` for each status.
    - ``n_due``: those whose outcome is in or whose deadline has passed
      (kept, late, partial, broken, withdrawn, missed, lapsed). Pending and
      superseded ones are not yet due, and unreadable ones cannot be judged:
      all three are left out of the rates (the ``not_in_rates`` attr says so).
    - ``kept_rate`` (kept / n_due) and ``delivered_rate`` ((kept + late) /
      n_due), each with a Wilson 95% interval (``*_ci_low``, ``*_ci_high``).
    - ``median_days_late`` and ``p90_days_late`` over delivered ones (0 when
      on time); ``median_time_ratio``: time taken / time promised, delivered only.

    ``partial_counts_as`` is ``"not_kept"`` (in n_due, not delivered),
    ``"kept"`` or ``"excluded"`` (out of n_due); ``include_vague=False``
    drops deadlines with no number ("soon"). Both switches, and the level, are
    recorded in the table's ``attrs``, with ``not_in_rates``: the statuses
    left out of ``n_due``.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> table = follow_through(v, by="actor").set_index("actor")
    >>> table.loc["Mayor Ada Example", ["n", "n_due", "n_kept", "n_late"]].astype(int).tolist()
    [3, 2, 0, 2]
    """
    # One process is one part: the table is built exactly as for a partitioned ledger.
    parts = follow_through_parts(verdicts, by, level=level, include_vague=include_vague)
    return combine_follow_through([parts], partial_counts_as=partial_counts_as, attrs=verdicts.attrs)


class FollowThroughParts(NamedTuple):
    """What ``follow_through`` needs from one part of a ledger (whole chains), all of which adds
    across parts: the group keys (a missing key as None), each group's count of every status
    (groups x STATUSES), and the delivered units' group, days late and time ratio."""

    by: tuple[str, ...]
    level: str
    include_vague: bool
    groups: pd.DataFrame
    counts: np.ndarray
    delivered_group: np.ndarray
    days_late: np.ndarray
    ratio: np.ndarray


def follow_through_parts(
    verdicts: pd.DataFrame, by: Sequence[str] | str = ("actor",), *, level: str = "commitment", include_vague=True
) -> FollowThroughParts:
    """The additive pieces of ``follow_through`` for verdicts of some whole chains of a ledger.

    ``combine_follow_through`` of the pieces of every part gives the table
    ``follow_through`` gives for the whole ledger, exactly.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> combine_follow_through([follow_through_parts(v)]).equals(follow_through(v))
    True
    """
    by = _check_by(by)
    rows, status, start, end = _units(verdicts, level)
    if not include_vague:
        keep = ~rows["vague"].to_numpy(dtype=bool)
        rows, status, start, end = rows[keep], status[keep], start[keep], end[keep]
    codes, groups = _group_codes(rows, by, missing=None)
    # One pass counts every (group, status) pair.
    table = np.bincount(codes * len(STATUSES) + status, minlength=len(groups) * len(STATUSES))
    # Days late and the time ratio of the delivered units only, the rest of the rows never read.
    delivered = np.flatnonzero(_is(status, *_DELIVERED))
    taken = _days_between(end.iloc[delivered], start.iloc[delivered])
    promised = rows["promised_days"].iloc[delivered].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(promised > 0, taken / promised, np.nan)
    return FollowThroughParts(
        by,
        level,
        include_vague,
        groups,
        table.reshape(len(groups), len(STATUSES)).astype(np.int64),
        codes[delivered],
        rows["days_late"].iloc[delivered].to_numpy(dtype=float, na_value=np.nan),
        ratio,
    )


def ungrouped_parts(parts: FollowThroughParts) -> FollowThroughParts:
    """``follow_through_parts`` of the same verdicts with no grouping, made from the grouped pieces:
    one group, 'all', holding every group's counts and every delivered unit (nothing counted twice).

    >>> import datetime as dt
    >>> from ledger import evaluate, load
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> whole = ungrouped_parts(follow_through_parts(v, ("actor",)))
    >>> (whole.counts == follow_through_parts(v, ()).counts).all()
    np.True_
    """
    return parts._replace(
        by=(),
        groups=pd.DataFrame({"group": ["all"]}),
        counts=parts.counts.sum(axis=0, keepdims=True),
        delivered_group=np.zeros(len(parts.delivered_group), dtype=np.int64),
    )


def combine_follow_through(
    parts: Sequence[FollowThroughParts], *, partial_counts_as: str = "not_kept", attrs: dict | None = None
) -> pd.DataFrame:
    """``follow_through``'s table from the pieces of the parts of a ledger (``follow_through_parts``).

    Counts add; medians and the 90th percentile are taken over the delivered
    units of all parts together, so the table is the one-process table.
    ``attrs`` are the verdicts' (``as_of`` and the rest), carried into the table's.
    """
    if partial_counts_as not in PARTIAL_COUNTS_AS:
        raise ValueError(
            f"'partial_counts_as' must be one of {', '.join(PARTIAL_COUNTS_AS)} (got {partial_counts_as!r})"
        )
    if not parts:
        raise ValueError("combine_follow_through() needs the pieces of at least one part")
    first = parts[0]
    positions, groups = _regroup([part.groups for part in parts])
    table = np.zeros((len(groups), len(STATUSES)), dtype=np.int64)
    for part, at in zip(parts, positions):
        table[at] += part.counts  # a part lists each of its groups once
    out = groups.copy()
    for name, column in _counts_and_rates(table, partial_counts_as).items():
        out[name] = column
    delivered_group = np.concatenate([at[part.delivered_group] for part, at in zip(parts, positions)])
    days_late = np.concatenate([part.days_late for part in parts])
    ratio = np.concatenate([part.ratio for part in parts])
    for name, column in _lateness(delivered_group, days_late, ratio, len(groups)).items():
        out[name] = column
    out.attrs.update(attrs or {})
    not_in_rates = tuple(
        s for s in STATUSES if s in NOT_DUE_WORDS or (s == "partial" and partial_counts_as == "excluded")
    )
    out.attrs.update(
        {
            "by": first.by,
            "level": first.level,
            "partial_counts_as": partial_counts_as,
            "include_vague": first.include_vague,
            "not_in_rates": not_in_rates,
        }
    )
    return out


def _regroup(key_frames: list[pd.DataFrame]) -> tuple[list[np.ndarray], pd.DataFrame]:
    """The group keys of several parts as one sorted set: where each part's groups sit in it,
    and its frame of keys (a missing key labelled NO_GROUP, last, as in one process)."""
    together = pd.concat(key_frames, ignore_index=True)
    codes, groups = _group_codes(together, tuple(together.columns))
    bounds = np.cumsum([0] + [len(frame) for frame in key_frames])
    return [codes[start:end] for start, end in zip(bounds[:-1], bounds[1:])], groups


def _counts_and_rates(table: np.ndarray, partial_counts_as: str) -> dict[str, np.ndarray]:
    """From each group's count of every status: ``n``, ``n_<status>``, ``n_due``, and the kept and
    delivered rates with their Wilson intervals, as columns in the table's order."""
    n_groups = len(table)
    column = {s: table[:, i] for i, s in enumerate(STATUSES)}
    columns = {"n": table.sum(axis=1), **{f"n_{s}": column[s] for s in STATUSES}}
    kept = column["kept"]
    delivered = kept + column["late"]
    due = sum((column[s] for s in DUE_STATUSES), np.zeros(n_groups, dtype=np.int64))
    partial = column["partial"]
    if partial_counts_as == "kept":
        kept, delivered, due = kept + partial, delivered + partial, due + partial
    elif partial_counts_as == "not_kept":
        due = due + partial
    columns["n_due"] = due
    for name, numerator in (("kept", kept), ("delivered", delivered)):
        with np.errstate(divide="ignore", invalid="ignore"):
            columns[f"{name}_rate"] = np.where(due > 0, numerator / np.maximum(due, 1), np.nan)
        columns[f"{name}_ci_low"], columns[f"{name}_ci_high"] = wilson_interval(numerator, due)
    return columns


def _lateness(group: np.ndarray, days_late: np.ndarray, ratio: np.ndarray, n_groups: int) -> dict[str, np.ndarray]:
    """Per group, over its delivered units (kept ones are 0 days late; ``group``, ``days_late``
    and ``ratio`` have one value per delivered unit): the median and 90th percentile of days
    late, and the median of time taken over time promised. Each is a function of the values
    alone, not of their order, so parts' values can be put together in any order.

    NaN values are left out, and a group with none is NaN: as pandas' groupby median and
    quantile(0.9), whose floats these are bit for bit (tests/verdicts/test_lateness.py), from one
    sort of each group's values instead of pandas' frame and its two passes."""
    late = sorted_within_groups(group, days_late, n_groups)
    return {
        "median_days_late": group_medians(*late),
        "p90_days_late": group_quantiles(*late, 0.9),
        "median_time_ratio": group_medians(*sorted_within_groups(group, ratio, n_groups)),
    }


def _durations(verdicts: pd.DataFrame, level: str):
    """Days from the statement to fulfilment, to a competing end, or to censoring.

    Returns the rows and, per row, the duration in days and an outcome code:
    1 fulfilled (kept or late), 2 ended otherwise (broken or withdrawn),
    0 censored (superseded on the day it was reset; pending, missed, lapsed
    or partial at ``as_of``). Unreadable units are left out (with no window,
    their events were not judged); the last value says how many.
    """
    as_of = verdicts.attrs.get("as_of")
    if as_of is None:
        raise ValueError("time_to_fulfilment() needs verdicts made by evaluate() (their attrs hold as_of)")
    rows, status, start, resolved = _units(verdicts, level)
    judged = status != STATUSES.index("unreadable")
    left_out = int(len(judged) - judged.sum())
    if left_out:
        rows, status, start, resolved = rows[judged], status[judged], start[judged], resolved[judged]
    # A chain's final status is never "superseded": the mask serves both levels.
    end = _where_else_day(resolved, _is(status, *SETTLED, "superseded"), as_of)
    outcome = _OUTCOME_OF_STATUS[status]
    return rows, _days_between(end, start).astype(np.int64), outcome, left_out


def _days_between(end: pd.Series, start: pd.Series) -> np.ndarray:
    """Whole days from ``start`` to ``end`` (as ``(end - start).dt.days``), NaN where either is missing.

    Columns of one datetime unit, as evaluate makes them, are subtracted as their integers.

    >>> _days_between(pd.Series(pd.to_datetime(["2025-01-03", None])), pd.Series(pd.to_datetime(["2025-01-01"] * 2)))
    array([ 2., nan])
    """
    end_values, start_values = end.to_numpy(), start.to_numpy()
    per_day = _ticks_per_day(end_values.dtype)
    if per_day is None or end_values.dtype != start_values.dtype:
        return (end - start).dt.days.to_numpy(dtype=float, na_value=np.nan)
    late, early = end_values.view(np.int64), start_values.view(np.int64)
    days = ((late - early) // per_day).astype(float)
    days[(late == _NAT) | (early == _NAT)] = np.nan
    return days


def _where_else_day(column: pd.Series, keep: np.ndarray, day) -> pd.Series:
    """``column.where(keep, pd.Timestamp(day))``; as its integers for a datetime column of one unit."""
    values = column.to_numpy()
    if _ticks_per_day(values.dtype) is None:
        return column.where(keep, pd.Timestamp(day))
    out = np.where(keep, values, np.datetime64(day).astype(values.dtype))
    return pd.Series(out, index=column.index, copy=False)


_NAT = np.iinfo(np.int64).min
_TICKS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400 * 10**9}


def _ticks_per_day(dtype: np.dtype) -> int | None:
    """How many of a datetime64 dtype's ticks make a day (None: not such a dtype)."""
    if dtype.kind != "M":
        return None
    unit, count = np.datetime_data(dtype)
    return _TICKS_PER_DAY.get(unit) if count == 1 else None


def time_to_fulfilment(
    verdicts: pd.DataFrame, by: Sequence[str] | str = (), *, level: str = "commitment", z: float = _Z95
) -> pd.DataFrame:
    """Kaplan–Meier curve of time to fulfilment, with competing-risk incidences.

    One row per group and per day on which something happened. ``at_risk``
    is how many were still open at the start of that day; ``fulfilled``,
    ``ended`` (broken or withdrawn) and ``censored`` count what happened on it.
    ``survival`` is the Kaplan–Meier probability of not yet being fulfilled
    (broken and withdrawn ones are censored there), with a 95% interval by the
    exponential Greenwood formula (``ci_low``, ``ci_high``). ``cif_fulfilled``
    and ``cif_ended`` are Aalen–Johansen cumulative incidences, treating
    fulfilment and broken/withdrawn as competing risks. Open commitments are
    censored at ``as_of``; superseded ones on the day they were reset.
    Unreadable ones are left out (``attrs["unreadable_left_out"]`` counts them).

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> km = time_to_fulfilment(v)
    >>> km[["day", "at_risk", "fulfilled", "censored"]].iloc[0].astype(int).tolist()
    [17, 7, 0, 1]
    """
    # One process is one part: the table is built exactly as for a partitioned ledger.
    return combine_survival([survival_parts(verdicts, by, level=level)], z=z, attrs=verdicts.attrs)


class SurvivalParts(NamedTuple):
    """What ``time_to_fulfilment`` needs from one part of a ledger (whole chains), all of which
    adds across parts: the group keys (a missing key as None), per (group, day) how many were
    fulfilled, ended and censored, each group's size, and how many unreadable units were left out."""

    by: tuple[str, ...]
    level: str
    groups: pd.DataFrame
    day_counts: pd.DataFrame
    group_sizes: np.ndarray
    unreadable_left_out: int


def survival_parts(verdicts: pd.DataFrame, by: Sequence[str] | str = (), *, level: str = "commitment") -> SurvivalParts:
    """The additive pieces of ``time_to_fulfilment`` for verdicts of some whole chains of a ledger.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> combine_survival([survival_parts(v)]).equals(time_to_fulfilment(v))
    True
    """
    by = _check_by(by)
    rows, duration, outcome, unreadable = _durations(verdicts, level)
    codes, groups = _group_codes(rows, by, missing=None)
    counts = _day_counts(codes, duration, outcome)
    return SurvivalParts(by, level, groups, counts, np.bincount(codes, minlength=len(groups)), unreadable)


def combine_survival(parts: Sequence[SurvivalParts], *, z: float = _Z95, attrs: dict | None = None) -> pd.DataFrame:
    """``time_to_fulfilment``'s table from the pieces of the parts of a ledger (``survival_parts``).

    The per-(group, day) counts and the group sizes add across parts, and they
    are all the estimators read: everything else is cumulative sums within groups.
    """
    if not parts:
        raise ValueError("combine_survival() needs the pieces of at least one part")
    positions, groups = _regroup([part.groups for part in parts])
    group_sizes = np.zeros(len(groups), dtype=np.int64)
    for part, at in zip(parts, positions):
        group_sizes[at] += part.group_sizes
    if len(parts) == 1 and bool((np.diff(positions[0]) > 0).all()):
        # One part (one process, or batches merged as they came): its rows are one per (group, day)
        # already, sorted by group then day, and its groups keep their order; summing them again would
        # only copy them (at 1M grouped by actor, half a million rows and the key arrays of the sum).
        held = parts[0].day_counts
        counts = pd.DataFrame(
            {
                "g": positions[0][held["g"].to_numpy()].astype(np.int64),
                "day": held["day"].to_numpy().astype(np.int64),
                **{name: held[name].to_numpy().astype(np.int64) for name in _OUTCOMES},
            },
            copy=False,
        )
    else:
        counts = _sum_by_group_day(
            np.concatenate([at[part.day_counts["g"].to_numpy()] for part, at in zip(parts, positions)]),
            np.concatenate([part.day_counts["day"].to_numpy() for part in parts]),
            {name: np.concatenate([part.day_counts[name].to_numpy() for part in parts]) for name in _OUTCOMES},
        )
    at_risk, survival, ci_low, ci_high = _kaplan_meier(counts, group_sizes, z)
    cif_fulfilled, cif_ended = _aalen_johansen(counts, at_risk)

    out = groups.iloc[counts["g"].to_numpy()].reset_index(drop=True)
    out["day"] = counts["day"].to_numpy()
    out["at_risk"] = at_risk.astype(np.int64)
    for column in _OUTCOMES:
        out[column] = counts[column].to_numpy()
    out["survival"] = survival
    # Where survival is still 1 the interval is degenerate; lifelines shows [1, 1].
    out["ci_low"] = np.nan_to_num(ci_low, nan=1.0)
    out["ci_high"] = np.nan_to_num(ci_high, nan=1.0)
    out["cif_fulfilled"] = cif_fulfilled
    out["cif_ended"] = cif_ended
    out.attrs.update(attrs or {})
    unreadable = sum(part.unreadable_left_out for part in parts)
    out.attrs.update({"by": parts[0].by, "level": parts[0].level, "unreadable_left_out": unreadable})
    return out


def merge_survival_parts(parts: Sequence[SurvivalParts]) -> SurvivalParts:
    """The pieces of several parts as the pieces of one part (their union), one row per (group, day).

    ``combine_survival`` makes the same table of the merged pieces as of the
    parts: counts add. A ledger judged in batches merges each batch's pieces
    into what it holds, which then stays about one row per (group, day)
    instead of growing with every batch.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> part = survival_parts(evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1)), "actor")
    >>> combine_survival([merge_survival_parts([part, part])]).equals(combine_survival([part, part]))
    True
    """
    if not parts:
        raise ValueError("merge_survival_parts() needs the pieces of at least one part")
    together = pd.concat([part.groups for part in parts], ignore_index=True)
    codes, groups = _group_codes(together, tuple(together.columns), missing=None)
    bounds = np.cumsum([0] + [len(part.groups) for part in parts])
    positions = [codes[start:end] for start, end in zip(bounds[:-1], bounds[1:])]
    group_sizes = np.zeros(len(groups), dtype=np.int64)
    for part, at in zip(parts, positions):
        group_sizes[at] += part.group_sizes
    # As _sum_by_group_day, one column at a time, each narrowed as it is made: the merge of many
    # held pieces (at a million by actor, 0.7M rows) holds one column of them at once, not five.
    group = np.concatenate([at[part.day_counts["g"].to_numpy()] for part, at in zip(parts, positions)])
    day = np.concatenate([part.day_counts["day"].to_numpy() for part in parts])
    low, span, present, inverse = _group_day_keys(group, day)
    del group, day
    counts = {"g": _narrow_column(present // span), "day": _narrow_column(present % span + low)}
    for name in _OUTCOMES:
        values = np.concatenate([part.day_counts[name].to_numpy() for part in parts])
        counts[name] = _narrow_column(np.bincount(inverse, weights=values, minlength=len(present)).astype(np.int64))
        del values
    unreadable = sum(part.unreadable_left_out for part in parts)
    day_counts = pd.DataFrame(counts, copy=False)
    return SurvivalParts(parts[0].by, parts[0].level, groups, day_counts, group_sizes, unreadable)


def narrow_survival_parts(part: SurvivalParts) -> SurvivalParts:
    """The same pieces, their (group, day) counts in 32 bits where they fit: half the memory, waiting.

    >>> import datetime as dt
    >>> from ledger import load, evaluate
    >>> part = survival_parts(evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1)), "actor")
    >>> combine_survival([narrow_survival_parts(part)]).equals(combine_survival([part]))
    True
    """
    counts = {name: _narrow_column(part.day_counts[name].to_numpy()) for name in part.day_counts.columns}
    return part._replace(day_counts=pd.DataFrame(counts, copy=False))


def _narrow_column(values: np.ndarray) -> np.ndarray:
    """Counts held across batches in 32 bits where every value fits (``combine_survival`` adds in 64)."""
    fits = np.iinfo(np.int32)
    if len(values) == 0 or (fits.min <= values.min() and values.max() <= fits.max):
        return values.astype(np.int32, copy=False)
    return values


#: The outcome codes of ``_durations``, by the column that counts them.
_OUTCOMES = {"fulfilled": 1, "ended": 2, "censored": 0}
#: Each status's outcome code (by its index in STATUSES): one look-up per unit.
_OUTCOME_OF_STATUS = np.array(
    [1 if s in _DELIVERED else 2 if s in ("broken", "withdrawn") else 0 for s in STATUSES], dtype=np.int64
)


def _day_counts(codes: np.ndarray, duration: np.ndarray, outcome: np.ndarray) -> pd.DataFrame:
    """Per (group, day) on which something happened: how many were fulfilled, ended and censored.

    As ``_sum_by_group_day`` of the three outcomes' masks, from one count of the (group, day)'s rank
    and outcome as one integer: no mask, no float weights."""
    low = int(duration.min()) if len(duration) else 0
    span = int(duration.max()) - low + 1 if len(duration) else 1
    key = codes.astype(np.int64) * span  # (group, day) as one integer, made in place
    key += duration
    key -= low
    present, rank = _compact(key, int(key.max()) + 1 if len(key) else 0)
    del key
    by_outcome = rank.astype(np.int64) * 3
    by_outcome += outcome
    tally = np.bincount(by_outcome, minlength=3 * len(present)).reshape(len(present), 3)
    counts = {name: np.ascontiguousarray(tally[:, value], dtype=np.int64) for name, value in _OUTCOMES.items()}
    return pd.DataFrame({"g": present // span, "day": present % span + low, **counts})


def _sum_by_group_day(group: np.ndarray, day: np.ndarray, values: dict[str, np.ndarray]) -> pd.DataFrame:
    """``values`` summed per (group, day) that occurs, sorted by group, then day; through one
    combined integer key."""
    low, span, present, inverse = _group_day_keys(group, day)
    tally = {
        name: np.bincount(inverse, weights=weights, minlength=len(present)).astype(np.int64)
        for name, weights in values.items()
    }
    return pd.DataFrame({"g": present // span, "day": present % span + low, **tally})


def _group_day_keys(group: np.ndarray, day: np.ndarray) -> tuple[int, int, np.ndarray, np.ndarray]:
    """The least day and the span of days, the (group, day) keys that occur (``group * span + day -
    low``, sorted), and each row's rank among them."""
    low = int(day.min()) if len(day) else 0
    span = int(day.max()) - low + 1 if len(day) else 1
    # 64 bits (held pieces' group and day may be 32), made in place: one array of keys, no temporaries
    # beside it (at a million by actor the pieces merged hold 0.7M rows).
    key = group.astype(np.int64)
    key *= span
    key += day
    key -= low
    present, inverse = _compact(key, int(key.max()) + 1 if len(key) else 0)
    return low, span, present, inverse


def _kaplan_meier(counts: pd.DataFrame, group_sizes: np.ndarray, z: float):
    """At risk at the start of each (group, day), the Kaplan–Meier survival (not yet fulfilled;
    broken and withdrawn ones censored) and its exponential Greenwood interval (NaN where
    survival is still 1)."""
    leaving = counts["fulfilled"] + counts["ended"] + counts["censored"]
    total = group_sizes[counts["g"].to_numpy()]
    at_risk = total - (leaving.groupby(counts["g"]).cumsum() - leaving).to_numpy()
    d = counts["fulfilled"].to_numpy(dtype=float)
    n = at_risk.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.log1p(-d / n)
        survival = np.exp(pd.Series(step).groupby(counts["g"]).cumsum().to_numpy())
        greenwood = pd.Series(np.where(n > d, d / (n * (n - d)), 0.0)).groupby(counts["g"]).cumsum().to_numpy()
        log_s = np.log(survival)
        ci_low = np.exp(-np.exp(np.log(-log_s) - z * np.sqrt(greenwood) / log_s))
        ci_high = np.exp(-np.exp(np.log(-log_s) + z * np.sqrt(greenwood) / log_s))
    return at_risk, survival, ci_low, ci_high


def _aalen_johansen(counts: pd.DataFrame, at_risk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative incidence of fulfilment and of a competing end (broken or withdrawn) by each
    (group, day): each step is the all-cause survival just before that day times the share of
    those at risk who ended that way on it."""
    d = counts["fulfilled"].to_numpy(dtype=float)
    n = at_risk.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        any_end = (counts["fulfilled"] + counts["ended"]).to_numpy(dtype=float)
        overall = np.exp(pd.Series(np.log1p(-any_end / n)).groupby(counts["g"]).cumsum().to_numpy())
    overall_before = pd.Series(overall).groupby(counts["g"]).shift(fill_value=1.0).to_numpy()
    cif_fulfilled = pd.Series(overall_before * d / n).groupby(counts["g"]).cumsum().to_numpy()
    cif_ended = pd.Series(overall_before * counts["ended"].to_numpy() / n).groupby(counts["g"]).cumsum().to_numpy()
    return cif_fulfilled, cif_ended
