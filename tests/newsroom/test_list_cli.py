"""`ledger list PATH`: one line per commitment, filtered and sorted, with totals by status."""

import contextlib
import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import STATUSES, evaluate, load
from ledger.cli import main
from tests.newsroom.browsing_cli import FIXTURES, RUSSIA_UKRAINE, SPREADSHEET, ledger

EXAMPLES = FIXTURES / "examples"


def test_list_text_has_one_line_per_commitment_and_totals():
    """Text: a header, one line per commitment, a blank line, then the counts by status that add up."""
    done = ledger("list", EXAMPLES, "--as-of", "2025-06-01")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "as of 1 June 2025"
    assert lines[1].split() == ["id", "actor", "said", "latest", "status"]
    assert len(lines[2:-2]) == 7 and lines[-2] == ""
    assert lines[-1] == "7 commitments: 1 kept, 2 late, 1 broken, 1 superseded, 2 lapsed"


def test_list_reads_the_csv_pair_and_writes_csv():
    """The CSV pair folder, listed as CSV: every listed column, dates as YYYY-MM-DD, no totals row."""
    done = ledger("list", SPREADSHEET, "--as-of", "2025-06-01", "--format", "csv", "--sort", "latest")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [row["id"] for row in rows] == ["pool-repair", "pool-repair-2", "library-hours"]
    assert rows[0]["latest"] == "2025-03-17" and rows[0]["status"] == "lapsed"
    assert rows[2]["evidence_url"] == "https://example.org/c"


def test_list_filters_combine_and_repeat(capsys):
    """--actor matches in any case; a repeated --status is OR; filters combine with AND."""
    args = ["list", str(EXAMPLES), "--as-of", "2025-06-01", "--json", "--actor", "mayor ada example"]
    assert main([*args, "--status", "late", "--status", "superseded"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in found["commitments"]] == ["bridge-reopening", "budget-plan", "bridge-reopening-2"]
    assert found["totals"] == {"late": 2, "superseded": 1}


def test_list_topic_and_due_before(capsys):
    """--topic keeps that topic; --due-before keeps latest due dates strictly before the day."""
    assert main(["list", str(EXAMPLES), "--as-of", "2025-06-01", "--json", "--topic", "transport"]) == 0
    assert {c["id"] for c in json.loads(capsys.readouterr().out)["commitments"]} == {
        "bridge-reopening-2",
        "tram-timetable",
    }
    assert main(["list", str(EXAMPLES), "--as-of", "2025-06-01", "--json", "--due-before", "2025-03-31"]) == 0
    listed = json.loads(capsys.readouterr().out)["commitments"]
    assert sorted(c["latest"] for c in listed) == ["2025-03-17", "2025-03-24"]


def test_list_sorts_by_fields_and_in_reverse(capsys):
    """--sort latest orders by the latest due date; --reverse turns it round."""
    assert main(["list", str(EXAMPLES), "--as-of", "2025-06-01", "--json", "--sort", "latest", "--reverse"]) == 0
    latest = [c["latest"] for c in json.loads(capsys.readouterr().out)["commitments"]]
    assert latest == sorted(latest, reverse=True)


def test_list_markdown_is_a_table_with_totals(capsys):
    """--format md: a Markdown table with a row per commitment, and the totals in bold after it."""
    assert main(["list", str(RUSSIA_UKRAINE), "--as-of", "2025-10-17", "--format", "md", "--status", "kept"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| id | actor | said | latest | status |" and table[1] == "|---|---|---|---|---|"
    assert len(table) == 2 + 3 and all(line.endswith("| kept |") for line in table[2:])
    assert lines[-1] == "**Totals:** 3 commitments: 3 kept"


def test_list_reads_parquet_tables(tmp_path, capsys):
    """A folder written by `ledger tables` lists the same commitments as the files."""
    assert main(["tables", str(EXAMPLES), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["list", str(tmp_path), "--as-of", "2025-06-01", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["commitments"]) == 7


@pytest.mark.parametrize(
    "args, sentence",
    [
        (["--sort", "lates"], "--sort: there is no field 'lates'; did you mean the field 'latest'?"),
        (["--actor", "Mayor Ada Exampel"], "no commitment has the actor 'Mayor Ada Exampel'; did you mean"),
        (["--topic", "trasport"], "no commitment has the topic 'trasport'; did you mean the topic 'transport'"),
    ],
)
def test_list_misuse_is_a_sentence_and_status_2(args, sentence, capsys):
    """A field or value no commitment has: a sentence with the close ones, exit 2, nothing listed."""
    assert main(["list", str(EXAMPLES), "--as-of", "2025-06-01", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and sentence in captured.err


def test_list_bad_status_and_date_are_usage_errors():
    """argparse's own checks (a status not in the set, a date that is not one) exit 2 with a usage line."""
    done = ledger("list", EXAMPLES, "--status", "done", "--due-before", "2025-13-01")
    assert done.returncode == 2 and "usage: ledger list" in done.stderr


LEDGER = load(RUSSIA_UKRAINE).ledger


@settings(max_examples=25, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(STATUSES), unique=True, max_size=4),
    day=st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 1)),
)
def test_list_totals_count_exactly_the_listed_rows(statuses, day):
    """For any status filter and day, the JSON totals add up to the rows listed, which match evaluate()."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(
            [
                "list",
                str(RUSSIA_UKRAINE),
                "--as-of",
                day.isoformat(),
                "--json",
                *[arg for s in statuses for arg in ("--status", s)],
            ]
        )
    assert status == 0
    found = json.loads(out.getvalue())
    verdicts = evaluate(LEDGER, as_of=day)
    expected = verdicts if not statuses else verdicts[verdicts["status"].isin(statuses)]
    assert [c["id"] for c in found["commitments"]] == list(expected["id"])
    assert sum(found["totals"].values()) == len(found["commitments"])
    assert all(c["status"] in (statuses or STATUSES) for c in found["commitments"])


def test_list_takes_an_actors_alias_as_add_does(capsys):
    """`add` accepts the alias 'CTA'; `list --actor CTA` lists the agency's commitments, by its name."""
    assert main(["list", "fixtures/examples", "--as-of", "2025-06-01", "--actor", "cta", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["commitments"]
    assert rows and {row["actor"] for row in rows} == {"City Transit Agency"}
