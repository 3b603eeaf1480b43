"""The report's studies of the record: follow-through over time, what to expect, agreement with a second coding."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import html5lib
import pytest
from helpers import load_doc
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import build_report, evaluate, load, summarize
from ledger.cli import main
from ledger.core.formats import percent
from ledger.report.studies import MIN_RECORD, MONTHLY_UP_TO_DAYS, over_time_rows, over_time_table
from ledger.verdicts.agreement import agreement
from ledger.verdicts.expect import expect
from ledger.verdicts.stats import follow_through

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "fixtures" / "russia-ukraine-2025.yaml"
CODER_A = ROOT / "fixtures" / "agreement" / "coder-a.yaml"
CODER_B = ROOT / "fixtures" / "agreement" / "coder-b.yaml"
AS_OF = dt.date(2025, 10, 17)
AGREE_AS_OF = dt.date(2025, 12, 19)


def _strict(page: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


@pytest.fixture(scope="module")
def main_report():
    report = build_report(load(MAIN).ledger, as_of=AS_OF)
    return report, report.to_html(), report.to_markdown()


@pytest.fixture(scope="module")
def agreed():
    a, b = load(CODER_A).ledger, load(CODER_B).ledger
    report = build_report(a, as_of=AGREE_AS_OF, second_coding=b)
    return a, b, report, report.to_html(), report.to_markdown()


# -- follow-through over time ----------------------------------------------------------------------


def test_over_time_rows_equal_evaluating_at_each_date(main_report):
    """Each date of the chart has the on-time rate and share lapsed that evaluate + follow_through give that day."""
    report, _, _ = main_report
    rows = report.over_time.rows
    assert report.over_time.step == "monthly" and report.over_time.drawn
    for day in report.over_time.dates:
        table = follow_through(evaluate(load(MAIN).ledger, as_of=day), by=())
        row = table.iloc[0]
        on = rows[rows["as_of"] == day].set_index("measure")
        assert int(on.at["kept_rate", "n_due"]) == int(row["n_due"]) > 0
        assert on.at["kept_rate", "value"] == pytest.approx(row["n_kept"] / row["n_due"])
        assert on.at["lapsed_share", "value"] == pytest.approx(row["n_lapsed"] / row["n_due"])
    assert report.over_time.dates[-1] == AS_OF
    overall = report.overall.iloc[0]
    last = rows[rows["as_of"] == AS_OF].set_index("measure")
    assert int(last.at["kept_rate", "n_due"]) == int(overall["n_due"])


def test_over_time_chart_wide_and_narrow_with_title_desc_and_caption(main_report):
    """The page has the chart twice (wide and narrow), each with a title and description, then a caption."""
    report, page, _ = main_report
    _strict(page)
    for size, pt in (("wide", "10.5"), ("narrow", "11")):
        svg = re.search(rf'<svg[^>]*aria-labelledby="over-time-{size}-title over-time-{size}-desc"[^>]*>', page)
        assert svg is not None and f'data-min-text-pt="{pt}"' in svg.group(0)
        assert f'<title id="over-time-{size}-title">' in page and f'<desc id="over-time-{size}-desc">' in page
    section = page[page.index('id="over-time"') : page.index('id="methods"')]
    assert "<figcaption><b>How to read it.</b>" in section and "monthly grid" in section
    assert "The numbers behind the chart" in section


def test_over_time_markdown_table_has_a_row_per_date(main_report):
    """The Markdown gives the chart as a table: one row per date with a deadline due, counts that add up."""
    report, _, markdown = main_report
    part = markdown[markdown.index("## Follow-through over time") : markdown.index("## Every commitment")]
    lines = [line for line in part.splitlines() if line.startswith("| ") and not line.startswith("| as of")]
    assert len(lines) == len(report.over_time.dates)
    last = [c.strip() for c in lines[-1].split("|")[1:-1]]
    overall = report.overall.iloc[0]
    n_due, kept, lapsed = int(overall["n_due"]), int(overall["n_kept"]), int(overall["n_lapsed"])
    assert last[:3] == ["17 Oct 2025", str(n_due), f"{kept} ({percent(kept / n_due)}%)"]
    assert last[4] == f"{lapsed} ({percent(lapsed / n_due)}%)"
    assert f"{kept} of {n_due} ({percent(kept / n_due)}%" in part


def test_over_time_cells_say_no_percentage_below_ten_due(main_report):
    """Below SMALL_N due, a cell gives the count alone; the interval always."""
    report, _, _ = main_report
    for cells in over_time_table(report.over_time):
        n = int(cells[1])
        assert ("%" in cells[2]) == (n >= 10) and cells[3].endswith("%")


_ONE_DUE = """
commitments:
  - id: only
    actor: Mayor Ada Example
    stated_on: 2025-01-02
    text: Fix the pothole
    deadline: by January 10, 2025
    sources: [{url: "https://example.org/pothole"}]
