"""The report's three studies of the record, computed once and said in plain text.

- **Follow-through over time**: ``over_time_rows`` gives the rows of the chart of
  the on-time rate and the share lapsed, as of each date of a monthly grid
  (quarterly beyond ``MONTHLY_UP_TO_DAYS``), from ``follow_through_over_time``.
- **What to expect**: ``expectations`` gives, per actor with at least
  ``MIN_RECORD`` deadlines come due, ``expect``'s answer for that actor's most
  common kind of deadline (else the whole record).
- **Agreement**: ``second_coding_agreement`` compares the report's verdicts
  with a second coder's ledger judged the same way.

Every other function turns those values into plain strings for the HTML and
Markdown renderers (which escape them).
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from ledger.core.formats import SMALL_N, as_date, long_date, percent, plural, short_date
from ledger.core.records import Ledger
from ledger.verdicts.agreement import Agreement, agreement_of_verdicts
from ledger.verdicts.evaluate import evaluate
from ledger.verdicts.expect import Expectation, expect
from ledger.verdicts.over_time import follow_through_over_time, over_time_chart_rows
from ledger.verdicts.stats import DUE_STATUSES

__all__ = [
    "MIN_RECORD",
    "MONTHLY_UP_TO_DAYS",
    "OverTime",
    "agreement_rows",
    "disagreement_rows",
    "expectations",
    "over_time_rows",
    "over_time_sentence",
    "over_time_table",
    "second_coding_agreement",
]

#: A grid of month starts for spans up to about three years; quarter starts beyond.
MONTHLY_UP_TO_DAYS = 3 * 366

#: How many deadlines come due an actor needs on record to get a line under "What to expect".
MIN_RECORD = 3

#: At most this many actors are listed under "What to expect" (those with the longest records).
MAX_EXPECTATIONS = 8

_DUE = (*DUE_STATUSES, "partial")  # as expect counts them: a partial delivery came due and was not kept


class OverTime(NamedTuple):
    """The chart rows over time (``over_time_chart_rows``, ungrouped) and the grid's step in words."""

    rows: pd.DataFrame
    step: str  # "monthly", "quarterly", or "" when not computed

    @property
    def dates(self) -> list[_dt.date]:
        """The dates with at least one deadline due, in order."""
        return sorted({d for d in map(as_date, self.rows["as_of"]) if d is not None})

    @property
    def drawn(self) -> bool:
        """Whether there is a line to draw: at least two dates with a deadline due."""
        return len(self.dates) >= 2


def _empty_rows() -> pd.DataFrame:
    return pd.DataFrame(columns=["as_of", "group", "measure", "value", "low", "high", "n_due"])


def over_time_rows(
    ledger: Ledger | None, verdicts: pd.DataFrame, *, partial_counts_as: str, include_vague: bool
) -> OverTime:
    """The on-time rate and share lapsed as of each month (or quarter) from the first statement to the as-of date.

    The grid is monthly for spans up to ``MONTHLY_UP_TO_DAYS``, quarterly beyond;
    the as-of date is always its last date. Without the ledger (a report made from
    verdicts alone) nothing is computed.

    >>> import datetime as dt, ledger
    >>> led = ledger.load("fixtures/examples").ledger
    >>> v = ledger.evaluate(led, as_of=dt.date(2025, 6, 1))
    >>> found = over_time_rows(led, v, partial_counts_as="not_kept", include_vague=True)
    >>> found.step, found.dates[-1]
    ('monthly', datetime.date(2025, 6, 1))
    """
    if ledger is None or not len(verdicts):
        return OverTime(_empty_rows(), "")
    as_of = verdicts.attrs["as_of"]
    first = min(d for d in map(as_date, verdicts["stated_on"]) if d is not None)
    quarterly = (as_of - first).days > MONTHLY_UP_TO_DAYS
    table = follow_through_over_time(
        ledger,
        freq="QS" if quarterly else "MS",
        by=(),
        start=first,
        end=as_of,
        known_as_of=verdicts.attrs.get("known_as_of"),
        policy=verdicts.attrs["policy"],
        include_candidates=bool(verdicts.attrs.get("include_candidates", False)),
        partial_counts_as=partial_counts_as,
        include_vague=include_vague,
    )
    return OverTime(over_time_chart_rows(table), "quarterly" if quarterly else "monthly")


