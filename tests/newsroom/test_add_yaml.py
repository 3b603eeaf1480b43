"""Issue 15: `ledger add commitment` and `ledger add event` on a YAML ledger.

The entry is judged by the loader (the same error records as `ledger check`),
appended without touching a byte of the rest of the file, and its window and
verdict are printed back.
"""

import json
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
EXAMPLE = ROOT / "fixtures" / "examples" / "example.yaml"

NIGHT_TRAMS = [
    "--id", "night-trams", "--actor", "CTA", "--said-on", "2025-05-01", "--deadline", "by the end of June",
    "--text", "Run night trams", "--url", "https://example.org/trams", "--title", "Night trams promised",
]  # fmt: skip


@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def inserted(before: str, after: str) -> tuple[str, str]:
    """The text inserted into ``before`` to give ``after``, and ``after`` without it (it must be ``before``)."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    length = len(b) - len(a)
    return "".join(b[start : start + length]), "".join(b[:start] + b[start + length :])


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ledger", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_commitment_appends_to_the_commitments_and_keeps_every_other_byte(ledger_file, capsys):
    """The new commitment goes after the last one, before the comment that opens the events section."""
    before = ledger_file.read_text()
    assert main(["add", "commitment", str(ledger_file), *NIGHT_TRAMS, "--as-of", "2025-07-15"]) == 0
    out = capsys.readouterr().out
    new, rest = inserted(before, ledger_file.read_text())
    assert rest == before
    assert new.startswith("  - id: night-trams\n    actor: CTA\n    stated_on: 2025-05-01\n")
    assert "# Events may also stand on their own" in ledger_file.read_text().split("night-trams")[1]
    assert "added 'night-trams' to" in out and "line 78" in out
    assert "due 2025-06-30" in out and "the last day of June 2025" in out
    assert "as of 15 Jul 2025: lapsed" in out
    result = load(ledger_file)
    assert result.ok and result.ledger.commitment("night-trams").sources[0].title == "Night trams promised"


def test_add_event_goes_to_the_events_section_and_prints_the_new_verdict(ledger_file, capsys):
    """An event lands at the end of the top-level events list; the commitment's verdict is printed with it."""
    main(["add", "commitment", str(ledger_file), *NIGHT_TRAMS, "--as-of", "2025-07-15"])
    before = ledger_file.read_text()
    capsys.readouterr()
    argv = ["add", "event", str(ledger_file), "night-trams", "--type", "fulfilled", "--on", "2025-06-20"]
    assert main([*argv, "--url", "https://example.org/ran", "--note", "Trams ran.", "--as-of", "2025-07-15"]) == 0
    new, rest = inserted(before, ledger_file.read_text())
    assert rest == before and ledger_file.read_text().endswith(new)
    assert new.startswith("  - commitment_id: night-trams\n    on: 2025-06-20\n    type: fulfilled\n")
    out = capsys.readouterr().out
    assert "added fulfilled event of 'night-trams'" in out and "as of 15 Jul 2025: kept" in out
    assert [e.type for e in load(ledger_file).ledger.events_for("night-trams")] == ["fulfilled"]


