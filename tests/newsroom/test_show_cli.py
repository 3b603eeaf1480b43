"""`ledger show PATH ID`: one commitment in full, as a real subprocess and in-process."""

import json

import pytest

from ledger.cli import main
from tests.newsroom.browsing_cli import EXAMPLE_YAML, FIXTURES, SPREADSHEET, ledger


def test_show_prints_record_window_events_chain_and_verdict():
    """The text names the window with its explanation, the events with sources, the chain, and the deciding rule."""
    done = ledger("show", EXAMPLE_YAML, "bridge-reopening-2", "--as-of", "2025-06-01")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.splitlines()[0] == "bridge-reopening-2: Reopen the Old Bridge to cars"
    assert "  window    20 Mar 2025 .. due 3 Apr 2025 .. latest 3 Apr 2025 [duration, duration]" in out
    assert "is due within 14 days, by Thursday 3 April 2025." in out
    assert "7 Apr 2025   fulfilled      Cars crossed the Old Bridge again" in out
    assert "https://example.org/news/bridge-open “Old Bridge reopens”" in out
    assert "  1. bridge-reopening    said 3 Mar 2025" in out and "superseded" in out
    assert "  2. bridge-reopening-2  said 20 Mar 2025" in out and "<- this one" in out
    assert "verdict as of 1 June 2025: late (4 days late)" in out
    assert "  rule      fulfilled after the latest due date" in out


def test_show_follows_the_chain_forward_from_its_first_statement():
    """From the first statement, the chain shows the reset that came after it, and the first is marked."""
    done = ledger("show", EXAMPLE_YAML, "bridge-reopening", "--as-of", "2025-06-01")
    lines = done.stdout.splitlines()
    chain = [line for line in lines if line.startswith(("  1. ", "  2. "))]
    assert chain[0].startswith("  1. bridge-reopening ") and chain[0].endswith("<- this one")
    assert chain[1].startswith("  2. bridge-reopening-2 ") and "late" in chain[1]
    assert "  reset by  bridge-reopening-2" in lines


@pytest.mark.parametrize(
    "paths",
    [[SPREADSHEET], [SPREADSHEET / "commitments.csv", SPREADSHEET / "events.csv"]],
    ids=["folder", "both-files"],
)
def test_show_reads_the_csv_pair(paths):
    """The CSV pair, as a folder or as its two files, shows the same commitment with its event."""
    done = ledger("show", *paths, "pool-repair-2", "--as-of", "2025-06-01", "--json")
    assert done.returncode == 0, done.stderr
    view = json.loads(done.stdout)
    assert [e["type"] for e in view["events"]] == ["broken"]
    assert view["events"][0]["sources"][0]["url"] == "https://example.org/d"
    assert [c["id"] for c in view["chain"]] == ["pool-repair", "pool-repair-2"]
    assert view["verdict"]["status"] == "broken" and view["verdict"]["evidence_url"] == "https://example.org/d"


def test_show_json_marks_events_after_the_as_of_day(capsys):
    """An event after --as-of is listed with counted false, and the verdict does not use it."""
    assert main(["show", str(EXAMPLE_YAML), "budget-plan", "--as-of", "2025-04-01", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert [(e["on"], e["type"], e["counted"]) for e in view["events"]] == [
        ("2025-03-28", "partial", True),
        ("2025-04-15", "fulfilled", False),
    ]
    assert view["verdict"]["status"] == "partial"
    assert view["window"]["latest"] == "2025-03-31" and view["window"]["explanation"].startswith("“by the end")
    assert view["chain"] == [
        {
            "id": "budget-plan",
            "stated_on": "2025-03-10",
            "deadline": "by the end of March",
            "status": "partial",
            "this": True,
        }
    ]


def test_show_a_commitment_said_after_the_as_of_day_has_no_verdict(capsys):
    """Said after --as-of: the record and window are shown, and the verdict says it did not exist yet."""
    assert main(["show", str(EXAMPLE_YAML), "tram-timetable", "--as-of", "2025-03-15"]) == 0
    out = capsys.readouterr().out
    assert "verdict as of 15 March 2025: none: it was said after that day" in out
    assert "window    1 Apr 2025" in out


def test_show_unknown_id_is_a_sentence_with_close_ids_and_status_2():
    """A misspelt id: a sentence naming it and the close ids, exit 2 (like an unknown --by column)."""
    done = ledger("show", FIXTURES / "examples", "bridge-reopenin", "--as-of", "2025-06-01")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("ledger show: there is no commitment with id 'bridge-reopenin' in ")
    assert "did you mean the id 'bridge-reopening' or 'bridge-reopening-2'?" in done.stderr


def test_show_unknown_id_far_from_any_says_where_to_look(capsys):
    """An id like no other: no guess, but the sentence says how to see every id."""
    assert main(["show", str(EXAMPLE_YAML), "zzz"]) == 2
    err = capsys.readouterr().err
    assert "did you mean" not in err and "ledger list shows every id" in err


def test_show_missing_file_is_a_located_problem(tmp_path, capsys):
    """A path that does not exist: the loader's sentence and status 1, nothing shown."""
    assert main(["show", str(tmp_path / "nope.yaml"), "a"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no such file or folder" in captured.err


def test_show_unreadable_deadline_says_why(tmp_path, capsys):
    """A deadline the reader cannot read: the window line says so, and the verdict is unreadable."""
    path = tmp_path / "l.yaml"
    path.write_text(
        "commitments:\n  - id: a\n    actor: X\n    stated_on: 2025-01-01\n    text: t\n"
        "    deadline: when pigs fly\n    sources: [{url: https://example.org/a}]\n",
        encoding="utf-8",
    )
    assert main(["show", str(path), "a", "--as-of", "2025-02-01"]) == 0
    out = capsys.readouterr().out
    assert "  window    cannot be read: " in out and "verdict as of 1 February 2025: unreadable" in out


def test_show_names_the_error_that_left_an_entry_out(tmp_path, capsys):
    """With --allow-errors, an id left out for a bad date is that error, not 'no such id' (a typo hunt)."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "commitments:\n"
        "  - {id: good, actor: M, stated_on: 2025-04-01, text: t, deadline: soon, sources: [{url: 'https://e.org'}]}\n"
        "  - {id: baddate, actor: M, stated_on: 2025-13-01, text: t, deadline: soon, sources: [{url: 'https://e.org'}]}\n"
    )
    assert main(["show", str(path), "baddate", "--allow-errors", "--as-of", "2025-05-01"]) == 1
    err = capsys.readouterr().err
    assert f"commitment 'baddate' was left out for its error: {path}:3: 'stated_on'" in err
    assert "2025-13-01" in err and "there is no commitment" not in err
    assert main(["show", str(path), "good2", "--allow-errors", "--as-of", "2025-05-01"]) == 2
    assert "did you mean the id 'good'?" in capsys.readouterr().err
