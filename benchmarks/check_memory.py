"""Time and peak memory of `ledger check` on a large valid YAML ledger, side by side with another checkout.

Usage:

    PYTHONPATH=. python benchmarks/check_memory.py [--n 100000] [--base DIR] [--runs 2] [--ledger FILE]

It writes a valid YAML ledger of N commitments (the synthetic ledger of
``benchmarks/evaluate.py``, one event per commitment on average, dumped by
``dump_yaml``: 27 MB at N = 100,000), then runs ``ledger check`` on it in a
fresh process per run, for this checkout and, with ``--base``, for another
(a copy of an earlier commit), alternating them so both see the same machine.
Each run reports its wall time and its peak resident memory (``VmHWM`` from
``/proc/self/status``, Linux), including the interpreter and the imports.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a fresh process: `ledger check FILE` as the command line runs it, then its time and peak memory.
_CHILD = """
import contextlib, io, json, sys, time
sys.path.insert(0, sys.argv[1])
from ledger.cli import main
started = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
    status = main(["check", sys.argv[2]])
seconds = time.perf_counter() - started
status_lines = open("/proc/self/status").read().splitlines()
peak = next(int(line.split()[1]) for line in status_lines if line.startswith("VmHWM"))
print(json.dumps({"status": status, "seconds": seconds, "peak_mb": peak / 1024}))
"""


def write_ledger(n: int, path: Path) -> None:
    """A valid YAML ledger of ``n`` commitments and about as many events, nested under them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from evaluate import synthetic_ledger

    from ledger.io.dump import dump_yaml

    path.write_text(dump_yaml(synthetic_ledger(n, n).to_ledger()), encoding="utf-8")


def run_check(root: Path, ledger: Path) -> dict:
    """One `ledger check` run of the checkout at ``root``, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), str(ledger)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),  # so the checkout named is the one imported
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="commitments in the ledger (default 100,000)")
    parser.add_argument("--base", type=Path, help="another checkout to run side by side (e.g. an export of main)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each checkout (default 2)")
    parser.add_argument("--ledger", type=Path, help="the YAML ledger to check (written if it does not exist)")
    args = parser.parse_args(argv)
    ledger = args.ledger or Path(tempfile.gettempdir()) / f"ledger-check-memory-{args.n}.yaml"
    if not ledger.exists():
        print(f"writing {ledger} ({args.n:,} commitments) ...", flush=True)
        write_ledger(args.n, ledger)
    print(f"{ledger}: {ledger.stat().st_size / 1e6:.1f} MB")
    checkouts = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    results: dict[str, list[dict]] = {name: [] for name in checkouts}
    for run in range(args.runs):
        for name, root in checkouts.items():
            result = run_check(root, ledger)
            results[name].append(result)
            print(f"run {run + 1} {name:5s} {result['seconds']:6.1f} s  peak {result['peak_mb']:7.0f} MB", flush=True)
    print(f"{'':6s}{'median s':>10s}{'peak MB':>10s}  status")
    for name, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        print(f"{name:6s}{seconds:10.1f}{peak:10.0f}  {sorted({r['status'] for r in runs})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
