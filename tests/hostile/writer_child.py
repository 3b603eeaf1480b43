"""A child process for the kill -9 tests: writes the table pair and the four result tables, over and over.

Run as ``python writer_child.py PAIR_DIR RESULTS_DIR``; prints 'ready' once its
first write is about to start, then writes until it is killed.
"""

import datetime as dt
import sys

from ledger import chains, evaluate, follow_through, load, time_to_fulfilment, write_tables
from ledger.io.results import ResultsWriter


def main() -> None:
    pair_dir, results_dir = sys.argv[1], sys.argv[2]
    full = load("fixtures/examples").ledger
    verdicts = evaluate(full, as_of=dt.date(2025, 6, 1))
    tables = {
        "verdicts": verdicts,
        "chains": chains(verdicts),
        "follow_through": follow_through(verdicts),
        "survival": time_to_fulfilment(verdicts),
    }
    print("ready", flush=True)
    run = 0
    while True:
        run += 1
        write_tables(full, pair_dir)
        with ResultsWriter(results_dir, input_hash=f"run {run}") as out:
            for kind, frame in tables.items():
                out.add(kind, frame)


if __name__ == "__main__":
    main()
