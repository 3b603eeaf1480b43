"""Ledgers past one machine: partitions by chain of resets, evaluated on Dask workers.

``partition_ledger`` makes one pass over the whole ledger to find each
commitment's chain (a reset may be made by another actor, or file under
another topic, so partitions are by chain, never by actor or topic) and
writes a folder of partitions, each a complete ledger in the Parquet tables
``ledger tables`` writes, with a manifest. ``evaluate_partitions`` runs
``evaluate`` unchanged on every partition on the workers of a Dask cluster and
puts the results together: verdicts and chains row by row, in the order one
process gives; the statistics from their additive pieces
(``ledger.verdicts.stats``), so every table equals the one-process table.
``docs/scaling.md`` explains why, and how to run it on a cluster.

Dask (``pip install 'ledger[dask]'``) is imported only when a ledger is evaluated.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger._version import __version__
from ledger.core.integrity import check_links
from ledger.core.records import Ledger
from ledger.core.tables import LedgerTables, ledger_hash
from ledger.core.vocabulary import STATUS_RULES
from ledger.deadlines.policy import DEFAULT_POLICY, DeadlinePolicy
from ledger.io.atomic import write_text_atomic
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE, read_arrow, table_metadata, write_parquet
from ledger.io.results import ResultsWriter
from ledger.verdicts.arrays import days_of_arrow
from ledger.verdicts.batched import BATCH_ROWS, FolderResults
from ledger.verdicts.chains import chain_roots, chains
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from ledger.verdicts.stats import (
    FollowThroughParts,
    SurvivalParts,
    combine_follow_through,
    combine_survival,
    follow_through_parts,
    survival_parts,
    ungrouped_parts,
)

__all__ = [
    "MANIFEST_FILE",
    "PartitionedResults",
    "dask_client",
    "evaluate_partitions",
    "evaluate_partitions_into",
    "partition_ledger",
    "read_manifest",
]

#: The manifest of a partitioned ledger; written last, so a folder without one is not finished.
MANIFEST_FILE = "manifest.json"
#: In each partition: every commitment's row in the whole ledger, so results come back in its order.
_ROWS_FILE = "rows.parquet"
_FORMAT = "ledger-partitions"


def partition_ledger(
    ledger: Ledger | LedgerTables | str | os.PathLike, directory: str | os.PathLike, partitions: int
) -> dict[str, Any]:
    """Write ``ledger`` as ``partitions`` complete ledgers, split by chain of resets, and return the manifest.

    ``ledger`` is a Ledger, its tables, or a folder of Parquet tables from
    ``ledger tables``. Each chain (a commitment and every commitment that
    supersedes it) lands whole in one partition, with all its events; chains
    are dealt out in turn by their first commitment's row, so partitions
    are about the same size. Each partition is a folder ``part-00000`` ... of
    the two Parquet tables. ``manifest.json`` (written last, atomically)
    lists them with their counts and the whole ledger's input hash.

    >>> import datetime as dt, tempfile
    >>> from ledger import Commitment, Ledger
    >>> day = dt.date(2025, 1, 6)
    >>> led = Ledger([Commitment(id=f"c{i}", actor="X", stated_on=day, text="Do", deadline="soon") for i in range(5)])
    >>> manifest = partition_ledger(led, tempfile.mkdtemp(), 2)
    >>> [part["commitments"] for part in manifest["partitions"]]
    [3, 2]
    """
    if not isinstance(partitions, int) or isinstance(partitions, bool) or partitions < 1:
        raise ValueError(f"'partitions' must be a whole number of at least 1 (got {partitions!r})")
    tables = _tables_of(ledger)
    c, e = tables.commitments, tables.events
    stated, happened = days_of_arrow(c["stated_on"]), days_of_arrow(e["happened_on"])
    links = check_links(c["id"], c["supersedes"], e["commitment_id"], e["type"], stated, happened)
    root, _ = chain_roots(links.superseded)
    # Chains dealt out in turn, in the order of their first commitments.
    chain_number = np.cumsum(root == np.arange(len(root))) - 1
    part_of_commitment = chain_number[root] % partitions
    part_of_event = part_of_commitment[links.event_commitment]
    digest = ledger_hash(tables)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    listed = []
    for k in range(partitions):
        rows = np.flatnonzero(part_of_commitment == k)
        folder = directory / f"part-{k:05d}"
        folder.mkdir(exist_ok=True)
        # Each partition's own hash: the whole ledger's, and which part it is.
        own = hashlib.sha256(f"{digest}:{k}/{partitions}".encode()).hexdigest()
        event_rows = np.flatnonzero(part_of_event == k)
        write_parquet(c.take(rows), folder / COMMITMENTS_FILE, table_metadata("commitments", own))
        write_parquet(e.take(event_rows), folder / EVENTS_FILE, table_metadata("events", own))
        write_parquet(pa.table({"row": pa.array(rows, pa.int64())}), folder / _ROWS_FILE)
        n_chains = int(np.unique(chain_number[root[rows]]).size)
        listed.append({"path": folder.name, "commitments": len(rows), "events": len(event_rows), "chains": n_chains})
    manifest = {
        "format": _FORMAT,
        "ledger_version": __version__,
        "input_hash": digest,
        "commitments": c.num_rows,
        "events": e.num_rows,
        "chains": int(chain_number[-1] + 1) if len(chain_number) else 0,
        "partitions": listed,
    }
    write_text_atomic(json.dumps(manifest, indent=2) + "\n", directory / MANIFEST_FILE)
    return manifest


def _tables_of(ledger) -> LedgerTables:
    if isinstance(ledger, LedgerTables):
        return ledger
    if isinstance(ledger, Ledger):
        return LedgerTables.from_ledger(ledger)
    if isinstance(ledger, (str, os.PathLike)):
        return read_arrow(ledger)
    raise TypeError(f"'ledger' must be a Ledger, LedgerTables or a folder of Parquet tables (got {ledger!r})")


def read_manifest(directory: str | os.PathLike) -> dict[str, Any]:
    """The manifest of a folder written by ``partition_ledger``, checked against the partitions it lists.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> _ = partition_ledger(Ledger(), folder, 1)
    >>> read_manifest(folder)["commitments"]
    0
    """
    path = Path(directory) / MANIFEST_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: no manifest; write the partitions with `ledger partition` (or it did not finish)"
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != _FORMAT:
        raise ValueError(f"{path}: 'format' must be {_FORMAT!r} (got {manifest.get('format')!r})")
    for part in manifest["partitions"]:
        for name in (COMMITMENTS_FILE, EVENTS_FILE, _ROWS_FILE):
            if not (Path(directory) / part["path"] / name).exists():
                raise FileNotFoundError(f"{path}: partition {part['path']!r} has no {name}; partition the ledger again")
    return manifest


class PartitionedResults(NamedTuple):
    """The tables ``ledger evaluate`` writes, put together from the partitions: each equals the
    one-process table. ``overall`` is ``follow_through`` with no grouping (the summary's 'All' row)."""

    verdicts: pd.DataFrame
    chains: pd.DataFrame
    follow_through: pd.DataFrame
    survival: pd.DataFrame
    overall: pd.DataFrame
    input_hash: str


class _PartResult(NamedTuple):
    """What one worker sends back for its partition: the files it left its verdicts and chains in,
    its verdicts' ``attrs``, and its statistics' pieces.

    The big tables go through files, as a run of pickled parts of ``spill_rows``
    rows, each with those rows' places in the whole ledger (a chain's is its first
    commitment's), so the client can read them a part at a time: sent back as
    results, every partition's would wait in its worker's memory until all were
    done, and the client would hold all of them at once.
    """

    verdicts_file: str
    chains_file: str
    attrs: dict
    follow_through: FollowThroughParts
    overall: FollowThroughParts
    survival: SurvivalParts


class _Unreadable(NamedTuple):
    """What a worker sends back when ``strict`` refuses its partition: (id, message) by row in the whole ledger."""

    errors: dict[int, tuple[str, str]]


def _evaluate_partition(  # one piece: evaluate, then the pieces and the files the client reads
    folder: str,
    spill: str,
    options: dict[str, Any],
    by: tuple[str, ...],
    survival_by: tuple[str, ...],
    level: str,
    spill_rows: int,
) -> _PartResult | _Unreadable:
    """Run on a worker: evaluate one partition and make its chains and its statistics' pieces."""
    tables = read_arrow(folder)
    whole_rows = pq.read_table(Path(folder) / _ROWS_FILE)["row"].to_numpy()
    try:
        verdicts = evaluate(tables, **options)
    except UnreadableDeadlines as exc:
        at = pc.index_in(pa.array(list(exc.errors)), value_set=tables.commitments["id"]).to_numpy()
        errors = {int(whole_rows[i]): (cid, message) for i, (cid, message) in zip(at, exc.errors.items())}
        return _Unreadable(errors)
    # Each verdict's commitment, as its row in the whole ledger.
    at = pc.index_in(pa.array(verdicts["id"].array), value_set=tables.commitments["id"]).to_numpy()
    del tables
    rows = whole_rows[at]
    whole_attrs = verdicts.attrs
    # Pandas deep-copies attrs into every frame made from one (the policy's tables among them):
    # what chains and the statistics' pieces read is as_of alone.
    verdicts.attrs = {"as_of": options["as_of"]}
    chain_table = chains(verdicts)
    # chains() lists chains in the order they first appear among the verdicts.
    codes, _ = pd.factorize(verdicts["chain_id"], sort=False)
    _, first_seen = np.unique(codes, return_index=True)
    name = Path(folder).name
    verdicts_file, chains_file = str(Path(spill) / f"{name}.verdicts"), str(Path(spill) / f"{name}.chains")
    _spill(verdicts, rows, verdicts_file, spill_rows)
    _spill(chain_table, rows[first_seen], chains_file, spill_rows)
    grouped = follow_through_parts(verdicts, by, level=level)
    return _PartResult(
        verdicts_file,
        chains_file,
        whole_attrs,
        grouped,
        ungrouped_parts(grouped),  # the 'All' row, from the grouped pieces: nothing counted twice
        survival_parts(verdicts, survival_by, level=level),
    )


def _spill(frame: pd.DataFrame, rows: np.ndarray, path: str, spill_rows: int) -> None:
    """Write ``frame`` and each of its rows' places in the whole ledger as pickled parts of ``spill_rows`` rows."""
    with open(path, "wb") as file:
        for start in range(0, max(len(frame), 1), spill_rows):  # an empty table still has its one part
            part = slice(start, start + spill_rows)
            pickle.dump((frame.iloc[part], rows[part]), file, protocol=pickle.HIGHEST_PROTOCOL)


def _spilled(path: str) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The parts ``_spill`` wrote, in order (files the workers wrote in this run, never a user's)."""
    with open(path, "rb") as file:
        while True:
            try:
                yield pickle.load(file)  # our own workers' file, written in this run: never a user's
            except EOFError:
                return


class _SpillReader:
    """One partition's spilled table, read a part at a time and handed out by place in the whole ledger."""

    def __init__(self, path: str):
        self._parts = _spilled(path)
        self._frames: list[pd.DataFrame] = []
        self._rows: list[np.ndarray] = []
        self._last = -1  # the last place read: places rise within a partition
        self._ended = False

    def below(self, end: int) -> tuple[pd.DataFrame | None, np.ndarray]:
        """Its rows whose place is below ``end`` and not handed out before."""
        while not self._ended and self._last < end:
            found = next(self._parts, None)
            if found is None:
                self._ended = True
                break
            frame, rows = found
            if len(rows):
                if rows[0] <= self._last:
                    raise RuntimeError(f"a partition's rows are out of order at {int(rows[0])}; partition again")
                self._frames.append(frame)
                self._rows.append(rows)
                self._last = int(rows[-1])
        if not self._frames:
            return None, np.empty(0, np.int64)
        frame = self._frames[0] if len(self._frames) == 1 else pd.concat(self._frames, ignore_index=True)
        rows = np.concatenate(self._rows)
        cut = int(np.searchsorted(rows, end))
        self._frames, self._rows = ([frame.iloc[cut:]], [rows[cut:]]) if cut < len(rows) else ([], [])
        return (frame.iloc[:cut], rows[:cut]) if cut else (None, rows[:0])


def _in_whole_order(paths: list[str], size: int, batch_rows: int) -> Iterator[tuple[list[pd.DataFrame], np.ndarray]]:
    """The partitions' spilled tables as batches in the whole ledger's order: each batch's frames and places."""
    readers = [_SpillReader(path) for path in paths]
    for end in range(batch_rows, size + batch_rows, batch_rows):
        taken = [reader.below(end) for reader in readers]
        frames = [frame for frame, _ in taken if frame is not None]
        if frames:
            yield frames, np.concatenate([rows for _, rows in taken])


def evaluate_partitions(  # one piece: submit, wait, then put each table together in turn
    directory: str | os.PathLike,
    *,
    as_of: _dt.date,
    client=None,
    by: Sequence[str] | str = ("actor",),
    level: str = "commitment",
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    strict: bool = False,
    include_candidates: bool = False,
    progress: bool = False,
) -> PartitionedResults:
    """Evaluate a partitioned ledger on Dask: verdicts, chains and statistics equal to one process's.

    ``client`` is a ``distributed.Client``; without one, a ``LocalCluster``
    is started for the call and closed after it. Each worker reads its
    partitions and runs ``evaluate``, ``chains`` and the statistics' pieces
    on them; the verdicts and chains come back in the whole ledger's order,
    and the statistics are combined from their additive pieces.
    ``progress=True`` shows Dask's progress bar. The other arguments are
    ``evaluate``'s, ``follow_through``'s and ``time_to_fulfilment``'s.

    >>> import datetime as dt, tempfile
    >>> from ledger import load, evaluate
    >>> from distributed import Client
    >>> folder = tempfile.mkdtemp()
    >>> led = load("fixtures/examples").ledger
    >>> _ = partition_ledger(led, folder, 3)
    >>> with Client(processes=False, n_workers=1, dashboard_address=None) as client:
    ...     got = evaluate_partitions(folder, as_of=dt.date(2025, 6, 1), client=client)
    >>> got.verdicts.equals(evaluate(led, as_of=dt.date(2025, 6, 1)))
    True
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    manifest = read_manifest(directory)
    options = _options(as_of, known_as_of, policy, strict, include_candidates)
    with _given_or_local(client) as dask, _spill_folder(directory) as spill:
        parts = _run_partitions(dask, manifest, directory, spill, options, (by, by, level, _SPILL_ROWS), progress)
        return _combine(parts, as_of, manifest["input_hash"])


def _options(as_of, known_as_of, policy, strict, include_candidates) -> dict[str, Any]:
    """``evaluate``'s arguments, as each worker passes them."""
    return {
        "as_of": as_of,
        "known_as_of": known_as_of,
        "policy": policy,
        "strict": strict,
        "include_candidates": include_candidates,
    }


@contextmanager
def _given_or_local(client) -> Iterator[Any]:
    """``client``, or the client of a LocalCluster started for the call (closed after) when it is None."""
    if client is not None:
        yield client
    else:
        with dask_client() as own:
            yield own


#: Rows in each part of a worker's spilled tables: the client holds about one part per partition
#: beside the batch it is writing.
_SPILL_ROWS = 16_384


@contextmanager
def _spill_folder(directory: str | os.PathLike) -> Iterator[str]:
    """A folder for the workers' spilled tables beside the partitions (workers that can read those
    can write there), removed afterwards whatever happens."""
    spill = tempfile.mkdtemp(prefix=".results-", dir=directory)
    try:
        yield spill
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _run_partitions(client, manifest, directory, spill, options, grouping, progress) -> list[_PartResult]:
    """Evaluate every partition on the workers and wait for all; ``UnreadableDeadlines`` (strict) with
    every partition's unreadable deadlines, in the whole ledger's order."""
    by, survival_by, level, spill_rows = grouping
    folders = [str(Path(directory) / part["path"]) for part in manifest["partitions"]]
    futures = client.map(
        _evaluate_partition,
        folders,
        spill=spill,
        options=options,
        by=by,
        survival_by=survival_by,
        level=level,
        spill_rows=spill_rows,
        pure=False,
    )
    if progress:
        from distributed import progress as progress_bar

        progress_bar(futures)
    returned: list[_PartResult | _Unreadable] = client.gather(futures)
    del futures
    errors = {row: found for part in returned if isinstance(part, _Unreadable) for row, found in part.errors.items()}
    if errors:
        raise UnreadableDeadlines({cid: message for _, (cid, message) in sorted(errors.items())})
    return [part for part in returned if isinstance(part, _PartResult)]


def _whole_attrs(parts: list[_PartResult]) -> dict:
    """The whole ledger's verdict attrs: every partition's are the same but for its count of candidates."""
    return {**parts[0].attrs, "candidates_left_out": sum(part.attrs["candidates_left_out"] for part in parts)}


def _combine(parts: list[_PartResult], as_of: _dt.date, input_hash: str) -> PartitionedResults:
    """The partitions' results put together: tables from the files the workers left, in the
    whole ledger's order; statistics from their pieces."""
    attrs = _whole_attrs(parts)
    spilled = [list(_spilled(part.verdicts_file)) for part in parts]
    verdicts = _verdicts_in_order(
        [frame for one in spilled for frame, _ in one], np.concatenate([rows for one in spilled for _, rows in one])
    )
    verdicts.attrs = attrs
    del spilled
    spilled = [list(_spilled(part.chains_file)) for part in parts]
    order = np.argsort(np.concatenate([rows for one in spilled for _, rows in one]), kind="stable")
    chain_table = pd.concat([frame for one in spilled for frame, _ in one], ignore_index=True)
    chain_table = chain_table.take(order).reset_index(drop=True)
    chain_table.attrs = {**attrs, "as_of": as_of}
    summary = combine_follow_through([part.follow_through for part in parts], attrs=attrs)
    overall = combine_follow_through([part.overall for part in parts], attrs=attrs)
    survival = combine_survival([part.survival for part in parts], attrs=attrs)
    return PartitionedResults(verdicts, chain_table, summary, survival, overall, input_hash)


def evaluate_partitions_into(  # one piece: run the workers, then stream two tables and add two
    directory: str | os.PathLike,
    out: ResultsWriter,
    *,
    as_of: _dt.date,
    client=None,
    by: Sequence[str] | str = ("actor",),
    survival_by: Sequence[str] | str | None = None,
    level: str = "commitment",
    known_as_of: _dt.date | None = None,
    policy: DeadlinePolicy = DEFAULT_POLICY,
    strict: bool = False,
    include_candidates: bool = False,
    progress: bool = False,
    batch_rows: int = BATCH_ROWS,
) -> FolderResults:
    """Evaluate a partitioned ledger on Dask and write the four tables ``ledger evaluate`` writes into ``out``.

    As ``evaluate_partitions``, but the verdicts and chains never come to
    the client whole: each worker leaves its partition's tables in parts
    beside the partitions, and the client reads them back a part at a time,
    writing them in the whole ledger's order ``batch_rows`` places at a
    time. ``follow_through`` is grouped ``by``, ``time_to_fulfilment``
    ``survival_by`` (default: ``by``). The files equal those
    ``evaluate_folder`` writes for the same ledger. What comes back is
    ``evaluate_folder``'s summary (``batches`` counts the partitions).
    Without ``client``, a ``LocalCluster`` is started for the call.

    >>> import datetime as dt, tempfile
    >>> from ledger import load
    >>> from distributed import Client
    >>> folder = tempfile.mkdtemp()
    >>> _ = partition_ledger(load("fixtures/examples").ledger, folder, 3)
    >>> with Client(processes=False, n_workers=1, dashboard_address=None) as client:
    ...     with ResultsWriter(tempfile.mkdtemp(), input_hash=read_manifest(folder)["input_hash"]) as out:
    ...         got = evaluate_partitions_into(folder, out, as_of=dt.date(2025, 6, 1), client=client)
    >>> got.verdict_rows, got.batches, sorted(out.paths)
    (7, 3, ['chains', 'follow_through_actor', 'survival', 'verdicts'])
    """
    if not isinstance(batch_rows, int) or isinstance(batch_rows, bool) or batch_rows < 1:
        raise ValueError(f"'batch_rows' must be a whole number of at least 1 (got {batch_rows!r})")
    by = (by,) if isinstance(by, str) else tuple(by)
    if survival_by is None:
        survival_by = by
    survival_by = (survival_by,) if isinstance(survival_by, str) else tuple(survival_by)
    manifest = read_manifest(directory)
    if manifest["input_hash"] != out.input_hash:
        raise ValueError(
            f"the results writer's input hash {out.input_hash!r} is not the partitioned ledger's "
            f"({manifest['input_hash']!r}): give ResultsWriter read_manifest(directory)['input_hash']"
        )
    options = _options(as_of, known_as_of, policy, strict, include_candidates)
    spill_rows = max(1, batch_rows // 8)
    size = manifest["commitments"]
    grouping = (by, survival_by, level, spill_rows)
    with _given_or_local(client) as dask, _spill_folder(directory) as spill:
        parts = _run_partitions(dask, manifest, directory, spill, options, grouping, progress)
        attrs = _whole_attrs(parts)
        verdict_file, chain_file = out.stream("verdicts", attrs), out.stream("chains", {**attrs, "as_of": as_of})
        not_judged = []
        for frames, rows in _in_whole_order([part.verdicts_file for part in parts], size, batch_rows):
            verdicts = _verdicts_in_order(frames, rows)
            verdict_file.add(verdicts)
            not_judged.append(verdicts.loc[verdicts["status"] == "unreadable", ["id", "deadline", "status"]])
        chain_rows = 0
        for frames, rows in _in_whole_order([part.chains_file for part in parts], size, batch_rows):
            chain_table = pd.concat(frames, ignore_index=True).take(np.argsort(rows, kind="stable"))
            chain_file.add(chain_table.reset_index(drop=True))
            chain_rows += len(chain_table)
    summary = combine_follow_through([part.follow_through for part in parts], attrs=attrs)
    out.add("follow_through", summary)
    survival = combine_survival([part.survival for part in parts], attrs=attrs)
    out.add("survival", survival)
    empty = pd.DataFrame(columns=["id", "deadline", "status"])
    unread = pd.concat(not_judged, ignore_index=True) if not_judged else empty
    unread.attrs.update(attrs)
    overall = combine_follow_through([part.overall for part in parts], attrs=attrs)
    return FolderResults(summary, survival, overall, unread, verdict_file.rows, chain_rows, len(parts))


@contextmanager
def dask_client(scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client of the scheduler at ``scheduler``, or of a LocalCluster started for it (closed after).

    An ImportError that says how to install Dask if it is not installed.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("evaluating on Dask needs Dask: pip install 'ledger[dask]'") from None
    if scheduler:
        with Client(scheduler) as client:
            yield client
    else:
        # The workers' own warnings (a failed task's traceback among them) stay quiet: the error
        # comes back to the caller, which says it in a sentence.
        with LocalCluster(dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
            yield client


def _verdicts_in_order(frames: list[pd.DataFrame], rows: np.ndarray) -> pd.DataFrame:
    """The partitions' verdicts (all, or one batch of places) as one table in the whole ledger's row order.

    ``status_rule`` lists STATUS_RULES, then each unreadable deadline's
    message in the order of first appearance: each partition has its own, so
    they are listed again as one process lists them.
    """
    # One category list for all (a code remap, no text per row), so the columns stay categorical.
    fixed = list(STATUS_RULES.values())
    extra = list(dict.fromkeys(m for f in frames for m in f["status_rule"].cat.categories[len(fixed) :]))
    common = pd.CategoricalDtype(fixed + extra)
    frames = [frame.assign(status_rule=frame["status_rule"].astype(common)) for frame in frames]
    together = pd.concat(frames, ignore_index=True)
    together = together.take(np.argsort(rows, kind="stable")).reset_index(drop=True)
    if extra:
        codes = together["status_rule"].cat.codes.to_numpy()
        seen, first = np.unique(codes[codes >= len(fixed)], return_index=True)
        in_order = [common.categories[code] for code in seen[np.argsort(first)]]
        together["status_rule"] = together["status_rule"].cat.set_categories(fixed + in_order)
    return together
