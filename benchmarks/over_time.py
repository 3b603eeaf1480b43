"""Time the follow-through table over time: one pass against one evaluation per date, in the same run.

Usage (see benchmarks/README.md):

    .venv/bin/python benchmarks/over_time.py --n 100000 --freq QS

It builds the synthetic ledger of benchmarks/evaluate.py (N commitments and N
events stated over 2015-2025, chains of resets, vague and open-ended
deadlines), then times, back to back and alternating so both see the same
machine:

  one pass   follow_through_over_time(tables, freq=..., by=("actor",))
  per date   evaluate(tables, as_of=d) then follow_through(..., by=("actor",))
             for every date d of the same grid

and checks that both give the same counts and rates on every date. It
prints a table: the grid, seconds of each (best of --repeat) and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate import AS_OF, synthetic_ledger  # benchmarks/evaluate.py

from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.over_time import as_of_grid, follow_through_over_time
from ledger.verdicts.stats import follow_through


def per_date(tables, grid, by) -> pd.DataFrame:
    """The baseline: one evaluation and one statistics table per date, stacked."""
    parts = [follow_through(evaluate(tables, as_of=day), by=by).assign(as_of=day) for day in grid]
    return pd.concat(parts, ignore_index=True)


def same_numbers(one_pass: pd.DataFrame, baseline: pd.DataFrame, by) -> bool:
    """Whether both give the same counts and rates for every (date, group)."""
    keys = ["as_of", *by]
    columns = [c for c in one_pass.columns if c.startswith("n") or c.endswith(("_rate", "_ci_low", "_ci_high"))]
    left = one_pass.sort_values(keys).reset_index(drop=True)
    right = baseline.sort_values(keys).reset_index(drop=True)
    if len(left) != len(right):
        return False
    return all(np.array_equal(left[c].to_numpy(float), right[c].to_numpy(float), equal_nan=True) for c in columns)


def best_of(repeat: int, run):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="commitments (and events) to generate")
    parser.add_argument("--freq", default="QS", help="the grid's pandas frequency (MS, QS, W-MON; default QS)")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2015, 1, 1), help="the grid's start")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is shown")
    args = parser.parse_args(argv)

    tables = synthetic_ledger(args.n, args.n)
    by = ("actor",)
    grid = as_of_grid(tables, freq=args.freq, start=args.start, end=AS_OF)
    print(f"synthetic ledger: {args.n:,} commitments, {args.n:,} events; grid {args.freq}: {len(grid)} dates")
    print(f"{grid[0]} .. {grid[-1]}, by {', '.join(by)}")
    # Warm up both paths once (imports, the holiday tables) so neither pays it in the timings.
    warm = synthetic_ledger(200, 200)
    follow_through_over_time(warm, freq=args.freq, start=args.start, end=AS_OF, by=by)
    per_date(warm, grid[-2:], by)
    one_times, base_times = [], []
    one = base = pd.DataFrame()
    for _ in range(args.repeat):  # alternating, so both see the same machine
        seconds, one = best_of(
            1, lambda: follow_through_over_time(tables, freq=args.freq, start=args.start, end=AS_OF, by=by)
        )
        one_times.append(seconds)
        seconds, base = best_of(1, lambda: per_date(tables, grid, by))
        base_times.append(seconds)
    equal = same_numbers(one, base, by)
    print()
    print(f"{'method':<12}{'dates':>7}{'rows':>10}{'best s':>9}{'all runs':>26}")
    for name, times, table in (("one pass", one_times, one), ("per date", base_times, base)):
        runs = " ".join(f"{t:.2f}" for t in times)
        print(f"{name:<12}{len(grid):>7}{len(table):>10,}{min(times):>9.2f}{runs:>26}")
    print()
    print(f"one pass is {min(base_times) / min(one_times):.1f}x faster than evaluating per date (best against best)")
    print(f"same counts and rates on every date: {'yes' if equal else 'NO'}")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
