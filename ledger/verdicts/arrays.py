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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ledger.core.days import require_date

__all__ = ["NEVER", "day_number", "days_of_arrow", "days_of_frame", "nullable_int", "take", "take_arrow", "text"]

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
    values = column.to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(values), NEVER, (values - _EPOCH).astype(np.int64))


def take(values: np.ndarray, rows: np.ndarray, missing) -> np.ndarray:
    """values[rows], with ``missing`` where a row is -1 (also when values is empty).

    >>> take(np.array([10, 20]), np.array([1, -1]), -1).tolist()
    [20, -1]
    """
    out = np.full(rows.shape, missing, dtype=values.dtype if values.size else np.asarray(missing).dtype)
    found = rows >= 0
    out[found] = values[rows[found]]
    return out


def take_arrow(values: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> pa.Array:
    """values[rows] in Arrow, null where a row is -1.

    >>> take_arrow(pa.array(["a", "b"]), np.array([1, -1])).to_pylist()
    ['b', None]
    """
    return pc.take(values, pa.array(rows, mask=rows < 0, type=pa.int64()))


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


def nullable_int(values: np.ndarray, missing: np.ndarray) -> pd.arrays.IntegerArray:
    """An int64 column with ``missing`` rows as NA (pandas' ``Int64``), zeros underneath them.

    >>> nullable_int(np.array([3, 4]), np.array([False, True])).tolist()
    [3, <NA>]
    """
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64, copy=False), missing)