"""


def test_over_time_left_out_with_a_sentence_when_under_two_dates_are_due():
    """With deadlines due on fewer than two dates of the grid, no chart: a sentence says why, HTML and Markdown."""
    result = load_doc(_ONE_DUE)
    assert result.ok, result.errors
    report = build_report(result.ledger, as_of=dt.date(2025, 1, 20))
    assert report.over_time.step == "monthly" and not report.over_time.drawn
    page, markdown = report.to_html(), report.to_markdown()
    _strict(page)
    sentence = "No chart over time: fewer than two dates of the grid had any deadline due."
    assert sentence in page and sentence in markdown and "over-time-wide" not in page


def test_over_time_needs_the_ledger():
    """A report made from verdicts alone has no over-time section (it needs the events to replay)."""
    v = evaluate(load(MAIN).ledger, as_of=AS_OF)
    report = summarize(v)
    assert not report.over_time.step and "Follow-through over time" not in report.to_markdown()


URL = "https://example.org/said"


def _spanning(days: int):
    first = dt.date(2020, 1, 6)
    last = first + dt.timedelta(days=days)
    return load_doc(
        f"""
        commitments:
          - {{id: a, actor: A, stated_on: {first}, text: one, deadline: within 30 days, sources: [{{url: {URL}}}]}}
          - {{id: b, actor: A, stated_on: {last}, text: two, deadline: within 30 days, sources: [{{url: {URL}}}]}}
        """
    ).ledger, last


@pytest.mark.parametrize("days, step", [(400, "monthly"), (MONTHLY_UP_TO_DAYS, "monthly"), (1500, "quarterly")])
def test_grid_is_monthly_up_to_three_years_then_quarterly(days, step):
    """The chart's grid: month starts for spans up to about three years, quarter starts beyond."""
    led, last = _spanning(days)
    report = build_report(led, as_of=last)
    assert report.over_time.step == step
    starts = [d for d in report.over_time.dates if d != last]
    assert starts and all(d.day == 1 for d in starts)
    if step == "quarterly":
        assert {d.month for d in starts} <= {1, 4, 7, 10}


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=31, max_value=2500))
def test_grid_step_follows_the_span(days):
    """Whatever the span, the step is monthly exactly when it is at most MONTHLY_UP_TO_DAYS, and charted dates sort."""
    led, last = _spanning(days)
    over_time = over_time_rows(led, evaluate(led, as_of=last), partial_counts_as="not_kept", include_vague=True)
    assert over_time.step == ("monthly" if days <= MONTHLY_UP_TO_DAYS else "quarterly")
    assert over_time.dates == sorted(over_time.dates) and over_time.dates[-1] == last


# -- what to expect --------------------------------------------------------------------------------


def test_expectations_are_expect_for_each_actor_with_a_record(main_report):
    """One line per actor with at least MIN_RECORD deadlines due; each is expect()'s sentence, in HTML and Markdown."""
    report, page, markdown = main_report
    v = report.verdicts
    due = v[v["status"].isin(["kept", "late", "missed", "lapsed", "broken", "partial"])]
    counts = due["actor"].value_counts()
    assert [e.actor for e in report.expectations] == sorted(
        (a for a, n in counts.items() if n >= MIN_RECORD), key=lambda a: (-counts[a], a)
    )
    plain_md = markdown.replace("\\", "")
    for found in report.expectations:
        again = expect(v, actor=found.actor, kind=found.kind, promised_days=found.promised_days)
        assert again.text() == found.text()
        assert found.n >= MIN_RECORD or found.kind is None
        assert found.text().replace("'", "&#x27;") in page and found.text() in plain_md
    trump = report.expectations[0]
    assert trump.text().startswith("Of Donald Trump's 3 'two weeks' deadlines on record, 0 were met on time")
    assert "leans 43% on Donald Trump's own record" in trump.text()


