"""Column helpers of the verdicts layer: day numbers, takes with a "none" row, and pandas columns over Arrow.

Verdicts are computed on int64 day numbers since 1970-01-01, with ``NEVER``
(a day later than any real date) for "no such date", so that "earliest of"
is ``np.minimum`` and "not yet" is a comparison. Row pointers use -1 for
"none". Text leaves as pandas' Arrow-backed strings, never a Python object
per row.

>>> int(day_number(_dt.date(1970, 1, 11), "as_of"))
10
"""

from __future__ import annotations

import datetime as _dt
import functools

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.days import require_date
from ledger.core.vocabulary import STATUSES

__all__ = [
    "NEVER",
    "by_rule",
    "day_number",
    "days_of_arrow",
    "days_of_frame",
    "days_of_values",
    "factorize_sorted",
    "first_rule",
    "first_seen_dictionary",
    "group_medians",
    "group_quantiles",
    "nullable_int",
    "sorted_within_groups",
    "status_codes",
    "take",
    "take_arrow",
    "text",
]

#: A day later than any real date: "no such date". Unlike NaT it sorts last,
#: so the earliest of several days is a plain minimum.
NEVER = np.int64(1 << 40)
_EPOCH = np.datetime64("1970-01-01", "D")


def day_number(value: _dt.date, name: str) -> np.int64:
    """A date argument as its day number; a TypeError naming ``name`` if it is not a date.

    >>> int(day_number(_dt.date(2025, 1, 1), "as_of"))
    20089
    """
    require_date(value, name)
    return np.int64((np.datetime64(value, "D") - _EPOCH).astype(np.int64))


