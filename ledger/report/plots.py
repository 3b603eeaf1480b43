"""Charts of verdicts for people who compose their own figures.

``plot_timeline`` draws one bar per commitment, from the day it was said to
its latest due date, grouped by actor (or any column); ``plot_survival``
draws the time-to-fulfilment curve with its interval band and censoring
marks. Both return the matplotlib ``Axes`` they drew on. Statuses keep the
same colours, markers and hatches everywhere (``ledger._report_style``), so a
chart stays readable printed in grey.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple, cast

import numpy as np
import pandas as pd

from ledger.core.formats import as_date, month_abbr, short_date
from ledger.core.vocabulary import STATUSES
from ledger.report.style import STATUS_STYLES
from ledger.verdicts.stats import group_labels

__all__ = ["plot_survival", "plot_timeline"]

_ROW_INCHES = 0.26
_COMPACT_ROW = 1.8  # a compact row: its label line, then its bar
_LEFT_MARGIN_DAYS = 45  # how far before the first due date the time axis starts


def _new_axes(width: float, height: float):
    import matplotlib.pyplot as plt  # only when the caller gave no Axes

    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def timeline_height(verdicts: pd.DataFrame, by: str = "actor", *, compact: bool = False) -> float:
    """The figure height in inches that gives every row of a timeline room (``compact``: a label line above each bar).

    >>> round(timeline_height(pd.DataFrame({"actor": ["a", "b", "b"]})), 3)  # 3 rows, 2 group headers
    2.704
    """
    groups = group_labels(verdicts[by]).nunique() if len(verdicts) else 0
    rows = len(verdicts)
    extra = 0.5 if rows > TOP_AXIS_ROWS else 0.0  # the date axis repeated at the top
    if compact:
        return 1.6 + extra + _ROW_INCHES * (_COMPACT_ROW * rows + 1.6 * groups)
    return 1.3 + extra + _ROW_INCHES * (rows + 1.2 * groups)


def _ordered_rows(verdicts: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rows grouped (largest group first), chains kept together in order."""
    rows = verdicts.copy()
    rows["_group"] = group_labels(rows[by])
    rows["_size"] = rows.groupby("_group")["id"].transform("size")
    rows["_chain_start"] = rows.groupby("chain_id")["stated_on"].transform("min")
    return rows.sort_values(
        ["_size", "_group", "_chain_start", "chain_id", "chain_position"],
        ascending=[False, True, True, True, True],
        kind="stable",
    ).reset_index(drop=True)


#: Tick steps in months the date axis may use, finest first.
_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)


def tick_step(left: _dt.date, right: _dt.date, max_ticks: int) -> int:
    """The finest step in months whose ticks between ``left`` and ``right`` number at most ``max_ticks``.

    >>> tick_step(_dt.date(2025, 1, 1), _dt.date(2025, 12, 1), 12)
    1
    >>> tick_step(_dt.date(2023, 5, 1), _dt.date(2025, 11, 1), 6)
    6
    """
    months = (right.year - left.year) * 12 + right.month - left.month + 1
    for step in _MONTH_STEPS:
        if months / step <= max(max_ticks, 1):
            return step
    return _MONTH_STEPS[-1]


