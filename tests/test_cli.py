"""The ledger command, in-process and as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ledger import read_tables
from ledger.cli import main

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
    """--json prints a list of {code, path, line, field, message}."""
    assert main(["check", "--json", str(INVALID)]) == 1
    errors = json.loads(capsys.readouterr().out)
    expected = json.loads((INVALID / "expected.json").read_text())
    planted = sum(len(v) for k, v in expected.items() if not k.startswith("_") and k != "no_ledger_files")
    assert len(errors) == planted
    assert set(errors[0]) == {"code", "path", "line", "field", "message"}


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
