"""Time the evaluation pipeline on a large synthetic ledger, side by side with its baselines.

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/evaluate.py --n 1000000

It builds a synthetic ledger of N commitments and N events (chains of resets,
several events per commitment, vague and open-ended deadlines), writes it as
the Parquet tables `ledger tables` would write, then, in a fresh process so
peak memory is the pipeline's own, times what `ledger evaluate FOLDER` runs
(ledger.verdicts.batched):

  plan      the columns that link rows (ids, resets, events' commitments), the
            whole ledger's integrity checked on them, and the cuts between
            batches of whole chains
  batches   each batch read, judged by evaluate, its verdicts and chains
            converted, checked and handed to the writer (written in the
            background while the next batch is judged), and the pieces of
            follow_through by actor and time_to_fulfilment by topic kept;
            then the two statistics tables combined and handed off
  write     waiting for the last files, then putting all four in place

and, in the same run, three baselines:

  floor      pyarrow alone reading the same input columns and writing the same
             four result tables side by side, with the pipeline's Parquet writer
             options (no computation): the least any
             implementation could take; timed twice, in a fresh process of its
             own with the default allocators (the floor every pipeline is held
             to), and in the pipeline's process after it (its allocators, its heap)
  DuckDB SQL the same verdict and statistics rules written in SQL
             (benchmarks/sql_baseline.py), in a fresh process of its own, its
             four tables checked against ledger's on every row (asserted)
  reference  the per-commitment reference loop of the test suite, timed on a
             sample and scaled linearly to N (its cost grows faster than
             linearly, so the scaled figure flatters it)

Peak memory is each process's VmHWM (/proc/self/status), which starts afresh
at exec; ru_maxrss would carry the parent's size over a fork. The pipeline
process chooses its allocators as `ledger evaluate` does (Arrow on the C
library's heap, one glibc arena); LEDGER_BENCH_DEFAULT_ALLOCATORS=1 keeps the
defaults, to measure what that choice does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ledger.core.columns import COMMITMENTS_SCHEMA, EVENTS_SCHEMA, SOURCE_TYPE
from ledger.core.tables import LedgerTables, ledger_hash
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE, table_metadata, with_link_rows, write_parquet

AS_OF = dt.date(2025, 12, 31)

# A realistic mix: mostly durations, some hedged, ranges, calendar forms,
# vague phrases and a few open-ended ones.
PHRASES = [
    ("in two weeks", 12),
    ("two weeks or so", 6),
    ("within 30 days", 8),
    ("in 50 days", 3),
    ("10 or 12 days", 3),
    ("two to three weeks", 3),
    ("in a month or so", 4),
    ("within 24 hours", 2),
    ("in six months", 4),
    ("within a year", 4),
    ("by Friday", 4),
    ("next week", 4),
    ("by the end of the month", 5),
    ("by the end of the year", 4),
    ("by Christmas", 2),
    ("before Thanksgiving", 1),
    ("by early August", 1),
    ("in the first half of 2026", 1),
    ("soon", 8),
    ("very soon", 5),
    ("in the coming days", 4),
    ("in the near future", 3),
    ("shortly", 2),
    ("eventually", 2),
    ("in due course", 1),
]
TYPES = [("fulfilled", 0.35), ("partial", 0.08), ("broken", 0.10), ("withdrawn", 0.05), ("note", 0.42)]


def _sources(prefix: str, numbers: np.ndarray) -> pa.ListArray:
    """One source per row, built column-wise."""
    urls = pc.binary_join_element_wise(prefix, pc.cast(pa.array(numbers), pa.string()), "")
    n = len(numbers)
    structs = pa.StructArray.from_arrays(
        [urls, pa.nulls(n, pa.string()), pa.nulls(n, pa.string()), pa.nulls(n, pa.date32())],
        fields=list(SOURCE_TYPE),
    )
    return pa.ListArray.from_arrays(pa.array(np.arange(n + 1, dtype=np.int32)), structs)


def synthetic_ledger(n: int, n_events: int, seed: int = 7) -> LedgerTables:
    """A valid synthetic ledger as Arrow tables, built without a per-row loop."""
    rng = np.random.default_rng(seed)
    # Chains: about a quarter of the commitments restate the previous one.
    restates = rng.random(n) < 0.25
    restates[0] = False
    chain_start = np.flatnonzero(~restates)
    chain_of = np.cumsum(~restates) - 1
    start_day = rng.integers(
        (dt.date(2015, 1, 1) - dt.date(1970, 1, 1)).days, (AS_OF - dt.date(1970, 1, 1)).days, size=len(chain_start)
    )
    position = np.arange(n) - chain_start[chain_of]
    stated = start_day[chain_of] + position * rng.integers(5, 40, size=n)
    stated = np.minimum(stated, (AS_OF - dt.date(1970, 1, 1)).days)
    # A restatement is never stated before the one it restates.
    stated = _non_decreasing_within_chains(stated, position)
    ids = pc.binary_join_element_wise("c", pc.cast(pa.array(np.arange(n)), pa.string()), "")
    supersedes = pc.if_else(
        pa.array(restates),
        pc.binary_join_element_wise("c", pc.cast(pa.array(np.arange(n) - 1), pa.string()), ""),
        pa.nulls(n, pa.string()),
    )
    names, weights = zip(*PHRASES)
    phrase_code = rng.choice(len(names), size=n, p=np.array(weights) / sum(weights))
    actors = rng.integers(0, 500, size=n)
    topics = rng.integers(0, 20, size=n)

    def dictionary(codes, values):
        return pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32()), pa.array(values, type=pa.string()))

    commitments = pa.Table.from_arrays(
        [
            ids,
            dictionary(actors, [f"Actor {i}" for i in range(500)]),
            pa.array(stated.astype(np.int32), type=pa.int32()).cast(pa.date32()),
            pa.array(np.full(n, "Do the thing"), type=pa.string()),
            dictionary(phrase_code, list(names)),
            pa.nulls(n, pa.string()),  # deadline_means
            dictionary(topics, [f"topic-{i}" for i in range(20)]),
            supersedes,
            pa.nulls(n, pa.date32()),
            # no tags: every row an empty list
            pa.ListArray.from_arrays(pa.array(np.zeros(n + 1, dtype=np.int32)), pa.array([], type=pa.string())),
            _sources("https://example.org/c/", np.arange(n)),
        ],
        schema=COMMITMENTS_SCHEMA,
    )
    owner = np.sort(rng.integers(0, n, size=n_events))
    kinds, p = zip(*TYPES)
    type_code = rng.choice(len(kinds), size=n_events, p=p)
    on = stated[owner] + rng.integers(0, 240, size=n_events)
    # The order a Ledger keeps and `ledger tables` writes: by commitment, then date.
    canonical = np.lexsort((on, owner))
    owner, type_code, on = owner[canonical], type_code[canonical], on[canonical]
    events = pa.Table.from_arrays(
        [
            pc.take(ids, pa.array(owner)),
            dictionary(type_code, list(kinds)),
            pa.array(on.astype(np.int32), type=pa.int32()).cast(pa.date32()),
            pa.nulls(n_events, pa.date32()),
            pa.nulls(n_events, pa.string()),
            _sources("https://example.org/e/", np.arange(n_events)),
        ],
        schema=EVENTS_SCHEMA,
    )
    return LedgerTables(commitments, events)


def _non_decreasing_within_chains(stated: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Make each chain's statement days non-decreasing (a reset never predates what it resets)."""
    chain = np.cumsum(position == 0)
    # offset per chain so a global running maximum never crosses chains
    offset = chain.astype(np.int64) << 32
    return (np.maximum.accumulate(stated.astype(np.int64) + offset) - offset).astype(np.int64)