def test_methods_box_says_how_the_expectation_is_shrunk(main_report):
    """The methods box has one line on the empirical-Bayes shrinkage when there is a 'What to expect' section."""
    report, page, markdown = main_report
    assert "What to expect of a new deadline" in page
    methods = page[page.index('id="methods"') :]
    assert "<dt>What to expect</dt>" in methods and "empirical-Bayes beta-binomial" in methods
    assert "**What to expect**: " in markdown


def test_no_expectation_without_a_record():
    """An actor with fewer than MIN_RECORD deadlines due gets no line, and the methods say nothing of shrinkage."""
    result = load_doc(_ONE_DUE)
    report = build_report(result.ledger, as_of=dt.date(2025, 1, 20))
    page = report.to_html()
    assert report.expectations == () and "What to expect" not in page and "What to expect" not in report.to_markdown()


# -- agreement with a second coding ----------------------------------------------------------------


def test_agreement_section_has_the_figures_of_ledger_agreement(agreed):
    """The section's numbers are agreement()'s: F1, alpha and kappa with intervals, in words and in a table."""
    a, b, report, page, markdown = agreed
    found = agreement(a, b, as_of=AGREE_AS_OF)
    assert report.agreement is not None
    assert report.agreement.f1 == found.f1 and report.agreement.status_kappa == found.status_kappa
    _strict(page)
    section = page[page.index('id="agreement"') : page.index('id="methods"')]
    kappa = found.measure("status", "Cohen's kappa")
    words = f"Cohen&#x27;s kappa {kappa['value']:.2f} (interval {kappa['ci_low']:.2f} to {kappa['ci_high']:.2f})"
    assert words in section and f"F1 {found.f1:.2f}" in section
    plain = markdown.replace("\\", "")
    for paragraph in found.text().split("\n\n"):
        assert paragraph in plain


def test_agreement_lists_every_disagreement_in_order(agreed):
    """Every disagreement is a row, in agreement()'s order, naming its ids, in HTML and Markdown."""
    _, _, report, page, markdown = agreed
    found = report.agreement.disagreements
    assert len(found) == 7
    section = page[page.index('id="agreement"') : page.index('id="methods"')]
    positions = []
    for row in found.itertuples(index=False):
        ident = row.id_a if isinstance(row.id_a, str) else row.id_b
        positions.append(section.index(ident))
    assert positions == sorted(positions)
    part = markdown[markdown.index("### Every disagreement") : markdown.index("## Every commitment")]
    rows = [line for line in part.splitlines() if re.match(r"\| \d+ \|", line)]
    assert [int(r.split("|")[1]) for r in rows] == list(range(1, len(found) + 1))
    assert "a-medinsky-6000-bodies / b-medinsky-6000-bodies" in rows[0].replace("\\", "")


def test_agreement_report_is_deterministic(agreed):
    """The bootstrap is seeded: the same two codings give the same page."""
    a, b, _, page, _ = agreed
    assert build_report(a, as_of=AGREE_AS_OF, second_coding=b).to_html() == page


def test_no_agreement_section_without_a_second_coding(main_report):
    """Without a second coding, no section and no agreement."""
    report, page, markdown = main_report
    assert report.agreement is None and 'id="agreement"' not in page and "second coding" not in markdown


def test_second_coding_must_be_a_ledger():
    """A path or anything but a Ledger is refused with a sentence that says how to load one."""
    with pytest.raises(TypeError, match="ledger.load"):
        build_report(load(CODER_A).ledger, as_of=AGREE_AS_OF, second_coding=str(CODER_B))


def test_cli_report_agree_with(tmp_path, capsys):
    """`ledger report A --agree-with B` writes the section; a second coding with errors stops it."""
    out = tmp_path / "report.md"
    argv = ["report", str(CODER_A), "--agree-with", str(CODER_B), "--as-of", "2025-12-19", "-o", str(out)]
    assert main(argv) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Agreement with a second coding" in text and "### Every disagreement" in text
    bad = str(ROOT / "tests" / "invalid" / "bad_date.yaml")
    assert main(["report", str(CODER_A), "--agree-with", bad, "--as-of", "2025-12-19", "-o", str(out)]) == 1
    assert "no report written" in capsys.readouterr().err
