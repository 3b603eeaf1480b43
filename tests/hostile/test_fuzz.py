"""Hostile-input fuzzing: mutated ledgers never raise, never hang, never lose a record silently.

Each case mutates a valid YAML or CSV ledger (byte flips, truncation, deep
nesting, tags and aliases, unicode controls, huge cells, unclosed quotes,
spreadsheet encodings) and loads it. ``LEDGER_FUZZ_CASES`` sets the cases per
test (100 in CI; the nightly run sets 5,000).
"""

import os
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import csv_ledger, yaml_ledger

from ledger import load_text

CASES = int(os.environ.get("LEDGER_FUZZ_CASES", "100"))
#: Seconds of CPU one load may take, however hostile its input. CPU time, not wall time: a hang is work
#: (a quadratic loop), and a CI machine shared with other jobs must not fail a fast load for waiting its turn.
TIME_LIMIT = 2.0
#: Problems about a whole file, which has no line to point at.
WHOLE_FILE = {"empty_file", "bad_encoding"}

EXAMPLE = (Path(__file__).resolve().parents[2] / "fixtures/examples/example.yaml").read_text(encoding="utf-8")
PAYLOADS = [
    "[" * 600 + "]" * 600,
    "{a: " * 300 + "1" + "}" * 300,
    "&a [*a, *a]",
    "*a",
    "!!python/object/apply:os.system ['true']",
    '"unclosed',
    "'unclosed",
    "x" * 200_000,
    '"' + "y" * 150_000,
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x0c",
    "\r",
    '=HYPERLINK("http://x")',
    ",,,,,,,,",
    ";",
    " | ",
    "end of " * 400,
]


@st.composite
def mutated(draw, base: str) -> bytes:
    data = bytearray(base.encode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "encode"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(PAYLOADS)).encode("utf-8")
        else:  # what a spreadsheet may save instead of UTF-8
            data = bytearray(
                draw(st.sampled_from([b"\xef\xbb\xbf" + bytes(data), bytes(data).replace(b"\n", b"\r\n")]))
            )
    return bytes(data)


def _entries(base: str, csv: bool) -> dict[str, str]:
    """Each commitment's id and the block of text that declares it."""
    if csv:
        return {line.split(",", 1)[0]: line for line in base.splitlines()[1:]}
    blocks = base.split("  - id: ")[1:]
    return {block.split("\n", 1)[0]: "  - id: " + block.rstrip("\n") for block in blocks}


def _check(data: bytes, base: str, path: str, fmt: str) -> None:
    started = time.process_time()
    result = load_text(data, path=path, format=fmt)  # never raises
    assert time.process_time() - started < TIME_LIMIT
    for problem in result.problems:
        assert problem.line is not None or problem.code in WHOLE_FILE, problem
    if not result.errors:
        # No error: every entry the mutations left whole is in the ledger.
        text = data.decode("utf-8", errors="replace")
        kept = {c.id for c in result.ledger.commitments}
        for name, block in _entries(base, fmt != "yaml").items():
            if block in text and text.count(name) == 1 and "\n" + block in "\n" + text:
                assert name in kept, (name, result)


YAML_BASE = yaml_ledger(6)
CSV_BASE = csv_ledger(6)


@settings(max_examples=CASES)
@given(mutated(YAML_BASE))
def test_fuzzed_yaml_loads_without_traceback_hang_or_silent_loss(data):
    """A mutated YAML ledger loads: no exception, within the time limit, every error on a line, nothing lost."""
    _check(data, YAML_BASE, "l.yaml", "yaml")


@settings(max_examples=CASES)
@given(mutated(CSV_BASE))
def test_fuzzed_csv_loads_without_traceback_hang_or_silent_loss(data):
    """A mutated commitments.csv loads: no exception, within the time limit, every error on a line, nothing lost."""
    _check(data, CSV_BASE, "commitments.csv", "commitments.csv")


@settings(max_examples=CASES // 2)
@given(mutated(EXAMPLE))
def test_fuzzed_example_ledger_loads_without_traceback_or_hang(data):
    """The full example ledger, mutated, loads without an exception, in time, every error on a line."""
    started = time.process_time()
    result = load_text(data, path="example.yaml")
    assert time.process_time() - started < TIME_LIMIT
    assert all(p.line is not None or p.code in WHOLE_FILE for p in result.problems)
