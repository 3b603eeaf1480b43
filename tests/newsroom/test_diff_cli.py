"""`ledger diff`: what changed between two as-of days, and between two versions of a ledger."""

import json

import pytest

from ledger.cli import main
from tests.newsroom.browsing_cli import EXAMPLE_YAML, RUSSIA_UKRAINE, SPREADSHEET, copy_fixture, ledger


def test_diff_between_two_days_is_markdown_a_desk_can_paste():
    """A week of the Budapest summit: the heading, the new commitments, and the two broken ones with evidence."""
    done = ledger("diff", RUSSIA_UKRAINE, "--from", "2025-10-10", "--to", "2025-10-24")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "## What changed from 10 October 2025 to 24 October 2025"
    assert "**New commitments (2)**" in lines and "**Broken (2)**" in lines
    broken = lines[lines.index("**Broken (2)**") + 2 :]
    assert broken[0].startswith("- `trump-budapest-summit` Donald Trump: ")
    assert "— reported broken: cancelled, refused, or contrary action (21 Oct 2025, [evidence](<https://" in broken[0]


def test_diff_between_two_days_as_json(capsys):
    """--json: the interval and every section by name, each entry with its id and statuses before and after."""
    assert main(["diff", str(EXAMPLE_YAML), "--from", "2025-03-01", "--to", "2025-04-08", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert (view["from"], view["to"]) == ("2025-03-01", "2025-04-08")
    ids = {name: [e["id"] for e in entries] for name, entries in view["sections"].items() if entries}
    assert ids == {
        "new": ["bridge-reopening", "budget-plan", "bridge-reopening-2", "tram-timetable"],
        "came_due": ["budget-plan", "bridge-reopening-2"],
        "late": ["bridge-reopening-2"],
        "partial": ["budget-plan"],
        "superseded": ["bridge-reopening"],
    }
    late = view["sections"]["late"][0]
    assert (late["status_before"], late["status_after"], late["resolved_on"]) == (None, "late", "2025-04-07")


def test_diff_between_two_days_reads_the_csv_pair():
    """The CSV pair folder: the new restatement of the pool repair, and its breaking."""
    done = ledger("diff", SPREADSHEET, "--from", "2025-03-01", "--to", "2025-05-05")
    assert done.returncode == 0, done.stderr
    assert "**New commitments (1)**\n\n- `pool-repair-2` Councillor Ben Sample:" in done.stdout
    assert "**Broken (1)**\n\n- `pool-repair-2` Councillor Ben Sample:" in done.stdout
    assert "**Deadlines that came due (2)**" in done.stdout


def test_diff_each_day_is_as_known_then(tmp_path, capsys):
    """An outcome recorded after the later day is not news yet: each side is judged as known on its day."""
    path = tmp_path / "l.yaml"
    path.write_text(
        "commitments:\n  - id: a\n    actor: X\n    stated_on: 2025-01-01\n    text: t\n    deadline: by March\n"
        "    sources: [{url: https://example.org/a}]\n    events:\n"
        "      - {on: 2025-02-01, recorded_on: 2025-02-20, type: fulfilled, sources: [{url: https://example.org/b}]}\n",
        encoding="utf-8",
    )
    assert main(["diff", str(path), "--from", "2025-02-01", "--to", "2025-02-10", "--json"]) == 0
    assert not any(json.loads(capsys.readouterr().out)["sections"].values())
    assert main(["diff", str(path), "--from", "2025-02-10", "--to", "2025-02-20", "--json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)["sections"]["kept"]] == ["a"]


def test_diff_with_nothing_new_says_so(capsys):
    """An interval in which nothing happened: the heading and one sentence."""
    assert main(["diff", str(EXAMPLE_YAML), "--from", "2025-06-01", "--to", "2025-06-08"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Nothing changed: ")


def _edited(tmp_path):
    old = copy_fixture(EXAMPLE_YAML, tmp_path)
    text = old.read_text(encoding="utf-8")
    text = text.replace("deadline: very soon", "deadline: by the end of April")
    text = text.replace("    on: 2025-04-20\n    type: note", "    on: 2025-04-20\n    type: fulfilled")
    text = text.replace(
        "      - on: 2025-03-28\n        type: partial\n"
        "        note: A summary was published; the full draft was not.\n"
        "        sources:\n          - url: https://example.org/news/budget-summary\n"
        "            title: Budget summary released\n",
        "",
    )
    text += "  - commitment_id: bridge-reopening\n    on: 2025-03-10\n    type: note\n    note: On schedule.\n"
    new = tmp_path / "new.yaml"
    new.write_text(text, encoding="utf-8")
    return old, new


def test_diff_two_versions_lists_records_and_verdicts_that_changed(tmp_path):
    """OLD NEW: the changed field, the events added, removed and edited, and the verdict that moved."""
    old, new = _edited(tmp_path)
    done = ledger("diff", old, new, "--as-of", "2025-06-01")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert (
        "**Commitments changed (1)**\n\n- `tram-timetable` City Transit Agency: Publish the new tram timetable: "
        "deadline “very soon” → “by the end of April”"
    ) in out
    assert "**Events added (1)**\n\n- `bridge-reopening` 10 Mar 2025 note: On schedule." in out
    assert "**Events removed (1)**\n\n- `budget-plan` 28 Mar 2025 partial: A summary" in out
    assert "**Events changed (1)**\n\n- `tram-timetable` 20 Apr 2025 fulfilled: type “note” → “fulfilled”" in out
    assert (
        "- `tram-timetable`: lapsed → kept (fulfilled on or before the latest due date); "
        "latest due date 15 Apr 2025 → 30 Apr 2025"
    ) in out


def test_diff_two_versions_as_json(tmp_path, capsys):
    """--json of OLD NEW: the records and the verdict rows, each with its change."""
    old, new = _edited(tmp_path)
    assert main(["diff", str(old), str(new), "--as-of", "2025-06-01", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    (changed,) = view["commitments"]
    assert (changed["id"], changed["change"], changed["fields"]) == ("tram-timetable", "changed", "deadline")
    assert changed["deadline"] == "by the end of April" and changed["was"] == {"deadline": "very soon"}
    assert changed["now"] == {"deadline": "by the end of April"}
    assert sorted((e["commitment_id"], e["change"]) for e in view["events"]) == [
        ("bridge-reopening", "added"),
        ("budget-plan", "removed"),
        ("tram-timetable", "changed"),
    ]
    moved = {v["id"]: (v["status_before"], v["status_after"]) for v in view["verdicts"]}
    assert moved["tram-timetable"] == ("lapsed", "kept")


def test_diff_two_versions_of_a_csv_pair(tmp_path, capsys):
    """Two versions of a CSV pair folder: a new event row is an event added, and its verdict moves."""
    old = copy_fixture(SPREADSHEET, tmp_path / "old")
    new = copy_fixture(SPREADSHEET, tmp_path / "new")
    with open(new / "events.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("pool-repair,2025-03-01,fulfilled,Pool reopened.,,https://example.org/e,,,\n")
    assert main(["diff", str(old), str(new), "--as-of", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "**Events added (1)**\n\n- `pool-repair` 1 Mar 2025 fulfilled: Pool reopened." in out
    assert "- `pool-repair`: lapsed → kept" in out


def test_diff_of_a_file_with_itself_is_no_change(capsys):
    """The same ledger twice: one sentence saying nothing changed."""
    assert main(["diff", str(EXAMPLE_YAML), str(EXAMPLE_YAML), "--as-of", "2025-06-01"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("No change: ")


@pytest.mark.parametrize(
    "args, sentence",
    [
        ([str(EXAMPLE_YAML)], "give --from DATE --to DATE"),
        ([str(EXAMPLE_YAML), "--to", "2025-04-01"], "--from and --to go together"),
        ([str(EXAMPLE_YAML), "--from", "2025-04-01", "--to", "2025-04-01"], "must be before --to"),
        ([str(EXAMPLE_YAML), "--from", "2025-03-01", "--to", "2025-04-01", "--as-of", "2025-04-01"], "--as-of is for"),
        ([str(EXAMPLE_YAML), str(EXAMPLE_YAML), str(EXAMPLE_YAML)], "or two versions OLD NEW"),
    ],
)
def test_diff_misuse_is_a_sentence_and_status_2(args, sentence, capsys):
    """Arguments that fit neither form: one sentence saying what to give, exit 2."""
    assert main(["diff", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and sentence in captured.err
