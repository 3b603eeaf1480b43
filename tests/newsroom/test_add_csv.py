"""Issue 15: `ledger add` on the CSV pair: a new last row of commitments.csv or events.csv, nothing else changed."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import load
from ledger.cli import main
from ledger.io.append import append_commitment, append_event

ROOT = Path(__file__).resolve().parents[2]
PAIR = ROOT / "fixtures" / "examples" / "spreadsheet"
COMMITMENT = {"id": "night-trams", "actor": "Ben Sample", "stated_on": "2025-05-01", "text": "Run night trams",
              "deadline": "by June", "sources": [{"url": "https://example.org/trams"}]}  # fmt: skip


@pytest.fixture
def pair(tmp_path):
    shutil.copytree(PAIR, tmp_path / "pair")
    return tmp_path / "pair"


@pytest.mark.parametrize("given_as", [".", "commitments.csv", "events.csv"])
def test_add_commitment_appends_a_row_to_commitments_csv(pair, capsys, given_as):
    """The pair is named by its folder or either file; the row goes to commitments.csv, after every old byte."""
    before = (pair / "commitments.csv").read_bytes()
    argv = ["add", "commitment", str(pair / given_as), "--id", "night-trams", "--actor", "Ben Sample"]
    argv += ["--said-on", "2025-05-01", "--deadline", "by June", "--text", "Run night trams, buses"]
    argv += ["--url", "https://example.org/trams", "--tag", "transit", "--tag", "nights", "--as-of", "2025-07-01"]
    assert main(argv) == 0
    after = (pair / "commitments.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == (
        b'night-trams,Ben Sample,2025-05-01,"Run night trams, buses",by June,,,,transit | nights,'
        b"https://example.org/trams,,,\n"
    )
    assert (pair / "events.csv").read_bytes() == (PAIR / "events.csv").read_bytes()
    out = capsys.readouterr().out
    assert "commitments.csv, line 5" in out and "as of 1 Jul 2025: lapsed" in out
    c = load(pair).ledger.commitment("night-trams")
    assert c.actor == "Councillor Ben Sample" and c.tags == ("transit", "nights")


def test_add_event_appends_a_row_to_events_csv(pair, capsys):
    """An event is a new last row of events.csv; its commitment's verdict is printed."""
    before = (pair / "events.csv").read_bytes()
    argv = ["add", "event", str(pair), "pool-repair-2", "--type", "fulfilled", "--on", "2025-08-01"]
    assert main([*argv, "--url", "https://example.org/pool-open", "--note", "Open again", "--as-of", "2025-09-01"]) == 0
    after = (pair / "events.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == b"pool-repair-2,2025-08-01,fulfilled,Open again,,https://example.org/pool-open,,,\n"
    assert "as of 1 Sep 2025: late" in capsys.readouterr().out


def test_a_missing_events_csv_is_started_with_its_header(pair):
    """A pair without events.csv gets one, with the header dump_csv writes."""
    (pair / "events.csv").unlink()
    added = append_event(pair, {"commitment_id": "library-hours", "type": "note", "on": "2025-03-01"})
    assert added.ok, added.refusal
    lines = (pair / "events.csv").read_text().splitlines()
    assert lines[0].startswith("commitment_id,on,type,note") and lines[1].startswith("library-hours,2025-03-01,note")
    assert load(pair).ok


def test_the_file_s_own_columns_delimiter_line_endings_and_setting_are_kept(tmp_path):
    """A spreadsheet's file: '# dates: dmy', semicolons, CRLF, columns in its own order: the row follows them."""
    folder = tmp_path / "p"
    folder.mkdir()
    text = (
        "# dates: dmy\r\nsource_url;id;actor;stated_on;text;deadline\r\nhttps://example.org/a;a;X;3/2/2025;t;soon\r\n"
    )
    (folder / "commitments.csv").write_bytes(text.encode())
    added = append_commitment(folder, {**COMMITMENT, "stated_on": "1/5/2025"})
    assert added.ok, added.refusal
    assert (folder / "commitments.csv").read_bytes() == (
        text + "https://example.org/trams;night-trams;Ben Sample;1/5/2025;Run night trams;by June\r\n"
    ).encode()
    assert added.record.stated_on.isoformat() == "2025-05-01"


def test_a_value_with_no_column_is_refused_with_a_sentence(tmp_path):
    """A topic given for a file with no topic column: refused, saying which column to add."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "commitments.csv").write_text("id,actor,stated_on,text,deadline,source_url\n")
    added = append_commitment(folder, {**COMMITMENT, "topic": "transit"})
    assert not added.ok and "no 'topic' column" in added.refusal
    assert (folder / "commitments.csv").read_text() == "id,actor,stated_on,text,deadline,source_url\n"


def test_a_bad_row_is_refused_with_the_loader_s_error(pair):
    """A commitment id already used: the loader's duplicate_id, and the file unchanged."""
    added = append_commitment(pair, {**COMMITMENT, "id": "pool-repair"})
    assert not added.ok and [e.code for e in added.errors] == ["duplicate_id"]
    assert added.errors[0].line == 5
    assert (pair / "commitments.csv").read_bytes() == (PAIR / "commitments.csv").read_bytes()


cells = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|"), min_size=1, max_size=40)


# Text that starts like a protected cell ("'=x") must come back with its apostrophe.
protected_starts = st.sampled_from(["", "'", "''", "=", "'=", "''+", "'-", "@"])


@settings(max_examples=40)  # each example copies, writes and loads the pair
@given(
    text=st.builds(str.__add__, protected_starts, cells).filter(str.strip),
    quote=st.builds(str.__add__, protected_starts, cells).filter(str.strip),
)
def test_any_text_reads_back_from_the_csv_row(tmp_path_factory, text, quote):
    """Commas, quotes, formula starts, apostrophes, any script: the row reads back with exactly the words given."""
    folder = tmp_path_factory.mktemp("p") / "pair"
    shutil.copytree(PAIR, folder)
    source = {"url": "https://example.org/q", "quote": quote}
    added = append_commitment(folder, {**COMMITMENT, "text": text, "sources": [source]})
    assert added.ok, added.refusal
    c = load(folder).ledger.commitment("night-trams")
    assert (c.text, c.sources[0].quote) == (text, quote)


def test_add_to_the_pair_as_real_subprocesses(pair):
    """`python -m ledger add` on the pair, then `ledger check`: clean, one more commitment and one more event."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "ledger", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip

    argv = ["--id", "night-trams", "--actor", "Ben Sample", "--said-on", "2025-05-01", "--deadline", "by June"]
    first = run("add", "commitment", str(pair), *argv, "--text", "Run night trams", "--url", "https://example.org/t")
    assert first.returncode == 0, first.stderr
    second = run("add", "event", str(pair / "events.csv"), "night-trams", "--type", "broken", "--on", "2025-06-02",
                 "--url", "https://example.org/no", "--json")  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert '"status": "broken"' in second.stdout
    checked = run("check", str(pair))
    assert checked.returncode == 0 and checked.stdout.startswith("4 commitments, 3 events, no problems")


def test_a_typed_apostrophe_before_a_formula_start_is_kept(pair):
    """The text "'=SUM(A1)' is what he typed" is written with one more apostrophe, and reads back as typed."""
    typed = "'=SUM(A1)' is what he typed"
    added = append_commitment(pair, {**COMMITMENT, "text": typed})
    assert added.ok and added.record.text == typed
    assert load(pair).ledger.commitment("night-trams").text == typed
    assert (pair / "commitments.csv").read_text().splitlines()[-1].split(",")[3] == "''=SUM(A1)' is what he typed"


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--tag", "a | b", "tags"),
        ("--url", "https://e.org/1 | https://e.org/2", "source 1's url"),
        ("--title", "A | B", "source 1's title"),
        ("--quote", "yes | no", "source 1's quote"),
    ],
)
def test_a_value_holding_the_separator_is_refused_for_a_csv_pair(pair, capsys, option, value, field):
    """In YAML a tag holding '|' is refused on load; in a CSV cell any such value would split: refused too."""
    before = (pair / "commitments.csv").read_bytes()
    args = ["--id", "night-trams", "--actor", "Ben Sample", "--said-on", "2025-05-01", "--deadline", "by June",
            "--text", "Run night trams", "--url", "https://example.org/trams", option, value]  # fmt: skip
    assert main(["add", "commitment", str(pair), *args]) == 1
    err = capsys.readouterr().err
    assert f"{field} {value!r} holds '|', and '|' separates values in a CSV cell" in err
    assert err.rstrip().endswith("nothing was added")
    assert (pair / "commitments.csv").read_bytes() == before


def test_an_event_s_title_holding_the_separator_is_refused(pair, capsys):
    before = (pair / "events.csv").read_bytes()
    commitment_id = load(pair).ledger.commitments[0].id
    args = [commitment_id, "--type", "note", "--on", "2025-06-01", "--url", "https://e.org/n", "--title", "A | B"]
    assert main(["add", "event", str(pair), *args]) == 1
    assert "source 1's title 'A | B' holds '|'" in capsys.readouterr().err
    assert (pair / "events.csv").read_bytes() == before
