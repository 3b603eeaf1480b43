"""Nothing false in print: progress is not an outcome, a checked miss is not silence, an unreadable deadline and an
unconfirmed candidate are listed and left out, never counted and never hidden (issues 12 §4 and 14 §1, 2, 4)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from helpers import load_doc

from ledger import Commitment, Event, Ledger, Source, build_report
from ledger.cli import main
from ledger.io.parquet import write_tables
from ledger.report.content import NEEDS_READING_HEADING
from ledger.verdicts.evaluate import UnreadableDeadlines

SRC = (Source(url="https://example.org/said"),)
SAID = dt.date(2025, 1, 6)


def _commitment(id="a", deadline="by December 31", actor="Mayor", tags=()):
    return Commitment(
        id=id, actor=actor, stated_on=SAID, text="Open the bridge", deadline=deadline, sources=SRC, tags=tags
    )


def _event(kind, on, id="a", url="https://example.org/event"):
    return Event(commitment_id=id, type=kind, on=on, sources=(Source(url=url),))


def test_progress_before_the_deadline_is_not_called_come_due():
    """The issue's sentence: due 31 December, partly delivered in March, reported in April, is not 'come due'."""
    ledger = Ledger([_commitment()], [_event("partial", dt.date(2025, 3, 3))])
    report = build_report(ledger, as_of=dt.date(2025, 4, 1))
    text = str(report)
    assert "come due by 1 April 2025 was partly delivered" not in text
    assert report.headlines[0].text == (
        "The only deadline in this ledger had not come due by 1 April 2025. Not counted: 1 not yet due."
    )
    assert (report.overall.loc[0, "n_due"], report.overall.loc[0, "n_pending"]) == (0, 1)
    html, markdown = report.to_html(), report.to_markdown()
    assert "partly delivered so far; not yet due" in html and "partly delivered so far; not yet due" in markdown
    # Once the deadline has passed with only part delivered, it is partial, and said so.
    later = str(build_report(ledger, as_of=dt.date(2026, 1, 2)))
    assert later.startswith(
        "The only deadline in this ledger that had come due by 2 January 2026 was partly delivered."
    )


def test_a_checked_miss_has_its_own_words_everywhere():
    """A checked miss is said as such in the headline, the HTML, the Markdown, the notebook and the terminal."""
    ledger = Ledger(
        [_commitment("a", "in two weeks"), _commitment("b", "in two weeks")],
        [_event("checked_missed", dt.date(2025, 2, 3), url="https://example.org/checked")],
    )
    report = build_report(ledger, as_of=dt.date(2025, 3, 1))
    headline = str(report)
    assert "1 was checked and found not delivered" in headline and "1 lapsed with no outcome recorded" in headline
    assert report.overall.loc[0, "n_missed"] == 1 and report.overall.loc[0, "n_due"] == 2
    html, markdown, notebook = report.to_html(), report.to_markdown(), report._repr_html_()
    for page in (html, markdown):
        assert "checked 3 February 2025: not delivered by 20 January 2025" in page
        assert "https://example.org/checked" in page
    assert 'class="status s-missed"' in html
    assert ">missed</th>" in notebook and ">lapsed</th>" in notebook
    assert "“Due” counts kept, late, partial, broken, withdrawn, missed and lapsed ones" in html


def test_unreadable_deadlines_are_listed_under_a_heading_that_asks_for_a_reading():
    """The rest of the ledger is judged; the unreadable one is listed with the reader's message, out of the rates."""
    ledger = Ledger(
        [_commitment("a", "in two weeks"), _commitment("odd", "fortnightish")],
        [_event("fulfilled", dt.date(2025, 1, 10))],
    )
    report = build_report(ledger, as_of=dt.date(2025, 3, 1))
    assert report.headlines[0].text == (
        "The only deadline in this ledger that had come due by 1 March 2025 was met on time. "
        "Not counted: 1 whose deadline could not be read."
    )
    html, markdown = report.to_html(), report.to_markdown()
    for page in (html, markdown.replace("\\", "")):  # Markdown escapes the underscore
        assert NEEDS_READING_HEADING in page and "deadline_means" in page and "fortnightish" in page
    assert report.overall.loc[0, "n_unreadable"] == 1 and report.overall.loc[0, "n_due"] == 1
    assert report.survival.attrs["unreadable_left_out"] == 1
    with pytest.raises(UnreadableDeadlines):
        build_report(ledger, as_of=dt.date(2025, 3, 1), strict=True)


