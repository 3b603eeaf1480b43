"""Deadline phrases as they were really said, against a careful reader's reading.

The phrases, their sources and the labelling conventions are in
``tests/data/real_deadline_phrases.csv`` and ``tests/data/README_real_phrases.md``; the
scoring is ``tests/deadline_scoring.py``. The thresholds are issue 12's targets: at least
95% read, the latest day within a day of the careful reading on at least 93% of the
phrases that name one, and none silently wrong by more than a week. A failing target
prints every phrase behind it, grouped by cause.
"""

import csv
import datetime as dt
import functools
import re

import pytest

from tests import deadline_scoring as ds

COLUMNS = ["phrase", "said_on", "speaker", "source_url", "expected_latest", "expected_kind", "hedged", "note"]


@functools.cache
def _scored() -> tuple[ds.Scored, ...]:
    return tuple(ds.score(case) for case in ds.load_real_phrases())


@functools.cache
def _summary() -> ds.Summary:
    return ds.summarise("real phrases as said", _scored())


def _rows() -> list[dict[str, str]]:
    with ds.REAL_PHRASES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_table_has_the_agreed_columns_and_enough_rows():
    """At least 120 real phrases, with exactly the columns the README describes."""
    with ds.REAL_PHRASES.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == COLUMNS
    assert len(_rows()) >= 120


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['phrase'][:40]}@{r['said_on']}")
def test_each_row_is_well_formed(row):
    """ISO dates, a known kind, an expected day exactly for the dated kinds, never before the day said."""
    said = dt.date.fromisoformat(row["said_on"])
    assert row["phrase"].strip() == row["phrase"] and row["phrase"]
    assert row["speaker"] and re.match(r"https?://\S+$", row["source_url"])
    assert row["expected_kind"] in ds.DATED_KINDS + ds.UNDATED_KINDS
    assert row["hedged"] in ("0", "1")
    if row["expected_kind"] in ds.DATED_KINDS:
        assert dt.date.fromisoformat(row["expected_latest"]) >= said
    else:
        assert row["expected_latest"] == ""


def test_no_row_repeats_another_or_a_quoted_row_of_the_older_table():
    """The same phrase said the same day appears once, and not in deadline_phrases.csv's quotes."""
    keys = [(r["phrase"].lower(), r["said_on"]) for r in _rows()]
    assert len(keys) == len(set(keys))
    with (ds.DATA / "deadline_phrases.csv").open(encoding="utf-8", newline="") as f:
        quoted = {(r["phrase"].lower(), r["stated_on"]) for r in csv.DictReader(f) if r["source"].startswith("quote")}
    assert not quoted & set(keys)


def test_floors_are_never_above_the_targets():
    """A floor above its target would be a typo: the targets are what done means."""
    assert ds.FLOOR_READ <= ds.TARGET_READ and ds.FLOOR_REAL_LATEST <= ds.TARGET_REAL_LATEST
    assert ds.FLOOR_FUTURE_LATEST <= ds.TARGET_FUTURE_LATEST


def test_share_read_holds_its_floor():
    """The share read of the phrases a careful reader can read never falls below the floor (target 95%)."""
    s = _summary()
    table = ds.failure_table(_scored(), lambda x: not x.read and x.case.expected_kind != "refuse")
    print(f"read {s.read} of {s.readable} ({s.read_share:.1%}), target {ds.TARGET_READ:.0%}; not read:\n{table}")
    assert s.read_share >= ds.FLOOR_READ, f"read {s.read_share:.1%}, below the floor {ds.FLOOR_READ:.0%}:\n{table}"


def test_share_of_latest_within_a_day_holds_its_floor():
    """The share of phrases that name a day whose latest (due if hedged) is within a day never falls (target 93%)."""
    s = _summary()
    table = ds.failure_table(_scored(), lambda x: x.agrees is False)
    print(f"within a day on {s.agree} of {s.dated} ({s.agree_share:.1%}), target {ds.TARGET_REAL_LATEST:.0%}")
    assert s.agree_share >= ds.FLOOR_REAL_LATEST, (
        f"latest within a day on {s.agree_share:.1%}, below the floor {ds.FLOOR_REAL_LATEST:.0%}; the others:\n{table}"
    )


def test_none_is_silently_wrong_by_more_than_a_week():
    """No reading is more than a week off, or dates an undatable phrase, without a hedged or vague flag."""
    table = ds.failure_table(_scored(), lambda x: x.silently_wrong)
    assert _summary().silently_wrong == 0, f"silently wrong:\n{table}"


def test_phrases_that_cannot_be_dated_are_refused():
    """A phrase whose careful reading is a refusal raises DeadlineError, or at least says it is vague."""
    table = ds.failure_table(_scored(), lambda x: x.case.expected_kind == "refuse" and x.read)
    assert not table, f"read although nothing in the words dates it:\n{table}"
