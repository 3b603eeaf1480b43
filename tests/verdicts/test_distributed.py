"""Partitioned ledgers on Dask: every table equals the one-process table, whatever the partitions."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pandas as pd
import pyarrow.parquet as pq
import pytest
from distributed import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.distributed import assert_same_files as assert_benchmark_files_same
from ledger.cli import main
from ledger.core.records import Ledger
from ledger.io.loader import load
from ledger.io.parquet import read_arrow, write_tables
from ledger.io.results import ResultsWriter
from ledger.verdicts.chains import chains
from ledger.verdicts.distributed import (
    MANIFEST_FILE,
    evaluate_partitions,
    evaluate_partitions_into,
    partition_ledger,
    read_manifest,
)
from ledger.verdicts.evaluate import UnreadableDeadlines, evaluate
from ledger.verdicts.stats import (
    combine_follow_through,
    follow_through,
    follow_through_parts,
    time_to_fulfilment,
)
from tests import strategies
from tests.verdicts.test_batched import assert_same_files, whole_process, write_folder

EXAMPLES = "fixtures/examples"


@pytest.fixture(scope="module")
def client():
    """One in-process cluster for the module: starting one takes longer than the tests."""
    with Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as dask:
        yield dask


def _assert_same(got, ledger, as_of, by=("actor",), level="commitment", **options):
    """Each table of ``got`` equals, with its attrs, the one the single process makes."""
    verdicts = evaluate(ledger, as_of=as_of, **options)
    expected = {
        "verdicts": verdicts,
        "chains": chains(verdicts),
        "follow_through": follow_through(verdicts, by=by, level=level),
        "overall": follow_through(verdicts, by=(), level=level),
        "survival": time_to_fulfilment(verdicts, by=by, level=level),
    }
    for name, table in expected.items():
        pd.testing.assert_frame_equal(getattr(got, name), table, check_exact=True, obj=name)
        assert getattr(got, name).attrs == table.attrs, name


@pytest.mark.parametrize("partitions", [1, 3, 12])
@pytest.mark.parametrize("as_of", [dt.date(2025, 6, 1), dt.date(2026, 6, 1)])
def test_partitioned_example_ledger_gives_the_one_process_tables(client, tmp_path, partitions, as_of):
    """The example ledger in 1 to 12 partitions (some empty) gives the single process's five tables."""
    ledger = load(EXAMPLES).ledger
    partition_ledger(ledger, tmp_path, partitions)
    got = evaluate_partitions(tmp_path, as_of=as_of, client=client, by=("actor", "topic"))
    _assert_same(got, ledger, as_of, by=("actor", "topic"))


_deadlines = strategies.readable_deadlines | st.sampled_from(["fortnightish", "when pigs fly"])


@settings(max_examples=5)
@given(
    ledger=strategies.ledgers(max_commitments=14, max_events=16, deadlines=_deadlines),
    partitions=st.integers(1, 5),
    by=st.sampled_from([(), ("actor",), ("topic", "actor")]),
    level=st.sampled_from(["commitment", "chain"]),
)
def test_partitioned_result_equals_one_process(client, tmp_path_factory, ledger, partitions, by, level):
    """For random ledgers (unreadable deadlines included), partition counts, groupings and levels,
    the partitioned result equals the single process's, table by table."""
    folder = tmp_path_factory.mktemp("parts")
    partition_ledger(ledger, folder, partitions)
    as_of = dt.date(2025, 12, 31)
    got = evaluate_partitions(folder, as_of=as_of, client=client, by=by, level=level)
    _assert_same(got, ledger, as_of, by=by, level=level)


def test_partitions_hold_whole_chains_and_the_manifest_adds_up(tmp_path):
    """Each chain sits in one partition with its events; the manifest's counts add to the ledger's."""
    ledger = load(EXAMPLES).ledger
    manifest = partition_ledger(ledger, tmp_path, 3)
    assert read_manifest(tmp_path) == manifest
    assert sum(p["commitments"] for p in manifest["partitions"]) == manifest["commitments"] == len(ledger)
    assert sum(p["events"] for p in manifest["partitions"]) == manifest["events"] == len(ledger.events)
    assert sum(p["chains"] for p in manifest["partitions"]) == manifest["chains"]
    chain_of = evaluate(ledger, as_of=dt.date(2026, 1, 1)).set_index("id")["chain_id"]
    part_of = {}
    for part in manifest["partitions"]:
        tables = read_arrow(tmp_path / part["path"])
        part_of.update(dict.fromkeys(tables.commitments["id"].to_pylist(), part["path"]))
        assert set(tables.events["commitment_id"].to_pylist()) <= set(tables.commitments["id"].to_pylist())
    for chain, ids in chain_of.groupby(chain_of).groups.items():
        assert len({part_of[i] for i in ids}) == 1, chain