def test_unconfirmed_candidates_are_left_out_and_said_so():
    """Entries still tagged 'candidate' are listed as not counted, with the reason; --include-candidates counts them."""
    ledger = Ledger(
        [_commitment("a", "in two weeks"), _commitment("maybe", "in two weeks", tags=("candidate",))],
        [_event("fulfilled", dt.date(2025, 1, 10), id="maybe")],
    )
    report = build_report(ledger, as_of=dt.date(2025, 3, 1))
    assert report.verdicts["id"].tolist() == ["a"]
    assert report.not_counted["reason"].tolist() == [
        "still tagged “candidate” (proposed by ledger extract, not yet confirmed)"
    ]
    methods = report.to_markdown()
    assert "1 commitment still tagged “candidate”" in methods and "are left out." in methods
    assert "or are unconfirmed candidates" in report.to_html()
    counted = build_report(ledger, as_of=dt.date(2025, 3, 1), include_candidates=True)
    assert counted.overall.loc[0, "n_kept"] == 1 and counted.not_counted.empty
    assert "unconfirmed candidates from ledger extract are included" in counted.to_markdown()


_CANDIDATE_YAML = """
commitments:
  - id: bridge
    actor: Mayor
    stated_on: 2025-01-06
    text: Open the bridge
    deadline: in two weeks
    sources:
      - url: https://example.org/said
  - id: proposed
    actor: Mayor
    stated_on: 2025-01-06
    text: Fix the road
    deadline: in two weeks
    tags: [candidate]
    sources:
      - url: https://example.org/article
"""


def test_cli_evaluate_and_report_say_how_many_candidates_were_left_out(tmp_path, capsys):
    """`evaluate` and `report` print how many candidates were left out; --include-candidates counts them."""
    path = tmp_path / "ledger.yaml"
    path.write_text(_CANDIDATE_YAML)
    assert load_doc(_CANDIDATE_YAML).ok
    assert main(["evaluate", str(path), "--as-of", "2025-03-01", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "left out: 1 unconfirmed candidate (tagged 'candidate' by ledger extract)" in out
    verdicts = pd.read_parquet(tmp_path / "out" / "verdicts.parquet")
    assert verdicts["id"].tolist() == ["bridge"]
    args = ["evaluate", str(path), "--as-of", "2025-03-01", "--out", str(tmp_path / "all"), "--include-candidates"]
    assert main(args) == 0
    assert "left out" not in capsys.readouterr().out
    assert sorted(pd.read_parquet(tmp_path / "all" / "verdicts.parquet")["id"]) == ["bridge", "proposed"]
    assert main(["report", str(path), "--as-of", "2025-03-01", "-o", str(tmp_path / "r.md")]) == 0
    assert "left out: 1 unconfirmed candidate" in capsys.readouterr().out


def test_cli_evaluate_judges_the_rest_unless_strict(tmp_path, capsys):
    """From Parquet tables with an unreadable deadline, evaluate lists it and judges the rest; --strict refuses."""
    ledger = Ledger([_commitment("a", "in two weeks"), _commitment("odd", "fortnightish")])
    write_tables(ledger, tmp_path / "tables")
    assert main(["evaluate", str(tmp_path / "tables"), "--as-of", "2025-03-01", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "not judged: 1 commitment whose deadline could not be read" in out and "  odd: “fortnightish”" in out
    assert "unreadable" in out.splitlines()[1]  # its own column in the terminal table
    statuses = pd.read_parquet(tmp_path / "out" / "verdicts.parquet").set_index("id")["status"]
    assert statuses.to_dict() == {"a": "lapsed", "odd": "unreadable"}
    strict = ["evaluate", str(tmp_path / "tables"), "--as-of", "2025-03-01", "--out", str(tmp_path / "s"), "--strict"]
    assert main(strict) == 1
    assert "odd: " in capsys.readouterr().err
    assert not (tmp_path / "s" / "verdicts.parquet").exists()
