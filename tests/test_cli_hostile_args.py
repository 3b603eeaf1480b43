"""No traceback ever reaches a user: every subcommand, run as a real process, with bad arguments.

Each row is one command line a user could type, the exit status the README
documents for it, and a few words its one message must contain. The run must
print no Python traceback, whatever the status.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = str(ROOT / "fixtures" / "russia-ukraine-2025.yaml")
INVALID = str(ROOT / "tests" / "invalid")
BINARY = sys.executable  # a file that is certainly not text


def _run(args, tmp_path, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LEDGER_TRACEBACK", None)
    return subprocess.run(
        [sys.executable, "-m", "ledger", *args], capture_output=True, text=True, cwd=tmp_path, env=env, **kw
    )


# (command line, exit status, words of the message on stderr)
CASES = [
    ([], 2, "required: COMMAND"),
    (["frobnicate"], 2, "invalid choice"),
    (["check"], 2, "PATH"),
    (["check", "no-such-ledger.yaml"], 1, "no such file or folder"),
    (["check", BINARY], 1, "not a ledger file"),
    (["check", FIXTURE, "--dates", "ymd"], 2, "invalid choice: 'ymd'"),
    (["check", "--json", INVALID], 1, ""),
    (["tables", FIXTURE], 2, "--out"),
    (["tables", FIXTURE, "--out", FIXTURE], 1, "nothing was replaced"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "tags"], 2, "did you mean 'tag'?"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "party"], 2, "no column 'party'"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "actor,,Topic"], 2, "did you mean 'topic'?"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "tag", "--level", "chain"], 2, "--level commitment"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "actor,actor"], 2, "'actor' more than once"),
    (["evaluate", FIXTURE, "--out", "out", "--by", "status", "--over-time", "monthly"], 2, "cannot group by 'status'"),
    (["evaluate", FIXTURE, "--out", "out", "--as-of", "2025-13-01"], 2, "not a date: '2025-13-01'"),
    (["evaluate", FIXTURE, "--out", "out", "--as-of", "17/10/2025"], 2, "YYYY-MM-DD"),
    (["evaluate", FIXTURE, "--out", "out", "--level", "person"], 2, "invalid choice: 'person'"),
    (["evaluate", FIXTURE], 2, "--out"),
    (["evaluate", "no-such-ledger.yaml", "--out", "out"], 1, "no such file or folder"),
    (["evaluate", INVALID, "--out", "out"], 1, "nothing evaluated"),
    (["evaluate", FIXTURE, "--out", FIXTURE], 1, "nothing was replaced"),
    (["report", FIXTURE, "--by", "party"], 2, "invalid choice: 'party'"),
    (["report", FIXTURE, "-o", "report.pdf"], 2, "cannot write .pdf files"),
    (["report", FIXTURE, "-o", "no/such/folder/report.html"], 1, "nothing was replaced"),
    (["report", FIXTURE, "--format", "pdf"], 2, "invalid choice: 'pdf'"),
    (["report", FIXTURE, "--as-of", "yesterday"], 2, "not a date"),
    (["parse"], 2, "no phrases given"),
    (["parse", "soon", "--on", "2025-02-30"], 2, "not a date"),
    (["parse", "fortnightish", "--on", "2025-10-16"], 1, "fortnightish"),
    (["parse", "--file", "no-such-file.txt"], 1, "no-such-file.txt"),
    (["parse", "--file", BINARY], 1, "not UTF-8"),
    (["extract", "no-such-article.txt"], 1, "cannot read the article"),
    (["extract", BINARY], 1, "cannot read the article"),
    (["extract", "a.txt", "b.txt", "--url", "https://example.org"], 2, "--url names one article"),
    (["extract", "--on", "tomorrow"], 2, "not a date"),
    (["agree", FIXTURE], 2, "LEDGER"),
    (["agree", FIXTURE, FIXTURE, "--resamples", "0"], 2, "--resamples must be at least 1"),
    (["agree", FIXTURE, "no-such-ledger.yaml"], 1, "no such file or folder"),
    (["partition", FIXTURE], 2, "--out, --partitions"),
    (["partition", FIXTURE, "--out", "parts", "--partitions", "0"], 2, "at least 1"),
    (["evaluate", FIXTURE, "--out", "out", "--scheduler", "tcp://nowhere:1"], 2, "needs --engine dask"),
    (["expect", FIXTURE], 2, "--actor"),
    (["expect", FIXTURE, "--actor", "Nobody"], 2, "no commitment by 'Nobody'"),
    (["expect", "no-such-ledger.yaml", "--actor", "X"], 1, "no such file or folder"),
    (["add"], 2, "KIND"),
    (["add", "commitment", "new.yaml", "--id", "a"], 2, "the following arguments are required"),
    (
        [
            "add",
            "commitment",
            "new.yaml",
            *"--id a --actor X --said-on 2025-13-01 --deadline soon --text t".split(),
            "--url",
            "https://example.org",
        ],
        1,
        "is not a date",
    ),
    (
        ["add", "event", "new.yaml", "a", *"--type fulfilled --on 2025-06-01 --url https://example.org".split()],
        1,
        "new.yaml does not exist",
    ),
    (
        ["add", "event", "new.yaml", "a", *"--type fulfilled --on 2025-06-01 --url x --as-of soon".split()],
        2,
        "not a date: 'soon'",
    ),
    (["convert", FIXTURE], 2, "OUT"),
    (["convert", "no-such-ledger.yaml", "out.yaml"], 1, "no such file or folder"),
    (["convert", FIXTURE, "out.yaml", "--dates", "ymd"], 2, "invalid choice: 'ymd'"),
    # show, list, diff, export (ledger/cli/browsing.py)
    (["show", FIXTURE], 2, "ID"),
    (["show", FIXTURE, "trump-budapest"], 2, "did you mean the id 'trump-budapest-summit'"),
    (["show", "no-such-ledger.yaml", "x"], 1, "no such file or folder"),
    (["list", FIXTURE, "--sort", "deadlin"], 2, "did you mean the field 'deadline'"),
    (["list", FIXTURE, "--status", "done"], 2, "invalid choice: 'done'"),
    (["list", FIXTURE, "--actor", "Nobody"], 2, "no commitment has the actor 'Nobody'"),
    (["diff", FIXTURE], 2, "give --from DATE --to DATE"),
    (["diff", FIXTURE, "--from", "2025-10-17", "--to", "2025-10-10"], 2, "must be before --to"),
    (["diff", FIXTURE, "--from", "2025-10-10"], 2, "--from and --to go together"),
    (["diff", FIXTURE, "no-such-ledger.yaml", "--as-of", "2025-10-17"], 1, "no such file or folder"),
    (["export", FIXTURE, "--format", "parquet"], 2, "give -o FILE.parquet"),
    (["export", FIXTURE, "--table", "stats"], 2, "invalid choice: 'stats'"),
    (["export", FIXTURE, "-o", "no/such/folder/v.csv"], 1, "nothing was replaced"),
    (["export", FIXTURE, "-o", "verdicts.xlsx"], 2, "not 'xlsx'; name the file .csv"),
    (["export", FIXTURE, "-o", "/"], 1, "ledger: /: "),
    (["report", FIXTURE, "-o", "/"], 1, "ledger: /: "),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every row of CASES run as its own process, a few at a time (each pays for importing pandas)."""
    folder = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = pool.map(lambda case: _run(case[0], folder, input=""), CASES)
        return {tuple(case[0]): result for case, result in zip(CASES, done)}