def date_axis(ax, left: _dt.date, right: _dt.date, max_ticks: int) -> None:
    """Month, quarter or year ticks, as many as the axis has room for (``max_ticks``), so labels never collide."""
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    ax.set_xlim(mdates.date2num(left), mdates.date2num(right))
    step = tick_step(left, right, max_ticks)
    if step >= 12:
        ax.xaxis.set_major_locator(mdates.YearLocator(step // 12))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)))

    def label(value, pos):
        day = mdates.num2date(value).date()
        if step >= 12:
            return str(day.year)
        first = value - step * 30.4 < ax.get_xlim()[0]  # no tick before it on the axis
        return f"{month_abbr(day.month)}\n{day.year}" if day.month <= step or first else month_abbr(day.month)

    ax.xaxis.set_major_formatter(FuncFormatter(label))  # English month names, whatever the locale


def plot_timeline(
    verdicts: pd.DataFrame,
    ax=None,
    *,
    by: str = "actor",
    as_of: _dt.date | None = None,
    label: str = "deadline",
    title: str | None = "Each commitment, from the day it was said to its latest due date",
    legend: bool = True,
    compact: bool = False,
    max_ticks: int = 10,
):
    """One bar per commitment from the day it was said to its latest due date.

    Bars are grouped by ``by`` (largest group first) and coloured and hatched
    by status; a marker shows where it resolved (kept, late, partial,
    broken, withdrawn, a checked miss, or the day it was reset). A dotted line runs on from
    the latest due date while nothing happened (lapsed, or until a late
    delivery). Resets of one chain sit on adjacent rows joined by an arrow,
    so "two more weeks" shows at a glance. Rows are labelled with the
    ``label`` column (the deadline as said, by default). ``compact`` puts each
    label above its bar, for a narrow figure; the date axis shows at most
    ``max_ticks`` ticks (months, quarters or years), and a tall chart repeats
    it at the top. Returns the Axes.

    >>> import datetime as dt, ledger
    >>> v = ledger.evaluate(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> ax = ledger.plot_timeline(v)
    >>> len(ax.get_yticklabels()) >= len(v)
    True
    """
    if by not in verdicts.columns:
        raise ValueError(f"'by' must be a column of the verdicts (got {by!r}; columns: {', '.join(verdicts.columns)})")
    if label not in verdicts.columns:
        raise ValueError(f"'label' must be a column of the verdicts (got {label!r})")
    as_of = as_of or verdicts.attrs.get("as_of")
    if as_of is None:
        raise ValueError("'as_of' is needed: pass it, or give verdicts from ledger.evaluate (they carry it in attrs)")
    if ax is None:
        ax = _new_axes(9.5, timeline_height(verdicts, by, compact=compact))
    rows = _ordered_rows(verdicts, by)
    if rows.empty:
        ax.text(
            0.5,
            0.5,
            f"No commitment had been stated by {short_date(as_of)}",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return ax
    days = _RowDays.of(rows)
    left, right = _time_range(days, as_of)
    layout = _row_layout(rows, label, compact=compact)
    id_to_row = {rows.at[i, "id"]: i for i in rows.index}
    for index in rows.index:
        _draw_row(ax, rows, index, days, layout, id_to_row, left=left, as_of=as_of)
    top_axis = len(rows) > TOP_AXIS_ROWS
    _finish_timeline_axes(ax, layout, left=left, right=right, as_of=as_of, title=title, max_ticks=max_ticks)
    if top_axis:
        ax.tick_params(axis="x", top=True, labeltop=True)
    if legend:
        _timeline_legend(ax, rows, title=title, columns=2 if compact else 3, above_ticks=top_axis)
    return ax


_BAR_HEIGHT = 0.56
#: From how many rows a timeline repeats its date axis at the top.
TOP_AXIS_ROWS = 24


def _tint(colour: str, share: float) -> str:
    """An opaque colour ``share`` of the way from white to ``colour`` ('#rrggbb').

    Opaque, because an SVG hatch pattern drops the alpha of its background, which
    would then hide the hatch lines drawn in the same colour.

    >>> _tint("#000000", 0.25)
    '#bfbfbf'
    """
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)


class _RowDays(NamedTuple):
    """Each row's dates as ``datetime.date`` (None where missing), by row position."""

    stated: list[_dt.date]
    latest: list[_dt.date | None]
    due: list[_dt.date | None]
    resolved: list[_dt.date | None]

    @classmethod
    def of(cls, rows: pd.DataFrame) -> _RowDays:
        return cls(
            # every commitment has the day it was said, so none of these is None
            stated=cast("list[_dt.date]", [as_date(d) for d in rows["stated_on"]]),
            latest=[as_date(d) for d in rows["latest"]],
            due=[as_date(d) for d in rows["due"]],
            resolved=[as_date(d) for d in rows["resolved_on"]],
        )


def _time_range(days: _RowDays, as_of: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The first and last day the time axis shows: from a month before the first due date to past as_of."""
    known_due = [d for d in days.due if d is not None]
    first = min(days.stated)
    left = max(first, (min(known_due) if known_due else first) - _dt.timedelta(days=_LEFT_MARGIN_DAYS))
    left = left.replace(day=1)
    ends = [as_of, *(d for d in days.latest if d), *(d for d in days.resolved if d)]
    return left, max(ends) + _dt.timedelta(days=12)


class _Layout(NamedTuple):
    """Where each row sits: its y, the label positions and texts, which head a group, the bottom, compact or not."""

    y_of_row: dict[int, float]
    ticks: list[float]
    tick_labels: list[str]
    header_ticks: set[int]
    bottom: float
    compact: bool = False


def _row_layout(rows: pd.DataFrame, label: str, *, compact: bool = False) -> _Layout:
    """A header slot per group, then its rows, with a gap after each group; compact rows leave a label line."""
    y_of_row: dict[int, float] = {}
    ticks: list[float] = []
    tick_labels: list[str] = []
    header_ticks: set[int] = set()
    y = 0.0
    for group, members in rows.groupby("_group", sort=False):
        ticks.append(y)
        tick_labels.append(str(group))
        header_ticks.add(len(ticks) - 1)
        y += 1.0
        for index in members.index:
            if compact:
                # The label sits just above its own bar, with the gap before the previous bar: it reads as the
                # bar's title, not the caption of the bar above.
                bar = y + _COMPACT_ROW - 0.6
                ticks.append(bar - _BAR_HEIGHT / 2 - 0.08)  # the label's baseline
                y_of_row[index] = bar
                y += _COMPACT_ROW
            else:
                y_of_row[index] = y
                ticks.append(y)
                y += 1.0
            text = rows.at[index, label]
            tick_labels.append(f"“{text}”" if label == "deadline" else str(text))
        y += 0.6 if compact else 0.35
    return _Layout(y_of_row, ticks, tick_labels, header_ticks, y, compact)


def _draw_row(
    ax, rows: pd.DataFrame, index: int, days: _RowDays, layout: _Layout, id_to_row: dict, *, left, as_of
) -> None:
    """One commitment: its bar, a 'said' note if clipped, the dotted wait, its end marker, the arrow to its reset."""
    from matplotlib import dates as mdates

    num = mdates.date2num
    status = str(rows.at[index, "status"])
    style = STATUS_STYLES[status]
    ypos = layout.y_of_row[index]
    start, end, resolved = days.stated[index], days.latest[index], days.resolved[index]
    bar_start = max(start, left)
    open_ended = end is None
    bar_end = as_of if end is None else end
    ax.barh(
        ypos,
        max(num(bar_end) - num(bar_start) + 1, 1.0),
        left=num(bar_start),
        height=_BAR_HEIGHT,
        color=_tint(style.colour, 0.25),
        edgecolor=style.colour,
        linewidth=0.8,
        hatch=style.hatch or None,
        linestyle="--" if open_ended else "-",
        zorder=2,
    )
    if start < left:
        ax.annotate(
            f"said {short_date(start)}",
            (num(left), ypos),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            color="#222222",
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            zorder=7,
        )
    # after the latest due date: dotted while nothing happened
    end_of_wait = None
    if status == "lapsed":
        end_of_wait = as_of
    elif status in ("late", "partial", "broken", "withdrawn", "missed") and end and resolved and resolved > end:
        end_of_wait = resolved
    if end_of_wait is not None and end is not None and end_of_wait > end:
        ax.plot(
            [num(end) + 1, num(end_of_wait)],
            [ypos, ypos],
            linestyle=(0, (1, 2)),
            color=style.colour,
            linewidth=1.1,
            zorder=2,
        )
    mark_day = {"lapsed": end, "pending": as_of, "unreadable": as_of}.get(status, resolved)
    if mark_day is not None:
        ax.plot(
            [num(mark_day) + (1 if status == "lapsed" else 0.5)],
            [ypos],
            marker=style.marker,
            fillstyle=style.fill,
            markersize=7 if style.marker != "|" else 10,
            color=style.colour,
            markeredgecolor="#222222" if style.marker != "|" else style.colour,
            markeredgewidth=0.7 if style.marker != "|" else 2.0,
            linestyle="none",
            zorder=5,
        )
    successor = rows.at[index, "superseded_by"]
    if status == "superseded" and isinstance(successor, str) and successor in id_to_row and resolved:
        _reset_arrow(ax, num(resolved) + 0.5, ypos, layout.y_of_row[id_to_row[successor]])


def _reset_arrow(ax, x: float, y_from: float, y_to: float) -> None:
    """An arrow from a reset deadline's row down to the row of its restatement, on the day it was reset."""
    ax.annotate(
        "",
        xy=(x, y_to - _BAR_HEIGHT / 2),
        xytext=(x, y_from + 0.18),
        arrowprops={
            "arrowstyle": "-|>",
            "color": "#333333",
            "linewidth": 0.9,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 7,
        },
        zorder=6,
    )


def _finish_timeline_axes(ax, layout: _Layout, *, left, right, as_of, title: str | None, max_ticks: int) -> None:
    """The as-of line, group headers in bold, row labels (beside or, compact, above the bars), the date axis, grid."""
    from matplotlib import dates as mdates
    from matplotlib.transforms import blended_transform_factory

    num = mdates.date2num
    ax.axvline(num(as_of) + 1, color="#111111", linewidth=0.9, zorder=3)
    ax.annotate(
        f"as of {short_date(as_of)}",
        (num(as_of) + 1, 0),
        xytext=(-3, 0),
        textcoords="offset points",
        rotation=0,
        ha="right",
        va="center",
        color="#111111",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
        zorder=7,
    )
    ax.set_ylim(layout.bottom - 0.35, -0.8)
    if layout.compact:
        ax.set_yticks([])
        at_left = blended_transform_factory(ax.transAxes, ax.transData)
        for i, (y, text) in enumerate(zip(layout.ticks, layout.tick_labels)):
            header = i in layout.header_ticks
            ax.text(
                0.0,
                y,
                text,
                transform=at_left,
                ha="left",
                va="center" if header else "bottom",
                fontweight="bold" if header else "normal",
                color="#111111" if header else "#333333",
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
                clip_on=False,
                zorder=5.5,  # over the as-of line and the grid, under a reset's arrow
            )
    else:
        ax.set_yticks(layout.ticks, layout.tick_labels)
        for i, tick in enumerate(ax.get_yticklabels()):
            if i in layout.header_ticks:
                tick.set_fontweight("bold")
            else:
                tick.set_color("#333333")
    ax.tick_params(axis="y", length=0)
    for i in layout.header_ticks:
        ax.axhline(layout.ticks[i] + 0.5, color="#bbbbbb", linewidth=0.5, zorder=1)
    date_axis(ax, left, right, max_ticks)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, loc="left")


def _timeline_legend(ax, rows: pd.DataFrame, *, title: str | None, columns: int, above_ticks: bool) -> None:
    """One legend entry per status present: its bar and its marker side by side, above the chart."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = [s for s in STATUSES if s in set(rows["status"].astype(str))]
    handles = []
    for status in present:
        style = STATUS_STYLES[status]
        handles.append(
            (
                Patch(facecolor=_tint(style.colour, 0.25), edgecolor=style.colour, hatch=style.hatch or None),
                Line2D(
                    [],
                    [],
                    marker=style.marker,
                    fillstyle=style.fill,
                    color=style.colour,
                    markeredgecolor="#222222" if style.marker != "|" else style.colour,
                    linestyle="none",
                    markersize=7 if style.marker != "|" else 9,
                    markeredgewidth=0.7 if style.marker != "|" else 2.0,
                ),
            )
        )
    ax.legend(
        handles,
        [STATUS_STYLES[s].label for s in present],
        handler_map={tuple: HandlerTuple(ndivide=None)},
        loc="lower left",
        bbox_to_anchor=(0, 1.0 if not title else 1.01),
        ncol=max(1, min(len(present), columns)),
        frameon=False,
        handlelength=3.2,
        columnspacing=1.2,
        borderaxespad=3.0 if above_ticks else 0.2,  # in font sizes: room for the date labels repeated on top
    )


def _axis_cut(days: np.ndarray) -> float | None:
    """Where to cut the day axis when one lone day lies far beyond the rest (a 2023 pledge among 2025 ones)."""
    if len(days) < 3 or days[-2] <= 0 or days[-1] <= 1.5 * days[-2]:
        return None
    return float(np.ceil(days[-2] * 1.1 / 10) * 10)


def plot_survival(
    data: pd.DataFrame,
    ax=None,
    *,
    by: str | None = None,
    title: str | None = "Share of commitments not yet fulfilled, by days since they were said",
):
    """The Kaplan–Meier share not yet fulfilled, with its 95% band and censoring marks.

    ``data`` is either verdicts (the curve is computed with
    ``time_to_fulfilment``) or a curve from ``time_to_fulfilment``. With
    ``by`` (a column of the verdicts), one curve per group, told apart by
    line style as well as colour. A tick on the curve marks each day on
    which commitments were censored: still open at the as-of date, or reset
    (see docs/statistics.md). Returns the Axes.

    >>> import datetime as dt, ledger
    >>> v = ledger.evaluate(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    >>> ax = ledger.plot_survival(v)
    >>> bool(ax.get_ylim()[1] >= 1)
    True
    """
    curve, key = _survival_curve(data, by)
    if ax is None:
        ax = _new_axes(7.0, 3.6)
    groups = list(dict.fromkeys(curve[key])) if key and key in curve.columns and len(curve) else [None]
    most: float = 1
    for i, group in enumerate(groups):
        part = curve if group is None else curve[curve[key] == group]
        if not part.empty:
            most = max(most, _draw_survival(ax, part, i, group, single=len(groups) == 1))
    _finish_survival_axes(ax, curve, most, title=title)
    return ax


# The columns of a time_to_fulfilment curve that are not grouping keys.
_CURVE_COLUMNS = frozenset(
    ("day", "at_risk", "fulfilled", "ended", "censored", "survival", "ci_low", "ci_high", "cif_fulfilled", "cif_ended")
)
_CURVE_STYLES = ["-", "--", ":", "-."]
_CURVE_COLOURS = ["#222222", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]


def _survival_curve(data: pd.DataFrame, by: str | None) -> tuple[pd.DataFrame, str | None]:
    """The curve to draw and its grouping column: ``data`` itself if it is a curve, else computed from verdicts."""
    from ledger.verdicts.stats import time_to_fulfilment

    if "survival" in data.columns:
        groups_from = [c for c in data.columns if c not in _CURVE_COLUMNS]
        return data, by or (groups_from[0] if groups_from else None)
    return time_to_fulfilment(data, by=(by,) if by else ()), by or "group"


def _draw_survival(ax, part: pd.DataFrame, i: int, group, *, single: bool) -> float:
    """One group's band, step curve and censoring ticks; returns its last day."""
    days = np.concatenate([[0], part["day"].to_numpy(dtype=float)])
    surv = np.concatenate([[1.0], part["survival"].to_numpy(dtype=float)])
    low = np.concatenate([[1.0], part["ci_low"].to_numpy(dtype=float)])
    high = np.concatenate([[1.0], part["ci_high"].to_numpy(dtype=float)])
    colour, style = _CURVE_COLOURS[i % len(_CURVE_COLOURS)], _CURVE_STYLES[i % len(_CURVE_STYLES)]
    name = "all commitments" if group in (None, "all") else str(group)
    ax.fill_between(
        days,
        low,
        high,
        step="post",
        color=colour,
        alpha=0.13,
        linewidth=0,
        label=f"95% interval ({name})" if single else None,
    )
    ax.step(days, surv, where="post", color=colour, linestyle=style, linewidth=1.6, label=name)
    censored = part["censored"].to_numpy() > 0
    ax.plot(
        part["day"].to_numpy(dtype=float)[censored],
        part["survival"].to_numpy(dtype=float)[censored],
        marker="|",
        markersize=9,
        markeredgewidth=1.2,
        color=colour,
        linestyle="none",
        label="censored: still open, or reset" if i == 0 else None,
    )
    return float(days.max())


def _finish_survival_axes(ax, curve: pd.DataFrame, most: float, *, title: str | None) -> None:
    """Limits (cut when one day lies far out), percent ticks, labels, grid, title and legend."""
    from matplotlib.ticker import PercentFormatter

    ax.set_ylim(0, 1.04)
    days_seen = np.unique(curve["day"].to_numpy(dtype=float)) if len(curve) else np.array([0.0])
    cut = _axis_cut(days_seen)
    if cut is not None:
        beyond = int((curve["day"] > cut).sum())
        ax.set_xlim(0, cut)
        ax.annotate(
            f"axis cut at day {cut:g}: {beyond} later day{'s' if beyond != 1 else ''} (to day {most:g}) not shown",
            (1, 1),
            xycoords="axes fraction",
            xytext=(-2, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            color="#444444",
        )
    else:
        ax.set_xlim(0, most * 1.02 + 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("days since the commitment was said")
    ax.set_ylabel("not yet fulfilled")
    ax.grid(color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, loc="left")
    ax.legend(frameon=False, loc="lower left")
