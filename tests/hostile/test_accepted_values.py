"""Issue 19, item 7: a value `check` accepts never crashes a later command."""

import pytest
from ledgers import yaml_ledger

from ledger import load_text
from ledger.cli import main


@pytest.mark.parametrize("url", ["https://[oops/x", "https://example.org:port/x", "http:///nohost"])
def test_item7_tracebacks_from_values_check_accepted_bad_url(url):
    """A URL whose parts cannot be taken apart is a bad_url error on its line, at load."""
    result = load_text(yaml_ledger().replace("https://example.org/1", url), path="l.yaml")
    assert [(e.code, e.line) for e in result.errors] == [("bad_url", 15)]
    assert [c.id for c in result.ledger.commitments] == ["c0", "c2"]


@pytest.mark.parametrize("day", ["0001-01-01", "1677-09-20", "2262-04-12", "9999-12-31"])
def test_item7_tracebacks_from_values_check_accepted_stated_on(day):
    """A stated_on outside the years ledger judges is a bad_date error naming the range."""
    text = yaml_ledger().replace(
        "stated_on: 2025-03-03\n    text: Reopen bridge number 1", f"stated_on: {day}\n    text: x"
    )
    result = load_text(text, path="l.yaml")
    [error] = result.errors
    assert (error.code, error.line, error.field) == ("bad_date", 11, "stated_on")
    assert "1800-01-01 to 2199-12-31" in error.message


@pytest.mark.parametrize("command", ["report", "evaluate"])
@pytest.mark.parametrize("as_of", ["9999-06-01", "2925-01-01", "0001-01-01"])
def test_item7_tracebacks_from_values_check_accepted_as_of(command, as_of, tmp_path, capsys):
    """An --as-of too far is a usage error with a sentence, before any work."""
    out = ["-o", str(tmp_path / "r.html")] if command == "report" else ["--out", str(tmp_path)]
    with pytest.raises(SystemExit) as stop:
        main([command, "fixtures/examples", "--as-of", as_of, *out])
    assert stop.value.code == 2
    assert "is too far: ledger reads dates from 1800-01-01 to 2199-12-31" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["report", "fixtures/examples", "--as-of", "2025-06-01", "-o", "{tmp}"],
        ["tables", "fixtures/examples", "--out", "{tmp}/file"],
        ["evaluate", "fixtures/examples", "--as-of", "2025-06-01", "--out", "{tmp}/file"],
    ],
)
def test_item7_tracebacks_from_values_check_accepted_wrong_out(args, tmp_path, capsys):
    """A wrong --out or -o (a folder for a file, a file for a folder) is a sentence naming it, status 1."""
    (tmp_path / "file").write_text("x")
    assert main([a.replace("{tmp}", str(tmp_path)) for a in args]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path) in err and "nothing was replaced" in err and "Traceback" not in err
