"""The report's charts as deterministic inline SVG (Agg-free Figure objects, no pyplot state)."""

from __future__ import annotations

from ledger.core.formats import long_date, percent, plural
from ledger.report.style import RC, figure_svg


def timeline_svg(report) -> str:
    """The timeline of every counted commitment, grouped by the report's ``by``."""
    import matplotlib
    from matplotlib.figure import Figure

    from ledger.report.plots import plot_timeline, timeline_height

    verdicts = report.verdicts
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(9.0, max(timeline_height(verdicts, report.by), 2.0)), layout="constrained")
        plot_timeline(verdicts, figure.add_subplot(), by=report.by, as_of=report.as_of, title=None)
        counts = verdicts["status"].astype(str).value_counts()
        statuses = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        return figure_svg(
            figure,
            title=f"Timeline of {plural(len(verdicts), 'commitment')} by {report.by}, as of {long_date(report.as_of)}",
            desc=(
                f"One bar per commitment from the day it was said to its latest due date, grouped by {report.by}. "
                f"Statuses: {statuses or 'none'}. The table of commitments below gives every date shown."
            ),
            prefix="timeline",
        )


def survival_svg(report) -> str:
    """The Kaplan–Meier curve of time to fulfilment with its band; '' when there is nothing to draw."""
    import matplotlib
    from matplotlib.figure import Figure

    from ledger.report.plots import plot_survival

    curve = report.survival
    if curve.empty:
        return ""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(9.0, 3.4), layout="constrained")
        plot_survival(curve, figure.add_subplot(), title=None)
        last = curve.iloc[-1]
        return figure_svg(
            figure,
            title="Share of commitments not yet fulfilled, by days since they were said",
            desc=(
                f"Kaplan–Meier estimate over {int(curve['at_risk'].iloc[0])} commitments; after "
                f"{int(last['day'])} days, {percent(last['survival'])}% not yet fulfilled "
                f"(95% interval {percent(last['ci_low'])}–{percent(last['ci_high'])}%)."
            ),
            prefix="survival",
        )
