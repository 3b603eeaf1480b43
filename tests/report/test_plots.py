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


def _big_ledger(n_chains: int, resets_every: int = 5):
    """n_chains chains over three years, every resets_every-th one reset twice; text 'Promise number i'."""
    from ledger import Commitment, Event, Ledger, Source

    src = (Source(url="https://example.org/s"),)
    commitments, events = [], []
    for i in range(n_chains):
        said = dt.date(2023, 1, 2) + dt.timedelta(days=7 * i)
        commitments.append(
            Commitment(
                id=f"c{i}",
                actor=f"Actor {i % 4}",
                stated_on=said,
                text=f"Promise number {i}",
                deadline="in two weeks",
                sources=src,
            )
        )
        if i % 3 == 0:
            events.append(Event(commitment_id=f"c{i}", type="fulfilled", on=said + dt.timedelta(days=10), sources=src))
        if i % resets_every == 0:
            for k in (1, 2):
                commitments.append(
                    Commitment(
                        id=f"c{i}r{k}",
                        actor=f"Actor {i % 4}",
                        stated_on=said + dt.timedelta(days=k),
                        text=f"Promise number {i}, again",
                        deadline="in two weeks",
                        sources=src,
                        supersedes=f"c{i}" if k == 1 else f"c{i}r1",
                    )
                )
    return Ledger(commitments, events)


@pytest.mark.parametrize(
    ("left", "right", "room", "step"),
    [
        (dt.date(2025, 1, 1), dt.date(2025, 10, 1), 10, 1),
        (dt.date(2025, 1, 1), dt.date(2025, 10, 1), 5, 2),
        (dt.date(2023, 5, 1), dt.date(2025, 11, 1), 10, 6),
        (dt.date(2023, 5, 1), dt.date(2025, 11, 1), 5, 12),
        (dt.date(2005, 1, 1), dt.date(2024, 6, 1), 10, 24),
        (dt.date(1990, 1, 1), dt.date(2025, 1, 1), 10, 60),
    ],
)
def test_tick_step_adapts_to_the_span_and_the_room(left, right, room, step):
    """Months for a short span, quarters, half-years or years for longer ones, never more ticks than room."""
    from ledger.report.plots import tick_step

    assert tick_step(left, right, room) == step


@pytest.mark.parametrize("compact", [False, True])
def test_date_labels_never_collide_on_a_multi_year_ledger(compact):
    """On a three-year ledger, the drawn date labels (bottom and top) do not overlap; rows carry the commitment text."""
    from ledger.report.charts import CHART_SIZES, _rc

    size = CHART_SIZES[1 if compact else 0]
    led = _big_ledger(30)
    v = ledger.evaluate(led, as_of=dt.date(2025, 12, 1))
    with matplotlib.rc_context(_rc(size)):
        figure = Figure(figsize=(size.width, 12), layout="constrained")
        ax = ledger.plot_timeline(
            v.assign(row_label=v["id"].map({c.id: c.text for c in led.commitments})),
            figure.add_subplot(),
            label="row_label",
            compact=compact,
            max_ticks=size.max_ticks,
        )
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        ticks = ax.xaxis.get_major_ticks()
        for labels in ([t.label1 for t in ticks], [t.label2 for t in ticks]):
            left, right = ax.get_xlim()
            shown = [t for t in labels if t.get_visible() and t.get_text() and left <= t.get_position()[0] <= right]
            boxes = [t.get_window_extent(renderer) for t in shown]
            assert len(boxes) >= 3
            boxes.sort(key=lambda b: b.x0)
            assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:])), "date labels overlap"
        texts = {t.get_text() for t in figure.findobj(matplotlib.text.Text)}
        assert "Promise number 3" in texts


def test_hatching_shows_in_svg_and_png():
    """Hatch lines differ in colour from their background (SVG); a hatched bar is not one colour (PNG)."""
    import io
    import re

    import numpy as np

    from ledger.report.plots import _tint

    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(3, 1))
        ax = figure.add_subplot()
        ax.barh(0, 1, color=_tint("#5A3D8A", 0.25), edgecolor="#5A3D8A", hatch="///")
        ax.set_axis_off()
        svg = figure_svg(figure, title="t", desc="d", prefix="h")
        patterns = re.findall(r"<pattern.*?</pattern>", svg, re.S)
        assert patterns
        for pattern in patterns:
            background = re.search(r'<rect[^>]*fill="([^"]+)"', pattern).group(1)
            lines = re.search(r"stroke: ?(#[0-9a-fA-F]{6})", pattern).group(1)
            assert background.lower() != lines.lower()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=100)
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))
    middle = pixels[
        pixels.shape[0] // 2 - 10 : pixels.shape[0] // 2 + 10, pixels.shape[1] // 2 - 20 : pixels.shape[1] // 2 + 20
    ]
    assert len({tuple(p) for p in middle.reshape(-1, 3)}) > 2


def test_a_large_ledger_is_charted_by_its_most_reset_chains_with_a_note():
    """Over MAX_CHART_ROWS commitments, the chart keeps whole chains, most resets first, and says what it leaves out."""
    from ledger.report.charts import MAX_CHART_ROWS, timeline_charts

    led = _big_ledger(60)
    report = ledger.build_report(led, as_of=dt.date(2025, 12, 1))
    charts = timeline_charts(report)
    assert len(report.verdicts) > MAX_CHART_ROWS
    left_out = len(report.verdicts) - MAX_CHART_ROWS
    assert f"The other {left_out} commitments are in the list" in charts.note
    assert "chains with the most resets" in charts.note
    for svg in charts.svgs:
        assert f"({MAX_CHART_ROWS} of {len(report.verdicts)} shown)" in svg
    page = report.to_html()
    assert charts.note in page.replace("&#x27;", "'")


def test_each_chart_says_its_smallest_text_and_it_is_the_size_of_its_layout():
    """The wide charts' smallest text is 10.5 pt, the narrow ones' 11 pt (the browser tests turn these into CSS px)."""
    import re

    report = ledger.build_report(ledger.load("fixtures/examples").ledger, as_of=dt.date(2025, 6, 1))
    page = report.to_html()
    sizes = re.findall(r'class="chart chart-(\w+)" data-min-text-pt="([\d.]+)"', page)
    # the timeline, the survival curve and follow-through over time, each wide and narrow
    assert sorted(sizes) == [("narrow", "11")] * 3 + [("wide", "10.5")] * 3
