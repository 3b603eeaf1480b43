"""The evaluation tables as Parquet: declared schemas, checks, metadata, atomic writes.

``write_results`` writes ``verdicts.parquet``, ``chains.parquet``,
``follow_through_<by>.parquet`` and ``survival.parquet``. Each table is
converted to its declared Arrow schema and checked before it is written
(statuses from the closed set, counts not negative, rates and probabilities
in [0, 1], each rate inside its interval); a table that fails a check is not
written, and no file is replaced until every table is written in full.
``ResultsWriter`` does the same table by table, writing each in the
background while the next is computed. Metadata records as_of, known_as_of, the deadline policy, the
switches of the statistics, the library version and the input hash, and what
was left out: the statuses out of the rates (``not_in_rates``), unconfirmed
candidates (``candidates_left_out``) and unreadable deadlines left out of the
survival table (``unreadable_left_out``).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Literal

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger.core.columns import DICTIONARY_STRING
from ledger.core.vocabulary import STATUSES
from ledger.deadlines import DeadlinePolicy
from ledger.io.atomic import discard, flush_to_disk, folder_lock, recover, replace_together, temporary_beside
from ledger.io.parquet import table_metadata

__all__ = [
    "CHAINS_SCHEMA",
    "PARQUET_DICTIONARY_PAGE_LIMIT",
    "ResultsWriter",
    "TableStream",
    "TableCheckError",
    "VERDICTS_SCHEMA",
    "check_table",
    "follow_through_schema",
    "survival_schema",
    "to_arrow",
    "write_results",
]


VERDICTS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("actor", DICTIONARY_STRING, nullable=False),
        pa.field("topic", DICTIONARY_STRING),
        pa.field("stated_on", pa.date32(), nullable=False),
        # The commitment's words and its first source, so a table in print needs no join.
        pa.field("text", pa.string(), nullable=False),
        pa.field("deadline", DICTIONARY_STRING, nullable=False),
        pa.field("deadline_means", pa.string()),
        pa.field("earliest", pa.date32()),
        pa.field("due", pa.date32()),
        pa.field("latest", pa.date32()),
        # kind and deadline_rule are empty only for an unreadable deadline (status "unreadable").
        pa.field("kind", DICTIONARY_STRING),
        pa.field("hedged", pa.bool_(), nullable=False),
        pa.field("vague", pa.bool_(), nullable=False),
        pa.field("deadline_rule", DICTIONARY_STRING),
        pa.field("status", DICTIONARY_STRING, nullable=False),
        pa.field("resolved_on", pa.date32()),
        pa.field("days_late", pa.int32()),
        pa.field("promised_days", pa.int32()),
        pa.field("elapsed_days", pa.int32(), nullable=False),
        pa.field("chain_id", pa.string(), nullable=False),
        pa.field("chain_position", pa.int32(), nullable=False),
        pa.field("superseded_by", pa.string()),
        pa.field("status_rule", DICTIONARY_STRING, nullable=False),
        pa.field("source_url", pa.string()),
        pa.field("evidence_url", pa.string()),
    ]
)

CHAINS_SCHEMA = pa.schema(
    [
        pa.field("chain_id", pa.string(), nullable=False),
        pa.field("actor", DICTIONARY_STRING, nullable=False),
        pa.field("topic", DICTIONARY_STRING),
        pa.field("kind", DICTIONARY_STRING),
        pa.field("vague", pa.bool_(), nullable=False),
        pa.field("first_stated_on", pa.date32(), nullable=False),
        pa.field("first_due", pa.date32()),
        pa.field("last_id", pa.string(), nullable=False),
        pa.field("last_latest", pa.date32()),
        pa.field("n_commitments", pa.int32(), nullable=False),
        pa.field("resets", pa.int32(), nullable=False),
        pa.field("final_status", DICTIONARY_STRING, nullable=False),
        pa.field("final_resolved_on", pa.date32()),
        pa.field("total_slip_days", pa.int32()),
        pa.field("elapsed_days", pa.int32()),
        pa.field("days_late", pa.int32()),
        pa.field("promised_days", pa.int32()),
        pa.field("evidence_url", pa.string()),
    ]
)


def _group_fields(by: Sequence[str]) -> list[pa.Field]:
    return [pa.field(name, DICTIONARY_STRING) for name in (by or ("group",))]


def follow_through_schema(by: Sequence[str]) -> pa.Schema:
    """The schema of a follow-through table grouped by ``by``.

    >>> follow_through_schema(("actor",)).names[:3]
    ['actor', 'n', 'n_kept']
    """
    fields = [pa.field("n", pa.int64(), nullable=False)]
    fields += [pa.field(f"n_{s}", pa.int64(), nullable=False) for s in STATUSES]
    fields += [pa.field("n_due", pa.int64(), nullable=False)]
    for name in ("kept", "delivered"):
        fields += [
            pa.field(f"{name}_rate", pa.float64()),
            pa.field(f"{name}_ci_low", pa.float64()),
            pa.field(f"{name}_ci_high", pa.float64()),
        ]
    fields += [pa.field(n, pa.float64()) for n in ("median_days_late", "p90_days_late", "median_time_ratio")]
    return pa.schema(_group_fields(by) + fields)


def survival_schema(by: Sequence[str]) -> pa.Schema:
    """The schema of a time-to-fulfilment table grouped by ``by`` (``group`` when ungrouped).

    >>> survival_schema(()).names[:3]
    ['group', 'day', 'at_risk']
    """
    counts = [pa.field(n, pa.int64(), nullable=False) for n in ("day", "at_risk", "fulfilled", "ended", "censored")]
    curves = [
        pa.field(n, pa.float64(), nullable=False)
        for n in ("survival", "ci_low", "ci_high", "cif_fulfilled", "cif_ended")
    ]
    return pa.schema(_group_fields(by) + counts + curves)


class TableCheckError(ValueError):
    """A result table broke one of its declared checks; it was not written."""

    def __init__(self, table: str, column: str, problem: str, value):
        self.table, self.column, self.value = table, column, value
        super().__init__(f"table {table!r}, column {column!r}: {problem} (got {value!r}); nothing was written")


_NAT_TICKS = np.iinfo(np.int64).min
_TICKS_PER_DAY = {"D": 1, "h": 24, "m": 24 * 60, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}
_TICKS_PER_DAY["ns"] = 86_400 * 10**9


def _date32(values: np.ndarray) -> pa.Array:
    """A numpy datetime64 column as Arrow dates (its day, as a cast to ``datetime64[D]`` floors it), NaT as null.

    Of one of the usual units, the day numbers are its integers floor-divided: a third of the time of
    the cast to days (which makes the same numbers) and of Arrow reading them back as dates.

    >>> _date32(np.array(["1969-12-31T23:00", "NaT"], dtype="datetime64[m]")).to_pylist()
    [datetime.date(1969, 12, 31), None]
    """
    if values.dtype.kind != "M":
        # Timestamps as objects (a column with a time zone): numpy's cast, as before this fast path.
        return pa.array(values.astype("datetime64[D]"), from_pandas=True)
    unit, count = np.datetime_data(values.dtype)
    if unit not in _TICKS_PER_DAY or count != 1:
        # datetime64[D] converts to date32 directly, NaT as null.
        return pa.array(values.astype("datetime64[D]"), from_pandas=True)
    ticks = values.view(np.int64)
    missing = ticks == _NAT_TICKS
    days = ticks // _TICKS_PER_DAY[unit] if _TICKS_PER_DAY[unit] != 1 else ticks
    # To 32 bits as Arrow converts datetime64[D] to date32: a day beyond its range (past year 5 million) wraps.
    days32 = days.astype(np.int32)
    return pa.array(days32, mask=missing if missing.any() else None, type=pa.int32()).view(pa.date32())


def _column(series: pd.Series, field: pa.Field) -> pa.Array:
    kind = field.type
    if isinstance(series.dtype, pd.ArrowDtype):
        # Already Arrow underneath (the verdicts' text columns): no copy through Python.
        values = pa.array(series.array)
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        return values.dictionary_encode() if pa.types.is_dictionary(kind) else values.cast(kind)
    if pa.types.is_date32(kind):
        values = series.to_numpy()
        if values.dtype.kind != "M":
            stamps = pd.to_datetime(series)
            if isinstance(stamps.dtype, pd.DatetimeTZDtype):
                # The day on the zone's own clock, as ``.dt.date`` gives it (not the day in UTC).
                stamps = stamps.dt.tz_localize(None)
            values = stamps.to_numpy()
        return _date32(values)
    if pa.types.is_dictionary(kind):
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = pa.array(series.cat.categories.astype(str).to_numpy(dtype=object), type=pa.string())
            return pa.DictionaryArray.from_arrays(
                pa.array(series.cat.codes.to_numpy(), type=pa.int32(), mask=series.cat.codes.to_numpy() < 0), categories
            )
        if pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            # A group key that is not text ("by vague", "by stated_on"): its text form.
            series = series.astype("string")
        return pa.array(series.to_numpy(dtype=object), type=pa.string(), from_pandas=True).dictionary_encode()
    return pa.array(series, type=kind, from_pandas=True)


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """``frame`` as an Arrow table with exactly ``schema`` (columns in its order).

    >>> import pandas as pd, pyarrow as pa
    >>> to_arrow(pd.DataFrame({"x": [1]}), pa.schema([pa.field("x", pa.int32())])).schema.field("x").type
    DataType(int32)
    """
    missing = [f.name for f in schema if f.name not in frame.columns]
    if missing:
        raise ValueError(f"the frame lacks columns {missing} of its declared schema")
    arrays = [_column(frame[f.name], f) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def _fail_if(table_name, table, column, mask, problem):
    mask = pc.fill_null(mask, False)
    if pc.any(mask).as_py():
        bad = table[column].filter(mask)[0].as_py()
        raise TableCheckError(table_name, column, problem, bad)


_COUNTS = frozenset(
    ("n", "at_risk", "fulfilled", "ended", "censored", "n_commitments", "resets", "chain_position", "day")
)
_PROBABILITIES = frozenset(("survival", "ci_low", "ci_high", "cif_fulfilled", "cif_ended"))


def check_table(name: str, table: pa.Table) -> None:
    """Raise TableCheckError if a value breaks the table's declared checks.

    >>> try:
    ...     check_table("survival", pa.table({"survival": [0.5, 1.2]}))
    ... except TableCheckError as error:
    ...     print(error.column, error.value)
    survival 1.2
    """
    # A check applies by name and by type: a group key named like a count
    # ("by chain_position") is text in these tables, not a number.
    for column in table.column_names:
        values = table[column]
        if column in ("status", "final_status"):
            # The distinct values, not a million decoded strings.
            distinct = pc.unique(values)
            distinct = distinct.cast(pa.string()) if pa.types.is_dictionary(distinct.type) else distinct
            unknown = pc.filter(distinct, pc.invert(pc.is_in(distinct, value_set=pa.array(STATUSES))))
            if len(unknown):
                raise TableCheckError(name, column, "not a status of the closed set", unknown[0].as_py())
        elif pa.types.is_integer(values.type) and (column.startswith("n_") or column in _COUNTS):
            _fail_if(name, table, column, pc.less(values, 0), "a count cannot be negative")
        elif pa.types.is_floating(values.type) and (
            column.endswith(("_rate", "_ci_low", "_ci_high")) or column in _PROBABILITIES
        ):
            outside = pc.or_(pc.less(values, -1e-12), pc.greater(values, 1 + 1e-12))
            _fail_if(name, table, column, outside, "a rate or probability must lie in [0, 1]")
    for rate in ("kept", "delivered"):
        if f"{rate}_rate" in table.column_names:
            below = pc.less(table[f"{rate}_rate"], pc.subtract(table[f"{rate}_ci_low"], 1e-12))
            above = pc.greater(table[f"{rate}_rate"], pc.add(table[f"{rate}_ci_high"], 1e-12))
            _fail_if(name, table, f"{rate}_rate", pc.or_(below, above), "a rate must lie inside its interval")
    if "n" in table.column_names and "n_kept" in table.column_names:
        total = pc.add(table["n_kept"], 0)
        for s in STATUSES[1:]:
            total = pc.add(total, table[f"n_{s}"])
        _fail_if(name, table, "n", pc.not_equal(total, table["n"]), "status counts must add up to n")


def _metadata(name: str, attrs_: dict, input_hash: str) -> dict[bytes, bytes]:
    """The file metadata of a result table: its frame's ``attrs`` as ``ledger.<key>`` text.

    A value that is None (``known_as_of`` when not given) is left out, not
    written as an empty string: a key's absence means not given.
    """

    def plain(value):
        if isinstance(value, DeadlinePolicy):
            return json.dumps(attrs.asdict(value), default=str, sort_keys=True)
        if isinstance(value, _dt.date):
            return value.isoformat()
        if isinstance(value, (tuple, list)):
            return ",".join(map(str, value))
        return str(value)

    extra = {f"ledger.{key}": plain(value) for key, value in attrs_.items() if value is not None}
    return table_metadata(name, input_hash, extra)


def _plan(kind: str, frame: pd.DataFrame) -> tuple[str, pa.Schema, str]:
    """The table name, schema and file name of a result table of ``kind``."""
    if kind == "verdicts":
        return "verdicts", VERDICTS_SCHEMA, "verdicts.parquet"
    if kind == "chains":
        return "chains", CHAINS_SCHEMA, "chains.parquet"
    by = tuple(frame.attrs.get("by", ()))
    if kind == "follow_through":
        suffix = "_".join(by) if by else "all"
        return f"follow_through_{suffix}", follow_through_schema(by), f"follow_through_{suffix}.parquet"
    if kind == "survival":
        return "survival", survival_schema(by), "survival.parquet"
    raise ValueError(f"'kind' must be one of verdicts, chains, follow_through, survival (got {kind!r})")


#: Bytes of a column chunk's dictionary page past which the Parquet writer gives up on a dictionary
#: and writes that chunk's remaining values plainly (Arrow's default: 1 MB). Dictionaries of values
#: that repeat (statuses, actors, rules) stay far below it; a column of unique text (ids, chain ids,
#: urls) fills it with every value it meets first. Written in row groups of about 131,072 rows
#: (``ResultsWriter.stream``), each chunk of such a column hashed about 95,000 values before giving up at
#: 1 MB, and about 23,000 at this limit: a quarter less CPU for the verdicts and chains files, and
#: smaller files (benchmarks/README.md, "Seventh session"). A table written whole is no slower.
PARQUET_DICTIONARY_PAGE_LIMIT = 1 << 18


def _write_and_flush(table: pa.Table, tmp: str) -> None:
    # By file name, not a Python file object: Arrow writes without the GIL.
    pq.write_table(table, tmp, dictionary_pagesize_limit=PARQUET_DICTIONARY_PAGE_LIMIT)
    flush_to_disk(tmp)


class ResultsWriter:
    """Write result tables as each is ready; put them all in place together at the end.

    ``add`` converts a table to its declared schema and checks it at once
    (a failed check raises ``TableCheckError``), then writes it to a
    temporary file beside its final name in a background thread, while the
    caller computes the next table. Leaving the ``with`` block waits for
    every write, then renames every file into place as one set
    (``ledger.io.atomic.replace_together``): a run killed between two renames
    is finished by the next write to the folder, never left half old, half
    new. Every file of one run carries the same ``ledger.generation`` in its
    metadata. If anything failed (a check, a write, the caller's own code
    inside the block), the temporary files are removed and the folder's
    previous files are left as they were. ``paths`` maps each table's name to
    its file.

    >>> import datetime as dt, tempfile
    >>> from ledger import evaluate, load
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> with ResultsWriter(tempfile.mkdtemp(), input_hash="example") as out:
    ...     out.add("verdicts", v)
    >>> sorted(path.name for path in out.paths.values())
    ['verdicts.parquet']
    """

    def __init__(self, directory: str | os.PathLike, *, input_hash: str):
        self.directory = Path(directory)
        self.input_hash = input_hash
        self.paths: dict[str, Path] = {}
        self._pending: dict[str, tuple[str, Future]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._streams: list[TableStream] = []
        self.generation = uuid.uuid4().hex

    def __enter__(self) -> ResultsWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        with folder_lock(self.directory):
            recover(self.directory)  # a set an earlier run left half renamed, and its stale temporary files
        self._pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))
        return self

    def add(self, kind: str, frame: pd.DataFrame) -> None:
        """Check ``frame`` as a table of ``kind`` (verdicts, chains, follow_through, survival) and start writing it."""
        if self._pool is None:
            raise RuntimeError("use ResultsWriter in a 'with' block")
        name, schema, file_name = _plan(kind, frame)
        if name in self._pending:
            raise ValueError(f"table {name!r} was added twice")
        table = to_arrow(frame, schema)
        check_table(name, table)
        metadata = {**_metadata(name, frame.attrs, self.input_hash), b"ledger.generation": self.generation.encode()}
        self._write(name, table.replace_schema_metadata(metadata), file_name)

    def add_arrow(self, name: str, table: pa.Table, file_name: str) -> None:
        """Write an Arrow table its maker already converted and checked (``over_time_arrow``) with the others.

        It is put in place in the same set, with the same ``ledger.generation``:
        ``ledger evaluate --over-time`` replaces five files as one.

        >>> import tempfile, pyarrow as pa
        >>> with ResultsWriter(tempfile.mkdtemp(), input_hash="example") as out:
        ...     out.add_arrow("extra", pa.table({"x": [1]}), "extra.parquet")
        >>> pq.read_schema(out.paths["extra"]).metadata[b"ledger.generation"] == out.generation.encode()
        True
        """
        if name in self._pending:
            raise ValueError(f"table {name!r} was added twice")
        metadata = {**(table.schema.metadata or {}), b"ledger.generation": self.generation.encode()}
        self._write(name, table.replace_schema_metadata(metadata), file_name)

    def stream(self, kind: str, attrs: dict) -> TableStream:
        """Start writing a table of ``kind`` (``verdicts`` or ``chains``) that arrives in parts, in order.

        ``attrs`` are the whole table's (its metadata: ``candidates_left_out`` of the whole ledger,
        not of a part). Each part given to ``TableStream.add`` is converted and checked as ``add``
        does, and written as the file's next row groups, all in the background while the caller makes
        the next part (a failed check is raised by the next ``add`` or when the block ends). The file
        is put in place with the others when the ``with`` block ends.

        >>> import datetime as dt, tempfile
        >>> from ledger import evaluate, load
        >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
        >>> with ResultsWriter(tempfile.mkdtemp(), input_hash="example") as out:
        ...     verdicts = out.stream("verdicts", v.attrs)
        ...     verdicts.add(v.iloc[:3])
        ...     verdicts.add(v.iloc[3:])
        >>> pq.read_table(out.paths["verdicts"]).num_rows == len(v)
        True
        """
        if self._pool is None:
            raise RuntimeError("use ResultsWriter in a 'with' block")
        if kind not in ("verdicts", "chains"):
            raise ValueError(f"'kind' of a table written in parts must be verdicts or chains (got {kind!r})")
        name, schema, file_name = _plan(kind, pd.DataFrame())
        if name in self._pending:
            raise ValueError(f"table {name!r} was added twice")
        metadata = {**_metadata(name, attrs, self.input_hash), b"ledger.generation": self.generation.encode()}
        path = self.directory / file_name
        tmp = temporary_beside(path)
        stream = TableStream(name, schema.with_metadata(metadata), tmp)
        self._streams.append(stream)
        self._pending[name] = (tmp, stream.done)
        self.paths[name] = path
        return stream

    def _write(self, name: str, table: pa.Table, file_name: str) -> None:
        if self._pool is None:
            raise RuntimeError("use ResultsWriter in a 'with' block")
        path = self.directory / file_name
        tmp = temporary_beside(path)
        self._pending[name] = (tmp, self._pool.submit(_write_and_flush, table, tmp))
        self.paths[name] = path

    def __exit__(self, exc_type, exc, traceback) -> Literal[False]:
        try:
            for stream in self._streams:
                stream.close()  # a failure is kept in its `done`, and seen below with the others
            # Every write ends, in success or failure, before any file is put in place.
            failures = [future.exception() for _, future in self._pending.values()]
        except BaseException:
            # Interrupted (Ctrl-C) while waiting for the writes: let them end, then remove their
            # temporary files, so an interrupted run leaves the folder as it found it.
            self._shutdown()
            self._discard()
            raise
        self._shutdown()
        failure = next((f for f in failures if f is not None), None)
        if exc_type is None and failure is None:
            replace_together([(tmp, self.paths[name]) for name, (tmp, _) in self._pending.items()], self.directory)
            return False
        self._discard()
        if exc_type is None and failure is not None:
            raise failure
        return False

    def _shutdown(self) -> None:
        """Wait for every background write to end (the streams' own threads, then the pool)."""
        for stream in self._streams:
            stream._thread.shutdown()
        if self._pool is not None:
            self._pool.shutdown()
        self._pool = None

    def _discard(self) -> None:
        for tmp, _ in self._pending.values():
            discard(tmp)
        self.paths = {}


class TableStream:
    """One result file written in parts, in order: what ``ResultsWriter.stream`` gives.

    Each part is converted, checked and written by one background thread of
    its own while the next is made; ``add`` waits for the part before it
    first, so at most one part waits in memory beside the one being made. A
    part that fails its checks stops the stream: the next ``add`` raises
    its ``TableCheckError``, or the ``with`` block of ``ResultsWriter`` does,
    and nothing is put in place.
    """

    def __init__(self, name: str, schema: pa.Schema, tmp: str):
        self.name, self.schema, self.tmp = name, schema, tmp
        self.rows = 0
        self.done: Future = Future()
        self._thread = ThreadPoolExecutor(max_workers=1)
        self._writing: Future | None = None
        self._ending: Future | None = None  # ``finish``: the file being ended in the background
        self._writer: pq.ParquetWriter | None = None

    def add(self, frame: pd.DataFrame) -> None:
        """Start converting, checking and writing ``frame`` (the next rows of the table) in the background.

        The caller may go on reading ``frame`` but must not change it.
        """
        if self.done.done() or self._ending is not None:
            raise RuntimeError(f"table {self.name!r} is already closed")
        if self._writing is not None:
            self._writing.result()  # a failed check or write stops the stream here
        # Converted in the writer's thread: much of it (Arrow arrays from numpy, dictionaries) runs
        # without the GIL beside the caller's next step. A shallow copy: the frame's columns, not a
        # pandas object another thread reads at the same time (its caches are not thread-safe).
        self._writing = self._thread.submit(self._convert_and_write, frame.copy(deep=False))
        self.rows += len(frame)

    def _convert_and_write(self, frame: pd.DataFrame) -> None:
        table = to_arrow(frame, self.schema.remove_metadata())
        del frame
        check_table(self.name, table)
        self._write(table)

    def _write(self, table: pa.Table) -> None:
        self._file().write_table(table)

    def _file(self) -> pq.ParquetWriter:
        """The file's writer, opened on first use (by the first part, or by ``close`` when there is none)."""
        if self._writer is None:
            # By file name, not a Python file object: Arrow writes without the GIL.
            self._writer = pq.ParquetWriter(
                self.tmp, self.schema, dictionary_pagesize_limit=PARQUET_DICTIONARY_PAGE_LIMIT
            )
        return self._writer

    def finish(self) -> None:
        """Start ending the file in the background, once its last part is written: its footer written and
        the file flushed to disk by the stream's own thread, while the caller makes the other tables.

        ``close`` (which the ``with`` block of ``ResultsWriter`` calls) then only waits for it. No part may
        be added after.
        """
        if self.done.done() or self._ending is not None:
            return
        self._ending = self._thread.submit(self._end)

    def _end(self) -> None:
        if self._writing is not None:
            self._writing.result()  # (done already: this thread wrote it) its failure, if it failed
        self._file().close()  # with no part, a table of no rows
        flush_to_disk(self.tmp)

    def close(self) -> None:
        """Wait for the last part, then end the file and flush it to disk (``done`` says how it went)."""
        if self.done.done():
            return
        try:
            if self._ending is not None:
                self._ending.result()
            else:
                self._end()
        except BaseException as failure:
            self.done.set_exception(failure)
        else:
            self.done.set_result(None)
        finally:
            self._thread.shutdown()  # waits for an ending begun by `finish`, whatever came of it
            if self._writer is not None:
                self._writer.close()  # a second close does nothing


def write_results(
    directory: str | os.PathLike,
    *,
    verdicts: pd.DataFrame,
    chains: pd.DataFrame,
    follow_through: pd.DataFrame,
    survival: pd.DataFrame,
    input_hash: str,
) -> dict[str, Path]:
    """Check and write the four evaluation tables; return their paths by table name.

    No file is replaced until every table has been checked and written in
    full, so a failed check or a crash leaves the folder as it was. To write
    each table while computing the next, use ``ResultsWriter``.

    >>> import datetime as dt, tempfile
    >>> from ledger import chains, evaluate, follow_through, load, time_to_fulfilment
    >>> v = evaluate(load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> paths = write_results(tempfile.mkdtemp(), verdicts=v, chains=chains(v), follow_through=follow_through(v),
    ...                       survival=time_to_fulfilment(v), input_hash="example")
    >>> sorted(paths)
    ['chains', 'follow_through_actor', 'survival', 'verdicts']
    """
    with ResultsWriter(directory, input_hash=input_hash) as writer:
        writer.add("verdicts", verdicts)
        writer.add("chains", chains)
        writer.add("follow_through", follow_through)
        writer.add("survival", survival)
    return writer.paths