def _counts(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One measure's rows by date, with the count it is a share of (value × n_due, a whole number)."""
    part = rows[rows["measure"] == measure].sort_values("as_of", kind="stable")
    due = part["n_due"].to_numpy(dtype=np.int64)
    return part.assign(k=np.rint(part["value"].to_numpy(dtype=float) * due).astype(np.int64))


def _share_words(k: int, n: int, low: float, high: float) -> str:
    """'3 of 21 (14%; 95% interval 5–35%)', or below SMALL_N due '0 of 2 (95% interval 0–66%)'."""
    if n >= SMALL_N:
        return f"{k} of {n} ({percent(k / n)}%; 95% interval {percent(low)}–{percent(high)}%)"
    return f"{k} of {n} (95% interval {percent(low)}–{percent(high)}%)"


def over_time_sentence(over_time: OverTime) -> str:
    """How the rates moved, from the first date with a deadline due to the last; or why there is no chart.

    >>> over_time_sentence(OverTime(_empty_rows(), "monthly"))
    'No chart over time: fewer than two dates of the grid had any deadline due.'
    """
    if not over_time.drawn:
        return "No chart over time: fewer than two dates of the grid had any deadline due."
    kept, lapsed = _counts(over_time.rows, "kept_rate"), _counts(over_time.rows, "lapsed_share")
    start, end = kept.iloc[0], kept.iloc[-1]
    end_lapsed = lapsed.iloc[-1]
    return (
        f"As of {long_date(start['as_of'])}, the first date of the {over_time.step} grid with a deadline due, "
        f"{start['k']} of {plural(int(start['n_due']), 'deadline')} due had been met on time; as of "
        f"{long_date(end['as_of'])}, {_share_words(int(end['k']), int(end['n_due']), end['low'], end['high'])}"
        " had been met on time, and "
        f"{_share_words(int(end_lapsed['k']), int(end_lapsed['n_due']), end_lapsed['low'], end_lapsed['high'])}"
        " had lapsed with nothing recorded."
    )


def over_time_table(over_time: OverTime) -> list[list[str]]:
    """The chart as table rows: as of, due, met on time, its interval, lapsed, its interval (text cells)."""
    kept, lapsed = _counts(over_time.rows, "kept_rate"), _counts(over_time.rows, "lapsed_share")
    out = []
    for (_, k), (_, g) in zip(kept.iterrows(), lapsed.iterrows()):
        n = int(k["n_due"])
        cells = [short_date(k["as_of"]), str(n)]
        for row in (k, g):
            share = f" ({percent(row['k'] / n)}%)" if n >= SMALL_N else ""
            cells += [f"{int(row['k'])}{share}", f"{percent(row['low'])}–{percent(row['high'])}%"]
        out.append(cells)
    return out


#: The table's header, in the order of ``over_time_table``'s cells.
OVER_TIME_COLUMNS = ("as of", "due", "met on time", "95% interval", "lapsed", "95% interval")


# -- what to expect ----------------------------------------------------------------------------


def _most_common(values: pd.Series):
    """The most frequent value (ties: the smallest), or None for an empty column."""
    counts = values.dropna().value_counts()
    if counts.empty:
        return None
    top = counts[counts == counts.max()].index
    return sorted(top, key=str)[0]


def expectations(verdicts: pd.DataFrame) -> tuple[Expectation, ...]:
    """Per actor with at least MIN_RECORD deadlines come due: ``expect`` for the actor's most common kind.

    The kind is the actor's most common (kind, promised days) among the deadlines
    that came due, if ``expect`` finds at least MIN_RECORD of them on the actor's
    record; else the most common kind alone; else the whole record. Actors with
    the longest records first, at most MAX_EXPECTATIONS.

    >>> import datetime as dt, ledger
    >>> v = ledger.evaluate(ledger.load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 10, 17))
    >>> [(e.actor, e.kind, e.promised_days, e.n) for e in expectations(v)][:2]
    [('Donald Trump', 'duration', 14, 3), ('Vladimir Putin', 'date', None, 3)]
    """
    if not len(verdicts):
        return ()
    due = verdicts[verdicts["status"].astype(object).isin(_DUE).to_numpy(dtype=bool)]
    counts = due["actor"].astype(object).value_counts()
    actors = sorted((a for a, n in counts.items() if n >= MIN_RECORD), key=lambda a: (-counts[a], str(a)))
    out = []
    for actor in actors[:MAX_EXPECTATIONS]:
        mine = due[(due["actor"].astype(object) == actor).to_numpy(dtype=bool)]
        kind = _most_common(mine["kind"].astype(object))
        same_kind = mine[(mine["kind"].astype(object) == kind).to_numpy(dtype=bool)]
        days = _most_common(same_kind["promised_days"].astype(object))
        tries = [(kind, None if days is None else int(days)), (kind, None), (None, None)]
        for kind_tried, days_tried in tries:
            found = expect(verdicts, actor=str(actor), kind=kind_tried, promised_days=days_tried)
            if found.n >= MIN_RECORD or kind_tried is None:
                out.append(found)
                break
    return tuple(out)


#: The methods box's line on the shrinkage behind "What to expect".
SHRINKAGE_NOTE = (
    "Each chance under “What to expect” is the actor’s own on-time record of similar deadlines, shrunk toward "
    "the ledger-wide rate by an empirical-Bayes beta-binomial (a Beta prior fitted to every actor’s record by the "
    "method of moments): the fewer deadlines an actor has on record, the more the estimate leans on the ledger-wide "
    "rate. Each sentence says how much it leans on the actor’s own record (docs/statistics.md works an example)."
)


# -- agreement -----------------------------------------------------------------------------------


def second_coding_agreement(verdicts: pd.DataFrame, second_coding: Ledger) -> Agreement:
    """The report's verdicts (coder A) against ``second_coding`` (coder B) judged as of the same date and rules."""
    if not isinstance(second_coding, Ledger):
        raise TypeError(
            f"'second_coding' must be a Ledger (got {type(second_coding).__name__}); use ledger.load(path).ledger"
        )
    other = evaluate(
        second_coding,
        as_of=verdicts.attrs["as_of"],
        known_as_of=verdicts.attrs.get("known_as_of"),
        policy=verdicts.attrs["policy"],
        include_candidates=bool(verdicts.attrs.get("include_candidates", False)),
    )
    return agreement_of_verdicts(verdicts, other)


def agreement_rows(found: Agreement) -> list[list[str]]:
    """The measures as text cells: what, the statistic, its value, its interval.

    Shares read '10 of 12 (83%)' with their Wilson interval in percent; alpha and
    kappa read '0.42' with their bootstrap interval; F1 has no interval.
    """
    out = []
    for _, row in found.measures.iterrows():
        value, low, high = (float(row[c]) for c in ("value", "ci_low", "ci_high"))
        if pd.isna(row["count"]) or str(row["statistic"]) == "F1":
            shown = "not defined" if np.isnan(value) else f"{value:.2f}"
            interval = "" if np.isnan(low) else f"{low:.2f} to {high:.2f}"
        else:
            n, k = int(row["n"]), int(row["count"])
            shown = f"{k} of {n}" + (f" ({percent(value)}%)" if n else "")
            interval = "" if np.isnan(low) else f"{percent(low)}–{percent(high)}%"
        out.append([str(row["measure"]), str(row["statistic"]), shown, interval])
    return out


#: The header of ``agreement_rows``.
AGREEMENT_COLUMNS = ("what", "statistic", "value", "95% interval")

#: The header of ``disagreement_rows``.
DISAGREEMENT_COLUMNS = ("#", "on", "commitment", "who, said", "coder A", "coder B", "moves an on-time rate by")


def disagreement_rows(found: Agreement) -> list[list[str]]:
    """Every disagreement as text cells, in the order to settle them (the one that moves a rate most first)."""
    out = []
    for rank, row in enumerate(found.disagreements.itertuples(index=False), start=1):
        ids = " / ".join(dict.fromkeys(str(i) for i in (row.id_a, row.id_b) if not pd.isna(i)))
        moves = f"up to {row.moves * 100:.1f} points" if row.moves else "nothing"
        out.append(
            [
                str(rank),
                str(row.kind),
                ids,
                f"{row.actor}, {short_date(row.stated_on)}",
                str(row.reading_a),
                str(row.reading_b),
                moves,
            ]
        )
    return out


def agreement_paragraphs(found: Agreement) -> list[str]:
    """The comparison in plain words (``Agreement.text()``), one string per paragraph."""
    return [p for p in found.text().split("\n\n") if p.strip()]
