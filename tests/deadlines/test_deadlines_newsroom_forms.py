"""Year-first months and quarters, and the 'qtr' shorthand, as filings and newsrooms write them.

Expected windows are worked by hand from docs/deadlines.md ("a period: earliest =
its first day, or S if later; due = latest = its last day"), with S = Thursday
16 October 2025.
"""

from datetime import date

import pytest

from ledger.deadlines import DeadlineError, deadline_windows, parse_deadline
from ledger.deadlines.grammar import normalize, year_first

S = date(2025, 10, 16)


@pytest.mark.parametrize(
    "phrase, earliest, latest, rule",
    [
        ("2025-10", S, date(2025, 10, 31), "month"),
        ("2025/10", S, date(2025, 10, 31), "month"),
        ("by 2026-03", S, date(2026, 3, 31), "month"),
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
        ("the fourth qtr of 2026", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
        ("by the end of the qtr", S, date(2025, 12, 31), "quarter_end"),
        # a day stays a day
        ("2025-10-31", date(2025, 10, 31), date(2025, 10, 31), "iso_date"),
    ],
)
def test_year_first_and_shorthand_forms(phrase, earliest, latest, rule):
    """A year-first month or quarter reads as the month or quarter it names; 'qtr' is 'quarter'."""
    w = parse_deadline(phrase, S)
    assert (w.earliest, w.latest, w.rule) == (earliest, latest, rule)
    batch = deadline_windows([phrase], [S])
    assert (batch.loc[0, "earliest"].date(), batch.loc[0, "latest"].date()) == (earliest, latest)


@pytest.mark.parametrize("phrase", ["2025-13", "2025/00", "2024-10"])
def test_a_month_that_is_not_one_or_is_past_is_refused(phrase):
    """No thirteenth month is guessed, and a month already over is refused as past."""
    with pytest.raises(DeadlineError):
        parse_deadline(phrase, S)


def test_the_rewrite_leaves_other_numbers_alone():
    """Lengths, ranges and full dates keep their digits: only a year then a month or quarter is rewritten."""
    for phrase in ("10-12 days", "2025-10-31", "10/31/2025", "in 2026", "1,000 days", "q3 2026"):
        assert year_first(normalize(phrase)) == normalize(phrase)
    assert year_first(normalize("By 2025/10")) == "by october 2025"
    assert year_first(normalize("2026-Q1")) == "q1 2026"
