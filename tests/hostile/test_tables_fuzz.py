"""Hostile-input fuzzing of a folder of Parquet tables: damaged tables load without a traceback or a hang.

Each case damages the commitments table `ledger tables` wrote for the example ledger, and sometimes its
events table (byte flips, truncation, inserted bytes), and loads the folder. ``LEDGER_FUZZ_CASES`` sets the
budget, as for the YAML and CSV fuzzers (tests/hostile/test_fuzz.py).
"""

import os
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import load, write_tables
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
