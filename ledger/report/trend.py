"""The chart of follow-through over time: the on-time rate and the share lapsed, each with its 95% band.

``plot_over_time(rows, ax)`` draws the rows of ``over_time_chart_rows`` (one
group): a solid line with round markers for the share of due deadlines met on
time, a dashed line with square markers for the share lapsed with nothing
recorded, each over its Wilson interval as a light band. Lines, markers and
dashes differ as well as colours, so the chart reads in grey print.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from ledger.core.formats import as_date
from ledger.report.plots import date_axis
from ledger.report.style import STATUS_STYLES

__all__ = ["OVER_TIME_LINES", "plot_over_time"]

#: measure -> (legend words, colour, line style, marker) of each line of the chart.
OVER_TIME_LINES = {
    "kept_rate": ("met on time", STATUS_STYLES["kept"].colour, "-", "o"),
    "lapsed_share": ("lapsed, nothing recorded", STATUS_STYLES["lapsed"].colour, "--", "s"),
}


def plot_over_time(rows: pd.DataFrame, ax, *, max_ticks: int = 10, compact: bool = False):
    """Draw the on-time rate and the share lapsed over time, with their bands; returns the Axes.

    ``rows`` are ``over_time_chart_rows`` of an ungrouped table (or one group's
    rows). ``max_ticks`` limits the date ticks; ``compact`` stacks the legend
    in one column, for a narrow figure.

    >>> import datetime as dt, ledger
    >>> from matplotlib.figure import Figure
    >>> from ledger.verdicts.over_time import follow_through_over_time, over_time_chart_rows
    >>> led = ledger.load("fixtures/russia-ukraine-2025.yaml").ledger
    >>> rows = over_time_chart_rows(follow_through_over_time(led, freq="MS", by=(), end=dt.date(2025, 10, 17)))
    >>> ax = plot_over_time(rows, Figure().add_subplot())
    >>> len(ax.get_lines())
    2
    """
    from matplotlib import dates as mdates
    from matplotlib.patches import Patch
    from matplotlib.ticker import PercentFormatter

    days = sorted({d for d in map(as_date, rows["as_of"]) if d is not None})
    handles = []
    for measure, (words, colour, style, marker) in OVER_TIME_LINES.items():
        part = rows[rows["measure"] == measure].sort_values("as_of", kind="stable")
        x = mdates.date2num([as_date(d) for d in part["as_of"]])
        low, high = part["low"].to_numpy(dtype=float), part["high"].to_numpy(dtype=float)
        ax.fill_between(x, low, high, color=colour, alpha=0.14, linewidth=0)
        (line,) = ax.plot(
            x,
            part["value"].to_numpy(dtype=float),
            color=colour,
            linestyle=style,
            marker=marker,
            markersize=4.5,
            linewidth=1.6,
            label=words,
        )
        handles.append(line)
    handles.append(Patch(color="#888888", alpha=0.3, linewidth=0, label="95% interval"))
    if days:
        pad = max((days[-1] - days[0]).days * 0.03, 5)
        left, right = days[0] - _dt.timedelta(days=pad), days[-1] + _dt.timedelta(days=pad)
        date_axis(ax, left, right, max_ticks)
    ax.set_ylim(-0.03, 1.03)  # markers at 0% and 100% drawn whole
    ax.set_yticks(np.linspace(0, 1, 5))
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylabel("share of deadlines due")
    ax.grid(color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(
        handles=handles,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0, 1.02),
        ncols=1 if compact else 3,
        borderaxespad=0,
        handlelength=2.4,
    )
    return ax
