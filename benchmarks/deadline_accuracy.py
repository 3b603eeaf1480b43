"""Benchmark: how often the deadline reader is right, on corpora it was not built from.

Prints one table (corpus, reader, n, read %, latest agrees %, silently wrong %) for:

- **real phrases as said** (``tests/data/real_deadline_phrases.csv``): deadline phrases
  from the public record, against a careful reader's latest day;
- **future calendar expressions** (``tests/data/future_calendar_expressions.csv``):
  Duckling's own English corpus, its future day-level expressions, against Duckling's
  expected values;
- **generated calendar phrases**: the corpus of ``tests/deadlines/test_deadlines_differential.py``
  ("on March 3", "next Friday", "in 3 weeks", ...), against dateparser; there "latest
  agrees" is the share where both give the same day and "silently wrong" the share of
  disagreements that no documented convention explains.

The first two corpora are also read by dateparser and by Duckling (when installed:
``pip install -e '.[bench]'``), scored the same way, for comparison. What the columns
count is defined in ``tests/deadline_scoring.py``; the targets are issue 12's (read >= 95%,
latest within a day >= 93% on real phrases, >= 80% on future expressions, nothing silently
wrong). Run from the repository root:

    .venv/bin/python benchmarks/deadline_accuracy.py
    .venv/bin/python benchmarks/deadline_accuracy.py --misses   # also list every miss of ledger's
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import deadline_scoring as ds

DayReader = Callable[[str, dt.date], "dt.date | None"]


def dateparser_reader() -> DayReader | None:
    """dateparser's day for a phrase, preferring the future from the day said; None if not installed."""
    try:
        import dateparser
    except ImportError:
        return None

    del dateparser  # installed: the shared reading below imports it
    return ds.dateparser_day


def _period_end(day: dt.date, grain: str) -> dt.date:
    """The last day of the grain-sized period Duckling's value starts."""
    if grain == "week":
        return day + dt.timedelta(days=6)
    if grain in ("month", "quarter"):
        month = day.month + (2 if grain == "quarter" else 0)
        return dt.date(day.year, month, calendar.monthrange(day.year, month)[1])
    if grain == "year":
        return dt.date(day.year, 12, 31)
    return day


def _duckling_day(value: dict, said: dt.date) -> dt.date | None:
    """The latest day of one Duckling value: a period's end, an interval's last day, or said + a duration."""
    if "normalized" in value:  # a duration
        return said + dt.timedelta(days=math.ceil(value["normalized"]["value"] / 86400))
    if value.get("type") == "interval":
        end = value.get("to")
        if end is None:
            return None  # "after X": open
        moment = dt.datetime.fromisoformat(end["value"])
        # Duckling's interval end is exclusive; at midnight the last day is the one before.
        if moment.time() == dt.time(0, 0):
            return moment.date() - dt.timedelta(days=1)
        return moment.date()
    moment = dt.datetime.fromisoformat(value["value"])
    return _period_end(moment.date(), value.get("grain", "day"))


def duckling_reader() -> DayReader | None:
    """Duckling's latest day for the longest time or duration it finds; None if not installed."""
    try:
        import duckling
    except ImportError:
        return None
    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    lang = duckling.default_locale_lang(duckling.parse_lang("EN"))
    dims = duckling.parse_dimensions(["time", "duration"])

    def read(phrase: str, said: dt.date) -> dt.date | None:
        noon = int(dt.datetime(said.year, said.month, said.day, 12, tzinfo=dt.UTC).timestamp())
        context = duckling.Context(duckling.parse_ref_time(zones, "UTC", noon), lang)
        found = duckling.parse(phrase, context, dims, False)
        if not found:
            return None
        best = max(found, key=lambda x: len(x["body"]))
        return _duckling_day(best["value"], said)

    return read


def score_other(cases: list[ds.Case], reader: DayReader) -> list[ds.Scored]:
    """Score another reader's days the way ledger's are scored (it has no hedged or vague flags)."""
    out = []
    for case in cases:
        try:
            day = reader(case.phrase, case.said_on)
        except Exception as e:  # an outside parser's crash is a miss, not the benchmark's end
            out.append(ds.not_read(case, f"crashed: {type(e).__name__}"))
            continue
        out.append(ds.not_read(case) if day is None else ds.judge(case, day))
    return out


def generated_row() -> ds.Summary:
    """ledger against dateparser on the differential test's generated corpus."""
    from tests.deadlines import test_deadlines_differential as diff

    readings = diff.readings()
    n = len(readings)
    read = sum(r.ledger is not None or r.ledger_error is None for r in readings)
    same = sum(r.ledger is not None and r.ledger == r.other for r in readings)
    unexplained = sum(r.ledger != r.other and diff.explain(r) is None for r in readings)
    return ds.Summary("generated calendar phrases", "ledger/dp", n, n, read, n, same, unexplained)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every case where ledger misses")
    parser.add_argument("--no-others", action="store_true", help="skip dateparser and Duckling")
    args = parser.parse_args(argv)

    corpora = [
        ("real phrases as said", ds.load_real_phrases()),
        ("future calendar expressions", ds.load_future_expressions()),
    ]
    others = {} if args.no_others else {"dateparser": dateparser_reader(), "duckling": duckling_reader()}
    summaries, misses = [], []
    for name, cases in corpora:
        scored = [ds.score(c) for c in cases]
        summaries.append(ds.summarise(name, scored))
        misses.append((name, scored))
        for reader_name, reader in others.items():
            if reader is not None:
                summaries.append(ds.summarise(name, score_other(cases, reader), reader_name))
    if others.get("dateparser") is not None:
        summaries.append(generated_row())
    print(ds.summary_table(summaries))
    print(
        f"\ntargets: read >= {ds.TARGET_READ:.0%}; latest within a day >= {ds.TARGET_REAL_LATEST:.0%} "
        f"(real phrases), >= {ds.TARGET_FUTURE_LATEST:.0%} (future expressions); silently wrong 0"
    )
    if args.misses:
        for name, scored in misses:
            print(f"\n== {name}: ledger's misses")
            print(ds.failure_table(scored, lambda s: s.cause not in ("ok", "refused, as it should be")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
