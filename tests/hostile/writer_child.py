"""A child process for the kill -9 tests: writes the table pair, the five result tables and one file, over and over.

Run as ``python writer_child.py PAIR_DIR RESULTS_DIR SINGLE_DIR [BATCHED_DIR]``; prints 'ready'
once its first write is about to start, then writes until it is killed. Each round also
writes one file alone (as `report -o` and `extract -o` do) to SINGLE_DIR/report.txt and,
given BATCHED_DIR, judges the pair just written in batches of whole chains (as `ledger
evaluate FOLDER` does, four commitments a batch) into it.
"""

import datetime as dt
import sys

from ledger import chains, evaluate, follow_through, load, time_to_fulfilment, write_tables
from ledger.io.atomic import write_text_atomic
from ledger.io.results import ResultsWriter
from ledger.verdicts.batched import evaluate_folder, plan_batches
from ledger.verdicts.over_time import OVER_TIME_FILE, follow_through_over_time, over_time_arrow

#: A line of the single file; every whole copy is this line repeated, then the run.
REPORT = "a line of a report written whole or not at all\n"
AS_OF = dt.date(2025, 6, 1)


def main() -> None:
    pair_dir, results_dir, single_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    batched_dir = sys.argv[4] if len(sys.argv) > 4 else None
    full = load("fixtures/examples").ledger
    verdicts = evaluate(full, as_of=AS_OF)
    tables = {
        "verdicts": verdicts,
        "chains": chains(verdicts),
        "follow_through": follow_through(verdicts),
        "survival": time_to_fulfilment(verdicts),
    }
    over_time = follow_through_over_time(full, as_of=[dt.date(2025, 3, 1), dt.date(2025, 6, 1)])
    print("ready", flush=True)
    run = 0
    while True:
        run += 1
        write_tables(full, pair_dir)
        with ResultsWriter(results_dir, input_hash=f"run {run}") as out:
            for kind, frame in tables.items():
                out.add(kind, frame)
            # As `ledger evaluate --over-time` writes it: the fifth table of the same set.
            out.add_arrow("follow_through_over_time", over_time_arrow(over_time, f"run {run}"), OVER_TIME_FILE)
        write_text_atomic(REPORT * 20_000 + f"run {run}\n", f"{single_dir}/report.txt")
        if batched_dir:
            plan = plan_batches(pair_dir, as_of=AS_OF, batch_rows=4)
            with ResultsWriter(batched_dir, input_hash=plan.input_hash) as out:
                evaluate_folder(plan, out, as_of=AS_OF)


if __name__ == "__main__":
    main()
