"""Benchmark: every pathological text at 1 MB, each reading under 2 seconds (issue 19, item 5).

For each text below, cut to ``--size`` characters (default 1,000,000), times
``split_sentences``, ``find_deadlines``, ``extract`` and ``parse_deadline``
(refused at once: a phrase is at most ``MAX_PHRASE_LENGTH`` characters) in CPU
seconds, and prints a table with a pass or fail against ``--limit`` seconds
(default 2). The texts are the issue's, ``benchmarks/extract_speed.py``'s
prose, and the worst cases a profiler found: each repeats a unit that makes
one step of the reading do the most work (a phrase that reads and is not a
deadline, a name, a label, a reset, a run with no sentence end, a run of
commitments with no sentence end). Run from the
repository root (``benchmarks/hostile.py`` runs it after the hostile suite):

    PYTHONPATH=. .venv/bin/python benchmarks/pathological_speed.py [--size 1000000] [--only NAME] [--rounds K]

A second table times ``extract`` on the same texts with each repetition made
distinct (a counter in each sentence), because ``extract`` reads a sentence said
again only once: the repeated texts show that memory at work, the distinct
ones what a sentence costs when nothing repeats.

Exit status 1 if any time, in either table, is over the limit.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import statistics
import time
from collections.abc import Callable

from ledger.articles.extract import extract
from ledger.core.text import split_sentences
from ledger.deadlines import DeadlineError, find_deadlines, parse_deadline

PROSE = (
    "Mayor Ada Ruiz said on Tuesday that the bridge would reopen within two weeks. "
    "The works began three weeks ago, and Mr. Ruiz met the U.S. envoy. "
)

#: Each text is its unit repeated to the size asked for.
PROSE_NAME = "prose (extract_speed.py)"  # first: the others' times are also given over its time
TEXTS: dict[str, str] = {
    PROSE_NAME: PROSE,
    "'a. a. a.'": "a. ",
    "full stops": ".",
    "full stops and spaces": ". ",
    "'end of ' (issue)": "end of ",
    "'or ' (issue)": "or ",
    "'or so ' (issue)": "or so ",
    "'by ' (issue)": "by ",
    "'the end of the '": "the end of the ",
    "no spaces": "abcdefghijklmnopqrstuvwxyz",
    "one line of digits": "0123456789",
    "quotes and brackets": "\"'([{\u201c\u201d\u2018\u2019)]}",
    "'within two weeks '": "within two weeks ",
    "'We will finish within two weeks. '": "We will finish within two weeks. ",
    "resets: 'two more weeks'": "Ruiz said the city would need two more weeks to finish the bridge. ",
    "'Mr. '": "Mr. ",
    "capitalised names": "Ada Ruiz Ben Cole Carl Diaz ",
    "names that commit": "Ada Ruiz Ben Cole Carl Diaz will act by June. ",
    "bylines": "By Ann Lee\nRuiz will act by June.\n",
    "transcript labels": "MS. LEAVITT: We will act by June.\n",
    "Senate orders": "I ask unanimous consent that the Senate adjourn until 10 a.m. tomorrow. ",
    "pronouns": "He said he would do it by June. ",
    "the President": "The President will sign it by Friday, the President said. ",
    "blank lines": "\n",
    "spaces and line breaks": " \n",
    "'said '": "said ",
    "'will '": "will ",
    # no sentence end: pieces of MAX_SENTENCE_LENGTH, each with a hundred candidates whose clause runs back to
    # the piece's start (a candidate's work once grew with the piece: 1 ms each here, base b66dbe2)
    "run-on commitments": "he will act by June and ",
}

DAY = dt.date(2025, 10, 16)


def _parse(text: str) -> None:
    with contextlib.suppress(DeadlineError):  # refused, as it should be: the time is what counts
        parse_deadline(text, DAY)


READERS: dict[str, Callable[[str], object]] = {
    "split": split_sentences,
    "find": lambda text: find_deadlines(text, DAY),
    "extract": lambda text: extract(text, DAY),
    "parse": _parse,
}


def cpu_seconds(function: Callable[[str], object], text: str) -> float:
    started = time.process_time()
    function(text)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of each text (default 1,000,000)")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds each reading may take (default 2)")
    parser.add_argument("--only", help="time only the texts whose name holds this")
    parser.add_argument(
        "--repeated-only", action="store_true", help="skip the second table (each repetition made distinct)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="times each distinct text is read (default 1); with more than one, the second table gives the "
        "median, least and most, and judges the median",
    )
    args = parser.parse_args(argv)
    print(f"{'text':36} {'chars':>9} " + " ".join(f"{name:>8}" for name in READERS) + "  result")
    failed = 0
    for name, unit in TEXTS.items():
        if args.only and args.only not in name:
            continue
        text = (unit * (args.size // len(unit) + 1))[: args.size]
        seconds = [cpu_seconds(function, text) for function in READERS.values()]
        slow = [reader for reader, s in zip(READERS, seconds, strict=True) if s >= args.limit]
        failed += bool(slow)
        verdict = "pass" if not slow else "FAIL: " + ", ".join(slow)
        print(f"{name:36} {len(text):>9,} " + " ".join(f"{s:>8.2f}" for s in seconds) + f"  {verdict}", flush=True)
    print(f"seconds of CPU per reading; limit {args.limit:g} s; {failed} text(s) over it")
    distinct_failed = 0
    if not args.repeated_only:
        distinct_failed = _distinct_table(args)
    return 1 if failed or distinct_failed else 0


def distinct(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters with each repetition made different: a counter
    before its last full stop, or after it when it has none. No sentence is said twice, so
    nothing read once can be given again; the work per sentence is all there is."""
    pieces, total, k = [], 0, 0
    stop = unit.rstrip().rfind(".")
    while total < size:
        k += 1
        piece = unit[:stop] + f", case {k}" + unit[stop:] if stop > 0 else f"{unit}case {k} "
        pieces.append(piece)
        total += len(piece)
    return "".join(pieces)[:size]


