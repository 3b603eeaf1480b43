"""The follow-through summary table: one list of rows, rendered as HTML, Markdown and terminal text.

``summary_rows`` turns a ``follow_through`` table into ``SummaryRow`` records
whose cells are already written in the house style (``ledger.core.formats``):
counts, the on-time cell with a percentage only from ``SMALL_N`` due on, the
95% interval, the median days late. The report's HTML and Markdown tables
and the terminal table of ``ledger evaluate`` (``summary_text``) are all
renderers of these rows, so the three can never disagree (lifelines'
``StatisticalResult.summary`` feeds its printers the same way).

>>> import datetime as dt, ledger
>>> from ledger.verdicts.stats import follow_through
>>> v = ledger.evaluate(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
>>> rows = summary_rows(follow_through(v, by="actor"), "actor", overall=follow_through(v, by=()))
>>> rows[-1].label, rows[-1].kept, rows[-1].interval
('All', '1 of 6', '3–56%')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pandas as pd

from ledger.core.formats import SMALL_N, percent
from ledger.core.vocabulary import STATUS_WORDS, STATUSES
from ledger.verdicts.stats import group_labels

__all__ = [
    "SUMMARY_COLUMNS",
    "SummaryRow",
    "TERMINAL_COLUMNS",
    "days_cell",
    "kept_cell",
    "summary_rows",
    "summary_text",
]

#: The count columns of the summary table and their headers, in order.
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("n", "said"),
    ("n_due", "due"),
    *((f"n_{s}", STATUS_WORDS[s].label) for s in STATUSES),
)

#: The count columns the terminal always shows. Every other status column is shown as soon as
#: one row counts any, so each row's status columns add up to "said" and its due ones to "due".
TERMINAL_COLUMNS: tuple[str, ...] = ("n", "n_due", "n_kept", "n_late", "n_broken", "n_lapsed", "n_pending")

#: The label of the row for all groups together.
TOTAL_LABEL = "All"


class SummaryRow(NamedTuple):
    """One row of the summary table, every cell written as a reader sees it.

    ``keys`` holds the group's value in each grouping column (the total row:
    ``"All"`` then blanks); ``counts`` maps each column of ``SUMMARY_COLUMNS``
    to its count, in that order.
    """

    keys: tuple[str, ...]
    total: bool
    counts: Mapping[str, int]
    kept: str
    interval: str
    median_days_late: str

    @property
    def label(self) -> str:
        """The group's name in one cell: its keys joined by ' · '."""
        return " · ".join(k for k in self.keys if k)


def kept_cell(row) -> tuple[str, str]:
    """('1 of 9', '2–43%'): counts first; a percentage only from SMALL_N due on ('3 of 22 · 14%').

    >>> kept_cell({"n_due": 22, "n_kept": 3, "kept_rate": 3 / 22, "kept_ci_low": 0.047, "kept_ci_high": 0.333})
    ('3 of 22 · 14%', '5–33%')
    """
    n_due, kept = int(row["n_due"]), int(row["n_kept"])
    if n_due == 0:
        return "–", "–"
    text = f"{kept} of {n_due}"
    if n_due >= SMALL_N:
        text += f" · {percent(row['kept_rate'])}%"
    return text, f"{percent(row['kept_ci_low'])}–{percent(row['kept_ci_high'])}%"


def days_cell(value) -> str:
    """A number of days as written in a table: '4', '2.5', or '–' when there is none.

    >>> days_cell(4.0), days_cell(float("nan"))
    ('4', '–')
    """
    return "–" if pd.isna(value) else f"{float(value):g}"


def _row(keys: tuple[str, ...], row, *, total: bool) -> SummaryRow:
    kept, interval = kept_cell(row)
    return SummaryRow(
        keys=keys,
        total=total,
        counts={column: int(row[column]) for column, _ in SUMMARY_COLUMNS},
        kept=kept,
        interval=interval,
        median_days_late=days_cell(row["median_days_late"]),
    )


def summary_rows(
    table: pd.DataFrame,
    by: str | Sequence[str],
    *,
    overall: pd.DataFrame | None = None,
    order: Sequence[str | tuple[str, ...]] | None = None,
) -> list[SummaryRow]:
    """The rows of a ``follow_through(verdicts, by=by)`` table, then an 'All' row from ``overall``.

    ``order`` lists the groups to show by label (a tuple of labels with
    several ``by`` columns), in order; groups it names that the table lacks
    are skipped. Without it, the table's own order (``follow_through`` sorts
    by key). With ``by`` empty, ``table`` is itself the overall table: one
    'All' row.
    """
    columns = (by,) if isinstance(by, str) else tuple(by)
    if not columns:
        return [_row((TOTAL_LABEL,), r, total=True) for _, r in table.iterrows()]
    labels = [group_labels(table[c]).tolist() for c in columns] if len(table) else [[] for _ in columns]
    position = {keys: i for i, keys in enumerate(zip(*labels))}
    if order is None:
        wanted = list(position)
    else:
        wanted = [(g,) if isinstance(g, str) else tuple(g) for g in order]
    rows = [_row(keys, table.iloc[position[keys]], total=False) for keys in wanted if keys in position]
    if overall is not None:
        blanks = ("",) * (len(columns) - 1)
        rows += [_row((TOTAL_LABEL, *blanks), r, total=True) for _, r in overall.iterrows()]
    return rows


def summary_text(rows: Sequence[SummaryRow], by: str | Sequence[str] = ()) -> str:
    """The rows as a fixed-width table for the terminal: group, counts, kept on time, 95% interval.

    The columns of ``TERMINAL_COLUMNS`` always, and any other status that some row counts.

    >>> row = SummaryRow(("All",), True, {c: 0 for c, _ in SUMMARY_COLUMNS}, "–", "–", "–")
    >>> print(summary_text([row]))
    group  said  due  kept  late  broken  lapsed  pending  kept on time  95% interval
    All    0     0    0     0     0       0       0        –             –
    >>> print(summary_text([row._replace(counts={**row.counts, "n": 1, "n_due": 1, "n_missed": 1})]))
    group  said  due  kept  late  broken  missed  lapsed  pending  kept on time  95% interval
    All    1     1    0     0     0       1       0       0        –             –
    """
    keys = [by] if isinstance(by, str) else list(by) or ["group"]
    headers = dict(SUMMARY_COLUMNS)
    shown = [c for c in headers if c in TERMINAL_COLUMNS or any(row.counts[c] for row in rows)]
    header = [*keys, *(headers[c] for c in shown), "kept on time", "95% interval"]
    cells = [[*row.keys, *(str(row.counts[c]) for c in shown), row.kept, row.interval] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *cells)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in [header, *cells]]
    return "\n".join(lines)
