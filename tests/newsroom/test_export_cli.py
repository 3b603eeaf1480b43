"""`ledger export`: a result table as CSV (safe in a spreadsheet), JSON or Parquet, written atomically."""

import csv
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

from ledger import evaluate, load
from ledger.cli import main
from ledger.io.results import CHAINS_SCHEMA, VERDICTS_SCHEMA
from tests.newsroom.browsing_cli import FIXTURES, RUSSIA_UKRAINE, SPREADSHEET, ledger

EXAMPLES = FIXTURES / "examples"

HOSTILE = """\
commitments:
  - id: formula
    actor: "=HYPERLINK(\\"https://evil.example\\", \\"click\\")"
    stated_on: 2025-01-01
    text: "-2+3 more buses"
    deadline: by March
    topic: "@SUM(A1)"
    sources: [{url: https://example.org/a}]
  - id: plain
    actor: "+44 20 7946 0000"
    stated_on: 2025-01-01
    text: A plain promise
    deadline: by February
    sources: [{url: https://example.org/b}]
    events:
      - {on: 2025-03-01, type: fulfilled, sources: [{url: https://example.org/c}]}
"""


def test_export_verdicts_csv_has_every_row_and_iso_dates():
    """The verdicts of the fixture, as CSV on stdout: one row per commitment, the verdict columns, ISO dates."""
    done = ledger("export", RUSSIA_UKRAINE, "--as-of", "2025-10-17", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    verdicts = evaluate(load(RUSSIA_UKRAINE).ledger, as_of=dt.date(2025, 10, 17))
    assert [row["id"] for row in rows] == list(verdicts["id"])
    assert list(rows[0]) == VERDICTS_SCHEMA.names
    assert all(len(row["stated_on"]) == 10 and row["stated_on"][4] == "-" for row in rows)


def test_export_csv_makes_formula_cells_safe_and_leaves_numbers(tmp_path):
    """Text cells starting with =, +, - or @ get an apostrophe; numbers and dates are written as they are."""
    (tmp_path / "l.yaml").write_text(HOSTILE, encoding="utf-8")
    done = ledger("export", tmp_path / "l.yaml", "--as-of", "2025-06-01", "-o", tmp_path / "v.csv")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((tmp_path / "v.csv").read_text(encoding="utf-8")))}
    assert rows["formula"]["actor"] == '\'=HYPERLINK("https://evil.example", "click")'
    assert rows["formula"]["text"] == "'-2+3 more buses" and rows["formula"]["topic"] == "'@SUM(A1)"
    assert rows["plain"]["actor"] == "'+44 20 7946 0000" and rows["plain"]["text"] == "A plain promise"
    assert rows["plain"]["days_late"] == "1" and rows["plain"]["latest"] == "2025-02-28"
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_export_chains_as_json(capsys):
    """--table chains --format json: one object per chain, dates as text, missing values null."""
    assert main(["export", str(EXAMPLES), "--as-of", "2025-06-01", "--table", "chains", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and list(rows[0]) == CHAINS_SCHEMA.names
    bridge = next(row for row in rows if row["chain_id"] == "bridge-reopening")
    assert (bridge["n_commitments"], bridge["final_status"], bridge["first_due"]) == (2, "late", "2025-03-17")
    assert next(row for row in rows if row["chain_id"] == "tram-timetable")["days_late"] is None


def test_export_follow_through_by_topic_from_the_csv_pair(capsys):
    """The CSV pair's follow-through by topic: one row per topic, counts that add up."""
    args = ["export", str(SPREADSHEET), "--as-of", "2025-06-01", "--table", "follow_through", "--by", "topic"]
    assert main([*args, "--format", "json"]) == 0
    rows = {row["topic"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"libraries", "sports"}
    assert (rows["sports"]["n"], rows["sports"]["n_broken"], rows["sports"]["n_lapsed"]) == (2, 1, 1)


@pytest.mark.parametrize("table", ["verdicts", "chains", "follow_through", "survival"])
def test_export_parquet_is_checked_and_carries_its_as_of_day(table, tmp_path, capsys):
    """Each table as Parquet: readable, with the ledger's metadata and the as-of day."""
    out = tmp_path / f"{table}.parquet"
    assert main(["export", str(EXAMPLES), "--as-of", "2025-06-01", "--table", table, "-o", str(out)]) == 0
    read = pq.read_table(out)
    meta = {k.decode(): v.decode() for k, v in read.schema.metadata.items()}
    assert meta["ledger.table"] == table and meta["ledger.as_of"] == "2025-06-01"
    assert read.num_rows > 0
    assert f"wrote {out} ({table}" in capsys.readouterr().err


def test_export_replaces_a_file_whole_and_leaves_no_temporary_file(tmp_path):
    """-o over an existing file replaces it in one rename: the new text, and no temporary file beside it."""
    out = tmp_path / "v.json"
    out.write_text("old", encoding="utf-8")
    done = ledger("export", SPREADSHEET, "--as-of", "2025-06-01", "--format", "json", "-o", out)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.json"]


def test_export_that_fails_leaves_the_previous_file(tmp_path, capsys):
    """--strict refusing an unreadable deadline writes nothing: the earlier export is untouched."""
    (tmp_path / "l.yaml").write_text(HOSTILE.replace("deadline: by March", "deadline: when pigs fly"), encoding="utf-8")
    out = tmp_path / "v.csv"
    out.write_text("earlier export\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "l.yaml"), "--as-of", "2025-06-01", "--strict", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "earlier export\n"
    assert "nothing exported (--strict)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, status, sentence",
    [
        (["--format", "parquet"], 2, "Parquet is a binary file: give -o FILE.parquet"),
        (["--table", "follow_through", "--by", "topik"], 2, "did you mean the column 'topic'?"),
        (["-o", "/no/such/folder/v.csv"], 1, "nothing was replaced"),
    ],
)
def test_export_misuse_is_a_sentence(args, status, sentence, capsys):
    """A binary format to the terminal, an unknown column, a folder that does not exist: a sentence, no file."""
    assert main(["export", str(EXAMPLES), "--as-of", "2025-06-01", *args]) == status
    assert sentence in capsys.readouterr().err


@pytest.mark.parametrize("command", ["show", "list", "diff", "export"])
def test_each_command_help_shows_an_example(command):
    """`ledger COMMAND --help` ends with an example command line a user can copy."""
    done = ledger(command, "--help")
    assert done.returncode == 0
    assert "Example" in done.stdout and f"ledger {command} " in done.stdout.split("Example", 1)[1]