def test_strict_raises_with_every_partitions_unreadable_deadlines(client, tmp_path):
    """With strict, the unreadable deadlines of all partitions are reported together, as one process does."""
    ledger = load(EXAMPLES).ledger
    commitments = [attrs.evolve(c, deadline="fortnightish", deadline_means=None) for c in ledger.commitments]
    broken = Ledger(commitments, ledger.events)
    partition_ledger(broken, tmp_path, 3)
    with pytest.raises(UnreadableDeadlines) as one:
        evaluate(broken, as_of=dt.date(2025, 6, 1), strict=True)
    with pytest.raises(UnreadableDeadlines) as partitioned:
        evaluate_partitions(tmp_path, as_of=dt.date(2025, 6, 1), client=client, strict=True)
    assert partitioned.value.errors == one.value.errors


def test_combining_keeps_every_partial_switch():
    """combine_follow_through applies partial_counts_as as follow_through does."""
    verdicts = evaluate(load(EXAMPLES).ledger, as_of=dt.date(2026, 6, 1))
    for switch in ("not_kept", "kept", "excluded"):
        combined = combine_follow_through([follow_through_parts(verdicts)], partial_counts_as=switch)
        pd.testing.assert_frame_equal(combined, follow_through(verdicts, partial_counts_as=switch), check_exact=True)


def test_a_folder_without_a_manifest_is_refused(tmp_path):
    """A folder that `ledger partition` did not finish is refused, naming the manifest."""
    with pytest.raises(FileNotFoundError, match=MANIFEST_FILE):
        read_manifest(tmp_path)


@pytest.mark.parametrize("partitions", [0, -1, 1.5, True])
def test_partition_count_must_be_a_whole_number(tmp_path, partitions):
    """Zero, negative, fractional or boolean partition counts are refused."""
    with pytest.raises(ValueError, match="partitions"):
        partition_ledger(load(EXAMPLES).ledger, tmp_path, partitions)


def test_cli_partition_then_evaluate_on_dask_writes_the_local_files(client, tmp_path, capsys):
    """`ledger partition` then `ledger evaluate --engine dask --scheduler` writes the files and prints
    the summary `ledger evaluate` writes and prints on one process."""
    write_tables(load(EXAMPLES).ledger, tmp_path / "tables")
    assert main(["partition", str(tmp_path / "tables"), "--out", str(tmp_path / "parts"), "--partitions", "2"]) == 0
    assert json.loads((tmp_path / "parts" / MANIFEST_FILE).read_text())["commitments"] == 7
    local = ["evaluate", str(tmp_path / "tables"), "--as-of", "2025-06-01", "--out", str(tmp_path / "local")]
    capsys.readouterr()
    assert main(local) == 0
    printed_local = capsys.readouterr().out
    address = client.scheduler.address
    dask = ["evaluate", str(tmp_path / "parts"), "--as-of", "2025-06-01", "--out", str(tmp_path / "dask")]
    assert main([*dask, "--engine", "dask", "--scheduler", address]) == 0
    printed_dask = capsys.readouterr().out
    assert printed_dask.replace("/dask/", "/local/") == printed_local
    for name in ("verdicts", "chains", "follow_through_actor", "survival"):
        local_table = pd.read_parquet(tmp_path / "local" / f"{name}.parquet")
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "dask" / f"{name}.parquet"), local_table)
    # The benchmark's own check (benchmarks/distributed.py) agrees, and would see a change.
    assert_benchmark_files_same(tmp_path / "local", tmp_path / "dask")
    table = pq.read_table(tmp_path / "dask" / "chains.parquet")
    pq.write_table(table.slice(1), tmp_path / "dask" / "chains.parquet")
    with pytest.raises(AssertionError, match="chains"):
        assert_benchmark_files_same(tmp_path / "local", tmp_path / "dask")


