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
import os
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
from ledger.verdicts.arrays import days_of_arrow
from ledger.verdicts.chains import chain_roots, chains
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from ledger.verdicts.stats import (
    FollowThroughParts,
    SurvivalParts,
    combine_follow_through,
    combine_survival,
    follow_through_parts,
    survival_parts,
)

__all__ = [
    "MANIFEST_FILE",
    "PartitionedResults",
    "dask_client",
    "evaluate_partitions",
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
    """What one worker sends back for its partition: the file it left its verdicts and chains in
    (with their rows in the whole ledger; a chain's is its first commitment's), and its
    statistics' pieces.

    The big tables go through a file, read by the client one partition at a
    time: sent back as results, every partition's would wait in its worker's
    memory until all were done.
    """

    tables_file: str
    follow_through: FollowThroughParts
    overall: FollowThroughParts
    survival: SurvivalParts


class _Unreadable(NamedTuple):
    """What a worker sends back when ``strict`` refuses its partition: (id, message) by row in the whole ledger."""

    errors: dict[int, tuple[str, str]]


def _evaluate_partition(
    folder: str, spill: str, options: dict[str, Any], by: tuple[str, ...], level: str
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
    chain_table = chains(verdicts)
    # chains() lists chains in the order they first appear among the verdicts.
    codes, _ = pd.factorize(verdicts["chain_id"], sort=False)
    _, first_seen = np.unique(codes, return_index=True)
    tables_file = str(Path(spill) / f"{Path(folder).name}.pickle")
    pd.to_pickle((verdicts, rows, chain_table, rows[first_seen]), tables_file)
    return _PartResult(
        tables_file,
        follow_through_parts(verdicts, by, level=level),
        follow_through_parts(verdicts, (), level=level),
        survival_parts(verdicts, by, level=level),
    )


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
    folders = [str(Path(directory) / part["path"]) for part in manifest["partitions"]]
    options = {
        "as_of": as_of,
        "known_as_of": known_as_of,
        "policy": policy,
        "strict": strict,
        "include_candidates": include_candidates,
    }
    if client is None:
        with dask_client() as own:
            return evaluate_partitions(
                directory,
                as_of=as_of,
                client=own,
                by=by,
                level=level,
                known_as_of=known_as_of,
                policy=policy,
                strict=strict,
                include_candidates=include_candidates,
                progress=progress,
            )
    # Beside the partitions: workers that can read those can write here.
    spill = tempfile.mkdtemp(prefix=".results-", dir=directory)
    try:
        futures = client.map(_evaluate_partition, folders, spill=spill, options=options, by=by, level=level, pure=False)
        if progress:
            from distributed import progress as progress_bar

            progress_bar(futures)
        returned: list[_PartResult | _Unreadable] = client.gather(futures)
        del futures
        return _combine(returned, as_of, manifest["input_hash"])
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def _combine(returned: list, as_of: _dt.date, input_hash: str) -> PartitionedResults:
    """The partitions' results put together: tables from the files the workers left, in the
    whole ledger's order; statistics from their pieces."""
    errors = {row: found for part in returned if isinstance(part, _Unreadable) for row, found in part.errors.items()}
    parts = [part for part in returned if isinstance(part, _PartResult)]
    if errors:
        raise UnreadableDeadlines({cid: message for _, (cid, message) in sorted(errors.items())})
    frames: list[pd.DataFrame] = []
    chain_frames: list[pd.DataFrame] = []
    rows: list[np.ndarray] = []
    chain_rows: list[np.ndarray] = []
    for part in parts:
        one = pd.read_pickle(part.tables_file)
        os.unlink(part.tables_file)
        for found, kept in zip(one, (frames, rows, chain_frames, chain_rows)):
            kept.append(found)
    verdicts = _verdicts_in_order(frames, np.concatenate(rows))
    verdicts.attrs.update(frames[0].attrs)
    verdicts.attrs["candidates_left_out"] = sum(frame.attrs["candidates_left_out"] for frame in frames)
    del frames, rows
    order = np.argsort(np.concatenate(chain_rows), kind="stable")
    chain_table = pd.concat(chain_frames, ignore_index=True).take(order).reset_index(drop=True)
    chain_table.attrs = {**verdicts.attrs, "as_of": as_of}
    summary = combine_follow_through([part.follow_through for part in parts], attrs=verdicts.attrs)
    overall = combine_follow_through([part.overall for part in parts], attrs=verdicts.attrs)
    survival = combine_survival([part.survival for part in parts], attrs=verdicts.attrs)
    return PartitionedResults(verdicts, chain_table, summary, survival, overall, input_hash)


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
        with LocalCluster(dashboard_address=None) as cluster, Client(cluster) as client:
            yield client


def _verdicts_in_order(frames: list[pd.DataFrame], rows: np.ndarray) -> pd.DataFrame:
    """The partitions' verdicts as one table in the whole ledger's row order.

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
        together["status_rule"] = together["status_rule"].cat.reorder_categories(fixed + in_order)
    return together