def _peak_mb() -> float:
    """This process's peak resident memory since it was started (VmHWM), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _pipeline(folder: str, queue, batch_rows: int | None = None) -> None:
    """Run in a fresh process: time each stage and the pyarrow floor; report peak memory."""
    try:
        queue.put(_timed_pipeline(folder, batch_rows))
    except BaseException as exc:  # report, don't leave the parent waiting
        queue.put(exc)


def _sql_pipeline(folder: str, queue, memory_limit: str | None = None) -> None:
    """Run in a fresh process: the DuckDB SQL baseline, timed; report its peak memory."""
    try:
        import duckdb  # noqa: F401  # imported before timing, as ledger's modules are
        import holidays

        from benchmarks.sql_baseline import run

        holidays.country_holidays("US", years=[])
        start = time.perf_counter()
        paths = run(folder, Path(folder) / "sql", AS_OF, memory_limit)
        queue.put((time.perf_counter() - start, _peak_mb(), paths))
    except BaseException as exc:
        queue.put(exc)


def _in_fresh_process(target, folder: str, *extra):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=target, args=(folder, queue, *extra))
    child.start()
    reply = queue.get()
    child.join()
    if isinstance(reply, BaseException):
        raise reply
    return reply


def _timed_pipeline(folder: str, batch_rows: int | None = None):
    # Modules are imported before timing, the holidays package's lazily
    # imported country module too; holiday tables are built while timed.
    import holidays

    from ledger.cli.judging import use_lean_allocators
    from ledger.io.results import ResultsWriter
    from ledger.verdicts.batched import evaluate_folder, plan_batches

    holidays.country_holidays("US", years=[])
    if not os.environ.get("LEDGER_BENCH_DEFAULT_ALLOCATORS"):
        use_lean_allocators()  # as `ledger evaluate` does first
    timings = {}
    out = Path(folder) / "results"
    # What `ledger evaluate FOLDER --by actor` runs (survival by topic here, as the SQL baseline has it):
    # the plan (the columns that link rows, the whole ledger's integrity, the cuts), then each batch
    # read, judged, its verdicts and chains handed to the writer and its statistics' pieces kept,
    # then the statistics combined and the files put in place.
    start, cpu = time.perf_counter(), time.process_time()
    plan = plan_batches(folder, as_of=AS_OF, batch_rows=batch_rows)
    timings["plan"], timings["plan cpu"] = time.perf_counter() - start, time.process_time() - cpu
    with ResultsWriter(out, input_hash=plan.input_hash) as writer:
        t, c = time.perf_counter(), time.process_time()
        results = evaluate_folder(plan, writer, as_of=AS_OF, by="actor", survival_by="topic")
        timings["batches"], timings["batches cpu"] = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
    # Waiting for the files still being written (their threads' CPU counts in the stage it runs in).
    timings["write"], timings["write cpu"] = time.perf_counter() - t, time.process_time() - c
    timings["total"] = time.perf_counter() - start
    timings["cpu"] = time.process_time() - cpu  # every thread of the process
    timings["batch count"] = len(plan.bounds) - 1
    peak_mb = _peak_mb()  # before the floor below, which is not the pipeline

    timings["floor"], _ = _floor_seconds(folder, writer.paths.values(), "floor")
    return timings, peak_mb, results.verdict_rows, dict(writer.paths)


def _floor(folder: str, queue, paths) -> None:
    """Run in a fresh process of its own, with the default allocators: the pyarrow floor alone."""
    try:
        queue.put(_floor_seconds(folder, paths, "floor-fresh"))
    except BaseException as exc:
        queue.put(exc)


def _floor_seconds(folder: str, paths, out_name: str) -> tuple[float, float]:
    """The floor: pyarrow reading the same input and writing the same four tables, nothing computed.
    The tables are read back from the pipeline's files (untimed), each as one chunk (as converted in one piece)."""
    from ledger.io.parquet import EVALUATION_COLUMNS
    from ledger.io.results import PARQUET_DICTIONARY_PAGE_LIMIT

    ready = [pq.read_table(path).replace_schema_metadata(None) for path in paths]
    ready = [table.unify_dictionaries().combine_chunks() for table in ready]
    floor_dir = Path(folder) / out_name
    floor_dir.mkdir(exist_ok=True)
    t, cpu = time.perf_counter(), time.process_time()
    # The columns the pipeline reads (pyarrow's nested path names the sources' urls alone).
    for name, file_name in (("commitments", COMMITMENTS_FILE), ("events", EVENTS_FILE)):
        columns = [c.replace("sources.url", "sources.list.element.url") for c in EVALUATION_COLUMNS[name]]
        pq.ParquetFile(Path(folder) / file_name).read(columns=columns)

    # Side by side, as the pipeline writes them, with the writer options it uses.
    def write(i: int) -> None:
        pq.write_table(ready[i], floor_dir / f"{i}.parquet", dictionary_pagesize_limit=PARQUET_DICTIONARY_PAGE_LIMIT)

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        list(pool.map(write, range(len(ready))))
    return time.perf_counter() - t, time.process_time() - cpu


