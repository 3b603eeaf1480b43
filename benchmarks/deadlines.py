"""Benchmark: ledger's deadline reader against dateparser and Duckling.

Generates at least 2,000 distinct deadline phrases from the forms in
docs/deadlines.md, then times, side by side in one run on one core:

- ``ledger.deadlines.parse_deadline`` (pure Python; caches cleared first, no
  result cache exists, so nothing is credited),
- ``dateparser.parse`` (``pip install -e '.[bench]'``),
- Duckling via ``pyduckling-native-phihos`` (same extra),

and prints phrases per second and the ratios, plus the batch reader
``deadline_windows`` on a million commitments. Run from the repository root:

    .venv/bin/python benchmarks/deadlines.py            # full run
    .venv/bin/python benchmarks/deadlines.py --quick    # fewer phrases for the slow parsers
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import time
from datetime import UTC, date, datetime

STATED_ON = date(2025, 10, 16)


def generate_phrases(seed: int = 7) -> list[str]:
    """Distinct phrases built from the documented forms (lengths, ranges, dates, ...)."""
    numbers = [
        "2",
        "3",
        "10",
        "12",
        "30",
        "45",
        "50",
        "90",
        "two",
        "three",
        "ten",
        "twelve",
        "fifty",
        "a couple of",
        "a few",
        "several",
        "twenty-one",
        "a dozen",
    ]
    units = ["days", "weeks", "months", "hours", "business days"]
    leads = ["", "in ", "within ", "over the next ", "by ", "no later than ", "at least ", "at most "]
    hedges = ["", " or so", " give or take", " or less", ", maybe sooner", " or a little later"]
    pre = ["", "about ", "roughly ", "probably ", "maybe ", "hopefully "]
    phrases = set()
    for lead, n, unit, hedge, p in itertools.product(leads, numbers, units, hedges, pre):
        if (n.startswith("a ") or n in ("several",)) and unit == "hours":
            continue
        phrases.add(f"{p}{lead}{n} {unit}{hedge}".strip())
    for a, b in [("2", "3"), ("10", "12"), ("two", "three"), ("six", "eight"), ("30", "45")]:
        for unit in ("days", "weeks", "months"):
            for sep in (" or ", " to ", "-"):
                phrases.add(f"{a}{sep}{b} {unit}")
            phrases.add(f"between {a} and {b} {unit}")
            phrases.add(f"{a} or {b} {unit} from now")
    months = [
        "January",
        "Feb.",
        "March",
        "April",
        "May",
        "June",
        "July",
        "Aug.",
        "Sept.",
        "October",
        "Nov.",
        "December",
    ]
    for m, day in itertools.product(months, range(1, 29, 3)):
        phrases.update({f"by {m} {day}", f"{day} {m}", f"before {m} {day}, 2026"})
    for m in months:
        for part in ("early ", "mid-", "late ", "the end of ", "by ", "in "):
            phrases.add(f"{part}{m}")
    for wd in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        for lead in ("by ", "on ", "this ", "next ", "before "):
            phrases.add(f"{lead}{wd}")
    for h in ("Christmas", "Thanksgiving", "Easter", "New Year's", "the Fourth of July", "Labor Day", "Memorial Day"):
        for lead in ("by ", "before ", "around ", ""):
            phrases.add(f"{lead}{h}")
    for v in (
        "soon",
        "very soon",
        "shortly",
        "imminently",
        "any day now",
        "in the coming days",
        "in the coming weeks",
        "in the near future",
        "without delay",
        "eventually",
        "in due course",
        "next week",
        "next month",
        "this year",
        "by year-end",
        "Q3",
        "the first half of 2026",
        "the end of the month",
        "this summer",
        "tonight or tomorrow",
    ):
        phrases.add(v)
    out = sorted(phrases)
    random.Random(seed).shuffle(out)
    return out


def time_ledger(phrases):
    import holidays

    # Importing the country's module is not parsing: the holidays package
    # imports it lazily on first use, so do that here with no year loaded.
    # Its tables are still computed inside the timed loop.
    holidays.country_holidays("US", years=[])

    from ledger.deadlines import DeadlineError, dates, parse_deadline

    # No result cache exists; the holiday tables and business-day calendars are
    # cleared so loading them is timed too.
    dates.holiday_table.cache_clear()
    dates.holiday_date.cache_clear()
    dates.business_calendar.cache_clear()
    ok = 0
    start = time.perf_counter()
    for p in phrases:
        try:
            parse_deadline(p, STATED_ON)
            ok += 1
        except DeadlineError:
            pass
    return time.perf_counter() - start, ok


def time_dateparser(phrases):
    import dateparser

    settings = {"RELATIVE_BASE": datetime(2025, 10, 16), "PREFER_DATES_FROM": "future"}
    dateparser.parse("in two weeks", settings=settings)  # load language data before timing
    ok = 0
    start = time.perf_counter()
    for p in phrases:
        ok += dateparser.parse(p, languages=["en"], settings=settings) is not None
    return time.perf_counter() - start, ok


def time_duckling(phrases):
    import duckling

    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    ref = duckling.parse_ref_time(zones, "UTC", int(datetime(2025, 10, 16, 12, tzinfo=UTC).timestamp()))
    context = duckling.Context(ref, duckling.default_locale_lang(duckling.parse_lang("EN")))
    dims = duckling.parse_dimensions(["time", "duration"])
    duckling.parse("in two weeks", context, dims, False)  # warm up
    ok = 0
    start = time.perf_counter()
    for p in phrases:
        ok += bool(duckling.parse(p, context, dims, False))
    return time.perf_counter() - start, ok


def time_batch(rows: int = 1_000_000, distinct: int = 2000, days_spread: int = 30):
    import numpy as np

    from ledger.deadlines import deadline_windows

    rng = np.random.default_rng(0)
    pool = np.array(generate_phrases()[:distinct], dtype=object)
    phrases = pool[rng.integers(0, len(pool), rows)]
    days = np.datetime64("2024-01-01") + rng.integers(0, days_spread, rows)
    start = time.perf_counter()
    deadline_windows(phrases, days.astype("datetime64[D]"))
    mid = time.perf_counter()
    relative_only = phrases[np.isin(phrases, [p for p in pool if _is_relative(p)])]
    rel_start = time.perf_counter()
    deadline_windows(relative_only, days[: len(relative_only)].astype("datetime64[D]"))
    return mid - start, time.perf_counter() - rel_start, len(relative_only)


# A realistic evaluator mix: 25 phrases, 10 of them (40% of rows) calendar forms
# whose window depends on the day said, said over ten years (3,650 distinct days).
REALISTIC_RELATIVE = [
    "two weeks or so",
    "50 days",
    "10 or 12 days",
    "in the coming days",
    "very soon",
    "soon",
    "a few days",
    "within 48 hours",
    "tomorrow",
    "in the near future",
    "eventually",
    "a couple of weeks",
    "two to three weeks",
    "30 days from now",
    "imminently",
]
REALISTIC_CALENDAR = [
    "by Friday",
    "next week",
    "by the end of the month",
    "by May",
    "early August",
    "before Thanksgiving",
    "by Christmas",
    "next Friday",
    "Q3",
    "six months",
]


def realistic_rows(rows: int = 1_000_000, seed: int = 0):
    """(phrases as an object array, stated_on as datetime64[D]) for the realistic mix."""
    import numpy as np

    rng = np.random.default_rng(seed)
    pool = np.array(REALISTIC_RELATIVE + REALISTIC_CALENDAR, dtype=object)
    phrases = pool[rng.integers(0, len(pool), rows)]
    days = (np.datetime64("2015-01-01") + rng.integers(0, 3650, rows)).astype("datetime64[D]")
    return phrases, days


def time_batch_realistic(rows: int = 1_000_000, repeat: int = 3):
    """Best of `repeat` timings of deadline_windows on the realistic mix, per input type."""
    import pandas as pd
    import pyarrow as pa

    from ledger.deadlines import deadline_windows

    phrases, days = realistic_rows(rows)
    inputs = {"object array": phrases}
    try:
        categorical = pd.Categorical(phrases)
        dictionary = pa.array(phrases).dictionary_encode()
        inputs["pandas.Categorical"] = categorical
        inputs["pyarrow dictionary"] = dictionary
        inputs["pyarrow chunked dictionary"] = pa.chunked_array(
            [dictionary.slice(0, rows // 2), dictionary.slice(rows // 2)]
        )
    except TypeError:  # a deadline_windows that takes only strings
        pass
    out = {}
    for name, value in inputs.items():
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            deadline_windows(value, days)
            best = min(best, time.perf_counter() - start)
        out[name] = best
    return out


def _is_relative(phrase: str) -> bool:
    from ledger.deadlines import DEFAULT_POLICY
    from ledger.deadlines.grammar import normalize
    from ledger.deadlines.reader import read_normalized

    try:
        return read_normalized(normalize(phrase), STATED_ON, DEFAULT_POLICY).relative
    except Exception:
        return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="time the slow parsers on 2,000 phrases only")
    parser.add_argument("--no-batch", action="store_true", help="skip the one-million-row batch timing")
    parser.add_argument("--batch-only", action="store_true", help="only the realistic batch timing")
    args = parser.parse_args(argv)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    if args.batch_only:
        for name, seconds in time_batch_realistic().items():
            print(
                f"deadline_windows, realistic mix (25 phrases, 40% calendar, 3,650 days), "
                f"1,000,000 rows, {name}: {seconds:.3f} s"
            )
        return
    phrases = generate_phrases()
    sample = phrases[:2000] if args.quick else phrases
    print(f"{len(phrases)} distinct phrases generated; timing {len(sample)} with each parser, said on {STATED_ON}")
    results = {}
    for name, fn in (
        ("ledger.parse_deadline", time_ledger),
        ("dateparser", time_dateparser),
        ("duckling", time_duckling),
    ):
        try:
            seconds, ok = fn(sample)
        except ImportError as exc:
            print(f"{name:24} skipped ({exc}); pip install -e '.[bench]'")
            continue
        results[name] = len(sample) / seconds
        print(f"{name:24} {seconds:8.3f} s  {results[name]:12,.0f} phrases/s  (gave a result for {ok}/{len(sample)})")
    mine = results.get("ledger.parse_deadline")
    for other in ("dateparser", "duckling"):
        if mine and other in results:
            print(f"ledger is {mine / results[other]:,.1f}x {other}")
    if not args.no_batch:
        for name, seconds in time_batch_realistic().items():
            print(
                f"deadline_windows, realistic mix (25 phrases, 40% calendar, 3,650 days), "
                f"1,000,000 rows, {name}: {seconds:.3f} s"
            )
        mixed, relative, n_rel = time_batch()
        print(f"deadline_windows: 1,000,000 commitments (2,000 distinct phrases, said over 30 days) in {mixed:.3f} s")
        print(f"deadline_windows: {n_rel:,} commitments with relative phrases only in {relative:.3f} s")


if __name__ == "__main__":
    main()
