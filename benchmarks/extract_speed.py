"""Benchmark: sentence splitting and ``extract`` grow linearly with the text (issue 13).

Times ``ledger.core.text.split_sentences``, ``ledger.find_deadlines`` and
``ledger.extract`` on news-like prose of 100, 200 and 400 KB and on as much
text that is one short sentence after another ("a. a. a. ...": every "a" may
start a deadline, none does), and the splitter on 100 KB of full stops, and
prints seconds and microseconds per character: a linear pass keeps the last
column flat as the text doubles. ``--size`` times one size (1 MB: ``--size
1000000``); ``benchmarks/pathological_speed.py`` times every worst case at 1 MB.
Run from the repository root:

    .venv/bin/python benchmarks/extract_speed.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from ledger.articles.extract import extract
from ledger.core.text import split_sentences
from ledger.deadlines import find_deadlines

PARAGRAPH = (
    "Mayor Ada Ruiz said on Tuesday that the bridge would reopen within two weeks. "
    "The works began three weeks ago, and Mr. Ruiz met the U.S. envoy. "
)


def _time(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="time this many characters only (default: 100, 200 and 400 KB)")
    args = parser.parse_args()
    sizes = (args.size,) if args.size else (100_000, 200_000, 400_000)
    day = dt.date(2025, 10, 16)
    print(f"{'input':36} {'chars':>9} {'seconds':>9} {'us/char':>8}")
    for kind, unit in (("prose", PARAGRAPH), ("'a. a. a.'", "a. ")):
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            for name, function, call_args in (
                (f"split_sentences, {kind}", split_sentences, (text,)),
                (f"find_deadlines, {kind}", find_deadlines, (text, day)),
                (f"extract, {kind}", extract, (text, day)),
            ):
                seconds = _time(function, *call_args)
                print(f"{name:36} {size:>9,} {seconds:>9.3f} {seconds / size * 1e6:>8.2f}")
    text = "." * 100_000
    seconds = _time(split_sentences, text)
    print(f"{'split_sentences, full stops':36} {len(text):>9,} {seconds:>9.3f} {seconds / len(text) * 1e6:>8.2f}")


if __name__ == "__main__":
    main()
