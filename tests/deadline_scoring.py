"""Score the deadline reader against readings made without it (shared by tests and benchmarks).

Two corpora, both in ``tests/data``:

- ``real_deadline_phrases.csv``: deadline phrases as they were said, from the public
  record, each with a careful reader's latest on-time day (conventions in
  ``README_real_phrases.md``);
- ``future_calendar_expressions.csv``: the future, day-level calendar expressions of
  Duckling's English time corpus (``Duckling/Time/EN/Corpus.hs`` in facebook/duckling,
  BSD licence), said on its reference day, Tuesday 12 February 2013, with Duckling's own
  expected values turned into a latest day (an instant of a week, month, quarter or year
  is that period; an interval ends the day before its exclusive end).

What counts, for every corpus:

- **read**: the reader gave a window (rows whose careful reading is a refusal are not
  counted here: refusing them is right);
- **agrees**: read, and the day compared is within a day of the expected latest. The day
  compared is ``latest``, or ``due`` for a row marked hedged (the careful reading gives the
  unhedged day and the hedge is the reader's to add). For an instant of a week, month,
  quarter or year, ``latest`` must fall inside that period, a day either side allowed;
- **silently wrong**: read, neither hedged nor vague, and more than a week away from the
  expected latest (or outside the period by more than a week), or read although the careful
  reading is a refusal.

Run ``python tests/deadline_scoring.py`` to print every row that does not agree.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ledger.deadlines import DeadlineError, DueWindow, parse_deadline

DATA = Path(__file__).resolve().parent / "data"
REAL_PHRASES = DATA / "real_deadline_phrases.csv"
FUTURE_EXPRESSIONS = DATA / "future_calendar_expressions.csv"

#: The issue's targets (issue 12, "Targets").
TARGET_READ = 0.95
TARGET_REAL_LATEST = 0.93
TARGET_FUTURE_LATEST = 0.80

#: What the reader has reached (2026-12-01), raised as it improves and never lowered: the tests
#: hold the reader to these, and print the gap to the targets. Where a floor is below its
#: target, issue 12's target is not met.
FLOOR_READ = 0.95
FLOOR_REAL_LATEST = 0.93
FLOOR_FUTURE_LATEST = 0.80

#: A careful reader's kinds; the first three carry an expected latest day.
DATED_KINDS = ("date", "duration", "span")
UNDATED_KINDS = ("vague", "open", "refuse")
#: Grains of the future corpus whose expected value is a whole period.
PERIOD_GRAINS = ("week", "month", "quarter", "year")
#: How far a reading may be from the expected day and still agree, and how far it
#: must be before a reading that says nothing of doubt counts as silently wrong.
TOLERANCE_DAYS = 1
SILENT_DAYS = 7


class Case(NamedTuple):
    """One phrase of a corpus and what a careful reader makes of it."""

    phrase: str
    said_on: dt.date
    expected_latest: dt.date | None
    expected_kind: str
    hedged: bool
    period_start: dt.date | None  # only for an instant of a period (future corpus)
    source: str


class Scored(NamedTuple):
    """What the reader did with one case."""

    case: Case
    window: DueWindow | None
    error: str | None
    read: bool
    agrees: bool | None  # None when the case has no expected day
    silently_wrong: bool
    cause: str  # a short label, to group failures by

    def got(self) -> str:
        """What ledger gives, in one line."""
        if self.window is None:
            return f"refused: {self.error}"
        w = self.window
        flags = "".join(f" {name}" for name, on in (("hedged", w.hedged), ("vague", w.vague)) if on)
        return f"{w.kind} ({w.rule}) due {w.due} latest {w.latest}{flags}"


class Summary(NamedTuple):
    """The shares a corpus is judged on."""

    corpus: str
    reader: str
    n: int
    readable: int  # cases whose careful reading is not a refusal
    read: int
    dated: int  # cases with an expected latest day
    agree: int
    silently_wrong: int

    @property
    def read_share(self) -> float:
        return self.read / self.readable if self.readable else 1.0

    @property
    def agree_share(self) -> float:
        return self.agree / self.dated if self.dated else 1.0

    @property
    def silent_share(self) -> float:
        return self.silently_wrong / self.n if self.n else 0.0


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_real_phrases(path: Path = REAL_PHRASES) -> list[Case]:
    """The real phrases, as cases."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Case(
                phrase=row["phrase"],
                said_on=dt.date.fromisoformat(row["said_on"]),
                expected_latest=_date(row["expected_latest"]),
                expected_kind=row["expected_kind"],
                hedged=row["hedged"] == "1",
                period_start=None,
                source=row["source_url"],
            )
            for row in csv.DictReader(f)
        ]


