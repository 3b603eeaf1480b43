"""Charts: the plot functions return Axes; the report's SVG is deterministic and labelled."""

import datetime as dt

import matplotlib
import pytest
from matplotlib.figure import Figure

import ledger
from ledger.report.style import RC, figure_svg


@pytest.fixture(scope="module")
def verdicts():
    return ledger.evaluate(ledger.load("fixtures/russia-ukraine-2025.yaml").ledger, as_of=dt.date(2025, 10, 17))


@pytest.mark.parametrize("by", ["actor", "topic"])
def test_plot_timeline_returns_axes_with_a_row_per_commitment(verdicts, by):
    """One labelled row per commitment plus one header per group, on the Axes given."""
    ax = Figure().add_subplot()
    assert ledger.plot_timeline(verdicts, ax, by=by) is ax
    groups = verdicts[by].fillna("(none)").nunique()
    assert len(ax.get_yticklabels()) == len(verdicts) + groups


def test_plot_timeline_refuses_unknown_column(verdicts):
    """A 'by' that is not a column is a ValueError naming it."""
    with pytest.raises(ValueError, match="nope"):
        ledger.plot_timeline(verdicts, Figure().add_subplot(), by="nope")


def test_plot_survival_from_verdicts_and_from_a_curve(verdicts):
    """Verdicts or a time_to_fulfilment curve both draw; by= gives one line per group."""
    ax = ledger.plot_survival(verdicts, Figure().add_subplot())
    assert ax.get_ylim()[1] >= 1
    curve = ledger.time_to_fulfilment(verdicts, by="topic")
    ax = ledger.plot_survival(curve, Figure().add_subplot(), by="topic")
    assert len([line for line in ax.get_lines() if line.get_linestyle() != "None"]) == curve["topic"].nunique()


def test_plot_without_axes_makes_a_figure(verdicts):
    """With ax=None a new pyplot figure is made (for notebooks)."""
    import matplotlib.pyplot as plt

    ax = ledger.plot_timeline(verdicts)
    try:
        assert ax.figure is not None
    finally:
        plt.close(ax.figure)


def test_svg_is_deterministic_titled_and_dateless(verdicts):
    """Two renders give the same bytes, with <title>, <desc>, role=img and no date metadata."""

    def render():
        with matplotlib.rc_context(RC):
            figure = Figure(figsize=(4, 3))
            ledger.plot_survival(verdicts, figure.add_subplot())
            return figure_svg(figure, title="T <&>", desc="D", prefix="p")

    first = render()
    assert first == render()
    assert first.startswith("<svg") and 'role="img"' in first and '<title id="p-title">T &lt;&amp;&gt;</title>' in first
    assert "<dc:date>" not in first and "Matplotlib v" not in first
