"""A child process for the concurrency and kill -9 tests: `ledger add` over and over on one ledger.

Run as ``python adder_child.py LEDGER WORKER COUNT``: adds COUNT commitments
(ids ``wWORKER-N``) through the CLI, in this process, one after another; after
each add that returned 0 it prints ``done N``. ``ready`` is printed before
the first. COUNT 0 adds until killed.
"""

import itertools
import sys

from ledger.cli import main as ledger


def main() -> None:
    path, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    numbers = itertools.count(1) if count == 0 else range(1, count + 1)
    for n in numbers:
        argv = [
            "add", "commitment", path, "--id", f"w{worker}-{n}", "--actor", f"Reporter {worker}",
            "--said-on", "2025-05-01", "--deadline", "within 30 days", "--text", f"Promise {n} heard by {worker}",
            "--url", f"https://example.org/{worker}/{n}", "--as-of", "2025-06-15", "--wait", "600",
        ]  # fmt: skip
        status = ledger(argv)
        if status != 0:
            print(f"failed {n} with status {status}", flush=True)
            sys.exit(1)
        print(f"done {n}", flush=True)


if __name__ == "__main__":
    main()