def test_cli_refuses_a_scheduler_without_the_dask_engine(tmp_path, capsys):
    """--scheduler alone is a usage mistake (status 2), refused with a sentence, nothing evaluated."""
    assert main(["evaluate", EXAMPLES, "--out", str(tmp_path), "--scheduler", "tcp://x:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err


@settings(max_examples=8, deadline=None)
@given(
    ledger=strategies.ledgers(max_commitments=14, max_events=16, deadlines=_deadlines),
    partitions=st.integers(1, 5),
    batch_rows=st.integers(1, 16),
    candidates=st.booleans(),
    by=st.sampled_from([(), ("actor",), ("topic", "actor")]),
    level=st.sampled_from(["commitment", "chain"]),
)
def test_streamed_files_equal_the_one_process_files(
    client, tmp_path_factory, ledger, partitions, batch_rows, candidates, by, level
):
    """Streamed from the workers' files in batches down to one place (partitions interleaved by chain;
    unreadable deadlines, candidates left out or counted), the four written files equal those one
    process writes, metadata and all."""
    listed = enumerate(ledger.commitments)
    ledger = Ledger(
        [attrs.evolve(c, tags=(*c.tags, "candidate")) if i % 3 == 1 else c for i, c in listed], ledger.events
    )
    folder = tmp_path_factory.mktemp("stream")
    write_folder(ledger, folder / "tables")
    options = {"as_of": dt.date(2025, 12, 31), "include_candidates": candidates}
    expected = whole_process(folder / "tables", folder / "whole", by=by, level=level, **options)
    manifest = partition_ledger(folder / "tables", folder / "parts", partitions)
    with ResultsWriter(folder / "dask", input_hash=manifest["input_hash"]) as out:
        got = evaluate_partitions_into(
            folder / "parts", out, client=client, by=by, level=level, batch_rows=batch_rows, **options
        )
    assert_same_files(dict(out.paths), expected)
    verdicts = evaluate(ledger, **options)
    assert (got.verdict_rows, got.batches) == (len(verdicts), partitions)
    assert got.not_judged["id"].tolist() == verdicts.loc[verdicts["status"] == "unreadable", "id"].tolist()
    assert not [p for p in (folder / "parts").iterdir() if p.name.startswith(".results-")], "spill left behind"


def test_streaming_strict_writes_nothing_and_names_every_partitions_unreadable_deadline(client, tmp_path):
    """strict: every partition's unreadable deadlines in one error, as one process gives them, and
    the results writer puts no file in place."""
    ledger = load(EXAMPLES).ledger
    broken = Ledger([attrs.evolve(c, deadline="fortnightish", deadline_means=None) for c in ledger.commitments])
    manifest = partition_ledger(broken, tmp_path / "parts", 3)
    with pytest.raises(UnreadableDeadlines) as one:
        evaluate(broken, as_of=dt.date(2025, 6, 1), strict=True)
    writer = ResultsWriter(tmp_path / "out", input_hash=manifest["input_hash"])
    with pytest.raises(UnreadableDeadlines) as streamed, writer as out:
        evaluate_partitions_into(tmp_path / "parts", out, as_of=dt.date(2025, 6, 1), client=client, strict=True)
    assert streamed.value.errors == one.value.errors
    assert not list((tmp_path / "out").iterdir())


def test_streaming_refuses_a_writer_for_another_ledger(client, tmp_path):
    """A results writer stamped with another input hash is refused before any work, with both hashes named."""
    partition_ledger(load(EXAMPLES).ledger, tmp_path / "parts", 2)
    writer = ResultsWriter(tmp_path / "out", input_hash="other")
    with pytest.raises(ValueError, match="input hash 'other'"), writer as out:
        evaluate_partitions_into(tmp_path / "parts", out, as_of=dt.date(2025, 6, 1), client=client)


def test_a_damaged_partition_is_refused_naming_its_file(client, tmp_path, capsys):
    """A partition's table that is not Parquet: the worker's error comes back as one sentence naming
    the file, status 1, and nothing is written."""
    partition_ledger(load(EXAMPLES).ledger, tmp_path / "parts", 2)
    damaged = tmp_path / "parts" / "part-00001" / "events.parquet"
    damaged.write_bytes(b"not parquet")
    capsys.readouterr()
    dask = ["evaluate", str(tmp_path / "parts"), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")]
    assert main([*dask, "--engine", "dask", "--scheduler", client.scheduler.address]) == 1
    err = capsys.readouterr().err
    assert f"{damaged}: not a Parquet table that can be read" in err and "internal error" not in err, err
    assert not (tmp_path / "out").exists()