@pytest.mark.parametrize("args, status, words", CASES, ids=[" ".join(c[0]) or "(none)" for c in CASES])
def test_bad_arguments_give_a_message_and_the_documented_status(args, status, words, runs):
    """The command exits with its documented status and a sentence, never a traceback."""
    done = runs[tuple(args)]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert done.returncode == status, done.stderr
    assert words in done.stderr


def test_every_subcommand_is_in_the_table():
    """Each subcommand the parser knows has at least one hostile row above."""
    from ledger.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) <= {case[0][0] for case in CASES if case[0]}


def _closed_early(args, tmp_path) -> subprocess.CompletedProcess:
    """Run a command whose output is closed after its first byte, as `| head -c 1` does."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "ledger", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    return subprocess.CompletedProcess(args, process.returncode, "", stderr)


def _many_errors(tmp_path) -> str:
    """A ledger with enough errors that `check --json` writes far more than a pipe holds."""
    entries = "".join(
        f"  - id: c{i}\n    actor: X\n    stated_on: 2025-13-{i % 28 + 1:02}\n    text: t\n    deadline: soon\n"
        f"    sources: [{{url: https://example.org/{i}}}]\n"
        for i in range(1500)
    )
    path = tmp_path / "big.yaml"
    path.write_text("commitments:\n" + entries)
    return str(path)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--json", "BIG"],
        ["parse", "--json", "--on", "2025-10-16", *(["two weeks or so"] * 2000)],
    ],
    ids=["check --json", "parse --json"],
)
def test_a_closed_pipe_ends_the_command_quietly(args, tmp_path):
    """`ledger check --json | head -1` and the like: status 141, no BrokenPipeError, no traceback."""
    args = [_many_errors(tmp_path) if a == "BIG" else a for a in args]
    done = _closed_early(args, tmp_path)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 141


def test_an_internal_error_is_one_sentence_with_its_status(tmp_path, monkeypatch, capsys):
    """A bug inside ledger reaches the user as one line asking for a report, status 70."""
    from ledger.cli import app

    def broken(args):
        raise KeyError("oops")

    monkeypatch.delenv("LEDGER_TRACEBACK", raising=False)
    parser = app.build_parser

    def patched():
        p = parser()
        p._subparsers._group_actions[0].choices["check"].set_defaults(run=broken)
        return p

    monkeypatch.setattr(app, "build_parser", patched)
    assert app.main(["check", FIXTURE]) == app.EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (KeyError: 'oops')" in err and "please report it" in err


def test_tables_edited_by_hand_are_refused_with_a_sentence_not_an_internal_error(tmp_path, capsys):
    """A folder of tables whose events file lost its metadata, or names a commitment that does not exist,
    is refused naming the file or folder and the value, on the batched and the whole-ledger path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ledger.cli import main

    for name, edit in (
        ("stripped", lambda t: t.replace_schema_metadata(None)),
        ("orphan", lambda t: t.set_column(0, t.schema.field(0), pa.array(["nope"] * t.num_rows))),
    ):
        folder = tmp_path / name
        assert main(["tables", FIXTURE, "--out", str(folder)]) == 0
        events = pq.read_table(folder / "events.parquet")
        assert events.schema.field(0).name == "commitment_id"
        pq.write_table(edit(events), folder / "events.parquet")
        for extra in ([], ["--by", "tag"]):
            capsys.readouterr()
            code = main(["evaluate", str(folder), "--as-of", "2025-06-01", "--out", str(tmp_path / "out"), *extra])
            err = capsys.readouterr().err
            assert code == 1 and "nothing evaluated" in err and "internal error" not in err, err
            assert ("schema version None" if name == "stripped" else "got 'nope'") in err
            assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("damage", ["not parquet", "cut short", "empty"])
def test_a_damaged_table_is_refused_with_its_path_not_an_internal_error(tmp_path, capsys, damage):
    """A commitments table that is not Parquet, lost its end, or is empty is refused naming the file,
    status 1, in batches and judged whole (--by tag); before, an internal error asked for a bug report."""
    from ledger.cli import main

    folder = tmp_path / "tables"
    assert main(["tables", FIXTURE, "--out", str(folder)]) == 0
    path = folder / "commitments.parquet"
    whole = path.read_bytes()
    path.write_bytes({"not parquet": b"garbage\n", "cut short": whole[: len(whole) // 2], "empty": b""}[damage])
    for extra in ([], ["--by", "tag"]):
        capsys.readouterr()
        code = main(["evaluate", str(folder), "--out", str(tmp_path / "out"), "--as-of", "2025-06-01", *extra])
        err = capsys.readouterr().err
        assert code == 1 and "internal error" not in err, err
        assert f"{path}: not a Parquet table that can be read" in err, err
    assert not (tmp_path / "out").exists()