def _print_rounds(rounds: list[tuple[float, float, float]]) -> None:
    """Every round's pipeline and fresh floor, and the median of their ratios."""
    print(f"{'round':>7}{'end to end':>12}{'fresh floor':>13}{'ratio':>9}{'load':>7}")
    for k, (total, floor, load) in enumerate(rounds, 1):
        print(f"{k:>7}{total:>12.3f}{floor:>13.3f}{total / floor:>8.2f}x{load:>7.2f}")
    ratios = [total / floor for total, floor, _ in rounds]
    print(
        f"end to end / pyarrow floor over {len(rounds)} rounds: median {statistics.median(ratios):.2f}x "
        f"(range {min(ratios):.2f}-{max(ratios):.2f}x; target: within 2x)"
    )


def reference_sample(tables: LedgerTables, sample: int) -> LedgerTables:
    """The first ``sample`` commitments and their events, as a ledger of their own."""
    head = tables.commitments.slice(0, sample)
    ids = head["id"].combine_chunks()
    events = tables.events.filter(pc.is_in(tables.events["commitment_id"], value_set=ids))
    # The first commitment of the sample may restate one outside it: cut that link.
    supersedes = head.schema.get_field_index("supersedes")
    linked = pc.if_else(pc.is_in(head["supersedes"], value_set=ids), head["supersedes"], pa.scalar(None, pa.string()))
    head = head.set_column(supersedes, head.schema.field(supersedes), linked)
    # Copies (take), so the sample does not keep the whole ledger's buffers alive.
    return LedgerTables(head.take(np.arange(head.num_rows)), events.take(np.arange(events.num_rows)))