def test_add_json_prints_the_window_and_the_verdict(ledger_file, capsys):
    """--json: the entry's place, its window (with the explanation) and its verdict."""
    assert main(["add", "commitment", str(ledger_file), *NIGHT_TRAMS, "--as-of", "2025-06-01", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["line"] == 78 and record["commitment_id"] == "night-trams"
    assert (
        record["entry"]["stated_on"] == "2025-05-01"
        and record["entry"]["sources"][0]["title"] == "Night trams promised"
    )
    assert record["window"]["latest"] == "2025-06-30" and "June 2025" in record["window"]["explanation"]
    assert record["verdict"]["status"] == "pending" and record["verdict"]["as_of"] == "2025-06-01"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (["--said-on", "2025-13-01"], "bad_date"),
        (["--id", "budget-plan"], "duplicate_id"),
        (["--url", "ftp://example.org/x"], "bad_url"),
        (["--supersedes", "no-such-commitment"], "supersedes_unknown"),
    ],
)
def test_a_bad_commitment_is_refused_with_the_error_ledger_check_gives(ledger_file, capsys, change, code):
    """The refusal is check's own error record (code, line, message), exit 1, and the file is not touched."""
    before = ledger_file.read_bytes()
    argv = NIGHT_TRAMS.copy()
    for flag, value in zip(change[::2], change[1::2]):
        if flag in argv:
            argv[argv.index(flag) + 1] = value
        else:
            argv += [flag, value]
    assert main(["add", "commitment", str(ledger_file), *argv, "--json"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert ledger_file.read_bytes() == before
    # The same entry typed into the file by hand: `ledger check --json` reports the same record.
    by_hand = ledger_file.with_name("by-hand.yaml")
    index = argv.index
    entry = (
        f"  - id: {argv[index('--id') + 1]}\n    actor: CTA\n    stated_on: {argv[index('--said-on') + 1]}\n"
        f"    text: Run night trams\n    deadline: by the end of June\n"
        + (f"    supersedes: {argv[index('--supersedes') + 1]}\n" if "--supersedes" in argv else "")
        + f"    sources:\n      - url: {argv[index('--url') + 1]}\n        title: Night trams promised\n"
    )
    text = before.decode()
    cut = text.index("\n\n# Events may also stand on their own") + 1
    by_hand.write_text(text[:cut] + entry + text[cut:])
    assert main(["check", str(by_hand), "--json"]) == 1
    checked = json.loads(capsys.readouterr().out)

    def same(errors, path):
        return [{**e, "path": None, "message": e["message"].replace(str(path), "FILE")} for e in errors]

    errors = same([e for e in checked if e["severity"] == "error"], by_hand)
    assert same(refused, ledger_file) == errors
    assert errors[0]["code"] == code


def test_a_refusal_prints_the_errors_as_check_does_and_exits_1(ledger_file, capsys):
    """Without --json, the error goes to stderr as `path:line: message` with the entry echoed."""
    argv = ["add", "event", str(ledger_file), "budget-plan", "--type", "fulfiled", "--on", "2025-04-20"]
    assert main([*argv, "--url", "https://example.org/x"]) == 1
    err = capsys.readouterr().err
    assert f"{ledger_file}:95: event 3 of the file has type 'fulfiled'" in err and "did you mean 'fulfilled'" in err
    assert "        type: fulfiled" in err
    assert "nothing was added" in err
    assert ledger_file.read_bytes() == EXAMPLE.read_bytes()


def test_an_event_for_an_unknown_commitment_is_refused(ledger_file):
    """The event's commitment must be in the ledger: the loader's unknown_commitment error."""
    added = append_event(ledger_file, {"commitment_id": "nope", "type": "note", "on": "2025-05-01"})
    assert not added.ok and [e.code for e in added.errors] == ["unknown_commitment"]
    assert ledger_file.read_bytes() == EXAMPLE.read_bytes()


def test_a_ledger_that_already_has_errors_is_not_added_to(tmp_path, capsys):
    """Adding to a broken file is refused with its errors, and a word to fix them first."""
    broken = tmp_path / "broken.yaml"
    shutil.copy(ROOT / "tests/invalid/bad_date.yaml", broken) if (ROOT / "tests/invalid/bad_date.yaml").exists() else (
        broken.write_text("commitments:\n  - id: a\n    actor: X\n    stated_on: 2025-02-30\n    text: t\n"
                          "    deadline: soon\n    sources: [{url: https://example.org}]\n")
    )  # fmt: skip
    before = broken.read_bytes()
    assert main(["add", "commitment", str(broken), *NIGHT_TRAMS]) == 1
    err = capsys.readouterr().err
    assert "already has" in err and f"ledger check {broken}" in err
    assert broken.read_bytes() == before


def test_a_warning_the_entry_brings_is_printed_and_the_entry_is_kept(ledger_file, capsys):
    """An unreadable deadline is a warning, as in `ledger check`: the entry is added, the warning shown."""
    argv = [*NIGHT_TRAMS]
    argv[argv.index("--deadline") + 1] = "fortnightish"
    assert main(["add", "commitment", str(ledger_file), *argv, "--as-of", "2025-07-15"]) == 0
    captured = capsys.readouterr()
    assert "warning: deadline of commitment 'night-trams'" in captured.err
    assert "unreadable" in captured.out
    assert load(ledger_file).ledger.commitment("night-trams").deadline == "fortnightish"


def test_add_starts_a_new_yaml_file(tmp_path, capsys):
    """A YAML ledger that does not exist yet is started with a commitments list."""
    path = tmp_path / "desk.yaml"
    assert main(["add", "commitment", str(path), *NIGHT_TRAMS, "--as-of", "2025-07-15"]) == 0
    assert path.read_text().startswith("commitments:\n  - id: night-trams\n")
    assert load(path).ok


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("commitments: []\n", 2),
        ("commitments:\n", 2),
        ("title: T\ncommitments:\n- id: a\n  actor: X\n  stated_on: 2025-01-01\n  text: t\n  deadline: soon\n"
         "  sources: [{url: https://example.org}]", 9),
        ("commitments:\r\n    - id: a\r\n      actor: X\r\n      stated_on: 2025-01-01\r\n      text: |\r\n"
         "        two\r\n        lines\r\n\r\n      deadline: soon\r\n      sources:\r\n"
         "        - url: https://example.org\r\n# the end\r\n", 12),
        ("# note\nactors:\n  - name: X\n", 5),
    ],
)  # fmt: skip
def test_add_fits_the_file_as_written(tmp_path, text, line):
    """Empty lists, no final newline, indentless lists, CRLF, block scalars, no commitments key: all appended to."""
    path = tmp_path / "l.yaml"
    path.write_bytes(text.encode())
    added = append_commitment(path, {"id": "new", "actor": "Y", "stated_on": "2025-02-01", "text": "t2",
                                     "deadline": "soon", "sources": [{"url": "https://example.org/y"}]})  # fmt: skip
    assert added.ok, added.refusal
    assert added.line == line
    after = path.read_bytes().decode()
    assert path.read_bytes().decode().splitlines()[line - 1].strip() == "- id: new"
    if "\r\n" in text:
        assert "\n" not in after.replace("\r\n", "")
    result = load(path)
    assert result.ok and result.ledger.commitments[-1].id == "new"