def _distinct_table(args) -> int:
    """extract on every text made distinct (``distinct``): the honest worst case for a reader
    that remembers sentences it has read."""
    print()
    print("the same texts, each repetition made distinct (no sentence said twice): extract alone")
    # Rounds read the same text again: extract keeps nothing of a sentence between calls (its caches hold
    # phrases, names and words, which repeat within one text anyway), so each round does all the work.
    rounds = max(1, args.rounds)
    spread = f" {'least':>6} {'most':>6}" if rounds > 1 else ""
    print(f"{'text':36} {'chars':>9} {'extract':>8}{spread} {'/ prose':>8}  result")
    failed = 0
    # The same machine's seconds move by a quarter from one minute to the next (benchmarks/README.md): each
    # text's time over the prose text's, read in the same minute, is a figure two runs can compare.
    prose = None
    for name, unit in TEXTS.items():
        shown = not args.only or args.only in name
        if not shown and name != PROSE_NAME:
            continue
        text = distinct(unit, args.size)
        times = [cpu_seconds(READERS["extract"], text) for _ in range(rounds)]
        seconds = statistics.median(times)
        if name == PROSE_NAME:
            prose = seconds  # (read first) and, when not asked for, only to compare the others with
        if not shown:
            continue
        failed += seconds >= args.limit
        verdict = "pass" if seconds < args.limit else "FAIL"
        least_most = f" {min(times):>6.2f} {max(times):>6.2f}" if rounds > 1 else ""
        relative = f"{seconds / prose:>7.2f}x" if prose else f"{'':>8}"
        print(f"{name:36} {len(text):>9,} {seconds:>8.2f}{least_most} {relative}  {verdict}", flush=True)
    what = f" (median of {rounds} rounds)" if rounds > 1 else ""
    print(f"seconds of CPU{what}; limit {args.limit:g} s; {failed} distinct text(s) over it")
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
