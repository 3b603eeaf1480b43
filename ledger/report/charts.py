"""The report's charts as deterministic inline SVG, each drawn twice: wide for desktops, narrow for phones.

A chart's SVG scales with the page, so its text shrinks with the screen. Each
chart is therefore laid out for the width it is shown at: the wide one (9
inches, text 10.5 pt) from ``WIDE_FROM_PX`` CSS pixels of screen up, the narrow
one (4 inches, text 11 pt, each row's label above its bar, fewer date ticks)
below. The page's CSS shows one of the two; at the narrowest width each is
shown at, one SVG unit (a point) is at least one CSS pixel, so no text is
smaller than 11 px. Each ``<svg>`` says its smallest text size in
``data-min-text-pt`` (measured from the figure), which the browser tests turn
into CSS pixels.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ledger.core.formats import long_date, percent, plural
from ledger.report.style import RC, figure_svg

__all__ = [
    "CHART_SIZES",
    "MAX_CHART_ROWS",
    "ChartSize",
    "Charts",
    "over_time_charts",
    "survival_charts",
    "timeline_charts",
]

#: From how many CSS pixels of screen the wide charts are shown (the page's CSS uses the same number).
WIDE_FROM_PX = 760

#: A timeline with more commitments than this shows the most-reset chains only, and says what it leaves out.
MAX_CHART_ROWS = 40


class ChartSize(NamedTuple):
    """One layout of the charts: figure width in inches, text size in points, date ticks, labels above bars."""

    name: str
    width: float
    text_pt: float
    max_ticks: int
    compact: bool


#: The two layouts every chart is drawn in.
CHART_SIZES = (ChartSize("wide", 9.0, 10.5, 10, False), ChartSize("narrow", 4.0, 11.0, 5, True))


class Charts(NamedTuple):
    """A chart drawn in each size (``svgs``, in the order of CHART_SIZES), and a note on what it leaves out ('')."""

    svgs: tuple[str, ...]
    note: str


def _rc(size: ChartSize) -> dict:
    return {
        **RC,
        "font.size": size.text_pt,
        "axes.titlesize": size.text_pt,
        "axes.labelsize": size.text_pt,
        "xtick.labelsize": size.text_pt,
        "ytick.labelsize": size.text_pt,
        "legend.fontsize": size.text_pt,
    }


def _min_text_pt(figure) -> float:
    """The smallest font size of any text the figure shows, in points."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return float(min(sizes)) if sizes else 0.0


def _finish(figure, size: ChartSize, *, title: str, desc: str, prefix: str) -> str:
    svg = figure_svg(figure, title=title, desc=desc, prefix=f"{prefix}-{size.name}")
    measured = _min_text_pt(figure)
    return svg.replace(' class="chart"', f' class="chart chart-{size.name}" data-min-text-pt="{measured:g}"', 1)


def short_text(text: str, limit: int) -> str:
    """The first words of ``text`` that fit in ``limit`` characters, with '…' if cut.

    >>> short_text("Reopen the bridge to all traffic", 20)
    'Reopen the bridge…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _labelled(report, compact: bool) -> pd.DataFrame:
    """The verdicts with a 'row_label': the commitment's short text (and its actor unless grouped by actor)."""
    verdicts = report.verdicts
    texts = {c.id: c.text for c in report.ledger.commitments} if report.ledger is not None else {}
    limit = 44 if compact else 38
    labels = []
    for cid, actor, phrase in zip(verdicts["id"], verdicts["actor"], verdicts["deadline"]):
        text = texts.get(cid) or f"“{phrase}”"
        if report.by != "actor":
            text = f"{actor}: {text}"
        labels.append(short_text(text, limit))
    return verdicts.assign(row_label=labels)


