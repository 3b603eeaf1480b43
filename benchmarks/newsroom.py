"""The nightly-size newsroom run: 8 reporters x 50 `ledger add` at once, and 100 kill -9 trials.

CI runs tests/newsroom/test_concurrent_adds.py with 8 x 5 adds and 4 kill
trials; this runs the full counts, checks the same things, and prints how long
they took:

    PYTHONPATH=. python benchmarks/newsroom.py [adders] [adds each] [kill trials]
"""

from __future__ import annotations

import argparse
import collections
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "newsroom"))

from test_concurrent_adds import done_count, kill_trial, leftovers, start

from ledger import load


def concurrent(layout: str, adders: int, each: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if layout == "yaml":
            path = Path(tmp) / "desk.yaml"
        else:
            path = Path(tmp) / "pair"
            shutil.copytree(ROOT / "fixtures/examples/spreadsheet", path)
        before = len(load(path).ledger.commitments) if path.exists() else 0
        started = time.perf_counter()
        children = [start(path, str(w), each) for w in range(adders)]
        outputs = [child.communicate() for child in children]
        seconds = time.perf_counter() - started
        failed = [err[-500:] for child, (_, err) in zip(children, outputs) if child.returncode != 0]
        reported = sum(done_count(out) for out, _ in outputs)
        result = load(path)
        added = len(result.ledger.commitments) - before
        folder = path if path.is_dir() else path.parent
        clean = result.ok and not failed and added == adders * each == reported and not leftovers(folder)
        print(
            f"{layout}: {adders} processes x {each} adds: {added} entries landed of {adders * each}, "
            f"file loads {'clean' if result.ok else 'WITH ERRORS'}, {seconds:.1f} s wall "
            f"({added / seconds:.1f} adds/s) -> {'ok' if clean else 'FAILED'}"
        )
        if failed:
            print("child errors:", *failed, sep="\n")


def kills(trials: int) -> None:
    outcomes: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    failures = 0
    for seed in range(trials):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                acknowledged, landed, left = kill_trial(Path(tmp), seed)
            except AssertionError as exc:
                failures += 1
                print(f"trial {seed} FAILED: {exc}")
                continue
        outcomes["killed after its rename, before its report (N+1)" if landed > acknowledged else "N"] += 1
        outcomes["killed before its first add landed"] += landed == 0
        outcomes["killed while writing (a temporary file left, removed by the next add)"] += left > 0
    seconds = time.perf_counter() - started
    print(f"kill -9 trials: {trials}, failed: {failures}, {seconds:.0f} s; outcomes: {dict(outcomes)}")


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(text)


def main() -> int:
    parser = argparse.ArgumentParser(
        description="The nightly-size newsroom run: reporters adding to one ledger at once, then kill -9 "
        "trials; checks that no entry is lost or doubled and no file is left half written.",
    )
    parser.add_argument("adders", nargs="?", type=_whole_number, default=8, help="reporters at once (default 8)")
    parser.add_argument("each", nargs="?", type=_whole_number, default=50, help="adds per reporter (default 50)")
    parser.add_argument("trials", nargs="?", type=_whole_number, default=100, help="kill -9 trials (default 100)")
    args = parser.parse_args()
    adders, each, trials = args.adders, args.each, args.trials
    for layout in ("yaml", "csv") if adders and each else ():
        concurrent(layout, adders, each)
    kills(trials)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