def reference_seconds_per_commitment(sample: LedgerTables) -> tuple[float, int]:
    """Time the test suite's reference loop on a sample; count rows where evaluate disagrees."""
    from ledger.verdicts.evaluate import evaluate
    from tests.reference import reference_verdicts

    ledger = sample.to_ledger()
    start = time.perf_counter()
    expected = reference_verdicts(ledger, AS_OF)
    seconds = time.perf_counter() - start
    got = evaluate(ledger, as_of=AS_OF).set_index("id")["status"]
    mismatches = sum(got[cid] != row["status"] for cid, row in expected.items())
    return seconds / len(ledger), mismatches


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="commitments (and events) to generate")
    parser.add_argument("--sample", type=int, default=2_000, help="commitments for the reference loop")
    parser.add_argument(
        "--duckdb-memory-limit", help="cap DuckDB's memory (such as 8GB) on a shared machine; default: DuckDB's own"
    )
    parser.add_argument(
        "--batch-rows", type=int, help="commitments per batch, about (default: ledger.verdicts.batched.BATCH_ROWS)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="times the pipeline and its fresh floor run, alternately, each in a fresh process; with more "
        "than one, every round's ratio and their median are printed (default 1)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1 (got {args.rounds})")

    t = time.perf_counter()
    tables = synthetic_ledger(args.n, args.n)
    folder = tempfile.mkdtemp(prefix="ledger-bench-")
    digest = ledger_hash(tables)
    # With the row columns `ledger tables` writes beside the references.
    commitments, events = with_link_rows(tables.commitments, tables.events)
    write_parquet(commitments, Path(folder) / COMMITMENTS_FILE, table_metadata("commitments", digest))
    write_parquet(events, Path(folder) / EVENTS_FILE, table_metadata("events", digest))
    del commitments, events
    print(
        f"synthetic ledger: {args.n:,} commitments, {args.n:,} events, "
        f"{tables.commitments['supersedes'].null_count and args.n - tables.commitments['supersedes'].null_count:,} "
        f"resets; built and written in {time.perf_counter() - t:.1f}s"
    )
    sample = reference_sample(tables, min(args.sample, args.n))
    # The timed process should have the machine to itself: this one gives
    # back the ledger it built before the pipeline starts.
    del tables
    gc.collect()
    pa.default_memory_pool().release_unused()

    # The machine may be shared: the one-minute load average before each timed process is printed with it.
    loads = {"pipeline": os.getloadavg()[0]}
    timings, peak_mb, rows, ledger_paths = _in_fresh_process(_pipeline, folder, args.batch_rows)
    loads["floor"] = os.getloadavg()[0]
    # The same floor in a process of its own, with pyarrow's and glibc's default allocators: what another
    # implementation (base's single pass, say) is measured against too, whatever its process chose.
    fresh_floor, floor_cpu = _in_fresh_process(_floor, folder, list(ledger_paths.values()))
    loads["DuckDB"] = os.getloadavg()[0]
    sql_seconds, sql_peak_mb, sql_paths = _in_fresh_process(_sql_pipeline, folder, args.duckdb_memory_limit)
    from benchmarks.sql_baseline import agreement

    compared = agreement(ledger_paths, sql_paths)  # raises on the first row that differs

    # More rounds, alternating as the first: on a noisy machine one ratio says little; the median of several does.
    rounds = [(timings["total"], fresh_floor, loads["pipeline"])]
    for _ in range(args.rounds - 1):
        load = os.getloadavg()[0]
        again = _in_fresh_process(_pipeline, folder, args.batch_rows)[0]["total"]
        rounds.append((again, _in_fresh_process(_floor, folder, list(ledger_paths.values()))[0], load))

    per_commitment, mismatches = reference_seconds_per_commitment(sample)
    reference_total = per_commitment * args.n

    print()
    print(f"{'stage':<12}{'seconds':>10}{'CPU s':>10}   (CPU: every thread of the process, while the stage ran)")
    for stage in ("plan", "batches", "write"):
        print(f"{stage:<12}{timings[stage]:>10.3f}{timings[stage + ' cpu']:>10.3f}")
    print(f"{'end to end':<12}{timings['total']:>10.3f}   ({timings['batch count']} batches)")
    print(f"{'CPU':<12}{timings['cpu']:>10.3f}   (every thread; the fresh floor's: {floor_cpu:.3f})")
    print()
    print(f"{'baseline':<34}{'seconds':>10}{'ours / it':>12}{'peak MB':>10}{'ours / it':>12}")
    print(f"{'pyarrow floor, own fresh process':<34}{fresh_floor:>10.3f}{timings['total'] / fresh_floor:>11.2f}x")
    in_process = timings["floor"]
    print(f"{'pyarrow floor, pipeline process':<34}{in_process:>10.3f}{timings['total'] / in_process:>11.2f}x")
    print(
        f"{'DuckDB SQL (same rules)':<34}{sql_seconds:>10.3f}{timings['total'] / sql_seconds:>11.2f}x"
        f"{sql_peak_mb:>10,.0f}{peak_mb / sql_peak_mb:>11.2f}x"
    )
    print(
        f"{'reference loop (scaled from ' + format(min(args.sample, args.n), ',') + ')':<34}"
        f"{reference_total:>10.1f}{timings['total'] / reference_total:>11.4f}x"
    )
    print()
    print(f"speed-up over the reference loop: {reference_total / timings['total']:,.0f}x")
    print(
        f"end to end / pyarrow floor: {timings['total'] / fresh_floor:.2f}x against the floor in its own process "
        f"(target: within 2x), {timings['total'] / timings['floor']:.2f}x against the floor after the pipeline"
    )
    if len(rounds) > 1:
        _print_rounds(rounds)
    print(f"end to end / DuckDB SQL: {timings['total'] / sql_seconds:.2f}x (target: below 1x)")
    print(
        f"peak memory of the pipeline process: {peak_mb:,.0f} MB, "
        f"{peak_mb / 1024 / (args.n / 1e6):.2f} GB per million commitments (target: 0.5)"
    )
    print(
        "DuckDB SQL and ledger agree on every row: "
        + ", ".join(f"{name} {count:,}" for name, count in compared.items())
    )
    print(f"verdict rows: {rows:,}; reference disagreements on the sample: {mismatches}")
    print("load average (1 min) before: " + ", ".join(f"{name} {load:.2f}" for name, load in loads.items()))
    shutil.rmtree(folder, ignore_errors=True)  # input, results, floor and SQL tables: gigabytes at 10M
    return 0


if __name__ == "__main__":
    sys.exit(main())