def _limited(verdicts: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """At most MAX_CHART_ROWS rows: whole chains, most resets first, then the latest said; and a note on the rest."""
    if len(verdicts) <= MAX_CHART_ROWS:
        return verdicts, ""
    sizes = verdicts.groupby("chain_id")["id"].size()
    first = verdicts.groupby("chain_id")["stated_on"].min()
    ranked = pd.DataFrame({"rows": sizes, "first": first}).sort_values(
        ["rows", "first"], ascending=[False, False], kind="stable"
    )
    kept, total = [], 0
    for chain_id, rows in zip(ranked.index, ranked["rows"]):
        if total + int(rows) <= MAX_CHART_ROWS:
            kept.append(chain_id)
            total += int(rows)
    shown = verdicts[verdicts["chain_id"].isin(kept)]
    left_out = len(verdicts) - len(shown)
    reset_chains = int((ranked.loc[kept, "rows"] > 1).sum())
    note = (
        f"The chart shows {len(shown)} of the {len(verdicts)} commitments: the {plural(reset_chains, 'chain')} "
        f"with the most resets, then the most recently said. The other {plural(left_out, 'commitment')} "
        "are in the list of every commitment below."
    )
    return shown, note


def timeline_charts(report) -> Charts:
    """The timeline of the counted commitments, grouped by the report's ``by``, wide and narrow."""
    import matplotlib
    from matplotlib.figure import Figure

    from ledger.report.plots import plot_timeline, timeline_height

    verdicts, note = _limited(report.verdicts)
    counts = report.verdicts["status"].astype(str).value_counts()
    statuses = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    title = f"Timeline of {plural(len(verdicts), 'commitment')} by {report.by}, as of {long_date(report.as_of)}" + (
        f" ({len(verdicts)} of {len(report.verdicts)} shown)" if note else ""
    )
    desc = (
        f"One bar per commitment from the day it was said to its latest due date, grouped by {report.by}. "
        f"Statuses: {statuses or 'none'}. The list of commitments below gives every date shown."
    )
    svgs = []
    for size in CHART_SIZES:
        with matplotlib.rc_context(_rc(size)):
            height = max(timeline_height(verdicts, report.by, compact=size.compact), 2.0)
            figure = Figure(figsize=(size.width, height), layout="constrained")
            labelled = _labelled(report, size.compact)
            plot_timeline(
                labelled.loc[verdicts.index].copy() if note else labelled,
                figure.add_subplot(),
                by=report.by,
                as_of=report.as_of,
                label="row_label",
                title=None,
                compact=size.compact,
                max_ticks=size.max_ticks,
            )
            svgs.append(_finish(figure, size, title=title, desc=desc, prefix="timeline"))
    return Charts(tuple(svgs), note)


def survival_charts(report) -> Charts:
    """The Kaplan–Meier curve of time to fulfilment with its band, wide and narrow; no SVGs when nothing to draw."""
    import matplotlib
    from matplotlib.figure import Figure

    from ledger.report.plots import plot_survival

    curve = report.survival
    if curve.empty:
        return Charts((), "")
    last = curve.iloc[-1]
    desc = (
        f"Kaplan–Meier estimate over {int(curve['at_risk'].iloc[0])} commitments; after "
        f"{int(last['day'])} days, {percent(last['survival'])}% not yet fulfilled "
        f"(95% interval {percent(last['ci_low'])}–{percent(last['ci_high'])}%)."
    )
    svgs = []
    for size in CHART_SIZES:
        with matplotlib.rc_context(_rc(size)):
            figure = Figure(figsize=(size.width, 3.6 if size.compact else 3.4), layout="constrained")
            plot_survival(curve, figure.add_subplot(), title=None)
            svgs.append(
                _finish(
                    figure,
                    size,
                    title="Share of commitments not yet fulfilled, by days since they were said",
                    desc=desc,
                    prefix="survival",
                )
            )
    return Charts(tuple(svgs), "")


def over_time_charts(report) -> Charts:
    """The on-time rate and the share lapsed over time with their bands, wide and narrow; no SVGs when not drawn."""
    import matplotlib
    from matplotlib.figure import Figure

    from ledger.report.trend import plot_over_time

    over_time = report.over_time
    if not over_time.drawn:
        return Charts((), "")
    rows = over_time.rows
    last = rows[rows["as_of"] == rows["as_of"].max()].set_index("measure")
    dates = over_time.dates
    desc = (
        f"Two lines over a {over_time.step} grid from {long_date(dates[0])} to {long_date(dates[-1])}: the share of "
        f"deadlines due that were met on time and the share that lapsed with nothing recorded, each with its 95% "
        f"interval as a band. As of {long_date(dates[-1])}, of {plural(int(last.at['kept_rate', 'n_due']), 'deadline')}"
        f" due, {percent(last.at['kept_rate', 'value'])}% were met on time and "
        f"{percent(last.at['lapsed_share', 'value'])}% had lapsed. The table under the chart gives every "
        "date's numbers."
    )
    svgs = []
    for size in CHART_SIZES:
        with matplotlib.rc_context(_rc(size)):
            figure = Figure(figsize=(size.width, 3.9 if size.compact else 3.4), layout="constrained")
            plot_over_time(rows, figure.add_subplot(), max_ticks=size.max_ticks, compact=size.compact)
            svgs.append(
                _finish(
                    figure,
                    size,
                    title="Share of deadlines due that were met on time, and that lapsed, as of each date",
                    desc=desc,
                    prefix="over-time",
                )
            )
    return Charts(tuple(svgs), "")
