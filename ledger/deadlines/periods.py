"""Calendar periods a phrase names (May, Q3, next week, the 2030s) and their parts.

A period without a year has several candidates, one per occurrence ("May"
is this year's May, next year's, ...): ``period_spans`` gives them in order,
and the rule takes the first one not already over on the day said. ``part_of``
then selects early / mid / late, a half, the end or the rest of it, by the
thirds and halves docs/deadlines.md writes down (``DeadlinePolicy`` fields).

>>> from ledger.deadlines.grammar import CORE
>>> from ledger.deadlines.policy import DEFAULT_POLICY
>>> spans = period_spans(CORE.fullmatch("may"), date(2025, 10, 16), DEFAULT_POLICY)
>>> [(first.isoformat(), last.isoformat()) for first, last in (spans.nth(0), spans.nth(1))]
[('2025-05-01', '2025-05-31'), ('2026-05-01', '2026-05-31')]
>>> spans.kind  # May 2025 is over on the day said: the rule takes May 2026
'month'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from ledger.core.words import MONTHS
from ledger.deadlines.dates import add_months, days_in_month, month_end, season_span, week_start, year_of
from ledger.deadlines.errors import Unreadable
from ledger.deadlines.lexicon import QUARTER_ORD, SEASONS
from ledger.deadlines.policy import DeadlinePolicy

__all__ = ["PARTS", "PERIOD_KINDS", "PeriodSpans", "part_of", "period_spans"]

#: Every kind of period; with a part, a rule is named ``<kind>_<part>`` (``month_early``).
PERIOD_KINDS = ("month", "year", "season", "quarter", "half", "week", "weekend", "decade")
#: Every part of a period a phrase can select (lexicon.PART_WORDS, and "end" for "year-end").
PARTS = ("early", "start", "mid", "late", "end", "rest", "first_half", "second_half")

Span = tuple[date, date]


class PeriodSpans(NamedTuple):
    """The kind of period named, and its k-th occurrence (k = 0, 1, ...) as (first, last) day."""

    kind: str
    #: k -> (first day, last day), or None when there is no k-th candidate.
    nth: Callable[[int], Span | None]


def _only(span: Span) -> Callable[[int], Span | None]:
    """A period with one candidate only: it has its year ("May 2026", "2026")."""
    return lambda k: span if k == 0 else None


# "next May", "the following summer": the first one that starts after the day said.
_NEXT = ("next", "the next", "the following", "following")
# With these, "this"/"next"-style periods ("the coming week") step to the next one.
_STEP = (*_NEXT, "the coming", "this coming", "coming")


def period_spans(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> PeriodSpans:
    """The candidates for the period a PERIOD match names."""
    if m["p_month"]:
        return _month_spans(m, said_on)
    if m["p_year"]:
        year = int(m["p_year"])
        return PeriodSpans("year", _only((date(year, 1, 1), date(year, 12, 31))))
    if m["p_season"]:
        return _season_spans(m, said_on, policy)
    if m["p_qn"] or m["p_qord"]:
        return _quarter_spans(m, said_on)
    if m["p_hn"] or m["p_hord"]:
        return _half_spans(m, said_on)
    if m["p_newyear"]:
        # "early in the new year": the year that begins on the next January 1 after the day said.
        year = said_on.year + 1
        return PeriodSpans("year", _only((date(year, 1, 1), date(year, 12, 31))))
    return _relative_spans(m, said_on, policy)


def _month_spans(m: re.Match[str], said_on: date) -> PeriodSpans:
    month = MONTHS[m["p_month"]]
    year = year_of(m["p_my"], said_on)
    if year is not None:
        return PeriodSpans("month", _only((date(year, month, 1), month_end(year, month))))

    def month_span(k: int) -> Span:
        y = said_on.year + k
        return date(y, month, 1), month_end(y, month)

    if m["p_mrel"] in _NEXT:
        # "next May": the first May that starts after the day it was said.
        skip = date(said_on.year, month, 1) <= said_on
        return PeriodSpans("month", lambda k: month_span(k + skip))
    return PeriodSpans("month", month_span)


def _season_spans(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> PeriodSpans:
    season = SEASONS[m["p_season"]]
    year = year_of(m["p_sy"], said_on)
    # The season that runs over New Year: winter up north, summer in the southern hemisphere.
    spans_new_year = season_span(season, 2001, policy)[1].year > 2001
    if year is not None and m["p_sy_end"]:
        # "winter 2026-27": the season that starts in the first year and ends in the second.
        end = int(m["p_sy_end"])
        end += year // 100 * 100 if end < 100 else 0
        if end != year + 1 or not spans_new_year:
            raise Unreadable(
                "is not a real season",
                f"only a season that runs over New Year spans two years, and they must follow each other "
                f"(got {m['p_season']} {m['p_sy']}-{m['p_sy_end']}, {policy.hemisphere} hemisphere)",
            )
        return PeriodSpans("season", _only(season_span(season, year, policy)))
    if year is not None:
        if spans_new_year and m["p_sy"][0].isdigit():
            name = m["p_season"]
            raise Unreadable(
                "is ambiguous",
                f"{name} {year} could mean early {year} or December {year}; "
                f"say '{name} {year}-{(year + 1) % 100:02d}', 'early {year}' or 'December {year}'",
            )
        return PeriodSpans("season", _only(season_span(season, year, policy)))
    skip = m["p_srel"] in _NEXT

    def nth_season(k: int) -> Span | None:
        # Start from the season that began in the previous year (winter spans New Year).
        spans = [season_span(season, said_on.year + j, policy) for j in (-1, 0, 1, 2)]
        spans = [s for s in spans if s[1] >= said_on and (not skip or s[0] > said_on)]
        return spans[k] if k < len(spans) else None

    return PeriodSpans("season", nth_season)


def _quarter_spans(m: re.Match[str], said_on: date) -> PeriodSpans:
    n = int(m["p_qn"]) if m["p_qn"] else QUARTER_ORD[m["p_qord"]]
    year = year_of(m["p_qy"] or m["p_qy2"], said_on)

    def quarter_span(k: int) -> Span:
        y = year if year is not None else said_on.year + k
        return date(y, 3 * n - 2, 1), month_end(y, 3 * n)

    return PeriodSpans("quarter", _only(quarter_span(0)) if year is not None else quarter_span)


def _half_spans(m: re.Match[str], said_on: date) -> PeriodSpans:
    n = int(m["p_hn"]) if m["p_hn"] else 1 if m["p_hord"] == "first" else 2
    year = year_of(m["p_hy"] or m["p_hy2"], said_on)

    def half_span(k: int) -> Span:
        y = year if year is not None else said_on.year + k
        return (date(y, 1, 1), date(y, 6, 30)) if n == 1 else (date(y, 7, 1), date(y, 12, 31))

    return PeriodSpans("half", _only(half_span(0)) if year is not None else half_span)


# The groups that hold "this", "next", ... before year, quarter, week, weekend, month, decade.
_REL_GROUPS = ("p_yrel", "p_qrel", "p_wrel", "p_werel", "p_mnrel", "p_decrel")


def _relative_spans(m: re.Match[str], said_on: date, policy: DeadlinePolicy) -> PeriodSpans:
    """Periods counted from the day said: this / next / the week after next decade, quarter, ..."""
    rel_group = next((name for name in _REL_GROUPS if m[name] is not None), None)
    text = m.group(0)
    rel = (m[rel_group] if rel_group else "this") or "this"
    step = 1 if rel in _STEP else 0
    if m["p_yafter"] or m["p_wafter"] or m["p_mnafter"]:
        step = 2
    if rel_group == "p_decrel" or text.endswith("decade"):
        start = said_on.year // 10 * 10 + 10 * step
        return PeriodSpans("decade", _only((date(start, 1, 1), date(start + 9, 12, 31))))
    if rel_group == "p_qrel" or re.search(r"\bquarter\b", text):
        q0 = date(said_on.year, (said_on.month - 1) // 3 * 3 + 1, 1)
        first = add_months(q0, 3 * step)
        last = add_months(first, 2)
        return PeriodSpans("quarter", _only((first, month_end(last.year, last.month))))
    if rel_group == "p_werel" or "weekend" in text:
        sat = week_start(said_on, policy) + timedelta(days=(5 - policy.week_start) % 7 + 7 * step)
        if sat + timedelta(days=1) < said_on:
            sat += timedelta(days=7)
        return PeriodSpans("weekend", _only((sat, sat + timedelta(days=1))))
    # A bare part ("mid-week", "by the middle of the month", "mid-year") is the next
    # one not already over; with "this" or "next" it is that one only.
    roll = 4 if rel_group is None and m["p_part"] is not None else 1
    if rel_group == "p_wrel" or re.search(r"\bweek\b", text):
        monday = week_start(said_on, policy) + timedelta(days=7 * step)

        def week_span(k: int) -> Span | None:
            return (monday + timedelta(days=7 * k), monday + timedelta(days=7 * k + 6)) if k < roll else None

        return PeriodSpans("week", week_span)
    if rel_group == "p_mnrel" or re.search(r"\bmonth\b", text):

        def month_span(k: int) -> Span | None:
            first = add_months(said_on.replace(day=1), step + k)
            return (first, month_end(first.year, first.month)) if k < roll else None

        return PeriodSpans("month", month_span)
    year = said_on.year + step
    return PeriodSpans("year", lambda k: (date(year + k, 1, 1), date(year + k, 12, 31)) if k < roll else None)


def part_of(kind: str, part: str | None, lo: date, hi: date, said_on: date, policy: DeadlinePolicy) -> Span:
    """Select part of a period: thirds for early/mid/late, halves, the last day, the rest."""
    if part is None:
        return lo, hi
    if part == "end":
        return hi, hi
    if part == "rest":
        return max(lo, said_on), hi
    if part in ("first_half", "second_half"):
        return _half_of(kind, part, lo, hi)
    return _third_of(kind, {"early": 0, "start": 0, "mid": 1, "late": 2}[part], lo, hi, policy)


def _half_of(kind: str, part: str, lo: date, hi: date) -> Span:
    if kind in ("year", "half", "quarter", "season") and lo.day == 1:
        months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
        if months % 2 == 0:
            mid_first = add_months(lo, months // 2)
            return (lo, mid_first - timedelta(days=1)) if part == "first_half" else (mid_first, hi)
    if kind == "month":
        return (lo, lo.replace(day=15)) if part == "first_half" else (lo.replace(day=16), hi)
    n = (hi - lo).days + 1
    cut = lo + timedelta(days=(n + 1) // 2)
    return (lo, cut - timedelta(days=1)) if part == "first_half" else (cut, hi)


def _third_of(kind: str, third: int, lo: date, hi: date, policy: DeadlinePolicy) -> Span:
    if kind == "month":
        bounds = (1, policy.early_last_day + 1, policy.mid_last_day + 1, days_in_month(lo.year, lo.month) + 1)
        return lo.replace(day=bounds[third]), lo.replace(day=bounds[third + 1] - 1)
    if kind == "weekend":
        # Two days: early = Saturday, mid = both, late = Sunday.
        return ((lo, lo), (lo, hi), (hi, hi))[third]
    if kind == "half":
        # Six months split by two: early H2 = July-August.
        first = add_months(lo, 2 * third)
        last = add_months(first, 1)
        return first, month_end(last.year, last.month)
    if kind == "decade":
        # The early 2030s = 2030-2033, mid = 2034-2036, late = 2037-2039.
        years = ((0, 3), (4, 6), (7, 9))[third]
        return date(lo.year + years[0], 1, 1), date(lo.year + years[1], 12, 31)
    if kind in ("season", "quarter"):
        # Three-month periods split by month: late summer = August.
        first = add_months(lo, third)
        return first, month_end(first.year, first.month)
    if kind == "week":
        # Working-week thirds: early Monday-Tuesday, mid Wednesday-Thursday, late Friday-Sunday.
        cuts = (0, policy.week_early_last_day + 1, policy.week_mid_last_day + 1, 7)
        return lo + timedelta(days=cuts[third]), lo + timedelta(days=cuts[third + 1] - 1)
    if kind == "year":
        bounds = (1, policy.year_early_last_month + 1, policy.year_mid_last_month + 1, 13)
        first = date(lo.year, bounds[third], 1)
        return first, month_end(lo.year, bounds[third + 1] - 1)
    n = (hi - lo).days + 1
    cuts = (0, n // 3, n - n // 3, n)
    return lo + timedelta(days=cuts[third]), lo + timedelta(days=cuts[third + 1] - 1)