def days_of_arrow(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A date32 column as int64 day numbers, with NEVER for nulls.

    >>> days_of_arrow(pa.array([_dt.date(1970, 1, 3), None])).tolist() == [2, int(NEVER)]
    True
    """
    as_int = pc.cast(column, pa.int32()) if not pa.types.is_integer(column.type) else column
    return pc.fill_null(pc.cast(as_int, pa.int64()), int(NEVER)).to_numpy()


def days_of_frame(column: pd.Series) -> np.ndarray:
    """A datetime64 column as int64 day numbers, NEVER where missing.

    >>> days_of_frame(pd.Series(pd.to_datetime(["1970-01-03", None]))).tolist() == [2, int(NEVER)]
    True
    """
    return days_of_values(column.to_numpy())


def days_of_values(values: np.ndarray) -> np.ndarray:
    """``days_of_frame`` of a numpy datetime64 array (a selection of a column's rows, say).

    >>> days_of_values(np.array(["1970-01-02T00:00:00", "NaT"], dtype="datetime64[s]")).tolist() == [1, int(NEVER)]
    True
    """
    unit, count = np.datetime_data(values.dtype) if values.dtype.kind == "M" else ("", 0)
    if unit in _PER_DAY and count == 1:
        # The integers underneath, floor-divided (as a cast to days rounds): no datetime cast, no NaT pass.
        ticks = values.view(np.int64)
        return np.where(ticks == _NAT_TICKS, NEVER, ticks // _PER_DAY[unit])
    days = values.astype("datetime64[D]")
    return np.where(np.isnat(days), NEVER, (days - _EPOCH).astype(np.int64))


_NAT_TICKS = np.iinfo(np.int64).min
_PER_DAY = {"D": 1, "h": 24, "m": 24 * 60, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400 * 10**9}


def status_codes(statuses: pd.Series) -> np.ndarray:
    """Each status as its index in STATUSES (-1: not a status), without recoding a column ``evaluate`` made.

    >>> status_codes(pd.Series(["late", "kept", "odd"])).tolist() == [STATUSES.index("late"), 0, -1]
    True
    """
    dtype = statuses.dtype
    if isinstance(dtype, pd.CategoricalDtype) and dtype.categories.tolist() == list(STATUSES):
        return statuses.cat.codes.to_numpy()  # in STATUSES' order already, as evaluate makes it
    return statuses.astype(pd.CategoricalDtype(list(STATUSES))).cat.codes.to_numpy()


def first_rule(rules: list[np.ndarray]) -> np.ndarray:
    """For each row, the index of the first of ``rules`` (masks) that applies to it (``len(rules)``:
    none), as ``np.select`` chooses: the masks as the bits of one integer, and a table of the lowest
    bit set. With ``by_rule``, each mask is read once, however many columns are chosen by them.

    >>> first_rule([np.array([False, True, False]), np.array([True, True, False])]).tolist()
    [1, 0, 2]
    """
    if len(rules) > 15:
        raise ValueError(f"first_rule() tells apart at most 15 rules (got {len(rules)})")
    bits = np.zeros(len(rules[0]) if rules else 0, dtype=np.uint16)
    for i, applies in enumerate(rules):
        bits |= applies.view(np.uint8).astype(np.uint16) << i
    return _first_of_bits(len(rules))[bits]


@functools.cache
def _first_of_bits(count: int) -> np.ndarray:
    """For every set of ``count`` rules (bit i: rule i applies), the first that applies (``count``: none)."""
    return np.array([(bits & -bits).bit_length() - 1 if bits else count for bits in range(1 << count)], dtype=np.intp)


def by_rule(which: np.ndarray, choices: list, default) -> np.ndarray:
    """``np.select(rules, choices, default)`` given ``which = first_rule(rules)``: each row's value taken
    from the one choice its rule names (choices are whole integer columns or single integers), in int64.

    >>> by_rule(np.array([1, 0, 2]), [np.array([5, 6, 7]), -1], 9).tolist()
    [-1, 6, 9]
    """
    scalars = np.zeros(len(choices) + 1, dtype=np.int64)
    # Which column each rule takes its value from (0: a single value; k: the k-th column, by identity).
    slot = np.zeros(len(choices) + 1, dtype=np.int8 if len(choices) < 127 else np.int64)  # (bytes compare fastest)
    columns: dict[int, tuple[np.ndarray, int]] = {}
    for i, choice in enumerate((*choices, default)):
        if np.ndim(choice) == 0:
            scalars[i] = choice
        else:
            column, k = columns.setdefault(id(choice), (choice, len(columns) + 1))
            slot[i] = k
    # The single values by one look-up, then each column where its rules decided: no table of every
    # column at once (a batch's peak is inside evaluate).
    out = scalars[which]
    chosen = slot[which]  # one look-up per row, then a comparison of bytes per column
    for column, k in columns.values():
        # A masked copy in one pass: a third of the time of out[rows] = column[rows] (compress, then scatter).
        np.copyto(out, column, where=chosen == k, casting="unsafe")
    return out


def take(values: np.ndarray, rows: np.ndarray, missing) -> np.ndarray:
    """values[rows], with ``missing`` where a row is -1 (also when values is empty); every other row is one of values.

    >>> take(np.array([10, 20]), np.array([1, -1]), -1).tolist()
    [20, -1]
    """
    if not values.size:
        return np.full(rows.shape, missing, dtype=np.asarray(missing).dtype)
    # The values with ``missing`` after them, so that -1 reads it: one copy and one gather, where a
    # gather, a comparison and a choice were three passes over the rows.
    extended = np.empty(values.size + 1, dtype=values.dtype)
    extended[:-1] = values
    extended[-1] = np.asarray(missing, dtype=values.dtype)
    return extended[rows]


def take_arrow(values: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """values[rows] in Arrow, null where a row is -1.

    >>> take_arrow(pa.array(["a", "b"]), np.array([1, -1])).to_pylist()
    ['b', None]
    """
    missing = rows < 0
    # Without a mask when no row is missing (a chain's root): the rows as they are, no validity to build.
    return pc.take(values, pa.array(rows, mask=missing if missing.any() else None, type=pa.int64()))


def text(column) -> pd.api.extensions.ExtensionArray:
    """A text column as pandas' Arrow-backed strings, without a Python object per row.

    Plain ``string[pyarrow]``, not a Categorical: grouping by actor in a
    notebook then behaves as people expect. Dictionary-encoded text is decoded.

    >>> text(pa.array(["x", "y"]).dictionary_encode()).tolist()
    ['x', 'y']
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    return pd.arrays.ArrowExtensionArray(column)


def first_seen_dictionary(column) -> pd.api.extensions.ExtensionArray:
    """A text column as pandas' Arrow-backed dictionary of the values it holds, in order of first appearance.

    That is the dictionary ``pyarrow``'s ``dictionary_encode`` gives, so a
    result file written from it holds what it would hold from the decoded
    strings, and grouping by it (``pd.factorize``) reads the codes, with no
    string hashed; a column read from Parquet as a dictionary is recoded from
    its indices, with no string decoded. Missing values stay missing.

    >>> first_seen_dictionary(pa.array(["b", None, "a", "b"])).tolist()
    ['b', <NA>, 'a', 'b']
    >>> column = pa.DictionaryArray.from_arrays(pa.array([2, 0, 2]), pa.array(["x", "y", "z"]))
    >>> pa.array(first_seen_dictionary(column)).dictionary.to_pylist()
    ['z', 'x']
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not pa.types.is_dictionary(column.type) or pc.count_distinct(column.dictionary).as_py() != len(
        column.dictionary
    ):
        # Plain text, or a dictionary that lists a value twice: encoded afresh, in order of appearance.
        column = pc.dictionary_encode(column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column)
    indices = column.indices
    # The dictionary's entries the rows use, in order of first appearance (hashing small integers).
    seen = pc.unique(indices.drop_null()).to_numpy(zero_copy_only=False).astype(np.int64)
    recode = np.full(len(column.dictionary) + 1, -1, dtype=np.int32)  # the last: a missing value
    recode[seen] = np.arange(len(seen), dtype=np.int32)
    dictionary = column.dictionary.take(pa.array(seen, pa.int64())).cast(pa.string())
    if not indices.null_count:
        codes = pa.array(recode[indices.to_numpy()], type=pa.int32())
    else:
        # The indices of missing values stay missing: whatever they hold underneath is read as "missing".
        at = recode[indices.fill_null(len(column.dictionary)).to_numpy(zero_copy_only=False)]
        codes = pa.array(at, mask=at < 0, type=pa.int32())
    return pd.arrays.ArrowExtensionArray(pa.DictionaryArray.from_arrays(codes, dictionary))


def factorize_sorted(column: pd.Series) -> tuple[np.ndarray, object]:
    """``pd.factorize(column, sort=True, use_na_sentinel=True)``: each row's code among the sorted
    distinct values (-1: missing), and those values.

    A column of Arrow dictionary text whose entries all differ (as ``evaluate_batch`` makes its
    actor and topic) is grouped by its dictionary: the few entries factorized, each row's code
    looked up by its index, no row hashed. pandas factorizes such a column by its dictionary too,
    unused entries included; the codes and values are the same (a test asserts it).

    >>> column = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(["b", None, "a", "b"]).dictionary_encode()))
    >>> codes, values = factorize_sorted(column)
    >>> codes.tolist(), list(values)
    ([1, -1, 0, 1], ['a', 'b'])
    """
    dtype = column.dtype
    if len(column) and isinstance(dtype, pd.ArrowDtype) and pa.types.is_dictionary(dtype.pyarrow_dtype):
        arrow = pa.array(column.array)  # the Arrow data underneath, not copied
        chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
        if len(chunks) == 1 and pa.types.is_string(chunks[0].dictionary.type):
            dictionary, indices = chunks[0].dictionary, chunks[0].indices
            distinct = len(dictionary) and pc.count_distinct(dictionary).as_py() == len(dictionary)
            if distinct and not dictionary.null_count:  # an empty one (every row missing): as pandas does
                # pandas sorts the entries by Arrow's sort (bytes of UTF-8: the order of Python's str).
                order = pc.array_sort_indices(dictionary).to_numpy().astype(np.intp)
                entry_codes = np.empty(len(dictionary), dtype=np.intp)
                entry_codes[order] = np.arange(len(dictionary), dtype=np.intp)
                values = pd.arrays.ArrowExtensionArray(dictionary.take(pa.array(order)))
                if not indices.null_count:
                    return entry_codes[indices.to_numpy()], values
                missing = indices.is_null().to_numpy(zero_copy_only=False)
                return np.where(missing, -1, entry_codes[indices.fill_null(0).to_numpy()]), values
    return pd.factorize(column, sort=True, use_na_sentinel=True)


def nullable_int(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    """An int64 column with ``missing`` rows as NA (pandas' ``Int64``), zeros underneath them.

    >>> nullable_int(np.array([3, 4]), np.array([False, True])).tolist()
    [3, <NA>]
    """
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64, copy=False), missing)


def sorted_within_groups(
    group: np.ndarray, values: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``values`` without their NaNs, sorted by ``group`` (codes in [0, n_groups)) then by value; and
    each group's first position in them and its count: what ``group_medians`` and ``group_quantiles`` read.

    Whole numbers in a short range (days late) are counted per (group, value), not sorted. Otherwise
    one group is one sort; few groups of many values (a summary by actor) are grouped by a counting
    sort and each group's run sorted in place; many small groups take one ``np.lexsort``. Every way
    gives the same array, the sorted values of each group in turn.

    >>> values, starts, counts = sorted_within_groups(np.array([1, 0, 1]), np.array([3.5, np.nan, 1.0]), 3)
    >>> values.tolist(), starts.tolist(), counts.tolist()
    ([1.0, 3.5], [0, 0, 2], [0, 2, 0])
    """
    present = ~np.isnan(values)
    if not present.all():
        group, values = group[present], values[present]
    counts = np.bincount(group, minlength=n_groups)
    ends = np.cumsum(counts)
    ordered = _whole_values_in_order(group, values, n_groups)
    if ordered is not None:
        pass
    elif n_groups == 1:
        ordered = np.sort(values)
    elif n_groups * _VALUES_PER_SORTED_RUN > len(values):
        ordered = values[np.lexsort((values, group))]
    else:
        # A counting sort of 16-bit codes (numpy's stable sort is a radix sort there), no compare.
        codes = group.astype(np.int16) if n_groups <= np.iinfo(np.int16).max else group
        ordered = values[np.argsort(codes, kind="stable")]
        start = 0
        for end in ends.tolist():
            ordered[start:end].sort()
            start = end
    return ordered, ends - counts, counts


#: Values per group past which each group's run is sorted apart (a Python step per group), rather
#: than every value by (group, value) at once: about where the two take the same time.
_VALUES_PER_SORTED_RUN = 32

#: Whole numbers beyond this are not all floats; -0.0 is a float apart (counted, it would come back as 0.0).
_WHOLE = 2**52
_NEGATIVE_ZERO = np.float64(-0.0).view(np.int64)


def _whole_values_in_order(group: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray | None:
    """``sorted_within_groups``' values when every value is a whole number in a range about as short
    as the values are many: each value repeated as often as it occurs, group after group (a count, no
    sort). None otherwise."""
    if not len(values) or not n_groups:
        return None
    low, high = float(values.min()), float(values.max())
    if not (low >= -_WHOLE and high <= _WHOLE) or (high - low + 1) * n_groups > 2 * len(values) + 4096:
        return None
    whole = values.astype(np.int64)
    # -0.0 is the int64 bits of the least int64.
    if not np.array_equal(whole, values) or (low <= 0 <= high and (values.view(np.int64) == _NEGATIVE_ZERO).any()):
        return None
    span = int(high) - int(low) + 1
    key = group * span  # each (group, value) as one integer, made in place: no temporary arrays
    key += whole
    key -= int(low)
    tally = np.bincount(key, minlength=n_groups * span)
    return np.repeat(np.tile(np.arange(int(low), int(high) + 1, dtype=np.float64), n_groups), tally)


def group_medians(ordered: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Each group's median of ``sorted_within_groups``' values, NaN for a group of none: the middle
    value, or the mean of the two middle ones, bit for bit as pandas' groupby median makes it.

    >>> group_medians(np.array([1.0, 2.0, 4.0, 7.0]), np.array([0, 1, 4]), np.array([1, 3, 0])).tolist()
    [1.0, 4.0, nan]
    """
    high = starts + counts // 2
    low = starts + (counts - 1) // 2
    empty = counts == 0
    # An empty group at the end would point past the values: it reads any value, then NaN.
    high, low = np.where(empty, 0, high), np.where(empty, 0, low)
    if not len(ordered):
        return np.full(len(counts), np.nan)
    # pandas: (kth(n // 2) + kth(n // 2 - 1)) / 2 for an even count, kth(n // 2) for an odd one.
    with np.errstate(over="ignore", invalid="ignore"):  # infinities: as pandas, without a warning
        middle = np.where(counts % 2 == 1, ordered[high], (ordered[high] + ordered[low]) / 2)
    return np.where(empty, np.nan, middle)


def group_quantiles(ordered: np.ndarray, starts: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """Each group's ``q`` quantile of ``sorted_within_groups``' values by linear interpolation, NaN for
    a group of none, bit for bit as pandas' groupby quantile makes it.

    >>> group_quantiles(np.array([1.0, 2.0, 4.0, 7.0]), np.array([0, 1, 4]), np.array([1, 3, 0]), 0.9).tolist()
    [1.0, 6.4, nan]
    """
    if not len(ordered):
        return np.full(len(counts), np.nan)
    empty = counts == 0
    # As pandas: the position q * (n - 1), its whole part (truncated) and its fraction.
    position = q * (counts - 1).astype(np.float64)
    whole = position.astype(np.int64)
    fraction = np.fmod(position, 1.0)
    at = np.where(empty, 0, starts + whole)
    below = ordered[at]
    above = ordered[np.minimum(at + 1, len(ordered) - 1)]  # read only where there is a fraction
    with np.errstate(over="ignore", invalid="ignore"):
        value = np.where(fraction == 0.0, below, below + (above - below) * fraction)
    return np.where(empty, np.nan, value)
