"""The ledger command, in-process and as a real subprocess."""

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import build_report, load, read_tables
from ledger.cli import main
from ledger.core.formats import SMALL_N
from ledger.report.content import report_summary_rows
from ledger.report.summary import SUMMARY_COLUMNS, TERMINAL_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "tests" / "invalid"
EXAMPLES = ROOT / "fixtures" / "examples"


def test_check_clean_ledger_prints_summary_and_exits_0(capsys):
    """A clean ledger: exit 0 and one summary line."""
    assert main(["check", str(EXAMPLES)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "7 commitments, 6 events, no problems"


def test_check_prints_each_error_with_location_and_entry(capsys):
    """Errors go to stderr as path:line: message, then the entry, and exit 1."""
    assert main(["check", str(INVALID / "bad_date.yaml")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{INVALID / 'bad_date.yaml'}:4: 'stated_on'")
    assert err[1].strip() == "- id: bd-month-13"
    assert err[-1] == "0 commitments, 0 events, 1 problem"


def test_check_json_lists_every_error(capsys):
    """--json prints a list of {code, severity, path, line, field, message}."""
    assert main(["check", "--json", str(INVALID)]) == 1
    errors = json.loads(capsys.readouterr().out)
    expected = json.loads((INVALID / "expected.json").read_text())
    planted = sum(len(v) for k, v in expected.items() if not k.startswith("_") and k != "no_ledger_files")
    assert len([e for e in errors if e["severity"] == "error"]) == planted
    # the one deadline as said that cannot be read is a warning: its commitment is kept
    assert [(e["code"], e["line"]) for e in errors if e["severity"] == "warning"] == [("deadline_not_read", 6)]
    assert set(errors[0]) == {"code", "severity", "path", "line", "field", "message"}


def test_tables_writes_parquet_that_reads_back(tmp_path, capsys):
    """`ledger tables` writes both tables; they read back into the loaded ledger."""
    assert main(["tables", str(EXAMPLES), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "commitments.parquet" in out and "events.parquet" in out
    assert len(read_tables(tmp_path / "out")) == 7


def test_tables_refuses_to_write_a_ledger_with_errors(tmp_path, capsys):
    """With problems, nothing is written unless --allow-errors."""
    assert main(["tables", str(INVALID / "supersedes_twice.yaml"), "--out", str(tmp_path)]) == 1
    assert not list(tmp_path.iterdir())
    assert "nothing written" in capsys.readouterr().err
    assert main(["tables", str(INVALID / "supersedes_twice.yaml"), "--out", str(tmp_path), "--allow-errors"]) == 1
    assert len(read_tables(tmp_path)) == 2


def test_help_names_every_command(capsys):
    """--help lists the subcommands with a line each."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("check", "tables"):
        assert command in out


def test_python_dash_m_ledger_runs_check_as_a_subprocess():
    """`python -m ledger check` works the same as the console script."""
    done = subprocess.run(
        [sys.executable, "-m", "ledger", "check", str(INVALID / "unknown_field.yaml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "did you mean 'deadline'?" in done.stderr
    assert done.stderr.splitlines()[-1] == "0 commitments, 0 events, 2 problems"


def test_python_dash_m_ledger_version():
    """The version flag prints the library version."""
    done = subprocess.run([sys.executable, "-m", "ledger", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("ledger ")


ARTICLE = (
    "MOSCOW, Oct 16 - President Donald Trump said on Thursday he would meet Vladimir Putin in Budapest "
    "in two weeks or so. The Kremlin said preparations would begin in the coming days.\n"
)


def test_extract_writes_candidates_that_check_accepts_once_confirmed(tmp_path, capsys):
    """`ledger extract` with the article's url writes YAML that `ledger check` accepts."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    out = tmp_path / "candidates.yaml"
    assert (
        main(["extract", str(article), "--on", "2025-10-16", "--url", "https://example.org/story", "-o", str(out)]) == 0
    )
    text = out.read_text()
    assert "deadline: in two weeks or so" in text and "candidate" in text
    capsys.readouterr()
    assert main(["check", str(out)]) == 0


def test_check_warns_about_every_unconfirmed_candidate(tmp_path, capsys):
    """Each entry still tagged 'candidate' is a warning with file and line: exit 0, or 1 with --strict."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    out = tmp_path / "candidates.yaml"
    main(["extract", str(article), "--on", "2025-10-16", "--url", "https://example.org/story", "-o", str(out)])
    lines = out.read_text().splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if line.startswith("- id: ")]
    capsys.readouterr()
    assert main(["check", "--json", str(out)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(w["code"], w["severity"], w["path"], w["line"]) for w in found] == [
        ("candidate", "warning", str(out), line) for line in starts
    ]
    assert main(["check", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{out}:{starts[0]}: warning: commitment" in err and "still tagged 'candidate'" in err
    assert main(["check", "--strict", str(out)]) == 1
    # Once confirmed (the tag removed), nothing is queried.
    out.write_text(out.read_text().replace("  - candidate\n", "").replace("  tags:\n", ""))
    assert main(["check", "--strict", str(out)]) == 0


def test_extract_without_url_cannot_pass_check_unconfirmed(tmp_path, capsys):
    """Without --url each candidate holds a placeholder that check refuses until it is filled in."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    out = tmp_path / "candidates.yaml"
    assert main(["extract", str(article), "--on", "2025-10-16", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", "--json", str(out)]) == 1
    errors = json.loads(capsys.readouterr().out)
    assert errors and {e["code"] for e in errors} == {"bad_url"}


def test_extract_json_from_stdin(monkeypatch, capsys):
    """With no file, extract reads stdin; --json prints one object per candidate."""
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    assert main(["extract", "--on", "2025-10-16", "--json"]) == 0
    candidates = json.loads(capsys.readouterr().out)
    assert any(c["actor"] == "Donald Trump" for c in candidates)


def test_extract_url_with_several_files_is_a_usage_error(tmp_path, capsys):
    """--url names one article, so it is refused with several files."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text(ARTICLE)
    assert main(["extract", str(a), str(b), "--url", "https://example.org/x"]) == 2


def _twelve_and_a_half_percent(tmp_path) -> Path:
    """A ledger where A kept 2 of 16 deadlines (12.5%, at the rounding edge) and B kept 1 of 3 (below SMALL_N)."""
    entries = []
    for actor, n, kept in (("Actor A", 16, 2), ("Actor B", 3, 1)):
        for i in range(n):
            entry = (
                f"  - id: {actor[-1].lower()}-{i}\n    actor: {actor}\n    stated_on: 2025-01-01\n"
                f"    text: Deliver thing {i}\n    deadline: in two weeks\n"
                f"    sources: [{{url: 'https://example.org/{i}'}}]\n"
            )
            if i < kept:
                entry += "    events: [{on: 2025-01-05, type: fulfilled}]\n"
            entries.append(entry)
    path = tmp_path / "ledger.yaml"
    path.write_text("commitments:\n" + "".join(entries), encoding="utf-8")
    return path


def _table(out: str) -> dict[str, list[str]]:
    """The terminal table's rows by their first cell, split on runs of two spaces."""
    lines = [line for line in out.splitlines() if line and not line.startswith(("as of", "wrote"))]
    return {cells[0]: cells for cells in (re.split(r"\s{2,}", line) for line in lines)}


def test_evaluate_prints_percentages_in_the_house_style(tmp_path, capsys):
    """2 of 16 is 13% (halves up, as the report writes it), and a group below SMALL_N gets no percentage."""
    path = _twelve_and_a_half_percent(tmp_path)
    assert main(["evaluate", str(path), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    rows = _table(out)
    assert rows["actor"][-2:] == ["kept on time", "95% interval"]
    # 2/16 = 0.125: 12.5 + 0.5 floors to 13 (Python's '{:.0%}' gives 12%, rounding half to even)
    assert rows["Actor A"][-2] == "2 of 16 · 13%"
    assert rows["Actor B"][-2] == "1 of 3" and SMALL_N > 3
    assert rows["All"][-2] == "3 of 19 · 16%"  # 3/19 = 0.1579
    assert out.startswith("as of 1 June 2025\n")


def test_evaluate_terminal_table_is_the_report_table(tmp_path, capsys):
    """Every row the terminal prints has the same counts, kept cell and interval as the report's summary table."""
    fixture = ROOT / "fixtures" / "russia-ukraine-2025.yaml"
    assert main(["evaluate", str(fixture), "--as-of", "2025-10-17", "--out", str(tmp_path)]) == 0
    rows = _table(capsys.readouterr().out)
    report = build_report(load(fixture).ledger, as_of=dt.date(2025, 10, 17))
    expected = report_summary_rows(report)
    assert set(rows) - {"actor"} == {row.label for row in expected}
    column_of = {label: column for column, label in SUMMARY_COLUMNS}
    shown = [column_of[label] for label in rows["actor"][1:-2]]
    assert set(TERMINAL_COLUMNS) <= set(shown)
    for row in expected:
        cells = rows[row.label]
        assert cells[1:-2] == [str(row.counts[c]) for c in shown], row.label
        assert cells[-2:] == [row.kept, row.interval], row.label
        # every status a row counts is shown, so the status columns add up to "said"
        assert sum(row.counts[c] for c in shown if c not in ("n", "n_due")) == row.counts["n"], row.label
    assert rows["All"][-2] == "3 of 21 · 14%" and rows["Donald Trump"][-2] == "1 of 9"


@pytest.mark.parametrize("by", ["", "actor,topic"])
def test_evaluate_by_none_or_two_columns_ends_with_all(tmp_path, capsys, by):
    """With no grouping the table is the 'All' row alone; with two columns it ends with one."""
    assert main(["evaluate", str(EXAMPLES), "--as-of", "2025-06-01", "--by", by, "--out", str(tmp_path)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(("as of", "wrote"))]
    assert lines[-1].startswith("All ") and sum(line.startswith("All ") for line in lines) == 1
    assert lines[0].split()[: 2 if by else 1] == (["actor", "topic"] if by else ["group"])


def test_terminal_dates_are_the_house_style(tmp_path, capsys):
    """`evaluate`, `report` and `parse` write dates as the report does (17 October 2025, 6 Nov 2025), never ISO."""
    fixture = str(ROOT / "fixtures" / "russia-ukraine-2025.yaml")
    assert (
        main(["evaluate", fixture, "--as-of", "2025-10-17", "--known-as-of", "2025-10-01", "--out", str(tmp_path)]) == 0
    )
    evaluated = capsys.readouterr().out
    assert evaluated.startswith("as of 17 October 2025, as known on 1 October 2025\n")
    assert main(["report", fixture, "--as-of", "2025-10-17", "-o", str(tmp_path / "r.html")]) == 0
    reported = capsys.readouterr().out
    assert reported.rstrip().endswith("(html, as of 17 October 2025, 25 commitments)")
    assert main(["parse", "two weeks or so", "eventually", "--on", "2025-10-16"]) == 0
    parsed = capsys.readouterr().out.splitlines()
    assert parsed[0] == "'two weeks or so': 16 Oct 2025 .. due 30 Oct 2025 .. latest 6 Nov 2025 [duration, duration]"
    assert parsed[2].startswith("'eventually': 16 Oct 2025 .. due – .. latest open [open, ")
    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    human = [line for line in evaluated.splitlines() + reported.splitlines() if not line.startswith("wrote /")]
    assert not [line for line in human + parsed[::2] if iso.search(line)]


def test_the_tutorial_shows_what_evaluate_prints(tmp_path, capsys, monkeypatch):
    """docs/tutorial.md's sample of `ledger evaluate` is the command's actual output (file lines aside)."""
    tutorial = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ ledger evaluate (.+?) --out \S+\n(.*?)```", tutorial, re.S)
    assert block is not None
    monkeypatch.chdir(ROOT)
    assert main(["evaluate", *block.group(1).split(), "--out", str(tmp_path)]) == 0
    printed = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("wrote ")]
    assert printed == block.group(2).splitlines()


@pytest.mark.parametrize(
    "article, said",
    [(ARTICLE, "2 candidates written"), ("Ada Ruiz said she would quit by Friday.\n", "1 candidate written")],
)
def test_extract_counts_in_words(tmp_path, capsys, article, said):
    """The note on stderr counts candidates in the house style: '1 candidate', '2 candidates', never 'candidate(s)'."""
    path = tmp_path / "article.txt"
    path.write_text(article)
    assert main(["extract", str(path), "--on", "2025-10-16", "-o", str(tmp_path / "c.yaml")]) == 0
    assert capsys.readouterr().err.startswith(said + " to ")


FIXTURE = str(ROOT / "fixtures" / "russia-ukraine-2025.yaml")


@pytest.mark.parametrize(
    "argv, named",
    [
        (["evaluate", FIXTURE, "--as-of", "2025-10-17", "--out", "{file}"], "{file}"),
        (["tables", FIXTURE, "--out", "{file}"], "{file}"),
        (["report", FIXTURE, "--as-of", "2025-10-17", "-o", "{missing}/r.html"], "{missing}/r.html"),
        (["parse", "--file", "{missing}/phrases.txt"], "{missing}/phrases.txt"),
    ],
)
def test_a_path_that_cannot_be_used_is_a_sentence_not_a_traceback(tmp_path, capsys, argv, named):
    """A missing folder, or a file where a folder should be, exits 1 naming the path the user gave."""
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    fill = {"missing": str(tmp_path / "no" / "such"), "file": str(a_file)}
    argv = [arg.format(**fill) for arg in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("ledger: " + named.format(**fill) + ": ") and "Traceback" not in err
    assert a_file.read_text() == "x"  # nothing was replaced


def test_report_refuses_a_suffix_it_cannot_write(tmp_path, capsys):
    """'-o report.pdf' would get HTML under a PDF's name: refused, and nothing is written."""
    target = tmp_path / "report.pdf"
    assert main(["report", FIXTURE, "--as-of", "2025-10-17", "-o", str(target)]) == 2
    assert "cannot write .pdf files" in capsys.readouterr().err and not target.exists()
    assert main(["report", FIXTURE, "--as-of", "2025-10-17", "-o", str(target), "--format", "html"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_evaluate_by_tag_counts_a_commitment_in_each_of_its_tags(tmp_path, capsys):
    """`--by tag` writes a follow-through row per tag; a commitment with two tags is in both, once overall."""
    import pyarrow.parquet as pq

    assert main(["evaluate", FIXTURE, "--as-of", "2025-10-17", "--by", "tag", "--out", str(tmp_path)]) == 0
    table = pq.read_table(tmp_path / "follow_through_tag.parquet").to_pandas().set_index("tag")
    led = load(FIXTURE).ledger
    judged = [c for c in led.commitments if c.stated_on <= dt.date(2025, 10, 17)]
    for tag in {t for c in judged for t in c.tags}:
        assert table.loc[tag, "n"] == sum(tag in c.tags for c in judged)
    assert table["n"].sum() == sum(max(len(set(c.tags)), 1) for c in judged)
    # the terminal's 'All' row counts each commitment once
    assert re.search(rf"^All\s+{len(judged)}\s", capsys.readouterr().out, re.M)


def test_dates_mdy_reads_a_us_spreadsheet_in_every_loading_command(tmp_path, capsys):
    """--dates mdy reads 1/29/2025 in every loading command; without it, check says which order."""
    sheet = tmp_path / "sheet"
    sheet.mkdir()
    (sheet / "commitments.csv").write_text(
        "ID,Actor,Stated On,Text,Deadline,Source URL\n"
        "a,Ann Lee,1/29/2025,Open the bridge,in two weeks,https://example.org/a\n"
    )
    assert main(["check", str(sheet)]) == 1
    assert "pass --dates mdy" in capsys.readouterr().err
    assert main(["check", "--dates", "mdy", str(sheet)]) == 0
    assert main(["tables", "--dates", "mdy", str(sheet), "--out", str(tmp_path / "t")]) == 0
    assert read_tables(tmp_path / "t").commitments[0].stated_on == dt.date(2025, 1, 29)
    assert main(["evaluate", "--dates", "mdy", str(sheet), "--as-of", "2025-03-01", "--out", str(tmp_path / "e")]) == 0
    assert main(["report", "--dates", "mdy", str(sheet), "--as-of", "2025-03-01", "-o", str(tmp_path / "r.md")]) == 0
    assert main(["expect", "--dates", "mdy", str(sheet), "--actor", "Ann Lee", "--as-of", "2025-03-01"]) == 0
    assert main(["agree", "--dates", "mdy", str(sheet), str(sheet), "--as-of", "2025-03-01", "--resamples", "5"]) == 0
    assert main(["agree", str(sheet), str(sheet), "--as-of", "2025-03-01"]) == 1