def test_a_flow_style_list_is_refused_with_a_sentence(tmp_path):
    """A non-empty '[...]' list cannot take an appended line: refused, saying how to write it."""
    path = tmp_path / "l.yaml"
    path.write_text("commitments: [{id: a, actor: X, stated_on: 2025-01-01, text: t, deadline: soon, "
                    "sources: [{url: 'https://example.org'}]}]\n")  # fmt: skip
    added = append_commitment(path, {"id": "b", "actor": "X", "stated_on": "2025-01-01", "text": "t",
                                     "deadline": "soon", "sources": [{"url": "https://example.org"}]})  # fmt: skip
    assert not added.ok and "flow style" in added.refusal


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=40)  # each example writes and loads the example ledger twice
@given(text=texts, quote=texts, topic=texts)
def test_any_text_reads_back_as_written(tmp_path_factory, text, quote, topic):
    """Whatever the words, the appended entry loads back with exactly those words, and the file before it is kept."""
    path = tmp_path_factory.mktemp("p") / "l.yaml"
    shutil.copy(EXAMPLE, path)
    source = {"url": "https://example.org/q", "quote": quote}
    added = append_commitment(path, {"id": "new", "actor": "CTA", "stated_on": "2025-02-01", "text": text,
                                     "deadline": "soon", "topic": topic, "sources": [source]})  # fmt: skip
    assert added.ok, added.refusal
    c = load(path).ledger.commitment("new")
    assert (c.text, c.topic, c.sources[0].quote) == (text, topic, quote)
    _, rest = inserted(EXAMPLE.read_text(), path.read_text())
    assert rest == EXAMPLE.read_text()


def test_add_as_real_subprocesses(tmp_path):
    """`python -m ledger add` commitment then event, then `ledger check`: clean, with both entries."""
    path = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, path)
    first = run("add", "commitment", str(path), *NIGHT_TRAMS, "--as-of", "2025-07-15")
    assert first.returncode == 0, first.stderr
    second = run("add", "event", str(path), "night-trams", "--type", "broken", "--on", "2025-06-02",
                 "--url", "https://example.org/no-trams", "--as-of", "2025-07-15")  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert "as of 15 Jul 2025: broken" in second.stdout
    checked = run("check", str(path))
    assert checked.returncode == 0 and checked.stdout.startswith("5 commitments, 5 events, no problems")


@pytest.mark.parametrize("kind", ["commitment", "event"])
def test_each_add_help_shows_an_example(kind, capsys):
    """`ledger add commitment --help` and `ledger add event --help` end with a runnable example."""
    with pytest.raises(SystemExit):
        main(["add", kind, "--help"])
    out = capsys.readouterr().out
    assert f"example:\n  ledger add {kind} desk.yaml" in out
