"""The nightly-size hostile run: 12,500 fuzzed ledgers, 100 kill -9 trials, every pathological text at 1 MB.

Runs tests/hostile with larger budgets than CI (``LEDGER_FUZZ_CASES``,
``LEDGER_KILL_TRIALS``) and prints what ran and how long it took, then
``benchmarks/pathological_speed.py``: split, find, extract and parse on every
pathological text at 1,000,000 characters, each against 2 s of CPU:

    PYTHONPATH=. python benchmarks/hostile.py [fuzz cases per test] [kill trials]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="The nightly-size hostile run: tests/hostile with large budgets, then every "
        "pathological text at 1 MB (benchmarks/pathological_speed.py). Exits 1 if anything failed.",
    )
    parser.add_argument(
        "cases", nargs="?", type=_whole_number, default=5_000, help="fuzz cases per fuzz test (default 5,000)"
    )
    parser.add_argument("kills", nargs="?", type=_whole_number, default=100, help="kill -9 trials (default 100)")
    args = parser.parse_args()
    cases, kills = args.cases, args.kills
    env = {**os.environ, "LEDGER_FUZZ_CASES": str(cases), "LEDGER_KILL_TRIALS": str(kills)}
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/hostile", "--durations=5"],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    print(run.stdout[-3000:])
    # Two fuzz tests run ``cases`` cases each, the example-ledger and the Parquet-tables ones half as many.
    print(f"fuzz cases: {2 * cases + 2 * (cases // 2):,}; kill -9 trials: {kills}; {seconds:.0f} s in all")
    summary = re.findall(r"(\d+) (passed|failed|error)", run.stdout)
    print("result:", ", ".join(f"{n} {what}" for n, what in summary))
    print("\nevery pathological text at 1 MB (benchmarks/pathological_speed.py):", flush=True)
    speed = subprocess.run([sys.executable, str(Path(__file__).with_name("pathological_speed.py"))], env=env)
    return run.returncode or speed.returncode


if __name__ == "__main__":
    raise SystemExit(main())
