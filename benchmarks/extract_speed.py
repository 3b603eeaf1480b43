"""Benchmark: sentence splitting and ``extract`` grow linearly with the text (issue 13).

Times ``ledger.core.text.split_sentences`` and ``ledger.extract`` on news-like
prose of 100, 200 and 400 KB, and the splitter on 100 KB of full stops and of
"a. a. a. ...", and prints seconds and microseconds per character: a linear
pass keeps the last column flat as the text doubles. Run from the repository
root:

    .venv/bin/python benchmarks/extract_speed.py
"""

from __future__ import annotations

import datetime as dt
import time

from ledger.articles.extract import extract
from ledger.core.text import split_sentences

PARAGRAPH = (
    "Mayor Ada Ruiz said on Tuesday that the bridge would reopen within two weeks. "
    "The works began three weeks ago, and Mr. Ruiz met the U.S. envoy. "
)


def _time(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    day = dt.date(2025, 10, 16)
    print(f"{'input':28} {'chars':>9} {'seconds':>9} {'us/char':>8}")
    for size in (100_000, 200_000, 400_000):
        text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
        for name, function, args in (
            ("split_sentences, prose", split_sentences, (text,)),
            ("extract, prose", extract, (text, day)),
        ):
            seconds = _time(function, *args)
            print(f"{name:28} {size:>9,} {seconds:>9.3f} {seconds / size * 1e6:>8.2f}")
    for name, text in (("split, full stops", "." * 100_000), ("split, 'a. a. a.'", "a. " * 33_334)):
        seconds = _time(split_sentences, text)
        print(f"{name:28} {len(text):>9,} {seconds:>9.3f} {seconds / len(text) * 1e6:>8.2f}")


if __name__ == "__main__":
    main()