def load_future_expressions(path: Path = FUTURE_EXPRESSIONS) -> list[Case]:
    """Duckling's future calendar expressions, as cases."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Case(
                phrase=row["phrase"],
                said_on=dt.date.fromisoformat(row["said_on"]),
                expected_latest=dt.date.fromisoformat(row["expected_latest"]),
                expected_kind="span" if row["grain"] in PERIOD_GRAINS else "date",
                hedged=False,
                period_start=dt.date.fromisoformat(row["period_start"]) if row["grain"] in PERIOD_GRAINS else None,
                source=f"duckling:{row['grain']}",
            )
            for row in csv.DictReader(f)
        ]


def _distance(case: Case, day: dt.date) -> int:
    """Days from ``day`` to the expected day, or to the expected period (0 inside it)."""
    if case.expected_latest is None:
        raise ValueError(f"{case.phrase!r} has no expected day to measure from")
    if case.period_start is not None:
        if day < case.period_start:
            return (case.period_start - day).days
        return max(0, (day - case.expected_latest).days)
    return abs((day - case.expected_latest).days)


def score(case: Case) -> Scored:
    """Read one case with ledger and judge the reading."""
    try:
        w = parse_deadline(case.phrase, case.said_on)
    except DeadlineError as e:
        # The message without the phrase it repeats and the hint after it.
        problem = str(e).removeprefix(f"deadline {case.phrase!r} ").split("); ", 1)[0] + ")"
        refused_right = case.expected_kind == "refuse"
        cause = "refused, as it should be" if refused_right else f"refused: {problem}"
        agrees = None if case.expected_latest is None else False
        return Scored(case, None, problem, False, agrees, False, cause)
    if case.expected_latest is None:
        if case.expected_kind == "open" and w.kind != "open":
            return Scored(case, w, None, True, None, False, "a window where no time is named")
        if case.expected_kind == "vague" and not w.vague:
            return Scored(case, w, None, True, None, False, "vague, but not flagged vague")
    return judge(case, w.due if case.hedged else w.latest, w.hedged or w.vague, w)


def judge(case: Case, day: dt.date | None, flagged: bool = False, window: DueWindow | None = None) -> Scored:
    """Judge a reading that gave ``day`` (any reader's: ledger's latest, or another parser's date)."""
    if case.expected_kind == "refuse":
        return Scored(case, window, None, True, None, not flagged, "read a phrase that cannot be dated")
    if case.expected_latest is None:
        return Scored(case, window, None, True, None, False, "ok")
    if day is None:
        return Scored(case, window, None, True, False, False, "open window where a day is named")
    off = _distance(case, day)
    if off <= TOLERANCE_DAYS:
        return Scored(case, window, None, True, True, False, "ok")
    silent = off > SILENT_DAYS and not flagged
    return Scored(case, window, None, True, False, silent, f"read, {off} days from the expected day")


def not_read(case: Case, why: str = "not read") -> Scored:
    """Another reader gave nothing for the case."""
    if case.expected_kind == "refuse":
        return Scored(case, None, why, False, None, False, "refused, as it should be")
    return Scored(case, None, why, False, None if case.expected_latest is None else False, False, why)


def summarise(corpus: str, scored: Iterable[Scored], reader: str = "ledger") -> Summary:
    """The counts behind the shares."""
    rows = list(scored)
    readable = [s for s in rows if s.case.expected_kind != "refuse"]
    dated = [s for s in rows if s.case.expected_latest is not None]
    return Summary(
        corpus=corpus,
        reader=reader,
        n=len(rows),
        readable=len(readable),
        read=sum(s.read for s in readable),
        dated=len(dated),
        agree=sum(bool(s.agrees) for s in dated),
        silently_wrong=sum(s.silently_wrong for s in rows),
    )


def failure_table(scored: Iterable[Scored], keep) -> str:
    """The rows ``keep`` selects, grouped by cause, one line each: phrase, day said, expected, ledger."""
    groups: dict[str, list[Scored]] = {}
    for s in scored:
        if keep(s):
            label = "refused" if s.cause.startswith("refused:") else s.cause
            if label.startswith("read, ") and label.endswith("expected day"):
                label = "read, but more than a day from the expected day"
            groups.setdefault(label, []).append(s)
    lines = []
    for label, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"-- {label} ({len(rows)})")
        for s in rows:
            c = s.case
            expected = c.expected_latest.isoformat() if c.expected_latest else c.expected_kind
            hedge = " (unhedged)" if c.hedged else ""
            lines.append(f"   {c.phrase!r} said {c.said_on}: expected {expected}{hedge}; ledger: {s.got()}")
    return "\n".join(lines)


def summary_table(summaries: Iterable[Summary]) -> str:
    """The benchmark's table: corpus, reader, n, read %, latest agrees %, silently wrong %."""
    head = f"{'corpus':<36} {'reader':<11} {'n':>5} {'read %':>7} {'latest agrees %':>16} {'silently wrong %':>17}"
    lines = [head, "-" * len(head)]
    for s in summaries:
        lines.append(
            f"{s.corpus:<36} {s.reader:<11} {s.n:>5} {100 * s.read_share:>7.1f} {100 * s.agree_share:>16.1f} "
            f"{100 * s.silent_share:>17.1f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    for name, cases in (("real phrases", load_real_phrases()), ("future expressions", load_future_expressions())):
        scored = [score(c) for c in cases]
        print(summary_table([summarise(name, scored)]))
        print(failure_table(scored, lambda s: s.cause not in ("ok", "refused, as it should be")))
        print()


def dateparser_day(phrase: str, said: dt.date) -> dt.date | None:
    """dateparser's reading of the phrase as a calendar day, preferring the future from the day said.

    The one setting of the independent reader, shared by the differential test and the benchmark.
    """
    import dateparser  # test extra only: the independent reader

    settings = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": dt.datetime.combine(said, dt.time()),
        "DATE_ORDER": "MDY",
    }
    got = dateparser.parse(phrase, languages=["en"], settings=settings)
    return got.date() if got else None
