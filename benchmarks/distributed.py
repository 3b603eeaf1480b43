"""Evaluate a large synthetic ledger partitioned by chain on Dask workers, side by side with one process.

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/distributed.py --n 10000000 --workers 2

It builds the synthetic ledger of benchmarks/evaluate.py (N commitments, N
events), writes it as the Parquet tables `ledger tables` writes, partitions it
with `ledger partition` (timed once), starts a LocalCluster of W worker
processes (one thread each), then runs, alternately, each in a fresh process:

  one process  `ledger evaluate TABLES --by actor`
  dask         `ledger evaluate PARTS --engine dask --scheduler ADDRESS --by actor`

and asserts that the four files they write are equal, table and metadata. It
reports the wall time of each run and their ratio, each client process's
peak memory, and each worker's peak memory (which must stay under 1 GB).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file's name is Dask's package's: its folder must not come first on the path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if p and Path(p).resolve() != HERE]

_spec = importlib.util.spec_from_file_location("benchmark_evaluate", HERE / "evaluate.py")
assert _spec is not None and _spec.loader is not None
_evaluate_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_evaluate_benchmark)
AS_OF, synthetic_ledger = _evaluate_benchmark.AS_OF, _evaluate_benchmark.synthetic_ledger

from ledger.core.tables import ledger_hash
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE, table_metadata, write_parquet

#: Runs the CLI and reports its own peak memory (kB) on stderr, last line. VmHWM, not ru_maxrss:
#: Linux carries ru_maxrss across exec, so a child would report its parent's size at the fork.
_CLI = (
    "import sys; from ledger.cli import main; code = main(sys.argv[1:]); "
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
    "print('PEAK', peak, file=sys.stderr); sys.exit(code)"
)
RESULT_FILES = ("verdicts.parquet", "chains.parquet", "follow_through_actor.parquet", "survival.parquet")


def run_cli(arguments: list[str]) -> tuple[float, float]:
    """Run `ledger ARGUMENTS` in a fresh process: its wall seconds and peak memory (MB)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"ledger {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")][-1]
    return seconds, int(peak.split()[1]) / 1024


def assert_same_files(one: Path, other: Path) -> None:
    """The four result files hold equal tables with equal metadata but for their generation.

    Dictionary columns are compared by value: a file written in batches has a dictionary per
    row group. Each run stamps its own generation on its files.
    """
    for name in RESULT_FILES:
        a, b = (pq.read_table(folder / name) for folder in (one, other))
        same = a.unify_dictionaries().combine_chunks().equals(b.unify_dictionaries().combine_chunks())
        meta_a, meta_b = ({k: v for k, v in t.schema.metadata.items() if k != b"ledger.generation"} for t in (a, b))
        if not (same and meta_a == meta_b):
            raise AssertionError(f"{name}: the partitioned result differs from the single process's")
        del a, b


def _worker_peak_mb() -> float:
    """This process's peak resident memory (its own, see _CLI), in MB."""
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) / 1024


def main(argv=None) -> int:  # one piece: build, partition, then alternate the two runs
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000_000, help="commitments (and events) to generate")
    parser.add_argument("--workers", type=int, default=2, help="Dask worker processes (one thread each)")
    parser.add_argument("--partitions", type=int, default=0, help="default: one per 400,000 commitments")
    parser.add_argument("--runs", type=int, default=2, help="pairs of runs (one process, then dask)")
    args = parser.parse_args(argv)
    partitions = args.partitions or max(args.workers, -(-args.n // 400_000))

    from distributed import Client, LocalCluster

    folder = Path(tempfile.mkdtemp(prefix="ledger-dist-"))
    t = time.perf_counter()
    tables = synthetic_ledger(args.n, args.n)
    digest = ledger_hash(tables)
    (folder / "tables").mkdir()
    write_parquet(tables.commitments, folder / "tables" / COMMITMENTS_FILE, table_metadata("commitments", digest))
    write_parquet(tables.events, folder / "tables" / EVENTS_FILE, table_metadata("events", digest))
    print(f"synthetic ledger: {args.n:,} commitments and events, written in {time.perf_counter() - t:.1f}s")
    del tables
    gc.collect()
    pa.default_memory_pool().release_unused()

    partition_seconds, partition_peak = run_cli(
        ["partition", str(folder / "tables"), "--out", str(folder / "parts"), "--partitions", str(partitions)]
    )
    print(f"ledger partition: {partitions} partitions in {partition_seconds:.1f}s, peak {partition_peak:,.0f} MB")

    as_of = ["--as-of", AS_OF.isoformat(), "--by", "actor"]
    rows = []
    with (
        LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        for run in range(args.runs):
            one_seconds, one_peak = run_cli(["evaluate", str(folder / "tables"), "--out", str(folder / "one"), *as_of])
            dask_seconds, dask_peak = run_cli(
                [
                    "evaluate",
                    str(folder / "parts"),
                    "--out",
                    str(folder / "dask"),
                    "--engine",
                    "dask",
                    "--scheduler",
                    cluster.scheduler_address,
                    *as_of,
                ]
            )
            assert_same_files(folder / "one", folder / "dask")
            rows.append((run + 1, one_seconds, dask_seconds, one_peak, dask_peak))
        worker_peaks = client.run(_worker_peak_mb)

    print()
    print(f"{'run':<5}{'one process s':>15}{'dask s':>10}{'dask / one':>12}{'one peak MB':>13}{'client peak MB':>16}")
    for run, one_seconds, dask_seconds, one_peak, dask_peak in rows:
        print(
            f"{run:<5}{one_seconds:>15.1f}{dask_seconds:>10.1f}{dask_seconds / one_seconds:>11.2f}x"
            f"{one_peak:>13,.0f}{dask_peak:>16,.0f}"
        )
    print()
    for address, peak in sorted(worker_peaks.items()):
        print(f"worker {address}: peak {peak:,.0f} MB")
    print(f"results identical to the single process in every run (4 tables, with metadata): {len(rows)} of {len(rows)}")
    worst = max(worker_peaks.values())
    print(f"largest worker peak: {worst:,.0f} MB ({'within' if worst <= 1024 else 'OVER'} the 1 GB target)")
    return 0 if worst <= 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
