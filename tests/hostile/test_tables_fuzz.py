"""Hostile-input fuzzing of a folder of Parquet tables: damaged tables load without a traceback or a hang.

Each case damages the commitments table `ledger tables` wrote for the example ledger, and sometimes its
events table (byte flips, truncation, inserted bytes), and loads the folder. ``LEDGER_FUZZ_CASES`` sets the
budget, as for the YAML and CSV fuzzers (tests/hostile/test_fuzz.py).
"""

import contextlib
import io
import os
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import load, write_tables
from ledger.cli import main
from ledger.io.parquet import COMMITMENTS_FILE, EVENTS_FILE

CASES = int(os.environ.get("LEDGER_FUZZ_CASES", "100"))
TIME_LIMIT = 2.0  # seconds of CPU, as test_fuzz.py

_FOLDER = Path(tempfile.mkdtemp(prefix="ledger-tables-fuzz-"))
_LEDGER = load(Path(__file__).resolve().parents[2] / "fixtures" / "examples").ledger
write_tables(_LEDGER, _FOLDER)
TABLES = {name: (_FOLDER / name).read_bytes() for name in (COMMITMENTS_FILE, EVENTS_FILE)}


@st.composite
def damaged(draw, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "flip", "truncate", "insert"]))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del out[at:]
        else:
            out[at:at] = draw(st.binary(min_size=1, max_size=40))
    return bytes(out)


@settings(max_examples=max(CASES // 2, 1), deadline=None)
@given(damaged(TABLES[COMMITMENTS_FILE]), st.none() | damaged(TABLES[EVENTS_FILE]))
def test_damaged_tables_load_without_traceback_or_hang(tmp_path_factory, commitments, events):
    """No exception, within the time limit; every problem is on a row or about a whole table; a row refused is said."""
    folder = tmp_path_factory.mktemp("tables")
    (folder / COMMITMENTS_FILE).write_bytes(commitments)
    (folder / EVENTS_FILE).write_bytes(TABLES[EVENTS_FILE] if events is None else events)
    started = time.process_time()
    result = load(folder)  # never raises
    assert time.process_time() - started < TIME_LIMIT
    for problem in result.problems:
        assert problem.line is not None or problem.code == "unsupported_file", problem
    if not result.errors:
        # read whole: as many commitments and events as the example ledger (a damaged value may read as another)
        assert len(result.ledger.commitments) == len(_LEDGER.commitments)
        assert len(result.ledger.events) == len(_LEDGER.events)


@settings(max_examples=max(CASES // 5, 1), deadline=None)
@given(damaged(TABLES[COMMITMENTS_FILE]), st.none() | damaged(TABLES[EVENTS_FILE]))
def test_damaged_tables_never_crash_evaluate_or_partition(tmp_path_factory, commitments, events):
    """`ledger evaluate DIR` and `ledger partition DIR` on damaged tables: done (0) or refused with a sentence (1),
    never an internal error."""
    folder = tmp_path_factory.mktemp("tables")
    (folder / COMMITMENTS_FILE).write_bytes(commitments)
    (folder / EVENTS_FILE).write_bytes(TABLES[EVENTS_FILE] if events is None else events)
    for command in (  # each its own --out: evaluate reads fewer columns and may finish where partition is refused
        ["evaluate", str(folder), "--as-of", "2025-06-01", "--out", str(folder / "out")],
        ["partition", str(folder), "--partitions", "2", "--out", str(folder / "parts" / "out")],
    ):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(command)
        assert code in (0, 1), err.getvalue()
        assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
        if code == 1:
            assert not Path(command[-1]).exists(), (command[0], err.getvalue())  # no folder made for nothing


def test_evaluate_calls_an_arrow_failure_in_the_tables_a_damaged_file(tmp_path, monkeypatch, capsys):
    """An Arrow error while the tables are judged (a damaged page that decodes to an impossible array) is the
    user's file to check, with the command that finds it, and nothing is replaced."""
    import pyarrow as pa

    import ledger.verdicts.batched as batched

    write_tables(_LEDGER, tmp_path / "t")

    def broken(*args, **kwargs):
        raise pa.ArrowInvalid("Index not in dictionary bounds")

    monkeypatch.setattr(batched, "evaluate_folder", broken)
    code = main(["evaluate", str(tmp_path / "t"), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"the tables in {tmp_path / 't'} cannot be read (ArrowInvalid: Index not in dictionary bounds)" in err
    assert f"`ledger check {tmp_path / 't'}`" in err and "nothing was replaced" in err
    assert not (tmp_path / "out").exists()


def test_a_column_name_that_is_not_utf8_is_a_damaged_table_not_a_traceback(tmp_path):
    """Found by the fuzzer at 10,000 cases: a flipped byte in a footer's column name ("tags" as b"\\xf4ags") made
    Arrow raise UnicodeDecodeError, which the readers did not take for a damaged file. load says the file cannot be
    read; evaluate and partition refuse it with a sentence."""
    data = TABLES[COMMITMENTS_FILE]
    footer = data.rindex(b"\x18\x04tags")  # the schema's name of the column, in the footer (the pages hold no names)
    (tmp_path / COMMITMENTS_FILE).write_bytes(data[:footer] + b"\x18\x04\xf4ags" + data[footer + 6 :])
    (tmp_path / EVENTS_FILE).write_bytes(TABLES[EVENTS_FILE])
    result = load(tmp_path)
    assert [p.code for p in result.errors] == ["unsupported_file"]
    assert result.errors[0].path == str(tmp_path / COMMITMENTS_FILE)
    for command in (
        ["evaluate", str(tmp_path), "--as-of", "2025-06-01", "--out", str(tmp_path / "out")],
        ["partition", str(tmp_path), "--partitions", "2", "--out", str(tmp_path / "parts")],
    ):
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            assert main(command) == 1
        assert "can be read" in err.getvalue() and str(tmp_path / COMMITMENTS_FILE) in err.getvalue()
